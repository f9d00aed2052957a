#!/usr/bin/env bash
# A sharded index (brief-index --shards N, indexer/partitions.h): the same
# briefs as an unsharded index, each in exactly one shard (the one its id
# hashes to), staying there across runs; a changed, moved, deleted or re-used
# brief is updated in its shard only; the stub opens as one database; wrong
# use is refused in one line, exit 2, with nothing written.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
mkdir -p "$C/gen"
cp -r "$SAMPLES" "$C/samples"
cp "$TEST_DATA/mini.sgm" "$C/"
# 300 generated briefs over 30 files.
for f in $(seq 1 30); do
    for i in $(seq 1 10); do
        n=$((f * 10 + i))
        printf '{"id":"g%d","title":"Generated %d","date":"2024-03-%02d","body":"Grain talks %d between Chile and Norway, with Jacinda Ardern; item%d."}\n' \
            "$n" "$n" $((n % 28 + 1)) "$n" "$n"
    done >"$C/gen/f$f.jsonl"
done

A="$WORK/single.db"
S="$WORK/sharded.db"

# all_ids DB: every id DB holds, sorted.
all_ids() { query 0 -d "$1" --format ids -n 100000 ''; LC_ALL=C sort "$OUT"; }
# placement DB N: "ID SHARD" for every brief of each of DB's N shards, sorted.
placement() {
    local k
    for ((k = 0; k < $2; k++)); do
        query 0 -d "$(printf '%s/shard-%02d' "$1" "$k")" --format ids -n 100000 ''
        sed "s/\$/ $k/" "$OUT"
    done | LC_ALL=C sort
}
# check_sharded WHAT: S holds exactly A's briefs, each in one shard, and
# every shard and the file table are sound.
check_sharded() {
    all_ids "$A" >"$WORK/want"
    all_ids "$S" >"$WORK/got"
    expect_eq "$1: the same ids through the stub" "$(cat "$WORK/got")" "$(cat "$WORK/want")"
    placement "$S" 3 >"$WORK/placed"
    expect_eq "$1: each id in one shard" "$(cut -d' ' -f1 "$WORK/placed")" "$(cat "$WORK/want")"
    for db in "$S"/shard-0[0-2] "$S/filetable"; do
        xapian-check "$db" >/dev/null || fail "$1: xapian-check $db"
        checks=$((checks + 1))
    done
}

index 0 -q -d "$A" "$C"
index 0 --shards 3 -d "$S" "$C"
expect_grep ' 3[0-9][0-9] briefs added' "$OUT"
check_sharded "first build"

# The layout: a stub Xapian opens, three shards, the file table beside them.
expect_eq "stub" "$(cat "$S/XAPIANDB")" "$(printf 'auto shard-00\nauto shard-01\nauto shard-02')"
for d in "$S" "$S/filetable" "$S/shard-00" "$S/shard-02"; do
    expect_eq "$d is marked" "$(head -n 1 "$d/.made-by-briefs")" directory
done
expect_eq "the file table holds no brief" \
    "$(xapian-delve "$S/filetable" | sed -n 's/^number of documents = //p')" 0
expect_eq "xapian-delve reads the stub" \
    "$(xapian-delve "$S" | sed -n 's/^number of documents = //p')" "$(lines "$WORK/want")"
# Every shard holds some of the 300 (an even hash).
for k in 0 1 2; do
    expect_eq "shard $k has over 80 briefs" "$(($(grep -c " $k\$" "$WORK/placed") > 80))" 1
done
# The totals, facets and hits through the stub are those of the single
# index (the order of equal weights is brief-query's matter: docids differ).
for db in "$A" "$S"; do
    query 0 -d "$db" --format json -n 1000 --facets person,country 'grain talks'
    jq -c '[.total, .facets, ([.hits[].id] | sort)]' "$OUT" >"$db.answer"
done
expect_eq "the same answer" "$(cat "$S.answer")" "$(cat "$A.answer")"

# Stable: a run without --shards, or with the same N, changes nothing.
cp "$WORK/placed" "$WORK/placed.first"
index 0 -d "$S" "$C"
sed 's/ in [0-9.]* s$//' "$OUT" >"$WORK/second.sharded"
index 0 -d "$A" "$C"
sed 's/ in [0-9.]* s$//' "$OUT" >"$WORK/second.single"
expect_eq "a second run as unsharded" "$(cat "$WORK/second.sharded")" "$(cat "$WORK/second.single")"
expect_grep ' 0 briefs added, 0 updated, .* 0 deleted' "$OUT"
index 0 --shards 3 --full -d "$S" "$C"
expect_grep ' 0 briefs added, 3[0-9][0-9] updated' "$OUT"
check_sharded "after two more runs"
expect_eq "each brief stays in its shard" "$(cat "$WORK/placed")" "$(cat "$WORK/placed.first")"

# shard_of ID: the shard holding ID now.
shard_of() { placement "$S" 3 | sed -n "s/^$1 //p"; }
# per_shard: the ids of each shard, one file each, to see which changed.
per_shard() { for k in 0 1 2; do placement "$S" 3 | sed -n "s/ $k\$//p" >"$WORK/shard$k.$1"; done; }
home=$(shard_of g15)
per_shard before

# A changed brief is written again in its shard only.
sed -i 's/Grain talks 15 /Barley accord 15 /' "$C/gen/f1.jsonl"
index 0 -d "$S" "$C"
expect_grep ' 0 briefs added, 1 updated, .* 0 deleted' "$OUT"
index 0 -q -d "$A" "$C"
check_sharded "a changed brief"
expect_eq "found again, in its shard" "$(ids -d "$S/shard-0$home" barley)" g15
for k in 0 1 2; do
    [ "$k" = "$home" ] || expect_eq "not in shard $k" "$(EXPECT_STATUS=1 ids -d "$S/shard-0$k" barley)" ""
done

# A brief that moves to another file (same id): in the same shard, once.
grep '"id":"g15"' "$C/gen/f1.jsonl" >>"$C/gen/f30.jsonl"
sed -i '/"id":"g15"/d' "$C/gen/f1.jsonl"
index 0 -d "$S" "$C"
index 0 -q -d "$A" "$C"
check_sharded "a moved brief"
expect_eq "the moved brief stays in its shard" "$(shard_of g15)" "$home"
query 0 -d "$S" --format json 'id:g15'
expect_grep 'f30\.jsonl' "$OUT"

# A deleted brief goes from its shard; the others keep theirs.
sed -i '/"id":"g21"/d' "$C/gen/f2.jsonl"
gone=$(grep -l '^g21$' "$WORK"/shard?.before | sed 's/.*shard\(.\)\.before/\1/')
index 0 -d "$S" "$C"
expect_grep ' 1 deleted' "$OUT"
index 0 -q -d "$A" "$C"
check_sharded "a deleted brief"
per_shard after
for k in 0 1 2; do
    if [ "$k" = "$gone" ]; then
        expect_eq "g21 gone from shard $k" "$(grep -vx g21 "$WORK/shard$k.before")" "$(cat "$WORK/shard$k.after")"
    else
        expect_eq "shard $k as it was" "$(cat "$WORK/shard$k.after")" "$(cat "$WORK/shard$k.before")"
    fi
done

# The id re-used by another brief in a new file: back in the same shard.
printf '{"id":"g21","title":"Reborn","body":"A new brief under an old id, about Peru."}\n' >"$C/gen/new.jsonl"
index 0 -d "$S" "$C"
expect_grep ' 1 brief added' "$OUT"
index 0 -q -d "$A" "$C"
check_sharded "a re-used id"
expect_eq "the re-used id in its shard" "$(shard_of g21)" "$gone"
expect_eq "its new text" "$(ids -d "$S" 'reborn peru')" g21

# A whole file gone: its briefs go from every shard.
rm "$C/gen/f3.jsonl"
index 0 -d "$S" "$C"
expect_grep ' 10 deleted' "$OUT"
index 0 -q -d "$A" "$C"
check_sharded "a file gone"

# Wrong use: one line, exit 2, nothing written.
# tree: every file of both indexes with its size, mtime and bytes.
tree() { find "$S" "$A" -type f -printf '%p %s %T@ ' -exec sha256sum {} \; | LC_ALL=C sort; }
before=$(tree)
index 2 --shards 0 -d "$WORK/new.db" "$C"
expect_grep "^brief-index: --shards: not a count from 1 to 256: '0'$" "$ERR"
index 2 --shards abc -d "$WORK/new.db" "$C"
expect_grep "^brief-index: --shards: not a count from 1 to 256: 'abc'$" "$ERR"
index 2 --shards 257 -d "$WORK/new.db" "$C"
index 2 --shards 3 -d "$A" "$C"
expect_eq "sharding an unsharded index: one line" "$(lines "$ERR")" 1
expect_grep "^brief-index: .*single.db: an unsharded index: --shards 3 needs a new index" "$ERR"
expect_eq "no summary" "$(lines "$OUT")" 0
index 2 --shards 2 -d "$S" "$C"
expect_eq "another N: one line" "$(lines "$ERR")" 1
expect_grep "^brief-index: .*sharded.db: an index of 3 shards: --shards 2 would split it again" "$ERR"
[ ! -e "$WORK/new.db" ] || fail "a refused run made $WORK/new.db"
expect_eq "nothing written" "$(tree)" "$before"

# One shard is a sharded index too.
index 0 -q --shards 1 -d "$WORK/one.db" "$C/gen"
expect_eq "one shard" "$(cat "$WORK/one.db/XAPIANDB")" "auto shard-00"
index 0 -q -d "$WORK/gen.db" "$C/gen"
expect_eq "one shard: every brief" "$(all_ids "$WORK/one.db")" "$(all_ids "$WORK/gen.db")"

# The file table's lock is the index's: a second indexer meets it (exit 75).
BIG="$WORK/big"
mkdir -p "$BIG"
for f in $(seq 1 40); do
    for i in $(seq 1 50); do
        printf '{"id":"b%d-%d","title":"Big %d","body":"Lumber exports %d to Japan."}\n' "$f" "$i" "$i" "$f"
    done >"$BIG/$f.jsonl"
done
L="$WORK/locked.db"
# It stops itself after its 11th step: the file table made with the lock
# held and N recorded, both shards made, shard-01's version file renamed.
stopped_at 11 --shards 2 -d "$L" --batch 50 "$BIG"
first=$stopped
index 75 -d "$L" --wait 0 "$C/gen"
expect_grep "locked.db: index is locked by another indexer" "$ERR"
expect_eq "one line" "$(lines "$ERR")" 1
kill -CONT "$first"
wait "$first" || fail "the first indexer failed"
index 0 -q -d "$L" "$BIG"
expect_eq "2000 briefs" "$(count "$L")" 2000

done_ok
