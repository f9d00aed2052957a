/* extract_salience.h — private to the extractor (and its trainer): which of
 * the countries a brief names, or hints at, the brief is about.
 *
 * Every candidate country of a brief is described by a few facts (how often
 * and where it is named, with what kind of word, how many other countries
 * the brief names); salience_features() turns them into named features
 * ("n=1", "dl&rank=0", "imp:person") and a linear model, a logistic
 * regression that train-salience learns from Reuters-21578's TRAIN stories
 * (corpus/extract/gazetteer/salience.txt), scores them: a candidate whose score
 * passes the model's threshold is what the brief is about.  With an empty
 * model the hand rule of extract.c decides instead.
 */
#ifndef BRIEFS_EXTRACT_SALIENCE_H
#define BRIEFS_EXTRACT_SALIENCE_H

#include <stddef.h>

#define SALIENCE_MAX_FEATURES 48
#define SALIENCE_FEATURE_LEN 24

typedef char salience_feature[SALIENCE_FEATURE_LEN];

/* What a brief says of one candidate country. */
typedef struct salience_facts {
    const char *code;
    unsigned title;          /* named in the title */
    unsigned body;           /* named in the body, dateline included */
    int dateline;            /* named by the dateline */
    unsigned demonym;        /* mentions that are a demonym ("Chinese") */
    unsigned place;          /* mentions that are a capital, city, state, province */
    unsigned subject;        /* mentions followed by 's or a verb */
    unsigned listed;         /* mentions next to another country's, as in a list */
    unsigned hint_person;    /* known people of the country */
    unsigned hint_place;     /* its cities or capitals in running text */
    unsigned hint_institution;  /* its institutions ("Congress") */
    unsigned hint_company;   /* its company forms ("Plc", "AG") */
    unsigned hint_title;     /* hints that stand in the title */
    size_t first;            /* byte of the body where it is first named; (size_t)-1: never */
    unsigned rank;           /* 0: the first country the brief names, 1: the second… */
    /* of the whole brief */
    int brief_dateline;      /* the body opens with a dateline */
    unsigned ncountries;     /* countries named (not only hinted at) */
    unsigned title_countries;  /* countries the title names */
    unsigned total_body;     /* country mentions in the body */
    unsigned most_named;     /* the most mentions (title and body) of any one country */
    size_t body_len;
    const char *dateline_code;  /* the dateline's country, or NULL */
} salience_facts;

/* Write the features of f into out (at most SALIENCE_MAX_FEATURES); return
 * how many. */
size_t salience_features(const salience_facts *f, salience_feature *out);

/* A linear model: sorted feature names with their weights. */
typedef struct salience_model {
    salience_feature *names;
    float *weights;
    size_t n;
    float threshold;         /* keep a candidate whose score is above it */
} salience_model;

/* Parse a model file ("threshold T", then "feature weight" lines; '#'
 * comments).  An empty text gives an empty model.  Returns 0, or -1 when
 * memory runs out (*m is then empty). */
int salience_model_load(salience_model *m, const char *text);

/* Free what *m owns. Accepts NULL. */
void salience_model_free(salience_model *m);

/* 1 when m holds no weights. */
int salience_model_empty(const salience_model *m);

/* The sum of the weights of the n features f (unknown ones weigh 0). */
double salience_score(const salience_model *m, const salience_feature *f, size_t n);

#endif
