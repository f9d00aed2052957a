/* exits.h — the exit statuses of both tools (DESIGN.md), for cron and scripts. */
#ifndef BRIEFS_EXITS_H
#define BRIEFS_EXITS_H

enum briefs_exit {
    EXIT_DONE = 0,         /* done (brief-query: at least one match) */
    EXIT_SOME_FAILED = 1,  /* brief-index: some briefs failed, the rest were indexed;
                              brief-query: no match, as grep */
    EXIT_USAGE = 2,        /* usage or query syntax error */
    EXIT_IO = 74,          /* the index could not be read or written (EX_IOERR) */
    EXIT_LOCKED = 75,      /* another indexer holds the lock (EX_TEMPFAIL) */
    EXIT_TIMED_OUT = 75,   /* brief-query: no answer within --timeout (EX_TEMPFAIL) */
    EXIT_INTERRUPTED = 130 /* stopped by SIGINT or SIGTERM, after committing what was done */
};

#endif
