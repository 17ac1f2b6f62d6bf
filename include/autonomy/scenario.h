/* scenario.h: a scenario as the model sees it, and how to load one.
 *
 * A scenario file (scenarios/autonomy.xsd, documented in
 * scenarios/README.md) describes a territory, its demand by sector and end
 * use, its heat supply, its generation fleets and storage, its grid limits,
 * optional costs and emission factors, and the autonomy criterion.  A file may
 * extend another one and override parts of it.
 *
 * au_scenario_load() is the door: it reads the file and the files it extends,
 * merges them, validates the result against the schema, then converts every
 * value to internal units and checks ranges and consistency.  Every problem
 * goes to the diagnostics list with its file and line.  After the door the
 * model trusts the struct.
 *
 * Units of the fields are in their names (internal units of units.h); every
 * yearly quantity is an au_traj in the internal unit of its dimension. */
#ifndef AUTONOMY_SCENARIO_H
#define AUTONOMY_SCENARIO_H

#include <stddef.h>
#include "autonomy/error.h"
#include "autonomy/units.h"
#include "autonomy/trajectory.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    AU_SECTOR_RESIDENTIAL, AU_SECTOR_TERTIARY, AU_SECTOR_INDUSTRY,
    AU_SECTOR_TRANSPORT, AU_SECTOR_AGRICULTURE, AU_SECTOR_COUNT
} au_sector;

typedef enum {
    AU_CARRIER_ELECTRICITY, AU_CARRIER_HEAT, AU_CARRIER_GAS, AU_CARRIER_OIL,
    AU_CARRIER_BIOMASS, AU_CARRIER_BIOGAS, AU_CARRIER_HYDROGEN, AU_CARRIER_COUNT
} au_carrier;

typedef enum {
    AU_USE_ELECTRICITY,     /* specific electricity */
    AU_USE_SPACE_HEATING,
    AU_USE_HOT_WATER,
    AU_USE_PROCESS_HEAT,
    AU_USE_FUEL,            /* direct use of a fuel (cooking, machines, ...) */
    AU_USE_SPACE_COOLING    /* air conditioning: electricity, following the
                               weather (heat.h) */
} au_use_type;

typedef struct au_use {
    char *name;
    au_sector sector;
    au_use_type type;
    au_carrier carrier;     /* AU_USE_FUEL: the fuel; else electricity */
    int mix;                /* heat uses: index in heat_mixes; else -1 */
    char *profile;          /* built-in profile name, or NULL for the default */
    char *electric_profile; /* hot water: the shape of its electric shares,
                               or NULL for the default (hot-water-offpeak) */
    char *profile_file;     /* user hourly CSV (resolved path), or NULL */
    double *profile_data;   /* its AU_HOURS values, read at load (owned) */
    au_traj annual_mwh;     /* per year; space heating: useful heat in the
                               reference climate (reference_degree_days);
                               space cooling: electricity in the synthetic
                               typical year (au_cooling_reference) */
    long line;
} au_use;

/* Whether use u draws electricity directly, with no heat mix: specific
 * electricity and space cooling. */
static inline int au_use_is_electric(const au_use *u)
{
    return u->type == AU_USE_ELECTRICITY || u->type == AU_USE_SPACE_COOLING;
}

typedef enum {
    AU_HEAT_GAS_BOILER, AU_HEAT_OIL_BOILER, AU_HEAT_WOOD_BOILER,
    AU_HEAT_DIRECT_ELECTRIC, AU_HEAT_HEAT_PUMP, AU_HEAT_DISTRICT, AU_HEAT_COUNT
} au_heat_tech;

typedef enum { AU_HP_SOURCE_AIR, AU_HP_SOURCE_GROUND, AU_HP_SOURCE_WATER } au_hp_source;

typedef struct au_mix_share {
    au_heat_tech tech;
    int remainder;          /* 1: the share is 1 minus the others */
    au_traj share;          /* fraction of the use's heat, when !remainder */
    double efficiency;      /* useful heat / final energy (boilers) */
    au_hp_source hp_source; /* heat pumps */
    double supply_temp_c;   /* heat pumps: temperature of the heating water */
    long line;
} au_mix_share;

typedef struct au_heat_mix {
    char *name;
    size_t n_shares;
    au_mix_share *shares;
    long line;
} au_heat_mix;

typedef enum { AU_DRIVE_COMBUSTION, AU_DRIVE_ELECTRIC, AU_DRIVE_HYDROGEN } au_drive;
typedef enum { AU_CHARGE_EVENING, AU_CHARGE_SMART } au_charging;

typedef struct au_drivetrain {
    au_drive type;
    int remainder;
    au_traj share;          /* fraction of the vehicle-km */
    double kwh_per_km;      /* final energy per vehicle-km */
    au_carrier fuel;        /* combustion: oil or gas or biogas */
    au_charging charging;   /* electric */
    long line;
} au_drivetrain;

typedef struct au_mobility {
    char *name;
    au_sector sector;
    au_traj distance_km;    /* vehicle-km per year */
    size_t n_drivetrains;
    au_drivetrain *drivetrains;
    long line;
} au_mobility;

typedef struct au_pv {
    char *name;
    double tilt_deg, azimuth_deg;   /* azimuth clockwise from north, 180 = south */
    double losses;                  /* system losses, fraction (default 0.14) */
    double inverter_efficiency;     /* default 0.96 */
    double dc_ac_ratio;             /* default 1.2 */
    double gamma_per_k;             /* default -0.0037 */
    double albedo;                  /* default 0.2 */
    char *profile_file;             /* a measured series, kW per kWp (resolved
                                       path), instead of the PV model; or NULL */
    double *profile_data;           /* its AU_HOURS values, read at load (owned) */
    au_traj capacity_mw;            /* DC (peak) capacity */
    long line;
} au_pv;

typedef struct au_wind {
    char *name;
    double hub_height_m;
    double shear_exponent;          /* power law; NAN when roughness is used */
    double roughness_m;             /* log law; NAN when the power law is used */
    double losses;                  /* availability, wakes, electrical */
    double target_capacity_factor;  /* NAN: none */
    double spread_m;                /* how far the fleet's turbines spread
                                       (0: one site; wind.h) */
    double cut_in_m_s, rated_m_s, cut_out_m_s;  /* generic curve */
    size_t n_points;                /* a table of points, or 0 */
    double *curve_speed_m_s;        /* (owned) */
    double *curve_power;            /* fraction of rated power (owned) */
    char *profile_file;             /* a measured series, MW per MW, or NULL */
    double *profile_data;           /* its AU_HOURS values, read at load (owned) */
    au_traj capacity_mw;
    long line;
} au_wind;

typedef struct au_plant {           /* dispatchable local plant */
    char *name;
    au_carrier fuel;
    double electric_efficiency;
    double heat_efficiency;         /* heat into the district network, or 0 */
    au_traj capacity_mw;            /* electric capacity */
    au_traj fuel_budget_mwh;        /* fuel per year; UNSET: unlimited */
    long line;
} au_plant;

typedef enum { AU_PROFILE_FLAT } au_fixed_profile;

typedef struct au_fixed {            /* other fixed source */
    char *name;
    au_carrier output;              /* electricity or heat */
    au_traj capacity_mw;
    char *profile_file;             /* output per unit of capacity; NULL: flat */
    double *profile_data;           /* its AU_HOURS values, read at load (owned) */
    long line;
} au_fixed;

typedef enum { AU_CHEM_LFP, AU_CHEM_SODIUM_ION, AU_CHEM_CUSTOM } au_chemistry;

typedef struct au_storage_params {
    double eta_charge, eta_discharge;   /* one-way efficiencies */
    double self_discharge_per_h;        /* fraction of the content lost per hour */
    double soc_min, soc_max, soc_initial;  /* fractions of the energy capacity */
} au_storage_params;

typedef struct au_battery {
    char *name;
    au_chemistry chemistry;
    au_storage_params p;
    au_traj energy_mwh;
    au_traj power_mw;
    long line;
} au_battery;

typedef struct au_hydrogen {
    char *name;
    double electrolyser_efficiency;     /* H2 (LHV) out / electricity in */
    double fuel_cell_efficiency;        /* electricity out / H2 (LHV) in */
    double soc_initial;
    au_traj electrolyser_mw;            /* electric input */
    au_traj tank_mwh;                   /* H2, LHV */
    au_traj fuel_cell_mw;               /* electric output */
    long line;
} au_hydrogen;

typedef enum {
    AU_DH_HEAT_PUMP, AU_DH_BIOMASS_BOILER, AU_DH_GAS_BOILER,
    AU_DH_ELECTRIC_BOILER, AU_DH_GEOTHERMAL, AU_DH_RECOVERED
} au_dh_type;

typedef struct au_dh_plant {
    char *name;
    au_dh_type type;
    double efficiency;              /* boilers: heat / fuel */
    double source_temp_c;           /* heat pumps: source (NAN: outdoor air) */
    double supply_temp_c;           /* heat pumps */
    au_traj capacity_mw;            /* heat output */
    au_traj fuel_budget_mwh;        /* fuel per year; UNSET: unlimited */
    long line;
} au_dh_plant;

typedef struct au_heat_storage {
    char *name;
    au_storage_params p;
    au_traj energy_mwh;
    au_traj power_mw;
    long line;
} au_heat_storage;

typedef struct au_district_heating {
    int present;
    char *name;
    double losses;                  /* network losses, fraction of heat sent */
    size_t n_plants;
    au_dh_plant *plants;
    size_t n_storages;
    au_heat_storage *storages;
    long line;
} au_district_heating;

typedef struct au_local_fuel {
    char *name;
    au_carrier carrier;
    au_traj annual_mwh;             /* local production per year */
    long line;
} au_local_fuel;

typedef enum {
    AU_TECH_PV, AU_TECH_WIND, AU_TECH_BATTERY, AU_TECH_ELECTROLYSER, AU_TECH_FUEL_CELL,
    AU_TECH_HYDROGEN_TANK, AU_TECH_HEAT_STORAGE, AU_TECH_HEAT_PUMP, AU_TECH_ELECTRIC_BOILER,
    AU_TECH_BOILER, AU_TECH_PLANT, AU_TECH_GEOTHERMAL, AU_TECH_COUNT
} au_tech;

/* A factor given per power (MW) or per energy capacity (MWh of storage):
 * which one is read from its unit. */
typedef struct au_cap_factor {
    au_traj v;                      /* UNSET: none */
    int per_energy;                 /* 1: per MWh of capacity, 0: per MW */
} au_cap_factor;

/* A cost entry (docs/economics.md): what a technology costs and employs.
 * It applies to the assets of its kind, or only to the asset it names, or
 * (batteries) to those of one chemistry; an asset takes the entries of the
 * most specific level that names it (asset, then chemistry, then kind), and
 * those entries add up (a battery's cells per kWh and inverter per kW). */
typedef struct au_tech_cost {
    char *tech;                     /* the entry's name (its key for extends) */
    au_tech kind;
    char *asset;                    /* NULL: every asset of the kind */
    int chemistry;                  /* au_chemistry, or -1: any */
    double lifetime_yr;             /* whole years, 1-200 */
    au_cap_factor capex;            /* EUR/MW or EUR/MWh */
    au_cap_factor fixed_om;         /* EUR/MW/yr or EUR/MWh/yr */
    au_traj variable_om_eur_per_mwh;/* per MWh produced (discharged) */
    au_cap_factor jobs_manufacturing;   /* job-years per MW or MWh installed */
    au_cap_factor jobs_construction;    /* job-years per MW or MWh installed */
    au_cap_factor jobs_operation;       /* jobs per MW or MWh in service */
    au_traj local_manufacturing;    /* share made in the territory (UNSET: 0) */
    long line;
} au_tech_cost;

/* A local fuel's cost and jobs (per MWh produced in the territory). */
typedef struct au_fuel_cost {
    au_carrier carrier;
    au_traj eur_per_mwh;            /* UNSET: none */
    au_traj job_years_per_mwh;      /* UNSET: none */
    long line;
} au_fuel_cost;

typedef struct au_price {
    au_carrier carrier;
    int is_export;                  /* 0: import price, 1: export revenue */
    au_traj eur_per_mwh;
    long line;
} au_price;

typedef struct au_emission {
    au_carrier carrier;
    au_traj kg_per_mwh;             /* kgCO2 per MWh of final energy imported or burnt */
    long line;
} au_emission;

typedef enum { AU_IND_ANNUAL_BALANCE, AU_IND_HOURLY_AUTONOMY } au_indicator;
typedef enum { AU_SCOPE_ALL_ENERGY, AU_SCOPE_ELECTRICITY } au_scope;

typedef struct au_criterion {
    au_indicator indicator;
    au_scope scope;
    double threshold;               /* e.g. 1.0 */
    double confidence;              /* default 0.9 */
} au_criterion;

typedef enum {
    AU_WEATHER_SYNTHETIC, AU_WEATHER_EPW, AU_WEATHER_PVGIS_EPW,
    AU_WEATHER_PVGIS_CSV, AU_WEATHER_CSV,
    AU_WEATHER_YEARS                /* recorded years: a series file, or one file per
                                       year (year_files), each year a sample */
} au_weather_source;

typedef struct au_weather_spec {
    au_weather_source source;
    char *file;                     /* resolved path; NULL when synthetic or a list */
    char **year_files;              /* source years: one file a year (resolved), in
                                       the order of the scenario; NULL for a series */
    size_t n_year_files;
    double utc_offset_h;            /* NAN: the file's own, or UTC for PVGIS */
    unsigned long seed;
    int samples;                    /* stochastic years besides the typical one */
} au_weather_spec;

/* A climate trend (docs/weather.md, "A warming climate"): how the weather
 * of each year differs from the reference period of the scenario's weather,
 * applied to every weather sample by the morphing of Belcher, Hacker &
 * Powell (2005).  Absent (present = 0): every year has the weather as it
 * is. */
typedef enum { AU_SEASON_WINTER, AU_SEASON_SPRING, AU_SEASON_SUMMER, AU_SEASON_AUTUMN,
               AU_SEASON_COUNT } au_season;

typedef struct au_climate {
    int present;
    char *preset;                   /* "tracc", or NULL (given by hand) */
    au_traj warming_k;              /* temperature change, K, every month */
    au_traj season_k[AU_SEASON_COUNT]; /* per season (Dec-Feb, Mar-May, Jun-Aug,
                                       Sep-Nov), UNSET: the annual one */
    au_traj stretch;                /* Belcher's alpha: T' = T + dT + alpha (T - month's mean) */
    au_traj irradiance;             /* relative change of GHI, DNI, DHI */
    au_traj wind;                   /* relative change of the wind speed */
    long line;
} au_climate;

typedef struct au_territory {
    char *name;
    double latitude_deg, longitude_deg, elevation_m;
    double utc_offset_h;
    au_traj population;
} au_territory;

typedef struct au_scenario {
    char *name;                     /* from the root element's name attribute */
    char *title;                    /* may be NULL */
    char *description;              /* may be NULL */
    char *file;                     /* the file as given to au_scenario_load */
    char **inputs;                  /* every file read: the chain of extends,
                                       weather and profile files (owned) */
    size_t n_inputs;
    char **input_notes;             /* what was done to read an input ("FILE: ..."):
                                       a load curve's steps summed into hours */
    size_t n_input_notes;
    au_territory territory;
    int year_start, year_end;       /* inclusive; default 2020-2050 */
    au_weather_spec weather;
    au_climate climate;             /* a trend applied to the weather, year by year */

    double reference_degree_days;   /* K·day of the climate the annual
                                       space-heating quantities refer to;
                                       NAN: the synthetic typical year at the
                                       territory (au_heating_reference) */
    size_t n_uses;          au_use *uses;
    size_t n_mobility;      au_mobility *mobility;
    size_t n_heat_mixes;    au_heat_mix *heat_mixes;
    au_district_heating district_heating;
    size_t n_pv;            au_pv *pv;
    size_t n_wind;          au_wind *wind;
    size_t n_plants;        au_plant *plants;
    size_t n_fixed;         au_fixed *fixed;
    size_t n_batteries;     au_battery *batteries;
    size_t n_hydrogen;      au_hydrogen *hydrogen;
    size_t n_local_fuels;   au_local_fuel *local_fuels;

    au_traj import_limit_mw;        /* UNSET: unlimited */
    au_traj export_limit_mw;        /* UNSET: unlimited */

    int has_costs;
    double discount_rate;
    size_t n_tech_costs;    au_tech_cost *tech_costs;
    size_t n_prices;        au_price *prices;
    size_t n_fuel_costs;    au_fuel_cost *fuel_costs;
    size_t n_emissions;     au_emission *emissions;

    au_criterion criterion;
} au_scenario;

/* An asset that can carry a cost: its kind, its name in the scenario and its
 * capacities (trajectories of the scenario, NULL when it has none). */
typedef struct au_asset {
    au_tech kind;
    const char *name;
    int chemistry;              /* batteries: au_chemistry; -1 otherwise */
    const au_traj *power_mw;
    const au_traj *energy_mwh;
    size_t index;               /* in its list: pv, wind, batteries, hydrogen,
                                   the network's plants or stores, plants */
} au_asset;

/* The assets of s in a fixed order; out (may be NULL) receives them.
 * Returns their number. */
size_t au_assets(const au_scenario *s, au_asset *out);

/* Whether cost entry e of s applies to asset a: e is of a's kind and at the
 * most specific level that names a (asset, then chemistry, then kind). */
int au_cost_applies(const au_scenario *s, size_t e, const au_asset *a);

/* Loads and validates a scenario file and the files it extends.
 * On success returns AU_OK and a scenario in *out that the caller frees with
 * au_scenario_free().  On failure returns the first error's status, appends
 * one diagnostic per problem to diags and sets *out to NULL.  Reads only the
 * named files (no network, no DTD, no entity expansion).  Not thread-safe
 * with other libxml2 use in the same thread; call xmlInitParser() in main. */
au_status au_scenario_load(const char *path, au_scenario **out, au_diags *diags);

/* A numeric attribute of a scenario element: its quantity, range and
 * default, as the loader applies them.  scenario_load.c holds the one table
 * of them; `autonomy help parameters` prints it. */
typedef struct au_param {
    const char *element;    /* where it is written: "generation/pv" */
    const char *attribute;  /* "losses" */
    au_dim dim;             /* its kind of quantity and units (units.h) */
    double lo, hi;          /* its range, in the internal unit of dim */
    int lo_open, hi_open;   /* 1: the bound itself is excluded */
    int required;           /* 1: the attribute must be given */
    double def;             /* its default in the internal unit; NAN: none
                               (or see def_text) */
    const char *def_text;   /* the default in words when it is not a number
                               ("the chemistry's preset"), or NULL */
} au_param;

/* The table of numeric attributes, in the order the loader reads them:
 * sets *out and returns how many there are. */
size_t au_scenario_params(const au_param **out);

/* p's range ("at least 0 and less than 1") and default ("0.14", "45 C",
 * "required", or its def_text) in words, as the loader's messages and
 * `autonomy help parameters` write them. */
void au_param_describe(const au_param *p, char *range, size_t range_len, char *def,
                       size_t def_len);

/* Prepares the XML reader of the scenario layer (libxml2) for the process:
 * call once, before any thread reads a file; au_scenario_library_cleanup()
 * releases it at exit.  Only this layer sees libxml2. */
void au_scenario_library_init(void);
void au_scenario_library_cleanup(void);

/* A value substituted into a scenario before it is validated: the node
 * that xpath selects (exactly one element or attribute) takes value.  file
 * and line say where the substitution was written (a batch file), for
 * errors. */
/* How a substitution changes what its XPath selects: its value replaced
 * (a sweep), or, for a yearly quantity, a lever (lever.c): the whole
 * trajectory scaled by a factor, shifted by whole years (the same values
 * that many years earlier), or set to a quantity in a target year with its
 * shape kept. */
typedef enum { AU_LEVER_VALUE, AU_LEVER_SCALE, AU_LEVER_SHIFT, AU_LEVER_SET } au_lever_op;

/* "value", "scale", "shift", "set". */
const char *au_lever_name(au_lever_op op);

typedef struct au_override {
    const char *xpath;
    const char *value;
    const char *file;
    long line;
    au_lever_op op;                 /* AU_LEVER_VALUE (0): value replaces the node */
    int year;                       /* AU_LEVER_SET: the year the value is reached in */
} au_override;

/* au_scenario_load with substitutions and, when name is not NULL, another
 * name.  An XPath that matches no node or several, or a value the schema or
 * the model rejects, is an error at the override's file and line. */
au_status au_scenario_load_variant(const char *path, const au_override *ov, size_t n_ov,
                                   const char *name, au_scenario **out, au_diags *diags);

/* Writes out_path, a scenario file that `extends` base (its path written
 * relative to out_path's folder) and holds what the substitutions ov
 * changed, named name: loading it gives the scenario that
 * au_scenario_load_variant(base, ov, n_ov, name) gives.  Written whole or
 * not at all.  AU_OK, or a diagnostic. */
au_status au_scenario_write_variant(const char *base, const au_override *ov, size_t n_ov,
                                    const char *name, const char *out_path, au_diags *diags);

/* Frees a scenario and everything it owns.  Accepts NULL. */
void au_scenario_free(au_scenario *s);

/* Names used in files, for messages and output ("residential", "gas", ...). */
const char *au_sector_name(au_sector s);
const char *au_carrier_name(au_carrier c);
const char *au_heat_tech_name(au_heat_tech t);
const char *au_tech_name(au_tech t);

/* Storage presets (documented and sourced in docs/storage-presets.md). */
au_storage_params au_chemistry_preset(au_chemistry c);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_SCENARIO_H */
