/* spelling.cc — spelling data counted per document. See xapian-ext-spelling.h. */
#include "xapian-ext-spelling.h"

#include "xapian-c-internal.hh"

#include <functional>
#include <string>
#include <unordered_map>

using namespace xc_internal;

namespace {

/* The spelling words counted on a writable handle, handed to Xapian at its
 * commit: one add_spelling per distinct word instead of one per word of
 * every document (TermGenerator's FLAG_SPELLING), which costs a third of the
 * time of indexing news. */
class spelling_counts : public database_addon {
  public:
    std::unordered_map<std::string, unsigned> words;

    void before_commit(Xapian::WritableDatabase &w) override
    {
        for (const auto &word : words)
            w.add_spelling(word.first, word.second);
        words.clear();
    }
};

} /* namespace */

xc_status xe_spelling_add_document(xc_database *db, const xc_document *doc)
{
    XC_REQUIRE(db);
    return guarded(db->error, [&] {
        if (!doc)
            return invalid(db->error, "xe_spelling_add_document: doc is NULL");
        if (!db->writable)
            return read_only(db->error, "xe_spelling_add_document");
        auto &words = db->addons->get<spelling_counts>().words;
        for (auto t = doc->doc.termlist_begin(); t != doc->doc.termlist_end(); ++t) {
            const std::string &term = *t;
            /* Words are the unprefixed terms: prefixes and stems (Z) are
             * upper case; a term starting with a digit is no word to suggest. */
            unsigned char c = term.empty() ? 0 : static_cast<unsigned char>(term[0]);
            if (c == 0 || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                continue;
            words[term]++;
        }
        return XC_OK;
    });
}

xc_status xe_spelling_take(xc_database *into, xc_database *from, unsigned part,
                           unsigned nparts)
{
    XC_REQUIRE(into);
    return guarded(into->error, [&] {
        if (!from || nparts == 0 || part >= nparts)
            return invalid(into->error, "xe_spelling_take: no from, or no such part");
        if (!into->writable || !from->writable)
            return read_only(into->error, "xe_spelling_take");
        if (into == from)
            return XC_OK;
        auto &to = into->addons->get<spelling_counts>().words;
        auto &taken = from->addons->get<spelling_counts>().words;
        if (nparts == 1 && to.empty()) {
            /* All of it into a handle with none (a new shard): hand the table
             * over instead of moving each word. */
            to.swap(taken);
            return XC_OK;
        }
        std::hash<std::string> hash;
        for (auto w = taken.begin(); w != taken.end();) {
            if (nparts == 1 || hash(w->first) % nparts == part) {
                to[w->first] += w->second;
                w = taken.erase(w);
            } else {
                ++w;
            }
        }
        return XC_OK;
    });
}
