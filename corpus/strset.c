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
    return strset_number(set, s) >= 0;
}

long strset_number(const strset *set, const char *s)
{
    if (!set->nslots)
        return -1;
    size_t i = probe(set->slots, set->nslots, s);
    return set->slots[i] ? (long)set->numbers[i] : -1;
}

/* Double the table (64 slots to begin). Returns 0, or -1 (memory). */
static int grow(strset *set)
{
    size_t n = set->nslots ? set->nslots * 2 : 64;
    char **slots = calloc(n, sizeof *slots);
    uint32_t *numbers = malloc(n * sizeof *numbers);
    if (!slots || !numbers) {
        free(slots);
        free(numbers);
        return -1;
    }
    for (size_t i = 0; i < set->nslots; i++)
        if (set->slots[i]) {
            size_t j = probe(slots, n, set->slots[i]);
            slots[j] = set->slots[i];
            numbers[j] = set->numbers[i];
        }
    free(set->slots);
    free(set->numbers);
    set->slots = slots;
    set->numbers = numbers;
    set->nslots = n;
    return 0;
}

long strset_intern(strset *set, const char *s)
{
    long number = strset_number(set, s);
    if (number >= 0)
        return number;
    if (set->count >= UINT32_MAX)
        return -1;
    if ((set->count + 1) * 2 > set->nslots && grow(set) != 0)
        return -1;
    size_t i = probe(set->slots, set->nslots, s);
    set->slots[i] = strdup(s);
    if (!set->slots[i])
        return -1;
    set->numbers[i] = (uint32_t)set->count;
    return (long)set->count++;
}

int strset_add(strset *set, const char *s)
{
    return strset_intern(set, s) >= 0 ? 0 : -1;
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
    free(set->numbers);
    memset(set, 0, sizeof *set);
}
