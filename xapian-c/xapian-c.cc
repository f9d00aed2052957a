/* xapian-c.cc — the C API of xapian-c.h over libxapian 1.4.
 *
 * Every extern "C" entry point has the same shape: check the handle (NULL →
 * XC_INVALID_ARGUMENT, nothing else touched), then run its body through
 * guarded(), which clears the handle's error text, runs the body, and turns
 * any exception into a status and a message with status_from_exception() —
 * the one place where exceptions are mapped.  No exception leaves this file.
 *
 * Sections follow the header: status, handles, databases, documents,
 * stopper, term generator, queries, query parser, enquire/mset, facets,
 * helpers.
 */
#include "xapian-c.h"

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <memory>
#include <new>
#include <set>
#include <unordered_map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

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

/* Map the exception being handled to a status, with its message in err.
 * Only ever called from inside a catch block.  Order matters: subclasses
 * before their bases (DatabaseVersionError and DatabaseNotFoundError are
 * DatabaseOpeningErrors; all the Database*Errors are DatabaseErrors). */
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

/* For MSet::snippet only, which stems a word to see whether "Z" + its stem
 * is a term of the query: the stemmer's answer for the words that cannot
 * give one, an empty stem ("Z" alone, which no such query holds), without
 * stemming them.  A word cannot when its first byte is no stemmed query
 * term's: the English (Porter2) stemmer rewrites the ends of words, never
 * their first letter (it drops a leading apostrophe, which no word the
 * snippet reads starts with); checked over the 350,000 words of the
 * system's word lists and Reuters-21578.  Most words of a text are so
 * answered; stemming was a third of a snippet's time. */
class query_first_byte_stem : public Xapian::StemImplementation {
  public:
    query_first_byte_stem(Xapian::Stem stem, const bool (&first)[256])
        : stem_(std::move(stem))
    {
        std::memcpy(first_, first, sizeof first_);
    }

    std::string operator()(const std::string &word) override
    {
        if (word.empty() || !first_[static_cast<unsigned char>(word[0])])
            return std::string();
        return stem_(word);
    }

    std::string get_description() const override { return stem_.get_description(); }

  private:
    Xapian::Stem stem_;
    bool first_[256];
};

/* The stemmer snippet() should use for query: stem, or for English (see
 * query_first_byte_stem) the same answers to what it asks, faster.
 * background_model: the snippet also looks the stems of other words up,
 * so they must be the real ones. */
Xapian::Stem snippet_query_stem(Xapian::Stem stem, const char *language, const Xapian::Query &query,
                                bool background_model)
{
    if (background_model || !language ||
        (std::strcmp(language, "english") != 0 && std::strcmp(language, "en") != 0))
        return stem;
    bool first[256] = {false};
    for (Xapian::TermIterator t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
        const std::string term = *t;
        if (term.size() < 2 || term[0] != 'Z')
            continue;   /* "Z" alone would match the empty stem: not filtered */
        first[static_cast<unsigned char>(term[1])] = true;
    }
    for (Xapian::TermIterator t = query.get_terms_begin(); t != query.get_terms_end(); ++t)
        if (*t == "Z")
            return stem;
    return Xapian::Stem(new query_first_byte_stem(std::move(stem), first));
}

bool starts_with(const std::string &s, const std::string &prefix)
{
    return s.compare(0, prefix.size(), prefix) == 0;
}

/* ------------------------------------------------------------------------ */
/* Where a snippet may start reading                                         */
/* ------------------------------------------------------------------------ */

/* What MSet::snippet looks for in a text, from its query: terms as words
 * (unstemmed), and stems (of "Z" terms); usable is false for queries with a
 * wildcard or a "Z" term alone, which the skipping below does not model. */
struct snippet_terms {
    std::set<std::string> words, stems;
    bool first[256] = {false};       /* first bytes of stems */
    bool first_any[256] = {false};   /* first bytes of words and stems */
    bool usable = true;
};

void collect_snippet_terms(const Xapian::Query &q, snippet_terms &st)
{
    if (q.get_type() == Xapian::Query::OP_WILDCARD)
        st.usable = false;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i)
        collect_snippet_terms(q.get_subquery(i), st);
    if (q.get_type() != Xapian::Query::LEAF_TERM)
        return;
    const std::string term = *q.get_terms_begin();
    if (term == "Z")
        st.usable = false;
    else if (term[0] == 'Z') {
        st.stems.insert(term.substr(1));
        st.first[static_cast<unsigned char>(term[1])] = true;
        st.first_any[static_cast<unsigned char>(term[1])] = true;
    } else {
        st.words.insert(term);
        st.first_any[static_cast<unsigned char>(term[0])] = true;
    }
}

/* Could a word that starts with a non-ASCII character match a term of st?
 * Its first byte, lower-cased, is non-ASCII, or 'i' or 'k' (U+0130 and
 * U+212A are the only characters outside ASCII that lower-case into it). */
bool snippet_non_ascii_may_match(const snippet_terms &st)
{
    for (int c = 0x80; c < 0x100; ++c)
        if (st.first_any[c])
            return true;
    return st.first_any[static_cast<unsigned char>('i')] || st.first_any[static_cast<unsigned char>('k')];
}

bool ascii_wordchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool ascii_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

bool ascii_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

unsigned char ascii_lower(unsigned char c)
{
    return ascii_upper(c) ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

/* Could the word w (lower case ASCII, a whole term) match a term of st? */
bool snippet_word_matches(const std::string &w, const snippet_terms &st, const Xapian::Stem &stem)
{
    if (w.size() > 64)
        return false;   /* MSet::snippet skips such words */
    if (st.words.count(w))
        return true;
    return st.first[static_cast<unsigned char>(w[0])] && st.stems.count(stem(w));
}

/* Where in text MSet::snippet can start reading and give the same snippet:
 * 0, or just at a space well before the first word that may match a term of
 * st and before the last word.  Up to there the snippet only slides its
 * window over words of no weight, and its window (length + 1 bytes) then
 * holds only words after that point, so starting there changes nothing:
 * neither the window it picks nor the text around it.  Only plain ASCII
 * words are read here (as MSet::snippet splits them: letters, digits, '_');
 * anything it might join or split otherwise (apostrophes, '&', initials
 * such as "U.S.", digits with separators, '+', '#', any non-ASCII) counts
 * as a word that may match. */
size_t snippet_start(const std::string &text, size_t length, const snippet_terms &st,
                     const Xapian::Stem &stem)
{
    const size_t n = text.size();
    const unsigned char *t = reinterpret_cast<const unsigned char *>(text.data());
    const bool non_ascii = snippet_non_ascii_may_match(st);
    size_t may_match = n, last_word = n;
    std::string w;
    for (size_t i = 0; i < n && may_match == n;) {
        if (t[i] >= 0x80) {
            /* A word may start here (or this may join words): words from
             * here on are still read, as if nothing joined them. */
            if (non_ascii) {
                may_match = i;
                break;
            }
            ++i;
            continue;
        }
        if (!ascii_wordchar(t[i])) {
            ++i;
            continue;
        }
        size_t a = i, b = i;
        while (b < n && ascii_wordchar(t[b]))
            ++b;
        i = b;
        const unsigned char c = b < n ? t[b] : ' ', next = b + 1 < n ? t[b + 1] : ' ';
        bool joined = c >= 0x80 || c == '+' || c == '#' ||
                      ((c == '\'' || c == '&') && (ascii_wordchar(next) || next >= 0x80)) ||
                      ((c == '.' || c == ',' || c == ';') &&
                       (next >= 0x80 || (ascii_digit(t[b - 1]) && ascii_digit(next)) ||
                        (c == '.' && b - a == 1 && ascii_upper(t[a]) && ascii_upper(next))));
        if (joined) {
            /* MSet::snippet reads a longer word from a, which starts as
             * this one does (lower-cased: initials too); the rest of it is
             * read on as words of their own. */
            if (st.first_any[ascii_lower(t[a])]) {
                may_match = a;
                break;
            }
            continue;
        }
        w.assign(text, a, b - a);
        for (char &ch : w)
            ch = static_cast<char>(ascii_lower(static_cast<unsigned char>(ch)));
        if (snippet_word_matches(w, st, stem))
            may_match = a;
    }
    /* The last word, found from the end: a plain one, or give up. */
    auto joiner = [](unsigned char c) {
        return c == '\'' || c == '&' || c == '.' || c == ',' || c == ';';
    };
    for (size_t i = n; i > 0;) {
        --i;
        if (t[i] >= 0x80 || t[i] == '+' || t[i] == '#')
            return 0;
        if (!ascii_wordchar(t[i]))
            continue;
        size_t a = i;
        const size_t b = i + 1;
        while (a > 0 && ascii_wordchar(t[a - 1]))
            --a;
        const unsigned char after = b < n ? t[b] : ' ', after2 = b + 1 < n ? t[b + 1] : ' ';
        if (joiner(after) && (ascii_wordchar(after2) || after2 >= 0x80))
            return 0;
        if (a >= 1 && t[a - 1] >= 0x80)
            return 0;
        if (a >= 2 && joiner(t[a - 1]) && (ascii_wordchar(t[a - 2]) || t[a - 2] >= 0x80))
            return 0;
        if (b - a > 64)
            return 0;
        last_word = a;
        break;
    }
    const size_t before = std::min(may_match, last_word);
    if (before == n || before < length + 64)
        return 0;
    for (size_t cut = before - length - 32; cut > 0; --cut)
        if (t[cut] == ' ' || t[cut] == '\n' || t[cut] == '\t' || t[cut] == '\r')
            return cut;
    return 0;
}

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

} /* namespace */

/* A NULL handle: nothing to record the error on, so only the status. */
#define XC_REQUIRE(handle)                                                     \
    do {                                                                       \
        if (!(handle))                                                         \
            return XC_INVALID_ARGUMENT;                                        \
    } while (0)

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
namespace {
struct facet_tables;
} /* namespace */

struct xc_database {
    Xapian::Database db;
    Xapian::WritableDatabase wdb;
    bool writable = false;
    std::shared_ptr<facet_tables> facet_cache = std::make_shared<facet_tables>();
    std::string error;
    /* Spelling words counted by xc_database_add_spelling_of, handed to Xapian
     * at commit: one add_spelling per distinct word instead of one per word
     * of every document (TermGenerator's FLAG_SPELLING), which costs a third
     * of the time of indexing news. */
    std::unordered_map<std::string, unsigned> spelling;
    /* A read-only handle's metadata as read (its revision cannot change
     * until a reopen, which empties this): brief-query asks for the same
     * people's names query after query. */
    std::unordered_map<std::string, std::string> metadata;
};

/* data and value hold what the last get_data / get_value returned. */
struct xc_document {
    Xapian::Document doc;
    std::string data;
    std::string value;
    std::string error;
};

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
    std::string error;
    std::shared_ptr<field_failure> field_failed = std::make_shared<field_failure>();
};

/* Xapian::Query is a value type (a reference-counted handle). */
struct xc_query {
    Xapian::Query q;
};

namespace {

/* The items of one slot for every document of a database, split at the
 * separator, each item once per document, and interned: item ids are in byte
 * order of the items, so ordering ids orders items.  Documents without the
 * value have no items.  Read in one pass over the slot's value stream. */
struct facet_table {
    std::vector<std::string> names;    /* by id, in byte order */
    std::vector<uint32_t> first;       /* docid → its items: ids[first[d] .. first[d + 1]) */
    std::vector<uint32_t> ids;

    facet_table(const Xapian::Database &db, Xapian::valueno slot, char separator)
    {
        std::unordered_map<std::string, uint32_t> interned;   /* item → id in order seen */
        std::vector<uint32_t> items;
        const Xapian::docid last = db.get_lastdocid();
        first.assign(static_cast<size_t>(last) + 2, 0);
        Xapian::docid next = 1;   /* first[d] is set for every d < next */
        for (Xapian::ValueIterator v = db.valuestream_begin(slot); v != db.valuestream_end(slot);
             ++v) {
            const Xapian::docid did = v.get_docid();
            if (did > last)
                break;
            for (; next <= did; ++next)
                first[next] = static_cast<uint32_t>(ids.size());
            for_each_item(*v, separator, [&](std::string &&item) {
                auto it = interned.emplace(std::move(item), static_cast<uint32_t>(interned.size())).first;
                ids.push_back(it->second);
            });
        }
        for (; next <= last + 1; ++next)
            first[next] = static_cast<uint32_t>(ids.size());
        /* Renumber the ids in byte order of their items. */
        names.resize(interned.size());
        for (auto &entry : interned)
            names[entry.second] = entry.first;
        std::vector<uint32_t> order(names.size()), renumbered(names.size());
        for (uint32_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(),
                  [&](uint32_t a, uint32_t b) { return names[a] < names[b]; });
        std::vector<std::string> sorted(names.size());
        for (uint32_t rank = 0; rank < order.size(); ++rank) {
            renumbered[order[rank]] = rank;
            sorted[rank] = std::move(names[order[rank]]);
        }
        names = std::move(sorted);
        for (auto &id : ids)
            id = renumbered[id];
    }

    /* Call fn(std::string&&) for each distinct non-empty item of value. */
    template <typename F> static void for_each_item(const std::string &value, char separator, F fn)
    {
        if (separator == '\0') {
            if (!value.empty())
                fn(std::string(value));
            return;
        }
        std::vector<std::string> seen;   /* a value holds a few items: a list will do */
        size_t start = 0;
        while (start <= value.size()) {
            size_t end = value.find(separator, start);
            if (end == std::string::npos)
                end = value.size();
            if (end > start) {
                std::string item = value.substr(start, end - start);
                if (std::find(seen.begin(), seen.end(), item) == seen.end()) {
                    seen.push_back(item);
                    fn(std::move(item));
                }
            }
            start = end + 1;
        }
    }
};

/* How a database handle counts facets, shared with its enquires: the facet
 * tables of a read-only handle, emptied when it is reopened or grows a shard.
 * A table is built only once the counters have read as many values document
 * by document as building it reads (documents_counted), so that a process
 * answering one query never pays for a whole slot, and one answering many
 * pays once. */
struct facet_tables {
    struct entry {
        std::shared_ptr<const facet_table> table;
        unsigned long long documents_counted = 0;
    };
    std::map<std::pair<Xapian::valueno, char>, entry> slots;
    /* Slots whose table is built at once, not after some counting
     * (xc_database_prepare_facets); kept over a reopen. */
    std::set<std::pair<Xapian::valueno, char>> prepared;
    bool cache_tables = true;   /* false for a writable handle */
    /* A remote shard cannot run facet_spy (the server knows only Xapian's
     * own spies): count whole values with ValueCountMatchSpy and split them
     * afterwards.  Set once a get_mset told us so. */
    bool whole_values = false;
};

/* Counts the items of a slot over the documents the matcher hands it: from
 * the facet table when there is one, else from each document's value. */
class facet_spy : public Xapian::MatchSpy {
  public:
    facet_spy(Xapian::valueno slot, char separator, std::shared_ptr<const facet_table> table)
        : slot_(slot), separator_(separator), table_(std::move(table))
    {
        if (table_)
            by_id_.assign(table_->names.size(), 0);
    }

    void operator()(const Xapian::Document &doc, double) override
    {
        if (!count_from_table(doc.get_docid()))
            count_value(doc.get_value(slot_));
    }

    /* Count document did from the table; false (nothing counted) when the
     * table does not cover it: count_value its value instead. */
    bool count_from_table(Xapian::docid did)
    {
        if (!table_ || did + 1 >= table_->first.size())
            return false;
        ++seen_;
        for (uint32_t i = table_->first[did], end = table_->first[did + 1]; i < end; ++i)
            if (by_id_[table_->ids[i]]++ == 0)
                counted_ids_.push_back(table_->ids[i]);
        return true;
    }

    /* Count a document by its value in the slot. */
    void count_value(const std::string &value)
    {
        ++seen_;
        ++read_;
        facet_table::for_each_item(value, separator_,
                                   [&](std::string &&item) { ++by_name_[std::move(item)]; });
    }

    Xapian::doccount seen() const { return seen_; }
    Xapian::doccount values_read() const { return read_; }

    /* Were all the documents counted from the table? */
    bool table_only() const { return table_ && by_name_.empty(); }
    const std::shared_ptr<const facet_table> &table() const { return table_; }

    /* With table_only(): (count, id) of every item counted, unordered. */
    void counted(std::vector<std::pair<unsigned, uint32_t>> &out) const
    {
        out.clear();
        out.reserve(counted_ids_.size());
        for (uint32_t id : counted_ids_)
            out.emplace_back(by_id_[id], id);
    }

    /* Every item counted, with its count, in decreasing count then
     * increasing byte order. */
    void sorted(std::vector<std::pair<std::string, unsigned>> &out) const
    {
        std::map<std::string, unsigned> merged(by_name_.begin(), by_name_.end());
        for (uint32_t id : counted_ids_)
            merged[table_->names[id]] += by_id_[id];
        out.assign(merged.begin(), merged.end());
        std::stable_sort(out.begin(), out.end(),
                         [](const std::pair<std::string, unsigned> &a,
                            const std::pair<std::string, unsigned> &b) {
                             return a.second > b.second;
                         });
    }

  private:
    Xapian::valueno slot_;
    char separator_;
    std::shared_ptr<const facet_table> table_;
    std::vector<unsigned> by_id_;                          /* with a table */
    std::vector<uint32_t> counted_ids_;                    /* the ids counted, once each */
    std::unordered_map<std::string, unsigned> by_name_;    /* without */
    Xapian::doccount seen_ = 0, read_ = 0;
};

/* What an xc_facets counts; shared by the xc_facets handle and by every
 * enquire it was added to (std::shared_ptr), so either may be destroyed
 * first.  The spy itself is reference-counted the Xapian way (release()):
 * an enquire may still hold the previous spy after it was replaced. */
struct facet_counter {
    facet_counter(Xapian::valueno slot_, char separator_)
        : slot(slot_), separator(separator_) {}

    Xapian::valueno slot;
    char separator;
    Xapian::Internal::opt_intrusive_ptr<facet_spy> spy;   /* one of these two */
    Xapian::Internal::opt_intrusive_ptr<Xapian::ValueCountMatchSpy> whole_spy;
    bool split_done = false;
    /* The items counted: from the facet table, (count, id) pairs of which the
     * first ranked_upto are in their final order (the rest are ranked when
     * asked for: a caller usually wants the first few); otherwise items. */
    std::shared_ptr<const facet_table> table;
    std::vector<std::pair<unsigned, uint32_t>> ranked;
    size_t ranked_upto = 0;
    std::vector<std::pair<std::string, unsigned>> items;

    /* A fresh spy for the next get_mset: a MatchSpy added to an Enquire
     * accumulates over every get_mset, so reusing one would count the same
     * documents again.  whole_values: a ValueCountMatchSpy (see facet_tables). */
    Xapian::MatchSpy *renew(std::shared_ptr<const facet_table> from_table, bool whole_values)
    {
        spy = nullptr;
        whole_spy = nullptr;
        split_done = false;
        table = nullptr;
        ranked.clear();
        ranked_upto = 0;
        items.clear();
        if (whole_values) {
            std::unique_ptr<Xapian::ValueCountMatchSpy> s(new Xapian::ValueCountMatchSpy(slot));
            s->release();
            whole_spy = s.release();
            return whole_spy.get();
        }
        std::unique_ptr<facet_spy> s(new facet_spy(slot, separator, std::move(from_table)));
        s->release();
        spy = s.release();
        return spy.get();
    }

    Xapian::doccount seen() const
    {
        return spy.get() ? spy->seen() : whole_spy.get() ? whole_spy->get_total() : 0;
    }

    /* Gather the items counted. */
    void split()
    {
        if (split_done)
            return;
        if (spy.get() && spy->table_only()) {
            table = spy->table();
            spy->counted(ranked);
        } else if (spy.get()) {
            spy->sorted(items);
        } else if (whole_spy.get()) {
            split_whole_values();
        }
        split_done = true;
    }

    size_t size()
    {
        split();
        return table ? ranked.size() : items.size();
    }

    /* Item i in decreasing count then increasing byte order; false when
     * there are not that many. */
    bool get(size_t i, const char **item, unsigned *count)
    {
        if (i >= size())
            return false;
        if (!table) {
            *item = items[i].first.c_str();
            *count = items[i].second;
            return true;
        }
        if (i >= ranked_upto) {   /* ids are in byte order of their items */
            size_t upto = std::min(ranked.size(), std::max({i + 1, 2 * ranked_upto, size_t{32}}));
            std::partial_sort(ranked.begin() + ranked_upto, ranked.begin() + upto, ranked.end(),
                              [](const std::pair<unsigned, uint32_t> &a,
                                 const std::pair<unsigned, uint32_t> &b) {
                                  return a.first != b.first ? a.first > b.first
                                                            : a.second < b.second;
                              });
            ranked_upto = upto;
        }
        *item = table->names[ranked[i].second].c_str();
        *count = ranked[i].first;
        return true;
    }

    /* The ValueCountMatchSpy counted whole values: split them into items
     * (each item once per value, so once per document) and sum. */
    void split_whole_values()
    {
        std::map<std::string, unsigned> counts;   /* byte order */
        for (Xapian::TermIterator v = whole_spy->values_begin(); v != whole_spy->values_end();
             ++v) {
            const unsigned n = v.get_termfreq();
            facet_table::for_each_item(*v, separator,
                                       [&](std::string &&item) { counts[item] += n; });
        }
        items.assign(counts.begin(), counts.end());
        std::stable_sort(items.begin(), items.end(),
                         [](const std::pair<std::string, unsigned> &a,
                            const std::pair<std::string, unsigned> &b) {
                             return a.second > b.second;
                         });
    }
};

} /* namespace */

struct xc_facets {
    std::shared_ptr<facet_counter> counter;
};

struct xc_enquire {
    explicit xc_enquire(const xc_database &db)
        : enq(db.db), database(db.db), facet_cache(db.facet_cache) {}
    Xapian::Enquire enq;
    Xapian::Database database;
    std::shared_ptr<facet_tables> facet_cache;   /* the database handle's */
    std::vector<std::shared_ptr<facet_counter>> facets;
    int cutoff = 0;   /* as set by xc_enquire_set_cutoff */
    std::string error;
};

struct xc_mset {
    Xapian::MSet mset;   /* holds the enquire's internals: snippet() works */
    Xapian::Enquire enquire;   /* the same internals: the query snippet() uses */
    std::string error;
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

xc_status read_only(xc_database *db, const char *what)
{
    db->error.assign(what);
    db->error += ": the database was opened read-only";
    return XC_INVALID_ARGUMENT;
}

} /* namespace */

namespace {

/* After a reopen or a new shard, docids may mean other documents, and the
 * metadata may have changed. */
void forget_facet_tables(xc_database *db)
{
    if (db->facet_cache)
        db->facet_cache->slots.clear();
    db->metadata.clear();
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
        std::unique_ptr<xc_database> h(new xc_database);
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
        std::unique_ptr<xc_database> h(new xc_database);
        h->wdb = Xapian::WritableDatabase(path, flags);
        h->wdb.begin_transaction(false);   /* see struct xc_database */
        h->db = h->wdb;
        h->writable = true;
        h->facet_cache->cache_tables = false;   /* its documents change under us */
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
        forget_facet_tables(db);
        return XC_OK;
    });
}

xc_status xc_database_prepare_facets(xc_database *db, unsigned slot, char separator)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        facet_tables &cache = *db->facet_cache;
        const std::pair<Xapian::valueno, char> key{slot, separator};
        cache.prepared.insert(key);
        if (!cache.cache_tables || cache.whole_values || db->db.size() != 1)
            return XC_OK;
        facet_tables::entry &e = cache.slots[key];
        if (!e.table)
            e.table = std::make_shared<const facet_table>(db->db, slot, separator);
        return XC_OK;
    });
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
        forget_facet_tables(db);
        if (single)
            moved = db->db.get_revision() != before;
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
            return read_only(db, "xc_database_commit");
        for (const auto &w : db->spelling)
            db->wdb.add_spelling(w.first, w.second);
        db->spelling.clear();
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
            it = db->metadata.emplace(key, db->db.get_metadata(key)).first;
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
            return read_only(db, "xc_database_set_metadata");
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
            return read_only(db, "xc_database_replace_document");
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
            return read_only(db, "xc_database_delete_document");
        db->wdb.delete_document(unique_term);
        return XC_OK;
    });
}

xc_status xc_database_delete_docid(xc_database *db, unsigned docid)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!db->writable)
            return read_only(db, "xc_database_delete_docid");
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
            return read_only(db, "xc_database_add_spelling");
        db->wdb.add_spelling(word, freqinc);
        return XC_OK;
    });
}

xc_status xc_database_add_spelling_of(xc_database *db, const xc_document *doc)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!doc)
            return invalid(db->error, "xc_database_add_spelling_of: doc is NULL");
        if (!db->writable)
            return read_only(db, "xc_database_add_spelling_of");
        for (auto t = doc->doc.termlist_begin(); t != doc->doc.termlist_end(); ++t) {
            const std::string &term = *t;
            /* Words are the unprefixed terms: prefixes and stems (Z) are
             * upper case; a term starting with a digit is no word to suggest. */
            unsigned char c = term.empty() ? 0 : static_cast<unsigned char>(term[0]);
            if (c == 0 || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                continue;
            db->spelling[term]++;
        }
        return XC_OK;
    });
}

xc_status xc_database_take_spelling(xc_database *into, xc_database *from, unsigned part,
                                    unsigned nparts)
{
    XC_REQUIRE(into);
    return guarded(into->error, [&] {
        if (!from || nparts == 0 || part >= nparts)
            return invalid(into->error, "xc_database_take_spelling: no from, or no such part");
        if (!into->writable || !from->writable)
            return read_only(into, "xc_database_take_spelling");
        if (into == from)
            return XC_OK;
        if (nparts == 1 && into->spelling.empty()) {
            /* All of it into a handle with none (a new shard): hand the table
             * over instead of moving each word. */
            into->spelling.swap(from->spelling);
            return XC_OK;
        }
        std::hash<std::string> hash;
        for (auto w = from->spelling.begin(); w != from->spelling.end();) {
            if (nparts == 1 || hash(w->first) % nparts == part) {
                into->spelling[w->first] += w->second;
                w = from->spelling.erase(w);
            } else {
                ++w;
            }
        }
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
        /* Empty unless XC_QP_SPELLING_CORRECTION found a correction (which
         * needs xc_queryparser_set_database). */
        qp->corrected = qp->qp.get_corrected_query_string();
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

/* Query expansion leaves out the query's own terms and every term starting
 * with an upper-case ASCII letter but Z (prefixed fields, boolean terms). */
class expand_filter : public Xapian::ExpandDecider {
  public:
    explicit expand_filter(const Xapian::Query &query)
        : query_terms_(query.get_unique_terms_begin(), query.get_unique_terms_end()) {}

    bool operator()(const std::string &term) const override
    {
        if (!term.empty() && term[0] >= 'A' && term[0] <= 'Y')
            return false;
        return query_terms_.find(term) == query_terms_.end();
    }

  private:
    std::set<std::string> query_terms_;
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
    delete enq;   /* facets added keep living while their handles do */
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

xc_status xc_enquire_add_facets(xc_enquire *enq, xc_facets *facets)
{
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        if (!facets)
            return invalid(enq->error, "xc_enquire_add_facets: facets is NULL");
        /* The spy itself is attached by get_mset (a fresh one each time). */
        auto &list = enq->facets;
        if (std::find(list.begin(), list.end(), facets->counter) == list.end())
            list.push_back(facets->counter);
        return XC_OK;
    });
}

xc_status xc_enquire_clear_facets(xc_enquire *enq)
{
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        enq->enq.clear_matchspies();
        enq->facets.clear();
        return XC_OK;
    });
}

namespace {

/* The facet table entry of counter's slot in enq's database handle, its
 * table built when the counters have read as many values one by one as
 * building it reads; NULL when the handle keeps no tables.  Over several
 * shards a spy is handed documents that know only their docid in their shard
 * (Document::get_docid), so there the values are read one by one. */
facet_tables::entry *facet_entry(xc_enquire &enq, const facet_counter &counter)
{
    if (!enq.facet_cache->cache_tables || enq.facet_cache->whole_values ||
        enq.database.size() != 1)
        return nullptr;
    const std::pair<Xapian::valueno, char> key{counter.slot, counter.separator};
    facet_tables::entry &e = enq.facet_cache->slots[key];
    if (!e.table && (e.documents_counted >= enq.database.get_doccount() ||
                     enq.facet_cache->prepared.count(key)))
        e.table = std::make_shared<const facet_table>(enq.database, counter.slot,
                                                      counter.separator);
    return &e;
}

/* get_mset with a fresh spy for each facet counter of enq. */
Xapian::MSet get_mset_counting(xc_enquire &enq, unsigned first, unsigned maxitems,
                               unsigned checkatleast)
{
    enq.enq.clear_matchspies();
    std::vector<facet_tables::entry *> entries;
    for (auto &counter : enq.facets) {
        facet_tables::entry *e = facet_entry(enq, *counter);
        entries.push_back(e);
        enq.enq.add_matchspy(
            counter->renew(e ? e->table : nullptr, enq.facet_cache->whole_values));
    }
    Xapian::MSet mset = enq.enq.get_mset(first, maxitems, checkatleast);
    for (size_t i = 0; i < entries.size(); ++i)
        if (entries[i] && enq.facets[i]->spy.get())
            entries[i]->documents_counted += enq.facets[i]->spy->values_read();
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
        /* Each facet counter gets a fresh spy, so that its counts are over
         * this get_mset only (a spy accumulates over every run). */
        std::unique_ptr<xc_mset> h(new xc_mset{Xapian::MSet(), enq->enq, std::string()});
        try {
            h->mset = get_mset_counting(*enq, first, maxitems, checkatleast);
        } catch (const Xapian::UnimplementedError &) {
            /* A remote shard refused facet_spy (it cannot be serialised). */
            if (enq->facets.empty() || enq->facet_cache->whole_values)
                throw;
            enq->facet_cache->whole_values = true;
            h->mset = get_mset_counting(*enq, first, maxitems, checkatleast);
        }
        *out = h.release();
        return XC_OK;
    });
}

namespace {

/* Into out, in ascending order, the documents q matches, read from the
 * posting lists of its terms; false when q has a shape not read so
 * (phrases, ranges, wildcards, …), then out means nothing. */
bool matching_docids(const Xapian::Database &db, const Xapian::Query &q,
                     std::vector<Xapian::docid> &out)
{
    out.clear();
    const size_t n = q.get_num_subqueries();
    switch (q.get_type()) {
    case Xapian::Query::LEAF_MATCH_NOTHING:
        return true;
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL: {
        const std::string term =
            q.get_type() == Xapian::Query::LEAF_TERM ? *q.get_terms_begin() : std::string();
        for (Xapian::PostingIterator p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
            out.push_back(*p);
        return true;
    }
    case Xapian::Query::OP_SCALE_WEIGHT:
    case Xapian::Query::OP_AND_MAYBE:   /* matches what its first subquery does */
        return n >= 1 && matching_docids(db, q.get_subquery(0), out);
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_AND_NOT:
        break;
    default:
        return false;
    }
    const Xapian::Query::op op = q.get_type();
    std::vector<Xapian::docid> sub, merged;
    for (size_t i = 0; i < n; ++i) {
        if (!matching_docids(db, q.get_subquery(i), i == 0 ? out : sub))
            return false;
        if (i == 0)
            continue;
        merged.clear();
        if (op == Xapian::Query::OP_AND || op == Xapian::Query::OP_FILTER)
            std::set_intersection(out.begin(), out.end(), sub.begin(), sub.end(),
                                  std::back_inserter(merged));
        else if (op == Xapian::Query::OP_AND_NOT)
            std::set_difference(out.begin(), out.end(), sub.begin(), sub.end(),
                                std::back_inserter(merged));
        else
            std::set_union(out.begin(), out.end(), sub.begin(), sub.end(),
                           std::back_inserter(merged));
        out.swap(merged);
    }
    return true;
}

} /* namespace */

xc_status xc_enquire_count_directly(xc_enquire *enq, unsigned *count, int *counted)
{
    if (counted)
        *counted = 0;
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        if (!count || !counted)
            return invalid(enq->error, "xc_enquire_count_directly: count or counted is NULL");
        if (enq->cutoff != 0)
            return XC_OK;
        std::vector<facet_tables::entry *> entries;
        for (auto &counter : enq->facets) {
            facet_tables::entry *e = facet_entry(*enq, *counter);
            if (!e || !e->table)
                return XC_OK;   /* values would be read one by one: the matcher's job */
            entries.push_back(e);
        }
        std::vector<Xapian::docid> docids;
        if (!matching_docids(enq->database, enq->enq.get_query(), docids))
            return XC_OK;
        for (size_t i = 0; i < enq->facets.size(); ++i) {
            facet_counter &counter = *enq->facets[i];
            counter.renew(entries[i]->table, false);
            for (Xapian::docid did : docids)
                if (!counter.spy->count_from_table(did))
                    counter.spy->count_value(enq->database.get_document(did).get_value(counter.slot));
        }
        *count = static_cast<unsigned>(docids.size());
        *counted = 1;
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
                            unsigned maxitems,
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
        expand_filter decider(enq->enq.get_query());
        Xapian::ESet eset = enq->enq.get_eset(maxitems, rset, &decider);
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
                               XC_SNIPPET_EMPTY_WITHOUT_MATCH | XC_SNIPPET_WHOLE_TEXT;
        if (flags & ~known)
            return invalid(m->error, "xc_mset_snippet: unknown flag");
        unsigned xflags = 0;
        if (flags & XC_SNIPPET_BACKGROUND_MODEL)
            xflags |= Xapian::MSet::SNIPPET_BACKGROUND_MODEL;
        if (flags & XC_SNIPPET_EXHAUSTIVE)
            xflags |= Xapian::MSet::SNIPPET_EXHAUSTIVE;
        if (flags & XC_SNIPPET_EMPTY_WITHOUT_MATCH)
            xflags |= Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH;
        const Xapian::Query query = m->enquire.get_query();
        const bool background = (xflags & Xapian::MSet::SNIPPET_BACKGROUND_MODEL) != 0;
        const Xapian::Stem stem = snippet_query_stem(make_stem(language), language, query,
                                                     background);
        std::string whole = len ? std::string(text, len) : std::string();
        size_t start = 0;
        /* The skipping relies on the English stemmer keeping first letters
         * (see query_first_byte_stem). */
        const bool english =
            language && (std::strcmp(language, "english") == 0 || std::strcmp(language, "en") == 0);
        if (!background && !(flags & XC_SNIPPET_WHOLE_TEXT) && english && hi_start && *hi_start) {
            snippet_terms st;
            collect_snippet_terms(query, st);
            if (st.usable)
                start = snippet_start(whole, length, st, stem);
        }
        whole.erase(0, start);   /* in place: no second copy of the text */
        const std::string snippet = m->mset.snippet(
            whole, length, stem, xflags,
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
/* Facets                                                                    */
/* ======================================================================== */

xc_status xc_facets_create(unsigned slot, char separator, xc_facets **out)
{
    XC_REQUIRE(out);
    *out = NULL;
    if (slot == Xapian::BAD_VALUENO)
        return XC_INVALID_ARGUMENT;
    std::string err;
    return guarded(err, [&] {
        std::unique_ptr<xc_facets> h(new xc_facets);
        h->counter = std::make_shared<facet_counter>(slot, separator);
        *out = h.release();
        return XC_OK;
    });
}

void xc_facets_destroy(xc_facets *f)
{
    delete f;   /* drops our share of the counter; enquires keep theirs */
}

unsigned xc_facets_documents_seen(const xc_facets *f)
{
    return f ? static_cast<unsigned>(f->counter->seen()) : 0;
}

size_t xc_facets_size(xc_facets *f)
{
    if (!f)
        return 0;
    try {
        return f->counter->size();
    } catch (...) {
        return 0;   /* out of memory: no items (xc_facets_get reports it) */
    }
}

xc_status xc_facets_get(xc_facets *f, size_t i, const char **item, unsigned *count)
{
    if (item)
        *item = NULL;
    XC_REQUIRE(f);
    std::string err;   /* xc_facets has no error text: status only */
    return guarded(err, [&] {
        if (!item || !count)
            return XC_INVALID_ARGUMENT;
        if (!f->counter->get(i, item, count))
            return XC_INVALID_ARGUMENT;
        return XC_OK;
    });
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
