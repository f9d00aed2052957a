/* test_xapian_ext.c — unit tests of xapian-c/ext, briefs' machinery built on
 * the binding: spelling counts handed over at commit (xapian-ext-spelling.h),
 * facet counters, their tables and counts without the matcher
 * (xapian-ext-facets.h), faster English snippets (xapian-ext-snippet.h).
 *
 * Every function of the three headers is called at least once, error paths
 * included. Databases go in one mkdtemp directory (fixture_xapian.h).
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture_xapian.h"
#include "xapian-c.h"
#include "xapian-ext-facets.h"
#include "xapian-ext-snippet.h"
#include "xapian-ext-spelling.h"

/* ------------------------------------------------------------------------ */
/* NULL handles and arguments                                                */
/* ------------------------------------------------------------------------ */

static void test_null_handles(void **state)
{
    (void)state;
    const xc_status INV = XC_INVALID_ARGUMENT;
    unsigned u = 7;
    int i = 7;
    const char *str = "x";
    char *mstr = (char *)"x";

    xe_facets_destroy(NULL);   /* accepts NULL */

    /* Spelling. */
    assert_int_equal(xe_spelling_add_document(NULL, NULL), INV);
    assert_int_equal(xe_spelling_take(NULL, NULL, 0, 1), INV);

    /* Facets. */
    assert_int_equal(xe_facets_create(0, '\n', NULL), INV);
    xe_facets *f = NULL;
    assert_int_equal(xe_facets_create(0xFFFFFFFFu, '\n', &f), INV);   /* bad slot */
    assert_null(f);
    assert_int_equal(xe_facets_prepare(NULL, 0, '\n'), INV);
    assert_int_equal(xe_enquire_add_facets(NULL, NULL), INV);
    assert_int_equal(xe_enquire_clear_facets(NULL), INV);
    i = 7;
    assert_int_equal(xe_enquire_count_directly(NULL, &u, &i), INV);
    assert_int_equal(i, 0);
    assert_int_equal(xe_facets_documents_seen(NULL), 0);
    assert_int_equal(xe_facets_size(NULL), 0);
    assert_int_equal(xe_facets_get(NULL, 0, &str, &u), INV);
    assert_null(str);

    /* Snippets. */
    assert_int_equal(xe_mset_snippet(NULL, "x", 1, 100, "english", 0, "<b>", "</b>", "...",
                                     &mstr),
                     INV);
    assert_null(mstr);
}

/* NULL arguments on a live handle: XC_INVALID_ARGUMENT and a message. */
static void test_null_arguments(void **state)
{
    (void)state;
    xc_database *db = open_fixture("nullargs");
    xc_enquire *enq = NULL;
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xe_enquire_add_facets(enq, NULL), XC_INVALID_ARGUMENT);
    assert_non_null(strstr(xc_enquire_error(enq), "xe_enquire_add_facets"));
    unsigned count;
    assert_int_equal(xe_enquire_count_directly(enq, &count, NULL), XC_INVALID_ARGUMENT);
    assert_int_equal(xe_enquire_clear_facets(enq), XC_OK);   /* none added: nothing to do */
    xc_mset *m = NULL;
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_OK);
    char *s = (char *)"x";
    assert_int_equal(xe_mset_snippet(m, NULL, 3, 100, "english", 0, "[", "]", "...", &s),
                     XC_INVALID_ARGUMENT);
    assert_null(s);
    assert_int_equal(xe_mset_snippet(m, "x", 1, 100, "english", 0, "[", "]", "...", NULL),
                     XC_INVALID_ARGUMENT);
    assert_non_null(strstr(xc_mset_error(m), "xe_mset_snippet"));
    xc_mset_destroy(m);
    xc_enquire_destroy(enq);
    assert_int_equal(xe_spelling_add_document(db, NULL), XC_INVALID_ARGUMENT);
    assert_non_null(strstr(xc_database_error(db), "xe_spelling_add_document"));
    xc_database_destroy(db);
}

/* ------------------------------------------------------------------------ */
/* Spelling                                                                  */
/* ------------------------------------------------------------------------ */

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
    assert_int_equal(xe_spelling_add_document(w, doc), XC_OK);
    assert_int_equal(xe_spelling_add_document(NULL, doc), XC_INVALID_ARGUMENT);
    assert_int_equal(xe_spelling_add_document(w, NULL), XC_INVALID_ARGUMENT);
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
    assert_int_equal(xe_spelling_add_document(other, doc3), XC_OK);
    assert_int_equal(xe_spelling_take(w, other, 0, 1), XC_OK);   /* w has none */
    xc_document *doc4 = NULL;   /* now w has some: the counts are added to its */
    assert_int_equal(xc_document_create(&doc4), XC_OK);
    assert_int_equal(xc_document_add_term(doc4, "coalition", 1), XC_OK);
    assert_int_equal(xe_spelling_add_document(other, doc4), XC_OK);
    assert_int_equal(xe_spelling_take(w, other, 0, 1), XC_OK);
    xc_document_destroy(doc4);
    assert_int_equal(xe_spelling_take(w, NULL, 0, 1), XC_INVALID_ARGUMENT);
    assert_int_equal(xe_spelling_take(w, other, 2, 2), XC_INVALID_ARGUMENT);
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
    assert_int_equal(xe_spelling_add_document(h0, many), XC_OK);
    assert_int_equal(xe_spelling_take(h1, h0, 1, 2), XC_OK);
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
    assert_int_equal(xe_spelling_add_document(w, doc2), XC_OK);
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
    assert_int_equal(xe_spelling_add_document(r, doc), XC_INVALID_ARGUMENT);
    xc_document_destroy(doc);
    xc_database_destroy(r);
}

/* ------------------------------------------------------------------------ */
/* Snippets                                                                  */
/* ------------------------------------------------------------------------ */

/* The snippets of xc_mset_snippet (test_xapian_c.c), through the faster
 * path. */
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
    assert_int_equal(xe_mset_snippet(m, body, strlen(body), 500, "english", 0, "<b>", "</b>",
                                     "...", &s),
                     XC_OK);
    assert_string_equal(s, "The US has warned China about support for Russia amid "
                           "<b>sanctions</b> on Moscow.");
    free(s);

    /* Short: cut text is marked by omit. */
    assert_int_equal(xe_mset_snippet(m, body, strlen(body), 30, "english",
                                     XC_SNIPPET_EXHAUSTIVE | XC_SNIPPET_BACKGROUND_MODEL, "[",
                                     "]", "…", &s),
                     XC_OK);
    assert_non_null(strstr(s, "[sanctions]"));
    assert_non_null(strstr(s, "…"));
    assert_true(strlen(s) < strlen(body));
    free(s);

    const char *other = briefs[3].body;
    assert_int_equal(xe_mset_snippet(m, other, strlen(other), 500, "english",
                                     XC_SNIPPET_EMPTY_WITHOUT_MATCH, "<b>", "</b>", "...", &s),
                     XC_OK);
    assert_string_equal(s, "");
    free(s);
    assert_int_equal(xe_mset_snippet(m, other, strlen(other), 500, NULL, 0, NULL, NULL, NULL, &s),
                     XC_OK);
    assert_string_equal(s, other);
    free(s);
    assert_int_equal(xe_mset_snippet(m, other, strlen(other), 500, "english", 16, "<b>", "</b>",
                                     "...", &s),
                     XC_INVALID_ARGUMENT);
    assert_null(s);
    assert_int_equal(xe_mset_snippet(m, other, strlen(other), 500, "klingon", 0, "<b>", "</b>",
                                     "...", &s),
                     XC_INVALID_ARGUMENT);

    /* The whole text read on request (XE_SNIPPET_WHOLE_TEXT): the same. */
    assert_int_equal(xe_mset_snippet(m, body, strlen(body), 500, "english",
                                     XE_SNIPPET_WHOLE_TEXT, "<b>", "</b>", "...", &s),
                     XC_OK);
    assert_string_equal(s, "The US has warned China about support for Russia amid "
                           "<b>sanctions</b> on Moscow.");
    free(s);

    /* Stemmed words are marked with an English stemmer (the snippet stems
     * only words that may give a stemmed query term: query_first_byte_stem),
     * asked again and after a snippet without a stemmer; without one they
     * are not. */
    const char *languages[] = {"english", NULL, "english", "en"};
    for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++) {
        assert_int_equal(xe_mset_snippet(m, body, strlen(body), 500, languages[i], 0, "<b>",
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

/* Snippets stem only the words that may give a stemmed query term (those
 * starting as one does): every inflection is still marked, whatever its
 * case, its accents or the stemmer's exceptions; words that merely start the
 * same way are not. The binding's plain snippet (stemming every word) gives
 * the same. */
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
        char *snippet = NULL, *plain = NULL;
        assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m), XC_OK);
        assert_int_equal(xe_mset_snippet(m, text, strlen(text), 500, "english", 0, "[", "]",
                                         "...", &snippet),
                         XC_OK);
        if ((strstr(snippet, want) != NULL) != cases[i].marked)
            fail_msg("query '%s', text '%s': snippet '%s'", qs, text, snippet);
        assert_int_equal(xc_mset_snippet(m, text, strlen(text), 500, "english", 0, "[", "]",
                                         "...", &plain),
                         XC_OK);
        assert_string_equal(snippet, plain);
        free(snippet);
        free(plain);
        xc_mset_destroy(m);
        xc_enquire_destroy(enq);
    }
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

/* A snippet reads a long text from a space well before the first word that
 * may match (XE_SNIPPET_WHOLE_TEXT: from its start): the same snippet, for
 * texts whose words MSet::snippet joins or splits in every way it does
 * (apostrophes, '&', initials, numbers, '+', non-ASCII, words too long),
 * whatever the query and wherever its words come, or when they never do;
 * and the same as the binding's plain snippet, which reads the whole text
 * and stems every word. */
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
            char *skipped = NULL, *whole = NULL, *plain = NULL;
            assert_int_equal(xe_mset_snippet(m, text, used, length, "english", exhaustive, "[",
                                             "]", "...", &skipped),
                             XC_OK);
            assert_int_equal(xe_mset_snippet(m, text, used, length, "english",
                                             exhaustive | XE_SNIPPET_WHOLE_TEXT, "[", "]", "...",
                                             &whole),
                             XC_OK);
            if (strcmp(skipped, whole) != 0)
                fail_msg("query '%s', text '%s':\n  skipping: '%s'\n  whole:    '%s'", qs, text,
                         skipped, whole);
            assert_int_equal(xc_mset_snippet(m, text, used, length, "english", exhaustive, "[",
                                             "]", "...", &plain),
                             XC_OK);
            if (strcmp(skipped, plain) != 0)
                fail_msg("query '%s', text '%s':\n  skipping: '%s'\n  plain:    '%s'", qs, text,
                         skipped, plain);
            free(skipped);
            free(whole);
            free(plain);
        }
        xc_mset_destroy(m);
        xc_enquire_destroy(enq);
    }
    xc_queryparser_destroy(qp);
    xc_database_destroy(db);
}

/* ------------------------------------------------------------------------ */
/* Facets                                                                    */
/* ------------------------------------------------------------------------ */

enum { FACET_DOCS = 30, SLOT_TAGS = 4, SLOT_PARITY = 5, SLOT_SOME = 6 };

/* Document i (1..30): "common"; "even" when i is even; slot TAGS holds
 * "all\nm<i%4>", plus a repeated "all" when 5 | i and a trailing separator
 * (an empty item) when 7 | i; slot PARITY holds "even" or "odd"; slot SOME
 * holds "x\ny" when 3 | i, a separator alone (no item) when i % 3 == 1, and
 * nothing otherwise. */
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
        const char *some = i % 3 == 0 ? "x\ny" : i % 3 == 1 ? "\n" : NULL;
        if (some)
            assert_int_equal(xc_document_add_value(doc, SLOT_SOME, some, strlen(some)), XC_OK);
        snprintf(id, sizeof id, "Q%d", i);
        assert_int_equal(xc_database_replace_document(w, id, doc, NULL), XC_OK);
        xc_document_destroy(doc);
    }
    assert_int_equal(xc_database_commit(w), XC_OK);
    xc_database_destroy(w);
}

/* "item:count ..." of a counter. */
static const char *facet_string(xe_facets *f)
{
    static char out[512];
    out[0] = '\0';
    size_t n = xe_facets_size(f);
    for (size_t i = 0; i < n; ++i) {
        const char *item;
        unsigned count;
        assert_int_equal(xe_facets_get(f, i, &item, &count), XC_OK);
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
    xe_facets *tags = NULL, *parity = NULL, *some = NULL;
    assert_int_equal(xe_facets_create(SLOT_TAGS, '\n', &tags), XC_OK);
    assert_int_equal(xe_facets_create(SLOT_SOME, '\n', &some), XC_OK);
    assert_int_equal(xe_facets_documents_with_items(some), 0);
    assert_int_equal(xe_facets_documents_with_items(NULL), 0);
    assert_int_equal(xe_facets_create(SLOT_PARITY, '\0', &parity), XC_OK);
    assert_int_equal(xe_facets_size(tags), 0);   /* before any get_mset */
    assert_int_equal(xe_facets_documents_seen(tags), 0);
    const char *item = "x";
    unsigned count;
    assert_int_equal(xe_facets_get(tags, 0, &item, &count), XC_INVALID_ARGUMENT);
    assert_null(item);

    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xe_enquire_add_facets(enq, tags), XC_OK);
    assert_int_equal(xe_enquire_add_facets(enq, tags), XC_OK);   /* twice: counted once */
    assert_int_equal(xe_enquire_add_facets(enq, parity), XC_OK);
    assert_int_equal(xe_enquire_add_facets(enq, some), XC_OK);

    run_term(enq, "even", FACET_DOCS);
    assert_int_equal(xe_facets_documents_seen(tags), 15);
    /* Documents with an item: 6, 12, …, 30; not those of a separator alone. */
    assert_int_equal(xe_facets_documents_seen(some), 15);
    assert_int_equal(xe_facets_documents_with_items(some), 5);
    assert_string_equal(facet_string(some), "x:5 y:5");
    assert_int_equal(xe_facets_documents_with_items(tags), 15);
    assert_string_equal(facet_string(tags), "all:15 m2:8 m0:7");
    assert_string_equal(facet_string(parity), "even:15");

    /* A fresh count each get_mset, never accumulated. */
    run_term(enq, "common", FACET_DOCS);
    assert_int_equal(xe_facets_documents_seen(tags), 30);
    assert_string_equal(facet_string(tags), "all:30 m1:8 m2:8 m0:7 m3:7");
    assert_string_equal(facet_string(parity), "even:15 odd:15");
    run_term(enq, "common", FACET_DOCS);
    assert_string_equal(facet_string(tags), "all:30 m1:8 m2:8 m0:7 m3:7");
    assert_int_equal(xe_facets_documents_with_items(some), 10);

    assert_int_equal(xe_facets_get(tags, 5, &item, &count), XC_INVALID_ARGUMENT);
    assert_int_equal(xe_facets_get(tags, 0, NULL, &count), XC_INVALID_ARGUMENT);

    /* Either handle may go first: the facets first here ... */
    xe_facets_destroy(parity);
    run_term(enq, "even", FACET_DOCS);
    assert_string_equal(facet_string(tags), "all:15 m2:8 m0:7");
    assert_int_equal(xe_facets_documents_with_items(some), 5);
    xe_facets_destroy(some);
    /* ... the enquire first here: the counts stay readable. */
    xc_enquire_destroy(enq);
    assert_string_equal(facet_string(tags), "all:15 m2:8 m0:7");
    assert_int_equal(xe_facets_documents_seen(tags), 15);

    /* Cleared: the counter is no longer fed. */
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xe_enquire_add_facets(enq, tags), XC_OK);
    assert_int_equal(xe_enquire_clear_facets(enq), XC_OK);
    run_term(enq, "common", FACET_DOCS);
    assert_int_equal(xe_facets_documents_seen(tags), 15);
    xc_enquire_destroy(enq);
    xe_facets_destroy(tags);
}

/* The matcher's count of enq's query over every document, and its facets
 * into want (a string of facet_string). */
static unsigned matcher_count(xc_enquire *enq, xe_facets *f, char *want, size_t n)
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
    xe_facets *people = NULL;
    assert_int_equal(xe_facets_create(SLOT_PEOPLE, '\n', &people), XC_OK);
    unsigned count = 99;
    int counted = 1;

    /* No table yet: left to the matcher (which reads the values and, having
     * read as many as there are documents, lets the handle build one). */
    xc_enquire *enq = enquire_for(db, qp, "sanctions OR talks");
    assert_int_equal(xe_enquire_add_facets(enq, people), XC_OK);
    assert_int_equal(xe_enquire_count_directly(enq, &count, &counted), XC_OK);
    assert_int_equal(counted, 0);
    assert_int_equal(count, 99);
    xc_enquire_destroy(enq);
    xc_query *all = NULL;
    assert_int_equal(xc_query_match_all(&all), XC_OK);
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xc_enquire_set_query(enq, all, 0), XC_OK);
    assert_int_equal(xe_enquire_add_facets(enq, people), XC_OK);
    char want[512];
    assert_int_equal(matcher_count(enq, people, want, sizeof want), N_BRIEFS);
    assert_int_equal(xe_enquire_count_directly(enq, &count, &counted), XC_OK);
    assert_int_equal(counted, 1);
    assert_int_equal(count, N_BRIEFS);
    assert_string_equal(facet_string(people), want);
    assert_int_equal(xe_facets_documents_seen(people), N_BRIEFS);
    xc_enquire_destroy(enq);
    xc_query_destroy(all);

    static const char *const direct[] = {
        "sanctions", "sanctions OR talks", "sanctions AND russia", "russia NOT sanctions",
        "title:sanctions", "person:jake-sullivan", "sanctions person:jake-sullivan",
        "talks OR person:yang-jiechi", "(russia OR rome) AND NOT title:talks", "zyzzyva",
        "sanctions AND zyzzyva", "markets"};
    for (size_t i = 0; i < sizeof direct / sizeof direct[0]; ++i) {
        enq = enquire_for(db, qp, direct[i]);
        assert_int_equal(xe_enquire_add_facets(enq, people), XC_OK);
        unsigned expected = matcher_count(enq, people, want, sizeof want);
        unsigned seen = xe_facets_documents_seen(people);
        count = 99;
        assert_int_equal(xe_enquire_count_directly(enq, &count, &counted), XC_OK);
        if (!counted)
            fail_msg("'%s' not counted directly", direct[i]);
        assert_int_equal(count, expected);
        assert_string_equal(facet_string(people), want);
        assert_int_equal(xe_facets_documents_seen(people), seen);
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
        assert_int_equal(xe_enquire_add_facets(enq, people), XC_OK);
        assert_int_equal(xe_enquire_count_directly(enq, &count, &counted), XC_OK);
        if (counted)
            fail_msg("'%s' counted directly", matcher_only[i]);
        xc_enquire_destroy(enq);
    }
    enq = enquire_for(db, qp, "sanctions");
    assert_int_equal(xc_enquire_set_cutoff(enq, 50), XC_OK);
    assert_int_equal(xe_enquire_count_directly(enq, &count, &counted), XC_OK);
    assert_int_equal(counted, 0);
    assert_int_equal(xe_enquire_count_directly(enq, NULL, &counted), XC_INVALID_ARGUMENT);
    assert_int_equal(xe_enquire_count_directly(NULL, &count, &counted), XC_INVALID_ARGUMENT);
    xc_enquire_destroy(enq);
    xe_facets_destroy(people);
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
    assert_int_equal(xe_facets_prepare(db, SLOT_PARITY, '\0'), XC_OK);
    xe_facets *parity = NULL;
    assert_int_equal(xe_facets_create(SLOT_PARITY, '\0', &parity), XC_OK);
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
                assert_int_equal(xe_enquire_add_facets(enq, parity), XC_OK);
                char want[512];
                unsigned expected = matcher_count(enq, parity, want, sizeof want);
                unsigned count = 0;
                int counted = 0;
                assert_int_equal(xe_enquire_count_directly(enq, &count, &counted), XC_OK);
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
    xe_facets_destroy(parity);
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
    xe_facets *people = NULL;
    assert_int_equal(xe_facets_create(SLOT_PEOPLE, '\n', &people), XC_OK);
    assert_int_equal(xe_facets_prepare(db, SLOT_PEOPLE, '\n'), XC_OK);
    assert_int_equal(xe_facets_prepare(db, SLOT_PEOPLE, '\n'), XC_OK);   /* again: same */
    assert_int_equal(xe_facets_prepare(NULL, SLOT_PEOPLE, '\n'), XC_INVALID_ARGUMENT);
    for (int round = 0; round < 2; ++round) {
        xc_enquire *enq = enquire_for(db, qp, "sanctions OR rome");
        assert_int_equal(xe_enquire_add_facets(enq, people), XC_OK);
        unsigned count = 0;
        int counted = 0;
        assert_int_equal(xe_enquire_count_directly(enq, &count, &counted), XC_OK);
        assert_int_equal(counted, 1);
        assert_int_equal(count, 4);
        assert_string_equal(facet_string(people),
                            "jake-sullivan:3 yang-jiechi:2 ursula-von-der-leyen:1 "
                            "volodymyr-zelensky:1");
        xc_enquire_destroy(enq);
        assert_int_equal(xc_database_reopen(db, NULL), XC_OK);
    }
    xe_facets_destroy(people);
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

/* Whether the counter's query "common" on db is counted from a facet table
 * (xe_enquire_count_directly), and not left to the matcher. */
static int counted_from_table(xc_database *db, xe_facets *f)
{
    xc_query *q = NULL;
    xc_enquire *enq = NULL;
    assert_int_equal(xc_query_term("common", 1, 0, &q), XC_OK);
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xc_enquire_set_query(enq, q, 0), XC_OK);
    assert_int_equal(xe_enquire_add_facets(enq, f), XC_OK);
    unsigned count = 0;
    int counted = 0;
    assert_int_equal(xe_enquire_count_directly(enq, &count, &counted), XC_OK);
    if (counted)
        assert_int_equal(count, FACET_DOCS);
    xc_enquire_destroy(enq);
    xc_query_destroy(q);
    return counted;
}

/* A reopen that finds no new revision keeps the facet tables (brief-query
 * --batch reopens before every line: rebuilding them each time cost more
 * than the query); one that finds a new revision drops them. */
static void test_facets_tables_kept_by_idle_reopen(void **state)
{
    (void)state;
    TMP_PATH(path, "facets-idle-reopen");
    write_parity_db(path, XC_DB_CREATE, 0);
    xc_database *db = NULL;
    assert_int_equal(xc_database_open(path, &db, NULL), XC_OK);
    xe_facets *parity = NULL;
    assert_int_equal(xe_facets_create(SLOT_PARITY, '\0', &parity), XC_OK);
    assert_int_equal(counted_from_table(db, parity), 0);   /* no table yet */
    xc_enquire *enq = NULL;
    assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
    assert_int_equal(xe_enquire_add_facets(enq, parity), XC_OK);
    run_term(enq, "common", FACET_DOCS);   /* every value read: the table is built */
    xc_enquire_destroy(enq);
    assert_int_equal(counted_from_table(db, parity), 1);
    int changed = -1;
    for (int i = 0; i < 3; ++i) {
        assert_int_equal(xc_database_reopen(db, &changed), XC_OK);
        assert_int_equal(changed, 0);
        assert_int_equal(counted_from_table(db, parity), 1);
    }
    assert_string_equal(facet_string(parity), "even:15 odd:15");
    write_parity_db(path, XC_DB_OPEN, 1);
    assert_int_equal(xc_database_reopen(db, &changed), XC_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(counted_from_table(db, parity), 0);   /* dropped: docids may differ */
    xe_facets_destroy(parity);
    xc_database_destroy(db);
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
    xe_facets *parity = NULL;
    assert_int_equal(xe_facets_create(SLOT_PARITY, '\0', &parity), XC_OK);
    for (int round = 0; round < 4; ++round) {
        xc_enquire *enq = NULL;
        assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
        assert_int_equal(xe_enquire_add_facets(enq, parity), XC_OK);
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
        assert_int_equal(xe_enquire_add_facets(enq, parity), XC_OK);
        run_term(enq, "common", FACET_DOCS);
        assert_string_equal(facet_string(parity), "odd:30");
        xc_enquire_destroy(enq);
    }

    /* A second shard interleaves the docids. */
    assert_int_equal(xc_database_add(db, path2), XC_OK);
    for (int round = 0; round < 3; ++round) {
        xc_enquire *enq = NULL;
        assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
        assert_int_equal(xe_enquire_add_facets(enq, parity), XC_OK);
        run_term(enq, "common", 2 * FACET_DOCS);
        assert_string_equal(facet_string(parity), "odd:45 even:15");
        run_term(enq, "even", 2 * FACET_DOCS);
        assert_string_equal(facet_string(parity), "even:15 odd:15");
        xc_enquire_destroy(enq);
    }
    xe_facets_destroy(parity);
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
    xe_facets *tags = NULL;
    assert_int_equal(xe_facets_create(SLOT_TAGS, '\n', &tags), XC_OK);
    for (int round = 0; round < 3; ++round) {
        xc_enquire *enq = NULL;
        assert_int_equal(xc_enquire_create(db, &enq), XC_OK);
        assert_int_equal(xe_enquire_add_facets(enq, tags), XC_OK);
        run_term(enq, "common", 150);
        assert_int_equal(xe_facets_size(tags), 50);
        const char *item;
        unsigned count;
        assert_int_equal(xe_facets_get(tags, 49, &item, &count), XC_OK);   /* last first */
        assert_string_equal(item, "k45");
        assert_string_equal(facet_string(tags), expected);
        xc_enquire_destroy(enq);
    }
    xe_facets_destroy(tags);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_null_handles),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_spelling_of_documents),
        cmocka_unit_test(test_snippet),
        cmocka_unit_test(test_snippet_stems),
        cmocka_unit_test(test_snippet_skipping),
        cmocka_unit_test(test_facets),
        cmocka_unit_test(test_count_directly),
        cmocka_unit_test(test_prepare_facets),
        cmocka_unit_test(test_count_directly_long_lists),
        cmocka_unit_test(test_facets_tables),
        cmocka_unit_test(test_facets_tables_kept_by_idle_reopen),
        cmocka_unit_test(test_facets_many_values),
        cmocka_unit_test(test_facets_remote),
    };
    return cmocka_run_group_tests(tests, fixture_xapian_setup, fixture_xapian_teardown);
}
