/* scenario.c: releasing a scenario, and the storage chemistry presets. */
#include "autonomy/scenario.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Hourly self-discharge that loses `per_month` of the content over a month
 * of 730 h (8760 / 12), compounded: 1 − (1 − m)^(1/730). */
static double monthly_loss_per_hour(double per_month)
{
    return -expm1(log1p(-per_month) / 730.0);
}

au_storage_params au_chemistry_preset(au_chemistry c)
{
    /* Sources and arithmetic in docs/storage-presets.md. */
    switch (c) {
    case AU_CHEM_SODIUM_ION:
        /* estimate: no commercial sodium-ion system efficiency is published.
         * Sodium-ion cells lose about twice as much in the lower half of
         * their charge (TUM, J. Power Sources 2025), so DC losses of about
         * 1.5 × LFP's; scaling PNNL's LFP system round trip gives 0.81, 0.90
         * each way.  Self-discharge: hard-carbon anodes self-discharge faster
         * than graphite (Mogensen et al. 2016): 5 % a month, 7.026e-5 an hour. */
        return (au_storage_params){0.90, 0.90, monthly_loss_per_hour(0.05), 0.05, 1.0, 0.5};
    case AU_CHEM_LFP:
    case AU_CHEM_CUSTOM:
    default:
        /* LFP: 0.9193 each way for the AC system (Viswanathan et al. 2022,
         * PNNL-33283 "2022 Grid Energy Storage Technology Cost and
         * Performance Assessment", p. 24, as compiled by PyPSA
         * technology-data): 0.845 round trip, NREL ATB 0.85.  Self-discharge
         * 3 % a month (Ahlert 2010, as in the IDEAS library), 4.172e-5 an hour.
         * State of charge kept within 5-100 %, starting at 50 % (modelling
         * conventions). */
        return (au_storage_params){0.9193, 0.9193, monthly_loss_per_hour(0.03), 0.05, 1.0,
                                   0.5};
    }
}

static void free_str_traj(char *s, au_traj *a, au_traj *b)
{
    free(s);
    au_traj_free(a);
    au_traj_free(b);
}

void au_scenario_free(au_scenario *s)
{
    if (s == NULL)
        return;
    free(s->name);
    free(s->title);
    free(s->description);
    free(s->file);
    for (size_t i = 0; i < s->n_inputs; i++)
        free(s->inputs[i]);
    free(s->inputs);
    for (size_t i = 0; i < s->n_input_notes; i++)
        free(s->input_notes[i]);
    free(s->input_notes);
    free_str_traj(s->territory.name, &s->territory.population, NULL);
    free(s->weather.file);
    for (size_t i = 0; i < s->weather.n_year_files; i++)
        free(s->weather.year_files[i]);
    free(s->weather.year_files);
    for (size_t i = 0; i < s->n_uses; i++) {
        free(s->uses[i].profile);
        free(s->uses[i].electric_profile);
        free(s->uses[i].profile_file);
        free(s->uses[i].profile_data);
        free_str_traj(s->uses[i].name, &s->uses[i].annual_mwh, NULL);
    }
    free(s->uses);
    for (size_t i = 0; i < s->n_mobility; i++) {
        au_mobility *m = &s->mobility[i];
        for (size_t j = 0; j < m->n_drivetrains; j++)
            au_traj_free(&m->drivetrains[j].share);
        free(m->drivetrains);
        free_str_traj(m->name, &m->distance_km, NULL);
    }
    free(s->mobility);
    for (size_t i = 0; i < s->n_heat_mixes; i++) {
        au_heat_mix *m = &s->heat_mixes[i];
        for (size_t j = 0; j < m->n_shares; j++)
            au_traj_free(&m->shares[j].share);
        free(m->shares);
        free(m->name);
    }
    free(s->heat_mixes);
    au_district_heating *dh = &s->district_heating;
    for (size_t i = 0; i < dh->n_plants; i++)
        free_str_traj(dh->plants[i].name, &dh->plants[i].capacity_mw,
                      &dh->plants[i].fuel_budget_mwh);
    free(dh->plants);
    for (size_t i = 0; i < dh->n_storages; i++)
        free_str_traj(dh->storages[i].name, &dh->storages[i].energy_mwh,
                      &dh->storages[i].power_mw);
    free(dh->storages);
    free(dh->name);
    for (size_t i = 0; i < s->n_pv; i++) {
        free(s->pv[i].profile_file);
        free(s->pv[i].profile_data);
        free_str_traj(s->pv[i].name, &s->pv[i].capacity_mw, NULL);
    }
    free(s->pv);
    for (size_t i = 0; i < s->n_wind; i++) {
        free(s->wind[i].curve_speed_m_s);
        free(s->wind[i].curve_power);
        free(s->wind[i].profile_file);
        free(s->wind[i].profile_data);
        free_str_traj(s->wind[i].name, &s->wind[i].capacity_mw, NULL);
    }
    free(s->wind);
    for (size_t i = 0; i < s->n_plants; i++)
        free_str_traj(s->plants[i].name, &s->plants[i].capacity_mw,
                      &s->plants[i].fuel_budget_mwh);
    free(s->plants);
    for (size_t i = 0; i < s->n_fixed; i++) {
        free(s->fixed[i].profile_file);
        free(s->fixed[i].profile_data);
        free_str_traj(s->fixed[i].name, &s->fixed[i].capacity_mw, NULL);
    }
    free(s->fixed);
    for (size_t i = 0; i < s->n_batteries; i++)
        free_str_traj(s->batteries[i].name, &s->batteries[i].energy_mwh,
                      &s->batteries[i].power_mw);
    free(s->batteries);
    for (size_t i = 0; i < s->n_hydrogen; i++) {
        au_traj_free(&s->hydrogen[i].fuel_cell_mw);
        free_str_traj(s->hydrogen[i].name, &s->hydrogen[i].electrolyser_mw,
                      &s->hydrogen[i].tank_mwh);
    }
    free(s->hydrogen);
    for (size_t i = 0; i < s->n_local_fuels; i++)
        free_str_traj(s->local_fuels[i].name, &s->local_fuels[i].annual_mwh, NULL);
    free(s->local_fuels);
    au_traj_free(&s->import_limit_mw);
    au_traj_free(&s->export_limit_mw);
    for (size_t i = 0; i < s->n_tech_costs; i++) {
        au_tech_cost *t = &s->tech_costs[i];
        au_traj_free(&t->variable_om_eur_per_mwh);
        au_traj_free(&t->jobs_manufacturing.v);
        au_traj_free(&t->jobs_construction.v);
        au_traj_free(&t->jobs_operation.v);
        au_traj_free(&t->local_manufacturing);
        free(t->asset);
        free_str_traj(t->tech, &t->capex.v, &t->fixed_om.v);
    }
    free(s->tech_costs);
    for (size_t i = 0; i < s->n_fuel_costs; i++) {
        au_traj_free(&s->fuel_costs[i].eur_per_mwh);
        au_traj_free(&s->fuel_costs[i].job_years_per_mwh);
    }
    free(s->fuel_costs);
    au_traj_free(&s->climate.warming_k);
    for (int q = 0; q < AU_SEASON_COUNT; q++)
        au_traj_free(&s->climate.season_k[q]);
    au_traj_free(&s->climate.stretch);
    au_traj_free(&s->climate.irradiance);
    au_traj_free(&s->climate.wind);
    free(s->climate.preset);
    for (size_t i = 0; i < s->n_prices; i++)
        au_traj_free(&s->prices[i].eur_per_mwh);
    free(s->prices);
    for (size_t i = 0; i < s->n_emissions; i++)
        au_traj_free(&s->emissions[i].kg_per_mwh);
    free(s->emissions);
    free(s);
}

/* ---- assets that carry costs (economics.h) ---- */

size_t au_assets(const au_scenario *s, au_asset *out)
{
    size_t n = 0;
#define PUT(k, nm, chem, p, e, i)                                                              \
    do {                                                                                       \
        if (out != NULL)                                                                       \
            out[n] = (au_asset){(k), (nm), (chem), (p), (e), (i)};                             \
        n++;                                                                                   \
    } while (0)
    for (size_t i = 0; i < s->n_pv; i++)
        PUT(AU_TECH_PV, s->pv[i].name, -1, &s->pv[i].capacity_mw, NULL, i);
    for (size_t i = 0; i < s->n_wind; i++)
        PUT(AU_TECH_WIND, s->wind[i].name, -1, &s->wind[i].capacity_mw, NULL, i);
    for (size_t i = 0; i < s->n_batteries; i++)
        PUT(AU_TECH_BATTERY, s->batteries[i].name, (int)s->batteries[i].chemistry,
            &s->batteries[i].power_mw, &s->batteries[i].energy_mwh, i);
    for (size_t i = 0; i < s->n_hydrogen; i++) {
        const au_hydrogen *h = &s->hydrogen[i];
        PUT(AU_TECH_ELECTROLYSER, h->name, -1, &h->electrolyser_mw, NULL, i);
        PUT(AU_TECH_FUEL_CELL, h->name, -1, &h->fuel_cell_mw, NULL, i);
        PUT(AU_TECH_HYDROGEN_TANK, h->name, -1, NULL, &h->tank_mwh, i);
    }
    const au_district_heating *dh = &s->district_heating;
    for (size_t i = 0; i < dh->n_plants; i++) {
        au_dh_type t = dh->plants[i].type;
        au_tech k = t == AU_DH_HEAT_PUMP         ? AU_TECH_HEAT_PUMP
                    : t == AU_DH_ELECTRIC_BOILER ? AU_TECH_ELECTRIC_BOILER
                    : t == AU_DH_GAS_BOILER || t == AU_DH_BIOMASS_BOILER ? AU_TECH_BOILER
                    : t == AU_DH_GEOTHERMAL                              ? AU_TECH_GEOTHERMAL
                                                                         : AU_TECH_COUNT;
        if (k != AU_TECH_COUNT)
            PUT(k, dh->plants[i].name, -1, &dh->plants[i].capacity_mw, NULL, i);
    }
    for (size_t i = 0; i < dh->n_storages; i++)
        PUT(AU_TECH_HEAT_STORAGE, dh->storages[i].name, -1, &dh->storages[i].power_mw,
            &dh->storages[i].energy_mwh, i);
    for (size_t i = 0; i < s->n_plants; i++)
        PUT(AU_TECH_PLANT, s->plants[i].name, -1, &s->plants[i].capacity_mw, NULL, i);
#undef PUT
    return n;
}

/* 3: names the asset, 2: its chemistry, 1: its kind, 0: not of its kind. */
static int level(const au_tech_cost *tc, const au_asset *a)
{
    if (tc->kind != a->kind)
        return 0;
    if (tc->asset != NULL)
        return strcmp(tc->asset, a->name) == 0 ? 3 : 0;
    if (tc->chemistry >= 0)
        return tc->chemistry == a->chemistry ? 2 : 0;
    return 1;
}

int au_cost_applies(const au_scenario *s, size_t e, const au_asset *a)
{
    int mine = level(&s->tech_costs[e], a), best = 0;
    if (mine == 0)
        return 0;
    for (size_t i = 0; i < s->n_tech_costs; i++) {
        int l = level(&s->tech_costs[i], a);
        best = l > best ? l : best;
    }
    return mine == best;
}
