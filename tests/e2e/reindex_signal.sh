#!/usr/bin/env bash
# scripts/brief-reindex stopped by SIGTERM: to the script alone (kill, cron)
# and to its whole process group (systemctl stop, KillMode=control-group).
# Either way brief-index is stopped cleanly, its summary comes out stamped,
# the lock is released and brief-reindex exits 130.
#
# So that the signal comes mid-run on any machine, brief-index stops itself
# (SIGSTOP, by the shim tests/kill_after.c) at its first step of the file
# system, its handlers in place; the signal is sent while it is stopped, then
# it is continued.
. "$(dirname "$0")/lib.sh"
: "${KILL_AFTER_LIB:?set by ctest}"
export BRIEF_INDEX

C="$WORK/corpus"
numbered_briefs "$C" 50 'Trade talks %s between France and Japan.'

# stopped_index SID: the pid of the brief-index of session SID once it has
# stopped itself, or nothing after 20 s.
stopped_index() {
    local _ pid
    for _ in $(seq 1 400); do
        pid=$(ps -e -o pid=,sid=,stat=,comm= |
              awk -v sid="$1" '$2 == sid && $3 ~ /^T/ && $4 == "brief-index" { print $1; exit }')
        [ -n "$pid" ] && { echo "$pid"; return; }
        sleep 0.05
    done
}

# term_pending PID: wait until a SIGTERM waits for stopped PID (bit 15 of
# its pending signals, /proc/PID/status), at most 10 s.
term_pending() {
    local _ pending mask
    for _ in $(seq 1 200); do
        pending=$(awk '$1 == "ShdPnd:" || $1 == "SigPnd:" { print $2 }' "/proc/$1/status" 2>/dev/null)
        for mask in $pending; do
            (( (16#$mask & 0x4000) != 0 )) && return
        done
        sleep 0.05
    done
}

# interrupt TARGET: run brief-reindex in a session of its own, stop it by
# SIGTERM to the script (TARGET script) or to its process group (group).
interrupt() {
    local target=$1 sid index got=0
    rm -rf "$BRIEFS_DB" "$BRIEFS_DB.reindex.lock"
    (export BRIEFS_KILL_AFTER=1 BRIEFS_KILL_SIGNAL=19; preload_shim
     exec setsid "$BRIEF_REINDEX" "$C") >"$OUT" 2>"$ERR" </dev/null &
    sid=$!
    # Never leave a stopped brief-index behind a failed check.
    at_exit "pkill -CONT -s $sid 2>/dev/null; pkill -TERM -s $sid 2>/dev/null"
    index=$(stopped_index "$sid")
    [ -n "$index" ] || fail "$target: brief-index never stopped at its first step"
    if [ "$target" = group ]; then kill -TERM -- "-$sid"; else kill -TERM "$sid"; fi
    # Continue it once the TERM has reached it (the script's trap passes it
    # on), or after 10 s (before the fix the script died instead).
    term_pending "$index"
    kill -CONT "$index"
    wait "$sid" || got=$?
    checks=$((checks + 1))
    [ "$got" = 130 ] || fail "$target: brief-reindex exited $got after SIGTERM, wanted 130"
    expect_grep "^[0-9-]{10}T[0-9:]{8}Z brief-index: .* in [0-9.]+ s$" "$OUT"
    checks=$((checks + 1))
    ! kill -0 "$index" 2>/dev/null || fail "$target: brief-index still runs after brief-reindex exited"
    checks=$((checks + 1))
    flock -n "$BRIEFS_DB.reindex.lock" true || fail "$target: the lock is still held"
}

interrupt script
interrupt group

# The next run indexes what the interrupted one did not.
run 0 "$BRIEF_REINDEX" "$C"
expect_grep "brief-index: 50 files" "$OUT"
query 0 --format json -n 0 ''
expect_eq "briefs after the next run" "$(jq .total.estimated "$OUT")" 50

done_ok
