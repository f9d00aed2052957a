/* facets.h — the facets a search counts, and what a facet's counter counted
 * made into what search_run returns: the top values by count or by significance, the date histograms
 * (every year or month of the match set's range, empty ones as 0), and the
 * number of matches with no value. search.c runs the counters; this module
 * only reads them. */
#ifndef BRIEFS_FACETS_H
#define BRIEFS_FACETS_H

#include "extract.h"
#include "schema.h"
#include "xapian-c.h"
#include "xapian-ext-facets.h"

/* The facets a search can count: one for each field of the schema with a
 * facet (by schema_field_id: person, country, about, source, topic), then
 * the date histograms, by year and by month (of the date field's slot). */
enum { FACET_YEAR = SCHEMA_FIELD_COUNT, FACET_MONTH, SEARCH_FACET_COUNT };

/* How a facet's values are ordered (the date histograms: always by date). */
typedef enum search_facet_order {
    FACET_ORDER_COUNT,         /* decreasing count, then the value's bytes */
    FACET_ORDER_SIGNIFICANCE   /* how much more often the value occurs in the
                                  match set than in the whole index:
                                  facets_significance) */
} search_facet_order;

typedef struct facet_value {
    char *id;         /* "jake-sullivan", "us" */
    char *name;       /* "Jake Sullivan", "United States" */
    unsigned count;   /* briefs of the match set that carry it */
    double score;     /* FACET_ORDER_SIGNIFICANCE: its significance; else 0 */
} facet_value;

typedef struct facet_counts {
    facet_value *values;   /* in the order asked, at most the limit asked;
                              a histogram: every bucket from the first to the
                              last in date order, empty ones with count 0 */
    size_t n;
    size_t distinct;       /* distinct values over the whole match set (a
                              histogram: the buckets that are not empty) */
    unsigned none;         /* matches with no value */
    int histogram;         /* non-zero: values are date buckets, in date order */
} facet_counts;

/* Facet f's name ("person", "year": --facets, the API, JSON) and its plural
 * ("people", "years": --facets takes it too, and the text output heads the
 * counts with it); NULL when f is a field without a facet. */
const char *search_facet_name(int f);
const char *search_facet_plural(int f);

/* In significance order, a value must be in at least this many matches, as
 * in Elasticsearch's significant_terms (min_doc_count): a value seen once in
 * a small match set is otherwise the most "significant" of all. */
#define FACETS_SIGNIFICANT_MIN_COUNT 3

/* The value slot and separator facet f counts: its field's; the
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
 * the match set of a search of db: the top limit values in order (a
 * histogram: every bucket, in date order), their display
 * names (values_display; ex may be NULL), the distinct values and the
 * matches with none. Significance reads each value's frequency in the index
 * (its term under the field's prefix). Returns XC_OK, XC_NO_MEMORY, or the
 * status of a failed read. */
xc_status facets_collect(xc_database *db, const extractor *ex, xe_facets *counter, int f,
                         unsigned limit, search_facet_order order, facet_counts *out);

#endif
