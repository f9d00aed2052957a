/* open_index.c — open the indexes, trying again while a writer commits. See open_index.h. */
#include "open_index.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Tries at opening the indexes while a writer may be committing. */
#define OPEN_ATTEMPTS 5

xc_status open_index_shards(const char *const *paths, size_t n, const shards_options *o,
                            shard_set **out, size_t *failed, char *err, size_t errlen)
{
    xc_status st = XC_OK;
    for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
        st = shards_open(paths, n, o, out, failed, err, errlen);
        if (st != XC_DATABASE_CORRUPT && st != XC_DATABASE_MODIFIED)
            break;
        nanosleep(&(struct timespec){.tv_nsec = 10 * 1000 * 1000}, NULL);
    }
    return st;
}

xc_status open_index(const char *const *paths, size_t n, xc_database **db, size_t *failed,
                     char **errmsg)
{
    shards_options o = {0};
    shard_set *s = NULL;
    char err[1024];
    *db = NULL;
    *errmsg = NULL;
    xc_status st = open_index_shards(paths, n, &o, &s, failed, err, sizeof err);
    if (st != XC_OK) {
        /* The caller names paths[*failed] itself. */
        size_t len = strlen(paths[*failed]);
        const char *msg = err;
        if (strncmp(err, paths[*failed], len) == 0 && strncmp(err + len, ": ", 2) == 0)
            msg = err + len + 2;
        *errmsg = strdup(msg);
        return st;
    }
    *db = shards_take_database(s);
    shards_destroy(s);
    return XC_OK;
}
