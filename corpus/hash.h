/* hash.h — the one string hash of the project: 64-bit FNV-1a. It is stable
 * across runs and machines, which index terms (schema.c), file-table keys
 * (filetable.c) and briefs' version terms (document.c) must be, and spreads
 * briefs evenly over shards (shards.c); it also places strings in a strset
 * (strset.c). */
#ifndef BRIEFS_HASH_H
#define BRIEFS_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV1A_START 0xcbf29ce484222325u

static inline uint64_t hash_fnv1a(const char *s)
{
    uint64_t h = HASH_FNV1A_START;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3u;
    }
    return h;
}

/* Go on hashing: h (HASH_FNV1A_START to begin) followed by data[0..len). */
static inline uint64_t hash_fnv1a_more(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3u;
    }
    return h;
}

#endif
