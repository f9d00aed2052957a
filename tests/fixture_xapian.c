/* fixture_xapian.c — see fixture_xapian.h. */
#define _POSIX_C_SOURCE 200809L   /* strtok_r */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture_tmp.h"
#include "fixture_xapian.h"

char fixture_tmp_root[64];

int fixture_xapian_setup(void **state)
{
    (void)state;
    return fixture_tmp_make("test_xapian", fixture_tmp_root, sizeof fixture_tmp_root);
}

int fixture_xapian_teardown(void **state)
{
    (void)state;
    return fixture_tmp_remove(fixture_tmp_root);
}

void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* ------------------------------------------------------------------------ */
/* Five briefs                                                               */
/* ------------------------------------------------------------------------ */

const struct brief briefs[N_BRIEFS] = {
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

void build_db_range(const char *name, size_t from, size_t to)
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

xc_database *open_fixture(const char *name)
{
    build_db_range(name, 0, N_BRIEFS);
    TMP_PATH(path, name);
    xc_database *db = NULL;
    assert_int_equal(xc_database_open(path, &db, NULL), XC_OK);
    return db;
}

xc_queryparser *fixture_parser(xc_database *db)
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

xc_enquire *enquire_for(xc_database *db, xc_queryparser *qp, const char *qs)
{
    xc_enquire *enq = NULL;
    xc_query *q = NULL;
    assert_int_equal(xc_queryparser_parse(qp, qs, XC_QP_DEFAULT, &q), XC_OK);
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xc_enquire_set_query(enq, q, 0), XC_OK);
    xc_query_destroy(q);
    return enq;
}
