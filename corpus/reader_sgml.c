/* reader_sgml.c — Reuters-21578 SGML: one brief per <REUTERS> story.
 *
 * One pass over the file held in memory: memchr() from tag to tag (the
 * collection escapes '<' in text as "&lt;", so every '<' opens a tag), then
 * each story is decoded into a brief:
 *   id        "reuters-NEWID"
 *   title     <TITLE>, entities decoded, white space collapsed, case kept
 *   date      <DATE>, whatever follows the time ignored
 *   body      TYPE NORM:   <DATELINE> (trimmed) + " " + <BODY>
 *             TYPE BRIEF:  "" (the text is only "Blah blah blah.")
 *             TYPE UNPROC: the whole <TEXT>, tags removed; title by the title rule
 *             entities decoded (&lt; &gt; &amp; &#N;), control characters dropped
 *             (but '\n' and '\t'), the closing "Reuter" signature removed
 *   gold      <PLACES> and <PEOPLE> <D> items, into gold_places and gold_people
 *   topics    <TOPICS> <D> items ("crude", "ship"), the story's own topics,
 *             lower-cased as every reader's
 *   source    "Reuters"
 * A story holding invalid UTF-8 (reut2-017.sgm has a byte 0xFC) is repaired,
 * with a warning that names it.  The ordinal of a brief is its story number
 * in the file.
 */
#define _GNU_SOURCE /* memmem */
#include "reader_formats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "brief_text.h"
#include "bytesize.h"
#include "dates.h"
#include "utf8.h"

/* A piece of the file. n is 0 until the closing tag is seen. */
typedef struct span {
    const char *s;
    size_t n;
    int closed;
} span;

typedef enum text_type { TEXT_NORM, TEXT_BRIEF, TEXT_UNPROC } text_type;

/* The parts of one story, pointing into the file. */
typedef struct story {
    span attrs; /* inside <REUTERS …> */
    span date, places, people, topics, text, title, dateline, body;
    text_type type;
} story;

/* A growable output buffer, reused from story to story: s[0..len) and a NUL,
 * in cap bytes. */
typedef struct strbuf {
    char *s;
    size_t len, cap;
} strbuf;

/* Make room in sb for more bytes and the NUL after them. Return 0, or -1
 * when memory runs out (sb is unchanged). */
static int sb_reserve(strbuf *sb, size_t more)
{
    return array_grow((void **)&sb->s, &sb->cap, sb->len + more + 1, 1);
}

/* ===== scanning ===== */

/* Open or close the span of an element. */
static void mark(span *sp, int closing, const char *lt, const char *content)
{
    if (!closing) {
        sp->s = content;
        sp->n = 0;
        sp->closed = 0;
    } else if (sp->s && !sp->closed && lt >= sp->s) {
        sp->n = (size_t)(lt - sp->s);
        sp->closed = 1;
    }
}

static int name_is(const char *name, size_t n, const char *tag)
{
    return strlen(tag) == n && memcmp(name, tag, n) == 0;
}

/* The TYPE attribute of <TEXT …>. */
static text_type type_of(const char *a, size_t n)
{
    const char *t = memmem(a, n, "TYPE=", 5);
    if (!t)
        return TEXT_NORM;
    size_t rest = n - (size_t)(t - a) - 5;
    t += 5;
    if (rest && *t == '"') {
        t++;
        rest--;
    }
    if (rest >= 5 && strncasecmp(t, "BRIEF", 5) == 0)
        return TEXT_BRIEF;
    if (rest >= 6 && strncasecmp(t, "UNPROC", 6) == 0)
        return TEXT_UNPROC;
    return TEXT_NORM;
}

/* Scan the story whose "<REUTERS" is at s, up to end.  Return the end of the
 * story (just past "</REUTERS>"), or NULL when it is not closed: then *reopen
 * is where the next story begins (NULL when the file ends first). */
static const char *scan_story(const char *s, const char *end, story *st, const char **reopen)
{
    memset(st, 0, sizeof *st);
    *reopen = NULL;
    const char *p = s + 8;
    const char *gt = memchr(p, '>', (size_t)(end - p));
    if (!gt)
        return NULL;
    st->attrs = (span){p, (size_t)(gt - p), 1};
    p = gt + 1;
    const char *lt;
    while (p < end && (lt = memchr(p, '<', (size_t)(end - p))) != NULL) {
        const char *q = lt + 1;
        int closing = 0;
        if (q < end && *q == '/') {
            closing = 1;
            q++;
        }
        const char *name = q;
        while (q < end && *q >= 'A' && *q <= 'Z')
            q++;
        size_t n = (size_t)(q - name);
        if (n == 0 || (q < end && *q != '>' && *q != ' ')) {
            p = lt + 1; /* not a tag */
            continue;
        }
        gt = memchr(q, '>', (size_t)(end - q));
        if (!gt)
            return NULL;
        const char *content = gt + 1;
        switch (name[0]) {
        case 'B':
            if (name_is(name, n, "BODY"))
                mark(&st->body, closing, lt, content);
            break;
        case 'D':
            if (name_is(name, n, "DATE"))
                mark(&st->date, closing, lt, content);
            else if (name_is(name, n, "DATELINE"))
                mark(&st->dateline, closing, lt, content);
            break;
        case 'P':
            if (name_is(name, n, "PLACES"))
                mark(&st->places, closing, lt, content);
            else if (name_is(name, n, "PEOPLE"))
                mark(&st->people, closing, lt, content);
            break;
        case 'R':
            if (name_is(name, n, "REUTERS")) {
                if (closing)
                    return content;
                *reopen = lt;
                return NULL;
            }
            break;
        case 'T':
            if (name_is(name, n, "TITLE")) {
                mark(&st->title, closing, lt, content);
            } else if (name_is(name, n, "TOPICS")) {
                mark(&st->topics, closing, lt, content);
            } else if (name_is(name, n, "TEXT")) {
                mark(&st->text, closing, lt, content);
                if (!closing)
                    st->type = type_of(q, (size_t)(gt - q));
            }
            break;
        default:
            break;
        }
        p = content;
    }
    return NULL;
}

/* ===== decoding ===== */

/* Decode the entity at s[0..n) (s[0] == '&') into o. Return the bytes of s it
 * takes (0: not an entity, copy the '&') and set *out_n to the bytes
 * written (0: dropped, as control characters are). */
static size_t decode_entity(const char *s, size_t n, char *o, size_t *out_n)
{
    const char *semi = memchr(s, ';', n < 12 ? n : 12);
    *out_n = 0;
    if (!semi)
        return 0;
    size_t len = (size_t)(semi - s) + 1;
    if (s[1] == '#') {
        unsigned long c = 0;
        size_t i = 2;
        int hex = i < len && (s[i] == 'x' || s[i] == 'X');
        if (hex)
            i++;
        if (i == len - 1)
            return 0;
        for (; i < len - 1; i++) {
            char d = s[i];
            if (d >= '0' && d <= '9')
                c = c * (hex ? 16 : 10) + (unsigned long)(d - '0');
            else if (hex && ((d | 0x20) >= 'a' && (d | 0x20) <= 'f'))
                c = c * 16 + (unsigned long)((d | 0x20) - 'a' + 10);
            else
                return 0;
        }
        int control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F);
        int invalid = c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF);
        if (!control && !invalid)
            *out_n = utf8_encode(o, c);
        return len;
    }
    static const struct {
        const char *name;
        char c;
    } named[] = {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
    for (size_t k = 0; k < sizeof named / sizeof *named; k++)
        if (strlen(named[k].name) == len && memcmp(s, named[k].name, len) == 0) {
            o[0] = named[k].c;
            *out_n = 1;
            return len;
        }
    return 0;
}

/* Does byte c need more than copying? */
static inline int special(unsigned char c)
{
    return c < 0x20 || c == '&' || c == '<' || c == 0x7F || c == 0xC2;
}

/* Append s[0..n) to sb, decoded: entities, control characters dropped (but
 * '\n' and '\t'), and tags removed when strip_tags. Return 0, or -1 when
 * memory runs out. */
static int decode(strbuf *sb, const char *s, size_t n, int strip_tags)
{
    if (sb_reserve(sb, n + 4) < 0) /* decoding never grows the text */
        return -1;
    char *o = sb->s + sb->len;
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && !special((unsigned char)s[run]))
            run++;
        memcpy(o, s + i, run - i);
        o += run - i;
        i = run;
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c == '&') {
            size_t out_n;
            size_t used = decode_entity(s + i, n - i, o, &out_n);
            if (used) {
                o += out_n;
                i += used;
            } else {
                *o++ = '&';
                i++;
            }
        } else if (c == '<' && strip_tags) {
            const char *gt = memchr(s + i, '>', n - i);
            i = gt ? (size_t)(gt - s) + 1 : n;
        } else if (c == '\n' || c == '\t' || c == '<') {
            *o++ = (char)c;
            i++;
        } else if (c == 0xC2) {
            if (i + 1 < n && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9F)
                i += 2; /* a C1 control */
            else
                *o++ = (char)s[i++];
        } else {
            i++; /* a C0 control or DEL */
        }
    }
    sb->len = (size_t)(o - sb->s);
    sb->s[sb->len] = '\0';
    return 0;
}

/* Trim white space off sb->s[from..len) at both ends, in place. */
static void sb_trim_from(strbuf *sb, size_t from)
{
    size_t a = from, e = sb->len;
    while (a < e && brief_text_is_space((unsigned char)sb->s[a]))
        a++;
    while (e > a && brief_text_is_space((unsigned char)sb->s[e - 1]))
        e--;
    memmove(sb->s + from, sb->s + a, e - a);
    sb->len = from + (e - a);
    sb->s[sb->len] = '\0';
}

/* Remove the closing signature: the last word, when it is "Reuter" or
 * "Reuters" in any case, optionally followed by "..." or a literal "^M"
 * ("REUTER", "Reuter...", "reuter^M", "said. REUTER").  sb holds trimmed
 * text. */
static int strip_signature_once(strbuf *sb)
{
    const char *s = sb->s;
    size_t e = sb->len;
    for (int k = 0; k < 3; k++) {
        if (e >= 3 && memcmp(s + e - 3, "...", 3) == 0)
            e -= 3;
        else if (e >= 2 && memcmp(s + e - 2, "^M", 2) == 0)
            e -= 2;
        else
            break;
    }
    size_t w;
    if (e >= 7 && strncasecmp(s + e - 7, "reuters", 7) == 0)
        w = e - 7;
    else if (e >= 6 && strncasecmp(s + e - 6, "reuter", 6) == 0)
        w = e - 6;
    else
        return 0;
    /* A word of its own: at the start, or after white space. */
    if (w > 0 && !brief_text_is_space((unsigned char)s[w - 1]))
        return 0;
    sb->len = w;
    sb_trim_from(sb, 0);
    return 1;
}

/* Remove the signature, twice when it is doubled ("REUTER\n Reuter"). */
static void strip_signature(strbuf *sb)
{
    for (int k = 0; k < 2 && strip_signature_once(sb); k++)
        ;
}

/* ===== stories into briefs ===== */

/* Add the <D> items of sp to list, decoded and trimmed, once each; topics
 * as every reader adds them (brief_text_add_topic: lower-cased, so that
 * <D>Crude</D> and a JSON "crude" are one topic, not two facet values); tmp
 * is scratch space. */
static int add_items(brief_list *list, span sp, strbuf *tmp, int topics)
{
    if (!sp.closed)
        return 0;
    const char *p = sp.s, *end = sp.s + sp.n;
    while (p < end) {
        const char *d = memmem(p, (size_t)(end - p), "<D>", 3);
        if (!d)
            break;
        d += 3;
        const char *e = memmem(d, (size_t)(end - d), "</D>", 4);
        if (!e)
            break;
        tmp->len = 0;
        if (decode(tmp, d, (size_t)(e - d), 1) < 0)
            return -1;
        if (topics) {
            if (tmp->len && brief_text_add_topic(list, tmp->s, tmp->len) < 0)
                return -1;
            p = e + 4;
            continue;
        }
        char *item = brief_text_collapse_space(tmp->s, tmp->len);
        if (!item)
            return -1;
        int rc = 0;
        if (*item)
            rc = brief_list_add_new(list, item, strlen(item));
        free(item);
        if (rc < 0)
            return -1;
        p = e + 4;
    }
    return 0;
}

/* The NEWID attribute, or 0. */
static long newid_of(span attrs)
{
    const char *a = memmem(attrs.s, attrs.n, "NEWID=\"", 7);
    if (!a)
        return 0;
    const char *end = attrs.s + attrs.n;
    long id = 0;
    for (a += 7; a < end && *a >= '0' && *a <= '9' && id < 100000000; a++)
        id = id * 10 + (*a - '0');
    return id;
}

/* The reading state of one file. */
typedef struct sgml_state {
    reader_ctx *r;
    strbuf body, tmp;
    long ordinal;
} sgml_state;

/* Turn the scanned story into a brief and hand it on.  Return 0 to go on,
 * 1 to stop, -1 when memory runs out (reported). */
static int emit_story(sgml_state *g, const story *st, const char *label)
{
    reader_ctx *r = g->r;
    brief b;
    brief_init(&b);
    b.ordinal = g->ordinal;
    long newid = newid_of(st->attrs);
    if (newid > 0) {
        char id[32];
        int n = snprintf(id, sizeof id, "reuters-%ld", newid);
        if (brief_set(&b.id, id, (size_t)n) < 0)
            goto oom;
    } else {
        _reader_diag(r, READER_WARNING, g->ordinal, "story without a NEWID");
    }
    if (brief_set(&b.source, "Reuters", 7) < 0)
        goto oom;
    if (st->date.closed) {
        char iso[DATE_ISO_SIZE];
        if (date_parse(st->date.s, st->date.n, iso) == 0) {
            if (brief_set(&b.date, iso, 10) < 0)
                goto oom;
        } else {
            _reader_diag(r, READER_WARNING, g->ordinal, "%sunparseable date '%.*s' ignored",
                         label, (int)utf8_prefix(st->date.s, st->date.n > 60 ? 60 : st->date.n, 60),
                         st->date.s);
        }
    }
    if (add_items(&b.gold_places, st->places, &g->tmp, 0) < 0 ||
        add_items(&b.gold_people, st->people, &g->tmp, 0) < 0 ||
        add_items(&b.topics, st->topics, &g->tmp, 1) < 0)
        goto oom;

    strbuf *sb = &g->body;
    sb->len = 0;
    if (st->title.closed) {
        g->tmp.len = 0;
        if (decode(&g->tmp, st->title.s, st->title.n, 1) < 0 ||
            !(b.title = brief_text_collapse_space(g->tmp.s, g->tmp.len)))
            goto oom;
    }
    int has_title = b.title && *b.title;
    if (st->type == TEXT_BRIEF && has_title) {
        /* "Blah blah blah.": the title is the story. */
    } else if (st->type == TEXT_NORM && st->body.closed) {
        if (st->dateline.closed) {
            if (decode(sb, st->dateline.s, st->dateline.n, 1) < 0)
                goto oom;
            sb_trim_from(sb, 0);
        }
        size_t from = sb->len;
        if (from) {
            if (sb_reserve(sb, 1) < 0)
                goto oom;
            sb->s[sb->len++] = ' ';
            from++;
        }
        if (decode(sb, st->body.s, st->body.n, 1) < 0)
            goto oom;
        sb_trim_from(sb, from);
        sb_trim_from(sb, 0);
        strip_signature(sb);
    } else if (st->text.closed) {
        /* UNPROC, or a story without the usual parts: all of its text. */
        const char *t = st->text.s;
        size_t tn = st->text.n;
        if (has_title && st->title.closed) {
            /* Leave out the title, which is kept apart. */
            const char *te = st->title.s + st->title.n;
            if (te > t && te <= t + tn) {
                tn -= (size_t)(te - t);
                t = te;
            }
        }
        if (decode(sb, t, tn, 1) < 0)
            goto oom;
        sb_trim_from(sb, 0);
        strip_signature(sb);
    }
    if (brief_set(&b.body, sb->len ? sb->s : "", sb->len) < 0)
        goto oom;
    b.body_len = sb->len;
    if (!has_title) {
        free(b.title);
        if (!(b.title = brief_text_title(b.body, b.body_len)))
            goto oom;
    }
    /* Still a brief: it has an id, a date and its tags (one such in the
     * collection, reuters-12793). */
    if (!*b.title && !b.body_len)
        _reader_diag(r, READER_WARNING, g->ordinal, "%sstory without text", label);
    return _reader_emit(r, &b);
oom:
    brief_clear(&b);
    _reader_diag(r, READER_ERROR, g->ordinal, "out of memory");
    r->counts.failed++;
    return -1;
}

/* Read the story s[0..n) (from "<REUTERS" to past "</REUTERS>"), which has
 * already been scanned into st; decode it first (_reader_decode) when
 * bad_utf8. */
static int read_story(sgml_state *g, const char *s, size_t n, story *st, int bad_utf8)
{
    reader_ctx *r = g->r;
    long newid = newid_of(st->attrs);
    char label[40] = "";
    if (newid > 0)
        snprintf(label, sizeof label, "reuters-%ld: ", newid);
    if (n > r->max_bytes) {
        char lim[32], got[32];
        bytesize_format(lim, sizeof lim, r->max_bytes);
        bytesize_format(got, sizeof got, n);
        _reader_diag(r, READER_SKIP, g->ordinal, "%sstory larger than %s (%s)", label, lim, got);
        r->counts.skipped++;
        return 0;
    }
    char *fixed = NULL;
    size_t fixed_len;
    if (bad_utf8 && _reader_decode(r, g->ordinal, label, s, n, &fixed, &fixed_len) < 0) {
        r->counts.failed++;
        return -1;
    }
    if (!fixed)
        return emit_story(g, st, label);
    story fixed_story;
    const char *reopen;
    int rc;
    if (scan_story(fixed, fixed + fixed_len, &fixed_story, &reopen))
        rc = emit_story(g, &fixed_story, label);
    else
        rc = 0; /* cannot happen: decoding keeps every tag */
    free(fixed);
    return rc;
}

reader_status _reader_sgml(reader_ctx *r, char *buf, size_t len)
{
    sgml_state g = {.r = r};
    const char *p = buf, *end = buf + len;
    /* Where the first invalid UTF-8 byte at or after p is (end: none). */
    const char *bad = buf + utf8_validate(buf, len);
    reader_status status = READER_OK;
    while (p < end) {
        const char *s = memmem(p, (size_t)(end - p), "<REUTERS", 8);
        if (!s)
            break;
        if (s + 8 < end && s[8] != ' ' && s[8] != '>') {
            p = s + 8;
            continue;
        }
        g.ordinal++;
        story st;
        const char *reopen;
        const char *e = scan_story(s, end, &st, &reopen);
        if (!e) {
            _reader_diag(r, READER_ERROR, g.ordinal, "story not closed by </REUTERS>%s",
                         reopen ? "" : " (truncated file?)");
            r->counts.failed++;
            if (!reopen)
                break;
            p = reopen;
            continue;
        }
        /* Windows-1252 forced: every story is decoded (one with no byte
         * above 0x7F is left as it is). */
        int bad_utf8 = r->encoding == READER_ENCODING_CP1252;
        if (bad < e) {
            if (bad >= s || utf8_validate(s, (size_t)(e - s)) < (size_t)(e - s))
                bad_utf8 = 1;
            bad = e + utf8_validate(e, (size_t)(end - e));
        }
        int rc = read_story(&g, s, (size_t)(e - s), &st, bad_utf8);
        if (rc < 0) {
            status = READER_FAILED;
            break;
        }
        if (rc > 0) {
            status = READER_STOPPED;
            break;
        }
        p = e;
    }
    if (g.ordinal == 0) {
        _reader_diag(r, READER_WARNING, 0, "no <REUTERS> story found");
    }
    free(g.body.s);
    free(g.tmp.s);
    return status;
}
