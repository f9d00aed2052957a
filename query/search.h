/* search.h — run a query: rank (BM25), count facets, make snippets. */
#ifndef BRIEFS_SEARCH_H
#define BRIEFS_SEARCH_H

#include <jansson.h>
#include <stddef.h>

#include "extract.h"
#include "facets.h"
#include "schema.h"
#include "xapian-c.h"

typedef enum search_sort {
    SORT_RELEVANCE,
    SORT_DATE_ASCENDING,   /* oldest first, then by relevance */
    SORT_DATE_DESCENDING   /* newest first, then by relevance */
} search_sort;

typedef struct search_request {
    const xc_query *query;
    unsigned nterms;          /* the query's length, for BM25 */
    unsigned offset, limit;   /* the page of hits */
    search_sort sort;
    int facets[SEARCH_FACET_COUNT]; /* by schema_field_id, then FACET_YEAR and
                                       FACET_MONTH; non-zero: count that facet
                                       over the whole match set (a field with no
                                       facet is ignored) */
    unsigned facet_limit;     /* top values per facet (not the histograms: they
                                 show every bucket) */
    search_facet_order facet_order;
    size_t snippet_length;    /* bytes of snippet per hit; 0: none */
    int explain;              /* fill each hit's terms: what matched, what it weighed */
    const struct feedback_params *feedback; /* expand the query (feedback.h) when
                                               sorting by relevance; NULL: no */
    int data_as_text;         /* non-zero (without explain): a hit whose stored data
                               * is one JSON object on one line holding none of
                               * search_hit_fields keeps it as text only (data_json,
                               * data NULL), not parsed: all that print_json's
                               * compact output needs */
    double timeout;           /* seconds the whole search may take (> 0), else it
                               * fails with XC_TIMED_OUT; 0: no limit */
} search_request;

/* The members print_json adds to a hit's stored data. */
#define SEARCH_HIT_NFIELDS 7
extern const char *const search_hit_fields[SEARCH_HIT_NFIELDS];

/* Snippet highlight markers: the printers turn them into bold or offsets. */
#define SEARCH_HI_START "\x01"
#define SEARCH_HI_END "\x02"

/* A query term a hit matched, and what it added to the hit's weight. */
typedef struct search_term_weight {
    char *term;       /* as indexed: "Zsanction" (a stem), "Ssanction" (title), … */
    double weight;    /* its BM25 contribution (0 for a filter) */
} search_term_weight;

typedef struct search_hit {
    unsigned docid, rank;
    int percent;
    double weight;
    json_t *data;     /* the document's data (document.h): id, title, date, …;
                       * NULL only with req->data_as_text (then data_json is set) */
    char *data_json;  /* that data as stored, when it is one JSON object on one
                       * line (as brief-index writes it: compact), else NULL */
    char *snippet;    /* plain text with SEARCH_HI_* markers, or NULL */
    search_term_weight *terms;  /* with req->explain: the weighted terms it matched, */
    size_t nterms;              /* heaviest first; filters left out */
} search_hit;

typedef struct search_result {
    unsigned total_lower, total_estimated, total_upper; /* exact when lower == upper */
    search_hit *hits;
    size_t nhits;
    facet_counts facets[SEARCH_FACET_COUNT];   /* as search_request.facets */
} search_result;

/* Run req over db. Facet counts and, on indexes of a size where it costs
 * little, the total are exact (every match is looked at). On success fill
 * *out (released with search_result_clear) and return XC_OK; on failure
 * return the status with a message in err (errlen bytes). */
xc_status search_run(xc_database *db, const extractor *ex, const search_request *req,
                     search_result *out, char *err, size_t errlen);

/* Non-zero when req asks for facet f (< SEARCH_FACET_COUNT) and f is one (a
 * field with a facet, or a histogram): the facets search_run counts. */
int search_facet_asked(const search_request *req, int f);

/* For a process about to answer many queries with req's facets (--batch):
 * make ready now what counting them needs (xe_facets_prepare), so
 * that no query waits for it. Returns the status (on failure, searches
 * still work: they count without the tables until the handle builds them). */
xc_status search_prepare(xc_database *db, const search_request *req);

/* Weigh enq's matches as search_run does: BM25 with the parameters chosen
 * on Cranfield and Reuters-21578 (query/RANKING.md), matches of equal weight
 * ordered by brief id (SLOT_ID), so that one index and shards of the same
 * briefs rank alike. */
xc_status search_set_weighting(xc_enquire *enq);

/* How a term is shown to users: "Zsanction" → "sanction", "Ssanction" and
 * "ZSsanction" → "title:sanction"; other terms as they are. Writes at most
 * len bytes (NUL included) into buf and returns buf. */
const char *search_term_display(const char *term, char *buf, size_t len);

/* Free what *r owns. Accepts NULL. */
void search_result_clear(search_result *r);

#endif
