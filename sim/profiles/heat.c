/* heat.c: heating degree-hours and heat-pump performance (heat.h, MODEL.md §4).
 *
 * Space heating follows degree-hours below a base temperature, taken on an
 * outdoor temperature smoothed by a first-order filter that stands for the
 * thermal inertia of buildings.  Heat pumps have a coefficient of performance
 * (COP) from the temperature lift: the field-data regressions of Staffell et
 * al. (2012) for domestic air- and ground-source machines, a fraction of the
 * Carnot COP for large district-heating machines.  Everything here is pure
 * arithmetic on the caller's arrays: no allocation, no state. */
#include "autonomy/heat.h"

#include <math.h>
#include <stddef.h>

/* Defaults.
 *
 * Base temperature 15 °C: where heating starts in the French load.  RTE
 * describes the thermosensitivity of French consumption as about 2,400 MW
 * more per degree "below 15 °C" (RTE, Bilan électrique 2020, "Consommation
 * - sensibilité à la température"; Futurs énergétiques 2050), the hourly
 * regression of heat.c's hour-of-day factors uses 15 °C, and so does
 * When2Heat (Ruhnau, Hirth & Praktiknjo 2019, Scientific Data 6:189) with
 * the German gas-industry profiles: sun, people and appliances heat
 * buildings for the last few degrees.  (France's statistical degree-days,
 * Météo-France's "DJU base 18", count from 18 °C; with it the model spread
 * heating too evenly over the mild months: the 2020 baseline's peak load
 * was 10 % below the French peak-to-mean, against 3 % with 15 °C.)
 *
 * Time constant 24/ln 2 ≈ 34.6 h.  When2Heat (after the German BDEW/BGW
 * standard load profiles) smooths daily mean temperatures with the weights 1,
 * 1/2, 1/4, 1/8 for today and the three days before: the weight of the past
 * halves every 24 hours.  A first-order filter whose memory halves every 24 h
 * has exp(−24/tau) = 1/2, tau = 24/ln 2.  The Belgian gas sector's
 * "equivalent degree-days" (Synergrid: 0.6 today, 0.3 yesterday, 0.1 the day
 * before) imply a similar memory, about 1.5 days.  It is the lag of the
 * heating demand of the stock as a whole, shorter than the free-running time
 * constant of a heavy building (several days), because heating systems
 * react to the air as well as to the walls. */
#define HEAT_BASE_C 15.0
#define HEAT_INERTIA_H (24.0 / 0.693147180559945309417)

au_heating_params au_heating_defaults(void)
{
    au_heating_params p = {HEAT_BASE_C, HEAT_INERTIA_H};
    return p;
}

/* The filter, per hour h: s_h = s_(h−1) + a (T_h − s_(h−1)) with
 * a = 1 − exp(−1/tau), exact for an input held constant through each hour.
 * Started so that the year wraps: one pass from s = 0 gives s_end, the
 * response to the year alone; the periodic state P satisfies
 * P = r^n P + s_end with r = 1 − a, so P = s_end / (1 − r^n), and the
 * second pass starts from P.  This is the exact steady state of a year that
 * repeats (the result does not depend on any initial value), and unlike
 * "run twice, keep the second" it stays exact when tau is not small against
 * n.  tau <= 0 (or NaN) means no smoothing. */
void au_heating_smooth(const double *temp_c, size_t n, double inertia_h, double *out)
{
    if (n == 0)
        return;
    if (!(inertia_h > 0.0)) {
        for (size_t h = 0; h < n; h++)
            out[h] = temp_c[h];
        return;
    }
    double a = -expm1(-1.0 / inertia_h);        /* 1 − exp(−1/tau) */
    double one_minus_rn = -expm1(-(double)n / inertia_h);  /* 1 − r^n */
    double s = 0.0;
    for (size_t h = 0; h < n; h++)
        s += a * (temp_c[h] - s);
    s = one_minus_rn > 0.0 ? s / one_minus_rn : temp_c[n - 1];
    for (size_t h = 0; h < n; h++) {
        s += a * (temp_c[h] - s);
        out[h] = s;
    }
}

double au_heating_degree_hours(const au_heating_params *p, const double *temp_c, size_t n,
                               double *out)
{
    au_heating_smooth(temp_c, n, p->inertia_h, out);
    double sum = 0.0;
    for (size_t h = 0; h < n; h++) {
        double dh = p->base_c - out[h];
        out[h] = dh > 0.0 ? dh : 0.0;
        sum += out[h];
    }
    return sum;
}

/* The hour of the day.  Heating is not spread over a day in proportion to
 * its degree-hours alone: people heat more when they are up and at home.
 * For France, the hourly thermosensitivity of the national load: Mines
 * Paris's Energy-Alternatives-Planning project regressed RTE's 2019 hourly
 * consumption, its network losses and water heaters removed, on the
 * national temperature below 15 °C, hour by hour (P. Dartois 2022, file
 * Models/Belfort/Conso/Thermosensitivity_2019.csv of github.com/robingirard/
 * Energy-Alternatives-Planning, commit d6e04ca; -2,419 MW/°C on average,
 * RTE's published figure being about 2,400 MW/°C).  Here each hour's slope
 * over their mean: a morning rise to 1.10 at 08:00, the evening peak of 1.18
 * at 18:00-19:00, 0.9 at night and 0.68 at 23:00, when water heaters switch
 * on (the regression leaves some of their start there).  Winter hours: legal
 * time is standard time then. */
static const double heating_hour[24] = {
    0.8986, 0.9181, 0.9515, 0.9725, 0.9654, 0.9653, 0.9947, 1.0656,
    1.0957, 1.0468, 1.0252, 1.0261, 1.0100, 1.0248, 1.0190, 0.9985,
    1.0176, 1.0443, 1.1807, 1.1823, 1.0440, 0.9811, 0.8890, 0.6834,
};

double au_heating_hour_factor(int k)
{
    return heating_hour[((k % 24) + 24) % 24];
}

void au_heating_intraday(double *dh, size_t n)
{
    double before = 0.0, after = 0.0;
    for (size_t h = 0; h < n; h++) {
        before += dh[h];
        dh[h] *= heating_hour[h % 24];
        after += dh[h];
    }
    if (after > 0.0)
        for (size_t h = 0; h < n; h++)
            dh[h] *= before / after;
}

/* Heat pumps.
 *
 * Domestic air- and ground-source heat pumps: the quadratic regressions of
 * Staffell, Brett, Brandon & Hawkes (2012), "A review of domestic heat
 * pumps", Energy Environ. Sci. 5:9291-9306, fitted on manufacturers' data
 * and field trials, with dT = supply − source (K):
 *   ASHP  COP = 6.81 − 0.121 dT + 0.000630 dT²   (valid for dT 15..60 K)
 *   GSHP  COP = 8.77 − 0.150 dT + 0.000734 dT²   (valid for dT 20..60 K)
 * (the coefficients as used by When2Heat and PyPSA-Eur's
 * build_cop_profiles.py).  Water-source machines use the ground-source curve
 * (a stable liquid source).  Below the fitted range dT is raised to its lower
 * end (15 or 20 K): a smaller lift does not make the machine better than it
 * was measured.  Above 60 K the fit is extrapolated up to 80 K, where it
 * still decreases (the ASHP parabola turns at 0.121/(2·0.000630) = 96 K, the
 * GSHP one at 102 K), and held flat beyond: ASHP 1.162, GSHP 1.468 at 80 K.
 * That keeps the physical trend of a cold snap without using the parabola
 * where it turns back up.
 *
 * Large heat pumps (district heating, e.g. Amiens' machines on treated
 * wastewater at 16-22 °C delivering 80 °C): COP = eta · T_supply / dT with
 * temperatures in kelvin and eta = 0.5, the fraction of the Carnot COP.  For
 * high-temperature heat pumps Arpagaus (2019, "Hochtemperatur-Wärmepumpen",
 * VDE) finds quality grades of 0.4-0.6, and the VDE study "Potenziale für
 * Strom im Wärmemarkt bis 2050" (2015) uses 0.5 for water-source machines
 * (both as reported by oemof.thermal's documentation of its COP model); 0.5
 * is the middle.  dT is at least 15 K.  Amiens: 19 °C → 80 °C gives
 * 0.5 · 353.15 / 61 = 2.89.
 *
 * Every COP is finally bounded to [1, 7]: never below direct electric
 * heating (a heat pump's back-up resistance), never above what the best
 * machines reach in the field.  NaN inputs give the lower bound. */
#define COP_MIN 1.0
#define COP_MAX 7.0
#define DT_MAX_DOMESTIC 80.0
#define DT_MIN_LARGE 15.0
#define ETA_CARNOT_LARGE 0.5
#define KELVIN 273.15

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

double au_heat_pump_cop(au_cop_kind kind, double source_c, double supply_c)
{
    double dt = supply_c - source_c;
    double cop;
    if (isnan(dt))
        return COP_MIN;
    switch (kind) {
    case AU_COP_AIR:
        dt = clamp(dt, 15.0, DT_MAX_DOMESTIC);
        cop = 6.81 - 0.121 * dt + 0.000630 * dt * dt;
        break;
    case AU_COP_GROUND:
    case AU_COP_WATER:
        dt = clamp(dt, 20.0, DT_MAX_DOMESTIC);
        cop = 8.77 - 0.150 * dt + 0.000734 * dt * dt;
        break;
    case AU_COP_LARGE:
    default:
        dt = dt < DT_MIN_LARGE ? DT_MIN_LARGE : dt;          /* may be +inf */
        cop = ETA_CARNOT_LARGE * (supply_c + KELVIN) / dt;   /* finite or NaN */
        break;
    }
    if (!(cop >= COP_MIN))      /* also NaN */
        return COP_MIN;
    return cop > COP_MAX ? COP_MAX : cop;
}
