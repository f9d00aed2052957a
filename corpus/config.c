/* config.c — the configuration file. See config.h. */
#include "config.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "cli.h"

/* The keys, each with the bit that marks it set in the file being read. */
enum key_bit {
    KEY_DB = 1 << 0,
    KEY_ROOT = 1 << 1,
    KEY_INCLUDE = 1 << 2,
    KEY_EXCLUDE = 1 << 3,
    KEY_BATCH = 1 << 4,
    KEY_BATCH_SECONDS = 1 << 5,
    KEY_FACETS = 1 << 6,
    KEY_LISTEN = 1 << 7,
};

static const struct {
    const char *name;
    unsigned bit;
    int list;   /* may be repeated: each line adds an item */
} keys[] = {
    {"db", KEY_DB, 0},
    {"root", KEY_ROOT, 1},
    {"include", KEY_INCLUDE, 1},
    {"exclude", KEY_EXCLUDE, 1},
    {"batch", KEY_BATCH, 0},
    {"batch-seconds", KEY_BATCH_SECONDS, 0},
    {"facets", KEY_FACETS, 0},
    {"listen", KEY_LISTEN, 0},
};
#define NKEYS (sizeof keys / sizeof keys[0])

/* The state of one file being read. */
typedef struct reading {
    config *cfg;
    const char *path;
    FILE *in;
    unsigned line;            /* the line last read (1-based) */
    int too_long;             /* that line did not fit CONFIG_MAX_LINE */
    unsigned set;             /* key bits set by this file */
    unsigned first_line[NKEYS]; /* where each key was first set in it */
    char *err;
    size_t errlen;
    int failed;
} reading;

/* Say why the file is wrong at the current line (the first reason stays). */
static void reading_fail(reading *r, const char *fmt, ...)
{
    if (r->failed)
        return;
    r->failed = 1;
    int n = snprintf(r->err, r->errlen, "%s:%u: ", r->path, r->line);
    if (n < 0 || (size_t)n >= r->errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
    va_end(ap);
}

/* inih's reader: one line a call, counted. A line that does not fit stops
 * the parse (inih would read its rest as the next line): the handler never
 * sees a cut value. */
static char *read_line(char *str, int num, void *stream)
{
    reading *r = stream;
    if (r->too_long || !fgets(str, num, r->in))
        return NULL;
    r->line++;
    size_t len = strlen(str);
    if (len > 0 && str[len - 1] != '\n' && !feof(r->in)) {
        r->too_long = 1;
        reading_fail(r, "line longer than %d bytes", CONFIG_MAX_LINE - 2);
        return NULL;
    }
    return str;
}

static int list_add(config_list *l, const char *s)
{
    char *copy = strdup(s);
    /* One more for the NULL after the last: the roots go to fts_open(3) as
     * they are, which reads up to it. */
    if (!copy || array_grow((void **)&l->items, &l->cap, l->n + 2, sizeof *l->items) != 0) {
        free(copy);
        return -1;
    }
    l->items[l->n++] = copy;
    l->items[l->n] = NULL;
    return 0;
}

static void list_clear(config_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    *l = (config_list){0};
}

/* Replace *slot by a copy of s. */
static int set_string(char **slot, const char *s)
{
    char *copy = strdup(s);
    if (!copy)
        return -1;
    free(*slot);
    *slot = copy;
    return 0;
}

/* A path as the file means it, malloc'd: "~/x" under $HOME, a relative path
 * below the file's directory, an absolute one as it is. NULL with the
 * reason said when it cannot be made. */
static char *resolve_path(reading *r, const char *key, const char *value)
{
    const char *base = NULL;
    size_t baselen = 0;
    if (value[0] == '~' && (value[1] == '/' || value[1] == '\0')) {
        base = getenv("HOME");
        if (!base || !*base) {
            reading_fail(r, "%s: '%s' begins with ~ and HOME is not set", key, value);
            return NULL;
        }
        baselen = strlen(base);
        value += value[1] ? 2 : 1;
    } else if (value[0] != '/') {
        const char *slash = strrchr(r->path, '/');
        if (slash) {
            base = r->path;
            baselen = (size_t)(slash - r->path);
            if (baselen == 0)
                baselen = 1;   /* "/x.conf": the root directory */
        }
    }
    size_t len = baselen + 1 + strlen(value) + 1;
    char *out = malloc(len);
    if (!out) {
        reading_fail(r, "out of memory");
        return NULL;
    }
    if (base)
        snprintf(out, len, "%.*s%s%s", (int)baselen, base,
                 !*value || base[baselen - 1] == '/' ? "" : "/", value);
    else
        snprintf(out, len, "%s", value);
    return out;
}

/* "[ADDR]:PORT": a port from 1 to 65535 after the last colon; an IPv6
 * address in brackets. */
static int valid_listen(const char *s)
{
    const char *colon = strrchr(s, ':');
    unsigned port;
    if (!colon || cli_parse_count(colon + 1, 65535, &port) != 0 || port == 0)
        return 0;
    if (s[0] == '[')
        return colon > s && colon[-1] == ']';
    return memchr(s, ':', (size_t)(colon - s)) == NULL;   /* an IPv6 address needs [ ] */
}

/* inih's handler: one key = value. Returns 1 to go on, 0 to stop. */
static int on_value(void *user, const char *section, const char *name, const char *value)
{
    reading *r = user;
    config *cfg = r->cfg;
    if (section[0]) {
        reading_fail(r, "'%s' is under [%s]: this file has no sections", name, section);
        return 0;
    }
    size_t k = 0;
    while (k < NKEYS && strcmp(keys[k].name, name) != 0)
        k++;
    if (k == NKEYS) {
        char known[256];
        size_t used = 0;
        for (size_t i = 0; i < NKEYS && used < sizeof known; i++)
            used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "",
                                     keys[i].name);
        reading_fail(r, "unknown key '%s' (the keys: %s)", name, known);
        return 0;
    }
    /* inih keeps quotes: "db = \"x.db\"" would name a directory with quotes
     * in its name. No value needs them (one runs to the end of its line). */
    size_t vlen = strlen(value);
    if (vlen >= 2 && (value[0] == '"' || value[0] == '\'') && value[vlen - 1] == value[0]) {
        reading_fail(r, "%s: %s is in quotes: this file takes a value as it is, without them",
                     name, value);
        return 0;
    }
    unsigned bit = keys[k].bit;
    if (r->set & bit && !keys[k].list) {
        reading_fail(r, "'%s' is set already, on line %u", name, r->first_line[k]);
        return 0;
    }
    if (!(r->set & bit))
        r->first_line[k] = r->line;
    int first = !(r->set & bit);
    r->set |= bit;

    int oom = 0;
    char *path;
    switch (bit) {
    case KEY_DB:
        if (!*value) {
            reading_fail(r, "db: empty value");
            return 0;
        }
        if (!(path = resolve_path(r, name, value)))
            return 0;
        free(cfg->db);
        cfg->db = path;
        break;
    case KEY_ROOT:
    case KEY_INCLUDE:
    case KEY_EXCLUDE: {
        config_list *l = bit == KEY_ROOT ? &cfg->roots : bit == KEY_INCLUDE ? &cfg->include
                                                                             : &cfg->exclude;
        if (first)
            list_clear(l);    /* this file's list replaces an earlier file's */
        if (!*value)
            break;            /* "include =": the empty list */
        if (bit == KEY_ROOT) {
            if (!(path = resolve_path(r, name, value)))
                return 0;
            oom = list_add(l, path) != 0;
            free(path);
        } else {
            oom = list_add(l, value) != 0;
        }
        break;
    }
    case KEY_BATCH:
        if (cli_parse_count(value, UINT_MAX, &cfg->batch) != 0) {
            reading_fail(r, "batch: not a count: '%s'", value);
            return 0;
        }
        cfg->has_batch = 1;
        break;
    case KEY_BATCH_SECONDS:
        if (cli_parse_seconds(value, &cfg->batch_seconds) != 0) {
            reading_fail(r, "batch-seconds: not a number of seconds: '%s'", value);
            return 0;
        }
        cfg->has_batch_seconds = 1;
        break;
    case KEY_FACETS:
        oom = set_string(&cfg->facets, value) != 0;
        snprintf(cfg->facets_where, sizeof cfg->facets_where, "%s:%u", r->path, r->line);
        break;
    case KEY_LISTEN:
        if (!valid_listen(value)) {
            reading_fail(r, "listen: not [ADDR]:PORT (such as 127.0.0.1:8080): '%s'", value);
            return 0;
        }
        oom = set_string(&cfg->listen, value) != 0;
        break;
    }
    if (oom) {
        reading_fail(r, "out of memory");
        return 0;
    }
    return 1;
}

int config_read_file(config *cfg, const char *path, int must_exist, char *err, size_t errlen)
{
    FILE *in = fopen(path, "r");
    if (!in) {
        if (errno == ENOENT && !must_exist)
            return 0;
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    reading r = {.cfg = cfg, .path = path, .in = in, .err = err, .errlen = errlen};
    /* inih's switches (Debian's build exports them; upstream has them as
     * compile-time macros): no continuation lines, no inline comments (a
     * value may hold ';' or '#'), '#' alone begins a comment, stop at the
     * first error, and lines up to CONFIG_MAX_LINE. */
    static char comment_prefixes[] = "#";
    ini_allow_multiline = 0;
    ini_allow_inline_comments = 0;
    ini_start_comment_prefixes = comment_prefixes;
    ini_stop_on_first_error = 1;
    ini_allow_no_value = 0;
    ini_max_line = CONFIG_MAX_LINE;
    int line = ini_parse_stream(read_line, &r, on_value, &r);
    if (!r.failed && ferror(in)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        r.failed = 1;
    }
    fclose(in);
    if (!r.failed && line != 0) {
        r.line = line > 0 ? (unsigned)line : r.line;
        if (line == -2)
            reading_fail(&r, "out of memory");
        else
            reading_fail(&r, "not a 'key = value' line");
    }
    if (r.failed)
        return -1;
    if (list_add(&cfg->files, path) != 0) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    return 0;
}

int config_user_file(char *out, size_t outlen)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    int n;
    if (xdg && xdg[0] == '/') {
        n = snprintf(out, outlen, "%s/briefs/config", xdg);
    } else {
        const char *home = getenv("HOME");
        if (!home || !*home)
            return -1;
        n = snprintf(out, outlen, "%s/.config/briefs/config", home);
    }
    return n < 0 || (size_t)n >= outlen ? -1 : 0;
}

int config_load(config *cfg, const char *explicit, char *err, size_t errlen)
{
    if (explicit && !*explicit) {
        snprintf(err, errlen, "--config: the FILE is an empty name");
        return -1;
    }
    if (explicit)
        return config_read_file(cfg, explicit, 1, err, errlen);
    const char *env = getenv(CONFIG_ENV);
    if (env && *env)
        return config_read_file(cfg, env, 1, err, errlen);
    if (config_read_file(cfg, CONFIG_SYSTEM_FILE, 0, err, errlen) != 0)
        return -1;
    char user[PATH_MAX];
    if (config_user_file(user, sizeof user) != 0)
        return 0;   /* no HOME: no user's file */
    return config_read_file(cfg, user, 0, err, errlen);
}

void config_clear(config *cfg)
{
    free(cfg->db);
    list_clear(&cfg->roots);
    list_clear(&cfg->include);
    list_clear(&cfg->exclude);
    free(cfg->facets);
    free(cfg->listen);
    list_clear(&cfg->files);
    *cfg = (config){0};
}
