/* array.c — see array.h. */
#include "array.h"

#include <stdlib.h>

int array_grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t cap2 = *cap ? *cap * 2 : 8;
    while (cap2 < need)
        cap2 *= 2;
    void *p = realloc(*v, cap2 * size);
    if (!p)
        return -1;
    *v = p;
    *cap = cap2;
    return 0;
}
