/* test_facets.c — every field a facet (query/facets.h): the date histograms
 * in date order with empty buckets, the matches with no value, "top N of M",
 * the topic facet, and the significance order, on a made-up index whose
 * answers are known. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facets.h"
#include "fixture_index.h"
#include "fixture_tmp.h"
#include "params.h"
#include "query_build.h"
#include "schema.h"
#include "search.h"

#define NBRIEFS 40
#define E(id, name) {(char *)(id), (char *)(name), 1, 1}

/* Forty briefs, ten about oil (b1..b10) and thirty about grain:
 *   us  in 8 of the 10 oil briefs and 22 of the rest: 30 of 40, everywhere;
 *   sa  in b1..b5 and b11: 5 of the oil ones, 6 in all;
 *   ir  in b6..b8 and b12: 3 of the oil ones, 4 in all;
 *   jp  in b9 and b13: 1 of the oil ones (too few to count as significant);
 *   b10 names no country.
 * Dated 2020-01-15 (b1..b4), 2020-03-02 (b5..b8), 2022-06-01 (b9), b10 none,
 * the rest 2019-05-05. Topic "crude" on b1..b6 (b7..b10 have none). No
 * brief names a person. So, among the oil briefs: by count us, sa, ir, jp;
 * by significance sa, ir, us (jp left out); years 2020: 8, 2021: 0,
 * 2022: 1, and one with none. */
static sample samples[NBRIEFS];
static char ids[NBRIEFS][8], titles[NBRIEFS][32];

static void make_samples(void)
{
    static const entity us = E("us", "United States"), sa = E("sa", "Saudi Arabia"),
                        ir = E("ir", "Iran"), jp = E("jp", "Japan");
    for (int i = 1; i <= NBRIEFS; i++) {
        sample *s = &samples[i - 1];
        snprintf(ids[i - 1], sizeof ids[i - 1], "b%d", i);
        int oil = i <= 10;
        snprintf(titles[i - 1], sizeof titles[i - 1], "%s report %d", oil ? "Oil" : "Grain", i);
        s->id = ids[i - 1];
        s->title = titles[i - 1];
        s->body = oil ? "Oil output and crude prices moved." : "Grain harvests were large.";
        s->source = "Testwire";
        s->date = i <= 4 ? "2020-01-15" : i <= 8 ? "2020-03-02" : i == 9 ? "2022-06-01"
                  : i == 10 ? NULL : "2019-05-05";
        s->topics = i <= 6 ? "Crude" : NULL;
        if ((oil && i <= 8) || (i >= 11 && i <= 32))
            s->countries[s->ncountries++] = us;
        if (i <= 5 || i == 11)
            s->countries[s->ncountries++] = sa;
        if ((i >= 6 && i <= 8) || i == 12)
            s->countries[s->ncountries++] = ir;
        if (i == 9 || i == 13)
            s->countries[s->ncountries++] = jp;
    }
}

static char tmp_root[64];
static xc_database *db;

static int group_setup(void **state)
{
    (void)state;
    make_samples();
    if (fixture_tmp_make("test_facets", tmp_root, sizeof tmp_root) != 0)
        return -1;
    return fixture_open_index(tmp_root, samples, NBRIEFS, &db);
}

static int group_teardown(void **state)
{
    (void)state;
    xc_database_destroy(db);
    return fixture_tmp_remove(tmp_root);
}

/* Run text with facets (params_facets' list) in order into *r. */
static void run(const char *text, const char *facets, search_facet_order order, unsigned limit,
                search_result *r)
{
    query_request req = {.text = text};
    query_built qb;
    char err[256];
    assert_int_equal(query_build(db, NULL, &req, &qb, err, sizeof err), XC_OK);
    search_request sreq = {.query = qb.query, .limit = 10, .facet_limit = limit,
                           .facet_order = order};
    assert_int_equal(params_facets(facets, &sreq), 0);
    assert_int_equal(search_run(db, NULL, &sreq, r, err, sizeof err), XC_OK);
    query_built_clear(&qb);
}

/* "id:count id:count …" of a facet. */
static const char *values(const facet_counts *fc)
{
    static char out[2048];
    out[0] = '\0';
    for (size_t i = 0; i < fc->n; i++) {
        size_t used = strlen(out);
        snprintf(out + used, sizeof out - used, "%s%s:%u", i ? " " : "", fc->values[i].id,
                 fc->values[i].count);
    }
    return out;
}

static void test_count_order_none_and_distinct(void **state)
{
    (void)state;
    search_result r;
    run("oil", "country,topic,person", FACET_ORDER_COUNT, 2, &r);
    assert_int_equal(r.total_estimated, 10);
    const facet_counts *c = &r.facets[FIELD_COUNTRY];
    assert_string_equal(values(c), "us:8 sa:5");   /* the top 2 ... */
    assert_int_equal(c->distinct, 4);               /* ... of 4 */
    assert_int_equal(c->none, 1);                   /* b10 names none */
    assert_false(c->histogram);
    assert_true(c->values[0].score == 0);
    const facet_counts *t = &r.facets[FIELD_TOPIC];
    assert_string_equal(values(t), "crude:6");
    assert_int_equal(t->none, 4);
    /* A facet with no value in any match: nothing, every match with none. */
    const facet_counts *p = &r.facets[FIELD_PERSON];
    assert_int_equal(p->n, 0);
    assert_int_equal(p->distinct, 0);
    assert_int_equal(p->none, 10);
    search_result_clear(&r);
}

/* "Which countries come up unusually often with oil": not the United
 * States, which is in three briefs of four whatever they are about. */
static void test_significance_order(void **state)
{
    (void)state;
    search_result r;
    run("oil", "country", FACET_ORDER_SIGNIFICANCE, 10, &r);
    const facet_counts *c = &r.facets[FIELD_COUNTRY];
    assert_string_equal(values(c), "sa:5 ir:3 us:8");   /* jp: one match, left out */
    assert_int_equal(c->distinct, 4);
    /* JLH: (fg - bg) * fg / bg. */
    assert_true(fabs(c->values[0].score - (0.5 - 0.15) * (0.5 / 0.15)) < 1e-9);
    assert_true(fabs(c->values[1].score - (0.3 - 0.1) * (0.3 / 0.1)) < 1e-9);
    assert_true(fabs(c->values[2].score - (0.8 - 0.75) * (0.8 / 0.75)) < 1e-9);
    search_result_clear(&r);

    /* Over the whole index nothing is more frequent than anywhere else. */
    run("", "country", FACET_ORDER_SIGNIFICANCE, 10, &r);
    assert_int_equal(r.total_estimated, NBRIEFS);
    assert_int_equal(r.facets[FIELD_COUNTRY].n, 0);
    search_result_clear(&r);
}

static void test_significance_score(void **state)
{
    (void)state;
    assert_true(facets_significance(5, 10, 6, 40) > facets_significance(8, 10, 30, 40));
    assert_true(facets_significance(2, 10, 20, 40) == 0);   /* rarer than in the index */
    assert_true(facets_significance(0, 10, 20, 40) == 0);
    assert_true(facets_significance(3, 0, 20, 40) == 0);
    /* A value of the match set is in the index at least as often. */
    assert_true(facets_significance(3, 10, 0, 40) == facets_significance(3, 10, 3, 40));
}

/* Years and months: every bucket of the matches' range in date order, the
 * empty ones as 0, whatever the facet limit; the undated brief as none. */
static void test_histograms(void **state)
{
    (void)state;
    search_result r;
    run("oil", "year,months", FACET_ORDER_SIGNIFICANCE, 1, &r);
    const facet_counts *y = &r.facets[FACET_YEAR];
    assert_true(y->histogram);
    assert_string_equal(values(y), "2020:8 2021:0 2022:1");
    assert_int_equal(y->distinct, 2);
    assert_int_equal(y->none, 1);
    const facet_counts *m = &r.facets[FACET_MONTH];
    assert_int_equal(m->n, 30);   /* 2020-01 .. 2022-06 */
    assert_string_equal(m->values[0].id, "2020-01");
    assert_int_equal(m->values[0].count, 4);
    assert_string_equal(m->values[1].id, "2020-02");
    assert_int_equal(m->values[1].count, 0);
    assert_string_equal(m->values[2].id, "2020-03");
    assert_int_equal(m->values[2].count, 4);
    assert_string_equal(m->values[29].id, "2022-06");
    assert_int_equal(m->values[29].count, 1);
    assert_int_equal(m->distinct, 3);
    search_result_clear(&r);

    /* No dated match: no bucket. */
    run("id:b10", "year", FACET_ORDER_COUNT, 10, &r);
    assert_int_equal(r.facets[FACET_YEAR].n, 0);
    assert_int_equal(r.facets[FACET_YEAR].none, 1);
    search_result_clear(&r);
}

/* "all" names every facet; each counts; the source facet reads its slot. */
static void test_all_facets(void **state)
{
    (void)state;
    search_result r;
    run("grain", "all", FACET_ORDER_COUNT, 10, &r);
    for (int f = 0; f < SEARCH_FACET_COUNT; f++)
        if (search_facet_name(f) && f != FIELD_PERSON && f != FIELD_TOPIC)
            if (r.facets[f].n == 0)
                fail_msg("facet %s counted nothing", search_facet_name(f));
    assert_string_equal(values(&r.facets[FIELD_SOURCE]), "Testwire:30");
    assert_string_equal(values(&r.facets[FACET_YEAR]), "2019:30");
    assert_string_equal(search_facet_name(FACET_MONTH), "month");
    assert_string_equal(search_facet_plural(FIELD_TOPIC), "topics");
    assert_null(search_facet_name(FIELD_BODY));
    search_result_clear(&r);
    search_request req = {0};
    assert_int_equal(params_facets("weather", &req), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_order_none_and_distinct),
        cmocka_unit_test(test_significance_order),
        cmocka_unit_test(test_significance_score),
        cmocka_unit_test(test_histograms),
        cmocka_unit_test(test_all_facets),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
