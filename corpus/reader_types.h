/* reader_types.h — the types of the reader's interface (reader.h): the
 * options, the callbacks a file's briefs and problems go to, the statuses
 * and the counts.  A header of its own because the format readers' toolkit
 * (reader_input.h) needs them too, and reader.c uses that toolkit: with the
 * types in reader.h the two would include each other. */
#ifndef BRIEFS_READER_TYPES_H
#define BRIEFS_READER_TYPES_H

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

#endif
