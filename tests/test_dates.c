/* test_dates.c — header and command-line dates into ISO 8601. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

/* Parse s from an exact-size heap copy (no NUL after it), so that reading
 * past the end shows under ASan and valgrind. */
static int parse(const char *s, char out[DATE_ISO_SIZE])
{
    size_t len = strlen(s);
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, s, len);
    int rc = date_parse(copy, len, out);
    free(copy);
    return rc;
}

static void ok(const char *s, const char *want)
{
    char out[DATE_ISO_SIZE] = "";
    if (parse(s, out) != 0)
        fail_msg("date_parse refused \"%s\"", s);
    assert_string_equal(out, want);
}

static void bad(const char *s)
{
    char out[DATE_ISO_SIZE] = "untouched";
    if (parse(s, out) == 0)
        fail_msg("date_parse accepted \"%s\" as %s", s, out);
    assert_string_equal(out, "untouched");
}

static void arg_ok(const char *s, int upper, const char *want)
{
    char out[DATE_ISO_SIZE] = "";
    if (date_parse_arg(s, upper, out) != 0)
        fail_msg("date_parse_arg refused \"%s\"", s);
    assert_string_equal(out, want);
}

static void arg_bad(const char *s)
{
    char out[DATE_ISO_SIZE] = "untouched";
    if (date_parse_arg(s, 0, out) == 0)
        fail_msg("date_parse_arg accepted \"%s\" as %s", s, out);
    assert_string_equal(out, "untouched");
}

static void test_iso(void **state)
{
    (void)state;
    ok("2022-03-14", "2022-03-14");
    ok("  2022-03-14  ", "2022-03-14");
    ok("2022-03-14T09:30:00Z", "2022-03-14");
    ok("2022-03-14T09:30:00+01:00", "2022-03-14");
    ok("2022-03-14 09:30", "2022-03-14");
    ok("2022-3-4", "2022-03-04");
    ok("2022/03/14", "2022-03-14");
    ok("20220314", "2022-03-14");
    bad("2022-03");
    bad("2022");
    bad("22-03-14");
    bad("2022-03-14x");
    bad("12022-03-14");
    bad("202203140");
    bad("2022-003-14");
    bad("2022-03/14");
}

static void test_day_month_year(void **state)
{
    (void)state;
    ok("14 March 2022", "2022-03-14");
    ok("14 march 2022", "2022-03-14");
    ok("14 MARCH 2022", "2022-03-14");
    ok("4 Mar 2022", "2022-03-04");
    ok("14-MAR-2022", "2022-03-14");
    ok("14th March 2022", "2022-03-14");
    ok("1st Sept 2022", "2022-09-01");
    ok("14 Mar. 2022", "2022-03-14");
    ok("14 March, 2022", "2022-03-14");
    ok("14.Mar.2022", "2022-03-14");
    ok("31 December 1999", "1999-12-31");
    ok("1 may 2022", "2022-05-01");
    bad("14 Marc 2022");
    bad("14 Marchy 2022");
    bad("14 2022");
    bad("14 March 22");
    bad("14 March2022");
    bad("114 March 2022");
}

static void test_month_day_year(void **state)
{
    (void)state;
    ok("March 14, 2022", "2022-03-14");
    ok("Mar 14 2022", "2022-03-14");
    ok("mar 14 2022", "2022-03-14");
    ok("Mar. 14, 2022", "2022-03-14");
    ok("September 1st, 2022", "2022-09-01");
    ok("Sept 1, 2022", "2022-09-01");
    ok("Dec 25 2022 10:00", "2022-12-25");
    bad("March 2022");
    bad("March 14");
    bad("Mars 14, 2022");
    bad("March , 2022");
}

static void test_rfc2822_and_reuters(void **state)
{
    (void)state;
    ok("Mon, 14 Mar 2022 09:30:00 +0000", "2022-03-14");
    ok("Monday, 14 March 2022", "2022-03-14");
    ok("Tue 15 Mar 2022 09:30:00 GMT", "2022-03-15");
    ok("Thurs, March 17, 2022", "2022-03-17");
    ok("26-FEB-1987 15:01:01.79", "1987-02-26");
    ok(" 3-APR-1987 07:09:06.48", "1987-04-03");
    ok("27-MAR-1987 00:03:35.68&#5;&#5;&#5;F", "1987-03-27");
    ok("27-MAR-1987 00:03:35.68\x05\x05\x05" "F", "1987-03-27");
    ok("9-APR-1987 00:00:00.00    # date added by hand", "1987-04-09");
    bad("Mon, 14 Foo 2022");
    bad("Funday 14 Mar 2022");
}

static void test_calendar(void **state)
{
    (void)state;
    ok("2024-02-29", "2024-02-29"); /* leap year */
    ok("2000-02-29", "2000-02-29"); /* divisible by 400 */
    bad("2023-02-29");
    bad("1900-02-29"); /* divisible by 100 */
    bad("2100-02-29");
    bad("30 February 2024");
    bad("2022-04-31");
    bad("31 Jun 2022");
    bad("2022-13-01");
    bad("2022-00-10");
    bad("2022-01-00");
    bad("0 March 2022");
    bad("0000-01-01");
    ok("0001-01-01", "0001-01-01");
    ok("9999-12-31", "9999-12-31");
    assert_int_equal(date_valid(2024, 2, 29), 1);
    assert_int_equal(date_valid(2023, 2, 29), 0);
    assert_int_equal(date_valid(2022, 12, 31), 1);
    assert_int_equal(date_valid(2022, 12, 32), 0);
    assert_int_equal(date_valid(10000, 1, 1), 0);
}

static void test_nonsense(void **state)
{
    (void)state;
    bad("");
    bad("   ");
    bad("tomorrow");
    bad("03/14/2022"); /* ambiguous orders are refused */
    bad("14/03/2022");
    bad("-2022-03-14");
    bad("-03-14");
    char out[DATE_ISO_SIZE];
    assert_int_equal(date_parse(NULL, 0, out), -1);
    assert_int_equal(date_parse("2022-03-14", 0, out), -1); /* len is obeyed */
    assert_int_equal(date_parse("2022-03-14", 8, out), -1);
    assert_int_equal(date_parse("14 Mar 2022", 6, out), -1);
}

static void test_arg(void **state)
{
    (void)state;
    arg_ok("2022-03-14", 0, "2022-03-14");
    arg_ok("14 March 2022", 1, "2022-03-14");
    arg_ok("Mar 14, 2022", 0, "2022-03-14");
    arg_ok("2022-03-14T09:30:00Z", 0, "2022-03-14");
    arg_ok("2022-03-14 09:30", 0, "2022-03-14");
    arg_ok("2022-03-14T09:30:00.123+01:00", 0, "2022-03-14");
    arg_ok("Mon, 14 Mar 2022 09:30:00 +0000", 0, "2022-03-14");
    arg_ok("14 Mar 2022 09:30 EST", 0, "2022-03-14");
    /* Partial dates: first or last day. */
    arg_ok("2022-03", 0, "2022-03-01");
    arg_ok("2022-03", 1, "2022-03-31");
    arg_ok("2024-02", 1, "2024-02-29");
    arg_ok("2023-02", 1, "2023-02-28");
    arg_ok("2022", 0, "2022-01-01");
    arg_ok("2022", 1, "2022-12-31");
    arg_ok(" 2022 ", 1, "2022-12-31");
    arg_bad("2022-03-14 junk");
    arg_bad("26-FEB-1987 15:01:01.79&#5;&#5;&#5;F");
    arg_bad("2022-03-14 25:00");
    arg_bad("2022-03-14 09:61");
    arg_bad("2022-13");
    arg_bad("2022-03-");
    arg_bad("2022-02-30");
    arg_bad("");
    arg_bad("yesterday");
    char out[DATE_ISO_SIZE];
    assert_int_equal(date_parse_arg(NULL, 0, out), -1);
}

/* Every prefix of many valid dates, and random bytes: no crash, no read past
 * the end, and anything accepted is a valid date. */
static void test_never_crashes(void **state)
{
    (void)state;
    static const char *const seeds[] = {
        "Mon, 14 Mar 2022 09:30:00 +0000", "26-FEB-1987 15:01:01.79&#5;&#5;&#5;F",
        "September 1st, 2022",             "2022-03-14T09:30:00Z",
        "14th March, 2022",                "20220314",
    };
    char out[DATE_ISO_SIZE];
    for (size_t k = 0; k < sizeof seeds / sizeof *seeds; k++) {
        size_t len = strlen(seeds[k]);
        for (size_t n = 0; n <= len; n++) {
            char *copy = malloc(n ? n : 1);
            assert_non_null(copy);
            memcpy(copy, seeds[k], n);
            if (date_parse(copy, n, out) == 0)
                assert_int_equal(strlen(out), 10);
            free(copy);
        }
    }
    unsigned seed = 42;
    static const char alphabet[] = "0123456789-/.,: TZ+MarchFebSeptMonthstnd\x05\xFF";
    for (int round = 0; round < 20000; round++) {
        size_t n = (size_t)(round % 24);
        char *s = malloc(n + 1);
        assert_non_null(s);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            s[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        if (date_parse(s, n, out) == 0) {
            int y = atoi(out), m = atoi(out + 5), d = atoi(out + 8);
            assert_true(date_valid(y, m, d));
        }
        s[n] = '\0';
        if (date_parse_arg(s, round & 1, out) == 0)
            assert_int_equal(strlen(out), 10);
        free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso),
        cmocka_unit_test(test_day_month_year),
        cmocka_unit_test(test_month_day_year),
        cmocka_unit_test(test_rfc2822_and_reuters),
        cmocka_unit_test(test_calendar),
        cmocka_unit_test(test_nonsense),
        cmocka_unit_test(test_arg),
        cmocka_unit_test(test_never_crashes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
