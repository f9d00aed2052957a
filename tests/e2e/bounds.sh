#!/usr/bin/env bash
# bounds.sh — bounded work per brief (#15 item 1). Briefs of 1, 4 and 16 MiB
# (generated here) are indexed whole: a word at the very end is found; their
# people come from the first 256 KiB (EXTRACT_MAX_TEXT), with a warning that
# names the file and the brief; and the peak RSS of brief-index stays under
# that of indexing a small brief + 64 MiB. So does a first build of a file of
# 64 briefs of 1 MiB (the workers' queues hold 4 MiB, not 64 briefs each).
#
# Peak RSS is behaviour here (a brief of 10 MB took 2 GB): it is measured
# with /usr/bin/time, and not checked when the binaries run under a wrapper
# (valgrind) or a sanitizer, which change it; the test says so. Time is left
# to scripts/BENCHMARKS.md ("Bounded work per brief").
. "$(dirname "$0")/lib.sh"

[ -x /usr/bin/time ] || skip_test "needs /usr/bin/time (scripts/install-deps installs it)"
check_rss=1
if [ -n "${BRIEFS_TEST_WRAPPER:-}" ] || ldd "$BRIEF_INDEX" 2>/dev/null | grep -Eq 'lib(a|ub|t)san'; then
    echo "$(basename "$0"): peak RSS not checked: the binaries run under a wrapper or a sanitizer"
    check_rss=0
fi

FIRST="Anna Kowalczyk, the oil minister, said talks went well."
LATER="Boris Lindqvist said prices rose."

# gen ID BYTES: one JSON line of about BYTES bytes, its body FIRST, random
# short words with LATER halfway, and "zebrafinch" last.
gen() {
    awk -v SEED="${#1}$2" -v ID="$1" -v BYTES="$2" -v FIRST="$FIRST" -v LATER="$LATER" '
    BEGIN {
        srand(SEED)
        n = split("the oil minister said talks prices China rose in and Paris bank rates", w, " ")
        printf "{\"id\":\"%s\",\"title\":\"Oil talks\",\"body\":\"%s ", ID, FIRST
        len = length(FIRST) + 1
        half = 0
        while (len < BYTES - 200) {
            if (!half && len > BYTES / 2) {
                printf "%s ", LATER
                len += length(LATER) + 1
                half = 1
            }
            s = w[int(rand() * n) + 1]
            printf "%s ", s
            len += length(s) + 1
        }
        printf "zebrafinch\"}\n"
    }'
}

# index_rss STATUS ARGS...: brief-index ARGS (under the wrapper) as index does;
# sets RSS to its peak resident set in KiB.
index_rss() {
    local want=$1; shift
    local got=0
    /usr/bin/time -f %M -o "$WORK/rss" ${BRIEFS_TEST_WRAPPER:-} "$BRIEF_INDEX" "$@" \
        >"$OUT" 2>"$ERR" </dev/null || got=$?
    checks=$((checks + 1))
    [ "$got" = "$want" ] || fail "exit status $got, wanted $want: brief-index $*"
    RSS=$(tail -1 "$WORK/rss")
}

# rss_within WHAT: RSS is at most the small brief's + 64 MiB.
rss_within() {
    [ "$check_rss" = 1 ] || return 0
    echo "$(basename "$0"): $1: peak RSS $((RSS / 1024)) MiB (a small brief: $((BASE_RSS / 1024)) MiB)"
    checks=$((checks + 1))
    [ "$RSS" -le $((BASE_RSS + 65536)) ] ||
        fail "$1: peak RSS $RSS KiB, over $BASE_RSS KiB (a small brief) + 64 MiB"
}

# The baseline: a first build of one small brief, as the large ones are built.
mkdir -p "$WORK/small"
gen small 4096 >"$WORK/small/small.jsonl"
index_rss 0 -d "$WORK/small.db" "$WORK/small"
BASE_RSS=$RSS
expect_eq "small brief: its people" "$(ids -d "$WORK/small.db" --person lindqvist)" small
expect_no_grep 'warning' "$ERR"

for mib in 1 4 16; do
    dir="$WORK/in-$mib" db="$WORK/db-$mib"
    mkdir -p "$dir"
    gen "big-$mib" $((mib * 1024 * 1024)) >"$dir/big-$mib.jsonl"
    index_rss 0 -d "$db" "$dir"
    rss_within "a brief of $mib MiB"
    expect_grep "big-$mib\.jsonl:1: warning: a body of [0-9.]+ [KM]iB: people and countries from its first 256(\.0)? KiB only$" "$ERR"
    expect_no_grep 'words indexed' "$ERR"
    expect_eq "$mib MiB: its last word" "$(ids -d "$db" zebrafinch)" "big-$mib"
    expect_eq "$mib MiB: a person of its start" "$(ids -d "$db" --person kowalczyk)" "big-$mib"
    query 1 -d "$db" --format ids --person lindqvist   # named past 256 KiB: no one
    expect_eq "$mib MiB: a person past 256 KiB" "$(cat "$OUT")" ""
    rm -rf "$dir" "$db"
done

# Sixty-four briefs of 1 MiB in one file, a first build in parallel: with
# queues of 64 briefs, a worker behind the reader held them all (100 MiB).
mkdir -p "$WORK/many"
for i in $(seq 1 64); do gen "many-$i" $((1024 * 1024)); done >"$WORK/many/many.jsonl"
index_rss 0 -d "$WORK/many.db" -j 2 "$WORK/many"
rss_within "64 briefs of 1 MiB"
# Each cut is said, as errors are, up to 20 lines a file for each thread
# that writes (two here), then how many more.
checks=$((checks + 1))
warned=$(grep -c 'many\.jsonl:[0-9]*: warning: a body of' "$ERR" || true)
[ "$warned" -ge 20 ] && [ "$warned" -le 40 ] || fail "64 briefs cut: $warned warning lines"
expect_grep 'many\.jsonl: [0-9]+ more errors and warnings not shown' "$ERR"
expect_eq "64 briefs of 1 MiB: all indexed" "$(count "$WORK/many.db")" 64
expect_eq "64 briefs: the last word of each" "$(ids -d "$WORK/many.db" -n 100 zebrafinch | wc -w)" 64

done_ok
