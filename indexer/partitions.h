/* partitions.h — a sharded index (brief-index --shards N): the layout on
 * disk, which shard a brief goes to, and the shards' databases open for
 * writing.
 *
 * Called "partitions" in the code, to keep them apart from the temporary
 * per-worker databases of a parallel first build (shards.h), which are merged
 * away; the user-facing word is "shards". A sharded index is a directory
 * that Xapian opens as one database:
 *
 *   INDEX/XAPIANDB      a Xapian stub file: "auto shard-00" … one line per
 *                       shard, resolved against INDEX (so brief-query -d
 *                       INDEX, quest and xapian-delve read all the briefs)
 *   INDEX/shard-NN/     the briefs whose id hashes to NN (hash_fnv1a(id) % N,
 *                       corpus/hash.h), each a Xapian database a user can
 *                       copy to another machine and serve with xapian-tcpsrv
 *   INDEX/filetable/    a Xapian database holding no document: the file
 *                       table (filetable.h) and N (PARTITIONS_KEY). Not in
 *                       the stub, so a search never sees it. Its write lock
 *                       is the index's lock.
 *
 * Every directory is marked as briefs' (index_dir.h). N is fixed when the
 * index is made: a run that asks for another N, or asks for shards on an
 * unsharded index, is refused (partitions_layout) rather than re-splitting.
 *
 * Crash safety: each shard commits on its own, so a run commits the shards
 * first and the file table last (indexer.c). A crash in between leaves briefs
 * the file table does not list yet: the next run reads those files again and
 * finds the briefs as they are (their version terms), or deletes what the
 * files no longer hold; every step is idempotent. The binding never commits
 * on its own (xapian-c.h), so nothing reaches the disk out of this order.
 */
#ifndef BRIEFS_PARTITIONS_H
#define BRIEFS_PARTITIONS_H

#include <stddef.h>

#include "xapian-c.h"

#define PARTITIONS_MAX 256
#define PARTITIONS_MAX_TEXT "256"
#define PARTITIONS_STUB "XAPIANDB"         /* Xapian's name for a stub in a directory */
#define PARTITIONS_FILETABLE "filetable"   /* INDEX/filetable */
#define PARTITIONS_KEY "briefs:shards"      /* N, in the file table database's metadata */

/* The shards of an index open for writing. */
typedef struct partitions {
    unsigned n;          /* 0: an unsharded index (one database) */
    xc_database **dbs;   /* dbs[0..n): writable, owned */
} partitions;

/* The shard of the brief with this id among n (n > 0): stable across runs
 * and machines. */
unsigned partitions_of(const char *id, unsigned n);

/* What layout the index at db_path has, or gets: *n is its number of shards,
 * 0 for an unsharded index. An index of ours holding a directory
 * PARTITIONS_FILETABLE is sharded. requested is --shards (0: not given): a new or
 * empty index gets requested; a sharded one keeps its recorded N (requested
 * must be 0 or N); an unsharded one takes no requested. Returns 0, or -1 with
 * a one-line reason in err[0..errlen) (a usage error: nothing was written). */
int partitions_layout(const char *db_path, unsigned requested, unsigned *n, char *err,
                      size_t errlen);

/* Write db_path/PARTITIONS_FILETABLE into out[0..len). Returns 0, or -1 when
 * it does not fit. */
int partitions_filetable_path(char *out, size_t len, const char *db_path);

/* Get db_path/PARTITIONS_FILETABLE ready as index_dir_prepare() does an
 * index directory (made and marked when missing, an empty one marked).
 * Returns 0, or -1 with a reason in err[0..errlen). */
int partitions_prepare(const char *db_path, char *err, size_t errlen);

/* With filetable (the file table database, open for writing: the index's
 * lock held): record n in it when it is not yet (committed at once), create
 * the missing shards (their directories got ready as by
 * index_dir_prepare()) and open all n for writing into
 * *p, and write the stub when it is missing. Returns 0, or -1 with a reason
 * in err[0..errlen) (*p is then closed). */
int partitions_open(partitions *p, const char *db_path, xc_database *filetable, unsigned n,
                    char *err, size_t errlen);

/* Commit every shard, in order. Returns 0, or -1 with the shard and reason
 * in err[0..errlen) (the shards before it are committed). */
int partitions_commit(partitions *p, char *err, size_t errlen);

/* Close and free the shards (what was not committed is lost). Accepts a
 * zeroed p. */
void partitions_close(partitions *p);

#endif
