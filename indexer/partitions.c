/* partitions.c — a sharded index. See partitions.h. */
#include "partitions.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "hash.h"
#include "index_dir.h"

unsigned partitions_of(const char *id, unsigned n)
{
    return (unsigned)(hash_fnv1a(id) % (uint64_t)n);
}

static int join(char *out, size_t len, const char *dir, const char *name)
{
    return snprintf(out, len, "%s/%s", dir, name) < (int)len ? 0 : -1;
}

int partitions_filetable_path(char *out, size_t len, const char *db_path)
{
    return join(out, len, db_path, PARTITIONS_FILETABLE);
}

static int shard_path(char *out, size_t len, const char *db_path, unsigned i)
{
    return snprintf(out, len, "%s/shard-%02u", db_path, i) < (int)len ? 0 : -1;
}

/* N as the file table database records it: > 0, or 0 when it has none (or
 * cannot be read: a creation cut short). */
static unsigned recorded_n(const char *filetable)
{
    xc_database *db = NULL;
    char *value = NULL;
    unsigned n = 0;
    if (xc_database_open(filetable, &db, NULL) == XC_OK &&
        xc_database_get_metadata(db, PARTITIONS_KEY, &value) == XC_OK && value) {
        char *end;
        unsigned long v = strtoul(value, &end, 10);
        if (*value && !*end && v > 0 && v <= PARTITIONS_MAX)
            n = (unsigned)v;
    }
    free(value);
    xc_database_destroy(db);
    return n;
}

int partitions_layout(const char *db_path, unsigned requested, unsigned *n, char *err,
                      size_t errlen)
{
    char ft[PATH_MAX];
    struct stat st;
    if (partitions_filetable_path(ft, sizeof ft, db_path) != 0) {
        snprintf(err, errlen, "path too long");
        return -1;
    }
    /* The file table's directory, even empty and unmarked (a first run
     * killed as it made it), says the index is sharded. */
    if (index_dir_made(db_path) != MADE_NOTHING && stat(ft, &st) == 0 && S_ISDIR(st.st_mode)) {
        unsigned m = recorded_n(ft);
        if (m == 0 && requested == 0) {
            snprintf(err, errlen, "a sharded index whose first run was cut short: give "
                                  "--shards N again");
            return -1;
        }
        if (m && requested && requested != m) {
            snprintf(err, errlen, "an index of %u shards: --shards %u would split it again "
                                  "(build a new index with -d)", m, requested);
            return -1;
        }
        *n = m ? m : requested;
        return 0;
    }
    if (requested && stat(db_path, &st) == 0 && xc_database_exists_at(db_path)) {
        snprintf(err, errlen, "an unsharded index: --shards %u needs a new index (-d a new "
                              "directory)", requested);
        return -1;
    }
    *n = requested;
    return 0;
}

int partitions_prepare(const char *db_path, char *err, size_t errlen)
{
    char ft[PATH_MAX];
    if (partitions_filetable_path(ft, sizeof ft, db_path) != 0) {
        snprintf(err, errlen, "path too long");
        return -1;
    }
    char why[PATH_MAX + 128];
    if (index_dir_prepare(ft, why, sizeof why) == 0)
        return 0;
    snprintf(err, errlen, "%s: %s", ft, why);
    return -1;
}

static int is_marker(void *ctx, const char *name)
{
    (void)ctx;
    return strcmp(name, INDEX_DIR_MARKER) == 0;
}

/* Open (creating it when missing) the shard at path for writing. A creation
 * cut short by a crash is discarded and done again, as for the index
 * (indexer.c). Returns XC_OK, or the status with *msg set (malloc'd). */
static xc_status open_shard(const char *path, xc_database **out, char **msg)
{
    /* Made and marked; or an empty directory (a run killed between the
     * two) marked; anything else refused. */
    char why[PATH_MAX + 128];
    if (index_dir_prepare(path, why, sizeof why) != 0) {
        *msg = strdup(why);
        return XC_DATABASE_ERROR;
    }
    xc_status st = xc_database_open_writable(path, XC_DB_CREATE_OR_OPEN, out, msg);
    if (st == XC_DATABASE_NOT_FOUND && xc_database_discard_unfinished(path, is_marker, NULL) > 0) {
        free(*msg);
        *msg = NULL;
        st = xc_database_open_writable(path, XC_DB_CREATE_OR_OPEN, out, msg);
    }
    return st;
}

/* Write the stub listing the n shards, unless one is there: into a new file
 * first, then renamed, so that a reader never finds half of it. */
static int write_stub(const char *db_path, unsigned n, char *err, size_t errlen)
{
    char path[PATH_MAX], tmp[PATH_MAX];
    struct stat st;
    if (join(path, sizeof path, db_path, PARTITIONS_STUB) != 0 ||
        join(tmp, sizeof tmp, db_path, PARTITIONS_STUB ".new") != 0) {
        snprintf(err, errlen, "path too long");
        return -1;
    }
    if (lstat(path, &st) == 0)
        return 0;
    FILE *f = fopen(tmp, "w");
    int ok = f != NULL;
    for (unsigned i = 0; ok && i < n; i++)
        ok = fprintf(f, "auto shard-%02u\n", i) > 0;
    if (f)
        ok = fflush(f) == 0 && fsync(fileno(f)) == 0 && ok;
    if (f && fclose(f) != 0)
        ok = 0;
    if (ok && rename(tmp, path) == 0)
        return 0;
    snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    unlink(tmp);
    return -1;
}

int partitions_open(partitions *p, const char *db_path, xc_database *filetable, unsigned n,
                    char *err, size_t errlen)
{
    char *value = NULL;
    memset(p, 0, sizeof *p);
    if (xc_database_get_metadata(filetable, PARTITIONS_KEY, &value) != XC_OK) {
        snprintf(err, errlen, "cannot read the file table: %s", xc_database_error(filetable));
        return -1;
    }
    int recorded = value && *value;
    free(value);
    if (!recorded) {
        char text[16];
        snprintf(text, sizeof text, "%u", n);
        if (xc_database_set_metadata(filetable, PARTITIONS_KEY, text) != XC_OK ||
            xc_database_commit(filetable) != XC_OK) {
            snprintf(err, errlen, "cannot record the number of shards: %s",
                     xc_database_error(filetable));
            return -1;
        }
    }
    p->dbs = calloc(n, sizeof *p->dbs);
    if (!p->dbs) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    p->n = n;
    for (unsigned i = 0; i < n; i++) {
        char path[PATH_MAX], *msg = NULL;
        if (shard_path(path, sizeof path, db_path, i) != 0) {
            snprintf(err, errlen, "path too long");
            partitions_close(p);
            return -1;
        }
        xc_status st = open_shard(path, &p->dbs[i], &msg);
        if (st != XC_OK) {
            snprintf(err, errlen, "cannot open shard %s: %s", path,
                     msg ? msg : xc_status_to_string(st));
            free(msg);
            partitions_close(p);
            return -1;
        }
    }
    if (write_stub(db_path, n, err, errlen) != 0) {
        partitions_close(p);
        return -1;
    }
    return 0;
}

int partitions_commit(partitions *p, char *err, size_t errlen)
{
    for (unsigned i = 0; i < p->n; i++)
        if (xc_database_commit(p->dbs[i]) != XC_OK) {
            snprintf(err, errlen, "shard-%02u: %s", i, xc_database_error(p->dbs[i]));
            return -1;
        }
    return 0;
}

void partitions_close(partitions *p)
{
    for (unsigned i = 0; i < p->n; i++)
        xc_database_destroy(p->dbs[i]);
    free(p->dbs);
    p->dbs = NULL;
    p->n = 0;
}
