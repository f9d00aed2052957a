/* main.c — brief-index: the command line. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "exits.h"
#include "extract_cmd.h"
#include "indexer.h"
#include "partitions.h"
#include "reader.h"
#include "report.h"

/* The largest count an option takes. */
#define COUNT_MAX (UINT_MAX)

static const char usage_text[] =
    "Usage: brief-index [OPTION]... [PATH]...\n"
    "       brief-index --extract [--spans] PATH...\n"
    "Index the briefs in each PATH (a file or a directory, walked recursively)\n"
    "into a Xapian index, tagging each with the people and countries it names.\n"
    "Only files that changed since the last run are read again (size and mtime,\n"
    "then a hash of the bytes), and of them only the briefs that changed are\n"
    "written; briefs of files gone from under the PATHs are deleted. Indexing a\n"
    "brief again replaces it. With no PATH, the roots of the configuration.\n"
    "\n"
    "  -d, --db DIR          the index (default: $BRIEFS_DB, else the configuration's\n"
    "                        db, else ./briefs.db): one brief-index made, or a new\n"
    "                        or empty directory; it never writes into one holding\n"
    "                        other files (exit 74)\n"
    "      --max-size SIZE   skip briefs larger than SIZE bytes (K, M, G suffixes;\n"
    "                        default 16M)\n"
    "      --include GLOB    index only the files GLOB matches (repeatable): a GLOB\n"
    "                        without '/' is matched against file and directory\n"
    "                        names, one with '/' against the path below PATH\n"
    "      --exclude GLOB    skip the files and directories GLOB matches\n"
    "                        (repeatable; wins over --include). Briefs indexed\n"
    "                        before from files now left out are deleted\n"
    "      --encoding NAME   how to read text that is not UTF-8: auto (default:\n"
    "                        as Windows-1252, with a warning, unless it is mostly\n"
    "                        UTF-8: then bad bytes become U+FFFD), utf-8,\n"
    "                        windows-1252 (cp1252), latin-1 (iso-8859-1)\n"
    "      --full            read and write every file and brief, changed or not\n"
    "      --batch N         commit every N briefs (default 10000)\n"
    "      --batch-seconds S commit at least every S seconds (default 60)\n"
    "      --wait SECONDS    wait this long for another indexer's lock (default 0)\n"
    "      --shards N        make a new index of N shards (1 to 256): a directory\n"
    "                        Xapian opens as one database (a stub file listing\n"
    "                        DIR/shard-00 ...), each brief in the shard its id\n"
    "                        hashes to; later runs keep N (another N: exit 2)\n"
    "  -j, --jobs N          threads for the first build of an empty, unsharded\n"
    "                        index in a directory brief-index made: each writes\n"
    "                        a part, merged at the end (default: the number of\n"
    "                        processors); later runs use one\n"
    "      --json            print the summary as one JSON object\n"
    "      --progress[=SECONDS]  show the progress (files done of the total,\n"
    "                        briefs/s, time left) where stderr is not a\n"
    "                        terminal: a plain line every SECONDS (default 5),\n"
    "                        even with -q.\n"
    "                        On a terminal, without -q or -v, one line is\n"
    "                        redrawn in place from 2 s on, with or without it\n"
    "  -q, --quiet           print errors only\n"
    "  -v, --verbose         print every brief indexed, and every error and\n"
    "                        warning of a file (without it, the first 20 of\n"
    "                        each file and a count of the rest)\n"
    "      --extract         print the people and countries of each brief as JSON\n"
    "                        lines, without touching any index ('-': standard input)\n"
    "      --spans           with --extract: every mention, with its byte offsets\n"
    "      --config FILE     read the configuration from FILE alone (default:\n"
    "                        $BRIEFS_CONFIG alone, else /etc/briefs.conf, then\n"
    "                        ~/.config/briefs/config; briefs(5)); the command line\n"
    "                        wins over it\n"
    "      --show-config     print the settings in effect as a configuration file,\n"
    "                        and exit\n"
    "  -h, --help            show this help and exit\n"
    "      --version         show the version and exit\n"
    "\n"
    "Exit status: 0 done; 1 some briefs failed, the rest were indexed; 2 usage\n"
    "error; 74 the index could not be read or written (or -d names a place it\n"
    "refuses, or an index that is a PATH or holds one); 75 another indexer holds\n"
    "the lock; 130 interrupted (what was done is committed).\n"
    "\n"
    "Environment: BRIEFS_DB, the default index; BRIEFS_CONFIG, the configuration\n"
    "file; XDG_CONFIG_HOME, where the user's is; XAPIAN_FLUSH_THRESHOLD, how many\n"
    "briefs Xapian buffers before writing them out inside a batch (default 1000);\n"
    "XAPIAN_MAX_CHANGESETS, how many commits' changesets Xapian keeps for\n"
    "xapian-replicate (default none).\n";

enum { OPT_MAX_SIZE = 256, OPT_BATCH, OPT_BATCH_SECONDS, OPT_WAIT, OPT_JSON, OPT_EXTRACT, OPT_FULL,
       OPT_SPANS, OPT_VERSION, OPT_INCLUDE, OPT_EXCLUDE, OPT_ENCODING, OPT_PROGRESS,
       OPT_CONFIG, OPT_SHOW_CONFIG, OPT_SHARDS };

/* Xapian's default of 10000 documents buffered is slower on news briefs:
 * its in-memory maps grow past the caches. Indexing Reuters-21578 took 20.6 s
 * with 10000 and 15.3 s with 1000 (500: 17.2 s, 2000: 17.2 s). */
#define DEFAULT_FLUSH_THRESHOLD "1000"

static const struct option long_options[] = {
    {"db", required_argument, NULL, 'd'},
    {"max-size", required_argument, NULL, OPT_MAX_SIZE},
    {"batch", required_argument, NULL, OPT_BATCH},
    {"batch-seconds", required_argument, NULL, OPT_BATCH_SECONDS},
    {"wait", required_argument, NULL, OPT_WAIT},
    {"jobs", required_argument, NULL, 'j'},
    {"shards", required_argument, NULL, OPT_SHARDS},
    {"json", no_argument, NULL, OPT_JSON},
    {"full", no_argument, NULL, OPT_FULL},
    {"include", required_argument, NULL, OPT_INCLUDE},
    {"exclude", required_argument, NULL, OPT_EXCLUDE},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"progress", optional_argument, NULL, OPT_PROGRESS},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"extract", no_argument, NULL, OPT_EXTRACT},
    {"spans", no_argument, NULL, OPT_SPANS},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"show-config", no_argument, NULL, OPT_SHOW_CONFIG},
    {NULL, 0, NULL, 0},
};

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "brief-index: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'brief-index --help' for more information.\n");
    return EXIT_USAGE;
}

/* "16M" → 16777216. Returns 0, or -1 when s is not a size. */
static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || s[0] == '-')
        return -1;
    unsigned shift = 0;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: return -1;
    }
    if (*end || v == 0 || v > (SIZE_MAX >> shift))
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}

static void on_stop_signal(int sig)
{
    (void)sig;
    indexer_request_stop();
}

/* "1 brief", "2 briefs". */
static const char *plural(unsigned long n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* One line a tired reader cannot misread: files first (looked at, of which
 * unchanged: not read again), then what became of the briefs, then the
 * problems, which may be files or briefs (each said on stderr). */
static void print_summary(const indexer_options *o, const indexer_counts *c, int status,
                          int json)
{
    if (json) {
        json_t *j = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:f, s:i}", "index",
                              o->db_path, "files", (json_int_t)c->files, "files_unchanged",
                              (json_int_t)c->unchanged, "added", (json_int_t)c->added,
                              "updated", (json_int_t)c->updated, "briefs_unchanged",
                              (json_int_t)c->briefs_unchanged, "deleted",
                              (json_int_t)c->deleted, "skipped", (json_int_t)c->skipped,
                              "failed", (json_int_t)c->failed, "seconds", c->seconds, "status",
                              status);
        if (j) {
            json_dumpf(j, stdout, JSON_COMPACT);
            fputc('\n', stdout);
            json_decref(j);
        }
        return;
    }
    if (o->quiet)
        return;
    printf("brief-index: %lu %s (%lu unchanged); %lu %s added, %lu updated, %lu unchanged, "
           "%lu deleted; %lu skipped, %lu failed (files or briefs); in %.2f s\n",
           c->files, plural(c->files, "file", "files"), c->unchanged, c->added,
           plural(c->added, "brief", "briefs"), c->updated, c->briefs_unchanged, c->deleted,
           c->skipped, c->failed, c->seconds);
}

#define MAX_JOBS 64
#define MAX_JOBS_TEXT "64"

/* One thread per processor, at least 1. */
static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (int)n;
}

/* --show-config: the settings in effect, as a configuration file would set
 * them (briefs(5)); brief-reindex reads its db line. */
static void show_config(const indexer_options *o, const config *cfg, char *const *paths,
                        int npaths)
{
    printf("# brief-index: the settings in effect, from");
    for (size_t i = 0; i < cfg->files.n; i++)
        printf(" %s,", cfg->files.items[i]);
    printf(" the environment and the command line\n");
    printf("db = %s\n", o->db_path);
    for (int i = 0; i < npaths; i++)
        printf("root = %s\n", paths[i]);
    for (int i = 0; i < o->filter.ninclude; i++)
        printf("include = %s\n", o->filter.include[i]);
    for (int i = 0; i < o->filter.nexclude; i++)
        printf("exclude = %s\n", o->filter.exclude[i]);
    printf("batch = %u\nbatch-seconds = %g\n", o->batch_briefs, o->batch_seconds);
}

/* The command, with room for the --include and --exclude GLOBs (argc each);
 * cfg receives the configuration (the caller clears it). */
static int brief_index(int argc, char **argv, char **include, char **exclude, config *cfg)
{
    indexer_options o = {
        .db_path = NULL,
        .max_bytes = READER_DEFAULT_MAX_BYTES,
        .batch_briefs = 10000,
        .batch_seconds = 60,
        .jobs = default_jobs(),
    };
    int json = 0, extract = 0, spans = 0, progress = 0, show = 0, c;
    int batch_given = 0, batch_seconds_given = 0;
    const char *config_file = NULL;
    double progress_seconds = 5;
    o.filter.include = include;
    o.filter.exclude = exclude;

    while ((c = getopt_long(argc, argv, "d:j:qvh", long_options, NULL)) != -1) {
        switch (c) {
        case 'd': o.db_path = optarg; break;
        case OPT_MAX_SIZE:
            if (parse_size(optarg, &o.max_bytes) != 0)
                return usage_error("--max-size: not a size: '%s'", optarg);
            break;
        case OPT_BATCH:
            if (cli_parse_count(optarg, COUNT_MAX, &o.batch_briefs) != 0)
                return usage_error("--batch: not a count: '%s'", optarg);
            batch_given = 1;
            break;
        case OPT_BATCH_SECONDS:
            if (cli_parse_seconds(optarg, &o.batch_seconds) != 0)
                return usage_error("--batch-seconds: not a number of seconds: '%s'", optarg);
            batch_seconds_given = 1;
            break;
        case OPT_WAIT:
            if (cli_parse_seconds(optarg, &o.wait_seconds) != 0)
                return usage_error("--wait: not a number of seconds: '%s'", optarg);
            break;
        case 'j': {
            unsigned n;
            if (cli_parse_count(optarg, COUNT_MAX, &n) != 0 || n < 1 || n > MAX_JOBS)
                return usage_error("--jobs: not a count from 1 to " MAX_JOBS_TEXT ": '%s'", optarg);
            o.jobs = (int)n;
            break;
        }
        case OPT_SHARDS:
            if (cli_parse_count(optarg, COUNT_MAX, &o.shards) != 0 || o.shards < 1 ||
                o.shards > PARTITIONS_MAX)
                return usage_error("--shards: not a count from 1 to " PARTITIONS_MAX_TEXT ": '%s'",
                                   optarg);
            break;
        case OPT_INCLUDE:
        case OPT_EXCLUDE:
            if (!*optarg)
                return usage_error("%s: empty GLOB", c == OPT_INCLUDE ? "--include" : "--exclude");
            if (c == OPT_INCLUDE)
                include[o.filter.ninclude++] = optarg;
            else
                exclude[o.filter.nexclude++] = optarg;
            break;
        case OPT_ENCODING:
            if (reader_encoding_parse(optarg, &o.encoding) != 0)
                return usage_error("--encoding: not one of auto, utf-8, windows-1252, latin-1: '%s'",
                                   optarg);
            break;
        case OPT_PROGRESS:
            progress = 1;
            if (optarg && cli_parse_seconds(optarg, &progress_seconds) != 0)
                return usage_error("--progress: not a number of seconds: '%s'", optarg);
            break;
        case OPT_JSON: json = 1; break;
        case OPT_FULL: o.full = 1; break;
        case 'q': o.quiet = 1; break;
        case 'v': o.verbose = 1; break;
        case OPT_EXTRACT: extract = 1; break;
        case OPT_SPANS: spans = 1; break;
        case 'h': fputs(usage_text, stdout); return EXIT_DONE;
        case OPT_VERSION: printf("brief-index %s\n", BRIEFS_VERSION); return EXIT_DONE;
        case OPT_CONFIG: config_file = optarg; break;
        case OPT_SHOW_CONFIG: show = 1; break;
        default: return usage_error("%s", "invalid option");
        }
    }

    /* The configuration fills in what the command line left out. */
    char err[CONFIG_WHERE_MAX + 256];
    if (config_load(cfg, config_file, err, sizeof err) != 0) {
        fprintf(stderr, "brief-index: %s\n", err);
        return EXIT_USAGE;
    }
    const char *env_db = getenv("BRIEFS_DB");
    if (!o.db_path)
        o.db_path = env_db && *env_db ? env_db : cfg->db ? cfg->db : "briefs.db";
    if (!batch_given && cfg->has_batch)
        o.batch_briefs = cfg->batch;
    if (!batch_seconds_given && cfg->has_batch_seconds)
        o.batch_seconds = cfg->batch_seconds;
    if (o.filter.ninclude == 0) {
        o.filter.include = cfg->include.items;
        o.filter.ninclude = (int)cfg->include.n;
    }
    if (o.filter.nexclude == 0) {
        o.filter.exclude = cfg->exclude.items;
        o.filter.nexclude = (int)cfg->exclude.n;
    }
    char *const *paths = argv + optind;
    int npaths = argc - optind;
    if (npaths == 0) {
        paths = cfg->roots.items;
        npaths = (int)cfg->roots.n;
    }
    if (show) {
        show_config(&o, cfg, paths, npaths);
        return EXIT_DONE;
    }
    if (npaths == 0)
        return usage_error("%s", "no PATH to index (and no root in the configuration)");
    if (spans && !extract)
        return usage_error("%s", "--spans goes with --extract");

    if (extract)
        return extract_command(paths, npaths, spans,
                               &(reader_options){.max_bytes = o.max_bytes, .encoding = o.encoding},
                               &o.filter);

    struct sigaction sa = {0};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    setenv("XAPIAN_FLUSH_THRESHOLD", DEFAULT_FLUSH_THRESHOLD, 0);   /* the user's wins */
    /* On a terminal unless -q or -v; elsewhere when asked for. */
    int tty = isatty(STDERR_FILENO);
    if (progress || (tty && !o.quiet && !o.verbose))
        o.progress = tty ? PROGRESS_TERMINAL : PROGRESS_LINES;
    o.progress_seconds = progress_seconds;
    indexer_counts counts;
    int status = indexer_run(&o, paths, npaths, &counts);
    if (status != EXIT_LOCKED && status != EXIT_USAGE && !(status == EXIT_IO && counts.files == 0))
        print_summary(&o, &counts, status, json);
    return status;
}

int main(int argc, char **argv)
{
    /* At most one GLOB per argument. */
    char **include = calloc((size_t)argc, sizeof *include);
    char **exclude = calloc((size_t)argc, sizeof *exclude);
    config cfg = {0};
    int status = EXIT_IO;
    if (include && exclude)
        status = brief_index(argc, argv, include, exclude, &cfg);
    else
        report_error(NULL, 0, "out of memory");
    config_clear(&cfg);
    free(include);
    free(exclude);
    return status;
}
