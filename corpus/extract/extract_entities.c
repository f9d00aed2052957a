/* extract_entities.c — the entities of one brief as the scans find them:
 * see extract_entities.h. */
#include "extract_entities.h"
#include "array.h"

#include <stdlib.h>
#include <string.h>

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

entity *entity_acc_entity(entity_acc *acc, entity_kind kind, const char *id,
                          const char *display, size_t display_len)
{
    entity **list = kind == ENTITY_PERSON ? &acc->people : &acc->countries;
    size_t *n = kind == ENTITY_PERSON ? &acc->npeople : &acc->ncountries;
    size_t *cap = kind == ENTITY_PERSON ? &acc->cap_people : &acc->cap_countries;
    if (kind == ENTITY_PERSON) {
        long have = strset_number(&acc->people_ids, id);
        if (have >= 0)
            return &(*list)[have];
    } else {
        for (size_t i = 0; i < *n; i++)
            if (strcmp((*list)[i].id, id) == 0)
                return &(*list)[i];
    }
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
    if (!e->id || !e->display
        || (kind == ENTITY_PERSON && strset_intern(&acc->people_ids, id) != (long)*n)) {
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
    entity *e = entity_acc_entity(acc, kind, id, display, display_len);
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
