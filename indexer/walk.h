/* walk.h — find the files under the roots given on the command line (fts(3)). */
#ifndef BRIEFS_WALK_H
#define BRIEFS_WALK_H

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

typedef struct walk_options {
    dev_t skip_dev;   /* a directory never to enter (the index itself), */
    ino_t skip_ino;   /* identified by device and inode; 0,0: none */
} walk_options;

/* Walk every root in roots[0..nroots): a file is reported itself, a directory
 * recursively. Hidden entries (name starting with '.') below a root are
 * skipped; a root is never skipped. Symbolic links given as roots are
 * followed; inside directories, links to regular files are followed and links
 * to directories are not (no loops). Returns 0 when the walk ran to its end,
 * 1 when a callback stopped it, -1 when fts itself failed (errno set). */
int walk_roots(char *const *roots, int nroots, const walk_options *opts, walk_file_fn on_file,
               walk_error_fn on_error, void *ctx);

#endif
