/* xapian-ext-snippet.h — snippets of English text, made faster.
 *
 * Part of xapian-c/ext, the machinery briefs builds on the binding
 * (xapian-c.h): C++, because it works inside MSet::snippet's calls (its own
 * Xapian::StemImplementation) on the binding's handles. It follows the
 * binding's conventions (statuses, errors on the handle).
 *
 * xe_mset_snippet gives what the binding's xc_mset_snippet gives (Xapian's
 * MSet::snippet), faster for English with highlighting: it stems only the
 * words that may give a stemmed query term, and starts reading at a space
 * well before the first word that may match. Both rely on the English
 * (Porter2) stemmer never changing the first letter of a word and on how
 * MSet::snippet splits text into words: knowledge of English and of one
 * Xapian version's snippets, which is why it is not in the binding.
 */
#ifndef XAPIAN_EXT_SNIPPET_H
#define XAPIAN_EXT_SNIPPET_H

#include "xapian-c.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Read the text from its very start, as xc_mset_snippet does (the stemming
 * shortcut stays). It gives the same snippet, slower: it is there to check
 * that. A bit none of the XC_SNIPPET_* flags uses. */
#define XE_SNIPPET_WHOLE_TEXT 8u

/* As xc_mset_snippet (the same arguments, flags XC_SNIPPET_* and
 * XE_SNIPPET_WHOLE_TEXT), with the same result. With language "english" (or
 * "en") and without XC_SNIPPET_BACKGROUND_MODEL, it stems only the words
 * whose first byte is that of a stemmed query term; with a non-empty
 * hi_start besides, and without XE_SNIPPET_WHOLE_TEXT, it reads from a space
 * well before the first word that may match a term of the query. */
xc_status xe_mset_snippet(xc_mset *m, const char *text, size_t len, size_t length,
                          const char *language, unsigned flags, const char *hi_start,
                          const char *hi_end, const char *omit, char **out);

#ifdef __cplusplus
}
#endif

#endif
