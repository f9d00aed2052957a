/* test_stored.c — reading members of stored JSON data without jansson
 * (query/stored.h): what it reads is what jansson reads; what it leaves to
 * jansson it refuses. */
#define _XOPEN_SOURCE 700 /* rand_r, strdup */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stored.h"

static const char *const keys[] = {"body", "id", "rank"};
#define NKEYS (sizeof keys / sizeof keys[0])

/* stored_members on text; returns its status, values and found into the
 * caller's arrays. */
static int scan(const char *text, size_t len, char *values[NKEYS], int found[NKEYS])
{
    return stored_members(text, len, keys, NKEYS, values, found);
}

static void free_values(char *values[NKEYS])
{
    for (size_t i = 0; i < NKEYS; i++)
        free(values[i]);
}

/* Whenever stored_members accepts text, jansson must read it to an object
 * with the same members: present or not, the same string. */
static void assert_agrees_with_jansson(const char *text, size_t len)
{
    char *values[NKEYS];
    int found[NKEYS];
    if (scan(text, len, values, found) != 0) {
        for (size_t i = 0; i < NKEYS; i++) {
            assert_null(values[i]);
            assert_int_equal(found[i], 0);
        }
        return;
    }
    json_t *o = json_loadb(text, len, 0, NULL);
    assert_non_null(o);
    assert_true(json_is_object(o));
    for (size_t i = 0; i < NKEYS; i++) {
        json_t *v = json_object_get(o, keys[i]);
        assert_int_equal(found[i], v != NULL);
        if (json_is_string(v)) {
            assert_non_null(values[i]);
            assert_int_equal(strlen(values[i]), json_string_length(v));
            assert_memory_equal(values[i], json_string_value(v), json_string_length(v));
        } else {
            assert_null(values[i]);
        }
    }
    json_decref(o);
    free_values(values);
}

static void test_members(void **state)
{
    (void)state;
    const char *text = "{\"id\":\"a-1\",\"title\":\"T\",\"n\":-12.5,\"people\":[{\"id\":\"x\","
                       "\"name\":\"X\"}],\"ok\":true,\"no\":null,\"body\":\"Line one\\nsaid "
                       "\\\"hi\\\" \\\\ \\/ caf\\u00e9 \\ud83d\\ude00 \xc3\xa9\\t.\"}";
    char *values[NKEYS];
    int found[NKEYS];
    assert_int_equal(scan(text, strlen(text), values, found), 0);
    assert_string_equal(values[0], "Line one\nsaid \"hi\" \\ / caf\xc3\xa9 \xf0\x9f\x98\x80 "
                                   "\xc3\xa9\t.");
    assert_string_equal(values[1], "a-1");
    assert_null(values[2]);
    assert_int_equal(found[0], 1);
    assert_int_equal(found[1], 1);
    assert_int_equal(found[2], 0);
    free_values(values);
    assert_agrees_with_jansson(text, strlen(text));

    /* Present but not a string; spaces where JSON allows them; empty. */
    const char *other = " { \"rank\" : 3 , \"body\" : [ ] , \"id\" : \"\" } \n";
    assert_int_equal(scan(other, strlen(other), values, found), 0);
    assert_null(values[0]);
    assert_string_equal(values[1], "");
    assert_null(values[2]);
    assert_int_equal(found[0] + found[1] + found[2], 3);
    free_values(values);
    assert_int_equal(scan("{}", 2, values, found), 0);
    assert_int_equal(found[0] + found[1] + found[2], 0);
}

static void test_refused(void **state)
{
    (void)state;
    static const char *const refused[] = {
        "",
        "[]",
        "\"body\"",
        "{\"body\":\"a\"} x",
        "{\"body\":\"a\",\"body\":\"b\"}",         /* twice: jansson keeps the last */
        "{\"body\":\"a\\u0000b\"}",                /* NUL */
        "{\"body\":\"\\ud800\"}",                  /* lone surrogate */
        "{\"body\":\"\\udc00\\ud800\"}",
        "{\"body\":\"\\x\"}",
        "{\"body\":\"\\u12\"}",
        "{\"body\":\"a\tb\"}",                      /* raw control character */
        "{\"n\":1e5}",                             /* exponent */
        "{\"n\":1234567890123456}",                /* 16 characters */
        "{\"n\":01}",
        "{\"n\":1.}",
        "{\"n\":-}",
        "{\"n\":tru}",
        "{\"body\":\"a\"",
        "{\"body\":\"a}",
        "{\"body\" \"a\"}",
        "{\"a\":1,}",
        "{\"a\":[1,]}",
        "{,}",
        "{\"body\":\"\xc3\"}",                      /* truncated UTF-8 */
        "{\"body\":\"\xed\xa0\x80\"}",              /* an encoded surrogate */
        "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", /* 33 deep */
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        char *values[NKEYS];
        int found[NKEYS];
        if (scan(refused[i], strlen(refused[i]), values, found) != -1)
            fail_msg("accepted: %s", refused[i]);
        for (size_t k = 0; k < NKEYS; k++)
            assert_null(values[k]);
    }
    /* 32 deep is read. */
    const char *deep = "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}";
    char *values[NKEYS];
    int found[NKEYS];
    assert_int_equal(scan(deep, strlen(deep), values, found), 0);
    /* A NUL byte inside the length given. */
    assert_int_equal(scan("{\"body\":\"a\0b\"}", 14, values, found), -1);
}

/* A pseudo-random string with quotes, backslashes, controls and non-ASCII. */
static char *random_text(unsigned *seed)
{
    static const char *const pieces[] = {"a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\x01",
                                         "\x1f", "\xc3\xa9", "\xe2\x80\xa8", "\xf0\x9f\x98\x80",
                                         "body", "}", "{", ",", ":", "[", "]", "\x7f"};
    size_t n = (size_t)(rand_r(seed) % 40);
    char *s = calloc(n * 4 + 1, 1);
    for (size_t i = 0; i < n; i++)
        strcat(s, pieces[rand_r(seed) % (sizeof pieces / sizeof pieces[0])]);
    return s;
}

/* Objects jansson writes (compact and indented, with and without
 * JSON_ENSURE_ASCII), and those texts cut short or with a byte changed:
 * whatever stored_members accepts, it reads as jansson does. */
static void test_agrees_with_jansson(void **state)
{
    (void)state;
    unsigned seed = 12345;
    static const size_t flags[] = {JSON_COMPACT, JSON_INDENT(2), JSON_COMPACT | JSON_ENSURE_ASCII,
                                   JSON_COMPACT | JSON_ESCAPE_SLASH};
    static const char bytes[] = {'"', '\\', '{', '}', ',', ':', 'u', '0', ' ', '\n', 'a', '\x80'};
    for (int round = 0; round < 400; round++) {
        json_t *o = json_object();
        char *body = random_text(&seed), *id = random_text(&seed);
        json_object_set_new(o, "id", json_string(id));
        json_object_set_new(o, "n", json_integer(rand_r(&seed) % 1000 - 500));
        json_object_set_new(o, "list", json_pack("[s,{s:s},b,n]", body, "x", id, round & 1));
        json_object_set_new(o, "body", json_string(body));
        if (round % 3 == 0)
            json_object_set_new(o, "rank", json_integer(round));
        free(body);
        free(id);
        char *text = json_dumps(o, flags[round % 4]);
        size_t len = strlen(text);
        char *values[NKEYS];
        int found[NKEYS];
        assert_int_equal(scan(text, len, values, found), 0);   /* all of these */
        free_values(values);
        assert_agrees_with_jansson(text, len);
        for (int cut = 0; cut < 8; cut++)
            assert_agrees_with_jansson(text, (size_t)rand_r(&seed) % (len + 1));
        for (int change = 0; change < 16; change++) {
            char *copy = strdup(text);
            copy[(size_t)rand_r(&seed) % len] = bytes[rand_r(&seed) % sizeof bytes];
            assert_agrees_with_jansson(copy, len);
            free(copy);
        }
        free(text);
        json_decref(o);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_members),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_agrees_with_jansson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
