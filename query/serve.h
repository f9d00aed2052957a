/* serve.h — brief-serve's HTTP server (libmicrohttpd): the page and the JSON
 * API (api.h) on a socket, one access-log line per request. */
#ifndef BRIEFS_SERVE_H
#define BRIEFS_SERVE_H

#include <stddef.h>
#include <stdio.h>

#include "extract.h"

/* Bounds on what a client may send or hold (the API bounds the rest). */
#define SERVE_MAX_REQUEST (32 * 1024)  /* bytes of request line and headers:
                                          beyond, 414 or 431 */
#define SERVE_MAX_CONNECTIONS 512      /* open at once; beyond, refused */
#define SERVE_IDLE_SECONDS 30          /* a connection silent this long is closed */
#define SERVE_DRAIN_SECONDS 10         /* at SIGTERM, the most time the requests
                                          in flight are given to finish */

typedef struct serve_options {
    const char *const *dbs;   /* the indexes, searched as one */
    size_t ndbs;
    const char *listen;       /* "ADDR:PORT" ("[ADDR]:PORT" for IPv6; port 0: any free one) */
    unsigned threads;         /* worker threads, each with its own index handle */
    FILE *access_log;         /* one line per request; NULL: none */
    const extractor *ex;      /* shared by the workers */
} serve_options;

/* Listen on o->listen, print "brief-serve: listening on http://ADDR:PORT/"
 * to standard error, and answer until SIGTERM or SIGINT; then stop taking
 * connections, give the requests in flight up to SERVE_DRAIN_SECONDS to
 * finish, and stop. Blocks SIGTERM and SIGINT in the calling thread (and so
 * in the server's threads) to wait for them. Returns the exit status: 0
 * after SIGTERM, 130 after SIGINT, 2 for an address that is no ADDR:PORT,
 * 74 when it cannot listen (one line on standard error). */
int serve_run(const serve_options *o);

#endif
