/* fuzz_reader_gzip.c — compressed input (corpus/reader_input.c, through
 * zlib) in every format and encoding.
 *
 * The first byte chooses: bits 0-1 the format by the file's name (.txt,
 * .jsonl, .sgm), bits 2-3 the encoding (auto, utf-8, windows-1252), bit 4
 * written as it is (the rest is a gzip stream, damaged or not: seeds are
 * .gz files) rather than compressed here (the rest is the text), bit 5 a small
 * size limit (256 bytes) instead of 4 KiB. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const suffixes[] = {".txt", ".jsonl", ".sgm", ".txt"};
    static const reader_encoding encodings[] = {READER_ENCODING_AUTO, READER_ENCODING_UTF8,
                                                READER_ENCODING_CP1252, READER_ENCODING_AUTO};
    if (size == 0)
        return 0;
    unsigned mode = data[0];
    reader_options opts = {.max_bytes = mode & 0x20 ? 256 : 4096,
                           .encoding = encodings[(mode >> 2) & 3]};
    fuzz_read_file(data + 1, size - 1, suffixes[mode & 3], !(mode & 0x10), &opts, NULL, NULL);
    return 0;
}
