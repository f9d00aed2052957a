#!/usr/bin/env bash
# The Debian package (scripts/package/CMakeLists.txt): cpack -G DEB builds it from
# the build; its control fields name the right libraries; it holds every
# program of BRIEFS_PROGRAMS with its man page and completion, the
# configuration example, the cron and systemd kit and the copyright and
# changelog Debian's policy asks for; lintian finds no error in it and no
# hardening tag, and hardening-check (devscripts) passes its binaries: built
# with Debian's hardening flags (scripts/hardening.cmake); and, unpacked into
# a clean root (dpkg -x, then dpkg --root), its programs run on the samples as
# cron runs them, brief-serve answers a request, and its systemd units pass
# systemd-analyze verify. (A chroot made by debootstrap, where apt
# would install the package with its dependencies, needs the network and
# root: not a test that runs everywhere.)
. "$(dirname "$0")/lib.sh"
: "${BRIEFS_BUILD_DIR:?set by ctest}" "${BRIEFS_SOURCE_DIR:?set by ctest}"
: "${BRIEFS_VERSION:?set by ctest}" "${BRIEFS_PROGRAMS:?set by ctest}"
# (scripts/install-deps installs them all.)
for tool in cpack dpkg-deb dpkg-shlibdeps lintian; do
    command -v "$tool" >/dev/null || skip_test "$tool is not installed"
done
nfiles=$(find "$SAMPLES" -type f ! -name '.*' | wc -l)

# --- build ----------------------------------------------------------------
BRIEFS_TEST_WRAPPER= run 0 cpack -G DEB -B "$WORK/pkg" --config "$BRIEFS_BUILD_DIR/CPackConfig.cmake"
deb=$(ls "$WORK"/pkg/briefs_*.deb)
expect_eq "the package's file name" "$(basename "$deb")" \
    "briefs_${BRIEFS_VERSION}-1_$(dpkg --print-architecture).deb"

# --- control fields --------------------------------------------------------
field() { dpkg-deb --field "$deb" "$1"; }
expect_eq "Package" "$(field Package)" briefs
expect_eq "Version" "$(field Version)" "$BRIEFS_VERSION-1"
expect_eq "Section" "$(field Section)" text
expect_eq "Recommends" "$(field Recommends)" xapian-tools
# Read from the binaries by dpkg-shlibdeps: each library they link.
depends=$(field Depends)
for lib in libc6 libxapian30 libjansson4 zlib1g libinih1 libmicrohttpd12 libstdc++6; do
    checks=$((checks + 1))
    grep -qE "(^|, )${lib//+/\\+}( |,|\$)" <<<"$depends" || fail "Depends lacks $lib: $depends"
done

# --- contents ---------------------------------------------------------------
dpkg-deb --contents "$deb" >"$WORK/contents"
# path_mode PATH: "MODE OWNER" of ./PATH in the package, or nothing.
path_mode() { awk -v p="./$1" '$6 == p { print $1, $2 }' "$WORK/contents"; }
for program in $BRIEFS_PROGRAMS; do
    expect_eq "usr/bin/$program" "$(path_mode "usr/bin/$program")" "-rwxr-xr-x root/root"
    expect_eq "its man page" "$(path_mode "usr/share/man/man1/$program.1.gz")" "-rw-r--r-- root/root"
    expect_eq "its completion" "$(path_mode "usr/share/bash-completion/completions/$program")" \
        "-rw-r--r-- root/root"
done
for f in usr/share/man/man5/briefs.5.gz usr/share/man/man7/briefs.7.gz \
         usr/lib/systemd/system/briefs-reindex.service usr/lib/systemd/system/briefs-reindex.timer \
         usr/lib/systemd/system/briefs-serve.service \
         usr/lib/systemd/system/briefs-shard@.service \
         usr/share/doc/briefs/crontab.example usr/share/doc/briefs/briefs.conf.example \
         usr/share/doc/briefs/copyright usr/share/doc/briefs/changelog.Debian.gz; do
    expect_eq "$f" "$(path_mode "$f")" "-rw-r--r-- root/root"
done
# Directories 0755, and nothing outside /usr.
expect_no_grep '^d.......w' "$WORK/contents"
expect_no_grep ' \./(etc|lib|var|opt|home)/' "$WORK/contents"

# --- lintian: no error (warnings are listed), no hardening tag -------------
# (-I: the informational tags too, hardening-no-fortify-functions among them.)
BRIEFS_TEST_WRAPPER= run 0 lintian --fail-on error -I --tag-display-limit 0 "$deb"
echo "lintian:"; sed 's/^/  /' "$OUT"
expect_no_grep '^E: ' "$OUT"
# Hardening is checked where the build has it (scripts/hardening.cmake: not
# in a sanitizer, fuzz or Debug build, whose package is never shipped).
hardened=${BRIEFS_HARDENED:-1}
[ "$hardened" = 1 ] || echo "package.sh: not a hardened build (BRIEFS_HARDENED=$hardened): its hardening was not checked"
[ "$hardened" != 1 ] || expect_no_grep ': hardening-' "$OUT"

# --- a clean root: the programs as cron runs them ----------------------------
ROOT=$WORK/root
BRIEFS_TEST_WRAPPER= run 0 dpkg -x "$deb" "$ROOT"
BIN=$ROOT/usr/bin
export HOME=$WORK/home
mkdir -p "$HOME"
cd "$HOME"
cron_env=(env -i PATH=/usr/bin:/bin HOME="$HOME" BRIEFS_CONFIG=/dev/null)
for program in $BRIEFS_PROGRAMS; do
    run 0 "${cron_env[@]}" "$BIN/$program" --version
    expect_eq "$program --version" "$(cat "$OUT")" "$program $BRIEFS_VERSION"
done
run 0 "${cron_env[@]}" "$BIN/brief-index" "$SAMPLES"
expect_grep "^brief-index: [0-9]+ files? \(0 unchanged\); $nfiles briefs added" "$OUT"
run 0 "${cron_env[@]}" "$BIN/brief-query" --format ids 'china russia'
expect_eq "ids of 'china russia'" "$(lines "$OUT")" 3
# brief-reindex finds the brief-index beside it, and the configuration's db
# and roots (briefs.conf.example, with its lines set).
sed -e 's|^#db = .*|db = '"$WORK"'/reindex.db|' -e 's|^#root = .*|root = '"$SAMPLES"'|' \
    "$ROOT/usr/share/doc/briefs/briefs.conf.example" >"$WORK/briefs.conf"
run 0 "${cron_env[@]}" "$BIN/brief-reindex" --config "$WORK/briefs.conf"
expect_grep "^[0-9-]{10}T[0-9:]{8}Z brief-index: [0-9]+ files? \(0 unchanged\); $nfiles briefs added" "$OUT"
checks=$((checks + 1))
[ -e "$WORK/reindex.db.reindex.lock" ] || fail "brief-reindex did not lock the configuration's db"
run 0 "${cron_env[@]}" "$BIN/brief-query" -d "$WORK/reindex.db" --format ids 'china russia'
expect_eq "ids of 'china russia' in the configuration's db" "$(lines "$OUT")" 3
# The kit names the programs where the package puts them.
expect_grep '^ExecStart=/usr/bin/brief-reindex ' "$ROOT/usr/lib/systemd/system/briefs-reindex.service"
expect_grep '^ExecStart=/usr/bin/brief-serve$' "$ROOT/usr/lib/systemd/system/briefs-serve.service"

# brief-serve as installed, under cron's environment: on a free port, the
# index the installed brief-index made; one request; stopped by SIGTERM, 0.
if command -v curl >/dev/null; then
    printf '#!/bin/sh\nexec env -i PATH=/usr/bin:/bin HOME=%q BRIEFS_CONFIG=/dev/null %q "$@"\n' \
        "$HOME" "$BIN/brief-serve" >"$WORK/installed-serve"
    chmod +x "$WORK/installed-serve"
    BRIEF_SERVE=$WORK/installed-serve start_server -d "$HOME/briefs.db" --threads 1
    expect_no_grep " 503 [0-9]+ [0-9.]+ms|no index" "$SERVE_ERR"   # STATUS BYTES TIME of an access-log line
    checks=$((checks + 1))
    curl -s "$URL/api/search?q=china%20russia&limit=0" >"$WORK/served.json" ||
        fail "curl could not ask the installed brief-serve"
    expect_eq "briefs the installed brief-serve finds for 'china russia'" \
        "$(jq .total.estimated "$WORK/served.json")" 3
    kill -TERM "$SERVE_PID"
    serve_status=0
    wait "$SERVE_PID" || serve_status=$?
    expect_eq "the installed brief-serve's exit status at SIGTERM" "$serve_status" 0
    expect_grep '^brief-serve: stopped \(SIGTERM\)$' "$SERVE_ERR"
else
    echo "package.sh: curl is not installed: the installed brief-serve was not asked"
fi

# The units as packaged pass systemd-analyze verify: their ExecStart and
# Documentation= name what the package holds (the paths under the root).
if command -v systemd-analyze >/dev/null; then
    mkdir -p "$WORK/units"
    for unit in briefs-reindex.service briefs-reindex.timer briefs-serve.service; do
        sed "s|^ExecStart=/usr/|ExecStart=$ROOT/usr/|" "$ROOT/usr/lib/systemd/system/$unit" \
            >"$WORK/units/$unit"
    done
    MANPATH=$ROOT/usr/share/man BRIEFS_TEST_WRAPPER= run 0 systemd-analyze verify "$WORK"/units/*
    expect_eq "systemd-analyze verify's output" "$(cat "$OUT" "$ERR")" ""
fi

# hardening-check (devscripts) on the packaged binaries: PIE, stack
# protector, fortified functions, read-only relocations, immediate binding;
# control-flow protection only where dpkg-buildflags gives it (bookworm's
# does not, on amd64; stack-clash protection it reports without failing).
if [ "$hardened" != 1 ]; then
    :   # said above
elif command -v hardening-check >/dev/null; then
    hc_skip=()
    DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CFLAGS >"$WORK/cflags"
    grep -q -- -fcf-protection "$WORK/cflags" || hc_skip+=(--nocfprotection)
    for program in brief-index brief-query brief-serve; do
        BRIEFS_TEST_WRAPPER= run 0 hardening-check "${hc_skip[@]}" "$BIN/$program"
        for feature in "Position Independent Executable" "Stack protected" \
                       "Fortify Source functions" "Read-only relocations" "Immediate binding"; do
            expect_grep "^ $feature: yes" "$OUT"
        done
    done
else
    echo "package.sh: hardening-check (devscripts) is not installed: the binaries' hardening was not checked"
fi
expect_grep ' /usr/bin/brief-reindex /srv/briefs ' "$ROOT/usr/share/doc/briefs/crontab.example"
# The man pages as man reads them from the package.
if command -v man >/dev/null; then
    for page in "$ROOT"/usr/share/man/man?/*.gz; do
        MANWIDTH=80 man --warnings -l "$page" >"$WORK/page" 2>"$WORK/page.warnings" ||
            fail "man cannot read $page"
        expect_eq "man's warnings about $(basename "$page")" "$(cat "$WORK/page.warnings")" ""
    done
fi

# dpkg --root: installed into an empty dpkg database, as dpkg would on a
# machine (the libraries it depends on are not in that root: forced).
DPKG_ROOT=$WORK/dpkg-root
mkdir -p "$DPKG_ROOT/var/lib/dpkg/info" "$DPKG_ROOT/var/lib/dpkg/updates"
: >"$DPKG_ROOT/var/lib/dpkg/status"
BRIEFS_TEST_WRAPPER= run 0 dpkg --root="$DPKG_ROOT" --force-depends --force-not-root -i "$deb"
BRIEFS_TEST_WRAPPER= run 0 dpkg --root="$DPKG_ROOT" -s briefs
expect_grep '^Status: install ok installed$' "$OUT"
run 0 env -i PATH=/usr/bin:/bin HOME="$HOME" BRIEFS_CONFIG=/dev/null \
    "$DPKG_ROOT/usr/bin/brief-query" -d "$WORK/reindex.db" --format ids 'china russia'
expect_eq "ids from the dpkg-installed brief-query" "$(lines "$OUT")" 3
BRIEFS_TEST_WRAPPER= run 0 dpkg --root="$DPKG_ROOT" --force-depends -r briefs
checks=$((checks + 1))
[ ! -e "$DPKG_ROOT/usr/bin/brief-index" ] || fail "dpkg -r left /usr/bin/brief-index"

done_ok
