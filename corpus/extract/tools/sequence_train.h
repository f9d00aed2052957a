/* sequence_train.h — train the sequence tagger (corpus/extract/extract_sequence.h)
 * and measure it by k-fold cross-validation (build-time tools: nothing of
 * this is part of the extractor).
 *
 * The learner is a structured averaged perceptron (Collins 2002): each
 * training document is tagged with Viterbi under the current weights, and
 * where the tags differ from the gold ones the gold features and transitions
 * gain 1 and the guessed ones lose 1; the weights kept are the average over
 * every step.  Everything is integer and visited in a fixed order (the
 * documents in a shuffle drawn from a fixed seed), so the same data always
 * gives the same weights, byte for byte.
 *
 * Documents are laid out as conll.h says.  Augmentation: in the "mixed"
 * scheme document i is rendered in layout i mod 3 (paragraphs, one sentence a
 * line, Reuters-like wrapped lines), so that the line features are learnt
 * from text that has lines; "all" renders each document in all three.  For
 * training a person's name is never wrapped (conll_render's whole_names):
 * the tagger never lets one span a line break, and gold tags that did would
 * be out of its reach (cross-validated F1 0.921 against 0.938, paragraphs).
 */
#ifndef BRIEFS_SEQUENCE_TRAIN_H
#define BRIEFS_SEQUENCE_TRAIN_H

#include <stdio.h>
#include "conll.h"
#include "extract.h"
#include "extract_sequence.h"

typedef enum seq_augment { AUGMENT_NONE, AUGMENT_MIXED, AUGMENT_ALL } seq_augment;

typedef struct seq_options {
    int epochs;          /* passes over the training documents */
    unsigned seed;       /* the shuffles and the folds */
    seq_augment augment;
    int prune;           /* weights (hundredths) below this in size are dropped */
} seq_options;

/* The defaults: what sequence-tagger.txt is trained with. */
seq_options seq_default_options(void);

/* The name of an augmentation scheme ("none", "mixed", "all"), and back (-1: unknown). */
const char *seq_augment_name(seq_augment a);
int seq_augment_parse(const char *name);

/* Train a model on the documents docs[0..ndocs) of c (indexes into c->docs)
 * and write its averaged weights into *out (an empty model to start with).
 * Prints progress to stderr when verbose.  Returns 0, or -1 when memory runs out. */
int seq_train(const extractor *x, const conll_corpus *c, const size_t *docs, size_t ndocs,
              const seq_options *o, int verbose, seq_model *out);

/* Write model m as train-sequence does (sorted by hash; header lines from
 * comment, each prefixed "# ").  Returns 0, or -1 on a write error. */
int seq_model_write(const seq_model *m, FILE *f, const char *comment);

/* Person mentions: exact byte spans against the gold PER spans. */
typedef struct seq_score_counts {
    unsigned long tp, fp, fn;
} seq_score_counts;

double seq_f1(const seq_score_counts *s);
double seq_precision(const seq_score_counts *s);
double seq_recall(const seq_score_counts *s);

/* Score extract_brief() of x on the documents docs[0..ndocs) of c rendered
 * in layout, adding to *out.  Returns 0, or -1 when memory runs out. */
int seq_score_docs(const extractor *x, const conll_corpus *c, const size_t *docs, size_t ndocs,
                   conll_layout layout, seq_score_counts *out);

/* k-fold cross-validation on c split by document (folds drawn from o->seed):
 * for each fold, a model trained on the others (with o) scores the fold in
 * every layout; f1[fold * CONLL_LAYOUTS + layout] and counts[layout] (the
 * sums) are filled.  x's own model is put back after.  Returns 0, or -1 when
 * memory runs out. */
int seq_cross_validate(extractor *x, const conll_corpus *c, int folds, const seq_options *o,
                       double *f1, seq_score_counts *counts, int verbose);

#endif
