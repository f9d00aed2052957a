/* test_report.c — brief-index's diagnostics: the line's form, what -q and -v
 * show, and the progress line erased before a message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "progress.h"
#include "report.h"

/* stderr goes to a temporary file while a test runs; captured() reads it. */
static FILE *capture;
static int saved_stderr = -1;
static char text[4096];

static int start_capture(void **state)
{
    (void)state;
    fflush(stderr);
    capture = tmpfile();
    saved_stderr = dup(STDERR_FILENO);
    if (!capture || saved_stderr < 0 || dup2(fileno(capture), STDERR_FILENO) < 0)
        return -1;
    report_set((report_settings){0});
    return 0;
}

static int stop_capture(void **state)
{
    (void)state;
    report_set((report_settings){0});
    fflush(stderr);
    dup2(saved_stderr, STDERR_FILENO);
    close(saved_stderr);
    fclose(capture);
    return 0;
}

static const char *captured(void)
{
    fflush(stderr);
    rewind(capture);
    size_t n = fread(text, 1, sizeof text - 1, capture);
    text[n] = '\0';
    return text;
}

static void test_line_forms(void **state)
{
    (void)state;
    report_error("a.txt", 3, "error: %s", "no title");
    report_error("a.txt", 0, "error: %s", "cannot read");
    report_error(NULL, 0, "out of memory");
    report_error("b.txt", -1, "error: x");   /* no ordinal below 1 */
    assert_string_equal(captured(), "brief-index: a.txt:3: error: no title\n"
                                    "brief-index: a.txt: error: cannot read\n"
                                    "brief-index: out of memory\n"
                                    "brief-index: b.txt: error: x\n");
}

static void test_levels(void **state)
{
    (void)state;
    /* The defaults: errors and warnings, no notes. */
    report_error("e", 0, "1");
    report_warning("w", 0, "2");
    report_note("n", 0, "3");
    report_settings before = report_set((report_settings){.quiet = 1, .verbose = 1});
    assert_int_equal(before.quiet, 0);
    assert_int_equal(before.verbose, 0);
    report_error("e", 0, "4");
    report_warning("w", 0, "5");
    report_note("n", 0, "6");   /* -q wins over -v */
    report_settings quiet = report_set((report_settings){.verbose = 1});
    assert_int_equal(quiet.quiet, 1);
    report_warning("w", 0, "7");
    report_note("n", 0, "8");
    assert_string_equal(captured(), "brief-index: e: 1\n"
                                    "brief-index: w: 2\n"
                                    "brief-index: e: 4\n"
                                    "brief-index: w: 7\n"
                                    "brief-index: n: 8\n");
}

static void test_reader_diag(void **state)
{
    (void)state;
    report_set((report_settings){.quiet = 1});
    report_reader_diag(NULL, READER_WARNING, "a.txt", 2, "not UTF-8");
    report_reader_diag(NULL, READER_SKIP, "a.txt", 0, "binary");
    report_reader_diag(NULL, READER_ERROR, "a.txt", 4, "too large");
    report_set((report_settings){0});
    report_reader_diag(NULL, READER_WARNING, "a.txt", 2, "not UTF-8");
    report_reader_diag(NULL, READER_SKIP, "a.txt", 0, "binary");
    assert_string_equal(captured(), "brief-index: a.txt:4: error: too large\n"
                                    "brief-index: a.txt:2: warning: not UTF-8\n"
                                    "brief-index: a.txt: skipped: binary\n");
}

/* A message while the terminal line is shown erases it first ("\r\033[K"),
 * so that it is not written after the line's text; the line is then drawn
 * again at its next update. Once detached, the line is left alone. */
static void test_progress_erased(void **state)
{
    (void)state;
    progress *p = progress_create(PROGRESS_TERMINAL, 0, NULL, NULL);
    assert_non_null(p);
    report_set((report_settings){.progress = p});
    progress_update(p, 1, 5);
    report_error("/db", 0, "cannot commit: %s", "disk full");
    report_warning("a.txt", 0, "warning: w");   /* the line is not shown: no erase */
    progress_update(p, 2, 9);
    report_set((report_settings){0});
    report_error(NULL, 0, "detached");
    const char *out = captured();
    const char *line = "\r\033[Kbrief-index: 1 files, ";
    assert_memory_equal(out, line, strlen(line));
    const char *msg = strstr(out, "briefs/s\r\033[Kbrief-index: /db: cannot commit: disk full\n"
                                  "brief-index: a.txt: warning: w\n"
                                  "\r\033[Kbrief-index: 2 files, ");
    assert_non_null(msg);
    assert_non_null(strstr(msg, "briefs/sbrief-index: detached\n"));
    progress_destroy(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_line_forms, start_capture, stop_capture),
        cmocka_unit_test_setup_teardown(test_levels, start_capture, stop_capture),
        cmocka_unit_test_setup_teardown(test_reader_diag, start_capture, stop_capture),
        cmocka_unit_test_setup_teardown(test_progress_erased, start_capture, stop_capture),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
