/* print.c — text, JSON and id output. See print.h. */
#include "print.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Room for a term as search_term_display() shows it. */
#define SCHEMA_TERM_DISPLAY 256

#define BOLD "\033[1m"
#define PLAIN "\033[0m"


static const char *field(const json_t *data, const char *key)
{
    return json_string_value(json_object_get(data, key));
}

/* h's stored data, parsed (a new reference; NULL when memory runs out):
 * search_run may have kept it as text only (req->data_as_text). */
static json_t *hit_data(const search_hit *h)
{
    if (h->data)
        return json_incref(h->data);
    json_t *data = h->data_json ? json_loads(h->data_json, 0, NULL) : NULL;
    return data ? data : json_object();
}

/* ------------------------------------------------------------------------ */
/* Text                                                                      */
/* ------------------------------------------------------------------------ */

/* Print the snippet with its markers as bold (color) or as nothing. */
static void print_snippet(FILE *out, const char *s, int color)
{
    for (; *s; s++) {
        if (*s == SEARCH_HI_START[0])
            fputs(color ? BOLD : "", out);
        else if (*s == SEARCH_HI_END[0])
            fputs(color ? PLAIN : "", out);
        else if (*s == '\n' || *s == '\r' || *s == '\t')
            fputc(' ', out);
        else
            fputc(*s, out);
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of list (stored entities), in its order, or sorted by name. */
static void print_names(FILE *out, const char *label, const json_t *list, int sorted)
{
    size_t n = json_array_size(list);
    if (n == 0)
        return;
    const char **names = malloc(n * sizeof *names);
    if (!names)
        return;
    for (size_t i = 0; i < n; i++) {
        const char *name = field(json_array_get(list, i), "name");
        names[i] = name ? name : "?";
    }
    if (sorted)
        qsort(names, n, sizeof *names, by_name);
    fprintf(out, "    %s: ", label);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%s", i ? ", " : "", names[i]);
    fputc('\n', out);
    free(names);
}

static void print_total(FILE *out, const print_context *ctx, const search_result *r)
{
    const search_request *req = ctx->req;
    unsigned total = r->total_estimated;
    const char *about = r->total_lower == r->total_upper ? "" : "about ";
    if (total == 0) {
        fprintf(out, "No brief matches.\n");
        return;
    }
    fprintf(out, "%s%u brief%s match%s", about, total, total == 1 ? "" : "s",
            total == 1 ? "es" : "");
    if (r->nhits)
        fprintf(out, "; showing %u-%u", req->offset + 1, req->offset + (unsigned)r->nhits);
    fputs(".\n", out);
}

/* "Partial answer: 1 of 3 shards missing: remote 127.0.0.1:7001." */
static void print_partial(FILE *out, const print_context *ctx)
{
    if (!ctx->nmissing)
        return;
    fprintf(out, "Partial answer: %zu of %zu shard%s missing:", ctx->nmissing, ctx->nshards,
            ctx->nshards == 1 ? "" : "s");
    for (size_t i = 0; i < ctx->nmissing; i++)
        fprintf(out, "%s %s", i ? "," : "", ctx->missing[i]);
    fputs(".\n", out);
}

void print_text(FILE *out, const print_context *ctx, const search_result *r)
{
    print_partial(out, ctx);
    for (size_t i = 0; i < ctx->nhints; i++)
        fprintf(out, "%s\n", ctx->hints[i]);
    if (ctx->suggestion)
        fprintf(out, "Did you mean: %s\n", ctx->suggestion);
    print_total(out, ctx, r);

    for (size_t i = 0; i < r->nhits; i++) {
        const search_hit *h = &r->hits[i];
        json_t *data = hit_data(h);
        const char *title = field(data, "title"), *date = field(data, "date");
        const char *id = field(data, "id"), *path = field(data, "path");
        const char *source = field(data, "source");
        fprintf(out, "\n%3u. %s%s%s  [%d%%]\n", h->rank + 1, ctx->color ? BOLD : "",
                title && *title ? title : "(untitled)", ctx->color ? PLAIN : "", h->percent);
        fprintf(out, "    %s", date ? date : "(no date)");
        if (source)
            fprintf(out, " · %s", source);
        fprintf(out, " · %s\n", id ? id : path ? path : "?");
        /* Countries are stored in the order of their codes: by name, they
         * read as the names they are. */
        print_names(out, "People", json_object_get(data, "people"), 0);
        print_names(out, "Countries", json_object_get(data, "countries"), 1);
        json_decref(data);
        if (h->snippet && *h->snippet) {
            fputs("    ", out);
            print_snippet(out, h->snippet, ctx->color);
            fputc('\n', out);
        }
        if (ctx->req->explain) {
            char shown[SCHEMA_TERM_DISPLAY];
            fprintf(out, "    Weight %.3f:", h->weight);
            for (size_t t = 0; t < h->nterms; t++)
                fprintf(out, "%s %s %.3f", t ? " +" : "",
                        search_term_display(h->terms[t].term, shown, sizeof shown),
                        h->terms[t].weight);
            fputs(h->nterms ? "\n" : " no weighted term\n", out);
        }
    }

    for (int f = 0; f < SEARCH_FACET_COUNT; f++) {
        if (!search_facet_asked(ctx->req, f))
            continue;
        const facet_counts *fc = &r->facets[f];
        /* Headed by the facet's plural, capitalised: "People (top 10 of 214
         * in 900 matching briefs; 12 with none, by significance):". */
        const char *facet = search_facet_plural(f);
        fprintf(out, "\n%c%s (", toupper((unsigned char)facet[0]), facet + 1);
        if (!fc->histogram && fc->n < fc->distinct)
            fprintf(out, "top %zu of %zu", fc->n, fc->distinct);
        else
            fprintf(out, "%zu distinct", fc->distinct);
        fprintf(out, " in %u matching brief%s", r->total_estimated,
                r->total_estimated == 1 ? "" : "s");
        if (fc->none)
            fprintf(out, "; %u with none", fc->none);
        if (!fc->histogram && ctx->req->facet_order == FACET_ORDER_SIGNIFICANCE)
            fprintf(out, "; by significance");
        fputs("):\n", out);
        for (size_t i = 0; i < fc->n; i++)
            fprintf(out, "  %6u  %s\n", fc->values[i].count, fc->values[i].name);
    }
}

/* ------------------------------------------------------------------------ */
/* JSON                                                                      */
/* ------------------------------------------------------------------------ */

/* The snippet without markers, and the [start, end) byte ranges they marked. */
static void snippet_json(json_t *hit, const char *marked)
{
    size_t len = strlen(marked);
    char *plain = malloc(len + 1);
    json_t *ranges = json_array();
    if (!plain || !ranges) {
        free(plain);
        json_decref(ranges);
        return;
    }
    size_t n = 0, start = 0;
    for (const char *s = marked; *s; s++) {
        if (*s == SEARCH_HI_START[0])
            start = n;
        else if (*s == SEARCH_HI_END[0])
            json_array_append_new(ranges, json_pack("[I,I]", (json_int_t)start, (json_int_t)n));
        else
            plain[n++] = *s;
    }
    json_object_set_new(hit, "snippet", json_stringn(plain, n));
    json_object_set_new(hit, "highlights", ranges);
    free(plain);
}

static json_t *facets_json(const print_context *ctx, const search_result *r)
{
    json_t *o = json_object();
    for (int f = 0; o && f < SEARCH_FACET_COUNT; f++) {
        if (!search_facet_asked(ctx->req, f))
            continue;
        const facet_counts *fc = &r->facets[f];
        int significance = !fc->histogram && ctx->req->facet_order == FACET_ORDER_SIGNIFICANCE;
        json_t *values = json_array();
        for (size_t i = 0; values && i < fc->n; i++) {
            json_t *v = json_pack("{s:s, s:s, s:I}", "id", fc->values[i].id, "name",
                                  fc->values[i].name, "count", (json_int_t)fc->values[i].count);
            if (v && significance)
                json_object_set_new(v, "score", json_real(fc->values[i].score));
            json_array_append_new(values, v);
        }
        json_object_set_new(o, search_facet_name(f),
                            json_pack("{s:I, s:I, s:s, s:o}", "distinct",
                                      (json_int_t)fc->distinct, "none", (json_int_t)fc->none,
                                      "order", fc->histogram ? "date"
                                               : significance ? "significance" : "count",
                                      "values", values));
    }
    return o;
}

/* The fields print_json adds to a hit's stored data, into hit. */
static void add_hit_fields(json_t *hit, const print_context *ctx, const search_hit *h)
{
    json_object_set_new(hit, "rank", json_integer(h->rank + 1));
    json_object_set_new(hit, "percent", json_integer(h->percent));
    json_object_set_new(hit, "weight", json_real(h->weight));
    json_object_set_new(hit, "docid", json_integer(h->docid));
    if (h->snippet)
        snippet_json(hit, h->snippet);
    if (ctx->req->explain) {
        json_t *terms = json_array();
        char shown[SCHEMA_TERM_DISPLAY];
        for (size_t t = 0; terms && t < h->nterms; t++)
            json_array_append_new(
                terms, json_pack("{s:s, s:s, s:f}", "term", h->terms[t].term, "word",
                                 search_term_display(h->terms[t].term, shown, sizeof shown),
                                 "weight", h->terms[t].weight));
        json_object_set_new(hit, "explain", terms);
    }
}

/* The document around the hits: query, total, offset, limit, then (after
 * "hits") suggestion, hints and facets. */
static json_t *result_head(const print_context *ctx, const search_result *r)
{
    json_t *total = json_pack("{s:I, s:I, s:I, s:b}", "estimated",
                              (json_int_t)r->total_estimated, "lower",
                              (json_int_t)r->total_lower, "upper", (json_int_t)r->total_upper,
                              "exact", r->total_lower == r->total_upper);
    return json_pack("{s:s, s:o, s:I, s:I}", "query", ctx->query_text ? ctx->query_text : "",
                     "total", total, "offset", (json_int_t)ctx->req->offset, "limit",
                     (json_int_t)ctx->req->limit);
}

static json_t *result_tail(const print_context *ctx, const search_result *r)
{
    json_t *tail = json_object();
    if (!tail)
        return NULL;
    json_object_set_new(tail, "suggestion",
                        ctx->suggestion ? json_string(ctx->suggestion) : json_null());
    json_t *hints = json_array();
    for (size_t i = 0; hints && i < ctx->nhints; i++)
        json_array_append_new(hints, json_string(ctx->hints[i]));
    json_object_set_new(tail, "hints", hints);
    json_object_set_new(tail, "facets", facets_json(ctx, r));
    if (ctx->nmissing) {
        json_t *missing = json_array();
        for (size_t i = 0; missing && i < ctx->nmissing; i++)
            json_array_append_new(missing, json_string(ctx->missing[i]));
        json_object_set_new(tail, "partial", json_true());
        json_object_set_new(tail, "missing_shards", missing);
    }
    return tail;
}

/* Would adding our fields to h's stored data replace one of its own? Then
 * the stored text cannot simply be extended. (Data kept as text only holds
 * none of them: search_run saw to it.) */
static int data_has_hit_field(const search_hit *h)
{
    for (size_t i = 0; h->data && i < SEARCH_HIT_NFIELDS; i++)
        if (json_object_get(h->data, search_hit_fields[i]))
            return 1;
    return 0;
}

/* Write object text o (compact, "{...}") without its closing brace, or its
 * members only (no braces) with inner; returns 0, or -1 for no object. */
static int put_members(FILE *out, const char *o, int inner)
{
    size_t len = strlen(o);
    if (len < 2 || o[0] != '{' || o[len - 1] != '}')
        return -1;
    fwrite(o + inner, 1, len - 1 - (size_t)inner, out);
    return 0;
}

/* s (len bytes of valid UTF-8) as a JSON string, escaped as jansson escapes
 * it (no flags): quote, backslash and controls only. */
static void put_json_string(FILE *out, const char *s, size_t len)
{
    fputc('"', out);
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        fwrite(s + run, 1, i - run, out);
        run = i + 1;
        switch (c) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\b': fputs("\\b", out); break;
        case '\f': fputs("\\f", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default: fprintf(out, "\\u%04X", c); break;
        }
    }
    fwrite(s + run, 1, len - run, out);
    fputc('"', out);
}

/* A real as jansson writes it (precision 17; a ".0" when it would read back
 * as an integer; no '+' nor leading zeros in the exponent), in the C locale
 * brief-query runs in. */
static void put_json_real(FILE *out, double v)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf - 3, "%.17g", v);
    if (n < 0 || (size_t)n >= sizeof buf - 3)
        return;
    if (!strchr(buf, '.') && !strchr(buf, 'e'))
        strcat(buf, ".0");
    char *e = strchr(buf, 'e');
    if (e) {
        char *start = e + 1, *end = start + 1;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start)
            memmove(start, end, strlen(end) + 1);
    }
    fputs(buf, out);
}

/* Can put_hit_fields write h's fields? Not with explain, a weight that is
 * not finite (jansson drops it) or a snippet that is not valid UTF-8
 * (jansson drops it too): those are left to jansson. */
static int hit_fields_plain(const print_context *ctx, const search_hit *h)
{
    return !ctx->req->explain && isfinite(h->weight) &&
           (!h->snippet || utf8_validate(h->snippet, strlen(h->snippet)) == strlen(h->snippet));
}

/* Our fields of h (hit_fields_plain), as json_dumps (compact, in order)
 * writes the object add_hit_fields fills, without its braces: written
 * straight to out, not built and dumped. */
static void put_hit_fields(FILE *out, const search_hit *h)
{
    fprintf(out, "\"rank\":%u,\"percent\":%d,\"weight\":", h->rank + 1, h->percent);
    put_json_real(out, h->weight);
    fprintf(out, ",\"docid\":%u", h->docid);
    if (!h->snippet)
        return;
    size_t len = strlen(h->snippet), n = 0, start = 0;
    char *plain = malloc(len + 1);
    if (!plain)
        return;   /* as snippet_json: no snippet then */
    for (const char *p = h->snippet; *p; p++)
        if (*p != SEARCH_HI_START[0] && *p != SEARCH_HI_END[0])
            plain[n++] = *p;
    fputs(",\"snippet\":", out);
    put_json_string(out, plain, n);
    free(plain);
    fputs(",\"highlights\":[", out);
    n = 0;
    const char *sep = "";
    for (const char *p = h->snippet; *p; p++) {
        if (*p == SEARCH_HI_START[0]) {
            start = n;
        } else if (*p == SEARCH_HI_END[0]) {
            fprintf(out, "%s[%zu,%zu]", sep, start, n);
            sep = ",";
        } else {
            n++;
        }
    }
    fputc(']', out);
}

/* One hit, compact: its stored data as stored (brief-index wrote it compact,
 * so this is what dumping it again would give, without the cost), followed
 * by our fields. */
static void put_hit_compact(FILE *out, const print_context *ctx, const search_hit *h)
{
    size_t len = strlen(h->data_json);
    int framed = len >= 2 && h->data_json[0] == '{' && h->data_json[len - 1] == '}';
    if (framed && hit_fields_plain(ctx, h)) {
        fwrite(h->data_json, 1, len - 1, out);
        if (len > 2)
            fputc(',', out);   /* our fields are never none: rank at least */
        put_hit_fields(out, h);
        fputc('}', out);
        return;
    }
    json_t *fields = json_object();
    char *text = NULL;
    if (fields) {
        add_hit_fields(fields, ctx, h);
        text = json_dumps(fields, JSON_COMPACT | JSON_PRESERVE_ORDER);
    }
    if (text && framed) {
        fwrite(h->data_json, 1, len - 1, out);
        if (len > 2 && strcmp(text, "{}") != 0)
            fputc(',', out);
        put_members(out, text, 1);
        fputc('}', out);
    } else {
        json_t *data = hit_data(h), *hit = json_copy(data);
        json_decref(data);
        if (hit)
            add_hit_fields(hit, ctx, h);
        json_dumpf(hit, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(hit);
    }
    free(text);
    json_decref(fields);
}

/* print_json on one line: the same text as dumping the whole document, put
 * together from pieces so that the hits' stored data is not dumped again. */
static int print_json_compact(FILE *out, const print_context *ctx, const search_result *r)
{
    for (size_t i = 0; i < r->nhits; i++)
        if (!r->hits[i].data_json || data_has_hit_field(&r->hits[i]))
            return -1;
    json_t *head = result_head(ctx, r), *tail = result_tail(ctx, r);
    char *head_text = head ? json_dumps(head, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    char *tail_text = tail ? json_dumps(tail, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    int status = head_text && tail_text ? 0 : -1;
    if (status == 0) {
        put_members(out, head_text, 0);
        fputs(",\"hits\":[", out);
        for (size_t i = 0; i < r->nhits; i++) {
            if (i)
                fputc(',', out);
            put_hit_compact(out, ctx, &r->hits[i]);
        }
        fputs("],", out);
        put_members(out, tail_text, 1);
        fputs("}\n", out);
    }
    free(head_text);
    free(tail_text);
    json_decref(head);
    json_decref(tail);
    return status;
}

void print_json(FILE *out, const print_context *ctx, const search_result *r)
{
    if (ctx->compact && print_json_compact(out, ctx, r) == 0)
        return;
    json_t *hits = json_array();
    for (size_t i = 0; hits && i < r->nhits; i++) {
        const search_hit *h = &r->hits[i];
        json_t *data = hit_data(h), *hit = json_copy(data);   /* shallow: only keys are added */
        json_decref(data);
        if (!hit)
            continue;
        add_hit_fields(hit, ctx, h);
        json_array_append_new(hits, hit);
    }
    json_t *doc = result_head(ctx, r);
    if (!doc) {
        json_decref(hits);
        return;
    }
    json_object_set_new(doc, "hits", hits);
    json_t *tail = result_tail(ctx, r);
    json_object_update(doc, tail);
    json_decref(tail);
    /* Into memory first, then one write: json_dumpf writes piece by piece. */
    size_t flags = (ctx->compact ? JSON_COMPACT : JSON_INDENT(2)) | JSON_PRESERVE_ORDER;
    char *text = json_dumps(doc, flags);
    if (text) {
        fputs(text, out);
        free(text);
    } else {
        json_dumpf(doc, out, flags);
    }
    fputc('\n', out);
    json_decref(doc);
}

void print_ids(FILE *out, const search_result *r)
{
    for (size_t i = 0; i < r->nhits; i++) {
        json_t *data = hit_data(&r->hits[i]);
        const char *id = field(data, "id");
        fprintf(out, "%s\n", id ? id : "");
        json_decref(data);
    }
}
