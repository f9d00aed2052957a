/* open_index.h — open the indexes to search as one read-only handle, as both
 * brief-query and brief-serve do: indexes, and stubs of local and remote
 * shards (shards.h). */
#ifndef BRIEFS_OPEN_INDEX_H
#define BRIEFS_OPEN_INDEX_H

#include <stddef.h>

#include "shards.h"
#include "xapian-c.h"

/* shards_open (shards.h), tried again a few times, 10 ms apart, while a
 * local shard looks corrupt or modified: an index opened while a writer
 * commits can look so for a moment (glass: "Expected block N to be level
 * 1"). As shards_open otherwise. */
xc_status open_index_shards(const char *const *paths, size_t n, const shards_options *o,
                            shard_set **out, size_t *failed, char *err, size_t errlen);

/* Open paths[0..n) (n >= 1) as one read-only handle, as open_index_shards
 * with no partial answers and Xapian's remote timeouts. On success set *db
 * and return XC_OK. On failure set *db to NULL, *failed to the index in
 * paths of the one that could not be opened, *errmsg to a malloc'd message
 * (after "PATH: "; may be NULL when memory runs out; the caller frees it),
 * and return the status (XC_DATABASE_NOT_FOUND: nothing there). */
xc_status open_index(const char *const *paths, size_t n, xc_database **db, size_t *failed,
                     char **errmsg);

#endif
