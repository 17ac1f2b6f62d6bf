/* shapes.c: built-in hourly shapes of demand, and user hourly profiles
 * (shapes.h).
 *
 * The typical year.  365 days of 24 hours of local standard time, hour 0 =
 * 1 January 00:00-01:00.  Its 1 January is a Monday (as in 2018 or 2029), so
 * day d of the year (0-based) is a Monday when d % 7 == 0.  Each day has a
 * day type: weekday (Monday to Friday), Saturday, or Sunday; the French public
 * holidays on fixed dates (1 January, 1 May, 8 May, 14 July, 15 August,
 * 1 November, 11 November, 25 December) count as Sundays, as the BDEW profiles
 * count holidays.  The movable holidays (Easter Monday, Ascension, Whit Monday)
 * are not marked: their dates change every year and a typical year has none.
 * With this calendar the year has 255 weekdays, 51 Saturdays (14 July is a
 * Saturday) and 59 Sundays and holidays.
 *
 * A shape is, hour by hour, day[type of the day][hour of the day] times
 * month[month of the day], divided by its sum over the year, so that the 8760
 * values add up to 1 (to rounding, about 1e-15).  The tables below give each
 * shape's 3 x 24 daily factors and 12 monthly factors with their sources.
 * Only ratios matter: a table's unit is its source's where it has one.
 * Where a BDEW 2025 profile gives a table for each month and day type (96
 * quarter-hours x 3 day types x 12 months, kWh for 1 GWh a year), the daily
 * factors are the hourly sums (four quarter-hours) averaged over the 12
 * months, and the monthly factor is the month's daily energy (5 weekdays,
 * 1 Saturday, 1 Sunday a week) over the year's, times, for the dynamic
 * profile H25, the mean of BDEW's dynamisation polynomial over the month's
 * days; the monthly factors are then scaled to a mean of 1 over the 365 days
 * (which changes nothing after normalisation).  This keeps each month's
 * energy and the year's average day; it drops the small changes of the daily
 * pattern from month to month (the winter evening peak comes a little
 * earlier).  The BDEW tables used are those shipped by oemof demandlib
 * (src/demandlib/bdew/bdew_data/g25.csv, l25.csv and
 * src/oemof/demand/bdew/bdew_data/h25.csv; dynamisation in
 * src/demandlib/bdew/_profiles25.py), as published by BDEW in 2025
 * ("Standardlastprofile Strom", www.bdew.de/energie/standardlastprofile-strom/).
 *
 * The user hourly profile (au_profile_csv_read) is a text CSV file:
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
 *   Reading goes on after a bad row, so that one run lists up to 20 problems. */
#include "autonomy/shapes.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textfile.h"

/* ---- the calendar of the typical year ---- */

enum { DT_WEEKDAY, DT_SATURDAY, DT_SUNDAY, DT_N };

#define DAYS 365

static const int month_start[13] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};

/* French public holidays on fixed dates: month, day. */
static const int holidays[][2] = {{1, 1}, {5, 1}, {5, 8}, {7, 14}, {8, 15}, {11, 1}, {11, 11},
                                  {12, 25}};

static int day_type(int doy)
{
    for (size_t i = 0; i < sizeof holidays / sizeof holidays[0]; i++)
        if (doy == month_start[holidays[i][0] - 1] + holidays[i][1] - 1)
            return DT_SUNDAY;
    switch (doy % 7) {                      /* 1 January is a Monday */
    case 5: return DT_SATURDAY;
    case 6: return DT_SUNDAY;
    default: return DT_WEEKDAY;
    }
}

static int month_of(int doy)
{
    int m = 0;
    while (doy >= month_start[m + 1])
        m++;
    return m;
}

/* ---- the tables ---- */

static const double ones_day[24] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
static const double ones_month[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

/* Residential specific electricity: BDEW H25 (households, 2025; measured on
 * German households in 2018 and 2019; dynamic).  kWh per hour for 1 GWh a
 * year, before dynamisation.  Night minimum at 03:00, a morning peak at 07:00
 * on weekdays (late morning on weekends), the evening peak at 19:00 the
 * highest.  Monthly: the month's energy in H25 times the mean over the
 * month's days d (1..365) of BDEW's dynamisation factor
 * -3.92e-10 d^4 + 3.2e-7 d^3 - 7.02e-5 d^2 + 2.1e-3 d + 1.24
 * (about 1.24 in January, 0.77 in July: lighting and time spent indoors). */
static const double res_day[DT_N][24] = {
    {   /* weekday */
        80.515, 69.637, 65.690, 65.236, 68.477, 78.699, 99.286, 106.122,
        100.478, 98.068, 98.577, 107.659, 112.288, 110.039, 106.774, 109.227,
        120.397, 142.817, 163.712, 169.824, 161.745, 147.702, 129.700, 103.023,
    },
    {   /* Saturday */
        88.517, 75.438, 69.449, 67.441, 67.851, 70.276, 82.332, 105.166,
        127.444, 139.526, 147.322, 158.476, 156.806, 148.650, 144.001, 142.500,
        146.334, 159.424, 170.377, 168.192, 157.689, 145.904, 133.603, 112.314,
    },
    {   /* Sunday and holiday */
        92.103, 78.950, 72.173, 69.139, 68.265, 70.175, 79.012, 99.416,
        127.630, 149.585, 165.751, 183.817, 176.375, 159.080, 148.014, 142.836,
        145.501, 162.349, 175.761, 174.435, 163.069, 147.515, 128.523, 102.007,
    },
};
static const double res_month[12] = {1.1898, 1.1495, 1.0396, 0.9919, 0.9082, 0.8702,
                                     0.8756, 0.8659, 0.8901, 0.9835, 1.0743, 1.1701};

/* Tertiary: BDEW G25 (commerce and services in general, 2025; measured in
 * 2022 and 2023; static).  kWh per hour for 1 GWh a year.  Working hours
 * 08:00-17:00 on weekdays (peak 242 at 10:00 against 53 at night), a short
 * Saturday morning, Sundays near the night level all day.  Monthly: the
 * month's energy in G25 (more in winter: lighting, auxiliaries of heating). */
static const double ter_day[DT_N][24] = {
    {   /* weekday */
        55.128, 53.811, 53.349, 54.469, 58.736, 71.555, 101.488, 157.481,
        209.114, 230.050, 242.708, 241.582, 222.745, 207.890, 205.167, 195.843,
        178.832, 157.674, 124.743, 98.066, 83.230, 73.332, 64.624, 59.136,
    },
    {   /* Saturday */
        55.902, 54.444, 53.351, 53.769, 56.002, 63.194, 70.150, 78.470,
        95.268, 117.171, 128.856, 129.674, 121.156, 108.377, 98.477, 94.674,
        90.639, 90.129, 84.411, 79.171, 72.737, 67.300, 61.510, 57.652,
    },
    {   /* Sunday and holiday */
        54.442, 52.945, 52.116, 51.958, 52.666, 54.424, 57.476, 60.718,
        64.097, 67.541, 71.828, 74.239, 74.034, 72.426, 70.812, 71.264,
        73.285, 75.280, 74.303, 71.864, 68.264, 63.565, 58.451, 54.497,
    },
};
static const double ter_month[12] = {1.1026, 1.0908, 1.0599, 0.9922, 0.9391, 0.9406,
                                     0.8910, 0.9074, 0.9338, 0.9663, 1.0959, 1.0880};

/* Industry: estimate.  No public hourly profile of French industry was found
 * (BDEW has none; Enedis's load-profile tables were not reachable).  Relative
 * load (1 = full two-shift production): a base of about half the full load
 * all the time (continuous processes, compressed air, cooling, ventilation
 * and lighting of sites that run round the clock), two shifts 06:00-14:00
 * and 14:00-22:00 on weekdays with start-up at 05:00 and a run-down after
 * 22:00, one morning shift on Saturdays, the base only on Sundays and
 * holidays.  Monthly: a dip of about a fifth in August, when many French
 * plants close two or three weeks; smaller dips in May (1 and 8 May,
 * Ascension bridges), July and December (the Christmas week). */
static const double ind_day[DT_N][24] = {
    {   /* weekday */
        0.52, 0.50, 0.50, 0.50, 0.52, 0.65, 0.90, 1.00,
        1.00, 1.00, 1.00, 0.98, 0.95, 0.97, 0.98, 0.98,
        0.97, 0.95, 0.92, 0.90, 0.88, 0.82, 0.65, 0.56,
    },
    {   /* Saturday */
        0.50, 0.48, 0.48, 0.48, 0.48, 0.52, 0.62, 0.70,
        0.72, 0.72, 0.72, 0.70, 0.66, 0.60, 0.56, 0.54,
        0.52, 0.52, 0.50, 0.50, 0.50, 0.49, 0.48, 0.47,
    },
    {   /* Sunday and holiday */
        0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45,
        0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45,
        0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45,
    },
};
static const double ind_month[12] = {0.99, 1.02, 1.02, 1.01, 0.97, 1.01,
                                     0.97, 0.80, 1.02, 1.03, 1.02, 0.94};

/* Agriculture: BDEW L25 (farms, 2025, built on the former L0; static).  kWh
 * per hour for 1 GWh a year.  Daytime work with the morning (08:00) and
 * evening (19:00) peaks of livestock farms (milking, cooling of milk, feeding,
 * ventilation), low at night.  Monthly: the month's energy in L25 (more in
 * winter: lighting of stables, heating of young animals). */
static const double agr_day[DT_N][24] = {
    {   /* weekday */
        65.585, 58.609, 56.071, 54.241, 53.572, 58.986, 80.288, 134.586,
        192.526, 182.204, 143.989, 145.275, 130.264, 106.370, 102.513, 102.288,
        105.806, 130.485, 185.156, 205.749, 161.752, 118.317, 97.224, 79.536,
    },
    {   /* Saturday */
        69.177, 64.268, 59.210, 55.549, 54.179, 56.343, 66.917, 115.545,
        179.715, 191.354, 162.079, 159.043, 139.365, 108.418, 92.201, 85.547,
        87.292, 112.458, 166.364, 192.749, 154.478, 111.706, 90.932, 73.668,
    },
    {   /* Sunday and holiday */
        62.683, 58.118, 55.556, 54.131, 53.746, 59.318, 85.483, 141.671,
        198.063, 189.100, 149.644, 151.027, 134.671, 110.260, 104.743, 100.700,
        103.190, 129.111, 182.154, 205.047, 163.231, 119.378, 97.465, 77.193,
    },
};
static const double agr_month[12] = {1.0835, 1.0835, 1.0539, 0.9948, 0.9516, 0.9085,
                                     0.9085, 0.9085, 0.9516, 0.9948, 1.0835, 1.0835};

/* Domestic hot water: When2Heat (Ruhnau, Hirth & Praktiknjo 2019, "Time
 * series of heat demand and heat pump efficiency for energy system
 * modeling", Scientific Data 6:189; repository oruhnau/when2heat).  Share of
 * the day's hot water in each hour: the BGW/BDEW hourly factors of its
 * highest temperature class, which When2Heat uses for water heating
 * (input/bgw_bdew/hourly_factors_SFH.csv and _MFH.csv, column 30), mixed
 * 70 % single-family and 30 % multi-family houses as When2Heat aggregates
 * them.  Draw-offs peak at 06:00-08:00 and 17:00-21:00.  When2Heat has no
 * weekday pattern for homes: the same day for every day type.  Monthly: its
 * daily water-heating function m_w max(T, 15 °C) + b_w + D (daily_demand.csv,
 * "normal" wind: SFH m_w -0.002209, b_w 0.1074468, D 0.0716431; MFH m_w
 * -0.002232, b_w 0.1199207, D 0.0873352; same 70/30 mix), a little higher
 * when it is colder (colder mains water), applied to the monthly mean air
 * temperatures of the built-in typical year (synth_amiens.c: 3.0 ... 4.9 °C)
 * instead of day by day; flat below 15 °C, as in When2Heat. */
static const double hot_water_day[24] = {
    0.01053, 0.01143, 0.01049, 0.01278, 0.02477, 0.05764, 0.07893, 0.07328,
    0.05786, 0.05621, 0.05165, 0.05179, 0.05045, 0.04224, 0.04138, 0.03714,
    0.04137, 0.04746, 0.04700, 0.04921, 0.05170, 0.04593, 0.03145, 0.01734,
};
static const double hot_water_month[12] = {1.0124, 1.0124, 1.0124, 1.0124, 1.0124, 0.9680,
                                           0.9645, 0.9601, 1.0094, 1.0124, 1.0124, 1.0124};

/* Electric vehicles charged on arrival home: the Electric Nation trial (UK,
 * 2017-2019, uncontrolled home charging), as diversified profiles by the
 * University of Melbourne (repository Team-Nando/EV-Demand-Profiles,
 * "Weekday/Weekend - Level 2 - Diversified (Average) of 1,200 EVs": 7.36 kW
 * chargers, near the 7.4 kW wallboxes usual in French homes).  Mean kW per
 * vehicle in each hour, the hourly means of the published 1-minute values.
 * Charging starts as cars come home from 16:00-17:00, peaks at 19:00-21:00 on
 * weekdays (broader and lower at weekends: 14.65 against 15.10 kWh a day per
 * vehicle) and tails off after midnight.  The weekend profile serves
 * Saturdays, Sundays and holidays.  Monthly: estimate, about 1 % more energy
 * per kilometre per kelvin below the annual mean temperature (cabin heating,
 * cold batteries; a round figure within the range of fleet studies), on the
 * typical year's monthly temperatures: +8 % in January, -8 % in August. */
static const double ev_weekday[24] = {
    0.7474, 0.4725, 0.2329, 0.1359, 0.0677, 0.0265, 0.0479, 0.1193,
    0.2512, 0.3874, 0.4184, 0.4346, 0.4731, 0.5069, 0.5807, 0.6210,
    0.7033, 0.9526, 1.2693, 1.4280, 1.4607, 1.4533, 1.2599, 1.0507,
};
static const double ev_weekend[24] = {
    0.6403, 0.4304, 0.2631, 0.1640, 0.1126, 0.0678, 0.0473, 0.0671,
    0.1390, 0.2567, 0.4238, 0.5843, 0.7443, 0.8502, 0.8785, 0.9367,
    1.0665, 1.0831, 1.0517, 1.1001, 1.0769, 0.9686, 0.8935, 0.8061,
};
static const double ev_month[12] = {1.0805, 1.0655, 1.0388, 1.0012, 0.9712, 0.9303,
                                    0.9279, 0.9249, 0.9588, 0.9976, 1.0452, 1.0622};

typedef struct {
    const char *name;
    const double *day[DT_N];    /* 24 factors per day type */
    const double *month;        /* 12 factors */
} shape_def;

static const shape_def shapes[AU_SHAPE_COUNT] = {
    [AU_SHAPE_FLAT] = {"flat", {ones_day, ones_day, ones_day}, ones_month},
    [AU_SHAPE_RESIDENTIAL] = {"residential", {res_day[0], res_day[1], res_day[2]}, res_month},
    [AU_SHAPE_TERTIARY] = {"tertiary", {ter_day[0], ter_day[1], ter_day[2]}, ter_month},
    [AU_SHAPE_INDUSTRY] = {"industry", {ind_day[0], ind_day[1], ind_day[2]}, ind_month},
    [AU_SHAPE_AGRICULTURE] = {"agriculture", {agr_day[0], agr_day[1], agr_day[2]}, agr_month},
    [AU_SHAPE_HOT_WATER] = {"hot-water", {hot_water_day, hot_water_day, hot_water_day},
                            hot_water_month},
    [AU_SHAPE_EV_EVENING] = {"ev-evening", {ev_weekday, ev_weekend, ev_weekend}, ev_month},
};

const char *au_shape_name(au_shape s)
{
    if ((unsigned)s >= (unsigned)AU_SHAPE_COUNT)
        return NULL;
    return shapes[s].name;
}

void au_shape_fill(au_shape s, double *out)
{
    assert(out != NULL);
    if ((unsigned)s >= (unsigned)AU_SHAPE_COUNT) {
        assert(0 && "au_shape_fill: not a shape");
        s = AU_SHAPE_FLAT;
    }
    const shape_def *sh = &shapes[s];
    double sum = 0.0, comp = 0.0;           /* Neumaier's compensated sum */
    for (int d = 0; d < DAYS; d++) {
        const double *day = sh->day[day_type(d)];
        double f = sh->month[month_of(d)];
        for (int h = 0; h < 24; h++) {
            double v = day[h] * f;
            out[24 * d + h] = v;
            double t = sum + v;
            comp += fabs(sum) >= fabs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
    }
    sum += comp;
    for (int k = 0; k < AU_HOURS; k++)
        out[k] /= sum;
}

/* ---- the user hourly profile ---- */

/* Largest profile file read: 8760 rows of "8759,123456.789012\r\n" are about
 * 200 kB; a generous margin for long numbers and comments. */
#define AU_PROFILE_MAX_BYTES (16L * 1024 * 1024)

/* Diagnostics kept per file before giving up. */
#define MAX_ERRORS 20

/* Rows of the 29th of February in a leap year's file (0-based). */
#define FEB29_FIRST_ROW (59 * 24)

typedef struct {
    const char *path;
    au_diags *d;
    int nerr;
    int stopped;
} rd;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void problem(rd *r, long line, const char *fmt, ...)
{
    char msg[768];
    va_list ap;

    if (r->stopped)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    au_diags_add(r->d, r->path, line, "%s", msg);
    if (++r->nerr >= MAX_ERRORS) {
        au_diags_add(r->d, r->path, line,
                     "stopped after %d errors (expected fewer; fix these first)", MAX_ERRORS);
        r->stopped = 1;
    }
}

/* Length of s to show in a message. */
static int shown(au_span s)
{
    return s.n > 40 ? 40 : (int)s.n;
}

/* A decimal number, the whole (trimmed) field: 1 if it is a finite number,
 * 0 if it is not a number, -1 if it is a number too large for a double. */
static int to_double(au_span s, double *v)
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

/* A whole number of at most 9 digits, with an optional sign. */
static int to_long(au_span s, long *v)
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

/* Reads the whole file into a NUL-terminated buffer (malloc'd; the caller
 * frees it). */
static au_status slurp(rd *r, char **buf, size_t *len)
{
    au_file_error why;
    au_status st = au_read_file(r->path, AU_PROFILE_MAX_BYTES, buf, len, &why);
    if (st != AU_OK) {
        char msg[512];
        au_file_error_text(&why, "hourly profile CSV", "an hourly profile", msg, sizeof msg);
        problem(r, 0, "%s", msg);
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
        problem(r, line, "line contains a NUL byte (expected text)");
        return AU_EINVAL;
    }
    au_lines it = {buf, buf + len, 0};
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        it.p += 3;

    au_span line, f[3];
    long nrows = 0;             /* data rows seen */
    long first_line = 0;        /* line of the first data row */
    long extra_line = 0;        /* line of the first row beyond the year */
    size_t nfields = 0;         /* fields of the first data row: 1 or 2 */
    int seen_content = 0;       /* a non-comment line was seen */
    while (!r->stopped && au_next_line(&it, &line)) {
        long ln = it.line;
        au_span s = au_span_trim(line);
        if (s.n == 0 || s.s[0] == '#')
            continue;
        size_t n = au_span_split(s, f, 3);
        if (!seen_content) {
            seen_content = 1;
            double x;
            if (to_double(f[0], &x) == 0)
                continue;                       /* the header line */
        }
        long k = nrows++;
        if (k == 0) {
            first_line = ln;
            nfields = n;
            if (n != 1 && n != 2) {
                problem(r, ln, "row has %zu fields (expected 1, the value, or 2, the hour "
                        "and the value)", n);
                return AU_EINVAL;
            }
        }
        if (k >= AU_HOURS) {
            if (extra_line == 0)
                extra_line = ln;
            continue;                           /* counted, reported at the end */
        }
        if (n != nfields) {
            problem(r, ln, "row has %zu field%s (expected %zu, as in the first data row at "
                    "line %ld)", n, n == 1 ? "" : "s", nfields, first_line);
            continue;
        }
        au_span val = au_span_trim(f[n - 1]);
        if (n == 2) {
            au_span t = au_span_trim(f[0]);
            long h;
            if (!to_long(t, &h)) {
                problem(r, ln, "hour '%.*s' is not a whole number (expected the hour of the "
                        "year, %ld here)", shown(t), t.s, k);
                continue;
            }
            if (h != k) {
                problem(r, ln, "hour %ld is out of order (expected %ld: hours 0 to %d in "
                        "order, one row each)", h, k, AU_HOURS - 1);
                continue;
            }
        }
        double x;
        int ok = to_double(val, &x);
        if (ok == 0) {
            problem(r, ln, "value '%.*s' is not a number (expected a non-negative decimal "
                    "number such as 2.385, with a '.')", shown(val), val.s);
        } else if (ok < 0) {
            problem(r, ln, "value '%.*s' is too large (expected a finite non-negative "
                    "number)", shown(val), val.s);
        } else if (x < 0.0) {
            problem(r, ln, "value %g is negative (expected a non-negative number)", x);
        } else {
            v[k] = x + 0.0;                     /* -0 becomes +0 */
        }
    }
    if (r->stopped)
        return AU_EINVAL;
    if (nrows > AU_HOURS) {
        if (nrows == AU_HOURS + 24)
            problem(r, extra_line, "the file has %ld data rows, those of a leap year (expected "
                    "%d: drop 29 February, the 24 data rows %d to %d)", nrows, AU_HOURS,
                    FEB29_FIRST_ROW + 1, FEB29_FIRST_ROW + 24);
        else
            problem(r, extra_line, "the file has %ld data rows, %ld too many; this is row %d "
                    "(expected %d, one per hour of the year)", nrows, nrows - AU_HOURS,
                    AU_HOURS + 1, AU_HOURS);
    } else if (nrows < AU_HOURS) {
        problem(r, it.line > 0 ? it.line : 1, "the file ends after %ld data rows (expected "
                "%d, one per hour of the year)", nrows, AU_HOURS);
    }
    if (r->nerr > 0)
        return AU_EINVAL;
    for (long k = 0; k < AU_HOURS; k++)
        if (v[k] != 0.0)
            return AU_OK;
    problem(r, 0, "the profile is zero in every hour (expected some demand)");
    return AU_EINVAL;
}

au_status au_profile_csv_read(const char *path, double *out, au_diags *d)
{
    au_diags local;
    rd r = {path, d, 0, 0};
    au_status st;

    if (d == NULL) {
        au_diags_init(&local);
        r.d = &local;
    }
    if (path == NULL || out == NULL) {
        problem(&r, 0, "no file or no output was given (expected a path and an array of %d "
                "values)", AU_HOURS);
        st = AU_EINVAL;
    } else {
        char *buf = NULL;
        size_t len = 0;
        double *v = malloc(AU_HOURS * sizeof *v);
        if (v == NULL) {
            problem(&r, 0, "out of memory reading the file (expected %zu bytes to be "
                    "available)", AU_HOURS * sizeof *v);
            st = AU_ENOMEM;
        } else {
            st = slurp(&r, &buf, &len);
            if (st == AU_OK)
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
