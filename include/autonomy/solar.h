/* solar.h: the sun over a whole year at a place, and the radiation
 * relations the weather and PV modules share.
 *
 * au_sunpath_compute() runs the SPA (sun.h) once per hour of a reference
 * year and keeps what the model needs: apparent zenith, azimuth, and the
 * extraterrestrial normal irradiance.  It is computed once per weather
 * source and shared by every fleet, year and scenario that uses it. */
#ifndef AUTONOMY_SOLAR_H
#define AUTONOMY_SOLAR_H

#include "autonomy/error.h"
#include "autonomy/pv.h"
#include "autonomy/weather.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The solar constant, W/m² (Kopp & Lean 2011, Geophys. Res. Lett. 38:
 * 1360.8 ± 0.5 W/m²). */
#define AU_SOLAR_CONSTANT 1361.0

/* The calendar year whose dates and ΔT place the sun for a typical year:
 * a non-leap year in the middle of the horizon's first decade.  Between two
 * years the sun at a given clock time moves by well under 0.3°. */
#define AU_SUN_REFERENCE_YEAR 2023

typedef struct au_sunpath {
    au_sun_hour hour[AU_HOURS];     /* zenith, azimuth, DNI_extra per hour */
    double latitude_deg, longitude_deg, utc_offset_h;
} au_sunpath;

/* The sun at time_in_hour_h hours after the start of each hour (0.5: the
 * middle) of AU_SUN_REFERENCE_YEAR, local standard time utc_offset_h.
 * Pressure for refraction from the elevation (standard atmosphere), 12 °C.
 * Returns AU_EINVAL for a place or offset out of range. */
au_status au_sunpath_compute(double latitude_deg, double longitude_deg, double elevation_m,
                             double utc_offset_h, double time_in_hour_h, au_sunpath *out);

/* Extraterrestrial irradiance on a horizontal plane for an hour (W/m²,
 * 0 with the sun below the horizon). */
double au_extra_horizontal(const au_sun_hour *sun);

/* Diffuse fraction of global horizontal irradiance from the hourly clearness
 * index kt = GHI / extraterrestrial horizontal, by Erbs, Klein & Duffie
 * (1982), Solar Energy 28(4):293-302, eq. 1. */
double au_erbs_diffuse_fraction(double kt);

/* Splits GHI into DNI and DHI with Erbs; never negative.  With the sun lower
 * than 3° above the horizon all of GHI is taken as diffuse. */
void au_erbs_split(const au_sun_hour *sun, double ghi_w_m2, double *dni_w_m2,
                   double *dhi_w_m2);

/* MODEL.md §2: a year that gives only GHI (has_beam 0, DNI and DHI NAN) gets
 * them from au_erbs_split, hour by hour, with the sun of sun (placed at the
 * year's irradiance instant); has_beam stays 0 to say they were derived.  A
 * year with its components is left as it is. */
void au_weather_split_missing(au_weather *w, const au_sunpath *sun);

/* Where in its hour a year's irradiance belongs, found from its three
 * components: the instant t (hours after each hour's start, 0 to 1 in steps
 * of 0.05) at which DNI cos z + DHI = GHI holds best, summed over the hours
 * with GHI above 20 W/m² and the sun above 5°, at the place (lat, lon,
 * degrees east) and the zone of the arrays.  A file whose beam and diffuse
 * were split from its global with the sun at some instant closes there and
 * nowhere else.  The sun is placed by Spencer's (1971) declination and
 * equation of time (within about 0.1°, ample to tell instants 3 minutes
 * apart).  *ratio (may be NULL) receives the summed misfit at t over that at
 * the middle of the hour (1: no better than the hour-mean convention).
 * Returns t, or NAN when w has no beam component or no usable hour. */
double au_irradiance_time_from_components(const au_weather *w, double latitude_deg,
                                          double longitude_deg, double *ratio);

/* Clear-sky global horizontal irradiance by Haurwitz (1945), as given by
 * Reno, Hansen & Stein 2012 (SAND2012-2389, eq. 3):
 * GHI_cs = 1098 cos z exp(−0.059 / cos z). */
double au_clear_sky_ghi(double zenith_deg);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_SOLAR_H */
