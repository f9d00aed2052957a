#!/usr/bin/env bash
# Reuters-21578 as three shards (brief-index --shards 3) and as one index:
# the same briefs, each in exactly one shard, and the same total and facets
# for a few queries. Skipped when the corpora are absent ($BRIEFS_CORPORA,
# else ../shared/corpora beside the source).
. "$(dirname "$0")/lib.sh"
: "${BRIEFS_SOURCE_DIR:?set by ctest}"
corpora=${BRIEFS_CORPORA:-$BRIEFS_SOURCE_DIR/../shared/corpora}
REUTERS=$corpora/reuters21578
ls "$REUTERS"/reut2-*.sgm >/dev/null 2>&1 || skip_test "no Reuters-21578 at $REUTERS"

A="$WORK/single.db"
S="$WORK/sharded.db"
index 0 -q -d "$A" --include 'reut2-*.sgm' "$REUTERS"
index 0 -q --shards 3 -d "$S" --include 'reut2-*.sgm' "$REUTERS"

query 0 -d "$A" --format ids -n 100000 ''
LC_ALL=C sort "$OUT" >"$WORK/single"
query 0 -d "$S" --format ids -n 100000 ''
LC_ALL=C sort "$OUT" >"$WORK/stub"
expect_eq "over 19000 briefs" "$(($(lines "$WORK/single") > 19000))" 1
expect_eq "the same ids through the stub" "$(md5sum <"$WORK/stub")" "$(md5sum <"$WORK/single")"
for k in 0 1 2; do
    query 0 -d "$S/shard-0$k" --format ids -n 100000 ''
    cat "$OUT"
    expect_eq "shard $k holds a third, give or take 3%" \
        "$(($(lines "$OUT") * 100 / $(lines "$WORK/single") >= 30))" 1
done | LC_ALL=C sort >"$WORK/shards"
expect_eq "each id in exactly one shard" "$(md5sum <"$WORK/shards")" "$(md5sum <"$WORK/single")"
for db in "$S"/shard-0? "$S/filetable"; do
    xapian-check "$db" >/dev/null || fail "xapian-check $db"
    checks=$((checks + 1))
done
for q in 'oil prices' 'country:jp' 'wheat AND country:us'; do
    for db in "$A" "$S"; do
        query 0 -d "$db" --format json -n 10000 --facets person,country,topic "$q"
        jq -c '[.total, .facets, ([.hits[].id] | sort)]' "$OUT" >"$db.answer"
    done
    expect_eq "the answer to '$q'" "$(cat "$S.answer")" "$(cat "$A.answer")"
done
# A second run reads nothing again.
index 0 -d "$S" --include 'reut2-*.sgm' "$REUTERS"
expect_grep ' \(22 unchanged\); 0 briefs added, 0 updated' "$OUT"

done_ok
