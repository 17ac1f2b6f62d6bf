/* sun.c: where the sun is in the sky, seen from a place on Earth (sun.h).
 *
 * This is NREL's Solar Position Algorithm, written from the equations of
 * Reda & Andreas (2004), "Solar position algorithm for solar radiation
 * applications", Solar Energy 76(5):577-589 (NREL/TP-560-34302, revised
 * 2008): the Earth's heliocentric position from the VSOP87 periodic terms,
 * nutation from the 63 terms of the IAU 1980 theory, then aberration,
 * sidereal time, parallax and refraction, step by step in the paper's order.
 * It is meant to be called for every hour of every simulated year, so it
 * allocates nothing and keeps no state between calls.
 *
 * Outside the paper's equations: au_delta_t_estimate() uses the polynomial
 * expressions of Espenak & Meeus for ΔT (NASA Eclipse web site, "Polynomial
 * expressions for Delta T"). */
#include "autonomy/sun.h"

#include <math.h>
#include <stddef.h>

#define AU_PI 3.14159265358979323846

/* One periodic term of the Earth's position: A cos(B + C * JME).
 * A is in 1e-8 rad (or 1e-8 AU for the radius), B in rad, C in rad per
 * Julian millennium. */
typedef struct earth_term {
    double a, b, c;
} earth_term;

/* The periodic terms of the Earth's heliocentric longitude (L0-L5), latitude
 * (B0-B1) and radius vector (R0-R4), from Table A4.2 of Reda & Andreas
 * (2004), itself taken from VSOP87 (Bretagnon & Francou 1988); transcribed
 * from pvlib-python's pvlib/spa.py (BSD-3-Clause), which publishes the same
 * table. */
static const earth_term L0[] = {
    {175347046.0, 0.0, 0.0},
    {3341656.0, 4.6692568, 6283.07585},
    {34894.0, 4.6261, 12566.1517},
    {3497.0, 2.7441, 5753.3849},
    {3418.0, 2.8289, 3.5231},
    {3136.0, 3.6277, 77713.7715},
    {2676.0, 4.4181, 7860.4194},
    {2343.0, 6.1352, 3930.2097},
    {1324.0, 0.7425, 11506.7698},
    {1273.0, 2.0371, 529.691},
    {1199.0, 1.1096, 1577.3435},
    {990.0, 5.233, 5884.927},
    {902.0, 2.045, 26.298},
    {857.0, 3.508, 398.149},
    {780.0, 1.179, 5223.694},
    {753.0, 2.533, 5507.553},
    {505.0, 4.583, 18849.228},
    {492.0, 4.205, 775.523},
    {357.0, 2.92, 0.067},
    {317.0, 5.849, 11790.629},
    {284.0, 1.899, 796.298},
    {271.0, 0.315, 10977.079},
    {243.0, 0.345, 5486.778},
    {206.0, 4.806, 2544.314},
    {205.0, 1.869, 5573.143},
    {202.0, 2.458, 6069.777},
    {156.0, 0.833, 213.299},
    {132.0, 3.411, 2942.463},
    {126.0, 1.083, 20.775},
    {115.0, 0.645, 0.98},
    {103.0, 0.636, 4694.003},
    {102.0, 0.976, 15720.839},
    {102.0, 4.267, 7.114},
    {99.0, 6.21, 2146.17},
    {98.0, 0.68, 155.42},
    {86.0, 5.98, 161000.69},
    {85.0, 1.3, 6275.96},
    {85.0, 3.67, 71430.7},
    {80.0, 1.81, 17260.15},
    {79.0, 3.04, 12036.46},
    {75.0, 1.76, 5088.63},
    {74.0, 3.5, 3154.69},
    {74.0, 4.68, 801.82},
    {70.0, 0.83, 9437.76},
    {62.0, 3.98, 8827.39},
    {61.0, 1.82, 7084.9},
    {57.0, 2.78, 6286.6},
    {56.0, 4.39, 14143.5},
    {56.0, 3.47, 6279.55},
    {52.0, 0.19, 12139.55},
    {52.0, 1.33, 1748.02},
    {51.0, 0.28, 5856.48},
    {49.0, 0.49, 1194.45},
    {41.0, 5.37, 8429.24},
    {41.0, 2.4, 19651.05},
    {39.0, 6.17, 10447.39},
    {37.0, 6.04, 10213.29},
    {37.0, 2.57, 1059.38},
    {36.0, 1.71, 2352.87},
    {36.0, 1.78, 6812.77},
    {33.0, 0.59, 17789.85},
    {30.0, 0.44, 83996.85},
    {30.0, 2.74, 1349.87},
    {25.0, 3.16, 4690.48},
};

static const earth_term L1[] = {
    {628331966747.0, 0.0, 0.0},
    {206059.0, 2.678235, 6283.07585},
    {4303.0, 2.6351, 12566.1517},
    {425.0, 1.59, 3.523},
    {119.0, 5.796, 26.298},
    {109.0, 2.966, 1577.344},
    {93.0, 2.59, 18849.23},
    {72.0, 1.14, 529.69},
    {68.0, 1.87, 398.15},
    {67.0, 4.41, 5507.55},
    {59.0, 2.89, 5223.69},
    {56.0, 2.17, 155.42},
    {45.0, 0.4, 796.3},
    {36.0, 0.47, 775.52},
    {29.0, 2.65, 7.11},
    {21.0, 5.34, 0.98},
    {19.0, 1.85, 5486.78},
    {19.0, 4.97, 213.3},
    {17.0, 2.99, 6275.96},
    {16.0, 0.03, 2544.31},
    {16.0, 1.43, 2146.17},
    {15.0, 1.21, 10977.08},
    {12.0, 2.83, 1748.02},
    {12.0, 3.26, 5088.63},
    {12.0, 5.27, 1194.45},
    {12.0, 2.08, 4694.0},
    {11.0, 0.77, 553.57},
    {10.0, 1.3, 6286.6},
    {10.0, 4.24, 1349.87},
    {9.0, 2.7, 242.73},
    {9.0, 5.64, 951.72},
    {8.0, 5.3, 2352.87},
    {6.0, 2.65, 9437.76},
    {6.0, 4.67, 4690.48},
};

static const earth_term L2[] = {
    {52919.0, 0.0, 0.0},
    {8720.0, 1.0721, 6283.0758},
    {309.0, 0.867, 12566.152},
    {27.0, 0.05, 3.52},
    {16.0, 5.19, 26.3},
    {16.0, 3.68, 155.42},
    {10.0, 0.76, 18849.23},
    {9.0, 2.06, 77713.77},
    {7.0, 0.83, 775.52},
    {5.0, 4.66, 1577.34},
    {4.0, 1.03, 7.11},
    {4.0, 3.44, 5573.14},
    {3.0, 5.14, 796.3},
    {3.0, 6.05, 5507.55},
    {3.0, 1.19, 242.73},
    {3.0, 6.12, 529.69},
    {3.0, 0.31, 398.15},
    {3.0, 2.28, 553.57},
    {2.0, 4.38, 5223.69},
    {2.0, 3.75, 0.98},
};

static const earth_term L3[] = {
    {289.0, 5.844, 6283.076},
    {35.0, 0.0, 0.0},
    {17.0, 5.49, 12566.15},
    {3.0, 5.2, 155.42},
    {1.0, 4.72, 3.52},
    {1.0, 5.3, 18849.23},
    {1.0, 5.97, 242.73},
};

static const earth_term L4[] = {
    {114.0, 3.142, 0.0},
    {8.0, 4.13, 6283.08},
    {1.0, 3.84, 12566.15},
};

static const earth_term L5[] = {
    {1.0, 3.14, 0.0},
};

static const earth_term B0[] = {
    {280.0, 3.199, 84334.662},
    {102.0, 5.422, 5507.553},
    {80.0, 3.88, 5223.69},
    {44.0, 3.7, 2352.87},
    {32.0, 4.0, 1577.34},
};

static const earth_term B1[] = {
    {9.0, 3.9, 5507.55},
    {6.0, 1.73, 5223.69},
};

static const earth_term R0[] = {
    {100013989.0, 0.0, 0.0},
    {1670700.0, 3.0984635, 6283.07585},
    {13956.0, 3.05525, 12566.1517},
    {3084.0, 5.1985, 77713.7715},
    {1628.0, 1.1739, 5753.3849},
    {1576.0, 2.8469, 7860.4194},
    {925.0, 5.453, 11506.77},
    {542.0, 4.564, 3930.21},
    {472.0, 3.661, 5884.927},
    {346.0, 0.964, 5507.553},
    {329.0, 5.9, 5223.694},
    {307.0, 0.299, 5573.143},
    {243.0, 4.273, 11790.629},
    {212.0, 5.847, 1577.344},
    {186.0, 5.022, 10977.079},
    {175.0, 3.012, 18849.228},
    {110.0, 5.055, 5486.778},
    {98.0, 0.89, 6069.78},
    {86.0, 5.69, 15720.84},
    {86.0, 1.27, 161000.69},
    {65.0, 0.27, 17260.15},
    {63.0, 0.92, 529.69},
    {57.0, 2.01, 83996.85},
    {56.0, 5.24, 71430.7},
    {49.0, 3.25, 2544.31},
    {47.0, 2.58, 775.52},
    {45.0, 5.54, 9437.76},
    {43.0, 6.01, 6275.96},
    {39.0, 5.36, 4694.0},
    {38.0, 2.39, 8827.39},
    {37.0, 0.83, 19651.05},
    {37.0, 4.9, 12139.55},
    {36.0, 1.67, 12036.46},
    {35.0, 1.84, 2942.46},
    {33.0, 0.24, 7084.9},
    {32.0, 0.18, 5088.63},
    {32.0, 1.78, 398.15},
    {28.0, 1.21, 6286.6},
    {28.0, 1.9, 6279.55},
    {26.0, 4.59, 10447.39},
};

static const earth_term R1[] = {
    {103019.0, 1.10749, 6283.07585},
    {1721.0, 1.0644, 12566.1517},
    {702.0, 3.142, 0.0},
    {32.0, 1.02, 18849.23},
    {31.0, 2.84, 5507.55},
    {25.0, 1.32, 5223.69},
    {18.0, 1.42, 1577.34},
    {10.0, 5.91, 10977.08},
    {9.0, 1.42, 6275.96},
    {9.0, 0.27, 5486.78},
};

static const earth_term R2[] = {
    {4359.0, 5.7846, 6283.0758},
    {124.0, 5.579, 12566.152},
    {12.0, 3.14, 0.0},
    {9.0, 3.63, 77713.77},
    {6.0, 1.87, 5573.14},
    {3.0, 5.47, 18849.23},
};

static const earth_term R3[] = {
    {145.0, 4.273, 6283.076},
    {7.0, 3.92, 12566.15},
};

static const earth_term R4[] = {
    {4.0, 2.56, 6283.08},
};

/* A series of terms and its length, so that one loop serves every table. */
typedef struct earth_series {
    const earth_term *terms;
    size_t n;
} earth_series;

#define AU_SERIES(t) {t, sizeof t / sizeof t[0]}

static const earth_series longitude_series[] = {
    AU_SERIES(L0), AU_SERIES(L1), AU_SERIES(L2),
    AU_SERIES(L3), AU_SERIES(L4), AU_SERIES(L5),
};
static const earth_series latitude_series[] = {AU_SERIES(B0), AU_SERIES(B1)};
static const earth_series radius_series[] = {
    AU_SERIES(R0), AU_SERIES(R1), AU_SERIES(R2), AU_SERIES(R3), AU_SERIES(R4),
};

/* One term of the nutation in longitude and obliquity (Table A4.3 of Reda &
 * Andreas 2004, from the IAU 1980 theory; transcribed from pvlib-python's
 * pvlib/spa.py): the argument is sum(y[j] * X[j]), the longitude
 * term (a + b JCE) sin(argument) and the obliquity term (c + d JCE)
 * cos(argument), in units of 0.0001 arc second. */
typedef struct nutation_term {
    signed char y[5];
    double a, b, c, d;
} nutation_term;

static const nutation_term nutation[] = {
    {{0, 0, 0, 0, 1}, -171996, -174.2, 92025, 8.9},
    {{-2, 0, 0, 2, 2}, -13187, -1.6, 5736, -3.1},
    {{0, 0, 0, 2, 2}, -2274, -0.2, 977, -0.5},
    {{0, 0, 0, 0, 2}, 2062, 0.2, -895, 0.5},
    {{0, 1, 0, 0, 0}, 1426, -3.4, 54, -0.1},
    {{0, 0, 1, 0, 0}, 712, 0.1, -7, 0},
    {{-2, 1, 0, 2, 2}, -517, 1.2, 224, -0.6},
    {{0, 0, 0, 2, 1}, -386, -0.4, 200, 0},
    {{0, 0, 1, 2, 2}, -301, 0, 129, -0.1},
    {{-2, -1, 0, 2, 2}, 217, -0.5, -95, 0.3},
    {{-2, 0, 1, 0, 0}, -158, 0, 0, 0},
    {{-2, 0, 0, 2, 1}, 129, 0.1, -70, 0},
    {{0, 0, -1, 2, 2}, 123, 0, -53, 0},
    {{2, 0, 0, 0, 0}, 63, 0, 0, 0},
    {{0, 0, 1, 0, 1}, 63, 0.1, -33, 0},
    {{2, 0, -1, 2, 2}, -59, 0, 26, 0},
    {{0, 0, -1, 0, 1}, -58, -0.1, 32, 0},
    {{0, 0, 1, 2, 1}, -51, 0, 27, 0},
    {{-2, 0, 2, 0, 0}, 48, 0, 0, 0},
    {{0, 0, -2, 2, 1}, 46, 0, -24, 0},
    {{2, 0, 0, 2, 2}, -38, 0, 16, 0},
    {{0, 0, 2, 2, 2}, -31, 0, 13, 0},
    {{0, 0, 2, 0, 0}, 29, 0, 0, 0},
    {{-2, 0, 1, 2, 2}, 29, 0, -12, 0},
    {{0, 0, 0, 2, 0}, 26, 0, 0, 0},
    {{-2, 0, 0, 2, 0}, -22, 0, 0, 0},
    {{0, 0, -1, 2, 1}, 21, 0, -10, 0},
    {{0, 2, 0, 0, 0}, 17, -0.1, 0, 0},
    {{2, 0, -1, 0, 1}, 16, 0, -8, 0},
    {{-2, 2, 0, 2, 2}, -16, 0.1, 7, 0},
    {{0, 1, 0, 0, 1}, -15, 0, 9, 0},
    {{-2, 0, 1, 0, 1}, -13, 0, 7, 0},
    {{0, -1, 0, 0, 1}, -12, 0, 6, 0},
    {{0, 0, 2, -2, 0}, 11, 0, 0, 0},
    {{2, 0, -1, 2, 1}, -10, 0, 5, 0},
    {{2, 0, 1, 2, 2}, -8, 0, 3, 0},
    {{0, 1, 0, 2, 2}, 7, 0, -3, 0},
    {{-2, 1, 1, 0, 0}, -7, 0, 0, 0},
    {{0, -1, 0, 2, 2}, -7, 0, 3, 0},
    {{2, 0, 0, 2, 1}, -7, 0, 3, 0},
    {{2, 0, 1, 0, 0}, 6, 0, 0, 0},
    {{-2, 0, 2, 2, 2}, 6, 0, -3, 0},
    {{-2, 0, 1, 2, 1}, 6, 0, -3, 0},
    {{2, 0, -2, 0, 1}, -6, 0, 3, 0},
    {{2, 0, 0, 0, 1}, -6, 0, 3, 0},
    {{0, -1, 1, 0, 0}, 5, 0, 0, 0},
    {{-2, -1, 0, 2, 1}, -5, 0, 3, 0},
    {{-2, 0, 0, 0, 1}, -5, 0, 3, 0},
    {{0, 0, 2, 2, 1}, -5, 0, 3, 0},
    {{-2, 0, 2, 0, 1}, 4, 0, 0, 0},
    {{-2, 1, 0, 2, 1}, 4, 0, 0, 0},
    {{0, 0, 1, -2, 0}, 4, 0, 0, 0},
    {{-1, 0, 1, 0, 0}, -4, 0, 0, 0},
    {{-2, 1, 0, 0, 0}, -4, 0, 0, 0},
    {{1, 0, 0, 0, 0}, -4, 0, 0, 0},
    {{0, 0, 1, 2, 0}, 3, 0, 0, 0},
    {{0, 0, -2, 2, 2}, -3, 0, 0, 0},
    {{-1, -1, 1, 0, 0}, -3, 0, 0, 0},
    {{0, 1, 1, 0, 0}, -3, 0, 0, 0},
    {{0, -1, 1, 2, 2}, -3, 0, 0, 0},
    {{2, -1, -1, 2, 2}, -3, 0, 0, 0},
    {{0, 0, 3, 2, 2}, -3, 0, 0, 0},
    {{2, -1, 0, 2, 2}, -3, 0, 0, 0},
};

/* Input ranges (sun.h): wide enough for any real place and time, narrowed
 * where a formula would divide by zero (temperature at absolute zero; a
 * refraction at the horizon past 4.5° lets the refraction formula reach its
 * pole just above -5.11° of elevation). */
#define AU_SPA_YEAR_MIN (-2000)
#define AU_SPA_YEAR_MAX 6000
#define AU_SPA_TIMEZONE_MAX_H 18.0
#define AU_SPA_ELEVATION_MIN_M (-6500000.0)
#define AU_SPA_ELEVATION_MAX_M 1.0e8
#define AU_SPA_PRESSURE_MAX_MBAR 5000.0
#define AU_SPA_TEMPERATURE_MIN_C (-273.0)
#define AU_SPA_TEMPERATURE_MAX_C 6000.0
#define AU_SPA_DELTA_T_MAX_S 8000.0
#define AU_SPA_REFRACT_MAX_DEG 4.5

static double to_rad(double x_deg) { return x_deg * (AU_PI / 180.0); }
static double to_deg(double x_rad) { return x_rad * (180.0 / AU_PI); }

/* An angle in degrees brought into [0, 360). */
static double wrap360(double x_deg)
{
    double w = fmod(x_deg, 360.0);
    if (w < 0.0)
        w += 360.0;
    return w >= 360.0 ? w - 360.0 : w;  /* -1e-20 + 360 rounds to 360 */
}

/* An angle in degrees brought into [-180, 180). */
static double wrap180(double x_deg) { return wrap360(x_deg + 180.0) - 180.0; }

/* 1 (true) when lo <= x <= hi; NaN is out of every range. */
static int in_range(double x, double lo, double hi) { return x >= lo && x <= hi; }

static int is_leap(int year)
{
    if (year < 1583)  /* the paper's Julian day treats earlier dates as Julian */
        return year % 4 == 0;
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

static int spa_input_ok(const au_spa_in *in)
{
    if (in->year < AU_SPA_YEAR_MIN || in->year > AU_SPA_YEAR_MAX)
        return 0;
    if (in->month < 1 || in->month > 12)
        return 0;
    if (in->day < 1 || in->day > days_in_month(in->year, in->month))
        return 0;
    if (in->hour < 0 || in->hour > 24 || in->minute < 0 || in->minute > 59)
        return 0;
    if (!(in->second >= 0.0 && in->second < 60.0))
        return 0;
    if (in->hour == 24 && (in->minute > 0 || in->second > 0.0))
        return 0;
    if (!in_range(in->timezone_h, -AU_SPA_TIMEZONE_MAX_H, AU_SPA_TIMEZONE_MAX_H))
        return 0;
    if (!(in->delta_ut1_s > -1.0 && in->delta_ut1_s < 1.0))
        return 0;
    if (!in_range(in->delta_t_s, -AU_SPA_DELTA_T_MAX_S, AU_SPA_DELTA_T_MAX_S))
        return 0;
    if (!in_range(in->latitude_deg, -90.0, 90.0))
        return 0;
    if (!in_range(in->longitude_deg, -180.0, 180.0))
        return 0;
    if (!in_range(in->elevation_m, AU_SPA_ELEVATION_MIN_M, AU_SPA_ELEVATION_MAX_M))
        return 0;
    if (!in_range(in->pressure_mbar, 0.0, AU_SPA_PRESSURE_MAX_MBAR))
        return 0;
    if (!(in->temperature_c > AU_SPA_TEMPERATURE_MIN_C &&
          in->temperature_c <= AU_SPA_TEMPERATURE_MAX_C))
        return 0;
    if (!in_range(in->atmos_refract_deg, 0.0, AU_SPA_REFRACT_MAX_DEG))
        return 0;
    return 1;
}

/* The Julian day of a UT instant given as a Gregorian (or, before 15 October
 * 1582, Julian) calendar date with a decimal day. */
static double julian_day(int year, int month, double day_decimal)
{
    if (month < 3) {
        year -= 1;
        month += 12;
    }
    double jd = trunc(365.25 * (year + 4716.0)) + trunc(30.6001 * (month + 1)) +
                day_decimal - 1524.5;
    if (jd >= 2299160.0) {
        double a = trunc(year / 100.0);
        jd += 2.0 - a + trunc(a / 4.0);
    }
    return jd;
}

/* sum_i (sum_j A cos(B + C jme)) jme^i / 1e8. */
static double earth_periodic(const earth_series *series, size_t n_series, double jme)
{
    double total = 0.0, jme_pow = 1.0;
    for (size_t i = 0; i < n_series; i++) {
        double sum = 0.0;
        for (size_t k = 0; k < series[i].n; k++) {
            const earth_term *t = &series[i].terms[k];
            sum += t->a * cos(t->b + t->c * jme);
        }
        total += sum * jme_pow;
        jme_pow *= jme;
    }
    return total / 1.0e8;
}

/* Nutation in longitude and obliquity, in degrees. */
static void nutation_deg(double jce, double *dpsi_deg, double *deps_deg)
{
    double jce2 = jce * jce, jce3 = jce2 * jce;
    double x[5] = {
        /* mean elongation of the moon from the sun */
        297.85036 + 445267.111480 * jce - 0.0019142 * jce2 + jce3 / 189474.0,
        /* mean anomaly of the sun */
        357.52772 + 35999.050340 * jce - 0.0001603 * jce2 - jce3 / 300000.0,
        /* mean anomaly of the moon */
        134.96298 + 477198.867398 * jce + 0.0086972 * jce2 + jce3 / 56250.0,
        /* moon's argument of latitude */
        93.27191 + 483202.017538 * jce - 0.0036825 * jce2 + jce3 / 327270.0,
        /* longitude of the ascending node of the moon's orbit */
        125.04452 - 1934.136261 * jce + 0.0020708 * jce2 + jce3 / 450000.0,
    };
    for (int j = 0; j < 5; j++)
        x[j] = to_rad(wrap360(x[j]));
    double sum_psi = 0.0, sum_eps = 0.0;
    for (size_t i = 0; i < sizeof nutation / sizeof nutation[0]; i++) {
        const nutation_term *t = &nutation[i];
        double arg = 0.0;
        for (int j = 0; j < 5; j++)
            arg += t->y[j] * x[j];
        sum_psi += (t->a + t->b * jce) * sin(arg);
        sum_eps += (t->c + t->d * jce) * cos(arg);
    }
    *dpsi_deg = sum_psi / 36000000.0;
    *deps_deg = sum_eps / 36000000.0;
}

/* Mean obliquity of the ecliptic in arc seconds, U = JME / 10. */
static double mean_obliquity_arcsec(double jme)
{
    static const double c[] = {84381.448, -4680.93, -1.55, 1999.25, -51.38, -249.67,
                               -39.05,    7.12,     27.87, 5.79,    2.45};
    double u = jme / 10.0, e = 0.0;
    for (int i = (int)(sizeof c / sizeof c[0]) - 1; i >= 0; i--)
        e = e * u + c[i];
    return e;
}

au_status au_spa(const au_spa_in *in, au_spa_out *out)
{
    if (in == NULL || out == NULL || !spa_input_ok(in))
        return AU_EINVAL;

    /* Time scales: UT from the civil time, then TT = UT + ΔT. */
    double day_decimal =
        in->day + (in->hour - in->timezone_h +
                   (in->minute + (in->second + in->delta_ut1_s) / 60.0) / 60.0) / 24.0;
    double jd = julian_day(in->year, in->month, day_decimal);
    double jde = jd + in->delta_t_s / 86400.0;
    double jc = (jd - 2451545.0) / 36525.0;
    double jce = (jde - 2451545.0) / 36525.0;
    double jme = jce / 10.0;

    /* The Earth's heliocentric position, then the sun's geocentric one. */
    double l_deg = wrap360(to_deg(earth_periodic(longitude_series, 6, jme)));
    double b_deg = to_deg(earth_periodic(latitude_series, 2, jme));
    double r_au = earth_periodic(radius_series, 5, jme);
    double theta_deg = wrap360(l_deg + 180.0);
    double beta_deg = -b_deg;

    /* Nutation, obliquity, aberration, apparent longitude. */
    double dpsi_deg, deps_deg;
    nutation_deg(jce, &dpsi_deg, &deps_deg);
    double eps_deg = mean_obliquity_arcsec(jme) / 3600.0 + deps_deg;
    double dtau_deg = -20.4898 / (3600.0 * r_au);
    double lambda_deg = theta_deg + dpsi_deg + dtau_deg;

    /* Apparent sidereal time at Greenwich. */
    double nu0_deg = wrap360(280.46061837 + 360.98564736629 * (jd - 2451545.0) +
                             0.000387933 * jc * jc - jc * jc * jc / 38710000.0);
    double eps = to_rad(eps_deg);
    double nu_deg = nu0_deg + dpsi_deg * cos(eps);

    /* Geocentric right ascension and declination. */
    double lambda = to_rad(lambda_deg), beta = to_rad(beta_deg);
    double alpha_deg = wrap360(
        to_deg(atan2(sin(lambda) * cos(eps) - tan(beta) * sin(eps), cos(lambda))));
    double delta = asin(sin(beta) * cos(eps) + cos(beta) * sin(eps) * sin(lambda));

    /* Local hour angle, measured westward from south. */
    double h_deg = wrap360(nu_deg + in->longitude_deg - alpha_deg);
    double h = to_rad(h_deg);

    /* Parallax: topocentric right ascension, declination and hour angle.
     * 6378140 m is the Earth's equatorial radius and 0.99664719 = 1 - its
     * flattening. */
    double phi = to_rad(in->latitude_deg);
    double xi = to_rad(8.794 / (3600.0 * r_au));
    double u = atan(0.99664719 * tan(phi));
    double x = cos(u) + in->elevation_m / 6378140.0 * cos(phi);
    double y = 0.99664719 * sin(u) + in->elevation_m / 6378140.0 * sin(phi);
    double denom = cos(delta) - x * sin(xi) * cos(h);
    double dalpha = atan2(-x * sin(xi) * sin(h), denom);
    double delta_p = atan2((sin(delta) - y * sin(xi)) * cos(dalpha), denom);
    double h_p = h - dalpha;

    /* Topocentric elevation, refraction and zenith. */
    double e0_deg = to_deg(asin(sin(phi) * sin(delta_p) + cos(phi) * cos(delta_p) * cos(h_p)));
    double de_deg = 0.0;
    if (e0_deg >= -(0.26667 + in->atmos_refract_deg))  /* sun's upper limb up */
        de_deg = in->pressure_mbar / 1010.0 * 283.0 / (273.0 + in->temperature_c) * 1.02 /
                 (60.0 * tan(to_rad(e0_deg + 10.3 / (e0_deg + 5.11))));
    double zenith_deg = 90.0 - (e0_deg + de_deg);

    /* Topocentric azimuth: astronomers' (westward from south), then
     * navigators' (eastward from north). */
    double gamma_deg = to_deg(atan2(sin(h_p), cos(h_p) * sin(phi) - tan(delta_p) * cos(phi)));
    double azimuth_deg = wrap360(gamma_deg + 180.0);

    out->zenith_deg = zenith_deg;
    out->azimuth_deg = azimuth_deg;
    out->declination_deg = to_deg(delta_p);
    out->hour_angle_deg = wrap180(to_deg(h_p));
    out->earth_sun_au = r_au;
    return AU_OK;
}

double au_delta_t_estimate(double year)
{
    double y = year;
    if (y >= 2150.0 || y < 1900.0) {
        /* the long-term parabola, Espenak & Meeus' choice outside -500..2150 */
        double u = (y - 1820.0) / 100.0;
        return -20.0 + 32.0 * u * u;
    }
    if (y >= 2050.0) {
        double u = (y - 1820.0) / 100.0;
        return -20.0 + 32.0 * u * u - 0.5628 * (2150.0 - y);
    }
    if (y >= 2005.0) {
        double t = y - 2000.0;
        return 62.92 + 0.32217 * t + 0.005589 * t * t;
    }
    if (y >= 1986.0) {
        double t = y - 2000.0;
        return 63.86 +
               t * (0.3345 + t * (-0.060374 + t * (0.0017275 + t * (0.000651814 +
                                                                   t * 0.00002373599))));
    }
    if (y >= 1961.0) {
        double t = y - 1975.0;
        return 45.45 + 1.067 * t - t * t / 260.0 - t * t * t / 718.0;
    }
    if (y >= 1941.0) {
        double t = y - 1950.0;
        return 29.07 + 0.407 * t - t * t / 233.0 + t * t * t / 2547.0;
    }
    if (y >= 1920.0) {
        double t = y - 1920.0;
        return 21.20 + t * (0.84493 + t * (-0.076100 + t * 0.0020936));
    }
    double t = y - 1900.0;
    return -2.79 + t * (1.494119 + t * (-0.0598939 + t * (0.0061966 - t * 0.000197)));
}
