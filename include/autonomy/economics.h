/* economics.h: what a pathway costs, emits and employs (MODEL.md §6;
 * docs/economics.md gives every formula and the factors of the shipped
 * scenarios with their sources).
 *
 * The engine gives, per year and weather sample, what depends on the hours:
 * variable O&M of what each asset produced, the energy bought (imports of
 * electricity and fuels) and sold (exports), CO2.  Everything that depends on
 * capacities only is computed here over the whole pathway, from the
 * scenario's trajectories:
 *
 *   vintages  the start year's capacity is taken as built evenly over the
 *             lifetime before the start (a stock in steady state: 1/n of it
 *             reaches its end each year); each later year, the capacity of
 *             the year is met by the vintages still in their lifetime, and
 *             what is missing (growth, or a vintage retired while still
 *             needed) is built that year; a fall retires the oldest first;
 *   investment   capex(year built) × capacity built that year;
 *   capital      annualised: Σ over vintages in service of
 *                capex(year built) × amount × r(1+r)^n / ((1+r)^n − 1)
 *                (1/n when r = 0), the stock before the start at the start
 *                year's capex;
 *   O&M          fixed × capacity in service + variable × production;
 *   energy       imports × import price + local fuel × its cost;
 *   total        capital + O&M + energy − export revenue (the year's cost);
 *   NPC          Σ_y (investment + O&M + energy − exports) / (1+r)^(y−start)
 *                − salvage / (1+r)^(end+1−start), the salvage being what
 *                is left of the vintages built in the horizon at its end
 *                (straight-line: capex × amount × remaining years / n);
 *   LCOE local   Σ_y d_y (capital + O&M + local fuel cost) / Σ_y d_y P_y
 *                with d_y = (1+r)^−(y−start): the levelised cost of the
 *                local energy P (MODEL.md §6);
 *   jobs         per year, FTE: manufacturing = factor × capacity built ×
 *                local share; construction = factor × capacity built;
 *                operation = factor × capacity in service; fuel = factor ×
 *                local fuel produced (Rutovitz et al. 2015's method). */
#ifndef AUTONOMY_ECONOMICS_H
#define AUTONOMY_ECONOMICS_H

#include <stddef.h>

#include "autonomy/engine.h"
#include "autonomy/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The pathway's totals (NAN when the scenario gives no costs, no emission
 * factors, or no employment factors). */
typedef struct au_econ_summary {
    double invest_eur;          /* investment, every year of the horizon */
    double npc_eur;             /* net present cost, at the start year */
    double lcoe_local_eur_per_mwh; /* levelised cost of the local energy */
    double co2_t;               /* CO2, every year */
    double job_years;           /* jobs of every phase, summed over years */
    double jobs_per_year;       /* job_years / years */
} au_econ_summary;

/* Fills the economic fields of res[0..n_years) (the years of s in order, as
 * the engine left them) and *sum.  Returns AU_OK, or AU_ENOMEM. */
au_status au_economics(const au_scenario *s, au_year_result *res, int n_years,
                       au_econ_summary *sum);

/* The capital recovery factor r(1+r)^n / ((1+r)^n − 1); 1/n when r = 0. */
double au_crf(double r, double n);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_ECONOMICS_H */
