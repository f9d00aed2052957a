/* reader.c — read one file as briefs: pick its format, then dispatch.
 *
 * What concerns the file as a whole lives here: the format, chosen by the
 * name, or for standard input by its first non-blank byte; files in a binary
 * format skipped by their signature; the size limit of a file read whole;
 * and the counting of files skipped or failed as a whole.  Opening and
 * reading the input, decoding and diagnostics are reader_input.c's; each
 * format is parsed by its own reader (reader_formats.h: reader_text.c,
 * reader_jsonl.c, reader_sgml.c).  reader.c depends on those two headers, on
 * brief_text.h and signature.h; no other corpus module calls into reader.c
 * (its callers are the tools, through reader.h), so there is no cycle.
 *
 * Counting: a file skipped or failed as a whole counts as one skipped or
 * failed brief, so that a caller summing the counts of many files sees it.
 */
#include "reader.h"

#include "reader_formats.h"
#include "reader_input.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "brief_text.h"
#include "bytesize.h"
#include "signature.h"

/* Container files (SGML) are read whole, up to this many times max_bytes. */
#define CONTAINER_FACTOR 64

typedef enum reader_format { FORMAT_TEXT, FORMAT_JSONL, FORMAT_SGML } reader_format;

/* Report a file too big to read. */
static void report_too_big(reader_ctx *r, size_t limit, unsigned long long total)
{
    char lim[32], got[32];
    bytesize_format(lim, sizeof lim, limit);
    if (total)
        bytesize_format(got, sizeof got, total);
    else
        bytesize_format(got, sizeof got, (unsigned long long)limit * 4);
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
        if (_reader_input_fill(r, in, READER_READ_CHUNK) < 0)
            return -1;
    }
    *format = (i < in->len && in->buf[i] == '{') ? FORMAT_JSONL : FORMAT_TEXT;
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
    int rc = _reader_input_read_all(r, in, limit, &total);
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
    return _reader_text(r, in);
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
    if (_reader_input_open(&r, path, &in) < 0) {
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
    _reader_input_close(&in);
    if (counts)
        *counts = r.counts;
    return status;
}
