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
 * A fleet (spread > 0).  Turbines spread over a territory do not see one
 * station's wind: gusts and lulls cross the fleet one after the other, and at
 * any moment the turbines see a spread of speeds.  Two published effects,
 * applied in this order:
 * - Spatial averaging as time averaging (Taylor's frozen-turbulence
 *   hypothesis, G. I. Taylor 1938, "The spectrum of turbulence", Proc. R.
 *   Soc. Lond. A 164:476): a wind field carried across a fleet of extent L at
 *   speed U is, over the fleet, the mean of a point's record over L/U.  The
 *   hub speeds (hourly means, a step function of time) are averaged over a
 *   window of T = L / U hours centred on each hour, U being the fleet's mean
 *   hub speed on the typical year (after calibration); the year wraps, as
 *   typical years do.  T <= 1 h changes nothing (an hourly mean already
 *   averages an hour).
 * - The multi-turbine power curve: the turbine's curve convolved with a
 *   Gaussian of the speeds seen across the fleet at one time, of standard
 *   deviation sigma(v) = 0.6 + 0.2 v m/s (Staffell & Pfenninger 2016, "Using
 *   bias-corrected reanalysis to simulate current and future wind power
 *   output", Energy 114:1224; the same convolution as Norgaard & Holttinen
 *   2004's multi-turbine power curve and windpowerlib's smooth_power_curve).
 *   Tabulated every FLEET_DV m/s, integrated every FLEET_DX m/s over
 *   +-FLEET_SIGMAS sigma, read by linear interpolation.
 * A single site (spread 0) keeps the turbine's curve and the station's hours.
 * The calibration then works on the fleet's output, with the window of each
 * trial scale.  The typical year fixes the fleet (au_wind_fleet: scale and
 * window); stochastic years apply them unchanged (MODEL.md §3), so that their
 * capacity factors vary as their weather does.
 *
 * No allocation per hour: the hub speeds are kept in the caller's out[]
 * until the last pass writes the output over them; the allocations are the
 * solver's workspace and, for a fleet, the curve table and one year of
 * running sums, once per call. */
#include "autonomy/wind.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#define CAL_K_MIN 0.2
#define CAL_K_MAX 5.0
#define CAL_GRID 163            /* 25^(1/162) − 1 ≈ 2.0 % between grid scales */
#define CAL_MAX_ITER 200
#define CAL_TOL_K 1e-13         /* absolute and relative tolerance on k */

#define FLEET_DV 0.1            /* m/s between points of the fleet's curve table */
#define FLEET_DX 0.05           /* m/s, integration step of the convolution */
#define FLEET_SIGMAS 5.0        /* the Gaussian is integrated over +-5 sigma */

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

/* ---- the fleet: its curve and its window ---- */

/* The speeds seen across a fleet at one time: sigma(v), m/s (Staffell &
 * Pfenninger 2016). */
static double fleet_sigma(double v)
{
    return 0.6 + 0.2 * v;
}

/* The fleet's power curve, tabulated (NULL table: one site, the turbine's
 * own curve). */
typedef struct curve {
    const au_wind *w;
    double *table;
    size_t n;
} curve;

static double curve_at(const curve *c, double v)
{
    if (c->table == NULL)
        return au_wind_curve(c->w, v);
    if (!(v > 0.0))
        return c->table[0];
    double x = v / FLEET_DV;
    if (x >= (double)(c->n - 1))
        return c->table[c->n - 1];
    size_t i = (size_t)x;
    double t = x - (double)i;
    return c->table[i] + t * (c->table[i + 1] - c->table[i]);
}

/* The highest speed at which the turbine gives power. */
static double top_speed(const au_wind *w)
{
    if (w->n_points > 0 && w->curve_speed_m_s != NULL)
        return w->curve_speed_m_s[w->n_points - 1];
    return w->cut_out_m_s;
}

static au_status curve_init(curve *c, const au_wind *w)
{
    c->w = w;
    c->table = NULL;
    c->n = 0;
    if (!(w->spread_m > 0.0))
        return AU_OK;
    double top = top_speed(w);
    double vmax = top + FLEET_SIGMAS * fleet_sigma(top) + FLEET_DV;
    c->n = (size_t)(vmax / FLEET_DV) + 2;
    c->table = malloc(c->n * sizeof *c->table);
    if (c->table == NULL)
        return AU_ENOMEM;
    for (size_t i = 0; i < c->n; i++) {
        double v = (double)i * FLEET_DV, sg = fleet_sigma(v), sum = 0.0;
        double x0 = v - FLEET_SIGMAS * sg, x1 = v + FLEET_SIGMAS * sg;
        if (x0 < 0.0)
            x0 = 0.0;
        for (double x = x0 + 0.5 * FLEET_DX; x < x1; x += FLEET_DX) {
            double z = (x - v) / sg;
            sum += au_wind_curve(w, x) * exp(-0.5 * z * z);
        }
        c->table[i] = sum * FLEET_DX / (sg * sqrt(2.0 * M_PI));
    }
    c->table[c->n - 1] = 0.0; /* beyond the last point: nothing */
    return AU_OK;
}

static void curve_free(curve *c)
{
    free(c->table);
    c->table = NULL;
}

/* Running integral of the hourly step function v over [0, t], any t (the
 * year repeats): sums[j] = v[0] + ... + v[j − 1], j = 0..n. */
static double step_integral(const double *v, const double *sums, size_t n, double t)
{
    double year = sums[n], whole = floor(t / (double)n);
    t -= whole * (double)n;
    size_t j = (size_t)t;
    if (j >= n) {                   /* t == n after rounding */
        j = n - 1;
    }
    return whole * year + sums[j] + (t - (double)j) * v[j];
}

/* out[h] = the mean of the hourly step function v over the window of T
 * hours centred on the middle of hour h (1 < T <= n). */
static void window_mean(const double *v, const double *sums, size_t n, double T, double *out)
{
    for (size_t h = 0; h < n; h++) {
        double mid = (double)h + 0.5;
        out[h] = (step_integral(v, sums, n, mid + 0.5 * T) -
                  step_integral(v, sums, n, mid - 0.5 * T)) / T;
    }
}

/* ---- calibration ---- */

/* What the solver sees: the fleet, its hub speeds (unscaled) and, for a
 * fleet, their running sums and a work row. */
typedef struct cal_ctx {
    const au_wind *w;
    const curve *cv;
    const double *v_hub;
    const double *sums;             /* NULL for one site */
    double *work;
    double mean_hub;                /* mean of v_hub */
    size_t n;
    double target;
} cal_ctx;

/* The smoothing window (hours) of a fleet at scale k: its extent over the
 * mean hub speed, at least 1 h, at most the year. */
static double window_of(const au_wind *w, double k, double mean_hub, size_t n)
{
    if (!(w->spread_m > 0.0) || !(k * mean_hub > 0.0))
        return 0.0;
    double T = w->spread_m / (k * mean_hub) / 3600.0;
    return T <= 1.0 ? 0.0 : (T > (double)n ? (double)n : T);
}

/* (1 − losses) times the mean of the fleet's curve over the hub speeds at
 * scale k, smoothed over the fleet's window at that scale. */
static double mean_output(const cal_ctx *c, double k)
{
    double sum = 0.0;
    double T = c->sums != NULL ? window_of(c->w, k, c->mean_hub, c->n) : 0.0;
    if (T > 0.0) {
        window_mean(c->v_hub, c->sums, c->n, T, c->work);
        for (size_t h = 0; h < c->n; h++)
            sum += curve_at(c->cv, k * c->work[h]);
    } else {
        for (size_t h = 0; h < c->n; h++)
            sum += curve_at(c->cv, k * c->v_hub[h]);
    }
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

/* ---- profiles ---- */

/* Hub speeds into out[], their mean into *mean. */
static void hub_speeds(const au_wind *w, const double *v10_m_s, size_t n, double *out,
                       double *mean)
{
    double f = hub_factor(w), sum = 0.0;
    for (size_t h = 0; h < n; h++) {
        double v = v10_m_s[h] * f;
        out[h] = v > 0.0 && isfinite(v) ? v : 0.0;
        sum += out[h];
    }
    *mean = n > 0 ? sum / (double)n : 0.0;
}

/* The fleet's output per MW into out[] (holding the hub speeds), at scale
 * k and window T. */
static au_status apply(const au_wind *w, const curve *cv, double k, double T, size_t n,
                       double *out)
{
    double keep = 1.0 - w->losses;
    if (T > 0.0) {
        double *sums = malloc((n + 1) * sizeof *sums), *v = malloc(n * sizeof *v);
        if (sums == NULL || v == NULL) {
            free(sums);
            free(v);
            return AU_ENOMEM;
        }
        sums[0] = 0.0;
        for (size_t h = 0; h < n; h++) {
            v[h] = out[h];
            sums[h + 1] = sums[h] + v[h];
        }
        window_mean(v, sums, n, T, out);
        free(sums);
        free(v);
    }
    for (size_t h = 0; h < n; h++)
        out[h] = keep * curve_at(cv, k * out[h]);
    return AU_OK;
}

au_status au_wind_calibrate(const au_wind *w, const double *v10_m_s, size_t n,
                            au_wind_fleet *fleet, const char *file, au_diags *d)
{
    double mean = 0.0, k = 1.0;
    double *v = malloc((n ? n : 1) * sizeof *v);
    if (v == NULL)
        return AU_ENOMEM;
    hub_speeds(w, v10_m_s, n, v, &mean);
    curve cv;
    au_status st = curve_init(&cv, w);
    double *sums = NULL, *work = NULL;
    if (st == AU_OK && w->spread_m > 0.0) {
        sums = malloc((n + 1) * sizeof *sums);
        work = malloc((n ? n : 1) * sizeof *work);
        if (sums == NULL || work == NULL)
            st = AU_ENOMEM;
        else {
            sums[0] = 0.0;
            for (size_t h = 0; h < n; h++)
                sums[h + 1] = sums[h] + v[h];
        }
    }
    if (st == AU_OK && !isnan(w->target_capacity_factor)) {
        cal_ctx c = {w, &cv, v, sums, work, mean, n, w->target_capacity_factor};
        st = calibrate(&c, &k, file, d);
    }
    if (st == AU_OK) {
        fleet->scale = k;
        fleet->window_h = window_of(w, k, mean, n);
        fleet->curve = cv.table;    /* the fleet keeps it: every year reads it */
        fleet->n_curve = cv.n;
    } else {
        curve_free(&cv);
    }
    free(sums);
    free(work);
    free(v);
    return st;
}

void au_wind_fleet_clear(au_wind_fleet *fleet)
{
    free(fleet->curve);
    fleet->curve = NULL;
    fleet->n_curve = 0;
}

au_status au_wind_fleet_profile(const au_wind *w, const au_wind_fleet *fleet,
                                const double *v10_m_s, size_t n, double *out)
{
    double mean;
    curve cv = {w, fleet->curve, fleet->n_curve}, own = {w, NULL, 0};
    hub_speeds(w, v10_m_s, n, out, &mean);
    au_status st = AU_OK;
    if (!(w->spread_m > 0.0))
        cv.table = NULL;            /* one site: the turbine's own curve */
    else if (cv.table == NULL && (st = curve_init(&own, w)) == AU_OK)
        cv = own;
    if (st == AU_OK)
        st = apply(w, &cv, fleet->scale, fleet->window_h, n, out);
    curve_free(&own);
    if (st != AU_OK)
        for (size_t h = 0; h < n; h++)
            out[h] = 0.0;
    return st;
}

au_status au_wind_profile(const au_wind *w, const double *v10_m_s, size_t n, double *out,
                          double *scale, const char *file, au_diags *d)
{
    au_wind_fleet fleet = {0};
    au_status st = au_wind_calibrate(w, v10_m_s, n, &fleet, file, d);
    if (st == AU_OK)
        st = au_wind_fleet_profile(w, &fleet, v10_m_s, n, out);
    au_wind_fleet_clear(&fleet);
    if (st != AU_OK) {
        for (size_t h = 0; h < n; h++)
            out[h] = 0.0;
        if (st == AU_ENOMEM)
            au_diags_add(d, file, w->line, "out of memory computing the wind profile");
        return st;
    }
    if (scale != NULL)
        *scale = fleet.scale;
    return AU_OK;
}
