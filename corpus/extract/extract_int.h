/* extract_int.h — private to the extractor: its parts, which extract.c
 * creates and the modules below it read (the scanner its gazetteer and
 * sequence tagger, the trainers the models). */
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

#endif
