/* test_strset.c — the set of strings (corpus/strset.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strset.h"

static void test_empty(void **state)
{
    (void)state;
    strset s = {0};
    size_t pos = 0;
    assert_false(strset_has(&s, "x"));
    assert_false(strset_has(&s, ""));
    assert_null(strset_next(&s, &pos));
    strset_clear(&s);   /* an empty set is fine */
    assert_int_equal(s.count, 0);
}

/* Enough strings to grow the table several times: each is found, once. */
static void test_add_has(void **state)
{
    (void)state;
    strset s = {0};
    char buf[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, "k%d", i);
        assert_int_equal(strset_add(&s, buf), 0);
    }
    assert_int_equal(strset_add(&s, "k5"), 0);   /* there already: no change */
    assert_int_equal(s.count, 1000);
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, "k%d", i);
        assert_true(strset_has(&s, buf));
    }
    assert_false(strset_has(&s, "k1000"));
    assert_false(strset_has(&s, "k"));
    assert_false(strset_has(&s, ""));
    assert_int_equal(strset_add(&s, ""), 0);   /* the empty string is a string */
    assert_true(strset_has(&s, ""));
    assert_int_equal(s.count, 1001);
    strset_clear(&s);
    assert_int_equal(s.count, 0);
    assert_false(strset_has(&s, "k5"));
}

/* The set holds copies: the caller's buffer may change. */
static void test_copies(void **state)
{
    (void)state;
    strset s = {0};
    char buf[8] = "abc";
    assert_int_equal(strset_add(&s, buf), 0);
    strcpy(buf, "xyz");
    assert_true(strset_has(&s, "abc"));
    assert_false(strset_has(&s, "xyz"));
    strset_clear(&s);
}

/* strset_next gives every string once, and then NULL. */
static void test_next(void **state)
{
    (void)state;
    strset s = {0};
    char buf[32];
    int seen[300] = {0};
    for (int i = 0; i < 300; i++) {
        snprintf(buf, sizeof buf, "id-%d", i);
        assert_int_equal(strset_add(&s, buf), 0);
    }
    size_t pos = 0, n = 0;
    for (const char *str; (str = strset_next(&s, &pos)); n++) {
        int i = -1;
        assert_int_equal(sscanf(str, "id-%d", &i), 1);
        assert_true(i >= 0 && i < 300);
        assert_int_equal(seen[i]++, 0);
    }
    assert_int_equal(n, 300);
    assert_null(strset_next(&s, &pos));   /* stays at the end */
    /* The same additions, the same order. */
    strset t = {0};
    for (int i = 0; i < 300; i++) {
        snprintf(buf, sizeof buf, "id-%d", i);
        assert_int_equal(strset_add(&t, buf), 0);
    }
    size_t ps = 0, pt = 0;
    for (const char *a; (a = strset_next(&s, &ps));)
        assert_string_equal(a, strset_next(&t, &pt));
    strset_clear(&s);
    strset_clear(&t);
}

/* Each string keeps the number of its addition, through the table's growth;
 * adding it again gives the same number and adds nothing. */
static void test_numbers(void **state)
{
    (void)state;
    strset s = {0};
    char buf[32];
    assert_int_equal(strset_number(&s, "w0"), -1);   /* the empty set */
    for (int i = 0; i < 500; i++) {
        snprintf(buf, sizeof buf, "w%d", i);
        assert_int_equal(strset_intern(&s, buf), i);
    }
    assert_int_equal(strset_intern(&s, "w7"), 7);
    assert_int_equal(strset_add(&s, "w8"), 0);
    assert_int_equal(s.count, 500);
    assert_int_equal(strset_add(&s, "other"), 0);    /* add numbers it too */
    assert_int_equal(strset_number(&s, "other"), 500);
    for (int i = 0; i < 500; i++) {
        snprintf(buf, sizeof buf, "w%d", i);
        assert_int_equal(strset_number(&s, buf), i);
    }
    assert_int_equal(strset_number(&s, "w500"), -1);
    assert_int_equal(strset_number(&s, ""), -1);
    strset_clear(&s);
    assert_int_equal(strset_number(&s, "w1"), -1);
    assert_int_equal(strset_intern(&s, "w1"), 0);     /* cleared: numbered from 0 again */
    strset_clear(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_add_has),
        cmocka_unit_test(test_copies),
        cmocka_unit_test(test_next),
        cmocka_unit_test(test_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
