/* test_cli.c — the command-line helpers both tools share (corpus/cli.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>

#include "cli.h"

static void test_counts(void **state)
{
    (void)state;
    unsigned n = 7;
    assert_int_equal(cli_parse_count("0", 10, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(cli_parse_count("10", 10, &n), 0);
    assert_int_equal(n, 10);
    assert_int_equal(cli_parse_count("4294967295", UINT_MAX, &n), 0);
    assert_int_equal(n, UINT_MAX);
    n = 7;
    /* Anything else leaves *out alone. */
    static const char *const bad[] = {"11", "", "-1", "+1", " 1", "1 ", "1k", "0x10",
                                      "99999999999999999999999", "4294967296"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unsigned max = i < 8 ? 10 : UINT_MAX;
        assert_int_equal(cli_parse_count(bad[i], max, &n), -1);
    }
    assert_int_equal(n, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
