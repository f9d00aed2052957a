/* similar.h — "briefs like this one": the query that finds them.
 *
 * The brief's most distinctive stems, the top of Xapian's ESet with the
 * brief alone as the relevance set (what Omega's MORELIKE does), ORed and
 * ranked by BM25, the brief itself left out. A plain baseline: issue 14
 * (part B) measures better ones against it. */
#ifndef BRIEFS_SIMILAR_H
#define BRIEFS_SIMILAR_H

#include "xapian-c.h"

/* Stems taken from the ESet. */
#define SIMILAR_TERMS 25

/* Set *out to the query for the briefs like the one whose id is id, and
 * *nterms to its length (for BM25); the caller destroys *out. A brief with
 * no stem to share gets a query that matches nothing. Returns XC_OK;
 * XC_NOT_FOUND (*out NULL) when no brief has that id; another status, with a
 * one-line message in err (errlen bytes), when the index fails. */
xc_status similar_query(xc_database *db, const char *id, xc_query **out, unsigned *nterms,
                        char *err, size_t errlen);

#endif
