/* reader_formats.h — the format readers reader.c dispatches to, one per
 * format (reader.h names them).  Not a public interface: only the corpus
 * library includes it.
 *
 * Each reads one whole file through reader_input.h, reports through it and
 * hands every brief on with _reader_emit(); each counts the briefs it skips
 * or fails in r->counts.  They use reader_input.h and brief_text.h, never
 * reader.c nor one another (the arrows are drawn in reader_input.h).
 */
#ifndef BRIEFS_READER_FORMATS_H
#define BRIEFS_READER_FORMATS_H

#include <stddef.h>

#include "reader_input.h"

/* One plain brief from in's buffer, the whole file, not empty (reader_text.c).
 * The brief's body takes the buffer over when it can: a file of 16 MiB is
 * then held once, not twice. */
reader_status _reader_text(reader_ctx *r, reader_input *in);

/* Every brief of a JSON Lines input, streamed line by line from in, whose
 * buffer may already hold the first bytes (reader_jsonl.c). */
reader_status _reader_jsonl(reader_ctx *r, reader_input *in);

/* Every story of a Reuters-21578 SGML file held in buf[0..len) (buf[len] is
 * a NUL); buf remains the caller's (reader_sgml.c). */
reader_status _reader_sgml(reader_ctx *r, char *buf, size_t len);

#endif
