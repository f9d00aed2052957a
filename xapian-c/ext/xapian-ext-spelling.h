/* xapian-ext-spelling.h — spelling data counted per document, and shared out
 * between the shards of a parallel build.
 *
 * Part of xapian-c/ext, the machinery briefs builds on the binding
 * (xapian-c.h). It follows the binding's conventions and works on its
 * writable database handles. It needs C++: the counts are kept with the
 * handle (xapian-c-internal.hh: addons) and handed to Xapian by the
 * handle's next xc_database_commit.
 *
 * Why: Xapian's TermGenerator with spelling data (XC_TG_SPELLING) adds each
 * word of each text to the database one at a time, a third of the time of
 * indexing news. Counting each document's words once, and handing Xapian
 * one addition per distinct word at commit, costs far less. A build in
 * shards moves the counts so that each word's spelling entries are made in
 * one shard only, not in every shard that has the word.
 *
 * The words are briefs' own terms: unprefixed, as its schema writes them
 * (prefixes, and "Z" of stems, are upper case), and not starting with a
 * digit (no word to suggest).
 */
#ifndef XAPIAN_EXT_SPELLING_H
#define XAPIAN_EXT_SPELLING_H

#include "xapian-c.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Count each word (unprefixed term not starting with a digit) of doc once
 * towards the spelling data of writable db. The counts are kept with db's
 * handle and handed to Xapian at the next xc_database_commit; uncommitted
 * counts are dropped with the handle, as uncommitted documents are. */
xc_status xe_spelling_add_document(xc_database *db, const xc_document *doc);

/* Move the spelling counts writable handle from holds (not yet committed)
 * for the words of part number part of nparts (a word's part is a hash of it
 * modulo nparts; nparts 1: every word) into writable handle into, summing
 * them. Lets shards built in parallel split the words between them, so that
 * Xapian makes the spelling entries of each word in one shard only, not in
 * every shard that has it. into == from moves nothing. */
xc_status xe_spelling_take(xc_database *into, xc_database *from, unsigned part,
                           unsigned nparts);

#ifdef __cplusplus
}
#endif

#endif
