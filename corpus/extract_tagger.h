/* extract_tagger.h — private to the extractor: a statistical tagger of
 * person names, an averaged perceptron over the words of a text.
 *
 * The rules (extract_scan.c) run first; the tagger then reads each word with
 * its shape, affixes, neighbours, what the gazetteers know of it and what the
 * rules made of it, and tags it O (no name), B (a name's first word) or I (a
 * later word), left to right, each tag seeing the one before.  Its names
 * are added where the rules found none (the rules' names stand where both
 * found one).  The weights come from train-tagger
 * (corpus/gazetteer/train_tagger.c), trained on CoNLL-2003's eng.train; with
 * no weights, the rules' names stand.
 */
#ifndef BRIEFS_EXTRACT_TAGGER_H
#define BRIEFS_EXTRACT_TAGGER_H

#include <stddef.h>
#include <stdint.h>
#include "extract.h"
#include "extract_tagger_model.h"

#define TAGGER_MAX_FEATURES 72

/* One word of a text, as the tagger sees it. */
typedef struct tagger_word {
    size_t start, end;    /* bytes of the text */
    size_t token;         /* index of its token in the scan */
    uint32_t shape;       /* hash of its shape ("Xx", "X.") for the tag features */
    uint8_t paragraph;    /* opens a paragraph: the previous tag is forgotten */
    uint8_t continues;    /* may continue a name begun on the word before: only
                             spaces, a hyphen or apostrophe inside a word, or an
                             initial's period stand between (no line break) */
    uint8_t wrapped;      /* would continue it but for a line break between */
    uint8_t initial;      /* a capital letter and its period: "M." */
    uint16_t nfeatures;
    uint32_t features[TAGGER_MAX_FEATURES];
} tagger_word;

/* The features that depend on the previous word's tag: write them into out
 * (room for 4) and return how many. */
size_t tagger_tag_features(int previous_tag, uint32_t shape, uint32_t *out);

/* Add the scores of the features to score[TAG_COUNT] (which the caller zeroes). */
void tagger_score(const tagger_model *m, const uint32_t *features, size_t n, double *score);

/* Run the rules over text[0..len) and describe its words.  On success set
 * *words to an array of *n words (the caller frees it) and return 0; -1 when
 * memory runs out.  For train-tagger. */
int tagger_describe(const extractor *x, const char *text, size_t len, tagger_word **words,
                    size_t *n);

/* Whether word k (k > 0) extends the name that word k - 1 belongs to, given
 * its tag. */
static inline int tagger_extends(const tagger_word *w, const uint8_t *tags, size_t k)
{
    /* a surname after an initial and its period continues the name even when
     * tagged B ("M. Waugh") */
    return tags[k] != TAG_O && tags[k - 1] != TAG_O && w[k].continues
           && (tags[k] == TAG_I || w[k - 1].initial);
}

struct scan;

/* Tag the words of a scanned text with model m and make its names the scan's
 * people.  Returns 0, or -1 when memory runs out. */
int tagger_apply(struct scan *s, const tagger_model *m);

#endif
