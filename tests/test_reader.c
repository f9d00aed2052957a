/* test_reader.c — the readers: plain briefs, gzip, JSON Lines, Reuters SGML.
 *
 * Inputs are written at run time into a temporary directory from the strings
 * below (all written for these tests).  One further test reads the project's
 * tests/data files.  The real Reuters-21578 collection is read by test_reuters.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "reader.h"
#include "utf8.h"

/* ===== capturing what the reader hands out ===== */

typedef struct diag {
    reader_diag_level level;
    long ordinal;
    char *msg;
} diag;

typedef struct capture {
    brief *briefs;
    size_t n;
    diag *diags;
    size_t nd;
    size_t stop_after; /* return non-zero after this many briefs (0: never) */
    reader_counts counts;
    reader_status status;
} capture;

static int on_brief(void *ctx, brief *b)
{
    capture *c = ctx;
    brief *grown = realloc(c->briefs, (c->n + 1) * sizeof *grown);
    assert_non_null(grown);
    c->briefs = grown;
    c->briefs[c->n++] = *b; /* move it all out */
    brief_init(b);
    return c->stop_after && c->n >= c->stop_after;
}

static void on_diag(void *ctx, reader_diag_level level, const char *path, long ordinal,
                    const char *message)
{
    capture *c = ctx;
    assert_non_null(path);
    assert_null(strchr(message, '\n'));
    diag *grown = realloc(c->diags, (c->nd + 1) * sizeof *grown);
    assert_non_null(grown);
    c->diags = grown;
    c->diags[c->nd].level = level;
    c->diags[c->nd].ordinal = ordinal;
    c->diags[c->nd].msg = strdup(message);
    c->nd++;
}

static void capture_free(capture *c)
{
    for (size_t i = 0; i < c->n; i++)
        brief_clear(&c->briefs[i]);
    for (size_t i = 0; i < c->nd; i++)
        free(c->diags[i].msg);
    free(c->briefs);
    free(c->diags);
    memset(c, 0, sizeof *c);
}

/* Is there a diagnostic of this level and ordinal (-1: any) containing text? */
static int has_diag(const capture *c, reader_diag_level level, long ordinal, const char *text)
{
    for (size_t i = 0; i < c->nd; i++)
        if (c->diags[i].level == level && (ordinal < 0 || c->diags[i].ordinal == ordinal) &&
            strstr(c->diags[i].msg, text))
            return 1;
    return 0;
}

static void print_diags(const capture *c)
{
    for (size_t i = 0; i < c->nd; i++)
        print_message("  diag %d @%ld: %s\n", (int)c->diags[i].level, c->diags[i].ordinal,
                      c->diags[i].msg);
}

#define EXPECT_DIAG(c, level, ordinal, text)                                                    \
    do {                                                                                        \
        if (!has_diag(c, level, ordinal, text)) {                                               \
            print_diags(c);                                                                     \
            fail_msg("no diagnostic \"%s\" (level %d, ordinal %ld)", text, (int)(level),       \
                     (long)(ordinal));                                                          \
        }                                                                                       \
    } while (0)

static void read_with(capture *c, const char *path, const reader_options *opts)
{
    c->status = reader_read_file(path, opts, on_brief, on_diag, c, &c->counts);
    assert_int_equal(c->counts.briefs, c->n);
}

static void read_into(capture *c, const char *path, size_t max_bytes)
{
    reader_options opts = {.max_bytes = max_bytes};
    read_with(c, path, &opts);
}

/* ===== the temporary directory ===== */

static char tmpdir[64];
static char *made[128];
static size_t nmade;

static int setup_dir(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/briefs-test-reader-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
    (void)state;
    for (size_t i = 0; i < nmade; i++) {
        unlink(made[i]);
        free(made[i]);
    }
    nmade = 0;
    return rmdir(tmpdir);
}

static const char *path_for(const char *name)
{
    char *p = malloc(strlen(tmpdir) + strlen(name) + 2);
    assert_non_null(p);
    sprintf(p, "%s/%s", tmpdir, name);
    assert_true(nmade < sizeof made / sizeof *made);
    made[nmade++] = p;
    return p;
}

/* A string literal's bytes and their number, its final NUL left out. */
#define BYTES(literal) literal, sizeof literal - 1

static const char *write_bytes(const char *name, const void *data, size_t len)
{
    const char *p = path_for(name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return p;
}

static const char *write_text(const char *name, const char *text)
{
    return write_bytes(name, text, strlen(text));
}

static const char *write_gz(const char *name, const void *data, size_t len)
{
    const char *p = path_for(name);
    gzFile gz = gzopen(p, "wb");
    assert_non_null(gz);
    assert_int_equal(gzwrite(gz, data, (unsigned)len), (int)len);
    assert_int_equal(gzclose(gz), Z_OK);
    return p;
}

/* Read a file made from text as one plain brief; check there is one. */
static brief *read_one(capture *c, const char *name, const char *text)
{
    read_into(c, write_text(name, text), 0);
    if (c->status != READER_OK || c->n != 1) {
        print_diags(c);
        fail_msg("%s: status %d, %zu briefs", name, (int)c->status, c->n);
    }
    return &c->briefs[0];
}

/* Count the code points of a UTF-8 string. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* ===== plain briefs ===== */

static void test_text_header(void **state)
{
    (void)state;
    capture c = {0};
    brief *b = read_one(&c, "header.txt",
                        "\xEF\xBB\xBF"
                        "Title:  US warns   China over support\r\n"
                        "date: Mon, 14 Mar 2022 09:30:00 +0000\r\n"
                        "SOURCE: CNN\r\n"
                        "People: Jake Sullivan; Yang Jiechi\r\n"
                        "Countries: US, China;Russia\r\n"
                        "ID: cnn-2022-03-14-rome\r\n"
                        "URL: https://example.org/a?b=c:d\r\n"
                        "Desk: Asia\r\n"
                        "Word Count : 42\r\n"
                        "\r\n"
                        "\r\n"
                        "The US has conveyed directly to China the risks.\r\n"
                        "\tA second paragraph.\x07\r\n"
                        "\r\n");
    assert_string_equal(b->title, "US warns China over support");
    assert_string_equal(b->date, "2022-03-14");
    assert_string_equal(b->source, "CNN");
    assert_string_equal(b->id, "cnn-2022-03-14-rome");
    assert_string_equal(b->url, "https://example.org/a?b=c:d");
    assert_int_equal(b->people.count, 2);
    assert_string_equal(b->people.items[0], "Jake Sullivan");
    assert_string_equal(b->people.items[1], "Yang Jiechi");
    assert_int_equal(b->countries.count, 3);
    assert_string_equal(b->countries.items[0], "US");
    assert_string_equal(b->countries.items[1], "China");
    assert_string_equal(b->countries.items[2], "Russia");
    assert_int_equal(b->extra_count, 2);
    assert_string_equal(b->extra[0].key, "desk");
    assert_string_equal(b->extra[0].value, "Asia");
    assert_string_equal(b->extra[1].key, "word count");
    assert_string_equal(b->extra[1].value, "42");
    assert_string_equal(b->body, "The US has conveyed directly to China the risks.\n"
                                 "\tA second paragraph.");
    assert_int_equal(b->body_len, strlen(b->body));
    assert_int_equal(b->ordinal, 0);
    assert_non_null(b->path);
    assert_int_equal(b->gold_places.count, 0);
    assert_int_equal(c.nd, 0);
    assert_int_equal(c.counts.briefs, 1);
    assert_int_equal(c.counts.skipped + c.counts.failed, 0);
    capture_free(&c);
}

static void test_text_no_header(void **state)
{
    (void)state;
    capture c = {0};
    brief *b = read_one(&c, "plain.txt",
                        "\n\n  Rome talks end without a deal  \n"
                        "Officials said on Monday that the talks ended.\n");
    assert_string_equal(b->title, "Rome talks end without a deal");
    /* The title line stays in the body. */
    assert_string_equal(b->body, "Rome talks end without a deal  \n"
                                 "Officials said on Monday that the talks ended.");
    assert_null(b->date);
    assert_null(b->id);
    assert_null(b->source);
    assert_int_equal(b->people.count, 0);
    capture_free(&c);

    /* "Key: value" lines without a known key are text. */
    b = read_one(&c, "notheader.txt", "Update: the talks ended\nNote: more later\n\nBody.\n");
    assert_string_equal(b->title, "Update: the talks ended");
    assert_string_equal(b->body, "Update: the talks ended\nNote: more later\n\nBody.");
    assert_int_equal(b->extra_count, 0);
    capture_free(&c);

    /* A known key, but a line that is not "Key: value" before the blank line. */
    b = read_one(&c, "notheader2.txt", "Title: Rome talks\nthe talks ended\n\nBody.\n");
    assert_string_equal(b->title, "Title: Rome talks");
    assert_string_equal(b->body, "Title: Rome talks\nthe talks ended\n\nBody.");
    capture_free(&c);

    /* A key longer than 30 characters is not a key. */
    b = read_one(&c, "longkey.txt",
                 "Title: x\nThis is a rather long sentence, really: yes\n\nBody.\n");
    assert_string_equal(b->title, "Title: x");
    capture_free(&c);
}

static void test_title_rule(void **state)
{
    (void)state;
    capture c = {0};
    /* A long first line: its first sentence, past abbreviations and initials. */
    brief *b = read_one(&c, "sentence.txt",
                        "Mr. Smith of the U.S. delegation and J. R. Jones met Dr. Wu at St. "
                        "Peter's in Rome on Monday. They talked for seven hours about trade, "
                        "security and the war, officials said afterwards.\n");
    assert_string_equal(b->title, "Mr. Smith of the U.S. delegation and J. R. Jones met Dr. Wu "
                                  "at St. Peter's in Rome on Monday.");
    capture_free(&c);

    /* A question ends a sentence too, and quotes close it. */
    b = read_one(&c, "question.txt",
                 "\"Will the talks resume?\" the minister asked reporters gathered outside "
                 "the building in the rain, before leaving for the airport in a hurry.\n");
    assert_string_equal(b->title, "\"Will the talks resume?\"");
    capture_free(&c);

    /* A long sentence: cut at a word boundary, at most 120 characters with "…". */
    b = read_one(&c, "long.txt",
                 "The US has conveyed directly to China the potential negative outcomes of "
                 "assisting Russia in its war with Ukraine, a senior Biden administration "
                 "official said after the meeting in Rome on Monday.\nMore.\n");
    assert_true(chars(b->title) <= 120);
    size_t n = strlen(b->title);
    assert_true(n > 60);
    assert_string_equal(b->title + n - 3, "\xE2\x80\xA6");
    assert_memory_equal(b->title, "The US has conveyed directly to China", 37);
    assert_true(b->title[n - 4] != ' ' && b->title[n - 4] != ',');
    /* The cut falls between words. */
    char *cut = strndup(b->title, n - 3);
    assert_non_null(cut);
    const char *orig = "The US has conveyed directly to China the potential negative outcomes of "
                       "assisting Russia in its war with Ukraine, a senior Biden administration";
    assert_memory_equal(orig, cut, strlen(cut));
    char after = orig[strlen(cut)];
    assert_true(after == ' ' || after == ',');
    free(cut);
    capture_free(&c);

    /* Characters, not bytes: 110 "é" is a short line. */
    char text[400] = "";
    for (int i = 0; i < 110; i++)
        strcat(text, "\xC3\xA9");
    strcat(text, "\nbody\n");
    b = read_one(&c, "accents.txt", text);
    assert_int_equal(chars(b->title), 110);
    capture_free(&c);

    /* One giant word: a hard cut. */
    memset(text, 'x', 300);
    strcpy(text + 300, "\n");
    b = read_one(&c, "word.txt", text);
    assert_int_equal(chars(b->title), 120);
    capture_free(&c);
}

static void test_header_values(void **state)
{
    (void)state;
    capture c = {0};
    brief *b = read_one(&c, "values.txt",
                        "TITLE: First\n"
                        "Title: Second\n"
                        "Date: the ides of March\n"
                        "People: Smith, John; Doe, Jane;; \n"
                        "people: Ann Lee\n"
                        "Countries: US;; China , US\n"
                        "Topics: Crude  Oil; Shipping\n"
                        "tags: shipping, OPEC\n"
                        "Published At: 9am\n"
                        "\n"
                        "Body.\n");
    assert_string_equal(b->title, "First");
    EXPECT_DIAG(&c, READER_WARNING, 0, "repeated");
    assert_null(b->date);
    EXPECT_DIAG(&c, READER_WARNING, 0, "unparseable date 'the ides of March'");
    assert_int_equal(b->people.count, 3);
    assert_string_equal(b->people.items[0], "Smith, John");
    assert_string_equal(b->people.items[1], "Doe, Jane");
    assert_string_equal(b->people.items[2], "Ann Lee");
    assert_int_equal(b->countries.count, 2);
    assert_string_equal(b->countries.items[0], "US");
    assert_string_equal(b->countries.items[1], "China");
    /* Topics and Tags add up, lower case, blanks collapsed, once each. */
    assert_int_equal(b->topics.count, 3);
    assert_string_equal(b->topics.items[0], "crude oil");
    assert_string_equal(b->topics.items[1], "shipping");
    assert_string_equal(b->topics.items[2], "opec");
    assert_int_equal(b->extra_count, 1);
    assert_string_equal(b->extra[0].key, "published at");
    capture_free(&c);

    /* People without ';' split at ','; an empty Title means no title. */
    b = read_one(&c, "commas.txt",
                 "Title:\nPeople: Jake Sullivan, Yang Jiechi\nDate: 14-MAR-2022\n\n"
                 "Talks in Rome\nText.\n");
    assert_int_equal(b->people.count, 2);
    assert_string_equal(b->people.items[1], "Yang Jiechi");
    assert_string_equal(b->title, "Talks in Rome");
    assert_string_equal(b->date, "2022-03-14");
    capture_free(&c);
}

/* A header or a JSON array that names more people, countries or topics than
 * a brief keeps (BRIEF_LIST_MAX) is cut there with one warning each; the
 * first ones are kept, repeats still count once. */
static void test_header_lists_bounded(void **state)
{
    (void)state;
    size_t n = BRIEF_LIST_MAX + 500, cap = n * 24 * 3 + 256, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text + len, cap - len, "Title: Many\nPeople: Ann Lee");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "; Person Number%zu", i);
    len += (size_t)snprintf(text + len, cap - len, "\nCountries: us");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, ", land%zu", i);
    len += (size_t)snprintf(text + len, cap - len, "\nTopics: oil");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, ", topic%zu", i);
    snprintf(text + len, cap - len, "\n\nBody.\n");
    capture c = {0};
    brief *b = read_one(&c, "many.txt", text);
    assert_int_equal(b->people.count, BRIEF_LIST_MAX);
    assert_string_equal(b->people.items[0], "Ann Lee");
    assert_string_equal(b->people.items[1], "Person Number0");
    assert_int_equal(b->countries.count, BRIEF_LIST_MAX);
    assert_int_equal(b->topics.count, BRIEF_LIST_MAX);
    EXPECT_DIAG(&c, READER_WARNING, 0, "more people than the 1000 a brief keeps: 501 ignored");
    EXPECT_DIAG(&c, READER_WARNING, 0, "more countries than the 1000 a brief keeps: 501 ignored");
    EXPECT_DIAG(&c, READER_WARNING, 0, "more topics than the 1000 a brief keeps: 501 ignored");
    capture_free(&c);

    /* A JSON array of names: one item a name, cut the same way. */
    len = (size_t)snprintf(text, cap, "{\"title\": \"Many\", \"body\": \"x\", \"people\": [\"Ann Lee\"");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, ", \"Person Number%zu\"", i);
    snprintf(text + len, cap - len, "]}\n");
    b = read_one(&c, "many.jsonl", text);
    assert_int_equal(b->people.count, BRIEF_LIST_MAX);
    EXPECT_DIAG(&c, READER_WARNING, 1, "more people than the 1000 a brief keeps: 501 ignored");
    capture_free(&c);

    /* Reuters SGML: TOPICS and the gold PLACES and PEOPLE tags alike. */
    len = (size_t)snprintf(text, cap, "<REUTERS NEWID=\"1\">\n<TOPICS>");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "<D>t%zu</D>", i);
    len += (size_t)snprintf(text + len, cap - len, "</TOPICS>\n<PEOPLE>");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "<D>p%zu</D>", i);
    snprintf(text + len, cap - len,
             "</PEOPLE>\n<TEXT><TITLE>MANY</TITLE><BODY>Body.</BODY></TEXT>\n</REUTERS>\n");
    b = read_one(&c, "many.sgm", text);
    assert_int_equal(b->topics.count, BRIEF_LIST_MAX);
    assert_int_equal(b->gold_people.count, BRIEF_LIST_MAX);
    EXPECT_DIAG(&c, READER_WARNING, 1, "more topics than the 1000 a brief keeps: 500 ignored");
    EXPECT_DIAG(&c, READER_WARNING, 1, "more PEOPLE tags than the 1000 a brief keeps: 500 ignored");
    capture_free(&c);
    free(text);
}

/* A title, source or URL longer than BRIEF_FIELD_MAX bytes is cut there,
 * never inside a character, with a warning. */
static void test_header_fields_bounded(void **state)
{
    (void)state;
    size_t n = BRIEF_FIELD_MAX * 3, cap = n * 3 + 64, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text + len, cap - len, "Title: a");
    for (size_t i = 0; i < n / 2; i++)
        len += (size_t)snprintf(text + len, cap - len, "\xc3\xa9");   /* é: two bytes */
    len += (size_t)snprintf(text + len, cap - len, "\nSource: ");
    for (size_t i = 0; i < n; i++)
        text[len++] = 's';
    snprintf(text + len, cap - len, "\nURL: http://x\n\nBody.\n");
    capture c = {0};
    brief *b = read_one(&c, "long-fields.txt", text);
    assert_int_equal(strlen(b->title), BRIEF_FIELD_MAX - 1);   /* "a" + whole é's */
    assert_int_equal(utf8_validate(b->title, strlen(b->title)), strlen(b->title));
    assert_int_equal(strlen(b->source), BRIEF_FIELD_MAX);
    assert_string_equal(b->url, "http://x");
    EXPECT_DIAG(&c, READER_WARNING, 0, "title longer than 4096 bytes: cut");
    EXPECT_DIAG(&c, READER_WARNING, 0, "source longer than 4096 bytes: cut");
    assert_false(has_diag(&c, READER_WARNING, 0, "URL longer"));
    capture_free(&c);
    free(text);
}

static void test_header_only(void **state)
{
    (void)state;
    capture c = {0};
    brief *b = read_one(&c, "titleonly.txt", "Title: Talks end\nDate: 2022-03-14\n");
    assert_string_equal(b->title, "Talks end");
    assert_string_equal(b->body, "");
    assert_int_equal(b->body_len, 0);
    capture_free(&c);

    read_into(&c, write_text("dateonly.txt", "Date: 2022-03-14\n\n  \n"), 0);
    assert_int_equal(c.status, READER_SKIPPED);
    assert_int_equal(c.n, 0);
    assert_int_equal(c.counts.skipped, 1);
    EXPECT_DIAG(&c, READER_SKIP, 0, "no title and no body");
    capture_free(&c);
}

static void test_skipped_files(void **state)
{
    (void)state;
    capture c = {0};
    read_into(&c, write_text("empty.txt", ""), 0);
    assert_int_equal(c.status, READER_SKIPPED);
    EXPECT_DIAG(&c, READER_SKIP, 0, "empty file");
    assert_int_equal(c.counts.skipped, 1);
    capture_free(&c);

    read_into(&c, write_text("blank.txt", " \n\t\r\n  \n"), 0);
    assert_int_equal(c.status, READER_SKIPPED);
    EXPECT_DIAG(&c, READER_SKIP, 0, "empty file");
    capture_free(&c);

    read_into(&c, write_text("bom.txt", "\xEF\xBB\xBF\n"), 0);
    assert_int_equal(c.status, READER_SKIPPED);
    EXPECT_DIAG(&c, READER_SKIP, 0, "empty file");
    capture_free(&c);

    read_into(&c, write_bytes("binary.txt", "Some text, so \0\0\x01", 17), 0);
    assert_int_equal(c.status, READER_SKIPPED);
    EXPECT_DIAG(&c, READER_SKIP, 0, "binary file (NUL byte at offset 14)");
    capture_free(&c);

    char big[200];
    memset(big, 'a', sizeof big);
    read_into(&c, write_bytes("big.txt", big, sizeof big), 100);
    assert_int_equal(c.status, READER_SKIPPED);
    EXPECT_DIAG(&c, READER_SKIP, 0, "larger than 100 bytes (200 bytes)");
    capture_free(&c);

    /* Compressed: the size after decompression counts. */
    read_into(&c, write_gz("big.txt.gz", big, sizeof big), 100);
    assert_int_equal(c.status, READER_SKIPPED);
    EXPECT_DIAG(&c, READER_SKIP, 0, "larger than 100 bytes (200 bytes)");
    capture_free(&c);

    read_into(&c, write_bytes("fits.txt", big, sizeof big), 200);
    assert_int_equal(c.status, READER_OK);
    capture_free(&c);
}

static void test_failed_files(void **state)
{
    (void)state;
    capture c = {0};
    char missing[128];
    snprintf(missing, sizeof missing, "%s/no-such-file.txt", tmpdir);
    read_into(&c, missing, 0);
    assert_int_equal(c.status, READER_FAILED);
    EXPECT_DIAG(&c, READER_ERROR, 0, strerror(ENOENT));
    assert_int_equal(c.counts.failed, 1);
    capture_free(&c);

    read_into(&c, tmpdir, 0);
    assert_int_equal(c.status, READER_FAILED);
    EXPECT_DIAG(&c, READER_ERROR, 0, strerror(EISDIR));
    capture_free(&c);

    /* A truncated gzip file. */
    char text[65536];
    unsigned seed = 7;
    for (size_t i = 0; i < sizeof text; i++) {
        seed = seed * 1103515245u + 12345u;
        text[i] = (char)('a' + (seed >> 16) % 26);
    }
    const char *gz = write_gz("truncated.txt.gz", text, sizeof text);
    struct stat st;
    assert_int_equal(stat(gz, &st), 0);
    assert_int_equal(truncate(gz, st.st_size / 2), 0);
    read_into(&c, gz, 0);
    assert_int_equal(c.status, READER_FAILED);
    assert_int_equal(c.n, 0);
    EXPECT_DIAG(&c, READER_ERROR, 0, "corrupt gzip data: unexpected end of file");
    capture_free(&c);

    /* Garbage after a gzip magic number. */
    read_into(&c, write_bytes("garbage.txt", "\x1f\x8b\x08\x00garbage, garbage, garbage", 28),
              0);
    assert_int_equal(c.status, READER_FAILED);
    EXPECT_DIAG(&c, READER_ERROR, 0, "corrupt gzip data");
    capture_free(&c);

    read_into(&c, "", 0);
    assert_int_equal(c.status, READER_FAILED);
    capture_free(&c);
}

static void test_latin1_and_cp1252(void **state)
{
    (void)state;
    capture c = {0};
    /* Latin-1 (every byte above 0x7F begins no UTF-8 sequence). */
    brief *b = read_one(&c, "latin1.txt", "Caf\xE9 talks in Z\xFCrich\n\nThe caf\xE9 closed.\n");
    assert_string_equal(b->title, "Caf\xC3\xA9 talks in Z\xC3\xBCrich");
    assert_string_equal(b->body, "Caf\xC3\xA9 talks in Z\xC3\xBCrich\n\nThe caf\xC3\xA9 closed.");
    EXPECT_DIAG(&c, READER_WARNING, 0, "not UTF-8; read as Windows-1252");
    assert_int_equal(c.nd, 1);
    capture_free(&c);

    /* Windows-1252's own characters in 0x80..0x9F; the undefined 0x81 is a
     * C1 control, removed like any other. */
    b = read_one(&c, "cp1252.txt", "\x93Quoted\x94 at \x80" "5 \x96 na\xEFve\x81!\n");
    assert_string_equal(b->title, "\xE2\x80\x9CQuoted\xE2\x80\x9D at \xE2\x82\xAC"
                                  "5 \xE2\x80\x93 na\xC3\xAFve!");
    EXPECT_DIAG(&c, READER_WARNING, 0, "not UTF-8; read as Windows-1252");
    capture_free(&c);

    /* A Latin-1 text that happens to hold one valid UTF-8 pair ("\xC9\xA9" is
     * "É©" in Latin-1 and U+0269 in UTF-8) is still Latin-1. */
    b = read_one(&c, "pair.txt", "CAF\xC9\xA9 \xE0 Z\xFCrich, d\xE9j\xE0 vu\n");
    assert_string_equal(b->title, "CAF\xC3\x89\xC2\xA9 \xC3\xA0 Z\xC3\xBCrich, d\xC3\xA9j\xC3\xA0 vu");
    capture_free(&c);
}

static void test_damaged_utf8(void **state)
{
    (void)state;
    capture c = {0};
    /* Mostly good UTF-8 with one bad byte: UTF-8, the bad byte repaired. */
    brief *b = read_one(&c, "damaged.txt", "Caf\xC3\xA9 in Z\xC3\xBCrich \xFF and S\xC3\xA3o Paulo\n");
    assert_string_equal(b->title, "Caf\xC3\xA9 in Z\xC3\xBCrich \xEF\xBF\xBD and S\xC3\xA3o Paulo");
    EXPECT_DIAG(&c, READER_WARNING, 0, "invalid UTF-8 repaired (1 byte)");
    assert_int_equal(c.nd, 1);
    capture_free(&c);
}

static void test_forced_encoding(void **state)
{
    (void)state;
    capture c = {0};
    reader_options utf8 = {.encoding = READER_ENCODING_UTF8};
    reader_options cp1252 = {.encoding = READER_ENCODING_CP1252};

    /* UTF-8 forced: Latin-1 is repaired, as before there was a guess. */
    read_with(&c, write_text("forced-utf8.txt", "Caf\xE9 talks in S\xE3o Paulo\n"), &utf8);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.briefs[0].title, "Caf\xEF\xBF\xBD talks in S\xEF\xBF\xBDo Paulo");
    EXPECT_DIAG(&c, READER_WARNING, 0, "invalid UTF-8 repaired (2 bytes)");
    capture_free(&c);

    /* Windows-1252 forced: even bytes that are valid UTF-8 are decoded as
     * Windows-1252, without a warning (it was asked for). */
    read_with(&c, write_text("forced-cp1252.txt", "Caf\xC3\xA9\n"), &cp1252);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.briefs[0].title, "Caf\xC3\x83\xC2\xA9");
    assert_int_equal(c.nd, 0);
    capture_free(&c);

    read_with(&c, write_text("forced.jsonl", "{\"title\": \"Caf\xC3\xA9\"}\n"), &cp1252);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.briefs[0].title, "Caf\xC3\x83\xC2\xA9");
    capture_free(&c);

    read_with(&c, write_text("forced.sgm", "<REUTERS NEWID=\"7\"><TEXT><TITLE>CAF\xC3\xA9</TITLE>"
                                           "<BODY>x</BODY></TEXT></REUTERS>\n"
                                           "<REUTERS NEWID=\"8\"><TEXT><TITLE>PLAIN</TITLE>"
                                           "<BODY>y</BODY></TEXT></REUTERS>\n"),
              &cp1252);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.briefs[0].title, "CAF\xC3\x83\xC2\xA9");
    assert_string_equal(c.briefs[1].title, "PLAIN");
    assert_int_equal(c.nd, 0);
    capture_free(&c);

    /* The names. */
    reader_encoding e = READER_ENCODING_AUTO;
    assert_int_equal(reader_encoding_parse("UTF-8", &e), 0);
    assert_int_equal(e, READER_ENCODING_UTF8);
    assert_int_equal(reader_encoding_parse("cp1252", &e), 0);
    assert_int_equal(e, READER_ENCODING_CP1252);
    assert_int_equal(reader_encoding_parse("auto", &e), 0);
    assert_int_equal(e, READER_ENCODING_AUTO);
    assert_int_equal(reader_encoding_parse("ISO-8859-1", &e), 0);
    assert_int_equal(e, READER_ENCODING_CP1252);
    assert_int_equal(reader_encoding_parse("Latin1", &e), 0);
    assert_int_equal(reader_encoding_parse("Windows-1252", &e), 0);
    assert_int_equal(reader_encoding_parse("utf8", &e), 0);
    assert_int_equal(e, READER_ENCODING_UTF8);
    assert_int_equal(reader_encoding_parse("ebcdic", &e), -1);
    assert_int_equal(reader_encoding_parse("", &e), -1);
    assert_int_equal(e, READER_ENCODING_UTF8);
}

/* Files in binary formats are skipped by their first bytes, whatever their
 * name, compressed or not; text that merely begins like one is read. */
static void test_binary_formats(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *bytes;
        size_t len;
        const char *what;   /* NULL: a brief */
    } files[] = {
        /* A PDF without a NUL byte: the NUL test alone let it through. */
        {"report.txt", BYTES("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
         "a PDF file, not a brief"},
        {"doc.txt", BYTES("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"), "a ZIP file"},
        {"empty-zip.jsonl", BYTES("PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"), "a ZIP file"},
        {"old.doc", BYTES("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"), "an old Office file"},
        {"picture.sgm", BYTES("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"), "a PNG image, not a brief"},
        {"photo.txt", BYTES("\xFF\xD8\xFF\xE0\0\x10JFIF\0"), "a JPEG image"},
        {"anim.txt", BYTES("GIF89a\x20\x03\x58\x02\xF7\x21"), "a GIF image"},
        {"scan.txt", BYTES("II*\0\x08\0\0\0"), "a TIFF image"},
        {"prog", BYTES("\x7F" "ELF\x02\x01\x01\0"), "an ELF executable"},
        {"setup.exe", BYTES("MZ\x90\0\x03\0\0\0\x04\0"), "a Windows or DOS executable"},
        {"macho", BYTES("\xCF\xFA\xED\xFE\x07\0\0\x01"), "a Mach-O executable"},
        {"notes.txt.bz2", BYTES("BZh91AY&SY\x12\x34"), "a bzip2 file"},
        {"notes.txt.xz", BYTES("\xFD" "7zXZ\0\0\x04"), "an xz file"},
        {"clip.txt", BYTES("RIFF\x24\x08\0\0WEBPVP8 "), "a RIFF file"},
        /* Text that begins like a signature that needs a NUL byte. */
        {"mz.txt", BYTES("MZ Bank results rise\n\nMZ Bank said profits rose.\n"), NULL},
        {"riff.txt", BYTES("RIFF raff at the port\n"), NULL},
        {"bz.txt", BYTES("BZh is not bzip2 here\n"), NULL},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        capture c = {0};
        read_into(&c, write_bytes(files[i].name, files[i].bytes, files[i].len), 0);
        if (!files[i].what) {
            if (c.status != READER_OK || c.n != 1) {
                print_diags(&c);
                fail_msg("%s: not read as a brief", files[i].name);
            }
        } else {
            if (c.status != READER_SKIPPED || c.n != 0)
                fail_msg("%s: not skipped", files[i].name);
            EXPECT_DIAG(&c, READER_SKIP, 0, files[i].what);
            assert_int_equal(c.counts.skipped, 1);
            assert_int_equal(c.nd, 1);
        }
        capture_free(&c);
    }

    /* Compressed: the decompressed bytes are what is judged. */
    capture c = {0};
    const char pdf[] = "%PDF-1.4\n1 0 obj\n<< >>\nendobj\n";
    read_into(&c, write_gz("report.txt.gz", pdf, sizeof pdf - 1), 0);
    assert_int_equal(c.status, READER_SKIPPED);
    EXPECT_DIAG(&c, READER_SKIP, 0, "a PDF file (gzip-compressed), not a brief");
    capture_free(&c);

    /* Shorter than the signature: a brief. */
    read_into(&c, write_bytes("short.txt", "%PD", 3), 0);
    assert_int_equal(c.status, READER_OK);
    assert_int_equal(c.n, 1);
    capture_free(&c);
}

static void test_gzip_by_content(void **state)
{
    (void)state;
    capture c = {0};
    const char *text = "Title: Packed\n\nA compressed brief with a plain name.\n";
    read_into(&c, write_gz("packed.txt", text, strlen(text)), 0);
    assert_int_equal(c.status, READER_OK);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.briefs[0].title, "Packed");
    assert_string_equal(c.briefs[0].body, "A compressed brief with a plain name.");
    capture_free(&c);
}

/* ===== JSON Lines ===== */

static const char jsonl[] =
    "{\"id\": \"j-1\", \"title\": \"First brief\", \"date\": \"2022-03-14T09:30:00Z\", "
    "\"source\": \"CNN\", \"url\": \"https://example.org/1\", \"body\": \"Text one.\\r\\nMore\\u0007.\", "
    "\"people\": [\"Jake Sullivan\", \"Yang Jiechi\", \"Jake Sullivan\"], \"countries\": \"US, China\"}\n"
    "\n"
    "   \r\n"
    "{\"id\": \"j-4\", \"title\": \"Broken\", \"body\": \"no closing brace\"\n"
    "{\"body\": \"No title here. The title rule applies to this body text.\", \"desk\": \"Asia\"}\r\n"
    "{\"title\": 42, \"body\": \"Numbers are not titles\", \"people\": [\"Ann\", 7], "
    "\"countries\": {\"a\": 1}, \"date\": \"someday\", \"id\": null}\n"
    "{\"id\": \"j-7\"}\n"
    "[\"not\", \"an\", \"object\"]\n"
    "{\"title\": \"Title only\", \"people\": \"Smith, John; Doe, Jane\", "
    "\"topics\": [\"Crude, Oil\", \"crude, oil\", \"Ship\"]}";

static void test_jsonl(void **state)
{
    (void)state;
    capture c = {0};
    read_into(&c, write_text("briefs.jsonl", jsonl), 0);
    assert_int_equal(c.status, READER_OK);
    assert_int_equal(c.n, 4);
    assert_int_equal(c.counts.failed, 3);

    brief *b = &c.briefs[0];
    assert_int_equal(b->ordinal, 1);
    assert_string_equal(b->id, "j-1");
    assert_string_equal(b->title, "First brief");
    assert_string_equal(b->date, "2022-03-14");
    assert_string_equal(b->source, "CNN");
    assert_string_equal(b->url, "https://example.org/1");
    assert_string_equal(b->body, "Text one.\nMore.");
    assert_int_equal(b->body_len, strlen(b->body));
    assert_int_equal(b->people.count, 2);
    assert_string_equal(b->people.items[1], "Yang Jiechi");
    assert_int_equal(b->countries.count, 2);
    assert_string_equal(b->countries.items[1], "China");
    assert_int_equal(b->topics.count, 0);
    /* An array's items are one topic each, never split; lower-cased. */
    b = &c.briefs[c.n - 1];
    assert_string_equal(b->title, "Title only");
    assert_int_equal(b->topics.count, 2);
    assert_string_equal(b->topics.items[0], "crude, oil");
    assert_string_equal(b->topics.items[1], "ship");

    EXPECT_DIAG(&c, READER_ERROR, 4, "malformed JSON: ");
    EXPECT_DIAG(&c, READER_ERROR, 4, "(column ");

    b = &c.briefs[1];
    assert_int_equal(b->ordinal, 5);
    assert_null(b->id);
    /* A first line of at most 120 characters is the title, all of it. */
    assert_string_equal(b->title, "No title here. The title rule applies to this body text.");
    assert_int_equal(b->extra_count, 1);
    assert_string_equal(b->extra[0].key, "desk");

    b = &c.briefs[2];
    assert_int_equal(b->ordinal, 6);
    assert_string_equal(b->title, "Numbers are not titles");
    assert_null(b->date);
    assert_null(b->id);
    assert_int_equal(b->people.count, 1);
    assert_int_equal(b->countries.count, 0);
    EXPECT_DIAG(&c, READER_WARNING, 6, "field 'title' is not a string");
    EXPECT_DIAG(&c, READER_WARNING, 6, "item 2 of 'people' is not a string");
    EXPECT_DIAG(&c, READER_WARNING, 6, "field 'countries' is not a string or an array");
    EXPECT_DIAG(&c, READER_WARNING, 6, "unparseable date 'someday'");

    EXPECT_DIAG(&c, READER_ERROR, 7, "neither title nor body");
    EXPECT_DIAG(&c, READER_ERROR, 8, "not a JSON object");

    b = &c.briefs[3];
    assert_int_equal(b->ordinal, 9);
    assert_string_equal(b->title, "Title only");
    assert_string_equal(b->body, "");
    assert_int_equal(b->people.count, 2);
    assert_string_equal(b->people.items[0], "Smith, John");
    capture_free(&c);

    /* The same, compressed, and with the .jsonl.gz name. */
    read_into(&c, write_gz("briefs.jsonl.gz", jsonl, sizeof jsonl - 1), 0);
    assert_int_equal(c.status, READER_OK);
    assert_int_equal(c.n, 4);
    EXPECT_DIAG(&c, READER_ERROR, 4, "malformed JSON");
    capture_free(&c);

    read_into(&c, write_text("blank.jsonl", "\n  \n\n"), 0);
    assert_int_equal(c.status, READER_SKIPPED);
    EXPECT_DIAG(&c, READER_SKIP, 0, "empty file");
    capture_free(&c);

    /* Each line is decoded on its own; "read as Windows-1252" is said once. */
    read_into(&c, write_text("bad-utf8.jsonl", "{\"title\": \"Caf\xE9\"}\n"
                                               "{\"title\": \"Z\xFCrich\"}\n"
                                               "{\"title\": \"Caf\xC3\xA9 \xFF \xC3\xA0 la carte\"}\n"), 0);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.briefs[0].title, "Caf\xC3\xA9");
    assert_string_equal(c.briefs[1].title, "Z\xC3\xBCrich");
    assert_string_equal(c.briefs[2].title, "Caf\xC3\xA9 \xEF\xBF\xBD \xC3\xA0 la carte");
    EXPECT_DIAG(&c, READER_WARNING, 1, "not UTF-8; read as Windows-1252");
    EXPECT_DIAG(&c, READER_WARNING, 3, "invalid UTF-8 repaired (1 byte)");
    assert_int_equal(c.nd, 2);
    capture_free(&c);
}

static void test_jsonl_long_lines(void **state)
{
    (void)state;
    /* A line of 600 KB spans several reads; max_bytes is 1000.  The last
     * line, too long as well, has no '\n'. */
    size_t big = 600 * 1024;
    char *text = malloc(big + 2000);
    assert_non_null(text);
    strcpy(text, "{\"title\": \"short\"}\n{\"title\": \"");
    size_t n = strlen(text);
    memset(text + n, 'x', big);
    n += big;
    strcpy(text + n, "\"}\n{\"title\": \"after\"}\n{\"body\": \"");
    n += strlen(text + n);
    memset(text + n, 'y', 1500);
    n += 1500;
    strcpy(text + n, "\"}");
    capture c = {0};
    read_into(&c, write_text("long.jsonl", text), 1000);
    free(text);
    assert_int_equal(c.status, READER_OK);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.briefs[0].title, "short");
    assert_string_equal(c.briefs[1].title, "after");
    assert_int_equal(c.briefs[1].ordinal, 3);
    assert_int_equal(c.counts.skipped, 2);
    EXPECT_DIAG(&c, READER_SKIP, 2, "line larger than 1000 bytes (600.0 KiB)");
    EXPECT_DIAG(&c, READER_SKIP, 4, "line larger than 1000 bytes (1.5 KiB)");
    capture_free(&c);
}

/* A line of several MiB is read whole, and so are the lines after it, which
 * the reader moves to a buffer of their own once it is parsed (plain and
 * gzip'd: their reads end at other places). */
static void test_jsonl_long_line_kept(void **state)
{
    (void)state;
    size_t big = 3 * 1024 * 1024 + 17;
    char *text = malloc(big + 4000);
    assert_non_null(text);
    strcpy(text, "{\"title\": \"big\", \"body\": \"");
    size_t n = strlen(text), body_at = n;
    for (size_t i = 0; i < big; i++)
        text[n + i] = i % 7 == 6 ? ' ' : (char)('a' + i % 26);
    n += big;
    strcpy(text + n, " end\"}\n");
    n += strlen(text + n);
    for (int i = 0; i < 40; i++)
        n += (size_t)sprintf(text + n, "{\"title\": \"after %d\"}\n", i);
    for (int gz = 0; gz < 2; gz++) {
        capture c = {0};
        read_into(&c, gz ? write_gz("big.jsonl.gz", text, n) : write_bytes("big.jsonl", text, n),
                  0);
        assert_int_equal(c.status, READER_OK);
        assert_int_equal(c.n, 41);
        assert_int_equal(c.briefs[0].body_len, big + 4);
        assert_memory_equal(c.briefs[0].body, text + body_at, big + 4);
        for (int i = 0; i < 40; i++) {
            char want[32];
            snprintf(want, sizeof want, "after %d", i);
            assert_string_equal(c.briefs[i + 1].title, want);
            assert_int_equal(c.briefs[i + 1].ordinal, i + 2);
        }
        capture_free(&c);
    }
    free(text);
}

/* ===== standard input ===== */

static void read_stdin_from(capture *c, const char *path)
{
    int saved = dup(STDIN_FILENO);
    assert_true(saved >= 0);
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
    close(fd);
    read_into(c, "-", 0);
    assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
    close(saved);
}

static void test_stdin(void **state)
{
    (void)state;
    capture c = {0};
    read_stdin_from(&c, write_text("stdin.jsonl.txt", "\n  {\"title\": \"a\"}\n{\"title\": \"b\"}\n"));
    assert_int_equal(c.status, READER_OK);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.briefs[1].title, "b");
    assert_int_equal(c.briefs[1].ordinal, 3);
    assert_string_equal(c.briefs[1].path, "-");
    capture_free(&c);

    read_stdin_from(&c, write_text("stdin.txt", "Title: From a pipe\n\n{not json} text\n"));
    assert_int_equal(c.status, READER_OK);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.briefs[0].title, "From a pipe");
    capture_free(&c);

    const char *packed = "{\"title\": \"packed\"}\n";
    read_stdin_from(&c, write_gz("stdin.gz", packed, strlen(packed)));
    assert_int_equal(c.n, 1);
    assert_string_equal(c.briefs[0].title, "packed");
    capture_free(&c);

    read_stdin_from(&c, write_text("stdin-empty", ""));
    assert_int_equal(c.status, READER_SKIPPED);
    EXPECT_DIAG(&c, READER_SKIP, 0, "empty file");
    capture_free(&c);
}

/* ===== Reuters-21578 SGML ===== */

/* Written for this test, in the layout of the collection. */
static const char sgml[] =
    "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
    "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"1\" "
    "NEWID=\"101\">\n"
    "<DATE> 2-MAR-1987 10:00:00.00&#5;&#5;&#5;X</DATE>\n"
    "<TOPICS><D>grain</D><D>Wheat</D><D>GRAIN</D></TOPICS>\n"
    "<PLACES><D>usa</D><D>france</D><D>usa</D></PLACES>\n"
    "<PEOPLE><D>jane-doe</D></PEOPLE>\n"
    "<ORGS></ORGS>\n<EXCHANGES></EXCHANGES>\n<COMPANIES></COMPANIES>\n"
    "<UNKNOWN> &#5;&#5;&#5;C T\n&#22;&#22;&#1;f0001&#31;reute\nu f BC-TEST 03-02 0001</UNKNOWN>\n"
    "<TEXT>&#2;\n"
    "<TITLE>WIDGET &lt;WID&gt; MAKER &amp; PARTNER SAY    SALES\nROSE</TITLE>\n"
    "<DATELINE>    SPRINGFIELD, March 2 - </DATELINE><BODY>Widget Corp said sales rose\n"
    "in the quarter&#127; to a record &#8364;5 mln.\n"
    "    It gave no figures.\n"
    " Reuter\n"
    "&#3;</BODY></TEXT>\n"
    "</REUTERS><REUTERS NEWID=\"102\">\n"
    "<DATE>3-MAR-1987 11:00:00.00</DATE>\n"
    "<PLACES></PLACES>\n<PEOPLE></PEOPLE>\n"
    "<TEXT TYPE=\"BRIEF\">&#2;\n"
    "******<TITLE>WIDGET CORP SETS DIVIDEND\n</TITLE>Blah blah blah.\n&#3;\n\n</TEXT>\n"
    "</REUTERS>\n"
    "<REUTERS NEWID=\"103\">\n"
    "<DATE>4-MAR-1987 12:00:00.00</DATE>\n"
    "<PLACES><D>uk</D></PLACES>\n<PEOPLE></PEOPLE>\n"
    "<TEXT TYPE=\"UNPROC\">&#2;\n"
    "WIDGET TABLE - MARCH 4\n"
    " Widgets.......12 vs 10\n"
    " REUTER...^M\n"
    "&#3;\n</TEXT>\n"
    "</REUTERS>\n"
    "<REUTERS NEWID=\"104\">\n"
    "<DATE>5-MAR-1987 13:00:00.00</DATE>\n"
    "<TEXT>&#2;\n<TITLE>CAF\xFC REPORT</TITLE>\n"
    "<DATELINE>PARIS - </DATELINE><BODY>A bad byte.\nREUTER\n&#3;</BODY></TEXT>\n"
    "</REUTERS>\n"
    "<REUTERS NEWID=\"105\">\n"
    "<DATE>6-MAR-1987 13:00:00.00</DATE>\n"
    "<TEXT><TITLE>UNTERMINATED</TITLE><BODY>no end\n";

static void test_sgml(void **state)
{
    (void)state;
    capture c = {0};
    read_into(&c, write_bytes("mini.sgm", sgml, sizeof sgml - 1), 0);
    assert_int_equal(c.status, READER_OK);
    assert_int_equal(c.n, 4);

    brief *b = &c.briefs[0];
    assert_string_equal(b->id, "reuters-101");
    assert_int_equal(b->ordinal, 1);
    assert_string_equal(b->source, "Reuters");
    assert_string_equal(b->date, "1987-03-02");
    assert_string_equal(b->title, "WIDGET <WID> MAKER & PARTNER SAY SALES ROSE");
    assert_string_equal(b->body, "SPRINGFIELD, March 2 - Widget Corp said sales rose\n"
                                 "in the quarter to a record \xE2\x82\xAC" "5 mln.\n"
                                 "    It gave no figures.");
    assert_int_equal(b->body_len, strlen(b->body));
    assert_int_equal(b->gold_places.count, 2);
    assert_string_equal(b->gold_places.items[0], "usa");
    assert_string_equal(b->gold_places.items[1], "france");
    assert_int_equal(b->gold_people.count, 1);
    assert_string_equal(b->gold_people.items[0], "jane-doe");
    assert_int_equal(b->people.count, 0); /* gold tags are kept apart */
    assert_int_equal(b->topics.count, 2);  /* the story's own, lower-cased, once each */
    assert_string_equal(b->topics.items[0], "grain");
    assert_string_equal(b->topics.items[1], "wheat");
    assert_int_equal(b->countries.count, 0);

    b = &c.briefs[1];
    assert_string_equal(b->id, "reuters-102");
    assert_string_equal(b->title, "WIDGET CORP SETS DIVIDEND");
    assert_string_equal(b->body, "");
    assert_string_equal(b->date, "1987-03-03");

    b = &c.briefs[2];
    assert_string_equal(b->id, "reuters-103");
    assert_string_equal(b->title, "WIDGET TABLE - MARCH 4");
    assert_string_equal(b->body, "WIDGET TABLE - MARCH 4\n Widgets.......12 vs 10");
    assert_int_equal(b->gold_places.count, 1);

    b = &c.briefs[3];
    assert_string_equal(b->id, "reuters-104");
    assert_string_equal(b->title, "CAF\xC3\xBC REPORT");
    assert_string_equal(b->body, "PARIS - A bad byte.");
    assert_int_equal(b->ordinal, 4);
    EXPECT_DIAG(&c, READER_WARNING, 4, "reuters-104: not UTF-8; read as Windows-1252");

    EXPECT_DIAG(&c, READER_ERROR, 5, "not closed");
    assert_int_equal(c.counts.failed, 1);
    capture_free(&c);

    /* Compressed, with the .sgm.gz name. */
    read_into(&c, write_gz("mini.sgm.gz", sgml, sizeof sgml - 1), 0);
    assert_int_equal(c.n, 4);
    capture_free(&c);

    read_into(&c, write_text("none.sgm", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"), 0);
    assert_int_equal(c.status, READER_OK);
    assert_int_equal(c.n, 0);
    EXPECT_DIAG(&c, READER_WARNING, 0, "no <REUTERS> story");
    capture_free(&c);

    read_into(&c, write_text("empty.sgm", "\n\n"), 0);
    assert_int_equal(c.status, READER_SKIPPED);
    capture_free(&c);
}

static void test_stop(void **state)
{
    (void)state;
    capture c = {.stop_after = 2};
    read_into(&c, write_bytes("stop.sgm", sgml, sizeof sgml - 1), 0);
    assert_int_equal(c.status, READER_STOPPED);
    assert_int_equal(c.n, 2);
    capture_free(&c);

    c.stop_after = 1;
    read_into(&c, write_text("stop.jsonl", jsonl), 0);
    assert_int_equal(c.status, READER_STOPPED);
    assert_int_equal(c.n, 1);
    capture_free(&c);

    c.stop_after = 1;
    read_into(&c, write_text("stop.txt", "One brief.\n"), 0);
    assert_int_equal(c.status, READER_STOPPED);
    assert_int_equal(c.n, 1);
    capture_free(&c);
}

/* ===== the project's test data, when present ===== */

static void test_data_files(void **state)
{
    (void)state;
    const char *data = BRIEFS_TEST_DATA;
    char path[512];
    int found = 0;
    capture c = {0};

    snprintf(path, sizeof path, "%s/mini.sgm", data);
    if (access(path, R_OK) == 0) {
        found++;
        read_into(&c, path, 0);
        assert_int_equal(c.status, READER_OK);
        assert_true(c.n > 0);
        for (size_t i = 0; i < c.n; i++) {
            assert_non_null(c.briefs[i].title);
            assert_non_null(c.briefs[i].body);
            assert_string_equal(c.briefs[i].source, "Reuters");
            if (c.briefs[i].id)
                assert_int_equal(strncmp(c.briefs[i].id, "reuters-", 8), 0);
        }
        capture_free(&c);
    }
    snprintf(path, sizeof path, "%s/briefs.jsonl", data);
    if (access(path, R_OK) == 0) {
        found++;
        read_into(&c, path, 0);
        assert_int_equal(c.status, READER_OK);
        assert_true(c.n > 0);
        EXPECT_DIAG(&c, READER_ERROR, 4, "malformed JSON");
        capture_free(&c);
    }
    snprintf(path, sizeof path, "%s/briefs.jsonl.gz", data);
    if (access(path, R_OK) == 0) {
        found++;
        read_into(&c, path, 0);
        assert_int_equal(c.status, READER_OK);
        assert_true(c.n > 0);
        capture_free(&c);
    }
    static const struct {
        const char *name;
        reader_status status;
        reader_diag_level level;
        const char *text;
    } bad[] = {
        {"bad/empty.txt", READER_SKIPPED, READER_SKIP, "empty file"},
        {"bad/blank.txt", READER_SKIPPED, READER_SKIP, "empty file"},
        {"bad/binary.txt", READER_SKIPPED, READER_SKIP, "binary file"},
        {"bad/latin1.txt", READER_OK, READER_WARNING, "not UTF-8; read as Windows-1252"},
        {"bad/corrupt.txt.gz", READER_FAILED, READER_ERROR, "corrupt gzip data"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(path, sizeof path, "%s/%s", data, bad[i].name);
        if (access(path, R_OK) != 0)
            continue;
        if (bad[i].status == READER_FAILED) {
            /* Only a file that begins as gzip does is corrupt gzip. */
            unsigned char magic[2] = {0, 0};
            FILE *f = fopen(path, "rb");
            size_t got = f ? fread(magic, 1, 2, f) : 0;
            if (f)
                fclose(f);
            if (got != 2 || magic[0] != 0x1f || magic[1] != 0x8b)
                continue;
        }
        found++;
        read_into(&c, path, 0);
        if (c.status != bad[i].status)
            fail_msg("%s: status %d, not %d", bad[i].name, (int)c.status, (int)bad[i].status);
        EXPECT_DIAG(&c, bad[i].level, 0, bad[i].text);
        capture_free(&c);
    }
    if (!found) {
        print_message("skipped: no test data in %s yet\n", data);
        skip();
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_header),
        cmocka_unit_test(test_text_no_header),
        cmocka_unit_test(test_title_rule),
        cmocka_unit_test(test_header_values),
        cmocka_unit_test(test_header_lists_bounded),
        cmocka_unit_test(test_header_fields_bounded),
        cmocka_unit_test(test_header_only),
        cmocka_unit_test(test_skipped_files),
        cmocka_unit_test(test_failed_files),
        cmocka_unit_test(test_latin1_and_cp1252),
        cmocka_unit_test(test_damaged_utf8),
        cmocka_unit_test(test_forced_encoding),
        cmocka_unit_test(test_binary_formats),
        cmocka_unit_test(test_gzip_by_content),
        cmocka_unit_test(test_jsonl),
        cmocka_unit_test(test_jsonl_long_lines),
        cmocka_unit_test(test_jsonl_long_line_kept),
        cmocka_unit_test(test_stdin),
        cmocka_unit_test(test_sgml),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_data_files),
    };
    return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
