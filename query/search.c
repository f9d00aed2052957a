/* search.c — rank, count facets, make snippets. See search.h. */
#include "search.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "array.h"
#include "facets.h"
#include "feedback.h"
#include "schema.h"
#include "stored.h"
#include "values.h"
#include "xapian-ext-facets.h"
#include "xapian-ext-snippet.h"

/* Up to this many documents, the total is made exact by looking at every
 * match: it costs little next to starting the process. */
#define EXACT_TOTAL_UP_TO 200000u

/* A writer that commits while we read can invalidate our revision; reopening
 * and running again is the cure Xapian prescribes. */
#define MODIFIED_RETRIES 5

/* BM25's k1 (how fast repeated words stop adding weight) and b (how much a
 * long brief is discounted), chosen on Cranfield and Reuters-21578
 * (scripts/eval-ranking); Xapian's defaults are 1 and 0.5. */
#define SEARCH_BM25_K1 2.0
#define SEARCH_BM25_B 0.75

/* Now, in seconds of the monotonic clock. */
static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A new enquire on db whose runs must end by deadline (now_seconds(); 0:
 * none): XC_TIMED_OUT when it has passed already. */
static xc_status enquire_until(xc_database *db, double deadline, xc_enquire **enq)
{
    *enq = NULL;
    double left = deadline > 0 ? deadline - now_seconds() : 0;
    if (deadline > 0 && left <= 0)
        return XC_TIMED_OUT;
    xc_status st = xc_enquire_create(db, enq);
    if (st == XC_OK && deadline > 0)
        st = xc_enquire_set_time_limit(*enq, left);
    return st;
}

/* Xapian's snippets are HTML-escaped; ours are plain text with markers. */
static void unescape_html(char *s)
{
    static const struct {
        const char *entity;
        char c;
    } entities[] = {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&#39;", '\''}};
    char *w = s;
    for (const char *r = s; *r;) {
        if (*r != '&') {
            *w++ = *r++;
            continue;
        }
        size_t i;
        for (i = 0; i < sizeof entities / sizeof entities[0]; i++) {
            size_t len = strlen(entities[i].entity);
            if (strncmp(r, entities[i].entity, len) == 0) {
                *w++ = entities[i].c;
                r += len;
                break;
            }
        }
        if (i == sizeof entities / sizeof entities[0])
            *w++ = *r++;
    }
    *w = '\0';
}

/* Every run of white space in s (line breaks and tabs too) as one space, in
 * place: a brief's text keeps its layout, a snippet reads as one line. */
static void collapse_spaces(char *s)
{
    char *w = s;
    for (const char *r = s; *r;) {
        if (isspace((unsigned char)*r)) {
            *w++ = ' ';
            while (isspace((unsigned char)*r))
                r++;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

/* A copy of data (len bytes) when it holds no line break, else NULL (also
 * when memory runs out: the printers then use the parsed data). */
static char *one_line_copy(const char *data, size_t len)
{
    if (memchr(data, '\n', len) || memchr(data, '\r', len))
        return NULL;
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, data, len);
        copy[len] = '\0';
    }
    return copy;
}

const char *const search_hit_fields[SEARCH_HIT_NFIELDS] = {
    "rank", "percent", "weight", "docid", "snippet", "highlights", "explain"};

/* With req->data_as_text: keep data (len bytes) as text only when it allows
 * (see search_request), its body (malloc'd, or NULL) into *body; 0 when it
 * does not allow, and nothing is kept. */
static int keep_data_as_text(const char *data, size_t len, search_hit *h, char **body)
{
    const char *keys[1 + SEARCH_HIT_NFIELDS] = {"body"};
    char *values[1 + SEARCH_HIT_NFIELDS];
    int found[1 + SEARCH_HIT_NFIELDS], clash = 0;
    for (size_t i = 0; i < SEARCH_HIT_NFIELDS; i++)
        keys[1 + i] = search_hit_fields[i];
    if (stored_members(data, len, keys, 1 + SEARCH_HIT_NFIELDS, values, found) != 0)
        return 0;
    for (size_t i = 1; i <= SEARCH_HIT_NFIELDS; i++) {
        clash |= found[i];
        free(values[i]);
    }
    if (!clash)
        h->data_json = one_line_copy(data, len);
    if (!h->data_json) {
        free(values[0]);
        return 0;
    }
    *body = values[0];
    return 1;
}

/* Fill h->data (and h->data_json) from the stored data (len bytes); the
 * body, when there is one, into *body (malloc'd) for the snippet. */
static xc_status read_data(const char *data, size_t len, const search_request *req,
                           search_hit *h, char **body)
{
    *body = NULL;
    if (req->data_as_text && !req->explain && keep_data_as_text(data, len, h, body))
        return XC_OK;
    h->data = json_loadb(data, len, 0, NULL);
    if (!h->data)
        h->data = json_object(); /* a document not written by brief-index */
    else if (json_is_object(h->data))
        h->data_json = one_line_copy(data, len);
    if (!h->data)
        return XC_NO_MEMORY;
    const char *text = json_string_value(json_object_get(h->data, "body"));
    if (text && !(*body = strdup(text)))
        return XC_NO_MEMORY;
    return XC_OK;
}

static xc_status fill_hit(xc_mset *m, unsigned i, const search_request *req, search_hit *h)
{
    xc_hit hit;
    xc_document *doc = NULL;
    xc_status st = xc_mset_hit(m, i, &hit);
    if (st == XC_OK)
        st = xc_mset_document(m, i, &doc);
    if (st != XC_OK)
        return st;
    h->docid = hit.docid;
    h->rank = hit.rank;
    h->percent = hit.percent;
    h->weight = hit.weight;

    const char *data;
    size_t len;
    char *body = NULL;
    st = xc_document_get_data(doc, &data, &len);
    if (st == XC_OK)
        st = read_data(data, len, req, h, &body);
    xc_document_destroy(doc);
    if (st == XC_OK && req->snippet_length && body && *body) {
        st = xe_mset_snippet(m, body, strlen(body), req->snippet_length, SCHEMA_LANGUAGE, 0,
                             SEARCH_HI_START, SEARCH_HI_END, "…", &h->snippet);
        if (st == XC_OK) {
            unescape_html(h->snippet);
            collapse_spaces(h->snippet);
        }
    }
    free(body);
    return st;
}

const char *search_term_display(const char *term, char *buf, size_t len)
{
    const char *t = term;
    int stem = 0, title = 0;
    if (t[0] == 'Z') {
        stem = 1;
        t++;
    }
    if (t[0] == PREFIX_TITLE[0] && t[1] && !isupper((unsigned char)t[1])) {
        title = 1;
        t++;
    }
    if (!stem && !title)
        t = term;
    snprintf(buf, len, "%s%s", title ? "title:" : "", t);
    return buf;
}

/* Weighting: BM25 with our parameters (query/RANKING.md); ties by brief id. */
xc_status search_set_weighting(xc_enquire *enq)
{
    double k1 = SEARCH_BM25_K1, b = SEARCH_BM25_B;
    xc_status st = xc_enquire_set_bm25(enq, k1, 0, 1, b, 0.5);
    /* Xapian orders matches of equal weight by docid, and docids interleave
     * across shards (shard i of n: (d - 1) * n + i + 1): ties would come out
     * in another order from a stub than from one index of the same briefs.
     * The id in its slot orders them the same (a brief without it, from an
     * index written before the slot, sorts first, then by docid). Measured:
     * scripts/BENCHMARKS.md, "Shards". */
    if (st == XC_OK)
        st = xc_enquire_set_sort_by_relevance_then_value(enq, SLOT_ID, 0);
    return st;
}

typedef struct term_list {
    char **terms;
    size_t n, cap;
    int failed;
} term_list;

static int collect_term(void *ctx, const char *term)
{
    term_list *l = ctx;
    if (array_grow((void **)&l->terms, &l->cap, l->n + 1, sizeof *l->terms) != 0 ||
        !(l->terms[l->n] = strdup(term))) {
        l->failed = 1;
        return 1;
    }
    l->n++;
    return 0;
}

static int by_weight(const void *a, const void *b)
{
    const search_term_weight *x = a, *y = b;
    return x->weight < y->weight ? 1 : x->weight > y->weight ? -1 : strcmp(x->term, y->term);
}

/* The weight term alone gives document docid: the query term filtered to the
 * document's unique id term, under the same weighting. */
static xc_status term_weight(xc_database *db, double deadline, const char *term,
                             const char *idterm, unsigned nterms, double *out)
{
    xc_query *pair[2] = {NULL, NULL}, *q = NULL;
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    xc_hit hit;
    *out = 0;
    xc_status st = xc_query_term(term, 1, 0, &pair[0]);
    if (st == XC_OK)
        st = xc_query_term(idterm, 1, 0, &pair[1]);
    if (st == XC_OK)
        st = xc_query_combine(XC_OP_FILTER, pair, 2, 0, &q);
    if (st == XC_OK)
        st = enquire_until(db, deadline, &enq);
    if (st == XC_OK)
        st = xc_enquire_set_query(enq, q, nterms);
    if (st == XC_OK)
        st = search_set_weighting(enq);
    if (st == XC_OK)
        st = xc_enquire_get_mset(enq, 0, 1, 0, &m);
    if (st == XC_OK && xc_mset_size(m) > 0 && xc_mset_hit(m, 0, &hit) == XC_OK)
        *out = hit.weight;
    xc_mset_destroy(m);
    xc_enquire_destroy(enq);
    xc_query_destroy(q);
    xc_query_destroy(pair[0]);
    xc_query_destroy(pair[1]);
    return st;
}

/* Fill h->terms: the terms of the query h matched, with their weights. */
static xc_status explain_hit(xc_database *db, double deadline, xc_enquire *enq,
                             const search_request *req, search_hit *h)
{
    term_list l = {0};
    xc_status st = xc_enquire_matching_terms(enq, h->docid, collect_term, &l);
    if (st == XC_OK && l.failed)
        st = XC_NO_MEMORY;
    const char *id = json_string_value(json_object_get(h->data, "id"));
    char idterm[SCHEMA_MAX_TERM + 1];
    if (id)
        schema_term(idterm, sizeof idterm, PREFIX_ID, id, 0);
    if (st == XC_OK && l.n && id) {
        h->terms = calloc(l.n, sizeof *h->terms);
        if (!h->terms)
            st = XC_NO_MEMORY;
    }
    for (size_t i = 0; st == XC_OK && h->terms && i < l.n; i++) {
        double w = 0;
        st = term_weight(db, deadline, l.terms[i], idterm, req->nterms, &w);
        if (req->feedback)
            w *= feedback_term_scale(req->query, req->feedback, l.terms[i]);
        if (st == XC_OK && w > 0) {
            h->terms[h->nterms].term = l.terms[i];
            h->terms[h->nterms++].weight = w;
            l.terms[i] = NULL;
        }
    }
    for (size_t i = 0; i < l.n; i++)
        free(l.terms[i]);
    free(l.terms);
    if (h->nterms > 1)
        qsort(h->terms, h->nterms, sizeof *h->terms, by_weight);
    return st;
}

/* Count every match of req (the exact total into *out) and its facets, with
 * no weighing: cheaper than looking at every match while ranking; cheaper
 * still, when the query allows, from its terms' posting lists without the
 * matcher (xe_enquire_count_directly). With directly_only, only so: when
 * the query does not allow, *counted is 0 and nothing is counted. */
static xc_status count_matches(xc_database *db, double deadline, const search_request *req,
                               unsigned doccount,
                               xe_facets **facets, int directly_only, int *counted,
                               search_result *out, char *err, size_t errlen)
{
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    unsigned count = 0;
    *counted = 0;
    xc_status st = enquire_until(db, deadline, &enq);
    if (st == XC_OK)
        st = xc_enquire_set_query(enq, req->query, req->nterms);
    if (st == XC_OK)
        st = xc_enquire_set_boolean_weighting(enq);
    for (int f = 0; st == XC_OK && f < SEARCH_FACET_COUNT; f++)
        if (facets[f])
            st = xe_enquire_add_facets(enq, facets[f]);
    if (st == XC_OK)
        st = xe_enquire_count_directly(enq, &count, counted);
    if (st == XC_OK && *counted)
        out->total_lower = out->total_estimated = out->total_upper = count;
    else if (st == XC_OK && !directly_only)
        st = xc_enquire_get_mset(enq, 0, 0, doccount, &m);
    if (st == XC_OK && m) {
        xc_mset_estimates(m, &out->total_lower, &out->total_estimated, &out->total_upper);
        *counted = 1;
    } else if (st != XC_OK) {
        snprintf(err, errlen, "%s", enq ? xc_enquire_error(enq) : xc_database_error(db));
    }
    xc_mset_destroy(m);
    xc_enquire_destroy(enq);
    return st;
}

/* With req->feedback: run the query expanded by pseudo-relevance feedback
 * (*expanded, which the caller destroys). */
static xc_status apply_feedback(xc_enquire *enq, const search_request *req,
                                xc_query **expanded)
{
    xc_status st = feedback_expand(enq, req->query, req->feedback, expanded);
    if (st == XC_OK)
        st = xc_enquire_set_query(enq, *expanded, req->nterms);
    return st;
}

xc_status search_prepare(xc_database *db, const search_request *req)
{
    xc_status st = XC_OK;
    for (int f = 0; st == XC_OK && f < SEARCH_FACET_COUNT; f++) {
        unsigned slot;
        char separator;
        facets_slot(f, &slot, &separator);
        if (search_facet_asked(req, f))
            st = xe_facets_prepare(db, slot, separator);
    }
    return st;
}

/* One attempt at the search; XC_DATABASE_MODIFIED means: reopen and retry.
 * The page of hits is ranked looking at no more matches than it needs; for
 * facets, or for an exact total on an index of a size where it costs little
 * (when ranking did not already count every match), every match is counted
 * besides, unweighted: from the posting lists when the query allows, else by
 * a second run. With facets and a query whose posting lists do not tell its
 * matches (phrases, ranges, wildcards), the ranking run itself looks at
 * every match instead and counts the facets: matching is then the dear part
 * (positions), and it is done once. Feedback ranks another query than the
 * one counted: there, always two runs. */
static xc_status search_once(xc_database *db, double deadline, const extractor *ex,
                             const search_request *req,
                             search_result *out, char *err, size_t errlen)
{
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    xe_facets *facets[SEARCH_FACET_COUNT] = {NULL};
    xc_query *expanded = NULL;
    unsigned doccount = 0;
    int any_facet = 0;

    xc_status st = xc_database_doccount(db, &doccount);
    if (st == XC_OK)
        st = enquire_until(db, deadline, &enq);
    if (st == XC_OK)
        st = xc_enquire_set_query(enq, req->query, req->nterms);
    if (st == XC_OK)
        st = search_set_weighting(enq);
    if (st == XC_OK && req->feedback && req->sort == SORT_RELEVANCE)
        st = apply_feedback(enq, req, &expanded);
    if (st == XC_OK && req->sort != SORT_RELEVANCE)
        st = xc_enquire_set_sort_by_value_then_relevance(enq, SLOT_DATE,
                                                         req->sort == SORT_DATE_DESCENDING);
    for (int f = 0; st == XC_OK && f < SEARCH_FACET_COUNT; f++) {
        if (!search_facet_asked(req, f))
            continue;
        unsigned slot;
        char separator;
        facets_slot(f, &slot, &separator);
        any_facet = 1;
        st = xe_facets_create(slot, separator, &facets[f]);
    }
    unsigned wanted = req->offset + req->limit;
    int count_all = any_facet || doccount <= EXACT_TOTAL_UP_TO;
    int counted = 0, one_run = 0;
    if (st == XC_OK && any_facet && !expanded) {
        st = count_matches(db, deadline, req, doccount, facets, 1, &counted, out, err, errlen);
        /* Not over a remote shard: there Xapian 1.4 feeds a match spy some
         * documents twice when ties are ordered by a value (70 for 57
         * matches on corpus/samples in 3 shards): the facets are counted by
         * a run of their own, unordered. */
        one_run = !counted && !xc_database_has_remote(db);
        if (st != XC_OK)
            goto done;
    }
    for (int f = 0; one_run && st == XC_OK && f < SEARCH_FACET_COUNT; f++)
        if (facets[f])
            st = xe_enquire_add_facets(enq, facets[f]);
    if (st == XC_OK)
        st = xc_enquire_get_mset(enq, req->offset, req->limit,
                                 one_run && doccount > wanted ? doccount : wanted, &m);
    if (st != XC_OK) {
        snprintf(err, errlen, "%s", enq ? xc_enquire_error(enq) : xc_database_error(db));
        goto done;
    }
    if (!counted)
        xc_mset_estimates(m, &out->total_lower, &out->total_estimated, &out->total_upper);
    if (!counted && !one_run && (any_facet || (count_all && out->total_lower != out->total_upper)))
        st = count_matches(db, deadline, req, doccount, facets, 0, &counted, out, err, errlen);
    if (st != XC_OK)
        goto done;

    unsigned size = xc_mset_size(m);
    out->hits = calloc(size ? size : 1, sizeof *out->hits);
    if (out->hits)
        out->nhits = size;
    else
        st = XC_NO_MEMORY;
    /* Snippets mark the user's words, not those feedback added; --explain
     * shows both. */
    if (st == XC_OK && expanded)
        st = xc_enquire_set_query(enq, req->query, req->nterms);
    for (unsigned i = 0; st == XC_OK && i < out->nhits; i++)
        st = fill_hit(m, i, req, &out->hits[i]);
    if (st == XC_OK && expanded && req->explain)
        st = xc_enquire_set_query(enq, expanded, req->nterms);
    for (unsigned i = 0; st == XC_OK && req->explain && i < out->nhits; i++)
        st = explain_hit(db, deadline, enq, req, &out->hits[i]);
    for (int f = 0; st == XC_OK && f < SEARCH_FACET_COUNT; f++)
        if (facets[f])
            st = facets_collect(db, ex, facets[f], f, req->facet_limit, req->facet_order,
                                &out->facets[f]);
    if (st != XC_OK)
        snprintf(err, errlen, "%s", *xc_mset_error(m) ? xc_mset_error(m) : xc_status_to_string(st));

done:
    xc_query_destroy(expanded);
    xc_mset_destroy(m);
    for (int f = 0; f < SEARCH_FACET_COUNT; f++)
        xe_facets_destroy(facets[f]);
    xc_enquire_destroy(enq);
    return st;
}

int search_facet_asked(const search_request *req, int f)
{
    return req->facets[f] && search_facet_name(f) != NULL;
}

xc_status search_run(xc_database *db, const extractor *ex, const search_request *req,
                     search_result *out, char *err, size_t errlen)
{
    xc_status st;
    double deadline = req->timeout > 0 ? now_seconds() + req->timeout : 0;
    for (int attempt = 0;; attempt++) {
        memset(out, 0, sizeof *out);
        st = search_once(db, deadline, ex, req, out, err, errlen);
        if (st != XC_DATABASE_MODIFIED || attempt == MODIFIED_RETRIES)
            break;
        search_result_clear(out);
        if (xc_database_reopen(db, NULL) != XC_OK)
            break;
    }
    if (st == XC_TIMED_OUT)
        snprintf(err, errlen, "no answer within the time limit (%.0f ms)", req->timeout * 1000);
    if (st != XC_OK)
        search_result_clear(out);
    return st;
}

void search_result_clear(search_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nhits; i++) {
        json_decref(r->hits[i].data);
        free(r->hits[i].data_json);
        free(r->hits[i].snippet);
        for (size_t t = 0; t < r->hits[i].nterms; t++)
            free(r->hits[i].terms[t].term);
        free(r->hits[i].terms);
    }
    free(r->hits);
    for (int f = 0; f < SEARCH_FACET_COUNT; f++) {
        for (size_t i = 0; i < r->facets[f].n; i++) {
            free(r->facets[f].values[i].id);
            free(r->facets[f].values[i].name);
        }
        free(r->facets[f].values);
    }
    memset(r, 0, sizeof *r);
}
