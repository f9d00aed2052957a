/* strset.c — a set of strings. See strset.h. */
#include "strset.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

/* The slot of s in slots[0..nslots) (a power of two): where it is, or the
 * empty slot where it would go. */
static size_t probe(char *const *slots, size_t nslots, const char *s)
{
    size_t i = (size_t)(hash_fnv1a(s) & (nslots - 1));
    while (slots[i] && strcmp(slots[i], s) != 0)
        i = (i + 1) & (nslots - 1);
    return i;
}

int strset_has(const strset *set, const char *s)
{
    if (!set->nslots)
        return 0;
    return set->slots[probe(set->slots, set->nslots, s)] != NULL;
}

int strset_add(strset *set, const char *s)
{
    if ((set->count + 1) * 2 > set->nslots) {
        size_t n = set->nslots ? set->nslots * 2 : 64;
        char **slots = calloc(n, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < set->nslots; i++)
            if (set->slots[i])
                slots[probe(slots, n, set->slots[i])] = set->slots[i];
        free(set->slots);
        set->slots = slots;
        set->nslots = n;
    }
    size_t i = probe(set->slots, set->nslots, s);
    if (set->slots[i])
        return 0;
    set->slots[i] = strdup(s);
    if (!set->slots[i])
        return -1;
    set->count++;
    return 0;
}

const char *strset_next(const strset *set, size_t *pos)
{
    while (*pos < set->nslots) {
        const char *s = set->slots[(*pos)++];
        if (s)
            return s;
    }
    return NULL;
}

void strset_clear(strset *set)
{
    for (size_t i = 0; i < set->nslots; i++)
        free(set->slots[i]);
    free(set->slots);
    memset(set, 0, sizeof *set);
}
