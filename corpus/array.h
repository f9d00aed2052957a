/* array.h — growing a malloc'd array, for every module that collects items. */
#ifndef BRIEFS_ARRAY_H
#define BRIEFS_ARRAY_H

#include <stddef.h>

/* array_grow's growing, out of line: call array_grow. */
int _array_grow(void **v, size_t *cap, size_t need, size_t size);

/* Make room in the array *v (of *cap items of size bytes each, size > 0) for
 * need items, doubling its capacity. Returns 0, or -1 when memory runs out or
 * need items could not be counted in bytes (the array is unchanged).
 * Inline: most calls (one per item added, or per piece a reader decodes)
 * find room, and then cost one comparison. */
static inline int array_grow(void **v, size_t *cap, size_t need, size_t size)
{
    return need <= *cap ? 0 : _array_grow(v, cap, need, size);
}

#endif
