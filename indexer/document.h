/* document.h — turn a brief and its entities into a Xapian document (schema.h). */
#ifndef BRIEFS_DOCUMENT_H
#define BRIEFS_DOCUMENT_H

#include "brief.h"
#include "extract.h"
#include "xapian-c.h"

/* Where the brief's file stood when it was read, for change detection. */
typedef struct file_stamp {
    const char *path;        /* canonical path of the file */
    long long size;
    long long mtime_sec;
    long mtime_nsec;
    const char *content_hash; /* hex, or NULL when not computed */
} file_stamp;

/* Body text kept in the document's data for snippets: longer bodies are cut. */
#define DOCUMENT_MAX_STORED_BODY (64u * 1024u)

/* The words of a brief's title and body are indexed until its document holds
 * this many distinct terms (a word and its stem are two); the rest of a
 * longer text is not searchable (scripts/BENCHMARKS.md, "Bounded work per
 * brief").  They are indexed DOCUMENT_TEXT_PIECE bytes at a time, the
 * count looked at between pieces. */
#define DOCUMENT_MAX_TERMS 50000u
#define DOCUMENT_TEXT_PIECE (16u * 1024u)

/* The unique id of a brief: its own id when it has one, else the file's path,
 * followed by "#ordinal" for a brief that shares its file with others.
 * Writes into out (outlen bytes) and returns out. */
char *document_brief_id(const brief *b, const char *path, char *out, size_t outlen);

/* The term that names this version of brief b: PREFIX_VERSION and 16 hex
 * digits of a hash (hash.h) of what document_build puts into its document
 * from the brief, but for the file's size and mtime and the brief's place in
 * the file: its id, its file's path (NULL: none) and every field of the
 * record that the document holds (title, date, source, url, body, the people
 * and countries the source gave). document_build adds it to the document, so
 * an index that holds this term holds this brief, from this file, exactly as
 * it is now: the indexer need not write it again. (What extraction makes of
 * the text is not in the hash: a build that extracts differently needs
 * brief-index --full.) Writes into out (outlen bytes, at least
 * DOCUMENT_VERSION_TERM_SIZE) and returns out. */
#define DOCUMENT_VERSION_TERM_SIZE 19
char *document_version_term(const brief *b, const char *id, const char *path, char *out,
                            size_t outlen);

/* Build the document of brief b into doc (a new, empty document) with termgen
 * tg (stemming set up by the caller, spelling data on), and the brief's id
 * (document_brief_id), entities and file stamp. The document's data is a JSON
 * object with what brief-query shows: id, title, date, source, url, path,
 * people [{id, name}], countries [{code, name}], body.
 * *body_indexed (when body_indexed is not NULL) receives how many bytes of the
 * body had their words indexed: all of them (b->body_len), unless the
 * document met DOCUMENT_MAX_TERMS first.
 * Returns XC_OK or the status of the Xapian call that failed (its message is on
 * tg or doc); XC_NO_MEMORY when encoding the data fails. */
xc_status document_build(xc_document *doc, xc_termgen *tg, const brief *b, const char *id,
                         const entity_set *entities, const file_stamp *stamp,
                         size_t *body_indexed);

#endif
