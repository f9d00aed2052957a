/* fixture_index.c — see fixture_index.h. */
#include "fixture_index.h"

#include <stdio.h>
#include <string.h>

#include "brief.h"
#include "brief_text.h"
#include "document.h"
#include "schema.h"
#include "xapian-c.h"
#include "xapian-ext-spelling.h"

static int set(char **field, const char *s)
{
    return s ? brief_set(field, s, strlen(s)) : 0;
}

static int add_sample(xc_database *w, xc_termgen *tg, const sample *s)
{
    brief b;
    brief_init(&b);
    int ok = set(&b.id, s->id) == 0 && set(&b.title, s->title) == 0 &&
             set(&b.body, s->body) == 0 && set(&b.date, s->date) == 0 &&
             set(&b.source, s->source) == 0;
    b.body_len = b.body ? strlen(b.body) : 0;
    ok = ok && (!s->topics || brief_text_split_topics(&b.topics, s->topics, strlen(s->topics)) == 0);
    entity_set e = {(entity *)s->people, s->npeople, (entity *)s->countries, s->ncountries,
                    NULL, 0};
    xc_document *doc = NULL;
    char term[SCHEMA_MAX_TERM + 1];
    schema_field_term(term, sizeof term, &schema_fields[FIELD_ID], s->id);
    ok = ok && xc_document_create(&doc) == XC_OK &&
         document_build(doc, tg, &b, s->id, &e, NULL, NULL) == XC_OK &&
         xc_database_replace_document(w, term, doc, NULL) == XC_OK &&
         xe_spelling_add_document(w, doc) == XC_OK;
    xc_document_destroy(doc);
    brief_clear(&b);
    return ok ? 0 : -1;
}

int fixture_build_index(const char *path, const sample *samples, size_t n)
{
    xc_database *w = NULL;
    xc_termgen *tg = NULL;
    int ok = xc_database_open_writable(path, XC_DB_CREATE, &w, NULL) == XC_OK &&
             xc_termgen_create(SCHEMA_LANGUAGE, &tg) == XC_OK;
    for (size_t i = 0; ok && i < n; i++)
        ok = add_sample(w, tg, &samples[i]) == 0;
    ok = ok && xc_database_commit(w) == XC_OK;
    xc_termgen_destroy(tg);
    xc_database_destroy(w);
    return ok ? 0 : -1;
}

int fixture_open_index(const char *dir, const sample *samples, size_t n, xc_database **db)
{
    char path[600];
    if ((size_t)snprintf(path, sizeof path, "%s/db", dir) >= sizeof path ||
        fixture_build_index(path, samples, n) != 0)
        return -1;
    return xc_database_open(path, db, NULL) == XC_OK ? 0 : -1;
}
