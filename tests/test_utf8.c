/* test_utf8.c — UTF-8 validation, repair, control characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define VALID(s) assert_int_equal(utf8_validate(s, sizeof(s) - 1), sizeof(s) - 1)
#define INVALID_AT(s, at) assert_int_equal(utf8_validate(s, sizeof(s) - 1), at)

static void test_valid(void **state)
{
    (void)state;
    VALID("");
    VALID("plain ASCII, long enough to use the eight-byte path. 0123456789");
    VALID("caf\xC3\xA9");                    /* é */
    VALID("\xE2\x80\x9Cquoted\xE2\x80\x9D"); /* “ ” */
    VALID("\xE2\x82\xAC");                   /* € */
    VALID("\xF0\x9F\x98\x80");               /* U+1F600 */
    VALID("\xF4\x8F\xBF\xBF");               /* U+10FFFF, the last */
    VALID("\xED\x9F\xBF");                   /* U+D7FF, just below the surrogates */
    VALID("\xEE\x80\x80");                   /* U+E000, just above */
    VALID("\xC2\x80");                       /* U+0080, the first two-byte */
    VALID("\xE0\xA0\x80");                   /* U+0800, the first three-byte */
    VALID("\xF0\x90\x80\x80");               /* U+10000, the first four-byte */
    /* A NUL byte is valid UTF-8: lengths are given, not found. */
    assert_int_equal(utf8_validate("a\0b", 3), 3);
}

static void test_invalid(void **state)
{
    (void)state;
    INVALID_AT("abc\x80", 3);                /* lone continuation */
    INVALID_AT("\xC0\x80", 0);               /* overlong NUL */
    INVALID_AT("\xC1\xBF", 0);               /* overlong */
    INVALID_AT("\xE0\x80\x80", 0);           /* overlong three-byte */
    INVALID_AT("\xE0\x9F\xBF", 0);           /* overlong three-byte */
    INVALID_AT("\xF0\x80\x80\x80", 0);       /* overlong four-byte */
    INVALID_AT("\xF0\x8F\xBF\xBF", 0);       /* overlong four-byte */
    INVALID_AT("\xED\xA0\x80", 0);           /* U+D800, a surrogate */
    INVALID_AT("\xED\xBF\xBF", 0);           /* U+DFFF */
    INVALID_AT("\xF4\x90\x80\x80", 0);       /* U+110000 */
    INVALID_AT("\xF5\x80\x80\x80", 0);
    INVALID_AT("\xFF", 0);
    INVALID_AT("\xFE", 0);
    INVALID_AT("ok \xC3", 3);                /* truncated at the end */
    INVALID_AT("ok \xE2\x82", 3);
    INVALID_AT("ok \xF0\x9F\x98", 3);
    INVALID_AT("\xC3(", 0);                  /* continuation missing */
    INVALID_AT("0123456789abcdef\xFC tail", 16); /* latin-1 ü after the fast path */
    assert_int_equal(utf8_sequence_length("\xE2\x82\xAC", 2), 0); /* avail counts */
    assert_int_equal(utf8_sequence_length("\xE2\x82\xAC", 3), 3);
    assert_int_equal(utf8_sequence_length("a", 0), 0);
}

static void check_repair(const char *in, size_t len, const char *want, long want_repairs)
{
    char *out = NULL;
    size_t out_len = 0;
    long n = utf8_repair(in, len, &out, &out_len);
    assert_int_equal(n, want_repairs);
    assert_non_null(out);
    assert_int_equal(out_len, strlen(want));
    assert_string_equal(out, want);
    assert_int_equal(utf8_validate(out, out_len), out_len);
    free(out);
}

static void test_repair(void **state)
{
    (void)state;
    check_repair("valid \xC3\xA9", 8, "valid \xC3\xA9", 0);
    check_repair("", 0, "", 0);
    check_repair("caf\xE9", 4, "caf" UTF8_REPLACEMENT, 1);
    check_repair("\xFC\xFC\xFC", 3, UTF8_REPLACEMENT UTF8_REPLACEMENT UTF8_REPLACEMENT, 3);
    /* Each bad byte on its own: a truncated sequence gives one per byte. */
    check_repair("a\xE2\x82" "b", 4, "a" UTF8_REPLACEMENT UTF8_REPLACEMENT "b", 2);
    check_repair("\xC0\x80", 2, UTF8_REPLACEMENT UTF8_REPLACEMENT, 2);
    check_repair("\xED\xA0\x80x", 4, UTF8_REPLACEMENT UTF8_REPLACEMENT UTF8_REPLACEMENT "x", 3);
    /* Good sequences around bad bytes survive. */
    check_repair("\xC3\xA9\x80\xE2\x82\xAC", 6,
                 "\xC3\xA9" UTF8_REPLACEMENT "\xE2\x82\xAC", 1);
}

static void check_clean(const char *in, const char *want)
{
    char buf[256];
    size_t len = strlen(in);
    memcpy(buf, in, len + 1);
    size_t n = utf8_clean_controls(buf, len);
    assert_int_equal(n, strlen(want));
    assert_memory_equal(buf, want, n);
    assert_int_equal(buf[n], '\0');
}

static void test_clean_controls(void **state)
{
    (void)state;
    check_clean("nothing to do\n\tat all", "nothing to do\n\tat all");
    check_clean("crlf\r\nline\r\n", "crlf\nline\n");
    check_clean("old mac\rline", "old mac\nline");
    check_clean("a\r\r\nb", "a\n\nb");
    check_clean("page\fbreak\vtab", "page\nbreak\ntab");
    check_clean("\x02start\x03 end\x1b[0m\x7f", "start end[0m");
    check_clean("c1 \xC2\x85here\xC2\x9F", "c1 here");
    check_clean("nbsp\xC2\xA0kept \xC2\xA9", "nbsp\xC2\xA0kept \xC2\xA9");
    check_clean("", "");
    /* NUL is a control character too. */
    char nul[] = {'a', '\0', 'b'};
    assert_int_equal(utf8_clean_controls(nul, 3), 2);
    assert_memory_equal(nul, "ab", 2);
}

static void test_count_and_prefix(void **state)
{
    (void)state;
    const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z"; /* a é € 😀 z */
    size_t len = strlen(s);
    assert_int_equal(utf8_count(s, len), 5);
    assert_int_equal(utf8_count("", 0), 0);
    assert_int_equal(utf8_prefix(s, len, 0), 0);
    assert_int_equal(utf8_prefix(s, len, 1), 1);
    assert_int_equal(utf8_prefix(s, len, 2), 3);
    assert_int_equal(utf8_prefix(s, len, 3), 6);
    assert_int_equal(utf8_prefix(s, len, 4), 10);
    assert_int_equal(utf8_prefix(s, len, 5), len);
    assert_int_equal(utf8_prefix(s, len, 99), len);
}

/* Random bytes: repair always gives valid UTF-8 and never reads past the
 * end (run under ASan/valgrind with exact-size buffers). */
/* Each length class, at its edges; every encoding is one valid sequence. */
static void test_encode(void **state)
{
    (void)state;
    static const struct {
        unsigned long cp;
        const char *utf8;
    } cases[] = {
        {0x41, "A"},          {0x7F, "\x7f"},         {0x80, "\xc2\x80"},
        {0xE9, "\xc3\xa9"},   {0x7FF, "\xdf\xbf"},   {0x800, "\xe0\xa0\x80"},
        {0x20AC, "\xe2\x82\xac"}, {0xFFFF, "\xef\xbf\xbf"},
        {0x10000, "\xf0\x90\x80\x80"}, {0x1F600, "\xf0\x9f\x98\x80"},
        {0x10FFFF, "\xf4\x8f\xbf\xbf"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[4];
        size_t n = utf8_encode(out, cases[i].cp);
        assert_int_equal(n, strlen(cases[i].utf8));
        assert_memory_equal(out, cases[i].utf8, n);
        assert_int_equal(utf8_sequence_length(out, n), n);
    }
}

static void test_census(void **state)
{
    (void)state;
    size_t multi, bad;
    utf8_census("plain", 5, &multi, &bad);
    assert_int_equal(multi, 0);
    assert_int_equal(bad, 0);
    /* é, €, U+1F600; then Latin-1 é, a lone continuation byte, and a
     * truncated € (two bad bytes). */
    const char s[] = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 caf\xE9 \x80 \xE2\x82";
    utf8_census(s, sizeof s - 1, &multi, &bad);
    assert_int_equal(multi, 3);
    assert_int_equal(bad, 4);
}

/* Every byte against glibc's iconv, which knows Windows-1252 but stops at
 * the five bytes it leaves undefined: those are C1 controls here. */
static void test_from_cp1252(void **state)
{
    (void)state;
    iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
    assert_true(cd != (iconv_t)-1);
    for (unsigned c = 1; c < 256; c++) {
        char in[3] = {'a', (char)c, 'b'}, *out;
        size_t out_len;
        long n = utf8_from_cp1252(in, 3, &out, &out_len);
        assert_int_equal(n, c >= 0x80);
        assert_int_equal(utf8_validate(out, out_len), out_len);
        assert_int_equal(out[out_len], '\0');
        char want[16], *ip = in, *op = want;
        size_t il = 3, ol = sizeof want;
        iconv(cd, NULL, NULL, NULL, NULL);
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
            assert_true(c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D);
            op = want;
            *op++ = 'a';
            op += utf8_encode(op, c);
            *op++ = 'b';
        }
        assert_int_equal(out_len, (size_t)(op - want));
        assert_memory_equal(out, want, out_len);
        free(out);
    }
    iconv_close(cd);

    char *out;
    size_t out_len;
    assert_int_equal(utf8_from_cp1252("Z\xFCrich \x80", 8, &out, &out_len), 2);
    assert_string_equal(out, "Z\xC3\xBCrich \xE2\x82\xAC");
    assert_int_equal(out_len, 11);
    free(out);
    assert_int_equal(utf8_from_cp1252("", 0, &out, &out_len), 0);
    assert_string_equal(out, "");
    free(out);
}

static void test_random_bytes(void **state)
{
    (void)state;
    unsigned seed = 12345;
    for (int round = 0; round < 2000; round++) {
        size_t len = (size_t)(round % 40);
        unsigned char *in = malloc(len ? len : 1);
        assert_non_null(in);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            in[i] = (unsigned char)(seed >> 16);
            if (round % 3 == 0 && in[i] < 0x80)
                in[i] |= 0x80; /* mostly high bytes */
        }
        char *out;
        size_t out_len;
        long n = utf8_repair((const char *)in, len, &out, &out_len);
        assert_true(n >= 0);
        assert_int_equal(utf8_validate(out, out_len), out_len);
        assert_true(out_len >= len);
        out_len = utf8_clean_controls(out, out_len);
        assert_int_equal(utf8_validate(out, out_len), out_len);
        free(out);
        free(in);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_repair),
        cmocka_unit_test(test_clean_controls),
        cmocka_unit_test(test_count_and_prefix),
        cmocka_unit_test(test_encode),
        cmocka_unit_test(test_census),
        cmocka_unit_test(test_from_cp1252),
        cmocka_unit_test(test_random_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
