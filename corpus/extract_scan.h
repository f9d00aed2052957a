/* extract_scan.h — private to the extractor: the state of one scan of a
 * text (extract_scan.c), shared with the sequence tagger
 * (extract_sequence.c). */
#ifndef BRIEFS_EXTRACT_SCAN_H
#define BRIEFS_EXTRACT_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "extract_int.h"
#include "extract_text.h"

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
    const extractor *x;
    const gazetteer *g;
    const char *text;
    int year;            /* when the text was written; 0: unknown */
    int us_context;      /* the text names the United States or a place in it */
    int caucasus_context;/* ... or Georgia's capital, people or neighbours */
    xtokens t;
    match *m;            size_t nm, capm;
    int32_t *cover;      /* per token: index of the match that holds it, or -1 */
    person_ref *people;  size_t np, capp;
    join_key *joins;     size_t nj, capj;
    xtokens header;      /* the header's names, cut (their keys back joins) */
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


/* Whether the capitalised word at token i may stand for a person named in
 * full elsewhere (a common-word surname opening a sentence may not). */
int scan_may_join(const scan *s, size_t i);

/* Whether token i opens a sentence. */
int scan_sentence_start(const scan *s, size_t i);

/* Record tokens a..b as one match of the type (enum match_type). Returns 0,
 * or -1 when memory runs out. */
int scan_add_match(scan *s, size_t a, size_t b, int type, int32_t ref);

/* Drop match k: its tokens are free again (the entry stays, typed NONE). */
void scan_drop_match(scan *s, size_t k);

/* Match the gazetteer again over the free words of tokens a..b (after a
 * name that held them was dropped: "Canada" of a "Statistics Canada" the
 * rules took for a person is the country again).  Returns 0, or -1 (memory). */
int scan_restore_gazetteer(scan *s, size_t a, size_t b);

/* Make tokens a..b one person (known to the gazetteer or made from the
 * words), dropping the matches inside them: its match is then the last of
 * s->m. Returns 0; 1 when the words make no person (an id too long for
 * person_ref.id: nothing is changed); or -1 (memory). */
int scan_mark_person(scan *s, size_t a, size_t b);

/* As scan_mark_person(), for a person the gazetteer is not asked about
 * (a lone "Harris", which only a lookup would make Kamala Harris). */
int scan_mark_unknown_person(scan *s, size_t a, size_t b);

/* The title right before token j (its "." skipped): 0 none, 1 a role,
 * 2 an honorific. */
int scan_title_before(const scan *s, size_t j);

/* Run the rule passes over text[0..len) (gazetteer, names, surnames, and the
 * dateline of a body): *s is then ready for the tagger or the report.
 * scan_free() releases it, whatever this returns.  Returns 0, or -1 when
 * memory runs out. */
int scan_rules(scan *s, const extractor *x, const char *text, size_t len, int year,
               int in_body, const brief_list *header_people);

void scan_free(scan *s);

#endif
