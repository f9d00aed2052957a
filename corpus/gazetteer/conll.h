/* conll.h — read CoNLL-2003 NER files for the evaluation and the trainer
 * (build-time tools: nothing of this is part of the extractor).
 *
 * Each document (between -DOCSTART- lines) becomes one text: its tokens
 * joined by spaces, a blank line between sentences (which the extractor reads
 * as paragraphs, so no name runs across them), with the byte spans of its PER
 * entities (IOB1: I-PER continues a span, B-PER starts one beside another).
 */
#ifndef BRIEFS_CONLL_H
#define BRIEFS_CONLL_H

#include <stddef.h>

typedef struct conll_span {
    size_t start, end;
} conll_span;

/* Called for each document; return 0 to go on, non-zero to stop. */
typedef int (*conll_doc_fn)(void *ctx, const char *text, size_t len,
                            const conll_span *per, size_t nper);

/* Read the CoNLL file at path. Returns 0, -1 when it cannot be read or memory
 * runs out, or the callback's non-zero value. */
int conll_read(const char *path, conll_doc_fn fn, void *ctx);

#endif
