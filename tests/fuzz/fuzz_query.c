/* fuzz_query.c — the query builder (query/query_build.h) over a small index
 * of invented briefs made once, and the search that runs what it built
 * (query/search.h), as brief-query does with one line of --batch.
 *
 * The input's first line is the query text (made valid UTF-8, as brief-query
 * makes it); each further line is a filter "field:value" (a boolean field of
 * the schema, as --person and the like give it), "since:DATE" or
 * "until:DATE" (read as --since and --until read them), or "any" (--any). */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "feedback.h"
#include "fixture_index.h"
#include "fixture_tmp.h"
#include "query_build.h"
#include "schema.h"
#include "search.h"

#define MAX_FILTERS 8

#define E(id, name) {(char *)(id), (char *)(name), 1, 1}

static const sample samples[] = {
    {"f1", "Harbour council votes on ferry fares",
     "The harbour council of Brindlemouth voted on Tuesday to freeze ferry fares. "
     "Mayor Ines Kowalczyk said the vote was close.",
     "2021-06-02", "Coastal Wire", {E("ines-kowalczyk", "Ines Kowalczyk")}, 1,
     {E("pl", "Poland")}, 1, "transport, Local Government"},
    {"f2", "Wheat prices rise after dry spring",
     "Wheat futures rose for a third week as growers in Canada and Argentina reported a "
     "dry spring.",
     "2023-04-17", "Grain Desk", {{0}}, 0,
     {E("ar", "Argentina"), E("ca", "Canada")}, 2, "grain"},
    {"f3", "Talks on river treaty resume",
     "Negotiators from Egypt and Ethiopia met again; Joe Biden's envoy attended.",
     "2023-11-30", "Nile Post", {E("joe-biden", "Joe Biden")}, 1,
     {E("eg", "Egypt"), E("et", "Ethiopia")}, 2, NULL},
    {"f4", "Undated note on markets", "Markets were calm.", NULL, NULL, {{0}}, 0, {{0}}, 0, NULL},
};

static char tmp_dir[256];
static xc_database *db;
static extractor *ex;

static void clean_up(void)
{
    xc_database_destroy(db);
    extractor_destroy(ex);
    if (*tmp_dir)
        fixture_tmp_remove(tmp_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char path[300];
    FUZZ_CHECK(fixture_tmp_make("briefs-fuzz-query", tmp_dir, sizeof tmp_dir) == 0,
               "cannot make a temporary directory");
    atexit(clean_up);
    snprintf(path, sizeof path, "%s/db", tmp_dir);
    FUZZ_CHECK(fixture_build_index(path, samples, sizeof samples / sizeof *samples) == 0,
               "cannot build the fixture index");
    FUZZ_CHECK(xc_database_open(path, &db, NULL) == XC_OK, "cannot open the fixture index");
    FUZZ_CHECK(extractor_create(&ex) == 0, "extractor_create failed");
    return 0;
}

/* Read the lines after the first into req (pointing into lines, which the
 * lines are cut in). */
static void read_options(char *lines, query_request *req, query_filter *filters,
                         char since[DATE_ISO_SIZE], char until[DATE_ISO_SIZE])
{
    for (char *line = lines; line; ) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *colon = strchr(line, ':');
        if (strcmp(line, "any") == 0) {
            req->any = 1;
        } else if (colon) {
            *colon = '\0';
            const char *value = colon + 1;
            const schema_field *f = schema_field_named(line);
            if (strcmp(line, "since") == 0 && date_parse_arg(value, 0, since) == 0)
                req->since = since;
            else if (strcmp(line, "until") == 0 && date_parse_arg(value, 1, until) == 0)
                req->until = until;
            else if (f && f->kind == SCHEMA_BOOLEAN && req->nfilters < MAX_FILTERS)
                filters[req->nfilters++] = (query_filter){.field = f->name, .value = value};
        }
        line = next;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_utf8_string(data, size);
    char *rest = strchr(text, '\n');
    if (rest)
        *rest++ = '\0';
    query_filter filters[MAX_FILTERS];
    char since[DATE_ISO_SIZE], until[DATE_ISO_SIZE];
    query_request req = {.text = text, .filters = filters};
    if (rest)
        read_options(rest, &req, filters, since, until);

    query_shape shape;
    query_analyse(text, &shape);
    (void)query_text_needs_aliases(text);
    /* Without an extractor where none is needed: the check must be a superset. */
    const extractor *x = query_request_needs_aliases(&req) ? ex : NULL;

    query_built q = {0};
    char err[512] = "";
    xc_status st = query_build(db, x, &req, &q, err, sizeof err);
    if (st != XC_OK) {
        FUZZ_CHECK(q.query == NULL, "query_build: failed but left a query");
        FUZZ_CHECK(*err && !strchr(err, '\n'), "query_build: no one-line message");
    } else {
        FUZZ_CHECK(q.query != NULL, "query_build: no query");
        search_request sreq = {
            .query = q.query, .nterms = q.nterms, .limit = 10, .facet_limit = 10,
            .snippet_length = 200, .explain = 1,
            .feedback = q.sentence ? &feedback_defaults : NULL,
        };
        for (int i = 0; i < SEARCH_FACET_COUNT; i++)
            sreq.facets[i] = 1;
        search_result r = {0};
        if (search_run(db, ex, &sreq, &r, err, sizeof err) == XC_OK)
            FUZZ_CHECK(r.nhits <= 10, "search_run: more hits than the limit");
        search_result_clear(&r);
    }
    query_built_clear(&q);
    free(text);
    return 0;
}
