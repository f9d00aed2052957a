#!/usr/bin/env bash
# The documentation's examples are tests: every command shown in README.md and
# in the man pages (*/NAME.SECTION.scd, each beside what it documents:
# scripts/man.cmake) is run exactly as written, and what it prints
# is compared with what is shown; and each relative link of README.md leads
# to a file of the source tree.
#
# The convention (README.md points writers here):
#   - Examples are ```console blocks of README.md, and in a man page, the
#     literal blocks (``` ... ```) of its EXAMPLES section whose first line
#     begins with "$ " (others, such as a crontab line, are not run; scdoc's
#     escapes, "\\" for a backslash, are read as the page shows them). In
#     one, a line "$ CMD" is a command (a
#     line ending in "\" goes on on the next, which may start with "> "); the
#     lines after it, up to the next "$ " line or the end of the block, are
#     what it prints, standard output and error together (into one file: in
#     the order a program writes them when not on a terminal).
#   - A line "..." stands for any number of lines, none included.
#   - A number of seconds ("0.27 s") compares equal to any other, and so does
#     a UTC timestamp ("2024-03-14T03:00:01Z", brief-reindex's); the home
#     directory is shown as "~". Everything else is compared exactly.
#   - A command must exit 0, unless the next command is "echo $?" (whose
#     output, the status, is compared like any other).
#   - Other blocks (```sh, ``` ...) are not run: set-up, scripts, benchmarks.
#   - A command may start one in the background ("brief-serve ... &"); a
#     later one must stop it ("kill $!; wait $!"): one left running is an
#     error.
# The commands of one document run one after the other in one bash session
# (cd and variables carry over), in a directory ~/briefs holding a copy of
# corpus/samples as corpus/samples, with env -i, HOME, LANG=C.UTF-8, a PATH
# of brief-index, brief-query, brief-serve and brief-reindex (the build's) and
# /usr/bin:/bin, and BRIEFS_CONFIG=/dev/null (no configuration file of this
# machine's; an example names its own with --config); standard input is
# /dev/null.
#
# Documents are read by an extractor per format into one transcript (lines
# "B FILE:LINE" a block begins, "C LINE CMD" a command, "+ TEXT" its next
# line, "O TEXT" a line of output); the runner knows only transcripts.
. "$(dirname "$0")/lib.sh"
: "${BRIEFS_SOURCE_DIR:?set by ctest}"

# examples_of DOC: DOC's examples as a transcript.
examples_of() {
    case $1 in
        *.md) awk '
            /^```/ && !block && /^```console[ \t]*$/ { block = 1; print "B " FILENAME ":" FNR; next }
            /^```[ \t]*$/ && block { block = 0; more = 0; next }
            !block { next }
            more { sub(/^> /, ""); print "+ " $0; more = /\\$/; next }
            /^\$ / { print "C " FNR " " substr($0, 3); more = /\\$/; next }
            { print "O " $0 }' "$1" ;;
        *.scd) awk '
            /^```/ { if (block) { block = 0; run = 0; more = 0 } else { block = 1; first = 1 }; next }
            !block { if (/^# /) examples = ($0 == "# EXAMPLES"); next }
            !examples { next }
            { $0 = unescape($0) }
            first { first = 0; run = /^\$ /; if (run) print "B " FILENAME ":" FNR }
            !run { next }
            more { sub(/^> /, ""); print "+ " $0; more = /\\$/; next }
            /^\$ / { print "C " FNR " " substr($0, 3); more = /\\$/; next }
            { print "O " $0 }
            # scdoc reads "\X" as X.
            function unescape(s,   out, i, c) {
                out = ""
                for (i = 1; i <= length(s); i++) {
                    c = substr(s, i, 1)
                    if (c == "\\" && i < length(s)) { i++; c = substr(s, i, 1) }
                    out = out c
                }
                return out
            }' "$1" ;;
        *) echo "no extractor of examples for $1" >&2; return 1 ;;
    esac
}

# The tools, by name, as a user has them after cmake --install (each under
# BRIEFS_TEST_WRAPPER when set).
BIN=$WORK/bin
mkdir -p "$BIN"
for tool in "$BRIEF_INDEX" "$BRIEF_QUERY" "${BRIEF_SERVE:?set by ctest}"; do
    printf '#!/bin/sh\nexec %s %q "$@"\n' "${BRIEFS_TEST_WRAPPER:-}" "$tool" >"$BIN/$(basename "$tool")"
    chmod +x "$BIN/$(basename "$tool")"
done
ln -s "$BRIEF_REINDEX" "$BIN/brief-reindex"

# normalise: what compares equal to anything of its kind (see above).
normalise() {
    sed -E -e "s#$(printf '%s' "$HOME" | sed 's/[][\.*^$#]/\\&/g')#~#g" \
           -e 's/[0-9]+(\.[0-9]+)? s($|[^[:alnum:]])/N s\2/g' \
           -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIMESTAMP/g'
}

# matches WANT GOT: the lines of file GOT are those of file WANT, a "..."
# line of WANT standing for any number of lines.
matches() {
    local -a want got seg
    mapfile -t want <"$1"
    mapfile -t got <"$2"
    # Split WANT into runs of lines between "..." lines; the first must start
    # GOT, the last end it, the others come in order between (each at its
    # leftmost place: no later choice can do better).
    local -a runs=() starts=()
    local i n=${#want[@]} start=0
    for ((i = 0; i <= n; i++)); do
        if ((i == n)) || [ "${want[i]}" = "..." ]; then starts+=("$start:$((i - start))"); start=$((i + 1)); fi
    done
    # at POS LEN_WANT_START LEN: run of WANT equals GOT from POS.
    at() {
        local k
        for ((k = 0; k < $3; k++)); do [ "${got[$1 + k]-}" = "${want[$2 + k]}" ] || return 1; done
    }
    local nruns=${#starts[@]} pos=0 end=${#got[@]} ws len
    ws=${starts[0]%:*}; len=${starts[0]#*:}
    ((nruns == 1)) && { ((len == end)) && at 0 "$ws" "$len"; return; }
    at 0 "$ws" "$len" && ((len <= end)) || return 1
    pos=$len
    ws=${starts[nruns - 1]%:*}; len=${starts[nruns - 1]#*:}
    end=$((end - len))
    ((end >= pos)) && at "$end" "$ws" "$len" || return 1
    for ((i = 1; i < nruns - 1; i++)); do
        ws=${starts[i]%:*}; len=${starts[i]#*:}
        until ((pos + len > end)) || at "$pos" "$ws" "$len"; do pos=$((pos + 1)); done
        ((pos + len <= end)) || return 1
        pos=$((pos + len))
    done
}

# run_examples DOC: run DOC's examples in a fresh ~/briefs; print what differs
# and return 1 when any does.
run_examples() {
    local doc=$1 t=$WORK/run.$RANDOM
    mkdir -p "$t"
    examples_of "$doc" >"$t/transcript" || return 1
    local -a cmds=() wheres=()
    local kind rest n=-1 where=
    while IFS= read -r line; do
        kind=${line%% *}; rest=${line#"$kind"}; rest=${rest# }
        case $kind in
            B) where=${rest%:*} ;;
            C) n=$((n + 1)); cmds[n]=${rest#* }; wheres[n]=$where:${rest%% *}; : >"$t/want.$n" ;;
            +) cmds[n]+=$'\n'$rest ;;
            O) ((n >= 0)) || { echo "$doc: output before any command: $rest"; return 1; }
               printf '%s\n' "$rest" >>"$t/want.$n" ;;
        esac
    done <"$t/transcript"
    ((n >= 0)) || { echo "$doc: no examples found"; return 1; }

    # One session: each command's output and status to files; $? stays its status.
    local i
    for ((i = 0; i <= n; i++)); do
        printf '{ %s\n} >%q 2>&1 </dev/null; __status=$?; echo "$__status" >%q; (exit "$__status")\n' \
            "${cmds[i]}" "$t/got.$i" "$t/status.$i"
    done >"$t/session"
    # What an example started in the background (a server) and left running:
    # the examples must stop what they start.
    printf 'jobs -p >%q\n' "$t/jobs" >>"$t/session"
    rm -rf "$HOME/briefs"
    mkdir -p "$HOME/briefs/corpus"
    cp -r "$SAMPLES" "$HOME/briefs/corpus/samples"
    (cd "$HOME/briefs" && env -i PATH="$BIN:/usr/bin:/bin" HOME="$HOME" LANG=C.UTF-8 TERM=dumb BRIEFS_CONFIG=/dev/null \
        bash --noprofile --norc "$t/session" </dev/null >/dev/null 2>&1) || true

    local bad=0 status pid
    for pid in $(cat "$t/jobs" 2>/dev/null); do
        echo "$doc: a command left running in the background (pid $pid, stopped now): stop it in the example"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        bad=1
    done
    for ((i = 0; i <= n; i++)); do
        checks=$((checks + 1))
        if [ ! -e "$t/status.$i" ]; then
            echo "${wheres[i]}: \$ ${cmds[i]}: did not run (the session ended before it)"; bad=1; continue
        fi
        status=$(cat "$t/status.$i")
        if [ "$status" != 0 ] && [ "${cmds[i + 1]-}" != 'echo $?' ]; then
            echo "${wheres[i]}: \$ ${cmds[i]}: exit status $status (show it with \"\$ echo \$?\")"; bad=1
        fi
        normalise <"$t/got.$i" >"$t/got.$i.n"
        normalise <"$t/want.$i" >"$t/want.$i.n"
        if ! matches "$t/want.$i.n" "$t/got.$i.n"; then
            echo "${wheres[i]}: \$ ${cmds[i]}: the output is not the one shown (- shown, + printed):"
            diff -u "$t/want.$i.n" "$t/got.$i.n" | tail -n +3 | head -40; bad=1
        fi
    done
    return "$bad"
}

export HOME=$WORK/home
mkdir -p "$HOME"

# The runner has teeth: a made-up document with a wrong line, a status not
# shown and lines out of order around "..." fails for exactly those, and "..."
# in its three places, seconds and ~ pass.
cat >"$WORK/teeth.md" <<'EOF'
```console
$ printf 'a\nb\nc\nd\n'
...
b
...
d
$ printf 'one\ntwo\n'
one
three
$ false
$ false
$ echo $?
1
$ echo ~/briefs; pwd; echo 'in 1.5 s'   # the home directory and seconds
~/briefs
~/briefs
in 0.27 s
$ printf 'x\n'
...
$ printf 'a\nb\nc\n'
...
c
...
a
```
EOF
run_examples "$WORK/teeth.md" >"$OUT" && fail "a made-up document with wrong examples passed"
expect_eq "what the made-up document got wrong" "$(grep -c '^/' "$OUT")" 3
expect_grep "teeth.md:7: \\$ printf 'one.*not the one shown" "$OUT"
expect_grep "teeth.md:10: \\$ false: exit status 1" "$OUT"
expect_grep "teeth.md:20: \\$ printf 'a.*not the one shown" "$OUT"

# A command started in the background and stopped by a later one passes; one
# left running fails the document, and is stopped.
cat >"$WORK/teeth-background.md" <<'EOF'
```console
$ sleep 300 &
$ kill $!; wait $!
$ echo $?
143
$ sleep 301 &
$ echo started
started
```
EOF
run_examples "$WORK/teeth-background.md" >"$OUT" && fail "a made-up document that leaves a command running passed"
expect_eq "what the made-up document left running" "$(grep -c 'left running' "$OUT")" 1
left=$(sed -n 's/.*(pid \([0-9]*\),.*/\1/p' "$OUT")
checks=$((checks + 1))
! kill -0 "$left" 2>/dev/null || fail "the command left running (pid $left) was not stopped"

# A man page's: only EXAMPLES' blocks that begin with "$ " run (a "# "
# line inside a block is no heading), read as scdoc shows them ("\\" one
# backslash); a wrong line there is found, and only it.
cat >"$WORK/teeth.1.scd" <<'EOF'
teeth(1)

# DESCRIPTION

```
$ false
```

# EXAMPLES

```
*/15 * * * *  not a command
```

```
$ printf 'a\\\\b\\n'
a\\b
$ echo one \\
> two
# a line of output
one two
$ echo three
four
```
EOF
run_examples "$WORK/teeth.1.scd" >"$OUT" && fail "a made-up man page with a wrong example passed"
expect_eq "what the made-up man page got wrong" "$(grep -c '^/' "$OUT")" 2
expect_grep "teeth.1.scd:18: \\$ echo one \\\\$" "$OUT"
expect_grep "^two: the output is not the one shown" "$OUT"
expect_grep "teeth.1.scd:22: \\$ echo three: the output is not the one shown" "$OUT"

# broken_links DOC: each relative link of markdown DOC, [text](TARGET) or
# ![alt](TARGET), whose TARGET (less any #anchor) names nothing in the source
# tree, beside DOC; one line each.
broken_links() {
    local dir target path
    dir=$(dirname "$1")
    grep -o '\]([^)]*)' "$1" | sed 's/^](//; s/)$//' | while IFS= read -r target; do
        case $target in *://* | mailto:* | '#'*) continue ;; esac
        path=$(realpath -m "$dir/${target%%#*}")
        case $path/ in "$(realpath "$BRIEFS_SOURCE_DIR")"/*) [ -e "$path" ] && continue ;; esac
        echo "$1: link to $target: no such file in the source tree"
    done
}
# With teeth: a link to a file that is not there, and one to a file out of
# the tree, are found; one that is there, an anchor and a web address pass.
mkdir -p "$WORK/tree/query"
touch "$WORK/outside.png" "$WORK/tree/README.md" "$WORK/tree/query/RANKING.md"
printf '%s\n' '[a](README.md) [b](scripts/no-such.md) ![c](../outside.png)' \
    '[d](#installing) [e](https://example.org/x.md) [f](query/RANKING.md#ranking)' \
    >"$WORK/tree/doc.md"
BRIEFS_SOURCE_DIR=$WORK/tree broken_links "$WORK/tree/doc.md" >"$OUT"
expect_eq "broken links of a made-up document" "$(sed "s#^$WORK/tree/##" "$OUT")" \
"doc.md: link to scripts/no-such.md: no such file in the source tree
doc.md: link to ../outside.png: no such file in the source tree"
broken_links "$BRIEFS_SOURCE_DIR/README.md" >"$OUT"
expect_eq "README.md's links that lead nowhere" "$(cat "$OUT")" ""

# Every man page: one for each program, briefs(5) and briefs(7) (a page out
# of reach of the glob would go untested).
: "${BRIEFS_PROGRAMS:?set by ctest}"
pages=("$BRIEFS_SOURCE_DIR"/*/*.[0-9].scd)
expect_eq "man pages found" "$(printf '%s\n' "${pages[@]##*/}" | sort | tr '\n' ' ')" \
    "$( (printf '%s.1.scd\n' $BRIEFS_PROGRAMS; echo briefs.5.scd; echo briefs.7.scd) | sort | tr '\n' ' ')"
for doc in "$BRIEFS_SOURCE_DIR/README.md" "${pages[@]}"; do
    run_examples "$doc" >"$OUT" || fail "$(basename "$doc"): examples that are not true:
$(cat "$OUT")"
done

done_ok
