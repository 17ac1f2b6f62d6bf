/* profiles.h: a scenario's weather, and the hourly per-unit profiles drawn
 * from it, computed once and shared (MODEL.md §2-4).
 *
 * au_weather_for_scenario() gives the year of weather a scenario asks for
 * (its file, or sample N of the synthetic generator) and the sun over the
 * scenario's territory.  au_profiles_build() then computes, once per weather
 * sample, every per-unit profile the hourly balance needs: AC output per kWp
 * of each distinct PV orientation (fleets with the same parameters share
 * one), output per MW of each wind fleet (calibrated to its capacity factor
 * when it gives one), the heating weight (degree-hours with building
 * inertia), and the COP of each heat pump of the heat mixes and of the
 * district network.  Every year and every task using that weather reads the
 * same arrays: nothing here is recomputed per year or per hour. */
#ifndef AUTONOMY_PROFILES_H
#define AUTONOMY_PROFILES_H

#include "autonomy/error.h"
#include "autonomy/heat.h"
#include "autonomy/scenario.h"
#include "autonomy/solar.h"
#include "autonomy/weather.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The weather of sample `sample` of a scenario (0: its typical year; for a
 * weather file, only sample 0 exists) and the sun at its territory.
 * Returns AU_OK, AU_EINVAL for a sample that does not exist (with a
 * diagnostic), or the reader's status. */
au_status au_weather_for_scenario(const au_scenario *s, int sample, au_weather *w,
                                  au_sunpath *sun, au_diags *d);

typedef struct au_profiles {
    size_t n_orient;            /* distinct PV parameter sets */
    double *pv_kw_per_kwp;      /* n_orient × AU_HOURS, AC kW per kWp DC */
    size_t *pv_orient;          /* per PV fleet: its row in pv_kw_per_kwp */
    size_t n_wind;
    double *wind_per_mw;        /* n_wind × AU_HOURS, after losses */
    double *wind_scale;         /* per wind fleet: the speed scale applied */
    double heating_dh[AU_HOURS];/* heating degree-hours (K·h) per hour */
    double heating_dh_sum;      /* their sum over the year */
    size_t n_cop;
    double *cop;                /* n_cop × AU_HOURS: the heat pumps below */
    int *mix_share_cop;         /* per heat mix share (flattened, mix by mix):
                                   its COP row, or -1 if not a heat pump */
    int *dh_plant_cop;          /* per district plant: COP row, or -1 */
} au_profiles;

/* Builds the profiles of scenario s on weather w with sun path sun.
 * Returns AU_OK and *out (free with au_profiles_free), or AU_ENOMEM /
 * AU_EINVAL (a wind target that cannot be reached) with diagnostics. */
au_status au_profiles_build(const au_scenario *s, const au_weather *w, const au_sunpath *sun,
                            au_profiles **out, au_diags *d);

void au_profiles_free(au_profiles *p);

/* Ground temperature (°C) used as the source of ground- and water-source
 * heat pumps: the annual mean air temperature, the usual first
 * approximation of the undisturbed ground a few metres down. */
double au_ground_temp_c(const au_weather *w);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_PROFILES_H */
