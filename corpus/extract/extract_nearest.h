/* extract_nearest.h — private to the extractor: where each word was seen, to
 * find the nearest place before a token (else the first after it) in a
 * binary search.
 *
 * A surname alone stands for the full name nearest before it, else the first
 * after it ("Sullivan" is the Jake Sullivan named above).  Going through
 * every full name of the text for each lone word made extraction quadratic:
 * a 1 MB brief of short words took seconds, 9 MB minutes (#15).  An index is
 * filled (nearest_add), sealed (nearest_seal: one sort), then asked
 * (nearest_find) as often as needed; what is added after sealing is not
 * seen until it is sealed again.
 */
#ifndef BRIEFS_EXTRACT_NEAREST_H
#define BRIEFS_EXTRACT_NEAREST_H

#include <stddef.h>
#include <stdint.h>
#include "strset.h"

/* One place of a key: the token where it was seen, and a value of the
 * caller's (the match or the join it came from).  Entries of one key with
 * the same token keep the order in which they were added. */
typedef struct nearest_entry {
    uint32_t key;       /* the key's number in nearest_index.keys */
    size_t at;          /* the token */
    size_t order;       /* when it was added */
    size_t value;
} nearest_entry;

/* An index, zeroed to begin ({0}). */
typedef struct nearest_index {
    strset keys;
    nearest_entry *v;  size_t n, cap;
    size_t *first;     /* after sealing: per key number, its first entry in v; and n */
} nearest_index;

/* Record that key was seen at token at, with value.  Returns 0, or -1 when
 * memory runs out (the index is then as it was, but for the key). */
int nearest_add(nearest_index *ix, const char *key, size_t at, size_t value);

/* Sort what was added, for nearest_find.  Returns 0, or -1 when memory runs
 * out (nearest_find then finds nothing until it is sealed again). */
int nearest_seal(nearest_index *ix);

/* Find the place of key nearest before token: the largest token `at` below
 * it (with inclusive, at or below it), the first added of several there;
 * when there is none, the smallest token after it, the first added of
 * several.  Set *value to its value and return 1; return 0 when key was
 * never seen (or the index is not sealed).  Cannot fail. */
int nearest_find(const nearest_index *ix, const char *key, size_t token, int inclusive,
                 size_t *value);

/* Free what ix holds and leave it empty. Accepts a zeroed index. */
void nearest_free(nearest_index *ix);

#endif
