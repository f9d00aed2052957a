#!/usr/bin/env bash
# brief-index run again and again, as from cron: change detection (add,
# modify, touch, copy back, delete, rename, a JSON Lines file losing a line),
# kill -9 at random moments, two indexers at once, queries during a reindex.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
mkdir -p "$C/a" "$C/b"

# brief FILE N: write a small synthetic brief numbered N.
brief() {
    printf 'Title: Brief number %s\nDate: 2024-01-%02d\nSource: Test\n\nTrade talks %s between France and Japan, topic%s.\n' \
        "$2" $(( $2 % 28 + 1 )) "$2" "$2" >"$1"
}
for i in $(seq 1 20); do brief "$C/a/$i.txt" "$i"; done
for i in $(seq 21 30); do brief "$C/b/$i.txt" "$i"; done
printf '%s\n' '{"id":"j1","title":"One","body":"Line one about Germany."}' \
    '{"id":"j2","title":"Two","body":"Line two about Germany."}' \
    '{"id":"j3","title":"Three","body":"Line three about Germany."}' >"$C/b/many.jsonl"

# summary A U D N [K]: the last run's summary: briefs added, updated,
# deleted; files unchanged; briefs unchanged (K, any when not given).
summary() {
    expect_grep "^brief-index: [0-9]+ files? \\($4 unchanged\\); $1 briefs? added, $2 updated, ${5:-[0-9]+} unchanged, $3 deleted; 0 skipped, 0 failed \\(files or briefs\\); in [0-9.]+ s$" "$OUT"
}
count() { query 0 --format json -n 0 ''; jq .total.estimated "$OUT"; }

index 0 "$C"
summary 33 0 0 0 0
expect_eq "briefs" "$(count)" 33

# Nothing changed: nothing read; the briefs of the files not read are unchanged.
index 0 "$C"
summary 0 0 0 31 33

# Touch: same bytes, not reindexed; the next run does not even hash it.
touch -d '2001-01-01' "$C/a/1.txt"
index 0 "$C"
summary 0 0 0 31
index 0 --json "$C"
expect_eq "json files unchanged" "$(jq .files_unchanged "$OUT")" 31
expect_eq "json briefs unchanged" "$(jq .briefs_unchanged "$OUT")" 33

# Modify: reindexed; copy the old bytes back: reindexed again (new content).
cp "$C/a/2.txt" "$WORK/2.orig"
echo "Added words zanzibar." >>"$C/a/2.txt"
index 0 "$C"
summary 0 1 0 30 32
expect_eq "modified text found" "$(EXPECT_STATUS=0 ids zanzibar | wc -w)" 1
cp "$WORK/2.orig" "$C/a/2.txt"
index 0 "$C"
summary 0 1 0 30
expect_eq "old text gone" "$(EXPECT_STATUS=1 ids zanzibar | wc -w)" 0

# Copy back identical content over a file (new mtime, same bytes): unchanged.
cp "$C/a/3.txt" "$WORK/3.copy"; sleep 0.01; cp "$WORK/3.copy" "$C/a/3.txt"
index 0 "$C"
summary 0 0 0 31

# Add and delete.
brief "$C/a/new.txt" 99
rm "$C/a/4.txt"
index 0 "$C"
summary 1 0 1 30
expect_eq "briefs" "$(count)" 33
expect_eq "deleted brief gone" "$(EXPECT_STATUS=1 ids "id:$C/a/4.txt" | wc -w)" 0

# Rename a file and a directory: old ids deleted, new ones added.
mv "$C/a/5.txt" "$C/a/5-renamed.txt"
mv "$C/b" "$C/c"
index 0 "$C"
summary 11 3 11 19
expect_eq "briefs" "$(count)" 33
expect_eq "renamed id" "$(ids "id:$C/a/5-renamed.txt" | wc -w)" 1

# A JSON Lines file losing a line loses that brief; the others did not
# change: they are not written again.
grep -v '"j2"' "$C/c/many.jsonl" >"$WORK/m" && mv "$WORK/m" "$C/c/many.jsonl"
index 0 "$C"
summary 0 0 1 30
expect_eq "j2 gone" "$(EXPECT_STATUS=1 ids id:j2 | wc -w)" 0
expect_eq "j1 kept" "$(ids id:j1)" j1

# An id in two files: the index keeps one brief, from the file read last (the
# walk goes by name). A file that drops the id, or is gone, takes the brief
# only when the index holds it from that file, and then the other file's
# brief is read again; an id that moved to another file stays.
D="$WORK/dup"
DDB="$WORK/dup.db"
mkdir -p "$D"
jl() { printf '{"id":"%s","title":"%s","body":"%s"}\n' "$@"; }
{ jl dup "From A" "Version alpha."; jl a2 "A two" "Other words."; } >"$D/a.jsonl"
jl dup "From B" "Version bravo." >"$D/b.jsonl"
index 0 -d "$DDB" "$D"
summary 2 1 0 0
dupbody() { query 0 -d "$DDB" --format json id:dup; jq -r '.hits[0].title' "$OUT"; }
expect_eq "last file read wins" "$(dupbody)" "From B"
jl b1 "B one" "Only in bravo." >"$D/b.jsonl"
index 0 -d "$DDB" "$D"
summary 1 1 0 1
expect_eq "dropped by its file, read again from the other" "$(dupbody)" "From A"
jl dup "From C" "Version charlie." >"$D/c.jsonl"
index 0 -d "$DDB" "$D"
summary 0 1 0 2
expect_eq "moved to a new file" "$(dupbody)" "From C"
jl a2 "A two" "Other words." >"$D/a.jsonl"
index 0 -d "$DDB" "$D"
summary 0 0 0 2
expect_eq "a file dropping an id held from another file keeps it" "$(dupbody)" "From C"
{ jl dup "From A" "Version alpha."; jl a2 "A two" "Other words."; } >"$D/a.jsonl"
index 0 -d "$DDB" "$D"
summary 0 1 0 2
expect_eq "a changed file that holds the id again takes it back" "$(dupbody)" "From A"
rm "$D/a.jsonl"
index 0 -d "$DDB" "$D"
summary 0 1 1 2
expect_eq "a file gone: its id read again from the file left" "$(dupbody)" "From C"
query 0 -d "$DDB" --format ids -n 10 ''
expect_eq "briefs left" "$(sort "$OUT" | tr '\n' ' ')" "b1 dup "

# Indexing a subdirectory never deletes what lies outside it.
index 0 "$C/a"
summary 0 0 0 20
expect_eq "briefs" "$(count)" 32

# --full reads and writes everything again.
index 0 --full "$C"
summary 0 32 0 0 0

# --quiet prints nothing on success.
index 0 -q "$C"
expect_eq "quiet" "$(cat "$OUT" "$ERR")" ""
xapian-check "$BRIEFS_DB" >/dev/null || fail "xapian-check after the changes"

# Killed while Xapian was creating the index: the tables are there, the
# version file is not; the next run creates the index afresh. A directory
# holding anything else is left alone, and so is one without our marker.
U="$WORK/unfinished.db"
mkdir -p "$U"
: >"$U/flintlock"; : >"$U/postlist.glass"; : >"$U/termlist.glass"; echo x >"$U/v.tmp"
index 74 -q -d "$U" "$C/a"
expect_grep "not an index" "$ERR"
printf 'directory\n' >"$U/.made-by-briefs"
index 0 -q -d "$U" "$C/a"
query 0 -d "$U" --format json -n 0 ''
expect_eq "created afresh" "$(jq .total.estimated "$OUT")" 20
F="$WORK/foreign.db"
mkdir -p "$F"
: >"$F/postlist.glass"; echo keep >"$F/notes.txt"; printf 'directory\n' >"$F/.made-by-briefs"
index 74 -d "$F" "$C/a"
expect_grep "cannot open index" "$ERR"
expect_eq "foreign files kept" "$(ls "$F" | tr '\n' ' ')" "flintlock notes.txt postlist.glass "
rm "$F/notes.txt"; echo data >"$F/postlist.glass"
index 74 -d "$F" "$C/a"
expect_eq "a table with data kept" "$(cat "$F/postlist.glass")" "data"

# --- two indexers at once -------------------------------------------------
BIG="$WORK/big"
mkdir -p "$BIG"
for d in $(seq 1 40); do
    mkdir -p "$BIG/$d"
    for i in $(seq 1 50); do brief "$BIG/$d/$i.txt" $((d * 100 + i)); done
done
DB2="$WORK/two.db"
# The first stops itself after its third step of the file system (making
# the index's directory, Xapian's mkdir, then the rename of its version file
# once it holds the lock), so the second meets the lock for sure.
stopped_at 3 -d "$DB2" --batch 50 "$BIG"
first=$stopped
index 75 -d "$DB2" --wait 0 "$C"
expect_grep "index is locked by another indexer" "$ERR"
expect_eq "one line" "$(lines "$ERR")" 1
# --wait long enough: waits for the first, then runs.
( sleep 1; kill -CONT "$first" ) &
index 0 -d "$DB2" --wait 60 "$C"
wait $!
wait "$first" || fail "the first indexer failed"

# --- a query loop during a reindex never fails ----------------------------
( while [ ! -e "$WORK/stop-queries" ]; do
      "$BRIEF_QUERY" -d "$DB2" --format ids -n 3 trade >/dev/null || { echo failed >"$WORK/query-failed"; break; }
  done ) &
loop=$!
"$BRIEF_INDEX" -q -d "$DB2" --full --batch 100 "$BIG" || fail "reindex under queries"
touch "$WORK/stop-queries"; wait "$loop"
[ ! -e "$WORK/query-failed" ] || fail "a query failed during the reindex"
checks=$((checks + 1))

# --- kill -9 at random moments --------------------------------------------
# Change a tenth of the files between kills, so each run has work to do.
DB3="$WORK/kill.db"
kills=0
for k in $(seq 1 15); do
    for i in $(seq $((k % 10 + 1)) 10 50); do brief "$BIG/$((k % 40 + 1))/$i.txt" $((k * 1000 + i)); done
    [ "$k" = 8 ] && rm -r "$BIG/40"
    full=; [ $((k % 2)) = 1 ] && full=--full   # every other run has much to do
    "$BRIEF_INDEX" -q -d "$DB3" --batch 50 $full "$BIG" 2>/dev/null &
    pid=$!
    sleep "0.$(( RANDOM % 5 ))$(( RANDOM % 10 ))"
    kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
    wait "$pid" 2>/dev/null || true
    if [ -e "$DB3/iamglass" ]; then
        xapian-check "$DB3" >/dev/null 2>&1 || fail "xapian-check after kill $k"
        checks=$((checks + 1))
    fi
done
index 0 -d "$DB3" "$BIG"
xapian-check "$DB3" >/dev/null || fail "xapian-check after the final run"
"$BRIEF_INDEX" -q -d "$WORK/clean.db" "$BIG" || fail "clean build"
query 0 -d "$DB3" --format ids -n 100000 ''
sort "$OUT" >"$WORK/ids.killed"
query 0 -d "$WORK/clean.db" --format ids -n 100000 ''
sort "$OUT" >"$WORK/ids.clean"
cmp -s "$WORK/ids.killed" "$WORK/ids.clean" || fail "killed runs did not converge: $(diff "$WORK/ids.killed" "$WORK/ids.clean" | head -5)"
checks=$((checks + 1))
expect_eq "briefs after kills" "$(lines "$WORK/ids.clean")" 1950
# Another run over the converged index has nothing to do.
index 0 -d "$DB3" "$BIG"
summary 0 0 0 1950 1950
echo "reindex.sh: $kills runs killed with SIGKILL" >&2

done_ok
