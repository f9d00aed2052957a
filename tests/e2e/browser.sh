#!/usr/bin/env bash
# The search page in a real browser: Debian's chromium, headless, driven
# through chromium-driver's WebDriver protocol with curl and jq. Types a
# query, clicks a country facet (and a year bar, when the API gives a date
# facet), checks the hits against the API, the chips and the URL, goes back,
# uses the keyboard (/ , arrows, Enter), opens similar briefs (when the API
# offers them), pages, sorts, follows "did you mean", shows a brief titled
# <script>alert(1)</script> as text, and fits a phone's width. Screenshots
# go to $BROWSER_ARTIFACTS (the build's tests/browser-artifacts). Skipped,
# saying so, only where chromium or chromium-driver cannot be installed.
. "$(dirname "$0")/lib.sh"
have() { command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v curl >/dev/null; }
have || "$BRIEFS_SOURCE_DIR/scripts/install-deps" >&2 || true
have || skip_test "chromium, chromium-driver or curl cannot be installed"
ARTIFACTS=${BROWSER_ARTIFACTS:-$WORK/artifacts}
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/*.png

# The samples, and a brief of our own whose title is markup.
mkdir -p "$WORK/corpus"
cp -r "$SAMPLES/." "$WORK/corpus/"
cat >"$WORK/corpus/markup-title.txt" <<'EOF'
Title: <script>alert(1)</script>
Date: 2023-02-01
Source: Testwire
ID: testwire-markup
Topics: <b>Ports</b>

Officials in Japan said the <b>harbour</b> would reopen on Monday & traffic resume. <img src=x onerror=alert(2)>
EOF
index 0 -d "$WORK/index.db" "$WORK/corpus"
start_server -d "$WORK/index.db" --threads 2

# --- WebDriver -------------------------------------------------------------------
chromedriver --port=0 >"$WORK/chromedriver.out" 2>&1 &
driver_pid=$!
at_exit "kill $driver_pid 2>/dev/null"
WD=
for i in $(seq 1 300); do
    WD=$(sed -n 's/^ChromeDriver was started successfully on port \([0-9]*\)\..*/http:\/\/127.0.0.1:\1/p' "$WORK/chromedriver.out")
    [ -n "$WD" ] && break
    kill -0 "$driver_pid" 2>/dev/null || fail "chromedriver exited: $(cat "$WORK/chromedriver.out")"
    sleep 0.1
done
[ -n "$WD" ] || fail "chromedriver did not say its port"

SID=
# wd METHOD PATH [JSON]: one WebDriver command of the session; its answer in
# $WORK/wd.json. A WebDriver error fails the test (returns 1 instead when
# WD_MAY_FAIL is set).
wd() {
    local args=(-s --max-time 120 -X "$1" -H 'Content-Type: application/json' "$WD/session${SID:+/$SID}$2")
    [ -z "${3:-}" ] || args+=(--data-binary "$3")
    curl "${args[@]}" >"$WORK/wd.json" || fail "WebDriver $1 $2: curl exited $?"
    if jq -e '(.value | type) == "object" and (.value | has("error"))' "$WORK/wd.json" >/dev/null; then
        [ -z "${WD_MAY_FAIL:-}" ] || return 1
        fail "WebDriver $1 $2: $(jq -r '.value.error + ": " + .value.message' "$WORK/wd.json" | head -c 400)"
    fi
}
# js SCRIPT [ARGS-JSON]: run SCRIPT (a function body) in the page; its return
# value, as compact JSON, into JSV.
js() {
    wd POST /execute/sync "$(jq -nc --arg s "$1" --argjson a "${2:-[]}" '{script: $s, args: $a}')"
    JSV=$(jq -c .value "$WORK/wd.json")
}
# find_el CSS: the first element matching CSS, into EL.
find_el() {
    wd POST /element "$(jq -nc --arg v "$1" '{using: "css selector", value: $v}')"
    EL=$(jq -r '.value | to_entries[0].value' "$WORK/wd.json")
}
click() { find_el "$1"; wd POST "/element/$EL/click" '{}'; }
type_into() { find_el "$1"; wd POST "/element/$EL/value" "$(jq -nc --arg t "$2" '{text: $t}')"; }
# press KEY...: keys pressed and released in turn, on whatever has the focus.
press() {
    local seq
    seq=$(for k in "$@"; do jq -nc --arg k "$k" '{type: "keyDown", value: $k}, {type: "keyUp", value: $k}'; done | jq -sc .)
    wd POST /actions "$(jq -nc --argjson s "$seq" '{actions: [{type: "key", id: "keyboard", actions: $s}]}')"
}
ENTER=$'\ue007' DOWN=$'\ue015' UP=$'\ue013'
draws() { js 'return Number(document.body.dataset.draws || 0);'; DRAWS=$JSV; }
# wait_draw N: until the page has drawn more than N searches.
wait_draw() {
    local i
    for i in $(seq 1 300); do
        draws
        [ "$DRAWS" -gt "$1" ] && return 0
        sleep 0.1
    done
    fail "the page drew no new result (draws: $DRAWS)"
}
# act CMD...: run CMD (a click, keys) and wait for the page to draw its result.
act() { draws; local before=$DRAWS; "$@"; wait_draw "$before"; }
page_url() { wd GET /url; PAGE_URL=$(jq -r .value "$WORK/wd.json"); }
expect_url() { page_url; expect_eq "the page's URL" "${PAGE_URL#"$URL"}" "$1"; }
shot() { wd GET /screenshot; jq -r .value "$WORK/wd.json" | base64 -d >"$ARTIFACTS/$1.png"; }
text_of() { js "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent);" "$(jq -nc --arg c "$1" '[$c]')"; }
# api PARAMS: the API's document for /api/search?PARAMS&limit=10, into API.
api() { API=$(curl -s "$URL/api/search?$1&limit=10"); }

caps=$(jq -nc --arg dir "$WORK/profile" '{capabilities: {alwaysMatch: {browserName: "chrome",
    "goog:chromeOptions": {binary: "/usr/bin/chromium", args: ["--headless", "--no-sandbox",
    "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", ("--user-data-dir=" + $dir),
    "--window-size=1200,900"]}}}}')
wd POST "" "$caps"
SID=$(jq -r .value.sessionId "$WORK/wd.json")
[ -n "$SID" ] && [ "$SID" != null ] || fail "no WebDriver session: $(head -c 400 "$WORK/wd.json")"
at_exit "curl -s -X DELETE '$WD/session/$SID' >/dev/null"

# --- the first page: everything, with facets ---------------------------------------
wd POST /url "$(jq -nc --arg u "$URL/" '{url: $u}')"
wait_draw 0
shot 1-start
# The page asks for every facet the API offers; the histograms are drawn
# apart from the panels.
FACETS=$(curl -s "$URL/api" | jq -r '.search.facets | join(",")')
api "facets=$FACETS"
text_of '#hits > li.hit'
expect_eq "briefs shown at first" "$(jq length <<<"$JSV")" "$(jq '.hits | length' <<<"$API")"
js 'return document.querySelectorAll("#facets section.facet").length;'
expect_eq "facet panels" "$JSV" "$(jq '[.facets | keys[] | select(. != "year" and . != "month")] | length' <<<"$API")"

# --- keyboard: / focuses the box; type a query, Enter ----------------------------------
press /
js 'return document.activeElement.id;'
expect_eq "focus after /" "$JSV" '"q"'
act press o i l "$ENTER"
expect_url '/?q=oil'
api "q=oil&facets=$FACETS"
text_of '#hits > li.hit h3'
expect_eq "titles for oil" "$JSV" "$(jq -c '[.hits[].title]' <<<"$API")"
text_of '#notes .total'
expect_eq "the total for oil" "$JSV" "[\"$(jq -r .total.estimated <<<"$API") briefs match; showing 1–$(jq '.hits | length' <<<"$API").\"]"
shot 2-oil

# --- a country facet: filters, a chip, the URL -----------------------------------------
country=$(jq -r '.facets.country.values[0].id' <<<"$API")
name=$(jq -r '.facets.country.values[0].name' <<<"$API")
count=$(jq -r '.facets.country.values[0].count' <<<"$API")
act click "section[data-facet=country] button[data-value=\"$country\"]"
expect_url "/?q=oil&country=$country"
text_of '#chips button.chip'
expect_eq "chips" "$JSV" "[\"Country: $name ×\"]"
api "q=oil&country=$country&facets=$FACETS"
expect_eq "the facet's count is the total it gives" "$(jq .total.estimated <<<"$API")" "$count"
text_of '#hits > li.hit h3'
expect_eq "titles for oil in $country" "$JSV" "$(jq -c '[.hits[].title]' <<<"$API")"
shot 3-country

# --- a year bar, when the API gives a date facet (issue 14, part B) --------------------
js 'return document.querySelectorAll("#histogram:not([hidden]) .bar").length;'
if [ "$JSV" -gt 0 ]; then
    js 'return document.querySelector("#histogram .bar").dataset.value;'
    year=$(jq -r . <<<"$JSV")
    act click '#histogram .bar'
    expect_url "/?q=oil&country=$country&since=$year&until=$year"
    text_of '#chips button.chip'
    expect_eq "chips with the year" "$JSV" "[\"Country: $name ×\",\"Since: $year ×\",\"Until: $year ×\"]"
    api "q=oil&country=$country&since=$year&until=$year"
    text_of '#hits > li.hit h3'
    expect_eq "titles for oil in $country in $year" "$JSV" "$(jq -c '[.hits[].title]' <<<"$API")"
    shot 3b-year
    act wd POST /back '{}'
else
    echo "browser.sh: no date facet in the API yet: the year bar step is not run"
fi

# --- back: the query without the country ------------------------------------------------
act wd POST /back '{}'
expect_url '/?q=oil'
text_of '#chips button.chip'
expect_eq "chips after back" "$JSV" '[]'
# A chip removes its filter.
act click "section[data-facet=country] button[data-value=\"$country\"]"
act click '#chips button.chip'
expect_url '/?q=oil'

# --- arrows move through the results, Enter opens one ---------------------------------
find_el '#q'
wd POST "/element/$EL/click" '{}'
press "$DOWN"
js 'return document.activeElement.matches("#hits > li.hit:first-child");'
expect_eq "ArrowDown from the box: the first result" "$JSV" true
press "$DOWN"
js 'return document.activeElement.matches("#hits > li.hit:nth-child(2)");'
expect_eq "ArrowDown again: the second" "$JSV" true
press "$UP" "$DOWN" "$ENTER"
for i in $(seq 1 100); do
    js 'const b = document.querySelector("#hits > li.hit:nth-child(2) .body"); return b ? b.textContent : "";'
    [ "$JSV" != '""' ] && [ "$JSV" != '"Loading…"' ] && break
    sleep 0.1
done
id2=$(jq -r '.hits[1].id' <<<"$(curl -s "$URL/api/search?q=oil")")
expect_eq "the opened brief's text" "$JSV" "$(curl -s "$URL/api/brief/$(jq -rn --arg i "$id2" '$i|@uri')" | jq -c .body)"
shot 4-opened

# --- similar briefs, when the API offers them -------------------------------------------
if [ "$(curl -s "$URL/api" | jq -r '.routes.similar // empty')" != "" ]; then
    id1=$(jq -r '.hits[0].id' <<<"$(curl -s "$URL/api/search?q=oil")")
    title1=$(jq -r '.hits[0].title' <<<"$(curl -s "$URL/api/search?q=oil")")
    act click '#hits > li.hit:first-child a.similar'
    expect_url "/?like=$(jq -rn --arg i "$id1" '$i|@uri')"
    text_of '#chips button.chip'
    expect_eq "chip of similar briefs" "$JSV" "[\"Like: $title1 ×\"]"
    js 'return Array.from(document.querySelectorAll("#hits > li.hit")).map(e => e.dataset.id);'
    expect_eq "similar briefs shown" "$JSV" \
        "$(curl -s "$URL/api/similar/$(jq -rn --arg i "$id1" '$i|@uri')?limit=10" | jq -c '[.hits[].id]')"
    checks=$((checks + 1))
    jq -e --arg i "$id1" 'length > 0 and (index($i) == null)' <<<"$JSV" >/dev/null ||
        fail "similar briefs: none, or the brief itself: $JSV"
    shot 5-similar
    act wd POST /back '{}'
    expect_url '/?q=oil'
else
    echo "browser.sh: the API offers no similar briefs: that step is not run"
fi

# --- sort, pages, did you mean ------------------------------------------------------------
act click '#sort option[value="-date"]'
expect_url '/?q=oil&sort=-date'
text_of '#hits > li.hit h3'
expect_eq "titles newest first" "$JSV" "$(curl -s "$URL/api/search?q=oil&sort=-date" | jq -c '[.hits[].title]')"
wd POST /url "$(jq -nc --arg u "$URL/" '{url: $u}')"
wait_draw 0
act click '#pages button[rel=next]'
expect_url '/?offset=10'
text_of '#hits > li.hit h3'
expect_eq "the second page" "$JSV" "$(curl -s "$URL/api/search?offset=10" | jq -c '[.hits[].title]')"
act click '#pages button[rel=prev]'
expect_url '/'
wd POST /url "$(jq -nc --arg u "$URL/?q=sanctoins" '{url: $u}')"
wait_draw 0
act click '#notes a.suggest'
expect_url '/?q=sanctions'

# --- markup from the index is shown as text ---------------------------------------------
wd POST /url "$(jq -nc --arg u "$URL/?q=harbour" '{url: $u}')"
wait_draw 0
text_of '#hits > li.hit h3'
expect_eq "the markup title, as text" "$JSV" '["<script>alert(1)</script>"]'
text_of '#hits > li.hit .snippet mark'
expect_eq "the highlighted word" "$JSV" '["harbour"]'
text_of '#hits > li.hit .chip.topic'
expect_eq "the markup topic, as text, a chip" "$JSV" '["<b>ports</b>"]'
js 'return [document.scripts.length, document.querySelectorAll("#hits b, #hits img, #hits script").length];'
expect_eq "scripts in the page, and elements made of the brief's markup" "$JSV" '[1,0]'
WD_MAY_FAIL=1 wd GET /alert/text && fail "an alert is open: $(cat "$WORK/wd.json")"
expect_grep '"no such alert"' "$WORK/wd.json"
shot 6-markup

# --- a phone's width ---------------------------------------------------------------------
wd POST /window/rect '{"width": 390, "height": 844}'
wd POST /url "$(jq -nc --arg u "$URL/?q=china" '{url: $u}')"
wait_draw 0
js 'return [document.documentElement.scrollWidth <= window.innerWidth, getComputedStyle(document.querySelector("main")).gridTemplateColumns.split(" ").length];'
expect_eq "no sideways scrolling, one column" "$JSV" '[true,1]'
shot 7-phone

done_ok
