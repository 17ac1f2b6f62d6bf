/* solar.c: the sun over a year, extraterrestrial and clear-sky irradiance,
 * and the Erbs decomposition (solar.h). */
#include "autonomy/solar.h"

#include <math.h>

#include "autonomy/sun.h"

#define DEG (M_PI / 180.0)

/* Beyond this zenith the beam is not split out of GHI: with the sun within
 * 3° of the horizon, DNI = (GHI − DHI) / cos z amplifies any error. */
#define ERBS_MAX_ZENITH 87.0

static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

au_status au_sunpath_compute(double latitude_deg, double longitude_deg, double elevation_m,
                             double utc_offset_h, double time_in_hour_h, au_sunpath *out)
{
    if (!(fabs(latitude_deg) <= 90) || !(fabs(longitude_deg) <= 180) ||
        !(fabs(utc_offset_h) <= 14) || !(time_in_hour_h >= 0 && time_in_hour_h <= 1) ||
        !(elevation_m > -500 && elevation_m < 9000))
        return AU_EINVAL;
    /* Standard atmosphere (ICAO): p = 1013.25 (1 − 2.25577e-5 h)^5.25588 hPa. */
    double p_mbar = 1013.25 * pow(1.0 - 2.25577e-5 * elevation_m, 5.25588);
    au_spa_in in = {0};
    in.year = AU_SUN_REFERENCE_YEAR;
    in.timezone_h = utc_offset_h;
    in.delta_t_s = au_delta_t_estimate(AU_SUN_REFERENCE_YEAR + 0.5);
    in.latitude_deg = latitude_deg;
    in.longitude_deg = longitude_deg;
    in.elevation_m = elevation_m;
    in.pressure_mbar = p_mbar;
    in.temperature_c = 12.0;
    in.atmos_refract_deg = 0.5667;
    double secs = time_in_hour_h * 3600.0;
    int h = 0;
    for (int m = 0; m < 12; m++) {
        for (int d = 1; d <= month_days[m]; d++) {
            for (int hr = 0; hr < 24; hr++, h++) {
                au_spa_out o;
                in.month = m + 1;
                in.day = d;
                in.hour = hr;
                in.minute = (int)(secs / 60.0);
                in.second = secs - 60.0 * in.minute;
                if (in.minute == 60) {      /* the end of the hour: hr + 1, 00:00 */
                    in.hour = hr + 1;       /* SPA takes 24:00:00 */
                    in.minute = 0;
                    in.second = 0.0;
                }
                if (au_spa(&in, &o) != AU_OK)
                    return AU_EINVAL;
                out->hour[h].zenith_deg = o.zenith_deg;
                out->hour[h].azimuth_deg = o.azimuth_deg;
                out->hour[h].dni_extra_w_m2 = AU_SOLAR_CONSTANT / (o.earth_sun_au * o.earth_sun_au);
            }
        }
    }
    out->latitude_deg = latitude_deg;
    out->longitude_deg = longitude_deg;
    out->utc_offset_h = utc_offset_h;
    return AU_OK;
}

double au_extra_horizontal(const au_sun_hour *sun)
{
    double c = cos(sun->zenith_deg * DEG);
    return c > 0 ? sun->dni_extra_w_m2 * c : 0.0;
}

double au_erbs_diffuse_fraction(double kt)
{
    if (kt <= 0.22)
        return 1.0 - 0.09 * (kt > 0 ? kt : 0.0);
    if (kt <= 0.80)
        return 0.9511 - 0.1604 * kt + 4.388 * kt * kt - 16.638 * kt * kt * kt +
               12.336 * kt * kt * kt * kt;
    return 0.165;
}

void au_erbs_split(const au_sun_hour *sun, double ghi_w_m2, double *dni_w_m2, double *dhi_w_m2)
{
    double ghi = ghi_w_m2 > 0 ? ghi_w_m2 : 0.0;
    double h0 = au_extra_horizontal(sun);
    if (ghi == 0 || h0 <= 0 || sun->zenith_deg > ERBS_MAX_ZENITH) {
        *dni_w_m2 = 0.0;
        *dhi_w_m2 = ghi;
        return;
    }
    double kt = ghi / h0;
    double dhi = ghi * au_erbs_diffuse_fraction(kt);
    double dni = (ghi - dhi) / cos(sun->zenith_deg * DEG);
    *dhi_w_m2 = dhi;
    *dni_w_m2 = dni > 0 ? dni : 0.0;
}

void au_weather_split_missing(au_weather *w, const au_sunpath *sun)
{
    if (w->has_beam)
        return;
    for (int h = 0; h < AU_HOURS; h++)
        au_erbs_split(&sun->hour[h], w->ghi_w_m2[h], &w->dni_w_m2[h], &w->dhi_w_m2[h]);
}

double au_clear_sky_ghi(double zenith_deg)
{
    double c = cos(zenith_deg * DEG);
    return c > 0 ? 1098.0 * c * exp(-0.059 / c) : 0.0;
}

/* Spencer (1971), "Fourier series representation of the position of the
 * sun", Search 2(5):172: declination (radians) and equation of time
 * (minutes) on day of year d (1..365; a fraction of a day places it
 * within the day, as NOAA's general solar position calculations do:
 * d + (hour UTC - 12) / 24). */
static void spencer(double d, double *decl, double *eot_min)
{
    double g = 2.0 * M_PI * (d - 1) / 365.0;
    *decl = 0.006918 - 0.399912 * cos(g) + 0.070257 * sin(g) - 0.006758 * cos(2 * g) +
            0.000907 * sin(2 * g) - 0.002697 * cos(3 * g) + 0.00148 * sin(3 * g);
    *eot_min = 229.18 * (0.000075 + 0.001868 * cos(g) - 0.032077 * sin(g) -
                         0.014615 * cos(2 * g) - 0.040849 * sin(2 * g));
}

/* Spencer (1971), ibid.: (r0 / r)^2, the Earth-Sun distance factor of the
 * extraterrestrial irradiance, on day of year d (1..365). */
static double spencer_distance(double d)
{
    double g = 2.0 * M_PI * (d - 1) / 365.0;
    return 1.000110 + 0.034221 * cos(g) + 0.001280 * sin(g) + 0.000719 * cos(2 * g) +
           0.000077 * sin(2 * g);
}

void au_weather_hour_sun(double latitude_deg, double longitude_deg, double utc_offset_h,
                         long hour, double *cos_zenith_min, double *cos_zenith_max,
                         double *e0_w_m2)
{
    /* the day of the year at the middle of the hour, in UTC: near the
     * equinoxes the declination moves 0.4° a day */
    double d = (double)(hour / 24) + 1.0 + ((double)(hour % 24) + 0.5 - utc_offset_h - 12.0) / 24.0;
    double decl, eot;
    spencer(d, &decl, &eot);
    /* the hour angle (degrees, 0 at solar noon) at the hour's start and end */
    double solar = (double)(hour % 24) + eot / 60.0 + (longitude_deg - 15.0 * utc_offset_h) / 15.0;
    double w0 = fmod(15.0 * (solar - 12.0), 360.0);
    if (w0 >= 180.0)
        w0 -= 360.0;
    else if (w0 < -180.0)
        w0 += 360.0;
    double w1 = w0 + 15.0;
    /* cos of the hour angle over [w0, w1] (15° wide, w0 in [-180, 180)):
     * highest at noon when the hour holds it, lowest at midnight likewise,
     * else at an end */
    double c0 = cos(w0 * DEG), c1 = cos(w1 * DEG);
    double cmax = w0 <= 0.0 && w1 >= 0.0 ? 1.0 : fmax(c0, c1);
    double cmin = w0 <= 180.0 && w1 >= 180.0 ? -1.0 : fmin(c0, c1);
    double a = sin(latitude_deg * DEG) * sin(decl), b = cos(latitude_deg * DEG) * cos(decl);
    *cos_zenith_min = fmin(1.0, fmax(0.0, a + b * cmin));   /* rounding kept within [0, 1] */
    *cos_zenith_max = fmin(1.0, fmax(0.0, a + b * cmax));
    *e0_w_m2 = AU_SOLAR_CONSTANT * spencer_distance(d);
}

#define CLOSURE_STEPS 21        /* t = 0, 0.05, ..., 1 */
#define CLOSURE_MIN_GHI 20.0    /* W/m² */
#define CLOSURE_MIN_COS 0.0872  /* sun above 5° */

double au_irradiance_time_from_components(const au_weather *w, double latitude_deg,
                                          double longitude_deg, double *ratio)
{
    if (ratio != NULL)
        *ratio = 1.0;
    if (!w->has_beam || isnan(latitude_deg) || isnan(longitude_deg))
        return NAN;
    double misfit[CLOSURE_STEPS] = {0}, weight[CLOSURE_STEPS] = {0};
    double sl = sin(latitude_deg * DEG), cl = cos(latitude_deg * DEG);
    for (int d = 0; d < 365; d++) {
        double decl, eot;
        spencer(d + 1, &decl, &eot);
        double sd = sin(decl), cd = cos(decl);
        for (int k = 0; k < 24; k++) {
            int h = 24 * d + k;
            double g = w->ghi_w_m2[h], b = w->dni_w_m2[h], f = w->dhi_w_m2[h];
            if (!(g > CLOSURE_MIN_GHI) || !isfinite(b) || !isfinite(f))
                continue;
            for (int i = 0; i < CLOSURE_STEPS; i++) {
                double t = k + (double)i / (CLOSURE_STEPS - 1);
                double solar = t + eot / 60.0 + (longitude_deg - 15.0 * w->utc_offset_h) / 15.0;
                double cz = sl * sd + cl * cd * cos((solar - 12.0) * 15.0 * DEG);
                if (cz < CLOSURE_MIN_COS)
                    continue;
                misfit[i] += fabs(b * cz + f - g);
                weight[i] += g;
            }
        }
    }
    int best = -1;
    double best_v = INFINITY;
    for (int i = 0; i < CLOSURE_STEPS; i++)
        if (weight[i] > 0 && misfit[i] / weight[i] < best_v) {
            best_v = misfit[i] / weight[i];
            best = i;
        }
    int mid = (CLOSURE_STEPS - 1) / 2;
    if (best < 0 || !(weight[mid] > 0))
        return NAN;
    if (ratio != NULL)
        *ratio = misfit[mid] / weight[mid] > 0 ? best_v / (misfit[mid] / weight[mid]) : 1.0;
    return (double)best / (CLOSURE_STEPS - 1);
}
