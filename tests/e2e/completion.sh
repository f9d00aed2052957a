#!/usr/bin/env bash
# Bash completion (scripts/bash-completion.in, as the build configured it):
# the function bash-completion calls, driven as bash drives it (COMP_WORDS,
# COMP_CWORD, COMP_LINE, COMP_POINT), offers each program's options, the
# values of --facets, --sort, --format, --color and --encoding, directories
# for -d (and stub files for brief-query's) and files for PATHs. The values it offers are checked against the
# programs: each is accepted, and each value a program's own message lists is
# offered (so a new value in the program and not here fails this test).
. "$(dirname "$0")/lib.sh"
: "${BRIEFS_BUILD_DIR:?set by ctest}"
BASH_COMPLETION=/usr/share/bash-completion/bash_completion
[ -r "$BASH_COMPLETION" ] || skip_test "bash-completion is not installed ($BASH_COMPLETION)"
COMPLETION=$BRIEFS_BUILD_DIR/scripts/bash-completion

# The programs by name, as a user has them.
mkdir -p "$WORK/bin"
ln -s "$BRIEF_INDEX" "$WORK/bin/brief-index"
ln -s "$BRIEF_QUERY" "$WORK/bin/brief-query"
ln -s "$BRIEF_SERVE" "$WORK/bin/brief-serve"
ln -s "$BRIEF_REINDEX" "$WORK/bin/brief-reindex"
export PATH="$WORK/bin:$PATH"

# A directory to complete names in: one directory, one file.
mkdir -p "$WORK/here/news.d"
: >"$WORK/here/notes.txt"
cd "$WORK/here"

# candidates WORD...: what completing the last WORD offers, sorted, one a
# line (an empty last WORD: completing after a blank; WORDs "--opt" "=" "x":
# the line "--opt=x", as bash splits it).
candidates() {
    bash --norc --noprofile -c '
        . "$1"; . "$2"; shift 2
        COMP_WORDS=("$@")
        COMP_CWORD=$(($# - 1))
        COMP_LINE="$*"
        COMP_LINE=${COMP_LINE// = /=}   # bash splits "--facets=x" into "--facets" "=" "x"
        COMP_POINT=${#COMP_LINE}
        _briefs "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf "%s\n" "${COMPREPLY[@]}"' _ "$BASH_COMPLETION" "$COMPLETION" "$@" | sed '/^$/d' | sort
}
# offers WANT WORD...: the candidates are exactly WANT (space-separated).
offers() {
    local want=$1; shift
    expect_eq "completing '$*'" "$(candidates "$@" | tr '\n' ' ' | sed 's/ $//')" \
        "$(tr ' ' '\n' <<<"$want" | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//')"
}
# help_options PROGRAM: the options its --help lists, sorted.
help_options() {
    "$1" --help | sed -nE 's/^ {1,8}(-[[:alnum:]]), (--[[:alnum:]-]+).*/\1\n\2/p
                          s/^ {1,8}(--[[:alnum:]-]+).*/\1/p' | sort -u
}

# Sourcing it registers the function for every program.
for p in brief-index brief-query brief-serve brief-reindex; do
    expect_eq "complete -p $p" "$(bash --norc -c ". $BASH_COMPLETION; . $COMPLETION; complete -p $p")" \
        "complete -F _briefs $p"
done

# Options: exactly those of --help; brief-reindex's and then brief-index's.
for p in brief-index brief-query brief-serve; do
    expect_eq "$p's options" "$(candidates "$p" - | tr '\n' ' ')" "$(help_options "$p" | tr '\n' ' ')"
done
expect_eq "brief-reindex's options" "$(candidates brief-reindex - | tr '\n' ' ')" \
    "$( (help_options brief-reindex; help_options brief-index) | sort -u | tr '\n' ' ')"
offers "--facet-limit --facet-order --facets" brief-query --fa
offers "--lock" brief-reindex --lo
offers "--show-config" brief-index --show
offers "--show-config" brief-serve --show
offers "--listen" brief-serve --li

# --facets: the fields brief-query --list-facets prints; after a comma, the
# next field.
offers "$(brief-query --list-facets | tr '\n' ' ')" brief-query --facets ''
offers "country" brief-query --facets c
offers "$(brief-query --list-facets | sed 's/^/person,/' | tr '\n' ' ')" brief-query --facets person,
offers "$(brief-query --list-facets | tr '\n' ' ')" brief-query --facets = ''

# Fixed values: each offered value is accepted, and each the program's
# message lists is offered.
values() {   # values PROGRAM OPTION MESSAGE-PATTERN: check OPTION's candidates
    local program=$1 option=$2 v
    local offered
    offered=$(candidates "$program" "$option" '')
    [ -n "$offered" ] || fail "nothing offered for $program $option"
    for v in $offered; do
        run 0 "$program" "$option" "$v" --show-config
    done
    run 2 "$program" "$option" not-a-value --show-config
    for v in $(sed -nE "s/.*$3.*/\\1/p" "$ERR" | sed -E 's/,? or /, /; s/, / /g'); do
        checks=$((checks + 1))
        grep -qxF -- "$v" <<<"$offered" || fail "$program $option: '$v' (its message) is not offered"
    done
}
values brief-query --sort "takes (.*): 'not-a-value'"
values brief-query --format "takes (.*): 'not-a-value'"
values brief-query --color "takes (.*): 'not-a-value'"
values brief-query --facets "among (.*): 'not-a-value'"
values brief-index --encoding "not one of (.*): 'not-a-value'"
offers "-date" brief-query --sort -
offers "json" brief-query --format j

# Directories for DIR, files for FILE and PATH, nothing for other values.
offers "news.d" brief-index -d ''
offers "news.d notes.txt" brief-query --db ''   # an index, or a stub file
offers "news.d" brief-serve -d ''
offers "news.d notes.txt" brief-serve --access-log ''
offers "news.d notes.txt" brief-serve --config ''
offers "" brief-serve --listen ''
offers "" brief-serve --threads ''
# brief-serve takes no PATH.
offers "" brief-serve ''
offers "news.d notes.txt" brief-index ''
offers "news.d notes.txt" brief-index -q ''
offers "news.d notes.txt" brief-reindex --compact ''
offers "news.d notes.txt" brief-query --batch ''
offers "news.d notes.txt" brief-query --config ''
offers "news.d notes.txt" brief-reindex --lock ''
offers "" brief-index --batch ''
offers "" brief-index --include ''
offers "" brief-query --limit ''
offers "" brief-query --person ''
# A query is words: no files.
offers "" brief-query ''

done_ok
