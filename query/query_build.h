/* query_build.h — the user's query and filters → one Xapian query.
 *
 * The parser is configured from the schema table (schema.h): a text field
 * with a prefix (title:) searches its terms; a boolean field filters, its
 * value read by its row's schema_resolve: person:, country: and about:
 * accept any alias the gazetteers know, in any case; date: takes a day, a
 * month, a year or a range A..B; source: and id: take the value itself. The
 * command-line filters (the fields' options, --person …, and --since,
 * --until) are the same filters: a field's value is resolved the same way
 * whether it is typed in the query or given as an option, and neither ever
 * ranks.
 */
#ifndef BRIEFS_QUERY_BUILD_H
#define BRIEFS_QUERY_BUILD_H

#include <stddef.h>

#include "extract.h"
#include "xapian-c.h"

/* One filter given apart from the query text: field:value as the query
 * syntax reads it (field the name of a SCHEMA_BOOLEAN field). */
typedef struct query_filter {
    const char *field;   /* "person" */
    const char *value;   /* "sullivan" */
    const char *option;  /* how the user gave it, for messages ("--person"); NULL: field */
} query_filter;

typedef struct query_request {
    const char *text;              /* the query string; "" or NULL: every brief */
    int any;                       /* default operator OR instead of AND */
    const query_filter *filters;   /* each a filter, ANDed with the query; a
                                      value with commas ("us,cn") is any of
                                      its items */
    size_t nfilters;
    const char *since, *until;     /* ISO dates "YYYY-MM-DD" (inclusive), or NULL */
} query_request;

typedef struct query_built {
    xc_query *query;     /* the query to run; the caller destroys it */
    char *suggestion;    /* "did you mean" query string, or NULL; the caller frees */
    char **hints;        /* for each field value no brief holds: a line naming the
                            nearest values the index holds; the caller frees */
    size_t nhints;
    unsigned nterms;     /* terms in the parsed query (for BM25's query length) */
    int boolean;         /* AND, OR, NOT … were read as operators (query_analyse) */
    int any;             /* the words were ORed (--any, or a long query) */
    int sentence;        /* more ranking words than an ANDed query has: the
                            words were ORed for their number, not for --any */
} query_built;

/* What a query string looks like, before it is parsed. */
/* The longest query text query_build accepts, in bytes, so that no line of a
 * batch can take the process's memory or time (a query of 190 KB ran for
 * minutes: the parser's work grows faster than its length). */
#define QUERY_MAX_BYTES 4096

typedef struct query_shape {
    unsigned words;      /* words that rank: not operators, not stopwords, not
                            a field's name nor a filter's value (country:japan) */
    unsigned operators;  /* AND, OR, NOT, XOR, NEAR, ADJ in upper case */
    unsigned tokens;     /* everything between white space: words, operators,
                            fields */
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
 * extractor's aliases (schema_field_by_gazetteer: person:, country:,
 * about:, in any case): query_build
 * then needs an extractor. A cheap superset check, for creating it lazily. */
int query_text_needs_aliases(const char *text);

/* Non-zero when building req needs an extractor: its text may
 * (query_text_needs_aliases), or one of its filters is of such a field. */
int query_request_needs_aliases(const query_request *req);

/* Build the query for req over db. On success fill *out and return XC_OK;
 * a field value that resolves but that no brief holds (person:nobody,
 * source:reuter) adds a hint to out->hints. On failure return
 * XC_QUERY_SYNTAX (a query or filter the user must fix: an unknown country —
 * the message then names the nearest the index holds —, unbalanced syntax)
 * or another status, with a one-line message in err (errlen bytes); *out is
 * then empty. ex may be NULL when !query_request_needs_aliases(req). */
xc_status query_build(xc_database *db, const extractor *ex, const query_request *req,
                      query_built *out, char *err, size_t errlen);

/* Free what *q owns. Accepts NULL. */
void query_built_clear(query_built *q);

/* The filter query for one person alias (person:sullivan matches every
 * indexed person whose surname is Sullivan). XC_QUERY_SYNTAX for an empty
 * name. What person:NAME and --person NAME resolve to (SCHEMA_PERSON). */
xc_status query_person_filter(xc_database *db, const extractor *ex, const char *name,
                              xc_query **out);

/* The filter query for one country alias: what country:NAME and --country
 * NAME resolve to (SCHEMA_COUNTRY). XC_QUERY_SYNTAX for a name that is no
 * country. */
xc_status query_country_filter(const extractor *ex, const char *name, xc_query **out);

#endif
