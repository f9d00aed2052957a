/* indexer.c — one indexing run. See indexer.h.
 *
 * Data flow per file: walk → reader (brief records) → extract (people,
 * countries) → document (schema) → replace_document by unique id.  Work is
 * committed in batches and at the end; a brief that fails costs only itself.
 *
 * Change detection (filetable.h): each file's size, mtime, content hash and
 * brief ids live in the index's user metadata, written after the file's
 * briefs in the same transaction, so a commit never holds one without the
 * other.  Same size and mtime: unchanged, not read.  Else the bytes are
 * hashed: same hash, only the stamp is updated; else the file is read again,
 * and ids it no longer holds are deleted.  Of a file read again, a brief is
 * written only when the index does not hold it as it is: each document
 * carries a term naming its version (document_version_term: a hash of its
 * id, file and fields), one lookup tells.  After the walk, entries of files
 * under the roots that were not seen are deleted with their briefs.
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

#include <sys/stat.h>

#include "document.h"
#include "filetable.h"
#include "extract.h"
#include "index_dir.h"
#include "reader.h"
#include "schema.h"
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
    shard_pool *pool;          /* a parallel first build (shards.h), or NULL */
    const char *path;          /* canonical path of the file being read */
    const struct stat *st;
    file_entry *entry;         /* the file being read: its new ids */
    strset seen;               /* metadata keys of the files met in this run */
    strset claimed;            /* ids written in this run: never deleted by it */
    strset dropped;            /* ids deleted in this run (restore_dropped) */
    int walk_errors;           /* the walk could not read some entry */
    char *const *roots;        /* as given */
    walk_options wo;           /* how they are walked */
    progress *progress;        /* the progress line, or NULL */
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
    flockfile(stderr);   /* one whole line, whichever thread says it */
    progress_erase(r->progress);   /* on a line of its own, never after the progress */
    if (ordinal > 0)
        fprintf(stderr, "brief-index: %s:%ld: ", path, ordinal);
    else
        fprintf(stderr, "brief-index: %s: ", path);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    funlockfile(stderr);
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

/* Print what became of a brief (any thread: say() writes whole lines). */
static void report_written(void *ctx, const brief *b, const char *id, write_result res,
                           const char *err)
{
    const run *r = ctx;
    if (res == WRITE_FAILED || res == WRITE_FATAL)
        say(r, 1, b->path, b->ordinal, "error: %s", err);
    else if (r->opts->verbose)
        say(r, 0, b->path, b->ordinal, "%s %s", res == WRITE_UPDATED ? "updated" : "added", id);
}

/* Remember that this run wrote id: the file's entry lists it, and no
 * deletion of this run removes it. */
static int claim_id(run *r, const char *id)
{
    return (r->entry && brief_list_add(&r->entry->ids, id, strlen(id)) != 0) || strset_add(&r->claimed, id) != 0;
}

/* Whether the index holds brief b under id, from the file being read, as it
 * is now (its version term): 1 yes, 0 no, -1 the index could not be read
 * (said; r->io_error set). */
static int brief_unchanged(run *r, const brief *b, const char *id)
{
    char version[DOCUMENT_VERSION_TERM_SIZE];
    int found = 0;
    document_version_term(b, id, r->path, version, sizeof version);
    if (xc_database_term_exists(r->db, version, &found) != XC_OK) {
        fprintf(stderr, "brief-index: %s: cannot read the index: %s\n", r->opts->db_path,
                xc_database_error(r->db));
        r->io_error = 1;
        return -1;
    }
    return found;
}

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
        if (claim_id(r, id) != 0 || shards_submit(r->pool, b, id, &stamp) != 0) {
            if (!shards_failed(r->pool))
                say(r, 1, r->path, b->ordinal, "error: out of memory");
            r->io_error = 1;
        }
        return;
    }

    /* A brief of a changed file that did not change itself is left as it is
     * (its document keeps the file's size and mtime of when it was written,
     * and its ordinal). A parallel build (above) fills an empty index. */
    int same = r->opts->full ? 0 : brief_unchanged(r, b, id);
    if (same != 0) {
        if (same > 0) {
            r->counts->briefs_unchanged++;
            if (claim_id(r, id) != 0) {
                say(r, 1, r->path, b->ordinal, "error: out of memory");
                r->io_error = 1;
            }
        }
        return;
    }

    write_result res = brief_writer_write(&r->w, b, id, &stamp, err, sizeof err);
    report_written(r, b, id, res, err);
    switch (res) {
    case WRITE_ADDED:
    case WRITE_UPDATED:
        if (res == WRITE_ADDED)
            r->counts->added++;
        else
            r->counts->updated++;
        r->uncommitted++;
        if (claim_id(r, id) != 0) {
            say(r, 1, r->path, b->ordinal, "error: out of memory");
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

static int first_docid(void *ctx, unsigned docid)
{
    *(unsigned *)ctx = docid;
    return 1;
}

static int term_found(void *ctx, const char *term, unsigned wdf)
{
    (void)term;
    (void)wdf;
    *(int *)ctx = 1;
    return 1;
}

/* Whether the indexed brief under idterm was read from path (its XF term):
 * 1 yes, 0 no (or no such brief), -1 the index could not be read. */
static int brief_from_file(run *r, const char *idterm, const char *path)
{
    char fileterm[SCHEMA_MAX_TERM + 1];
    unsigned docid = 0;
    xc_document *doc = NULL;
    int found = 0;
    schema_term(fileterm, sizeof fileterm, PREFIX_FILE, path, 0);
    if (xc_database_postlist(r->db, idterm, first_docid, &docid) != XC_OK)
        return -1;
    if (docid == 0)
        return 0;
    if (xc_database_get_document(r->db, docid, &doc) != XC_OK)
        return -1;
    xc_status st = xc_document_termlist(doc, fileterm, term_found, &found);
    xc_document_destroy(doc);
    return st == XC_OK ? found : -1;
}

/* Delete the brief with this id, which the file at path no longer holds,
 * unless this run wrote it or the index holds it from another file (an id
 * that moved, or that two files share). Counts it when it was deleted. */
static void delete_brief(run *r, const char *id, const char *path)
{
    char idterm[SCHEMA_MAX_TERM + 1];
    if (strset_has(&r->claimed, id))
        return;
    schema_term(idterm, sizeof idterm, PREFIX_ID, id, 0);
    int ours = brief_from_file(r, idterm, path);
    xc_status st = ours < 0 ? XC_DATABASE_ERROR : XC_OK;
    if (ours > 0)
        st = xc_database_delete_document(r->db, idterm);
    if (st != XC_OK) {
        fprintf(stderr, "brief-index: %s: cannot delete %s: %s\n", r->opts->db_path, id,
                xc_database_error(r->db));
        r->io_error = 1;
        return;
    }
    if (ours > 0) {
        if (strset_add(&r->dropped, id) != 0)
            r->io_error = 1;
        r->counts->deleted++;
        r->uncommitted++;
        if (r->opts->verbose)
            say(r, 0, id, 0, "deleted");
    }
}

/* Delete the briefs the file held when it was last read (old) and holds no
 * more (now). A set, not a scan of now per id: a bulk export holds millions. */
static void delete_dropped(run *r, const file_entry *old, const file_entry *now)
{
    strset kept = {0};
    for (size_t i = 0; i < now->ids.count && !r->io_error; i++)
        if (strset_add(&kept, now->ids.items[i]) != 0)
            r->io_error = 1;
    for (size_t i = 0; i < old->ids.count && !r->io_error; i++)
        if (!strset_has(&kept, old->ids.items[i]))
            delete_brief(r, old->ids.items[i], now->path);
    strset_clear(&kept);
}

static void write_entry(run *r, const char *key, const file_entry *e)
{
    char *value = filetable_encode(e);
    xc_status st = value ? xc_database_set_metadata(r->db, key, value) : XC_NO_MEMORY;
    if (st != XC_OK) {
        fprintf(stderr, "brief-index: %s: cannot record %s: %s\n", r->opts->db_path, e->path,
                value ? xc_database_error(r->db) : "out of memory");
        r->io_error = 1;
    }
    free(value);
}

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

static int on_file(void *ctx, const char *path, const char *known, const struct stat *st)
{
    run *r = ctx;
    char canonical[PATH_MAX], key[FILETABLE_MAX_KEY + 1];
    if (known)
        snprintf(canonical, sizeof canonical, "%s", known);
    else if (!realpath(path, canonical)) {
        say(r, 1, path, 0, "error: %s", strerror(errno));
        r->counts->failed++;
        return 0;
    }
    r->counts->files++;
    show_progress(r, 0);
    filetable_key(key, canonical);
    if (strset_has(&r->seen, key))
        return 0;   /* the same file reached twice (two roots, a link) */
    if (strset_add(&r->seen, key) != 0) {
        say(r, 1, path, 0, "error: out of memory");
        r->io_error = 1;
        return 1;
    }

    file_entry old = {0}, now = {0};
    char *value = NULL;
    int have_old = 0;
    if (xc_database_get_metadata(r->db, key, &value) != XC_OK) {
        fprintf(stderr, "brief-index: %s: cannot read the file table: %s\n", r->opts->db_path,
                xc_database_error(r->db));
        r->io_error = 1;
        return 1;
    }
    if (*value && filetable_decode(value, &old) == 0 && strcmp(old.path, canonical) == 0)
        have_old = 1;
    free(value);

    now.size = (long long)st->st_size;
    now.mtime_sec = (long long)st->st_mtim.tv_sec;
    now.mtime_nsec = st->st_mtim.tv_nsec;
    if (have_old && !r->opts->full && old.size == now.size && old.mtime_sec == now.mtime_sec &&
        old.mtime_nsec == now.mtime_nsec) {
        r->counts->unchanged++;
        r->counts->briefs_unchanged += old.ids.count;
        goto out;
    }
    if (filetable_hash_file(canonical, &now.hash) != 0) {
        say(r, 1, path, 0, "error: %s", strerror(errno));
        r->counts->failed++;
        goto out;   /* keep its briefs and entry: it may come back */
    }
    now.path = strdup(canonical);
    if (!now.path) {
        r->io_error = 1;
        goto out;
    }
    if (have_old && !r->opts->full && old.size == now.size && old.hash == now.hash) {
        /* touched, or copied back: same bytes, new stamp */
        for (size_t i = 0; i < old.ids.count && !r->io_error; i++)
            if (brief_list_add(&now.ids, old.ids.items[i], strlen(old.ids.items[i])) != 0)
                r->io_error = 1;
        if (!r->io_error)
            write_entry(r, key, &now);
        r->counts->unchanged++;
        r->counts->briefs_unchanged += old.ids.count;
        goto out;
    }

    r->path = canonical;
    r->st = st;
    r->entry = &now;
    reader_options ro = {.max_bytes = r->opts->max_bytes, .encoding = r->opts->encoding};
    reader_counts rc = {0};
    reader_status rs = reader_read_file(canonical, &ro, on_brief, on_reader_diag, r, &rc);
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
    if (!r->io_error && !stop_requested && rs != READER_FAILED && rc.failed == 0) {
        delete_dropped(r, &old, &now);
        if (!r->io_error)
            write_entry(r, key, &now);
    }
    commit_if_due(r);
out:
    filetable_entry_clear(&old);
    filetable_entry_clear(&now);
    return r->io_error || stop_requested;
}

static void on_walk_error(void *ctx, const char *path, const char *reason)
{
    run *r = ctx;
    say(r, 1, path, 0, "error: %s", reason);
    r->counts->failed++;
    r->walk_errors++;
}

/* ------------------------------------------------------------------------ */
/* The run                                                                   */
/* ------------------------------------------------------------------------ */

/* The roots as canonical absolute paths: realpath when the root exists, else
 * the path made absolute (a root that is gone entirely still owns its files). */
typedef struct roots_abs {
    char **paths;
    int n;
} roots_abs;

static int collect_key(void *ctx, const char *key)
{
    strset *keys = ctx;
    return strset_add(keys, key) != 0;
}

/* Call fn(r, key, entry, ctx) for every entry of the file table, until an
 * error or a stop. The keys are collected first, so fn may change entries. */
static void each_file_entry(run *r, void (*fn)(run *, const char *, const file_entry *, void *),
                            void *ctx)
{
    strset keys = {0};
    if (xc_database_metadata_keys(r->db, FILETABLE_PREFIX, collect_key, &keys) != XC_OK) {
        fprintf(stderr, "brief-index: %s: cannot read the file table: %s\n", r->opts->db_path,
                xc_database_error(r->db));
        r->io_error = 1;
        strset_clear(&keys);
        return;
    }
    for (size_t i = 0; i < keys.nslots && !r->io_error && !stop_requested; i++) {
        const char *key = keys.slots[i];
        char *value = NULL;
        file_entry e = {0};
        if (!key)
            continue;
        if (xc_database_get_metadata(r->db, key, &value) != XC_OK) {
            r->io_error = 1;
            break;
        }
        if (*value && filetable_decode(value, &e) == 0)
            fn(r, key, &e, ctx);
        free(value);
        filetable_entry_clear(&e);
    }
    strset_clear(&keys);
}

/* Whether --include/--exclude select the file at path, under root. */
static int filter_selects(const walk_filter *f, const char *path, const char *root)
{
    const char *rel = path + strlen(root);
    while (*rel == '/')
        rel++;
    return !*rel || walk_filter_selects(f, rel);
}

/* A file under the roots that the walk did not meet: deleted with its briefs
 * when it is gone, or when --include/--exclude now leave it out (the index
 * holds what the command line selects). */
static void delete_if_vanished(run *r, const char *key, const file_entry *e, void *ctx)
{
    const roots_abs *roots = ctx;
    int under = 0, selected = 0;
    if (strset_has(&r->seen, key))
        return;
    for (int k = 0; k < roots->n && !selected; k++)
        if (filetable_path_under(e->path, roots->paths[k])) {
            under = 1;
            selected = filter_selects(&r->opts->filter, e->path, roots->paths[k]);
        }
    struct stat st;
    /* Not met by the walk but still there and selected (a hidden file given
     * as a root earlier, say): kept. */
    if (!under || (lstat(e->path, &st) == 0 ? selected : errno != ENOENT))
        return;
    for (size_t j = 0; j < e->ids.count && !r->io_error; j++)
        delete_brief(r, e->ids.items[j], e->path);
    if (!r->io_error && xc_database_set_metadata(r->db, key, "") != XC_OK)
        r->io_error = 1;
    commit_if_due(r);
}

/* Delete the entries (and briefs) of files under the roots not seen in this
 * run. */
static void delete_vanished(run *r, const roots_abs *roots)
{
    each_file_entry(r, delete_if_vanished, (void *)roots);
}

/* Read again the briefs with these ids from one file that still holds them. */
typedef struct restore {
    run *r;
    const strset *ids;
} restore;

static int restore_brief(void *ctx, brief *b)
{
    restore *rs = ctx;
    run *r = rs->r;
    char id[PATH_MAX + 32];
    document_brief_id(b, r->path, id, sizeof id);
    if (!strset_has(rs->ids, id) || strset_has(&r->claimed, id))
        return r->io_error || stop_requested;
    unsigned long added = r->counts->added;
    index_brief(r, b);
    if (r->counts->added > added) {
        /* deleted, then read again from the other file: one update */
        r->counts->added--;
        r->counts->deleted--;
        r->counts->updated++;
    }
    return r->io_error || stop_requested;
}

static void restore_from(run *r, const file_entry *e, const strset *ids)
{
    struct stat st;
    if (stat(e->path, &st) != 0 || !S_ISREG(st.st_mode))
        return;
    restore rs = {.r = r, .ids = ids};
    reader_options ro = {.max_bytes = r->opts->max_bytes, .encoding = r->opts->encoding};
    reader_counts rc = {0};
    r->path = e->path;
    r->st = &st;
    r->entry = NULL;   /* its entry already lists these ids */
    reader_read_file(e->path, &ro, restore_brief, on_reader_diag, &rs, &rc);
    r->path = NULL;
    r->st = NULL;
}

/* A file whose entry lists an id deleted in this run (and not written since)
 * still holds that brief: read it from there again. */
static void restore_if_held(run *r, const char *key, const file_entry *e, void *ctx)
{
    (void)key;
    (void)ctx;
    for (size_t j = 0; j < e->ids.count; j++)
        if (strset_has(&r->dropped, e->ids.items[j]) && !strset_has(&r->claimed, e->ids.items[j])) {
            restore_from(r, e, &r->dropped);
            return;
        }
}

/* An id can be in two files; the index holds the brief from the file read
 * last, and both files' entries list the id. When this run deleted such a
 * brief (its file dropped it, or is gone), read it again from the other file,
 * which was not read in this run, so that the brief is not lost. */
static void restore_dropped(run *r)
{
    if (r->dropped.count > 0 && !r->io_error && !stop_requested)
        each_file_entry(r, restore_if_held, NULL);
}

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

/* Open the index for writing, waiting up to opts->wait_seconds for another
 * writer's lock. Returns EXIT_DONE with r->db set, or the exit status. */
static int open_index(run *r)
{
    const indexer_options *o = r->opts;
    double deadline = now_seconds() + (o->wait_seconds > 0 ? o->wait_seconds : 0);
    int discarded = 0;
    for (;;) {
        char *err = NULL;
        xc_status st = xc_database_open_writable(o->db_path, XC_DB_CREATE_OR_OPEN, &r->index, &err);
        if (st == XC_OK) {
            r->db = r->index;
            return EXIT_DONE;
        }
        if (st == XC_DATABASE_NOT_FOUND && !discarded &&
            (discarded = discard_unfinished_creation(o->db_path))) {
            free(err);
            continue;
        }
        if (st == XC_DATABASE_LOCKED && now_seconds() < deadline && !stop_requested) {
            free(err);
            usleep(100 * 1000);
            continue;
        }
        if (st == XC_DATABASE_LOCKED) {
            long pid = xc_database_lock_holder(o->db_path);
            char who[48] = "";
            if (pid > 0)
                snprintf(who, sizeof who, " (pid %ld)", pid);
            fprintf(stderr, "brief-index: %s: index is locked by another indexer%s%s\n",
                    o->db_path, who, o->wait_seconds > 0 ? "; gave up waiting" : "");
        }
        else
            fprintf(stderr, "brief-index: %s: cannot open index: %s\n", o->db_path,
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
    if (r->opts->jobs < 2 || !shards_can_swap(r->opts->db_path))
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
        has_files && index_dir_adopt(o->db_path) == 0 && !o->quiet)
        fprintf(stderr, "brief-index: %s: an index of an earlier brief-index: marked as ours (%s)\n",
                o->db_path, INDEX_DIR_MARKER);
    xc_database_destroy(db);
}

/* Set up the writers: the serial one on the index, or a pool of shards.
 * Returns 0, or -1 (said why). */
static int set_up_writers(run *r)
{
    char err[512];
    if (extractor_create(&r->ex) != 0) {
        fprintf(stderr, "brief-index: cannot load the gazetteers: out of memory\n");
        return -1;
    }
    if (can_build_in_parallel(r)) {
        if (shards_start(&r->pool, r->opts->db_path, r->opts->jobs, r->ex, report_written, r, err,
                         sizeof err) != 0) {
            fprintf(stderr, "brief-index: %s: %s\n", r->opts->db_path, err);
            return -1;
        }
        r->db = shards_meta(r->pool);
        return 0;
    }
    if (brief_writer_init(&r->w, r->index, r->ex, err, sizeof err) != 0) {
        fprintf(stderr, "brief-index: %s\n", err);
        return -1;
    }
    return 0;
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
        fprintf(stderr, "brief-index: %s: %s; nothing was committed\n", r->opts->db_path,
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

    int status = EXIT_IO;
    if (make_roots_abs(&ra, roots, nroots) != 0) {
        fprintf(stderr, "brief-index: out of memory\n");
        goto done;
    }
    /* Before anything is written: an index that is a root, or holds one,
     * would index itself or sit among the files it indexes (-d CORPUS
     * CORPUS); an index under a root is fine, the walk skips it. */
    for (int k = 0; k < ra.n; k++)
        if (index_dir_holds(opts->db_path, ra.paths[k])) {
            fprintf(stderr, "brief-index: %s: the index cannot be a PATH it indexes, nor hold one (%s)\n",
                    opts->db_path, ra.paths[k]);
            goto done;
        }
    adopt_earlier_index(opts);
    char why[PATH_MAX + 128];
    if (index_dir_prepare(opts->db_path, why, sizeof why) != 0) {
        fprintf(stderr, "brief-index: %s: %s\n", opts->db_path, why);
        goto done;
    }
    status = open_index(&r);
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
        fprintf(stderr, "brief-index: cannot walk the files: %s\n", strerror(errno));
        counts->failed++;
    }
    if (walked == 0 && !r.walk_errors && !r.io_error && !stop_requested)
        delete_vanished(&r, &ra);
    else if (r.walk_errors && !opts->quiet)
        fprintf(stderr, "brief-index: some entries could not be read: no brief deleted\n");
    restore_dropped(&r);

    if (!r.io_error && (r.pool ? finish_parallel_build(&r) : commit(&r)) == 0)
        status = stop_requested ? EXIT_INTERRUPTED
                 : counts->failed ? EXIT_SOME_FAILED
                                  : EXIT_DONE;
    else
        status = EXIT_IO;

done:
    progress_destroy(r.progress);
    free_roots_abs(&ra);
    strset_clear(&r.seen);
    strset_clear(&r.claimed);
    strset_clear(&r.dropped);
    if (r.index)
        xc_database_close(r.index);   /* after a merge: the old, empty index */
    shards_destroy(r.pool);
    brief_writer_clear(&r.w);
    extractor_destroy(r.ex);
    xc_database_destroy(r.index);
    counts->seconds = now_seconds() - start;
    return status;
}
