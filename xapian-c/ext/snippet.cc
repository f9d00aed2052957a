/* snippet.cc — a faster MSet::snippet for English text. See xapian-ext-snippet.h.
 *
 * Two shortcuts, each giving the snippet MSet::snippet gives: a stemmer that
 * answers the words that cannot give a stemmed query term without stemming
 * them (query_first_byte_stem), and a start past the long stretch of text
 * before the first word that may match (snippet_start). Both rest on what
 * the English (Porter2) stemmer does and on how MSet::snippet splits words,
 * so they are the application's, not the binding's.
 */
#include "xapian-ext-snippet.h"

#include "xapian-c-internal.hh"

#include <algorithm>
#include <cstring>
#include <set>
#include <string>
#include <utility>

using namespace xc_internal;

namespace {

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

} /* namespace */

xc_status xe_mset_snippet(xc_mset *m, const char *text, size_t len, size_t length,
                          const char *language, unsigned flags, const char *hi_start,
                          const char *hi_end, const char *omit, char **out)
{
    if (out)
        *out = NULL;
    XC_REQUIRE(m);
    return guarded(m->error, [&] {
        if ((!text && len) || !out)
            return invalid(m->error, "xe_mset_snippet: text or out is NULL");
        const unsigned known = XC_SNIPPET_BACKGROUND_MODEL | XC_SNIPPET_EXHAUSTIVE |
                               XC_SNIPPET_EMPTY_WITHOUT_MATCH | XE_SNIPPET_WHOLE_TEXT;
        if (flags & ~known)
            return invalid(m->error, "xe_mset_snippet: unknown flag");
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
        if (!background && !(flags & XE_SNIPPET_WHOLE_TEXT) && english && hi_start && *hi_start) {
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
