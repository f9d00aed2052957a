/* report.c — brief-index's diagnostics. See report.h. */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Read and written only under stderr's lock. */
static report_settings settings;

report_settings report_set(report_settings s)
{
    flockfile(stderr);
    report_settings old = settings;
    settings = s;
    funlockfile(stderr);
    return old;
}

/* The file the calling thread is reading (report_file_begin), and how many
 * of its lines were shown and held back. */
static _Thread_local struct {
    const char *path;
    long shown, held_back;
} file;

void report_file_begin(const char *path)
{
    file.path = path;
    file.shown = file.held_back = 0;
}

void report_file_end(void)
{
    const char *path = file.path;
    long n = file.held_back;
    file.path = NULL;
    /* Shown whenever a line was held back: under -q only errors are. */
    if (n > 0)
        report_error(path, 0, "%ld more %s not shown (-v shows them all)", n,
                     n == 1 ? "error or warning" : "errors and warnings");
}

typedef enum level { LEVEL_ERROR, LEVEL_WARNING, LEVEL_NOTE } level;

static void vreport(level lv, const char *path, long ordinal, const char *fmt, va_list ap)
{
    flockfile(stderr);   /* one whole line, whichever thread says it */
    int shown = lv == LEVEL_ERROR || (!settings.quiet && (lv == LEVEL_WARNING || settings.verbose));
    if (shown && lv != LEVEL_NOTE && !settings.verbose && path && file.path &&
        strcmp(path, file.path) == 0 && file.shown++ >= REPORT_FILE_LINES) {
        file.held_back++;
        shown = 0;
    }
    if (shown) {
        progress_erase(settings.progress);   /* on a line of its own */
        if (!path)
            fputs("brief-index: ", stderr);
        else if (ordinal > 0)
            fprintf(stderr, "brief-index: %s:%ld: ", path, ordinal);
        else
            fprintf(stderr, "brief-index: %s: ", path);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
    }
    funlockfile(stderr);
}

void report_error(const char *path, long ordinal, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(LEVEL_ERROR, path, ordinal, fmt, ap);
    va_end(ap);
}

void report_warning(const char *path, long ordinal, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(LEVEL_WARNING, path, ordinal, fmt, ap);
    va_end(ap);
}

void report_note(const char *path, long ordinal, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(LEVEL_NOTE, path, ordinal, fmt, ap);
    va_end(ap);
}

void report_reader_diag(void *ctx, reader_diag_level level, const char *path, long ordinal,
                        const char *message)
{
    (void)ctx;
    switch (level) {
    case READER_WARNING:
        report_warning(path, ordinal, "warning: %s", message);
        break;
    case READER_SKIP:
        report_warning(path, ordinal, "skipped: %s", message);
        break;
    case READER_ERROR:
        report_error(path, ordinal, "error: %s", message);
        break;
    }
}
