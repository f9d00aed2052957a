/* signature.h — recognise files in well-known binary formats by their first
 * bytes (their "magic number"), so that the reader skips them with a reason
 * instead of indexing a PDF as a brief titled "%PDF-1.7".
 */
#ifndef BRIEFS_SIGNATURE_H
#define BRIEFS_SIGNATURE_H

#include <stddef.h>

/* How many leading bytes signature_binary_format() looks at, at most. */
#define SIGNATURE_HEAD_BYTES 64

/* Return what the data whose first bytes are head[0..len) is, for people
 * ("a PDF file", "a PNG image", "an ELF executable"), when it begins as a
 * file of a binary format that is never a brief; NULL when it does not (text,
 * or a format not in the table).  Give it SIGNATURE_HEAD_BYTES bytes when the
 * data has that many.  The string is static.  Cannot fail. */
const char *signature_binary_format(const void *head, size_t len);

#endif
