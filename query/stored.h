/* stored.h — read a few members of a brief's stored data (one JSON object,
 * as brief-index writes it) without building a jansson tree: --batch needs
 * only the body (for the snippet) and prints the rest as stored. */
#ifndef BRIEFS_STORED_H
#define BRIEFS_STORED_H

#include <stddef.h>

/* Read data[0..len), which should hold one JSON object, for the nkeys
 * members named by keys. If successful, set values[i] to member keys[i]'s
 * value when it is a string, unescaped and NUL-terminated (malloc'd: the
 * caller frees it), else NULL; set found[i] to 1 when the member is there at
 * all (any type), else 0; and return 0.
 *
 * Returns -1, with every values[i] NULL, when data is not such an object or
 * holds something this reader leaves to jansson: a key of keys twice, a
 * string with "\u0000", a number with an exponent or of more than 15
 * characters, nesting deeper than 32; also when memory runs out. Whatever it
 * accepts, jansson's json_loadb (flags 0) reads to an object whose members
 * keys[i] are the values given here. Cannot fail otherwise. */
int stored_members(const char *data, size_t len, const char *const keys[], size_t nkeys,
                   char *values[], int found[]);

#endif
