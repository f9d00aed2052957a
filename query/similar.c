/* similar.c — the query for briefs like one brief. See similar.h. */
#include "similar.h"

#include <stdio.h>
#include <stdlib.h>

#include "feedback.h"
#include "schema.h"

typedef struct stems {
    xc_query *terms[SIMILAR_TERMS];
    size_t n;
    int failed;
} stems;

/* The ESet's terms in decreasing weight: keep the first SIMILAR_TERMS stems
 * that expansion would add (feedback.h). */
static int add_stem(void *ctx, const char *term, double weight)
{
    (void)weight;
    stems *s = ctx;
    if (!feedback_is_expansion_term(term))
        return 0;
    if (xc_query_term(term, 1, 0, &s->terms[s->n]) != XC_OK) {
        s->failed = 1;
        return 1;
    }
    return ++s->n == SIMILAR_TERMS;
}

/* The docid of the brief whose id term is idq's, into *docid (0: none). */
static xc_status find_brief(xc_enquire *enq, const xc_query *idq, unsigned *docid)
{
    xc_mset *m = NULL;
    xc_hit hit;
    *docid = 0;
    xc_status st = xc_enquire_set_query(enq, idq, 1);
    if (st == XC_OK)
        st = xc_enquire_get_mset(enq, 0, 1, 0, &m);
    if (st == XC_OK && xc_mset_size(m) > 0 && (st = xc_mset_hit(m, 0, &hit)) == XC_OK)
        *docid = hit.docid;
    xc_mset_destroy(m);
    return st;
}

xc_status similar_query(xc_database *db, const char *id, xc_query **out, unsigned *nterms,
                        char *err, size_t errlen)
{
    char idterm[SCHEMA_MAX_TERM + 1];
    xc_query *idq = NULL, *like = NULL;
    xc_enquire *enq = NULL;
    stems s = {0};
    unsigned docid = 0;
    *out = NULL;
    *nterms = 0;
    schema_term(idterm, sizeof idterm, PREFIX_ID, id, 0);
    xc_status st = xc_query_term(idterm, 1, 0, &idq);
    if (st == XC_OK)
        st = xc_enquire_create(db, &enq);
    if (st == XC_OK)
        st = find_brief(enq, idq, &docid);
    if (st == XC_OK && !docid)
        st = XC_NOT_FOUND;
    if (st == XC_OK)
        st = xc_enquire_expand(enq, &docid, 1, SIMILAR_TERMS * 3, feedback_expandable, NULL,
                               add_stem, &s);
    if (st == XC_OK && s.failed)
        st = XC_NO_MEMORY;
    if (st == XC_OK)
        st = s.n ? xc_query_combine(XC_OP_OR, s.terms, s.n, 0, &like) : xc_query_match_nothing(&like);
    if (st == XC_OK) {
        xc_query *pair[2] = {like, idq};
        st = xc_query_combine(XC_OP_AND_NOT, pair, 2, 0, out);
        *nterms = (unsigned)s.n;
    }
    if (st != XC_OK && st != XC_NOT_FOUND)
        snprintf(err, errlen, "%s", enq && *xc_enquire_error(enq) ? xc_enquire_error(enq)
                                                                 : xc_status_to_string(st));
    for (size_t i = 0; i < s.n; i++)
        xc_query_destroy(s.terms[i]);
    xc_query_destroy(like);
    xc_query_destroy(idq);
    xc_enquire_destroy(enq);
    return st;
}
