/* shards.c — open the indexes shard by shard, stubs read here. See shards.h. */
#include "shards.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "array.h"

/* Stubs naming stubs: deeper than this is a loop. */
#define STUB_DEPTH_MAX 8

/* The longest line of a stub we read. */
#define STUB_LINE_MAX 4096

typedef enum shard_kind { SHARD_LOCAL, SHARD_TCP, SHARD_PROGRAM } shard_kind;

typedef struct shard {
    shard_kind kind;
    char *name;     /* "remote 127.0.0.1:7001", "tcp host 7001", or the path */
    char *where;    /* "STUB:LINE", or the -d path */
    char *target;   /* SHARD_LOCAL: the path resolved; SHARD_TCP: the host;
                       SHARD_PROGRAM: the program */
    char *args;     /* SHARD_PROGRAM: its arguments */
    unsigned port;  /* SHARD_TCP */
    size_t from;    /* the index of the -d it comes from */
    xc_database *db;    /* NULL while missing */
    char *why;          /* why it is missing */
} shard;

struct shard_set {
    shard *v;
    size_t n, cap;
    shards_options o;
    xc_database *all;
};

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static char *dup_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)len + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

/* The stub file path names: the path itself when it is a file, path/XAPIANDB
 * when it is a directory holding one and no glass database (as Xapian
 * decides); NULL when it is no stub (malloc'd, *nomem set when memory runs
 * out). */
static char *stub_file_of(const char *path, int *nomem)
{
    struct stat st;
    *nomem = 0;
    if (stat(path, &st) != 0)
        return NULL;
    if (S_ISREG(st.st_mode)) {
        char *s = strdup(path);
        *nomem = !s;
        return s;
    }
    if (!S_ISDIR(st.st_mode) || xc_database_exists_at(path))
        return NULL;
    char *stub = dup_printf("%s/XAPIANDB", path);
    if (!stub) {
        *nomem = 1;
        return NULL;
    }
    if (stat(stub, &st) != 0 || !S_ISREG(st.st_mode)) {
        free(stub);
        return NULL;
    }
    return stub;
}

static xc_status add_shard(shard_set *s, shard sh)
{
    if (array_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v) != 0) {
        free(sh.name);
        free(sh.where);
        free(sh.target);
        free(sh.args);
        return XC_NO_MEMORY;
    }
    s->v[s->n++] = sh;
    return XC_OK;
}

/* A port: 1 to 65535 in decimal digits only. */
static int parse_port(const char *text, unsigned *port)
{
    unsigned long v = 0;
    if (!*text)
        return -1;
    for (const char *p = text; *p; p++) {
        if (!isdigit((unsigned char)*p))
            return -1;
        v = v * 10 + (unsigned long)(*p - '0');
        if (v > 65535)
            return -1;
    }
    if (v == 0)
        return -1;
    *port = (unsigned)v;
    return 0;
}

static xc_status list_path(shard_set *s, const char *path, const char *where, size_t from,
                           int depth, char *err, size_t errlen);

/* One line of a stub (type and rest split at the first space). */
static xc_status list_line(shard_set *s, const char *stub, unsigned line_no, char *line,
                           size_t from, int depth, char *err, size_t errlen)
{
    char *rest = strchr(line, ' ');
    if (rest)
        *rest++ = '\0';
    else
        rest = line + strlen(line);
    char where[STUB_LINE_MAX + 32];
    snprintf(where, sizeof where, "%s:%u", stub, line_no);
    if (strcmp(line, "auto") == 0 || strcmp(line, "glass") == 0) {
        if (!*rest) {
            set_err(err, errlen, "%s: '%s' names no database", where, line);
            return XC_DATABASE_ERROR;
        }
        /* Relative to the stub's directory, as Xapian reads it. */
        const char *slash = strrchr(stub, '/');
        char *resolved = rest[0] == '/' || !slash
                             ? strdup(rest)
                             : dup_printf("%.*s/%s", (int)(slash - stub), stub, rest);
        if (!resolved)
            return XC_NO_MEMORY;
        xc_status st = list_path(s, resolved, where, from, depth + 1, err, errlen);
        free(resolved);
        return st;
    }
    shard sh = {.from = from};
    if (strcmp(line, "remote") == 0 && rest[0] == ':') {
        char *space = strchr(rest + 1, ' ');
        sh.kind = SHARD_PROGRAM;
        sh.target = space ? strndup(rest + 1, (size_t)(space - rest - 1)) : strdup(rest + 1);
        sh.args = strdup(space ? space + 1 : "");
        if (sh.target && !*sh.target) {
            set_err(err, errlen, "%s: 'remote :' names no program", where);
            free(sh.target);
            free(sh.args);
            return XC_DATABASE_ERROR;
        }
    } else if (strcmp(line, "remote") == 0 || strcmp(line, "tcp") == 0) {
        int tcp = line[0] == 't';
        char *sep = tcp ? strchr(rest, ' ') : strrchr(rest, ':');
        if (!sep || sep == rest) {
            set_err(err, errlen, tcp ? "%s: 'tcp' takes HOST PORT" : "%s: 'remote' takes HOST:PORT or :PROGRAM ARGS",
                    where);
            return XC_DATABASE_ERROR;
        }
        *sep = '\0';
        if (parse_port(sep + 1, &sh.port) != 0) {
            set_err(err, errlen, "%s: port '%s' is not a number from 1 to 65535", where, sep + 1);
            return XC_DATABASE_ERROR;
        }
        sh.kind = SHARD_TCP;
        sh.target = strdup(rest);
    } else {
        set_err(err, errlen, "%s: unknown kind of database '%s' (auto, glass, remote or tcp)",
                where, line);
        return XC_DATABASE_ERROR;
    }
    sh.where = strdup(where);
    if (sh.kind == SHARD_TCP)
        sh.name = dup_printf("remote %s:%u", sh.target ? sh.target : "", sh.port);
    else
        sh.name = dup_printf("remote :%s%s%s", sh.target ? sh.target : "",
                             sh.args && *sh.args ? " " : "", sh.args ? sh.args : "");
    if (!sh.target || !sh.where || !sh.name || (sh.kind == SHARD_PROGRAM && !sh.args)) {
        free(sh.target);
        free(sh.args);
        free(sh.where);
        free(sh.name);
        return XC_NO_MEMORY;
    }
    return add_shard(s, sh);
}

/* List the shards of a stub file. */
static xc_status list_stub(shard_set *s, const char *stub, size_t from, int depth, char *err,
                           size_t errlen)
{
    FILE *f = fopen(stub, "r");
    if (!f) {
        set_err(err, errlen, "%s: cannot read the stub: %s", stub, strerror(errno));
        return XC_DATABASE_NOT_FOUND;
    }
    char *line = malloc(STUB_LINE_MAX + 2);
    xc_status st = line ? XC_OK : XC_NO_MEMORY;
    size_t before = s->n;
    unsigned line_no = 0;
    while (st == XC_OK && fgets(line, STUB_LINE_MAX + 2, f)) {
        line_no++;
        size_t len = strlen(line);
        if (len > STUB_LINE_MAX) {
            set_err(err, errlen, "%s:%u: line longer than %d bytes", stub, line_no,
                    STUB_LINE_MAX);
            st = XC_DATABASE_ERROR;
            break;
        }
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        if (memchr(line, '\0', len) || strlen(line) != len) {
            set_err(err, errlen, "%s:%u: not a line of text", stub, line_no);
            st = XC_DATABASE_ERROR;
            break;
        }
        st = list_line(s, stub, line_no, line, from, depth, err, errlen);
    }
    if (st == XC_OK && ferror(f)) {
        set_err(err, errlen, "%s: cannot read the stub: %s", stub, strerror(errno));
        st = XC_DATABASE_ERROR;
    }
    if (st == XC_OK && s->n == before) {
        set_err(err, errlen, "%s: the stub names no database", stub);
        st = XC_DATABASE_ERROR;
    }
    free(line);
    fclose(f);
    return st;
}

/* List path: a stub's shards, or path itself as a local shard. */
static xc_status list_path(shard_set *s, const char *path, const char *where, size_t from,
                           int depth, char *err, size_t errlen)
{
    if (depth > STUB_DEPTH_MAX) {
        set_err(err, errlen, "%s: stubs nested more than %d deep (a loop?)", where,
                STUB_DEPTH_MAX);
        return XC_DATABASE_ERROR;
    }
    int nomem;
    char *stub = stub_file_of(path, &nomem);
    if (nomem)
        return XC_NO_MEMORY;
    if (stub) {
        xc_status st = list_stub(s, stub, from, depth, err, errlen);
        free(stub);
        return st;
    }
    shard sh = {.kind = SHARD_LOCAL, .from = from};
    sh.name = strdup(path);
    sh.where = strdup(where);
    sh.target = strdup(path);
    if (!sh.name || !sh.where || !sh.target) {
        free(sh.name);
        free(sh.where);
        free(sh.target);
        return XC_NO_MEMORY;
    }
    return add_shard(s, sh);
}

/* Open shard sh into sh->db; on failure, sh->why (malloc'd) says why. */
static xc_status open_shard(shard *sh, const shards_options *o)
{
    char *msg = NULL;
    xc_status st;
    if (sh->kind == SHARD_LOCAL)
        st = xc_database_open(sh->target, &sh->db, &msg);
    else if (sh->kind == SHARD_TCP)
        st = xc_database_open_remote(sh->target, sh->port, o->timeout_ms, o->timeout_ms,
                                     &sh->db, &msg);
    else
        st = xc_database_open_remote_program(sh->target, sh->args, o->timeout_ms, &sh->db,
                                             &msg);
    free(sh->why);
    sh->why = NULL;
    if (st != XC_OK) {
        if (sh->kind != SHARD_LOCAL && st == XC_NETWORK_ERROR)
            sh->why = dup_printf("cannot reach the shard: %s", msg ? msg : xc_status_to_string(st));
        else if (st == XC_DATABASE_NOT_FOUND)
            sh->why = dup_printf("no index here (create it with brief-index): %s",
                                 msg ? msg : xc_status_to_string(st));
        else
            sh->why = dup_printf("cannot open index: %s", msg ? msg : xc_status_to_string(st));
    }
    free(msg);
    return st;
}

/* Make s->all again from the shards that are open. */
static xc_status combine(shard_set *s)
{
    xc_database **open = calloc(s->n ? s->n : 1, sizeof *open);
    if (!open)
        return XC_NO_MEMORY;
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].db)
            open[k++] = s->v[i].db;
    xc_database_destroy(s->all);
    s->all = NULL;
    xc_status st = XC_OK;
    if (k == 1 && s->n == 1) {
        /* One index: its own handle, as before stubs were read here. */
        s->all = s->v[0].db;
        s->v[0].db = NULL;
        /* Keep it counted as open: shards_missing looks at why. */
    } else {
        st = xc_database_open_shards(open, k, &s->all);
    }
    free(open);
    return st;
}

/* Open every shard listed: the first failure fails it, unless
 * allow_partial (then only all failing does). */
static xc_status open_all(shard_set *s, size_t *failed, char *err, size_t errlen)
{
    size_t opened = 0, first_failed = s->n;
    xc_status first_st = XC_OK;
    for (size_t i = 0; i < s->n; i++) {
        xc_status st = open_shard(&s->v[i], &s->o);
        if (st == XC_NO_MEMORY)
            return st;
        if (st == XC_OK) {
            opened++;
            continue;
        }
        if (first_failed == s->n) {
            first_failed = i;
            first_st = st;
        }
        if (!s->o.allow_partial)
            break;
    }
    if (first_failed < s->n && (!s->o.allow_partial || opened == 0)) {
        shard *sh = &s->v[first_failed];
        if (strcmp(sh->where, sh->name) == 0)
            set_err(err, errlen, "%s: %s", sh->where, sh->why ? sh->why : "cannot open");
        else
            set_err(err, errlen, "%s: %s: %s", sh->where, sh->name,
                    sh->why ? sh->why : "cannot open");
        *failed = sh->from;
        return first_st;
    }
    return combine(s);
}

xc_status shards_open(const char *const *paths, size_t n, const shards_options *o,
                      shard_set **out, size_t *failed, char *err, size_t errlen)
{
    *out = NULL;
    *failed = 0;
    if (errlen)
        err[0] = '\0';
    shard_set *s = calloc(1, sizeof *s);
    if (!s)
        return XC_NO_MEMORY;
    s->o = *o;
    xc_status st = XC_OK;
    for (size_t i = 0; st == XC_OK && i < n; i++) {
        st = list_path(s, paths[i], paths[i], i, 0, err, errlen);
        if (st != XC_OK)
            *failed = i;
    }
    if (st == XC_OK)
        st = open_all(s, failed, err, errlen);
    if (st == XC_NO_MEMORY)
        set_err(err, errlen, "out of memory");
    if (st != XC_OK) {
        shards_destroy(s);
        return st;
    }
    *out = s;
    return XC_OK;
}

xc_database *shards_database(const shard_set *s)
{
    return s->all;
}

xc_database *shards_take_database(shard_set *s)
{
    xc_database *db = s->all;
    s->all = NULL;
    return db;
}

size_t shards_count(const shard_set *s)
{
    return s->n;
}

size_t shards_missing_count(const shard_set *s)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++)
        k += s->v[i].why != NULL;
    return k;
}

void shards_missing(const shard_set *s, size_t i, const char **name, const char **where,
                    const char **why)
{
    for (size_t j = 0; j < s->n; j++) {
        if (!s->v[j].why)
            continue;
        if (i-- == 0) {
            *name = s->v[j].name;
            *where = s->v[j].where;
            *why = s->v[j].why;
            return;
        }
    }
    *name = *where = *why = "";
}

int shards_any_remote(const shard_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].kind != SHARD_LOCAL)
            return 1;
    return 0;
}

xc_status shards_reconnect(shard_set *s, char *err, size_t errlen)
{
    size_t opened = 0;
    for (size_t i = 0; i < s->n; i++) {
        shard *sh = &s->v[i];
        if (sh->kind == SHARD_LOCAL) {
            opened += sh->db != NULL || (s->n == 1 && !sh->why);
            continue;
        }
        if (!sh->db && sh->why)
            continue;   /* missing from the start: stays so */
        xc_database_destroy(sh->db);
        sh->db = NULL;
        xc_status st = open_shard(sh, &s->o);
        if (st == XC_NO_MEMORY)
            return st;
        if (st == XC_OK) {
            opened++;
            continue;
        }
        if (!s->o.allow_partial) {
            /* Not missing: the next query tries it again (a --batch runs
             * for long; the server may be back). */
            set_err(err, errlen, "%s: %s: %s", sh->where, sh->name, sh->why);
            free(sh->why);
            sh->why = NULL;
            return st;
        }
    }
    if (opened == 0) {
        set_err(err, errlen, "no shard answers");
        return XC_NETWORK_ERROR;
    }
    return combine(s);
}

void shards_destroy(shard_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].name);
        free(s->v[i].where);
        free(s->v[i].target);
        free(s->v[i].args);
        free(s->v[i].why);
        xc_database_destroy(s->v[i].db);
    }
    free(s->v);
    xc_database_destroy(s->all);
    free(s);
}
