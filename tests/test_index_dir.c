/* test_index_dir.c — the marker of what briefs made: reading, replacing,
 * removing only what is ours, and what -d may name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture_tmp.h"
#include "index_dir.h"

static char root[64];

static const char *at(const char *rel)
{
    static char p[4][PATH_MAX];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", root, rel);
    return p[k];
}

static void put(const char *rel, const char *text)
{
    FILE *f = fopen(at(rel), "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int exists(const char *rel)
{
    struct stat st;
    return lstat(at(rel), &st) == 0;
}

static int setup(void **state)
{
    (void)state;
    assert_int_equal(fixture_tmp_make("briefs-index-dir", root, sizeof root), 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return fixture_tmp_remove(root);
}

static void test_marker_kinds(void **state)
{
    (void)state;
    assert_int_equal(index_dir_make(at("a"), MADE_DIRECTORY), 0);
    assert_int_equal(index_dir_made(at("a")), MADE_DIRECTORY);
    assert_int_equal(index_dir_remark(at("a"), MADE_SCRATCH), 0);
    assert_int_equal(index_dir_made(at("a")), MADE_SCRATCH);
    assert_false(exists("a/" INDEX_DIR_MARKER ".new"));
    /* Something there already: left as it was. */
    assert_int_equal(index_dir_make(at("a"), MADE_DIRECTORY), -1);
    assert_int_equal(errno, EEXIST);
    assert_int_equal(index_dir_made(at("a")), MADE_SCRATCH);
    /* No marker, or not ours to replace. */
    assert_int_equal(mkdir(at("b"), 0777), 0);
    assert_int_equal(index_dir_made(at("b")), MADE_NOTHING);
    assert_int_equal(index_dir_remark(at("b"), MADE_DIRECTORY), -1);
    assert_false(exists("b/" INDEX_DIR_MARKER));
    /* A marker cut short reads as the safe kind; a link named so is not one. */
    put("b/" INDEX_DIR_MARKER, "");
    assert_int_equal(index_dir_made(at("b")), MADE_CONTENTS);
    assert_int_equal(mkdir(at("c"), 0777), 0);
    assert_int_equal(symlink(at("a/" INDEX_DIR_MARKER), at("c/" INDEX_DIR_MARKER)), 0);
    assert_int_equal(index_dir_made(at("c")), MADE_NOTHING);
    assert_int_equal(index_dir_made(at("nowhere")), MADE_NOTHING);
}

static void test_remove_only_ours(void **state)
{
    (void)state;
    /* An index of ours with a shard inside, a directory made and not yet
     * marked, and a file of the user's. */
    assert_int_equal(index_dir_make(at("idx"), MADE_DIRECTORY), 0);
    put("idx/iamglass", "x");
    put("idx/postlist.glass", "x");
    put("idx/flintlock", "");
    assert_int_equal(index_dir_make(at("idx/.shards"), MADE_SCRATCH), 0);
    assert_int_equal(index_dir_make(at("idx/.shards/0"), MADE_SCRATCH), 0);
    put("idx/.shards/0/termlist.glass", "x");
    put("idx/.shards/0/v.tmp", "x");
    assert_int_equal(mkdir(at("idx/.shards/1"), 0777), 0);   /* made, killed before its marker */
    assert_int_equal(mkdir(at("idx/.shards/2"), 0777), 0);   /* its marker cut short */
    put("idx/.shards/2/" INDEX_DIR_MARKER, "");
    put("idx/.shards/2/docdata.glass", "x");
    assert_int_equal(index_dir_only_ours(at("idx"), NULL, 0), 1);
    put("idx/notes.txt", "mine");
    char other[64] = "";
    assert_int_equal(index_dir_only_ours(at("idx"), other, sizeof other), 0);
    assert_string_equal(other, "notes.txt");

    assert_int_equal(index_dir_remove(at("idx")), -1);
    assert_true(exists("idx/notes.txt"));
    assert_true(exists("idx/" INDEX_DIR_MARKER));   /* still ours, with the user's file */
    assert_false(exists("idx/iamglass"));
    assert_false(exists("idx/postlist.glass"));
    assert_false(exists("idx/.shards"));
    unlink(at("idx/notes.txt"));
    assert_int_equal(index_dir_remove(at("idx")), 0);
    assert_false(exists("idx"));

    /* A subdirectory of the user's inside, and one with a link. */
    assert_int_equal(index_dir_make(at("s"), MADE_SCRATCH), 0);
    assert_int_equal(mkdir(at("s/mine"), 0777), 0);
    put("s/mine/keep", "mine");
    assert_int_equal(symlink(at("s/mine"), at("s/link.glass")), 0);
    assert_int_equal(index_dir_remove(at("s")), -1);
    assert_true(exists("s/mine/keep"));
    assert_true(exists("s/link.glass"));

    /* contents: the directory was there; only what is in it goes. */
    assert_int_equal(mkdir(at("e"), 0777), 0);
    put("e/" INDEX_DIR_MARKER, "contents\n");
    put("e/iamglass", "x");
    assert_int_equal(index_dir_remove(at("e")), 0);
    assert_true(exists("e"));
    assert_false(exists("e/" INDEX_DIR_MARKER));

    /* Not ours: nothing removed; nothing there: done. */
    assert_int_equal(mkdir(at("u"), 0777), 0);
    put("u/iamglass", "x");
    assert_int_equal(index_dir_remove(at("u")), -1);
    assert_true(exists("u/iamglass"));
    assert_int_equal(index_dir_remove(at("gone")), 0);
}

static void test_prepare(void **state)
{
    (void)state;
    char err[256];
    /* Nothing there: made, marked directory. */
    assert_int_equal(index_dir_prepare(at("new.db"), err, sizeof err), 0);
    assert_int_equal(index_dir_made(at("new.db")), MADE_DIRECTORY);
    /* Ours, whatever the marker says: taken as it is. */
    assert_int_equal(index_dir_remark(at("new.db"), MADE_SCRATCH), 0);
    assert_int_equal(index_dir_prepare(at("new.db"), err, sizeof err), 0);
    assert_int_equal(index_dir_made(at("new.db")), MADE_SCRATCH);
    assert_int_equal(index_dir_remark(at("new.db"), MADE_DIRECTORY), 0);
    /* Empty: marked contents. */
    assert_int_equal(mkdir(at("empty"), 0777), 0);
    assert_int_equal(index_dir_prepare(at("empty"), err, sizeof err), 0);
    assert_int_equal(index_dir_made(at("empty")), MADE_CONTENTS);
    /* Refused, nothing written. */
    assert_int_equal(mkdir(at("docs"), 0777), 0);
    put("docs/.hidden", "mine");
    assert_int_equal(index_dir_prepare(at("docs"), err, sizeof err), -1);
    assert_non_null(strstr(err, "not an index"));
    assert_false(exists("docs/" INDEX_DIR_MARKER));
    assert_int_equal(mkdir(at("other"), 0777), 0);
    put("other/iamglass", "x");
    assert_int_equal(index_dir_prepare(at("other"), err, sizeof err), -1);
    assert_non_null(strstr(err, "did not make"));
    put("file", "x");
    assert_int_equal(index_dir_prepare(at("file"), err, sizeof err), -1);
    assert_non_null(strstr(err, "not a directory"));
    assert_int_equal(symlink(at("nowhere"), at("dangling")), 0);
    assert_int_equal(index_dir_prepare(at("dangling"), err, sizeof err), -1);
    assert_false(exists("nowhere"));
    assert_int_equal(symlink(at("new.db"), at("link.db")), 0);
    assert_int_equal(index_dir_prepare(at("link.db"), err, sizeof err), 0);
}

static void test_holds(void **state)
{
    (void)state;
    char real[PATH_MAX], path[PATH_MAX + 16];
    assert_int_equal(mkdir(at("corpus"), 0777), 0);
    assert_non_null(realpath(at("corpus"), real));
    assert_true(index_dir_holds(at("corpus"), real));
    assert_true(index_dir_holds(at("corpus/"), real));
    snprintf(path, sizeof path, "%s/2023", real);
    assert_true(index_dir_holds(at("corpus"), path));
    assert_true(index_dir_holds(at("corpus/../corpus"), path));
    assert_false(index_dir_holds(at("corpus/idx.db"), real));   /* inside: the walk skips it */
    assert_false(index_dir_holds(at("corpus2"), real));
    /* Not there yet: its parent's canonical path and its name. */
    snprintf(path, sizeof path, "%s/new/x", real);
    assert_true(index_dir_holds(at("corpus/new"), path));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_marker_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove_only_ours, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prepare, setup, teardown),
        cmocka_unit_test_setup_teardown(test_holds, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
