/* walk.c — fts(3) over the roots. See walk.h. */
#include "walk.h"

#include <errno.h>
#include <fnmatch.h>
#include <fts.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_name(const FTSENT **a, const FTSENT **b)
{
    return strcmp((*a)->fts_name, (*b)->fts_name);
}

/* fts_dev and fts_ino, not fts_statp: with FTS_NOSTAT (walk_count) there is
 * no stat buffer, but fts still records a directory's device and inode. */
static int is_skipped_dir(const FTSENT *e, const walk_options *opts)
{
    return (opts->skip_dev || opts->skip_ino) && e->fts_dev == opts->skip_dev &&
           e->fts_ino == opts->skip_ino;
}

/* ----- the filter (walk.h says what a pattern matches) ----- */

/* Whether pattern p matches the entry with this path relative to the root
 * and this name. */
static int pattern_matches(const char *p, const char *rel, const char *name, int is_dir)
{
    char dir_pattern[PATH_MAX];
    size_t len = strlen(p);
    if (len > 1 && p[len - 1] == '/') {
        if (!is_dir || len >= sizeof dir_pattern)
            return 0;
        memcpy(dir_pattern, p, len - 1);
        dir_pattern[len - 1] = '\0';
        p = dir_pattern;
    }
    if (p[0] == '/')
        return fnmatch(p + 1, rel, FNM_PATHNAME) == 0;
    if (strchr(p, '/'))
        return fnmatch(p, rel, FNM_PATHNAME) == 0;
    return fnmatch(p, name, 0) == 0;
}

static int any_matches(char *const *patterns, int n, const char *rel, const char *name,
                       int is_dir)
{
    for (int i = 0; i < n; i++)
        if (pattern_matches(patterns[i], rel, name, is_dir))
            return 1;
    return 0;
}

static int has_filter(const walk_filter *f)
{
    return f->ninclude > 0 || f->nexclude > 0;
}

int walk_filter_selects(const walk_filter *f, const char *rel)
{
    char path[PATH_MAX];
    size_t len = strlen(rel);
    if (!has_filter(f) || len >= sizeof path)
        return 1;
    memcpy(path, rel, len + 1);
    int included = f->ninclude == 0;
    /* Each directory on the way down, then the file. */
    for (char *p = path;;) {
        char *slash = strchr(p, '/');
        if (slash)
            *slash = '\0';
        const char *name = strrchr(path, '/');
        name = name ? name + 1 : path;
        if (any_matches(f->exclude, f->nexclude, path, name, slash != NULL))
            return 0;
        if (!included)
            included = any_matches(f->include, f->ninclude, path, name, slash != NULL);
        if (!slash)
            return included;
        *slash = '/';
        p = slash + 1;
    }
}

/* ----- the walk ----- */

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

/* The path of e relative to its root: "a/b.txt". */
static const char *relative_path(const root_info *root, const FTSENT *e)
{
    const char *rest = e->fts_path + (strlen(e->fts_path) >= root->given_len ? root->given_len : 0);
    while (*rest == '/')
        rest++;
    return rest;
}

/* Whether the filter keeps the entry e (below a root). A directory kept
 * records in fts_number whether an include pattern matched it or a directory
 * above it, so that its files need not match one themselves. */
static int filter_keeps(const walk_options *opts, const root_info *root, FTSENT *e, int is_dir)
{
    const walk_filter *f = &opts->filter;
    long parent_included = e->fts_parent ? e->fts_parent->fts_number : 0;
    e->fts_number = 0;
    if (!has_filter(f))
        return 1;
    const char *rel = relative_path(root, e);
    if (any_matches(f->exclude, f->nexclude, rel, e->fts_name, is_dir))
        return 0;
    e->fts_number = f->ninclude == 0 || parent_included ||
                    any_matches(f->include, f->ninclude, rel, e->fts_name, is_dir);
    return is_dir || e->fts_number;
}

/* The walk behind walk_roots() and walk_count(): when count is not NULL,
 * files are counted instead of reported, without a stat of each. */
static int walk(char *const *roots, const walk_options *opts, walk_file_fn on_file,
                walk_error_fn on_error, void *ctx, long *count,
                const volatile sig_atomic_t *stop)
{
    static const walk_options none;
    if (!opts)
        opts = &none;
    int flags = FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR | (count ? FTS_NOSTAT : 0);
    FTS *fts = fts_open(roots, flags, count ? NULL : by_name);
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
        if (stop && *stop)
            break;
        int below = e->fts_level > 0;
        int hidden = below && e->fts_name[0] == '.';
        switch (e->fts_info) {
        case FTS_D:
            if (!below) {
                root.given_len = strlen(e->fts_path);
                e->fts_number = 0;
                if (!count && !realpath(e->fts_accpath, root.real))
                    root.real[0] = '\0';
            }
            if (hidden || is_skipped_dir(e, opts) || (below && !filter_keeps(opts, &root, e, 1)))
                fts_set(fts, e, FTS_SKIP);
            break;
        case FTS_F:
            if (hidden || (below && !filter_keeps(opts, &root, e, 0)))
                break;
            if (count)
                ++*count;
            else if (on_file(ctx, e->fts_path, canonical_below(&root, e, canonical), e->fts_statp))
                rc = 1;
            break;
        case FTS_NSOK: /* counting: not a directory, type unknown */
            if (!hidden && below && filter_keeps(opts, &root, e, 0))
                ++*count;
            break;
        case FTS_SL: {
            /* A link inside a directory: follow it when it leads to a file. */
            if (hidden || (below && !filter_keeps(opts, &root, e, 0)))
                break;
            struct stat st;
            if (count)
                ++*count;
            else if (stat(e->fts_accpath, &st) == 0 && S_ISREG(st.st_mode) &&
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

int walk_roots(char *const *roots, int nroots, const walk_options *opts, walk_file_fn on_file,
               walk_error_fn on_error, void *ctx)
{
    (void)nroots; /* fts reads roots up to its NULL terminator */
    return walk(roots, opts, on_file, on_error, ctx, NULL, NULL);
}

long walk_count(char *const *roots, const walk_options *opts, const volatile sig_atomic_t *stop)
{
    long count = 0;
    return walk(roots, opts, NULL, NULL, NULL, &count, stop) < 0 ? -1 : count;
}
