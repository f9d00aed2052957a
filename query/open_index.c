/* open_index.c — open the indexes, trying again while a writer commits. See open_index.h. */
#include "open_index.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Tries at opening the indexes while a writer may be committing. */
#define OPEN_ATTEMPTS 5

/* Open every path into *db once. */
static xc_status open_once(const char *const *paths, size_t n, xc_database **db,
                           size_t *failed, char **errmsg)
{
    *failed = 0;
    xc_status st = xc_database_open(paths[0], db, errmsg);
    for (size_t i = 1; st == XC_OK && i < n; i++) {
        st = xc_database_add(*db, paths[i]);
        if (st != XC_OK) {
            *failed = i;
            *errmsg = strdup(xc_database_error(*db));
            xc_database_destroy(*db);
            *db = NULL;
        }
    }
    return st;
}

xc_status open_index(const char *const *paths, size_t n, xc_database **db, size_t *failed,
                     char **errmsg)
{
    xc_status st = XC_OK;
    *errmsg = NULL;
    for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
        free(*errmsg);
        *errmsg = NULL;
        st = open_once(paths, n, db, failed, errmsg);
        if (st != XC_DATABASE_CORRUPT && st != XC_DATABASE_MODIFIED)
            break;
        nanosleep(&(struct timespec){.tv_nsec = 10 * 1000 * 1000}, NULL);
    }
    return st;
}
