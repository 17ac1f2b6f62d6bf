/* check_economics.c: costs, CO2 and jobs over a pathway (economics.h), on
 * hand cases (tests/data/economics/) whose figures are worked out in the
 * comments; and, over a real run, the tables' sums and identities. */
#include "test_util.h"

#include <math.h>

#include "autonomy/economics.h"
#include "autonomy/runner.h"

#define NY 16 /* 2020-2035 */

static au_scenario *load(const char *rel)
{
    au_scenario *s = NULL;
    au_diags d;
    au_diags_init(&d);
    au_status st = au_scenario_load(au_test_path(rel), &s, &d);
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    ck_assert_int_eq(st, AU_OK);
    au_diags_clear(&d);
    return s;
}

/* The pathway's capacity-driven economics on results that hold nothing else
 * (no energy bought or sold, no production): what au_economics adds. */
static void bare(const au_scenario *s, au_year_result *res, au_econ_summary *sum)
{
    memset(res, 0, NY * sizeof *res);
    for (int y = 0; y < NY; y++) {
        res[y].year = s->year_start + y;
        res[y].var_om_eur = res[y].import_cost_eur = res[y].export_revenue_eur = 0;
        res[y].co2_t = 1.0; /* one tonne a year: 16 t in all */
    }
    ck_assert_int_eq(au_economics(s, res, NY, sum), AU_OK);
}

START_TEST(test_annuity)
{
    /* crf(5 %, 20 yr) = 0.05 × 1.05^20 / (1.05^20 − 1) = 0.0802426 (annuity
     * tables); crf(0, 20) = 1/20; crf(10 %, 1) = 1.1 */
    ck_assert_double_eq_tol(au_crf(0.05, 20), 0.0802426, 1e-7);
    ck_assert_double_eq_tol(au_crf(0.0, 20), 0.05, 1e-15);
    ck_assert_double_eq_tol(au_crf(0.10, 1), 1.1, 1e-12);
}
END_TEST

START_TEST(test_investment_profile_of_a_growing_fleet)
{
    /* fleet.xml: 0 MW in 2020 to 100 MW in 2030, linear: 10 MW built each
     * year 2021-2030, none after (lifetime 25 yr); capex 1000 EUR/kW in 2020
     * to 500 in 2030: 1e6 − 5e4 k EUR/MW in 2020 + k.
     *   investment 2025 = 10 MW × 750,000 = 7.5 MEUR; 2031: 0
     *   all years: 10 × Σ_{k=1..10} (1e6 − 5e4 k) = 10 × 7.25e6 = 72.5 MEUR
     *   fixed O&M 2025 = 10,000 EUR/MW/yr × 50 MW = 500,000
     *   capital 2025 = crf(5 %, 25) × 10 × (950 + 900 + 850 + 800 + 750) k
     *                = 0.0709525 × 42.5e6 = 3.01548e6
     *   local wood 2 GWh × 20 EUR/MWh = 40,000 a year
     *   jobs 2025: manufacturing 5 job-yr/MW × 10 MW × 50 % = 25,
     *   construction 10 × 10 = 100, operation 0.2 × 50 MW = 10,
     *   fuel 0.5 job-yr/GWh × 2 GWh = 1: 136; 2031: operation 20 + fuel 1 */
    au_scenario *s = load("data/economics/fleet.xml");
    au_year_result r[NY];
    au_econ_summary sum;
    bare(s, r, &sum);
    ck_assert_double_eq_tol(r[0].invest_eur, 0.0, 1e-9);
    ck_assert_double_eq_tol(r[5].invest_eur, 7.5e6, 1e-6);
    ck_assert_double_eq_tol(r[11].invest_eur, 0.0, 1e-9);
    ck_assert_double_eq_tol(sum.invest_eur, 72.5e6, 1e-5);
    ck_assert_double_eq_tol(r[5].om_eur, 500000.0, 1e-6);
    ck_assert_double_eq_tol(r[5].capital_eur, 0.0709525 * 42.5e6, 5.0);
    ck_assert_double_eq_tol(r[5].energy_cost_eur, 40000.0, 1e-6);
    ck_assert_double_eq_tol(r[5].cost_eur, r[5].capital_eur + 500000.0 + 40000.0, 1e-6);
    ck_assert_double_eq_tol(r[5].jobs_manufacturing, 25.0, 1e-9);
    ck_assert_double_eq_tol(r[5].jobs_construction, 100.0, 1e-9);
    ck_assert_double_eq_tol(r[5].jobs_operation, 10.0, 1e-9);
    ck_assert_double_eq_tol(r[5].jobs_fuel, 1.0, 1e-9);
    ck_assert_double_eq_tol(r[5].jobs, 136.0, 1e-9);
    /* by technology: PV 135, local wood 1 */
    ck_assert_double_eq_tol(r[5].jobs_pv, 135.0, 1e-9);
    ck_assert_double_eq_tol(r[5].jobs_storage + r[5].jobs_heat + r[5].jobs_plants +
                                r[5].jobs_wind, 0.0, 1e-12);
    ck_assert_double_eq_tol(r[11].jobs, 21.0, 1e-9);
    /* job-years: manufacturing 250, construction 1000, operation 0.2 × (0 +
     * 10 + ... + 100 + 5 × 100 = 1050) = 210, fuel 16: 1476; 92.25 a year */
    ck_assert_double_eq_tol(sum.job_years, 1476.0, 1e-9);
    ck_assert_double_eq_tol(sum.jobs_per_year, 92.25, 1e-9);
    ck_assert_double_eq_tol(sum.co2_t, 16.0, 1e-12);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_net_present_cost)
{
    /* fleet.xml at 5 %: NPC = Σ_y 1.05^−k (investment + fixed O&M + wood)
     * − salvage × 1.05^−16, k = y − 2020; the vintage of 2020 + k (k = 1..10)
     * has k + 25 − 16 = k + 9 of its 25 years left after 2035 */
    au_scenario *s = load("data/economics/fleet.xml");
    au_year_result r[NY];
    au_econ_summary sum;
    bare(s, r, &sum);
    double npc = 0, salvage = 0;
    for (int k = 0; k < NY; k++) {
        double cap = k <= 10 ? 10.0 * k : 100.0;
        double inv = k >= 1 && k <= 10 ? 10.0 * (1e6 - 5e4 * k) : 0.0;
        npc += (inv + 1e4 * cap + 40000.0) / pow(1.05, k);
        if (k >= 1 && k <= 10)
            salvage += inv * (k + 9) / 25.0;
    }
    npc -= salvage / pow(1.05, 16);
    ck_assert_double_eq_tol(sum.npc_eur, npc, 1e-4);
    /* no local production in these bare results: no levelised cost */
    ck_assert(isnan(sum.lcoe_local_eur_per_mwh));
    au_scenario_free(s);
}
END_TEST

START_TEST(test_replacement_inside_the_horizon)
{
    /* replace.xml: 10 MW built in 2022, lifetime 5 yr: replaced in 2027 and
     * 2032 (10 MEUR each); no discounting.  Capital: 10 MEUR / 5 = 2 MEUR a
     * year from 2022.  Salvage: the 2032 vintage has 1 of 5 years left,
     * 2 MEUR.  NPC = 3 × 10 + fixed O&M 0.1 × 14 years + wood 0.04 × 16
     * − 2 = 30.04 MEUR. */
    au_scenario *s = load("data/economics/replace.xml");
    au_year_result r[NY];
    au_econ_summary sum;
    bare(s, r, &sum);
    for (int k = 0; k < NY; k++) {
        int y = 2020 + k;
        double want = y == 2022 || y == 2027 || y == 2032 ? 1e7 : 0.0;
        ck_assert_double_eq_tol(r[k].invest_eur, want, 1e-6);
        ck_assert_double_eq_tol(r[k].capital_eur, y >= 2022 ? 2e6 : 0.0, 1e-6);
        ck_assert_double_eq_tol(r[k].jobs_construction, want > 0 ? 100.0 : 0.0, 1e-9);
    }
    ck_assert_double_eq_tol(sum.invest_eur, 3e7, 1e-6);
    ck_assert_double_eq_tol(sum.npc_eur, 30.04e6, 1e-4);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_entries_apply_to_the_most_specific_level)
{
    /* battery-assets.xml, no discounting, constant capacities: the start
     * year's stock was built evenly over the lifetime before, so 1/L of it is
     * replaced every year from 2021.
     *   array 10 MW, entry "pv" (20 yr, 1000 EUR/kW): 0.5 MW a year, 0.5 MEUR
     *   roofs 2 MW, entry "roof pv" (2000 EUR/kW): 0.1 MW, 0.2 MEUR
     *   li 4 MWh, entry "battery" (300 EUR/kWh, 10 yr): 0.4 MWh, 0.12 MEUR
     *   na 10 MWh / 5 MW, entries "na cells" and "na inverter" (not
     *   "battery"): 1 MWh × 200,000 + 0.5 MW × 100,000 = 0.25 MEUR
     * 1.07 MEUR a year from 2021, none in 2020; the capital at r = 0 is the
     * same every year (capex × capacity / lifetime).
     * Jobs 2021: "pv" (from fleet.xml) on array: manufacturing 5 × 0.5 × 50 %
     * = 1.25, construction 10 × 0.5 = 5, operation 0.2 × 10 = 2; na cells:
     * 0.5 job-yr/MWh × 1 MWh × 100 % = 0.5; wood 1: 9.75.  2020: 2 + 1. */
    au_scenario *s = load("data/economics/battery-assets.xml");
    au_year_result r[NY];
    au_econ_summary sum;
    bare(s, r, &sum);
    ck_assert_double_eq_tol(r[0].invest_eur, 0.0, 1e-9);
    for (int k = 0; k < NY; k++)
        ck_assert_double_eq_tol(r[k].capital_eur, 1.07e6, 1e-6);
    ck_assert_double_eq_tol(r[1].invest_eur, 1.07e6, 1e-6);
    ck_assert_double_eq_tol(r[15].invest_eur, 1.07e6, 1e-6);
    ck_assert_double_eq_tol(r[1].jobs_manufacturing, 1.75, 1e-9);
    ck_assert_double_eq_tol(r[1].jobs, 9.75, 1e-9);
    ck_assert_double_eq_tol(r[1].jobs_pv, 8.25, 1e-9);
    ck_assert_double_eq_tol(r[1].jobs_storage, 0.5, 1e-9);
    ck_assert_double_eq_tol(r[0].jobs, 3.0, 1e-9);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_no_costs_no_figures)
{
    /* a scenario without <costs> or <emissions>: NAN, written empty */
    au_scenario *s = load("data/minimal.xml");
    au_year_result r[31];
    memset(r, 0, sizeof r);
    au_econ_summary sum;
    ck_assert_int_eq(au_economics(s, r, 31, &sum), AU_OK);
    ck_assert(isnan(r[3].cost_eur) && isnan(r[3].invest_eur) && isnan(r[3].jobs));
    ck_assert(isnan(sum.npc_eur) && isnan(sum.co2_t) && isnan(sum.job_years));
    au_scenario_free(s);
}
END_TEST

START_TEST(test_a_run_adds_up)
{
    /* fleet.xml run over its typical weather: every year's CO2 is its
     * electricity imports × 50 kg/MWh, the total their sum; each year's cost
     * is capital + O&M + energy − exports, energy = imports × 100 EUR/MWh +
     * 40,000 EUR of wood; cost per MWh over 8,760 MWh; the levelised cost
     * is the discounted capital, O&M and wood over the discounted P. */
    au_scenario *s = load("data/economics/fleet.xml");
    au_pathway p;
    au_diags d;
    au_diags_init(&d);
    au_run_opts o = {.samples = 0};
    ck_assert_int_eq(au_run(&s, 1, &o, &p, &d), AU_OK);
    au_diags_clear(&d);
    double co2 = 0, num = 0, den = 0;
    for (int k = 0; k < NY; k++) {
        const au_year_result *r = &p.res[k];
        ck_assert_double_eq_tol(r->co2_t, 0.05 * r->import_el_mwh, 1e-9);
        co2 += 0.05 * r->import_el_mwh;
        ck_assert_double_eq_tol(r->import_cost_eur, 100.0 * r->import_el_mwh, 1e-6);
        ck_assert_double_eq_tol(r->energy_cost_eur, 100.0 * r->import_el_mwh + 40000.0, 1e-6);
        ck_assert_double_eq_tol(r->cost_eur, r->capital_eur + r->om_eur + r->energy_cost_eur -
                                                 r->export_revenue_eur, 1e-6);
        ck_assert_double_eq_tol(r->cost_eur_per_mwh, r->cost_eur / r->final_energy_mwh, 1e-9);
        double dk = pow(1.05, -k);
        num += dk * (r->capital_eur + r->om_eur + 40000.0);
        den += dk * r->local_production_mwh;
    }
    ck_assert_double_eq_tol(p.econ.co2_t, co2, 1e-6);
    ck_assert_double_eq_tol(p.econ.lcoe_local_eur_per_mwh, num / den, 1e-9);
    au_pathway_clear(&p);
    au_scenario_free(s);
}
END_TEST

static Suite *economics_suite(void)
{
    Suite *su = suite_create("economics");
    TCase *tc = tcase_create("hand_cases");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_annuity);
    tcase_add_test(tc, test_investment_profile_of_a_growing_fleet);
    tcase_add_test(tc, test_net_present_cost);
    tcase_add_test(tc, test_replacement_inside_the_horizon);
    tcase_add_test(tc, test_entries_apply_to_the_most_specific_level);
    tcase_add_test(tc, test_no_costs_no_figures);
    tcase_add_test(tc, test_a_run_adds_up);
    suite_add_tcase(su, tc);
    return su;
}

AU_CHECK_MAIN(economics_suite)
