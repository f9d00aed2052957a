/* xapian-c-internal.hh — the inside of the binding, shared with the C++
 * modules built on it (xapian-c/ext/). Never included from C.
 *
 * It holds what such a module needs to work on the binding's handles the way
 * xapian-c.cc does: the handle structs that carry Xapian objects, the one
 * mapping of exceptions to statuses (guarded), and two general hooks through
 * which a module keeps state with a handle without the binding knowing what
 * the state is:
 *
 *  - a database handle holds addons (database_addon): told before each
 *    commit, and when the handle's documents may have changed meaning
 *    (a reopen, a shard added); destroyed with the handle;
 *  - an enquire holds addons (enquire_addon): each run (get_mset) asks them
 *    for the match spies to feed, and tells them when it is done.
 *
 * The binding itself adds none: it knows nothing of what they do.
 */
#ifndef XAPIAN_C_INTERNAL_HH
#define XAPIAN_C_INTERNAL_HH

#include "xapian-c.h"

#include <xapian.h>

#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

struct xc_enquire;

namespace xc_internal {

/* ------------------------------------------------------------------------ */
/* Exceptions to statuses                                                    */
/* ------------------------------------------------------------------------ */

/* Thrown from inside a match that passed its enquire's time limit
 * (xc_enquire_set_time_limit); becomes XC_TIMED_OUT. */
struct timed_out {};

/* Map the exception being handled to a status, with its message in err.
 * Only ever called from inside a catch block. */
xc_status status_from_exception(std::string &err) noexcept;

/* Run body() with err cleared; any exception becomes a status and err. */
template <typename Body>
xc_status guarded(std::string &err, Body &&body) noexcept
{
    try {
        err.clear();
        return body();
    } catch (...) {
        return status_from_exception(err);
    }
}

/* Our own argument checks: set the message, return the status. */
xc_status fail(std::string &err, xc_status status, const char *msg);
xc_status invalid(std::string &err, const char *msg);

/* A malloc'd copy the C caller frees (never new[]). */
char *dup_string(const std::string &s);

/* NULL or "" or "none": no stemmer; otherwise Xapian's Snowball stemmer
 * (InvalidArgumentError, so XC_INVALID_ARGUMENT, for an unknown language). */
Xapian::Stem make_stem(const char *language);

/* The value a C caller passed for an enum parameter.  C lets any int through;
 * in C++ merely loading an enum outside its range is undefined (UBSan: "not a
 * valid value for type"), so read the bytes and compare as an int. */
template <typename E>
int c_enum(const E &e) noexcept
{
    static_assert(sizeof(E) == sizeof(int), "C enums are int-sized");
    int v;
    std::memcpy(&v, &e, sizeof v);
    return v;
}

/* ------------------------------------------------------------------------ */
/* Addons                                                                    */
/* ------------------------------------------------------------------------ */

/* State a module keeps with a database handle. */
class database_addon {
  public:
    virtual ~database_addon() = default;
    /* xc_database_commit is about to commit the writable database w: hand
     * Xapian what is pending. An exception fails the commit. */
    virtual void before_commit(Xapian::WritableDatabase &w) { (void)w; }
    /* The handle was reopened or given another shard: docids may now mean
     * other documents. */
    virtual void database_changed() {}
};

/* The addons of one database handle, at most one of each type; shared with
 * the enquires made on it (they outlive neither the other). */
class database_addons {
  public:
    explicit database_addons(bool writable) : writable_(writable) {}

    /* Whether the handle is writable (its documents change under it). */
    bool writable() const { return writable_; }
    /* Whether some shard of the handle is remote: the server runs the match
     * and knows only Xapian's own registered classes, and every read of a
     * posting list or document crosses the network. */
    bool remote() const { return remote_; }
    void set_remote() { remote_ = true; }

    /* The addon of type T, or NULL. */
    template <typename T> T *find() const
    {
        for (const auto &a : list_)
            if (T *t = dynamic_cast<T *>(a.get()))
                return t;
        return nullptr;
    }

    /* The addon of type T, made with T(args...) when there is none. */
    template <typename T, typename... Args> T &get(Args &&...args)
    {
        if (T *t = find<T>())
            return *t;
        std::unique_ptr<T> t(new T(std::forward<Args>(args)...));
        T &ref = *t;
        list_.push_back(std::move(t));
        return ref;
    }

    void before_commit(Xapian::WritableDatabase &w)
    {
        for (auto &a : list_)
            a->before_commit(w);
    }

    void database_changed()
    {
        for (auto &a : list_)
            a->database_changed();
    }

  private:
    bool writable_;
    bool remote_ = false;
    std::vector<std::unique_ptr<database_addon>> list_;
};

/* State a module keeps with an enquire, told of each run. */
class enquire_addon {
  public:
    virtual ~enquire_addon() = default;
    /* A get_mset is about to run on enq (which has no match spy): add the
     * spies it should feed (enq.enq.add_matchspy). */
    virtual void before_run(xc_enquire &enq) { (void)enq; }
    /* The get_mset ran. */
    virtual void after_run(xc_enquire &enq) { (void)enq; }
    /* The get_mset failed with Xapian::UnimplementedError (a remote shard
     * cannot run a spy of ours): true to have it run once more, after
     * another before_run. */
    virtual bool retry_unimplemented(xc_enquire &enq)
    {
        (void)enq;
        return false;
    }
};

/* Set the error of a write on a read-only handle. */
xc_status read_only(std::string &err, const char *what);

} /* namespace xc_internal */

/* A NULL handle: nothing to record the error on, so only the status. */
#define XC_REQUIRE(handle)                                                     \
    do {                                                                       \
        if (!(handle))                                                         \
            return XC_INVALID_ARGUMENT;                                        \
    } while (0)

/* ------------------------------------------------------------------------ */
/* Handles                                                                   */
/* ------------------------------------------------------------------------ */

/* A database handle.  Reads go through db; a writable handle also holds wdb,
 * the same Xapian database (db is a copy sharing its internals, so reads see
 * uncommitted changes).
 *
 * Nothing is ever committed implicitly (header: destroy and close discard).
 * Xapian commits pending changes in ~WritableDatabase and close() unless a
 * transaction is active, in which case it cancels the transaction.  So a
 * writable handle always has an unflushed transaction open
 * (begin_transaction(false), which costs nothing: no commit before or after)
 * and xc_database_commit() ends it, commits, and opens the next one.  Inside
 * a transaction Xapian still flushes postlist changes past
 * XAPIAN_FLUSH_THRESHOLD, so memory stays bounded; it only defers the
 * commit. */
struct xc_database {
    explicit xc_database(bool writable_)
        : writable(writable_), addons(std::make_shared<xc_internal::database_addons>(writable_))
    {
    }
    Xapian::Database db;
    Xapian::WritableDatabase wdb;
    bool writable;
    std::shared_ptr<xc_internal::database_addons> addons;
    std::string error;
    /* A read-only handle's metadata as read (its revision cannot change
     * until a reopen, which empties this): a caller may ask for the same
     * keys query after query. */
    std::unordered_map<std::string, std::string> metadata;
    /* A handle made by xc_database_open_shards: each shard alone (Xapian
     * reads metadata from the first shard only). */
    std::vector<Xapian::Database> shards;
};

/* data and value hold what the last get_data / get_value returned. */
struct xc_document {
    Xapian::Document doc;
    std::string data;
    std::string value;
    std::string error;
};

struct xc_enquire {
    explicit xc_enquire(const xc_database &db)
        : enq(db.db), database(db.db), db_addons(db.addons) {}
    Xapian::Enquire enq;
    Xapian::Database database;
    std::shared_ptr<xc_internal::database_addons> db_addons;   /* the database handle's */
    std::vector<std::unique_ptr<xc_internal::enquire_addon>> addons;
    int cutoff = 0;   /* as set by xc_enquire_set_cutoff */
    std::string error;

    /* The addon of type T, or NULL. */
    template <typename T> T *find_addon() const
    {
        for (const auto &a : addons)
            if (T *t = dynamic_cast<T *>(a.get()))
                return t;
        return nullptr;
    }

    /* The addon of type T, made with T() when there is none. */
    template <typename T> T &addon()
    {
        if (T *t = find_addon<T>())
            return *t;
        std::unique_ptr<T> t(new T());
        T &ref = *t;
        addons.push_back(std::move(t));
        return ref;
    }
};

struct xc_mset {
    Xapian::MSet mset;   /* holds the enquire's internals: snippet() works */
    Xapian::Enquire enquire;   /* the same internals: the query snippet() uses */
    std::string error;
};

#endif
