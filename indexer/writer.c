/* writer.c — one brief into one database. See writer.h. */
#include "writer.h"

#include <stdio.h>
#include <string.h>

#include "bytesize.h"
#include "report.h"
#include "schema.h"
#include "xapian-ext-spelling.h"

int brief_writer_init(brief_writer *w, xc_database *db, const extractor *ex, char *err,
                      size_t errlen)
{
    *w = (brief_writer){.db = db, .ex = ex};
    /* The termgen writes no spelling data itself (no XC_TG_SPELLING):
     * brief_writer_write counts each brief's words into the database handle
     * (xe_spelling_add_document), which costs far less. */
    xc_status st = xc_termgen_create(SCHEMA_LANGUAGE, &w->tg);
    if (st != XC_OK) {
        snprintf(err, errlen, "cannot set up the term generator: %s",
                 w->tg ? xc_termgen_error(w->tg) : xc_status_to_string(st));
        brief_writer_clear(w);
        return -1;
    }
    return 0;
}

void brief_writer_clear(brief_writer *w)
{
    xc_termgen_destroy(w->tg);
    w->tg = NULL;
}

/* Remember how the briefs write the names of people the gazetteer does not
 * know: brief-query shows facets under these names. */
static xc_status record_display_names(brief_writer *w, const entity_set *e)
{
    xc_status st = XC_OK;
    for (size_t i = 0; st == XC_OK && i < e->npeople; i++) {
        const entity *p = &e->people[i];
        if (!p->display || extractor_person_name(w->ex, p->id))
            continue;
        char key[SCHEMA_MAX_TERM + 1];
        schema_term(key, sizeof key, METADATA_PERSON_NAME, p->id, 0);
        if (!w->names_to)
            st = xc_database_set_metadata(w->db, key, p->display);
        for (unsigned k = 0; st == XC_OK && k < w->nnames_to; k++)
            st = xc_database_set_metadata(w->names_to[k], key, p->display);
    }
    return st;
}

void brief_writer_warn_long(const brief *b, size_t scanned, size_t indexed)
{
    char all[32], part[32];
    bytesize_format(all, sizeof all, b->body_len);
    if (scanned < b->body_len) {
        bytesize_format(part, sizeof part, scanned);
        report_warning(b->path, b->ordinal,
                       "warning: a body of %s: people and countries from its first %s only", all,
                       part);
    }
    if (indexed < b->body_len) {
        bytesize_format(part, sizeof part, indexed);
        report_warning(b->path, b->ordinal,
                       "warning: a body of %s: words indexed from its first %s only (%u distinct "
                       "terms at most)", all, part, DOCUMENT_MAX_TERMS);
    }
}

write_result brief_writer_write(brief_writer *w, const brief *b, const char *id,
                                const file_stamp *stamp, char *err, size_t errlen)
{
    char idterm[SCHEMA_MAX_TERM + 1];
    entity_set entities = {0};
    xc_document *doc = NULL;
    int existed = 0;

    schema_field_term(idterm, sizeof idterm, &schema_fields[FIELD_ID], id);
    if (extract_brief(w->ex, b, 0, &entities) != 0) {
        snprintf(err, errlen, "out of memory extracting entities");
        return WRITE_FAILED;
    }
    xc_status st = xc_document_create(&doc);
    size_t body_indexed = 0;
    if (st == XC_OK)
        st = document_build(doc, w->tg, b, id, &entities, stamp, &body_indexed);
    if (st == XC_OK)
        st = xc_database_term_exists(w->db, idterm, &existed);
    if (st == XC_OK)
        st = xc_database_replace_document(w->db, idterm, doc, NULL);
    if (st == XC_OK)
        st = xe_spelling_add_document(w->db, doc);
    if (st == XC_OK)
        st = record_display_names(w, &entities);

    write_result result = existed ? WRITE_UPDATED : WRITE_ADDED;
    if (st == XC_OK && b->body)
        brief_writer_warn_long(b, extract_scanned_length(b->body, b->body_len), body_indexed);
    if (st != XC_OK) {
        /* A failed write to the database is fatal for the run; a brief the
         * term generator refuses costs only itself. */
        const char *msg = xc_database_error(w->db);
        if (!*msg)
            msg = doc ? xc_document_error(doc) : "";
        if (!*msg)
            msg = xc_termgen_error(w->tg);
        snprintf(err, errlen, "cannot index: %s (%s)", xc_status_to_string(st), msg);
        result = (st == XC_DATABASE_ERROR || st == XC_DATABASE_CORRUPT) ? WRITE_FATAL
                                                                        : WRITE_FAILED;
    }
    xc_document_destroy(doc);
    entity_set_clear(&entities);
    return result;
}
