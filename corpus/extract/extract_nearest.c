/* extract_nearest.c — the nearest place of a word: see extract_nearest.h. */
#include "extract_nearest.h"
#include "array.h"

#include <stdlib.h>

int nearest_add(nearest_index *ix, const char *key, size_t at, size_t value)
{
    long k = strset_intern(&ix->keys, key);
    if (k < 0 || array_grow((void **)&ix->v, &ix->cap, ix->n + 1, sizeof *ix->v) != 0)
        return -1;
    ix->v[ix->n] = (nearest_entry){ .key = (uint32_t)k, .at = at, .order = ix->n, .value = value };
    ix->n++;
    return 0;
}

static int compare_entries(const void *a, const void *b)
{
    const nearest_entry *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

int nearest_seal(nearest_index *ix)
{
    free(ix->first);
    ix->first = malloc((ix->keys.count + 1) * sizeof *ix->first);
    if (!ix->first)
        return -1;
    if (ix->n > 1)
        qsort(ix->v, ix->n, sizeof *ix->v, compare_entries);
    /* first[k]: the first entry of key k or of a later key */
    size_t e = 0;
    for (size_t k = 0; k <= ix->keys.count; k++) {
        while (e < ix->n && ix->v[e].key < k)
            e++;
        ix->first[k] = e;
    }
    return 0;
}

/* The first entry of v[lo..hi) (sorted by token) whose token is above token,
 * or with !above, at or above it. */
static size_t bound(const nearest_entry *v, size_t lo, size_t hi, size_t token, int above)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].at < token || (above && v[mid].at == token))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int nearest_find(const nearest_index *ix, const char *key, size_t token, int inclusive,
                 size_t *value)
{
    long k = ix->first ? strset_number(&ix->keys, key) : -1;
    if (k < 0 || ix->first[k] == ix->first[k + 1])
        return 0;
    size_t begin = ix->first[k], end = ix->first[k + 1];
    size_t past = bound(ix->v, begin, end, token, inclusive);
    /* the nearest before, the first added there (entries of one token are
     * in the order added); else the first after */
    size_t e = past > begin ? bound(ix->v, begin, past, ix->v[past - 1].at, 0) : begin;
    *value = ix->v[e].value;
    return 1;
}

void nearest_free(nearest_index *ix)
{
    strset_clear(&ix->keys);
    free(ix->v);
    free(ix->first);
    *ix = (nearest_index){ 0 };
}
