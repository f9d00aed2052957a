/* hash.h — the one string hash of the project: 64-bit FNV-1a. It is stable
 * across runs and machines, which index terms (schema.c) and file-table keys
 * (filetable.c) must be, and spreads briefs evenly over shards (shards.c). */
#ifndef BRIEFS_HASH_H
#define BRIEFS_HASH_H

#include <stdint.h>

static inline uint64_t hash_fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3u;
    }
    return h;
}

#endif
