/* dates.h — read the dates that briefs and users write, as ISO 8601.
 *
 * Accepted forms (month names full or three letters, "Sept" too, any case; a
 * leading weekday is skipped):
 *   2022-03-14            2022-03-14T09:30:00Z     20220314
 *   14 March 2022         14 Mar 2022              14-MAR-2022   14th March 2022
 *   March 14, 2022        Mar 14 2022              Mar. 14, 2022
 *   Mon, 14 Mar 2022 09:30:00 +0000                (RFC 2822)
 *   26-FEB-1987 15:01:01.79&#5;&#5;&#5;F           (Reuters-21578, junk and all)
 * Purely numeric day/month orders (03/14/2022, 14/03/2022) are ambiguous and
 * refused.  Years have four digits (0001..9999); the calendar is checked
 * (leap years of the Gregorian calendar: 2024-02-29 yes, 2100-02-29 no).
 * The time and zone, when present, are not used: the date is the one written.
 */
#ifndef BRIEFS_DATES_H
#define BRIEFS_DATES_H

#include <stddef.h>

/* Room for "YYYY-MM-DD" and its NUL. */
#define DATE_ISO_SIZE 11

/* Return 1 when year-month-day is a day of the Gregorian calendar with year in
 * 1..9999, else 0. Cannot fail. */
int date_valid(int year, int month, int day);

/* Parse the date at the start of s[0..len) (leading white space skipped), as
 * found in a header or a data file: whatever follows the date after a
 * separator (a time, a zone, junk) is ignored, but the date must end there
 * ("14 March 2022x" is refused).  Never reads past s[len-1]; s need not be
 * NUL-terminated.  On success write "YYYY-MM-DD" and a NUL to out and return
 * 0; otherwise return -1 and leave out unchanged. */
int date_parse(const char *s, size_t len, char out[DATE_ISO_SIZE]);

/* Parse a date given on the command line (--since, --until): the forms of
 * date_parse(), strictly — nothing may follow but a time of day ("09:30",
 * "T09:30:00.5") with an optional zone ("Z", "+0100", "-05:00", "UTC", "EST")
 * and white space.  Partial dates are accepted too: "2022-03" and "2022" name
 * the first day of that month or year when upper is 0, and the last day when
 * upper is non-zero (so --until 2022-02 means up to 2022-02-28).  On success
 * write "YYYY-MM-DD" and a NUL to out and return 0; otherwise return -1 and
 * leave out unchanged. arg may be NULL (-1). */
int date_parse_arg(const char *arg, int upper, char out[DATE_ISO_SIZE]);

#endif
