/* signature.c — a table of the magic numbers of binary formats. See signature.h.
 *
 * Why a table and not libmagic (Debian's libmagic1, what file(1) uses): the
 * reader asks once per file, and libmagic 5.44 took 0.97 ms per brief of
 * corpus/samples (magic_buffer, MIME type; 0.35 ms with every optional test
 * turned off), where indexing a brief takes about 1.7 ms (a million in 28.7
 * min): +20% to +57% on a first build.  It also answers another question
 * (what is this?) where we need "is this certainly not text?", and its text
 * heuristics call Reuters' SGML "text/html".  The formats people leave beside
 * their briefs are few and their signatures fixed; the table checks them in
 * a few dozen byte comparisons.
 *
 * Every signature is either bytes no text holds (control bytes, bytes that
 * are not UTF-8) or, when it is short and printable ("MZ", "RIFF"), is only
 * trusted when the first SIGNATURE_HEAD_BYTES bytes hold a NUL byte, which
 * text never does: a brief that begins "MZ Bank …" is a brief.
 */
#include "signature.h"

#include <string.h>

typedef struct signature {
    unsigned char at;        /* offset of the bytes */
    unsigned char len;
    const char *bytes;
    unsigned char then_at;   /* a second run of bytes that must match too */
    unsigned char then_len;  /* (0: none) */
    const char *then;
    int needs_nul;           /* trusted only with a NUL byte in the head */
    const char *what;
} signature;

#define SIG(bytes, what) {0, sizeof bytes - 1, bytes, 0, 0, NULL, 0, what}
#define SIG_NUL(bytes, what) {0, sizeof bytes - 1, bytes, 0, 0, NULL, 1, what}

static const signature signatures[] = {
    /* documents */
    SIG("%PDF-", "a PDF file"),
    SIG("PK\x03\x04", "a ZIP file (or an Office, OpenDocument or EPUB file)"),
    SIG("PK\x05\x06", "a ZIP file (empty)"),
    SIG("PK\x07\x08", "a ZIP file (spanned)"),
    SIG("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Office file (OLE2)"),
    SIG("SQLite format 3\0", "an SQLite database"),
    /* images */
    SIG("\x89PNG\r\n\x1A\n", "a PNG image"),
    SIG("\xFF\xD8\xFF", "a JPEG image"),
    SIG("GIF87a", "a GIF image"),
    SIG("GIF89a", "a GIF image"),
    SIG("II*\0", "a TIFF image"),
    SIG("MM\0*", "a TIFF image"),
    SIG_NUL("BM", "a BMP image"),
    SIG("8BPS", "a Photoshop image"),
    SIG_NUL("RIFF", "a RIFF file (WebP image, WAV or AVI)"),
    {4, 4, "ftyp", 0, 0, NULL, 1, "an ISO media file (MP4, MOV, HEIC, AVIF)"},
    /* sound */
    SIG_NUL("ID3", "an MP3 file"),
    SIG_NUL("OggS", "an Ogg file"),
    SIG_NUL("fLaC", "a FLAC file"),
    /* executables */
    SIG("\x7F" "ELF", "an ELF executable"),
    SIG_NUL("MZ", "a Windows or DOS executable"),
    SIG("\xFE\xED\xFA\xCE", "a Mach-O executable"),
    SIG("\xFE\xED\xFA\xCF", "a Mach-O executable"),
    SIG("\xCE\xFA\xED\xFE", "a Mach-O executable"),
    SIG("\xCF\xFA\xED\xFE", "a Mach-O executable"),
    SIG("\xCA\xFE\xBA\xBE", "a Mach-O executable or Java class"),
    SIG("\0asm", "a WebAssembly module"),
    /* archives and compression (gzip itself is read through zlib) */
    SIG("\x1F\x8B", "gzip data"),
    {0, 3, "BZh", 4, 6, "1AY&SY", 0, "a bzip2 file"},
    SIG("\xFD" "7zXZ\0", "an xz file"),
    SIG("\x28\xB5\x2F\xFD", "a Zstandard file"),
    SIG("LZIP\x01", "an lzip file"),
    SIG("7z\xBC\xAF\x27\x1C", "a 7-Zip file"),
    SIG("Rar!\x1A\x07", "a RAR file"),
};

const char *signature_binary_format(const void *head, size_t len)
{
    const unsigned char *p = head;
    for (size_t i = 0; i < sizeof signatures / sizeof *signatures; i++) {
        const signature *s = &signatures[i];
        if (len < (size_t)s->at + s->len || memcmp(p + s->at, s->bytes, s->len) != 0)
            continue;
        if (s->then_len && (len < (size_t)s->then_at + s->then_len ||
                            memcmp(p + s->then_at, s->then, s->then_len) != 0))
            continue;
        size_t head_len = len < SIGNATURE_HEAD_BYTES ? len : SIGNATURE_HEAD_BYTES;
        if (s->needs_nul && !memchr(p, '\0', head_len))
            continue;
        return s->what;
    }
    return NULL;
}
