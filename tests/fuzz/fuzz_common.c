/* fuzz_common.c — see fuzz.h. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "dates.h"
#include "utf8.h"

void fuzz_check(int ok, const char *what, const char *file, int line)
{
    if (ok)
        return;
    fprintf(stderr, "fuzz: %s:%d: %s\n", file, line, what);
    abort();
}

static void check_string(const char *s, const char *what)
{
    FUZZ_CHECK(s != NULL, what);
    size_t n = strlen(s);
    FUZZ_CHECK(utf8_validate(s, n) == n, what);
}

static void check_list(const brief_list *l, const char *what)
{
    FUZZ_CHECK(l->count <= l->cap || (l->count == 0 && !l->items), what);
    for (size_t i = 0; i < l->count; i++)
        check_string(l->items[i], what);
}

void fuzz_check_brief(const brief *b)
{
    check_string(b->title, "title: NULL or not UTF-8");
    check_string(b->body, "body: NULL or not UTF-8");
    FUZZ_CHECK(b->body_len == strlen(b->body), "body_len is not strlen(body)");
    if (b->id)
        check_string(b->id, "id: not UTF-8");
    if (b->source)
        check_string(b->source, "source: not UTF-8");
    if (b->url)
        check_string(b->url, "url: not UTF-8");
    if (b->date) {
        int y, m, d;
        FUZZ_CHECK(strlen(b->date) == 10 && sscanf(b->date, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
                       date_valid(y, m, d),
                   "date: not an ISO day");
    }
    check_list(&b->people, "people: an item is not UTF-8");
    check_list(&b->countries, "countries: an item is not UTF-8");
    check_list(&b->topics, "topics: an item is not UTF-8");
    for (size_t i = 0; i < b->topics.count; i++)
        for (const char *p = b->topics.items[i]; *p; p++)
            FUZZ_CHECK(!(*p >= 'A' && *p <= 'Z'), "topics: an item is not lower case");
    check_list(&b->gold_places, "gold places: an item is not UTF-8");
    check_list(&b->gold_people, "gold people: an item is not UTF-8");
    for (size_t i = 0; i < b->extra_count; i++) {
        check_string(b->extra[i].key, "extra key: NULL or not UTF-8");
        check_string(b->extra[i].value, "extra value: NULL or not UTF-8");
    }
    FUZZ_CHECK(b->ordinal >= 0, "negative ordinal");
}

/* ===== reading a file ===== */

typedef struct read_state {
    const char *path;
    unsigned long briefs;
    reader_brief_fn then;
    void *ctx;
} read_state;

static int on_brief(void *ctx, brief *b)
{
    read_state *st = ctx;
    FUZZ_CHECK(b->path && strcmp(b->path, st->path) == 0, "brief: path is not the file's");
    fuzz_check_brief(b);
    st->briefs++;
    if (st->then)
        st->then(st->ctx, b);
    return 0;
}

static void on_diag(void *ctx, reader_diag_level level, const char *path, long ordinal,
                    const char *message)
{
    read_state *st = ctx;
    FUZZ_CHECK(level == READER_WARNING || level == READER_SKIP || level == READER_ERROR,
               "diagnostic: unknown level");
    FUZZ_CHECK(path && strcmp(path, st->path) == 0, "diagnostic: path is not the file's");
    FUZZ_CHECK(ordinal >= 0, "diagnostic: negative ordinal");
    FUZZ_CHECK(message && *message, "diagnostic: no message");
    for (const char *p = message; *p; p++)
        FUZZ_CHECK((unsigned char)*p >= 0x20, "diagnostic: a control character (not one line)");
}

static void write_all(int fd, const uint8_t *data, size_t size)
{
    while (size > 0) {
        ssize_t n = write(fd, data, size);
        FUZZ_CHECK(n > 0, "cannot write the temporary file");
        data += n;
        size -= (size_t)n;
    }
}

reader_status fuzz_read_file(const uint8_t *data, size_t size, const char *suffix, int gzip,
                             const reader_options *opts, reader_brief_fn then, void *ctx)
{
    const char *tmp = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/briefs-fuzz-XXXXXX%s", tmp && *tmp ? tmp : "/tmp", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    FUZZ_CHECK(fd >= 0, "cannot make a temporary file");
    if (gzip) {
        gzFile gz = gzdopen(fd, "wb1");
        FUZZ_CHECK(gz != NULL, "gzdopen failed");
        /* gzwrite takes an unsigned count; fuzz inputs are far smaller. */
        FUZZ_CHECK(size == 0 || gzwrite(gz, data, (unsigned)size) == (int)size, "gzwrite failed");
        FUZZ_CHECK(gzclose(gz) == Z_OK, "gzclose failed");
    } else {
        write_all(fd, data, size);
        close(fd);
    }

    read_state st = {.path = path, .then = then, .ctx = ctx};
    reader_counts counts;
    reader_status status = reader_read_file(path, opts, on_brief, on_diag, &st, &counts);
    unlink(path);
    FUZZ_CHECK(status == READER_OK || status == READER_SKIPPED || status == READER_FAILED,
               "reader_read_file: unexpected status");
    FUZZ_CHECK(counts.briefs == st.briefs, "counts.briefs is not the briefs handed on");
    FUZZ_CHECK(status != READER_SKIPPED || counts.skipped > 0, "skipped file not counted");
    FUZZ_CHECK(status != READER_FAILED || counts.failed > 0, "failed file not counted");
    return status;
}

char *fuzz_utf8_string(const uint8_t *data, size_t size)
{
    char *out = NULL;
    size_t out_len;
    FUZZ_CHECK(utf8_repair((const char *)data, size, &out, &out_len) >= 0 && out,
               "out of memory");
    return out;
}
