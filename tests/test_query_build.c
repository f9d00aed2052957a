/* test_query_build.c — the user's query and filters → one Xapian query
 * (query/query_build.h), checked by the briefs each query matches in a small
 * temporary index. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "fixture_index.h"
#include "fixture_tmp.h"
#include "query_build.h"
#include "schema.h"
#include "stopwords.h"

/* ------------------------------------------------------------------------ */
/* Scaffolding: a five-brief index                                           */
/* ------------------------------------------------------------------------ */

static char tmp_root[64];
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
     {E("cn", "China"), E("ru", "Russia"), E("us", "United States")}, 3, NULL},
    {"b", "Sullivan meets Quimbleworth in Madrid",
     "Ana Quimbleworth and the national security adviser discussed trade and energy.",
     "2022-03-20", "Reuters",
     {E("ana-quimbleworth", "Ana Quimbleworth"), E("jake-sullivan", "Jake Sullivan")}, 2,
     {E("es", "Spain"), E("us", "United States")}, 2, NULL},
    {"c", "Grain ship leaves Odesa",
     "A grain ship left the port of Odesa under a deal brokered by Turkey.",
     "2022-08-01", "BBC", {{0}}, 0,
     {E("tr", "Turkey"), E("ua", "Ukraine")}, 2, NULL},
    {"d", "Election in Chad",
     "Voters in Chad went to the polls; sanctions were not on the agenda.",
     "2024-05-06", "Reuters",
     {E("maeve-sullivan", "Maeve Sullivan"), E("tom-quimbleworth", "Tom Quimbleworth")}, 2,
     {E("td", "Chad")}, 1, NULL},
    {"e", "Undated note",
     "Markets weighed financial risk while aid groups asked for assistance.",
     NULL, NULL, {{0}}, 0, {{0}}, 0, NULL},
    {LONG_ID, "Wire summary", "Markets closed higher.", NULL, "Associated Press",
     {{0}}, 0, {{0}}, 0, NULL},
};
#define NSAMPLES (sizeof samples / sizeof samples[0])

static int group_setup(void **state)
{
    (void)state;
    if (fixture_tmp_make("test_query_build", tmp_root, sizeof tmp_root) != 0 ||
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

    /* A request: its text, or a filter of such a field. */
    const query_filter person[] = {{"person", "sullivan", "--person"}};
    const query_filter source[] = {{"source", "cnn", "--source"}};
    query_request req = {.text = "sanctions", .filters = person, .nfilters = 1};
    assert_true(query_request_needs_aliases(&req));
    req.filters = source;
    assert_false(query_request_needs_aliases(&req));
    req.text = "about:chile";
    assert_true(query_request_needs_aliases(&req));
    req = (query_request){.text = NULL};
    assert_false(query_request_needs_aliases(&req));
}

/* The one stopword check (the analysis here and feedback's stems): whole
 * words of the list, in any case; the words news needs are not on it. */
static void test_stopwords(void **state)
{
    (void)state;
    assert_true(query_is_stopword("the", 3));
    assert_true(query_is_stopword("The", 3));
    assert_true(query_is_stopword("THEIRS", 6));
    assert_true(query_is_stopword("them all", 4));   /* its first len bytes */
    assert_false(query_is_stopword("the", 2));
    assert_false(query_is_stopword("theme", 5));
    assert_false(query_is_stopword("over", 4));
    assert_false(query_is_stopword("against", 7));
    assert_false(query_is_stopword("not", 3));
    assert_false(query_is_stopword("", 0));
    for (size_t i = 0; i < query_stopword_count; i++)
        assert_true(query_is_stopword(query_stopwords[i], strlen(query_stopwords[i])));
}

static unsigned ranking_words(const char *text)
{
    query_shape shape;
    query_analyse(text, &shape);
    return shape.words;
}

/* The words that rank, as the AND-or-OR rule counts them: a field's name and
 * a filter's value are none of them. */
static void test_analyse_words(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        unsigned words;
    } cases[] = {
        {"oil prices", 2},
        {"the price of oil", 2},                          /* stopwords */
        {"country:japan oil prices", 2},
        {"oil prices country:japan", 2},
        {"person:sullivan about:china oil prices", 2},
        {"person:\"Jake Sullivan\" oil prices", 2},      /* a quoted value with a space */
        {"person:\"Jake \"\"JJ\"\" Sullivan\" oil", 1},   /* "" inside quotes */
        {"person:\"Jake Sullivan oil prices", 0},         /* unclosed: runs to the end */
        {"date:2022-03-01..2022-03-31 oil prices", 2},
        {"date:2022 source:reuters id:cnn-2022-03-14-rome oil", 1},
        {"(country:us OR country:cn) oil", 1},
        {"(country:us) oil", 1},
        {"-country:us +person:sullivan oil prices", 2},
        {"title:oil prices", 2},                          /* the name only */
        {"title:\"oil prices\" demand", 3},
        {"country: japan", 2},                            /* no value: words */
        {"country:) oil", 2},
        {"Country:japan oil", 3},                         /* names are lower case */
        {"colour:red oil", 3},                            /* no such field: words */
        {"oil,country:japan", 3},                         /* not at a word's start */
        {"country:japan", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned got = ranking_words(cases[i].text);
        if (got != cases[i].words)
            fail_msg("'%s': %u ranking words, expected %u", cases[i].text, got, cases[i].words);
    }
}

/* A field typed in the query and the same filter given as an option give
 * the same query: the same briefs, ANDed words (three, here, where OR would
 * match more), no feedback. */
static void test_fields_never_rank(void **state)
{
    (void)state;
    static const struct {
        const char *field, *value, *words, *expected;
    } cases[] = {
        /* OR would add d (sanctions). */
        {"person", "sullivan", "sanctions financial assistance", "a"},
        /* OR would match a and b. */
        {"person", "Jake Sullivan", "trade energy sanctions", ""},
        {"country", "us", "trade energy sanctions", ""},
        {"country", "united states", "trade energy sanctions", ""},
        {"about", "us", "trade energy sanctions", ""},
        /* OR would match b and d. */
        {"source", "reuters", "sanctions trade energy", ""},
        {"source", "Associated Press", "markets closed higher", "f-long-i"},
        /* OR would match a, b and c. */
        {"date", "2022", "sanctions trade grain", ""},
        {"date", "2022-03", "sanctions trade energy", ""},
        {"date", "2024-05-06", "voters polls agenda", "d"},
        /* OR would match a. */
        {"id", "a", "sanctions trade energy", ""},
        {"id", "d", "sanctions voters polls", "d"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256], typed[256], given[256];
        int quote = strchr(cases[i].value, ' ') != NULL;
        snprintf(text, sizeof text, "%s:%s%s%s %s", cases[i].field, quote ? "\"" : "",
                 cases[i].value, quote ? "\"" : "", cases[i].words);
        query_filter filter = {cases[i].field, cases[i].value, NULL};
        query_request as_text = {.text = text};
        query_request as_filter = {.text = cases[i].words, .filters = &filter, .nfilters = 1};
        query_built a, b;
        char err[256];
        assert_int_equal(query_build(db, ex, &as_text, &a, err, sizeof err), XC_OK);
        assert_int_equal(query_build(db, ex, &as_filter, &b, err, sizeof err), XC_OK);
        matches(a.query, typed, sizeof typed);
        matches(b.query, given, sizeof given);
        if (strcmp(typed, cases[i].expected) != 0 || strcmp(given, cases[i].expected) != 0)
            fail_msg("'%s' matched '%s'; as a filter, '%s'; expected '%s'", text, typed, given,
                     cases[i].expected);
        assert_false(a.any);
        assert_false(a.sentence);
        assert_false(b.any);
        assert_false(b.sentence);
        query_built_clear(&a);
        query_built_clear(&b);
    }

    /* A date range in the query, --since and --until as filters. */
    query_request as_text = {.text = "date:2022-03-01..2022-03-31 sanctions trade energy"};
    check_req(&as_text, "");
    query_request as_range = {.text = "sanctions trade energy", .since = "2022-03-01",
                              .until = "2022-03-31"};
    check_req(&as_range, "");
    as_text.text = "date:2022-03-01..2022-03-31 sanctions financial assistance";
    check_req(&as_text, "a");

    /* title: is a field of words: its value ranks, its name does not. */
    check("title:grain ship odesa", "c");
    check("title:sullivan madrid trade", "b");
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

    /* Years and months as ends, either one left out: from A's first day to
     * B's last, as --since and --until read them. */
    check("date:2022..2023", "a,b,c");
    check("date:2022-08..2024", "c,d");
    check("date:2023..", "d");
    check("date:..2022-03", "a,b");
    check("date:..2021", "");
    check("date:2022..2022 sanctions", "a");

    query_request req = {.text = "date:someday"};
    check_syntax_error_saying(&req, "date");
    req.text = "date:2024..2022";
    check_syntax_error_saying(&req, "ends before it begins");
    req.text = "date:..";
    check_syntax_error_saying(&req, "date");
    req.text = "date:2022..someday";
    check_syntax_error_saying(&req, "date");
}

/* A query longer than QUERY_MAX_BYTES or of more than 256 words is refused
 * before it is parsed, saying which. */
static void test_query_caps(void **state)
{
    (void)state;
    char text[QUERY_MAX_BYTES + 2];
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    query_request req = {.text = text};
    check_syntax_error_saying(&req, "longer than 4096 bytes");
    text[QUERY_MAX_BYTES] = '\0';   /* 4096 bytes: one long word, accepted */
    check(text, "");
    size_t n = 0;
    for (int i = 0; i < 257; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s", i ? " zq" : "zq");
    check_syntax_error_saying(&req, "more than 256 words");
    text[n - 3] = '\0';   /* 256 words */
    check(text, "");
}

/* A field with no value is an error, whichever way it is written: the
 * parser read "about:" as the word "about" and matched every brief. */
static void test_empty_field_value(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "about:", "person:", "country: sanctions", "sanctions (date:)", "title:",
        "about:\"\"", "sanctions AND source:",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        query_request req = {.text = texts[i]};
        check_syntax_error_saying(&req, "needs a value");
    }
    query_filter empty = {.field = "about", .value = "", .option = "--about"};
    query_request req = {.text = "sanctions", .filters = &empty, .nfilters = 1};
    check_syntax_error_saying(&req, "--about: needs a value");
    /* Inside a phrase, "about:" is words. */
    query_built qb;
    char err[256];
    req = (query_request){.text = "\"the story about:\" sanctions"};
    assert_int_equal(query_build(db, ex, &req, &qb, err, sizeof err), XC_OK);
    query_built_clear(&qb);
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

#define F(field, value) {(field), (value), "--" field}

static void test_filters(void **state)
{
    (void)state;
    const query_filter sullivan[] = {F("person", "sullivan")};
    const query_filter china[] = {F("country", "china")};
    const query_filter us_and_spain[] = {F("country", "u.s."), F("country", "Spain")};
    const query_filter narnia[] = {F("country", "narnia")};
    const query_filter empty[] = {F("person", "")};

    query_request req = {.text = "", .filters = sullivan, .nfilters = 1};
    check_req(&req, "a,b,d");
    req.text = "trade";
    check_req(&req, "b");
    req.text = "grain";
    check_req(&req, "");

    const query_filter quimbleworth[] = {F("person", "Quimbleworth")};
    req = (query_request){.text = "", .filters = quimbleworth, .nfilters = 1};
    check_req(&req, "b,d");
    /* Several people are ANDed. */
    const query_filter two[] = {F("person", "quimbleworth"), F("person", "Jake Sullivan")};
    req = (query_request){.text = "", .filters = two, .nfilters = 2};
    check_req(&req, "b");

    req = (query_request){.text = "", .filters = china, .nfilters = 1};
    check_req(&req, "a");
    /* Several values are ANDed. */
    req = (query_request){.text = NULL, .filters = us_and_spain, .nfilters = 2};
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
    req = (query_request){.text = "sanctions OR trade", .filters = sullivan, .nfilters = 1,
                          .until = "2022-03-15"};
    check_req(&req, "a");

    /* The other fields: about and source. */
    const query_filter reuters[] = {F("source", "Reuters")};
    req = (query_request){.text = "", .filters = reuters, .nfilters = 1};
    check_req(&req, "b,d");
    const query_filter about_chad[] = {F("about", "chad")};
    req = (query_request){.text = "", .filters = about_chad, .nfilters = 1};
    check_req(&req, "d");

    /* A list is any of its values: Spain or Chad; China or Chad, with the
     * US (repeated: all); people by any alias; blanks and empty items
     * skipped. */
    const query_filter spain_or_chad[] = {F("country", "es,Chad")};
    req = (query_request){.text = "", .filters = spain_or_chad, .nfilters = 1};
    check_req(&req, "b,d");
    const query_filter any_and_us[] = {F("country", " china , , td"), F("country", "us")};
    req = (query_request){.text = "", .filters = any_and_us, .nfilters = 2};
    check_req(&req, "a");
    const query_filter people[] = {F("person", "Maeve Sullivan,quimbleworth")};
    req = (query_request){.text = "", .filters = people, .nfilters = 1};
    check_req(&req, "b,d");
    const query_filter commas[] = {F("country", ",,")};
    req = (query_request){.text = "", .filters = commas, .nfilters = 1};
    check_syntax_error_saying(&req, "--country: needs a value");
    const query_filter one_bad[] = {F("country", "china,narnia")};
    req = (query_request){.text = "", .filters = one_bad, .nfilters = 1};
    check_syntax_error_saying(&req, "--country: 'narnia' is no country");

    req = (query_request){.text = "", .filters = narnia, .nfilters = 1};
    check_syntax_error_saying(&req, "--country: 'narnia' is no country");
    req = (query_request){.text = "", .filters = empty, .nfilters = 1};
    check_syntax_error_saying(&req, "--person");
    const query_filter no_field[] = {{"colour", "red", NULL}};
    req = (query_request){.text = "", .filters = no_field, .nfilters = 1};
    check_syntax_error_saying(&req, "colour");
}

/* What query_build makes of q: XC_OK with its hints joined by "|", or the
 * error message. */
static void hints_of(const query_request *req, char *out, size_t outlen)
{
    query_built qb;
    char err[256];
    xc_status st = query_build(db, ex, req, &qb, err, sizeof err);
    if (st != XC_OK) {
        snprintf(out, outlen, "error: %s", err);
        return;
    }
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < qb.nhints; i++)
        used += (size_t)snprintf(out + used, outlen - used, "%s%s", i ? "|" : "", qb.hints[i]);
    query_built_clear(&qb);
}

static void check_hints(const char *text, const char *expected)
{
    char got[1024];
    query_request req = {.text = text};
    hints_of(&req, got, sizeof got);
    if (strcmp(got, expected) != 0)
        fail_msg("'%s': '%s', expected '%s'", text, got, expected);
}

/* A field value the index does not hold gets a hint naming the nearest it
 * does; one the gazetteer cannot read is an error that names them. The
 * same for the options. */
static void test_hints(void **state)
{
    (void)state;
    check_hints("person:\"Ana Quimbelworth\" sanctions",
                "person: 'Ana Quimbelworth' is in no brief; nearest: Ana Quimbleworth");
    check_hints("source:reuter", "source: 'reuter' is in no brief; nearest: reuters");
    check_hints("source:\"associated pres\"",
                "source: 'associated pres' is in no brief; nearest: associated press");
    /* The start of a word of a value counts as one error. */
    check_hints("source:assoc", "source: 'assoc' is in no brief; nearest: associated press");
    /* Only the nearest: "sulivan" is one error from both Sullivans, more
     * from the rest. */
    check_hints("person:sulivan",
                "person: 'sulivan' is in no brief; nearest: Jake Sullivan, Maeve Sullivan");
    /* A country no brief names; nothing near it. */
    check_hints("country:france", "country: 'france' is in no brief");
    check_hints("about:chnia", "error: about: 'chnia' is no country the gazetteer knows; "
                               "nearest: China");
    check_hints("country:narnia", "error: country: 'narnia' is no country the gazetteer knows");
    /* Each said once; several. */
    check_hints("person:sulivan OR person:sulivan OR source:cnm",
                "person: 'sulivan' is in no brief; nearest: Jake Sullivan, Maeve Sullivan|"
                "source: 'cnm' is in no brief; nearest: cnn");
    /* Values the index holds, dates and ids: no hint. */
    check_hints("person:sullivan source:reuters country:us about:chad", "");
    check_hints("date:1999 id:zz", "");
    check_hints("zyzzyva", "");

    /* The options, named as the user gave them. */
    const query_filter filters[] = {{"person", "quimblewort", "--person"},
                                    {"source", "bcc", "--source"}};
    query_request req = {.text = "", .filters = filters, .nfilters = 2};
    char got[1024];
    hints_of(&req, got, sizeof got);
    assert_string_equal(got, "--person: 'quimblewort' is in no brief; nearest: Ana Quimbleworth, "
                             "Tom Quimbleworth|--source: 'bcc' is in no brief; nearest: bbc");
    const query_filter country[] = {{"country", "Tukrey", "--country"}};
    req = (query_request){.text = "", .filters = country, .nfilters = 1};
    hints_of(&req, got, sizeof got);
    assert_string_equal(got, "error: --country: 'Tukrey' is no country the gazetteer knows; "
                             "nearest: Turkey");
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

    /* A word the index knows, or a stopword, is never changed; a suggestion
     * that matches no brief is none ("nothing-like-this" was
     * "voting-like-his"). Real misspellings still get one. */
    static const struct {
        const char *text, *suggestion;
    } cases[] = {
        {"nothing-like-this", NULL},
        {"sullivn", "sullivan"},
        {"chian", "china"},
        {"sullivn this", "sullivan this"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        req.text = cases[i].text;
        assert_int_equal(query_build(db, ex, &req, &qb, err, sizeof err), XC_OK);
        if (cases[i].suggestion) {
            assert_non_null(qb.suggestion);
            assert_string_equal(qb.suggestion, cases[i].suggestion);
        } else {
            assert_null(qb.suggestion);
        }
        query_built_clear(&qb);
    }
    /* The suggestion must match with the filters too. */
    query_filter es = {.field = "country", .value = "es"}, fr = {.field = "country", .value = "fr"};
    req.text = "sullivn";
    req.filters = &es;
    req.nfilters = 1;
    assert_int_equal(query_build(db, ex, &req, &qb, err, sizeof err), XC_OK);
    assert_non_null(qb.suggestion);
    query_built_clear(&qb);
    req.filters = &fr;
    assert_int_equal(query_build(db, ex, &req, &qb, err, sizeof err), XC_OK);
    assert_null(qb.suggestion);
    query_built_clear(&qb);
    req.filters = NULL;
    req.nfilters = 0;

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
        cmocka_unit_test(test_stopwords),
        cmocka_unit_test(test_analyse_words),
        cmocka_unit_test(test_fields_never_rank),
        cmocka_unit_test(test_hints),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_phrases),
        cmocka_unit_test(test_title),
        cmocka_unit_test(test_person),
        cmocka_unit_test(test_person_filter),
        cmocka_unit_test(test_country),
        cmocka_unit_test(test_date),
        cmocka_unit_test(test_empty_field_value),
        cmocka_unit_test(test_query_caps),
        cmocka_unit_test(test_source_and_id),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_empty_text),
        cmocka_unit_test(test_syntax_error),
        cmocka_unit_test(test_suggestion),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
