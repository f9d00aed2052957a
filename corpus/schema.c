/* schema.c — the one table of fields. See schema.h. */
#include "schema.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "hash.h"

/* Members a row leaves out are 0: SCHEMA_TEXT, SCHEMA_TERMS_WORDS,
 * SCHEMA_AS_TYPED, no facet, no option; every row states its slot. */
const schema_field schema_fields[SCHEMA_FIELD_COUNT] = {
    /* The title's weight (wdf per word, the body's being 1) was chosen with
     * scripts/eval-ranking: 8 against 5 keeps Cranfield's MAP and gains on
     * Reuters-21578 (query/RANKING.md). Changing it needs a
     * reindex. */
    [FIELD_TITLE] = {
        .name = "title", .prefix = PREFIX_TITLE, .kind = SCHEMA_TEXT,
        .terms = SCHEMA_TERMS_WORDS, .weight = 8, .slot = SCHEMA_NO_SLOT,
        .arg = "WORD", .help = "a word of the title",
    },
    [FIELD_BODY] = {
        .name = "body", .prefix = "", .kind = SCHEMA_TEXT,
        .terms = SCHEMA_TERMS_WORDS, .weight = 1, .slot = SCHEMA_NO_SLOT,
        .arg = "WORD", .help = "words of the body (the default field)",
    },
    [FIELD_PERSON] = {
        .name = "person", .prefix = PREFIX_PERSON, .kind = SCHEMA_BOOLEAN,
        .terms = SCHEMA_TERMS_EACH, .lower = 1,
        .slot = SLOT_PEOPLE, .separator = SCHEMA_LIST_SEP,
        .resolve = SCHEMA_PERSON, .nearest = 1, .facet = "people",
        .arg = "NAME", .help = "a person, any alias: person:\"Jake Sullivan\", person:sullivan",
        .option = "only briefs that name this person",
    },
    [FIELD_COUNTRY] = {
        .name = "country", .prefix = PREFIX_COUNTRY, .kind = SCHEMA_BOOLEAN,
        .terms = SCHEMA_TERMS_EACH, .lower = 1,
        .slot = SLOT_COUNTRIES, .separator = SCHEMA_LIST_SEP,
        .resolve = SCHEMA_COUNTRY, .nearest = 1, .facet = "countries",
        .arg = "NAME",
        .help = "a country the brief names, any alias: country:us, "
                "country:\"united states\", country:american",
        .option = "only briefs that name this country",
    },
    [FIELD_ABOUT] = {
        .name = "about", .prefix = PREFIX_ABOUT, .kind = SCHEMA_BOOLEAN,
        .terms = SCHEMA_TERMS_EACH, .lower = 1,
        .slot = SLOT_ABOUT, .separator = SCHEMA_LIST_SEP,
        .resolve = SCHEMA_COUNTRY, .nearest = 1, .facet = "about",
        .arg = "NAME",
        .help = "a country the brief is about (not one named in passing), any alias: "
                "about:china",
        .option = "only briefs about this country",
    },
    [FIELD_DATE] = {
        .name = "date", .prefix = PREFIX_DAY, .kind = SCHEMA_BOOLEAN,
        .terms = SCHEMA_TERMS_DATE, .slot = SLOT_DATE,
        .resolve = SCHEMA_DATE,
        .arg = "DATE", .help = "a day, month or year (date:2022-03), or date:A..B",
    },
    [FIELD_SOURCE] = {
        .name = "source", .prefix = PREFIX_SOURCE, .kind = SCHEMA_BOOLEAN,
        .terms = SCHEMA_TERMS_EACH, .lower = 1, .slot = SLOT_SOURCE,
        .nearest = 1, .facet = "sources",
        .arg = "NAME", .help = "the source, in any case (source:cnn)",
        .option = "only briefs from this source",
    },
    [FIELD_TOPIC] = {
        .name = "topic", .prefix = PREFIX_TOPIC, .kind = SCHEMA_BOOLEAN,
        .terms = SCHEMA_TERMS_EACH, .lower = 1,
        .slot = SLOT_TOPICS, .separator = SCHEMA_LIST_SEP,
        .nearest = 1, .facet = "topics",
        .arg = "TOPIC",
        .help = "a topic or tag the brief's source gave it (Topics: or Tags:, "
                "JSON \"topics\", Reuters TOPICS), in any case: topic:crude",
        .option = "only briefs with this topic",
    },
    [FIELD_ID] = {
        .name = "id", .prefix = PREFIX_ID, .kind = SCHEMA_BOOLEAN,
        .terms = SCHEMA_TERMS_EACH, .slot = SLOT_ID,
        .arg = "ID", .help = "one brief, by its id (id:cnn-2022-03-14-rome)",
    },
    [FIELD_FILE] = {
        .name = "file", .prefix = PREFIX_FILE, .kind = SCHEMA_INTERNAL,
        .terms = SCHEMA_TERMS_EACH, .slot = SCHEMA_NO_SLOT,
        .arg = "PATH", .help = "the brief's file (change detection)",
    },
    [FIELD_VERSION] = {
        .name = "version", .prefix = PREFIX_VERSION, .kind = SCHEMA_INTERNAL,
        .terms = SCHEMA_TERMS_EACH, .slot = SCHEMA_NO_SLOT,
        .arg = "HASH", .help = "a hash of the brief's content (change detection)",
    },
};

const schema_field *schema_field_named(const char *name)
{
    for (size_t i = 0; i < SCHEMA_FIELD_COUNT; i++)
        if (strcmp(schema_fields[i].name, name) == 0)
            return &schema_fields[i];
    return NULL;
}

int schema_field_by_gazetteer(const schema_field *f)
{
    return f->resolve == SCHEMA_PERSON || f->resolve == SCHEMA_COUNTRY;
}

size_t schema_term(char *out, size_t outlen, const char *prefix, const char *value, int lower)
{
    if (outlen == 0)
        return 0;
    size_t plen = strlen(prefix), vlen = strlen(value);
    size_t limit = outlen - 1 < SCHEMA_MAX_TERM ? outlen - 1 : SCHEMA_MAX_TERM;
    char hash[18] = "";
    size_t keep = vlen;
    if (plen + vlen > limit) {
        snprintf(hash, sizeof hash, "#%016llx", (unsigned long long)hash_fnv1a(value));
        keep = limit > plen + strlen(hash) ? limit - plen - strlen(hash) : 0;
        /* Do not cut a UTF-8 sequence in two. */
        while (keep > 0 && ((unsigned char)value[keep] & 0xC0) == 0x80)
            keep--;
    }
    size_t n = 0;
    for (size_t i = 0; i < plen && n < limit; i++)
        out[n++] = prefix[i];
    for (size_t i = 0; i < keep && n < limit; i++) {
        char c = value[i];
        out[n++] = (lower && c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    for (size_t i = 0; hash[i] && n < limit; i++)
        out[n++] = hash[i];
    out[n] = '\0';
    return n;
}

size_t schema_field_term(char *out, size_t outlen, const schema_field *f, const char *value)
{
    return schema_term(out, outlen, f->prefix, value, f->lower);
}
