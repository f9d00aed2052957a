/* filetable.h — what the index knows of each file it has read, for change
 * detection: kept in the index's user metadata under "file:" keys and
 * committed with the briefs, so that the two never disagree. */
#ifndef BRIEFS_FILETABLE_H
#define BRIEFS_FILETABLE_H

#include <stddef.h>
#include <stdint.h>

#include "brief.h"

/* Metadata keys are "file:" + the canonical path; a path that would make the
 * key longer than FILETABLE_MAX_KEY keeps its head and gets a hash of the whole
 * path (the value always holds the full path). */
#define FILETABLE_PREFIX "file:"
#define FILETABLE_MAX_KEY 200

/* One file: where it stood when it was last read, and the ids of its briefs. */
typedef struct file_entry {
    char *path;            /* canonical path (malloc'd) */
    long long size;
    long long mtime_sec;
    long mtime_nsec;
    uint64_t hash;         /* filetable_hash of its bytes */
    brief_list ids;        /* ids of its briefs, in file order */
} file_entry;

/* Write the metadata key of path into out (at least FILETABLE_MAX_KEY + 1
 * bytes). Returns out. */
char *filetable_key(char *out, const char *path);

/* Encode e as a metadata value: a malloc'd string the caller frees, or NULL when
 * out of memory. Newlines and '%' in the path and ids are %-escaped. */
char *filetable_encode(const file_entry *e);

/* Decode value into *e (zeroed first; the caller clears it with
 * filetable_entry_clear). Returns 0, or -1 when value is not an entry (or out
 * of memory); *e is then empty. */
int filetable_decode(const char *value, file_entry *e);

/* Free what e holds and zero it. Accepts an empty entry. */
void filetable_entry_clear(file_entry *e);

/* A 64-bit hash of a file's bytes, fed in pieces: start with
 * filetable_hash_init(), then filetable_hash_update() for each piece. Combines
 * zlib's crc32 and adler32 (the size goes into the entry separately). */
uint64_t filetable_hash_init(void);
uint64_t filetable_hash_update(uint64_t h, const void *data, size_t len);

/* Hash the file at path into *out. Returns 0, or -1 with errno set. */
int filetable_hash_file(const char *path, uint64_t *out);

/* 1 when path is root or lies under it (root + "/" prefix), else 0. */
int filetable_path_under(const char *path, const char *root);

#endif
