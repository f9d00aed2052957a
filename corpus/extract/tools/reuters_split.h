/* reuters_split.h — what the evaluation and the salience trainer share about
 * Reuters-21578: the Lewis split of each story and its gold countries. */
#ifndef BRIEFS_REUTERS_SPLIT_H
#define BRIEFS_REUTERS_SPLIT_H

#include <stddef.h>
#include "brief.h"
#include "extract.h"

typedef enum reuters_split { SPLIT_UNKNOWN, SPLIT_TRAIN, SPLIT_TEST, SPLIT_NOT_USED } reuters_split;

/* The LEWISSPLIT of every story of the reut2-*.sgm files of a directory,
 * indexed by NEWID. */
typedef struct reuters_splits {
    unsigned char *by_newid;   /* n entries, SPLIT_UNKNOWN where no story was read */
    size_t n;
} reuters_splits;

/* Read the splits of the stories in dir. Returns 0, or -1 (no file, memory). */
int reuters_splits_read(reuters_splits *s, const char *dir);

void reuters_splits_free(reuters_splits *s);

/* The split of brief b (its id is "reuters-NEWID"). */
reuters_split reuters_split_of(const reuters_splits *s, const brief *b);

/* The sorted reut2-*.sgm paths of dir; *n set to their count. Free with
 * reuters_files_free. NULL when there is none. */
char **reuters_files(const char *dir, size_t *n);
void reuters_files_free(char **files, size_t n);

/* Resolve the gold PLACES of b to distinct country codes in gold (at most
 * max, each up to 160 bytes); places that are no country are left out.
 * Returns how many. */
size_t reuters_gold_countries(const extractor *x, const brief *b, char gold[][160], size_t max);

#endif
