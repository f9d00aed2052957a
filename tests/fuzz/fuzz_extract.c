/* fuzz_extract.c — people and country extraction (corpus/extract.h) over
 * the brief the plain-text reader makes of the input (a header, then the
 * body: the samples are seeds as they are), as brief-index extracts it.  The
 * gazetteers are loaded once.  Both calls are checked against the contract
 * and against each other: the salient countries are the others' `about` ones. */
#include "fuzz.h"

#include <string.h>

#include "extract.h"
#include "utf8.h"

static extractor *ex;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    FUZZ_CHECK(extractor_create(&ex) == 0, "extractor_create failed");
    return 0;
}

static void check_entities(const entity *list, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(list[i].id && *list[i].id && list[i].display, what);
        size_t len = strlen(list[i].display);
        FUZZ_CHECK(utf8_validate(list[i].display, len) == len, what);
        FUZZ_CHECK(i == 0 || strcmp(list[i - 1].id, list[i].id) < 0, what);
    }
}

static int has_id(const entity *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].id, id) == 0)
            return 1;
    return 0;
}

static void check_set(const entity_set *s, const brief *b)
{
    check_entities(s->people, s->npeople, "people: bad, unsorted or repeated");
    check_entities(s->countries, s->ncountries, "countries: bad, unsorted or repeated");
    for (size_t i = 0; i < s->nmentions; i++) {
        const entity_mention *m = &s->mentions[i];
        FUZZ_CHECK(m->start < m->end && m->end <= b->body_len, "mention: out of the body");
        FUZZ_CHECK(i == 0 || s->mentions[i - 1].start <= m->start, "mention: not in text order");
        FUZZ_CHECK(m->kind == ENTITY_PERSON ? has_id(s->people, s->npeople, m->id)
                                            : has_id(s->countries, s->ncountries, m->id),
                   "mention: of an entity the set does not hold");
    }
}

static int on_brief(void *ctx, brief *b)
{
    (void)ctx;
    entity_set all, salient;
    FUZZ_CHECK(extract_brief(ex, b, 1, &all) == 0, "extract_brief failed");
    FUZZ_CHECK(extract_brief_salient(ex, b, 1, &salient) == 0, "extract_brief_salient failed");
    check_set(&all, b);
    check_set(&salient, b);
    FUZZ_CHECK(all.npeople == salient.npeople, "salient: not the same people");
    size_t about = 0;
    for (size_t i = 0; i < all.ncountries; i++)
        if (all.countries[i].about) {
            about++;
            FUZZ_CHECK(has_id(salient.countries, salient.ncountries, all.countries[i].id),
                       "salient: lacks a country the brief is about");
        }
    FUZZ_CHECK(about == salient.ncountries, "salient: holds a country the brief is not about");
    entity_set_clear(&all);
    entity_set_clear(&salient);

    /* The title as a name, as brief-query resolves a user's value. */
    char id[128];
    (void)extractor_country_code(ex, b->title);
    if (extractor_person_id(ex, b->title, id, sizeof id) == 0) {
        size_t n = strlen(id);
        FUZZ_CHECK(n > 0 && utf8_validate(id, n) == n, "extractor_person_id: bad id");
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read_file(data, size, ".txt", 0, NULL, on_brief, NULL);
    return 0;
}
