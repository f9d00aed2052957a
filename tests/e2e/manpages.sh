#!/usr/bin/env bash
# A program's man page and its --help tell the same options: every option
# --help lists is an entry of the page's OPTIONS, and every entry there is in
# --help. The page has the sections a user looks for (EXIT STATUS, ENVIRONMENT,
# FILES, EXAMPLES: tests/e2e/doc_examples.sh runs those), and each status and
# variable --help names is in them. ctest runs it once per program of
# BRIEFS_PROGRAMS, with PROGRAM (the build's) and MANPAGE (the built roff),
# and for briefs(5) and briefs(7) with MANPAGE alone: man renders each with
# groff's warnings on and none comes out.
. "$(dirname "$0")/lib.sh"
: "${MANPAGE:?set by ctest}"
command -v man >/dev/null || skip_test "man (man-db) is not installed"

# As a user reads it: no hyphenation, wide enough that no entry is wrapped;
# every warning groff has (--warnings) on standard error.
MANWIDTH=200 man --warnings --no-hyphenation --no-justification -l "$MANPAGE" \
    >"$WORK/page" 2>"$WORK/page.warnings"
expect_eq "man's warnings about $(basename "$MANPAGE")" "$(cat "$WORK/page.warnings")" ""
page=$(basename "$MANPAGE")
expect_grep "^${page%.*}\\(${page##*.}\\)" "$WORK/page"
if [ -z "${PROGRAM:-}" ]; then
    for section in NAME DESCRIPTION "SEE ALSO"; do
        checks=$((checks + 1))
        grep -qx "$section" "$WORK/page" || fail "$page has no $section section"
    done
    done_ok
    exit 0
fi

# help_options HELP: the options of HELP's option lines ("  -d, --db DIR",
# "      --progress[=SECONDS]"), one a line.
help_options() {
    sed -nE 's/^ {1,8}(-[[:alnum:]]), (--[[:alnum:]-]+).*/\1\n\2/p
             s/^ {1,8}(--[[:alnum:]-]+).*/\1/p' "$1" | sort -u
}
# page_section PAGE NAME: the lines of section NAME of the rendered PAGE.
page_section() {
    awk -v want="$2" '/^[A-Z]/ { on = ($0 == want); next } on' "$1"
}
# page_options PAGE: the options of the entries of PAGE's OPTIONS section:
# the lines at the entries' indentation (7 blanks) that begin with "-".
page_options() {
    page_section "$1" OPTIONS | sed -nE '/^ {7}-/{
        s/^ {7}//; s/[[ ].*//; s/,$//; p
        }' >"$WORK/entries"
    # An entry "-d, --db DIR": both; the sed above kept the first.
    page_section "$1" OPTIONS | sed -nE 's/^ {7}(-[[:alnum:]]), (--[[:alnum:]-]+).*/\2/p' >>"$WORK/entries"
    sort -u "$WORK/entries"
}
# compare HELP PAGE: say each option one has and the other lacks; 1 if any.
compare() {
    help_options "$1" >"$WORK/help.options"
    page_options "$2" >"$WORK/page.options"
    local bad=0 o
    for o in $(comm -23 "$WORK/help.options" "$WORK/page.options"); do
        echo "$o: in --help, not in the man page's OPTIONS"; bad=1
    done
    for o in $(comm -13 "$WORK/help.options" "$WORK/page.options"); do
        echo "$o: in the man page's OPTIONS, not in --help"; bad=1
    done
    [ -s "$WORK/help.options" ] || { echo "no option found in --help"; bad=1; }
    return "$bad"
}

name=$(basename "$PROGRAM")
BRIEFS_TEST_WRAPPER= run 0 "$PROGRAM" --help
cp "$OUT" "$WORK/help"

# The comparison has teeth: an option --help has that the page lacks, and one
# the page has that --help lacks, are both found.
{ cat "$WORK/help"; echo "      --only-in-help    made up"; } >"$WORK/help.more"
compare "$WORK/help.more" "$WORK/page" >"$WORK/teeth" && fail "an option missing from the page was not found"
expect_eq "what a made-up --help has more" "$(cat "$WORK/teeth")" \
    "--only-in-help: in --help, not in the man page's OPTIONS"
grep -v -- '--version' "$WORK/help" >"$WORK/help.less"
compare "$WORK/help.less" "$WORK/page" >"$WORK/teeth" && fail "an option missing from --help was not found"
expect_eq "what a made-up --help lacks" "$(cat "$WORK/teeth")" \
    "--version: in the man page's OPTIONS, not in --help"

compare "$WORK/help" "$WORK/page" >"$WORK/diff" || fail "$name: --help and $(basename "$MANPAGE") differ:
$(cat "$WORK/diff")"
checks=$((checks + $(wc -l <"$WORK/help.options")))

for section in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
    checks=$((checks + 1))
    grep -qx "$section" "$WORK/page" || fail "$name: the man page has no $section section"
done
# Each exit status and environment variable --help names is in the page's
# section for them.
page_section "$WORK/page" "EXIT STATUS" >"$WORK/statuses"
for status in $(sed -n '/^Exit status:/,/^$/p' "$WORK/help" | grep -oE '(^|; |: )[0-9]+' | grep -oE '[0-9]+'); do
    checks=$((checks + 1))
    grep -qE "^ +$status( |\$)" "$WORK/statuses" ||
        fail "$name: exit status $status of --help is not in the man page's EXIT STATUS"
done
page_section "$WORK/page" ENVIRONMENT >"$WORK/environment"
for var in $(sed -n '/^Environment:/,/^$/p' "$WORK/help" | grep -oE '\b[A-Z][A-Z_]{3,}\b'); do
    checks=$((checks + 1))
    grep -qw "$var" "$WORK/environment" || fail "$name: $var of --help is not in the man page's ENVIRONMENT"
done

done_ok
