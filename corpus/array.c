/* array.c — see array.h. */
#include "array.h"

#include <stdint.h>
#include <stdlib.h>

int _array_grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    /* Capacity ends below 2 × need (or at 8): refusing need beyond half of
     * what a size_t counts in bytes keeps the doubling and cap2 * size from
     * wrapping round to a small block the caller would overrun. */
    if (size == 0 || need > SIZE_MAX / 2 / size)
        return -1;
    size_t cap2 = *cap ? *cap * 2 : 8;
    while (cap2 < need)
        cap2 *= 2;
    if (cap2 > SIZE_MAX / size)
        cap2 = need; /* the first 8 of a huge item */
    void *p = realloc(*v, cap2 * size);
    if (!p)
        return -1;
    *v = p;
    *cap = cap2;
    return 0;
}
