/* fuzz_reader_jsonl.c — JSON Lines (corpus/reader_jsonl.c), read from a
 * file as brief-index reads it.  A small line limit, so that the fuzzer meets
 * the lines skipped for their size too. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reader_options opts = {.max_bytes = 2048, .encoding = READER_ENCODING_AUTO};
    fuzz_read_file(data, size, ".jsonl", 0, &opts, NULL, NULL);
    return 0;
}
