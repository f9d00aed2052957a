/* main.c — brief-query: the command line. */
#include <errno.h>
#include <jansson.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "dates.h"
#include "exits.h"
#include "extract.h"
#include "feedback.h"
#include "help.h"
#include "open_index.h"
#include "params.h"
#include "print.h"
#include "query_build.h"
#include "schema.h"
#include "search.h"
#include "shards.h"
#include "similar.h"
#include "utf8.h"
#include "xapian-c.h"

/* The longest --timeout: a day. */
#define TIMEOUT_MAX_MS (24u * 3600u * 1000u)

/* The largest count an option takes (offset + limit must not wrap). */
#define COUNT_MAX (UINT_MAX / 2)

/* OPT_FIELD + id: the option of field id (schema.h). */
enum { OPT_OFFSET = 256, OPT_ANY, OPT_SINCE, OPT_UNTIL, OPT_SORT, OPT_FACETS, OPT_FACET_LIMIT,
       OPT_FACET_ORDER, OPT_FORMAT, OPT_COLOR, OPT_BATCH, OPT_VERSION, OPT_EXPLAIN, OPT_NO_EXPAND,
       OPT_TIMEOUT, OPT_CONFIG, OPT_SHOW_CONFIG, OPT_LIST_FACETS, OPT_LIKE, OPT_ALLOW_PARTIAL,
       OPT_FIELD = 1024 };

/* The options of no field; each field with an option adds its own
 * (make_long_options). */
static const struct option fixed_options[] = {
    {"db", required_argument, NULL, 'd'},
    {"limit", required_argument, NULL, 'n'},
    {"offset", required_argument, NULL, OPT_OFFSET},
    {"any", no_argument, NULL, OPT_ANY},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"no-expand", no_argument, NULL, OPT_NO_EXPAND},
    {"like", required_argument, NULL, OPT_LIKE},
    {"since", required_argument, NULL, OPT_SINCE},
    {"until", required_argument, NULL, OPT_UNTIL},
    {"sort", required_argument, NULL, OPT_SORT},
    {"facets", required_argument, NULL, OPT_FACETS},
    {"facet-limit", required_argument, NULL, OPT_FACET_LIMIT},
    {"facet-order", required_argument, NULL, OPT_FACET_ORDER},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"color", required_argument, NULL, OPT_COLOR},
    {"batch", required_argument, NULL, OPT_BATCH},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"allow-partial", no_argument, NULL, OPT_ALLOW_PARTIAL},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"show-config", no_argument, NULL, OPT_SHOW_CONFIG},
    {"list-facets", no_argument, NULL, OPT_LIST_FACETS},
};
#define NFIXED_OPTIONS (sizeof fixed_options / sizeof fixed_options[0])

typedef enum output_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_IDS } output_format;

#define MAX_LIST 64

/* --batch's output buffer: room for a result line with long briefs. */
#define BATCH_OUTPUT_BUFFER (1 << 20)

typedef struct options {
    const char *dbs[MAX_LIST];
    size_t ndbs;
    query_filter filters[MAX_LIST];   /* the fields' options: --person, … */
    char labels[SCHEMA_FIELD_COUNT][32]; /* "--person", for their messages */
    char since[11], until[11];
    query_request qreq;
    search_request sreq;
    output_format format;
    int color;          /* -1 auto */
    const char *batch;  /* --batch FILE */
    int no_expand;      /* --no-expand */
    int facets_given;   /* --facets: the configuration's facets do not apply */
    config cfg;         /* the configuration files (main clears it) */
    const char *like;   /* --like ID */
    shards_options shards; /* --timeout (remote shards), --allow-partial */
} options;

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "brief-query: %s%s%s%s\n", what, arg ? ": '" : "", arg ? arg : "",
            arg ? "'" : "");
    fprintf(stderr, "Try 'brief-query --help' for more information.\n");
    return EXIT_USAGE;
}

static int add_to_list(const char **list, size_t *n, const char *value)
{
    if (*n == MAX_LIST)
        return -1;
    list[(*n)++] = value;
    return 0;
}

/* The long options: the fixed ones, then --NAME for each field of the
 * schema with an option (schema_field.option), which filters as NAME:VALUE
 * does in the query (query_build resolves both alike). */
static void make_long_options(struct option *out)
{
    size_t n = 0;
    for (size_t i = 0; i < NFIXED_OPTIONS; i++)
        out[n++] = fixed_options[i];
    for (int i = 0; i < SCHEMA_FIELD_COUNT; i++)
        if (schema_fields[i].option)
            out[n++] = (struct option){schema_fields[i].name, required_argument, NULL,
                                       OPT_FIELD + i};
    out[n] = (struct option){NULL, 0, NULL, 0};
}

/* When c is a field's option, add its filter (value) to o and return 1
 * (-1: too many filters); else 0. */
static int add_field_option(options *o, int c, const char *value)
{
    if (c < OPT_FIELD || c >= OPT_FIELD + SCHEMA_FIELD_COUNT)
        return 0;
    if (o->qreq.nfilters == MAX_LIST)
        return -1;
    int id = c - OPT_FIELD;
    snprintf(o->labels[id], sizeof o->labels[id], "--%s", schema_fields[id].name);
    o->filters[o->qreq.nfilters++] = (query_filter){
        .field = schema_fields[id].name, .value = value, .option = o->labels[id]};
    return 1;
}

/* --show-config: the settings in effect, as a configuration file would set
 * them (briefs(5)). */
static void show_config(const options *o)
{
    printf("# brief-query: the settings in effect, from");
    for (size_t i = 0; i < o->cfg.files.n; i++)
        printf(" %s,", o->cfg.files.items[i]);
    printf(" the environment and the command line\n");
    for (size_t i = 0; i < o->ndbs; i++)
        printf("db = %s\n", o->dbs[i]);
    printf("facets =");
    for (int i = 0, n = 0; i < SCHEMA_FIELD_COUNT; i++)
        if (search_facet_asked(&o->sreq, i))
            printf("%s %s", n++ ? "," : "", schema_fields[i].name);
    printf("\n");
}

/* Parse argv into *o, then read the configuration into o->cfg for what argv
 * leaves out. Returns -1 to go on, or an exit status. */
static int parse_options(int argc, char **argv, options *o)
{
    struct option long_options[NFIXED_OPTIONS + SCHEMA_FIELD_COUNT + 1];
    char message[256];
    const char *config_file = NULL;
    int c, show = 0;
    make_long_options(long_options);
    o->qreq.filters = o->filters;
    while ((c = getopt_long(argc, argv, "d:n:h", long_options, NULL)) != -1) {
        int added = add_field_option(o, c, optarg);
        if (added < 0)
            return usage_error("too many filters", NULL);
        if (added)
            continue;
        switch (c) {
        case 'd':
            if (add_to_list(o->dbs, &o->ndbs, optarg) != 0)
                return usage_error("too many --db", NULL);
            break;
        case 'n':
            if (cli_parse_count(optarg, COUNT_MAX, &o->sreq.limit) != 0)
                return usage_error("--limit takes a count", optarg);
            break;
        case OPT_OFFSET:
            if (cli_parse_count(optarg, COUNT_MAX, &o->sreq.offset) != 0)
                return usage_error("--offset takes a count", optarg);
            break;
        case OPT_ANY: o->qreq.any = 1; break;
        case OPT_EXPLAIN: o->sreq.explain = 1; break;
        case OPT_NO_EXPAND: o->no_expand = 1; break;
        case OPT_LIKE: o->like = optarg; break;
        case OPT_SINCE:
            if (date_parse_arg(optarg, 0, o->since) != 0)
                return usage_error("--since takes a date such as 2022-03-14", optarg);
            o->qreq.since = o->since;
            break;
        case OPT_UNTIL:
            if (date_parse_arg(optarg, 1, o->until) != 0)
                return usage_error("--until takes a date such as 2022-03-14", optarg);
            o->qreq.until = o->until;
            break;
        case OPT_SORT:
            if (params_sort(optarg, &o->sreq.sort) != 0)
                return usage_error("--sort takes relevance, date or -date", optarg);
            break;
        case OPT_FACETS:
            if (params_facets(optarg, &o->sreq) != 0) {
                char facets[192];
                snprintf(message, sizeof message, "--facets takes %s",
                         params_facets_usage(facets, sizeof facets));
                return usage_error(message, optarg);
            }
            o->facets_given = 1;
            break;
        case OPT_FACET_ORDER:
            if (params_facet_order(optarg, &o->sreq.facet_order) != 0)
                return usage_error("--facet-order takes count or significance", optarg);
            break;
        case OPT_FACET_LIMIT:
            if (cli_parse_count(optarg, COUNT_MAX, &o->sreq.facet_limit) != 0)
                return usage_error("--facet-limit takes a count", optarg);
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                o->format = FORMAT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                o->format = FORMAT_JSON;
            else if (strcmp(optarg, "ids") == 0)
                o->format = FORMAT_IDS;
            else
                return usage_error("--format takes text, json or ids", optarg);
            break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") == 0)
                o->color = -1;
            else if (strcmp(optarg, "always") == 0)
                o->color = 1;
            else if (strcmp(optarg, "never") == 0)
                o->color = 0;
            else
                return usage_error("--color takes auto, always or never", optarg);
            break;
        case OPT_BATCH: o->batch = optarg; break;
        case OPT_TIMEOUT: {
            unsigned ms;
            if (cli_parse_count(optarg, TIMEOUT_MAX_MS, &ms) != 0 || ms == 0)
                return usage_error("--timeout takes milliseconds, 1 or more", optarg);
            o->sreq.timeout = ms / 1000.0;
            o->shards.timeout_ms = ms;   /* and each exchange with a remote shard */
            break;
        }
        case OPT_ALLOW_PARTIAL: o->shards.allow_partial = 1; break;
        case 'h': help_print(stdout); return EXIT_DONE;
        case OPT_VERSION: printf("brief-query %s\n", BRIEFS_VERSION); return EXIT_DONE;
        case OPT_CONFIG: config_file = optarg; break;
        case OPT_SHOW_CONFIG: show = 1; break;
        case OPT_LIST_FACETS:
            /* What --facets takes, one a line (the shell's completion asks). */
            for (int i = 0; i < SEARCH_FACET_COUNT; i++)
                if (search_facet_name(i))
                    printf("%s\n", search_facet_name(i));
            printf("all\n");
            return EXIT_DONE;
        default: return usage_error("invalid option", NULL);
        }
    }

    /* The configuration fills in what the command line left out. */
    char err[CONFIG_WHERE_MAX + 256];
    if (config_load(&o->cfg, config_file, err, sizeof err) != 0) {
        fprintf(stderr, "brief-query: %s\n", err);
        return EXIT_USAGE;
    }
    if (o->ndbs == 0) {
        const char *env = getenv("BRIEFS_DB");
        o->dbs[o->ndbs++] = env && *env ? env : o->cfg.db ? o->cfg.db : "briefs.db";
    }
    if (!o->facets_given && o->cfg.facets && params_facets(o->cfg.facets, &o->sreq) != 0) {
        char facets[192];
        fprintf(stderr, "brief-query: %s: facets takes %s: '%s'\n", o->cfg.facets_where,
                params_facets_usage(facets, sizeof facets), o->cfg.facets);
        return EXIT_USAGE;
    }
    if (show) {
        show_config(o);
        return EXIT_DONE;
    }
    return -1;
}

/* s itself when it is valid UTF-8, else a repaired copy (each bad byte becomes
 * U+FFFD) with s freed: Xapian and the JSON output need UTF-8. NULL when
 * memory runs out (s freed). */
static char *valid_utf8(char *s)
{
    size_t len = strlen(s);
    if (utf8_validate(s, len) == len)
        return s;
    char *fixed = NULL;
    size_t fixed_len;
    if (utf8_repair(s, len, &fixed, &fixed_len) < 0)
        fixed = NULL;
    free(s);
    return fixed;
}

/* The words of the query, joined by spaces, as valid UTF-8 (malloc'd). */
static char *join_words(char **words, int n)
{
    size_t len = 1;
    for (int i = 0; i < n; i++)
        len += strlen(words[i]) + 1;
    char *s = malloc(len);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (i)
            strcat(s, " ");
        strcat(s, words[i]);
    }
    return valid_utf8(s);
}

/* Open the indexes and the shards their stubs name (open_index: tried
 * again while a writer commits). */
static int open_databases(const options *o, shard_set **set)
{
    char err[2048];
    size_t failed = 0;
    xc_status st = open_index_shards(o->dbs, o->ndbs, &o->shards, set, &failed, err, sizeof err);
    if (st != XC_OK) {
        fprintf(stderr, "brief-query: %s\n", err);
        return EXIT_IO;
    }
    if (o->shards.allow_partial && shards_count(*set) < 2) {
        shards_destroy(*set);
        *set = NULL;
        return usage_error("--allow-partial answers from the shards of a stub that answer: "
                           "the index is one database",
                           o->dbs[0]);
    }
    return EXIT_DONE;
}

/* The shards missing from an answer, for print_context (names owned by
 * set); NULL when none. */
static const char **missing_names(const shard_set *set, size_t *n)
{
    *n = shards_missing_count(set);
    const char **names = *n ? calloc(*n, sizeof *names) : NULL;
    for (size_t i = 0; names && i < *n; i++) {
        const char *where, *why;
        shards_missing(set, i, &names[i], &where, &why);
    }
    if (!names)
        *n = 0;
    return names;
}

/* Does answering o->qreq need the extractor (its gazetteers are loaded at
 * start-up, the largest cost of a one-query process)? Its aliases resolve
 * the alias fields of the query and their options
 * (query_request_needs_aliases); its names label facet values. */
static int needs_extractor(const options *o)
{
    for (int i = 0; i < SCHEMA_FIELD_COUNT; i++)   /* the histograms need no names */
        if (search_facet_asked(&o->sreq, i) && schema_field_by_gazetteer(&schema_fields[i]))
            return 1;
    return query_request_needs_aliases(&o->qreq);
}

/* Run one query and print its result, creating *ex first when the query
 * needs it. A remote shard failing while it answers (XC_NETWORK_ERROR):
 * every remote shard is connected to afresh and the query runs again; one
 * that cannot be reached fails the query, or, with --allow-partial, is left
 * out of the answer, which says so. Returns the exit status for it. */
static int run_query(shard_set *set, extractor **ex, options *o, const char *text, int batch)
{
    query_built q = {0};
    search_result r = {0};
    char err[2048];
    int status, attempts = 0;
    xc_database *db;

again:
    db = shards_database(set);
    o->qreq.text = text;
    if (!*ex && needs_extractor(o) && extractor_create(ex) != 0) {
        fprintf(stderr, "brief-query: out of memory\n");
        return EXIT_IO;
    }
    similar_search like = {0};
    xc_status st = query_build(db, *ex, &o->qreq, &q, err, sizeof err);
    if (st == XC_OK && o->like) {
        /* The briefs like one: the query and filters only narrow them. */
        st = similar_search_request(db, o->like, q.query, &o->sreq, &like, err, sizeof err);
        if (st == XC_OK)
            st = search_run(db, *ex, &o->sreq, &r, err, sizeof err);
    } else if (st == XC_OK) {
        o->sreq.query = q.query;
        o->sreq.nterms = q.nterms;
        /* Feedback only where it was measured to win: queries of more than
         * three ranking words (both collections' queries); a short query,
         * --any or not, ranks by its own words. */
        o->sreq.feedback = !o->no_expand && q.sentence ? &feedback_defaults : NULL;
        /* --batch prints compact JSON: the stored data as stored will do. */
        o->sreq.data_as_text = batch;
        st = search_run(db, *ex, &o->sreq, &r, err, sizeof err);
    }
    if (st == XC_NETWORK_ERROR && attempts++ < 2) {
        search_result_clear(&r);
        query_built_clear(&q);
        similar_search_clear(&like);
        xc_status rst = shards_reconnect(set, err, sizeof err);
        if (rst == XC_OK)
            goto again;
        st = rst;
    }
    if (st == XC_NOT_FOUND && o->like) {
        fprintf(stderr, "brief-query: --like: no brief has id '%s'\n", o->like);
        status = EXIT_SOME_FAILED;
        goto done;
    }
    if (st != XC_OK) {
        status = st == XC_QUERY_SYNTAX ? EXIT_USAGE : st == XC_TIMED_OUT ? EXIT_TIMED_OUT : EXIT_IO;
        if (batch) {
            /* One line per query, errors included, so lines stay aligned. */
            json_t *j = json_pack("{s:s, s:s}", "query", text, "error", err);
            json_dumpf(j, stdout, JSON_COMPACT);
            fputc('\n', stdout);
            json_decref(j);
        } else if (st == XC_QUERY_SYNTAX) {
            fprintf(stderr, "brief-query: bad query: %s\n", err);
        } else if (st == XC_TIMED_OUT || st == XC_NETWORK_ERROR) {
            fprintf(stderr, "brief-query: %s\n", err);
        } else {
            fprintf(stderr, "brief-query: %s: %s\n", o->dbs[0], err);
        }
        goto done;
    }

    size_t nmissing;
    const char **missing = missing_names(set, &nmissing);
    print_context pc = {
        .missing = missing,
        .nmissing = nmissing,
        .nshards = shards_count(set),
        .query_text = text,
        .suggestion = q.suggestion,
        .hints = (const char *const *)q.hints,
        .nhints = q.nhints,
        .req = &o->sreq,
        .color = o->color < 0 ? isatty(STDOUT_FILENO) : o->color,
        .compact = batch,
    };
    if (batch || o->format == FORMAT_JSON)
        print_json(stdout, &pc, &r);
    else if (o->format == FORMAT_IDS)
        print_ids(stdout, &r);   /* ids only: the partial answer is said on stderr */
    else
        print_text(stdout, &pc, &r);
    if (o->format == FORMAT_IDS && !batch && nmissing) {
        fprintf(stderr, "brief-query: partial answer: %zu of %zu shards missing:", nmissing,
                pc.nshards);
        for (size_t i = 0; i < nmissing; i++)
            fprintf(stderr, "%s %s", i ? "," : "", missing[i]);
        fprintf(stderr, "\n");
    }
    free(missing);
    status = r.total_estimated > 0 || r.nhits > 0 ? EXIT_DONE : EXIT_SOME_FAILED;

done:
    search_result_clear(&r);
    query_built_clear(&q);
    similar_search_clear(&like);
    return status;
}

/* The next line of in into line (size QUERY_MAX_BYTES + 2), without its end
 * ("\n", "\r\n"): at most QUERY_MAX_BYTES + 1 bytes are kept, so a longer
 * line is still refused as too long by query_build, and the rest of it is
 * read and dropped: a line of any length costs no more memory than this.
 * Returns 0, or -1 at the end of in (or on an error: ferror). */
static int read_query_line(FILE *in, char *line)
{
    size_t n = 0;
    int c = EOF, any = 0;
    while ((c = getc(in)) != EOF && c != '\n') {
        any = 1;
        if (n < QUERY_MAX_BYTES + 1)
            line[n++] = (char)c;
    }
    if (!any && c == EOF)
        return -1;
    while (n > 0 && line[n - 1] == '\r')
        n--;
    line[n] = '\0';
    return 0;
}

/* The worse of two batch statuses: the index failing, then a query that
 * timed out, then one that could not be parsed. */
static int worse(int a, int b)
{
    static const int order[] = {EXIT_IO, EXIT_TIMED_OUT, EXIT_USAGE};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (a == order[i] || b == order[i])
            return order[i];
    return EXIT_DONE;
}

/* --batch: one query a line from path ("-": standard input), one JSON line of
 * results per query, errors included: no line stops the batch but a failure
 * to write the results. Returns 0 when every query ran (matched or not), else
 * the worst of: 74 some query could not read the index, 75 some query timed
 * out, 2 some query could not be parsed. */
static int run_batch(shard_set *set, extractor **ex, options *o, const char *path)
{
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!in) {
        fprintf(stderr, "brief-query: %s: %s\n", path, strerror(errno));
        return EXIT_USAGE;
    }
    /* Facet tables now rather than after the first queries. Should it fail
     * (a writer committing), they are built later, as for one query. */
    (void)search_prepare(shards_database(set), &o->sreq);
    /* Each result line leaves in one write, as soon as it is complete: a
     * program asking one query at a time gets its answer without stdbuf,
     * in one piece (a line with long briefs spans many default buffers). */
    setvbuf(stdout, NULL, _IOFBF, BATCH_OUTPUT_BUFFER);
    char line[QUERY_MAX_BYTES + 2];
    int status = EXIT_DONE;
    while (read_query_line(in, line) == 0) {
        /* Answer from what the indexer has committed since the last line: a
         * batch runs for hours beside cron's reindexing, and Xapian keeps
         * showing the revision a handle opened until it is reopened (which
         * costs a look at the revision number when nothing changed). A
         * failure here shows in the query's own answer. */
        (void)xc_database_reopen(shards_database(set), NULL);
        char *copy = strdup(line), *text = copy ? valid_utf8(copy) : NULL;
        int one = text ? run_query(set, ex, o, text, 1) : EXIT_IO;
        free(text);
        if (fflush(stdout) != 0) {
            fprintf(stderr, "brief-query: cannot write the results: %s\n", strerror(errno));
            status = EXIT_IO;
            break;
        }
        if (one != EXIT_SOME_FAILED)
            status = worse(status, one);
    }
    if (ferror(in)) {
        fprintf(stderr, "brief-query: %s: %s\n", path, strerror(errno));
        status = EXIT_IO;
    }
    if (in != stdin)
        fclose(in);
    return status;
}

int main(int argc, char **argv)
{
    options o = {.format = FORMAT_TEXT, .color = -1};
    params_defaults(&o.sreq);
    int status = parse_options(argc, argv, &o);
    if (status < 0 && o.batch && optind < argc)
        status = usage_error("--batch reads its queries from a file, not the command line", NULL);
    if (status < 0 && o.batch && o.like)
        status = usage_error("--like finds the briefs like one brief: not with --batch", NULL);
    if (status >= 0) {
        config_clear(&o.cfg);
        return status;
    }

    char *text = join_words(argv + optind, argc - optind);
    shard_set *set = NULL;
    extractor *ex = NULL;
    if (!text) {
        fprintf(stderr, "brief-query: out of memory\n");
        status = EXIT_IO;
        goto done;
    }
    status = open_databases(&o, &set);
    if (status != EXIT_DONE)
        goto done;
    status = o.batch ? run_batch(set, &ex, &o, o.batch) : run_query(set, &ex, &o, text, 0);

done:
    if (fflush(stdout) != 0 && status == EXIT_DONE) {
        fprintf(stderr, "brief-query: cannot write the results: %s\n", strerror(errno));
        status = EXIT_IO;
    }
    shards_destroy(set);
    extractor_destroy(ex);
    free(text);
    config_clear(&o.cfg);
    return status;
}
