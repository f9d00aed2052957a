/* reader_jsonl.c — JSON Lines: one brief per line.
 *
 *   {"id": "cnn-1", "title": "…", "date": "2022-03-14", "source": "CNN",
 *    "url": "…", "body": "…", "people": ["Jake Sullivan"], "countries": "US, China"}
 *
 * The input is streamed: only one line is held at a time, and a line longer
 * than max_bytes is skipped without being kept.  Blank lines are ignored.
 * A line that is not a JSON object, or that has neither a title nor a body,
 * is reported as an error and skipped; the rest of the file is read.  A field
 * of the wrong type is ignored with a warning; null counts as absent.
 * "people", "countries" and "topics" are arrays of strings, or one string
 * split as in a plain brief's header (topics lower-cased).  Other string fields are kept as extra fields.
 * The ordinal of a brief is its line number.
 */
#include "reader_formats.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "brief_text.h"
#include "bytesize.h"
#include "dates.h"
#include "utf8.h"

/* Set *field to the cleaned, trimmed string value v (left NULL when it is
 * empty). collapse: white space collapsed to single spaces (titles, ids).
 * Return 0, or -1 when memory runs out. */
static int take_string(char **field, json_t *v, int collapse)
{
    size_t n = json_string_length(v);
    char *s = malloc(n + 1);
    if (!s)
        return -1;
    memcpy(s, json_string_value(v), n);
    s[n] = '\0';
    n = utf8_clean_controls(s, n);
    if (collapse) {
        char *c = brief_text_collapse_space(s, n);
        free(s);
        if (!c)
            return -1;
        s = c;
        n = strlen(s);
    } else {
        const char *t = s;
        brief_text_trim(&t, &n);
        memmove(s, t, n);
        s[n] = '\0';
    }
    if (n == 0) {
        free(s);
        return 0;
    }
    free(*field);
    *field = s;
    return 0;
}

/* How a list field's string is split into items. */
typedef enum list_kind { LIST_PEOPLE, LIST_COUNTRIES, LIST_TOPICS } list_kind;

/* Split s[0..n) into list as a plain brief's header does. */
static int split_into(brief_list *list, const char *s, size_t n, list_kind kind)
{
    switch (kind) {
    case LIST_PEOPLE: return brief_text_split_people(list, s, n);
    case LIST_TOPICS: return brief_text_split_topics(list, s, n);
    case LIST_COUNTRIES: break;
    }
    return brief_text_split_list(list, s, n, ",;");
}

/* Add the people, countries or topics of v (an array of strings or one
 * string). */
static int take_list(reader_ctx *r, long line, brief_list *list, const char *key, json_t *v,
                     list_kind kind)
{
    if (json_is_string(v)) {
        size_t n = json_string_length(v);
        char *s = malloc(n + 1);
        if (!s)
            return -1;
        memcpy(s, json_string_value(v), n);
        s[n] = '\0';
        n = utf8_clean_controls(s, n);
        int rc = split_into(list, s, n, kind);
        free(s);
        return rc;
    }
    if (!json_is_array(v)) {
        _reader_diag(r, READER_WARNING, line,
                     "field '%s' is not a string or an array of strings: ignored", key);
        return 0;
    }
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item)
    {
        if (!json_is_string(item)) {
            if (!json_is_null(item))
                _reader_diag(r, READER_WARNING, line, "item %zu of '%s' is not a string: ignored",
                             i + 1, key);
            continue;
        }
        /* One name per item: trimmed, never split (a topic lower-cased). */
        char *name = NULL;
        if (take_string(&name, item, 1) < 0)
            return -1;
        if (name && kind == LIST_TOPICS) {
            int rc = brief_text_add_topic(list, name, strlen(name));
            free(name);
            if (rc < 0)
                return -1;
            continue;
        }
        if (name && brief_list_add_new(list, name, strlen(name)) < 0) {
            free(name);
            return -1;
        }
        free(name);
    }
    return 0;
}

typedef enum json_field {
    F_OTHER,
    F_ID,
    F_TITLE,
    F_DATE,
    F_SOURCE,
    F_URL,
    F_BODY,
    F_PEOPLE,
    F_COUNTRIES,
    F_TOPICS
} json_field;

static json_field field_of(const char *key)
{
    static const struct {
        const char *name;
        json_field f;
    } fields[] = {{"id", F_ID},         {"title", F_TITLE},   {"date", F_DATE},
                  {"source", F_SOURCE}, {"url", F_URL},       {"body", F_BODY},
                  {"people", F_PEOPLE}, {"countries", F_COUNTRIES},
                  {"topics", F_TOPICS}};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (strcmp(key, fields[i].name) == 0)
            return fields[i].f;
    return F_OTHER;
}

/* Fill b from the object obj. Return 0, or -1 when memory runs out. */
static int fill_brief(reader_ctx *r, long line, brief *b, json_t *obj)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        json_field f = field_of(key);
        if (json_is_null(v))
            continue;
        if (f == F_PEOPLE || f == F_COUNTRIES || f == F_TOPICS) {
            brief_list *list = f == F_PEOPLE ? &b->people : f == F_TOPICS ? &b->topics : &b->countries;
            list_kind kind = f == F_PEOPLE ? LIST_PEOPLE : f == F_TOPICS ? LIST_TOPICS : LIST_COUNTRIES;
            if (take_list(r, line, list, key, v, kind) < 0)
                return -1;
            continue;
        }
        if (!json_is_string(v)) {
            if (f != F_OTHER)
                _reader_diag(r, READER_WARNING, line, "field '%s' is not a string: ignored",
                             key);
            continue;
        }
        int rc = 0;
        switch (f) {
        case F_ID:
            rc = take_string(&b->id, v, 1);
            break;
        case F_TITLE:
            rc = take_string(&b->title, v, 1);
            break;
        case F_SOURCE:
            rc = take_string(&b->source, v, 1);
            break;
        case F_URL:
            rc = take_string(&b->url, v, 1);
            break;
        case F_BODY:
            rc = take_string(&b->body, v, 0);
            break;
        case F_DATE: {
            char iso[DATE_ISO_SIZE];
            const char *s = json_string_value(v);
            size_t n = json_string_length(v);
            if (date_parse(s, n, iso) == 0)
                rc = brief_set(&b->date, iso, strlen(iso));
            else if (n)
                _reader_diag(r, READER_WARNING, line, "unparseable date '%.*s' ignored",
                             (int)utf8_prefix(s, n, 60), s);
            break;
        }
        default: {
            char *value = NULL;
            rc = take_string(&value, v, 1);
            if (rc == 0 && value)
                rc = brief_add_extra(b, key, value);
            free(value);
            break;
        }
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* Parse one non-blank line s[0..n) (s[n] writable) of in's buffer, whose
 * bytes after it are not consumed yet, and hand its brief on.  Once it is
 * parsed, a long line's buffer is given back (in's bytes move).
 * Return 0 to go on, 1 to stop, -1 when memory runs out (reported). */
static int read_line(reader_ctx *r, reader_input *in, long line, char *s, size_t n)
{
    char *owned;
    size_t owned_len;
    if (_reader_decode(r, line, "", s, n, &owned, &owned_len) < 0) {
        r->counts.failed++;
        return -1;
    }
    if (owned) {
        s = owned;
        n = owned_len;
    }
    json_error_t err;
    json_t *obj = json_loadb(s, n, 0, &err);
    free(owned);
    _reader_input_shrink(in);
    if (!obj) {
        _reader_diag(r, READER_ERROR, line, "malformed JSON: %s (column %d)", err.text,
                     err.column);
        r->counts.failed++;
        return 0;
    }
    if (!json_is_object(obj)) {
        _reader_diag(r, READER_ERROR, line, "not a JSON object");
        r->counts.failed++;
        json_decref(obj);
        return 0;
    }
    brief b;
    brief_init(&b);
    b.ordinal = line;
    int rc = fill_brief(r, line, &b, obj);
    json_decref(obj);
    if (rc < 0)
        goto oom;
    if (!b.title && !b.body) {
        _reader_diag(r, READER_ERROR, line, "neither title nor body");
        r->counts.failed++;
        brief_clear(&b);
        return 0;
    }
    if (!b.body && brief_set(&b.body, "", 0) < 0)
        goto oom;
    if (!b.title && !(b.title = brief_text_title(b.body, strlen(b.body))))
        goto oom;
    return _reader_emit(r, &b);
oom:
    brief_clear(&b);
    _reader_diag(r, READER_ERROR, line, "out of memory");
    r->counts.failed++;
    return -1;
}

/* How much to read next: what is left of a regular uncompressed file, and a
 * byte to see its end, when that is less than a chunk (a file of a few briefs
 * costs a buffer its size, not a chunk's: a fresh mapping each time for
 * allocators that map big blocks, as ASan's does), else a chunk. */
static size_t next_read(const reader_input *in)
{
    if (in->size < 0 || !gzdirect(in->gz))
        return READER_READ_CHUNK;
    long long done = (long long)gztell(in->gz);
    if (done < 0 || done > in->size || in->size - done >= (long long)READER_READ_CHUNK)
        return READER_READ_CHUNK;
    return (size_t)(in->size - done) + 1;
}

/* Report a line skipped for its size. */
static void report_long_line(reader_ctx *r, long line, unsigned long long bytes)
{
    char lim[32], got[32];
    bytesize_format(lim, sizeof lim, r->max_bytes);
    bytesize_format(got, sizeof got, bytes);
    _reader_diag(r, READER_SKIP, line, "line larger than %s (%s)", lim, got);
    r->counts.skipped++;
}

reader_status _reader_jsonl(reader_ctx *r, reader_input *in)
{
    long line = 0;
    int seen = 0;             /* a non-blank line was met */
    int skipping = 0;         /* inside a line too long to keep */
    unsigned long long skipped_bytes = 0;
    size_t scan = in->pos;    /* where to look for the next '\n' */
    if (!in->buf && _reader_input_fill(r, in, next_read(in)) < 0) {
        r->counts.failed++;
        return READER_FAILED;
    }
    for (;;) {
        char *start = in->buf + in->pos;
        char *nl = in->len > scan ? memchr(in->buf + scan, '\n', in->len - scan) : NULL;
        if (!nl && !in->eof) {
            size_t have = in->len - in->pos;
            if (have > r->max_bytes) {
                /* Too long: forget it, but count it. */
                skipping = 1;
                skipped_bytes += have;
                in->pos = in->len;
                have = 0;
            }
            /* Keep only the unfinished line, at the start of the buffer. */
            if (in->pos > 0) {
                memmove(in->buf, in->buf + in->pos, have);
                in->len = have;
                in->pos = 0;
            }
            scan = in->len;
            if (_reader_input_fill(r, in, next_read(in)) < 0) {
                r->counts.failed++;
                return READER_FAILED;
            }
            continue;
        }
        /* A whole line: [start, end). The last one may lack its '\n'. */
        char *end = nl ? nl : in->buf + in->len;
        if (!nl && start == end && !skipping)
            break;
        line++;
        size_t n = (size_t)(end - start);
        in->pos = nl ? (size_t)(nl - in->buf) + 1 : in->len;
        scan = in->pos;
        if (skipping || n > r->max_bytes) {
            seen = 1;
            report_long_line(r, line, skipped_bytes + n);
            skipping = 0;
            skipped_bytes = 0;
        } else {
            if (line == 1 && n >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
                start += 3;
                n -= 3;
            }
            while (n > 0 && brief_text_is_space((unsigned char)start[n - 1]))
                n--;
            size_t lead = 0;
            while (lead < n && brief_text_is_space((unsigned char)start[lead]))
                lead++;
            if (lead < n) {
                seen = 1;
                start[n] = '\0';
                int rc = read_line(r, in, line, start + lead, n - lead);
                scan = in->pos;   /* the buffer may have moved */
                if (rc < 0)
                    return READER_FAILED;
                if (rc > 0)
                    return READER_STOPPED;
            }
        }
        if (!nl)
            break;
    }
    if (!seen) {
        _reader_diag(r, READER_SKIP, 0, "empty file");
        r->counts.skipped++;
        return READER_SKIPPED;
    }
    return READER_OK;
}
