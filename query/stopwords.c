/* stopwords.c — the query stoplist. See stopwords.h.
 *
 * Snowball's English stop list (snowballstem.org, the list Xapian's Omega
 * uses), without the words that mean something in news ("against", "over",
 * "under", "no", "not" and "off" stay searchable). scripts/eval-ranking reads
 * this file for its Xapian baseline: keep one quoted word per entry.
 */
#include "stopwords.h"

#include <string.h>
#include <strings.h>

const char *const query_stopwords[] = {
    "a", "about", "above", "after", "again", "all", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each",
    "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here",
    "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "itself", "me", "more", "most", "my", "myself", "nor", "of", "on",
    "once", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "own",
    "same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
    "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "until", "up", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
    "your", "yours", "yourself", "yourselves",
};
const size_t query_stopword_count = sizeof query_stopwords / sizeof query_stopwords[0];

int query_is_stopword(const char *word, size_t len)
{
    for (size_t i = 0; i < query_stopword_count; i++)
        if (strlen(query_stopwords[i]) == len && strncasecmp(query_stopwords[i], word, len) == 0)
            return 1;
    return 0;
}
