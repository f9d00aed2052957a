#!/usr/bin/env bash
# Of a file that changed, only the briefs that changed are written again, and
# only they count as updated: one story edited in a 1,000-story SGML file is
# "1 updated", after a parallel first build as after a serial one; a JSON
# Lines file reordered rewrites nothing; an id held by two files still comes
# from the file read last.
. "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
mkdir -p "$C"

# sgml FILE N [EDITED [WORD]]: N invented stories in the Reuters-21578 layout,
# NEWID 1..N; story EDITED says WORD too.
sgml() {
    awk -v n="$2" -v edited="${3:-0}" -v word="${4:-}" 'BEGIN {
        print "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">"
        for (i = 1; i <= n; i++) {
            printf "<REUTERS TOPICS=\"NO\" NEWID=\"%d\">\n<DATE>%d-MAR-1987 10:00:00.00</DATE>\n", i, i % 28 + 1
            printf "<TEXT>\n<TITLE>HARBOUR REPORT %d</TITLE>\n<BODY>Freight through harbour %d rose\n", i, i
            printf "between France and Japan, shipment%d.%s\n Reuter\n</BODY></TEXT>\n</REUTERS>\n", i, i == edited ? " " word : ""
        }
    }' >"$1"
}
# summary FILES FILES_UNCHANGED ADDED UPDATED UNCHANGED DELETED
summary() {
    expect_grep "^brief-index: $1 files? \\($2 unchanged\\); $3 briefs? added, $4 updated, $5 unchanged, $6 deleted; 0 skipped, 0 failed \\(files or briefs\\); in [0-9.]+ s$" "$OUT"
}

# --- one story of 1,000 edited ---------------------------------------------
sgml "$C/stories.sgm" 1000
for jobs in 2 1; do
    DB="$WORK/sgml-$jobs.db"
    index 0 -d "$DB" -j "$jobs" "$C"
    summary 1 0 1000 0 0 0
    sgml "$C/stories.sgm" 1000 500 zanzibar
    index 0 -d "$DB" "$C"
    summary 1 0 0 1 999 0
    expect_eq "edited text found (-j $jobs)" "$(ids -d "$DB" zanzibar)" "reuters-500"
    # the edit undone: that one brief again
    sgml "$C/stories.sgm" 1000
    index 0 -d "$DB" "$C"
    summary 1 0 0 1 999 0
    expect_eq "old text gone (-j $jobs)" "$(EXPECT_STATUS=1 ids -d "$DB" zanzibar)" ""
done
# a story dropped from the file: deleted, the rest unchanged
sgml "$C/stories.sgm" 999
index 0 -d "$WORK/sgml-1.db" "$C"
summary 1 0 0 0 999 1
# --full writes every brief again
index 0 -d "$WORK/sgml-1.db" --full "$C"
summary 1 0 0 999 0 0
rm "$C/stories.sgm"

# --- JSON Lines: ids of their own survive a reordering ----------------------
J="$WORK/jsonl.db"
for i in $(seq 1 200); do
    printf '{"id":"n%d","title":"Note %d","body":"Grain prices in Kenya, lot%d."}\n' "$i" "$i" "$i"
done >"$C/notes.jsonl"
index 0 -d "$J" "$C"
summary 1 0 200 0 0 0
tac "$C/notes.jsonl" >"$WORK/r" && mv "$WORK/r" "$C/notes.jsonl"
index 0 -d "$J" "$C"
summary 1 0 0 0 200 0
sed -i 's/"body":"Grain prices in Kenya, lot77."/"body":"Grain prices in Kenya, lot77, and zanzibar."/' "$C/notes.jsonl"
sort -R "$C/notes.jsonl" >"$WORK/r" && mv "$WORK/r" "$C/notes.jsonl"
index 0 -d "$J" "$C"
summary 1 0 0 1 199 0
expect_eq "edited line found" "$(ids -d "$J" zanzibar)" "n77"

# Lines without an id are FILE#LINE: a moved line is another brief's content.
for i in $(seq 1 20); do
    printf '{"title":"Plain %d","body":"Tea auctions in Sri Lanka, lot%d."}\n' "$i" "$i"
done >"$C/plain.jsonl"
index 0 -d "$J" "$C"
summary 2 1 20 0 200 0
{ sed -n 2p "$C/plain.jsonl"; sed -n 1p "$C/plain.jsonl"; sed -n '3,$p' "$C/plain.jsonl"; } >"$WORK/r"
mv "$WORK/r" "$C/plain.jsonl"
index 0 -d "$J" "$C"
summary 2 1 0 2 218 0

# --- an id in two files: the file read last wins, as before ----------------
D="$WORK/dup"
DDB="$WORK/dup.db"
mkdir -p "$D"
jl() { printf '{"id":"%s","title":"%s","body":"%s"}\n' "$@"; }
dupfiles() {
    { jl dup "From A" "Version alpha."; jl a1 "A one" "Alpha $1."; } >"$D/a.jsonl"
    { jl dup "From B" "Version bravo."; jl b1 "B one" "Bravo $2."; } >"$D/b.jsonl"
}
dupbody() { query 0 -d "$DDB" --format json id:dup; jq -r '.hits[0].title' "$OUT"; }
dupfiles 1 1
index 0 -d "$DDB" "$D"
summary 2 0 3 1 0 0
expect_eq "b read last" "$(dupbody)" "From B"
# Both files change, not dup: each writes it again (a's copy is not what the
# index holds; b's was replaced by a's in this very run), and b still wins.
dupfiles 2 2
index 0 -d "$DDB" "$D"
summary 2 0 0 4 0 0
expect_eq "b read last again" "$(dupbody)" "From B"
# Only a changes: a is read last, and its unchanged copy of dup is written.
dupfiles 3 2
index 0 -d "$DDB" "$D"
summary 2 1 0 2 2 0
expect_eq "a read last" "$(dupbody)" "From A"

done_ok
