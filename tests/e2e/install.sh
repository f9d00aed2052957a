#!/usr/bin/env bash
# The installed tools as cron and systemd run them: `cmake --install` into a
# staging prefix, then the installed brief-index, brief-query and
# brief-reindex run under cron's environment (env -i PATH=/usr/bin:/bin: the
# staging bin dir reached only by absolute path, as cron calls
# /usr/local/bin/brief-reindex), every job of the installed crontab.example
# run as cron runs it (its system paths moved under $WORK), brief-reindex's
# exit 127 when brief-index or a program it runs is missing, and the
# installed units through systemd-analyze verify. When systemd-analyze cannot
# be had, everything else is checked, then the test is reported as skipped.
. "$(dirname "$0")/lib.sh"
: "${BRIEFS_BUILD_DIR:?set by ctest}" "${CMAKE_COMMAND:?set by ctest}" "${BRIEFS_SOURCE_DIR:?set by ctest}"

STAGE=$WORK/stage
BIN=$STAGE/bin
UNITS=$STAGE/lib/systemd/system
CRONTAB=$STAGE/share/doc/briefs/crontab.example
nfiles=$(find "$SAMPLES" -type f ! -name '.*' | wc -l)

# cmake --install writes the build's install_manifest.txt: keep the one there.
manifest=$BRIEFS_BUILD_DIR/install_manifest.txt
[ ! -e "$manifest" ] || cp -p "$manifest" "$WORK/manifest.saved"
BRIEFS_TEST_WRAPPER= run 0 "$CMAKE_COMMAND" --install "$BRIEFS_BUILD_DIR" --prefix "$STAGE"
if [ -e "$WORK/manifest.saved" ]; then cp -p "$WORK/manifest.saved" "$manifest"; else rm -f "$manifest"; fi

for f in "$BIN/brief-index" "$BIN/brief-query" "$BIN/brief-serve" "$BIN/brief-reindex"; do
    checks=$((checks + 1))
    [ -f "$f" ] && [ -x "$f" ] || fail "not installed as an executable: $f"
done
for f in "$UNITS/briefs-reindex.service" "$UNITS/briefs-reindex.timer" "$UNITS/briefs-serve.service" \
         "$UNITS/briefs-shard@.service" "$CRONTAB"; do
    checks=$((checks + 1))
    [ -f "$f" ] || fail "not installed: $f"
done
# The unit and the crontab name the brief-reindex just installed.
expect_grep "^ExecStart=$BIN/brief-reindex " "$UNITS/briefs-reindex.service"
expect_grep "^ExecStart=$BIN/brief-serve$" "$UNITS/briefs-serve.service"
expect_no_grep "/usr/local/bin" "$CRONTAB"

# cron's environment: PATH=/usr/bin:/bin, SHELL=/bin/sh, HOME, LOGNAME, and
# whatever the crontab sets; the job runs in HOME.
export HOME="$WORK/home"
mkdir -p "$HOME"
cd "$HOME"
# BRIEFS_CONFIG=/dev/null: no /etc/briefs.conf of this machine's (lib.sh).
cron_env=(env -i PATH=/usr/bin:/bin SHELL=/bin/sh HOME="$HOME" LOGNAME="$(id -un)" BRIEFS_CONFIG=/dev/null)

# The installed binaries, by absolute path, with nothing of ours on PATH.
run 0 "${cron_env[@]}" "$BIN/brief-index" "$SAMPLES"
expect_grep "^brief-index: [0-9]+ files? \(0 unchanged\); $nfiles briefs added" "$OUT"
expect_eq "stderr of brief-index" "$(cat "$ERR")" ""
run 0 "${cron_env[@]}" "$BIN/brief-query" --format json -n 0 ''
expect_eq "briefs in ./briefs.db" "$(jq .total.estimated "$OUT")" "$nfiles"
run 0 "${cron_env[@]}" "$BIN/brief-query" --format ids 'china russia'
expect_eq "ids of 'china russia'" "$(lines "$OUT")" 3

# brief-reindex finds brief-index beside itself.
run 0 "${cron_env[@]}" BRIEFS_DB="$WORK/reindex.db" "$BIN/brief-reindex" "$SAMPLES"
expect_grep "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z brief-index: [0-9]+ files? \(0 unchanged\); $nfiles briefs added" "$OUT"
expect_eq "stderr of brief-reindex" "$(cat "$ERR")" ""

# Every job of the crontab, as cron runs it: its command through /bin/sh -c
# in cron's environment plus the crontab's variables. Only the system paths
# change, to directories under $WORK.
moved() {
    sed -e "s|/var/lib/briefs|$WORK/var/lib/briefs|g" -e "s|/var/log/briefs|$WORK/var/log/briefs|g" \
        -e "s|/srv/briefs|$WORK/srv/briefs|g" "$CRONTAB"
}
mkdir -p "$WORK/var/lib/briefs" "$WORK/var/log/briefs" "$WORK/srv"
cp -r "$SAMPLES" "$WORK/srv/briefs"
log=$WORK/var/log/briefs/reindex.log
vars=() jobs=() minutes=()
while IFS= read -r line; do
    case $line in
        '#'* | '') ;;
        [A-Za-z_]*=*) vars+=("$line") ;;
        *) read -r m h dom mon dow cmd <<<"$line"; minutes+=("$m"); jobs+=("$cmd") ;;
    esac
done < <(moved)
expect_eq "crontab jobs" "${#jobs[@]}" 2
expect_eq "crontab variables" "${vars[*]}" "BRIEFS_DB=$WORK/var/lib/briefs/briefs.db"
# The weekly compaction starts at a minute the */15 job does not: started
# together, one would find the other's lock and exit 75 doing nothing.
expect_eq "first job's minutes" "${minutes[0]}" "*/15"
checks=$((checks + 1))
[ $((minutes[1] % 15)) != 0 ] || fail "the compaction job starts with the */15 job (minute ${minutes[1]})"

# The */15 job: cron has nothing to mail, the log has the run.
run 0 "${cron_env[@]}" "${vars[@]}" /bin/sh -c "${jobs[0]}"
expect_eq "what cron mails (the */15 job)" "$(cat "$OUT" "$ERR")" ""
expect_grep "^[0-9-]{10}T[0-9:]{8}Z brief-index: [0-9]+ files? \(0 unchanged\); $nfiles briefs added" "$log"
# The weekly job: indexes (nothing changed), then compacts.
run 0 "${cron_env[@]}" "${vars[@]}" /bin/sh -c "${jobs[1]}"
expect_eq "what cron mails (the weekly job)" "$(cat "$OUT" "$ERR")" ""
expect_grep "^[0-9-]{10}T[0-9:]{8}Z brief-index: [0-9]+ files? \([0-9]+ unchanged\); 0 briefs added, 0 updated, $nfiles unchanged, 0 deleted" "$log"
expect_grep "^[0-9-]{10}T[0-9:]{8}Z brief-reindex: compacted " "$log"
run 0 "${cron_env[@]}" "${vars[@]}" "$BIN/brief-query" --format ids 'china russia'
expect_eq "ids of 'china russia' after the crontab's jobs" "$(lines "$OUT")" 3

# brief-reindex alone (no brief-index beside it, none on PATH): 127, one line.
mkdir -p "$WORK/alone"
cp "$BIN/brief-reindex" "$WORK/alone/"
run 127 "${cron_env[@]}" "$WORK/alone/brief-reindex" "$SAMPLES"
expect_grep "brief-reindex: brief-index not found beside $WORK/alone/brief-reindex nor on PATH \\(/usr/bin:/bin\\)$" "$OUT"
expect_eq "one line" "$(lines "$OUT")" 1
# A PATH without flock, then without xapian-compact (needed with --compact
# only, and checked before indexing): 127, naming it, and no index made.
mkdir -p "$WORK/somebin"
for p in bash env date nice dirname readlink; do ln -s "$(command -v "$p")" "$WORK/somebin/$p"; done
run 127 env -i PATH="$WORK/somebin" BRIEFS_DB="$WORK/none.db" "$BIN/brief-reindex" "$SAMPLES"
expect_grep "brief-reindex: flock not found on PATH \\($WORK/somebin\\)$" "$OUT"
ln -s "$(command -v flock)" "$WORK/somebin/flock"
run 127 env -i PATH="$WORK/somebin" BRIEFS_DB="$WORK/none.db" "$BIN/brief-reindex" --compact "$SAMPLES"
expect_grep "brief-reindex: xapian-compact not found on PATH \\($WORK/somebin\\)$" "$OUT"
checks=$((checks + 1))
[ ! -e "$WORK/none.db" ] || fail "brief-reindex indexed although it could not compact"

# The installed units pass systemd-analyze verify (which checks, among the
# rest, that ExecStart is an executable file, and that the man pages of
# Documentation= exist: man finds them under the stage, where cmake --install
# put them), and a unit whose ExecStart is missing does not (the check has
# teeth here).
command -v systemd-analyze >/dev/null || "$BRIEFS_SOURCE_DIR/scripts/install-deps" >&2 || true
command -v systemd-analyze >/dev/null ||
    skip_test "all $checks other checks passed; systemd-analyze cannot be installed, so the units were not verified"
export MANPATH=$STAGE/share/man
BRIEFS_TEST_WRAPPER= run 0 systemd-analyze verify "$UNITS/briefs-reindex.service" "$UNITS/briefs-reindex.timer" \
    "$UNITS/briefs-serve.service"
expect_eq "systemd-analyze verify's output" "$(cat "$OUT" "$ERR")" ""
# The template, as an instance (verify needs one), when xapian-tcpsrv is here.
if command -v xapian-tcpsrv >/dev/null; then
    mkdir -p "$WORK/shard"
    cp "$UNITS/briefs-shard@.service" "$WORK/shard/"
    ln -s "briefs-shard@.service" "$WORK/shard/briefs-shard@07.service"
    BRIEFS_TEST_WRAPPER= run 0 systemd-analyze verify "$WORK/shard/briefs-shard@07.service"
    expect_eq "systemd-analyze verify briefs-shard@07" "$(cat "$OUT" "$ERR")" ""
    # Its port and shard, as systemd expands them.
    expect_grep '^Environment=BRIEFS_SHARD_PORT=71%i$' "$UNITS/briefs-shard@.service"
fi
mkdir -p "$WORK/broken"
sed "s|^ExecStart=$BIN/|ExecStart=$WORK/nowhere/|" "$UNITS/briefs-reindex.service" >"$WORK/broken/briefs-reindex.service"
BRIEFS_TEST_WRAPPER= run 1 systemd-analyze verify "$WORK/broken/briefs-reindex.service"
cat "$OUT" "$ERR" >"$WORK/verify.out"
expect_grep "nowhere/brief-reindex is not executable" "$WORK/verify.out"

done_ok
