/* cli.h — what both command lines parse the same way. */
#ifndef BRIEFS_CLI_H
#define BRIEFS_CLI_H

/* A count written in decimal digits, no sign, at most max, into *out.
 * Returns 0, or -1 when s is anything else. */
int cli_parse_count(const char *s, unsigned max, unsigned *out);

/* A number of seconds, 0 or more, as strtod reads it ("60", "0.5"), into
 * *out. Returns 0, or -1 when s is anything else. */
int cli_parse_seconds(const char *s, double *out);

#endif
