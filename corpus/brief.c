/* brief.c — the brief record: initialisation, lists, fields. */
#include "brief.h"

#include "array.h"

#include <stdlib.h>
#include <string.h>

/* A NUL-terminated copy of the first len bytes of s, or NULL when memory runs
 * out. */
static char *copy_bytes(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void brief_init(brief *b)
{
    memset(b, 0, sizeof *b);
}

void brief_clear(brief *b)
{
    if (!b)
        return;
    free(b->id);
    free(b->title);
    free(b->date);
    free(b->source);
    free(b->url);
    free(b->body);
    brief_list_clear(&b->people);
    brief_list_clear(&b->countries);
    brief_list_clear(&b->topics);
    brief_list_clear(&b->gold_places);
    brief_list_clear(&b->gold_people);
    for (size_t i = 0; i < b->extra_count; i++) {
        free(b->extra[i].key);
        free(b->extra[i].value);
    }
    free(b->extra);
    brief_init(b);
}

int brief_list_add(brief_list *list, const char *s, size_t len)
{
    if (array_grow((void **)&list->items, &list->cap, list->count + 1, sizeof *list->items) != 0)
        return -1;
    char *copy = copy_bytes(s, len);
    if (!copy)
        return -1;
    list->items[list->count++] = copy;
    return 0;
}

int brief_list_add_new(brief_list *list, const char *s, size_t len)
{
    if (brief_list_full(list)) {
        list->dropped++;
        return 0;
    }
    for (size_t i = 0; i < list->count; i++)
        if (strlen(list->items[i]) == len && memcmp(list->items[i], s, len) == 0)
            return 0;
    return brief_list_add(list, s, len);
}

int brief_list_contains(const brief_list *list, const char *s)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i], s) == 0)
            return 1;
    return 0;
}

int brief_list_full(const brief_list *list)
{
    return list->count >= BRIEF_LIST_MAX;
}

void brief_list_clear(brief_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = 0;
    list->cap = 0;
    list->dropped = 0;
}

int brief_set(char **field, const char *s, size_t len)
{
    char *copy = copy_bytes(s, len);
    if (!copy)
        return -1;
    free(*field);
    *field = copy;
    return 0;
}

int brief_add_extra(brief *b, const char *key, const char *value)
{
    if (array_grow((void **)&b->extra, &b->extra_cap, b->extra_count + 1, sizeof *b->extra) != 0)
        return -1;
    char *k = strdup(key);
    char *v = strdup(value);
    if (!k || !v) {
        free(k);
        free(v);
        return -1;
    }
    for (char *p = k; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    b->extra[b->extra_count].key = k;
    b->extra[b->extra_count].value = v;
    b->extra_count++;
    return 0;
}
