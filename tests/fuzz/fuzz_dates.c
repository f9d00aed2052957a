/* fuzz_dates.c — the date parsers (corpus/dates.h): date_parse over bytes
 * that are not NUL-terminated (it must read none past the end), date_parse_arg
 * over a string, as the lower and the upper end of a range.  What they accept
 * must be a day of the calendar, read back as itself. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

static void check_iso(const char out[DATE_ISO_SIZE], const char *what)
{
    int y, m, d;
    FUZZ_CHECK(strlen(out) == 10 && sscanf(out, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
                   date_valid(y, m, d),
               what);
    char again[DATE_ISO_SIZE];
    FUZZ_CHECK(date_parse(out, 10, again) == 0 && strcmp(again, out) == 0, what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy: a read past its end is the sanitizers' to see. */
    char *bytes = malloc(size ? size : 1);
    FUZZ_CHECK(bytes != NULL, "out of memory");
    if (size)
        memcpy(bytes, data, size);
    char out[DATE_ISO_SIZE] = "unchanged";
    if (date_parse(bytes, size, out) == 0)
        check_iso(out, "date_parse: not an ISO day");
    else
        FUZZ_CHECK(strcmp(out, "unchanged") == 0, "date_parse: out changed on failure");
    free(bytes);

    char *arg = malloc(size + 1);
    FUZZ_CHECK(arg != NULL, "out of memory");
    if (size)
        memcpy(arg, data, size);
    arg[size] = '\0';
    char lo[DATE_ISO_SIZE], hi[DATE_ISO_SIZE];
    int lo_ok = date_parse_arg(arg, 0, lo) == 0, hi_ok = date_parse_arg(arg, 1, hi) == 0;
    FUZZ_CHECK(lo_ok == hi_ok, "date_parse_arg: accepted as one end only");
    if (lo_ok) {
        check_iso(lo, "date_parse_arg: lower end not an ISO day");
        check_iso(hi, "date_parse_arg: upper end not an ISO day");
        FUZZ_CHECK(strcmp(lo, hi) <= 0, "date_parse_arg: upper end before lower end");
    }
    free(arg);
    return 0;
}
