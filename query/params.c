/* params.c — the names both front ends share. See params.h. */
#include "params.h"

#include <stdio.h>
#include <string.h>

#include "schema.h"

const char *const params_sort_names[] = {"relevance", "date", "-date"};
const size_t params_nsort_names = sizeof params_sort_names / sizeof params_sort_names[0];
static const search_sort sort_orders[] = {SORT_RELEVANCE, SORT_DATE_ASCENDING,
                                          SORT_DATE_DESCENDING};

void params_defaults(search_request *req)
{
    req->limit = PARAMS_LIMIT;
    req->facet_limit = PARAMS_FACET_LIMIT;
    req->snippet_length = PARAMS_SNIPPET_LENGTH;
}

/* The field whose facet is named tok (its name, or its facet's: "people"),
 * or -1. */
static int facet_named(const char *tok)
{
    for (int i = 0; i < SEARCH_FACET_COUNT; i++) {
        const char *name = search_facet_name(i);
        if (name && (strcmp(tok, name) == 0 || strcmp(tok, search_facet_plural(i)) == 0))
            return i;
    }
    return -1;
}

int params_facets(const char *list, search_request *req)
{
    char buf[256];
    if (snprintf(buf, sizeof buf, "%s", list) >= (int)sizeof buf)
        return -1;
    for (char *save = NULL, *tok = strtok_r(buf, ", ", &save); tok;
         tok = strtok_r(NULL, ", ", &save)) {
        if (strcmp(tok, "all") == 0) {
            for (int i = 0; i < SEARCH_FACET_COUNT; i++)
                req->facets[i] = req->facets[i] || search_facet_name(i) != NULL;
            continue;
        }
        int field = facet_named(tok);
        if (field < 0)
            return -1;
        req->facets[field] = 1;
    }
    return 0;
}

const char *params_facets_usage(char *out, size_t outlen)
{
    size_t used = (size_t)snprintf(out, outlen, "a list of fields among");
    for (int i = 0, n = 0; i < SEARCH_FACET_COUNT && used < outlen; i++)
        if (search_facet_name(i))
            used += (size_t)snprintf(out + used, outlen - used, "%s %s", n++ ? "," : "",
                                     search_facet_name(i));
    if (used < outlen)
        snprintf(out + used, outlen - used, ", or all");
    return out;
}

int params_is_filter_field(const char *name)
{
    const schema_field *f = schema_field_named(name);
    return f && f->option;
}

int params_facet_order(const char *name, search_facet_order *out)
{
    if (strcmp(name, "count") == 0)
        *out = FACET_ORDER_COUNT;
    else if (strcmp(name, "significance") == 0)
        *out = FACET_ORDER_SIGNIFICANCE;
    else
        return -1;
    return 0;
}

int params_sort(const char *name, search_sort *out)
{
    for (size_t i = 0; i < params_nsort_names; i++)
        if (strcmp(name, params_sort_names[i]) == 0) {
            *out = sort_orders[i];
            return 0;
        }
    return -1;
}
