/* engine.c: one year of a scenario, hour by hour (engine.h; the method in
 * docs/engine.md).
 *
 * au_engine_year() is the steps of docs/engine.md, one call each: demand,
 * supply, EV charging, the dispatch (run twice when a fuel budget limits a
 * plant or boiler that year), the balance check, fuels, indicators, costs.
 * The first dispatch, the probe, runs the storages with the budget-limited
 * plants and boilers switched off, to learn which hours are left short; the
 * fuel budgets are then given to the hours of largest remaining deficit
 * (MODEL.md §3), and the final dispatch is the year.  Without budgets the
 * final dispatch alone is the year.  An
 * hour's dispatch follows the merit order of MODEL.md §5, every store
 * (battery, hydrogen, heat) charged and discharged by the same code.  Every
 * flow goes to the workspace's flow table, one column per flow: the balance
 * of every hour is checked on the table, and the yearly sums are read from
 * it.  The workspace holds every buffer sized by the scenario. */
#include "autonomy/engine.h"

#include <ctype.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "autonomy/economics.h"
#include "autonomy/shapes.h"

/* Relative tolerance of the hourly balances (MODEL.md §5). */
#define BALANCE_TOL 1e-9

/* ------------------------------------------------------------ demand shapes */

void au_demand_shapes_free(au_demand_shapes *ds)
{
    if (ds == NULL)
        return;
    free(ds->use);
    free(ds->use_el);
    free(ds->owned);
    free(ds);
}

static au_shape default_shape(const au_use *u)
{
    if (u->type == AU_USE_HOT_WATER)
        return AU_SHAPE_HOT_WATER;
    switch (u->sector) {
    case AU_SECTOR_RESIDENTIAL:
    case AU_SECTOR_TERTIARY: return AU_SHAPE_BUILDINGS;
    case AU_SECTOR_INDUSTRY: return AU_SHAPE_INDUSTRY;
    case AU_SECTOR_AGRICULTURE: return AU_SHAPE_AGRICULTURE;
    default: return AU_SHAPE_FLAT;
    }
}

/* The built-in shape of that name, or def when name is NULL (the schema
 * admits only names of shapes). */
static au_shape shape_named(const char *name, au_shape def)
{
    for (int j = 0; name != NULL && j < AU_SHAPE_COUNT; j++)
        if (strcmp(name, au_shape_name((au_shape)j)) == 0)
            return (au_shape)j;
    return def;
}

/* The built-in shapes a scenario's uses follow, as a bit set (bit k: shape
 * k), besides evening EV charging. */
static unsigned shapes_needed(const au_scenario *s)
{
    unsigned need = 1u << AU_SHAPE_EV_EVENING;
    for (size_t i = 0; i < s->n_uses; i++) {
        const au_use *u = &s->uses[i];
        if (u->profile_file != NULL ||
            ((u->type == AU_USE_SPACE_HEATING || u->type == AU_USE_SPACE_COOLING) &&
             u->profile == NULL))
            continue;
        need |= 1u << shape_named(u->profile, default_shape(u));
        if (u->type == AU_USE_HOT_WATER && u->profile == NULL)
            need |= 1u << shape_named(u->electric_profile, AU_SHAPE_HOT_WATER_OFFPEAK);
    }
    return need;
}

/* Each scenario's shapes are its own (no process-wide cache, nothing shared
 * between threads): the user's files, normalised, and the built-in shapes
 * its uses name. */
au_status au_demand_shapes_build(const au_scenario *s, au_demand_shapes **out, au_diags *d)
{
    au_demand_shapes *ds = calloc(1, sizeof *ds);
    const double *builtin[AU_SHAPE_COUNT] = {NULL};
    unsigned need = shapes_needed(s);
    size_t n_rows = 0;
    *out = NULL;
    for (size_t i = 0; i < s->n_uses; i++)
        n_rows += s->uses[i].profile_file != NULL;
    for (int k = 0; k < AU_SHAPE_COUNT; k++)
        n_rows += (need >> k) & 1u;
    if (ds == NULL || (ds->use = calloc(s->n_uses + 1, sizeof *ds->use)) == NULL ||
        (ds->use_el = calloc(s->n_uses + 1, sizeof *ds->use_el)) == NULL ||
        (ds->owned = malloc(n_rows * AU_HOURS * sizeof(double))) == NULL) {
        au_demand_shapes_free(ds);
        au_diags_add(d, s->file, 0, "out of memory building the demand shapes");
        return AU_ENOMEM;
    }
    size_t k = 0;
    for (int j = 0; j < AU_SHAPE_COUNT; j++)
        if ((need >> j) & 1u) {
            double *row = ds->owned + k++ * AU_HOURS;
            au_shape_fill((au_shape)j, row);
            builtin[j] = row;
        }
    ds->n_uses = s->n_uses;
    ds->ev_evening = builtin[AU_SHAPE_EV_EVENING];
    for (size_t i = 0; i < s->n_uses; i++) {
        const au_use *u = &s->uses[i];
        if ((u->type == AU_USE_SPACE_HEATING || u->type == AU_USE_SPACE_COOLING) &&
            u->profile_file == NULL && u->profile == NULL)
            continue; /* follows the weather */
        if (u->profile_file != NULL) {
            double *row = ds->owned + k++ * AU_HOURS, sum = 0;
            memcpy(row, u->profile_data, AU_HOURS * sizeof *row);  /* read at load */
            for (int h = 0; h < AU_HOURS; h++)
                sum += row[h];
            for (int h = 0; h < AU_HOURS; h++)
                row[h] /= sum;
            ds->use[i] = ds->use_el[i] = row;
            continue;
        }
        ds->use[i] = builtin[shape_named(u->profile, default_shape(u))];
        /* French electric water heaters heat on off-peak hours: a hot-water
         * use's electric shares follow that shape unless told otherwise
         * (a user's file or profile serves every share) */
        ds->use_el[i] = u->type == AU_USE_HOT_WATER && u->profile == NULL
                            ? builtin[shape_named(u->electric_profile,
                                                  AU_SHAPE_HOT_WATER_OFFPEAK)]
                            : ds->use[i];
    }
    *out = ds;
    return AU_OK;
}

/* ---------------------------------------------------------------- workspace */

/* A store of the year: batteries, hydrogen (electrolyser, tank, fuel cell)
 * and heat stores alike.  It holds soc (MWh of what it stores) within
 * [lo, hi]; it takes at most p_in of input power an hour, of which eta_in
 * reaches the store, and gives at most p_out of output power, which costs
 * 1/eta_out of content. */
typedef struct store {
    double soc, soc_init;           /* MWh: now, and at the start of the year */
    double e, lo, hi;               /* MWh: energy capacity and bounds */
    double p_in, p_out;             /* MW */
    double eta_in, eta_out, leak;   /* leak: self-discharge per hour */
    size_t c_charge, c_discharge, c_soc;  /* columns of the flow table */
} store;

/* Hours run together: a year goes block by block through demand, supply,
 * EV charging, the dispatch, the balance check and the yearly sums, so a
 * block's flows stay in the cache between the steps.  Whole days, for the
 * daily smart charging; 96 hours of the roadmap's 35 columns are 27 KB. */
#define BLOCK 96
_Static_assert(BLOCK % 24 == 0 && AU_HOURS % 24 == 0, "blocks of whole days (ev_smart)");

/* Where the steps write hour h of column c: the full flow table (tb = flow,
 * stride AU_HOURS, h0 = 0) when the year's table is written, else the
 * block buffer (tb = blk, stride BLOCK, h0 = the block's first hour). */
typedef struct view {
    double *tb;
    size_t stride;
    int h0;
} view;

#define VAL(v, c, h) ((v)->tb[(size_t)(c) * (v)->stride + (size_t)((h) - (v)->h0)])

/* The network's plants by kind (au_engine_ws.dh_kind). */
enum { DH_MUST, DH_HP, DH_EB, DH_FB };

struct au_engine_ws {
    size_t ncols;
    au_flow_col *cols;
    double *flow;                   /* ncols × AU_HOURS */
    double *blk;                    /* ncols × BLOCK */
    view v;                         /* what the steps write through */
    int write_table;                /* the next years write flow (au_engine_ws_write_table) */
    int table_year;                 /* the year flow holds, 0: none */
    double *csum;                   /* per column: the year's sum, in hour order */
    double peak_import;
    int hours_import;
    /* the year's quantities, per member (year_start) */
    double *use_a;                  /* per use: its annual MWh */
    size_t max_shares, max_drives;
    double *share_f;                /* per use × max_shares: the mix's share */
    double *share_total;            /* the same: heat of the share so far, fuel boilers */
    size_t *mix_first;              /* per mix: the index of its first share's COP */
    double *pv_cap, *wind_cap, *fixed_cap;
    double *ev_mwh;                 /* per fleet × max_drives: MWh of the drivetrain */
    /* the network's plants by kind, in file order (their indices), so the
     * hour loops do not test types: must-run, heat pumps, electric and fuel
     * boilers; the columns of fixed heat and of PV, wind and fixed
     * electricity, in the order of the table */
    size_t *dh_kind[4], n_dh_kind[4];
    size_t *fixed_heat_cols, n_fixed_heat, *gen_cols, n_gen;
    double gen[BLOCK];              /* the block's PV, wind and fixed electricity */
    int blk_h0;                     /* the block's first hour */
    size_t *col[AU_FAM_COUNT];      /* per family, per member (engine.h): its column */
    /* the year's capacities, one per plant or store of the scenario */
    double *plant_cap, *plant_budget_el;  /* budget NAN: none */
    double *dh_cap, *dh_budget_heat;
    store *bat, *h2, *hs;           /* batteries, hydrogen, heat stores */
    double *bat_soc0, *h2_soc0;     /* their states before an hour's electricity */
    /* variable O&M: a column (what an asset produced or discharged) and the
     * price of each cost entry that applies to it (economics.h) */
    size_t n_vom;
    size_t *vom_col;
    const au_traj **vom;
    /* scratch */
    double *el_dem;                 /* end-use electricity demand */
    double *heat_dem;               /* district heat to send (delivered + losses) */
    double *resid_el, *resid_heat;  /* what each hour was left short (read after the probe) */
    double *scratch;                /* AU_HOURS: the fuel budgets' needs */
    double *alloc_plant;            /* n_plants × AU_HOURS */
    double *alloc_boiler;           /* n_dh_plants × AU_HOURS */
    int has_p2h;
    int year;                       /* of the last task run */
};

/* The column of member i of family fam (engine.h). */
#define COL(ws, fam, i) ((ws)->col[AU_FAM_##fam][i])

/* Whose members a family's columns are for (engine.h, AU_FLOW_FAMILIES). */
typedef enum { OF_ONE, OF_PV, OF_WIND, OF_FIXED, OF_PLANT, OF_BATTERY, OF_HYDROGEN, OF_USE,
               OF_MOBILITY, OF_DH_PLANT, OF_DH_STORAGE } member_of;

static const member_of family_of[AU_FAM_COUNT] = {
#define OF_(id, kind, prefix, suffix, of, disp, group) OF_##of,
    AU_FLOW_FAMILIES(OF_)
#undef OF_
};

static size_t members(const au_scenario *s, member_of of)
{
    const au_district_heating *dh = &s->district_heating;
    switch (of) {
    case OF_PV: return s->n_pv;
    case OF_WIND: return s->n_wind;
    case OF_FIXED: return s->n_fixed;
    case OF_PLANT: return s->n_plants;
    case OF_BATTERY: return s->n_batteries;
    case OF_HYDROGEN: return s->n_hydrogen;
    case OF_USE: return s->n_uses;
    case OF_MOBILITY: return s->n_mobility;
    case OF_DH_PLANT: return dh->n_plants;
    case OF_DH_STORAGE: return dh->n_storages;
    default: return 1;
    }
}

/* The name of member i; an end use's sector in *sector. */
static const char *member_name(const au_scenario *s, member_of of, size_t i, const char **sector)
{
    const au_district_heating *dh = &s->district_heating;
    *sector = NULL;
    switch (of) {
    case OF_PV: return s->pv[i].name;
    case OF_WIND: return s->wind[i].name;
    case OF_FIXED: return s->fixed[i].name;
    case OF_PLANT: return s->plants[i].name;
    case OF_BATTERY: return s->batteries[i].name;
    case OF_HYDROGEN: return s->hydrogen[i].name;
    case OF_USE: *sector = au_sector_name(s->uses[i].sector); return s->uses[i].name;
    case OF_MOBILITY: return s->mobility[i].name;
    case OF_DH_PLANT: return dh->plants[i].name;
    case OF_DH_STORAGE: return dh->storages[i].name;
    default: return NULL;
    }
}

/* Whether member i of family f has a column: a fixed source is electricity
 * or heat; fuel uses draw no electricity, and only uses with a network
 * share draw its heat; only heat pumps draw electricity for the network,
 * only CHP plants give it heat; power to heat is one column when any
 * electric boiler is on the network; the network's other columns exist
 * with a network. */
static int member_has(const au_scenario *s, au_flow_family f, size_t i, int has_p2h)
{
    const au_district_heating *dh = &s->district_heating;
    switch (f) {
    case AU_FAM_FIXED_EL: return s->fixed[i].output != AU_CARRIER_HEAT;
    case AU_FAM_FIXED_HEAT: return s->fixed[i].output == AU_CARRIER_HEAT;
    case AU_FAM_USE_EL: return s->uses[i].type != AU_USE_FUEL;
    case AU_FAM_DH_HEAT_PUMP_EL: return dh->plants[i].type == AU_DH_HEAT_PUMP;
    case AU_FAM_POWER_TO_HEAT: return has_p2h;
    case AU_FAM_CHP_HEAT: return dh->present && s->plants[i].heat_efficiency > 0;
    case AU_FAM_USE_HEAT: return dh->present && s->uses[i].mix >= 0;
    case AU_FAM_DH_PLANT:
    case AU_FAM_HEAT_STORE_OUT:
    case AU_FAM_HEAT_UNSERVED:
    case AU_FAM_HEAT_LOSSES:
    case AU_FAM_HEAT_STORE_IN:
    case AU_FAM_HEAT_DUMP: return dh->present;
    default: return 1;
    }
}

static void sanitize(char *dst, size_t n, const char *src)
{
    size_t j = 0;
    for (size_t i = 0; src != NULL && src[i] != '\0' && j + 1 < n; i++) {
        unsigned char c = (unsigned char)src[i];
        if (isalnum(c))
            dst[j++] = (char)tolower(c);
        else if (j > 0 && dst[j - 1] != '_')
            dst[j++] = '_';
    }
    while (j > 0 && dst[j - 1] == '_')
        j--;
    dst[j] = '\0';
}

/* The column of member i of family f: its name from the family's prefix
 * and suffix, unique ("x" a second time becomes "x_2"). */
static size_t add_col(au_engine_ws *ws, const au_scenario *s, au_flow_family f, size_t i)
{
    const au_flow_family_info *fi = au_flow_family_get(f);
    au_flow_col *c = &ws->cols[ws->ncols];
    const char *sector, *name = member_name(s, family_of[f], i, &sector);
    char na[48] = "", nb[48] = "";
    sanitize(na, sizeof na, sector != NULL ? sector : name);
    sanitize(nb, sizeof nb, sector != NULL ? name : NULL);
    snprintf(c->name, sizeof c->name, "%s%s%s%s%s", fi->prefix, na, (na[0] && nb[0]) ? "_" : "",
             nb, fi->suffix);
    char base[96];
    memcpy(base, c->name, sizeof base);
    for (int k = 2;; k++) {
        size_t j = 0;
        while (j < ws->ncols && strcmp(ws->cols[j].name, c->name) != 0)
            j++;
        if (j == ws->ncols)
            break;
        snprintf(c->name, sizeof c->name, "%.80s_%d", base, k);
    }
    c->kind = fi->kind;
    c->family = f;
    return ws->ncols++;
}

void au_engine_ws_free(au_engine_ws *ws)
{
    if (ws == NULL)
        return;
    free(ws->cols);
    free(ws->flow);
    free(ws->blk);
    free(ws->csum);
    free(ws->use_a);
    free(ws->share_f);
    free(ws->share_total);
    free(ws->mix_first);
    free(ws->pv_cap);
    free(ws->wind_cap);
    free(ws->fixed_cap);
    free(ws->ev_mwh);
    for (int k = 0; k < 4; k++)
        free(ws->dh_kind[k]);
    free(ws->fixed_heat_cols);
    free(ws->gen_cols);
    for (int f = 0; f < AU_FAM_COUNT; f++)
        free(ws->col[f]);
    free(ws->plant_cap);
    free(ws->plant_budget_el);
    free(ws->dh_cap);
    free(ws->dh_budget_heat);
    free(ws->bat);
    free(ws->h2);
    free(ws->hs);
    free(ws->bat_soc0);
    free(ws->vom_col);
    free(ws->vom);
    free(ws->h2_soc0);
    free(ws->el_dem);
    free(ws->heat_dem);
    free(ws->resid_el);
    free(ws->resid_heat);
    free(ws->scratch);
    free(ws->alloc_plant);
    free(ws->alloc_boiler);
    free(ws);
}

/* Room for the columns: per family, one index per member (zero on
 * failure). */
static int alloc_columns(au_engine_ws *ws, const au_scenario *s)
{
    size_t max_cols = 0;
    for (int f = 0; f < AU_FAM_COUNT; f++) {
        size_t n = members(s, family_of[f]);
        max_cols += n;
        if ((ws->col[f] = calloc(n + 1, sizeof(size_t))) == NULL)
            return 0;
    }
    return (ws->cols = calloc(max_cols + 1, sizeof *ws->cols)) != NULL;
}

#define ALLOC_N(field, n) (((field) = calloc((n) + 1, sizeof *(field))) == NULL)

/* The per-scenario buffers: capacities, stores, scratch (zero on failure). */
static int alloc_buffers(au_engine_ws *ws, const au_scenario *s)
{
    const au_district_heating *dh = &s->district_heating;
    size_t nh = AU_HOURS * sizeof(double);
    for (size_t m = 0; m < s->n_heat_mixes; m++)
        if (s->heat_mixes[m].n_shares > ws->max_shares)
            ws->max_shares = s->heat_mixes[m].n_shares;
    for (size_t i = 0; i < s->n_mobility; i++)
        if (s->mobility[i].n_drivetrains > ws->max_drives)
            ws->max_drives = s->mobility[i].n_drivetrains;
    return !((ws->blk = malloc((ws->ncols + 1) * BLOCK * sizeof(double))) == NULL ||
             ALLOC_N(ws->csum, ws->ncols) || ALLOC_N(ws->use_a, s->n_uses) ||
             ALLOC_N(ws->share_f, s->n_uses * ws->max_shares) ||
             ALLOC_N(ws->share_total, s->n_uses * ws->max_shares) ||
             ALLOC_N(ws->mix_first, s->n_heat_mixes) || ALLOC_N(ws->pv_cap, s->n_pv) ||
             ALLOC_N(ws->wind_cap, s->n_wind) || ALLOC_N(ws->fixed_cap, s->n_fixed) ||
             ALLOC_N(ws->ev_mwh, s->n_mobility * ws->max_drives) ||
             ALLOC_N(ws->dh_kind[DH_MUST], dh->n_plants) ||
             ALLOC_N(ws->dh_kind[DH_HP], dh->n_plants) ||
             ALLOC_N(ws->dh_kind[DH_EB], dh->n_plants) ||
             ALLOC_N(ws->dh_kind[DH_FB], dh->n_plants) ||
             ALLOC_N(ws->fixed_heat_cols, s->n_fixed) ||
             ALLOC_N(ws->gen_cols, s->n_pv + s->n_wind + s->n_fixed) ||
             (ws->el_dem = malloc(nh)) == NULL ||
             (ws->heat_dem = malloc(nh)) == NULL || (ws->resid_el = malloc(nh)) == NULL ||
             (ws->resid_heat = malloc(nh)) == NULL ||
             (ws->scratch = malloc(nh)) == NULL ||
             (ws->alloc_plant = malloc((s->n_plants + 1) * nh)) == NULL ||
             (ws->alloc_boiler = malloc((dh->n_plants + 1) * nh)) == NULL ||
             ALLOC_N(ws->plant_cap, s->n_plants) || ALLOC_N(ws->plant_budget_el, s->n_plants) ||
             ALLOC_N(ws->dh_cap, dh->n_plants) || ALLOC_N(ws->dh_budget_heat, dh->n_plants) ||
             ALLOC_N(ws->bat, s->n_batteries) || ALLOC_N(ws->h2, s->n_hydrogen) ||
             ALLOC_N(ws->hs, dh->n_storages) || ALLOC_N(ws->bat_soc0, s->n_batteries) ||
             ALLOC_N(ws->h2_soc0, s->n_hydrogen));
}

/* The columns, made from the family table in its order; adjacent families
 * of the same members (not single columns) go member by member. */
static void add_columns(au_engine_ws *ws, const au_scenario *s)
{
    const au_district_heating *dh = &s->district_heating;
    for (size_t i = 0; i < dh->n_plants; i++)
        ws->has_p2h |= dh->plants[i].type == AU_DH_ELECTRIC_BOILER;
    for (int f = 0; f < AU_FAM_COUNT;) {
        int last = f;
        while (family_of[f] != OF_ONE && last + 1 < AU_FAM_COUNT &&
               family_of[last + 1] == family_of[f])
            last++;
        size_t n = members(s, family_of[f]);
        for (size_t i = 0; i < n; i++)
            for (int k = f; k <= last; k++)
                if (member_has(s, (au_flow_family)k, i, ws->has_p2h))
                    ws->col[k][i] = add_col(ws, s, (au_flow_family)k, i);
        f = last + 1;
    }
}

/* What does not change with the year: each store's efficiencies, leak and
 * columns (charging is an outflow of its balance, discharging an inflow). */
static void init_stores(au_engine_ws *ws, const au_scenario *s)
{
    const au_district_heating *dh = &s->district_heating;
    for (size_t b = 0; b < s->n_batteries; b++) {
        const au_storage_params *sp = &s->batteries[b].p;
        ws->bat[b] = (store){.eta_in = sp->eta_charge, .eta_out = sp->eta_discharge,
                             .leak = sp->self_discharge_per_h,
                             .c_charge = COL(ws, BATTERY_IN, b),
                             .c_discharge = COL(ws, BATTERY_OUT, b),
                             .c_soc = COL(ws, SOC_BATTERY, b)};
    }
    for (size_t k = 0; k < s->n_hydrogen; k++) {
        const au_hydrogen *hy = &s->hydrogen[k];
        ws->h2[k] = (store){.eta_in = hy->electrolyser_efficiency,
                            .eta_out = hy->fuel_cell_efficiency,
                            .c_charge = COL(ws, ELECTROLYSER, k),
                            .c_discharge = COL(ws, FUEL_CELL, k),
                            .c_soc = COL(ws, SOC_HYDROGEN, k)};
    }
    for (size_t k = 0; k < dh->n_storages; k++) {
        const au_storage_params *sp = &dh->storages[k].p;
        ws->hs[k] = (store){.eta_in = sp->eta_charge, .eta_out = sp->eta_discharge,
                            .leak = sp->self_discharge_per_h,
                            .c_charge = COL(ws, HEAT_STORE_IN, k),
                            .c_discharge = COL(ws, HEAT_STORE_OUT, k),
                            .c_soc = COL(ws, SOC_HEAT, k)};
    }
}

static int is_fuel_boiler(au_dh_type t);
static int is_must_run_heat(au_dh_type t);

/* The lists of plants by kind and of generation columns (dh_kind,
 * fixed_heat_cols, gen_cols). */
static void sort_units(au_engine_ws *ws, const au_scenario *s)
{
    const au_district_heating *dh = &s->district_heating;
    for (size_t i = 0; i < dh->n_plants; i++) {
        au_dh_type t = dh->plants[i].type;
        int k = is_must_run_heat(t)             ? DH_MUST
                : t == AU_DH_HEAT_PUMP          ? DH_HP
                : t == AU_DH_ELECTRIC_BOILER    ? DH_EB
                : is_fuel_boiler(t)             ? DH_FB
                                                : -1;
        if (k >= 0)
            ws->dh_kind[k][ws->n_dh_kind[k]++] = i;
    }
    for (size_t i = 0; i < s->n_pv; i++)
        ws->gen_cols[ws->n_gen++] = COL(ws, PV, i);
    for (size_t i = 0; i < s->n_wind; i++)
        ws->gen_cols[ws->n_gen++] = COL(ws, WIND, i);
    for (size_t i = 0; i < s->n_fixed; i++) {
        if (s->fixed[i].output != AU_CARRIER_HEAT)
            ws->gen_cols[ws->n_gen++] = COL(ws, FIXED_EL, i);
        else
            ws->fixed_heat_cols[ws->n_fixed_heat++] = COL(ws, FIXED_HEAT, i);
    }
}

/* The column of what an asset gives (its production, or a store's
 * discharge); SIZE_MAX for a hydrogen tank, which has none of its own. */
static size_t asset_col(const au_engine_ws *ws, const au_asset *a)
{
    switch (a->kind) {
    case AU_TECH_PV: return COL(ws, PV, a->index);
    case AU_TECH_WIND: return COL(ws, WIND, a->index);
    case AU_TECH_BATTERY: return COL(ws, BATTERY_OUT, a->index);
    case AU_TECH_ELECTROLYSER: return COL(ws, ELECTROLYSER, a->index);
    case AU_TECH_FUEL_CELL: return COL(ws, FUEL_CELL, a->index);
    case AU_TECH_HEAT_STORAGE: return COL(ws, HEAT_STORE_OUT, a->index);
    case AU_TECH_PLANT: return COL(ws, PLANT_EL, a->index);
    case AU_TECH_HEAT_PUMP: case AU_TECH_ELECTRIC_BOILER: case AU_TECH_BOILER:
    case AU_TECH_GEOTHERMAL: return COL(ws, DH_PLANT, a->index);
    default: return SIZE_MAX;
    }
}

/* The pairs (column, variable O&M price) of the scenario's cost entries. */
static int list_var_om(au_engine_ws *ws, const au_scenario *s)
{
    size_t na = au_assets(s, NULL), n = 0;
    au_asset *as = malloc((na ? na : 1) * sizeof *as);
    ws->vom_col = malloc((na * s->n_tech_costs + 1) * sizeof *ws->vom_col);
    ws->vom = malloc((na * s->n_tech_costs + 1) * sizeof *ws->vom);
    if (as == NULL || ws->vom_col == NULL || ws->vom == NULL) {
        free(as);
        return 0;
    }
    au_assets(s, as);
    for (size_t a = 0; a < na; a++) {
        size_t c = asset_col(ws, &as[a]);
        for (size_t e = 0; e < s->n_tech_costs && c != SIZE_MAX; e++)
            if (s->tech_costs[e].variable_om_eur_per_mwh.kind != AU_TRAJ_UNSET &&
                au_cost_applies(s, e, &as[a])) {
                ws->vom_col[n] = c;
                ws->vom[n++] = &s->tech_costs[e].variable_om_eur_per_mwh;
            }
    }
    ws->n_vom = n;
    free(as);
    return 1;
}

au_engine_ws *au_engine_ws_alloc(const au_scenario *s)
{
    au_engine_ws *ws = calloc(1, sizeof *ws);
    if (ws == NULL)
        return NULL;
    if (!alloc_columns(ws, s))
        goto fail;
    add_columns(ws, s);
    if (!alloc_buffers(ws, s))
        goto fail;
    init_stores(ws, s);
    for (size_t m = 0, k = 0; m < s->n_heat_mixes; m++) {
        ws->mix_first[m] = k;
        k += s->heat_mixes[m].n_shares;
    }
    sort_units(ws, s);
    if (!list_var_om(ws, s))
        goto fail;
    ws->write_table = 1;
    return ws;
fail:
    au_engine_ws_free(ws);
    return NULL;
}

size_t au_engine_ncols(const au_engine_ws *ws)
{
    return ws->ncols;
}

const au_flow_col *au_engine_col(const au_engine_ws *ws, size_t c)
{
    return &ws->cols[c];
}

const double *au_engine_flow(const au_engine_ws *ws, size_t c)
{
    return ws->table_year != 0 ? ws->flow + c * AU_HOURS : NULL;
}

au_flow_table au_engine_table(const au_engine_ws *ws)
{
    return (au_flow_table){ws->table_year, ws->ncols, ws->cols,
                           ws->table_year != 0 ? ws->flow : NULL};
}

void au_engine_ws_write_table(au_engine_ws *ws, int on)
{
    ws->write_table = on != 0;
}

double au_criterion_value(const au_criterion *c, const au_year_result *r)
{
    if (c->indicator == AU_IND_ANNUAL_BALANCE)
        return c->scope == AU_SCOPE_ELECTRICITY ? r->annual_balance_el : r->annual_balance;
    return c->scope == AU_SCOPE_ELECTRICITY ? r->hourly_autonomy_el : r->hourly_autonomy;
}

/* ------------------------------------------------------------------ the year */

/* Hour h of column c, through the view of the block being run. */
#define FL(ws, c, h) VAL(&(ws)->v, c, h)

/* Fixed source i's column: electricity or heat. */
static size_t fixed_col(const au_engine_ws *ws, const au_scenario *s, size_t i)
{
    return s->fixed[i].output == AU_CARRIER_HEAT ? COL(ws, FIXED_HEAT, i) : COL(ws, FIXED_EL, i);
}

/* What the steps of a year share: the task, its limits and, once the fuels
 * are closed, the fuel balance. */
typedef struct year_ctx {
    const au_scenario *s;
    const au_profiles *p;
    const au_demand_shapes *ds;
    double heating_ref_dh;
    int year;
    int probe;                          /* the pass is the probe (fuel budgets) */
    double imp_lim, exp_lim;
    double fuel_end[AU_CARRIER_COUNT];  /* fuels burnt by end users */
    double fuel_conv[AU_CARRIER_COUNT]; /* fuels burnt in plants and boilers */
    double local[AU_CARRIER_COUNT];     /* local supply of each fuel */
    double phi[AU_CARRIER_COUNT];       /* the local share of each fuel used */
    double fuel_export, fuel_local_end, fuel_import_end;
} year_ctx;

/* The steps of a year, in the order of docs/engine.md.  A pass runs the
 * hours block by block (BLOCK), each block through demand, supply, EV
 * charging, the dispatch, the balance check and the yearly sums. */
static void year_start(year_ctx *y, au_engine_ws *ws, au_year_result *out);
static int has_budgets(const year_ctx *y, const au_engine_ws *ws);
static au_status year_pass(year_ctx *y, au_engine_ws *ws, au_year_result *out, au_diags *d);
static void fuel_budgets(const year_ctx *y, au_engine_ws *ws);
static void demand_fuels(year_ctx *y, const au_engine_ws *ws);
static void fuels(year_ctx *y, const au_engine_ws *ws, au_year_result *out);
static void indicators(const year_ctx *y, const au_engine_ws *ws, au_year_result *out);
static void costs(const year_ctx *y, const au_engine_ws *ws, au_year_result *out);
static au_status results_check(const year_ctx *y, const au_year_result *out, au_diags *d);

au_status au_engine_year(const au_scenario *s, const au_profiles *p,
                         const au_demand_shapes *ds, double heating_ref_dh, int year,
                         au_engine_ws *ws, au_year_result *out, au_diags *d)
{
    year_ctx y = {.s = s, .p = p, .ds = ds, .heating_ref_dh = heating_ref_dh, .year = year};
    ws->year = year;
    ws->table_year = 0;
    /* the whole table only once a year is asked to write it */
    if (ws->write_table && ws->flow == NULL &&
        (ws->flow = malloc(ws->ncols * AU_HOURS * sizeof(double) + 1)) == NULL) {
        au_diags_add(d, s->file, 0, "out of memory for the flow table of scenario '%s'",
                     s->name);
        return AU_ENOMEM;
    }
    year_start(&y, ws, out);
    if (has_budgets(&y, ws)) {
        y.probe = 1;            /* the probe checks nothing: it cannot fail */
        (void)year_pass(&y, ws, out, d);
        fuel_budgets(&y, ws);
        y.probe = 0;
    }
    au_status st = year_pass(&y, ws, out, d);
    if (st != AU_OK)
        return st;
    if (ws->write_table)
        ws->table_year = year;
    demand_fuels(&y, ws);
    fuels(&y, ws, out);
    indicators(&y, ws, out);
    costs(&y, ws, out);
    return results_check(&y, out, d);
}

static double tv(const au_traj *t, int year)
{
    return au_traj_eval(t, year);
}

static double fmin0(double a, double b)
{
    return a < b ? a : b;
}

/* The larger of a and b, b when either is NaN: fmax without its call (the
 * values are checked for NaN elsewhere). */
static double dmax(double a, double b)
{
    return a > b ? a : b;
}

/* Mix shares of a year, the remainder filled in. */
static double share_of(const au_heat_mix *m, size_t j, int year)
{
    if (!m->shares[j].remainder)
        return tv(&m->shares[j].share, year);
    double sum = 0;
    for (size_t k = 0; k < m->n_shares; k++)
        if (!m->shares[k].remainder)
            sum += tv(&m->shares[k].share, year);
    return sum < 1 ? 1 - sum : 0;
}

static double drive_share(const au_mobility *m, size_t j, int year)
{
    if (!m->drivetrains[j].remainder)
        return tv(&m->drivetrains[j].share, year);
    double sum = 0;
    for (size_t k = 0; k < m->n_drivetrains; k++)
        if (!m->drivetrains[k].remainder)
            sum += tv(&m->drivetrains[k].share, year);
    return sum < 1 ? 1 - sum : 0;
}

static int is_fuel_boiler(au_dh_type t)
{
    return t == AU_DH_BIOMASS_BOILER || t == AU_DH_GAS_BOILER;
}

static au_carrier boiler_fuel(au_dh_type t)
{
    return t == AU_DH_BIOMASS_BOILER ? AU_CARRIER_BIOMASS : AU_CARRIER_GAS;
}

static int is_must_run_heat(au_dh_type t)
{
    return t == AU_DH_GEOTHERMAL || t == AU_DH_RECOVERED;
}

/* The year's sum of column c, taken hour by hour in hour order as the
 * blocks were run (year_pass). */
static double col_sum(const au_engine_ws *ws, size_t c)
{
    return ws->csum[c];
}

/* ---- the start: limits and capacities of the year */

/* The stores' capacities in the year (their efficiencies are set once, in
 * init_stores). */
static void stores_of_year(const year_ctx *y, au_engine_ws *ws)
{
    const au_scenario *s = y->s;
    const au_district_heating *dh = &s->district_heating;
    for (size_t b = 0; b < s->n_batteries; b++) {
        store *st = &ws->bat[b];
        const au_storage_params *sp = &s->batteries[b].p;
        st->e = tv(&s->batteries[b].energy_mwh, y->year);
        st->p_in = st->p_out = tv(&s->batteries[b].power_mw, y->year);
        st->lo = sp->soc_min * st->e;
        st->hi = sp->soc_max * st->e;
        st->soc_init = sp->soc_initial * st->e;
    }
    for (size_t k = 0; k < s->n_hydrogen; k++) {
        store *st = &ws->h2[k];
        st->p_in = tv(&s->hydrogen[k].electrolyser_mw, y->year);
        st->e = st->hi = tv(&s->hydrogen[k].tank_mwh, y->year);
        st->p_out = tv(&s->hydrogen[k].fuel_cell_mw, y->year);
        st->lo = 0.0;
        st->soc_init = s->hydrogen[k].soc_initial * st->e;
    }
    for (size_t k = 0; k < dh->n_storages; k++) {
        store *st = &ws->hs[k];
        const au_storage_params *sp = &dh->storages[k].p;
        st->e = tv(&dh->storages[k].energy_mwh, y->year);
        st->p_in = st->p_out = tv(&dh->storages[k].power_mw, y->year);
        st->lo = sp->soc_min * st->e;
        st->hi = sp->soc_max * st->e;
        st->soc_init = sp->soc_initial * st->e;
    }
}

/* The year's quantities of demand and supply, evaluated once for every
 * block: annual energies, mix and drivetrain shares, capacities. */
static void quantities_of_year(const year_ctx *y, au_engine_ws *ws)
{
    const au_scenario *s = y->s;
    for (size_t i = 0; i < s->n_uses; i++) {
        const au_use *u = &s->uses[i];
        ws->use_a[i] = tv(&u->annual_mwh, y->year);
        if (u->type != AU_USE_FUEL && !au_use_is_electric(u))
            for (size_t j = 0; j < s->heat_mixes[u->mix].n_shares; j++) {
                ws->share_f[i * ws->max_shares + j] = share_of(&s->heat_mixes[u->mix], j, y->year);
                ws->share_total[i * ws->max_shares + j] = 0;
            }
    }
    for (size_t i = 0; i < s->n_pv; i++)
        ws->pv_cap[i] = tv(&s->pv[i].capacity_mw, y->year);
    for (size_t i = 0; i < s->n_wind; i++)
        ws->wind_cap[i] = tv(&s->wind[i].capacity_mw, y->year);
    for (size_t i = 0; i < s->n_fixed; i++)
        ws->fixed_cap[i] = tv(&s->fixed[i].capacity_mw, y->year);
    for (size_t i = 0; i < s->n_mobility; i++) {
        const au_mobility *m = &s->mobility[i];
        double km = tv(&m->distance_km, y->year);
        for (size_t j = 0; j < m->n_drivetrains; j++)
            ws->ev_mwh[i * ws->max_drives + j] =
                km * drive_share(m, j, y->year) * m->drivetrains[j].kwh_per_km / 1000.0;
    }
}

static void year_start(year_ctx *y, au_engine_ws *ws, au_year_result *out)
{
    const au_scenario *s = y->s;
    const au_district_heating *dh = &s->district_heating;
    int year = y->year;
    memset(out, 0, sizeof *out);
    out->year = year;
    out->sample = y->p->ws->sample;
    y->imp_lim =
        s->import_limit_mw.kind == AU_TRAJ_UNSET ? INFINITY : tv(&s->import_limit_mw, year);
    y->exp_lim =
        s->export_limit_mw.kind == AU_TRAJ_UNSET ? INFINITY : tv(&s->export_limit_mw, year);
    for (size_t c = 0; c < ws->ncols; c++)
        ws->csum[c] = 0;
    ws->peak_import = 0;
    ws->hours_import = 0;
    for (size_t i = 0; i < s->n_plants; i++) {
        ws->plant_cap[i] = tv(&s->plants[i].capacity_mw, year);
        ws->plant_budget_el[i] = s->plants[i].fuel_budget_mwh.kind == AU_TRAJ_UNSET
                                     ? NAN
                                     : tv(&s->plants[i].fuel_budget_mwh, year) *
                                           s->plants[i].electric_efficiency;
    }
    for (size_t i = 0; i < dh->n_plants; i++) {
        ws->dh_cap[i] = tv(&dh->plants[i].capacity_mw, year);
        ws->dh_budget_heat[i] = dh->plants[i].fuel_budget_mwh.kind == AU_TRAJ_UNSET ||
                                        !is_fuel_boiler(dh->plants[i].type)
                                    ? NAN
                                    : tv(&dh->plants[i].fuel_budget_mwh, year) *
                                          dh->plants[i].efficiency;
    }
    stores_of_year(y, ws);
    quantities_of_year(y, ws);
}

/* ---- a block: its view, cleared */

static void block_start(au_engine_ws *ws, int h0, int n)
{
    ws->blk_h0 = h0;
    if (ws->write_table) {
        ws->v = (view){ws->flow, AU_HOURS, 0};
        for (size_t c = 0; c < ws->ncols; c++)
            memset(&FL(ws, c, h0), 0, (size_t)n * sizeof(double));
    } else {
        ws->v = (view){ws->blk, BLOCK, h0};
        memset(ws->blk, 0, ws->ncols * BLOCK * sizeof(double));
    }
}

/* ---- demand */

/* A heat use's hourly heat in hours h0 .. h0 + n - 1, shared out by the
 * year's mix; the heat of fuel-boiler shares summed for the fuels (not in
 * the probe, which runs the same hours again). */
static void heat_use(year_ctx *y, au_engine_ws *ws, size_t i, double a, int h0, int n)
{
    const au_scenario *s = y->s;
    const au_use *u = &s->uses[i];
    const au_heat_mix *m = &s->heat_mixes[u->mix];
    double *el = &FL(ws, COL(ws, USE_EL, i), h0);
    double *dhc = s->district_heating.present ? &FL(ws, COL(ws, USE_HEAT, i), h0) : NULL;
    const double *shape = y->ds->use[i], *shape_el = y->ds->use_el[i];
    double scale = shape == NULL ? (y->heating_ref_dh > 0 ? a / y->heating_ref_dh : 0.0) : a;
    for (size_t j = 0; j < m->n_shares; j++) {
        const au_mix_share *sh = &m->shares[j];
        double f = ws->share_f[i * ws->max_shares + j], fs = f * scale, eff = sh->efficiency;
        if (f <= 0)
            continue;
        const double *row = (shape == NULL ? y->p->ws->heating_dh
                             : sh->tech == AU_HEAT_DIRECT_ELECTRIC ||
                                       sh->tech == AU_HEAT_HEAT_PUMP
                                 ? shape_el
                                 : shape) + h0;
        switch (sh->tech) {
        case AU_HEAT_DIRECT_ELECTRIC:
            for (int k = 0; k < n; k++)
                el[k] += fs * row[k] / eff;
            break;
        case AU_HEAT_HEAT_PUMP: {
            const double *cop = y->p->mix_share_cop[ws->mix_first[u->mix] + j] + h0;
            for (int k = 0; k < n; k++)
                el[k] += fs * row[k] / cop[k];
            break;
        }
        case AU_HEAT_DISTRICT:
            if (dhc != NULL)
                for (int k = 0; k < n; k++)
                    dhc[k] += fs * row[k];
            break;
        case AU_HEAT_GAS_BOILER:
        case AU_HEAT_OIL_BOILER:
        case AU_HEAT_WOOD_BOILER:
            if (!y->probe) {
                double *total = &ws->share_total[i * ws->max_shares + j], t = *total;
                for (int k = 0; k < n; k++)
                    t += fs * row[k];
                *total = t;
            }
            break;
        default:
            break;
        }
    }
    for (int k = 0; k < n; k++) {
        ws->el_dem[h0 + k] += el[k];
        if (dhc != NULL)
            ws->heat_dem[h0 + k] += dhc[k];
    }
}

/* Every use's annual energy spread over hours h0 .. h0 + n - 1; the
 * network's losses. */
static void demand(year_ctx *y, au_engine_ws *ws, int h0, int n)
{
    const au_scenario *s = y->s;
    const au_district_heating *dh = &s->district_heating;
    double *el_dem = ws->el_dem + h0, *heat_dem = ws->heat_dem + h0;
    for (int k = 0; k < n; k++)
        el_dem[k] = heat_dem[k] = 0;
    for (size_t i = 0; i < s->n_uses; i++) {
        const au_use *u = &s->uses[i];
        double a = ws->use_a[i];
        if (u->type == AU_USE_FUEL)
            continue;   /* demand_fuels */
        if (au_use_is_electric(u)) {
            double *c = &FL(ws, COL(ws, USE_EL, i), h0);
            /* space cooling without a profile: the sample's weather */
            const double *shape = (y->ds->use[i] != NULL ? y->ds->use[i] : y->p->cooling) + h0;
            for (int k = 0; k < n; k++) {
                c[k] = a * shape[k];
                el_dem[k] += c[k];
            }
        } else {
            heat_use(y, ws, i, a, h0, n);
        }
    }
    if (dh->present) {
        double *lc = &FL(ws, COL(ws, HEAT_LOSSES, 0), h0);
        for (int k = 0; k < n; k++) {
            lc[k] = heat_dem[k] * dh->losses / (1.0 - dh->losses);
            heat_dem[k] += lc[k];
        }
    }
}

/* The fuels end users burn over the year, in the order of the uses, then
 * the vehicles': fuel uses, the fuel-boiler shares of heat uses (their heat
 * summed over the blocks), combustion and hydrogen drivetrains. */
static void demand_fuels(year_ctx *y, const au_engine_ws *ws)
{
    const au_scenario *s = y->s;
    for (size_t i = 0; i < s->n_uses; i++) {
        const au_use *u = &s->uses[i];
        if (u->type == AU_USE_FUEL) {
            y->fuel_end[u->carrier] += ws->use_a[i];
            continue;
        }
        if (au_use_is_electric(u))
            continue;
        const au_heat_mix *m = &s->heat_mixes[u->mix];
        for (size_t j = 0; j < m->n_shares; j++) {
            const au_mix_share *sh = &m->shares[j];
            double total = ws->share_total[i * ws->max_shares + j];
            if (ws->share_f[i * ws->max_shares + j] <= 0)
                continue;
            if (sh->tech == AU_HEAT_GAS_BOILER)
                y->fuel_end[AU_CARRIER_GAS] += total / sh->efficiency;
            else if (sh->tech == AU_HEAT_OIL_BOILER)
                y->fuel_end[AU_CARRIER_OIL] += total / sh->efficiency;
            else if (sh->tech == AU_HEAT_WOOD_BOILER)
                y->fuel_end[AU_CARRIER_BIOMASS] += total / sh->efficiency;
        }
    }
    for (size_t i = 0; i < s->n_mobility; i++) {
        const au_mobility *m = &s->mobility[i];
        for (size_t j = 0; j < m->n_drivetrains; j++)
            if (m->drivetrains[j].type != AU_DRIVE_ELECTRIC)
                y->fuel_end[m->drivetrains[j].fuel] += ws->ev_mwh[i * ws->max_drives + j];
    }
}

/* ---- supply: PV, wind and fixed sources */

static void supply(const year_ctx *y, au_engine_ws *ws, int h0, int n)
{
    const au_scenario *s = y->s;
    const au_profiles *p = y->p;
    for (size_t i = 0; i < s->n_pv; i++) {
        double cap = ws->pv_cap[i], *c = &FL(ws, COL(ws, PV, i), h0);
        const double *cf = p->pv[i] + h0;
        for (int k = 0; k < n; k++)
            c[k] = cap * cf[k];
    }
    for (size_t i = 0; i < s->n_wind; i++) {
        double cap = ws->wind_cap[i], *c = &FL(ws, COL(ws, WIND, i), h0);
        const double *cf = p->wind[i] + h0;
        for (int k = 0; k < n; k++)
            c[k] = cap * cf[k];
    }
    for (size_t i = 0; i < s->n_fixed; i++) {
        double cap = ws->fixed_cap[i], *c = &FL(ws, fixed_col(ws, s, i), h0);
        for (int k = 0; k < n; k++)
            c[k] = p->fixed[i] != NULL ? cap * p->fixed[i][h0 + k] : cap;
    }
    /* the electricity of each hour, its columns added in order */
    for (int k = 0; k < n; k++)
        ws->gen[k] = 0;
    for (size_t g = 0; g < ws->n_gen; g++) {
        const double *c = &FL(ws, ws->gen_cols[g], h0);
        for (int k = 0; k < n; k++)
            ws->gen[k] += c[k];
    }
}

/* ---- EV charging: in the evening, or smartly in the hours of largest
 * surplus of each day; combustion and hydrogen vehicles burn fuel
 * (demand_fuels) */

/* Adds mwh of smart charging to c (hour h0 at c[0]): each day's charging
 * spread over that day's hours in proportion to the surplus of PV and wind
 * over the other demand (the evening profile on days without surplus). */
static void ev_smart(const year_ctx *y, const au_engine_ws *ws, double *c, double mwh, int h0,
                     int n)
{
    const au_scenario *s = y->s;
    for (int d0 = h0; d0 < h0 + n; d0 += 24) {
        double surplus[24], tot = 0, ev_day = 0;
        for (int k = 0; k < 24; k++) {
            int h = d0 + k;
            double gen = 0;
            for (size_t q = 0; q < s->n_pv; q++)
                gen += FL(ws, COL(ws, PV, q), h);
            for (size_t q = 0; q < s->n_wind; q++)
                gen += FL(ws, COL(ws, WIND, q), h);
            surplus[k] = gen - ws->el_dem[h] > 0 ? gen - ws->el_dem[h] : 0.0;
            tot += surplus[k];
            ev_day += mwh * y->ds->ev_evening[h];
        }
        for (int k = 0; k < 24; k++) {
            int h = d0 + k;
            c[h - h0] += tot > 0 ? ev_day * surplus[k] / tot : mwh * y->ds->ev_evening[h];
        }
    }
}

static void ev_charging(const year_ctx *y, au_engine_ws *ws, int h0, int n)
{
    const au_scenario *s = y->s;
    for (size_t i = 0; i < s->n_mobility; i++) {
        const au_mobility *m = &s->mobility[i];
        double *c = &FL(ws, COL(ws, EV, i), h0);
        for (size_t j = 0; j < m->n_drivetrains; j++) {
            const au_drivetrain *dt = &m->drivetrains[j];
            double mwh = ws->ev_mwh[i * ws->max_drives + j];
            if (dt->type != AU_DRIVE_ELECTRIC)
                continue;
            if (dt->charging == AU_CHARGE_EVENING)
                for (int k = 0; k < n; k++)
                    c[k] += mwh * y->ds->ev_evening[h0 + k];
            else
                ev_smart(y, ws, c, mwh, h0, n);
        }
        for (int k = 0; k < n; k++)
            ws->el_dem[h0 + k] += c[k];
    }
}

/* ---- storage, written once for every store */

/* Self-discharge at the start of an hour: a fraction of the content is lost,
 * but never below the floor (MODEL.md §5). */
static void store_leak(double *soc, double rate, double lo)
{
    double loss = *soc * rate, above = *soc - lo;
    *soc -= loss < above ? loss : (above > 0 ? above : 0.0);
}

/* What the store can take this hour, in input power. */
static double store_room(double soc, double hi, double p_in, double eta_in)
{
    double room = (hi - soc) / eta_in;
    return fmin0(p_in, room > 0 ? room : 0.0);
}

/* What the store can give this hour, in output power. */
static double store_avail(double soc, double lo, double p_out, double eta_out)
{
    double avail = (soc - lo) * eta_out;
    return fmin0(p_out, avail > 0 ? avail : 0.0);
}

/* Charges with at most `offer`; returns the input power taken. */
static double store_charge(double *soc, double hi, double p_in, double eta_in, double offer)
{
    double c = fmin0(offer, store_room(*soc, hi, p_in, eta_in));
    *soc += c * eta_in;
    return c;
}

/* Discharges at most `ask`; returns the output power given. */
static double store_discharge(double *soc, double lo, double p_out, double eta_out, double ask)
{
    double g = fmin0(ask, store_avail(*soc, lo, p_out, eta_out));
    *soc -= g / eta_out;
    return g;
}

/* The n stores of a kind (st, in file order) at their initial state. */
static void stores_start(store *st, size_t n)
{
    for (size_t k = 0; k < n; k++)
        st[k].soc = st[k].soc_init;
}

static void stores_leak(store *st, size_t n)
{
    for (size_t k = 0; k < n; k++)
        store_leak(&st[k].soc, st[k].leak, st[k].lo);
}

/* What they can take together this hour, in input power. */
static double stores_room(const store *st, size_t n)
{
    double room = 0;
    for (size_t k = 0; k < n; k++)
        room += store_room(st[k].soc, st[k].hi, st[k].p_in, st[k].eta_in);
    return room;
}

/* Charges them in turn with `offer` in hour h; returns what is left. */
static double stores_charge(store *st, size_t n, au_engine_ws *ws, int h, double offer)
{
    for (size_t k = 0; k < n; k++) {
        double c = store_charge(&st[k].soc, st[k].hi, st[k].p_in, st[k].eta_in, offer);
        FL(ws, st[k].c_charge, h) = c;
        offer -= c;
    }
    return offer;
}

/* Discharges them in turn for `ask` in hour h; returns what is still missing. */
static double stores_discharge(store *st, size_t n, au_engine_ws *ws, int h, double ask)
{
    for (size_t k = 0; k < n; k++) {
        double g = store_discharge(&st[k].soc, st[k].lo, st[k].p_out, st[k].eta_out, ask);
        FL(ws, st[k].c_discharge, h) = g;
        ask -= g;
    }
    return ask;
}

static void stores_save(const store *st, size_t n, double *soc0)
{
    for (size_t k = 0; k < n; k++)
        soc0[k] = st[k].soc;
}

/* Back to the states in soc0, hour h's charge and discharge to zero. */
static void stores_restore(store *st, size_t n, const double *soc0, au_engine_ws *ws, int h)
{
    for (size_t k = 0; k < n; k++) {
        st[k].soc = soc0[k];
        FL(ws, st[k].c_charge, h) = FL(ws, st[k].c_discharge, h) = 0;
    }
}

static void stores_record(const store *st, size_t n, au_engine_ws *ws, int h)
{
    for (size_t k = 0; k < n; k++)
        FL(ws, st[k].c_soc, h) = st[k].soc;
}

/* ---- one hour: district heat before electricity, electricity in the
 * merit order of MODEL.md §5, district heat after electricity */

/* A plant's or boiler's limit in hour h: its capacity or, with a fuel
 * budget, what the budget gave that hour (nothing in the probe). */
static double hour_limit(double cap, double budget, const double *alloc, size_t i, int h)
{
    return isnan(budget) ? cap : alloc[i * AU_HOURS + h];
}

/* Sets the heat of the network's heat pumps to x in all (file order, each up
 * to its capacity) in hour h; returns their electricity. */
static double heat_pumps_set(const year_ctx *y, au_engine_ws *ws, int h, double x)
{
    double el = 0;
    for (size_t u = 0; u < ws->n_dh_kind[DH_HP]; u++) {
        size_t i = ws->dh_kind[DH_HP][u];
        double q = fmin0(ws->dh_cap[i], x > 0 ? x : 0.0);
        double e = q / y->p->dh_plant_cop[i][h];
        FL(ws, COL(ws, DH_PLANT, i), h) = q;
        FL(ws, COL(ws, DH_HEAT_PUMP_EL, i), h) = e;
        x -= q;
        el += e;
    }
    return el;
}

/* The district heat of an hour before electricity. */
typedef struct heat_hour {
    double after_must;      /* the need after must-run and fixed heat (< 0: excess) */
    double hp_heat, hp_el;  /* the heat pumps on what is left */
    double hs_room;         /* what the heat stores can take */
} heat_hour;

/* Must-run and fixed heat first, whatever the order of the file, then the
 * heat pumps on what is left (MODEL.md §5). */
static void heat_before_electricity(const year_ctx *y, au_engine_ws *ws, int h, heat_hour *hh)
{
    double need = ws->heat_dem[h];
    for (size_t u = 0; u < ws->n_dh_kind[DH_MUST]; u++) {
        size_t i = ws->dh_kind[DH_MUST][u];
        FL(ws, COL(ws, DH_PLANT, i), h) = ws->dh_cap[i];
        need -= ws->dh_cap[i];
    }
    for (size_t u = 0; u < ws->n_fixed_heat; u++)
        need -= FL(ws, ws->fixed_heat_cols[u], h);
    hh->after_must = need;
    hh->hp_el = heat_pumps_set(y, ws, h, need > 0 ? need : 0.0);
    hh->hp_heat = 0;
    for (size_t u = 0; u < ws->n_dh_kind[DH_HP]; u++)
        hh->hp_heat += FL(ws, COL(ws, DH_PLANT, ws->dh_kind[DH_HP][u]), h);
    hh->hs_room = stores_room(ws->hs, y->s->district_heating.n_storages);
}

/* PV, wind and fixed electricity of hour h. */
static double el_supply(const au_engine_ws *ws, int h)
{
    return ws->gen[h - ws->blk_h0];
}

/* The network's electric boilers on a surplus `sur`, up to heat_take of
 * heat; their heat in *p2h_heat.  Returns the surplus left. */
static double power_to_heat(const year_ctx *y, au_engine_ws *ws, int h, double sur,
                            double heat_take, double *p2h_heat)
{
    const au_district_heating *dh = &y->s->district_heating;
    double el = 0;
    for (size_t u = 0; u < ws->n_dh_kind[DH_EB] && sur > 0 && heat_take > 0; u++) {
        size_t i = ws->dh_kind[DH_EB][u];
        const au_dh_plant *pl = &dh->plants[i];
        double q = fmin0(fmin0(ws->dh_cap[i], heat_take), sur * pl->efficiency);
        FL(ws, COL(ws, DH_PLANT, i), h) = q;
        heat_take -= q;
        sur -= q / pl->efficiency;
        el += q / pl->efficiency;
        *p2h_heat += q;
    }
    FL(ws, COL(ws, POWER_TO_HEAT, 0), h) = el;
    return sur;
}

/* Surplus: batteries, power to heat, electrolysers, export, curtailment. */
static void absorb_surplus(const year_ctx *y, au_engine_ws *ws, int h, double sur,
                           double heat_take, double *p2h_heat)
{
    const au_scenario *s = y->s;
    sur = stores_charge(ws->bat, s->n_batteries, ws, h, sur);
    if (ws->has_p2h)
        sur = power_to_heat(y, ws, h, sur, heat_take, p2h_heat);
    sur = stores_charge(ws->h2, s->n_hydrogen, ws, h, sur);
    double x = fmin0(sur, y->exp_lim);
    FL(ws, COL(ws, EXPORT, 0), h) = x;
    FL(ws, COL(ws, CURTAILMENT, 0), h) = sur - x;
}

/* Dispatchable plants in file order, each within its limit of the hour, on
 * a deficit `def`; their CHP heat is added to *chp_heat.  Returns what is
 * still missing. */
static double plants_run(const year_ctx *y, au_engine_ws *ws, int h, double def,
                         double *chp_heat)
{
    const au_scenario *s = y->s;
    for (size_t i = 0; i < s->n_plants; i++) {
        double lim = hour_limit(ws->plant_cap[i], ws->plant_budget_el[i], ws->alloc_plant, i, h);
        double g = fmin0(def > 0 ? def : 0.0, lim);
        FL(ws, COL(ws, PLANT_EL, i), h) = g;
        def -= g;
        const au_plant *pl = &s->plants[i];
        if (s->district_heating.present && pl->heat_efficiency > 0) {
            double q = g / pl->electric_efficiency * pl->heat_efficiency;
            FL(ws, COL(ws, CHP_HEAT, i), h) = q;
            *chp_heat += q;
        }
    }
    return def;
}

/* Deficit: batteries, fuel cells, plants, import, unserved.  The shortfall
 * after storage is recorded for the fuel budgets.  Returns the CHP heat. */
static double cover_deficit(const year_ctx *y, au_engine_ws *ws, int h, double def)
{
    const au_scenario *s = y->s;
    double chp_heat = 0;
    def = stores_discharge(ws->bat, s->n_batteries, ws, h, def);
    def = stores_discharge(ws->h2, s->n_hydrogen, ws, h, def);
    ws->resid_el[h] = def;
    def = plants_run(y, ws, h, def, &chp_heat);
    double im = fmin0(def > 0 ? def : 0.0, y->imp_lim);
    FL(ws, COL(ws, IMPORT, 0), h) = im;
    FL(ws, COL(ws, UNSERVED, 0), h) = def > im ? def - im : 0.0;
    return chp_heat;
}

/* The electricity of hour h (MODEL.md §5) for a net load `load` (demand,
 * network heat pumps included, less variable and fixed generation).
 * heat_take is what power to heat may deliver (the network's remaining need
 * plus what its stores can take).  Writes the hour's electricity flows and
 * moves the batteries and tanks; returns the CHP heat made and, in
 * *p2h_heat, the heat of power to heat. */
static double electricity_hour(const year_ctx *y, au_engine_ws *ws, int h, double load,
                               double heat_take, double *p2h_heat)
{
    *p2h_heat = 0;
    ws->resid_el[h] = 0;
    if (load < 0)
        absorb_surplus(y, ws, h, -load, heat_take, p2h_heat);
    else if (load > 0)
        return cover_deficit(y, ws, h, load);
    return 0;
}

/* Undoes electricity_hour for hour h: its flows back to zero, the batteries
 * and tanks to the states saved before it. */
static void electricity_hour_undo(const year_ctx *y, au_engine_ws *ws, int h)
{
    const au_scenario *s = y->s;
    const au_district_heating *dh = &s->district_heating;
    stores_restore(ws->bat, s->n_batteries, ws->bat_soc0, ws, h);
    stores_restore(ws->h2, s->n_hydrogen, ws->h2_soc0, ws, h);
    for (size_t i = 0; i < s->n_plants; i++) {
        FL(ws, COL(ws, PLANT_EL, i), h) = 0;
        if (dh->present && s->plants[i].heat_efficiency > 0)
            FL(ws, COL(ws, CHP_HEAT, i), h) = 0;
    }
    for (size_t u = 0; u < ws->n_dh_kind[DH_EB]; u++)
        FL(ws, COL(ws, DH_PLANT, ws->dh_kind[DH_EB][u]), h) = 0;
    if (ws->has_p2h)
        FL(ws, COL(ws, POWER_TO_HEAT, 0), h) = 0;
    FL(ws, COL(ws, IMPORT, 0), h) = FL(ws, COL(ws, UNSERVED, 0), h) = 0;
    FL(ws, COL(ws, EXPORT, 0), h) = FL(ws, COL(ws, CURTAILMENT, 0), h) = 0;
}

/* Hour h's electricity again, the heat pumps at x and nothing for power to
 * heat; returns the CHP heat. */
static double electricity_rerun(const year_ctx *y, au_engine_ws *ws, int h, double base,
                                double x, double *p2h_heat)
{
    electricity_hour_undo(y, ws, h);
    return electricity_hour(y, ws, h, base + heat_pumps_set(y, ws, h, x), 0.0, p2h_heat);
}

/* CHP heat is made for electricity; where it and the heat pumps together
 * would exceed what the network and its stores take (lim), the heat pumps
 * give way (no heat dumped while a heat pump runs).  The heat pumps' heat x
 * then solves x + chp(x) = lim, chp growing with x through the heat pumps'
 * electricity: by bisection, keeping the side that dumps nothing.  Leaves
 * the hour run with x, its CHP heat in *chp_heat; returns x. */
static double heat_pumps_give_way(const year_ctx *y, au_engine_ws *ws, int h, double base,
                                  double hp_heat, double lim, double *chp_heat,
                                  double *p2h_heat)
{
    double lo = 0, hi = hp_heat;
    for (int it = 0; it < 64 && hi - lo > 1e-13 * (1 + hp_heat); it++) {
        double mid = 0.5 * (lo + hi), q;
        double c = electricity_rerun(y, ws, h, base, mid, &q);
        if (mid + c <= lim)
            lo = mid;
        else
            hi = mid;
    }
    *chp_heat = electricity_rerun(y, ws, h, base, lo, p2h_heat);
    return lo;
}

/* A remaining need: heat stores, fuel boilers, unserved heat.  An excess:
 * heat stores, then the dump.  The shortfall after the stores is recorded
 * for the fuel budgets. */
static void heat_after_electricity(const year_ctx *y, au_engine_ws *ws, int h, double need)
{
    const au_district_heating *dh = &y->s->district_heating;
    if (need > 0) {
        need = stores_discharge(ws->hs, dh->n_storages, ws, h, need);
        ws->resid_heat[h] = need;
        for (size_t u = 0; u < ws->n_dh_kind[DH_FB] && need > 0; u++) {
            size_t i = ws->dh_kind[DH_FB][u];
            double q = fmin0(need, hour_limit(ws->dh_cap[i], ws->dh_budget_heat[i],
                                              ws->alloc_boiler, i, h));
            FL(ws, COL(ws, DH_PLANT, i), h) = q;
            need -= q;
        }
        FL(ws, COL(ws, HEAT_UNSERVED, 0), h) = need > 0 ? need : 0;
    } else {
        ws->resid_heat[h] = 0;
        FL(ws, COL(ws, HEAT_DUMP, 0), h) = stores_charge(ws->hs, dh->n_storages, ws, h, -need);
    }
}

static void dispatch_hour(const year_ctx *y, au_engine_ws *ws, int h)
{
    const au_scenario *s = y->s;
    const au_district_heating *dh = &s->district_heating;
    stores_leak(ws->bat, s->n_batteries);
    stores_leak(ws->hs, dh->n_storages);

    heat_hour hh = {0, 0, 0, 0};
    if (dh->present)
        heat_before_electricity(y, ws, h, &hh);
    double need = hh.after_must - hh.hp_heat;

    double base = ws->el_dem[h] - el_supply(ws, h), p2h_heat;
    double take = need + hh.hs_room;    /* power to heat, never into a dump */
    stores_save(ws->bat, s->n_batteries, ws->bat_soc0);
    stores_save(ws->h2, s->n_hydrogen, ws->h2_soc0);
    double chp_heat = electricity_hour(y, ws, h, base + hh.hp_el, take > 0 ? take : 0, &p2h_heat);
    double lim = hh.after_must + hh.hs_room;
    if (hh.hp_heat > 0 && chp_heat > 0 && hh.hp_heat + chp_heat > lim)
        need = hh.after_must -
               heat_pumps_give_way(y, ws, h, base, hh.hp_heat, lim, &chp_heat, &p2h_heat);

    if (dh->present)
        heat_after_electricity(y, ws, h, need - (chp_heat + p2h_heat));
    stores_record(ws->bat, s->n_batteries, ws, h);
    stores_record(ws->h2, s->n_hydrogen, ws, h);
    stores_record(ws->hs, dh->n_storages, ws, h);
}

/* ---- the year run twice when a fuel budget limits a plant or boiler that
 * year (the probe, fuel budgets, the final pass), once otherwise */

/* Whether a fuel budget may give a plant or boiler something in the year
 * (an energy and a capacity above zero).  The budget-limited plants' and
 * boilers' allocations are first set to zero, as the probe runs them:
 * without a budget that can give anything, the probe would be the final
 * pass itself, and is not run. */
static int has_budgets(const year_ctx *y, const au_engine_ws *ws)
{
    const au_scenario *s = y->s;
    int any = 0;
    for (size_t i = 0; i < s->n_plants; i++)
        if (!isnan(ws->plant_budget_el[i])) {
            memset(ws->alloc_plant + i * AU_HOURS, 0, AU_HOURS * sizeof(double));
            any |= ws->plant_budget_el[i] > 0 && ws->plant_cap[i] > 0;
        }
    for (size_t i = 0; i < s->district_heating.n_plants; i++)
        if (!isnan(ws->dh_budget_heat[i])) {
            memset(ws->alloc_boiler + i * AU_HOURS, 0, AU_HOURS * sizeof(double));
            any |= ws->dh_budget_heat[i] > 0 && ws->dh_cap[i] > 0;
        }
    return any;
}

/* What the hours in v[0 .. n - 1] lack together, within cap each. */
static double lack_of(const double *v, size_t n, double cap)
{
    double lack = 0;
    for (size_t k = 0; k < n; k++)
        lack += fmin0(cap, v[k]);
    return lack;
}

/* The need of the hour at which a budget of `energy` runs out when given
 * to the hours in order of need, largest first, within cap each: the
 * largest t such that the hours of need t or more lack at least `energy`.
 * v holds the n needs (all > 0) and is reordered.  A selection (Hoare's,
 * three-way, pivot the median of three), linear on average; the hours'
 * order is never needed. */
static double budget_threshold(double *v, size_t n, double cap, double energy)
{
    size_t lo = 0, hi = n;
    while (hi > lo) {
        double a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi - 1];
        double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        /* v[lo..gt) > pivot, v[gt..lt) == pivot, v[lt..hi) < pivot */
        size_t gt = lo, k = lo, lt = hi;
        while (k < lt) {
            double x = v[k];
            if (x > pivot) {
                v[k++] = v[gt];
                v[gt++] = x;
            } else if (x < pivot) {
                v[k] = v[--lt];
                v[lt] = x;
            } else {
                k++;
            }
        }
        double above = lack_of(v + lo, gt - lo, cap);
        if (above >= energy) {
            hi = gt;            /* it runs out above the pivot */
            continue;
        }
        if (above + (double)(lt - gt) * fmin0(cap, pivot) >= energy)
            return pivot;
        energy -= above + (double)(lt - gt) * fmin0(cap, pivot);
        lo = lt;                /* below it */
    }
    /* the hours lack no more than energy, by rounding (the caller's sum in
     * hour order against these in partition order): each gets what it lacks */
    return 0.0;
}

/* Gives a budget of `energy` (output MWh) to the hours of largest need,
 * within cap per hour, into alloc, and takes it off need: every hour whose
 * need is above the threshold at which the budget runs out gets what it
 * lacks, within cap; the hours at the threshold share what is left, the
 * earliest first.  scratch holds AU_HOURS values.  A budget larger than all
 * the hours lack needs no threshold at all. */
static void allocate(double *need, double *scratch, double cap, double energy, double *alloc)
{
    for (int h = 0; h < AU_HOURS; h++)
        alloc[h] = 0;
    if (energy <= 0 || cap <= 0)
        return;
    size_t n = 0;
    for (int h = 0; h < AU_HOURS; h++)
        if (need[h] > 0)
            scratch[n++] = need[h];
    double t = 0.0;
    if (lack_of(scratch, n, cap) > energy * (1 - 1e-9))
        t = budget_threshold(scratch, n, cap, energy);
    /* in hour order: above the threshold, then at it (an hour given
     * something may be left at it), while energy lasts */
    for (int pass = 0; pass < 2; pass++)
        for (int h = 0; h < AU_HOURS && energy > 0; h++) {
            double v = need[h];
            if (v <= 0 || !(pass == 0 ? v > t : v == t && alloc[h] == 0))
                continue;
            double a = fmin0(fmin0(cap, v), energy);
            alloc[h] = a;
            need[h] = v - a;
            energy -= a;
        }
}

/* Each fuel budget to the hours of largest shortfall in the probe. */
static void fuel_budgets(const year_ctx *y, au_engine_ws *ws)
{
    const au_scenario *s = y->s;
    const au_district_heating *dh = &s->district_heating;
    for (size_t i = 0; i < s->n_plants; i++)
        if (!isnan(ws->plant_budget_el[i]))
            allocate(ws->resid_el, ws->scratch, ws->plant_cap[i], ws->plant_budget_el[i],
                     ws->alloc_plant + i * AU_HOURS);
    for (size_t i = 0; i < dh->n_plants; i++)
        if (!isnan(ws->dh_budget_heat[i]))
            allocate(ws->resid_heat, ws->scratch, ws->dh_cap[i], ws->dh_budget_heat[i],
                     ws->alloc_boiler + i * AU_HOURS);
}

/* ---- the balance check, on every hour: a failure is a bug */

/* Checks hour h alone, its columns in order: the reference check, run on a
 * block where the fast check found a fault, to report it. */
static au_status hour_check(const year_ctx *y, const au_engine_ws *ws, const view *v, int h,
                            au_year_result *out, au_diags *d)
{
    const au_scenario *s = y->s;
    double ein = 0, eout = 0, hin = 0, hout = 0;
    for (size_t c = 0; c < ws->ncols; c++) {
        double x = VAL(v, c, h);
        switch (ws->cols[c].kind) {
        case AU_FLOW_EL_IN: ein += x; break;
        case AU_FLOW_EL_OUT: eout += x; break;
        case AU_FLOW_HEAT_IN: hin += x; break;
        case AU_FLOW_HEAT_OUT: hout += x; break;
        default: break;
        }
        if (!isfinite(x) || (ws->cols[c].kind != AU_FLOW_SOC && x < -1e-9 * (1 + fabs(x)))) {
            au_diags_add(d, s->file, 0, "scenario '%s', year %d, hour %d: flow %s is %g "
                         "(expected a finite, non-negative value)", s->name, y->year, h,
                         ws->cols[c].name, x);
            return AU_EINTERNAL;
        }
    }
    double re = fabs(ein - eout) / fmax(fmax(ein, eout), 1e-9);
    double rh = fabs(hin - hout) / fmax(fmax(hin, hout), 1e-9);
    if (ein + eout < 1e-12)
        re = 0;
    if (hin + hout < 1e-12)
        rh = 0;
    out->max_residual = fmax(out->max_residual, fmax(re, rh));
    int bad_e = !(re <= BALANCE_TOL);   /* NaN too: sums overflowing to infinity */
    if (bad_e || !(rh <= BALANCE_TOL)) {
        au_diags_add(d, s->file, 0, "scenario '%s', year %d, hour %d: the %s balance does "
                     "not close (in %.12g MW, out %.12g MW)", s->name, y->year, h,
                     bad_e ? "electricity" : "district heat", bad_e ? ein : hin,
                     bad_e ? eout : hout);
        return AU_EINTERNAL;
    }
    return AU_OK;
}

/* Σ in and Σ out of both balances (sum[kind]) for the n hours from h0, the
 * table read column by column: each hour's sums add its columns in the
 * same order as hour_check.  Returns 0 when a flow may be negative or not
 * finite; the test is coarser than hour_check's and never misses: a
 * non-finite flow makes its balance's sum non-finite (caught by the caller's
 * residual test, which NaN fails) or, for a state of charge, the block's
 * sum of states; a flow below -1e-9 is flagged (hour_check's bound,
 * -1e-9 (1 + |v|), is lower still).  The loops carry no test per value, so
 * the compiler vectorises them; a flagged block is checked hour by hour. */
static int block_sums(const au_engine_ws *ws, const view *v, int h0, int n,
                      double sum[][BLOCK])
{
    double soc[BLOCK], low[BLOCK];    /* per hour: the sum of states, the lowest flow */
    for (int k = 0; k < AU_FLOW_SOC; k++)
        for (int h = 0; h < n; h++)
            sum[k][h] = 0;
    for (int h = 0; h < n; h++)
        soc[h] = low[h] = 0;
    for (size_t c = 0; c < ws->ncols; c++) {
        const double *x = &VAL(v, c, h0);
        au_flow_kind kind = ws->cols[c].kind;
        double *acc = kind != AU_FLOW_SOC ? sum[kind] : soc;
        for (int h = 0; h < n; h++)
            acc[h] += x[h];
        if (kind != AU_FLOW_SOC)
            for (int h = 0; h < n; h++)
                low[h] = x[h] < low[h] ? x[h] : low[h];
    }
    int ok = 1;
    for (int h = 0; h < n; h++)
        ok &= low[h] >= -1e-9 && isfinite(soc[h]);
    return ok;
}

/* Every hour of the n from h0 (at most BLOCK) balances and no flow is
 * negative or non-finite; the largest residual goes to out. */
static au_status balance_check(const year_ctx *y, const au_engine_ws *ws, const view *v, int h0,
                               int n, au_year_result *out, au_diags *d)
{
    double sum[AU_FLOW_SOC][BLOCK];
    int ok = block_sums(ws, v, h0, n, sum);
    double res[BLOCK], worst = out->max_residual;
    for (int h = 0; h < n; h++) {     /* no test to leave the loop: it vectorises */
        double ein = sum[AU_FLOW_EL_IN][h], eout = sum[AU_FLOW_EL_OUT][h];
        double hin = sum[AU_FLOW_HEAT_IN][h], hout = sum[AU_FLOW_HEAT_OUT][h];
        double re = fabs(ein - eout) / dmax(dmax(ein, eout), 1e-9);
        double rh = fabs(hin - hout) / dmax(dmax(hin, hout), 1e-9);
        re = ein + eout < 1e-12 ? 0.0 : re;
        rh = hin + hout < 1e-12 ? 0.0 : rh;
        /* a residual over the tolerance or NaN (an infinite or NaN flow)
         * flags the block: hour_check reports it */
        res[h] = re <= BALANCE_TOL && rh <= BALANCE_TOL ? dmax(re, rh) : INFINITY;
    }
    for (int h = 0; h < n; h++) {
        ok &= res[h] <= BALANCE_TOL;
        worst = dmax(worst, res[h]);
    }
    if (ok)
        out->max_residual = worst;
    for (int h = h0; h < h0 + n && !ok; h++) {
        au_status st = hour_check(y, ws, v, h, out, d);
        if (st != AU_OK)
            return st;
    }
    return AU_OK;
}

au_status au_engine_check(const au_scenario *s, int year, const au_engine_ws *ws,
                          double *max_residual, au_diags *d)
{
    year_ctx y = {.s = s, .year = year};
    au_year_result r = {0};
    view whole = {ws->flow, AU_HOURS, 0};
    au_status st = AU_OK;
    *max_residual = 0;
    if (ws->table_year == 0) {
        au_diags_add(d, s->file, 0, "scenario '%s': no flow table to check (the last year "
                     "ran without writing it)", s->name);
        return AU_EINVAL;
    }
    for (int h0 = 0; h0 < AU_HOURS && st == AU_OK; h0 += BLOCK)
        st = balance_check(&y, ws, &whole, h0, AU_HOURS - h0 < BLOCK ? AU_HOURS - h0 : BLOCK,
                           &r, d);
    *max_residual = r.max_residual;
    return st;
}

/* ---- the yearly sums, hour by hour in hour order */

/* Each column's sum is a chain of additions in hour order (its bits do not
 * depend on the blocks); four columns go side by side, so that four chains
 * run at once instead of one waiting for each addition. */
static void year_sums(au_engine_ws *ws, int h0, int n)
{
    size_t c = 0;
    for (; c + 4 <= ws->ncols; c += 4) {
        const double *x0 = &FL(ws, c, h0), *x1 = &FL(ws, c + 1, h0);
        const double *x2 = &FL(ws, c + 2, h0), *x3 = &FL(ws, c + 3, h0);
        double t0 = ws->csum[c], t1 = ws->csum[c + 1], t2 = ws->csum[c + 2];
        double t3 = ws->csum[c + 3];
        for (int k = 0; k < n; k++) {
            t0 += x0[k];
            t1 += x1[k];
            t2 += x2[k];
            t3 += x3[k];
        }
        ws->csum[c] = t0;
        ws->csum[c + 1] = t1;
        ws->csum[c + 2] = t2;
        ws->csum[c + 3] = t3;
    }
    for (; c < ws->ncols; c++) {
        const double *x = &FL(ws, c, h0);
        double t = ws->csum[c];
        for (int k = 0; k < n; k++)
            t += x[k];
        ws->csum[c] = t;
    }
    const double *imp = &FL(ws, COL(ws, IMPORT, 0), h0);
    for (int k = 0; k < n; k++) {
        ws->peak_import = dmax(ws->peak_import, imp[k]);
        ws->hours_import += imp[k] > 1e-9;
    }
}

/* ---- a pass over the year */

/* Every store from its initial state, the hours block by block: demand,
 * supply, EV charging, the dispatch; then, except in the probe, the
 * balance check and the yearly sums.  Budget-limited plants and boilers run
 * within the allocations in the workspace (nothing in the probe). */
static au_status year_pass(year_ctx *y, au_engine_ws *ws, au_year_result *out, au_diags *d)
{
    const au_scenario *s = y->s;
    stores_start(ws->bat, s->n_batteries);
    stores_start(ws->h2, s->n_hydrogen);
    stores_start(ws->hs, s->district_heating.n_storages);
    for (int h0 = 0; h0 < AU_HOURS; h0 += BLOCK) {
        int n = AU_HOURS - h0 < BLOCK ? AU_HOURS - h0 : BLOCK;
        block_start(ws, h0, n);
        demand(y, ws, h0, n);
        supply(y, ws, h0, n);
        ev_charging(y, ws, h0, n);
        for (int h = h0; h < h0 + n; h++)
            dispatch_hour(y, ws, h);
        if (y->probe)
            continue;
        au_status st = balance_check(y, ws, &ws->v, h0, n, out, d);
        if (st != AU_OK)
            return st;
        year_sums(ws, h0, n);
    }
    return AU_OK;
}

/* ---- fuels over the year: per carrier, use against local supply */

static void fuels(year_ctx *y, const au_engine_ws *ws, au_year_result *out)
{
    const au_scenario *s = y->s;
    const au_district_heating *dh = &s->district_heating;
    for (size_t i = 0; i < s->n_plants; i++)
        y->fuel_conv[s->plants[i].fuel] +=
            col_sum(ws, COL(ws, PLANT_EL, i)) / s->plants[i].electric_efficiency;
    for (size_t i = 0; i < dh->n_plants; i++)
        if (is_fuel_boiler(dh->plants[i].type))
            y->fuel_conv[boiler_fuel(dh->plants[i].type)] +=
                col_sum(ws, COL(ws, DH_PLANT, i)) / dh->plants[i].efficiency;
    for (size_t i = 0; i < s->n_local_fuels; i++)
        y->local[s->local_fuels[i].carrier] += tv(&s->local_fuels[i].annual_mwh, y->year);
    for (int c = 0; c < AU_CARRIER_COUNT; c++) {
        double use = y->fuel_end[c] + y->fuel_conv[c], local = y->local[c];
        y->phi[c] = use > 0 ? fmin0(1.0, local / use) : 1.0;
        out->fuel_use_mwh[c] = use;
        out->fuel_local_mwh[c] = fmin0(local, use);
        out->fuel_import_mwh[c] = use > local ? use - local : 0;
        y->fuel_export += local > use ? local - use : 0;
        y->fuel_local_end += y->fuel_end[c] * y->phi[c];
        y->fuel_import_end += y->fuel_end[c] * (1 - y->phi[c]);
        out->final_fuel_mwh += y->fuel_end[c];
    }
}

/* ---- indicators */

/* District heat delivered, and the network's heat in local and imported
 * parts (boilers and CHP by their fuel's local share, less dumped heat). */
static void network_heat(const year_ctx *y, const au_engine_ws *ws, au_year_result *out,
                         double *delivered, double *local, double *imported)
{
    const au_scenario *s = y->s;
    const au_district_heating *dh = &s->district_heating;
    double heat_local = 0, heat_import = 0;
    for (size_t i = 0; i < s->n_uses; i++)
        if (s->uses[i].mix >= 0)
            *delivered += col_sum(ws, COL(ws, USE_HEAT, i));
    for (size_t i = 0; i < dh->n_plants; i++) {
        const au_dh_plant *pl = &dh->plants[i];
        double q = col_sum(ws, COL(ws, DH_PLANT, i));
        if (is_must_run_heat(pl->type))
            heat_local += q;
        else if (pl->type == AU_DH_HEAT_PUMP) {
            double e = col_sum(ws, COL(ws, DH_HEAT_PUMP_EL, i));
            heat_local += q > e ? q - e : 0;
        } else if (is_fuel_boiler(pl->type)) {
            heat_local += q * y->phi[boiler_fuel(pl->type)];
            heat_import += q * (1 - y->phi[boiler_fuel(pl->type)]);
        }
    }
    for (size_t i = 0; i < s->n_plants; i++)
        if (s->plants[i].heat_efficiency > 0) {
            double q = col_sum(ws, COL(ws, CHP_HEAT, i));
            heat_local += q * y->phi[s->plants[i].fuel];
            heat_import += q * (1 - y->phi[s->plants[i].fuel]);
        }
    for (size_t i = 0; i < s->n_fixed; i++)
        if (s->fixed[i].output == AU_CARRIER_HEAT)
            heat_local += col_sum(ws, COL(ws, FIXED_HEAT, i));
    out->heat_dumped_mwh = col_sum(ws, COL(ws, HEAT_DUMP, 0));
    out->unserved_heat_mwh = col_sum(ws, COL(ws, HEAT_UNSERVED, 0));
    *local = heat_local > out->heat_dumped_mwh ? heat_local - out->heat_dumped_mwh : 0;
    *imported = heat_import;
}

/* Peak import, hours with imports, battery use and electrolysis. */
static void import_and_storage_use(const au_engine_ws *ws, const au_scenario *s,
                                   au_year_result *out)
{
    out->peak_import_mw = ws->peak_import;
    out->hours_with_import = ws->hours_import;
    double e_cap = 0;
    for (size_t b = 0; b < s->n_batteries; b++) {
        out->battery_throughput_mwh += col_sum(ws, COL(ws, BATTERY_OUT, b));
        e_cap += ws->bat[b].e;
    }
    out->battery_cycles = e_cap > 0 ? out->battery_throughput_mwh / e_cap : 0.0;
    for (size_t k = 0; k < s->n_hydrogen; k++)
        out->electrolysis_mwh += col_sum(ws, COL(ws, ELECTROLYSER, k));
}

/* CO2 of imports, electricity and fuels; NAN without emission factors. */
static void emissions(const year_ctx *y, au_year_result *out)
{
    const au_scenario *s = y->s;
    out->co2_t = NAN;
    if (s->n_emissions == 0)
        return;
    double t = 0;
    for (size_t i = 0; i < s->n_emissions; i++) {
        const au_emission *e = &s->emissions[i];
        double f = tv(&e->kg_per_mwh, y->year) / 1000.0;
        if (e->carrier == AU_CARRIER_ELECTRICITY)
            t += f * out->import_el_mwh;
        else
            t += f * out->fuel_import_mwh[e->carrier];
    }
    out->co2_t = t;
}

static void indicators(const year_ctx *y, const au_engine_ws *ws, au_year_result *out)
{
    const au_scenario *s = y->s;
    double gen_el = 0, el_end = 0, heat_delivered = 0;
    for (size_t i = 0; i < s->n_pv; i++)
        gen_el += col_sum(ws, COL(ws, PV, i));
    for (size_t i = 0; i < s->n_wind; i++)
        gen_el += col_sum(ws, COL(ws, WIND, i));
    for (size_t i = 0; i < s->n_fixed; i++)
        if (s->fixed[i].output != AU_CARRIER_HEAT)
            gen_el += col_sum(ws, COL(ws, FIXED_EL, i));
    double plant_local_el = 0, plant_import_el = 0;
    for (size_t i = 0; i < s->n_plants; i++) {
        double e = col_sum(ws, COL(ws, PLANT_EL, i));
        plant_local_el += e * y->phi[s->plants[i].fuel];
        plant_import_el += e * (1 - y->phi[s->plants[i].fuel]);
    }
    for (size_t i = 0; i < s->n_uses; i++)
        if (s->uses[i].type != AU_USE_FUEL)
            el_end += col_sum(ws, COL(ws, USE_EL, i));
    for (size_t i = 0; i < s->n_mobility; i++)
        el_end += col_sum(ws, COL(ws, EV, i));
    out->curtailment_mwh = col_sum(ws, COL(ws, CURTAILMENT, 0));
    out->export_el_mwh = col_sum(ws, COL(ws, EXPORT, 0));
    out->import_el_mwh = col_sum(ws, COL(ws, IMPORT, 0));
    out->unserved_mwh = col_sum(ws, COL(ws, UNSERVED, 0));
    double heat_local = 0, heat_import = 0;
    if (s->district_heating.present)
        network_heat(y, ws, out, &heat_delivered, &heat_local, &heat_import);
    out->final_el_mwh = el_end;
    out->final_heat_mwh = heat_delivered;
    out->final_energy_mwh = el_end + heat_delivered + out->final_fuel_mwh;
    out->local_el_mwh = gen_el - out->curtailment_mwh + plant_local_el;
    out->local_production_mwh = out->local_el_mwh + heat_local + y->fuel_local_end +
                                y->fuel_export;
    out->import_fuel_mwh = y->fuel_import_end + plant_import_el + heat_import;
    out->import_mwh = out->import_el_mwh + out->import_fuel_mwh;
    out->export_fuel_mwh = y->fuel_export;
    out->export_mwh = out->export_el_mwh + y->fuel_export;
    double D = out->final_energy_mwh, Del = out->final_el_mwh;
    out->annual_balance = D > 0 ? out->local_production_mwh / D : 0.0;
    out->annual_balance_el = Del > 0 ? out->local_el_mwh / Del : 0.0;
    out->hourly_autonomy = D > 0 ? 1.0 - out->import_mwh / D : 0.0;
    out->hourly_autonomy_el = Del > 0 ? 1.0 - out->import_el_mwh / Del : 0.0;
    /* the same P as the balances: local electricity after curtailment */
    out->self_consumption = out->local_el_mwh > 0
                                ? (out->local_el_mwh - out->export_el_mwh) / out->local_el_mwh
                                : 0.0;
    import_and_storage_use(ws, s, out);
    emissions(y, out);
}

/* ---- costs (MODEL.md §6): annualised capital, fixed and variable O&M,
 * imports, export revenue */

/* What depends on the hours: variable O&M of what each asset gave, the
 * energy bought and sold.  The rest (capital, fixed O&M, local fuels, the
 * total) is au_economics's, over the pathway. */
static void costs(const year_ctx *y, const au_engine_ws *ws, au_year_result *out)
{
    const au_scenario *s = y->s;
    int year = y->year;
    out->invest_eur = out->capital_eur = out->om_eur = out->energy_cost_eur = NAN;
    out->cost_eur = out->cost_eur_per_mwh = NAN;
    out->jobs_manufacturing = out->jobs_construction = out->jobs_operation = NAN;
    out->jobs_fuel = out->jobs = NAN;
    out->jobs_pv = out->jobs_wind = out->jobs_storage = out->jobs_heat = out->jobs_plants = NAN;
    out->var_om_eur = out->import_cost_eur = out->export_revenue_eur = NAN;
    if (!s->has_costs)
        return;
    double vom = 0, buy = 0, sell = 0;
    for (size_t i = 0; i < ws->n_vom; i++)
        vom += tv(ws->vom[i], year) * ws->csum[ws->vom_col[i]];
    for (size_t i = 0; i < s->n_prices; i++) {
        const au_price *pr = &s->prices[i];
        double price = tv(&pr->eur_per_mwh, year), q;
        if (pr->carrier == AU_CARRIER_ELECTRICITY)
            q = pr->is_export ? out->export_el_mwh : out->import_el_mwh;
        else if (pr->carrier == AU_CARRIER_HEAT)
            q = 0.0;
        else
            q = pr->is_export ? (y->local[pr->carrier] > out->fuel_use_mwh[pr->carrier]
                                     ? y->local[pr->carrier] - out->fuel_use_mwh[pr->carrier]
                                     : 0.0)
                              : out->fuel_import_mwh[pr->carrier];
        if (pr->is_export)
            sell += price * q;
        else
            buy += price * q;
    }
    out->var_om_eur = vom;
    out->import_cost_eur = buy;
    out->export_revenue_eur = sell;
}

/* ---- no NaN or infinity in what is reported (costs and CO2 are NAN only
 * when the scenario gives none): a failure is a bug */

static au_status results_check(const year_ctx *y, const au_year_result *out, au_diags *d)
{
    const au_scenario *s = y->s;
    const double check[] = {out->final_energy_mwh, out->local_production_mwh, out->import_mwh,
                            out->export_mwh, out->curtailment_mwh, out->unserved_mwh,
                            out->annual_balance, out->hourly_autonomy, out->annual_balance_el,
                            out->hourly_autonomy_el, out->self_consumption,
                            out->peak_import_mw, out->battery_cycles};
    for (size_t i = 0; i < sizeof check / sizeof check[0]; i++)
        if (!isfinite(check[i])) {
            au_diags_add(d, s->file, 0, "scenario '%s', year %d: an indicator is not finite "
                         "(expected finite results; please report this with the scenario)",
                         s->name, y->year);
            return AU_EINTERNAL;
        }
    if (s->has_costs && !isfinite(out->var_om_eur + out->import_cost_eur +
                                  out->export_revenue_eur)) {
        au_diags_add(d, s->file, 0, "scenario '%s', year %d: the cost is not finite (expected "
                     "finite prices and capacities)", s->name, y->year);
        return AU_EINTERNAL;
    }
    return AU_OK;
}
