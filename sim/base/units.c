/* units.c: parsing quantities with units into internal units (units.h).
 *
 * A unit is applied in two steps: a decimal shift, added to the exponent of
 * the number's decimal text before strtod() rounds it (so "2.385 GWh" becomes
 * the text "2.385e3" and is exactly 2385 MWh), then, for the few units that
 * are not decimal multiples (km/h, toe, MJ, day, kelvin), a multiplier and an
 * offset in floating point. */
#include "autonomy/units.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct unit_def {
    au_dim dim;
    const char *symbol;
    int shift;          /* power of ten applied to the decimal text */
    double mult;        /* then multiplied by this */
    double offset;      /* then this is added */
} unit_def;

/* IEA: 1 toe = 41.868 GJ = 11.63 MWh.  1 MWh = 3600 MJ.  1 km/h = 1/3.6 m/s. */
static const unit_def units[] = {
    {AU_DIM_FRACTION, "%", -2, 1, 0},
    {AU_DIM_POWER, "W", -6, 1, 0},   {AU_DIM_POWER, "kW", -3, 1, 0},
    {AU_DIM_POWER, "MW", 0, 1, 0},   {AU_DIM_POWER, "GW", 3, 1, 0},
    {AU_DIM_POWER, "Wp", -6, 1, 0},  {AU_DIM_POWER, "kWp", -3, 1, 0},
    {AU_DIM_POWER, "MWp", 0, 1, 0},  {AU_DIM_POWER, "GWp", 3, 1, 0},
    {AU_DIM_POWER, "Wc", -6, 1, 0},  {AU_DIM_POWER, "kWc", -3, 1, 0},
    {AU_DIM_POWER, "MWc", 0, 1, 0},  {AU_DIM_POWER, "GWc", 3, 1, 0},
    {AU_DIM_ENERGY, "Wh", -6, 1, 0}, {AU_DIM_ENERGY, "kWh", -3, 1, 0},
    {AU_DIM_ENERGY, "MWh", 0, 1, 0}, {AU_DIM_ENERGY, "GWh", 3, 1, 0},
    {AU_DIM_ENERGY, "TWh", 6, 1, 0},
    {AU_DIM_ENERGY, "MJ", 0, 1.0 / 3600.0, 0},
    {AU_DIM_ENERGY, "GJ", 0, 1.0 / 3.6, 0},
    {AU_DIM_ENERGY, "TJ", 3, 1.0 / 3.6, 0},
    {AU_DIM_ENERGY, "toe", 0, 11.63, 0},
    {AU_DIM_ENERGY, "ktoe", 3, 11.63, 0},
    {AU_DIM_ANNUAL_RATE, "%/yr", -2, 1, 0}, {AU_DIM_ANNUAL_RATE, "%/year", -2, 1, 0},
    {AU_DIM_ANNUAL_RATE, "/yr", 0, 1, 0},   {AU_DIM_ANNUAL_RATE, "/year", 0, 1, 0},
    {AU_DIM_HOURLY_RATE, "%/h", -2, 1, 0},  {AU_DIM_HOURLY_RATE, "/h", 0, 1, 0},
    {AU_DIM_HOURLY_RATE, "%/day", -2, 1.0 / 24.0, 0},
    {AU_DIM_HOURLY_RATE, "/day", 0, 1.0 / 24.0, 0},
    {AU_DIM_TEMPERATURE, "C", 0, 1, 0},     {AU_DIM_TEMPERATURE, "degC", 0, 1, 0},
    {AU_DIM_TEMPERATURE, "\xC2\xB0" "C", 0, 1, 0},
    {AU_DIM_TEMPERATURE, "K", 0, 1, -273.15},
    {AU_DIM_TEMP_COEFF, "%/K", -2, 1, 0},   {AU_DIM_TEMP_COEFF, "/K", 0, 1, 0},
    {AU_DIM_TEMP_COEFF, "%/C", -2, 1, 0},
    {AU_DIM_TEMP_COEFF, "%/\xC2\xB0" "C", -2, 1, 0},
    {AU_DIM_ANGLE, "deg", 0, 1, 0},         {AU_DIM_ANGLE, "\xC2\xB0", 0, 1, 0},
    {AU_DIM_LENGTH, "m", 0, 1, 0},          {AU_DIM_LENGTH, "km", 3, 1, 0},
    {AU_DIM_SPEED, "m/s", 0, 1, 0},         {AU_DIM_SPEED, "km/h", 0, 1.0 / 3.6, 0},
    {AU_DIM_HOURS, "h", 0, 1, 0},
    {AU_DIM_YEARS, "yr", 0, 1, 0},          {AU_DIM_YEARS, "years", 0, 1, 0},
    {AU_DIM_DISTANCE, "km", 0, 1, 0},       {AU_DIM_DISTANCE, "Mkm", 6, 1, 0},
    {AU_DIM_DISTANCE, "Gkm", 9, 1, 0},      {AU_DIM_DISTANCE, "vkm", 0, 1, 0},
    {AU_DIM_DISTANCE, "Mvkm", 6, 1, 0},     {AU_DIM_DISTANCE, "Gvkm", 9, 1, 0},
    {AU_DIM_SPECIFIC_USE, "kWh/km", 0, 1, 0},
    {AU_DIM_SPECIFIC_USE, "Wh/km", -3, 1, 0},
    {AU_DIM_SPECIFIC_USE, "kWh/100km", -2, 1, 0},
    {AU_DIM_COST_POWER, "EUR/W", 6, 1, 0},  {AU_DIM_COST_POWER, "EUR/kW", 3, 1, 0},
    {AU_DIM_COST_POWER, "EUR/MW", 0, 1, 0},
    {AU_DIM_COST_ENERGY, "EUR/Wh", 6, 1, 0}, {AU_DIM_COST_ENERGY, "EUR/kWh", 3, 1, 0},
    {AU_DIM_COST_ENERGY, "EUR/MWh", 0, 1, 0},
    {AU_DIM_COST_POWER_YR, "EUR/kW/yr", 3, 1, 0},
    {AU_DIM_COST_POWER_YR, "EUR/MW/yr", 0, 1, 0},
    {AU_DIM_EMISSION, "gCO2/kWh", 0, 1, 0}, {AU_DIM_EMISSION, "g/kWh", 0, 1, 0},
    {AU_DIM_EMISSION, "kgCO2/MWh", 0, 1, 0}, {AU_DIM_EMISSION, "kg/MWh", 0, 1, 0},
    {AU_DIM_EMISSION, "kgCO2/kWh", 3, 1, 0}, {AU_DIM_EMISSION, "kg/kWh", 3, 1, 0},
    {AU_DIM_EMISSION, "tCO2/MWh", 3, 1, 0}, {AU_DIM_EMISSION, "t/MWh", 3, 1, 0},
    {AU_DIM_COST_ENERGY_YR, "EUR/kWh/yr", 3, 1, 0},
    {AU_DIM_COST_ENERGY_YR, "EUR/MWh/yr", 0, 1, 0},
    /* jobs: "jobs" and "job-years" are normalised to "job" and "job-yr" */
    {AU_DIM_JOBYR_POWER, "job-yr/kW", 3, 1, 0}, {AU_DIM_JOBYR_POWER, "job-yr/MW", 0, 1, 0},
    {AU_DIM_JOBYR_POWER, "job-yr/GW", -3, 1, 0},
    {AU_DIM_JOBYR_ENERGY, "job-yr/kWh", 3, 1, 0}, {AU_DIM_JOBYR_ENERGY, "job-yr/MWh", 0, 1, 0},
    {AU_DIM_JOBYR_ENERGY, "job-yr/GWh", -3, 1, 0},
    {AU_DIM_JOBYR_ENERGY, "job-yr/TJ", -3, 3.6, 0}, /* 1 TJ = 1/3.6 MWh x 1000 */
    {AU_DIM_JOBYR_ENERGY, "job-yr/PJ", -6, 3.6, 0},
    {AU_DIM_JOBS_POWER, "job/kW", 3, 1, 0},  {AU_DIM_JOBS_POWER, "job/MW", 0, 1, 0},
    {AU_DIM_JOBS_POWER, "job/GW", -3, 1, 0},
    {AU_DIM_JOBS_ENERGY, "job/kWh", 3, 1, 0}, {AU_DIM_JOBS_ENERGY, "job/MWh", 0, 1, 0},
    {AU_DIM_JOBS_ENERGY, "job/GWh", -3, 1, 0},
    {AU_DIM_TEMP_CHANGE, "K", 0, 1, 0},     {AU_DIM_TEMP_CHANGE, "C", 0, 1, 0},
    {AU_DIM_TEMP_CHANGE, "degC", 0, 1, 0},  {AU_DIM_TEMP_CHANGE, "\xC2\xB0" "C", 0, 1, 0},
    {AU_DIM_DEGREE_DAYS, "K.day", 0, 1, 0},  {AU_DIM_DEGREE_DAYS, "K\xC2\xB7" "day", 0, 1, 0},
    {AU_DIM_DEGREE_DAYS, "K.h", 0, 1.0 / 24.0, 0},
    {AU_DIM_DEGREE_DAYS, "K\xC2\xB7" "h", 0, 1.0 / 24.0, 0},
};

static const struct {
    const char *name;
    const char *units;
    int unitless;           /* a plain number is accepted */
    const char *internal;   /* the unit values are held in */
} dims[AU_DIM_COUNT] = {
    [AU_DIM_NUMBER] = {"a plain number", "no unit", 1, ""},
    [AU_DIM_FRACTION] = {"a fraction", "a plain number such as 0.9, or %", 1, ""},
    [AU_DIM_POWER] = {"a power", "W, kW, MW, GW (or kWp, MWp, MWc)", 0, "MW"},
    [AU_DIM_ENERGY] = {"an energy", "Wh, kWh, MWh, GWh, TWh, MJ, GJ, TJ, toe, ktoe", 0, "MWh"},
    [AU_DIM_ANNUAL_RATE] = {"a yearly rate", "%/yr or /yr", 0, "/yr"},
    [AU_DIM_HOURLY_RATE] = {"a rate per hour or day", "%/h, /h, %/day or /day", 0, "/h"},
    [AU_DIM_TEMPERATURE] = {"a temperature", "C, degC or K", 0, "C"},
    [AU_DIM_TEMP_COEFF] = {"a temperature coefficient", "%/K or /K", 0, "/K"},
    [AU_DIM_ANGLE] = {"an angle", "deg", 0, "deg"},
    [AU_DIM_LENGTH] = {"a length", "m or km", 0, "m"},
    [AU_DIM_SPEED] = {"a speed", "m/s or km/h", 0, "m/s"},
    [AU_DIM_HOURS] = {"a duration in hours", "h", 0, "h"},
    [AU_DIM_YEARS] = {"a duration in years", "yr", 0, "yr"},
    [AU_DIM_DISTANCE] = {"a distance travelled", "km, Mkm, Gkm (or vkm, Mvkm)", 0, "km"},
    [AU_DIM_SPECIFIC_USE] = {"an energy per km", "kWh/km, Wh/km or kWh/100km", 0, "kWh/km"},
    [AU_DIM_COST_POWER] = {"a cost per power", "EUR/W, EUR/kW or EUR/MW (also kEUR, MEUR, \xE2\x82\xAC)", 0, "EUR/MW"},
    [AU_DIM_COST_ENERGY] = {"a cost per energy", "EUR/kWh or EUR/MWh (also kEUR, MEUR, \xE2\x82\xAC)", 0, "EUR/MWh"},
    [AU_DIM_COST_POWER_YR] = {"a yearly cost per power", "EUR/kW/yr or EUR/MW/yr", 0,
                              "EUR/MW/yr"},
    [AU_DIM_EMISSION] = {"an emission factor", "gCO2/kWh, kgCO2/MWh or tCO2/MWh", 0,
                         "kgCO2/MWh"},
    [AU_DIM_DEGREE_DAYS] = {"heating degree-days", "K.day (or K\xC2\xB7" "day), or K.h for "
                            "degree-hours", 0, "K.day"},
    [AU_DIM_COST_ENERGY_YR] = {"a yearly cost per energy capacity", "EUR/kWh/yr or EUR/MWh/yr",
                               0, "EUR/MWh/yr"},
    [AU_DIM_JOBYR_POWER] = {"job-years per power installed", "job-yr/kW, job-yr/MW or "
                            "job-yr/GW (also job-years)", 0, "job-yr/MW"},
    [AU_DIM_JOBYR_ENERGY] = {"job-years per energy", "job-yr/kWh, job-yr/MWh, job-yr/GWh, "
                             "job-yr/TJ or job-yr/PJ (also job-years)", 0, "job-yr/MWh"},
    [AU_DIM_JOBS_POWER] = {"jobs per power in service", "job/kW, job/MW or job/GW (also jobs)",
                           0, "job/MW"},
    [AU_DIM_TEMP_CHANGE] = {"a temperature change", "K (or C, degC: a difference)", 0, "K"},
    [AU_DIM_JOBS_ENERGY] = {"jobs per energy capacity in service", "job/kWh, job/MWh or job/GWh "
                            "(also jobs)", 0, "job/MWh"},
};

const char *au_dim_name(au_dim dim)
{
    return (unsigned)dim < AU_DIM_COUNT ? dims[dim].name : "a quantity";
}

const char *au_dim_units(au_dim dim)
{
    return (unsigned)dim < AU_DIM_COUNT ? dims[dim].units : "";
}

const char *au_dim_internal_unit(au_dim dim)
{
    return (unsigned)dim < AU_DIM_COUNT ? dims[dim].internal : "";
}

static void say(char *why, size_t why_len, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void say(char *why, size_t why_len, const char *fmt, ...)
{
    if (why != NULL && why_len > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, why_len, fmt, ap);
        va_end(ap);
    }
}

static int is_money_dim(au_dim dim)
{
    return dim == AU_DIM_COST_POWER || dim == AU_DIM_COST_ENERGY ||
           dim == AU_DIM_COST_POWER_YR || dim == AU_DIM_COST_ENERGY_YR;
}

static int is_jobs_dim(au_dim dim)
{
    return dim == AU_DIM_JOBYR_POWER || dim == AU_DIM_JOBYR_ENERGY ||
           dim == AU_DIM_JOBS_POWER || dim == AU_DIM_JOBS_ENERGY;
}

/* Looks a unit up for a dimension; money units may be written with "€" for
 * "EUR" and with a k or M prefix on the currency.  Returns NULL if unknown. */
static const unit_def *find_unit(const char *unit, au_dim dim, int *extra_shift)
{
    char norm[64];
    *extra_shift = 0;
    if (is_money_dim(dim)) {
        const char *u = unit;
        if (u[0] == 'k' && (strncmp(u + 1, "EUR", 3) == 0 || strncmp(u + 1, "\xE2\x82\xAC", 3) == 0)) {
            *extra_shift = 3;
            u++;
        } else if (u[0] == 'M' && (strncmp(u + 1, "EUR", 3) == 0 ||
                                   strncmp(u + 1, "\xE2\x82\xAC", 3) == 0)) {
            *extra_shift = 6;
            u++;
        }
        if (strncmp(u, "\xE2\x82\xAC", 3) == 0) {
            if (snprintf(norm, sizeof norm, "EUR%s", u + 3) >= (int)sizeof norm)
                return NULL;
        } else if (snprintf(norm, sizeof norm, "%s", u) >= (int)sizeof norm) {
            return NULL;
        }
        unit = norm;
    } else if (is_jobs_dim(dim)) {
        /* job-years/MW -> job-yr/MW, jobs/MW -> job/MW */
        const char *rest = NULL, *head = NULL;
        if (strncmp(unit, "job-years/", 10) == 0)
            head = "job-yr/", rest = unit + 10;
        else if (strncmp(unit, "jobs/", 5) == 0)
            head = "job/", rest = unit + 5;
        if (head != NULL) {
            if (snprintf(norm, sizeof norm, "%s%s", head, rest) >= (int)sizeof norm)
                return NULL;
            unit = norm;
        }
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (units[i].dim == dim && strcmp(units[i].symbol, unit) == 0)
            return &units[i];
    return NULL;
}

/* Splits "  -12.5e3 MW " into sign+mantissa digits, decimal exponent and unit.
 * Returns 0 when the text does not start with a number. */
static int split_number(const char *text, char *mant, size_t mant_len, long *exp10,
                        char *unit, size_t unit_len)
{
    const char *p = text;
    size_t m = 0;
    int digits = 0;

    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-') {
        if (m + 1 < mant_len)
            mant[m++] = *p;
        p++;
    }
    while (isdigit((unsigned char)*p) || *p == '.') {
        if (*p != '.')
            digits++;
        if (m + 1 >= mant_len)
            return 0;
        mant[m++] = *p++;
    }
    mant[m] = '\0';
    if (digits == 0 || strchr(mant, '.') != strrchr(mant, '.'))
        return 0;
    *exp10 = 0;
    if ((*p == 'e' || *p == 'E') &&
        (isdigit((unsigned char)p[1]) ||
         ((p[1] == '-' || p[1] == '+') && isdigit((unsigned char)p[2])))) {
        char *end;
        errno = 0;
        *exp10 = strtol(p + 1, &end, 10);
        if (errno != 0 || *exp10 > 100000 || *exp10 < -100000)
            *exp10 = *exp10 < 0 ? -100000 : 100000;
        p = end;
    }
    while (isspace((unsigned char)*p))
        p++;
    size_t u = strlen(p);
    while (u > 0 && isspace((unsigned char)p[u - 1]))
        u--;
    if (u >= unit_len)
        return 0;
    memcpy(unit, p, u);
    unit[u] = '\0';
    for (size_t i = 0; i < u; i++)
        if (isspace((unsigned char)unit[i]))
            return 0;
    return 1;
}

au_status au_quantity_parse(const char *text, au_dim dim, double *value, char *why,
                            size_t why_len)
{
    char mant[128], unit[64], num[160];
    long exp10;
    int shift = 0, extra = 0;
    double mult = 1.0, offset = 0.0;

    if ((unsigned)dim >= AU_DIM_COUNT || text == NULL) {
        say(why, why_len, "internal error: bad dimension");
        return AU_EINVAL;
    }
    if (!split_number(text, mant, sizeof mant, &exp10, unit, sizeof unit)) {
        say(why, why_len, "'%s' is not a number with a unit (expected %s in %s)", text,
            dims[dim].name, dims[dim].units);
        return AU_EINVAL;
    }
    if (unit[0] == '\0') {
        if (!dims[dim].unitless) {
            say(why, why_len, "'%s' has no unit (expected %s in %s)", text, dims[dim].name,
                dims[dim].units);
            return AU_EUNIT;
        }
    } else {
        const unit_def *u = find_unit(unit, dim, &extra);
        if (u == NULL) {
            say(why, why_len, "'%s': '%s' is not a unit of %s (expected %s)", text, unit,
                dims[dim].name, dims[dim].units);
            return AU_EUNIT;
        }
        shift = u->shift + extra;
        mult = u->mult;
        offset = u->offset;
    }
    snprintf(num, sizeof num, "%se%ld", mant, exp10 + shift);
    errno = 0;
    double v = strtod(num, NULL);
    v = v * mult + offset;
    if (!isfinite(v) || (errno == ERANGE && fabs(v) > 1.0)) {
        say(why, why_len, "'%s' is out of the range of numbers (expected a finite value)", text);
        return AU_EINVAL;
    }
    *value = v;
    return AU_OK;
}
