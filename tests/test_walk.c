/* test_walk.c — the fts walk: order, hidden entries, links, skipped directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture_tmp.h"
#include "walk.h"

typedef struct seen {
    char names[32][256];
    int n;
    int errors;
    int stop_after;
    int canonical_known;   /* files whose canonical path the walk gave */
} seen;

static int on_file(void *ctx, const char *path, const char *canonical, const struct stat *st)
{
    seen *s = ctx;
    assert_true(S_ISREG(st->st_mode));
    if (canonical) {
        /* What the walk worked out is what realpath() says. */
        char real[PATH_MAX];
        assert_non_null(realpath(path, real));
        assert_string_equal(canonical, real);
        s->canonical_known++;
    }
    snprintf(s->names[s->n++], 256, "%s", path);
    return s->stop_after && s->n >= s->stop_after;
}

static void on_error(void *ctx, const char *path, const char *reason)
{
    (void)path;
    assert_non_null(reason);
    ((seen *)ctx)->errors++;
}

static char root[64];

static void touch(const char *rel)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs("x\n", f);
    fclose(f);
}

static void sub(const char *rel)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    assert_int_equal(mkdir(p, 0755), 0);
}

static int set_up(void **state)
{
    (void)state;
    assert_int_equal(fixture_tmp_make("briefs-walk", root, sizeof root), 0);
    sub("b");
    sub(".hidden");
    sub("index.db");
    touch("c.txt");
    touch("a.txt");
    touch("b/z.txt");
    touch(".dotfile");
    touch(".hidden/secret.txt");
    touch("index.db/postlist.glass");
    char target[256], link[256];
    snprintf(target, sizeof target, "%s/a.txt", root);
    snprintf(link, sizeof link, "%s/link.txt", root);
    assert_int_equal(symlink(target, link), 0);
    snprintf(target, sizeof target, "%s/b", root);
    snprintf(link, sizeof link, "%s/dirlink", root);
    assert_int_equal(symlink(target, link), 0);
    return 0;
}

static int tear_down(void **state)
{
    (void)state;
    return fixture_tmp_remove(root);
}

static const char *rel(const char *path)
{
    return path + strlen(root) + 1;
}

static void test_order_hidden_links(void **state)
{
    (void)state;
    seen s = {0};
    char *roots[] = {root, NULL};
    walk_options wo = {0};
    char db[256];
    struct stat st;
    snprintf(db, sizeof db, "%s/index.db", root);
    assert_int_equal(stat(db, &st), 0);
    wo.skip_dev = st.st_dev;
    wo.skip_ino = st.st_ino;
    assert_int_equal(walk_roots(roots, 1, &wo, on_file, on_error, &s), 0);
    /* Sorted by name; hidden entries, the index and the directory link left out. */
    assert_int_equal(s.n, 4);
    assert_string_equal(rel(s.names[0]), "a.txt");
    assert_string_equal(rel(s.names[1]), "b/z.txt");
    assert_string_equal(rel(s.names[2]), "c.txt");
    assert_string_equal(rel(s.names[3]), "link.txt");
    assert_int_equal(s.errors, 0);
    assert_int_equal(s.canonical_known, 3);   /* not the link: realpath decides */
}

/* A root written the long way round (a "..", trailing slashes): the paths the
 * walk works out are still realpath's (on_file checks each). */
static void test_canonical_paths(void **state)
{
    (void)state;
    seen s = {0};
    char odd[300];
    snprintf(odd, sizeof odd, "%s/b/..//", root);
    char *roots[] = {odd, NULL};
    assert_int_equal(walk_roots(roots, 1, NULL, on_file, on_error, &s), 0);
    assert_true(s.n >= 4);
    assert_int_equal(s.canonical_known, s.n - 1);
}

static void test_file_root_and_missing_root(void **state)
{
    (void)state;
    seen s = {0};
    char file[256], missing[256];
    snprintf(file, sizeof file, "%s/.dotfile", root);
    snprintf(missing, sizeof missing, "%s/missing", root);
    char *roots[] = {file, missing, NULL};
    assert_int_equal(walk_roots(roots, 2, NULL, on_file, on_error, &s), 0);
    /* A root is never skipped, even a hidden one; a missing one is an error. */
    assert_int_equal(s.n, 1);
    assert_int_equal(s.errors, 1);
}

static void test_callback_stops(void **state)
{
    (void)state;
    seen s = {.stop_after = 2};
    char *roots[] = {root, NULL};
    assert_int_equal(walk_roots(roots, 1, NULL, on_file, on_error, &s), 1);
    assert_int_equal(s.n, 2);
}

/* ----- --include and --exclude ----- */

static char froot[128];

static void make_filter_tree(void)
{
    static const char *const dirs[] = {"f", "f/drafts", "f/news", "f/news/2024", "f/news/2023",
                                       "f/keep"};
    static const char *const files[] = {
        "f/reut2-000.sgm", "f/reut2-001.sgm", "f/README.txt",     "f/lewis.dtd",
        "f/drafts/x.sgm",  "f/news/2024/a.txt", "f/news/2024/b.sgm", "f/news/2023/c.txt",
        "f/keep/drafts.txt", "f/keep/README.txt",
    };
    char p[300];
    snprintf(p, sizeof p, "%s/f", root);
    struct stat st;
    if (stat(p, &st) == 0)
        return;
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++)
        sub(dirs[i]);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        touch(files[i]);
    snprintf(froot, sizeof froot, "%s/f", root);
}

/* Walk f/ with these patterns ("" ends each list); check the files found,
 * that walk_count finds as many, and that walk_filter_selects agrees with
 * the walk on every file of the tree. */
static void check_filter(const char *const *include, const char *const *exclude,
                         const char *want)
{
    make_filter_tree();
    char *inc[8], *exc[8];
    int ni = 0, ne = 0;
    while (include[ni][0])
        inc[ni] = (char *)include[ni], ni++;
    while (exclude[ne][0])
        exc[ne] = (char *)exclude[ne], ne++;
    walk_options wo = {.filter = {inc, ni, exc, ne}};
    char *roots[] = {froot, NULL};
    seen s = {0}, all = {0};
    assert_int_equal(walk_roots(roots, 1, &wo, on_file, on_error, &s), 0);
    char got[1024] = "";
    for (int i = 0; i < s.n; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? " " : "",
                 s.names[i] + strlen(froot) + 1);
    assert_string_equal(got, want);
    assert_int_equal(walk_count(roots, &wo, NULL), s.n);

    assert_int_equal(walk_roots(roots, 1, NULL, on_file, on_error, &all), 0);
    assert_int_equal(all.n, 10);
    for (int i = 0; i < all.n; i++) {
        const char *r = all.names[i] + strlen(froot) + 1;
        char quoted[300];
        snprintf(quoted, sizeof quoted, " %s ", r);
        char spaced[1100];
        snprintf(spaced, sizeof spaced, " %s ", got);
        if (walk_filter_selects(&wo.filter, r) != (strstr(spaced, quoted) != NULL))
            fail_msg("walk_filter_selects(%s) disagrees with the walk", r);
    }
}

#define LIST(...) ((const char *const[]){__VA_ARGS__, ""})
#define NONE ((const char *const[]){""})

static void test_filter_names(void **state)
{
    (void)state;
    check_filter(NONE, NONE,
                 "README.txt drafts/x.sgm keep/README.txt keep/drafts.txt lewis.dtd "
                 "news/2023/c.txt news/2024/a.txt news/2024/b.sgm reut2-000.sgm reut2-001.sgm");
    /* A name pattern, at any depth. */
    check_filter(LIST("*.sgm"), NONE, "drafts/x.sgm news/2024/b.sgm reut2-000.sgm reut2-001.sgm");
    check_filter(LIST("reut2-*.sgm"), NONE, "reut2-000.sgm reut2-001.sgm");
    check_filter(NONE, LIST("*.txt"), "drafts/x.sgm lewis.dtd news/2024/b.sgm reut2-000.sgm "
                                      "reut2-001.sgm");
    /* Exclude wins over include; several of each. */
    check_filter(LIST("*.sgm", "*.dtd"), LIST("reut2-001.sgm", "x.*"),
                 "lewis.dtd news/2024/b.sgm reut2-000.sgm");
    /* A directory excluded by name is not entered; the file drafts.txt is
     * not the directory drafts. */
    check_filter(NONE, LIST("drafts", "news"),
                 "README.txt keep/README.txt keep/drafts.txt lewis.dtd reut2-000.sgm "
                 "reut2-001.sgm");
    /* A trailing '/': directories only. */
    check_filter(NONE, LIST("drafts*/", "*.sgm/"),
                 "README.txt keep/README.txt keep/drafts.txt lewis.dtd news/2023/c.txt "
                 "news/2024/a.txt news/2024/b.sgm reut2-000.sgm reut2-001.sgm");
}

static void test_filter_paths(void **state)
{
    (void)state;
    /* With '/': the path relative to the root; '*' does not cross '/'. */
    check_filter(LIST("news/*/a.txt"), NONE, "news/2024/a.txt");
    check_filter(LIST("news/*.txt"), NONE, "");
    /* A directory included: everything under it. */
    check_filter(LIST("news/2024"), NONE, "news/2024/a.txt news/2024/b.sgm");
    check_filter(LIST("2023"), NONE, "news/2023/c.txt");
    /* A leading '/' anchors a name to the root. */
    check_filter(NONE, LIST("/README.txt"),
                 "drafts/x.sgm keep/README.txt keep/drafts.txt lewis.dtd news/2023/c.txt "
                 "news/2024/a.txt news/2024/b.sgm reut2-000.sgm reut2-001.sgm");
    check_filter(LIST("*.txt"), LIST("news/2024/"),
                 "README.txt keep/README.txt keep/drafts.txt news/2023/c.txt");
    /* A root is never filtered. */
    char file[320];
    make_filter_tree();
    snprintf(file, sizeof file, "%s/README.txt", froot);
    char *roots[] = {file, NULL}, *inc[] = {"*.sgm"};
    walk_options wo = {.filter = {inc, 1, NULL, 0}};
    seen s = {0};
    assert_int_equal(walk_roots(roots, 1, &wo, on_file, on_error, &s), 0);
    assert_int_equal(s.n, 1);
    assert_int_equal(walk_count(roots, &wo, NULL), 1);
}

/* The count without a stat per file: hidden entries, the index and the
 * directory link are left out as the walk leaves them; the link to a file is
 * counted. */
static void test_count(void **state)
{
    (void)state;
    char *roots[] = {root, NULL};
    walk_options wo = {0};
    char db[256];
    struct stat st;
    snprintf(db, sizeof db, "%s/index.db", root);
    assert_int_equal(stat(db, &st), 0);
    wo.skip_dev = st.st_dev;
    wo.skip_ino = st.st_ino;
    char *exc[] = {"f"};
    wo.filter.exclude = exc;
    wo.filter.nexclude = 1;
    /* The directory link is counted too: its type is not known without a
     * stat (an estimate, never too low). */
    assert_int_equal(walk_count(roots, &wo, NULL), 5);
    volatile sig_atomic_t stop = 1;
    assert_int_equal(walk_count(roots, &wo, &stop), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_hidden_links),
        cmocka_unit_test(test_canonical_paths),
        cmocka_unit_test(test_file_root_and_missing_root),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_filter_names),
        cmocka_unit_test(test_filter_paths),
        cmocka_unit_test(test_count),
    };
    return cmocka_run_group_tests(tests, set_up, tear_down);
}
