#!/usr/bin/env bash
# People and countries end to end: brief-index --extract [--spans] on the
# seed brief and on standard input; alias filters and facet counts of
# brief-query on the indexed samples, the counts checked against a
# brute-force count over the same match set.
. "$(dirname "$0")/lib.sh"

seed="$SAMPLES/us-china-rome.txt"

# --extract: one JSON line with the seed brief's people and countries.
index 0 --extract "$seed"
expect_eq "one line" "$(lines "$OUT")" "1"
expect_eq "people" "$(jq -c .people "$OUT")" '["jake-sullivan","joe-biden","yang-jiechi"]'
for c in us cn ru ua kp; do
    expect_eq "country $c" "$(jq --arg c "$c" '.countries | index($c) != null' "$OUT")" "true"
done
expect_eq "Rome does not tag Italy" "$(jq '.countries | index("it")' "$OUT")" "null"
# about: what the brief is about (indexed under XA), not North Korea, named
# once in passing; countries: every country named (XC)
expect_eq "about" "$(jq -c .about "$OUT")" '["cn","ru","ua","us"]'
want_people=$(jq -c .people "$OUT")
want_countries=$(jq -c .countries "$OUT")

# '-' reads standard input and gives the same entities.
checks=$((checks + 1))
${BRIEFS_TEST_WRAPPER:-} "$BRIEF_INDEX" --extract - <"$seed" >"$OUT" 2>"$ERR" \
    || fail "--extract - failed"
expect_eq "stdin id" "$(jq -r .id "$OUT")" "-"
expect_eq "stdin people" "$(jq -c .people "$OUT")" "$want_people"
expect_eq "stdin countries" "$(jq -c .countries "$OUT")" "$want_countries"

# --spans: byte offsets into the body whose bytes are the text shown.  The
# seed brief has no header: its body is the whole file, so offsets are file
# offsets.
head -1 "$seed" | grep -Eqv '^[A-Za-z]+: ' || fail "the seed brief has a header"
cp "$seed" "$WORK/body.txt"
index 0 --extract --spans "$WORK/body.txt"
n=$(jq '.mentions | length' "$OUT")
[ "$n" -ge 10 ] || fail "only $n mentions"
jq -r '.mentions[] | "\(.start) \(.end) \(.kind) \(.id)\t\(.text)"' "$OUT" >"$WORK/spans"
while IFS=$'\t' read -r where text; do
    read -r start end kind id <<<"$where"
    got=$(tail -c +"$((start + 1))" "$WORK/body.txt" | head -c "$((end - start))")
    expect_eq "span $start-$end ($kind $id)" "$got" "$text"
done <"$WORK/spans"
expect_grep '"text":"Jake Sullivan","id":"jake-sullivan"' "$OUT"
expect_grep '"text":"Sullivan","id":"jake-sullivan"' "$OUT"
expect_grep '"text":"Biden","id":"joe-biden"' "$OUT"

# Index the samples.
index 0 "$SAMPLES"

# Alias filters: every alias of a country, or of a person, is one filter.
us1=$(ids -n 1000 'country:US')
[ -n "$us1" ] || fail "country:US matched nothing"
expect_eq 'country:"united states"' "$(ids -n 1000 'country:"united states"')" "$us1"
expect_eq 'country:u.s.' "$(ids -n 1000 'country:u.s.')" "$us1"
expect_eq '--country american' "$(ids -n 1000 --country american)" "$us1"
expect_eq '--country US' "$(ids -n 1000 --country US)" "$us1"
p1=$(ids -n 1000 'person:sullivan')
[ -n "$p1" ] || fail "person:sullivan matched nothing"
expect_eq 'person:"Jake Sullivan"' "$(ids -n 1000 'person:"Jake Sullivan"')" "$p1"
expect_eq '--person jake-sullivan' "$(ids -n 1000 --person jake-sullivan)" "$p1"
expect_eq 'filter and words' "$(ids -n 1000 'china country:american')" "$(ids -n 1000 'china country:us')"

# Facet counts over the whole match set equal a brute-force count of the
# people and countries of every hit.
facets_vs_brute() {
    query 0 --format json -n 1 --facets person,country --facet-limit 1000 "$@"
    jq -c '[.facets.person.values[] | {id, count}] | sort_by(.id)' "$OUT" >"$WORK/fp"
    jq -c '[.facets.country.values[] | {id, count}] | sort_by(.id)' "$OUT" >"$WORK/fc"
    query 0 --format json -n 1000 "$@"
    expect_eq "all hits on the page ($*)" "$(jq '.hits | length' "$OUT")" "$(jq .total.estimated "$OUT")"
    jq -c '[.hits[].people[].id] | group_by(.) | map({id: .[0], count: length}) | sort_by(.id)' \
        "$OUT" >"$WORK/bp"
    jq -c '[.hits[].countries[].code] | group_by(.) | map({id: .[0], count: length}) | sort_by(.id)' \
        "$OUT" >"$WORK/bc"
    expect_eq "person facets ($*)" "$(cat "$WORK/fp")" "$(cat "$WORK/bp")"
    expect_eq "country facets ($*)" "$(cat "$WORK/fc")" "$(cat "$WORK/bc")"
}
facets_vs_brute china
facets_vs_brute 'china OR russia OR oil'
facets_vs_brute --country us ''
facets_vs_brute 'country:ru'
facets_vs_brute --any 'sanctions talks minister'

# Display names in the facets, in JSON and in text.
query 0 --format json --facets person,country --facet-limit 1000 'person:sullivan'
expect_eq "country display" \
    "$(jq -r '.facets.country.values[] | select(.id == "us") | .name' "$OUT")" "United States"
expect_eq "person display" \
    "$(jq -r '.facets.person.values[] | select(.id == "jake-sullivan") | .name' "$OUT")" "Jake Sullivan"
query 0 --facets person,country --facet-limit 1000 'person:sullivan'
expect_grep '^ +[0-9]+  United States$' "$OUT"
expect_grep '^ +[0-9]+  Jake Sullivan$' "$OUT"

# about: and country: on invented briefs, in an index of their own.  A
# wire story from Ontario names Chile once in passing: country:chile finds it,
# about:chile does not; a story from Santiago is about Chile.  A story that
# names no country but Reagan and Congress is about the United States, and
# country:us finds it too.
export BRIEFS_DB="$WORK/about.db"
mkdir "$WORK/about"
cat >"$WORK/about/quimbley.txt" <<'BRIEF'
Title: Copper output rises at Quimbley Mines
ID: e2e-quimbley
Date: 1987-03-03

QUIMBLEY FALLS, Ont., March 3 - Quimbley Mines Ltd said copper output rose 12 pct in February, while prices in Chile held steady.
BRIEF
cat >"$WORK/about/santiago.txt" <<'BRIEF'
Title: Chile copper exports climb
ID: e2e-santiago
Date: 1987-03-04

SANTIAGO, March 4 - Chile's copper exports rose 8 pct in February, the central bank said, and Chilean miners expect more.
BRIEF
cat >"$WORK/about/reagan.txt" <<'BRIEF'
Title: Reagan asks Congress for trade bill
ID: e2e-reagan
Date: 1987-03-05

President Reagan asked Congress on Tuesday to pass the trade bill before the recess, and the Treasury said it backed him.
BRIEF
index 0 --extract "$WORK/about/quimbley.txt"
expect_eq "dateline brief: countries" "$(jq -c .countries "$OUT")" '["ca","cl"]'
expect_eq "dateline brief: about" "$(jq -c .about "$OUT")" '["ca"]'
index 0 "$WORK/about"
expect_eq 'country:chile' "$(ids -n 10 'country:chile' | tr ' ' '\n' | sort | tr '\n' ' ')" \
    "e2e-quimbley e2e-santiago "
for alias in chile Chile CL chilean '"Republic of Chile"'; do
    expect_eq "about:$alias" "$(ids -n 10 "about:$alias")" "e2e-santiago"
done
for alias in canada ca Canadian; do
    expect_eq "about:$alias" "$(ids -n 10 "about:$alias")" "e2e-quimbley"
done
expect_eq 'about:us' "$(ids -n 10 'about:us')" "e2e-reagan"
expect_eq 'about:"united states"' "$(ids -n 10 'about:"united states"')" "e2e-reagan"
expect_eq 'country:american' "$(ids -n 10 'country:american')" "e2e-reagan"
expect_eq 'about: with words' "$(ids -n 10 'copper about:chile')" "e2e-santiago"
expect_eq 'about: and country:' "$(ids -n 10 'country:chile about:canada')" "e2e-quimbley"
EXPECT_STATUS=2 ids 'about:narnia' >/dev/null
expect_grep "^brief-query: bad query: about: 'narnia' is no country" "$ERR"

done_ok
