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
    snprintf(root, sizeof root, "/tmp/briefs-walk.XXXXXX");
    assert_non_null(mkdtemp(root));
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
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_hidden_links),
        cmocka_unit_test(test_canonical_paths),
        cmocka_unit_test(test_file_root_and_missing_root),
        cmocka_unit_test(test_callback_stops),
    };
    return cmocka_run_group_tests(tests, set_up, tear_down);
}
