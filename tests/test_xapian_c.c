/* test_xapian_c.c — unit tests of the C API over libxapian (xapian-c.h).
 *
 * Every function of the header is called at least once, error paths
 * included.  Each test builds what it needs under one temporary directory
 * (fixture_tmp.h), removed by the group teardown.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture_tmp.h"
#include "xapian-c.h"

/* ------------------------------------------------------------------------ */
/* Scaffolding                                                               */
/* ------------------------------------------------------------------------ */

static char tmp_root[64];

/* path = tmp_root/name */
#define TMP_PATH(var, name)                                                    \
    char var[512];                                                             \
    snprintf(var, sizeof var, "%s/%s", tmp_root, (name))

static int group_setup(void **state)
{
    (void)state;
    return fixture_tmp_make("test_xapian_c", tmp_root, sizeof tmp_root);
}

static int group_teardown(void **state)
{
    (void)state;
    return fixture_tmp_remove(tmp_root);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* Callbacks collect into a space-separated string; limit > 0 stops early. */
struct collector {
    char s[4096];
    int calls;
    int limit;
};

static void collect(struct collector *c, const char *word)
{
    size_t used = strlen(c->s);
    snprintf(c->s + used, sizeof c->s - used, "%s%s", used ? " " : "", word);
    c->calls++;
}

static int collect_term(void *ctx, const char *term)
{
    struct collector *c = ctx;
    collect(c, term);
    return c->limit && c->calls >= c->limit;
}

static int collect_docid(void *ctx, unsigned docid)
{
    struct collector *c = ctx;
    char buf[16];
    snprintf(buf, sizeof buf, "%u", docid);
    collect(c, buf);
    return c->limit && c->calls >= c->limit;
}

static int collect_term_wdf(void *ctx, const char *term, unsigned wdf)
{
    struct collector *c = ctx;
    char buf[256];
    snprintf(buf, sizeof buf, "%s:%u", term, wdf);
    collect(c, buf);
    return c->limit && c->calls >= c->limit;
}

static xc_document *doc_with_id(const char *id);

/* ------------------------------------------------------------------------ */
/* Fixture: five briefs                                                      */
/* ------------------------------------------------------------------------ */

enum { SLOT_DATE = 0, SLOT_PEOPLE = 1, SLOT_NUMBER = 2, SLOT_SOURCE = 3 };

struct brief {
    const char *id, *title, *body, *people, *countries, *date, *source;
    double number;
};

static const struct brief briefs[] = {
    {"a1", "US warns China over sanctions",
     "The US has warned China about support for Russia amid sanctions on Moscow.",
     "jake-sullivan\nyang-jiechi", "us cn ru", "20220314", "cnn", 1},
    {"a2", "EU agrees new sanctions on Russia",
     "European Union ministers agreed new sanctions against Russian banks.",
     "ursula-von-der-leyen", "ru", "20220302", "reuters", 2},
    {"a3", "Ukraine talks continue",
     "Negotiators met again in Istanbul; sanctions were discussed briefly.",
     "jake-sullivan\nvolodymyr-zelensky", "ua us", "20220401", "bbc", 3},
    {"a4", "Markets rally", "Stock markets rallied as oil prices fell sharply.", "", "",
     "20220215", "reuters", 4},
    {"a5", "Sullivan meets Yang in Rome",
     "Jake Sullivan met Yang Jiechi in Rome for seven hours of talks about Russia.",
     "jake-sullivan\nyang-jiechi", "us cn", "20220314", "cnn", 5},
};
#define N_BRIEFS (sizeof briefs / sizeof briefs[0])

static void add_prefixed(xc_document *doc, const char *prefix, const char *value)
{
    char term[256];
    snprintf(term, sizeof term, "%s%s", prefix, value);
    assert_int_equal(xc_document_add_boolean_term(doc, term), XC_OK);
}

/* Each whitespace- or newline-separated word of list as prefix+word. */
static void add_list(xc_document *doc, const char *prefix, const char *list)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *save = NULL, *w = strtok_r(buf, " \n", &save); w; w = strtok_r(NULL, " \n", &save))
        add_prefixed(doc, prefix, w);
}

static void index_brief(xc_database *db, xc_termgen *tg, const struct brief *b)
{
    xc_document *doc = NULL;
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(xc_termgen_set_document(tg, doc), XC_OK);
    assert_int_equal(xc_termgen_index_text(tg, b->title, strlen(b->title), 1, "S"), XC_OK);
    assert_int_equal(xc_termgen_index_text(tg, b->title, strlen(b->title), 1, NULL), XC_OK);
    assert_int_equal(xc_termgen_increase_termpos(tg, 100), XC_OK);
    assert_int_equal(xc_termgen_index_text(tg, b->body, strlen(b->body), 1, ""), XC_OK);
    add_prefixed(doc, "Q", b->id);
    add_prefixed(doc, "D", b->date);
    add_prefixed(doc, "XS", b->source);
    add_list(doc, "XP", b->people);
    add_list(doc, "XC", b->countries);
    assert_int_equal(xc_document_add_value(doc, SLOT_DATE, b->date, strlen(b->date)), XC_OK);
    assert_int_equal(xc_document_add_value(doc, SLOT_PEOPLE, b->people, strlen(b->people)), XC_OK);
    char num[18];
    size_t n = xc_sortable_serialise(b->number, num);
    assert_int_equal(xc_document_add_value(doc, SLOT_NUMBER, num, n), XC_OK);
    assert_int_equal(xc_document_add_value(doc, SLOT_SOURCE, b->source, strlen(b->source)),
                     XC_OK);
    assert_int_equal(xc_document_set_data(doc, b->id, strlen(b->id)), XC_OK);
    char qterm[64];
    snprintf(qterm, sizeof qterm, "Q%s", b->id);
    assert_int_equal(xc_database_replace_document(db, qterm, doc, NULL), XC_OK);
    xc_document_destroy(doc);
}

/* A committed database at tmp_root/name holding briefs[from..to). */
static void build_db_range(const char *name, size_t from, size_t to)
{
    TMP_PATH(path, name);
    xc_database *db = NULL;
    xc_termgen *tg = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &db, NULL), XC_OK);
    assert_int_equal(xc_termgen_create("english", &tg), XC_OK);
    assert_int_equal(xc_termgen_set_database(tg, db), XC_OK);
    assert_int_equal(xc_termgen_set_flags(tg, XC_TG_SPELLING), XC_OK);
    for (size_t i = from; i < to; ++i)
        index_brief(db, tg, &briefs[i]);
    assert_int_equal(xc_database_commit(db), XC_OK);
    xc_termgen_destroy(tg);
    xc_database_destroy(db);
}

static xc_database *open_fixture(const char *name)
{
    build_db_range(name, 0, N_BRIEFS);
    TMP_PATH(path, name);
    xc_database *db = NULL;
    assert_int_equal(xc_database_open(path, &db, NULL), XC_OK);
    return db;
}

/* The parser brief-query would build: prefixes, ranges, English stems. */
static xc_queryparser *fixture_parser(xc_database *db)
{
    xc_queryparser *qp = NULL;
    assert_int_equal(xc_queryparser_create(&qp), XC_OK);
    assert_int_equal(xc_queryparser_set_database(qp, db), XC_OK);
    assert_int_equal(xc_queryparser_set_stemmer(qp, "english"), XC_OK);
    assert_int_equal(xc_queryparser_set_stemming_strategy(qp, XC_STEM_SOME), XC_OK);
    assert_int_equal(xc_queryparser_set_default_op(qp, XC_OP_OR), XC_OK);
    assert_int_equal(xc_queryparser_add_prefix(qp, "title", "S"), XC_OK);
    assert_int_equal(xc_queryparser_add_boolean_prefix(qp, "person", "XP", 1), XC_OK);
    assert_int_equal(xc_queryparser_add_boolean_prefix(qp, "source", "XS", 1), XC_OK);
    assert_int_equal(xc_queryparser_add_range(qp, SLOT_DATE, "date", XC_RANGE_DATE), XC_OK);
    assert_int_equal(xc_queryparser_add_range(qp, SLOT_SOURCE, "from", XC_RANGE_STRING), XC_OK);
    assert_int_equal(xc_queryparser_add_range(qp, SLOT_NUMBER, "n", XC_RANGE_NUMBER), XC_OK);
    return qp;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The brief ids of every hit of q, in rank order, or sorted when sorted. */
static void ids_of_query(xc_database *db, const xc_query *q, int sorted, char *out, size_t n)
{
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    unsigned doccount = 0;
    assert_int_equal(xc_database_doccount(db, &doccount), XC_OK);
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xc_enquire_set_query(enq, q, 0), XC_OK);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 100, doccount, &m), XC_OK);
    char ids[16][16];
    char *ptrs[16];
    unsigned size = xc_mset_size(m);
    assert_true(size <= 16);
    for (unsigned i = 0; i < size; ++i) {
        xc_document *doc = NULL;
        const char *data;
        size_t len;
        assert_int_equal(xc_mset_document(m, i, &doc), XC_OK);
        assert_int_equal(xc_document_get_data(doc, &data, &len), XC_OK);
        snprintf(ids[i], sizeof ids[i], "%.*s", (int)len, data);
        ptrs[i] = ids[i];
        xc_document_destroy(doc);
    }
    if (sorted)
        qsort(ptrs, size, sizeof ptrs[0], cmp_str);
    out[0] = '\0';
    for (unsigned i = 0; i < size; ++i) {
        size_t used = strlen(out);
        snprintf(out + used, n - used, "%s%s", i ? " " : "", ptrs[i]);
    }
    xc_mset_destroy(m);
    xc_enquire_destroy(enq);
}

/* Parse qs with flags and return the sorted ids of its hits. */
static const char *hits(xc_database *db, xc_queryparser *qp, const char *qs, unsigned flags)
{
    static char out[512];
    xc_query *q = NULL;
    xc_status st = xc_queryparser_parse(qp, qs, flags, &q);
    if (st != XC_OK)
        fail_msg("parse '%s': %s", qs, xc_queryparser_error(qp));
    ids_of_query(db, q, 1, out, sizeof out);
    xc_query_destroy(q);
    return out;
}

/* ------------------------------------------------------------------------ */
/* Status                                                                    */
/* ------------------------------------------------------------------------ */

static void test_status_strings(void **state)
{
    (void)state;
    const char *seen[XC_STATUS_LAST];
    for (int s = 0; s < XC_STATUS_LAST; ++s) {
        seen[s] = xc_status_to_string((xc_status)s);
        assert_non_null(seen[s]);
        assert_string_not_equal(seen[s], "unknown status");
        for (int t = 0; t < s; ++t)
            assert_string_not_equal(seen[s], seen[t]);
    }
    assert_string_equal(xc_status_to_string(XC_OK), "success");
    assert_string_equal(xc_status_to_string(XC_DATABASE_LOCKED), "database is locked");
    assert_string_equal(xc_status_to_string(XC_STATUS_LAST), "unknown status");
    assert_string_equal(xc_status_to_string((xc_status)(XC_STATUS_LAST + 100)), "unknown status");
    assert_string_equal(xc_status_to_string((xc_status)-1), "unknown status");
}

static void test_version(void **state)
{
    (void)state;
    const char *v = xc_xapian_version();
    assert_non_null(v);
    assert_int_equal(strncmp(v, "1.4.", 4), 0);
}

/* ------------------------------------------------------------------------ */
/* NULL handles and arguments                                                */
/* ------------------------------------------------------------------------ */

static xc_status dummy_field(void *ctx, const char *value, xc_query **query, const char **message)
{
    (void)ctx;
    (void)value;
    (void)query;
    (void)message;
    return XC_NOT_FOUND;
}

static int dummy_expand(void *ctx, const char *term, double weight)
{
    (void)ctx;
    (void)term;
    (void)weight;
    return 0;
}

static void test_null_handles(void **state)
{
    (void)state;
    const xc_status INV = XC_INVALID_ARGUMENT;
    unsigned u = 7;
    int i = 7;
    size_t len = 0;
    const char *str = "x";
    char *mstr = (char *)"x";
    struct collector c = {0};

    /* Every destroy accepts NULL. */
    xc_database_destroy(NULL);
    xc_document_destroy(NULL);
    xc_stopper_destroy(NULL);
    xc_termgen_destroy(NULL);
    xc_query_destroy(NULL);
    xc_queryparser_destroy(NULL);
    xc_enquire_destroy(NULL);
    xc_mset_destroy(NULL);
    xc_facets_destroy(NULL);

    /* Error texts of no handle are "". */
    assert_string_equal(xc_database_error(NULL), "");
    assert_string_equal(xc_document_error(NULL), "");
    assert_string_equal(xc_termgen_error(NULL), "");
    assert_string_equal(xc_queryparser_error(NULL), "");
    assert_string_equal(xc_enquire_error(NULL), "");
    assert_string_equal(xc_mset_error(NULL), "");
    assert_string_equal(xc_queryparser_corrected_query(NULL), "");

    /* Databases. */
    xc_database *db = (xc_database *)&u;   /* must never be touched */
    char *err = (char *)"untouched";
    assert_int_equal(xc_database_open(NULL, &db, &err), INV);
    assert_null(db);
    assert_non_null(err);   /* a message saying what was wrong */
    free(err);
    assert_int_equal(xc_database_open("/nonexistent", NULL, NULL), INV);
    assert_int_equal(xc_database_open_writable(NULL, XC_DB_OPEN, &db, NULL), INV);
    assert_int_equal(xc_database_add(NULL, "/x"), INV);
    assert_int_equal(xc_database_reopen(NULL, &i), INV);
    assert_int_equal(xc_database_commit(NULL), INV);
    assert_int_equal(xc_database_close(NULL), INV);
    assert_int_equal(xc_database_doccount(NULL, &u), INV);
    assert_int_equal(xc_database_term_exists(NULL, "x", &i), INV);
    assert_int_equal(xc_database_termfreq(NULL, "x", &u), INV);
    assert_int_equal(xc_database_allterms(NULL, "", collect_term, &c), INV);
    assert_int_equal(xc_database_postlist(NULL, "x", collect_docid, &c), INV);
    xc_document *doc = (xc_document *)&u;
    assert_int_equal(xc_database_get_document(NULL, 1, &doc), INV);
    assert_null(doc);
    assert_int_equal(xc_database_get_metadata(NULL, "k", &mstr), INV);
    assert_null(mstr);
    assert_int_equal(xc_database_set_metadata(NULL, "k", "v"), INV);
    assert_int_equal(xc_database_replace_document(NULL, "Qx", NULL, &u), INV);
    assert_int_equal(xc_database_delete_document(NULL, "Qx"), INV);
    assert_int_equal(xc_database_delete_docid(NULL, 1), INV);
    assert_int_equal(xc_database_add_spelling(NULL, "x", 1), INV);
    mstr = (char *)"x";
    assert_int_equal(xc_database_spelling_suggestion(NULL, "x", &mstr), INV);
    assert_null(mstr);

    /* Documents. */
    assert_int_equal(xc_document_create(NULL), INV);
    assert_int_equal(xc_document_set_data(NULL, "x", 1), INV);
    assert_int_equal(xc_document_get_data(NULL, &str, &len), INV);
    assert_int_equal(xc_document_add_boolean_term(NULL, "x"), INV);
    assert_int_equal(xc_document_add_term(NULL, "x", 1), INV);
    assert_int_equal(xc_document_remove_term(NULL, "x"), INV);
    assert_int_equal(xc_document_add_value(NULL, 0, "x", 1), INV);
    assert_int_equal(xc_document_get_value(NULL, 0, &str, &len), INV);
    assert_int_equal(xc_document_termlist(NULL, "", collect_term_wdf, &c), INV);
    assert_int_equal(xc_document_docid(NULL), 0);

    /* Stopper. */
    xc_stopper *sw = NULL;
    assert_int_equal(xc_stopper_create(NULL, 2, &sw), INV);
    assert_null(sw);
    assert_int_equal(xc_stopper_create(NULL, 0, NULL), INV);
    assert_int_equal(xc_stopper_is_stopword(NULL, "the"), 0);

    /* Term generator. */
    assert_int_equal(xc_termgen_create("english", NULL), INV);
    assert_int_equal(xc_termgen_set_document(NULL, NULL), INV);
    assert_int_equal(xc_termgen_set_database(NULL, NULL), INV);
    assert_int_equal(xc_termgen_set_flags(NULL, 0), INV);
    assert_int_equal(xc_termgen_set_stemming_strategy(NULL, XC_STEM_SOME), INV);
    assert_int_equal(xc_termgen_set_stopper(NULL, NULL), INV);
    assert_int_equal(xc_termgen_index_text(NULL, "x", 1, 1, NULL), INV);
    assert_int_equal(xc_termgen_index_text_without_positions(NULL, "x", 1, 1, NULL), INV);
    assert_int_equal(xc_termgen_increase_termpos(NULL, 1), INV);
    assert_int_equal(xc_termgen_get_termpos(NULL), 0);

    /* Queries. */
    xc_query *q = (xc_query *)&u;
    assert_int_equal(xc_query_term(NULL, 1, 0, &q), INV);
    assert_null(q);
    assert_int_equal(xc_query_term("x", 1, 0, NULL), INV);
    assert_int_equal(xc_query_match_all(NULL), INV);
    assert_int_equal(xc_query_match_nothing(NULL), INV);
    assert_int_equal(xc_query_combine(XC_OP_AND, NULL, 2, 0, &q), INV);
    assert_int_equal(xc_query_combine(XC_OP_AND, NULL, 0, 0, NULL), INV);
    assert_int_equal(xc_query_value_range(0, "a", "b", NULL), INV);
    assert_int_equal(xc_query_scale_weight(NULL, 1.0, &q), INV);
    assert_null(q);
    assert_int_equal(xc_query_empty(NULL), 1);
    assert_null(xc_query_description(NULL));
    assert_int_equal(xc_query_terms(NULL, collect_term, &c), INV);

    /* Query parser. */
    assert_int_equal(xc_queryparser_create(NULL), INV);
    assert_int_equal(xc_queryparser_set_database(NULL, NULL), INV);
    assert_int_equal(xc_queryparser_set_stemmer(NULL, "english"), INV);
    assert_int_equal(xc_queryparser_set_stemming_strategy(NULL, XC_STEM_SOME), INV);
    assert_int_equal(xc_queryparser_set_stopper(NULL, NULL), INV);
    assert_int_equal(xc_queryparser_set_default_op(NULL, XC_OP_AND), INV);
    assert_int_equal(xc_queryparser_add_prefix(NULL, "title", "S"), INV);
    assert_int_equal(xc_queryparser_add_boolean_prefix(NULL, "person", "XP", 1), INV);
    assert_int_equal(xc_queryparser_add_field(NULL, "country", 1, dummy_field, NULL), INV);
    assert_int_equal(xc_queryparser_add_range(NULL, 0, "date", XC_RANGE_DATE), INV);
    q = (xc_query *)&u;
    assert_int_equal(xc_queryparser_parse(NULL, "x", XC_QP_DEFAULT, &q), INV);
    assert_null(q);
    assert_int_equal(xc_queryparser_stoplist(NULL, collect_term, &c), INV);

    /* Enquire, MSet. */
    xc_enquire *enq = (xc_enquire *)&u;
    assert_int_equal(xc_enquire_create(NULL, &enq), INV);
    assert_int_equal(xc_enquire_set_query(NULL, NULL, 0), INV);
    assert_int_equal(xc_enquire_set_bm25(NULL, 1, 0, 1, 0.5, 0.5), INV);
    assert_int_equal(xc_enquire_set_sort_by_value_then_relevance(NULL, 0, 0), INV);
    assert_int_equal(xc_enquire_set_sort_by_relevance(NULL), INV);
    assert_int_equal(xc_enquire_set_cutoff(NULL, 0), INV);
    assert_int_equal(xc_enquire_add_facets(NULL, NULL), INV);
    assert_int_equal(xc_enquire_clear_facets(NULL), INV);
    xc_mset *m = (xc_mset *)&u;
    assert_int_equal(xc_enquire_get_mset(NULL, 0, 10, 0, &m), INV);
    assert_null(m);
    assert_int_equal(xc_enquire_matching_terms(NULL, 1, collect_term, &c), INV);
    unsigned docids[1] = {1};
    assert_int_equal(xc_enquire_expand(NULL, docids, 1, 10, dummy_expand, NULL), INV);
    assert_int_equal(xc_mset_size(NULL), 0);
    unsigned lo = 9, est = 9, hi = 9;
    xc_mset_estimates(NULL, &lo, &est, &hi);
    assert_int_equal(lo + est + hi, 0);
    xc_mset_estimates(NULL, NULL, NULL, NULL);
    xc_hit hit;
    assert_int_equal(xc_mset_hit(NULL, 0, &hit), INV);
    doc = (xc_document *)&u;
    assert_int_equal(xc_mset_document(NULL, 0, &doc), INV);
    assert_null(doc);
    mstr = (char *)"x";
    assert_int_equal(xc_mset_snippet(NULL, "x", 1, 100, "english", 0, "<b>", "</b>", "...",
                                     &mstr),
                     INV);
    assert_null(mstr);

    /* Facets. */
    assert_int_equal(xc_facets_create(0, '\n', NULL), INV);
    xc_facets *f = NULL;
    assert_int_equal(xc_facets_create(0xFFFFFFFFu, '\n', &f), INV);   /* bad slot */
    assert_null(f);
    assert_int_equal(xc_facets_documents_seen(NULL), 0);
    assert_int_equal(xc_facets_size(NULL), 0);
    assert_int_equal(xc_facets_get(NULL, 0, &str, &u), INV);

    /* Helpers. */
    assert_int_equal(xc_sortable_serialise(1.0, NULL), 0);
    /* NULL with no length is the empty string (-inf to Xapian). */
    assert_true(xc_sortable_unserialise(NULL, 0) == xc_sortable_unserialise("", 0));
    assert_true(xc_sortable_unserialise(NULL, 4) == 0.0);
}

/* NULL arguments on a live handle: XC_INVALID_ARGUMENT and a message. */
static void test_null_arguments(void **state)
{
    (void)state;
    xc_database *db = open_fixture("nullargs");
    unsigned u;
    assert_int_equal(xc_database_termfreq(db, NULL, &u), XC_INVALID_ARGUMENT);
    assert_non_null(strstr(xc_database_error(db), "xc_database_termfreq"));
    assert_int_equal(xc_database_doccount(db, &u), XC_OK);
    assert_string_equal(xc_database_error(db), "");   /* cleared by the next call */
    assert_int_equal(xc_database_allterms(db, "", NULL, NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_database_get_document(db, 1, NULL), XC_INVALID_ARGUMENT);

    xc_document *doc = NULL;
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(xc_document_add_term(doc, NULL, 1), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_document_add_term(doc, "", 1), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_document_set_data(doc, NULL, 3), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_document_set_data(doc, NULL, 0), XC_OK);
    assert_int_equal(xc_document_get_data(doc, NULL, NULL), XC_INVALID_ARGUMENT);
    assert_string_not_equal(xc_document_error(doc), "");
    xc_document_destroy(doc);

    xc_termgen *tg = NULL;
    assert_int_equal(xc_termgen_create(NULL, &tg), XC_OK);
    assert_int_equal(xc_termgen_set_document(tg, NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_termgen_index_text(tg, NULL, 5, 1, NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_termgen_index_text(tg, NULL, 0, 1, NULL), XC_OK);
    assert_int_equal(xc_termgen_set_database(tg, NULL), XC_INVALID_ARGUMENT);
    assert_string_not_equal(xc_termgen_error(tg), "");
    xc_termgen_destroy(tg);

    xc_queryparser *qp = NULL;
    assert_int_equal(xc_queryparser_create(&qp), XC_OK);
    assert_int_equal(xc_queryparser_parse(qp, NULL, 0, NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_queryparser_add_prefix(qp, NULL, "S"), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_queryparser_add_field(qp, "f", 0, NULL, NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_queryparser_set_database(qp, NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_queryparser_stoplist(qp, NULL, NULL), XC_INVALID_ARGUMENT);
    xc_queryparser_destroy(qp);

    xc_enquire *enq = NULL;
    assert_int_equal(xc_enquire_create(db, NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xc_enquire_set_query(enq, NULL, 0), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_enquire_add_facets(enq, NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_enquire_expand(enq, NULL, 3, 10, dummy_expand, NULL),
                     XC_INVALID_ARGUMENT);
    assert_string_not_equal(xc_enquire_error(enq), "");
    xc_enquire_destroy(enq);
    xc_database_destroy(db);
}

/* ------------------------------------------------------------------------ */
/* Opening: missing, corrupt, locked, modes                                   */
/* ------------------------------------------------------------------------ */

static void test_open_missing(void **state)
{
    (void)state;
    TMP_PATH(path, "no-such-db");
    xc_database *db = (xc_database *)path;
    char *err = NULL;
    assert_int_equal(xc_database_open(path, &db, &err), XC_DATABASE_NOT_FOUND);
    assert_null(db);
    assert_non_null(err);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "Xapian::DatabaseNotFoundError"));
    free(err);

    /* errmsg is optional. */
    assert_int_equal(xc_database_open(path, &db, NULL), XC_DATABASE_NOT_FOUND);

    err = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_OPEN, &db, &err),
                     XC_DATABASE_NOT_FOUND);
    assert_null(db);
    assert_non_null(strstr(err, path));
    free(err);

    /* An empty directory is no database either. */
    TMP_PATH(empty, "empty-dir");
    assert_int_equal(mkdir(empty, 0755), 0);
    err = NULL;
    assert_int_equal(xc_database_open(empty, &db, &err), XC_DATABASE_NOT_FOUND);
    assert_non_null(strstr(err, empty));   /* Xapian's text lacks it: appended */
    free(err);

    /* A stub file that is not one: DatabaseOpeningError. */
    TMP_PATH(junk, "junk-stub");
    write_file(junk, "hello world\n");
    err = NULL;
    assert_int_equal(xc_database_open(junk, &db, &err), XC_DATABASE_NOT_FOUND);
    assert_non_null(strstr(err, "Xapian::DatabaseOpeningError"));
    free(err);
}

static void test_open_corrupt(void **state)
{
    (void)state;
    TMP_PATH(path, "corrupt");
    assert_int_equal(mkdir(path, 0755), 0);
    char file[600];
    snprintf(file, sizeof file, "%s/iamglass", path);
    write_file(file, "garbage garbage garbage");
    snprintf(file, sizeof file, "%s/postlist.glass", path);
    write_file(file, "junkjunkjunk");

    xc_database *db = NULL;
    char *err = NULL;
    assert_int_equal(xc_database_open(path, &db, &err), XC_DATABASE_CORRUPT);
    assert_null(db);
    assert_non_null(strstr(err, "Xapian::DatabaseCorruptError"));
    assert_non_null(strstr(err, path));
    free(err);

    err = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_OPEN, &db, &err),
                     XC_DATABASE_CORRUPT);
    assert_null(db);
    free(err);
}

static void test_lock_and_close(void **state)
{
    (void)state;
    TMP_PATH(path, "locked");
    xc_database *w1 = NULL, *w2 = NULL;
    char *err = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE_OR_OPEN, &w1, &err), XC_OK);
    assert_null(err);

    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE_OR_OPEN, &w2, &err),
                     XC_DATABASE_LOCKED);
    assert_null(w2);
    assert_non_null(err);
    assert_non_null(strstr(err, "Xapian::DatabaseLockError"));
    assert_non_null(strstr(err, path));
    free(err);

    /* close releases the lock before the handle is destroyed. */
    assert_int_equal(xc_database_close(w1), XC_OK);
    assert_int_equal(xc_database_close(w1), XC_OK);   /* again: no effect */
    assert_int_equal(xc_database_open_writable(path, XC_DB_OPEN, &w2, NULL), XC_OK);

    /* A closed handle answers from its cache or with DatabaseClosedError,
     * never a crash. */
    xc_document *doc = doc_with_id("late");
    assert_int_equal(xc_database_replace_document(w1, "Qlate", doc, NULL), XC_DATABASE_ERROR);
    assert_non_null(strstr(xc_database_error(w1), "Xapian::DatabaseClosedError"));
    struct collector c = {0};
    assert_int_equal(xc_database_postlist(w1, "word", collect_docid, &c), XC_DATABASE_ERROR);
    xc_document_destroy(doc);
    xc_database_destroy(w1);
    xc_database_destroy(w2);
}

static void test_open_modes(void **state)
{
    (void)state;
    TMP_PATH(path, "modes");
    xc_database *db = NULL;
    char *err = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &db, NULL), XC_OK);
    assert_int_equal(xc_database_commit(db), XC_OK);
    xc_database_destroy(db);

    /* Create over an existing database: DatabaseCreateError. */
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &db, &err),
                     XC_DATABASE_ERROR);
    assert_null(db);
    assert_non_null(strstr(err, "DatabaseCreateError"));
    free(err);

    assert_int_equal(xc_database_open_writable(path, (xc_open_mode)42, &db, &err),
                     XC_INVALID_ARGUMENT);
    assert_null(db);
    free(err);

    assert_int_equal(xc_database_open_writable(path, XC_DB_OPEN, &db, NULL), XC_OK);
    xc_database_destroy(db);
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */
/* ------------------------------------------------------------------------ */

static void test_read_only_writes(void **state)
{
    (void)state;
    xc_database *db = open_fixture("readonly");
    xc_document *doc = NULL;
    assert_int_equal(xc_document_create(&doc), XC_OK);

    assert_int_equal(xc_database_set_metadata(db, "k", "v"), XC_INVALID_ARGUMENT);
    assert_non_null(strstr(xc_database_error(db), "read-only"));
    assert_int_equal(xc_database_replace_document(db, "Qa1", doc, NULL), XC_INVALID_ARGUMENT);
    assert_non_null(strstr(xc_database_error(db), "read-only"));
    assert_int_equal(xc_database_delete_document(db, "Qa1"), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_database_delete_docid(db, 1), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_database_add_spelling(db, "word", 1), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_database_commit(db), XC_INVALID_ARGUMENT);
    assert_non_null(strstr(xc_database_error(db), "xc_database_commit"));

    xc_termgen *tg = NULL;
    assert_int_equal(xc_termgen_create("english", &tg), XC_OK);
    assert_int_equal(xc_termgen_set_database(tg, db), XC_INVALID_ARGUMENT);
    assert_non_null(strstr(xc_termgen_error(tg), "read-only"));
    xc_termgen_destroy(tg);

    unsigned n = 0;
    assert_int_equal(xc_database_doccount(db, &n), XC_OK);
    assert_int_equal(n, N_BRIEFS);   /* nothing changed */
    xc_document_destroy(doc);
    xc_database_destroy(db);
}

static xc_document *doc_with_id(const char *id)
{
    xc_document *doc = NULL;
    char term[64];
    snprintf(term, sizeof term, "Q%s", id);
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(xc_document_add_boolean_term(doc, term), XC_OK);
    assert_int_equal(xc_document_add_term(doc, "word", 1), XC_OK);
    assert_int_equal(xc_document_set_data(doc, id, strlen(id)), XC_OK);
    return doc;
}

static unsigned doccount_at(const char *path)
{
    xc_database *db = NULL;
    unsigned n = 0;
    assert_int_equal(xc_database_open(path, &db, NULL), XC_OK);
    assert_int_equal(xc_database_doccount(db, &n), XC_OK);
    xc_database_destroy(db);
    return n;
}

/* Nothing is committed implicitly: destroy and close discard. */
static void test_no_implicit_commit(void **state)
{
    (void)state;
    TMP_PATH(path, "nocommit");
    xc_database *w = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &w, NULL), XC_OK);
    assert_int_equal(xc_database_commit(w), XC_OK);
    xc_document *doc = doc_with_id("one");
    assert_int_equal(xc_database_replace_document(w, "Qone", doc, NULL), XC_OK);
    unsigned n = 0;
    assert_int_equal(xc_database_doccount(w, &n), XC_OK);
    assert_int_equal(n, 1);   /* the writer sees its own pending change */
    xc_database_destroy(w);
    assert_int_equal(doccount_at(path), 0);

    assert_int_equal(xc_database_open_writable(path, XC_DB_OPEN, &w, NULL), XC_OK);
    assert_int_equal(xc_database_replace_document(w, "Qone", doc, NULL), XC_OK);
    assert_int_equal(xc_database_close(w), XC_OK);
    xc_database_destroy(w);
    assert_int_equal(doccount_at(path), 0);

    /* Committed changes stay; later ones are dropped again. */
    assert_int_equal(xc_database_open_writable(path, XC_DB_OPEN, &w, NULL), XC_OK);
    assert_int_equal(xc_database_replace_document(w, "Qone", doc, NULL), XC_OK);
    assert_int_equal(xc_database_commit(w), XC_OK);
    xc_document *two = doc_with_id("two");
    assert_int_equal(xc_database_replace_document(w, "Qtwo", two, NULL), XC_OK);
    assert_int_equal(xc_database_commit(w), XC_OK);   /* twice in a row works */
    xc_document *three = doc_with_id("three");
    assert_int_equal(xc_database_replace_document(w, "Qthree", three, NULL), XC_OK);
    xc_database_destroy(w);
    assert_int_equal(doccount_at(path), 2);

    xc_document_destroy(doc);
    xc_document_destroy(two);
    xc_document_destroy(three);
}

static void test_reopen(void **state)
{
    (void)state;
    TMP_PATH(path, "reopen");
    xc_database *w = NULL, *r = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &w, NULL), XC_OK);
    xc_document *one = doc_with_id("one");
    assert_int_equal(xc_database_replace_document(w, "Qone", one, NULL), XC_OK);
    assert_int_equal(xc_database_commit(w), XC_OK);

    assert_int_equal(xc_database_open(path, &r, NULL), XC_OK);
    int changed = -1;
    assert_int_equal(xc_database_reopen(r, &changed), XC_OK);
    assert_int_equal(changed, 0);

    xc_document *two = doc_with_id("two");
    assert_int_equal(xc_database_replace_document(w, "Qtwo", two, NULL), XC_OK);
    assert_int_equal(xc_database_reopen(r, &changed), XC_OK);
    assert_int_equal(changed, 0);   /* not committed yet */
    assert_int_equal(xc_database_commit(w), XC_OK);

    unsigned n = 0;
    assert_int_equal(xc_database_doccount(r, &n), XC_OK);
    assert_int_equal(n, 1);   /* the reader still sees its revision */
    assert_int_equal(xc_database_reopen(r, &changed), XC_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(xc_database_doccount(r, &n), XC_OK);
    assert_int_equal(n, 2);
    assert_int_equal(xc_database_reopen(r, &changed), XC_OK);
    assert_int_equal(changed, 0);
    assert_int_equal(xc_database_reopen(r, NULL), XC_OK);

    xc_document_destroy(one);
    xc_document_destroy(two);
    xc_database_destroy(r);
    xc_database_destroy(w);
}

static void test_replace_and_delete(void **state)
{
    (void)state;
    TMP_PATH(path, "replace");
    xc_database *w = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &w, NULL), XC_OK);

    xc_document *doc = doc_with_id("x");
    unsigned id1 = 0, id2 = 0, n = 0;
    assert_int_equal(xc_database_replace_document(w, "Qx", doc, &id1), XC_OK);
    assert_int_equal(xc_document_set_data(doc, "x v2", 4), XC_OK);
    assert_int_equal(xc_database_replace_document(w, "Qx", doc, &id2), XC_OK);
    assert_int_equal(id1, id2);
    assert_int_equal(xc_database_doccount(w, &n), XC_OK);
    assert_int_equal(n, 1);
    assert_int_equal(xc_database_termfreq(w, "Qx", &n), XC_OK);
    assert_int_equal(n, 1);

    xc_document *y = doc_with_id("y");
    assert_int_equal(xc_database_replace_document(w, "Qy", y, NULL), XC_OK);
    assert_int_equal(xc_database_commit(w), XC_OK);

    /* The stored version is the second. */
    xc_document *got = NULL;
    const char *data;
    size_t len;
    assert_int_equal(xc_database_get_document(w, id1, &got), XC_OK);
    assert_int_equal(xc_document_docid(got), id1);
    assert_int_equal(xc_document_get_data(got, &data, &len), XC_OK);
    assert_int_equal(len, 4);
    assert_memory_equal(data, "x v2", 4);
    xc_document_destroy(got);

    /* Not there. */
    got = (xc_document *)&n;
    assert_int_equal(xc_database_get_document(w, 999, &got), XC_NOT_FOUND);
    assert_null(got);
    assert_non_null(strstr(xc_database_error(w), "DocNotFoundError"));
    assert_int_equal(xc_database_get_document(w, 0, &got), XC_NOT_FOUND);
    assert_int_equal(xc_database_delete_docid(w, 999), XC_NOT_FOUND);
    assert_int_equal(xc_database_delete_docid(w, 0), XC_NOT_FOUND);
    assert_int_equal(xc_database_delete_document(w, "Qnothing"), XC_OK);

    /* Delete by unique term, then by docid. */
    assert_int_equal(xc_database_delete_document(w, "Qx"), XC_OK);
    assert_int_equal(xc_database_doccount(w, &n), XC_OK);
    assert_int_equal(n, 1);
    int exists = 1;
    assert_int_equal(xc_database_term_exists(w, "Qx", &exists), XC_OK);
    assert_int_equal(exists, 0);
    unsigned yid = 0;
    assert_int_equal(xc_database_replace_document(w, "Qy", y, &yid), XC_OK);
    assert_int_equal(xc_database_delete_docid(w, yid), XC_OK);
    assert_int_equal(xc_database_commit(w), XC_OK);
    assert_int_equal(doccount_at(path), 0);

    /* Replacing with no docid wanted, and an empty unique term. */
    assert_int_equal(xc_database_replace_document(w, "", doc, NULL), XC_INVALID_ARGUMENT);

    xc_document_destroy(doc);
    xc_document_destroy(y);
    xc_database_destroy(w);
}

static void test_metadata(void **state)
{
    (void)state;
    TMP_PATH(path, "metadata");
    xc_database *w = NULL, *r = NULL;
    char *value = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &w, NULL), XC_OK);
    assert_int_equal(xc_database_set_metadata(w, "last-run", "2022-03-14"), XC_OK);
    assert_int_equal(xc_database_get_metadata(w, "unset", &value), XC_OK);
    assert_string_equal(value, "");
    free(value);
    assert_int_equal(xc_database_get_metadata(w, "", &value), XC_INVALID_ARGUMENT);
    assert_null(value);
    assert_int_equal(xc_database_commit(w), XC_OK);

    assert_int_equal(xc_database_open(path, &r, NULL), XC_OK);
    assert_int_equal(xc_database_get_metadata(r, "last-run", &value), XC_OK);
    assert_string_equal(value, "2022-03-14");
    free(value);
    assert_int_equal(xc_database_get_metadata(r, "", &value), XC_INVALID_ARGUMENT);
    assert_null(value);

    /* The reader remembers what it read, and forgets it when reopened. */
    assert_int_equal(xc_database_set_metadata(w, "last-run", "2022-03-15"), XC_OK);
    assert_int_equal(xc_database_commit(w), XC_OK);
    for (int reopened = 0; reopened <= 1; reopened++) {
        if (reopened)
            assert_int_equal(xc_database_reopen(r, NULL), XC_OK);
        for (int again = 0; again < 2; again++) {
            assert_int_equal(xc_database_get_metadata(r, "last-run", &value), XC_OK);
            assert_string_equal(value, reopened ? "2022-03-15" : "2022-03-14");
            free(value);
        }
    }
    xc_database_destroy(r);
    xc_database_destroy(w);
}

/* Metadata keys by prefix, uncommitted ones included on the writer; and a
 * reader sees nothing of a batch until it is committed, however large (Xapian
 * flushes inside our transaction past its threshold: the batch must stay
 * invisible). */
static void test_metadata_keys_and_isolation(void **state)
{
    (void)state;
    TMP_PATH(path, "metadata-keys");
    xc_database *w = NULL, *r = NULL;
    struct collector c = {0};
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &w, NULL), XC_OK);
    assert_int_equal(xc_database_set_metadata(w, "file:/b", "2"), XC_OK);
    assert_int_equal(xc_database_set_metadata(w, "file:/a", "1"), XC_OK);
    assert_int_equal(xc_database_set_metadata(w, "other", "3"), XC_OK);
    assert_int_equal(xc_database_metadata_keys(w, "file:", collect_term, &c), XC_OK);
    assert_string_equal(c.s, "file:/a file:/b");
    assert_int_equal(xc_database_metadata_keys(w, "file:", NULL, NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_database_metadata_keys(NULL, "", collect_term, &c), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_database_commit(w), XC_OK);

    assert_int_equal(xc_database_open(path, &r, NULL), XC_OK);
    memset(&c, 0, sizeof c);
    c.limit = 1;
    assert_int_equal(xc_database_metadata_keys(r, NULL, collect_term, &c), XC_OK);
    assert_string_equal(c.s, "file:/a");

    /* A batch well past Xapian's flush threshold (XAPIAN_FLUSH_THRESHOLD is
     * 10000 documents by default) stays invisible until committed. */
    for (unsigned i = 0; i < 12000; i++) {
        char id[32];
        snprintf(id, sizeof id, "b%u", i);
        xc_document *doc = doc_with_id(id);
        char qterm[40];
        snprintf(qterm, sizeof qterm, "Q%s", id);
        assert_int_equal(xc_database_replace_document(w, qterm, doc, NULL), XC_OK);
        xc_document_destroy(doc);
    }
    assert_int_equal(xc_database_set_metadata(w, "file:/c", "4"), XC_OK);
    assert_int_equal(xc_database_set_metadata(w, "file:/a", ""), XC_OK);
    xc_database *r2 = NULL;
    unsigned n = 99;
    assert_int_equal(xc_database_open(path, &r2, NULL), XC_OK);
    assert_int_equal(xc_database_doccount(r2, &n), XC_OK);
    assert_int_equal(n, 0);
    memset(&c, 0, sizeof c);
    assert_int_equal(xc_database_metadata_keys(r2, "file:", collect_term, &c), XC_OK);
    assert_string_equal(c.s, "file:/a file:/b");
    int changed = -1;
    assert_int_equal(xc_database_reopen(r, &changed), XC_OK);
    assert_int_equal(changed, 0);
    assert_int_equal(xc_database_commit(w), XC_OK);
    assert_int_equal(xc_database_reopen(r, &changed), XC_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(xc_database_doccount(r, &n), XC_OK);
    assert_int_equal(n, 12000);
    memset(&c, 0, sizeof c);
    assert_int_equal(xc_database_metadata_keys(r, "file:", collect_term, &c), XC_OK);
    assert_string_equal(c.s, "file:/b file:/c");
    xc_database_destroy(r2);
    xc_database_destroy(r);
    xc_database_destroy(w);
}

/* ------------------------------------------------------------------------ */
/* Documents                                                                 */
/* ------------------------------------------------------------------------ */

static void test_document(void **state)
{
    (void)state;
    xc_document *doc = NULL;
    const char *p;
    size_t len;
    struct collector c = {0};

    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(xc_document_docid(doc), 0);

    assert_int_equal(xc_document_get_data(doc, &p, &len), XC_OK);
    assert_int_equal(len, 0);
    assert_int_equal(xc_document_set_data(doc, "a\0b", 3), XC_OK);
    assert_int_equal(xc_document_get_data(doc, &p, &len), XC_OK);
    assert_int_equal(len, 3);
    assert_memory_equal(p, "a\0b", 3);

    assert_int_equal(xc_document_add_term(doc, "foo", 3), XC_OK);
    assert_int_equal(xc_document_add_term(doc, "foo", 2), XC_OK);
    assert_int_equal(xc_document_add_boolean_term(doc, "Qid"), XC_OK);
    assert_int_equal(xc_document_add_boolean_term(doc, "XPjake"), XC_OK);
    assert_int_equal(xc_document_add_boolean_term(doc, "XPyang"), XC_OK);
    assert_int_equal(xc_document_add_boolean_term(doc, ""), XC_INVALID_ARGUMENT);

    assert_int_equal(xc_document_termlist(doc, NULL, collect_term_wdf, &c), XC_OK);
    assert_string_equal(c.s, "Qid:0 XPjake:0 XPyang:0 foo:5");
    memset(&c, 0, sizeof c);
    assert_int_equal(xc_document_termlist(doc, "XP", collect_term_wdf, &c), XC_OK);
    assert_string_equal(c.s, "XPjake:0 XPyang:0");
    memset(&c, 0, sizeof c);
    c.limit = 1;
    assert_int_equal(xc_document_termlist(doc, "", collect_term_wdf, &c), XC_OK);
    assert_string_equal(c.s, "Qid:0");
    memset(&c, 0, sizeof c);
    assert_int_equal(xc_document_termlist(doc, "Z", collect_term_wdf, &c), XC_OK);
    assert_int_equal(c.calls, 0);

    assert_int_equal(xc_document_remove_term(doc, "nope"), XC_NOT_FOUND);
    assert_non_null(strstr(xc_document_error(doc), "nope"));
    assert_int_equal(xc_document_remove_term(doc, "foo"), XC_OK);
    assert_string_equal(xc_document_error(doc), "");
    assert_int_equal(xc_document_remove_term(doc, "foo"), XC_NOT_FOUND);

    assert_int_equal(xc_document_add_value(doc, 7, "\x00\x01", 2), XC_OK);
    assert_int_equal(xc_document_get_value(doc, 7, &p, &len), XC_OK);
    assert_int_equal(len, 2);
    assert_memory_equal(p, "\x00\x01", 2);
    assert_int_equal(xc_document_get_value(doc, 8, &p, &len), XC_OK);
    assert_int_equal(len, 0);
    assert_string_equal(p, "");
    assert_int_equal(xc_document_add_value(doc, 0xFFFFFFFFu, "x", 1), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_document_get_value(doc, 0xFFFFFFFFu, &p, &len), XC_INVALID_ARGUMENT);
    assert_null(p);
    assert_int_equal(xc_document_add_value(doc, 7, NULL, 0), XC_OK);   /* clears */
    assert_int_equal(xc_document_get_value(doc, 7, &p, &len), XC_OK);
    assert_int_equal(len, 0);
    xc_document_destroy(doc);
}

/* ------------------------------------------------------------------------ */
/* Term generator and stopper                                                */
/* ------------------------------------------------------------------------ */

static const char *terms_of_text(const char *language, xc_stem_strategy strategy,
                                 xc_stopper *stopper, const char *text, const char *prefix)
{
    static struct collector c;
    xc_termgen *tg = NULL;
    xc_document *doc = NULL;
    memset(&c, 0, sizeof c);
    assert_int_equal(xc_termgen_create(language, &tg), XC_OK);
    assert_int_equal(xc_termgen_set_stemming_strategy(tg, strategy), XC_OK);
    assert_int_equal(xc_termgen_set_stopper(tg, stopper), XC_OK);
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(xc_termgen_set_document(tg, doc), XC_OK);
    assert_int_equal(xc_termgen_index_text(tg, text, strlen(text), 1, prefix), XC_OK);
    assert_int_equal(xc_document_termlist(doc, NULL, collect_term_wdf, &c), XC_OK);
    xc_document_destroy(doc);
    xc_termgen_destroy(tg);
    return c.s;
}

static void test_termgen(void **state)
{
    (void)state;
    xc_termgen *tg = NULL;
    assert_int_equal(xc_termgen_create("klingon", &tg), XC_INVALID_ARGUMENT);
    assert_null(tg);
    assert_int_equal(xc_termgen_create("none", &tg), XC_OK);
    xc_termgen_destroy(tg);
    assert_int_equal(xc_termgen_create("", &tg), XC_OK);
    assert_int_equal(xc_termgen_set_flags(tg, 2), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_termgen_set_flags(tg, 0), XC_OK);
    assert_int_equal(xc_termgen_set_stemming_strategy(tg, (xc_stem_strategy)99),
                     XC_INVALID_ARGUMENT);
    xc_termgen_destroy(tg);

    assert_string_equal(terms_of_text("english", XC_STEM_SOME, NULL, "Sanctions bite", NULL),
                        "Zbite:1 Zsanction:1 bite:1 sanctions:1");
    assert_string_equal(terms_of_text("english", XC_STEM_SOME_FULL_POS, NULL, "Sanctions", NULL),
                        "Zsanction:1 sanctions:1");
    assert_string_equal(terms_of_text("english", XC_STEM_ALL, NULL, "Sanctions", NULL),
                        "sanction:1");
    assert_string_equal(terms_of_text("english", XC_STEM_ALL_Z, NULL, "Sanctions", NULL),
                        "Zsanction:1");
    assert_string_equal(terms_of_text("english", XC_STEM_NONE, NULL, "Sanctions", NULL),
                        "sanctions:1");
    assert_string_equal(terms_of_text(NULL, XC_STEM_SOME, NULL, "Sanctions", NULL),
                        "sanctions:1");
    assert_string_equal(terms_of_text("english", XC_STEM_SOME, NULL, "Sanctions", "S"),
                        "Ssanctions:1 ZSsanction:1");

    /* Positions and termpos. */
    xc_document *doc = NULL;
    assert_int_equal(xc_termgen_create("english", &tg), XC_OK);
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(xc_termgen_set_document(tg, doc), XC_OK);
    assert_int_equal(xc_termgen_get_termpos(tg), 0);
    const char *text = "new sanctions were announced";
    assert_int_equal(xc_termgen_index_text(tg, text, strlen(text), 1, NULL), XC_OK);
    assert_int_equal(xc_termgen_get_termpos(tg), 4);
    assert_int_equal(xc_termgen_increase_termpos(tg, 100), XC_OK);
    assert_int_equal(xc_termgen_get_termpos(tg), 104);
    /* Only len bytes are read: "new" alone. */
    assert_int_equal(xc_termgen_index_text_without_positions(tg, text, 3, 2, "S"), XC_OK);
    assert_int_equal(xc_termgen_get_termpos(tg), 104);
    struct collector c = {0};
    assert_int_equal(xc_document_termlist(doc, "S", collect_term_wdf, &c), XC_OK);
    assert_string_equal(c.s, "Snew:2");
    /* set_document starts again at position 0. */
    assert_int_equal(xc_termgen_set_document(tg, doc), XC_OK);
    assert_int_equal(xc_termgen_get_termpos(tg), 0);
    xc_document_destroy(doc);
    xc_termgen_destroy(tg);
}

/* Text indexed without positions cannot match a phrase. */
static void test_termgen_positions(void **state)
{
    (void)state;
    TMP_PATH(path, "positions");
    xc_database *w = NULL;
    xc_termgen *tg = NULL;
    const char *text = "new sanctions were announced";
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &w, NULL), XC_OK);
    assert_int_equal(xc_termgen_create("english", &tg), XC_OK);
    for (int i = 0; i < 2; ++i) {
        xc_document *doc = NULL;
        assert_int_equal(xc_document_create(&doc), XC_OK);
        assert_int_equal(xc_termgen_set_document(tg, doc), XC_OK);
        if (i == 0)
            assert_int_equal(xc_termgen_index_text(tg, text, strlen(text), 1, NULL), XC_OK);
        else
            assert_int_equal(
                xc_termgen_index_text_without_positions(tg, text, strlen(text), 1, NULL), XC_OK);
        assert_int_equal(xc_document_set_data(doc, i ? "nopos" : "pos", i ? 5 : 3), XC_OK);
        assert_int_equal(xc_database_replace_document(w, i ? "Qnopos" : "Qpos", doc, NULL), XC_OK);
        xc_document_destroy(doc);
    }
    assert_int_equal(xc_database_commit(w), XC_OK);
    xc_queryparser *qp = NULL;
    assert_int_equal(xc_queryparser_create(&qp), XC_OK);
    assert_string_equal(hits(w, qp, "\"sanctions were\"", XC_QP_DEFAULT), "pos");
    assert_string_equal(hits(w, qp, "sanctions were", XC_QP_DEFAULT), "nopos pos");
    xc_queryparser_destroy(qp);
    xc_termgen_destroy(tg);
    xc_database_destroy(w);
}

static void test_stopper(void **state)
{
    (void)state;
    const char *words[] = {"the", NULL, "of"};
    xc_stopper *s = NULL;
    assert_int_equal(xc_stopper_create(words, 3, &s), XC_OK);
    assert_int_equal(xc_stopper_is_stopword(s, "the"), 1);
    assert_int_equal(xc_stopper_is_stopword(s, "of"), 1);
    assert_int_equal(xc_stopper_is_stopword(s, "sanctions"), 0);
    assert_int_equal(xc_stopper_is_stopword(s, NULL), 0);

    /* The stopper outlives its handle while a termgen or parser uses it. */
    xc_termgen *tg = NULL;
    xc_queryparser *qp = NULL;
    assert_int_equal(xc_termgen_create("english", &tg), XC_OK);
    assert_int_equal(xc_termgen_set_stopper(tg, s), XC_OK);
    assert_int_equal(xc_queryparser_create(&qp), XC_OK);
    assert_int_equal(xc_queryparser_set_stemmer(qp, "english"), XC_OK);
    assert_int_equal(xc_queryparser_set_stopper(qp, s), XC_OK);
    xc_stopper_destroy(s);

    /* Stopwords are indexed, but not stemmed (Xapian's STOP_STEMMED). */
    xc_document *doc = NULL;
    struct collector c = {0};
    const char *text = "the sanctions";
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(xc_termgen_set_document(tg, doc), XC_OK);
    assert_int_equal(xc_termgen_index_text(tg, text, strlen(text), 1, NULL), XC_OK);
    assert_int_equal(xc_document_termlist(doc, NULL, collect_term_wdf, &c), XC_OK);
    assert_string_equal(c.s, "Zsanction:1 sanctions:1 the:1");
    xc_document_destroy(doc);

    xc_query *q = NULL;
    memset(&c, 0, sizeof c);
    assert_int_equal(xc_queryparser_parse(qp, "the sanctions", XC_QP_DEFAULT, &q), XC_OK);
    assert_int_equal(xc_queryparser_stoplist(qp, collect_term, &c), XC_OK);
    assert_string_equal(c.s, "the");
    memset(&c, 0, sizeof c);
    assert_int_equal(xc_query_terms(q, collect_term, &c), XC_OK);
    assert_string_equal(c.s, "Zsanction");
    xc_query_destroy(q);

    /* NULL removes it. */
    assert_int_equal(xc_queryparser_set_stopper(qp, NULL), XC_OK);
    assert_int_equal(xc_termgen_set_stopper(tg, NULL), XC_OK);
    assert_int_equal(xc_queryparser_parse(qp, "the sanctions", XC_QP_DEFAULT, &q), XC_OK);
    memset(&c, 0, sizeof c);
    assert_int_equal(xc_queryparser_stoplist(qp, collect_term, &c), XC_OK);
    assert_int_equal(c.calls, 0);
    xc_query_destroy(q);
    xc_queryparser_destroy(qp);
    xc_termgen_destroy(tg);

    assert_int_equal(xc_stopper_create(NULL, 0, &s), XC_OK);   /* empty list */
    assert_int_equal(xc_stopper_is_stopword(s, "the"), 0);
    xc_stopper_destroy(s);
}

/* ------------------------------------------------------------------------ */
/* Spelling                                                                  */
/* ------------------------------------------------------------------------ */

static void test_spelling(void **state)
{
    (void)state;
    xc_database *db = open_fixture("spelling");   /* indexed with XC_TG_SPELLING */
    char *s = NULL;
    assert_int_equal(xc_database_spelling_suggestion(db, "sanctons", &s), XC_OK);
    assert_string_equal(s, "sanctions");
    free(s);
    assert_int_equal(xc_database_spelling_suggestion(db, "sanctions", &s), XC_OK);
    assert_string_equal(s, "");   /* already right */
    free(s);

    xc_queryparser *qp = fixture_parser(db);
    xc_query *q = NULL;
    assert_int_equal(
        xc_queryparser_parse(qp, "sanctons russia", XC_QP_DEFAULT | XC_QP_SPELLING_CORRECTION, &q),
        XC_OK);
    assert_string_equal(xc_queryparser_corrected_query(qp), "sanctions russia");
    xc_query_destroy(q);
    assert_int_equal(
        xc_queryparser_parse(qp, "sanctions", XC_QP_DEFAULT | XC_QP_SPELLING_CORRECTION, &q),
        XC_OK);
    assert_string_equal(xc_queryparser_corrected_query(qp), "");
    xc_query_destroy(q);

    /* XC_QP_SPELLING_UNKNOWN: the same correction when a word is unknown. */
    assert_int_equal(xc_queryparser_parse(qp, "sanctons russia",
                                          XC_QP_DEFAULT | XC_QP_SPELLING_UNKNOWN, &q),
                     XC_OK);
    assert_string_equal(xc_queryparser_corrected_query(qp), "sanctions russia");
    xc_query_destroy(q);
    assert_int_equal(xc_queryparser_parse(qp, "\"sanctons on\" russia",
                                          XC_QP_DEFAULT | XC_QP_SPELLING_UNKNOWN, &q),
                     XC_OK);
    assert_string_equal(xc_queryparser_corrected_query(qp), "\"sanctions on\" russia");
    xc_query_destroy(q);
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);

    /* add_spelling directly, visible after commit. */
    TMP_PATH(path, "spelling2");
    xc_database *w = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &w, NULL), XC_OK);
    assert_int_equal(xc_database_add_spelling(w, "zelensky", 3), XC_OK);
    assert_int_equal(xc_database_commit(w), XC_OK);
    assert_int_equal(xc_database_spelling_suggestion(w, "zelenski", &s), XC_OK);
    assert_string_equal(s, "zelensky");
    free(s);
    xc_database_destroy(w);
}

/* XC_QP_SPELLING_UNKNOWN leaves words the index knows alone, even where
 * XC_QP_SPELLING_CORRECTION offers a more frequent neighbour. */
static void test_spelling_unknown_only(void **state)
{
    (void)state;
    static const char *const texts[] = {"sanction", "sanctions", "sanctions", "sanctions"};
    TMP_PATH(path, "spelling-known");
    xc_database *w = NULL;
    xc_termgen *tg = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &w, NULL), XC_OK);
    assert_int_equal(xc_termgen_create("english", &tg), XC_OK);
    assert_int_equal(xc_termgen_set_database(tg, w), XC_OK);
    assert_int_equal(xc_termgen_set_flags(tg, XC_TG_SPELLING), XC_OK);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        xc_document *doc = NULL;
        assert_int_equal(xc_document_create(&doc), XC_OK);
        assert_int_equal(xc_termgen_set_document(tg, doc), XC_OK);
        assert_int_equal(xc_termgen_index_text(tg, texts[i], strlen(texts[i]), 1, NULL), XC_OK);
        char id[8];
        snprintf(id, sizeof id, "Q%zu", i);
        assert_int_equal(xc_database_replace_document(w, id, doc, NULL), XC_OK);
        xc_document_destroy(doc);
    }
    assert_int_equal(xc_database_commit(w), XC_OK);
    xc_termgen_destroy(tg);
    xc_database_destroy(w);

    xc_database *db = NULL;
    assert_int_equal(xc_database_open(path, &db, NULL), XC_OK);
    xc_queryparser *qp = fixture_parser(db);
    xc_query *q = NULL;
    assert_int_equal(
        xc_queryparser_parse(qp, "sanction", XC_QP_DEFAULT | XC_QP_SPELLING_CORRECTION, &q),
        XC_OK);
    assert_string_equal(xc_queryparser_corrected_query(qp), "sanctions");
    xc_query_destroy(q);
    assert_int_equal(
        xc_queryparser_parse(qp, "sanction", XC_QP_DEFAULT | XC_QP_SPELLING_UNKNOWN, &q), XC_OK);
    assert_string_equal(xc_queryparser_corrected_query(qp), "");
    char *d = xc_query_description(q);
    assert_non_null(d);
    assert_non_null(strstr(d, "sanction"));
    free(d);
    xc_query_destroy(q);
    /* One unknown word: the correction, as XC_QP_SPELLING_CORRECTION makes it. */
    assert_int_equal(xc_queryparser_parse(qp, "sanction sanctons",
                                          XC_QP_DEFAULT | XC_QP_SPELLING_UNKNOWN, &q),
                     XC_OK);
    assert_string_equal(xc_queryparser_corrected_query(qp), "sanctions sanctions");
    xc_query_destroy(q);
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

/* A termgen holding the database keeps it alive after xc_database_destroy,
 * and still commits nothing. */
static void test_termgen_outlives_database(void **state)
{
    (void)state;
    TMP_PATH(path, "tg-outlives");
    xc_database *w = NULL;
    xc_termgen *tg = NULL;
    xc_document *doc = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &w, NULL), XC_OK);
    assert_int_equal(xc_database_commit(w), XC_OK);
    assert_int_equal(xc_termgen_create("english", &tg), XC_OK);
    assert_int_equal(xc_termgen_set_database(tg, w), XC_OK);
    assert_int_equal(xc_termgen_set_flags(tg, XC_TG_SPELLING), XC_OK);
    xc_database_destroy(w);
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(xc_termgen_set_document(tg, doc), XC_OK);
    assert_int_equal(xc_termgen_index_text(tg, "sanctions", 9, 1, NULL), XC_OK);
    xc_termgen_destroy(tg);   /* the last reference: cancelled, not committed */
    xc_document_destroy(doc);

    xc_database *r = NULL;
    char *s = NULL;
    assert_int_equal(xc_database_open(path, &r, NULL), XC_OK);
    assert_int_equal(xc_database_spelling_suggestion(r, "sanctons", &s), XC_OK);
    assert_string_equal(s, "");
    free(s);
    xc_database_destroy(r);
}

/* ------------------------------------------------------------------------ */
/* Queries                                                                   */
/* ------------------------------------------------------------------------ */

static void assert_description(const xc_query *q, const char *expected)
{
    char *d = xc_query_description(q);
    assert_non_null(d);
    assert_string_equal(d, expected);
    free(d);
}

static void test_query_api(void **state)
{
    (void)state;
    xc_query *a = NULL, *b = NULL, *q = NULL;
    struct collector c = {0};

    assert_int_equal(xc_query_term("a", 1, 0, &a), XC_OK);
    assert_int_equal(xc_query_term("b", 2, 3, &b), XC_OK);
    assert_description(a, "Query(a)");
    assert_description(b, "Query(b#2@3)");
    assert_int_equal(xc_query_empty(a), 0);

    assert_int_equal(xc_query_match_all(&q), XC_OK);
    assert_description(q, "Query(<alldocuments>)");
    assert_int_equal(xc_query_empty(q), 0);
    xc_query_destroy(q);
    assert_int_equal(xc_query_match_nothing(&q), XC_OK);
    assert_int_equal(xc_query_empty(q), 1);
    assert_description(q, "Query()");
    xc_query_destroy(q);

    xc_query *subs[] = {a, NULL, b, a};
    assert_int_equal(xc_query_combine(XC_OP_AND, subs, 3, 0, &q), XC_OK);
    assert_description(q, "Query((a AND b#2@3))");
    xc_query_destroy(q);
    assert_int_equal(xc_query_combine(XC_OP_OR, subs, 4, 0, &q), XC_OK);
    assert_int_equal(xc_query_terms(q, collect_term, &c), XC_OK);
    assert_string_equal(c.s, "a b");   /* distinct, in query order */
    memset(&c, 0, sizeof c);
    c.limit = 1;
    assert_int_equal(xc_query_terms(q, collect_term, &c), XC_OK);
    assert_string_equal(c.s, "a");
    xc_query_destroy(q);
    assert_int_equal(xc_query_combine(XC_OP_NEAR, subs, 3, 5, &q), XC_OK);
    assert_description(q, "Query((a NEAR 5 b#2@3))");
    xc_query_destroy(q);
    assert_int_equal(xc_query_combine(XC_OP_AND, subs, 0, 0, &q), XC_OK);
    assert_int_equal(xc_query_empty(q), 1);
    xc_query_destroy(q);
    /* A window on AND: Xapian's InvalidArgumentError. */
    q = a;
    assert_int_equal(xc_query_combine(XC_OP_AND, subs, 3, 3, &q), XC_INVALID_ARGUMENT);
    assert_null(q);
    assert_int_equal(xc_query_combine((xc_query_op)99, subs, 3, 0, &q), XC_INVALID_ARGUMENT);
    assert_null(q);
    static const struct {
        xc_query_op op;
        const char *desc;
    } ops[] = {
        {XC_OP_AND_NOT, "Query((a AND_NOT b#2@3))"},
        {XC_OP_XOR, "Query((a XOR b#2@3))"},
        {XC_OP_AND_MAYBE, "Query((a AND_MAYBE b#2@3))"},
        {XC_OP_FILTER, "Query((a FILTER b#2@3))"},
        {XC_OP_SYNONYM, "Query((a SYNONYM b#2@3))"},
        {XC_OP_PHRASE, "Query((a PHRASE 2 b#2@3))"},
        {XC_OP_ELITE_SET, "Query((a ELITE_SET 10 b#2@3))"},
        {XC_OP_MAX, "Query((a MAX b#2@3))"},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; ++i) {
        assert_int_equal(xc_query_combine(ops[i].op, subs, 3, 0, &q), XC_OK);
        assert_description(q, ops[i].desc);
        xc_query_destroy(q);
    }

    assert_int_equal(xc_query_value_range(0, "a", "b", &q), XC_OK);
    assert_description(q, "Query(VALUE_RANGE 0 a b)");
    xc_query_destroy(q);
    assert_int_equal(xc_query_value_range(1, "a", NULL, &q), XC_OK);
    assert_description(q, "Query(VALUE_GE 1 a)");
    xc_query_destroy(q);
    assert_int_equal(xc_query_value_range(1, NULL, "b", &q), XC_OK);
    assert_description(q, "Query(VALUE_LE 1 b)");
    xc_query_destroy(q);
    assert_int_equal(xc_query_value_range(0xFFFFFFFFu, "a", "b", &q), XC_INVALID_ARGUMENT);
    assert_null(q);

    assert_int_equal(xc_query_scale_weight(a, 2.5, &q), XC_OK);
    assert_description(q, "Query(2.5 * a)");
    xc_query_destroy(q);
    assert_int_equal(xc_query_scale_weight(a, -1.0, &q), XC_INVALID_ARGUMENT);
    assert_null(q);

    xc_query_destroy(a);
    xc_query_destroy(b);
}

/* ------------------------------------------------------------------------ */
/* Query parser                                                              */
/* ------------------------------------------------------------------------ */

static void test_queryparser_syntax(void **state)
{
    (void)state;
    xc_queryparser *qp = NULL;
    xc_query *q = NULL;
    assert_int_equal(xc_queryparser_create(&qp), XC_OK);

    q = (xc_query *)qp;
    assert_int_equal(xc_queryparser_parse(qp, "AND OR (", XC_QP_DEFAULT, &q), XC_QUERY_SYNTAX);
    assert_null(q);
    assert_string_equal(xc_queryparser_error(qp),
                        "Xapian::QueryParserError: Syntax: <expression> AND <expression>");
    assert_int_equal(xc_queryparser_parse(qp, "foo NOT", XC_QP_DEFAULT, &q), XC_QUERY_SYNTAX);

    /* Unbalanced quotes and brackets are forgiven by Xapian. */
    assert_int_equal(xc_queryparser_parse(qp, "\"unbalanced", XC_QP_DEFAULT, &q), XC_OK);
    assert_string_equal(xc_queryparser_error(qp), "");
    xc_query_destroy(q);

    assert_int_equal(xc_queryparser_parse(qp, "x", 1u << 20, &q), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_queryparser_set_default_op(qp, XC_OP_XOR), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_queryparser_set_default_op(qp, XC_OP_AND), XC_OK);
    assert_int_equal(xc_queryparser_set_stemmer(qp, "klingon"), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_queryparser_set_stemmer(qp, "none"), XC_OK);
    assert_int_equal(xc_queryparser_set_stemming_strategy(qp, (xc_stem_strategy)77),
                     XC_INVALID_ARGUMENT);
    assert_int_equal(xc_queryparser_set_stemming_strategy(qp, XC_STEM_ALL_Z), XC_OK);
    assert_int_equal(xc_queryparser_set_stemming_strategy(qp, XC_STEM_ALL), XC_OK);
    assert_int_equal(xc_queryparser_set_stemming_strategy(qp, XC_STEM_NONE), XC_OK);
    assert_int_equal(xc_queryparser_set_stemming_strategy(qp, XC_STEM_SOME_FULL_POS), XC_OK);
    assert_int_equal(xc_queryparser_add_range(qp, 0xFFFFFFFFu, "x", XC_RANGE_DATE),
                     XC_INVALID_ARGUMENT);
    assert_int_equal(xc_queryparser_add_range(qp, 1, "x", (xc_range_kind)9), XC_INVALID_ARGUMENT);

    /* Default AND: both words. */
    assert_int_equal(xc_queryparser_parse(qp, "a b", XC_QP_DEFAULT, &q), XC_OK);
    assert_description(q, "Query((a@1 AND b@2))");
    xc_query_destroy(q);
    xc_queryparser_destroy(qp);
}

static void test_queryparser_prefixes(void **state)
{
    (void)state;
    xc_database *db = open_fixture("prefixes");
    xc_queryparser *qp = fixture_parser(db);

    assert_string_equal(hits(db, qp, "sanctions", XC_QP_DEFAULT), "a1 a2 a3");
    assert_string_equal(hits(db, qp, "title:sanctions", XC_QP_DEFAULT), "a1 a2");
    assert_string_equal(hits(db, qp, "person:jake-sullivan", XC_QP_DEFAULT), "a1 a3 a5");
    assert_string_equal(hits(db, qp, "sanctions person:jake-sullivan", XC_QP_DEFAULT), "a1 a3");
    assert_string_equal(hits(db, qp, "source:cnn", XC_QP_DEFAULT), "a1 a5");
    /* exclusive: two values of one field are ORed. */
    assert_string_equal(
        hits(db, qp, "person:ursula-von-der-leyen person:volodymyr-zelensky", XC_QP_DEFAULT),
        "a2 a3");
    assert_string_equal(hits(db, qp, "sanctions -person:jake-sullivan", XC_QP_DEFAULT), "a2");

    /* Not exclusive: ANDed. */
    xc_queryparser *qp2 = NULL;
    assert_int_equal(xc_queryparser_create(&qp2), XC_OK);
    assert_int_equal(xc_queryparser_add_boolean_prefix(qp2, "person", "XP", 0), XC_OK);
    assert_string_equal(
        hits(db, qp2, "person:ursula-von-der-leyen person:volodymyr-zelensky", XC_QP_DEFAULT), "");
    assert_string_equal(hits(db, qp2, "person:jake-sullivan person:yang-jiechi", XC_QP_DEFAULT),
                        "a1 a5");
    /* "" as field: a default prefix for free text. */
    assert_int_equal(xc_queryparser_add_prefix(qp2, "", "S"), XC_OK);
    assert_string_equal(hits(db, qp2, "rally", XC_QP_DEFAULT), "a4");   /* title only */
    assert_string_equal(hits(db, qp2, "rallied", XC_QP_DEFAULT), "");   /* body only */
    xc_queryparser_destroy(qp2);

    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

static void test_wildcard_and_partial(void **state)
{
    (void)state;
    xc_database *db = open_fixture("wildcard");
    xc_queryparser *qp = fixture_parser(db);
    assert_string_equal(hits(db, qp, "sanc*", XC_QP_DEFAULT | XC_QP_WILDCARD), "a1 a2 a3");
    assert_string_equal(hits(db, qp, "sanc*", XC_QP_DEFAULT), "");   /* just "sanc" */
    assert_string_equal(hits(db, qp, "istan", XC_QP_DEFAULT | XC_QP_PARTIAL), "a3");
    assert_string_equal(hits(db, qp, "sanctions AND russia", XC_QP_DEFAULT), "a1 a2");
    assert_string_equal(hits(db, qp, "sanctions and russia", XC_QP_DEFAULT | XC_QP_BOOLEAN_ANY_CASE),
                        "a1 a2");
    assert_string_equal(hits(db, qp, "NOT sanctions", XC_QP_DEFAULT | XC_QP_PURE_NOT), "a4 a5");
    assert_string_equal(hits(db, qp, "sanctions", XC_QP_DEFAULT | XC_QP_SYNONYM), "a1 a2 a3");
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

static void test_ranges(void **state)
{
    (void)state;
    xc_database *db = open_fixture("ranges");
    xc_queryparser *qp = fixture_parser(db);
    assert_string_equal(hits(db, qp, "date:2022-03-01..2022-03-31", XC_QP_DEFAULT), "a1 a2 a5");
    assert_string_equal(hits(db, qp, "date:20220301..20220331", XC_QP_DEFAULT), "a1 a2 a5");
    assert_string_equal(hits(db, qp, "date:2022-03-01..20220331", XC_QP_DEFAULT), "a1 a2 a5");
    assert_string_equal(hits(db, qp, "date:2022-04-01..", XC_QP_DEFAULT), "a3");
    assert_string_equal(hits(db, qp, "date:..2022-02-28", XC_QP_DEFAULT), "a4");
    assert_string_equal(hits(db, qp, "sanctions date:2022-03-01..2022-03-31", XC_QP_DEFAULT),
                        "a1 a2");
    assert_string_equal(hits(db, qp, "from:b..d", XC_QP_DEFAULT), "a1 a3 a5");
    assert_string_equal(hits(db, qp, "n:2..4", XC_QP_DEFAULT), "a2 a3 a4");

    /* A range with no field. */
    xc_queryparser *qp2 = NULL;
    assert_int_equal(xc_queryparser_create(&qp2), XC_OK);
    assert_int_equal(xc_queryparser_add_range(qp2, SLOT_DATE, "", XC_RANGE_DATE), XC_OK);
    assert_string_equal(hits(db, qp2, "2022-03-14..2022-03-14", XC_QP_DEFAULT), "a1 a5");
    xc_queryparser_destroy(qp2);

    /* The same through xc_query_value_range. */
    static const struct {
        const char *lo, *hi, *ids;
    } cases[] = {
        {"20220301", "20220331", "a1 a2 a5"},
        {"20220401", NULL, "a3"},
        {NULL, "20220215", "a4"},
        {NULL, NULL, "a1 a2 a3 a4 a5"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        xc_query *q = NULL;
        char out[128];
        assert_int_equal(xc_query_value_range(SLOT_DATE, cases[i].lo, cases[i].hi, &q), XC_OK);
        ids_of_query(db, q, 1, out, sizeof out);
        assert_string_equal(out, cases[i].ids);
        xc_query_destroy(q);
    }
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

/* A field the caller maps itself: country names to ISO codes. */
static xc_status country_field(void *ctx, const char *value, xc_query **query,
                               const char **message)
{
    int *calls = ctx;
    ++*calls;
    (void)message;
    const char *code = NULL;
    if (strcmp(value, "us") == 0 || strcmp(value, "United States") == 0)
        code = "XCus";
    else if (strcmp(value, "ru") == 0 || strcmp(value, "Russia") == 0)
        code = "XCru";
    if (!code)
        return XC_NOT_FOUND;
    return xc_query_term(code, 1, 0, query);
}

/* Fails with its own message, leaving a query behind for the parser. */
static xc_status picky_field(void *ctx, const char *value, xc_query **query,
                             const char **message)
{
    (void)ctx;
    (void)value;
    assert_int_equal(xc_query_term("leftover", 1, 0, query), XC_OK);
    *message = "picky says no";
    return XC_INVALID_ARGUMENT;
}

static void test_field_processor(void **state)
{
    (void)state;
    xc_database *db = open_fixture("fields");
    xc_queryparser *qp = fixture_parser(db);
    int calls = 0;
    assert_int_equal(xc_queryparser_add_field(qp, "country", 1, country_field, &calls), XC_OK);
    assert_int_equal(xc_queryparser_add_field(qp, "picky", 0, picky_field, NULL), XC_OK);

    assert_string_equal(hits(db, qp, "country:us", XC_QP_DEFAULT), "a1 a3 a5");
    assert_string_equal(hits(db, qp, "country:\"United States\"", XC_QP_DEFAULT), "a1 a3 a5");
    assert_string_equal(hits(db, qp, "sanctions country:Russia", XC_QP_DEFAULT), "a1 a2");
    assert_int_equal(calls, 3);

    xc_query *q = (xc_query *)qp;
    assert_int_equal(xc_queryparser_parse(qp, "country:Atlantis", XC_QP_DEFAULT, &q),
                     XC_QUERY_SYNTAX);
    assert_null(q);
    assert_string_equal(xc_queryparser_error(qp), "unknown country: Atlantis");
    assert_int_equal(xc_queryparser_parse(qp, "picky:x", XC_QP_DEFAULT, &q), XC_QUERY_SYNTAX);
    assert_null(q);
    assert_string_equal(xc_queryparser_error(qp), "picky says no");
    /* The first failure is the one reported. */
    assert_int_equal(xc_queryparser_parse(qp, "country:Mu picky:x country:Oz", XC_QP_DEFAULT, &q),
                     XC_QUERY_SYNTAX);
    assert_string_equal(xc_queryparser_error(qp), "unknown country: Mu");
    /* And the next parse starts afresh. */
    assert_string_equal(hits(db, qp, "country:ru", XC_QP_DEFAULT), "a1 a2");
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

/* ------------------------------------------------------------------------ */
/* Enquire, MSet                                                             */
/* ------------------------------------------------------------------------ */

static xc_enquire *enquire_for(xc_database *db, xc_queryparser *qp, const char *qs)
{
    xc_enquire *enq = NULL;
    xc_query *q = NULL;
    assert_int_equal(xc_queryparser_parse(qp, qs, XC_QP_DEFAULT, &q), XC_OK);
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xc_enquire_set_query(enq, q, 0), XC_OK);
    xc_query_destroy(q);
    return enq;
}

static void ranked_ids(xc_mset *m, char *out, size_t n)
{
    out[0] = '\0';
    for (unsigned i = 0; i < xc_mset_size(m); ++i) {
        xc_document *doc = NULL;
        const char *data;
        size_t len;
        assert_int_equal(xc_mset_document(m, i, &doc), XC_OK);
        assert_int_equal(xc_document_get_data(doc, &data, &len), XC_OK);
        size_t used = strlen(out);
        snprintf(out + used, n - used, "%s%.*s", i ? " " : "", (int)len, data);
        xc_document_destroy(doc);
    }
}

static void test_mset(void **state)
{
    (void)state;
    xc_database *db = open_fixture("mset");
    xc_queryparser *qp = fixture_parser(db);
    xc_enquire *enq = enquire_for(db, qp, "sanctions");
    xc_mset *m = NULL;

    assert_int_equal(xc_enquire_get_mset(enq, 0, 2, N_BRIEFS, &m), XC_OK);
    assert_int_equal(xc_mset_size(m), 2);
    unsigned lo, est, hi;
    xc_mset_estimates(m, &lo, &est, &hi);
    assert_int_equal(lo, 3);
    assert_int_equal(est, 3);
    assert_int_equal(hi, 3);

    xc_hit h0, h1;
    assert_int_equal(xc_mset_hit(m, 0, &h0), XC_OK);
    assert_int_equal(xc_mset_hit(m, 1, &h1), XC_OK);
    assert_int_equal(h0.rank, 0);
    assert_int_equal(h1.rank, 1);
    assert_true(h0.weight >= h1.weight);
    assert_true(h0.weight > 0);
    assert_int_equal(h0.percent, 100);
    assert_true(h1.percent > 0 && h1.percent <= 100);
    assert_int_equal(xc_mset_hit(m, 2, &h0), XC_INVALID_ARGUMENT);
    assert_non_null(strstr(xc_mset_error(m), "out of range"));
    xc_document *doc = (xc_document *)m;
    assert_int_equal(xc_mset_document(m, 2, &doc), XC_INVALID_ARGUMENT);
    assert_null(doc);
    assert_int_equal(xc_mset_document(m, 0, &doc), XC_OK);
    assert_int_equal(xc_document_docid(doc), h0.docid);
    xc_document_destroy(doc);
    xc_mset_destroy(m);

    /* The next page: the third hit, ranked 2. */
    assert_int_equal(xc_enquire_get_mset(enq, 2, 10, 0, &m), XC_OK);
    assert_int_equal(xc_mset_size(m), 1);
    assert_int_equal(xc_mset_hit(m, 0, &h0), XC_OK);
    assert_int_equal(h0.rank, 2);
    xc_mset_destroy(m);

    /* An MSet outlives its enquire. */
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_OK);
    xc_enquire_destroy(enq);
    char ids[64];
    ranked_ids(m, ids, sizeof ids);
    assert_int_equal(strlen(ids), strlen("a1 a2 a3"));
    xc_mset_destroy(m);

    /* No query set: no match. */
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_OK);
    assert_int_equal(xc_mset_size(m), 0);
    xc_mset_destroy(m);
    xc_enquire_destroy(enq);

    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

static double top_weight(xc_enquire *enq)
{
    xc_mset *m = NULL;
    xc_hit h;
    assert_int_equal(xc_enquire_get_mset(enq, 0, 1, 0, &m), XC_OK);
    assert_int_equal(xc_mset_hit(m, 0, &h), XC_OK);
    xc_mset_destroy(m);
    return h.weight;
}

static void test_weighting_sorting_cutoff(void **state)
{
    (void)state;
    xc_database *db = open_fixture("weighting");
    xc_queryparser *qp = fixture_parser(db);
    xc_enquire *enq = enquire_for(db, qp, "sanctions russia");
    xc_mset *m = NULL;
    char ids[128];

    /* BM25 parameters change the weights; Xapian's defaults give them back. */
    double w_default = top_weight(enq);
    assert_int_equal(xc_enquire_set_bm25(enq, 2.0, 0.0, 1.0, 1.0, 0.5), XC_OK);
    double w_changed = top_weight(enq);
    assert_true(w_changed != w_default);
    assert_int_equal(xc_enquire_set_bm25(enq, 1.0, 0.0, 1.0, 0.5, 0.5), XC_OK);
    assert_true(top_weight(enq) == w_default);
    assert_int_equal(xc_enquire_set_bm25(enq, 0.0, 0.0, 0.0, 0.0, 0.0), XC_OK);
    assert_true(top_weight(enq) != w_default);
    assert_int_equal(xc_enquire_set_bm25(enq, 1.0, 0.0, 1.0, 0.5, 0.5), XC_OK);

    /* Boolean weighting: the same matches, each weighing 0; counting only
     * (no hits) still gives the exact total. */
    assert_int_equal(xc_enquire_set_boolean_weighting(NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_enquire_set_boolean_weighting(enq), XC_OK);
    assert_true(top_weight(enq) == 0.0);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 0, N_BRIEFS, &m), XC_OK);
    assert_int_equal(xc_mset_size(m), 0);
    unsigned lower, estimated, upper;
    xc_mset_estimates(m, &lower, &estimated, &upper);
    assert_int_equal(lower, 4);   /* a1 a2 a3 a5 */
    assert_int_equal(upper, 4);
    xc_mset_destroy(m);
    assert_int_equal(xc_enquire_set_bm25(enq, 1.0, 0.0, 1.0, 0.5, 0.5), XC_OK);
    assert_true(top_weight(enq) == w_default);

    /* Cutoff: only the hits at 100%. */
    assert_int_equal(xc_enquire_set_cutoff(enq, 101), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_enquire_set_cutoff(enq, -1), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, N_BRIEFS, &m), XC_OK);
    unsigned all = xc_mset_size(m);
    xc_mset_destroy(m);
    assert_int_equal(all, 4);   /* a1 a2 a3 a5 */
    assert_int_equal(xc_enquire_set_cutoff(enq, 100), XC_OK);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, N_BRIEFS, &m), XC_OK);
    assert_true(xc_mset_size(m) >= 1 && xc_mset_size(m) < all);
    for (unsigned i = 0; i < xc_mset_size(m); ++i) {
        xc_hit h;
        assert_int_equal(xc_mset_hit(m, i, &h), XC_OK);
        assert_int_equal(h.percent, 100);
    }
    xc_mset_destroy(m);
    assert_int_equal(xc_enquire_set_cutoff(enq, 0), XC_OK);
    xc_enquire_destroy(enq);

    /* Sort by date, then relevance. */
    xc_query *q = NULL;
    assert_int_equal(xc_query_match_all(&q), XC_OK);
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xc_enquire_set_query(enq, q, 0), XC_OK);
    xc_query_destroy(q);
    assert_int_equal(xc_enquire_set_sort_by_value_then_relevance(enq, SLOT_DATE, 0), XC_OK);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_OK);
    ranked_ids(m, ids, sizeof ids);
    assert_string_equal(ids, "a4 a2 a1 a5 a3");
    xc_mset_destroy(m);
    assert_int_equal(xc_enquire_set_sort_by_value_then_relevance(enq, SLOT_DATE, 1), XC_OK);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_OK);
    ranked_ids(m, ids, sizeof ids);
    assert_string_equal(ids, "a3 a1 a5 a2 a4");
    xc_mset_destroy(m);
    assert_int_equal(xc_enquire_set_sort_by_value_then_relevance(enq, SLOT_NUMBER, 1), XC_OK);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_OK);
    ranked_ids(m, ids, sizeof ids);
    assert_string_equal(ids, "a5 a4 a3 a2 a1");
    xc_mset_destroy(m);
    assert_int_equal(xc_enquire_set_sort_by_value_then_relevance(enq, 0xFFFFFFFFu, 0),
                     XC_INVALID_ARGUMENT);
    assert_int_equal(xc_enquire_set_sort_by_relevance(enq), XC_OK);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_OK);
    ranked_ids(m, ids, sizeof ids);
    assert_string_equal(ids, "a1 a2 a3 a4 a5");   /* all weight 0: docid order */
    xc_mset_destroy(m);
    xc_enquire_destroy(enq);

    /* A scaled query ranks by the heavier part. */
    xc_query *title = NULL, *body = NULL, *scaled = NULL, *both = NULL;
    assert_int_equal(xc_query_term("ZSrussia", 1, 0, &title), XC_OK);
    assert_int_equal(xc_query_term("Zmarket", 1, 0, &body), XC_OK);
    assert_int_equal(xc_query_scale_weight(body, 10.0, &scaled), XC_OK);
    xc_query *subs[] = {title, scaled};
    assert_int_equal(xc_query_combine(XC_OP_OR, subs, 2, 0, &both), XC_OK);
    ids_of_query(db, both, 0, ids, sizeof ids);
    assert_string_equal(ids, "a4 a2");
    xc_query_destroy(title);
    xc_query_destroy(body);
    xc_query_destroy(scaled);
    xc_query_destroy(both);

    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

static void test_matching_terms(void **state)
{
    (void)state;
    xc_database *db = open_fixture("matching");
    xc_queryparser *qp = fixture_parser(db);
    xc_enquire *enq = enquire_for(db, qp, "sanctions OR russia OR markets");
    struct collector c = {0};
    assert_int_equal(xc_enquire_matching_terms(enq, 2, collect_term, &c), XC_OK);   /* a2 */
    assert_string_equal(c.s, "Zsanction Zrussia");
    memset(&c, 0, sizeof c);
    assert_int_equal(xc_enquire_matching_terms(enq, 4, collect_term, &c), XC_OK);   /* a4 */
    assert_string_equal(c.s, "Zmarket");
    memset(&c, 0, sizeof c);
    c.limit = 1;
    assert_int_equal(xc_enquire_matching_terms(enq, 1, collect_term, &c), XC_OK);
    assert_int_equal(c.calls, 1);
    assert_int_equal(xc_enquire_matching_terms(enq, 0, collect_term, &c), XC_NOT_FOUND);
    assert_int_equal(xc_enquire_matching_terms(enq, 1, NULL, NULL), XC_INVALID_ARGUMENT);
    xc_enquire_destroy(enq);
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

static void test_snippet(void **state)
{
    (void)state;
    xc_database *db = open_fixture("snippet");
    xc_queryparser *qp = fixture_parser(db);
    xc_enquire *enq = enquire_for(db, qp, "sanction");
    xc_mset *m = NULL;
    char *s = NULL;
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_OK);

    const char *body = briefs[0].body;
    assert_int_equal(xc_mset_snippet(m, body, strlen(body), 500, "english", 0, "<b>", "</b>",
                                     "...", &s),
                     XC_OK);
    assert_string_equal(s, "The US has warned China about support for Russia amid "
                           "<b>sanctions</b> on Moscow.");
    free(s);

    /* Short: cut text is marked by omit. */
    assert_int_equal(xc_mset_snippet(m, body, strlen(body), 30, "english",
                                     XC_SNIPPET_EXHAUSTIVE | XC_SNIPPET_BACKGROUND_MODEL, "[",
                                     "]", "…", &s),
                     XC_OK);
    assert_non_null(strstr(s, "[sanctions]"));
    assert_non_null(strstr(s, "…"));
    assert_true(strlen(s) < strlen(body));
    free(s);

    const char *other = briefs[3].body;
    assert_int_equal(xc_mset_snippet(m, other, strlen(other), 500, "english",
                                     XC_SNIPPET_EMPTY_WITHOUT_MATCH, "<b>", "</b>", "...", &s),
                     XC_OK);
    assert_string_equal(s, "");
    free(s);
    assert_int_equal(xc_mset_snippet(m, other, strlen(other), 500, NULL, 0, NULL, NULL, NULL, &s),
                     XC_OK);
    assert_string_equal(s, other);
    free(s);
    assert_int_equal(xc_mset_snippet(m, other, strlen(other), 500, "english", 16, "<b>", "</b>",
                                     "...", &s),
                     XC_INVALID_ARGUMENT);
    assert_null(s);
    assert_int_equal(xc_mset_snippet(m, other, strlen(other), 500, "klingon", 0, "<b>", "</b>",
                                     "...", &s),
                     XC_INVALID_ARGUMENT);

    /* Stemmed words are marked with an English stemmer (the snippet stems
     * only words that may give a stemmed query term: query_first_byte_stem),
     * asked again and after a snippet without a stemmer; without one they
     * are not. */
    const char *languages[] = {"english", NULL, "english", "en"};
    for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++) {
        assert_int_equal(xc_mset_snippet(m, body, strlen(body), 500, languages[i], 0, "<b>",
                                         "</b>", "...", &s),
                         XC_OK);
        assert_true((strstr(s, "<b>sanctions</b>") != NULL) == (languages[i] != NULL));
        free(s);
    }
    xc_mset_destroy(m);
    xc_enquire_destroy(enq);
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

static int collect_expand(void *ctx, const char *term, double weight)
{
    struct collector *c = ctx;
    static double last;
    if (c->calls > 0)
        assert_true(weight <= last);
    last = weight;
    collect(c, term);
    return c->limit && c->calls >= c->limit;
}

static void test_expand(void **state)
{
    (void)state;
    xc_database *db = open_fixture("expand");
    xc_queryparser *qp = fixture_parser(db);
    xc_enquire *enq = enquire_for(db, qp, "sanctions");
    struct collector c = {0};
    unsigned rset[] = {1, 2};   /* a1, a2 */

    assert_int_equal(xc_enquire_expand(enq, rset, 2, 10, collect_expand, &c), XC_OK);
    assert_true(c.calls > 0 && c.calls <= 10);
    char buf[sizeof c.s];
    strcpy(buf, c.s);
    for (char *save = NULL, *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        assert_string_not_equal(t, "Zsanction");   /* the query's own term */
        assert_false(t[0] >= 'A' && t[0] <= 'Y');  /* prefixed and boolean terms */
    }
    /* Terms both relevant documents share rank first. */
    assert_non_null(strstr(c.s, "russia"));

    memset(&c, 0, sizeof c);
    c.limit = 2;
    assert_int_equal(xc_enquire_expand(enq, rset, 2, 10, collect_expand, &c), XC_OK);
    assert_int_equal(c.calls, 2);

    memset(&c, 0, sizeof c);
    assert_int_equal(xc_enquire_expand(enq, NULL, 0, 10, collect_expand, &c), XC_OK);
    assert_int_equal(c.calls, 0);   /* empty relevance set */
    unsigned bad[] = {0};
    assert_int_equal(xc_enquire_expand(enq, bad, 1, 10, collect_expand, &c), XC_INVALID_ARGUMENT);
    xc_enquire_destroy(enq);
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

/* ------------------------------------------------------------------------ */
/* Facets                                                                    */
/* ------------------------------------------------------------------------ */

enum { FACET_DOCS = 30, SLOT_TAGS = 4, SLOT_PARITY = 5 };

/* Document i (1..30): "common"; "even" when i is even; slot TAGS holds
 * "all\nm<i%4>", plus a repeated "all" when 5 | i and a trailing separator
 * (an empty item) when 7 | i; slot PARITY holds "even" or "odd". */
static void build_facet_db(const char *name)
{
    TMP_PATH(path, name);
    xc_database *w = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &w, NULL), XC_OK);
    for (int i = 1; i <= FACET_DOCS; ++i) {
        xc_document *doc = NULL;
        char value[64], id[16];
        assert_int_equal(xc_document_create(&doc), XC_OK);
        assert_int_equal(xc_document_add_term(doc, "common", 1), XC_OK);
        if (i % 2 == 0)
            assert_int_equal(xc_document_add_term(doc, "even", 1), XC_OK);
        snprintf(value, sizeof value, "all\nm%d%s%s", i % 4, i % 5 == 0 ? "\nall" : "",
                 i % 7 == 0 ? "\n" : "");
        assert_int_equal(xc_document_add_value(doc, SLOT_TAGS, value, strlen(value)), XC_OK);
        const char *parity = i % 2 ? "odd" : "even";
        assert_int_equal(xc_document_add_value(doc, SLOT_PARITY, parity, strlen(parity)), XC_OK);
        snprintf(id, sizeof id, "Q%d", i);
        assert_int_equal(xc_database_replace_document(w, id, doc, NULL), XC_OK);
        xc_document_destroy(doc);
    }
    assert_int_equal(xc_database_commit(w), XC_OK);
    xc_database_destroy(w);
}

/* "item:count ..." of a counter. */
static const char *facet_string(xc_facets *f)
{
    static char out[512];
    out[0] = '\0';
    size_t n = xc_facets_size(f);
    for (size_t i = 0; i < n; ++i) {
        const char *item;
        unsigned count;
        assert_int_equal(xc_facets_get(f, i, &item, &count), XC_OK);
        size_t used = strlen(out);
        snprintf(out + used, sizeof out - used, "%s%s:%u", i ? " " : "", item, count);
    }
    return out;
}

static void run_term(xc_enquire *enq, const char *term, unsigned checkatleast)
{
    xc_query *q = NULL;
    xc_mset *m = NULL;
    assert_int_equal(xc_query_term(term, 1, 0, &q), XC_OK);
    assert_int_equal(xc_enquire_set_query(enq, q, 0), XC_OK);
    xc_query_destroy(q);
    /* A page of one: the counts must still cover every match. */
    assert_int_equal(xc_enquire_get_mset(enq, 0, 1, checkatleast, &m), XC_OK);
    assert_int_equal(xc_mset_size(m), 1);
    unsigned lo, est, hi;
    xc_mset_estimates(m, &lo, &est, &hi);
    assert_int_equal(lo, hi);
    xc_mset_destroy(m);
}

static void check_facets_over(xc_database *db)
{
    xc_enquire *enq = NULL;
    xc_facets *tags = NULL, *parity = NULL;
    assert_int_equal(xc_facets_create(SLOT_TAGS, '\n', &tags), XC_OK);
    assert_int_equal(xc_facets_create(SLOT_PARITY, '\0', &parity), XC_OK);
    assert_int_equal(xc_facets_size(tags), 0);   /* before any get_mset */
    assert_int_equal(xc_facets_documents_seen(tags), 0);
    const char *item = "x";
    unsigned count;
    assert_int_equal(xc_facets_get(tags, 0, &item, &count), XC_INVALID_ARGUMENT);
    assert_null(item);

    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xc_enquire_add_facets(enq, tags), XC_OK);
    assert_int_equal(xc_enquire_add_facets(enq, tags), XC_OK);   /* twice: counted once */
    assert_int_equal(xc_enquire_add_facets(enq, parity), XC_OK);

    run_term(enq, "even", FACET_DOCS);
    assert_int_equal(xc_facets_documents_seen(tags), 15);
    assert_string_equal(facet_string(tags), "all:15 m2:8 m0:7");
    assert_string_equal(facet_string(parity), "even:15");

    /* A fresh count each get_mset, never accumulated. */
    run_term(enq, "common", FACET_DOCS);
    assert_int_equal(xc_facets_documents_seen(tags), 30);
    assert_string_equal(facet_string(tags), "all:30 m1:8 m2:8 m0:7 m3:7");
    assert_string_equal(facet_string(parity), "even:15 odd:15");
    run_term(enq, "common", FACET_DOCS);
    assert_string_equal(facet_string(tags), "all:30 m1:8 m2:8 m0:7 m3:7");

    assert_int_equal(xc_facets_get(tags, 5, &item, &count), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_facets_get(tags, 0, NULL, &count), XC_INVALID_ARGUMENT);

    /* Either handle may go first: the facets first here ... */
    xc_facets_destroy(parity);
    run_term(enq, "even", FACET_DOCS);
    assert_string_equal(facet_string(tags), "all:15 m2:8 m0:7");
    /* ... the enquire first here: the counts stay readable. */
    xc_enquire_destroy(enq);
    assert_string_equal(facet_string(tags), "all:15 m2:8 m0:7");
    assert_int_equal(xc_facets_documents_seen(tags), 15);

    /* Cleared: the counter is no longer fed. */
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xc_enquire_add_facets(enq, tags), XC_OK);
    assert_int_equal(xc_enquire_clear_facets(enq), XC_OK);
    run_term(enq, "common", FACET_DOCS);
    assert_int_equal(xc_facets_documents_seen(tags), 15);
    xc_enquire_destroy(enq);
    xc_facets_destroy(tags);
}

/* The matcher's count of enq's query over every document, and its facets
 * into want (a string of facet_string). */
static unsigned matcher_count(xc_enquire *enq, xc_facets *f, char *want, size_t n)
{
    xc_mset *m = NULL;
    unsigned lo, est, hi;
    assert_int_equal(xc_enquire_get_mset(enq, 0, 0, 1000000, &m), XC_OK);
    xc_mset_estimates(m, &lo, &est, &hi);
    assert_int_equal(lo, hi);
    xc_mset_destroy(m);
    snprintf(want, n, "%s", facet_string(f));
    return lo;
}

/* Counting without the matcher: the same totals and facet counts as the
 * matcher for queries of terms joined by AND, OR, NOT, FILTER and boolean
 * filters; nothing done for other shapes, a cutoff, or facets without
 * their table yet. */
static void test_count_directly(void **state)
{
    (void)state;
    xc_database *db = open_fixture("count-directly");
    xc_queryparser *qp = fixture_parser(db);
    xc_facets *people = NULL;
    assert_int_equal(xc_facets_create(SLOT_PEOPLE, '\n', &people), XC_OK);
    unsigned count = 99;
    int counted = 1;

    /* No table yet: left to the matcher (which reads the values and, having
     * read as many as there are documents, lets the handle build one). */
    xc_enquire *enq = enquire_for(db, qp, "sanctions OR talks");
    assert_int_equal(xc_enquire_add_facets(enq, people), XC_OK);
    assert_int_equal(xc_enquire_count_directly(enq, &count, &counted), XC_OK);
    assert_int_equal(counted, 0);
    assert_int_equal(count, 99);
    xc_enquire_destroy(enq);
    xc_query *all = NULL;
    assert_int_equal(xc_query_match_all(&all), XC_OK);
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xc_enquire_set_query(enq, all, 0), XC_OK);
    assert_int_equal(xc_enquire_add_facets(enq, people), XC_OK);
    char want[512];
    assert_int_equal(matcher_count(enq, people, want, sizeof want), N_BRIEFS);
    assert_int_equal(xc_enquire_count_directly(enq, &count, &counted), XC_OK);
    assert_int_equal(counted, 1);
    assert_int_equal(count, N_BRIEFS);
    assert_string_equal(facet_string(people), want);
    assert_int_equal(xc_facets_documents_seen(people), N_BRIEFS);
    xc_enquire_destroy(enq);
    xc_query_destroy(all);

    static const char *const direct[] = {
        "sanctions", "sanctions OR talks", "sanctions AND russia", "russia NOT sanctions",
        "title:sanctions", "person:jake-sullivan", "sanctions person:jake-sullivan",
        "talks OR person:yang-jiechi", "(russia OR rome) AND NOT title:talks", "zyzzyva",
        "sanctions AND zyzzyva", "markets"};
    for (size_t i = 0; i < sizeof direct / sizeof direct[0]; ++i) {
        enq = enquire_for(db, qp, direct[i]);
        assert_int_equal(xc_enquire_add_facets(enq, people), XC_OK);
        unsigned expected = matcher_count(enq, people, want, sizeof want);
        unsigned seen = xc_facets_documents_seen(people);
        count = 99;
        assert_int_equal(xc_enquire_count_directly(enq, &count, &counted), XC_OK);
        if (!counted)
            fail_msg("'%s' not counted directly", direct[i]);
        assert_int_equal(count, expected);
        assert_string_equal(facet_string(people), want);
        assert_int_equal(xc_facets_documents_seen(people), seen);
        xc_enquire_destroy(enq);
    }

    /* Shapes the posting lists alone cannot answer, and a cutoff. */
    static const char *const matcher_only[] = {"\"sanctions on\"", "sanc*",
                                               "date:20220301..20220331", "russia NEAR talks"};
    for (size_t i = 0; i < sizeof matcher_only / sizeof matcher_only[0]; ++i) {
        xc_query *q = NULL;
        assert_int_equal(
            xc_queryparser_parse(qp, matcher_only[i], XC_QP_DEFAULT | XC_QP_WILDCARD, &q), XC_OK);
        assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
        assert_int_equal(xc_enquire_set_query(enq, q, 0), XC_OK);
        xc_query_destroy(q);
        assert_int_equal(xc_enquire_add_facets(enq, people), XC_OK);
        assert_int_equal(xc_enquire_count_directly(enq, &count, &counted), XC_OK);
        if (counted)
            fail_msg("'%s' counted directly", matcher_only[i]);
        xc_enquire_destroy(enq);
    }
    enq = enquire_for(db, qp, "sanctions");
    assert_int_equal(xc_enquire_set_cutoff(enq, 50), XC_OK);
    assert_int_equal(xc_enquire_count_directly(enq, &count, &counted), XC_OK);
    assert_int_equal(counted, 0);
    assert_int_equal(xc_enquire_count_directly(enq, NULL, &counted), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_enquire_count_directly(NULL, &count, &counted), XC_INVALID_ARGUMENT);
    xc_enquire_destroy(enq);
    xc_facets_destroy(people);
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

/* n documents from Q<first> on: "common", "even" for even numbers, "third"
 * for multiples of three; slot PARITY "even" or "odd". */
static void write_long_lists(xc_database *w, int first, int n)
{
    for (int i = first; i < first + n; ++i) {
        xc_document *doc = NULL;
        char id[16];
        const char *parity = i % 2 ? "odd" : "even";
        snprintf(id, sizeof id, "Q%d", i);
        assert_int_equal(xc_document_create(&doc), XC_OK);
        assert_int_equal(xc_document_add_term(doc, "common", 1), XC_OK);
        if (i % 2 == 0)
            assert_int_equal(xc_document_add_term(doc, "even", 1), XC_OK);
        if (i % 3 == 0)
            assert_int_equal(xc_document_add_term(doc, "third", 1), XC_OK);
        assert_int_equal(xc_document_add_boolean_term(doc, id), XC_OK);
        assert_int_equal(xc_document_add_value(doc, SLOT_PARITY, parity, strlen(parity)), XC_OK);
        assert_int_equal(xc_database_replace_document(w, id, doc, NULL), XC_OK);
        xc_document_destroy(doc);
    }
    assert_int_equal(xc_database_commit(w), XC_OK);
}

/* Long posting lists: counted directly, over and over, the same as the
 * matcher counts; after a writer adds documents and the handle is
 * reopened (its facet tables rebuilt at once, as prepared), the new ones
 * count too. */
static void test_count_directly_long_lists(void **state)
{
    (void)state;
    TMP_PATH(path, "count-long-lists");
    xc_database *w = NULL, *db = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &w, NULL), XC_OK);
    write_long_lists(w, 1, 3000);
    assert_int_equal(xc_database_open(path, &db, NULL), XC_OK);
    assert_int_equal(xc_database_prepare_facets(db, SLOT_PARITY, '\0'), XC_OK);
    xc_facets *parity = NULL;
    assert_int_equal(xc_facets_create(SLOT_PARITY, '\0', &parity), XC_OK);
    static const char *const queries[][3] = {
        {"common", "", ""}, {"even", "third", "or"}, {"even", "third", "and"},
        {"common", "even", "not"}, {"third", "", ""}};
    for (int phase = 0; phase < 2; ++phase) {
        for (int round = 0; round < 2; ++round) {
            for (size_t i = 0; i < sizeof queries / sizeof queries[0]; ++i) {
                xc_query *pair[2] = {NULL, NULL}, *q = NULL;
                assert_int_equal(xc_query_term(queries[i][0], 1, 0, &pair[0]), XC_OK);
                if (*queries[i][1]) {
                    assert_int_equal(xc_query_term(queries[i][1], 1, 0, &pair[1]), XC_OK);
                    xc_query_op op = strcmp(queries[i][2], "or") == 0    ? XC_OP_OR
                                     : strcmp(queries[i][2], "and") == 0 ? XC_OP_AND
                                                                         : XC_OP_AND_NOT;
                    assert_int_equal(xc_query_combine(op, pair, 2, 0, &q), XC_OK);
                } else {
                    q = pair[0];
                    pair[0] = NULL;
                }
                xc_enquire *enq = NULL;
                assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
                assert_int_equal(xc_enquire_set_query(enq, q, 0), XC_OK);
                assert_int_equal(xc_enquire_add_facets(enq, parity), XC_OK);
                char want[512];
                unsigned expected = matcher_count(enq, parity, want, sizeof want);
                unsigned count = 0;
                int counted = 0;
                assert_int_equal(xc_enquire_count_directly(enq, &count, &counted), XC_OK);
                assert_int_equal(counted, 1);
                assert_int_equal(count, expected);
                assert_string_equal(facet_string(parity), want);
                if (i == 0)
                    assert_int_equal(count, phase == 0 ? 3000 : 3600);
                xc_enquire_destroy(enq);
                xc_query_destroy(q);
                xc_query_destroy(pair[0]);
                xc_query_destroy(pair[1]);
            }
        }
        write_long_lists(w, 3001, 600);
        assert_int_equal(xc_database_reopen(db, NULL), XC_OK);
    }
    xc_facets_destroy(parity);
    xc_database_destroy(db);
    xc_database_destroy(w);
}

/* A handle told it will answer many queries has its facet tables from the
 * start, and again right after a reopen: counted directly at once. */
static void test_prepare_facets(void **state)
{
    (void)state;
    xc_database *db = open_fixture("prepare-facets");
    xc_queryparser *qp = fixture_parser(db);
    xc_facets *people = NULL;
    assert_int_equal(xc_facets_create(SLOT_PEOPLE, '\n', &people), XC_OK);
    assert_int_equal(xc_database_prepare_facets(db, SLOT_PEOPLE, '\n'), XC_OK);
    assert_int_equal(xc_database_prepare_facets(db, SLOT_PEOPLE, '\n'), XC_OK);   /* again: same */
    assert_int_equal(xc_database_prepare_facets(NULL, SLOT_PEOPLE, '\n'), XC_INVALID_ARGUMENT);
    for (int round = 0; round < 2; ++round) {
        xc_enquire *enq = enquire_for(db, qp, "sanctions OR rome");
        assert_int_equal(xc_enquire_add_facets(enq, people), XC_OK);
        unsigned count = 0;
        int counted = 0;
        assert_int_equal(xc_enquire_count_directly(enq, &count, &counted), XC_OK);
        assert_int_equal(counted, 1);
        assert_int_equal(count, 4);
        assert_string_equal(facet_string(people),
                            "jake-sullivan:3 yang-jiechi:2 ursula-von-der-leyen:1 "
                            "volodymyr-zelensky:1");
        xc_enquire_destroy(enq);
        assert_int_equal(xc_database_reopen(db, NULL), XC_OK);
    }
    xc_facets_destroy(people);
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

/* Snippets stem only the words that may give a stemmed query term (those
 * starting as one does): every inflection is still marked, whatever its
 * case, its accents or the stemmer's exceptions; words that merely start the
 * same way are not. */
static void test_snippet_stems(void **state)
{
    (void)state;
    static const struct {
        const char *query, *text;
        int marked;
    } cases[] = {
        {"sanctioned", "SANCTIONS", 1},   {"sanctioned", "Sanctioning", 1},
        {"dying", "dies", 1},             {"lying", "lie", 1},
        {"skies", "Sky", 1},              {"yields", "yielded", 1},
        {"generously", "generous", 1},    {"nationally", "National", 1},
        {"\xc3\xa9" "clairs", "\xc3\x89" "CLAIR", 1}, {"caf\xc3\xa9s", "Caf\xc3\xa9", 1},
        {"running", "runs", 1},           {"sanctioned", "Sandwiches", 0},
        {"markets", "Marked", 0},
    };
    xc_database *db = open_fixture("snippet-stems");
    xc_queryparser *qp = fixture_parser(db);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        char qs[128], text[256], want[64];
        snprintf(qs, sizeof qs, "%s OR russia", cases[i].query);
        snprintf(text, sizeof text, "Before the word, %s, and after it a few more words.",
                 cases[i].text);
        snprintf(want, sizeof want, "[%s]", cases[i].text);
        xc_enquire *enq = enquire_for(db, qp, qs);
        xc_mset *m = NULL;
        char *snippet = NULL;
        assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_OK);
        assert_int_equal(xc_mset_snippet(m, text, strlen(text), 500, "english", 0, "[", "]",
                                         "...", &snippet),
                         XC_OK);
        if ((strstr(snippet, want) != NULL) != cases[i].marked)
            fail_msg("query '%s', text '%s': snippet '%s'", qs, text, snippet);
        free(snippet);
        xc_mset_destroy(m);
        xc_enquire_destroy(enq);
    }
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

/* A snippet reads a long text from a space well before the first word that
 * may match (XC_SNIPPET_WHOLE_TEXT: from its start): the same snippet, for
 * texts whose words MSet::snippet joins or splits in every way it does
 * (apostrophes, '&', initials, numbers, '+', non-ASCII, words too long),
 * whatever the query and wherever its words come, or when they never do. */
static void test_snippet_skipping(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "the", "company's", "don't", "U.S.", "U.S", "A.B.C", "1,000.5", "3.5", "C++", "AT&T",
        "caf\xc3\xa9", "\xc3\x89" "clair", "\xc4\xb0" "stanbul", "\xe2\x84\xaa" "elvin",
        "zero\xe2\x80\x8bwidth", "\xe2\x80\x94", "snake_case", "it\xe2\x80\x99s",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "talks", "Sanctions", "sanctioned", "on", "Russia", "istanbul", "kelvin", "us",
        "markets.", "rallied,", "(oil)", "prices;", "\"quoted\"", "end.", "x-ray", "5%",
        "Moscow", "said", "would", "a", "of", "in", "report", "bank", "trade", "Iowa",
    };
    static const char *const queries[] = {
        "sanctions", "russia talks", "\"sanctions on\"", "istanbul", "kelvin", "us",
        "trade OR markets", "caf\xc3\xa9", "company", "dont", "snake_case", "iowa rallied",
    };
    const size_t npieces = sizeof pieces / sizeof pieces[0];
    xc_database *db = open_fixture("snippet-skipping");
    xc_queryparser *qp = fixture_parser(db);
    unsigned seed = 7;
    char text[8192];
    for (int round = 0; round < 600; ++round) {
        /* Mostly words that match nothing, query words late or never. */
        size_t used = 0, words = 50 + (size_t)(rand_r(&seed) % 400);
        text[0] = '\0';
        for (size_t i = 0; i < words && used + 100 < sizeof text; ++i) {
            size_t k = (size_t)rand_r(&seed) % npieces;
            if (i < words * 3 / 4 && k >= 19 && k <= 27 && rand_r(&seed) % 8)
                k = 36 + (size_t)rand_r(&seed) % (npieces - 36);
            const char *sep = i == 0 ? "" : rand_r(&seed) % 7 == 0 ? "\n" : " ";
            used += (size_t)snprintf(text + used, sizeof text - used, "%s%s", sep, pieces[k]);
        }
        const char *qs = queries[round % (sizeof queries / sizeof queries[0])];
        xc_enquire *enq = enquire_for(db, qp, qs);
        xc_mset *m = NULL;
        assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_OK);
        size_t length = round % 3 == 0 ? 60 : 200;
        for (unsigned exhaustive = 0; exhaustive <= XC_SNIPPET_EXHAUSTIVE;
             exhaustive += XC_SNIPPET_EXHAUSTIVE) {
            char *skipped = NULL, *whole = NULL;
            assert_int_equal(xc_mset_snippet(m, text, used, length, "english", exhaustive, "[",
                                             "]", "...", &skipped),
                             XC_OK);
            assert_int_equal(xc_mset_snippet(m, text, used, length, "english",
                                             exhaustive | XC_SNIPPET_WHOLE_TEXT, "[", "]", "...",
                                             &whole),
                             XC_OK);
            if (strcmp(skipped, whole) != 0)
                fail_msg("query '%s', text '%s':\n  skipping: '%s'\n  whole:    '%s'", qs, text,
                         skipped, whole);
            free(skipped);
            free(whole);
        }
        xc_mset_destroy(m);
        xc_enquire_destroy(enq);
    }
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

static void test_facets(void **state)
{
    (void)state;
    build_facet_db("facets");
    TMP_PATH(path, "facets");
    xc_database *db = NULL;
    assert_int_equal(xc_database_open(path, &db, NULL), XC_OK);
    check_facets_over(db);
    xc_database_destroy(db);
}

/* Documents 1..FACET_DOCS under unique terms Q1.., each with "common" and
 * slot PARITY "even" or "odd" (all "odd" with all_odd), "even" for even i. */
static void write_parity_db(const char *path, xc_open_mode mode, int all_odd)
{
    xc_database *w = NULL;
    assert_int_equal(xc_database_open_writable(path, mode, &w, NULL), XC_OK);
    for (int i = 1; i <= FACET_DOCS; ++i) {
        xc_document *doc = NULL;
        char id[16];
        const char *parity = i % 2 || all_odd ? "odd" : "even";
        snprintf(id, sizeof id, "Q%d", i);
        assert_int_equal(xc_document_create(&doc), XC_OK);
        assert_int_equal(xc_document_add_term(doc, "common", 1), XC_OK);
        if (i % 2 == 0)
            assert_int_equal(xc_document_add_term(doc, "even", 1), XC_OK);
        assert_int_equal(xc_document_add_boolean_term(doc, id), XC_OK);
        assert_int_equal(xc_document_add_value(doc, SLOT_PARITY, parity, strlen(parity)), XC_OK);
        assert_int_equal(xc_database_replace_document(w, id, doc, NULL), XC_OK);
        xc_document_destroy(doc);
    }
    assert_int_equal(xc_database_commit(w), XC_OK);
    xc_database_destroy(w);
}

/* Counts stay exact when the handle answers many queries (after the first
 * ones, from a table of the slot read once), when a writer changes the
 * documents and the handle is reopened, and when it grows a shard. */
static void test_facets_tables(void **state)
{
    (void)state;
    TMP_PATH(path, "facets-tables");
    TMP_PATH(path2, "facets-tables-2");
    write_parity_db(path, XC_DB_CREATE, 0);
    write_parity_db(path2, XC_DB_CREATE, 0);
    xc_database *db = NULL;
    assert_int_equal(xc_database_open(path, &db, NULL), XC_OK);
    xc_facets *parity = NULL;
    assert_int_equal(xc_facets_create(SLOT_PARITY, '\0', &parity), XC_OK);
    for (int round = 0; round < 4; ++round) {
        xc_enquire *enq = NULL;
        assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
        assert_int_equal(xc_enquire_add_facets(enq, parity), XC_OK);
        run_term(enq, "common", FACET_DOCS);
        assert_string_equal(facet_string(parity), "even:15 odd:15");
        run_term(enq, "even", FACET_DOCS);
        assert_string_equal(facet_string(parity), "even:15");
        xc_enquire_destroy(enq);
    }

    /* The same docids now all say "odd"; the reopened handle must see it. */
    write_parity_db(path, XC_DB_OPEN, 1);
    assert_int_equal(xc_database_reopen(db, NULL), XC_OK);
    for (int round = 0; round < 3; ++round) {
        xc_enquire *enq = NULL;
        assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
        assert_int_equal(xc_enquire_add_facets(enq, parity), XC_OK);
        run_term(enq, "common", FACET_DOCS);
        assert_string_equal(facet_string(parity), "odd:30");
        xc_enquire_destroy(enq);
    }

    /* A second shard interleaves the docids. */
    assert_int_equal(xc_database_add(db, path2), XC_OK);
    for (int round = 0; round < 3; ++round) {
        xc_enquire *enq = NULL;
        assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
        assert_int_equal(xc_enquire_add_facets(enq, parity), XC_OK);
        run_term(enq, "common", 2 * FACET_DOCS);
        assert_string_equal(facet_string(parity), "odd:45 even:15");
        run_term(enq, "even", 2 * FACET_DOCS);
        assert_string_equal(facet_string(parity), "even:15 odd:15");
        xc_enquire_destroy(enq);
    }
    xc_facets_destroy(parity);
    xc_database_destroy(db);
}

/* Fifty values, more than a counter ranks at once: kJ (J = 00..49) is in
 * J % 5 + 1 documents.  Read in full order, from values and from the table. */
static void test_facets_many_values(void **state)
{
    (void)state;
    TMP_PATH(path, "facets-many");
    xc_database *w = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &w, NULL), XC_OK);
    for (int j = 0; j < 50; ++j)
        for (int r = 0; r <= j % 5; ++r) {
            xc_document *doc = NULL;
            char value[8];
            snprintf(value, sizeof value, "k%02d", j);
            assert_int_equal(xc_document_create(&doc), XC_OK);
            assert_int_equal(xc_document_add_term(doc, "common", 1), XC_OK);
            assert_int_equal(xc_document_add_value(doc, SLOT_TAGS, value, strlen(value)), XC_OK);
            char id[16];
            snprintf(id, sizeof id, "Q%d-%d", j, r);
            assert_int_equal(xc_document_add_boolean_term(doc, id), XC_OK);
            assert_int_equal(xc_database_replace_document(w, id, doc, NULL), XC_OK);
            xc_document_destroy(doc);
        }
    assert_int_equal(xc_database_commit(w), XC_OK);
    xc_database_destroy(w);

    char expected[1024] = "";
    for (int count = 5; count >= 1; --count)
        for (int j = count - 1; j < 50; j += 5) {
            size_t used = strlen(expected);
            snprintf(expected + used, sizeof expected - used, "%sk%02d:%d", used ? " " : "", j,
                     count);
        }
    xc_database *db = NULL;
    assert_int_equal(xc_database_open(path, &db, NULL), XC_OK);
    xc_facets *tags = NULL;
    assert_int_equal(xc_facets_create(SLOT_TAGS, '\n', &tags), XC_OK);
    for (int round = 0; round < 3; ++round) {
        xc_enquire *enq = NULL;
        assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
        assert_int_equal(xc_enquire_add_facets(enq, tags), XC_OK);
        run_term(enq, "common", 150);
        assert_int_equal(xc_facets_size(tags), 50);
        const char *item;
        unsigned count;
        assert_int_equal(xc_facets_get(tags, 49, &item, &count), XC_OK);   /* last first */
        assert_string_equal(item, "k45");
        assert_string_equal(facet_string(tags), expected);
        xc_enquire_destroy(enq);
    }
    xc_facets_destroy(tags);
    xc_database_destroy(db);
}

/* The same counts through the remote backend (xapian-progsrv, no network):
 * ValueCountMatchSpy is serialised to the server and merged back. */
static void test_facets_remote(void **state)
{
    (void)state;
    if (access("/usr/bin/xapian-progsrv", X_OK) != 0)
        skip();
    build_facet_db("facets-remote");
    TMP_PATH(path, "facets-remote");
    TMP_PATH(stub, "facets-remote.stub");
    char line[700];
    snprintf(line, sizeof line, "remote :/usr/bin/xapian-progsrv %s\n", path);
    write_file(stub, line);
    xc_database *db = NULL;
    char *err = NULL;
    assert_int_equal(xc_database_open(stub, &db, &err), XC_OK);
    assert_null(err);
    unsigned n = 0;
    assert_int_equal(xc_database_doccount(db, &n), XC_OK);
    assert_int_equal(n, FACET_DOCS);
    int changed = -1;
    assert_int_equal(xc_database_reopen(db, &changed), XC_OK);   /* no revision: no crash */
    check_facets_over(db);
    xc_database_destroy(db);
}

/* ------------------------------------------------------------------------ */
/* Iterating terms and postings                                              */
/* ------------------------------------------------------------------------ */

static void test_allterms_postlist(void **state)
{
    (void)state;
    xc_database *db = open_fixture("terms");
    struct collector c = {0};
    assert_int_equal(xc_database_allterms(db, "XP", collect_term, &c), XC_OK);
    assert_string_equal(c.s, "XPjake-sullivan XPursula-von-der-leyen XPvolodymyr-zelensky "
                             "XPyang-jiechi");
    memset(&c, 0, sizeof c);
    c.limit = 1;
    assert_int_equal(xc_database_allterms(db, NULL, collect_term, &c), XC_OK);
    assert_int_equal(c.calls, 1);
    memset(&c, 0, sizeof c);
    assert_int_equal(xc_database_allterms(db, "XQ", collect_term, &c), XC_OK);
    assert_int_equal(c.calls, 0);

    memset(&c, 0, sizeof c);
    assert_int_equal(xc_database_postlist(db, "XPjake-sullivan", collect_docid, &c), XC_OK);
    assert_string_equal(c.s, "1 3 5");
    memset(&c, 0, sizeof c);
    c.limit = 2;
    assert_int_equal(xc_database_postlist(db, "XPjake-sullivan", collect_docid, &c), XC_OK);
    assert_string_equal(c.s, "1 3");
    memset(&c, 0, sizeof c);
    assert_int_equal(xc_database_postlist(db, "nosuchterm", collect_docid, &c), XC_OK);
    assert_int_equal(c.calls, 0);

    unsigned n = 9;
    int exists = 9;
    assert_int_equal(xc_database_termfreq(db, "Zsanction", &n), XC_OK);
    assert_int_equal(n, 3);
    assert_int_equal(xc_database_termfreq(db, "nosuchterm", &n), XC_OK);
    assert_int_equal(n, 0);
    assert_int_equal(xc_database_term_exists(db, "XCru", &exists), XC_OK);
    assert_int_equal(exists, 1);
    assert_int_equal(xc_database_term_exists(db, "XCfr", &exists), XC_OK);
    assert_int_equal(exists, 0);

    /* A stored document's terms, values and docid. */
    xc_document *doc = NULL;
    const char *v;
    size_t len;
    assert_int_equal(xc_database_get_document(db, 2, &doc), XC_OK);
    assert_int_equal(xc_document_docid(doc), 2);
    assert_int_equal(xc_document_get_value(doc, SLOT_DATE, &v, &len), XC_OK);
    assert_int_equal(len, 8);
    assert_memory_equal(v, "20220302", 8);
    memset(&c, 0, sizeof c);
    assert_int_equal(xc_document_termlist(doc, "XC", collect_term_wdf, &c), XC_OK);
    assert_string_equal(c.s, "XCru:0");
    xc_document_destroy(doc);
    xc_database_destroy(db);
}

/* ------------------------------------------------------------------------ */
/* Several databases                                                         */
/* ------------------------------------------------------------------------ */

static void test_stub_and_add(void **state)
{
    (void)state;
    build_db_range("part-a", 0, 2);
    build_db_range("part-b", 2, N_BRIEFS);
    TMP_PATH(a, "part-a");
    TMP_PATH(b, "part-b");
    TMP_PATH(stub, "parts.stub");
    /* A relative path is relative to the stub's directory. */
    write_file(stub, "# two shards\nauto part-a\nglass part-b\n");

    xc_database *db = NULL;
    xc_queryparser *qp = NULL;
    unsigned n = 0;
    assert_int_equal(xc_database_open(stub, &db, NULL), XC_OK);
    assert_int_equal(xc_database_doccount(db, &n), XC_OK);
    assert_int_equal(n, N_BRIEFS);
    qp = fixture_parser(db);
    assert_string_equal(hits(db, qp, "sanctions", XC_QP_DEFAULT), "a1 a2 a3");
    xc_queryparser_destroy(qp);
    int changed = -1;
    assert_int_equal(xc_database_reopen(db, &changed), XC_OK);
    assert_int_equal(changed, 0);
    xc_database_destroy(db);

    /* The same with xc_database_add. */
    assert_int_equal(xc_database_open(a, &db, NULL), XC_OK);
    assert_int_equal(xc_database_doccount(db, &n), XC_OK);
    assert_int_equal(n, 2);
    TMP_PATH(missing, "no-such-part");
    assert_int_equal(xc_database_add(db, missing), XC_DATABASE_NOT_FOUND);
    assert_non_null(strstr(xc_database_error(db), missing));
    assert_int_equal(xc_database_add(db, NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_database_add(db, b), XC_OK);
    assert_int_equal(xc_database_doccount(db, &n), XC_OK);
    assert_int_equal(n, N_BRIEFS);
    qp = fixture_parser(db);
    assert_string_equal(hits(db, qp, "person:jake-sullivan", XC_QP_DEFAULT), "a1 a3 a5");
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);

    /* Not onto a writable handle. */
    TMP_PATH(w_path, "part-w");
    xc_database *w = NULL;
    assert_int_equal(xc_database_open_writable(w_path, XC_DB_CREATE, &w, NULL), XC_OK);
    assert_int_equal(xc_database_add(w, a), XC_INVALID_ARGUMENT);
    assert_non_null(strstr(xc_database_error(w), "writable"));
    xc_database_destroy(w);
}

/* Compaction merges shards: every document, the metadata (the first source's
 * value wins), the spelling data summed. */
static void test_compact(void **state)
{
    (void)state;
    build_db_range("cpt-a", 0, 2);
    build_db_range("cpt-b", 2, N_BRIEFS);
    TMP_PATH(a, "cpt-a");
    TMP_PATH(b, "cpt-b");
    TMP_PATH(dest, "cpt-merged");
    xc_database *w = NULL;
    assert_int_equal(xc_database_open_writable(a, XC_DB_OPEN, &w, NULL), XC_OK);
    assert_int_equal(xc_database_set_metadata(w, "k", "from-a"), XC_OK);
    assert_int_equal(xc_database_commit(w), XC_OK);
    xc_database_destroy(w);
    assert_int_equal(xc_database_open_writable(b, XC_DB_OPEN, &w, NULL), XC_OK);
    assert_int_equal(xc_database_set_metadata(w, "k", "from-b"), XC_OK);
    assert_int_equal(xc_database_set_metadata(w, "only-b", "yes"), XC_OK);
    assert_int_equal(xc_database_commit(w), XC_OK);
    xc_database_destroy(w);

    const char *sources[] = {a, b};
    char *msg = NULL;
    assert_int_equal(xc_compact(sources, 2, dest, &msg), XC_OK);
    assert_null(msg);
    assert_int_equal(doccount_at(dest), N_BRIEFS);
    xc_database *db = NULL;
    assert_int_equal(xc_database_open(dest, &db, NULL), XC_OK);
    xc_queryparser *qp = fixture_parser(db);
    assert_string_equal(hits(db, qp, "person:jake-sullivan", XC_QP_DEFAULT), "a1 a3 a5");
    xc_queryparser_destroy(qp);
    char *v = NULL;
    assert_int_equal(xc_database_get_metadata(db, "k", &v), XC_OK);
    assert_string_equal(v, "from-a");
    free(v);
    assert_int_equal(xc_database_get_metadata(db, "only-b", &v), XC_OK);
    assert_string_equal(v, "yes");
    free(v);
    xc_database_destroy(db);

    /* A missing source: an error naming it, no database made. */
    TMP_PATH(missing, "cpt-missing");
    TMP_PATH(dest2, "cpt-merged2");
    const char *bad[] = {a, missing};
    assert_int_equal(xc_compact(bad, 2, dest2, &msg), XC_DATABASE_NOT_FOUND);
    assert_non_null(msg);
    assert_non_null(strstr(msg, missing));
    free(msg);
    assert_int_equal(xc_compact(NULL, 0, dest2, NULL), XC_INVALID_ARGUMENT);
}

/* Spelling words counted per document reach Xapian at commit, not before,
 * and never from an uncommitted handle. */
static void test_spelling_of_documents(void **state)
{
    (void)state;
    TMP_PATH(path, "spelling-of");
    xc_database *w = NULL;
    xc_document *doc = NULL;
    char *s = NULL;
    assert_int_equal(xc_database_open_writable(path, XC_DB_CREATE, &w, NULL), XC_OK);
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(xc_document_add_term(doc, "ceasefire", 1), XC_OK);
    assert_int_equal(xc_document_add_term(doc, "Zceasefir", 1), XC_OK);   /* a stem */
    assert_int_equal(xc_document_add_term(doc, "XPjake-sullivan", 1), XC_OK);
    assert_int_equal(xc_document_add_term(doc, "2024", 1), XC_OK);
    assert_int_equal(xc_database_add_spelling_of(w, doc), XC_OK);
    assert_int_equal(xc_database_add_spelling_of(NULL, doc), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_database_add_spelling_of(w, NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_database_spelling_suggestion(w, "ceasfire", &s), XC_OK);
    assert_string_equal(s, "");   /* not committed yet */
    free(s);
    assert_int_equal(xc_database_commit(w), XC_OK);
    assert_int_equal(xc_database_spelling_suggestion(w, "ceasfire", &s), XC_OK);
    assert_string_equal(s, "ceasefire");
    free(s);
    assert_int_equal(xc_database_spelling_suggestion(w, "jake-sulivan", &s), XC_OK);
    assert_string_equal(s, "");   /* prefixed terms are no words */
    free(s);

    /* Counts moved from another handle are committed with this one's. */
    TMP_PATH(other_path, "spelling-of-other");
    xc_database *other = NULL;
    xc_document *doc3 = NULL;
    assert_int_equal(xc_database_open_writable(other_path, XC_DB_CREATE, &other, NULL), XC_OK);
    assert_int_equal(xc_document_create(&doc3), XC_OK);
    assert_int_equal(xc_document_add_term(doc3, "parliament", 1), XC_OK);
    assert_int_equal(xc_database_add_spelling_of(other, doc3), XC_OK);
    assert_int_equal(xc_database_take_spelling(w, other, 0, 1), XC_OK);   /* w has none */
    xc_document *doc4 = NULL;   /* now w has some: the counts are added to its */
    assert_int_equal(xc_document_create(&doc4), XC_OK);
    assert_int_equal(xc_document_add_term(doc4, "coalition", 1), XC_OK);
    assert_int_equal(xc_database_add_spelling_of(other, doc4), XC_OK);
    assert_int_equal(xc_database_take_spelling(w, other, 0, 1), XC_OK);
    xc_document_destroy(doc4);
    assert_int_equal(xc_database_take_spelling(w, NULL, 0, 1), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_database_take_spelling(w, other, 2, 2), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_database_commit(other), XC_OK);
    assert_int_equal(xc_database_spelling_suggestion(other, "parliment", &s), XC_OK);
    assert_string_equal(s, "");   /* moved away */
    free(s);
    assert_int_equal(xc_database_commit(w), XC_OK);
    assert_int_equal(xc_database_spelling_suggestion(w, "parliment", &s), XC_OK);
    assert_string_equal(s, "parliament");
    free(s);
    assert_int_equal(xc_database_spelling_suggestion(w, "coalitoin", &s), XC_OK);
    assert_string_equal(s, "coalition");
    free(s);
    xc_database_destroy(other);
    xc_document_destroy(doc3);

    /* Split in parts: each word goes to exactly one of the handles. */
    TMP_PATH(p0, "spelling-part0");
    TMP_PATH(p1, "spelling-part1");
    xc_database *h0 = NULL, *h1 = NULL;
    xc_document *many = NULL;
    static const char *const words[] = {"tariff", "embargo", "treaty", "summit", "envoy",
                                        "minister", "border", "pipeline"};
    const size_t nwords = sizeof words / sizeof words[0];
    assert_int_equal(xc_database_open_writable(p0, XC_DB_CREATE, &h0, NULL), XC_OK);
    assert_int_equal(xc_database_open_writable(p1, XC_DB_CREATE, &h1, NULL), XC_OK);
    assert_int_equal(xc_document_create(&many), XC_OK);
    for (size_t i = 0; i < nwords; i++)
        assert_int_equal(xc_document_add_term(many, words[i], 1), XC_OK);
    assert_int_equal(xc_database_add_spelling_of(h0, many), XC_OK);
    assert_int_equal(xc_database_take_spelling(h1, h0, 1, 2), XC_OK);
    assert_int_equal(xc_database_commit(h0), XC_OK);
    assert_int_equal(xc_database_commit(h1), XC_OK);
    size_t in0 = 0, in1 = 0;
    for (size_t i = 0; i < nwords; i++) {
        char typo[32];
        snprintf(typo, sizeof typo, "%sx", words[i]);   /* one letter too many */
        char *s0 = NULL, *s1 = NULL;
        assert_int_equal(xc_database_spelling_suggestion(h0, typo, &s0), XC_OK);
        assert_int_equal(xc_database_spelling_suggestion(h1, typo, &s1), XC_OK);
        in0 += strcmp(s0, words[i]) == 0;
        in1 += strcmp(s1, words[i]) == 0;
        assert_true((strcmp(s0, words[i]) == 0) != (strcmp(s1, words[i]) == 0));
        free(s0);
        free(s1);
    }
    assert_int_equal(in0 + in1, nwords);
    assert_true(in0 > 0 && in1 > 0);   /* 8 words all in one part: 1 in 128 */
    xc_document_destroy(many);
    xc_database_destroy(h0);
    xc_database_destroy(h1);

    /* Counted but never committed: gone with the handle. */
    xc_document *doc2 = NULL;
    assert_int_equal(xc_document_create(&doc2), XC_OK);
    assert_int_equal(xc_document_add_term(doc2, "referendum", 1), XC_OK);
    assert_int_equal(xc_database_add_spelling_of(w, doc2), XC_OK);
    xc_database_destroy(w);
    assert_int_equal(xc_database_open_writable(path, XC_DB_OPEN, &w, NULL), XC_OK);
    assert_int_equal(xc_database_spelling_suggestion(w, "referendim", &s), XC_OK);
    assert_string_equal(s, "");
    free(s);
    xc_database_destroy(w);
    xc_document_destroy(doc);
    xc_document_destroy(doc2);

    /* Read-only handles refuse. */
    xc_database *r = NULL;
    assert_int_equal(xc_database_open(path, &r, NULL), XC_OK);
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(xc_database_add_spelling_of(r, doc), XC_INVALID_ARGUMENT);
    xc_document_destroy(doc);
    xc_database_destroy(r);
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static void test_sortable(void **state)
{
    (void)state;
    static const double values[] = {-1e10, -2.5, -1.0, 0.0, 1e-300, 1.0, 2.5, 3.0, 1e10};
    char prev[18];
    size_t prev_len = 0;
    for (size_t i = 0; i < sizeof values / sizeof values[0]; ++i) {
        char buf[18];
        size_t len = xc_sortable_serialise(values[i], buf);
        assert_true(len >= 1 && len <= 9);
        assert_true(xc_sortable_unserialise(buf, len) == values[i]);
        if (i > 0) {
            /* Byte order follows numeric order. */
            size_t m = len < prev_len ? len : prev_len;
            int cmp = memcmp(prev, buf, m);
            assert_true(cmp < 0 || (cmp == 0 && prev_len < len));
        }
        memcpy(prev, buf, len);
        prev_len = len;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_strings),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_null_handles),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_open_missing),
        cmocka_unit_test(test_open_corrupt),
        cmocka_unit_test(test_lock_and_close),
        cmocka_unit_test(test_open_modes),
        cmocka_unit_test(test_compact),
        cmocka_unit_test(test_spelling_of_documents),
        cmocka_unit_test(test_read_only_writes),
        cmocka_unit_test(test_no_implicit_commit),
        cmocka_unit_test(test_reopen),
        cmocka_unit_test(test_replace_and_delete),
        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_metadata_keys_and_isolation),
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_termgen),
        cmocka_unit_test(test_termgen_positions),
        cmocka_unit_test(test_stopper),
        cmocka_unit_test(test_spelling),
        cmocka_unit_test(test_spelling_unknown_only),
        cmocka_unit_test(test_termgen_outlives_database),
        cmocka_unit_test(test_query_api),
        cmocka_unit_test(test_queryparser_syntax),
        cmocka_unit_test(test_queryparser_prefixes),
        cmocka_unit_test(test_wildcard_and_partial),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_field_processor),
        cmocka_unit_test(test_mset),
        cmocka_unit_test(test_weighting_sorting_cutoff),
        cmocka_unit_test(test_matching_terms),
        cmocka_unit_test(test_snippet),
        cmocka_unit_test(test_snippet_stems),
        cmocka_unit_test(test_snippet_skipping),
        cmocka_unit_test(test_expand),
        cmocka_unit_test(test_facets),
        cmocka_unit_test(test_count_directly),
        cmocka_unit_test(test_prepare_facets),
        cmocka_unit_test(test_count_directly_long_lists),
        cmocka_unit_test(test_facets_tables),
        cmocka_unit_test(test_facets_many_values),
        cmocka_unit_test(test_facets_remote),
        cmocka_unit_test(test_allterms_postlist),
        cmocka_unit_test(test_stub_and_add),
        cmocka_unit_test(test_sortable),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
