/* changes.c — change detection. See changes.h. */
#include "changes.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "partitions.h"
#include "report.h"
#include "schema.h"

void changes_clear(changes *ch)
{
    strset_clear(&ch->seen);
    strset_clear(&ch->claimed);
    strset_clear(&ch->dropped);
}

/* ------------------------------------------------------------------------ */
/* Recording a file                                                          */
/* ------------------------------------------------------------------------ */

/* Returns 0, or -1 (said). */
static int write_entry(changes *ch, const char *key, const file_entry *e)
{
    char *value = filetable_encode(e);
    xc_status st = value ? xc_database_set_metadata(ch->db, key, value) : XC_NO_MEMORY;
    if (st != XC_OK)
        report_error(ch->db_path, 0, "cannot record %s: %s", e->path,
                     value ? xc_database_error(ch->db) : "out of memory");
    free(value);
    return st == XC_OK ? 0 : -1;
}

/* ------------------------------------------------------------------------ */
/* One file                                                                  */
/* ------------------------------------------------------------------------ */

file_verdict changes_check_file(changes *ch, const char *path, const char *canonical,
                                const struct stat *st, file_change *fc)
{
    memset(fc, 0, sizeof *fc);
    filetable_key(fc->key, canonical);
    if (strset_has(&ch->seen, fc->key))
        return FILE_MET_BEFORE;
    if (strset_add(&ch->seen, fc->key) != 0) {
        report_error(path, 0, "error: out of memory");
        return FILE_STOP;
    }

    file_entry *old = &fc->old, *now = &fc->now;
    char *value = NULL;
    int have_old = 0;
    if (xc_database_get_metadata(ch->db, fc->key, &value) != XC_OK) {
        report_error(ch->db_path, 0, "cannot read the file table: %s", xc_database_error(ch->db));
        return FILE_STOP;
    }
    if (*value && filetable_decode(value, old) == 0 && strcmp(old->path, canonical) == 0)
        have_old = 1;
    free(value);

    now->size = (long long)st->st_size;
    now->mtime_sec = (long long)st->st_mtim.tv_sec;
    now->mtime_nsec = st->st_mtim.tv_nsec;
    if (have_old && !ch->full && old->size == now->size && old->mtime_sec == now->mtime_sec &&
        old->mtime_nsec == now->mtime_nsec) {
        ch->counts->unchanged++;
        ch->counts->briefs_unchanged += old->ids.count;
        return FILE_DONE;
    }
    if (filetable_hash_file(canonical, &now->hash) != 0) {
        report_error(path, 0, "error: %s", strerror(errno));
        ch->counts->failed++;
        return FILE_DONE;   /* keep its briefs and entry: it may come back */
    }
    now->path = strdup(canonical);
    if (!now->path)
        return FILE_STOP;
    if (have_old && !ch->full && old->size == now->size && old->hash == now->hash) {
        /* touched, or copied back: same bytes, new stamp */
        int failed = 0;
        for (size_t i = 0; i < old->ids.count && !failed; i++)
            failed = brief_list_add(&now->ids, old->ids.items[i], strlen(old->ids.items[i])) != 0;
        if (!failed)
            failed = write_entry(ch, fc->key, now) != 0;
        ch->counts->unchanged++;
        ch->counts->briefs_unchanged += old->ids.count;
        return failed ? FILE_STOP : FILE_DONE;
    }
    return FILE_TO_READ;
}

void file_change_clear(file_change *fc)
{
    filetable_entry_clear(&fc->old);
    filetable_entry_clear(&fc->now);
}

/* ------------------------------------------------------------------------ */
/* One brief                                                                 */
/* ------------------------------------------------------------------------ */

/* Where the brief with this id is, or goes. */
static xc_database *briefs_db(const changes *ch, const char *id)
{
    return ch->nshards ? ch->shards[partitions_of(id, ch->nshards)] : ch->db;
}

int changes_claim(changes *ch, file_entry *entry, const char *id)
{
    return (entry && brief_list_add(&entry->ids, id, strlen(id)) != 0) ||
                   strset_add(&ch->claimed, id) != 0
               ? -1
               : 0;
}

int changes_brief_unchanged(changes *ch, file_entry *entry, const brief *b, const char *id,
                            const char *path)
{
    char version[DOCUMENT_VERSION_TERM_SIZE];
    int found = 0;
    if (ch->full)
        return 0;
    document_version_term(b, id, path, version, sizeof version);
    xc_database *db = briefs_db(ch, id);
    if (xc_database_term_exists(db, version, &found) != XC_OK) {
        report_error(ch->db_path, 0, "cannot read the index: %s", xc_database_error(db));
        return -1;
    }
    if (!found)
        return 0;
    ch->counts->briefs_unchanged++;
    if (changes_claim(ch, entry, id) != 0) {
        report_error(path, b->ordinal, "error: out of memory");
        return -1;
    }
    return 1;
}

/* ------------------------------------------------------------------------ */
/* Deleting briefs                                                           */
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
static int brief_from_file(xc_database *db, const char *idterm, const char *path)
{
    char fileterm[SCHEMA_MAX_TERM + 1];
    unsigned docid = 0;
    xc_document *doc = NULL;
    int found = 0;
    schema_term(fileterm, sizeof fileterm, PREFIX_FILE, path, 0);
    if (xc_database_postlist(db, idterm, first_docid, &docid) != XC_OK)
        return -1;
    if (docid == 0)
        return 0;
    if (xc_database_get_document(db, docid, &doc) != XC_OK)
        return -1;
    xc_status st = xc_document_termlist(doc, fileterm, term_found, &found);
    xc_document_destroy(doc);
    return st == XC_OK ? found : -1;
}

/* Delete the brief with this id, which the file at path no longer holds,
 * unless this run wrote it or the index holds it from another file (an id
 * that moved, or that two files share). Counts it when it was deleted.
 * Returns 0, or -1 when the index could not be written (said) or memory ran
 * out. */
static int delete_brief(changes *ch, const char *id, const char *path)
{
    char idterm[SCHEMA_MAX_TERM + 1];
    if (strset_has(&ch->claimed, id))
        return 0;
    schema_term(idterm, sizeof idterm, PREFIX_ID, id, 0);
    xc_database *db = briefs_db(ch, id);
    int ours = brief_from_file(db, idterm, path);
    xc_status st = ours < 0 ? XC_DATABASE_ERROR : XC_OK;
    if (ours > 0)
        st = xc_database_delete_document(db, idterm);
    if (st != XC_OK) {
        report_error(ch->db_path, 0, "cannot delete %s: %s", id, xc_database_error(db));
        return -1;
    }
    if (ours <= 0)
        return 0;
    int failed = strset_add(&ch->dropped, id) != 0;
    ch->counts->deleted++;
    (*ch->uncommitted)++;
    report_note(id, 0, "deleted");
    return failed ? -1 : 0;
}

/* Delete the briefs the file held when it was last read (old) and holds no
 * more (now). A set, not a scan of now per id: a bulk export holds millions.
 * Returns 0 or -1, as delete_brief. */
static int delete_dropped(changes *ch, const file_entry *old, const file_entry *now)
{
    strset kept = {0};
    int failed = 0;
    for (size_t i = 0; i < now->ids.count && !failed; i++)
        failed = strset_add(&kept, now->ids.items[i]) != 0;
    for (size_t i = 0; i < old->ids.count && !failed; i++)
        if (!strset_has(&kept, old->ids.items[i]))
            failed = delete_brief(ch, old->ids.items[i], now->path) != 0;
    strset_clear(&kept);
    return failed ? -1 : 0;
}

int changes_file_read(changes *ch, file_change *fc)
{
    if (delete_dropped(ch, &fc->old, &fc->now) != 0)
        return -1;
    return write_entry(ch, fc->key, &fc->now);
}

/* ------------------------------------------------------------------------ */
/* After the walk: the file table's entries                                  */
/* ------------------------------------------------------------------------ */

typedef int (*entry_fn)(changes *ch, const char *key, const file_entry *e, void *ctx);

static int collect_key(void *ctx, const char *key)
{
    strset *keys = ctx;
    return strset_add(keys, key) != 0;
}

/* Call fn(ch, key, entry, ctx) for every entry of the file table, until fn
 * fails or a stop. The keys are collected first, so fn may change entries.
 * Returns 0, or -1 when fn failed or the file table could not be read (said
 * when its keys could not be listed). */
static int each_file_entry(changes *ch, entry_fn fn, void *ctx)
{
    strset keys = {0};
    if (xc_database_metadata_keys(ch->db, FILETABLE_PREFIX, collect_key, &keys) != XC_OK) {
        report_error(ch->db_path, 0, "cannot read the file table: %s", xc_database_error(ch->db));
        strset_clear(&keys);
        return -1;
    }
    int failed = 0;
    size_t pos = 0;
    for (const char *key; !failed && !*ch->stop && (key = strset_next(&keys, &pos));) {
        char *value = NULL;
        file_entry e = {0};
        if (xc_database_get_metadata(ch->db, key, &value) != XC_OK) {
            failed = 1;
            break;
        }
        if (*value && filetable_decode(value, &e) == 0)
            failed = fn(ch, key, &e, ctx) != 0;
        free(value);
        filetable_entry_clear(&e);
    }
    strset_clear(&keys);
    return failed ? -1 : 0;
}

/* ------------------------------------------------------------------------ */
/* Files that vanished                                                       */
/* ------------------------------------------------------------------------ */

typedef struct vanished {
    char *const *roots;
    int nroots;
    const walk_filter *filter;
    changes_commit_fn commit;
    void *ctx;
} vanished;

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
static int delete_if_vanished(changes *ch, const char *key, const file_entry *e, void *ctx)
{
    const vanished *v = ctx;
    int under = 0, selected = 0;
    if (strset_has(&ch->seen, key))
        return 0;
    for (int k = 0; k < v->nroots && !selected; k++)
        if (filetable_path_under(e->path, v->roots[k])) {
            under = 1;
            selected = filter_selects(v->filter, e->path, v->roots[k]);
        }
    struct stat st;
    /* Not met by the walk but still there and selected (a hidden file given
     * as a root earlier, say): kept. */
    if (!under || (lstat(e->path, &st) == 0 ? selected : errno != ENOENT))
        return 0;
    int failed = 0;
    for (size_t j = 0; j < e->ids.count && !failed; j++)
        failed = delete_brief(ch, e->ids.items[j], e->path) != 0;
    if (!failed && xc_database_set_metadata(ch->db, key, "") != XC_OK)
        failed = 1;
    /* Even after a failure: what was deleted may be committed, the entry
     * still lists it (deleted again, or found gone, by the next run). */
    if (v->commit(v->ctx) != 0)
        failed = 1;
    return failed ? -1 : 0;
}

int changes_delete_vanished(changes *ch, char *const *roots, int nroots, const walk_filter *filter,
                            changes_commit_fn commit, void *ctx)
{
    vanished v = {.roots = roots, .nroots = nroots, .filter = filter, .commit = commit, .ctx = ctx};
    return each_file_entry(ch, delete_if_vanished, &v);
}

/* ------------------------------------------------------------------------ */
/* Briefs deleted that another file holds                                    */
/* ------------------------------------------------------------------------ */

/* Reading one file again for the briefs this run deleted. */
typedef struct restoring {
    changes *ch;
    const reader_options *ro;
    changes_index_fn index;
    void *ctx;
    const char *path;        /* the file being read again */
    const struct stat *st;
    int failed;              /* index() failed: stop */
} restoring;

static int restore_brief(void *ctx, brief *b)
{
    restoring *rs = ctx;
    changes *ch = rs->ch;
    char id[PATH_MAX + 32];
    document_brief_id(b, rs->path, id, sizeof id);
    if (strset_has(&ch->dropped, id) && !strset_has(&ch->claimed, id)) {
        unsigned long added = ch->counts->added;
        if (rs->index(rs->ctx, b, rs->path, rs->st) != 0)
            rs->failed = 1;
        if (ch->counts->added > added) {
            /* deleted, then read again from the other file: one update */
            ch->counts->added--;
            ch->counts->deleted--;
            ch->counts->updated++;
        }
    }
    return rs->failed || *ch->stop;
}

/* A file whose entry lists an id deleted in this run (and not written since)
 * still holds that brief: read it from there again. */
static int restore_if_held(changes *ch, const char *key, const file_entry *e, void *ctx)
{
    restoring *rs = ctx;
    (void)key;
    for (size_t j = 0; j < e->ids.count; j++)
        if (strset_has(&ch->dropped, e->ids.items[j]) && !strset_has(&ch->claimed, e->ids.items[j])) {
            struct stat st;
            if (stat(e->path, &st) != 0 || !S_ISREG(st.st_mode))
                return 0;
            reader_counts rc = {0};
            rs->path = e->path;
            rs->st = &st;
            report_file_begin(e->path);
            reader_read_file(e->path, rs->ro, restore_brief, report_reader_diag, rs, &rc);
            report_file_end();
            rs->path = NULL;
            rs->st = NULL;
            return rs->failed ? -1 : 0;
        }
    return 0;
}

int changes_restore_dropped(changes *ch, const reader_options *ro, changes_index_fn index,
                            void *ctx)
{
    if (ch->dropped.count == 0)
        return 0;
    restoring rs = {.ch = ch, .ro = ro, .index = index, .ctx = ctx};
    return each_file_entry(ch, restore_if_held, &rs);
}
