/* textfile.h (private): the low-level text helpers the file readers share.
 *
 * The readers of weather files (weather.c), hourly profiles
 * (profile_read.c), scenario XML (xml_read.c) and result tables (results.c,
 * cli_compare.c) read a whole file into one buffer, with a cap on its size,
 * and the text readers then walk it line by line or record by record, field
 * by field, with spans pointing into that buffer.  This module holds the one copy
 * of those helpers.  au_read_file does not write diagnostics: it says what
 * went wrong in an au_file_error, so that each reader phrases its own
 * messages (au_file_error_text gives the phrasing the text readers share). */
#ifndef AUTONOMY_TEXTFILE_H
#define AUTONOMY_TEXTFILE_H

#include <stddef.h>

#include "autonomy/error.h"

/* ---- lines and fields ---- */

/* n bytes from s, not NUL-terminated (a piece of a buffer owned elsewhere). */
typedef struct au_span {
    const char *s;
    size_t n;
} au_span;

/* A walk over the lines of the bytes [p, end).  Start it as
 * {buf, buf + len, 0}. */
typedef struct au_lines {
    const char *p, *end;
    long line;          /* 1-based number of the line last returned (0 before) */
} au_lines;

/* Sets *out to the next line without its "\n" or "\r\n" and returns 1; returns
 * 0, leaving *out alone, at the end.  A last line without "\n" is a line; a
 * buffer ending in "\n" has no empty line after it. */
int au_next_line(au_lines *it, au_span *out);

/* s without its leading and trailing spaces and tabs. */
au_span au_span_trim(au_span s);

/* Splits line at commas (no quoting, no trimming): stores the first `max`
 * fields in fields[] and returns how many there are (at least 1; may be more
 * than max).  fields may be NULL when max is 0. */
size_t au_span_split(au_span line, au_span *fields, size_t max);

/* ---- CSV records (RFC 4180) ----
 *
 * The one CSV splitter of the readers (profiles, plain-CSV weather, the
 * result tables, `autonomy compare`): fields separated by ',', a field in
 * double quotes may hold ',', line breaks and '"' written twice.  It
 * allocates nothing: the fields are spans into the caller's buffer.  (EPW
 * and PVGIS files are not RFC 4180 CSV and keep au_span_split.) */

/* What is wrong with a record. */
typedef enum au_csv_error {
    AU_CSV_OK = 0,
    AU_CSV_UNCLOSED,        /* a quoted field runs to the end of the text */
    AU_CSV_AFTER_QUOTE,     /* text after the closing quote of a field */
    AU_CSV_BARE_QUOTE,      /* a '"' inside an unquoted field */
    AU_CSV_NUL              /* a NUL byte */
} au_csv_error;

/* What au_csv_split found. */
typedef struct au_csv_record {
    size_t n;               /* fields (at least 1; may be more than were stored) */
    long lines;             /* line breaks consumed: inside quoted fields and
                               the one ending the record */
    au_csv_error err;       /* AU_CSV_OK, or the first thing wrong */
    size_t err_field;       /* with err: the 1-based field */
    long err_line;          /* with err: line breaks before it, from the start
                               (UNCLOSED: 0, the record's start) */
} au_csv_record;

/* Splits the record that starts at p, in [p, end): it ends at an unquoted LF
 * or CRLF (or a CR at end), or at end.  Stores the first max fields in
 * fields[]: of a quoted field, the text between its quotes, with its quotes
 * still doubled (au_csv_unquote copies it; an unquoted field holds no '"').
 * Returns where the next record starts, or, when rec->err is set, where the
 * problem is.  fields may be NULL when max is 0. */
const char *au_csv_split(const char *p, const char *end, au_span *fields, size_t max,
                         au_csv_record *rec);

/* au_csv_split over one line (from au_next_line): a quoted field cannot run
 * past its end.  Returns rec->n. */
size_t au_csv_split_line(au_span line, au_span *fields, size_t max, au_csv_record *rec);

/* Copies field f (from au_csv_split) into dst (cap bytes, cap >= 1, always
 * NUL-terminated, cut short when too small) with each doubled quote once;
 * returns the length of the whole text. */
size_t au_csv_unquote(au_span f, char *dst, size_t cap);

/* The message of a record that au_csv_split found wrong, in the readers'
 * shared phrasing; `where` ends "expected a '"' before the end of the ...",
 * "file" or "line":
 *   UNCLOSED     a quoted field is not closed (expected a '"' before the end of the <where>)
 *   AFTER_QUOTE  text after the closing quote of field N (expected ',' or the end of the line)
 *   BARE_QUOTE   a '"' inside unquoted field N (expected quotes around the whole
 *                field, and inner quotes doubled)
 *   NUL          a NUL byte (expected text) */
void au_csv_error_text(const au_csv_record *rec, const char *where, char *msg, size_t size);

/* 1 if s is exactly word, 0 otherwise. */
int au_span_eq(au_span s, const char *word);

/* 1 if s starts with word, 0 otherwise. */
int au_span_starts(au_span s, const char *word);

/* The position of the first word in s, or -1. */
long au_span_find(au_span s, const char *word);

/* How many bytes of s a message shows (at most 40), for "%.*s". */
int au_span_shown(au_span s);

/* The whole trimmed field as a decimal number (digits, sign, point and
 * exponent only: no hex, no inf, no nan): 1 and *v set if it is a finite
 * number, 0 if it is not a number, -1 if it overflows a double. */
int au_span_to_double(au_span s, double *v);

/* The whole trimmed field as a whole number of at most 9 digits, with an
 * optional sign: 1 and *v set, or 0. */
int au_span_to_long(au_span s, long *v);

/* ---- problems ---- */

/* Problems reported per file before a reader gives up. */
#define AU_READER_MAX_ERRORS 20

/* A text file being read: its path as the user named it, where its
 * problems go, and how many there were.  Start it as {path, d, 0, 0}. */
typedef struct au_reader {
    const char *path;
    au_diags *d;
    int nerr;
    int stopped;            /* AU_READER_MAX_ERRORS reached: the reader stops */
} au_reader;

/* Adds "PATH:LINE: message" to r->d, unless the reader has stopped; the
 * AU_READER_MAX_ERRORS-th problem adds a last one saying it stopped. */
void au_reader_problem(au_reader *r, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* ---- whole files ---- */

/* What went wrong in au_read_file. */
typedef enum {
    AU_FILE_OK = 0,
    AU_FILE_CANNOT_OPEN,    /* fopen failed: err */
    AU_FILE_IS_DIRECTORY,
    AU_FILE_NOT_REGULAR,    /* not a regular file, or fstat failed */
    AU_FILE_TOO_LARGE,      /* size > max_bytes */
    AU_FILE_NO_MEMORY,      /* no buffer of `alloc` bytes */
    AU_FILE_READ_FAILED     /* fread failed: err */
} au_file_failure;

typedef struct au_file_error {
    au_file_failure what;
    int err;                /* errno, for CANNOT_OPEN and READ_FAILED; else 0 */
    long long size;         /* the file's size in bytes, once known; else 0 */
    long max_bytes;         /* the cap au_read_file was given */
    size_t alloc;           /* for NO_MEMORY: the bytes asked for (size + 1) */
} au_file_error;

/* Opens `path` for reading ("rb") only if it is a regular file: open(2)
 * with O_NONBLOCK, so that a FIFO or a device is never waited on, then
 * fstat, then the stream reads as usual (blocking).  Returns it, or NULL
 * with why->what CANNOT_OPEN (why->err), IS_DIRECTORY or NOT_REGULAR, and
 * st_size in why->size; why may be NULL. */
FILE *au_fopen_regular(const char *path, au_file_error *why);

/* Reads the whole regular file `path` (au_fopen_regular) into a malloc'd buffer,
 * NUL-terminated after its *len bytes (the file may hold NUL bytes of its
 * own); the caller frees *buf.  A file longer than max_bytes is refused before
 * anything is read.  Returns AU_OK, or AU_ENOMEM (NO_MEMORY) or AU_EIO (every
 * other failure) with *buf = NULL, *len = 0 and what went wrong in *why.
 * *why is always set (why->what = AU_FILE_OK on success); why may be NULL. */
au_status au_read_file(const char *path, long max_bytes, char **buf, size_t *len,
                       au_file_error *why);

/* Writes into msg (size bytes, always NUL-terminated) the message of a failed
 * au_read_file in the readers' shared phrasing, `readable` naming the kind of
 * file expected ("EPW weather file") and `sized` the same with its article,
 * for the size limit ("a weather file"):
 *   CANNOT_OPEN   cannot open the file: <strerror> (expected a readable <readable>)
 *   IS_DIRECTORY  cannot read the file: it is a directory (expected a readable <readable>)
 *   NOT_REGULAR   cannot read the file: not a regular file (expected a readable <readable>)
 *   TOO_LARGE     the file is <size> bytes long (expected <sized> of at most <max_bytes> bytes)
 *   NO_MEMORY     out of memory reading the file (expected <alloc> bytes to be available)
 *   READ_FAILED   cannot read the file: <strerror> (expected a readable <readable>)
 * and "" for AU_FILE_OK. */
void au_file_error_text(const au_file_error *why, const char *readable, const char *sized,
                        char *msg, size_t size);

#endif /* AUTONOMY_TEXTFILE_H */
