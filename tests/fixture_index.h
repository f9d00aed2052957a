/* fixture_index.h — a small index built from invented briefs the way
 * brief-index builds its documents (document_build), for the query tests. */
#ifndef BRIEFS_FIXTURE_INDEX_H
#define BRIEFS_FIXTURE_INDEX_H

#include <stddef.h>

#include "extract.h"
#include "xapian-c.h"

/* One invented brief and the entities it is tagged with. */
typedef struct sample {
    const char *id, *title, *body, *date, *source;
    entity people[3];
    size_t npeople;
    entity countries[4];
    size_t ncountries;
    const char *topics;   /* as a Topics: header gives them ("oil, Crude"), or NULL */
} sample;

/* Create and commit an index at path holding samples[0..n), with spelling
 * data. Returns 0, or -1 on any failure. */
int fixture_build_index(const char *path, const sample *samples, size_t n);

/* Build the index of samples[0..n) at DIR/db (DIR: a directory of the test's,
 * from fixture_tmp_make) as fixture_build_index does, and open it read-only
 * into *db. Returns 0, or -1 on any failure. */
int fixture_open_index(const char *dir, const sample *samples, size_t n, xc_database **db);

#endif
