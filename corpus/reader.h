/* reader.h — turn one file into brief records.
 *
 * The reader picks the format from the file's name and content:
 *   *.jsonl, *.jsonl.gz      JSON Lines, one brief per line      (reader_jsonl.c)
 *   *.sgm, *.sgm.gz          Reuters-21578 SGML, one per story   (reader_sgml.c)
 *   anything else            one plain-text brief, optional header (reader_text.c)
 * Compressed input is recognised by gzip's magic bytes, whatever the name, and
 * read through zlib.  Text that is not valid UTF-8 is repaired (each bad byte
 * becomes U+FFFD) and a warning says so.
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

typedef struct reader_options {
    size_t max_bytes; /* a plain brief, a JSON line or a story larger than this
                         (after decompression) is skipped; 0 means the default */
} reader_options;

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

/* Read every brief of the file at path ("-" reads standard input as one plain
 * brief, or as JSON Lines when its first non-blank byte is '{').  counts, when
 * not NULL, receives what was read.  opts may be NULL (defaults). */
reader_status reader_read_file(const char *path, const reader_options *opts,
                               reader_brief_fn on_brief, reader_diag_fn on_diag,
                               void *ctx, reader_counts *counts);

#endif
