/* synth.h: the built-in synthetic weather (MODEL.md §2), so that the program
 * runs with no weather file.
 *
 * Method (documented at length in docs/synthetic-weather.md):
 *   1. Daily layer.  Three standard-normal scores per day, for cloudiness
 *      (the daily clearness index K), temperature and wind, follow a
 *      first-order autoregression with the lag-1 persistence and the
 *      cross-correlations of each season (winter DJF, spring MAM, summer JJA,
 *      autumn SON).  Scores become values through the season's distribution:
 *      K = K̄_month · Q(Φ(z)) with Q the quantiles of K relative to its
 *      monthly mean; T = T̄(day) + σ_T z; ln W = ln W̄(day) − σ²/2 + σ z.
 *   2. Hourly layer.  Each daylight hour is clear (the Haurwitz clear sky)
 *      or overcast (a fraction of it), the state following an
 *      autocorrelated latent process, in the proportion that makes the day
 *      add up to K times its extraterrestrial irradiation: real skies are
 *      bimodal, and the beam of clear hours matters to tilted panels.  DNI
 *      and DHI by Erbs.  Temperature
 *      follows a daily cosine whose amplitude grows with K (cold clear
 *      nights); wind a daily cosine and autocorrelated hourly noise.
 *   3. Sample 0, the typical year, is then adjusted smoothly so that its
 *      monthly means equal the climate's targets; samples 1..N are left as
 *      drawn, so they carry year-to-year variability.
 * All constants are derived from a real hourly year by au_synth_calibrate()
 * (the Amiens set from the Uccle typical year; see synth_amiens.c and the
 * command that regenerates it).  Every sample depends only on (seed, sample):
 * each has its own GSL generator, so results do not depend on threads. */
#ifndef AUTONOMY_SYNTH_H
#define AUTONOMY_SYNTH_H

#include "autonomy/error.h"
#include "autonomy/solar.h"
#include "autonomy/weather.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AU_SYNTH_NQ 15      /* quantiles of the relative clearness index */
#define AU_SYNTH_SEASONS 4  /* DJF, MAM, JJA, SON */
#define AU_SYNTH_SPLIT 5    /* coefficients of the diffuse-fraction model */

/* The probabilities of the quantile table. */
extern const double au_synth_q[AU_SYNTH_NQ];

typedef struct au_synth_season {
    double k_rel_quantile[AU_SYNTH_NQ]; /* K / K̄_month at the probabilities au_synth_q */
    double sigma_t_c;           /* std of the daily mean temperature anomaly */
    double sigma_ln_wind;       /* std of the anomaly of ln(daily mean wind) */
    double phi[3];              /* lag-1 autocorrelation of the K, T, W scores */
    double corr[3];             /* same-day correlations K-T, K-W, T-W */
    double t_amp_a_c, t_amp_b_c;/* temperature daily-cycle amplitude = a + b·K */
    double t_peak_h;            /* solar hour of the temperature maximum */
    double wind_amp;            /* relative amplitude of the wind's daily cycle */
    double wind_peak_h;         /* solar hour of the wind maximum */
    double wind_sigma;          /* std of the hourly ln-wind noise */
    double wind_phi;            /* its hour-to-hour autocorrelation */
} au_synth_season;

typedef struct au_synth_climate {
    const char *name;
    double temp_c[12];          /* monthly mean temperature */
    double ghi_kwh_m2[12];      /* monthly global horizontal irradiation */
    double wind10_m_s[12];      /* monthly mean wind speed at 10 m */
    au_synth_season season[AU_SYNTH_SEASONS];
    double kc_clear;            /* clear-sky index of clear hours (Haurwitz's
                                   clear sky is not exact everywhere) */
    double kc_overcast;         /* clear-sky index of overcast hours */
    double sigma_overcast;      /* std of ln of the clear-sky index of overcast hours */
    double ghi_phi;             /* hour-to-hour autocorrelation of the sky state */
    double sky_width;           /* spread between overcast and clear (synth.c) */
    /* The split of GHI into beam and diffuse, fitted on the reference year:
     * diffuse fraction 1 / (1 + exp(b0 + m + b1 kt + b2 alt + b3 K + b4 psi))
     * with b the season's coefficients and m the month's adjustment (the
     * predictors in synth.c) */
    double split[AU_SYNTH_SEASONS][AU_SYNTH_SPLIT];
    double split_month[12];
    double dni_kwh_m2[12];      /* monthly direct normal irradiation: the
                                   typical year's target */
} au_synth_climate;

/* The built-in climate of Amiens (synth_amiens.c). */
const au_synth_climate *au_synth_amiens(void);

/* Derives a climate's constants from a real hourly year w whose sun path is
 * sun (same place and zone).  Monthly targets are w's own monthly means. */
au_status au_synth_calibrate(const au_weather *w, const au_sunpath *sun, const char *name,
                             au_synth_climate *out);

/* Writes a climate as a C initialiser (for synth_amiens.c). */
void au_synth_print(const au_synth_climate *c, FILE *out);

/* Generates sample `sample` (0: the typical year) of the climate at the
 * place and zone of sun.  Returns AU_OK, AU_EINVAL for a sample < 0, or
 * AU_ENOMEM. */
au_status au_synth_generate(const au_synth_climate *c, const au_sunpath *sun,
                            unsigned long seed, int sample, au_weather *out);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_SYNTH_H */
