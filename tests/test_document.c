/* test_document.c — brief + entities → Xapian document (indexer/document.h):
 * the brief's id, its terms, values and data JSON. */
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
#include "fixture_tmp.h"
#include "schema.h"

/* ------------------------------------------------------------------------ */
/* Scaffolding                                                               */
/* ------------------------------------------------------------------------ */

static char tmp_root[64];
static xc_database *spell_db;

static int group_setup(void **state)
{
    (void)state;
    if (fixture_tmp_make("test_document", tmp_root, sizeof tmp_root) != 0)
        return -1;
    char path[600];
    snprintf(path, sizeof path, "%s/db", tmp_root);
    return xc_database_open_writable(path, XC_DB_CREATE_OR_OPEN, &spell_db, NULL) == XC_OK ? 0
                                                                                          : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    xc_database_destroy(spell_db);
    spell_db = NULL;
    return fixture_tmp_remove(tmp_root);
}

/* A termgen set up as brief-index sets it up. */
static xc_termgen *new_termgen(void)
{
    xc_termgen *tg = NULL;
    assert_int_equal(xc_termgen_create(SCHEMA_LANGUAGE, &tg), XC_OK);
    assert_int_equal(xc_termgen_set_database(tg, spell_db), XC_OK);
    assert_int_equal(xc_termgen_set_flags(tg, XC_TG_SPELLING), XC_OK);
    return tg;
}

static void set(char **field, const char *s)
{
    assert_int_equal(brief_set(field, s, strlen(s)), 0);
}

/* The terms of a document, each followed by '\n', so "\nTERM\n" finds one. */
typedef struct terms {
    char s[1 << 16];
    size_t len;
} terms;

static int collect_term(void *ctx, const char *term, unsigned wdf)
{
    (void)wdf;
    terms *t = ctx;
    int n = snprintf(t->s + t->len, sizeof t->s - t->len, "%s%s\n", t->len ? "" : "\n", term);
    assert_true(n > 0 && (size_t)n < sizeof t->s - t->len);
    t->len += (size_t)n;
    return 0;
}

static terms *doc_terms(xc_document *doc, const char *prefix)
{
    terms *t = calloc(1, sizeof *t);
    assert_non_null(t);
    assert_int_equal(xc_document_termlist(doc, prefix, collect_term, t), XC_OK);
    return t;
}

static int has_term(const terms *t, const char *term)
{
    char needle[512];
    snprintf(needle, sizeof needle, "\n%s\n", term);
    return strstr(t->s, needle) != NULL;
}

/* The value in slot as a malloc'd NUL-terminated string. */
static char *value(xc_document *doc, unsigned slot)
{
    const char *v;
    size_t len;
    assert_int_equal(xc_document_get_value(doc, slot, &v, &len), XC_OK);
    char *s = malloc(len + 1);
    assert_non_null(s);
    memcpy(s, v, len);
    s[len] = '\0';
    return s;
}

static json_t *data(xc_document *doc)
{
    const char *d;
    size_t len;
    assert_int_equal(xc_document_get_data(doc, &d, &len), XC_OK);
    json_error_t e;
    json_t *j = json_loadb(d, len, 0, &e);
    assert_non_null(j);
    assert_true(json_is_object(j));
    return j;
}

static const char *jstr(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* The Rome brief of the README, with entities built by hand. */
static entity sample_people[] = {
    {(char *)"jake-sullivan", (char *)"Jake Sullivan", 1, 0},
    {(char *)"yang-jiechi", (char *)"Yang Jiechi", 1, 0},
};
static entity sample_countries[] = {
    {(char *)"cn", (char *)"China", 2, 1},
    {(char *)"ru", (char *)"Russia", 1, 0},     /* named, but not what the brief is about */
    {(char *)"us", (char *)"United States", 1, 1},
};

static void sample_brief(brief *b)
{
    brief_init(b);
    set(&b->id, "cnn-2022-03-14-rome");
    set(&b->title, "US warns China over support for Russia");
    set(&b->date, "2022-03-14");
    set(&b->source, "CNN");
    set(&b->url, "https://example.com/rome");
    set(&b->body, "The US has conveyed directly to China that it would face consequences "
                  "for providing financial assistance to Moscow.");
    b->body_len = strlen(b->body);
}

static xc_document *build(const brief *b, const char *id, const entity_set *e,
                          const file_stamp *stamp)
{
    xc_termgen *tg = new_termgen();
    xc_document *doc = NULL;
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(document_build(doc, tg, b, id, e, stamp, NULL), XC_OK);
    xc_termgen_destroy(tg);
    return doc;
}

/* A text being written: what dump_document fills. */
typedef struct dump {
    char s[1 << 14];
    size_t len;
} dump;

static void dump_add(dump *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(d->s + d->len, sizeof d->s - d->len, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof d->s - d->len);
    d->len += (size_t)n;
}

static int dump_term(void *ctx, const char *term, unsigned wdf)
{
    dump_add(ctx, "%s %u\n", term, wdf);
    return 0;
}

/* Everything document_build wrote into doc with tg: every term with its wdf
 * ("term wdf" a line, in byte order), every value slot that holds something
 * ("slot N: value", SCHEMA_LIST_SEP shown as '|'), where the term generator's
 * positions ended, and the data. */
static void dump_document(xc_document *doc, const xc_termgen *tg, dump *d)
{
    d->len = 0;
    d->s[0] = '\0';
    assert_int_equal(xc_document_termlist(doc, "", dump_term, d), XC_OK);
    for (unsigned slot = 0; slot < 32; slot++) {
        const char *v;
        size_t len;
        assert_int_equal(xc_document_get_value(doc, slot, &v, &len), XC_OK);
        if (len == 0)
            continue;
        dump_add(d, "slot %u: ", slot);
        for (size_t i = 0; i < len; i++)
            dump_add(d, "%c", v[i] == SCHEMA_LIST_SEP ? '|' : v[i]);
        dump_add(d, "\n");
    }
    const char *data;
    size_t len;
    assert_int_equal(xc_document_get_data(doc, &data, &len), XC_OK);
    dump_add(d, "termpos %u\ndata %.*s\n", xc_termgen_get_termpos(tg), (int)len, data);
}

/* ------------------------------------------------------------------------ */
/* document_brief_id                                                         */
/* ------------------------------------------------------------------------ */

static void test_brief_id(void **state)
{
    (void)state;
    brief b;
    char out[256];
    brief_init(&b);

    /* No id, one brief in its file: the path. */
    assert_ptr_equal(document_brief_id(&b, "/data/x.txt", out, sizeof out), out);
    assert_string_equal(out, "/data/x.txt");

    /* No id, the 3rd brief of its file: path#3. */
    b.ordinal = 3;
    assert_string_equal(document_brief_id(&b, "/data/x.jsonl", out, sizeof out),
                        "/data/x.jsonl#3");

    /* An empty id counts as none. */
    set(&b.id, "");
    assert_string_equal(document_brief_id(&b, "/data/x.jsonl", out, sizeof out),
                        "/data/x.jsonl#3");

    /* Its own id wins over path and ordinal. */
    set(&b.id, "cnn-2022-03-14-rome");
    assert_string_equal(document_brief_id(&b, "/data/x.jsonl", out, sizeof out),
                        "cnn-2022-03-14-rome");

    /* A small buffer is never overrun and stays terminated. */
    char small[8];
    memset(small, 'x', sizeof small);
    document_brief_id(&b, "/p", small, sizeof small);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_memory_equal(small, "cnn-202", 7);
    brief_clear(&b);
}

/* ------------------------------------------------------------------------ */
/* document_build                                                            */
/* ------------------------------------------------------------------------ */

static void test_terms(void **state)
{
    (void)state;
    brief b;
    sample_brief(&b);
    entity_set e = {sample_people, 2, sample_countries, 3, NULL, 0};
    file_stamp stamp = {"/data/rome.txt", 1234, 1647250200, 5, "abc123"};
    xc_document *doc = build(&b, "cnn-2022-03-14-rome", &e, &stamp);
    terms *t = doc_terms(doc, "");

    /* The unique id. */
    assert_true(has_term(t, "Qcnn-2022-03-14-rome"));
    /* Title words under S, and unprefixed. */
    assert_true(has_term(t, "Swarns"));
    assert_true(has_term(t, "Schina"));
    assert_true(has_term(t, "Srussia"));
    assert_true(has_term(t, "warns"));
    assert_true(has_term(t, "russia"));
    /* Body words unprefixed (lower case), body words not under S. */
    assert_true(has_term(t, "conveyed"));
    assert_true(has_term(t, "financial"));
    assert_true(has_term(t, "assistance"));
    assert_true(has_term(t, "moscow"));
    assert_false(has_term(t, "Sconveyed"));
    assert_false(has_term(t, "Sfinancial"));
    /* Stems (English) are there too. */
    assert_true(has_term(t, "Zconvey"));
    /* People and countries. */
    assert_true(has_term(t, "XPjake-sullivan"));
    assert_true(has_term(t, "XPyang-jiechi"));
    assert_true(has_term(t, "XCcn"));
    assert_true(has_term(t, "XCru"));
    assert_true(has_term(t, "XCus"));
    /* What it is about: China and the United States, not Russia (named,
     * but not about) */
    assert_true(has_term(t, "XAcn"));
    assert_true(has_term(t, "XAus"));
    assert_false(has_term(t, "XAru"));
    /* The date, by day, month and year. */
    assert_true(has_term(t, "D20220314"));
    assert_true(has_term(t, "M202203"));
    assert_true(has_term(t, "Y2022"));
    /* The source, lower-cased; never as given. */
    assert_true(has_term(t, "XScnn"));
    assert_false(has_term(t, "XSCNN"));
    /* The file. */
    assert_true(has_term(t, "XF/data/rome.txt"));
    free(t);

    /* Only the prefix asked for. */
    t = doc_terms(doc, "XC");
    assert_string_equal(t->s, "\nXCcn\nXCru\nXCus\n");
    free(t);
    t = doc_terms(doc, "Q");
    assert_string_equal(t->s, "\nQcnn-2022-03-14-rome\n");
    free(t);

    xc_document_destroy(doc);
    brief_clear(&b);
}

static void test_values(void **state)
{
    (void)state;
    brief b;
    sample_brief(&b);
    entity_set e = {sample_people, 2, sample_countries, 3, NULL, 0};
    file_stamp stamp = {"/data/rome.txt", 1234, 1647250200, 5, "abc123"};
    xc_document *doc = build(&b, "cnn-2022-03-14-rome", &e, &stamp);
    char *v;

    assert_string_equal(v = value(doc, SLOT_DATE), "20220314");
    free(v);
    char people[64], countries[64];
    snprintf(people, sizeof people, "jake-sullivan%cyang-jiechi", SCHEMA_LIST_SEP);
    snprintf(countries, sizeof countries, "cn%cru%cus", SCHEMA_LIST_SEP, SCHEMA_LIST_SEP);
    assert_string_equal(v = value(doc, SLOT_PEOPLE), people);
    free(v);
    assert_string_equal(v = value(doc, SLOT_COUNTRIES), countries);
    free(v);
    snprintf(countries, sizeof countries, "cn%cus", SCHEMA_LIST_SEP);
    assert_string_equal(v = value(doc, SLOT_ABOUT), countries);
    free(v);
    assert_string_equal(v = value(doc, SLOT_FILE_SIZE), "1234");
    free(v);
    v = value(doc, SLOT_FILE_MTIME);
    assert_true(strncmp(v, "1647250200.", 11) == 0);
    assert_true(strtod(v, NULL) > 1647250200.0 - 0.5 && strtod(v, NULL) < 1647250200.0 + 0.5);
    free(v);
    assert_string_equal(v = value(doc, SLOT_CONTENT_HASH), "abc123");
    free(v);

    xc_document_destroy(doc);
    brief_clear(&b);
}

static void test_data(void **state)
{
    (void)state;
    brief b;
    sample_brief(&b);
    entity_set e = {sample_people, 2, sample_countries, 3, NULL, 0};
    file_stamp stamp = {"/data/rome.txt", 1234, 1647250200, 5, NULL};
    xc_document *doc = build(&b, "cnn-2022-03-14-rome", &e, &stamp);
    json_t *d = data(doc);

    assert_string_equal(jstr(d, "id"), "cnn-2022-03-14-rome");
    assert_string_equal(jstr(d, "title"), "US warns China over support for Russia");
    assert_string_equal(jstr(d, "date"), "2022-03-14");
    assert_string_equal(jstr(d, "source"), "CNN");
    assert_string_equal(jstr(d, "url"), "https://example.com/rome");
    assert_string_equal(jstr(d, "path"), "/data/rome.txt");
    assert_string_equal(jstr(d, "body"), b.body);

    json_t *people = json_object_get(d, "people");
    assert_true(json_is_array(people));
    assert_int_equal(json_array_size(people), 2);
    assert_string_equal(jstr(json_array_get(people, 0), "id"), "jake-sullivan");
    assert_string_equal(jstr(json_array_get(people, 0), "name"), "Jake Sullivan");
    assert_string_equal(jstr(json_array_get(people, 1), "id"), "yang-jiechi");
    assert_string_equal(jstr(json_array_get(people, 1), "name"), "Yang Jiechi");

    json_t *countries = json_object_get(d, "countries");
    assert_true(json_is_array(countries));
    assert_int_equal(json_array_size(countries), 3);
    assert_string_equal(jstr(json_array_get(countries, 0), "code"), "cn");
    assert_string_equal(jstr(json_array_get(countries, 0), "name"), "China");
    assert_string_equal(jstr(json_array_get(countries, 2), "code"), "us");
    assert_string_equal(jstr(json_array_get(countries, 2), "name"), "United States");

    /* No content hash: no value in its slot. */
    char *v = value(doc, SLOT_CONTENT_HASH);
    assert_string_equal(v, "");
    free(v);

    json_decref(d);
    xc_document_destroy(doc);
    brief_clear(&b);
}

/* An entity without a display name is shown by its id. */
static void test_data_entity_without_display(void **state)
{
    (void)state;
    brief b;
    sample_brief(&b);
    entity p[] = {{(char *)"ana-quimbleworth", NULL, 1, 0}};
    entity_set e = {p, 1, NULL, 0, NULL, 0};
    xc_document *doc = build(&b, "x", &e, NULL);
    json_t *d = data(doc);
    json_t *people = json_object_get(d, "people");
    assert_int_equal(json_array_size(people), 1);
    assert_string_equal(jstr(json_array_get(people, 0), "name"), "ana-quimbleworth");
    assert_int_equal(json_array_size(json_object_get(d, "countries")), 0);
    json_decref(d);
    xc_document_destroy(doc);
    brief_clear(&b);
}

/* The same brief through the extractor, as brief-index runs it. */
static void test_with_extractor(void **state)
{
    (void)state;
    extractor *x = NULL;
    assert_int_equal(extractor_create(&x), 0);
    brief b;
    sample_brief(&b);
    assert_int_equal(brief_list_add(&b.people, "Jake Sullivan", 13), 0);
    assert_int_equal(brief_list_add(&b.people, "Yang Jiechi", 11), 0);
    assert_int_equal(brief_list_add(&b.countries, "US", 2), 0);
    assert_int_equal(brief_list_add(&b.countries, "China", 5), 0);
    assert_int_equal(brief_list_add(&b.countries, "Russia", 6), 0);
    entity_set e;
    memset(&e, 0, sizeof e);
    assert_int_equal(extract_brief(x, &b, 0, &e), 0);

    xc_document *doc = build(&b, "cnn-2022-03-14-rome", &e, NULL);
    terms *t = doc_terms(doc, "X");
    assert_true(has_term(t, "XPjake-sullivan"));
    assert_true(has_term(t, "XPyang-jiechi"));
    assert_true(has_term(t, "XCus"));
    assert_true(has_term(t, "XCcn"));
    assert_true(has_term(t, "XCru"));
    assert_false(has_term(t, "XCUS"));
    free(t);

    /* The list values hold exactly the entities, sorted, one per XP/XC term. */
    for (int k = 0; k < 2; k++) {
        unsigned slot = k == 0 ? SLOT_PEOPLE : SLOT_COUNTRIES;
        const char *prefix = k == 0 ? "XP" : "XC";
        char *v = value(doc, slot);
        t = doc_terms(doc, prefix);
        size_t items = 0;
        char prev[256] = "";
        for (char *save = NULL, *item = strtok_r(v, (char[]){SCHEMA_LIST_SEP, 0}, &save); item;
             item = strtok_r(NULL, (char[]){SCHEMA_LIST_SEP, 0}, &save)) {
            char term[300];
            snprintf(term, sizeof term, "%s%s", prefix, item);
            assert_true(has_term(t, term));
            assert_true(strcmp(prev, item) < 0);
            snprintf(prev, sizeof prev, "%s", item);
            items++;
        }
        size_t nterms = 0;
        for (const char *p = t->s + 1; *p; p++)
            nterms += *p == '\n';
        assert_int_equal(items, nterms);
        assert_int_equal(items, k == 0 ? e.npeople : e.ncountries);
        free(t);
        free(v);
    }

    json_t *d = data(doc);
    assert_int_equal(json_array_size(json_object_get(d, "people")), e.npeople);
    assert_int_equal(json_array_size(json_object_get(d, "countries")), e.ncountries);
    json_decref(d);

    xc_document_destroy(doc);
    entity_set_clear(&e);
    brief_clear(&b);
    extractor_destroy(x);
}

/* A brief with no date, source, url, entities or file: none of their terms,
 * values or fields. */
static void test_bare_brief(void **state)
{
    (void)state;
    brief b;
    brief_init(&b);
    set(&b.title, "Undated note");
    set(&b.body, "Nothing more.");
    b.body_len = strlen(b.body);
    entity_set e = {NULL, 0, NULL, 0, NULL, 0};
    xc_document *doc = build(&b, "/data/note.txt", &e, NULL);

    terms *t = doc_terms(doc, "");
    assert_true(has_term(t, "Q/data/note.txt"));
    assert_true(has_term(t, "Sundated"));
    assert_true(has_term(t, "nothing"));
    free(t);
    static const char *const absent[] = {"D", "M", "Y", "XS", "XP", "XC", "XF"};
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++) {
        t = doc_terms(doc, absent[i]);
        assert_string_equal(t->s, "");
        free(t);
    }
    static const unsigned slots[] = {SLOT_DATE, SLOT_PEOPLE, SLOT_COUNTRIES, SLOT_FILE_SIZE,
                                     SLOT_FILE_MTIME, SLOT_CONTENT_HASH};
    for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++) {
        char *v = value(doc, slots[i]);
        assert_string_equal(v, "");
        free(v);
    }

    json_t *d = data(doc);
    assert_string_equal(jstr(d, "id"), "/data/note.txt");
    assert_string_equal(jstr(d, "title"), "Undated note");
    assert_null(json_object_get(d, "date"));
    assert_null(json_object_get(d, "source"));
    assert_null(json_object_get(d, "url"));
    assert_null(json_object_get(d, "path"));
    assert_null(json_object_get(d, "ordinal"));
    assert_true(json_is_array(json_object_get(d, "people")));
    assert_int_equal(json_array_size(json_object_get(d, "people")), 0);
    assert_int_equal(json_array_size(json_object_get(d, "countries")), 0);
    assert_string_equal(jstr(d, "body"), "Nothing more.");
    json_decref(d);
    xc_document_destroy(doc);
    brief_clear(&b);
}

/* The nth brief of a file: its ordinal is in the data. */
/* The version term of b under id from path. */
static const char *version_of(const brief *b, const char *id, const char *path)
{
    static char out[4][DOCUMENT_VERSION_TERM_SIZE];
    static int next;
    char *v = out[next++ % 4];
    assert_ptr_equal(document_version_term(b, id, path, v, DOCUMENT_VERSION_TERM_SIZE), v);
    return v;
}

static void test_version_term(void **state)
{
    (void)state;
    brief b;
    sample_brief(&b);
    const char *id = "cnn-2022-03-14-rome", *path = "/data/rome.jsonl";
    char base[DOCUMENT_VERSION_TERM_SIZE];
    snprintf(base, sizeof base, "%s", version_of(&b, id, path));
    assert_int_equal(strlen(base), DOCUMENT_VERSION_TERM_SIZE - 1);
    assert_true(strncmp(base, PREFIX_VERSION, strlen(PREFIX_VERSION)) == 0);

    /* the same brief, wherever it stands in its file: the same version */
    b.ordinal = 7;
    assert_string_equal(version_of(&b, id, path), base);

    /* another id or file, or any field changed: another version */
    assert_string_not_equal(version_of(&b, "cnn-other", path), base);
    assert_string_not_equal(version_of(&b, id, "/data/other.jsonl"), base);
    assert_string_not_equal(version_of(&b, id, NULL), base);
    char **fields[] = {&b.title, &b.date, &b.source, &b.url};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        char *kept = *fields[i];
        *fields[i] = NULL;                     /* absent */
        assert_string_not_equal(version_of(&b, id, path), base);
        set(fields[i], "");                    /* empty is not absent */
        char empty[DOCUMENT_VERSION_TERM_SIZE];
        snprintf(empty, sizeof empty, "%s", version_of(&b, id, path));
        assert_string_not_equal(empty, base);
        free(*fields[i]);
        *fields[i] = NULL;
        assert_string_not_equal(version_of(&b, id, path), empty);
        *fields[i] = kept;
    }
    assert_string_equal(version_of(&b, id, path), base);
    b.body[b.body_len - 1] = '!';
    assert_string_not_equal(version_of(&b, id, path), base);
    b.body[b.body_len - 1] = '.';
    assert_int_equal(brief_list_add(&b.people, "Jake Sullivan", 13), 0);
    char one[DOCUMENT_VERSION_TERM_SIZE];
    snprintf(one, sizeof one, "%s", version_of(&b, id, path));
    assert_string_not_equal(one, base);
    assert_int_equal(brief_list_add(&b.countries, "Jake Sullivan", 13), 0);
    assert_string_not_equal(version_of(&b, id, path), one);   /* which list counts too */
    brief_list_clear(&b.countries);
    /* what the document does not hold is not in it */
    assert_int_equal(brief_list_add(&b.gold_people, "jake-sullivan", 13), 0);
    assert_int_equal(brief_add_extra(&b, "desk", "Asia"), 0);
    assert_string_equal(version_of(&b, id, path), one);

    /* the document carries it; the file's size and mtime are not in it */
    entity_set e = {NULL, 0, NULL, 0, NULL, 0};
    file_stamp stamp = {.path = path, .size = 1, .mtime_sec = 2};
    xc_document *doc = build(&b, id, &e, &stamp);
    terms *t = doc_terms(doc, PREFIX_VERSION);
    assert_true(has_term(t, one));
    assert_int_equal(t->len, strlen(one) + 2);   /* that one only */
    free(t);
    xc_document_destroy(doc);
    stamp.size = 99;
    stamp.mtime_sec = 98;
    doc = build(&b, id, &e, &stamp);
    t = doc_terms(doc, PREFIX_VERSION);
    assert_true(has_term(t, one));
    free(t);
    xc_document_destroy(doc);
    brief_clear(&b);
}

static void test_ordinal(void **state)
{
    (void)state;
    brief b;
    brief_init(&b);
    set(&b.title, "Line two");
    set(&b.body, "Second line of a JSON Lines file.");
    b.body_len = strlen(b.body);
    b.ordinal = 2;
    char id[256];
    document_brief_id(&b, "/data/x.jsonl", id, sizeof id);
    entity_set e = {NULL, 0, NULL, 0, NULL, 0};
    file_stamp stamp = {"/data/x.jsonl", 10, 1, 0, NULL};
    xc_document *doc = build(&b, id, &e, &stamp);
    terms *t = doc_terms(doc, "Q");
    assert_string_equal(t->s, "\nQ/data/x.jsonl#2\n");
    free(t);
    json_t *d = data(doc);
    assert_string_equal(jstr(d, "id"), "/data/x.jsonl#2");
    assert_int_equal(json_integer_value(json_object_get(d, "ordinal")), 2);
    assert_string_equal(jstr(d, "path"), "/data/x.jsonl");
    json_decref(d);
    xc_document_destroy(doc);
    brief_clear(&b);
}

/* A long body is stored cut at DOCUMENT_MAX_STORED_BODY, never inside a UTF-8
 * sequence; every word is still indexed. */
static void test_long_body(void **state)
{
    (void)state;
    size_t max = DOCUMENT_MAX_STORED_BODY;
    /* "é", "€" and an emoji: sequences of 2, 3 and 4 bytes. */
    static const char *const seqs[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};
    for (size_t c = 0; c < 3 * 4; c++) {
        size_t k = c / 4, shift = c % 4;
        /* shift ASCII bytes, then the sequence repeated past max, then a last
         * word: the cut falls on each byte of a sequence in turn. */
        size_t sl = strlen(seqs[k]);
        size_t len = shift + sl * (max / sl + 16);
        char *body = malloc(len + 32);
        assert_non_null(body);
        memset(body, 'a', shift);
        for (size_t i = shift; i + sl <= len; i += sl)
            memcpy(body + i, seqs[k], sl);
        memcpy(body + len, " zebraword", 11);
        len += 10;

        brief b;
        brief_init(&b);
        set(&b.title, "Long");
        set(&b.body, body);
        b.body_len = len;
        entity_set e = {NULL, 0, NULL, 0, NULL, 0};
        xc_document *doc = build(&b, "long", &e, NULL);

        json_t *d = data(doc);
        json_t *jb = json_object_get(d, "body");
        assert_true(json_is_string(jb));
        size_t stored = json_string_length(jb);
        assert_true(stored <= max);
        assert_true(stored >= max - 3);
        assert_memory_equal(json_string_value(jb), body, stored);
        /* It ends on a whole sequence: the next byte starts one. */
        assert_int_not_equal((unsigned char)body[stored] & 0xC0, 0x80);
        json_decref(d);

        terms *t = doc_terms(doc, "zebra");
        assert_true(has_term(t, "zebraword"));
        free(t);

        xc_document_destroy(doc);
        brief_clear(&b);
        free(body);
    }

    /* A body of exactly the limit is kept whole. */
    char *body = malloc(max + 1);
    assert_non_null(body);
    memset(body, 'b', max);
    body[max] = '\0';
    brief b;
    brief_init(&b);
    set(&b.title, "Exact");
    set(&b.body, body);
    b.body_len = max;
    entity_set e = {NULL, 0, NULL, 0, NULL, 0};
    xc_document *doc = build(&b, "exact", &e, NULL);
    json_t *d = data(doc);
    assert_int_equal(json_string_length(json_object_get(d, "body")), max);
    json_decref(d);
    xc_document_destroy(doc);
    brief_clear(&b);
    free(body);
}

/* Every term of a document with its wdf, one a line ("term wdf\n"), malloc'd. */
typedef struct term_text {
    char *s;
    size_t len, cap;
} term_text;

static int add_term_wdf(void *ctx, const char *term, unsigned wdf)
{
    term_text *t = ctx;
    size_t need = strlen(term) + 16;
    if (t->len + need >= t->cap) {
        t->cap = (t->cap + need) * 2;
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    t->len += (size_t)snprintf(t->s + t->len, t->cap - t->len, "%s %u\n", term, wdf);
    return 0;
}

static char *terms_with_wdf(xc_document *doc)
{
    term_text t = {0};
    assert_int_equal(xc_document_termlist(doc, "", add_term_wdf, &t), XC_OK);
    return t.s ? t.s : strdup("");
}

/* A body longer than DOCUMENT_TEXT_PIECE, indexed a piece at a time, gives
 * the terms, wdf and positions of the body indexed at once. */
static void test_long_body_in_pieces(void **state)
{
    (void)state;
    static const char *const words[] = {
        "The", "U.S.", "economy", "grew", "3.5%", "in", "Q3,", "AT&T's", "C++", "well-known",
        "O'Brien", "said;", "\"prices\"", "rose", "1,000.50", "dlrs", "--", "e-mail:",
        "a.b@example.com", "Zürich", "café", "naïve", "東京", "and", "(Paris)", "rates.\n\n",
    };
    size_t n = sizeof words / sizeof *words, len = 0, cap = 5 * DOCUMENT_TEXT_PIECE;
    char *body = malloc(cap + 64);
    assert_non_null(body);
    for (size_t i = 0; len < cap; i++) {
        const char *w = words[(i * 7 + i / n) % n];
        len += (size_t)sprintf(body + len, "%s%s", w, i % 11 == 10 ? "\n" : " ");
    }
    brief b;
    brief_init(&b);
    set(&b.title, "Pieces");
    set(&b.body, body);
    b.body_len = len;
    entity_set e = {NULL, 0, NULL, 0, NULL, 0};

    xc_termgen *tg = new_termgen();
    xc_document *pieces = NULL, *whole = NULL;
    size_t indexed = 0;
    assert_int_equal(xc_document_create(&pieces), XC_OK);
    assert_int_equal(document_build(pieces, tg, &b, "p", &e, NULL, &indexed), XC_OK);
    assert_int_equal(indexed, len);
    unsigned end_pieces = xc_termgen_get_termpos(tg);
    xc_termgen_destroy(tg);

    /* the body alone, at once, after the title as document_build puts it */
    tg = new_termgen();
    assert_int_equal(xc_document_create(&whole), XC_OK);
    assert_int_equal(xc_termgen_set_document(tg, whole), XC_OK);
    assert_int_equal(xc_termgen_index_text(tg, "Pieces", 6, 1, PREFIX_TITLE), XC_OK);
    assert_int_equal(xc_termgen_increase_termpos(tg, SCHEMA_FIELD_GAP), XC_OK);
    assert_int_equal(xc_termgen_index_text(tg, "Pieces", 6, schema_fields[FIELD_TITLE].weight, ""),
                     XC_OK);
    assert_int_equal(xc_termgen_increase_termpos(tg, SCHEMA_FIELD_GAP), XC_OK);
    assert_int_equal(xc_termgen_index_text(tg, body, len, 1, ""), XC_OK);
    assert_int_equal(xc_termgen_increase_termpos(tg, SCHEMA_FIELD_GAP), XC_OK);
    assert_int_equal(xc_termgen_get_termpos(tg), end_pieces);
    xc_termgen_destroy(tg);

    /* the words' terms (lower case; the boolean fields' are upper) */
    char *a = terms_with_wdf(pieces), *w = terms_with_wdf(whole);
    char *only_words = malloc(strlen(a) + 1);
    assert_non_null(only_words);
    size_t o = 0;
    for (const char *line = a; *line;) {
        const char *nl = strchr(line, '\n');
        if (!(line[0] >= 'A' && line[0] <= 'Z') || line[0] == 'Z' || line[0] == 'S') {
            memcpy(only_words + o, line, (size_t)(nl - line) + 1);
            o += (size_t)(nl - line) + 1;
        }
        line = nl + 1;
    }
    only_words[o] = '\0';
    assert_string_equal(only_words, w);
    free(only_words);
    free(a);
    free(w);
    xc_document_destroy(pieces);
    xc_document_destroy(whole);
    brief_clear(&b);
    free(body);
}

/* A body of more distinct words than DOCUMENT_MAX_TERMS allows has its words
 * indexed up to the cap, and says how far; one of many repeated words is
 * indexed whole. */
static void test_term_cap(void **state)
{
    (void)state;
    size_t cap = 16 * DOCUMENT_MAX_TERMS, len = 0;
    char *body = malloc(cap + 64);
    assert_non_null(body);
    for (unsigned i = 0; len < cap; i++) {
        /* "qa", "qb", … "qba": distinct words, and a stem each */
        char word[16], *p = word;
        *p++ = 'q';
        for (unsigned k = i; k; k /= 26)
            *p++ = (char)('a' + k % 26);
        *p = '\0';
        len += (size_t)sprintf(body + len, "%s ", word);
    }
    len += (size_t)sprintf(body + len, "zebraword");
    brief b;
    brief_init(&b);
    set(&b.title, "Many words");
    set(&b.body, body);
    b.body_len = len;
    entity_set e = {NULL, 0, NULL, 0, NULL, 0};
    xc_termgen *tg = new_termgen();
    xc_document *doc = NULL;
    size_t indexed = 0;
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(document_build(doc, tg, &b, "many", &e, NULL, &indexed), XC_OK);
    xc_termgen_destroy(tg);
    assert_true(indexed < len);
    assert_true(indexed > 0);
    unsigned count = 0;
    assert_int_equal(xc_document_termlist_count(doc, &count), XC_OK);
    /* at most the terms of one piece past the cap: two a word */
    assert_true(count >= DOCUMENT_MAX_TERMS);
    assert_true(count <= DOCUMENT_MAX_TERMS + DOCUMENT_TEXT_PIECE);
    char *all = terms_with_wdf(doc);
    assert_non_null(strstr(all, "\nqb 1\n"));   /* the second word */
    free(all);
    terms *t = doc_terms(doc, "zebra");
    assert_false(has_term(t, "zebraword"));
    free(t);
    xc_document_destroy(doc);

    /* the same length of a few words again and again: every word indexed */
    len = 0;
    while (len < cap)
        len += (size_t)sprintf(body + len, "oil prices rose in Paris ");
    len += (size_t)sprintf(body + len, "zebraword");
    set(&b.body, body);
    b.body_len = len;
    tg = new_termgen();
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(document_build(doc, tg, &b, "few", &e, NULL, &indexed), XC_OK);
    xc_termgen_destroy(tg);
    assert_int_equal(indexed, len);
    t = doc_terms(doc, "zebra");
    assert_true(has_term(t, "zebraword"));
    free(t);
    xc_document_destroy(doc);
    brief_clear(&b);
    free(body);
}

/* A brief with every field, its entities and its file: the document holds
 * exactly these terms (with their wdf), values and data, and the positions
 * end where they did, as brief-index has always written them. A change here
 * changes the index format: indexes built before it need a reindex. */
static void test_every_field_exactly(void **state)
{
    (void)state;
    brief b;
    brief_init(&b);
    set(&b.id, "CNN-2022-03-14-Rome");
    set(&b.title, "US warns China over support");
    set(&b.date, "2022-03-14");
    set(&b.source, "CNN");
    set(&b.url, "https://example.com/rome");
    set(&b.body, "Sanctions loom, the US said in Rome.");
    b.body_len = strlen(b.body);
    brief_list_add(&b.topics, "sanctions", 9);
    brief_list_add(&b.topics, "diplomacy", 9);
    entity people[] = {{(char *)"jake-sullivan", (char *)"Jake Sullivan", 1, 0},
                       {(char *)"Yang-Jiechi", (char *)"Yang Jiechi", 1, 0}};
    entity countries[] = {{(char *)"cn", (char *)"China", 1, 1},
                          {(char *)"RU", (char *)"Russia", 0, 0},
                          {(char *)"us", (char *)"United States", 2, 1}};
    entity_set e = {people, 2, countries, 3, NULL, 0};
    file_stamp stamp = {"/data/Rome.txt", 1234, 1647250200, 5, "abc123"};
    static const char expected[] =
        "D20220314 0\n"
        "M202203 0\n"
        "QCNN-2022-03-14-Rome 0\n"
        "Schina 1\n"
        "Sover 1\n"
        "Ssupport 1\n"
        "Sus 1\n"
        "Swarns 1\n"
        "XAcn 0\n"
        "XAus 0\n"
        "XCcn 0\n"
        "XCru 0\n"
        "XCus 0\n"
        "XF/data/Rome.txt 0\n"
        "XHda53b6f1773298c9 0\n"
        "XPjake-sullivan 0\n"
        "XPyang-jiechi 0\n"
        "XScnn 0\n"
        "XTdiplomacy 0\n"
        "XTsanctions 0\n"
        "Y2022 0\n"
        "ZSchina 1\n"
        "ZSover 1\n"
        "ZSsupport 1\n"
        "ZSus 1\n"
        "ZSwarn 1\n"
        "Zchina 8\n"
        "Zin 1\n"
        "Zloom 1\n"
        "Zover 8\n"
        "Zrome 1\n"
        "Zsaid 1\n"
        "Zsanction 1\n"
        "Zsupport 8\n"
        "Zthe 1\n"
        "Zus 9\n"
        "Zwarn 8\n"
        "china 8\n"
        "in 1\n"
        "loom 1\n"
        "over 8\n"
        "rome 1\n"
        "said 1\n"
        "sanctions 1\n"
        "support 8\n"
        "the 1\n"
        "us 9\n"
        "warns 8\n"
        "slot 0: 20220314\n"
        "slot 1: jake-sullivan|Yang-Jiechi\n"
        "slot 2: cn|RU|us\n"
        "slot 3: 1234\n"
        "slot 4: 1647250200.000000005\n"
        "slot 5: abc123\n"
        "slot 6: cn|us\n"
        "slot 7: diplomacy|sanctions\n"
        "slot 8: CNN\n"
        "slot 9: CNN-2022-03-14-Rome\n"
        "termpos 317\n"
        "data {\"id\":\"CNN-2022-03-14-Rome\",\"title\":\"US warns China over support\","
        "\"date\":\"2022-03-14\",\"source\":\"CNN\",\"url\":\"https://example.com/rome\","
        "\"path\":\"/data/Rome.txt\",\"people\":[{\"id\":\"jake-sullivan\","
        "\"name\":\"Jake Sullivan\"},{\"id\":\"Yang-Jiechi\",\"name\":\"Yang Jiechi\"}],"
        "\"countries\":[{\"code\":\"cn\",\"name\":\"China\"},{\"code\":\"RU\","
        "\"name\":\"Russia\"},{\"code\":\"us\",\"name\":\"United States\"}],"
        "\"about\":[\"cn\",\"us\"],\"topics\":[\"sanctions\",\"diplomacy\"],\"body\":\"Sanctions loom, the US said in Rome.\"}\n";

    xc_termgen *tg = new_termgen();
    xc_document *doc = NULL;
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(document_build(doc, tg, &b, b.id, &e, &stamp, NULL), XC_OK);
    dump *d = malloc(sizeof *d);
    assert_non_null(d);
    dump_document(doc, tg, d);
    assert_string_equal(d->s, expected);
    free(d);
    xc_document_destroy(doc);
    xc_termgen_destroy(tg);
    brief_clear(&b);
}

/* The document can be stored and found by its unique term. */
static void test_store(void **state)
{
    (void)state;
    brief b;
    sample_brief(&b);
    entity_set e = {sample_people, 2, sample_countries, 3, NULL, 0};
    xc_document *doc = build(&b, "cnn-2022-03-14-rome", &e, NULL);
    unsigned docid = 0, freq = 0;
    assert_int_equal(xc_database_replace_document(spell_db, "Qcnn-2022-03-14-rome", doc, &docid),
                     XC_OK);
    assert_true(docid > 0);
    assert_int_equal(xc_database_commit(spell_db), XC_OK);
    assert_int_equal(xc_database_termfreq(spell_db, "XCus", &freq), XC_OK);
    assert_int_equal(freq, 1);
    /* The termgen recorded spelling data for the words. */
    char *s = NULL;
    assert_int_equal(xc_database_spelling_suggestion(spell_db, "finacial", &s), XC_OK);
    assert_string_equal(s, "financial");
    free(s);
    xc_document_destroy(doc);
    brief_clear(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_brief_id),
        cmocka_unit_test(test_terms),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_data),
        cmocka_unit_test(test_data_entity_without_display),
        cmocka_unit_test(test_with_extractor),
        cmocka_unit_test(test_bare_brief),
        cmocka_unit_test(test_version_term),
        cmocka_unit_test(test_ordinal),
        cmocka_unit_test(test_long_body),
        cmocka_unit_test(test_long_body_in_pieces),
        cmocka_unit_test(test_term_cap),
        cmocka_unit_test(test_store),
        cmocka_unit_test(test_every_field_exactly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
