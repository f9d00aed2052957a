/* extract_scan.c — find the people and countries one text mentions.
 *
 * The text is cut into tokens (extract_text.c), then read in passes:
 *   1. gazetteer: at each word, the longest phrase the gazetteer knows — a
 *      country alias, a person's alias, a title — whose letters match
 *      ("US" but not "us", "Turkey" but not "turkey");
 *   2. names: runs of capitalised words that a title precedes ("diplomat Yang
 *      Jiechi", "Mr. Smith"), that begin with a known given name ("Jake
 *      Sullivan", "Chad Smith" — where Chad is then no country), or that speak
 *      ("..., Ana Torres said");
 *   3. surnames: a capitalised word that is the surname of a person named in
 *      full elsewhere in the brief, or given by its header, is that person;
 *   4. the sequence tagger (extract_sequence.c), when it has weights, decides
 *      the people: the rules' names are its features, the gazetteer's known
 *      people and the header's stay;
 *   5. countries: each country alias by its kind — names and demonyms always,
 *      capitals as metonyms ("Beijing said"), cities only in the dateline
 *      (which is read right after pass 1, so that its words are no one's name).
 * corpus/extract/README.md gives the reasons for each rule.
 *
 * What the passes find is the scan's state (extract_scan_state.h), which the
 * tagger reads and edits through the same functions.  Calls go one way:
 * extract.c calls extract_scan(); this file calls the tagger
 * (extract_sequence.c), the state (extract_scan_state.c), the entities it
 * reports to (extract_entities.c), the gazetteer and the tokeniser; none of
 * them calls back.
 */
#include "extract_scan.h"
#include "array.h"
#include "extract_nearest.h"
#include "extract_scan_state.h"
#include "extract_sequence.h"

#include <stdlib.h>
#include <string.h>

static void mark_brackets(xtokens *t)
{
    int open = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *k = xtok_key(t, i);
        if (t->v[i].flags & XTOK_PARAGRAPH)
            open = 0;
        if (k[0] == '<' && k[1] == '\0')
            open = 1;
        else if (k[0] == '>' && k[1] == '\0')
            open = 0;
        else if (open)
            t->v[i].flags |= TOK_IN_BRACKETS;
    }
}

/* Words that tie a name to speech ("..., Ana Torres said"). */
static const char *const speech_verbs[] = {
    "said", "says", "told", "added", "asked", "stated", "declared", "explained",
    "noted", "warned", "wrote", "commented", "insisted", "replied", NULL
};

/* Verbs after which a capital stands for its government ("Beijing said"). */
static const char *const metonym_verbs[] = {
    "said", "says", "say", "told", "added", "has", "have", "had", "is", "was", "will",
    "would", "wants", "wanted", "warned", "urged", "accused", "denied", "rejected",
    "agreed", "announced", "hopes", "hoped", "believes", "believed", "fears", "feared",
    "insists", "insisted", "claims", "claimed", "responded", "reacted", "demanded",
    "threatened", "plans", "planned", "must", "should", "could", "may", "might", "can",
    "cannot", "also", "expects", "expected", "sees", "saw", "called", "calls",
    "considers", "criticized", "criticised", "condemned", "welcomed", "protested",
    "objected", "refused", "offered", "proposed", "approved", "does", "did", "sent",
    "imposed", "moved", "decided", "recognised", "recognized", NULL
};

/* Words before a capital that make it a place, not an actor ("in Rome"). */
static const char *const place_prepositions[] = {
    "in", "at", "to", "from", "near", "outside", "via", "into", "of", "around",
    "through", "toward", "towards", "across", "inside", "within", NULL
};

/* Lower-case particles inside names: "Miguel de la Madrid", "Zia ul-Haq". */
static const char *const name_particles[] = {
    "de", "da", "del", "della", "der", "den", "di", "do", "dos", "das", "du", "la",
    "le", "van", "von", "bin", "ibn", "al", "el", "ul", "y", "ter", "ten", "zu", NULL
};

static const char *const news_agencies[] = { "reuters", "ap", "afp", "upi", NULL };

/* --- people -------------------------------------------------------------- */

/* Turn the gazetteer's person matches (ref -2 - gazetteer index) into people. */
static int resolve_gazetteer_people(scan *s)
{
    for (size_t k = 0; k < s->nm; k++) {
        match *m = &s->m[k];
        if (m->type != MATCH_PERSON || m->ref > -2)
            continue;
        long p = scan_add_person(s, -2 - m->ref, NULL, 0);
        if (p < 0)
            return -1;
        m->ref = (int32_t)p;
    }
    return 0;
}

/* A run of capitalised words from token j: a name, perhaps.  Sets *end to its
 * last name word and returns how many name words it has (initials and
 * particles do not count); 0: none.
 * A possessive ends a run: "Djokovic's Wimbledon" is Djokovic, then a title.
 * A name never spans a line break, so a run ends at one; *cut is set when a
 * capitalised word opens the next line, which may be the rest of the name
 * ("Chairman Paul\nVolcker") or not ("said Kofi Mensah\nBrunner added"). */
static size_t name_run(const scan *s, size_t j, size_t *end, int *cut)
{
    size_t names = 0, k = j;
    *cut = 0;
    while (k < s->t.n && k - j < 10) {
        uint32_t f = flags_at(s, k);
        if (k > j && (f & XTOK_LINE_START)) {
            *cut = is_cap_word(s, k);
            break;
        }
        if (!(f & XTOK_WORD) || (f & XTOK_DIGIT))
            break;
        int32_t c = s->cover[k];
        if (c >= 0 && s->m[c].type == MATCH_PERSON) {       /* "Jake" + "Sullivan" */
            names++;
            *end = s->m[c].b;
            k = s->m[c].b + 1;
            if (flags_at(s, *end) & XTOK_POSSESSIVE)
                break;
            continue;
        }
        if ((f & XTOK_UPPER_ONLY) && k + 1 < s->t.n && key_is(s, k + 1, ".")
            && is_cap_word(s, k + 2)) {                      /* "C. William Verity" */
            k += 2;
            continue;
        }
        if ((f & XTOK_ABBREV) && (f & XTOK_ALLCAPS) && s->t.v[k].key_len <= 3
            && c < 0 && is_cap_word(s, k + 1)) {             /* "P.W. Botha" */
            k++;
            continue;
        }
        if (!(f & XTOK_CAP)) {
            if (names + (k > j) > 0 && key_in(s, k, name_particles) && is_cap_word(s, k + 1)) {
                k++;                                         /* "de la Madrid" */
                continue;
            }
            if (k > j && key_in(s, k, name_particles) && (flags_at(s, k) & XTOK_JOINED)) {
                k++;                                         /* "Zia ul-Haq" */
                continue;
            }
            break;
        }
        const gaz_phrase *p = phrase_at(s, k);
        if (p && p->not_name)
            break;
        if (c >= 0) {
            const match *m = &s->m[c];
            if (m->type != MATCH_COUNTRY || m->a != m->b || m->dateline)
                break;
            /* a one-word country or city inside a name: "Chad Smith",
             * "Michael Jordan", "Naomi Osaka" */
            int given_name = names == 0 && p && p->first_name && is_cap_word(s, k + 1)
                             && s->cover[k + 1] < 0;
            int kind = s->g->country_aliases[m->ref].kind;
            int surname = names > 0 && !is_cap_word(s, k + 1)
                          && (kind == KIND_NAME || kind == KIND_CITY || kind == KIND_CAPITAL);
            if (!given_name && !surname)
                break;
        }
        names++;
        *end = k;
        k++;
        if (f & XTOK_POSSESSIVE)   /* "Djokovic's Wimbledon": 's ends a name */
            break;
    }
    return names;
}

static int speaks(const scan *s, size_t a, size_t b)
{
    if (key_in(s, b + 1, speech_verbs))
        return 1;
    return a > 0 && key_in(s, a - 1, speech_verbs);
}

/* Whether the run j..end ends with a person the gazetteer knows by a
 * one-word alias ("Yeltsin"), after words the rules left alone ("Naina"). */
static int ends_in_known_surname(const scan *s, size_t j, size_t end)
{
    int32_t c = s->cover[end];
    if (c < 0 || s->m[c].type != MATCH_PERSON || s->m[c].a != end)
        return 0;
    for (size_t i = j; i < end; i++)
        if (s->cover[i] >= 0)
            return 0;
    return 1;
}

static int find_names(scan *s)
{
    for (size_t j = 0; j < s->t.n; j++) {
        if (!is_cap_word(s, j) || (flags_at(s, j) & XTOK_JOINED) || in_caps_line(s, j))
            continue;
        int32_t c = s->cover[j];
        if (c >= 0 && s->m[c].type != MATCH_PERSON && s->m[c].type != MATCH_COUNTRY)
            continue;
        int cut;
        size_t end = j, names = name_run(s, j, &end, &cut);
        if (names == 0)
            continue;
        int apposed, title = scan_title_before(s, j, &apposed);
        const gaz_phrase *first = phrase_at(s, j);
        int is_person = 0;
        if (apposed && names < 2)
            title = 0;
        if (title == 2 || (title == 1 && (names >= 2 || known_person(s, j, end) >= 0)))
            is_person = 1;
        else if (names >= 2 && first && first->first_name)
            is_person = 1;
        else if (names >= 1 && (flags_at(s, j) & XTOK_UPPER_ONLY) && key_is(s, j + 1, ".")
                 && !in_caps_line(s, j) && !scan_sentence_start(s, j))
            is_person = 1;                               /* "J. Ratcliffe" */
        else if (names >= 2 && c < 0 && ends_in_known_surname(s, j, end))
            is_person = 1;                               /* "Naina Yeltsin" */
        else if (names >= 2 && speaks(s, j, end))
            is_person = 1;
        if (cut && names == 1 && c < 0 && first && first->first_name)
            is_person = 0;   /* a given name the line break cut from its surname */
        /* already one known person exactly: keep it */
        if (is_person
            && !(c >= 0 && s->m[c].type == MATCH_PERSON && s->m[c].a == j && s->m[c].b == end)
            && scan_mark_person(s, j, end) < 0)
            return -1;
        j = end;  /* a run is read once, from its first word */
    }
    return 0;
}

/* --- pass 3: surnames ---------------------------------------------------- */

static int add_join(scan *s, const char *key, size_t person, size_t token)
{
    const gaz_phrase *p = gazetteer_phrase(s->g, key);
    if (p && (p->not_name || p->title))
        return 0;
    if (array_grow((void **)&s->joins, &s->capj, s->nj + 1, sizeof *s->joins) != 0)
        return -1;
    s->joins[s->nj++] = (join_key){ .key = key, .person = person, .token = token };
    return 0;
}

/* The surname and (when it is no given name) the first word of a full name,
 * given as tokens a..b of t. */
static int add_joins_of(scan *s, const xtokens *t, size_t a, size_t b, size_t person,
                        size_t token)
{
    size_t first = SIZE_MAX, last = SIZE_MAX, words = 0;
    for (size_t i = a; i <= b; i++)
        if ((t->v[i].flags & XTOK_CAP) && !(t->v[i].flags & XTOK_UPPER_ONLY)
            && !(t->v[i].flags & XTOK_ABBREV)) {
            if (first == SIZE_MAX)
                first = i;
            last = i;
            words++;
        }
    if (words < 2)
        return 0;
    if (add_join(s, xtok_key(t, last), person, token) != 0)
        return -1;
    const gaz_phrase *p = gazetteer_phrase(s->g, xtok_key(t, first));
    if (!(p && p->first_name) && add_join(s, xtok_key(t, first), person, token) != 0)
        return -1;
    return 0;
}

/* The header's names ("People: Jake Sullivan; Yang Jiechi") are people of the
 * text too, and their surnames alone in it are them. */
static int header_joins(scan *s, const brief_list *header)
{
    if (!header || header->count == 0)
        return 0;
    /* one token list for all the names, a line each, cut once: the join keys
     * point into it */
    size_t total = 1;
    for (size_t h = 0; h < header->count; h++)
        total += strlen(header->items[h]) + 1;
    char *lines = malloc(total);
    size_t *person = malloc(header->count * sizeof *person);
    int rc = lines && person ? 0 : -1;
    size_t o = 0, nlines = 0;
    for (size_t h = 0; h < header->count && rc == 0; h++) {
        const char *name = header->items[h];
        size_t len = strlen(name);
        while (len > 0 && (*name == ' ' || *name == '\t'))
            name++, len--;
        while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t'))
            len--;
        long gaz;
        char id[160];
        if (memchr(name, '\n', len)
            || gazetteer_resolve_person(s->g, name, len, &gaz, id, sizeof id) != 0)
            continue;   /* no name at all */
        long p = scan_add_person(s, gaz, name, len);
        if (p == SCAN_NOT_A_NAME)
            continue;
        if (p < 0) {
            rc = -1;
            break;
        }
        person[nlines++] = (size_t)p;
        memcpy(lines + o, name, len);
        o += len;
        lines[o++] = '\n';
    }
    if (rc == 0 && nlines > 0)
        rc = xtok_run(lines, o, &s->header);
    for (size_t a = 0, line = 0; rc == 0 && a < s->header.n && line < nlines; line++) {
        size_t b = a;
        while (b + 1 < s->header.n && !(s->header.v[b + 1].flags & XTOK_LINE_START))
            b++;
        rc = add_joins_of(s, &s->header, a, b, person[line], SIZE_MAX);
        a = b + 1;
    }
    free(lines);
    free(person);
    return rc;
}

static int join_surnames(scan *s)
{
    for (size_t k = 0; k < s->nm; k++)
        if (s->m[k].type == MATCH_PERSON
            && add_joins_of(s, &s->t, s->m[k].a, s->m[k].b, (size_t)s->m[k].ref, s->m[k].a) != 0)
            return -1;
    if (s->nj == 0)
        return 0;
    /* the joins by key, for the nearest full name of each word */
    nearest_index ix = { 0 };
    for (size_t j = 0; j < s->nj; j++)
        if (nearest_add(&ix, s->joins[j].key, s->joins[j].token == SIZE_MAX ? 0 : s->joins[j].token,
                        j) != 0) {
            nearest_free(&ix);
            return -1;
        }
    int rc = nearest_seal(&ix);
    for (size_t i = 0; i < s->t.n && rc == 0; i++) {
        if (!is_cap_word(s, i))
            continue;
        int32_t c = s->cover[i];
        /* "Mr. Peterson", made a person of its own by its title, is the
         * Chad Peterson named in full */
        int lone_name = c >= 0 && s->m[c].type == MATCH_PERSON && s->m[c].a == i
                        && s->m[c].b == i && s->people[s->m[c].ref].gaz < 0;
        if (c >= 0 && !lone_name
            && !(s->m[c].type == MATCH_COUNTRY && s->m[c].a == s->m[c].b && !s->m[c].dateline))
            continue;
        if (!scan_may_join(s, i))
            continue;
        /* the nearest full name before (the header's come first), else the
         * first after */
        size_t j;
        if (!nearest_find(&ix, key_at(s, i), i, 1, &j))
            continue;
        size_t best = s->joins[j].person;
        if (lone_name && best == (size_t)s->m[c].ref)
            continue;
        if (c >= 0)
            scan_drop_match(s, (size_t)c);
        rc = scan_add_match(s, i, i, MATCH_PERSON, (int32_t)best);
        if (rc == 0)
            s->m[s->nm - 1].source = s->joins[j].token == SIZE_MAX ? SOURCE_HEADER_JOIN
                                                                   : SOURCE_JOIN;
    }
    nearest_free(&ix);
    return rc;
}

/* --- countries ------------------------------------------------------------ */

static const char *const month_names[] = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", NULL
};

/* The country alias whose key is the phrase of tokens a..b-1, or NULL. */
static const gaz_country_alias *country_phrase(const scan *s, size_t a, size_t b)
{
    char key[512];
    size_t klen = 0;
    for (size_t i = a; i < b; i++) {
        size_t kl = s->t.v[i].key_len;
        if (klen + kl + 2 > sizeof key)
            return NULL;
        if (i > a)
            key[klen++] = ' ';
        memcpy(key + klen, key_at(s, i), kl + 1);
        klen += kl;
    }
    const gaz_phrase *p = klen ? gazetteer_phrase(s->g, key) : NULL;
    if (!p || p->country_alias < 0 || s->g->country_aliases[p->country_alias].kind >= KIND_BLOCK)
        return NULL;
    return &s->g->country_aliases[p->country_alias];
}

/* Whether tokens a..b-1 are a US state's abbreviation ("Neb", "W . Va"). */
static int state_abbreviation(const scan *s, size_t a, size_t b)
{
    char key[64];
    size_t klen = 0;
    for (size_t i = a; i < b; i++) {
        size_t kl = s->t.v[i].key_len;
        if (klen + kl + 2 > sizeof key)
            return 0;
        if (i > a)
            key[klen++] = ' ';
        memcpy(key + klen, key_at(s, i), kl + 1);
        klen += kl;
    }
    const gaz_phrase *p = klen ? gazetteer_phrase(s->g, key) : NULL;
    return p && p->state_abbrev;
}

/* The end of a run of place words from token a: capitalised words, and the
 * period of a short one ("ST. LOUIS"); at most 6 tokens, on one line. */
static size_t place_run(const scan *s, size_t a)
{
    size_t n = a;
    while (n < s->t.n && n - a < 6
           && (is_cap_word(s, n) || (n > a && key_is(s, n, ".") && s->t.v[n - 1].key_len <= 3))
           && !(n > a && (flags_at(s, n) & XTOK_LINE_START)))
        n++;
    return n;
}

/* "OMAHA, Neb., March 3 -", "BEIJING (Reuters) -", "Montreal, March 19 -": a
 * dateline opens the body with a place, then a date or a news agency. */
static int find_dateline_at(scan *s, size_t a)
{
    size_t n = place_run(s, a);
    if (n == a || n >= s->t.n)
        return 0;
    int caps = 1;
    for (size_t i = a; i < n; i++)
        if (is_word(s, i) && !(flags_at(s, i) & XTOK_ALLCAPS))
            caps = 0;
    /* the region after the comma: "Neb.", "Costa Rica", "British Columbia" */
    size_t region = n, region_end = n, after = n;
    if (key_is(s, n, ",")) {
        region = n + 1;
        region_end = place_run(s, region);
        while (region_end > region && key_is(s, region_end - 1, "."))
            region_end--;   /* "Ind." */
        after = region_end;
        if (key_is(s, after, "."))
            after++;
        if (key_is(s, after, ","))
            after++;
        else if (region_end > region
                 && (after >= s->t.n || (flags_at(s, after) & XTOK_LINE_START)))
            ;   /* "NEWPORT BEACH, Calif." ending its line, with no date */
        else
            region_end = region = n + 1;  /* "LONDON, March 3": no region */
        if (region == region_end)
            after = n + 1;
    }
    int agency = key_is(s, n, "(") && key_in(s, n + 1, news_agencies);
    int dated = key_in(s, after, month_names) || key_in(s, region, month_names);
    if (!(agency || dated || (caps && (key_is(s, n, ",") || key_is(s, n, "-")))))
        return 0;
    long country = -1;
    const gaz_country_alias *place = country_phrase(s, a, n);
    if (place)
        country = (long)gaz_alias_country(place, s->year);
    if (region < region_end) {
        const gaz_country_alias *r = country_phrase(s, region, region_end);
        if (!r && key_is(s, region_end, "."))
            r = country_phrase(s, region, region_end + 1);   /* "Ont.", "Que." */
        if (state_abbreviation(s, region, region_end))
            country = (long)s->g->us;            /* "OMAHA, Neb.," */
        else if (r)
            country = r->kind == KIND_STATE || r->us_state ? (long)s->g->us
                                                           : (long)gaz_alias_country(r, s->year);
    }
    if (country < 0)
        return 0;
    for (size_t i = a; i < n; i++)
        if (s->cover[i] >= 0)
            scan_drop_match(s, (size_t)s->cover[i]);
    if (scan_add_match(s, a, n - 1, MATCH_COUNTRY, (int32_t)(-1 - country)) != 0)
        return -1;
    s->m[s->nm - 1].dateline = 1;
    /* the region ("Neb.", "W. Va.") is part of the place: nothing else
     * claims its words */
    for (size_t i = region; i < region_end; i++)
        if (s->cover[i] >= 0)
            scan_drop_match(s, (size_t)s->cover[i]);
    if (region < region_end && scan_add_match(s, region, region_end - 1, MATCH_BLOCK, -1) != 0)
        return -1;
    return 0;
}

/* The dateline opens the body; in a body whose first line is its title
 * (in_body == 2: a wire story's raw form, "SMITH INTERNATIONAL <SII> 4TH QTR
 * LOSS\n    NEWPORT BEACH, Calif.\n"), it opens the second line. */
static int find_dateline(scan *s, int in_body)
{
    if (find_dateline_at(s, 0) != 0)
        return -1;
    for (size_t i = 0; i < s->nm; i++)
        if (s->m[i].dateline)
            return 0;
    if (in_body != 2)
        return 0;
    for (size_t i = 1; i < s->t.n; i++)
        if (flags_at(s, i) & XTOK_LINE_START)
            return find_dateline_at(s, i);
    return 0;
}

/* Which country a country match tags, or -1 when its kind does not tag here. */
static long country_of(const scan *s, const match *m)
{
    if (m->ref < 0)
        return -1 - (long)m->ref;   /* the dateline's country */
    const gaz_country_alias *ca = &s->g->country_aliases[m->ref];
    long country = (long)gaz_alias_country(ca, s->year);
    switch ((alias_kind)ca->kind) {
    case KIND_NAME:
    case KIND_DEMONYM:
        if (ca->us_state && country != (long)s->g->us) {
            /* "Atlanta, Georgia", "the state of Georgia", or Georgia in a text
             * about the United States and not about the Caucasus: the state */
            if ((s->us_context && !s->caucasus_context)
                || (m->a >= 2 && key_is(s, m->a - 1, ",") && is_cap_word(s, m->a - 2))
                || (m->a >= 2 && key_is(s, m->a - 1, "of") && key_is(s, m->a - 2, "state")))
                return (long)s->g->us;
        }
        return country;
    case KIND_STATE:
        return (long)s->g->us;
    case KIND_REGION:
        return country;
    case KIND_CAPITAL:
    case KIND_CITY:
        if (ca->us_state && country == (long)s->g->us)
            return country;  /* "Washington", "New York": a state's name too */
        if (ca->kind == KIND_CITY)
            return -1;
        if (m->a > 0 && key_in(s, m->a - 1, place_prepositions))
            return -1;
        if ((flags_at(s, m->b) & XTOK_POSSESSIVE) || key_in(s, m->b + 1, metonym_verbs))
            return country;
        return -1;
    case KIND_BLOCK:
    case KIND_INSTITUTION:
    case KIND_COMPANY:
        break;
    }
    return -1;
}

/* What kind of word country match m is (enum mention_trait bits). */
static unsigned country_traits(const scan *s, const match *m)
{
    if (m->ref < 0)
        return TRAIT_PLACE;   /* a dateline's state */
    unsigned traits = 0;
    switch ((alias_kind)s->g->country_aliases[m->ref].kind) {
    case KIND_DEMONYM:     traits = TRAIT_DEMONYM; break;
    case KIND_CAPITAL:
    case KIND_CITY:
    case KIND_STATE:
    case KIND_REGION:      traits = TRAIT_PLACE; break;
    case KIND_INSTITUTION: traits = TRAIT_INSTITUTION; break;
    default:               break;
    }
    if ((flags_at(s, m->b) & XTOK_POSSESSIVE) || key_in(s, m->b + 1, metonym_verbs))
        traits |= TRAIT_SUBJECT;
    return traits;
}

/* The country that a match which names none hints at, for the salience
 * model: a city or capital in running text, an institution.  -1: none. */
static long country_hinted(const scan *s, const match *m)
{
    if (m->ref < 0)
        return -1;
    const gaz_country_alias *ca = &s->g->country_aliases[m->ref];
    if (ca->kind != KIND_CITY && ca->kind != KIND_CAPITAL && ca->kind != KIND_INSTITUTION)
        return -1;
    return (long)gaz_alias_country(ca, s->year);
}

static int report_country(scan *s, entity_acc *acc, const match *m, int in_body,
                          size_t start, size_t end)
{
    long c = country_of(s, m);
    mention_place where = !in_body ? IN_TITLE : m->dateline ? IN_DATELINE : IN_BODY;
    if (c < 0) {
        c = country_hinted(s, m);
        where = in_body ? IN_IMPLIED_BODY : IN_IMPLIED_TITLE;
    }
    if (c < 0)
        return 0;
    const gaz_country *gc = &s->g->countries[c];
    return entity_acc_add(acc, ENTITY_COUNTRY, gc->code, gc->display, strlen(gc->display),
                          start, end, where, country_traits(s, m));
}

/* The company forms of the text ("Cable and Wireless Plc", "<Volvo AB>"),
 * inside Reuters' brackets too, as hints for the salience model. */
static int report_company_forms(scan *s, entity_acc *acc, int in_body)
{
    for (size_t i = 0; i < s->t.n; i++) {
        if (!(flags_at(s, i) & XTOK_CAP) || !(flags_at(s, i) & XTOK_WORD) || i == 0)
            continue;   /* a company form follows the company's name */
        const gaz_phrase *p = gazetteer_phrase(s->g, key_at(s, i));
        if (!p || p->country_alias < 0)
            continue;
        const gaz_country_alias *ca = &s->g->country_aliases[p->country_alias];
        if (ca->kind != KIND_COMPANY || ca->letters.ntokens != 1 || !scan_letters_match(s, i, ca->letters))
            continue;
        const gaz_country *gc = &s->g->countries[ca->country];
        if (entity_acc_add(acc, ENTITY_COUNTRY, gc->code, gc->display, strlen(gc->display),
                           s->t.v[i].start, s->t.v[i].end,
                           in_body ? IN_IMPLIED_BODY : IN_IMPLIED_TITLE, TRAIT_COMPANY) != 0)
            return -1;
    }
    return 0;
}

/* The country of a known person, as a hint for the salience model. */
static int report_person_country(scan *s, entity_acc *acc, const person_ref *p, int in_body,
                                 size_t start, size_t end)
{
    if (p->gaz < 0 || s->g->people[p->gaz].country < 0)
        return 0;
    const gaz_country *gc = &s->g->countries[s->g->people[p->gaz].country];
    return entity_acc_add(acc, ENTITY_COUNTRY, gc->code, gc->display, strlen(gc->display),
                          start, end, in_body ? IN_IMPLIED_BODY : IN_IMPLIED_TITLE,
                          TRAIT_PERSON);
}

/* --- the whole scan ------------------------------------------------------ */

static int report(scan *s, entity_acc *acc, int in_body)
{
    for (size_t k = 0; k < s->nm; k++) {
        const match *m = &s->m[k];
        size_t start = s->t.v[m->a].start, end = s->t.v[m->b].end;
        if (m->type == MATCH_PERSON) {
            const person_ref *p = &s->people[m->ref];
            if (entity_acc_add(acc, ENTITY_PERSON, p->id, p->display, p->display_len,
                               start, end, in_body ? IN_BODY : IN_TITLE, 0) != 0
                || report_person_country(s, acc, p, in_body, start, end) != 0)
                return -1;
        } else if (m->type == MATCH_COUNTRY) {
            if (report_country(s, acc, m, in_body, start, end) != 0)
                return -1;
        }
    }
    return 0;
}

/* Widen each person's mention to the whole name as written: the parts of a
 * word joined by a hyphen or an apostrophe ("O'Brien", "Ata-ur-Rehman") and
 * the initials before it ("P. Simmons", where "Simmons" joined Phil Simmons). */
static void widen_people(scan *s)
{
    for (size_t k = 0; k < s->nm; k++) {
        match *m = &s->m[k];
        if (m->type != MATCH_PERSON)
            continue;
        for (;;) {
            size_t a = m->a;
            if (a > 0 && (flags_at(s, a) & XTOK_JOINED) && is_word(s, a - 1)
                && s->cover[a - 1] < 0)
                m->a = a - 1;
            else if (a > 1 && key_is(s, a - 1, ".") && (flags_at(s, a - 2) & XTOK_UPPER_ONLY)
                     && s->cover[a - 2] < 0
                     && !((flags_at(s, a) | flags_at(s, a - 1)) & XTOK_LINE_START))
                m->a = a - 2;
            else
                break;
            for (size_t i = m->a; i < a; i++)
                s->cover[i] = (int32_t)k;
        }
        while (m->b + 1 < s->t.n && (flags_at(s, m->b + 1) & XTOK_JOINED)
               && is_word(s, m->b + 1) && s->cover[m->b + 1] < 0)
            s->cover[++m->b] = (int32_t)k;
    }
}

/* Read the context that decides what "Georgia" is (see country_of). */
static void find_context(scan *s)
{
    static const char *const caucasus[] = { "ru", "am", "az", "tr", "su", NULL };
    for (size_t k = 0; k < s->nm; k++) {
        const match *m = &s->m[k];
        if (m->type != MATCH_COUNTRY)
            continue;
        if (m->ref < 0) {
            s->us_context |= (size_t)(-1 - (long)m->ref) == s->g->us;
            continue;
        }
        const gaz_country_alias *ca = &s->g->country_aliases[m->ref];
        const char *code = s->g->countries[ca->country].code;
        if (ca->country == s->g->us || (ca->kind == KIND_STATE && !ca->us_state))
            s->us_context = 1;
        if (strcmp(code, "ge") == 0 && ca->kind != KIND_NAME)
            s->caucasus_context = 1;      /* "Tbilisi", "Georgian" */
        for (const char *const *c = caucasus; *c; c++)
            if (strcmp(code, *c) == 0)
                s->caucasus_context = 1;
    }
    for (size_t i = 0; i < s->t.n; i++)
        if (key_is(s, i, "republican") || key_is(s, i, "republicans")
            || key_is(s, i, "democrats"))
            s->us_context = 1;
}

static int compare_matches(const void *a, const void *b)
{
    const match *x = a, *y = b;
    return x->a < y->a ? -1 : x->a > y->a;
}

/* Run the rule passes over text[0..len) (gazetteer, names, surnames, and the
 * dateline of a body): *s is then ready for the tagger or the report.
 * scan_free() releases it, whatever this returns.  Returns 0, or -1 when
 * memory runs out. */
static int scan_rules(scan *s, const gazetteer *g, const char *text, size_t len, int year,
                      int in_body, const brief_list *header_people)
{
    if (scan_start(s, g, text, len, year) != 0)
        return -1;
    mark_brackets(&s->t);

    for (size_t i = 0; i < s->t.n;) {
        size_t next = i + 1;
        if (is_word(s, i) && scan_match_gazetteer_at(s, i, &next) != 0)
            return -1;
        i = next > i ? next : i + 1;
    }
    if (resolve_gazetteer_people(s) != 0)
        return -1;
    if (in_body && find_dateline(s, in_body) != 0)
        return -1;
    if (find_names(s) != 0)
        return -1;
    if (header_joins(s, header_people) != 0 || join_surnames(s) != 0)
        return -1;
    return 0;
}

/* Whether some word stands on a line not written in capitals: a headline in
 * capitals gives the tagger nothing to go by. */
static int has_mixed_case_line(const scan *s)
{
    for (size_t i = 0; i < s->t.n; i++)
        if (is_word(s, i) && !in_caps_line(s, i))
            return 1;
    return 0;
}

int extract_scan(const gazetteer *g, const seq_model *tagger, const char *text, size_t len,
                 int in_body, int year, const brief_list *header_people, entity_acc *acc)
{
    scan s;
    int rc = scan_rules(&s, g, text, len, year, in_body, header_people);
    if (rc == 0 && !seq_model_empty(tagger) && has_mixed_case_line(&s))
        rc = seq_apply(&s, tagger);
    if (rc == 0) {
        widen_people(&s);
        find_context(&s);
        if (s.nm > 1)
            qsort(s.m, s.nm, sizeof *s.m, compare_matches);
        rc = report(&s, acc, in_body);
        if (rc == 0)
            rc = report_company_forms(&s, acc, in_body);
    }
    scan_free(&s);
    return rc;
}

int extract_scan_words(const gazetteer *g, const char *text, size_t len, seq_words *out)
{
    scan s;
    int rc = scan_rules(&s, g, text, len, 0, 1, NULL);
    if (rc == 0)
        rc = seq_describe_scan(&s, out);
    scan_free(&s);
    return rc;
}
