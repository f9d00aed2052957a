/* xapian-c.h — a C binding of libxapian 1.4.
 *
 * What it is: Xapian's concepts for C — databases, documents, term
 * generators, queries and their parser, enquires, match sets, snippets,
 * spelling, compaction, and the files a database is made of on disk — as
 * opaque handles and statuses. Xapian concepts in, Xapian concepts out.
 *
 * What it is not: the application. It knows nothing of briefs: not its term
 * prefixes, its fields or its slots, not English, nothing of how a build is
 * split in shards. Where a call needs such knowledge the caller supplies it
 * (a decider for query expansion, the names of its own files). What briefs
 * builds on the binding in C++ — spelling counts handed over at commit,
 * facet tables and counts without the matcher, faster English snippets — is
 * in xapian-c/ext/, a module of its own with its own headers, which works on
 * the same handles through the binding's private xapian-c-internal.hh.
 *
 * C++ in briefs lives only behind this header (xapian-c.cc) and in
 * xapian-c/ext/.  Conventions:
 *
 *  - Handles are opaque; each has a create (or open) function and a destroy
 *    function, and every destroy accepts NULL.
 *  - Every function that can fail returns an xc_status; XC_OK is zero.  No
 *    exception ever crosses into C: Xapian::Error, std::exception and anything
 *    else thrown are caught and turned into a status.
 *  - The text of the last error is kept on the handle the call was made on and
 *    read with xc_<handle>_error(); it is owned by the handle and valid until
 *    the next call on it.  Functions that create a handle and fail return the
 *    text through an optional `char **errmsg` (malloc'd, the caller frees it;
 *    set to NULL on success).
 *  - On failure, an `*out` parameter is set to NULL (pointers) or left
 *    unchanged (numbers), as each function says.
 *  - Strings going in are NUL-terminated UTF-8 unless a length is given.
 *    Strings coming out are owned by the handle they came from unless the
 *    function says the caller frees them.
 *
 * Thread safety: as Xapian's. One handle must not be used by two threads at
 * once; separate handles (even on the same database path) may be.
 */
#ifndef XAPIAN_C_H
#define XAPIAN_C_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Status                                                                    */
/* ------------------------------------------------------------------------ */

typedef enum xc_status {
    /* Success. */
    XC_OK = 0,
    /* Out of memory (std::bad_alloc). */
    XC_NO_MEMORY,
    /* A NULL handle, a bad slot, an unknown flag, or a write on a read-only
     * database: the caller's mistake.  Also Xapian::InvalidArgumentError (an
     * unknown stemming language, an empty metadata key, …). */
    XC_INVALID_ARGUMENT,
    /* Another process holds the write lock (Xapian::DatabaseLockError). */
    XC_DATABASE_LOCKED,
    /* No database at the path, or it cannot be opened
     * (Xapian::DatabaseNotFoundError, DatabaseOpeningError). */
    XC_DATABASE_NOT_FOUND,
    /* The database is damaged (Xapian::DatabaseCorruptError). */
    XC_DATABASE_CORRUPT,
    /* A revision being read was overwritten by a writer; reopen and retry
     * (Xapian::DatabaseModifiedError). */
    XC_DATABASE_MODIFIED,
    /* Any other database error: I/O, version, disk full (Xapian::DatabaseError,
     * including DatabaseVersionError, and DatabaseCreateError for XC_DB_CREATE
     * over an existing database). */
    XC_DATABASE_ERROR,
    /* The query string could not be parsed (Xapian::QueryParserError). */
    XC_QUERY_SYNTAX,
    /* No such document, term or value (Xapian::DocNotFoundError, RangeError). */
    XC_NOT_FOUND,
    /* A remote database could not be reached or dropped the connection
     * (Xapian::NetworkError). */
    XC_NETWORK_ERROR,
    /* Any other Xapian::Error. */
    XC_XAPIAN_ERROR,
    /* A C++ exception that is not a Xapian::Error. */
    XC_UNKNOWN_EXCEPTION,
    /* A run took longer than its enquire's time limit
     * (xc_enquire_set_time_limit). */
    XC_TIMED_OUT,
    /* Not a status: one past the last. */
    XC_STATUS_LAST
} xc_status;

/* A short English description of a status ("database is locked"). Never NULL;
 * an out-of-range value gives "unknown status". */
const char *xc_status_to_string(xc_status status);

/* The version of the libxapian in use, e.g. "1.4.22". Static string. */
const char *xc_xapian_version(void);

/* ------------------------------------------------------------------------ */
/* Handles                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct xc_database xc_database;     /* read-only or writable database */
typedef struct xc_document xc_document;
typedef struct xc_stopper xc_stopper;
typedef struct xc_termgen xc_termgen;       /* Xapian::TermGenerator */
typedef struct xc_queryparser xc_queryparser;
typedef struct xc_query xc_query;           /* immutable once built */
typedef struct xc_enquire xc_enquire;
typedef struct xc_mset xc_mset;

/* ------------------------------------------------------------------------ */
/* Databases                                                                 */
/* ------------------------------------------------------------------------ */

/* Open the database at path for reading: a database directory, or a stub file
 * (which may name several databases, or remote ones: "remote HOST:PORT" for
 * xapian-tcpsrv, "remote :PROGRAM ARGS" for e.g. xapian-progsrv).
 * On success set *out and return XC_OK.  On failure set *out to NULL, return
 * XC_DATABASE_NOT_FOUND (nothing there), XC_DATABASE_CORRUPT, … and, when
 * errmsg is not NULL, set *errmsg to a malloc'd message the caller frees. */
xc_status xc_database_open(const char *path, xc_database **out, char **errmsg);

typedef enum xc_open_mode {
    XC_DB_CREATE_OR_OPEN, /* open, creating an empty database if there is none */
    XC_DB_CREATE,         /* create; fail if a database exists */
    XC_DB_OPEN            /* open; fail with XC_DATABASE_NOT_FOUND if none */
} xc_open_mode;

/* Open (or create) the database directory at path for writing, taking its
 * write lock.  XC_DATABASE_LOCKED when another writer holds the lock.  Otherwise
 * as xc_database_open().  A writable handle also answers every read call. */
xc_status xc_database_open_writable(const char *path, xc_open_mode mode,
                                    xc_database **out, char **errmsg);

/* Merge the committed state of the databases at sources[0..n) into a new,
 * compacted database at dest (Xapian::Database::compact, as xapian-compact):
 * documents get new docids in the order of the sources, spelling data is
 * summed, and a metadata key found in several sources keeps the value of the
 * first.  dest must not exist.  On failure *errmsg (may be NULL) receives a
 * malloc'd message the caller frees. */
xc_status xc_compact(const char *const *sources, size_t n, const char *dest, char **errmsg);

/* Add the database at path to a read-only handle, so that searches run over
 * both (Xapian::Database::add_database).  XC_INVALID_ARGUMENT on a writable
 * handle. */
xc_status xc_database_add(xc_database *db, const char *path);

/* Open the database a xapian-tcpsrv serves at host:port for reading
 * (Xapian::Remote::open). timeout_ms bounds each exchange with the server:
 * one that takes longer fails with XC_NETWORK_ERROR (Xapian's
 * NetworkTimeoutError); connect_timeout_ms bounds making the connection
 * (0 for either: Xapian's default, 10 s; a connect_timeout_ms of 0 with a
 * timeout_ms takes timeout_ms). A stub file's "remote HOST:PORT" line
 * cannot give these: Xapian 1.4 opens it with the defaults. As
 * xc_database_open otherwise; a server that cannot be reached is
 * XC_NETWORK_ERROR. */
xc_status xc_database_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                                  unsigned connect_timeout_ms, xc_database **out, char **errmsg);

/* The same over a program's standard input and output (a stub's "remote
 * :PROGRAM ARGS", e.g. xapian-progsrv DB): timeout_ms bounds each
 * exchange (0: 10 s). */
xc_status xc_database_open_remote_program(const char *program, const char *args,
                                          unsigned timeout_ms, xc_database **out, char **errmsg);

/* A new read-only handle searching the read-only handles shards[0..n)
 * together, as one database (Database::add_database): documents of shard i
 * of n get docids (d - 1) * n + i + 1. The shards' handles may be destroyed
 * afterwards. n may be 0: a handle over no documents.
 * XC_INVALID_ARGUMENT for a NULL or writable shard. */
xc_status xc_database_open_shards(xc_database *const *shards, size_t n, xc_database **out);

/* 1 when some shard of the handle is remote (opened by
 * xc_database_open_remote or _open_remote_program, or made of such by
 * xc_database_open_shards), else 0. */
int xc_database_has_remote(const xc_database *db);

/* Move a read-only handle to the latest committed revision.  *changed (may be
 * NULL) is set to 1 when the revision moved, else 0.  What the handle keeps
 * beside Xapian's own state (metadata read, facet tables) is dropped only
 * when the revision moved: a reopen that finds nothing new costs a look at
 * the revision, not the tables. */
xc_status xc_database_reopen(xc_database *db, int *changed);

/* Commit pending changes of a writable handle.  Nothing is ever committed
 * implicitly: changes not committed by this call are discarded by
 * xc_database_close() and xc_database_destroy(). */
xc_status xc_database_commit(xc_database *db);

/* Commit nothing more and release the database (and its lock): pending changes
 * that were not committed are discarded. The handle must still be destroyed. */
xc_status xc_database_close(xc_database *db);

/* Release a database handle. Uncommitted changes are discarded (never
 * committed implicitly). Accepts NULL.  A query parser, term generator or
 * enquire set on the database holds its own reference: the write lock goes
 * with the last of them (xc_database_close() releases it at once). */
void xc_database_destroy(xc_database *db);

/* The message of the last error on this handle ("" if none). */
const char *xc_database_error(const xc_database *db);

/* Number of documents. */
xc_status xc_database_doccount(xc_database *db, unsigned *out);

/* 1 in *out when any document indexes term, else 0. */
xc_status xc_database_term_exists(xc_database *db, const char *term, int *out);

/* Number of documents indexing term (0 if none). */
xc_status xc_database_termfreq(xc_database *db, const char *term, unsigned *out);

/* Call fn(ctx, term) for every term starting with prefix, in byte order
 * (the whole term, prefix included). fn returns non-zero to stop early. */
xc_status xc_database_allterms(xc_database *db, const char *prefix,
                               int (*fn)(void *ctx, const char *term), void *ctx);

/* Call fn(ctx, docid) for every document indexing term, in docid order.
 * A term no document has calls fn never and returns XC_OK. */
xc_status xc_database_postlist(xc_database *db, const char *term,
                               int (*fn)(void *ctx, unsigned docid), void *ctx);

/* Fetch a document. On success set *out (the caller destroys it); on failure
 * set *out to NULL (XC_NOT_FOUND for no such docid). */
xc_status xc_database_get_document(xc_database *db, unsigned docid, xc_document **out);

/* User metadata: set *out to a malloc'd copy of the value ("" when the key is
 * unset), which the caller frees; NULL on failure. A read-only handle
 * remembers what it read until xc_database_reopen or xc_database_add. A
 * handle made by xc_database_open_shards gives the first shard's value that
 * is not empty (Xapian alone reads only the first shard's). */
xc_status xc_database_get_metadata(xc_database *db, const char *key, char **out);
xc_status xc_database_set_metadata(xc_database *db, const char *key, const char *value);

/* Call fn(ctx, key) for every user metadata key starting with prefix, in byte
 * order (Xapian::Database::metadata_keys_begin). On a writable handle this
 * includes changes not yet committed. fn returns non-zero to stop early. */
xc_status xc_database_metadata_keys(xc_database *db, const char *prefix,
                                    int (*fn)(void *ctx, const char *key), void *ctx);

/* Store the document under its unique term: replaces every document that
 * indexes unique_term, or adds it when none does.  *docid (may be NULL) gets
 * its docid. */
xc_status xc_database_replace_document(xc_database *db, const char *unique_term,
                                       xc_document *doc, unsigned *docid);

/* Delete every document indexing unique_term (none: XC_OK). */
xc_status xc_database_delete_document(xc_database *db, const char *unique_term);

/* Delete the document with this docid (XC_NOT_FOUND when there is none). */
xc_status xc_database_delete_docid(xc_database *db, unsigned docid);

/* Spelling data, normally added by a termgen with XC_TG_SPELLING. A writable
 * handle only. */
xc_status xc_database_add_spelling(xc_database *db, const char *word, unsigned freqinc);

/* The best spelling correction for word, malloc'd into *out ("" when none),
 * which the caller frees. */
xc_status xc_database_spelling_suggestion(xc_database *db, const char *word, char **out);

/* ------------------------------------------------------------------------ */
/* Documents                                                                 */
/* ------------------------------------------------------------------------ */

/* Create an empty document. On failure *out is NULL. */
xc_status xc_document_create(xc_document **out);
void xc_document_destroy(xc_document *doc);
const char *xc_document_error(const xc_document *doc);

/* The document's data blob (what the query tool displays). */
xc_status xc_document_set_data(xc_document *doc, const char *data, size_t len);
/* *data points into the handle (valid until the next call on it or destroy),
 * *len its length; the data is not NUL-terminated by contract (it is in fact). */
xc_status xc_document_get_data(xc_document *doc, const char **data, size_t *len);

/* A term with no positions and wdf 0: filters only, never weighted. */
xc_status xc_document_add_boolean_term(xc_document *doc, const char *term);
/* A term with wdf increased by wdfinc, no position. */
xc_status xc_document_add_term(xc_document *doc, const char *term, unsigned wdfinc);
/* Remove a term; XC_NOT_FOUND when the document does not have it. */
xc_status xc_document_remove_term(xc_document *doc, const char *term);

/* Values: one binary string per slot. */
xc_status xc_document_add_value(xc_document *doc, unsigned slot, const char *value, size_t len);
/* *value points into the handle (valid until the next call on it), "" with
 * *len 0 when the slot is empty. */
xc_status xc_document_get_value(xc_document *doc, unsigned slot, const char **value, size_t *len);

/* Call fn(ctx, term, wdf) for each term of the document starting with prefix,
 * in byte order. fn returns non-zero to stop. */
xc_status xc_document_termlist(xc_document *doc, const char *prefix,
                               int (*fn)(void *ctx, const char *term, unsigned wdf),
                               void *ctx);

/* Set *out to the number of distinct terms of the document
 * (Document::termlist_count). */
xc_status xc_document_termlist_count(xc_document *doc, unsigned *out);

/* The docid the document was read from (0 for a new one). */
unsigned xc_document_docid(const xc_document *doc);

/* ------------------------------------------------------------------------ */
/* Stopper                                                                   */
/* ------------------------------------------------------------------------ */

/* A stopword list (Xapian::SimpleStopper) from n words. */
xc_status xc_stopper_create(const char *const *words, size_t n, xc_stopper **out);
/* 1 when word is a stopword. */
int xc_stopper_is_stopword(const xc_stopper *s, const char *word);
/* Reference-counted: a termgen or queryparser that uses the stopper keeps it
 * alive, so it may be destroyed right after being set. Accepts NULL. */
void xc_stopper_destroy(xc_stopper *s);

/* ------------------------------------------------------------------------ */
/* Term generator                                                            */
/* ------------------------------------------------------------------------ */

typedef enum xc_stem_strategy {
    XC_STEM_NONE,     /* no stemming */
    XC_STEM_SOME,     /* Z-prefixed stems, and unstemmed terms (Xapian's default) */
    XC_STEM_ALL,      /* stems only, no Z prefix */
    XC_STEM_ALL_Z,    /* Z-prefixed stems only */
    XC_STEM_SOME_FULL_POS /* as SOME, with positions for stems too */
} xc_stem_strategy;

/* Term generator flag: record spelling data in the database set with
 * xc_termgen_set_database. */
#define XC_TG_SPELLING 1u

/* Create a term generator stemming with the named Snowball language
 * ("english"; NULL or "" or "none": no stemmer). XC_INVALID_ARGUMENT for an
 * unknown language. */
xc_status xc_termgen_create(const char *language, xc_termgen **out);
void xc_termgen_destroy(xc_termgen *tg);
const char *xc_termgen_error(const xc_termgen *tg);

/* The document terms go into. The termgen does not own it; it must stay
 * alive while text is indexed into it. Resets the term position to 0. */
xc_status xc_termgen_set_document(xc_termgen *tg, xc_document *doc);
/* The writable database spelling data goes to (with XC_TG_SPELLING). */
xc_status xc_termgen_set_database(xc_termgen *tg, xc_database *db);
xc_status xc_termgen_set_flags(xc_termgen *tg, unsigned flags);
xc_status xc_termgen_set_stemming_strategy(xc_termgen *tg, xc_stem_strategy strategy);
/* NULL removes the stopper. */
xc_status xc_termgen_set_stopper(xc_termgen *tg, xc_stopper *stopper);

/* Index len bytes of text (Xapian's Unicode word splitting), each term with
 * wdf increased by wdf_inc, prefixed by prefix ("" or NULL: none), with
 * positions. */
xc_status xc_termgen_index_text(xc_termgen *tg, const char *text, size_t len,
                                unsigned wdf_inc, const char *prefix);
/* The same, without positions (no phrase search over this text). */
xc_status xc_termgen_index_text_without_positions(xc_termgen *tg, const char *text,
                                                  size_t len, unsigned wdf_inc,
                                                  const char *prefix);
/* Leave a gap in term positions so phrases cannot span two fields. */
xc_status xc_termgen_increase_termpos(xc_termgen *tg, unsigned delta);
/* The current term position. */
unsigned xc_termgen_get_termpos(const xc_termgen *tg);

/* ------------------------------------------------------------------------ */
/* Queries                                                                   */
/* ------------------------------------------------------------------------ */

typedef enum xc_query_op {
    XC_OP_AND,
    XC_OP_OR,
    XC_OP_AND_NOT,     /* left AND NOT right */
    XC_OP_XOR,
    XC_OP_AND_MAYBE,   /* left, weighted also by right */
    XC_OP_FILTER,      /* left, restricted by right without weighting */
    XC_OP_SYNONYM,     /* as OR, weighted as one term */
    XC_OP_PHRASE,
    XC_OP_NEAR,
    XC_OP_ELITE_SET,
    XC_OP_MAX
} xc_query_op;

/* A query for one term, weighted with wqf (1 is usual) at position pos
 * (0: none). */
xc_status xc_query_term(const char *term, unsigned wqf, unsigned pos, xc_query **out);
/* The query matching every document (Xapian::Query::MatchAll). */
xc_status xc_query_match_all(xc_query **out);
/* The query matching no document. */
xc_status xc_query_match_nothing(xc_query **out);
/* Combine n subqueries with op (window: for PHRASE/NEAR, 0 for the default;
 * for ELITE_SET the set size). The subqueries are copied: the caller still
 * destroys them. NULL entries are skipped. */
xc_status xc_query_combine(xc_query_op op, xc_query *const *subqueries, size_t n,
                           unsigned window, xc_query **out);
/* Documents whose value in slot lies in [lo, hi] (byte order; NULL: open end;
 * both NULL: every document with a value in slot). */
xc_status xc_query_value_range(unsigned slot, const char *lo, const char *hi, xc_query **out);
/* Multiply the weight of q by factor (>= 0; 0 makes q purely boolean). */
xc_status xc_query_scale_weight(const xc_query *q, double factor, xc_query **out);
/* 1 when q matches nothing by construction (an empty query). */
int xc_query_empty(const xc_query *q);
/* Xapian's description of the query, malloc'd; the caller frees. NULL on
 * failure (memory). */
char *xc_query_description(const xc_query *q);
/* Call fn(ctx, term) for each distinct term of the query, in query order. */
xc_status xc_query_terms(const xc_query *q, int (*fn)(void *ctx, const char *term), void *ctx);
void xc_query_destroy(xc_query *q);

/* ------------------------------------------------------------------------ */
/* Query parser                                                              */
/* ------------------------------------------------------------------------ */

/* Query parser flags (Xapian::QueryParser::feature_flag). */
#define XC_QP_BOOLEAN             (1u << 0)  /* AND, OR, NOT, XOR, brackets */
#define XC_QP_PHRASE              (1u << 1)  /* "quoted phrases" */
#define XC_QP_LOVEHATE            (1u << 2)  /* +must -mustnot */
#define XC_QP_BOOLEAN_ANY_CASE    (1u << 3)  /* and, or, not as operators too */
#define XC_QP_WILDCARD            (1u << 4)  /* trailing * */
#define XC_QP_PURE_NOT            (1u << 5)  /* NOT x alone */
#define XC_QP_PARTIAL             (1u << 6)  /* last word as a prefix */
#define XC_QP_SPELLING_CORRECTION (1u << 7)  /* fills the corrected query */
#define XC_QP_SYNONYM             (1u << 8)
/* Like XC_QP_SPELLING_CORRECTION, but the correction is only looked for when
 * some word of the query is not a term of the database as it stands
 * (unprefixed, unstemmed): a query of words the index knows gets no
 * "correction" and costs no spelling lookups. And only the unknown words are
 * corrected: a word that is a term of the database as it stands
 * (lower-cased), a word of its spelling table, or a stopword of the parser's
 * stopper is left as written (Xapian corrects any word its spelling table
 * lacks: "nothing-like-this" became "voting-like-his"). */
#define XC_QP_SPELLING_UNKNOWN    (1u << 9)
#define XC_QP_DEFAULT (XC_QP_BOOLEAN | XC_QP_PHRASE | XC_QP_LOVEHATE)

xc_status xc_queryparser_create(xc_queryparser **out);
void xc_queryparser_destroy(xc_queryparser *qp);
const char *xc_queryparser_error(const xc_queryparser *qp);

/* The database used for wildcard expansion and spelling correction. The parser
 * keeps its own reference: db may be destroyed afterwards. */
xc_status xc_queryparser_set_database(xc_queryparser *qp, xc_database *db);
/* A wildcard (word*) may expand to at most limit words (0: any number, the
 * default); a query whose wildcard expands to more fails with
 * XC_QUERY_SYNTAX when it is run (Xapian::WildcardError). */
xc_status xc_queryparser_set_max_wildcard_expansion(xc_queryparser *qp, unsigned limit);
/* Stemming language ("english"; NULL/""/"none" for none). */
xc_status xc_queryparser_set_stemmer(xc_queryparser *qp, const char *language);
xc_status xc_queryparser_set_stemming_strategy(xc_queryparser *qp, xc_stem_strategy s);
xc_status xc_queryparser_set_stopper(xc_queryparser *qp, xc_stopper *stopper);
/* XC_OP_AND or XC_OP_OR (others: XC_INVALID_ARGUMENT). */
xc_status xc_queryparser_set_default_op(xc_queryparser *qp, xc_query_op op);
/* field:word searches free text under prefix ("title" → "S"). A field may be
 * given several prefixes; "" as field sets a default prefix. */
xc_status xc_queryparser_add_prefix(xc_queryparser *qp, const char *field, const char *prefix);
/* field:value filters by the boolean term prefix+value (value lower-cased by
 * the caller if it wants). exclusive: several values of the same field are
 * ORed (1) or ANDed (0). */
xc_status xc_queryparser_add_boolean_prefix(xc_queryparser *qp, const char *field,
                                            const char *prefix, int exclusive);

/* A field whose values the caller turns into queries itself
 * (Xapian::FieldProcessor): for field:value, or field:"several words", the
 * parser calls fn(ctx, value, &query); fn sets *query to a new query the
 * parser takes over, and returns XC_OK, or returns another status (the parse
 * then fails with XC_QUERY_SYNTAX and the message "unknown FIELD: VALUE" —
 * fn may give its own by setting *message to a string valid until fn
 * returns: the parser copies it). Whatever fn leaves in *query is the
 * parser's, even on failure. boolean: the query filters without weighting.
 * ctx must outlive the parser. */
typedef xc_status (*xc_field_fn)(void *ctx, const char *value, xc_query **query,
                                 const char **message);
xc_status xc_queryparser_add_field(xc_queryparser *qp, const char *field, int boolean,
                                   xc_field_fn fn, void *ctx);

typedef enum xc_range_kind {
    XC_RANGE_STRING, /* values compared as byte strings */
    XC_RANGE_NUMBER, /* values stored with xc_sortable_serialise() */
    XC_RANGE_DATE    /* values stored as "YYYYMMDD"; accepts 2022-03-14, 20220314 */
} xc_range_kind;

/* Parse "field:A..B" (or "A..B" when field is "") into a range over slot. */
xc_status xc_queryparser_add_range(xc_queryparser *qp, unsigned slot, const char *field,
                                   xc_range_kind kind);

/* Parse query_string with flags (XC_QP_*). On success set *out (the caller
 * destroys it). XC_QUERY_SYNTAX with the parser's message for a query that
 * cannot be parsed; *out is then NULL. */
xc_status xc_queryparser_parse(xc_queryparser *qp, const char *query_string, unsigned flags,
                               xc_query **out);

/* After a parse with XC_QP_SPELLING_CORRECTION (or XC_QP_SPELLING_UNKNOWN): the corrected query string,
 * or "" when no correction was found. Owned by the parser. */
const char *xc_queryparser_corrected_query(const xc_queryparser *qp);

/* Call fn(ctx, term) for each stopword the last parse dropped. */
xc_status xc_queryparser_stoplist(xc_queryparser *qp, int (*fn)(void *ctx, const char *term),
                                  void *ctx);

/* ------------------------------------------------------------------------ */
/* Enquire, MSet                                                             */
/* ------------------------------------------------------------------------ */

/* Searches db, which must outlive the enquire handle. */
xc_status xc_enquire_create(xc_database *db, xc_enquire **out);
void xc_enquire_destroy(xc_enquire *enq);
const char *xc_enquire_error(const xc_enquire *enq);

/* The query to run (copied). qlen: the query length for BM25's wqf (0: the
 * number of terms). */
xc_status xc_enquire_set_query(xc_enquire *enq, const xc_query *q, unsigned qlen);
/* BM25 with these parameters (Xapian's defaults: k1 1, k2 0, k3 1, b 0.5,
 * min_normlen 0.5). Xapian clamps rather than rejects: a negative k1, k2 or k3
 * is taken as 0, b is clamped to [0, 1]. */
xc_status xc_enquire_set_bm25(xc_enquire *enq, double k1, double k2, double k3, double b,
                              double min_normlen);
/* Weigh nothing: every match weighs 0 (Xapian's BoolWeight). A run that only
 * counts the matches (maxitems 0, checkatleast the document count), and
 * what match spies count over them, is cheaper so. */
xc_status xc_enquire_set_boolean_weighting(xc_enquire *enq);
/* Sort by the value in slot (byte order; reverse: descending), then by
 * relevance. */
xc_status xc_enquire_set_sort_by_value_then_relevance(xc_enquire *enq, unsigned slot,
                                                      int reverse);
/* Sort by relevance, then matches of equal weight by the value in slot
 * (byte order; reverse: descending), then by docid. Xapian breaks ties of
 * weight by docid, which depends on how documents are split in shards;
 * a value holding a unique key orders them the same however they are
 * split. Crosses the remote protocol (a KeyMaker would not). */
xc_status xc_enquire_set_sort_by_relevance_then_value(xc_enquire *enq, unsigned slot,
                                                      int reverse);
/* Back to sorting by relevance only. */
xc_status xc_enquire_set_sort_by_relevance(xc_enquire *enq);
/* Documents whose weight is below percent of the best are left out (0: none). */
xc_status xc_enquire_set_cutoff(xc_enquire *enq, int percent);
/* Each later get_mset of enq must end within seconds of this call (> 0;
 * 0: no limit, the default): one that runs longer stops and fails with
 * XC_TIMED_OUT. It is checked every few matching documents the match looks
 * at, so a run ends a little past the limit, never long after. Xapian's own
 * Enquire::set_time_limit only stops counting matches, never the match. Not
 * enforced on remote shards (they cannot run the check). */
xc_status xc_enquire_set_time_limit(xc_enquire *enq, double seconds);
/* Run the query: the hits first..first+maxitems-1 into *out (the caller
 * destroys it); checkatleast: look at least at that many matches (use the
 * document count to make the total, and what match spies count, exact). */
xc_status xc_enquire_get_mset(xc_enquire *enq, unsigned first, unsigned maxitems,
                              unsigned checkatleast, xc_mset **out);

/* The query terms that docid matches, in query order: fn(ctx, term). */
xc_status xc_enquire_matching_terms(xc_enquire *enq, unsigned docid,
                                    int (*fn)(void *ctx, const char *term), void *ctx);

/* Which terms query expansion may suggest (Xapian::ExpandDecider): non-zero
 * to keep term. Called for each candidate term, of many documents: keep it
 * cheap. */
typedef int (*xc_expand_decider)(void *ctx, const char *term);

/* Query expansion (pseudo-relevance feedback): the top maxitems terms (ESet)
 * of the relevance set docids[0..n), leaving out the terms of the current
 * query (as Xapian does) and every term decider(decider_ctx, term) refuses
 * (decider NULL: none). fn(ctx, term, weight) is called in decreasing weight;
 * it returns non-zero to stop. Over several shards the term frequencies are
 * exact (USE_EXACT_TERMFREQ), not Xapian's default approximation: the ESet
 * is that of one database holding the same documents. */
xc_status xc_enquire_expand(xc_enquire *enq, const unsigned *docids, size_t n,
                            unsigned maxitems, xc_expand_decider decider, void *decider_ctx,
                            int (*fn)(void *ctx, const char *term, double weight),
                            void *ctx);

/* Size of the MSet (hits held, at most maxitems). */
unsigned xc_mset_size(const xc_mset *m);
/* Estimates of the total number of matches. When lower == upper the count is
 * exact. */
void xc_mset_estimates(const xc_mset *m, unsigned *lower, unsigned *estimated, unsigned *upper);
const char *xc_mset_error(const xc_mset *m);

typedef struct xc_hit {
    unsigned docid;
    unsigned rank;      /* 0-based rank in the whole result list */
    int percent;        /* 0..100 */
    double weight;
} xc_hit;

/* Hit i (0 <= i < size). XC_INVALID_ARGUMENT when out of range. */
xc_status xc_mset_hit(xc_mset *m, unsigned i, xc_hit *out);
/* The document of hit i (the caller destroys it). */
xc_status xc_mset_document(xc_mset *m, unsigned i, xc_document **out);

#define XC_SNIPPET_BACKGROUND_MODEL 1u  /* Xapian::MSet::SNIPPET_BACKGROUND_MODEL */
#define XC_SNIPPET_EXHAUSTIVE       2u
#define XC_SNIPPET_EMPTY_WITHOUT_MATCH 4u

/* A snippet of text around the terms of the query that gave this MSet, at
 * most length bytes, matched terms between hi_start and hi_end, cut text
 * marked by omit, stemming with language (NULL, "" or "none": none;
 * XC_INVALID_ARGUMENT for an unknown one), as Xapian's MSet::snippet; flags
 * XC_SNIPPET_* (others: XC_INVALID_ARGUMENT). Xapian's snippets are
 * HTML-escaped. malloc'd into *out; the caller frees. */
xc_status xc_mset_snippet(xc_mset *m, const char *text, size_t len, size_t length,
                          const char *language, unsigned flags, const char *hi_start,
                          const char *hi_end, const char *omit, char **out);

void xc_mset_destroy(xc_mset *m);

/* ------------------------------------------------------------------------ */
/* Database files                                                            */
/* ------------------------------------------------------------------------ */

/* What a database is on disk, for a caller that looks after the directories
 * databases live in (and must never remove what is not a database's). A
 * database that xc_database_open_writable creates is a glass database: a
 * directory holding its tables, its version file and its write lock. */

/* 1 when name is the name of a file Xapian makes in the directory of a glass
 * database: its tables (*.glass), its version file (iamglass, and v.tmp
 * while that is written), its write lock (flintlock) and the changesets it
 * keeps for replication (changesN, when XAPIAN_MAX_CHANGESETS is set); else
 * 0. */
int xc_database_is_own_file(const char *name);

/* 1 when the directory dir holds a Xapian database of any backend (the
 * version file of one among its entries: iamglass, iamhoney, iamchert,
 * iamflint, iambrass); 0 when not, or when dir cannot be read. */
int xc_database_exists_at(const char *dir);

/* The process id of the process holding the write lock of the database at
 * path (a writer, or a creation under way); 0 when none does, or when it
 * cannot be known (Xapian may take an open file description lock, whose
 * owner POSIX does not report). */
long xc_database_lock_holder(const char *path);

/* A process killed while Xapian was creating the glass database at path
 * leaves a directory Xapian can neither open (it has no version file) nor
 * create again (its tables are there); nothing was ever committed to it.
 * When path has no version file (iamglass), no writer holds its lock, and
 * every entry of the directory is a file such a creation leaves (the lock, a
 * version file being written, *.tmp, a table still empty) or a name that
 * keep(ctx, name) accepts (keep NULL: none), remove the files the creation
 * left but the lock, so that the database can be created afresh; the names
 * keep accepted stay. A name starting with '.' is never Xapian's: it is
 * left to keep. A table with data in it is never removed. Returns the
 * number of files removed (0: nothing done). */
int xc_database_discard_unfinished(const char *path, int (*keep)(void *ctx, const char *name),
                                   void *ctx);

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

/* Xapian::sortable_serialise(value) into buf (at least 18 bytes); returns the
 * length written. */
size_t xc_sortable_serialise(double value, char *buf);
/* The inverse. */
double xc_sortable_unserialise(const char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
