/* test_reuters.c — the SGML reader on the real Reuters-21578 collection.
 *
 * The collection is not ours to commit (research licence): it is read from
 * $BRIEFS_CORPORA/reuters21578, else ../shared/corpora/reuters21578 beside
 * the source tree.  When it is absent the test cannot run: it says so in one
 * line and exits SKIPPED (77, automake's convention), which ctest reports as
 * skipped, not passed (SKIP_RETURN_CODE in tests/CMakeLists.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reader.h"

enum { SKIPPED = 77 };

static char reuters_dir[512];

typedef struct reuters_tally {
    unsigned char *seen; /* by NEWID */
    unsigned long briefs, places, people, dated, dup, bad_id, replaced, cp1252;
    char *zurich;   /* the sentence of reuters-17980 around its one byte above 0x7F */
} reuters_tally;

/* Whether s holds U+FFFD, the mark of a byte that could not be read. */
static int has_replacement(const char *s)
{
    return s && strstr(s, "\xEF\xBF\xBD") != NULL;
}

static int tally_brief(void *ctx, brief *b)
{
    reuters_tally *t = ctx;
    t->briefs++;
    long id = b->id && strncmp(b->id, "reuters-", 8) == 0 ? atol(b->id + 8) : 0;
    if (id < 1 || id > 21578)
        t->bad_id++;
    else if (t->seen[id]++)
        t->dup++;
    t->places += b->gold_places.count > 0;
    t->people += b->gold_people.count > 0;
    t->dated += b->date != NULL;
    t->replaced += has_replacement(b->title) || has_replacement(b->body);
    if (id == 17980 && b->body) {
        const char *u = strstr(b->body, "\xC3\xBC");
        if (u && u - b->body >= 7)
            t->zurich = strndup(u - 7, 9);   /* "growth.ü" */
    }
    return 0;
}

static void tally_diag(void *ctx, reader_diag_level level, const char *path, long ordinal,
                       const char *message)
{
    reuters_tally *t = ctx;
    if (level != READER_WARNING)
        print_message("%s:%ld: %s\n", path, ordinal, message);
    else if (strstr(message, "not UTF-8; read as Windows-1252"))
        t->cp1252++;
}

/* Every story of the 22 files is read once, with its id, places, people and
 * date, and no byte replaced: the one Latin-1 byte is read as Windows-1252. */
static void test_reuters_corpus(void **state)
{
    (void)state;
    reuters_tally t = {.seen = calloc(21579, 1)};
    assert_non_null(t.seen);
    for (int i = 0; i < 22; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/reut2-%03d.sgm", reuters_dir, i);
        reader_counts counts;
        reader_status st = reader_read_file(path, NULL, tally_brief, tally_diag, &t, &counts);
        assert_int_equal(st, READER_OK);
        assert_int_equal(counts.failed + counts.skipped, 0);
    }
    assert_int_equal(t.briefs, 21578);
    assert_int_equal(t.bad_id, 0);
    assert_int_equal(t.dup, 0);
    for (int id = 1; id <= 21578; id++)
        assert_int_equal(t.seen[id], 1);
    assert_int_equal(t.places, 18798);
    assert_int_equal(t.people, 1156);
    assert_int_equal(t.dated, 21578);
    /* Its one byte that is not UTF-8 (0xFC, in reut2-017.sgm) reads as "ü". */
    assert_int_equal(t.replaced, 0);
    assert_int_equal(t.cp1252, 1);
    assert_non_null(t.zurich);
    assert_string_equal(t.zurich, "growth.\xC3\xBC");
    free(t.zurich);
    free(t.seen);
}

int main(void)
{
    const char *corpora = getenv("BRIEFS_CORPORA");
    snprintf(reuters_dir, sizeof reuters_dir, "%s/reuters21578",
             corpora && *corpora ? corpora : BRIEFS_SOURCE_DIR "/../shared/corpora");
    char first[600];
    snprintf(first, sizeof first, "%s/reut2-000.sgm", reuters_dir);
    if (access(first, R_OK) != 0) {
        printf("test_reuters: skipped: Reuters-21578 not found at %s (set BRIEFS_CORPORA)\n",
               reuters_dir);
        return SKIPPED;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reuters_corpus),
    };
    /* cmocka returns the number of failed tests: 1 here at most, never SKIPPED. */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
