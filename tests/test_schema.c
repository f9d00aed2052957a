/* test_schema.c — the field table (corpus/schema.h): every row agrees with
 * the rest, and every field does what its row says in the index, the query
 * parser, the filter options, --help and the facets. A row added later is
 * checked by all of these: where a test needs something of each field (an
 * example value), it fails until the new field has it. */
#define _GNU_SOURCE /* open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief_text.h"
#include "document.h"
#include "fixture_index.h"
#include "fixture_tmp.h"
#include "help.h"
#include "query_build.h"
#include "schema.h"
#include "search.h"

/* ------------------------------------------------------------------------ */
/* The table alone                                                           */
/* ------------------------------------------------------------------------ */

static int lower_word(const char *s)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++)
        if (*s < 'a' || *s > 'z')
            return 0;
    return 1;
}

static void test_names(void **state)
{
    (void)state;
    for (size_t i = 0; i < SCHEMA_FIELD_COUNT; i++) {
        const schema_field *f = &schema_fields[i];
        /* A row for every id (a missing one would be all zeros). */
        if (!lower_word(f->name))
            fail_msg("field %zu: its name must be lower-case letters (the parser's fields)", i);
        assert_ptr_equal(schema_field_named(f->name), f);   /* so no other has it */
        assert_non_null(f->help);
        assert_non_null(f->arg);
        if (f->facet) {
            assert_true(lower_word(f->facet));
            /* --facets takes either: neither may name another field. */
            const schema_field *other = schema_field_named(f->facet);
            assert_true(other == NULL || other == f);
            for (size_t j = 0; j < SCHEMA_FIELD_COUNT; j++)
                if (j != i && schema_fields[j].facet)
                    assert_string_not_equal(schema_fields[j].facet, f->facet);
        }
    }
    assert_null(schema_field_named("nonesuch"));
}

/* Every prefix a field writes: its own, and a date's month and year. */
static size_t prefixes_of(const schema_field *f, const char **out)
{
    size_t n = 0;
    out[n++] = f->prefix;
    if (f->terms == SCHEMA_TERMS_DATE) {
        out[n++] = PREFIX_MONTH;
        out[n++] = PREFIX_YEAR;
    }
    return n;
}

/* Two fields with one prefix, or with one prefix starting another, would
 * read each other's terms; Z starts the stems; Xapian's convention is one
 * capital, or X and capitals. */
static void test_prefixes(void **state)
{
    (void)state;
    const char *all[3 * SCHEMA_FIELD_COUNT];
    size_t n = 0;
    for (size_t i = 0; i < SCHEMA_FIELD_COUNT; i++) {
        const schema_field *f = &schema_fields[i];
        assert_non_null(f->prefix);
        if (!f->prefix[0]) {
            /* Only free text goes unprefixed: the default field. */
            assert_int_equal(f->kind, SCHEMA_TEXT);
            assert_true(f->weight > 0);
            continue;
        }
        n += prefixes_of(f, all + n);
    }
    for (size_t i = 0; i < n; i++) {
        const char *p = all[i];
        size_t len = strlen(p);
        for (size_t k = 0; k < len; k++)
            assert_true(p[k] >= 'A' && p[k] <= 'Z');
        assert_true(len == 1 || p[0] == 'X');
        assert_true(p[0] != 'Z');
        for (size_t j = 0; j < n; j++)
            if (j != i && strncmp(all[j], p, len) == 0)
                fail_msg("prefix '%s' starts prefix '%s'", p, all[j]);
    }
}

static void test_slots(void **state)
{
    (void)state;
    for (size_t i = 0; i < SCHEMA_FIELD_COUNT; i++) {
        const schema_field *f = &schema_fields[i];
        if (f->slot == SCHEMA_NO_SLOT) {
            assert_int_equal(f->separator, '\0');
            continue;
        }
        assert_true(f->slot >= 0);
        /* The file stamp's slots are no field's. */
        assert_int_not_equal(f->slot, SLOT_FILE_SIZE);
        assert_int_not_equal(f->slot, SLOT_FILE_MTIME);
        assert_int_not_equal(f->slot, SLOT_CONTENT_HASH);
        for (size_t j = i + 1; j < SCHEMA_FIELD_COUNT; j++)
            if (schema_fields[j].slot == f->slot)
                fail_msg("fields %s and %s share slot %d", f->name, schema_fields[j].name,
                         f->slot);
        /* Several values a slot: only one-term-a-value fields have them. */
        assert_true(f->separator == '\0' || f->separator == SCHEMA_LIST_SEP);
        if (f->separator)
            assert_int_equal(f->terms, SCHEMA_TERMS_EACH);
    }
}

/* What each kind of field may have. */
static void test_kinds(void **state)
{
    (void)state;
    for (size_t i = 0; i < SCHEMA_FIELD_COUNT; i++) {
        const schema_field *f = &schema_fields[i];
        switch (f->kind) {
        case SCHEMA_TEXT:
            assert_int_equal(f->terms, SCHEMA_TERMS_WORDS);
            assert_true(f->prefix[0] || f->weight > 0);   /* written somewhere */
            assert_int_equal(f->slot, SCHEMA_NO_SLOT);
            assert_int_equal(f->resolve, SCHEMA_AS_TYPED);
            assert_false(f->nearest);
            assert_null(f->facet);
            assert_null(f->option);
            break;
        case SCHEMA_BOOLEAN:
        case SCHEMA_INTERNAL:
            assert_int_not_equal(f->terms, SCHEMA_TERMS_WORDS);
            assert_int_equal(f->weight, 0);
            break;
        }
        if (f->kind == SCHEMA_INTERNAL) {
            /* Not offered to users. */
            assert_int_equal(f->resolve, SCHEMA_AS_TYPED);
            assert_false(f->nearest);
            assert_null(f->facet);
            assert_null(f->option);
        }
        /* A date is written and read as one. */
        if (f->terms == SCHEMA_TERMS_DATE || f->resolve == SCHEMA_DATE) {
            assert_int_equal(f->terms, SCHEMA_TERMS_DATE);
            assert_int_equal(f->resolve, SCHEMA_DATE);
            assert_string_equal(f->prefix, PREFIX_DAY);
            assert_int_not_equal(f->slot, SCHEMA_NO_SLOT);
        }
        /* A facet counts a slot's values. */
        if (f->facet) {
            assert_int_equal(f->kind, SCHEMA_BOOLEAN);
            assert_int_not_equal(f->slot, SCHEMA_NO_SLOT);
        }
        /* Names the gazetteers know are ids in lower case. */
        if (schema_field_by_gazetteer(f))
            assert_true(f->lower);
    }
}

static void test_title_outweighs_body(void **state)
{
    (void)state;
    const schema_field *title = schema_field_named("title"), *body = schema_field_named("body");
    assert_ptr_equal(title, &schema_fields[FIELD_TITLE]);
    assert_ptr_equal(body, &schema_fields[FIELD_BODY]);
    assert_true(title->weight > body->weight);
    assert_string_equal(title->prefix, PREFIX_TITLE);
    assert_string_equal(schema_field_named("person")->prefix, PREFIX_PERSON);
    assert_string_equal(schema_field_named("country")->prefix, PREFIX_COUNTRY);
}

/* ------------------------------------------------------------------------ */
/* Terms                                                                     */
/* ------------------------------------------------------------------------ */

static void test_term_short(void **state)
{
    (void)state;
    char t[SCHEMA_MAX_TERM + 1];
    assert_int_equal(schema_term(t, sizeof t, "XC", "US", 1), 4);
    assert_string_equal(t, "XCus");
    schema_term(t, sizeof t, "Q", "CNN-2022", 0);
    assert_string_equal(t, "QCNN-2022");
    /* A field's term: its prefix, its case. */
    schema_field_term(t, sizeof t, &schema_fields[FIELD_SOURCE], "CNN");
    assert_string_equal(t, "XScnn");
    schema_field_term(t, sizeof t, &schema_fields[FIELD_ID], "CNN-2022");
    assert_string_equal(t, "QCNN-2022");
}

static void test_term_long_is_hashed_and_distinct(void **state)
{
    (void)state;
    char a[600], b[600], ta[SCHEMA_MAX_TERM + 1], tb[SCHEMA_MAX_TERM + 1];
    memset(a, 'x', sizeof a - 1);
    a[sizeof a - 1] = '\0';
    memcpy(b, a, sizeof a);
    b[500] = 'y'; /* differs only past the cut */
    size_t la = schema_term(ta, sizeof ta, "XF", a, 0);
    size_t lb = schema_term(tb, sizeof tb, "XF", b, 0);
    assert_true(la <= SCHEMA_MAX_TERM);
    assert_int_equal(la, strlen(ta));
    assert_int_equal(lb, strlen(tb));
    assert_string_not_equal(ta, tb);
    assert_memory_equal(ta, "XFxxx", 5);
    /* The same value gives the same term every time. */
    char again[SCHEMA_MAX_TERM + 1];
    schema_term(again, sizeof again, "XF", a, 0);
    assert_string_equal(ta, again);
}

static void test_term_never_splits_utf8(void **state)
{
    (void)state;
    char v[400] = "";
    while (strlen(v) < 380)
        strcat(v, "\xc3\xa9"); /* é */
    char t[SCHEMA_MAX_TERM + 1];
    schema_term(t, sizeof t, "S", v, 0);
    char *hash = strchr(t, '#');
    assert_non_null(hash);
    /* Everything before the hash is whole two-byte sequences after "S". */
    assert_int_equal((hash - t - 1) % 2, 0);
}

static void test_term_small_buffer(void **state)
{
    (void)state;
    char t[8];
    size_t n = schema_term(t, sizeof t, "XP", "jake-sullivan", 0);
    assert_int_equal(n, strlen(t));
    assert_true(n < sizeof t);
    assert_int_equal(schema_term(t, 0, "XP", "x", 0), 0);
}

/* ------------------------------------------------------------------------ */
/* Every field, written and read                                             */
/* ------------------------------------------------------------------------ */

#define E(id, name) {(char *)(id), (char *)(name), 1, 1}

/* Brief "a" has a value of every field; "b" has others, so that a filter
 * that matched everything would show. */
static const sample samples[] = {
    {"a", "US warns China over support for Russia",
     "The US has conveyed directly to China that it will face sanctions.", "2022-03-14",
     "CNN", {E("jake-sullivan", "Jake Sullivan")}, 1,
     {E("cn", "China"), E("us", "United States")}, 2, "Sanctions, diplomacy"},
    {"b", "Grain ship leaves Odesa", "A grain ship left the port under a deal.",
     "2023-08-01", "BBC", {E("ana-quimbleworth", "Ana Quimbleworth")}, 1,
     {E("ua", "Ukraine")}, 1, "shipping"},
};
#define NSAMPLES (sizeof samples / sizeof samples[0])

/* For every field of the query syntax, a value that finds brief "a" alone:
 * a field added to the schema needs one here. */
static const struct {
    const char *field, *value;
} examples[] = {
    {"title", "warns"}, {"person", "sullivan"}, {"country", "united states"},
    {"about", "china"}, {"date", "2022-03"}, {"source", "cnn"}, {"id", "a"},
    {"topic", "Sanctions"},
};

static const char *example_of(const schema_field *f)
{
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++)
        if (strcmp(examples[i].field, f->name) == 0)
            return examples[i].value;
    fail_msg("field %s: no example value in test_schema.c's examples[]", f->name);
    return NULL;
}

/* A field of the query syntax: a boolean one, or free text under a prefix. */
static int in_query_syntax(const schema_field *f)
{
    return f->kind == SCHEMA_BOOLEAN || (f->kind == SCHEMA_TEXT && f->prefix[0]);
}

static char tmp_root[64];
static xc_database *db;
static extractor *ex;

static int group_setup(void **state)
{
    (void)state;
    if (fixture_tmp_make("test_schema", tmp_root, sizeof tmp_root) != 0 ||
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

static int count_term(void *ctx, const char *term, unsigned wdf)
{
    (void)term;
    (void)wdf;
    (*(size_t *)ctx)++;
    return 0;
}

/* brief-index writes every field: a brief with a value of each has terms
 * under each field's prefix (the body: unprefixed ones) and a value in each
 * field's slot. */
static void test_every_field_written(void **state)
{
    (void)state;
    brief b;
    brief_init(&b);
    const sample *s = &samples[0];
    assert_int_equal(brief_set(&b.title, s->title, strlen(s->title)), 0);
    assert_int_equal(brief_set(&b.body, s->body, strlen(s->body)), 0);
    b.body_len = strlen(b.body);
    assert_int_equal(brief_set(&b.date, s->date, strlen(s->date)), 0);
    assert_int_equal(brief_set(&b.source, s->source, strlen(s->source)), 0);
    assert_int_equal(brief_text_split_topics(&b.topics, s->topics, strlen(s->topics)), 0);
    entity_set e = {(entity *)s->people, s->npeople, (entity *)s->countries, s->ncountries,
                    NULL, 0};
    file_stamp stamp = {"/data/a.txt", 10, 1, 0, "abc"};
    xc_termgen *tg = NULL;
    xc_document *doc = NULL;
    assert_int_equal(xc_termgen_create(SCHEMA_LANGUAGE, &tg), XC_OK);
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(document_build(doc, tg, &b, s->id, &e, &stamp, NULL), XC_OK);

    for (size_t i = 0; i < SCHEMA_FIELD_COUNT; i++) {
        const schema_field *f = &schema_fields[i];
        const char *prefixes[3];
        size_t np = prefixes_of(f, prefixes);
        for (size_t k = 0; k < np; k++) {
            /* The body's words: those of its text in lower case. */
            const char *p = prefixes[k][0] ? prefixes[k] : "conveyed";
            size_t n = 0;
            assert_int_equal(xc_document_termlist(doc, p, count_term, &n), XC_OK);
            if (n == 0)
                fail_msg("field %s: no term under '%s'", f->name, prefixes[k]);
        }
        if (f->slot != SCHEMA_NO_SLOT) {
            const char *v;
            size_t len;
            assert_int_equal(xc_document_get_value(doc, (unsigned)f->slot, &v, &len), XC_OK);
            if (len == 0)
                fail_msg("field %s: nothing in slot %d", f->name, f->slot);
        }
    }
    xc_document_destroy(doc);
    xc_termgen_destroy(tg);
    brief_clear(&b);
}

/* The briefs req finds: their count, exact on this small index. */
static unsigned found(const query_request *req)
{
    query_built qb;
    char err[256];
    xc_status st = query_build(db, ex, req, &qb, err, sizeof err);
    if (st != XC_OK)
        fail_msg("'%s': status %d: %s", req->text ? req->text : "", st, err);
    assert_int_equal(qb.nhints, 0);
    search_request sreq = {.query = qb.query, .limit = 10};
    search_result r;
    assert_int_equal(search_run(db, ex, &sreq, &r, err, sizeof err), XC_OK);
    assert_int_equal(r.total_lower, r.total_upper);
    unsigned n = r.total_lower;
    if (n == 1)
        assert_string_equal(json_string_value(json_object_get(r.hits[0].data, "id")), "a");
    search_result_clear(&r);
    query_built_clear(&qb);
    return n;
}

/* Every field of the query syntax is read by the parser (name:value finds
 * brief "a" alone, and its value is no ranking word); every boolean one is
 * a filter, by name as by option; every other field is none. */
static void test_every_field_parsed(void **state)
{
    (void)state;
    for (size_t i = 0; i < SCHEMA_FIELD_COUNT; i++) {
        const schema_field *f = &schema_fields[i];
        char text[256];
        if (!in_query_syntax(f)) {
            /* Not a field: its name is a word, the filter no field. */
            snprintf(text, sizeof text, "%s:x", f->name);
            query_shape shape;
            query_analyse(text, &shape);
            assert_int_equal(shape.words, 2);
            query_filter qf = {f->name, "x", NULL};
            query_request req = {.filters = &qf, .nfilters = 1};
            query_built qb;
            char err[256];
            assert_int_equal(query_build(db, ex, &req, &qb, err, sizeof err), XC_QUERY_SYNTAX);
            assert_non_null(strstr(err, "no such field"));
            continue;
        }
        const char *value = example_of(f);
        snprintf(text, sizeof text, "%s:\"%s\"", f->name, value);
        query_shape shape;
        query_analyse(text, &shape);
        assert_true(shape.syntax);
        assert_int_equal(shape.words, f->kind == SCHEMA_TEXT ? 1 : 0);
        query_request req = {.text = text};
        if (found(&req) != 1)
            fail_msg("'%s' finds not brief a alone", text);
        assert_int_equal(query_text_needs_aliases(text), schema_field_by_gazetteer(f));
        if (f->kind != SCHEMA_BOOLEAN)
            continue;
        char option[64];
        snprintf(option, sizeof option, "--%s", f->name);
        query_filter qf = {f->name, value, option};
        req = (query_request){.filters = &qf, .nfilters = 1};
        if (found(&req) != 1)
            fail_msg("filter %s '%s' finds not brief a alone", f->name, value);
        assert_int_equal(query_request_needs_aliases(&req), schema_field_by_gazetteer(f));
    }
}

/* Every facet counts its field's values, named; a field without one counts
 * nothing when asked. */
static void test_every_facet(void **state)
{
    (void)state;
    for (size_t i = 0; i < SCHEMA_FIELD_COUNT; i++) {
        const schema_field *f = &schema_fields[i];
        query_request req = {.text = ""};
        query_built qb;
        char err[256];
        assert_int_equal(query_build(db, ex, &req, &qb, err, sizeof err), XC_OK);
        search_request sreq = {.query = qb.query, .limit = 1, .facet_limit = 10};
        sreq.facets[i] = 1;
        assert_int_equal(search_facet_asked(&sreq, (int)i), f->facet != NULL);
        search_result r;
        assert_int_equal(search_run(db, ex, &sreq, &r, err, sizeof err), XC_OK);
        for (size_t k = 0; k < SCHEMA_FIELD_COUNT; k++)
            if (k != i || !f->facet)
                assert_int_equal(r.facets[k].n, 0);
        if (f->facet) {
            if (r.facets[i].n == 0)
                fail_msg("facet %s counted nothing", f->facet);
            for (size_t k = 0; k < r.facets[i].n; k++) {
                assert_true(r.facets[i].values[k].count > 0);
                assert_true(strlen(r.facets[i].values[k].name) > 0);
            }
        }
        search_result_clear(&r);
        query_built_clear(&qb);
    }
}

/* --help lists every field of the query syntax, every field's option and
 * every facet, from the table. */
static void test_help_lists_every_field(void **state)
{
    (void)state;
    char *help = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&help, &len);
    assert_non_null(out);
    help_print(out);
    assert_int_equal(fclose(out), 0);
    /* The --facets entry: up to the next option. */
    const char *facets = strstr(help, "\n      --facets LIST");
    assert_non_null(facets);
    const char *facets_end = strstr(facets + 1, "\n      --");
    assert_non_null(facets_end);
    for (size_t i = 0; i < SCHEMA_FIELD_COUNT; i++) {
        const schema_field *f = &schema_fields[i];
        char line[128];
        snprintf(line, sizeof line, "\n  %s:%s ", f->name, f->arg);
        if ((strstr(help, line) != NULL) != in_query_syntax(f))
            fail_msg("--help: field %s %s", f->name, in_query_syntax(f) ? "missing" : "listed");
        snprintf(line, sizeof line, "\n      --%s %s ", f->name, f->arg);
        if ((strstr(help, line) != NULL) != (f->option != NULL))
            fail_msg("--help: option --%s %s", f->name, f->option ? "missing" : "listed");
        snprintf(line, sizeof line, " %s", f->name);
        const char *named = strstr(facets, line);
        if (f->facet && (!named || named > facets_end))
            fail_msg("--help: --facets does not name %s", f->name);
    }
    free(help);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_prefixes),
        cmocka_unit_test(test_slots),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_title_outweighs_body),
        cmocka_unit_test(test_term_short),
        cmocka_unit_test(test_term_long_is_hashed_and_distinct),
        cmocka_unit_test(test_term_never_splits_utf8),
        cmocka_unit_test(test_term_small_buffer),
        cmocka_unit_test(test_every_field_written),
        cmocka_unit_test(test_every_field_parsed),
        cmocka_unit_test(test_every_facet),
        cmocka_unit_test(test_help_lists_every_field),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
