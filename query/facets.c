/* facets.c — a facet's counts, ordered and named. See facets.h. */
#include "facets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "values.h"

/* The histograms: their names, and how many digits of "YYYYMMDD" make a
 * bucket. */
static const struct {
    const char *name, *plural;
    size_t digits;
} histograms[SEARCH_FACET_COUNT - SCHEMA_FIELD_COUNT] = {
    [FACET_YEAR - SCHEMA_FIELD_COUNT] = {"year", "years", 4},
    [FACET_MONTH - SCHEMA_FIELD_COUNT] = {"month", "months", 6},
};

const char *search_facet_name(int f)
{
    if (f >= SCHEMA_FIELD_COUNT)
        return histograms[f - SCHEMA_FIELD_COUNT].name;
    return schema_fields[f].facet ? schema_fields[f].name : NULL;
}

const char *search_facet_plural(int f)
{
    if (f >= SCHEMA_FIELD_COUNT)
        return histograms[f - SCHEMA_FIELD_COUNT].plural;
    return schema_fields[f].facet;
}

void facets_slot(int f, unsigned *slot, char *separator)
{
    const schema_field *field = &schema_fields[f >= SCHEMA_FIELD_COUNT ? FIELD_DATE : f];
    *slot = (unsigned)field->slot;
    *separator = field->separator;
}

double facets_significance(unsigned count, unsigned matches, unsigned in_index,
                           unsigned documents)
{
    if (matches == 0 || documents == 0 || count == 0)
        return 0;
    if (in_index < count)
        in_index = count;
    double fg = (double)count / matches, bg = (double)in_index / documents;
    return fg > bg ? (fg - bg) * (fg / bg) : 0;
}

/* ------------------------------------------------------------------------ */
/* Histograms                                                                */
/* ------------------------------------------------------------------------ */

/* The bucket of "YYYYMMDD" (digits 4: its year; 6: year * 12 + month - 1),
 * or -1 when it is no such date. */
static long bucket_of(const char *ymd, size_t digits)
{
    if (strlen(ymd) != 8)
        return -1;
    for (size_t i = 0; i < 8; i++)
        if (ymd[i] < '0' || ymd[i] > '9')
            return -1;
    long year = strtol((char[5]){ymd[0], ymd[1], ymd[2], ymd[3], 0}, NULL, 10);
    if (digits == 4)
        return year;
    long month = (ymd[4] - '0') * 10 + (ymd[5] - '0');
    return month >= 1 && month <= 12 ? year * 12 + month - 1 : -1;
}

static xc_status histogram(xe_facets *counter, size_t n, size_t digits, facet_counts *out)
{
    out->histogram = 1;
    long first = -1, last = -1;
    for (size_t i = 0; i < n; i++) {
        const char *item;
        unsigned count;
        xc_status st = xe_facets_get(counter, i, &item, &count);
        if (st != XC_OK)
            return st;
        long b = bucket_of(item, digits);
        if (b < 0)
            continue;
        if (first < 0 || b < first)
            first = b;
        if (b > last)
            last = b;
    }
    if (first < 0)
        return XC_OK;
    size_t nb = (size_t)(last - first + 1);
    out->values = calloc(nb, sizeof *out->values);
    if (!out->values)
        return XC_NO_MEMORY;
    out->n = nb;
    for (size_t i = 0; i < n; i++) {
        const char *item;
        unsigned count;
        xc_status st = xe_facets_get(counter, i, &item, &count);
        if (st != XC_OK)
            return st;
        long b = bucket_of(item, digits);
        if (b >= 0)
            out->values[b - first].count += count;
    }
    for (size_t i = 0; i < nb; i++) {
        long b = first + (long)i;
        char id[48];
        if (digits == 4)
            snprintf(id, sizeof id, "%04ld", b);
        else
            snprintf(id, sizeof id, "%04ld-%02ld", b / 12, b % 12 + 1);
        facet_value *v = &out->values[i];
        v->id = strdup(id);
        v->name = strdup(id);
        if (!v->id || !v->name)
            return XC_NO_MEMORY;
        out->distinct += v->count > 0;
    }
    return XC_OK;
}

/* ------------------------------------------------------------------------ */
/* Values by count, or by significance                                       */
/* ------------------------------------------------------------------------ */

/* A candidate of the significance order. */
typedef struct scored {
    char *id;
    unsigned count;
    double score;
} scored;

static int by_score(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->id, y->id);
}

/* Every value of counter with at least FACETS_SIGNIFICANT_MIN_COUNT matches
 * and a significance above 0, into *out (malloc'd; *nout of them), most
 * significant first. */
static xc_status significant(xc_database *db, xe_facets *counter, size_t n,
                             const schema_field *field, unsigned matches, scored **out,
                             size_t *nout)
{
    unsigned documents = 0;
    xc_status st = xc_database_doccount(db, &documents);
    scored *all = calloc(n ? n : 1, sizeof *all);
    size_t k = 0;
    if (!all)
        st = XC_NO_MEMORY;
    for (size_t i = 0; st == XC_OK && i < n; i++) {
        const char *item;
        unsigned count, in_index = 0;
        char term[SCHEMA_MAX_TERM + 1];
        st = xe_facets_get(counter, i, &item, &count);
        if (st != XC_OK || count < FACETS_SIGNIFICANT_MIN_COUNT)
            continue;
        schema_field_term(term, sizeof term, field, item);
        st = xc_database_termfreq(db, term, &in_index);
        double score = facets_significance(count, matches, in_index, documents);
        if (st != XC_OK || score <= 0)
            continue;
        all[k] = (scored){strdup(item), count, score};
        if (!all[k++].id)
            st = XC_NO_MEMORY;
    }
    if (st == XC_OK)
        qsort(all, k, sizeof *all, by_score);
    *out = all;
    *nout = k;
    return st;
}

xc_status facets_collect(xc_database *db, const extractor *ex, xe_facets *counter, int f,
                         unsigned limit, search_facet_order order, facet_counts *out)
{
    size_t n = xe_facets_size(counter);
    unsigned matches = xe_facets_documents_seen(counter);
    unsigned with = xe_facets_documents_with_items(counter);
    out->none = matches > with ? matches - with : 0;
    if (f >= SCHEMA_FIELD_COUNT)
        return histogram(counter, n, histograms[f - SCHEMA_FIELD_COUNT].digits, out);

    const schema_field *field = &schema_fields[f];
    out->distinct = n;
    scored *ranked = NULL;
    size_t nranked = n;
    xc_status st = XC_OK;
    if (order == FACET_ORDER_SIGNIFICANCE)
        st = significant(db, counter, n, field, matches, &ranked, &nranked);
    size_t shown = nranked < limit ? nranked : limit;
    out->values = calloc(shown ? shown : 1, sizeof *out->values);
    if (!out->values && st == XC_OK)
        st = XC_NO_MEMORY;
    for (size_t i = 0; st == XC_OK && i < shown; i++) {
        const char *item;
        unsigned count;
        double score = 0;
        if (ranked) {
            item = ranked[i].id;
            count = ranked[i].count;
            score = ranked[i].score;
        } else if ((st = xe_facets_get(counter, i, &item, &count)) != XC_OK) {
            break;
        }
        facet_value *v = &out->values[out->n++];
        v->id = strdup(item);
        v->name = values_display(db, ex, field, item);
        v->count = count;
        v->score = score;
        if (!v->id || !v->name)
            st = XC_NO_MEMORY;
    }
    for (size_t i = 0; ranked && i < nranked; i++)
        free(ranked[i].id);
    free(ranked);
    return st;
}
