/* test_config.c — the configuration file (corpus/config.h): every key, the
 * files' order, and every error, named by FILE:LINE. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "fixture_tmp.h"

static char dir[256];   /* fixture_tmp_make: short, so paths below it fit */
static char err[CONFIG_WHERE_MAX + 256];

/* Write text to dir/name; its path into path (PATH_MAX). */
static const char *write_file(const char *name, const char *text, char *path)
{
    snprintf(path, PATH_MAX, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* Read text as dir/name into a fresh *cfg; returns config_read_file's status. */
static int read_text(config *cfg, const char *text)
{
    char path[PATH_MAX];
    config_clear(cfg);
    err[0] = '\0';
    return config_read_file(cfg, write_file("briefs.conf", text, path), 1, err, sizeof err);
}

/* err, less the directory: "briefs.conf:3: ...". */
static const char *error_text(void)
{
    size_t n = strlen(dir);
    return strncmp(err, dir, n) == 0 && err[n] == '/' ? err + n + 1 : err;
}

static int setup(void **state)
{
    (void)state;
    unsetenv(CONFIG_ENV);
    return fixture_tmp_make("test_config", dir, sizeof dir);
}

static int teardown(void **state)
{
    (void)state;
    return fixture_tmp_remove(dir);
}

static void test_every_key(void **state)
{
    (void)state;
    config cfg = {0};
    assert_int_equal(read_text(&cfg, "# a comment\n"
                                     "\n"
                                     "db = /var/lib/briefs/briefs.db\n"
                                     "root = /srv/briefs\n"
                                     "  root=/srv/more  \n"
                                     "include = *.txt\n"
                                     "exclude = drafts; #1\n"
                                     "exclude = *.tmp\n"
                                     "batch = 500\n"
                                     "batch-seconds = 2.5\n"
                                     "facets = person, country\n"
                                     "listen = [::1]:8080\n"),
                     0);
    assert_string_equal(cfg.db, "/var/lib/briefs/briefs.db");
    assert_int_equal(cfg.roots.n, 2);
    assert_string_equal(cfg.roots.items[0], "/srv/briefs");
    assert_string_equal(cfg.roots.items[1], "/srv/more");
    assert_int_equal(cfg.include.n, 1);
    assert_string_equal(cfg.include.items[0], "*.txt");
    /* ';' and '#' inside a value are the value's. */
    assert_int_equal(cfg.exclude.n, 2);
    assert_string_equal(cfg.exclude.items[0], "drafts; #1");
    assert_string_equal(cfg.exclude.items[1], "*.tmp");
    assert_true(cfg.has_batch);
    assert_int_equal(cfg.batch, 500);
    assert_true(cfg.has_batch_seconds);
    assert_true(cfg.batch_seconds == 2.5);
    assert_string_equal(cfg.facets, "person, country");
    assert_non_null(strstr(cfg.facets_where, "briefs.conf:11"));
    assert_string_equal(cfg.listen, "[::1]:8080");
    assert_int_equal(cfg.files.n, 1);

    /* An empty file sets nothing. */
    assert_int_equal(read_text(&cfg, ""), 0);
    assert_null(cfg.db);
    assert_false(cfg.has_batch);
    assert_null(cfg.facets);
    config_clear(&cfg);
}

/* db and root: "~/" is $HOME, a relative path is below the file's directory. */
static void test_paths(void **state)
{
    (void)state;
    config cfg = {0};
    char want[PATH_MAX + 64];
    setenv("HOME", "/home/someone", 1);
    assert_int_equal(read_text(&cfg, "db = ~/briefs.db\nroot = news\nroot = ~\nroot = /abs\n"), 0);
    assert_string_equal(cfg.db, "/home/someone/briefs.db");
    snprintf(want, sizeof want, "%s/news", dir);
    assert_string_equal(cfg.roots.items[0], want);
    assert_string_equal(cfg.roots.items[1], "/home/someone");
    assert_string_equal(cfg.roots.items[2], "/abs");
    unsetenv("HOME");
    assert_int_equal(read_text(&cfg, "db = ~/briefs.db\n"), -1);
    assert_string_equal(error_text(), "briefs.conf:1: db: '~/briefs.db' begins with ~ and HOME is not set");
    config_clear(&cfg);
}

/* What an unknown key's message lists. */
#define KEYS "(the keys: db, root, include, exclude, batch, batch-seconds, facets, listen)"

/* Each wrong line is named, with why; nothing after it is read. */
static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text, *error;
    } cases[] = {
        {"db = a\n# c\n\n\n\n\ndbpath = x\n", "briefs.conf:7: unknown key 'dbpath' " KEYS},
        {"DB = x\n", "briefs.conf:1: unknown key 'DB' " KEYS},
        {"db = \"/x.db\"\n",
         "briefs.conf:1: db: \"/x.db\" is in quotes: this file takes a value as it is, without them"},
        {"exclude = '*.tmp'\n",
         "briefs.conf:1: exclude: '*.tmp' is in quotes: this file takes a value as it is, without them"},
        {"db = a\ndb = b\n", "briefs.conf:2: 'db' is set already, on line 1"},
        {"db =\n", "briefs.conf:1: db: empty value"},
        {"batch = 10k\n", "briefs.conf:1: batch: not a count: '10k'"},
        {"batch = -1\n", "briefs.conf:1: batch: not a count: '-1'"},
        {"batch-seconds = soon\n", "briefs.conf:1: batch-seconds: not a number of seconds: 'soon'"},
        {"batch-seconds = -1\n", "briefs.conf:1: batch-seconds: not a number of seconds: '-1'"},
        {"listen = 8080\n", "briefs.conf:1: listen: not [ADDR]:PORT (such as 127.0.0.1:8080): '8080'"},
        {"listen = ::1:8080\n", "briefs.conf:1: listen: not [ADDR]:PORT (such as 127.0.0.1:8080): '::1:8080'"},
        {"listen = localhost:0\n", "briefs.conf:1: listen: not [ADDR]:PORT (such as 127.0.0.1:8080): 'localhost:0'"},
        {"listen = :65536\n", "briefs.conf:1: listen: not [ADDR]:PORT (such as 127.0.0.1:8080): ':65536'"},
        {"db = a\njust words\n", "briefs.conf:2: not a 'key = value' line"},
        {"db = a\n  continued\n", "briefs.conf:2: not a 'key = value' line"},
        {"; a comment?\n", "briefs.conf:1: not a 'key = value' line"},
        {"[index]\ndb = a\n", "briefs.conf:2: 'db' is under [index]: this file has no sections"},
        {"[index\n", "briefs.conf:1: not a 'key = value' line"},
        {"= value\n", "briefs.conf:1: unknown key '' " KEYS},
    };
    config cfg = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(read_text(&cfg, cases[i].text), -1);
        assert_string_equal(error_text(), cases[i].error);
    }
    /* A line longer than a line may be is refused, not cut (inih would read
     * its rest as the next line). */
    size_t n = CONFIG_MAX_LINE + 10;
    char *text = malloc(n + 32);
    assert_non_null(text);
    strcpy(text, "db = a\nroot = /");
    size_t len = strlen(text);
    memset(text + len, 'x', n);
    strcpy(text + len + n, "\nbatch = 1\n");
    assert_int_equal(read_text(&cfg, text), -1);
    char want[128];
    snprintf(want, sizeof want, "briefs.conf:2: line longer than %d bytes", CONFIG_MAX_LINE - 2);
    assert_string_equal(error_text(), want);
    assert_int_equal(cfg.roots.n, 0);
    assert_false(cfg.has_batch);
    /* One that fits is read whole. */
    text[strlen("db = a\n") + CONFIG_MAX_LINE - 2] = '\0';
    strcat(text, "\n");
    assert_int_equal(read_text(&cfg, text), 0);
    assert_int_equal(strlen(cfg.roots.items[0]), CONFIG_MAX_LINE - 2 - strlen("root = "));
    free(text);
    config_clear(&cfg);
}

/* A later file's keys replace an earlier one's; a list is replaced whole by
 * a file that has it, and emptied by "key =". */
static void test_layers(void **state)
{
    (void)state;
    config cfg = {0};
    char system[PATH_MAX], user[PATH_MAX];
    write_file("system.conf", "db = /sys.db\nbatch = 7\ninclude = *.txt\ninclude = *.sgm\n"
                              "exclude = *.tmp\nfacets = person\n", system);
    write_file("user.conf", "db = /user.db\ninclude = *.jsonl\nexclude =\n", user);
    assert_int_equal(config_read_file(&cfg, system, 0, err, sizeof err), 0);
    assert_int_equal(config_read_file(&cfg, user, 0, err, sizeof err), 0);
    assert_string_equal(cfg.db, "/user.db");
    assert_int_equal(cfg.batch, 7);
    assert_int_equal(cfg.include.n, 1);
    assert_string_equal(cfg.include.items[0], "*.jsonl");
    assert_int_equal(cfg.exclude.n, 0);
    assert_string_equal(cfg.facets, "person");
    assert_int_equal(cfg.files.n, 2);
    assert_string_equal(cfg.files.items[1], user);
    config_clear(&cfg);
}

/* A file that is not there: nothing when it may be missing, an error when
 * it was asked for; one that cannot be read is an error. */
static void test_missing(void **state)
{
    (void)state;
    config cfg = {0};
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/none.conf", dir);
    assert_int_equal(config_read_file(&cfg, path, 0, err, sizeof err), 0);
    assert_int_equal(cfg.files.n, 0);
    assert_int_equal(config_read_file(&cfg, path, 1, err, sizeof err), -1);
    assert_string_equal(error_text(), "none.conf: No such file or directory");
    assert_int_equal(config_read_file(&cfg, dir, 0, err, sizeof err), -1);
    assert_non_null(strstr(err, ": Is a directory"));
    config_clear(&cfg);
}

/* --config FILE alone, else $BRIEFS_CONFIG alone. */
static void test_load(void **state)
{
    (void)state;
    config cfg = {0};
    char a[PATH_MAX], b[PATH_MAX];
    write_file("a.conf", "db = /a.db\n", a);
    write_file("b.conf", "db = /b.db\n", b);
    setenv(CONFIG_ENV, b, 1);
    assert_int_equal(config_load(&cfg, a, err, sizeof err), 0);
    assert_string_equal(cfg.db, "/a.db");
    assert_int_equal(cfg.files.n, 1);
    config_clear(&cfg);
    assert_int_equal(config_load(&cfg, NULL, err, sizeof err), 0);
    assert_string_equal(cfg.db, "/b.db");
    assert_int_equal(cfg.files.n, 1);
    config_clear(&cfg);
    setenv(CONFIG_ENV, "/dev/null", 1);   /* how tests read no file */
    assert_int_equal(config_load(&cfg, NULL, err, sizeof err), 0);
    assert_null(cfg.db);
    config_clear(&cfg);
    /* --config '' (a variable that was not set, say) is no file at all. */
    assert_int_equal(config_load(&cfg, "", err, sizeof err), -1);
    assert_string_equal(err, "--config: the FILE is an empty name");
    config_clear(&cfg);
    setenv(CONFIG_ENV, "/nonexistent/briefs.conf", 1);
    assert_int_equal(config_load(&cfg, NULL, err, sizeof err), -1);
    assert_string_equal(err, "/nonexistent/briefs.conf: No such file or directory");
    config_clear(&cfg);
    unsetenv(CONFIG_ENV);
}

/* $XDG_CONFIG_HOME/briefs/config; ~/.config when it is unset, empty or
 * relative. */
static void test_user_file(void **state)
{
    (void)state;
    char path[PATH_MAX];
    setenv("HOME", "/home/someone", 1);
    setenv("XDG_CONFIG_HOME", "/xdg", 1);
    assert_int_equal(config_user_file(path, sizeof path), 0);
    assert_string_equal(path, "/xdg/briefs/config");
    static const char *const fallback[] = {"", "relative/dir"};
    for (size_t i = 0; i < 2; i++) {
        setenv("XDG_CONFIG_HOME", fallback[i], 1);
        assert_int_equal(config_user_file(path, sizeof path), 0);
        assert_string_equal(path, "/home/someone/.config/briefs/config");
    }
    unsetenv("XDG_CONFIG_HOME");
    assert_int_equal(config_user_file(path, sizeof path), 0);
    assert_string_equal(path, "/home/someone/.config/briefs/config");
    unsetenv("HOME");
    assert_int_equal(config_user_file(path, sizeof path), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_key),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_layers),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_user_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
