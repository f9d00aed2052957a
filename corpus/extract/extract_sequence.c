/* extract_sequence.c — the sequence tagger of names: see extract_sequence.h.
 *
 * It reads a scan's state (extract_scan_state.h) to describe the words and
 * edits the scan's people through extract_scan_state.c; the scanner
 * (extract_scan.c) calls it, and it calls nothing above the state.
 *
 * Features are hashed to 32 bits (FNV-1a of "name=value").  Only our own
 * vocabulary is ever a feature's value: the lower-case words of the text
 * (function words, verbs: "said", "beat", "shares"), the capitalised words of
 * not-names.txt, shapes, short suffixes, and what the gazetteers and the rules
 * say; a capitalised word itself never is, so the weights hold no names.
 */
#include "extract_sequence.h"
#include "array.h"
#include "extract_nearest.h"
#include "extract_scan_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the model ------------------------------------------------------------ */

static uint32_t mix(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x45d9f3bu;
    h ^= h >> 16;
    return h;
}

#define FILTER_BITS 20   /* 128 KiB */

static uint32_t filter_bit(uint32_t feature)
{
    return (feature * 2654435761u) >> (32 - FILTER_BITS);
}

const int32_t *seq_model_get(const seq_model *m, uint32_t feature)
{
    if (m->cap == 0)
        return NULL;
    if (m->filter) {
        uint32_t b = filter_bit(feature);
        if (!(m->filter[b >> 6] >> (b & 63) & 1))
            return NULL;
    }
    size_t mask = m->cap - 1;
    for (size_t i = mix(feature) & mask;; i = (i + 1) & mask) {
        if (m->v[i].key == feature)
            return m->v[i].w;
        if (m->v[i].key == 0)
            return NULL;
    }
}

static int model_grow(seq_model *m)
{
    size_t cap = m->cap ? m->cap * 2 : 4096;
    seq_entry *v = calloc(cap, sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->v[i].key == 0)
            continue;
        size_t j = mix(m->v[i].key) & (cap - 1);
        while (v[j].key)
            j = (j + 1) & (cap - 1);
        v[j] = m->v[i];
    }
    free(m->v);
    m->v = v;
    m->cap = cap;
    return 0;
}

int32_t *seq_model_slot(seq_model *m, uint32_t feature)
{
    if ((m->count + 1) * 2 > m->cap && model_grow(m) != 0)
        return NULL;
    size_t mask = m->cap - 1, i = mix(feature) & mask;
    while (m->v[i].key && m->v[i].key != feature)
        i = (i + 1) & mask;
    if (m->v[i].key == 0) {
        m->v[i].key = feature;
        m->count++;
    }
    return m->v[i].w;
}

int seq_model_empty(const seq_model *m)
{
    return m->count == 0;
}

void seq_model_free(seq_model *m)
{
    free(m->v);
    free(m->filter);
    memset(m, 0, sizeof *m);
}

/* FNV-1a on 32 bits, not hash.h's 64-bit one: these hashes are the keys of
 * the weights in sequence-tagger.txt (4 bytes each in the table), so another
 * hash means another model. */
static uint32_t fnv(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

#define FNV_START 2166136261u

uint32_t seq_transition_feature(int link, int previous)
{
    char v[2] = { (char)('a' + link), (char)('a' + previous) };
    uint32_t h = fnv(fnv(FNV_START, "tr=", 3), v, 2);
    return h ? h : 1;
}

void seq_model_index(seq_model *m)
{
    for (int l = 0; l < SEQ_LINKS; l++)
        for (int p = 0; p < SEQ_TAGS; p++) {
            const int32_t *w = seq_model_get(m, seq_transition_feature(l, p));
            for (int t = 0; t < SEQ_TAGS; t++)
                m->trans[l][p][t] = w ? w[t] : 0;
        }
}

int seq_model_load(seq_model *m, const char *text)
{
    memset(m, 0, sizeof *m);
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        if (end > line && *line != '#') {
            char *p;
            unsigned long h = strtoul(line, &p, 16);
            int32_t *slot = p <= end && h != 0 && h <= 0xFFFFFFFFul
                            ? seq_model_slot(m, (uint32_t)h) : NULL;
            while (slot && p < end && *p == ' ') {
                long tag = strtol(p, &p, 10);
                if (*p != ':' || tag < 0 || tag >= SEQ_TAGS) {
                    slot = NULL;
                    break;
                }
                slot[tag] = (int32_t)strtol(p + 1, &p, 10);
            }
            if (!slot || p != end) {
                seq_model_free(m);
                return -1;
            }
        }
        line = *end ? end + 1 : end;
    }
    seq_model_index(m);
    if (m->count > 0) {
        m->filter = calloc((1u << FILTER_BITS) / 64, sizeof *m->filter);
        if (!m->filter) {
            seq_model_free(m);
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->v[i].key) {
                uint32_t b = filter_bit(m->v[i].key);
                m->filter[b >> 6] |= 1ull << (b & 63);
            }
    }
    return 0;
}

/* --- what the features read ------------------------------------------------ */

/* Lower-case particles inside names: "Miguel de la Madrid", "Zia ul-Haq". */
static const char *const particles[] = {
    "de", "da", "del", "della", "der", "den", "di", "do", "dos", "das", "du", "la",
    "le", "van", "von", "bin", "ibn", "al", "el", "ul", "y", "ter", "ten", "zu", NULL
};

/* What the features read of each token, worked out once per text. */
typedef struct token_view {
    char shape[16];       /* "Xx", "X.X.", "d,d" */
    uint8_t shape_len;
    uint8_t word_len;
    const char *word;     /* the word as a value (see word_view) */
    const char *rule;     /* what the rules made of it (see rule_view) */
    const gaz_phrase *phrase;
    uint8_t org;          /* 'B', 'I': in an organisation's name; 'W': an organisation word */
    uint8_t run;          /* part of a run of capitalised words */
} token_view;

/* A line of the text: its words, and what they look like. */
typedef struct line_view {
    uint16_t words, digits;
    uint8_t indented, digit_first;
} line_view;

/* A stretch of a run of capitalised words on one line. */
typedef struct run_view {
    size_t a, b;          /* tokens */
    uint16_t words;
    uint8_t before_break; /* the run goes on at the next line */
    uint8_t after_break;  /* the run began on the line before */
    uint8_t org, first_name, person;
} run_view;

static int is_particle(const scan *s, size_t i)
{
    if (i >= s->t.n || (flags_at(s, i) & XTOK_CAP) || s->t.v[i].key_len > 5)
        return 0;
    for (const char *const *p = particles; *p; p++)
        if (strcmp(key_at(s, i), *p) == 0)
            return 1;
    return 0;
}

/* The shape of token i: X upper, x lower, d digit, other marks as they are,
 * runs of one class written once ("McDonald" → "XxXx", "U.S." → "X.X."). */
static void shape_view(const scan *s, size_t i, token_view *v)
{
    const xtoken *tok = &s->t.v[i];
    size_t n = 0;
    if (!(tok->flags & XTOK_WORD)) {
        const char *k = key_at(s, i);
        n = strlen(k) < sizeof v->shape ? strlen(k) : sizeof v->shape - 1;
        memcpy(v->shape, k, n);
    } else {
        char last = 0;
        for (size_t b = tok->start; b < tok->end && n + 1 < sizeof v->shape; b++) {
            unsigned char c = (unsigned char)s->text[b];
            char k;
            if (c >= 0x80 && c < 0xC0)
                continue;  /* a UTF-8 continuation byte */
            if (c >= 'A' && c <= 'Z')
                k = 'X';
            else if ((c >= 'a' && c <= 'z') || c >= 0xC0)
                k = (c >= 0xC0 && b == tok->start && (tok->flags & XTOK_CAP)) ? 'X' : 'x';
            else if (c >= '0' && c <= '9')
                k = 'd';
            else
                k = (char)c;
            if (k != last)
                v->shape[n++] = k;
            last = k;
        }
    }
    v->shape[n] = '\0';
    v->shape_len = (uint8_t)n;
}

/* A word as a feature's value: lower-case words and marks as they are,
 * capitalised words only when not-names.txt lists them ("C" otherwise), "D"
 * for a number. */
static void word_view(const scan *s, size_t i, token_view *v)
{
    uint32_t f = flags_at(s, i);
    if (f & XTOK_DIGIT)
        v->word = "D";
    else if (!(f & XTOK_CAP) || (v->phrase && v->phrase->not_name))
        v->word = key_at(s, i);
    else
        v->word = "C";
    size_t n = strlen(v->word);
    v->word_len = (uint8_t)(n < 40 ? n : 40);
}

/* What the rules made of token i: PB/PI a person's first or later word (PKB,
 * PKI when the gazetteer knows the person), C a country, T a title, K blocked. */
static void rule_view(const scan *s, size_t i, token_view *v)
{
    v->rule = "-";
    if (s->cover[i] < 0)
        return;
    const match *m = &s->m[s->cover[i]];
    int first = m->a == i, known = m->type == MATCH_PERSON && s->people[m->ref].gaz >= 0;
    switch (m->type) {
    case MATCH_PERSON:  v->rule = known ? (first ? "PKB" : "PKI") : (first ? "PB" : "PI"); break;
    case MATCH_COUNTRY:
        v->rule = m->dateline ? "D"
                  : m->ref >= 0 && s->g->country_aliases[m->ref].kind == KIND_INSTITUTION ? "-" : "C";
        break;
    case MATCH_TITLE:   v->rule = "T"; break;
    case MATCH_BLOCK:   v->rule = "K"; break;
    default:            break;
    }
}

/* Mark the tokens of organisations.txt's names (the longest from each word)
 * and words. */
static void org_view(const scan *s, token_view *v)
{
    for (size_t i = 0; i < s->t.n; i++) {
        if (!is_word(s, i) || v[i].org)
            continue;
        char key[256];
        size_t klen = 0, end = i;
        int found = 0;
        for (size_t j = i; j < s->t.n && j - i < GAZ_MAX_PHRASE_TOKENS; j++) {
            size_t kl = s->t.v[j].key_len;
            if (j > i && (flags_at(s, j) & XTOK_PARAGRAPH))
                break;
            if (klen + kl + 2 > sizeof key)
                break;
            if (j > i)
                key[klen++] = ' ';
            memcpy(key + klen, key_at(s, j), kl + 1);
            klen += kl;
            const gaz_phrase *p = j == i ? v[i].phrase : gazetteer_phrase(s->g, key);
            if (!p)
                break;
            if (p->organisation == ORG_NAME && j > i && (flags_at(s, i) & XTOK_CAP)) {
                found = 1;
                end = j;
            }
            if (!p->is_prefix)
                break;
        }
        if (found) {
            for (size_t j = i; j <= end; j++)
                v[j].org = j == i ? 'B' : 'I';
        } else if (v[i].phrase && v[i].phrase->organisation == ORG_WORD
                   && (flags_at(s, i) & XTOK_CAP)) {
            v[i].org = 'W';
        }
    }
}

/* Whether token i may belong to a run of capitalised words that began before. */
static int run_continues(const scan *s, size_t i)
{
    uint32_t f = flags_at(s, i);
    if (f & XTOK_PARAGRAPH)
        return 0;
    if (is_cap_word(s, i))
        return 1;
    if (is_word(s, i) && (f & XTOK_JOINED))
        return 1;                                   /* "Mensah-Bonsu", "al-Assad" */
    if (key_is(s, i, ".") && i > 0 && (flags_at(s, i - 1) & XTOK_UPPER_ONLY))
        return 1;                                   /* "M. Waugh" */
    if (is_particle(s, i) && (is_cap_word(s, i + 1)
                              || (is_particle(s, i + 1) && is_cap_word(s, i + 2))))
        return 1;                                   /* "van der Merwe" */
    return 0;
}

/* Cut the text into runs of capitalised words, one stretch a line: a
 * person's name never spans a line break. */
static int find_runs(const scan *s, token_view *v, run_view **out, size_t *nruns,
                     uint32_t *run_of)
{
    run_view *runs = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < s->t.n; i++)
        run_of[i] = UINT32_MAX;
    for (size_t i = 0; i < s->t.n;) {
        if (!is_cap_word(s, i)) {
            i++;
            continue;
        }
        size_t j = i;
        while (j + 1 < s->t.n && run_continues(s, j + 1))
            j++;
        while (j > i && !is_word(s, j))
            j--;
        /* one stretch per line, and a possessive ends one: "Djokovic's" is
         * a run of its own before "Wimbledon" */
        for (size_t a = i; a <= j;) {
            size_t b = a;
            while (b + 1 <= j && !(flags_at(s, b + 1) & XTOK_LINE_START)
                   && !(is_word(s, b) && (flags_at(s, b) & XTOK_POSSESSIVE)))
                b++;
            if (array_grow((void **)&runs, &cap, n + 1, sizeof *runs) != 0) {
                free(runs);
                return -1;
            }
            run_view *r = &runs[n];
            *r = (run_view){ .a = a, .b = b,
                             .after_break = a > i && (flags_at(s, a) & XTOK_LINE_START),
                             .before_break = b < j && (flags_at(s, b + 1) & XTOK_LINE_START) };
            for (size_t k = a; k <= b; k++) {
                if (!is_word(s, k))
                    continue;
                r->words++;
                v[k].run = 1;
                r->org |= v[k].org != 0
                          || (v[k].phrase && v[k].phrase->country_alias >= 0
                              && s->g->country_aliases[v[k].phrase->country_alias].kind
                                 == KIND_COMPANY);
                r->person |= v[k].rule[0] == 'P';
                run_of[k] = (uint32_t)n;
            }
            r->first_name = v[a].phrase && v[a].phrase->first_name;
            n++;
            a = b + 1;
        }
        i = j + 1;
    }
    *out = runs;
    *nruns = n;
    return 0;
}

/* What the whole text says of a word: does it also stand in lower case
 * ("Bill" and "bill"), capitalised inside a sentence, in an organisation's
 * run, in a person the rules found? */
enum {
    SEEN_LOWER = 1, SEEN_CAP_MID = 2, SEEN_ORG = 4, SEEN_PERSON = 8, SEEN_PERSON2 = 16,
    SEEN_RUN_LAST = 32,   /* the last word of a run of two or three words ("Wataru Yoshikawa") */
    SEEN_NAME_LAST = 64,  /* ... of one that begins with a given name */
    SEEN_RUN_FIRST = 128, /* the first word of one */
    SEEN_AFTER_IN = 256,  /* right after "in", "at", "near": a place */
    SEEN_SPEAKS = 512,    /* right before "said", "told": a person, or a body */
    SEEN_JOIN_KEY = 1024  /* a key of s->joins: the surname of a full name */
};

/* The words of one text, with what it says of each: open addressing written
 * here, not corpus/strset.h, because the table lives for one text, is sized
 * once from its tokens and borrows their keys; a strset would copy every
 * word of every brief, and keeps no flags beside a key. */
typedef struct doc_words {
    const char **keys;
    uint16_t *seen;
    size_t cap;
} doc_words;

static size_t doc_slot(const doc_words *d, const char *key)
{
    size_t mask = d->cap - 1, i = fnv(FNV_START, key, strlen(key)) & mask;
    while (d->keys[i] && strcmp(d->keys[i], key) != 0)
        i = (i + 1) & mask;
    return i;
}

static int doc_words_build(doc_words *d, const scan *s, const token_view *v,
                           const run_view *runs, size_t nruns, const uint32_t *run_of)
{
    d->cap = 16;
    while (d->cap < (s->t.n + s->nj) * 2 + 2)
        d->cap *= 2;
    d->keys = calloc(d->cap, sizeof *d->keys);
    d->seen = calloc(d->cap, sizeof *d->seen);
    if (!d->keys || !d->seen)
        return -1;
    for (size_t i = 0; i < s->t.n; i++) {
        if (!is_word(s, i) || in_caps_line(s, i))
            continue;
        size_t slot = doc_slot(d, key_at(s, i));
        d->keys[slot] = key_at(s, i);
        if (!(flags_at(s, i) & XTOK_CAP))
            d->seen[slot] |= SEEN_LOWER;
        else if (!scan_sentence_start(s, i))
            d->seen[slot] |= SEEN_CAP_MID;
        if (run_of[i] != UINT32_MAX && runs[run_of[i]].org && runs[run_of[i]].words > 1)
            d->seen[slot] |= SEEN_ORG;
        if (v[i].rule[0] == 'P')
            d->seen[slot] |= d->seen[slot] & SEEN_PERSON ? SEEN_PERSON2 : SEEN_PERSON;
        if (flags_at(s, i) & XTOK_CAP) {
            static const char *const in[] = { "in", "at", "near", "outside", NULL };
            static const char *const speaks[] = { "said", "says", "told", NULL };
            if (i > 0 && key_in(s, i - 1, in))
                d->seen[slot] |= SEEN_AFTER_IN;
            if (key_in(s, i + 1, speaks))
                d->seen[slot] |= SEEN_SPEAKS;
        }
    }
    for (size_t r = 0; r < nruns; r++) {
        const run_view *run = &runs[r];
        if (run->words < 2 || run->words > 3 || in_caps_line(s, run->a))
            continue;
        size_t last = doc_slot(d, key_at(s, run->b)), first = doc_slot(d, key_at(s, run->a));
        d->keys[last] = key_at(s, run->b);
        d->keys[first] = key_at(s, run->a);
        d->seen[last] |= SEEN_RUN_LAST | (run->first_name ? SEEN_NAME_LAST : 0);
        d->seen[first] |= SEEN_RUN_FIRST;
    }
    /* looked up once per word: going through the joins for each made a
     * text with many full names quadratic */
    for (size_t j = 0; j < s->nj; j++) {
        size_t slot = doc_slot(d, s->joins[j].key);
        d->keys[slot] = s->joins[j].key;
        d->seen[slot] |= SEEN_JOIN_KEY;
    }
    return 0;
}

static void doc_words_free(doc_words *d)
{
    free(d->keys);
    free(d->seen);
}

/* --- features ------------------------------------------------------------- */

#define SEQ_MAX_FEATURES 128

typedef struct feature_list {
    uint32_t v[SEQ_MAX_FEATURES];
    size_t n;
} feature_list;

/* Add the feature name=a, or name=a|b when b is not NULL. */
static void add2(feature_list *f, const char *name, const char *a, size_t alen, const char *b,
                 size_t blen)
{
    if (f->n >= SEQ_MAX_FEATURES)
        return;
    uint32_t h = FNV_START;
    for (const char *c = name; *c; c++) {
        h ^= (unsigned char)*c;
        h *= 16777619u;
    }
    h = fnv(h, "=", 1);
    h = fnv(h, a, alen);
    if (b) {
        h = fnv(h, "|", 1);
        h = fnv(h, b, blen);
    }
    f->v[f->n++] = h ? h : 1;
}

static void add(feature_list *f, const char *name, const char *value)
{
    add2(f, name, value, strlen(value), NULL, 0);
}

static const token_view outside = { "_", 1, 3, "<s>", "-", NULL, 0, 0 };

static const token_view *view(const token_view *v, const scan *s, long i)
{
    return i < 0 || (size_t)i >= s->t.n ? &outside : &v[i];
}

static void add_gazetteer(feature_list *f, const scan *s, const token_view *v, long i,
                          const char *name)
{
    if (i < 0 || (size_t)i >= s->t.n || !is_word(s, (size_t)i))
        return;
    const gaz_phrase *p = v[i].phrase;
    if (v[i].org) {
        char o[2] = { (char)v[i].org, 0 };
        add2(f, name, "org", 3, o, 1);
    }
    if (!p)
        return;
    static const char *const kinds[] = { "ck0", "ck1", "ck2", "ck3", "ck4", "ck5", "ck6",
                                         "ck7", "ck8" };
    if (p->first_name)
        add(f, name, "fn");
    if (p->not_name)
        add(f, name, "nn");
    if (p->title)
        add(f, name, p->title == 2 ? "t2" : "t1");
    if (p->person_alias >= 0)
        add(f, name, s->g->person_aliases[p->person_alias].lookup_only ? "pl" : "pa");
    if (p->country_alias >= 0)
        add(f, name, kinds[s->g->country_aliases[p->country_alias].kind % 9]);
    if (p->is_prefix)
        add(f, name, "pre");
}

static const char *bucket(unsigned n, const char *const *names, unsigned last)
{
    return names[n < last ? n : last];
}

/* The token right outside a stretch of a run, as a value: a lower-case word
 * or a mark as it is, "^"/"$" at the line's start or end, "D" a number. */
static const char *run_edge(const scan *s, const token_view *v, size_t i, int before)
{
    if (before) {
        if (flags_at(s, i) & XTOK_LINE_START)
            return "^";
        return view(v, s, (long)i - 1)->word;
    }
    if (i + 1 >= s->t.n || (flags_at(s, i + 1) & XTOK_LINE_START))
        return "$";
    return v[i + 1].word;
}

typedef struct text_view {
    const scan *s;
    token_view *tokens;
    line_view *lines;
    uint32_t *line_of;      /* per token */
    uint16_t *word_in_line; /* per token: how many words of its line stand before it */
    run_view *runs;
    size_t nruns;
    uint32_t *run_of;       /* per token, UINT32_MAX: in no run */
    doc_words doc;
} text_view;

static void describe_word(const text_view *tv, size_t i, int link, feature_list *f)
{
    const scan *s = tv->s;
    const token_view *views = tv->tokens;
    const xtoken *tok = &s->t.v[i];
    uint32_t flags = tok->flags;
    const token_view *v0 = &views[i], *vp = view(views, s, (long)i - 1),
                     *vn = view(views, s, (long)i + 1);
    f->n = 0;

    add(f, "b", "");
    static const char *const shape_names[] = { "s-1", "s0", "s+1" };
    static const char *const word_names[] = { "w-1", "w0", "w+1" };
    for (int k = -1; k <= 1; k++) {
        const token_view *v = view(views, s, (long)i + k);
        add2(f, shape_names[k + 1], v->shape, v->shape_len, NULL, 0);
        add2(f, word_names[k + 1], v->word, v->word_len, NULL, 0);
    }
    /* a word in lower case or a number, outside any run of capitalised
     * words, is mostly outside any name (or inside one: "Bank of England"):
     * its neighbours say enough, and most words of a text are such */
    if (!(flags & XTOK_CAP) && tv->run_of[i] == UINT32_MAX
        && !(i + 1 < s->t.n && (flags_at(s, i + 1) & XTOK_JOINED))) {
        char lk[2] = { (char)('a' + link), 0 };
        add2(f, "lk|w-1", lk, 1, vp->word, vp->word_len);
        add2(f, "w-1|w0", vp->word, vp->word_len, v0->word, v0->word_len);
        add2(f, "w0|w+1", v0->word, v0->word_len, vn->word, vn->word_len);
        return;
    }
    add2(f, "s-1|s0", vp->shape, vp->shape_len, v0->shape, v0->shape_len);
    add2(f, "w-1|s0", vp->word, vp->word_len, v0->shape, v0->shape_len);
    add2(f, "s0|s+1", v0->shape, v0->shape_len, vn->shape, vn->shape_len);
    add2(f, "s0|w+1", v0->shape, v0->shape_len, vn->word, vn->word_len);
    /* what stands between it and the word before: an initial's period
     * ("M. Waugh") is not a title's ("Mr. Smith") */
    char lk[2] = { (char)('a' + link), 0 };
    add2(f, "lk|w-1", lk, 1, vp->word, vp->word_len);

    const char *key = key_at(s, i);
    size_t klen = tok->key_len;
    if (klen >= 4)
        add2(f, "suf3", key + klen - 3, 3, NULL, 0);

    add_gazetteer(f, s, views, (long)i - 1, "g-1");
    add_gazetteer(f, s, views, (long)i, "g0");
    add_gazetteer(f, s, views, (long)i + 1, "g+1");

    add(f, "r0", v0->rule);

    int title = scan_title_before(s, i, NULL);
    if (title)
        add(f, "tb", title == 2 ? "2" : "1");
    if (scan_sentence_start(s, i))
        add(f, "ss", "");
    if (in_caps_line(s, i))
        add(f, "cl", "");
    if (flags & XTOK_JOINED)
        add(f, "jn", "");
    if (flags & XTOK_POSSESSIVE)
        add(f, "ps", "");
    if (!(flags & XTOK_CAP) && tv->run_of[i] != UINT32_MAX)
        add(f, "prt", "");                          /* "van der" inside a run */
    if (flags & XTOK_CAP) {
        /* what the mixed-case lines of the text say of the word; on a line
         * of capitals the same facts under other names */
        const doc_words *d = &tv->doc;
        uint16_t seen = d->seen[doc_slot(d, key)];
        int caps = in_caps_line(s, i);
        int alone = tv->run_of[i] == UINT32_MAX || tv->runs[tv->run_of[i]].words == 1;
        if (seen & SEEN_JOIN_KEY)
            add(f, "jk", caps ? "C" : "");
        if (seen & SEEN_LOWER)
            add(f, "lower-too", caps ? "C" : "");
        if (seen & SEEN_CAP_MID)
            add(f, "cap-mid", caps ? "C" : "");
        if (seen & SEEN_ORG)
            add(f, "org-too", caps ? "C" : "");
        if (seen & SEEN_AFTER_IN)
            add(f, "in-too", caps ? "C" : "");
        if (seen & SEEN_SPEAKS)
            add(f, "says-too", caps ? "C" : "");
        /* a person elsewhere: another mention than this one */
        if ((seen & SEEN_PERSON2) || ((seen & SEEN_PERSON) && (v0->rule[0] != 'P' || caps)))
            add(f, "per-too", caps ? "C" : "");
        /* a word alone that ends or begins a short run elsewhere: a surname
         * ("Yoshikawa" after "Wataru Yoshikawa") or a first word */
        if (alone || caps) {
            if (seen & SEEN_NAME_LAST)
                add(f, "nl-too", caps ? "C" : "");
            else if (seen & SEEN_RUN_LAST)
                add(f, "rl-too", caps ? "C" : "");
            if (seen & SEEN_RUN_FIRST)
                add(f, "rf-too", caps ? "C" : "");
        }
    }

    /* where it stands in its line */
    static const char *const positions[] = { "0", "1", "2", "3+" };
    static const char *const counts[] = { "0", "1", "2", "3", "4-6", "4-6", "4-6", "7+" };
    const line_view *line = &tv->lines[tv->line_of[i]];
    unsigned at = tv->word_in_line[i];
    int last = 1;
    for (size_t j = i + 1; j < s->t.n && !(flags_at(s, j) & XTOK_LINE_START); j++)
        if (is_word(s, j)) {
            last = 0;
            break;
        }
    add(f, "lp", bucket(at, positions, 3));
    if (last)
        add(f, "le", "");
    add(f, "lw", bucket(line->words, counts, 7));
    if (line->digits)
        add(f, "ld", line->digits >= 3 ? "3+" : "1");
    if (line->digit_first)
        add(f, "ld0", "");
    if (line->indented && at == 0)
        add(f, "ind", "");

    /* its run of capitalised words */
    if (tv->run_of[i] != UINT32_MAX) {
        const run_view *r = &tv->runs[tv->run_of[i]];
        static const char *const lengths[] = { "0", "1", "2", "3", "4+" };
        const char *rl = bucket(r->words, lengths, 4);
        const char *pos = r->words == 1 ? "S" : i == r->a ? "F" : i == r->b ? "L" : "M";
        add2(f, "rl", rl, strlen(rl), pos, 1);
        if (r->before_break)
            add(f, "rx", "B");
        if (r->after_break)
            add(f, "rx", "A");
        const char *before = run_edge(s, views, r->a, 1), *after = run_edge(s, views, r->b, 0);
        add(f, "rb", before);
        add(f, "ra", after);
        if (r->org)
            add(f, "ro", "");
        if (r->first_name)
            add2(f, "rf", pos, 1, NULL, 0);
        if (r->person)
            add(f, "rp", "");
    }
}

static int words_push(seq_words *w, const seq_word *word, const feature_list *f)
{
    if (array_grow((void **)&w->v, &w->cap, w->n + 1, sizeof *w->v) != 0
        || array_grow((void **)&w->features, &w->capfeatures, w->nfeatures + f->n,
                      sizeof *w->features) != 0)
        return -1;
    w->v[w->n] = *word;
    w->v[w->n].first = (uint32_t)w->nfeatures;
    w->v[w->n].nfeatures = (uint16_t)f->n;
    memcpy(w->features + w->nfeatures, f->v, f->n * sizeof *f->v);
    w->nfeatures += f->n;
    w->n++;
    return 0;
}

void seq_words_free(seq_words *w)
{
    if (!w)
        return;
    free(w->v);
    free(w->features);
    memset(w, 0, sizeof *w);
}

/* What stands between the word at token i and the word before, at token p. */
static int link_between(const scan *s, size_t p, size_t i)
{
    int line = 0;
    for (size_t j = p + 1; j <= i; j++) {
        if (flags_at(s, j) & XTOK_PARAGRAPH)
            return SEQ_LINK_PARAGRAPH;
        line |= (flags_at(s, j) & XTOK_LINE_START) != 0;
    }
    if (line)
        return SEQ_LINK_LINE;
    if (i == p + 1)
        return (flags_at(s, i) & XTOK_JOINED) ? SEQ_LINK_JOINED : SEQ_LINK_SPACE;
    if (i == p + 2 && key_is(s, p + 1, ".") && (flags_at(s, p) & XTOK_UPPER_ONLY))
        return SEQ_LINK_INITIAL;
    return SEQ_LINK_PUNCT;
}

/* The news agency, not a person (organisations.txt's names of two words
 * or more are no one either: "Merrill Lynch", "Standard and Poor's"): "Reuter" or "Reuters" as a sign-off, in a
 * dateline ("ROME, March 13, Reuter -") or in running text ("polled by
 * Reuter correspondents"); only the surname of a full name ("Edzard
 * Reuter") may be a person's. */
static int is_agency(const scan *s, size_t i)
{
    size_t n = s->t.v[i].key_len;
    if ((n != 6 && n != 7) || key_at(s, i)[0] != 'r'
        || (!key_is(s, i, "reuter") && !key_is(s, i, "reuters")))
        return 0;
    return !(i > 0 && is_cap_word(s, i - 1) && !(flags_at(s, i) & XTOK_LINE_START)
             && !in_caps_line(s, i));
}

/* Whether the capitalised word at token i follows an abbreviated honorific:
 * "Mr. Smith", "Sen. Dole", "Mr Smith" (the long ones, "General", "Justice",
 * also begin companies and departments). */
static int after_honorific(const scan *s, size_t i)
{
    static const char *const bare[] = { "mr", "mrs", "ms", "dr", "messrs", NULL };
    if (!is_cap_word(s, i) || in_caps_line(s, i) || i == 0)
        return 0;
    size_t t = i - 1;
    if (key_is(s, t, ".") && t > 0)
        t--;
    else if (!key_in(s, t, bare))
        return 0;
    int32_t c = s->cover[t];
    return c >= 0 && s->m[c].type == MATCH_TITLE && s->m[c].ref == 2 && s->m[c].a == t
           && s->m[c].b == t && s->t.v[t].key_len <= 6 && (flags_at(s, t) & XTOK_CAP);
}

int seq_describe_scan(const scan *s, seq_words *out)
{
    out->n = 0;
    out->nfeatures = 0;
    size_t nt = s->t.n ? s->t.n : 1;
    /* room for every word (one a token at most) and for 8192 features, as
     * most texts need, so that words_push seldom grows them */
    if (array_grow((void **)&out->v, &out->cap, nt, sizeof *out->v) != 0
        || array_grow((void **)&out->features, &out->capfeatures, 8192, sizeof *out->features)
               != 0)
        return -1;
    text_view tv = { .s = s };
    tv.tokens = calloc(nt, sizeof *tv.tokens);
    tv.line_of = malloc(nt * sizeof *tv.line_of);
    tv.word_in_line = malloc(nt * sizeof *tv.word_in_line);
    tv.run_of = malloc(nt * sizeof *tv.run_of);
    size_t nlines = 1;
    for (size_t i = 1; i < s->t.n; i++)
        nlines += (flags_at(s, i) & XTOK_LINE_START) != 0;
    tv.lines = calloc(nlines, sizeof *tv.lines);
    int rc = tv.tokens && tv.line_of && tv.word_in_line && tv.run_of && tv.lines ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < s->t.n; i++) {
        tv.tokens[i].phrase = is_word(s, i) ? phrase_at(s, i) : NULL;
        shape_view(s, i, &tv.tokens[i]);
        word_view(s, i, &tv.tokens[i]);
        rule_view(s, i, &tv.tokens[i]);
    }
    /* the lines */
    for (size_t i = 0, line = 0; rc == 0 && i < s->t.n; i++) {
        if (i > 0 && (flags_at(s, i) & XTOK_LINE_START))
            line++;
        line_view *l = &tv.lines[line];
        tv.line_of[i] = (uint32_t)line;
        tv.word_in_line[i] = l->words;
        if ((flags_at(s, i) & XTOK_LINE_START) || i == 0) {
            size_t at = s->t.v[i].start;
            l->indented = at > 0 && (s->text[at - 1] == ' ' || s->text[at - 1] == '\t');
            l->digit_first = (flags_at(s, i) & XTOK_DIGIT) != 0;
        }
        if (is_word(s, i)) {
            l->words += l->words < 60000;
            l->digits += (flags_at(s, i) & XTOK_DIGIT) != 0;
        }
    }
    if (rc == 0)
        org_view(s, tv.tokens);
    if (rc == 0)
        rc = find_runs(s, tv.tokens, &tv.runs, &tv.nruns, tv.run_of);
    if (rc == 0)
        rc = doc_words_build(&tv.doc, s, tv.tokens, tv.runs, tv.nruns, tv.run_of);
    size_t previous = SIZE_MAX;
    feature_list f;
    for (size_t i = 0; rc == 0 && i < s->t.n; i++) {
        if (!is_word(s, i))
            continue;
        seq_word w = {
            .start = s->t.v[i].start, .end = s->t.v[i].end, .token = i,
            .link = (uint8_t)(previous == SIZE_MAX ? SEQ_LINK_START : link_between(s, previous, i)),
            .constraint = (uint8_t)(is_agency(s, i) || tv.tokens[i].org == 'B'
                                    || tv.tokens[i].org == 'I' ? SEQ_NO_PERSON
                                   : tv.tokens[i].phrase && tv.tokens[i].phrase->not_name ? SEQ_NOT_ALONE
                                   : after_honorific(s, i) ? SEQ_PERSON_FIRST : SEQ_ANY),
            .org_name = tv.tokens[i].org == 'B',
            .after_possessive = previous != SIZE_MAX
                                && (flags_at(s, previous) & XTOK_POSSESSIVE) != 0,
        };
        describe_word(&tv, i, w.link, &f);
        rc = words_push(out, &w, &f);
        previous = i;
    }
    doc_words_free(&tv.doc);
    free(tv.tokens);
    free(tv.line_of);
    free(tv.word_in_line);
    free(tv.run_of);
    free(tv.lines);
    free(tv.runs);
    return rc;
}

/* --- decoding ------------------------------------------------------------- */

void seq_score(const seq_model *m, const seq_words *w, size_t k, int32_t *score)
{
    const uint32_t *f = w->features + w->v[k].first;
    for (size_t i = 0; i < w->v[k].nfeatures; i++) {
        const int32_t *wt = seq_model_get(m, f[i]);
        if (wt)
            for (int t = 0; t < SEQ_TAGS; t++)
                score[t] += wt[t];
    }
}

/* Whether a person's name may go on from word k - 1 to word k. */
static int person_goes_on(const seq_words *w, size_t k)
{
    int link = k < w->n ? w->v[k].link : SEQ_LINK_START;
    return k < w->n && w->v[k].constraint != SEQ_NO_PERSON && link != SEQ_LINK_START
           && link != SEQ_LINK_PARAGRAPH && link != SEQ_LINK_LINE && link != SEQ_LINK_PUNCT
           && !w->v[k].after_possessive;
}

int seq_allowed(const seq_words *w, size_t k, int previous, int tag)
{
    int type = seq_tag_type(tag);
    if (w->v[k].constraint == SEQ_NO_PERSON && type == 1)
        return 0;
    if (w->v[k].constraint == SEQ_NOT_ALONE && tag == SEQ_B_PER && !person_goes_on(w, k + 1))
        return 0;
    if (k > 0 && previous == SEQ_B_PER && w->v[k - 1].constraint == SEQ_NOT_ALONE
        && tag != SEQ_I_PER)
        return 0;
    if (w->v[k].constraint == SEQ_PERSON_FIRST && tag != SEQ_B_PER)
        return 0;
    if (!seq_tag_inside(tag))
        return 1;
    int link = w->v[k].link;
    if (link == SEQ_LINK_START || link == SEQ_LINK_PARAGRAPH
        || (type == 1 && (link == SEQ_LINK_LINE || link == SEQ_LINK_PUNCT
                          || w->v[k].after_possessive)))
        return 0;
    return previous != SEQ_O && seq_tag_type(previous) == type;
}

/* The tags word k may take, whatever the tag before (bit t: tag t), and
 * the tags it may take after a B-PER of the word before. */
static uint16_t tags_allowed(const seq_words *w, size_t k)
{
    uint16_t mask = 0;
    for (int t = 0; t < SEQ_TAGS; t++) {
        /* an I tag needs a tag of its type before: ask with B of that type */
        int previous = seq_tag_inside(t) ? t - 1 : SEQ_O;
        if (seq_allowed(w, k, previous, t))
            mask |= (uint16_t)(1u << t);
    }
    return mask;
}

int seq_decode(const seq_model *m, const seq_words *w, uint8_t *tags)
{
    size_t n = w->n;
    if (n == 0)
        return 0;
    int64_t *best = malloc(2 * SEQ_TAGS * sizeof *best);
    uint8_t (*back)[SEQ_TAGS] = malloc(n * sizeof *back);
    if (!best || !back) {
        free(best);
        free(back);
        return -1;
    }
    const int64_t never = INT64_MIN / 4;
    int64_t *cur = best, *next = best + SEQ_TAGS;
    for (size_t k = 0; k < n; k++) {
        int32_t score[SEQ_TAGS] = { 0 };
        seq_score(m, w, k, score);
        const int32_t (*trans)[SEQ_TAGS] = m->trans[w->v[k].link];
        uint16_t mask = tags_allowed(w, k);
        /* after a B-PER on a word of not-names.txt, only I-PER */
        int alone = k > 0 && w->v[k - 1].constraint == SEQ_NOT_ALONE;
        for (int t = 0; t < SEQ_TAGS; t++) {
            int64_t top = never;
            int from = SEQ_O;
            if (!(mask >> t & 1)) {
                /* not allowed here */
            } else if (k == 0) {
                top = trans[SEQ_O][t];
            } else if (seq_tag_inside(t)) {
                /* only B or I of its own type before */
                for (int p = t - 1; p <= t; p++)
                    if (cur[p] != never && !(alone && p == SEQ_B_PER && t != SEQ_I_PER)
                        && cur[p] + trans[p][t] > top) {
                        top = cur[p] + trans[p][t];
                        from = p;
                    }
            } else {
                for (int p = 0; p < SEQ_TAGS; p++)
                    if (cur[p] != never && !(alone && p == SEQ_B_PER)
                        && cur[p] + trans[p][t] > top) {
                        top = cur[p] + trans[p][t];
                        from = p;
                    }
            }
            next[t] = top == never ? never : top + score[t];
            back[k][t] = (uint8_t)from;
        }
        int64_t *swap = cur;
        cur = next;
        next = swap;
    }
    int t = SEQ_O;
    for (int u = 1; u < SEQ_TAGS; u++)
        if (cur[u] > cur[t])
            t = u;
    for (size_t k = n; k-- > 0;) {
        tags[k] = (uint8_t)t;
        t = back[k][t];
    }
    free(best);
    free(back);
    return 0;
}

/* --- the people of a text ---------------------------------------------------- */

/* The full names of the scan (its people of two tokens or more) by the keys
 * of their first and last words, for joined_person: kept in step with the
 * scan through scan.full_names_changed. */
typedef struct full_names {
    nearest_index ix;
    size_t changed;     /* the scan's full_names_changed when it was built */
    int built;
} full_names;

/* Index the full names of s afresh. Returns 0, or -1 when memory runs out. */
static int full_names_build(const scan *s, full_names *f)
{
    nearest_free(&f->ix);
    f->built = 0;
    for (size_t k = 0; k < s->nm; k++) {
        const match *m = &s->m[k];
        if (m->type != MATCH_PERSON || m->a == m->b)
            continue;
        if (nearest_add(&f->ix, key_at(s, m->b), m->a, k) != 0
            || (strcmp(key_at(s, m->a), key_at(s, m->b)) != 0
                && nearest_add(&f->ix, key_at(s, m->a), m->a, k) != 0))
            return -1;
    }
    if (nearest_seal(&f->ix) != 0)
        return -1;
    f->changed = s->full_names_changed;
    f->built = 1;
    return 0;
}

/* Set *person to the person a one-word name stands for: the nearest full
 * name before it (else after it; the first of several starting at one
 * token) whose surname or family name it is, or -1.  Returns 0, or -1 when
 * memory runs out. */
static int joined_person(const scan *s, full_names *f, size_t token, long *person)
{
    *person = -1;
    const gaz_phrase *p = phrase_at(s, token);
    if (p && (p->not_name || p->title))
        return 0;       /* "The", "Minister": no one's surname */
    if ((!f->built || f->changed != s->full_names_changed) && full_names_build(s, f) != 0)
        return -1;
    size_t k;
    if (nearest_find(&f->ix, key_at(s, token), token, 0, &k))
        *person = s->m[k].ref;
    return 0;
}

/* Whether the one word k stands for an organisation the text names in full:
 * the first word of a name of organisations.txt ("Merrill" after "Merrill
 * Lynch Capital Markets"), or of an organisation of two words or more the
 * model found ("Salomon" after "Salomon Brothers Inc"), as a surname stands
 * for a person named in full. */
static int compare_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Set *out to the keys of the first words of the organisations the text
 * names in full, sorted, and *n to their number (for names_organisation;
 * the caller frees *out).  Returns 0, or -1 when memory runs out. */
static int organisation_keys(const scan *s, const seq_words *w, const uint8_t *tags,
                             const char ***out, size_t *n)
{
    *n = 0;
    *out = NULL;
    for (size_t j = 0; j < w->n; j++) {
        if (!w->v[j].org_name
            && !(tags[j] == SEQ_B_ORG && j + 1 < w->n && tags[j + 1] == SEQ_I_ORG))
            continue;
        if (!*out && !(*out = malloc(w->n * sizeof **out)))
            return -1;
        (*out)[(*n)++] = key_at(s, w->v[j].token);
    }
    if (*n > 1)
        qsort(*out, *n, sizeof **out, compare_keys);
    return 0;
}

static int names_organisation(const scan *s, const seq_words *w, const char **keys, size_t n,
                              size_t k)
{
    const char *key = key_at(s, w->v[k].token);
    return n > 0 && bsearch(&key, keys, n, sizeof *keys, compare_keys) != NULL;
}

/* Whether tokens a..b hold a word that may be a name: not only initials,
 * abbreviations ("N.Z."), words of not-names.txt ("Dlrs") and a state's
 * abbreviation ("D-Tex"). */
static int has_name_word(const scan *s, size_t a, size_t b)
{
    for (size_t i = a; i <= b; i++) {
        if (!is_cap_word(s, i) || (flags_at(s, i) & (XTOK_UPPER_ONLY | XTOK_ABBREV)))
            continue;
        const gaz_phrase *p = phrase_at(s, i);
        if (!(p && (p->not_name || p->state_abbrev)))
            return 1;
    }
    return 0;
}

/* Whether word k reads as part of a name: the model made it part of a
 * person, or the gazetteer or the header did, or it is a capitalised word
 * nothing claims (not on a line of capitals, not a word of not-names.txt);
 * never the news agency or a word of organisations.txt's names. */
static int name_like(const scan *s, const seq_words *w, const uint8_t *tags, size_t k)
{
    size_t i = w->v[k].token;
    int32_t c = s->cover[i];
    if (w->v[k].constraint == SEQ_NO_PERSON)
        return 0;
    if (seq_tag_type(tags[k]) == 1 || (c >= 0 && s->m[c].type == MATCH_PERSON))
        return 1;
    const gaz_phrase *p = phrase_at(s, i);
    return c < 0 && is_cap_word(s, i) && !in_caps_line(s, i) && !(p && p->not_name);
}

/* Whether word k + 1 opens a line right after word k: a line break and
 * blanks between them, or an initial's period and a line break ("P." /
 * "Ortwin Hale"), nothing else. */
static int line_break_after(const scan *s, const seq_words *w, size_t k)
{
    if (k + 1 >= w->n || w->v[k + 1].link != SEQ_LINK_LINE)
        return 0;
    size_t p = w->v[k].token, i = w->v[k + 1].token;
    return i == p + 1
           || (i == p + 2 && key_is(s, p + 1, ".") && (flags_at(s, p) & XTOK_UPPER_ONLY));
}

/* Whether words k..last can only begin a name: the last is a particle
 * ("Richard von"), or each is a given name or an initial ("Jose Luis",
 * "Ali Akbar", "John F."). */
static int only_a_beginning(const scan *s, const seq_words *w, size_t k, size_t last)
{
    if (is_particle(s, w->v[last].token))
        return 1;
    for (size_t j = k; j <= last; j++) {
        size_t i = w->v[j].token;
        const gaz_phrase *p = phrase_at(s, i);
        if (!(p && p->first_name) && !((flags_at(s, i) & XTOK_UPPER_ONLY) && key_is(s, i + 1, ".")))
            return 0;
    }
    return 1;
}

/* Whether the model's person of words k..last is a part of a name that a
 * line break cut in two: the word across the break reads as part of a name.
 * A person's name never spans a line break, and wire text is wrapped at a
 * fixed width, so the words before a break that can only begin a name
 * ("Fed Chairman Paul" / "Volcker": a given name taken for a whole person;
 * "President Richard von" / "Weizsaecker") or stand alone ("Llewellyn" /
 * "Herbert"), and the words after one ("Volcker"; "P." / "Ortwin Hale"),
 * are each only a part; another name of two words or more before a break
 * stays ("said Kofi Mensah" / "Brunner added"). */
static int cut_by_line_break(const scan *s, const seq_words *w, const uint8_t *tags, size_t k,
                             size_t last)
{
    return (line_break_after(s, w, last) && name_like(s, w, tags, last + 1)
            && (k == last || only_a_beginning(s, w, k, last)))
           || (k > 0 && line_break_after(s, w, k - 1) && name_like(s, w, tags, k - 1));
}

/* Make the model's person of tokens a..b one of the scan's people, unless
 * what the gazetteer or the dateline found there stands.  cut: the one word
 * is a part of a name a line break cut (cut_by_line_break), which counts
 * only as a surname joining a full name. */
static int add_model_person(scan *s, full_names *names, size_t a, size_t b, int cut)
{
    if (!has_name_word(s, a, b))
        return 0;
    int known = 0;
    for (size_t i = a; i <= b; i++) {
        int32_t c = s->cover[i];
        if (c < 0)
            continue;
        const match *m = &s->m[c];
        if (m->type == MATCH_BLOCK || (m->type == MATCH_COUNTRY && m->dateline))
            return 0;
        if (m->type == MATCH_PERSON) {
            if (m->a < a || m->b > b)
                return 0;       /* a known person's longer name stands */
            known = 1;
        }
        if (a == b && m->type != MATCH_NONE)
            return 0;           /* a lone word the gazetteer took stays so */
    }
    if (a == b && !scan_may_join(s, a))
        return 0;       /* "Rich investors": a common word opening a sentence */
    if (a == b && !known) {
        long person;
        if (joined_person(s, names, a, &person) != 0)
            return -1;
        if (person >= 0) {
            if (scan_add_match(s, a, a, MATCH_PERSON, (int32_t)person) != 0)
                return -1;
            s->m[s->nm - 1].source = SOURCE_MODEL;
            return 0;
        }
    }
    if (a == b && (known || cut))
        return 0;
    /* a lone word that only a lookup-only alias knows ("~Harris") is not
     * that person: it would be joined to them if they were named in full */
    const gaz_phrase *p = a == b ? phrase_at(s, a) : NULL;
    int lookup_only = p && p->person_alias >= 0
                      && s->g->person_aliases[p->person_alias].lookup_only;
    int rc = lookup_only ? scan_mark_unknown_person(s, a, b) : scan_mark_person(s, a, b);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    s->m[s->nm - 1].source = SOURCE_MODEL;
    return 0;
}

int seq_apply(scan *s, const seq_model *m)
{
    seq_words w = { 0 };
    uint8_t *tags = NULL;
    int rc = seq_describe_scan(s, &w);
    if (rc == 0 && w.n > 0) {
        tags = malloc(w.n);
        rc = tags ? seq_decode(m, &w, tags) : -1;
    }
    if (rc != 0 || w.n == 0) {
        free(tags);
        seq_words_free(&w);
        return rc;
    }
    /* the rules' names and their surnames are the model's to judge; the
     * news agency and organisations.txt's names are no one, whoever found them */
    size_t nm = s->nm;
    for (size_t k = 0; k < nm && rc == 0; k++)
        if (s->m[k].type == MATCH_PERSON
            && (s->m[k].source == SOURCE_NAMES || s->m[k].source == SOURCE_JOIN)) {
            scan_drop_match(s, k);
            rc = scan_restore_gazetteer(s, s->m[k].a, s->m[k].b);
        }
    for (size_t k = 0; k < w.n; k++) {
        int32_t c = s->cover[w.v[k].token];
        if (w.v[k].constraint == SEQ_NO_PERSON && c >= 0 && s->m[c].type == MATCH_PERSON)
            scan_drop_match(s, (size_t)c);
    }
    /* the parts of names a line break cut, seen before any is added */
    uint8_t *cut = rc == 0 ? calloc(w.n, 1) : NULL;
    if (!cut)
        rc = -1;
    for (size_t k = 0; k < w.n && rc == 0; k++) {
        if (tags[k] != SEQ_B_PER)
            continue;
        size_t last = k;
        while (last + 1 < w.n && tags[last + 1] == SEQ_I_PER)
            last++;
        cut[k] = (uint8_t)cut_by_line_break(s, &w, tags, k, last);
    }
    /* the model's people: full names first, so that one-word names can join them */
    size_t norgs = 0;
    const char **orgs = NULL;
    full_names names = { 0 };
    if (rc == 0)
        rc = organisation_keys(s, &w, tags, &orgs, &norgs);
    for (int pass = 0; pass < 2 && rc == 0; pass++)
        for (size_t k = 0; k < w.n && rc == 0; k++) {
            if (tags[k] != SEQ_B_PER)
                continue;
            size_t last = k;
            while (last + 1 < w.n && tags[last + 1] == SEQ_I_PER)
                last++;
            if ((pass == 0) != (last > k))
                continue;
            if (last == k && names_organisation(s, &w, orgs, norgs, k))
                continue;
            if (cut[k] && last > k)
                continue;       /* its words may still join a full name, below */
            rc = add_model_person(s, &names, w.v[k].token, w.v[last].token, cut[k]);
        }
    /* the words of a part of two words or more are lone words again: its
     * surname may still join a full name */
    for (size_t k = 0; k < w.n && rc == 0; k++)
        if (cut[k] && k + 1 < w.n && tags[k + 1] == SEQ_I_PER)
            for (size_t j = k; j < w.n && (j == k || tags[j] == SEQ_I_PER); j++)
                tags[j] = SEQ_O;
    /* a lone capitalised word the model did not make a person, that is the
     * surname of a full name of the text, is that person ("Yoshikawa" in a
     * results table, which the model may take for a team) */
    for (size_t k = 0; k < w.n && rc == 0; k++) {
        size_t i = w.v[k].token;
        int32_t c = s->cover[i];
        /* a word of a longer organisation or place the model found does not join */
        int in_entity = tags[k] != SEQ_O
                        && ((k + 1 < w.n && seq_tag_inside(tags[k + 1])) || seq_tag_inside(tags[k]));
        if (tags[k] == SEQ_B_PER || in_entity || w.v[k].constraint || !is_cap_word(s, i)
            || in_caps_line(s, i) || !scan_may_join(s, i))
            continue;
        if (c >= 0 && !(s->m[c].type == MATCH_COUNTRY && s->m[c].a == s->m[c].b
                        && !s->m[c].dateline))
            continue;
        long person;
        rc = joined_person(s, &names, i, &person);
        if (rc != 0 || person < 0)
            continue;
        if (c >= 0)
            scan_drop_match(s, (size_t)c);
        rc = scan_add_match(s, i, i, MATCH_PERSON, (int32_t)person);
        if (rc == 0)
            s->m[s->nm - 1].source = SOURCE_JOIN;
    }
    nearest_free(&names.ix);
    free(orgs);
    free(cut);
    free(tags);
    seq_words_free(&w);
    return rc;
}
