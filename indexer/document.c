/* document.c — brief + entities → Xapian document, by the schema table. */
#include "document.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
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
    h = hash_list(h, &b->topics);
    snprintf(out, outlen, "%s%016" PRIx64, PREFIX_VERSION, h);
    return out;
}

/* ------------------------------------------------------------------------ */
/* Each field's values: its extraction                                       */
/* ------------------------------------------------------------------------ */

/* What one brief gives its document. */
typedef struct document_input {
    const brief *b;
    const char *id;
    const entity_set *e;
    const file_stamp *stamp;                    /* NULL: none */
    char version[DOCUMENT_VERSION_TERM_SIZE];   /* its version term */
} document_input;

/* A field's values for one brief, borrowed from its input. */
typedef struct field_values {
    const char **items;
    size_t n, cap;
} field_values;

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Add s to v (nothing when s is NULL). Returns 0, or -1 when memory runs out. */
static int add(field_values *v, const char *s)
{
    if (!s)
        return 0;
    if (array_grow((void **)&v->items, &v->cap, v->n + 1, sizeof *v->items) != 0)
        return -1;
    v->items[v->n++] = s;
    return 0;
}

/* The items of list, sorted (brief_list keeps the source's order), so equal
 * sets give equal values and facet counting sees few distinct ones. */
static int add_list(field_values *v, const brief_list *list)
{
    size_t from = v->n;
    for (size_t i = 0; i < list->count; i++)
        if (add(v, list->items[i]) != 0)
            return -1;
    qsort(v->items + from, v->n - from, sizeof *v->items, compare_strings);
    return 0;
}

/* The ids of n entities (with about_only, of those the brief is about:
 * entity.about), in their order: by id, so equal sets give equal values and
 * facet counting sees few distinct ones. */
static int add_entities(field_values *v, const entity *items, size_t n, int about_only)
{
    for (size_t i = 0; i < n; i++)
        if ((!about_only || items[i].about) && add(v, items[i].id) != 0)
            return -1;
    return 0;
}

/* Field id's values in brief in, into v: each field's extraction. A switch
 * on every schema_field_id, so that a field added to the schema without its
 * extraction does not compile (-Wswitch). A value taken from the brief's
 * record must also be in document_version_term's hash. Returns 0, or -1
 * when memory runs out. */
static int extract(schema_field_id id, const document_input *in, field_values *v)
{
    const entity_set *e = in->e;
    switch (id) {
    case FIELD_TITLE: return add(v, in->b->title);
    case FIELD_BODY: return add(v, in->b->body);
    case FIELD_PERSON: return add_entities(v, e->people, e->npeople, 0);
    /* every country the brief names (country:, --country) */
    case FIELD_COUNTRY: return add_entities(v, e->countries, e->ncountries, 0);
    /* those it is about (about:) */
    case FIELD_ABOUT: return add_entities(v, e->countries, e->ncountries, 1);
    case FIELD_DATE: return add(v, in->b->date);
    case FIELD_SOURCE: return add(v, in->b->source);
    case FIELD_TOPIC: return add_list(v, &in->b->topics);
    case FIELD_ID: return add(v, in->id);
    case FIELD_FILE: return add(v, in->stamp ? in->stamp->path : NULL);
    case FIELD_VERSION: return add(v, in->version + strlen(PREFIX_VERSION));
    case SCHEMA_FIELD_COUNT: break;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Terms and values, by the field's row                                      */
/* ------------------------------------------------------------------------ */

/* Error chaining: each step does nothing once *st holds an error. */
static void add_term(xc_document *doc, xc_status *st, const char *prefix, const char *value,
                     int lower)
{
    char term[SCHEMA_MAX_TERM + 1];
    if (*st != XC_OK || !value || !*value)
        return;
    schema_term(term, sizeof term, prefix, value, lower);
    *st = xc_document_add_boolean_term(doc, term);
}

static void add_value(xc_document *doc, xc_status *st, int slot, const char *value)
{
    if (*st == XC_OK && slot != SCHEMA_NO_SLOT && value && *value)
        *st = xc_document_add_value(doc, (unsigned)slot, value, strlen(value));
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

/* SCHEMA_TERMS_WORDS. The title has both: its words under its prefix for
 * title:word, and unprefixed with a higher weight, so that plain words rank
 * briefs that carry them in the title above those that only mention them. */
static void write_words(xc_termgen *tg, xc_status *st, const schema_field *f,
                        const field_values *v)
{
    for (size_t i = 0; i < v->n; i++) {
        if (f->prefix[0])
            index_text(tg, st, v->items[i], 1, f->prefix);
        if (f->weight)
            index_text(tg, st, v->items[i], f->weight, "");
    }
}

/* The values joined by separator ('\0': the first value alone), malloc'd. */
static char *join(const field_values *v, char separator)
{
    size_t n = separator ? v->n : 1, len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(v->items[i]) + 1;
    char *out = malloc(len), *p = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            *p++ = separator;
        size_t l = strlen(v->items[i]);
        memcpy(p, v->items[i], l);
        p += l;
    }
    *p = '\0';
    return out;
}

/* SCHEMA_TERMS_EACH: a term for each value, and the values in the slot. */
static void write_each(xc_document *doc, xc_status *st, const schema_field *f,
                       const field_values *v)
{
    for (size_t i = 0; i < v->n; i++)
        add_term(doc, st, f->prefix, v->items[i], f->lower);
    if (*st != XC_OK || f->slot == SCHEMA_NO_SLOT || v->n == 0)
        return;
    char *joined = join(v, f->separator);
    if (!joined) {
        *st = XC_NO_MEMORY;
        return;
    }
    add_value(doc, st, f->slot, joined);
    free(joined);
}

/* SCHEMA_TERMS_DATE: "2022-03-14" → D20220314, M202203, Y2022 and the value
 * "20220314". Anything but an ISO date (dates.h made it one) is left out. */
static void write_date(xc_document *doc, xc_status *st, const schema_field *f,
                       const field_values *v)
{
    const char *iso = v->n ? v->items[0] : NULL;
    if (!iso || strlen(iso) != 10)
        return;
    char ymd[9];
    memcpy(ymd, iso, 4);
    memcpy(ymd + 4, iso + 5, 2);
    memcpy(ymd + 6, iso + 8, 2);
    ymd[8] = '\0';
    char part[9];
    add_term(doc, st, f->prefix, ymd, 0);
    snprintf(part, sizeof part, "%.6s", ymd);
    add_term(doc, st, PREFIX_MONTH, part, 0);
    snprintf(part, sizeof part, "%.4s", ymd);
    add_term(doc, st, PREFIX_YEAR, part, 0);
    add_value(doc, st, f->slot, ymd);
}

/* ------------------------------------------------------------------------ */
/* The stored data and the file stamp                                        */
/* ------------------------------------------------------------------------ */

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
    if (b->topics.count) {
        json_t *topics = json_array();
        for (size_t i = 0; topics && i < b->topics.count; i++)
            json_array_append_new(topics, json_string(b->topics.items[i]));
        json_object_set_new(o, "topics", topics);
    }
    json_object_set_new(o, "body", string_cut(b->body, b->body_len, DOCUMENT_MAX_STORED_BODY));
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s;
}

/* The file's size, mtime and hash, for change detection (its path is the
 * file field). */
static void add_stamp(xc_document *doc, xc_status *st, const file_stamp *stamp)
{
    char buf[64];
    if (!stamp || !stamp->path)
        return;
    snprintf(buf, sizeof buf, "%lld", stamp->size);
    add_value(doc, st, SLOT_FILE_SIZE, buf);
    snprintf(buf, sizeof buf, "%lld.%09ld", stamp->mtime_sec, stamp->mtime_nsec);
    add_value(doc, st, SLOT_FILE_MTIME, buf);
    add_value(doc, st, SLOT_CONTENT_HASH, stamp->content_hash);
}

xc_status document_build(xc_document *doc, xc_termgen *tg, const brief *b, const char *id,
                         const entity_set *entities, const file_stamp *stamp)
{
    document_input in = {.b = b, .id = id, .e = entities, .stamp = stamp};
    document_version_term(b, id, stamp ? stamp->path : NULL, in.version, sizeof in.version);
    field_values v = {0};
    xc_status st = xc_termgen_set_document(tg, doc);

    /* Every field by its row, in the table's order (the text fields' order
     * sets their positions). */
    for (size_t i = 0; st == XC_OK && i < SCHEMA_FIELD_COUNT; i++) {
        const schema_field *f = &schema_fields[i];
        v.n = 0;
        if (extract((schema_field_id)i, &in, &v) != 0) {
            st = XC_NO_MEMORY;
            break;
        }
        switch (f->terms) {
        case SCHEMA_TERMS_WORDS: write_words(tg, &st, f, &v); break;
        case SCHEMA_TERMS_EACH: write_each(doc, &st, f, &v); break;
        case SCHEMA_TERMS_DATE: write_date(doc, &st, f, &v); break;
        }
    }
    free(v.items);
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
