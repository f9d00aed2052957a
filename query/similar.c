/* similar.c — the search for briefs like one brief. See similar.h. */
#include "similar.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedback.h"
#include "schema.h"

/* The ESet's stems, as weighted term queries. */
typedef struct stems {
    xc_database *db;
    unsigned documents, min_df;
    xc_query *terms[SIMILAR_TERMS];
    size_t n;
    xc_status st;
} stems;

/* The ESet decider: a stem expansion would add (feedback.h), in at least
 * min_df briefs. */
static int common_enough(void *ctx, const char *term)
{
    stems *s = ctx;
    unsigned df = 0;
    if (!feedback_expandable(NULL, term) || !feedback_is_expansion_term(term))
        return 0;
    if (xc_database_termfreq(s->db, term, &df) != XC_OK)
        return 0;
    return df >= s->min_df;
}

/* Non-zero when term is the stem of a title's word (ZS...). */
static int title_stem(const char *term)
{
    return term[0] == 'Z' && strncmp(term + 1, PREFIX_TITLE, strlen(PREFIX_TITLE)) == 0;
}

/* The ESet's terms in decreasing weight: each a query, its weight scaled
 * down when its idf is above SIMILAR_MAX_IDF, and by SIMILAR_TITLE_WEIGHT
 * when it is a title's stem. */
static int add_stem(void *ctx, const char *term, double weight)
{
    (void)weight;
    stems *s = ctx;
    unsigned df = 1;
    xc_query *q = NULL;
    s->st = xc_database_termfreq(s->db, term, &df);
    if (s->st == XC_OK)
        s->st = xc_query_term(term, 1, 0, &q);
    double idf = log((double)s->documents / (df ? df : 1));
    double scale = idf > SIMILAR_MAX_IDF ? SIMILAR_MAX_IDF / idf : 1;
    if (title_stem(term))
        scale *= SIMILAR_TITLE_WEIGHT;
    if (s->st == XC_OK && scale != 1) {
        xc_query *scaled = NULL;
        s->st = xc_query_scale_weight(q, scale, &scaled);
        xc_query_destroy(q);
        q = scaled;
    }
    if (s->st != XC_OK)
        return 1;
    s->terms[s->n++] = q;
    return s->n == SIMILAR_TERMS;
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

/* The stems of the ESet of docids[0..n) (the decider and scaling of
 * common_enough and add_stem), ORed, into *out (a query that matches nothing
 * when there is none); their number is added to *nterms. enq's query must
 * hold no stem (its terms are left out of the ESet). */
static xc_status eset_query(xc_enquire *enq, stems *t, const unsigned *docids, size_t n,
                            xc_query **out, unsigned *nterms)
{
    t->n = 0;
    t->st = XC_OK;
    xc_status st = xc_enquire_expand(enq, docids, n, SIMILAR_TERMS, common_enough, t, add_stem, t);
    if (st == XC_OK)
        st = t->st;
    if (st == XC_OK)
        st = t->n ? xc_query_combine(XC_OP_OR, t->terms, t->n, 0, out)
                  : xc_query_match_nothing(out);
    *nterms += (unsigned)t->n;
    for (size_t i = 0; i < t->n; i++)
        xc_query_destroy(t->terms[i]);
    t->n = 0;
    return st;
}

/* The brief docid and the first SIMILAR_FEEDBACK_DOCS briefs first (without
 * docid: its id term idq) ranks, into docids; their number into *n. */
static xc_status feedback_set(xc_enquire *enq, unsigned docid, const xc_query *first,
                              const xc_query *idq, unsigned *docids, size_t *n)
{
    xc_query *without = NULL;
    xc_mset *m = NULL;
    xc_query *pair[2] = {(xc_query *)first, (xc_query *)idq};
    docids[0] = docid;
    *n = 1;
    xc_status st = xc_query_combine(XC_OP_AND_NOT, pair, 2, 0, &without);
    if (st == XC_OK)
        st = xc_enquire_set_query(enq, without, 0);
    if (st == XC_OK)
        st = search_set_weighting(enq);
    if (st == XC_OK)
        st = xc_enquire_get_mset(enq, 0, SIMILAR_FEEDBACK_DOCS, 0, &m);
    for (unsigned i = 0; st == XC_OK && i < xc_mset_size(m); i++) {
        xc_hit hit;
        st = xc_mset_hit(m, i, &hit);
        if (st == XC_OK && hit.weight > 0)
            docids[(*n)++] = hit.docid;
    }
    xc_mset_destroy(m);
    xc_query_destroy(without);
    /* Back to the id term alone: the next ESet leaves out no stem. */
    if (st == XC_OK)
        st = xc_enquire_set_query(enq, idq, 1);
    return st;
}

xc_status similar_search_request(xc_database *db, const char *id, const xc_query *narrow,
                                 search_request *req, similar_search *s, char *err,
                                 size_t errlen)
{
    char idterm[SCHEMA_MAX_TERM + 1];
    xc_query *idq = NULL, *own = NULL, *more = NULL, *scaled = NULL, *like = NULL,
             *unlike = NULL;
    xc_enquire *enq = NULL;
    stems t = {.db = db, .st = XC_OK};
    unsigned docid = 0, nterms = 0, docids[1 + SIMILAR_FEEDBACK_DOCS];
    size_t ndocids = 0;
    memset(s, 0, sizeof *s);
    schema_field_term(idterm, sizeof idterm, &schema_fields[FIELD_ID], id);
    xc_status st = xc_query_term(idterm, 1, 0, &idq);
    if (st == XC_OK)
        st = xc_database_doccount(db, &t.documents);
    t.min_df = t.documents / SIMILAR_MIN_SHARE_DIVISOR;
    if (t.min_df < 2)
        t.min_df = 2;
    if (st == XC_OK)
        st = xc_enquire_create(db, &enq);
    if (st == XC_OK)
        st = find_brief(enq, idq, &docid);
    if (st == XC_OK && !docid)
        st = XC_NOT_FOUND;
    /* Its own stems; then those of it and the briefs they find first. */
    if (st == XC_OK)
        st = eset_query(enq, &t, &docid, 1, &own, &nterms);
    if (st == XC_OK)
        st = feedback_set(enq, docid, own, idq, docids, &ndocids);
    if (st == XC_OK)
        st = eset_query(enq, &t, docids, ndocids, &more, &nterms);
    if (st == XC_OK)
        st = xc_query_scale_weight(more, SIMILAR_FEEDBACK_WEIGHT, &scaled);
    if (st == XC_OK) {
        xc_query *pair[2] = {own, scaled};
        st = xc_query_combine(XC_OP_OR, pair, 2, 0, &like);
    }
    if (st == XC_OK) {
        xc_query *pair[2] = {like, idq};
        st = xc_query_combine(XC_OP_AND_NOT, pair, 2, 0, &unlike);
    }
    if (st == XC_OK && narrow) {
        xc_query *pair[2] = {unlike, (xc_query *)narrow};
        st = xc_query_combine(XC_OP_FILTER, pair, 2, 0, &s->query);
    } else if (st == XC_OK) {
        s->query = unlike;
        unlike = NULL;
    }
    if (st == XC_OK) {
        req->query = s->query;
        req->nterms = nterms;
        req->feedback = NULL;
    }
    if (st != XC_OK && st != XC_NOT_FOUND)
        snprintf(err, errlen, "%s", enq && *xc_enquire_error(enq) ? xc_enquire_error(enq)
                                                                 : xc_status_to_string(st));
    xc_query_destroy(own);
    xc_query_destroy(more);
    xc_query_destroy(scaled);
    xc_query_destroy(like);
    xc_query_destroy(unlike);
    xc_query_destroy(idq);
    xc_enquire_destroy(enq);
    return st;
}

void similar_search_clear(similar_search *s)
{
    xc_query_destroy(s->query);
    memset(s, 0, sizeof *s);
}
