/* serve_main.c — brief-serve: the command line. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "exits.h"
#include "extract.h"
#include "open_index.h"
#include "serve.h"

#define MAX_DBS 64
#define MAX_THREADS 256

static const char usage_text[] =
    "Usage: brief-serve [OPTION]...\n"
    "Serve the briefs index over HTTP: a search page at /, and a JSON API:\n"
    "  /api                   what the API offers (parameters, facets, limits)\n"
    "  /api/search?q=QUERY&...  the document brief-query --format json prints:\n"
    "                         q, person, country, about, source (repeatable),\n"
    "                         since, until, sort, offset, limit, facets,\n"
    "                         facet_limit, any=1, expand=0 (as the options)\n"
    "  /api/brief/ID          one brief whole\n"
    "  /api/similar/ID?...    briefs like brief ID (q and filters narrow them)\n"
    "GET and HEAD only; 400 for a bad request (one-line JSON error), 404, 405,\n"
    "503 while the index cannot be read. Each worker thread reads the index\n"
    "through its own handle, moved to the latest revision at each request.\n"
    "One access-log line per request. SIGTERM: finish the requests in flight\n"
    "and exit 0.\n"
    "\n"
    "  -d, --db DIR           the index (default: $BRIEFS_DB, else the\n"
    "                         configuration's db, else ./briefs.db); repeat to\n"
    "                         search several indexes as one\n"
    "      --listen ADDR:PORT listen there (default: the configuration's listen,\n"
    "                         else 127.0.0.1:8080; [ADDR]:PORT for IPv6; port 0:\n"
    "                         any free port, printed)\n"
    "      --threads N        worker threads (default: one per processor); each\n"
    "                         new connection goes to the one with the fewest open\n"
    "      --access-log FILE  append the access log to FILE (default: standard\n"
    "                         error; '-': standard output)\n"
    "      --config FILE      read the configuration from FILE alone (default:\n"
    "                         $BRIEFS_CONFIG alone, else /etc/briefs.conf, then\n"
    "                         ~/.config/briefs/config; briefs(5)); the command\n"
    "                         line wins over it\n"
    "      --show-config      print the settings in effect as a configuration\n"
    "                         file, and exit\n"
    "  -h, --help             show this help and exit\n"
    "      --version          show the version and exit\n"
    "\n"
    "Exit status: 0 stopped by SIGTERM; 2 usage error (or a bad configuration\n"
    "file); 74 cannot listen, or the access log cannot be opened; 130 stopped by\n"
    "SIGINT.\n"
    "\n"
    "Environment: BRIEFS_DB, the default index; BRIEFS_CONFIG, the configuration\n"
    "file; XDG_CONFIG_HOME, where the user's is.\n";

enum { OPT_LISTEN = 256, OPT_THREADS, OPT_ACCESS_LOG, OPT_VERSION, OPT_CONFIG,
       OPT_SHOW_CONFIG };

static const struct option long_options[] = {
    {"db", required_argument, NULL, 'd'},
    {"listen", required_argument, NULL, OPT_LISTEN},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"access-log", required_argument, NULL, OPT_ACCESS_LOG},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"show-config", no_argument, NULL, OPT_SHOW_CONFIG},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "brief-serve: %s%s%s%s\n", what, arg ? ": '" : "", arg ? arg : "",
            arg ? "'" : "");
    fprintf(stderr, "Try 'brief-serve --help' for more information.\n");
    return EXIT_USAGE;
}

/* --show-config: the settings in effect, as a configuration file would set
 * them (briefs(5)). */
static void show_config(const config *cfg, const char *const *dbs, size_t ndbs,
                        const char *listen)
{
    printf("# brief-serve: the settings in effect, from");
    for (size_t i = 0; i < cfg->files.n; i++)
        printf(" %s,", cfg->files.items[i]);
    printf(" the environment and the command line\n");
    for (size_t i = 0; i < ndbs; i++)
        printf("db = %s\n", dbs[i]);
    printf("listen = %s\n", listen);
}

/* Say at start-up whether the index can be read now: the server starts
 * either way (it answers 503 until the index can be read), but whoever
 * started it learns at once of a wrong -d. */
static void check_index(const char *const *dbs, size_t n)
{
    xc_database *db = NULL;
    char *err = NULL;
    size_t failed = 0;
    xc_status st = open_index(dbs, n, &db, &failed, &err);
    if (st != XC_OK)
        fprintf(stderr, "brief-serve: %s: %s; answering 503 until it can be read\n",
                dbs[failed],
                st == XC_DATABASE_NOT_FOUND ? "no index here (create it with brief-index)"
                : err                       ? err
                                            : xc_status_to_string(st));
    free(err);
    xc_database_destroy(db);
}

/* brief-serve with the configuration read into *cfg (main clears it). */
static int brief_serve(int argc, char **argv, config *cfg)
{
    const char *dbs[MAX_DBS];
    size_t ndbs = 0;
    serve_options o = {.listen = NULL, .access_log = stderr};
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    o.threads = cpus > 0 ? (cpus > MAX_THREADS ? MAX_THREADS : (unsigned)cpus) : 1;
    const char *log_path = NULL, *config_file = NULL;
    int c, show = 0;
    while ((c = getopt_long(argc, argv, "d:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (ndbs == MAX_DBS)
                return usage_error("too many --db", NULL);
            dbs[ndbs++] = optarg;
            break;
        case OPT_LISTEN: o.listen = optarg; break;
        case OPT_THREADS:
            if (cli_parse_count(optarg, MAX_THREADS, &o.threads) != 0 || o.threads == 0)
                return usage_error("--threads takes a count from 1 to 256", optarg);
            break;
        case OPT_ACCESS_LOG: log_path = optarg; break;
        case OPT_CONFIG: config_file = optarg; break;
        case OPT_SHOW_CONFIG: show = 1; break;
        case 'h': fputs(usage_text, stdout); return EXIT_DONE;
        case OPT_VERSION: printf("brief-serve %s\n", BRIEFS_VERSION); return EXIT_DONE;
        default: return usage_error("invalid option", NULL);
        }
    }
    if (optind < argc)
        return usage_error("unexpected argument", argv[optind]);

    /* The configuration fills in what the command line left out; a bad file
     * stops the server before it opens anything (the access log included). */
    char err[CONFIG_WHERE_MAX + 256];
    if (config_load(cfg, config_file, err, sizeof err) != 0) {
        fprintf(stderr, "brief-serve: %s\n", err);
        return EXIT_USAGE;
    }
    if (ndbs == 0) {
        const char *env = getenv("BRIEFS_DB");
        dbs[ndbs++] = env && *env ? env : cfg->db ? cfg->db : "briefs.db";
    }
    if (!o.listen)
        o.listen = cfg->listen ? cfg->listen : "127.0.0.1:8080";
    if (show) {
        show_config(cfg, dbs, ndbs, o.listen);
        return EXIT_DONE;
    }

    if (log_path && strcmp(log_path, "-") == 0) {
        o.access_log = stdout;
    } else if (log_path) {
        o.access_log = fopen(log_path, "a");
        if (!o.access_log) {
            fprintf(stderr, "brief-serve: %s: %s\n", log_path, strerror(errno));
            return EXIT_IO;
        }
    }
    /* Whole lines as they come, for tail -f and journald. */
    setvbuf(o.access_log, NULL, _IOLBF, 0);

    extractor *ex = NULL;
    if (extractor_create(&ex) != 0) {
        fprintf(stderr, "brief-serve: out of memory\n");
        if (o.access_log != stderr && o.access_log != stdout)
            fclose(o.access_log);
        return EXIT_IO;
    }
    check_index(dbs, ndbs);
    o.dbs = dbs;
    o.ndbs = ndbs;
    o.ex = ex;
    int status = serve_run(&o);
    extractor_destroy(ex);
    if (o.access_log != stderr && o.access_log != stdout)
        fclose(o.access_log);
    return status;
}

int main(int argc, char **argv)
{
    config cfg = {0};
    int status = brief_serve(argc, argv, &cfg);
    config_clear(&cfg);
    return status;
}
