/* test_api.c — brief-serve's JSON API without HTTP (query/api.h): the search
 * document is print_json's for the same request, parameters are checked,
 * routes answer what they say, an index that is not there yet gives 503 and
 * then answers once it is built, similar briefs leave the brief out. */
#define _XOPEN_SOURCE 700 /* nftw, mkdtemp, open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "api.h"
#include "feedback.h"
#include "fixture_index.h"
#include "params.h"
#include "print.h"
#include "query_build.h"
#include "search.h"

static char tmp_root[] = "/tmp/test_api.XXXXXX";
static char db_path[600], later_path[600];
static const char *paths[1] = {db_path};
static const char *later_paths[1] = {later_path};
static extractor *ex;

#define E(id, name) {(char *)(id), (char *)(name), 1, 1}

static const sample samples[] = {
    {"a", "US warns China over support for Russia",
     "The US has conveyed directly to China that it will face sanctions if it provides "
     "financial assistance to Moscow.",
     "2022-03-14", "CNN",
     {E("jake-sullivan", "Jake Sullivan"), E("yang-jiechi", "Yang Jiechi")}, 2,
     {E("cn", "China"), E("ru", "Russia"), E("us", "United States")}, 3, NULL},
    {"b", "Grain ship leaves Odesa",
     "A grain ship left the port of Odesa under a deal brokered by Turkey.",
     "2022-08-01", "BBC", {{0}}, 0,
     {E("tr", "Turkey"), E("ua", "Ukraine")}, 2, NULL},
    {"c", "Sanctions on Russia widen",
     "The European Union widened sanctions on Russia, its eleventh package of sanctions "
     "on Moscow's banks.",
     "2023-06-23", "AP", {{0}}, 0,
     {E("ru", "Russia")}, 1, NULL},
    {"d", "New sanctions package for Russia's banks",
     "Another package of sanctions hits Russia's banks and Moscow's lenders.",
     "2023-07-01", "Reuters", {{0}}, 0,
     {E("ru", "Russia")}, 1, NULL},
    {"e", "<script>alert(1)</script>",
     "A title of markup, and grain in the body.",
     "2023-08-01", "Testwire", {{0}}, 0, {{0}}, 0, NULL},
};
#define NSAMPLES (sizeof samples / sizeof samples[0])

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int group_setup(void **state)
{
    (void)state;
    if (!mkdtemp(tmp_root) || extractor_create(&ex) != 0)
        return -1;
    snprintf(db_path, sizeof db_path, "%s/db", tmp_root);
    snprintf(later_path, sizeof later_path, "%s/later", tmp_root);
    return fixture_build_index(db_path, samples, NSAMPLES);
}

static int group_teardown(void **state)
{
    (void)state;
    extractor_destroy(ex);
    return nftw(tmp_root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#define P(name, value) {(name), (value), sizeof(value) - 1}

/* api_handle on the fixture index; the caller frees out->body. */
static void ask(const char *path, const api_param *params, size_t n, api_response *out)
{
    api_worker *w = api_worker_create(paths, 1, ex);
    assert_non_null(w);
    api_handle(w, path, params, n, out);
    api_worker_destroy(w);
    assert_non_null(out->body);
    assert_int_equal(out->len, strlen(out->body));
    assert_true(out->len > 0 && out->body[out->len - 1] == '\n');
    assert_null(memchr(out->body, '\n', out->len - 1));   /* one line */
}

/* What brief-query --format json prints for text with req's other fields,
 * compact (as --batch): run through the library directly. */
static char *library_json(const char *text, search_request req, int any, const char *country)
{
    xc_database *db = NULL;
    assert_int_equal(xc_database_open(db_path, &db, NULL), XC_OK);
    query_filter f = {.field = "country", .value = country};
    query_request qr = {.text = text, .any = any, .filters = &f, .nfilters = country ? 1 : 0};
    query_built q;
    search_result r;
    char err[256];
    assert_int_equal(query_build(db, ex, &qr, &q, err, sizeof err), XC_OK);
    req.query = q.query;
    req.nterms = q.nterms;
    req.feedback = q.sentence ? &feedback_defaults : NULL;
    req.data_as_text = 1;
    assert_int_equal(search_run(db, ex, &req, &r, err, sizeof err), XC_OK);
    char *text_out = NULL;
    size_t len = 0;
    FILE *f_out = open_memstream(&text_out, &len);
    print_context pc = {.query_text = text, .suggestion = q.suggestion,
                        .hints = (const char *const *)q.hints, .nhints = q.nhints,
                        .req = &req, .compact = 1};
    print_json(f_out, &pc, &r);
    fclose(f_out);
    search_result_clear(&r);
    query_built_clear(&q);
    xc_database_destroy(db);
    return text_out;
}

static void test_search_is_print_json(void **state)
{
    (void)state;
    api_response out;
    const api_param params[] = {P("q", "sanctions"), P("facets", "person,country"),
                                P("limit", "2"), P("sort", "-date")};
    ask("/api/search", params, 4, &out);
    assert_int_equal(out.status, 200);
    search_request req = {0};
    params_defaults(&req);
    req.limit = 2;
    req.sort = SORT_DATE_DESCENDING;
    req.facets[FIELD_PERSON] = req.facets[FIELD_COUNTRY] = 1;
    char *want = library_json("sanctions", req, 0, NULL);
    assert_string_equal(out.body, want);
    free(want);
    free(out.body);

    /* A filter, --any, and a sentence (feedback) too. */
    const api_param more[] = {P("q", "grain ship sanctions russia banks"), P("any", "1"),
                              P("country", "ru")};
    ask("/api/search", more, 3, &out);
    assert_int_equal(out.status, 200);
    req = (search_request){0};
    params_defaults(&req);
    want = library_json("grain ship sanctions russia banks", req, 1, "ru");
    assert_string_equal(out.body, want);
    free(want);
    free(out.body);
}

static void test_bad_requests(void **state)
{
    (void)state;
    static const struct {
        api_param param;
        const char *message;
    } bad[] = {
        {P("limit", "101"), "limit takes a count up to 100: '101'"},
        {P("offset", "-1"), "offset takes a count up to 10000: '-1'"},
        {P("sort", "up"), "sort takes relevance, date or -date: 'up'"},
        {P("facets", "weather"), "facets takes a list of fields among person, country, about, source, topic, year, month, or all: 'weather'"},
        {P("since", "soon"), "since takes a date such as 2022-03-14: 'soon'"},
        {P("any", "2"), "any takes 0 or 1: '2'"},
        {P("colour", "blue"), "unknown parameter 'colour'"},
        {P("country", "narnia"), "bad query: country: 'narnia' is no country the gazetteer knows"},
        {{"q", "a\0b", 3}, "q is not UTF-8 text"},
        {P("q", "\xff"), "q is not UTF-8 text"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        api_response out;
        ask("/api/search", &bad[i].param, 1, &out);
        assert_int_equal(out.status, 400);
        json_t *j = json_loads(out.body, 0, NULL);
        assert_non_null(j);
        assert_string_equal(json_string_value(json_object_get(j, "error")), bad[i].message);
        json_decref(j);
        free(out.body);
    }
    /* Twice the same parameter; a filter may repeat. */
    api_response out;
    const api_param twice[] = {P("q", "a"), P("q", "b")};
    ask("/api/search", twice, 2, &out);
    assert_int_equal(out.status, 400);
    free(out.body);
    const api_param filters[] = {P("country", "ru"), P("country", "us")};
    ask("/api/search", filters, 2, &out);
    assert_int_equal(out.status, 200);
    assert_non_null(strstr(out.body, "\"total\":{\"estimated\":1,"));   /* a: both */
    free(out.body);
    /* The length of q: up to API_MAX_QUERY bytes. */
    char q[API_MAX_QUERY + 2];
    memset(q, 'a', sizeof q - 1);
    q[sizeof q - 1] = '\0';
    api_param longest = {"q", q, API_MAX_QUERY};
    q[API_MAX_QUERY] = '\0';
    ask("/api/search", &longest, 1, &out);
    assert_int_equal(out.status, 200);
    free(out.body);
    q[API_MAX_QUERY] = 'a';
    longest.len = API_MAX_QUERY + 1;
    ask("/api/search", &longest, 1, &out);
    assert_int_equal(out.status, 400);
    free(out.body);
}

static void test_routes(void **state)
{
    (void)state;
    api_response out;
    ask("/api", NULL, 0, &out);
    assert_int_equal(out.status, 200);
    json_t *j = json_loads(out.body, 0, NULL);
    assert_non_null(j);
    char *facets = json_dumps(json_object_get(json_object_get(j, "search"), "facets"), JSON_COMPACT);
    assert_string_equal(facets, "[\"person\",\"country\",\"about\",\"source\",\"topic\",\"year\",\"month\"]");
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "routes"), "similar")),
                        "/api/similar/{id}");
    free(facets);
    json_decref(j);
    free(out.body);

    ask("/api/brief/e", NULL, 0, &out);
    assert_int_equal(out.status, 200);
    j = json_loads(out.body, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(j, "title")), "<script>alert(1)</script>");
    assert_string_equal(json_string_value(json_object_get(j, "body")),
                        "A title of markup, and grain in the body.");
    json_decref(j);
    free(out.body);

    ask("/api/brief/nobody", NULL, 0, &out);
    assert_int_equal(out.status, 404);
    assert_string_equal(out.body, "{\"error\":\"no brief has id 'nobody'\"}\n");
    free(out.body);
    ask("/api/similar/nobody", NULL, 0, &out);
    assert_int_equal(out.status, 404);
    free(out.body);
    ask("/api/elsewhere", NULL, 0, &out);
    assert_int_equal(out.status, 404);
    free(out.body);
}

static void test_similar(void **state)
{
    (void)state;
    api_response out;
    ask("/api/similar/c", NULL, 0, &out);
    assert_int_equal(out.status, 200);
    json_t *j = json_loads(out.body, 0, NULL), *hits = json_object_get(j, "hits");
    assert_true(json_array_size(hits) > 0);
    /* d shares the most stems with c (sanctions, package, Russia, banks,
     * Moscow); c itself is left out. */
    assert_string_equal(json_string_value(json_object_get(json_array_get(hits, 0), "id")), "d");
    for (size_t i = 0; i < json_array_size(hits); i++)
        assert_string_not_equal(json_string_value(json_object_get(json_array_get(hits, i), "id")),
                                "c");
    json_decref(j);
    free(out.body);
    /* q narrows the set: of those like c, only those with "grain". */
    const api_param grain[] = {P("q", "grain")};
    ask("/api/similar/c", grain, 1, &out);
    assert_int_equal(out.status, 200);
    j = json_loads(out.body, 0, NULL);
    hits = json_object_get(j, "hits");
    for (size_t i = 0; i < json_array_size(hits); i++) {
        const char *id = json_string_value(json_object_get(json_array_get(hits, i), "id"));
        assert_true(strcmp(id, "b") == 0 || strcmp(id, "e") == 0);
    }
    json_decref(j);
    free(out.body);
}

static void test_index_not_there_yet(void **state)
{
    (void)state;
    api_worker *w = api_worker_create(later_paths, 1, ex);
    api_response out;
    const api_param q[] = {P("q", "grain")};
    api_handle(w, "/api/search", q, 1, &out);
    assert_int_equal(out.status, 503);
    assert_true(out.retry_after > 0);
    assert_non_null(strstr(out.body, "no index here"));
    free(out.body);
    /* The same worker answers once the index is there. */
    assert_int_equal(fixture_build_index(later_path, samples, NSAMPLES), 0);
    api_handle(w, "/api/search", q, 1, &out);
    assert_int_equal(out.status, 200);
    assert_non_null(strstr(out.body, "\"total\":{\"estimated\":2,"));
    free(out.body);
    api_worker_destroy(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_search_is_print_json),
        cmocka_unit_test(test_bad_requests),
        cmocka_unit_test(test_routes),
        cmocka_unit_test(test_similar),
        cmocka_unit_test(test_index_not_there_yet),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
