/* filetable.c — the file table of change detection. See filetable.h.
 *
 * A value is text: "v1 SIZE SEC.NSEC HASH NIDS\nPATH\nID\nID…", with '%' and
 * newline in PATH and the ids written as %25 and %0A.
 */
#include "filetable.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "array.h"
#include "hash.h"

char *filetable_key(char *out, const char *path)
{
    size_t plen = strlen(FILETABLE_PREFIX), len = strlen(path);
    if (plen + len <= FILETABLE_MAX_KEY) {
        memcpy(out, FILETABLE_PREFIX, plen);
        memcpy(out + plen, path, len + 1);
        return out;
    }
    /* head of the path, then "#" and 16 hex digits */
    size_t head = FILETABLE_MAX_KEY - plen - 17;
    memcpy(out, FILETABLE_PREFIX, plen);
    memcpy(out + plen, path, head);
    snprintf(out + plen + head, 18, "#%016" PRIx64, hash_fnv1a(path));
    return out;
}

/* ------------------------------------------------------------------------ */
/* Encoding                                                                  */
/* ------------------------------------------------------------------------ */

/* The value being written: a string grown with array_grow(); once memory
 * has run out, the rest is not written (oom). */
typedef struct buf {
    char *s;
    size_t len, cap;
    int oom;
} buf;

static void buf_put(buf *b, const char *s, size_t n)
{
    if (b->oom || array_grow((void **)&b->s, &b->cap, b->len + n + 1, 1) != 0) {
        b->oom = 1;
        return;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void buf_put_escaped(buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '%')
            buf_put(b, "%25", 3);
        else if (*s == '\n')
            buf_put(b, "%0A", 3);
        else
            buf_put(b, s, 1);
    }
}

char *filetable_encode(const file_entry *e)
{
    buf b = {0};
    char head[128];
    int n = snprintf(head, sizeof head, "v1 %lld %lld.%09ld %016" PRIx64 " %zu\n", e->size,
                     e->mtime_sec, e->mtime_nsec, e->hash, e->ids.count);
    buf_put(&b, head, (size_t)n);
    buf_put_escaped(&b, e->path ? e->path : "");
    for (size_t i = 0; i < e->ids.count; i++) {
        buf_put(&b, "\n", 1);
        buf_put_escaped(&b, e->ids.items[i]);
    }
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

/* A malloc'd unescaped copy of s[0..n). */
static char *unescape(const char *s, size_t n)
{
    char *out = malloc(n + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && s[i + 1] == '2' && s[i + 2] == '5') {
            *o++ = '%';
            i += 2;
            continue;
        }
        if (s[i] == '%' && i + 2 < n && s[i + 1] == '0' && s[i + 2] == 'A') {
            *o++ = '\n';
            i += 2;
            continue;
        }
        *o++ = s[i];
    }
    *o = '\0';
    return out;
}

int filetable_decode(const char *value, file_entry *e)
{
    memset(e, 0, sizeof *e);
    long long size, sec;
    long nsec;
    uint64_t hash;
    size_t nids;
    int used = 0;
    if (sscanf(value, "v1 %lld %lld.%ld %" SCNx64 " %zu%n", &size, &sec, &nsec, &hash, &nids,
               &used) != 5 || value[used] != '\n')
        return -1;
    const char *p = value + used + 1;
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    e->path = unescape(p, n);
    if (!e->path)
        goto fail;
    e->size = size;
    e->mtime_sec = sec;
    e->mtime_nsec = nsec;
    e->hash = hash;
    while (nl) {
        p = nl + 1;
        nl = strchr(p, '\n');
        n = nl ? (size_t)(nl - p) : strlen(p);
        char *id = unescape(p, n);
        if (!id || brief_list_add(&e->ids, id, strlen(id)) != 0) {
            free(id);
            goto fail;
        }
        free(id);
    }
    if (e->ids.count != nids)
        goto fail;
    return 0;
fail:
    filetable_entry_clear(e);
    return -1;
}

void filetable_entry_clear(file_entry *e)
{
    brief_list_clear(&e->ids);
    free(e->path);
    memset(e, 0, sizeof *e);
}

/* ------------------------------------------------------------------------ */
/* Hashing                                                                   */
/* ------------------------------------------------------------------------ */

uint64_t filetable_hash_init(void)
{
    return ((uint64_t)crc32(0L, Z_NULL, 0) << 32) | (uint64_t)adler32(0L, Z_NULL, 0);
}

uint64_t filetable_hash_update(uint64_t h, const void *data, size_t len)
{
    uLong c = (uLong)(h >> 32), a = (uLong)(h & 0xffffffffu);
    const Bytef *p = data;
    while (len > 0) {
        uInt chunk = len > (1u << 30) ? (1u << 30) : (uInt)len;
        c = crc32(c, p, chunk);
        a = adler32(a, p, chunk);
        p += chunk;
        len -= chunk;
    }
    return ((uint64_t)(c & 0xffffffffu) << 32) | (uint64_t)(a & 0xffffffffu);
}

int filetable_hash_file(const char *path, uint64_t *out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    uint64_t h = filetable_hash_init();
    char block[65536];
    for (;;) {
        ssize_t n = read(fd, block, sizeof block);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        if (n == 0)
            break;
        h = filetable_hash_update(h, block, (size_t)n);
    }
    close(fd);
    *out = h;
    return 0;
}

int filetable_path_under(const char *path, const char *root)
{
    size_t n = strlen(root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    if (strncmp(path, root, n) != 0)
        return 0;
    return path[n] == '\0' || path[n] == '/' || (n == 1 && root[0] == '/');
}
