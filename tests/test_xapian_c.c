/* test_xapian_c.c — unit tests of the C binding of libxapian (xapian-c.h).
 *
 * Every function of the header is called at least once, error paths
 * included.  Each test builds what it needs under one temporary directory
 * (fixture_xapian.h, over fixture_tmp.h), removed by the group teardown.  The
 * ext module's tests are in test_xapian_ext.c.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture_xapian.h"
#include "xapian-c.h"

/* ------------------------------------------------------------------------ */
/* Scaffolding                                                               */
/* ------------------------------------------------------------------------ */

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
    xc_mset *m = (xc_mset *)&u;
    assert_int_equal(xc_enquire_get_mset(NULL, 0, 10, 0, &m), INV);
    assert_null(m);
    assert_int_equal(xc_enquire_matching_terms(NULL, 1, collect_term, &c), INV);
    unsigned docids[1] = {1};
    assert_int_equal(xc_enquire_expand(NULL, docids, 1, 10, NULL, NULL, dummy_expand, NULL), INV);
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
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_enquire_expand(enq, NULL, 3, 10, NULL, NULL, dummy_expand, NULL),
                     XC_INVALID_ARGUMENT);
    unsigned one[1] = {1};
    assert_int_equal(xc_enquire_expand(enq, one, 1, 10, NULL, NULL, NULL, NULL),
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

/* Parse text with qp (XC_QP_DEFAULT | flags) and expect want as its
 * corrected query string. */
static void expect_corrected(xc_queryparser *qp, const char *text, unsigned flags,
                             const char *want)
{
    xc_query *q = NULL;
    assert_int_equal(xc_queryparser_parse(qp, text, XC_QP_DEFAULT | flags, &q), XC_OK);
    assert_string_equal(xc_queryparser_corrected_query(qp), want);
    xc_query_destroy(q);
}

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
    expect_corrected(qp, "sanctons russia", XC_QP_SPELLING_CORRECTION, "sanctions russia");
    expect_corrected(qp, "sanctions", XC_QP_SPELLING_CORRECTION, "");

    /* XC_QP_SPELLING_UNKNOWN: the same correction when a word is unknown. */
    expect_corrected(qp, "sanctons russia", XC_QP_SPELLING_UNKNOWN, "sanctions russia");
    expect_corrected(qp, "\"sanctons on\" russia", XC_QP_SPELLING_UNKNOWN,
                     "\"sanctions on\" russia");
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
    static const char *const texts[] = {"sanction", "sanctions", "sanctions", "sanctions",
                                        "his"};
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
    expect_corrected(qp, "sanction", XC_QP_SPELLING_CORRECTION, "sanctions");
    assert_int_equal(
        xc_queryparser_parse(qp, "sanction", XC_QP_DEFAULT | XC_QP_SPELLING_UNKNOWN, &q), XC_OK);
    assert_string_equal(xc_queryparser_corrected_query(qp), "");
    char *d = xc_query_description(q);
    assert_non_null(d);
    assert_non_null(strstr(d, "sanction"));
    free(d);
    xc_query_destroy(q);
    /* One unknown word: only it is corrected, where XC_QP_SPELLING_CORRECTION
     * changes the known word too. */
    expect_corrected(qp, "sanction sanctons", XC_QP_SPELLING_CORRECTION, "sanctions sanctions");
    expect_corrected(qp, "sanction sanctons", XC_QP_SPELLING_UNKNOWN, "sanction sanctions");
    expect_corrected(qp, "Sanction-sanctons", XC_QP_SPELLING_UNKNOWN, "Sanction-sanctions");
    /* A stopword is no misspelling: "this" is not "his". */
    static const char *const stopwords[] = {"this"};
    xc_stopper *stop = NULL;
    assert_int_equal(xc_stopper_create(stopwords, 1, &stop), XC_OK);
    assert_int_equal(xc_queryparser_set_stopper(qp, stop), XC_OK);
    xc_stopper_destroy(stop);   /* the parser keeps its own reference */
    expect_corrected(qp, "this sanctons", XC_QP_SPELLING_CORRECTION, "his sanctions");
    expect_corrected(qp, "this sanctons", XC_QP_SPELLING_UNKNOWN, "this sanctions");
    assert_int_equal(xc_queryparser_set_stopper(qp, NULL), XC_OK);
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

/* A wildcard wider than the parser's limit fails when run, with Xapian's
 * message for the user; within the limit it matches as before. */
static void test_wildcard_limit(void **state)
{
    (void)state;
    xc_database *db = open_fixture("wildcard-limit");
    xc_queryparser *qp = fixture_parser(db);
    assert_int_equal(xc_queryparser_set_max_wildcard_expansion(qp, 1), XC_OK);
    xc_query *q = NULL;
    assert_int_equal(xc_queryparser_parse(qp, "s*", XC_QP_DEFAULT | XC_QP_WILDCARD, &q), XC_OK);
    xc_enquire *enq = NULL;
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xc_enquire_set_query(enq, q, 1), XC_OK);
    xc_mset *m = NULL;
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_QUERY_SYNTAX);
    assert_null(m);
    assert_string_equal(xc_enquire_error(enq), "Wildcard s* expands to more than 1 terms");
    xc_enquire_destroy(enq);
    xc_query_destroy(q);
    assert_int_equal(xc_queryparser_set_max_wildcard_expansion(qp, 1000), XC_OK);
    assert_string_equal(hits(db, qp, "sanc*", XC_QP_DEFAULT | XC_QP_WILDCARD), "a1 a2 a3");
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

/* A run that passes its enquire's time limit fails with XC_TIMED_OUT; a limit
 * of 0 (or a generous one) leaves runs be. */
static void test_time_limit(void **state)
{
    (void)state;
    xc_database *db = open_fixture("time-limit");
    xc_queryparser *qp = fixture_parser(db);
    xc_enquire *enq = enquire_for(db, qp, "sanctions");
    xc_mset *m = NULL;
    assert_int_equal(xc_enquire_set_time_limit(enq, -1), XC_INVALID_ARGUMENT);
    assert_int_equal(xc_enquire_set_time_limit(enq, 1e-6), XC_OK);
    struct timespec pause = {0, 2000000};
    nanosleep(&pause, NULL);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_TIMED_OUT);
    assert_null(m);
    assert_non_null(strstr(xc_enquire_error(enq), "time limit"));
    assert_int_equal(xc_enquire_set_time_limit(enq, 60), XC_OK);   /* replaces it */
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_OK);
    assert_int_equal(xc_mset_size(m), 3);
    xc_mset_destroy(m);
    assert_int_equal(xc_enquire_set_time_limit(enq, 0), XC_OK);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_OK);
    xc_mset_destroy(m);
    assert_string_equal(xc_status_to_string(XC_TIMED_OUT), "timed out");
    xc_enquire_destroy(enq);
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
    /* The ext module's XE_SNIPPET_WHOLE_TEXT is no flag of the binding. */
    assert_int_equal(xc_mset_snippet(m, other, strlen(other), 500, "english", 8, "<b>", "</b>",
                                     "...", &s),
                     XC_INVALID_ARGUMENT);
    assert_int_equal(xc_mset_snippet(m, other, strlen(other), 500, "klingon", 0, "<b>", "</b>",
                                     "...", &s),
                     XC_INVALID_ARGUMENT);

    /* Stemmed words are marked with an English stemmer, asked again and
     * after a snippet without a stemmer; without one they are not. */
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

/* A decider keeping no term of a field or filter (those start with an
 * upper-case letter but Z), as brief-query's; counts its calls. */
static int no_prefixed_terms(void *ctx, const char *term)
{
    ++*(int *)ctx;
    return !(term[0] >= 'A' && term[0] <= 'Y');
}

/* Whether the space-separated terms of s hold term, and one starting with an
 * upper-case letter but Z. */
static void scan_terms(const char *s, const char *term, int *has_term, int *has_prefixed)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", s);
    *has_term = *has_prefixed = 0;
    for (char *save = NULL, *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        *has_term |= strcmp(t, term) == 0;
        *has_prefixed |= t[0] >= 'A' && t[0] <= 'Y';
    }
}

static void test_expand(void **state)
{
    (void)state;
    xc_database *db = open_fixture("expand");
    xc_queryparser *qp = fixture_parser(db);
    xc_enquire *enq = enquire_for(db, qp, "sanctions");
    struct collector c = {0};
    unsigned rset[] = {1, 2};   /* a1, a2 */
    int has_query_term, has_prefixed, asked = 0;

    /* Without a decider: every term of the relevant documents but the
     * query's own, prefixed ones too (the binding knows no prefixes). */
    assert_int_equal(xc_enquire_expand(enq, rset, 2, 100, NULL, NULL, collect_expand, &c), XC_OK);
    scan_terms(c.s, "Zsanction", &has_query_term, &has_prefixed);
    assert_false(has_query_term);
    assert_true(has_prefixed);

    /* With the caller's decider: only what it keeps. */
    memset(&c, 0, sizeof c);
    assert_int_equal(
        xc_enquire_expand(enq, rset, 2, 10, no_prefixed_terms, &asked, collect_expand, &c), XC_OK);
    assert_true(c.calls > 0 && c.calls <= 10);
    assert_true(asked >= c.calls);
    scan_terms(c.s, "Zsanction", &has_query_term, &has_prefixed);
    assert_false(has_query_term);   /* the query's own term */
    assert_false(has_prefixed);     /* prefixed and boolean terms */
    /* Terms both relevant documents share rank first. */
    assert_non_null(strstr(c.s, "russia"));

    memset(&c, 0, sizeof c);
    c.limit = 2;
    assert_int_equal(
        xc_enquire_expand(enq, rset, 2, 10, no_prefixed_terms, &asked, collect_expand, &c), XC_OK);
    assert_int_equal(c.calls, 2);

    memset(&c, 0, sizeof c);
    assert_int_equal(xc_enquire_expand(enq, NULL, 0, 10, NULL, NULL, collect_expand, &c), XC_OK);
    assert_int_equal(c.calls, 0);   /* empty relevance set */
    unsigned bad[] = {0};
    assert_int_equal(xc_enquire_expand(enq, bad, 1, 10, NULL, NULL, collect_expand, &c),
                     XC_INVALID_ARGUMENT);
    xc_enquire_destroy(enq);
    xc_queryparser_destroy(qp);
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

/* ------------------------------------------------------------------------ */
/* Database files                                                            */
/* ------------------------------------------------------------------------ */

/* Every file of a database Xapian made (created, written, compacted) is one
 * of its own; names of other files are not. */
static void test_own_files(void **state)
{
    (void)state;
    /* own-b keeps changesets for replication (changesN files). */
    build_db_range("own-a", 0, 2);
    setenv("XAPIAN_MAX_CHANGESETS", "10", 1);
    build_db_range("own-b", 2, N_BRIEFS);
    TMP_PATH(b0, "own-b");
    xc_database *wb = NULL;
    assert_int_equal(xc_database_open_writable(b0, XC_DB_OPEN, &wb, NULL), XC_OK);
    assert_int_equal(xc_database_set_metadata(wb, "k", "v"), XC_OK);
    assert_int_equal(xc_database_commit(wb), XC_OK);
    xc_database_destroy(wb);
    unsetenv("XAPIAN_MAX_CHANGESETS");
    TMP_PATH(a, "own-a");
    TMP_PATH(b, "own-b");
    TMP_PATH(merged, "own-merged");
    const char *sources[] = {a, b};
    assert_int_equal(xc_compact(sources, 2, merged, NULL), XC_OK);
    xc_database *w = NULL;   /* held open: its lock file is there */
    assert_int_equal(xc_database_open_writable(a, XC_DB_OPEN, &w, NULL), XC_OK);
    const char *dirs[] = {a, merged, b};
    int changesets = 0;
    for (size_t k = 0; k < 3; ++k) {
        DIR *d = opendir(dirs[k]);
        assert_non_null(d);
        int files = 0, tables = 0;
        for (struct dirent *e; (e = readdir(d));) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            if (!xc_database_is_own_file(e->d_name))
                fail_msg("%s/%s is not taken for the database's own", dirs[k], e->d_name);
            files++;
            tables += strstr(e->d_name, ".glass") != NULL;
            changesets += strncmp(e->d_name, "changes", 7) == 0;
        }
        closedir(d);
        assert_true(files >= 3 && tables >= 2);
    }
    assert_true(changesets > 0);
    xc_database_destroy(w);

    static const char *const own[] = {"flintlock", "iamglass", "v.tmp", "postlist.glass",
                                      "x.glass", "changes1", "changes1234"};
    static const char *const other[] = {"notes.txt", ".made-by-briefs", "glass", ".glass",
                                        "postlist.glass.bak", "x.tmp", "iamhoney", "iamglass~",
                                        "changes", "changes1a", "changesx", "changes-1", ""};
    for (size_t i = 0; i < sizeof own / sizeof own[0]; ++i)
        assert_int_equal(xc_database_is_own_file(own[i]), 1);
    for (size_t i = 0; i < sizeof other / sizeof other[0]; ++i)
        if (xc_database_is_own_file(other[i]))
            fail_msg("'%s' taken for a database's own file", other[i]);
    assert_int_equal(xc_database_is_own_file(NULL), 0);
}

/* A directory holds a database when a version file of some backend is in
 * it; an empty one, one of other files, or none, does not. */
static void test_exists_at(void **state)
{
    (void)state;
    build_db_range("exists", 0, 1);
    TMP_PATH(db, "exists");
    TMP_PATH(empty, "exists-empty");
    TMP_PATH(other, "exists-other");
    TMP_PATH(honey, "exists-honey");
    TMP_PATH(missing, "exists-missing");
    assert_int_equal(mkdir(empty, 0777), 0);
    assert_int_equal(mkdir(other, 0777), 0);
    assert_int_equal(mkdir(honey, 0777), 0);
    char path[600];
    snprintf(path, sizeof path, "%s/postlist.glass", other);
    write_file(path, "");
    snprintf(path, sizeof path, "%s/iamhoney", honey);
    write_file(path, "");
    assert_int_equal(xc_database_exists_at(db), 1);
    assert_int_equal(xc_database_exists_at(honey), 1);
    assert_int_equal(xc_database_exists_at(empty), 0);
    assert_int_equal(xc_database_exists_at(other), 0);
    assert_int_equal(xc_database_exists_at(missing), 0);
    assert_int_equal(xc_database_exists_at(NULL), 0);
}

/* A child process that holds a write lock on path/flintlock (F_SETLK: the
 * lock Xapian's forked lock holder takes where open file description locks
 * are missing) until its stdin closes; *to_child is that stdin. */
static pid_t lock_in_child(const char *path, int *to_child)
{
    int go[2], ready[2];
    assert_int_equal(pipe(go), 0);
    assert_int_equal(pipe(ready), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char lock[600], c;
        close(go[1]);
        close(ready[0]);
        snprintf(lock, sizeof lock, "%s/flintlock", path);
        int fd = open(lock, O_RDWR | O_CREAT, 0666);
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
        if (fd < 0 || fcntl(fd, F_SETLK, &fl) != 0)
            _exit(1);
        if (write(ready[1], "x", 1) != 1)
            _exit(1);
        while (read(go[0], &c, 1) > 0)
            ;
        _exit(0);
    }
    close(go[0]);
    close(ready[1]);
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    close(ready[0]);
    *to_child = go[1];
    return pid;
}

static void end_child(pid_t pid, int to_child)
{
    int status;
    close(to_child);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* The holder of a database's write lock, when one can be known. */
static void test_lock_holder(void **state)
{
    (void)state;
    build_db_range("holder", 0, 1);
    TMP_PATH(path, "holder");
    TMP_PATH(missing, "holder-missing");
    assert_int_equal(xc_database_lock_holder(path), 0);   /* nobody */
    assert_int_equal(xc_database_lock_holder(missing), 0);
    assert_int_equal(xc_database_lock_holder(NULL), 0);

    int to_child;
    pid_t pid = lock_in_child(path, &to_child);
    assert_int_equal(xc_database_lock_holder(path), (long)pid);
    xc_database *w = NULL;   /* the binding sees the lock as Xapian's own */
    assert_int_equal(xc_database_open_writable(path, XC_DB_OPEN, &w, NULL), XC_DATABASE_LOCKED);
    end_child(pid, to_child);
    assert_int_equal(xc_database_lock_holder(path), 0);

    /* A writer of Xapian's own: its pid, or 0 where Xapian takes an open
     * file description lock (its owner is not reported), never another. */
    int go[2], ready[2];
    assert_int_equal(pipe(go), 0);
    assert_int_equal(pipe(ready), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char c;
        close(go[1]);
        close(ready[0]);
        if (xc_database_open_writable(path, XC_DB_OPEN, &w, NULL) != XC_OK ||
            write(ready[1], "x", 1) != 1)
            _exit(1);
        while (read(go[0], &c, 1) > 0)
            ;
        _exit(0);
    }
    close(go[0]);
    close(ready[1]);
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    close(ready[0]);
    long holder = xc_database_lock_holder(path);
    assert_true(holder == 0 || holder == (long)pid);
    end_child(pid, go[1]);
}

static int keep_marker(void *ctx, const char *name)
{
    ++*(int *)ctx;
    return strcmp(name, ".marker") == 0;
}

/* Make dir holding what a creation cut short leaves (the lock, an empty
 * table, a version file being written), the caller's .marker, and the
 * files of extra ("name=text", "" for none). */
static void cut_short(const char *dir, const char *extra)
{
    char path[600];
    assert_int_equal(mkdir(dir, 0777), 0);
    static const char *const files[] = {"flintlock", "postlist.glass", "termlist.glass", "v.tmp",
                                        ".marker"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; ++i) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        write_file(path, "");
    }
    if (*extra) {
        char name[64];
        const char *eq = strchr(extra, '=');
        snprintf(name, sizeof name, "%.*s", (int)(eq - extra), extra);
        snprintf(path, sizeof path, "%s/%s", dir, name);
        write_file(path, eq + 1);
    }
}

static int present(const char *dir, const char *name)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

/* What a creation cut short left is removed (but the lock, and what the
 * caller keeps), so that the database can be created; nothing is removed
 * when anything else is there, when a table holds data, when there is a
 * version file, or while another process holds the lock. */
static void test_discard_unfinished(void **state)
{
    (void)state;
    TMP_PATH(dir, "unfinished");
    cut_short(dir, "");
    xc_database *w = NULL;
    assert_int_equal(xc_database_open_writable(dir, XC_DB_CREATE_OR_OPEN, &w, NULL),
                     XC_DATABASE_NOT_FOUND);   /* why it is needed */
    int asked = 0;
    assert_int_equal(xc_database_discard_unfinished(dir, keep_marker, &asked), 3);
    assert_true(asked >= 1);
    assert_true(present(dir, "flintlock") && present(dir, ".marker"));
    assert_false(present(dir, "postlist.glass") || present(dir, "termlist.glass") ||
                 present(dir, "v.tmp"));
    assert_int_equal(xc_database_open_writable(dir, XC_DB_CREATE_OR_OPEN, &w, NULL), XC_OK);
    xc_database_destroy(w);
    assert_int_equal(xc_database_discard_unfinished(dir, keep_marker, &asked), 0);   /* a database */
    assert_true(present(dir, "iamglass"));

    static const char *const kept[] = {
        "notes.txt=mine",      /* a file of someone else's */
        "docdata.glass=data",  /* a table with data */
        ".hidden.glass=",      /* a hidden name the caller does not keep */
        "iamglass=x",          /* a version file: a database, not a creation */
    };
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; ++i) {
        char name[64];
        snprintf(name, sizeof name, "unfinished-%zu", i);
        TMP_PATH(d, name);
        cut_short(d, kept[i]);
        assert_int_equal(xc_database_discard_unfinished(d, keep_marker, &asked), 0);
        assert_true(present(d, "postlist.glass") && present(d, "v.tmp"));
    }
    TMP_PATH(no_keep, "unfinished-nokeep");
    cut_short(no_keep, "");
    assert_int_equal(xc_database_discard_unfinished(no_keep, NULL, NULL), 0);   /* .marker */
    assert_true(present(no_keep, "postlist.glass"));

    TMP_PATH(locked, "unfinished-locked");
    cut_short(locked, "");
    int to_child;
    pid_t pid = lock_in_child(locked, &to_child);
    assert_int_equal(xc_database_discard_unfinished(locked, keep_marker, &asked), 0);
    assert_true(present(locked, "postlist.glass"));
    end_child(pid, to_child);
    assert_int_equal(xc_database_discard_unfinished(locked, keep_marker, &asked), 3);
    assert_int_equal(xc_database_discard_unfinished(NULL, NULL, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_strings),
        cmocka_unit_test(test_wildcard_limit),
        cmocka_unit_test(test_time_limit),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_null_handles),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_open_missing),
        cmocka_unit_test(test_open_corrupt),
        cmocka_unit_test(test_lock_and_close),
        cmocka_unit_test(test_open_modes),
        cmocka_unit_test(test_compact),
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
        cmocka_unit_test(test_expand),
        cmocka_unit_test(test_allterms_postlist),
        cmocka_unit_test(test_stub_and_add),
        cmocka_unit_test(test_sortable),
        cmocka_unit_test(test_own_files),
        cmocka_unit_test(test_exists_at),
        cmocka_unit_test(test_lock_holder),
        cmocka_unit_test(test_discard_unfinished),
    };
    return cmocka_run_group_tests(tests, fixture_xapian_setup, fixture_xapian_teardown);
}
