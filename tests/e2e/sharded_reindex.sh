#!/usr/bin/env bash
# scripts/brief-reindex on a sharded index (brief-index --shards): the first
# run makes it, later runs, with or without --shards, are incremental and
# keep each brief in its shard; --compact is refused in one line, exit 2,
# before anything is indexed.
. "$(dirname "$0")/lib.sh"
REINDEX="$BRIEF_REINDEX"
export BRIEF_INDEX

C="$WORK/corpus"
S="$WORK/sharded.db"
numbered_briefs "$C" 60 'Tin market %s between Bolivia and Peru.'
placement() {
    local k
    for k in 0 1 2; do
        query 0 -d "$S/shard-0$k" --format ids -n 1000 ''
        sed "s/\$/ $k/" "$OUT"
    done | LC_ALL=C sort
}

run 0 "$REINDEX" --shards 3 -d "$S" "$C"
expect_grep "Z brief-index: 60 files \\(0 unchanged\\); 60 briefs added" "$OUT"
expect_eq "the stub" "$(wc -l <"$S/XAPIANDB" | tr -d ' ')" 3
placement >"$WORK/first"
expect_eq "60 briefs, each in one shard" "$(cut -d' ' -f1 "$WORK/first" | sort -u | wc -l | tr -d ' ')" 60
[ -e "$S.reindex.lock" ] || fail "no lock file beside the index"
checks=$((checks + 1))

# Later runs: without --shards (the recorded N), then with it.
printf 'Title: Brief 7\n\nZinc market between Bolivia and Chile.\n' >"$C/7.txt"
rm "$C/8.txt"
run 0 "$REINDEX" -d "$S" "$C"
expect_grep "brief-index: 59 files \\(58 unchanged\\); 0 briefs added, 1 updated, 58 unchanged, 1 deleted" "$OUT"
run 0 "$REINDEX" --shards 3 -d "$S" "$C"
expect_grep "brief-index: 59 files \\(59 unchanged\\)" "$OUT"
placement >"$WORK/later"
expect_eq "each brief in its shard" "$(cat "$WORK/later")" "$(grep -v "^$C/8.txt " "$WORK/first")"
expect_eq "the change found" "$(ids -d "$S" zinc)" "$C/7.txt"
# Another N: brief-index's one line and status.
run 2 "$REINDEX" --shards 2 -d "$S" "$C"
expect_grep "an index of 3 shards: --shards 2 would split it again" "$OUT"

# --compact: refused before anything runs, with or without --shards.
printf 'Title: Brief 61\n\nA newcomer about Bolivia.\n' >"$C/61.txt"
for args in "-d $S" "--shards 3 -d $S" "--shards=3 -d $WORK/new.db"; do
    # shellcheck disable=SC2086 # the words of args are the arguments
    run 2 "$REINDEX" --compact $args "$C"
    expect_eq "stderr of --compact $args" "$(lines "$ERR")" 1
    expect_grep "^brief-reindex: --compact: .* is a sharded index, whose shards are not compacted: run without --compact \\(try --help\\)$" "$ERR"
done
expect_eq "nothing indexed" "$(EXPECT_STATUS=1 ids -d "$S" newcomer)" ""
[ ! -e "$WORK/new.db" ] && [ ! -e "$S.d" ] || fail "--compact made something"
checks=$((checks + 1))
run 0 "$REINDEX" -d "$S" "$C"
expect_eq "then indexed" "$(ids -d "$S" newcomer)" "$C/61.txt"
# An unsharded index still compacts.
run 0 "$REINDEX" --compact -d "$WORK/plain.db" "$C"
expect_grep "compacted $WORK/plain.db" "$OUT"

done_ok
