/* utf8.c — UTF-8 validation and repair, control characters. */
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t utf8_sequence_length(const char *s, size_t avail)
{
    const unsigned char *p = (const unsigned char *)s;
    if (avail == 0)
        return 0;
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2) /* continuation byte, or overlong two-byte lead C0/C1 */
        return 0;
    if (c < 0xE0) {
        if (avail < 2 || (p[1] & 0xC0) != 0x80)
            return 0;
        return 2;
    }
    if (c < 0xF0) {
        if (avail < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && p[1] < 0xA0) /* overlong */
            return 0;
        if (c == 0xED && p[1] >= 0xA0) /* surrogate */
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (avail < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
            (p[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && p[1] < 0x90) /* overlong */
            return 0;
        if (c == 0xF4 && p[1] >= 0x90) /* above U+10FFFF */
            return 0;
        return 4;
    }
    return 0;
}

/* Skip the ASCII bytes at the start of p[0..len), eight at a time. */
static size_t ascii_run(const unsigned char *p, size_t len)
{
    size_t i = 0;
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w & UINT64_C(0x8080808080808080))
            break;
        i += 8;
    }
    while (i < len && p[i] < 0x80)
        i++;
    return i;
}

size_t utf8_validate(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        i += ascii_run(p + i, len - i);
        if (i >= len)
            break;
        size_t n = utf8_sequence_length(s + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

long utf8_repair(const char *s, size_t len, char **out, size_t *out_len)
{
    size_t first = utf8_validate(s, len);
    /* Each bad byte grows by two at most. */
    size_t bad_max = len - first;
    if (bad_max > (SIZE_MAX - len - 1) / 2) {
        *out = NULL;
        return -1;
    }
    char *buf = malloc(len + 2 * bad_max + 1);
    if (!buf) {
        *out = NULL;
        return -1;
    }
    memcpy(buf, s, first);
    size_t o = first, i = first;
    long repairs = 0;
    while (i < len) {
        size_t n = utf8_sequence_length(s + i, len - i);
        if (n == 0) {
            memcpy(buf + o, UTF8_REPLACEMENT, 3);
            o += 3;
            i++;
            repairs++;
        } else {
            /* Copy the valid run up to the next bad byte in one go. */
            size_t run = utf8_validate(s + i, len - i);
            memcpy(buf + o, s + i, run);
            o += run;
            i += run;
        }
    }
    buf[o] = '\0';
    *out = buf;
    if (out_len)
        *out_len = o;
    return repairs;
}

void utf8_census(const char *s, size_t len, size_t *multibyte, size_t *invalid)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    *multibyte = *invalid = 0;
    while (i < len) {
        i += ascii_run(p + i, len - i);
        if (i >= len)
            break;
        size_t n = utf8_sequence_length(s + i, len - i);
        if (n == 0) {
            ++*invalid;
            i++;
        } else {
            ++*multibyte;
            i += n;
        }
    }
}

/* Windows-1252's 0x80..0x9F; 0xA0..0xFF are U+00A0..U+00FF. A table and not
 * iconv(3): glibc's CP1252 converter stops at the five undefined bytes
 * (EILSEQ), which we decode as the Encoding Standard does, and the table is
 * all there is to it. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static unsigned long cp1252_code_point(unsigned char c)
{
    return c < 0x80 ? c : c < 0xA0 ? cp1252_high[c - 0x80] : c;
}

long utf8_from_cp1252(const char *s, size_t len, char **out, size_t *out_len)
{
    const unsigned char *p = (const unsigned char *)s;
    /* The exact size first: a file of 16 MiB is not given 48. */
    if (len > (SIZE_MAX - 1) / 3) {
        *out = NULL;
        return -1;
    }
    size_t size = len + 1;
    for (size_t i = 0; i < len; i++)
        if (p[i] >= 0x80)
            size += cp1252_code_point(p[i]) < 0x800 ? 1 : 2;
    char *buf = malloc(size);
    if (!buf) {
        *out = NULL;
        return -1;
    }
    size_t o = 0, i = 0;
    long high = 0;
    while (i < len) {
        size_t run = ascii_run(p + i, len - i);
        memcpy(buf + o, s + i, run);
        o += run;
        i += run;
        if (i >= len)
            break;
        o += utf8_encode(buf + o, cp1252_code_point(p[i++]));
        high++;
    }
    buf[o] = '\0';
    *out = buf;
    if (out_len)
        *out_len = o;
    return high;
}

/* Bytes that utf8_clean_controls() must look at: C0 controls but '\t' and
 * '\n', DEL, and 0xC2 (the lead byte of the C1 controls). */
static int needs_cleaning(unsigned char c)
{
    return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F || c == 0xC2;
}

size_t utf8_clean_controls(char *s, size_t len)
{
    unsigned char *p = (unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < len) {
        /* A run of bytes that stay as they are: moved only once something
         * before them has been removed. */
        size_t run = i;
        while (run < len && !needs_cleaning(p[run]))
            run++;
        if (o != i)
            memmove(p + o, p + i, run - i);
        o += run - i;
        i = run;
        if (i >= len)
            break;
        unsigned char c = p[i];
        if (c == '\r') {
            p[o++] = '\n';
            i += (i + 1 < len && p[i + 1] == '\n') ? 2 : 1;
        } else if (c == '\v' || c == '\f') {
            p[o++] = '\n';
            i++;
        } else if (c == 0xC2) {
            if (i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) {
                i += 2; /* C1 control: dropped */
            } else {
                p[o++] = c;
                i++;
            }
        } else {
            i++; /* any other C0 control, or DEL: dropped */
        }
    }
    if (o < len)
        p[o] = '\0';
    return o;
}

size_t utf8_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

size_t utf8_prefix(const char *s, size_t len, size_t max_chars)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (chars == max_chars)
                return i;
            chars++;
        }
    }
    return len;
}

size_t utf8_encode(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}
