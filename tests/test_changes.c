/* test_changes.c — change detection (indexer/changes.h) on a real index: the
 * verdict on each file, briefs dropped by a file, files that vanished. The
 * whole runs are tested end to end (e2e/reindex.sh, e2e/brief_changes.sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "changes.h"
#include "fixture_tmp.h"
#include "schema.h"
#include "xapian-c.h"

typedef struct fixture {
    char dir[64];           /* holds the index and the corpus */
    char db_path[PATH_MAX];
    char corpus[PATH_MAX];  /* a root: dir/corpus, canonical */
    xc_database *db;
    indexer_counts counts;
    unsigned long uncommitted;
    volatile sig_atomic_t stop;
    changes ch;
    int commits;            /* calls of count_commit */
} fixture;

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* A fresh change detection, as a new run starts one. */
static void new_run(fixture *f, int full)
{
    changes_clear(&f->ch);
    memset(&f->counts, 0, sizeof f->counts);
    f->ch = (changes){.db = f->db, .db_path = f->db_path, .full = full, .counts = &f->counts,
                      .uncommitted = &f->uncommitted, .stop = &f->stop};
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char made[PATH_MAX];
    assert_non_null(f);
    assert_int_equal(fixture_tmp_make("test_changes", f->dir, sizeof f->dir), 0);
    snprintf(f->db_path, sizeof f->db_path, "%s/index", f->dir);
    snprintf(made, sizeof made, "%s/corpus", f->dir);
    assert_int_equal(mkdir(made, 0755), 0);
    assert_non_null(realpath(made, f->corpus));
    assert_int_equal(xc_database_open_writable(f->db_path, XC_DB_CREATE, &f->db, NULL), XC_OK);
    new_run(f, 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    changes_clear(&f->ch);
    xc_database_destroy(f->db);
    assert_int_equal(fixture_tmp_remove(f->dir), 0);
    free(f);
    return 0;
}

/* Index a document for brief id from the file at path, as the writer does:
 * its unique id term and its file term. */
static void put_brief(fixture *f, const char *id, const char *path)
{
    char idterm[SCHEMA_MAX_TERM + 1], fileterm[SCHEMA_MAX_TERM + 1];
    xc_document *doc = NULL;
    schema_term(idterm, sizeof idterm, PREFIX_ID, id, 0);
    schema_term(fileterm, sizeof fileterm, PREFIX_FILE, path, 0);
    assert_int_equal(xc_document_create(&doc), XC_OK);
    assert_int_equal(xc_document_add_boolean_term(doc, idterm), XC_OK);
    assert_int_equal(xc_document_add_boolean_term(doc, fileterm), XC_OK);
    assert_int_equal(xc_database_replace_document(f->db, idterm, doc, NULL), XC_OK);
    xc_document_destroy(doc);
}

static int has_brief(fixture *f, const char *id)
{
    char idterm[SCHEMA_MAX_TERM + 1];
    int found = -1;
    schema_term(idterm, sizeof idterm, PREFIX_ID, id, 0);
    assert_int_equal(xc_database_term_exists(f->db, idterm, &found), XC_OK);
    return found;
}

/* What changes_check_file says of the file at path; the ids are claimed and
 * the file finished when it is to be read. */
static file_verdict check(fixture *f, const char *path, const char *const *ids, size_t nids)
{
    struct stat st;
    file_change fc;
    assert_int_equal(stat(path, &st), 0);
    file_verdict v = changes_check_file(&f->ch, path, path, &st, &fc);
    if (v == FILE_TO_READ) {
        for (size_t i = 0; i < nids; i++) {
            put_brief(f, ids[i], path);
            assert_int_equal(changes_claim(&f->ch, &fc.now, ids[i]), 0);
        }
        assert_int_equal(changes_file_read(&f->ch, &fc), 0);
    }
    file_change_clear(&fc);
    return v;
}

/* The entry the file table holds for path (the caller clears it). */
static void entry_of(fixture *f, const char *path, file_entry *e)
{
    char key[FILETABLE_MAX_KEY + 1];
    char *value = NULL;
    assert_int_equal(xc_database_get_metadata(f->db, filetable_key(key, path), &value), XC_OK);
    assert_int_equal(filetable_decode(value, e), 0);
    free(value);
}

static void test_file_verdicts(void **state)
{
    fixture *f = *state;
    char path[PATH_MAX + 16];
    const char *ids[] = {"a1", "a2"};
    snprintf(path, sizeof path, "%s/a.jsonl", f->corpus);
    write_file(path, "two briefs\n");

    assert_int_equal(check(f, path, ids, 2), FILE_TO_READ);   /* new */
    assert_int_equal(check(f, path, ids, 2), FILE_MET_BEFORE);   /* again, same run */
    file_entry e;
    entry_of(f, path, &e);
    assert_int_equal(e.ids.count, 2);
    assert_string_equal(e.ids.items[1], "a2");
    filetable_entry_clear(&e);

    new_run(f, 0);   /* same size and mtime */
    assert_int_equal(check(f, path, ids, 2), FILE_DONE);
    assert_int_equal(f->counts.unchanged, 1);
    assert_int_equal(f->counts.briefs_unchanged, 2);

    /* Touched: same bytes, another mtime; not read, the new stamp recorded. */
    struct timespec times[2] = {{.tv_sec = 1000000000}, {.tv_sec = 1000000000}};
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
    new_run(f, 0);
    assert_int_equal(check(f, path, ids, 2), FILE_DONE);
    assert_int_equal(f->counts.unchanged, 1);
    entry_of(f, path, &e);
    assert_true(e.mtime_sec == 1000000000);
    assert_int_equal(e.ids.count, 2);
    filetable_entry_clear(&e);

    new_run(f, 1);   /* --full: read whatever */
    assert_int_equal(check(f, path, ids, 2), FILE_TO_READ);
    assert_int_equal(f->counts.unchanged, 0);

    /* Changed bytes: read; the brief it no longer holds is deleted. */
    write_file(path, "one brief now\n");
    new_run(f, 0);
    assert_int_equal(check(f, path, ids, 1), FILE_TO_READ);
    assert_int_equal(f->counts.deleted, 1);
    assert_true(has_brief(f, "a1"));
    assert_false(has_brief(f, "a2"));
    entry_of(f, path, &e);
    assert_int_equal(e.ids.count, 1);
    filetable_entry_clear(&e);
}

/* A brief that moved to another file is not deleted with the first one's. */
static void test_moved_brief_kept(void **state)
{
    fixture *f = *state;
    char a[PATH_MAX + 16], b[PATH_MAX + 16];
    const char *both[] = {"m1", "m2"}, *one[] = {"m1"}, *moved[] = {"m2"};
    snprintf(a, sizeof a, "%s/a.jsonl", f->corpus);
    snprintf(b, sizeof b, "%s/b.jsonl", f->corpus);
    write_file(a, "m1 m2\n");
    assert_int_equal(check(f, a, both, 2), FILE_TO_READ);
    write_file(a, "m1\n");
    write_file(b, "m2\n");
    new_run(f, 0);
    assert_int_equal(check(f, b, moved, 1), FILE_TO_READ);   /* b is met first */
    assert_int_equal(check(f, a, one, 1), FILE_TO_READ);
    assert_int_equal(f->counts.deleted, 0);   /* claimed by b in this run */
    assert_true(has_brief(f, "m2"));
}

static int count_commit(void *ctx)
{
    ((fixture *)ctx)->commits++;
    return 0;
}

/* A file gone from under a root is deleted with its briefs; one still there
 * but not met by the walk is kept; one under no root is not looked at. */
static void test_vanished(void **state)
{
    fixture *f = *state;
    char gone[PATH_MAX + 16], kept[PATH_MAX + 16], elsewhere[PATH_MAX + 16];
    const char *g[] = {"g1", "g2"}, *k[] = {"k1"}, *e[] = {"e1"};
    snprintf(gone, sizeof gone, "%s/gone.txt", f->corpus);
    snprintf(kept, sizeof kept, "%s/.kept.txt", f->corpus);
    snprintf(elsewhere, sizeof elsewhere, "%s/elsewhere.txt", f->dir);
    write_file(gone, "g\n");
    write_file(kept, "k\n");
    write_file(elsewhere, "e\n");
    assert_int_equal(check(f, gone, g, 2), FILE_TO_READ);
    assert_int_equal(check(f, kept, k, 1), FILE_TO_READ);
    assert_int_equal(check(f, elsewhere, e, 1), FILE_TO_READ);
    assert_int_equal(unlink(gone), 0);
    unlink(elsewhere);

    new_run(f, 0);   /* a walk of the corpus that met nothing */
    char *roots[] = {f->corpus};
    walk_filter all = {0};
    f->uncommitted = 0;
    assert_int_equal(changes_delete_vanished(&f->ch, roots, 1, &all, count_commit, f), 0);
    assert_int_equal(f->counts.deleted, 2);
    assert_int_equal(f->uncommitted, 2);
    assert_int_equal(f->commits, 1);   /* after the one file deleted */
    assert_false(has_brief(f, "g1"));
    assert_false(has_brief(f, "g2"));
    assert_true(has_brief(f, "k1"));
    assert_true(has_brief(f, "e1"));   /* not under the root */
    char key[FILETABLE_MAX_KEY + 1], *value = NULL;
    assert_int_equal(xc_database_get_metadata(f->db, filetable_key(key, gone), &value), XC_OK);
    assert_string_equal(value, "");   /* its entry is gone */
    free(value);

    /* A stop requested: nothing more is done. */
    write_file(gone, "g\n");
    new_run(f, 0);
    assert_int_equal(check(f, gone, g, 2), FILE_TO_READ);
    unlink(gone);
    new_run(f, 0);
    f->stop = 1;
    assert_int_equal(changes_delete_vanished(&f->ch, roots, 1, &all, count_commit, f), 0);
    assert_int_equal(f->counts.deleted, 0);
    assert_true(has_brief(f, "g1"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_file_verdicts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_moved_brief_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_vanished, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
