/* shards.c — worker threads writing shards, merged by compaction. See shards.h. */
#define _GNU_SOURCE   /* renameat2, RENAME_EXCHANGE */
#include "shards.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "hash.h"
#include "index_dir.h"
#include "report.h"
#include "schema.h"
#include "xapian-c.h"
#include "xapian-ext-spelling.h"

#define QUEUE_LEN 64           /* briefs waiting per worker: bounds memory */
/* ... and their bodies' bytes, unless the queue is empty: 64 briefs of 16 MiB
 * (--max-size) would wait in 1 GiB */
#define QUEUE_BYTES (4u * 1024u * 1024u)
#define BUILD_SUBDIR ".shards" /* inside the index: never walked, goes with it */
#define MERGE_SUFFIX ".merging"
#define OLD_SUFFIX ".old"      /* after MERGE_SUFFIX: a swap without RENAME_EXCHANGE */
#define REMOVING_SUBDIR ".removing" /* inside the index: a directory of ours from beside
                                       it, being removed (remove_beside) */
/* Briefs a worker writes into one shard before it starts another: Xapian's
 * flushes touch more blocks the larger a database grows (a worker's rate fell
 * from about 290 to 160 briefs/s past 250,000 briefs of gen-corpus text), and
 * compaction merges many small shards about as fast as few. 1,000,000
 * gen-corpus briefs took 32.0 min with shards of 50,000, 28.7 min with
 * 25,000 (one run each, same day; scripts/BENCHMARKS.md). */
#define SHARD_BRIEFS_DEFAULT 25000

typedef struct shard_job {
    brief b;
    char *id;
    char *path;                /* owned copy of the stamp's path */
    file_stamp stamp;
} shard_job;

typedef struct worker {
    shard_pool *pool;
    pthread_t thread;
    int started;
    char dir[PATH_MAX];        /* the shard being written */
    xc_database *db;
    brief_writer w;
    unsigned long in_shard;    /* briefs written into db */
    /* The worker's earlier shards, committed and kept open: a brief whose id
     * comes again replaces the one in them. */
    struct older_shard {
        xc_database *db;
        char *dir;
    } *older;
    size_t nolder, older_cap;

    pthread_mutex_t lock;      /* guards everything below */
    pthread_cond_t not_empty, not_full;
    shard_job *queue[QUEUE_LEN];
    size_t head, count;
    size_t queued_bytes;       /* the bodies of the briefs in queue */
    int closing;
    shard_counts counts;
    char error[PATH_MAX + 512]; /* why the shard could not be written */
} worker;

struct shard_pool {
    int n;
    unsigned long shard_briefs; /* a new shard after this many briefs */
    worker *workers;
    char index_dir[PATH_MAX];  /* canonical */
    char build_dir[PATH_MAX];
    char merge_dir[PATH_MAX];  /* the merged index, beside the index until the swap */
    char old_dir[PATH_MAX];    /* the old index between two renames (exchange_dirs) */
    char removing_dir[PATH_MAX];
    const char *old_index;     /* after a merge: where the old index is (one of the above) */
    char meta_dir[PATH_MAX];
    xc_database *meta;         /* the main thread's: the new file table */
    shard_written_fn on_written;
    void *ctx;
    atomic_int failed;

    pthread_mutex_t lock;      /* guards idle and commit, with cond */
    pthread_cond_t cond;
    int lock_made;
    int idle;                  /* workers done with their queue */
    int commit;                /* 1: commit your shard; -1: give up; 0: wait */
};

/* ------------------------------------------------------------------------ */
/* Directories                                                               */
/* ------------------------------------------------------------------------ */

static int join_path(char *out, const char *a, const char *b)
{
    return snprintf(out, PATH_MAX, "%s%s", a, b) < PATH_MAX ? 0 : -1;
}

/* Whether nothing at all is at path. */
static int absent(const char *path)
{
    struct stat st;
    return lstat(path, &st) != 0 && errno == ENOENT;
}

/* Rename from to to, failing with EEXIST when something is at to (where the
 * filesystem cannot say so in the rename itself, looked at just before). */
static int rename_noreplace(const char *from, const char *to)
{
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return -1;
    if (!absent(to)) {
        errno = EEXIST;
        return -1;
    }
    return rename(from, to);
}

/* Remove the build directory at dir, which lies in the index (a marked
 * directory, so an empty directory there is ours too: a run killed between
 * making and marking it leaves one). */
static int remove_build_dir(const char *dir)
{
    if (index_dir_made(dir) != MADE_NOTHING && index_dir_remove(dir) != 0)
        return -1;
    return rmdir(dir) == 0 || errno == ENOENT ? 0 : -1;
}

/* Make the directory dir, marked scratch (index_dir.h), and a new database in
 * it. On failure *msg may say why (the caller frees it). */
static xc_status create_db(const char *dir, xc_database **out, char **msg)
{
    *out = NULL;
    if (index_dir_make(dir, MADE_SCRATCH) != 0) {
        *msg = strdup(strerror(errno));
        return XC_DATABASE_ERROR;
    }
    return xc_database_open_writable(dir, XC_DB_CREATE, out, msg);
}

/* ------------------------------------------------------------------------ */
/* Jobs and queues                                                           */
/* ------------------------------------------------------------------------ */

static void job_free(shard_job *j)
{
    if (!j)
        return;
    brief_clear(&j->b);
    free(j->id);
    free(j->path);
    free(j);
}

/* The worker of an id. */
static int worker_of(const shard_pool *p, const char *id)
{
    return (int)(hash_fnv1a(id) % (uint64_t)p->n);
}

static shard_job *next_job(worker *w)
{
    pthread_mutex_lock(&w->lock);
    while (w->count == 0 && !w->closing)
        pthread_cond_wait(&w->not_empty, &w->lock);
    shard_job *j = NULL;
    if (w->count > 0) {
        j = w->queue[w->head];
        w->head = (w->head + 1) % QUEUE_LEN;
        w->count--;
        w->queued_bytes -= j->b.body_len;
        pthread_cond_signal(&w->not_full);
    }
    pthread_mutex_unlock(&w->lock);
    return j;
}

static void count_result(worker *w, write_result res, const char *err)
{
    pthread_mutex_lock(&w->lock);
    switch (res) {
    case WRITE_ADDED:   w->counts.added++; break;
    case WRITE_UPDATED: w->counts.updated++; break;
    case WRITE_FAILED:  w->counts.failed++; break;
    case WRITE_FATAL:
        w->counts.failed++;
        if (!w->error[0])
            snprintf(w->error, sizeof w->error, "%s", err);
        break;
    }
    pthread_mutex_unlock(&w->lock);
}

/* Record why the worker failed (the first reason) and fail the pool. */
static void worker_failed(worker *w, const char *fmt, const char *what, const char *why)
{
    pthread_mutex_lock(&w->lock);
    if (!w->error[0])
        snprintf(w->error, sizeof w->error, fmt, what, why);
    pthread_mutex_unlock(&w->lock);
    atomic_store(&w->pool->failed, 1);
}

static void commit_shard(worker *w, xc_database *db, const char *dir)
{
    if (!atomic_load(&w->pool->failed) && xc_database_commit(db) != XC_OK)
        worker_failed(w, "cannot commit shard %s: %s", dir, xc_database_error(db));
}

/* Write the brief of job j into the worker's shard. A brief whose id an
 * earlier shard of this worker holds replaces it there, as in one database. */
static write_result write_job(worker *w, shard_job *j, char *err, size_t errlen)
{
    char idterm[SCHEMA_MAX_TERM + 1];
    int replaced = 0;
    schema_term(idterm, sizeof idterm, PREFIX_ID, j->id, 0);
    for (size_t i = 0; i < w->nolder; i++) {
        int there = 0;
        xc_status st = xc_database_term_exists(w->older[i].db, idterm, &there);
        if (st == XC_OK && there)
            st = xc_database_delete_document(w->older[i].db, idterm);
        if (st != XC_OK) {
            snprintf(err, errlen, "cannot replace %s in shard %s: %s", j->id, w->older[i].dir,
                     xc_database_error(w->older[i].db));
            return WRITE_FATAL;
        }
        replaced |= there;
    }
    write_result res = brief_writer_write(&w->w, &j->b, j->id, &j->stamp, err, errlen);
    return res == WRITE_ADDED && replaced ? WRITE_UPDATED : res;
}

/* Commit the worker's shard and go on in a new one. The spelling counts
 * move to the new shard uncommitted: each word's entries are made once, in
 * the last shard (see shards_finish). Returns 0, or -1 (w->error says why). */
static int roll(worker *w)
{
    shard_pool *p = w->pool;
    char dir[PATH_MAX];
    xc_database *next = NULL;
    int k = (int)(w - p->workers);
    char *msg = NULL;
    if (snprintf(dir, sizeof dir, "%s/%d.%zu", p->build_dir, k, w->nolder + 1) >=
            (int)sizeof dir ||
        array_grow((void **)&w->older, &w->older_cap, w->nolder + 1, sizeof *w->older) != 0) {
        worker_failed(w, "cannot start a new shard in %s: %s", p->build_dir, "out of memory");
        return -1;
    }
    xc_status st = create_db(dir, &next, &msg);
    if (st == XC_OK)
        st = xe_spelling_take(next, w->db, 0, 1);
    if (st == XC_OK)
        st = xc_database_commit(w->db);
    char *old_dir = st == XC_OK ? strdup(w->dir) : NULL;
    if (!old_dir) {
        worker_failed(w, "cannot start a new shard %s: %s", dir,
                      msg ? msg : st != XC_OK ? xc_status_to_string(st) : "out of memory");
        free(msg);
        xc_database_destroy(next);
        return -1;
    }
    w->older[w->nolder++] = (struct older_shard){.db = w->db, .dir = old_dir};
    w->db = next;
    w->w.db = next;
    w->in_shard = 0;
    snprintf(w->dir, sizeof w->dir, "%s", dir);
    return 0;
}

/* A worker: write each brief of its queue into its shard until closed, then
 * commit it when shards_finish() says so. After a fatal error it only drains its queue, so that the
 * main thread never waits on it. */
static void *worker_main(void *arg)
{
    worker *w = arg;
    shard_pool *p = w->pool;
    shard_job *j;
    /* The lines about a file's briefs are counted as the reader counts its
     * own (report.h): at most REPORT_FILE_LINES for each run of briefs of
     * one file this worker writes, then how many more. */
    char *reporting = NULL;
    while ((j = next_job(w)) != NULL) {
        if (!reporting || strcmp(reporting, j->path) != 0) {
            report_file_end();
            free(reporting);
            if ((reporting = strdup(j->path)) != NULL)
                report_file_begin(reporting);
        }
        if (!atomic_load(&p->failed)) {
            char err[512] = "";
            write_result res = write_job(w, j, err, sizeof err);
            count_result(w, res, err);
            if (res == WRITE_FATAL)
                atomic_store(&p->failed, 1);
            p->on_written(p->ctx, &j->b, j->id, res, err);
            if ((res == WRITE_ADDED || res == WRITE_UPDATED) && ++w->in_shard >= p->shard_briefs &&
                roll(w) != 0)
                atomic_store(&p->failed, 1);
        }
        job_free(j);
    }
    report_file_end();
    free(reporting);
    /* Wait while the main thread shares the spelling words out between the
     * shards, then commit this shard beside the others. */
    pthread_mutex_lock(&p->lock);
    p->idle++;
    pthread_cond_broadcast(&p->cond);
    while (p->commit == 0)
        pthread_cond_wait(&p->cond, &p->lock);
    int go = p->commit > 0;
    pthread_mutex_unlock(&p->lock);
    for (size_t i = 0; go && i < w->nolder; i++)
        commit_shard(w, w->older[i].db, w->older[i].dir);   /* ids met again deleted */
    if (go)
        commit_shard(w, w->db, w->dir);
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* The pool                                                                  */
/* ------------------------------------------------------------------------ */

static int worker_open(shard_pool *p, int k, const extractor *ex, char *err, size_t errlen)
{
    worker *w = &p->workers[k];
    w->pool = p;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->not_empty, NULL);
    pthread_cond_init(&w->not_full, NULL);
    if (snprintf(w->dir, sizeof w->dir, "%s/%d", p->build_dir, k) >= (int)sizeof w->dir) {
        snprintf(err, errlen, "%s: path too long", p->build_dir);
        return -1;
    }
    char *msg = NULL;
    xc_status st = create_db(w->dir, &w->db, &msg);
    if (st != XC_OK) {
        snprintf(err, errlen, "cannot create shard %s: %s", w->dir,
                 msg ? msg : xc_status_to_string(st));
        free(msg);
        return -1;
    }
    return brief_writer_init(&w->w, w->db, ex, err, errlen);
}

/* Whether dir is a scratch directory (index_dir.h) that no live build holds
 * the lock of a database in: a build that has just swapped still holds the
 * lock of the old index, beside the index or moved into it, and removes its
 * own. */
static int unused_scratch(const char *dir)
{
    if (index_dir_made(dir) != MADE_SCRATCH)
        return 0;   /* nothing there, or not a leftover of ours */
    xc_database *old = NULL;
    xc_status st = xc_database_open_writable(dir, XC_DB_OPEN, &old, NULL);
    xc_database_close(old);
    xc_database_destroy(old);
    return st != XC_DATABASE_LOCKED;
}

/* Remove dir, a scratch directory beside the index, by way of removing, a
 * name inside the index. index_dir_remove() takes the marker out before the
 * directory: a run killed between the two would leave an empty directory
 * without a marker beside the index, which is then the user's and stays
 * forever. Inside the index (a marked directory) an empty directory is ours,
 * and the next run removes it. Where dir cannot move (something is at
 * removing), it is removed where it is. */
static void remove_beside(const char *dir, const char *removing)
{
    index_dir_remove(rename_noreplace(dir, removing) == 0 ? removing : dir);
}

void shards_remove_leftovers(const char *index_dir)
{
    char real[PATH_MAX], build[PATH_MAX], removing[PATH_MAX], merge[PATH_MAX], old[PATH_MAX];
    if (!realpath(index_dir, real) || join_path(build, real, "/" BUILD_SUBDIR) ||
        join_path(removing, real, "/" REMOVING_SUBDIR) || join_path(merge, real, MERGE_SUFFIX) ||
        join_path(old, merge, OLD_SUFFIX))
        return;
    remove_build_dir(build);   /* under the index's lock: no build of ours runs */
    /* What a clean-up cut short left in the index first, to make room. */
    if (unused_scratch(removing))
        index_dir_remove(removing);
    if (index_dir_made(removing) == MADE_NOTHING)
        rmdir(removing);   /* an empty one of ours (index_dir.h), or nothing */
    if (unused_scratch(merge))
        remove_beside(merge, removing);
    if (unused_scratch(old))
        remove_beside(old, removing);
}

int shards_can_swap(const char *index_dir)
{
    char real[PATH_MAX], merge[PATH_MAX], old[PATH_MAX];
    if (!realpath(index_dir, real) || index_dir_made(real) != MADE_DIRECTORY ||
        index_dir_only_ours(real, NULL, 0) != 1)
        return 0;   /* only a directory briefs made, holding only what it made, moves */
    if (join_path(merge, real, MERGE_SUFFIX) || join_path(old, merge, OLD_SUFFIX) ||
        !absent(merge) || !absent(old))
        return 0;   /* something, ours or not, is where the swap would put a directory */
    char *slash = strrchr(real, '/');
    if (!slash || slash == real)
        return 0;   /* no index directly under / */
    *slash = '\0';
    return access(real, W_OK) == 0;
}

int shards_start(shard_pool **out, const char *index_dir, int jobs, const extractor *ex,
                 shard_written_fn on_written, void *ctx, char *err, size_t errlen)
{
    *out = NULL;
    shard_pool *p = calloc(1, sizeof *p);
    if (!p || !(p->workers = calloc((size_t)jobs, sizeof *p->workers))) {
        free(p);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    p->on_written = on_written;
    p->ctx = ctx;
    p->shard_briefs = SHARD_BRIEFS_DEFAULT;
    const char *size = getenv("BRIEFS_SHARD_BRIEFS");   /* for tests and tuning */
    unsigned long briefs = size ? strtoul(size, NULL, 10) : 0;
    if (briefs > 0)
        p->shard_briefs = briefs;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->cond, NULL);
    p->lock_made = 1;
    if (!realpath(index_dir, p->index_dir) || join_path(p->build_dir, p->index_dir, "/" BUILD_SUBDIR) ||
        join_path(p->merge_dir, p->index_dir, MERGE_SUFFIX) ||
        join_path(p->old_dir, p->merge_dir, OLD_SUFFIX) ||
        join_path(p->removing_dir, p->index_dir, "/" REMOVING_SUBDIR)) {
        snprintf(err, errlen, "%s: %s", index_dir, errno ? strerror(errno) : "path too long");
        shards_destroy(p);
        return -1;
    }
    /* What a crashed build left is of no use: start clean. */
    if (remove_build_dir(p->build_dir) != 0 || index_dir_make(p->build_dir, MADE_SCRATCH) != 0) {
        snprintf(err, errlen, "cannot create %s: %s", p->build_dir, strerror(errno));
        shards_destroy(p);
        return -1;
    }
    char *msg = NULL;
    xc_status st = join_path(p->meta_dir, p->build_dir, "/meta") != 0
                       ? XC_INVALID_ARGUMENT
                       : create_db(p->meta_dir, &p->meta, &msg);
    if (st != XC_OK) {
        snprintf(err, errlen, "cannot create %s: %s", p->meta_dir,
                 msg ? msg : xc_status_to_string(st));
        free(msg);
        shards_destroy(p);
        return -1;
    }
    for (int k = 0; k < jobs; k++) {
        p->n = k + 1;   /* shards_destroy cleans up the workers opened so far */
        if (worker_open(p, k, ex, err, errlen) != 0) {
            shards_destroy(p);
            return -1;
        }
    }
    /* Workers block SIGINT and SIGTERM (they inherit the mask): the main
     * thread takes them and stops handing out briefs. */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    int started = 0;
    for (int k = 0; k < p->n; k++) {
        worker *w = &p->workers[k];
        started = pthread_create(&w->thread, NULL, worker_main, w);
        if (started != 0)
            break;
        w->started = 1;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (started != 0) {
        snprintf(err, errlen, "cannot start a worker thread: %s", strerror(started));
        shards_destroy(p);
        return -1;
    }
    *out = p;
    return 0;
}

int shards_submit(shard_pool *p, brief *b, const char *id, const file_stamp *stamp)
{
    shard_job *j = calloc(1, sizeof *j);
    if (!j)
        return -1;
    j->id = strdup(id);
    j->path = strdup(stamp->path);
    if (!j->id || !j->path) {
        job_free(j);
        return -1;
    }
    j->b = *b;            /* move the brief's fields out */
    brief_init(b);
    j->b.path = j->path;  /* the reader's path is only borrowed */
    j->stamp = *stamp;
    j->stamp.path = j->path;

    worker *w = &p->workers[worker_of(p, id)];
    pthread_mutex_lock(&w->lock);
    while (w->count == QUEUE_LEN
           || (w->count > 0 && w->queued_bytes + j->b.body_len > QUEUE_BYTES))
        pthread_cond_wait(&w->not_full, &w->lock);
    w->queue[(w->head + w->count) % QUEUE_LEN] = j;
    w->count++;
    w->queued_bytes += j->b.body_len;
    pthread_cond_signal(&w->not_empty);
    pthread_mutex_unlock(&w->lock);
    return shards_failed(p) ? -1 : 0;
}

xc_database *shards_meta(shard_pool *p)
{
    return p->meta;
}

int shards_failed(shard_pool *p)
{
    return atomic_load(&p->failed);
}

shard_counts shards_counts(shard_pool *p)
{
    shard_counts sum = {0};
    for (int k = 0; k < p->n; k++) {
        worker *w = &p->workers[k];
        pthread_mutex_lock(&w->lock);
        sum.added += w->counts.added;
        sum.updated += w->counts.updated;
        sum.failed += w->counts.failed;
        pthread_mutex_unlock(&w->lock);
    }
    return sum;
}

/* Close the queues: a worker ends once its queue is empty. */
static void close_queues(shard_pool *p)
{
    for (int k = 0; k < p->n; k++) {
        worker *w = &p->workers[k];
        pthread_mutex_lock(&w->lock);
        w->closing = 1;
        pthread_cond_signal(&w->not_empty);
        pthread_mutex_unlock(&w->lock);
    }
}

/* Tell the workers waiting to commit to commit (go 1) or not (-1). */
static void release_workers(shard_pool *p, int go)
{
    pthread_mutex_lock(&p->lock);
    if (p->commit == 0)
        p->commit = go;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
}

/* Close the queues, let the workers end without committing unless told
 * otherwise before, and wait for them. */
static void stop_workers(shard_pool *p)
{
    close_queues(p);
    if (p->lock_made)
        release_workers(p, -1);
    for (int k = 0; k < p->n; k++)
        if (p->workers[k].started) {
            pthread_join(p->workers[k].thread, NULL);
            p->workers[k].started = 0;
        }
}

int shards_finish(shard_pool *p, char *err, size_t errlen)
{
    close_queues(p);
    pthread_mutex_lock(&p->lock);
    int started = 0;
    for (int k = 0; k < p->n; k++)
        started += p->workers[k].started;
    while (p->idle < started)
        pthread_cond_wait(&p->cond, &p->lock);
    pthread_mutex_unlock(&p->lock);

    /* Every shard holds most of the words: Xapian would make the spelling
     * entries of each in every shard. Share them out instead, a part to a
     * shard; the shards then commit side by side. */
    int ok = !shards_failed(p);
    for (int k = 0; ok && k < p->n; k++)
        for (int j = 0; ok && j < p->n; j++)
            ok = xe_spelling_take(p->workers[k].db, p->workers[j].db, (unsigned)k,
                                           (unsigned)p->n) == XC_OK;
    release_workers(p, ok ? 1 : -1);
    stop_workers(p);
    for (int k = 0; k < p->n; k++) {
        worker *w = &p->workers[k];
        if (w->error[0]) {
            snprintf(err, errlen, "%s", w->error);
            return -1;
        }
    }
    if (!ok || shards_failed(p)) {
        snprintf(err, errlen, "a shard could not be written");
        return -1;
    }
    return 0;
}

/* Swap the directories at a and b in one step. Where the filesystem cannot
 * (RENAME_EXCHANGE is Linux's, and not every filesystem has it), renames
 * through tmp leave a moment with no index at a: a reader then sees none, a
 * crash leaves the new one at b and the old one at tmp (marked scratch, so
 * removed by the next run). */
static int exchange_dirs(const char *a, const char *b, const char *tmp)
{
    if (renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return -1;
    if (rename_noreplace(a, tmp) != 0)
        return -1;
    if (rename(b, a) != 0) {
        int e = errno;
        rename(tmp, a);
        errno = e;
        return -1;
    }
    return rename(tmp, b);
}

int shards_merge(shard_pool *p, char *err, size_t errlen)
{
    size_t nsources = 1;
    for (int k = 0; k < p->n; k++)
        nsources += 1 + p->workers[k].nolder;
    const char **sources = calloc(nsources, sizeof *sources);
    if (!sources) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* The file table first: its keys are the only ones that must win. */
    nsources = 0;
    sources[nsources++] = p->meta_dir;
    xc_database_close(p->meta);   /* committed by the caller */
    for (int k = 0; k < p->n; k++) {
        worker *w = &p->workers[k];
        for (size_t i = 0; i < w->nolder; i++) {
            sources[nsources++] = w->older[i].dir;
            xc_database_close(w->older[i].db);   /* committed by shards_finish */
        }
        sources[nsources++] = w->dir;
        xc_database_close(w->db);
    }
    /* The merged index is made in a directory of ours beside the index,
     * marked before it gets there (made inside the build directory, then
     * renamed): a crash never leaves an unmarked directory beside the index. */
    char staged[PATH_MAX];
    if (join_path(staged, p->build_dir, "/merged") != 0 ||
        index_dir_make(staged, MADE_SCRATCH) != 0 || rename_noreplace(staged, p->merge_dir) != 0) {
        snprintf(err, errlen, "cannot create %s: %s", p->merge_dir, strerror(errno));
        free(sources);
        return -1;
    }
    char *msg = NULL;
    xc_status st = xc_compact(sources, nsources, p->merge_dir, &msg);
    free(sources);
    if (st != XC_OK) {
        snprintf(err, errlen, "cannot merge the shards into %s: %s", p->merge_dir,
                 msg ? msg : xc_status_to_string(st));
        free(msg);
        remove_beside(p->merge_dir, p->removing_dir);
        return -1;
    }
    /* Only a directory briefs made, holding nothing else, is moved: looked
     * at again, as a file may have been put in it during the build. */
    char other[NAME_MAX + 1] = "";
    if (index_dir_made(p->index_dir) != MADE_DIRECTORY ||
        index_dir_only_ours(p->index_dir, other, sizeof other) != 1) {
        snprintf(err, errlen, "%s holds %s, which brief-index did not make: not moving it",
                 p->index_dir, other[0] ? other : "files");
        remove_beside(p->merge_dir, p->removing_dir);
        return -1;
    }
    /* The old index is marked scratch before the swap, so that the run that
     * finds it beside the index after a crash removes it; a crash before the
     * swap leaves the index itself marked scratch, and the next run marks it
     * back (indexer_run), as it does the new one after a crash between
     * the swap and its marking. */
    if (index_dir_remark(p->index_dir, MADE_SCRATCH) != 0 ||
        exchange_dirs(p->index_dir, p->merge_dir, p->old_dir) != 0) {
        snprintf(err, errlen, "cannot put the merged index %s in place of %s: %s", p->merge_dir,
                 p->index_dir, strerror(errno));
        index_dir_remark(p->index_dir, MADE_DIRECTORY);
        remove_beside(p->merge_dir, p->removing_dir);
        return -1;
    }
    index_dir_remark(p->index_dir, MADE_DIRECTORY);
    /* The old index goes into the new one to be removed (remove_beside),
     * while the caller's handle still holds its lock. */
    p->old_index = rename_noreplace(p->merge_dir, p->removing_dir) == 0 ? p->removing_dir
                                                                        : p->merge_dir;
    return 0;
}

void shards_destroy(shard_pool *p)
{
    if (!p)
        return;
    stop_workers(p);
    for (int k = 0; k < p->n; k++) {
        worker *w = &p->workers[k];
        brief_writer_clear(&w->w);
        xc_database_destroy(w->db);   /* uncommitted changes are dropped */
        for (size_t i = 0; i < w->nolder; i++) {
            xc_database_destroy(w->older[i].db);
            free(w->older[i].dir);
        }
        free(w->older);
        for (size_t i = 0; i < w->count; i++)
            job_free(w->queue[(w->head + i) % QUEUE_LEN]);
        pthread_mutex_destroy(&w->lock);
        pthread_cond_destroy(&w->not_empty);
        pthread_cond_destroy(&w->not_full);
    }
    xc_database_destroy(p->meta);
    if (p->lock_made) {
        pthread_mutex_destroy(&p->lock);
        pthread_cond_destroy(&p->cond);
    }
    if (p->build_dir[0])
        index_dir_remove(p->old_index ? p->old_index : p->build_dir);   /* only what is ours */
    free(p->workers);
    free(p);
}
