/* extract_int.h — private to the extractor: what extract.c and extract_scan.c
 * share.  extract.c holds the public API and gathers the entities of a brief;
 * extract_scan.c finds the mentions in one text. */
#ifndef BRIEFS_EXTRACT_INT_H
#define BRIEFS_EXTRACT_INT_H

#include <stddef.h>
#include "brief.h"
#include "extract.h"
#include "extract_gazetteer.h"
#include "extract_salience.h"
#include "extract_sequence.h"

struct extractor {
    gazetteer g;
    seq_model sequence;    /* the sequence tagger; empty: names are found by the rules alone */
    salience_model salience;  /* empty: the hand rule decides what a brief is about */
};

/* Where extract_scan() reports what it finds (implemented in extract.c). */
typedef struct entity_acc entity_acc;

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

/* Count one mention of an entity; when spans are wanted and the mention is in
 * the body (dateline included), record bytes [start, end) too.
 * display[0..display_len) is the name to show when the entity is new.
 * traits: enum mention_trait bits (countries only).  An implied place counts
 * only as a hint for the salience model.
 * Returns 0, or -1 when memory runs out. */
int entity_acc_add(entity_acc *acc, entity_kind kind, const char *id,
                   const char *display, size_t display_len, size_t start, size_t end,
                   mention_place where, unsigned traits);

/* Find the people and countries of text[0..len) and report each mention to
 * acc.  in_body: the text is a brief's body (its start may hold a dateline;
 * its mentions carry spans); 2: a body whose first line is its title (the
 * dateline may open the second line).  header_people (may be NULL): names the source
 * gave, whose surnames alone then count as them.  year: when the text was
 * written (0: unknown), for the names whose country changed.  Returns 0, or -1 when memory
 * runs out. */
int extract_scan(const extractor *x, const char *text, size_t len, int in_body, int year,
                 const brief_list *header_people, entity_acc *acc);

/* Resolve a person's name: set *person to the gazetteer index of a known
 * person (or -1), and write the canonical id into out.  Titles before the
 * name are dropped ("President Biden").  Returns 0, or -1 when the name is
 * empty or the id does not fit. */
int extract_resolve_person(const extractor *x, const char *name, size_t len, long *person,
                           char *out, size_t outlen);

#endif
