/* open_index.h — open the indexes to search as one read-only handle, as both
 * brief-query and brief-serve do. */
#ifndef BRIEFS_OPEN_INDEX_H
#define BRIEFS_OPEN_INDEX_H

#include <stddef.h>

#include "xapian-c.h"

/* Open paths[0..n) (n >= 1) as one read-only handle. An index opened while a
 * writer commits can look corrupt or modified for a moment (glass: "Expected
 * block N to be level 1"): such an open is tried again a few times, 10 ms
 * apart, before it counts as a failure. On success set *db and return XC_OK.
 * On failure set *db to NULL, *failed to the index in paths of the one that
 * could not be opened, *errmsg to a malloc'd message (may be NULL when memory
 * runs out; the caller frees it), and return the status
 * (XC_DATABASE_NOT_FOUND: nothing there). */
xc_status open_index(const char *const *paths, size_t n, xc_database **db, size_t *failed,
                     char **errmsg);

#endif
