#!/usr/bin/env bash
# brief-index over corpus/samples: counts, idempotent reindexing, a sound index.
. "$(dirname "$0")/lib.sh"

nfiles=$(find "$SAMPLES" -type f ! -name '.*' | wc -l)

index 0 "$SAMPLES"
expect_grep "^brief-index: $nfiles files \\(0 unchanged\\); $nfiles briefs added, 0 updated, 0 unchanged, 0 deleted; 0 skipped, 0 failed \\(files or briefs\\); in [0-9.]+ s$" "$OUT"
expect_eq "stderr of a clean run" "$(cat "$ERR")" ""

# Every brief is there, once.
query 0 --format json -n 0 ''
expect_eq "briefs in the index" "$(jq .total.estimated "$OUT")" "$nfiles"
expect_eq "total is exact" "$(jq .total.exact "$OUT")" "true"

# Indexing the same files again reads nothing; --full replaces and never
# duplicates.
index 0 "$SAMPLES"
expect_grep "^brief-index: $nfiles files \\($nfiles unchanged\\); 0 briefs added, 0 updated, $nfiles unchanged, 0 deleted; 0 skipped, 0 failed" "$OUT"
index 0 --full "$SAMPLES"
expect_grep "^brief-index: $nfiles files \\(0 unchanged\\); 0 briefs added, $nfiles updated, 0 unchanged, 0 deleted; 0 skipped, 0 failed" "$OUT"
query 0 --format json -n 0 ''
expect_eq "briefs after reindexing" "$(jq .total.estimated "$OUT")" "$nfiles"

# From another directory and through a relative path: the same briefs.
(cd "$SAMPLES/.." && index 0 --full samples/2023)
expect_grep "^brief-index: [0-9]+ files \\(0 unchanged\\); 0 briefs added, [0-9]+ updated, 0 unchanged, 0 deleted" "$OUT"

# --json summary for monitoring.
index 0 --json --full "$SAMPLES/us-china-rome.txt"
expect_eq "json updated" "$(jq .updated "$OUT")" "1"
expect_eq "json files" "$(jq -c '[.files, .files_unchanged, .briefs_unchanged]' "$OUT")" "[1,0,0]"
expect_eq "json status" "$(jq .status "$OUT")" "0"
# One file, one brief: no plural.
index 0 --full "$SAMPLES/us-china-rome.txt"
expect_grep "^brief-index: 1 file \\(0 unchanged\\); 0 briefs added, 1 updated," "$OUT"
index 0 "$SAMPLES/us-china-rome.txt"
expect_grep "^brief-index: 1 file \\(1 unchanged\\); 0 briefs added, 0 updated, 1 unchanged," "$OUT"

# -q prints nothing on success; gzip without .gz is read by its magic bytes.
index 0 -q "$SAMPLES/germany-shuts-last-nuclear-plants.txt"
expect_eq "quiet stdout" "$(cat "$OUT")" ""
query 0 --format ids nuclear
expect_grep "germany-shuts-last-nuclear-plants.txt$" "$OUT"

# The real Xapian checker agrees the index is sound.
if command -v xapian-check >/dev/null; then
    run 0 xapian-check "$BRIEFS_DB"
fi

# The header's fields are stored: id, ISO date, source, people, countries.
query 0 --format json 'id:reuters-2023-01-31-icet'
expect_eq "title" "$(jq -r '.hits[0].title' "$OUT")" "US and India launch critical technology partnership"
expect_eq "date" "$(jq -r '.hits[0].date' "$OUT")" "2023-01-31"
expect_eq "source" "$(jq -r '.hits[0].source' "$OUT")" "Reuters"
expect_eq "people" "$(jq -c '[.hits[0].people[].id]' "$OUT")" '["ajit-doval","jake-sullivan"]'
expect_eq "countries" "$(jq -c '[.hits[0].countries[].code]' "$OUT")" '["in","us"]'

# RFC 2822 dates become ISO dates.
query 0 --format json 'id:ap-2022-06-15-fed'
expect_eq "RFC 2822 date" "$(jq -r '.hits[0].date' "$OUT")" "2022-06-15"

# Usage errors exit 2 with a hint; --help tells the truth and exits 0.
index 2
expect_grep "no PATH to index" "$ERR"
expect_grep "Try 'brief-index --help'" "$ERR"
index 2 --batch nope "$SAMPLES"
index 0 --help
expect_grep "^Usage: brief-index" "$OUT"

# An index that cannot be created exits 74 naming it.
index 74 -d /proc/briefs-cannot-be-here "$SAMPLES/us-china-rome.txt"
expect_grep "/proc/briefs-cannot-be-here" "$ERR"

done_ok
