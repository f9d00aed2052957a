/* values.c — a field's values: display names, the nearest ones. See values.h. */
#include "values.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "schema.h"

/* Bytes of a value compared for nearness: names are shorter; the cap bounds
 * the cost of the edit distance on odd terms (hashed long ids). */
#define VALUES_COMPARE_MAX 64

char *values_person_name(const char *id)
{
    char *s = strdup(id);
    if (!s)
        return NULL;
    int start = 1;
    for (char *p = s; *p; p++) {
        if (*p == '-') {
            *p = ' ';
            start = 1;
        } else {
            if (start && *p >= 'a' && *p <= 'z')
                *p = (char)(*p - 'a' + 'A');
            start = 0;
        }
    }
    return s;
}

/* The gazetteer's name for value of f, or NULL: what costs no read of the
 * index. */
static const char *gazetteer_name(const extractor *ex, const schema_field *f, const char *value)
{
    if (!ex)
        return NULL;
    switch (f->resolve) {
    case SCHEMA_COUNTRY: return extractor_country_name(ex, value);
    case SCHEMA_PERSON: return extractor_person_name(ex, value);
    case SCHEMA_AS_TYPED:
    case SCHEMA_DATE: break;
    }
    return NULL;
}

/* Every run of white space in s as one space, in place: a name recorded
 * from a brief may span its line break ("Walt\nDisney"). */
static char *one_line(char *s)
{
    char *w = s;
    for (const char *r = s; *r;) {
        if (*r == ' ' || *r == '\n' || *r == '\r' || *r == '\t') {
            *w++ = ' ';
            while (*r == ' ' || *r == '\n' || *r == '\r' || *r == '\t')
                r++;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return s;
}

char *values_display(xc_database *db, const extractor *ex, const schema_field *f,
                     const char *value)
{
    const char *known = gazetteer_name(ex, f, value);
    if (known)
        return strdup(known);
    if (f->resolve != SCHEMA_PERSON)
        return strdup(value);
    char key[SCHEMA_MAX_TERM + 1], *recorded = NULL;
    schema_term(key, sizeof key, METADATA_PERSON_NAME, value, 0);
    if (xc_database_get_metadata(db, key, &recorded) == XC_OK && recorded && *recorded)
        return one_line(recorded);
    free(recorded);
    return values_person_name(value);
}

/* ------------------------------------------------------------------------ */
/* Nearness                                                                  */
/* ------------------------------------------------------------------------ */

/* s folded for comparing (at most VALUES_COMPARE_MAX bytes): ASCII lower
 * case, '-' as ' ' (ids join words with '-'). Returns its length. */
static size_t fold(const char *s, char *out)
{
    size_t n = 0;
    for (; *s && n < VALUES_COMPARE_MAX; s++) {
        char c = *s;
        out[n++] = c == '-' ? ' ' : c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    out[n] = '\0';
    return n;
}

static size_t min3(size_t a, size_t b, size_t c)
{
    return a < b ? (a < c ? a : c) : (b < c ? b : c);
}

/* The edit distance between a (n bytes) and b (m bytes): insertions,
 * deletions, substitutions and swaps of two neighbours (optimal string
 * alignment), byte by byte. Written here: three rows of a small table, for
 * which no Debian library is worth a dependency. */
static size_t edit_distance(const char *a, size_t n, const char *b, size_t m)
{
    size_t rows[3][VALUES_COMPARE_MAX + 1];
    size_t *before = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                before[j - 2] + 1 < cur[j])
                cur[j] = before[j - 2] + 1;
        }
        size_t *t = before;
        before = prev;
        prev = cur;
        cur = t;
    }
    return prev[m];
}

/* How far typed (folded, n bytes) is from form: from the whole of it or the
 * nearest of its words; 1 when one of them starts with typed (someone
 * typing part of a name), unless nearer. */
static size_t form_distance(const char *typed, size_t n, const char *form)
{
    char f[VALUES_COMPARE_MAX + 1];
    size_t m = fold(form, f);
    size_t best = edit_distance(typed, n, f, m);
    for (size_t i = 0; i < m && best > 0;) {
        while (i < m && f[i] == ' ')
            i++;
        size_t start = i;
        while (i < m && f[i] != ' ')
            i++;
        if (i == start)
            break;
        if (n >= 3 && i - start >= n && memcmp(f + start, typed, n) == 0 && best > 1)
            best = 1;
        if (i - start != m) {
            size_t d = edit_distance(typed, n, f + start, i - start);
            if (d < best)
                best = d;
        }
    }
    return best;
}

typedef struct near_value {
    char *value;      /* as indexed, without the prefix */
    char *name;       /* its display name, once chosen */
    size_t distance;
} near_value;

typedef struct near_scan {
    const extractor *ex;
    const schema_field *f;
    char typed[VALUES_COMPARE_MAX + 1];
    size_t typed_len, bound;
    near_value *found;
    size_t n, cap;
    int failed;
} near_scan;

static int consider(void *ctx, const char *term)
{
    near_scan *s = ctx;
    const char *value = term + strlen(s->f->prefix);
    size_t d = form_distance(s->typed, s->typed_len, value);
    const char *name = gazetteer_name(s->ex, s->f, value);
    if (name) {
        size_t dn = form_distance(s->typed, s->typed_len, name);
        if (dn < d)
            d = dn;
    }
    if (d > s->bound)
        return 0;
    if (array_grow((void **)&s->found, &s->cap, s->n + 1, sizeof *s->found) != 0 ||
        !(s->found[s->n].value = strdup(value))) {
        s->failed = 1;
        return 1;
    }
    s->found[s->n].name = NULL;
    s->found[s->n++].distance = d;
    return 0;
}

static int by_distance_then_value(const void *a, const void *b)
{
    const near_value *x = a, *y = b;
    if (x->distance != y->distance)
        return x->distance < y->distance ? -1 : 1;
    return strcmp(x->value, y->value);
}

xc_status values_nearest(xc_database *db, const extractor *ex, const schema_field *f,
                         const char *typed, size_t max, char *out, size_t outlen)
{
    near_scan s = {.ex = ex, .f = f};
    out[0] = '\0';
    s.typed_len = fold(typed, s.typed);
    s.bound = s.typed_len / 3 > 1 ? s.typed_len / 3 : 1;
    xc_status st = s.typed_len ? xc_database_allterms(db, f->prefix, consider, &s) : XC_OK;
    if (st == XC_OK && s.failed)
        st = XC_NO_MEMORY;
    /* The nearest are those at the smallest distance; ties in the order of
     * the values (ids and codes sort as their names read), so that only
     * those shown need their names (a read of the index for some people). */
    if (st == XC_OK && s.n > 0)   /* s.found is NULL when nothing was near */
        qsort(s.found, s.n, sizeof *s.found, by_distance_then_value);
    size_t used = 0, shown = 0;
    for (size_t i = 0; st == XC_OK && i < s.n && shown < max; i++) {
        if (s.found[i].distance != s.found[0].distance)
            break;
        if (!(s.found[i].name = values_display(db, ex, f, s.found[i].value))) {
            st = XC_NO_MEMORY;
            break;
        }
        /* Two ids may bear one name ("yeutter", "clayton-yeutter"): once. */
        int again = 0;
        for (size_t k = 0; k < i && !again; k++)
            again = s.found[k].name && strcmp(s.found[k].name, s.found[i].name) == 0;
        const char *sep = shown ? ", " : "";
        if (again || used + strlen(sep) + strlen(s.found[i].name) >= outlen)
            continue;
        used += (size_t)snprintf(out + used, outlen - used, "%s%s", sep, s.found[i].name);
        shown++;
    }
    for (size_t i = 0; i < s.n; i++) {
        free(s.found[i].value);
        free(s.found[i].name);
    }
    free(s.found);
    if (st != XC_OK)
        out[0] = '\0';
    return st;
}
