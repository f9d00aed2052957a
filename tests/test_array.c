/* test_array.c — growing arrays (corpus/array.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "array.h"

static void test_grow(void **state)
{
    (void)state;
    int *v = NULL;
    size_t cap = 0;
    assert_int_equal(array_grow((void **)&v, &cap, 0, sizeof *v), 0);
    assert_null(v);   /* nothing needed: nothing allocated */
    for (size_t n = 1; n <= 100; n++) {
        assert_int_equal(array_grow((void **)&v, &cap, n, sizeof *v), 0);
        assert_true(cap >= n);
        v[n - 1] = (int)n;   /* the room is there (ASan, valgrind) */
    }
    for (size_t i = 0; i < 100; i++)
        assert_int_equal(v[i], (int)i + 1);   /* kept while growing */
    size_t before = cap;
    assert_int_equal(array_grow((void **)&v, &cap, 1000, sizeof *v), 0);
    assert_true(cap >= 1000 && cap > before);
    assert_int_equal(v[99], 100);
    free(v);
}

/* A need whose size in bytes cannot be counted in a size_t is refused, the
 * array left as it was: the doubling must not wrap to a small allocation
 * that the caller would then overrun. */
static void test_grow_overflow(void **state)
{
    (void)state;
    double *v = NULL;
    size_t cap = 0;
    assert_int_equal(array_grow((void **)&v, &cap, 4, sizeof *v), 0);
    double *before = v;
    assert_int_equal(array_grow((void **)&v, &cap, SIZE_MAX / 4, sizeof *v), -1);
    assert_ptr_equal(v, before);
    assert_int_equal(cap, 8);
    assert_int_equal(array_grow((void **)&v, &cap, SIZE_MAX / 2 / sizeof *v + 1, sizeof *v), -1);
    assert_int_equal(cap, 8);
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grow),
        cmocka_unit_test(test_grow_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
