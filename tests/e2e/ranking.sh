#!/usr/bin/env bash
# brief-query's ranking rules on the samples: natural language against boolean
# queries, AND for short queries and OR for long ones, stopwords, --explain,
# filters that leave the ranking alone.
. "$(dirname "$0")/lib.sh"

index 0 -q "$SAMPLES"
sudan=$SAMPLES/2023/sudan-jeddah-truce-talks.txt

# A short query with an upper-case NOT is boolean: it excludes.
ids=$(ids 'ceasefire NOT sudan')
case " $ids " in *" $sudan "*) fail "NOT sudan kept $sudan" ;; esac

# In a sentence (more than six words, no other syntax) NOT is a word: the
# query ranks by its words, and the Sudan brief comes first.
ids=$(ids 'why did the talks on a ceasefire NOT hold in sudan this spring')
expect_eq "NOT inside a sentence" "${ids%% *}" "$sudan"

# Other syntax makes the query boolean whatever its length.
ids=$(EXPECT_STATUS=0 ids '(ceasefire OR truce) NOT sudan NOT anything else like it at all')
case " $ids " in *" $sudan "*) fail "boolean long query kept $sudan" ;; esac

# A query all in capitals (a headline) is words, not operators.
ids=$(ids 'SUDAN CEASEFIRE AND TRUCE TALKS')
expect_eq "capitals" "${ids%% *}" "$sudan"

# Up to three words every word must match; beyond, the more the better.
query 0 --format ids 'china russia'
expect_eq "AND for two words" "$(lines "$OUT")" "3"
query 0 --format ids 'china russia ukraine war sanctions'
[ "$(lines "$OUT")" -gt 3 ] || fail "OR for five words: only $(lines "$OUT") briefs"

# Stopwords are dropped: 'the china of russia' is 'china russia'.
expect_eq "stopwords" "$(ids 'the china of russia')" "$(ids 'china russia')"

# --explain, text: the weight and the terms that make it (the query's own
# words alone with --no-expand; the words feedback adds are tested below).
query 0 --explain --no-expand -n 1 'china russia'
expect_grep '^    Weight [0-9.]+: (china|russia) [0-9.]+ \+ (china|russia) [0-9.]+$' "$OUT"
# JSON: one entry per matched term; the terms' weights add up to the hit's.
query 0 --explain --no-expand --format json -n 3 'china russia'
expect_eq "explain words" "$(jq -c '[.hits[0].explain[].word] | sort' "$OUT")" '["china","russia"]'
expect_eq "explain sums" \
    "$(jq '[.hits[] | ((.weight - ([.explain[].weight] | add)) | fabs) < 1e-6] | all' "$OUT")" "true"
# title: terms are shown as such.
query 0 --explain --format json -n 1 'title:parliament'
expect_eq "explain title" "$(jq -r '.hits[0].explain[0].word' "$OUT")" "title:parliament"
# Without --explain there is no explain field.
query 0 --format json -n 1 'china russia'
expect_eq "no explain" "$(jq '.hits[0] | has("explain")' "$OUT")" "false"

# Filters and facets do not change the weights of the briefs they keep.
query 0 --format json 'china russia'
plain=$(jq -c '[.hits[] | [.id, .weight]]' "$OUT")
query 0 --format json --country russia --facets person,country 'china russia'
expect_eq "filtered weights" "$(jq -c '[.hits[] | [.id, .weight]]' "$OUT")" "$plain"

# Pseudo-relevance feedback (on for ORed queries unless --no-expand) reorders
# the matches by the words the best one shares, never adds or drops one, and
# keeps every filter and facet. It needs a query of more than three ranking
# words: only 'drought' of "drought news today please" is in these briefs.
fb=$WORK/feedback
mkdir "$fb"
printf 'Title: Drought and the wheat harvest\nID: drought-harvest\n\n%s\n' \
    "Drought: the wheat harvest fell, and farmers need irrigation credit and grain." \
    >"$fb/a.txt"
printf 'Title: Farmers sell cattle\nID: farmers-cattle\n\n%s\n' \
    "After the drought the wheat harvest fell as irrigation canals ran dry, and
farmers who need grain sold cattle while the ministry promised credit to every
village that lost its crop." >"$fb/b.txt"
printf 'Title: Stadium talk\nID: stadium-talk\n\n%s\n' \
    "Drought talk at the football stadium." >"$fb/c.txt"
index 0 -q -d "$WORK/feedback.db" "$fb"
# Alone, 'drought' ranks the short brief second; the harvest words the best
# brief shares lift the one about the failed harvest above it.
expect_eq "--no-expand" "$(ids -d "$WORK/feedback.db" --no-expand drought)" \
    "drought-harvest stadium-talk farmers-cattle"
long='drought news today please'
expect_eq "--no-expand, long" "$(ids -d "$WORK/feedback.db" --no-expand "$long")" \
    "drought-harvest stadium-talk farmers-cattle"
expect_eq "feedback" "$(ids -d "$WORK/feedback.db" "$long")" \
    "drought-harvest farmers-cattle stadium-talk"
# A short query ranks as typed, ORed (--any) or not.
expect_eq "short query: no feedback" "$(ids -d "$WORK/feedback.db" drought)" \
    "drought-harvest stadium-talk farmers-cattle"
expect_eq "short --any query: no feedback" "$(ids -d "$WORK/feedback.db" --any drought)" \
    "drought-harvest stadium-talk farmers-cattle"
# Sorted by date, relevance only breaks ties: no feedback.
query 0 -d "$WORK/feedback.db" --sort -date --format json "$long"
dated=$(jq -c '[.hits[] | [.id, .weight]]' "$OUT")
query 0 -d "$WORK/feedback.db" --sort -date --no-expand --format json "$long"
expect_eq "no feedback by date" "$dated" "$(jq -c '[.hits[] | [.id, .weight]]' "$OUT")"
# --explain shows the words it added, and the weights still add up.
query 0 -d "$WORK/feedback.db" --explain --format json "$long"
expect_eq "feedback explain words" \
    "$(jq -c '[.hits[1].explain[].word] | contains(["drought", "harvest", "wheat"])' "$OUT")" true
expect_eq "feedback explain sums" \
    "$(jq '[.hits[] | ((.weight - ([.explain[].weight] | add)) | fabs) < 1e-6] | all' "$OUT")" "true"
# Stopwords are never added.
expect_no_grep '"word": *"(title:)?(the|and)"' "$OUT"
# Snippets mark the user's words only.
query 0 -d "$WORK/feedback.db" --format json "$long"
expect_eq "feedback highlights" \
    "$(jq -r '.hits[1] | .highlights[] as $h | .snippet[$h[0]:$h[1]]' "$OUT" | sort -u)" "drought"

# On the samples: the same briefs, totals and facets with and without it,
# for a filtered and faceted query, a field in the query, and a long query.
same_matches() {
    local what=$1; shift
    query 0 --format json -n 100 --facets person,country --no-expand "$@"
    local plain
    plain=$(jq -c '[.total, ([.hits[].id] | sort), .facets]' "$OUT")
    query 0 --format json -n 100 --facets person,country "$@"
    expect_eq "$what" "$(jq -c '[.total, ([.hits[].id] | sort), .facets]' "$OUT")" "$plain"
}
same_matches "feedback, --country" --country russia 'china russia talks over ukraine'
same_matches "feedback, country: in the query" 'sanctions on exports of oil and gas country:russia'
same_matches "feedback, --since" --since 2023-01-01 'ceasefire talks between the sides'
same_matches "feedback, long query" 'china russia ukraine war sanctions'
# A query of filters alone weighs nothing, and feedback adds nothing to it.
query 0 --format json --country russia
expect_eq "feedback, filters alone" "$(jq '[.hits[].weight == 0] | all' "$OUT")" "true"
query 0 --format json person:sullivan
expect_eq "feedback, field alone" "$(jq '[.hits[].weight == 0] | all' "$OUT")" "true"
query 0 --format json --country russia 'china russia ukraine war sanctions'
expect_eq "feedback keeps --country" \
    "$(jq '[.hits[] | [.countries[].code] | index("ru") != null] | all' "$OUT")" "true"

done_ok
