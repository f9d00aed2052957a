/* shards.h — the parallel first build of an empty index.
 *
 * Filling a new index is the one time every brief is new, so the work can be
 * split without any brief needing another's shard: each of N worker threads
 * owns a shard database and a brief_writer on it (extraction, term
 * generation, Xapian's inverter all run in the worker), and the main thread
 * walks and reads the files and hands each brief to the worker its id hashes
 * to (two briefs with one id meet in one shard, where the later replaces the
 * earlier, as in a serial run).
 *
 * At the end shards_merge() compacts the new file table (written by the main
 * thread into a database of its own) and the shards into a new database beside the index
 * (Xapian's compaction, as xapian-compact does) and swaps the two directories
 * in one atomic rename (RENAME_EXCHANGE): a reader or a crash sees the empty
 * index or the full one, never a part. Only an index directory that briefs
 * made, holding only what briefs made, is swapped, and every directory of
 * the build is marked as ours (index_dir.h): a clean-up removes only those.  A worker starts a new shard every
 * 25,000 briefs (BRIEFS_SHARD_BRIEFS in the environment overrides it): Xapian
 * writes a small database faster, and compaction merges many as fast as few.
 * The shards live in a directory inside
 * the index, removed with the old index after the swap; a crash before the
 * swap leaves the index empty, and the next run starts over.
 */
#ifndef BRIEFS_SHARDS_H
#define BRIEFS_SHARDS_H

#include "brief.h"
#include "document.h"
#include "extract.h"
#include "writer.h"

typedef struct shard_pool shard_pool;

/* What became of one brief, reported from the worker's thread (so the
 * function must be thread-safe: it may only print). err is "" unless res is
 * WRITE_FAILED or WRITE_FATAL. */
typedef void (*shard_written_fn)(void *ctx, const brief *b, const char *id,
                                 write_result res, const char *err);

/* Briefs written by the workers so far. */
typedef struct shard_counts {
    unsigned long added, updated, failed;
} shard_counts;

/* Remove what a crashed parallel build of the index at index_dir left: its
 * shard directory inside the index, and the old index or an unfinished merge
 * beside it (index_dir.merging, index_dir.merging.old), each only when marked
 * scratch (index_dir.h), and what a clean-up cut short left inside the index
 * (index_dir/.removing, where each goes to be removed). Call with the index's
 * write lock held. Errors are ignored: a leftover only costs disk space. */
void shards_remove_leftovers(const char *index_dir);

/* Non-zero when a merged index can be made beside index_dir and swapped in:
 * briefs made the directory index_dir (marked directory), it holds nothing
 * else, nothing is at index_dir.merging (or .merging.old), and the directory
 * holding it is writable. */
int shards_can_swap(const char *index_dir);

/* Create the shard databases in a fresh directory inside index_dir (an
 * existing index, which should be empty, and for which shards_can_swap() said
 * yes) and start jobs worker threads, which
 * share extractor ex. Returns 0, or -1 with a message in err[0..errlen). */
int shards_start(shard_pool **out, const char *index_dir, int jobs, const extractor *ex,
                 shard_written_fn on_written, void *ctx, char *err, size_t errlen);

/* The database the main thread writes the new file table into (and deletes
 * from, which in an empty index finds nothing): the index itself is left
 * untouched until shards_merge(), so that a crash leaves it empty, with no
 * file table claiming files whose briefs were lost. Owned by p; the caller
 * commits it before shards_merge(). */
xc_database *shards_meta(shard_pool *p);

/* Hand brief b, to be indexed under id, to its worker: its fields are moved
 * out (b is left empty) and the stamp is copied. Blocks while that worker's
 * queue is full. Returns 0, or -1 when memory runs out or a worker could not
 * write its shard (shards_failed). */
int shards_submit(shard_pool *p, brief *b, const char *id, const file_stamp *stamp);

/* Non-zero once a worker could not write its shard: the build cannot finish. */
int shards_failed(shard_pool *p);

/* The workers' counts so far (safe while they run). */
shard_counts shards_counts(shard_pool *p);

/* Let the workers write what is queued, share the spelling words out between
 * the shards (each word to one), and have the workers commit their shards
 * side by side and stop. Returns 0, or -1 with a message in err[0..errlen). */
int shards_finish(shard_pool *p, char *err, size_t errlen);

/* After shards_finish() and a commit of shards_meta(): merge the file table
 * and the shards into a new database and put it in the index's place. The
 * caller must still hold the index's write lock (its handle open, nothing
 * written), and close that handle afterwards: it then holds the old, empty
 * index, which shards_destroy() removes. Fails, and moves nothing, when the
 * index directory holds a file that briefs did not make (put there during
 * the build).
 * Returns 0, or -1 with a message in err[0..errlen) (the index is then as it
 * was: empty). */
int shards_merge(shard_pool *p, char *err, size_t errlen);

/* Stop the workers if they still run, remove the shards (after a merge: the
 * old, empty index with them) and free p. What was not merged is lost.
 * Accepts NULL. */
void shards_destroy(shard_pool *p);

#endif
