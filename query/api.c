/* api.c — the JSON API: parameters → the query library → JSON. See api.h. */
#define _GNU_SOURCE /* open_memstream */
#include "api.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "dates.h"
#include "feedback.h"
#include "open_index.h"
#include "params.h"
#include "print.h"
#include "query_build.h"
#include "search.h"
#include "similar.h"
#include "utf8.h"

#ifndef BRIEFS_VERSION
#define BRIEFS_VERSION "unknown"
#endif

/* Tries at a request whose search fails on the index (a writer swapped it
 * away between the check and the search): each reopens afresh. */
#define INDEX_ATTEMPTS 3

/* Seconds a client is told to wait while the index cannot be read. */
#define RETRY_AFTER 2

/* An index path's identity: which directory it names now, and which
 * version file that directory holds (a commit replaces it: a new inode). */
typedef struct path_identity {
    dev_t dev;
    ino_t ino;
    int exists;
    ino_t version_ino;            /* 0: no version file seen */
    struct timespec version_mtime;
} path_identity;

struct api_worker {
    const char *const *paths;
    size_t n;
    const extractor *ex;
    xc_database *db;          /* NULL until opened, or after a failure */
    path_identity *opened;    /* what paths named when db was opened */
};

/* A request's parameters, as brief-query's options hold them. */
typedef struct api_request {
    query_request qreq;
    query_filter filters[API_MAX_FILTERS];
    char since[DATE_ISO_SIZE], until[DATE_ISO_SIZE];
    search_request sreq;
    int no_expand;
} api_request;

api_worker *api_worker_create(const char *const *paths, size_t n, const extractor *ex)
{
    api_worker *w = calloc(1, sizeof *w);
    if (w && !(w->opened = calloc(n, sizeof *w->opened))) {
        free(w);
        w = NULL;
    }
    if (w) {
        w->paths = paths;
        w->n = n;
        w->ex = ex;
    }
    return w;
}

void api_worker_destroy(api_worker *w)
{
    if (!w)
        return;
    xc_database_destroy(w->db);
    free(w->opened);
    free(w);
}

/* ------------------------------------------------------------------------ */
/* Responses                                                                 */
/* ------------------------------------------------------------------------ */

/* out: status with {"error": message} (one line: message has none). */
static void respond_error(api_response *out, unsigned status, const char *fmt, ...)
{
    char message[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    for (char *p = message; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    json_t *j = json_pack("{s:s}", "error", message);
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    free(out->body);
    out->status = status;
    out->retry_after = status == 503 ? RETRY_AFTER : 0;
    out->body = text ? NULL : strdup("{\"error\":\"out of memory\"}\n");
    if (text) {
        size_t len = strlen(text);
        out->body = realloc(text, len + 2);
        if (!out->body)
            out->body = text;
        else
            strcpy(out->body + len, "\n");
    }
    out->len = out->body ? strlen(out->body) : 0;
}

/* out: 200 with j's text (compact, one line), j released. */
static void respond_json(api_response *out, json_t *j)
{
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(j);
    if (!text) {
        respond_error(out, 503, "out of memory");
        return;
    }
    size_t len = strlen(text);
    char *body = realloc(text, len + 2);
    if (!body) {
        free(text);
        respond_error(out, 503, "out of memory");
        return;
    }
    memcpy(body + len, "\n", 2);
    out->status = 200;
    out->body = body;
    out->len = len + 1;
}

/* ------------------------------------------------------------------------ */
/* The index                                                                 */
/* ------------------------------------------------------------------------ */

/* Facet tables for every facet now, rather than in the searches that need
 * them (search_prepare); a failure leaves them to be built later. */
static void prepare_facets(xc_database *db)
{
    search_request all = {0};
    for (int f = 0; f < SEARCH_FACET_COUNT; f++)
        all.facets[f] = 1;
    (void)search_prepare(db, &all);
}

/* The version files of the Xapian backends: glass (which commits by
 * renaming a new one into place) and honey (read-only, never changes). */
static const char *const version_files[] = {"iamglass", "iamhoney"};

static path_identity identity_of(const char *path)
{
    struct stat st;
    path_identity id = {0};
    if (stat(path, &st) != 0)
        return id;
    id.dev = st.st_dev;
    id.ino = st.st_ino;
    id.exists = 1;
    for (size_t i = 0; i < sizeof version_files / sizeof version_files[0]; i++) {
        char file[4096];
        if (snprintf(file, sizeof file, "%s/%s", path, version_files[i]) < (int)sizeof file &&
            stat(file, &st) == 0) {
            id.version_ino = st.st_ino;
            id.version_mtime = st.st_mtim;
            break;
        }
    }
    return id;
}

static int same_version(const path_identity *a, const path_identity *b)
{
    return a->version_ino && a->version_ino == b->version_ino &&
           a->version_mtime.tv_sec == b->version_mtime.tv_sec &&
           a->version_mtime.tv_nsec == b->version_mtime.tv_nsec;
}

/* Bring w->db to the latest revision of what the paths name now: nothing to
 * do while every version file is the one seen last (the common case: two
 * stat calls, where a reopen reads the version file); reopened when one was
 * replaced (a commit) or cannot be seen (a stub file); opened afresh when a
 * path names another directory, or the reopen fails. Returns 0, or -1 with a
 * one-line message in err. */
static int refresh_index(api_worker *w, char *err, size_t errlen)
{
    path_identity now[w->n];
    int moved = 0, committed = 0;
    for (size_t i = 0; i < w->n; i++) {
        now[i] = identity_of(w->paths[i]);
        moved |= now[i].exists != w->opened[i].exists || now[i].dev != w->opened[i].dev ||
                 now[i].ino != w->opened[i].ino;
        committed |= !same_version(&now[i], &w->opened[i]);
    }
    if (w->db && !moved && !committed)
        return 0;
    if (w->db && !moved && xc_database_reopen(w->db, NULL) == XC_OK) {
        memcpy(w->opened, now, sizeof now);
        prepare_facets(w->db);
        return 0;
    }
    xc_database_destroy(w->db);
    w->db = NULL;
    char *msg = NULL;
    size_t failed = 0;
    xc_status st = open_index(w->paths, w->n, &w->db, &failed, &msg);
    if (st != XC_OK) {
        snprintf(err, errlen, "%s: %s", w->paths[failed],
                 st == XC_DATABASE_NOT_FOUND ? "no index here (create it with brief-index)"
                 : msg                       ? msg
                                             : xc_status_to_string(st));
        free(msg);
        return -1;
    }
    memcpy(w->opened, now, sizeof now);
    prepare_facets(w->db);
    return 0;
}

/* A search's status that says the index failed (not the request): worth
 * opening the index afresh and trying again. */
static int index_failed(xc_status st)
{
    return st != XC_OK && st != XC_QUERY_SYNTAX && st != XC_NOT_FOUND && st != XC_NO_MEMORY &&
           st != XC_INVALID_ARGUMENT;
}

/* ------------------------------------------------------------------------ */
/* Parameters                                                                */
/* ------------------------------------------------------------------------ */

/* The parameters /api/search and /api/similar take besides the filters. */
static const char *const search_params[] = {"q", "since", "until", "sort", "offset", "limit",
                                            "facets", "facet_limit", "facet_order", "any",
                                            "expand"};
#define NSEARCH_PARAMS (sizeof search_params / sizeof search_params[0])

/* "0" or "1" into *out; -1 for anything else. */
static int parse_flag(const char *s, int *out)
{
    if (strcmp(s, "0") != 0 && strcmp(s, "1") != 0)
        return -1;
    *out = s[0] == '1';
    return 0;
}

/* One parameter p into r; 0, or -1 with a message in err. */
static int read_param(const api_param *p, api_request *r, char *err, size_t errlen)
{
    const char *v = p->value;
    unsigned count;
    int flag;
    if (params_is_filter_field(p->name)) {
        if (r->qreq.nfilters == API_MAX_FILTERS) {
            snprintf(err, errlen, "too many filters (at most %d)", API_MAX_FILTERS);
            return -1;
        }
        r->filters[r->qreq.nfilters++] = (query_filter){.field = p->name, .value = v};
    } else if (strcmp(p->name, "q") == 0) {
        r->qreq.text = v;
    } else if (strcmp(p->name, "since") == 0 || strcmp(p->name, "until") == 0) {
        int upper = p->name[0] == 'u';
        char *to = upper ? r->until : r->since;
        if (date_parse_arg(v, upper, to) != 0) {
            snprintf(err, errlen, "%s takes a date such as 2022-03-14: '%s'", p->name, v);
            return -1;
        }
        *(upper ? &r->qreq.until : &r->qreq.since) = to;
    } else if (strcmp(p->name, "sort") == 0) {
        if (params_sort(v, &r->sreq.sort) != 0) {
            snprintf(err, errlen, "sort takes relevance, date or -date: '%s'", v);
            return -1;
        }
    } else if (strcmp(p->name, "facets") == 0) {
        if (params_facets(v, &r->sreq) != 0) {
            char facets[192];
            snprintf(err, errlen, "facets takes %s: '%s'",
                     params_facets_usage(facets, sizeof facets), v);
            return -1;
        }
    } else if (strcmp(p->name, "facet_order") == 0) {
        if (params_facet_order(v, &r->sreq.facet_order) != 0) {
            snprintf(err, errlen, "facet_order takes count or significance: '%s'", v);
            return -1;
        }
    } else if (strcmp(p->name, "any") == 0 || strcmp(p->name, "expand") == 0) {
        if (parse_flag(v, &flag) != 0) {
            snprintf(err, errlen, "%s takes 0 or 1: '%s'", p->name, v);
            return -1;
        }
        if (p->name[0] == 'a')
            r->qreq.any = flag;
        else
            r->no_expand = !flag;
    } else {
        static const struct {
            const char *name;
            unsigned max;
            size_t field;
        } counts[] = {
            {"offset", API_MAX_OFFSET, offsetof(search_request, offset)},
            {"limit", API_MAX_LIMIT, offsetof(search_request, limit)},
            {"facet_limit", API_MAX_FACET_LIMIT, offsetof(search_request, facet_limit)},
        };
        for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
            if (strcmp(p->name, counts[i].name) != 0)
                continue;
            if (cli_parse_count(v, counts[i].max, &count) != 0) {
                snprintf(err, errlen, "%s takes a count up to %u: '%s'", p->name, counts[i].max,
                         v);
                return -1;
            }
            *(unsigned *)((char *)&r->sreq + counts[i].field) = count;
            return 0;
        }
        snprintf(err, errlen, "unknown parameter '%s'", p->name);
        return -1;
    }
    return 0;
}

/* Check params[0..n) against the names route takes (known[0..nknown), and
 * the filters with filters) and read them into r (when not NULL). Returns 0,
 * or -1 with a one-line message in err. */
static int read_params(const api_param *params, size_t n, const char *const *known,
                       size_t nknown, int filters, api_request *r, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        const api_param *p = &params[i];
        int listed = filters && params_is_filter_field(p->name);
        for (size_t k = 0; !listed && k < nknown; k++)
            listed = strcmp(p->name, known[k]) == 0;
        if (!listed) {
            snprintf(err, errlen, "unknown parameter '%.64s'", p->name);
            return -1;
        }
        size_t max = strcmp(p->name, "q") == 0 ? API_MAX_QUERY : API_MAX_VALUE;
        if (p->len > max) {
            snprintf(err, errlen, "%s is too long (%zu bytes; at most %zu)", p->name, p->len, max);
            return -1;
        }
        if (memchr(p->value, '\0', p->len) || utf8_validate(p->value, p->len) != p->len) {
            snprintf(err, errlen, "%s is not UTF-8 text", p->name);
            return -1;
        }
        for (size_t j = 0; j < i && !(filters && params_is_filter_field(p->name)); j++)
            if (strcmp(params[j].name, p->name) == 0) {
                snprintf(err, errlen, "%s is given twice", p->name);
                return -1;
            }
        if (r && read_param(p, r, err, errlen) != 0)
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Routes                                                                    */
/* ------------------------------------------------------------------------ */

/* /api: what the API offers, so that a page can adapt to it. */
static void route_about(api_response *out)
{
    json_t *facets = json_array(), *sorts = json_array(), *filters = json_array(),
           *names = json_array();
    for (int f = 0; f < SEARCH_FACET_COUNT; f++)
        if (search_facet_name(f))
            json_array_append_new(facets, json_string(search_facet_name(f)));
    for (size_t i = 0; i < params_nsort_names; i++)
        json_array_append_new(sorts, json_string(params_sort_names[i]));
    for (int f = 0; f < SCHEMA_FIELD_COUNT; f++)
        if (params_is_filter_field(schema_fields[f].name)) {
            json_array_append_new(filters, json_string(schema_fields[f].name));
            json_array_append_new(names, json_string(schema_fields[f].name));
        }
    for (size_t i = 0; i < NSEARCH_PARAMS; i++)
        json_array_append_new(names, json_string(search_params[i]));
    json_t *limits = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i}", "query_bytes", API_MAX_QUERY,
                               "value_bytes", API_MAX_VALUE, "filters", API_MAX_FILTERS, "limit",
                               API_MAX_LIMIT, "offset", API_MAX_OFFSET, "facet_limit",
                               API_MAX_FACET_LIMIT);
    json_t *routes = json_pack("{s:s, s:s, s:s}", "search", "/api/search", "brief",
                               "/api/brief/{id}", "similar", "/api/similar/{id}");
    respond_json(out, json_pack("{s:s, s:s, s:o, s:{s:o, s:o, s:o, s:o, s:o}}", "name",
                                "brief-serve", "version", BRIEFS_VERSION, "routes", routes,
                                "search", "parameters", names, "filters", filters, "facets",
                                facets, "sort", sorts, "limits", limits));
}

/* Print r as print_json does for brief-query --format json (on one line)
 * into out. */
static void respond_result(api_response *out, const api_request *ar, const query_built *q,
                           const search_result *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    print_context pc = {
        .query_text = ar->qreq.text ? ar->qreq.text : "",
        .suggestion = q->suggestion,
        .hints = (const char *const *)q->hints,
        .nhints = q->nhints,
        .req = &ar->sreq,
        .compact = 1,
    };
    if (f) {
        print_json(f, &pc, r);
        if (fclose(f) != 0) {
            free(text);
            text = NULL;
        }
    }
    if (!text) {
        respond_error(out, 503, "out of memory");
        return;
    }
    out->status = 200;
    out->body = text;
    out->len = len;
}

/* One attempt at a search (like_id NULL) or at the briefs like like_id, on
 * w->db, into out (on success, or for the user's mistake: 400, 404). Returns
 * the status; an index failure is left to the caller. */
static xc_status search_once(api_worker *w, api_request *ar, const char *like_id,
                             api_response *out, char *err, size_t errlen)
{
    query_built q = {0};
    search_result r = {0};
    similar_search like = {0};
    xc_status st = query_build(w->db, w->ex, &ar->qreq, &q, err, errlen);
    if (st == XC_OK && like_id) {
        st = similar_search_request(w->db, like_id, q.query, &ar->sreq, &like, err, errlen);
    } else if (st == XC_OK) {
        ar->sreq.query = q.query;
        ar->sreq.nterms = q.nterms;
        /* As brief-query decides (main.c, run_query): feedback for queries of
         * more than three ranking words only. */
        ar->sreq.feedback = !ar->no_expand && q.sentence ? &feedback_defaults : NULL;
    }
    /* Compact JSON: the stored data as stored will do (as --batch). */
    ar->sreq.data_as_text = 1;
    if (st == XC_OK)
        st = search_run(w->db, w->ex, &ar->sreq, &r, err, errlen);
    if (st == XC_OK)
        respond_result(out, ar, &q, &r);
    else if (st == XC_QUERY_SYNTAX)
        respond_error(out, 400, "bad query: %s", err);
    else if (st == XC_NOT_FOUND && like_id)
        respond_error(out, 404, "no brief has id '%s'", like_id);
    search_result_clear(&r);
    query_built_clear(&q);
    similar_search_clear(&like);
    ar->sreq.query = NULL;
    return st;
}

/* One attempt at /api/brief/ID. */
static xc_status brief_once(api_worker *w, const char *id, api_response *out, char *err,
                            size_t errlen)
{
    query_filter by_id = {.field = "id", .value = id};
    query_request qreq = {.filters = &by_id, .nfilters = 1};
    search_request sreq = {.limit = 1, .data_as_text = 1};
    query_built q = {0};
    search_result r = {0};
    xc_status st = query_build(w->db, w->ex, &qreq, &q, err, errlen);
    sreq.query = q.query;
    if (st == XC_OK)
        st = search_run(w->db, w->ex, &sreq, &r, err, errlen);
    if (st == XC_OK && r.nhits == 0) {
        respond_error(out, 404, "no brief has id '%s'", id);
    } else if (st == XC_OK) {
        const search_hit *h = &r.hits[0];
        char *text = h->data_json ? strdup(h->data_json) : json_dumps(h->data, JSON_COMPACT);
        size_t len = text ? strlen(text) : 0;
        char *body = text ? realloc(text, len + 2) : NULL;
        if (!body) {
            free(text);
            respond_error(out, 503, "out of memory");
        } else {
            memcpy(body + len, "\n", 2);
            out->status = 200;
            out->body = body;
            out->len = len + 1;
        }
    } else if (st == XC_QUERY_SYNTAX) {
        respond_error(out, 404, "no brief has id '%s'", id);
    }
    search_result_clear(&r);
    query_built_clear(&q);
    return st;
}

/* Run one of the routes that read the index: refresh the handle, run, and
 * when the index failed, open it afresh and run again; 503 when it cannot be
 * read. kind: 's' search, 'l' like (similar), 'b' brief. */
static void with_index(api_worker *w, int kind, api_request *ar, const char *id,
                       api_response *out)
{
    char err[512] = "";
    xc_status st = XC_OK;
    for (int attempt = 0; attempt < INDEX_ATTEMPTS; attempt++) {
        if (refresh_index(w, err, sizeof err) != 0) {
            respond_error(out, 503, "the index cannot be read: %s", err);
            return;
        }
        err[0] = '\0';
        st = kind == 'b' ? brief_once(w, id, out, err, sizeof err)
                         : search_once(w, ar, kind == 'l' ? id : NULL, out, err, sizeof err);
        if (!index_failed(st))
            break;
        xc_database_destroy(w->db);   /* opened afresh by the next attempt */
        w->db = NULL;
    }
    if (st != XC_OK && !out->body)
        respond_error(out, 503, "the index cannot be read: %s",
                      err[0] ? err : xc_status_to_string(st));
}

/* An id given in the path: 0, or -1 with a message in err. */
static int check_id(const char *id, char *err, size_t errlen)
{
    size_t len = strlen(id);
    if (len > API_MAX_VALUE)
        snprintf(err, errlen, "the id is too long (%zu bytes; at most %d)", len, API_MAX_VALUE);
    else if (utf8_validate(id, len) != len)
        snprintf(err, errlen, "the id is not UTF-8 text");
    else
        return 0;
    return -1;
}

void api_handle(api_worker *w, const char *path, const api_param *params, size_t n,
                api_response *out)
{
    static const char brief_prefix[] = "/api/brief/", similar_prefix[] = "/api/similar/";
    char err[512];
    api_request ar = {0};
    memset(out, 0, sizeof *out);
    ar.qreq.filters = ar.filters;
    params_defaults(&ar.sreq);

    if (strcmp(path, "/api") == 0 || strcmp(path, "/api/") == 0) {
        if (read_params(params, n, NULL, 0, 0, NULL, err, sizeof err) != 0)
            respond_error(out, 400, "%s", err);
        else
            route_about(out);
    } else if (strcmp(path, "/api/search") == 0) {
        if (read_params(params, n, search_params, NSEARCH_PARAMS, 1, &ar, err, sizeof err) != 0)
            respond_error(out, 400, "%s", err);
        else
            with_index(w, 's', &ar, NULL, out);
    } else if ((strncmp(path, brief_prefix, strlen(brief_prefix)) == 0 ||
                strncmp(path, similar_prefix, strlen(similar_prefix)) == 0) &&
               check_id(strchr(path + 5, '/') + 1, err, sizeof err) != 0) {
        respond_error(out, 400, "%s", err);
    } else if (strncmp(path, brief_prefix, strlen(brief_prefix)) == 0 &&
               path[strlen(brief_prefix)]) {
        if (read_params(params, n, NULL, 0, 0, NULL, err, sizeof err) != 0)
            respond_error(out, 400, "%s", err);
        else
            with_index(w, 'b', NULL, path + strlen(brief_prefix), out);
    } else if (strncmp(path, similar_prefix, strlen(similar_prefix)) == 0 &&
               path[strlen(similar_prefix)]) {
        if (read_params(params, n, search_params, NSEARCH_PARAMS, 1, &ar, err, sizeof err) != 0)
            respond_error(out, 400, "%s", err);
        else
            with_index(w, 'l', &ar, path + strlen(similar_prefix), out);
    } else {
        respond_error(out, 404, "no such route: %.200s (see /api)", path);
    }
}
