/* profiles.h: a weather sample, and the hourly per-unit profiles drawn from
 * it, computed once and shared (MODEL.md §2-4).
 *
 * An au_wsample holds one year of weather (a scenario's file, or sample N of
 * the synthetic generator), the sun over the territory, and the heating
 * weights, with a cache of every per-unit profile asked of it: AC output per
 * kWp of a PV parameter set, output per MW of a wind fleet (calibrated to
 * its capacity factor when it gives one), the COP of a heat pump.  Each is
 * computed the first time it is asked for and then shared by every fleet,
 * year and scenario using that sample.  Asking fills the cache, so one
 * thread at a time asks of a sample (the runner: the thread that loads it,
 * before any year runs); reading the rows is then thread-safe.
 *
 * A fleet may instead give a measured series (profile-file): output per unit
 * of capacity, hour by hour, read once into the same cache.
 *
 * au_profiles is one scenario's view: for each of its fleets and heat
 * pumps, a pointer to the shared row. */
#ifndef AUTONOMY_PROFILES_H
#define AUTONOMY_PROFILES_H

#include "autonomy/error.h"
#include "autonomy/heat.h"
#include "autonomy/scenario.h"
#include "autonomy/solar.h"
#include "autonomy/weather.h"
#include "autonomy/wind.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct au_wsample_cache au_wsample_cache;

typedef struct au_wsample {
    au_weather weather;
    au_sunpath sun;
    int sample;                     /* 0: the typical year */
    double ground_temp_c;           /* source of ground and water heat pumps */
    double heating_dh[AU_HOURS];    /* heating weight (K·h) per hour: the
                                       degree-hours shaped by the hour of the
                                       day (au_heating_intraday) */
    double heating_dh_sum;          /* their sum over the year: the year's
                                       degree-hours */
    double cooling_dh[AU_HOURS];    /* cooling weight (K·h) per hour
                                       (au_cooling_degree_hours) */
    double cooling_dh_sum;          /* their sum over the year */
    au_wsample_cache *cache;        /* the profiles computed so far (private) */
} au_wsample;

/* The weather of sample `sample` of scenario s (0: its typical year; a
 * weather file has only sample 0), with the sun at its territory.  Returns
 * AU_OK and *out (free with au_wsample_free); AU_EINVAL for a sample that
 * does not exist, or the reader's status, with diagnostics. */
au_status au_wsample_load(const au_scenario *s, int sample, au_wsample **out, au_diags *d);

/* The same, with the sun of the synthetic weather given: sun (NULL: computed
 * here) is au_territory_sun() of s or of a scenario at the same place
 * (au_same_place), read only and copied.  It is ignored for a weather file,
 * whose sun depends on the file's zone and irradiance instant. */
au_status au_wsample_load_at(const au_scenario *s, const au_sunpath *sun, int sample,
                             au_wsample **out, au_diags *d);
void au_wsample_free(au_wsample *ws);

/* The weather of base (a sample of scenario s) in year, when s has a climate
 * trend: a copy morphed by the change of that year (au_weather_morph, the
 * change of s->climate evaluated in year, a season's own warming for its
 * months), with its heating and cooling weights and ground temperature
 * computed again and an empty cache of profiles.  Returns AU_OK and *out
 * (free with au_wsample_free), or AU_ENOMEM with a diagnostic. */
au_status au_wsample_morph(const au_wsample *base, const au_scenario *s, int year,
                           au_wsample **out, au_diags *d);

/* The sun over the territory of s as the synthetic weather places it (the
 * middle of each hour, the territory's zone).  It depends only on the place,
 * not on the weather sample: computed once, it is shared by every sample of
 * every scenario at that place (the SPA over a year costs more than the
 * weather drawn under it).  Returns AU_OK and *out (free with free()), or
 * AU_EINVAL for a place out of range or AU_ENOMEM, with a diagnostic. */
au_status au_territory_sun(const au_scenario *s, au_sunpath **out, au_diags *d);
/* Whether scenarios a and b have the same place and zone, hence the same
 * au_territory_sun. */
int au_same_place(const au_scenario *a, const au_scenario *b);

/* Shared rows of AU_HOURS values, owned by ws; NULL when out of memory (or,
 * for wind, when the fleet's target cannot be reached: a diagnostic naming
 * file and the fleet's line is added). */
const double *au_wsample_pv(au_wsample *ws, const au_pv *p);
/* Wind: with fixed NULL, the fleet is calibrated on this sample (the typical
 * year) and *fleet receives what was found; otherwise *fixed (the typical
 * year's) is applied.  fleet may be NULL. */
const double *au_wsample_wind(au_wsample *ws, const au_wind *w, const au_wind_fleet *fixed,
                              const char *file, au_wind_fleet *fleet, au_diags *d);
/* source_c NAN: the outdoor air, hour by hour */
const double *au_wsample_cop(au_wsample *ws, au_cop_kind kind, double source_c,
                             double supply_c);

/* The heating degree-hours (K·h, on the temperature smoothed by the
 * buildings' inertia, base 18 °C: heat.h) of the climate that the scenario's
 * annual space-heating quantities refer to (MODEL.md §4): 24 times its
 * <demand reference-degree-days>, or else those of the synthetic typical
 * year (sample 0) at its territory with its seed, so that a weather file
 * warmer or colder than that climate lowers or raises the heating.  typical
 * may be the scenario's loaded sample 0 (reused when it is the synthetic
 * weather) or NULL.  Returns AU_OK, or the weather generator's status with a
 * diagnostic. */
au_status au_heating_reference(const au_scenario *s, const au_wsample *typical, double *out,
                               au_diags *d);

/* The same for space cooling: the weighted cooling degree-hours
 * (au_cooling_degree_hours) of the synthetic typical year at the territory,
 * to which a scenario's annual cooling quantities refer (there is no
 * attribute to name another climate).  typical as above. */
au_status au_cooling_reference(const au_scenario *s, const au_wsample *typical, double *out,
                               au_diags *d);

/* How many distinct profiles ws has computed (for tests and reports). */
size_t au_wsample_n_profiles(const au_wsample *ws);

typedef struct au_profiles {
    const au_wsample *ws;
    const double **pv;              /* per PV fleet: AC kW per kWp */
    const double **wind;            /* per wind fleet: MW per MW, after losses */
    au_wind_fleet *wind_fleet;      /* per wind fleet: the scale and window
                                       applied (NAN for a measured profile) */
    const double **fixed;           /* per fixed source: its per-unit profile,
                                       NULL for a constant output */
    const double **mix_share_cop;   /* per heat-mix share (mix by mix): NULL if
                                       not a heat pump */
    const double **dh_plant_cop;    /* per district plant: NULL if not a heat pump */
    const double *cooling;          /* space cooling per unit of annual
                                       quantity, hour by hour: the sample's
                                       cooling weights over the reference's
                                       sum (au_cooling_reference); NULL when
                                       no use follows them (a row of the
                                       sample, shared) */
    double cooling_ref;             /* that reference (K·h) */
} au_profiles;

/* One scenario's profiles on sample ws.  typical is the scenario's profiles
 * on its typical year (sample 0), whose wind fleets (scale, window and
 * curve table, the latter held by the typical year's sample, which must
 * still be alive) and cooling reference the other samples keep; NULL when ws is the typical
 * year (or when the reference is to be found again).  Returns AU_OK and
 * *out (free with au_profiles_free; it does not own the rows), or
 * AU_ENOMEM / AU_EINVAL with diagnostics. */
au_status au_profiles_build(const au_scenario *s, au_wsample *ws, const au_profiles *typical,
                            au_profiles **out, au_diags *d);

void au_profiles_free(au_profiles *p);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_PROFILES_H */
