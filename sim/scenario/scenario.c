/* scenario.c: releasing a scenario, and the storage chemistry presets. */
#include "autonomy/scenario.h"

#include <math.h>
#include <stdlib.h>

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
    free_str_traj(s->territory.name, &s->territory.population, NULL);
    free(s->weather.file);
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
        au_traj_free(&s->tech_costs[i].variable_om_eur_per_mwh);
        free_str_traj(s->tech_costs[i].tech, &s->tech_costs[i].capex,
                      &s->tech_costs[i].fixed_om_eur_per_mw_yr);
    }
    free(s->tech_costs);
    for (size_t i = 0; i < s->n_prices; i++)
        au_traj_free(&s->prices[i].eur_per_mwh);
    free(s->prices);
    for (size_t i = 0; i < s->n_emissions; i++)
        au_traj_free(&s->emissions[i].kg_per_mwh);
    free(s->emissions);
    free(s);
}
