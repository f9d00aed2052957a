/* utf8.h — UTF-8 validation and repair, control characters.
 *
 * Valid means well-formed UTF-8 as Unicode defines it: no overlong forms, no
 * surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence.
 * None of these functions allocate except utf8_repair(); none of them stop at
 * a NUL byte: lengths are always given.
 */
#ifndef BRIEFS_UTF8_H
#define BRIEFS_UTF8_H

#include <stddef.h>

/* The replacement character U+FFFD, encoded. */
#define UTF8_REPLACEMENT "\xEF\xBF\xBD"

/* Return the length (1..4) of the well-formed UTF-8 sequence that starts at
 * s[0], looking at no more than avail bytes; 0 when s[0] does not begin one
 * (or avail is 0). Cannot fail. */
size_t utf8_sequence_length(const char *s, size_t avail);

/* Write the UTF-8 encoding of code point cp (at most 0x10FFFF, not a
 * surrogate) at out, which has room for 4 bytes. Returns its length. */
size_t utf8_encode(char *out, unsigned long cp);

/* Return the offset of the first byte of s[0..len) that does not belong to a
 * well-formed sequence, or len when all of it is valid UTF-8. Cannot fail. */
size_t utf8_validate(const char *s, size_t len);

/* Copy s[0..len) into a new NUL-terminated buffer in which every byte that
 * does not belong to a well-formed sequence is replaced by U+FFFD (so a
 * truncated three-byte sequence becomes two replacement characters).
 * If successful, set *out to the buffer (the caller frees it) and *out_len to
 * its length, and return the number of bytes replaced (0 when s was valid).
 * When memory runs out, set *out to NULL and return -1. */
long utf8_repair(const char *s, size_t len, char **out, size_t *out_len);

/* Count, in s[0..len), the well-formed sequences of two bytes or more
 * (*multibyte) and the bytes that belong to no well-formed sequence
 * (*invalid).  Cannot fail. */
void utf8_census(const char *s, size_t len, size_t *multibyte, size_t *invalid);

/* Decode s[0..len) from Windows-1252 into a new NUL-terminated UTF-8 buffer.
 * Every byte decodes, as the WHATWG Encoding Standard (web browsers) has it:
 * the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90,
 * 0x9D) become the C1 controls of the same value, as in ISO-8859-1, of which
 * Windows-1252 is a superset (0xA0..0xFF are the same).  If successful, set
 * *out to the buffer (the caller frees it) and *out_len to its length, and
 * return the number of bytes above 0x7F decoded.  When memory runs out, set
 * *out to NULL and return -1. */
long utf8_from_cp1252(const char *s, size_t len, char **out, size_t *out_len);

/* Normalise line ends and control characters of the valid UTF-8 text
 * s[0..len) in place: "\r\n" and a lone '\r' become '\n', '\v' and '\f'
 * become '\n', '\t' and '\n' are kept, and every other C0 control, DEL and
 * C1 control (U+0080..U+009F) is removed.  Return the new length and write a
 * NUL there when it is shorter than len (s must then have room for it, as it
 * does whenever len < the original length).  Cannot fail. */
size_t utf8_clean_controls(char *s, size_t len);

/* Return the number of code points in the valid UTF-8 text s[0..len).
 * Cannot fail. */
size_t utf8_count(const char *s, size_t len);

/* Return the length in bytes of the longest prefix of the valid UTF-8 text
 * s[0..len) that holds at most max_chars code points; it never splits a
 * sequence. Cannot fail. */
size_t utf8_prefix(const char *s, size_t len, size_t max_chars);

#endif
