#!/usr/bin/env bash
# The parallel first build (--jobs): the same index as one thread builds, on
# every format and with bad input; later runs update it; a kill or an
# interrupt during the build leaves a sound index; nothing is left behind.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
mkdir -p "$C/gen"
cp -r "$SAMPLES" "$C/samples"
cp -r "$TEST_DATA" "$C/data"
# 400 generated briefs over 40 files, one id given twice (in two files).
for f in $(seq 1 40); do
    for i in $(seq 1 10); do
        n=$(( f * 10 + i ))
        printf '{"id":"g%d","title":"Generated %d","date":"2024-02-%02d","body":"Talks %d between Canada and Brazil, with Olaf Scholz; item%d."}\n' \
            "$n" "$n" $(( n % 28 + 1 )) "$n" "$n"
    done >"$C/gen/f$f.jsonl"
done
printf '{"id":"g15","title":"Twice","body":"The later copy of g15, about Kenya."}\n' >"$C/gen/zz-dup.jsonl"

A="$WORK/serial.db"
B="$WORK/parallel.db"
R="$WORK/rolled.db"   # a worker starts a new shard every 5 briefs
index 1 --db "$A" -j 1 "$C"     # 1: the bad files fail, the rest is indexed
sed 's/ in [0-9.]* s$//' "$OUT" >"$WORK/sa"
index 1 --db "$B" -j 3 "$C"
sed 's/ in [0-9.]* s$//' "$OUT" >"$WORK/sb"
expect_eq "same summary" "$(cat "$WORK/sb")" "$(cat "$WORK/sa")"
BRIEFS_SHARD_BRIEFS=5 index 1 --db "$R" -j 2 "$C"
sed 's/ in [0-9.]* s$//' "$OUT" >"$WORK/sr"
expect_eq "same summary, many shards" "$(cat "$WORK/sr")" "$(cat "$WORK/sa")"

for P in "$B" "$R"; do
    # Nothing of the build is left behind, and Xapian finds the index sound.
    expect_eq "no shards left" "$(find "$P" -name '.shards' | wc -l | tr -d ' ')" 0
    expect_eq "no merge dir left" "$(ls -d "$WORK"/*.merging 2>/dev/null | wc -l | tr -d ' ')" 0
    if command -v xapian-check >/dev/null; then
        xapian-check "$P" >/dev/null || fail "xapian-check $P"
        checks=$((checks + 1))
    fi

    # The same briefs, the same ranking statistics, the same facets.
    for q in '' 'talks' 'country:canada' 'person:"olaf scholz"' 'sullivan china' 'id:g15'; do
        query 0 --db "$A" --format ids -n 10000 "$q"
        sort "$OUT" >"$WORK/ia"
        query 0 --db "$P" --format ids -n 10000 "$q"
        sort "$OUT" >"$WORK/ib"
        expect_eq "ids of '$q' in $(basename "$P")" "$(cat "$WORK/ib")" "$(cat "$WORK/ia")"
    done
    expect_eq "g15 is the later copy" "$(ids --db "$P" 'id:g15 kenya')" "g15"
    for db in "$A" "$P"; do
        query 0 --db "$db" --format json -n 0 --facets person,country --facet-limit 1000 ''
        jq -c '.facets' "$OUT" >"$db.facets"
    done
    expect_eq "facets of $(basename "$P")" "$(cat "$P.facets")" "$(cat "$A.facets")"
    query 1 --db "$P" 'sanctons'
    expect_grep 'Did you mean: sanctions' "$OUT"   # spelling data merged
done

# Later runs are incremental, on one thread, on the merged index.
index 0 --db "$B" -j 3 "$C/gen"
expect_grep '^brief-index: 41 files \(41 unchanged\); 0 briefs added, 0 updated, [0-9]+ unchanged, 0 deleted;' "$OUT"
index 1 --db "$B" -j 3 "$C"
# Files with a bad brief are read again each run. Their good briefs are
# already indexed as they are (unchanged, not written again), but for the 4
# ids that briefs.jsonl and its copy briefs.jsonl.gz both hold: the index
# holds them from the .gz, so the first file writes them, then the second
# (read last, it wins) writes them back: 8 updated.
expect_grep '^brief-index: [0-9]+ files \([0-9]+ unchanged\); 0 briefs added, 8 updated, [0-9]+ unchanged, 0 deleted; 0 skipped, 3 failed' "$OUT"
printf '{"id":"g21","title":"Changed","body":"Now about Chile."}\n' >"$C/gen/f2.jsonl"
index 0 --db "$B" -j 3 "$C/gen"
expect_grep '^brief-index: 41 files \(40 unchanged\); 0 briefs added, 1 updated, [0-9]+ unchanged, 9 deleted; 0 skipped, 0 failed' "$OUT"
expect_eq "changed brief" "$(ids --db "$B" 'country:chile changed')" "g21"

# Killed during the build: the index is empty or whole, never part; the next
# run builds it whole.
mkdir -p "$C/big"
for f in $(seq 1 20); do
    for i in $(seq 1 150); do
        printf '{"id":"b%d-%d","title":"Big %d","body":"Shipping rates between Norway and Chile rose, harbour %d of %d."}\n' \
            "$f" "$i" "$i" "$i" "$f"
    done >"$C/big/$f.jsonl"
done
for delay in 0.05 0.2 0.5; do
    K="$WORK/killed.db"
    rm -rf "$K"
    "$BRIEF_INDEX" -q --db "$K" -j 2 "$C/big" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ -d "$K" ] && [ -e "$K/iamglass" ]; then
        "$BRIEF_QUERY" --db "$K" --format json -n 0 '' >"$OUT" || true   # 1: no match
        n=$(jq .total.estimated "$OUT")
        [ "$n" = 0 ] || [ "$n" = 3000 ] || fail "killed after $delay s: $n briefs, wanted 0 or 3000"
        checks=$((checks + 1))
    fi
    index 0 --db "$K" -j 2 "$C/big"
    query 0 --db "$K" --format json -n 0 ''
    expect_eq "rebuilt after a kill at $delay s" "$(jq .total.estimated "$OUT")" 3000
    expect_eq "no shards left after a kill" "$(find "$K" -name '.shards' | wc -l | tr -d ' ')" 0
done

# A crash between the swap and the clean-up leaves the old index beside the
# new one (INDEX.merging), and one inside it leaves INDEX/.shards: any later
# run (here an incremental one) removes both, each marked scratch, unless a
# live build holds the lock of the one beside. An index the user made there
# (marked directory) is theirs, and so is anything unmarked.
L="$WORK/left.db"
scratch() { printf 'scratch\n' >"$1/.made-by-briefs"; }
index 0 --db "$L" -j 2 "$C/big"
index 0 --db "$L.merging" -j 1 "$C/big"
index 0 --db "$L" "$C/big"
expect_eq "a user's index beside is kept" "$(ls -d "$L.merging" 2>/dev/null | wc -l | tr -d ' ')" 1
scratch "$L.merging"
mkdir -p "$L/.shards/0"
scratch "$L/.shards"; scratch "$L/.shards/0"; : >"$L/.shards/0/postlist.glass"
index 0 --db "$L" "$C/big"
expect_eq "leftover merge dir removed" "$(ls -d "$L.merging" 2>/dev/null | wc -l | tr -d ' ')" 0
expect_eq "leftover shards removed" "$(ls -d "$L/.shards" 2>/dev/null | wc -l | tr -d ' ')" 0
mkdir -p "$L/.shards/0" "$L.merging"
echo mine >"$L/.shards/0/notes"; echo mine >"$L.merging/notes"
index 0 --db "$L" "$C/big"
expect_eq "unmarked dirs kept" "$(cat "$L/.shards/0/notes" "$L.merging/notes")" "mine
mine"
rm -r "$L/.shards" "$L.merging"
${BRIEFS_TEST_WRAPPER:-} "$BRIEF_INDEX" -q --db "$L.merging" -j 1 --full --batch 10 "$C/big" &
holder=$!
# Never leave it stopped: a failed check below would leave ctest waiting for it.
trap 'kill -CONT "$holder" 2>/dev/null; kill "$holder" 2>/dev/null; rm -rf "$WORK"' EXIT
# Xapian writes iamglass while it holds the lock (flintlock is there before).
for _ in $(seq 1 500); do [ -e "$L.merging/iamglass" ] && break; sleep 0.02; done
[ -e "$L.merging/iamglass" ] || fail "the indexer holding the merge dir never made its index"
kill -STOP "$holder"
scratch "$L.merging"   # as a build that has just swapped
index 0 --db "$L" "$C/big"
expect_eq "a locked merge dir is left alone" "$(ls -d "$L.merging" 2>/dev/null | wc -l | tr -d ' ')" 1
kill -CONT "$holder"
wait "$holder" || fail "the indexer holding the merge dir failed"
trap 'rm -rf "$WORK"' EXIT

# Interrupted: what was read is committed, and the summary says so.
I="$WORK/interrupted.db"
"$BRIEF_INDEX" --db "$I" -j 2 "$C/big" >"$OUT" 2>"$ERR" &
pid=$!
# Once the index exists, brief-index has its handler for SIGINT (set before
# it opens the index): a slow start (ASan, a loaded machine) would otherwise
# meet the signal's default action, no summary and no index.
for _ in $(seq 1 1500); do [ -e "$I" ] && break; sleep 0.02; done
sleep 0.2
kill -INT "$pid" 2>/dev/null || true
got=0
wait "$pid" || got=$?
[ "$got" = 130 ] || [ "$got" = 0 ] || fail "interrupted build exit status $got"
added=$(sed -n 's/^brief-index: .*; \([0-9]*\) briefs\{0,1\} added.*/\1/p' "$OUT")
query 0 --db "$I" --format json -n 0 ''
expect_eq "interrupted: briefs committed = briefs added" "$(jq .total.estimated "$OUT")" "$added"

# --jobs must be a count.
index 2 --db "$WORK/x.db" -j 0 "$C/gen"
expect_grep 'jobs' "$ERR"

done_ok
