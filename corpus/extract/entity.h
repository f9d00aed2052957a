/* entity.h — what the extractor finds in a brief: people and countries
 * (entity), where each is named (entity_mention), and the lists of one brief
 * (entity_set).  extract.h hands them out; the parts of the extractor below
 * it (extract_entities.h) build them, so the types stand on their own here
 * and none of those parts needs extract.h.
 */
#ifndef BRIEFS_ENTITY_H
#define BRIEFS_ENTITY_H

#include <stddef.h>

typedef enum entity_kind { ENTITY_PERSON, ENTITY_COUNTRY } entity_kind;

/* One entity of a brief: a person or a country, with how often it is named. */
typedef struct entity {
    char *id;           /* canonical id */
    char *display;      /* "Jake Sullivan", "United States" */
    unsigned mentions;  /* mentions in the text (0: only from the source's tags,
                           or a country the text hints at without naming it) */
    int about;          /* countries: 1 when the brief is about the country (the
                           salient set, see extract_brief_salient); people: 0 */
} entity;

/* One mention in the text: bytes [start, end) of the text that was given. */
typedef struct entity_mention {
    entity_kind kind;
    size_t start, end;
    char *id;           /* canonical id it resolves to */
} entity_mention;

typedef struct entity_set {
    entity *people;            size_t npeople;
    entity *countries;         size_t ncountries;
    entity_mention *mentions;  size_t nmentions;  /* only when spans were asked for */
} entity_set;

#endif
