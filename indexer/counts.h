/* counts.h — what a run of the indexer counted, filled by indexer_run and
 * by the change detection it calls (changes.h), which the summary line
 * reports.  A header of its own so that changes.h need not include
 * indexer.h, whose indexer.c includes changes.h. */
#ifndef BRIEFS_COUNTS_H
#define BRIEFS_COUNTS_H

typedef struct indexer_counts {
    unsigned long added;      /* briefs new to the index */
    unsigned long updated;    /* briefs written again: their content changed (or --full) */
    unsigned long briefs_unchanged; /* briefs the index already holds as they are: of
                                 the files read, and listed for the files not read */
    unsigned long deleted;    /* briefs whose file is gone or no longer holds them */
    unsigned long unchanged;  /* files not read again: same size and mtime, or same bytes */
    unsigned long skipped;    /* briefs or files skipped on purpose (empty, binary, too large) */
    unsigned long failed;     /* briefs or files that could not be read or indexed */
    unsigned long files;      /* files looked at */
    double seconds;           /* wall time of the run */
} indexer_counts;

#endif
