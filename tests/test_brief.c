/* test_brief.c — the brief record: init, clear, lists, fields. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "brief.h"

static void test_init_is_empty(void **state)
{
    (void)state;
    brief b;
    memset(&b, 0xAB, sizeof b);
    brief_init(&b);
    assert_null(b.id);
    assert_null(b.title);
    assert_null(b.date);
    assert_null(b.source);
    assert_null(b.url);
    assert_null(b.body);
    assert_int_equal(b.body_len, 0);
    assert_int_equal(b.people.count, 0);
    assert_int_equal(b.countries.count, 0);
    assert_int_equal(b.gold_places.count, 0);
    assert_int_equal(b.gold_people.count, 0);
    assert_null(b.extra);
    assert_int_equal(b.extra_count, 0);
    assert_null(b.path);
    assert_int_equal(b.ordinal, 0);
}

static void test_set_and_clear(void **state)
{
    (void)state;
    brief b;
    brief_init(&b);
    assert_int_equal(brief_set(&b.title, "Hello world", 5), 0);
    assert_string_equal(b.title, "Hello");
    assert_int_equal(brief_set(&b.title, "Bye", 3), 0); /* replaces, frees the old */
    assert_string_equal(b.title, "Bye");
    assert_int_equal(brief_set(&b.body, "", 0), 0);
    assert_string_equal(b.body, "");
    assert_int_equal(brief_set(&b.id, "x", 1), 0);
    assert_int_equal(brief_set(&b.date, "2022-03-14", 10), 0);
    assert_int_equal(brief_set(&b.source, "CNN", 3), 0);
    assert_int_equal(brief_set(&b.url, "https://example.org/", 20), 0);
    assert_int_equal(brief_list_add(&b.people, "Jake Sullivan", 13), 0);
    assert_int_equal(brief_list_add(&b.countries, "US", 2), 0);
    assert_int_equal(brief_list_add(&b.gold_places, "usa", 3), 0);
    assert_int_equal(brief_list_add(&b.gold_people, "james-baker", 11), 0);
    assert_int_equal(brief_add_extra(&b, "Desk", "Asia"), 0);
    brief_clear(&b);
    assert_null(b.title);
    assert_null(b.body);
    assert_int_equal(b.people.count, 0);
    assert_null(b.people.items);
    assert_int_equal(b.extra_count, 0);
    brief_clear(&b); /* twice is fine */
    brief_clear(NULL);
}

static void test_lists(void **state)
{
    (void)state;
    brief_list l = {0};
    assert_int_equal(brief_list_contains(&l, "a"), 0);
    for (int i = 0; i < 100; i++) {
        char s[16];
        int n = snprintf(s, sizeof s, "item%d", i);
        assert_int_equal(brief_list_add(&l, s, (size_t)n), 0);
    }
    assert_int_equal(l.count, 100);
    assert_true(l.cap >= 100);
    assert_string_equal(l.items[0], "item0");
    assert_string_equal(l.items[99], "item99");
    assert_int_equal(brief_list_contains(&l, "item42"), 1);
    assert_int_equal(brief_list_contains(&l, "item4"), 1);
    assert_int_equal(brief_list_contains(&l, "item100"), 0);
    assert_int_equal(brief_list_contains(&l, "ITEM1"), 0);
    /* Only len bytes are copied. */
    assert_int_equal(brief_list_add(&l, "abcdef", 3), 0);
    assert_string_equal(l.items[100], "abc");
    brief_list_clear(&l);
    assert_int_equal(l.count, 0);
    assert_int_equal(brief_list_contains(&l, "abc"), 0);
    assert_int_equal(brief_list_add(&l, "again", 5), 0); /* usable after clear */
    assert_string_equal(l.items[0], "again");
    brief_list_clear(&l);
}

static void test_extra(void **state)
{
    (void)state;
    brief b;
    brief_init(&b);
    assert_int_equal(brief_add_extra(&b, "Desk", "Asia"), 0);
    assert_int_equal(brief_add_extra(&b, "Word-Count", "512"), 0);
    assert_int_equal(brief_add_extra(&b, "desk", "Europe"), 0);
    assert_int_equal(b.extra_count, 3);
    assert_string_equal(b.extra[0].key, "desk"); /* lower-cased */
    assert_string_equal(b.extra[0].value, "Asia");
    assert_string_equal(b.extra[1].key, "word-count");
    assert_string_equal(b.extra[1].value, "512");
    assert_string_equal(b.extra[2].key, "desk"); /* in order, repeats kept */
    assert_string_equal(b.extra[2].value, "Europe");
    brief_clear(&b);
    assert_int_equal(b.extra_count, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_is_empty),
        cmocka_unit_test(test_set_and_clear),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_extra),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
