/* test_query_build.c — the user's query and filters → one Xapian query
 * (query/query_build.h), checked by the briefs each query matches in a small
 * temporary index. */
#define _XOPEN_SOURCE 700 /* nftw, mkdtemp */
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

#include "document.h"
#include "fixture_index.h"
#include "query_build.h"
#include "schema.h"

/* ------------------------------------------------------------------------ */
/* Scaffolding: a five-brief index                                           */
/* ------------------------------------------------------------------------ */

static char tmp_root[] = "/tmp/test_query_build.XXXXXX";
static xc_database *db;   /* read-only, over the index */
static extractor *ex;

/* An id too long for a term as it is: stored under a hashed term. */
#define LONG_ID                                                                \
    "f-long-id-0123456789012345678901234567890123456789012345678901234567890123456789" \
    "0123456789012345678901234567890123456789012345678901234567890123456789012345678" \
    "0123456789012345678901234567890123456789012345678901234567890123456789012345678" \
    "0123456789012345678901234567890123456789"

#define E(id, name) {(char *)(id), (char *)(name), 1, 1}

static const sample samples[] = {
    {"a", "US warns China over support for Russia",
     "The US has conveyed directly to China that it will face sanctions if it provides "
     "financial assistance to Moscow.",
     "2022-03-14", "CNN",
     {E("jake-sullivan", "Jake Sullivan"), E("yang-jiechi", "Yang Jiechi")}, 2,
     {E("cn", "China"), E("ru", "Russia"), E("us", "United States")}, 3},
    {"b", "Sullivan meets Quimbleworth in Madrid",
     "Ana Quimbleworth and the national security adviser discussed trade and energy.",
     "2022-03-20", "Reuters",
     {E("ana-quimbleworth", "Ana Quimbleworth"), E("jake-sullivan", "Jake Sullivan")}, 2,
     {E("es", "Spain"), E("us", "United States")}, 2},
    {"c", "Grain ship leaves Odesa",
     "A grain ship left the port of Odesa under a deal brokered by Turkey.",
     "2022-08-01", "BBC", {{0}}, 0,
     {E("tr", "Turkey"), E("ua", "Ukraine")}, 2},
    {"d", "Election in Chad",
     "Voters in Chad went to the polls; sanctions were not on the agenda.",
     "2024-05-06", "Reuters",
     {E("maeve-sullivan", "Maeve Sullivan"), E("tom-quimbleworth", "Tom Quimbleworth")}, 2,
     {E("td", "Chad")}, 1},
    {"e", "Undated note",
     "Markets weighed financial risk while aid groups asked for assistance.",
     NULL, NULL, {{0}}, 0, {{0}}, 0},
    {LONG_ID, "Wire summary", "Markets closed higher.", NULL, "Associated Press",
     {{0}}, 0, {{0}}, 0},
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
    char path[600];
    snprintf(path, sizeof path, "%s/db", tmp_root);

    if (fixture_build_index(path, samples, NSAMPLES) != 0)
        return -1;
    return xc_database_open(path, &db, NULL) == XC_OK ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    xc_database_destroy(db);
    extractor_destroy(ex);
    return nftw(tmp_root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The ids of the briefs q matches (their first 8 bytes), sorted and joined
 * by ",". */
static void matches(const xc_query *q, char *out, size_t outlen)
{
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xc_enquire_set_query(enq, q, 0), XC_OK);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 100, 100, &m), XC_OK);
    unsigned n = xc_mset_size(m);
    const char *ids[NSAMPLES + 1];
    json_t *datas[NSAMPLES + 1];
    assert_true(n <= NSAMPLES);
    for (unsigned i = 0; i < n; i++) {
        xc_document *doc = NULL;
        const char *d;
        size_t len;
        assert_int_equal(xc_mset_document(m, i, &doc), XC_OK);
        assert_int_equal(xc_document_get_data(doc, &d, &len), XC_OK);
        datas[i] = json_loadb(d, len, 0, NULL);
        assert_non_null(datas[i]);
        ids[i] = json_string_value(json_object_get(datas[i], "id"));
        assert_non_null(ids[i]);
        xc_document_destroy(doc);
    }
    qsort(ids, n, sizeof ids[0], cmp_str);
    size_t used = 0;
    out[0] = '\0';
    for (unsigned i = 0; i < n; i++)
        used += (size_t)snprintf(out + used, outlen - used, "%s%.8s", i ? "," : "", ids[i]);
    for (unsigned i = 0; i < n; i++)
        json_decref(datas[i]);
    xc_mset_destroy(m);
    xc_enquire_destroy(enq);
}

/* Build req, which must succeed, and check the briefs it matches. */
static void check_req(const query_request *req, const char *expected)
{
    query_built qb;
    char err[256];
    char got[256];
    xc_status st = query_build(db, ex, req, &qb, err, sizeof err);
    if (st != XC_OK)
        fail_msg("query '%s': status %d: %s", req->text ? req->text : "(null)", st, err);
    assert_non_null(qb.query);
    matches(qb.query, got, sizeof got);
    if (strcmp(got, expected) != 0)
        fail_msg("query '%s': matched '%s', expected '%s'", req->text ? req->text : "(null)",
                 got, expected);
    query_built_clear(&qb);
}

static void check(const char *text, const char *expected)
{
    query_request req = {.text = text};
    check_req(&req, expected);
}

/* Build req, which must fail with XC_QUERY_SYNTAX and a message that
 * contains needle (when not NULL). */
static void check_syntax_error_saying(const query_request *req, const char *needle)
{
    query_built qb;
    char err[256];
    memset(err, 'x', sizeof err);
    assert_int_equal(query_build(db, ex, req, &qb, err, sizeof err), XC_QUERY_SYNTAX);
    assert_null(qb.query);
    assert_null(qb.suggestion);
    assert_non_null(memchr(err, '\0', sizeof err));
    assert_true(strlen(err) > 0);
    if (needle && !strstr(err, needle))
        fail_msg("query '%s': message '%s' does not say '%s'", req->text ? req->text : "", err,
                 needle);
    query_built_clear(&qb);
}

static void check_syntax_error(const query_request *req)
{
    check_syntax_error_saying(req, NULL);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

/* Every field that resolves aliases is seen, in any case, so that the
 * extractor is there when the parser calls it. */
static void test_needs_aliases(void **state)
{
    (void)state;
    assert_true(query_text_needs_aliases("person:sullivan"));
    assert_true(query_text_needs_aliases("china COUNTRY:us"));
    assert_true(query_text_needs_aliases("About:chile talks"));
    assert_false(query_text_needs_aliases("about chile"));
    assert_false(query_text_needs_aliases("title:sanctions date:2022"));
    assert_false(query_text_needs_aliases(""));
}

static void test_words(void **state)
{
    (void)state;
    /* AND by default: both words must match. */
    check("sanctions china", "a");
    check("sanctions", "a,d");
    check("financial assistance", "a,e");
    check("Sanctions CHINA", "a");
    /* Stemming: "sanction" finds "sanctions". */
    check("sanction", "a,d");
    /* --any ORs them. */
    query_request req = {.text = "sanctions china", .any = 1};
    check_req(&req, "a,d");
    req.text = "grain chad";
    check_req(&req, "c,d");
    /* A word no brief has. */
    check("zyzzyva", "");
}

static void test_operators(void **state)
{
    (void)state;
    check("grain OR chad", "c,d");
    check("sanctions NOT china", "d");
    check("sanctions -china", "d");
    check("(grain OR chad) AND voters", "d");
    check("financ*", "a,e");
    check("NOT sanctions", "b,c,e,f-long-i");
}

static void test_phrases(void **state)
{
    (void)state;
    check("\"financial assistance\"", "a");
    check("\"assistance financial\"", "");
    check("\"grain ship\"", "c");
    check("\"meets quimbleworth\"", "b");
    check("\"ana quimbleworth\"", "b");
    /* No phrase spans the title and the body. */
    check("\"madrid ana\"", "");
}

static void test_title(void **state)
{
    (void)state;
    check("title:sullivan", "b");
    check("title:china", "a");
    check("title:grain", "c");
    /* Body words are not title words. */
    check("title:sanctions", "");
    check("title:voters", "");
}

static void test_person(void **state)
{
    (void)state;
    check("person:\"Jake Sullivan\"", "a,b");
    check("person:jake-sullivan", "a,b");
    /* A bare surname matches everyone who carries it, even though the
     * gazetteer resolves "Sullivan" to Jake Sullivan alone. */
    check("person:sullivan", "a,b,d");
    check("person:Sullivan", "a,b,d");
    check("person:maeve-sullivan", "d");
    /* A surname of someone the gazetteer does not know: the surname scan. */
    check("person:quimbleworth", "b,d");
    check("person:QUIMBLEWORTH", "b,d");
    check("person:quimbleworth election", "d");
    check("person:\"Ana Quimbleworth\"", "b");
    check("person:tom-quimbleworth", "d");
    check("person:yang-jiechi", "a");
    /* A person no brief names. */
    check("person:\"Nobody Atall\"", "");
    /* With words. */
    check("person:sullivan trade", "b");
}

static void test_person_filter(void **state)
{
    (void)state;
    xc_query *q = (xc_query *)1;
    assert_int_equal(query_person_filter(db, ex, "", &q), XC_QUERY_SYNTAX);
    assert_null(q);

    char got[64];
    assert_int_equal(query_person_filter(db, ex, "sullivan", &q), XC_OK);
    matches(q, got, sizeof got);
    assert_string_equal(got, "a,b,d");
    xc_query_destroy(q);
}

static void test_country(void **state)
{
    (void)state;
    static const char *const aliases[] = {
        "country:US", "country:us", "country:u.s.", "country:\"united states\"",
        "country:\"United States\"", "country:american",
    };
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        check(aliases[i], "a,b");
    check("country:china", "a");
    check("country:cn", "a");
    check("country:Turkey", "c");
    check("country:ukraine OR country:chad", "c,d");
    check("country:us sanctions", "a");
    /* A country no brief names. */
    check("country:france", "");

    /* No country at all: a syntax error with a message. */
    query_request req = {.text = "country:narnia"};
    check_syntax_error_saying(&req, "country");
    req.text = "sanctions AND country:narnia";
    check_syntax_error_saying(&req, "country");

    xc_query *q = (xc_query *)1;
    assert_int_equal(query_country_filter(ex, "narnia", &q), XC_QUERY_SYNTAX);
    assert_null(q);
    assert_int_equal(query_country_filter(ex, "u.s.", &q), XC_OK);
    char got[64];
    matches(q, got, sizeof got);
    assert_string_equal(got, "a,b");
    xc_query_destroy(q);
}

static void test_date(void **state)
{
    (void)state;
    check("date:2022", "a,b,c");
    check("date:2024", "d");
    check("date:2022-03", "a,b");
    check("date:2022-08", "c");
    check("date:2022-03-14", "a");
    check("date:2022-03-15", "");
    check("date:2022-03-01..2022-03-31", "a,b");
    check("date:2022-03-15..2022-12-31", "b,c");
    /* Ends are inclusive. */
    check("date:2022-03-14..2022-03-20", "a,b");
    check("date:2022 sanctions", "a");

    /* Other day formats dates.h reads. */
    check("date:\"14 March 2022\"", "a");
    check("date:20220314", "a");
    check("date:2022-03-15..", "b,c,d");
    check("date:..2022-03-20", "a,b");

    query_request req = {.text = "date:someday"};
    check_syntax_error_saying(&req, "date");
}

static void test_source_and_id(void **state)
{
    (void)state;
    check("source:cnn", "a");
    check("source:CNN", "a");
    check("source:reuters", "b,d");
    check("source:Reuters", "b,d");
    check("source:bbc", "c");
    check("source:ap", "");
    check("id:c", "c");
    check("id:e", "e");
    check("id:zz", "");
    check("id:a OR id:d", "a,d");
    check("source:\"Associated Press\"", "f-long-i");
    check("source:\"associated press\"", "f-long-i");
    check("source:associated", "");
    check("id:" LONG_ID, "f-long-i");
}

static void test_filters(void **state)
{
    (void)state;
    const char *sullivan[] = {"sullivan"};
    const char *china[] = {"china"};
    const char *us_and_spain[] = {"u.s.", "Spain"};
    const char *narnia[] = {"narnia"};
    const char *empty[] = {""};

    query_request req = {.text = "", .people = sullivan, .npeople = 1};
    check_req(&req, "a,b,d");
    req.text = "trade";
    check_req(&req, "b");
    req.text = "grain";
    check_req(&req, "");

    const char *quimbleworth[] = {"Quimbleworth"};
    req = (query_request){.text = "", .people = quimbleworth, .npeople = 1};
    check_req(&req, "b,d");
    /* Several people are ANDed. */
    const char *two[] = {"quimbleworth", "Jake Sullivan"};
    req = (query_request){.text = "", .people = two, .npeople = 2};
    check_req(&req, "b");

    req = (query_request){.text = "", .countries = china, .ncountries = 1};
    check_req(&req, "a");
    /* Several values are ANDed. */
    req = (query_request){.text = NULL, .countries = us_and_spain, .ncountries = 2};
    check_req(&req, "b");

    req = (query_request){.text = "", .since = "2022-03-15"};
    check_req(&req, "b,c,d");
    req = (query_request){.text = "", .until = "2022-03-20"};
    check_req(&req, "a,b");
    req = (query_request){.text = "", .since = "2022-03-14", .until = "2022-08-01"};
    check_req(&req, "a,b,c");
    req = (query_request){.text = "sanctions", .since = "2023-01-01"};
    check_req(&req, "d");
    /* Filters combine with each other and with the query. */
    req = (query_request){.text = "sanctions OR trade", .people = sullivan, .npeople = 1,
                          .until = "2022-03-15"};
    check_req(&req, "a");

    req = (query_request){.text = "", .countries = narnia, .ncountries = 1};
    check_syntax_error_saying(&req, "narnia");
    req = (query_request){.text = "", .people = empty, .npeople = 1};
    check_syntax_error_saying(&req, "--person");
}

static void test_empty_text(void **state)
{
    (void)state;
    check("", "a,b,c,d,e,f-long-i");
    check(NULL, "a,b,c,d,e,f-long-i");
    check("   ", "a,b,c,d,e,f-long-i");
}

static void test_syntax_error(void **state)
{
    (void)state;
    query_request req = {.text = "AND OR ("};
    check_syntax_error(&req);
    req.text = "\"sanctions";   /* an unclosed phrase is forgiven by Xapian */
    query_built qb;
    char err[256];
    xc_status st = query_build(db, ex, &req, &qb, err, sizeof err);
    if (st == XC_OK)
        query_built_clear(&qb);
    else
        assert_int_equal(st, XC_QUERY_SYNTAX);
}

static void test_suggestion(void **state)
{
    (void)state;
    query_built qb;
    char err[256];
    query_request req = {.text = "sanctoins"};
    assert_int_equal(query_build(db, ex, &req, &qb, err, sizeof err), XC_OK);
    assert_non_null(qb.suggestion);
    assert_string_equal(qb.suggestion, "sanctions");
    query_built_clear(&qb);
    assert_null(qb.query);
    assert_null(qb.suggestion);

    /* With --any, and with other words the index knows. */
    req.text = "sanctoins china";
    req.any = 1;
    assert_int_equal(query_build(db, ex, &req, &qb, err, sizeof err), XC_OK);
    assert_non_null(qb.suggestion);
    assert_string_equal(qb.suggestion, "sanctions china");
    query_built_clear(&qb);
    req.any = 0;

    /* Known words: no suggestion. */
    req.text = "sanctions china";
    assert_int_equal(query_build(db, ex, &req, &qb, err, sizeof err), XC_OK);
    assert_null(qb.suggestion);
    assert_true(qb.nterms >= 2);
    query_built_clear(&qb);

    query_built_clear(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_needs_aliases),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_phrases),
        cmocka_unit_test(test_title),
        cmocka_unit_test(test_person),
        cmocka_unit_test(test_person_filter),
        cmocka_unit_test(test_country),
        cmocka_unit_test(test_date),
        cmocka_unit_test(test_source_and_id),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_empty_text),
        cmocka_unit_test(test_syntax_error),
        cmocka_unit_test(test_suggestion),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
