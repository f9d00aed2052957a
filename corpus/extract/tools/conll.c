/* conll.c — read CoNLL-2003 documents and lay them out as text: see conll.h. */
#include "conll.h"
#include "array.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *conll_layout_name(conll_layout layout)
{
    static const char *const names[] = { "paragraphs", "lines", "wrapped" };
    return layout < CONLL_LAYOUTS ? names[layout] : "?";
}

static int entity_type(const char *ner)
{
    if (strlen(ner) < 5 || ner[1] != '-')
        return CONLL_NONE;
    if (strcmp(ner + 2, "PER") == 0)
        return CONLL_PER;
    if (strcmp(ner + 2, "ORG") == 0)
        return CONLL_ORG;
    if (strcmp(ner + 2, "LOC") == 0)
        return CONLL_LOC;
    if (strcmp(ner + 2, "MISC") == 0)
        return CONLL_MISC;
    return CONLL_NONE;
}

typedef struct loader {
    conll_corpus *c;
    size_t cap_docs;
    /* of the current document's arrays */
    size_t cap_words, cap_type, cap_begins, cap_sentence;
    int previous_type;
} loader;

static conll_doc *new_doc(loader *l)
{
    conll_corpus *c = l->c;
    if (array_grow((void **)&c->docs, &l->cap_docs, c->n + 1, sizeof *c->docs) != 0)
        return NULL;
    l->cap_words = l->cap_type = l->cap_begins = l->cap_sentence = 0;
    l->previous_type = CONLL_NONE;
    conll_doc *d = &c->docs[c->n++];
    memset(d, 0, sizeof *d);
    return d;
}

static int add_token(loader *l, conll_doc *d, char *line, int sentence_start)
{
    char *save;
    char *word = strtok_r(line, " \t\r\n", &save);
    strtok_r(NULL, " \t\r\n", &save);
    strtok_r(NULL, " \t\r\n", &save);
    char *ner = strtok_r(NULL, " \t\r\n", &save);
    if (!word || !ner)
        return 0;
    size_t need = d->n + 1;
    if (array_grow((void **)&d->words, &l->cap_words, need, sizeof *d->words) != 0
        || array_grow((void **)&d->type, &l->cap_type, need, 1) != 0
        || array_grow((void **)&d->begins, &l->cap_begins, need, 1) != 0
        || array_grow((void **)&d->sentence, &l->cap_sentence, need, 1) != 0)
        return -1;
    int type = entity_type(ner);
    d->words[d->n] = strdup(word);
    if (!d->words[d->n])
        return -1;
    d->type[d->n] = (uint8_t)type;
    d->begins[d->n] = (uint8_t)(type != CONLL_NONE
                                && (sentence_start || ner[0] == 'B' || type != l->previous_type));
    d->sentence[d->n] = (uint8_t)sentence_start;
    d->n++;
    l->previous_type = type;
    return 0;
}

int conll_load(const char *path, conll_corpus *out)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    loader l = { .c = out };
    conll_doc *d = NULL;
    char line[4096];
    int sentence_start = 1, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        if (strncmp(line, "-DOCSTART-", 10) == 0) {
            d = NULL;
            sentence_start = 1;
        } else if (line[0] == '\n' || line[0] == '\r') {
            sentence_start = 1;
            l.previous_type = CONLL_NONE;
        } else {
            if (!d && !(d = new_doc(&l)))
                rc = -1;
            if (rc == 0)
                rc = add_token(&l, d, line, sentence_start);
            sentence_start = 0;
        }
    }
    if (ferror(f))
        rc = -1;
    fclose(f);
    /* a -DOCSTART- with no token after it made no document */
    if (rc != 0)
        conll_corpus_free(out);
    return rc;
}

void conll_corpus_free(conll_corpus *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        conll_doc *d = &c->docs[i];
        for (size_t k = 0; k < d->n; k++)
            free(d->words[k]);
        free(d->words);
        free(d->type);
        free(d->begins);
        free(d->sentence);
    }
    free(c->docs);
    memset(c, 0, sizeof *c);
}

static int append(conll_text *t, const char *s, size_t n)
{
    if (array_grow((void **)&t->text, &t->cap, t->len + n + 1, 1) != 0)
        return -1;
    memcpy(t->text + t->len, s, n);
    t->len += n;
    t->text[t->len] = '\0';
    return 0;
}

static int add_span(conll_text *t, size_t start, size_t end, int type)
{
    if (array_grow((void **)&t->spans, &t->capspans, t->nspans + 1, sizeof *t->spans) != 0)
        return -1;
    t->spans[t->nspans++] = (conll_span){ start, end, type };
    return 0;
}

/* The length of the person's name that begins at token k, spaces included
 * (0: none begins there). */
static size_t person_length(const conll_doc *d, size_t k)
{
    if (d->type[k] != CONLL_PER || !d->begins[k])
        return 0;
    size_t len = strlen(d->words[k]);
    for (size_t e = k + 1; e < d->n && d->type[e] == CONLL_PER && !d->begins[e]; e++)
        len += 1 + strlen(d->words[e]);
    return len;
}

int conll_render(const conll_doc *d, conll_layout layout, unsigned seed, int whole_names,
                 conll_text *t)
{
    t->len = 0;
    t->nspans = 0;
    if (append(t, "", 0) != 0)
        return -1;
    /* the wrapping width: 55..74 columns, fixed by the seed */
    size_t width = 55 + (size_t)((seed * 2654435761u) >> 16) % 20;
    size_t column = 0, open = 0;
    int in_span = 0;
    for (size_t k = 0; k < d->n; k++) {
        size_t wl = strlen(d->words[k]);
        if (in_span && (d->begins[k] || d->type[k] == CONLL_NONE)) {
            if (add_span(t, open, t->len, d->type[k - 1]) != 0)
                return -1;
            in_span = 0;
        }
        const char *gap = " ";
        if (k == 0)
            gap = layout == CONLL_WRAPPED ? "    " : "";
        else if (d->sentence[k])
            gap = layout == CONLL_PARAGRAPHS ? "\n\n" : layout == CONLL_LINES ? "\n" : "\n    ";
        else if (layout == CONLL_WRAPPED && column + 1 + wl > width) {
            gap = "\n";   /* before a word that would pass the width, in a name too */
        } else if (layout == CONLL_WRAPPED && whole_names) {
            size_t name = person_length(d, k);
            if (name > 0 && name < width && column + 1 + name > width)
                gap = "\n";   /* before a name that would pass the width */
        }
        if (append(t, gap, strlen(gap)) != 0)
            return -1;
        const char *nl = strrchr(gap, '\n');
        column = nl ? strlen(nl + 1) : column + strlen(gap);
        if (d->type[k] != CONLL_NONE && !in_span) {
            open = t->len;
            in_span = 1;
        }
        if (append(t, d->words[k], wl) != 0)
            return -1;
        column += wl;
    }
    if (in_span && add_span(t, open, t->len, d->type[d->n - 1]) != 0)
        return -1;
    return 0;
}

void conll_text_free(conll_text *t)
{
    if (!t)
        return;
    free(t->text);
    free(t->spans);
    memset(t, 0, sizeof *t);
}
