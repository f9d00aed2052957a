/* extract_scan_state.h — private to the extractor: the state of one scan
 * of a text, and the edits made to it.
 *
 * The rules (extract_scan.c) fill a scan: the text's tokens, the matches
 * over them (countries, people, titles, blocked phrases) and its people;
 * the sequence tagger (extract_sequence.c) reads the same state to describe
 * each word, and edits its people (scan_mark_person, scan_drop_match, …).
 * Both include this header and call the functions below
 * (extract_scan_state.c), which call only the gazetteer and the tokeniser:
 *
 *   extract.c ──▶ extract_scan.c ──▶ extract_sequence.c
 *                      │                    │
 *                      └──▶ extract_scan_state.c ◀──┘
 */
#ifndef BRIEFS_EXTRACT_SCAN_STATE_H
#define BRIEFS_EXTRACT_SCAN_STATE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "extract_gazetteer.h"
#include "extract_text.h"
#include "strset.h"

/* A token between "<" and ">": Reuters writes company names and tickers so
 * ("<British Land Co PLC>", "<ROK>"); they name no country and no person. */
#define TOK_IN_BRACKETS (1u << 16)

enum match_type { MATCH_NONE, MATCH_COUNTRY, MATCH_PERSON, MATCH_TITLE, MATCH_BLOCK };

/* What made a person match: the sequence tagger keeps the gazetteer's and
 * the header's, and judges the others (extract_sequence.c). */
enum match_source { SOURCE_GAZETTEER, SOURCE_NAMES, SOURCE_JOIN, SOURCE_HEADER_JOIN, SOURCE_MODEL };

/* Tokens a..b (inclusive) form one mention. */
typedef struct match {
    size_t a, b;
    uint8_t type;      /* enum match_type */
    uint8_t dateline;  /* a country found in the dateline */
    uint8_t source;    /* PERSON: enum match_source */
    int32_t ref;       /* COUNTRY: alias index (or -1 - country index for a
                          dateline state); PERSON: index into scan.people;
                          TITLE: 1 role, 2 honorific */
} match;

/* A person of this text: known to the gazetteer or made from the words. */
typedef struct person_ref {
    long gaz;           /* gazetteer index, or -1 */
    char id[160];
    const char *display;
    size_t display_len;
} person_ref;

/* A word that stands for a person named in full: a surname ("Sullivan") or a
 * family name written first ("Yang"). */
typedef struct join_key {
    const char *key;
    size_t person;      /* index into scan.people */
    size_t token;       /* where the full name was seen (SIZE_MAX: the header) */
} join_key;

typedef struct scan {
    const gazetteer *g;
    const char *text;
    int year;            /* when the text was written; 0: unknown */
    int us_context;      /* the text names the United States or a place in it */
    int caucasus_context;/* ... or Georgia's capital, people or neighbours */
    xtokens t;
    match *m;            size_t nm, capm;
    int32_t *cover;      /* per token: index of the match that holds it, or -1 */
    person_ref *people;  size_t np, capp;
    strset person_ids;   /* the people's ids: each one's number is its index */
    join_key *joins;     size_t nj, capj;
    xtokens header;      /* the header's names, cut (their keys back joins) */
    size_t full_names_changed; /* full names (people of two tokens or more)
                                  added or dropped so far: an index of them
                                  built before is out of date */
} scan;

static inline const char *key_at(const scan *s, size_t i)
{
    return xtok_key(&s->t, i);
}

static inline uint32_t flags_at(const scan *s, size_t i)
{
    return s->t.v[i].flags;
}

static inline int is_word(const scan *s, size_t i)
{
    return i < s->t.n && (flags_at(s, i) & XTOK_WORD) && !(flags_at(s, i) & TOK_IN_BRACKETS);
}

static inline int is_cap_word(const scan *s, size_t i)
{
    return is_word(s, i) && (flags_at(s, i) & XTOK_CAP) && !(flags_at(s, i) & XTOK_DIGIT);
}

static inline int key_is(const scan *s, size_t i, const char *word)
{
    return i < s->t.n && strcmp(key_at(s, i), word) == 0;
}

static inline int key_in(const scan *s, size_t i, const char *const *words)
{
    if (i >= s->t.n)
        return 0;
    for (; *words; words++)
        if (strcmp(key_at(s, i), *words) == 0)
            return 1;
    return 0;
}

static inline const gaz_phrase *phrase_at(const scan *s, size_t i)
{
    return gazetteer_phrase(s->g, key_at(s, i));
}

/* Whether token i stands on a line of capitals (a headline), where letter
 * case tells nothing and names are found only through the gazetteer. */
static inline int in_caps_line(const scan *s, size_t i)
{
    return (flags_at(s, i) & XTOK_CAPS_LINE) != 0;
}

/* The gazetteer person that tokens a..b name, or -1. */
static inline long known_person(const scan *s, size_t a, size_t b)
{
    return gazetteer_person_by_name(s->g, &s->t, a, b);
}

/* Whether the letters of the tokens from a fit what c asks (any letters do
 * on a line of capitals). */
static inline int scan_letters_match(const scan *s, size_t a, gaz_case c)
{
    if (in_caps_line(s, a))
        return 1;
    for (size_t k = 0; k < c.ntokens; k++) {
        uint32_t f = flags_at(s, a + k);
        if ((c.cap >> k & 1) && !(f & XTOK_CAP))
            return 0;
        if ((c.allcaps >> k & 1) && !(f & XTOK_ALLCAPS))
            return 0;
    }
    return 1;
}

/* The title right before token j (its "." skipped): 0 none, 1 a role,
 * 2 an honorific.  *apposed (when apposed is not NULL) is set when a comma
 * stands between ("his prime minister, Succes Masra"). */
static inline int scan_title_before(const scan *s, size_t j, int *apposed)
{
    int ignored;
    if (!apposed)
        apposed = &ignored;
    *apposed = 0;
    if (j == 0)
        return 0;
    size_t i = j - 1;
    if (key_is(s, i, ",") && i > 0) {
        *apposed = 1;
        i--;
    }
    if (key_is(s, i, ".") && i > 0)
        i--;
    int32_t c = s->cover[i];
    return c >= 0 && s->m[c].type == MATCH_TITLE && s->m[c].b == i ? s->m[c].ref : 0;
}

/* Whether token i opens a sentence. */
static inline int scan_sentence_start(const scan *s, size_t i)
{
    if (i == 0 || (flags_at(s, i) & XTOK_PARAGRAPH))
        return 1;
    static const char *const ends[] = { ".", "!", "?", ":", NULL };
    if (key_is(s, i - 1, "\"") || key_is(s, i - 1, "'"))
        return i == 1 || key_in(s, i - 2, ends) || (flags_at(s, i - 1) & XTOK_PARAGRAPH);
    return key_in(s, i - 1, ends);
}

/* Whether the capitalised word at token i may stand for a person named in
 * full elsewhere (a common-word surname opening a sentence may not). */
int scan_may_join(const scan *s, size_t i);

/* Begin a scan of text[0..len), written in year (0: unknown), with the
 * gazetteer g: cut the text into tokens; no match, no person yet.
 * scan_free() releases it, whatever this returns.  Returns 0, or -1 when
 * memory runs out. */
int scan_start(scan *s, const gazetteer *g, const char *text, size_t len, int year);

void scan_free(scan *s);

/* Record tokens a..b as one match of the type (enum match_type). Returns 0,
 * or -1 when memory runs out. */
int scan_add_match(scan *s, size_t a, size_t b, int type, int32_t ref);

/* Drop match k: its tokens are free again (the entry stays, typed NONE). */
void scan_drop_match(scan *s, size_t k);

/* Match the longest gazetteer phrase that starts at token i and whose
 * letters fit (a person's alias never across a line break); set *next to
 * the token after it.  A person's match holds -2 - its gazetteer index as
 * ref until scan_add_person gives it a place in s->people.  Returns 0, or
 * -1 when memory runs out. */
int scan_match_gazetteer_at(scan *s, size_t i, size_t *next);

/* Match the gazetteer again over the free words of tokens a..b (after a
 * name that held them was dropped: "Canada" of a "Statistics Canada" the
 * rules took for a person is the country again).  Returns 0, or -1 (memory). */
int scan_restore_gazetteer(scan *s, size_t a, size_t b);

/* scan_add_person's answer for words whose id does not fit person_ref.id. */
#define SCAN_NOT_A_NAME (-2)

/* Add a person (known: gaz >= 0, else made from display[0..display_len))
 * unless the scan has it already; return its index in s->people; -1 when
 * memory runs out; SCAN_NOT_A_NAME when the id is too long to be anyone's (a
 * capitalised run of 160 bytes and more): the brief is read on without it
 * rather than failing whole. */
long scan_add_person(scan *s, long gaz, const char *display, size_t display_len);

/* Make tokens a..b one person (known to the gazetteer or made from the
 * words), dropping the matches inside them: its match is then the last of
 * s->m. Returns 0; 1 when the words make no person (an id too long for
 * person_ref.id: nothing is changed); or -1 (memory). */
int scan_mark_person(scan *s, size_t a, size_t b);

/* As scan_mark_person(), for a person the gazetteer is not asked about
 * (a lone "Harris", which only a lookup would make Kamala Harris). */
int scan_mark_unknown_person(scan *s, size_t a, size_t b);

#endif
