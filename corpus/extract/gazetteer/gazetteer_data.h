/* gazetteer_data.h — the data files of this directory, compiled in: each one
 * NUL-terminated string (gazetteer_data.c, which gazetteer-embed writes at
 * build time; CMakeLists.txt pairs each symbol with its file).  The
 * extractor parses them once, in extractor_create(). */
#ifndef BRIEFS_GAZETTEER_DATA_H
#define BRIEFS_GAZETTEER_DATA_H

extern const char gazetteer_countries_tsv[];
extern const char gazetteer_country_aliases_tsv[];
extern const char gazetteer_us_states_tsv[];
extern const char gazetteer_people_tsv[];
extern const char gazetteer_first_names_txt[];
extern const char gazetteer_first_names_extra_txt[];
extern const char gazetteer_titles_txt[];
extern const char gazetteer_not_names_txt[];
extern const char gazetteer_organisations_txt[];
extern const char gazetteer_sequence_tagger_txt[]; /* the sequence tagger's weights */
extern const char gazetteer_salience_txt[];        /* the salience model's weights */

#endif
