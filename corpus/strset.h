/* strset.h — a set of strings: add, look up, go through; for bookkeeping by
 * key (the indexer's files met and briefs written in a run, ids to keep), and
 * for interning: each string has a number, the order in which it was added,
 * so that what a caller knows of it can sit in an array of its own (the
 * extractor's gazetteer phrases, country codes and people; train-salience's
 * feature names).
 *
 * Written by hand, as libc has no growing set: hsearch_r(3) has a size fixed
 * at creation, cannot be gone through and does not own its keys, and GLib's
 * GHashTable would bring GLib in for 60 lines. Open addressing with linear
 * probing, hashed with hash.h's FNV-1a; the table doubles when half full, so
 * a look-up probes a slot or two. Strings are copied in; none is removed but
 * by strset_clear().
 */
#ifndef BRIEFS_STRSET_H
#define BRIEFS_STRSET_H

#include <stddef.h>
#include <stdint.h>

/* A set, zeroed to begin ({0} is the empty set). Read count; leave the rest
 * to the functions below. */
typedef struct strset {
    char **slots;          /* nslots entries, NULL or an owned copy */
    uint32_t *numbers;     /* per slot: the number of its string */
    size_t nslots, count;  /* count: the strings in the set */
} strset;

/* Add a copy of s (nothing when s is in the set already). Returns 0, or -1
 * when memory runs out (the set is then as it was). */
int strset_add(strset *set, const char *s);

/* Add a copy of s when it is not in the set, and return its number: how
 * many strings the set held when s was added (0 for the first, then 1, 2…;
 * it never changes).  Returns -1 when memory runs out (the set is then as it
 * was). */
long strset_intern(strset *set, const char *s);

/* Whether s is in the set: 1 or 0. Cannot fail. */
int strset_has(const strset *set, const char *s);

/* The number of s (see strset_intern), or -1 when s is not in the set.
 * Cannot fail. */
long strset_number(const strset *set, const char *s);

/* Go through the set: start with *pos = 0 and call until it returns NULL.
 * Each string comes once, in no particular order (the same order for the
 * same additions). The strings are the set's: valid until strset_clear(); the
 * set may not be added to meanwhile. */
const char *strset_next(const strset *set, size_t *pos);

/* Free every string and the table, and leave the set empty (usable again).
 * Accepts an empty set. */
void strset_clear(strset *set);

#endif
