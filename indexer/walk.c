/* walk.c — fts(3) over the roots. See walk.h. */
#include "walk.h"

#include <errno.h>
#include <fts.h>
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

int walk_roots(char *const *roots, int nroots, const walk_options *opts, walk_file_fn on_file,
               walk_error_fn on_error, void *ctx)
{
    (void)nroots; /* fts reads roots up to its NULL terminator */
    FTS *fts = fts_open(roots, FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR, by_name);
    if (!fts)
        return -1;
    int rc = 0;
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
            if (hidden || is_skipped_dir(e, opts))
                fts_set(fts, e, FTS_SKIP);
            break;
        case FTS_F:
            if (!hidden && on_file(ctx, e->fts_path, e->fts_statp))
                rc = 1;
            break;
        case FTS_SL: {
            /* A link inside a directory: follow it when it leads to a file. */
            struct stat st;
            if (!hidden && stat(e->fts_accpath, &st) == 0 && S_ISREG(st.st_mode) &&
                on_file(ctx, e->fts_path, &st))
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
