/* reader_int.h — what reader.c shares with the format readers
 * (reader_text.c, reader_jsonl.c, reader_sgml.c).  Not a public interface:
 * only the corpus library includes it.
 */
#ifndef BRIEFS_READER_INT_H
#define BRIEFS_READER_INT_H

#include <stddef.h>
#include <zlib.h>

#include "reader.h"

/* The state of reading one file. */
typedef struct reader_ctx {
    const char *path;          /* as given; "-" for standard input */
    size_t max_bytes;          /* never 0 */
    reader_encoding encoding;
    int said_cp1252;           /* "read as Windows-1252" was said for this file */
    reader_brief_fn on_brief;  /* may be NULL */
    reader_diag_fn on_diag;    /* may be NULL */
    void *ctx;
    reader_counts counts;
} reader_ctx;

/* An open input, read through zlib, with bytes already read ahead. */
typedef struct reader_input {
    gzFile gz;
    char *buf;        /* read-ahead: buf[pos..len) not consumed yet */
    size_t pos, len, cap;
    int eof;          /* gzread has returned 0 */
    long long size;   /* the file's size when it is a regular uncompressed file, else -1 */
} reader_input;

/* ===== reader.c ===== */

/* Report a problem (printf-style message, one line) through the callback. */
void _reader_diag(reader_ctx *r, reader_diag_level level, long ordinal, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Hand b to the brief callback (filling in path), count it, then clear b.
 * Return 0 to go on, 1 when the callback asked to stop. */
int _reader_emit(reader_ctx *r, brief *b);

/* Read more of in: append up to want bytes to in->buf.  Return the number of
 * bytes appended (0 at the end of the input), or -1 after reporting a read or
 * decompression error or running out of memory. */
long _reader_input_fill(reader_ctx *r, reader_input *in, size_t want);

/* Write a size for people: "16 MiB", "20.3 MiB", "512 bytes". */
void _reader_format_size(char *out, size_t out_size, unsigned long long bytes);

/* ===== decoding (reader_text.c) ===== */

/* Make s[0..len) valid UTF-8 as r->encoding says (reader.h): when it is
 * already, set *out to NULL; else set *out to a new NUL-terminated buffer
 * (the caller frees it) and *out_len to its length, holding s read as
 * Windows-1252 or repaired, and report it as a warning for ordinal with the
 * given label (e.g. "" or "reuters-17: ").  Return 0, or -1 when memory runs
 * out (reported, not counted). */
int _reader_decode(reader_ctx *r, long ordinal, const char *label, const char *s, size_t len,
                   char **out, size_t *out_len);

/* Make s[0..*len) fit for a brief: decode it (_reader_decode), then normalise
 * line ends and control characters.  *s may be replaced by a
 * new buffer: then *owned receives it (the caller frees it).  Return 0, or -1
 * when memory runs out (reported). */
int _reader_clean_text(reader_ctx *r, long ordinal, const char *label, char **s,
                       size_t *len, char **owned);

/* ===== the format readers ===== */

/* One plain brief from buf[0..len) (the whole file; buf is modified and
 * remains the caller's; buf[len] is writable). */
reader_status _reader_text(reader_ctx *r, char *buf, size_t len);

/* Every brief of a JSON Lines input, streamed line by line. */
reader_status _reader_jsonl(reader_ctx *r, reader_input *in);

/* Every story of a Reuters-21578 SGML file held in buf[0..len) (buf[len] is
 * a NUL); buf remains the caller's. */
reader_status _reader_sgml(reader_ctx *r, char *buf, size_t len);

#endif
