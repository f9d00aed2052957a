/* fuzz_reader_sgml.c — Reuters-21578 SGML (corpus/reader_sgml.c), read from
 * a file as brief-index reads it.  A small story limit, so that the fuzzer
 * meets the stories skipped for their size too. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reader_options opts = {.max_bytes = 2048, .encoding = READER_ENCODING_AUTO};
    fuzz_read_file(data, size, ".sgm", 0, &opts, NULL, NULL);
    return 0;
}
