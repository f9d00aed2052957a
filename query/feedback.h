/* feedback.h — pseudo-relevance feedback: add to a query the terms that best
 * mark its top briefs (Xapian's RSet and ESet). On in brief-query unless
 * --no-expand. */
#ifndef BRIEFS_FEEDBACK_H
#define BRIEFS_FEEDBACK_H

#include "xapian-c.h"

typedef struct feedback_params {
    unsigned docs;    /* the top briefs taken as relevant (the RSet) */
    unsigned terms;   /* stems added: the top of their ESet */
    double weight;    /* an added stem's weight, as a share of a query word's */
} feedback_params;

/* The settings chosen on Cranfield and Reuters-21578 (query/RANKING.md). */
extern const feedback_params feedback_defaults;

/* enq holds query, with its weighting. Run it, take its top p->docs briefs as
 * relevant and set *out to query with the top p->terms stems of their ESet
 * (stems only: no field, no filter, no term of query) added, scaled by
 * p->weight. The added stems reweight the briefs query matches and never
 * match one of their own: filters, facets and totals stay those of query.
 * When query matches nothing, or nothing it matches weighs anything (only
 * filters), *out is query unchanged. The caller destroys *out. */
xc_status feedback_expand(xc_enquire *enq, const xc_query *query, const feedback_params *p,
                          xc_query **out);

/* The ESet decider (xc_expand_decider): which terms the ESet may hold: not
 * a field's or a filter's. The schema's prefixes are upper case, and Z marks
 * a stem (of a word, or of a title's word: ZS), so a term starting with an
 * upper-case letter other than Z is not one to add to a query. */
int feedback_expandable(void *ctx, const char *term);

/* Non-zero when term, from an ESet, is one that expansion adds: the stem
 * (Zword, or ZSword of a title) of a word that is no stopword. Unstemmed
 * forms would count a word twice next to its stem; a stopword is what the
 * parser drops from the query itself. Also used for similar briefs
 * (similar.h). */
int feedback_is_expansion_term(const char *term);

/* What term weighs in the expanded query, per unit of its own BM25 weight:
 * 1 for a term of query, p->weight for an added one. */
double feedback_term_scale(const xc_query *query, const feedback_params *p, const char *term);

#endif
