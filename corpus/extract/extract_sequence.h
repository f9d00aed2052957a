/* extract_sequence.h — private to the extractor: the sequence tagger of
 * names, a linear-chain model over BIO tags of people, organisations, places
 * and other names (CoNLL-2003's PER, ORG, LOC, MISC), decoded with Viterbi.
 *
 * The rules (extract_scan.c) run first; the tagger then reads each word with
 * its shape, its neighbours, where it stands in its line and in its run of
 * capitalised words, what the gazetteers know of it (given names, titles,
 * known people, places, organisations) and what the rules made of it — all
 * of them features — and finds the best sequence of tags for the whole text
 * under a few constraints (seq_allowed: no person across a line break, the
 * news agency and organisations.txt's names are no one, a word after "Mr."
 * begins one).  Its people become the text's people (see
 * seq_apply); its organisations and places only stop words from being
 * people.  The weights come from train-sequence
 * (corpus/extract/tools/train_sequence.c), a structured averaged perceptron
 * trained on CoNLL-2003's eng.train; corpus/extract/README.md says how.
 */
#ifndef BRIEFS_EXTRACT_SEQUENCE_H
#define BRIEFS_EXTRACT_SEQUENCE_H

#include <stddef.h>
#include <stdint.h>

/* The tags: outside any name; the first (B) and a later (I) word of a
 * person, an organisation, a place, another name. */
enum seq_tag {
    SEQ_O, SEQ_B_PER, SEQ_I_PER, SEQ_B_ORG, SEQ_I_ORG, SEQ_B_LOC, SEQ_I_LOC,
    SEQ_B_MISC, SEQ_I_MISC, SEQ_TAGS
};

/* The entity type of a tag: 0 none, 1 person, 2 organisation, 3 place, 4 other. */
static inline int seq_tag_type(int tag)
{
    return (tag + 1) / 2;
}

static inline int seq_tag_inside(int tag)
{
    return tag != SEQ_O && tag % 2 == 0;
}

/* What stands between a word and the word before it: the transition weights
 * depend on it. */
enum seq_link {
    SEQ_LINK_START,      /* the first word of the text */
    SEQ_LINK_SPACE,      /* spaces on one line */
    SEQ_LINK_JOINED,     /* a hyphen or apostrophe inside a word ("Mensah-Bonsu") */
    SEQ_LINK_INITIAL,    /* an initial's period ("M. Waugh") */
    SEQ_LINK_PUNCT,      /* other marks ("Smith, Jones") */
    SEQ_LINK_LINE,       /* a line break: a person's name never spans one */
    SEQ_LINK_PARAGRAPH,  /* a blank line: no name spans one */
    SEQ_LINKS
};

/* The weights: a hash table from a feature's 32-bit hash to one weight per
 * tag (hundredths), and the transition weights gathered from it.  Open
 * addressing written here, not corpus/strset.h: its keys are numbers, not
 * strings, and each sits in one cache line with its weights, so that the
 * tagger's look-up of each feature of each word touches memory once. */
typedef struct seq_entry {
    uint32_t key;                 /* the feature's hash; 0 marks a free slot */
    int32_t w[SEQ_TAGS];          /* in one cache line with its key */
} seq_entry;

typedef struct seq_model {
    seq_entry *v;
    size_t cap, count;            /* cap: a power of two (0: empty model) */
    uint64_t *filter;             /* a bit per hash of the features held (a
                                     loaded model's only): most features of a
                                     text are none of them, and one look in a
                                     small table that stays in cache says so */
    int32_t trans[SEQ_LINKS][SEQ_TAGS][SEQ_TAGS];   /* [link][previous][tag] */
} seq_model;

/* Parse weights written by train-sequence: "#" lines are comments; other
 * lines are a feature hash in hexadecimal and then "tag:weight" pairs (the
 * tags whose weight is not 0).  An empty text gives an empty model.  Returns
 * 0, or -1 when memory runs out or a line is malformed (*m is then empty). */
int seq_model_load(seq_model *m, const char *text);

/* The weights of a feature, added (at zero) when new; NULL when memory runs
 * out.  For the trainer. */
int32_t *seq_model_slot(seq_model *m, uint32_t feature);

/* The weights of a feature, or NULL when the model has none. */
const int32_t *seq_model_get(const seq_model *m, uint32_t feature);

/* Gather the transition weights from their features (after a load, and
 * after the trainer changes them). */
void seq_model_index(seq_model *m);

/* The feature that holds the weights of the transitions from tag previous
 * across a link. */
uint32_t seq_transition_feature(int link, int previous);

/* Whether the model holds no weight (the tagger is then off). */
int seq_model_empty(const seq_model *m);

void seq_model_free(seq_model *m);

/* The words of a text as the tagger sees them. */
typedef struct seq_word {
    size_t start, end;     /* bytes of the text */
    size_t token;          /* its token in the scan */
    uint32_t first;        /* its features: seq_words.features[first ..] */
    uint16_t nfeatures;
    uint8_t link;          /* enum seq_link: between it and the word before */
    uint8_t constraint;     /* enum seq_constraint */
    uint8_t org_name;      /* begins the name of an organisation of organisations.txt */
    uint8_t after_possessive;   /* the word before ended in 's: no person's name
                                   goes on into this one ("Djokovic's Wimbledon") */
} seq_word;

/* What a word must or may not be, whatever the weights say. */
enum seq_constraint {
    SEQ_ANY,             /* anything */
    SEQ_NO_PERSON,       /* no part of a person's name: the news agency
                            ("Reuter"), a word of an organisation's name of
                            organisations.txt ("Standard and Poor's") */
    SEQ_NOT_ALONE,       /* no person's whole name: a word of not-names.txt ("Fund") */
    SEQ_PERSON_FIRST     /* begins a person's name: after an abbreviated
                            honorific ("Mr. Smith", "Sen. Dole") */
};

typedef struct seq_words {
    seq_word *v;
    size_t n, cap;
    uint32_t *features;
    size_t nfeatures, capfeatures;
} seq_words;

void seq_words_free(seq_words *w);

/* Add the weights of word k's features to score[SEQ_TAGS] (zeroed by the caller). */
void seq_score(const seq_model *m, const seq_words *w, size_t k, int32_t *score);

/* Whether tag may follow tag previous at word k: an I tag continues its own
 * type only, never across a blank line; a person's, never across a line
 * break, a mark or a possessive 's; the news agency is no one; a word of
 * not-names.txt is no one's whole name. */
int seq_allowed(const seq_words *w, size_t k, int previous, int tag);

/* The best tags for the words under model m (Viterbi), written into tags[n].
 * Returns 0, or -1 when memory runs out. */
int seq_decode(const seq_model *m, const seq_words *w, uint8_t *tags);

struct scan;

/* Describe the words of a scanned text (extract_scan_state.h) as the tagger
 * sees them, replacing what *out held.  Returns 0, or -1 when memory runs
 * out. */
int seq_describe_scan(const struct scan *s, seq_words *out);

/* Tag the words of a scanned text with model m and make its people the
 * scan's: the gazetteer's known people and the header's stay; the rules'
 * names stay only where the model also tags a person; the model's people
 * are added, their surnames alone joining them.  No name spans a line
 * break, and the part of a name a line break cut is nobody alone (it only
 * joins a full name).  Returns 0, or -1 when memory runs out. */
int seq_apply(struct scan *s, const seq_model *m);

#endif
