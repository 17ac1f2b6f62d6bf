/* synth.c: the synthetic weather generator and its calibration
 * (synth.h; the method in docs/synthetic-weather.md).
 *
 * Calibration reads one real hourly year and derives, per season, the
 * distribution of the daily clearness index relative to its monthly mean,
 * the spreads of daily temperature and ln-wind anomalies, their day-to-day
 * persistence and same-day correlations, the daily cycles of temperature
 * (amplitude growing with clearness) and wind, and the hourly noise of
 * irradiance and wind.  Typical meteorological years splice months from
 * different years, so day-to-day statistics use pairs of days of the same
 * month only.
 *
 * Generation draws the daily layer by a seasonal first-order vector
 * autoregression, then the hours.  Sample 0 is adjusted to the monthly
 * targets by a smooth correction (interpolated between mid-months, so no
 * step appears at month boundaries). */
#include "autonomy/synth.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#define DAYS 365
#define OMEGA (2.0 * M_PI / 24.0)

const double au_synth_q[AU_SYNTH_NQ] = {0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5,
                                        0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0};

static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/* The daily clearness index never exceeds this (the clearest days of the
 * Uccle year reach about 0.75). */
#define K_MAX 0.8

/* Hourly GHI never exceeds this fraction of the extraterrestrial horizontal
 * irradiance (hourly clearness indices above 0.85 are rare outside cloud
 * enhancement, which hour means smooth away). */
#define KT_HOUR_MAX 0.85

/* Irradiance and wind statistics ignore hours below these thresholds, where
 * ratios are dominated by the sun's height and by measurement resolution. */
#define CS_MIN_W_M2 150.0
#define WIND_MIN_M_S 0.5

typedef struct calendar {
    int month[DAYS];
    int first_day[12];
} calendar;

static void calendar_init(calendar *c)
{
    int d = 0;
    for (int m = 0; m < 12; m++) {
        c->first_day[m] = d;
        for (int i = 0; i < month_days[m]; i++)
            c->month[d++] = m;
    }
}

static int season_of(int month)
{
    return month == 11 ? 0 : (month + 1) / 3;
}

/* Periodic linear interpolation of monthly values at fractional day t (0 is
 * 1 January 00:00, in days), month values sitting at mid-month. */
static double monthly_interp(const calendar *c, const double v[12], double t)
{
    double mid[12];
    for (int m = 0; m < 12; m++)
        mid[m] = c->first_day[m] + month_days[m] / 2.0;
    int m1 = 0;
    while (m1 < 12 && mid[m1] <= t)
        m1++;
    int m0 = (m1 + 11) % 12;
    m1 %= 12;
    double t0 = mid[m0], t1 = mid[m1];
    if (t1 <= t0)
        t1 += DAYS;
    double tt = t < t0 ? t + DAYS : t;
    double f = (tt - t0) / (t1 - t0);
    return v[m0] + f * (v[m1] - v[m0]);
}

/* Solar hour at the middle of hour h. */
static double solar_hour(const au_sunpath *sun, int h)
{
    double s = (h % 24) + 0.5 + sun->longitude_deg / 15.0 - sun->utc_offset_h;
    return fmod(s + 48.0, 24.0);
}

/* Linear interpolation of day-centred daily values at hour h (periodic). */
static double daily_interp(const double *v, int h)
{
    double f = (h + 0.5) / 24.0 - 0.5;
    int d0 = (int)floor(f);
    double w = f - d0;
    int a = (d0 + DAYS) % DAYS, b = (d0 + 1 + DAYS) % DAYS;
    return v[a] + w * (v[b] - v[a]);
}

/* One day of hourly clear-sky indices.  The sky of each hour sits between
 * overcast (kc ≈ kc_overcast, with log-normal spread) and clear (kc = 1):
 *     kc_h = ko_h + (kc_clear − ko_h) Φ((s_h − θ) / width)
 * where s_h is an autocorrelated latent sky value carried from hour to hour
 * (*latent), and θ is found by bisection so that the day adds up to target
 * (W/m² summed over its hours) on the clear-sky shape cs.  A small width
 * gives skies that are either clear or overcast, a large one uniform haze;
 * the calibration picks the width that reproduces the distribution of hourly
 * clear-sky indices of the reference year.  Returns the day's kc in kc. */
static void sky_day(const double cs[24], double target, double width, double kclear, double ko,
                    double so, double phi, double *latent, gsl_rng *r, double kc[24])
{
    double s[24], base[24], cs_sum = 0;
    for (int i = 0; i < 24; i++) {
        *latent = phi * *latent + sqrt(1.0 - phi * phi) * gsl_ran_ugaussian(r);
        s[i] = *latent;
        base[i] = ko * exp(so * gsl_ran_ugaussian(r) - 0.5 * so * so);
        if (base[i] > kclear)
            base[i] = kclear;
        cs_sum += cs[i];
    }
    if (cs_sum <= 0) {
        for (int i = 0; i < 24; i++)
            kc[i] = 0.0;
        return;
    }
    /* the bisection looks at the hours with a clear sky only: a dark hour
     * adds cs = 0 times a finite factor, +0, which leaves the sum's bits as
     * they are, so skipping it changes nothing but the time */
    int lit[24], n_lit = 0;
    for (int i = 0; i < 24; i++)
        if (cs[i] != 0.0)
            lit[n_lit++] = i;
    double lo = -12.0, hi = 12.0; /* θ: high θ, dark day */
    for (int it = 0; it < 60; it++) {
        double mid = 0.5 * (lo + hi), sum = 0;
        for (int j = 0; j < n_lit; j++) {
            int i = lit[j];
            sum += cs[i] * (base[i] + (kclear - base[i]) * gsl_cdf_ugaussian_P((s[i] - mid) / width));
        }
        if (sum > target)
            lo = mid;
        else
            hi = mid;
    }
    double th = 0.5 * (lo + hi), sum = 0;
    for (int i = 0; i < 24; i++) {
        kc[i] = base[i] + (kclear - base[i]) * gsl_cdf_ugaussian_P((s[i] - th) / width);
        sum += cs[i] * kc[i];
    }
    /* days darker than all-overcast or clearer than all-clear: scale */
    double f = sum > 0 ? target / sum : 0.0;
    for (int i = 0; i < 24; i++)
        kc[i] *= f;
}

/* Energy-weighted histogram of hourly clear-sky indices (hours with a clear
 * sky of at least CS_MIN_W_M2), in KC_BINS bins of 0.1 from 0 to 1.2. */
#define KC_BINS 12

static void kc_hist_add(double hist[KC_BINS], double cs, double kc)
{
    int b = (int)(kc * 10.0);
    b = b < 0 ? 0 : b >= KC_BINS ? KC_BINS - 1 : b;
    hist[b] += cs;
}

/* ---------------------------------------------------- beam and diffuse */

/* The split of GHI into beam and diffuse.  The logistic form of Ridley,
 * Boland & Lauret (2010, "Modelling of diffuse solar fraction with multiple
 * predictors", Renew. Energy 35:478), without its solar-time term:
 *     kd = 1 / (1 + exp(b0 + m + b1 kt + b2 alt + b3 K + b4 psi))
 * with kt the hour's clearness index (GHI over the extraterrestrial
 * horizontal), alt the sun's altitude (degrees), K the day's clearness (its
 * GHI over its extraterrestrial), psi the persistence (the mean kt of the
 * hours before and after, the one there is at sunrise and sunset).  Its
 * coefficients are fitted on the reference year, season by season, by GSL's
 * weighted nonlinear least squares (weights GHI, so that the fit follows the
 * energy), and m, month by month, makes the model give the reference month's
 * beam fraction on the reference's own hours.  Published coefficient sets,
 * Erbs's (1982) or BRL's, fitted on measured data, split the Uccle TMYx's
 * GHI with 0.43-0.44 of its energy as beam where its own DNI and DHI give
 * 0.58 (its components come from reanalysis): a generator calibrated on a
 * year must reproduce that year, split included.  Hours with the sun below
 * SPLIT_MAX_ZENITH are all diffuse, as in Erbs's split. */
#define SPLIT_MAX_ZENITH 87.0

typedef struct split_hour {
    double kt, alt, K, psi, ghi;
    int lit;                    /* the sun is high enough to split */
} split_hour;

/* The predictors of the 24 hours of day d. */
static void split_day(const au_sunpath *sun, const double *ghi, int d, split_hour x[24])
{
    double g = 0, h0 = 0, kt[24];
    int day[24];
    for (int i = 0; i < 24; i++) {
        int h = 24 * d + i;
        double e = au_extra_horizontal(&sun->hour[h]);
        day[i] = e > 0;
        kt[i] = e > 0 ? ghi[h] / e : 0.0;
        if (kt[i] > 1.0)
            kt[i] = 1.0;
        g += ghi[h];
        h0 += e;
    }
    double K = h0 > 0 ? g / h0 : 0.0;
    for (int i = 0; i < 24; i++) {
        int h = 24 * d + i, before = i > 0 && day[i - 1], after = i < 23 && day[i + 1];
        x[i].kt = kt[i];
        x[i].alt = 90.0 - sun->hour[h].zenith_deg;
        x[i].K = K;
        x[i].psi = before && after ? 0.5 * (kt[i - 1] + kt[i + 1])
                   : before        ? kt[i - 1]
                   : after         ? kt[i + 1]
                                   : kt[i];
        x[i].ghi = ghi[h] > 0 ? ghi[h] : 0.0;
        x[i].lit = day[i] && x[i].ghi > 0 && sun->hour[h].zenith_deg <= SPLIT_MAX_ZENITH;
    }
}

static double diffuse_fraction(const double b[AU_SYNTH_SPLIT], double m, const split_hour *x)
{
    return 1.0 / (1.0 + exp(b[0] + m + b[1] * x->kt + b[2] * x->alt + b[3] * x->K +
                            b[4] * x->psi));
}

/* Splits the year's GHI into DNI and DHI with climate c.  The typical year
 * (exact) takes, month by month, the adjustment that gives the reference
 * month's beam fraction on its own hours, as its irradiation is the
 * reference's; other years take the reference's adjustments. */
static void split_year(const au_synth_climate *c, const au_sunpath *sun, const calendar *cal,
                       int exact, au_weather *w)
{
    split_hour *x = malloc(AU_HOURS * sizeof *x);
    if (x == NULL) {
        exact = 0;                  /* no room: the reference's adjustments */
    }
    double adj[12];
    memcpy(adj, c->split_month, sizeof adj);
    if (x != NULL)
        for (int d = 0; d < DAYS; d++)
            split_day(sun, w->ghi_w_m2, d, x + 24 * d);
    for (int m = 0; exact && m < 12; m++) {
        const double *b = c->split[season_of(m)];
        int h0 = 24 * cal->first_day[m], h1 = h0 + 24 * month_days[m];
        double lo = -10, hi = 10;
        if (!(c->dni_kwh_m2[m] > 0))
            continue;
        for (int it = 0; it < 100; it++) {
            double mid = 0.5 * (lo + hi), dni = 0;
            for (int h = h0; h < h1; h++)
                if (x[h].lit)
                    dni += x[h].ghi * (1.0 - diffuse_fraction(b, mid, &x[h])) /
                           cos(sun->hour[h].zenith_deg * M_PI / 180.0);
            if (dni < c->dni_kwh_m2[m] * 1000.0)
                lo = mid;
            else
                hi = mid;
        }
        adj[m] = 0.5 * (lo + hi);
    }
    for (int d = 0; d < DAYS; d++) {
        split_hour day[24], *xd = day;
        int m = cal->month[d];
        if (x != NULL)
            xd = x + 24 * d;
        else
            split_day(sun, w->ghi_w_m2, d, day);
        for (int i = 0; i < 24; i++) {
            int h = 24 * d + i;
            if (!xd[i].lit) {
                w->dni_w_m2[h] = 0.0;
                w->dhi_w_m2[h] = xd[i].ghi;
                continue;
            }
            double kd = diffuse_fraction(c->split[season_of(m)], adj[m], &xd[i]);
            w->dhi_w_m2[h] = kd * xd[i].ghi;
            w->dni_w_m2[h] = (1.0 - kd) * xd[i].ghi / cos(sun->hour[h].zenith_deg * M_PI / 180.0);
        }
    }
    free(x);
}

/* What the fit sees: the lit hours of one season. */
typedef struct split_fit {
    const split_hour *x;
    const double *kd;
    size_t n;
} split_fit;

static int split_f(const gsl_vector *b, void *params, gsl_vector *f)
{
    const split_fit *p = params;
    double c[AU_SYNTH_SPLIT];
    for (int j = 0; j < AU_SYNTH_SPLIT; j++)
        c[j] = gsl_vector_get(b, (size_t)j);
    for (size_t i = 0; i < p->n; i++)
        gsl_vector_set(f, i, diffuse_fraction(c, 0.0, &p->x[i]) - p->kd[i]);
    return GSL_SUCCESS;
}

static int split_df(const gsl_vector *b, void *params, gsl_matrix *J)
{
    const split_fit *p = params;
    double c[AU_SYNTH_SPLIT];
    for (int j = 0; j < AU_SYNTH_SPLIT; j++)
        c[j] = gsl_vector_get(b, (size_t)j);
    for (size_t i = 0; i < p->n; i++) {
        const split_hour *x = &p->x[i];
        double k = diffuse_fraction(c, 0.0, x), dk = -k * (1.0 - k);
        const double z[AU_SYNTH_SPLIT] = {1.0, x->kt, x->alt, x->K, x->psi};
        for (int j = 0; j < AU_SYNTH_SPLIT; j++)
            gsl_matrix_set(J, i, (size_t)j, dk * z[j]);
    }
    return GSL_SUCCESS;
}

/* Fits the season's coefficients (starting from BRL's, its solar-time term
 * dropped) on its n lit hours.  Returns 0, or -1 when GSL fails (then the
 * starting values stay). */
static int fit_split(const split_hour *x, const double *kd, size_t n, double b[AU_SYNTH_SPLIT])
{
    static const double brl[AU_SYNTH_SPLIT] = {-5.38, 6.63, -0.007, 1.75, 1.31};
    memcpy(b, brl, sizeof brl);
    if (n < 10 * AU_SYNTH_SPLIT)
        return -1;
    split_fit p = {x, kd, n};
    gsl_multifit_nlinear_fdf fdf = {split_f, split_df, NULL, n, AU_SYNTH_SPLIT, &p, 0, 0, 0};
    gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
    gsl_multifit_nlinear_workspace *w =
        gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &par, n, AU_SYNTH_SPLIT);
    gsl_vector *wt = gsl_vector_alloc(n);
    int rc = -1, info;
    if (w != NULL && wt != NULL) {
        gsl_vector_const_view b0 = gsl_vector_const_view_array(brl, AU_SYNTH_SPLIT);
        for (size_t i = 0; i < n; i++)
            gsl_vector_set(wt, i, x[i].ghi);
        if (gsl_multifit_nlinear_winit(&b0.vector, wt, &fdf, w) == GSL_SUCCESS &&
            gsl_multifit_nlinear_driver(200, 1e-10, 1e-10, 1e-10, NULL, NULL, &info, w) ==
                GSL_SUCCESS) {
            for (int j = 0; j < AU_SYNTH_SPLIT; j++)
                b[j] = gsl_vector_get(w->x, (size_t)j);
            rc = 0;
        }
    }
    gsl_vector_free(wt);
    gsl_multifit_nlinear_free(w);
    return rc;
}

/* The reference's split: the seasons' coefficients, then each month's
 * adjustment by bisection so that the model gives the month's beam
 * fraction on the month's own hours. */
static au_status calibrate_split(const au_weather *w, const au_sunpath *sun, const calendar *cal,
                                 au_synth_climate *out)
{
    split_hour *x = malloc(AU_HOURS * sizeof *x);
    double *kd = malloc(AU_HOURS * sizeof *kd);
    int *month = malloc(AU_HOURS * sizeof *month);
    if (x == NULL || kd == NULL || month == NULL) {
        free(x);
        free(kd);
        free(month);
        return AU_ENOMEM;
    }
    for (int s = 0; s < AU_SYNTH_SEASONS; s++) {
        size_t n = 0;
        for (int d = 0; d < DAYS; d++) {
            if (season_of(cal->month[d]) != s)
                continue;
            split_hour day[24];
            split_day(sun, w->ghi_w_m2, d, day);
            for (int i = 0; i < 24; i++) {
                int h = 24 * d + i;
                if (!day[i].lit || !(w->ghi_w_m2[h] > 1.0))
                    continue;
                x[n] = day[i];
                kd[n] = w->dhi_w_m2[h] / w->ghi_w_m2[h];
                kd[n] = kd[n] < 0 ? 0 : kd[n] > 1 ? 1 : kd[n];
                month[n] = cal->month[d];
                n++;
            }
        }
        fit_split(x, kd, n, out->split[s]);
        for (int m = 0; m < 12; m++) {
            if (season_of(m) != s)
                continue;
            double g = 0, beam = 0;
            for (size_t i = 0; i < n; i++)
                if (month[i] == m) {
                    g += x[i].ghi;
                    beam += x[i].ghi * (1.0 - kd[i]);
                }
            double lo = -10, hi = 10;   /* a larger adjustment, less diffuse */
            for (int it = 0; it < 100 && g > 0; it++) {
                double mid = 0.5 * (lo + hi), mb = 0;
                for (size_t i = 0; i < n; i++)
                    if (month[i] == m)
                        mb += x[i].ghi * (1.0 - diffuse_fraction(out->split[s], mid, &x[i]));
                if (mb < beam)
                    lo = mid;
                else
                    hi = mid;
            }
            out->split_month[m] = g > 0 ? 0.5 * (lo + hi) : 0.0;
            double dni = 0;
            for (int d = cal->first_day[m]; d < cal->first_day[m] + month_days[m]; d++)
                for (int i = 0; i < 24; i++)
                    dni += w->dni_w_m2[24 * d + i];
            out->dni_kwh_m2[m] = dni / 1000.0;
        }
    }
    free(x);
    free(kd);
    free(month);
    return AU_OK;
}

/* ---------------------------------------------------------------- calibration */

typedef struct pairs {
    double x[AU_HOURS], y[AU_HOURS];
    size_t n;
} pairs;

static double pairs_corr(const pairs *p)
{
    return p->n > 2 ? gsl_stats_correlation(p->x, 1, p->y, 1, p->n) : 0.0;
}

/* The work space of a calibration, about 1.1 MB: on the heap. */
typedef struct calib {
    double k[DAYS], t[DAYS], wd[DAYS], lnw[DAYS], amp[DAYS];
    double h0_month[12], lnw_month[12], kbar[12];
    double zk[DAYS], zt[DAYS], zw[DAYS], tanom[DAYS], wanom[DAYS];
    double buf[DAYS], buf2[DAYS];
    double tamp_a[AU_SYNTH_SEASONS], tamp_b[AU_SYNTH_SEASONS];
    pairs p, q;
} calib;

/* Each day's clearness, mean temperature and wind; the months' means. */
static void calib_days(const au_weather *w, const au_sunpath *sun, const calendar *cal,
                       calib *wk, au_synth_climate *out)
{
    int month_n[12] = {0};
    for (int d = 0; d < DAYS; d++) {
        double g = 0, h0 = 0, t = 0, v = 0;
        int m = cal->month[d];
        for (int i = 0; i < 24; i++) {
            int h = 24 * d + i;
            g += w->ghi_w_m2[h];
            h0 += au_extra_horizontal(&sun->hour[h]);
            t += w->temp_c[h];
            v += w->wind10_m_s[h];
        }
        t /= 24.0;
        v /= 24.0;
        wk->k[d] = h0 > 0 ? g / h0 : 0.0;
        wk->t[d] = t;
        wk->wd[d] = v > 0.1 ? v : 0.1;
        wk->lnw[d] = log(wk->wd[d]);
        out->temp_c[m] += t;
        out->ghi_kwh_m2[m] += g / 1000.0;
        out->wind10_m_s[m] += v;
        wk->h0_month[m] += h0;
        wk->lnw_month[m] += wk->lnw[d];
        month_n[m]++;
    }
    /* The daily temperature cycle: first harmonic of the hourly temperature
     * less the daily means interpolated between noons (so that a warming or
     * cooling from one day to the next is not taken for a daily cycle). */
    for (int d = 0; d < DAYS; d++) {
        double ca = 0, sa = 0;
        int m = cal->month[d];
        for (int i = 0; i < 24; i++) {
            int h = 24 * d + i;
            double sh = solar_hour(sun, h), res = w->temp_c[h] - daily_interp(wk->t, h);
            ca += res * cos(OMEGA * sh);
            sa += res * sin(OMEGA * sh);
        }
        wk->tamp_a[season_of(m)] += ca;
        wk->tamp_b[season_of(m)] += sa;
        wk->amp[d] = 2.0 / 24.0 * sqrt(ca * ca + sa * sa);
    }
    for (int m = 0; m < 12; m++) {
        out->temp_c[m] /= month_n[m];
        out->wind10_m_s[m] /= month_n[m];
        wk->lnw_month[m] /= month_n[m];
        wk->kbar[m] = wk->h0_month[m] > 0 ? out->ghi_kwh_m2[m] * 1000.0 / wk->h0_month[m] : 0.0;
    }
    for (int d = 0; d < DAYS; d++) {
        double tc = d + 0.5;
        wk->tanom[d] = wk->t[d] - monthly_interp(cal, out->temp_c, tc);
        wk->wanom[d] = wk->lnw[d] - monthly_interp(cal, wk->lnw_month, tc);
    }
}

/* Season s's daily statistics: relative clearness quantiles and the normal
 * scores of every day, the spreads of temperature and wind. */
static void calib_season_days(const calendar *cal, int s, calib *wk, au_synth_season *se)
{
    size_t n = 0;
    for (int d = 0; d < DAYS; d++)
        if (season_of(cal->month[d]) == s) {
            double kb = wk->kbar[cal->month[d]];
            wk->buf[n] = kb > 0 ? wk->k[d] / kb : 1.0;
            wk->buf2[n] = d;
            n++;
        }
    double sorted[DAYS];
    memcpy(sorted, wk->buf, n * sizeof *sorted);
    gsl_sort(sorted, 1, n);
    for (int i = 0; i < AU_SYNTH_NQ; i++)
        se->k_rel_quantile[i] = gsl_stats_quantile_from_sorted_data(sorted, 1, n, au_synth_q[i]);
    size_t perm[DAYS];
    gsl_sort_index(perm, wk->buf, 1, n);
    for (size_t r = 0; r < n; r++) {
        int d = (int)wk->buf2[perm[r]];
        wk->zk[d] = gsl_cdf_ugaussian_Pinv(((double)r + 0.5) / (double)n);
    }
    size_t j = 0;
    for (int d = 0; d < DAYS; d++)
        if (season_of(cal->month[d]) == s)
            wk->buf[j++] = wk->tanom[d];
    se->sigma_t_c = gsl_stats_sd_m(wk->buf, 1, j, 0.0);
    j = 0;
    for (int d = 0; d < DAYS; d++)
        if (season_of(cal->month[d]) == s)
            wk->buf[j++] = wk->wanom[d];
    se->sigma_ln_wind = gsl_stats_sd_m(wk->buf, 1, j, 0.0);
    for (int d = 0; d < DAYS; d++) {
        wk->zt[d] = wk->tanom[d] / se->sigma_t_c;
        wk->zw[d] = wk->wanom[d] / se->sigma_ln_wind;
    }
}

/* Season s's persistence (consecutive days of the same month), same-day
 * correlations, and temperature cycle (amplitude = a + b K, the peak from
 * the mean harmonic). */
static void calib_season_links(const calendar *cal, int s, calib *wk, au_synth_season *se)
{
    const double *z[3] = {wk->zk, wk->zt, wk->zw};
    for (int v = 0; v < 3; v++) {
        wk->p.n = 0;
        for (int d = 0; d + 1 < DAYS; d++)
            if (season_of(cal->month[d]) == s && cal->month[d + 1] == cal->month[d]) {
                wk->p.x[wk->p.n] = z[v][d];
                wk->p.y[wk->p.n++] = z[v][d + 1];
            }
        se->phi[v] = pairs_corr(&wk->p);
    }
    static const int a_of[3] = {0, 0, 1}, b_of[3] = {1, 2, 2};
    for (int c = 0; c < 3; c++) {
        wk->p.n = 0;
        for (int d = 0; d < DAYS; d++)
            if (season_of(cal->month[d]) == s) {
                wk->p.x[wk->p.n] = z[a_of[c]][d];
                wk->p.y[wk->p.n++] = z[b_of[c]][d];
            }
        se->corr[c] = pairs_corr(&wk->p);
    }
    wk->p.n = 0;
    for (int d = 0; d < DAYS; d++)
        if (season_of(cal->month[d]) == s) {
            wk->p.x[wk->p.n] = wk->k[d];
            wk->p.y[wk->p.n++] = wk->amp[d];
        }
    double c0, c1, cov00, cov01, cov11, sumsq;
    gsl_fit_linear(wk->p.x, 1, wk->p.y, 1, wk->p.n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
    se->t_amp_a_c = c0;
    se->t_amp_b_c = c1;
    se->t_peak_h = fmod(atan2(wk->tamp_b[s], wk->tamp_a[s]) / OMEGA + 24.0, 24.0);
}

/* Season s's wind: its daily cycle, and the spread and persistence of the
 * hourly noise around it. */
static void calib_season_wind(const au_weather *w, const au_sunpath *sun, const calendar *cal,
                              int s, calib *wk, au_synth_season *se)
{
    double wa = 0, wb = 0;
    size_t wn = 0;
    for (int d = 0; d < DAYS; d++) {
        if (season_of(cal->month[d]) != s)
            continue;
        for (int i = 0; i < 24; i++) {
            int h = 24 * d + i;
            double r = w->wind10_m_s[h] / wk->wd[d] - 1.0, sh = solar_hour(sun, h);
            wa += r * cos(OMEGA * sh);
            wb += r * sin(OMEGA * sh);
            wn++;
        }
    }
    wa *= 2.0 / (double)wn;
    wb *= 2.0 / (double)wn;
    se->wind_amp = sqrt(wa * wa + wb * wb);
    se->wind_peak_h = fmod(atan2(wb, wa) / OMEGA + 24.0, 24.0);
    wk->p.n = 0;
    wk->q.n = 0;
    for (int d = 0; d < DAYS; d++) {
        if (season_of(cal->month[d]) != s || wk->wd[d] < WIND_MIN_M_S)
            continue;
        double prev = NAN;
        for (int i = 0; i < 24; i++) {
            int h = 24 * d + i;
            double base = wk->wd[d] *
                          (1.0 + se->wind_amp * cos(OMEGA * (solar_hour(sun, h) - se->wind_peak_h)));
            if (w->wind10_m_s[h] < WIND_MIN_M_S || base <= 0) {
                prev = NAN;
                continue;
            }
            double e = log(w->wind10_m_s[h] / base);
            wk->q.x[wk->q.n++] = e;
            if (!isnan(prev)) {
                wk->p.x[wk->p.n] = prev;
                wk->p.y[wk->p.n++] = e;
            }
            prev = e;
        }
    }
    se->wind_sigma = gsl_stats_sd(wk->q.x, 1, wk->q.n);
    se->wind_phi = pairs_corr(&wk->p);
}

/* Hourly sky states.  The clear-sky index of a day, C = its GHI over its
 * clear-sky GHI (hours with a clear sky of at least CS_MIN_W_M2); the
 * darkest fifth of days shows what an overcast hour is. */
static void calib_sky_states(const au_weather *w, const au_sunpath *sun, calib *wk,
                             au_synth_climate *out)
{
    double cday[DAYS], csorted[DAYS];
    for (int d = 0; d < DAYS; d++) {
        double g = 0, cs = 0;
        for (int i = 0; i < 24; i++) {
            int h = 24 * d + i;
            double c_h = au_clear_sky_ghi(sun->hour[h].zenith_deg);
            if (c_h >= CS_MIN_W_M2) {
                g += w->ghi_w_m2[h];
                cs += c_h;
            }
        }
        cday[d] = cs > 0 ? g / cs : NAN;
    }
    size_t n = 0;
    for (int d = 0; d < DAYS; d++)
        if (!isnan(cday[d]))
            csorted[n++] = cday[d];
    gsl_sort(csorted, 1, n);
    double dark = gsl_stats_quantile_from_sorted_data(csorted, 1, n, 0.2);
    wk->p.n = 0;
    wk->q.n = 0;
    double sum = 0;
    size_t nd = 0;
    for (int d = 0; d < DAYS; d++) {
        if (isnan(cday[d]))
            continue;
        int overcast = cday[d] <= dark, broken = cday[d] > 0.35 && cday[d] < 0.75;
        if (overcast) {
            sum += cday[d];
            nd++;
        }
        double prev = NAN;
        for (int i = 0; i < 24; i++) {
            int h = 24 * d + i;
            double c_h = au_clear_sky_ghi(sun->hour[h].zenith_deg);
            if (c_h < CS_MIN_W_M2) {
                prev = NAN;
                continue;
            }
            double kc = w->ghi_w_m2[h] / c_h;
            double r = log(kc > 0.01 ? kc : 0.01);
            if (overcast && cday[d] > 0)
                wk->q.x[wk->q.n++] = r - log(cday[d]);
            if (broken) {
                if (!isnan(prev)) {
                    wk->p.x[wk->p.n] = prev;
                    wk->p.y[wk->p.n++] = r;
                }
                prev = r;
            }
        }
    }
    out->kc_overcast = nd > 0 ? sum / (double)nd : 0.3;
    out->sigma_overcast = wk->q.n > 2 ? gsl_stats_sd(wk->q.x, 1, wk->q.n) : 0.0;
    out->ghi_phi = pairs_corr(&wk->p);
}

/* The sky width: disaggregate the reference year's own daily totals with
 * each candidate width and keep the one whose histogram of hourly clear-sky
 * indices is nearest the reference's.  Also the clear hours' mean index. */
static au_status calib_sky_width(const au_weather *w, const au_sunpath *sun,
                                 au_synth_climate *out)
{
    static const double widths[] = {0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0, 1.5, 2.0};
    double ref[KC_BINS] = {0}, tot = 0, clear_sum = 0, clear_w = 0;
    for (int h = 0; h < AU_HOURS; h++) {
        double c_h = au_clear_sky_ghi(sun->hour[h].zenith_deg);
        if (c_h >= CS_MIN_W_M2) {
            double kc = w->ghi_w_m2[h] / c_h;
            kc_hist_add(ref, c_h, kc);
            tot += c_h;
            if (kc > 0.9) { /* clear hours: what a clear sky gives here */
                clear_sum += c_h * kc;
                clear_w += c_h;
            }
        }
    }
    out->kc_clear = clear_w > 0 ? clear_sum / clear_w : 1.0;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (rng == NULL)
        return AU_ENOMEM;
    double best = INFINITY;
    for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
        double hist[KC_BINS] = {0}, latent = 0, dist = 0;
        gsl_rng_set(rng, 1);
        for (int d = 0; d < DAYS; d++) {
            double cs[24], kc[24], target = 0;
            for (int i = 0; i < 24; i++) {
                int h = 24 * d + i;
                double c_h = au_clear_sky_ghi(sun->hour[h].zenith_deg);
                cs[i] = c_h >= CS_MIN_W_M2 ? c_h : 0.0;
                target += cs[i] > 0 ? w->ghi_w_m2[h] : 0.0;
            }
            sky_day(cs, target, widths[k], out->kc_clear, out->kc_overcast, out->sigma_overcast,
                    out->ghi_phi, &latent, rng, kc);
            for (int i = 0; i < 24; i++)
                if (cs[i] > 0)
                    kc_hist_add(hist, cs[i], kc[i]);
        }
        for (int b = 0; b < KC_BINS; b++)
            dist += (hist[b] / tot - ref[b] / tot) * (hist[b] / tot - ref[b] / tot);
        if (dist < best) {
            best = dist;
            out->sky_width = widths[k];
        }
    }
    gsl_rng_free(rng);
    return AU_OK;
}

au_status au_synth_calibrate(const au_weather *w, const au_sunpath *sun, const char *name,
                             au_synth_climate *out)
{
    calendar cal;
    calendar_init(&cal);
    calib *wk = calloc(1, sizeof *wk);
    if (wk == NULL)
        return AU_ENOMEM;
    memset(out, 0, sizeof *out);
    out->name = name;
    calib_days(w, sun, &cal, wk, out);
    for (int s = 0; s < AU_SYNTH_SEASONS; s++) {
        calib_season_days(&cal, s, wk, &out->season[s]);
        calib_season_links(&cal, s, wk, &out->season[s]);
        calib_season_wind(w, sun, &cal, s, wk, &out->season[s]);
    }
    calib_sky_states(w, sun, wk, out);
    free(wk);
    au_status st = calib_sky_width(w, sun, out);
    if (st != AU_OK)
        return st;
    if (w->has_beam)
        return calibrate_split(w, sun, &cal, out);
    /* a reference without beam and diffuse: BRL's published coefficients
     * (its solar-time term dropped), fitted on measured data, and no monthly
     * adjustment or DNI target (the typical year then keeps its split) */
    for (int s = 0; s < AU_SYNTH_SEASONS; s++) {
        static const double brl[AU_SYNTH_SPLIT] = {-5.38, 6.63, -0.007, 1.75, 1.31};
        memcpy(out->split[s], brl, sizeof brl);
    }
    return AU_OK;
}

static void print_row(FILE *f, const char *indent, const double *v, int n)
{
    fputs(indent, f);
    fputs("{", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "%s%.6g", i ? ", " : "", v[i]);
    fputs("}", f);
}

void au_synth_print(const au_synth_climate *c, FILE *f)
{
    fprintf(f, "    .name = \"%s\",\n", c->name ? c->name : "");
    fputs("    .temp_c = ", f);
    print_row(f, "", c->temp_c, 12);
    fputs(",\n    .ghi_kwh_m2 = ", f);
    print_row(f, "", c->ghi_kwh_m2, 12);
    fputs(",\n    .wind10_m_s = ", f);
    print_row(f, "", c->wind10_m_s, 12);
    fputs(",\n    .season = {\n", f);
    for (int s = 0; s < AU_SYNTH_SEASONS; s++) {
        const au_synth_season *se = &c->season[s];
        fputs("        {.k_rel_quantile = ", f);
        print_row(f, "", se->k_rel_quantile, AU_SYNTH_NQ);
        fprintf(f, ",\n         .sigma_t_c = %.6g, .sigma_ln_wind = %.6g,\n", se->sigma_t_c,
                se->sigma_ln_wind);
        fputs("         .phi = ", f);
        print_row(f, "", se->phi, 3);
        fputs(", .corr = ", f);
        print_row(f, "", se->corr, 3);
        fprintf(f, ",\n         .t_amp_a_c = %.6g, .t_amp_b_c = %.6g, .t_peak_h = %.6g,\n",
                se->t_amp_a_c, se->t_amp_b_c, se->t_peak_h);
        fprintf(f, "         .wind_amp = %.6g, .wind_peak_h = %.6g, .wind_sigma = %.6g, "
                   ".wind_phi = %.6g},\n",
                se->wind_amp, se->wind_peak_h, se->wind_sigma, se->wind_phi);
    }
    fprintf(f, "    },\n    .kc_clear = %.6g, .kc_overcast = %.6g, .sigma_overcast = %.6g,\n"
               "    .ghi_phi = %.6g, .sky_width = %.6g,\n",
            c->kc_clear, c->kc_overcast, c->sigma_overcast, c->ghi_phi, c->sky_width);
    fputs("    .split = {\n", f);
    for (int s = 0; s < AU_SYNTH_SEASONS; s++) {
        print_row(f, "        ", c->split[s], AU_SYNTH_SPLIT);
        fputs(",\n", f);
    }
    fputs("    },\n    .split_month = ", f);
    print_row(f, "", c->split_month, 12);
    fputs(",\n    .dni_kwh_m2 = ", f);
    print_row(f, "", c->dni_kwh_m2, 12);
    fputs(",\n", f);
}

/* ----------------------------------------------------------------- generation */

/* A 64-bit mix of (seed, sample) (SplitMix64's finaliser, Steele, Lea &
 * Flood 2014), so that neighbouring seeds and samples give unrelated streams. */
static unsigned long stream_seed(unsigned long seed, int sample)
{
    uint64_t z = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + (uint64_t)sample + 1;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return (unsigned long)(z & 0xFFFFFFFFUL) | 1UL;
}

/* Cholesky factors of the stationary correlation C and of the innovation
 * covariance C − Φ C Φ of each season.  Correlations are shrunk toward 0 if
 * a matrix is not positive definite (a calibration on few days can give an
 * inconsistent set). */
typedef struct season_mats {
    double lc[3][3];    /* chol(C) */
    double le[3][3];    /* chol(C − ΦCΦ) */
} season_mats;

static int chol3(double a[3][3], double l[3][3])
{
    double m[9];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            m[3 * i + j] = a[i][j];
    gsl_matrix_view v = gsl_matrix_view_array(m, 3, 3);
    if (gsl_linalg_cholesky_decomp1(&v.matrix) != 0)
        return -1;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            l[i][j] = j <= i ? m[3 * i + j] : 0.0;
    return 0;
}

static void season_matrices(const au_synth_season *se, season_mats *sm)
{
    for (double shrink = 1.0; shrink > 0.0; shrink -= 0.05) {
        double c[3][3] = {{1, se->corr[0] * shrink, se->corr[1] * shrink},
                          {se->corr[0] * shrink, 1, se->corr[2] * shrink},
                          {se->corr[1] * shrink, se->corr[2] * shrink, 1}};
        double e[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                e[i][j] = c[i][j] - se->phi[i] * c[i][j] * se->phi[j];
        if (chol3(c, sm->lc) == 0 && chol3(e, sm->le) == 0)
            return;
    }
    memset(sm, 0, sizeof *sm);
    for (int i = 0; i < 3; i++) {
        sm->lc[i][i] = 1.0;
        sm->le[i][i] = sqrt(1.0 - se->phi[i] * se->phi[i]);
    }
}

static double quantile_interp(const double q[AU_SYNTH_NQ], double u)
{
    int i = 1;
    while (i < AU_SYNTH_NQ - 1 && au_synth_q[i] < u)
        i++;
    double f = (u - au_synth_q[i - 1]) / (au_synth_q[i] - au_synth_q[i - 1]);
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    return q[i - 1] + f * (q[i] - q[i - 1]);
}

/* The daily clearness index of a day with cloudiness score z in a month of
 * mean clearness kbar. */
static double day_clearness(double kbar, const au_synth_season *se, double z)
{
    double k = kbar * quantile_interp(se->k_rel_quantile, gsl_cdf_ugaussian_P(z));
    return k < 0 ? 0 : k > K_MAX ? K_MAX : k;
}

/* Adjusts series x so that its monthly means (kind 0: additive, for
 * temperature; kind 1: multiplicative, for irradiance and wind) equal the
 * targets, by a correction interpolated between mid-months. */
static void adjust_monthly(const calendar *cal, double *x, const double target_mean[12],
                           int multiplicative, const double *cap)
{
    double corr[12];
    for (int iter = 0; iter < 200; iter++) {
        double mean[12] = {0}, worst = 0;
        for (int h = 0; h < AU_HOURS; h++)
            mean[cal->month[h / 24]] += x[h];
        for (int m = 0; m < 12; m++) {
            mean[m] /= 24.0 * month_days[m];
            if (multiplicative) {
                corr[m] = mean[m] > 0 ? target_mean[m] / mean[m] : 1.0;
                worst = fmax(worst, fabs(corr[m] - 1.0));
            } else {
                corr[m] = target_mean[m] - mean[m];
                worst = fmax(worst, fabs(corr[m]));
            }
        }
        if (worst < 1e-12)
            break;
        for (int h = 0; h < AU_HOURS; h++) {
            double c = monthly_interp(cal, corr, (h + 0.5) / 24.0);
            x[h] = multiplicative ? x[h] * c : x[h] + c;
            if (cap != NULL && x[h] > cap[h])
                x[h] = cap[h];
        }
    }
}

/* A synthetic year's daily layer. */
typedef struct gen_days {
    double kbar[12], lnw_m[12];     /* monthly clearness and log wind */
    double kd[DAYS], td[DAYS], wd[DAYS], amp[DAYS], zk[DAYS], h0d[DAYS];
} gen_days;

/* Monthly mean clearness at this place (target irradiation over the
 * extraterrestrial irradiation of the month) and log wind; each day's
 * extraterrestrial irradiation. */
static void gen_months(const au_synth_climate *c, const au_sunpath *sun, const calendar *cal,
                       gen_days *g)
{
    double h0m[12] = {0};
    for (int h = 0; h < AU_HOURS; h++)
        h0m[cal->month[h / 24]] += au_extra_horizontal(&sun->hour[h]);
    for (int m = 0; m < 12; m++) {
        g->kbar[m] = h0m[m] > 0 ? c->ghi_kwh_m2[m] * 1000.0 / h0m[m] : 0.0;
        g->lnw_m[m] = log(c->wind10_m_s[m] > 0.1 ? c->wind10_m_s[m] : 0.1);
    }
    for (int d = 0; d < DAYS; d++) {
        g->h0d[d] = 0;
        for (int i = 0; i < 24; i++)
            g->h0d[d] += au_extra_horizontal(&sun->hour[24 * d + i]);
    }
}

/* The days: clearness, temperature and wind scores as a seasonal VAR(1)
 * (three normal draws a day), turned into each day's values. */
static void gen_day_values(const au_synth_climate *c, const calendar *cal,
                           const season_mats sm[AU_SYNTH_SEASONS], gsl_rng *r, gen_days *g)
{
    double z[3] = {0};
    for (int d = 0; d < DAYS; d++) {
        int m = cal->month[d], s = season_of(m);
        const au_synth_season *se = &c->season[s];
        double e[3] = {gsl_ran_ugaussian(r), gsl_ran_ugaussian(r), gsl_ran_ugaussian(r)};
        double nz[3];
        for (int i = 0; i < 3; i++) {
            double acc = 0;
            for (int j = 0; j <= i; j++)
                acc += (d == 0 ? sm[s].lc[i][j] : sm[s].le[i][j]) * e[j];
            nz[i] = (d == 0 ? 0.0 : se->phi[i] * z[i]) + acc;
        }
        memcpy(z, nz, sizeof z);
        double tc = d + 0.5;
        g->zk[d] = z[0];
        g->kd[d] = day_clearness(g->kbar[m], se, z[0]);
        g->td[d] = monthly_interp(cal, c->temp_c, tc) + se->sigma_t_c * z[1];
        double sw = se->sigma_ln_wind;
        g->wd[d] = exp(monthly_interp(cal, g->lnw_m, tc) - 0.5 * sw * sw + sw * z[2]);
        double a = se->t_amp_a_c + se->t_amp_b_c * g->kd[d];
        g->amp[d] = a > 0.2 ? a : 0.2;
    }
}

/* The typical year's days: each month's cloudiness scores shifted alike so
 * that the month's irradiation is its target.  Its days stay within the
 * season's distribution of clearness (a multiplicative correction of the
 * hours would make clear days clearer than any day of the reference); what
 * the hourly caps then leave is corrected by adjust_monthly. */
static void gen_typical_days(const au_synth_climate *c, const calendar *cal, gen_days *g)
{
    for (int m = 0; m < 12; m++) {
        const au_synth_season *se = &c->season[season_of(m)];
        double target = c->ghi_kwh_m2[m] * 1000.0, lo = -6.0, hi = 6.0;
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi), sum = 0;
            for (int d = cal->first_day[m]; d < cal->first_day[m] + month_days[m]; d++)
                sum += day_clearness(g->kbar[m], se, g->zk[d] + mid) * g->h0d[d];
            if (sum < target)
                lo = mid;
            else
                hi = mid;
        }
        for (int d = cal->first_day[m]; d < cal->first_day[m] + month_days[m]; d++)
            g->kd[d] = day_clearness(g->kbar[m], se, g->zk[d] + 0.5 * (lo + hi));
    }
}

/* Hourly irradiance: between overcast and clear, hour by hour. */
static void gen_irradiance(const au_synth_climate *c, const au_sunpath *sun, const gen_days *g,
                           gsl_rng *r, au_weather *out)
{
    double latent = gsl_ran_ugaussian(r);
    for (int d = 0; d < DAYS; d++) {
        double h0 = 0, cs[24], kc[24];
        for (int i = 0; i < 24; i++) {
            int h = 24 * d + i;
            h0 += au_extra_horizontal(&sun->hour[h]);
            cs[i] = au_clear_sky_ghi(sun->hour[h].zenith_deg);
        }
        sky_day(cs, g->kd[d] * h0, c->sky_width, c->kc_clear, c->kc_overcast, c->sigma_overcast,
                c->ghi_phi, &latent, r, kc);
        for (int i = 0; i < 24; i++) {
            int h = 24 * d + i;
            double gh = cs[i] * kc[i];
            double cap = KT_HOUR_MAX * au_extra_horizontal(&sun->hour[h]);
            out->ghi_w_m2[h] = gh < cap ? gh : cap;
        }
    }
}

/* Hourly temperature (the day's mean and cycle) and wind (the day's mean,
 * its cycle and an AR(1) noise). */
static void gen_temp_wind(const au_synth_climate *c, const au_sunpath *sun, const calendar *cal,
                          const gen_days *g, gsl_rng *r, au_weather *out)
{
    double we = 0;
    for (int h = 0; h < AU_HOURS; h++) {
        int s = season_of(cal->month[h / 24]);
        const au_synth_season *se = &c->season[s];
        double sh = solar_hour(sun, h);
        out->temp_c[h] = daily_interp(g->td, h) +
                         daily_interp(g->amp, h) * cos(OMEGA * (sh - se->t_peak_h));
        we = se->wind_phi * we +
             sqrt(1.0 - se->wind_phi * se->wind_phi) * se->wind_sigma * gsl_ran_ugaussian(r);
        double v = daily_interp(g->wd, h) *
                   (1.0 + se->wind_amp * cos(OMEGA * (sh - se->wind_peak_h))) *
                   exp(we - 0.5 * se->wind_sigma * se->wind_sigma);
        out->wind10_m_s[h] = v > 0 ? v : 0.0;
    }
}

/* The typical year's months brought to their targets. */
static void gen_typical_months(const au_synth_climate *c, const au_sunpath *sun,
                               const calendar *cal, au_weather *out)
{
    double ghi_mean[12];
    for (int m = 0; m < 12; m++)
        ghi_mean[m] = c->ghi_kwh_m2[m] * 1000.0 / (24.0 * month_days[m]);
    /* DNI is computed last: its array holds the irradiance cap meanwhile */
    for (int h = 0; h < AU_HOURS; h++)
        out->dni_w_m2[h] = KT_HOUR_MAX * au_extra_horizontal(&sun->hour[h]);
    adjust_monthly(cal, out->temp_c, c->temp_c, 0, NULL);
    adjust_monthly(cal, out->ghi_w_m2, ghi_mean, 1, out->dni_w_m2);
    adjust_monthly(cal, out->wind10_m_s, c->wind10_m_s, 1, NULL);
}

au_status au_synth_generate(const au_synth_climate *c, const au_sunpath *sun,
                            unsigned long seed, int sample, au_weather *out)
{
    if (sample < 0)
        return AU_EINVAL;
    calendar cal;
    calendar_init(&cal);
    season_mats sm[AU_SYNTH_SEASONS];
    for (int s = 0; s < AU_SYNTH_SEASONS; s++)
        season_matrices(&c->season[s], &sm[s]);
    gen_days *g = malloc(sizeof *g);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (r == NULL || g == NULL) {
        gsl_rng_free(r);
        free(g);
        return AU_ENOMEM;
    }
    gsl_rng_set(r, stream_seed(seed, sample));
    gen_months(c, sun, &cal, g);
    gen_day_values(c, &cal, sm, r, g);
    if (sample == 0)
        gen_typical_days(c, &cal, g);
    gen_irradiance(c, sun, g, r, out);
    gen_temp_wind(c, sun, &cal, g, r, out);
    gsl_rng_free(r);
    free(g);
    if (sample == 0)
        gen_typical_months(c, sun, &cal, out);
    split_year(c, sun, &cal, sample == 0, out);

    out->latitude_deg = sun->latitude_deg;
    out->longitude_deg = sun->longitude_deg;
    out->elevation_m = NAN;
    out->utc_offset_h = sun->utc_offset_h;
    out->irradiance_time_h = 0.5;
    out->irradiance_time_basis = AU_IRR_TIME_CONVENTION;
    out->has_beam = 1;
    return AU_OK;
}
