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

/* Mark in req->facets each field whose facet list names (comma- or
 * space-separated: "person,country"; a facet's plural too: "people"; "all":
 * every facet). Returns 0, or -1 when a name is no facet's (req->facets is
 * then partly set). */
int params_facets(const char *list, search_request *req);

/* What params_facets accepts, for a usage message ("a list of fields among
 * person, country, or all"), into out (outlen bytes); returns out. */
const char *params_facets_usage(char *out, size_t outlen);

/* A facet order by its name: "count" (the default) or "significance".
 * Returns 0, or -1 for another name (*out unchanged). */
int params_facet_order(const char *name, search_facet_order *out);

/* A sort order by its name: "relevance", "date" (oldest first), "-date".
 * Returns 0, or -1 for another name (*out unchanged). */
int params_sort(const char *name, search_sort *out);

/* The names params_sort reads, in that order, and how many. */
extern const char *const params_sort_names[];
extern const size_t params_nsort_names;

/* Non-zero when name is a field that filters by a value given apart from
 * the query text: one with an option (--person; schema_field.option), as
 * the query syntax's person: does. */
int params_is_filter_field(const char *name);

#endif
