/* fixture_xapian.h — what the tests of the binding (test_xapian_c.c) and of
 * its ext module (test_xapian_ext.c) share: a temporary directory for their
 * databases, five invented briefs indexed as brief-index would (prefixes,
 * values, English stems, spelling data), and the parser brief-query would
 * build over them. Failures are cmocka assertions. */
#ifndef BRIEFS_FIXTURE_XAPIAN_H
#define BRIEFS_FIXTURE_XAPIAN_H

#include <stddef.h>
#include <stdio.h>

#include "xapian-c.h"

/* The directory made by fixture_xapian_setup (a cmocka group setup) and
 * removed, with everything in it, by fixture_xapian_teardown. */
extern char fixture_tmp_root[];
int fixture_xapian_setup(void **state);
int fixture_xapian_teardown(void **state);

/* path = fixture_tmp_root/name */
#define TMP_PATH(var, name)                                                    \
    char var[512];                                                             \
    snprintf(var, sizeof var, "%s/%s", fixture_tmp_root, (name))

/* Write text to the file at path (created or truncated). */
void write_file(const char *path, const char *text);

enum { SLOT_DATE = 0, SLOT_PEOPLE = 1, SLOT_NUMBER = 2, SLOT_SOURCE = 3 };

struct brief {
    const char *id, *title, *body, *people, *countries, *date, *source;
    double number;
};

#define N_BRIEFS 5
extern const struct brief briefs[N_BRIEFS];

/* A committed database at fixture_tmp_root/name holding briefs[from..to). */
void build_db_range(const char *name, size_t from, size_t to);

/* Build every brief into fixture_tmp_root/name and open it read-only. */
xc_database *open_fixture(const char *name);

/* The parser brief-query would build: prefixes, ranges, English stems. */
xc_queryparser *fixture_parser(xc_database *db);

/* An enquire on db for qs parsed by qp (XC_QP_DEFAULT). */
xc_enquire *enquire_for(xc_database *db, xc_queryparser *qp, const char *qs);

#endif
