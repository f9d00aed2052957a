/* writer.h — write one brief into one database: find its people and
 * countries, build its document, replace it by id, count its spelling words
 * and remember how it writes names the gazetteer does not know.
 *
 * The serial run has one writer on the index; a parallel first build
 * (shards.h) has one per worker thread, each on its own shard.  A writer is
 * used by one thread at a time; the extractor may be shared (it is read-only).
 */
#ifndef BRIEFS_WRITER_H
#define BRIEFS_WRITER_H

#include <stddef.h>

#include "brief.h"
#include "document.h"
#include "extract.h"
#include "xapian-c.h"

typedef struct brief_writer {
    xc_database *db;          /* writable; not owned */
    const extractor *ex;      /* not owned */
    xc_termgen *tg;           /* owned */
    xc_database *const *names_to; /* in a sharded index (partitions.h): every
                                 shard, where the display names of people go
                                 too, so that each shard shows them (NULL: db) */
    unsigned nnames_to;
} brief_writer;

typedef enum write_result {
    WRITE_ADDED,    /* the id was new to the database */
    WRITE_UPDATED,  /* a brief with this id was replaced */
    WRITE_FAILED,   /* this brief could not be indexed; the database is fine */
    WRITE_FATAL     /* the database could not be written: stop the run */
} write_result;

/* Set up w to write into db with extractor ex (stemming as the schema says).
 * Returns 0, or -1 with a message in err[0..errlen). */
int brief_writer_init(brief_writer *w, xc_database *db, const extractor *ex, char *err,
                      size_t errlen);

/* Free what w owns (not its database or extractor). Accepts a zeroed w. */
void brief_writer_clear(brief_writer *w);

/* Say, as a warning of b's file and ordinal, when only the first scanned
 * bytes of b's body were scanned for people and countries
 * (EXTRACT_MAX_TEXT), or only the first indexed bytes had their words
 * indexed (DOCUMENT_MAX_TERMS): nothing when both are its length. */
void brief_writer_warn_long(const brief *b, size_t scanned, size_t indexed);

/* Index brief b under id, its file stamp recorded in the document.  On
 * WRITE_FAILED and WRITE_FATAL the reason is in err[0..errlen). Nothing is
 * committed.  A body longer than its bounds is warned about
 * (brief_writer_warn_cut). */
write_result brief_writer_write(brief_writer *w, const brief *b, const char *id,
                                const file_stamp *stamp, char *err, size_t errlen);

#endif
