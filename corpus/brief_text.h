/* brief_text.h — the text rules a brief's fields follow, whatever format they
 * were read from: white space trimmed and collapsed, a list field split into
 * items, the title taken from the text when the source gives none.
 *
 * The format readers (reader_text.c, reader_jsonl.c, reader_sgml.c) use it;
 * it uses only brief.h (the lists it fills) and utf8.h (counting code points),
 * never a reader, so the formats share these rules without depending on one
 * another.  Every function takes valid UTF-8 and keeps it valid.
 */
#ifndef BRIEFS_BRIEF_TEXT_H
#define BRIEFS_BRIEF_TEXT_H

#include <stddef.h>

#include "brief.h"

/* Titles longer than this many code points are cut (the cut one ends in "…"). */
#define BRIEF_TITLE_MAX 120

/* Whether c is ASCII white space: ' ', '\t', '\n', '\r', '\v', '\f'.  Inline:
 * the readers test it on every byte of the lines they trim. */
static inline int brief_text_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Move [*s, *s + *len) in past the white space at both of its ends.  Cannot
 * fail; nothing is copied. */
void brief_text_trim(const char **s, size_t *len);

/* Return a copy of s[0..len) with white space trimmed and runs of it (new
 * lines too) collapsed to one space, or NULL when memory runs out.  The
 * caller frees it. */
char *brief_text_collapse_space(const char *s, size_t len);

/* Append the items of s[0..len), split at any byte of seps, trimmed, empty
 * ones skipped, duplicates skipped, to *list, which keeps at most
 * BRIEF_LIST_MAX (the rest are counted in list->dropped, not looked up).  Return 0, or -1 when memory runs out (the items added so far stay). */
int brief_text_split_list(brief_list *list, const char *s, size_t len, const char *seps);

/* Split a People value into *list as brief_text_split_list does: at ';' when
 * it holds one ("Smith, John; Doe, Jane"), else at ','. */
int brief_text_split_people(brief_list *list, const char *s, size_t len);

/* Add s[0..len) to *list as one topic: white space trimmed and collapsed,
 * ASCII lower-cased (so "Crude Oil" and "crude  oil" are one topic); an empty
 * or repeated one is skipped.  Return 0, or -1 when memory runs out. */
int brief_text_add_topic(brief_list *list, const char *s, size_t len);

/* Split a Topics or Tags value at ',' or ';' into *list, each item added by
 * brief_text_add_topic. */
int brief_text_split_topics(brief_list *list, const char *s, size_t len);

/* The title rule: the first non-empty line of text[0..len) when it holds at
 * most BRIEF_TITLE_MAX code points (trimmed, white space collapsed),
 * otherwise its first sentence, cut at a word boundary to at most
 * BRIEF_TITLE_MAX code points with "…" at the end when cut.  Return a new
 * string (the caller frees it), "" when the text has no visible character, or
 * NULL when memory runs out. */
char *brief_text_title(const char *text, size_t len);

#endif
