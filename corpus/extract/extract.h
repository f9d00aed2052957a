/* extract.h — find the people and countries a brief mentions.
 *
 * An extractor holds the gazetteers (countries with their aliases, demonyms,
 * capitals and dateline cities; known people with their aliases; first names;
 * titles and roles) and the weights of a statistical person tagger, compiled
 * into the binary, so the tools need no data files at run time
 * (corpus/extract/README.md).  It is immutable once created: one extractor
 * may serve many threads at once.
 *
 * Canonical ids:
 *   country  ISO 3166-1 alpha-2 in lower case ("us", "cn"); historical states
 *            without a clear successor keep a code of their own ("su", "dd", …)
 *   person   the lower-case, hyphenated full name ("jake-sullivan"), as
 *            Reuters-21578 writes its PEOPLE tags
 */
#ifndef BRIEFS_EXTRACT_H
#define BRIEFS_EXTRACT_H

#include <stddef.h>
#include "brief.h"
#include "entity.h"   /* entity, entity_mention, entity_set */

typedef struct extractor extractor;

/* Create an extractor. On success set *out and return 0; on failure (memory)
 * set *out to NULL and return -1. */
int extractor_create(extractor **out);

/* Free an extractor. Accepts NULL. */
void extractor_destroy(extractor *x);

/* Find the entities of a brief: in its title and body, plus the people and
 * countries its source names (b->people, b->countries: any alias or code is
 * accepted there; a header person who is not in the gazetteer is kept with an
 * id made from the name).  Lists are sorted by id and free of duplicates.
 * out->countries holds every country the brief names, each with `about` set
 * when the brief is about it (see extract_brief_salient), plus the countries
 * it is about without naming them (mentions 0: "Reagan told Congress…" is
 * about the United States).
 * When want_spans is non-zero, out->mentions lists every mention in the body,
 * with offsets into b->body, in text order.
 * On success fill *out (which the caller releases with entity_set_clear) and
 * return 0; on failure (memory) leave *out empty and return -1. */
int extract_brief(const extractor *x, const brief *b, int want_spans, entity_set *out);

/* As extract_brief(), but keeping only the countries the brief is about, as a
 * news agency tags its stories (Reuters-21578 PLACES): a model learned from
 * Reuters' TRAIN stories (corpus/extract/gazetteer/salience.txt) weighs where and how
 * often each country is named or hinted at (its people, cities,
 * institutions); a country named once in passing (a list of markets, a
 * comparison) is mostly left out, with its mentions.  People and the source's
 * own tags are always kept. */
int extract_brief_salient(const extractor *x, const brief *b, int want_spans, entity_set *out);

/* Free what *set owns and leave it empty. Accepts NULL. */
void entity_set_clear(entity_set *set);

/* Resolve any country alias, in any case ("US", "u.s.", "United States",
 * "american", "Beijing", "cn") to its canonical code. Returns a static string,
 * or NULL when the name is not a known country. */
const char *extractor_country_code(const extractor *x, const char *name);

/* The display name of a country code ("us" → "United States"), or NULL. */
const char *extractor_country_name(const extractor *x, const char *code);

/* Resolve a person's name or alias, in any case ("Biden", "President Biden",
 * "joe biden", "joe-biden") to a canonical id written into out (at most outlen
 * bytes, NUL included). A name not in the gazetteer gets the id made from it
 * ("Ana Torres" → "ana-torres"). Returns 0, or -1 when the name is empty or the
 * id does not fit. */
int extractor_person_id(const extractor *x, const char *name, char *out, size_t outlen);

/* The display name of a known person id ("joe-biden" → "Joe Biden"), or NULL
 * when the id is not in the gazetteer. */
const char *extractor_person_name(const extractor *x, const char *id);

#endif
