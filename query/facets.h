/* facets.h — what a facet's counter counted, made into what search_run
 * returns: the top values by count or by significance, the date histograms
 * (every year or month of the match set's range, empty ones as 0), and the
 * number of matches with no value. search.c runs the counters; this module
 * only reads them. */
#ifndef BRIEFS_FACETS_H
#define BRIEFS_FACETS_H

#include "extract.h"
#include "search.h"
#include "xapian-c.h"
#include "xapian-ext-facets.h"

/* In significance order, a value must be in at least this many matches, as
 * in Elasticsearch's significant_terms (min_doc_count): a value seen once in
 * a small match set is otherwise the most "significant" of all. */
#define FACETS_SIGNIFICANT_MIN_COUNT 3

/* The value slot and separator facet f (search.h) counts: its field's; the
 * histograms count the date field's (one "YYYYMMDD" a brief). */
void facets_slot(int f, unsigned *slot, char *separator);

/* How much more often a value occurs in the match set than in the whole
 * index, as Elasticsearch's significant_terms scores it by default (JLH):
 * with fg = count / matches and bg = in_index / documents, (fg - bg) *
 * (fg / bg) when fg > bg, else 0. A value of the match set is in the index,
 * so in_index is taken as at least count. */
double facets_significance(unsigned count, unsigned matches, unsigned in_index,
                           unsigned documents);

/* Fill *out (zeroed by the caller) from counter, which counted facet f over
 * the match set of a search of db: the top req->facet_limit values in
 * req->facet_order (a histogram: every bucket, in date order), their display
 * names (values_display; ex may be NULL), the distinct values and the
 * matches with none. Significance reads each value's frequency in the index
 * (its term under the field's prefix). Returns XC_OK, XC_NO_MEMORY, or the
 * status of a failed read. */
xc_status facets_collect(xc_database *db, const extractor *ex, xe_facets *counter, int f,
                         const search_request *req, facet_counts *out);

#endif
