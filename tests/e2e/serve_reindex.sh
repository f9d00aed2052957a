#!/usr/bin/env bash
# brief-serve while the index changes under it: a client asks question after
# question while brief-index updates the index in place and brief-reindex
# --compact swaps in new generations (the index path a symbolic link moved
# to another directory). Every answer must be a 200 with a whole document,
# never an error nor a half index, and each change must show in the next
# answers (the handles move to the new revision, and to the new directory:
# also when an index path is re-pointed to another index, blue/green).
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || "$BRIEFS_SOURCE_DIR/scripts/install-deps" >&2 || true
command -v curl >/dev/null || skip_test "curl cannot be installed"
command -v xapian-compact >/dev/null || skip_test "xapian-compact (xapian-tools) is not installed"
export BRIEF_INDEX
reindex() { "$BRIEFS_SOURCE_DIR/scripts/brief-reindex" "$@" >"$OUT" 2>"$ERR" || fail "brief-reindex $* exited $?"; }

CORPUS=$WORK/corpus
DB=$WORK/live.db
mkdir -p "$CORPUS"
cp -r "$SAMPLES/." "$CORPUS/"
reindex --compact -d "$DB" "$CORPUS"
checks=$((checks + 1))
[ -L "$DB" ] || fail "brief-reindex --compact did not make $DB a link to a generation"
nbriefs=$("$BRIEF_QUERY" -d "$DB" --format json -n 0 '' | jq .total.estimated)
start_server -d "$DB" --threads 2

# The client: the same few questions over and over, until told to stop; each
# answer's status, and whether it is a whole document with an exact total
# between the first count and the last, into $WORK/answers.
client() {
    local n=0 status
    while [ ! -e "$WORK/stop" ] && [ $n -lt 5000 ]; do
        for q in 'q=oil&facets=person,country' 'q=&facets=country' 'q=minister&sort=-date'; do
            status=$(curl -s -o "$WORK/answer.json" -w '%{http_code}' "$URL/api/search?$q&limit=5")
            if [ "$status" = 200 ] && jq -e \
                '.total.exact and (.hits | length) > 0 and (.query | type) == "string"' \
                "$WORK/answer.json" >/dev/null 2>&1; then
                echo "200 whole"
            else
                echo "$status $(head -c 300 "$WORK/answer.json")"
            fi
            n=$((n + 1))
        done
    done >"$WORK/answers"
}
client &
client_pid=$!
at_exit "touch '$WORK/stop'; wait $client_pid"

# Six rounds: a new brief with a word of its own each time, indexed in place
# (odd rounds) or with a compaction that swaps the generation (even rounds);
# the next answer for that word finds it.
for round in 1 2 3 4 5 6; do
    printf 'Title: Round %s\nDate: 2024-02-0%s\n\nThe word quokkaround%s is in this brief only.\n' \
        "$round" "$round" "$round" >"$CORPUS/round-$round.txt"
    # and a sample changed, so that briefs are replaced, not only added
    printf '\nEdited in round %s.\n' "$round" >>"$CORPUS/kyiv-largest-drone-attack.txt"
    if [ $((round % 2)) = 1 ]; then
        index 0 -d "$DB" "$CORPUS"
    else
        reindex --compact -d "$DB" "$CORPUS"
    fi
    status=$(curl -s -o "$WORK/fresh.json" -w '%{http_code}' "$URL/api/search?q=quokkaround$round")
    expect_eq "status of the round $round query" "$status" 200
    expect_eq "briefs with round $round's word" "$(jq .total.estimated "$WORK/fresh.json")" 1
    expect_eq "all briefs after round $round" \
        "$(curl -s "$URL/api/search?limit=0" | jq .total.estimated)" $((nbriefs + round))
done
touch "$WORK/stop"
wait "$client_pid"

# Blue/green: an index path that is a symbolic link re-pointed (renamed
# over) from one index built afresh to another built afresh: the two are at
# the same revision number, so only the path's new target tells them apart.
# The next answer comes from the new index all the same.
for colour in blue green; do
    mkdir -p "$WORK/$colour"
    printf 'Title: %s\n\nOnly the %s index has the word wombat%s.\n' "$colour" "$colour" "$colour" \
        >"$WORK/$colour/$colour.txt"
    index 0 -d "$WORK/$colour.db" "$WORK/$colour"
done
ln -s "$WORK/blue.db" "$WORK/bg.db"
start_server -d "$WORK/bg.db"
expect_eq "blue's brief" "$(curl -s "$URL/api/search?q=wombatblue" | jq .total.estimated)" 1
ln -s "$WORK/green.db" "$WORK/next.db"
mv -T "$WORK/next.db" "$WORK/bg.db"
expect_eq "green's brief after the swap" \
    "$(curl -s "$URL/api/search?q=wombatgreen" | jq .total.estimated)" 1
expect_eq "blue's brief after the swap" "$(curl -s "$URL/api/search?q=wombatblue" | jq .total.estimated)" 0

total=$(lines "$WORK/answers")
checks=$((checks + 1))
[ "$total" -gt 0 ] || fail "the client got no answer"
bad=$(grep -vc '^200 whole$' "$WORK/answers" || true)
[ "$bad" = 0 ] || { grep -v '^200 whole$' "$WORK/answers" | head -5 >&2; fail "$bad of $total answers were not whole documents"; }
checks=$((checks + 1))
# No message on the server's standard error but its own lines and the log.
expect_no_grep '^brief-serve: .*(error|cannot|failed)' "$SERVE_ERR"
echo "$(basename "$0"): $total answers during 6 reindexes, all whole"
done_ok
