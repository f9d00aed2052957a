/* web_assets.h — the search page's files (query/web/), compiled into
 * brief-serve by web/embed.cmake, so that it reads no file at run time. */
#ifndef BRIEFS_WEB_ASSETS_H
#define BRIEFS_WEB_ASSETS_H

#include <stddef.h>

typedef struct web_asset {
    const char *path;           /* served at this URL path: "/", "/app.js" */
    const char *type;           /* its Content-Type */
    const unsigned char *data;  /* the file's bytes */
    size_t len;
} web_asset;

extern const web_asset web_assets[];
extern const size_t web_nassets;

#endif
