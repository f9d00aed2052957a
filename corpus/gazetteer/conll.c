/* conll.c — read CoNLL-2003 documents: see conll.h. */
#include "conll.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct doc {
    char *text;
    size_t len, cap;
    conll_span *per;
    size_t nper, capper;
    int in_per;        /* the previous token was part of a PER span */
} doc;

static int append(doc *d, const char *s, size_t n)
{
    if (d->len + n + 1 > d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 4096;
        while (cap < d->len + n + 1)
            cap *= 2;
        char *p = realloc(d->text, cap);
        if (!p)
            return -1;
        d->text = p;
        d->cap = cap;
    }
    memcpy(d->text + d->len, s, n);
    d->len += n;
    d->text[d->len] = '\0';
    return 0;
}

/* Add one "word POS chunk NER" line. */
static int add_token(doc *d, char *line, int sentence_start)
{
    char *save;
    char *word = strtok_r(line, " \t\r\n", &save);
    strtok_r(NULL, " \t\r\n", &save);
    strtok_r(NULL, " \t\r\n", &save);
    char *ner = strtok_r(NULL, " \t\r\n", &save);
    if (!word || !ner)
        return 0;
    if (d->len > 0 && append(d, sentence_start ? "\n\n" : " ", sentence_start ? 2 : 1) != 0)
        return -1;
    size_t start = d->len;
    if (append(d, word, strlen(word)) != 0)
        return -1;
    int per = strcmp(ner + 1, "-PER") == 0;
    if (per && d->in_per && ner[0] == 'I' && !sentence_start) {
        d->per[d->nper - 1].end = d->len;
    } else if (per) {
        if (d->nper == d->capper) {
            size_t cap = d->capper ? d->capper * 2 : 64;
            conll_span *p = realloc(d->per, cap * sizeof *p);
            if (!p)
                return -1;
            d->per = p;
            d->capper = cap;
        }
        d->per[d->nper++] = (conll_span){ start, d->len };
    }
    d->in_per = per;
    return 0;
}

static int flush(doc *d, conll_doc_fn fn, void *ctx)
{
    int rc = d->len > 0 ? fn(ctx, d->text, d->len, d->per, d->nper) : 0;
    d->len = 0;
    d->nper = 0;
    d->in_per = 0;
    return rc;
}

int conll_read(const char *path, conll_doc_fn fn, void *ctx)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    doc d = { 0 };
    char line[4096];
    int sentence_start = 1, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        if (strncmp(line, "-DOCSTART-", 10) == 0) {
            rc = flush(&d, fn, ctx);
            sentence_start = 1;
        } else if (line[0] == '\n' || line[0] == '\r') {
            sentence_start = 1;
            d.in_per = 0;
        } else {
            rc = add_token(&d, line, sentence_start);
            sentence_start = 0;
        }
    }
    if (rc == 0)
        rc = flush(&d, fn, ctx);
    if (ferror(f))
        rc = -1;
    fclose(f);
    free(d.text);
    free(d.per);
    return rc;
}
