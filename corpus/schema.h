/* schema.h — how a brief is laid out in the index, declared once.
 *
 * One table, schema_fields (schema.c), says for every field how it is
 * written and read: brief-index writes each field's terms and value by its
 * row (indexer/document.c), and brief-query reads the rows to set up its
 * parser's fields, its filter options, its --help and its facets (query/).
 *
 * Adding a field: a name in schema_field_id, its row in schema.c, and its
 * extraction in indexer/document.c (the values a brief has for it: the build
 * fails until it has one). A field whose values a user types in a way no
 * schema_resolve reads yet needs that case in query/query_build.c too.
 * tests/test_schema.c checks every row against the rest and puts it through
 * the indexer, the parser, its option, --help and its facet; it fails until
 * the new field has an example value there. A new field changes the index
 * (test_document's whole-document test says so): indexes need a reindex.
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
    SLOT_ABOUT = 6,       /* ISO codes of the countries the brief is about, as SLOT_COUNTRIES */
    SLOT_TOPICS = 7,      /* the brief's topics (lower case), sorted, joined by SCHEMA_LIST_SEP */
    SLOT_SOURCE = 8,      /* the source as the brief gives it ("Reuters") */
    SLOT_ID = 9           /* the brief's id: ties of weight are ordered by it, the same
                             in one index and in shards (search.c) */
} schema_slot;

/* A field whose values are in no slot. */
#define SCHEMA_NO_SLOT (-1)

/* Separates the items of a multi-valued slot. */
#define SCHEMA_LIST_SEP '\n'

/* Who sees a field. */
typedef enum schema_kind {
    SCHEMA_TEXT,     /* free text: stemmed, positional, weighted */
    SCHEMA_BOOLEAN,  /* one boolean term per value: filters, never weighted */
    SCHEMA_INTERNAL  /* boolean terms the tools use, not offered to users */
} schema_kind;

/* How brief-index writes a field's values. */
typedef enum schema_terms {
    SCHEMA_TERMS_WORDS,  /* text through the term generator (words, stems,
                            positions): under the field's prefix, wdf 1 a
                            word, when it has one; and unprefixed (plain
                            words find it) with wdf weight a word, when
                            weight is not 0 */
    SCHEMA_TERMS_EACH,   /* one boolean term a value: prefix + value */
    SCHEMA_TERMS_DATE    /* one ISO date "YYYY-MM-DD": boolean terms by day
                            (the prefix, PREFIX_DAY), PREFIX_MONTH and
                            PREFIX_YEAR; the slot holds "YYYYMMDD" */
} schema_terms;

/* How a value a user gives (field:value, --field value) is read. */
typedef enum schema_resolve {
    SCHEMA_AS_TYPED,  /* as typed (lower-cased when the field is lower) */
    SCHEMA_PERSON,    /* any alias the extractor knows → the canonical person
                         id; a single name also matches it as a surname */
    SCHEMA_COUNTRY,   /* any alias the extractor knows → the ISO 3166-1 code */
    SCHEMA_DATE       /* a year, month or day → that term; A..B → a range of
                         the field's slot */
} schema_resolve;

/* Every field; the index of its row in schema_fields. */
typedef enum schema_field_id {
    FIELD_TITLE,
    FIELD_BODY,
    FIELD_PERSON,
    FIELD_COUNTRY,
    FIELD_ABOUT,
    FIELD_DATE,
    FIELD_SOURCE,
    FIELD_TOPIC,
    FIELD_ID,
    FIELD_FILE,
    FIELD_VERSION,
    SCHEMA_FIELD_COUNT
} schema_field_id;

typedef struct schema_field {
    const char *name;        /* in queries (name:value), as an option (--name),
                                a facet, and documentation: lower-case letters */
    const char *prefix;      /* Xapian term prefix; "" for the body */
    schema_kind kind;
    schema_terms terms;      /* how brief-index writes it */
    unsigned weight;         /* SCHEMA_TERMS_WORDS: wdf a word in the unprefixed
                                terms (0: none) */
    int lower;               /* values ASCII lower-cased in terms, as written
                                and as queried */
    int slot;                /* the value slot holding its values (schema_slot),
                                or SCHEMA_NO_SLOT */
    char separator;          /* a slot of several values: SCHEMA_LIST_SEP
                                between them; '\0': one value */
    schema_resolve resolve;  /* SCHEMA_BOOLEAN: how a user's value is read */
    int nearest;             /* SCHEMA_BOOLEAN: a value no brief holds gets a
                                hint naming the nearest values the index holds */
    const char *facet;       /* its facet, in the plural ("people"): --facets
                                takes it or the name, and it heads the counts
                                (capitalised); NULL: no facet */
    const char *arg;         /* what a value is, in --help ("NAME") */
    const char *help;        /* what it holds; --help's line for a field of
                                the query syntax */
    const char *option;      /* brief-query --NAME ARG filters as name:ARG does:
                                the option's --help line; NULL: no option */
} schema_field;

/* Every field, in a fixed order: schema_fields[id] is field id's row. */
extern const schema_field schema_fields[SCHEMA_FIELD_COUNT];

/* The field named name, or NULL. */
const schema_field *schema_field_named(const char *name);

/* Non-zero when f's values are names the extractor's gazetteers know
 * (SCHEMA_PERSON, SCHEMA_COUNTRY): reading a user's value needs the
 * extractor, and so does showing a value by its name. */
int schema_field_by_gazetteer(const schema_field *f);

/* Prefixes, for the code that writes a particular field. */
#define PREFIX_TITLE   "S"
#define PREFIX_PERSON  "XP"
#define PREFIX_COUNTRY "XC"  /* every country the brief names (and those it is about) */
#define PREFIX_ABOUT   "XA"  /* the countries the brief is about (extract_brief_salient) */
#define PREFIX_DAY     "D"   /* D20220314 */
#define PREFIX_MONTH   "M"   /* M202203 */
#define PREFIX_YEAR    "Y"   /* Y2022 */
#define PREFIX_SOURCE  "XS"
#define PREFIX_TOPIC   "XT"
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

/* The term of value in field f (its prefix, lower-cased when f is), as
 * schema_term writes it. */
size_t schema_field_term(char *out, size_t outlen, const schema_field *f, const char *value);

/* User metadata key (prefix + person id) holding the display name of a person
 * the gazetteer does not know, as the briefs wrote it ("Abdulaziz bin
 * Salman"), so facets can show it with its case and accents. */
#define METADATA_PERSON_NAME "person-name:"

/* Stemming language of every text field. */
#define SCHEMA_LANGUAGE "english"

/* Gap left between fields so that a phrase never spans two of them. */
#define SCHEMA_FIELD_GAP 100

#endif
