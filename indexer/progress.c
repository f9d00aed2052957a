/* progress.c — the progress line. See progress.h. */
#include "progress.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

/* A terminal line appears after this long at most: a short run shows none. */
#define TERMINAL_DELAY 2.0
/* How often the terminal line is redrawn. */
#define TERMINAL_REDRAW 0.2

struct progress {
    progress_mode mode;
    double interval;       /* between plain lines */
    double start;          /* monotonic seconds */
    double next;           /* when to show it next */
    double counting;       /* seconds spent counting: not part of the rate */
    progress_count_fn count;
    void *ctx;
    int counted;           /* count() was called */
    long total;            /* its answer: -1 unknown */
    int columns;           /* the terminal's width */
    atomic_int shown;      /* the terminal line is on the screen (changed under
                              stderr's lock, read without it) */
    int ended;
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

progress *progress_create(progress_mode mode, double interval, progress_count_fn count,
                          void *ctx)
{
    if (mode == PROGRESS_OFF)
        return NULL;
    progress *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->mode = mode;
    p->interval = interval > 0 ? interval : 0;
    p->start = now_seconds();
    p->next = p->start + (mode == PROGRESS_TERMINAL && p->interval > TERMINAL_DELAY
                              ? TERMINAL_DELAY
                              : p->interval);
    p->count = count;
    p->ctx = ctx;
    p->total = -1;
    struct winsize ws;
    p->columns = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col : 80;
    return p;
}

/* "0:42", "1:05:09". */
static void format_duration(char *out, size_t size, double seconds)
{
    unsigned long s = seconds > 0 ? (unsigned long)(seconds + 0.5) : 0;
    if (s >= 3600)
        snprintf(out, size, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(out, size, "%lu:%02lu", s / 60, s % 60);
}

/* The text of the line, without an end. */
static void compose(const progress *p, char *out, size_t size, unsigned long files,
                    unsigned long briefs, double t)
{
    double elapsed = t - p->start - p->counting;
    double rate = elapsed > 0 ? (double)briefs / elapsed : 0;
    int n;
    if (p->total >= 0) {
        unsigned long total = (unsigned long)p->total > files ? (unsigned long)p->total : files;
        n = snprintf(out, size, "brief-index: %lu of %lu files (%lu%%), %.0f briefs/s", files,
                     total, total ? files * 100 / total : 100, rate);
        if (files > 0 && elapsed > 0 && n > 0 && (size_t)n < size) {
            char left[32];
            format_duration(left, sizeof left, elapsed / (double)files * (double)(total - files));
            snprintf(out + n, size - (size_t)n, ", %s left", left);
        }
    } else {
        snprintf(out, size, "brief-index: %lu files, %.0f briefs/s", files, rate);
    }
}

void progress_update(progress *p, unsigned long files, unsigned long briefs)
{
    if (!p || p->ended)
        return;
    double t = now_seconds();
    /* On a terminal, a line a message erased is drawn again at once. */
    if (t < p->next && !(p->mode == PROGRESS_TERMINAL && p->counted && !p->shown))
        return;
    if (!p->counted) {
        p->counted = 1;
        p->total = p->count ? p->count(p->ctx) : -1;
        double after = now_seconds();
        p->counting = after - t;
        t = after;
    }
    char line[256];
    compose(p, line, sizeof line, files, briefs, t);
    flockfile(stderr);
    if (p->mode == PROGRESS_TERMINAL) {
        /* Never wider than the terminal: a wrapped line cannot be erased. */
        if (p->columns > 1 && strlen(line) >= (size_t)p->columns)
            line[p->columns - 1] = '\0';
        fprintf(stderr, "\r\033[K%s", line);
        p->shown = 1;
        p->next = t + TERMINAL_REDRAW;
    } else {
        fprintf(stderr, "%s\n", line);
        p->next = t + p->interval;
    }
    fflush(stderr);
    funlockfile(stderr);
}

void progress_erase(progress *p)
{
    if (p && p->shown) {
        fputs("\r\033[K", stderr);
        p->shown = 0;
    }
}

void progress_end(progress *p)
{
    if (!p)
        return;
    flockfile(stderr);
    progress_erase(p);
    fflush(stderr);
    funlockfile(stderr);
    p->ended = 1;
}

void progress_destroy(progress *p)
{
    progress_end(p);
    free(p);
}
