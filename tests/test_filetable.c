/* test_filetable.c — the file table of change detection (indexer/filetable.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filetable.h"

static void test_key(void **state)
{
    (void)state;
    char key[FILETABLE_MAX_KEY + 1];
    assert_string_equal(filetable_key(key, "/a/b.txt"), "file:/a/b.txt");

    char long1[600], long2[600];
    memset(long1, 'x', sizeof long1 - 1);
    long1[0] = '/';
    long1[sizeof long1 - 1] = '\0';
    memcpy(long2, long1, sizeof long1);
    long2[500] = 'y';
    char key2[FILETABLE_MAX_KEY + 1];
    filetable_key(key, long1);
    filetable_key(key2, long2);
    assert_int_equal(strlen(key), FILETABLE_MAX_KEY);
    assert_string_not_equal(key, key2);
    assert_int_equal(strncmp(key, "file:/xxx", 9), 0);
}

static void test_encode_decode(void **state)
{
    (void)state;
    file_entry e = {.size = 1234, .mtime_sec = 1700000000, .mtime_nsec = 5,
                    .hash = 0x0123456789abcdefull};
    e.path = strdup("/corpus/odd%name\nwith newline.jsonl");
    assert_int_equal(brief_list_add(&e.ids, "id-1", strlen("id-1")), 0);
    assert_int_equal(brief_list_add(&e.ids, "id%2\nx", strlen("id%2\nx")), 0);
    assert_int_equal(brief_list_add(&e.ids, "", strlen("")), 0);
    char *v = filetable_encode(&e);
    assert_non_null(v);
    assert_int_equal(strncmp(v, "v1 1234 1700000000.000000005 0123456789abcdef 3\n", 48), 0);

    file_entry d;
    assert_int_equal(filetable_decode(v, &d), 0);
    assert_string_equal(d.path, e.path);
    assert_true(d.size == 1234 && d.mtime_sec == 1700000000 && d.mtime_nsec == 5);
    assert_true(d.hash == e.hash);
    assert_int_equal(d.ids.count, 3);
    assert_string_equal(d.ids.items[0], "id-1");
    assert_string_equal(d.ids.items[1], "id%2\nx");
    assert_string_equal(d.ids.items[2], "");
    filetable_entry_clear(&d);
    free(v);

    /* no ids */
    filetable_entry_clear(&e);
    e.path = strdup("/p");
    v = filetable_encode(&e);
    assert_int_equal(filetable_decode(v, &d), 0);
    assert_int_equal(d.ids.count, 0);
    assert_string_equal(d.path, "/p");
    filetable_entry_clear(&d);
    free(v);
    filetable_entry_clear(&e);

    assert_int_equal(filetable_decode("", &d), -1);
    assert_int_equal(filetable_decode("v1 1 2.3 ff 2\n/p\nonly-one", &d), -1);
    assert_null(d.path);
    assert_int_equal(filetable_decode("garbage", &d), -1);
}

/* A bulk export's entry: the value grows far past any first allocation. */
static void test_encode_large(void **state)
{
    (void)state;
    file_entry e = {.size = 1, .mtime_sec = 2, .mtime_nsec = 3, .hash = 4};
    char path[1200], id[32];
    memset(path, 'p', sizeof path - 1);
    path[0] = '/';
    path[sizeof path - 1] = '\0';
    e.path = strdup(path);
    for (int i = 0; i < 20000; i++) {
        int n = snprintf(id, sizeof id, "%s%d", i % 7 ? "id-" : "id%\n", i);
        assert_int_equal(brief_list_add(&e.ids, id, (size_t)n), 0);
    }
    char *v = filetable_encode(&e);
    assert_non_null(v);
    file_entry d;
    assert_int_equal(filetable_decode(v, &d), 0);
    assert_string_equal(d.path, path);
    assert_int_equal(d.ids.count, 20000);
    for (size_t i = 0; i < d.ids.count; i++)
        assert_string_equal(d.ids.items[i], e.ids.items[i]);
    filetable_entry_clear(&d);
    filetable_entry_clear(&e);
    free(v);
}

static void test_hash(void **state)
{
    (void)state;
    uint64_t whole = filetable_hash_update(filetable_hash_init(), "hello world", 11);
    uint64_t parts = filetable_hash_update(filetable_hash_init(), "hello ", 6);
    parts = filetable_hash_update(parts, "world", 5);
    assert_true(whole == parts);
    assert_true(whole != filetable_hash_update(filetable_hash_init(), "hello worle", 11));

    char path[] = "/tmp/test_filetable.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "hello world", 11), 11);
    close(fd);
    uint64_t h = 0;
    assert_int_equal(filetable_hash_file(path, &h), 0);
    assert_true(h == whole);
    unlink(path);
    assert_int_equal(filetable_hash_file(path, &h), -1);
}

static void test_path_under(void **state)
{
    (void)state;
    assert_true(filetable_path_under("/a/b/c.txt", "/a/b"));
    assert_true(filetable_path_under("/a/b/c.txt", "/a/b/"));
    assert_true(filetable_path_under("/a/b", "/a/b"));
    assert_false(filetable_path_under("/a/bc/d.txt", "/a/b"));
    assert_false(filetable_path_under("/a", "/a/b"));
    assert_true(filetable_path_under("/x", "/"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key),
        cmocka_unit_test(test_encode_decode),
        cmocka_unit_test(test_encode_large),
        cmocka_unit_test(test_hash),
        cmocka_unit_test(test_path_under),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
