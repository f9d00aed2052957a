/* reader_input.h — what every format reader reads with and reports through:
 * the state of reading one file (reader_ctx), its input read through zlib
 * (reader_input), decoding its text as the chosen encoding says, its
 * diagnostics, and handing its briefs to the caller.
 *
 * Not a public interface: only the corpus library includes it.  The arrows:
 *
 *   reader.c ──► reader_formats.h ──► reader_text.c, reader_jsonl.c, reader_sgml.c
 *      │                                   │            │             │
 *      └─────────────► reader_input.c ◄────┴────────────┴─────────────┘
 *                                          (and brief_text.c for the field rules)
 *
 * reader.c opens the file (with this module), picks the format and calls
 * that format's reader (reader_formats.h); the format readers use this module
 * and brief_text.h, never reader.c nor one another; this module uses neither
 * reader.c nor a format reader.
 */
#ifndef BRIEFS_READER_INPUT_H
#define BRIEFS_READER_INPUT_H

#include <stddef.h>
#include <zlib.h>

#include "reader_types.h"

/* How much to read at a time when the size is not known. */
#define READER_READ_CHUNK (256u * 1024u)

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

/* An open input, read through zlib, with bytes already read ahead.  A
 * reader_input set to {.size = -1} is closed; _reader_input_close() leaves it
 * so. */
typedef struct reader_input {
    gzFile gz;
    char *buf;        /* read-ahead: buf[pos..len) not consumed yet; buf[len] is a
                         NUL once anything has been read */
    size_t pos, len, cap;
    int eof;          /* gzread has returned 0 */
    long long size;   /* the file's size when it is a regular uncompressed file, else -1 */
} reader_input;

/* ===== diagnostics and briefs ===== */

/* Report a problem (printf-style message, one line: control characters become
 * spaces) through r's diagnostic callback, when it has one.  Counts nothing. */
void _reader_diag(reader_ctx *r, reader_diag_level level, long ordinal, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Hand b to the brief callback (filling in path, and an empty title or body
 * where b has none), count it, then clear b.  Return 0 to go on, 1 when the
 * callback asked to stop.  When memory runs out, b is reported, counted as
 * failed and cleared, and 0 is returned. */
int _reader_emit(reader_ctx *r, brief *b);


/* ===== the input ===== */

/* Open path (standard input for "-") into in, a closed input, ready to be
 * read through zlib.  Return 0, or -1 after reporting the error (a directory
 * is one); in is then still closed.  Counts nothing. */
int _reader_input_open(reader_ctx *r, const char *path, reader_input *in);

/* Read more of in: append up to want bytes to in->buf (NUL-terminated
 * after).  Return the number of bytes appended (0 at the end of the input),
 * or -1 after reporting a read or decompression error or running out of
 * memory.  Counts nothing. */
long _reader_input_fill(reader_ctx *r, reader_input *in, size_t want);

/* Read the rest of in into in->buf.  Return 0 when it is all there, -1 after
 * reporting an error, or 1 when the input holds more than limit bytes: then
 * *total receives its size, or 0 when only "more than 4 × limit" is known
 * (the rest is read without being kept, up to that point).  Counts nothing. */
int _reader_input_read_all(reader_ctx *r, reader_input *in, size_t limit,
                           unsigned long long *total);

/* Keep only in->buf[pos..len), the bytes not consumed yet, in a buffer of
 * their own size (READER_READ_CHUNK at least), when the buffer held a line
 * or a file of more than 4 chunks: a brief of 16 MiB, once parsed, is then
 * not held twice while it is indexed.  When memory runs out, in stays as it
 * was.  Cannot fail otherwise. */
void _reader_input_shrink(reader_input *in);

/* Hand over in's buffer to the caller, who frees it: in holds nothing
 * afterwards (its bytes were all consumed).  Returns the buffer, or NULL when
 * there is none. */
char *_reader_input_take(reader_input *in);

/* Close in and free its buffer, leaving it closed.  Accepts a closed input. */
void _reader_input_close(reader_input *in);

/* ===== decoding ===== */

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
 * when memory runs out (reported, not counted). */
int _reader_clean_text(reader_ctx *r, long ordinal, const char *label, char **s,
                       size_t *len, char **owned);

#endif
