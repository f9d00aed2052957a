/* fixture_tmp.c — see fixture_tmp.h. */
#define _XOPEN_SOURCE 700 /* nftw, mkdtemp */
#include "fixture_tmp.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int fixture_tmp_make(const char *name, char *dir, size_t dirlen)
{
    int n = snprintf(dir, dirlen, "/tmp/%s.XXXXXX", name);
    if (n < 0 || (size_t)n >= dirlen || !mkdtemp(dir)) {
        if (n >= 0 && (size_t)n >= dirlen)
            errno = ENAMETOOLONG;
        if (dirlen)
            dir[0] = '\0';
        return -1;
    }
    return 0;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

int fixture_tmp_remove(const char *dir)
{
    /* Depth first, so that each directory is empty when its turn comes. */
    return nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}
