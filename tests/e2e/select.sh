#!/usr/bin/env bash
# --include and --exclude: which files under a directory are indexed, what
# happens to briefs of files a new pattern leaves out, and the options passed
# through scripts/brief-reindex.
. "$(dirname "$0")/lib.sh"
: "${BRIEFS_SOURCE_DIR:?set by ctest}"
REINDEX="$BRIEF_REINDEX"
export BRIEF_INDEX

# A directory like Reuters-21578's: stories in .sgm files, and beside them a
# README, a DTD, category lists, and briefs in subdirectories.
C="$WORK/corpus"
mkdir -p "$C/news/2024" "$C/drafts"
cp "$TEST_DATA/mini.sgm" "$C/reut2-000.sgm"            # 5 stories
printf 'Reuters test collection\n\nHow the files are laid out.\n' >"$C/README.txt"
printf '<!ELEMENT LEWIS - - (REUTERS*)>\n' >"$C/lewis.dtd"
printf 'acq\nalum\nbarley\n' >"$C/all-topics-strings.lc.txt"
brief() { printf 'Title: %s\n\nTrade talks between France and Japan: %s.\n' "$2" "$2" >"$1"; }
brief "$C/news/2024/a.txt" "Brief A"
brief "$C/news/2024/b.txt" "Brief B"
brief "$C/drafts/d.txt" "Draft D"

# counts: added updated deleted unchanged files, from --json.
counts() { jq -r '"\(.added) \(.updated) \(.deleted) \(.files_unchanged) \(.files)"' "$OUT"; }
total() { query 0 --format json -n 0 ''; jq .total.estimated "$OUT"; }

# By default, every file.
index 0 --json "$C"
expect_eq "all" "$(counts)" "11 0 0 0 7"

# --include: only the stories (a fresh index).
export BRIEFS_DB="$WORK/sgm.db"
index 0 --json --include '*.sgm' "$C"
expect_eq "--include '*.sgm'" "$(counts)" "5 0 0 0 1"
# A pattern with '/' matches the path below the root; a directory matched
# brings in what is under it; --exclude wins.
export BRIEFS_DB="$WORK/paths.db"
index 0 --json --include 'news/*/a.txt' --include drafts "$C"
expect_eq "path patterns" "$(counts)" "2 0 0 0 2"
export BRIEFS_DB="$WORK/excl.db"
index 0 --json --include '*.txt' --exclude=news --exclude '/README.txt' "$C"
expect_eq "exclude wins" "$(counts)" "2 0 0 0 2"
query 0 --format ids 'title:draft'
expect_grep "drafts/d.txt$" "$OUT"

# Briefs of files that a new --exclude leaves out are deleted (the files are
# still there): the index holds what the command line selects.
export BRIEFS_DB="$WORK/index.db"
index 0 --json --exclude drafts --exclude '*.dtd' --exclude '*.lc.txt' "$C"
expect_eq "newly excluded" "$(counts)" "0 0 3 4 4"
expect_eq "briefs left" "$(total)" 8
query 1 --format ids 'title:draft'
[ -f "$C/drafts/d.txt" ] || fail "an excluded file was touched"
checks=$((checks + 1))
# … and come back when the pattern goes.
index 0 --json "$C"
expect_eq "back" "$(counts)" "3 0 0 4 7"
# A new --include leaves out the rest.
index 0 --json --include '*.sgm' "$C"
expect_eq "newly included only" "$(counts)" "0 0 6 1 1"
expect_eq "stories left" "$(total)" 5
# A file given as a PATH is never filtered.
index 0 --json --include '*.sgm' "$C" "$C/README.txt"
expect_eq "a PATH is indexed" "$(counts)" "1 0 0 1 2"

# An empty GLOB is a usage error.
index 2 --include '' "$C"
expect_grep "^brief-index: --include: empty GLOB" "$ERR"

# scripts/brief-reindex passes them through, in both forms, and a GLOB that
# begins with "-d" is not taken for the index (-dDIR).
cd "$WORK"
export BRIEFS_DB="$WORK/cron.db"
run 0 "$REINDEX" --json --include '*.sgm' "$C"
expect_grep '"added": ?5' "$OUT"
run 0 "$REINDEX" --json "--include=*.sgm" --include '*.txt' --exclude=news "--exclude" '-drafts*' "$C"
expect_grep '"added": ?3' "$OUT"
[ -d "$BRIEFS_DB" ] && [ -e "$BRIEFS_DB.reindex.lock" ] || fail "brief-reindex used another index or lock"
[ ! -e "$WORK/rafts*.reindex.lock" ] || fail "brief-reindex took '-drafts*' for -d"
checks=$((checks + 1))

done_ok
