/* schema.c — the one table of fields. See schema.h. */
#include "schema.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "hash.h"

/* The title's weight (wdf per word, the body's being 1) was chosen with
 * scripts/eval-ranking: 8 against 5 keeps Cranfield's MAP and gains on
 * Reuters-21578 (README, "Ranking quality"). Changing it needs a reindex. */
const schema_field schema_fields[] = {
    {"title",   PREFIX_TITLE,   SCHEMA_TEXT,     8, "words of the title: title:sanctions"},
    {"body",    "",             SCHEMA_TEXT,     1, "words of the body (the default field)"},
    {"person",  PREFIX_PERSON,  SCHEMA_BOOLEAN,  0, "a person, any alias: person:\"Jake Sullivan\", person:sullivan"},
    {"country", PREFIX_COUNTRY, SCHEMA_BOOLEAN,  0, "a country the brief names, any alias: country:us, country:\"united states\""},
    {"about",   PREFIX_ABOUT,   SCHEMA_BOOLEAN,  0, "a country the brief is about, any alias: about:china (country: finds every brief that names it)"},
    {"date",    PREFIX_DAY,     SCHEMA_BOOLEAN,  0, "a day or a range: date:2022-03-14, date:2022-03-01..2022-03-31"},
    {"source",  PREFIX_SOURCE,  SCHEMA_BOOLEAN,  0, "the source, lower case: source:cnn"},
    {"id",      PREFIX_ID,      SCHEMA_BOOLEAN,  0, "a brief's id: id:cnn-2022-03-14-rome"},
    {"file",    PREFIX_FILE,    SCHEMA_INTERNAL, 0, "the brief's file (change detection)"},
    {"version", PREFIX_VERSION, SCHEMA_INTERNAL, 0, "a hash of the brief's content (change detection)"},
};
const size_t schema_field_count = sizeof schema_fields / sizeof schema_fields[0];

const schema_field *schema_field_named(const char *name)
{
    for (size_t i = 0; i < schema_field_count; i++)
        if (strcmp(schema_fields[i].name, name) == 0)
            return &schema_fields[i];
    return NULL;
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
