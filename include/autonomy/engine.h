/* engine.h: one year of a scenario, hour by hour (MODEL.md §4-6).
 *
 * A task is (scenario, weather sample, year).  au_engine_year() builds the
 * hourly demand of every carrier from the year's trajectories, the weather
 * sample's profiles and the demand shapes; dispatches electricity and
 * district heat hour by hour in the order of MODEL.md §5; closes the fuel
 * balance over the year; and computes the year's indicators.  Every flow of
 * every hour is written in a flow table (engine workspace): the balances
 * are checked on it, the hourly CSV is written from it, and the yearly sums
 * are taken from it, so what is reported is what was balanced.
 *
 * Accounting (docs/engine.md):
 *   D, final energy: electricity used by end uses (specific, heating, heat
 *      pumps, vehicles), district heat delivered, fuels burnt by end users.
 *   P, local production: electricity from PV, wind and fixed sources and
 *      from plants burning local fuel, net of curtailment; district heat
 *      from recovered, geothermal and fixed sources, from large heat pumps
 *      (less their electricity), and from boilers and CHP burning local fuel;
 *      local fuels burnt by end users or exported.
 *   Imports, in final-energy terms: electricity imported; fuels imported
 *      for end uses; for fuels imported into plants and boilers, the
 *      electricity and heat they made.
 * The workspace is allocated once per thread; the hourly loop allocates
 * nothing. */
#ifndef AUTONOMY_ENGINE_H
#define AUTONOMY_ENGINE_H

#include <stddef.h>

#include "autonomy/error.h"
#include "autonomy/profiles.h"
#include "autonomy/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The demand shapes of a scenario: one normalised row per use (built-in or
 * the user's CSV), computed once per scenario and shared by every task. */
typedef struct au_demand_shapes {
    size_t n_uses;
    const double **use;             /* per use: a shape summing to 1 (NULL for
                                       space heating, which follows the weather) */
    const double **use_el;          /* per use: the shape of its shares heated
                                       by electricity (hot water: off-peak by
                                       default; otherwise the use's own) */
    const double *ev_evening;       /* evening charging */
    double *owned;                  /* storage of the rows: the built-in shapes
                                       used, the user's files normalised */
} au_demand_shapes;

au_status au_demand_shapes_build(const au_scenario *s, au_demand_shapes **out, au_diags *d);
void au_demand_shapes_free(au_demand_shapes *ds);

/* One column of the flow table: a flow in MW of one balance, or a state of
 * charge in MWh. */
typedef enum { AU_FLOW_EL_IN, AU_FLOW_EL_OUT, AU_FLOW_HEAT_IN, AU_FLOW_HEAT_OUT,
               AU_FLOW_SOC } au_flow_kind;

/* What a column is for in the report (its series): the electricity supply
 * groups, stacked in this order; the electricity uses; then heat and states
 * of charge, which the dispatch weeks do not draw. */
typedef enum {
    AU_GROUP_PV, AU_GROUP_WIND, AU_GROUP_FIXED, AU_GROUP_PLANTS, AU_GROUP_DISCHARGE,
    AU_GROUP_IMPORT, AU_GROUP_UNSERVED, AU_GROUP_OTHER_SUPPLY, /* none today */
    AU_GROUP_DEMAND, AU_GROUP_CHARGING, AU_GROUP_POWER_TO_HEAT, AU_GROUP_EXPORT,
    AU_GROUP_CURTAILMENT,
    AU_GROUP_HEAT_SUPPLY, AU_GROUP_HEAT_USE, AU_GROUP_STATE,
    AU_GROUP_COUNT
} au_flow_group;

/* The column families of the flow table, declared once: the engine makes
 * its columns from this table and the report groups them by it.
 *   id          AU_FAM_<id>
 *   kind        AU_FLOW_<kind>: the balance the column belongs to
 *   prefix      of the CSV name; then the member's name (for end uses, its
 *               sector and its name) and the suffix
 *   of          whose members have a column: ONE (a single column), or one
 *               per PV fleet, wind fleet, fixed source, plant, battery,
 *               hydrogen chain, end use, vehicle fleet, network plant or
 *               heat store of the scenario (engine.c decides which members)
 *   dispatched  1: set by the dispatch (cleared before it), 0: demand and
 *               generation, set before it
 *   group       AU_GROUP_<group>: its series in the report
 * The CSV's columns come in this order, family after family, except that
 * adjacent families of the same members go member by member (a fixed
 * source is electricity or heat: the fixed sources keep their order). */
#define AU_FLOW_FAMILIES(X)                                                                \
    /* id               kind      prefix                  suffix  of        disp group */  \
    X(PV,               EL_IN,    "el_in_pv_",             "",    PV,        0, PV)        \
    X(WIND,             EL_IN,    "el_in_wind_",           "",    WIND,      0, WIND)      \
    X(FIXED_EL,         EL_IN,    "el_in_fixed_",          "",    FIXED,     0, FIXED)     \
    X(FIXED_HEAT,       HEAT_IN,  "heat_in_fixed_",        "",    FIXED,     0, HEAT_SUPPLY) \
    X(PLANT_EL,         EL_IN,    "el_in_plant_",          "",    PLANT,     1, PLANTS)    \
    X(BATTERY_OUT,      EL_IN,    "el_in_battery_",        "",    BATTERY,   1, DISCHARGE) \
    X(FUEL_CELL,        EL_IN,    "el_in_fuel_cell_",      "",    HYDROGEN,  1, DISCHARGE) \
    X(IMPORT,           EL_IN,    "el_in_import",          "",    ONE,       1, IMPORT)    \
    X(UNSERVED,         EL_IN,    "el_in_unserved",        "",    ONE,       1, UNSERVED)  \
    X(USE_EL,           EL_OUT,   "el_out_",               "",    USE,       0, DEMAND)    \
    X(EV,               EL_OUT,   "el_out_ev_",            "",    MOBILITY,  0, DEMAND)    \
    X(DH_HEAT_PUMP_EL,  EL_OUT,   "el_out_dh_heat_pump_",  "",    DH_PLANT,  1, DEMAND)    \
    X(BATTERY_IN,       EL_OUT,   "el_out_battery_",       "",    BATTERY,   1, CHARGING)  \
    X(POWER_TO_HEAT,    EL_OUT,   "el_out_power_to_heat",  "",    ONE,       1, POWER_TO_HEAT) \
    X(ELECTROLYSER,     EL_OUT,   "el_out_electrolyser_",  "",    HYDROGEN,  1, CHARGING)  \
    X(EXPORT,           EL_OUT,   "el_out_export",         "",    ONE,       1, EXPORT)    \
    X(CURTAILMENT,      EL_OUT,   "el_out_curtailment",    "",    ONE,       1, CURTAILMENT) \
    X(DH_PLANT,         HEAT_IN,  "heat_in_",              "",    DH_PLANT,  1, HEAT_SUPPLY) \
    X(CHP_HEAT,         HEAT_IN,  "heat_in_chp_",          "",    PLANT,     1, HEAT_SUPPLY) \
    X(HEAT_STORE_OUT,   HEAT_IN,  "heat_in_storage_",      "",    DH_STORAGE, 1, HEAT_SUPPLY) \
    X(HEAT_UNSERVED,    HEAT_IN,  "heat_in_unserved",      "",    ONE,       1, HEAT_SUPPLY) \
    X(USE_HEAT,         HEAT_OUT, "heat_out_",             "",    USE,       0, HEAT_USE)  \
    X(HEAT_LOSSES,      HEAT_OUT, "heat_out_losses",       "",    ONE,       0, HEAT_USE)  \
    X(HEAT_STORE_IN,    HEAT_OUT, "heat_out_storage_",     "",    DH_STORAGE, 1, HEAT_USE) \
    X(HEAT_DUMP,        HEAT_OUT, "heat_out_dump",         "",    ONE,       1, HEAT_USE)  \
    X(SOC_BATTERY,      SOC,      "soc_battery_",          "_mwh", BATTERY,  1, STATE)     \
    X(SOC_HYDROGEN,     SOC,      "soc_hydrogen_",         "_mwh", HYDROGEN, 1, STATE)     \
    X(SOC_HEAT,         SOC,      "soc_heat_",             "_mwh", DH_STORAGE, 1, STATE)

typedef enum {
#define AU_FAM_ENUM_(id, kind, prefix, suffix, of, disp, group) AU_FAM_##id,
    AU_FLOW_FAMILIES(AU_FAM_ENUM_)
#undef AU_FAM_ENUM_
    AU_FAM_COUNT
} au_flow_family;

/* A family's entry of the table. */
typedef struct au_flow_family_info {
    const char *id;                 /* "PV", for messages and tests */
    au_flow_kind kind;
    const char *prefix, *suffix;
    int dispatched;
    au_flow_group group;
} au_flow_family_info;

/* The entry of family f (f < AU_FAM_COUNT), made from AU_FLOW_FAMILIES. */
static inline const au_flow_family_info *au_flow_family_get(au_flow_family f)
{
#define AU_FAM_INFO_(id, kind, prefix, suffix, of, disp, group) \
    {#id, AU_FLOW_##kind, prefix, suffix, disp, AU_GROUP_##group},
    static const au_flow_family_info table[AU_FAM_COUNT] = {AU_FLOW_FAMILIES(AU_FAM_INFO_)};
#undef AU_FAM_INFO_
    return &table[f];
}

typedef struct au_flow_col {
    au_flow_kind kind;              /* its family's */
    au_flow_family family;
    char name[96];                  /* CSV column name: el_in_pv_rooftops, soc_battery_x_mwh */
} au_flow_col;

/* A flow table: ncols columns of AU_HOURS values, column c's hours at
 * flow + c × AU_HOURS.  The engine's own (au_engine_table) is a view of its
 * workspace; the runner keeps copies (au_pathway.flows). */
typedef struct au_flow_table {
    int year;
    size_t ncols;
    const au_flow_col *cols;
    const double *flow;
} au_flow_table;

typedef struct au_engine_ws au_engine_ws;

/* A workspace for tasks of scenario s (its columns are s's flows).
 * NULL when out of memory. */
au_engine_ws *au_engine_ws_alloc(const au_scenario *s);
void au_engine_ws_free(au_engine_ws *ws);

/* Whether the next tasks run in ws write their flow table (default: yes).
 * Without it a year runs its hours block by block in a small buffer (the
 * balances checked and the yearly sums taken all the same) and the table
 * functions below have nothing to show: au_engine_table's flow is NULL.
 * The runner writes it only for the years whose hours are asked for. */
void au_engine_ws_write_table(au_engine_ws *ws, int on);

/* The flow table of the last task run in ws: n columns of AU_HOURS values;
 * au_engine_flow is NULL when that task wrote no table. */
size_t au_engine_ncols(const au_engine_ws *ws);
const au_flow_col *au_engine_col(const au_engine_ws *ws, size_t c);
const double *au_engine_flow(const au_engine_ws *ws, size_t c);

/* The check au_engine_year runs on every hour of its table, run again on the
 * table in ws (the last task run in it, for scenario s and year): every
 * hour's electricity and heat balances close to 1e-9 and no flow is
 * negative (below -1e-9 (1 + |v|)) or non-finite.  Returns AU_OK and the
 * largest relative residual in *max_residual, or AU_EINTERNAL with a
 * diagnostic naming the hour and the flow or balance.  For tests of the
 * check itself (a table altered on purpose). */
/* (The table must have been written: AU_EINVAL otherwise.) */
au_status au_engine_check(const au_scenario *s, int year, const au_engine_ws *ws,
                          double *max_residual, au_diags *d);

/* The same as a view (valid while ws lives and runs no other task). */
au_flow_table au_engine_table(const au_engine_ws *ws);

/* What a year gives.  Energies in MWh, powers in MW, ratios as fractions. */
typedef struct au_year_result {
    int year;
    int sample;
    double final_energy_mwh;        /* D */
    double final_el_mwh;            /* electricity part of D */
    double final_heat_mwh;          /* district heat delivered */
    double final_fuel_mwh;          /* fuels burnt by end users */
    double local_production_mwh;    /* P */
    double local_el_mwh;            /* electricity part of P */
    double import_mwh;              /* imports in final energy */
    double import_el_mwh;
    double import_fuel_mwh;         /* fuel imports in final-energy terms */
    double export_mwh;              /* electricity and local fuel exported */
    double export_el_mwh;           /* electricity exported */
    double export_fuel_mwh;         /* local fuel exported (not burnt here) */
    double curtailment_mwh;
    double unserved_mwh;            /* electricity */
    double unserved_heat_mwh;
    double heat_dumped_mwh;
    double peak_import_mw;
    int hours_with_import;
    double battery_throughput_mwh;  /* energy discharged by batteries */
    double battery_cycles;          /* equivalent full cycles */
    double electrolysis_mwh;        /* electricity into electrolysers */
    double fuel_use_mwh[AU_CARRIER_COUNT];
    double fuel_local_mwh[AU_CARRIER_COUNT];
    double fuel_import_mwh[AU_CARRIER_COUNT];
    double annual_balance;          /* P / D */
    double annual_balance_el;       /* P_el / D_el */
    double hourly_autonomy;         /* 1 − imports / D */
    double hourly_autonomy_el;      /* 1 − electricity imports / D_el */
    double self_consumption;        /* (P_el − electricity exports) / P_el, P_el
                                       after curtailment as in P */
    double co2_t;                   /* NAN when the scenario has no factors */
    /* costs (economics.h): NAN without costs.  The engine fills var_om_eur,
     * import_cost_eur and export_revenue_eur; au_economics the others. */
    double invest_eur;              /* capacity built (added or replaced) */
    double capital_eur;             /* annualised capital in service */
    double om_eur;                  /* fixed and variable O&M */
    double var_om_eur;              /* variable O&M (part of om_eur) */
    double import_cost_eur;         /* electricity and fuels imported */
    double energy_cost_eur;         /* imports and local fuels' cost */
    double export_revenue_eur;      /* exports sold */
    double cost_eur;                /* capital + O&M + energy − exports */
    double cost_eur_per_mwh;        /* per MWh of final energy */
    /* local jobs (FTE in the year); NAN without employment factors */
    double jobs_manufacturing;
    double jobs_construction;
    double jobs_operation;
    double jobs_fuel;
    double jobs;                    /* the four together */
    /* the same jobs by technology: PV, wind, storage (batteries and
     * hydrogen), the network's heat units (heat pumps, boilers, geothermal,
     * heat stores), plants, local fuels (= jobs_fuel) */
    double jobs_pv, jobs_wind, jobs_storage, jobs_heat, jobs_plants;
    double max_residual;            /* largest |Σ in − Σ out| of any hour,
                                       relative to the hour's flows */
} au_year_result;

/* The value of the scenario's criterion indicator in a result. */
double au_criterion_value(const au_criterion *c, const au_year_result *r);

/* Runs one task.  heating_ref_dh is the heating degree-hours (K·h) of the
 * scenario's reference climate (au_heating_reference): annual space-heating
 * quantities are given for it and move with the sample's weather (a year
 * with fewer degree-hours heats less).  Returns AU_OK, or AU_EINTERNAL when
 * a balance does not close or a flow or a result is not finite (a bug: the
 * message names the scenario, the year and, for a flow, the hour). */
au_status au_engine_year(const au_scenario *s, const au_profiles *p,
                         const au_demand_shapes *ds, double heating_ref_dh, int year,
                         au_engine_ws *ws, au_year_result *out, au_diags *d);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_ENGINE_H */
