/* params.h — what brief-query's options and brief-serve's parameters share:
 * the names of the facets and of the sort orders, the fields that filter,
 * and the defaults. Kept in one place so that a facet or a filter added here
 * reaches both front ends at once. */
#ifndef BRIEFS_PARAMS_H
#define BRIEFS_PARAMS_H

#include <stddef.h>

#include "search.h"

/* The defaults of a search: briefs shown, values per facet, snippet bytes. */
#define PARAMS_LIMIT 10
#define PARAMS_FACET_LIMIT 10
#define PARAMS_SNIPPET_LENGTH 200

/* Set req's limit, facet limit and snippet length to the defaults above. */
void params_defaults(search_request *req);

/* Mark in req->facets each facet that list names (comma- or space-separated:
 * "person,country"; a facet's plural too: "people"). Returns 0, or -1 when a
 * name is no facet's (req->facets is then partly set). */
int params_facets(const char *list, search_request *req);

/* What params_facets accepts, for a usage message: "person, country or both". */
extern const char params_facets_usage[];

/* The name of facet f as params_facets reads it and print_json writes it
 * ("person"). f < FACET_LAST. */
const char *params_facet_name(search_facet f);

/* A sort order by its name: "relevance", "date" (oldest first), "-date".
 * Returns 0, or -1 for another name (*out unchanged). */
int params_sort(const char *name, search_sort *out);

/* The names params_sort reads, in that order, and how many. */
extern const char *const params_sort_names[];
extern const size_t params_nsort_names;

/* The fields that filter by a value given apart from the query text (the
 * query syntax's person:, country:, about:, source:), and how many. */
extern const char *const params_filter_fields[];
extern const size_t params_nfilter_fields;

#endif
