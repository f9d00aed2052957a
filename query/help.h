/* help.h — brief-query --help: what it says, with the fields of the query
 * syntax, their options and the facets read from the schema table. */
#ifndef BRIEFS_HELP_H
#define BRIEFS_HELP_H

#include <stdio.h>

/* Print brief-query's --help to out: every field of the query syntax (a
 * boolean field, or a text field with a prefix) with its row's arg and help,
 * every field's option (--NAME ARG) with its row's option text, and the
 * fields --facets takes. */
void help_print(FILE *out);

#endif
