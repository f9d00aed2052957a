/* sequence_train.c — train and cross-validate the sequence tagger: see
 * sequence_train.h. */
#include "sequence_train.h"
#include "array.h"
#include "extract_int.h"
#include "extract_scan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

seq_options seq_default_options(void)
{
    return (seq_options){ .epochs = 10, .seed = 20261201u, .augment = AUGMENT_ALL, .prune = 100 };
}

const char *seq_augment_name(seq_augment a)
{
    static const char *const names[] = { "none", "mixed", "all" };
    return a <= AUGMENT_ALL ? names[a] : "?";
}

int seq_augment_parse(const char *name)
{
    for (int a = AUGMENT_NONE; a <= AUGMENT_ALL; a++)
        if (strcmp(name, seq_augment_name((seq_augment)a)) == 0)
            return a;
    return -1;
}

/* A fixed generator (64-bit LCG, high bits): the same seed, the same draws. */
static uint32_t draw(uint64_t *state)
{
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*state >> 33);
}

static void shuffle(size_t *v, size_t n, uint64_t *state)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = draw(state) % i;
        size_t t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}

/* --- examples ------------------------------------------------------------- */

typedef struct example {
    seq_words words;
    uint8_t *gold;
} example;

typedef struct example_set {
    example *v;
    size_t n, cap;
    unsigned long words, names;
} example_set;

/* The gold tag of each word from the spans: B for a span's first word, I for
 * the others. */
static void gold_tags(const seq_words *w, const conll_text *t, uint8_t *tags)
{
    size_t g = 0;
    for (size_t k = 0; k < w->n; k++) {
        const seq_word *word = &w->v[k];
        while (g < t->nspans && t->spans[g].end <= word->start)
            g++;
        if (g < t->nspans && word->start >= t->spans[g].start && word->end <= t->spans[g].end) {
            int type = t->spans[g].type;
            tags[k] = (uint8_t)(word->start == t->spans[g].start ? 2 * type - 1 : 2 * type);
        } else {
            tags[k] = SEQ_O;
        }
    }
}

static int add_example(example_set *set, const extractor *x, const conll_text *t)
{
    if (array_grow((void **)&set->v, &set->cap, set->n + 1, sizeof *set->v) != 0)
        return -1;
    example *e = &set->v[set->n];
    memset(e, 0, sizeof *e);
    if (extract_scan_words(&x->g, t->text, t->len, &e->words) != 0) {
        seq_words_free(&e->words);
        return -1;
    }
    e->gold = malloc(e->words.n + 1);
    if (!e->gold) {
        seq_words_free(&e->words);
        return -1;
    }
    gold_tags(&e->words, t, e->gold);
    set->words += e->words.n;
    for (size_t k = 0; k < e->words.n; k++)
        set->names += e->gold[k] == SEQ_B_PER;
    set->n++;
    return 0;
}

static void examples_free(example_set *set)
{
    for (size_t i = 0; i < set->n; i++) {
        seq_words_free(&set->v[i].words);
        free(set->v[i].gold);
    }
    free(set->v);
    memset(set, 0, sizeof *set);
}

static int build_examples(const extractor *x, const conll_corpus *c, const size_t *docs,
                          size_t ndocs, seq_augment augment, example_set *set)
{
    conll_text t = { 0 };
    int rc = 0;
    for (size_t i = 0; i < ndocs && rc == 0; i++) {
        const conll_doc *d = &c->docs[docs[i]];
        for (int l = 0; l < CONLL_LAYOUTS && rc == 0; l++) {
            int use = augment == AUGMENT_ALL || (augment == AUGMENT_NONE && l == CONLL_PARAGRAPHS)
                      || (augment == AUGMENT_MIXED && (int)(docs[i] % CONLL_LAYOUTS) == l);
            if (!use)
                continue;
            rc = conll_render(d, (conll_layout)l, (unsigned)docs[i], 1, &t);
            if (rc == 0)
                rc = add_example(set, x, &t);
        }
    }
    conll_text_free(&t);
    return rc;
}

/* --- the averaged perceptron ------------------------------------------------ */

/* The sums for averaging: each update weighted by the step it was made at,
 * so that the average over all steps is w - u / steps (Daumé's trick).
 * Keyed as the model's table (extract_sequence.h: feature hashes, not
 * strings, so not corpus/strset.h), with 64-bit sums. */
typedef struct sums {
    uint32_t *keys;
    int64_t (*u)[SEQ_TAGS];
    size_t cap, count;
} sums;

static uint32_t mix(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x45d9f3bu;
    h ^= h >> 16;
    return h;
}

static int64_t *sums_slot(sums *s, uint32_t key)
{
    if ((s->count + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 65536;
        uint32_t *keys = calloc(cap, sizeof *keys);
        int64_t (*u)[SEQ_TAGS] = calloc(cap, sizeof *u);
        if (!keys || !u) {
            free(keys);
            free(u);
            return NULL;
        }
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->keys[i])
                continue;
            size_t j = mix(s->keys[i]) & (cap - 1);
            while (keys[j])
                j = (j + 1) & (cap - 1);
            keys[j] = s->keys[i];
            memcpy(u[j], s->u[i], sizeof u[j]);
        }
        free(s->keys);
        free(s->u);
        s->keys = keys;
        s->u = u;
        s->cap = cap;
    }
    size_t mask = s->cap - 1, i = mix(key) & mask;
    while (s->keys[i] && s->keys[i] != key)
        i = (i + 1) & mask;
    if (!s->keys[i]) {
        s->keys[i] = key;
        s->count++;
    }
    return s->u[i];
}

static const int64_t *sums_get(const sums *s, uint32_t key)
{
    if (!s->cap)
        return NULL;
    size_t mask = s->cap - 1;
    for (size_t i = mix(key) & mask;; i = (i + 1) & mask) {
        if (s->keys[i] == key)
            return s->u[i];
        if (!s->keys[i])
            return NULL;
    }
}

typedef struct learner {
    seq_model w;
    sums u;
    int64_t steps;
} learner;

static int bump(learner *l, uint32_t feature, int tag, int delta)
{
    int32_t *w = seq_model_slot(&l->w, feature);
    int64_t *u = sums_slot(&l->u, feature);
    if (!w || !u)
        return -1;
    w[tag] += delta;
    u[tag] += l->steps * delta;
    return 0;
}

/* Learn from one example; returns the words tagged wrong, or -1 (memory). */
static long learn(learner *l, const example *e, uint8_t *guess)
{
    seq_model_index(&l->w);
    if (seq_decode(&l->w, &e->words, guess) != 0)
        return -1;
    l->steps++;
    long wrong = 0;
    const seq_words *w = &e->words;
    for (size_t k = 0; k < w->n; k++) {
        int g = e->gold[k], p = guess[k];
        int gp = k ? e->gold[k - 1] : SEQ_O, pp = k ? guess[k - 1] : SEQ_O;
        if (g != p) {
            wrong++;
            const uint32_t *f = w->features + w->v[k].first;
            for (size_t i = 0; i < w->v[k].nfeatures; i++)
                if (bump(l, f[i], g, 1) != 0 || bump(l, f[i], p, -1) != 0)
                    return -1;
        }
        if (g != p || gp != pp) {
            int link = w->v[k].link;
            if (bump(l, seq_transition_feature(link, gp), g, 1) != 0
                || bump(l, seq_transition_feature(link, pp), p, -1) != 0)
                return -1;
        }
    }
    return wrong;
}

/* The averaged weights in hundredths, rounded half away from zero. */
static int average(const learner *l, int prune, seq_model *out)
{
    for (size_t i = 0; i < l->w.cap; i++) {
        uint32_t key = l->w.v[i].key;
        if (!key)
            continue;
        const int64_t *u = sums_get(&l->u, key);
        int32_t q[SEQ_TAGS];
        int any = 0;
        for (int t = 0; t < SEQ_TAGS; t++) {
            int64_t num = ((int64_t)l->w.v[i].w[t] * l->steps - (u ? u[t] : 0)) * 100;
            int64_t v = num >= 0 ? (num + l->steps / 2) / l->steps : -((-num + l->steps / 2) / l->steps);
            q[t] = (int32_t)(v > -prune && v < prune ? 0 : v);
            any |= q[t] != 0;
        }
        if (!any)
            continue;
        int32_t *slot = seq_model_slot(out, key);
        if (!slot)
            return -1;
        memcpy(slot, q, sizeof q);
    }
    seq_model_index(out);
    return 0;
}

int seq_train(const extractor *x, const conll_corpus *c, const size_t *docs, size_t ndocs,
              const seq_options *o, int verbose, seq_model *out)
{
    example_set set = { 0 };
    learner l = { 0 };
    size_t *order = NULL;
    uint8_t *guess = NULL;
    int rc = build_examples(x, c, docs, ndocs, o->augment, &set);
    size_t longest = 1;
    for (size_t i = 0; i < set.n; i++)
        if (set.v[i].words.n > longest)
            longest = set.v[i].words.n;
    if (rc == 0) {
        order = malloc((set.n + 1) * sizeof *order);
        guess = malloc(longest);
        rc = order && guess ? 0 : -1;
    }
    if (rc == 0 && verbose)
        fprintf(stderr, "train-sequence: %zu examples, %lu words, %lu people\n", set.n,
                set.words, set.names);
    uint64_t state = o->seed;
    for (size_t i = 0; i < set.n && rc == 0; i++)
        order[i] = i;
    for (int epoch = 1; epoch <= o->epochs && rc == 0; epoch++) {
        shuffle(order, set.n, &state);
        unsigned long wrong = 0;
        for (size_t i = 0; i < set.n && rc == 0; i++) {
            long bad = learn(&l, &set.v[order[i]], guess);
            if (bad < 0)
                rc = -1;
            else
                wrong += (unsigned long)bad;
        }
        if (rc == 0 && verbose)
            fprintf(stderr, "train-sequence: epoch %d: %.4f of the words tagged right\n", epoch,
                    set.words ? 1.0 - (double)wrong / (double)set.words : 0);
    }
    if (rc == 0)
        rc = average(&l, o->prune, out);
    seq_model_free(&l.w);
    free(l.u.keys);
    free(l.u.u);
    free(order);
    free(guess);
    examples_free(&set);
    return rc;
}

static int compare_sizes(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static int compare_keys(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

int seq_model_write(const seq_model *m, FILE *f, const char *comment)
{
    for (const char *line = comment; *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        fprintf(f, "# %.*s\n", (int)n, line);
        line += n + (end != NULL);
    }
    uint32_t *keys = malloc((m->count + 1) * sizeof *keys);
    if (!keys)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < m->cap; i++)
        if (m->v[i].key)
            keys[n++] = m->v[i].key;
    qsort(keys, n, sizeof *keys, compare_keys);
    for (size_t i = 0; i < n; i++) {
        const int32_t *w = seq_model_get(m, keys[i]);
        fprintf(f, "%08x", (unsigned)keys[i]);
        for (int t = 0; t < SEQ_TAGS; t++)
            if (w[t])
                fprintf(f, " %d:%d", t, (int)w[t]);
        fputc('\n', f);
    }
    free(keys);
    return ferror(f) ? -1 : 0;
}

/* --- scores ------------------------------------------------------------------ */

double seq_precision(const seq_score_counts *s)
{
    return s->tp + s->fp ? (double)s->tp / (double)(s->tp + s->fp) : 0;
}

double seq_recall(const seq_score_counts *s)
{
    return s->tp + s->fn ? (double)s->tp / (double)(s->tp + s->fn) : 0;
}

double seq_f1(const seq_score_counts *s)
{
    double p = seq_precision(s), r = seq_recall(s);
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

int seq_score_docs(const extractor *x, const conll_corpus *c, const size_t *docs, size_t ndocs,
                   conll_layout layout, seq_score_counts *out)
{
    conll_text t = { 0 };
    int rc = 0;
    for (size_t i = 0; i < ndocs && rc == 0; i++) {
        rc = conll_render(&c->docs[docs[i]], layout, (unsigned)docs[i], 0, &t);
        if (rc != 0)
            break;
        brief b;
        brief_init(&b);
        b.body = t.text;   /* borrowed: never freed through b */
        b.body_len = t.len;
        entity_set set;
        if (extract_brief(x, &b, 1, &set) != 0) {
            rc = -1;
            break;
        }
        size_t gold = 0;
        for (size_t g = 0; g < t.nspans; g++)
            gold += t.spans[g].type == CONLL_PER;
        unsigned long found = 0;
        for (size_t k = 0; k < set.nmentions; k++) {
            const entity_mention *m = &set.mentions[k];
            if (m->kind != ENTITY_PERSON)
                continue;
            int hit = 0;
            for (size_t g = 0; g < t.nspans && !hit; g++)
                hit = t.spans[g].type == CONLL_PER && t.spans[g].start == m->start
                      && t.spans[g].end == m->end;
            if (hit)
                found++;
            else
                out->fp++;
        }
        out->tp += found;
        out->fn += gold - found;
        entity_set_clear(&set);
    }
    conll_text_free(&t);
    return rc;
}

int seq_cross_validate(extractor *x, const conll_corpus *c, int folds, const seq_options *o,
                       double *f1, seq_score_counts *counts, int verbose)
{
    size_t n = c->n;
    size_t *perm = malloc((n + 1) * sizeof *perm);
    size_t *train = malloc((n + 1) * sizeof *train);
    size_t *test = malloc((n + 1) * sizeof *test);
    if (!perm || !train || !test) {
        free(perm);
        free(train);
        free(test);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    uint64_t state = o->seed ^ 0x9e3779b97f4a7c15ull;
    shuffle(perm, n, &state);
    seq_model own = x->sequence;
    int rc = 0;
    for (int fold = 0; fold < folds && rc == 0; fold++) {
        size_t ntrain = 0, ntest = 0;
        for (size_t i = 0; i < n; i++) {
            if ((int)(i % (size_t)folds) == fold)
                test[ntest++] = perm[i];
            else
                train[ntrain++] = perm[i];
        }
        /* the documents in file order within each side: the same folds give
         * the same models whatever the shuffle did */
        qsort(train, ntrain, sizeof *train, compare_sizes);
        qsort(test, ntest, sizeof *test, compare_sizes);
        seq_model m = { 0 };
        rc = seq_train(x, c, train, ntrain, o, 0, &m);
        x->sequence = m;
        for (int l = 0; l < CONLL_LAYOUTS && rc == 0; l++) {
            seq_score_counts s = { 0 };
            rc = seq_score_docs(x, c, test, ntest, (conll_layout)l, &s);
            f1[fold * CONLL_LAYOUTS + l] = seq_f1(&s);
            counts[l].tp += s.tp;
            counts[l].fp += s.fp;
            counts[l].fn += s.fn;
            if (verbose)
                fprintf(stderr, "cross-validation: fold %d (%zu documents), %-10s P %.3f R %.3f F1 %.3f\n",
                        fold + 1, ntest, conll_layout_name((conll_layout)l), seq_precision(&s),
                        seq_recall(&s), seq_f1(&s));
        }
        x->sequence = own;
        seq_model_free(&m);
    }
    free(perm);
    free(train);
    free(test);
    return rc;
}
