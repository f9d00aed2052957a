#!/usr/bin/env bash
# The configuration file (briefs(5), corpus/config.c) as the tools use it:
# the user's file under $XDG_CONFIG_HOME gives brief-index its index, roots,
# globs and batch size, and brief-query its index and facets; the command
# line, then $BRIEFS_DB, win over it; --config FILE and $BRIEFS_CONFIG read
# that file alone; and what a tired person types wrong (a missing file, a
# directory, an empty name, an unknown key, a bad value) is one line naming
# the file and the line, exit 2, and nothing written. brief-serve takes its index and
# address from the file as well, the command line winning.
# (/etc/briefs.conf, read before the user's file, is test_config's: a test
# does not write /etc.)
. "$(dirname "$0")/lib.sh"
[ ! -e /etc/briefs.conf ] || skip_test "this machine's /etc/briefs.conf would be read too"
unset BRIEFS_CONFIG BRIEFS_DB
mkdir -p "$XDG_CONFIG_HOME/briefs"
USER_CONF=$XDG_CONFIG_HOME/briefs/config
cat >"$USER_CONF" <<EOF
# the user's
db = $WORK/user.db
root = $SAMPLES
exclude = *.gz
batch = 5
facets = country
listen = 192.0.2.1:8181
EOF
cd "$WORK"
ntxt=$(find "$SAMPLES" -type f -name '*.txt' | wc -l)
nall=$(find "$SAMPLES" -type f ! -name '.*' | wc -l)

# --- the user's file ------------------------------------------------------
index 0 --show-config
expect_eq "brief-index --show-config" "$(cat "$OUT")" \
"# brief-index: the settings in effect, from $USER_CONF, the environment and the command line
db = $WORK/user.db
root = $SAMPLES
exclude = *.gz
batch = 5
batch-seconds = 60"
# No PATH: its root, into its db, without the excluded .gz files.
index 0
expect_grep "^brief-index: $ntxt files \\(0 unchanged\\); $ntxt briefs added" "$OUT"
checks=$((checks + 1))
[ ! -e "$WORK/briefs.db" ] || fail "brief-index wrote ./briefs.db, not the configuration's db"
# brief-query: its db, its facets.
query 0 --format json -n 0 china
expect_eq "facets counted" "$(jq -c '.facets | keys' "$OUT")" '["country"]'

# --- the command line wins, then $BRIEFS_DB ----------------------------------
index 0 -d "$WORK/cli.db" --exclude '*.txt' --batch 7 "$SAMPLES"
expect_grep "^brief-index: $((nall - ntxt)) files \\(0 unchanged\\); $((nall - ntxt)) briefs added" "$OUT"
index 0 --show-config -d "$WORK/cli.db" --include '*.md' --batch-seconds 9 /elsewhere
expect_eq "settings with a command line" "$(tail -n +2 "$OUT")" \
"db = $WORK/cli.db
root = /elsewhere
include = *.md
exclude = *.gz
batch = 5
batch-seconds = 9"
BRIEFS_DB=$WORK/env.db index 0 --show-config
expect_grep "^db = $WORK/env.db\$" "$OUT"
query 0 --format json -n 0 --facets '' china
expect_eq "--facets ''" "$(jq -c '.facets | keys' "$OUT")" '[]'
query 0 --format json -n 0 --facets person china
expect_eq "--facets person" "$(jq -c '.facets | keys' "$OUT")" '["person"]'
query 0 --format ids -n 1000 -d "$WORK/cli.db" wimbledon
expect_grep '\.gz$' "$OUT"

# --- brief-serve: the index and the address --------------------------------------
serve() { local want=$1; shift; run "$want" "$BRIEF_SERVE" "$@"; }
serve 0 --show-config
expect_eq "brief-serve --show-config" "$(cat "$OUT")" \
"# brief-serve: the settings in effect, from $USER_CONF, the environment and the command line
db = $WORK/user.db
listen = 192.0.2.1:8181"
serve 0 --show-config -d "$WORK/cli.db" --listen '[::1]:9000'
expect_eq "brief-serve's settings with a command line" "$(tail -n +2 "$OUT")" \
"db = $WORK/cli.db
listen = [::1]:9000"
BRIEFS_DB=$WORK/env.db serve 0 --show-config
expect_grep "^db = $WORK/env.db\$" "$OUT"
# It listens where the file says: 192.0.2.1 (TEST-NET-1) is no address of
# this machine's, so listening there fails, naming it.
serve 74 --access-log "$WORK/access.log"
expect_eq "brief-serve on the file's address" "$(tail -n 1 "$ERR")" \
    "brief-serve: cannot listen on 192.0.2.1:8181: Cannot assign requested address"
# And it serves the file's index (start_server's --listen wins over the file's).
if command -v curl >/dev/null; then
    start_server --threads 1
    expect_no_grep " 503 [0-9]+ [0-9.]+ms|no index" "$SERVE_ERR"   # STATUS BYTES TIME of an access-log line
    checks=$((checks + 1))
    [ "$(curl -s "$URL/api/search?q=china&limit=0" | jq .total.estimated)" -gt 0 ] ||
        fail "brief-serve did not search the configuration's db"
    stop_server "$SERVE_PID"
fi

# --- --config FILE, $BRIEFS_CONFIG: that file alone ---------------------------
printf 'facets = person\n' >"$WORK/mine.conf"
query 0 --config "$WORK/mine.conf" --show-config
expect_eq "--config alone" "$(cat "$OUT")" \
"# brief-query: the settings in effect, from $WORK/mine.conf, the environment and the command line
db = briefs.db
facets = person"
serve 0 --config "$WORK/mine.conf" --show-config
expect_eq "brief-serve --config alone" "$(tail -n +2 "$OUT")" \
"db = briefs.db
listen = 127.0.0.1:8080"
BRIEFS_CONFIG=$WORK/mine.conf query 0 --show-config
expect_grep "^# brief-query: the settings in effect, from $WORK/mine.conf, the" "$OUT"

# --- what a tired person types wrong ------------------------------------------
# fails_with STATUS MESSAGE COMMAND...: exit STATUS, MESSAGE the whole of
# standard error, nothing on standard output, no index made.
fails_with() {
    local status=$1 message=$2; shift 2
    run "$status" "$@"
    expect_eq "stderr of $*" "$(cat "$ERR")" "$message"
    expect_eq "stdout of $*" "$(cat "$OUT")" ""
    checks=$((checks + 1))
    [ ! -e "$WORK/new.db" ] || fail "$*: an index was made"
}
fails_with 2 "brief-index: nosuch.conf: No such file or directory" \
    "$BRIEF_INDEX" --config nosuch.conf -d new.db "$SAMPLES"
fails_with 2 "brief-query: $WORK: Is a directory" "$BRIEF_QUERY" --config "$WORK" china
fails_with 2 "brief-index: --config: the FILE is an empty name" \
    "$BRIEF_INDEX" --config '' -d new.db "$SAMPLES"
fails_with 2 "brief-query: --config: the FILE is an empty name" "$BRIEF_QUERY" --config= china
fails_with 2 "brief-query: /nonexistent.conf: No such file or directory" \
    env BRIEFS_CONFIG=/nonexistent.conf "$BRIEF_QUERY" china
fails_with 2 "brief-serve: nosuch.conf: No such file or directory" \
    "$BRIEF_SERVE" --config nosuch.conf -d new.db
# In the user's file, found without being named: named in the message.
cp "$USER_CONF" "$WORK/good.conf"
printf 'dbpath = %s/other.db\n' "$WORK" >>"$USER_CONF"
fails_with 2 "brief-index: $USER_CONF:8: unknown key 'dbpath' (the keys: db, root, include, exclude, batch, batch-seconds, facets, listen)" \
    "$BRIEF_INDEX" -d new.db
fails_with 2 "brief-query: $USER_CONF:8: unknown key 'dbpath' (the keys: db, root, include, exclude, batch, batch-seconds, facets, listen)" \
    "$BRIEF_QUERY" china
# brief-serve stops before it opens anything, its access log included.
fails_with 2 "brief-serve: $USER_CONF:8: unknown key 'dbpath' (the keys: db, root, include, exclude, batch, batch-seconds, facets, listen)" \
    "$BRIEF_SERVE" --listen 127.0.0.1:0 --access-log "$WORK/new.log"
checks=$((checks + 1))
[ ! -e "$WORK/new.log" ] || fail "brief-serve opened its access log with a wrong configuration"
sed 's/^listen = .*/listen = localhost/' "$WORK/good.conf" >"$USER_CONF"
fails_with 2 "brief-serve: $USER_CONF:7: listen: not [ADDR]:PORT (such as 127.0.0.1:8080): 'localhost'" \
    "$BRIEF_SERVE"
sed 's/^batch = 5$/batch = 5k/' "$WORK/good.conf" >"$USER_CONF"
fails_with 2 "brief-index: $USER_CONF:5: batch: not a count: '5k'" "$BRIEF_INDEX" -d new.db
sed 's/^facets = country$/facets = countries, persons/' "$WORK/good.conf" >"$USER_CONF"
run 2 "$BRIEF_QUERY" china
expect_grep "^brief-query: $USER_CONF:6: facets takes a list of fields among .*: 'countries, persons'\$" "$ERR"
sed 's/^db = .*/db =/' "$WORK/good.conf" >"$USER_CONF"
fails_with 2 "brief-index: $USER_CONF:2: db: empty value" "$BRIEF_INDEX" "$SAMPLES"
sed 's/^exclude = .*/exclude = "*.gz"/' "$WORK/good.conf" >"$USER_CONF"
fails_with 2 "brief-index: $USER_CONF:4: exclude: \"*.gz\" is in quotes: this file takes a value as it is, without them" \
    "$BRIEF_INDEX" -d new.db
# The command line does not excuse a wrong file: it is read whole, always.
fails_with 2 "brief-index: $USER_CONF:4: exclude: \"*.gz\" is in quotes: this file takes a value as it is, without them" \
    "$BRIEF_INDEX" -d new.db --exclude '*.gz' "$SAMPLES"
# A file of no configuration's: the line named.
printf 'brief-index -d news.db /srv/briefs\n' >"$USER_CONF"
fails_with 2 "brief-query: $USER_CONF:1: not a 'key = value' line" "$BRIEF_QUERY" china

done_ok
