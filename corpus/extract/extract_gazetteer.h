/* extract_gazetteer.h — private to the extractor: the gazetteers, parsed.
 *
 * The data files of corpus/extract/gazetteer/ are compiled into the binary as
 * strings (gazetteer/gazetteer_data.h); gazetteer_load() parses them into
 * hash tables once, in extractor_create().  After that the gazetteer is only
 * read, so threads may share it.
 */
#ifndef BRIEFS_EXTRACT_GAZETTEER_H
#define BRIEFS_EXTRACT_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>
#include "strset.h"

/* How a country alias tags its country (corpus/extract/README.md). */
typedef enum alias_kind {
    KIND_NAME,      /* always */
    KIND_DEMONYM,   /* always */
    KIND_CAPITAL,   /* in a dateline, or as the subject of a verb ("Beijing said") */
    KIND_CITY,      /* in a dateline only */
    KIND_STATE,     /* a US state: always, as "us" */
    KIND_REGION,    /* a province or constituent land ("Ontario"): always */
    KIND_BLOCK,     /* never: a longer phrase that stops a shorter match */
    KIND_INSTITUTION, /* never a mention; a hint for salience ("Congress") */
    KIND_COMPANY     /* a company form ("Plc", "AG"): a hint for salience */
} alias_kind;

#define GAZ_MAX_PHRASE_TOKENS 12

/* What the letters of a phrase must look like in the text, token by token:
 * bit i of cap set: token i must begin with a capital; of allcaps: token i
 * must be all capitals (an alias such as "US" or "U.S."). */
typedef struct gaz_case {
    uint16_t cap, allcaps;
    uint8_t ntokens;
} gaz_case;

typedef struct gaz_country {
    char code[4];
    const char *display;
} gaz_country;

typedef struct gaz_country_alias {
    uint16_t country;   /* index into gazetteer.countries */
    uint8_t kind;       /* alias_kind */
    uint8_t us_state;   /* also the name of a US state ("Georgia", "Washington") */
    gaz_case letters;
    /* before the year era_before (0: never), the alias names era_country
     * instead: "Moscow" is the Soviet Union in 1987 news */
    uint16_t era_country, era_before;
} gaz_country_alias;

typedef struct gaz_person {
    const char *id;       /* "jake-sullivan" */
    const char *display;  /* "Jake Sullivan" */
    int32_t country;      /* index into countries of the person's country, or -1 */
} gaz_person;

typedef struct gaz_person_alias {
    uint32_t person;      /* index into gazetteer.people */
    uint8_t lookup_only;  /* "~Baker": resolves a name, never matched alone */
    gaz_case letters;
} gaz_person_alias;

/* Everything one phrase key may stand for; -1: nothing of that sort. */
typedef struct gaz_phrase {
    int32_t country_alias;  /* index into gazetteer.country_aliases */
    int32_t person_alias;   /* index into gazetteer.person_aliases */
    int32_t title;          /* 1: a title or role; 2: an honorific ("Mr", "President") */
    uint8_t is_prefix;      /* a longer phrase begins with this one */
    uint8_t first_name;     /* a given name ("Jake") */
    uint8_t not_name;       /* a capitalised word that is no part of a name ("Monday") */
    uint8_t state_abbrev;   /* a US state's dateline abbreviation ("neb", "calif") */
    uint8_t organisation;   /* enum gaz_organisation (organisations.txt) */
} gaz_phrase;

/* What organisations.txt says of a phrase. */
enum gaz_organisation {
    ORG_NONE,
    ORG_NAME,   /* the name of an organisation, two words or more ("Merrill Lynch") */
    ORG_WORD    /* one word that names or marks an organisation ("Rovers", "Nomura") */
};

typedef struct gazetteer {
    gaz_country *countries;             size_t ncountries, cap_countries;
    gaz_country_alias *country_aliases; size_t ncountry_aliases, cap_country_aliases;
    gaz_person *people;                 size_t npeople, cap_people;
    gaz_person_alias *person_aliases;   size_t nperson_aliases, cap_person_aliases;
    gaz_phrase *phrases;                size_t nphrases, cap_phrases;
    /* The keys, each numbered as its entry (strset_number: the index into
     * the array; strset_intern with the array's next entry) */
    strset phrase_keys;   /* "united states": index into phrases */
    strset codes;         /* "us": index into countries */
    strset person_ids;    /* "jake-sullivan": index into people */
    struct gaz_chunk *arena;  /* every string the gazetteer owns but the keys */
    size_t us;            /* index of "us" in countries */
} gazetteer;

/* Parse the embedded data into *g. Returns 0, or -1 when memory runs out
 * (*g is then freed and empty). */
int gazetteer_load(gazetteer *g);

/* Free what *g owns. Accepts NULL. */
void gazetteer_free(gazetteer *g);

/* The index into g->countries of a country code ("us"), or -1. */
static inline long gazetteer_country_of_code(const gazetteer *g, const char *code)
{
    return strset_number(&g->codes, code);
}

/* The index into g->people of a person id ("jake-sullivan"), or -1. */
static inline long gazetteer_person_of_id(const gazetteer *g, const char *id)
{
    return strset_number(&g->person_ids, id);
}

/* The country an alias names in a text of the given year (0: unknown, today). */
static inline size_t gaz_alias_country(const gaz_country_alias *a, int year)
{
    return a->era_before && year > 0 && year < a->era_before ? a->era_country : a->country;
}

struct xtokens;

/* The gazetteer person that the name in tokens a..b (inclusive) of t stands
 * for, or -1: the whole name as an alias (lookup-only aliases too); else its
 * first and last words ("Ivan F. Boesky" → Ivan Boesky); else its last word as
 * an alias of a person with the same first word ("Volodymyr Zelenskiy"). */
long gazetteer_person_by_name(const gazetteer *g, const struct xtokens *t, size_t a, size_t b);

/* The phrase of key, or NULL. */
const gaz_phrase *gazetteer_phrase(const gazetteer *g, const char *key);

/* Resolve a person's name name[0..len): set *person to the gazetteer index
 * of a known person (or -1), and write the canonical id into out (outlen
 * bytes, NUL included): the known person's, else one made from the name.
 * Titles before the name are dropped ("President Biden").  Returns 0, or
 * -1 when the name is empty or the id does not fit. */
int gazetteer_resolve_person(const gazetteer *g, const char *name, size_t len, long *person,
                             char *out, size_t outlen);

#endif
