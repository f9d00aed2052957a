#!/usr/bin/env bash
# Every field a facet, topics, browse mode and any-of filters, through
# brief-query and brief-serve's API (issue 14, item 1), on briefs of our own.
. "$(dirname "$0")/lib.sh"

mkdir -p "$WORK/corpus"
brief() {   # brief FILE TITLE DATE TOPICS BODY
    printf 'Title: %s\n%sSource: Testwire\n%s\n%s\n' "$2" "${3:+Date: $3
}" "${4:+Topics: $4
}" "$5" >"$WORK/corpus/$1"
}
brief tokyo.txt "Tokyo refinery restarts" 2021-01-10 "Crude, Refining" \
    "Officials in Japan said the refinery in Tokyo would restart on Monday."
brief osaka.txt "Osaka port reopens" 2021-03-02 "Shipping" \
    "Japan reopened the port of Osaka after the storm."
brief paris.txt "Paris fuel strike ends" 2021-03-20 "crude" \
    "Refinery workers in France ended their strike in Paris."
brief lyon.txt "Lyon grain silo" "" "" \
    "Farmers near Lyon in France stored more grain this year."
brief both.txt "Japan and France sign accord" 2023-06-30 "Trade; Shipping" \
    "Japan and France signed a shipping accord in Paris."
cat >"$WORK/corpus/more.jsonl" <<'EOF'
{"id": "j-1", "title": "Kyoto tea harvest", "date": "2021-05-05", "body": "Tea growers in Japan praised the harvest near Kyoto.", "topics": ["Agriculture", "Tea"]}
EOF
cat >"$WORK/corpus/wire.sgm" <<'EOF'
<REUTERS NEWID="7001">
<DATE>2-MAR-1987 10:00:00.00</DATE>
<TOPICS><D>crude</D><D>ship</D></TOPICS>
<PLACES><D>japan</D></PLACES>
<TEXT><TITLE>JAPAN TANKER RATES RISE</TITLE>
<DATELINE>TOKYO, March 2 - </DATELINE><BODY>Tanker rates to Japan rose this week.
 Reuter
</BODY></TEXT>
</REUTERS>
EOF
index 0 -d "$WORK/index.db" "$WORK/corpus"

# --- topics: a field, a filter and a facet, from all three formats ------------
expect_eq "topic:crude" "$(ids 'topic:crude' --sort date)" \
    "reuters-7001 $WORK/corpus/tokyo.txt $WORK/corpus/paris.txt"
expect_eq "--topic Crude" "$(ids --topic Crude --sort date)" "$(ids 'topic:crude' --sort date)"
expect_eq "a JSON Lines topic" "$(ids --topic tea)" "j-1"
query 0 --facets topic -n 0
expect_grep '^Topics \(7 distinct in 7 matching briefs; 1 with none\):$' "$OUT"
expect_grep '^ +3  crude$' "$OUT"
expect_grep '^ +2  shipping$' "$OUT"

# --- browse: no query, filters only: every brief that passes them ---------------
japan=$(ids --country jp --sort date)
expect_eq "every brief naming Japan" "$japan" \
    "reuters-7001 $WORK/corpus/tokyo.txt $WORK/corpus/osaka.txt j-1 $WORK/corpus/both.txt"
query 0 --facets country --country jp -n 0
expect_grep '^Countries \(2 distinct in 5 matching briefs\):$' "$OUT"
expect_grep '^ +5  Japan$' "$OUT"
expect_grep '^ +1  France$' "$OUT"

# --- repeated: all of; a list: any of; --help says so ---------------------------
expect_eq "--country jp --country fr" "$(ids --country jp --country fr)" "$WORK/corpus/both.txt"
expect_eq "--country jp,fr" "$(ids --country jp,fr --sort date | wc -w)" 7
expect_eq "--country fr,jp is jp or fr" "$(ids --country fr,jp --sort date)" "$(ids --country jp,fr --sort date)"
expect_eq "--topic crude,tea" "$(ids --topic crude,tea --sort date)" \
    "reuters-7001 $WORK/corpus/tokyo.txt $WORK/corpus/paris.txt j-1"
query 0 --help
expect_grep 'repeated: all must' "$OUT"
expect_grep 'comma-separated, --country A,B: any may' "$OUT"
expect_grep 'With no$' "$OUT"

# --- every facet; histograms in date order, empty buckets 0; none counted --------
query 0 --facets all --format json -n 0
checks=$((checks + 1))
expect_eq "facets of all" "$(jq -c '.facets | keys' "$OUT")" \
    '["about","country","month","person","source","topic","year"]'
expect_eq "years, in date order" "$(jq -c '[.facets.year.values[] | [.id, .count]]' "$OUT")" \
    '[["1987",1],["1988",0],["1989",0],["1990",0],["1991",0],["1992",0],["1993",0],["1994",0],["1995",0],["1996",0],["1997",0],["1998",0],["1999",0],["2000",0],["2001",0],["2002",0],["2003",0],["2004",0],["2005",0],["2006",0],["2007",0],["2008",0],["2009",0],["2010",0],["2011",0],["2012",0],["2013",0],["2014",0],["2015",0],["2016",0],["2017",0],["2018",0],["2019",0],["2020",0],["2021",4],["2022",0],["2023",1]]'
expect_eq "undated" "$(jq .facets.year.none "$OUT")" 1
expect_eq "years with briefs" "$(jq .facets.year.distinct "$OUT")" 3
query 0 --facets month --format json -n 0 --since 2021-01-01 --until 2021-12-31
expect_eq "months of 2021" "$(jq -c '[.facets.month.values[] | [.id, .count]]' "$OUT")" \
    '[["2021-01",1],["2021-02",0],["2021-03",2],["2021-04",0],["2021-05",1]]'
query 0 --facets source --format json -n 0
expect_eq "sources" "$(jq -c '[.facets.source.values[] | [.name, .count]]' "$OUT")" \
    '[["Testwire",5],["Reuters",1]]'
expect_eq "briefs without a source" "$(jq .facets.source.none "$OUT")" 1

# --- significance: a value of fewer than 3 matches is none (the order itself is
# tested in test_facets on an index made for it) --------------------------------
query 0 --facets country --facet-order significance refinery
expect_grep '^Countries \(top 0 of 2 in 2 matching briefs; by significance\):$' "$OUT"
query 0 --facets country --facet-order significance --format json -n 0
expect_eq "significance over every brief: none stands out" "$(jq -c .facets.country "$OUT")" \
    '{"distinct":2,"none":0,"order":"significance","values":[]}'
query 2 --facet-order often
expect_grep "facet-order takes count or significance" "$ERR"

# --- the API: the same documents ---------------------------------------------------
start_server -d "$WORK/index.db"
for params in 'country=jp,fr&facets=all' 'topic=crude&facets=country,year&facet_order=significance' \
              'q=refinery&facets=all&facet_order=significance'; do
    curl -s -o "$WORK/api.json" "$URL/api/search?$params"
    args=()
    IFS='&' read -r -a pairs <<<"$params"
    for p in "${pairs[@]}"; do
        k=${p%%=*} v=${p#*=}
        case $k in
            q) args+=("$v") ;;
            facet_order) args+=(--facet-order "$v") ;;
            *) args+=("--$k" "$v") ;;
        esac
    done
    query 0 --format json "${args[@]}"
    expect_eq "API $params as brief-query" "$(jq -S 'del(.query)' "$WORK/api.json")" "$(jq -S 'del(.query)' "$OUT")"
done
curl -s -o "$WORK/api.json" -w '%{http_code}' "$URL/api/search?facet_order=often" >"$WORK/code"
expect_eq "a bad facet order" "$(cat "$WORK/code")" 400

done_ok
