/* extract_text.c — the extractor's tokeniser: see extract_text.h. */
#include "extract_text.h"
#include "array.h"

#include <stdlib.h>
#include <string.h>

/* Base letters of U+00C0..U+00FF and U+0100..U+017F, lower case; '*' marks a
 * code point that is no letter (×, ÷); '2' one that folds to two letters
 * (see fold_pair). */
static const char latin1_base[64 + 1] =
    "aaaaaa2ceeeeiiiidnooooo*ouuuuy2s"   /* U+00C0..U+00DF */
    "aaaaaa2ceeeeiiiidnooooo*ouuuuy2y";  /* U+00E0..U+00FF */
static const char latin_ext_a_base[128 + 1] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii22jjkkklllllll"  /* U+0100..U+013F */
    "lllnnnnnnnnnoooooo22rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"; /* U+0140..U+017F */

static const char *fold_pair(uint32_t cp)
{
    switch (cp) {
    case 0xC6: case 0xE6: return "ae";
    case 0xDE: case 0xFE: return "th";
    case 0xDF: return "ss";
    case 0x132: case 0x133: return "ij";
    case 0x152: case 0x153: return "oe";
    default: return "xx";  /* not reached: only the code points marked 2 */
    }
}

/* Whether a Latin-1 or Latin Extended-A letter is upper case. */
static int latin_is_upper(uint32_t cp)
{
    if (cp >= 0xC0 && cp <= 0xDE)
        return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x137)
        return cp % 2 == 0;
    if (cp >= 0x139 && cp <= 0x148)
        return cp % 2 == 1;
    if (cp >= 0x14A && cp <= 0x177)
        return cp % 2 == 0;
    if (cp == 0x178)
        return 1;
    if (cp >= 0x179 && cp <= 0x17E)
        return cp % 2 == 1;
    return 0;
}

/* Decode the UTF-8 sequence at s[0..avail); set *n to its length (1 for a
 * byte that begins no valid sequence, which then decodes as U+FFFD). */
static uint32_t decode(const unsigned char *s, size_t avail, size_t *n)
{
    uint32_t c = s[0];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || len > avail) {
        *n = 1;
        return c < 0x80 ? c : 0xFFFD;
    }
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *n = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    *n = len;
    return cp;
}

static int is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f'
        || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
        || cp == 0x3000 || cp == 0xFEFF;
}

/* A letter or digit: ASCII alphanumerics, and every code point above U+00BF
 * but the punctuation, symbol and space blocks news text uses. */
static int is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
        return 0;
    if (cp >= 0x2000 && cp <= 0x2BFF)   /* punctuation, symbols, arrows, … */
        return 0;
    if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0xFFFD || cp == 0xFEFF)
        return 0;
    return 1;
}

static int is_upper_cp(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (cp <= 0x17F)
        return latin_is_upper(cp);
    return (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F);
}

static int is_lower_cp(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (cp <= 0x17F)
        return cp >= 0xDF && cp != 0xF7 && !latin_is_upper(cp);
    return (cp >= 0x3B1 && cp <= 0x3C9) || (cp >= 0x430 && cp <= 0x45F);
}

/* Write the folded lower-case form of the letter or digit cp, whose UTF-8
 * bytes are raw[0..n), at out (room for 4 bytes): an ASCII letter in lower
 * case, a letter of Latin-1 or Latin Extended-A as its base letter or two
 * ("É" → "e", "Æ" → "ae"), any other as it is.  Returns the bytes written.
 * Keys and ids both fold through here, so that they agree. */
static inline size_t fold(uint32_t cp, const char *raw, size_t n, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        return 1;
    }
    char base = 0;
    if (cp >= 0xC0 && cp <= 0xFF)
        base = latin1_base[cp - 0xC0];
    else if (cp >= 0x100 && cp <= 0x17F)
        base = latin_ext_a_base[cp - 0x100];
    if (base == '2') {
        memcpy(out, fold_pair(cp), 2);
        return 2;
    }
    if (base && base != '*') {
        out[0] = base;
        return 1;
    }
    memcpy(out, raw, n);
    return n;
}

static int push_token(xtokens *t, const xtoken *tok)
{
    if (array_grow((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v) != 0)
        return -1;
    t->v[t->n++] = *tok;
    return 0;
}

/* The key of a punctuation mark: typographic quotes and dashes become their
 * ASCII forms, so that data and text agree. */
static char punct_key(uint32_t cp)
{
    if (cp < 0x80)
        return (char)cp;
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x2032)
        return '\'';
    if (cp == 0x201C || cp == 0x201D || cp == 0xAB || cp == 0xBB)
        return '"';
    if (cp >= 0x2010 && cp <= 0x2015)
        return '-';
    return '?';  /* any other mark: only its being punctuation matters */
}

static int is_apostrophe(const unsigned char *s, size_t avail)
{
    return s[0] == '\'' || (avail >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x99);
}

static int is_ascii_letter(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Length of a "U.S."-style abbreviation at s[0..avail): a letter and a period,
 * then one or more groups of one to three letters each with its period
 * ("U.S.", "D.C.", "W.Va."); 0 when there is none. */
static size_t abbreviation_length(const unsigned char *s, size_t avail)
{
    if (avail < 4 || !is_ascii_letter(s[0]) || s[1] != '.')
        return 0;
    size_t i = 2, groups = 1;
    for (;;) {
        size_t j = i;
        while (j < avail && j - i < 4 && is_ascii_letter(s[j]))
            j++;
        if (j == i || j - i > 3 || j >= avail || s[j] != '.')
            break;
        i = j + 1;
        groups++;
    }
    if (groups < 2)
        return 0;
    /* "a.m.x" or "U.S.A" without its last period: not an abbreviation end */
    if (i < avail && is_ascii_letter(s[i]))
        return 0;
    return i;
}

/* Mark the tokens of each line whose words are (nearly) all in capitals. */
static void mark_caps_lines(xtokens *t)
{
    for (size_t a = 0; a < t->n;) {
        size_t b = a + 1, words = 0, caps = 0;
        while (b < t->n && !(t->v[b].flags & XTOK_LINE_START))
            b++;
        for (size_t i = a; i < b; i++)
            if ((t->v[i].flags & XTOK_WORD) && !(t->v[i].flags & XTOK_DIGIT)) {
                words++;
                caps += (t->v[i].flags & XTOK_ALLCAPS) != 0;
            }
        /* four fifths: "U.S. TO CUT RATES, Baker SAYS" is still a headline;
         * a lone word in capitals ("LONDON") is not a line of capitals */
        if (words >= 2 && caps * 5 >= words * 4)
            for (size_t i = a; i < b; i++)
                t->v[i].flags |= XTOK_CAPS_LINE;
        a = b;
    }
}

int xtok_run(const char *text, size_t len, xtokens *out)
{
    const unsigned char *s = (const unsigned char *)text;
    out->n = 0;
    out->keys_len = 0;
    /* room for 256 tokens to begin with, as most texts need: growing from
     * array_grow's first 8 would copy them five times over */
    if (array_grow((void **)&out->v, &out->cap, 256, sizeof *out->v) != 0)
        goto nomem;
    size_t i = 0;
    uint32_t pending = XTOK_LINE_START | XTOK_PARAGRAPH;  /* flags for the next token */
    int newlines = 0;

    while (i < len) {
        size_t n;
        uint32_t cp = decode(s + i, len - i, &n);
        if (is_space_cp(cp)) {
            if (cp == '\n') {
                pending |= XTOK_LINE_START;
                if (++newlines >= 2)
                    pending |= XTOK_PARAGRAPH;
            }
            i += n;
            continue;
        }
        newlines = 0;
        /* room for the keys of the rest of the text: two bytes for each of
         * its bytes at most (a folded letter is no longer than its UTF-8; a
         * NUL ends each key) */
        if (array_grow((void **)&out->keys, &out->keys_cap, out->keys_len + (len - i) * 2 + 8, 1)
            != 0)
            goto nomem;
        xtoken tok = { .start = i, .key = (uint32_t)out->keys_len, .flags = pending };
        pending = 0;

        if (!is_word_cp(cp)) {
            out->keys[out->keys_len++] = punct_key(cp);
            i += n;
        } else {
            size_t ab = abbreviation_length(s + i, len - i);
            int upper = 0, lower = 0, first = 1;
            if (ab) {
                for (size_t j = i; j < i + ab; j++) {
                    if (s[j] == '.')
                        continue;
                    out->keys[out->keys_len++] = (char)(s[j] | 0x20);
                    if (s[j] < 'a')
                        upper++;
                    else
                        lower++;
                }
                tok.flags |= XTOK_ABBREV | (s[i] < 'a' ? XTOK_CAP : 0);
                i += ab;
            } else {
                size_t letters = 0;
                while (i < len) {
                    cp = decode(s + i, len - i, &n);
                    if (!is_word_cp(cp))
                        break;
                    if (first && is_upper_cp(cp))
                        tok.flags |= XTOK_CAP;
                    first = 0;
                    if (cp >= '0' && cp <= '9')
                        tok.flags |= XTOK_DIGIT;
                    else
                        letters++;
                    upper += is_upper_cp(cp);
                    lower += is_lower_cp(cp);
                    out->keys_len += fold(cp, text + i, n, out->keys + out->keys_len);
                    i += n;
                }
                if (letters == 1 && upper == 1 && lower == 0 && !(tok.flags & XTOK_DIGIT))
                    tok.flags |= XTOK_UPPER_ONLY;
            }
            if (upper > 0 && lower == 0)
                tok.flags |= XTOK_ALLCAPS;
            tok.flags |= XTOK_WORD;
            tok.end = i;
            /* "Biden's": drop the possessive; "O'Kennedy", "al-Assad": split */
            if (i < len && is_apostrophe(s + i, len - i)) {
                size_t a = s[i] == '\'' ? 1 : 3;
                if (i + a < len && (s[i + a] | 0x20) == 's'
                    && (i + a + 1 >= len || !is_word_cp(decode(s + i + a + 1, len - i - a - 1, &n)))) {
                    tok.flags |= XTOK_POSSESSIVE;
                    i += a + 1;
                } else if (i + a < len && is_word_cp(decode(s + i + a, len - i - a, &n))) {
                    pending |= XTOK_JOINED;
                    i += a;
                }
            } else if (i + 1 < len && s[i] == '-' && is_word_cp(decode(s + i + 1, len - i - 1, &n))) {
                pending |= XTOK_JOINED;
                i += 1;
            }
        }
        tok.key_len = (uint32_t)(out->keys_len - tok.key);
        if (tok.end == 0)
            tok.end = i;
        out->keys[out->keys_len++] = '\0';
        if (push_token(out, &tok) != 0)
            goto nomem;
    }
    mark_caps_lines(out);
    return 0;

nomem:
    out->n = 0;
    out->keys_len = 0;
    return -1;
}

void xtok_free(xtokens *t)
{
    if (!t)
        return;
    free(t->v);
    free(t->keys);
    memset(t, 0, sizeof *t);
}

long xtok_phrase_key(const char *name, char *out, size_t outlen)
{
    return xtok_phrase_key_n(name, strlen(name), out, outlen);
}

long xtok_phrase_key_n(const char *name, size_t name_len, char *out, size_t outlen)
{
    xtokens t = { 0 };
    if (xtok_run(name, name_len, &t) != 0)
        return -1;
    size_t len = 0;
    long result = 0;
    for (size_t i = 0; i < t.n; i++) {
        size_t k = t.v[i].key_len;
        if (len + (i ? 1 : 0) + k + 1 > outlen) {
            result = -1;
            break;
        }
        if (i)
            out[len++] = ' ';
        memcpy(out + len, xtok_key(&t, i), k);
        len += k;
    }
    if (result == 0) {
        if (outlen == 0)
            result = -1;
        else {
            out[len] = '\0';
            result = (long)len;
        }
    }
    xtok_free(&t);
    return result;
}

long xtok_make_id(const char *text, size_t len, char *out, size_t outlen)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t o = 0, i = 0;
    int need_hyphen = 0;
    while (i < len) {
        size_t n;
        uint32_t cp = decode(s + i, len - i, &n);
        char buf[4];
        size_t blen = 0;
        if (is_word_cp(cp)) {
            blen = fold(cp, text + i, n, buf);
        } else if (o > 0) {
            need_hyphen = 1;
        }
        i += n;
        if (blen == 0)
            continue;
        if (o + need_hyphen + blen + 1 > outlen)
            return -1;
        if (need_hyphen)
            out[o++] = '-';
        need_hyphen = 0;
        memcpy(out + o, buf, blen);
        o += blen;
    }
    if (o == 0 || outlen == 0)
        return -1;
    out[o] = '\0';
    return (long)o;
}
