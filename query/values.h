/* values.h — a field's values as the index holds them (the terms under its
 * prefix): how they are shown, and which are nearest to a value the index
 * does not hold, for the hint that names them. */
#ifndef BRIEFS_VALUES_H
#define BRIEFS_VALUES_H

#include <stddef.h>

#include "extract.h"
#include "schema.h"
#include "xapian-c.h"

/* How value of field f (as indexed: "jake-sullivan" for person, "us" for
 * country or about, "reuters" for source) is shown, by f's schema_resolve:
 * the gazetteer's name (SCHEMA_PERSON, SCHEMA_COUNTRY); for a person it does
 * not know, the name the indexer recorded from the briefs
 * (METADATA_PERSON_NAME; on one line), else one made from the id; anything
 * else as it is. ex may be NULL (no gazetteer). Returns a malloc'd string,
 * or NULL when memory runs out. */
char *values_display(xc_database *db, const extractor *ex, const schema_field *f,
                     const char *value);

/* The display name of a person id without a gazetteer entry: "ana-torres" →
 * "Ana Torres" (malloc'd; NULL when memory runs out). */
char *values_person_name(const char *id);

/* The values of field f (its terms) nearest to what the user typed (any
 * case): of those within a few typing errors of it (edit distance up to a
 * third of its length, from the whole value or one of its words; a word that starts
 * with it counts as one error), the ones at the smallest distance, at most
 * max. Written into out (outlen bytes) as their display names joined by
 * ", " ("" when none is near), cut at a whole name. Reads every term under
 * f's prefix: meant for the rare value the index does not hold. Returns
 * XC_OK, or the status of a failed read (out then ""). */
xc_status values_nearest(xc_database *db, const extractor *ex, const schema_field *f,
                         const char *typed, size_t max, char *out, size_t outlen);

#endif
