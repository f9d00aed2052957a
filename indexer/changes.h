/* changes.h — change detection: which files, and which briefs of them, the
 * index does not hold as they are now; the briefs to delete; the briefs to
 * read again from another file.
 *
 * The file table (filetable.h) keeps each file's size, mtime, content hash
 * and brief ids in the index's user metadata, written after the file's
 * briefs in the same transaction, so that a commit never holds one without
 * the other. For each file the walk meets, changes_check_file() decides:
 * same size and mtime: unchanged, not read. Else the bytes are hashed: same
 * hash, only the stamp is updated; else the file is read again
 * (FILE_TO_READ), and of its briefs only those the index does not hold as
 * they are are written: each document carries a term naming its version
 * (document_version_term: a hash of its id, file and fields), and one lookup
 * tells (changes_brief_unchanged). Once the file is read, the ids it no
 * longer holds are deleted and its entry is recorded (changes_file_read).
 * After the walk, the entries of files under the roots that were not met are
 * deleted with their briefs (changes_delete_vanished), and a brief deleted
 * that another file still holds is read again from there
 * (changes_restore_dropped).
 *
 * Change detection does not commit: the run (indexer.c) commits in batches,
 * counting the deletions made here (changes.uncommitted).
 */
#ifndef BRIEFS_CHANGES_H
#define BRIEFS_CHANGES_H

#include <signal.h>
#include <sys/stat.h>

#include "brief.h"
#include "counts.h"
#include "filetable.h"
#include "reader.h"
#include "strset.h"
#include "walk.h"
#include "xapian-c.h"

/* Change detection in one run. The caller fills the first fields
 * (designated initialisers: the sets start empty) and frees the sets with
 * changes_clear(). */
typedef struct changes {
    xc_database *db;            /* the file table and the briefs: the index, or
                                   in a parallel build shards_meta() */
    xc_database *const *shards; /* a sharded index (partitions.h): the briefs
                                   are in shards[partitions_of(id, nshards)],
                                   db holds only the file table; NULL: in db */
    unsigned nshards;
    const char *db_path;        /* the index, as messages name it */
    int full;                   /* --full: every file and brief changed */
    indexer_counts *counts;     /* counted here: unchanged, briefs_unchanged,
                                   deleted, and failed for a file that cannot
                                   be hashed */
    unsigned long *uncommitted; /* the run's count of changes since its last
                                   commit: each deletion adds one */
    const volatile sig_atomic_t *stop; /* non-zero: stop (a signal) */

    strset seen;                /* file table keys of the files met */
    strset claimed;             /* ids written in this run: never deleted by it */
    strset dropped;             /* ids deleted in this run: restored when another
                                   file still holds them */
} changes;

/* A file the walk met: what the index knew of it and what it holds now. */
typedef struct file_change {
    char key[FILETABLE_MAX_KEY + 1]; /* its file table key */
    file_entry old;                  /* its entry when it was last read (empty: none) */
    file_entry now;                  /* its new entry: stamp, hash, and the ids of
                                        its briefs as they are claimed */
} file_change;

typedef enum file_verdict {
    FILE_MET_BEFORE, /* met before in this run (two roots, a link): nothing to do */
    FILE_DONE,       /* nothing to read: unchanged (counted; a new stamp recorded
                        when only the stamp changed), or its bytes could not be
                        read (said, counted as failed; its briefs are kept) */
    FILE_TO_READ,    /* new or changed, or --full: read it, claim the ids of its
                        briefs into fc->now, then changes_file_read() */
    FILE_STOP        /* the index could not be read or written, or memory ran
                        out: the run must stop (said, but for a copy of the path
                        that memory was short for) */
} file_verdict;

/* Decide what to do with the regular file at path (as the walk gave it, for
 * messages), whose canonical path is canonical and stat st. *fc is always
 * set: clear it with file_change_clear() when done. */
file_verdict changes_check_file(changes *ch, const char *path, const char *canonical,
                                const struct stat *st, file_change *fc);

/* Free what fc holds. */
void file_change_clear(file_change *fc);

/* Remember that this run writes the brief with this id: entry (the file's new
 * entry, fc->now; NULL when the file's entry lists it already) lists it, and no
 * deletion of this run removes it. Returns 0, or -1 when memory runs out
 * (not said). */
int changes_claim(changes *ch, file_entry *entry, const char *id);

/* Whether the index holds brief b, to be indexed under id from the file at
 * path, as it is now (its version term; never with full): 1 yes, then it is
 * counted (briefs_unchanged) and claimed into entry as changes_claim() does;
 * 0 no: write it; -1 the index could not be read or memory ran out (said). */
int changes_brief_unchanged(changes *ch, file_entry *entry, const brief *b, const char *id,
                            const char *path);

/* The file of fc was read to its end, and no brief of it failed: delete the
 * briefs its old entry lists and it holds no more, and record its new entry.
 * (A file cut short is not recorded, so the next run reads it again.) Returns
 * 0, or -1 when the index could not be written (said) or memory ran out. */
int changes_file_read(changes *ch, file_change *fc);

/* Called between two files' entries, after a file's deletions: commit when a
 * batch is due. Returns 0, or -1 when the commit failed (said). */
typedef int (*changes_commit_fn)(void *ctx);

/* After a walk that met every file under roots[0..nroots) (absolute paths,
 * no symbolic links): delete the entries, and the briefs, of files under a
 * root that were not met, when they are gone or when filter now leaves them
 * out (the index holds what the command line selects); one still there and
 * selected (a hidden file once given as a root) is kept. commit(ctx) is
 * called after each file's. Stops early when *ch->stop. Returns 0, or -1
 * when the index could not be read or written (said, but for a file table
 * entry that could not be read or cleared) or memory ran out. */
int changes_delete_vanished(changes *ch, char *const *roots, int nroots, const walk_filter *filter,
                            changes_commit_fn commit, void *ctx);

/* Index brief b, read again from the file at path (stat st): the run writes
 * it as any brief. Returns 0, or -1 when the index could not be written. */
typedef int (*changes_index_fn)(void *ctx, brief *b, const char *path, const struct stat *st);

/* An id can be in two files; the index holds the brief from the file read
 * last, and both files' entries list the id. For each brief this run deleted
 * (its file dropped it, or is gone) and did not write since, read again the
 * files (not read in this run) whose entries list it, with ro, and index
 * those briefs with index(ctx, …), so that the brief is not lost; each is
 * counted as updated, not as deleted and added. Stops early when *ch->stop.
 * Returns 0, or -1 when the index could not be read or written (said, as for
 * changes_delete_vanished) or memory ran out. */
int changes_restore_dropped(changes *ch, const reader_options *ro, changes_index_fn index,
                            void *ctx);

/* Free the sets. Accepts a zeroed changes. */
void changes_clear(changes *ch);

#endif
