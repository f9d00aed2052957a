/* eval_entities.c — measure the extractor against labelled corpora.
 *
 * Usage: eval-entities reuters DIR [--errors N]   Reuters-21578 (reut2-*.sgm)
 *        eval-entities conll FILE [--errors N]    CoNLL-2003 (eng.testa)
 *
 * reuters: countries per story against the gold PLACES that are countries,
 * both every country extract_brief() finds and those the brief is about
 * (entity.about, what extract_brief_salient() keeps), on the TEST stories of
 * the Lewis split (the headline: the salience model is trained on TRAIN), on
 * TRAIN and on all
 * (each place code is resolved through the gazetteer, "west-germany" → de; a
 * place that resolves to no country is not scored), over the stories that
 * have at least one; people per story against the gold PEOPLE (each tag
 * resolved through the gazetteer, "volcker" → paul-volcker), over the stories
 * that have one; and the speed of extract_brief() alone.
 * conll: person mentions against the PER spans of each document, whose text
 * is rebuilt from its tokens as conll.h describes;
 * a mention counts when its bytes are exactly those of a gold span.
 * --errors N prints up to N misses and false alarms to standard error.
 * scripts/eval-entities runs both.  Exit status 0, 1 on an error.
 */
#include "conll.h"
#include "extract.h"
#include "reader.h"
#include "reuters_split.h"
#include "sequence_train.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct score {
    unsigned long tp, fp, fn, items;
} score;

typedef struct eval {
    extractor *x;
    reuters_splits splits;
    score countries, salient, people;
    score about_test, about_train, countries_test;   /* by Lewis split */
    unsigned long briefs, no_gold_places, no_gold_with_countries;
    double seconds;          /* spent inside extract_brief() */
    long errors_left;        /* --errors N */
} eval;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);  /* CPU time: the same on a busy machine */
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void print_score(const char *what, const score *s)
{
    if (s->items == 0) {
        printf("%-11s no story\n", what);
        return;
    }
    double p = s->tp + s->fp ? (double)s->tp / (double)(s->tp + s->fp) : 0;
    double r = s->tp + s->fn ? (double)s->tp / (double)(s->tp + s->fn) : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("%-11s items %6lu  tp %6lu  fp %6lu  fn %6lu  P %.3f  R %.3f  F1 %.3f\n",
           what, s->items, s->tp, s->fp, s->fn, p, r, f);
}

/* --- Reuters-21578 ------------------------------------------------------- */

static int has_id(const entity *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].id, id) == 0)
            return 1;
    return 0;
}

static int contains(char ids[][160], size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return 1;
    return 0;
}

/* Print a miss or a false alarm, with the words of the body that named it. */
static void report_error(eval *ev, const brief *b, const entity_set *set, const char *kind,
                         const char *id)
{
    if (ev->errors_left <= 0)
        return;
    ev->errors_left--;
    fprintf(stderr, "%s %s %s |", b->id ? b->id : "?", kind, id);
    for (size_t i = 0, shown = 0; i < set->nmentions && shown < 3; i++)
        if (strcmp(set->mentions[i].id, id) == 0) {
            const entity_mention *m = &set->mentions[i];
            size_t from = m->start > 20 ? m->start - 20 : 0;
            size_t to = m->end + 20 < b->body_len ? m->end + 20 : b->body_len;
            fprintf(stderr, " [%.*s]", (int)(to - from), b->body + from);
            shown++;
        }
    fprintf(stderr, " | %.60s\n", b->title ? b->title : "");
}

/* Score a list of gold ids against the extracted entities. */
static void score_list(eval *ev, const brief *b, const entity_set *set, score *s,
                       char gold[][160], size_t ngold, const entity *got, size_t ngot,
                       const char *what)
{
    s->items++;
    for (size_t i = 0; i < ngold; i++) {
        if (has_id(got, ngot, gold[i]))
            s->tp++;
        else {
            s->fn++;
            char tag[32];
            snprintf(tag, sizeof tag, "%s-missed", what);
            report_error(ev, b, set, tag, gold[i]);
        }
    }
    for (size_t i = 0; i < ngot; i++)
        if (!contains(gold, ngold, got[i].id)) {
            s->fp++;
            char tag[32];
            snprintf(tag, sizeof tag, "%s-extra", what);
            report_error(ev, b, set, tag, got[i].id);
        }
}

static int on_reuters_brief(void *ctx, brief *b)
{
    eval *ev = ctx;
    entity_set set;
    double t0 = now();
    if (extract_brief(ev->x, b, ev->errors_left > 0, &set) != 0)
        return 1;
    ev->seconds += now() - t0;
    ev->briefs++;

    char gold[64][160];
    size_t ngold = reuters_gold_countries(ev->x, b, gold, 64);
    if (ngold > 0) {
        /* Errors are shown for the countries the brief is about, on the TRAIN
         * stories only (rules are studied there, never on TEST), with the mentions of every country named, so that a miss
         * shows where the story named it. */
        reuters_split split = reuters_split_of(&ev->splits, b);
        long quiet = ev->errors_left;
        ev->errors_left = 0;
        score_list(ev, b, &set, &ev->countries, gold, ngold, set.countries, set.ncountries, "country");
        if (split == SPLIT_TEST)
            score_list(ev, b, &set, &ev->countries_test, gold, ngold, set.countries,
                       set.ncountries, "country");
        entity about[64] = { { 0 } };
        size_t nabout = 0;
        for (size_t i = 0; i < set.ncountries && nabout < 64; i++)
            if (set.countries[i].about)
                about[nabout++] = set.countries[i];
        score_list(ev, b, &set, &ev->salient, gold, ngold, about, nabout, "about");
        if (split == SPLIT_TEST)
            score_list(ev, b, &set, &ev->about_test, gold, ngold, about, nabout, "about");
        ev->errors_left = quiet;
        if (split == SPLIT_TRAIN)
            score_list(ev, b, &set, &ev->about_train, gold, ngold, about, nabout, "about");
    } else {
        ev->no_gold_places++;
        ev->no_gold_with_countries += set.ncountries > 0;
    }

    ngold = 0;
    for (size_t i = 0; i < b->gold_people.count && ngold < 64; i++)
        if (extractor_person_id(ev->x, b->gold_people.items[i], gold[ngold], 160) == 0
            && !contains(gold, ngold, gold[ngold]))
            ngold++;
    if (ngold > 0)
        score_list(ev, b, &set, &ev->people, gold, ngold, set.people, set.npeople, "person");
    entity_set_clear(&set);
    return 0;
}

static void on_diag(void *ctx, reader_diag_level level, const char *path, long ordinal,
                    const char *message)
{
    (void)ctx;
    if (level != READER_WARNING)
        fprintf(stderr, "eval-entities: %s:%ld: %s\n", path, ordinal, message);
}

static int eval_reuters(eval *ev, const char *dir)
{
    size_t n;
    char **files = reuters_files(dir, &n);
    if (!files || reuters_splits_read(&ev->splits, dir) != 0) {
        fprintf(stderr, "eval-entities: no reut2-*.sgm in %s\n", dir);
        reuters_files_free(files, n);
        return 1;
    }
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        reader_status st = reader_read_file(files[i], NULL, on_reuters_brief, on_diag, ev, NULL);
        if (st != READER_OK) {
            fprintf(stderr, "eval-entities: cannot read %s\n", files[i]);
            status = 1;
        }
    }
    reuters_files_free(files, n);
    reuters_splits_free(&ev->splits);
    printf("countries a brief is about (extract_brief_salient, the index's about:) vs PLACES:\n");
    print_score("about-test", &ev->about_test);
    print_score("about-train", &ev->about_train);
    print_score("about-all", &ev->salient);
    printf("every country a brief names (extract_brief, the index's country:) vs PLACES:\n");
    print_score("names-test", &ev->countries_test);
    print_score("names-all", &ev->countries);
    print_score("people", &ev->people);
    printf("unscored   %lu stories without a country in PLACES (%lu of them with extracted countries)\n",
           ev->no_gold_places, ev->no_gold_with_countries);
    printf("speed      %lu briefs in %.3f s of extraction (CPU time): %.0f briefs/s\n", ev->briefs,
           ev->seconds, ev->seconds > 0 ? ev->briefs / ev->seconds : 0);
    return status;
}

/* --- CoNLL-2003 ---------------------------------------------------------- */

static int score_doc(eval *ev, const conll_text *t, int show)
{
    const char *text = t->text;
    brief b;
    brief_init(&b);
    b.body = t->text;   /* borrowed: never freed through b */
    b.body_len = t->len;
    entity_set set;
    double t0 = now();
    if (extract_brief(ev->x, &b, 1, &set) != 0)
        return -1;
    ev->seconds += now() - t0;
    ev->briefs++;
    score *s = &ev->people;
    for (size_t g = 0; g < t->nspans; g++)
        s->items += t->spans[g].type == CONLL_PER;
    for (size_t i = 0; i < set.nmentions; i++) {
        const entity_mention *m = &set.mentions[i];
        if (m->kind != ENTITY_PERSON)
            continue;
        int found = 0;
        for (size_t g = 0; g < t->nspans && !found; g++)
            found = t->spans[g].type == CONLL_PER && t->spans[g].start == m->start
                    && t->spans[g].end == m->end;
        if (found)
            s->tp++;
        else {
            s->fp++;
            if (show && ev->errors_left-- > 0)
                fprintf(stderr, "extra  %.*s\n", (int)(m->end - m->start), text + m->start);
        }
    }
    for (size_t g = 0; g < t->nspans; g++) {
        if (t->spans[g].type != CONLL_PER)
            continue;
        int found = 0;
        for (size_t i = 0; i < set.nmentions && !found; i++)
            found = set.mentions[i].kind == ENTITY_PERSON && set.mentions[i].start == t->spans[g].start
                    && set.mentions[i].end == t->spans[g].end;
        if (!found) {
            s->fn++;
            if (show && ev->errors_left-- > 0)
                fprintf(stderr, "missed %.*s\n", (int)(t->spans[g].end - t->spans[g].start),
                        text + t->spans[g].start);
        }
    }
    entity_set_clear(&set);
    return 0;
}

/* Person mentions of every document, in each layout (conll.h): paragraphs
 * (sentences apart, as the figures before 2026-12 were measured), one
 * sentence a line, and Reuters-like wrapped lines.  Errors are shown for the
 * first layout only. */
static int eval_conll(eval *ev, const char *path)
{
    conll_corpus c;
    if (conll_load(path, &c) != 0) {
        fprintf(stderr, "eval-entities: cannot read %s\n", path);
        return 1;
    }
    conll_text t = { 0 };
    int status = 0;
    for (int l = 0; l < CONLL_LAYOUTS && status == 0; l++) {
        ev->people = (score){ 0 };
        for (size_t i = 0; i < c.n && status == 0; i++)
            if (conll_render(&c.docs[i], (conll_layout)l, (unsigned)i, 0, &t) != 0
                || score_doc(ev, &t, l == CONLL_PARAGRAPHS) != 0)
                status = 1;
        char what[32];
        snprintf(what, sizeof what, "per-%s", conll_layout_name((conll_layout)l));
        print_score(what, &ev->people);
    }
    conll_text_free(&t);
    conll_corpus_free(&c);
    printf("speed      %lu documents in %.3f s of extraction (CPU time): %.0f documents/s\n", ev->briefs,
           ev->seconds, ev->seconds > 0 ? ev->briefs / ev->seconds : 0);
    return status;
}

/* k-fold cross-validation of the sequence tagger on the training data: the
 * figure its design is chosen by (sequence_train.h). */
static int eval_cv(eval *ev, const char *path, int folds)
{
    conll_corpus c;
    if (conll_load(path, &c) != 0) {
        fprintf(stderr, "eval-entities: cannot read %s\n", path);
        return 1;
    }
    seq_options o = seq_default_options();
    double *f1 = calloc((size_t)folds * CONLL_LAYOUTS, sizeof *f1);
    seq_score_counts counts[CONLL_LAYOUTS] = { { 0 } };
    int status = 0;
    if (!f1 || seq_cross_validate(ev->x, &c, folds, &o, f1, counts, 0) != 0) {
        fprintf(stderr, "eval-entities: out of memory\n");
        status = 1;
    }
    for (int l = 0; l < CONLL_LAYOUTS && status == 0; l++) {
        double mean = 0, var = 0;
        for (int k = 0; k < folds; k++)
            mean += f1[k * CONLL_LAYOUTS + l] / folds;
        for (int k = 0; k < folds; k++)
            var += (f1[k * CONLL_LAYOUTS + l] - mean) * (f1[k * CONLL_LAYOUTS + l] - mean)
                   / (folds - 1);
        printf("cv-%-10s folds %d  tp %6lu  fp %6lu  fn %6lu  P %.3f  R %.3f  F1 %.3f  (folds %.3f ± %.3f)\n",
               conll_layout_name((conll_layout)l), folds, counts[l].tp, counts[l].fp,
               counts[l].fn, seq_precision(&counts[l]), seq_recall(&counts[l]),
               seq_f1(&counts[l]), mean, sqrt(var));
    }
    free(f1);
    conll_corpus_free(&c);
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "reuters") != 0 && strcmp(argv[1], "conll") != 0
                     && strcmp(argv[1], "cv") != 0)) {
        fprintf(stderr, "usage: eval-entities reuters DIR | conll FILE | cv TRAIN [FOLDS] [--errors N]\n");
        return 1;
    }
    eval ev = { 0 };
    if (argc >= 5 && strcmp(argv[3], "--errors") == 0)
        ev.errors_left = atol(argv[4]);
    if (extractor_create(&ev.x) != 0) {
        fprintf(stderr, "eval-entities: out of memory\n");
        return 1;
    }
    int status;
    if (strcmp(argv[1], "reuters") == 0)
        status = eval_reuters(&ev, argv[2]);
    else if (strcmp(argv[1], "conll") == 0)
        status = eval_conll(&ev, argv[2]);
    else
        status = eval_cv(&ev, argv[2], argc >= 4 && atoi(argv[3]) > 1 ? atoi(argv[3]) : 5);
    extractor_destroy(ev.x);
    return status;
}
