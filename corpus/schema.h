/* schema.h — how a brief is laid out in the index, declared once.
 *
 * The indexer writes documents by this table and the query tool reads them
 * and configures its parser by the same table, so a field's prefix, weight and
 * query name are written in exactly one place (schema.c).
 */
#ifndef BRIEFS_SCHEMA_H
#define BRIEFS_SCHEMA_H

#include <stddef.h>

/* Value slots (Xapian values: one string per slot and document). */
typedef enum schema_slot {
    SLOT_DATE = 0,        /* "YYYYMMDD": sorts as bytes, date ranges */
    SLOT_PEOPLE = 1,      /* canonical person ids, sorted, joined by SCHEMA_LIST_SEP */
    SLOT_COUNTRIES = 2,   /* ISO codes, sorted, joined by SCHEMA_LIST_SEP */
    SLOT_FILE_SIZE = 3,   /* decimal size in bytes of the brief's file when the brief was written */
    SLOT_FILE_MTIME = 4,  /* decimal mtime (seconds.nanoseconds) of the file then */
    SLOT_CONTENT_HASH = 5, /* hex hash of the file's bytes */
    SLOT_ABOUT = 6        /* ISO codes of the countries the brief is about, as SLOT_COUNTRIES */
} schema_slot;

/* Separates the items of a multi-valued slot. */
#define SCHEMA_LIST_SEP '\n'

typedef enum schema_kind {
    SCHEMA_TEXT,     /* free text: stemmed, positional, weighted */
    SCHEMA_BOOLEAN,  /* one boolean term per value: filters, never weighted */
    SCHEMA_INTERNAL  /* boolean terms the tools use, not offered to users */
} schema_kind;

typedef struct schema_field {
    const char *name;    /* the field's name in queries and documentation */
    const char *prefix;  /* Xapian term prefix; "" for the body */
    schema_kind kind;
    unsigned weight;     /* SCHEMA_TEXT: wdf added per word */
    const char *help;    /* one line for --help and the README */
} schema_field;

/* Every field, in a fixed order; the list ends at schema_fields[schema_field_count-1]. */
extern const schema_field schema_fields[];
extern const size_t schema_field_count;

/* The field named name, or NULL. */
const schema_field *schema_field_named(const char *name);

/* Prefixes, for the code that writes a particular field. */
#define PREFIX_TITLE   "S"
#define PREFIX_PERSON  "XP"
#define PREFIX_COUNTRY "XC"  /* every country the brief names (and those it is about) */
#define PREFIX_ABOUT   "XA"  /* the countries the brief is about (extract_brief_salient) */
#define PREFIX_DAY     "D"   /* D20220314 */
#define PREFIX_MONTH   "M"   /* M202203 */
#define PREFIX_YEAR    "Y"   /* Y2022 */
#define PREFIX_SOURCE  "XS"
#define PREFIX_ID      "Q"
#define PREFIX_FILE    "XF"
#define PREFIX_VERSION "XH"  /* XH + 16 hex digits: the brief's version (document.h) */

/* Xapian refuses terms longer than about 245 bytes. */
#define SCHEMA_MAX_TERM 240

/* Write prefix + value into out (outlen bytes) as a term that Xapian accepts:
 * when it would be longer than SCHEMA_MAX_TERM, the tail of value is replaced
 * by a hash of the whole value, so distinct values keep distinct terms.
 * Lower-cases ASCII when lower is non-zero. Returns the term's length. */
size_t schema_term(char *out, size_t outlen, const char *prefix, const char *value, int lower);

/* User metadata key (prefix + person id) holding the display name of a person
 * the gazetteer does not know, as the briefs wrote it ("Abdulaziz bin
 * Salman"), so facets can show it with its case and accents. */
#define METADATA_PERSON_NAME "person-name:"

/* Stemming language of every text field. */
#define SCHEMA_LANGUAGE "english"

/* Gap left between fields so that a phrase never spans two of them. */
#define SCHEMA_FIELD_GAP 100

#endif
