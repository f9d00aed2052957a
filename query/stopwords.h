/* stopwords.h — the English words a query drops: too common to rank by. */
#ifndef BRIEFS_STOPWORDS_H
#define BRIEFS_STOPWORDS_H

#include <stddef.h>

/* The list (lower case), and its length. Words of a query that are on it are
 * dropped from the ranking unless every word of the query is; a phrase keeps
 * them. */
extern const char *const query_stopwords[];
extern const size_t query_stopword_count;

/* Non-zero when the len bytes at word are a word of the list, in any ASCII
 * case ("The"). */
int query_is_stopword(const char *word, size_t len);

#endif
