/* brief_text.c — see brief_text.h.
 *
 * Written by hand, not with a library: the rules are ours (which abbreviations
 * do not end a sentence, where a long title is cut), and each is a few lines
 * over bytes that are already valid UTF-8.
 */
#include "brief_text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

static int is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_alpha(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || is_lower(c);
}

/* ===== white space and lists ===== */

void brief_text_trim(const char **s, size_t *len)
{
    const char *p = *s, *e = *s + *len;
    while (p < e && brief_text_is_space((unsigned char)*p))
        p++;
    while (e > p && brief_text_is_space((unsigned char)e[-1]))
        e--;
    *s = p;
    *len = (size_t)(e - p);
}

char *brief_text_collapse_space(const char *s, size_t len)
{
    brief_text_trim(&s, &len);
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (brief_text_is_space(c)) {
            space = 1;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = 0;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return out;
}

int brief_text_split_list(brief_list *list, const char *s, size_t len, const char *seps)
{
    const char *end = s + len;
    while (s < end) {
        const char *item = s;
        while (s < end && !strchr(seps, *s))
            s++;
        size_t n = (size_t)(s - item);
        brief_text_trim(&item, &n);
        if (n && brief_list_add_new(list, item, n) < 0)
            return -1;
        if (s < end)
            s++;
    }
    return 0;
}

int brief_text_split_people(brief_list *list, const char *s, size_t len)
{
    return brief_text_split_list(list, s, len, memchr(s, ';', len) ? ";" : ",");
}

int brief_text_add_topic(brief_list *list, const char *s, size_t len)
{
    if (brief_list_full(list)) {   /* before the copy below: a full list takes nothing */
        list->dropped++;
        return 0;
    }
    char *topic = brief_text_collapse_space(s, len);
    if (!topic)
        return -1;
    for (char *c = topic; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    size_t n = strlen(topic);
    int rc = n ? brief_list_add_new(list, topic, n) : 0;
    free(topic);
    return rc;
}

int brief_text_split_topics(brief_list *list, const char *s, size_t len)
{
    const char *end = s + len;
    while (s < end) {
        const char *item = s;
        while (s < end && *s != ',' && *s != ';')
            s++;
        if (brief_text_add_topic(list, item, (size_t)(s - item)) < 0)
            return -1;
        if (s < end)
            s++;
    }
    return 0;
}

/* ===== the title rule ===== */

/* Abbreviations after which a '.' does not end a sentence (lower case). */
static const char *const abbreviations[] = {
    "mr",  "mrs",  "ms",  "dr",  "st",  "jr",   "sr",  "prof", "gen",  "col",  "lt",
    "sgt", "capt", "gov", "sen", "rep", "rev",  "no",  "vs",   "mt",   "ft",   "inc",
    "co",  "corp", "ltd", "jan", "feb", "aug",  "sep", "sept", "oct",  "nov",  "dec",
    "cf",  "ca",   "approx", "dept", "est", "fig", "maj", "adm", "cmdr", "supt", "bros",
    "messrs", "pres", "univ", "vol", "pp", "ed",
};

/* Is the word w[0..n) (just before a '.') an abbreviation or an initial? */
static int is_abbreviation(const char *w, size_t n)
{
    if (n == 0)
        return 0;
    if (n == 1 && is_alpha((unsigned char)w[0]))
        return 1; /* an initial: "J. Smith", or "U.S." whose last part is "S" */
    if (memchr(w, '.', n))
        return 1; /* "U.S", "e.g": dotted abbreviations */
    for (size_t i = 0; i < sizeof abbreviations / sizeof *abbreviations; i++)
        if (strlen(abbreviations[i]) == n && strncasecmp(w, abbreviations[i], n) == 0)
            return 1;
    return 0;
}

/* Length of a closing quote or bracket at s[0..len) (UTF-8 aware), or 0. */
static size_t closing_mark(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    if (s[0] == '"' || s[0] == '\'' || s[0] == ')' || s[0] == ']')
        return 1;
    if (len >= 3 && memcmp(s, "\xE2\x80", 2) == 0 &&
        ((unsigned char)s[2] == 0x9D || (unsigned char)s[2] == 0x99))
        return 3; /* ” ’ */
    if (len >= 2 && memcmp(s, "\xC2\xBB", 2) == 0)
        return 2; /* » */
    return 0;
}

/* The length of the first sentence of the single-spaced text t[0..len). */
static size_t first_sentence(const char *t, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = t[i];
        if (c != '.' && c != '?' && c != '!')
            continue;
        size_t j = i + 1, m;
        while ((m = closing_mark(t + j, len - j)) > 0)
            j += m;
        if (j < len && t[j] != ' ')
            continue;
        if (j >= len)
            return len;
        if (c == '.') {
            size_t ws = i;
            while (ws > 0 && t[ws - 1] != ' ' && t[ws - 1] != '(' && t[ws - 1] != '"')
                ws--;
            if (is_abbreviation(t + ws, i - ws))
                continue;
            /* "approx. three": a lower-case word goes on with the sentence. */
            if (j + 1 < len && is_lower((unsigned char)t[j + 1]))
                continue;
        }
        return j;
    }
    return len;
}

/* Cut the single-spaced text t (of len bytes, more than BRIEF_TITLE_MAX code
 * points) at a word boundary and append "…", in place (t has room: the cut
 * removes at least one code point, at least one byte, and "…" takes three
 * bytes, so the caller allocates len + 3). */
static void cut_title(char *t, size_t len)
{
    size_t keep = utf8_prefix(t, len, BRIEF_TITLE_MAX - 1);
    size_t cut = keep;
    if (t[keep] != ' ') {
        /* Back to the last space, unless that loses more than half. */
        size_t sp = keep;
        while (sp > 0 && t[sp] != ' ')
            sp--;
        if (sp > keep / 2)
            cut = sp;
    }
    while (cut > 0 && (t[cut - 1] == ' ' || t[cut - 1] == ',' || t[cut - 1] == ';' ||
                       t[cut - 1] == ':' || t[cut - 1] == '-'))
        cut--;
    memcpy(t + cut, "\xE2\x80\xA6", 4);
}

char *brief_text_title(const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    /* The first line with something on it. */
    const char *line = NULL;
    size_t n = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *s = p;
        size_t sn = (size_t)(eol - p);
        brief_text_trim(&s, &sn);
        if (sn) {
            line = s;
            n = sn;
            break;
        }
        p = eol + 1;
    }
    if (!line)
        return calloc(1, 1);
    if (utf8_count(line, n) <= BRIEF_TITLE_MAX)
        return brief_text_collapse_space(line, n);
    char *t = brief_text_collapse_space(line, n);
    if (!t)
        return NULL;
    size_t tlen = first_sentence(t, strlen(t));
    t[tlen] = '\0';
    if (utf8_count(t, tlen) <= BRIEF_TITLE_MAX)
        return t;
    char *grown = realloc(t, tlen + 4);
    if (!grown) {
        free(t);
        return NULL;
    }
    cut_title(grown, tlen);
    return grown;
}
