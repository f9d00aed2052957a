/* fixture_tmp.h — a test's own temporary directory: made fresh, removed whole. */
#ifndef BRIEFS_FIXTURE_TMP_H
#define BRIEFS_FIXTURE_TMP_H

#include <stddef.h>

/* Make a new, empty directory /tmp/NAME.XXXXXX (mkdtemp: a name no one else
 * has) and write its path into dir (dirlen bytes). Returns 0, or -1 (errno
 * set; dir then ""). */
int fixture_tmp_make(const char *name, char *dir, size_t dirlen);

/* Remove dir and everything in it, without following symbolic links (a link
 * is removed, never what it points to). Meant for a directory that
 * fixture_tmp_make made. Returns 0, or -1 when something could not be
 * removed. */
int fixture_tmp_remove(const char *dir);

#endif
