/* facets.cc — facet counts from tables, and counts without the matcher.
 * See xapian-ext-facets.h.
 *
 * A facet counter (xe_facets) is fed by a match spy of ours (facet_spy) that
 * each run of an enquire it was added to gets afresh (facet_runs, an enquire
 * addon); a read-only database handle keeps, per slot, a table of every
 * document's items (facet_tables, a database addon, emptied when the handle
 * is reopened), from which counting costs far less than reading each
 * document's value. xe_enquire_count_directly counts the matches from the
 * posting lists of the query's terms and the facets from those tables,
 * without the matcher.
 */
#include "xapian-ext-facets.h"

#include "xapian-c-internal.hh"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

using namespace xc_internal;

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
class facet_tables : public database_addon {
  public:
    explicit facet_tables(bool writable) : cache_tables(!writable) {}

    struct entry {
        std::shared_ptr<const facet_table> table;
        unsigned long long documents_counted = 0;
    };
    std::map<std::pair<Xapian::valueno, char>, entry> slots;
    /* Slots whose table is built at once, not after some counting
     * (xe_facets_prepare); kept over a reopen. */
    std::set<std::pair<Xapian::valueno, char>> prepared;
    bool cache_tables;   /* false for a writable handle: its documents change under us */
    /* A remote shard cannot run facet_spy (the server knows only Xapian's
     * own spies): count whole values with ValueCountMatchSpy and split them
     * afterwards.  Set once a get_mset told us so. */
    bool whole_values = false;

    /* After a reopen or a new shard, docids may mean other documents. */
    void database_changed() override { slots.clear(); }
};

/* The facet tables of the database handle that has these addons. */
facet_tables &tables_of(const std::shared_ptr<database_addons> &addons)
{
    return addons->get<facet_tables>(addons->writable());
}

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
        if (table_->first[did] < table_->first[did + 1])
            ++with_items_;
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
        bool any = false;
        facet_table::for_each_item(value, separator_, [&](std::string &&item) {
            ++by_name_[std::move(item)];
            any = true;
        });
        with_items_ += any;
    }

    Xapian::doccount seen() const { return seen_; }
    Xapian::doccount with_items() const { return with_items_; }
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
    Xapian::doccount seen_ = 0, read_ = 0, with_items_ = 0;
};

/* What an xe_facets counts; shared by the xe_facets handle and by every
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
    Xapian::doccount whole_with_items = 0;   /* with whole_spy, once split */

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
        whole_with_items = 0;
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

    /* Documents seen with at least one item. */
    Xapian::doccount with_items()
    {
        if (spy.get())
            return spy->with_items();
        split();
        return whole_with_items;
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
            bool any = false;
            facet_table::for_each_item(*v, separator, [&](std::string &&item) {
                counts[item] += n;
                any = true;
            });
            if (any)
                whole_with_items += n;
        }
        items.assign(counts.begin(), counts.end());
        std::stable_sort(items.begin(), items.end(),
                         [](const std::pair<std::string, unsigned> &a,
                            const std::pair<std::string, unsigned> &b) {
                             return a.second > b.second;
                         });
    }
};

/* The facet counters added to an enquire: each of its runs gives each
 * counter a fresh spy, so that its counts are over that run only (a spy
 * accumulates over every run). */
class facet_runs : public enquire_addon {
  public:
    std::vector<std::shared_ptr<facet_counter>> facets;

    void before_run(xc_enquire &enq) override;
    void after_run(xc_enquire &enq) override;
    bool retry_unimplemented(xc_enquire &enq) override;

  private:
    std::vector<facet_tables::entry *> entries_;   /* of this run, by counter */
};

/* The facet table entry of counter's slot in enq's database handle, its
 * table built when the counters have read as many values one by one as
 * building it reads; NULL when the handle keeps no tables.  Over several
 * shards a spy is handed documents that know only their docid in their shard
 * (Document::get_docid), so there the values are read one by one. */
facet_tables::entry *facet_entry(xc_enquire &enq, const facet_counter &counter)
{
    facet_tables &tables = tables_of(enq.db_addons);
    /* A remote shard: a table would be read over the network, value by
     * value, and the server counts whole values anyway. */
    if (!tables.cache_tables || tables.whole_values || enq.db_addons->remote() ||
        enq.database.size() != 1)
        return nullptr;
    const std::pair<Xapian::valueno, char> key{counter.slot, counter.separator};
    facet_tables::entry &e = tables.slots[key];
    if (!e.table && (e.documents_counted >= enq.database.get_doccount() ||
                     tables.prepared.count(key)))
        e.table = std::make_shared<const facet_table>(enq.database, counter.slot,
                                                      counter.separator);
    return &e;
}

void facet_runs::before_run(xc_enquire &enq)
{
    entries_.clear();
    const bool whole_values = tables_of(enq.db_addons).whole_values || enq.db_addons->remote();
    for (auto &counter : facets) {
        facet_tables::entry *e = facet_entry(enq, *counter);
        entries_.push_back(e);
        enq.enq.add_matchspy(counter->renew(e ? e->table : nullptr, whole_values));
    }
}

void facet_runs::after_run(xc_enquire &enq)
{
    (void)enq;
    for (size_t i = 0; i < entries_.size(); ++i)
        if (entries_[i] && facets[i]->spy.get())
            entries_[i]->documents_counted += facets[i]->spy->values_read();
}

/* A remote shard refused facet_spy (it cannot be serialised): count whole
 * values from now on. */
bool facet_runs::retry_unimplemented(xc_enquire &enq)
{
    facet_tables &tables = tables_of(enq.db_addons);
    if (facets.empty() || tables.whole_values)
        return false;
    tables.whole_values = true;
    return true;
}

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

struct xe_facets {
    std::shared_ptr<facet_counter> counter;
};

xc_status xe_facets_create(unsigned slot, char separator, xe_facets **out)
{
    XC_REQUIRE(out);
    *out = NULL;
    if (slot == Xapian::BAD_VALUENO)
        return XC_INVALID_ARGUMENT;
    std::string err;
    return guarded(err, [&] {
        std::unique_ptr<xe_facets> h(new xe_facets);
        h->counter = std::make_shared<facet_counter>(slot, separator);
        *out = h.release();
        return XC_OK;
    });
}

void xe_facets_destroy(xe_facets *f)
{
    delete f;   /* drops our share of the counter; enquires keep theirs */
}

xc_status xe_facets_prepare(xc_database *db, unsigned slot, char separator)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        facet_tables &cache = tables_of(db->addons);
        const std::pair<Xapian::valueno, char> key{slot, separator};
        cache.prepared.insert(key);
        if (!cache.cache_tables || cache.whole_values || db->addons->remote() ||
            db->db.size() != 1)
            return XC_OK;
        facet_tables::entry &e = cache.slots[key];
        if (!e.table)
            e.table = std::make_shared<const facet_table>(db->db, slot, separator);
        return XC_OK;
    });
}

xc_status xe_enquire_add_facets(xc_enquire *enq, xe_facets *facets)
{
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        if (!facets)
            return invalid(enq->error, "xe_enquire_add_facets: facets is NULL");
        /* The spy itself is attached by each run (a fresh one each time). */
        auto &list = enq->addon<facet_runs>().facets;
        if (std::find(list.begin(), list.end(), facets->counter) == list.end())
            list.push_back(facets->counter);
        return XC_OK;
    });
}

xc_status xe_enquire_clear_facets(xc_enquire *enq)
{
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        enq->enq.clear_matchspies();
        if (facet_runs *runs = enq->find_addon<facet_runs>())
            runs->facets.clear();
        return XC_OK;
    });
}

xc_status xe_enquire_count_directly(xc_enquire *enq, unsigned *count, int *counted)
{
    if (counted)
        *counted = 0;
    XC_REQUIRE(enq);
    return guarded(enq->error, [&] {
        if (!count || !counted)
            return invalid(enq->error, "xe_enquire_count_directly: count or counted is NULL");
        /* Over a remote shard the posting lists would cross the network:
         * the server's matcher counts for less. */
        if (enq->cutoff != 0 || enq->db_addons->remote())
            return XC_OK;
        static const std::vector<std::shared_ptr<facet_counter>> none;
        const facet_runs *runs = enq->find_addon<facet_runs>();
        const auto &facets = runs ? runs->facets : none;
        std::vector<facet_tables::entry *> entries;
        for (auto &counter : facets) {
            facet_tables::entry *e = facet_entry(*enq, *counter);
            if (!e || !e->table)
                return XC_OK;   /* values would be read one by one: the matcher's job */
            entries.push_back(e);
        }
        std::vector<Xapian::docid> docids;
        if (!matching_docids(enq->database, enq->enq.get_query(), docids))
            return XC_OK;
        for (size_t i = 0; i < facets.size(); ++i) {
            facet_counter &counter = *facets[i];
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

unsigned xe_facets_documents_seen(const xe_facets *f)
{
    return f ? static_cast<unsigned>(f->counter->seen()) : 0;
}

unsigned xe_facets_documents_with_items(xe_facets *f)
{
    if (!f)
        return 0;
    try {
        return static_cast<unsigned>(f->counter->with_items());
    } catch (...) {
        return 0;   /* out of memory while splitting: as xe_facets_size */
    }
}

size_t xe_facets_size(xe_facets *f)
{
    if (!f)
        return 0;
    try {
        return f->counter->size();
    } catch (...) {
        return 0;   /* out of memory: no items (xe_facets_get reports it) */
    }
}

xc_status xe_facets_get(xe_facets *f, size_t i, const char **item, unsigned *count)
{
    if (item)
        *item = NULL;
    XC_REQUIRE(f);
    std::string err;   /* xe_facets has no error text: status only */
    return guarded(err, [&] {
        if (!item || !count)
            return XC_INVALID_ARGUMENT;
        if (!f->counter->get(i, item, count))
            return XC_INVALID_ARGUMENT;
        return XC_OK;
    });
}

