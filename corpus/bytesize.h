/* bytesize.h — a size in bytes as people read it, the way every message of
 * the readers and the indexer says one. */
#ifndef BRIEFS_BYTESIZE_H
#define BRIEFS_BYTESIZE_H

#include <stddef.h>

/* Write bytes for people into out (of out_size bytes): "16 MiB", "20.3 MiB",
 * "512 bytes".  Cannot fail; the text is cut to fit. */
void bytesize_format(char *out, size_t out_size, unsigned long long bytes);

#endif
