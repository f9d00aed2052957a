/* help.c — brief-query --help. See help.h. */
#include "help.h"

#include <string.h>

#include "schema.h"
#include "search.h"

/* Where an entry's text starts, and the last column it fills. */
#define HELP_COLUMN 25
#define HELP_WIDTH 79

static const char head[] =
    "Usage: brief-query [OPTION]... [QUERY]...\n"
    "Search the briefs index and print the best matches, ranked by BM25. With no\n"
    "QUERY, every brief that passes the filters matches (browse).\n"
    "\n"
    "Query syntax: words (up to three: all must match; more, or --any: the more\n"
    "the better; common words such as 'the' are dropped), \"a phrase\", AND, OR,\n"
    "NOT (words, not operators, in a query of more than six words or in one all\n"
    "in capitals, unless it has other syntax), brackets, +must, -mustnot, a\n"
    "trailing * (wildcard), and fields:\n";

static const char filters[] =
    "A field other than title: filters and is no word: person:NAME matches as\n"
    "--person NAME does (each field with an option below alike). A value no\n"
    "brief holds gets a hint naming the nearest values the index holds.\n"
    "\n"
    "  -d, --db DB            the index (default: $BRIEFS_DB, else the\n"
    "                         configuration's db, else ./briefs.db); repeat to\n"
    "                         search several indexes as one; a Xapian stub file\n"
    "                         (or a directory holding XAPIANDB) searches its\n"
    "                         shards: auto PATH, remote HOST:PORT (xapian-tcpsrv)\n"
    "  -n, --limit N          show at most N briefs (default 10)\n"
    "      --offset N         skip the first N briefs (default 0)\n"
    "      --any              match briefs with any of the words, not all\n"
    "      --explain          show the words each brief matched and their weight\n"
    "      --no-expand        rank by the query's words alone; by default, in a\n"
    "                         query of more than three ranking words, the\n"
    "                         words that mark the best match weigh a little too\n"
    "                         (pseudo-relevance feedback: it reorders the matches,\n"
    "                         never adds or drops one; not with --sort date)\n";

static const char like[] =
    "      --like ID          the briefs most like brief ID, itself left out: its\n"
    "                         distinctive words (Xapian's ESet of it), those dated\n"
    "                         near it a little higher; a QUERY and filters narrow\n"
    "                         them and never rank\n";

static const char dates_and_sort[] =
    "      --since DATE       only briefs dated DATE or later\n"
    "      --until DATE       only briefs dated DATE or earlier\n"
    "      --sort ORDER       relevance (default), date (oldest first), -date\n";

static const char tail[] =
    "      --facet-limit N    show the N most frequent values of a facet (default 10)\n"
    "      --format FORMAT    text (default), json, or ids (one id a line)\n"
    "      --color WHEN       highlight matches in bold: auto (default: on a\n"
    "                         terminal), always, never\n"
    "      --batch FILE       run one query per line of FILE ('-': standard input),\n"
    "                         printing one JSON line of results per query, each\n"
    "                         from the index as last committed\n"
    "      --timeout MS       give up on a query after MS milliseconds (exit 75;\n"
    "                         in --batch an error line, and on to the next); a\n"
    "                         remote shard that takes longer to connect, or to\n"
    "                         answer any one exchange, is missing (default 10 s)\n"
    "      --allow-partial    answer from the shards that answer, saying which\n"
    "                         are missing; without it a missing shard is an error\n"
    "                         naming it (exit 74)\n"
    "      --config FILE      read the configuration from FILE alone (default:\n"
    "                         $BRIEFS_CONFIG alone, else /etc/briefs.conf, then\n"
    "                         ~/.config/briefs/config; briefs(5)); the command\n"
    "                         line wins over it\n"
    "      --show-config      print the settings in effect as a configuration\n"
    "                         file, and exit\n"
    "      --list-facets      print the fields --facets takes, one a line, and exit\n"
    "  -h, --help             show this help and exit\n"
    "      --version          show the version and exit\n"
    "\n"
    "A query may be up to 4096 bytes and 256 words long; a word* may stand for up\n"
    "to 1000 words.\n"
    "\n"
    "Exit status: 0 some brief matched; 1 none matched; 2 usage or query syntax\n"
    "error; 74 the index, or a shard, could not be read; 75 --timeout passed.\n"
    "\n"
    "Environment: BRIEFS_DB, the default index; BRIEFS_CONFIG, the configuration\n"
    "file; XDG_CONFIG_HOME, where the user's is.\n";

/* The end of the word at p: a space ends it, but not one inside quotes
 * (person:"Jake Sullivan" is not cut in two). */
static const char *word_end(const char *p)
{
    int quoted = 0;
    for (; *p && (quoted || *p != ' '); p++)
        if (*p == '"')
            quoted = !quoted;
    return p;
}

/* One entry: left, then text from HELP_COLUMN, its words wrapped to lines
 * of at most HELP_WIDTH columns (a word longer than a line is not cut). */
static void entry(FILE *out, const char *left, const char *text)
{
    int col = fprintf(out, "%s", left);
    if (col > HELP_COLUMN - 2) {
        fputc('\n', out);
        col = 0;
    }
    fprintf(out, "%*s", HELP_COLUMN - col, "");
    col = HELP_COLUMN;
    int first = 1;
    for (const char *p = text; *p;) {
        while (*p == ' ')
            p++;
        const char *end = word_end(p);
        int n = (int)(end - p);
        if (n == 0)
            break;
        if (!first && col + 1 + n > HELP_WIDTH) {
            fprintf(out, "\n%*s", HELP_COLUMN, "");
            col = HELP_COLUMN;
            first = 1;
        }
        if (!first) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, (size_t)n, out);
        col += n;
        first = 0;
        p = end;
    }
    fputc('\n', out);
}

void help_print(FILE *out)
{
    char left[64], text[512];
    fputs(head, out);
    for (size_t i = 0; i < SCHEMA_FIELD_COUNT; i++) {
        const schema_field *f = &schema_fields[i];
        if (f->kind == SCHEMA_BOOLEAN || (f->kind == SCHEMA_TEXT && f->prefix[0])) {
            snprintf(left, sizeof left, "  %s:%s", f->name, f->arg);
            entry(out, left, f->help);
        }
    }
    fputs(filters, out);
    for (size_t i = 0; i < SCHEMA_FIELD_COUNT; i++) {
        const schema_field *f = &schema_fields[i];
        if (f->option) {
            snprintf(left, sizeof left, "      --%s %s", f->name, f->arg);
            snprintf(text, sizeof text,
                     "%s (repeated: all must hold; comma-separated, --%s A,B: any may)",
                     f->option, f->name);
            entry(out, left, text);
        }
    }
    fputs(like, out);
    fputs(dates_and_sort, out);
    size_t used = (size_t)snprintf(text, sizeof text,
                                   "count the values of each facet of LIST (comma-separated:");
    for (int i = 0, n = 0; i < SEARCH_FACET_COUNT && used < sizeof text; i++)
        if (search_facet_name(i))
            used += (size_t)snprintf(text + used, sizeof text - used, "%s %s",
                                     n++ ? "," : "", search_facet_name(i));
    if (used < sizeof text)
        snprintf(text + used, sizeof text - used,
                 ", or all) over every match, exactly: the top values, how many distinct, "
                 "and the matches with none; year and month: every one of the matches' "
                 "range, in date order, empty ones as 0 (default: the configuration's "
                 "facets; '' none)");
    entry(out, "      --facets LIST", text);
    entry(out, "      --facet-order ORDER",
          "count (default) or significance: the values that occur unusually often in the "
          "matches, against the whole index, first (as Elasticsearch's significant_terms; "
          "values of at least 3 matches)");
    fputs(tail, out);
}
