/* extract_tagger_model.h — private to the extractor: the weights of the
 * statistical person tagger (extract_tagger.c), a hash table from a feature's
 * 32-bit hash to one weight per tag. */
#ifndef BRIEFS_EXTRACT_TAGGER_MODEL_H
#define BRIEFS_EXTRACT_TAGGER_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* Tags of the tagger: outside a name, a name's first word, a later word. */
enum { TAG_O, TAG_B, TAG_I, TAG_COUNT };

typedef struct tagger_model {
    uint32_t *keys;               /* feature hashes; 0 marks a free slot */
    double (*weights)[TAG_COUNT];
    size_t cap, count;            /* cap: a power of two (0: empty model) */
} tagger_model;

/* Parse weights written by train-tagger: lines "hash w_O w_B w_I", the hash
 * in hexadecimal and each weight an integer in thousandths; "#" lines are
 * comments.  An empty text gives an empty model.  Returns 0, or -1 when
 * memory runs out or a line is malformed (*m is then empty). */
int tagger_model_load(tagger_model *m, const char *text);

/* The weights of a feature, added to (created at zero when new). NULL when
 * memory runs out.  For the trainer. */
double *tagger_model_slot(tagger_model *m, uint32_t feature);

/* The weights of a feature, or NULL when the model has none. */
const double *tagger_model_get(const tagger_model *m, uint32_t feature);

/* Whether the model holds no weight (the tagger is then off). */
int tagger_model_empty(const tagger_model *m);

void tagger_model_free(tagger_model *m);

#endif
