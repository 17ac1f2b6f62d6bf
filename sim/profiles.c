/* profiles.c: a scenario's weather and its per-unit hourly profiles
 * (profiles.h). */
#include "autonomy/profiles.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "autonomy/pv.h"
#include "autonomy/synth.h"
#include "autonomy/wind.h"

static const au_weather_format formats[] = {
    [AU_WEATHER_EPW] = AU_WFMT_EPW,
    [AU_WEATHER_PVGIS_EPW] = AU_WFMT_PVGIS_EPW,
    [AU_WEATHER_PVGIS_CSV] = AU_WFMT_PVGIS_CSV,
    [AU_WEATHER_CSV] = AU_WFMT_CSV,
};

au_status au_weather_for_scenario(const au_scenario *s, int sample, au_weather *w,
                                  au_sunpath *sun, au_diags *d)
{
    const au_territory *t = &s->territory;
    const au_weather_spec *ws = &s->weather;
    au_status st;
    if (ws->source == AU_WEATHER_SYNTHETIC) {
        if (sample < 0) {
            au_diags_add(d, s->file, 0, "weather sample %d does not exist (expected 0 or more)",
                         sample);
            return AU_EINVAL;
        }
        st = au_sunpath_compute(t->latitude_deg, t->longitude_deg, t->elevation_m,
                                t->utc_offset_h, 0.5, sun);
        if (st != AU_OK) {
            au_diags_add(d, s->file, 0, "the territory's place cannot hold a sun path");
            return st;
        }
        return au_synth_generate(au_synth_amiens(), sun, ws->seed, sample, w);
    }
    if (sample != 0) {
        au_diags_add(d, s->file, 0,
                     "weather sample %d does not exist: a weather file is one year (expected "
                     "sample 0, or the synthetic weather for stochastic samples)", sample);
        return AU_EINVAL;
    }
    double utc = isnan(ws->utc_offset_h) ? t->utc_offset_h : ws->utc_offset_h;
    st = au_weather_read(ws->file, formats[ws->source], utc, w, d);
    if (st != AU_OK)
        return st;
    st = au_sunpath_compute(t->latitude_deg, t->longitude_deg, t->elevation_m, w->utc_offset_h,
                            w->irradiance_time_h, sun);
    if (st != AU_OK)
        au_diags_add(d, s->file, 0, "the territory's place cannot hold a sun path");
    return st;
}

double au_ground_temp_c(const au_weather *w)
{
    double t = 0;
    for (int h = 0; h < AU_HOURS; h++)
        t += w->temp_c[h];
    return t / AU_HOURS;
}

static int same_pv(const au_pv *a, const au_pv *b)
{
    return a->tilt_deg == b->tilt_deg && a->azimuth_deg == b->azimuth_deg &&
           a->losses == b->losses && a->inverter_efficiency == b->inverter_efficiency &&
           a->dc_ac_ratio == b->dc_ac_ratio && a->gamma_per_k == b->gamma_per_k &&
           a->albedo == b->albedo;
}

void au_profiles_free(au_profiles *p)
{
    if (p == NULL)
        return;
    free(p->pv_kw_per_kwp);
    free(p->pv_orient);
    free(p->wind_per_mw);
    free(p->wind_scale);
    free(p->cop);
    free(p->mix_share_cop);
    free(p->dh_plant_cop);
    free(p);
}

static au_cop_kind cop_kind(au_hp_source src)
{
    return src == AU_HP_SOURCE_GROUND ? AU_COP_GROUND
           : src == AU_HP_SOURCE_WATER ? AU_COP_WATER
                                       : AU_COP_AIR;
}

au_status au_profiles_build(const au_scenario *s, const au_weather *w, const au_sunpath *sun,
                            au_profiles **out, au_diags *d)
{
    au_profiles *p = calloc(1, sizeof *p);
    size_t n_shares = 0, n_cop = 0;
    *out = NULL;
    if (p == NULL)
        goto oom;

    /* PV: one profile per distinct parameter set */
    p->pv_orient = calloc(s->n_pv ? s->n_pv : 1, sizeof *p->pv_orient);
    p->pv_kw_per_kwp = malloc((s->n_pv ? s->n_pv : 1) * AU_HOURS * sizeof(double));
    if (p->pv_orient == NULL || p->pv_kw_per_kwp == NULL)
        goto oom;
    for (size_t i = 0; i < s->n_pv; i++) {
        size_t k = 0;
        while (k < i && !same_pv(&s->pv[k], &s->pv[i]))
            k++;
        if (k < i) {
            p->pv_orient[i] = p->pv_orient[k];
            continue;
        }
        double *row = p->pv_kw_per_kwp + p->n_orient * AU_HOURS;
        for (int h = 0; h < AU_HOURS; h++)
            row[h] = au_pv_ac_per_kwp(&s->pv[i], &sun->hour[h], w->ghi_w_m2[h], w->dni_w_m2[h],
                                      w->dhi_w_m2[h], w->temp_c[h], w->wind10_m_s[h]);
        p->pv_orient[i] = p->n_orient++;
    }

    /* Wind */
    p->n_wind = s->n_wind;
    p->wind_per_mw = malloc((s->n_wind ? s->n_wind : 1) * AU_HOURS * sizeof(double));
    p->wind_scale = calloc(s->n_wind ? s->n_wind : 1, sizeof(double));
    if (p->wind_per_mw == NULL || p->wind_scale == NULL)
        goto oom;
    for (size_t i = 0; i < s->n_wind; i++) {
        au_status st = au_wind_profile(&s->wind[i], w->wind10_m_s, AU_HOURS,
                                       p->wind_per_mw + i * AU_HOURS, &p->wind_scale[i], s->file,
                                       d);
        if (st != AU_OK) {
            au_profiles_free(p);
            return st;
        }
    }

    /* Heating */
    au_heating_params hp = au_heating_defaults();
    p->heating_dh_sum = au_heating_degree_hours(&hp, w->temp_c, AU_HOURS, p->heating_dh);

    /* Heat pumps: one COP row per heat-pump share of a mix and per
     * heat-pump plant of the district network */
    for (size_t m = 0; m < s->n_heat_mixes; m++)
        for (size_t j = 0; j < s->heat_mixes[m].n_shares; j++) {
            n_shares++;
            n_cop += s->heat_mixes[m].shares[j].tech == AU_HEAT_HEAT_PUMP;
        }
    for (size_t j = 0; j < s->district_heating.n_plants; j++)
        n_cop += s->district_heating.plants[j].type == AU_DH_HEAT_PUMP;
    p->mix_share_cop = malloc((n_shares ? n_shares : 1) * sizeof(int));
    p->dh_plant_cop = malloc((s->district_heating.n_plants ? s->district_heating.n_plants : 1) *
                             sizeof(int));
    p->cop = malloc((n_cop ? n_cop : 1) * AU_HOURS * sizeof(double));
    if (p->mix_share_cop == NULL || p->dh_plant_cop == NULL || p->cop == NULL)
        goto oom;
    double ground = au_ground_temp_c(w);
    size_t k = 0;
    for (size_t m = 0; m < s->n_heat_mixes; m++)
        for (size_t j = 0; j < s->heat_mixes[m].n_shares; j++) {
            const au_mix_share *sh = &s->heat_mixes[m].shares[j];
            if (sh->tech != AU_HEAT_HEAT_PUMP) {
                p->mix_share_cop[k++] = -1;
                continue;
            }
            double *row = p->cop + p->n_cop * AU_HOURS;
            for (int h = 0; h < AU_HOURS; h++) {
                double src = sh->hp_source == AU_HP_SOURCE_AIR ? w->temp_c[h] : ground;
                row[h] = au_heat_pump_cop(cop_kind(sh->hp_source), src, sh->supply_temp_c);
            }
            p->mix_share_cop[k++] = (int)p->n_cop++;
        }
    for (size_t j = 0; j < s->district_heating.n_plants; j++) {
        const au_dh_plant *pl = &s->district_heating.plants[j];
        if (pl->type != AU_DH_HEAT_PUMP) {
            p->dh_plant_cop[j] = -1;
            continue;
        }
        double *row = p->cop + p->n_cop * AU_HOURS;
        for (int h = 0; h < AU_HOURS; h++) {
            double src = isnan(pl->source_temp_c) ? w->temp_c[h] : pl->source_temp_c;
            row[h] = au_heat_pump_cop(AU_COP_LARGE, src, pl->supply_temp_c);
        }
        p->dh_plant_cop[j] = (int)p->n_cop++;
    }
    *out = p;
    return AU_OK;
oom:
    au_profiles_free(p);
    au_diags_add(d, s->file, 0, "out of memory building the hourly profiles");
    return AU_ENOMEM;
}
