#!/usr/bin/env bash
# Search over shards (#18): the samples in three shards of disjoint files,
# through a stub of local shards (a file, and a directory holding XAPIANDB)
# and through three xapian-tcpsrv on free ports, answer as one index of the
# samples does (text and JSON: hits, ranks, weights, totals, facets, with
# phrases, filters, dates); a server stopped: the error naming it (exit 74),
# --allow-partial's answer naming it, a server dying during a --batch; a
# stopped (hung) server and --timeout; what cannot cross the remote protocol
# (spelling); the tired user's mistakes in a stub. The servers are stopped
# when the test exits, passed or failed (lib.sh: at_exit).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/shards_lib.sh"

SINGLE=$WORK/single.db
mapfile -t files < <(find "$SAMPLES" -type f | LC_ALL=C sort)
index 0 -q -d "$SINGLE" "${files[@]}"
build_shards 3 "$WORK/local" "${files[@]}"
printf '# the samples in three shards\nauto shard-00\n\nglass shard-01\nauto %s/local/shard-02\n' \
    "$WORK" >"$WORK/local/stub"

# Queries that rank, filter, phrase, date and count.
check_all() {
    local how=$1
    same_answer "$how" oil
    same_answer "$how" -n 20 'china russia'
    same_answer "$how" '"oil prices"'
    same_answer "$how" --facets all --facet-limit 50 oil
    same_answer "$how" --facets all --facet-order significance -n 3 ''
    same_answer "$how" -n 57 ''                       # every weight 0: ties by id
    same_answer "$how" --person sullivan --facets country china
    same_answer "$how" --country us,cn --since 2022-01-01 --until 2023-12-31 -n 30 ''
    same_answer "$how" --facets year,month 'date:2022..2024'
    same_answer "$how" --sort -date -n 20 'oil OR sanctions OR ukraine'
    same_answer "$how" --explain -n 5 'country:us sanctions'
    same_answer "$how" --any -n 20 'oil prices rise after saudi cut output'
    same_answer "$how" --offset 5 -n 5 --facets person 'minister'
    same_answer "$how" 'title:ukraine -grain'
    EXPECT_STATUS=1 same_answer "$how" --country japan wimbledon
}

# --- local shards: a stub file, and a directory holding XAPIANDB -------------
STUB=$WORK/local/stub
check_all "local stub"
mkdir "$WORK/stubdir"
printf 'auto ../local/shard-00\nauto ../local/shard-01\nauto ../local/shard-02\n' \
    >"$WORK/stubdir/XAPIANDB"
STUB=$WORK/stubdir
same_answer "stub directory" --facets all oil

# --- remote shards: three xapian-tcpsrv -------------------------------------
ports=() pids=()
for i in 0 1 2; do
    start_tcpsrv "$WORK/local/shard-0$i"
    ports+=("$TCPSRV_PORT") pids+=("$TCPSRV_PID")
done
STUB=$WORK/remote.stub
printf 'remote 127.0.0.1:%s\n' "${ports[@]}" >"$STUB"
check_all "remote stub"
# Local and remote shards in one stub.
printf 'auto %s/local/shard-00\nremote 127.0.0.1:%s\ntcp 127.0.0.1 %s\n' \
    "$WORK" "${ports[1]}" "${ports[2]}" >"$WORK/mixed.stub"
STUB=$WORK/mixed.stub
same_answer "mixed stub" --facets all -n 20 'oil OR china'
STUB=$WORK/remote.stub

# Spelling suggestions cannot cross Xapian 1.4's remote protocol: none from
# remote shards, the same hits.
query 0 -d "$SINGLE" --format json 'sanctoins OR oil'
expect_eq "one index suggests" "$(jq -r .suggestion "$OUT")" "sanctions OR oil"
query 0 -d "$STUB" --format json 'sanctoins OR oil'
expect_eq "remote shards do not" "$(jq -r .suggestion "$OUT")" "null"

# --- a server stopped -------------------------------------------------------
stop_tcpsrv "${pids[1]}"
query 74 -d "$STUB" oil
expect_grep "^brief-query: $STUB:2: remote 127.0.0.1:${ports[1]}: cannot reach the shard: .*Connection refused" "$ERR"
expect_eq "one line" "$(lines "$ERR")" 1
query 0 -d "$STUB" --allow-partial oil
expect_grep "^Partial answer: 1 of 3 shards missing: remote 127.0.0.1:${ports[1]}\.$" "$OUT"
query 0 -d "$STUB" --allow-partial --format json --facets country oil
expect_eq "JSON says partial" "$(jq -c '[.partial, .missing_shards]' "$OUT")" \
    "[true,[\"remote 127.0.0.1:${ports[1]}\"]]"
partial_total=$(jq .total.estimated "$OUT")
# What the two shards that answer hold.
printf 'auto local/shard-00\nauto local/shard-02\n' >"$WORK/two.stub"
query 0 -d "$WORK/two.stub" --format json --facets country oil
expect_eq "the partial answer is the other shards'" "$partial_total" "$(jq .total.estimated "$OUT")"
query 0 -d "$STUB" --allow-partial --format ids oil
expect_grep "^brief-query: partial answer: 1 of 3 shards missing: remote 127.0.0.1:${ports[1]}$" "$ERR"

# A server dying during a --batch: the next query fails naming it (74 at the
# end), or, with --allow-partial, is answered by the others and says so.
for partial in "" --allow-partial; do
    start_tcpsrv "$WORK/local/shard-01"
    printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' \
        "${ports[0]}" "$TCPSRV_PORT" "${ports[2]}" >"$WORK/batch.stub"
    rm -f "$WORK/fifo"; mkfifo "$WORK/fifo"
    # The server stops once the first answer is out (not after a while: a
    # slow brief-query may not have answered yet), and the second query goes
    # once it is gone, with the child that served brief-query (not the
    # feeder's child, stop_tcpsrv cannot wait for it). The fifo opens once
    # brief-query reads it, after run emptied $OUT.
    (exec 3>"$WORK/fifo"; echo oil >&3
     for _ in $(seq 1 1200); do [ "$(lines "$OUT")" -ge 1 ] && break; sleep 0.05; done
     stop_tcpsrv "$TCPSRV_PID"
     for _ in $(seq 1 1200); do port_closed "$TCPSRV_PORT" && break; sleep 0.05; done
     echo oil >&3) &
    feeder=$!
    want=74; [ -n "$partial" ] && want=0
    query $want -d "$WORK/batch.stub" $partial --batch "$WORK/fifo"
    wait "$feeder"
    expect_eq "first answer whole$partial" "$(sed -n 1p "$OUT" | jq -c '.partial')" null
    if [ -n "$partial" ]; then
        expect_eq "second answer partial" "$(sed -n 2p "$OUT" | jq -c '[.partial, .missing_shards]')" \
            "[true,[\"remote 127.0.0.1:$TCPSRV_PORT\"]]"
    else
        expect_grep "batch.stub:2: remote 127.0.0.1:$TCPSRV_PORT: cannot reach the shard" <(sed -n 2p "$OUT" | jq -r .error)
    fi
done

# A server that accepts but never answers (stopped): --timeout bounds the wait.
start_tcpsrv "$WORK/local/shard-01"
kill -STOP "$TCPSRV_PID"
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "${ports[0]}" "$TCPSRV_PORT" >"$WORK/hung.stub"
query 74 -d "$WORK/hung.stub" --timeout 300 oil
expect_grep "hung.stub:2: remote 127.0.0.1:$TCPSRV_PORT: cannot reach the shard: .*Timeout" "$ERR"
query 0 -d "$WORK/hung.stub" --timeout 300 --allow-partial --format json oil
expect_eq "hung shard missing" "$(jq -c .missing_shards "$OUT")" "[\"remote 127.0.0.1:$TCPSRV_PORT\"]"
kill -CONT "$TCPSRV_PID"

# --- the tired user's mistakes ----------------------------------------------
bad() { printf '%b' "$2" >"$WORK/bad.stub"; query 74 -d "$WORK/bad.stub" oil
        expect_grep "^brief-query: $WORK/bad.stub:$1" "$ERR"; expect_eq "one line" "$(lines "$ERR")" 1; }
bad "2: port '70a1' is not a number from 1 to 65535" 'auto local/shard-00\nremote 127.0.0.1:70a1\n'
bad "1: port '' is not a number" 'remote 127.0.0.1:\n'
bad "1: unknown kind of database 'shard' \(auto, glass, remote or tcp\)" 'shard local/shard-00\n'
bad "1: 'auto' names no database" 'auto\n'
bad "1: 'tcp' takes HOST PORT" 'tcp 127.0.0.1:7000\n'
bad "2: $WORK/nothere: no index here" 'auto local/shard-00\nauto nothere\n'
bad "1: remote no-such-host.invalid:7000: cannot reach the shard" 'remote no-such-host.invalid:7000\n'
printf '# nothing\n' >"$WORK/empty.stub"
query 74 -d "$WORK/empty.stub" oil
expect_grep "empty.stub: the stub names no database" "$ERR"
query 2 -d "$SINGLE" --allow-partial oil
expect_grep "^brief-query: --allow-partial answers from the shards of a stub" "$ERR"

done_ok
