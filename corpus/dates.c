/* dates.c — read the dates that briefs and users write, as ISO 8601.
 *
 * A small hand-written scanner over a bounded cursor: it never reads past the
 * end it is given and never allocates.
 */
#include "dates.h"

#include <string.h>

/* The text still to read: [p, end). */
typedef struct cursor {
    const char *p;
    const char *end;
} cursor;

static int at_end(const cursor *c)
{
    return c->p >= c->end;
}

/* The next byte, or 0 at the end. */
static unsigned char peek(const cursor *c)
{
    return at_end(c) ? 0 : (unsigned char)*c->p;
}

static int is_digit(unsigned char ch)
{
    return ch >= '0' && ch <= '9';
}

static int is_alpha(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int is_space(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' ||
           ch == '\f';
}

static void skip_spaces(cursor *c)
{
    while (!at_end(c) && is_space(peek(c)))
        c->p++;
}

/* Read a run of at most max_digits digits (stopping there); set *value and
 * return how many were read (0: none). */
static int read_number(cursor *c, int max_digits, int *value)
{
    int n = 0, v = 0;
    while (n < max_digits && is_digit(peek(c))) {
        v = v * 10 + (peek(c) - '0');
        c->p++;
        n++;
    }
    *value = v;
    return n;
}

/* Read a run of letters; return its length (the word starts at the old p). */
static size_t read_word(cursor *c)
{
    size_t n = 0;
    while (is_alpha(peek(c))) {
        c->p++;
        n++;
    }
    return n;
}

static int lower(unsigned char ch)
{
    return (ch >= 'A' && ch <= 'Z') ? ch - 'A' + 'a' : ch;
}

/* Does the word w[0..n) equal name, or its first three letters, ignoring case?
 * extra_len > 0 also accepts that many letters of name ("sept", "tues"). */
static int word_is(const char *w, size_t n, const char *name, size_t extra_len)
{
    size_t full = strlen(name);
    if (n == 0 || (n != 3 && n != full && n != extra_len))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)w[i]) != name[i])
            return 0;
    return 1;
}

static const char *const month_names[12] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

static const char *const day_names[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};

/* The month (1..12) the word w[0..n) names, or 0. */
static int month_of(const char *w, size_t n)
{
    for (int i = 0; i < 12; i++)
        if (word_is(w, n, month_names[i], i == 8 ? 4 : 0))
            return i + 1;
    return 0;
}

static int is_weekday(const char *w, size_t n)
{
    for (int i = 0; i < 7; i++)
        if (word_is(w, n, day_names[i], i == 1 || i == 3 ? 4 : 0) ||
            (i == 3 && word_is(w, n, "thurs", 5)))
            return 1;
    return 0;
}

int date_valid(int year, int month, int day)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
        return 0;
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int max = days[month - 1] + (month == 2 && leap);
    return day <= max;
}

/* Read a four-digit year that is not followed by a fifth digit. */
static int read_year(cursor *c, int *year)
{
    if (read_number(c, 4, year) != 4 || is_digit(peek(c)))
        return -1;
    return 0;
}

/* Skip an English ordinal suffix after a day number: 1st 2nd 3rd 14th. */
static void skip_ordinal(cursor *c)
{
    if (c->end - c->p >= 2) {
        int a = lower((unsigned char)c->p[0]), b = lower((unsigned char)c->p[1]);
        if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
            (a == 't' && b == 'h')) {
            cursor after = {c->p + 2, c->end};
            if (!is_alpha(peek(&after)))
                c->p += 2;
        }
    }
}

/* After "YYYY": "-MM-DD", "/MM/DD" or "MMDD" (when "YYYYMMDD").  *parts
 * receives how many of year, month, day were read (for partial dates). */
static int parse_numeric(cursor *c, int *y, int *m, int *d, int *parts)
{
    const char *start = c->p;
    int v;
    int n = read_number(c, 8, &v);
    if (n == 8 && !is_digit(peek(c))) {
        *y = v / 10000;
        *m = v / 100 % 100;
        *d = v % 100;
        *parts = 3;
        return 0;
    }
    c->p = start;
    if (read_year(c, y) < 0)
        return -1;
    *parts = 1;
    unsigned char sep = peek(c);
    if (sep != '-' && sep != '/' && sep != '.')
        return 0;
    cursor save = *c;
    c->p++;
    if (read_number(c, 2, m) == 0 || is_digit(peek(c))) {
        *c = save;
        return 0;
    }
    *parts = 2;
    if (peek(c) != sep) {
        return 0;
    }
    save = *c;
    c->p++;
    if (read_number(c, 2, d) == 0 || is_digit(peek(c))) {
        *c = save;
        return 0;
    }
    *parts = 3;
    return 0;
}

/* "14 March 2022", "14-MAR-2022", "14th Mar, 2022", "14.Mar.2022". */
static int parse_day_month_year(cursor *c, int *y, int *m, int *d)
{
    if (read_number(c, 2, d) == 0 || is_digit(peek(c)))
        return -1;
    skip_ordinal(c);
    unsigned char sep = peek(c);
    if (sep == '-' || sep == '/' || sep == '.')
        c->p++;
    else if (is_space(sep))
        skip_spaces(c);
    else
        return -1;
    const char *w = c->p;
    size_t n = read_word(c);
    if ((*m = month_of(w, n)) == 0)
        return -1;
    if (n == 3 && peek(c) == '.' && sep != '.')
        c->p++;
    unsigned char sep2 = peek(c);
    if (sep2 == '-' || sep2 == '/' || sep2 == '.') {
        c->p++;
    } else {
        if (sep2 == ',')
            c->p++;
        if (!is_space(peek(c)) && sep2 != ',')
            return -1;
        skip_spaces(c);
    }
    return read_year(c, y);
}

/* "March 14, 2022", "Mar 14 2022", "Mar. 14th, 2022"; the month word has
 * been read already. */
static int parse_month_day_year(cursor *c, int *y, int *d)
{
    if (peek(c) == '.')
        c->p++;
    if (peek(c) == '-')
        c->p++;
    else if (is_space(peek(c)))
        skip_spaces(c);
    else
        return -1;
    if (read_number(c, 2, d) == 0 || is_digit(peek(c)))
        return -1;
    skip_ordinal(c);
    if (peek(c) == ',')
        c->p++;
    if (peek(c) == '-') {
        c->p++;
    } else {
        if (!is_space(peek(c)) && c->p[-1] != ',')
            return -1;
        skip_spaces(c);
    }
    return read_year(c, y);
}

/* Parse the date at the cursor. *parts tells how much of a numeric date was
 * given (3 for every other form). */
static int parse_date(cursor *c, int *y, int *m, int *d, int *parts, int *iso)
{
    skip_spaces(c);
    *iso = 0;
    *parts = 3;
    if (is_alpha(peek(c))) {
        const char *w = c->p;
        size_t n = read_word(c);
        if (is_weekday(w, n)) {
            if (peek(c) == '.')
                c->p++;
            if (peek(c) == ',')
                c->p++;
            skip_spaces(c);
            if (is_digit(peek(c)))
                return parse_day_month_year(c, y, m, d);
            w = c->p;
            n = read_word(c);
        }
        if ((*m = month_of(w, n)) == 0)
            return -1;
        return parse_month_day_year(c, y, d);
    }
    if (!is_digit(peek(c)))
        return -1;
    /* Four digits or more: year first. One or two: the day. */
    cursor probe = *c;
    int v;
    int digits = read_number(&probe, 8, &v);
    if (digits >= 4) {
        *iso = 1;
        return parse_numeric(c, y, m, d, parts);
    }
    return parse_day_month_year(c, y, m, d);
}

/* Write "YYYY-MM-DD" (the date is valid, so every part fits). */
static void format_iso(int y, int m, int d, char out[DATE_ISO_SIZE])
{
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

int date_parse(const char *s, size_t len, char out[DATE_ISO_SIZE])
{
    if (!s)
        return -1;
    cursor c = {s, s + len};
    int y, m, d, parts, iso;
    if (parse_date(&c, &y, &m, &d, &parts, &iso) < 0 || parts != 3)
        return -1;
    /* The date must end here: "2022-03-14T…" and "14 Mar 2022 09:30" are
     * fine, "14 Mar 2022x" is not. */
    unsigned char next = peek(&c);
    if (is_alpha(next) && !(iso && next == 'T'))
        return -1;
    if (!date_valid(y, m, d))
        return -1;
    format_iso(y, m, d, out);
    return 0;
}

/* A time of day and zone after a date on the command line, then the end:
 * [ T]HH:MM[:SS[.frac]] [Z|+HHMM|+HH:MM|+HH|ZONE]. */
static int parse_time_tail(cursor *c)
{
    skip_spaces(c);
    if (at_end(c))
        return 0;
    if (peek(c) == 'T' || peek(c) == 't')
        c->p++;
    int hh, mm, ss;
    if (read_number(c, 2, &hh) == 0 || peek(c) != ':')
        return -1;
    c->p++;
    if (read_number(c, 2, &mm) != 2 || hh > 23 || mm > 59)
        return -1;
    if (peek(c) == ':') {
        c->p++;
        if (read_number(c, 2, &ss) != 2 || ss > 60)
            return -1;
        if (peek(c) == '.' || peek(c) == ',') {
            c->p++;
            int frac;
            if (read_number(c, 9, &frac) == 0)
                return -1;
            while (is_digit(peek(c)))
                c->p++;
        }
    }
    skip_spaces(c);
    unsigned char z = peek(c);
    if (z == '+' || z == '-') {
        c->p++;
        int zh, zm;
        int n = read_number(c, 4, &zh);
        if (n == 2 && peek(c) == ':') {
            c->p++;
            if (read_number(c, 2, &zm) != 2)
                return -1;
        } else if (n != 2 && n != 4) {
            return -1;
        }
    } else if (is_alpha(z)) {
        size_t n = read_word(c);
        if (n > 5)
            return -1;
    }
    skip_spaces(c);
    return at_end(c) ? 0 : -1;
}

int date_parse_arg(const char *arg, int upper, char out[DATE_ISO_SIZE])
{
    if (!arg)
        return -1;
    cursor c = {arg, arg + strlen(arg)};
    int y, m = 1, d = 1, parts, iso;
    if (parse_date(&c, &y, &m, &d, &parts, &iso) < 0)
        return -1;
    if (parts < 3) {
        if (parts == 1)
            m = upper ? 12 : 1;
        if (m < 1 || m > 12)
            return -1;
        d = 1;
        if (upper)
            while (date_valid(y, m, d + 1))
                d++;
        skip_spaces(&c);
        if (!at_end(&c))
            return -1;
    } else if (parse_time_tail(&c) < 0) {
        return -1;
    }
    if (!date_valid(y, m, d))
        return -1;
    format_iso(y, m, d, out);
    return 0;
}
