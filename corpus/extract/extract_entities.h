/* extract_entities.h — private to the extractor: the entities of one brief
 * as the scans find them.
 *
 * An entity_acc gathers each person and country with its mentions (and
 * their spans, when asked for), and where and how each country was named or
 * hinted at, the facts the salience model reads.  extract_scan.c adds what
 * it finds in a text (entity_acc_add); extract.c decides what the brief is
 * about and hands the lists over as the brief's entity_set.  It calls
 * neither: both call it.
 */
#ifndef BRIEFS_EXTRACT_ENTITIES_H
#define BRIEFS_EXTRACT_ENTITIES_H

#include <stddef.h>
#include "entity.h"
#include "strset.h"

/* Where a mention stands.  IN_IMPLIED_TITLE and IN_IMPLIED_BODY: a word that
 * does not name the country but hints at it (a city in running text, a known
 * person of that country, an institution such as Congress): a candidate for
 * the salience model only, never a mention. */
typedef enum mention_place {
    IN_TITLE, IN_BODY, IN_DATELINE, IN_IMPLIED_TITLE, IN_IMPLIED_BODY
} mention_place;

/* What kind of word a country mention is (bits), for the salience model. */
enum mention_trait {
    TRAIT_DEMONYM = 1,      /* "Chinese" */
    TRAIT_PLACE = 2,        /* a capital, city, state or province */
    TRAIT_SUBJECT = 4,      /* followed by 's or a verb: "Japan said" */
    TRAIT_PERSON = 8,       /* implied: a known person of the country */
    TRAIT_INSTITUTION = 16, /* implied: Congress, the Treasury */
    TRAIT_COMPANY = 32      /* implied: a company form ("British Telecom Plc") */
};

/* Where and how a country was named or hinted at, for salience. */
typedef struct country_seen {
    unsigned title, body;        /* mentions (the dateline counts in the body) */
    unsigned demonym, place, subject;
    unsigned hint_person, hint_place, hint_institution, hint_company, hint_title;
    unsigned listed;             /* mentions next to another country's ("Japan, Korea and") */
    int dateline;
    size_t first;                /* the body's byte where first named; -1: never */
    unsigned rank;               /* the order in which the brief first named it */
} country_seen;

/* The entities found so far; zeroed to begin (want_spans set as asked);
 * people_ids is the acc's own, freed with strset_clear(). */
typedef struct entity_acc {
    entity *people;            size_t npeople, cap_people;
    strset people_ids;         /* their ids, each numbered by its index: a text
                                  may name any number of people (countries
                                  are the gazetteer's few, looked for in turn) */
    entity *countries;         size_t ncountries, cap_countries;
    country_seen *seen;        size_t cap_seen;  /* one per country */
    entity_mention *mentions;  size_t nmentions, cap_mentions;
    int want_spans;
    int dateline;              /* the body opens with a dateline */
    size_t title_end;          /* the body's first line is its title: where it ends */
    size_t body_len;
    unsigned named;            /* countries named so far */
    size_t last_end;           /* where the last country mention of the body ended */
    size_t last_country;       /* and whose it was, + 1 (0: none yet) */
} entity_acc;

/* The entity of id in the list of kind, added (with no mention) when new,
 * with display[0..display_len) as its name (blanks collapsed); NULL when
 * memory runs out. */
entity *entity_acc_entity(entity_acc *acc, entity_kind kind, const char *id,
                          const char *display, size_t display_len);

/* Count one mention of an entity; when spans are wanted and the mention is in
 * the body (dateline included), record bytes [start, end) too.
 * display[0..display_len) is the name to show when the entity is new.
 * traits: enum mention_trait bits (countries only).  An implied place counts
 * only as a hint for the salience model.
 * Returns 0, or -1 when memory runs out. */
int entity_acc_add(entity_acc *acc, entity_kind kind, const char *id,
                   const char *display, size_t display_len, size_t start, size_t end,
                   mention_place where, unsigned traits);

#endif
