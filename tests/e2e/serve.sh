#!/usr/bin/env bash
# brief-serve over HTTP, with curl: the API's JSON is brief-query's --format
# json for the same request; status codes (400, 404, 405, 503) and limits;
# HEAD; the page and its headers; one access-log line per request; a request
# in flight at SIGTERM is answered, then the server exits 0 (SIGINT: 130).
# The server listens on a port the system picks, and is stopped when the test
# ends, passed or failed (lib.sh's start_server).
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || "$BRIEFS_SOURCE_DIR/scripts/install-deps" >&2 || true
command -v curl >/dev/null || skip_test "curl cannot be installed"
command -v ss >/dev/null || skip_test "ss is not installed (iproute2)"

# The samples, and a brief of our own whose title is markup.
mkdir -p "$WORK/corpus"
cp -r "$SAMPLES/." "$WORK/corpus/"
cat >"$WORK/corpus/markup-title.txt" <<'EOF'
Title: <script>alert(1)</script>
Date: 2023-02-01
Source: Testwire
ID: testwire-markup

Officials in Japan said the <b>harbour</b> would reopen on Monday & traffic resume.
EOF
index 0 -d "$WORK/index.db" "$WORK/corpus"
start_server -d "$WORK/index.db" --threads 2
requests=0

# get PATH [CURL-ARGS...]: GET URL/PATH into $OUT, headers into $WORK/headers;
# sets STATUS.
get() {
    local path=$1; shift
    requests=$((requests + 1))
    STATUS=$(curl -s -g -o "$OUT" -D "$WORK/headers" -w '%{http_code}' "$@" "$URL$path")
}
# expect_status WANT PATH [CURL-ARGS...]
expect_status() {
    local want=$1; shift
    get "$@"
    expect_eq "status of $1" "$STATUS" "$want"
}
# expect_error WANT PATH: that status, with one line {"error": "..."}.
expect_error() {
    expect_status "$@"
    expect_eq "lines of the error of $2" "$(lines "$OUT")" 1
    checks=$((checks + 1))
    jq -e '.error | type == "string" and length > 0' "$OUT" >/dev/null ||
        fail "no one-line JSON error for $2: $(cat "$OUT")"
}

# same_as_query PARAM... -- BRIEF-QUERY-ARGS...: /api/search with the
# parameters (each NAME=VALUE, URL-encoded here) prints the document
# brief-query --format json prints for those arguments (compared with jq -S).
same_as_query() {
    local params=()
    while [ "$1" != -- ]; do params+=(--data-urlencode "$1"); shift; done
    shift
    requests=$((requests + 1))
    curl -s -G -o "$WORK/api.json" -w '%{http_code}' "${params[@]}" "$URL/api/search" >"$WORK/status"
    expect_eq "status of /api/search ${params[*]}" "$(cat "$WORK/status")" 200
    local got=0
    "$BRIEF_QUERY" -d "$WORK/index.db" --format json "$@" >"$WORK/cli.json" 2>"$ERR" || got=$?
    checks=$((checks + 1))
    [ "$got" = 0 ] || [ "$got" = 1 ] || fail "brief-query $* exited $got"
    jq -S . "$WORK/api.json" >"$WORK/api.sorted"
    jq -S . "$WORK/cli.json" >"$WORK/cli.sorted"
    checks=$((checks + 1))
    cmp -s "$WORK/api.sorted" "$WORK/cli.sorted" || {
        diff "$WORK/cli.sorted" "$WORK/api.sorted" | head -20 >&2
        fail "/api/search ${params[*]} is not brief-query --format json $*"
    }
}

# --- the same document as brief-query --format json ---------------------------
same_as_query 'q=china russia' -- 'china russia'
same_as_query 'q=oil' 'facets=person,country' 'limit=3' -- --facets person,country -n 3 oil
same_as_query 'q=sanctions' 'country=us' 'sort=-date' -- --country us --sort -date sanctions
same_as_query 'q=' 'person=sullivan' 'facets=countries' -- --person sullivan --facets country ''
same_as_query 'since=2023' 'until=2023-06' 'sort=date' 'facets=person' 'facet_limit=3' -- \
    --since 2023 --until 2023-06 --sort date --facets person --facet-limit 3 ''
same_as_query 'q=the' 'offset=2' 'limit=2' -- --offset 2 -n 2 the
same_as_query 'q=china oil' 'any=1' -- --any 'china oil'
same_as_query 'q=title:oil' 'about=sa' -- --about sa title:oil
same_as_query 'q=minister' 'source=reuters' 'country=china' 'country=us' -- \
    --source reuters --country china --country us minister
# More than three words: pseudo-relevance feedback, as brief-query decides;
# expand=0 is --no-expand.
same_as_query 'q=oil prices rose after saudi arabia cut output' -- 'oil prices rose after saudi arabia cut output'
same_as_query 'q=oil prices rose after saudi arabia cut output' 'expand=0' -- --no-expand 'oil prices rose after saudi arabia cut output'
# "Did you mean", hints, no match.
same_as_query 'q=sanctoins' -- sanctoins
same_as_query 'q=person:sulivan oil' -- 'person:sulivan oil'
same_as_query 'q=zzzyxw' -- zzzyxw
same_as_query 'q=harbour' -- harbour
expect_eq "the markup title, as stored" "$(jq -r '.hits[0].title' "$WORK/api.json")" '<script>alert(1)</script>'
# A space may come as '+' (HTML forms) or %20: the same query.
get '/api/search?q=china+russia'
cp "$OUT" "$WORK/plus.json"
get '/api/search?q=china%20russia'
checks=$((checks + 1))
cmp -s "$OUT" "$WORK/plus.json" || fail "q=china+russia is not q=china%20russia"
expect_eq "query of q=china+russia" "$(jq -r .query "$WORK/plus.json")" "china russia"
expect_grep '^Content-Type: application/json' "$WORK/headers"
expect_grep '^Cache-Control: no-store' "$WORK/headers"

# Requests at once, on both threads: each answered as it is alone (built with
# ThreadSanitizer, scripts/check-memory, this is where a race would show).
get '/api/search?facets=person,country&limit=3'
cp "$OUT" "$WORK/alone.json"
seq 1 48 | xargs -P 8 -I{} curl -s -o "$WORK/together.{}.json" "$URL/api/search?facets=person,country&limit=3"
requests=$((requests + 48))
for i in $(seq 1 48); do
    checks=$((checks + 1))
    cmp -s "$WORK/together.$i.json" "$WORK/alone.json" || fail "answer $i of 48 at once differs from the one alone"
done

# --- one brief; similar briefs ------------------------------------------------
expect_status 200 /api/brief/testwire-markup
jq -S . "$OUT" >"$WORK/brief.json"
"$BRIEF_QUERY" -d "$WORK/index.db" --format json id:testwire-markup |
    jq -S '.hits[0] | del(.rank, .percent, .weight, .docid, .snippet, .highlights)' >"$WORK/stored.json"
checks=$((checks + 1))
cmp -s "$WORK/brief.json" "$WORK/stored.json" || fail "/api/brief/ID is not the brief as stored"
expect_eq "the brief's body" "$(jq -r .body "$OUT" | head -1)" \
    'Officials in Japan said the <b>harbour</b> would reopen on Monday & traffic resume.'
# An id with a slash (a file path), encoded.
id=$(jq -r '.hits[0].id' "$WORK/plus.json")
expect_status 200 "/api/brief/$(jq -rn --arg id "$id" '$id | @uri')"
expect_eq "id of /api/brief/<path>" "$(jq -r .id "$OUT")" "$id"

get '/api/similar/reuters-2023-01-31-icet?facets=country&limit=20'
expect_eq "status of /api/similar/ID" "$STATUS" 200
checks=$((checks + 1))
[ "$(jq '.hits | length' "$OUT")" -gt 0 ] || fail "no brief like reuters-2023-01-31-icet"
expect_eq "the brief itself among its similar briefs" \
    "$(jq '[.hits[] | select(.id == "reuters-2023-01-31-icet")] | length' "$OUT")" 0
expect_eq "similar briefs: a search document" "$(jq -c '[has("total"), has("facets"), (.facets | has("country"))]' "$OUT")" \
    '[true,true,true]'
# q and filters narrow the similar briefs.
get '/api/similar/reuters-2023-01-31-icet?country=us&limit=20'
checks=$((checks + 1))
[ "$(jq '.hits | length' "$OUT")" -gt 0 ] &&
    jq -e 'all(.hits[]; any(.countries[]; .code == "us"))' "$OUT" >/dev/null ||
    fail "country=us did not narrow the similar briefs: $(jq -c '[.hits[].countries]' "$OUT")"

# /api/similar/ID is brief-query --like ID, narrowed alike.
for params in 'limit=5' 'country=us&facets=country,year'; do
    requests=$((requests + 1))
    curl -s -o "$WORK/api.json" "$URL/api/similar/reuters-2023-01-31-icet?$params"
    args=(--like reuters-2023-01-31-icet --format json)
    case $params in
        limit=5) args+=(-n 5) ;;
        *) args+=(--country us --facets country,year) ;;
    esac
    query 0 "${args[@]}"
    expect_eq "/api/similar ($params) as brief-query ${args[*]}" \
        "$(jq -S . "$WORK/api.json")" "$(jq -S . "$OUT")"
done
query 1 --like no-such-brief
expect_grep "^brief-query: --like: no brief has id 'no-such-brief'$" "$ERR"
query 2 --like reuters-2023-01-31-icet --batch -
expect_grep "not with --batch" "$ERR"

# --- status codes ---------------------------------------------------------------
expect_error 400 '/api/search?country=narnia'
expect_grep '^\{"error":"bad query: country: .narnia. is no country' "$OUT"
expect_error 400 '/api/search?sort=sideways'
expect_error 400 '/api/search?limit=abc'
expect_error 400 '/api/search?limit=101'
expect_status 200 '/api/search?limit=100'
expect_error 400 '/api/search?offset=10001'
expect_error 400 '/api/search?facet_limit=101'
expect_error 400 '/api/search?since=yesterday'
expect_error 400 '/api/search?facets=weather'
expect_error 400 '/api/search?any=yes'
expect_error 400 '/api/search?colour=blue'
expect_error 400 '/api/search?q=a&q=b'
expect_error 400 '/api/search?q=%FF'
expect_error 400 '/api/search?q=a%00b'
expect_error 400 '/api/brief/testwire-markup?q=x'
expect_error 400 '/api?q=x'
q1024=$(printf 'a%.0s' $(seq 1 1024))
expect_status 200 "/api/search?q=$q1024"
expect_error 400 "/api/search?q=${q1024}a"
expect_grep 'q is too long \(1025 bytes; at most 1024\)' "$OUT"
v=$(printf 'b%.0s' $(seq 1 257))
expect_error 400 "/api/search?source=$v"
filters=$(for i in $(seq 1 33); do printf 'country=us&'; done)
expect_error 400 "/api/search?${filters}q=x"
expect_grep 'too many filters' "$OUT"
expect_status 200 "/api/search?$(for i in $(seq 1 32); do printf 'country=us&'; done)q=x"

expect_error 404 /api/nothing
expect_error 404 /api/brief/no-such-brief
expect_error 404 /api/similar/no-such-brief
expect_status 404 /nothing
expect_status 404 /api/brief/
for method in POST PUT DELETE PATCH OPTIONS; do
    for path in /api/search /; do
        expect_status 405 "$path" -X "$method" -d 'x=1'
        expect_grep '^Allow: GET, HEAD' "$WORK/headers"
    done
done
# A request line or headers beyond the limit: 414 and 431, by libmicrohttpd.
big=$(printf 'a%.0s' $(seq 1 40000))
expect_status 414 "/api/search?q=$big"
expect_status 431 '/api/search?q=oil' -H "X-Big: $big"
expect_status 200 '/api/search?q=oil'   # and it still answers

# HEAD: GET's status and headers, no body.
get '/api/search?q=oil&facets=person'
len=$(wc -c <"$OUT")
expect_status 200 '/api/search?q=oil&facets=person' -I
checks=$((checks + 1))
cmp -s "$OUT" "$WORK/headers" || fail "HEAD sent more than the headers"
expect_grep "^Content-Length: $len" "$WORK/headers"

# Keep-alive: a client's requests one after another on one connection (as
# browsers and wrk send them), each answered whole; a connection per request
# cost more than many a search. A GET that sends a body is still answered.
curl -s -g -o "$WORK/ka.1" -o "$WORK/ka.2" -o "$WORK/ka.3" -w '%{http_code} %{num_connects}\n' \
    "$URL/api/search?q=oil" "$URL/api/search?q=gold&facets=country" "$URL/" >"$WORK/ka.txt"
requests=$((requests + 3))
expect_eq "statuses and new connections of 3 requests on one" "$(tr '\n' ' ' <"$WORK/ka.txt")" \
    "200 1 200 0 200 0 "
get '/api/search?q=gold&facets=country'
checks=$((checks + 1))
cmp -s "$WORK/ka.2" "$OUT" || fail "the second answer on a kept connection differs from one alone"
expect_status 200 '/api/search?q=oil' -X GET -d 'x=1'
checks=$((checks + 1))
cmp -s "$WORK/ka.1" "$OUT" || fail "a GET with a body is not answered as one without"

# The page, its script and style; the page may load nothing from elsewhere.
expect_status 200 /
expect_grep '^Content-Type: text/html; charset=utf-8' "$WORK/headers"
expect_grep "^Content-Security-Policy: default-src 'none'; script-src 'self'" "$WORK/headers"
expect_grep '^X-Content-Type-Options: nosniff' "$WORK/headers"
expect_grep '<script src="/app.js"' "$OUT"
expect_no_grep 'https?://' "$OUT"
expect_status 200 /app.js
expect_grep '^Content-Type: text/javascript' "$WORK/headers"
expect_no_grep 'innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(' "$OUT"
expect_status 200 /style.css
expect_grep '^Content-Type: text/css' "$WORK/headers"
expect_status 200 /api
expect_eq "version in /api" "$(jq -r .version "$OUT")" "$("$BRIEF_QUERY" --version | cut -d' ' -f2)"
expect_eq "facets in /api" "$(jq -c .search.facets "$OUT")" \
    '["person","country","about","source","topic","year","month"]'

# --- the access log: one line per request ----------------------------------------
stop_server "$SERVE_PID"
wait "$SERVE_PID" || fail "brief-serve exited $? at SIGTERM"
log_re='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{3}Z 127\.0\.0\.1 [A-Z]+ /[^ ]* [0-9]{3} [0-9]+ [0-9.]+ms$'
# Every request but the 414 (refused by libmicrohttpd before its request
# line was read whole) and the 431 (logged, status "-": not answered by us).
expect_eq "access-log lines" "$(grep -Ec "$log_re" "$SERVE_ERR")" $((requests - 2))
expect_grep '^[0-9TZ:.-]+ 127\.0\.0\.1 GET /api/search\?country=narnia 400 [0-9]+ ' "$SERVE_ERR"
expect_grep '^[0-9TZ:.-]+ 127\.0\.0\.1 DELETE /api/search 405 ' "$SERVE_ERR"
expect_grep '^[0-9TZ:.-]+ 127\.0\.0\.1 HEAD /api/search\?q=oil&facets=person 200 '"$len"' ' "$SERVE_ERR"
expect_grep '^brief-serve: stopped \(SIGTERM\)$' "$SERVE_ERR"

# --- 503 while the index cannot be read, then answers once it can -----------------
start_server -d "$WORK/later.db"
expect_grep "^brief-serve: $WORK/later.db: no index here \(create it with brief-index\); answering 503" "$SERVE_ERR"
expect_error 503 '/api/search?q=oil'
expect_grep '^Retry-After: ' "$WORK/headers"
expect_grep 'the index cannot be read: .*later.db: no index here' "$OUT"
expect_status 200 /    # the page is there all the same
index 0 -d "$WORK/later.db" "$WORK/corpus"
expect_status 200 '/api/search?q=harbour'
expect_eq "total once indexed" "$(jq .total.estimated "$OUT")" 1

# --- SIGTERM: the request in flight is answered, then exit 0 ---------------------
port=${URL##*:}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /api/search?q=harbour HTTP/1.1\r\nHost: test\r\n' >&3
# Until the server has read the request line (nothing left unread on its side).
for i in $(seq 1 100); do
    unread=$(ss -Htn state established "( sport = :$port )" | awk '{print $1}' | head -1)
    [ "${unread:-0}" = 0 ] && break
    sleep 0.05
done
sleep 0.2
kill -TERM "$SERVE_PID"
# Until it has stopped listening (not a fixed while: a loaded machine may
# take longer to act on the signal); the request in flight keeps it there.
for i in $(seq 1 600); do
    ss -Hltn "sport = :$port" | grep -q . || break
    sleep 0.05
done
checks=$((checks + 1))
kill -0 "$SERVE_PID" 2>/dev/null || fail "brief-serve did not wait for the request in flight"
# No new connection is taken meanwhile.
got=0
curl -s -o /dev/null --max-time 5 "$URL/api" || got=$?
checks=$((checks + 1))
[ "$got" = 7 ] || fail "a new connection after SIGTERM: curl exited $got, wanted 7 (refused)"
printf '\r\n' >&3
cat <&3 >"$WORK/inflight"
exec 3<&-
expect_grep $'^HTTP/1.1 200 OK\r$' "$WORK/inflight"
expect_grep '"title":"<script>alert\(1\)</script>"' "$WORK/inflight"
got=0
wait "$SERVE_PID" || got=$?
expect_eq "exit status after SIGTERM" "$got" 0

# --- connections spread evenly over the threads -----------------------------------
# 8 connections opened at once, then a request on each in turn: each of the 2
# threads answers 4 of them (the one with the fewest open takes the next).
# libmicrohttpd's own thread pool gave a burst to the thread that woke first
# (8/0 most times: one core answered all while the other idled). The thread
# that answered a request is the libmicrohttpd thread (named "MHD-...") whose
# write(2) bytes (/proc/PID/task/TID/io, wchar) grew by its access-log line:
# the accepting thread's wake-ups of the others are writes too, not counted.
start_server -d "$WORK/index.db" --threads 2 --access-log "$WORK/spread.log"
python3 - "$SERVE_PID" "$URL" "$WORK/spread.log" >"$OUT" <<'PY' || fail "the spread check failed: $(cat "$OUT")"
import os, re, socket, sys, time
pid, url, log = sys.argv[1:4]
host, port = re.match(r"http://(.*):(\d+)$", url).groups()

def written():   # bytes each libmicrohttpd thread has written with write(2)
    out = {}
    for t in os.listdir("/proc/%s/task" % pid):
        try:
            with open("/proc/%s/task/%s/comm" % (pid, t)) as f:
                if not f.read().startswith("MHD-"):
                    continue
            with open("/proc/%s/task/%s/io" % (pid, t)) as f:
                out[t] = int(re.search(r"wchar: (\d+)", f.read()).group(1))
        except OSError:
            pass
    return out

def log_lines():
    with open(log, "rb") as f:
        return f.read().count(b"\n")

conns = [socket.create_connection((host, int(port))) for _ in range(8)]
who = []
for k, c in enumerate(conns, 1):
    before = written()
    c.sendall(b"GET /api/search?q=oil HTTP/1.1\r\nHost: test\r\n\r\n")
    data = b""
    while b"\r\n\r\n" not in data:
        data += c.recv(65536)
    head, body = data.split(b"\r\n\r\n", 1)
    length = int(re.search(rb"Content-Length: (\d+)", head, re.I).group(1))
    while len(body) < length:
        body += c.recv(65536)
    for _ in range(3000):   # its access-log line, written once it is answered
        if log_lines() >= k:
            break
        time.sleep(0.01)
    grew = {t: n - before.get(t, 0) for t, n in written().items()}
    t = max(grew, key=grew.get)
    who.append(t if grew[t] >= 40 else "?")   # a log line, not a wake-up's 8 bytes
print(" ".join(sorted(str(who.count(t)) for t in set(who))))
PY
expect_eq "requests of 8 connections answered by each of 2 threads" "$(cat "$OUT")" "4 4"
stop_server "$SERVE_PID"

# SIGINT: 130. A port in use: 74; a bad --listen: 2.
start_server -d "$WORK/index.db"
got=0
"$BRIEF_SERVE" -d "$WORK/index.db" --listen "127.0.0.1:${URL##*:}" >"$OUT" 2>"$ERR" || got=$?
expect_eq "exit status on a port in use" "$got" 74
expect_grep "^brief-serve: cannot listen on 127.0.0.1:${URL##*:}: Address already in use$" "$ERR"
kill -INT "$SERVE_PID"
got=0
wait "$SERVE_PID" || got=$?
expect_eq "exit status after SIGINT" "$got" 130
run 2 "$BRIEF_SERVE" --listen 8080
expect_grep "^brief-serve: --listen takes ADDR:PORT" "$ERR"
run 2 "$BRIEF_SERVE" --threads 0
run 2 "$BRIEF_SERVE" extra
run 0 "$BRIEF_SERVE" --version
expect_eq "version" "$(cat "$OUT")" "brief-serve $("$BRIEF_QUERY" --version | cut -d' ' -f2)"
run 0 "$BRIEF_SERVE" --help
expect_grep '^Usage: brief-serve ' "$OUT"
expect_grep '--listen ADDR:PORT' "$OUT"

done_ok
