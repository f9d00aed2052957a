/* stored.c — read members of stored JSON data without jansson. See stored.h. */
#include "stored.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Deeper nesting is left to jansson (brief-index writes depth 3). */
#define STORED_MAX_DEPTH 32
/* Longer numbers are left to jansson, which refuses those that overflow. */
#define STORED_MAX_NUMBER 15
/* Room for a key compared with the keys asked for. */
#define STORED_MAX_KEY 64

typedef struct reader {
    const char *p, *end;
    int depth;
} reader;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static void skip_space(reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

/* The four hex digits at p (at least 4 bytes there) as a number, or -1. */
static long hex4(const char *p)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* The "\uXXXX" escape (and its low surrogate) after the backslash at *pp:
 * its code point, with *pp moved past it; -1 when it is not one jansson
 * accepts, or is U+0000. */
static long unicode_escape(const char **pp, const char *end)
{
    const char *p = *pp + 1;   /* past 'u' */
    if (end - p < 4)
        return -1;
    long cp = hex4(p);
    p += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
            return -1;
        long low = hex4(p + 2);
        if (low < 0xDC00 || low > 0xDFFF)
            return -1;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        p += 6;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return -1;
    }
    if (cp <= 0)
        return -1;
    *pp = p;
    return cp;
}

/* The string at r->p (a '"'): checked, moved past, its unescaped length in
 * *len and, when out is not NULL, its unescaped bytes and a NUL in out (room
 * for as many bytes as its text takes, plus one). 0, or -1 when it is not a
 * string jansson reads the same. */
static int read_string(reader *r, char *out, size_t *len)
{
    const char *p = r->p + 1;
    size_t n = 0;
    for (;;) {
        const char *run = p;
        while (p < r->end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
            p++;
        if (out)
            memcpy(out + n, run, (size_t)(p - run));
        n += (size_t)(p - run);
        if (p >= r->end || (unsigned char)*p < 0x20)
            return -1;
        if (*p == '"')
            break;
        if (++p >= r->end)
            return -1;
        char c;
        switch (*p) {
        case '"': c = '"'; break;
        case '\\': c = '\\'; break;
        case '/': c = '/'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u': {
            long cp = unicode_escape(&p, r->end);
            if (cp < 0)
                return -1;
            char buf[4];
            size_t k = utf8_encode(out ? out + n : buf, (unsigned long)cp);
            n += k;
            continue;
        }
        default: return -1;
        }
        if (out)
            out[n] = c;
        n++;
        p++;
    }
    if (out)
        out[n] = '\0';
    *len = n;
    r->p = p + 1;
    return 0;
}

static int skip_number(reader *r)
{
    const char *p = r->p, *end = r->end;
    if (p < end && *p == '-')
        p++;
    if (p < end && *p == '0')
        p++;
    else if (p < end && is_digit(*p))
        while (p < end && is_digit(*p))
            p++;
    else
        return -1;
    if (p < end && *p == '.') {
        if (++p >= end || !is_digit(*p))
            return -1;
        while (p < end && is_digit(*p))
            p++;
    }
    if ((p < end && (*p == 'e' || *p == 'E')) || p - r->p > STORED_MAX_NUMBER)
        return -1;
    r->p = p;
    return 0;
}

static int skip_literal(reader *r, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return -1;
    r->p += n;
    return 0;
}

/* Skip the ':' between a member's key and its value, with the space around
 * it. Returns 0, or -1 when there is none. */
static int skip_colon(reader *r)
{
    skip_space(r);
    if (r->p >= r->end || *r->p != ':')
        return -1;
    r->p++;
    skip_space(r);
    return 0;
}

static int skip_value(reader *r);

/* The object or array at r->p, skipped. */
static int skip_container(reader *r, int object)
{
    char close = object ? '}' : ']';
    size_t n;
    if (++r->depth > STORED_MAX_DEPTH)
        return -1;
    r->p++;
    skip_space(r);
    if (r->p < r->end && *r->p == close) {
        r->p++;
        r->depth--;
        return 0;
    }
    for (;;) {
        if (object) {
            if (r->p >= r->end || *r->p != '"' || read_string(r, NULL, &n) != 0)
                return -1;
            if (skip_colon(r) != 0)
                return -1;
        }
        if (skip_value(r) != 0)
            return -1;
        skip_space(r);
        if (r->p >= r->end)
            return -1;
        if (*r->p == close) {
            r->p++;
            r->depth--;
            return 0;
        }
        if (*r->p != ',')
            return -1;
        r->p++;
        skip_space(r);
    }
}

static int skip_value(reader *r)
{
    size_t n;
    if (r->p >= r->end)
        return -1;
    switch (*r->p) {
    case '{': return skip_container(r, 1);
    case '[': return skip_container(r, 0);
    case '"': return read_string(r, NULL, &n);
    case 't': return skip_literal(r, "true");
    case 'f': return skip_literal(r, "false");
    case 'n': return skip_literal(r, "null");
    default: return skip_number(r);
    }
}

/* The key at r->p (a '"'), read: its index among keys, nkeys for none. */
static int read_key(reader *r, const char *const keys[], size_t nkeys, size_t *which)
{
    const char *start = r->p;
    char key[STORED_MAX_KEY];
    size_t n;
    *which = nkeys;
    if (read_string(r, NULL, &n) != 0)
        return -1;
    if (n >= sizeof key)
        return 0;   /* longer than any key asked for */
    reader again = {start, r->end, 0};
    read_string(&again, key, &n);
    for (size_t i = 0; i < nkeys; i++)
        if (strcmp(key, keys[i]) == 0)
            *which = i;
    return 0;
}

/* The value at r->p of the member asked for as keys[which]. */
static int read_member(reader *r, char *values[], int found[], size_t which)
{
    if (found[which])
        return -1;   /* twice: jansson keeps the last; leave it to jansson */
    found[which] = 1;
    if (r->p >= r->end || *r->p != '"')
        return skip_value(r);
    size_t n;
    values[which] = malloc((size_t)(r->end - r->p) + 1);
    if (!values[which])
        return -1;
    return read_string(r, values[which], &n);
}

static int read_object(reader *r, const char *const keys[], size_t nkeys, char *values[],
                       int found[])
{
    skip_space(r);
    if (r->p >= r->end || *r->p != '{')
        return -1;
    r->p++;
    r->depth = 1;
    skip_space(r);
    if (r->p < r->end && *r->p == '}') {
        r->p++;
        return 0;
    }
    for (;;) {
        size_t which;
        if (r->p >= r->end || *r->p != '"' || read_key(r, keys, nkeys, &which) != 0)
            return -1;
        if (skip_colon(r) != 0)
            return -1;
        if ((which < nkeys ? read_member(r, values, found, which) : skip_value(r)) != 0)
            return -1;
        skip_space(r);
        if (r->p >= r->end)
            return -1;
        if (*r->p == '}') {
            r->p++;
            return 0;
        }
        if (*r->p != ',')
            return -1;
        r->p++;
        skip_space(r);
    }
}

int stored_members(const char *data, size_t len, const char *const keys[], size_t nkeys,
                   char *values[], int found[])
{
    for (size_t i = 0; i < nkeys; i++) {
        values[i] = NULL;
        found[i] = 0;
    }
    reader r = {data, data + len, 0};
    int status = utf8_validate(data, len) == len ? read_object(&r, keys, nkeys, values, found)
                                                 : -1;
    if (status == 0) {
        skip_space(&r);
        if (r.p != r.end)
            status = -1;
    }
    if (status != 0) {
        for (size_t i = 0; i < nkeys; i++) {
            free(values[i]);
            values[i] = NULL;
            found[i] = 0;
        }
    }
    return status;
}
