/* test_extract.c — people and country extraction: the seed brief, the traps
 * (us, turkey, Chad Smith, Michael Jordan, Atlanta, Georgia), longest match,
 * datelines and metonyms, aliases, header tags, spans, threads and speed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

static extractor *X;

static int setup(void **state)
{
    (void)state;
    return extractor_create(&X);
}

static int teardown(void **state)
{
    (void)state;
    extractor_destroy(X);
    X = NULL;
    return 0;
}

/* --- helpers ------------------------------------------------------------- */

static void make_brief(brief *b, const char *title, const char *body, const char *date)
{
    brief_init(b);
    if (title)
        assert_int_equal(brief_set(&b->title, title, strlen(title)), 0);
    assert_int_equal(brief_set(&b->body, body, strlen(body)), 0);
    b->body_len = strlen(body);
    if (date)
        assert_int_equal(brief_set(&b->date, date, strlen(date)), 0);
}

/* Extract the entities of a body alone (no title, no date). */
static void extract_text(const char *body, entity_set *set)
{
    brief b;
    make_brief(&b, NULL, body, NULL);
    assert_int_equal(extract_brief(X, &b, 1, set), 0);
    brief_clear(&b);
}

static const entity *find(const entity *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].id, id) == 0)
            return &list[i];
    return NULL;
}

static int has_person(const entity_set *s, const char *id)
{
    return find(s->people, s->npeople, id) != NULL;
}

static int has_country(const entity_set *s, const char *id)
{
    return find(s->countries, s->ncountries, id) != NULL;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
        free(text);
        text = NULL;
    }
    if (text)
        text[n] = '\0';
    fclose(f);
    return text;
}

static char *read_seed(void)
{
    char *text = read_file(BRIEFS_SOURCE_DIR "/corpus/samples/us-china-rome.txt");
    if (!text)
        text = read_file(BRIEFS_SOURCE_DIR "/../shared/seed/us-china-rome.txt");
    return text;
}

/* --- the seed brief -------------------------------------------------------- */

static void test_seed_brief(void **state)
{
    (void)state;
    char *text = read_seed();
    assert_non_null(text);
    entity_set s;
    extract_text(text, &s);
    assert_true(has_person(&s, "jake-sullivan"));
    assert_true(has_person(&s, "yang-jiechi"));
    assert_true(has_person(&s, "joe-biden"));        /* "a senior Biden administration official" */
    const char *countries[] = { "us", "cn", "ru", "ua", "kp" };
    for (size_t i = 0; i < 5; i++)
        assert_true(has_country(&s, countries[i]));
    assert_false(has_country(&s, "it"));             /* "met ... in Rome": not about Italy */
    assert_false(has_country(&s, "kr"));             /* North Korea is not also Korea */
    /* "Sullivan laid out", "Sullivan and Yang": the surnames join the full names */
    assert_true(find(s.people, s.npeople, "jake-sullivan")->mentions >= 3);
    assert_true(find(s.people, s.npeople, "yang-jiechi")->mentions >= 2);
    assert_string_equal(find(s.people, s.npeople, "jake-sullivan")->display, "Jake Sullivan");
    assert_string_equal(find(s.countries, s.ncountries, "us")->display, "United States");
    entity_set_clear(&s);

    /* what it is about: the United States, China, Russia and Ukraine, not
     * North Korea, named once in passing, nor Italy, where they met */
    const char *about[] = { "us", "cn", "ru", "ua" };
    extract_text(text, &s);
    for (size_t i = 0; i < 4; i++)
        assert_true(find(s.countries, s.ncountries, about[i])->about);
    assert_false(find(s.countries, s.ncountries, "kp")->about);
    entity_set_clear(&s);
    brief b;
    make_brief(&b, NULL, text, NULL);
    assert_int_equal(extract_brief_salient(X, &b, 0, &s), 0);
    assert_int_equal(s.ncountries, 4);
    for (size_t i = 0; i < 4; i++)
        assert_true(has_country(&s, about[i]));
    assert_false(has_country(&s, "kp"));
    assert_false(has_country(&s, "it"));
    entity_set_clear(&s);
    brief_clear(&b);
    free(text);
}

/* --- the traps ---------------------------------------------------------------- */

static void test_case_matters(void **state)
{
    (void)state;
    entity_set s;
    extract_text("Let us talk turkey about the chad and the jordan of the text.", &s);
    assert_int_equal(s.ncountries, 0);
    entity_set_clear(&s);

    extract_text("The US and Turkey agreed. Chad said it would join.", &s);
    assert_true(has_country(&s, "us"));
    assert_true(has_country(&s, "tr"));
    assert_true(has_country(&s, "td"));
    entity_set_clear(&s);
}

static void test_first_names_are_not_countries(void **state)
{
    (void)state;
    entity_set s;
    extract_text("Chad Smith passed to Michael Jordan, and Georgia Jones scored.", &s);
    assert_true(has_person(&s, "chad-smith"));
    assert_true(has_person(&s, "michael-jordan"));
    assert_true(has_person(&s, "georgia-jones"));
    assert_false(has_country(&s, "td"));
    assert_false(has_country(&s, "jo"));
    assert_false(has_country(&s, "ge"));
    entity_set_clear(&s);
}

static void test_georgia(void **state)
{
    (void)state;
    entity_set s;
    extract_text("The company moved from Atlanta, Georgia, to Texas.", &s);
    assert_true(has_country(&s, "us"));
    assert_false(has_country(&s, "ge"));
    entity_set_clear(&s);

    extract_text("Georgia's parliament in Tbilisi passed the law, angering Russia.", &s);
    assert_true(has_country(&s, "ge"));
    entity_set_clear(&s);

    extract_text("Republicans campaigned hard in Georgia before the runoff.", &s);
    assert_true(has_country(&s, "us"));
    assert_false(has_country(&s, "ge"));
    entity_set_clear(&s);

    brief b;  /* in 1987 Georgia was a Soviet republic: news meant the US state */
    make_brief(&b, NULL, "Georgia raised its sales tax.", "1987-03-02");
    assert_int_equal(extract_brief(X, &b, 0, &s), 0);
    assert_true(has_country(&s, "us"));
    assert_false(has_country(&s, "ge"));
    entity_set_clear(&s);
    brief_clear(&b);
}

static void test_longest_match(void **state)
{
    (void)state;
    entity_set s;
    extract_text("North Korea fired a missile; South Korea and Papua New Guinea protested.", &s);
    assert_true(has_country(&s, "kp"));
    assert_true(has_country(&s, "kr"));
    assert_true(has_country(&s, "pg"));
    assert_false(has_country(&s, "gn"));   /* Guinea inside Papua New Guinea */
    entity_set_clear(&s);

    extract_text("Korea's exports rose. Ships crossed the Indian Ocean.", &s);
    assert_true(has_country(&s, "kr"));    /* Korea alone is South Korea */
    assert_false(has_country(&s, "in"));   /* the Indian Ocean is no India */
    entity_set_clear(&s);

    extract_text("Latin American debt worried New Mexico and Guinea-Bissau.", &s);
    assert_true(has_country(&s, "us"));    /* New Mexico: a state, not Mexico */
    assert_true(has_country(&s, "gw"));
    assert_false(has_country(&s, "mx"));
    assert_false(has_country(&s, "gn"));
    entity_set_clear(&s);
}

static void test_demonyms_and_abbreviations(void **state)
{
    (void)state;
    entity_set s;
    extract_text("American, Chinese and Ukrainian officials met British, Soviet and "
                 "U.S. envoys; the U.K. and the UAE and the DPRK and the PRC sent notes.", &s);
    const char *want[] = { "us", "cn", "ua", "gb", "su", "ae", "kp" };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_true(has_country(&s, want[i]));
    entity_set_clear(&s);
}

/* --- datelines, capitals, cities ------------------------------------------ */

static void test_datelines(void **state)
{
    (void)state;
    entity_set s;
    extract_text("LONDON, March 3 - Shares fell on Tuesday.", &s);
    assert_true(has_country(&s, "gb"));
    entity_set_clear(&s);

    extract_text("BEIJING (Reuters) - Exports rose in March.", &s);
    assert_true(has_country(&s, "cn"));
    entity_set_clear(&s);

    extract_text("OMAHA, Neb., March 13 - The company said profits rose.", &s);
    assert_true(has_country(&s, "us"));
    entity_set_clear(&s);

    extract_text("Montreal, March 19 - The company filed a prospectus.", &s);
    assert_true(has_country(&s, "ca"));
    entity_set_clear(&s);

    extract_text("SAN JOSE, Costa Rica, March 3 - Coffee prices fell.", &s);
    assert_true(has_country(&s, "cr"));
    entity_set_clear(&s);

    extract_text("SUDBURY, Ont., April 1 - Inco Ltd said nickel output rose.", &s);
    assert_true(has_country(&s, "ca"));   /* a province's abbreviation */
    entity_set_clear(&s);
}

static void test_capitals_and_cities(void **state)
{
    (void)state;
    entity_set s;
    extract_text("Beijing said it would respond, and Washington's allies agreed.", &s);
    assert_true(has_country(&s, "cn"));
    assert_true(has_country(&s, "us"));
    entity_set_clear(&s);

    extract_text("The two men met in Rome on Monday and flew to Frankfurt.", &s);
    assert_false(has_country(&s, "it"));
    assert_false(has_country(&s, "de"));
    entity_set_clear(&s);

    brief b;  /* Moscow in 1987 is the Soviet Union, in 2022 Russia */
    make_brief(&b, NULL, "MOSCOW, March 2 - Grain imports rose.", "1987-03-02");
    assert_int_equal(extract_brief(X, &b, 0, &s), 0);
    assert_true(has_country(&s, "su"));
    entity_set_clear(&s);
    brief_clear(&b);
    make_brief(&b, NULL, "MOSCOW, March 2 - Grain imports rose.", "2022-03-02");
    assert_int_equal(extract_brief(X, &b, 0, &s), 0);
    assert_true(has_country(&s, "ru"));
    entity_set_clear(&s);
    brief_clear(&b);
}

/* --- people ------------------------------------------------------------------ */

static void test_people_patterns(void **state)
{
    (void)state;
    entity_set s;
    extract_text("Mr. Smith met Prime Minister Ana Torres and striker Wasim Akram. "
                 "\"We agree,\" said Kofi Mensah-Bonsu. Torres said later that "
                 "Akram's form was good and Smith left.", &s);
    assert_true(has_person(&s, "smith"));
    assert_true(has_person(&s, "ana-torres"));
    assert_true(has_person(&s, "wasim-akram"));
    assert_true(has_person(&s, "kofi-mensah-bonsu"));
    assert_int_equal(find(s.people, s.npeople, "ana-torres")->mentions, 2);
    assert_int_equal(find(s.people, s.npeople, "wasim-akram")->mentions, 2);
    entity_set_clear(&s);

    extract_text("Treasury Secretary James Baker and Fed chairman Paul Volcker met. "
                 "Baker said the dollar was stable; Volcker agreed.", &s);
    assert_true(has_person(&s, "james-baker"));
    assert_true(has_person(&s, "paul-volcker"));
    assert_int_equal(find(s.people, s.npeople, "james-baker")->mentions, 2);
    entity_set_clear(&s);

    extract_text("Mr. Peterson farms near Ames, said Chad Peterson.", &s);
    assert_true(has_person(&s, "chad-peterson"));
    assert_false(has_person(&s, "peterson"));   /* the title's lone surname joins */
    entity_set_clear(&s);
}

static void test_tagger_finds_unlisted_names(void **state)
{
    (void)state;
    /* no given name the gazetteer knows, no title, no speech verb: only the
     * sequence tagger (corpus/extract/extract_sequence.c) finds these */
    entity_set s;
    extract_text("Results: 1. Llewellyn Herbert (South Africa) 48.43, 2. Ouattara "
                 "Kouassi (Ivory Coast) 48.90.", &s);
    assert_true(has_person(&s, "llewellyn-herbert"));
    assert_true(has_person(&s, "ouattara-kouassi"));
    assert_true(has_country(&s, "za"));
    assert_true(has_country(&s, "ci"));
    assert_int_equal(s.npeople, 2);
    entity_set_clear(&s);
}

/* --- the error classes of the people tagger on unseen news (the issue
 * "People extraction that holds on text it has never seen"), each with text
 * of our own ----------------------------------------------------------------- */

/* The ids of the people of a text, joined by spaces (for messages). */
static void people_of(const char *body, char *out, size_t outlen)
{
    entity_set s;
    extract_text(body, &s);
    out[0] = '\0';
    for (size_t i = 0; i < s.npeople; i++) {
        strncat(out, s.people[i].id, outlen - strlen(out) - 1);
        strncat(out, " ", outlen - strlen(out) - 1);
    }
    entity_set_clear(&s);
}

#define assert_people(body, expected) do { \
        char got_[1024]; \
        people_of(body, got_, sizeof got_); \
        assert_string_equal(got_, expected); \
    } while (0)

static void test_organisations_are_not_people(void **state)
{
    (void)state;
    /* clubs of two capitalised words in a results table */
    assert_people("Results of second division matches played on Saturday:\n"
                  "Brackley Rovers 2 Tenby Athletic 1\n"
                  "Marston United 0 Corby Town 3\n"
                  "Hexley Wanderers 1 Dunmore Albion 1\n", "");
    /* companies and banks in a business brief; a hyphenated company is not
     * two people */
    assert_people("Harlow Keene Inc said on Tuesday it agreed to buy the packaging unit of "
                  "Dowling-Pratt Corp for 41 mln dlrs. Dowling-Pratt shares rose. Analysts at "
                  "Carrow Finch Securities said the price was fair.", "");
    /* a brokerage that looks like a person's name, and its first word alone */
    assert_people("The notes were priced by Merrill Lynch Capital Markets. Merrill said "
                  "demand was strong; Standard and Poor's rated them AA.", "");
}

static void test_names_stay_whole(void **state)
{
    (void)state;
    /* particles, double surnames, three-part East Asian names */
    assert_people("Goalkeeper Ruud van der Berg saved a penalty from Luis da Silva.",
                  "luis-da-silva ruud-van-der-berg ");
    assert_people("Chilean Maria Ortega Vidal beat Tan Wei Ming of Singapore 6-2 6-4.",
                  "maria-ortega-vidal tan-wei-ming ");
    assert_people("Striker Ahmed al-Rashidi scored twice, and midfielder Park Ji-hoon once.",
                  "ahmed-al-rashidi park-ji-hoon ");
}

static void person_mentions(const char *body, const char *header_person, char *out, size_t len);

static void test_possessive_ends_a_name(void **state)
{
    (void)state;
    /* 's (or ’s) ends a person's name: what follows is a title, a place, an
     * event, never more of the name ("Marczak's Wimbledon" was a person) */
    assert_people("Piotr Marczak lost the final on Sunday. Marczak's Wimbledon run had "
                  "lasted six years, and Marczak said he would return. Coach Anna "
                  "Brandt\u2019s Paris Masters plan came later.",
                  "anna-brandt piotr-marczak ");
    char got[512];
    person_mentions("Piotr Marczak lost the final. Marczak's Wimbledon run is over.", NULL, got,
                    sizeof got);
    assert_string_equal(got, "piotr-marczak piotr-marczak ");
}

static void test_names_never_span_a_line_break(void **state)
{
    (void)state;
    /* a byline and then a dateline, one to a line: the name ends with its line */
    entity_set s;
    const char *body = "Talks stall again\nAnna Kessler\nGENEVA 1997-03-02\n"
                       "Negotiators failed to agree on Sunday, Kessler reported.\n";
    extract_text(body, &s);
    assert_true(has_person(&s, "anna-kessler"));
    assert_int_equal(s.npeople, 1);
    for (size_t i = 0; i < s.nmentions; i++)
        if (s.mentions[i].kind == ENTITY_PERSON)
            assert_null(memchr(body + s.mentions[i].start, '\n',
                               s.mentions[i].end - s.mentions[i].start));
    entity_set_clear(&s);
    /* nor in a hard-wrapped story (indented paragraphs, full lines), where
     * the break only wraps a long line: the parts of the name it cut are
     * nobody alone ("Matthias" a given name, "Oberholzer" the surname of no
     * one named in full) */
    const char *wrapped = "    The board met for the third time this week and named as its new\n"
                          "chairman the former governor of the regional central bank Matthias\n"
                          "Oberholzer, who had led the talks with the creditor banks since\n"
                          "early last year, the company said in a statement on Friday.\n"
                          "    Shares in the group rose sharply after the announcement was\n"
                          "made in the afternoon, dealers said.\n";
    assert_people(wrapped, "");
    /* each part joins the name written on one line elsewhere, as a surname
     * (or a given name) alone does */
    char joined[1024];
    snprintf(joined, sizeof joined, "%s    Matthias Oberholzer will take office in May.\n", wrapped);
    extract_text(joined, &s);
    assert_int_equal(s.npeople, 1);
    assert_int_equal(find(s.people, s.npeople, "matthias-oberholzer")->mentions, 3);
    for (size_t i = 0; i < s.nmentions; i++)
        if (s.mentions[i].kind == ENTITY_PERSON)
            assert_null(memchr(joined + s.mentions[i].start, '\n',
                               s.mentions[i].end - s.mentions[i].start));
    entity_set_clear(&s);
}

static void test_places_are_not_people(void **state)
{
    (void)state;
    /* the city of a dateline on the line after a byline is no part of the
     * name; capitals in a list are no one */
    assert_people("Mark Ellison\nNAIROBI 1997-02-11\nMinisters from Kampala, Dodoma and "
                  "Kigali met their hosts on Tuesday.", "mark-ellison ");
    assert_people("KAMPALA, Feb 11 - Talks resumed in Nairobi on Tuesday.", "");
}

static void test_lone_surnames_in_tables(void **state)
{
    (void)state;
    /* a surname alone in a results table, named in full nowhere */
    entity_set s;
    extract_text("Leading positions after the third stage:\n"
                 "1. Tomasz Wrobel ( Poland ) 4:10:11\n"
                 "2. Kessler ( Germany ) 4:10:45\n"
                 "3. Ivanchuk ( Ukraine ) 4:11:02\n", &s);
    assert_true(has_person(&s, "tomasz-wrobel"));
    assert_true(has_person(&s, "kessler"));
    assert_true(has_person(&s, "ivanchuk"));
    assert_true(has_country(&s, "de"));
    entity_set_clear(&s);
}

/* The id each person mention of body stands for, in text order, joined by
 * spaces ("john-smith john-smith mary-smith "). */
static void person_mentions(const char *body, const char *header_person, char *out, size_t len)
{
    brief b;
    entity_set s;
    make_brief(&b, NULL, body, NULL);
    if (header_person)
        assert_int_equal(brief_list_add(&b.people, header_person, strlen(header_person)), 0);
    assert_int_equal(extract_brief(X, &b, 1, &s), 0);
    out[0] = '\0';
    for (size_t i = 0; i < s.nmentions; i++)
        if (s.mentions[i].kind == ENTITY_PERSON)
            snprintf(out + strlen(out), len - strlen(out), "%s ", s.mentions[i].id);
    entity_set_clear(&s);
    brief_clear(&b);
}

static void test_surnames_join_the_nearest_name(void **state)
{
    (void)state;
    char got[512];
    /* a surname alone is the full name nearest before it, else the first
     * after it; two people of one surname each keep theirs */
    person_mentions("Smith arrived early. Officials said John Smith met the envoy on Monday. "
                    "Smith said the talks went well. On Tuesday Mary Smith joined them, and "
                    "Smith said prices would rise. Smith left.", NULL, got, sizeof got);
    assert_string_equal(got, "john-smith john-smith john-smith mary-smith mary-smith mary-smith ");
    /* the header's names stand before the text */
    person_mentions("Smith arrived early. Officials said John Smith met the envoy on Monday. "
                    "Smith said the talks went well.", "Mary Smith", got, sizeof got);
    assert_string_equal(got, "mary-smith john-smith john-smith ");
}

static void test_sign_off_is_no_one(void **state)
{
    (void)state;
    /* the agency's sign-off at the foot of a story is no one, not even the
     * person of the story who bears the name */
    const char *body = "    STUTTGART, March 3 - Daimler-Benz chief executive Peter Reuter\n"
                       "said profits would rise this year.\n Reuter\n";
    entity_set s;
    extract_text(body, &s);
    assert_true(has_person(&s, "peter-reuter"));
    assert_int_equal(find(s.people, s.npeople, "peter-reuter")->mentions, 1);
    entity_set_clear(&s);
    assert_people("    NEW YORK, March 3 - Carla Benning, a director of the firm, said\n"
                  "it would sell the unit.\n Reuter\n", "carla-benning ");
    assert_people("ROME, March 13, Reuter - Rates rose, according to dealers polled by "
                  "Reuter.\n REUTER\n", "");
}

static void test_people_gazetteer(void **state)
{
    (void)state;
    entity_set s;
    extract_text("Biden's aides and the Biden administration met Gorbachev.", &s);
    assert_true(has_person(&s, "joe-biden"));
    assert_int_equal(find(s.people, s.npeople, "joe-biden")->mentions, 2);
    assert_true(has_person(&s, "mikhail-gorbachev"));
    entity_set_clear(&s);

    /* a common-word surname alone is no one; in full it is */
    extract_text("Rich investors and Young voters. Marc Rich fled; Rich denied it.", &s);
    assert_true(has_person(&s, "marc-rich"));
    assert_int_equal(find(s.people, s.npeople, "marc-rich")->mentions, 2);
    entity_set_clear(&s);
}

static void test_utf8_names(void **state)
{
    (void)state;
    entity_set s;
    extract_text("François Mitterrand met Recep Tayyip Erdoğan and José Álvarez in "
                 "Côte d’Ivoire.", &s);
    assert_true(has_person(&s, "francois-mitterrand"));
    assert_true(has_person(&s, "recep-tayyip-erdogan"));
    assert_true(has_person(&s, "jose-alvarez"));
    assert_true(has_country(&s, "ci"));
    const entity *e = find(s.people, s.npeople, "jose-alvarez");
    assert_string_equal(e->display, "José Álvarez");   /* display keeps the accents */
    entity_set_clear(&s);
}

/* No person's name or mention holds a line break. */
static void assert_no_name_crosses_a_line(const entity_set *s, const char *text)
{
    for (size_t i = 0; i < s->npeople; i++)
        assert_null(strpbrk(s->people[i].display, "\n\r\t"));
    for (size_t i = 0; i < s->nmentions; i++)
        if (s->mentions[i].kind == ENTITY_PERSON)
            assert_null(memchr(text + s->mentions[i].start, '\n',
                               s->mentions[i].end - s->mentions[i].start));
}

static void test_names_end_at_line_breaks(void **state)
{
    (void)state;
    /* wire text is hard-wrapped: a name at a line's end would run on into
     * the first word of the next line; a newline ends a name */
    const char *dateline = "NAIROBI, March 3 - The bank will cut rates, said governor Kofi Mensah\n"
                           "Brunner added that the cut was small.";
    entity_set s;
    extract_text(dateline, &s);
    assert_true(has_person(&s, "kofi-mensah"));
    assert_false(has_person(&s, "kofi-mensah-brunner"));
    assert_no_name_crosses_a_line(&s, dateline);
    entity_set_clear(&s);

    const char *byline = "GENEVA, March 3 - Widget shares rose after analyst Peter Lindqvist\n"
                         "Commented on the results.";
    extract_text(byline, &s);
    assert_true(has_person(&s, "peter-lindqvist"));
    assert_false(has_person(&s, "peter-lindqvist-commented"));
    assert_no_name_crosses_a_line(&s, byline);
    entity_set_clear(&s);

    /* a company's name broken across two lines is no person */
    const char *company = "NEW YORK, March 3 - The stake was bought by Dennis\n"
                          "Whitcombe Industries Inc, said Frank Harlow.";
    extract_text(company, &s);
    assert_false(has_person(&s, "dennis-whitcombe"));
    assert_true(has_person(&s, "frank-harlow"));
    assert_no_name_crosses_a_line(&s, company);
    entity_set_clear(&s);

    /* the gazetteer's people, initials and tagged names stop there too */
    const char *known = "Treasury Secretary James\nBaker spoke. Fund manager P.\nOrtwin Hale "
                        "sold, said Llewellyn\nHerbert. Phil Simmons batted; later P.\n"
                        "Simmons bowled.";
    extract_text(known, &s);
    assert_no_name_crosses_a_line(&s, known);
    assert_int_equal(find(s.people, s.npeople, "phil-simmons")->mentions, 2);
    entity_set_clear(&s);

    /* the part of a name a line break cut off is nobody alone: not a given
     * name ("Paul", which a title would make a person, or "George", whom it
     * would make the banker Eddie George), not the start of a known name that
     * is someone else's alias ("Hu" of Hu Yaobang is Hu Jintao), not an
     * initial or a word the tagger read as part of the name */
    const char *cut = "He met Fed Chairman Paul\nVolcker and Secretary of State George\n"
                      "Shultz. Fund manager P.\nOrtwin Hale sold. Results: 1. Llewellyn\n"
                      "Herbert (South Africa) 48.43. Students carried posters of Hu\n"
                      "Yaobang.";
    extract_text(cut, &s);
    assert_true(has_person(&s, "paul-volcker"));
    assert_true(has_person(&s, "george-shultz"));
    assert_false(has_person(&s, "paul"));
    assert_false(has_person(&s, "eddie-george"));
    assert_false(has_person(&s, "hu-jintao"));
    assert_false(has_person(&s, "p"));
    assert_false(has_person(&s, "llewellyn"));
    assert_int_equal(s.npeople, 2);
    entity_set_clear(&s);
}

static void test_names_cut_by_a_line_break_after_their_beginning(void **state)
{
    (void)state;
    /* words before a line break that can only begin a name (given names, a
     * particle at the end) are no one's whole name: the break cut the rest */
    const char *text = "    BRUSSELS, March 3 - The new chairman, Jose Luis\n"
                       "Marquez Albarran, met ambassador Hendrik van\n"
                       "Oosterhout on Tuesday, the ministry said.\n";
    entity_set s;
    extract_text(text, &s);
    assert_false(has_person(&s, "jose-luis"));
    assert_false(has_person(&s, "hendrik-van"));
    assert_int_equal(s.npeople, 0);
    assert_no_name_crosses_a_line(&s, text);
    entity_set_clear(&s);
    /* a name of two words that can end one stays */
    assert_people("    BRUSSELS, March 3 - The new chairman, Jose Marquez\n"
                  "Albarran officials said, met the ambassador on Tuesday.\n", "jose-marquez ");
}

static void test_names_have_their_blanks_collapsed(void **state)
{
    (void)state;
    /* every stored name, from the text or from the source's tags, has each
     * run of blanks made one space */
    brief b;
    make_brief(&b, "Talks", "The envoys met, said Kofi  \t Mensah.", NULL);
    const char *const tags[] = {"Ana \t Torres", "Jake\nSullivan", "Marta\r\n  Lindqvist "};
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(brief_list_add(&b.people, tags[i], strlen(tags[i])), 0);
    entity_set s;
    assert_int_equal(extract_brief(X, &b, 0, &s), 0);
    assert_string_equal(find(s.people, s.npeople, "ana-torres")->display, "Ana Torres");
    assert_string_equal(find(s.people, s.npeople, "jake-sullivan")->display, "Jake Sullivan");
    assert_string_equal(find(s.people, s.npeople, "marta-lindqvist")->display, "Marta Lindqvist");
    assert_string_equal(find(s.people, s.npeople, "kofi-mensah")->display, "Kofi Mensah");
    entity_set_clear(&s);
    brief_clear(&b);
}

/* --- header tags, spans, order ---------------------------------------------- */

static void test_header_merge(void **state)
{
    (void)state;
    brief b;
    make_brief(&b, "Talks in Rome", "The envoys met. Sullivan spoke first.", NULL);
    assert_int_equal(brief_list_add(&b.people, "Jake Sullivan", 13), 0);
    assert_int_equal(brief_list_add(&b.people, " Ana Torres ", 12), 0);
    assert_int_equal(brief_list_add(&b.countries, "US", 2), 0);
    assert_int_equal(brief_list_add(&b.countries, "china", 5), 0);
    assert_int_equal(brief_list_add(&b.countries, "Narnia", 6), 0);
    entity_set s;
    assert_int_equal(extract_brief(X, &b, 0, &s), 0);
    assert_true(has_person(&s, "jake-sullivan"));
    assert_int_equal(find(s.people, s.npeople, "jake-sullivan")->mentions, 1);
    assert_true(has_person(&s, "ana-torres"));
    assert_string_equal(find(s.people, s.npeople, "ana-torres")->display, "Ana Torres");
    assert_int_equal(find(s.people, s.npeople, "ana-torres")->mentions, 0);
    assert_true(has_country(&s, "us"));
    assert_true(has_country(&s, "cn"));
    assert_int_equal(s.ncountries, 2);                 /* Narnia is no country */
    assert_int_equal(find(s.countries, s.ncountries, "cn")->mentions, 0);
    assert_true(find(s.countries, s.ncountries, "cn")->about);   /* the source says so */
    entity_set_clear(&s);
    brief_clear(&b);
}

static void test_spans_and_order(void **state)
{
    (void)state;
    const char *text = "Japan and China talked. Yang Jiechi spoke for China, Japan's envoy nodded.";
    entity_set s;
    extract_text(text, &s);
    assert_int_equal(s.ncountries, 2);
    assert_string_equal(s.countries[0].id, "cn");      /* sorted by id */
    assert_string_equal(s.countries[1].id, "jp");
    assert_int_equal(s.countries[1].mentions, 2);
    assert_int_equal(s.nmentions, 5);
    for (size_t i = 1; i < s.nmentions; i++)
        assert_true(s.mentions[i - 1].start < s.mentions[i].start);
    const entity_mention *m = &s.mentions[2];
    assert_int_equal(m->kind, ENTITY_PERSON);
    assert_string_equal(m->id, "yang-jiechi");
    assert_int_equal(m->end - m->start, strlen("Yang Jiechi"));
    assert_memory_equal(text + m->start, "Yang Jiechi", m->end - m->start);
    m = &s.mentions[4];                                /* "Japan's": without the 's */
    assert_memory_equal(text + m->start, "Japan", m->end - m->start);
    assert_int_equal(m->end - m->start, 5);
    entity_set_clear(&s);

    brief b;   /* no spans asked for: none given */
    make_brief(&b, NULL, text, NULL);
    assert_int_equal(extract_brief(X, &b, 0, &s), 0);
    assert_int_equal(s.nmentions, 0);
    assert_null(s.mentions);
    entity_set_clear(&s);
    brief_clear(&b);
}

static void test_dateline_after_title_line(void **state)
{
    (void)state;
    /* a wire story's raw form: the body opens with its title, the dateline
     * opens the second line (with or without a date) */
    const char *body = "SMITH INTERNATIONAL INC <SII> 4TH QTR LOSS\n"
                       "    NEWPORT BEACH, Calif.\n    Shr loss 1.95 dlrs vs loss 9.10 dlrs\n";
    brief b;
    make_brief(&b, "SMITH INTERNATIONAL INC <SII> 4TH QTR LOSS", body, "1987-03-03");
    entity_set s;
    assert_int_equal(extract_brief_salient(X, &b, 1, &s), 0);
    assert_true(has_country(&s, "us"));
    assert_int_equal(s.nmentions, 1);
    assert_int_equal(s.mentions[0].start, strlen("SMITH INTERNATIONAL INC <SII> 4TH QTR LOSS\n    "));
    assert_int_equal(s.mentions[0].end, s.mentions[0].start + strlen("NEWPORT BEACH"));
    entity_set_clear(&s);
    brief_clear(&b);

    /* the title as the body's first line counts as the title for salience */
    make_brief(&b, "KLM NET PROFIT FALLS IN JAPAN",
               "KLM NET PROFIT FALLS IN JAPAN\n    AMSTERDAM, June 18\n    Net profit 301 mln "
               "guilders vs 312 mln.\n", "1987-06-18");
    assert_int_equal(extract_brief_salient(X, &b, 0, &s), 0);
    assert_true(has_country(&s, "nl"));
    assert_true(has_country(&s, "jp"));
    entity_set_clear(&s);
    brief_clear(&b);

    /* a second line that is no dateline tags nothing */
    make_brief(&b, "RATES FALL", "RATES FALL\nHOUSTON rates fell on Tuesday.\n", NULL);
    assert_int_equal(extract_brief(X, &b, 0, &s), 0);
    assert_false(has_country(&s, "us"));
    entity_set_clear(&s);
    brief_clear(&b);
}

static void test_central_banks(void **state)
{
    (void)state;
    entity_set s;
    extract_text("The Bundesbank left rates unchanged while the Bank of Japan and the "
                 "Federal Reserve intervened; the Fed bought dollars.", &s);
    assert_true(has_country(&s, "de"));
    assert_true(has_country(&s, "jp"));
    assert_true(has_country(&s, "us"));
    entity_set_clear(&s);
    extract_text("Investors were fed up with the bank of japan jokes.", &s);
    assert_int_equal(s.ncountries, 0);
    entity_set_clear(&s);
}

static void test_salient(void **state)
{
    (void)state;
    brief b;
    make_brief(&b, "UK OUTPUT RISES", "LONDON, March 3 - British output rose, the "
               "figures showed. Output in Japan, France and Italy fell. British "
               "officials said Italy would recover.", "1987-03-03");
    entity_set all, salient;
    assert_int_equal(extract_brief(X, &b, 1, &all), 0);
    assert_int_equal(extract_brief_salient(X, &b, 1, &salient), 0);
    assert_true(has_country(&all, "jp"));
    assert_true(has_country(&all, "fr"));
    assert_true(has_country(&salient, "gb"));          /* title, dateline */
    assert_true(has_country(&salient, "it"));          /* named twice */
    assert_false(has_country(&salient, "jp"));         /* once, in passing */
    assert_false(has_country(&salient, "fr"));
    for (size_t i = 0; i < salient.nmentions; i++)
        assert_true(has_country(&salient, salient.mentions[i].id));
    entity_set_clear(&all);
    entity_set_clear(&salient);
    brief_clear(&b);
}

/* An invented brief like the seed: what it is about, what it only mentions. */
static void test_about_and_mentions(void **state)
{
    (void)state;
    brief b;
    make_brief(&b, "US warns China over help for Russia",
               "The United States told China on Monday that helping Russia in its war in "
               "Ukraine would have consequences, a senior US official said after National "
               "Security Adviser Jake Sullivan met top Chinese diplomat Yang Jiechi in Rome.\n"
               "Sullivan said Washington and its allies were united in punishing Russia, and "
               "that China's support for Moscow would be watched closely.\n"
               "The two men also discussed North Korea, the official said. The US expects "
               "China to answer within days, while Ukraine asked its allies for more help.\n",
               "2022-03-14");
    entity_set all, about;
    assert_int_equal(extract_brief(X, &b, 1, &all), 0);
    assert_int_equal(extract_brief_salient(X, &b, 1, &about), 0);
    const char *named[] = { "cn", "kp", "ru", "ua", "us" };   /* sorted by id */
    assert_int_equal(all.ncountries, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(all.countries[i].id, named[i]);
        assert_int_equal(all.countries[i].about, strcmp(named[i], "kp") != 0);
    }
    const char *expected[] = { "cn", "ru", "ua", "us" };
    assert_int_equal(about.ncountries, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(about.countries[i].id, expected[i]);
        assert_true(about.countries[i].about);
    }
    assert_false(has_country(&all, "it"));             /* met in Rome */
    for (size_t i = 0; i < about.nmentions; i++)        /* North Korea's mention went too */
        assert_string_not_equal(about.mentions[i].id, "kp");
    assert_int_equal(all.nmentions, about.nmentions + 1);
    entity_set_clear(&all);
    entity_set_clear(&about);
    brief_clear(&b);
}

/* A brief can be about a country it never names: its president, its
 * legislature; a wire story is about its dateline's country, not one that
 * it names once in passing. */
static void test_about_from_hints(void **state)
{
    (void)state;
    brief b;
    make_brief(&b, "Reagan asks Congress for trade bill",
               "President Reagan asked Congress on Tuesday to pass the trade bill before the "
               "recess, and the Treasury said it backed him.", "1987-03-03");
    entity_set s;
    assert_int_equal(extract_brief(X, &b, 1, &s), 0);
    assert_int_equal(s.ncountries, 1);
    assert_string_equal(s.countries[0].id, "us");
    assert_true(s.countries[0].about);
    assert_int_equal(s.countries[0].mentions, 0);      /* named nowhere */
    assert_int_equal(s.nmentions, 1);                  /* Reagan alone */
    entity_set_clear(&s);
    brief_clear(&b);

    make_brief(&b, "Copper output rises at Quimbley Mines",
               "QUIMBLEY FALLS, Ont., March 3 - Quimbley Mines Ltd said copper output rose 12 "
               "pct in February, while prices in Chile held steady.", "1987-03-03");
    assert_int_equal(extract_brief(X, &b, 0, &s), 0);
    assert_int_equal(s.ncountries, 2);
    assert_true(find(s.countries, s.ncountries, "ca")->about);     /* the dateline */
    assert_false(find(s.countries, s.ncountries, "cl")->about);    /* once, in passing */
    assert_int_equal(find(s.countries, s.ncountries, "cl")->mentions, 1);
    entity_set_clear(&s);
    brief_clear(&b);
}

static void test_empty_and_null(void **state)
{
    (void)state;
    entity_set s;
    extract_text("", &s);
    assert_int_equal(s.npeople + s.ncountries + s.nmentions, 0);
    entity_set_clear(&s);
    entity_set_clear(NULL);
    extractor_destroy(NULL);
    brief b;
    brief_init(&b);   /* no title, no body */
    assert_int_equal(extract_brief(X, &b, 1, &s), 0);
    assert_int_equal(s.npeople + s.ncountries, 0);
    entity_set_clear(&s);
}

/* --- lookups ------------------------------------------------------------------ */

static void test_country_lookups(void **state)
{
    (void)state;
    const struct { const char *name, *code; } cases[] = {
        { "US", "us" }, { "u.s.", "us" }, { "United States", "us" }, { "american", "us" },
        { "USA", "us" }, { "Beijing", "cn" }, { "cn", "cn" }, { "CN", "cn" },
        { "U.K.", "gb" }, { "Britain", "gb" }, { "great britain", "gb" }, { "UAE", "ae" },
        { "DPRK", "kp" }, { "PRC", "cn" }, { "ROK", "kr" }, { "Korea", "kr" },
        { "Burma", "mm" }, { "Zaire", "cd" }, { "Ceylon", "lk" }, { "Persia", "ir" },
        { "Siam", "th" }, { "USSR", "su" }, { "Soviet Union", "su" }, { "soviet", "su" },
        { "West Germany", "de" }, { "East Germany", "dd" }, { "Yugoslavia", "yu" },
        { "Czechoslovakia", "cs" }, { "Hong Kong", "hk" }, { "Côte d'Ivoire", "ci" },
        { "ivory coast", "ci" }, { "Bombay", "in" }, { "Sao Paulo", "br" }, { "Türkiye", "tr" },
        { "ukrainian", "ua" }, { "Kyiv", "ua" }, { "Kiev", "ua" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *code = extractor_country_code(X, cases[i].name);
        if (!code || strcmp(code, cases[i].code) != 0)
            fail_msg("%s: expected %s, got %s", cases[i].name, cases[i].code, code ? code : "NULL");
    }
    assert_null(extractor_country_code(X, "Narnia"));
    assert_null(extractor_country_code(X, "Indian Ocean"));
    assert_null(extractor_country_code(X, ""));
    assert_null(extractor_country_code(X, NULL));

    assert_string_equal(extractor_country_name(X, "us"), "United States");
    assert_string_equal(extractor_country_name(X, "CN"), "China");
    assert_string_equal(extractor_country_name(X, "su"), "Soviet Union");
    assert_string_equal(extractor_country_name(X, "hk"), "Hong Kong");
    assert_null(extractor_country_name(X, "zz"));
    assert_null(extractor_country_name(X, NULL));
}

static void test_every_iso_country(void **state)
{
    (void)state;
    /* every ISO 3166-1 code has a display name, and its name resolves back */
    const char *codes[] = {
        "ad", "ae", "af", "ag", "ai", "al", "am", "ao", "aq", "ar", "as", "at", "au", "aw",
        "ax", "az", "ba", "bb", "bd", "be", "bf", "bg", "bh", "bi", "bj", "bl", "bm", "bn",
        "bo", "bq", "br", "bs", "bt", "bv", "bw", "by", "bz", "ca", "cc", "cd", "cf", "cg",
        "ch", "ci", "ck", "cl", "cm", "cn", "co", "cr", "cu", "cv", "cw", "cx", "cy", "cz",
        "de", "dj", "dk", "dm", "do", "dz", "ec", "ee", "eg", "eh", "er", "es", "et", "fi",
        "fj", "fk", "fm", "fo", "fr", "ga", "gb", "gd", "ge", "gf", "gg", "gh", "gi", "gl",
        "gm", "gn", "gp", "gq", "gr", "gs", "gt", "gu", "gw", "gy", "hk", "hm", "hn", "hr",
        "ht", "hu", "id", "ie", "il", "im", "in", "io", "iq", "ir", "is", "it", "je", "jm",
        "jo", "jp", "ke", "kg", "kh", "ki", "km", "kn", "kp", "kr", "kw", "ky", "kz", "la",
        "lb", "lc", "li", "lk", "lr", "ls", "lt", "lu", "lv", "ly", "ma", "mc", "md", "me",
        "mf", "mg", "mh", "mk", "ml", "mm", "mn", "mo", "mp", "mq", "mr", "ms", "mt", "mu",
        "mv", "mw", "mx", "my", "mz", "na", "nc", "ne", "nf", "ng", "ni", "nl", "no", "np",
        "nr", "nu", "nz", "om", "pa", "pe", "pf", "pg", "ph", "pk", "pl", "pm", "pn", "pr",
        "ps", "pt", "pw", "py", "qa", "re", "ro", "rs", "ru", "rw", "sa", "sb", "sc", "sd",
        "se", "sg", "sh", "si", "sj", "sk", "sl", "sm", "sn", "so", "sr", "ss", "st", "sv",
        "sx", "sy", "sz", "tc", "td", "tf", "tg", "th", "tj", "tk", "tl", "tm", "tn", "to",
        "tr", "tt", "tv", "tw", "tz", "ua", "ug", "um", "us", "uy", "uz", "va", "vc", "ve",
        "vg", "vi", "vn", "vu", "wf", "ws", "ye", "yt", "za", "zm", "zw",
        "su", "dd", "yu", "cs", "an",
    };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        const char *name = extractor_country_name(X, codes[i]);
        if (!name)
            fail_msg("no display name for %s", codes[i]);
        const char *back = extractor_country_code(X, name);
        if (!back || strcmp(back, codes[i]) != 0)
            fail_msg("%s (%s) resolves to %s", name, codes[i], back ? back : "NULL");
    }
}

static void test_person_lookups(void **state)
{
    (void)state;
    const struct { const char *name, *id; } cases[] = {
        { "Biden", "joe-biden" }, { "President Biden", "joe-biden" }, { "joe biden", "joe-biden" },
        { "joe-biden", "joe-biden" }, { "JOE BIDEN", "joe-biden" }, { "Jake Sullivan", "jake-sullivan" },
        { "sullivan", "jake-sullivan" }, { "Ana Torres", "ana-torres" }, { "Mr. Ana Torres", "ana-torres" },
        { "José Álvarez", "jose-alvarez" }, { "james-baker", "james-baker" }, { "volcker", "paul-volcker" },
        { "de-la-madrid", "miguel-de-la-madrid" }, { "U.S. Treasury Secretary Baker", "james-baker" },
        { "Volodymyr Zelenskiy", "volodymyr-zelensky" },
    };
    char id[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (extractor_person_id(X, cases[i].name, id, sizeof id) != 0)
            fail_msg("%s: no id", cases[i].name);
        if (strcmp(id, cases[i].id) != 0)
            fail_msg("%s: expected %s, got %s", cases[i].name, cases[i].id, id);
    }
    assert_int_equal(extractor_person_id(X, "", id, sizeof id), -1);
    assert_int_equal(extractor_person_id(X, "  ", id, sizeof id), -1);
    assert_int_equal(extractor_person_id(X, NULL, id, sizeof id), -1);
    assert_int_equal(extractor_person_id(X, "Joe Biden", id, 5), -1);     /* does not fit */
    assert_int_equal(extractor_person_id(X, "Ana Torres", id, 10), -1);
    assert_int_equal(extractor_person_id(X, "Ana Torres", id, 11), 0);

    assert_string_equal(extractor_person_name(X, "joe-biden"), "Joe Biden");
    assert_string_equal(extractor_person_name(X, "yang-jiechi"), "Yang Jiechi");
    assert_null(extractor_person_name(X, "ana-torres"));
    assert_null(extractor_person_name(X, NULL));
}

/* --- threads and speed ------------------------------------------------------- */

typedef struct worker {
    const char *text;
    size_t npeople, ncountries, nmentions;
    int failed;
} worker;

static void *run_worker(void *arg)
{
    worker *w = arg;
    brief b;
    brief_init(&b);
    if (brief_set(&b.body, w->text, strlen(w->text)) != 0) {
        w->failed = 1;
        return NULL;
    }
    b.body_len = strlen(w->text);
    for (int i = 0; i < 200 && !w->failed; i++) {
        entity_set s;
        if (extract_brief(X, &b, 1, &s) != 0)
            w->failed = 1;
        else if (i == 0) {
            w->npeople = s.npeople;
            w->ncountries = s.ncountries;
            w->nmentions = s.nmentions;
        } else if (s.npeople != w->npeople || s.ncountries != w->ncountries
                   || s.nmentions != w->nmentions) {
            w->failed = 1;
        }
        entity_set_clear(&s);
    }
    brief_clear(&b);
    return NULL;
}

static void test_threads_share_one_extractor(void **state)
{
    (void)state;
    char *text = read_seed();
    assert_non_null(text);
    entity_set ref;
    extract_text(text, &ref);
    worker w[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        w[i] = (worker){ .text = text };
        assert_int_equal(pthread_create(&t[i], NULL, run_worker, &w[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        assert_int_equal(pthread_join(t[i], NULL), 0);
        assert_false(w[i].failed);
        assert_int_equal(w[i].npeople, ref.npeople);
        assert_int_equal(w[i].ncountries, ref.ncountries);
        assert_int_equal(w[i].nmentions, ref.nmentions);
    }
    entity_set_clear(&ref);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_brief),
        cmocka_unit_test(test_case_matters),
        cmocka_unit_test(test_first_names_are_not_countries),
        cmocka_unit_test(test_georgia),
        cmocka_unit_test(test_longest_match),
        cmocka_unit_test(test_demonyms_and_abbreviations),
        cmocka_unit_test(test_datelines),
        cmocka_unit_test(test_capitals_and_cities),
        cmocka_unit_test(test_people_patterns),
        cmocka_unit_test(test_tagger_finds_unlisted_names),
        cmocka_unit_test(test_organisations_are_not_people),
        cmocka_unit_test(test_names_stay_whole),
        cmocka_unit_test(test_possessive_ends_a_name),
        cmocka_unit_test(test_names_never_span_a_line_break),
        cmocka_unit_test(test_places_are_not_people),
        cmocka_unit_test(test_lone_surnames_in_tables),
        cmocka_unit_test(test_surnames_join_the_nearest_name),
        cmocka_unit_test(test_sign_off_is_no_one),
        cmocka_unit_test(test_people_gazetteer),
        cmocka_unit_test(test_utf8_names),
        cmocka_unit_test(test_names_end_at_line_breaks),
        cmocka_unit_test(test_names_cut_by_a_line_break_after_their_beginning),
        cmocka_unit_test(test_names_have_their_blanks_collapsed),
        cmocka_unit_test(test_header_merge),
        cmocka_unit_test(test_spans_and_order),
        cmocka_unit_test(test_dateline_after_title_line),
        cmocka_unit_test(test_central_banks),
        cmocka_unit_test(test_salient),
        cmocka_unit_test(test_about_and_mentions),
        cmocka_unit_test(test_about_from_hints),
        cmocka_unit_test(test_empty_and_null),
        cmocka_unit_test(test_country_lookups),
        cmocka_unit_test(test_every_iso_country),
        cmocka_unit_test(test_person_lookups),
        cmocka_unit_test(test_threads_share_one_extractor),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
