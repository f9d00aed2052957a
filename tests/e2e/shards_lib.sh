# shards_lib.sh — for the shard tests (shards.sh, shards_reuters.sh), after
# lib.sh: shards of disjoint sets of files, stubs, and xapian-tcpsrv on free
# ports, stopped when the test exits whatever happens.
command -v xapian-tcpsrv >/dev/null || skip_test "xapian-tcpsrv is not installed (xapian-tools)"
command -v ss >/dev/null || skip_test "ss is not installed (iproute2)"
command -v setsid >/dev/null || skip_test "setsid is not installed (util-linux)"

# build_shards N DIR FILE...: index FILE... into DIR/shard-00 .. DIR/shard-NN
# (N of them), file i into shard i mod N: each brief in exactly one shard,
# with the path it has in one index of all the files.
build_shards() {
    local n=$1 dir=$2 i j
    shift 2
    mkdir -p "$dir"
    local files=("$@")
    for ((i = 0; i < n; i++)); do
        local part=()
        for ((j = i; j < ${#files[@]}; j += n)); do part+=("${files[$j]}"); done
        index 0 -q -d "$(printf '%s/shard-%02d' "$dir" "$i")" "${part[@]}"
    done
}

# start_tcpsrv DB: serve DB with xapian-tcpsrv on 127.0.0.1 at a free port,
# stopped when the test exits; sets TCPSRV_PID and TCPSRV_PORT once it
# listens (start_listening, lib.sh).
start_tcpsrv() {
    start_listening stop_tcpsrv "$WORK/tcpsrv.PORT.log" \
        xapian-tcpsrv --quiet --interface 127.0.0.1 --port PORT "$1"
    TCPSRV_PID=$LISTEN_PID TCPSRV_PORT=$LISTEN_PORT
}

# port_closed PORT: nothing of 127.0.0.1 listens on PORT or is connected
# from it (a server and the children serving its connections are gone).
port_closed() {
    ! ss -Hltn "sport = :$1" | grep -q . && ! ss -Htn state established "( sport = :$1 )" | grep -q .
}

# stop_tcpsrv PID: stop it (continued first, should it be stopped) and reap it.
stop_tcpsrv() {
    kill -0 "$1" 2>/dev/null || return 0
    kill -CONT "$1" 2>/dev/null || true
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

# same_answer WHAT ARGS...: brief-query ARGS... gives the same answer from
# -d "$SINGLE" and from -d "$STUB": the text as it is, and the JSON with each
# hit's docid left out (Xapian's number for the brief in the database
# searched) and weights to 12 decimals (Xapian adds the same terms' weights
# in another order over shards: the last bits may differ). "Did you mean"
# is left out: Xapian's suggestions from several spelling tables are not
# always those of one (brief-query(1), SHARDS), and remote shards give none.
same_answer() {
    local what=$1 status
    shift
    status=${EXPECT_STATUS:-0}
    # NO_PERCENT=1: percentages left out (--sort date over remote shards:
    # Xapian scales them by the best weight each server saw).
    local cut='^Did you mean: ' pct=
    [ -n "${NO_PERCENT:-}" ] && pct='s/  \[[0-9]+%\]$//'
    query "$status" -d "$SINGLE" --color never "$@"
    grep -Ev "$cut" "$OUT" | sed -E "$pct" >"$WORK/one.txt" || true
    query "$status" -d "$STUB" --color never "$@"
    grep -Ev "$cut" "$OUT" | sed -E "$pct" >"$WORK/shards.txt" || true
    checks=$((checks + 1))
    diff "$WORK/one.txt" "$WORK/shards.txt" >"$WORK/diff" ||
        { head -20 "$WORK/diff" >&2; fail "$what: text differs: $*"; }
    local norm='del(.hits[]?.docid, .suggestion'${NO_PERCENT:+', .hits[]?.percent'}') | walk(if type == "number" and (. != floor)
                then (. * 1e12 | round) / 1e12 else . end)'
    query "$status" -d "$SINGLE" --format json "$@"; jq -S "$norm" "$OUT" >"$WORK/one.json"
    query "$status" -d "$STUB" --format json "$@"; jq -S "$norm" "$OUT" >"$WORK/shards.json"
    diff "$WORK/one.json" "$WORK/shards.json" >"$WORK/diff" ||
        { head -20 "$WORK/diff" >&2; fail "$what: JSON differs: $*"; }
}
