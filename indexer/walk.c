/* walk.c — fts(3) over the roots. See walk.h. */
#include "walk.h"

#include <errno.h>
#include <fts.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_name(const FTSENT **a, const FTSENT **b)
{
    return strcmp((*a)->fts_name, (*b)->fts_name);
}

static int is_skipped_dir(const FTSENT *e, const walk_options *opts)
{
    return opts && (opts->skip_dev || opts->skip_ino) && e->fts_statp &&
           e->fts_statp->st_dev == opts->skip_dev && e->fts_statp->st_ino == opts->skip_ino;
}

/* The root being walked: its realpath ("" when unknown) and the length of
 * the path fts gives it, which every path below it starts with. */
typedef struct root_info {
    char real[PATH_MAX];
    size_t given_len;
} root_info;

/* The canonical path of a file below the root into out, or NULL. One
 * realpath() per root instead of one per file: a no-op run over many files
 * spends most of its time there. */
static const char *canonical_below(const root_info *root, const FTSENT *e, char *out)
{
    if (!root->real[0] || e->fts_level == 0 || strlen(e->fts_path) < root->given_len)
        return NULL;
    const char *rest = e->fts_path + root->given_len;
    while (*rest == '/')
        rest++;
    int n = snprintf(out, PATH_MAX, "%s%s%s", root->real,
                     strcmp(root->real, "/") == 0 ? "" : "/", rest);
    return n > 0 && n < PATH_MAX ? out : NULL;
}

int walk_roots(char *const *roots, int nroots, const walk_options *opts, walk_file_fn on_file,
               walk_error_fn on_error, void *ctx)
{
    (void)nroots; /* fts reads roots up to its NULL terminator */
    FTS *fts = fts_open(roots, FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR, by_name);
    if (!fts)
        return -1;
    int rc = 0;
    root_info root = {.real = ""};
    char canonical[PATH_MAX];
    while (rc == 0) {
        errno = 0;
        FTSENT *e = fts_read(fts);
        if (!e) {
            if (errno != 0)
                rc = -1;
            break;
        }
        int hidden = e->fts_level > 0 && e->fts_name[0] == '.';
        switch (e->fts_info) {
        case FTS_D:
            if (e->fts_level == 0) {
                root.given_len = strlen(e->fts_path);
                if (!realpath(e->fts_accpath, root.real))
                    root.real[0] = '\0';
            }
            if (hidden || is_skipped_dir(e, opts))
                fts_set(fts, e, FTS_SKIP);
            break;
        case FTS_F:
            if (!hidden &&
                on_file(ctx, e->fts_path, canonical_below(&root, e, canonical), e->fts_statp))
                rc = 1;
            break;
        case FTS_SL: {
            /* A link inside a directory: follow it when it leads to a file. */
            struct stat st;
            if (!hidden && stat(e->fts_accpath, &st) == 0 && S_ISREG(st.st_mode) &&
                on_file(ctx, e->fts_path, NULL, &st))
                rc = 1;
            break;
        }
        case FTS_NS:
        case FTS_DNR:
        case FTS_ERR:
            if (on_error)
                on_error(ctx, e->fts_path, strerror(e->fts_errno));
            break;
        default: /* FTS_DP, FTS_DC, FTS_DEFAULT (devices, sockets), FTS_SLNONE */
            break;
        }
    }
    int saved = errno;
    fts_close(fts);
    errno = saved;
    return rc;
}
