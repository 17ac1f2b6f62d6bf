/* check_engine.c: the hourly balance (engine.h) and the pathway (runner.h).
 *
 * Hand cases with exact expected numbers, worked out in the comments: a
 * battery that fills, empties and hits its power limit; 65 batteries that
 * all charge (no fixed limit of stores of a kind); a fuel budget that
 * runs out; an export limit that forces curtailment; an import limit that
 * leaves unserved energy.  In them the PV output is set by the test.
 * Properties of real runs of the shipped scenarios and of a storage-rich
 * variant: every hour of every balance closes, states of charge stay in
 * bounds, results do not depend on the number of threads. */
#include "test_util.h"

#include <math.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "autonomy/economics.h"
#include "autonomy/engine.h"
#include "autonomy/heat.h"
#include "autonomy/runner.h"
#include "autonomy/synth.h"

typedef struct hand {
    au_scenario *s;
    au_wsample *ws;
    au_profiles *p;
    au_demand_shapes *ds;
    au_engine_ws *e;
    double pv[AU_HOURS];
    au_year_result r;
} hand;

static hand *hand_load_file(const char *path)
{
    hand *h = calloc(1, sizeof *h);
    au_diags d;
    au_diags_init(&d);
    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(au_scenario_load(path, &h->s, &d), AU_OK);
    ck_assert_int_eq(au_wsample_load(h->s, 0, &h->ws, &d), AU_OK);
    ck_assert_int_eq(au_profiles_build(h->s, h->ws, NULL, &h->p, &d), AU_OK);
    ck_assert_int_eq(au_demand_shapes_build(h->s, &h->ds, &d), AU_OK);
    ck_assert_ptr_nonnull(h->e = au_engine_ws_alloc(h->s));
    h->p->pv[0] = h->pv; /* the test decides what the PV gives */
    au_diags_clear(&d);
    return h;
}

static hand *hand_load(const char *rel)
{
    return hand_load_file(au_test_path(rel));
}

static void hand_run(hand *h)
{
    au_diags d;
    au_diags_init(&d);
    au_status st = au_engine_year(h->s, h->p, h->ds, h->ws->heating_dh_sum, 2030, h->e, &h->r, &d);
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    ck_assert_int_eq(st, AU_OK);
    au_diags_clear(&d);
}

static void hand_free(hand *h)
{
    au_engine_ws_free(h->e);
    au_demand_shapes_free(h->ds);
    au_profiles_free(h->p);
    au_wsample_free(h->ws);
    au_scenario_free(h->s);
    free(h);
}

static const double *col(const hand *h, const char *name)
{
    for (size_t c = 0; c < au_engine_ncols(h->e); c++)
        if (strcmp(au_engine_col(h->e, c)->name, name) == 0)
            return au_engine_flow(h->e, c);
    ck_abort_msg("no column %s", name);
    return NULL;
}

#define EPS 1e-9

START_TEST(test_battery_fills_hits_its_power_limit_and_empties)
{
    /* PV 1 kW/kWp at 10:00-13:00 each day: 4 MW against a 1 MW load.
     * 00-09  deficit 1, battery empty: import 1
     * 10     surplus 3: charge 2 (power limit), SOC 1.8; export 1
     * 11     charge 2, SOC 3.6; export 1
     * 12     room (5 − 3.6)/0.9 = 1.5556: charge it, SOC 5 (full); export 1.4444
     * 13-16  deficit 1: discharge 1, SOC 5 − 1/0.9 per hour: 3.8889 2.7778 1.6667 0.5556
     * 17     available 0.5556·0.9 = 0.5: discharge 0.5, import 0.5, SOC 0 (empty)
     * 18-23  import 1 */
    hand *h = hand_load("data/engine/battery.xml");
    for (int t = 0; t < AU_HOURS; t++)
        h->pv[t] = (t % 24 >= 10 && t % 24 <= 12) ? 1.0 : 0.0;
    hand_run(h);
    const double *charge = col(h, "el_out_battery_b"), *dis = col(h, "el_in_battery_b");
    const double *soc = col(h, "soc_battery_b_mwh"), *imp = col(h, "el_in_import");
    const double *exp_ = col(h, "el_out_export");
    for (int day = 0; day < 365; day += 91) {
        int t0 = 24 * day;
        for (int k = 0; k < 10; k++)
            ck_assert_double_eq_tol(imp[t0 + k], 1.0, EPS);
        ck_assert_double_eq_tol(charge[t0 + 10], 2.0, EPS);
        ck_assert_double_eq_tol(soc[t0 + 10], 1.8, EPS);
        ck_assert_double_eq_tol(exp_[t0 + 10], 1.0, EPS);
        ck_assert_double_eq_tol(soc[t0 + 11], 3.6, EPS);
        ck_assert_double_eq_tol(charge[t0 + 12], 1.4 / 0.9, EPS);
        ck_assert_double_eq_tol(soc[t0 + 12], 5.0, EPS);
        ck_assert_double_eq_tol(exp_[t0 + 12], 3.0 - 1.4 / 0.9, EPS);
        ck_assert_double_eq_tol(dis[t0 + 13], 1.0, EPS);
        ck_assert_double_eq_tol(soc[t0 + 13], 5.0 - 1.0 / 0.9, EPS);
        ck_assert_double_eq_tol(soc[t0 + 16], 5.0 - 4.0 / 0.9, EPS);
        ck_assert_double_eq_tol(dis[t0 + 17], 0.5, EPS);
        ck_assert_double_eq_tol(imp[t0 + 17], 0.5, EPS);
        ck_assert_double_eq_tol(soc[t0 + 17], 0.0, EPS);
        ck_assert_double_eq_tol(imp[t0 + 20], 1.0, EPS);
    }
    /* a day: 10 + 0.5 + 6 = 16.5 MWh imported, 1 + 1 + 1.4444 exported */
    ck_assert_double_eq_tol(h->r.import_el_mwh, 365 * 16.5, 1e-6);
    ck_assert_double_eq_tol(h->r.export_el_mwh, 365 * (5.0 - 1.4 / 0.9), 1e-6);
    /* 4.5 MWh discharged a day, on 5 MWh: 0.9 equivalent cycles a day */
    ck_assert_double_eq_tol(h->r.battery_cycles, 365 * 0.9, 1e-6);
    hand_free(h);
}
END_TEST

START_TEST(test_sixty_five_batteries_all_take_their_share)
{
    /* The battery case with 65 batteries b1..b65 of 5 MWh / 2 MW, 0.9 each
     * way, empty at the start (no limit of 64 stores of a kind).  PV at
     * 10:00 of each day 32.75 kW/kWp on 4 MWp: 131 MW against a 1 MW load,
     * a surplus of 130 MW = 65 × 2 MW: every battery charges at its power
     * limit to 1.8 MWh, nothing is exported.  Before: 1 MW imported. */
    enum { N = 65 };
    static char xml[N * 400 + 2048];
    size_t k = (size_t)snprintf(
        xml, sizeof xml,
        "<scenario name=\"many\">\n"
        "  <territory name=\"Testville\" latitude=\"49.894 deg\" longitude=\"2.302 deg\" "
        "utc-offset=\"1 h\"><population>1000</population></territory>\n"
        "  <horizon start=\"2030\" end=\"2030\"/>\n"
        "  <demand><sector name=\"residential\"><use name=\"load\" type=\"electricity\" "
        "profile=\"flat\"><annual>8760 MWh</annual></use></sector></demand>\n"
        "  <generation><pv name=\"array\" tilt=\"35 deg\" azimuth=\"180 deg\">"
        "<capacity>4 MWp</capacity></pv></generation>\n"
        "  <storage>\n");
    for (int b = 1; b <= N; b++)
        k += (size_t)snprintf(xml + k, sizeof xml - k,
                              "    <battery name=\"b%d\" chemistry=\"custom\" "
                              "charge-efficiency=\"0.9\" discharge-efficiency=\"0.9\" "
                              "self-discharge=\"0 %%/h\" min-soc=\"0\" max-soc=\"1\" "
                              "initial-soc=\"0\"><energy>5 MWh</energy><power>2 MW</power>"
                              "</battery>\n",
                              b);
    snprintf(xml + k, sizeof xml - k,
             "  </storage>\n"
             "  <autonomy indicator=\"hourly-autonomy\" scope=\"electricity\" "
             "threshold=\"0.5\"/>\n"
             "</scenario>\n");
    char dir[32], path[300];
    au_test_mkdir(dir);
    au_test_write(dir, "many.xml", xml, path, sizeof path);
    hand *h = hand_load_file(path);
    ck_assert_uint_eq(h->s->n_batteries, N);
    for (int t = 0; t < AU_HOURS; t++)
        h->pv[t] = t % 24 == 10 ? 32.75 : 0.0;
    hand_run(h);
    ck_assert_double_eq_tol(col(h, "el_in_import")[9], 1.0, EPS);
    ck_assert_double_eq_tol(col(h, "el_out_export")[10], 0.0, EPS);
    ck_assert_double_eq_tol(col(h, "el_out_curtailment")[10], 0.0, EPS);
    for (int b = 1; b <= N; b++) {
        char name[64];
        snprintf(name, sizeof name, "el_out_battery_b%d", b);
        double charge = col(h, name)[10];
        snprintf(name, sizeof name, "soc_battery_b%d_mwh", b);
        double soc = col(h, name)[10];
        if (!(fabs(charge - 2.0) < EPS && fabs(soc - 1.8) < EPS))
            ck_abort_msg("battery b%d at 10:00: charge %g MW, SOC %g MWh (expected 2 and 1.8)",
                         b, charge, soc);
    }
    /* the first battery serves 11:00 */
    ck_assert_double_eq_tol(col(h, "el_in_battery_b1")[11], 1.0, EPS);
    ck_assert_double_eq_tol(col(h, "el_in_battery_b65")[11], 0.0, EPS);
    hand_free(h);
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_fuel_budget_goes_to_the_largest_deficits_and_runs_out)
{
    /* PV 0.2·k/23 kW/kWp at hour of day k: the deficit is 1 − 0.2 k/23,
     * largest at 00:00, then 01:00, then 02:00.  The budget gives 547.5 MWh:
     * 0.5 MW at 00, 01 and 02 of each of the 365 days, and nothing else. */
    hand *h = hand_load("data/engine/budget.xml");
    for (int t = 0; t < AU_HOURS; t++)
        h->pv[t] = 0.2 * (t % 24) / 23.0;
    hand_run(h);
    const double *plant = col(h, "el_in_plant_engine"), *imp = col(h, "el_in_import");
    double total = 0;
    for (int t = 0; t < AU_HOURS; t++) {
        double want = (t % 24) < 3 ? 0.5 : 0.0;
        ck_assert_msg(fabs(plant[t] - want) < EPS, "hour %d: plant %g, expected %g", t, plant[t],
                      want);
        ck_assert_double_eq_tol(imp[t], 1.0 - 0.2 * (t % 24) / 23.0 - want, EPS);
        total += plant[t];
    }
    ck_assert_double_eq_tol(total, 547.5, 1e-6);
    /* the budget is spent: 1,095 MWh of biogas, all local */
    ck_assert_double_eq_tol(h->r.fuel_use_mwh[AU_CARRIER_BIOGAS], 1095.0, 1e-6);
    ck_assert_double_eq_tol(h->r.fuel_import_mwh[AU_CARRIER_BIOGAS], 0.0, 1e-9);
    hand_free(h);
}
END_TEST

START_TEST(test_a_fuel_budget_shares_equal_deficits_earliest_first)
{
    /* No PV from 00:00 to 03:59: 1,460 hours short of 1 MW, all equal, the
     * largest; the budget gives 0.5 MW for 1,095 of them.  Equal deficits
     * are served earliest first: every day's four hours up to day 272
     * (1,092 hours), then 00:00-02:59 of day 273, nothing after. */
    hand *h = hand_load("data/engine/budget.xml");
    for (int t = 0; t < AU_HOURS; t++)
        h->pv[t] = (t % 24) < 4 ? 0.0 : 0.2 * (t % 24) / 23.0;
    hand_run(h);
    const double *plant = col(h, "el_in_plant_engine");
    for (int t = 0; t < AU_HOURS; t++) {
        double want = (t % 24) < 4 && t < 273 * 24 + 3 ? 0.5 : 0.0;
        if (fabs(plant[t] - want) > EPS)
            ck_abort_msg("hour %d: plant %g, expected %g", t, plant[t], want);
    }
    hand_free(h);
}
END_TEST

START_TEST(test_export_limit_curtails_and_import_limit_leaves_unserved)
{
    /* PV 1 kW/kWp at 12:00 only: 10 MW against 1 MW, 9 MW of surplus:
     * export 4 (the limit), curtail 5.  Other hours: a 1 MW deficit, import
     * 0.7 (the limit), unserved 0.3. */
    hand *h = hand_load("data/engine/limits.xml");
    for (int t = 0; t < AU_HOURS; t++)
        h->pv[t] = t % 24 == 12 ? 1.0 : 0.0;
    hand_run(h);
    const double *exp_ = col(h, "el_out_export"), *cur = col(h, "el_out_curtailment");
    const double *imp = col(h, "el_in_import"), *uns = col(h, "el_in_unserved");
    for (int t = 0; t < AU_HOURS; t++) {
        if (t % 24 == 12) {
            ck_assert_double_eq_tol(exp_[t], 4.0, EPS);
            ck_assert_double_eq_tol(cur[t], 5.0, EPS);
            ck_assert_double_eq_tol(imp[t], 0.0, EPS);
        } else {
            ck_assert_double_eq_tol(imp[t], 0.7, EPS);
            ck_assert_double_eq_tol(uns[t], 0.3, EPS);
        }
    }
    ck_assert_double_eq_tol(h->r.curtailment_mwh, 365 * 5.0, 1e-6);
    ck_assert_double_eq_tol(h->r.unserved_mwh, 365 * 23 * 0.3, 1e-6);
    ck_assert_double_eq_tol(h->r.peak_import_mw, 0.7, EPS);
    ck_assert_int_eq(h->r.hours_with_import, 365 * 23);
    /* D = 8760 MWh; P = 10 MWh a day less 5 curtailed = 5·365 MWh;
     * annual balance = 1825 / 8760 */
    ck_assert_double_eq_tol(h->r.final_energy_mwh, 8760.0, 1e-6);
    ck_assert_double_eq_tol(h->r.annual_balance, 1825.0 / 8760.0, 1e-9);
    hand_free(h);
}
END_TEST

START_TEST(test_costs_of_the_battery_case_worked_by_hand)
{
    /* The battery case (same flows) with costs:
     * PV 4 MW × 1e6 EUR/MW × crf(5 %, 25 yr) = 4e6 × 0.0709525 = 283,809.8
     * battery 5 MWh × 3e5 EUR/MWh × crf(5 %, 15 yr) = 1.5e6 × 0.0963423 = 144,513.4
     * imports 365 × 16.5 MWh × 100 EUR = 602,250
     * exports 365 × 3.4444 MWh × 40 EUR = 50,288.9 of revenue
     * total 980,284.4 EUR, over D = 8760 MWh
     * with crf(r, n) = r (1 + r)^n / ((1 + r)^n − 1) (MODEL.md §6) */
    hand *h = hand_load("data/engine/costs.xml");
    for (int t = 0; t < AU_HOURS; t++)
        h->pv[t] = (t % 24 >= 10 && t % 24 <= 12) ? 1.0 : 0.0;
    hand_run(h);
    double crf25 = 0.05 * pow(1.05, 25) / (pow(1.05, 25) - 1);
    double crf15 = 0.05 * pow(1.05, 15) / (pow(1.05, 15) - 1);
    ck_assert_double_eq_tol(crf25, 0.0709525, 1e-7);
    ck_assert_double_eq_tol(crf15, 0.0963423, 1e-7);
    double want = 4e6 * crf25 + 1.5e6 * crf15 + 365 * 16.5 * 100 - 365 * (5 - 1.4 / 0.9) * 40;
    ck_assert_double_eq_tol(want, 980284.4, 0.1);
    /* the engine: the energy bought and sold; au_economics: the rest, over
     * the one-year horizon (the capacity of 2030 is the stock in service) */
    ck_assert_double_eq_tol(h->r.import_cost_eur, 365 * 16.5 * 100, 1e-6);
    ck_assert_double_eq_tol(h->r.export_revenue_eur, 365 * (5 - 1.4 / 0.9) * 40, 1e-6);
    ck_assert(h->r.var_om_eur == 0.0);
    au_econ_summary sum;
    ck_assert_int_eq(au_economics(h->s, &h->r, 1, &sum), AU_OK);
    ck_assert_double_eq_tol(h->r.capital_eur, 4e6 * crf25 + 1.5e6 * crf15, 1e-6);
    ck_assert(h->r.invest_eur == 0.0);
    ck_assert_double_eq_tol(h->r.cost_eur, want, 1e-6);
    ck_assert_double_eq_tol(h->r.cost_eur_per_mwh, want / 8760.0, 1e-9);
    hand_free(h);
}
END_TEST

/* Writes a one-column per-unit series: 1 at 10:00-13:00 each day (times
 * `peak`), else 0, and a scenario that gives it to battery.xml's PV. */
static void measured_pv(const char *dir, double peak, char *scen, size_t n)
{
    static char csv[8760 * 8 + 64], xml[8192];
    size_t k = (size_t)snprintf(csv, sizeof csv, "# kW per kWp\nvalue\n");
    for (int t = 0; t < AU_HOURS; t++)
        k += (size_t)snprintf(csv + k, sizeof csv - k, "%g\n",
                              (t % 24 >= 10 && t % 24 <= 12) ? peak : 0.0);
    char path[300];
    au_test_write(dir, "pv.csv", csv, path, sizeof path);
    snprintf(xml, sizeof xml,
             "<scenario name=\"measured\" extends=\"%s\">\n"
             "  <generation><pv name=\"array\" profile-file=\"pv.csv\"/></generation>\n"
             "</scenario>\n", au_test_path("data/engine/battery.xml"));
    au_test_write(dir, "measured.xml", xml, scen, n);
}

START_TEST(test_a_measured_pv_series_replaces_the_pv_model)
{
    /* the battery case again, its PV read from a file: same imports */
    char dir[32], scen[300];
    au_test_mkdir(dir);
    measured_pv(dir, 1.0, scen, sizeof scen);
    au_scenario *s = NULL;
    au_pathway p;
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_scenario_load(scen, &s, &d), AU_OK);
    au_run_opts o = {.samples = 0, .threads = 1};
    ck_assert_int_eq(au_run(&s, 1, &o, &p, &d), AU_OK);
    ck_assert_double_eq_tol(au_pathway_result(&p, 0, 2030)->import_el_mwh, 365 * 16.5, 1e-6);
    au_pathway_clear(&p);
    au_scenario_free(s);
    /* a series in MW rather than per unit is refused when the scenario is
     * loaded, so that `validate` finds it */
    measured_pv(dir, 4.0, scen, sizeof scen);
    ck_assert_int_eq(au_scenario_load(scen, &s, &d), AU_EINVAL);
    ck_assert_ptr_null(s);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_ptr_nonnull(strstr(d.items[0].msg, "the profile reaches 4 (expected output per unit"));
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

/* A scenario whose load follows demand.csv (the battery case's flat load
 * replaced), demand.csv holding `body`. */
static void measured_demand(const char *dir, const char *body, char *scen, size_t n)
{
    static char xml[8192];
    char path[300];
    au_test_write(dir, "demand.csv", body, path, sizeof path);
    snprintf(xml, sizeof xml,
             "<scenario name=\"measured-demand\" extends=\"%s\">\n"
             "  <demand><sector name=\"residential\"><use name=\"measured\" type=\"electricity\"\n"
             "    profile-file=\"demand.csv\"><annual>8760 MWh</annual></use></sector></demand>\n"
             "</scenario>\n", au_test_path("data/engine/battery.xml"));
    au_test_write(dir, "measured-demand.xml", xml, scen, n);
}

START_TEST(test_a_bad_demand_profile_is_refused_when_the_scenario_is_loaded)
{
    /* issue 11: profile files are read with the scenario, so that
     * `validate` catches what `run` would */
    static char csv[8760 * 4 + 64];
    char dir[32], scen[300];
    au_test_mkdir(dir);
    au_scenario *s = NULL;
    au_diags d;
    au_diags_init(&d);
    /* a word on the third line of values */
    size_t k = (size_t)snprintf(csv, sizeof csv, "value\n1\n1\nabc\n");
    for (int t = 3; t < AU_HOURS; t++)
        k += (size_t)snprintf(csv + k, sizeof csv - k, "1\n");
    measured_demand(dir, csv, scen, sizeof scen);
    ck_assert_int_eq(au_scenario_load(scen, &s, &d), AU_EINVAL);
    ck_assert_ptr_null(s);
    ck_assert_uint_ge(d.n, 1);
    ck_assert_ptr_nonnull(strstr(d.items[0].file, "demand.csv"));
    ck_assert_int_eq(d.items[0].line, 4);
    au_diags_clear(&d);
    /* zero in every hour: no shape to spread a consumption over */
    k = (size_t)snprintf(csv, sizeof csv, "value\n");
    for (int t = 0; t < AU_HOURS; t++)
        k += (size_t)snprintf(csv + k, sizeof csv - k, "0\n");
    measured_demand(dir, csv, scen, sizeof scen);
    ck_assert_int_eq(au_scenario_load(scen, &s, &d), AU_EINVAL);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_ptr_nonnull(strstr(d.items[0].msg, "the profile is zero in every hour"));
    au_diags_clear(&d);
    /* a good one loads, and the scenario holds its hours */
    k = (size_t)snprintf(csv, sizeof csv, "value\n");
    for (int t = 0; t < AU_HOURS; t++)
        k += (size_t)snprintf(csv + k, sizeof csv - k, "%d\n", 1 + t % 2);
    measured_demand(dir, csv, scen, sizeof scen);
    ck_assert_int_eq(au_scenario_load(scen, &s, &d), AU_OK);
    ck_assert_ptr_nonnull(s->uses[1].profile_data);
    ck_assert_double_eq(s->uses[1].profile_data[0], 1.0);
    ck_assert_double_eq(s->uses[1].profile_data[8759], 2.0);
    au_scenario_free(s);
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_autonomy_year_is_reached_and_kept)
{
    const int a[] = {0, 1, 0, 1, 1, 1};
    const int b[] = {0, 0, 0, 0, 0, 0};
    const int c[] = {1, 1, 1};
    const int e[] = {1, 1, 0};
    ck_assert_int_eq(au_autonomy_year(a, 6, 2045), 2048);
    ck_assert_int_eq(au_autonomy_year(b, 6, 2045), 0);
    ck_assert_int_eq(au_autonomy_year(c, 3, 2020), 2020);
    ck_assert_int_eq(au_autonomy_year(e, 3, 2020), 0); /* reached but not kept */
}
END_TEST

/* ---- the reference climate of heating (MODEL.md §4) ---- */

/* A plain CSV weather year in dir/name: no sun, wind 3 m/s, the
 * temperature of each hour from temp[h]. */
static void weather_csv(const char *dir, const char *name, const double *temp)
{
    char path[300];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("# utc_offset_h: 1\nhour,ghi_w_m2,temp_c,wind10_m_s\n", f);
    for (int h = 0; h < AU_HOURS; h++)
        fprintf(f, "%d,0,%.17g,3\n", h, temp[h]);
    ck_assert_int_eq(fclose(f), 0);
}

/* A plain CSV weather year in dir/name at temp_c every hour. */
static void constant_weather(const char *dir, const char *name, double temp_c)
{
    static double t[AU_HOURS];
    for (int h = 0; h < AU_HOURS; h++)
        t[h] = temp_c;
    weather_csv(dir, name, t);
}

/* The electricity of 2030 of the one-use scenario at path (its use of type
 * `type`), MWh. */
static double electricity_2030(const char *path, au_use_type type)
{
    au_scenario *s = NULL;
    au_pathway p;
    au_diags d;
    au_diags_init(&d);
    au_status st = au_scenario_load(path, &s, &d);
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    ck_assert_int_eq(st, AU_OK);
    ck_assert_int_eq(s->uses[0].type, type);
    au_run_opts o = {.samples = 0, .threads = 1};
    ck_assert_int_eq(au_run(&s, 1, &o, &p, &d), AU_OK);
    double el = au_pathway_result(&p, 0, 2030)->final_el_mwh;
    au_pathway_clear(&p);
    au_scenario_free(s);
    au_diags_clear(&d);
    return el;
}

/* Space heating of 100 GWh of heat in the reference climate, all by
 * direct electric heating (efficiency 1), on the weather file `weather`;
 * ref is the reference-degree-days attribute or NULL.  Returns the
 * heating's electricity in 2030, MWh. */
static double heating_on(const char *dir, const char *weather, const char *ref)
{
    char text[2048], path[300];
    snprintf(text, sizeof text,
             "<scenario name=\"heating\">\n"
             "  <territory name=\"T\" latitude=\"49.894 deg\" longitude=\"2.302 deg\" "
             "utc-offset=\"1 h\"><population>1000</population></territory>\n"
             "  <horizon start=\"2030\" end=\"2030\"/>\n"
             "  <weather source=\"csv\" file=\"%s\"/>\n"
             "  <demand%s%s%s>\n"
             "    <sector name=\"residential\">\n"
             "      <use name=\"heating\" type=\"space-heating\" mix=\"homes\">"
             "<annual>100 GWh</annual></use>\n"
             "    </sector>\n"
             "  </demand>\n"
             "  <heat-supply><mix name=\"homes\"><share tech=\"direct-electric\" "
             "efficiency=\"1\">1</share></mix></heat-supply>\n"
             "  <autonomy indicator=\"annual-balance\" threshold=\"1.0\"/>\n"
             "</scenario>\n",
             weather, ref ? " reference-degree-days=\"" : "", ref ? ref : "", ref ? "\"" : "");
    au_test_write(dir, "heating.xml", text, path, sizeof path);
    return electricity_2030(path, AU_USE_SPACE_HEATING);
}

START_TEST(test_heating_follows_the_degree_days_of_the_weather_against_the_reference)
{
    char dir[32];
    au_test_mkdir(dir);
    double *t = malloc(AU_HOURS * sizeof *t), *dh = malloc(AU_HOURS * sizeof *dh);
    ck_assert(t && dh);
    /* By hand: a constant 5 °C gives 15 - 5 = 10 K every hour (base 15 °C,
     * heat.c), 3,650 K·day a year; 7 °C gives 8 K, 2,920 K·day.  Against a
     * reference of 3,650 K·day: 100 GWh and 80 GWh. */
    constant_weather(dir, "five.csv", 5.0);
    constant_weather(dir, "seven.csv", 7.0);
    ck_assert_double_eq_tol(heating_on(dir, "five.csv", "3650 K.day"), 100000.0, 1e-6);
    ck_assert_double_eq_tol(heating_on(dir, "seven.csv", "3650 K.day"), 80000.0, 1e-6);
    ck_assert_double_eq_tol(heating_on(dir, "seven.csv", "87600 K.h"), 80000.0, 1e-6);

    /* A real winter made 2 K warmer from November to March: heating falls
     * by the ratio of the degree-days (the model's degree-hours, heat.h),
     * whatever the reference; and without a stated reference, the
     * reference is the synthetic typical year at the territory. */
    au_sunpath *sun = malloc(sizeof *sun);
    au_weather *w = malloc(sizeof *w);
    ck_assert(sun && w);
    ck_assert_int_eq(au_sunpath_compute(49.894, 2.302, 0, 1, 0.5, sun), AU_OK);
    /* seed 0: a scenario's seed when it gives none */
    ck_assert_int_eq(au_synth_generate(au_synth_amiens(), sun, 0, 0, w), AU_OK);
    au_heating_params hp = au_heating_defaults();
    double typical = au_heating_degree_hours(&hp, w->temp_c, AU_HOURS, dh);
    weather_csv(dir, "typical.csv", w->temp_c);
    for (int h = 0; h < AU_HOURS; h++)
        t[h] = w->temp_c[h] + (h < 90 * 24 || h >= 304 * 24 ? 2.0 : 0.0);
    double warm = au_heating_degree_hours(&hp, t, AU_HOURS, dh);
    weather_csv(dir, "warm.csv", t);
    double a = heating_on(dir, "typical.csv", "1800 K.day");
    double b = heating_on(dir, "warm.csv", "1800 K.day");
    printf("reference climate: typical year %.1f K·day, 2 K warmer Nov-Mar %.1f K·day; heating "
           "%.1f -> %.1f GWh\n", typical / 24, warm / 24, a / 1000, b / 1000);
    ck_assert(warm < 0.9 * typical); /* about 2 K × 151 days less */
    ck_assert_double_eq_tol(b / a, warm / typical, 1e-9);
    ck_assert_double_eq_tol(a, 100000.0 * typical / (24 * 1800.0), 1e-6);
    /* no reference given: the synthetic typical year's own degree-days */
    ck_assert_double_eq_tol(heating_on(dir, "typical.csv", NULL), 100000.0, 1e-6);
    ck_assert_double_eq_tol(heating_on(dir, "warm.csv", NULL), 100000.0 * warm / typical, 1e-6);
    free(sun);
    free(w);
    free(t);
    free(dh);
    au_test_rmdir(dir);
}
END_TEST

/* Air conditioning of 10 GWh of electricity in the reference climate (the
 * synthetic typical year at the territory, seed 0), on the weather file
 * `weather`, or on the synthetic weather when it is NULL.  Returns the
 * year's electricity, MWh. */
static double cooling_on(const char *dir, const char *weather)
{
    char text[2048], path[300], src[400];
    if (weather != NULL)
        snprintf(src, sizeof src, "source=\"csv\" file=\"%s\"", weather);
    else
        snprintf(src, sizeof src, "source=\"synthetic\" seed=\"0\"");
    snprintf(text, sizeof text,
             "<scenario name=\"cooling\">\n"
             "  <territory name=\"T\" latitude=\"49.894 deg\" longitude=\"2.302 deg\" "
             "utc-offset=\"1 h\"><population>1000</population></territory>\n"
             "  <horizon start=\"2030\" end=\"2030\"/>\n"
             "  <weather %s/>\n"
             "  <demand>\n"
             "    <sector name=\"tertiary\">\n"
             "      <use name=\"air conditioning\" type=\"space-cooling\">"
             "<annual>10 GWh</annual></use>\n"
             "    </sector>\n"
             "  </demand>\n"
             "  <autonomy indicator=\"annual-balance\" threshold=\"1.0\"/>\n"
             "</scenario>\n",
             src);
    au_test_write(dir, "cooling.xml", text, path, sizeof path);
    return electricity_2030(path, AU_USE_SPACE_COOLING);
}

START_TEST(test_cooling_follows_the_degree_hours_of_the_weather_against_the_typical_year)
{
    char dir[32];
    au_test_mkdir(dir);
    double *c = malloc(AU_HOURS * sizeof *c);
    au_sunpath *sun = malloc(sizeof *sun);
    au_weather *w = malloc(sizeof *w);
    ck_assert(c && sun && w);
    /* the reference: the synthetic typical year at the territory, seed 0 */
    ck_assert_int_eq(au_sunpath_compute(49.894, 2.302, 0, 1, 0.5, sun), AU_OK);
    ck_assert_int_eq(au_synth_generate(au_synth_amiens(), sun, 0, 0, w), AU_OK);
    double ref = au_cooling_degree_hours(w->temp_c, AU_HOURS, c);
    printf("cooling reference: the typical year (seed 0) has %.1f weighted K·h above 20 °C\n",
           ref);
    ck_assert(ref > 0);
    weather_csv(dir, "typical.csv", w->temp_c);
    /* By hand: 20 °C all year is never above the base: nothing; 22 °C is
     * 2 K every hour, the hour-of-day factors averaging 1 over the year's
     * whole days: 17,520 K·h, so 10 GWh x 17,520 / ref. */
    constant_weather(dir, "twenty.csv", 20.0);
    constant_weather(dir, "hot.csv", 22.0);
    ck_assert_double_eq(cooling_on(dir, "twenty.csv"), 0.0);
    ck_assert_double_eq_tol(cooling_on(dir, "hot.csv"), 10000.0 * 17520.0 / ref, 1e-6);
    /* the reference climate itself, as a file or as the synthetic weather */
    ck_assert_double_eq_tol(cooling_on(dir, "typical.csv"), 10000.0, 1e-6);
    ck_assert_double_eq_tol(cooling_on(dir, NULL), 10000.0, 1e-6);
    free(sun);
    free(w);
    free(c);
    au_test_rmdir(dir);
}
END_TEST

/* ---- properties of real runs ---- */

static void run_all(const char *rel, int samples, int threads, au_scenario **s, au_pathway *p)
{
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_scenario_load(au_test_path(rel), s, &d), AU_OK);
    au_run_opts o = {.samples = samples, .threads = threads, .keep_samples = 1};
    au_status st = au_run(s, 1, &o, p, &d);
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    ck_assert_int_eq(st, AU_OK);
    au_diags_clear(&d);
}

static const char *const real[] = {"../scenarios/amiens-baseline.xml",
                                   "../scenarios/amiens-roadmap.xml",
                                   "data/engine/storage-rich.xml"};

START_TEST(test_every_hour_of_every_year_balances_in_real_runs)
{
    /* the engine refuses to return a year whose balance does not close to
     * 1e-9; here we also look at how far from exact the worst hour was */
    au_scenario *s = NULL;
    au_pathway p;
    run_all(real[_i], 2, 0, &s, &p);
    for (int k = 0; k <= p.n_samples; k++)
        for (int y = s->year_start; y <= s->year_end; y++) {
            const au_year_result *r = au_pathway_result(&p, k, y);
            ck_assert_msg(r->max_residual < 1e-12, "%s %d sample %d: residual %g", s->name, y, k,
                          r->max_residual);
            ck_assert(r->final_energy_mwh > 0 && r->local_production_mwh >= 0);
            ck_assert(r->annual_balance >= 0 && r->hourly_autonomy <= 1);
            ck_assert(r->curtailment_mwh >= 0 && r->unserved_mwh >= 0);
        }
    au_pathway_clear(&p);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_the_balance_check_finds_every_fault_put_in_the_table)
{
    /* issue 12: the check reads the table in blocks and flags a block by
     * coarse tests; here faults are put in a real year's table, one at a
     * time, at the start, middle and end of blocks, and each must be found
     * at its hour; values the check tolerates must pass */
    au_diags d;
    au_diags_init(&d);
    au_scenario *s = NULL;
    ck_assert_int_eq(au_scenario_load(au_test_path(real[2]), &s, &d), AU_OK);
    au_engine_ws *ws = NULL;
    au_year_result r;
    double res;
    ck_assert_int_eq(au_run_hourly(s, 2040, &ws, &r, &d), AU_OK);
    ck_assert_int_eq(au_engine_check(s, 2040, ws, &res, &d), AU_OK);
    ck_assert_double_eq(res, r.max_residual);
    size_t el_in = SIZE_MAX, soc = SIZE_MAX;
    for (size_t c = 0; c < au_engine_ncols(ws); c++) {
        au_flow_kind k = au_engine_col(ws, c)->kind;
        if (k == AU_FLOW_EL_IN && el_in == SIZE_MAX)
            el_in = c;
        if (k == AU_FLOW_SOC && soc == SIZE_MAX)
            soc = c;
    }
    ck_assert(el_in != SIZE_MAX && soc != SIZE_MAX);
    static const int hours[] = {0, 255, 256, 4000, 8759};
    const struct {
        size_t col;
        double add;         /* added to the flow; NAN and INFINITY replace it */
        int found;
        const char *what;
    } faults[] = {
        {el_in, NAN, 1, "is nan"},
        {el_in, INFINITY, 1, "is inf"},
        {soc, NAN, 1, "is nan"},
        {el_in, 1.0, 1, "does not close"},
        {el_in, 1e-12, 0, NULL},        /* within the balance's 1e-9 */
    };
    for (size_t f = 0; f < sizeof faults / sizeof faults[0]; f++)
        for (size_t i = 0; i < sizeof hours / sizeof hours[0]; i++) {
            int h = hours[i];
            double *v = (double *)au_engine_flow(ws, faults[f].col), keep = v[h];
            v[h] = isfinite(faults[f].add) ? keep + faults[f].add : faults[f].add;
            au_diags_clear(&d);
            au_status st = au_engine_check(s, 2040, ws, &res, &d);
            v[h] = keep;
            if (!faults[f].found) {
                ck_assert_msg(st == AU_OK, "fault %zu at hour %d reported", f, h);
                continue;
            }
            char at[32];
            snprintf(at, sizeof at, "hour %d:", h);
            ck_assert_msg(st == AU_EINTERNAL && d.n == 1, "fault %zu at hour %d: status %d", f,
                          h, st);
            ck_assert_msg(strstr(d.items[0].msg, at) && strstr(d.items[0].msg, faults[f].what),
                          "fault %zu at hour %d: %s", f, h, d.items[0].msg);
        }
    /* a negative flow: an electricity input made negative and its balance
     * kept closed by lowering an output by as much */
    size_t el_out = SIZE_MAX;
    for (size_t c = 0; c < au_engine_ncols(ws) && el_out == SIZE_MAX; c++)
        if (au_engine_col(ws, c)->kind == AU_FLOW_EL_OUT && au_engine_flow(ws, c)[300] > 1.0)
            el_out = c;
    ck_assert(el_out != SIZE_MAX);
    double *vi = (double *)au_engine_flow(ws, el_in), *vo = (double *)au_engine_flow(ws, el_out);
    double ki = vi[300], ko = vo[300];
    const double neg[] = {-1e-6, -5e-10};   /* found; tolerated (above -1e-9) */
    for (int j = 0; j < 2; j++) {
        vi[300] = neg[j];
        vo[300] = ko - (ki - neg[j]);
        au_diags_clear(&d);
        au_status st = au_engine_check(s, 2040, ws, &res, &d);
        if (j == 0)
            ck_assert_msg(st == AU_EINTERNAL && d.n == 1 &&
                          strstr(d.items[0].msg, "hour 300:") &&
                          strstr(d.items[0].msg, "non-negative"), "negative flow: %s",
                          d.n ? d.items[0].msg : "not found");
        else
            ck_assert_int_eq(st, AU_OK);
    }
    vi[300] = ki;
    vo[300] = ko;
    au_engine_ws_free(ws);
    au_scenario_free(s);
    au_diags_clear(&d);
}
END_TEST

START_TEST(test_hourly_flows_balance_and_states_of_charge_stay_in_bounds)
{
    au_diags d;
    au_diags_init(&d);
    au_scenario *s = NULL;
    ck_assert_int_eq(au_scenario_load(au_test_path(real[2]), &s, &d), AU_OK);
    for (int y = 2030; y <= 2050; y += 20) {
        au_engine_ws *ws = NULL;
        au_year_result r;
        ck_assert_int_eq(au_run_hourly(s, y, &ws, &r, &d), AU_OK);
        for (int h = 0; h < AU_HOURS; h++) {
            double ei = 0, eo = 0, hi = 0, ho = 0;
            for (size_t c = 0; c < au_engine_ncols(ws); c++) {
                const au_flow_col *fc = au_engine_col(ws, c);
                double v = au_engine_flow(ws, c)[h];
                ck_assert(isfinite(v));
                if (fc->kind == AU_FLOW_EL_IN)
                    ei += v;
                else if (fc->kind == AU_FLOW_EL_OUT)
                    eo += v;
                else if (fc->kind == AU_FLOW_HEAT_IN)
                    hi += v;
                else if (fc->kind == AU_FLOW_HEAT_OUT)
                    ho += v;
                if (fc->kind != AU_FLOW_SOC)
                    ck_assert_msg(v >= -1e-12, "%s = %g at hour %d", fc->name, v, h);
            }
            ck_assert_msg(fabs(ei - eo) <= 1e-9 * fmax(ei, 1), "electricity hour %d: %g vs %g", h,
                          ei, eo);
            ck_assert_msg(fabs(hi - ho) <= 1e-9 * fmax(hi, 1), "heat hour %d: %g vs %g", h, hi, ho);
        }
        /* states of charge within [0, max] of their capacity */
        for (size_t b = 0; b < s->n_batteries; b++) {
            char name[96];
            snprintf(name, sizeof name, "soc_battery_%s_mwh", s->batteries[b].name);
            double e = au_traj_eval(&s->batteries[b].energy_mwh, y);
            for (size_t c = 0; c < au_engine_ncols(ws); c++)
                if (strcmp(au_engine_col(ws, c)->name, name) == 0)
                    for (int h = 0; h < AU_HOURS; h++) {
                        double v = au_engine_flow(ws, c)[h];
                        ck_assert(v >= -1e-9 && v <= s->batteries[b].p.soc_max * e + 1e-9);
                    }
        }
        au_engine_ws_free(ws);
    }
    au_diags_clear(&d);
    au_scenario_free(s);
}
END_TEST

/* Every column the engine makes belongs to a family of the table in
 * engine.h: its kind is the family's, its name has the family's prefix and
 * suffix; and the scenarios below between them use every family. */
START_TEST(test_the_family_table_covers_every_column_the_engine_makes)
{
    static const char *const files[] = {"../scenarios/amiens-baseline.xml",
                                        "../scenarios/amiens-roadmap.xml",
                                        "../scenarios/amiens-autonomy-2050.xml",
                                        "data/engine/storage-rich.xml",
                                        "data/engine/fixed-mixed.xml"};
    int seen[AU_FAM_COUNT] = {0};
    au_diags d;
    au_diags_init(&d);
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        au_scenario *s = NULL;
        ck_assert_int_eq(au_scenario_load(au_test_path(files[k]), &s, &d), AU_OK);
        au_engine_ws *ws = au_engine_ws_alloc(s);
        ck_assert_ptr_nonnull(ws);
        au_flow_table t = au_engine_table(ws);
        ck_assert_uint_eq(t.ncols, au_engine_ncols(ws));
        for (size_t c = 0; c < t.ncols; c++) {
            const au_flow_col *fc = &t.cols[c];
            ck_assert_msg((unsigned)fc->family < AU_FAM_COUNT, "%s: no family", fc->name);
            const au_flow_family_info *fi = au_flow_family_get(fc->family);
            size_t n = strlen(fc->name), np = strlen(fi->prefix), ns = strlen(fi->suffix);
            ck_assert_msg(fc->kind == fi->kind, "%s: kind %d, family %s's %d", fc->name,
                          (int)fc->kind, fi->id, (int)fi->kind);
            ck_assert_msg(strncmp(fc->name, fi->prefix, np) == 0 && n >= np + ns,
                          "%s: not of family %s (%s)", fc->name, fi->id, fi->prefix);
            ck_assert_msg(strcmp(fc->name + n - ns, fi->suffix) == 0 ||
                              (ns > 0 && strstr(fc->name, fi->suffix) != NULL),
                          "%s: family %s ends with %s", fc->name, fi->id, fi->suffix);
            seen[fc->family] = 1;
        }
        au_engine_ws_free(ws);
        au_scenario_free(s);
    }
    for (int f = 0; f < AU_FAM_COUNT; f++)
        ck_assert_msg(seen[f], "family %s made no column", au_flow_family_get(f)->id);
    au_diags_clear(&d);
}
END_TEST

/* Adjacent families of the same members go member by member: fixed sources
 * keep their order whatever their output. */
START_TEST(test_fixed_sources_keep_their_order_across_families)
{
    au_diags d;
    au_diags_init(&d);
    au_scenario *s = NULL;
    ck_assert_int_eq(au_scenario_load(au_test_path("data/engine/fixed-mixed.xml"), &s, &d),
                     AU_OK);
    au_engine_ws *ws = au_engine_ws_alloc(s);
    ck_assert_ptr_nonnull(ws);
    static const char *const want[] = {"heat_in_fixed_methanisation_chp_heat",
                                       "el_in_fixed_small_hydro", "heat_in_fixed_waste_heat"};
    static const au_flow_family fam[] = {AU_FAM_FIXED_HEAT, AU_FAM_FIXED_EL,
                                         AU_FAM_FIXED_HEAT};
    size_t c = 0;
    while (c < au_engine_ncols(ws) && strcmp(au_engine_col(ws, c)->name, want[0]) != 0)
        c++;
    ck_assert_uint_lt(c + 2, au_engine_ncols(ws));
    for (size_t k = 0; k < 3; k++) {
        ck_assert_str_eq(au_engine_col(ws, c + k)->name, want[k]);
        ck_assert_int_eq(au_engine_col(ws, c + k)->family, fam[k]);
    }
    ck_assert_int_eq(au_engine_col(ws, c + 3)->family, AU_FAM_PLANT_EL);
    au_engine_ws_free(ws);
    au_scenario_free(s);
    au_diags_clear(&d);
}
END_TEST

/* The runner keeps the typical-year flow tables asked for, the same as a
 * run of that year alone, and only those. */
START_TEST(test_the_runner_keeps_the_flow_tables_asked_for)
{
    au_diags d;
    au_diags_init(&d);
    au_scenario *s = NULL;
    ck_assert_int_eq(au_scenario_load(au_test_path(real[2]), &s, &d), AU_OK);
    static const int years[] = {2030, 2030, 1900};
    static const unsigned char last[] = {1};
    au_run_opts o = {.samples = 1, .threads = 2, .keep_years = years, .n_keep = 3,
                     .keep_last = last};
    au_pathway p;
    ck_assert_int_eq(au_run(&s, 1, &o, &p, &d), AU_OK);
    ck_assert_uint_eq(p.n_flows, 2); /* 2030 once, the last year; 1900 is outside */
    ck_assert_ptr_null(au_pathway_flows(&p, 2040));
    ck_assert_ptr_null(au_pathway_flows(&p, 1900));
    ck_assert_ptr_nonnull(au_pathway_flows(&p, s->year_end));
    const au_flow_table *kept = au_pathway_flows(&p, 2030);
    ck_assert_ptr_nonnull(kept);
    au_engine_ws *ws = NULL;
    au_year_result r;
    ck_assert_int_eq(au_run_hourly(s, 2030, &ws, &r, &d), AU_OK);
    au_flow_table alone = au_engine_table(ws);
    ck_assert_int_eq(kept->year, 2030);
    ck_assert_uint_eq(kept->ncols, alone.ncols);
    for (size_t c = 0; c < alone.ncols; c++) {
        ck_assert_str_eq(kept->cols[c].name, alone.cols[c].name);
        ck_assert_int_eq(kept->cols[c].family, alone.cols[c].family);
    }
    ck_assert_int_eq(memcmp(kept->flow, alone.flow, alone.ncols * AU_HOURS * sizeof(double)), 0);
    au_engine_ws_free(ws);
    /* a pathway read back keeps a year with au_run_keep */
    au_pathway q = {0};
    ck_assert_int_eq(au_run_keep(s, 2030, &q, &d), AU_OK);
    ck_assert_ptr_nonnull(au_pathway_flows(&q, 2030));
    ck_assert_int_eq(memcmp(au_pathway_flows(&q, 2030)->flow, kept->flow,
                            kept->ncols * AU_HOURS * sizeof(double)), 0);
    au_pathway_clear(&q);
    au_pathway_clear(&p);
    au_scenario_free(s);
    au_diags_clear(&d);
}
END_TEST

START_TEST(test_a_year_is_the_same_with_or_without_its_flow_table)
{
    /* the years whose hours nobody asked for run block by block in a small
     * buffer: every figure of every year (a stochastic sample, so fuel
     * budgets, heat pumps and stores all move) must be the same bits as
     * with the whole table written */
    au_diags d;
    au_diags_init(&d);
    au_scenario *s = NULL;
    ck_assert_int_eq(au_scenario_load(au_test_path(real[_i]), &s, &d), AU_OK);
    au_wsample *typ = NULL, *w = NULL;
    au_profiles *ptyp = NULL, *p = NULL;
    au_demand_shapes *ds = NULL;
    double ref = 0;
    ck_assert_int_eq(au_wsample_load(s, 0, &typ, &d), AU_OK);
    ck_assert_int_eq(au_heating_reference(s, typ, &ref, &d), AU_OK);
    ck_assert_int_eq(au_profiles_build(s, typ, NULL, &ptyp, &d), AU_OK);
    ck_assert_int_eq(au_wsample_load(s, 3, &w, &d), AU_OK);
    ck_assert_int_eq(au_profiles_build(s, w, ptyp, &p, &d), AU_OK);
    ck_assert_int_eq(au_demand_shapes_build(s, &ds, &d), AU_OK);
    au_engine_ws *with = au_engine_ws_alloc(s), *without = au_engine_ws_alloc(s);
    ck_assert(with != NULL && without != NULL);
    au_engine_ws_write_table(without, 0);
    for (int y = s->year_start; y <= s->year_end; y++) {
        au_year_result a, b;
        ck_assert_int_eq(au_engine_year(s, p, ds, ref, y, with, &a, &d), AU_OK);
        ck_assert_int_eq(au_engine_year(s, p, ds, ref, y, without, &b, &d), AU_OK);
        ck_assert_msg(memcmp(&a, &b, sizeof a) == 0, "%s %d: results differ", s->name, y);
        ck_assert_ptr_nonnull(au_engine_table(with).flow);
        ck_assert_ptr_null(au_engine_table(without).flow);
        ck_assert_ptr_null(au_engine_flow(without, 0));
        double res = 1;
        au_diags none;
        au_diags_init(&none);
        ck_assert_int_eq(au_engine_check(s, y, without, &res, &none), AU_EINVAL);
        ck_assert_int_eq(au_engine_check(s, y, with, &res, &none), AU_OK);
        ck_assert(res == a.max_residual);
        au_diags_clear(&none);
        /* the table's columns sum to what the year reports */
        double imp = 0;
        for (size_t c = 0; c < au_engine_ncols(with); c++)
            if (strcmp(au_engine_col(with, c)->name, "el_in_import") == 0)
                for (int h = 0; h < AU_HOURS; h++)
                    imp += au_engine_flow(with, c)[h];
        ck_assert(imp == a.import_el_mwh);
    }
    au_engine_ws_free(with);
    au_engine_ws_free(without);
    au_demand_shapes_free(ds);
    au_profiles_free(p);
    au_profiles_free(ptyp);
    au_wsample_free(w);
    au_wsample_free(typ);
    au_scenario_free(s);
    au_diags_clear(&d);
}
END_TEST

START_TEST(test_a_run_without_the_samples_results_gives_the_same_pathway)
{
    /* the tables need only each sample's criterion value: a run that keeps
     * no more (its values in a temporary file, read back in rounds) gives
     * the same typical year, and the probabilities, percentiles (GSL's, of
     * the kept samples' values sorted here) and value at confidence of the
     * run that keeps every sample; 10 samples on 2 threads are 2 rounds (of
     * 8, then 2) */
    au_scenario *s = NULL;
    au_pathway all, lean;
    const int ns = 10;
    run_all(real[1], ns, 2, &s, &all);
    au_diags d;
    au_diags_init(&d);
    au_run_opts o = {.samples = ns, .threads = 2};
    ck_assert_int_eq(au_run(&s, 1, &o, &lean, &d), AU_OK);
    ck_assert_ptr_null(au_pathway_result(&lean, 1, s->year_start));
    ck_assert_ptr_nonnull(au_pathway_result(&all, ns, s->year_end));
    double vals[10];
    int varied = 0;
    for (int i = 0; i < all.n_years; i++) {
        int y = s->year_start + i, met = 0;
        ck_assert(memcmp(au_pathway_result(&all, 0, y), au_pathway_result(&lean, 0, y),
                         sizeof(au_year_result)) == 0);
        for (int k = 1; k <= ns; k++) {
            vals[k - 1] = au_criterion_value(&s->criterion, au_pathway_result(&all, k, y));
            met += vals[k - 1] >= s->criterion.threshold;
        }
        gsl_sort(vals, 1, (size_t)ns);
        varied += vals[0] != vals[ns - 1];
        int kk = (int)ceil(s->criterion.confidence * ns - 1e-9);
        ck_assert(lean.probability[i] == (double)met / ns);
        ck_assert(lean.p10[i] == gsl_stats_quantile_from_sorted_data(vals, 1, (size_t)ns, 0.1));
        ck_assert(lean.p50[i] == gsl_stats_quantile_from_sorted_data(vals, 1, (size_t)ns, 0.5));
        ck_assert(lean.p90[i] == gsl_stats_quantile_from_sorted_data(vals, 1, (size_t)ns, 0.9));
        ck_assert(lean.at_confidence[i] == vals[ns - (kk < 1 ? 1 : kk)]);
        ck_assert(all.probability[i] == lean.probability[i] && all.p10[i] == lean.p10[i] &&
                  all.p50[i] == lean.p50[i] && all.p90[i] == lean.p90[i]);
    }
    ck_assert_int_gt(varied, 0); /* the samples differ: the statistics were tested */
    ck_assert_int_eq(all.autonomy_year_conf, lean.autonomy_year_conf);
    au_pathway_clear(&all);
    au_pathway_clear(&lean);
    au_scenario_free(s);
    au_diags_clear(&d);
}
END_TEST

START_TEST(test_results_do_not_depend_on_the_number_of_threads)
{
    au_scenario *s1 = NULL, *s2 = NULL, *s4 = NULL;
    au_pathway p1, p2, p4;
    run_all(real[2], 3, 1, &s1, &p1);
    run_all(real[2], 3, 2, &s2, &p2);
    run_all(real[2], 3, 4, &s4, &p4);
    size_t bytes = (size_t)(p1.n_samples + 1) * p1.n_years * sizeof(au_year_result);
    ck_assert_int_eq(memcmp(p1.res, p2.res, bytes), 0);
    ck_assert_int_eq(memcmp(p1.res, p4.res, bytes), 0);
    ck_assert_int_eq(p1.autonomy_year, p4.autonomy_year);
    au_pathway_clear(&p1);
    au_pathway_clear(&p2);
    au_pathway_clear(&p4);
    au_scenario_free(s1);
    au_scenario_free(s2);
    au_scenario_free(s4);
}
END_TEST

static Suite *engine_suite(void)
{
    Suite *s = suite_create("engine");
    TCase *tc = tcase_create("hand_cases");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_battery_fills_hits_its_power_limit_and_empties);
    tcase_add_test(tc, test_sixty_five_batteries_all_take_their_share);
    tcase_add_test(tc, test_fuel_budget_goes_to_the_largest_deficits_and_runs_out);
    tcase_add_test(tc, test_a_fuel_budget_shares_equal_deficits_earliest_first);
    tcase_add_test(tc, test_export_limit_curtails_and_import_limit_leaves_unserved);
    tcase_add_test(tc, test_costs_of_the_battery_case_worked_by_hand);
    tcase_add_test(tc, test_a_measured_pv_series_replaces_the_pv_model);
    tcase_add_test(tc, test_a_bad_demand_profile_is_refused_when_the_scenario_is_loaded);
    tcase_add_test(tc, test_autonomy_year_is_reached_and_kept);
    tcase_add_test(tc, test_heating_follows_the_degree_days_of_the_weather_against_the_reference);
    tcase_add_test(tc, test_cooling_follows_the_degree_hours_of_the_weather_against_the_typical_year);
    suite_add_tcase(s, tc);
    tc = tcase_create("real_runs");
    tcase_set_timeout(tc, 600);
    tcase_add_loop_test(tc, test_every_hour_of_every_year_balances_in_real_runs, 0, 3);
    tcase_add_test(tc, test_hourly_flows_balance_and_states_of_charge_stay_in_bounds);
    tcase_add_test(tc, test_the_balance_check_finds_every_fault_put_in_the_table);
    tcase_add_test(tc, test_results_do_not_depend_on_the_number_of_threads);
    tcase_add_test(tc, test_a_run_without_the_samples_results_gives_the_same_pathway);
    tcase_add_test(tc, test_the_family_table_covers_every_column_the_engine_makes);
    tcase_add_test(tc, test_the_runner_keeps_the_flow_tables_asked_for);
    tcase_add_loop_test(tc, test_a_year_is_the_same_with_or_without_its_flow_table, 0, 3);
    tcase_add_test(tc, test_fixed_sources_keep_their_order_across_families);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(engine_suite)
