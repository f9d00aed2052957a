/* conll.h — read CoNLL-2003 NER files for the evaluation and the trainer
 * (build-time tools: nothing of this is part of the extractor).
 *
 * conll_load() reads a file into documents (between -DOCSTART- lines) of
 * tokens with their entity type (IOB1: I-X continues an entity, B-X starts
 * one right after another of the same type).  conll_render() writes a
 * document as text in one of three layouts, with the byte spans of its
 * entities:
 *   CONLL_PARAGRAPHS  the tokens of a sentence joined by spaces, a blank line
 *                     between sentences (read as paragraphs: nothing runs
 *                     across them);
 *   CONLL_LINES       one sentence a line, no blank lines (a byline, then a
 *                     dateline, then the story, as many feeds lay it out);
 *   CONLL_WRAPPED     as Reuters-21578 lays out a story: each sentence opens a
 *                     line indented by four spaces and is hard-wrapped at a
 *                     width (55 to 74 columns, varying with the document),
 *                     inside a name too (for training, a person's name that
 *                     would pass the width opens the next line instead).
 */
#ifndef BRIEFS_CONLL_H
#define BRIEFS_CONLL_H

#include <stddef.h>
#include <stdint.h>

/* Entity types, as the sequence tagger numbers them. */
enum conll_type { CONLL_NONE, CONLL_PER, CONLL_ORG, CONLL_LOC, CONLL_MISC };

typedef struct conll_span {
    size_t start, end;
    int type;            /* enum conll_type */
} conll_span;

typedef struct conll_doc {
    char **words;
    uint8_t *type;       /* enum conll_type of each token */
    uint8_t *begins;     /* 1: the token begins an entity (or a sentence) */
    uint8_t *sentence;   /* 1: the token begins a sentence */
    size_t n;
} conll_doc;

typedef struct conll_corpus {
    conll_doc *docs;
    size_t n;
} conll_corpus;

typedef enum conll_layout { CONLL_PARAGRAPHS, CONLL_LINES, CONLL_WRAPPED, CONLL_LAYOUTS } conll_layout;

/* The name of a layout ("paragraphs", "lines", "wrapped"). */
const char *conll_layout_name(conll_layout layout);

/* Read the CoNLL file at path into *out.  Returns 0, or -1 when it cannot be
 * read or memory runs out (*out is then empty). */
int conll_load(const char *path, conll_corpus *out);

void conll_corpus_free(conll_corpus *c);

/* A document written as text. */
typedef struct conll_text {
    char *text;
    size_t len, cap;
    conll_span *spans;   /* every entity, in text order */
    size_t nspans, capspans;
} conll_text;

/* Write document d in the layout into *out (its memory is reused; free it
 * with conll_text_free).  seed varies the wrapping width.  whole_names: a
 * person's name is never wrapped (one that would pass the width opens the
 * next line), as training needs: the tagger never lets a person's name span
 * a line break, so gold tags that did could not be learnt; the evaluation
 * wraps names as the wire does, and counts a name cut so as missed.
 * Returns 0, or -1 when memory runs out. */
int conll_render(const conll_doc *d, conll_layout layout, unsigned seed, int whole_names,
                 conll_text *out);

void conll_text_free(conll_text *t);

#endif
