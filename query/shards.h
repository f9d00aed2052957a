/* shards.h — the indexes a search runs over, opened shard by shard.
 *
 * Each -d names an index, or a Xapian stub database: a file, or a directory
 * holding one named XAPIANDB, whose lines name the shards:
 *
 *   auto PATH, glass PATH   a local index (or another stub), relative to the
 *                           stub's directory
 *   remote HOST:PORT        a database xapian-tcpsrv serves
 *   tcp HOST PORT           the same
 *   remote :PROGRAM ARGS    one a program serves on its standard input and
 *                           output (xapian-progsrv DB)
 *
 * Blank lines and lines starting with '#' are skipped. Xapian reads such a
 * stub itself, but its stubs cannot carry timeouts (1.4): the lines are read
 * here so that each remote shard is opened through Xapian's remote API with
 * the caller's timeout, and so that a shard that cannot be opened, or stops
 * answering, can be named, and left out when the caller allows a partial
 * answer. */
#ifndef BRIEFS_SHARDS_H
#define BRIEFS_SHARDS_H

#include <stddef.h>

#include "xapian-c.h"

typedef struct shard_set shard_set;

typedef struct shards_options {
    unsigned timeout_ms;   /* each exchange with a remote shard, and making the
                              connection; 0: Xapian's default, 10 s */
    int allow_partial;     /* a shard that cannot be opened is left out and
                              named (shards_missing); at least one must open */
} shards_options;

/* Open paths[0..n) (n >= 1) as one read-only database. On success set *out
 * and return XC_OK. Otherwise set *out to NULL, write one line into err
 * (errlen bytes; no "brief-query: ") naming where the failure is (the -d
 * path, or STUB:LINE for a line of a stub) and why, set *failed to the index
 * in paths of the -d it comes from, and return the status: XC_DATABASE_NOT_FOUND
 * (nothing there), XC_NETWORK_ERROR (a remote shard cannot be reached),
 * XC_DATABASE_ERROR (a bad line of a stub, whatever allow_partial says)... */
xc_status shards_open(const char *const *paths, size_t n, const shards_options *o,
                      shard_set **out, size_t *failed, char *err, size_t errlen);

/* The database over every shard that opened: owned by s, valid until
 * shards_reconnect or shards_destroy. */
xc_database *shards_database(const shard_set *s);

/* The shards the stubs and -d list, opened or not. */
size_t shards_count(const shard_set *s);

/* Shards left out (with allow_partial), and shard i of them (< the count):
 * what the stub names ("remote 127.0.0.1:7001", a path) into *name, where it
 * is named (STUB:LINE, or the -d path) into *where, why it is missing into
 * *why (strings owned by s). */
size_t shards_missing_count(const shard_set *s);
void shards_missing(const shard_set *s, size_t i, const char **name, const char **where,
                    const char **why);

/* Non-zero when some shard is remote. */
int shards_any_remote(const shard_set *s);

/* After a search failed with XC_NETWORK_ERROR (a remote shard died or timed
 * out while answering): connect afresh to every remote shard (a connection
 * that failed in the middle of an answer cannot be trusted with the next
 * one) and make the database again. Without allow_partial, a shard that
 * cannot be reached fails it: XC_NETWORK_ERROR and one line into err naming
 * it; with allow_partial, such shards join the missing ones (none may
 * remain: XC_NETWORK_ERROR). */
xc_status shards_reconnect(shard_set *s, char *err, size_t errlen);

/* Hand the database over to the caller (who destroys it): s no longer holds
 * it. For a caller that needs only the database (brief-serve). */
xc_database *shards_take_database(shard_set *s);

/* Accepts NULL. */
void shards_destroy(shard_set *s);

#endif
