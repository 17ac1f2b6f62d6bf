/* heat.h: heating and cooling demand weights and heat-pump performance
 * (MODEL.md §4).
 *
 * Space heating follows heating degree-hours below a base temperature,
 * computed on an outdoor temperature smoothed by the thermal inertia of
 * buildings; space cooling, degree-hours above a base on the hour's own
 * temperature.  Heat pumps have a coefficient of performance that depends on
 * the source and supply temperatures, bounded to a plausible range. */
#ifndef AUTONOMY_HEAT_H
#define AUTONOMY_HEAT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct au_heating_params {
    double base_c;          /* heating base temperature (°C) */
    double inertia_h;       /* time constant of the buildings' smoothing (h) */
} au_heating_params;

/* Default parameters, documented and sourced in heat.c. */
au_heating_params au_heating_defaults(void);

/* Smoothed outdoor temperature (°C): a first-order filter with time constant
 * inertia_h (hours; alpha = 1 − exp(−1/inertia_h) per hour) over the year,
 * started in the periodic steady state so that the year wraps (hour 0
 * follows hour n-1, the typical-year convention) and no initial value
 * matters.  inertia_h <= 0 copies temp_c.  out may not alias temp_c. */
void au_heating_smooth(const double *temp_c, size_t n, double inertia_h, double *out);

/* Heating degree-hours per hour (K·h): max(0, base − smoothed temperature),
 * smoothed by au_heating_smooth with p->inertia_h; returns their sum over the
 * n hours (K·h; divide by 24 for degree-days).  out may not alias temp_c. */
double au_heating_degree_hours(const au_heating_params *p, const double *temp_c, size_t n,
                               double *out);

/* The hour of the day in space heating (heat.c: the hourly thermosensitivity
 * of the French load, RTE 2019, with the daily temperature cycle of November
 * to March): dh[h] (hours of a year from 1 January 00:00, local standard
 * time, 365-day years) times the factor of its month and hour of the day,
 * the whole scaled back to its sum, so that a year's heating is still its
 * degree-hours' and only the hours within each day move. */
void au_heating_intraday(double *dh, size_t n);

/* The factor of hour of the day k (0..23): about 0.9 at night, 1.1 at
 * 08:00, 1.18 at 18:00-19:00; their mean is 1. */
double au_heating_hour_factor(int k);

/* The factor of hour k (0..23) in month (0 = January .. 11): from November
 * to March lower in the afternoon and higher in the morning than
 * au_heating_hour_factor, the same from April to October; each month's
 * factors average 1. */
double au_heating_month_hour_factor(int month, int k);

/* Space cooling (air conditioning) follows cooling degree-hours above a
 * base of 20 °C on the hour's own temperature (no smoothing), each hour
 * weighted by the hour of the day of the French load's summer
 * thermosensitivity (heat.c: the regression that gave the base, RTE 2019;
 * weights in legal time, averaging 1).  out[h] (K·h) for the n hours of a
 * year from 1 January 00:00, local standard time (au_legal_hour for the
 * clock); returns their sum.  out may alias temp_c. */
double au_cooling_degree_hours(const double *temp_c, size_t n, double *out);

/* The cooling factor of hour of the day k (0..23, legal time): 0.61 at
 * 05:00, 1.33 at 11:00; their mean is 1. */
double au_cooling_hour_factor(int k);

typedef enum { AU_COP_AIR, AU_COP_GROUND, AU_COP_WATER, AU_COP_LARGE } au_cop_kind;

/* Coefficient of performance of a heat pump lifting heat from source_c to
 * supply_c (°C), for its kind: Staffell et al. (2012) regressions for air
 * (and for ground and water), a fraction of the Carnot COP for large
 * district-heating machines (heat.c gives the laws, limits and sources).
 * Non-increasing as the lift supply_c − source_c grows at a fixed source or
 * a fixed supply temperature; always in [1, 7], never NaN or infinite. */
double au_heat_pump_cop(au_cop_kind kind, double source_c, double supply_c);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_HEAT_H */
