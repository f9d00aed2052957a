/* index_dir.h — what briefs made on disk, recognised for certain.
 *
 * briefs never deletes, moves or overwrites a file or directory it did not
 * make. Every directory it makes or fills carries a marker, the file
 * INDEX_DIR_MARKER, written before anything else goes in. Its first line says
 * what briefs made there:
 *
 *   directory  the directory and what briefs put in it: an index made where
 *              nothing was (or a generation of scripts/brief-reindex)
 *   contents   only what briefs put in it: the directory was there, empty,
 *              and is never moved or removed
 *   scratch    a working directory of one run: the shards of a parallel
 *              build (INDEX/.shards and each shard in it), the merged index
 *              beside the index (INDEX.merging) before the swap, the old index
 *              after it; removed by whichever run finds it
 *
 * What briefs puts in a marked directory is a Xapian database's files
 * (xc_database_is_own_file), the marker, and marked directories (or empty
 * ones: a run killed between mkdir and the marker leaves one). A clean-up
 * removes those and nothing else, the marker last, and the directory only
 * when it is then empty and its marker said directory or scratch. A file the
 * user put in a directory of ours stays, with the directory and its marker.
 * The index directory itself, killed before it was marked, is left an empty
 * directory without a marker: taken for the user's (marked contents) by the
 * next run, never removed.
 * scripts/brief-reindex reads and writes the same marker.
 */
#ifndef BRIEFS_INDEX_DIR_H
#define BRIEFS_INDEX_DIR_H

#include <stddef.h>

#define INDEX_DIR_MARKER ".made-by-briefs"

typedef enum made_kind {
    MADE_NOTHING,    /* no marker: not ours */
    MADE_DIRECTORY,  /* the directory and what is ours in it */
    MADE_CONTENTS,   /* what is ours in it, not the directory (also a marker
                        that cannot be read: the safe reading) */
    MADE_SCRATCH,    /* a working directory, removed when found */
} made_kind;

/* What the marker in dir says; MADE_NOTHING when it has none (or dir is not
 * a directory). Follows a symbolic link at dir, not one at the marker. */
made_kind index_dir_made(const char *dir);

/* Make the directory dir and mark it kind: 0, or -1 with errno set (EEXIST
 * when something is at dir, which is then left as it was). A run killed
 * between the two leaves an empty directory without a marker, which is then
 * taken for the user's: never removed. */
int index_dir_make(const char *dir, made_kind kind);

/* Replace the marker of dir, which must be ours, by one saying kind, in one
 * rename: 0, or -1 with errno set (the old marker is then still there). */
int index_dir_remark(const char *dir, made_kind kind);

/* Whether every entry of dir is one briefs puts in a directory of its own
 * (see above; a marked directory counts when all of it does): 1 yes; 0 no,
 * with the first other name written to other[0..len) when other is not NULL;
 * -1 when dir cannot be read. */
int index_dir_only_ours(const char *dir, char *other, size_t len);

/* Remove what briefs made in dir (see above). Nothing is removed when dir has
 * no marker. Returns 0 when nothing of ours is left (nor dir, unless its
 * marker said contents), -1 otherwise (errno set; no error when dir is not
 * there). A directory inside dir goes whole whatever its marker says (one cut
 * short reads contents). */
int index_dir_remove(const char *dir);

/* Mark dir, a Xapian index without a marker that the caller has recognised
 * as one brief-index made before it wrote markers (by the file table in its
 * metadata), as MADE_CONTENTS: from then on it is an index of ours whose
 * directory is never moved or removed. 0, or -1 with errno set (EEXIST: it
 * has a marker already). */
int index_dir_adopt(const char *dir);

/* Get the index directory at db_path ready for Xapian, before anything is
 * written into it: make it (marked directory) when nothing is there, mark an
 * empty directory contents, take a directory of ours as it is (marked
 * scratch, it is a swap cut short: the caller marks it directory once it
 * holds the index's lock). Refuses, with a reason in
 * err[0..errlen) and nothing written, a path that is not a directory, a
 * symbolic link to nothing, a directory holding other files, and a Xapian
 * index that briefs did not make (another tool's: brief-index would delete
 * its documents as briefs of files gone, and swap or clean up its directory).
 * Returns 0, or -1. */
int index_dir_prepare(const char *db_path, char *err, size_t errlen);

/* Whether the index at db_path is, or holds, path (canonical and absolute):
 * 1 yes, 0 no. db_path need not exist yet. Indexing such a path would index
 * the index, or put the index among the files it indexes. */
int index_dir_holds(const char *db_path, const char *path);

#endif
