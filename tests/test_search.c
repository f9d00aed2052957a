/* test_search.c — run a query (query/search.h): totals, paging, sorting by
 * date, facets over the whole match set, display names, snippets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "document.h"
#include "fixture_index.h"
#include "fixture_tmp.h"
#include "query_build.h"
#include "schema.h"
#include "search.h"
#include "values.h"

/* ------------------------------------------------------------------------ */
/* Scaffolding: a small index                                                */
/* ------------------------------------------------------------------------ */

static char tmp_root[64];
static xc_database *db;
static extractor *ex;

#define E(id, name) {(char *)(id), (char *)(name), 1, 1}

static const sample samples[] = {
    {"a", "US warns China over support for Russia",
     "The US has conveyed directly to China that it will face sanctions if it provides "
     "financial assistance to Moscow.",
     "2022-03-14", "CNN",
     {E("jake-sullivan", "Jake Sullivan"), E("yang-jiechi", "Yang Jiechi")}, 2,
     {E("cn", "China"), E("ru", "Russia"), E("us", "United States")}, 3, NULL},
    {"b", "Sullivan meets Quimbleworth in Madrid",
     "Ana Quimbleworth and the national security adviser discussed trade, energy and "
     "sanctions.",
     "2022-03-20", "Reuters",
     {E("ana-quimbleworth", "Ana Quimbleworth"), E("jake-sullivan", "Jake Sullivan")}, 2,
     {E("es", "Spain"), E("us", "United States")}, 2, NULL},
    {"c", "Grain ship leaves Odesa",
     "A grain ship left the port of Odesa under a deal brokered by Turkey.",
     "2022-08-01", "BBC", {{0}}, 0,
     {E("tr", "Turkey"), E("ua", "Ukraine")}, 2, NULL},
    {"d", "Election in Chad",
     "Voters in Chad went to the polls; sanctions were not on the agenda.",
     "2024-05-06", "Reuters", {{0}}, 0,
     {E("td", "Chad"), E("us", "United States")}, 2, NULL},
    {"e", "Procter & Gamble results",
     "Procter & Gamble said <profits> rose \"sharply\" as sanctions on Russia bit; "
     "it's a 5 > 3 story.",
     NULL, NULL, {E("ana-quimbleworth", "Ana Quimbleworth")}, 1, {E("ru", "Russia")}, 1, NULL},
    {"f", "Sanctions on Russia widen",
     "The European Union widened sanctions on Russia, its eleventh package of sanctions.",
     "2023-06-23", "AP", {{0}}, 0,
     {E("ru", "Russia")}, 1, NULL},
    {"g", "Markup in a brief",
     "The zorblax page printed &lt;b&gt; and &amp; as written, entities and all.",
     NULL, NULL, {{0}}, 0, {E("zz", "Zedland")}, 1, NULL},
    {"h", "Laid out by hand",
     "A list,\n  set out\tin   columns:\r\n\n    quillwort  grows\n\n   by the    shore.",
     NULL, NULL, {{0}}, 0, {{0}}, 0, NULL},
};
#define NSAMPLES (sizeof samples / sizeof samples[0])

static int group_setup(void **state)
{
    (void)state;
    if (fixture_tmp_make("test_search", tmp_root, sizeof tmp_root) != 0 ||
        extractor_create(&ex) != 0)
        return -1;
    return fixture_open_index(tmp_root, samples, NSAMPLES, &db);
}

static int group_teardown(void **state)
{
    (void)state;
    xc_database_destroy(db);
    extractor_destroy(ex);
    return fixture_tmp_remove(tmp_root);
}

static xc_query *build(const char *text)
{
    query_request qr = {.text = text};
    query_built qb;
    char err[256];
    if (query_build(db, ex, &qr, &qb, err, sizeof err) != XC_OK)
        fail_msg("query '%s': %s", text, err);
    xc_query *q = qb.query;
    qb.query = NULL;
    query_built_clear(&qb);
    return q;
}

static void run(const char *text, search_request *req, search_result *r)
{
    char err[256];
    xc_query *q = build(text);
    req->query = q;
    xc_status st = search_run(db, ex, req, r, err, sizeof err);
    if (st != XC_OK)
        fail_msg("search '%s': status %d: %s", text, st, err);
    xc_query_destroy(q);
    req->query = NULL;
}

static const char *hit_id(const search_hit *h)
{
    const char *id = json_string_value(json_object_get(h->data, "id"));
    assert_non_null(id);
    return id;
}

/* The hit ids in order, joined by ",". */
static void hit_ids(const search_result *r, char *out, size_t outlen)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < r->nhits; i++)
        used += (size_t)snprintf(out + used, outlen - used, "%s%s", i ? "," : "",
                                 hit_id(&r->hits[i]));
}

/* ------------------------------------------------------------------------ */
/* Totals and paging                                                         */
/* ------------------------------------------------------------------------ */

static void test_total(void **state)
{
    (void)state;
    search_request req = {.limit = 10};
    search_result r;

    run("", &req, &r);
    assert_int_equal(r.total_lower, NSAMPLES);
    assert_int_equal(r.total_upper, NSAMPLES);
    assert_int_equal(r.total_estimated, NSAMPLES);
    assert_int_equal(r.nhits, NSAMPLES);
    search_result_clear(&r);

    /* Exact even when the page holds fewer. */
    req.limit = 1;
    run("sanctions", &req, &r);
    assert_int_equal(r.total_lower, 5);
    assert_int_equal(r.total_upper, 5);
    assert_int_equal(r.total_estimated, 5);
    assert_int_equal(r.nhits, 1);
    search_result_clear(&r);

    req.limit = 10;
    run("zyzzyva", &req, &r);
    assert_int_equal(r.total_upper, 0);
    assert_int_equal(r.total_estimated, 0);
    assert_int_equal(r.nhits, 0);
    search_result_clear(&r);

    /* Each hit carries its document's data. */
    run("id:c", &req, &r);
    assert_int_equal(r.nhits, 1);
    assert_string_equal(hit_id(&r.hits[0]), "c");
    assert_string_equal(json_string_value(json_object_get(r.hits[0].data, "title")),
                        "Grain ship leaves Odesa");
    assert_string_equal(json_string_value(json_object_get(r.hits[0].data, "date")),
                        "2022-08-01");
    assert_int_equal(r.hits[0].rank, 0);
    assert_true(r.hits[0].docid > 0);
    assert_true(r.hits[0].percent > 0 && r.hits[0].percent <= 100);
    /* ... and that data as stored (compact JSON, one line), for the printers. */
    assert_non_null(r.hits[0].data_json);
    char *dumped = json_dumps(r.hits[0].data, JSON_COMPACT);
    assert_string_equal(r.hits[0].data_json, dumped);
    free(dumped);
    search_result_clear(&r);

    search_result_clear(NULL);
}

static void test_paging(void **state)
{
    (void)state;
    search_request req = {.limit = NSAMPLES};
    search_result all;
    run("", &req, &all);
    assert_int_equal(all.nhits, NSAMPLES);

    /* Pages of 4 then 2 give the same hits in the same order. */
    unsigned seen = 0;
    for (unsigned offset = 0; offset < NSAMPLES + 2; offset += 4) {
        search_result page;
        req.offset = offset;
        req.limit = 4;
        run("", &req, &page);
        assert_int_equal(page.total_estimated, NSAMPLES);
        size_t want = offset >= NSAMPLES ? 0 : NSAMPLES - offset < 4 ? NSAMPLES - offset : 4;
        assert_int_equal(page.nhits, want);
        for (size_t i = 0; i < page.nhits; i++) {
            assert_int_equal(page.hits[i].rank, offset + i);
            assert_string_equal(hit_id(&page.hits[i]), hit_id(&all.hits[offset + i]));
            seen++;
        }
        search_result_clear(&page);
    }
    assert_int_equal(seen, NSAMPLES);

    /* Past the end: no hits, the total still counted. */
    search_result past;
    req.offset = 100;
    req.limit = 10;
    run("", &req, &past);
    assert_int_equal(past.nhits, 0);
    assert_int_equal(past.total_estimated, NSAMPLES);
    search_result_clear(&past);

    /* limit 0: no hits, the total still counted. */
    req.offset = 0;
    req.limit = 0;
    run("sanctions", &req, &past);
    assert_int_equal(past.nhits, 0);
    assert_int_equal(past.total_lower, 5);
    assert_int_equal(past.total_upper, 5);
    search_result_clear(&past);

    search_result_clear(&all);
}

/* ------------------------------------------------------------------------ */
/* Sorting                                                                   */
/* ------------------------------------------------------------------------ */

/* Ids of the dated hits, in order (undated ones sort at one end or the other). */
static void dated_ids(const search_result *r, char *out, size_t outlen)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < r->nhits; i++)
        if (json_object_get(r->hits[i].data, "date"))
            used += (size_t)snprintf(out + used, outlen - used, "%s%s", used ? "," : "",
                                     hit_id(&r->hits[i]));
}

static void test_sort_by_date(void **state)
{
    (void)state;
    char ids[64];
    search_request req = {.limit = 10, .sort = SORT_DATE_ASCENDING};
    search_result r;

    run("", &req, &r);
    assert_int_equal(r.nhits, NSAMPLES);
    dated_ids(&r, ids, sizeof ids);
    assert_string_equal(ids, "a,b,c,f,d");
    search_result_clear(&r);

    req.sort = SORT_DATE_DESCENDING;
    run("", &req, &r);
    dated_ids(&r, ids, sizeof ids);
    assert_string_equal(ids, "d,f,c,b,a");
    search_result_clear(&r);

    /* With a query: only its matches, by date. */
    run("sanctions", &req, &r);
    dated_ids(&r, ids, sizeof ids);
    assert_string_equal(ids, "d,f,b,a");
    assert_int_equal(r.total_estimated, 5);
    search_result_clear(&r);

    req.sort = SORT_DATE_ASCENDING;
    run("country:us", &req, &r);
    hit_ids(&r, ids, sizeof ids);
    assert_string_equal(ids, "a,b,d");
    search_result_clear(&r);

    /* Sorted pages follow the sorted order. */
    req.limit = 1;
    req.offset = 1;
    run("country:us", &req, &r);
    assert_int_equal(r.nhits, 1);
    assert_string_equal(hit_id(&r.hits[0]), "b");
    assert_int_equal(r.hits[0].rank, 1);
    search_result_clear(&r);
}

/* ------------------------------------------------------------------------ */
/* Facets                                                                    */
/* ------------------------------------------------------------------------ */

/* Count, by brute force over every hit, the entities in the data's list key
 * (people / countries, by idkey) and compare with the facet counts. */
static void check_facet_counts(const char *text, schema_field_id which)
{
    const char *list = which == FIELD_PERSON ? "people" : "countries";
    const char *idkey = which == FIELD_PERSON ? "id" : "code";

    search_request all_req = {.limit = 100};
    search_result all;
    run(text, &all_req, &all);
    json_t *counts = json_object();
    for (size_t i = 0; i < all.nhits; i++) {
        json_t *items = json_object_get(all.hits[i].data, list);
        for (size_t k = 0; k < json_array_size(items); k++) {
            const char *id = json_string_value(json_object_get(json_array_get(items, k), idkey));
            json_int_t n = json_integer_value(json_object_get(counts, id));
            json_object_set_new(counts, id, json_integer(n + 1));
        }
    }

    /* Facets with a page of one hit still count the whole match set. */
    search_request req = {.limit = 1, .facet_limit = 100};
    req.facets[which] = 1;
    search_result r;
    run(text, &req, &r);
    assert_int_equal(r.total_lower, all.nhits);   /* exact */
    assert_int_equal(r.total_upper, all.nhits);
    const facet_counts *fc = &r.facets[which];
    assert_int_equal(fc->distinct, json_object_size(counts));
    assert_int_equal(fc->n, json_object_size(counts));
    for (size_t i = 0; i < fc->n; i++) {
        json_t *want = json_object_get(counts, fc->values[i].id);
        if (!want)
            fail_msg("'%s': facet value %s counted but no hit has it", text, fc->values[i].id);
        if ((json_int_t)fc->values[i].count != json_integer_value(want))
            fail_msg("'%s': facet %s counted %u, hits have %lld", text, fc->values[i].id,
                     fc->values[i].count, (long long)json_integer_value(want));
        /* In decreasing count. */
        if (i > 0)
            assert_true(fc->values[i - 1].count >= fc->values[i].count);
    }
    /* No other facet was asked for. */
    for (int other = 0; other < SCHEMA_FIELD_COUNT; other++) {
        if (other == (int)which)
            continue;
        assert_int_equal(r.facets[other].n, 0);
        assert_null(r.facets[other].values);
    }

    /* facet_limit 1: the top value, the distinct count of them all. */
    search_result top;
    req.facet_limit = 1;
    run(text, &req, &top);
    if (fc->n > 0) {
        assert_int_equal(top.facets[which].n, 1);
        assert_int_equal(top.facets[which].distinct, fc->distinct);
        assert_int_equal(top.facets[which].values[0].count, fc->values[0].count);
    } else {
        assert_int_equal(top.facets[which].n, 0);
    }
    search_result_clear(&top);

    json_decref(counts);
    search_result_clear(&r);
    search_result_clear(&all);
}

/* Queries of every shape: the first rounds are counted by the matcher, the
 * later ones (once the handle keeps its facet tables) from the terms'
 * posting lists where the shape allows (xe_enquire_count_directly): the
 * same exact totals and counts either way. */
static void test_facet_counts(void **state)
{
    (void)state;
    static const char *const queries[] = {
        "", "sanctions", "country:us", "person:sullivan", "russia OR grain", "zyzzyva",
        "sanctions AND russia", "sanctions NOT russia", "sanctions country:us",
        "title:sanctions OR grain", "\"grain ship\"", "sanction*", "russia OR zyzzyva",
        "date:2022-03-01..2022-12-31", "sanctions -country:ru"};
    for (int round = 0; round < 3; round++) {
        for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
            check_facet_counts(queries[i], FIELD_PERSON);
            check_facet_counts(queries[i], FIELD_COUNTRY);
        }
    }
}

static const facet_value *find_value(const facet_counts *fc, const char *id)
{
    for (size_t i = 0; i < fc->n; i++)
        if (strcmp(fc->values[i].id, id) == 0)
            return &fc->values[i];
    return NULL;
}

static void test_facets_known_values(void **state)
{
    (void)state;
    search_request req = {.limit = 1, .facet_limit = 10};
    req.facets[FIELD_PERSON] = 1;
    req.facets[FIELD_COUNTRY] = 1;
    search_result r;
    run("", &req, &r);

    const facet_value *v = find_value(&r.facets[FIELD_COUNTRY], "ru");
    assert_non_null(v);
    assert_int_equal(v->count, 3);
    /* The top country: Russia and the US both have 3, ties in byte order. */
    assert_int_equal(r.facets[FIELD_COUNTRY].values[0].count, 3);
    assert_int_equal(r.facets[FIELD_COUNTRY].distinct, 8);
    v = find_value(&r.facets[FIELD_COUNTRY], "us");
    assert_non_null(v);
    assert_int_equal(v->count, 3);
    assert_string_equal(v->name, "United States");
    v = find_value(&r.facets[FIELD_COUNTRY], "cn");
    assert_non_null(v);
    assert_int_equal(v->count, 1);
    assert_string_equal(v->name, "China");
    /* A code the gazetteer does not know is shown as it is. */
    v = find_value(&r.facets[FIELD_COUNTRY], "zz");
    assert_non_null(v);
    assert_int_equal(v->count, 1);
    assert_string_equal(v->name, "zz");

    assert_int_equal(r.facets[FIELD_PERSON].distinct, 3);
    v = find_value(&r.facets[FIELD_PERSON], "jake-sullivan");
    assert_non_null(v);
    assert_int_equal(v->count, 2);
    assert_string_equal(v->name, "Jake Sullivan");
    /* Not in the gazetteer: title-cased from the id. */
    v = find_value(&r.facets[FIELD_PERSON], "ana-quimbleworth");
    assert_non_null(v);
    assert_int_equal(v->count, 2);
    assert_string_equal(v->name, "Ana Quimbleworth");
    search_result_clear(&r);
}

/* A search that cannot run: a status and a message, an empty result. */
static void test_error(void **state)
{
    (void)state;
    search_request req = {.query = NULL, .limit = 10};
    search_result r;
    char err[256] = "";
    xc_status st = search_run(db, ex, &req, &r, err, sizeof err);
    assert_int_not_equal(st, XC_OK);
    assert_true(strlen(err) > 0);
    assert_int_equal(r.nhits, 0);
    assert_null(r.hits);
    search_result_clear(&r);
}

/* A search that cannot end within req.timeout fails with XC_TIMED_OUT and
 * says so, leaving nothing; a generous one answers as with none. */
static void test_timeout(void **state)
{
    (void)state;
    search_request req = {.limit = 10, .timeout = 1e-9};
    req.facets[FIELD_PERSON] = 1;
    search_result r;
    char err[256] = "";
    xc_query *q = build("sanctions");
    req.query = q;
    assert_int_equal(search_run(db, ex, &req, &r, err, sizeof err), XC_TIMED_OUT);
    assert_string_equal(err, "no answer within the time limit (0 ms)");
    assert_int_equal(r.nhits, 0);
    search_result_clear(&r);
    search_result none;
    req.timeout = 60;
    run("sanctions", &req, &r);
    req.timeout = 0;
    run("sanctions", &req, &none);
    assert_int_equal(r.nhits, none.nhits);
    assert_true(r.nhits > 0);
    search_result_clear(&r);
    search_result_clear(&none);
    xc_query_destroy(q);
}

static void test_person_display(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"ana-torres", "Ana Torres"},
        {"jean-claude-juncker", "Jean Claude Juncker"},
        {"madonna", "Madonna"},
        {"", ""},
        {"o-neill", "O Neill"},
        {"Already-Upper", "Already Upper"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = values_person_name(cases[i][0]);
        assert_non_null(s);
        assert_string_equal(s, cases[i][1]);
        free(s);
    }
}

/* Names the indexer recorded from the briefs are shown on one line, once
 * each among the nearest values (two ids may carry one name). */
static void test_recorded_names(void **state)
{
    (void)state;
    char path[600];
    snprintf(path, sizeof path, "%s/names", tmp_root);
    xc_database *w = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &w, NULL), XC_OK);
    static const char *const people[][2] = {
        {"orla-quennell", "Orla\n   Quennell"},    /* a name across a line break */
        {"o-quennell", "Orla Quennell"},           /* another id, the same name */
        {"piet-quennell", "Piet Quennell"},
    };
    for (size_t i = 0; i < 3; i++) {
        char key[SCHEMA_MAX_TERM + 1], term[SCHEMA_MAX_TERM + 1];
        schema_term(key, sizeof key, METADATA_PERSON_NAME, people[i][0], 0);
        schema_term(term, sizeof term, PREFIX_PERSON, people[i][0], 0);
        xc_document *doc = NULL;
        assert_int_equal(xc_database_set_metadata(w, key, people[i][1]), XC_OK);
        assert_int_equal(xc_document_create(&doc), XC_OK);
        assert_int_equal(xc_document_add_boolean_term(doc, term), XC_OK);
        assert_int_equal(xc_database_replace_document(w, term, doc, NULL), XC_OK);
        xc_document_destroy(doc);
    }
    assert_int_equal(xc_database_commit(w), XC_OK);

    const schema_field *person = &schema_fields[FIELD_PERSON];
    char *name = values_display(w, ex, person, "orla-quennell");
    assert_non_null(name);
    assert_string_equal(name, "Orla Quennell");
    free(name);
    char near[256];
    assert_int_equal(values_nearest(w, ex, person, "quenell", 3, near, sizeof near),
                     XC_OK);
    assert_string_equal(near, "Orla Quennell, Piet Quennell");
    /* At most max names; none near. */
    assert_int_equal(values_nearest(w, ex, person, "quenell", 1, near, sizeof near),
                     XC_OK);
    assert_string_equal(near, "Orla Quennell");
    assert_int_equal(values_nearest(w, ex, person, "zyzzyva", 3, near, sizeof near),
                     XC_OK);
    assert_string_equal(near, "");
    xc_database_destroy(w);
}

/* ------------------------------------------------------------------------ */
/* Snippets                                                                  */
/* ------------------------------------------------------------------------ */

/* Every highlight in s is a word that starts with stem (any case). Returns
 * how many there are. */
static int check_highlights(const char *s, const char *stem)
{
    int n = 0;
    for (const char *p = strstr(s, SEARCH_HI_START); p; p = strstr(p + 1, SEARCH_HI_START)) {
        const char *end = strstr(p, SEARCH_HI_END);
        assert_non_null(end);
        const char *word = p + strlen(SEARCH_HI_START);
        if (strncasecmp(word, stem, strlen(stem)) != 0)
            fail_msg("highlight '%.*s' is no '%s' in '%s'", (int)(end - word), word, stem, s);
        /* No nested start before the end. */
        const char *next = strstr(word, SEARCH_HI_START);
        assert_true(!next || next > end);
        n++;
    }
    return n;
}

static void test_snippets(void **state)
{
    (void)state;
    search_request req = {.limit = 10, .snippet_length = 200};
    search_result r;
    run("sanctions", &req, &r);
    assert_int_equal(r.nhits, 5);
    for (size_t i = 0; i < r.nhits; i++) {
        const char *s = r.hits[i].snippet;
        assert_non_null(s);
        assert_true(check_highlights(s, "sanction") >= 1);
        /* As many ends as starts. */
        int starts = 0, ends = 0;
        for (const char *p = s; *p; p++) {
            starts += *p == SEARCH_HI_START[0];
            ends += *p == SEARCH_HI_END[0];
        }
        assert_int_equal(starts, ends);
    }
    search_result_clear(&r);

    /* Two words: each highlighted. */
    run("grain odesa", &req, &r);
    assert_int_equal(r.nhits, 1);
    assert_non_null(strstr(r.hits[0].snippet, SEARCH_HI_START "grain" SEARCH_HI_END));
    assert_non_null(strstr(r.hits[0].snippet, SEARCH_HI_START "Odesa" SEARCH_HI_END));
    search_result_clear(&r);

    /* No snippet asked for: none made. */
    req.snippet_length = 0;
    run("sanctions", &req, &r);
    for (size_t i = 0; i < r.nhits; i++)
        assert_null(r.hits[i].snippet);
    search_result_clear(&r);

    /* A short snippet stays short (the "…" marks may add a few bytes). */
    req.snippet_length = 40;
    run("eleventh", &req, &r);
    assert_int_equal(r.nhits, 1);
    assert_non_null(r.hits[0].snippet);
    assert_true(strlen(r.hits[0].snippet) < 40 + 16);
    assert_non_null(strstr(r.hits[0].snippet, SEARCH_HI_START "eleventh" SEARCH_HI_END));
    search_result_clear(&r);
}

/* With data_as_text, hits keep their stored data as text only (as
 * brief-index writes it: compact, on one line), with the same text and the
 * same snippets as when it is parsed; with explain it is parsed. */
static void test_data_as_text(void **state)
{
    (void)state;
    search_request req = {.limit = 10, .snippet_length = 200};
    search_result parsed, as_text;
    run("sanctions OR grain", &req, &parsed);
    req.data_as_text = 1;
    run("sanctions OR grain", &req, &as_text);
    assert_int_equal(as_text.nhits, 6);
    assert_int_equal(as_text.nhits, parsed.nhits);
    for (size_t i = 0; i < as_text.nhits; i++) {
        const search_hit *a = &as_text.hits[i], *p = &parsed.hits[i];
        assert_null(a->data);
        assert_non_null(p->data);
        assert_int_equal(a->docid, p->docid);
        assert_non_null(a->data_json);
        assert_string_equal(a->data_json, p->data_json);
        assert_non_null(a->snippet);
        assert_string_equal(a->snippet, p->snippet);
    }
    search_result_clear(&as_text);
    req.explain = 1;
    run("sanctions OR grain", &req, &as_text);
    for (size_t i = 0; i < as_text.nhits; i++)
        assert_non_null(as_text.hits[i].data);
    search_result_clear(&as_text);
    search_result_clear(&parsed);
}

/* Snippets are plain text: what Xapian escapes for HTML comes back as written. */
static void test_snippet_unescaped(void **state)
{
    (void)state;
    search_request req = {.limit = 10, .snippet_length = 300};
    search_result r;
    run("procter", &req, &r);
    assert_int_equal(r.nhits, 1);
    const char *s = r.hits[0].snippet;
    assert_non_null(s);
    assert_non_null(strstr(s, SEARCH_HI_START "Procter" SEARCH_HI_END " & Gamble"));
    assert_non_null(strstr(s, "<profits>"));
    assert_non_null(strstr(s, "\"sharply\""));
    assert_non_null(strstr(s, "it's"));
    assert_non_null(strstr(s, "5 > 3"));
    assert_null(strstr(s, "&amp;"));
    assert_null(strstr(s, "&lt;"));
    assert_null(strstr(s, "&gt;"));
    assert_null(strstr(s, "&quot;"));
    assert_null(strstr(s, "&#39;"));
    search_result_clear(&r);

    /* Entities the text itself holds stay as written. */
    run("zorblax", &req, &r);
    assert_int_equal(r.nhits, 1);
    s = r.hits[0].snippet;
    assert_non_null(s);
    assert_non_null(strstr(s, SEARCH_HI_START "zorblax" SEARCH_HI_END));
    assert_non_null(strstr(s, "printed &lt;b&gt; and &amp; as written"));
    search_result_clear(&r);
}

/* Snippets read as one line: every run of white space in the text (line
 * breaks, tabs, spaces laid out by hand) is one space. */
static void test_snippet_spaces(void **state)
{
    (void)state;
    search_request req = {.limit = 10, .snippet_length = 300};
    search_result r;
    run("quillwort", &req, &r);
    assert_int_equal(r.nhits, 1);
    const char *s = r.hits[0].snippet;
    assert_non_null(s);
    assert_string_equal(s, "A list, set out in columns: " SEARCH_HI_START "quillwort" SEARCH_HI_END
                           " grows by the shore.");
    search_result_clear(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_total),
        cmocka_unit_test(test_paging),
        cmocka_unit_test(test_sort_by_date),
        cmocka_unit_test(test_facet_counts),
        cmocka_unit_test(test_facets_known_values),
        cmocka_unit_test(test_error),
        cmocka_unit_test(test_timeout),
        cmocka_unit_test(test_person_display),
        cmocka_unit_test(test_recorded_names),
        cmocka_unit_test(test_snippets),
        cmocka_unit_test(test_snippet_unescaped),
        cmocka_unit_test(test_snippet_spaces),
        cmocka_unit_test(test_data_as_text),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
