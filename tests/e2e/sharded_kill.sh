#!/usr/bin/env bash
# kill -9 at every step of a sharded build (brief-index --shards,
# indexer/partitions.h), then at every step of a later run that changes,
# moves and deletes briefs: the run is killed right after its Nth call that
# makes, moves or removes a name on disk (tests/kill_after.c). After each
# kill every shard and the file table that exist pass xapian-check, and the
# next run gives the briefs of an unkilled run, each in the same shard.
. "$(dirname "$0")/lib.sh"
: "${KILL_AFTER_LIB:?set by ctest}"

P="$WORK/corpus"
K="$WORK/idx.db"
mkdir -p "$P"
cp -r "$SAMPLES/2023" "$P/"
for f in 1 2 3; do
    for i in 1 2 3 4; do
        printf '{"id":"k%d-%d","title":"Kill %d","body":"Copper %d from Zambia."}\n' "$f" "$i" "$i" "$f"
    done >"$P/k$f.jsonl"
done

# placement DB: "ID SHARD" for every brief of DB's three shards, sorted.
placement() {
    local k
    for k in 0 1 2; do
        query 0 -d "$1/shard-0$k" --format ids -n 10000 ''
        sed "s/\$/ $k/" "$OUT"
    done | LC_ALL=C sort
}
# sound WHAT: every database of K that exists passes xapian-check.
sound() {
    local db
    for db in "$K/filetable" "$K"/shard-0?; do
        [ -e "$db/iamglass" ] || continue
        xapian-check "$db" >/dev/null 2>&1 || fail "$1: xapian-check $db"
        checks=$((checks + 1))
    done
}
# converges WHAT: the index is sound, and the next run (without --shards:
# the recorded N) gives the placement of an unkilled run.
converges() {
    sound "$1"
    index 0 -q -d "$K" "$P"
    sound "$1, after the next run"
    expect_eq "$1: the briefs in their shards" "$(placement "$K")" "$(cat "$WORK/want")"
}

# The first build.
index 0 -q --shards 3 -d "$WORK/ref.db" "$P"
placement "$WORK/ref.db" >"$WORK/want"
n=0
while :; do
    n=$((n + 1))
    killed "$n" --shards 3 --batch 2 -d "$K" "$P"
    [ -n "$step" ] || break
    # Killed before N was committed: a run without --shards is refused,
    # saying to give it again (or, before the file table was made, makes an
    # unsharded index: not what was asked for, so not tried here).
    rc=0
    [ -d "$K/filetable" ] && { "$BRIEF_INDEX" -q -d "$K" "$P" >"$OUT" 2>"$ERR" || rc=$?; }
    if [ "$rc" = 2 ]; then
        expect_grep "a sharded index whose first run was cut short: give --shards N again" "$ERR"
        expect_eq "one line" "$(lines "$ERR")" 1
    elif [ "$rc" != 0 ]; then
        fail "after step $n ($step): a run without --shards exited $rc"
    fi
    [ -d "$K/filetable" ] || index 0 -q --shards 3 -d "$K" "$P"
    [ "$rc" = 2 ] && index 0 -q --shards 3 -d "$K" "$P"
    converges "first build killed after step $n ($step)"
    rm -r "$K"
done
expect_eq "first build: steps killed at (at least 20)" "$((n > 20))" 1

# A later run: a changed, a moved and a deleted brief, a file gone.
index 0 -q --shards 3 -d "$K" "$P"
cp -a "$K" "$WORK/built.db"
sed -i 's/Copper 1 /Cobalt 1 /' "$P/k1.jsonl"
grep '"id":"k2-1"' "$P/k2.jsonl" >>"$P/k1.jsonl"
sed -i '/"id":"k2-1"/d; /"id":"k2-2"/d' "$P/k2.jsonl"
rm "$P/k3.jsonl"
index 0 -q -d "$WORK/ref.db" "$P"
placement "$WORK/ref.db" >"$WORK/want"
expect_eq "k3 gone" "$(grep -c '^k3-' "$WORK/want")" 0
m=0
while :; do
    m=$((m + 1))
    killed "$m" --batch 1 -d "$K" "$P"
    [ -n "$step" ] || break
    converges "later run killed after step $m ($step)"
    expect_eq "the change is there" "$(ids -d "$K" cobalt | tr ' ' '\n' | sort | tr '\n' ' ')" \
        "k1-1 k1-2 k1-3 k1-4 "
    rm -r "$K"
    cp -a "$WORK/built.db" "$K"
done
expect_eq "later run: steps killed at (at least 5)" "$((m > 5))" 1
echo "sharded_kill.sh: killed at each of $n steps of a first build, $m of a later run" >&2

done_ok
