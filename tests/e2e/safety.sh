#!/usr/bin/env bash
# briefs never deletes, moves or overwrites what it did not make. -d naming a
# place that is not an index of ours, or an index that is a PATH or holds
# one, is refused with one line and exit 74, before anything is written; the
# parallel build swaps and cleans up only what it made (its marker,
# indexer/index_dir.h); kill -9 at any moment of a first build leaves every
# other file as it was, and the next run converges; brief-reindex --compact
# moves and deletes only what briefs made.
. "$(dirname "$0")/lib.sh"
: "${BRIEFS_SOURCE_DIR:?set by ctest}"

# A user's directory: a corpus, and files and directories of all kinds beside.
H="$WORK/home"
C="$H/corpus"
mkdir -p "$H/docs/sub" "$H/idx.db.old" "$WORK/none"
cp -r "$SAMPLES" "$C"
echo "my notes" >"$H/docs/notes.txt"
printf 'x\000y' >"$H/docs/sub/data.bin"
echo "a backup" >"$H/idx.db.old/keep"
echo "a file" >"$H/file.txt"
ln -s docs "$H/docs-link"
ln -s nowhere "$H/dangling"
# A Xapian index that another tool made: a copy of ours (xapian-compact
# writes no marker) without the file table brief-index keeps in its metadata.
index 0 -q -d "$WORK/few.db" "$C/2023"
xapian-compact "$WORK/few.db" "$H/other.db" >/dev/null
xapian-metadata list "$H/other.db" file: | while IFS= read -r key; do
    xapian-metadata set "$H/other.db" "$key" ""
done
[ -z "$(xapian-metadata list "$H/other.db" file:)" ] || fail "other.db keeps a file table"
index 0 -q -d "$WORK/all.db" "$C"

# every entry under DIR, dates of directories too, and each file's sha256
exact() {
    (cd "$1" && { find . -printf '%p %y %s %m %T@ %l\n'; find . -type f -print0 | xargs -0 sha256sum; } |
        LC_ALL=C sort)
}
all=$(count "$WORK/all.db")    # briefs under $C
few=$(count "$WORK/few.db")    # under $C/2023

# --- -d where no index of ours can go: refused, nothing written -------------
before=$(exact "$H")
# refused WHY DB PATH...: one line matching WHY, exit 74, no summary, and not
# a byte of the user's directory changed (-j $JOBS when set, else the
# default: one thread per processor).
refused() {
    local why=$1 db=$2
    shift 2
    index 74 ${JOBS:+-j "$JOBS"} -d "$db" "$@"
    expect_grep "^brief-index: .*$why" "$ERR"
    expect_eq "one line: -d $db $*" "$(lines "$ERR")" 1
    expect_eq "no summary: -d $db $*" "$(cat "$OUT")" ""
    expect_eq "nothing changed: -d $db $*" "$(exact "$H")" "$before"
}
for j in 1 2; do
    JOBS=$j refused 'not an index, and not empty' "$H/docs" "$C"
    JOBS=$j refused 'cannot be a PATH it indexes' "$C" "$C"   # the tired user's typo
done
refused 'not an index, and not empty' "$H/docs-link" "$C"
refused 'not an index, and not empty' "$C/2023" "$C"     # inside the PATH, but the user's
refused 'cannot be a PATH it indexes' "$C/" "$C"
refused 'cannot be a PATH it indexes' "$H/docs/../corpus" "$C"
refused 'cannot be a PATH it indexes' "$C" "$C/2023"     # holds a PATH
refused 'cannot be a PATH it indexes' "$H" "$C"
refused 'cannot be a PATH it indexes' "$H/new.db" "$H/new.db/later"   # not there yet
refused 'not a directory' "$H/file.txt" "$C"
refused 'not a directory' "$C/2023/sudan-jeddah-truce-talks.txt" "$C/archive"
refused 'symbolic link to nothing' "$H/dangling" "$C"
refused 'a Xapian index that brief-index did not make' "$H/other.db" "$C"
index 74 -d "$H/docs" "$C" "$C/2023"   # the first refusal wins, still one line
expect_eq "one line" "$(lines "$ERR")" 1

# --- where an index may go ---------------------------------------------------
for j in 1 2; do
    # The user's empty directory: the index is made in it, and it stays
    # theirs: the same directory, never swapped, moved or removed.
    E="$H/empty$j"
    mkdir "$E"
    ino=$(stat -c %i "$E")
    index 0 -j "$j" -d "$E" "$C"
    expect_eq "-j$j empty dir: briefs" "$(count "$E")" "$all"
    expect_eq "-j$j empty dir: the same directory" "$(stat -c %i "$E")" "$ino"
    expect_eq "-j$j empty dir: marked contents" "$(head -n 1 "$E/.made-by-briefs")" contents
    no_leftovers "$E" "-j$j empty dir"

    # An index inside the PATH: made, skipped by the walk, the corpus intact.
    corpus=$(snap "new$j.db" "$C")
    index 0 -j "$j" -d "$C/new$j.db" "$C"
    expect_eq "-j$j inside the PATH: briefs" "$(count "$C/new$j.db")" "$all"
    expect_eq "-j$j inside the PATH: corpus intact" "$(snap "new$j.db" "$C")" "$corpus"
    no_leftovers "$C/new$j.db" "-j$j inside the PATH"
    index 0 -j "$j" -d "$C/new$j.db" "$C"
    expect_grep '^brief-index: [0-9]+ files? \([0-9]+ unchanged\); 0 briefs added, 0 updated, [0-9]+ unchanged, 0 deleted' "$OUT"
    rm -r "$C/new$j.db"

    # An empty index of ours into which the user put a file: the parallel
    # build does not swap its directory (it would move the file), it builds
    # in place.
    X="$H/x$j.db"
    index 0 -j "$j" -d "$X" "$WORK/none"
    echo mine >"$X/notes.txt"
    ino=$(stat -c %i "$X")
    index 0 -j "$j" -d "$X" "$C"
    expect_eq "-j$j user's file in our index: briefs" "$(count "$X")" "$all"
    expect_eq "-j$j user's file in our index: kept" "$(cat "$X/notes.txt")" mine
    expect_eq "-j$j user's file in our index: not moved" "$(stat -c %i "$X")" "$ino"
    no_leftovers "$X" "-j$j user's file in our index"

    # A directory of the user's where the parallel build would put the merged
    # index: kept (the build runs on one thread).
    mkdir "$H/y$j.db.merging"
    echo mine >"$H/y$j.db.merging/keep"
    index 0 -j "$j" -d "$H/y$j.db" "$C"
    expect_eq "-j$j the user's INDEX.merging: briefs" "$(count "$H/y$j.db")" "$all"
    expect_eq "-j$j the user's INDEX.merging: kept" "$(cat "$H/y$j.db.merging/keep")" mine
done

# A swap cut short leaves the index itself marked scratch: the next run, once
# it holds the lock, takes it back as an index it made.
S="$H/s.db"
index 0 -j 2 -d "$S" "$WORK/none"
printf 'scratch\n' >"$S/.made-by-briefs"
index 0 -j 2 -d "$S" "$C"
expect_eq "scratch at the index path: briefs" "$(count "$S")" "$all"
expect_eq "scratch at the index path: marked back" "$(head -n 1 "$S/.made-by-briefs")" directory
no_leftovers "$S" "scratch at the index path"

# A build killed between making .shards and marking it (or while writing its
# marker) leaves an empty directory, or one with an empty marker: the next
# build removes it and goes on in parallel.
for cut in unmarked empty-marker; do
    T="$H/t-$cut.db"
    index 0 -j 2 -d "$T" "$WORK/none"
    mkdir "$T/.shards"
    [ "$cut" = unmarked ] || : >"$T/.shards/.made-by-briefs"
    index 0 -j 2 -d "$T" "$C"
    expect_eq "$cut .shards: briefs" "$(count "$T")" "$all"
    no_leftovers "$T" "$cut .shards"
done

# An index of an earlier brief-index, made before markers: recognised by the
# file table in its metadata and adopted (marked contents, so its directory
# stays the user's), then updated as before.
O="$H/earlier.db"
index 0 -q -j 1 -d "$O" "$C/2023"
rm "$O/.made-by-briefs"
index 0 -d "$O" "$C"
expect_grep "^brief-index: .*earlier.db: an index of an earlier brief-index: marked as ours" "$ERR"
expect_eq "earlier index: marked contents" "$(head -n 1 "$O/.made-by-briefs")" contents
expect_eq "earlier index: briefs" "$(count "$O")" "$all"
index 0 -d "$O" "$C"
expect_no_grep "earlier brief-index" "$ERR"

# --- kill -9 at any moment of a first build ------------------------------------
# The index beside the corpus, inside it, or in the user's empty directory;
# one thread and two; killed after a random delay up to a whole build's
# time. Nothing of the user's changes, and the next run builds it whole.
P="$H/kill-corpus"
mkdir -p "$P"
cp -r "$C/2023" "$C/archive" "$P/"
find "$C" -maxdepth 1 -type f | sort | head -n 14 | xargs cp -t "$P/"
n=$(find "$P" -type f | wc -l)
index 0 -q -j 1 -d "$WORK/ref.db" "$P"
want=$(count "$WORK/ref.db")
for j in 1 2; do   # how long a whole build takes, in ms
    start=$(date +%s%N)
    index 0 -q -j "$j" --batch 5 -d "$WORK/time$j.db" "$P"
    ms[j]=$(( ($(date +%s%N) - start) / 1000000 + 20 ))
done
kills=0
for i in $(seq 1 20); do
    j=$(( i % 2 + 1 ))
    case $(( i % 3 )) in
        0) K="$H/idx.db" ;;
        1) K="$P/idx.db" ;;
        2) K="$H/idx.db"; mkdir "$K" ;;
    esac
    ino=$(stat -c %i "$K" 2>/dev/null || echo none)
    home=$(snap idx.db "$H")
    "$BRIEF_INDEX" -q -j "$j" --batch 5 -d "$K" "$P" >/dev/null 2>&1 &
    pid=$!
    delay=$(( RANDOM % ms[j] ))
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -9 "$pid" 2>/dev/null || true
    rc=0
    wait "$pid" 2>/dev/null || rc=$?
    # A failure says which run it was: the delay, and whether the kill came
    # before the build ended (exit status 137: killed by SIGKILL).
    at="kill $i (-j$j, $K, after ${delay} ms of ${ms[j]}"
    if [ "$rc" = 137 ]; then
        kills=$((kills + 1)); at="$at)"
    else
        at="$at: not killed, it had exited $rc)"
    fi
    expect_eq "$at: the user's files" "$(snap idx.db "$H")" "$home"
    [ "$(( i % 3 ))" != 2 ] || [ "$(stat -c %i "$K" 2>/dev/null)" = "$ino" ] ||
        fail "$at: the user's empty directory was replaced"
    index 0 -q -j "$j" --batch 5 -d "$K" "$P"
    expect_eq "$at: rebuilt whole" "$(count "$K")" "$want"
    xapian-check "$K" >/dev/null || fail "$at: xapian-check"
    no_leftovers "$K" "$at"
    [ "$(( i % 3 ))" != 2 ] || expect_eq "$at: the user's directory after the rebuild" \
        "$(stat -c %i "$K")" "$ino"
    rm -r "$K"
done
echo "safety.sh: $kills of 20 first builds killed with SIGKILL ($n files)" >&2

# --- brief-reindex --compact: moves and deletes only what briefs made ---------
REINDEX="$BRIEF_REINDEX"
export BRIEF_INDEX
R="$WORK/r"
mkdir -p "$R/empty.db"
ino=$(stat -c %i "$R/empty.db")
run 74 "$REINDEX" --compact -d "$R/empty.db" "$C/2023"   # the user's directory: not moved
expect_grep "not moving it" "$OUT"
expect_eq "the user's directory stays" "$(stat -c %i "$R/empty.db")" "$ino"
[ -d "$R/empty.db" ] && [ ! -L "$R/empty.db" ] || fail "the user's directory was replaced"
index 0 -q -d "$R/notes.db" "$C/2023"
echo mine >"$R/notes.db/notes.txt"
run 74 "$REINDEX" --compact -d "$R/notes.db" "$C/2023"   # ours, with a file of the user's
expect_grep "not moving it" "$OUT"
expect_eq "our directory holding the user's file stays" "$(cat "$R/notes.db/notes.txt")" mine
DB="$R/briefs.db"
run 0 "$REINDEX" --compact -d "$DB" "$C/2023"
mkdir "$DB.d/gen-00-mine"
echo mine >"$DB.d/gen-00-mine/keep"
echo mine >"$DB.d/gen-0-initial/notes.txt"
for _ in 1 2; do run 0 "$REINDEX" --compact --keep 1 -d "$DB" "$C/2023"; done
expect_eq "an unmarked generation kept" "$(cat "$DB.d/gen-00-mine/keep")" mine
expect_eq "the user's file in an old generation kept" "$(ls -A "$DB.d/gen-0-initial")" \
    ".made-by-briefs
notes.txt"
expect_eq "generations: the current, one old, and the two of the user's" \
    "$(find "$DB.d" -mindepth 1 -maxdepth 1 -name 'gen-2*' | wc -l) $(ls "$DB.d" | wc -l)" "2 4"
expect_eq "briefs through the link" "$(count "$DB")" "$few"

done_ok
