/* wind.h: wind power from 10 m wind speeds (MODEL.md §3).
 *
 * Hub-height speed by a power law (v_hub = v10 (h/10)^alpha) or a log law
 * with roughness z0 (v_hub = v10 ln(h/z0) / ln(10/z0)); power from a curve
 * (a table of points, linear between them, or a generic curve from cut-in,
 * rated and cut-out speeds); losses applied at the end.  Weather-station wind
 * is sheltered, so a fleet may give a target annual capacity factor: the
 * speed scale k (v_hub -> k v_hub) that reaches it is found by a 1-D root
 * search (GSL's Brent solver). */
#ifndef AUTONOMY_WIND_H
#define AUTONOMY_WIND_H

#include <stddef.h>
#include "autonomy/error.h"
#include "autonomy/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Wind speed at hub height (m/s) from the speed at 10 m, by the fleet's law:
 * the log law when roughness_m is not NAN, else the power law with
 * shear_exponent (1/7 when that is NAN too).  Never negative: a negative or
 * NaN speed, or a hub at or below the roughness length, gives 0. */
double au_wind_hub_speed(const au_wind *w, double v10_m_s);

/* Power as a fraction of rated power (0..1) at hub-height speed v, before
 * losses, from the fleet's curve: the table when n_points > 0 (linear between
 * points, 0 below the first speed and above the last), else the generic curve
 * (0 below cut-in, (v³ − v_in³)/(v_r³ − v_in³) up to rated, 1 up to and
 * including cut-out, 0 above).  Pure and thread-safe. */
double au_wind_curve(const au_wind *w, double v_hub_m_s);

/* What the typical year fixes for a fleet (MODEL.md §3): the wind-speed
 * scale that gives its target capacity factor (1 without a target), and the
 * window (hours) over which a spread fleet averages the hub speeds (0: one
 * site, or a fleet small against an hour of wind).  Stochastic and
 * recorded years apply them unchanged. */
typedef struct au_wind_fleet {
    double scale;
    double window_h;
    /* The fleet's multi-turbine power curve, tabulated by au_wind_calibrate
     * for a spread fleet (it depends only on the turbine, not on the
     * weather) and read by au_wind_fleet_profile; NULL: tabulated again by
     * each call.  Owned by whoever called au_wind_calibrate (released by
     * au_wind_fleet_clear); a copy of the struct only borrows it. */
    double *curve;
    size_t n_curve;
} au_wind_fleet;

/* Releases a calibrated fleet's curve (curve NULL after). */
void au_wind_fleet_clear(au_wind_fleet *fleet);

/* Finds a fleet's scale and window on a year of 10 m speeds (the typical
 * year), and tabulates its curve into fleet->curve, overwritten without
 * being freed (release it with au_wind_fleet_clear): the smallest scale in [0.2, 5], on a rising part of the mean, at
 * which the fleet's output (wind.c: the hub speeds averaged over the fleet's
 * window, read on its multi-turbine curve, less losses) has the target mean.
 * Returns AU_OK; AU_EINVAL with one diagnostic at (file, w->line) when the
 * target cannot be reached or n is 0; AU_ENOMEM. */
au_status au_wind_calibrate(const au_wind *w, const double *v10_m_s, size_t n,
                            au_wind_fleet *fleet, const char *file, au_diags *d);

/* Fills out[h] (h < n; not aliasing v10_m_s) with the fleet's output per MW
 * of capacity, 0..1 after losses, at the fleet's fixed scale and window.
 * Returns AU_OK or AU_ENOMEM (out then holds zeros). */
au_status au_wind_fleet_profile(const au_wind *w, const au_wind_fleet *fleet,
                                const double *v10_m_s, size_t n, double *out);

/* au_wind_calibrate then au_wind_fleet_profile on the same year.
 * Fills out[h] (h < n) with the fleet's output per MW of capacity (0..1,
 * after losses) from the 10 m wind speeds; out may not alias v10_m_s.  With a
 * target capacity factor, finds and applies the speed scale k (hub speeds
 * become k·v_hub) such that the mean of out equals the target: the smallest
 * such k in [0.2, 5], on a rising part of the curve (wind.c says how).
 * *scale receives it (1 without a target; may be NULL).  Returns AU_OK;
 * AU_EINVAL with one diagnostic at (file, w->line) when the target cannot be
 * reached with any scale in [0.2, 5] (the message gives the reachable bound)
 * or when n is 0; AU_ENOMEM when the solver's workspace cannot be allocated.
 * On failure out holds zeros and *scale is unchanged.  Allocates nothing per
 * hour; thread-safe with one diags list per thread (GSL's error handler must
 * be off: gsl_set_error_handler_off() in main). */
au_status au_wind_profile(const au_wind *w, const double *v10_m_s, size_t n, double *out,
                          double *scale, const char *file, au_diags *d);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_WIND_H */
