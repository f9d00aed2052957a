/* reader.c — open a file, pick its format, read it through zlib.
 *
 * Everything that concerns the file as a whole lives here: opening it (or
 * standard input), choosing the format, reading it through gzread (which
 * passes uncompressed data through, so compression is recognised by its magic
 * bytes whatever the name), the size limits, and the diagnostics plumbing.
 * The formats are parsed by reader_text.c, reader_jsonl.c and reader_sgml.c.
 *
 * Counting: a file skipped or failed as a whole counts as one skipped or
 * failed brief, so that a caller summing the counts of many files sees it.
 */
#include "reader_int.h"
#include "brief_text.h"
#include "signature.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Container files (SGML) are read whole, up to this many times max_bytes. */
#define CONTAINER_FACTOR 64
/* How much to read at a time when the size is not known. */
#define READ_CHUNK (256u * 1024u)

typedef enum reader_format { FORMAT_TEXT, FORMAT_JSONL, FORMAT_SGML } reader_format;

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

int _reader_emit(reader_ctx *r, brief *b)
{
    int stop = 0;
    b->path = r->path;
    if (!b->body && brief_set(&b->body, "", 0) < 0)
        goto oom;
    if (!b->title && brief_set(&b->title, "", 0) < 0)
        goto oom;
    b->body_len = strlen(b->body);
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

void _reader_format_size(char *out, size_t out_size, unsigned long long bytes)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) {
        snprintf(out, out_size, "%llu byte%s", bytes, bytes == 1 ? "" : "s");
        return;
    }
    unsigned long long unit = 1024;
    int u = 0;
    while (u < 3 && bytes >= unit * 1024) {
        unit *= 1024;
        u++;
    }
    if (bytes % unit == 0)
        snprintf(out, out_size, "%llu %s", bytes / unit, units[u]);
    else
        snprintf(out, out_size, "%.1f %s", (double)bytes / (double)unit, units[u]);
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
    if (in->cap - in->len < want + 1) {
        size_t cap = in->cap ? in->cap : 4096;
        while (cap - in->len < want + 1) {
            if (cap > SIZE_MAX / 2) {
                _reader_diag(r, READER_ERROR, 0, "out of memory");
                return -1;
            }
            cap *= 2;
        }
        char *buf = realloc(in->buf, cap);
        if (!buf) {
            _reader_diag(r, READER_ERROR, 0, "out of memory");
            return -1;
        }
        in->buf = buf;
        in->cap = cap;
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

/* Read the rest of in into in->buf. Return 0 when it is all there, -1 after
 * reporting an error, or 1 when the input holds more than limit bytes: then
 * *total receives its size, or 0 when only "more than 4 × limit" is known. */
static int read_all(reader_ctx *r, reader_input *in, size_t limit, unsigned long long *total)
{
    int direct = gzdirect(in->gz);
    if (direct && in->size >= 0 && (unsigned long long)in->size > limit) {
        *total = (unsigned long long)in->size;
        return 1;
    }
    while (!in->eof) {
        if (in->len > limit)
            break;
        size_t want = READ_CHUNK;
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

/* Report a file too big to read. */
static void report_too_big(reader_ctx *r, size_t limit, unsigned long long total)
{
    char lim[32], got[32];
    _reader_format_size(lim, sizeof lim, limit);
    if (total)
        _reader_format_size(got, sizeof got, total);
    else
        _reader_format_size(got, sizeof got, (unsigned long long)limit * 4);
    _reader_diag(r, READER_SKIP, 0, "larger than %s (%s%s)", lim, total ? "" : "more than ",
                 got);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static reader_format format_of(const char *path)
{
    if (ends_with(path, ".jsonl") || ends_with(path, ".jsonl.gz"))
        return FORMAT_JSONL;
    if (ends_with(path, ".sgm") || ends_with(path, ".sgm.gz"))
        return FORMAT_SGML;
    return FORMAT_TEXT;
}

/* Standard input: read until its first non-blank byte shows the format. */
static int sniff_stdin(reader_ctx *r, reader_input *in, reader_format *format)
{
    size_t i = 0;
    for (;;) {
        while (i < in->len && brief_text_is_space((unsigned char)in->buf[i]))
            i++;
        /* A byte-order mark may come first. */
        if (i == 0 && in->len >= 3 && memcmp(in->buf, "\xEF\xBB\xBF", 3) == 0) {
            i = 3;
            continue;
        }
        if (i < in->len || in->eof)
            break;
        if (_reader_input_fill(r, in, READ_CHUNK) < 0)
            return -1;
    }
    *format = (i < in->len && in->buf[i] == '{') ? FORMAT_JSONL : FORMAT_TEXT;
    return 0;
}

/* Open path (or standard input for "-") into in. Return 0, or -1 after
 * reporting the error. */
static int open_input(reader_ctx *r, const char *path, reader_input *in)
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
    in->size = S_ISREG(st.st_mode) ? (long long)st.st_size : -1;
    in->gz = gzdopen(fd, "rb");
    if (!in->gz) {
        _reader_diag(r, READER_ERROR, 0, "out of memory");
        close(fd);
        return -1;
    }
    /* Bigger buffers for big files; the default 8 KiB for briefs. */
    if (in->size < 0 || in->size > 65536)
        gzbuffer(in->gz, 128u * 1024u);
    return 0;
}

static int is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!brief_text_is_space((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Read a whole file of one or many briefs, then parse it. */
static reader_status read_whole(reader_ctx *r, reader_input *in, reader_format format)
{
    size_t limit = r->max_bytes;
    if (format == FORMAT_SGML)
        limit = limit > (SIZE_MAX - 2) / CONTAINER_FACTOR ? SIZE_MAX - 2 : limit * CONTAINER_FACTOR;
    unsigned long long total = 0;
    int rc = read_all(r, in, limit, &total);
    if (rc < 0) {
        r->counts.failed++;
        return READER_FAILED;
    }
    if (rc > 0) {
        report_too_big(r, limit, total);
        r->counts.skipped++;
        return READER_SKIPPED;
    }
    if (in->len == 0 || !in->buf)
        goto empty;
    if (format == FORMAT_SGML) {
        if (is_blank(in->buf, in->len))
            goto empty;
        return _reader_sgml(r, in->buf, in->len);
    }
    return _reader_text(r, in->buf, in->len);
empty:
    _reader_diag(r, READER_SKIP, 0, "empty file");
    r->counts.skipped++;
    return READER_SKIPPED;
}

/* Skip a file in a binary format (signature.h), judged by its first bytes
 * after decompression. Returns 1 when it is one (reported and counted), 0
 * when it is not, -1 after reporting a read error. */
static int skip_binary_format(reader_ctx *r, reader_input *in)
{
    if (in->len < SIGNATURE_HEAD_BYTES &&
        _reader_input_fill(r, in, SIGNATURE_HEAD_BYTES - in->len) < 0)
        return -1;
    const char *what = signature_binary_format(in->buf, in->len);
    if (!what)
        return 0;
    _reader_diag(r, READER_SKIP, 0, "%s%s, not a brief", what,
                 gzdirect(in->gz) ? "" : " (gzip-compressed)");
    r->counts.skipped++;
    return 1;
}

int reader_encoding_parse(const char *name, reader_encoding *out)
{
    static const struct {
        const char *name;
        reader_encoding encoding;
    } names[] = {
        {"auto", READER_ENCODING_AUTO},
        {"utf-8", READER_ENCODING_UTF8},
        {"utf8", READER_ENCODING_UTF8},
        {"windows-1252", READER_ENCODING_CP1252},
        {"cp1252", READER_ENCODING_CP1252},
        {"win-1252", READER_ENCODING_CP1252},
        {"latin-1", READER_ENCODING_CP1252},
        {"latin1", READER_ENCODING_CP1252},
        {"iso-8859-1", READER_ENCODING_CP1252},
        {"iso8859-1", READER_ENCODING_CP1252},
        {"l1", READER_ENCODING_CP1252},
    };
    for (size_t i = 0; name && i < sizeof names / sizeof *names; i++)
        if (strcasecmp(name, names[i].name) == 0) {
            *out = names[i].encoding;
            return 0;
        }
    return -1;
}

reader_status reader_read_file(const char *path, const reader_options *opts,
                               reader_brief_fn on_brief, reader_diag_fn on_diag, void *ctx,
                               reader_counts *counts)
{
    reader_ctx r = {
        .path = path ? path : "(null)",
        .max_bytes = opts && opts->max_bytes ? opts->max_bytes : READER_DEFAULT_MAX_BYTES,
        .encoding = opts ? opts->encoding : READER_ENCODING_AUTO,
        .on_brief = on_brief,
        .on_diag = on_diag,
        .ctx = ctx,
    };
    reader_input in = {.size = -1};
    reader_status status;
    if (!path || !*path) {
        _reader_diag(&r, READER_ERROR, 0, "no file name");
        r.counts.failed++;
        status = READER_FAILED;
        goto done;
    }
    if (open_input(&r, path, &in) < 0) {
        r.counts.failed++;
        status = READER_FAILED;
        goto done;
    }
    reader_format format = format_of(path);
    if (strcmp(path, "-") == 0 && sniff_stdin(&r, &in, &format) < 0) {
        r.counts.failed++;
        status = READER_FAILED;
        goto done;
    }
    int binary = skip_binary_format(&r, &in);
    if (binary != 0) {
        if (binary < 0)
            r.counts.failed++;
        status = binary < 0 ? READER_FAILED : READER_SKIPPED;
        goto done;
    }
    if (format == FORMAT_JSONL)
        status = _reader_jsonl(&r, &in);
    else
        status = read_whole(&r, &in, format);
done:
    if (in.gz)
        gzclose_r(in.gz);
    free(in.buf);
    if (counts)
        *counts = r.counts;
    return status;
}
