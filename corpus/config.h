/* config.h — the configuration file both tools read (briefs(5)).
 *
 * Lines "key = value"; "#" begins a comment line; no sections, no quotes
 * (a value in quotes is an error: they would be kept). A key of a
 * list (root, include, exclude) may be repeated, each line adds an item; any
 * other key may be set once a file. The files read, each one's keys
 * replacing those an earlier one set (a list replaced whole):
 *   --config FILE                     only FILE (the tools pass it here), else
 *   $BRIEFS_CONFIG                    only that file, else
 *   /etc/briefs.conf, then $XDG_CONFIG_HOME/briefs/config (default
 *   ~/.config/briefs/config), those that exist.
 * The tools apply a value only where their command line (and, for the
 * index, $BRIEFS_DB) gives none: the command line wins.
 *
 * The file is parsed by inih (Debian's libinih), set up through the switches
 * Debian's build exports (ini_allow_multiline, …) and fed by a reader of our
 * own that counts lines, so that every error names FILE:LINE.
 * This module reads files only: it knows no tool, no index.
 */
#ifndef BRIEFS_CONFIG_H
#define BRIEFS_CONFIG_H

#include <stddef.h>

/* The system-wide file. */
#define CONFIG_SYSTEM_FILE "/etc/briefs.conf"

/* The environment variable naming the one file to read instead. */
#define CONFIG_ENV "BRIEFS_CONFIG"

/* The longest line a file may hold, in bytes, its newline included. */
#define CONFIG_MAX_LINE 8192

/* A list of strings (malloc'd, owned by the config); items[n] is NULL when
 * n > 0, so that items is an argv. */
typedef struct config_list {
    char **items;
    size_t n, cap;
} config_list;

/* Where a value was set: "FILE:LINE", for a tool's message about a value it
 * checks itself (facets). */
#define CONFIG_WHERE_MAX 4200

typedef struct config {
    char *db;              /* db: the index directory; NULL: not set */
    config_list roots;     /* root: the PATHs brief-index indexes when given none */
    config_list include;   /* include: GLOBs, as --include */
    config_list exclude;   /* exclude: GLOBs, as --exclude */
    unsigned batch;        /* batch: commit every N briefs (when has_batch) */
    int has_batch;
    double batch_seconds;  /* batch-seconds: commit at least every S seconds */
    int has_batch_seconds;
    char *facets;          /* facets: brief-query's default --facets LIST,
                              unchecked (the tool checks it); "" none; NULL: not set */
    char facets_where[CONFIG_WHERE_MAX];
    char *listen;          /* listen: the server's [ADDR]:PORT; NULL: not set */
    config_list files;     /* the files read, in order */
} config;

/* Read the configuration files into *cfg (zeroed by the caller, or cleared):
 * explicit (--config; NULL when not given), else $BRIEFS_CONFIG, else the
 * system file then the user's, as above. An explicit file, or one
 * $BRIEFS_CONFIG names, must exist; the default files are read when they
 * exist. Returns 0, or -1 with a one-line reason in err (errlen bytes):
 * "FILE:LINE: unknown key 'dbpath' (the keys: db, ...)", "FILE: No such
 * file or directory", "--config: the FILE is an empty name".
 * On failure *cfg holds what was read before the error: clear it. */
int config_load(config *cfg, const char *explicit, char *err, size_t errlen);

/* Read one file into *cfg, over what it holds (its keys replace those set by
 * a file read before; a list key's first line in this file empties the
 * list). When the file does not exist: an error when must_exist, else 0 and
 * nothing read. Returns 0, or -1 with a reason in err as config_load. */
int config_read_file(config *cfg, const char *path, int must_exist, char *err, size_t errlen);

/* The user's file, $XDG_CONFIG_HOME/briefs/config (an unset, empty or
 * relative XDG_CONFIG_HOME counts as ~/.config, as the XDG spec says), into
 * out (outlen bytes). Returns 0, or -1 when HOME is needed and not set or
 * the path does not fit. */
int config_user_file(char *out, size_t outlen);

/* Free what *cfg holds and zero it. */
void config_clear(config *cfg);

#endif
