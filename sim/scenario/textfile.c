/* textfile.c: the low-level text helpers the file readers share (textfile.h).
 *
 * One copy of what the weather, profile, scenario and table readers each
 * used to carry: walking a buffer line by line, trimming and splitting spans
 * (the one RFC 4180 CSV splitter among them), and
 * reading a whole file into memory with a cap on its size.  Nothing here
 * writes a diagnostic; au_read_file says what went wrong and the callers word
 * it, so that their messages stay their own. */
#include "textfile.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- lines and fields ---- */

int au_next_line(au_lines *it, au_span *out)
{
    if (it->p >= it->end)
        return 0;
    const char *nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
    const char *e = nl != NULL ? nl : it->end;
    out->s = it->p;
    out->n = (size_t)(e - it->p);
    if (out->n > 0 && out->s[out->n - 1] == '\r')
        out->n--;
    it->p = nl != NULL ? nl + 1 : it->end;
    it->line++;
    return 1;
}

au_span au_span_trim(au_span s)
{
    while (s.n > 0 && (s.s[0] == ' ' || s.s[0] == '\t')) {
        s.s++;
        s.n--;
    }
    while (s.n > 0 && (s.s[s.n - 1] == ' ' || s.s[s.n - 1] == '\t'))
        s.n--;
    return s;
}

size_t au_span_split(au_span line, au_span *fields, size_t max)
{
    size_t n = 0;
    const char *p = line.s, *end = line.s + line.n;
    for (;;) {
        const char *c = memchr(p, ',', (size_t)(end - p));
        const char *e = c != NULL ? c : end;
        if (n < max) {
            fields[n].s = p;
            fields[n].n = (size_t)(e - p);
        }
        n++;
        if (c == NULL)
            return n;
        p = c + 1;
    }
}

/* ---- CSV records ---- */

/* 1 if p starts a line end within [p, end): LF, CRLF, or a CR at end. */
static int at_line_end(const char *p, const char *end)
{
    return *p == '\n' || (*p == '\r' && (p + 1 == end || p[1] == '\n'));
}

/* Past the line end at p. */
static const char *past_line_end(const char *p, const char *end)
{
    if (*p == '\r')
        p++;
    return p < end ? p + 1 : p;
}

static const char *csv_fail(au_csv_record *rec, au_csv_error err, long lines, const char *at)
{
    rec->err = err;
    rec->err_field = rec->n;
    rec->err_line = lines;
    return at;
}

/* The quoted field at p (just after its opening quote): its text into *f,
 * line breaks counted in *lines; returns the position after the closing
 * quote, or NULL when the text ends first or holds a NUL (*bad says which). */
static const char *quoted_field(const char *p, const char *end, au_span *f, long *lines,
                                au_csv_error *bad)
{
    f->s = p;
    for (; p < end; p++) {
        if (*p == '"') {
            if (p + 1 < end && p[1] == '"') {
                p++;
                continue;
            }
            f->n = (size_t)(p - f->s);
            return p + 1;
        }
        if (*p == '\n')
            (*lines)++;
        else if (*p == '\0') {
            *bad = AU_CSV_NUL;
            return NULL;
        }
    }
    *bad = AU_CSV_UNCLOSED;
    return NULL;
}

const char *au_csv_split(const char *p, const char *end, au_span *fields, size_t max,
                         au_csv_record *rec)
{
    *rec = (au_csv_record){0, 0, AU_CSV_OK, 0, 0};
    for (;;) {
        au_span f = {p, 0};
        rec->n++;
        if (p < end && *p == '"') {
            au_csv_error bad = AU_CSV_OK;
            long lines = rec->lines;
            const char *q = quoted_field(p + 1, end, &f, &lines, &bad);
            if (q == NULL)
                return csv_fail(rec, bad, bad == AU_CSV_UNCLOSED ? 0 : lines, end);
            rec->lines = lines;
            p = q;
            if (p < end && *p != ',' && !at_line_end(p, end))
                return csv_fail(rec, AU_CSV_AFTER_QUOTE, rec->lines, p);
        } else {
            for (; p < end && *p != ',' && !at_line_end(p, end); p++) {
                if (*p == '"')
                    return csv_fail(rec, AU_CSV_BARE_QUOTE, rec->lines, p);
                if (*p == '\0')
                    return csv_fail(rec, AU_CSV_NUL, rec->lines, p);
            }
            f.n = (size_t)(p - f.s);
        }
        if (rec->n <= max)
            fields[rec->n - 1] = f;
        if (p < end && *p == ',') {
            p++;
            continue;
        }
        if (p < end) {
            rec->lines += *p == '\n' || (p + 1 < end && p[1] == '\n');
            p = past_line_end(p, end);
        }
        return p;
    }
}

size_t au_csv_split_line(au_span line, au_span *fields, size_t max, au_csv_record *rec)
{
    au_csv_split(line.s, line.s + line.n, fields, max, rec);
    return rec->n;
}

size_t au_csv_unquote(au_span f, char *dst, size_t cap)
{
    size_t len = 0;
    for (size_t i = 0; i < f.n; i++) {
        if (f.s[i] == '"' && i + 1 < f.n && f.s[i + 1] == '"')
            i++;
        if (len + 1 < cap)
            dst[len] = f.s[i];
        len++;
    }
    dst[len < cap ? len : cap - 1] = '\0';
    return len;
}

void au_csv_error_text(const au_csv_record *rec, const char *where, char *msg, size_t size)
{
    switch (rec->err) {
    case AU_CSV_OK:
        snprintf(msg, size, "%s", "");
        break;
    case AU_CSV_UNCLOSED:
        snprintf(msg, size, "a quoted field is not closed (expected a '\"' before the end of "
                 "the %s)", where);
        break;
    case AU_CSV_AFTER_QUOTE:
        snprintf(msg, size, "text after the closing quote of field %zu (expected ',' or the "
                 "end of the line)", rec->err_field);
        break;
    case AU_CSV_BARE_QUOTE:
        snprintf(msg, size, "a '\"' inside unquoted field %zu (expected quotes around the "
                 "whole field, and inner quotes doubled)", rec->err_field);
        break;
    case AU_CSV_NUL:
        snprintf(msg, size, "a NUL byte (expected text)");
        break;
    }
}

int au_span_eq(au_span s, const char *word)
{
    size_t n = strlen(word);
    return s.n == n && memcmp(s.s, word, n) == 0;
}

int au_span_starts(au_span s, const char *word)
{
    size_t n = strlen(word);
    return s.n >= n && memcmp(s.s, word, n) == 0;
}

long au_span_find(au_span s, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= s.n; i++)
        if (memcmp(s.s + i, word, n) == 0)
            return (long)i;
    return -1;
}

int au_span_shown(au_span s)
{
    return s.n > 40 ? 40 : (int)s.n;
}

int au_span_to_double(au_span s, double *v)
{
    char buf[64];
    s = au_span_trim(s);
    if (s.n == 0 || s.n >= sizeof buf)
        return 0;
    for (size_t i = 0; i < s.n; i++) {
        char c = s.s[i];
        if (!((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == 'e'
              || c == 'E'))
            return 0;
    }
    memcpy(buf, s.s, s.n);
    buf[s.n] = '\0';
    char *end;
    double x = strtod(buf, &end);
    if (end != buf + s.n)
        return 0;
    if (!isfinite(x))
        return -1;
    *v = x;
    return 1;
}

int au_span_to_long(au_span s, long *v)
{
    s = au_span_trim(s);
    size_t i = 0;
    int neg = 0;
    if (s.n > 0 && (s.s[0] == '+' || s.s[0] == '-')) {
        neg = s.s[0] == '-';
        i = 1;
    }
    if (i == s.n || s.n - i > 9)
        return 0;
    long x = 0;
    for (; i < s.n; i++) {
        if (s.s[i] < '0' || s.s[i] > '9')
            return 0;
        x = 10 * x + (s.s[i] - '0');
    }
    *v = neg ? -x : x;
    return 1;
}

/* ---- problems ---- */

void au_reader_problem(au_reader *r, long line, const char *fmt, ...)
{
    char msg[768];
    va_list ap;

    if (r->stopped)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    au_diags_add(r->d, r->path, line, "%s", msg);
    if (++r->nerr >= AU_READER_MAX_ERRORS) {
        au_diags_add(r->d, r->path, line, "stopped after %d errors (expected fewer; fix these "
                     "first)", AU_READER_MAX_ERRORS);
        r->stopped = 1;
    }
}

/* ---- whole files ---- */

static au_status fail(au_file_error *why, au_file_failure what, int err)
{
    why->what = what;
    why->err = err;
    return what == AU_FILE_NO_MEMORY ? AU_ENOMEM : AU_EIO;
}

FILE *au_fopen_regular(const char *path, au_file_error *why)
{
    au_file_error local;
    struct stat st = {0};
    if (why == NULL)
        why = &local;
    why->what = AU_FILE_OK;
    why->err = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        fail(why, AU_FILE_CANNOT_OPEN, errno);
        return NULL;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int dir = S_ISDIR(st.st_mode); /* 0 when fstat failed: st is zeroed */
        close(fd);
        fail(why, dir ? AU_FILE_IS_DIRECTORY : AU_FILE_NOT_REGULAR, 0);
        return NULL;
    }
    why->size = (long long)st.st_size;
    int fl = fcntl(fd, F_GETFL);
    FILE *f = fl >= 0 && fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == 0 ? fdopen(fd, "rb") : NULL;
    if (f == NULL) {
        fail(why, AU_FILE_CANNOT_OPEN, errno);
        close(fd);
    }
    return f; /* the descriptor is the stream's */
}

au_status au_read_file(const char *path, long max_bytes, char **buf, size_t *len,
                       au_file_error *why)
{
    au_file_error local;

    if (why == NULL)
        why = &local;
    *why = (au_file_error){AU_FILE_OK, 0, 0, max_bytes, 0};
    *buf = NULL;
    *len = 0;

    FILE *f = au_fopen_regular(path, why);
    if (f == NULL)
        return why->what == AU_FILE_NO_MEMORY ? AU_ENOMEM : AU_EIO;
    struct stat st = {.st_size = (off_t)why->size};
    if (st.st_size > max_bytes) {
        fclose(f);
        return fail(why, AU_FILE_TOO_LARGE, 0);
    }
    size_t cap = (size_t)st.st_size + 1;
    char *b = malloc(cap);
    if (b == NULL) {
        fclose(f);
        why->alloc = cap;
        return fail(why, AU_FILE_NO_MEMORY, 0);
    }
    size_t n = fread(b, 1, cap - 1, f);
    int failed = ferror(f);
    int err = errno;
    fclose(f);
    if (failed) {
        free(b);
        return fail(why, AU_FILE_READ_FAILED, err);
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return AU_OK;
}

void au_file_error_text(const au_file_error *why, const char *readable, const char *sized,
                        char *msg, size_t size)
{
    if (size == 0)
        return;
    switch (why->what) {
    case AU_FILE_OK:
        msg[0] = '\0';
        break;
    case AU_FILE_CANNOT_OPEN:
        snprintf(msg, size, "cannot open the file: %s (expected a readable %s)",
                 strerror(why->err), readable);
        break;
    case AU_FILE_IS_DIRECTORY:
    case AU_FILE_NOT_REGULAR:
        snprintf(msg, size, "cannot read the file: %s (expected a readable %s)",
                 why->what == AU_FILE_IS_DIRECTORY ? "it is a directory" : "not a regular file",
                 readable);
        break;
    case AU_FILE_TOO_LARGE:
        snprintf(msg, size, "the file is %lld bytes long (expected %s of at most %ld bytes)",
                 why->size, sized, why->max_bytes);
        break;
    case AU_FILE_NO_MEMORY:
        snprintf(msg, size, "out of memory reading the file (expected %zu bytes to be available)",
                 why->alloc);
        break;
    case AU_FILE_READ_FAILED:
        snprintf(msg, size, "cannot read the file: %s (expected a readable %s)",
                 strerror(why->err), readable);
        break;
    }
}
