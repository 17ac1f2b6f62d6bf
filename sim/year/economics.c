/* economics.c: investment by vintage, annualised capital, O&M, net present
 * cost, levelised cost of the local energy, cumulative CO2 and local jobs
 * over a pathway (economics.h gives the formulas; docs/economics.md the
 * factors).  Runs once per pathway after its years: nothing here is in the
 * hourly loop. */
#include "autonomy/economics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double au_crf(double r, double n)
{
    if (r == 0)
        return 1.0 / n;
    double g = pow(1 + r, n);
    return r * g / (g - 1);
}

static double tv(const au_traj *t, int year)
{
    return au_traj_eval(t, year);
}

/* The capacity of asset a a factor is given for (per energy or power). */
static const au_traj *measure(const au_asset *a, int per_energy)
{
    return per_energy ? a->energy_mwh : a->power_mw;
}

/* One stock of vintages (an asset's power or energy capacity under one cost
 * entry's lifetime) run over the horizon: built[y] (capacity built in year
 * y, y from 0), capital-weighted sums and the salvage. */
typedef struct stock {
    double *amount;             /* per vintage */
    int *year;                  /* year built, as an offset from the start */
    int n;
} stock;

/* Runs the vintages of capacity cap (nullable: none) for a lifetime of L
 * years; fills built[0..ny) and, per year, what is in service in service[],
 * and the annualised capital and salvage (when capex is given). */
static void run_stock(stock *st, const au_traj *cap, int L, int y0, int ny,
                      const au_cap_factor *capex, double crf, double *built, double *service,
                      double *capital, double *salvage)
{
    st->n = 0;
    *salvage = 0;
    double c0 = cap ? tv(cap, y0) : 0.0;
    /* the stock at the start: L equal vintages built in y0-L+1 .. y0 */
    for (int k = 0; k < L; k++) {
        st->amount[st->n] = c0 / L;
        st->year[st->n++] = k - L + 1;
    }
    for (int y = 0; y < ny; y++) {
        double need = cap ? tv(cap, y0 + y) : 0.0, alive = 0;
        /* drop the vintages past their lifetime, then what is not needed,
         * oldest first */
        int w = 0;
        for (int k = 0; k < st->n; k++)
            if (st->year[k] + L > y && st->amount[k] > 0) {
                st->amount[w] = st->amount[k];
                st->year[w++] = st->year[k];
                alive += st->amount[k];
            }
        st->n = w;
        double excess = alive - need;
        for (int k = 0; k < st->n && excess > 0; k++) {
            double cut = st->amount[k] < excess ? st->amount[k] : excess;
            st->amount[k] -= cut;
            excess -= cut;
        }
        built[y] = y > 0 && need > alive ? need - alive : 0.0;
        if (built[y] > 0) {
            st->amount[st->n] = built[y];
            st->year[st->n++] = y;
        }
        service[y] = need;
        if (capex != NULL) {
            double c = 0;
            for (int k = 0; k < st->n; k++)
                c += tv(&capex->v, y0 + (st->year[k] > 0 ? st->year[k] : 0)) * st->amount[k];
            capital[y] += crf * c;
        }
    }
    if (capex != NULL)
        for (int k = 0; k < st->n; k++)
            if (st->year[k] > 0 && st->amount[k] > 0) {
                int left = st->year[k] + L - ny;
                if (left > 0)
                    *salvage += tv(&capex->v, y0 + st->year[k]) * st->amount[k] * left / L;
            }
}

/* The yearly result's jobs column of a technology's group. */
static double *jobs_group(au_year_result *o, au_tech k)
{
    switch (k) {
    case AU_TECH_PV: return &o->jobs_pv;
    case AU_TECH_WIND: return &o->jobs_wind;
    case AU_TECH_BATTERY: case AU_TECH_ELECTROLYSER: case AU_TECH_FUEL_CELL:
    case AU_TECH_HYDROGEN_TANK: return &o->jobs_storage;
    case AU_TECH_PLANT: return &o->jobs_plants;
    default: return &o->jobs_heat;
    }
}

static int has(const au_traj *t)
{
    return t->kind != AU_TRAJ_UNSET;
}

au_status au_economics(const au_scenario *s, au_year_result *res, int ny, au_econ_summary *sum)
{
    const int y0 = s->year_start;
    const double r = s->discount_rate;
    int jobs_given = 0;
    for (size_t e = 0; e < s->n_tech_costs; e++) {
        const au_tech_cost *tc = &s->tech_costs[e];
        jobs_given |= has(&tc->jobs_manufacturing.v) || has(&tc->jobs_construction.v) ||
                      has(&tc->jobs_operation.v);
    }
    for (size_t f = 0; f < s->n_fuel_costs; f++)
        jobs_given |= has(&s->fuel_costs[f].job_years_per_mwh);

    double co2 = 0;
    for (int y = 0; y < ny; y++)
        co2 += res[y].co2_t;
    *sum = (au_econ_summary){NAN, NAN, NAN, s->n_emissions ? co2 : NAN, NAN, NAN};
    for (int y = 0; y < ny; y++) {
        au_year_result *o = &res[y];
        o->invest_eur = o->capital_eur = o->om_eur = o->cost_eur = o->cost_eur_per_mwh = NAN;
        o->jobs_manufacturing = o->jobs_construction = o->jobs_operation = o->jobs_fuel =
            o->jobs = NAN;
        o->jobs_pv = o->jobs_wind = o->jobs_storage = o->jobs_heat = o->jobs_plants = NAN;
        if (s->has_costs) {
            o->invest_eur = o->capital_eur = 0;
            o->om_eur = o->var_om_eur;
        }
        if (jobs_given) {
            o->jobs_manufacturing = o->jobs_construction = o->jobs_operation = o->jobs_fuel = 0;
            o->jobs_pv = o->jobs_wind = o->jobs_storage = o->jobs_heat = o->jobs_plants = 0;
        }
    }
    if (!s->has_costs)
        return AU_OK;

    size_t na = au_assets(s, NULL);
    int maxl = 1;
    for (size_t e = 0; e < s->n_tech_costs; e++)
        maxl = (int)s->tech_costs[e].lifetime_yr > maxl ? (int)s->tech_costs[e].lifetime_yr : maxl;
    au_asset *as = malloc((na ? na : 1) * sizeof *as);
    double *buf = malloc(8 * (size_t)ny * sizeof *buf);
    stock st = {malloc(((size_t)maxl + ny + 1) * sizeof(double)),
                malloc(((size_t)maxl + ny + 1) * sizeof(int)), 0};
    if (as == NULL || buf == NULL || st.amount == NULL || st.year == NULL) {
        free(as), free(buf), free(st.amount), free(st.year);
        return AU_ENOMEM;
    }
    au_assets(s, as);
    double *built[2] = {buf, buf + ny}, *service[2] = {buf + 2 * ny, buf + 3 * ny};
    double *capital = buf + 4 * ny, *invest = buf + 5 * ny, *fixed = buf + 6 * ny,
           *localc = buf + 7 * ny;
    memset(capital, 0, 4 * (size_t)ny * sizeof *capital);
    double salvage = 0;

    for (size_t a = 0; a < na; a++)
        for (size_t e = 0; e < s->n_tech_costs; e++) {
            if (!au_cost_applies(s, e, &as[a]))
                continue;
            const au_tech_cost *tc = &s->tech_costs[e];
            int L = (int)tc->lifetime_yr;
            double crf = au_crf(r, L), sv;
            /* the two measures: power (0) and energy (1); capex on its own */
            for (int m = 0; m < 2; m++) {
                const au_traj *cap = measure(&as[a], m);
                int cx = has(&tc->capex.v) && tc->capex.per_energy == m;
                double *cap_y = capital;
                run_stock(&st, cap, L, y0, ny, cx ? &tc->capex : NULL, crf, built[m], service[m],
                          cap_y, &sv);
                salvage += sv;
                for (int y = 0; y < ny; y++) {
                    int year = y0 + y;
                    if (cx)
                        invest[y] += tv(&tc->capex.v, year) * built[m][y];
                    if (has(&tc->fixed_om.v) && tc->fixed_om.per_energy == m)
                        fixed[y] += tv(&tc->fixed_om.v, year) * service[m][y];
                    if (!jobs_given)
                        continue;
                    au_year_result *o = &res[y];
                    double jm = 0, jc = 0, jo = 0;
                    if (tc->jobs_manufacturing.per_energy == m)
                        jm = tv(&tc->jobs_manufacturing.v, year) * built[m][y] *
                             tv(&tc->local_manufacturing, year);
                    if (tc->jobs_construction.per_energy == m)
                        jc = tv(&tc->jobs_construction.v, year) * built[m][y];
                    if (tc->jobs_operation.per_energy == m)
                        jo = tv(&tc->jobs_operation.v, year) * service[m][y];
                    o->jobs_manufacturing += jm;
                    o->jobs_construction += jc;
                    o->jobs_operation += jo;
                    *jobs_group(o, as[a].kind) += jm + jc + jo;
                }
            }
        }

    /* local fuels: their cost and jobs per MWh produced */
    for (size_t f = 0; f < s->n_fuel_costs; f++) {
        const au_fuel_cost *fc = &s->fuel_costs[f];
        for (int y = 0; y < ny; y++) {
            double mwh = 0;
            for (size_t i = 0; i < s->n_local_fuels; i++)
                if (s->local_fuels[i].carrier == fc->carrier)
                    mwh += tv(&s->local_fuels[i].annual_mwh, y0 + y);
            localc[y] += tv(&fc->eur_per_mwh, y0 + y) * mwh;
            if (jobs_given)
                res[y].jobs_fuel += tv(&fc->job_years_per_mwh, y0 + y) * mwh;
        }
    }

    double npc = 0, cum = 0, lc_num = 0, lc_den = 0, jy = 0;
    for (int y = 0; y < ny; y++) {
        au_year_result *o = &res[y];
        double d = pow(1 + r, -(double)y);
        o->invest_eur = invest[y];
        o->capital_eur = capital[y];
        o->om_eur = fixed[y] + o->var_om_eur;
        o->energy_cost_eur = o->import_cost_eur + localc[y];
        o->cost_eur = o->capital_eur + o->om_eur + o->energy_cost_eur - o->export_revenue_eur;
        o->cost_eur_per_mwh = o->final_energy_mwh > 0 ? o->cost_eur / o->final_energy_mwh : NAN;
        npc += d * (o->invest_eur + o->om_eur + o->energy_cost_eur - o->export_revenue_eur);
        cum += o->invest_eur;
        lc_num += d * (o->capital_eur + o->om_eur + localc[y]);
        lc_den += d * o->local_production_mwh;
        if (jobs_given) {
            o->jobs = o->jobs_manufacturing + o->jobs_construction + o->jobs_operation +
                      o->jobs_fuel;
            jy += o->jobs;
        }
    }
    npc -= salvage * pow(1 + r, -(double)ny);
    sum->invest_eur = cum;
    sum->npc_eur = npc;
    sum->lcoe_local_eur_per_mwh = lc_den > 0 ? lc_num / lc_den : NAN;
    if (jobs_given) {
        sum->job_years = jy;
        sum->jobs_per_year = jy / ny;
    }
    free(as), free(buf), free(st.amount), free(st.year);
    return AU_OK;
}
