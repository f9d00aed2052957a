/* fuzz_reader_text.c — the plain brief with its optional header
 * (corpus/reader_text.c), read from a file as brief-index reads it. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read_file(data, size, ".txt", 0, NULL, NULL, NULL);
    return 0;
}
