#!/usr/bin/env bash
# The progress line: plain lines with --progress where stderr is not a
# terminal; on a terminal (script(1)), one line redrawn in place that a
# warning erases first, so the warning stands on a line of its own.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
numbered_briefs "$C" 20 'Trade talks %s between France and Japan.'
mkdir -p "$C/more"
for i in $(seq 1 5); do printf 'Brief %s\n' "$i" >"$C/more/$i.md"; done
printf 'Caf\xe9 owners in Z\xfcrich\n\nA Latin-1 brief.\n' >"$C/latin1.txt"   # a warning

# Without a terminal and without --progress: no progress at all.
index 0 "$C"
expect_no_grep "files \(" "$ERR"
expect_eq "only the warning" "$(lines "$ERR")" 1

# --progress=0: a plain line at every file, the total counted first (with
# the --exclude applied), no carriage return, no escape code.
rm -rf "$BRIEFS_DB"
index 0 --progress=0 --exclude '*.md' "$C"
expect_grep "^brief-index: 0 of 21 files \(0%\), [0-9]+ briefs/s$" "$ERR"
expect_grep "^brief-index: 20 of 21 files \(95%\), [0-9]+ briefs/s, [0-9]+:[0-9]{2} left$" "$ERR"
expect_eq "a line per file" "$(grep -c ' of 21 files' "$ERR")" 21
expect_grep "latin1.txt: warning: not UTF-8" "$ERR"
expect_no_grep $'\r|\033' "$ERR"
# -q keeps the progress asked for, and drops the warning.
index 0 --progress=0 -q --full "$C"
expect_grep "^brief-index: 26 of 26 files|^brief-index: 25 of 26 files" "$ERR"
expect_no_grep "warning" "$ERR"
index 2 --progress=soon "$C"
expect_grep "^brief-index: --progress: not a number of seconds: 'soon'" "$ERR"

# On a terminal: the line is drawn with "\r\033[K"; the warning erases it
# first, so what is left on the warning's line is the warning alone; the
# summary is on a line of its own too.
if command -v script >/dev/null && script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
    rm -rf "$BRIEFS_DB"
    script -qec "'$BRIEF_INDEX' --progress=0 '$C'" /dev/null >"$WORK/tty" </dev/null ||
        fail "brief-index on a terminal: exit status $?"
    grep -q $'\r\033\[Kbrief-index: [0-9]* of 26 files' "$WORK/tty" || fail "no progress line drawn"
    checks=$((checks + 1))
    # What a terminal shows of each line: what follows its last "\r" ("\r\n"
    # is how the terminal ends lines), escape codes left out.
    sed -e 's/\r$//' -e 's/.*\r//' -e 's/\x1b\[K//g' "$WORK/tty" >"$WORK/shown"
    expect_grep "^brief-index: [^ ]*latin1.txt: warning: not UTF-8; read as Windows-1252$" "$WORK/shown"
    expect_grep "^brief-index: [0-9]+ files? \(0 unchanged\); 26 briefs added" "$WORK/shown"
    expect_no_grep "of 26 files" "$WORK/shown"   # the progress line was erased

    # An error of the index itself (a commit that fails: the index may not
    # grow past 64 KiB, ulimit -f, with SIGXFSZ ignored so that the write
    # fails with EFBIG) while the line is shown stands on a line of its own
    # too. One thread (-j 1) and a commit per brief, so that the commit
    # fails in the middle of the walk.
    mkdir "$WORK/many"
    for i in $(seq 1 300); do
        printf 'Title: Brief %s\n\nTalks %s about word%s and thing%s.\n' "$i" "$i" "$i" "$i" \
            >"$WORK/many/$i.txt"
    done
    status=0
    script -qec "bash -c 'trap \"\" XFSZ; ulimit -f 64; exec \"$BRIEF_INDEX\" -d \"$WORK/full.db\" \
        -j 1 --batch 1 --progress=0 \"$WORK/many\"'" /dev/null >"$WORK/tty" </dev/null || status=$?
    expect_eq "exit status of a failed commit" "$status" 74
    grep -q $'\r\033\[Kbrief-index: [0-9]* of 300 files' "$WORK/tty" || fail "no progress line drawn"
    sed -e 's/\r$//' -e 's/.*\r//' -e 's/\x1b\[K//g' "$WORK/tty" >"$WORK/shown"
    expect_grep "^brief-index: [^ ]*/full.db: cannot commit: .*File too large" "$WORK/shown"
    expect_no_grep "briefs/s" "$WORK/shown"   # no message glued to the progress line
else
    echo "skipped: the terminal checks (no script(1), or no pseudo-terminal)"
fi

done_ok
