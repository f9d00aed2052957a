/* extract_cmd.h — brief-index --extract: entities as JSON lines, no index touched. */
#ifndef BRIEFS_EXTRACT_CMD_H
#define BRIEFS_EXTRACT_CMD_H

#include <stddef.h>

#include "reader.h"
#include "walk.h"

/* Read every brief under paths[0..npaths) ("-": standard input) and print one
 * JSON line per brief on stdout: {"id", "title", "people": [ids],
 * "countries": [codes]}, with "mentions": [{"kind", "start", "end", "text",
 * "id"}] when spans is non-zero (byte offsets into the brief's body).
 * ro says how files are read, filter which files under a directory are
 * (either may be NULL: the defaults, every file). Diagnostics go to stderr
 * (report.h).
 * Returns the exit status (exits.h). */
int extract_command(char *const *paths, int npaths, int spans, const reader_options *ro,
                    const walk_filter *filter);

#endif
