#!/usr/bin/env bash
# brief-query over the indexed samples: which briefs match, their order, JSON,
# syntax, filters, exit statuses.
. "$(dirname "$0")/lib.sh"

index 0 -q "$SAMPLES"
seed="$SAMPLES/us-china-rome.txt"
seed=$(cd "$(dirname "$seed")" && pwd -P)/us-china-rome.txt

# The seed brief ranks first for 'china russia'; exactly three briefs name both.
expect_eq "china russia" "$(ids 'china russia')" \
    "$seed $SAMPLES/opec-saudi-output-cut-oil-prices.txt $SAMPLES/black-sea-grain-ship-leaves-odesa.txt"

# Text output: rank, title, date, people, countries and a snippet; plain when piped.
query 0 'china russia'
expect_grep '^3 briefs match; showing 1-3\.$' "$OUT"
expect_grep '^  1\. .*\[100%\]$' "$OUT"
expect_grep 'People: Jake Sullivan, Joe Biden, Yang Jiechi' "$OUT"
expect_grep 'Countries: .*China.*Russia' "$OUT"
expect_no_grep $'\033' "$OUT"
query 0 --color always 'china russia'
expect_grep $'\033\\[1mChina' "$OUT"

# Facets show people the gazetteer does not know as the briefs wrote them.
query 0 --facets person 'china russia'
expect_grep '^ +1  Abdulaziz bin Salman$' "$OUT"

# A word in exactly one brief.
expect_eq "desalination" "$(ids desalination)" "$SAMPLES/jordan-red-sea-water-project.txt"
expect_eq "cobalt (gzip)" "$(ids cobalt)" "$SAMPLES/congo-mining-output-record.txt.gz"

# Term frequency orders the briefs that share a word.
expect_eq "drought" "$(ids drought)" \
    "$SAMPLES/iowa-corn-harvest-dry-summer.txt $SAMPLES/canada-wildfire-smoke-new-york.txt $SAMPLES/red-sea-shipping-detours.txt"

# Phrases match adjacent words only.
expect_eq "phrase" "$(ids '"interest rates"')" "ap-2022-06-15-fed $SAMPLES/ecb-pauses-hiking-cycle.txt.gz"
query 0 --format ids 'interest rates'
expect_eq "words apart" "$(lines "$OUT")" "3"

# Boolean operators, wildcards, title:.
expect_eq "NOT" "$(ids 'ceasefire NOT sudan')" \
    "$SAMPLES/armenia-azerbaijan-border-clashes.txt $SAMPLES/colombia-eln-talks-havana.txt"
query 0 --format ids 'desalin*'
expect_eq "wildcard" "$(lines "$OUT")" "1"
query 0 --format ids 'title:parliament'
expect_eq "title:" "$(cat "$OUT")" "bbc-2024-05-14-tbilisi"

# --limit and --offset page through the same order.
all=$(ids drought)
expect_eq "limit" "$(ids -n 1 drought)" "${all%% *}"
expect_eq "offset" "$(ids --offset 2 drought)" "${all##* }"

# JSON is valid and carries every field.
query 0 --format json sullivan
jq -e . "$OUT" >/dev/null || fail "sullivan: not valid JSON"
expect_eq "json total" "$(jq .total.estimated "$OUT")" "2"
expect_eq "json fields" "$(jq -c '.hits[0] | [has("id","title","date","source","people","countries","snippet","highlights","rank","percent")] | all' "$OUT")" "true"
# Highlights are byte ranges of the snippet.
snippet=$(jq -r '.hits[0].snippet' "$OUT")
read -r from to < <(jq -r '.hits[0].highlights[0] | "\(.[0]) \(.[1])"' "$OUT")
expect_eq "highlight marks sullivan" \
    "$(printf '%s' "$snippet" | tail -c +$((from + 1)) | head -c $((to - from)))" "Sullivan"

# A query that is not UTF-8 is repaired, not refused or dropped.
query 1 --format json $'zzzyqxw \x80'
jq -e .total "$OUT" >/dev/null || fail "non-UTF-8 query: not valid JSON"

# Spelling: a word the index does not know gets a suggestion.
query 1 parliment
expect_grep '^Did you mean: parliament$' "$OUT"
query 1 --format json parliment
expect_eq "suggestion" "$(jq -r .suggestion "$OUT")" "parliament"
query 1 sullivn
expect_grep '^Did you mean: sullivan$' "$OUT"
# Words the index knows and stopwords are never "corrected", and a
# suggestion that matches nothing is none ("voting-like-his" was offered).
query 1 nothing-like-this
expect_no_grep 'Did you mean' "$OUT"

# Nothing matches: exit 1, as grep.
query 1 zzzyqxw
expect_grep '^No brief matches\.$' "$OUT"

# A query Xapian cannot parse: one line, exit 2.
query 2 'AND OR ('
expect_eq "syntax error lines" "$(lines "$ERR")" "1"
expect_grep '^brief-query: bad query: ' "$ERR"

# --batch: one compact JSON line a query, the same document as --format json
# (its facets exact, its stored data as stored, its snippets and highlights).
printf '%s\n' 'china russia' '"interest rates"' 'drought OR cobalt' 'zyzzyva' 'person:sullivan' \
    >"$WORK/queries"
query 0 --facets person,country --batch "$WORK/queries"
expect_eq "batch lines" "$(lines "$OUT")" "5"
cp "$OUT" "$WORK/batch"
n=0
while IFS= read -r q; do
    n=$((n + 1))
    EXPECT=0
    [ "$q" = zyzzyva ] && EXPECT=1
    query "$EXPECT" --facets person,country --format json "$q"
    sed -n "${n}p" "$WORK/batch" >"$WORK/line"
    checks=$((checks + 1))
    python3 - "$WORK/line" "$OUT" <<'PY' || fail "batch line $n differs from --format json for '$q'"
import json, sys
line, doc = (json.load(open(p)) for p in sys.argv[1:3])
assert line == doc, (line, doc)
assert line["total"]["exact"]
PY
done <"$WORK/queries"

# --batch answers each query as it comes, whole, with no stdbuf on the pipe.
coproc BATCH { ${BRIEFS_TEST_WRAPPER:-} "$BRIEF_QUERY" --facets person --batch - 2>"$ERR"; }
# Bash unsets BATCH and BATCH_PID once it reaps the coprocess: keep copies.
batch_pid=$BATCH_PID
exec {batch_in}>&"${BATCH[1]}" {batch_out}<&"${BATCH[0]}"
ask() {
    echo "$1" >&"$batch_in"
    IFS= read -r -t 60 answer <&"$batch_out" || fail "no answer to '$1' before the next query"
    checks=$((checks + 1))
}
for q in 'china russia' drought; do
    ask "$q"
    python3 -c 'import json, sys; d = json.loads(sys.argv[1]); assert d["query"] == sys.argv[2] and d["hits"]' \
        "$answer" "$q" || fail "answer to '$q': $answer"
done
# A batch that runs on answers from what the indexer committed since its
# last line, facets included, not from the revision it opened.
total() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])["total"]["estimated"])' "$answer"; }
ask zanzibarite
expect_eq "before the commit" "$(total)" 0
printf 'Title: Zanzibarite found\nPeople: Jane Okafor\n\nMiners found zanzibarite.\n' >"$WORK/new-mineral.txt"
index 0 -q "$WORK/new-mineral.txt"
ask zanzibarite
expect_eq "after the commit" "$(total)" 1
checks=$((checks + 1))
python3 -c 'import json, sys; d = json.loads(sys.argv[1]); assert d["facets"]["person"]["values"][0]["name"] == "Jane Okafor", d["facets"]' \
    "$answer" || fail "facets after the commit: $answer"
exec {BATCH[1]}>&- {batch_in}>&-
wait "$batch_pid" || fail "brief-query --batch - exited $?"
exec {batch_out}<&-

# No line stops a batch: a 10 MB line, a query of 300 words, an unknown
# field value and a wildcard too wide each get an error object on their own
# line, and the queries around them their answers; the status says some query
# could not be parsed. The long line is never held whole (see
# read_query_line), nor is it parsed.
{
    echo drought
    head -c 10000000 /dev/zero | tr '\0' x; echo
    for i in $(seq 300); do printf 'oil '; done; echo
    echo 'country:narnia'
    echo '*'
    echo 'china russia'
} >"$WORK/hostile"
query 2 --batch "$WORK/hostile"
expect_eq "hostile batch lines" "$(lines "$OUT")" "6"
checks=$((checks + 1))
python3 - "$OUT" <<'PY' || fail "hostile batch: $(cut -c1-300 "$OUT")"
import json, sys
d = [json.loads(l) for l in open(sys.argv[1])]
assert d[0]["hits"] and d[5]["hits"], "the good queries are answered"
assert d[1]["error"] == "the query is longer than 4096 bytes", d[1]["error"]
assert len(d[1]["query"]) <= 4097
assert d[2]["error"] == "the query has more than 256 words", d[2]["error"]
assert "narnia" in d[3]["error"]
assert "error" in d[4] or d[4]["hits"] is not None
PY
# --timeout: milliseconds, 1 or more; a query within it answers as without.
query 2 --timeout 0 drought
expect_grep "^brief-query: --timeout takes milliseconds, 1 or more: '0'" "$ERR"
query 2 --timeout 1.5s drought
query 0 --format ids --timeout 60000 drought
cp "$OUT" "$WORK/with-timeout"
query 0 --format ids drought
expect_eq "--timeout 60000 changes nothing" "$(cat "$WORK/with-timeout")" "$(cat "$OUT")"

# A field in the query filters as its option does, and neither ranks: the
# same briefs in the same order, totals and facets. Three words each, where
# ORed they match more than ANDed: taking a field's name and value for words
# made a query of five and ORed them.
matches_of() {
    local got=0
    ${BRIEFS_TEST_WRAPPER:-} "$BRIEF_QUERY" --format json -n 100 --facets person,country "$@" \
        >"$OUT" 2>"$ERR" </dev/null || got=$?
    [ "$got" = 0 ] || [ "$got" = 1 ] || fail "exit status $got: $*"
    jq -c '[.total, [.hits[].id], .facets]' "$OUT"
}
same_as_option() {
    local typed=$1 words=$2; shift 2
    local as_option ored
    as_option=$(matches_of "$@" "$words")
    ored=$(matches_of --any "$@" "$words" | jq '.[0].estimated')
    checks=$((checks + 1))
    [ "$(jq '.[0].estimated' <<<"$as_option")" -lt "$ored" ] ||
        fail "'$words' $*: no more briefs ORed than ANDed, so no test of AND"
    expect_eq "'$typed $words' as $*" "$(matches_of "$typed $words")" "$as_option"
}
same_as_option 'person:sullivan' 'talks said security' --person sullivan
same_as_option 'person:"Joe Biden"' 'president minister war' --person 'Joe Biden'
same_as_option 'country:japan' 'president minister summit' --country japan
same_as_option 'country:"united states"' 'talks oil president' --country 'united states'
same_as_option 'about:japan' 'president minister summit' --about japan
same_as_option 'source:reuters' 'talks minister deal' --source reuters
same_as_option 'date:2023' 'talks government deal' --since 2023-01-01 --until 2023-12-31
same_as_option 'date:2023-05' 'talks war said' --since 2023-05-01 --until 2023-05-31
same_as_option 'date:2023-05-20' 'summit leaders attack' --since 2023-05-20 --until 2023-05-20
same_as_option 'date:2023-01-01..2023-06-30' 'talks war said' --since 2023-01-01 --until 2023-06-30
same_as_option 'country:japan about:japan' 'president minister summit' --country japan --about japan
# After the words, and with --any.
expect_eq "words, then source:" "$(matches_of 'talks minister deal source:reuters')" \
    "$(matches_of --source reuters 'talks minister deal')"
expect_eq "--any and country:" "$(matches_of --any 'country:japan president minister summit')" \
    "$(matches_of --any --country japan 'president minister summit')"
# id: has no option: the brief it names, when the words alone match it.
expect_eq "id: and words it has" "$(ids 'id:reuters-2023-01-31-icet india technology partnership')" \
    "reuters-2023-01-31-icet"
expect_eq "id: and words it lacks" \
    "$(EXPECT_STATUS=1 ids 'id:reuters-2023-01-31-icet india technology war')" ""

# A value no brief holds: a hint naming the nearest the index holds (exit 1,
# as no match); a country the gazetteer does not know: the same in the error.
query 1 person:sulivan
expect_grep "^person: 'sulivan' is in no brief; nearest: Jake Sullivan$" "$OUT"
query 1 --source reuter talks
expect_grep "^--source: 'reuter' is in no brief; nearest: reuters$" "$OUT"
query 1 --format json 'source:blomberg oil'
expect_eq "hint in JSON" "$(jq -c .hints "$OUT")" "[\"source: 'blomberg' is in no brief; nearest: bloomberg\"]"
query 0 --format json person:sullivan
expect_eq "no hint" "$(jq -c .hints "$OUT")" "[]"
query 2 --country germny
expect_eq "country error" "$(cat "$ERR")" \
    "brief-query: bad query: --country: 'germny' is no country the gazetteer knows; nearest: Germany"
query 2 'about:japn oil'
expect_grep "^brief-query: bad query: about: 'japn' is no country the gazetteer knows; nearest: Japan$" "$ERR"

# Text: one matching brief, countries by name, snippets on one line.
query 0 --facets country desalination
expect_grep '^Countries \(3 distinct in 1 matching brief\):$' "$OUT"
query 0 'saudi output cut'
expect_grep '^    Countries: China, Russia, Saudi Arabia, Singapore, United Arab Emirates, United States$' "$OUT"
query 0 --format json -n 100 ''
expect_eq "snippets without runs of spaces" \
    "$(jq '[.hits[].snippet | select(test("\\s\\s|[\n\r\t]"))] | length' "$OUT")" "0"
expect_eq "snippets all there" "$(jq '[.hits[].snippet | select(length > 0)] | length' "$OUT")" \
    "$(jq '.hits | length' "$OUT")"

# A missing index: exit 74, naming it.
query 74 -d "$WORK/missing.db" china
expect_grep "$WORK/missing.db" "$ERR"
expect_eq "missing index lines" "$(lines "$ERR")" "1"

# Usage errors.
query 2 --limit many china
expect_grep "Try 'brief-query --help'" "$ERR"
query 2 --format xml china
query 2 --since yesterday china
query 0 --help
expect_grep '^Usage: brief-query' "$OUT"
# The fields, their options and the facets come from the schema table.
expect_grep '^  person:NAME  ' "$OUT"
expect_grep '^      --country NAME  ' "$OUT"
expect_grep 'person, country' "$OUT"
query 2 --facets nonesuch china
expect_grep 'facets takes a list of fields among person, country' "$ERR"

done_ok
