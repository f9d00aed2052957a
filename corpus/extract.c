/* extract.c — the extractor's public API (extract.h): create it from the
 * embedded gazetteers, run the scanner (extract_scan.c) over a brief's title
 * and body, and merge what it finds with the tags the source gave. */
#include "extract_int.h"
#include "array.h"
#include "extract_salience.h"
#include "extract_text.h"

#include <stdlib.h>
#include <string.h>

int extractor_create(extractor **out)
{
    *out = NULL;
    extractor *x = calloc(1, sizeof *x);
    if (!x)
        return -1;
    if (gazetteer_load(&x->g) != 0) {
        free(x);
        return -1;
    }
    if (seq_model_load(&x->sequence, gazetteer_sequence_tagger_txt) != 0) {
        gazetteer_free(&x->g);
        free(x);
        return -1;
    }
    if (salience_model_load(&x->salience, gazetteer_salience_txt) != 0) {
        seq_model_free(&x->sequence);
        gazetteer_free(&x->g);
        free(x);
        return -1;
    }
    *out = x;
    return 0;
}

void extractor_destroy(extractor *x)
{
    if (!x)
        return;
    gazetteer_free(&x->g);
    seq_model_free(&x->sequence);
    salience_model_free(&x->salience);
    free(x);
}

/* --- gathering the entities of one brief --------------------------------- */

/* Where and how a country was named or hinted at, for salience. */
typedef struct country_seen {
    unsigned title, body;        /* mentions (the dateline counts in the body) */
    unsigned demonym, place, subject;
    unsigned hint_person, hint_place, hint_institution, hint_company, hint_title;
    unsigned listed;             /* mentions next to another country's ("Japan, Korea and") */
    int dateline;
    size_t first;                /* the body's byte where first named; -1: never */
    unsigned rank;               /* the order in which the brief first named it */
} country_seen;

struct entity_acc {
    entity *people;            size_t npeople, cap_people;
    entity *countries;         size_t ncountries, cap_countries;
    country_seen *seen;        size_t cap_seen;  /* one per country */
    entity_mention *mentions;  size_t nmentions, cap_mentions;
    int want_spans;
    int dateline;              /* the body opens with a dateline */
    size_t title_end;          /* the body's first line is its title: where it ends */
    size_t body_len;
    unsigned named;            /* countries named so far */
    size_t last_end;           /* where the last country mention of the body ended */
    size_t last_country;       /* and whose it was, + 1 (0: none yet) */
};

static char *copy_string(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

/* A copy of the name s[0..len) with its blanks collapsed: each run of ASCII
 * white space (line breaks and tabs included) one space, none at either end.
 * Every name the extractor stores goes through here, whether the text or the
 * source's tags gave it. NULL when memory runs out. */
static char *copy_name(const char *s, size_t len)
{
    char *p = malloc(len + 1), *o = p;
    if (!p)
        return NULL;
    int blank = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
            blank = o > p;   /* leading blanks are dropped */
            continue;
        }
        if (blank)
            *o++ = ' ';
        blank = 0;
        *o++ = s[i];
    }
    *o = '\0';
    return p;
}

/* The entity of id in the list of kind, added (with no mention) when new;
 * NULL when memory runs out. */
static entity *acc_entity(entity_acc *acc, entity_kind kind, const char *id,
                          const char *display, size_t display_len)
{
    entity **list = kind == ENTITY_PERSON ? &acc->people : &acc->countries;
    size_t *n = kind == ENTITY_PERSON ? &acc->npeople : &acc->ncountries;
    size_t *cap = kind == ENTITY_PERSON ? &acc->cap_people : &acc->cap_countries;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*list)[i].id, id) == 0)
            return &(*list)[i];
    if (array_grow((void **)list, cap, *n + 1, sizeof **list) != 0)
        return NULL;
    if (kind == ENTITY_COUNTRY) {
        if (array_grow((void **)&acc->seen, &acc->cap_seen, *n + 1, sizeof *acc->seen) != 0)
            return NULL;
        acc->seen[*n] = (country_seen){ .first = (size_t)-1 };
    }
    entity *e = &(*list)[*n];
    e->id = copy_string(id, strlen(id));
    e->display = copy_name(display, display_len);
    e->mentions = 0;
    e->about = 0;
    if (!e->id || !e->display) {
        free(e->id);
        free(e->display);
        return NULL;
    }
    (*n)++;
    return e;
}

/* Count a hint at a country (its person, city, institution). */
static void count_hint(country_seen *seen, mention_place where, unsigned traits)
{
    seen->hint_person += (traits & TRAIT_PERSON) != 0;
    seen->hint_institution += (traits & TRAIT_INSTITUTION) != 0;
    seen->hint_company += (traits & TRAIT_COMPANY) != 0;
    seen->hint_place += (traits & (TRAIT_PERSON | TRAIT_INSTITUTION | TRAIT_COMPANY)) == 0;
    seen->hint_title += where == IN_IMPLIED_TITLE;
}

/* Count a mention that names a country. */
static void count_country(entity_acc *acc, country_seen *seen, size_t start, size_t end,
                          mention_place where, unsigned traits)
{
    if (seen->title + seen->body == 0)
        seen->rank = acc->named++;
    if ((where == IN_BODY && end <= acc->title_end) || where == IN_TITLE)
        seen->title++;   /* the title, or the body's first line that is the title */
    else {
        seen->body++;
        if (seen->first == (size_t)-1)
            seen->first = start;
        size_t self = (size_t)(seen - acc->seen) + 1;
        if (acc->last_country && acc->last_country != self && start >= acc->last_end
            && start - acc->last_end <= 6) {   /* ", ", " and ", " or " */
            seen->listed++;
            acc->seen[acc->last_country - 1].listed++;
        }
        acc->last_end = end;
        acc->last_country = self;
    }
    seen->demonym += (traits & TRAIT_DEMONYM) != 0;
    seen->place += (traits & TRAIT_PLACE) != 0;
    seen->subject += (traits & TRAIT_SUBJECT) != 0;
    seen->dateline |= where == IN_DATELINE;
    acc->dateline |= where == IN_DATELINE;
}

int entity_acc_add(entity_acc *acc, entity_kind kind, const char *id,
                   const char *display, size_t display_len, size_t start, size_t end,
                   mention_place where, unsigned traits)
{
    entity *e = acc_entity(acc, kind, id, display, display_len);
    if (!e)
        return -1;
    if (where == IN_IMPLIED_TITLE || where == IN_IMPLIED_BODY) {
        if (kind == ENTITY_COUNTRY)
            count_hint(&acc->seen[e - acc->countries], where, traits);
        return 0;
    }
    e->mentions++;
    if (kind == ENTITY_COUNTRY)
        count_country(acc, &acc->seen[e - acc->countries], start, end, where, traits);
    if (!acc->want_spans || where == IN_TITLE)
        return 0;
    if (array_grow((void **)&acc->mentions, &acc->cap_mentions, acc->nmentions + 1,
             sizeof *acc->mentions) != 0)
        return -1;
    entity_mention *m = &acc->mentions[acc->nmentions];
    m->kind = kind;
    m->start = start;
    m->end = end;
    m->id = copy_string(id, strlen(id));
    if (!m->id)
        return -1;
    acc->nmentions++;
    return 0;
}

static int compare_entities(const void *a, const void *b)
{
    return strcmp(((const entity *)a)->id, ((const entity *)b)->id);
}

/* Trim the blanks around a tag of the header ("  Jake Sullivan "). */
static const char *trim(const char *s, size_t *len)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *len = n;
    return s;
}

static int merge_header(const extractor *x, const brief *b, entity_acc *acc)
{
    for (size_t i = 0; i < b->people.count; i++) {
        size_t len;
        const char *name = trim(b->people.items[i], &len);
        long gaz;
        char id[160];
        if (extract_resolve_person(x, name, len, &gaz, id, sizeof id) != 0)
            continue;
        const char *display = gaz >= 0 ? x->g.people[gaz].display : name;
        size_t dlen = gaz >= 0 ? strlen(display) : len;
        if (!acc_entity(acc, ENTITY_PERSON, id, display, dlen))
            return -1;
    }
    for (size_t i = 0; i < b->countries.count; i++) {
        const char *code = extractor_country_code(x, b->countries.items[i]);
        if (!code)
            continue;  /* not a country we know: nothing to tag */
        const char *display = extractor_country_name(x, code);
        entity *e = acc_entity(acc, ENTITY_COUNTRY, code, display, strlen(display));
        if (!e)
            return -1;
        e->about = 1;   /* the source says the brief is about it */
    }
    return 0;
}

/* The facts of country i of acc, for the salience model. */
static void country_facts(const entity_acc *acc, size_t i, salience_facts *f)
{
    const country_seen *seen = &acc->seen[i];
    *f = (salience_facts){
        .code = acc->countries[i].id, .title = seen->title, .body = seen->body,
        .dateline = seen->dateline, .demonym = seen->demonym, .place = seen->place,
        .subject = seen->subject, .hint_person = seen->hint_person,
        .hint_place = seen->hint_place, .hint_institution = seen->hint_institution,
        .hint_company = seen->hint_company, .listed = seen->listed,
        .hint_title = seen->hint_title, .first = seen->first, .rank = seen->rank,
        .brief_dateline = acc->dateline, .body_len = acc->body_len,
    };
    for (size_t k = 0; k < acc->ncountries; k++) {
        const country_seen *other = &acc->seen[k];
        if (other->dateline)
            f->dateline_code = acc->countries[k].id;
        f->ncountries += other->title + other->body > 0;
        f->title_countries += other->title > 0;
        f->total_body += other->body;
        if (other->title + other->body > f->most_named)
            f->most_named = other->title + other->body;
    }
}

/* The hand rule, used when the model is empty: in a story that opens with a
 * dateline, a country is about when the title or the dateline names it, or
 * the body names it twice or more; a story without a dateline is about every
 * country it names. */
static int about_by_rule(const entity_acc *acc, const country_seen *seen)
{
    if (seen->title + seen->body == 0)
        return 0;
    return !acc->dateline || seen->title > 0 || seen->dateline || seen->body >= 2;
}

/* A candidate for salience: a country the brief names, or hints at with a
 * known person, an institution or a company form; or, in a wire story (one
 * that opens with a dateline), with a city alone, as news agencies tag the
 * country where a story happens.  Elsewhere a city alone is none: "met in
 * Rome" is not about Italy (corpus/gazetteer/README.md). */
static int is_candidate(const entity_acc *acc, const country_seen *seen)
{
    return seen->title + seen->body + seen->hint_person + seen->hint_institution
           + seen->hint_company > 0 || acc->dateline;
}

/* Decide which countries the brief is about (entity.about). */
static void decide_about(const extractor *x, entity_acc *acc)
{
    for (size_t i = 0; i < acc->ncountries; i++) {
        if (!is_candidate(acc, &acc->seen[i])) {
            acc->countries[i].about = 0;
            continue;
        }
        if (salience_model_empty(&x->salience)) {
            acc->countries[i].about = about_by_rule(acc, &acc->seen[i]);
            continue;
        }
        salience_facts facts;
        salience_feature features[SALIENCE_MAX_FEATURES];
        country_facts(acc, i, &facts);
        size_t n = salience_features(&facts, features);
        acc->countries[i].about = salience_score(&x->salience, features, n) > x->salience.threshold;
    }
}

/* Drop the countries the brief is not about: all of them (salient), or only
 * those it merely hints at; a dropped country's mentions go too. */
static void drop_countries(entity_acc *acc, int salient)
{
    size_t kept = 0;
    for (size_t i = 0; i < acc->ncountries; i++) {
        const country_seen *seen = &acc->seen[i];
        entity *e = &acc->countries[i];
        if (e->about || (!salient && seen->title + seen->body > 0)) {
            acc->countries[kept] = *e;
            acc->seen[kept++] = *seen;
            continue;
        }
        size_t m = 0;
        for (size_t k = 0; k < acc->nmentions; k++) {
            entity_mention *mention = &acc->mentions[k];
            if (mention->kind == ENTITY_COUNTRY && strcmp(mention->id, e->id) == 0)
                free(mention->id);
            else
                acc->mentions[m++] = *mention;
        }
        acc->nmentions = m;
        free(e->id);
        free(e->display);
    }
    acc->ncountries = kept;
}

/* Scan the title and body of b into acc. Returns 0, or -1 when memory runs out. */
static int gather(const extractor *x, const brief *b, entity_acc *acc)
{
    const char *body = b->body ? b->body : "";
    size_t body_len = b->body ? b->body_len : 0;
    int rc = 0;
    int year = b->date ? atoi(b->date) : 0;
    /* a brief without a header takes its title from its first line: do not
     * count that line twice */
    int title_first = b->title && b->title[0] && strncmp(body, b->title, strlen(b->title)) == 0;
    if (b->title && !title_first)
        rc = extract_scan(x, b->title, strlen(b->title), 0, year, &b->people, acc);
    if (title_first)
        acc->title_end = strlen(b->title);
    acc->body_len = body_len;
    if (rc == 0)
        rc = extract_scan(x, body, body_len, title_first ? 2 : 1, year, &b->people, acc);
    return rc;
}

static int extract(const extractor *x, const brief *b, int want_spans, int salient,
                   entity_set *out)
{
    memset(out, 0, sizeof *out);
    entity_acc acc = { .want_spans = want_spans };
    int rc = gather(x, b, &acc);
    if (rc == 0) {
        decide_about(x, &acc);
        drop_countries(&acc, salient);
        rc = merge_header(x, b, &acc);
    }
    free(acc.seen);
    out->people = acc.people;
    out->npeople = acc.npeople;
    out->countries = acc.countries;
    out->ncountries = acc.ncountries;
    out->mentions = acc.mentions;
    out->nmentions = acc.nmentions;
    if (rc != 0) {
        entity_set_clear(out);
        return -1;
    }
    if (out->npeople > 1)
        qsort(out->people, out->npeople, sizeof *out->people, compare_entities);
    if (out->ncountries > 1)
        qsort(out->countries, out->ncountries, sizeof *out->countries, compare_entities);
    return 0;
}

int extract_salience_candidates(const extractor *x, const brief *b, salience_candidate_fn fn,
                                void *ctx)
{
    entity_acc acc = { 0 };
    int rc = gather(x, b, &acc);
    for (size_t i = 0; rc == 0 && i < acc.ncountries; i++) {
        if (!is_candidate(&acc, &acc.seen[i]))
            continue;
        salience_facts facts;
        salience_feature features[SALIENCE_MAX_FEATURES];
        country_facts(&acc, i, &facts);
        size_t n = salience_features(&facts, features);
        rc = fn(ctx, acc.countries[i].id, features, n);
    }
    free(acc.seen);
    entity_set set = { acc.people, acc.npeople, acc.countries, acc.ncountries,
                       acc.mentions, acc.nmentions };
    entity_set_clear(&set);
    return rc;
}

int extract_brief(const extractor *x, const brief *b, int want_spans, entity_set *out)
{
    return extract(x, b, want_spans, 0, out);
}

int extract_brief_salient(const extractor *x, const brief *b, int want_spans, entity_set *out)
{
    return extract(x, b, want_spans, 1, out);
}

void entity_set_clear(entity_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->npeople; i++) {
        free(set->people[i].id);
        free(set->people[i].display);
    }
    for (size_t i = 0; i < set->ncountries; i++) {
        free(set->countries[i].id);
        free(set->countries[i].display);
    }
    for (size_t i = 0; i < set->nmentions; i++)
        free(set->mentions[i].id);
    free(set->people);
    free(set->countries);
    free(set->mentions);
    memset(set, 0, sizeof *set);
}

/* --- lookups ------------------------------------------------------------- */

const char *extractor_country_code(const extractor *x, const char *name)
{
    char key[512];
    if (!name || xtok_phrase_key(name, key, sizeof key) <= 0)
        return NULL;
    const gaz_phrase *p = gazetteer_phrase(&x->g, key);
    if (p && p->country_alias >= 0) {
        const gaz_country_alias *a = &x->g.country_aliases[p->country_alias];
        if (a->kind < KIND_BLOCK)
            return x->g.countries[a->country].code;
    }
    long c = gaz_map_get(&x->g.code_map, key);  /* a code: "cn", "su" */
    return c >= 0 ? x->g.countries[c].code : NULL;
}

const char *extractor_country_name(const extractor *x, const char *code)
{
    char key[8];
    size_t n = code ? strlen(code) : 0;
    if (n == 0 || n >= sizeof key)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        key[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32 : code[i]);
    long c = gaz_map_get(&x->g.code_map, key);
    return c >= 0 ? x->g.countries[c].display : NULL;
}

/* The length of the longest title phrase at token i of t (0: none). */
static size_t title_length(const extractor *x, const xtokens *t, size_t i)
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
        const gaz_phrase *p = gazetteer_phrase(&x->g, key);
        if (!p)
            break;
        if (p->title)
            best = j - i + 1;
        if (!p->is_prefix)
            break;
    }
    return best;
}

int extract_resolve_person(const extractor *x, const char *name, size_t len, long *person,
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
    long p = a < b ? gazetteer_person_by_name(&x->g, &t, a, b - 1) : -1;
    if (p < 0) {
        /* drop the titles in front, and what stands before them: "President
         * Biden", "U.S. Treasury Secretary Baker" */
        for (size_t i = a; i < b; i++) {
            size_t n = title_length(x, &t, i);
            size_t after = i + n;
            if (after < b && strcmp(xtok_key(&t, after), ".") == 0)
                after++;
            if (n > 0 && after < b) {
                a = after;
                i = after - 1;
            }
        }
        if (a < b)
            p = gazetteer_person_by_name(&x->g, &t, a, b - 1);
    }
    if (p >= 0) {
        *person = p;
        const char *id = x->g.people[p].id;
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

int extractor_person_id(const extractor *x, const char *name, char *out, size_t outlen)
{
    long person;
    if (!name)
        return -1;
    return extract_resolve_person(x, name, strlen(name), &person, out, outlen);
}

const char *extractor_person_name(const extractor *x, const char *id)
{
    long p = id ? gaz_map_get(&x->g.person_map, id) : -1;
    return p >= 0 ? x->g.people[p].display : NULL;
}
