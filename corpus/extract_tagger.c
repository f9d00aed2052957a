/* extract_tagger.c — the statistical person tagger: see extract_tagger.h.
 *
 * Features are hashed to 32 bits (FNV-1a of "name=value").  Only our own
 * vocabulary is ever a feature's value: the lower-case words of the text
 * (function words, verbs: "said", "beat", "captain"), the capitalised words
 * of not-names.txt, shapes, short suffixes, and what the gazetteers and the
 * rules say; a capitalised word itself never is, so the weights hold no names.
 */
#include "extract_tagger.h"
#include "extract_scan.h"

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

const double *tagger_model_get(const tagger_model *m, uint32_t feature)
{
    if (m->cap == 0)
        return NULL;
    size_t mask = m->cap - 1;
    for (size_t i = mix(feature) & mask;; i = (i + 1) & mask) {
        if (m->keys[i] == feature)
            return m->weights[i];
        if (m->keys[i] == 0)
            return NULL;
    }
}

static int model_grow(tagger_model *m)
{
    size_t cap = m->cap ? m->cap * 2 : 4096;
    uint32_t *keys = calloc(cap, sizeof *keys);
    double (*weights)[TAG_COUNT] = calloc(cap, sizeof *weights);
    if (!keys || !weights) {
        free(keys);
        free(weights);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i] == 0)
            continue;
        size_t j = mix(m->keys[i]) & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        memcpy(weights[j], m->weights[i], sizeof weights[j]);
    }
    free(m->keys);
    free(m->weights);
    m->keys = keys;
    m->weights = weights;
    m->cap = cap;
    return 0;
}

double *tagger_model_slot(tagger_model *m, uint32_t feature)
{
    if ((m->count + 1) * 2 > m->cap && model_grow(m) != 0)
        return NULL;
    size_t mask = m->cap - 1, i = mix(feature) & mask;
    while (m->keys[i] && m->keys[i] != feature)
        i = (i + 1) & mask;
    if (m->keys[i] == 0) {
        m->keys[i] = feature;
        m->count++;
    }
    return m->weights[i];
}

int tagger_model_empty(const tagger_model *m)
{
    return m->count == 0;
}

void tagger_model_free(tagger_model *m)
{
    free(m->keys);
    free(m->weights);
    memset(m, 0, sizeof *m);
}

int tagger_model_load(tagger_model *m, const char *text)
{
    memset(m, 0, sizeof *m);
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        if (end > line && *line != '#') {
            char *p;
            unsigned long h = strtoul(line, &p, 16);
            long w[TAG_COUNT];
            for (int k = 0; k < TAG_COUNT; k++)
                w[k] = strtol(p, &p, 10);
            double *slot = p <= end && h != 0 && h <= 0xFFFFFFFFul
                          ? tagger_model_slot(m, (uint32_t)h) : NULL;
            if (!slot) {
                tagger_model_free(m);
                return -1;
            }
            for (int k = 0; k < TAG_COUNT; k++)
                slot[k] = (double)w[k] / 1000.0;
        }
        line = *end ? end + 1 : end;
    }
    return 0;
}

void tagger_score(const tagger_model *m, const uint32_t *features, size_t n, double *score)
{
    for (size_t i = 0; i < n; i++) {
        const double *w = tagger_model_get(m, features[i]);
        if (w)
            for (int k = 0; k < TAG_COUNT; k++)
                score[k] += w[k];
    }
}

/* --- features ------------------------------------------------------------- */

static uint32_t fnv(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* The hash of "name=value" (never 0: 0 marks a free slot of the model). */
static uint32_t feature(const char *name, const char *value, size_t len)
{
    uint32_t h = fnv(2166136261u, name, strlen(name));
    h = fnv(h, "=", 1);
    h = fnv(h, value, len);
    return h ? h : 1;
}

size_t tagger_tag_features(int previous_tag, uint32_t shape, uint32_t *out)
{
    static const char *const names[TAG_COUNT] = { "O", "B", "I" };
    out[0] = feature("pt", names[previous_tag], 1);
    unsigned char bytes[4] = { (unsigned char)shape, (unsigned char)(shape >> 8),
                               (unsigned char)(shape >> 16), (unsigned char)(shape >> 24) };
    uint32_t h = fnv(feature("pt|s0", names[previous_tag], 1), (const char *)bytes, 4);
    out[1] = h ? h : 1;
    return 2;
}

/* What the features read of each token, worked out once per text. */
typedef struct token_view {
    char shape[16];       /* "Xx", "X.X.", "d,d" */
    uint8_t shape_len;
    uint8_t word_len;
    const char *word;     /* the word as a value (see word_view) */
    const char *rule;     /* what the rules made of it (see rule_view) */
} token_view;

typedef struct feature_list {
    uint32_t *v;
    size_t n;
} feature_list;

/* Add the feature name=a, or name=a|b when b is not NULL. */
static void add2(feature_list *f, const char *name, const char *a, size_t alen, const char *b,
                 size_t blen)
{
    if (f->n >= TAGGER_MAX_FEATURES)
        return;
    uint32_t h = fnv(2166136261u, name, strlen(name));
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
    const gaz_phrase *p = phrase_at(s, i);
    if (f & XTOK_DIGIT)
        v->word = "D";
    else if (!(f & XTOK_CAP) || (p && p->not_name))
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
        v->rule = m->ref >= 0 && s->g->country_aliases[m->ref].kind == KIND_INSTITUTION ? "-" : "C";
        break;
    case MATCH_TITLE:   v->rule = "T"; break;
    case MATCH_BLOCK:   v->rule = "K"; break;
    default:            break;
    }
}

static const token_view outside = { "_", 1, 3, "<s>", "-" };

static const token_view *view(const token_view *v, const scan *s, long i)
{
    return i < 0 || (size_t)i >= s->t.n ? &outside : &v[i];
}

static void add_gazetteer(feature_list *f, const scan *s, long i, const char *name)
{
    if (i < 0 || (size_t)i >= s->t.n || !is_word(s, (size_t)i))
        return;
    const gaz_phrase *p = phrase_at(s, (size_t)i);
    if (!p)
        return;
    static const char *const kinds[] = { "ck0", "ck1", "ck2", "ck3", "ck4", "ck5", "ck6" };
    if (p->first_name)
        add(f, name, "fn");
    if (p->not_name)
        add(f, name, "nn");
    if (p->title)
        add(f, name, p->title == 2 ? "t2" : "t1");
    if (p->person_alias >= 0)
        add(f, name, s->g->person_aliases[p->person_alias].lookup_only ? "pl" : "pa");
    if (p->country_alias >= 0 && s->g->country_aliases[p->country_alias].kind <= KIND_BLOCK)
        add(f, name, kinds[s->g->country_aliases[p->country_alias].kind % 7]);
}

/* What the whole text says of a word: does it also stand in lower case
 * ("Bill" and "bill"), or capitalised inside a sentence? */
typedef struct doc_words {
    const char **keys;
    uint8_t *seen;   /* 1: in lower case somewhere; 2: capitalised mid-sentence */
    size_t cap;
} doc_words;

static size_t doc_slot(const doc_words *d, const char *key)
{
    size_t mask = d->cap - 1, i = fnv(2166136261u, key, strlen(key)) & mask;
    while (d->keys[i] && strcmp(d->keys[i], key) != 0)
        i = (i + 1) & mask;
    return i;
}

static int doc_words_build(doc_words *d, const scan *s)
{
    d->cap = 16;
    while (d->cap < s->t.n * 2 + 2)
        d->cap *= 2;
    d->keys = calloc(d->cap, sizeof *d->keys);
    d->seen = calloc(d->cap, 1);
    if (!d->keys || !d->seen)
        return -1;
    for (size_t i = 0; i < s->t.n; i++) {
        if (!is_word(s, i) || in_caps_line(s, i))
            continue;
        size_t slot = doc_slot(d, key_at(s, i));
        d->keys[slot] = key_at(s, i);
        if (!(flags_at(s, i) & XTOK_CAP))
            d->seen[slot] |= 1;
        else if (!scan_sentence_start(s, i))
            d->seen[slot] |= 2;
    }
    return 0;
}

static void doc_words_free(doc_words *d)
{
    free(d->keys);
    free(d->seen);
}

static int is_join_key(const scan *s, const char *key)
{
    for (size_t j = 0; j < s->nj; j++)
        if (strcmp(s->joins[j].key, key) == 0)
            return 1;
    return 0;
}

static void describe_word(const scan *s, const token_view *views, const doc_words *d,
                          size_t i, tagger_word *w)
{
    feature_list f = { .v = w->features };
    const xtoken *tok = &s->t.v[i];
    uint32_t flags = tok->flags;
    const token_view *v0 = &views[i], *vp = view(views, s, (long)i - 1),
                     *vn = view(views, s, (long)i + 1);

    add(&f, "b", "");
    static const char *const shape_names[] = { "s-2", "s-1", "s0", "s+1", "s+2" };
    static const char *const word_names[] = { "w-2", "w-1", "w0", "w+1", "w+2" };
    for (int k = -2; k <= 2; k++) {
        const token_view *v = view(views, s, (long)i + k);
        add2(&f, shape_names[k + 2], v->shape, v->shape_len, NULL, 0);
        add2(&f, word_names[k + 2], v->word, v->word_len, NULL, 0);
    }
    w->shape = fnv(2166136261u, v0->shape, v0->shape_len);
    add2(&f, "s-1|s0", vp->shape, vp->shape_len, v0->shape, v0->shape_len);
    add2(&f, "w-1|s0", vp->word, vp->word_len, v0->shape, v0->shape_len);
    add2(&f, "s0|s+1", v0->shape, v0->shape_len, vn->shape, vn->shape_len);
    add2(&f, "s0|w+1", v0->shape, v0->shape_len, vn->word, vn->word_len);

    const char *key = key_at(s, i);
    size_t klen = tok->key_len;
    if (klen >= 4) {
        add2(&f, "suf3", key + klen - 3, 3, NULL, 0);
        add2(&f, "suf2", key + klen - 2, 2, NULL, 0);
    }
    char len[3] = { (char)('a' + (klen < 12 ? klen : 12)), 0, 0 };
    add(&f, "len", len);

    add_gazetteer(&f, s, (long)i - 1, "g-1");
    add_gazetteer(&f, s, (long)i, "g0");
    add_gazetteer(&f, s, (long)i + 1, "g+1");

    add(&f, "r0", v0->rule);
    add(&f, "r-1", vp->rule);
    add(&f, "r+1", vn->rule);
    add2(&f, "r0|s0", v0->rule, strlen(v0->rule), v0->shape, v0->shape_len);

    int title = scan_title_before(s, i);
    if (title)
        add(&f, "tb", title == 2 ? "2" : "1");
    if (scan_sentence_start(s, i))
        add(&f, "ss", "");
    if (in_caps_line(s, i))
        add(&f, "cl", "");
    if (flags & XTOK_JOINED)
        add(&f, "jn", "");
    if (flags & XTOK_POSSESSIVE)
        add(&f, "ps", "");
    if (flags & XTOK_CAP) {
        if (is_join_key(s, key))
            add(&f, "jk", "");
        uint8_t seen = d->seen[doc_slot(d, key)];
        if (seen & 1)
            add(&f, "lower-too", "");
        if (seen & 2)
            add(&f, "cap-mid", "");
    }
    w->nfeatures = (uint16_t)f.n;
}

/* Describe every word of a scanned text. */
static int describe_scan(const scan *s, tagger_word **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    doc_words d = { 0 };
    size_t nt = s->t.n ? s->t.n : 1;
    tagger_word *words = malloc(nt * sizeof *words);
    token_view *views = malloc(nt * sizeof *views);
    if (!words || !views || doc_words_build(&d, s) != 0) {
        free(words);
        free(views);
        doc_words_free(&d);
        return -1;
    }
    for (size_t i = 0; i < s->t.n; i++) {
        shape_view(s, i, &views[i]);
        word_view(s, i, &views[i]);
        rule_view(s, i, &views[i]);
    }
    size_t nw = 0, previous = SIZE_MAX;
    for (size_t i = 0; i < s->t.n; i++) {
        if (!is_word(s, i))
            continue;
        tagger_word *w = &words[nw++];
        w->start = s->t.v[i].start;
        w->end = s->t.v[i].end;
        w->token = i;
        w->paragraph = previous == SIZE_MAX || (s->t.v[i].flags & XTOK_PARAGRAPH);
        int next_to = !w->paragraph
                      && (i == previous + 1
                          || (i == previous + 2 && key_is(s, previous + 1, ".")
                              && (flags_at(s, previous) & XTOK_UPPER_ONLY)));
        /* a name never spans a line break */
        w->continues = next_to && !(flags_at(s, i) & XTOK_LINE_START);
        w->wrapped = next_to && (flags_at(s, i) & XTOK_LINE_START);
        w->initial = (flags_at(s, i) & XTOK_UPPER_ONLY) && key_is(s, i + 1, ".");
        describe_word(s, views, &d, i, w);
        previous = i;
    }
    doc_words_free(&d);
    free(views);
    *out = words;
    *n = nw;
    return 0;
}

int tagger_describe(const extractor *x, const char *text, size_t len, tagger_word **words,
                    size_t *n)
{
    scan s;
    int rc = scan_rules(&s, x, text, len, 0, 1, NULL);
    if (rc == 0)
        rc = describe_scan(&s, words, n);
    scan_free(&s);
    return rc;
}

/* --- tagging ------------------------------------------------------------- */

static void decode(const tagger_model *m, const tagger_word *w, size_t n, uint8_t *tags)
{
    int previous = TAG_O;
    for (size_t k = 0; k < n; k++) {
        if (w[k].paragraph)
            previous = TAG_O;
        double score[TAG_COUNT] = { 0 };
        uint32_t tf[4];
        tagger_score(m, w[k].features, w[k].nfeatures, score);
        tagger_score(m, tf, tagger_tag_features(previous, w[k].shape, tf), score);
        int best = TAG_O;
        for (int t = 1; t < TAG_COUNT; t++)
            if (score[t] > score[best])
                best = t;
        tags[k] = (uint8_t)best;
        previous = best;
    }
}

/* The person a one-word name stands for: the nearest full name before it
 * (else after it) whose surname or family name it is, or -1. */
static long joined_person(const scan *s, size_t token)
{
    long best = -1;
    size_t best_at = 0;
    for (size_t k = 0; k < s->nm; k++) {
        const match *m = &s->m[k];
        if (m->type != MATCH_PERSON || m->a == m->b)
            continue;
        int hit = 0;
        for (size_t i = m->a; i <= m->b && !hit; i++)
            hit = (i == m->b || i == m->a) && strcmp(key_at(s, i), key_at(s, token)) == 0;
        if (!hit)
            continue;
        int before = m->a < token, best_before = best >= 0 && best_at < token;
        if (best < 0 || (before && (!best_before || m->a > best_at))
            || (!before && !best_before && m->a < best_at)) {
            best = m->ref;
            best_at = m->a;
        }
    }
    return best;
}

/* A capitalised word that nothing else claims and may be part of a name. */
static int free_name_word(const scan *s, size_t i)
{
    const gaz_phrase *p = phrase_at(s, i);
    return is_cap_word(s, i) && s->cover[i] < 0 && !in_caps_line(s, i) && !(p && p->not_name);
}

/* Whether word k reads as part of a name: tagged so, or a capitalised word
 * nothing claims, or a person the rules found. */
static int name_like(const scan *s, const tagger_word *w, const uint8_t *tags, size_t k)
{
    int32_t c = s->cover[w[k].token];
    return tags[k] != TAG_O || free_name_word(s, w[k].token)
           || (c >= 0 && s->m[c].type == MATCH_PERSON);
}

/* Whether the name of words first..last was cut by a line break: the word on
 * the other side of the line end reads as part of it. Wire text is wrapped at
 * a fixed width, so "said Richard\nSmith" is one name cut in two, and
 * "Richard" alone is nobody. */
static int cut_by_line_break(const scan *s, const tagger_word *w, const uint8_t *tags, size_t n,
                             size_t first, size_t last)
{
    return (last + 1 < n && w[last + 1].wrapped && name_like(s, w, tags, last + 1))
           || (w[first].wrapped && first > 0 && name_like(s, w, tags, first - 1));
}

int tagger_apply(scan *s, const tagger_model *m)
{
    tagger_word *w;
    size_t n;
    if (describe_scan(s, &w, &n) != 0)
        return -1;
    uint8_t *tags = n ? malloc(n) : NULL;
    if (n && !tags) {
        free(w);
        return -1;
    }
    decode(m, w, n, tags);

    /* the tagger adds the names the rules missed; where they overlap, the
     * rules' names stand, and a lone word the rules took for a country or a
     * title stays so */
    int rc = 0;
    /* full names first, so that the one-word names can join them */
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        for (size_t k = 0; k < n && rc == 0; k++) {
            if (tags[k] == TAG_O || (k > 0 && tagger_extends(w, tags, k)))
                continue;
            size_t last = k;
            while (last + 1 < n && tagger_extends(w, tags, last + 1))
                last++;
            /* a name the tagger cut short ("Marnus" of Marnus Labuschagne)
             * takes the capitalised words next to it */
            while (last + 1 < n && w[last + 1].continues && free_name_word(s, w[last + 1].token))
                last++;
            size_t first = k;
            while (first > 0 && w[first].continues && free_name_word(s, w[first - 1].token)
                   && !scan_sentence_start(s, w[first - 1].token))
                first--;
            size_t a = w[first].token, b = w[last].token;
            if ((pass == 0) != (a != b))
                continue;
            int taken = 0;
            for (size_t i = a; i <= b && !taken; i++) {
                int type = s->cover[i] >= 0 ? s->m[s->cover[i]].type : MATCH_NONE;
                taken = type == MATCH_PERSON || type == MATCH_BLOCK
                        || (type != MATCH_NONE && (a == b || s->m[s->cover[i]].dateline));
            }
            if (taken)
                continue;
            long person = a == b ? joined_person(s, a) : -1;
            /* one word of a name cut by a line break stands only for a full
             * name it is part of */
            if (a == b && person < 0 && cut_by_line_break(s, w, tags, n, first, last))
                continue;
            rc = person < 0 ? scan_mark_person(s, a, b)
                            : scan_add_match(s, a, a, MATCH_PERSON, (int32_t)person);
        }
    }
    /* the surnames of the tagger's full names, alone elsewhere, are them too */
    for (size_t k = 0; k < n && rc == 0; k++) {
        size_t i = w[k].token;
        if (s->cover[i] >= 0 || !is_cap_word(s, i) || in_caps_line(s, i)
            || !scan_may_join(s, i))
            continue;
        long person = joined_person(s, i);
        if (person >= 0)
            rc = scan_add_match(s, i, i, MATCH_PERSON, (int32_t)person);
    }
    free(tags);
    free(w);
    return rc;
}
