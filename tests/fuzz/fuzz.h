/* fuzz.h — what every fuzz target defines, and the checks they share.
 *
 * Each fuzz_TARGET.c defines LLVMFuzzerTestOneInput (and, when it needs
 * something made once, LLVMFuzzerInitialize), as libFuzzer expects.  The same
 * file links either with libFuzzer (clang, BRIEFS_FUZZ: the fuzzer) or with
 * replay_main.c (any compiler: the regression replay the test suite runs).
 */
#ifndef BRIEFS_FUZZ_H
#define BRIEFS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "brief.h"
#include "reader.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop the process (abort) with "fuzz: what" on stderr when ok is 0: a
 * breach of a contract is a finding like a crash, in the fuzzer and in the
 * replay alike (assert() would vanish under NDEBUG). */
#define FUZZ_CHECK(ok, what) fuzz_check((ok) != 0, (what), __FILE__, __LINE__)
void fuzz_check(int ok, const char *what, const char *file, int line);

/* Check b against brief.h's contract (every string valid UTF-8 and
 * NUL-terminated, title and body set, body_len its length, a date ISO and a
 * day of the calendar, topics in lower case), reading every byte it owns so that the sanitizers see
 * any that is not its own. */
void fuzz_check_brief(const brief *b);

/* Write data[0..size) to a new temporary file whose name ends in suffix
 * (".txt", ".jsonl", ".sgm"), gzip-compressed when gzip is non-zero, read it
 * with reader_read_file (opts may be NULL), checking every brief
 * (fuzz_check_brief) and diagnostic (one line, the file's path) and the
 * counts, then remove the file.  Each brief, once checked, goes to then(ctx,
 * brief) when then is not NULL (its return value is ignored).  Returns what
 * reader_read_file returned. */
reader_status fuzz_read_file(const uint8_t *data, size_t size, const char *suffix, int gzip,
                             const reader_options *opts, reader_brief_fn then, void *ctx);

/* A NUL-terminated, valid UTF-8 copy of data[0..size) (bad bytes become
 * U+FFFD, as brief-query makes its input); the caller frees it.  Aborts when
 * memory runs out. */
char *fuzz_utf8_string(const uint8_t *data, size_t size);

#endif
