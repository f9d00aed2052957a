/* indexer.c — one indexing run. See indexer.h.
 *
 * Data flow per file: walk → change detection (changes.h: read it again?)
 * → reader (brief records) → change detection (write this brief?) → writer
 * (extract people and countries, build the document, replace it by unique
 * id; in a parallel first build, a worker's shard: shards.h) → after the
 * file, change detection deletes the briefs it dropped and records it.
 * After the walk, change detection deletes the briefs of files gone and
 * restores briefs another file still holds.  The run opens the index, sets
 * up the writers, commits in batches and at the end, shows the progress and
 * counts; a brief that fails costs only itself.  Messages: report.h.
 * A sharded index (--shards, partitions.h) has a writer on each shard, a
 * brief going to the one its id hashes to, and its file table in a database
 * of its own, committed after the shards.
 */
#include "indexer.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/stat.h>

#include "changes.h"
#include "document.h"
#include "filetable.h"
#include "extract.h"
#include "index_dir.h"
#include "partitions.h"
#include "reader.h"
#include "report.h"
#include "shards.h"
#include "walk.h"
#include "writer.h"
#include "xapian-c.h"

static volatile sig_atomic_t stop_requested;

void indexer_request_stop(void)
{
    stop_requested = 1;
}

typedef struct run {
    const indexer_options *opts;
    indexer_counts *counts;
    xc_database *index;        /* the index, open for writing: holds its lock */
    xc_database *db;           /* where this thread writes: the index, or in a
                                  parallel build the pool's file table */
    extractor *ex;
    brief_writer w;            /* a serial run's writer, on the index */
    partitions parts;          /* a sharded index (partitions.h): its shards;
                                  index and db are then its file table */
    brief_writer *pw;          /* a sharded index: a writer on each shard */
    shard_pool *pool;          /* a parallel first build (shards.h), or NULL */
    changes changes;           /* change detection (changes.h) */
    const char *path;          /* canonical path of the file being read */
    const struct stat *st;
    file_entry *entry;         /* the file being read: its new entry, or NULL
                                  (a brief read again from another file) */
    int walk_errors;           /* the walk could not read some entry */
    char *const *roots;        /* as given */
    walk_options wo;           /* how they are walked */
    progress *progress;        /* the progress line, or NULL */
    unsigned long uncommitted; /* briefs written or deleted since the last commit */
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
/* Committing                                                                */
/* ------------------------------------------------------------------------ */

static int commit(run *r)
{
    /* The shards before the file table: see partitions.h. */
    char err[512];
    if (r->parts.n && partitions_commit(&r->parts, err, sizeof err) != 0) {
        report_error(r->opts->db_path, 0, "cannot commit: %s", err);
        r->io_error = 1;
        return -1;
    }
    xc_status st = xc_database_commit(r->db);
    if (st != XC_OK) {
        report_error(r->opts->db_path, 0, "cannot commit: %s", xc_database_error(r->db));
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

/* Print what became of a brief (any thread: report.h writes whole lines).
 * verbose is looked at here too: a note takes stderr's lock, and this is
 * called for every brief, from every worker. */
static void report_written(void *ctx, const brief *b, const char *id, write_result res,
                           const char *err)
{
    const run *r = ctx;
    if (res == WRITE_FAILED || res == WRITE_FATAL)
        report_error(b->path, b->ordinal, "error: %s", err);
    else if (r->opts->verbose)
        report_note(b->path, b->ordinal, "%s %s", res == WRITE_UPDATED ? "updated" : "added", id);
}

/* Index brief b of the file being read (r->path, r->st; its ids go to
 * r->entry): unless change detection says the index holds it as it is, write
 * it, or hand it to a worker; count it, and commit when a batch is due. Sets
 * r->io_error when the index cannot be written. */
static void index_brief(run *r, brief *b)
{
    char id[PATH_MAX + 32], err[512];
    document_brief_id(b, r->path, id, sizeof id);
    file_stamp stamp = {
        .path = r->path,
        .size = (long long)r->st->st_size,
        .mtime_sec = (long long)r->st->st_mtim.tv_sec,
        .mtime_nsec = r->st->st_mtim.tv_nsec,
        .content_hash = NULL,
    };

    if (r->pool) {
        /* Claimed before it is written: a brief that then fails leaves its id
         * in the file's entry, which costs a lookup when the file changes. */
        if (changes_claim(&r->changes, r->entry, id) != 0 ||
            shards_submit(r->pool, b, id, &stamp) != 0) {
            if (!shards_failed(r->pool))
                report_error(r->path, b->ordinal, "error: out of memory");
            r->io_error = 1;
        }
        return;
    }

    /* A brief of a changed file that did not change itself is left as it is
     * (its document keeps the file's size and mtime of when it was written,
     * and its ordinal). A parallel build (above) fills an empty index. */
    int same = changes_brief_unchanged(&r->changes, r->entry, b, id, r->path);
    if (same != 0) {
        if (same < 0)
            r->io_error = 1;
        return;
    }

    brief_writer *w = r->parts.n ? &r->pw[partitions_of(id, r->parts.n)] : &r->w;
    write_result res = brief_writer_write(w, b, id, &stamp, err, sizeof err);
    report_written(r, b, id, res, err);
    switch (res) {
    case WRITE_ADDED:
    case WRITE_UPDATED:
        if (res == WRITE_ADDED)
            r->counts->added++;
        else
            r->counts->updated++;
        r->uncommitted++;
        if (changes_claim(&r->changes, r->entry, id) != 0) {
            report_error(r->path, b->ordinal, "error: out of memory");
            r->io_error = 1;
        }
        break;
    case WRITE_FATAL:
        r->io_error = 1;
        /* fall through */
    case WRITE_FAILED:
        r->counts->failed++;
        break;
    }
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

/* The number of files the walk will meet, for the progress line: a walk
 * without a stat per file (walk_count), made only when the line is shown. */
static long count_files(void *ctx)
{
    const run *r = ctx;
    return walk_count(r->roots, &r->wo, &stop_requested);
}

static void show_progress(run *r, int end)
{
    if (end) {
        progress_end(r->progress);
        return;
    }
    const indexer_counts *c = r->counts;
    shard_counts sc = r->pool ? shards_counts(r->pool) : (shard_counts){0};
    /* Called as a file is begun: the ones before it are done. */
    progress_update(r->progress, c->files ? c->files - 1 : 0,
                    c->added + sc.added + c->updated + sc.updated);
}

/* Read the file of fc, which changed, and index its briefs; once it is read
 * to its end, have change detection finish it. */
static void read_file(run *r, const char *canonical, const struct stat *st, file_change *fc)
{
    r->path = canonical;
    r->st = st;
    r->entry = &fc->now;
    reader_options ro = {.max_bytes = r->opts->max_bytes, .encoding = r->opts->encoding};
    reader_counts rc = {0};
    report_file_begin(canonical);
    reader_status rs = reader_read_file(canonical, &ro, on_brief, report_reader_diag, r, &rc);
    report_file_end();
    r->counts->skipped += rc.skipped;
    r->counts->failed += rc.failed;
    if (rs == READER_SKIPPED && rc.skipped == 0)
        r->counts->skipped++;
    if (rs == READER_FAILED && rc.failed == 0)
        r->counts->failed++;
    r->path = NULL;
    r->entry = NULL;

    /* Record the file only when it was read to its end: a file cut short (a
     * stop, an error) is read again by the next run. Briefs that failed are
     * not recorded, so a file with failures is read again as well. */
    if (!r->io_error && !stop_requested && rs != READER_FAILED && rc.failed == 0 &&
        changes_file_read(&r->changes, fc) != 0)
        r->io_error = 1;
    commit_if_due(r);
}

static int on_file(void *ctx, const char *path, const char *known, const struct stat *st)
{
    run *r = ctx;
    char canonical[PATH_MAX];
    if (known)
        snprintf(canonical, sizeof canonical, "%s", known);
    else if (!realpath(path, canonical)) {
        report_error(path, 0, "error: %s", strerror(errno));
        r->counts->failed++;
        return 0;
    }
    r->counts->files++;
    show_progress(r, 0);

    file_change fc;
    switch (changes_check_file(&r->changes, path, canonical, st, &fc)) {
    case FILE_MET_BEFORE:
        file_change_clear(&fc);
        return 0;
    case FILE_DONE:
        break;
    case FILE_TO_READ:
        read_file(r, canonical, st, &fc);
        break;
    case FILE_STOP:
        r->io_error = 1;
        break;
    }
    file_change_clear(&fc);
    return r->io_error || stop_requested;
}

static void on_walk_error(void *ctx, const char *path, const char *reason)
{
    run *r = ctx;
    report_error(path, 0, "error: %s", reason);
    r->counts->failed++;
    r->walk_errors++;
}

/* ------------------------------------------------------------------------ */
/* After the walk                                                            */
/* ------------------------------------------------------------------------ */

/* changes_commit_fn: between two vanished files. */
static int commit_between_files(void *ctx)
{
    run *r = ctx;
    commit_if_due(r);
    return r->io_error ? -1 : 0;
}

/* changes_index_fn: a brief read again from another file. */
static int index_restored(void *ctx, brief *b, const char *path, const struct stat *st)
{
    run *r = ctx;
    r->path = path;
    r->st = st;
    r->entry = NULL;   /* its entry already lists it */
    index_brief(r, b);
    r->path = NULL;
    r->st = NULL;
    return r->io_error ? -1 : 0;
}

/* The roots as canonical absolute paths: realpath when the root exists, else
 * the path made absolute (a root that is gone entirely still owns its files). */
typedef struct roots_abs {
    char **paths;
    int n;
} roots_abs;

/* What the walk (walk_roots() returned walked) leaves to do: delete the
 * briefs of files gone, unless the walk could not read everything (a
 * directory it could not read is not a deleted one), and read again the
 * briefs deleted that another file holds. */
static void after_walk(run *r, const roots_abs *ra, int walked)
{
    if (walked == 0 && !r->walk_errors && !r->io_error && !stop_requested) {
        if (changes_delete_vanished(&r->changes, ra->paths, ra->n, &r->opts->filter,
                                    commit_between_files, r) != 0)
            r->io_error = 1;
    } else if (r->walk_errors) {
        report_warning(NULL, 0, "some entries could not be read: no brief deleted");
    }
    reader_options ro = {.max_bytes = r->opts->max_bytes, .encoding = r->opts->encoding};
    if (!r->io_error && !stop_requested &&
        changes_restore_dropped(&r->changes, &ro, index_restored, r) != 0)
        r->io_error = 1;
}

/* ------------------------------------------------------------------------ */
/* The run                                                                   */
/* ------------------------------------------------------------------------ */

static int make_roots_abs(roots_abs *ra, char *const *roots, int nroots)
{
    ra->n = 0;
    ra->paths = calloc((size_t)(nroots > 0 ? nroots : 1), sizeof *ra->paths);
    if (!ra->paths)
        return -1;
    for (int i = 0; i < nroots; i++) {
        char buf[PATH_MAX], cwd[PATH_MAX];
        if (realpath(roots[i], buf)) {
            ra->paths[ra->n] = strdup(buf);
        } else if (roots[i][0] == '/') {
            ra->paths[ra->n] = strdup(roots[i]);
        } else if (getcwd(cwd, sizeof cwd)) {
            size_t len = strlen(cwd) + 1 + strlen(roots[i]) + 1;
            ra->paths[ra->n] = malloc(len);
            if (ra->paths[ra->n])
                snprintf(ra->paths[ra->n], len, "%s/%s", cwd, roots[i]);
        } else {
            continue;
        }
        if (!ra->paths[ra->n])
            return -1;
        ra->n++;
    }
    return 0;
}

static void free_roots_abs(roots_abs *ra)
{
    for (int i = 0; i < ra->n; i++)
        free(ra->paths[i]);
    free(ra->paths);
}

/* Besides what Xapian left, our marker may be in the index directory. */
static int is_marker(void *ctx, const char *name)
{
    (void)ctx;
    return strcmp(name, INDEX_DIR_MARKER) == 0;
}

/* A run killed while Xapian was creating the index leaves a directory that
 * Xapian can neither open nor create again. Nothing was ever committed to
 * it: when the directory is marked as ours (index_dir.h), let the binding
 * remove what the creation left (xc_database_discard_unfinished), so that
 * the index is created afresh. Returns 1 when it did. */
static int discard_unfinished_creation(const char *db_path)
{
    if (index_dir_made(db_path) == MADE_NOTHING)
        return 0;
    return xc_database_discard_unfinished(db_path, is_marker, NULL) > 0;
}

/* Open the index's database at path (the index, or a sharded index's file
 * table) for writing, waiting up to opts->wait_seconds for another writer's
 * lock. Returns EXIT_DONE with r->db set, or the exit status. */
static int open_index(run *r, const char *path)
{
    const indexer_options *o = r->opts;
    double deadline = now_seconds() + (o->wait_seconds > 0 ? o->wait_seconds : 0);
    int discarded = 0;
    for (;;) {
        char *err = NULL;
        xc_status st = xc_database_open_writable(path, XC_DB_CREATE_OR_OPEN, &r->index, &err);
        if (st == XC_OK) {
            r->db = r->index;
            return EXIT_DONE;
        }
        if (st == XC_DATABASE_NOT_FOUND && !discarded &&
            (discarded = discard_unfinished_creation(path))) {
            free(err);
            continue;
        }
        if (st == XC_DATABASE_LOCKED && now_seconds() < deadline && !stop_requested) {
            free(err);
            usleep(100 * 1000);
            continue;
        }
        if (st == XC_DATABASE_LOCKED) {
            long pid = xc_database_lock_holder(path);
            char who[48] = "";
            if (pid > 0)
                snprintf(who, sizeof who, " (pid %ld)", pid);
            report_error(o->db_path, 0, "index is locked by another indexer%s%s", who,
                         o->wait_seconds > 0 ? "; gave up waiting" : "");
        }
        else
            report_error(o->db_path, 0, "cannot open index: %s",
                         err ? err : xc_status_to_string(st));
        free(err);
        return st == XC_DATABASE_LOCKED ? EXIT_LOCKED : EXIT_IO;
    }
}

static int stop_at_first(void *ctx, const char *key)
{
    (void)key;
    *(int *)ctx = 1;
    return 1;
}

/* A parallel build is for an index with no briefs and no file table (every
 * brief is then new, and no brief of it can be in another shard) whose
 * directory's parent is writable (the merged index is made there). */
static int can_build_in_parallel(run *r)
{
    unsigned docs = 0;
    int has_files = 0;
    if (r->opts->jobs < 2 || r->parts.n || !shards_can_swap(r->opts->db_path))
        return 0;
    if (xc_database_doccount(r->index, &docs) != XC_OK || docs > 0)
        return 0;
    if (xc_database_metadata_keys(r->index, FILETABLE_PREFIX, stop_at_first, &has_files) != XC_OK)
        return 0;
    return !has_files;
}

/* An index that brief-index made before it marked its directories has no
 * marker, and would be refused as another tool's. It is recognised for
 * certain by its own file table (FILETABLE_PREFIX keys in its metadata,
 * which nothing else writes) and marked as ours, its directory as the
 * user's (MADE_CONTENTS: never moved or removed). */
static void adopt_earlier_index(const indexer_options *o)
{
    xc_database *db = NULL;
    int has_files = 0;
    if (index_dir_made(o->db_path) != MADE_NOTHING ||
        xc_database_open(o->db_path, &db, NULL) != XC_OK)
        return;
    if (xc_database_metadata_keys(db, FILETABLE_PREFIX, stop_at_first, &has_files) == XC_OK &&
        has_files && index_dir_adopt(o->db_path) == 0)
        report_warning(o->db_path, 0, "an index of an earlier brief-index: marked as ours (%s)",
                       INDEX_DIR_MARKER);
    xc_database_destroy(db);
}

/* Set up the writers: the serial one on the index, or a pool of shards.
 * Returns 0, or -1 (said why). */
static int set_up_writers(run *r)
{
    char err[512];
    if (extractor_create(&r->ex) != 0) {
        report_error(NULL, 0, "cannot load the gazetteers: out of memory");
        return -1;
    }
    if (can_build_in_parallel(r)) {
        if (shards_start(&r->pool, r->opts->db_path, r->opts->jobs, r->ex, report_written, r, err,
                         sizeof err) != 0) {
            report_error(r->opts->db_path, 0, "%s", err);
            return -1;
        }
        r->db = shards_meta(r->pool);
        return 0;
    }
    if (r->parts.n) {
        r->pw = calloc(r->parts.n, sizeof *r->pw);
        if (!r->pw) {
            report_error(NULL, 0, "out of memory");
            return -1;
        }
        for (unsigned i = 0; i < r->parts.n; i++) {
            if (brief_writer_init(&r->pw[i], r->parts.dbs[i], r->ex, err, sizeof err) != 0) {
                report_error(NULL, 0, "%s", err);
                return -1;
            }
            r->pw[i].names_to = r->parts.dbs;
            r->pw[i].nnames_to = r->parts.n;
        }
        return 0;
    }
    if (brief_writer_init(&r->w, r->index, r->ex, err, sizeof err) != 0) {
        report_error(NULL, 0, "%s", err);
        return -1;
    }
    return 0;
}

/* Open the index for writing: the database at its path, or for a sharded
 * index (partitions.h) its file table, then its shards. Returns EXIT_DONE,
 * or the exit status (said). */
static int open_layout(run *r, unsigned nshards)
{
    const char *db_path = r->opts->db_path;
    char ft[PATH_MAX], err[PATH_MAX + 512];
    if (nshards == 0)
        return open_index(r, db_path);
    if (partitions_filetable_path(ft, sizeof ft, db_path) != 0 ||
        partitions_prepare(db_path, err, sizeof err) != 0) {
        report_error(db_path, 0, "%s", err);
        return EXIT_IO;
    }
    int status = open_index(r, ft);
    if (status != EXIT_DONE)
        return status;
    if (partitions_open(&r->parts, db_path, r->index, nshards, err, sizeof err) != 0) {
        report_error(db_path, 0, "%s", err);
        return EXIT_IO;
    }
    return EXIT_DONE;
}

/* After the walk of a parallel build: let the workers finish, count what
 * they did and merge the shards into the index. Returns 0, or -1 (said why;
 * the index is left empty). */
static int finish_parallel_build(run *r)
{
    char err[PATH_MAX + 512];
    int ok = shards_finish(r->pool, err, sizeof err) == 0;
    shard_counts sc = shards_counts(r->pool);
    r->counts->added += sc.added;
    r->counts->updated += sc.updated;
    r->counts->failed += sc.failed;
    if (ok && !r->io_error && commit(r) == 0)   /* the file table and the spelling */
        ok = shards_merge(r->pool, err, sizeof err) == 0;
    if (!ok || r->io_error) {
        report_error(r->opts->db_path, 0, "%s; nothing was committed",
                     ok ? "the parallel build failed" : err);
        return -1;
    }
    return 0;
}

int indexer_run(const indexer_options *opts, char *const *roots, int nroots,
                indexer_counts *counts)
{
    double start = now_seconds();
    run r = {.opts = opts, .counts = counts, .last_commit = start, .roots = roots};
    roots_abs ra = {0};
    memset(counts, 0, sizeof *counts);
    stop_requested = 0;
    r.progress = progress_create(opts->progress, opts->progress_seconds, count_files, &r);
    report_settings outer = report_set((report_settings){opts->quiet, opts->verbose, r.progress});

    int status = EXIT_IO;
    if (make_roots_abs(&ra, roots, nroots) != 0) {
        report_error(NULL, 0, "out of memory");
        goto done;
    }
    /* Before anything is written: an index that is a root, or holds one,
     * would index itself or sit among the files it indexes (-d CORPUS
     * CORPUS); an index under a root is fine, the walk skips it. */
    for (int k = 0; k < ra.n; k++)
        if (index_dir_holds(opts->db_path, ra.paths[k])) {
            report_error(opts->db_path, 0, "the index cannot be a PATH it indexes, nor hold one (%s)",
                         ra.paths[k]);
            goto done;
        }
    unsigned nshards = 0;
    char why[PATH_MAX + 128];
    if (partitions_layout(opts->db_path, opts->shards, &nshards, why, sizeof why) != 0) {
        report_error(opts->db_path, 0, "%s", why);
        status = EXIT_USAGE;
        goto done;
    }
    adopt_earlier_index(opts);
    if (index_dir_prepare(opts->db_path, why, sizeof why) != 0) {
        report_error(opts->db_path, 0, "%s", why);
        goto done;
    }
    status = open_layout(&r, nshards);
    if (status != EXIT_DONE)
        goto done;
    /* Marked scratch: a parallel build's swap cut short (shards.h). */
    if (index_dir_made(opts->db_path) == MADE_SCRATCH)
        index_dir_remark(opts->db_path, MADE_DIRECTORY);
    shards_remove_leftovers(opts->db_path);
    if (set_up_writers(&r) != 0) {
        status = EXIT_IO;
        goto done;
    }
    r.changes = (changes){.db = r.db, .shards = r.parts.dbs, .nshards = r.parts.n,
                          .db_path = opts->db_path, .full = opts->full,
                          .counts = counts, .uncommitted = &r.uncommitted,
                          .stop = &stop_requested};

    /* Never index the index itself when it lies under a root. */
    r.wo.filter = opts->filter;
    struct stat dbst;
    if (stat(opts->db_path, &dbst) == 0) {
        r.wo.skip_dev = dbst.st_dev;
        r.wo.skip_ino = dbst.st_ino;
    }
    int walked = walk_roots(roots, nroots, &r.wo, on_file, on_walk_error, &r);
    show_progress(&r, 1);
    if (walked < 0) {
        report_error(NULL, 0, "cannot walk the files: %s", strerror(errno));
        counts->failed++;
    }
    after_walk(&r, &ra, walked);

    if (!r.io_error && (r.pool ? finish_parallel_build(&r) : commit(&r)) == 0)
        status = stop_requested ? EXIT_INTERRUPTED
                 : counts->failed ? EXIT_SOME_FAILED
                                  : EXIT_DONE;
    else
        status = EXIT_IO;

done:
    /* Detached before it goes: a worker that shards_destroy() stops may
     * still report. */
    report_set((report_settings){opts->quiet, opts->verbose, NULL});
    progress_destroy(r.progress);
    free_roots_abs(&ra);
    changes_clear(&r.changes);
    if (r.index)
        xc_database_close(r.index);   /* after a merge: the old, empty index */
    shards_destroy(r.pool);
    brief_writer_clear(&r.w);
    for (unsigned i = 0; r.pw && i < r.parts.n; i++)
        brief_writer_clear(&r.pw[i]);
    free(r.pw);
    partitions_close(&r.parts);
    extractor_destroy(r.ex);
    xc_database_destroy(r.index);
    report_set(outer);
    counts->seconds = now_seconds() - start;
    return status;
}
