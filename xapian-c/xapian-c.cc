/* xapian-c.cc — the C API of xapian-c.h over libxapian 1.4.
 *
 * Every extern "C" entry point has the same shape: check the handle (NULL →
 * XC_INVALID_ARGUMENT, nothing else touched), then run its body through
 * guarded(), which clears the handle's error text, runs the body, and turns
 * any exception into a status and a message with status_from_exception() —
 * the one place where exceptions are mapped.  No exception leaves this file.
 *
 * The handles that the modules built on the binding share
 * (xapian-c/ext/) are defined in xapian-c-internal.hh, with the hooks
 * (addons) through which those modules keep state with a handle.
 *
 * Sections follow the header: status, handles, databases, documents,
 * stopper, term generator, queries, query parser, enquire/mset, database
 * files, helpers.
 */
#include "xapian-c.h"
#include "xapian-c-internal.hh"

#include <xapian.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace xc_internal;

/* ======================================================================== */
/* Internal: exceptions to statuses                                          */
/* ======================================================================== */

namespace {

/* dst = a + b, or "" when even that cannot be allocated: setting an error
 * message must never throw. */
void set_message(std::string &dst, const char *a, const std::string &b) noexcept
{
    try {
        dst.assign(a);
        dst += b;
    } catch (...) {
        dst.clear();
    }
}

/* "Xapian::DatabaseLockError: Unable to get write lock on /x: already locked" */
xc_status xapian_status(std::string &err, const Xapian::Error &e, xc_status status) noexcept
{
    try {
        set_message(err, "Xapian::", e.get_description());
    } catch (...) {
        err.clear();
    }
    return status;
}

} /* namespace */

namespace xc_internal {

/* Map the exception being handled to a status, with its message in err
 * (xapian-c-internal.hh).  Order matters: subclasses before their bases
 * (DatabaseVersionError and DatabaseNotFoundError are DatabaseOpeningErrors;
 * all the Database*Errors are DatabaseErrors). */
xc_status status_from_exception(std::string &err) noexcept
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        return xapian_status(err, e, XC_DATABASE_LOCKED);
    } catch (const Xapian::DatabaseVersionError &e) {
        return xapian_status(err, e, XC_DATABASE_ERROR);   /* header: "version" */
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return xapian_status(err, e, XC_DATABASE_NOT_FOUND);
    } catch (const Xapian::DatabaseOpeningError &e) {
        return xapian_status(err, e, XC_DATABASE_NOT_FOUND);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return xapian_status(err, e, XC_DATABASE_CORRUPT);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return xapian_status(err, e, XC_DATABASE_MODIFIED);
    } catch (const Xapian::DatabaseError &e) {
        return xapian_status(err, e, XC_DATABASE_ERROR);
    } catch (const Xapian::QueryParserError &e) {
        return xapian_status(err, e, XC_QUERY_SYNTAX);
    } catch (const Xapian::WildcardError &e) {
        /* The query's wildcard, too wide: its message is for the user. */
        set_message(err, "", e.get_msg());
        return XC_QUERY_SYNTAX;
    } catch (const timed_out &) {
        set_message(err, "the query took longer than its time limit", std::string());
        return XC_TIMED_OUT;
    } catch (const Xapian::DocNotFoundError &e) {
        return xapian_status(err, e, XC_NOT_FOUND);
    } catch (const Xapian::RangeError &e) {
        return xapian_status(err, e, XC_NOT_FOUND);
    } catch (const Xapian::NetworkError &e) {
        return xapian_status(err, e, XC_NETWORK_ERROR);
    } catch (const Xapian::InvalidArgumentError &e) {
        /* An unknown stemming language, docid 0, an empty metadata key, a
         * window on OP_AND, a negative BM25 parameter: the caller's mistake. */
        return xapian_status(err, e, XC_INVALID_ARGUMENT);
    } catch (const Xapian::Error &e) {
        return xapian_status(err, e, XC_XAPIAN_ERROR);
    } catch (const std::bad_alloc &) {
        set_message(err, "out of memory", std::string());
        return XC_NO_MEMORY;
    } catch (const std::exception &e) {
        set_message(err, "C++ exception: ", e.what());
        return XC_UNKNOWN_EXCEPTION;
    } catch (...) {
        set_message(err, "unknown C++ exception", std::string());
        return XC_UNKNOWN_EXCEPTION;
    }
}

/* Our own argument checks: set the message, return the status. */
xc_status fail(std::string &err, xc_status status, const char *msg)
{
    err.assign(msg);
    return status;
}

xc_status invalid(std::string &err, const char *msg)
{
    return fail(err, XC_INVALID_ARGUMENT, msg);
}

/* A malloc'd copy the C caller frees (never new[]). */
char *dup_string(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

/* NULL or "" or "none": no stemmer; otherwise Xapian's Snowball stemmer
 * (InvalidArgumentError, so XC_INVALID_ARGUMENT, for an unknown language). */
Xapian::Stem make_stem(const char *language)
{
    if (!language || !*language)
        return Xapian::Stem();
    return Xapian::Stem(language);
}

xc_status read_only(std::string &err, const char *what)
{
    err.assign(what);
    err += ": the database was opened read-only";
    return XC_INVALID_ARGUMENT;
}

} /* namespace xc_internal */

namespace {

bool starts_with(const std::string &s, const std::string &prefix)
{
    return s.compare(0, prefix.size(), prefix) == 0;
}

} /* namespace */

/* ======================================================================== */
/* Status                                                                    */
/* ======================================================================== */

const char *xc_status_to_string(xc_status status)
{
    switch (c_enum(status)) {
    case XC_OK:                 return "success";
    case XC_NO_MEMORY:          return "out of memory";
    case XC_INVALID_ARGUMENT:   return "invalid argument";
    case XC_DATABASE_LOCKED:    return "database is locked";
    case XC_DATABASE_NOT_FOUND: return "database not found or cannot be opened";
    case XC_DATABASE_CORRUPT:   return "database is corrupt";
    case XC_DATABASE_MODIFIED:  return "database was modified; reopen and retry";
    case XC_DATABASE_ERROR:     return "database error";
    case XC_QUERY_SYNTAX:       return "query syntax error";
    case XC_NOT_FOUND:          return "not found";
    case XC_NETWORK_ERROR:      return "network error";
    case XC_XAPIAN_ERROR:       return "Xapian error";
    case XC_UNKNOWN_EXCEPTION:  return "unknown exception";
    case XC_TIMED_OUT:          return "timed out";
    case XC_STATUS_LAST:        break;
    }
    return "unknown status";
}

const char *xc_xapian_version(void)
{
    return Xapian::version_string();
}

/* ======================================================================== */
/* Handles                                                                   */
/* ======================================================================== */

/* xc_database, xc_document, xc_enquire and xc_mset: xapian-c-internal.hh. */

/* Xapian's intrusive reference counting: the stopper is release()d, so this
 * pointer and every TermGenerator/QueryParser it is set on share it. */
struct xc_stopper {
    Xapian::Internal::opt_intrusive_ptr<Xapian::SimpleStopper> stopper;
};

struct xc_termgen {
    Xapian::TermGenerator tg;
    std::string error;
};

namespace {

/* The first failure of a caller's field function during one parse (see
 * field_adapter).  Shared by the parser handle and its adapters. */
struct field_failure {
    bool failed = false;
    std::string message;
};

} /* namespace */

struct xc_queryparser {
    Xapian::QueryParser qp;
    Xapian::Database db;     /* as given to xc_queryparser_set_database */
    std::string corrected;   /* of the last parse */
    /* The stopper given to the parser (Xapian 1.4 has no get_stopper). */
    Xapian::Internal::opt_intrusive_ptr<Xapian::SimpleStopper> stopper;
    std::string error;
    std::shared_ptr<field_failure> field_failed = std::make_shared<field_failure>();
};

/* Xapian::Query is a value type (a reference-counted handle). */
struct xc_query {
    Xapian::Query q;
};

/* ======================================================================== */
/* Databases                                                                 */
/* ======================================================================== */

namespace {

/* Finish an open: hand the message to the caller, naming the path when
 * Xapian's own message does not (DatabaseCorruptError: "Couldn't read enough
 * (EOF)"). */
xc_status open_result(xc_status status, const std::string &err, const char *path,
                      char **errmsg) noexcept
{
    if (status == XC_OK || !errmsg)
        return status;
    try {
        std::string msg = err;
        if (path && msg.find(path) == std::string::npos) {
            msg += " (database ";
            msg += path;
            msg += ")";
        }
        *errmsg = dup_string(msg);
    } catch (...) {
        *errmsg = NULL;
    }
    return status;
}

/* After a reopen or a new shard, docids may mean other documents, and the
 * metadata may have changed: the addons are told (xapian-c-internal.hh). */
void database_changed(xc_database *db)
{
    db->metadata.clear();
    db->addons->database_changed();
}

/* Metadata keys a read-only handle remembers at most (then it starts again). */
constexpr size_t METADATA_CACHED = 65536;

} /* namespace */

xc_status xc_database_open(const char *path, xc_database **out, char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (out)
        *out = NULL;
    std::string err;
    xc_status status = guarded(err, [&] {
        if (!path || !out)
            return invalid(err, "xc_database_open: path or out is NULL");
        std::unique_ptr<xc_database> h(new xc_database(false));
        h->db = Xapian::Database(path);
        *out = h.release();
        return XC_OK;
    });
    return open_result(status, err, path, errmsg);
}

xc_status xc_database_open_writable(const char *path, xc_open_mode mode,
                                    xc_database **out, char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (out)
        *out = NULL;
    std::string err;
    xc_status status = guarded(err, [&] {
        if (!path || !out)
            return invalid(err, "xc_database_open_writable: path or out is NULL");
        int flags;
        switch (c_enum(mode)) {
        case XC_DB_CREATE_OR_OPEN: flags = Xapian::DB_CREATE_OR_OPEN; break;
        case XC_DB_CREATE:         flags = Xapian::DB_CREATE; break;
        case XC_DB_OPEN:           flags = Xapian::DB_OPEN; break;
        default:
            return invalid(err, "xc_database_open_writable: unknown mode");
        }
        std::unique_ptr<xc_database> h(new xc_database(true));
        h->wdb = Xapian::WritableDatabase(path, flags);
        h->wdb.begin_transaction(false);   /* see struct xc_database */
        h->db = h->wdb;
        *out = h.release();
        return XC_OK;
    });
    return open_result(status, err, path, errmsg);
}

xc_status xc_compact(const char *const *sources, size_t n, const char *dest, char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    std::string err;
    xc_status status = guarded(err, [&] {
        if (!sources || n == 0 || !dest)
            return invalid(err, "xc_compact: no sources or no destination");
        Xapian::Database all;
        for (size_t i = 0; i < n; i++) {
            if (!sources[i])
                return invalid(err, "xc_compact: a source is NULL");
            all.add_database(Xapian::Database(sources[i]));
        }
        /* Multipass merges many postlists faster; with few it changes nothing. */
        all.compact(dest, Xapian::DBCOMPACT_MULTIPASS);
        return XC_OK;
    });
    return open_result(status, err, dest, errmsg);
}

xc_status xc_database_add(xc_database *db, const char *path)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!path)
            return invalid(db->error, "xc_database_add: path is NULL");
        if (db->writable)
            return invalid(db->error, "xc_database_add: the handle is writable");
        Xapian::Database other(path);
        db->db.add_database(other);
        database_changed(db);
        return XC_OK;
    });
}

xc_status xc_database_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                                  unsigned connect_timeout_ms, xc_database **out, char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (out)
        *out = NULL;
    std::string err;
    xc_status status = guarded(err, [&] {
        if (!host || !out || port == 0 || port > 65535)
            return invalid(err, "xc_database_open_remote: no host, no out, or a bad port");
        std::unique_ptr<xc_database> h(new xc_database(false));
        h->db = Xapian::Remote::open(host, port, timeout_ms ? timeout_ms : 10000,
                                     connect_timeout_ms ? connect_timeout_ms
                                                        : timeout_ms ? timeout_ms : 10000);
        h->addons->set_remote();
        *out = h.release();
        return XC_OK;
    });
    return open_result(status, err, NULL, errmsg);
}

xc_status xc_database_open_remote_program(const char *program, const char *args,
                                          unsigned timeout_ms, xc_database **out, char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (out)
        *out = NULL;
    std::string err;
    xc_status status = guarded(err, [&] {
        if (!program || !out)
            return invalid(err, "xc_database_open_remote_program: program or out is NULL");
        std::unique_ptr<xc_database> h(new xc_database(false));
        h->db = Xapian::Remote::open(program, args ? args : "", timeout_ms ? timeout_ms : 10000);
        h->addons->set_remote();
        *out = h.release();
        return XC_OK;
    });
    return open_result(status, err, NULL, errmsg);
}

xc_status xc_database_open_shards(xc_database *const *shards, size_t n, xc_database **out)
{
    XC_REQUIRE(out);
    *out = NULL;
    std::string err;
    return guarded(err, [&] {
        std::unique_ptr<xc_database> h(new xc_database(false));
        for (size_t i = 0; i < n; i++) {
            if (!shards[i] || shards[i]->writable)
                return XC_INVALID_ARGUMENT;
            h->db.add_database(shards[i]->db);
            h->shards.push_back(shards[i]->db);
            if (shards[i]->addons->remote())
                h->addons->set_remote();
        }
        *out = h.release();
        return XC_OK;
    });
}

int xc_database_has_remote(const xc_database *db)
{
    return db && db->addons->remote() ? 1 : 0;
}

xc_status xc_database_reopen(xc_database *db, int *changed)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        /* Database::reopen() says "might have changed": glass answers true
         * for a database still at revision 0 even when nothing moved.  With
         * one shard compare revisions; with several (get_revision() throws)
         * take reopen()'s answer. */
        bool single = true;
        Xapian::rev before = 0;
        try {
            before = db->db.get_revision();
        } catch (const Xapian::Error &) {
            single = false;
        }
        bool moved = db->db.reopen();
        if (single)
            moved = db->db.get_revision() != before;
        /* Only a new revision can change docids or metadata: at the same
         * one the addons keep what they hold (the facet tables, which cost
         * far more to build than a query: brief-query --batch reopens at
         * every line). */
        if (moved)
            database_changed(db);
        if (changed)
            *changed = moved ? 1 : 0;
        return XC_OK;
    });
}

xc_status xc_database_commit(xc_database *db)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!db->writable)
            return read_only(db->error, "xc_database_commit");
        db->addons->before_commit(db->wdb);   /* what they hold is part of this commit */
        db->wdb.commit_transaction();   /* unflushed: only ends the bracket */
        /* Whatever commit() does, open the next transaction, so that a
         * failed commit still leaves nothing to be committed implicitly. */
        struct reopen_transaction {
            Xapian::WritableDatabase &w;
            ~reopen_transaction()
            {
                try {
                    w.begin_transaction(false);
                } catch (...) {
                }
            }
        } guard{db->wdb};
        db->wdb.commit();
        return XC_OK;
    });
}

xc_status xc_database_close(xc_database *db)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        /* With our transaction active, close() cancels it (discarding what
         * was not committed) instead of committing; it releases the lock. */
        db->db.close();
        return XC_OK;
    });
}

void xc_database_destroy(xc_database *db)
{
    /* ~WritableDatabase cancels the open transaction: nothing committed.
     * Query parsers, term generators and enquires hold their own references
     * to the database: the lock goes with the last of them. */
    delete db;
}

const char *xc_database_error(const xc_database *db)
{
    return db ? db->error.c_str() : "";
}

xc_status xc_database_doccount(xc_database *db, unsigned *out)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!out)
            return invalid(db->error, "xc_database_doccount: out is NULL");
        *out = db->db.get_doccount();
        return XC_OK;
    });
}

xc_status xc_database_term_exists(xc_database *db, const char *term, int *out)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!term || !out)
            return invalid(db->error, "xc_database_term_exists: term or out is NULL");
        *out = db->db.term_exists(term) ? 1 : 0;
        return XC_OK;
    });
}

xc_status xc_database_termfreq(xc_database *db, const char *term, unsigned *out)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!term || !out)
            return invalid(db->error, "xc_database_termfreq: term or out is NULL");
        *out = db->db.get_termfreq(term);
        return XC_OK;
    });
}

xc_status xc_database_allterms(xc_database *db, const char *prefix,
                               int (*fn)(void *ctx, const char *term), void *ctx)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!fn)
            return invalid(db->error, "xc_database_allterms: fn is NULL");
        const std::string p = prefix ? prefix : "";
        for (Xapian::TermIterator t = db->db.allterms_begin(p); t != db->db.allterms_end(p); ++t) {
            const std::string term = *t;
            if (fn(ctx, term.c_str()))
                break;
        }
        return XC_OK;
    });
}

xc_status xc_database_postlist(xc_database *db, const char *term,
                               int (*fn)(void *ctx, unsigned docid), void *ctx)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!term || !fn)
            return invalid(db->error, "xc_database_postlist: term or fn is NULL");
        for (Xapian::PostingIterator p = db->db.postlist_begin(term);
             p != db->db.postlist_end(term); ++p) {
            if (fn(ctx, *p))
                break;
        }
        return XC_OK;
    });
}

xc_status xc_database_get_document(xc_database *db, unsigned docid, xc_document **out)
{
    if (out)
        *out = NULL;
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!out)
            return invalid(db->error, "xc_database_get_document: out is NULL");
        if (docid == 0)   /* Xapian: InvalidArgumentError; header: no such docid */
            return fail(db->error, XC_NOT_FOUND, "xc_database_get_document: docid 0");
        std::unique_ptr<xc_document> h(new xc_document);
        h->doc = db->db.get_document(docid);
        *out = h.release();
        return XC_OK;
    });
}

xc_status xc_database_get_metadata(xc_database *db, const char *key, char **out)
{
    if (out)
        *out = NULL;
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!key || !out)
            return invalid(db->error, "xc_database_get_metadata: key or out is NULL");
        if (db->writable) {
            *out = dup_string(db->db.get_metadata(key));
            return XC_OK;
        }
        auto it = db->metadata.find(key);
        if (it == db->metadata.end()) {
            if (db->metadata.size() >= METADATA_CACHED)
                db->metadata.clear();
            /* Xapian reads the first shard's metadata only: a handle made
             * of shards asks each in turn until one has the key. */
            std::string value = db->db.get_metadata(key);
            for (size_t i = 1; value.empty() && i < db->shards.size(); i++)
                value = db->shards[i].get_metadata(key);
            it = db->metadata.emplace(key, value).first;
        }
        *out = dup_string(it->second);
        return XC_OK;
    });
}

xc_status xc_database_set_metadata(xc_database *db, const char *key, const char *value)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!key || !value)
            return invalid(db->error, "xc_database_set_metadata: key or value is NULL");
        if (!db->writable)
            return read_only(db->error, "xc_database_set_metadata");
        db->wdb.set_metadata(key, value);
        return XC_OK;
    });
}

xc_status xc_database_metadata_keys(xc_database *db, const char *prefix,
                                    int (*fn)(void *ctx, const char *key), void *ctx)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!fn)
            return invalid(db->error, "xc_database_metadata_keys: fn is NULL");
        const std::string p = prefix ? prefix : "";
        for (Xapian::TermIterator k = db->db.metadata_keys_begin(p);
             k != db->db.metadata_keys_end(p); ++k) {
            const std::string key = *k;
            if (fn(ctx, key.c_str()))
                break;
        }
        return XC_OK;
    });
}

xc_status xc_database_replace_document(xc_database *db, const char *unique_term,
                                       xc_document *doc, unsigned *docid)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!unique_term || !doc)
            return invalid(db->error,
                           "xc_database_replace_document: unique_term or doc is NULL");
        if (!db->writable)
            return read_only(db->error, "xc_database_replace_document");
        Xapian::docid did = db->wdb.replace_document(unique_term, doc->doc);
        if (docid)
            *docid = did;
        return XC_OK;
    });
}

xc_status xc_database_delete_document(xc_database *db, const char *unique_term)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!unique_term)
            return invalid(db->error, "xc_database_delete_document: unique_term is NULL");
        if (!db->writable)
            return read_only(db->error, "xc_database_delete_document");
        db->wdb.delete_document(unique_term);
        return XC_OK;
    });
}

xc_status xc_database_delete_docid(xc_database *db, unsigned docid)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!db->writable)
            return read_only(db->error, "xc_database_delete_docid");
        if (docid == 0)
            return fail(db->error, XC_NOT_FOUND, "xc_database_delete_docid: docid 0");
        db->wdb.delete_document(docid);   /* DocNotFoundError → XC_NOT_FOUND */
        return XC_OK;
    });
}

xc_status xc_database_add_spelling(xc_database *db, const char *word, unsigned freqinc)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!word)
            return invalid(db->error, "xc_database_add_spelling: word is NULL");
        if (!db->writable)
            return read_only(db->error, "xc_database_add_spelling");
        db->wdb.add_spelling(word, freqinc);
        return XC_OK;
    });
}

xc_status xc_database_spelling_suggestion(xc_database *db, const char *word, char **out)
{
    if (out)
        *out = NULL;
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!word || !out)
            return invalid(db->error, "xc_database_spelling_suggestion: word or out is NULL");
        *out = dup_string(db->db.get_spelling_suggestion(word));
        return XC_OK;
    });
}

/* ======================================================================== */
/* Documents                                                                 */
/* ======================================================================== */

xc_status xc_document_create(xc_document **out)
{
    XC_REQUIRE(out);
    *out = NULL;
    std::string err;
    return guarded(err, [&] {
        *out = new xc_document;
        return XC_OK;
    });
}

void xc_document_destroy(xc_document *doc)
{
    delete doc;
}

const char *xc_document_error(const xc_document *doc)
{
    return doc ? doc->error.c_str() : "";
}

xc_status xc_document_set_data(xc_document *doc, const char *data, size_t len)
{
    XC_REQUIRE(doc);
    return guarded(doc->error, [&] {
        if (!data && len)
            return invalid(doc->error, "xc_document_set_data: data is NULL");
        doc->doc.set_data(len ? std::string(data, len) : std::string());
        return XC_OK;
    });
}

xc_status xc_document_get_data(xc_document *doc, const char **data, size_t *len)
{
    if (data)
        *data = NULL;
    XC_REQUIRE(doc);
    return guarded(doc->error, [&] {
        if (!data || !len)
            return invalid(doc->error, "xc_document_get_data: data or len is NULL");
        doc->data = doc->doc.get_data();
        *data = doc->data.c_str();
        *len = doc->data.size();
        return XC_OK;
    });
}

xc_status xc_document_add_boolean_term(xc_document *doc, const char *term)
{
    XC_REQUIRE(doc);
    return guarded(doc->error, [&] {
        if (!term || !*term)
            return invalid(doc->error, "xc_document_add_boolean_term: term is NULL or empty");
        doc->doc.add_boolean_term(term);
        return XC_OK;
    });
}

xc_status xc_document_add_term(xc_document *doc, const char *term, unsigned wdfinc)
{
    XC_REQUIRE(doc);
    return guarded(doc->error, [&] {
        if (!term || !*term)
            return invalid(doc->error, "xc_document_add_term: term is NULL or empty");
        doc->doc.add_term(term, wdfinc);
        return XC_OK;
    });
}

xc_status xc_document_remove_term(xc_document *doc, const char *term)
{
    XC_REQUIRE(doc);
    return guarded(doc->error, [&] {
        if (!term)
            return invalid(doc->error, "xc_document_remove_term: term is NULL");
        /* Xapian throws InvalidArgumentError for a missing term; the header
         * promises XC_NOT_FOUND, so look first. */
        Xapian::TermIterator t = doc->doc.termlist_begin();
        t.skip_to(term);
        if (t == doc->doc.termlist_end() || *t != term) {
            doc->error = "xc_document_remove_term: the document has no term '";
            doc->error += term;
            doc->error += "'";
            return XC_NOT_FOUND;
        }
        doc->doc.remove_term(term);
        return XC_OK;
    });
}

xc_status xc_document_add_value(xc_document *doc, unsigned slot, const char *value, size_t len)
{
    XC_REQUIRE(doc);
    return guarded(doc->error, [&] {
        if (!value && len)
            return invalid(doc->error, "xc_document_add_value: value is NULL");
        if (slot == Xapian::BAD_VALUENO)
            return invalid(doc->error, "xc_document_add_value: bad slot");
        doc->doc.add_value(slot, len ? std::string(value, len) : std::string());
        return XC_OK;
    });
}

xc_status xc_document_get_value(xc_document *doc, unsigned slot, const char **value, size_t *len)
{
    if (value)
        *value = NULL;
    XC_REQUIRE(doc);
    return guarded(doc->error, [&] {
        if (!value || !len)
            return invalid(doc->error, "xc_document_get_value: value or len is NULL");
        if (slot == Xapian::BAD_VALUENO)
            return invalid(doc->error, "xc_document_get_value: bad slot");
        doc->value = doc->doc.get_value(slot);
        *value = doc->value.c_str();
        *len = doc->value.size();
        return XC_OK;
    });
}

xc_status xc_document_termlist(xc_document *doc, const char *prefix,
                               int (*fn)(void *ctx, const char *term, unsigned wdf),
                               void *ctx)
{
    XC_REQUIRE(doc);
    return guarded(doc->error, [&] {
        if (!fn)
            return invalid(doc->error, "xc_document_termlist: fn is NULL");
        const std::string p = prefix ? prefix : "";
        Xapian::TermIterator t = doc->doc.termlist_begin();
        if (!p.empty())
            t.skip_to(p);
        for (; t != doc->doc.termlist_end(); ++t) {
            const std::string term = *t;
            if (!starts_with(term, p))
                break;
            if (fn(ctx, term.c_str(), t.get_wdf()))
                break;
        }
        return XC_OK;
    });
}

xc_status xc_document_termlist_count(xc_document *doc, unsigned *out)
{
    XC_REQUIRE(doc);
    XC_REQUIRE(out);
    *out = 0;
    return guarded(doc->error, [&] {
        *out = doc->doc.termlist_count();
        return XC_OK;
    });
}

unsigned xc_document_docid(const xc_document *doc)
{
    return doc ? doc->doc.get_docid() : 0;
}

/* ======================================================================== */
/* Stopper                                                                   */
/* ======================================================================== */

xc_status xc_stopper_create(const char *const *words, size_t n, xc_stopper **out)
{
    XC_REQUIRE(out);
    *out = NULL;
    if (!words && n)
        return XC_INVALID_ARGUMENT;
    std::string err;
    return guarded(err, [&] {
        std::unique_ptr<Xapian::SimpleStopper> s(new Xapian::SimpleStopper);
        for (size_t i = 0; i < n; ++i) {
            if (words[i])
                s->add(words[i]);
        }
        std::unique_ptr<xc_stopper> h(new xc_stopper);
        s->release();                   /* start reference counting */
        h->stopper = s.release();       /* our reference */
        *out = h.release();
        return XC_OK;
    });
}

int xc_stopper_is_stopword(const xc_stopper *s, const char *word)
{
    if (!s || !word)
        return 0;
    try {
        return (*s->stopper)(word) ? 1 : 0;
    } catch (...) {
        return 0;
    }
}

void xc_stopper_destroy(xc_stopper *s)
{
    delete s;   /* drops our reference; termgens/parsers keep theirs */
}

/* ======================================================================== */
/* Term generator                                                            */
/* ======================================================================== */

namespace {

bool tg_strategy(int s, Xapian::TermGenerator::stem_strategy *out)
{
    switch (s) {
    case XC_STEM_NONE:          *out = Xapian::TermGenerator::STEM_NONE; return true;
    case XC_STEM_SOME:          *out = Xapian::TermGenerator::STEM_SOME; return true;
    case XC_STEM_ALL:           *out = Xapian::TermGenerator::STEM_ALL; return true;
    case XC_STEM_ALL_Z:         *out = Xapian::TermGenerator::STEM_ALL_Z; return true;
    case XC_STEM_SOME_FULL_POS: *out = Xapian::TermGenerator::STEM_SOME_FULL_POS; return true;
    }
    return false;
}

} /* namespace */

xc_status xc_termgen_create(const char *language, xc_termgen **out)
{
    XC_REQUIRE(out);
    *out = NULL;
    std::string err;
    return guarded(err, [&] {
        std::unique_ptr<xc_termgen> h(new xc_termgen);
        h->tg.set_stemmer(make_stem(language));
        *out = h.release();
        return XC_OK;
    });
}

void xc_termgen_destroy(xc_termgen *tg)
{
    delete tg;
}

const char *xc_termgen_error(const xc_termgen *tg)
{
    return tg ? tg->error.c_str() : "";
}

xc_status xc_termgen_set_document(xc_termgen *tg, xc_document *doc)
{
    XC_REQUIRE(tg);
    return guarded(tg->error, [&] {
        if (!doc)
            return invalid(tg->error, "xc_termgen_set_document: doc is NULL");
        /* Document is a reference-counted handle: terms go into doc->doc. */
        tg->tg.set_document(doc->doc);
        tg->tg.set_termpos(0);
        return XC_OK;
    });
}

xc_status xc_termgen_set_database(xc_termgen *tg, xc_database *db)
{
    XC_REQUIRE(tg);
    return guarded(tg->error, [&] {
        if (!db)
            return invalid(tg->error, "xc_termgen_set_database: db is NULL");
        if (!db->writable)
            return invalid(tg->error,
                           "xc_termgen_set_database: the database was opened read-only");
        tg->tg.set_database(db->wdb);
        return XC_OK;
    });
}

xc_status xc_termgen_set_flags(xc_termgen *tg, unsigned flags)
{
    XC_REQUIRE(tg);
    return guarded(tg->error, [&] {
        if (flags & ~XC_TG_SPELLING)
            return invalid(tg->error, "xc_termgen_set_flags: unknown flag");
        int f = 0;
        if (flags & XC_TG_SPELLING)
            f |= Xapian::TermGenerator::FLAG_SPELLING;
        tg->tg.set_flags(static_cast<Xapian::TermGenerator::flags>(f));
        return XC_OK;
    });
}

xc_status xc_termgen_set_stemming_strategy(xc_termgen *tg, xc_stem_strategy strategy)
{
    XC_REQUIRE(tg);
    return guarded(tg->error, [&] {
        Xapian::TermGenerator::stem_strategy s;
        if (!tg_strategy(c_enum(strategy), &s))
            return invalid(tg->error, "xc_termgen_set_stemming_strategy: unknown strategy");
        tg->tg.set_stemming_strategy(s);
        return XC_OK;
    });
}

xc_status xc_termgen_set_stopper(xc_termgen *tg, xc_stopper *stopper)
{
    XC_REQUIRE(tg);
    return guarded(tg->error, [&] {
        tg->tg.set_stopper(stopper ? stopper->stopper.get() : NULL);
        return XC_OK;
    });
}

xc_status xc_termgen_index_text(xc_termgen *tg, const char *text, size_t len,
                                unsigned wdf_inc, const char *prefix)
{
    XC_REQUIRE(tg);
    return guarded(tg->error, [&] {
        if (!text && len)
            return invalid(tg->error, "xc_termgen_index_text: text is NULL");
        tg->tg.index_text(Xapian::Utf8Iterator(text ? text : "", len), wdf_inc,
                          prefix ? prefix : "");
        return XC_OK;
    });
}

xc_status xc_termgen_index_text_without_positions(xc_termgen *tg, const char *text,
                                                  size_t len, unsigned wdf_inc,
                                                  const char *prefix)
{
    XC_REQUIRE(tg);
    return guarded(tg->error, [&] {
        if (!text && len)
            return invalid(tg->error, "xc_termgen_index_text_without_positions: text is NULL");
        tg->tg.index_text_without_positions(Xapian::Utf8Iterator(text ? text : "", len),
                                            wdf_inc, prefix ? prefix : "");
        return XC_OK;
    });
}

xc_status xc_termgen_increase_termpos(xc_termgen *tg, unsigned delta)
{
    XC_REQUIRE(tg);
    return guarded(tg->error, [&] {
        tg->tg.increase_termpos(delta);
        return XC_OK;
    });
}

unsigned xc_termgen_get_termpos(const xc_termgen *tg)
{
    return tg ? tg->tg.get_termpos() : 0;
}

/* ======================================================================== */
/* Queries                                                                   */
/* ======================================================================== */

namespace {

bool query_op(int op, Xapian::Query::op *out)
{
    switch (op) {
    case XC_OP_AND:       *out = Xapian::Query::OP_AND; return true;
    case XC_OP_OR:        *out = Xapian::Query::OP_OR; return true;
    case XC_OP_AND_NOT:   *out = Xapian::Query::OP_AND_NOT; return true;
    case XC_OP_XOR:       *out = Xapian::Query::OP_XOR; return true;
    case XC_OP_AND_MAYBE: *out = Xapian::Query::OP_AND_MAYBE; return true;
    case XC_OP_FILTER:    *out = Xapian::Query::OP_FILTER; return true;
    case XC_OP_SYNONYM:   *out = Xapian::Query::OP_SYNONYM; return true;
    case XC_OP_PHRASE:    *out = Xapian::Query::OP_PHRASE; return true;
    case XC_OP_NEAR:      *out = Xapian::Query::OP_NEAR; return true;
    case XC_OP_ELITE_SET: *out = Xapian::Query::OP_ELITE_SET; return true;
    case XC_OP_MAX:       *out = Xapian::Query::OP_MAX; return true;
    }
    return false;
}

/* Query handles have no error text of their own: creation reports only the
 * status. */
template <typename Make>
xc_status new_query(xc_query **out, Make &&make) noexcept
{
    if (!out)
        return XC_INVALID_ARGUMENT;
    *out = NULL;
    std::string err;
    return guarded(err, [&] {
        std::unique_ptr<xc_query> h(new xc_query{make()});
        *out = h.release();
        return XC_OK;
    });
}

} /* namespace */

xc_status xc_query_term(const char *term, unsigned wqf, unsigned pos, xc_query **out)
{
    if (!term) {
        if (out)
            *out = NULL;
        return XC_INVALID_ARGUMENT;
    }
    return new_query(out, [&] { return Xapian::Query(term, wqf, pos); });
}

xc_status xc_query_match_all(xc_query **out)
{
    /* What Query::MatchAll is, made anew: copying that static object from
     * two threads at once races on its reference count (not atomic in
     * Xapian 1.4), which ThreadSanitizer saw in brief-serve. */
    return new_query(out, [] { return Xapian::Query(std::string()); });
}

xc_status xc_query_match_nothing(xc_query **out)
{
    return new_query(out, [] { return Xapian::Query::MatchNothing; });
}

xc_status xc_query_combine(xc_query_op op, xc_query *const *subqueries, size_t n,
                           unsigned window, xc_query **out)
{
    Xapian::Query::op xop;
    if (!query_op(c_enum(op), &xop) || (!subqueries && n)) {
        if (out)
            *out = NULL;
        return XC_INVALID_ARGUMENT;
    }
    return new_query(out, [&] {
        std::vector<Xapian::Query> subs;
        subs.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            if (subqueries[i])
                subs.push_back(subqueries[i]->q);
        }
        /* A window on AND/OR/…: Xapian's InvalidArgumentError. */
        return Xapian::Query(xop, subs.begin(), subs.end(), window);
    });
}

xc_status xc_query_value_range(unsigned slot, const char *lo, const char *hi, xc_query **out)
{
    if (slot == Xapian::BAD_VALUENO) {
        if (out)
            *out = NULL;
        return XC_INVALID_ARGUMENT;
    }
    return new_query(out, [&] {
        if (lo && hi)
            return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
        if (hi)
            return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
        /* [lo, ∞), or any value at all when both ends are open. */
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo ? lo : "");
    });
}

xc_status xc_query_scale_weight(const xc_query *q, double factor, xc_query **out)
{
    if (!q || !(factor >= 0)) {   /* also rejects NaN */
        if (out)
            *out = NULL;
        return XC_INVALID_ARGUMENT;
    }
    return new_query(out, [&] {
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor);
    });
}

int xc_query_empty(const xc_query *q)
{
    return !q || q->q.empty();
}

char *xc_query_description(const xc_query *q)
{
    if (!q)
        return NULL;
    try {
        return dup_string(q->q.get_description());
    } catch (...) {
        return NULL;
    }
}

xc_status xc_query_terms(const xc_query *q, int (*fn)(void *ctx, const char *term), void *ctx)
{
    if (!q || !fn)
        return XC_INVALID_ARGUMENT;
    std::string err;
    return guarded(err, [&] {
        /* get_terms_begin() is in query order but repeats a term at each of
         * its positions; get_unique_terms_begin() is sorted.  Dedupe. */
        std::set<std::string> seen;
        for (Xapian::TermIterator t = q->q.get_terms_begin(); t != q->q.get_terms_end(); ++t) {
            const std::string term = *t;
            if (!seen.insert(term).second)
                continue;
            if (fn(ctx, term.c_str()))
                break;
        }
        return XC_OK;
    });
}

void xc_query_destroy(xc_query *q)
{
    delete q;
}

/* ======================================================================== */
/* Query parser                                                              */
/* ======================================================================== */

namespace {

bool qp_strategy(int s, Xapian::QueryParser::stem_strategy *out)
{
    switch (s) {
    case XC_STEM_NONE:          *out = Xapian::QueryParser::STEM_NONE; return true;
    case XC_STEM_SOME:          *out = Xapian::QueryParser::STEM_SOME; return true;
    case XC_STEM_ALL:           *out = Xapian::QueryParser::STEM_ALL; return true;
    case XC_STEM_ALL_Z:         *out = Xapian::QueryParser::STEM_ALL_Z; return true;
    case XC_STEM_SOME_FULL_POS: *out = Xapian::QueryParser::STEM_SOME_FULL_POS; return true;
    }
    return false;
}

/* XC_QP_* → Xapian::QueryParser::feature_flag.  The bits happen to match;
 * the table keeps that an accident, not a contract. */
const struct {
    unsigned xc;
    unsigned xapian;
} qp_flags[] = {
    {XC_QP_BOOLEAN, Xapian::QueryParser::FLAG_BOOLEAN},
    {XC_QP_PHRASE, Xapian::QueryParser::FLAG_PHRASE},
    {XC_QP_LOVEHATE, Xapian::QueryParser::FLAG_LOVEHATE},
    {XC_QP_BOOLEAN_ANY_CASE, Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE},
    {XC_QP_WILDCARD, Xapian::QueryParser::FLAG_WILDCARD},
    {XC_QP_PURE_NOT, Xapian::QueryParser::FLAG_PURE_NOT},
    {XC_QP_PARTIAL, Xapian::QueryParser::FLAG_PARTIAL},
    {XC_QP_SPELLING_CORRECTION, Xapian::QueryParser::FLAG_SPELLING_CORRECTION},
    {XC_QP_SYNONYM, Xapian::QueryParser::FLAG_SYNONYM},
};

/* A field the C caller turns into queries (header: xc_field_fn). */
/* A failure is not thrown: an exception out of a FieldProcessor leaks the
 * parser's pending term inside libxapian 1.4 (valgrind: 72 bytes a time).
 * The adapter records the first failure, answers MatchNothing, and
 * xc_queryparser_parse() turns the record into XC_QUERY_SYNTAX. */
class field_adapter : public Xapian::FieldProcessor {
  public:
    field_adapter(const std::string &field, xc_field_fn fn, void *ctx,
                  std::shared_ptr<field_failure> failure)
        : field_(field), fn_(fn), ctx_(ctx), failure_(std::move(failure)) {}

    Xapian::Query operator()(const std::string &value) override
    {
        xc_query *q = NULL;
        const char *message = NULL;
        const int status = c_enum(fn_(ctx_, value.c_str(), &q, &message));
        /* Whatever fn left in q is ours, success or not. */
        std::unique_ptr<xc_query> owned(q);
        if (status == XC_OK && owned)
            return owned->q;
        if (!failure_->failed) {
            failure_->message = message ? std::string(message)
                                        : "unknown " + field_ + ": " + value;
            failure_->failed = true;
        }
        return Xapian::Query();
    }

  private:
    std::string field_;
    xc_field_fn fn_;
    void *ctx_;
    std::shared_ptr<field_failure> failure_;
};

/* Xapian's DateRangeProcessor takes 20220301..20220331 and
 * 2022-03-01..2022-03-31 but not a mix of the two ("Unknown range
 * operation"): turn each YYYY-MM-DD end into YYYYMMDD first. */
class date_range : public Xapian::DateRangeProcessor {
  public:
    date_range(Xapian::valueno slot_, const std::string &str_)
        : Xapian::DateRangeProcessor(slot_, str_) {}

    Xapian::Query operator()(const std::string &begin, const std::string &end) override
    {
        return Xapian::DateRangeProcessor::operator()(compact(begin), compact(end));
    }

  private:
    static std::string compact(const std::string &s)
    {
        if (s.size() != 10 || s[4] != '-' || s[7] != '-')
            return s;
        std::string out = s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
        if (out.find_first_not_of("0123456789") != std::string::npos)
            return s;
        return out;
    }
};

} /* namespace */

xc_status xc_queryparser_create(xc_queryparser **out)
{
    XC_REQUIRE(out);
    *out = NULL;
    std::string err;
    return guarded(err, [&] {
        *out = new xc_queryparser;
        return XC_OK;
    });
}

void xc_queryparser_destroy(xc_queryparser *qp)
{
    delete qp;
}

const char *xc_queryparser_error(const xc_queryparser *qp)
{
    return qp ? qp->error.c_str() : "";
}

xc_status xc_queryparser_set_database(xc_queryparser *qp, xc_database *db)
{
    XC_REQUIRE(qp);
    return guarded(qp->error, [&] {
        if (!db)
            return invalid(qp->error, "xc_queryparser_set_database: db is NULL");
        qp->qp.set_database(db->db);   /* a copy: shares the database */
        qp->db = db->db;
        return XC_OK;
    });
}

xc_status xc_queryparser_set_max_wildcard_expansion(xc_queryparser *qp, unsigned limit)
{
    XC_REQUIRE(qp);
    return guarded(qp->error, [&] {
        qp->qp.set_max_expansion(limit, Xapian::Query::WILDCARD_LIMIT_ERROR);
        return XC_OK;
    });
}

xc_status xc_queryparser_set_stemmer(xc_queryparser *qp, const char *language)
{
    XC_REQUIRE(qp);
    return guarded(qp->error, [&] {
        qp->qp.set_stemmer(make_stem(language));
        return XC_OK;
    });
}

xc_status xc_queryparser_set_stemming_strategy(xc_queryparser *qp, xc_stem_strategy s)
{
    XC_REQUIRE(qp);
    return guarded(qp->error, [&] {
        Xapian::QueryParser::stem_strategy x;
        if (!qp_strategy(c_enum(s), &x))
            return invalid(qp->error, "xc_queryparser_set_stemming_strategy: unknown strategy");
        qp->qp.set_stemming_strategy(x);
        return XC_OK;
    });
}

xc_status xc_queryparser_set_stopper(xc_queryparser *qp, xc_stopper *stopper)
{
    XC_REQUIRE(qp);
    return guarded(qp->error, [&] {
        qp->qp.set_stopper(stopper ? stopper->stopper.get() : NULL);
        qp->stopper = stopper ? stopper->stopper : NULL;
        return XC_OK;
    });
}

xc_status xc_queryparser_set_default_op(xc_queryparser *qp, xc_query_op op)
{
    XC_REQUIRE(qp);
    return guarded(qp->error, [&] {
        if (c_enum(op) == XC_OP_AND)
            qp->qp.set_default_op(Xapian::Query::OP_AND);
        else if (c_enum(op) == XC_OP_OR)
            qp->qp.set_default_op(Xapian::Query::OP_OR);
        else
            return invalid(qp->error, "xc_queryparser_set_default_op: only AND or OR");
        return XC_OK;
    });
}

xc_status xc_queryparser_add_prefix(xc_queryparser *qp, const char *field, const char *prefix)
{
    XC_REQUIRE(qp);
    return guarded(qp->error, [&] {
        if (!field || !prefix)
            return invalid(qp->error, "xc_queryparser_add_prefix: field or prefix is NULL");
        qp->qp.add_prefix(field, prefix);
        return XC_OK;
    });
}

xc_status xc_queryparser_add_boolean_prefix(xc_queryparser *qp, const char *field,
                                            const char *prefix, int exclusive)
{
    XC_REQUIRE(qp);
    return guarded(qp->error, [&] {
        if (!field || !prefix)
            return invalid(qp->error,
                           "xc_queryparser_add_boolean_prefix: field or prefix is NULL");
        qp->qp.add_boolean_prefix(field, prefix, exclusive != 0);
        return XC_OK;
    });
}

xc_status xc_queryparser_add_field(xc_queryparser *qp, const char *field, int boolean,
                                   xc_field_fn fn, void *ctx)
{
    XC_REQUIRE(qp);
    return guarded(qp->error, [&] {
        if (!field || !fn)
            return invalid(qp->error, "xc_queryparser_add_field: field or fn is NULL");
        std::unique_ptr<field_adapter> proc(
            new field_adapter(field, fn, ctx, qp->field_failed));
        proc->release();   /* Xapian reference counting from here */
        if (boolean)
            qp->qp.add_boolean_prefix(field, proc.get());
        else
            qp->qp.add_prefix(field, proc.get());
        (void)proc.release();   /* the parser's reference now owns it */
        return XC_OK;
    });
}

xc_status xc_queryparser_add_range(xc_queryparser *qp, unsigned slot, const char *field,
                                   xc_range_kind kind)
{
    XC_REQUIRE(qp);
    return guarded(qp->error, [&] {
        if (!field)
            return invalid(qp->error, "xc_queryparser_add_range: field is NULL");
        if (slot == Xapian::BAD_VALUENO)
            return invalid(qp->error, "xc_queryparser_add_range: bad slot");
        /* "field:A..B": the prefix is checked on the start of the range. */
        const std::string str = *field ? std::string(field) + ":" : std::string();
        std::unique_ptr<Xapian::RangeProcessor> proc;
        switch (c_enum(kind)) {
        case XC_RANGE_STRING: proc.reset(new Xapian::RangeProcessor(slot, str)); break;
        case XC_RANGE_NUMBER: proc.reset(new Xapian::NumberRangeProcessor(slot, str)); break;
        case XC_RANGE_DATE:   proc.reset(new date_range(slot, str)); break;
        default:
            return invalid(qp->error, "xc_queryparser_add_range: unknown kind");
        }
        proc->release();   /* Xapian reference counting from here */
        qp->qp.add_rangeprocessor(proc.get());
        (void)proc.release();   /* the parser's reference now owns it */
        return XC_OK;
    });
}

namespace {

/* Is some word the parser turned into a term of q unknown to the parser's
 * database: not a term of it as it stands (unprefixed, unstemmed)?  Text
 * indexed with spelling data is also indexed that way. */
bool has_unknown_word(xc_queryparser &qp, const Xapian::Query &q)
{
    for (Xapian::TermIterator t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t)
        for (Xapian::TermIterator w = qp.qp.unstem_begin(*t); w != qp.qp.unstem_end(*t); ++w)
            if (!qp.db.term_exists(*w))
                return true;
    return false;
}

/* Ends a word of a query string: an ASCII byte that is no letter, digit or
 * apostrophe ("O'Brien" is one word). Bytes of UTF-8 sequences are word bytes. */
bool word_end(char c)
{
    unsigned char u = (unsigned char)c;
    return u < 0x80 && !(std::isalnum(u) || u == '\'');
}

/* Does the parser's database, or its stopper, know word (as the user wrote
 * it)? A term of the database as it stands (lower-cased), a word of its
 * spelling table, or a stopword. */
bool known_word(xc_queryparser &qp, const std::string &word)
{
    const std::string w = Xapian::Unicode::tolower(word);
    if (qp.db.term_exists(w) || (qp.stopper.get() && (*qp.stopper)(w)))
        return true;
    Xapian::TermIterator s = qp.db.spellings_begin();   /* 1.4: no get_spelling_frequency */
    s.skip_to(w);
    return s != qp.db.spellings_end() && *s == w;
}

/* Xapian's corrected query string with every correction of a word the
 * database knows undone: Xapian corrects each word its spelling table lacks,
 * so a word indexed without spelling data or a stopword ("this" → "his")
 * changes too. Xapian writes its corrections in place of the words of the
 * original, the rest unchanged, so the two strings are read side by side word
 * by word; "" when no correction is left. */
std::string unknown_words_corrected(xc_queryparser &qp, const std::string &original,
                                    const std::string &corrected)
{
    std::string out;
    size_t i = 0, j = 0;
    bool changed = false;
    while (i < original.size() && j < corrected.size()) {
        if (original[i] == corrected[j]) {
            out += original[i++];
            j++;
            continue;
        }
        /* A word differs: back to its start (the same in both: equal so far). */
        size_t back = 0;
        while (i - back > 0 && !word_end(original[i - back - 1]))
            back++;
        out.erase(out.size() - back);
        i -= back;
        j -= back;
        size_t oe = i, ce = j;
        while (oe < original.size() && !word_end(original[oe]))
            oe++;
        while (ce < corrected.size() && !word_end(corrected[ce]))
            ce++;
        if (oe == i || ce == j)   /* not a word for a word: keep no correction */
            return std::string();
        const std::string word = original.substr(i, oe - i);
        if (known_word(qp, word)) {
            out += word;
        } else {
            out += corrected.substr(j, ce - j);
            changed = true;
        }
        i = oe;
        j = ce;
    }
    if (i < original.size() || j < corrected.size())   /* not aligned */
        return std::string();
    return changed ? out : std::string();
}

} /* namespace */

xc_status xc_queryparser_parse(xc_queryparser *qp, const char *query_string, unsigned flags,
                               xc_query **out)
{
    if (out)
        *out = NULL;
    XC_REQUIRE(qp);
    return guarded(qp->error, [&] {
        if (!query_string || !out)
            return invalid(qp->error, "xc_queryparser_parse: query_string or out is NULL");
        unsigned xflags = 0, known = XC_QP_SPELLING_UNKNOWN;
        for (const auto &f : qp_flags) {
            known |= f.xc;
            if (flags & f.xc)
                xflags |= f.xapian;
        }
        if (flags & ~known)
            return invalid(qp->error, "xc_queryparser_parse: unknown flag");
        qp->corrected.clear();
        qp->field_failed->failed = false;
        std::unique_ptr<xc_query> h(new xc_query{qp->qp.parse_query(query_string, xflags)});
        if (qp->field_failed->failed)   /* see field_adapter */
            return fail(qp->error, XC_QUERY_SYNTAX, qp->field_failed->message.c_str());
        if ((flags & XC_QP_SPELLING_UNKNOWN) && !(flags & XC_QP_SPELLING_CORRECTION) &&
            has_unknown_word(*qp, h->q))
            h->q = qp->qp.parse_query(
                query_string, xflags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
        /* Empty unless a correction was found (which needs
         * xc_queryparser_set_database); with XC_QP_SPELLING_UNKNOWN, of the
         * unknown words only. */
        const std::string corrected = qp->qp.get_corrected_query_string();
        if (!corrected.empty() && !(flags & XC_QP_SPELLING_CORRECTION))
            qp->corrected = unknown_words_corrected(*qp, query_string, corrected);
        else
            qp->corrected = corrected;
        *out = h.release();
        return XC_OK;
    });
}

const char *xc_queryparser_corrected_query(const xc_queryparser *qp)
{
    return qp ? qp->corrected.c_str() : "";
}

xc_status xc_queryparser_stoplist(xc_queryparser *qp, int (*fn)(void *ctx, const char *term),
                                  void *ctx)
{
    XC_REQUIRE(qp);
    return guarded(qp->error, [&] {
        if (!fn)
            return invalid(qp->error, "xc_queryparser_stoplist: fn is NULL");
        for (Xapian::TermIterator t = qp->qp.stoplist_begin(); t != qp->qp.stoplist_end(); ++t) {
            const std::string term = *t;
            if (fn(ctx, term.c_str()))
                break;
        }
        return XC_OK;
    });
}

/* ======================================================================== */
/* Enquire, MSet                                                             */
/* ======================================================================== */

namespace {

/* A C caller's decider as Xapian's ExpandDecider. */
class expand_decider : public Xapian::ExpandDecider {
  public:
    expand_decider(xc_expand_decider fn, void *ctx) : fn_(fn), ctx_(ctx) {}

    bool operator()(const std::string &term) const override { return fn_(ctx_, term.c_str()) != 0; }

  private:
    xc_expand_decider fn_;
    void *ctx_;
};

} /* namespace */

xc_status xc_enquire_create(xc_database *db, xc_enquire **out)
{
    if (out)
        *out = NULL;
    XC_REQUIRE(db);
    XC_REQUIRE(out);
    return guarded(db->error, [&] {
        *out = new xc_enquire(*db);
        return XC_OK;
    });
}

void xc_enquire_destroy(xc_enquire *enq)
{
    delete enq;   /* its addons with it; what they share with other handles stays */
}

const char *xc_enquire_error(const xc_enquire *enq)
{
    return enq ? enq->error.c_str() : "";
}

xc_status xc_enquire_set_query(xc_enquire *enq, const xc_query *q, unsigned qlen)
{
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        if (!q)
            return invalid(enq->error, "xc_enquire_set_query: q is NULL");
        enq->enq.set_query(q->q, qlen);
        return XC_OK;
    });
}

xc_status xc_enquire_set_bm25(xc_enquire *enq, double k1, double k2, double k3, double b,
                              double min_normlen)
{
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        /* Xapian 1.4 rejects none of these (a negative k1 is taken as 0). */
        enq->enq.set_weighting_scheme(Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
        return XC_OK;
    });
}

xc_status xc_enquire_set_boolean_weighting(xc_enquire *enq)
{
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        enq->enq.set_weighting_scheme(Xapian::BoolWeight());
        return XC_OK;
    });
}

xc_status xc_enquire_set_sort_by_value_then_relevance(xc_enquire *enq, unsigned slot,
                                                      int reverse)
{
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        if (slot == Xapian::BAD_VALUENO)
            return invalid(enq->error, "xc_enquire_set_sort_by_value_then_relevance: bad slot");
        enq->enq.set_sort_by_value_then_relevance(slot, reverse != 0);
        return XC_OK;
    });
}

xc_status xc_enquire_set_sort_by_relevance_then_value(xc_enquire *enq, unsigned slot,
                                                      int reverse)
{
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        if (slot == Xapian::BAD_VALUENO)
            return invalid(enq->error, "xc_enquire_set_sort_by_relevance_then_value: bad slot");
        enq->enq.set_sort_by_relevance_then_value(slot, reverse != 0);
        return XC_OK;
    });
}

xc_status xc_enquire_set_sort_by_relevance(xc_enquire *enq)
{
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        enq->enq.set_sort_by_relevance();
        return XC_OK;
    });
}

xc_status xc_enquire_set_cutoff(xc_enquire *enq, int percent)
{
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        if (percent < 0 || percent > 100)
            return invalid(enq->error, "xc_enquire_set_cutoff: percent not in 0..100");
        enq->enq.set_cutoff(percent);
        enq->cutoff = percent;
        return XC_OK;
    });
}

namespace {

/* The time limit of an enquire: a match spy that looks at the clock every
 * CHECK_EVERY documents and throws timed_out past the deadline. A spy,
 * because Xapian offers no way to stop a match once begun (its own
 * set_time_limit only stops the counting); the matcher lets the exception
 * through and get_mset fails with it. */
class time_limit_spy : public Xapian::MatchSpy {
  public:
    explicit time_limit_spy(std::chrono::steady_clock::time_point deadline) : deadline_(deadline) {}
    void operator()(const Xapian::Document &, double) override
    {
        if (++seen_ % CHECK_EVERY == 0 && std::chrono::steady_clock::now() > deadline_)
            throw timed_out();
    }

  private:
    static const unsigned CHECK_EVERY = 64;
    std::chrono::steady_clock::time_point deadline_;
    unsigned seen_ = 0;
};

class time_limit_addon : public enquire_addon {
  public:
    explicit time_limit_addon(double seconds)
        : deadline_(std::chrono::steady_clock::now() +
                    std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                        std::chrono::duration<double>(seconds))) {}
    void before_run(xc_enquire &enq) override
    {
        if (std::chrono::steady_clock::now() > deadline_)
            throw timed_out();
        if (!remote_ && !enq.db_addons->remote())
            enq.enq.add_matchspy((new time_limit_spy(deadline_))->release()); /* the enquire's */
    }
    /* A remote shard cannot run the spy: run without it. */
    bool retry_unimplemented(xc_enquire &) override
    {
        bool again = !remote_;
        remote_ = true;
        return again;
    }

  private:
    std::chrono::steady_clock::time_point deadline_;
    bool remote_ = false;
};

} /* namespace */

xc_status xc_enquire_set_time_limit(xc_enquire *enq, double seconds)
{
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        if (!(seconds >= 0))
            return invalid(enq->error, "xc_enquire_set_time_limit: seconds < 0");
        auto &addons = enq->addons;
        for (auto it = addons.begin(); it != addons.end(); ++it)
            if (dynamic_cast<time_limit_addon *>(it->get())) {
                addons.erase(it);
                break;
            }
        if (seconds > 0)
            addons.emplace_back(new time_limit_addon(seconds));
        return XC_OK;
    });
}

namespace {

/* get_mset, the addons of enq adding the match spies this run feeds
 * (xapian-c-internal.hh). */
Xapian::MSet run(xc_enquire &enq, unsigned first, unsigned maxitems, unsigned checkatleast)
{
    enq.enq.clear_matchspies();
    for (auto &addon : enq.addons)
        addon->before_run(enq);
    Xapian::MSet mset = enq.enq.get_mset(first, maxitems, checkatleast);
    for (auto &addon : enq.addons)
        addon->after_run(enq);
    return mset;
}

} /* namespace */

xc_status xc_enquire_get_mset(xc_enquire *enq, unsigned first, unsigned maxitems,
                              unsigned checkatleast, xc_mset **out)
{
    if (out)
        *out = NULL;
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        if (!out)
            return invalid(enq->error, "xc_enquire_get_mset: out is NULL");
        std::unique_ptr<xc_mset> h(new xc_mset{Xapian::MSet(), enq->enq, std::string()});
        try {
            h->mset = run(*enq, first, maxitems, checkatleast);
        } catch (const Xapian::UnimplementedError &) {
            /* A remote shard refused a spy of an addon (it cannot be
             * serialised): run again if an addon can do without. */
            bool again = false;
            for (auto &addon : enq->addons)
                again = addon->retry_unimplemented(*enq) || again;
            if (!again)
                throw;
            h->mset = run(*enq, first, maxitems, checkatleast);
        }
        *out = h.release();
        return XC_OK;
    });
}

xc_status xc_enquire_matching_terms(xc_enquire *enq, unsigned docid,
                                    int (*fn)(void *ctx, const char *term), void *ctx)
{
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        if (!fn)
            return invalid(enq->error, "xc_enquire_matching_terms: fn is NULL");
        if (docid == 0)
            return fail(enq->error, XC_NOT_FOUND, "xc_enquire_matching_terms: docid 0");
        for (Xapian::TermIterator t = enq->enq.get_matching_terms_begin(docid);
             t != enq->enq.get_matching_terms_end(docid); ++t) {
            const std::string term = *t;
            if (fn(ctx, term.c_str()))
                break;
        }
        return XC_OK;
    });
}

xc_status xc_enquire_expand(xc_enquire *enq, const unsigned *docids, size_t n,
                            unsigned maxitems, xc_expand_decider decider, void *decider_ctx,
                            int (*fn)(void *ctx, const char *term, double weight),
                            void *ctx)
{
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        if (!fn || (!docids && n))
            return invalid(enq->error, "xc_enquire_expand: docids or fn is NULL");
        Xapian::RSet rset;
        for (size_t i = 0; i < n; ++i) {
            if (docids[i] == 0)
                return invalid(enq->error, "xc_enquire_expand: docid 0");
            rset.add_document(docids[i]);
        }
        /* Xapian leaves the query's own terms out (no INCLUDE_QUERY_TERMS). */
        const expand_decider keep(decider, decider_ctx);
        /* Over several shards Xapian approximates the term frequencies
         * from the shards holding the relevance set unless told not to:
         * exact, the ESet of shards is the ESet of one index. */
        Xapian::ESet eset = enq->enq.get_eset(maxitems, rset, Xapian::Enquire::USE_EXACT_TERMFREQ,
                                              decider ? &keep : nullptr);
        for (Xapian::ESetIterator t = eset.begin(); t != eset.end(); ++t) {
            const std::string term = *t;
            if (fn(ctx, term.c_str(), t.get_weight()))
                break;
        }
        return XC_OK;
    });
}

unsigned xc_mset_size(const xc_mset *m)
{
    return m ? m->mset.size() : 0;
}

void xc_mset_estimates(const xc_mset *m, unsigned *lower, unsigned *estimated, unsigned *upper)
{
    if (lower)
        *lower = m ? m->mset.get_matches_lower_bound() : 0;
    if (estimated)
        *estimated = m ? m->mset.get_matches_estimated() : 0;
    if (upper)
        *upper = m ? m->mset.get_matches_upper_bound() : 0;
}

const char *xc_mset_error(const xc_mset *m)
{
    return m ? m->error.c_str() : "";
}

xc_status xc_mset_hit(xc_mset *m, unsigned i, xc_hit *out)
{
    XC_REQUIRE(m);
    return guarded(m->error, [&] {
        if (!out)
            return invalid(m->error, "xc_mset_hit: out is NULL");
        if (i >= m->mset.size())
            return invalid(m->error, "xc_mset_hit: index out of range");
        Xapian::MSetIterator it = m->mset[i];
        out->docid = *it;
        out->rank = it.get_rank();
        out->percent = it.get_percent();
        out->weight = it.get_weight();
        return XC_OK;
    });
}

xc_status xc_mset_document(xc_mset *m, unsigned i, xc_document **out)
{
    if (out)
        *out = NULL;
    XC_REQUIRE(m);
    return guarded(m->error, [&] {
        if (!out)
            return invalid(m->error, "xc_mset_document: out is NULL");
        if (i >= m->mset.size())
            return invalid(m->error, "xc_mset_document: index out of range");
        std::unique_ptr<xc_document> h(new xc_document);
        h->doc = m->mset[i].get_document();
        *out = h.release();
        return XC_OK;
    });
}

xc_status xc_mset_snippet(xc_mset *m, const char *text, size_t len, size_t length,
                          const char *language, unsigned flags, const char *hi_start,
                          const char *hi_end, const char *omit, char **out)
{
    if (out)
        *out = NULL;
    XC_REQUIRE(m);
    return guarded(m->error, [&] {
        if ((!text && len) || !out)
            return invalid(m->error, "xc_mset_snippet: text or out is NULL");
        const unsigned known = XC_SNIPPET_BACKGROUND_MODEL | XC_SNIPPET_EXHAUSTIVE |
                               XC_SNIPPET_EMPTY_WITHOUT_MATCH;
        if (flags & ~known)
            return invalid(m->error, "xc_mset_snippet: unknown flag");
        unsigned xflags = 0;
        if (flags & XC_SNIPPET_BACKGROUND_MODEL)
            xflags |= Xapian::MSet::SNIPPET_BACKGROUND_MODEL;
        if (flags & XC_SNIPPET_EXHAUSTIVE)
            xflags |= Xapian::MSet::SNIPPET_EXHAUSTIVE;
        if (flags & XC_SNIPPET_EMPTY_WITHOUT_MATCH)
            xflags |= Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH;
        const std::string snippet = m->mset.snippet(
            len ? std::string(text, len) : std::string(), length, make_stem(language), xflags,
            hi_start ? hi_start : "", hi_end ? hi_end : "", omit ? omit : "");
        *out = dup_string(snippet);
        return XC_OK;
    });
}

void xc_mset_destroy(xc_mset *m)
{
    delete m;
}

/* ======================================================================== */
/* Database files                                                            */
/* ======================================================================== */

namespace {

bool ends_with(const char *name, const char *suffix)
{
    const size_t len = std::strlen(name), n = std::strlen(suffix);
    return len > n && std::strcmp(name + len - n, suffix) == 0;
}

/* Whether name (in dir) is one of the files Xapian writes while it creates a
 * glass database, before its version file (iamglass) says the database
 * exists: the lock, a version file being written, tables still empty. */
bool creation_file(const std::string &dir, const char *name)
{
    struct stat st;
    if (std::strcmp(name, "flintlock") == 0 || ends_with(name, ".tmp"))
        return true;
    return ends_with(name, ".glass") && stat((dir + "/" + name).c_str(), &st) == 0 &&
           st.st_size == 0;
}

bool dot_or_dotdot(const char *name)
{
    return std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0;
}

} /* namespace */

int xc_database_is_own_file(const char *name)
{
    if (!name)
        return 0;
    /* changesN: a commit's changeset, kept for xapian-replicate when
     * XAPIAN_MAX_CHANGESETS is set (N its revision; "changes" + digits). */
    if (std::strncmp(name, "changes", 7) == 0 && name[7]) {
        const char *p = name + 7;
        while (*p >= '0' && *p <= '9')
            p++;
        if (!*p)
            return 1;
    }
    return std::strcmp(name, "flintlock") == 0 || std::strcmp(name, "iamglass") == 0 ||
           std::strcmp(name, "v.tmp") == 0 || ends_with(name, ".glass");
}

int xc_database_exists_at(const char *dir)
{
    static const char *const version_files[] = {"iamglass", "iamchert", "iamhoney", "iamflint",
                                                 "iambrass"};
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d)
        return 0;
    int found = 0;
    for (struct dirent *e; !found && (e = readdir(d));)
        for (const char *version : version_files)
            found |= std::strcmp(e->d_name, version) == 0;
    closedir(d);
    return found;
}

long xc_database_lock_holder(const char *path)
{
    try {
        if (!path)
            return 0;
        int fd = open((std::string(path) + "/flintlock").c_str(), O_RDWR | O_CLOEXEC);
        if (fd < 0)
            return 0;
        struct flock fl = {};
        fl.l_type = F_WRLCK;
        fl.l_whence = SEEK_SET;
        long pid = 0;
        if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK && fl.l_pid > 0)
            pid = static_cast<long>(fl.l_pid);
        close(fd);
        return pid;
    } catch (...) {
        return 0;   /* out of memory: cannot be known */
    }
}

int xc_database_discard_unfinished(const char *path, int (*keep)(void *ctx, const char *name),
                                   void *ctx)
{
    if (!path)
        return 0;
    /* Closed however we leave (std::string may throw bad_alloc). */
    struct closer {
        int fd = -1;
        DIR *dir = NULL;
        ~closer()
        {
            if (dir)
                closedir(dir);
            if (fd >= 0)
                close(fd);   /* releases our lock */
        }
    } open_;
    try {
        const std::string dir(path);
        if (access((dir + "/iamglass").c_str(), F_OK) == 0 || errno != ENOENT)
            return 0;
        /* Held while we look and remove: no creation starts meanwhile. */
        open_.fd = open((dir + "/flintlock").c_str(), O_RDWR | O_CLOEXEC);
        struct flock fl = {};
        fl.l_type = F_WRLCK;
        fl.l_whence = SEEK_SET;
        if (open_.fd >= 0 && fcntl(open_.fd, F_SETLK, &fl) != 0)
            return 0;   /* a writer is creating it right now */
        DIR *d = open_.dir = opendir(path);
        bool only_creation = d != NULL;
        int removed = 0;
        for (struct dirent *e; only_creation && (e = readdir(d));)
            only_creation = dot_or_dotdot(e->d_name) ||
                            (e->d_name[0] != '.' && creation_file(dir, e->d_name)) ||
                            (keep && keep(ctx, e->d_name));
        if (only_creation) {
            rewinddir(d);
            for (struct dirent *e; (e = readdir(d));)
                if (e->d_name[0] != '.' && std::strcmp(e->d_name, "flintlock") != 0 &&
                    creation_file(dir, e->d_name))
                    removed += unlink((dir + "/" + e->d_name).c_str()) == 0;
        }
        return removed;
    } catch (...) {
        return 0;   /* out of memory: nothing more done */
    }
}

/* ======================================================================== */
/* Helpers                                                                   */
/* ======================================================================== */

size_t xc_sortable_serialise(double value, char *buf)
{
    if (!buf)
        return 0;
    return Xapian::sortable_serialise_(value, buf);   /* at most 9 bytes, no throw */
}

double xc_sortable_unserialise(const char *buf, size_t len)
{
    if (!buf && len)
        return 0.0;
    try {
        return Xapian::sortable_unserialise(std::string(buf ? buf : "", len));
    } catch (...) {
        return 0.0;
    }
}
