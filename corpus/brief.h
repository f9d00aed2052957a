/* brief.h — the brief record: what every reader produces and every tool consumes.
 *
 * A brief is one news item: a title, a body, an optional date, source and id,
 * and the people and countries named for it by its source (a header, a JSON
 * field, Reuters' own tags).  Readers fill it; extraction adds what it finds
 * in the text; the indexer turns it into a Xapian document through schema.h.
 *
 * Every string is NUL-terminated, valid UTF-8 and owned by the record, freed by
 * brief_clear().  A field that the source did not give is NULL (lists: empty).
 */
#ifndef BRIEFS_BRIEF_H
#define BRIEFS_BRIEF_H

#include <stddef.h>

/* The most items a brief's list (people, countries, topics) keeps: a header
 * or a JSON array that names more is cut there, with a warning (the readers
 * say so through _reader_emit). No real brief names a thousand people; the
 * bound keeps a hostile header of millions of names from costing time and
 * memory in every step after the reader. */
#define BRIEF_LIST_MAX 1000

/* The most bytes a brief's title, source or URL keeps: a longer one is cut
 * (at a character boundary) with a warning, so that a hostile header line of
 * megabytes costs no more than its reading. */
#define BRIEF_FIELD_MAX 4096

/* A growable list of owned strings. */
typedef struct brief_list {
    char **items;
    size_t count;
    size_t cap;
    size_t dropped;   /* items a reader did not keep: the list held BRIEF_LIST_MAX */
} brief_list;

/* One header line the schema does not know ("Desk: Asia"), kept as given. */
typedef struct brief_field {
    char *key;   /* lower-cased key */
    char *value;
} brief_field;

typedef struct brief {
    char *id;          /* unique id given by the source (ID: header, JSON "id",
                          reuters-NEWID); NULL: the indexer derives one from the path */
    char *title;       /* never NULL once a reader has returned the brief */
    char *date;        /* ISO 8601 "YYYY-MM-DD", or NULL when absent or unparseable */
    char *source;      /* "CNN", "Reuters"; NULL when absent */
    char *url;         /* NULL when absent */
    char *body;        /* the text; never NULL (may be "") */
    size_t body_len;   /* strlen(body) */

    brief_list people;     /* display names given by the source ("Jake Sullivan") */
    brief_list countries;  /* names, codes or adjectives as given ("US", "China") */
    brief_list topics;     /* the brief's own topics or tags (Topics: or Tags:
                              header, JSON "topics", Reuters TOPICS), lower
                              case ("oil", "crude") */

    /* Gold tags of a labelled source (Reuters-21578 PLACES and PEOPLE), kept
     * apart so that extraction can be measured against them. Lower case, as the
     * source writes them ("usa", "james-baker"). */
    brief_list gold_places;
    brief_list gold_people;

    brief_field *extra;    /* unknown header keys, in order */
    size_t extra_count;
    size_t extra_cap;      /* room in extra (array.h) */

    const char *path;      /* the file it came from (borrowed from the reader) */
    long ordinal;          /* 1-based position of the brief in its file: the
                              line of a JSON Lines file, the story of an SGML file;
                              0 for a file that holds one brief */
} brief;

/* Set every field of *b to empty. Cannot fail. */
void brief_init(brief *b);

/* Free everything *b owns and leave it as brief_init() does. Accepts NULL. */
void brief_clear(brief *b);

/* Append a copy of the first len bytes of s to *list, however long it is
 * (the file table's lists of ids are brief_lists too: the readers apply
 * BRIEF_LIST_MAX to a brief's own lists themselves). Returns 0, or -1 when
 * memory runs out (the list is unchanged). */
int brief_list_add(brief_list *list, const char *s, size_t len);

/* Add a brief's own list item s[0..len) as the readers do: skipped when
 * *list already holds it, counted in list->dropped (not looked up) when
 * *list is full (BRIEF_LIST_MAX), else appended. Returns 0, or -1 when
 * memory runs out (the list is unchanged). */
int brief_list_add_new(brief_list *list, const char *s, size_t len);

/* Return 1 when *list already holds a string equal to s, else 0. */
int brief_list_contains(const brief_list *list, const char *s);

/* Non-zero when *list holds BRIEF_LIST_MAX items: a reader filling a brief's
 * people, countries or topics adds nothing more (it counts it in dropped). */
int brief_list_full(const brief_list *list);

/* Free the strings of *list and empty it (dropped back to 0). */
void brief_list_clear(brief_list *list);

/* Replace *field (freeing its old value) with a copy of the first len bytes
 * of s. Returns 0, or -1 when memory runs out (the field is unchanged). */
int brief_set(char **field, const char *s, size_t len);

/* Append an unknown header field. Returns 0, or -1 when memory runs out. */
int brief_add_extra(brief *b, const char *key, const char *value);

#endif
