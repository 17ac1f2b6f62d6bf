/* profile_curve.c: timestamped load curves as hourly profiles
 * (profile_curve.h).
 *
 * What a planner downloads from a distribution operator, or keeps from a
 * meter: one row per step, a timestamp and a value.  The forms read:
 *   - an Enedis load curve ("courbe de charge", the customer export and the
 *     SGE/data-hub files): ';'-separated, a preamble ("Identifiant PRM;Type
 *     de donnees;...;Unite;Pas en minutes" and its values), the column line
 *     "Horodate;Valeur", rows "2022-01-01T00:30:00+01:00;1234" whose stamp is
 *     the END of the step (Enedis: "horodate fin de pas"), values in W (mean
 *     power over the step), empty where the meter sent nothing, steps of 10,
 *     30 or 60 minutes that may change within the file, rows not always in
 *     order, offsets +01:00 in winter and +02:00 in summer;
 *   - a plain CSV (',' or ';') with a column line naming a time column
 *     (time, date, datetime, timestamp: the START of the step) and a value
 *     column, ISO 8601 times with or without their offset.
 * Decimal commas are read in ';'-separated files.  A time without offset is
 * in the territory's standard time (the model's, MODEL.md §1).
 *
 * What is done with it (and said in the note the loader keeps): each row's
 * interval is its stamp and the step to the row before (or after, for a
 * first row or after a gap); the values become energy per step (power ×
 * step, or the energy as given), summed into the hours of the territory's
 * standard time; an hour only partly measured is scaled to the whole hour;
 * hours are placed by month, day and hour of day, so that a year that does
 * not start on 1 January (the last 12 months of a meter) fills the year, and
 * 29 February is dropped; runs of at most CURVE_MAX_FILL missing hours are
 * filled by straight lines between the hours either side.  Refused with
 * FILE:LINE: a time that is not ISO 8601, a value that is not a number or
 * is negative, a time given twice, a step that does not divide the hour, two
 * rows that fall on the same hour of the year (more than a year), a longer
 * gap, less than a year. */
#include "profile_curve.h"

#include "autonomy/calendar.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The longest run of hours without data that is filled: a meter's or a
 * link's outage of a few hours; a longer one would put an invented day into
 * the shape. */
#define CURVE_MAX_FILL 3

#define CURVE_MAX_FIELDS 64

typedef struct {
    long t;         /* the stamp, minutes since 1970-01-01 00:00 UTC */
    double v;       /* NAN: no value */
    long line;
} rec;

static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/* Hour of the 365-day year of (m, d, h); m, d valid and not 29 February. */
static long slot_of(long m, long d, long h)
{
    long day = d - 1;
    for (long i = 0; i < m - 1; i++)
        day += mdays[i];
    return day * 24 + h;
}

/* An ISO 8601 time "YYYY-MM-DD[T ]HH:MM[:SS][Z|±HH:MM]": 1 with the
 * minutes since the epoch in its own clock and *off (minutes east of UTC,
 * or LONG_MIN when it has none); 0 if s is not one. */
#define NO_OFFSET (-100000L)
static int iso_minutes(au_span s, long *t, long *off)
{
    char b[40];
    if (s.n < 16 || s.n >= sizeof b)
        return 0;
    memcpy(b, s.s, s.n);
    b[s.n] = '\0';
    long y, mo, d, h, mi;
    int n = 0, sec = 0;
    if (sscanf(b, "%4ld-%2ld-%2ld%*1[T ]%2ld:%2ld%n", &y, &mo, &d, &h, &mi, &n) != 5 ||
        b[4] != '-' || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || h < 0 || mi < 0)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[mo - 1] + (mo == 2 && leap))
        return 0;
    const char *p = b + n;
    if (*p == ':') {
        int k = 0;
        if (sscanf(p, ":%2d%n", &sec, &k) != 1 || sec != 0)
            return 0;
        p += k;
    }
    *off = NO_OFFSET;
    if (*p == 'Z') {
        *off = 0;
        p++;
    } else if (*p == '+' || *p == '-') {
        int oh, om, k = 0;
        if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &k) != 2 || oh > 14 || om > 59)
            return 0;
        *off = (*p == '-' ? -1 : 1) * (oh * 60L + om);
        p += 1 + k;
    }
    if (*p != '\0')
        return 0;
    *t = (au_days_from_civil(y, mo, d) * 24 + h) * 60 + mi;
    return 1;
}

/* Splits a line on sep (no quoting: the files read here have none). */
static size_t split(au_span line, char sep, au_span *f, size_t max)
{
    size_t n = 0;
    const char *p = line.s, *end = line.s + line.n;
    for (;;) {
        const char *c = memchr(p, sep, (size_t)(end - p));
        if (n < max)
            f[n] = au_span_trim((au_span){p, (size_t)((c ? c : end) - p)});
        n++;
        if (c == NULL)
            return n;
        p = c + 1;
    }
}

/* The separator of a line: ';' when it has one, else ','. */
static char sep_of(au_span s)
{
    return memchr(s.s, ';', s.n) != NULL ? ';' : ',';
}

/* Whether a column name (any case) starts with one of the words. */
static int named(au_span f, const char *const *words)
{
    for (; *words != NULL; words++) {
        size_t k = strlen(*words);
        if (f.n >= k && strncasecmp(f.s, *words, k) == 0)
            return 1;
    }
    return 0;
}

/* A number, with a decimal comma allowed when comma: 1 and *v, or 0. */
static int number(au_span f, int comma, double *v)
{
    char b[64];
    if (f.n == 0 || f.n >= sizeof b)
        return 0;
    memcpy(b, f.s, f.n);
    b[f.n] = '\0';
    if (comma)
        for (char *c = b; *c; c++)
            if (*c == ',')
                *c = '.';
    char *end;
    *v = strtod(b, &end);
    return *end == '\0' && isfinite(*v);
}

/* The unit of the values from a text (a column name, a preamble field):
 * 'P' power (W, kW, MW), 'E' energy (Wh, kWh, MWh), 0 unknown. */
static int unit_kind(au_span s)
{
    static const char *const energy[] = {"(Wh)", "(kWh)", "(MWh)", "Wh", "kWh", "MWh", NULL};
    static const char *const power[] = {"(W)", "(kW)", "(MW)", "W", "kW", "MW", NULL};
    for (int i = 0; energy[i] != NULL; i++)
        if ((i < 3 && au_span_find(s, energy[i]) >= 0) || (i >= 3 && au_span_eq(s, energy[i])))
            return 'E';
    for (int i = 0; power[i] != NULL; i++)
        if ((i < 3 && au_span_find(s, power[i]) >= 0) || (i >= 3 && au_span_eq(s, power[i])))
            return 'P';
    return 0;
}

static void when_text(long t, char *b, size_t n)
{
    long y, m, d, day = t >= 0 ? t / 1440 : -((-t + 1439) / 1440), mins = t - day * 1440;
    au_civil_from_days(day, &y, &m, &d);
    snprintf(b, n, "%04d-%02d-%02d %02d:%02d", (int)y, (int)m, (int)d, (int)(mins / 60),
             (int)(mins % 60));
}

static int cmp_rec(const void *a, const void *b)
{
    const rec *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

int au_curve_detect(const char *buf, size_t len)
{
    au_lines it = {buf, buf + len, 0};
    au_span line, f[CURVE_MAX_FIELDS];
    long t, off;
    while (it.line < 60 && au_next_line(&it, &line)) {
        au_span s = au_span_trim(line);
        if (s.n == 0 || s.s[0] == '#')
            continue;
        size_t n = split(s, sep_of(s), f, CURVE_MAX_FIELDS);
        for (size_t i = 0; i < n && i < CURVE_MAX_FIELDS; i++)
            if (iso_minutes(f[i], &t, &off))
                return 1;
    }
    return 0;
}

/* The rows, parsed: *recs (malloc'd, *n of them), the columns and the
 * unit found.  Returns AU_OK or AU_EINVAL/AU_ENOMEM with problems told. */
typedef struct {
    rec *r;
    size_t n, cap;
    int end_stamps;     /* 1: stamps end their step (Enedis's Horodate) */
    int kind;           /* 'P' power, 'E' energy */
    int kind_known;
    char sep;
    long with_offset, without_offset;
} rows;

static au_status read_rows(au_reader *r, const char *buf, size_t len, double utc_offset_h,
                           rows *out)
{
    static const char *const time_names[] = {"horodate", "time", "date", "timestamp", NULL};
    static const char *const value_names[] = {"valeur", "value", NULL};
    au_lines it = {buf, buf + len, 0};
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        it.p += 3;
    au_span line, f[CURVE_MAX_FIELDS], head[CURVE_MAX_FIELDS];
    size_t nhead = 0;
    long head_line = 0, t_col = -1, v_col = -1, unit_col = -1, own_off = lround(utc_offset_h * 60);
    int in_data = 0;
    while (!r->stopped && au_next_line(&it, &line)) {
        long ln = it.line;
        au_span s = au_span_trim(line);
        if (s.n == 0 || s.s[0] == '#')
            continue;
        long t, off;
        if (!in_data) {
            char sep = sep_of(s);
            size_t n = split(s, sep, f, CURVE_MAX_FIELDS);
            if (n > CURVE_MAX_FIELDS)
                n = CURVE_MAX_FIELDS;
            long tc = -1;
            for (size_t i = 0; i < n && tc < 0; i++)
                if (iso_minutes(f[i], &t, &off))
                    tc = (long)i;
            if (tc < 0) {
                /* a preamble line, or the column line: the last before the data */
                if (unit_col >= 0 && (size_t)unit_col < n && unit_kind(f[unit_col])) {
                    out->kind = unit_kind(f[unit_col]);
                    out->kind_known = 1;
                }
                unit_col = -1;
                for (size_t i = 0; i < n; i++)
                    if (au_span_eq(f[i], "Unite") || au_span_eq(f[i], "Unit\xC3\xA9") ||
                        au_span_eq(f[i], "unit"))
                        unit_col = (long)i;
                memcpy(head, f, n * sizeof *f);
                nhead = n, head_line = ln;
                out->sep = sep;
                continue;
            }
            /* the first data row: its columns */
            in_data = 1;
            out->sep = sep;
            t_col = tc;
            if (head_line == 0 || nhead != n || !named(head[tc], time_names)) {
                au_reader_problem(r, ln, "the row of the first time has no column line above it "
                                  "naming its columns (expected a line such as 'Horodate;Valeur' "
                                  "or 'time,load_kw' before the data)");
                return AU_EINVAL;
            }
            out->end_stamps = named(head[tc], (const char *const[]){"horodate", NULL});
            for (size_t i = 0; i < n && v_col < 0; i++)
                if ((long)i != tc && named(head[i], value_names))
                    v_col = (long)i;
            for (size_t i = 0; i < n && v_col < 0; i++)
                if ((long)i != tc && unit_kind(head[i]))
                    v_col = (long)i;
            if (v_col < 0 && n == 2)
                v_col = 1 - tc;
            if (v_col < 0) {
                au_reader_problem(r, head_line, "no column of values among the %zu columns "
                                  "(expected one named 'Valeur' or 'value', one whose name "
                                  "gives its unit such as 'load (kW)', or a file of two columns)",
                                  n);
                return AU_EINVAL;
            }
            if (unit_kind(head[v_col])) {
                out->kind = unit_kind(head[v_col]);
                out->kind_known = 1;
            }
        }
        size_t n = split(s, out->sep, f, CURVE_MAX_FIELDS);
        if (n != nhead) {
            au_reader_problem(r, ln, "row has %zu field%s (expected %zu, as in the column line "
                              "%ld)", n, n == 1 ? "" : "s", nhead, head_line);
            continue;
        }
        if (!iso_minutes(f[t_col], &t, &off)) {
            au_reader_problem(r, ln, "time '%.*s' is not ISO 8601 (expected, e.g., "
                              "2022-01-01T00:30:00+01:00, or 2022-01-01 00:30 in the territory's "
                              "standard time)", au_span_shown(f[t_col]), f[t_col].s);
            continue;
        }
        if (off == NO_OFFSET) {
            out->without_offset++;
            off = own_off;
        } else {
            out->with_offset++;
        }
        double v = NAN;
        if (f[v_col].n > 0 && !number(f[v_col], out->sep == ';', &v)) {
            au_reader_problem(r, ln, "value '%.*s' is not a number (expected a decimal number, "
                              "or nothing for a step without data)", au_span_shown(f[v_col]),
                              f[v_col].s);
            continue;
        }
        if (v < 0) {
            au_reader_problem(r, ln, "value %g is negative (expected a consumption, 0 or more)",
                              v);
            continue;
        }
        if (out->n == out->cap) {
            size_t cap = out->cap ? 2 * out->cap : 20000;
            rec *p = realloc(out->r, cap * sizeof *p);
            if (p == NULL) {
                au_reader_problem(r, ln, "out of memory (expected fewer rows)");
                return AU_ENOMEM;
            }
            out->r = p, out->cap = cap;
        }
        out->r[out->n++] = (rec){t - off, v, ln};
    }
    if (r->nerr > 0)
        return AU_EINVAL;
    if (out->n == 0) {
        au_reader_problem(r, it.line > 0 ? it.line : 1, "no rows with a time (expected a load "
                          "curve: a column line, then a time and a value on each row)");
        return AU_EINVAL;
    }
    if (!out->kind_known)
        out->kind = 'P';
    return AU_OK;
}

static int valid_step(long d)
{
    return d > 0 && d <= 60 && 60 % d == 0;
}

au_status au_curve_parse(au_reader *r, const char *buf, size_t len, double utc_offset_h,
                         double *v, char *note, size_t note_n)
{
    rows R = {0};
    au_status st = read_rows(r, buf, len, utc_offset_h, &R);
    if (st != AU_OK) {
        free(R.r);
        return st;
    }
    qsort(R.r, R.n, sizeof *R.r, cmp_rec);
    long own_off = lround(utc_offset_h * 60);
    /* the hours of standard time the rows fall in, from the first */
    long first = 0, last = 0, steps[61] = {0};
    double *energy = NULL, *covered = NULL;
    long *line_of = NULL;
    size_t nh = 0;
    for (size_t i = 0; i < R.n && r->nerr == 0; i++) {
        rec *x = &R.r[i];
        if (i > 0 && x->t == R.r[i - 1].t) {
            char w[64];
            when_text(x->t + own_off, w, sizeof w);
            au_reader_problem(r, x->line, "time %s (standard time UTC%+g) is given twice, first at "
                              "line %ld (expected each step once)", w, utc_offset_h,
                              R.r[i - 1].line);
            break;
        }
        long dp = i > 0 ? x->t - R.r[i - 1].t : 0, dn = i + 1 < R.n ? R.r[i + 1].t - x->t : 0;
        long step = valid_step(dp) ? dp : valid_step(dn) ? dn : 60;
        if (!valid_step(dp) && !valid_step(dn) && R.n > 1) {
            au_reader_problem(r, x->line, "the rows around this one are %ld and %ld minutes away "
                              "(expected steps of 1 to 60 minutes that divide the hour, such as "
                              "10, 30 or 60)", dp, dn);
            break;
        }
        long start = (R.end_stamps ? x->t - step : x->t) + own_off; /* standard time */
        if ((start % 60 + 60) % 60 + step > 60) {
            char w[64];
            when_text(start, w, sizeof w);
            au_reader_problem(r, x->line, "the step of %ld minutes from %s crosses the hour "
                              "(expected steps aligned on the hour)", step, w);
            break;
        }
        long hour = (start - ((start % 60 + 60) % 60)) / 60;
        if (nh == 0) {
            /* at most a year and a day of hours after the first */
            nh = 8784 + 48;
            first = hour, last = hour;
            energy = calloc(nh, sizeof *energy);
            covered = calloc(nh, sizeof *covered);
            line_of = calloc(nh, sizeof *line_of);
            if (energy == NULL || covered == NULL || line_of == NULL) {
                au_reader_problem(r, x->line, "out of memory");
                break;
            }
        }
        if (hour - first >= (long)nh) {
            char a[64], b[64];
            when_text(first * 60, a, sizeof a);
            when_text(start, b, sizeof b);
            au_reader_problem(r, x->line, "the data run from %s to %s, more than a year (expected "
                              "one year of data: keep the 12 months to use)", a, b);
            break;
        }
        last = hour;
        steps[step]++;
        if (isnan(x->v))
            continue;
        size_t k = (size_t)(hour - first);
        energy[k] += R.kind == 'P' ? x->v * (double)step / 60.0 : x->v;
        covered[k] += (double)step;
        line_of[k] = x->line; /* the hour's last row */
    }
    /* the hours placed by month, day and hour of day */
    double *slot = NULL;
    long *slot_line = NULL, *slot_hour = NULL, feb29 = 0, partial = 0, placed = 0;
    if (r->nerr == 0) {
        slot = malloc(AU_HOURS * sizeof *slot);
        slot_line = calloc(AU_HOURS, sizeof *slot_line);
        slot_hour = calloc(AU_HOURS, sizeof *slot_hour);
        if (slot == NULL || slot_line == NULL || slot_hour == NULL)
            au_reader_problem(r, 0, "out of memory");
    }
    for (long k = 0; r->nerr == 0 && k <= last - first; k++) {
        if (covered[k] <= 0)
            continue;
        long hour = first + k, y, m, d, day = hour / 24;
        au_civil_from_days(day, &y, &m, &d);
        if (m == 2 && d == 29) {
            feb29++;
            continue;
        }
        long s = slot_of(m, d, hour - day * 24);
        if (slot_line[s] != 0) {
            char a[64], b[64];
            when_text(slot_hour[s] * 60, a, sizeof a);
            when_text(hour * 60, b, sizeof b);
            au_reader_problem(r, line_of[k], "the hour %s falls on the same hour of the year as %s "
                              "(line %ld): the data cover more than a year (expected one year, "
                              "or 12 consecutive months)", b, a, slot_line[s]);
            break;
        }
        partial += covered[k] < 60.0;
        slot[s] = energy[k] * 60.0 / covered[k];
        slot_line[s] = line_of[k];
        slot_hour[s] = hour;
        placed++;
    }
    /* the hours without data: short runs filled, long ones refused */
    long filled = 0, runs = 0;
    if (r->nerr == 0 && last - first + 1 < AU_HOURS - CURVE_MAX_FILL) {
        char a[64], b[64];
        when_text(first * 60, a, sizeof a);
        when_text((last + 1) * 60, b, sizeof b);
        au_reader_problem(r, 0, "the data give %ld of the %d hours of the year, from %s to %s "
                          "(standard time UTC%+g; expected a whole year: 12 consecutive months)",
                          placed, AU_HOURS, a, b, utc_offset_h);
    }
    for (long s = 0; r->nerr == 0 && s < AU_HOURS; s++) {
        if (slot_line[s] != 0 || slot_line[(s + AU_HOURS - 1) % AU_HOURS] == 0)
            continue;
        /* a run of missing hours starts at s, after the set hour s - 1 */
        long e = s, n = 0;
        while (slot_line[e % AU_HOURS] == 0 && n <= CURVE_MAX_FILL)
            e++, n++;
        if (n > CURVE_MAX_FILL) {
            long mo = 0, dd = s / 24;
            while (dd >= mdays[mo])
                dd -= mdays[mo++];
            au_reader_problem(r, slot_line[(s + AU_HOURS - 1) % AU_HOURS], "no data for more "
                              "than %d hours after this row, from %ld/%02ld %02ld:00 (day/month, "
                              "standard time; expected gaps of at most %d hours, which are "
                              "filled by straight lines)", CURVE_MAX_FILL, dd + 1, mo + 1, s % 24,
                              CURVE_MAX_FILL);
            break;
        }
        double a = slot[(s + AU_HOURS - 1) % AU_HOURS], b = slot[e % AU_HOURS];
        for (long j = 0; j < n; j++)
            slot[(s + j) % AU_HOURS] = a + (b - a) * (double)(j + 1) / (double)(n + 1);
        filled += n, runs++;
    }
    if (r->nerr == 0) {
        memcpy(v, slot, AU_HOURS * sizeof *v);
        long main_step = 60;
        for (long s = 1; s <= 60; s++)
            if (steps[s] > steps[main_step])
                main_step = s;
        int several = 0;
        for (long s = 1; s <= 60; s++)
            several += steps[s] > 0;
        char a[64], b[64];
        long fy, fm, fd;
        au_civil_from_days(first / 24, &fy, &fm, &fd);
        int folded = !(fm == 1 && fd == 1 && first % 24 == 0);
        when_text(first * 60, a, sizeof a);
        when_text((last + 1) * 60, b, sizeof b);
        snprintf(note, note_n,
                 "%zu rows of %ld-minute steps%s (%s, stamps at the %s of each step%s) from %s "
                 "to %s, standard time UTC%+g, summed into the %d hours of the year by month, "
                 "day and hour%s%s; %ld partly measured hour%s scaled to the hour; %ld missing "
                 "hour%s in %ld gap%s filled by straight lines",
                 R.n, main_step, several > 1 ? " and others" : "",
                 R.kind == 'P' ? (R.kind_known ? "mean power" : "taken as mean power")
                               : "energy per step",
                 R.end_stamps ? "end" : "start",
                 R.with_offset && R.without_offset ? ", some with their UTC offset"
                 : R.with_offset                   ? ", with their UTC offset"
                                                   : ", in standard time",
                 a, b, utc_offset_h, AU_HOURS, feb29 ? "; 29 February dropped" : "",
                 folded ? " (the year folded from its first month)" : "",
                 partial, partial == 1 ? "" : "s", filled, filled == 1 ? "" : "s", runs,
                 runs == 1 ? "" : "s");
    }
    free(slot), free(slot_line), free(slot_hour);
    free(energy), free(covered), free(line_of);
    free(R.r);
    return r->nerr > 0 ? AU_EINVAL : AU_OK;
}
