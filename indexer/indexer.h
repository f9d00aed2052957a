/* indexer.h — one indexing run: walk the roots, read, extract, index, commit. */
#ifndef BRIEFS_INDEXER_H
#define BRIEFS_INDEXER_H

#include <stddef.h>

#include "counts.h"
#include "exits.h"
#include "progress.h"
#include "reader.h"
#include "walk.h"

typedef struct indexer_options {
    const char *db_path;      /* the index directory (created when missing) */
    size_t max_bytes;         /* reader limit; 0: the default */
    reader_encoding encoding; /* how text that is not UTF-8 is read (reader.h) */
    walk_filter filter;       /* --include, --exclude: the files indexed (walk.h) */
    unsigned batch_briefs;    /* commit after this many briefs (0: only at the end) */
    double batch_seconds;     /* … or after this many seconds (0: no time bound) */
    double wait_seconds;      /* wait this long for another writer's lock */
    int full;                 /* reindex every file, changed or not */
    int jobs;                 /* worker threads for the first build of an empty
                                 index (shards.h); below 2: one thread */
    unsigned shards;          /* --shards: a sharded index of this many shards
                                 (partitions.h); 0: as the index is (a new one:
                                 unsharded) */
    progress_mode progress;   /* show the progress on stderr (progress.h) */
    double progress_seconds;  /* PROGRESS_LINES: every this many seconds */
    int quiet;                /* print errors only */
    int verbose;              /* print each file */
} indexer_options;

/* Index every file under roots[0..nroots) (NULL-terminated as well) that
 * opts->filter selects into opts->db_path, only the files that changed since
 * the index last read them, and of those only the briefs that changed (unless
 * opts->full: then every brief of every file), and delete the briefs of files
 * under the roots that are gone or that the filter now leaves out (not when
 * the walk met an error: a directory it could not read is not a deleted one).
 * Diagnostics go to stderr, one line each, naming the file (report.h, set
 * up from opts->quiet, opts->verbose and the progress for the run, and put
 * back as they were on return).
 * Fills *counts and returns the exit status: EXIT_DONE, EXIT_SOME_FAILED,
 * EXIT_IO (nothing or only part was committed: the message says which),
 * EXIT_LOCKED, EXIT_INTERRUPTED, EXIT_USAGE (opts->shards does not fit the
 * index: said, nothing written). */
int indexer_run(const indexer_options *opts, char *const *roots, int nroots,
                indexer_counts *counts);

/* Ask a running indexer_run to commit what it has done and return (safe to
 * call from a signal handler). */
void indexer_request_stop(void);

#endif
