#include "bytesize.h"

#include <stdio.h>

void bytesize_format(char *out, size_t out_size, unsigned long long bytes)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) {
        snprintf(out, out_size, "%llu byte%s", bytes, bytes == 1 ? "" : "s");
        return;
    }
    unsigned long long unit = 1024;
    int u = 0;
    while (u < 3 && bytes >= unit * 1024) {
        unit *= 1024;
        u++;
    }
    if (bytes % unit == 0)
        snprintf(out, out_size, "%llu %s", bytes / unit, units[u]);
    else
        snprintf(out, out_size, "%.1f %s", (double)bytes / (double)unit, units[u]);
}
