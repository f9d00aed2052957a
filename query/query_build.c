/* query_build.c — query string + filters → xc_query. See query_build.h. */
#include "query_build.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "dates.h"
#include "schema.h"
#include "stopwords.h"
#include "values.h"

/* Ranking defaults, each chosen by scripts/eval-ranking on Cranfield and
 * Reuters-21578 (query/RANKING.md). */
#define QUERY_STEMMING XC_STEM_SOME   /* STEM_ALL_Z lost on Cranfield (0.297 vs 0.304) */
#define QUERY_STOPWORDS 1             /* +0.009 MAP on Cranfield */
#define QUERY_AND_UP_TO 3             /* AND up to this many ranking words, then OR */
#define QUERY_BOOLEAN_UP_TO 6         /* operators count in queries this short */

/* What one query may ask besides its length (QUERY_MAX_BYTES, query_build.h):
 * Far above what a person types; a program that needs more asks several
 * queries. */
#define QUERY_MAX_TOKENS 256          /* words, operators and fields */
#define QUERY_MAX_WILDCARD 1000       /* words one word* may stand for */

static xc_status term_query(const char *prefix, const char *value, int lower, xc_query **out)
{
    char term[SCHEMA_MAX_TERM + 1];
    schema_term(term, sizeof term, prefix, value, lower);
    return xc_query_term(term, 1, 0, out);
}

/* The term of value in field f, as brief-index writes it. */
static xc_status field_term_query(const schema_field *f, const char *value, xc_query **out)
{
    return term_query(f->prefix, value, f->lower, out);
}

/* ------------------------------------------------------------------------ */
/* People                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct surname_scan {
    const char *suffix;   /* "-sullivan" */
    const char *exact;    /* "XPsullivan": someone known by one name matches too */
    size_t suffix_len;
    xc_query **found;
    size_t n, cap;
    int failed;
} surname_scan;

static int collect_surname(void *ctx, const char *term)
{
    surname_scan *s = ctx;
    size_t len = strlen(term);
    int carries = len >= s->suffix_len && strcmp(term + len - s->suffix_len, s->suffix) == 0;
    if (!carries && strcmp(term, s->exact) != 0)
        return 0;
    if (array_grow((void **)&s->found, &s->cap, s->n + 1, sizeof *s->found) != 0 ||
        xc_query_term(term, 1, 0, &s->found[s->n]) != XC_OK) {
        s->failed = 1;
        return 1;
    }
    s->n++;
    return 0;
}

/* SCHEMA_PERSON: name, any alias, → the filter on field f. */
static xc_status person_filter(xc_database *db, const extractor *ex, const schema_field *f,
                               const char *name, xc_query **out)
{
    char id[SCHEMA_MAX_TERM];
    char term[SCHEMA_MAX_TERM + 1];
    *out = NULL;
    if (extractor_person_id(ex, name, id, sizeof id) != 0)
        return XC_QUERY_SYNTAX;
    schema_field_term(term, sizeof term, f, id);
    if (strpbrk(name, " \t-"))
        return xc_query_term(term, 1, 0, out);

    /* A single name is taken as a surname too: person:sullivan matches every
     * indexed person who carries it (Jake Sullivan, Maeve Sullivan, …), even
     * when the gazetteer resolves the bare name to one of them. */
    const char *last = strrchr(id, '-');
    char suffix[SCHEMA_MAX_TERM + 2];
    snprintf(suffix, sizeof suffix, "-%s", last ? last + 1 : id);
    surname_scan s = {.suffix = suffix, .suffix_len = strlen(suffix), .exact = term};
    xc_status st = xc_database_allterms(db, f->prefix, collect_surname, &s);
    if (st == XC_OK && s.failed)
        st = XC_NO_MEMORY;
    if (st == XC_OK)
        st = s.n ? xc_query_combine(XC_OP_OR, s.found, s.n, 0, out)
                 : xc_query_term(term, 1, 0, out);
    for (size_t i = 0; i < s.n; i++)
        xc_query_destroy(s.found[i]);
    free(s.found);
    return st;
}

xc_status query_person_filter(xc_database *db, const extractor *ex, const char *name,
                              xc_query **out)
{
    return person_filter(db, ex, &schema_fields[FIELD_PERSON], name, out);
}

/* ------------------------------------------------------------------------ */
/* Countries, dates                                                          */
/* ------------------------------------------------------------------------ */

/* SCHEMA_COUNTRY: name, any alias, → the filter on field f. */
static xc_status country_filter(const extractor *ex, const schema_field *f, const char *name,
                                xc_query **out)
{
    *out = NULL;
    const char *code = extractor_country_code(ex, name);
    if (!code)
        return XC_QUERY_SYNTAX;
    return field_term_query(f, code, out);
}

xc_status query_country_filter(const extractor *ex, const char *name, xc_query **out)
{
    return country_filter(ex, &schema_fields[FIELD_COUNTRY], name, out);
}

/* The briefs dated from day lo to day hi ("YYYY-MM-DD"; NULL: an open end),
 * as SCHEMA_VALUE_DATE stores dates (YYYYMMDD) in slot. */
static xc_status days_query(unsigned slot, const char *lo, const char *hi, xc_query **out)
{
    char from[9], to[9];
    if (lo)
        snprintf(from, sizeof from, "%.4s%.2s%.2s", lo, lo + 5, lo + 8);
    if (hi)
        snprintf(to, sizeof to, "%.4s%.2s%.2s", hi, hi + 5, hi + 8);
    return xc_query_value_range(slot, lo ? from : NULL, hi ? to : NULL, out);
}

/* Room for one end of a range of dates, as typed. */
#define DATE_END_SIZE 64

/* A range A..B of field f, either end left out (date:2015.., date:..2022-03):
 * from A's first day to B's last, each end any form date_parse_arg() reads.
 * XC_QUERY_SYNTAX for an end it cannot read, no end at all, or a range
 * that ends before it begins (why then says so). */
static xc_status date_range_query(const schema_field *f, const char *value, const char *dots,
                                  xc_query **out, const char **why)
{
    char a[DATE_END_SIZE], b[DATE_END_SIZE], lo[DATE_ISO_SIZE], hi[DATE_ISO_SIZE];
    size_t na = (size_t)(dots - value), nb = strlen(dots + 2);
    if (na >= sizeof a || nb >= sizeof b || (na == 0 && nb == 0))
        return XC_QUERY_SYNTAX;
    snprintf(a, sizeof a, "%.*s", (int)na, value);
    snprintf(b, sizeof b, "%s", dots + 2);
    if ((na && date_parse_arg(a, 0, lo) != 0) || (nb && date_parse_arg(b, 1, hi) != 0))
        return XC_QUERY_SYNTAX;
    if (na && nb && strcmp(lo, hi) > 0) {
        *why = "ends before it begins";
        return XC_QUERY_SYNTAX;
    }
    return days_query((unsigned)f->slot, na ? lo : NULL, nb ? hi : NULL, out);
}

/* SCHEMA_DATE: date:2022 → Y2022, date:2022-03 → M202203, date:2022-03-14
 * (or any form dates.h reads) → D20220314, as SCHEMA_TERMS_DATE writes them
 * (f's prefix is the day's); a range A..B → date_range_query. why as
 * resolve()'s. */
static xc_status date_query(const schema_field *f, const char *value, xc_query **out,
                            const char **why)
{
    const char *dots = strstr(value, "..");
    if (dots)
        return date_range_query(f, value, dots, out, why);
    size_t n = strlen(value);
    int digits_only = n > 0 && strspn(value, "0123456789") == n;
    char buf[16];
    if (n == 4 && digits_only)
        return term_query(PREFIX_YEAR, value, 0, out);
    if (n == 7 && value[4] == '-' && strspn(value, "0123456789") == 4 &&
        strspn(value + 5, "0123456789") == 2) {
        snprintf(buf, sizeof buf, "%.4s%.2s", value, value + 5);
        return term_query(PREFIX_MONTH, buf, 0, out);
    }
    char iso[DATE_ISO_SIZE];
    if (date_parse_arg(value, 0, iso) != 0)
        return XC_QUERY_SYNTAX;
    snprintf(buf, sizeof buf, "%.4s%.2s%.2s", iso, iso + 5, iso + 8);
    return term_query(f->prefix, buf, 0, out);
}

/* ------------------------------------------------------------------------ */
/* Boolean fields: field:value and its option, read alike                    */
/* ------------------------------------------------------------------------ */

/* Whether s is NULL or holds only white space. */
static int blank(const char *s)
{
    while (s && *s && isspace((unsigned char)*s))
        s++;
    return !s || !*s;
}

/* Room for a message about a field value, hint included. */
#define FIELD_MESSAGE_SIZE 512

/* The nearest values a hint names. */
#define HINT_VALUES 3

/* What the field callbacks need, and what they leave for query_build. */
typedef struct field_ctx {
    xc_database *db;
    const extractor *ex;
    char message[FIELD_MESSAGE_SIZE];  /* why the last value failed */
    char **hints;                      /* query_built.hints, being made */
    size_t nhints, cap;
    xc_status failed;                  /* an error other than the user's (memory, I/O) */
} field_ctx;

/* Boolean field f's value → the filter query, read by f's schema_resolve.
 * XC_QUERY_SYNTAX when the value cannot be read, with the reason (after
 * "'VALUE' ") in why. */
static xc_status resolve(const field_ctx *c, const schema_field *f, const char *value,
                         xc_query **q, const char **why)
{
    switch (f->resolve) {
    case SCHEMA_PERSON:
        *why = "is no name";
        return person_filter(c->db, c->ex, f, value, q);
    case SCHEMA_COUNTRY:
        *why = "is no country the gazetteer knows";
        return country_filter(c->ex, f, value, q);
    case SCHEMA_DATE:
        *why = "is no date: YYYY, YYYY-MM, a day such as 2022-03-14, or a range A..B "
               "(either end may be left out)";
        return date_query(f, value, q, why);
    case SCHEMA_AS_TYPED:
        break;
    }
    return field_term_query(f, value, q);
}

/* The boolean field named name, or NULL. */
static const schema_field *boolean_field_named(const char *name)
{
    const schema_field *f = schema_field_named(name);
    return f && f->kind == SCHEMA_BOOLEAN ? f : NULL;
}

typedef struct held_scan {
    xc_database *db;
    int held;
    xc_status st;
} held_scan;

static int check_held(void *ctx, const char *term)
{
    held_scan *h = ctx;
    h->st = xc_database_term_exists(h->db, term, &h->held);
    return h->st != XC_OK || h->held;
}

/* Does some brief hold a term of q? */
static xc_status query_held(xc_database *db, const xc_query *q, int *held)
{
    held_scan h = {.db = db};
    xc_status st = xc_query_terms(q, check_held, &h);
    *held = h.held;
    return st != XC_OK ? st : h.st;
}

/* label ("country" or "--country"), value, what is wrong with it, and the
 * nearest values the index holds (for a field that names them), into out:
 * one line. */
static void describe(field_ctx *f, const schema_field *bf, const char *label,
                     const char *value, const char *why, char *out, size_t outlen)
{
    char nearest[FIELD_MESSAGE_SIZE / 2] = "";
    if (bf->nearest) {
        xc_status st = values_nearest(f->db, f->ex, bf, value, HINT_VALUES, nearest,
                                      sizeof nearest);
        if (st != XC_OK && f->failed == XC_OK)
            f->failed = st;
    }
    snprintf(out, outlen, "%s: '%s' %s%s%s", label, value, why,
             nearest[0] ? "; nearest: " : "", nearest);
}

/* value of field bf, given as label → its filter query in *q. A value that
 * cannot be read: XC_QUERY_SYNTAX, with the message in f->message. A value
 * that no brief holds: a hint in f->hints. */
static xc_status field_filter(field_ctx *f, const schema_field *bf, const char *label,
                              const char *value, xc_query **q)
{
    const char *why = "";
    *q = NULL;
    if (blank(value)) {   /* about:"" would match nothing, --about '' likewise */
        snprintf(f->message, sizeof f->message, "%s: needs a value", label);
        return XC_QUERY_SYNTAX;
    }
    xc_status st = resolve(f, bf, value, q, &why);
    if (st == XC_QUERY_SYNTAX) {
        describe(f, bf, label, value, why, f->message, sizeof f->message);
        return st;
    }
    int held = 1;
    if (st == XC_OK && bf->nearest)
        st = query_held(f->db, *q, &held);
    char line[FIELD_MESSAGE_SIZE];
    if (st == XC_OK && !held) {
        describe(f, bf, label, value, "is in no brief", line, sizeof line);
        for (size_t i = 0; i < f->nhints && held == 0; i++)
            held = strcmp(f->hints[i], line) == 0;   /* said already */
    }
    if (st == XC_OK && !held) {
        if (array_grow((void **)&f->hints, &f->cap, f->nhints + 1, sizeof *f->hints) != 0 ||
            !(f->hints[f->nhints] = strdup(line)))
            st = XC_NO_MEMORY;
        else
            f->nhints++;
    }
    if (st == XC_OK && f->failed != XC_OK)
        st = f->failed;
    if (st != XC_OK && st != XC_QUERY_SYNTAX && f->failed == XC_OK)
        f->failed = st;
    return st;
}

/* The parser's callback for every boolean field: ctx is a field_binding. */
typedef struct field_binding {
    field_ctx *f;
    const schema_field *field;
} field_binding;

static xc_status parse_field(void *ctx, const char *value, xc_query **q, const char **msg)
{
    field_binding *b = ctx;
    xc_status st = field_filter(b->f, b->field, b->field->name, value, q);
    if (st == XC_QUERY_SYNTAX)
        *msg = b->f->message;   /* copied by the parser as this returns */
    return st;
}

/* ------------------------------------------------------------------------ */
/* The parser                                                                */
/* ------------------------------------------------------------------------ */

/* ------------------------------------------------------------------------ */
/* Natural language or boolean                                               */
/* ------------------------------------------------------------------------ */

static int is_operator(const char *w, size_t n)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        size_t len = strlen(ops[i]);
        if (n >= len && strncmp(w, ops[i], len) == 0 && (n == len || w[len] == '/'))
            return 1;
    }
    return 0;
}

typedef enum field_kind { NOT_A_FIELD, WORDS_FIELD, FILTER_FIELD } field_kind;

/* Is w (n bytes) the name of a field the parser knows ("title", "country"),
 * and of which kind: one of words (title:) or a filter (country:)? */
static field_kind field_named(const char *w, size_t n)
{
    for (size_t i = 0; i < SCHEMA_FIELD_COUNT; i++) {
        const schema_field *sf = &schema_fields[i];
        if (strlen(sf->name) != n || strncmp(sf->name, w, n) != 0)
            continue;
        if (sf->kind == SCHEMA_BOOLEAN)
            return FILTER_FIELD;
        if (sf->kind == SCHEMA_TEXT && sf->prefix[0])
            return WORDS_FIELD;
    }
    return NOT_A_FIELD;
}

/* Where the words of token w (up to *end) that may rank start: past a field
 * prefix the parser reads there ("title:", after any brackets, + or -), and
 * for a boolean field past its value too, read as Xapian 1.4's parser reads
 * it: a quoted string ("" an escaped quote), which may run past the token
 * (*end then moves to its end), else up to a space or ')'. */
static const char *past_field(const char *w, const char **end)
{
    const char *name = w;
    while (name < *end && (*name == '(' || *name == '+' || *name == '-'))
        name++;
    const char *colon = name;
    while (colon < *end && isalnum((unsigned char)*colon))
        colon++;
    if (colon == name || colon + 1 >= *end || *colon != ':' || colon[1] == ')')
        return w;
    field_kind kind = field_named(name, (size_t)(colon - name));
    if (kind != FILTER_FIELD)
        return kind == WORDS_FIELD ? colon + 1 : w;
    const char *v = colon + 1;
    if (*v == '"') {
        for (v++; *v; v++)
            if (*v == '"' && *++v != '"')
                break;
    } else {
        while ((unsigned char)*v > ' ' && *v != ')')
            v++;
    }
    if (v > *end)
        *end = v;
    return v;
}

/* The first field of text given no value ("about:" at a token's end or
 * before ')'), outside quoted phrases, into name (size namelen); 0 when there
 * is none. The parser would read "about:" as the word "about", and match
 * every brief. */
static int field_without_value(const char *text, char *name, size_t namelen)
{
    int quoted = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        if (quoted || !isalnum((unsigned char)*p) ||
            (p > text && !isspace((unsigned char)p[-1]) && !strchr("(+-", p[-1])))
            continue;
        const char *colon = p;
        while (isalnum((unsigned char)*colon))
            colon++;
        if (*colon == ':' && (!colon[1] || isspace((unsigned char)colon[1]) || colon[1] == ')') &&
            field_named(p, (size_t)(colon - p)) != NOT_A_FIELD) {
            snprintf(name, namelen, "%.*s", (int)(colon - p), p);
            return 1;
        }
        p = colon - 1;
    }
    return 0;
}

void query_analyse(const char *text, query_shape *out)
{
    memset(out, 0, sizeof *out);
    int syntax = 0, lower = 0;
    unsigned tokens = 0;
    const char *p = text ? text : "";
    while (*p) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        size_t n = (size_t)(p - w);
        tokens++;
        if ((w[0] == '+' || w[0] == '-') && n > 1 && isalnum((unsigned char)w[1]))
            syntax = 1;
        if (w[n - 1] == '*')
            syntax = 1;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)w[i];
            if (c == '(' || c == ')' || c == '"')
                syntax = 1;
            else if (c == ':' && field_named(w, i) != NOT_A_FIELD)
                syntax = 1;
        }
        if (is_operator(w, n)) {
            out->operators++;
            continue;
        }
        for (size_t i = 0; i < n; i++)
            if (islower((unsigned char)w[i]))
                lower = 1;
        /* A field's name never ranks, nor a filter's value (country:japan):
         * counting them would turn "country:japan oil prices" into an OR
         * that --country japan 'oil prices' is not. */
        const char *from = past_field(w, &p);
        if (from >= p)
            continue;
        n = (size_t)(p - from);
        w = from;
        /* Count the words as the parser will see them: split at what is
         * neither a letter, a digit nor a byte of a UTF-8 sequence. */
        for (size_t i = 0; i < n;) {
            while (i < n && !isalnum((unsigned char)w[i]) && !((unsigned char)w[i] & 0x80))
                i++;
            size_t start = i;
            while (i < n && (isalnum((unsigned char)w[i]) || ((unsigned char)w[i] & 0x80) ||
                             (w[i] == '\'' && i + 1 < n && isalnum((unsigned char)w[i + 1]))))
                i++;
            if (i > start && !query_is_stopword(w + start, i - start))
                out->words++;
        }
    }
    out->tokens = tokens;
    out->syntax = syntax;
    out->boolean = syntax || (out->operators > 0 && lower && tokens <= QUERY_BOOLEAN_UP_TO);
}

int query_text_needs_aliases(const char *text)
{
    for (size_t i = 0; text && i < SCHEMA_FIELD_COUNT; i++) {
        const schema_field *sf = &schema_fields[i];
        if (sf->kind != SCHEMA_BOOLEAN || !schema_field_by_gazetteer(sf))
            continue;
        size_t n = strlen(sf->name);
        for (const char *p = text; *p; p++)
            if (strncasecmp(p, sf->name, n) == 0 && p[n] == ':')
                return 1;
    }
    return 0;
}

int query_request_needs_aliases(const query_request *req)
{
    for (size_t i = 0; i < req->nfilters; i++) {
        const schema_field *sf = boolean_field_named(req->filters[i].field);
        if (sf && schema_field_by_gazetteer(sf))
            return 1;
    }
    return query_text_needs_aliases(req->text);
}

static xc_status set_up_parser(xc_queryparser *qp, field_ctx *f,
                               field_binding bindings[SCHEMA_FIELD_COUNT], xc_query_op op)
{
    xc_status st = xc_queryparser_set_database(qp, f->db);
    if (st == XC_OK)
        st = xc_queryparser_set_max_wildcard_expansion(qp, QUERY_MAX_WILDCARD);
    if (st == XC_OK)
        st = xc_queryparser_set_stemmer(qp, SCHEMA_LANGUAGE);
    if (st == XC_OK)
        st = xc_queryparser_set_stemming_strategy(qp, QUERY_STEMMING);
    if (st == XC_OK)
        st = xc_queryparser_set_default_op(qp, op);
    if (st == XC_OK && QUERY_STOPWORDS) {
        xc_stopper *stop = NULL;
        st = xc_stopper_create(query_stopwords, query_stopword_count, &stop);
        if (st == XC_OK)
            st = xc_queryparser_set_stopper(qp, stop);
        xc_stopper_destroy(stop);
    }

    /* Every field of the query syntax from the schema table: free-text
     * fields by their prefix; boolean ones by our own resolution (aliases,
     * case), the same as the options': field_filter, ranges of dates included. */
    for (size_t i = 0; st == XC_OK && i < SCHEMA_FIELD_COUNT; i++) {
        const schema_field *sf = &schema_fields[i];
        if (sf->kind == SCHEMA_TEXT && sf->prefix[0])
            st = xc_queryparser_add_prefix(qp, sf->name, sf->prefix);
    }
    for (size_t i = 0; st == XC_OK && i < SCHEMA_FIELD_COUNT; i++) {
        if (schema_fields[i].kind != SCHEMA_BOOLEAN)
            continue;
        bindings[i] = (field_binding){.f = f, .field = &schema_fields[i]};
        st = xc_queryparser_add_field(qp, schema_fields[i].name, 1, parse_field, &bindings[i]);
    }
    return st;
}

static int count_term(void *ctx, const char *term)
{
    (void)term;
    (*(unsigned *)ctx)++;
    return 0;
}

/* q = FILTER(q, f), consuming f. */
static xc_status add_filter(xc_query **q, xc_query *f)
{
    xc_query *pair[2] = {*q, f}, *combined = NULL;
    xc_status st = xc_query_combine(XC_OP_FILTER, pair, 2, 0, &combined);
    xc_query_destroy(f);
    if (st == XC_OK) {
        xc_query_destroy(*q);
        *q = combined;
    }
    return st;
}

/* A filter given apart from the query text: a value with commas is any of
 * its items ("us,cn": us or cn), each read as field_filter reads one, so
 * repeating a filter means all of its values and a list means any of them. */
static xc_status any_of_filter(field_ctx *f, const schema_field *bf, const char *label,
                               const char *value, xc_query **out)
{
    *out = NULL;
    if (!strchr(value, ','))
        return field_filter(f, bf, label, value, out);
    char *copy = strdup(value);
    xc_query **items = NULL;
    size_t n = 0, cap = 0;
    xc_status st = copy ? XC_OK : XC_NO_MEMORY;
    for (char *save = NULL, *item = copy ? strtok_r(copy, ",", &save) : NULL;
         st == XC_OK && item; item = strtok_r(NULL, ",", &save)) {
        if (blank(item))
            continue;
        if (array_grow((void **)&items, &cap, n + 1, sizeof *items) != 0)
            st = XC_NO_MEMORY;
        else if ((st = field_filter(f, bf, label, item, &items[n])) == XC_OK)
            n++;
    }
    if (st == XC_OK && n == 0)
        st = field_filter(f, bf, label, "", out);   /* "," alone: needs a value */
    else if (st == XC_OK)
        st = xc_query_combine(XC_OP_OR, items, n, 0, out);
    for (size_t i = 0; i < n; i++)
        xc_query_destroy(items[i]);
    free(items);
    free(copy);
    return st;
}

static xc_status add_filters(field_ctx *f, const query_request *req, xc_query **q,
                             char *err, size_t errlen)
{
    xc_status st = XC_OK;
    xc_query *filter = NULL;
    for (size_t i = 0; st == XC_OK && i < req->nfilters; i++) {
        const query_filter *qf = &req->filters[i];
        const char *label = qf->option ? qf->option : qf->field;
        const schema_field *bf = boolean_field_named(qf->field);
        if (!bf) {
            snprintf(err, errlen, "%s: no such field", label);
            return XC_QUERY_SYNTAX;
        }
        st = any_of_filter(f, bf, label, qf->value, &filter);
        if (f->failed != XC_OK)   /* not the user's doing: memory, the index */
            st = f->failed;
        else if (st == XC_QUERY_SYNTAX)
            snprintf(err, errlen, "%s", f->message);
        if (st == XC_OK)
            st = add_filter(q, filter);
        else
            xc_query_destroy(filter);
    }
    if (st == XC_OK && (req->since || req->until)) {
        st = days_query((unsigned)schema_fields[FIELD_DATE].slot, req->since, req->until,
                        &filter);
        if (st == XC_OK)
            st = add_filter(q, filter);
    }
    return st;
}

/* Does the suggested query string, parsed as the user's was (flags, without
 * spelling correction) and with the same filters, match a brief? A "did you
 * mean" that finds nothing is no help ("nothing-like-this" → "voting-like-this").
 * Any failure counts as no match: the suggestion is then dropped, never the
 * query. */
static int suggestion_matches(xc_queryparser *qp, field_ctx *f, const query_request *req,
                              const char *suggestion, unsigned flags)
{
    xc_query *q = NULL;
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    char err[256];
    flags &= ~(XC_QP_SPELLING_UNKNOWN | XC_QP_SPELLING_CORRECTION);
    xc_status st = xc_queryparser_parse(qp, suggestion, flags, &q);
    if (st == XC_OK && f->failed == XC_OK)
        st = add_filters(f, req, &q, err, sizeof err);
    if (st == XC_OK && f->failed == XC_OK)
        st = xc_enquire_create(f->db, &enq);
    if (st == XC_OK)
        st = xc_enquire_set_query(enq, q, 0);
    if (st == XC_OK)
        st = xc_enquire_get_mset(enq, 0, 1, 1, &m);
    int found = st == XC_OK && f->failed == XC_OK && xc_mset_size(m) > 0;
    xc_mset_destroy(m);
    xc_enquire_destroy(enq);
    xc_query_destroy(q);
    return found;
}

xc_status query_build(xc_database *db, const extractor *ex, const query_request *req,
                      query_built *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    err[0] = '\0';
    field_ctx f = {.db = db, .ex = ex, .failed = XC_OK};
    field_binding bindings[SCHEMA_FIELD_COUNT];
    xc_queryparser *qp = NULL;
    xc_query *q = NULL;
    xc_status st;
    unsigned flags = 0;

    char field[32];
    query_shape shape = {0};
    int too_long = !blank(req->text) && strlen(req->text) > QUERY_MAX_BYTES;
    if (!blank(req->text) && !too_long)
        query_analyse(req->text, &shape);
    if (blank(req->text)) {
        st = xc_query_match_all(&q);
    } else if (too_long || shape.tokens > QUERY_MAX_TOKENS) {
        if (too_long)
            snprintf(err, errlen, "the query is longer than %d bytes", QUERY_MAX_BYTES);
        else
            snprintf(err, errlen, "the query has more than %d words", QUERY_MAX_TOKENS);
        st = XC_QUERY_SYNTAX;
    } else if (field_without_value(req->text, field, sizeof field)) {
        snprintf(err, errlen, "%s: needs a value, as in %s:VALUE", field, field);
        st = XC_QUERY_SYNTAX;
    } else {
        xc_query_op op = req->any || shape.words > QUERY_AND_UP_TO ? XC_OP_OR : XC_OP_AND;
        flags = XC_QP_PHRASE | XC_QP_LOVEHATE | XC_QP_WILDCARD |
                         XC_QP_SPELLING_UNKNOWN;
        if (shape.boolean)
            flags |= XC_QP_BOOLEAN | XC_QP_PURE_NOT;
        out->boolean = shape.boolean;
        out->any = op == XC_OP_OR;
        out->sentence = shape.words > QUERY_AND_UP_TO;
        st = xc_queryparser_create(&qp);
        if (st == XC_OK)
            st = set_up_parser(qp, &f, bindings, op);
        if (st == XC_OK)
            st = xc_queryparser_parse(qp, req->text, flags, &q);
        if (f.failed != XC_OK)   /* not the user's doing: memory, the index */
            st = f.failed;
        else if (st != XC_OK)
            snprintf(err, errlen, "%s", qp ? xc_queryparser_error(qp) : xc_status_to_string(st));
        else if (*xc_queryparser_corrected_query(qp))
            out->suggestion = strdup(xc_queryparser_corrected_query(qp));
    }
    if (st == XC_OK)
        xc_query_terms(q, count_term, &out->nterms);
    if (st == XC_OK)
        st = add_filters(&f, req, &q, err, errlen);
    if (st != XC_OK && !err[0])
        snprintf(err, errlen, "%s", xc_status_to_string(st));
    if (st == XC_OK && out->suggestion && !suggestion_matches(qp, &f, req, out->suggestion, flags)) {
        free(out->suggestion);
        out->suggestion = NULL;
    }

    xc_queryparser_destroy(qp);
    out->hints = f.hints;
    out->nhints = f.nhints;
    if (st != XC_OK) {
        xc_query_destroy(q);
        query_built_clear(out);
        return st;
    }
    out->query = q;
    return XC_OK;
}

void query_built_clear(query_built *q)
{
    if (!q)
        return;
    xc_query_destroy(q->query);
    free(q->suggestion);
    for (size_t i = 0; i < q->nhints; i++)
        free(q->hints[i]);
    free(q->hints);
    memset(q, 0, sizeof *q);
}
