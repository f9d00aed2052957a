/* reuters_split.c — see reuters_split.h. */
#include "reuters_split.h"
#include "array.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_reuters_file(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return strncmp(d->d_name, "reut2-", 6) == 0 && n > 4 && strcmp(d->d_name + n - 4, ".sgm") == 0;
}

char **reuters_files(const char *dir, size_t *n)
{
    struct dirent **entries;
    int count = scandir(dir, &entries, is_reuters_file, by_name);
    *n = 0;
    if (count <= 0)
        return NULL;
    char **files = calloc((size_t)count, sizeof *files);
    for (int i = 0; i < count; i++) {
        size_t len = strlen(dir) + strlen(entries[i]->d_name) + 2;
        if (files && (files[i] = malloc(len)))
            snprintf(files[i], len, "%s/%s", dir, entries[i]->d_name);
        free(entries[i]);
    }
    free(entries);
    if (files)
        *n = (size_t)count;
    return files;
}

void reuters_files_free(char **files, size_t n)
{
    for (size_t i = 0; files && i < n; i++)
        free(files[i]);
    free(files);
}

static reuters_split split_named(const char *v)
{
    if (strncmp(v, "TRAIN\"", 6) == 0)
        return SPLIT_TRAIN;
    if (strncmp(v, "TEST\"", 5) == 0)
        return SPLIT_TEST;
    if (strncmp(v, "NOT-USED\"", 9) == 0)
        return SPLIT_NOT_USED;
    return SPLIT_UNKNOWN;
}

/* Record the split of every <REUTERS ...> tag of one file. */
static int read_file_splits(reuters_splits *s, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "<REUTERS ", 9) != 0)
            continue;
        const char *split = strstr(line, "LEWISSPLIT=\"");
        const char *id = strstr(line, "NEWID=\"");
        if (!split || !id)
            continue;
        long newid = atol(id + 7);
        if (newid <= 0 || newid > 1000000)
            continue;
        size_t known = s->n;
        if (array_grow((void **)&s->by_newid, &s->n, (size_t)newid + 1, 1) != 0) {
            fclose(f);
            return -1;
        }
        memset(s->by_newid + known, 0, s->n - known);   /* SPLIT_UNKNOWN */
        s->by_newid[newid] = (unsigned char)split_named(split + 12);
    }
    fclose(f);
    return 0;
}

int reuters_splits_read(reuters_splits *s, const char *dir)
{
    memset(s, 0, sizeof *s);
    size_t n;
    char **files = reuters_files(dir, &n);
    int rc = files ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = read_file_splits(s, files[i]);
    reuters_files_free(files, n);
    if (rc != 0)
        reuters_splits_free(s);
    return rc;
}

void reuters_splits_free(reuters_splits *s)
{
    free(s->by_newid);
    memset(s, 0, sizeof *s);
}

reuters_split reuters_split_of(const reuters_splits *s, const brief *b)
{
    if (!b->id || strncmp(b->id, "reuters-", 8) != 0)
        return SPLIT_UNKNOWN;
    long newid = atol(b->id + 8);
    return newid > 0 && (size_t)newid < s->n ? (reuters_split)s->by_newid[newid] : SPLIT_UNKNOWN;
}

/* Reuters place codes that the gazetteer does not resolve by name. */
static const char *reuters_place_code(const extractor *x, const char *place)
{
    static const struct { const char *reuters, *iso; } odd[] = {
        { "trinidad-tobago", "tt" }, { "yemen-demo-republic", "ye" },
        { "yemen-arab-republic", "ye" }, { "ivory-coast", "ci" },
    };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
        if (strcmp(place, odd[i].reuters) == 0)
            return odd[i].iso;
    char name[128];
    size_t n = strlen(place);
    if (n >= sizeof name)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        name[i] = place[i] == '-' ? ' ' : place[i];
    return extractor_country_code(x, name);
}

size_t reuters_gold_countries(const extractor *x, const brief *b, char gold[][160], size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < b->gold_places.count && n < max; i++) {
        const char *code = reuters_place_code(x, b->gold_places.items[i]);
        int seen = 0;
        for (size_t k = 0; code && k < n && !seen; k++)
            seen = strcmp(gold[k], code) == 0;
        if (code && !seen)
            strcpy(gold[n++], code);
    }
    return n;
}
