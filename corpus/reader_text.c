/* reader_text.c — the plain brief: an optional header, then the body.
 *
 *   Title: US warns China over support for Russia
 *   Date: 2022-03-14
 *   People: Jake Sullivan; Yang Jiechi
 *
 *   The US has conveyed directly to China ...
 *
 * The header is the run of "Key: value" lines at the top of the file, ended
 * by a blank line (or by the end of the file).  It counts as a header only
 * when every one of those lines is a "Key: value" line and at least one key
 * is known (title, date, source, people, countries, topics or tags, id, url);
 * otherwise the
 * whole file is the body.  Keys are letters, digits, '-' and ' ' (up to 30,
 * starting with a letter), in any case.  Known keys fill the record (the
 * first of a repeated key wins, except People, Countries and Topics or Tags,
 * which add up; topics are lower-cased, brief_text_split_topics);
 * unknown keys are kept as extra fields.
 *
 * Without a Title, the title comes from the body (brief_text_title).
 * A file with a header and no body is a title-only brief when it has a
 * Title, and is skipped otherwise ("no title and no body").
 */
#include "reader_formats.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "brief_text.h"
#include "dates.h"
#include "utf8.h"

#define KEY_MAX 30

static int is_alpha(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* ===== the header ===== */

typedef enum header_key {
    KEY_UNKNOWN,
    KEY_TITLE,
    KEY_DATE,
    KEY_SOURCE,
    KEY_PEOPLE,
    KEY_COUNTRIES,
    KEY_TOPICS,
    KEY_ID,
    KEY_URL
} header_key;

static const struct {
    const char *name;
    header_key key;
} known_keys[] = {
    {"title", KEY_TITLE},         {"date", KEY_DATE}, {"source", KEY_SOURCE},
    {"people", KEY_PEOPLE},       {"countries", KEY_COUNTRIES},
    {"topics", KEY_TOPICS},       {"tags", KEY_TOPICS},
    {"id", KEY_ID},               {"url", KEY_URL},
};

static header_key key_of(const char *k, size_t n)
{
    for (size_t i = 0; i < sizeof known_keys / sizeof *known_keys; i++)
        if (strlen(known_keys[i].name) == n && strncasecmp(k, known_keys[i].name, n) == 0)
            return known_keys[i].key;
    return KEY_UNKNOWN;
}

/* A "Key: value" line [s, s+n): set the key (trimmed) and the value (trimmed)
 * and return 1, or return 0 when the line is not one. */
static int split_header_line(const char *s, size_t n, const char **key, size_t *key_len,
                             const char **value, size_t *value_len)
{
    if (n == 0 || !is_alpha((unsigned char)s[0]))
        return 0;
    size_t i = 1;
    while (i < n && i <= KEY_MAX &&
           (is_alpha((unsigned char)s[i]) || is_digit((unsigned char)s[i]) || s[i] == '-' ||
            s[i] == ' '))
        i++;
    if (i >= n || s[i] != ':')
        return 0;
    size_t kn = i;
    while (kn > 0 && s[kn - 1] == ' ')
        kn--;
    *key = s;
    *key_len = kn;
    *value = s + i + 1;
    *value_len = n - i - 1;
    brief_text_trim(value, value_len);
    return 1;
}

/* Is [s, s+n) empty or white space only? */
static int blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!brief_text_is_space((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Find the header at the top of text[0..len): return 1 and set [*hs, *he) to
 * its lines and *body to where the body starts, or return 0 (no header). */
static int find_header(const char *text, size_t len, const char **hs, const char **he,
                       const char **body)
{
    const char *p = text, *end = text + len;
    /* Leading blank lines are not part of anything. */
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *stop = eol ? eol : end;
        if (!blank_line(p, (size_t)(stop - p)))
            break;
        p = eol ? eol + 1 : end;
    }
    *hs = p;
    int known = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *stop = eol ? eol : end;
        size_t n = (size_t)(stop - p);
        if (blank_line(p, n)) {
            *he = p;
            *body = eol ? eol + 1 : end;
            return known;
        }
        const char *k, *v;
        size_t kn, vn;
        if (!split_header_line(p, n, &k, &kn, &v, &vn))
            return 0;
        if (key_of(k, kn) != KEY_UNKNOWN)
            known = 1;
        p = eol ? eol + 1 : end;
    }
    *he = end;
    *body = end;
    return known;
}

/* Quote a value in a diagnostic: at most 60 bytes, cut on a character. */
static int quoted_len(const char *v, size_t n)
{
    return (int)utf8_prefix(v, n > 60 ? 60 : n, 60);
}

/* Fill b from the header lines [hs, he). Return 0, or -1 when memory runs out. */
static int apply_header(reader_ctx *r, brief *b, const char *hs, const char *he)
{
    const char *p = hs;
    while (p < he) {
        const char *eol = memchr(p, '\n', (size_t)(he - p));
        const char *stop = eol ? eol : he;
        const char *k, *v;
        size_t kn, vn;
        int is_field = split_header_line(p, (size_t)(stop - p), &k, &kn, &v, &vn);
        p = eol ? eol + 1 : he;
        if (!is_field)
            continue; /* cannot happen: find_header() checked every line */
        header_key key = key_of(k, kn);
        char **field = NULL;
        switch (key) {
        case KEY_TITLE:
            field = &b->title;
            break;
        case KEY_SOURCE:
            field = &b->source;
            break;
        case KEY_ID:
            field = &b->id;
            break;
        case KEY_URL:
            field = &b->url;
            break;
        case KEY_DATE:
            field = &b->date;
            break;
        case KEY_PEOPLE:
            if (brief_text_split_people(&b->people, v, vn) < 0)
                return -1;
            continue;
        case KEY_COUNTRIES:
            if (brief_text_split_list(&b->countries, v, vn, ",;") < 0)
                return -1;
            continue;
        case KEY_TOPICS:
            if (brief_text_split_topics(&b->topics, v, vn) < 0)
                return -1;
            continue;
        case KEY_UNKNOWN: {
            char key_buf[KEY_MAX + 2];
            memcpy(key_buf, k, kn);
            key_buf[kn] = '\0';
            char *value = strndup(v, vn);
            if (!value || brief_add_extra(b, key_buf, value) < 0) {
                free(value);
                return -1;
            }
            free(value);
            continue;
        }
        }
        if (vn == 0)
            continue; /* "Title:" with nothing: as if absent */
        if (*field) {
            _reader_diag(r, READER_WARNING, 0, "header '%.*s' repeated: the first one is kept",
                         (int)kn, k);
            continue;
        }
        if (key == KEY_DATE) {
            char iso[DATE_ISO_SIZE];
            if (date_parse(v, vn, iso) < 0) {
                _reader_diag(r, READER_WARNING, 0, "unparseable date '%.*s' ignored",
                             quoted_len(v, vn), v);
                continue;
            }
            if (brief_set(field, iso, strlen(iso)) < 0)
                return -1;
        } else if (key == KEY_TITLE) {
            if (!(*field = brief_text_collapse_space(v, vn)))
                return -1;
        } else if (brief_set(field, v, vn) < 0) {
            return -1;
        }
    }
    return 0;
}

/* ===== the plain brief ===== */

static reader_status skip_file(reader_ctx *r, const char *why)
{
    _reader_diag(r, READER_SKIP, 0, "%s", why);
    r->counts.skipped++;
    return READER_SKIPPED;
}

static reader_status out_of_memory(reader_ctx *r)
{
    _reader_diag(r, READER_ERROR, 0, "out of memory");
    r->counts.failed++;
    return READER_FAILED;
}

reader_status _reader_text(reader_ctx *r, char *buf, size_t len)
{
    if (blank_line(buf, len))
        return skip_file(r, "empty file");
    const char *nul = memchr(buf, '\0', len);
    if (nul) {
        _reader_diag(r, READER_SKIP, 0, "binary file (NUL byte at offset %zu)",
                     (size_t)(nul - buf));
        r->counts.skipped++;
        return READER_SKIPPED;
    }
    char *text = buf, *owned;
    size_t tlen = len;
    if (_reader_clean_text(r, 0, "", &text, &tlen, &owned) < 0) {
        r->counts.failed++;
        return READER_FAILED;
    }
    if (tlen >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        tlen -= 3;
    }
    reader_status status = READER_OK;
    brief b;
    brief_init(&b);
    if (blank_line(text, tlen)) {
        status = skip_file(r, "empty file");
        goto done;
    }
    const char *hs = NULL, *he = NULL, *body = text;
    int has_header = find_header(text, tlen, &hs, &he, &body);
    if (!has_header)
        body = text;
    else if (apply_header(r, &b, hs, he) < 0)
        goto oom;
    size_t blen = tlen - (size_t)(body - text);
    brief_text_trim(&body, &blen);
    if (brief_set(&b.body, body, blen) < 0)
        goto oom;
    b.body_len = blen;
    if (!b.title && !(b.title = brief_text_title(body, blen)))
        goto oom;
    if (!*b.title) {
        status = skip_file(r, "no title and no body");
        goto done;
    }
    if (_reader_emit(r, &b))
        status = READER_STOPPED;
done:
    brief_clear(&b);
    free(owned);
    return status;
oom:
    status = out_of_memory(r);
    goto done;
}
