/* print.h — show a search result: text for people, JSON for programs, ids for scripts. */
#ifndef BRIEFS_PRINT_H
#define BRIEFS_PRINT_H

#include <stdio.h>

#include "search.h"

typedef struct print_context {
    const char *query_text;     /* as the user typed it */
    const char *suggestion;     /* "did you mean", or NULL */
    const char *const *hints;   /* lines on field values no brief holds (query_built) */
    size_t nhints;
    const search_request *req;
    int color;                  /* text: bold highlights (a terminal) */
    int compact;                /* JSON: on one line (batch mode) */
    const char *const *missing; /* a partial answer: the shards that did not answer, */
    size_t nmissing;            /* as their stub names them (shards.h) */
    size_t nshards;             /* of how many */
} print_context;

/* A partial answer's line (the shards missing), the hints and the
 * suggestion, the total, then the ranked hits with their
 * date, title, id or path, people, countries (by name) and snippet, then the
 * facet counts. */
void print_text(FILE *out, const print_context *ctx, const search_result *r);

/* One JSON document: query, total, hits (every stored field, the snippet as
 * plain text with the byte ranges of its highlights), suggestion, hints (an
 * array of strings, empty when none), facets; for a partial answer,
 * "partial": true and "missing_shards", the names of the shards missing. */
void print_json(FILE *out, const print_context *ctx, const search_result *r);

/* One brief id per line. */
void print_ids(FILE *out, const search_result *r);

#endif
