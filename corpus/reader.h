/* reader.h — turn one file into brief records.
 *
 * The reader picks the format from the file's name and content:
 *   *.jsonl, *.jsonl.gz      JSON Lines, one brief per line      (reader_jsonl.c)
 *   *.sgm, *.sgm.gz          Reuters-21578 SGML, one per story   (reader_sgml.c)
 *   anything else            one plain-text brief, optional header (reader_text.c)
 * Compressed input is recognised by gzip's magic bytes, whatever the name, and
 * read through zlib.  Files in well-known binary formats (PDF, ZIP, images,
 * executables: signature.h) are skipped, whatever their name, compressed or
 * not.
 *
 * Encoding (reader_options.encoding): by default, text that is not valid
 * UTF-8 — a plain brief, a JSON line, an SGML story — is read as Windows-1252
 * (of which Latin-1 is a subset) when most of its bytes above 0x7F form no
 * UTF-8 sequence, with the warning "not UTF-8; read as Windows-1252" (once per
 * file); otherwise it is damaged UTF-8, and each bad byte becomes U+FFFD, with
 * a warning as well.
 *
 * Problems are reported through the diagnostic callback, one line each, always
 * naming the file (and the line or story for multi-brief files); the reader
 * never prints.
 */
#ifndef BRIEFS_READER_H
#define BRIEFS_READER_H

#include "reader_types.h"

/* Set *out to the encoding called name: "auto", "utf-8" (or "utf8"),
 * "windows-1252" ("cp1252", "win-1252"), "latin-1" ("latin1", "iso-8859-1",
 * "iso8859-1", "l1": read as Windows-1252, its superset, as web browsers do);
 * case does not matter.  Return 0, or -1 when the name is none of these. */
int reader_encoding_parse(const char *name, reader_encoding *out);

/* Read every brief of the file at path ("-" reads standard input as one plain
 * brief, or as JSON Lines when its first non-blank byte is '{').  counts, when
 * not NULL, receives what was read.  opts may be NULL (defaults). */
reader_status reader_read_file(const char *path, const reader_options *opts,
                               reader_brief_fn on_brief, reader_diag_fn on_diag,
                               void *ctx, reader_counts *counts);

#endif
