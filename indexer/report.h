/* report.h — brief-index's one way to say something on stderr: every error,
 * warning and note is one whole line,
 *
 *   brief-index: FILE:N: message    (N > 0: the brief's ordinal in FILE)
 *   brief-index: FILE: message      (FILE: a file, a brief's id, the index)
 *   brief-index: message            (no FILE)
 *
 * written under stderr's lock (flockfile), so that the lines of the worker
 * threads never mix, and on a line of its own: the progress line
 * (progress.h), when it is shown, is erased first and drawn again at its next
 * update. The message says what kind it is where the reader needs it: a
 * file's or a brief's begins "error: ", "warning: " or "skipped: "; an
 * index's says what could not be done ("cannot commit: …").
 *
 * A file's errors and warnings are shown up to REPORT_FILE_LINES lines
 * while it is being read (report_file_begin/end), then one line says how
 * many more there were: a file of ten thousand broken briefs must not bury
 * the one line about another file in a cron log. -v shows them all. A worker
 * thread of the parallel build counts the lines of the briefs it writes the
 * same way, file by file.
 *
 * Usage errors are not reported here: main.c prints them with a hint to
 * --help.
 */
#ifndef BRIEFS_REPORT_H
#define BRIEFS_REPORT_H

#include "progress.h"
#include "reader.h"

/* What is shown. The settings are the process's, as stderr is; before any
 * report_set() they are all zero: errors and warnings shown, notes not, no
 * progress line to erase. */
typedef struct report_settings {
    int quiet;            /* errors only (-q) */
    int verbose;          /* notes as well: each brief written or deleted (-v) */
    progress *progress;   /* the progress line to erase first, or NULL */
} report_settings;

/* Make s the settings and return the previous ones (to be put back). The
 * change is made under stderr's lock, so other threads may be reporting
 * meanwhile: a progress line is detached with a report_set() whose progress
 * is NULL before it is destroyed. Cannot fail. */
report_settings report_set(report_settings s);

/* The lines shown for one file's errors and warnings, without -v. */
#define REPORT_FILE_LINES 20

/* The calling thread begins reading the file path (kept, not copied, until
 * report_file_end): its errors and warnings past REPORT_FILE_LINES are
 * counted instead of shown. Cannot fail. */
void report_file_begin(const char *path);

/* The calling thread has read the file of report_file_begin: one line says
 * how many of its lines were not shown, if any. Cannot fail. */
void report_file_end(void);

/* An error: always shown. path may be NULL (no FILE); fmt is printf's,
 * without the line's end. */
void report_error(const char *path, long ordinal, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A warning (a file or brief skipped, read in another encoding, or a step
 * left out): shown unless quiet. */
void report_warning(const char *path, long ordinal, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A note of what was done (a brief added, updated or deleted): shown when
 * verbose and not quiet. */
void report_note(const char *path, long ordinal, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The reader's diagnostics (a reader_diag_fn, reader.h; ctx is unused):
 * "error: …" as an error, "warning: …" and "skipped: …" as warnings. */
void report_reader_diag(void *ctx, reader_diag_level level, const char *path, long ordinal,
                        const char *message);

#endif
