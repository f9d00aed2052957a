/* extract_text.h — private to the extractor: the tokeniser and key folding.
 *
 * The text is cut into tokens: words (letters and digits, "U.S."-style
 * abbreviations kept whole) and single punctuation marks.  A hyphen or an
 * apostrophe inside a word splits it ("Guinea-Bissau", "O'Kennedy"), and the
 * part after is marked XTOK_JOINED; a final "'s" is dropped and marks the word
 * XTOK_POSSESSIVE.  Each token has a key: lower case, accents folded to ASCII
 * (Latin-1 and Latin Extended-A), the periods of an abbreviation dropped; a
 * phrase's key is its tokens' keys joined by single spaces.  Gazetteer entries
 * are cut by the same tokeniser, so the text and the data always agree.
 */
#ifndef BRIEFS_EXTRACT_TEXT_H
#define BRIEFS_EXTRACT_TEXT_H

#include <stddef.h>
#include <stdint.h>

enum xtok_flag {
    XTOK_WORD       = 1 << 0,  /* letters or digits (else one punctuation mark) */
    XTOK_CAP        = 1 << 1,  /* begins with an upper-case letter */
    XTOK_ALLCAPS    = 1 << 2,  /* has upper-case letters and no lower-case one */
    XTOK_DIGIT      = 1 << 3,  /* holds a digit */
    XTOK_POSSESSIVE = 1 << 4,  /* was followed by "'s", which is not in the token */
    XTOK_LINE_START = 1 << 5,  /* first token of a line */
    XTOK_JOINED     = 1 << 6,  /* follows a hyphen or apostrophe inside a word */
    XTOK_ABBREV     = 1 << 7,  /* "U.S.", "D.C.": letters and periods */
    XTOK_PARAGRAPH  = 1 << 8,  /* first token after a blank line (or of the text) */
    XTOK_UPPER_ONLY = 1 << 9,  /* a word that is a single upper-case letter ("C" of "C. William") */
    XTOK_CAPS_LINE  = 1 << 10  /* on a line written in capitals (a headline): its
                                  letter case tells nothing */
};

typedef struct xtoken {
    size_t start, end;  /* bytes [start, end) of the text, "'s" excluded */
    uint32_t key;       /* offset of the NUL-terminated key in xtokens.keys */
    uint32_t key_len;
    uint32_t flags;     /* enum xtok_flag */
} xtoken;

typedef struct xtokens {
    xtoken *v;
    size_t n, cap;
    char *keys;         /* every token's key, NUL-terminated, one after the other */
    size_t keys_len, keys_cap;
} xtokens;

/* Cut text[0..len) into tokens, replacing what *out held (its memory is reused).
 * Returns 0, or -1 when memory runs out (*out is then left empty). */
int xtok_run(const char *text, size_t len, xtokens *out);

/* Free what *t owns and leave it empty. Accepts NULL. */
void xtok_free(xtokens *t);

/* The key of token i. */
static inline const char *xtok_key(const xtokens *t, size_t i)
{
    return t->keys + t->v[i].key;
}

/* Write the key of the phrase name (any text) into out (outlen bytes, NUL
 * included): its tokens' keys joined by spaces.  Returns the key's length,
 * or -1 when it does not fit or memory runs out. */
long xtok_phrase_key(const char *name, char *out, size_t outlen);

/* As xtok_phrase_key(), for the first len bytes of name. */
long xtok_phrase_key_n(const char *name, size_t len, char *out, size_t outlen);

/* Append to out (outlen bytes) an id made from text[0..len): lower case,
 * accents folded, every run of other characters one hyphen, none at either
 * end ("Jean-Claude Juncker" → "jean-claude-juncker").  Returns its length, or
 * -1 when it does not fit or holds no letter or digit. */
long xtok_make_id(const char *text, size_t len, char *out, size_t outlen);

#endif
