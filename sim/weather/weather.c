/* weather.c: reading weather files into one year of hours (weather.h).
 *
 * Each reader turns one file format into the 8760 local-standard-time hours
 * of an au_weather.  It reads the whole file into one buffer, walks it line by
 * line, checks every value it uses at the door, places each row by its month,
 * day and hour in the file's own time zone (never by its year: typical years
 * mix years), drops the 29th of February, and at the end rotates the year by
 * whole hours to the zone asked for, the last hours of 31 December wrapping
 * to the start of 1 January.  Problems go to an au_diags list with the file
 * and the 1-based line, as "what is wrong (what was expected)"; reading goes
 * on after a bad row, so that one run lists up to AU_READER_MAX_ERRORS problems.
 *
 * The plain hourly CSV (AU_WFMT_CSV) is defined here:
 *   - text, comma-separated (RFC 4180 fields, au_csv_split_line: a field may
 *     be quoted, but not across lines), LF or CRLF line ends; blank lines and lines
 *     starting with '#' are ignored, except that a comment "# KEY: VALUE"
 *     (or "# KEY = VALUE") with one of these keys sets, once per file:
 *         utc_offset_h       time zone of the file's hours (default 0: UTC)
 *         irradiance_time_h  where in its hour an irradiance value belongs,
 *                            hours after the start, 0 <= t <= 1 (default
 *                            0.5: hour means; 1, the hour's end, is what
 *                            `autonomy weather --csv` writes for the Uccle
 *                            TMYx, whose components close there)
 *         latitude_deg, longitude_deg (east positive), elevation_m
 *                            (default NAN: unknown)
 *   - the first other line names the columns.  Required: ghi_w_m2, temp_c,
 *     wind10_m_s.  Optional: dni_w_m2 and dhi_w_m2, both or neither (without
 *     them has_beam = 0 and DNI and DHI are NAN).  Optional placement: hour
 *     (hour of the year 0..8759, hour 0 = 1 January 00:00-01:00), or all
 *     three of month (1..12), day and hour_of_day (0..23, the hour starting
 *     at that time); given both ways they must agree; given neither, the rows
 *     are the hours in order.  Other columns are ignored, not even parsed,
 *     but every row has as many fields as the column line.
 *   - then 8760 data rows, one per hour of the file's zone, each value the
 *     mean over its hour, in the ranges of the other formats; a 29 February
 *     row (month/day placement) is dropped.
 *   With utc_offset_h = NAN the arrays keep the file's zone: the one its
 *   "# utc_offset_h:" line declares, UTC without one.  This reads back the CSV
 *   of `autonomy weather --csv` (hour,month,day,hour_of_day,ghi_w_m2,
 *   dni_w_m2,dhi_w_m2,temp_c,wind10_m_s,sun_zenith_deg,sun_azimuth_deg,pv_...);
 *   the round trip is exact when that writer states its zone (and, for
 *   completeness, irradiance_time_h and the site) in such comment lines.
 *
 * PVGIS "Irradiance Time Offset (h)".  PVGIS 5.3 TMY files (the line appeared
 * in December 2024) stamp each hour with its start, HH:00 UTC, but the
 * irradiance values do not all belong to the middle of that hour: they
 * correspond to the instant stamp + offset, the offset depending on the
 * radiation database (0.5 h for ERA5 hourly means; a latitude-dependent
 * fraction of an hour for the satellite-based SARAH data, each hourly value of
 * which is computed from one satellite image).  Sources: SunSolve, "Using
 * PVGIS weather data" (docs.sunsolve.com/en/yield/applications/
 * pvgis-weather-data: "timestamps are written as HH:00, but the irradiance
 * values may correspond to a different time within the hour ... effective
 * time = timestamp + irradiance_time_offset", ERA5 0.5 h); JRC, "PVGIS-SARAH
 * solar radiation data" ("the hourly values are directly calculated from one
 * individual satellite image").  pvlib's read_pvgis_tmy
 * (pvlib/iotools/pvgis.py, _parse_pvgis_tmy_csv, after pvlib issue #2344)
 * stores the value as metadata, inputs['irradiance time offset'], and leaves
 * the rows at their start-of-hour UTC stamps: it shifts no data and leaves the
 * use of the offset (the solar position) to the caller.  We do the same: the
 * values stay in their hour and irradiance_time_h records the offset for the
 * solar geometry.  PVGIS's EPW export states the same instant relative to its
 * hour-ending stamp (-0.8239 there for 0.1761 in the CSV of the same year), so
 * there irradiance_time_h = offset + 1.  A PVGIS file without the line (older
 * versions) gets 0.5, the hour-mean convention.
 *
 * Numbers are read with strtod on a bounded copy of each field, so a field
 * can never be read past its end; the C locale's '.' is assumed. */
#include "autonomy/weather.h"

#include "autonomy/calendar.h"
#include "autonomy/solar.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textfile.h"

/* Largest weather file read: a 15-minute EPW of a year is about 7 MB. */
#define AU_WEATHER_MAX_BYTES (64L * 1024 * 1024)


/* Most fields looked at in one line; more are counted, not stored. */
#define MAX_FIELDS 256

#define EPW_FIELDS 35

/* ---- the reading context ---- */

typedef au_reader rd;     /* the file being read and its problems (textfile.h) */

/* ---- lines and fields (spans point into the file buffer; textfile.h) ---- */







/* Exactly s.n decimal digits, nothing else. */
static int to_digits(au_span s, long *v)
{
    long x = 0;
    if (s.n == 0)
        return 0;
    for (size_t i = 0; i < s.n; i++) {
        if (s.s[i] < '0' || s.s[i] > '9')
            return 0;
        x = 10 * x + (s.s[i] - '0');
    }
    *v = x;
    return 1;
}

/* ---- the calendar of a 365-day year ---- */

static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
static const int month_start[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
static const char *const month_name[12] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December"};

static int is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Hour of the year of month m (1..12), day d, hour starting at h (0..23). */
static long slot_of(long m, long d, long h)
{
    return ((long)month_start[m - 1] + d - 1) * 24 + h;
}

int au_month_of_day(long day)
{
    int m = 11;
    while (m > 0 && month_start[m] > day)
        m--;
    return m;
}

void au_weather_morph(au_weather *w, const au_morph *m)
{
    double mean[12] = {0};
    for (int h = 0; h < AU_HOURS; h++)
        mean[au_month_of_day(h / 24)] += w->temp_c[h];
    for (int k = 0; k < 12; k++)
        mean[k] /= 24.0 * month_days[k];
    for (int h = 0; h < AU_HOURS; h++) {
        int k = au_month_of_day(h / 24);
        double g = 1 + m->irradiance[k], u = 1 + m->wind[k];
        w->temp_c[h] += m->dt_k[k] + m->stretch[k] * (w->temp_c[h] - mean[k]);
        w->ghi_w_m2[h] *= g;
        w->dni_w_m2[h] *= g;
        w->dhi_w_m2[h] *= g;
        w->wind10_m_s[h] *= u > 0 ? u : 0.0;
    }
}

/* "4 January 19:00-20:00" for hour 91. */
static const char *slot_text(long k, char *buf, size_t n)
{
    long day = k / 24, h = k % 24;
    int m = au_month_of_day(day);
    snprintf(buf, n, "%ld %s %02ld:00-%02ld:00", day - month_start[m] + 1, month_name[m], h,
             h + 1);
    return buf;
}

/* Checks month and day; year < 0 when the file gives none (29 February is
 * then allowed).  Returns 1 if the date exists. */
static int check_date(rd *r, long line, long year, long m, long d)
{
    if (m < 1 || m > 12) {
        au_reader_problem(r, line, "month %ld does not exist (expected 1 to 12)", m);
        return 0;
    }
    long dim = month_days[m - 1] + (m == 2 && (year < 0 || is_leap(year)));
    if (d < 1 || d > dim) {
        if (year >= 0)
            au_reader_problem(r, line, "day %ld of %s %ld does not exist (expected 1 to %ld)", d,
                              month_name[m - 1], year, dim);
        else
            au_reader_problem(r, line, "day %ld of %s does not exist (expected 1 to %ld)", d,
                              month_name[m - 1], dim);
        return 0;
    }
    return 1;
}

/* ---- values ---- */

enum { Q_GHI, Q_DNI, Q_DHI, Q_TEMP, Q_WIND, Q_N };

static const struct {
    const char *name, *unit;
    double lo, hi;
    double epw_missing;     /* EPW's missing-value code */
    int irradiance;         /* tiny negative values read as 0 */
} qty[Q_N] = {
    {"GHI", "W/m2", 0.0, 1500.0, 9999.0, 1},
    {"DNI", "W/m2", 0.0, 1500.0, 9999.0, 1},
    {"DHI", "W/m2", 0.0, 1000.0, 9999.0, 1},
    {"temperature", "degC", -70.0, 60.0, 99.9, 0},
    {"wind speed", "m/s", 0.0, 75.0, 999.0, 0},
};

/* Reads quantity q from field f (column col, 1-based); epw: name its
 * missing-value codes.  Returns 1 and stores the value if it is valid. */
static int get_value(rd *r, long line, au_span f, int q, size_t col, int epw, double *out)
{
    double v;
    f = au_span_trim(f);
    if (au_span_to_double(f, &v) != 1) {
        au_reader_problem(r, line, "%s '%.*s' in column %zu is not a number (expected a decimal "
                          "number of %s)", qty[q].name, au_span_shown(f), f.s, col, qty[q].unit);
        return 0;
    }
    if (epw && v == qty[q].epw_missing) {
        au_reader_problem(r, line, "%s in column %zu is %.*s, the EPW missing-value code (expected "
                          "a measured value from %g to %g %s)", qty[q].name, col, au_span_shown(f),
                          f.s, qty[q].lo, qty[q].hi, qty[q].unit);
        return 0;
    }
    if (qty[q].irradiance && v <= 0.0 && v > -1.0)
        v = 0.0;                /* "-0.0" and rounding noise */
    if (v < qty[q].lo || v > qty[q].hi) {
        au_reader_problem(r, line, "%s %.*s %s in column %zu is out of range (expected %g to %g %s)"
                          , qty[q].name, au_span_shown(f), f.s, qty[q].unit, col, qty[q].lo,
                          qty[q].hi, qty[q].unit);
        return 0;
    }
    *out = v;
    return 1;
}

/* ---- placing rows in the year ---- */

typedef struct {
    au_weather *w;
    int *line_of;       /* per hour of the file's zone: the line that gave it, 0 if none
                           (AU_HOURS entries, owned by parse()) */
    long rows;          /* hours placed */
} placer;

static void place(rd *r, placer *pl, long line, long k, const double v[Q_N])
{
    char when[64];
    if (pl->line_of[k] != 0) {
        au_reader_problem(r, line, "%s is repeated, first at line %d (expected each hour once)",
                          slot_text(k, when, sizeof when), pl->line_of[k]);
        return;
    }
    pl->line_of[k] = (int)line;
    pl->w->ghi_w_m2[k] = v[Q_GHI];
    pl->w->dni_w_m2[k] = v[Q_DNI];
    pl->w->dhi_w_m2[k] = v[Q_DHI];
    pl->w->temp_c[k] = v[Q_TEMP];
    pl->w->wind10_m_s[k] = v[Q_WIND];
    pl->rows++;
}

/* After the last row: every hour present?  end_line is where the data end. */
static void check_complete(rd *r, const placer *pl, long end_line)
{
    char when[64];
    if (r->nerr > 0 || pl->rows == AU_HOURS)
        return;
    if (pl->rows == 0) {
        au_reader_problem(r, end_line, "no data rows (expected %d hourly rows)", AU_HOURS);
        return;
    }
    long k = 0, next = -1;
    while (pl->line_of[k] != 0)
        k++;
    for (long i = k + 1; i < AU_HOURS && next < 0; i++)
        if (pl->line_of[i] != 0)
            next = i;
    if (next < 0)
        au_reader_problem(r, end_line, "data end after %ld rows, at %s (expected %d hourly rows, "
                          "to 31 December 23:00-24:00)", pl->rows, slot_text(k - 1, when,
                          sizeof when), AU_HOURS);
    else
        au_reader_problem(r, pl->line_of[next], "no row for %s before this one (expected one row "
                          "for each hour of the year)", slot_text(k, when, sizeof when));
}

/* ---- the components against each other and against the sun ----
 *
 * MODEL.md §2: components that contradict each other are an input error.
 * Read as they come, an EPW with DHI 900 W/m² under a GHI of 10 gave
 * 5,775 kWh/kWp of PV, and a file whose unknown components were written as
 * 0 gave the ground's reflection alone.  So every hour of a complete file is
 * held to these limits, in this order (one problem said per hour):
 *
 *   1. the diffuse is part of the global:
 *          DHI <= 1.05 GHI + 5 W/m²  with the sun above 15° all the hour,
 *          DHI <= 1.10 GHI + 5 W/m²  otherwise, or where the place is unknown;
 *      1.05 and 1.10 are BSRN's comparison limits for the diffuse ratio of
 *      measured data (Long & Shi 2008, "An automated quality assessment and
 *      control algorithm for surface radiation measurements", The Open
 *      Atmospheric Science Journal 2, 23-37: DIF/GSW < 1.05 for a zenith
 *      below 75°, < 1.10 from 75° to 93°); 5 W/m² covers values rounded to
 *      the whole W/m² (EPW) and the pyranometers' offsets at dusk.
 *   2. the beam on the horizontal is part of the global:
 *          DNI cos z <= 1.08 GHI + 10 W/m²,
 *      with the sun at its lowest in the hour, since a file's values may
 *      belong anywhere in their hour (EPW says the middle; the Uccle TMYx
 *      closes at its end); 8 % is BSRN's closure limit for the sum of the
 *      components against the global (ibid., zenith below 75°), 10 W/m² the
 *      rounding of DNI and GHI.
 *   3. beam and diffuse make up the global, so neither is missing:
 *          GHI <= 2 (DNI cos z + DHI) + 50 W/m²,
 *      with the sun at its highest in the hour (cos z = 1 where the place is
 *      unknown).  Only a gross failure: components that are zeros, or in
 *      another unit.  Real files close far better but not exactly: the
 *      Uccle TMYx's sunrise hours leave up to 49 W/m² out (GHI 104, DNI 427
 *      with the sun at most 2.1° high, DHI 39), a factor 1.9.
 *   4-6. BSRN's "physically possible limits" (Long & Shi 2008, Table 1;
 *      Long & Dutton 2010, "BSRN Global Network recommended QC tests, V2.0"):
 *          GHI <= 1.5 E0 cos^1.2 z + 100 W/m²
 *          DHI <= 0.95 E0 cos^1.2 z + 50 W/m²
 *          DNI <= E0
 *      with E0 the extraterrestrial normal irradiance of the day and the
 *      sun at its highest in the hour (no mean over the hour can pass the
 *      limit of its highest sun): at night, GHI at most 100 W/m² and DHI 50.
 * The limits that need the sun (2, 4 and 5; 1 for its ratio) hold where the
 * file says where it is: always for EPW and PVGIS files, for a plain CSV
 * with latitude_deg and longitude_deg (its place is otherwise known only to
 * the scenario that names it).  A year of GHI alone is held to 4; its
 * components are split from it later (au_weather_split_missing), consistent
 * by construction.  The real files of ../shared/data pass well inside every
 * limit; the largest value / limit over their hours, limits 1 to 6: Uccle
 * TMYx 0.92, 0.79, 0.65, 0.74, 0.82, 0.66; PVGIS TMY at 45° N 8° E, CSV and
 * EPW alike, 0.94, 0.78, 0.49, 0.53, 0.40, 0.68 (limit 1 is closest where
 * DHI = GHI, overcast; neither file has a DHI above its GHI;
 * check_weather, test_the_real_files_hold_the_physical_limits). */
#define DIFFUSE_RATIO_HIGH_SUN 1.05
#define DIFFUSE_RATIO_LOW_SUN 1.10
#define HIGH_SUN_COS 0.25881904510252074  /* cos 75°: the sun above 15° */
#define DIFFUSE_MARGIN_W_M2 5.0
#define BEAM_RATIO 1.08
#define BEAM_MARGIN_W_M2 10.0
#define MISSING_FACTOR 2.0
#define MISSING_MARGIN_W_M2 50.0

/* The BSRN physically possible limit k E0 cos^1.2 z + margin. */
static double bsrn_limit(double k, double e0, double cos_z, double margin)
{
    return k * e0 * pow(cos_z, 1.2) + margin;
}

/* "with the sun at most 12.3 degrees high in this hour" */
static const char *sun_text(double cos_z, const char *extreme, char *buf, size_t n)
{
    if (cos_z <= 0.0)
        snprintf(buf, n, "with the sun below the horizon all the hour");
    else
        snprintf(buf, n, "with the sun at %s %.1f degrees high in this hour", extreme,
                 90.0 - acos(cos_z) * 180.0 / M_PI);
    return buf;
}

/* Holds every hour of w, still in the file's zone (file_utc) with
 * line_of[k] the line of hour k, to the limits above; beam_given: the file
 * gave its beam on the horizontal itself, part of its GHI by construction
 * (a PVGIS hourly series: its DNI is Gb(i) over the sine of its own H_sun),
 * so limit 2 would only weigh that sun against ours. */
static void check_components(rd *r, const au_weather *w, const int *line_of, double file_utc,
                             int beam_given)
{
    int placed = !isnan(w->latitude_deg) && !isnan(w->longitude_deg);
    char sun[80];
    for (long k = 0; k < AU_HOURS && !r->stopped; k++) {
        double g = w->ghi_w_m2[k], b = w->dni_w_m2[k], f = w->dhi_w_m2[k];
        double cmin = 0.0, cmax = 1.0, e0;
        long ln = line_of[k];
        au_weather_hour_sun(placed ? w->latitude_deg : 0.0, placed ? w->longitude_deg : 0.0,
                            file_utc, k, &cmin, &cmax, &e0);
        if (!placed)
            cmin = 0.0, cmax = 1.0;     /* only E0, the day's, is known */
        if (w->has_beam) {
            double ratio = placed && cmin > HIGH_SUN_COS ? DIFFUSE_RATIO_HIGH_SUN
                                                         : DIFFUSE_RATIO_LOW_SUN;
            double beam_low = b * cmin, made = b * cmax + f;
            if (f > ratio * g + DIFFUSE_MARGIN_W_M2) {
                au_reader_problem(r, ln, "DHI %g W/m2 is above GHI %g W/m2 (expected the diffuse "
                                  "within the global: DHI at most %.2f GHI + %g W/m2; are the "
                                  "columns in their places?)", f, g, ratio, DIFFUSE_MARGIN_W_M2);
                continue;
            }
            if (placed && !beam_given && beam_low > BEAM_RATIO * g + BEAM_MARGIN_W_M2) {
                au_reader_problem(r, ln, "DNI %g W/m2 %s puts %.0f W/m2 of beam on the "
                                  "horizontal, above GHI %g W/m2 (expected the beam within the "
                                  "global: DNI cos z at most %.2f GHI + %g W/m2)", b,
                                  sun_text(cmin, "least", sun, sizeof sun), beam_low, g,
                                  BEAM_RATIO, BEAM_MARGIN_W_M2);
                continue;
            }
            if (g > MISSING_FACTOR * made + MISSING_MARGIN_W_M2) {
                au_reader_problem(r, ln, "GHI %g W/m2 is not made up by DNI %g and DHI %g W/m2, "
                                  "which give at most %.0f W/m2 on the horizontal%s%s (expected "
                                  "beam and diffuse that make up the global, not zeros for unknown "
                                  "values: GHI at most %g (DNI cos z + DHI) + %g W/m2; leave "
                                  "unknown components out of a plain or PVGIS CSV to have them "
                                  "split from GHI)", g, b, f, made, placed ? " " : "",
                                  placed ? sun_text(cmax, "most", sun, sizeof sun) : "",
                                  MISSING_FACTOR, MISSING_MARGIN_W_M2);
                continue;
            }
        }
        if (placed && g > bsrn_limit(1.5, e0, cmax, 100.0)) {
            au_reader_problem(r, ln, "GHI %g W/m2 is more than the sun can give %s, %.0f W/m2 "
                              "(expected at most BSRN's physically possible limit 1.5 E0 "
                              "cos^1.2 z + 100 W/m2; are the file's place and time zone right?)",
                              g, sun_text(cmax, "most", sun, sizeof sun),
                              bsrn_limit(1.5, e0, cmax, 100.0));
            continue;
        }
        if (!w->has_beam)
            continue;
        if (placed && f > bsrn_limit(0.95, e0, cmax, 50.0)) {
            au_reader_problem(r, ln, "DHI %g W/m2 is more than the sky can give %s, %.0f W/m2 "
                              "(expected at most BSRN's physically possible limit 0.95 E0 "
                              "cos^1.2 z + 50 W/m2; are the file's place and time zone right?)",
                              f, sun_text(cmax, "most", sun, sizeof sun),
                              bsrn_limit(0.95, e0, cmax, 50.0));
            continue;
        }
        if (b > e0)
            au_reader_problem(r, ln, "DNI %g W/m2 is more than reaches the top of the atmosphere "
                              "that day, %.0f W/m2 (expected at most E0, the extraterrestrial "
                              "irradiance)", b, e0);
    }
}

static void reverse(double *a, long n)
{
    for (long i = 0, j = n - 1; i < j; i++, j--) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

/* Moves a[i] to a[(i + s) mod n], in place. */
static void rotate(double *a, long n, long s)
{
    s %= n;
    if (s < 0)
        s += n;
    if (s == 0)
        return;
    reverse(a, n);
    reverse(a, s);
    reverse(a + s, n - s);
}

static int whole_hours(double h)
{
    return h == floor(h);
}

/* Turns the file's zone into the arrays' zone: checks, rotates, records. */
static au_status set_zone(rd *r, long line, double file_utc, double want, au_weather *w)
{
    double to = isnan(want) ? file_utc : want;
    double s = to - file_utc;
    if (!whole_hours(s)) {
        au_reader_problem(r, line, "the file's time zone UTC%+g is not a whole number of hours "
                          "away from the requested UTC%+g (expected whole-hour offsets)", file_utc,
                          to);
        return AU_EINVAL;
    }
    long shift = (long)s;
    rotate(w->ghi_w_m2, AU_HOURS, shift);
    rotate(w->dni_w_m2, AU_HOURS, shift);
    rotate(w->dhi_w_m2, AU_HOURS, shift);
    rotate(w->temp_c, AU_HOURS, shift);
    rotate(w->wind10_m_s, AU_HOURS, shift);
    w->utc_offset_h = to;
    return AU_OK;
}

static int check_site(rd *r, long line, const char *what, double v, double lo, double hi)
{
    if (v < lo || v > hi) {
        au_reader_problem(r, line, "%s %g is out of range (expected %g to %g)", what, v, lo, hi);
        return 0;
    }
    return 1;
}

/* ---- EPW (and PVGIS's EPW export) ---- */

static const char *const epw_header[8] = {
    "LOCATION", "DESIGN CONDITIONS", "TYPICAL/EXTREME PERIODS", "GROUND TEMPERATURES",
    "HOLIDAYS/DAYLIGHT SAVING", "COMMENTS 1", "COMMENTS 2", "DATA PERIODS"};

/* The number after "Irradiance Time Offset (h):" in s, if present. */
static int pvgis_offset(rd *r, long line, au_span s, int *found, double *off)
{
    long at = au_span_find(s, "Irradiance Time Offset");
    *found = 0;
    if (at < 0)
        return 1;
    au_span rest = {s.s + at, s.n - (size_t)at};
    long colon = au_span_find(rest, ":");
    if (colon < 0) {
        au_reader_problem(r, line, "'Irradiance Time Offset' has no value (expected 'Irradiance "
                          "Time Offset (h): NUMBER')");
        return 0;
    }
    au_span v = {rest.s + colon + 1, rest.n - (size_t)colon - 1};
    size_t n = 0;
    while (n < v.n && v.s[n] != ',' && v.s[n] != '"')
        n++;
    v.n = n;
    if (au_span_to_double(v, off) != 1) {
        au_reader_problem(r, line, "irradiance time offset '%.*s' is not a number (expected hours, "
                          "e.g. 0.1761)", au_span_shown(au_span_trim(v)), au_span_trim(v).s);
        return 0;
    }
    *found = 1;
    return 1;
}

/* The EPW LOCATION line: the site into w, the time zone into *tz. */
static au_status epw_location(rd *r, long ln, au_span line, au_weather *w, double *tz)
{
    au_span f[MAX_FIELDS];
    size_t n = au_span_split(line, f, MAX_FIELDS);
    double v[4];
    static const char *const what[4] = {"latitude", "longitude", "time zone", "elevation"};
    if (n < 10) {
        au_reader_problem(r, ln, "LOCATION line has %zu fields (expected 10: "
                          "LOCATION,city,state,country,source,WMO,latitude,longitude,time "
                          "zone,elevation)", n);
        return AU_EINVAL;
    }
    for (int i = 0; i < 4; i++)
        if (au_span_to_double(f[6 + i], &v[i]) != 1) {
            au_span t = au_span_trim(f[6 + i]);
            au_reader_problem(r, ln, "LOCATION %s '%.*s' is not a number (expected a decimal "
                              "number in field %d)", what[i], au_span_shown(t), t.s, 7 + i);
            return AU_EINVAL;
        }
    if (!check_site(r, ln, "LOCATION latitude", v[0], -90.0, 90.0)
        || !check_site(r, ln, "LOCATION longitude", v[1], -180.0, 180.0)
        || !check_site(r, ln, "LOCATION time zone", v[2], -12.0, 14.0)
        || !check_site(r, ln, "LOCATION elevation", v[3], -500.0, 9000.0))
        return AU_EINVAL;
    w->latitude_deg = v[0];
    w->longitude_deg = v[1];
    *tz = v[2];
    w->elevation_m = v[3];
    return AU_OK;
}

/* The 8 EPW header lines: the site, the time zone (*tz, its line *tz_line)
 * and, in PVGIS's EPW, the irradiance time offset. */
static au_status epw_header_lines(rd *r, au_lines *it, int pvgis, au_weather *w, double *tz,
                                  long *tz_line)
{
    au_span line, f[MAX_FIELDS];
    double offset = NAN;
    int have_offset = 0;
    for (int h = 0; h < 8; h++) {
        if (!au_next_line(it, &line)) {
            au_reader_problem(r, it->line > 0 ? it->line : 1, "file ends after %ld lines (expected "
                              "the 8 EPW header lines, then %d data rows)", it->line, AU_HOURS);
            return AU_EINVAL;
        }
        if (!au_span_starts(line, epw_header[h]) && h == 0) {
            /* not an EPW file at all: none of it is quoted (it may be any file) */
            au_reader_problem(r, it->line, "the first line does not start with 'LOCATION,' "
                              "(expected an EPW weather file)");
            return AU_EINVAL;
        }
        if (!au_span_starts(line, epw_header[h])) {
            au_span first = au_span_trim(line);
            au_span_split(first, f, 1);
            first.n = f[0].n;
            au_reader_problem(r, it->line, "header line starts with '%.*s' (expected the EPW "
                              "header line '%s,...')", au_span_shown(first), first.s,
                              epw_header[h]);
            return AU_EINVAL;
        }
        if (h == 0) {
            if (epw_location(r, it->line, line, w, tz) != AU_OK)
                return AU_EINVAL;
            *tz_line = it->line;
        } else if (h == 6 && pvgis) {
            if (!pvgis_offset(r, it->line, line, &have_offset, &offset))
                return AU_EINVAL;
            if (have_offset && !(offset >= -1.0 && offset < 0.0)) {
                au_reader_problem(r, it->line, "irradiance time offset %g h is outside the hour "
                                  "ending at the stamp (expected -1 <= offset < 0 in a PVGIS EPW)",
                                  offset);
                return AU_EINVAL;
            }
        } else if (h == 7) {
            long per_hour;
            size_t n = au_span_split(line, f, MAX_FIELDS);
            if (n >= 3 && au_span_to_long(f[2], &per_hour) && per_hour != 1) {
                au_reader_problem(r, it->line, "DATA PERIODS gives %ld records per hour (expected "
                                  "1, hourly data)", per_hour);
                return AU_EINVAL;
            }
        }
    }
    w->irradiance_time_h = !pvgis ? 0.5 : have_offset ? offset + 1.0 : 0.5;
    w->irradiance_time_basis = pvgis && have_offset ? AU_IRR_TIME_DECLARED
                                                    : AU_IRR_TIME_CONVENTION;
    return AU_OK;
}

/* One EPW data row, placed in its hour. */
static void epw_row(rd *r, long ln, au_span line, placer *pl)
{
    au_span f[MAX_FIELDS];
    long ymdh[4];
    double v[Q_N];
    static const char *const what[4] = {"year", "month", "day", "hour"};
    size_t n = au_span_split(line, f, MAX_FIELDS);
    if (n != EPW_FIELDS) {
        au_reader_problem(r, ln, "row has %zu field%s (expected %d fields of an EPW data row)", n,
                          n == 1 ? "" : "s", EPW_FIELDS);
        return;
    }
    for (int i = 0; i < 4; i++)
        if (!au_span_to_long(f[i], &ymdh[i])) {
            au_span t = au_span_trim(f[i]);
            au_reader_problem(r, ln, "%s '%.*s' is not a whole number (expected the EPW %s in "
                              "column %d)", what[i], au_span_shown(t), t.s, what[i], i + 1);
            return;
        }
    if (!check_date(r, ln, ymdh[0], ymdh[1], ymdh[2]))
        return;
    if (ymdh[3] < 1 || ymdh[3] > 24) {
        au_reader_problem(r, ln, "hour %ld is out of range (expected an EPW hour-ending stamp 1 to "
                          "24)", ymdh[3]);
        return;
    }
    if (ymdh[1] == 2 && ymdh[2] == 29)
        return;                                 /* the 29th of February is dropped */
    int ok = get_value(r, ln, f[13], Q_GHI, 14, 1, &v[Q_GHI]);
    ok &= get_value(r, ln, f[14], Q_DNI, 15, 1, &v[Q_DNI]);
    ok &= get_value(r, ln, f[15], Q_DHI, 16, 1, &v[Q_DHI]);
    ok &= get_value(r, ln, f[6], Q_TEMP, 7, 1, &v[Q_TEMP]);
    ok &= get_value(r, ln, f[21], Q_WIND, 22, 1, &v[Q_WIND]);
    if (ok)
        place(r, pl, ln, slot_of(ymdh[1], ymdh[2], ymdh[3] - 1), v);
}

static au_status read_epw(rd *r, au_lines *it, int pvgis, double want, au_weather *w,
                          placer *pl)
{
    au_span line;
    double tz = NAN;
    long tz_line = 1;
    if (epw_header_lines(r, it, pvgis, w, &tz, &tz_line) != AU_OK)
        return AU_EINVAL;
    long last_data = it->line;
    while (!r->stopped && au_next_line(it, &line)) {
        if (au_span_trim(line).n == 0)
            continue;
        last_data = it->line;
        epw_row(r, it->line, line, pl);
    }
    check_complete(r, pl, last_data);
    w->has_beam = 1;
    if (r->nerr == 0)
        check_components(r, w, pl->line_of, pvgis ? 0.0 : tz, 0);
    if (r->nerr > 0)
        return AU_EINVAL;
    return set_zone(r, tz_line, pvgis ? 0.0 : tz, want, w);
}

/* ---- PVGIS TMY CSV ---- */

/* Whether one of the comma-separated fields of s is `name`. */
static int has_field(au_span s, const char *name)
{
    const char *p = s.s, *end = s.s + s.n;
    for (;;) {
        const char *c = memchr(p, ',', (size_t)(end - p));
        au_span f = {p, (size_t)((c != NULL ? c : end) - p)};
        if (au_span_eq(au_span_trim(f), name))
            return 1;
        if (c == NULL)
            return 0;
        p = c + 1;
    }
}

/* A header line "NAME: value" of a known name; returns 1 if s is one. */
static int pvgis_header_value(rd *r, long line, au_span s, const char *name, double *v, int *bad)
{
    if (!au_span_starts(s, name))
        return 0;
    long colon = au_span_find(s, ":");
    au_span val = {s.s + colon + 1, colon < 0 ? 0 : s.n - (size_t)colon - 1};
    if (colon < 0 || au_span_to_double(val, v) != 1) {
        au_reader_problem(r, line, "'%s' value '%.*s' is not a number (expected '%s: NUMBER')",
                          name, au_span_shown(au_span_trim(val)), au_span_trim(val).s, name);
        *bad = 1;
    }
    return 1;
}

enum { P_TIME, P_T, P_G, P_GB, P_GD, P_WS, P_N };
static const char *const pvgis_names[P_N] = {"time(UTC)", "T2m", "G(h)", "Gb(n)", "Gd(h)",
                                             "WS10m"};
static const char *const pvgis_columns =
    "time(UTC),T2m,RH,G(h),Gb(n),Gd(h),IR(h),WS10m,WD10m,SP";

/* A PVGIS CSV's header, up to its column line (left in *line): the site
 * and the irradiance time offset into w. */
static au_status pvgis_header(rd *r, au_lines *it, au_span *line, au_weather *w)
{
    const char *expected_columns = pvgis_columns;
    au_span f[2];
    double lat = NAN, lon = NAN, elev = NAN, offset = NAN;
    int bad = 0, in_table = 0, found = 0;
    for (;;) {
        if (!au_next_line(it, line)) {
            au_reader_problem(r, it->line > 0 ? it->line : 1, "file ends before the column line "
                              "(expected the PVGIS TMY column line '%s')", expected_columns);
            return AU_EINVAL;
        }
        au_span s = au_span_trim(*line);
        if (has_field(s, "time(UTC)"))
            break;
        if (it->line == 1 && !au_span_starts(s, "Latitude (decimal degrees)")) {
            /* not a PVGIS file at all: none of it is quoted (it may be any file) */
            au_reader_problem(r, 1, "the first line does not start with 'Latitude (decimal "
                              "degrees):' (expected a PVGIS TMY CSV)");
            return AU_EINVAL;
        }
        if (s.n == 0)
            continue;
        if (pvgis_header_value(r, it->line, s, "Latitude (decimal degrees)", &lat, &bad)
            || pvgis_header_value(r, it->line, s, "Longitude (decimal degrees)", &lon, &bad)
            || pvgis_header_value(r, it->line, s, "Elevation (m)", &elev, &bad)) {
            in_table = 0;
            continue;
        }
        if (au_span_starts(s, "Irradiance Time Offset")) {
            if (!pvgis_offset(r, it->line, s, &found, &offset))
                bad = 1;
            else if (!(offset >= 0.0 && offset < 1.0)) {
                au_reader_problem(r, it->line, "irradiance time offset %g h is outside the hour "
                                  "starting at the stamp (expected 0 <= offset < 1 in a PVGIS CSV)"
                                  , offset);
                bad = 1;
            }
            continue;
        }
        if (au_span_eq(s, "month,year")) {
            in_table = 1;
            continue;
        }
        long my[2];
        if (in_table && au_span_split(s, f, 2) == 2 && au_span_to_long(f[0], &my[0])
            && au_span_to_long(f[1], &my[1]) && my[0] >= 1 && my[0] <= 12)
            continue;
        if (au_span_find(s, ":") >= 0 && !in_table)
            continue;                           /* another "name: value" line */
        au_reader_problem(r, it->line, "line '%.*s' is not part of a PVGIS TMY header (expected "
                          "'name: value' lines, the month,year table, then '%s')", au_span_shown(s),
                          s.s, expected_columns);
        return AU_EINVAL;
    }
    if (bad)
        return AU_EINVAL;
    long col_line = it->line;
    if (isnan(lat) || isnan(lon)) {
        au_reader_problem(r, col_line, "the header gives no %s (expected a '%s: ...' line before "
                          "the columns)", isnan(lat) ? "latitude" : "longitude",
                          isnan(lat) ? "Latitude (decimal degrees)"
                                     : "Longitude (decimal degrees)");
        return AU_EINVAL;
    }
    if (!check_site(r, col_line, "latitude", lat, -90.0, 90.0)
        || !check_site(r, col_line, "longitude", lon, -180.0, 180.0)
        || (!isnan(elev) && !check_site(r, col_line, "elevation", elev, -500.0, 9000.0)))
        return AU_EINVAL;
    w->latitude_deg = lat;
    w->longitude_deg = lon;
    w->elevation_m = elev;
    w->irradiance_time_h = found ? offset : 0.5;
    w->irradiance_time_basis = found ? AU_IRR_TIME_DECLARED : AU_IRR_TIME_CONVENTION;
    return AU_OK;
}

/* The column line: columns found by name into col[P_N] (Gb(n) and Gd(h)
 * together or neither); *ncol the number of fields. */
static au_status pvgis_columns_of(rd *r, au_span line, long col_line, long col[P_N],
                                  size_t *ncol, au_weather *w)
{
    const char *const *names = pvgis_names;
    const char *expected_columns = pvgis_columns;
    au_span f[MAX_FIELDS];
    size_t n = au_span_split(line, f, MAX_FIELDS);
    if (n > MAX_FIELDS) {
        au_reader_problem(r, col_line, "column line has %zu columns (expected at most %d)", n,
                          MAX_FIELDS);
        return AU_EINVAL;
    }
    for (int c = 0; c < P_N; c++) {
        col[c] = -1;
        for (size_t i = 0; i < n; i++)
            if (au_span_eq(au_span_trim(f[i]), names[c])) {
                if (col[c] >= 0) {
                    au_reader_problem(r, col_line, "column '%s' appears twice (expected it once)",
                                      names[c]);
                    return AU_EINVAL;
                }
                col[c] = (long)i;
            }
    }
    if (col[P_G] < 0) {
        /* the one irradiance column a TMY cannot do without: the components
         * are split from it, never it from them */
        au_reader_problem(r, col_line, "column 'G(h)' is missing (expected G(h), the global "
                          "horizontal irradiance of every PVGIS TMY: Gb(n) and Gd(h) may be left "
                          "out, and are then split from it, but not G(h))");
        return AU_EINVAL;
    }
    for (int c = 0; c < P_N; c++)
        if (col[c] < 0 && c != P_GB && c != P_GD) {
            au_reader_problem(r, col_line, "column '%s' is missing (expected the PVGIS columns %s)"
                              , names[c], expected_columns);
            return AU_EINVAL;
        }
    if ((col[P_GB] < 0) != (col[P_GD] < 0)) {
        au_reader_problem(r, col_line, "column '%s' is missing (expected both Gb(n) and Gd(h), or "
                          "neither)", col[P_GB] < 0 ? "Gb(n)" : "Gd(h)");
        return AU_EINVAL;
    }
    w->has_beam = col[P_GB] >= 0;
    *ncol = n;
    return AU_OK;
}

/* One data row of a PVGIS CSV, placed in its hour. */
static void pvgis_row(rd *r, long ln, au_span line, const long col[P_N], size_t ncol,
                      const au_weather *w, placer *pl)
{
    au_span f[MAX_FIELDS];
    long ymdhm[5];
    double v[Q_N] = {0.0, NAN, NAN, 0.0, 0.0};
    size_t n = au_span_split(line, f, MAX_FIELDS);
    if (n != ncol) {
        au_reader_problem(r, ln, "row has %zu field%s (expected %zu, as in the column line)", n,
                          n == 1 ? "" : "s", ncol);
        return;
    }
    au_span t = au_span_trim(f[col[P_TIME]]);
    int ok = t.n == 13 && t.s[8] == ':';
    static const int at[5] = {0, 4, 6, 9, 11}, len[5] = {4, 2, 2, 2, 2};
    for (int i = 0; i < 5 && ok; i++) {
        au_span part = {t.s + at[i], (size_t)len[i]};
        ok = to_digits(part, &ymdhm[i]);
    }
    if (!ok) {
        au_reader_problem(r, ln, "time '%.*s' is not YYYYMMDD:HHMM (expected a PVGIS time stamp "
                          "such as 20050101:0000)", au_span_shown(t), t.s);
        return;
    }
    if (!check_date(r, ln, ymdhm[0], ymdhm[1], ymdhm[2]))
        return;
    if (ymdhm[3] > 23 || ymdhm[4] != 0) {
        au_reader_problem(r, ln, "time '%.*s' is not the start of an hour (expected HH from 00 to "
                          "23 and minutes 00)", au_span_shown(t), t.s);
        return;
    }
    if (ymdhm[1] == 2 && ymdhm[2] == 29)
        return;                                 /* the 29th of February is dropped */
    ok = get_value(r, ln, f[col[P_G]], Q_GHI, (size_t)col[P_G] + 1, 0, &v[Q_GHI]);
    if (w->has_beam) {
        ok &= get_value(r, ln, f[col[P_GB]], Q_DNI, (size_t)col[P_GB] + 1, 0, &v[Q_DNI]);
        ok &= get_value(r, ln, f[col[P_GD]], Q_DHI, (size_t)col[P_GD] + 1, 0, &v[Q_DHI]);
    }
    ok &= get_value(r, ln, f[col[P_T]], Q_TEMP, (size_t)col[P_T] + 1, 0, &v[Q_TEMP]);
    ok &= get_value(r, ln, f[col[P_WS]], Q_WIND, (size_t)col[P_WS] + 1, 0, &v[Q_WIND]);
    if (ok)
        place(r, pl, ln, slot_of(ymdhm[1], ymdhm[2], ymdhm[3]), v);
}

static au_status read_pvgis_csv(rd *r, au_lines *it, double want, au_weather *w, placer *pl)
{
    au_span line;
    long col[P_N];
    size_t ncol = 0;
    au_status st = pvgis_header(r, it, &line, w);
    long col_line = it->line;
    if (st == AU_OK)
        st = pvgis_columns_of(r, line, col_line, col, &ncol, w);
    if (st != AU_OK)
        return st;
    /* Data rows, up to a blank line (the legend follows) or the end. */
    long end_line = col_line;
    while (!r->stopped && au_next_line(it, &line)) {
        end_line = it->line;
        if (au_span_trim(line).n == 0)
            break;
        pvgis_row(r, it->line, line, col, ncol, w, pl);
    }
    check_complete(r, pl, end_line);
    if (r->nerr == 0)
        check_components(r, w, pl->line_of, 0.0, 0);
    if (r->nerr > 0)
        return AU_EINVAL;
    return set_zone(r, col_line, 0.0, want, w);
}

/* ---- plain CSV ---- */

/* An ISO 8601 time "YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)" (or a space for
 * T): 0 with its parts (offset in minutes), or -1. */
static int iso_time(au_span t, long *y, long *mo, long *d, long *h, long *off_min)
{
    char b[64];
    if (t.n == 0 || t.n >= sizeof b)
        return -1;
    memcpy(b, t.s, t.n);
    b[t.n] = '\0';
    int n = 0, mi = 0, sec = 0;
    if (sscanf(b, "%4ld-%2ld-%2ld%*1[T ]%2ld:%2d%n", y, mo, d, h, &mi, &n) != 5 || mi != 0)
        return -1;
    const char *p = b + n;
    if (*p == ':') {
        if (sscanf(p, ":%2d%n", &sec, &n) != 1 || sec != 0)
            return -1;
        p += n;
    }
    if (*p == 'Z' && p[1] == '\0') {
        *off_min = 0;
        return 0;
    }
    int oh, om;
    if ((*p != '+' && *p != '-') || sscanf(p + 1, "%2d:%2d%n", &oh, &om, &n) != 2 ||
        p[1 + n] != '\0' || oh > 14 || om > 59)
        return -1;
    *off_min = (*p == '-' ? -1 : 1) * (oh * 60L + om);
    return 0;
}


enum { K_UTC, K_TIRR, K_LAT, K_LON, K_ELEV, K_N };
static const char *const csv_keys[K_N] = {"utc_offset_h", "irradiance_time_h", "latitude_deg",
                                          "longitude_deg", "elevation_m"};

/* A '#' line: sets a known key, ignores any other comment. */
static const double key_lo[K_N] = {-12.0, 0.0, -90.0, -180.0, -500.0};
static const double key_hi[K_N] = {14.0, 1.0, 90.0, 180.0, 9000.0};

/* Whether key k may be v: its range (the irradiance time may be 1, the
 * hour's end, which au_irradiance_time_from_components finds for a file
 * closed at its stamps and `autonomy weather --csv` then writes). */
static int key_in_range(int k, double v)
{
    return v >= key_lo[k] && v <= key_hi[k];
}

static void csv_comment(rd *r, long line, au_span s, double key[K_N], long key_line[K_N])
{
    const double *lo = key_lo, *hi = key_hi;
    s.s++;
    s.n--;
    s = au_span_trim(s);
    for (int k = 0; k < K_N; k++) {
        size_t kn = strlen(csv_keys[k]);
        if (!au_span_starts(s, csv_keys[k]))
            continue;
        au_span rest = au_span_trim((au_span){s.s + kn, s.n - kn});
        if (rest.n == 0 || (rest.s[0] != ':' && rest.s[0] != '='))
            continue;                           /* a comment that starts with the word */
        au_span val = {rest.s + 1, rest.n - 1};
        double v;
        if (key_line[k] != 0) {
            au_reader_problem(r, line, "%s is given twice, first at line %ld (expected it once)",
                              csv_keys[k], key_line[k]);
        } else if (au_span_to_double(val, &v) != 1) {
            au_reader_problem(r, line, "%s '%.*s' is not a number (expected '# %s: NUMBER')",
                              csv_keys[k], au_span_shown(au_span_trim(val)), au_span_trim(val).s,
                              csv_keys[k]);
        } else if (!key_in_range(k, v)) {
            au_reader_problem(r, line, "%s %g is out of range (expected %g to %g)", csv_keys[k],
                              v, lo[k], hi[k]);
        } else {
            key[k] = v;
            key_line[k] = line;
        }
        return;
    }
}

enum { C_GHI, C_DNI, C_DHI, C_TEMP, C_WIND, C_HOUR, C_MONTH, C_DAY, C_HOD, C_N };
static const char *const csv_names[C_N] = {"ghi_w_m2", "dni_w_m2", "dhi_w_m2", "temp_c",
                                           "wind10_m_s", "hour", "month", "day",
                                           "hour_of_day"};

/* The column line s (line ln) of a plain CSV: where each known column is
 * (col[c], -1 when absent; f receives the line's fields, *ncol their count).
 * AU_OK, or AU_EINVAL with the problem reported. */
static au_status csv_columns(rd *r, long ln, au_span s, au_span *f, long col[C_N],
                             size_t *ncol)
{
    const char *const *names = csv_names;
    au_csv_record rec;
    *ncol = au_csv_split_line(s, f, MAX_FIELDS, &rec);
    if (rec.err != AU_CSV_OK) {
        char msg[256];
        au_csv_error_text(&rec, "line", msg, sizeof msg);
        au_reader_problem(r, ln, "column line: %s", msg);
        return AU_EINVAL;
    }
    if (*ncol > MAX_FIELDS) {
        au_reader_problem(r, ln, "column line has %zu columns (expected at most %d)", *ncol,
                          MAX_FIELDS);
        return AU_EINVAL;
    }
    for (int c = 0; c < C_N; c++) {
        col[c] = -1;
        for (size_t i = 0; i < *ncol; i++) {
            if (!au_span_eq(au_span_trim(f[i]), names[c]))
                continue;
            if (col[c] >= 0) {
                au_reader_problem(r, ln, "column '%s' appears twice (expected it once)", names[c]);
                return AU_EINVAL;
            }
            col[c] = (long)i;
        }
    }
    if (col[C_GHI] < 0 || col[C_TEMP] < 0 || col[C_WIND] < 0) {
        au_reader_problem(r, ln, "column '%s' is missing (expected a column line naming at least "
                          "ghi_w_m2, temp_c and wind10_m_s)",
                          names[col[C_GHI] < 0 ? C_GHI : col[C_TEMP] < 0 ? C_TEMP : C_WIND]);
        return AU_EINVAL;
    }
    if ((col[C_DNI] < 0) != (col[C_DHI] < 0)) {
        au_reader_problem(r, ln, "column '%s' is missing (expected both dni_w_m2 and dhi_w_m2, or "
                          "neither)", col[C_DNI] < 0 ? "dni_w_m2" : "dhi_w_m2");
        return AU_EINVAL;
    }
    int nmdh = (col[C_MONTH] >= 0) + (col[C_DAY] >= 0) + (col[C_HOD] >= 0);
    if (nmdh == 1 || nmdh == 2) {
        int c = col[C_MONTH] < 0 ? C_MONTH : col[C_DAY] < 0 ? C_DAY : C_HOD;
        au_reader_problem(r, ln, "column '%s' is missing (expected all of month, day and "
                          "hour_of_day, or none)", names[c]);
        return AU_EINVAL;
    }
    return AU_OK;
}

/* What a plain CSV's rows share as they are read. */
typedef struct csv_state {
    long col[C_N], head_line;
    size_t ncol;
    long in_order;          /* rows placed in order (no hour columns) */
    int beyond;             /* a row beyond the year was reported */
    long kcol[K_N];         /* a key given as a column (the same every row), or -1 */
    double kval[K_N];       /* its value, from its first row */
    long kline[K_N];        /* that row's line, 0 before */
    long t_col;             /* the time column (ISO 8601), or -1 */
    long zone_min, zone_line; /* the offset of its first time */
} csv_state;

/* The hour of the year a row gives by month, day and hour_of_day (-1 if
 * the file has no such columns, -2 after a problem). */
static long csv_row_date(rd *r, long ln, const au_span *f, const csv_state *cs, long mdh[3])
{
    const long *col = cs->col;
    if (col[C_MONTH] < 0)
        return -1;
    for (int i = 0; i < 3; i++) {
        au_span t = au_span_trim(f[col[C_MONTH + i]]);
        if (!au_span_to_long(t, &mdh[i])) {
            au_reader_problem(r, ln, "%s '%.*s' is not a whole number (expected an integer in "
                              "column %ld)", csv_names[C_MONTH + i], au_span_shown(t), t.s,
                              col[C_MONTH + i] + 1);
            return -2;
        }
    }
    if (!check_date(r, ln, -1, mdh[0], mdh[1]))
        return -2;
    if (mdh[2] < 0 || mdh[2] > 23) {
        au_reader_problem(r, ln, "hour_of_day %ld is out of range (expected 0 to 23, the hour "
                          "starting then)", mdh[2]);
        return -2;
    }
    if (mdh[0] == 2 && mdh[1] == 29) {
        if (col[C_HOUR] >= 0)                   /* else the 29th of February is dropped */
            au_reader_problem(r, ln, "29 February has no hour of the year (expected no such row "
                              "when the hour column is given)");
        return -2;
    }
    return slot_of(mdh[0], mdh[1], mdh[2]);
}

/* The hour of the year of a row: its hour column, its date, or its place
 * in the file; -1 after a problem (reported). */
static long csv_row_hour(rd *r, long ln, const au_span *f, csv_state *cs)
{
    long mdh[3], k = csv_row_date(r, ln, f, cs, mdh);
    char when[64];
    if (k == -2)
        return -1;
    if (cs->col[C_HOUR] >= 0) {
        long h;
        au_span t = au_span_trim(f[cs->col[C_HOUR]]);
        if (!au_span_to_long(t, &h)) {
            au_reader_problem(r, ln, "hour '%.*s' is not a whole number (expected the hour of the "
                              "year, 0 to %d)", au_span_shown(t), t.s, AU_HOURS - 1);
            return -1;
        }
        if (h < 0 || h >= AU_HOURS) {
            au_reader_problem(r, ln, "hour %ld is out of range (expected the hour of the year, 0 "
                              "to %d)", h, AU_HOURS - 1);
            return -1;
        }
        if (k >= 0 && k != h) {
            au_reader_problem(r, ln, "hour %ld does not match month %ld, day %ld, hour_of_day %ld "
                              "(expected hour %ld, %s)", h, mdh[0], mdh[1], mdh[2], k, slot_text(k,
                              when, sizeof when));
            return -1;
        }
        return h;
    }
    if (k >= 0)
        return k;
    if (cs->t_col >= 0) {
        long y, mo, d, h, off;
        au_span t = au_span_trim(f[cs->t_col]);
        if (iso_time(t, &y, &mo, &d, &h, &off) != 0 || !check_date(r, ln, y, mo, d) || h > 23) {
            if (r->nerr == 0)
                au_reader_problem(r, ln, "time '%.*s' is not an hour in ISO 8601 (expected, e.g., "
                                  "2023-01-01T00:00+01:00)", au_span_shown(t), t.s);
            return -1;
        }
        if (mo == 2 && d == 29)
            return -1; /* MODEL.md §1: dropped */
        return slot_of(mo, d, h);
    }
    k = cs->in_order++;
    if (k >= AU_HOURS) {
        if (!cs->beyond)
            au_reader_problem(r, ln, "row %ld is beyond the year (expected %d data rows)", k + 1,
                              AU_HOURS);
        cs->beyond = 1;
        return -1;
    }
    return k;
}

/* A row's keys given as columns (the same on every row) and the zone of
 * its time; 0 after a problem. */
static int csv_row_keys(rd *r, long ln, const au_span *f, csv_state *cs)
{
    for (int k = 0; k < K_N; k++) {
        if (cs->kcol[k] < 0)
            continue;
        double v;
        au_span t = au_span_trim(f[cs->kcol[k]]);
        if (au_span_to_double(t, &v) != 1) {
            au_reader_problem(r, ln, "%s '%.*s' is not a number (expected the same number on "
                              "every row)", csv_keys[k], au_span_shown(t), t.s);
            return 0;
        }
        if (!key_in_range(k, v)) {
            au_reader_problem(r, ln, "%s %g is out of range (expected %g to %g)", csv_keys[k],
                              v, key_lo[k], key_hi[k]);
            return 0;
        }
        if (cs->kline[k] == 0) {
            cs->kval[k] = v, cs->kline[k] = ln;
        } else if (v != cs->kval[k]) {
            au_reader_problem(r, ln, "%s %g differs from the %g of line %ld (expected the same "
                              "value on every row)", csv_keys[k], v, cs->kval[k], cs->kline[k]);
            return 0;
        }
    }
    if (cs->t_col >= 0) {
        long y, mo, d, h, off;
        au_span t = au_span_trim(f[cs->t_col]);
        if (iso_time(t, &y, &mo, &d, &h, &off) != 0) {
            au_reader_problem(r, ln, "time '%.*s' is not an hour in ISO 8601 with its zone "
                              "(expected, e.g., 2023-01-01T00:00+01:00)", au_span_shown(t), t.s);
            return 0;
        }
        if (cs->zone_line == 0) {
            cs->zone_min = off, cs->zone_line = ln;
        } else if (off != cs->zone_min) {
            au_reader_problem(r, ln, "time '%.*s' is in UTC%+g, the rows before in UTC%+g, line "
                              "%ld (expected every row in one zone: standard time)",
                              au_span_shown(t), t.s, (double)off / 60.0,
                              (double)cs->zone_min / 60.0, cs->zone_line);
            return 0;
        }
    }
    return 1;
}

/* One data row of a plain CSV, placed in its hour. */
static void csv_row(rd *r, long ln, au_span line, csv_state *cs, placer *pl)
{
    static const int qof[5] = {Q_GHI, Q_DNI, Q_DHI, Q_TEMP, Q_WIND};
    au_span f[MAX_FIELDS];
    au_csv_record rec;
    size_t n = au_csv_split_line(line, f, MAX_FIELDS, &rec);
    if (rec.err != AU_CSV_OK) {
        char msg[256];
        au_csv_error_text(&rec, "line", msg, sizeof msg);
        au_reader_problem(r, ln, "%s", msg);
        return;
    }
    if (n != cs->ncol) {
        au_reader_problem(r, ln, "row has %zu field%s (expected %zu, as in the column line %ld)", n,
                          n == 1 ? "" : "s", cs->ncol, cs->head_line);
        return;
    }
    if (!csv_row_keys(r, ln, f, cs))
        return;
    long k = csv_row_hour(r, ln, f, cs);
    if (k < 0)
        return;
    double v[Q_N] = {0.0, NAN, NAN, 0.0, 0.0};
    int ok = 1;
    for (int c = C_GHI; c <= C_WIND; c++)
        if (cs->col[c] >= 0)
            ok &= get_value(r, ln, f[cs->col[c]], qof[c], (size_t)cs->col[c] + 1, 0,
                            &v[qof[c]]);
    if (ok)
        place(r, pl, ln, k, v);
}

static au_status read_csv(rd *r, au_lines *it, double want, au_weather *w, placer *pl)
{
    au_span line, f[MAX_FIELDS];
    double key[K_N] = {NAN, NAN, NAN, NAN, NAN};
    long key_line[K_N] = {0}, end_line = 0;
    csv_state cs = {{0}, 0, 0, 0, 0, {-1, -1, -1, -1, -1}, {0}, {0}, -1, 0, 0};
    while (!r->stopped && au_next_line(it, &line)) {
        long ln = it->line;
        au_span s = au_span_trim(line);
        if (s.n == 0)
            continue;
        if (s.s[0] == '#') {
            csv_comment(r, ln, s, key, key_line);
        } else if (cs.head_line == 0) {         /* the column line */
            cs.head_line = ln;
            if (csv_columns(r, ln, s, f, cs.col, &cs.ncol) != AU_OK)
                return AU_EINVAL;
            w->has_beam = cs.col[C_DNI] >= 0;
            for (size_t i = 0; i < cs.ncol && i < MAX_FIELDS; i++) {
                au_span name = au_span_trim(f[i]);
                if (au_span_eq(name, "time"))
                    cs.t_col = (long)i;
                for (int k = 0; k < K_N; k++)
                    if (au_span_eq(name, csv_keys[k]))
                        cs.kcol[k] = (long)i;
            }
        } else {
            end_line = ln;
            csv_row(r, ln, line, &cs, pl);
        }
    }
    if (cs.head_line == 0) {
        if (r->nerr == 0)
            au_reader_problem(r, it->line > 0 ? it->line : 1, "no column line (expected a line "
                              "naming the columns, at least ghi_w_m2, temp_c and wind10_m_s)");
        return AU_EINVAL;
    }
    check_complete(r, pl, end_line > 0 ? end_line : cs.head_line);
    /* the keys given as columns, where no comment gave them; the zone of
     * the times, where neither did */
    for (int k = 0; r->nerr == 0 && k < K_N; k++) {
        if (cs.kline[k] == 0)
            continue;
        if (key_line[k] != 0 && key[k] != cs.kval[k])
            au_reader_problem(r, cs.kline[k], "%s %g differs from the %g of line %ld (expected "
                              "one value)", csv_keys[k], cs.kval[k], key[k], key_line[k]);
        key[k] = cs.kval[k], key_line[k] = cs.kline[k];
    }
    if (r->nerr == 0 && cs.zone_line != 0) {
        if (key_line[K_UTC] != 0 && key[K_UTC] * 60.0 != (double)cs.zone_min)
            au_reader_problem(r, cs.zone_line, "the times are in UTC%+g, utc_offset_h says %g "
                              "(line %ld; expected one zone)", (double)cs.zone_min / 60.0,
                              key[K_UTC], key_line[K_UTC]);
        else if (key_line[K_UTC] == 0)
            key[K_UTC] = (double)cs.zone_min / 60.0, key_line[K_UTC] = cs.zone_line;
    }
    if (r->nerr > 0)
        return AU_EINVAL;
    w->latitude_deg = key[K_LAT];
    w->longitude_deg = key[K_LON];
    w->elevation_m = key[K_ELEV];
    w->irradiance_time_h = isnan(key[K_TIRR]) ? 0.5 : key[K_TIRR];
    w->irradiance_time_basis = isnan(key[K_TIRR]) ? AU_IRR_TIME_CONVENTION
                                                  : AU_IRR_TIME_DECLARED;
    check_components(r, w, pl->line_of, isnan(key[K_UTC]) ? 0.0 : key[K_UTC], 0);
    if (r->nerr > 0)
        return AU_EINVAL;
    return set_zone(r, key_line[K_UTC] > 0 ? key_line[K_UTC] : cs.head_line,
                    isnan(key[K_UTC]) ? 0.0 : key[K_UTC], want, w);
}

/* An undeclared irradiance instant, from the components (weather.h): taken
 * when it fits at most half as badly as the convention and lies more than
 * one step (0.05 h) from it.  Both PVGIS files of ../shared/data, whose
 * declared offset is 0.1761 h, close best at 0.20 h, a misfit 0.11 times
 * that at 0.5 h; the Uccle TMYx closes at 1.00 h (0.22 times): the method
 * finds the declared instant where there is one. */
#define IRR_TIME_RATIO 0.5

static void find_irradiance_time(au_weather *w)
{
    double ratio;
    double t = au_irradiance_time_from_components(w, w->latitude_deg, w->longitude_deg, &ratio);
    if (!isnan(t) && ratio < IRR_TIME_RATIO && fabs(t - w->irradiance_time_h) > 0.05 + 1e-9) {
        w->irradiance_time_h = t;
        w->irradiance_time_basis = AU_IRR_TIME_COMPONENTS;
    }
}

/* ---- the file ---- */

static const char *format_name(au_weather_format fmt)
{
    switch (fmt) {
    case AU_WFMT_EPW: return "EPW weather file";
    case AU_WFMT_PVGIS_EPW: return "PVGIS EPW file";
    case AU_WFMT_PVGIS_CSV: return "PVGIS TMY CSV";
    case AU_WFMT_CSV: return "plain hourly weather CSV";
    }
    return "weather file";
}

/* Reads the whole file into a NUL-terminated buffer (malloc'd; the caller
 * frees it); `what` names the kind of file expected, for the messages. */
static au_status slurp(rd *r, const char *what, char **buf, size_t *len)
{
    au_file_error why;
    au_status st = au_read_file(r->path, AU_WEATHER_MAX_BYTES, buf, len, &why);
    if (st != AU_OK) {
        char msg[512];
        au_file_error_text(&why, what, "a weather file", msg, sizeof msg);
        au_reader_problem(r, 0, "%s", msg);
    }
    return st;
}

/* Parses the file in buf (len bytes, NUL-terminated) into *w. */
static au_status parse(rd *r, au_weather_format fmt, double want, const char *buf, size_t len,
                       au_weather *w)
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
        it.p += 3;                              /* a UTF-8 byte order mark */

    placer pl = {w, calloc(AU_HOURS, sizeof(int)), 0};
    if (pl.line_of == NULL) {
        au_reader_problem(r, 0, "out of memory reading the file (expected a few kilobytes to be "
                          "available)");
        return AU_ENOMEM;
    }
    au_status st;
    w->latitude_deg = w->longitude_deg = w->elevation_m = NAN;
    w->has_beam = 0;
    switch (fmt) {
    case AU_WFMT_EPW:
    case AU_WFMT_PVGIS_EPW:
        st = read_epw(r, &it, fmt == AU_WFMT_PVGIS_EPW, want, w, &pl);
        break;
    case AU_WFMT_PVGIS_CSV:
        st = read_pvgis_csv(r, &it, want, w, &pl);
        break;
    case AU_WFMT_CSV:
    default:
        st = read_csv(r, &it, want, w, &pl);
        break;
    }
    free(pl.line_of);
    if (st == AU_OK && !w->has_beam)
        for (long k = 0; k < AU_HOURS; k++)
            w->dni_w_m2[k] = w->dhi_w_m2[k] = NAN;
    if (st == AU_OK && w->irradiance_time_basis == AU_IRR_TIME_CONVENTION)
        find_irradiance_time(w);
    return st;
}

au_status au_weather_read(const char *path, au_weather_format fmt, double utc_offset_h,
                          au_weather *w, au_diags *d)
{
    au_diags local;
    rd r = {path, d, 0, 0};
    au_status st;

    if (d == NULL) {
        au_diags_init(&local);
        r.d = &local;
    }
    if (path == NULL || w == NULL || (unsigned)fmt > (unsigned)AU_WFMT_CSV) {
        au_reader_problem(&r, 0, "no file, no weather or an unknown format was given (expected a "
                          "path, an au_weather and an au_weather_format)");
        st = AU_EINVAL;
    } else if (!isnan(utc_offset_h)
               && !(utc_offset_h >= -12.0 && utc_offset_h <= 14.0
                    && whole_hours(utc_offset_h))) {
        au_reader_problem(&r, 0, "requested UTC offset %g h is not a whole number of hours from "
                          "-12 to +14 (expected e.g. 1 for Central European standard time)",
                          utc_offset_h);
        st = AU_EINVAL;
    } else {
        char *buf = NULL;
        size_t len = 0;
        st = slurp(&r, format_name(fmt), &buf, &len);
        if (st == AU_OK)
            st = parse(&r, fmt, utc_offset_h, buf, len, w);
        free(buf);
    }
    if (d == NULL)
        au_diags_clear(&local);
    return st;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

int au_weather_guess_format(const char *path, au_weather_format *fmt)
{
    char line[512];
    int pvgis = 0, n = 0;
    int epw = ends_with(path, ".epw") || ends_with(path, ".EPW");
    if (!epw && !ends_with(path, ".csv") && !ends_with(path, ".CSV"))
        return -1;
    FILE *f = au_fopen_regular(path, NULL); /* a FIFO is not waited on */
    if (f != NULL) {
        while (n++ < 12 && fgets(line, sizeof line, f) != NULL) {
            if (strstr(line, "Irradiance Time Offset") != NULL ||
                strncmp(line, "Latitude (decimal degrees)", 26) == 0)
                pvgis = 1;
        }
        fclose(f);
    }
    *fmt = epw ? (pvgis ? AU_WFMT_PVGIS_EPW : AU_WFMT_EPW)
               : (pvgis ? AU_WFMT_PVGIS_CSV : AU_WFMT_CSV);
    return 0;
}

/* ---- several recorded years in one file (au_weather_read_years) ---- */

/* The years of a series as its rows arrive, in order, one zone. */
typedef struct {
    rd *r;
    au_weather *ys;         /* the years so far (malloc'd) */
    int *yn;                /* their calendar years */
    int *lines;             /* the line of each of their hours, AU_HOURS a year
                               (malloc'd), for the consistency check */
    int beam_given;         /* the file gives the beam on the horizontal
                               (check_components) */
    size_t ny, cap;
    long count;             /* hours of the current year, 29 February aside */
    long cur_year, prev_abs, prev_line, last_line;
    long zone_min, zone_line; /* the zone of the first row, its line */
} years_acc;

/* Hour h of y-mo-dd (in the zone off_min minutes east of UTC) read at line
 * ln with the values v; when is its stamp as written.  Returns 1 to go on,
 * 0 after a problem. */
static int years_add(years_acc *a, long ln, const char *when, long y, long mo, long dd, long h,
                     long off, const double v[Q_N])
{
    rd *r = a->r;
    if (a->zone_line == 0) {
        a->zone_min = off, a->zone_line = ln;
    } else if (off != a->zone_min) {
        au_reader_problem(r, ln, "time '%s' is in UTC%+g, the rows before in UTC%+g, line %ld "
                          "(expected every row in one zone)", when, (double)off / 60.0,
                          (double)a->zone_min / 60.0, a->zone_line);
        return 0;
    }
    long abs = au_days_from_civil(y, mo, dd) * 24 + h;
    if (a->prev_line != 0 && abs != a->prev_abs + 1) {
        long gap_days = (abs - a->prev_abs) / 24;
        if (abs <= a->prev_abs)
            au_reader_problem(r, ln, "%s does not come after the row of line %ld (expected the "
                              "hours in order)", when, a->prev_line);
        else if (y > a->cur_year + 1)
            au_reader_problem(r, ln, "year %ld is missing: %s follows line %ld (expected "
                              "consecutive years)", a->cur_year + 1, when, a->prev_line);
        else
            au_reader_problem(r, ln, "%ld hour%s missing before %s (after line %ld; expected "
                              "every hour, %ld day%s of them)", abs - a->prev_abs - 1,
                              abs - a->prev_abs - 1 == 1 ? " is" : "s are", when, a->prev_line,
                              gap_days, gap_days == 1 ? "" : "s");
        return 0;
    }
    a->prev_abs = abs, a->prev_line = ln;
    if (y != a->cur_year) {
        if (a->ny > 0 && a->count != AU_HOURS) {
            au_reader_problem(r, ln, "year %ld has %ld hours (expected %d, 29 February dropped)",
                              a->cur_year, a->count, AU_HOURS);
            return 0;
        }
        if (a->ny == a->cap) {
            size_t cap = a->cap ? 2 * a->cap : 8;
            au_weather *ys = realloc(a->ys, cap * sizeof *ys);
            if (ys != NULL)
                a->ys = ys;
            int *yn = ys == NULL ? NULL : realloc(a->yn, cap * sizeof *yn);
            if (yn != NULL)
                a->yn = yn;
            int *lines = yn == NULL ? NULL : realloc(a->lines, cap * AU_HOURS * sizeof *lines);
            if (lines == NULL) {
                au_reader_problem(r, ln, "out of memory at year %ld (expected fewer years)", y);
                return 0;
            }
            a->lines = lines, a->cap = cap;
        }
        memset(&a->ys[a->ny], 0, sizeof a->ys[a->ny]);
        a->yn[a->ny++] = (int)y;
        a->cur_year = y, a->count = 0;
        if (a->ny == 1 && !(mo == 1 && dd == 1 && h == 0)) {
            au_reader_problem(r, ln, "the data start at %s (expected a whole year, from 1 January "
                              "00:00)", when);
            return 0;
        }
    }
    if (mo == 2 && dd == 29)
        return 1; /* MODEL.md §1: leap days dropped */
    long k = slot_of(mo, dd, h);
    au_weather *w = &a->ys[a->ny - 1];
    w->ghi_w_m2[k] = v[Q_GHI], w->dni_w_m2[k] = v[Q_DNI], w->dhi_w_m2[k] = v[Q_DHI];
    w->temp_c[k] = v[Q_TEMP], w->wind10_m_s[k] = v[Q_WIND];
    a->lines[(a->ny - 1) * AU_HOURS + (size_t)k] = (int)ln;
    a->count++;
    a->last_line = ln;
    return 1;
}

/* After the last row (head: the column line, 0 if none): the last year
 * whole, then each year's place, instant and zone (as the one-year readers
 * set them). */
static void years_finish(years_acc *a, long head, const char *columns, int has_beam, double lat,
                         double lon, double elev, double t_irr, au_irradiance_time_basis basis,
                         double want)
{
    rd *r = a->r;
    if (r->nerr == 0 && head == 0)
        au_reader_problem(r, a->prev_line > 0 ? a->prev_line : 1, "no column line (expected a "
                          "line naming the columns: %s)", columns);
    else if (r->nerr == 0 && a->ny == 0)
        au_reader_problem(r, head, "no data rows (expected whole years of hourly rows)");
    else if (r->nerr == 0 && a->count != AU_HOURS)
        au_reader_problem(r, a->last_line, "year %ld ends after %ld hours (expected %d, to 31 "
                          "December 23:00)", a->cur_year, a->count, AU_HOURS);
    for (size_t i = 0; r->nerr == 0 && i < a->ny; i++) {
        au_weather *w = &a->ys[i];
        w->has_beam = has_beam;
        if (!has_beam)
            for (long k = 0; k < AU_HOURS; k++)
                w->dni_w_m2[k] = w->dhi_w_m2[k] = NAN;
        w->latitude_deg = lat, w->longitude_deg = lon, w->elevation_m = elev;
        w->irradiance_time_h = t_irr;
        w->irradiance_time_basis = basis;
        check_components(r, w, a->lines + i * AU_HOURS, (double)a->zone_min / 60.0,
                         a->beam_given);
        if (r->nerr > 0
            || set_zone(r, a->zone_line, (double)a->zone_min / 60.0, want, w) != AU_OK)
            break;
        if (w->irradiance_time_basis == AU_IRR_TIME_CONVENTION)
            find_irradiance_time(w);
    }
}

/* The rows of a plain CSV of several years (weather.h). */
static void years_plain_csv(rd *r, au_lines *it, years_acc *a, double want)
{
    static const int qof[5] = {Q_GHI, Q_DNI, Q_DHI, Q_TEMP, Q_WIND};
    double key[K_N] = {NAN, NAN, NAN, NAN, NAN};
    long key_line[K_N] = {0}, col[C_N], t_col = -1, head = 0;
    size_t ncol = 0;
    au_span line, f[MAX_FIELDS];
    char when[64];
    while (!r->stopped && r->nerr == 0 && au_next_line(it, &line)) {
        long ln = it->line;
        au_span sp = au_span_trim(line);
        if (sp.n == 0)
            continue;
        if (sp.s[0] == '#') {
            csv_comment(r, ln, sp, key, key_line);
            continue;
        }
        if (head == 0) {
            head = ln;
            if (csv_columns(r, ln, sp, f, col, &ncol) != AU_OK)
                break;
            for (size_t i = 0; i < ncol; i++)
                if (au_span_eq(au_span_trim(f[i]), "time"))
                    t_col = (long)i;
            if (t_col < 0)
                au_reader_problem(r, ln, "column 'time' is missing (expected ISO 8601 times of "
                                  "each hour's start with their zone, such as "
                                  "2019-01-01T00:00+01:00)");
            continue;
        }
        au_csv_record rec;
        size_t nf = au_csv_split_line(line, f, MAX_FIELDS, &rec);
        if (rec.err != AU_CSV_OK || nf != ncol) {
            au_reader_problem(r, ln, "row has %zu field%s (expected %zu, as in the column line "
                              "%ld)", nf, nf == 1 ? "" : "s", ncol, head);
            break;
        }
        long y, mo, dd, h, off;
        au_span ts = au_span_trim(f[t_col]);
        if (iso_time(ts, &y, &mo, &dd, &h, &off) != 0 || !check_date(r, ln, y, mo, dd) ||
            h > 23) {
            if (r->nerr == 0)
                au_reader_problem(r, ln, "time '%.*s' is not an hour in ISO 8601 (expected, e.g., "
                                  "2019-01-01T00:00+01:00 or 2019-01-01T00:00Z)",
                                  au_span_shown(ts), ts.s);
            break;
        }
        double v[Q_N] = {0.0, NAN, NAN, 0.0, 0.0};
        int ok = 1;
        for (int c = C_GHI; c <= C_WIND && !(mo == 2 && dd == 29); c++)
            if (col[c] >= 0)
                ok &= get_value(r, ln, f[col[c]], qof[c], (size_t)col[c] + 1, 0, &v[qof[c]]);
        snprintf(when, sizeof when, "%.*s", au_span_shown(ts), ts.s);
        if (!ok || !years_add(a, ln, when, y, mo, dd, h, off, v))
            break;
    }
    years_finish(a, head, "time, ghi_w_m2, temp_c, wind10_m_s", head > 0 && col[C_DNI] >= 0,
                 key[K_LAT], key[K_LON], key[K_ELEV], isnan(key[K_TIRR]) ? 0.5 : key[K_TIRR],
                 isnan(key[K_TIRR]) ? AU_IRR_TIME_CONVENTION : AU_IRR_TIME_DECLARED, want);
}

/* ---- a PVGIS hourly series (the seriescalc tool, CSV output) ----
 *
 * What PVGIS's "hourly radiation" tool writes (PVGIS 5.2/5.3 user manual;
 * pvlib.iotools.read_pvgis_hourly reads the same): "name: value" lines
 * (latitude, longitude, elevation, radiation database, slope, azimuth...),
 * the column line "time,Gb(i),Gd(i),Gr(i),H_sun,T2m,WS10m,Int" (with the
 * components) or "time,G(i),H_sun,T2m,WS10m,Int" (without; P too with a PV
 * system), rows stamped YYYYMMDD:HHMM in UTC, whole years startyear to
 * endyear, then a blank line and the legend.  The minutes are the instant
 * of the irradiance (10 for SARAH: the satellite's scan), the same in every
 * row.  The irradiances are on the plane asked for: the file must be on the
 * horizontal (slope 0), where G(i) is GHI, Gb(i) the beam on the horizontal,
 * Gd(i) the diffuse and Gr(i) the reflected (0).  DNI is Gb(i) / sin(H_sun);
 * with the sun below SERIES_MIN_SUN_DEG the beam counts as diffuse, as in
 * the Erbs split (solar.h). */
#define SERIES_MIN_SUN_DEG 3.0

enum { S_TIME, S_G, S_GB, S_GD, S_GR, S_HSUN, S_T, S_WS, S_N };
static const char *const series_names[S_N] = {"time", "G(i)", "Gb(i)", "Gd(i)", "Gr(i)",
                                              "H_sun", "T2m", "WS10m"};
#define SERIES_COLUMNS "time,Gb(i),Gd(i),Gr(i),H_sun,T2m,WS10m,Int"

/* The header of a series, up to its column line (left in *line).  Returns 1
 * with the site, or 0 after a problem. */
static int series_header(rd *r, au_lines *it, au_span *line, double site[3])
{
    static const char *const keys[3] = {"Latitude (decimal degrees)",
                                        "Longitude (decimal degrees)", "Elevation (m)"};
    int bad = 0, slope_seen = 0, found = 0;
    site[0] = site[1] = site[2] = NAN;
    while (!found && au_next_line(it, line)) {
        au_span s = au_span_trim(*line);
        if ((found = au_span_starts(s, "time,")))
            break;
        if (s.n == 0)
            continue;
        int k = 0;
        while (k < 3 && !pvgis_header_value(r, it->line, s, keys[k], &site[k], &bad))
            k++;
        if (k < 3)
            continue;
        if (au_span_starts(s, "Slope")) {
            double slope;
            long colon = au_span_find(s, ":");
            au_span v = {s.s + colon + 1, colon < 0 ? 0 : s.n - (size_t)colon - 1};
            v = au_span_trim(v);
            size_t n = 0;
            while (n < v.n && (v.s[n] == '-' || v.s[n] == '.' || (v.s[n] >= '0' && v.s[n] <= '9')))
                n++;
            slope_seen = 1;
            if (au_span_to_double((au_span){v.s, n}, &slope) != 1 || slope != 0.0) {
                au_reader_problem(r, it->line, "the irradiance is on a plane of '%.*s' (expected "
                                  "the horizontal plane, 'Slope: 0 deg.': ask PVGIS for slope "
                                  "0, angle=0, to get GHI)", au_span_shown(v), v.s);
                return 0;
            }
            continue;
        }
        if (au_span_find(s, ":") < 0) {
            au_reader_problem(r, it->line, "line '%.*s' is not part of a PVGIS hourly header "
                              "(expected 'name: value' lines, then '%s')", au_span_shown(s), s.s,
                              SERIES_COLUMNS);
            return 0;
        }
    }
    if (bad)
        return 0;
    if (!found) {
        au_reader_problem(r, it->line > 0 ? it->line : 1, "file ends before the column line "
                          "(expected the PVGIS hourly column line '%s')", SERIES_COLUMNS);
        return 0;
    }
    if (isnan(site[0]) || isnan(site[1])) {
        au_reader_problem(r, it->line, "the header gives no %s (expected a '%s: ...' line before "
                          "the columns)", isnan(site[0]) ? "latitude" : "longitude",
                          isnan(site[0]) ? keys[0] : keys[1]);
        return 0;
    }
    if (!slope_seen) {
        au_reader_problem(r, it->line, "the header gives no slope (expected 'Slope: 0 deg.': a "
                          "fixed horizontal plane, whose irradiance is GHI)");
        return 0;
    }
    return check_site(r, it->line, "latitude", site[0], -90.0, 90.0)
           && check_site(r, it->line, "longitude", site[1], -180.0, 180.0)
           && (isnan(site[2]) || check_site(r, it->line, "elevation", site[2], -500.0, 9000.0));
}

/* The columns of a series (col[S_N], -1 when absent); 1, or 0 after a
 * problem.  *beam: whether the components are there. */
static int series_columns(rd *r, long ln, au_span line, long col[S_N], size_t *ncol, int *beam)
{
    au_span f[MAX_FIELDS];
    size_t n = au_span_split(line, f, MAX_FIELDS);
    if (n > MAX_FIELDS) {
        au_reader_problem(r, ln, "column line has %zu columns (expected at most %d)", n,
                          MAX_FIELDS);
        return 0;
    }
    for (int c = 0; c < S_N; c++) {
        col[c] = -1;
        for (size_t i = 0; i < n; i++)
            if (au_span_eq(au_span_trim(f[i]), series_names[c])) {
                if (col[c] >= 0) {
                    au_reader_problem(r, ln, "column '%s' appears twice (expected it once)",
                                      series_names[c]);
                    return 0;
                }
                col[c] = (long)i;
            }
    }
    *beam = col[S_GB] >= 0 && col[S_GD] >= 0 && col[S_HSUN] >= 0;
    const char *missing = col[S_T] < 0 ? "T2m" : col[S_WS] < 0 ? "WS10m" : NULL;
    if (missing == NULL && !*beam && col[S_G] < 0)
        missing = col[S_GB] < 0 ? "Gb(i)" : col[S_GD] < 0 ? "Gd(i)" : "H_sun";
    if (missing != NULL) {
        au_reader_problem(r, ln, "column '%s' is missing (expected the PVGIS hourly columns %s, or "
                          "G(i) instead of the components)", missing, SERIES_COLUMNS);
        return 0;
    }
    *ncol = n;
    return 1;
}

/* The rows of a PVGIS hourly series. */
static void years_pvgis_series(rd *r, au_lines *it, years_acc *a, double want)
{
    au_span line, f[MAX_FIELDS];
    double site[3];
    long col[S_N], head = 0, minutes = -1, min_line = 0;
    size_t ncol = 0;
    int beam = 0;
    char when[64];
    if (series_header(r, it, &line, site) && series_columns(r, it->line, line, col, &ncol, &beam))
        head = it->line;
    a->beam_given = beam;
    while (head > 0 && !r->stopped && r->nerr == 0 && au_next_line(it, &line)) {
        long ln = it->line;
        if (au_span_trim(line).n == 0)
            break;                              /* the legend follows */
        size_t nf = au_span_split(line, f, MAX_FIELDS);
        if (nf != ncol) {
            au_reader_problem(r, ln, "row has %zu field%s (expected %zu, as in the column line "
                              "%ld)", nf, nf == 1 ? "" : "s", ncol, head);
            break;
        }
        au_span t = au_span_trim(f[col[S_TIME]]);
        long p[5];
        static const int at[5] = {0, 4, 6, 9, 11}, len[5] = {4, 2, 2, 2, 2};
        int ok = t.n == 13 && t.s[8] == ':';
        for (int i = 0; i < 5 && ok; i++)
            ok = to_digits((au_span){t.s + at[i], (size_t)len[i]}, &p[i]);
        if (!ok || p[3] > 23 || p[4] > 59) {
            au_reader_problem(r, ln, "time '%.*s' is not YYYYMMDD:HHMM (expected a PVGIS time "
                              "stamp such as 20190101:0010)", au_span_shown(t), t.s);
            break;
        }
        if (!check_date(r, ln, p[0], p[1], p[2]))
            break;
        if (minutes < 0) {
            minutes = p[4], min_line = ln;
        } else if (p[4] != minutes) {
            au_reader_problem(r, ln, "time '%.*s' is at minute %ld of its hour, the rows before at "
                              "minute %ld, line %ld (expected the same instant in every hour)",
                              au_span_shown(t), t.s, p[4], minutes, min_line);
            break;
        }
        double v[Q_N] = {0.0, NAN, NAN, 0.0, 0.0}, hsun = 0.0, gr = 0.0;
        snprintf(when, sizeof when, "%.*s", au_span_shown(t), t.s);
        if (p[1] == 2 && p[2] == 29) {          /* dropped: only its place in the order */
            if (!years_add(a, ln, when, p[0], p[1], p[2], p[3], 0, v))
                break;
            continue;
        }
        ok = get_value(r, ln, f[col[S_T]], Q_TEMP, (size_t)col[S_T] + 1, 0, &v[Q_TEMP]);
        ok &= get_value(r, ln, f[col[S_WS]], Q_WIND, (size_t)col[S_WS] + 1, 0, &v[Q_WIND]);
        if (beam) {
            double gb = 0.0;
            ok &= get_value(r, ln, f[col[S_GB]], Q_GHI, (size_t)col[S_GB] + 1, 0, &gb);
            ok &= get_value(r, ln, f[col[S_GD]], Q_DHI, (size_t)col[S_GD] + 1, 0, &v[Q_DHI]);
            if (col[S_GR] >= 0)
                ok &= get_value(r, ln, f[col[S_GR]], Q_DHI, (size_t)col[S_GR] + 1, 0, &gr);
            au_span hs = au_span_trim(f[col[S_HSUN]]);
            if (ok && (au_span_to_double(hs, &hsun) != 1 || !(hsun >= -90.0 && hsun <= 90.0))) {
                au_reader_problem(r, ln, "sun height '%.*s' in column %ld is not an angle "
                                  "(expected -90 to 90 degrees)", au_span_shown(hs), hs.s,
                                  col[S_HSUN] + 1);
                ok = 0;
            }
            /* on the horizontal: GHI = beam + diffuse (+ reflected, 0) */
            v[Q_GHI] = gb + v[Q_DHI] + gr;
            if (ok && hsun >= SERIES_MIN_SUN_DEG) {
                v[Q_DNI] = gb / sin(hsun * M_PI / 180.0);
                if (v[Q_DNI] > qty[Q_DNI].hi) {
                    au_reader_problem(r, ln, "beam Gb(i) %g W/m2 with the sun %g degrees high "
                                      "makes a direct normal irradiance of %.0f W/m2 (expected at "
                                      "most %g: the beam and the sun height contradict each "
                                      "other)", gb, hsun, v[Q_DNI], qty[Q_DNI].hi);
                    ok = 0;
                }
            } else {
                v[Q_DNI] = 0.0;
                v[Q_DHI] += gb;
            }
            v[Q_DHI] += gr;
        } else {
            ok &= get_value(r, ln, f[col[S_G]], Q_GHI, (size_t)col[S_G] + 1, 0, &v[Q_GHI]);
        }
        if (!ok || !years_add(a, ln, when, p[0], p[1], p[2], p[3], 0, v))
            break;
    }
    years_finish(a, head, SERIES_COLUMNS, beam, site[0], site[1], site[2],
                 minutes < 0 ? 0.5 : (double)minutes / 60.0,
                 minutes < 0 ? AU_IRR_TIME_CONVENTION : AU_IRR_TIME_DECLARED, want);
}

au_status au_weather_read_years(const char *path, double utc_offset_h, au_weather **years,
                                int **year_numbers, size_t *n_years, au_diags *d)
{
    rd r = {path, d, 0, 0};
    *years = NULL, *year_numbers = NULL, *n_years = 0;
    char *buf = NULL;
    size_t len = 0;
    au_status st = slurp(&r, "hourly weather series of several years", &buf, &len);
    if (st != AU_OK)
        return st;
    if (memchr(buf, '\0', len) != NULL) {
        au_reader_problem(&r, 0, "the file contains a NUL byte (expected text)");
        free(buf);
        return AU_EINVAL;
    }
    au_lines it = {buf, buf + len, 0};
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        it.p += 3;
    years_acc a = {.r = &r};
    static const char pvgis_first[] = "Latitude (decimal degrees)";
    if ((size_t)(it.end - it.p) >= sizeof pvgis_first - 1
        && memcmp(it.p, pvgis_first, sizeof pvgis_first - 1) == 0)
        years_pvgis_series(&r, &it, &a, utc_offset_h);
    else
        years_plain_csv(&r, &it, &a, utc_offset_h);
    free(buf);
    free(a.lines);
    if (r.nerr > 0) {
        free(a.ys), free(a.yn);
        return AU_EINVAL;
    }
    *years = a.ys, *year_numbers = a.yn, *n_years = a.ny;
    return AU_OK;
}
