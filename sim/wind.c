/* wind.c: wind power from 10 m wind speeds (wind.h, MODEL.md §3).
 *
 * Three steps per hour: the 10 m speed is carried to hub height by a factor
 * that is constant for a fleet (power law or log law), read on the power
 * curve, and multiplied by (1 − losses).  With a target capacity factor the
 * hub speeds are first multiplied by a scale k found by GSL's Brent solver.
 *
 * Laws and their sources:
 * - Power law v_hub = v10 (h/10)^alpha, the Hellmann exponent alpha (1/7 is
 *   the classic neutral-stability value; Peterson & Hennessey 1978, J. Appl.
 *   Meteor. 17:390).  Log law v_hub = v10 ln(h/z0) / ln(10/z0) for a surface
 *   of roughness length z0 (neutral surface layer; e.g. Manwell, McGowan &
 *   Rogers, "Wind Energy Explained", 2nd ed. 2009, §2.3.4).
 * - The generic curve rises as P/P_rated = (v³ − v_in³) / (v_r³ − v_in³)
 *   between cut-in and rated speed: the polynomial model
 *   (v^k − v_in^k) / (v_r^k − v_in^k) of the power-curve reviews (Sohoni,
 *   Gupta & Nema 2016, "A critical review on wind turbine power curve
 *   modelling techniques", J. Energy 2016:8519785; Carrillo et al. 2013,
 *   Renew. Sustain. Energy Rev. 21:572), with k = 3, the cube of the wind's
 *   kinetic power.  It is 1 from rated speed up to and including cut-out and
 *   0 above (no hysteresis).
 *
 * Calibration.  m(k) = (1 − losses) · mean_h curve(k · v_hub[h]) is not
 * monotone in k: it rises while hours move up the curve, but falls each time
 * an hour passes cut-out (and a table curve may itself fall anywhere).  So
 * the bracket is found on a grid of CAL_GRID scales spaced geometrically
 * over [0.2, 5] (2 % apart): the first grid interval where m(k) − target
 * changes sign from below to at-or-above is handed to Brent.  That is the
 * smallest scale that reaches the target, always on a rising branch of m,
 * below the grid's maximiser k* (the search on [0.2, k*] the brief asks
 * for).  A target that m reaches only on a falling branch (hours pushed past
 * cut-out) is not accepted: it would be met because the turbines stop.  When
 * no grid scale reaches the target the diagnostic quotes the grid's highest
 * mean (a peak narrower than one grid step could be missed; the error is then
 * conservative).  With a curve that jumps (a table whose first point has
 * power above zero), m can jump across the target; Brent then returns the
 * scale of the jump and m(k) differs from the target by the jump.
 *
 * No allocation per hour: the hub speeds are kept in the caller's out[]
 * until the last pass writes the output over them; the only allocation is
 * the solver's workspace, once per call. */
#include "autonomy/wind.h"

#include <math.h>
#include <stddef.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#define CAL_K_MIN 0.2
#define CAL_K_MAX 5.0
#define CAL_GRID 163            /* 25^(1/162) − 1 ≈ 2.0 % between grid scales */
#define CAL_MAX_ITER 200
#define CAL_TOL_K 1e-13         /* absolute and relative tolerance on k */

/* The factor that carries a 10 m speed to hub height; never negative. */
static double hub_factor(const au_wind *w)
{
    double f;
    if (!isnan(w->roughness_m)) {
        double z0 = w->roughness_m;
        if (!(z0 > 0.0) || !(w->hub_height_m > z0) || !(10.0 > z0))
            return 0.0;
        f = log(w->hub_height_m / z0) / log(10.0 / z0);
    } else {
        double alpha = isnan(w->shear_exponent) ? 1.0 / 7.0 : w->shear_exponent;
        if (!(w->hub_height_m > 0.0))
            return 0.0;
        f = pow(w->hub_height_m / 10.0, alpha);
    }
    return f > 0.0 && isfinite(f) ? f : 0.0;
}

double au_wind_hub_speed(const au_wind *w, double v10_m_s)
{
    double v = v10_m_s * hub_factor(w);
    return v > 0.0 && isfinite(v) ? v : 0.0;
}

double au_wind_curve(const au_wind *w, double v)
{
    if (w->n_points > 0 && w->curve_speed_m_s != NULL && w->curve_power != NULL) {
        const double *s = w->curve_speed_m_s, *p = w->curve_power;
        size_t n = w->n_points;
        if (!(v >= s[0]) || v > s[n - 1])
            return 0.0;
        if (n == 1)
            return p[0];
        /* The interval [s[lo], s[lo + 1]] holding v (speeds increase). */
        size_t lo = 0, hi = n - 1;
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (s[mid] <= v)
                lo = mid;
            else
                hi = mid;
        }
        double t = (v - s[lo]) / (s[lo + 1] - s[lo]);
        return p[lo] + t * (p[lo + 1] - p[lo]);
    }
    double vin = w->cut_in_m_s, vr = w->rated_m_s;
    if (!(v >= vin) || v > w->cut_out_m_s)
        return 0.0;
    if (v >= vr)
        return 1.0;
    double vin3 = vin * vin * vin;
    return (v * v * v - vin3) / (vr * vr * vr - vin3);
}

/* What the solver sees: the fleet and its hub speeds. */
typedef struct cal_ctx {
    const au_wind *w;
    const double *v_hub;
    size_t n;
    double target;
} cal_ctx;

/* (1 − losses) times the mean of the curve over the scaled hub speeds. */
static double mean_output(const cal_ctx *c, double k)
{
    double sum = 0.0;
    for (size_t h = 0; h < c->n; h++)
        sum += au_wind_curve(c->w, k * c->v_hub[h]);
    return (1.0 - c->w->losses) * sum / (double)c->n;
}

static double cal_residual(double k, void *params)
{
    const cal_ctx *c = params;
    return mean_output(c, k) - c->target;
}

static double grid_scale(int j)
{
    if (j >= CAL_GRID - 1)
        return CAL_K_MAX;
    return CAL_K_MIN * exp(j * log(CAL_K_MAX / CAL_K_MIN) / (CAL_GRID - 1));
}

/* Capacity factors in messages: two or three decimals, rounded towards the
 * side that keeps "expected at most/least" true. */
static double floor3(double x) { return floor(x * 1000.0) / 1000.0; }
static double ceil3(double x) { return ceil(x * 1000.0) / 1000.0; }

/* Brent's method on [lo, hi], where the residual goes from < 0 to > 0. */
static au_status brent(cal_ctx *c, double lo, double hi, double *k, const char *name,
                       const char *file, au_diags *d)
{
    gsl_function f = {cal_residual, c};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (s == NULL)
        return AU_ENOMEM;
    int rc = gsl_root_fsolver_set(s, &f, lo, hi);
    int iter = 0;
    while (rc == GSL_SUCCESS) {
        rc = gsl_root_fsolver_iterate(s);
        if (rc != GSL_SUCCESS)
            break;
        double x = gsl_root_fsolver_root(s);
        rc = gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s),
                                    CAL_TOL_K, CAL_TOL_K);
        if (rc == GSL_SUCCESS || cal_residual(x, c) == 0.0) {
            *k = x;
            gsl_root_fsolver_free(s);
            return AU_OK;
        }
        if (rc != GSL_CONTINUE)
            break;
        rc = ++iter < CAL_MAX_ITER ? GSL_SUCCESS : GSL_EMAXITER;
    }
    gsl_root_fsolver_free(s);
    au_diags_add(d, file, c->w->line,
                 "wind '%s': the wind-speed scale for capacity factor %g was not found between "
                 "%g and %g (%s) (expected the root search to converge)",
                 name, c->target, lo, hi, gsl_strerror(rc));
    return AU_EINVAL;
}

/* The scale k in [CAL_K_MIN, CAL_K_MAX] that gives the target (see the
 * file's opening comment for the bracketing). */
static au_status calibrate(cal_ctx *c, double *k, const char *file, au_diags *d)
{
    const char *name = c->w->name ? c->w->name : "(unnamed)";
    if (c->n == 0) {
        au_diags_add(d, file, c->w->line,
                     "wind '%s': capacity factor %g asked for but there are no hours of wind "
                     "(expected a weather year)", name, c->target);
        return AU_EINVAL;
    }
    double k_prev = CAL_K_MIN;
    double r_prev = cal_residual(k_prev, c);
    if (r_prev == 0.0) {
        *k = k_prev;
        return AU_OK;
    }
    if (r_prev > 0.0) {
        au_diags_add(d, file, c->w->line,
                     "wind '%s': capacity factor %g cannot be reached with this curve and weather "
                     "(expected at least %g)", name, c->target, ceil3(r_prev + c->target));
        return AU_EINVAL;
    }
    double best = r_prev;
    for (int j = 1; j < CAL_GRID; j++) {
        double kj = grid_scale(j);
        double r = cal_residual(kj, c);
        if (r == 0.0) {
            *k = kj;
            return AU_OK;
        }
        if (r > 0.0)
            return brent(c, k_prev, kj, k, name, file, d);
        if (r > best)
            best = r;
        k_prev = kj;
    }
    au_diags_add(d, file, c->w->line,
                 "wind '%s': capacity factor %g cannot be reached with this curve and weather "
                 "(expected at most %g)", name, c->target, floor3(best + c->target));
    return AU_EINVAL;
}

au_status au_wind_profile(const au_wind *w, const double *v10_m_s, size_t n, double *out,
                          double *scale, const char *file, au_diags *d)
{
    double f = hub_factor(w);
    for (size_t h = 0; h < n; h++) {
        double v = v10_m_s[h] * f;
        out[h] = v > 0.0 && isfinite(v) ? v : 0.0;
    }
    double k = 1.0;
    if (!isnan(w->target_capacity_factor)) {
        cal_ctx c = {w, out, n, w->target_capacity_factor};
        au_status st = calibrate(&c, &k, file, d);
        if (st != AU_OK) {
            for (size_t h = 0; h < n; h++)
                out[h] = 0.0;
            return st;
        }
    }
    double keep = 1.0 - w->losses;
    for (size_t h = 0; h < n; h++)
        out[h] = keep * au_wind_curve(w, k * out[h]);
    if (scale != NULL)
        *scale = k;
    return AU_OK;
}
