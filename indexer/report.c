/* report.c — brief-index's diagnostics. See report.h. */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>

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

typedef enum level { LEVEL_ERROR, LEVEL_WARNING, LEVEL_NOTE } level;

static void vreport(level lv, const char *path, long ordinal, const char *fmt, va_list ap)
{
    flockfile(stderr);   /* one whole line, whichever thread says it */
    if (lv == LEVEL_ERROR || (!settings.quiet && (lv == LEVEL_WARNING || settings.verbose))) {
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
