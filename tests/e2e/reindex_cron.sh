#!/usr/bin/env bash
# scripts/brief-reindex: timestamps, the lock (runs never pile up), exit
# status passed through, compaction swapped in under a running query loop.
. "$(dirname "$0")/lib.sh"
: "${BRIEFS_SOURCE_DIR:?set by ctest}"
REINDEX="$BRIEF_REINDEX"
export BRIEF_INDEX

C="$WORK/corpus"
numbered_briefs "$C" 200 'Trade talks %s between France and Japan.'

run 0 "$REINDEX" "$C"
expect_grep "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z brief-index: 200 files \\(0 unchanged\\); 200 briefs added, 0 updated" "$OUT"
run 0 "$REINDEX" --quiet "$C"
expect_eq "quiet" "$(cat "$OUT")" ""

# Usage errors of brief-index come back as its status.
run 2 "$REINDEX" --no-such-option "$C"

# Its own options typed wrong: one line naming the mistake, exit 2, before
# anything is locked, indexed or compacted.
printf 'Title: New\n\nA newcomer brief.\n' >"$C/new.txt"
for args in "--lock" "--lock= $C" "--keep" "--keep x --compact $C" "--keep=-1 --compact $C" \
            "--keep 99999999999999999999 --compact $C"; do
    # shellcheck disable=SC2086 # the words of args are the arguments
    run 2 "$REINDEX" $args
    expect_eq "stderr of brief-reindex $args" "$(lines "$ERR")" 1
    expect_grep "^brief-reindex: --(lock|keep)[ :].* \\(try --help\\)$" "$ERR"
done
run 2 "$REINDEX" --keep x --compact "$C"
expect_eq "what --keep x says" "$(cat "$ERR")" "brief-reindex: --keep: not a count: 'x' (try --help)"
checks=$((checks + 1))
[ ! -L "$BRIEFS_DB" ] || fail "a wrong --keep still compacted"
# --config: brief-index's message, timestamped, its status; no lock taken.
rm -f "$BRIEFS_DB.reindex.lock"
run 2 "$REINDEX" --config "$WORK/no-such.conf"
expect_grep "^[0-9-]{10}T[0-9:]{8}Z brief-index: $WORK/no-such.conf: No such file or directory$" "$OUT"
checks=$((checks + 1))
[ ! -e "$BRIEFS_DB.reindex.lock" ] || fail "a missing --config file still took the lock"
run 0 "$REINDEX" --quiet "$C"
run 0 "$BRIEF_QUERY" --format ids newcomer
rm "$C/new.txt"
run 0 "$REINDEX" --version
expect_eq "--version" "$(cat "$OUT")" "brief-reindex $BRIEFS_VERSION"

# Another run holds the lock: one line, exit 75.
# flock -o: only the flock process holds the lock, so killing it frees it.
touch "$BRIEFS_DB.reindex.lock"
flock -o "$BRIEFS_DB.reindex.lock" sleep 30 >/dev/null 2>&1 &
holder=$!
# Wait until the holder has the lock (a loaded machine may take a while).
for _ in $(seq 1 200); do flock -n "$BRIEFS_DB.reindex.lock" true || break; sleep 0.05; done
run 75 "$REINDEX" "$C"
expect_grep "brief-reindex: another brief-reindex holds" "$OUT"
expect_eq "one line" "$(lines "$OUT")" 1
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null || true

# The first --compact moves the plain directory into the generation layout
# (not atomic: a query at that instant finds no index); after it, compaction
# swaps generations under running queries, and none fails.
run 0 "$REINDEX" --compact "$C"
expect_grep "brief-reindex: moved .* is now a symbolic link" "$OUT"
( while [ ! -e "$WORK/stop" ]; do
      n=$("$BRIEF_QUERY" --format ids -n 1000 trade | wc -l) || { echo fail >"$WORK/failed"; break; }
      [ "$n" = 200 ] || { echo "$n" >"$WORK/failed"; break; }
  done ) &
loop=$!
for _ in 1 2 3 4; do
    run 0 "$REINDEX" --compact --keep 1 "$C"
    expect_grep "brief-reindex: compacted" "$OUT"
done
touch "$WORK/stop"; wait "$loop"
[ ! -e "$WORK/failed" ] || fail "a query failed during compaction: $(cat "$WORK/failed")"
[ -L "$BRIEFS_DB" ] || fail "the index is not a symbolic link after --compact"
expect_eq "generations kept" "$(ls "$BRIEFS_DB.d" | wc -l)" 2
xapian-check "$BRIEFS_DB" >/dev/null || fail "xapian-check after compaction"
checks=$((checks + 1))

# Incremental indexing goes on through the link.
rm "$C/1.txt"
run 0 "$REINDEX" "$C"
expect_grep "brief-index: 199 files \\(199 unchanged\\); 0 briefs added, 0 updated, 199 unchanged, 1 deleted" "$OUT"

done_ok
