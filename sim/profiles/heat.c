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
#include "autonomy/shapes.h"
#include "autonomy/weather.h"

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

/* The same by month.  In the heating months the day's shape also follows
 * the day's temperature cycle, which the smoothed temperature (a day and a
 * half of memory) no longer has: afternoons are warmer (and sunnier) than
 * nights, and heating dips then.  The regression above is on the hour's
 * own temperature, so its heating in month m at hour k is, on average,
 * slope(k) x mean(15 - T) at k; the model's is factor(k) x mean(15 - T_s)
 * at k.  The factor of month m is therefore heating_hour[k] x R_m(k), with
 * R_m(k) = [mean(15 - T at k) / its daily mean] / [mean(15 - T_s at k) /
 * its daily mean], T the French national hourly temperature of 2017-2022
 * (the one the regression used: file Models/Belfort/Conso/
 * Temp_FR_2017_2022.csv of the same repository, commit d6e04ca; its :00
 * values, in standard time, 29 February left out),
 * T_s its smoothing by au_heating_smooth (tau = 24/ln 2), the six years'
 * means of each month pooled; each month's factors then scaled to a mean
 * of 1.  Six years, not 2019 alone, so that the table holds the climate's
 * daily cycle rather than one year's weather.  Only November to March:
 * there 99-100 % of the hours are below 15 °C, the regression's response is
 * linear and the ratio is that of the temperature cycle alone.  From April
 * to October 17-83 % of the hours are above 15 °C: the hour's threshold cuts
 * the afternoons and the same ratio would put the heating at night (October
 * 0.87 against RTE 2019's mean day instead of 0.98); those months keep
 * heating_hour.  The effect: afternoons (13:00-16:00) 0.81-0.95 instead of
 * 1.00-1.02, 08:00 1.15-1.24 instead of 1.10 (docs/engine.md, "The French
 * load"). */
static const double heating_hour_winter[5][24] = {
    /* January */
    {0.9218, 0.9432, 0.9787, 1.0016, 0.9955, 0.9981, 1.0332, 1.1137,
     1.1477, 1.0948, 1.0657, 1.0336, 0.9791, 0.9539, 0.9405, 0.9142,
     0.9230, 0.9775, 1.1425, 1.1807, 1.0552, 0.9989, 0.9087, 0.6985},
    /* February */
    {0.9324, 0.9563, 0.9944, 1.0187, 1.0154, 1.0206, 1.0617, 1.1520,
     1.1861, 1.1248, 1.0824, 1.0344, 0.9631, 0.9185, 0.8988, 0.8649,
     0.8655, 0.9337, 1.1113, 1.1644, 1.0551, 1.0099, 0.9243, 0.7112},
    /* March */
    {0.9609, 0.9880, 1.0294, 1.0570, 1.0555, 1.0623, 1.1103, 1.2119,
     1.2388, 1.1527, 1.0727, 1.0078, 0.9237, 0.8703, 0.8473, 0.8116,
     0.8071, 0.8793, 1.0582, 1.1242, 1.0446, 1.0183, 0.9419, 0.7260},
    /* November */
    {0.9492, 0.9721, 1.0086, 1.0330, 1.0289, 1.0333, 1.0725, 1.1618,
     1.1901, 1.1216, 1.0708, 1.0106, 0.9272, 0.8730, 0.8610, 0.8362,
     0.8423, 0.9223, 1.1172, 1.1948, 1.0805, 1.0312, 0.9400, 0.7216},
    /* December */
    {0.9232, 0.9443, 0.9794, 1.0021, 0.9966, 0.9982, 1.0330, 1.1131,
     1.1460, 1.0916, 1.0611, 1.0266, 0.9705, 0.9431, 0.9347, 0.9121,
     0.9260, 0.9828, 1.1504, 1.1898, 1.0608, 1.0027, 0.9118, 0.7001},
};

double au_heating_hour_factor(int k)
{
    return heating_hour[((k % 24) + 24) % 24];
}

double au_heating_month_hour_factor(int month, int k)
{
    static const int row[12] = {0, 1, 2, -1, -1, -1, -1, -1, -1, -1, 3, 4};
    int m = ((month % 12) + 12) % 12;
    k = ((k % 24) + 24) % 24;
    return row[m] < 0 ? heating_hour[k] : heating_hour_winter[row[m]][k];
}

void au_heating_intraday(double *dh, size_t n)
{
    double before = 0.0, after = 0.0;
    for (size_t h = 0; h < n; h++) {
        before += dh[h];
        dh[h] *= au_heating_month_hour_factor(au_month_of_day((long)(h / 24 % 365)), (int)(h % 24));
        after += dh[h];
    }
    if (after > 0.0)
        for (size_t h = 0; h < n; h++)
            dh[h] *= before / after;
}

/* Space cooling.
 *
 * France's electricity for air conditioning was 15.5 TWh in 2020, 4.9 TWh
 * in homes and 10.6 TWh in services (ADEME & CODA Stratégies 2021, "La
 * climatisation de confort dans les bâtiments résidentiels et tertiaires,
 * état des lieux 2020", https://librairie.ademe.fr/, as quoted by AFP,
 * https://www.boursorama.com/actualite-economique/actualites/energie-a-l-
 * approche-d-une-nouvelle-vague-de-chaleur-le-point-sur-la-consommation-de-
 * la-climatisation-en-france-756e29ee4f177a46a620dff5d6f9a323, and by
 * https://www.actu-environnement.com/ae/news/menages-francais-systeme-
 * climatisation-chaleur-ademe-2020-37991.php4).  Most of it does not follow
 * the weather hour by hour (offices, shops and server rooms cool against
 * their own gains): the part that does is the national load's summer
 * thermosensitivity, which Mines Paris's decomposition of RTE 2019 (the one
 * heating_hour above comes from; function Decomposeconso2 of
 * EnergyAlternativesPlanning/f_consumptionModels.py, same repository and
 * commit) regresses, hour of the day by hour of the day, on the national
 * temperature above T1 = 20 °C, its "threshold temperature for air
 * condition in summer" (column "Thermosensibilite ete" of
 * Thermosensitivity_2019.csv: 836 MW/°C on average; SIA Partners found
 * 560-600 MW per degree in heat waves, http://www.europe1.fr/economie/
 * canicule-la-consommation-d-electricite-due-aux-climatiseurs-s-envole-
 * 3727754, with the same afternoon peak).  That
 * part, sum over 2019 of slope(hour) x (T - 20 °C)+, is 4.3 TWh (3.9 TWh in
 * 2020: 25 % of ADEME's total); it is what was taken out of RTE's load
 * before the specific electricity shapes were cut (shapes.c), so this is
 * the cooling that follows the weather, the rest being in those shapes.
 * Base 20 °C on the hour's own temperature, as the regression; each hour
 * weighted by its slope over their mean (legal time: the regression's
 * hours are RTE's): low in the small hours (0.61 at 05:00), high from late
 * morning to the evening (1.33 at 11:00, 1.21 at 18:00) and late at night
 * (1.26 at 23:00: nights above 20 °C are heat-wave nights).  An annual
 * quantity of cooling electricity therefore moves with the year's
 * weighted degree-hours: a COP is folded into it (the source's figures are
 * electricity). */
#define COOL_BASE_C 20.0

static const double cooling_hour[24] = {
    1.0281, 0.8798, 0.8536, 0.7620, 0.6572, 0.6145, 0.6581, 0.7994,
    1.0085, 1.1020, 1.0348, 1.3262, 1.2016, 0.9983, 1.0183, 0.9915,
    1.0182, 1.1841, 1.2115, 1.0727, 1.1516, 0.9735, 1.1969, 1.2576,
};

double au_cooling_hour_factor(int k)
{
    return cooling_hour[((k % 24) + 24) % 24];
}

double au_cooling_degree_hours(const double *temp_c, size_t n, double *out)
{
    double sum = 0.0;
    for (size_t h = 0; h < n; h++) {
        double dh = temp_c[h] - COOL_BASE_C;
        out[h] = dh > 0.0 ? dh * cooling_hour[au_legal_hour((int)(h % AU_HOURS)) % 24] : 0.0;
        sum += out[h];
    }
    return sum;
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
