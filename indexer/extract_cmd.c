/* extract_cmd.c — brief-index --extract. See extract_cmd.h. */
#include "extract_cmd.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "exits.h"
#include "extract.h"
#include "reader.h"
#include "report.h"
#include "walk.h"
#include "writer.h"

typedef struct extract_run {
    extractor *ex;
    int spans;
    reader_options ro;
    const char *path;
    unsigned long failed;
} extract_run;

/* The ids of n entities; with about_only, of the countries the brief is about. */
static json_t *ids_json(const entity *items, size_t n, int about_only)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (!about_only || items[i].about)
            json_array_append_new(arr, json_string(items[i].id));
    return arr;
}

static json_t *mentions_json(const entity_set *e, const brief *b)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < e->nmentions; i++) {
        const entity_mention *m = &e->mentions[i];
        json_array_append_new(
            arr, json_pack("{s:s, s:I, s:I, s:s%, s:s}", "kind",
                           m->kind == ENTITY_PERSON ? "person" : "country",
                           "start", (json_int_t)m->start, "end", (json_int_t)m->end, "text",
                           b->body + m->start, m->end - m->start, "id", m->id));
    }
    return arr;
}

static int print_brief(void *ctx, brief *b)
{
    extract_run *x = ctx;
    char id[PATH_MAX + 32];
    entity_set e = {0};
    if (extract_brief(x->ex, b, x->spans, &e) != 0) {
        report_error(x->path, 0, "out of memory extracting entities");
        x->failed++;
        return 0;
    }
    if (b->body)
        brief_writer_warn_long(b, extract_scanned_length(b->body, b->body_len), b->body_len);
    /* countries: every country named, as indexed under XC; about: the
     * countries the brief is about, as indexed under XA */
    json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:o}", "id",
                          document_brief_id(b, x->path, id, sizeof id), "title",
                          b->title ? b->title : "", "people", ids_json(e.people, e.npeople, 0),
                          "countries", ids_json(e.countries, e.ncountries, 0), "about",
                          ids_json(e.countries, e.ncountries, 1));
    if (o && x->spans)
        json_object_set_new(o, "mentions", mentions_json(&e, b));
    if (o) {
        json_dumpf(o, stdout, JSON_COMPACT);
        fputc('\n', stdout);
        json_decref(o);
    }
    entity_set_clear(&e);
    return 0;
}

static int extract_file(void *ctx, const char *path, const char *canonical, const struct stat *st)
{
    (void)canonical;
    (void)st;
    extract_run *x = ctx;
    reader_counts rc = {0};
    x->path = path;
    report_file_begin(path);
    reader_status rs = reader_read_file(path, &x->ro, print_brief, report_reader_diag, x, &rc);
    report_file_end();
    x->failed += rc.failed + (rs == READER_FAILED && rc.failed == 0);
    return 0;
}

static void on_walk_error(void *ctx, const char *path, const char *reason)
{
    extract_run *x = ctx;
    report_error(path, 0, "error: %s", reason);
    x->failed++;
}

int extract_command(char *const *paths, int npaths, int spans, const reader_options *ro,
                    const walk_filter *filter)
{
    extract_run x = {.spans = spans};
    walk_options wo = {0};
    if (ro)
        x.ro = *ro;
    if (filter)
        wo.filter = *filter;
    if (extractor_create(&x.ex) != 0) {
        report_error(NULL, 0, "cannot load the gazetteers: out of memory");
        return EXIT_IO;
    }
    for (int i = 0; i < npaths; i++) {
        if (strcmp(paths[i], "-") == 0) {
            extract_file(&x, "-", NULL, NULL);
            continue;
        }
        char *one[2] = {paths[i], NULL};
        if (walk_roots(one, 1, &wo, extract_file, on_walk_error, &x) < 0) {
            report_error(paths[i], 0, "error: %s", strerror(errno));
            x.failed++;
        }
    }
    fflush(stdout);
    extractor_destroy(x.ex);
    return x.failed ? EXIT_SOME_FAILED : EXIT_DONE;
}
