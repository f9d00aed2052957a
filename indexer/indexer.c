/* indexer.c — one indexing run. See indexer.h.
 *
 * Data flow per file: walk → reader (brief records) → extract (people,
 * countries) → document (schema) → replace_document by unique id.  Work is
 * committed in batches and at the end; a brief that fails costs only itself.
 */
#include "indexer.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "document.h"
#include "extract.h"
#include "reader.h"
#include "schema.h"
#include "walk.h"
#include "xapian-c.h"

static volatile sig_atomic_t stop_requested;

void indexer_request_stop(void)
{
    stop_requested = 1;
}

typedef struct run {
    const indexer_options *opts;
    indexer_counts *counts;
    xc_database *db;
    xc_termgen *tg;
    extractor *ex;
    const char *path;          /* canonical path of the file being read */
    const struct stat *st;
    unsigned long uncommitted; /* briefs since the last commit */
    double last_commit;        /* monotonic seconds */
    int io_error;              /* a commit or write failed: stop, exit 74 */
} run;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------------------ */
/* Diagnostics: one line each on stderr, naming the file                     */
/* ------------------------------------------------------------------------ */

static void say(const run *r, int is_error, const char *path, long ordinal, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void say(const run *r, int is_error, const char *path, long ordinal, const char *fmt, ...)
{
    if (r->opts->quiet && !is_error)
        return;
    va_list ap;
    va_start(ap, fmt);
    if (ordinal > 0)
        fprintf(stderr, "brief-index: %s:%ld: ", path, ordinal);
    else
        fprintf(stderr, "brief-index: %s: ", path);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void on_reader_diag(void *ctx, reader_diag_level level, const char *path, long ordinal,
                           const char *message)
{
    run *r = ctx;
    switch (level) {
    case READER_WARNING:
        say(r, 0, path, ordinal, "warning: %s", message);
        break;
    case READER_SKIP:
        say(r, 0, path, ordinal, "skipped: %s", message);
        break;
    case READER_ERROR:
        say(r, 1, path, ordinal, "error: %s", message);
        break;
    }
}

/* ------------------------------------------------------------------------ */
/* Committing                                                                */
/* ------------------------------------------------------------------------ */

static int commit(run *r)
{
    xc_status st = xc_database_commit(r->db);
    if (st != XC_OK) {
        fprintf(stderr, "brief-index: %s: cannot commit: %s\n", r->opts->db_path,
                xc_database_error(r->db));
        r->io_error = 1;
        return -1;
    }
    r->uncommitted = 0;
    r->last_commit = now_seconds();
    return 0;
}

static void commit_if_due(run *r)
{
    const indexer_options *o = r->opts;
    if (r->uncommitted == 0)
        return;
    if ((o->batch_briefs && r->uncommitted >= o->batch_briefs) ||
        (o->batch_seconds > 0 && now_seconds() - r->last_commit >= o->batch_seconds))
        commit(r);
}

/* ------------------------------------------------------------------------ */
/* One brief                                                                 */
/* ------------------------------------------------------------------------ */

static void index_brief(run *r, brief *b)
{
    char id[PATH_MAX + 32], idterm[SCHEMA_MAX_TERM + 1];
    entity_set entities = {0};
    xc_document *doc = NULL;

    document_brief_id(b, r->path, id, sizeof id);
    schema_term(idterm, sizeof idterm, PREFIX_ID, id, 0);
    if (extract_brief(r->ex, b, 0, &entities) != 0) {
        say(r, 1, r->path, b->ordinal, "error: out of memory extracting entities");
        r->counts->failed++;
        return;
    }

    file_stamp stamp = {
        .path = r->path,
        .size = (long long)r->st->st_size,
        .mtime_sec = (long long)r->st->st_mtim.tv_sec,
        .mtime_nsec = r->st->st_mtim.tv_nsec,
        .content_hash = NULL,
    };
    int existed = 0;
    xc_status st = xc_document_create(&doc);
    if (st == XC_OK)
        st = document_build(doc, r->tg, b, id, &entities, &stamp);
    if (st == XC_OK)
        st = xc_database_term_exists(r->db, idterm, &existed);
    if (st == XC_OK)
        st = xc_database_replace_document(r->db, idterm, doc, NULL);

    if (st == XC_OK) {
        if (existed)
            r->counts->replaced++;
        else
            r->counts->added++;
        r->uncommitted++;
        if (r->opts->verbose)
            say(r, 0, r->path, b->ordinal, "%s %s", existed ? "replaced" : "added", id);
    } else {
        /* A failed write to the database is fatal for the run; a brief the
         * term generator refuses costs only itself. */
        const char *msg = xc_database_error(r->db);
        if (!*msg)
            msg = doc ? xc_document_error(doc) : "";
        if (!*msg)
            msg = xc_termgen_error(r->tg);
        say(r, 1, r->path, b->ordinal, "error: cannot index: %s (%s)", xc_status_to_string(st),
            msg);
        r->counts->failed++;
        if (st == XC_DATABASE_ERROR || st == XC_DATABASE_CORRUPT)
            r->io_error = 1;
    }
    xc_document_destroy(doc);
    entity_set_clear(&entities);
    commit_if_due(r);
}

static int on_brief(void *ctx, brief *b)
{
    run *r = ctx;
    index_brief(r, b);
    return r->io_error || stop_requested;
}

/* ------------------------------------------------------------------------ */
/* One file                                                                  */
/* ------------------------------------------------------------------------ */

static int on_file(void *ctx, const char *path, const struct stat *st)
{
    run *r = ctx;
    char canonical[PATH_MAX];
    if (!realpath(path, canonical)) {
        say(r, 1, path, 0, "error: %s", strerror(errno));
        r->counts->failed++;
        return 0;
    }
    r->path = canonical;
    r->st = st;
    r->counts->files++;

    reader_options ro = {.max_bytes = r->opts->max_bytes};
    reader_counts rc = {0};
    reader_status rs = reader_read_file(canonical, &ro, on_brief, on_reader_diag, r, &rc);
    r->counts->skipped += rc.skipped;
    r->counts->failed += rc.failed;
    if (rs == READER_SKIPPED && rc.skipped == 0)
        r->counts->skipped++;
    if (rs == READER_FAILED && rc.failed == 0)
        r->counts->failed++;
    r->path = NULL;
    return r->io_error || stop_requested;
}

static void on_walk_error(void *ctx, const char *path, const char *reason)
{
    run *r = ctx;
    say(r, 1, path, 0, "error: %s", reason);
    r->counts->failed++;
}

/* ------------------------------------------------------------------------ */
/* The run                                                                   */
/* ------------------------------------------------------------------------ */

/* Open the index for writing, waiting up to opts->wait_seconds for another
 * writer's lock. Returns EXIT_DONE with r->db set, or the exit status. */
static int open_index(run *r)
{
    const indexer_options *o = r->opts;
    double deadline = now_seconds() + (o->wait_seconds > 0 ? o->wait_seconds : 0);
    for (;;) {
        char *err = NULL;
        xc_status st = xc_database_open_writable(o->db_path, XC_DB_CREATE_OR_OPEN, &r->db, &err);
        if (st == XC_OK)
            return EXIT_DONE;
        if (st == XC_DATABASE_LOCKED && now_seconds() < deadline && !stop_requested) {
            free(err);
            usleep(100 * 1000);
            continue;
        }
        if (st == XC_DATABASE_LOCKED)
            fprintf(stderr, "brief-index: %s: index is locked by another indexer%s\n",
                    o->db_path, o->wait_seconds > 0 ? " (gave up waiting)" : "");
        else
            fprintf(stderr, "brief-index: %s: cannot open index: %s\n", o->db_path,
                    err ? err : xc_status_to_string(st));
        free(err);
        return st == XC_DATABASE_LOCKED ? EXIT_LOCKED : EXIT_IO;
    }
}

static int set_up_termgen(run *r)
{
    xc_status st = xc_termgen_create(SCHEMA_LANGUAGE, &r->tg);
    if (st == XC_OK)
        st = xc_termgen_set_database(r->tg, r->db);
    if (st == XC_OK)
        st = xc_termgen_set_flags(r->tg, XC_TG_SPELLING);
    if (st != XC_OK) {
        fprintf(stderr, "brief-index: cannot set up the term generator: %s\n",
                r->tg ? xc_termgen_error(r->tg) : xc_status_to_string(st));
        return -1;
    }
    return 0;
}

int indexer_run(const indexer_options *opts, char *const *roots, int nroots,
                indexer_counts *counts)
{
    double start = now_seconds();
    run r = {.opts = opts, .counts = counts, .last_commit = start};
    memset(counts, 0, sizeof *counts);
    stop_requested = 0;

    int status = open_index(&r);
    if (status != EXIT_DONE)
        goto done;
    if (set_up_termgen(&r) != 0 || extractor_create(&r.ex) != 0) {
        if (!r.ex)
            fprintf(stderr, "brief-index: cannot load the gazetteers: out of memory\n");
        status = EXIT_IO;
        goto done;
    }

    /* Never index the index itself when it lies under a root. */
    walk_options wo = {0};
    struct stat dbst;
    if (stat(opts->db_path, &dbst) == 0) {
        wo.skip_dev = dbst.st_dev;
        wo.skip_ino = dbst.st_ino;
    }
    if (walk_roots(roots, nroots, &wo, on_file, on_walk_error, &r) < 0) {
        fprintf(stderr, "brief-index: cannot walk the files: %s\n", strerror(errno));
        counts->failed++;
    }

    if (!r.io_error && commit(&r) == 0)
        status = stop_requested ? EXIT_INTERRUPTED
                 : counts->failed ? EXIT_SOME_FAILED
                                  : EXIT_DONE;
    else
        status = EXIT_IO;

done:
    extractor_destroy(r.ex);
    xc_termgen_destroy(r.tg);
    if (r.db)
        xc_database_close(r.db);
    xc_database_destroy(r.db);
    counts->seconds = now_seconds() - start;
    return status;
}
