/* progress.h — the progress of a long indexing run, on stderr: files done of
 * the total, briefs per second, time left.
 *
 * On a terminal it is one line redrawn in place; anything else written to
 * stderr meanwhile must first erase it (progress_erase), and the next update
 * draws it again below, so that messages and the line never mix. Elsewhere
 * (journald, cron logs) it is a plain line every few seconds.
 */
#ifndef BRIEFS_PROGRESS_H
#define BRIEFS_PROGRESS_H

typedef enum progress_mode {
    PROGRESS_OFF = 0,
    PROGRESS_TERMINAL,   /* one line, redrawn in place ("\r\033[K") every 0.2 s */
    PROGRESS_LINES       /* a plain line (no '\r', no escape code) every interval */
} progress_mode;

typedef struct progress progress;

/* Return the number of files the run will look at, or -1 when it cannot be
 * known. Called once, when the progress is first shown (it may take a
 * moment: a walk of the roots). */
typedef long (*progress_count_fn)(void *ctx);

/* Create the progress of a run that starts now. Nothing is shown before
 * `interval` seconds have passed (on a terminal: 2 s, or interval when
 * less); then a plain line is printed every interval seconds (0: at every
 * update), or the terminal line redrawn every 0.2 s. count(ctx) gives the
 * total when the progress is first shown. Returns NULL for PROGRESS_OFF or
 * when memory runs out (no progress is shown: not an error). */
progress *progress_create(progress_mode mode, double interval, progress_count_fn count,
                          void *ctx);

/* Tell p how far the run is: files looked at and briefs written so far. Shows
 * the progress when it is due; cheap when it is not. p may be NULL. Call it
 * from one thread. */
void progress_update(progress *p, unsigned long files, unsigned long briefs);

/* Erase the terminal line when it is shown, so that a message can be written
 * on a line of its own; the next progress_update() draws it again. The caller
 * holds stderr's lock (flockfile), which guards the line's state: any thread
 * may call it. p may be NULL. */
void progress_erase(progress *p);

/* Erase the line for good: nothing more is shown. p may be NULL. */
void progress_end(progress *p);

/* Free p (NULL is fine), erasing the line first. */
void progress_destroy(progress *p);

#endif
