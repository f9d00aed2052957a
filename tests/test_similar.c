/* test_similar.c — briefs like one brief (query/similar.h): the brief left
 * out, a query narrowing and never ranking, dates never ranking, a title's
 * words weighing more, an unknown id. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_index.h"
#include "fixture_tmp.h"
#include "params.h"
#include "query_build.h"
#include "search.h"
#include "similar.h"

/* Six briefs of one text about a harbour strike, dated 0, 3, 40, 400 days
 * after the first, undated and 1 day before it; two about something else.
 * By text the five others tie, and ties come in the order of their ids,
 * whatever their dates. */
static const sample samples[] = {
    {"s0", "Harbour strike", "Dockers at the harbour went on strike over wages.", "2021-01-01",
     "Testwire", {{0}}, 0, {{0}}, 0, NULL},
    {"s1", "Harbour strike", "Dockers at the harbour went on strike over wages.", "2021-01-04",
     "Testwire", {{0}}, 0, {{0}}, 0, NULL},
    {"s2", "Harbour strike", "Dockers at the harbour went on strike over wages.", "2021-02-10",
     "Testwire", {{0}}, 0, {{0}}, 0, NULL},
    {"s3", "Harbour strike", "Dockers at the harbour went on strike over wages.", "2022-02-05",
     "Testwire", {{0}}, 0, {{0}}, 0, NULL},
    {"s4", "Harbour strike", "Dockers at the harbour went on strike over wages.", NULL,
     "Testwire", {{0}}, 0, {{0}}, 0, NULL},
    {"s5", "Harbour strike", "Dockers at the harbour went on strike over wages.", "2020-12-31",
     "Othernews", {{0}}, 0, {{0}}, 0, NULL},
    {"g1", "Grain prices", "Grain prices rose as the harvest was small.", "2021-01-02",
     "Testwire", {{0}}, 0, {{0}}, 0, NULL},
    {"g2", "Grain exports", "Grain exports fell as the harvest was small.", "2021-01-03",
     "Testwire", {{0}}, 0, {{0}}, 0, NULL},
    /* Undated: c1 shares c0's title, c2 its body. */
    {"c0", "Copper smelter", "Miners halted shifts at the nickel pit near the river after rain.",
     NULL, "Testwire", {{0}}, 0, {{0}}, 0, NULL},
    {"c1", "Copper smelter", "Traders waited all day for word from the exchange in London.",
     NULL, "Testwire", {{0}}, 0, {{0}}, 0, NULL},
    {"c2", "Bond auction",
     "Miners halted shifts at the nickel pit near the river after rain. Today.", NULL,
     "Testwire", {{0}}, 0, {{0}}, 0, NULL},
};
#define NSAMPLES (sizeof samples / sizeof samples[0])

static char tmp_root[64];
static xc_database *db;

static int group_setup(void **state)
{
    (void)state;
    if (fixture_tmp_make("test_similar", tmp_root, sizeof tmp_root) != 0)
        return -1;
    return fixture_open_index(tmp_root, samples, NSAMPLES, &db);
}

static int group_teardown(void **state)
{
    (void)state;
    xc_database_destroy(db);
    return fixture_tmp_remove(tmp_root);
}

/* The ids of the briefs like id (narrowed by text), in order, "a,b,…", or
 * the status's name. */
static const char *like(const char *id, const char *text)
{
    static char out[256];
    query_request qreq = {.text = text};
    query_built qb;
    search_request req = {0};
    search_result r = {0};
    similar_search s;
    char err[256];
    params_defaults(&req);
    assert_int_equal(query_build(db, NULL, &qreq, &qb, err, sizeof err), XC_OK);
    xc_status st = similar_search_request(db, id, qb.query, &req, &s, err, sizeof err);
    if (st == XC_OK)
        st = search_run(db, NULL, &req, &r, err, sizeof err);
    out[0] = '\0';
    if (st != XC_OK)
        snprintf(out, sizeof out, "%s", xc_status_to_string(st));
    for (size_t i = 0; st == XC_OK && i < r.nhits; i++) {
        size_t used = strlen(out);
        snprintf(out + used, sizeof out - used, "%s%s", i ? "," : "",
                 json_string_value(json_object_get(r.hits[i].data, "id")));
        assert_int_equal(r.hits[i].rank, i);
    }
    search_result_clear(&r);
    similar_search_clear(&s);
    query_built_clear(&qb);
    return out;
}

static void test_dates_never_rank(void **state)
{
    (void)state;
    /* s0 left out; its twins in id order, s5 (a day before) not first and
     * the undated s4 not last; the grain briefs share no stem with it. */
    assert_string_equal(like("s0", NULL), "s1,s2,s3,s4,s5");
    /* A query narrows (source:testwire leaves s5 out), never reorders. */
    assert_string_equal(like("s0", "source:testwire"), "s1,s2,s3,s4");
    assert_string_equal(like("s0", "grain"), "");
    /* An undated brief: its five twins alike. */
    assert_string_equal(like("s4", NULL), "s0,s1,s2,s3,s5");
}

static void test_title_weighs_more(void **state)
{
    (void)state;
    /* A headline says what a brief is about: c1's two title words shared
     * outweigh c2's eight body words (at a title's weight of 1, c2 first). */
    assert_string_equal(like("c0", NULL), "c1,c2");
}

static void test_unknown_id(void **state)
{
    (void)state;
    assert_string_equal(like("nobody", NULL), xc_status_to_string(XC_NOT_FOUND));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates_never_rank),
        cmocka_unit_test(test_title_weighs_more),
        cmocka_unit_test(test_unknown_id),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
