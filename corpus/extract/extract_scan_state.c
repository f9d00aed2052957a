/* extract_scan_state.c — the state of one scan and the edits both the rules
 * and the sequence tagger make to it: see extract_scan_state.h.  It calls
 * the gazetteer and the tokeniser, nothing above them. */
#include "extract_scan_state.h"
#include "array.h"

#include <stdlib.h>
#include <string.h>

int scan_start(scan *s, const gazetteer *g, const char *text, size_t len, int year)
{
    memset(s, 0, sizeof *s);
    s->g = g;
    s->text = text;
    s->year = year;
    if (xtok_run(text, len, &s->t) != 0)
        return -1;
    s->cover = malloc((s->t.n + 1) * sizeof *s->cover);
    if (!s->cover)
        return -1;
    for (size_t i = 0; i < s->t.n; i++)
        s->cover[i] = -1;
    return 0;
}

void scan_free(scan *s)
{
    xtok_free(&s->t);
    xtok_free(&s->header);
    free(s->m);
    free(s->cover);
    free(s->people);
    strset_clear(&s->person_ids);
    free(s->joins);
    memset(s, 0, sizeof *s);
}

/* --- matches --------------------------------------------------------------- */

int scan_add_match(scan *s, size_t a, size_t b, int type, int32_t ref)
{
    if (array_grow((void **)&s->m, &s->capm, s->nm + 1, sizeof *s->m) != 0)
        return -1;
    s->m[s->nm] = (match){ .a = a, .b = b, .type = (uint8_t)type, .ref = ref };
    s->full_names_changed += type == MATCH_PERSON && a < b;
    for (size_t i = a; i <= b; i++)
        s->cover[i] = (int32_t)s->nm;
    s->nm++;
    return 0;
}

void scan_drop_match(scan *s, size_t k)
{
    for (size_t i = s->m[k].a; i <= s->m[k].b; i++)
        if (s->cover[i] == (int32_t)k)
            s->cover[i] = -1;
    s->full_names_changed += s->m[k].type == MATCH_PERSON && s->m[k].a < s->m[k].b;
    s->m[k].type = MATCH_NONE;
}

int scan_match_gazetteer_at(scan *s, size_t i, size_t *next)
{
    char key[512];
    size_t klen = 0;
    int best_type = MATCH_NONE;
    int32_t best_ref = -1;
    size_t best_end = i;
    /* a person's name never spans a line break, and the part of a known
     * name before one ("Secretary of State George\nShultz") is nobody */
    int one_line = 1, cut_person = 0;
    for (size_t j = i; j < s->t.n && j - i < GAZ_MAX_PHRASE_TOKENS; j++) {
        const xtoken *tok = &s->t.v[j];
        if (j > i && (tok->flags & XTOK_PARAGRAPH))
            break;
        if (j > i && (tok->flags & XTOK_LINE_START))
            one_line = 0;
        if (klen + tok->key_len + 2 > sizeof key)
            break;
        if (j > i)
            key[klen++] = ' ';
        memcpy(key + klen, xtok_key(&s->t, j), tok->key_len + 1);
        klen += tok->key_len;
        const gaz_phrase *p = gazetteer_phrase(s->g, key);
        if (!p)
            break;
        if (p->person_alias >= 0) {
            const gaz_person_alias *pa = &s->g->person_aliases[p->person_alias];
            int fits = !pa->lookup_only && scan_letters_match(s, i, pa->letters);
            cut_person |= fits && !one_line;
            if (fits && one_line) {
                best_type = MATCH_PERSON, best_ref = (int32_t)pa->person, best_end = j;
                goto next;
            }
        }
        if (p->country_alias >= 0
            && s->g->country_aliases[p->country_alias].kind != KIND_COMPANY) {
            const gaz_country_alias *ca = &s->g->country_aliases[p->country_alias];
            if (scan_letters_match(s, i, ca->letters)) {
                best_type = ca->kind == KIND_BLOCK ? MATCH_BLOCK : MATCH_COUNTRY;
                best_ref = p->country_alias, best_end = j;
                goto next;
            }
        }
        if (p->title > 0 && !in_caps_line(s, i))
            best_type = MATCH_TITLE, best_ref = p->title, best_end = j;
    next:
        if (!p->is_prefix)
            break;
    }
    if (best_type == MATCH_PERSON && cut_person)
        best_type = MATCH_NONE, best_end = i;
    *next = best_end + 1;
    if (best_type == MATCH_NONE)
        return 0;
    if (best_type == MATCH_PERSON) {
        /* a gazetteer person: ref becomes an index into s->people later
         * (scan_add_person) */
        best_ref = -2 - best_ref;
    }
    return scan_add_match(s, i, best_end, best_type, best_ref);
}

int scan_restore_gazetteer(scan *s, size_t a, size_t b)
{
    for (size_t i = a; i <= b && i < s->t.n;) {
        size_t next = i + 1, before = s->nm;
        if (s->cover[i] < 0 && is_word(s, i) && scan_match_gazetteer_at(s, i, &next) != 0)
            return -1;
        if (s->nm > before) {
            match *m = &s->m[s->nm - 1];
            int clash = m->b > b;
            for (size_t j = m->a; j <= m->b && !clash; j++)
                clash = s->cover[j] != (int32_t)(s->nm - 1);
            if (clash) {
                scan_drop_match(s, s->nm - 1);
                next = i + 1;
            } else if (m->type == MATCH_PERSON) {
                long p = scan_add_person(s, -2 - m->ref, NULL, 0);
                if (p < 0)
                    return -1;
                m->ref = (int32_t)p;
            }
        }
        i = next > i ? next : i + 1;
    }
    return 0;
}

/* --- people -------------------------------------------------------------- */

long scan_add_person(scan *s, long gaz, const char *display, size_t display_len)
{
    char id[sizeof s->people->id];
    if (gaz >= 0) {
        const char *gid = s->g->people[gaz].id;
        if (strlen(gid) >= sizeof id)
            return SCAN_NOT_A_NAME;
        strcpy(id, gid);
    } else if (xtok_make_id(display, display_len, id, sizeof id) < 0) {
        return SCAN_NOT_A_NAME;
    }
    long have = strset_number(&s->person_ids, id);
    if (have >= 0)
        return have;
    if (array_grow((void **)&s->people, &s->capp, s->np + 1, sizeof *s->people) != 0
        || strset_intern(&s->person_ids, id) != (long)s->np)
        return -1;
    person_ref *p = &s->people[s->np];
    p->gaz = gaz;
    strcpy(p->id, id);
    p->display = gaz >= 0 ? s->g->people[gaz].display : display;
    p->display_len = gaz >= 0 ? strlen(p->display) : display_len;
    return (long)s->np++;
}

/* Make tokens a..b one person match (dropping the matches inside them);
 * resolve: look the name up in the gazetteer. */
static int mark_person_as(scan *s, size_t a, size_t b, int resolve)
{
    long gaz = resolve ? known_person(s, a, b) : -1;
    size_t start = s->t.v[a].start, end = s->t.v[b].end;
    long p = scan_add_person(s, gaz, s->text + start, end - start);
    if (p == SCAN_NOT_A_NAME)
        return 1;   /* the words stay what they were */
    if (p < 0)
        return -1;
    for (size_t i = a; i <= b; i++)
        if (s->cover[i] >= 0)
            scan_drop_match(s, (size_t)s->cover[i]);
    if (scan_add_match(s, a, b, MATCH_PERSON, (int32_t)p) != 0)
        return -1;
    s->m[s->nm - 1].source = SOURCE_NAMES;
    return 0;
}

int scan_mark_person(scan *s, size_t a, size_t b)
{
    return mark_person_as(s, a, b, 1);
}

int scan_mark_unknown_person(scan *s, size_t a, size_t b)
{
    return mark_person_as(s, a, b, 0);
}

/* --- whether a surname may join -------------------------------------------------- */

/* Verbs that follow a person who opens a sentence ("Baker said"). */
static const char *const person_verbs[] = {
    "said", "says", "told", "added", "denied", "was", "is", "has", "had", "will",
    "would", "also", "and", "who", "did", "does", "could", "should", "can", "may",
    "might", "must", "met", "spoke", "wrote", "called", "urged", "warned", "agreed",
    "declined", "noted", "replied", "insisted", "argued", "asked", "claimed",
    "believes", "thinks", "expects", "wants", "plans", "hopes", "made", "took",
    "gave", "won", "lost", "scored", "beat", "announced", "left", "arrived", NULL
};

static int is_punct_or_verb(const scan *s, size_t i)
{
    return i < s->t.n && (!(flags_at(s, i) & XTOK_WORD) || key_in(s, i, person_verbs));
}

int scan_may_join(const scan *s, size_t i)
{
    /* "Rich investors ...": a surname that may be a common word ("~Rich" in
     * the gazetteer) opening a sentence is a person only when a verb or a
     * comma follows ("Rich denied it", "Baker said") */
    const gaz_phrase *p = phrase_at(s, i);
    return !(p && p->person_alias >= 0 && s->g->person_aliases[p->person_alias].lookup_only
             && scan_sentence_start(s, i) && !is_punct_or_verb(s, i + 1));
}
