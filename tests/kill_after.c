/* kill_after.c — an LD_PRELOAD shim for the end-to-end tests: kill the
 * process with SIGKILL right after its Nth call that makes, moves or removes
 * a name on disk, so that a test can stop a run at every such step in turn
 * (tests/e2e/safety.sh) instead of at random moments.
 *
 *   BRIEFS_KILL_AFTER=N  the call after which to die (1 is the first); unset
 *                        or 0: never (the calls are only counted)
 *   BRIEFS_KILL_LOG=F    before dying, write "N CALL PATH [PATH]" to the
 *                        file F, so that the test can say where it struck
 *   BRIEFS_KILL_SIGNAL=S the signal to raise instead of SIGKILL, by number:
 *                        19 (SIGSTOP) stops the process mid-run, its signal
 *                        handlers in place, until the test sends SIGCONT
 *                        (tests/e2e/reindex_signal.sh)
 *
 * The calls counted are those the indexer and Xapian make through libc's
 * entry points: mkdir(at), rmdir, unlink(at), rename(at, at2). A call is made
 * (whatever its result) before the kill, as if the process had been killed
 * from outside just after it. The count is shared by all threads.
 *
 * Written by hand: no Debian package kills a process at a chosen system call
 * (strace's --inject=SYSCALL:signal=KILL:when=N counts each call on its own,
 * not all of them together). Built for the tests only, never installed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static atomic_long calls;

/* Count one call (named what, on a and b); die here when it is the Nth. */
static void counted(const char *what, const char *a, const char *b)
{
    long n = atomic_fetch_add(&calls, 1) + 1;
    const char *at = getenv("BRIEFS_KILL_AFTER");
    if (!at || strtol(at, NULL, 10) != n)
        return;
    const char *log = getenv("BRIEFS_KILL_LOG");
    if (log) {
        char line[2 * 4096 + 64];
        int len = snprintf(line, sizeof line, "%ld %s %s%s%s\n", n, what, a, b ? " " : "",
                           b ? b : "");
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (fd >= 0) {
            if (len > 0 && write(fd, line, (size_t)len < sizeof line ? (size_t)len : sizeof line) < 0)
                len = 0;   /* nothing to do: the log is only a help */
            close(fd);
        }
    }
    const char *sig = getenv("BRIEFS_KILL_SIGNAL");
    raise(sig && *sig ? (int)strtol(sig, NULL, 10) : SIGKILL);
}

/* The next definition of name (libc's). */
static void *real(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    if (!f)
        abort();
    return f;
}

int mkdir(const char *path, mode_t mode)
{
    int (*f)(const char *, mode_t) = real("mkdir");
    int r = f(path, mode);
    counted("mkdir", path, NULL);
    return r;
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
    int (*f)(int, const char *, mode_t) = real("mkdirat");
    int r = f(dirfd, path, mode);
    counted("mkdirat", path, NULL);
    return r;
}

int rmdir(const char *path)
{
    int (*f)(const char *) = real("rmdir");
    int r = f(path);
    counted("rmdir", path, NULL);
    return r;
}

int unlink(const char *path)
{
    int (*f)(const char *) = real("unlink");
    int r = f(path);
    counted("unlink", path, NULL);
    return r;
}

int unlinkat(int dirfd, const char *path, int flags)
{
    int (*f)(int, const char *, int) = real("unlinkat");
    int r = f(dirfd, path, flags);
    counted("unlinkat", path, NULL);
    return r;
}

int rename(const char *from, const char *to)
{
    int (*f)(const char *, const char *) = real("rename");
    int r = f(from, to);
    counted("rename", from, to);
    return r;
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
    int (*f)(int, const char *, int, const char *) = real("renameat");
    int r = f(fromfd, from, tofd, to);
    counted("renameat", from, to);
    return r;
}

int renameat2(int fromfd, const char *from, int tofd, const char *to, unsigned flags)
{
    int (*f)(int, const char *, int, const char *, unsigned) = real("renameat2");
    int r = f(fromfd, from, tofd, to, flags);
    counted("renameat2", from, to);
    return r;
}
