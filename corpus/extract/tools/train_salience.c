/* train_salience.c — learn the salience model (corpus/extract/gazetteer/salience.txt)
 * from the TRAIN stories of Reuters-21578's Lewis split.
 *
 * Usage: train-salience REUTERS_DIR OUT_FILE [EPOCHS [MIN_PRECISION [MIN_RECALL]]]
 *
 * Every country a TRAIN story names or hints at is one example, described by
 * the features of extract_salience.h and labelled by whether the story's gold
 * PLACES hold it (stories without a country in PLACES are left out, as the
 * evaluation leaves them out).  A logistic regression (stochastic gradient
 * descent, L2 penalty, EPOCHS passes, default 40) learns the weights.
 * The threshold is chosen without looking at the TEST stories: a model
 * trained on the even TRAIN stories scores the odd ones and one trained on
 * the odd stories scores the even ones; over these held-out scores the
 * threshold that leaves the most room over both targets, the largest
 * min(P - MIN_PRECISION, R - MIN_RECALL) (defaults 0.92 and 0.95, the
 * targets of corpus/extract/README.md), is kept; then the model is trained
 * again on every TRAIN story.  The same data and epochs always give the
 * same file, which holds feature names (no text of the corpus) and weights.
 * Exit status 0, 1 on an error.
 */
#include "array.h"
#include "extract_int.h"
#include "reader.h"
#include "reuters_split.h"
#include "strset.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct example {
    size_t first;      /* its features: feature_ids[first .. first + n) */
    uint32_t n;
    int label;         /* +1: in the gold PLACES, -1: not */
    size_t story;
} example;

typedef struct trainer {
    extractor *x;
    reuters_splits splits;
    /* feature names, each numbered as its entry of names (its id) */
    strset ids;
    salience_feature *names;  size_t nnames, cap_names;
    uint32_t *feature_ids;    size_t nids, cap_ids;
    example *examples;        size_t nexamples, cap_examples;
    size_t *gold_per_story;   size_t nstories, cap_stories;
    char gold[64][160];
    size_t ngold;
    int failed;
    uint32_t *seen;           /* per feature: in how many examples */
} trainer;

/* A feature seen in fewer examples than this keeps the weight 0. */
#define MIN_EXAMPLES 3

/* The id of a feature name, interned on first sight; -1 when memory runs out. */
static long intern(trainer *t, const char *name)
{
    long id = strset_number(&t->ids, name);
    if (id >= 0)
        return id;
    if (array_grow((void **)&t->names, &t->cap_names, t->nnames + 1, sizeof *t->names) != 0
        || strset_intern(&t->ids, name) < 0)   /* numbered nnames */
        return -1;
    memcpy(t->names[t->nnames], name, SALIENCE_FEATURE_LEN);
    return (long)t->nnames++;
}

static int on_candidate(void *ctx, const char *code, const salience_feature *features, size_t n)
{
    trainer *t = ctx;
    if (array_grow((void **)&t->examples, &t->cap_examples, t->nexamples + 1, sizeof *t->examples) != 0
        || array_grow((void **)&t->feature_ids, &t->cap_ids, t->nids + n, sizeof *t->feature_ids) != 0)
        return -1;
    example *e = &t->examples[t->nexamples++];
    e->first = t->nids;
    e->n = (uint32_t)n;
    e->story = t->nstories - 1;
    e->label = -1;
    for (size_t i = 0; i < t->ngold; i++)
        if (strcmp(t->gold[i], code) == 0)
            e->label = 1;
    for (size_t i = 0; i < n; i++) {
        long id = intern(t, features[i]);
        if (id < 0)
            return -1;
        t->feature_ids[t->nids++] = (uint32_t)id;
    }
    return 0;
}

static int on_brief(void *ctx, brief *b)
{
    trainer *t = ctx;
    if (reuters_split_of(&t->splits, b) != SPLIT_TRAIN)
        return 0;
    t->ngold = reuters_gold_countries(t->x, b, t->gold, 64);
    if (t->ngold == 0)
        return 0;
    if (array_grow((void **)&t->gold_per_story, &t->cap_stories, t->nstories + 1,
             sizeof *t->gold_per_story) != 0)
        return 1;
    t->gold_per_story[t->nstories++] = t->ngold;
    if (extract_salience_candidates(t->x, b, on_candidate, t) != 0) {
        t->failed = 1;
        return 1;
    }
    return 0;
}

static void on_diag(void *ctx, reader_diag_level level, const char *path, long ordinal,
                    const char *message)
{
    (void)ctx;
    if (level != READER_WARNING)
        fprintf(stderr, "train-salience: %s:%ld: %s\n", path, ordinal, message);
}

static double score(const trainer *t, const double *w, const example *e)
{
    double s = 0;
    for (uint32_t i = 0; i < e->n; i++)
        s += w[t->feature_ids[e->first + i]];
    return s;
}

/* Learning rate, its decay per epoch, and the L2 penalty of the logistic
 * regression; chosen by the held-out recall at a fixed precision on TRAIN
 * (two folds), never on TEST. */
#define RATE 0.01
#define RATE_DECAY 0.05
#define L2 0.001

static double sigmoid(double s)
{
    s = s > 30 ? 30 : s < -30 ? -30 : s;
    return 1 / (1 + exp(-s));
}

/* Train a logistic regression by stochastic gradient descent (with an L2
 * penalty on the weights each example touches) on the examples whose story
 * has the given parity (0 even, 1 odd; -1: all), and write its weights into
 * w (nnames of them).  The examples are shuffled by a fixed generator, so the
 * same data always give the same weights. */
static int train(const trainer *t, int parity, int epochs, double *w)
{
    size_t *order = malloc(t->nexamples * sizeof *order + 1);
    if (!order)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < t->nexamples; i++)
        if (parity < 0 || (int)(t->examples[i].story % 2) == parity)
            order[n++] = i;
    memset(w, 0, t->nnames * sizeof *w);
    uint64_t rng = 0x2545F4914F6CDD1Du;
    for (int epoch = 0; epoch < epochs; epoch++) {
        for (size_t i = n; i > 1; i--) {
            rng = rng * 6364136223846793005u + 1442695040888963407u;
            size_t j = (size_t)(rng >> 33) % i;
            size_t tmp = order[i - 1];
            order[i - 1] = order[j];
            order[j] = tmp;
        }
        double rate = RATE / (1 + RATE_DECAY * epoch);
        for (size_t k = 0; k < n; k++) {
            const example *e = &t->examples[order[k]];
            double gradient = (e->label > 0) - sigmoid(score(t, w, e));
            for (uint32_t f = 0; f < e->n; f++) {
                uint32_t id = t->feature_ids[e->first + f];
                if (t->seen[id] >= MIN_EXAMPLES)
                    w[id] += rate * (gradient - L2 * w[id]);
            }
        }
    }
    free(order);
    return 0;
}

typedef struct scored {
    double score;
    int label;
} scored;

static int by_score_desc(const void *a, const void *b)
{
    double x = ((const scored *)a)->score, y = ((const scored *)b)->score;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Score every example with a model that never saw its story: one trained on
 * the odd TRAIN stories scores the even ones and the other way round (two-fold
 * cross-validation).  v gets one score and label per example. */
static int held_out_scores(const trainer *t, int epochs, scored *v)
{
    double *w = calloc(t->nnames + 1, sizeof *w);
    if (!w)
        return -1;
    for (int parity = 0; parity < 2; parity++) {
        if (train(t, parity, epochs, w) != 0) {
            free(w);
            return -1;
        }
        for (size_t i = 0; i < t->nexamples; i++)
            if ((int)(t->examples[i].story % 2) != parity)
                v[i] = (scored){ score(t, w, &t->examples[i]), t->examples[i].label };
    }
    free(w);
    return 0;
}

/* The threshold to ship, chosen on held-out scores (held_out_scores): the
 * one that leaves the most room over both targets there, that is, of the
 * largest min(P - min_precision, R - min_recall); prints what it gives, and
 * other operating points for comparison.  v is sorted in place. */
static double pick_threshold(const trainer *t, scored *v, double min_precision,
                             double min_recall)
{
    size_t n = t->nexamples, gold = 0;
    for (size_t s = 0; s < t->nstories; s++)
        gold += t->gold_per_story[s];
    qsort(v, n, sizeof *v, by_score_desc);
    double best_f = -1, f_p = 0, f_r = 0, f_threshold = 0;
    double pick = 0, pick_p = 0, pick_r = 0, pick_room = -2;
    double p925_r = 0, p925_p = 0;
    size_t tp = 0;
    for (size_t i = 0; i < n; i++) {
        tp += v[i].label > 0;
        if (i + 1 < n && v[i + 1].score == v[i].score)
            continue;
        double p = (double)tp / (double)(i + 1), r = gold ? (double)tp / (double)gold : 0;
        double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
        double threshold = i + 1 < n ? (v[i].score + v[i + 1].score) / 2 : v[i].score - 1;
        double room = p - min_precision < r - min_recall ? p - min_precision : r - min_recall;
        if (f > best_f)
            best_f = f, f_p = p, f_r = r, f_threshold = threshold;
        if (p >= 0.925 && r > p925_r)
            p925_r = r, p925_p = p;
        if (room > pick_room)
            pick_room = room, pick_p = p, pick_r = r, pick = threshold;
    }
    printf("held-out TRAIN (two folds): best F1 %.3f (P %.3f R %.3f) at threshold %.3f\n",
           best_f, f_p, f_r, f_threshold);
    printf("held-out TRAIN (two folds): at P >= 0.925, R %.3f (P %.3f)\n", p925_r, p925_p);
    printf("held-out TRAIN (two folds): threshold %.3f gives P %.3f R %.3f F1 %.3f, "
           "room %+.3f over P >= %.3f and R >= %.3f\n",
           pick, pick_p, pick_r, 2 * pick_p * pick_r / (pick_p + pick_r), pick_room,
           min_precision, min_recall);
    return pick;
}

static int by_feature_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int write_model(const trainer *t, const double *w, double threshold, const char *path,
                       int epochs, double min_precision, double min_recall)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    const char **names = malloc(t->nnames * sizeof *names + 1);
    if (!names) {
        fclose(f);
        return -1;
    }
    for (size_t i = 0; i < t->nnames; i++)
        names[i] = t->names[i];
    qsort(names, t->nnames, sizeof *names, by_feature_name);
    fprintf(f, "# salience.txt — GENERATED by train-salience (scripts/train-salience) from\n"
               "# Reuters-21578's TRAIN stories (Lewis split): %zu stories, %zu candidate\n"
               "# countries, %d epochs.  Logistic-regression weights of the salience model\n"
               "# (corpus/extract/extract_salience.c): feature name, weight.  The threshold leaves\n"
               "# the most room over both targets (P >= %.3f, R >= %.3f) on held-out TRAIN\n"
               "# stories (two folds: the even stories score the odd, and back).  Do not edit.\n",
            t->nstories, t->nexamples, epochs, min_precision, min_recall);
    fprintf(f, "threshold %.4f\n", threshold);
    for (size_t i = 0; i < t->nnames; i++) {
        size_t id = (size_t)((const salience_feature *)names[i] - t->names);
        if (w[id] > 5e-5 || w[id] < -5e-5)
            fprintf(f, "%s %.4f\n", names[i], w[id]);
    }
    free(names);
    return fclose(f) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: train-salience REUTERS_DIR OUT_FILE [EPOCHS [MIN_PRECISION "
                        "[MIN_RECALL]]]\n");
        return 1;
    }
    int epochs = argc > 3 ? atoi(argv[3]) : 40;
    double min_precision = argc > 4 ? atof(argv[4]) : 0.92;
    double min_recall = argc > 5 ? atof(argv[5]) : 0.95;
    trainer t = { 0 };
    size_t nfiles;
    char **files = reuters_files(argv[1], &nfiles);
    if (!files || reuters_splits_read(&t.splits, argv[1]) != 0 || extractor_create(&t.x) != 0) {
        fprintf(stderr, "train-salience: cannot read %s\n", argv[1]);
        return 1;
    }
    for (size_t i = 0; i < nfiles && !t.failed; i++)
        if (reader_read_file(files[i], NULL, on_brief, on_diag, &t, NULL) != READER_OK)
            t.failed = 1;
    reuters_files_free(files, nfiles);
    double *w = calloc(t.nnames + 1, sizeof *w);
    int status = t.failed || !w;
    if (!status) {
        printf("%zu TRAIN stories, %zu candidates, %zu features\n", t.nstories, t.nexamples,
               t.nnames);
        t.seen = calloc(t.nnames + 1, sizeof *t.seen);
        status = !t.seen;
        for (size_t i = 0; !status && i < t.nids; i++)
            t.seen[t.feature_ids[i]]++;
        scored *v = status ? NULL : malloc(t.nexamples * sizeof *v + 1);
        status = status || !v || held_out_scores(&t, epochs, v) != 0;
        double threshold = status ? 0 : pick_threshold(&t, v, min_precision, min_recall);
        free(v);
        status = status || train(&t, -1, epochs, w) != 0
                 || write_model(&t, w, threshold, argv[2], epochs, min_precision,
                                min_recall) != 0;
    }
    if (status)
        fprintf(stderr, "train-salience: failed\n");
    free(w);
    free(t.names);
    strset_clear(&t.ids);
    free(t.feature_ids);
    free(t.examples);
    free(t.gold_per_story);
    free(t.seen);
    reuters_splits_free(&t.splits);
    extractor_destroy(t.x);
    return status;
}
