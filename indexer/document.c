/* document.c — brief + entities → Xapian document, by the schema. */
#include "document.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "schema.h"
#include "utf8.h"

char *document_brief_id(const brief *b, const char *path, char *out, size_t outlen)
{
    if (b->id && b->id[0])
        snprintf(out, outlen, "%s", b->id);
    else if (b->ordinal > 0)
        snprintf(out, outlen, "%s#%ld", path, b->ordinal);
    else
        snprintf(out, outlen, "%s", path);
    return out;
}

/* Hash one field: absent (NULL) and empty differ, and a field's end is marked
 * so that no two records hash the same bytes. */
static uint64_t hash_field(uint64_t h, const char *s, size_t len)
{
    h = hash_fnv1a_more(h, s ? "+" : "-", 1);
    if (s)
        h = hash_fnv1a_more(h, s, len + 1);   /* its NUL ends it */
    return h;
}

static uint64_t hash_list(uint64_t h, const brief_list *list)
{
    char count[32];
    int n = snprintf(count, sizeof count, "%zu", list->count);
    h = hash_field(h, count, (size_t)n);
    for (size_t i = 0; i < list->count; i++)
        h = hash_field(h, list->items[i], strlen(list->items[i]));
    return h;
}

static uint64_t hash_string(uint64_t h, const char *s)
{
    return hash_field(h, s, s ? strlen(s) : 0);
}

char *document_version_term(const brief *b, const char *id, const char *path, char *out,
                            size_t outlen)
{
    uint64_t h = HASH_FNV1A_START;
    h = hash_string(h, id);
    h = hash_string(h, path);
    h = hash_string(h, b->title);
    h = hash_string(h, b->date);
    h = hash_string(h, b->source);
    h = hash_string(h, b->url);
    h = hash_field(h, b->body, b->body ? b->body_len : 0);
    h = hash_list(h, &b->people);
    h = hash_list(h, &b->countries);
    snprintf(out, outlen, "%s%016" PRIx64, PREFIX_VERSION, h);
    return out;
}

/* Error chaining: each step does nothing once *st holds an error. */
static void add_boolean(xc_document *doc, xc_status *st, const char *prefix, const char *value,
                        int lower)
{
    char term[SCHEMA_MAX_TERM + 1];
    if (*st != XC_OK || !value || !*value)
        return;
    schema_term(term, sizeof term, prefix, value, lower);
    *st = xc_document_add_boolean_term(doc, term);
}

static void add_value(xc_document *doc, xc_status *st, unsigned slot, const char *value)
{
    if (*st == XC_OK && value && *value)
        *st = xc_document_add_value(doc, slot, value, strlen(value));
}

static void index_text(xc_termgen *tg, xc_status *st, const char *text, unsigned weight,
                       const char *prefix)
{
    if (*st != XC_OK || !text || !*text)
        return;
    *st = xc_termgen_index_text(tg, text, strlen(text), weight, prefix);
    if (*st == XC_OK)
        *st = xc_termgen_increase_termpos(tg, SCHEMA_FIELD_GAP);
}

/* "2022-03-14" → D20220314, M202203, Y2022 and the value "20220314". */
static void add_date(xc_document *doc, xc_status *st, const char *iso)
{
    if (!iso || strlen(iso) != 10)
        return;
    char ymd[9];
    memcpy(ymd, iso, 4);
    memcpy(ymd + 4, iso + 5, 2);
    memcpy(ymd + 6, iso + 8, 2);
    ymd[8] = '\0';
    char part[9];
    add_boolean(doc, st, PREFIX_DAY, ymd, 0);
    snprintf(part, sizeof part, "%.6s", ymd);
    add_boolean(doc, st, PREFIX_MONTH, part, 0);
    snprintf(part, sizeof part, "%.4s", ymd);
    add_boolean(doc, st, PREFIX_YEAR, part, 0);
    add_value(doc, st, SLOT_DATE, ymd);
}

/* The ids of n entities joined by SCHEMA_LIST_SEP (entities are sorted by id,
 * so equal sets give equal values and facet counting sees few distinct ones). */
static char *join_ids(const entity *items, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(items[i].id) + 1;
    char *out = malloc(len), *p = out;
    if (!out)
        return NULL;
    *p = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            *p++ = SCHEMA_LIST_SEP;
        size_t l = strlen(items[i].id);
        memcpy(p, items[i].id, l);
        p += l;
        *p = '\0';
    }
    return out;
}

/* Index the ids of n entities under prefix and join them into slot; with
 * about_only, only the countries the brief is about (entity.about). */
static void add_entities(xc_document *doc, xc_status *st, const entity *items, size_t n,
                         const char *prefix, unsigned slot, int about_only)
{
    entity *chosen = NULL;
    if (about_only) {
        chosen = malloc(n * sizeof *chosen + 1);
        if (!chosen) {
            *st = XC_NO_MEMORY;
            return;
        }
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (items[i].about)
                chosen[k++] = items[i];
        items = chosen;
        n = k;
    }
    for (size_t i = 0; i < n; i++)
        add_boolean(doc, st, prefix, items[i].id, 1);
    if (*st != XC_OK || n == 0) {
        free(chosen);
        return;
    }
    char *joined = join_ids(items, n);
    free(chosen);
    if (!joined) {
        *st = XC_NO_MEMORY;
        return;
    }
    add_value(doc, st, slot, joined);
    free(joined);
}

static json_t *entities_json(const entity *items, size_t n, const char *key)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s}", key, items[i].id, "name",
                                             items[i].display ? items[i].display : items[i].id));
    return arr;
}

/* Set *p to a copy of s cut to at most max bytes, never inside a UTF-8 sequence. */
static json_t *string_cut(const char *s, size_t len, size_t max)
{
    if (len > max) {
        len = max;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    return json_stringn(s, len);
}

/* A JSON string of s, which may not be UTF-8 (a file name on a Latin-1 disk):
 * bad bytes become U+FFFD rather than losing the field. */
static json_t *string_repaired(const char *s)
{
    size_t len = strlen(s);
    if (utf8_validate(s, len) == len)
        return json_stringn(s, len);
    char *fixed;
    size_t fixed_len;
    if (utf8_repair(s, len, &fixed, &fixed_len) < 0)
        return NULL;
    json_t *j = json_stringn(fixed, fixed_len);
    free(fixed);
    return j;
}

static char *document_data(const brief *b, const char *id, const entity_set *e,
                           const file_stamp *stamp)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "id", string_repaired(id));
    json_object_set_new(o, "title", json_string(b->title ? b->title : ""));
    if (b->date)
        json_object_set_new(o, "date", json_string(b->date));
    if (b->source)
        json_object_set_new(o, "source", json_string(b->source));
    if (b->url)
        json_object_set_new(o, "url", json_string(b->url));
    if (stamp && stamp->path)
        json_object_set_new(o, "path", string_repaired(stamp->path));
    if (b->ordinal > 0)
        json_object_set_new(o, "ordinal", json_integer(b->ordinal));
    json_object_set_new(o, "people", entities_json(e->people, e->npeople, "id"));
    json_object_set_new(o, "countries", entities_json(e->countries, e->ncountries, "code"));
    json_t *about = json_array();
    for (size_t i = 0; about && i < e->ncountries; i++)
        if (e->countries[i].about)
            json_array_append_new(about, json_string(e->countries[i].id));
    json_object_set_new(o, "about", about);
    json_object_set_new(o, "body", string_cut(b->body, b->body_len, DOCUMENT_MAX_STORED_BODY));
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s;
}

static void add_stamp(xc_document *doc, xc_status *st, const file_stamp *stamp)
{
    char buf[64];
    if (!stamp || !stamp->path)
        return;
    add_boolean(doc, st, PREFIX_FILE, stamp->path, 0);
    snprintf(buf, sizeof buf, "%lld", stamp->size);
    add_value(doc, st, SLOT_FILE_SIZE, buf);
    snprintf(buf, sizeof buf, "%lld.%09ld", stamp->mtime_sec, stamp->mtime_nsec);
    add_value(doc, st, SLOT_FILE_MTIME, buf);
    add_value(doc, st, SLOT_CONTENT_HASH, stamp->content_hash);
}

xc_status document_build(xc_document *doc, xc_termgen *tg, const brief *b, const char *id,
                         const entity_set *entities, const file_stamp *stamp)
{
    const schema_field *title = schema_field_named("title");
    const schema_field *body = schema_field_named("body");
    xc_status st = xc_termgen_set_document(tg, doc);

    /* The title is indexed twice: under its prefix for title:word, and
     * unprefixed with a higher weight so that plain words rank briefs that
     * carry them in the title above those that only mention them. */
    index_text(tg, &st, b->title, 1, title->prefix);
    index_text(tg, &st, b->title, title->weight, body->prefix);
    index_text(tg, &st, b->body, body->weight, body->prefix);

    add_boolean(doc, &st, PREFIX_ID, id, 0);
    char version[DOCUMENT_VERSION_TERM_SIZE];
    document_version_term(b, id, stamp ? stamp->path : NULL, version, sizeof version);
    if (st == XC_OK)
        st = xc_document_add_boolean_term(doc, version);
    add_boolean(doc, &st, PREFIX_SOURCE, b->source, 1);
    add_date(doc, &st, b->date);
    add_entities(doc, &st, entities->people, entities->npeople, PREFIX_PERSON, SLOT_PEOPLE, 0);
    /* XC: every country the brief names (country:, --country); XA: those it
     * is about (about:) */
    add_entities(doc, &st, entities->countries, entities->ncountries, PREFIX_COUNTRY,
                 SLOT_COUNTRIES, 0);
    add_entities(doc, &st, entities->countries, entities->ncountries, PREFIX_ABOUT, SLOT_ABOUT,
                 1);
    add_stamp(doc, &st, stamp);
    if (st != XC_OK)
        return st;

    char *data = document_data(b, id, entities, stamp);
    if (!data)
        return XC_NO_MEMORY;
    st = xc_document_set_data(doc, data, strlen(data));
    free(data);
    return st;
}
