# lib.sh — shared by the end-to-end tests: run the built binaries on real files.
#
# ctest sets BRIEF_INDEX, BRIEF_QUERY (the binaries), BRIEF_REINDEX (the
# build's brief-reindex, its version written in), SAMPLES (corpus/samples)
# and TEST_DATA (tests/data). BRIEFS_TEST_WRAPPER, when set, runs every binary
# under it (e.g. "valgrind -q --error-exitcode=99 --leak-check=full").
set -euo pipefail
: "${BRIEF_INDEX:?set by ctest}" "${BRIEF_QUERY:?set by ctest}" "${BRIEF_REINDEX:?set by ctest}"
: "${SAMPLES:?set by ctest}" "${TEST_DATA:?set by ctest}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/briefs-e2e.XXXXXX")
# at_exit CMD: run CMD when the test exits, passed or failed (before $WORK goes).
# The last registered runs first, so what was started last (a browser session
# in the driver, a client of the server) stops before what it depends on.
exit_commands=()
at_exit() { exit_commands+=("$1"); }
run_exit_commands() {
    local i
    for ((i = ${#exit_commands[@]} - 1; i >= 0; i--)); do eval "${exit_commands[$i]}" || true; done
    rm -rf "$WORK"
}
trap run_exit_commands EXIT
export BRIEFS_DB="$WORK/index.db"
# No configuration file of the machine's or the developer's (briefs(5)) may
# change what a test sees: none is read unless a test names one.
export BRIEFS_CONFIG=/dev/null XDG_CONFIG_HOME="$WORK/xdg"
OUT="$WORK/stdout"
ERR="$WORK/stderr"
checks=0

fail() {
    echo "FAIL: $*" >&2
    [ -s "$OUT" ] && { echo "--- stdout:" >&2; head -40 "$OUT" >&2; }
    [ -s "$ERR" ] && { echo "--- stderr:" >&2; head -20 "$ERR" >&2; }
    exit 1
}

# run STATUS CMD ARGS...: run CMD (under the wrapper), stdout to $OUT, stderr to
# $ERR, and fail unless it exits with STATUS.
run() {
    local want=$1; shift
    local got=0
    ${BRIEFS_TEST_WRAPPER:-} "$@" >"$OUT" 2>"$ERR" </dev/null || got=$?
    checks=$((checks + 1))
    [ "$got" = "$want" ] || fail "exit status $got, wanted $want: $*"
}
index() { local want=$1; shift; run "$want" "$BRIEF_INDEX" "$@"; }
query() { local want=$1; shift; run "$want" "$BRIEF_QUERY" "$@"; }

# expect_eq WHAT GOT WANT
expect_eq() {
    checks=$((checks + 1))
    [ "$2" = "$3" ] || fail "$1: got '$2', wanted '$3'"
}
# expect_grep PATTERN FILE: an extended regex that FILE must match.
expect_grep() {
    checks=$((checks + 1))
    grep -Eq -- "$1" "$2" || fail "no line of $(basename "$2") matches /$1/"
}
expect_no_grep() {
    checks=$((checks + 1))
    ! grep -Eq -- "$1" "$2" || fail "a line of $(basename "$2") matches /$1/"
}
# lines FILE: number of lines.
lines() { wc -l <"$1" | tr -d ' '; }

# numbered_briefs DIR N TEXT: DIR/1.txt .. DIR/N.txt, brief i titled "Brief i"
# with TEXT as its body, its one %s the number i.
numbered_briefs() {
    local i
    mkdir -p "$1"
    for i in $(seq 1 "$2"); do
        printf "Title: Brief %s\n\n$3\n" "$i" "$i" >"$1/$i.txt"
    done
}

# ids QUERY-ARGS...: the ids brief-query returns, space-separated, in order.
ids() {
    query "${EXPECT_STATUS:-0}" --format ids "$@"
    tr '\n' ' ' <"$OUT" | sed 's/ $//'
}

# --- an index and the user's files beside it (safety.sh, kill_steps.sh) ------
# snap NAME DIR: every entry under DIR and each file's sha256, without the
# dates of directories (an index made or removed in them changes those),
# leaving out the index NAME and what goes beside it.
snap() {
    local name=$1 dir=$2
    (cd "$dir" && {
        find . \( -name "$name" -o -name "$name.merging" -o -name "$name.merging.old" \) -prune -o \
            \( -type d -printf '%p %m\n' \) -o -printf '%p %y %s %m %T@ %l\n'
        find . \( -name "$name" -o -name "$name.merging" -o -name "$name.merging.old" \) -prune -o \
            -type f -print0 | xargs -0 sha256sum
    } | LC_ALL=C sort)
}
# count INDEX: the number of briefs in INDEX.
count() { query 0 -d "$1" --format json -n 0 ''; jq .total.estimated "$OUT"; }
# no_leftovers INDEX WHAT: nothing that a build works in is left in or beside
# INDEX (indexer/shards.c); WHAT says which run failed.
no_leftovers() {
    for left in "$1/.shards" "$1/.removing" "$1.merging" "$1.merging.old"; do
        [ ! -e "$left" ] || fail "$2: $left left behind"
    done
    checks=$((checks + 1))
}

done_ok() { echo "$(basename "$0"): all $checks checks passed"; }

# skip_test REASON: this test cannot run here (what it needs is absent). Says
# so and exits 77, which ctest reports as skipped (SKIP_RETURN_CODE in
# tests/CMakeLists.txt), never as passed.
skip_test() { echo "$(basename "$0"): skipped: $*"; exit 77; }

# listening PID PORT: process PID listens on TCP PORT (ss, iproute2): not
# merely something, which may be another test's server that took the port
# first (a free port picked is bound by the server only a moment later).
listening() { ss -Hltnp "sport = :$2" | grep -q "pid=$1,"; }

# free_port: a TCP port of 127.0.0.1 nothing listens on (the caller's server
# may still lose a race for it: start_listening tries again).
free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        ss -Hltn "sport = :$p" | grep -q . || { echo "$p"; return; }
    done
}

# start_listening STOP LOG CMD...: start the server CMD with each argument
# PORT replaced by a free port of 127.0.0.1, its output to LOG (PORT in it
# replaced too), stopped by STOP PID when the test exits; sets LISTEN_PID and
# LISTEN_PORT once the server itself listens there. In a session of its own:
# on SIGTERM Xapian's servers signal their whole process group (to end the
# children serving connections), which would be this test's, ctest's and the
# shell's that ran ctest (setsid, not a group leader here, execs it: $! is
# the server). Another process may take the port first: 5 ports are tried.
start_listening() {
    local stop=$1 log try i arg
    shift
    for try in 1 2 3 4 5; do
        LISTEN_PORT=$(free_port)
        log=${1//PORT/$LISTEN_PORT}
        local cmd=()
        for arg in "${@:2}"; do
            if [ "$arg" = PORT ]; then cmd+=("$LISTEN_PORT"); else cmd+=("$arg"); fi
        done
        setsid "${cmd[@]}" >"$log" 2>&1 </dev/null &
        LISTEN_PID=$!
        at_exit "$stop $LISTEN_PID"
        for i in $(seq 1 300); do
            listening "$LISTEN_PID" "$LISTEN_PORT" && return 0
            kill -0 "$LISTEN_PID" 2>/dev/null || break
            sleep 0.1
        done
        "$stop" "$LISTEN_PID"
    done
    fail "${cmd[0]} did not start: $(cat "$log")"
}

# --- brief-serve ------------------------------------------------------------
# start_server ARGS...: run brief-serve --listen 127.0.0.1:0 ARGS... (under
# the wrapper) in the background, stopped when the test exits whatever
# happens, and wait for its "listening on" line. Sets SERVE_PID, URL
# (http://127.0.0.1:PORT, the port the system chose: never a fixed one) and
# SERVE_ERR (its standard error: messages and the access log).
nservers=0
start_server() {
    : "${BRIEF_SERVE:?set by ctest}"
    nservers=$((nservers + 1))
    SERVE_ERR=$WORK/serve.$nservers.err
    ${BRIEFS_TEST_WRAPPER:-} "$BRIEF_SERVE" --listen 127.0.0.1:0 "$@" 2>"$SERVE_ERR" </dev/null &
    SERVE_PID=$!
    at_exit "stop_server $SERVE_PID"
    URL=
    local i
    for i in $(seq 1 600); do   # 60 s at most: under valgrind it starts slowly
        URL=$(sed -n 's#^brief-serve: listening on \(http://[^/]*\)/.*#\1#p' "$SERVE_ERR")
        [ -n "$URL" ] && return 0
        kill -0 "$SERVE_PID" 2>/dev/null || fail "brief-serve exited at start: $(cat "$SERVE_ERR")"
        sleep 0.1
    done
    fail "brief-serve did not say where it listens"
}
# stop_server PID: SIGTERM, then SIGKILL if it is still there 20 s later.
stop_server() {
    kill -0 "$1" 2>/dev/null || return 0
    kill -TERM "$1" 2>/dev/null || true
    local i
    for i in $(seq 1 200); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null || true
}

# preload_shim: export what preloads the shim $KILL_AFTER_LIB
# (tests/kill_after.c) into every program run after it; call it in a
# subshell. ASan (-DBRIEFS_SANITIZE) wants its runtime first; the shim comes
# first. Sanitizer reports go to stderr: a log_path (scripts/test-sanitizers)
# makes the runtime mkdir its directories while it starts, which the shim
# would count as steps, and run before the shim can.
preload_shim() {
    export LD_PRELOAD="$KILL_AFTER_LIB" \
        ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0:log_path=stderr" \
        UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=stderr"
}
# stopped_at N ARGS...: start brief-index ARGS in the background, stopped
# (SIGSTOP, by the shim) right after its Nth step of the file system, its
# locks held; sets stopped to its pid once it has stopped (SIGCONT goes on).
stopped_at() {
    local n=$1 _
    shift
    (export BRIEFS_KILL_AFTER=$n BRIEFS_KILL_SIGNAL=19; preload_shim
     exec "$BRIEF_INDEX" -q "$@") >"$WORK/stopped.out" 2>"$WORK/stopped.err" </dev/null &
    stopped=$!
    at_exit "kill -CONT $stopped 2>/dev/null; kill $stopped 2>/dev/null"
    for _ in $(seq 1 400); do
        [ "$(awk '{print $3}' "/proc/$stopped/stat" 2>/dev/null)" = T ] && return
        kill -0 "$stopped" 2>/dev/null || fail "brief-index $* ended before step $n: $(cat "$WORK/stopped.err")"
        sleep 0.05
    done
    fail "brief-index $* did not stop after step $n in 20 s"
}
# killed N ARGS...: run brief-index ARGS killed right after its Nth step of
# the file system by the LD_PRELOAD shim $KILL_AFTER_LIB (tests/kill_after.c;
# kill_steps.sh, sharded_kill.sh); sets step to what that step was (the
# shim's line), or to "" when the run ended before it (it must then have
# exited 0).
killed() {
    local n=$1 rc=0
    shift
    rm -f "$WORK/step"
    (export BRIEFS_KILL_AFTER=$n BRIEFS_KILL_LOG="$WORK/step"; preload_shim
     exec "$BRIEF_INDEX" -q "$@") >"$OUT" 2>"$ERR" </dev/null || rc=$?
    step=""
    if [ "$rc" = 137 ]; then
        step=$(cat "$WORK/step")
        [ -n "$step" ] || fail "killed after step $n with no step written: is $KILL_AFTER_LIB preloaded?"
    elif [ "$rc" != 0 ]; then
        fail "exit status $rc, wanted 137 (killed after step $n) or 0: brief-index $*"
    fi
}
