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
} print_context;

/* The hints and the suggestion, the total, then the ranked hits with their
 * date, title, id or path, people, countries (by name) and snippet, then the
 * facet counts. */
void print_text(FILE *out, const print_context *ctx, const search_result *r);

/* One JSON document: query, total, hits (every stored field, the snippet as
 * plain text with the byte ranges of its highlights), suggestion, hints (an
 * array of strings, empty when none), facets. */
void print_json(FILE *out, const print_context *ctx, const search_result *r);

/* One brief id per line. */
void print_ids(FILE *out, const search_result *r);

#endif
