/* params.c — the names both front ends share. See params.h. */
#include "params.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name, *plural;
} facet_names[FACET_LAST] = {
    [FACET_PERSON] = {"person", "people"},
    [FACET_COUNTRY] = {"country", "countries"},
};

const char params_facets_usage[] = "person, country or both";

const char *const params_sort_names[] = {"relevance", "date", "-date"};
const size_t params_nsort_names = sizeof params_sort_names / sizeof params_sort_names[0];
static const search_sort sort_orders[] = {SORT_RELEVANCE, SORT_DATE_ASCENDING,
                                          SORT_DATE_DESCENDING};

const char *const params_filter_fields[] = {"person", "country", "about", "source"};
const size_t params_nfilter_fields =
    sizeof params_filter_fields / sizeof params_filter_fields[0];

void params_defaults(search_request *req)
{
    req->limit = PARAMS_LIMIT;
    req->facet_limit = PARAMS_FACET_LIMIT;
    req->snippet_length = PARAMS_SNIPPET_LENGTH;
}

int params_facets(const char *list, search_request *req)
{
    char buf[256];
    if (snprintf(buf, sizeof buf, "%s", list) >= (int)sizeof buf)
        return -1;
    for (char *save = NULL, *tok = strtok_r(buf, ", ", &save); tok;
         tok = strtok_r(NULL, ", ", &save)) {
        int f = 0;
        while (f < FACET_LAST && strcmp(tok, facet_names[f].name) != 0 &&
               strcmp(tok, facet_names[f].plural) != 0)
            f++;
        if (f == FACET_LAST)
            return -1;
        req->facets[f] = 1;
    }
    return 0;
}

const char *params_facet_name(search_facet f)
{
    return facet_names[f].name;
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
