/* test_schema.c — the field table and term construction. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "schema.h"

static void test_every_field_is_named_once(void **state)
{
    (void)state;
    for (size_t i = 0; i < schema_field_count; i++) {
        assert_ptr_equal(schema_field_named(schema_fields[i].name), &schema_fields[i]);
        for (size_t j = i + 1; j < schema_field_count; j++) {
            assert_string_not_equal(schema_fields[i].name, schema_fields[j].name);
            /* Two fields with one prefix would read each other's terms. */
            if (schema_fields[i].prefix[0] || schema_fields[j].prefix[0])
                assert_string_not_equal(schema_fields[i].prefix, schema_fields[j].prefix);
        }
    }
    assert_null(schema_field_named("nonesuch"));
}

static void test_title_outweighs_body(void **state)
{
    (void)state;
    const schema_field *title = schema_field_named("title"), *body = schema_field_named("body");
    assert_non_null(title);
    assert_non_null(body);
    assert_int_equal(title->kind, SCHEMA_TEXT);
    assert_true(title->weight > body->weight);
    assert_string_equal(title->prefix, PREFIX_TITLE);
    assert_string_equal(schema_field_named("person")->prefix, PREFIX_PERSON);
    assert_string_equal(schema_field_named("country")->prefix, PREFIX_COUNTRY);
}

static void test_term_short(void **state)
{
    (void)state;
    char t[SCHEMA_MAX_TERM + 1];
    assert_int_equal(schema_term(t, sizeof t, "XC", "US", 1), 4);
    assert_string_equal(t, "XCus");
    schema_term(t, sizeof t, "Q", "CNN-2022", 0);
    assert_string_equal(t, "QCNN-2022");
}

static void test_term_long_is_hashed_and_distinct(void **state)
{
    (void)state;
    char a[600], b[600], ta[SCHEMA_MAX_TERM + 1], tb[SCHEMA_MAX_TERM + 1];
    memset(a, 'x', sizeof a - 1);
    a[sizeof a - 1] = '\0';
    memcpy(b, a, sizeof a);
    b[500] = 'y'; /* differs only past the cut */
    size_t la = schema_term(ta, sizeof ta, "XF", a, 0);
    size_t lb = schema_term(tb, sizeof tb, "XF", b, 0);
    assert_true(la <= SCHEMA_MAX_TERM);
    assert_int_equal(la, strlen(ta));
    assert_int_equal(lb, strlen(tb));
    assert_string_not_equal(ta, tb);
    assert_memory_equal(ta, "XFxxx", 5);
    /* The same value gives the same term every time. */
    char again[SCHEMA_MAX_TERM + 1];
    schema_term(again, sizeof again, "XF", a, 0);
    assert_string_equal(ta, again);
}

static void test_term_never_splits_utf8(void **state)
{
    (void)state;
    char v[400] = "";
    while (strlen(v) < 380)
        strcat(v, "\xc3\xa9"); /* é */
    char t[SCHEMA_MAX_TERM + 1];
    schema_term(t, sizeof t, "S", v, 0);
    char *hash = strchr(t, '#');
    assert_non_null(hash);
    /* Everything before the hash is whole two-byte sequences after "S". */
    assert_int_equal((hash - t - 1) % 2, 0);
}

static void test_term_small_buffer(void **state)
{
    (void)state;
    char t[8];
    size_t n = schema_term(t, sizeof t, "XP", "jake-sullivan", 0);
    assert_int_equal(n, strlen(t));
    assert_true(n < sizeof t);
    assert_int_equal(schema_term(t, 0, "XP", "x", 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_field_is_named_once),
        cmocka_unit_test(test_title_outweighs_body),
        cmocka_unit_test(test_term_short),
        cmocka_unit_test(test_term_long_is_hashed_and_distinct),
        cmocka_unit_test(test_term_never_splits_utf8),
        cmocka_unit_test(test_term_small_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
