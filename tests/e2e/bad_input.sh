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
expect_grep "mixed/latin1.txt: warning: not UTF-8; read as Windows-1252" "$ERR"
expect_eq "one line per problem" "$(lines "$ERR")" "5"

# The good briefs are all there, the repaired one included.
query 0 --format json -n 0 ''
expect_eq "briefs indexed" "$(jq .total.estimated "$OUT")" "3"
query 0 --format ids 'china russia'
expect_grep 'us-china-rome.txt$' "$OUT"

# Latin-1 is read as Windows-1252: the title has its letters, no U+FFFD is
# left anywhere, and "zurich" no longer suggests "rich" (the word left of a
# replacement character).
query 0 --format json rents
expect_eq "latin-1 title" "$(jq -r '.hits[0].title' "$OUT")" "Café owners in Zürich protest as rents climb"
expect_no_grep $'\xef\xbf\xbd' "$OUT"
query 1 zurich
expect_no_grep "Did you mean: rich" "$OUT"
expect_no_grep "Did you mean: rich" "$ERR"
# --encoding utf-8 forces the repair; a name it does not know is a usage error.
index 0 --encoding UTF-8 --full "$WORK/mixed/latin1.txt"
expect_grep "latin1.txt: warning: invalid UTF-8 repaired \(7 bytes\)" "$ERR"
query 0 --format json rents
expect_grep $'Caf\xef\xbf\xbd owners' "$OUT"
index 0 --encoding latin-1 --full "$WORK/mixed/latin1.txt"
expect_eq "forced: no warning" "$(cat "$ERR")" ""
query 0 --format json rents
expect_eq "latin-1 title, forced" "$(jq -r '.hits[0].title' "$OUT")" "Café owners in Zürich protest as rents climb"
index 2 --encoding ebcdic "$WORK/mixed"
expect_grep "^brief-index: --encoding: not one of .*: 'ebcdic'" "$ERR"

# Files in binary formats are skipped by their magic bytes, whatever their
# name, compressed or not: a PDF without a NUL byte was a brief "%PDF-1.7".
mkdir "$WORK/binary"
printf '%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n' >"$WORK/binary/report.txt"
gzip -c "$WORK/binary/report.txt" >"$WORK/binary/report.pdf.gz"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$WORK/binary/chart.png"
printf 'PK\x03\x04\x14\0\x06\0' >"$WORK/binary/memo.docx"
printf 'MZ Bank results\n\nMZ Bank said profits rose.\n' >"$WORK/binary/mz-bank.txt"
index 0 --json "$WORK/binary"
expect_eq "added, skipped, files" "$(jq -c '[.added, .skipped, .files]' "$OUT")" "[1,4,5]"
expect_grep "binary/report.txt: skipped: a PDF file, not a brief$" "$ERR"
expect_grep "binary/report.pdf.gz: skipped: a PDF file \(gzip-compressed\), not a brief$" "$ERR"
expect_grep "binary/chart.png: skipped: a PNG image, not a brief$" "$ERR"
expect_grep "binary/memo.docx: skipped: a ZIP file .*, not a brief$" "$ERR"
expect_eq "one line per file skipped" "$(lines "$ERR")" "4"
query 1 --format ids 'title:pdf'

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

# A file of many broken briefs shows its first 20 errors and one line with
# how many more, so the line about the next file is not buried; the summary
# counts them all, and -v shows every one. Beside it, a good brief is added.
mkdir "$WORK/many-errors"
for i in $(seq 1 500); do printf '<REUTERS NEWID="%d">\n<TEXT>Unclosed story %d\n' "$i" "$i"; done \
    >"$WORK/many-errors/broken.sgm"
cp "$SAMPLES/us-china-rome.txt" "$WORK/many-errors/"
index 1 "$WORK/many-errors"
expect_eq "errors shown" "$(grep -c 'broken.sgm:[0-9]*: error: story not closed' "$ERR")" "20"
expect_grep "broken.sgm: 480 more errors and warnings not shown \(-v shows them all\)$" "$ERR"
expect_eq "lines on stderr" "$(lines "$ERR")" "21"
expect_grep "; 1 brief added, .* 500 failed" "$OUT"
index 1 -q --full "$WORK/many-errors"
expect_eq "lines on stderr, -q" "$(lines "$ERR")" "21"
index 1 -v --full "$WORK/many-errors"
expect_eq "errors shown, -v" "$(grep -c 'broken.sgm:[0-9]*: error: story not closed' "$ERR")" "500"
expect_no_grep "not shown" "$ERR"

# The index survived all of it.
command -v xapian-check >/dev/null && run 0 xapian-check "$BRIEFS_DB"

done_ok
