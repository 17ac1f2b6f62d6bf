/* sun.h: the position of the sun (MODEL.md §3).
 *
 * au_spa() implements NREL's Solar Position Algorithm (Reda & Andreas 2004,
 * "Solar position algorithm for solar radiation applications", Solar Energy
 * 76(5), 577-589; NREL/TP-560-34302), which gives the topocentric zenith and
 * azimuth to within 0.0003° from -2000 to 6000.  Pure function: thread-safe,
 * no allocation. */
#ifndef AUTONOMY_SUN_H
#define AUTONOMY_SUN_H

#include "autonomy/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct au_spa_in {
    int year, month, day;           /* civil date in the time zone below */
    int hour, minute;
    double second;
    double timezone_h;              /* hours east of UTC (Golden, Colorado: -7) */
    double delta_ut1_s;             /* UT1 - UTC, seconds (|x| < 1; 0 is fine) */
    double delta_t_s;               /* TT - UT1, seconds (about 69 s in 2020) */
    double latitude_deg;            /* north positive */
    double longitude_deg;           /* east positive */
    double elevation_m;
    double pressure_mbar;           /* annual mean local pressure */
    double temperature_c;           /* annual mean local temperature */
    double atmos_refract_deg;       /* refraction at sunrise/sunset, 0.5667 */
} au_spa_in;

typedef struct au_spa_out {
    double zenith_deg;              /* topocentric, corrected for refraction */
    double azimuth_deg;             /* clockwise from north: 180 = south */
    double declination_deg;         /* topocentric declination */
    double hour_angle_deg;          /* topocentric local hour angle, westward
                                       from the meridian, in [-180, 180):
                                       negative in the morning */
    double earth_sun_au;            /* Earth-Sun distance, astronomical units */
} au_spa_out;

/* Computes the sun's position; returns AU_OK, or AU_EINVAL when in or out is
 * NULL or an input is out of its range (then *out is untouched).  The ranges:
 * year -2000..6000, a real calendar date (Gregorian from 1583, Julian before),
 * time 00:00:00 to 24:00:00 (second < 60), |timezone_h| <= 18,
 * |delta_ut1_s| < 1, |delta_t_s| <= 8000, latitude -90..90, longitude
 * -180..180, elevation -6500 km..1e5 km, pressure 0..5000 mbar (0 turns
 * refraction off), temperature above -273 and up to 6000 °C,
 * atmos_refract_deg 0..4.5.  NaN is out of every range. */
au_status au_spa(const au_spa_in *in, au_spa_out *out);

/* An estimate of TT - UT1 in seconds for a decimal year (2020.5 is mid
 * 2020), from the polynomials of Espenak & Meeus (NASA Eclipse web site,
 * "Polynomial expressions for Delta T"): piecewise from 1900 to 2150, the
 * long-term parabola -20 + 32 ((y - 1820) / 100)^2 outside (rough before
 * 1900).  The 2005-2050 polynomial was fitted before the Earth's rotation sped
 * up: it gives 71.6 s for 2020.0, when 69.4 s was observed.  An error of a
 * few seconds in ΔT moves the sun by about 1e-5° a second, negligible here. */
double au_delta_t_estimate(double year);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_SUN_H */
