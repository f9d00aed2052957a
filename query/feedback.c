/* feedback.c — pseudo-relevance feedback. See feedback.h. */
#include "feedback.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "stopwords.h"

/* Chosen with scripts/eval-ranking on Cranfield and Reuters-21578
 * (query/RANKING.md). */
const feedback_params feedback_defaults = {.docs = 1, .terms = 20, .weight = 0.2};

/* The added stems, as term queries. */
typedef struct expansion {
    xc_query **terms;
    size_t n, cap;
    int failed;
} expansion;

int feedback_expandable(void *ctx, const char *term)
{
    (void)ctx;
    return !(term[0] >= 'A' && term[0] <= 'Y');
}

/* Stems of titles too: they scored better than leaving titles out. Unstemmed
 * forms would count a word twice next to its stem; a stopword is what the
 * parser drops from the query itself. */
int feedback_is_expansion_term(const char *term)
{
    if (term[0] != 'Z')
        return 0;
    const char *word = term + 1;
    if (strncmp(word, PREFIX_TITLE, strlen(PREFIX_TITLE)) == 0)
        word += strlen(PREFIX_TITLE);
    return !isupper((unsigned char)*word) && !query_is_stopword(word, strlen(word));
}

/* The ESet's terms in decreasing weight: keep those expansion adds. */
static int add_stem(void *ctx, const char *term, double weight)
{
    (void)weight;
    expansion *e = ctx;
    if (!feedback_is_expansion_term(term))
        return 0;
    if (xc_query_term(term, 1, 0, &e->terms[e->n]) != XC_OK) {
        e->failed = 1;
        return 1;
    }
    return ++e->n == e->cap;
}

/* The docids of the top n briefs enq finds, into docids; their count in *got.
 * Briefs that weigh nothing (a query of filters alone) are no evidence. */
static xc_status top_docids(xc_enquire *enq, unsigned n, unsigned *docids, unsigned *got)
{
    xc_mset *m = NULL;
    *got = 0;
    xc_status st = xc_enquire_get_mset(enq, 0, n, 0, &m);
    for (unsigned i = 0; st == XC_OK && i < xc_mset_size(m); i++) {
        xc_hit hit;
        st = xc_mset_hit(m, i, &hit);
        if (st == XC_OK && hit.weight > 0)
            docids[(*got)++] = hit.docid;
    }
    xc_mset_destroy(m);
    return st;
}

/* query AND_MAYBE (the added stems ORed, scaled by weight). */
static xc_status combine(const xc_query *query, const expansion *e, double weight,
                         xc_query **out)
{
    xc_query *added = NULL, *scaled = NULL;
    xc_status st = xc_query_combine(XC_OP_OR, e->terms, e->n, 0, &added);
    if (st == XC_OK)
        st = xc_query_scale_weight(added, weight, &scaled);
    if (st == XC_OK) {
        xc_query *pair[2] = {(xc_query *)query, scaled};
        st = xc_query_combine(XC_OP_AND_MAYBE, pair, 2, 0, out);
    }
    xc_query_destroy(added);
    xc_query_destroy(scaled);
    return st;
}

xc_status feedback_expand(xc_enquire *enq, const xc_query *query, const feedback_params *p,
                          xc_query **out)
{
    *out = NULL;
    unsigned *docids = calloc(p->docs ? p->docs : 1, sizeof *docids), got = 0;
    expansion e = {.cap = p->terms};
    e.terms = calloc(p->terms ? p->terms : 1, sizeof *e.terms);
    xc_status st = docids && e.terms ? XC_OK : XC_NO_MEMORY;
    if (st == XC_OK && p->docs && p->terms)
        st = top_docids(enq, p->docs, docids, &got);
    /* Ask for more than p->terms: the unstemmed forms are skipped. */
    if (st == XC_OK && got > 0)
        st = xc_enquire_expand(enq, docids, got, p->terms * 3, feedback_expandable, NULL, add_stem, &e);
    if (st == XC_OK && e.failed)
        st = XC_NO_MEMORY;
    if (st == XC_OK)
        st = e.n ? combine(query, &e, p->weight, out) : xc_query_scale_weight(query, 1, out);
    for (size_t i = 0; i < e.n; i++)
        xc_query_destroy(e.terms[i]);
    free(e.terms);
    free(docids);
    return st;
}

typedef struct term_search {
    const char *term;
    int found;
} term_search;

static int match_term(void *ctx, const char *term)
{
    term_search *s = ctx;
    s->found = strcmp(term, s->term) == 0;
    return s->found;
}

double feedback_term_scale(const xc_query *query, const feedback_params *p, const char *term)
{
    term_search s = {.term = term};
    xc_query_terms(query, match_term, &s);
    return s.found ? 1.0 : p->weight;
}
