/* reader_input.c — see reader_input.h: the plumbing every format reader
 * shares.  It reads the file through gzread (which passes uncompressed data
 * through, so compression is recognised by its magic bytes whatever the
 * name) into one growing buffer, decodes text as the chosen encoding says,
 * and turns problems into one-line diagnostics.
 */
#include "reader_input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "utf8.h"

/* ===== diagnostics and briefs ===== */

void _reader_diag(reader_ctx *r, reader_diag_level level, long ordinal, const char *fmt, ...)
{
    if (!r->on_diag)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* One line, whatever the arguments held. */
    for (char *p = msg; *p; p++)
        if ((unsigned char)*p < 0x20)
            *p = ' ';
    r->on_diag(r->ctx, level, r->path, ordinal, msg);
}

/* Cut field (b's title, source or URL; may be NULL) to BRIEF_FIELD_MAX
 * bytes, back to a character boundary, and say so. */
static void cut_field(reader_ctx *r, const brief *b, char *field, const char *what)
{
    if (!field || strnlen(field, BRIEF_FIELD_MAX + 1) <= BRIEF_FIELD_MAX)
        return;
    size_t n = BRIEF_FIELD_MAX;
    while (n > 0 && ((unsigned char)field[n] & 0xC0) == 0x80)
        n--;   /* field[n] would be inside a UTF-8 sequence */
    field[n] = '\0';
    _reader_diag(r, READER_WARNING, b->ordinal, "%s longer than %d bytes: cut", what,
                 BRIEF_FIELD_MAX);
}

/* Say that list (of b's people, countries or topics) was cut at
 * BRIEF_LIST_MAX items. */
static void warn_dropped(reader_ctx *r, const brief *b, const brief_list *list,
                         const char *what)
{
    if (list->dropped)
        _reader_diag(r, READER_WARNING, b->ordinal,
                     "more %s than the %d a brief keeps: %zu ignored", what, BRIEF_LIST_MAX,
                     list->dropped);
}

int _reader_emit(reader_ctx *r, brief *b)
{
    int stop = 0;
    b->path = r->path;
    if (!b->body && brief_set(&b->body, "", 0) < 0)
        goto oom;
    if (!b->title && brief_set(&b->title, "", 0) < 0)
        goto oom;
    b->body_len = strlen(b->body);
    cut_field(r, b, b->title, "title");
    cut_field(r, b, b->source, "source");
    cut_field(r, b, b->url, "URL");
    warn_dropped(r, b, &b->people, "people");
    warn_dropped(r, b, &b->countries, "countries");
    warn_dropped(r, b, &b->topics, "topics");
    warn_dropped(r, b, &b->gold_places, "PLACES");
    warn_dropped(r, b, &b->gold_people, "PEOPLE tags");
    r->counts.briefs++;
    if (r->on_brief)
        stop = r->on_brief(r->ctx, b) != 0;
    brief_clear(b);
    return stop;
oom:
    _reader_diag(r, READER_ERROR, b->ordinal, "out of memory");
    r->counts.failed++;
    brief_clear(b);
    return 0;
}

/* ===== the input ===== */

int _reader_input_open(reader_ctx *r, const char *path, reader_input *in)
{
    int fd;
    if (strcmp(path, "-") == 0)
        fd = dup(STDIN_FILENO);
    else
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        _reader_diag(r, READER_ERROR, 0, "%s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        _reader_diag(r, READER_ERROR, 0, "%s", strerror(errno));
        close(fd);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        _reader_diag(r, READER_ERROR, 0, "%s", strerror(EISDIR));
        close(fd);
        return -1;
    }
    long long size = S_ISREG(st.st_mode) ? (long long)st.st_size : -1;
    gzFile gz = gzdopen(fd, "rb");
    if (!gz) {
        _reader_diag(r, READER_ERROR, 0, "out of memory");
        close(fd);
        return -1;
    }
    /* Bigger buffers for big files; the default 8 KiB for briefs. */
    if (size < 0 || size > 65536)
        gzbuffer(gz, 128u * 1024u);
    in->gz = gz;
    in->size = size;
    return 0;
}

void _reader_input_shrink(reader_input *in)
{
    if (in->cap <= 4 * (size_t)READER_READ_CHUNK)
        return;
    size_t keep = in->len - in->pos;
    size_t cap = keep + 1 > READER_READ_CHUNK ? keep + 1 : READER_READ_CHUNK;
    char *buf = malloc(cap);
    if (!buf)
        return;
    memcpy(buf, in->buf + in->pos, keep);
    buf[keep] = '\0';
    free(in->buf);
    in->buf = buf;
    in->cap = cap;
    in->len = keep;
    in->pos = 0;
}

char *_reader_input_take(reader_input *in)
{
    char *buf = in->buf;
    in->buf = NULL;
    in->cap = in->len = in->pos = 0;
    return buf;
}

void _reader_input_close(reader_input *in)
{
    if (in->gz)
        gzclose_r(in->gz);
    free(in->buf);
    *in = (reader_input){.size = -1};
}

/* Report what zlib (or the system under it) said about a failed read. */
static void report_read_error(reader_ctx *r, reader_input *in)
{
    int errnum = Z_OK;
    const char *msg = gzerror(in->gz, &errnum);
    if (errnum == Z_ERRNO)
        _reader_diag(r, READER_ERROR, 0, "read error: %s", strerror(errno));
    else if (errnum == Z_MEM_ERROR)
        _reader_diag(r, READER_ERROR, 0, "out of memory");
    else {
        /* zlib prefixes the name it was given, "<fd:3>: ": not ours to show. */
        const char *colon = msg && msg[0] == '<' ? strstr(msg, ": ") : NULL;
        if (colon)
            msg = colon + 2;
        _reader_diag(r, READER_ERROR, 0, "corrupt gzip data: %s",
                     msg && *msg ? msg : "unknown error");
    }
}

long _reader_input_fill(reader_ctx *r, reader_input *in, size_t want)
{
    if (in->eof)
        return 0;
    if (want > (1u << 30))
        want = 1u << 30;
    if (array_grow((void **)&in->buf, &in->cap, in->len + want + 1, 1) < 0) {
        _reader_diag(r, READER_ERROR, 0, "out of memory");
        return -1;
    }
    errno = 0;
    int n = gzread(in->gz, in->buf + in->len, (unsigned)want);
    int errnum = Z_OK;
    gzerror(in->gz, &errnum);
    /* A truncated gzip stream reads short and leaves Z_BUF_ERROR behind. */
    if (n < 0 || (errnum != Z_OK && (n == 0 || errnum != Z_BUF_ERROR))) {
        report_read_error(r, in);
        return -1;
    }
    if (n == 0)
        in->eof = 1;
    in->len += (size_t)n;
    in->buf[in->len] = '\0';
    return n;
}

int _reader_input_read_all(reader_ctx *r, reader_input *in, size_t limit,
                           unsigned long long *total)
{
    int direct = gzdirect(in->gz);
    if (direct && in->size >= 0 && (unsigned long long)in->size > limit) {
        *total = (unsigned long long)in->size;
        return 1;
    }
    while (!in->eof) {
        if (in->len > limit)
            break;
        size_t want = READER_READ_CHUNK;
        if (direct && in->size >= 0 && (unsigned long long)in->size >= in->len)
            want = (size_t)in->size - in->len + 1; /* one read, then EOF */
        else if (in->len > want)
            want = in->len;
        if (want > limit + 1 - in->len)
            want = limit + 1 - in->len;
        if (_reader_input_fill(r, in, want) < 0)
            return -1;
    }
    if (in->len <= limit)
        return 0;
    /* Too big: count the rest without keeping it, up to a point. */
    unsigned long long count = in->len;
    unsigned long long cap = (unsigned long long)limit * 4;
    char scratch[16384];
    while (!in->eof && count <= cap) {
        int n = gzread(in->gz, scratch, sizeof scratch);
        if (n < 0) {
            report_read_error(r, in);
            return -1;
        }
        if (n == 0)
            in->eof = 1;
        count += (unsigned long long)n;
    }
    *total = in->eof ? count : 0;
    return 1;
}

/* ===== decoding ===== */

/* Whether s[0..len) holds a byte above 0x7F. */
static int has_high_byte(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 1;
    return 0;
}

int _reader_decode(reader_ctx *r, long ordinal, const char *label, const char *s, size_t len,
                   char **out, size_t *out_len)
{
    *out = NULL;
    int cp1252 = r->encoding == READER_ENCODING_CP1252;
    if (cp1252 ? !has_high_byte(s, len) : utf8_validate(s, len) == len)
        return 0;   /* the common case costs one pass */
    if (r->encoding == READER_ENCODING_AUTO) {
        /* Text in a single-byte encoding has many bytes that begin no UTF-8
         * sequence and few that happen to form one ("Ã©"); damaged UTF-8 has
         * a few bad bytes among good sequences (or none: then either reading
         * shows one wrong character). */
        size_t multibyte, invalid;
        utf8_census(s, len, &multibyte, &invalid);
        cp1252 = invalid > multibyte;
    }
    long n = cp1252 ? utf8_from_cp1252(s, len, out, out_len) : utf8_repair(s, len, out, out_len);
    if (n < 0) {
        _reader_diag(r, READER_ERROR, ordinal, "%sout of memory", label);
        return -1;
    }
    if (!cp1252)
        _reader_diag(r, READER_WARNING, ordinal, "%sinvalid UTF-8 repaired (%ld byte%s)", label, n,
                     n == 1 ? "" : "s");
    else if (r->encoding == READER_ENCODING_AUTO && !r->said_cp1252) {
        _reader_diag(r, READER_WARNING, ordinal, "%snot UTF-8; read as Windows-1252", label);
        r->said_cp1252 = 1;   /* once per file: a JSON Lines export may have millions */
    }
    return 0;
}

int _reader_clean_text(reader_ctx *r, long ordinal, const char *label, char **s,
                       size_t *len, char **owned)
{
    char *decoded;
    size_t decoded_len;
    *owned = NULL;
    if (_reader_decode(r, ordinal, label, *s, *len, &decoded, &decoded_len) < 0)
        return -1;
    if (decoded) {
        *s = decoded;
        *len = decoded_len;
        *owned = decoded;
    }
    *len = utf8_clean_controls(*s, *len);
    return 0;
}
