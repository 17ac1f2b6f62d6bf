/* profile_read.c: the reader of user hourly profiles (profile_read.h),
 * the files that scenarios name in profile-file attributes.
 *
 * A profile is a text CSV file (RFC 4180 fields, au_csv_split_line: a field
 * may be quoted, but not across lines):
 *   - LF or CRLF line ends; a UTF-8 byte order mark is skipped; blank lines
 *     and lines whose first non-blank character is '#' are ignored;
 *   - an optional header line: the first other line, when its first field is
 *     not a number (for instance "hour,load_mw"); it is not checked further;
 *   - then exactly 8760 data rows, one per hour of the typical year in order,
 *     each either one value ("12.5") or the hour of the year and the value
 *     ("0,12.5"; hours 0 to 8759 in order); every row has as many fields as
 *     the first data row;
 *   - values are decimal numbers with a '.', finite and non-negative, in any
 *     unit (the profile is scaled to its annual quantity), and not all zero.
 *   A leap year's 8784 rows are refused with a message to drop 29 February:
 *   the model has no 29 February (MODEL.md §1).  The file is read whole, at
 *   most 16 MiB; every field is copied, bounded, before strtod reads it.
 *   Reading goes on after a bad row, so that one run lists up to 20 problems.
 * A file with ISO 8601 times in its first lines is a load curve instead
 * (an Enedis "courbe de charge", a CSV with a time column): profile_curve.c
 * reads it into the hours of the territory's standard time. */
#include "autonomy/profile_read.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile_curve.h"
#include "textfile.h"

/* ---- the user hourly profile ---- */

/* Largest profile file read: 8760 rows of "8759,123456.789012\r\n" are about
 * 200 kB; a generous margin for long numbers and comments. */
#define AU_PROFILE_MAX_BYTES (16L * 1024 * 1024)


/* Rows of the 29th of February in a leap year's file (0-based). */
#define FEB29_FIRST_ROW (59 * 24)

typedef au_reader rd;     /* the file being read and its problems (textfile.h) */




/* Reads the whole file into a NUL-terminated buffer (malloc'd; the caller
 * frees it). */
static au_status slurp(rd *r, char **buf, size_t *len)
{
    au_file_error why;
    au_status st = au_read_file(r->path, AU_PROFILE_MAX_BYTES, buf, len, &why);
    if (st != AU_OK) {
        char msg[512];
        au_file_error_text(&why, "hourly profile CSV", "an hourly profile", msg, sizeof msg);
        au_reader_problem(r, 0, "%s", msg);
    }
    return st;
}

/* Parses the file in buf into v[AU_HOURS]. */
static au_status parse(rd *r, const char *buf, size_t len, double *v)
{
    const char *nul = memchr(buf, '\0', len);
    if (nul != NULL) {
        long line = 1;
        for (const char *p = buf; p < nul; p++)
            line += *p == '\n';
        au_reader_problem(r, line, "line contains a NUL byte (expected text)");
        return AU_EINVAL;
    }
    au_lines it = {buf, buf + len, 0};
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        it.p += 3;

    au_span line, f[3];
    long nrows = 0;             /* data rows seen */
    long good = 0;              /* values read: once one is, the file is a profile */
    long first_line = 0;        /* line of the first data row */
    long extra_line = 0;        /* line of the first row beyond the year */
    size_t nfields = 0;         /* fields of the first data row: 1 or 2 */
    int seen_content = 0;       /* a non-comment line was seen */
    while (!r->stopped && au_next_line(&it, &line)) {
        long ln = it.line;
        au_span s = au_span_trim(line);
        if (s.n == 0 || s.s[0] == '#')
            continue;
        au_csv_record rec;
        size_t n = au_csv_split_line(s, f, 3, &rec);
        if (!seen_content) {
            seen_content = 1;
            double x;
            if (rec.err != AU_CSV_OK || au_span_to_double(f[0], &x) == 0)
                continue;                       /* the header line */
        }
        if (rec.err != AU_CSV_OK) {
            char msg[256];
            au_csv_error_text(&rec, "line", msg, sizeof msg);
            au_reader_problem(r, ln, "%s", msg);
            if (nrows == 0)
                return AU_EINVAL;               /* no first data row to go by */
            if (nrows == AU_HOURS)
                extra_line = ln;
            nrows++;
            continue;
        }
        long k = nrows++;
        if (k == 0) {
            first_line = ln;
            nfields = n;
            if (n != 1 && n != 2) {
                au_reader_problem(r, ln, "row has %zu fields (expected 1, the value, or 2, the "
                                  "hour and the value)", n);
                return AU_EINVAL;
            }
        }
        if (k >= AU_HOURS) {
            if (extra_line == 0)
                extra_line = ln;
            continue;                           /* counted, reported at the end */
        }
        if (n != nfields) {
            au_reader_problem(r, ln, "row has %zu field%s (expected %zu, as in the first data row "
                              "at line %ld)", n, n == 1 ? "" : "s", nfields, first_line);
            continue;
        }
        au_span val = au_span_trim(f[n - 1]);
        if (n == 2) {
            au_span t = au_span_trim(f[0]);
            long h;
            if (!au_span_to_long(t, &h)) {
                au_reader_problem(r, ln, "hour '%.*s' is not a whole number (expected the hour of "
                                  "the year, %ld here)", au_span_shown(t), t.s, k);
                continue;
            }
            if (h != k) {
                au_reader_problem(r, ln, "hour %ld is out of order (expected %ld: hours 0 to %d in "
                                  "order, one row each)", h, k, AU_HOURS - 1);
                continue;
            }
        }
        double x;
        int ok = au_span_to_double(val, &x);
        if (ok == 0 && good == 0) {
            /* no number yet: the file may be anything, so none of it is quoted */
            au_reader_problem(r, ln, "the value is not a number, and no row before it held one "
                              "(expected a profile: a non-negative decimal number such as "
                              "2.385 on each line)");
            return AU_EINVAL;
        } else if (ok == 0) {
            au_reader_problem(r, ln, "value '%.*s' is not a number (expected a non-negative "
                              "decimal number such as 2.385, with a '.')", au_span_shown(val),
                              val.s);
        } else if (ok < 0) {
            au_reader_problem(r, ln, "value '%.*s' is too large (expected a finite non-negative "
                              "number)", au_span_shown(val), val.s);
        } else if (x < 0.0) {
            au_reader_problem(r, ln, "value %g is negative (expected a non-negative number)", x);
        } else {
            v[k] = x + 0.0;                     /* -0 becomes +0 */
            good++;
        }
    }
    if (r->stopped)
        return AU_EINVAL;
    if (nrows > AU_HOURS) {
        if (nrows == AU_HOURS + 24)
            au_reader_problem(r, extra_line, "the file has %ld data rows, those of a leap year "
                              "(expected %d: drop 29 February, the 24 data rows %d to %d)", nrows,
                              AU_HOURS, FEB29_FIRST_ROW + 1, FEB29_FIRST_ROW + 24);
        else
            au_reader_problem(r, extra_line, "the file has %ld data rows, %ld too many; this is "
                              "row %d (expected %d, one per hour of the year)", nrows,
                              nrows - AU_HOURS, AU_HOURS + 1, AU_HOURS);
    } else if (nrows < AU_HOURS) {
        au_reader_problem(r, it.line > 0 ? it.line : 1, "the file ends after %ld data rows "
                          "(expected %d, one per hour of the year)", nrows, AU_HOURS);
    }
    if (r->nerr > 0)
        return AU_EINVAL;
    for (long k = 0; k < AU_HOURS; k++)
        if (v[k] != 0.0)
            return AU_OK;
    au_reader_problem(r, 0, "the profile is zero in every hour (expected some demand)");
    return AU_EINVAL;
}

au_status au_profile_csv_read(const char *path, double *out, au_diags *d)
{
    char note[8];
    return au_profile_csv_read_at(path, 0.0, out, note, sizeof note, d);
}

au_status au_profile_csv_read_at(const char *path, double utc_offset_h, double *out, char *note,
                                 size_t note_n, au_diags *d)
{
    au_diags local;
    rd r = {path, d, 0, 0};
    au_status st;

    if (d == NULL) {
        au_diags_init(&local);
        r.d = &local;
    }
    if (path == NULL || out == NULL) {
        au_reader_problem(&r, 0, "no file or no output was given (expected a path and an array of "
                          "%d values)", AU_HOURS);
        st = AU_EINVAL;
    } else {
        char *buf = NULL;
        size_t len = 0;
        double *v = malloc(AU_HOURS * sizeof *v);
        if (v == NULL) {
            au_reader_problem(&r, 0, "out of memory reading the file (expected %zu bytes to be "
                              "available)", AU_HOURS * sizeof *v);
            st = AU_ENOMEM;
        } else {
            st = slurp(&r, &buf, &len);
            if (note_n > 0)
                note[0] = '\0';
            if (st == AU_OK && au_curve_detect(buf, len))
                st = au_curve_parse(&r, buf, len, utc_offset_h, v, note, note_n);
            else if (st == AU_OK)
                st = parse(&r, buf, len, v);
            if (st == AU_OK)
                memcpy(out, v, AU_HOURS * sizeof *v);
        }
        free(v);
        free(buf);
    }
    if (d == NULL)
        au_diags_clear(&local);
    return st;
}
