/* xapian-ext-facets.h — facet counts, and counting matches without the
 * matcher, for a process answering many queries.
 *
 * Part of xapian-c/ext, the machinery briefs builds on the binding
 * (xapian-c.h). It follows the binding's conventions (statuses, errors on
 * the handle, destroy accepts NULL) and works on its handles. It needs C++:
 * a counter is a Xapian::MatchSpy of its own that each run of an enquire
 * feeds, and the tables it counts from are kept with the database handle
 * (xapian-c-internal.hh: addons), which C cannot reach.
 *
 * What it adds to Xapian's ValueCountMatchSpy: a value may hold several
 * items (briefs stores a brief's people, or countries, in one slot, split
 * by a separator), each counted once per document; and a read-only handle
 * that answers many queries keeps, per slot, a table of every document's
 * items, read once, from which counting costs far less a match than reading
 * each document's value. With those tables, a query of terms joined by
 * AND, OR, NOT and filters is counted, with its facets, straight from the
 * posting lists, without the matcher (xe_enquire_count_directly).
 */
#ifndef XAPIAN_EXT_FACETS_H
#define XAPIAN_EXT_FACETS_H

#include <stddef.h>

#include "xapian-c.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xe_facets xe_facets;   /* counts values of a slot over a match */

/* A counter of the values in slot over the whole match set. When separator is
 * not '\0', a value holds several items separated by it ("cn\nru\nus") and
 * each item is counted once per document. Counts are always exact. Each
 * matching document's value is read and split; once a read-only handle's
 * counters have read as many values as the index holds documents, the handle
 * keeps a table of every document's items for that slot (read once, dropped
 * by an xc_database_reopen that finds a new revision, and by
 * xc_database_add) and counts from it, which costs
 * far less a match. Over several shards values are always read one by one;
 * over a remote shard whole values are counted by Xapian's ValueCountMatchSpy
 * and split afterwards. */
xc_status xe_facets_create(unsigned slot, char separator, xe_facets **out);
void xe_facets_destroy(xe_facets *f);

/* For a handle about to answer many queries: build the table of slot's items
 * (split at separator, as xe_facets_create) now, not once counters have read
 * as many values, and again as soon as needed after a reopen. Does nothing
 * more where a handle keeps no tables (writable, several shards, remote). */
xc_status xe_facets_prepare(xc_database *db, unsigned slot, char separator);

/* Count the values of facets over every document each later get_mset of enq
 * looks at (xc_enquire_get_mset: a fresh count each time, never summed over
 * runs). Adding the same counter twice counts it once. The enquire keeps a
 * reference to facets: either may be destroyed first. */
xc_status xe_enquire_add_facets(xc_enquire *enq, xe_facets *facets);
/* Forget every facet counter added to enq. */
xc_status xe_enquire_clear_facets(xc_enquire *enq);

/* Count the documents the query of enq matches, exactly, and the values of
 * the facets added over them, as get_mset(0, 0, doccount) does, but without
 * the matcher (no weighing, no ranking): from the posting lists of the
 * query's terms. Only when the query is made of terms (and match-all) joined
 * by AND, OR, AND_NOT, AND_MAYBE, FILTER, SYNONYM, MAX or scaled, no cutoff
 * is set, and every facet counter added counts from its table (see
 * xe_facets_create). If so, set *count to the number of matches, *counted to
 * 1, and leave each counter's counts as such a get_mset would; otherwise
 * set *counted to 0 and change nothing (run get_mset). */
xc_status xe_enquire_count_directly(xc_enquire *enq, unsigned *count, int *counted);

/* Documents the counter has seen (the match set, when checkatleast covers it). */
unsigned xe_facets_documents_seen(const xe_facets *f);
/* Number of distinct items counted. */
size_t xe_facets_size(xe_facets *f);
/* Documents seen that had at least one item in the slot; the others of
 * xe_facets_documents_seen had none (no value, or only separators). */
unsigned xe_facets_documents_with_items(xe_facets *f);
/* Item i (0-based) in decreasing count, then increasing byte order: *item is
 * owned by the counter (valid until the next get_mset or destroy).
 * XC_INVALID_ARGUMENT when i >= xe_facets_size(); *item is then NULL. */
xc_status xe_facets_get(xe_facets *f, size_t i, const char **item, unsigned *count);

#ifdef __cplusplus
}
#endif

#endif
