#!/usr/bin/env bash
# Search over shards on Reuters-21578 (#18 item 2): its 22 files in three
# shards, local and served by three xapian-tcpsrv, answer a set of queries
# as one index of the collection does (shards_lib.sh: same_answer). The
# collection is not ours to commit: read from $BRIEFS_CORPORA/reuters21578,
# else ../shared/corpora beside the source tree; skipped when absent.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/shards_lib.sh"

corpora=${BRIEFS_CORPORA:-$(dirname "$0")/../../../shared/corpora}
R=$corpora/reuters21578
[ -r "$R/reut2-000.sgm" ] || skip_test "Reuters-21578 not found at $R (set BRIEFS_CORPORA)"

SINGLE=$WORK/single.db
mapfile -t files < <(find "$R" -name 'reut2-*.sgm' | LC_ALL=C sort)
index 0 -q -d "$SINGLE" "${files[@]}"
build_shards 3 "$WORK/local" "${files[@]}"
printf 'auto shard-00\nauto shard-01\nauto shard-02\n' >"$WORK/local/stub"

check_all() {
    local how=$1
    same_answer "$how" -n 20 'oil prices'
    same_answer "$how" --facets all --facet-limit 20 'crude oil opec'
    same_answer "$how" -n 20 '"interest rates"'
    same_answer "$how" --facets person,country --facet-order significance -n 5 'bundesbank'
    same_answer "$how" --topic grain --country us --facets year,month -n 20 ''
    same_answer "$how" -n 50 --since 1987-03-01 --until 1987-03-05 'country:jp'
    same_answer "$how" --explain -n 10 'title:dollar AND yen'
    same_answer "$how" -n 20 'coffee quotas brazil colombia talks collapse'
    same_answer "$how" --offset 40 -n 10 'shares'
    NO_PERCENT=$remote same_answer "$how" --sort -date -n 20 'volcker'
}

STUB=$WORK/local/stub
remote=
check_all "local shards"
ports=()
for i in 0 1 2; do
    start_tcpsrv "$WORK/local/shard-0$i"
    ports+=("$TCPSRV_PORT")
done
STUB=$WORK/remote.stub
printf 'remote 127.0.0.1:%s\n' "${ports[@]}" >"$STUB"
remote=1
check_all "remote shards"
done_ok
