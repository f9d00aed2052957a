/* query_build.h — the user's query and filters → one Xapian query.
 *
 * The parser is configured from the schema table (schema.h): title: searches
 * the title's terms; person: and country: accept any alias the gazetteers know,
 * in any case; date: takes a day, a month, a year or a range A..B; source: and
 * id: filter by their boolean terms.  The command-line filters (--person,
 * --country, --since, --until) are added as filters: they never change the
 * ranking.
 */
#ifndef BRIEFS_QUERY_BUILD_H
#define BRIEFS_QUERY_BUILD_H

#include <stddef.h>

#include "extract.h"
#include "xapian-c.h"

typedef struct query_request {
    const char *text;              /* the query string; "" or NULL: every brief */
    int any;                       /* default operator OR instead of AND */
    const char *const *people;     /* --person values, each a filter (ANDed) */
    size_t npeople;
    const char *const *countries;  /* --country values, each a filter (ANDed) */
    size_t ncountries;
    const char *since, *until;     /* ISO dates "YYYY-MM-DD" (inclusive), or NULL */
} query_request;

typedef struct query_built {
    xc_query *query;     /* the query to run; the caller destroys it */
    char *suggestion;    /* "did you mean" query string, or NULL; the caller frees */
    unsigned nterms;     /* terms in the parsed query (for BM25's query length) */
    int boolean;         /* AND, OR, NOT … were read as operators (query_analyse) */
    int any;             /* the words were ORed (--any, or a long query) */
    int sentence;        /* more ranking words than an ANDed query has: the
                            words were ORed for their number, not for --any */
} query_built;

/* What a query string looks like, before it is parsed. */
typedef struct query_shape {
    unsigned words;      /* words that rank: not operators, not stopwords */
    unsigned operators;  /* AND, OR, NOT, XOR, NEAR, ADJ in upper case */
    int syntax;          /* brackets, quotes, field:, +word, -word or word* */
    int boolean;         /* operators are operators (else they are words) */
} query_shape;

/* Decide how to read text. Upper-case AND, OR, NOT, XOR, NEAR and ADJ are
 * operators when the query is clearly boolean: it has other syntax (brackets,
 * quotes, a field:, +word, -word, word*), or it is short (six words or fewer,
 * operators included) and not all in capitals. Otherwise — a sentence, a
 * headline in capitals — they are words like any other. */
void query_analyse(const char *text, query_shape *out);

/* Non-zero when text may use a field whose values resolve through the
 * extractor's aliases (person:, country:, about:, in any case): query_build
 * then needs an extractor. A cheap superset check, for creating it lazily. */
int query_text_needs_aliases(const char *text);

/* Build the query for req over db. On success fill *out and return XC_OK. On
 * failure return XC_QUERY_SYNTAX (a query or filter the user must fix: an
 * unknown country, unbalanced syntax) or another status, with a one-line
 * message in err (errlen bytes); *out is then empty. */
xc_status query_build(xc_database *db, const extractor *ex, const query_request *req,
                      query_built *out, char *err, size_t errlen);

/* Free what *q owns. Accepts NULL. */
void query_built_clear(query_built *q);

/* The filter query for one person alias (person:sullivan matches every
 * indexed person whose surname is Sullivan). XC_QUERY_SYNTAX for an empty
 * name. Used by the parser's person: field and by --person. */
xc_status query_person_filter(xc_database *db, const extractor *ex, const char *name,
                              xc_query **out);

/* The filter query for one country alias. XC_QUERY_SYNTAX for a name that is
 * no country. */
xc_status query_country_filter(const extractor *ex, const char *name, xc_query **out);

#endif
