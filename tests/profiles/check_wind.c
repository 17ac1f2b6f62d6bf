/* check_wind.c: wind power from 10 m wind speeds (wind.h).
 *
 * Expected values are worked by hand in the comments (bc -l for the digits):
 * the power and log laws at 100 m, the landmarks of the generic curve, a
 * table curve, a calibration with a closed-form answer.  Calibration is also
 * checked as a property on a made-up Weibull-like year, and on the real
 * Brussels-Uccle typical year when the shared data are present. */
#include "test_util.h"

#include "autonomy/weather.h"

#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>

#include "autonomy/wind.h"

#define N_YEAR 8760

/* A fleet with the scenario loader's defaults: 100 m hub, 1/7 power law,
 * generic curve 3 / 12 / 25 m/s, no losses, no target. */
static au_wind fleet(void)
{
    au_wind w;
    memset(&w, 0, sizeof w);
    w.name = "plateau";
    w.hub_height_m = 100.0;
    w.shear_exponent = 1.0 / 7.0;
    w.roughness_m = NAN;
    w.losses = 0.0;
    w.target_capacity_factor = NAN;
    w.cut_in_m_s = 3.0;
    w.rated_m_s = 12.0;
    w.cut_out_m_s = 25.0;
    w.line = 42;
    return w;
}

static double mean_of(const double *x, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s += x[i];
    return s / (double)n;
}

/* A deterministic Weibull-like year of 10 m speeds: shape 2 (Rayleigh),
 * scale c, quantiles taken in a scrambled order (the golden-ratio sequence)
 * so that the series looks like weather and not like a sorted list. */
static void weibull_year(double c, double *v, size_t n)
{
    const double phi = 0.6180339887498949;
    for (size_t i = 0; i < n; i++) {
        double u = fmod((double)(i + 1) * phi, 1.0);
        v[i] = c * sqrt(-log1p(-u));
    }
}

/* ---- hub height ---- */

START_TEST(test_power_law_at_100_m_multiplies_by_ten_to_the_alpha)
{
    au_wind w = fleet();
    /* 5 · (100/10)^(1/7) = 5 · e^(ln 10 / 7) = 5 · 1.389495494 = 6.947477471865680 */
    ck_assert_double_eq_tol(au_wind_hub_speed(&w, 5.0), 6.947477471865680, 1e-12);
    /* 5 · 10^0.2 = 5 · 1.584893192 = 7.924465962305565 */
    w.shear_exponent = 0.2;
    ck_assert_double_eq_tol(au_wind_hub_speed(&w, 5.0), 7.924465962305565, 1e-12);
    /* alpha 0: the same speed at every height */
    w.shear_exponent = 0.0;
    ck_assert_double_eq_tol(au_wind_hub_speed(&w, 5.0), 5.0, 1e-15);
}
END_TEST

START_TEST(test_log_law_at_100_m_uses_the_ratio_of_logarithms)
{
    au_wind w = fleet();
    w.shear_exponent = NAN;
    /* z0 = 0.1 m: 5 · ln(100/0.1) / ln(10/0.1) = 5 · ln(10^3)/ln(10^2) = 5 · 3/2 = 7.5 */
    w.roughness_m = 0.1;
    ck_assert_double_eq_tol(au_wind_hub_speed(&w, 5.0), 7.5, 1e-12);
    /* z0 = 0.03 m (open farmland): ln(3333.33) = 8.111728083, ln(333.333) =
     * 5.809142990, ratio 1.396372597, times 5 = 6.981862984637575 */
    w.roughness_m = 0.03;
    ck_assert_double_eq_tol(au_wind_hub_speed(&w, 5.0), 6.981862984637575, 1e-12);
}
END_TEST

START_TEST(test_hub_speed_is_never_negative_nor_nan)
{
    au_wind w = fleet();
    ck_assert_double_eq(au_wind_hub_speed(&w, -3.0), 0.0);
    ck_assert_double_eq(au_wind_hub_speed(&w, NAN), 0.0);
    ck_assert_double_eq(au_wind_hub_speed(&w, 0.0), 0.0);
    /* a hub at or below the roughness length has no log-law speed */
    w.shear_exponent = NAN;
    w.roughness_m = 2.0;
    w.hub_height_m = 1.5;
    ck_assert_double_eq(au_wind_hub_speed(&w, 8.0), 0.0);
}
END_TEST

/* ---- power curves ---- */

START_TEST(test_generic_curve_at_cut_in_rated_and_cut_out)
{
    au_wind w = fleet();
    ck_assert_double_eq(au_wind_curve(&w, 0.0), 0.0);
    ck_assert_double_eq(au_wind_curve(&w, 2.999), 0.0);
    /* at cut-in: (27 − 27)/(1728 − 27) = 0 */
    ck_assert_double_eq(au_wind_curve(&w, 3.0), 0.0);
    /* half-way, 7.5 m/s: (421.875 − 27)/(1728 − 27) = 394.875/1701 = 13/56 */
    ck_assert_double_eq_tol(au_wind_curve(&w, 7.5), 13.0 / 56.0, 1e-15);
    /* 10 m/s: (1000 − 27)/1701 = 973/1701 = 0.5720164609 */
    ck_assert_double_eq_tol(au_wind_curve(&w, 10.0), 973.0 / 1701.0, 1e-15);
    /* rated and above, up to and including cut-out: 1 */
    ck_assert_double_eq(au_wind_curve(&w, 12.0), 1.0);
    ck_assert_double_eq(au_wind_curve(&w, 18.5), 1.0);
    ck_assert_double_eq(au_wind_curve(&w, 25.0), 1.0);
    /* beyond cut-out: stopped */
    ck_assert_double_eq(au_wind_curve(&w, 25.001), 0.0);
    ck_assert_double_eq(au_wind_curve(&w, 40.0), 0.0);
    ck_assert_double_eq(au_wind_curve(&w, NAN), 0.0);
}
END_TEST

START_TEST(test_generic_curve_rises_monotonically_to_rated)
{
    au_wind w = fleet();
    double prev = 0.0;
    for (double v = 3.0; v <= 12.0; v += 0.0625) {
        double p = au_wind_curve(&w, v);
        ck_assert_msg(p >= prev && p <= 1.0, "curve(%g) = %g after %g", v, p, prev);
        prev = p;
    }
}
END_TEST

START_TEST(test_table_curve_interpolates_linearly_between_points)
{
    au_wind w = fleet();
    double speed[] = {3.0, 5.0, 8.0, 12.0, 25.0};
    double power[] = {0.0, 0.1, 0.5, 1.0, 1.0};
    w.n_points = 5;
    w.curve_speed_m_s = speed;
    w.curve_power = power;
    /* the points themselves */
    for (size_t i = 0; i < 5; i++)
        ck_assert_double_eq_tol(au_wind_curve(&w, speed[i]), power[i], 1e-15);
    /* 6.5 m/s, half-way from 5 to 8: 0.1 + 0.5 · (0.5 − 0.1) = 0.3 */
    ck_assert_double_eq_tol(au_wind_curve(&w, 6.5), 0.3, 1e-15);
    /* 10 m/s, half-way from 8 to 12: 0.5 + 0.5 · 0.5 = 0.75 */
    ck_assert_double_eq_tol(au_wind_curve(&w, 10.0), 0.75, 1e-15);
    /* 4 m/s: 0 + (1/2) · 0.1 = 0.05 */
    ck_assert_double_eq_tol(au_wind_curve(&w, 4.0), 0.05, 1e-15);
    /* 0 below the first point and above the last; the generic speeds do not
     * matter once a table is given */
    ck_assert_double_eq(au_wind_curve(&w, 2.9), 0.0);
    ck_assert_double_eq(au_wind_curve(&w, 25.01), 0.0);
    w.cut_out_m_s = 10.0;
    ck_assert_double_eq_tol(au_wind_curve(&w, 20.0), 1.0, 1e-15);
}
END_TEST

/* ---- profiles and calibration ---- */

START_TEST(test_profile_without_target_applies_losses_and_scale_one)
{
    static double v10[N_YEAR], out[N_YEAR];
    au_wind w = fleet();
    w.losses = 0.12;
    weibull_year(4.5, v10, N_YEAR);
    au_diags d;
    au_diags_init(&d);
    double k = -1.0;
    ck_assert_int_eq(au_wind_profile(&w, v10, N_YEAR, out, &k, "wind.xml", &d), AU_OK);
    ck_assert_double_eq(k, 1.0);
    ck_assert_uint_eq(d.n, 0);
    for (size_t h = 0; h < N_YEAR; h++) {
        double expect = 0.88 * au_wind_curve(&w, au_wind_hub_speed(&w, v10[h]));
        ck_assert_double_eq_tol(out[h], expect, 1e-15);
    }
    /* scale may be NULL */
    ck_assert_int_eq(au_wind_profile(&w, v10, N_YEAR, out, NULL, "wind.xml", &d), AU_OK);
    au_diags_clear(&d);
}
END_TEST

START_TEST(test_calibrated_mean_equals_the_target)
{
    gsl_set_error_handler_off();
    static double v10[N_YEAR], out[N_YEAR];
    const double targets[] = {0.05, 0.2138, 0.30, 0.4175};
    au_wind w = fleet();
    w.losses = 0.12;
    weibull_year(4.5, v10, N_YEAR);
    for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
        au_diags d;
        au_diags_init(&d);
        double k = -1.0;
        w.target_capacity_factor = targets[t];
        au_status st = au_wind_profile(&w, v10, N_YEAR, out, &k, "wind.xml", &d);
        ck_assert_msg(st == AU_OK, "target %g: status %d, %s", targets[t], st,
                      d.n ? d.items[0].msg : "");
        ck_assert_double_eq_tol(mean_of(out, N_YEAR), targets[t], 1e-6);
        ck_assert_msg(k >= 0.2 && k <= 5.0, "scale %g out of [0.2, 5]", k);
        for (size_t h = 0; h < N_YEAR; h++)
            ck_assert_msg(out[h] >= 0.0 && out[h] <= 0.88, "out[%zu] = %g", h, out[h]);
        au_diags_clear(&d);
    }
}
END_TEST

START_TEST(test_calibration_on_steady_wind_finds_the_closed_form_scale)
{
    gsl_set_error_handler_off();
    static double v10[N_YEAR], out[N_YEAR];
    /* Steady 5 m/s, no shear (alpha 0: hub speed 5 m/s), cut-out 20 m/s so
     * that the mean is not monotone in k: it rises from k = 0.6 (3 m/s) to
     * k = 2.4 (12 m/s), stays 1 to k = 4 (20 m/s), then drops to 0.  A target
     * of 0.5 is met on the rising part where (v³ − 27)/1701 = 0.5, v³ = 877.5,
     * v = 9.573756448289852 m/s, k = v/5 = 1.914751289657970. */
    au_wind w = fleet();
    w.shear_exponent = 0.0;
    w.cut_out_m_s = 20.0;
    w.target_capacity_factor = 0.5;
    for (size_t h = 0; h < N_YEAR; h++)
        v10[h] = 5.0;
    au_diags d;
    au_diags_init(&d);
    double k = -1.0;
    ck_assert_int_eq(au_wind_profile(&w, v10, N_YEAR, out, &k, "wind.xml", &d), AU_OK);
    ck_assert_double_eq_tol(k, 1.914751289657970, 1e-9);
    ck_assert_double_eq_tol(out[0], 0.5, 1e-9);
    ck_assert_double_eq_tol(out[N_YEAR - 1], 0.5, 1e-9);
    au_diags_clear(&d);
}
END_TEST

START_TEST(test_impossible_target_gives_one_diagnostic_naming_file_and_line)
{
    gsl_set_error_handler_off();
    static double v10[N_YEAR], out[N_YEAR];
    /* With 10 % losses no scale can give more than 0.9. */
    au_wind w = fleet();
    w.losses = 0.10;
    w.target_capacity_factor = 0.95;
    weibull_year(4.5, v10, N_YEAR);
    au_diags d;
    au_diags_init(&d);
    double k = -1.0;
    ck_assert_int_eq(au_wind_profile(&w, v10, N_YEAR, out, &k, "scenarios/amiens.xml", &d),
                     AU_EINVAL);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.items[0].file, "scenarios/amiens.xml");
    ck_assert_int_eq(d.items[0].line, 42);
    ck_assert_ptr_nonnull(strstr(d.items[0].msg, "wind 'plateau': capacity factor 0.95 "
                                                 "cannot be reached"));
    ck_assert_ptr_nonnull(strstr(d.items[0].msg, "(expected at most 0."));
    ck_assert_double_eq(k, -1.0);           /* untouched on failure */
    for (size_t h = 0; h < N_YEAR; h++)
        ck_assert_double_eq(out[h], 0.0);
    au_diags_clear(&d);
}
END_TEST

START_TEST(test_target_below_the_smallest_scale_is_rejected)
{
    gsl_set_error_handler_off();
    static double v10[N_YEAR], out[N_YEAR];
    /* 100 m/s everywhere, alpha 0: at k = 0.2 the hub sees 20 m/s, full
     * power, mean 1; larger scales only raise it past cut-out (25 m/s at
     * k = 0.25, mean 0 above).  0.5 is crossed only on the falling side,
     * which is refused. */
    au_wind w = fleet();
    w.shear_exponent = 0.0;
    w.target_capacity_factor = 0.5;
    for (size_t h = 0; h < N_YEAR; h++)
        v10[h] = 100.0;
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_wind_profile(&w, v10, N_YEAR, out, NULL, "w.xml", &d), AU_EINVAL);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_ptr_nonnull(strstr(d.items[0].msg, "(expected at least 1)"));
    au_diags_clear(&d);
}
END_TEST

START_TEST(test_target_without_hours_is_an_error)
{
    gsl_set_error_handler_off();
    double v10[1] = {5.0}, out[1] = {0.0};
    au_wind w = fleet();
    w.target_capacity_factor = 0.25;
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_wind_profile(&w, v10, 0, out, NULL, "w.xml", &d), AU_EINVAL);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_int_eq(d.items[0].line, 42);
    au_diags_clear(&d);
}
END_TEST

/* ---- fleets: spread over a territory ---- */

/* The multi-turbine curve at hub speed v, integrated here by GSL's adaptive
 * quadrature (independently of wind.c's table): the generic curve convolved
 * with a Gaussian of standard deviation 0.6 + 0.2 v (Staffell & Pfenninger
 * 2016). */
typedef struct conv_ctx {
    const au_wind *w;
    double v, sigma;
} conv_ctx;

static double conv_integrand(double x, void *params)
{
    const conv_ctx *c = params;
    double z = (x - c->v) / c->sigma;
    return au_wind_curve(c->w, x) * exp(-0.5 * z * z) / (c->sigma * sqrt(2.0 * M_PI));
}

static double fleet_curve(const au_wind *w, double v)
{
    conv_ctx c = {w, v, 0.6 + 0.2 * v};
    gsl_function f = {conv_integrand, &c};
    gsl_integration_workspace *ws = gsl_integration_workspace_alloc(1000);
    double result, err;
    /* the curve is 0 below 0 and above the cut-out: integrate over [0, 30] */
    double pts[] = {0.0, w->cut_in_m_s, w->rated_m_s, w->cut_out_m_s, 30.0};
    gsl_integration_qagp(&f, pts, 5, 1e-12, 1e-10, 1000, ws, &result, &err);
    gsl_integration_workspace_free(ws);
    return result;
}

START_TEST(test_fleet_curve_is_the_turbine_curve_seen_through_the_speeds_of_the_fleet)
{
    static double v10[N_YEAR], out[N_YEAR];
    au_wind w = fleet();
    w.shear_exponent = 0.0;       /* hub speed = 10 m speed */
    w.spread_m = 50e3;
    w.losses = 0.1;
    for (size_t h = 0; h < N_YEAR; h++)
        v10[h] = 3.0 + 20.0 * (double)h / N_YEAR;   /* 3 to 23 m/s */
    au_wind_fleet one_hour = {.scale = 1.0, .window_h = 0.0};
    ck_assert_int_eq(au_wind_fleet_profile(&w, &one_hour, v10, N_YEAR, out), AU_OK);
    for (size_t h = 0; h < N_YEAR; h += 97) {
        double want = 0.9 * fleet_curve(&w, v10[h]);
        ck_assert_msg(fabs(out[h] - want) < 2e-4, "v %g: %g, expected %g", v10[h], out[h],
                      want);
    }
    /* the fleet gives power below the cut-in and less than all above
     * rated, where some of its turbines see less wind */
    ck_assert(fleet_curve(&w, 2.5) > 0.001);
    ck_assert(fleet_curve(&w, 13.0) < 0.99);
}
END_TEST

START_TEST(test_fleet_averages_the_hub_speeds_over_its_window)
{
    /* Steady 8 m/s with one hour at 14 m/s (hour 100); a window of 2 h
     * centred on each hour takes half of each neighbour: hours 99 and 101
     * see 0.75 · 8 + 0.25 · 14 = 9.5 m/s, hour 100 sees 0.25 · 8 + 0.5 · 14 +
     * 0.25 · 8 = 11 m/s; a window of 3 h: (8 + 8 + 14) / 3 = 10 m/s for hours
     * 99 to 101.  The year wraps: hour 0's window reaches back into hour
     * 8759. */
    static double v10[N_YEAR], out[N_YEAR];
    au_wind w = fleet();
    w.shear_exponent = 0.0;
    w.spread_m = 1.0;             /* a fleet: its multi-turbine curve */
    for (size_t h = 0; h < N_YEAR; h++)
        v10[h] = 8.0;
    v10[100] = 14.0;
    v10[N_YEAR - 1] = 14.0;
    au_wind_fleet two = {.scale = 1.0, .window_h = 2.0}, three = {.scale = 1.0, .window_h = 3.0};
    ck_assert_int_eq(au_wind_fleet_profile(&w, &two, v10, N_YEAR, out), AU_OK);
    ck_assert_double_eq_tol(out[99], fleet_curve(&w, 9.5), 2e-4);
    ck_assert_double_eq_tol(out[100], fleet_curve(&w, 11.0), 2e-4);
    ck_assert_double_eq_tol(out[101], fleet_curve(&w, 9.5), 2e-4);
    ck_assert_double_eq_tol(out[102], fleet_curve(&w, 8.0), 2e-4);
    ck_assert_double_eq_tol(out[0], fleet_curve(&w, 9.5), 2e-4);
    ck_assert_int_eq(au_wind_fleet_profile(&w, &three, v10, N_YEAR, out), AU_OK);
    ck_assert_double_eq_tol(out[99], fleet_curve(&w, 10.0), 2e-4);
    ck_assert_double_eq_tol(out[100], fleet_curve(&w, 10.0), 2e-4);
    ck_assert_double_eq_tol(out[101], fleet_curve(&w, 10.0), 2e-4);
    ck_assert_double_eq_tol(out[98], fleet_curve(&w, 8.0), 2e-4);
}
END_TEST

START_TEST(test_fleet_window_is_its_extent_over_its_mean_hub_speed)
{
    /* Calibrated to 30 %: the window is spread / (scale · mean hub speed),
     * in hours, and the mean output is the target. */
    gsl_set_error_handler_off();
    static double v10[N_YEAR], out[N_YEAR];
    au_wind w = fleet();
    w.losses = 0.1;
    w.spread_m = 80e3;
    w.target_capacity_factor = 0.30;
    weibull_year(4.5, v10, N_YEAR);
    au_diags d;
    au_diags_init(&d);
    au_wind_fleet f;
    ck_assert_int_eq(au_wind_calibrate(&w, v10, N_YEAR, &f, "wind.xml", &d), AU_OK);
    double hub = 0;
    for (size_t h = 0; h < N_YEAR; h++)
        hub += au_wind_hub_speed(&w, v10[h]) / N_YEAR;
    ck_assert_double_eq_tol(f.window_h, 80e3 / (f.scale * hub) / 3600.0, 1e-12);
    ck_assert(f.window_h > 1.0);
    ck_assert_int_eq(au_wind_fleet_profile(&w, &f, v10, N_YEAR, out), AU_OK);
    ck_assert_double_eq_tol(mean_of(out, N_YEAR), 0.30, 1e-6);
    /* the same output from a fleet without its tabulated curve */
    double *again = malloc(N_YEAR * sizeof *again);
    au_wind_fleet bare = {f.scale, f.window_h, NULL, 0};
    ck_assert_ptr_nonnull(again);
    ck_assert_ptr_nonnull(f.curve);
    ck_assert_int_eq(au_wind_fleet_profile(&w, &bare, v10, N_YEAR, again), AU_OK);
    ck_assert_int_eq(memcmp(again, out, N_YEAR * sizeof *out), 0);
    free(again);
    au_wind_fleet_clear(&f);
    /* no spread: no window, the turbine's own curve */
    w.spread_m = 0;
    ck_assert_int_eq(au_wind_calibrate(&w, v10, N_YEAR, &f, "wind.xml", &d), AU_OK);
    ck_assert_double_eq(f.window_h, 0.0);
    ck_assert_ptr_null(f.curve);
    au_diags_clear(&d);
}
END_TEST

/* Lag-1 autocorrelation and the standard deviation of hour-to-hour steps. */
static void persistence(const double *x, size_t n, double *ac1, double *sd_step)
{
    double m = mean_of(x, n), num = 0, den = 0, s1 = 0, s2 = 0;
    for (size_t i = 0; i < n; i++) {
        den += (x[i] - m) * (x[i] - m);
        if (i + 1 < n) {
            num += (x[i] - m) * (x[i + 1] - m);
            s1 += x[i + 1] - x[i];
            s2 += (x[i + 1] - x[i]) * (x[i + 1] - x[i]);
        }
    }
    *ac1 = num / den;
    *sd_step = sqrt(s2 / (double)(n - 1) - (s1 / (double)(n - 1)) * (s1 / (double)(n - 1)));
}

START_TEST(test_a_spread_fleet_is_smoother_than_one_site_at_the_same_capacity_factor)
{
    /* On a made-up gusty year (Weibull quantiles in scrambled order: no
     * persistence at all), a fleet 80 km across is more persistent from hour
     * to hour and steps less than one site of the same capacity factor. */
    gsl_set_error_handler_off();
    static double v10[N_YEAR], site[N_YEAR], spread[N_YEAR];
    au_wind w = fleet();
    w.losses = 0.1;
    w.target_capacity_factor = 0.25;
    weibull_year(4.0, v10, N_YEAR);
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_wind_profile(&w, v10, N_YEAR, site, NULL, "w", &d), AU_OK);
    w.spread_m = 80e3;
    ck_assert_int_eq(au_wind_profile(&w, v10, N_YEAR, spread, NULL, "w", &d), AU_OK);
    double a1, s1, a2, s2;
    persistence(site, N_YEAR, &a1, &s1);
    persistence(spread, N_YEAR, &a2, &s2);
    ck_assert_double_eq_tol(mean_of(spread, N_YEAR), mean_of(site, N_YEAR), 1e-6);
    ck_assert_msg(a2 > a1 + 0.3 && s2 < 0.7 * s1, "one site ac %g step %g; fleet ac %g step %g",
                  a1, s1, a2, s2);
    au_diags_clear(&d);
}
END_TEST

/* ---- validation on the Brussels-Uccle typical year ---- */

/* One column of the Uccle year, read by the project's EPW reader. */
static void uccle_column(const char *path, double *out, int temperature)
{
    static au_weather w;
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_weather_read(path, AU_WFMT_EPW, NAN, &w, &d), AU_OK);
    memcpy(out, temperature ? w.temp_c : w.wind10_m_s, sizeof w.temp_c);
    au_diags_clear(&d);
}

START_TEST(test_uccle_year_gives_a_plausible_capacity_factor_and_calibrates)
{
    gsl_set_error_handler_off();
    static double v10[N_YEAR], out[N_YEAR];
    const char *path = AU_SHARED_DATA "/weather/BEL_VLG_Uccle.064470_TMYx.2007-2021.epw";
    FILE *probe = fopen(path, "r");
    if (probe == NULL) {
        printf("check_wind: %s absent, Uccle validation skipped\n", path);
        return;
    }
    fclose(probe);
    uccle_column(path, v10, 0);
    /* The data README gives a 3.47 m/s annual mean at 10 m. */
    ck_assert_double_eq_tol(mean_of(v10, N_YEAR), 3.47, 0.01);

    /* 100 m hub, 1/7 power law, generic 3/12/25 curve, 10 % losses. */
    au_wind w = fleet();
    w.losses = 0.10;
    au_diags d;
    au_diags_init(&d);
    double k = -1.0;
    ck_assert_int_eq(au_wind_profile(&w, v10, N_YEAR, out, &k, "uccle", &d), AU_OK);
    double cf = mean_of(out, N_YEAR);
    printf("check_wind: Uccle, 100 m, 1/7 law, curve 3/12/25, losses 10 %%: "
           "capacity factor %.4f without calibration\n", cf);
    ck_assert_msg(cf > 0.0 && cf < 0.6, "capacity factor %g", cf);

    w.target_capacity_factor = 0.25;
    ck_assert_int_eq(au_wind_profile(&w, v10, N_YEAR, out, &k, "uccle", &d), AU_OK);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_double_eq_tol(mean_of(out, N_YEAR), 0.25, 1e-6);
    ck_assert(k >= 0.2 && k <= 5.0);
    printf("check_wind: Uccle calibrated to 25 %%: speed scale %.4f\n", k);
    au_diags_clear(&d);
}
END_TEST

static Suite *wind_suite(void)
{
    Suite *s = suite_create("wind");

    TCase *tc_hub = tcase_create("hub_height");
    tcase_add_test(tc_hub, test_power_law_at_100_m_multiplies_by_ten_to_the_alpha);
    tcase_add_test(tc_hub, test_log_law_at_100_m_uses_the_ratio_of_logarithms);
    tcase_add_test(tc_hub, test_hub_speed_is_never_negative_nor_nan);
    suite_add_tcase(s, tc_hub);

    TCase *tc_curve = tcase_create("power_curve");
    tcase_add_test(tc_curve, test_generic_curve_at_cut_in_rated_and_cut_out);
    tcase_add_test(tc_curve, test_generic_curve_rises_monotonically_to_rated);
    tcase_add_test(tc_curve, test_table_curve_interpolates_linearly_between_points);
    suite_add_tcase(s, tc_curve);

    TCase *tc_cal = tcase_create("calibration");
    tcase_add_test(tc_cal, test_profile_without_target_applies_losses_and_scale_one);
    tcase_add_test(tc_cal, test_calibrated_mean_equals_the_target);
    tcase_add_test(tc_cal, test_calibration_on_steady_wind_finds_the_closed_form_scale);
    tcase_add_test(tc_cal, test_impossible_target_gives_one_diagnostic_naming_file_and_line);
    tcase_add_test(tc_cal, test_target_below_the_smallest_scale_is_rejected);
    tcase_add_test(tc_cal, test_target_without_hours_is_an_error);
    suite_add_tcase(s, tc_cal);

    TCase *tc_fleet = tcase_create("fleet");
    tcase_add_test(tc_fleet, test_fleet_curve_is_the_turbine_curve_seen_through_the_speeds_of_the_fleet);
    tcase_add_test(tc_fleet, test_fleet_averages_the_hub_speeds_over_its_window);
    tcase_add_test(tc_fleet, test_fleet_window_is_its_extent_over_its_mean_hub_speed);
    tcase_add_test(tc_fleet, test_a_spread_fleet_is_smoother_than_one_site_at_the_same_capacity_factor);
    suite_add_tcase(s, tc_fleet);

    TCase *tc_val = tcase_create("validation");
    tcase_add_test(tc_val, test_uccle_year_gives_a_plausible_capacity_factor_and_calibrates);
    tcase_set_tags(tc_val, "validation");  /* CK_INCLUDE_TAGS / CK_EXCLUDE_TAGS */
    tcase_set_timeout(tc_val, 30);
    suite_add_tcase(s, tc_val);

    return s;
}

AU_CHECK_MAIN(wind_suite)
