#!/usr/bin/env bash
# kill -9 at every step of a first build, one step at a time (safety.sh kills
# at random moments): the build is killed right after its Nth call that
# makes, moves or removes a name on disk (tests/kill_after.c), for N = 1, 2,
# ... until a build runs to its end. After each kill the user's files are as
# they were, and the next run builds the index whole and leaves nothing
# behind (no INDEX.merging, no INDEX/.shards): one thread, and two (the
# parallel build, its merge and its swap, indexer/shards.c). The run that
# cleans up after a build killed just after its swap is killed at each of its
# steps in turn too, and the run after it converges.
. "$(dirname "$0")/lib.sh"
: "${KILL_AFTER_LIB:?set by ctest}"

H="$WORK/home"
P="$H/corpus"
K="$H/idx.db"
mkdir -p "$P" "$H/idx.db.old"
cp -r "$SAMPLES/2023" "$P/"
echo "my notes" >"$H/notes.txt"
echo "a backup" >"$H/idx.db.old/keep"   # the user's, named like ours
index 0 -q -j 1 -d "$WORK/ref.db" "$P"
want=$(count "$WORK/ref.db")
home=$(snap idx.db "$H")
real=$(realpath -m "$K")   # as the steps name it

# converges WHAT ARGS...: the user's files are intact, and a run of
# brief-index ARGS builds the index whole and leaves nothing behind.
converges() {
    local what=$1
    shift
    expect_eq "$what: the user's files" "$(snap idx.db "$H")" "$home"
    index 0 -q "$@" -d "$K" "$P"
    expect_eq "$what: rebuilt whole" "$(count "$K")" "$want"
    xapian-check "$K" >/dev/null || fail "$what: xapian-check"
    no_leftovers "$K" "$what"
    expect_eq "$what: the user's files after the rebuild" "$(snap idx.db "$H")" "$home"
}

swapped=""
for j in 1 2; do
    n=0
    while :; do
        n=$((n + 1))
        killed "$n" -j "$j" --batch 2 -d "$K" "$P"
        [ -n "$step" ] || break
        at="-j$j killed after step $n ($step)"
        if [ "$j" = 2 ] && [ "$step" = "$n renameat2 $real $real.merging" ] &&
            [ -d "$K.merging/.shards" ]; then
            # Just swapped: the old index (holding .shards) is beside the
            # new one. Kill the run that cleans it up at each of its steps.
            swapped=$n
            rm -rf "$WORK/swapped" && mkdir "$WORK/swapped"
            cp -a "$K" "$K.merging" "$WORK/swapped/"
            m=0
            while :; do
                m=$((m + 1))
                killed "$m" -j 2 -d "$K" "$P"
                [ -n "$step" ] || break
                converges "$at, the next run killed after step $m ($step)" -j 2
                rm -rf "$K" "$K.merging"
                cp -a "$WORK/swapped/." "$H/"
            done
            expect_eq "-j2: the next run after the swap, killed at some step" "$((m > 5))" 1
        fi
        converges "$at" -j "$j" --batch 2
        rm -r "$K"
    done
    # The shim counts the steps: a build of six briefs takes more than a few.
    expect_eq "-j$j: steps killed at (at least 10)" "$((n > 10))" 1
    converges "-j$j not killed" -j "$j"
    rm -r "$K"
done
[ -n "$swapped" ] || fail "-j2: no step was the swap (renameat2 $K $K.merging)"
echo "kill_steps.sh: killed at each step of a first build; -j2 swapped at step $swapped" >&2

done_ok
