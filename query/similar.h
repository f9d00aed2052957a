/* similar.h — "briefs like this one" (brief-query --like ID, /api/similar/ID).
 *
 * The brief's own distinctive stems, from Xapian's ESet with the brief alone
 * as the relevance set (as Omega's MORELIKE), but kept to the stems of at
 * least 1 in SIMILAR_MIN_SHARE_DIVISOR of the index's briefs and with a
 * term's idf weighing at most SIMILAR_MAX_IDF: a name found in three briefs
 * otherwise ranks first the other briefs about that company, whatever they
 * are about; a title's stems weigh SIMILAR_TITLE_WEIGHT times more.
 * The stems are ORed, with those of the ESet of the brief and the first
 * briefs they find (weighing half), and ranked by BM25, the brief itself
 * left out. Each choice was measured on Reuters-21578 against Omega's
 * MORELIKE (scripts/eval-similar, query/RANKING.md). Neither the people and
 * countries a story is about nor its date rank: among stories whose topics
 * were judged, those sharing them or dated near it were no likelier to
 * share its topics. A QUERY or filters narrow the set and never rank.
 */
#ifndef BRIEFS_SIMILAR_H
#define BRIEFS_SIMILAR_H

#include <stddef.h>

#include "search.h"
#include "xapian-c.h"

/* Stems taken from the ESet. */
#define SIMILAR_TERMS 60
/* A stem must be in at least one brief in this many of the index (and in
 * two), 1 in 1,000: 21 of Reuters-21578's 21,578 stories. */
#define SIMILAR_MIN_SHARE_DIVISOR 1000
/* A rarer stem weighs as one of this idf (ln(N / df)). */
#define SIMILAR_MAX_IDF 2.5
/* A title's stem (ZS...) weighs this many times its weight: a headline
 * says what a brief is about. */
#define SIMILAR_TITLE_WEIGHT 2.0
/* Then the ESet of the brief and the first SIMILAR_FEEDBACK_DOCS briefs
 * those stems find (pseudo-relevance feedback), its stems added at
 * SIMILAR_FEEDBACK_WEIGHT of their weight. */
#define SIMILAR_FEEDBACK_DOCS 5
#define SIMILAR_FEEDBACK_WEIGHT 0.5
/* What a search for similar briefs holds while it runs. */
typedef struct similar_search {
    xc_query *query;        /* the search's query (owned) */
} similar_search;

/* Make req a search for the briefs like the one whose id is id, narrowed by
 * narrow (the user's query and filters, or NULL: every brief), which
 * filters and never ranks: set req->query (held by *s, which the caller
 * clears with similar_search_clear once the search is done), nterms and
 * feedback (none). Returns XC_OK; XC_NOT_FOUND when no brief has that id;
 * another status, with a one-line message in err (errlen bytes), when the
 * index fails. */
xc_status similar_search_request(xc_database *db, const char *id, const xc_query *narrow,
                                 search_request *req, similar_search *s, char *err,
                                 size_t errlen);

/* Free what s holds. Accepts a zeroed s. */
void similar_search_clear(similar_search *s);

#endif
