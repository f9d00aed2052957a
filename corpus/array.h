/* array.h — growing a malloc'd array, for every module that collects items. */
#ifndef BRIEFS_ARRAY_H
#define BRIEFS_ARRAY_H

#include <stddef.h>

/* Make room in the array *v (of *cap items of size bytes each, size > 0) for
 * need items, doubling its capacity. Returns 0, or -1 when memory runs out or
 * need items could not be counted in bytes (the array is unchanged). */
int array_grow(void **v, size_t *cap, size_t need, size_t size);

#endif
