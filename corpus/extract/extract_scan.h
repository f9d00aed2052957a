/* extract_scan.h — private to the extractor: find the people and countries
 * of one text (extract_scan.c).
 *
 * The scanner runs the rules over the text (extract_scan_state.h holds what
 * they find), lets the sequence tagger judge the people (extract_sequence.h)
 * and reports every mention to an entity_acc (extract_entities.h).  It is
 * called by extract.c, and calls only the modules below it.
 */
#ifndef BRIEFS_EXTRACT_SCAN_H
#define BRIEFS_EXTRACT_SCAN_H

#include <stddef.h>
#include "brief.h"
#include "extract_entities.h"
#include "extract_gazetteer.h"
#include "extract_sequence.h"

/* Find the people and countries of text[0..len) with the gazetteer g and
 * the sequence tagger's weights tagger (an empty model: the rules alone),
 * and report each mention to acc.  in_body: the text is a brief's body (its start may hold a dateline;
 * its mentions carry spans); 2: a body whose first line is its title (the
 * dateline may open the second line).  header_people (may be NULL): names the source
 * gave, whose surnames alone then count as them.  year: when the text was
 * written (0: unknown), for the names whose country changed.  Returns 0, or -1 when memory
 * runs out. */
int extract_scan(const gazetteer *g, const seq_model *tagger, const char *text, size_t len,
                 int in_body, int year, const brief_list *header_people, entity_acc *acc);

/* Run the rules over text[0..len) as a body, with the gazetteer g, and
 * describe its words as the sequence tagger sees them (for train-sequence).
 * Returns 0, or -1 when memory runs out. */
int extract_scan_words(const gazetteer *g, const char *text, size_t len, seq_words *out);

#endif
