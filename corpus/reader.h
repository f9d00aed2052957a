/* reader.h — turn one file into brief records.
 *
 * The reader picks the format from the file's name and content:
 *   *.jsonl, *.jsonl.gz      JSON Lines, one brief per line      (reader_jsonl.c)
 *   *.sgm, *.sgm.gz          Reuters-21578 SGML, one per story   (reader_sgml.c)
 *   anything else            one plain-text brief, optional header (reader_text.c)
 * Compressed input is recognised by gzip's magic bytes, whatever the name, and
 * read through zlib.  Files in well-known binary formats (PDF, ZIP, images,
 * executables: signature.h) are skipped, whatever their name, compressed or
 * not.
 *
 * Encoding (reader_options.encoding): by default, text that is not valid
 * UTF-8 — a plain brief, a JSON line, an SGML story — is read as Windows-1252
 * (of which Latin-1 is a subset) when most of its bytes above 0x7F form no
 * UTF-8 sequence, with the warning "not UTF-8; read as Windows-1252" (once per
 * file); otherwise it is damaged UTF-8, and each bad byte becomes U+FFFD, with
 * a warning as well.
 *
 * Problems are reported through the diagnostic callback, one line each, always
 * naming the file (and the line or story for multi-brief files); the reader
 * never prints.
 */
#ifndef BRIEFS_READER_H
#define BRIEFS_READER_H

#include <stddef.h>
#include "brief.h"

#define READER_DEFAULT_MAX_BYTES (16u * 1024u * 1024u)

typedef enum reader_diag_level {
    READER_WARNING, /* the brief was read, but something was repaired or ignored */
    READER_SKIP,    /* a brief (or the whole file) was skipped on purpose: empty,
                       binary, too large */
    READER_ERROR    /* a brief (or the whole file) could not be read: I/O error,
                       malformed JSON line, … */
} reader_diag_level;

/* Called for each problem. path is the file; ordinal the 1-based line or story
 * (0 when the problem concerns the whole file); message has no trailing newline
 * and does not repeat the path. */
typedef void (*reader_diag_fn)(void *ctx, reader_diag_level level, const char *path,
                               long ordinal, const char *message);

/* Called for each brief read. The record is borrowed: valid only during the call
 * (the callee may move fields out of it, setting them to NULL). Return 0 to go
 * on, non-zero to stop reading (reader_read_file then returns READER_STOPPED). */
typedef int (*reader_brief_fn)(void *ctx, brief *b);

typedef enum reader_encoding {
    READER_ENCODING_AUTO = 0, /* UTF-8, else Windows-1252 or repaired (above) */
    READER_ENCODING_UTF8,     /* UTF-8; bad bytes are repaired (U+FFFD) */
    READER_ENCODING_CP1252    /* Windows-1252 (Latin-1), always; no warning */
} reader_encoding;

typedef struct reader_options {
    size_t max_bytes; /* a plain brief, a JSON line or a story larger than this
                         (after decompression) is skipped; 0 means the default */
    reader_encoding encoding;
} reader_options;

/* Set *out to the encoding called name: "auto", "utf-8" (or "utf8"),
 * "windows-1252" ("cp1252", "win-1252"), "latin-1" ("latin1", "iso-8859-1",
 * "iso8859-1", "l1": read as Windows-1252, its superset, as web browsers do);
 * case does not matter.  Return 0, or -1 when the name is none of these. */
int reader_encoding_parse(const char *name, reader_encoding *out);

typedef enum reader_status {
    READER_OK = 0,      /* the file was read; some briefs may have been reported */
    READER_SKIPPED,     /* the whole file was skipped (empty, binary, too large) */
    READER_FAILED,      /* the whole file could not be read (missing, I/O, corrupt gzip) */
    READER_STOPPED      /* the brief callback asked to stop */
} reader_status;

typedef struct reader_counts {
    unsigned long briefs;   /* briefs handed to the callback */
    unsigned long skipped;  /* briefs skipped on purpose */
    unsigned long failed;   /* briefs that could not be read */
} reader_counts;

/* Write a size for people into out (of out_size bytes): "16 MiB",
 * "20.3 MiB", "512 bytes", as the reader's messages say them.  Cannot fail;
 * the text is cut to fit. */
void reader_format_size(char *out, size_t out_size, unsigned long long bytes);

/* Read every brief of the file at path ("-" reads standard input as one plain
 * brief, or as JSON Lines when its first non-blank byte is '{').  counts, when
 * not NULL, receives what was read.  opts may be NULL (defaults). */
reader_status reader_read_file(const char *path, const reader_options *opts,
                               reader_brief_fn on_brief, reader_diag_fn on_diag,
                               void *ctx, reader_counts *counts);

#endif
