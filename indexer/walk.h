/* walk.h — find the files under the roots given on the command line (fts(3)). */
#ifndef BRIEFS_WALK_H
#define BRIEFS_WALK_H

#include <signal.h>
#include <sys/stat.h>

/* Called for each regular file found, in a stable order (names sorted within
 * each directory). path is as fts gives it (the root as given, then
 * root/relative/name); st is its stat. canonical is the file's absolute path
 * with no symbolic link in it when the walk knows it without a lookup (a file
 * below a directory root: the root's realpath, then the rest, whose
 * directories are never links), else NULL (a root that is a file, a link).
 * Return non-zero to stop the walk. */
typedef int (*walk_file_fn)(void *ctx, const char *path, const char *canonical,
                            const struct stat *st);

/* Called for each entry that cannot be read (a missing root, a directory
 * without permission), with the reason. */
typedef void (*walk_error_fn)(void *ctx, const char *path, const char *reason);

/* Which files below a directory root are walked: the --include and
 * --exclude GLOBs of brief-index, matched with fnmatch(3).
 *
 * A pattern without '/' is matched against the name of each file and
 * directory, at any depth; a pattern with '/' against the path relative to
 * the root, with FNM_PATHNAME ('*' does not match '/'); a leading '/' only
 * anchors the pattern to the root ("/notes.txt"), and a trailing '/' makes it
 * match directories only ("drafts/").  A file is matched by a pattern that
 * matches it or a directory it is in.  A file is walked when no exclude
 * matches it and, when there are includes, an include does: exclude wins, and
 * an excluded directory is not entered.  Roots themselves are never
 * filtered. */
typedef struct walk_filter {
    char *const *include;   /* [0..ninclude): the --include patterns */
    int ninclude;
    char *const *exclude;   /* [0..nexclude): the --exclude patterns */
    int nexclude;
} walk_filter;

typedef struct walk_options {
    dev_t skip_dev;   /* a directory never to enter (the index itself), */
    ino_t skip_ino;   /* identified by device and inode; 0,0: none */
    walk_filter filter;
} walk_options;

/* Walk every root in roots[0..nroots): a file is reported itself, a directory
 * recursively. Hidden entries (name starting with '.') below a root are
 * skipped, and so are the files opts->filter leaves out; a root is never
 * skipped. Symbolic links given as roots are followed; inside directories,
 * links to regular files are followed and links to directories are not (no
 * loops). opts may be NULL. Returns 0 when the walk ran to its end, 1 when a
 * callback stopped it, -1 when fts itself failed (errno set). */
int walk_roots(char *const *roots, int nroots, const walk_options *opts, walk_file_fn on_file,
               walk_error_fn on_error, void *ctx);

/* Count the files walk_roots() would report, quickly: without a stat of each
 * file (the type comes from the directory entry), unsorted, in silence. A
 * link, a device or a socket counts as a file, so the count is an estimate,
 * never too low. Stops early, returning what it has, when *stop becomes
 * non-zero (stop may be NULL). Returns the count, or -1 when fts failed. */
long walk_count(char *const *roots, const walk_options *opts, const volatile sig_atomic_t *stop);

/* Whether the filter selects the file at rel, its path relative to a
 * directory root (no leading '/'; "a/b.txt"), as walk_roots() would. Cannot
 * fail. */
int walk_filter_selects(const walk_filter *f, const char *rel);

#endif
