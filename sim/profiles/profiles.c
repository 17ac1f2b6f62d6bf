/* profiles.c: weather samples and their shared per-unit profiles
 * (profiles.h). */
#include "autonomy/profiles.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "autonomy/pv.h"
#include "autonomy/shapes.h"
#include "autonomy/solar.h"
#include "autonomy/synth.h"
#include "autonomy/wind.h"

/* ---- the cache ---- */

typedef enum { ROW_PV, ROW_WIND, ROW_COP, ROW_COOL } row_kind;

typedef struct row {
    row_kind kind;
    au_pv pv;                       /* ROW_PV key (name ignored) */
    au_wind wind;                   /* ROW_WIND key (name ignored; curve copied) */
    int fixed;                      /* ROW_WIND key: 1 when fleet was given, 0
                                       when it was calibrated on this sample */
    au_wind_fleet fleet;
    au_cop_kind cop_kind;           /* ROW_COP key */
    double source_c, supply_c;
    double cool_scale;              /* ROW_COOL key */
    double *values;                 /* AU_HOURS */
} row;

struct au_wsample_cache {
    row *rows;
    size_t n, cap;
};

static const au_weather_format formats[] = {
    [AU_WEATHER_EPW] = AU_WFMT_EPW,
    [AU_WEATHER_PVGIS_EPW] = AU_WFMT_PVGIS_EPW,
    [AU_WEATHER_PVGIS_CSV] = AU_WFMT_PVGIS_CSV,
    [AU_WEATHER_CSV] = AU_WFMT_CSV,
};

void au_wsample_free(au_wsample *ws)
{
    if (ws == NULL)
        return;
    if (ws->cache != NULL) {
        for (size_t i = 0; i < ws->cache->n; i++) {
            free(ws->cache->rows[i].values);
            if (ws->cache->rows[i].kind == ROW_WIND && !ws->cache->rows[i].fixed)
                au_wind_fleet_clear(&ws->cache->rows[i].fleet);
            free(ws->cache->rows[i].wind.curve_speed_m_s);
            free(ws->cache->rows[i].wind.curve_power);
        }
        free(ws->cache->rows);
        free(ws->cache);
    }
    free(ws);
}

au_status au_territory_sun(const au_scenario *s, au_sunpath **out, au_diags *d)
{
    const au_territory *t = &s->territory;
    *out = malloc(sizeof **out);
    if (*out == NULL) {
        au_diags_add(d, s->file, 0, "out of memory placing the sun");
        return AU_ENOMEM;
    }
    au_status st = au_sunpath_compute(t->latitude_deg, t->longitude_deg, t->elevation_m,
                                      t->utc_offset_h, 0.5, *out);
    if (st != AU_OK) {
        au_diags_add(d, s->file, 0, "the territory's place cannot hold a sun path");
        free(*out);
        *out = NULL;
    }
    return st;
}

int au_same_place(const au_scenario *a, const au_scenario *b)
{
    const au_territory *t = &a->territory, *u = &b->territory;
    return t->latitude_deg == u->latitude_deg && t->longitude_deg == u->longitude_deg &&
           t->elevation_m == u->elevation_m && t->utc_offset_h == u->utc_offset_h;
}

/* The weather of the sample and its sun: sun, when given, is the territory's
 * (au_territory_sun), copied for the synthetic weather. */
static au_status load_weather(const au_scenario *s, const au_sunpath *sun, int sample,
                              au_wsample *ws, au_diags *d)
{
    const au_territory *t = &s->territory;
    const au_weather_spec *spec = &s->weather;
    au_status st;
    if (sample < 0) {
        au_diags_add(d, s->file, 0, "weather sample %d does not exist (expected 0 or more)",
                     sample);
        return AU_EINVAL;
    }
    if (spec->source == AU_WEATHER_SYNTHETIC) {
        if (sun != NULL) {
            ws->sun = *sun;
        } else {
            st = au_sunpath_compute(t->latitude_deg, t->longitude_deg, t->elevation_m,
                                    t->utc_offset_h, 0.5, &ws->sun);
            if (st != AU_OK) {
                au_diags_add(d, s->file, 0, "the territory's place cannot hold a sun path");
                return st;
            }
        }
        return au_synth_generate(au_synth_amiens(), &ws->sun, spec->seed, sample, &ws->weather);
    }
    double utc = isnan(spec->utc_offset_h) ? t->utc_offset_h : spec->utc_offset_h;
    if (spec->source == AU_WEATHER_YEARS && spec->n_year_files > 0) {
        /* one file a year: sample 0 (the typical year) is the first, sample
         * k the k-th */
        size_t i = sample == 0 ? 0 : (size_t)sample - 1;
        au_weather_format fmt;
        if (i >= spec->n_year_files) {
            au_diags_add(d, s->file, 0, "weather sample %d does not exist: the scenario lists "
                         "%zu years (expected samples 1 to %zu)", sample, spec->n_year_files,
                         spec->n_year_files);
            return AU_EINVAL;
        }
        if (au_weather_guess_format(spec->year_files[i], &fmt) != 0) {
            au_diags_add(d, spec->year_files[i], 0, "cannot tell the format from the name "
                         "(expected a .epw or .csv file)");
            return AU_EINVAL;
        }
        st = au_weather_read(spec->year_files[i], fmt, utc, &ws->weather, d);
    } else if (spec->source == AU_WEATHER_YEARS) {
        /* recorded years: sample 0 (the typical year) is the first, sample k
         * the k-th */
        au_weather *years;
        int *numbers;
        size_t n;
        st = au_weather_read_years(spec->file, utc, &years, &numbers, &n, d);
        if (st != AU_OK)
            return st;
        if ((size_t)sample > n) {
            au_diags_add(d, spec->file, 0, "weather sample %d does not exist: the file holds %zu "
                         "years (expected samples 1 to %zu)", sample, n, n);
            st = AU_EINVAL;
        } else {
            ws->weather = years[sample == 0 ? 0 : sample - 1];
        }
        free(years);
        free(numbers);
        if (st != AU_OK)
            return st;
    } else if (sample != 0) {
        au_diags_add(d, s->file, 0,
                     "weather sample %d does not exist: a weather file is one year (expected "
                     "sample 0, or the synthetic weather for stochastic samples)", sample);
        return AU_EINVAL;
    } else {
        st = au_weather_read(spec->file, formats[spec->source], utc, &ws->weather, d);
    }
    if (st != AU_OK)
        return st;
    st = au_sunpath_compute(t->latitude_deg, t->longitude_deg, t->elevation_m,
                            ws->weather.utc_offset_h, ws->weather.irradiance_time_h, &ws->sun);
    if (st != AU_OK)
        au_diags_add(d, s->file, 0, "the territory's place cannot hold a sun path");
    else
        au_weather_split_missing(&ws->weather, &ws->sun);
    return st;
}

au_status au_wsample_load(const au_scenario *s, int sample, au_wsample **out, au_diags *d)
{
    return au_wsample_load_at(s, NULL, sample, out, d);
}

/* What follows the air temperature: the ground's, the heating and cooling
 * weights. */
static void temperature_weights(au_wsample *ws)
{
    double t = 0;
    for (int h = 0; h < AU_HOURS; h++)
        t += ws->weather.temp_c[h];
    /* the annual mean air temperature: the usual first approximation of
     * the undisturbed ground a few metres down */
    ws->ground_temp_c = t / AU_HOURS;
    au_heating_params hp = au_heating_defaults();
    ws->heating_dh_sum =
        au_heating_degree_hours(&hp, ws->weather.temp_c, AU_HOURS, ws->heating_dh);
    au_heating_intraday(ws->heating_dh, AU_HOURS);
    ws->cooling_dh_sum = au_cooling_degree_hours(ws->weather.temp_c, AU_HOURS, ws->cooling_dh);
}

au_status au_wsample_load_at(const au_scenario *s, const au_sunpath *sun, int sample,
                             au_wsample **out, au_diags *d)
{
    au_wsample *ws = calloc(1, sizeof *ws);
    *out = NULL;
    if (ws == NULL || (ws->cache = calloc(1, sizeof *ws->cache)) == NULL) {
        free(ws);
        au_diags_add(d, s->file, 0, "out of memory loading the weather");
        return AU_ENOMEM;
    }
    au_status st = load_weather(s, sun, sample, ws, d);
    if (st != AU_OK) {
        au_wsample_free(ws);
        return st;
    }
    ws->sample = sample;
    temperature_weights(ws);
    *out = ws;
    return AU_OK;
}

/* The climate change of year for month k (0 = January): the season's own
 * warming when given, else the annual one. */
static au_morph morph_of(const au_climate *c, int year)
{
    au_morph m;
    for (int k = 0; k < 12; k++) {
        /* Dec-Feb winter, Mar-May spring, Jun-Aug summer, Sep-Nov autumn */
        int q = (k + 1) % 12 / 3;
        const au_traj *t = c->season_k[q].kind != AU_TRAJ_UNSET ? &c->season_k[q]
                                                               : &c->warming_k;
        m.dt_k[k] = au_traj_eval(t, year);
        m.stretch[k] = au_traj_eval(&c->stretch, year);
        m.irradiance[k] = au_traj_eval(&c->irradiance, year);
        m.wind[k] = au_traj_eval(&c->wind, year);
    }
    return m;
}

au_status au_wsample_morph(const au_wsample *base, const au_scenario *s, int year,
                           au_wsample **out, au_diags *d)
{
    au_wsample *ws = malloc(sizeof *ws);
    *out = NULL;
    if (ws == NULL || (memcpy(ws, base, sizeof *ws),
                       ws->cache = calloc(1, sizeof *ws->cache)) == NULL) {
        free(ws);
        au_diags_add(d, s->file, 0, "out of memory morphing the weather");
        return AU_ENOMEM;
    }
    au_morph m = morph_of(&s->climate, year);
    au_weather_morph(&ws->weather, &m);
    temperature_weights(ws);
    *out = ws;
    return AU_OK;
}

/* The synthetic typical year at the territory of s: typical when it is
 * that year, else one made for the purpose; *cool selects the cooling sum,
 * else the heating one. */
static au_status typical_sum(const au_scenario *s, const au_wsample *typical, int cool,
                             double *out, au_diags *d)
{
    if (typical != NULL && typical->sample == 0 && s->weather.source == AU_WEATHER_SYNTHETIC) {
        *out = cool ? typical->cooling_dh_sum : typical->heating_dh_sum;
        return AU_OK;
    }
    au_scenario syn = *s;
    syn.weather.source = AU_WEATHER_SYNTHETIC;
    syn.weather.file = NULL;
    syn.weather.year_files = NULL;
    syn.weather.n_year_files = 0;
    au_wsample *ws = NULL;
    au_status st = au_wsample_load(&syn, 0, &ws, d);
    if (st == AU_OK)
        *out = cool ? ws->cooling_dh_sum : ws->heating_dh_sum;
    au_wsample_free(ws);
    return st;
}

au_status au_heating_reference(const au_scenario *s, const au_wsample *typical, double *out,
                               au_diags *d)
{
    if (!isnan(s->reference_degree_days)) {
        *out = 24.0 * s->reference_degree_days;
        return AU_OK;
    }
    return typical_sum(s, typical, 0, out, d);
}

au_status au_cooling_reference(const au_scenario *s, const au_wsample *typical, double *out,
                               au_diags *d)
{
    return typical_sum(s, typical, 1, out, d);
}

size_t au_wsample_n_profiles(const au_wsample *ws)
{
    return ws->cache->n;
}

static row *new_row(au_wsample *ws)
{
    au_wsample_cache *c = ws->cache;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        row *r = realloc(c->rows, cap * sizeof *r);
        if (r == NULL)
            return NULL;
        c->rows = r;
        c->cap = cap;
    }
    row *r = &c->rows[c->n];
    memset(r, 0, sizeof *r);
    r->values = malloc(AU_HOURS * sizeof(double));
    if (r->values == NULL)
        return NULL;
    c->n++;
    return r;
}

static int same_pv(const au_pv *a, const au_pv *b)
{
    return a->tilt_deg == b->tilt_deg && a->azimuth_deg == b->azimuth_deg &&
           a->losses == b->losses && a->inverter_efficiency == b->inverter_efficiency &&
           a->dc_ac_ratio == b->dc_ac_ratio && a->gamma_per_k == b->gamma_per_k &&
           a->albedo == b->albedo;
}

const double *au_wsample_pv(au_wsample *ws, const au_pv *p)
{
    for (size_t i = 0; i < ws->cache->n; i++)
        if (ws->cache->rows[i].kind == ROW_PV && same_pv(&ws->cache->rows[i].pv, p))
            return ws->cache->rows[i].values;
    row *r = new_row(ws);
    if (r == NULL)
        return NULL;
    r->kind = ROW_PV;
    r->pv = *p;
    r->pv.name = NULL;
    const au_weather *w = &ws->weather;
    for (int h = 0; h < AU_HOURS; h++)
        r->values[h] = au_pv_ac_per_kwp(p, &ws->sun.hour[h], w->ghi_w_m2[h], w->dni_w_m2[h],
                                        w->dhi_w_m2[h], w->temp_c[h], w->wind10_m_s[h]);
    return r->values;
}

static int same_double(double a, double b)
{
    return a == b || (isnan(a) && isnan(b));
}

static int same_wind(const au_wind *a, const au_wind *b)
{
    if (!(a->hub_height_m == b->hub_height_m && same_double(a->shear_exponent, b->shear_exponent) &&
          a->spread_m == b->spread_m &&
          same_double(a->roughness_m, b->roughness_m) && a->losses == b->losses &&
          same_double(a->target_capacity_factor, b->target_capacity_factor) &&
          a->cut_in_m_s == b->cut_in_m_s && a->rated_m_s == b->rated_m_s &&
          a->cut_out_m_s == b->cut_out_m_s && a->n_points == b->n_points))
        return 0;
    for (size_t i = 0; i < a->n_points; i++)
        if (a->curve_speed_m_s[i] != b->curve_speed_m_s[i] ||
            a->curve_power[i] != b->curve_power[i])
            return 0;
    return 1;
}

const double *au_wsample_wind(au_wsample *ws, const au_wind *w, const au_wind_fleet *fixed,
                              const char *file, au_wind_fleet *fleet, au_diags *d)
{
    for (size_t i = 0; i < ws->cache->n; i++) {
        const row *r = &ws->cache->rows[i];
        if (r->kind == ROW_WIND && same_wind(&r->wind, w) && r->fixed == (fixed != NULL) &&
            (fixed == NULL || (r->fleet.scale == fixed->scale &&
                               r->fleet.window_h == fixed->window_h))) {
            if (fleet != NULL)
                *fleet = r->fleet;
            return r->values;
        }
    }
    row *r = new_row(ws);
    if (r == NULL)
        return NULL;
    r->kind = ROW_WIND;
    r->wind = *w;
    r->wind.name = NULL;
    r->wind.curve_speed_m_s = r->wind.curve_power = NULL;
    r->fixed = fixed != NULL;
    size_t nb = w->n_points * sizeof(double);
    if (w->n_points > 0) {
        r->wind.curve_speed_m_s = malloc(nb);
        r->wind.curve_power = malloc(nb);
        if (r->wind.curve_speed_m_s != NULL)
            memcpy(r->wind.curve_speed_m_s, w->curve_speed_m_s, nb);
        if (r->wind.curve_power != NULL)
            memcpy(r->wind.curve_power, w->curve_power, nb);
    }
    const double *v10 = ws->weather.wind10_m_s;
    au_status st = AU_ENOMEM;
    if (w->n_points == 0 || (r->wind.curve_speed_m_s != NULL && r->wind.curve_power != NULL)) {
        st = AU_OK;
        if (fixed != NULL)
            r->fleet = *fixed;
        else
            st = au_wind_calibrate(w, v10, AU_HOURS, &r->fleet, file, d);
        if (st == AU_OK)
            st = au_wind_fleet_profile(w, &r->fleet, v10, AU_HOURS, r->values);
        if (fixed != NULL) {        /* the typical year's curve, only borrowed */
            r->fleet.curve = NULL;
            r->fleet.n_curve = 0;
        }
    }
    if (st != AU_OK) {
        if (fixed == NULL)
            au_wind_fleet_clear(&r->fleet);
        free(r->values);
        free(r->wind.curve_speed_m_s);
        free(r->wind.curve_power);
        ws->cache->n--;
        return NULL;
    }
    if (fleet != NULL)
        *fleet = r->fleet;
    return r->values;
}

const double *au_wsample_cop(au_wsample *ws, au_cop_kind kind, double source_c,
                             double supply_c)
{
    for (size_t i = 0; i < ws->cache->n; i++) {
        const row *r = &ws->cache->rows[i];
        if (r->kind == ROW_COP && r->cop_kind == kind && same_double(r->source_c, source_c) &&
            r->supply_c == supply_c)
            return r->values;
    }
    row *r = new_row(ws);
    if (r == NULL)
        return NULL;
    r->kind = ROW_COP;
    r->cop_kind = kind;
    r->source_c = source_c;
    r->supply_c = supply_c;
    for (int h = 0; h < AU_HOURS; h++)
        r->values[h] = au_heat_pump_cop(kind, isnan(source_c) ? ws->weather.temp_c[h] : source_c,
                                        supply_c);
    return r->values;
}

/* The sample's cooling degree-hours times scale (one row for every
 * scenario with that reference). */
static const double *wsample_cooling(au_wsample *ws, double scale)
{
    for (size_t i = 0; i < ws->cache->n; i++) {
        const row *r = &ws->cache->rows[i];
        if (r->kind == ROW_COOL && r->cool_scale == scale)
            return r->values;
    }
    row *r = new_row(ws);
    if (r == NULL)
        return NULL;
    r->kind = ROW_COOL;
    r->cool_scale = scale;
    for (int h = 0; h < AU_HOURS; h++)
        r->values[h] = ws->cooling_dh[h] * scale;
    return r->values;
}

/* ---- one scenario's view ---- */

void au_profiles_free(au_profiles *p)
{
    if (p == NULL)
        return;
    free(p->pv);
    free(p->wind);
    free(p->wind_fleet);
    free(p->fixed);
    free(p->mix_share_cop);
    free(p->dh_plant_cop);
    free(p);
}

au_status au_profiles_build(const au_scenario *s, au_wsample *ws, const au_profiles *typical,
                            au_profiles **out, au_diags *d)
{
    size_t n_shares = 0;
    for (size_t m = 0; m < s->n_heat_mixes; m++)
        n_shares += s->heat_mixes[m].n_shares;
    const au_district_heating *dh = &s->district_heating;
    au_profiles *p = calloc(1, sizeof *p);
    *out = NULL;
    if (p == NULL)
        goto oom;
    p->ws = ws;
    p->pv = calloc(s->n_pv + 1, sizeof *p->pv);
    p->wind = calloc(s->n_wind + 1, sizeof *p->wind);
    p->wind_fleet = calloc(s->n_wind + 1, sizeof *p->wind_fleet);
    p->fixed = calloc(s->n_fixed + 1, sizeof *p->fixed);
    p->mix_share_cop = calloc(n_shares + 1, sizeof *p->mix_share_cop);
    p->dh_plant_cop = calloc(dh->n_plants + 1, sizeof *p->dh_plant_cop);
    if (!p->pv || !p->wind || !p->wind_fleet || !p->fixed || !p->mix_share_cop ||
        !p->dh_plant_cop)
        goto oom;
    for (size_t i = 0; i < s->n_pv; i++) {
        size_t before = d->n;
        p->pv[i] = s->pv[i].profile_data != NULL ? s->pv[i].profile_data
                                                 : au_wsample_pv(ws, &s->pv[i]);
        if (p->pv[i] == NULL) {
            au_profiles_free(p);
            if (d->n == before)
                au_diags_add(d, s->file, s->pv[i].line, "out of memory");
            return d->n > before ? AU_EINVAL : AU_ENOMEM;
        }
    }
    for (size_t i = 0; i < s->n_fixed; i++)
        p->fixed[i] = s->fixed[i].profile_data;     /* NULL: flat */
    for (size_t i = 0; i < s->n_wind; i++) {
        size_t before = d->n;
        if (s->wind[i].profile_data != NULL) {
            p->wind_fleet[i].scale = p->wind_fleet[i].window_h = NAN;
            p->wind[i] = s->wind[i].profile_data;
            continue;
        }
        /* the typical year fixes the fleet; other years apply it */
        const au_wind_fleet *fixed = typical != NULL ? &typical->wind_fleet[i] : NULL;
        p->wind[i] = au_wsample_wind(ws, &s->wind[i], fixed, s->file, &p->wind_fleet[i], d);
        if (p->wind[i] == NULL) {
            au_profiles_free(p);
            if (d->n == before)
                au_diags_add(d, s->file, s->wind[i].line, "out of memory");
            return d->n > before ? AU_EINVAL : AU_ENOMEM;
        }
    }
    size_t k = 0;
    for (size_t m = 0; m < s->n_heat_mixes; m++)
        for (size_t j = 0; j < s->heat_mixes[m].n_shares; j++, k++) {
            const au_mix_share *sh = &s->heat_mixes[m].shares[j];
            if (sh->tech != AU_HEAT_HEAT_PUMP)
                continue;
            au_cop_kind kind = sh->hp_source == AU_HP_SOURCE_GROUND  ? AU_COP_GROUND
                               : sh->hp_source == AU_HP_SOURCE_WATER ? AU_COP_WATER
                                                                     : AU_COP_AIR;
            double src = sh->hp_source == AU_HP_SOURCE_AIR ? NAN : ws->ground_temp_c;
            if ((p->mix_share_cop[k] = au_wsample_cop(ws, kind, src, sh->supply_temp_c)) == NULL)
                goto oom;
        }
    for (size_t j = 0; j < dh->n_plants; j++) {
        const au_dh_plant *pl = &dh->plants[j];
        if (pl->type != AU_DH_HEAT_PUMP)
            continue;
        if ((p->dh_plant_cop[j] = au_wsample_cop(ws, AU_COP_LARGE, pl->source_temp_c,
                                                 pl->supply_temp_c)) == NULL)
            goto oom;
    }
    int cooling = 0;
    for (size_t i = 0; i < s->n_uses; i++)
        cooling |= s->uses[i].type == AU_USE_SPACE_COOLING && s->uses[i].profile == NULL &&
                   s->uses[i].profile_file == NULL;
    if (cooling) {
        if (typical != NULL) {
            p->cooling_ref = typical->cooling_ref;
        } else {
            au_status st = au_cooling_reference(s, ws, &p->cooling_ref, d);
            if (st != AU_OK) {
                au_profiles_free(p);
                return st;
            }
        }
        /* a reference without a degree-hour above the base: no cooling */
        double scale = p->cooling_ref > 0 ? 1.0 / p->cooling_ref : 0.0;
        if ((p->cooling = wsample_cooling(ws, scale)) == NULL)
            goto oom;
    }
    *out = p;
    return AU_OK;
oom:
    au_profiles_free(p);
    au_diags_add(d, s->file, 0, "out of memory building the hourly profiles");
    return AU_ENOMEM;
}
