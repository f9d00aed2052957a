/* serve.c — the HTTP side of brief-serve, on libmicrohttpd. See serve.h.
 *
 * Threads: o->threads libmicrohttpd daemons without a listening socket,
 * each with one thread polling its own connections (epoll) and calling the
 * handler for them, and one thread of ours that accepts connections and
 * gives each to the daemon with the fewest open (MHD_add_connection). Each
 * daemon thread answers API requests with its own api_worker (its own
 * read-only index handle), made at its first request. The extractor is
 * shared.
 *
 * Why not libmicrohttpd's own thread pool: there every pool thread polls the
 * listening socket and the first to wake accepts a burst of connections in
 * a row (in epoll mode), and a connection stays on the thread that accepted
 * it. wrk's 8 connections, opened at once, landed
 * 8/0, 7/1 or 4/4 over 2 threads from one run to the next: at 8/0 one core
 * answered everything while the other idled, which was the 2x swing at 8
 * connections (scripts/BENCHMARKS.md, "the 8-connection swing"). A thread per
 * connection sharing the workers spread them evenly but answered fewer
 * requests: the worker, and the core, changed hands at every request.
 *
 * A request's life: the URI-log callback (the request line has been read)
 * makes its record and counts it in flight; the handler answers it; the
 * completion callback writes its access-log line and counts it done. At
 * SIGTERM the listening socket is shut down (the accepting thread ends),
 * the requests in flight are given time to finish, then the daemons stop.
 */
#define _GNU_SOURCE
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "api.h"
#include "exits.h"
#include "web_assets.h"

/* The page may load only what this server serves: no inline script or
 * style, no other origin; whatever a brief holds cannot run. */
#define PAGE_POLICY                                                                        \
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "            \
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

struct server;

/* One daemon and its thread: the connections given to it are its own. */
typedef struct http_thread {
    struct server *s;
    struct MHD_Daemon *d;
    atomic_int open;           /* connections given to it, not yet closed */
} http_thread;

typedef struct server {
    const serve_options *o;
    int listener;              /* the listening socket */
    http_thread *threads;      /* o->threads of them */
    size_t nthreads;
    FILE *log;
    atomic_int in_flight;      /* requests whose line was read, not yet completed */
    atomic_int stopping;       /* SIGTERM came: close connections after answering */
    pthread_mutex_t lock;      /* guards workers */
    api_worker **workers;      /* one per thread that answered the API */
    size_t nworkers;
} server;

/* One request, from its first line to its access-log line. */
typedef struct request {
    struct timespec started, wall;
    char client[INET6_ADDRSTRLEN];
    char method[16];
    char *uri;           /* as sent */
    unsigned status;     /* 0: not answered by us */
    size_t bytes;        /* of the body */
    int headers_seen;    /* the handler was called once: answer at the next call */
} request;

static _Thread_local api_worker *thread_worker;

/* ------------------------------------------------------------------------ */
/* Access log                                                                */
/* ------------------------------------------------------------------------ */

/* s with every byte that is not printable ASCII, and the quote and
 * backslash, written \xHH: a log line stays one line whatever was sent. */
static void put_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x21 || c > 0x7e || c == '"' || c == '\\')
            fprintf(f, "\\x%02X", c);
        else
            fputc(c, f);
    }
}

static const char *termination_reason(enum MHD_RequestTerminationCode toe)
{
    switch (toe) {
    case MHD_REQUEST_TERMINATED_COMPLETED_OK: return NULL;
    case MHD_REQUEST_TERMINATED_TIMEOUT_REACHED: return "timed out";
    case MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN: return "server stopping";
    case MHD_REQUEST_TERMINATED_CLIENT_ABORT: return "client closed";
    case MHD_REQUEST_TERMINATED_WITH_ERROR: return "refused or failed before an answer";
    default: return "connection failed";
    }
}

/* One line: time (UTC), client, method, URI as sent, status ("-": not
 * answered), body bytes, milliseconds, and why it ended when not answered
 * whole. Written with one call (the FILE's lock keeps lines whole). */
static void log_request(server *s, const request *r, enum MHD_RequestTerminationCode toe)
{
    if (!s->log)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double ms = (double)(now.tv_sec - r->started.tv_sec) * 1e3 +
                (double)(now.tv_nsec - r->started.tv_nsec) / 1e6;
    struct tm tm;
    gmtime_r(&r->wall.tv_sec, &tm);
    char when[32], status[16];
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(status, sizeof status, r->status ? "%u" : "-", r->status);
    char *line = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&line, &len);
    if (!f)
        return;
    fprintf(f, "%s.%03ldZ %s %s ", when, r->wall.tv_nsec / 1000000, r->client,
            r->method[0] ? r->method : "-");
    put_escaped(f, r->uri ? r->uri : "-");
    fprintf(f, " %s %zu %.3fms", status, r->bytes, ms);
    const char *why = termination_reason(toe);
    if (why)
        fprintf(f, " (%s)", why);
    fputc('\n', f);
    if (fclose(f) == 0)
        fwrite(line, 1, len, s->log);
    free(line);
}

/* ------------------------------------------------------------------------ */
/* libmicrohttpd callbacks                                                   */
/* ------------------------------------------------------------------------ */

static void *on_request_line(void *cls, const char *uri, struct MHD_Connection *c)
{
    server *s = cls;
    request *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &r->started);
    clock_gettime(CLOCK_REALTIME, &r->wall);
    r->uri = strdup(uri);
    snprintf(r->client, sizeof r->client, "-");
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, r->client,
                      sizeof r->client);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, r->client,
                      sizeof r->client);
    }
    atomic_fetch_add(&s->in_flight, 1);
    return r;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)c;
    server *s = cls;
    request *r = *con_cls;
    if (!r)
        return;
    log_request(s, r, toe);
    free(r->uri);
    free(r);
    *con_cls = NULL;
    atomic_fetch_sub(&s->in_flight, 1);
}

/* A connection of t closed: one fewer for the accepting thread to count. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    (void)c;
    (void)socket_context;
    http_thread *t = cls;
    if (toe == MHD_CONNECTION_NOTIFY_CLOSED)
        atomic_fetch_sub(&t->open, 1);
}

static void on_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char message[512];
    vsnprintf(message, sizeof message, fmt, ap);
    size_t len = strlen(message);
    while (len && (message[len - 1] == '\n' || message[len - 1] == '\r'))
        message[--len] = '\0';
    for (char *p = message; *p; p++)   /* one line, whatever it holds */
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    fprintf(stderr, "brief-serve: %.300s\n", message);
}

/* Collects the decoded query parameters of a request. */
typedef struct param_list {
    api_param *items;
    size_t n, cap;
    int failed;
} param_list;

static enum MHD_Result add_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                 size_t key_size, const char *value, size_t value_size)
{
    (void)kind;
    (void)key_size;
    param_list *l = cls;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        api_param *items = realloc(l->items, cap * sizeof *items);
        if (!items) {
            l->failed = 1;
            return MHD_NO;
        }
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = (api_param){.name = key, .value = value ? value : "",
                                   .len = value ? value_size : 0};
    return MHD_YES;
}

/* This thread's worker, made at its first API request. */
static api_worker *worker(server *s)
{
    if (thread_worker)
        return thread_worker;
    api_worker *w = api_worker_create(s->o->dbs, s->o->ndbs, s->o->ex);
    if (!w)
        return NULL;
    pthread_mutex_lock(&s->lock);
    api_worker **more = realloc(s->workers, (s->nworkers + 1) * sizeof *more);
    if (more) {
        s->workers = more;
        s->workers[s->nworkers++] = w;
    }
    pthread_mutex_unlock(&s->lock);
    if (!more) {
        api_worker_destroy(w);
        return NULL;
    }
    return thread_worker = w;
}

/* Queue body (len bytes; owned: freed by libmicrohttpd when must_free) with
 * status and the headers every response has. */
static enum MHD_Result respond(server *s, struct MHD_Connection *c, request *r, unsigned status,
                               const char *type, void *body, size_t len, int must_free,
                               const char *cache)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        len, body, must_free ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        if (must_free)
            free(body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, cache);
    if (atomic_load(&s->stopping))
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    if (status == MHD_HTTP_SERVICE_UNAVAILABLE)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, "2");
    if (strncmp(type, "text/html", 9) == 0) {
        MHD_add_response_header(resp, "Content-Security-Policy", PAGE_POLICY);
        MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    }
    enum MHD_Result ret = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    if (r) {
        r->status = status;
        r->bytes = len;
    }
    return ret;
}

static enum MHD_Result respond_text(server *s, struct MHD_Connection *c, request *r,
                                    unsigned status, const char *text)
{
    return respond(s, c, r, status, "text/plain; charset=utf-8", (void *)text, strlen(text), 0,
                   "no-store");
}

static enum MHD_Result answer_api(server *s, struct MHD_Connection *c, request *r,
                                  const char *url)
{
    param_list params = {0};
    MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, add_param, &params);
    api_worker *w = worker(s);
    if (params.failed || !w) {
        free(params.items);
        return respond(s, c, r, 503, "application/json",
                       (void *)"{\"error\":\"out of memory\"}\n", 26, 0, "no-store");
    }
    api_response out;
    api_handle(w, url, params.items, params.n, &out);
    free(params.items);
    return respond(s, c, r, out.status, "application/json", out.body, out.len, 1, "no-store");
}

/* Whether the request says a body follows (Content-Length above 0, or
 * Transfer-Encoding). */
static int says_body(struct MHD_Connection *c)
{
    const char *len =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING) ||
           (len && strspn(len, "0") != strlen(len));
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    (void)version;
    (void)upload_data;
    server *s = cls;
    request *r = *con_cls;
    if (r)
        snprintf(r->method, sizeof r->method, "%s", method);
    /* Any other method is refused at the first call, before its body is
     * read (libmicrohttpd then closes the connection). */
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
        return respond_text(s, c, r, MHD_HTTP_METHOD_NOT_ALLOWED,
                            "method not allowed: only GET and HEAD\n");
    /* GET and HEAD are answered at the second call, once the request is
     * whole: a response queued at the first (headers only) makes
     * libmicrohttpd close the connection after it ("Connection: close"),
     * and every request of a keep-alive client then cost a new TCP
     * connection. One that says it sends a body is answered at once, so
     * that its body is never read. */
    if (r && !r->headers_seen && !says_body(c)) {
        r->headers_seen = 1;
        return MHD_YES;
    }
    if (*upload_data_size) {   /* a body after all: dropped unread */
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (strncmp(url, "/api", 4) == 0 && (url[4] == '\0' || url[4] == '/'))
        return answer_api(s, c, r, url);
    for (size_t i = 0; i < web_nassets; i++)
        if (strcmp(url, web_assets[i].path) == 0)
            return respond(s, c, r, MHD_HTTP_OK, web_assets[i].type,
                           (void *)web_assets[i].data, web_assets[i].len, 0, "no-cache");
    return respond_text(s, c, r, MHD_HTTP_NOT_FOUND, "not found\n");
}

/* ------------------------------------------------------------------------ */
/* Listening                                                                 */
/* ------------------------------------------------------------------------ */

/* Split "ADDR:PORT" or "[ADDR]:PORT" into host and port. 0, or -1. */
static int split_listen(const char *spec, char *host, size_t hostlen, char *port,
                        size_t portlen)
{
    const char *colon = strrchr(spec, ':');
    if (!colon || !colon[1] || strlen(colon + 1) >= portlen)
        return -1;
    for (const char *p = colon + 1; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    if (atol(colon + 1) > 65535)
        return -1;
    const char *start = spec, *end = colon;
    if (*start == '[') {
        if (end[-1] != ']')
            return -1;
        start++;
        end--;
    }
    if (end <= start || (size_t)(end - start) >= hostlen)
        return -1;
    memcpy(host, start, (size_t)(end - start));
    host[end - start] = '\0';
    strcpy(port, colon + 1);
    return 0;
}

/* A socket listening on spec, or -1 (a message said why; *usage set when
 * spec is no address). */
static int listen_on(const char *spec, int *usage)
{
    char host[256], port[8];
    *usage = 0;
    if (split_listen(spec, host, sizeof host, port, sizeof port) != 0) {
        fprintf(stderr, "brief-serve: --listen takes ADDR:PORT (such as 127.0.0.1:8080): '%s'\n",
                spec);
        *usage = 1;
        return -1;
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_NUMERICSERV | AI_PASSIVE},
                    *res = NULL;
    int gai = getaddrinfo(host, port, &hints, &res);
    if (gai != 0) {
        fprintf(stderr, "brief-serve: %s: %s\n", spec, gai_strerror(gai));
        return -1;
    }
    int fd = -1, err = 0;
    for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        int on = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        if (bind(fd, a->ai_addr, a->ai_addrlen) != 0 || listen(fd, 128) != 0) {
            err = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0)
        fprintf(stderr, "brief-serve: cannot listen on %s: %s\n", spec, strerror(err));
    return fd;
}

/* "http://ADDR:PORT/" of the socket, into buf. */
static void socket_url(int fd, char *buf, size_t len)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    char addr[INET6_ADDRSTRLEN] = "?";
    unsigned port = 0;
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0) {
        if (ss.ss_family == AF_INET6) {
            const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&ss;
            inet_ntop(AF_INET6, &s6->sin6_addr, addr, sizeof addr);
            port = ntohs(s6->sin6_port);
            snprintf(buf, len, "http://[%s]:%u/", addr, port);
            return;
        }
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)&ss;
        inet_ntop(AF_INET, &s4->sin_addr, addr, sizeof addr);
        port = ntohs(s4->sin_port);
    }
    snprintf(buf, len, "http://%s:%u/", addr, port);
}

/* The accepting thread: each connection to the daemon thread with the
 * fewest open (the first of them on a tie), or closed at once when
 * SERVE_MAX_CONNECTIONS are open. Ends when the listening socket is shut
 * down. */
static void *accept_connections(void *arg)
{
    server *s = arg;
    for (;;) {
        struct sockaddr_storage addr;
        socklen_t len = sizeof addr;
        int fd = accept4(s->listener, (struct sockaddr *)&addr, &len,
                         SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            int err = errno;
            if (atomic_load(&s->stopping))
                return NULL;
            if (err == EBADF || err == EINVAL || err == ENOTSOCK || err == EFAULT) {
                fprintf(stderr, "brief-serve: no longer accepting connections: %s\n",
                        strerror(err));
                return NULL;
            }
            /* Out of descriptors or memory: say so, and try again a little
             * later rather than spin. Anything else is the pending
             * connection's own failure (accept(2) on Linux): the next one. */
            if (err == EMFILE || err == ENFILE || err == ENOBUFS || err == ENOMEM) {
                fprintf(stderr, "brief-serve: cannot accept a connection: %s\n", strerror(err));
                nanosleep(&(struct timespec){.tv_nsec = 100 * 1000 * 1000}, NULL);
            }
            continue;
        }
        http_thread *least = &s->threads[0];
        int total = 0;
        for (size_t i = 0; i < s->nthreads; i++) {
            int open = atomic_load(&s->threads[i].open);
            total += open;
            if (open < atomic_load(&least->open))
                least = &s->threads[i];
        }
        if (total >= SERVE_MAX_CONNECTIONS) {
            close(fd);
            continue;
        }
        atomic_fetch_add(&least->open, 1);
        /* It closes fd when it fails, as when the connection ends. */
        if (MHD_add_connection(least->d, fd, (struct sockaddr *)&addr, len) != MHD_YES)
            atomic_fetch_sub(&least->open, 1);
    }
}

static void stop_daemons(server *s);

/* Start s->o->threads daemons into s->threads. 0, or -1 (those started
 * are stopped). */
static int start_daemons(server *s)
{
    size_t n = s->o->threads ? s->o->threads : 1;
    s->threads = calloc(n, sizeof *s->threads);
    if (!s->threads)
        return -1;
    for (; s->nthreads < n; s->nthreads++) {
        http_thread *t = &s->threads[s->nthreads];
        t->s = s;
        t->d = MHD_start_daemon(
            MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC | MHD_USE_ERROR_LOG |
                MHD_USE_NO_LISTEN_SOCKET,
            0, NULL, NULL, answer, s,
            MHD_OPTION_EXTERNAL_LOGGER, on_error, s,   /* first: it covers the rest */
            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_MAX_REQUEST,
            MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONNECTIONS,
            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_IDLE_SECONDS,
            MHD_OPTION_URI_LOG_CALLBACK, on_request_line, s,
            MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
            MHD_OPTION_NOTIFY_CONNECTION, on_connection, t,
            MHD_OPTION_END);
        if (!t->d) {
            stop_daemons(s);
            return -1;
        }
    }
    return 0;
}

static void stop_daemons(server *s)
{
    for (size_t i = 0; i < s->nthreads; i++)
        MHD_stop_daemon(s->threads[i].d);
    free(s->threads);
    s->threads = NULL;
    s->nthreads = 0;
}

/* Wait until no request is in flight, or SERVE_DRAIN_SECONDS have passed. */
static void drain(server *s)
{
    for (int i = 0; i < SERVE_DRAIN_SECONDS * 100 && atomic_load(&s->in_flight) > 0; i++)
        nanosleep(&(struct timespec){.tv_nsec = 10 * 1000 * 1000}, NULL);
}

int serve_run(const serve_options *o)
{
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    /* Blocked before any thread starts, so that every thread inherits the
     * mask and only sigwait below takes them. */
    pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
    signal(SIGPIPE, SIG_IGN);

    int usage = 0, fd = listen_on(o->listen, &usage);
    if (fd < 0)
        return usage ? EXIT_USAGE : EXIT_IO;

    server s = {.o = o, .log = o->access_log, .listener = fd};
    pthread_mutex_init(&s.lock, NULL);
    pthread_t acceptor;
    if (start_daemons(&s) != 0 || pthread_create(&acceptor, NULL, accept_connections, &s) != 0) {
        fprintf(stderr, "brief-serve: cannot start the server on %s\n", o->listen);
        stop_daemons(&s);
        close(fd);
        pthread_mutex_destroy(&s.lock);
        return EXIT_IO;
    }
    char url[INET6_ADDRSTRLEN + 32];
    socket_url(fd, url, sizeof url);
    fprintf(stderr, "brief-serve: listening on %s (%u thread%s)\n", url, o->threads,
            o->threads == 1 ? "" : "s");

    int sig = 0;
    while (sigwait(&stop_signals, &sig) != 0)
        ;
    atomic_store(&s.stopping, 1);
    /* Refuse new connections now, not leave them in the backlog unanswered:
     * shut down, the socket stops listening and the accepting thread's
     * accept fails (it is closed once that thread has ended). */
    shutdown(fd, SHUT_RDWR);
    pthread_join(acceptor, NULL);
    drain(&s);
    stop_daemons(&s);
    close(fd);
    for (size_t i = 0; i < s.nworkers; i++)
        api_worker_destroy(s.workers[i]);
    free(s.workers);
    pthread_mutex_destroy(&s.lock);
    if (s.log)
        fflush(s.log);
    fprintf(stderr, "brief-serve: stopped (%s)\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    return sig == SIGTERM ? EXIT_DONE : EXIT_INTERRUPTED;
}
