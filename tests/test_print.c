/* test_print.c — text, JSON and id output of a search result (query/print.h),
 * on results built by hand. */
#define _XOPEN_SOURCE 700 /* open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"

/* ------------------------------------------------------------------------ */
/* Scaffolding                                                               */
/* ------------------------------------------------------------------------ */

/* What fn printed, malloc'd. */
typedef struct output {
    char *s;
    size_t len;
    FILE *f;
} output;

static void out_open(output *o)
{
    o->s = NULL;
    o->len = 0;
    o->f = open_memstream(&o->s, &o->len);
    assert_non_null(o->f);
}

static char *out_close(output *o)
{
    assert_int_equal(fclose(o->f), 0);
    return o->s;
}

static json_t *hit_data(const char *id, const char *title, const char *date, const char *source)
{
    json_t *d = json_pack("{s:s, s:s}", "id", id, "title", title);
    assert_non_null(d);
    if (date)
        json_object_set_new(d, "date", json_string(date));
    if (source)
        json_object_set_new(d, "source", json_string(source));
    json_object_set_new(d, "people",
                        json_pack("[{s:s, s:s}]", "id", "jake-sullivan", "name", "Jake Sullivan"));
    /* As brief-index stores them: in the order of their codes. */
    json_object_set_new(d, "countries",
                        json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}]", "code", "ae", "name",
                                  "United Arab Emirates", "code", "cn", "name", "China", "code",
                                  "us", "name", "United States"));
    json_object_set_new(d, "body", json_string("The US warned China about sanctions."));
    return d;
}

static char *dup(const char *s)
{
    char *d = strdup(s);
    assert_non_null(d);
    return d;
}

/* A result of two hits (of 7 matches), with both facets. */
static void sample_result(search_result *r)
{
    memset(r, 0, sizeof *r);
    r->total_lower = r->total_estimated = r->total_upper = 7;
    r->nhits = 2;
    r->hits = calloc(2, sizeof *r->hits);
    assert_non_null(r->hits);
    r->hits[0] = (search_hit){.docid = 4, .rank = 0, .percent = 100, .weight = 2.5,
                              .data = hit_data("cnn-rome", "US warns China", "2022-03-14", "CNN"),
                              .snippet = dup("\xe2\x80\xa6 The US warned China about " SEARCH_HI_START
                                             "sanctions" SEARCH_HI_END " and\n"
                                             SEARCH_HI_START "Sanction" SEARCH_HI_END
                                             " talk.")};
    r->hits[1] = (search_hit){.docid = 9, .rank = 1, .percent = 61, .weight = 1.25,
                              .data = hit_data("/data/note.txt", "", NULL, NULL),
                              .snippet = NULL};

    facet_counts *p = &r->facets[FIELD_PERSON];
    p->n = 1;
    p->distinct = 4;
    p->values = calloc(1, sizeof *p->values);
    assert_non_null(p->values);
    p->values[0] = (facet_value){dup("jake-sullivan"), dup("Jake Sullivan"), 5, 0};

    facet_counts *c = &r->facets[FIELD_COUNTRY];
    c->n = 2;
    c->distinct = 2;
    c->values = calloc(2, sizeof *c->values);
    assert_non_null(c->values);
    c->values[0] = (facet_value){dup("us"), dup("United States"), 6, 0};
    c->values[1] = (facet_value){dup("cn"), dup("China"), 3, 0};
}

static search_request both_facets(void)
{
    search_request req = {.offset = 0, .limit = 2, .facet_limit = 10, .snippet_length = 200};
    req.facets[FIELD_PERSON] = 1;
    req.facets[FIELD_COUNTRY] = 1;
    return req;
}

static json_t *parse(const char *s)
{
    json_error_t e;
    json_t *j = json_loads(s, 0, &e);
    if (!j)
        fail_msg("not JSON (%s at %d): %s", e.text, e.position, s);
    return j;
}

static const char *jstr(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* ------------------------------------------------------------------------ */
/* JSON                                                                      */
/* ------------------------------------------------------------------------ */

static void test_json(void **state)
{
    (void)state;
    search_result r;
    sample_result(&r);
    search_request req = both_facets();
    const char *hints[] = {"person: 'sulivan' is in no brief; nearest: Jake Sullivan",
                           "source: 'cnm' is in no brief; nearest: cnn"};
    print_context ctx = {.query_text = "sanctions china", .suggestion = "sanctions chinas",
                         .hints = hints, .nhints = 2, .req = &req};
    output o;
    out_open(&o);
    print_json(o.f, &ctx, &r);
    char *s = out_close(&o);
    assert_int_equal(s[strlen(s) - 1], '\n');
    json_t *j = parse(s);

    assert_string_equal(jstr(j, "query"), "sanctions china");
    assert_string_equal(jstr(j, "suggestion"), "sanctions chinas");
    json_t *jhints = json_object_get(j, "hints");
    assert_int_equal(json_array_size(jhints), 2);
    assert_string_equal(json_string_value(json_array_get(jhints, 0)), hints[0]);
    assert_string_equal(json_string_value(json_array_get(jhints, 1)), hints[1]);
    json_t *total = json_object_get(j, "total");
    assert_true(json_is_object(total));
    assert_int_equal(json_integer_value(json_object_get(total, "estimated")), 7);
    assert_int_equal(json_integer_value(json_object_get(total, "lower")), 7);
    assert_int_equal(json_integer_value(json_object_get(total, "upper")), 7);
    assert_true(json_is_true(json_object_get(total, "exact")));
    assert_int_equal(json_integer_value(json_object_get(j, "offset")), 0);
    assert_int_equal(json_integer_value(json_object_get(j, "limit")), 2);

    json_t *hits = json_object_get(j, "hits");
    assert_true(json_is_array(hits));
    assert_int_equal(json_array_size(hits), 2);
    json_t *h = json_array_get(hits, 0);
    /* Every stored field, and the hit's own. */
    assert_string_equal(jstr(h, "id"), "cnn-rome");
    assert_string_equal(jstr(h, "title"), "US warns China");
    assert_string_equal(jstr(h, "date"), "2022-03-14");
    assert_string_equal(jstr(h, "source"), "CNN");
    assert_string_equal(jstr(h, "body"), "The US warned China about sanctions.");
    assert_int_equal(json_array_size(json_object_get(h, "people")), 1);
    assert_int_equal(json_array_size(json_object_get(h, "countries")), 3);
    assert_int_equal(json_integer_value(json_object_get(h, "rank")), 1);
    assert_int_equal(json_integer_value(json_object_get(h, "percent")), 100);
    assert_int_equal(json_integer_value(json_object_get(h, "docid")), 4);
    assert_true(json_is_number(json_object_get(h, "weight")));

    /* The snippet without markers; highlights as byte ranges into it. */
    const char *snippet = jstr(h, "snippet");
    /* Byte ranges: the "…" before them counts its 3 bytes. */
    assert_string_equal(snippet,
                        "\xe2\x80\xa6 The US warned China about sanctions and\nSanction talk.");
    assert_null(strchr(snippet, SEARCH_HI_START[0]));
    assert_null(strchr(snippet, SEARCH_HI_END[0]));
    json_t *hl = json_object_get(h, "highlights");
    assert_true(json_is_array(hl));
    assert_int_equal(json_array_size(hl), 2);
    static const char *const words[] = {"sanctions", "Sanction"};
    for (size_t i = 0; i < 2; i++) {
        json_t *range = json_array_get(hl, i);
        assert_int_equal(json_array_size(range), 2);
        json_int_t a = json_integer_value(json_array_get(range, 0));
        json_int_t b = json_integer_value(json_array_get(range, 1));
        assert_true(a >= 0 && a < b && (size_t)b <= strlen(snippet));
        assert_int_equal((size_t)(b - a), strlen(words[i]));
        assert_memory_equal(snippet + a, words[i], (size_t)(b - a));
    }

    /* The second hit: no snippet, no highlights; rank from 1. */
    h = json_array_get(hits, 1);
    assert_string_equal(jstr(h, "id"), "/data/note.txt");
    assert_int_equal(json_integer_value(json_object_get(h, "rank")), 2);
    assert_null(json_object_get(h, "snippet"));
    assert_null(json_object_get(h, "highlights"));
    assert_null(json_object_get(h, "date"));

    json_t *facets = json_object_get(j, "facets");
    assert_true(json_is_object(facets));
    json_t *country = json_object_get(facets, "country");
    assert_int_equal(json_integer_value(json_object_get(country, "distinct")), 2);
    assert_int_equal(json_integer_value(json_object_get(country, "none")), 0);
    assert_string_equal(jstr(country, "order"), "count");
    assert_null(json_object_get(json_array_get(json_object_get(country, "values"), 0), "score"));
    json_t *values = json_object_get(country, "values");
    assert_int_equal(json_array_size(values), 2);
    assert_string_equal(jstr(json_array_get(values, 0), "id"), "us");
    assert_string_equal(jstr(json_array_get(values, 0), "name"), "United States");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(values, 0), "count")), 6);
    assert_string_equal(jstr(json_array_get(values, 1), "id"), "cn");
    json_t *person = json_object_get(facets, "person");
    assert_int_equal(json_integer_value(json_object_get(person, "distinct")), 4);
    values = json_object_get(person, "values");
    assert_int_equal(json_array_size(values), 1);
    assert_string_equal(jstr(json_array_get(values, 0), "id"), "jake-sullivan");
    assert_string_equal(jstr(json_array_get(values, 0), "name"), "Jake Sullivan");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(values, 0), "count")), 5);

    json_decref(j);
    free(s);
    search_result_clear(&r);
}

static void test_json_no_suggestion_no_facets(void **state)
{
    (void)state;
    search_result r;
    sample_result(&r);
    r.total_lower = 5;
    r.total_upper = 9;
    search_request req = {.offset = 10, .limit = 2};
    print_context ctx = {.query_text = NULL, .req = &req, .compact = 1};
    output o;
    out_open(&o);
    print_json(o.f, &ctx, &r);
    char *s = out_close(&o);
    /* Compact: one line. */
    assert_ptr_equal(strchr(s, '\n'), s + strlen(s) - 1);
    json_t *j = parse(s);
    assert_string_equal(jstr(j, "query"), "");
    assert_true(json_is_null(json_object_get(j, "suggestion")));
    /* No hint: an empty array, always there. */
    assert_true(json_is_array(json_object_get(j, "hints")));
    assert_int_equal(json_array_size(json_object_get(j, "hints")), 0);
    assert_true(json_is_false(json_object_get(json_object_get(j, "total"), "exact")));
    assert_int_equal(json_integer_value(json_object_get(j, "offset")), 10);
    json_t *facets = json_object_get(j, "facets");
    assert_true(json_is_object(facets));
    assert_int_equal(json_object_size(facets), 0);
    json_decref(j);
    free(s);
    search_result_clear(&r);
}

static void test_json_empty(void **state)
{
    (void)state;
    search_result r;
    memset(&r, 0, sizeof r);
    search_request req = both_facets();
    print_context ctx = {.query_text = "zyzzyva", .req = &req};
    output o;
    out_open(&o);
    print_json(o.f, &ctx, &r);
    char *s = out_close(&o);
    json_t *j = parse(s);
    assert_int_equal(json_array_size(json_object_get(j, "hits")), 0);
    assert_true(json_is_array(json_object_get(j, "hits")));
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "total"), "estimated")),
                     0);
    json_t *country = json_object_get(json_object_get(j, "facets"), "country");
    assert_int_equal(json_array_size(json_object_get(country, "values")), 0);
    json_decref(j);
    free(s);
}

/* ------------------------------------------------------------------------ */
/* Text                                                                      */
/* ------------------------------------------------------------------------ */

static void test_text_plain(void **state)
{
    (void)state;
    search_result r;
    sample_result(&r);
    search_request req = both_facets();
    const char *hints[] = {"person: 'sulivan' is in no brief; nearest: Jake Sullivan"};
    print_context ctx = {.query_text = "sanctions", .suggestion = "sanctions chinas",
                         .hints = hints, .nhints = 1, .req = &req};
    output o;
    out_open(&o);
    print_text(o.f, &ctx, &r);
    char *s = out_close(&o);
    /* The hint first, on a line of its own. */
    assert_memory_equal(s, "person: 'sulivan' is in no brief; nearest: Jake Sullivan\n",
                        strlen(hints[0]) + 1);

    assert_null(strchr(s, '\033'));
    assert_null(strchr(s, SEARCH_HI_START[0]));
    assert_null(strchr(s, SEARCH_HI_END[0]));
    assert_non_null(strstr(s, "Did you mean: sanctions chinas"));
    assert_non_null(strstr(s, "7 briefs match"));
    assert_non_null(strstr(s, "US warns China"));
    assert_non_null(strstr(s, "2022-03-14"));
    assert_non_null(strstr(s, "CNN"));
    assert_non_null(strstr(s, "cnn-rome"));
    assert_non_null(strstr(s, "100%"));
    assert_non_null(strstr(s, "Jake Sullivan"));
    assert_non_null(strstr(s, "United States"));
    /* Countries by name, not in the order of their codes (ae, cn, us). */
    assert_non_null(strstr(s, "    Countries: China, United Arab Emirates, United States\n"));
    /* The snippet's words without markers, on one line. */
    assert_non_null(strstr(s, "about sanctions and Sanction talk."));
    /* The untitled, undated hit. */
    assert_non_null(strstr(s, "(untitled)"));
    assert_non_null(strstr(s, "(no date)"));
    assert_non_null(strstr(s, "/data/note.txt"));
    /* Facets. */
    /* Ranked order. */
    assert_true(strstr(s, "cnn-rome") < strstr(s, "/data/note.txt"));
    const char *facet = strstr(s, "Countries (2 distinct in 7 matching briefs)");
    assert_non_null(facet);
    /* One of four shown: "top 1 of 4". */
    assert_non_null(strstr(s, "People (top 1 of 4 in 7 matching briefs)"));
    assert_non_null(strstr(facet, "United States"));
    assert_true(strstr(facet, "United States") < strstr(facet, "China"));
    free(s);
    search_result_clear(&r);
}

static void test_text_color(void **state)
{
    (void)state;
    search_result r;
    sample_result(&r);
    search_request req = both_facets();
    print_context ctx = {.query_text = "sanctions", .req = &req, .color = 1};
    output o;
    out_open(&o);
    print_text(o.f, &ctx, &r);
    char *s = out_close(&o);
    assert_non_null(strstr(s, "\033[1m"));
    assert_non_null(strstr(s, "\033[1msanctions\033[0m"));
    assert_null(strchr(s, SEARCH_HI_START[0]));
    assert_null(strchr(s, SEARCH_HI_END[0]));
    assert_null(strstr(s, "Did you mean"));
    free(s);
    search_result_clear(&r);
}

static void test_text_no_match(void **state)
{
    (void)state;
    search_result r;
    memset(&r, 0, sizeof r);
    search_request req = {.limit = 10};
    print_context ctx = {.query_text = "zyzzyva", .req = &req};
    output o;
    out_open(&o);
    print_text(o.f, &ctx, &r);
    char *s = out_close(&o);
    assert_non_null(strstr(s, "No brief matches."));
    free(s);
}

static void test_text_one_match(void **state)
{
    (void)state;
    search_result r;
    sample_result(&r);
    r.total_lower = r.total_estimated = r.total_upper = 1;
    r.nhits = 1;
    search_request req = {.limit = 10};
    print_context ctx = {.query_text = "x", .req = &req};
    output o;
    out_open(&o);
    print_text(o.f, &ctx, &r);
    char *s = out_close(&o);
    assert_non_null(strstr(s, "1 brief matches"));
    assert_null(strstr(s, "No brief matches."));
    /* No facet asked for: none printed. */
    assert_null(strstr(s, "Countries ("));
    free(s);

    /* Facets of one brief: in one matching brief, not "briefs". */
    search_request faceted = both_facets();
    ctx.req = &faceted;
    out_open(&o);
    print_text(o.f, &ctx, &r);
    s = out_close(&o);
    assert_non_null(strstr(s, "Countries (2 distinct in 1 matching brief):\n"));
    assert_non_null(strstr(s, "People (top 1 of 4 in 1 matching brief):\n"));
    /* Matches with no value, and the significance order, are said. */
    r.facets[FIELD_COUNTRY].none = 2;
    faceted.facet_order = FACET_ORDER_SIGNIFICANCE;
    out_open(&o);
    print_text(o.f, &ctx, &r);
    free(s);
    s = out_close(&o);
    assert_non_null(strstr(s, "Countries (2 distinct in 1 matching brief; 2 with none; "
                              "by significance):\n"));
    r.facets[FIELD_COUNTRY].none = 0;
    free(s);
    ctx.req = &req;

    /* An estimate, and a page further on. */
    r.total_lower = 50;
    r.total_estimated = 60;
    r.total_upper = 70;
    r.nhits = 2;
    req.offset = 10;
    out_open(&o);
    print_text(o.f, &ctx, &r);
    s = out_close(&o);
    assert_non_null(strstr(s, "about 60 briefs match"));
    assert_non_null(strstr(s, "11-12"));
    free(s);
    search_result_clear(&r);
}

/* ------------------------------------------------------------------------ */
/* Ids                                                                       */
/* ------------------------------------------------------------------------ */

static void test_ids(void **state)
{
    (void)state;
    search_result r;
    sample_result(&r);
    output o;
    out_open(&o);
    print_ids(o.f, &r);
    char *s = out_close(&o);
    assert_string_equal(s, "cnn-rome\n/data/note.txt\n");
    free(s);
    search_result_clear(&r);

    memset(&r, 0, sizeof r);
    out_open(&o);
    print_ids(o.f, &r);
    s = out_close(&o);
    assert_string_equal(s, "");
    free(s);
}

/* print_* write to any stream, a tmpfile as well. */
static void test_tmpfile(void **state)
{
    (void)state;
    search_result r;
    sample_result(&r);
    search_request req = both_facets();
    print_context ctx = {.query_text = "sanctions", .req = &req};
    FILE *f = tmpfile();
    assert_non_null(f);
    print_json(f, &ctx, &r);
    rewind(f);
    json_error_t e;
    json_t *j = json_loadf(f, 0, &e);
    assert_non_null(j);
    assert_int_equal(json_array_size(json_object_get(j, "hits")), 2);
    json_decref(j);
    fclose(f);
    search_result_clear(&r);
}

/* What print_json prints for r under ctx, malloc'd. */
static char *json_text(const print_context *ctx, const search_result *r)
{
    output o;
    out_open(&o);
    print_json(o.f, ctx, r);
    return out_close(&o);
}

/* On one line, a hit's stored data text (data_json) is printed as stored and
 * extended: the same bytes as dumping the parsed data, suggestion, explain
 * and facets included; data that holds a field print_json adds is dumped. */
static void test_json_compact_stored_data(void **state)
{
    (void)state;
    search_result r;
    sample_result(&r);
    search_request req = both_facets();
    req.explain = 1;
    r.hits[0].terms = calloc(1, sizeof *r.hits[0].terms);
    assert_non_null(r.hits[0].terms);
    r.hits[0].terms[0] = (search_term_weight){dup("Zsanction"), 1.5};
    r.hits[0].nterms = 1;
    print_context ctx = {.query_text = "sanctions \"china\"", .suggestion = "sanctions chinas",
                         .req = &req, .compact = 1};
    char *dumped = json_text(&ctx, &r);

    for (size_t i = 0; i < r.nhits; i++)
        r.hits[i].data_json = json_dumps(r.hits[i].data, JSON_COMPACT);
    char *spliced = json_text(&ctx, &r);
    assert_string_equal(spliced, dumped);
    free(spliced);

    /* An empty stored object. */
    json_decref(r.hits[1].data);
    r.hits[1].data = json_object();
    free(r.hits[1].data_json);
    r.hits[1].data_json = NULL;
    free(dumped);
    dumped = json_text(&ctx, &r);
    r.hits[1].data_json = dup("{}");
    spliced = json_text(&ctx, &r);
    assert_string_equal(spliced, dumped);
    free(spliced);

    /* Stored data with a field of ours: ours replaces it, as before. */
    json_object_set_new(r.hits[1].data, "rank", json_string("stored"));
    free(r.hits[1].data_json);
    r.hits[1].data_json = dup("{\"rank\":\"stored\"}");
    spliced = json_text(&ctx, &r);
    json_t *j = parse(spliced);
    json_t *hit = json_array_get(json_object_get(j, "hits"), 1);
    assert_int_equal(json_integer_value(json_object_get(hit, "rank")), 2);
    assert_int_equal(json_object_size(hit), 5);   /* rank, percent, weight, docid, explain */
    json_decref(j);
    free(spliced);
    free(dumped);
    search_result_clear(&r);
}

/* On one line without explain, our fields are written without jansson:
 * the same bytes as jansson dumps, whatever the weight (tiny, huge, whole)
 * and whatever the snippet holds (quotes, backslashes, controls, UTF-8). */
static void test_json_compact_fields(void **state)
{
    (void)state;
    static const double weights[] = {2.5, 0.1, 16.598659783362717, 1e-7, 123456789012.0,
                                     1e22, 3.0, 0.0, 1.0 / 3.0, 2.5e-300};
    static const char *const snippets[] = {
        "plain",
        "\xe2\x80\xa6 say \"" SEARCH_HI_START "sanctions" SEARCH_HI_END "\" \\ now\t\n\r\b\f\x03\x1f",
        SEARCH_HI_START "caf\xc3\xa9" SEARCH_HI_END " / \x7f " SEARCH_HI_START "x" SEARCH_HI_END,
        "",
    };
    for (size_t w = 0; w < sizeof weights / sizeof weights[0]; w++) {
        search_result r;
        sample_result(&r);
        search_request req = both_facets();
        print_context ctx = {.query_text = "q", .req = &req, .compact = 1};
        r.hits[0].weight = weights[w];
        r.hits[1].weight = weights[(w + 1) % (sizeof weights / sizeof weights[0])];
        free(r.hits[0].snippet);
        r.hits[0].snippet = dup(snippets[w % (sizeof snippets / sizeof snippets[0])]);
        char *dumped = json_text(&ctx, &r);   /* no data_json: jansson dumps all */
        for (size_t i = 0; i < r.nhits; i++)
            r.hits[i].data_json = json_dumps(r.hits[i].data, JSON_COMPACT);
        char *written = json_text(&ctx, &r);
        assert_string_equal(written, dumped);
        free(written);
        free(dumped);
        search_result_clear(&r);
    }
}

/* Every printer's output, one after the other, for r under ctx (malloc'd). */
static char *all_printers(print_context *ctx, const search_result *r)
{
    output o;
    out_open(&o);
    for (int compact = 0; compact <= 1; compact++) {
        ctx->compact = compact;
        print_json(o.f, ctx, r);
    }
    print_text(o.f, ctx, r);
    print_ids(o.f, r);
    return out_close(&o);
}

/* Hits whose stored data search_run kept as text only (data NULL,
 * req->data_as_text) print as the same hits parsed, in every format, also
 * when another hit's data has no text (so JSON is dumped, not spliced). */
static void test_data_as_text(void **state)
{
    (void)state;
    search_result r;
    sample_result(&r);
    search_request req = both_facets();
    print_context ctx = {.query_text = "sanctions", .req = &req};
    for (size_t i = 0; i < r.nhits; i++)
        r.hits[i].data_json = json_dumps(r.hits[i].data, JSON_COMPACT);
    char *parsed = all_printers(&ctx, &r);

    json_decref(r.hits[0].data);
    r.hits[0].data = NULL;
    char *as_text = all_printers(&ctx, &r);
    assert_string_equal(as_text, parsed);
    free(as_text);
    free(parsed);

    free(r.hits[1].data_json);
    r.hits[1].data_json = NULL;
    as_text = all_printers(&ctx, &r);
    assert_non_null(strstr(as_text, "\"title\":\"US warns China\""));
    r.hits[0].data = parse(r.hits[0].data_json);
    parsed = all_printers(&ctx, &r);
    assert_string_equal(as_text, parsed);
    free(as_text);
    free(parsed);
    search_result_clear(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_json_no_suggestion_no_facets),
        cmocka_unit_test(test_json_empty),
        cmocka_unit_test(test_json_compact_stored_data),
        cmocka_unit_test(test_data_as_text),
        cmocka_unit_test(test_json_compact_fields),
        cmocka_unit_test(test_text_plain),
        cmocka_unit_test(test_text_color),
        cmocka_unit_test(test_text_no_match),
        cmocka_unit_test(test_text_one_match),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_tmpfile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
