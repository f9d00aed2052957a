/* extract_int.h — private to the extractor: the extractor's parts, which
 * extract.c creates, and what the trainers (tools/) reach through it: the
 * parts themselves, and the candidate countries of a brief.  The modules
 * below extract.c never include it: extract.c hands each the parts it uses
 * (the scanner its gazetteer and sequence tagger). */
#ifndef BRIEFS_EXTRACT_INT_H
#define BRIEFS_EXTRACT_INT_H

#include "extract.h"
#include "extract_gazetteer.h"
#include "extract_salience.h"
#include "extract_sequence.h"

struct extractor {
    gazetteer g;
    seq_model sequence;    /* the sequence tagger; empty: names are found by the rules alone */
    salience_model salience;  /* empty: the hand rule decides what a brief is about */
};

/* Called once per candidate country of a brief, with its features; returns
 * 0 to go on. */
typedef int (*salience_candidate_fn)(void *ctx, const char *code,
                                     const salience_feature *features, size_t n);

/* Run the extractor over b and report each candidate country (every country
 * named or hinted at, not the source's own tags) to fn, for the trainer.
 * Returns 0, non-zero when fn stopped, or -1 when memory runs out. */
int extract_salience_candidates(const extractor *x, const brief *b, salience_candidate_fn fn,
                                void *ctx);

#endif
