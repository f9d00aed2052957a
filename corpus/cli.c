/* cli.c — see cli.h. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>

int cli_parse_count(const char *s, unsigned max, unsigned *out)
{
    char *end;
    if (s[0] < '0' || s[0] > '9')
        return -1;   /* strtoul would take a sign or blanks */
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

int cli_parse_seconds(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 0))
        return -1;
    *out = v;
    return 0;
}
