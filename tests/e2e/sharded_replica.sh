#!/usr/bin/env bash
# Read replicas of a sharded index on loopback (brief-index(1), SHARDS):
# xapian-replicate-server serves the index directory, xapian-replicate
# copies each shard; the replica answers as the index does, catches up after
# a reindex with the changesets brief-index kept (XAPIAN_MAX_CHANGESETS),
# and with a full copy when it fell further behind than they reach. The
# server is stopped at the end, passed or failed.
. "$(dirname "$0")/lib.sh"
command -v xapian-replicate-server >/dev/null && command -v xapian-replicate >/dev/null ||
    skip_test "xapian-replicate-server or xapian-replicate not found (xapian-tools)"

C="$WORK/corpus"
S="$WORK/master.db"
R="$WORK/replica"
mkdir -p "$R"
numbered_briefs "$C" 90 'Nickel output %s from Indonesia and Canada.'
export XAPIAN_MAX_CHANGESETS=3
index 0 -q --shards 3 -d "$S" "$C"

# The server on a free port, in a session of its own (start_listening).
command -v ss >/dev/null || skip_test "ss is not installed (iproute2)"
start_listening stop_server "$WORK/server.log" \
    xapian-replicate-server -I 127.0.0.1 -p PORT "$S"
server=$LISTEN_PID port=$LISTEN_PORT
# pull: bring every shard of the replica up to date (one pass each); the
# summary lines of xapian-replicate -v go to $WORK/pulled.
pull() {
    local k tries
    : >"$WORK/pulled"
    for k in 00 01 02; do
        for tries in $(seq 1 50); do   # until the server listens
            # -r 0: no wait for readers between changesets (none are open;
            # the default 30 s per changeset is most of a slow run).
            xapian-replicate -v -r 0 -h 127.0.0.1 -p "$port" -m "shard-$k" -o "$R/shard-$k" \
                >>"$WORK/pulled" 2>&1 && continue 2
            kill -0 "$server" 2>/dev/null || fail "xapian-replicate-server exited: $(cat "$WORK/server.log")"
            sleep 0.1
        done
        fail "xapian-replicate of shard-$k failed: $(tail -3 "$WORK/pulled")"
    done
    checks=$((checks + 1))
}
# answer DB: what brief-query says for a few queries, hits in order.
answer() {
    local q
    for q in '' nickel 'nickel canada' 'cobalt' 'country:id'; do
        "$BRIEF_QUERY" -d "$1" --format json -n 200 --facets person,country "$q" >"$OUT" 2>"$ERR" ||
            echo "status $?"
        jq -c '[.total, .facets, [.hits[] | [.id, .rank, .weight]]]' "$OUT"
    done
}
same_answer() {
    expect_eq "$1: the replica's answer" "$(answer "$R")" "$(answer "$S")"
}

pull
cp "$S/XAPIANDB" "$R/"
same_answer "first copy"
expect_grep "Update complete: 1 copies" "$WORK/pulled"

# A reindex: the replica catches up with changesets, in the shards that changed.
printf 'Title: Brief 7\n\nCobalt output from Indonesia.\n' >"$C/7.txt"
rm "$C/8.txt"
printf 'Title: Brief 91\n\nCobalt and nickel from Canada.\n' >"$C/91.txt"
index 0 -q -d "$S" "$C"
pull
expect_grep "Update complete: 0 copies, [1-9][0-9]* changesets, new live database" "$WORK/pulled"
expect_no_grep "Update complete: [1-9][0-9]* copies" "$WORK/pulled"
same_answer "after a reindex"
expect_eq "the change reached the replica" "$(ids -d "$R" cobalt | tr ' ' '\n' | sort | tr '\n' ' ')" \
    "$C/7.txt $C/91.txt "

# More commits than XAPIAN_MAX_CHANGESETS keeps: a full copy of every
# shard, the same answer. Which shard a brief is in depends on its path (a
# hash), so each round rewrites one brief from each shard: every shard then
# has 5 new commits, more than the 3 changesets kept.
for k in 00 01 02; do
    one=$(ids -d "$S/shard-$k" -n 1 nickel)
    [ -n "$one" ] || fail "shard-$k holds no nickel brief"
    mine+=("$one")
done
for round in 1 2 3 4 5; do
    for one in "${mine[@]}"; do
        printf 'Title: Tin %s\n\nTin output in round %s from Bolivia.\n' "$round" "$round" >"$one"
    done
    index 0 -q -d "$S" "$C"
done
pull
expect_eq "a full copy of each shard" "$(grep -c 'Update complete: 1 copies' "$WORK/pulled")" 3
same_answer "after a copy"
expect_eq "90 briefs on the replica" "$(count "$R")" 90
expect_eq "the last round on the replica" "$(ids -d "$R" 'round 5' | wc -w)" 3

stop_server "$server"
done_ok
