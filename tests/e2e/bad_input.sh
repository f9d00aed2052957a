#!/usr/bin/env bash
# Bad input gets one line naming the file and the reason, and never costs
# other briefs or the index.
. "$(dirname "$0")/lib.sh"

bad="$TEST_DATA/bad"
mkdir "$WORK/mixed"
cp "$bad"/* "$WORK/mixed/"
cp "$SAMPLES/us-china-rome.txt" "$WORK/mixed/"

# corrupt.txt.gz fails (exit 1); empty, blank and binary files are skipped.
index 1 "$WORK/mixed"
expect_grep "^brief-index: 7 files \\(0 unchanged\\); 3 briefs added, 0 updated, 0 unchanged, 0 deleted; 3 skipped, 1 failed \\(files or briefs\\)" "$OUT"
expect_grep "mixed/empty.txt: skipped: .*empty" "$ERR"
expect_grep "mixed/blank.txt: skipped: .*empty" "$ERR"
expect_grep "mixed/binary.txt: skipped: .*binary" "$ERR"
expect_grep "mixed/corrupt.txt.gz: error: .*gzip" "$ERR"
expect_grep "mixed/latin1.txt: warning: invalid UTF-8 repaired" "$ERR"
expect_eq "one line per problem" "$(lines "$ERR")" "5"

# The good briefs are all there, the repaired one included.
query 0 --format json -n 0 ''
expect_eq "briefs indexed" "$(jq .total.estimated "$OUT")" "3"
query 0 --format ids 'china russia'
expect_grep 'us-china-rome.txt$' "$OUT"

# --max-size skips a larger brief with its size in the reason.
index 0 --max-size 1K "$SAMPLES/us-china-rome.txt"
expect_grep "us-china-rome.txt: skipped: .*larger than" "$ERR"

# JSON Lines: the malformed line is reported with its line number and skipped.
index 1 "$TEST_DATA/briefs.jsonl"
expect_grep "briefs.jsonl:4: error: " "$ERR"
expect_grep "^brief-index: 1 file \\(0 unchanged\\); 5 briefs added" "$OUT"
index 1 "$TEST_DATA/briefs.jsonl.gz"
expect_grep "briefs.jsonl.gz:4: error: " "$ERR"

# Reuters SGML: every story is a brief with id reuters-NEWID.
index 0 "$TEST_DATA/mini.sgm"
expect_grep "^brief-index: 1 file \\(0 unchanged\\); 5 briefs added" "$OUT"
query 0 --format ids 'id:reuters-3'
expect_eq "sgml id" "$(cat "$OUT")" "reuters-3"

# A file name that is not UTF-8 keeps its id and path (bad bytes repaired).
mkdir "$WORK/latin1-names"
cp "$SAMPLES/jordan-red-sea-water-project.txt" "$WORK/latin1-names/caf"$'\xe9'".txt"
index 0 "$WORK/latin1-names"
query 0 --format ids desalination
expect_grep $'caf\xef\xbf\xbd\.txt$' "$OUT"

# The index survived all of it.
command -v xapian-check >/dev/null && run 0 xapian-check "$BRIEFS_DB"

done_ok
