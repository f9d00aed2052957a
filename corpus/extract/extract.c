/* extract.c — the extractor's public API (extract.h): create it from the
 * embedded gazetteers, run the scanner (extract_scan.c) over a brief's title
 * and body, decide which countries the brief is about, and merge what it
 * finds with the tags the source gave.
 *
 * The top of the extractor: it calls the scanner (handing it the gazetteer
 * and the tagger's weights), the entities the scanner gathers
 * (extract_entities.c), the salience model, the gazetteer and the tokeniser;
 * no module of corpus/extract calls it (the programs of tools/ do). */
#include "extract_int.h"
#include "extract_entities.h"
#include "extract_salience.h"
#include "extract_scan.h"
#include "extract_text.h"
#include "gazetteer_data.h"

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
        if (gazetteer_resolve_person(&x->g, name, len, &gaz, id, sizeof id) != 0)
            continue;
        const char *display = gaz >= 0 ? x->g.people[gaz].display : name;
        size_t dlen = gaz >= 0 ? strlen(display) : len;
        if (!entity_acc_entity(acc, ENTITY_PERSON, id, display, dlen))
            return -1;
    }
    for (size_t i = 0; i < b->countries.count; i++) {
        const char *code = extractor_country_code(x, b->countries.items[i]);
        if (!code)
            continue;  /* not a country we know: nothing to tag */
        const char *display = extractor_country_name(x, code);
        entity *e = entity_acc_entity(acc, ENTITY_COUNTRY, code, display, strlen(display));
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
 * Rome" is not about Italy (corpus/extract/README.md). */
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
        rc = extract_scan(&x->g, &x->sequence, b->title, strlen(b->title), 0, year, &b->people,
                          acc);
    if (title_first)
        acc->title_end = strlen(b->title);
    acc->body_len = body_len;
    if (rc == 0)
        rc = extract_scan(&x->g, &x->sequence, body, body_len, title_first ? 2 : 1, year,
                          &b->people, acc);
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
    strset_clear(&acc.people_ids);
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
    strset_clear(&acc.people_ids);
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
    long c = gazetteer_country_of_code(&x->g, key);  /* a code: "cn", "su" */
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
    long c = gazetteer_country_of_code(&x->g, key);
    return c >= 0 ? x->g.countries[c].display : NULL;
}

int extractor_person_id(const extractor *x, const char *name, char *out, size_t outlen)
{
    long person;
    if (!name)
        return -1;
    return gazetteer_resolve_person(&x->g, name, strlen(name), &person, out, outlen);
}

const char *extractor_person_name(const extractor *x, const char *id)
{
    long p = id ? gazetteer_person_of_id(&x->g, id) : -1;
    return p >= 0 ? x->g.people[p].display : NULL;
}
