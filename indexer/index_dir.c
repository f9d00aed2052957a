/* index_dir.c — what briefs made on disk, recognised for certain. See index_dir.h. */
#include "index_dir.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dirent.h>
#include <sys/stat.h>

#include "filetable.h"
#include "xapian-c.h"

#define MARKER_NEW INDEX_DIR_MARKER ".new"   /* a marker being replaced */

static const char *const kind_names[] = {
    [MADE_DIRECTORY] = "directory",
    [MADE_CONTENTS] = "contents",
    [MADE_SCRATCH] = "scratch",
};

static int join(char *out, const char *dir, const char *name)
{
    if (snprintf(out, PATH_MAX, "%s/%s", dir, name) < PATH_MAX)
        return 0;
    errno = ENAMETOOLONG;
    return -1;
}

/* The files of a Xapian database (the binding knows their names), and our
 * marker: ours inside a marked directory. */
static int ours_by_name(const char *name)
{
    return xc_database_is_own_file(name) || strcmp(name, INDEX_DIR_MARKER) == 0 ||
           strcmp(name, MARKER_NEW) == 0;
}

made_kind index_dir_made(const char *dir)
{
    char path[PATH_MAX], buf[64];
    struct stat st;
    if (join(path, dir, INDEX_DIR_MARKER) != 0)
        return MADE_NOTHING;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return MADE_NOTHING;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return MADE_NOTHING;
    }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
    for (size_t k = 0; k < sizeof kind_names / sizeof *kind_names; k++)
        if (kind_names[k] && strcmp(buf, kind_names[k]) == 0)
            return (made_kind)k;
    return MADE_CONTENTS;   /* ours, cut short (a crash while writing it): the safe reading */
}

/* Write a marker saying kind at path, opened with extra flags (O_EXCL or
 * O_TRUNC). Returns 0, or -1 with errno set (a file it created is removed). */
static int write_marker(const char *path, made_kind kind, int flags)
{
    char text[160];
    int len = snprintf(text, sizeof text,
                       "%s\nmade by brief-index (briefs), which moves or removes only what it "
                       "made here\n",
                       kind_names[kind]);
    int fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | flags, 0666);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, text, (size_t)len);
    int e = n < 0 ? errno : ENOSPC;
    if (close(fd) != 0 && n == len) {
        n = -1;
        e = errno;
    }
    if (n == len)
        return 0;
    unlink(path);
    errno = e;
    return -1;
}

int index_dir_make(const char *dir, made_kind kind)
{
    char path[PATH_MAX];
    if (join(path, dir, INDEX_DIR_MARKER) != 0 || mkdir(dir, 0777) != 0)
        return -1;
    if (write_marker(path, kind, O_EXCL) == 0)
        return 0;
    int e = errno;
    rmdir(dir);   /* made just now, and empty */
    errno = e;
    return -1;
}

int index_dir_remark(const char *dir, made_kind kind)
{
    char path[PATH_MAX], next[PATH_MAX];
    if (join(path, dir, INDEX_DIR_MARKER) != 0 || join(next, dir, MARKER_NEW) != 0)
        return -1;
    if (index_dir_made(dir) == MADE_NOTHING) {
        errno = ENOENT;
        return -1;
    }
    if (write_marker(next, kind, O_TRUNC) != 0)
        return -1;
    if (rename(next, path) == 0)
        return 0;
    int e = errno;
    unlink(next);
    errno = e;
    return -1;
}

/* The entries of dir other than . and ..: 0 (none), 1 (at least one), or
 * -1 (dir cannot be read). */
static int dir_contents(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int found = 0;
    for (struct dirent *e; !found && (e = readdir(d));)
        found = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return found;
}

/* Whether the entry name of a marked directory (at path, lstat'ed into st) is
 * ours: a file by its name, a marked directory ('all': all of it ours), or an
 * empty directory, which is what a run killed between making a directory and
 * marking it leaves (removing it loses nothing of anyone's: rmdir removes
 * only an empty one). */
static int entry_is_ours(const char *path, const char *name, const struct stat *st, int all)
{
    if (S_ISREG(st->st_mode))
        return ours_by_name(name);
    if (!S_ISDIR(st->st_mode))
        return 0;
    if (index_dir_made(path) == MADE_NOTHING)
        return dir_contents(path) == 0;
    return !all || index_dir_only_ours(path, NULL, 0) == 1;
}

int index_dir_only_ours(const char *dir, char *other, size_t len)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int ours = 1;
    for (struct dirent *e; ours && (e = readdir(d));) {
        char path[PATH_MAX];
        struct stat st;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        ours = join(path, dir, e->d_name) == 0 && lstat(path, &st) == 0 &&
               entry_is_ours(path, e->d_name, &st, 1);
        if (!ours && other)
            snprintf(other, len, "%s", e->d_name);
    }
    closedir(d);
    return ours;
}

int index_dir_remove(const char *dir)
{
    char path[PATH_MAX];
    struct stat st;
    made_kind kind = index_dir_made(dir);
    if (kind == MADE_NOTHING) {
        if (lstat(dir, &st) != 0 && errno == ENOENT)
            return 0;
        errno = EPERM;   /* not ours */
        return -1;
    }
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int left = 0;
    for (struct dirent *e; (e = readdir(d));) {
        const char *name = e->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
            strcmp(name, INDEX_DIR_MARKER) == 0 || strcmp(name, MARKER_NEW) == 0)
            continue;   /* the marker goes last */
        if (join(path, dir, name) != 0 || lstat(path, &st) != 0) {
            left |= errno != ENOENT;
            continue;
        }
        if (!entry_is_ours(path, name, &st, 0))
            left = 1;   /* the user's: stays, and so do the marker and dir */
        else if (S_ISDIR(st.st_mode))   /* marked, or empty: made and not marked */
            left |= (index_dir_made(path) != MADE_NOTHING && index_dir_remove(path) != 0) ||
                    (rmdir(path) != 0 && errno != ENOENT);
        else
            left |= unlink(path) != 0 && errno != ENOENT;
    }
    closedir(d);
    if (left) {
        errno = ENOTEMPTY;
        return -1;
    }
    if ((join(path, dir, MARKER_NEW) == 0 && unlink(path) != 0 && errno != ENOENT) ||
        join(path, dir, INDEX_DIR_MARKER) != 0 || unlink(path) != 0)
        return -1;
    return kind == MADE_CONTENTS ? 0 : rmdir(dir);
}

static int refuse(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int refuse(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

int index_dir_adopt(const char *dir)
{
    char marker[PATH_MAX];
    if (join(marker, dir, INDEX_DIR_MARKER) != 0)
        return -1;
    return write_marker(marker, MADE_CONTENTS, O_EXCL);
}

int index_dir_prepare(const char *db_path, char *err, size_t errlen)
{
    char marker[PATH_MAX];
    if (join(marker, db_path, INDEX_DIR_MARKER) != 0)
        return refuse(err, errlen, "path too long");
    /* Looked at again when another process makes it at the same moment. */
    for (int attempt = 0; attempt < 3; attempt++) {
        struct stat st;
        if (stat(db_path, &st) != 0) {
            if (errno != ENOENT)
                return refuse(err, errlen, "cannot open index: %s", strerror(errno));
            if (lstat(db_path, &st) == 0)
                return refuse(err, errlen, "a symbolic link to nothing: not making an index there");
            if (index_dir_make(db_path, MADE_DIRECTORY) == 0)
                return 0;
            if (errno == EEXIST)
                continue;
            return refuse(err, errlen, "cannot create index: %s", strerror(errno));
        }
        if (!S_ISDIR(st.st_mode))
            return refuse(err, errlen, "not a directory: not writing an index there");
        if (index_dir_made(db_path) != MADE_NOTHING)
            return 0;
        switch (dir_contents(db_path)) {
        case 0:
            if (write_marker(marker, MADE_CONTENTS, O_EXCL) == 0)
                return 0;
            if (errno == EEXIST)
                continue;
            return refuse(err, errlen, "cannot create index: %s", strerror(errno));
        case 1:
            if (xc_database_exists_at(db_path))
                return refuse(err, errlen,
                              "a Xapian index that brief-index did not make: not writing to it");
            return refuse(err, errlen,
                          "not an index, and not empty: not writing to it (give -d a new or "
                          "empty directory)");
        default:
            return refuse(err, errlen, "cannot read: %s", strerror(errno));
        }
    }
    return refuse(err, errlen, "cannot create index: it keeps changing");
}

int index_dir_holds(const char *db_path, const char *path)
{
    char abs[PATH_MAX], dir[PATH_MAX];
    if (!realpath(db_path, abs)) {
        /* Not there yet: its parent's canonical path and its name. */
        size_t len = strlen(db_path);
        while (len > 1 && db_path[len - 1] == '/')
            len--;
        if (len >= sizeof dir)
            return 0;
        memcpy(dir, db_path, len);
        dir[len] = '\0';
        char *slash = strrchr(dir, '/');
        const char *name = slash ? slash + 1 : dir;
        char parent[PATH_MAX];
        if (slash == dir)
            snprintf(parent, sizeof parent, "/");
        else if (slash) {
            *slash = '\0';
            if (!realpath(dir, parent))
                return 0;
        } else if (!getcwd(parent, sizeof parent))
            return 0;
        if (snprintf(abs, sizeof abs, "%s%s%s", parent, strcmp(parent, "/") ? "/" : "", name) >=
            (int)sizeof abs)
            return 0;
    }
    return filetable_path_under(path, abs);
}
