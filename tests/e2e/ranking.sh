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

# --explain, text: the weight and the terms that make it.
query 0 --explain -n 1 'china russia'
expect_grep '^    Weight [0-9.]+: (china|russia) [0-9.]+ \+ (china|russia) [0-9.]+$' "$OUT"
# JSON: one entry per matched term; the terms' weights add up to the hit's.
query 0 --explain --format json -n 3 'china russia'
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

done_ok
