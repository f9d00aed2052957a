/* extract_gazetteer.c — parse the embedded gazetteer files into hash tables.
 * See extract_gazetteer.h; the file formats are described at the top of each
 * file in corpus/extract/gazetteer/ and in corpus/extract/README.md. */
#include "extract_gazetteer.h"
#include "array.h"
#include "extract_text.h"
#include "gazetteer_data.h"

#include <stdlib.h>
#include <string.h>

/* --- arena: the strings the gazetteer owns ------------------------------ */

/* A list of 64 KiB chunks, not one growing buffer: the people's ids and
 * display names are pointers into it, which must not move as it grows. */
typedef struct gaz_chunk {
    struct gaz_chunk *next;
    size_t used, cap;
    char data[];
} gaz_chunk;

static char *arena_strndup(gazetteer *g, const char *s, size_t len)
{
    gaz_chunk *c = g->arena;
    if (!c || c->cap - c->used < len + 1) {
        size_t cap = len + 1 > 65536 ? len + 1 : 65536;
        c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->next = g->arena;
        c->used = 0;
        c->cap = cap;
        g->arena = c;
    }
    char *p = c->data + c->used;
    memcpy(p, s, len);
    p[len] = '\0';
    c->used += len + 1;
    return p;
}

/* --- phrases ------------------------------------------------------------- */

/* The phrase stored under key, created (empty) when new; NULL: no memory. */
static gaz_phrase *phrase_for(gazetteer *g, const char *key)
{
    long at = strset_number(&g->phrase_keys, key);
    if (at >= 0)
        return &g->phrases[at];
    if (array_grow((void **)&g->phrases, &g->cap_phrases, g->nphrases + 1, sizeof *g->phrases) != 0
        || strset_intern(&g->phrase_keys, key) < 0)   /* numbered nphrases */
        return NULL;
    gaz_phrase *p = &g->phrases[g->nphrases++];
    *p = (gaz_phrase){ .country_alias = -1, .person_alias = -1, .title = 0 };
    return p;
}

/* A phrase of the data, cut into tokens: its key, and what its letters ask. */
typedef struct cut_phrase {
    char key[512];
    size_t len;
    gaz_case letters;
} cut_phrase;

/* Cut text[0..len) into *out and register every shorter prefix of it as a
 * prefix phrase. Returns 1 when done, 0 when the phrase is empty or too long
 * to be matched (it is then ignored), -1 when memory runs out. */
static int cut(gazetteer *g, xtokens *t, const char *text, size_t len, cut_phrase *out)
{
    if (xtok_run(text, len, t) != 0)
        return -1;
    if (t->n == 0 || t->n > GAZ_MAX_PHRASE_TOKENS)
        return 0;
    out->len = 0;
    out->letters = (gaz_case){ .ntokens = (uint8_t)t->n };
    for (size_t i = 0; i < t->n; i++) {
        const xtoken *tok = &t->v[i];
        if (out->len + tok->key_len + 2 > sizeof out->key)
            return 0;
        if (i > 0) {
            gaz_phrase *prefix = phrase_for(g, out->key);
            if (!prefix)
                return -1;
            prefix->is_prefix = 1;
            out->key[out->len++] = ' ';
        }
        memcpy(out->key + out->len, xtok_key(t, i), tok->key_len);
        out->len += tok->key_len;
        out->key[out->len] = '\0';
        if (tok->flags & XTOK_CAP)
            out->letters.cap |= (uint16_t)(1u << i);
        /* "US", "U.S.", "UAE", "USSR": short words in capitals must be
         * written so in the text ("us" is no country) */
        if ((tok->flags & XTOK_ALLCAPS) && tok->key_len >= 2 && tok->key_len <= 5)
            out->letters.allcaps |= (uint16_t)(1u << i);
    }
    return 1;
}

/* --- line parsing -------------------------------------------------------- */

/* Iterate over the lines of a data file: set *line and *len to the next line
 * that is neither blank nor a comment; return 0 at the end. */
static int next_line(const char **cursor, const char **line, size_t *len)
{
    while (**cursor) {
        const char *s = *cursor, *e = strchr(s, '\n');
        if (!e)
            e = s + strlen(s);
        *cursor = *e ? e + 1 : e;
        if (e > s && e[-1] == '\r')
            e--;
        if (e == s || *s == '#')
            continue;
        *line = s;
        *len = (size_t)(e - s);
        return 1;
    }
    return 0;
}

/* Split line[0..len) at the first occurrence of sep: field gets the part
 * before, and line/len move past it (the whole line when sep is absent). */
static void split(const char **line, size_t *len, char sep, const char **field, size_t *flen)
{
    const char *p = memchr(*line, sep, *len);
    *field = *line;
    if (!p) {
        *flen = *len;
        *line += *len;
        *len = 0;
    } else {
        *flen = (size_t)(p - *line);
        *len -= *flen + 1;
        *line = p + 1;
    }
}

/* --- loaders ------------------------------------------------------------- */

static int add_country_alias(gazetteer *g, xtokens *t, size_t country, alias_kind kind,
                             const char *text, size_t len)
{
    cut_phrase c;
    int r = cut(g, t, text, len, &c);
    if (r <= 0)
        return r;
    gaz_phrase *p = phrase_for(g, c.key);
    if (!p)
        return -1;
    if (p->country_alias >= 0) {
        gaz_country_alias *old = &g->country_aliases[p->country_alias];
        if (kind == KIND_STATE && country == g->us)
            old->us_state = 1;   /* "Georgia", "Washington", "New York" */
        return 0;                /* the first entry wins */
    }
    if (array_grow((void **)&g->country_aliases, &g->cap_country_aliases,
                   g->ncountry_aliases + 1, sizeof *g->country_aliases) != 0)
        return -1;
    gaz_country_alias *a = g->country_aliases;
    a[g->ncountry_aliases] = (gaz_country_alias){
        .country = (uint16_t)country, .kind = (uint8_t)kind,
        .us_state = kind == KIND_STATE, .letters = c.letters };
    p->country_alias = (int32_t)g->ncountry_aliases++;
    return 0;
}

/* Add each "|"-separated alias of list[0..len). */
static int add_country_aliases(gazetteer *g, xtokens *t, size_t country, alias_kind kind,
                               const char *list, size_t len)
{
    while (len > 0) {
        const char *alias;
        size_t alen;
        split(&list, &len, '|', &alias, &alen);
        if (alen == 0)
            continue;
        if (add_country_alias(g, t, country, kind, alias, alen) != 0)
            return -1;
        /* "Americans", "Iraqis": demonyms name people in the plural too,
         * but not those that end in -ese, -sh, -ch or -s ("Chinese", "Swiss") */
        if (kind == KIND_DEMONYM && alen < 60) {
            char plural[64];
            int ends_s = alias[alen - 1] == 's';
            int ends_sh_ch = alen >= 2 && alias[alen - 1] == 'h'
                             && (alias[alen - 2] == 's' || alias[alen - 2] == 'c');
            int ends_ese = alen >= 3 && memcmp(alias + alen - 3, "ese", 3) == 0;
            if (!ends_s && !ends_sh_ch && !ends_ese) {
                memcpy(plural, alias, alen);
                plural[alen] = 's';
                if (add_country_alias(g, t, country, kind, plural, alen + 1) != 0)
                    return -1;
            }
        }
    }
    return 0;
}

static int add_country(gazetteer *g, const char *code, size_t clen,
                       const char *display, size_t dlen, size_t *index)
{
    if (clen == 0 || clen > 3 || dlen == 0)
        return 0;
    char key[4] = { 0 };
    memcpy(key, code, clen);
    if (strset_has(&g->codes, key))
        return 0;  /* listed twice: the first line wins (iso-codes has none) */
    if (array_grow((void **)&g->countries, &g->cap_countries, g->ncountries + 1,
                   sizeof *g->countries) != 0)
        return -1;
    gaz_country *n = &g->countries[g->ncountries];
    memset(n, 0, sizeof *n);
    memcpy(n->code, key, sizeof n->code);
    n->display = arena_strndup(g, display, dlen);
    if (!n->display || strset_intern(&g->codes, key) < 0)   /* numbered ncountries */
        return -1;
    *index = g->ncountries++;
    return 0;
}

static int load_countries(gazetteer *g, xtokens *t)
{
    const char *cursor = gazetteer_countries_tsv, *line, *code, *display;
    size_t len, clen, dlen;
    while (next_line(&cursor, &line, &len)) {
        size_t index = (size_t)-1;
        split(&line, &len, '\t', &code, &clen);
        split(&line, &len, '\t', &display, &dlen);
        if (add_country(g, code, clen, display, dlen, &index) != 0)
            return -1;
        if (index == (size_t)-1)
            continue;
        if (clen == 2 && memcmp(code, "us", 2) == 0)
            g->us = index;
        if (add_country_alias(g, t, index, KIND_NAME, display, dlen) != 0
            || add_country_aliases(g, t, index, KIND_NAME, line, len) != 0)
            return -1;
    }
    return 0;
}

static int parse_kind(const char *s, size_t len, alias_kind *kind)
{
    static const struct { const char *name; alias_kind kind; } kinds[] = {
        { "name", KIND_NAME }, { "demonym", KIND_DEMONYM }, { "capital", KIND_CAPITAL },
        { "city", KIND_CITY }, { "region", KIND_REGION }, { "block", KIND_BLOCK },
        { "institution", KIND_INSTITUTION }, { "company", KIND_COMPANY },
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strlen(kinds[i].name) == len && memcmp(kinds[i].name, s, len) == 0) {
            *kind = kinds[i].kind;
            return 0;
        }
    return -1;
}

/* "capital<1992": the aliases name this country in texts before 1992 only;
 * the names were given to today's country by an earlier line. */
static int set_era(gazetteer *g, xtokens *t, size_t country, int before,
                   const char *list, size_t len)
{
    while (len > 0) {
        const char *alias;
        size_t alen;
        split(&list, &len, '|', &alias, &alen);
        cut_phrase c;
        int r = cut(g, t, alias, alen, &c);
        if (r < 0)
            return -1;
        if (r == 0)
            continue;
        long at = strset_number(&g->phrase_keys, c.key);
        if (at < 0 || g->phrases[at].country_alias < 0) {
            if (add_country_alias(g, t, country, KIND_CAPITAL, alias, alen) != 0)
                return -1;
            continue;
        }
        gaz_country_alias *a = &g->country_aliases[g->phrases[at].country_alias];
        a->era_country = (uint16_t)country;
        a->era_before = (uint16_t)before;
    }
    return 0;
}

static int load_country_aliases(gazetteer *g, xtokens *t)
{
    const char *cursor = gazetteer_country_aliases_tsv, *line, *code, *kind_text;
    size_t len, clen, klen;
    while (next_line(&cursor, &line, &len)) {
        split(&line, &len, '\t', &code, &clen);
        split(&line, &len, '\t', &kind_text, &klen);
        const char *lt = memchr(kind_text, '<', klen);
        int before = lt ? atoi(lt + 1) : 0;
        alias_kind kind;
        if (parse_kind(kind_text, lt ? (size_t)(lt - kind_text) : klen, &kind) != 0)
            continue;  /* an unknown kind: the unit tests check there is none */
        char code_key[4] = { 0 };
        long country = 0;
        if (kind != KIND_BLOCK) {
            if (clen == 0 || clen > 3)
                continue;
            memcpy(code_key, code, clen);
            if ((country = gazetteer_country_of_code(g, code_key)) < 0)
                continue;
        }
        if (before > 0 ? set_era(g, t, (size_t)country, before, line, len) != 0
                       : add_country_aliases(g, t, (size_t)country, kind, line, len) != 0)
            return -1;
    }
    return 0;
}

static int load_us_states(gazetteer *g, xtokens *t)
{
    const char *cursor = gazetteer_us_states_tsv, *line, *name;
    size_t len, nlen;
    while (next_line(&cursor, &line, &len)) {
        split(&line, &len, '\t', &name, &nlen);
        if (add_country_alias(g, t, g->us, KIND_STATE, name, nlen) != 0)
            return -1;
        while (len > 0) {
            const char *abbrev;
            size_t alen;
            split(&line, &len, '|', &abbrev, &alen);
            cut_phrase c;
            int r = cut(g, t, abbrev, alen, &c);
            if (r < 0)
                return -1;
            /* "Neb." cuts into "Neb" and ".", "W. Va." into "W", ".", "Va"
             * and ".": the key without its last period */
            char key[64];
            size_t klen = c.len;
            if (klen >= 2 && c.key[klen - 1] == '.' && c.key[klen - 2] == ' ')
                klen -= 2;
            if (r == 0 || klen >= sizeof key)
                continue;
            memcpy(key, c.key, klen);
            key[klen] = '\0';
            gaz_phrase *p = phrase_for(g, key);
            if (!p)
                return -1;
            p->state_abbrev = 1;
        }
    }
    return 0;
}

static int add_person_alias(gazetteer *g, xtokens *t, size_t person, const char *text,
                            size_t len)
{
    int lookup_only = len > 0 && text[0] == '~';
    if (lookup_only) {
        text++;
        len--;
    }
    cut_phrase c;
    int r = cut(g, t, text, len, &c);
    if (r <= 0)
        return r;
    gaz_phrase *p = phrase_for(g, c.key);
    if (!p)
        return -1;
    if (p->person_alias >= 0)
        return 0;  /* the first person listed keeps a shared alias */
    if (array_grow((void **)&g->person_aliases, &g->cap_person_aliases, g->nperson_aliases + 1,
                   sizeof *g->person_aliases) != 0)
        return -1;
    gaz_person_alias *a = g->person_aliases;
    a[g->nperson_aliases] = (gaz_person_alias){
        .person = (uint32_t)person, .lookup_only = (uint8_t)lookup_only, .letters = c.letters };
    p->person_alias = (int32_t)g->nperson_aliases++;
    return 0;
}

static int load_people(gazetteer *g, xtokens *t)
{
    const char *cursor = gazetteer_people_tsv, *line, *display;
    size_t len, dlen;
    while (next_line(&cursor, &line, &len)) {
        split(&line, &len, '\t', &display, &dlen);
        char id[256];
        if (xtok_make_id(display, dlen, id, sizeof id) < 0)
            continue;
        if (strset_has(&g->person_ids, id))
            continue;  /* listed twice: the first line wins */
        if (array_grow((void **)&g->people, &g->cap_people, g->npeople + 1, sizeof *g->people) != 0)
            return -1;
        gaz_person *n = &g->people[g->npeople];
        n->id = arena_strndup(g, id, strlen(id));
        n->display = arena_strndup(g, display, dlen);
        if (!n->id || !n->display || strset_intern(&g->person_ids, id) < 0)   /* numbered npeople */
            return -1;
        n->country = -1;
        size_t person = g->npeople++;
        if (add_person_alias(g, t, person, display, dlen) != 0)
            return -1;
        /* the aliases, then an optional third column: the person's country */
        const char *aliases, *code;
        size_t aliases_len, clen;
        split(&line, &len, '\t', &aliases, &aliases_len);
        split(&line, &len, '\t', &code, &clen);
        if (clen > 0 && clen < 4) {
            char key[4] = { 0 };
            memcpy(key, code, clen);
            long c = gazetteer_country_of_code(g, key);
            n->country = c >= 0 ? (int32_t)c : -1;
        }
        line = aliases;
        len = aliases_len;
        while (len > 0) {
            const char *alias;
            size_t alen;
            split(&line, &len, '|', &alias, &alen);
            if (alen > 0 && add_person_alias(g, t, person, alias, alen) != 0)
                return -1;
        }
    }
    return 0;
}

/* Mark every phrase of a one-entry-a-line file: what = 'f' first name,
 * 'n' not a name, 't' title (a leading "!" makes it an honorific), 'o' an
 * organisation's name or word. */
static int load_word_list(gazetteer *g, xtokens *t, const char *data, char what)
{
    const char *cursor = data, *line;
    size_t len;
    while (next_line(&cursor, &line, &len)) {
        int honorific = what == 't' && line[0] == '!';
        if (honorific) {
            line++;
            len--;
        }
        cut_phrase c;
        int r = cut(g, t, line, len, &c);
        if (r < 0)
            return -1;
        if (r == 0)
            continue;
        gaz_phrase *p = phrase_for(g, c.key);
        if (!p)
            return -1;
        if (what == 'f')
            p->first_name = 1;
        else if (what == 'n')
            p->not_name = 1;
        else if (what == 'o')
            p->organisation = t->n > 1 ? ORG_NAME : ORG_WORD;
        else if (p->title < 1 + honorific)
            p->title = 1 + honorific;
    }
    return 0;
}

int gazetteer_load(gazetteer *g)
{
    memset(g, 0, sizeof *g);
    xtokens t = { 0 };
    int ok = load_countries(g, &t) == 0
          && load_country_aliases(g, &t) == 0
          && load_us_states(g, &t) == 0
          && load_people(g, &t) == 0
          && load_word_list(g, &t, gazetteer_first_names_txt, 'f') == 0
          && load_word_list(g, &t, gazetteer_first_names_extra_txt, 'f') == 0
          && load_word_list(g, &t, gazetteer_titles_txt, 't') == 0
          && load_word_list(g, &t, gazetteer_not_names_txt, 'n') == 0
          && load_word_list(g, &t, gazetteer_organisations_txt, 'o') == 0;
    xtok_free(&t);
    if (!ok) {
        gazetteer_free(g);
        return -1;
    }
    return 0;
}

void gazetteer_free(gazetteer *g)
{
    if (!g)
        return;
    free(g->countries);
    free(g->country_aliases);
    free(g->people);
    free(g->person_aliases);
    free(g->phrases);
    strset_clear(&g->phrase_keys);
    strset_clear(&g->codes);
    strset_clear(&g->person_ids);
    while (g->arena) {
        gaz_chunk *next = g->arena->next;
        free(g->arena);
        g->arena = next;
    }
    memset(g, 0, sizeof *g);
}

const gaz_phrase *gazetteer_phrase(const gazetteer *g, const char *key)
{
    long at = strset_number(&g->phrase_keys, key);
    return at < 0 ? NULL : &g->phrases[at];
}

static long person_of_key(const gazetteer *g, const char *key)
{
    const gaz_phrase *p = gazetteer_phrase(g, key);
    return p && p->person_alias >= 0 ? (long)g->person_aliases[p->person_alias].person : -1;
}

long gazetteer_person_by_name(const gazetteer *g, const xtokens *t, size_t a, size_t b)
{
    char key[512];
    size_t klen = 0;
    for (size_t i = a; i <= b; i++) {
        size_t n = t->v[i].key_len;
        if (klen + n + 2 > sizeof key)
            return -1;
        if (i > a)
            key[klen++] = ' ';
        memcpy(key + klen, xtok_key(t, i), n + 1);
        klen += n;
    }
    long person = person_of_key(g, key);
    if (person >= 0 || b < a + 1)
        return person;
    const char *first = xtok_key(t, a), *last = xtok_key(t, b);
    size_t n1 = strlen(first), n2 = strlen(last);
    if (b > a + 1 && n1 + n2 + 2 <= sizeof key) {
        memcpy(key, first, n1);
        key[n1] = ' ';
        memcpy(key + n1 + 1, last, n2 + 1);
        if ((person = person_of_key(g, key)) >= 0)
            return person;
    }
    /* "Volodymyr Zelenskiy": a spelling of the surname, with the first name */
    person = person_of_key(g, last);
    if (person < 0)
        return -1;
    const char *display = g->people[person].display;
    size_t dn = strcspn(display, " ");
    char first_of_display[128];
    if (dn >= sizeof first_of_display
        || xtok_phrase_key_n(display, dn, first_of_display, sizeof first_of_display) <= 0)
        return -1;
    return strcmp(first_of_display, first) == 0 ? person : -1;
}

/* The length of the longest title phrase at token i of t (0: none). */
static size_t title_length(const gazetteer *g, const xtokens *t, size_t i)
{
    char key[512];
    size_t klen = 0, best = 0;
    for (size_t j = i; j < t->n && j - i < GAZ_MAX_PHRASE_TOKENS; j++) {
        if (klen + t->v[j].key_len + 2 > sizeof key)
            break;
        if (j > i)
            key[klen++] = ' ';
        memcpy(key + klen, xtok_key(t, j), t->v[j].key_len + 1);
        klen += t->v[j].key_len;
        const gaz_phrase *p = gazetteer_phrase(g, key);
        if (!p)
            break;
        if (p->title)
            best = j - i + 1;
        if (!p->is_prefix)
            break;
    }
    return best;
}

int gazetteer_resolve_person(const gazetteer *g, const char *name, size_t len, long *person,
                             char *out, size_t outlen)
{
    *person = -1;
    xtokens t = { 0 };
    if (xtok_run(name, len, &t) != 0)
        return -1;
    int rc = -1;
    size_t a = 0, b = t.n;
    while (b > a && !(t.v[b - 1].flags & XTOK_WORD))
        b--;   /* "Biden." */
    long p = a < b ? gazetteer_person_by_name(g, &t, a, b - 1) : -1;
    if (p < 0) {
        /* drop the titles in front, and what stands before them: "President
         * Biden", "U.S. Treasury Secretary Baker" */
        for (size_t i = a; i < b; i++) {
            size_t n = title_length(g, &t, i);
            size_t after = i + n;
            if (after < b && strcmp(xtok_key(&t, after), ".") == 0)
                after++;
            if (n > 0 && after < b) {
                a = after;
                i = after - 1;
            }
        }
        if (a < b)
            p = gazetteer_person_by_name(g, &t, a, b - 1);
    }
    if (p >= 0) {
        *person = p;
        const char *id = g->people[p].id;
        if (strlen(id) < outlen) {
            strcpy(out, id);
            rc = 0;
        }
    } else if (a < b && xtok_make_id(name + t.v[a].start, t.v[b - 1].end - t.v[a].start,
                                     out, outlen) >= 0) {
        rc = 0;
    }
    xtok_free(&t);
    return rc;
}
