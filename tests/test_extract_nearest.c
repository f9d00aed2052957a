/* test_extract_nearest.c — the nearest place of a word (corpus/extract/extract_nearest.h):
 * the rule a surname alone follows to its full name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

#include "extract_nearest.h"

/* The value nearest_find gives, or -1 when it finds nothing. */
static long find(const nearest_index *ix, const char *key, size_t token, int inclusive)
{
    size_t value;
    return nearest_find(ix, key, token, inclusive, &value) ? (long)value : -1;
}

static void test_before_else_after(void **state)
{
    (void)state;
    nearest_index ix = {0};
    assert_int_equal(find(&ix, "smith", 5, 0), -1);   /* empty, never sealed */
    assert_int_equal(nearest_add(&ix, "smith", 40, 1), 0);
    assert_int_equal(nearest_add(&ix, "smith", 10, 2), 0);
    assert_int_equal(nearest_add(&ix, "jones", 20, 3), 0);
    assert_int_equal(find(&ix, "smith", 5, 0), -1);   /* not sealed yet */
    assert_int_equal(nearest_seal(&ix), 0);
    assert_int_equal(find(&ix, "smith", 5, 0), 2);    /* none before: the first after */
    assert_int_equal(find(&ix, "smith", 11, 0), 2);   /* the nearest before */
    assert_int_equal(find(&ix, "smith", 39, 0), 2);
    assert_int_equal(find(&ix, "smith", 41, 0), 1);
    assert_int_equal(find(&ix, "smith", 1000, 0), 1);
    assert_int_equal(find(&ix, "jones", 0, 0), 3);
    assert_int_equal(find(&ix, "brown", 30, 0), -1);  /* never seen */
    nearest_free(&ix);
    assert_int_equal(find(&ix, "smith", 11, 0), -1);
    nearest_free(&ix);   /* an empty one is fine */
}

static void test_inclusive(void **state)
{
    (void)state;
    nearest_index ix = {0};
    assert_int_equal(nearest_add(&ix, "k", 10, 1), 0);
    assert_int_equal(nearest_add(&ix, "k", 20, 2), 0);
    assert_int_equal(nearest_seal(&ix), 0);
    assert_int_equal(find(&ix, "k", 20, 0), 1);   /* at 20 is after 20 */
    assert_int_equal(find(&ix, "k", 20, 1), 2);   /* or at it */
    assert_int_equal(find(&ix, "k", 10, 0), 1);   /* none before: the first after */
    nearest_free(&ix);
}

/* Several places at one token: the first added, before or after. */
static void test_ties_go_to_the_first_added(void **state)
{
    (void)state;
    nearest_index ix = {0};
    for (size_t v = 0; v < 5; v++)
        assert_int_equal(nearest_add(&ix, "k", 30, 10 + v), 0);
    for (size_t v = 0; v < 5; v++)
        assert_int_equal(nearest_add(&ix, "k", 0, 20 + v), 0);
    assert_int_equal(nearest_add(&ix, "k", 50, 9), 0);
    assert_int_equal(nearest_seal(&ix), 0);
    assert_int_equal(find(&ix, "k", 40, 0), 10);
    assert_int_equal(find(&ix, "k", 30, 0), 20);
    assert_int_equal(find(&ix, "k", 0, 1), 20);
    assert_int_equal(find(&ix, "k", 0, 0), 20);    /* none before 0: the first at 0 */
    assert_int_equal(find(&ix, "k", 60, 0), 9);
    nearest_free(&ix);
}

/* Many keys and places, against the loop it replaces. */
static void test_as_the_loop(void **state)
{
    (void)state;
    enum { N = 3000 };
    static size_t at[N];
    static unsigned key[N];
    nearest_index ix = {0};
    char name[16];
    srand(15);
    for (size_t i = 0; i < N; i++) {
        at[i] = (size_t)(rand() % 500);
        key[i] = (unsigned)(rand() % 40);
        snprintf(name, sizeof name, "k%u", key[i]);
        assert_int_equal(nearest_add(&ix, name, at[i], i), 0);
    }
    assert_int_equal(nearest_seal(&ix), 0);
    for (unsigned k = 0; k < 41; k++)
        for (size_t token = 0; token <= 500; token += 7)
            for (int inclusive = 0; inclusive < 2; inclusive++) {
                long best = -1;
                for (size_t i = 0; i < N; i++) {
                    if (key[i] != k)
                        continue;
                    int before = inclusive ? at[i] <= token : at[i] < token;
                    int best_before = best >= 0 && (inclusive ? at[best] <= token : at[best] < token);
                    if (best < 0 || (before && (!best_before || at[i] > at[best]))
                        || (!before && !best_before && at[i] < at[best]))
                        best = (long)i;
                }
                snprintf(name, sizeof name, "k%u", k);
                assert_int_equal(find(&ix, name, token, inclusive), best);
            }
    nearest_free(&ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_before_else_after),
        cmocka_unit_test(test_inclusive),
        cmocka_unit_test(test_ties_go_to_the_first_added),
        cmocka_unit_test(test_as_the_loop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
