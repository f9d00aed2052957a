/* api.h — brief-serve's JSON API, apart from HTTP: a path and its decoded
 * parameters in, a status and a body out (serve.c carries them over HTTP).
 *
 *   /api                  what the API offers: parameters, facets, sort
 *                         orders, limits, routes (for a page to feature-detect)
 *   /api/search?PARAMS    the JSON document `brief-query --format json` prints
 *                         for the same request (on one line)
 *   /api/brief/ID         one brief whole: its stored data
 *   /api/similar/ID?PARAMS  briefs like brief ID (similar.h), the brief itself
 *                         left out, as a search document; q and the filters
 *                         narrow the set
 *
 * PARAMS: q (the query), person, country, about, source (each repeatable: all
 * must hold), since, until, sort (relevance, date, -date), offset, limit,
 * facets (params_facets' names), facet_limit, any=1 (--any), expand=0
 * (--no-expand). A parameter not listed, one given twice (but the filters),
 * a value out of bounds (API_MAX_*) or not UTF-8, a query the parser refuses,
 * or a value no brief can hold (an unknown country): 400.
 */
#ifndef BRIEFS_API_H
#define BRIEFS_API_H

#include <stddef.h>

#include "extract.h"

/* Bounds on a request, so that none can ask for unbounded work. */
#define API_MAX_QUERY 1024         /* bytes of q */
#define API_MAX_VALUE 256          /* bytes of any other value */
#define API_MAX_FILTERS 32         /* person, country, about, source values */
#define API_MAX_LIMIT 100          /* briefs in one page */
#define API_MAX_OFFSET 10000       /* briefs skipped */
#define API_MAX_FACET_LIMIT 100    /* values per facet */

/* One parameter of the request, decoded: value holds len bytes (which may
 * hold a NUL: refused) and a NUL after them. */
typedef struct api_param {
    const char *name;
    const char *value;
    size_t len;
} api_param;

typedef struct api_response {
    unsigned status;        /* 200, 400, 404 or 503 */
    char *body;             /* JSON text ending in a newline, malloc'd: the caller frees it */
    size_t len;
    unsigned retry_after;   /* with 503: seconds before trying again */
} api_response;

/* Answers requests on one thread, over its own read-only handle on the
 * indexes: opened at the first request, brought to the latest committed
 * revision at each (xc_database_reopen), and opened afresh when an index path
 * now names another directory (brief-index's swap of a first build,
 * brief-reindex --compact's new generation) or a search fails on the index.
 * So a reindex under load shows the old revision or the new one, whole. */
typedef struct api_worker api_worker;

/* Make a worker for the indexes paths[0..n) (n >= 1; the strings must
 * outlive it), using ex (shared by every worker: extractors serve many
 * threads at once; must outlive it) for aliases and names. Nothing is opened
 * yet. Returns NULL when memory runs out. */
api_worker *api_worker_create(const char *const *paths, size_t n, const extractor *ex);

/* Close the worker's handle and free it. Accepts NULL. */
void api_worker_destroy(api_worker *w);

/* Answer the request for path (decoded, starting "/api") with params[0..n)
 * into *out, always with a body: the result, or {"error": "one line"}. 404
 * for a path the API does not have or an ID no brief has; 503 (retry_after
 * set) while the indexes cannot be read. */
void api_handle(api_worker *w, const char *path, const api_param *params, size_t n,
                api_response *out);

#endif
