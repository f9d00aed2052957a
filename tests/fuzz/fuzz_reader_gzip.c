/* fuzz_reader_gzip.c — compressed input (corpus/reader_input.c, through
 * zlib) in every format and encoding.
 *
 * The first byte chooses: bits 0-1 the format by the file's name (.txt,
 * .jsonl, .sgm), bits 2-3 the encoding (auto, utf-8, windows-1252), bit 4
 * written as it is (the rest is a gzip stream, damaged or not: seeds are
 * .gz files) rather than compressed here (the rest is the text), bit 5 a small
 * size limit (256 bytes) instead of 4 KiB.
 *
 * Text compressed here is read a second time uncompressed: the two readings
 * must give the same status and briefs (the compressed one is read in
 * chunks, the other in one read), unless the text is itself gzip data. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

/* Every brief read, each field and list item followed by a 0x1F, each brief
 * by a 0x1E. */
typedef struct transcript {
    char *s;
    size_t len, cap;
} transcript;

static void put(transcript *t, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (t->len + n + 2 > t->cap) {
        t->cap = (t->len + n + 2) * 2;
        t->s = realloc(t->s, t->cap);
        FUZZ_CHECK(t->s != NULL, "out of memory");
    }
    if (n)
        memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len++] = s ? '\x1f' : '\x1d';   /* NULL and "" differ */
}

static void put_list(transcript *t, const brief_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        put(t, l->items[i]);
    put(t, "\x1c");
}

static int record(void *ctx, brief *b)
{
    transcript *t = ctx;
    put(t, b->id);
    put(t, b->title);
    put(t, b->date);
    put(t, b->source);
    put(t, b->url);
    put(t, b->body);
    put_list(t, &b->people);
    put_list(t, &b->countries);
    put_list(t, &b->topics);
    put_list(t, &b->gold_places);
    put_list(t, &b->gold_people);
    for (size_t i = 0; i < b->extra_count; i++) {
        put(t, b->extra[i].key);
        put(t, b->extra[i].value);
    }
    put(t, "\x1e");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const suffixes[] = {".txt", ".jsonl", ".sgm", ".txt"};
    static const reader_encoding encodings[] = {READER_ENCODING_AUTO, READER_ENCODING_UTF8,
                                                READER_ENCODING_CP1252, READER_ENCODING_AUTO};
    if (size == 0)
        return 0;
    unsigned mode = data[0];
    const char *suffix = suffixes[mode & 3];
    int compress = !(mode & 0x10);
    reader_options opts = {.max_bytes = mode & 0x20 ? 256 : 4096,
                           .encoding = encodings[(mode >> 2) & 3]};
    transcript zipped = {0}, plain = {0};
    reader_status zs = fuzz_read_file(data + 1, size - 1, suffix, compress, &opts, record, &zipped);
    /* Gzip data inside gzip is skipped as such; uncompressed, it is read. */
    int gzip_inside = size >= 3 && data[1] == 0x1f && data[2] == 0x8b;
    if (compress && !gzip_inside) {
        reader_status ps = fuzz_read_file(data + 1, size - 1, suffix, 0, &opts, record, &plain);
        FUZZ_CHECK(zs == ps, "compressed and plain: not the same status");
        FUZZ_CHECK(zipped.len == plain.len &&
                       (zipped.len == 0 || memcmp(zipped.s, plain.s, zipped.len) == 0),
                   "compressed and plain: not the same briefs");
    }
    free(zipped.s);
    free(plain.s);
    return 0;
}
