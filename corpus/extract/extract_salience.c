/* extract_salience.c — the features and the linear model of salience
 * (extract_salience.h). */
#include "extract_salience.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct feature_out {
    salience_feature *v;
    size_t n;
} feature_out;

/* Add one feature, named as printf would write it. */
__attribute__((format(printf, 2, 3)))
static void put(feature_out *o, const char *fmt, ...)
{
    if (o->n >= SALIENCE_MAX_FEATURES)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->v[o->n++], SALIENCE_FEATURE_LEN, fmt, ap);
    va_end(ap);
}

static unsigned cap(unsigned v, unsigned max)
{
    return v < max ? v : max;
}

/* Where the country is first named: 0 in the first 150 bytes … 4 past 1200;
 * 5 never (named only in the title, or only hinted at). */
static unsigned position_bucket(size_t first)
{
    static const size_t limits[] = { 150, 300, 600, 1200 };
    if (first == (size_t)-1)
        return 5;
    unsigned b = 0;
    while (b < 4 && first >= limits[b])
        b++;
    return b;
}

static unsigned length_bucket(size_t len)
{
    return len < 300 ? 0 : len < 1000 ? 1 : len < 3000 ? 2 : 3;
}

/* The features of a country the brief hints at but never names. */
static void hinted_features(const salience_facts *f, feature_out *o)
{
    unsigned hints = f->hint_person + f->hint_place + f->hint_institution + f->hint_company;
    put(o, "imp");
    put(o, "imp&nc=%u", cap(f->ncountries, 3));
    put(o, "imp&hints=%u", cap(hints, 4));
    put(o, "imp&dl=%d", f->brief_dateline);
    if (f->hint_title)
        put(o, "imp&title");
    if (f->hint_person)
        put(o, "imp:person=%u", cap(f->hint_person, 3));
    if (f->hint_place)
        put(o, "imp:place=%u", cap(f->hint_place, 3));
    if (f->hint_institution)
        put(o, "imp:inst=%u", cap(f->hint_institution, 3));
    if (f->hint_company)
        put(o, "imp:co=%u&nc=%u", cap(f->hint_company, 3), cap(f->ncountries, 2));
    put(o, "imp&cc=%s", f->code);
}

size_t salience_features(const salience_facts *f, salience_feature *out)
{
    feature_out o = { out, 0 };
    put(&o, "bias");
    if (f->title + f->body == 0) {
        hinted_features(f, &o);
        return o.n;
    }
    unsigned n = cap(f->body, 4), nc = cap(f->ncountries, 5);
    unsigned rank = cap(f->rank, 3), pos = position_bucket(f->first);
    unsigned len = length_bucket(f->body_len);
    unsigned named = f->title + f->body;
    int dl = f->brief_dateline;
    put(&o, "dl=%d", dl);
    put(&o, "n=%u", n);
    put(&o, "dl=%d&n=%u", dl, n);
    put(&o, "nc=%u", nc);
    put(&o, "nc=%u&n=%u", nc, n);
    put(&o, "rank=%u", rank);
    put(&o, "rank=%u&n=%u", rank, n);
    put(&o, "pos=%u", pos);
    put(&o, "pos=%u&n=%u", pos, n);
    put(&o, "len=%u&n=%u", len, n);
    /* where it is first named, in quarters of the body (a short brief is all
     * in pos=0), and how far it falls behind the most-named country: a
     * country named once, late, beside one named four times is in passing */
    if (f->first != (size_t)-1 && f->body_len > 0)
        put(&o, "rpos=%u&n=%u", (unsigned)(4 * f->first / f->body_len), n);
    put(&o, "gap=%u&n=%u", cap(f->most_named - named, 3), n);
    put(&o, "share=%u", f->total_body ? 4 * f->body / f->total_body : 0);
    put(&o, "cc=%s", f->code);
    put(&o, "cc=%s&n=%u", f->code, cap(f->body, 2));
    if (f->dateline) {
        put(&o, "indl");
        put(&o, "indl&nc=%u", nc);
    }
    if (f->title) {
        put(&o, "title");
        put(&o, "title&n=%u", n);
        put(&o, "title&nc=%u", nc);
    }
    else if (f->title_countries)
        put(&o, "titleother&n=%u", n);
    if (f->demonym == named)
        put(&o, "demonym-only&n=%u", n);
    else if (f->demonym)
        put(&o, "demonym");
    if (f->place == named && !f->dateline)
        put(&o, "place-only&n=%u", n);
    if (f->subject)
        put(&o, "subject&n=%u", n);
    if (f->listed)
        put(&o, "listed&n=%u", n);
    if (f->hint_person)
        put(&o, "+person=%u", cap(f->hint_person, 2));
    if (f->hint_place)
        put(&o, "+place&n=%u", n);
    if (f->hint_institution)
        put(&o, "+inst&n=%u", n);
    if (f->hint_company)
        put(&o, "+co&n=%u", n);
    if (f->dateline_code && !f->dateline)
        put(&o, "dlc=%s&n=%u", f->dateline_code, cap(f->body, 2));
    return o.n;
}

static int by_name(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

int salience_model_load(salience_model *m, const char *text)
{
    memset(m, 0, sizeof *m);
    size_t cap_n = 0;
    for (const char *p = text; *p; p++)
        cap_n += *p == '\n';
    if (cap_n == 0)
        return 0;
    m->names = calloc(cap_n, sizeof *m->names);
    m->weights = calloc(cap_n, sizeof *m->weights);
    if (!m->names || !m->weights) {
        salience_model_free(m);
        return -1;
    }
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        char name[64];
        float w;
        if (*line != '#' && sscanf(line, "%63s %f", name, &w) == 2) {
            if (strcmp(name, "threshold") == 0)
                m->threshold = w;
            else if (strlen(name) < SALIENCE_FEATURE_LEN && m->n < cap_n) {
                /* one record: the name, then the weight beside it */
                strcpy(m->names[m->n], name);
                m->weights[m->n++] = w;
            }
        }
        line = *end ? end + 1 : end;
    }
    /* sort names and weights together: sort indexes, then permute */
    typedef struct { salience_feature name; float w; } pair;
    pair *pairs = malloc(m->n * sizeof *pairs + 1);
    if (!pairs) {
        salience_model_free(m);
        return -1;
    }
    for (size_t i = 0; i < m->n; i++) {
        memcpy(pairs[i].name, m->names[i], SALIENCE_FEATURE_LEN);
        pairs[i].w = m->weights[i];
    }
    qsort(pairs, m->n, sizeof *pairs, by_name);
    for (size_t i = 0; i < m->n; i++) {
        memcpy(m->names[i], pairs[i].name, SALIENCE_FEATURE_LEN);
        m->weights[i] = pairs[i].w;
    }
    free(pairs);
    return 0;
}

void salience_model_free(salience_model *m)
{
    if (!m)
        return;
    free(m->names);
    free(m->weights);
    memset(m, 0, sizeof *m);
}

int salience_model_empty(const salience_model *m)
{
    return m->n == 0;
}

double salience_score(const salience_model *m, const salience_feature *f, size_t n)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        const salience_feature *hit = bsearch(f[i], m->names, m->n, sizeof *m->names, by_name);
        if (hit)
            sum += m->weights[hit - m->names];
    }
    return sum;
}
