/* fuzz_brief_text.c — the rules every header field follows
 * (corpus/brief_text.h): trimming, collapsing white space, splitting lists
 * and people, the title taken from the text; each result checked against
 * the contract. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "brief_text.h"
#include "utf8.h"

static void check_utf8(const char *s, const char *what)
{
    size_t n = strlen(s);
    FUZZ_CHECK(utf8_validate(s, n) == n, what);
}

/* One space between words, none at either end, no other white space. */
static void check_collapsed(const char *s, const char *what)
{
    check_utf8(s, what);
    size_t n = strlen(s);
    FUZZ_CHECK(n == 0 || (s[0] != ' ' && s[n - 1] != ' '), what);
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(s[i] == ' ' || !brief_text_is_space((unsigned char)s[i]), what);
        FUZZ_CHECK(!(s[i] == ' ' && i > 0 && s[i - 1] == ' '), what);
    }
}

static void check_items(const brief_list *l, const char *seps)
{
    for (size_t i = 0; i < l->count; i++) {
        const char *s = l->items[i];
        size_t n = strlen(s);
        check_utf8(s, "list item: not UTF-8");
        FUZZ_CHECK(n > 0, "list item: empty");
        FUZZ_CHECK(!brief_text_is_space((unsigned char)s[0]) &&
                       !brief_text_is_space((unsigned char)s[n - 1]),
                   "list item: not trimmed");
        FUZZ_CHECK(strpbrk(s, seps) == NULL, "list item: holds a separator");
        for (size_t j = 0; j < i; j++)
            FUZZ_CHECK(strcmp(l->items[j], s) != 0, "list item: a duplicate");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The readers hand these functions valid UTF-8 without NUL bytes. */
    char *s = fuzz_utf8_string(data, size);
    size_t len = strlen(s);

    const char *t = s;
    size_t tlen = len;
    brief_text_trim(&t, &tlen);
    FUZZ_CHECK(t >= s && t + tlen <= s + len, "trim: out of the text");

    char *c = brief_text_collapse_space(s, len);
    FUZZ_CHECK(c != NULL, "collapse: out of memory");
    check_collapsed(c, "collapse: not collapsed");
    free(c);

    brief_list list = {0};
    FUZZ_CHECK(brief_text_split_list(&list, s, len, ",;") == 0, "split: out of memory");
    check_items(&list, ",;");
    brief_list_clear(&list);
    FUZZ_CHECK(brief_text_split_people(&list, s, len) == 0, "people: out of memory");
    check_items(&list, memchr(s, ';', len) ? ";" : ",");
    brief_list_clear(&list);

    char *title = brief_text_title(s, len);
    FUZZ_CHECK(title != NULL, "title: out of memory");
    check_collapsed(title, "title: not one collapsed line");
    FUZZ_CHECK(utf8_count(title, strlen(title)) <= BRIEF_TITLE_MAX, "title: too long");
    free(title);
    free(s);
    return 0;
}
