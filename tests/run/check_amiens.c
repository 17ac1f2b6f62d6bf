/* check_amiens.c: the shipped Amiens scenarios against the public record
 * (AMIENS.md), on real runs, and the published results (results/published/amiens-default)
 * against a fresh run.
 *
 * Sanity: the baseline's first year has about 30 MWh of final energy per
 * inhabitant, 5-6 % of it produced locally, a district-heating network
 * 60-64 % renewable or recovered, PV yields and wind capacity factors in the
 * ranges of AMIENS.md; the 2019 roadmap reaches the city's criterion close
 * to 2050, as planned, and the baseline does not.
 *
 * Regression: the published tables are regenerated and compared figure by
 * figure; a figure that moves by more than a relative 1e-6 fails until the
 * tables are refreshed on purpose (results/README.md says how). */
#include "test_util.h"

#include <math.h>

#include "autonomy/batch.h"
#include "autonomy/results.h"
#include "autonomy/engine.h"
#include "autonomy/profiles.h"
#include "autonomy/runner.h"
#include "autonomy/shapes.h"
#include "autonomy/profile_read.h"

#define PUBLISHED AU_TEST_DIR "/../results/published/amiens-default"
#define REL_TOL 1e-6

static au_scenario *load(const char *rel)
{
    au_diags d;
    au_scenario *s = NULL;
    au_diags_init(&d);
    au_status st = au_scenario_load(au_test_path(rel), &s, &d);
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    ck_assert_int_eq(st, AU_OK);
    au_diags_clear(&d);
    return s;
}

static au_pathway run1(au_scenario *s)
{
    au_diags d;
    au_pathway p;
    au_run_opts o = {.samples = 0};
    au_diags_init(&d);
    ck_assert_int_eq(au_run(&s, 1, &o, &p, &d), AU_OK);
    au_diags_clear(&d);
    return p;
}

START_TEST(test_baseline_first_year_matches_the_published_figures)
{
    au_scenario *s = load("../scenarios/amiens-baseline.xml");
    au_pathway p = run1(s);
    const au_year_result *r = au_pathway_result(&p, 0, s->year_start);
    double pop = au_traj_eval(&s->territory.population, s->year_start);
    double per_inhabitant = r->final_energy_mwh / pop;
    printf("baseline %d: %.1f MWh per inhabitant, D %.0f GWh, P/D %.3f\n", s->year_start,
           per_inhabitant, r->final_energy_mwh / 1e3, r->annual_balance);
    /* about 30 MWh per inhabitant (city of Amiens, ODRÉ): within 10 % */
    ck_assert(per_inhabitant > 27 && per_inhabitant < 33);
    /* local production 5-6 % of consumption (AMIENS.md estimate): 4-7 % */
    ck_assert(r->annual_balance > 0.04 && r->annual_balance < 0.07);
    ck_assert_int_eq(p.autonomy_year, 0); /* the baseline never reaches it */
    au_pathway_clear(&p);
    au_scenario_free(s);
}
END_TEST

/* The engine's column name of a plant: "heat_in_" + its name in lower-case
 * letters and digits, other runs of characters as one "_" (engine.c). */
static void column_name(const char *prefix, const char *n, char *out, size_t len)
{
    size_t j = (size_t)snprintf(out, len, "%s", prefix), start = j;
    for (size_t i = 0; n[i] != '\0' && j + 1 < len; i++) {
        unsigned char c = (unsigned char)n[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[j++] = (char)c;
        else if (c >= 'A' && c <= 'Z')
            out[j++] = (char)(c - 'A' + 'a');
        else if (j > start && out[j - 1] != '_')
            out[j++] = '_';
    }
    while (j > start && out[j - 1] == '_')
        j--;
    out[j] = '\0';
}

START_TEST(test_baseline_district_heating_is_60_to_64_percent_renewable)
{
    au_scenario *s = load("../scenarios/amiens-baseline.xml");
    au_diags d;
    au_diags_init(&d);
    au_engine_ws *ws = NULL;
    au_year_result r;
    ck_assert_int_eq(au_run_hourly(s, s->year_start, &ws, &r, &d), AU_OK);
    /* heat into the network from its plants; the gas-fired part is fossil */
    double total = 0, fossil = 0;
    for (size_t c = 0; c < au_engine_ncols(ws); c++) {
        const au_flow_col *fc = au_engine_col(ws, c);
        if (fc->kind != AU_FLOW_HEAT_IN || strstr(fc->name, "storage") != NULL ||
            strstr(fc->name, "unserved") != NULL)
            continue;
        double sum = 0;
        for (int h = 0; h < AU_HOURS; h++)
            sum += au_engine_flow(ws, c)[h];
        total += sum;
        for (size_t i = 0; i < s->district_heating.n_plants; i++) {
            const au_dh_plant *pl = &s->district_heating.plants[i];
            char name[128];
            column_name("heat_in_", pl->name, name, sizeof name);
            if (pl->type == AU_DH_GAS_BOILER && strcmp(fc->name, name) == 0)
                fossil += sum;
        }
    }
    /* heat dumped in summer comes from the must-run renewable sources: the
     * share is that of the heat used (produced less dumped) */
    double dumped = 0;
    for (size_t c = 0; c < au_engine_ncols(ws); c++)
        if (strcmp(au_engine_col(ws, c)->name, "heat_out_dump") == 0)
            for (int h = 0; h < AU_HOURS; h++)
                dumped += au_engine_flow(ws, c)[h];
    total -= dumped;
    double share = 1 - fossil / total;
    printf("baseline %d: district heat %.0f GWh, %.1f %% renewable or recovered\n",
           s->year_start, total / 1e3, 100 * share);
    /* Amiens Énergies: 60-64 % renewable or recovered (AMIENS.md) */
    ck_assert_msg(share >= 0.60 && share <= 0.64, "share %.4f (fossil %.0f of %.0f MWh)", share,
                  fossil, total);
    au_engine_ws_free(ws);
    au_diags_clear(&d);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_pv_yields_and_wind_capacity_factors_are_in_the_amiens_ranges)
{
    static const char *const files[] = {
        "../scenarios/amiens-baseline.xml", "../scenarios/amiens-roadmap.xml",
        "../scenarios/amiens-wind.xml", "../scenarios/amiens-solar.xml"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        if (access(au_test_path(files[f]), R_OK) != 0)
            continue;
        au_scenario *s = load(files[f]);
        au_diags d;
        au_diags_init(&d);
        au_wsample *ws = NULL;
        au_profiles *p = NULL;
        ck_assert_int_eq(au_wsample_load(s, 0, &ws, &d), AU_OK);
        ck_assert_int_eq(au_profiles_build(s, ws, NULL, &p, &d), AU_OK);
        for (size_t i = 0; i < s->n_pv; i++) {
            double y = 0;
            for (int h = 0; h < AU_HOURS; h++)
                y += p->pv[i][h];
            /* a sound range for Amiens arrays, real roofs included:
             * 800-1,150 kWh/kWp (AMIENS.md: Somme rooftop plan 800-1,000,
             * well-oriented arrays 950-1,150) */
            ck_assert_msg(y > 800 && y < 1150, "%s: PV '%s' yields %.0f kWh/kWp", s->name,
                          s->pv[i].name, y);
        }
        for (size_t i = 0; i < s->n_wind; i++) {
            double cf = 0;
            for (int h = 0; h < AU_HOURS; h++)
                cf += p->wind[i][h] / AU_HOURS;
            /* Hauts-de-France's fleet, 2015-2023: 21.4-28.1 % (RTE/ODRÉ,
             * amiens-baseline.xml); French onshore 21.6-26.6 % */
            ck_assert_msg(cf > 0.214 && cf < 0.281, "%s: wind '%s' capacity factor %.3f", s->name,
                          s->wind[i].name, cf);
        }
        au_profiles_free(p);
        au_wsample_free(ws);
        au_diags_clear(&d);
        au_scenario_free(s);
    }
}
END_TEST

START_TEST(test_roadmap_reaches_the_annual_balance_close_to_2050)
{
    au_scenario *s = load("../scenarios/amiens-roadmap.xml");
    au_pathway p = run1(s);
    printf("roadmap: autonomy year %d, 2050 annual balance %.3f\n", p.autonomy_year,
           au_pathway_result(&p, 0, 2050)->annual_balance);
    ck_assert_int_eq(s->criterion.indicator, AU_IND_ANNUAL_BALANCE);
    ck_assert(p.autonomy_year >= 2044 && p.autonomy_year <= 2050);
    au_pathway_clear(&p);
    au_scenario_free(s);
}
END_TEST

/* ---- the baseline's electricity against the French load ---- */

/* RTE's 2019 hourly national load (../shared/data/load): French legal time,
 * summer time from 31 March 2019 02:00 (hour 89 x 24 + 2) to 27 October
 * 02:00 legal, the missing spring hour filled with its neighbour's value.
 * The model's hours are standard time: in summer its hour s is RTE's s + 1. */
static int read_rte_standard(double *out)
{
    const char *path = AU_SHARED_DATA "/load/france_load_2019_rte.csv";
    if (access(path, R_OK) != 0) {
        printf("skipped: %s is absent\n", path);
        return 0;
    }
    double *legal = malloc(AU_HOURS * sizeof *legal);
    au_diags d;
    au_diags_init(&d);
    ck_assert_ptr_nonnull(legal);
    ck_assert_int_eq(au_profile_csv_read(path, legal, &d), AU_OK);
    au_diags_clear(&d);
    const int from = 89 * 24 + 1, to = 299 * 24 + 1;
    for (int h = 0; h < AU_HOURS; h++)
        out[h] = h >= from && h < to ? legal[h + 1] : legal[h];
    free(legal);
    return 1;
}

static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/* The mean day of each month (12 x 24), over the year's mean. */
static void monthly_days(const double *v, double out[12][24])
{
    double mean = 0;
    for (int h = 0; h < AU_HOURS; h++)
        mean += v[h] / AU_HOURS;
    int d0 = 0;
    for (int m = 0; m < 12; m++) {
        for (int k = 0; k < 24; k++) {
            out[m][k] = 0;
            for (int d = d0; d < d0 + mdays[m]; d++)
                out[m][k] += v[24 * d + k] / mdays[m] / mean;
        }
        d0 += mdays[m];
    }
}

static double corr(const double *x, const double *y, int n)
{
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < n; i++) {
        mx += x[i] / n;
        my += y[i] / n;
    }
    for (int i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / sqrt(sxx * syy);
}

/* Winter (December-February) over summer (June-August) mean load, and the
 * largest hour over the mean. */
static void seasons_and_peak(const double *v, double *winter_summer, double *peak_mean)
{
    double w = 0, s = 0, mean = 0, peak = 0;
    int nw = 0, ns = 0;
    for (int h = 0; h < AU_HOURS; h++) {
        int day = h / 24, m = 0;
        while (day >= mdays[m])
            day -= mdays[m++];
        if (m == 11 || m <= 1) {
            w += v[h];
            nw++;
        } else if (m >= 5 && m <= 7) {
            s += v[h];
            ns++;
        }
        mean += v[h] / AU_HOURS;
        peak = fmax(peak, v[h]);
    }
    *winter_summer = (w / nw) / (s / ns);
    *peak_mean = peak / mean;
}

/* The electricity demand of a year (end uses and the network's heat pumps),
 * added into dem: what a territory draws, before storage and exports. */
static void electric_demand(const au_engine_ws *ws, double *dem)
{
    for (size_t c = 0; c < au_engine_ncols(ws); c++) {
        const au_flow_col *fc = au_engine_col(ws, c);
        if (fc->kind != AU_FLOW_EL_OUT || strstr(fc->name, "battery") ||
            strstr(fc->name, "export") || strstr(fc->name, "curtailment") ||
            strstr(fc->name, "electrolyser") || strstr(fc->name, "power_to_heat"))
            continue;
        const double *v = au_engine_flow(ws, c);
        for (int h = 0; h < AU_HOURS; h++)
            dem[h] += v[h];
    }
}

#define WEATHER_YEARS 20

START_TEST(test_baseline_electricity_has_the_shape_of_the_french_load)
{
    /* MODEL.md §4 / issue 10: the baseline's 2020 electricity demand,
     * normalised, against RTE 2019: the mean day of each month and winter
     * over summer on the typical year; peak over mean on 20 weather years,
     * since one cold spell sets a year's peak and the typical year has none
     * of its extremes (RTE's own years 2013-2016 give 1.57-1.70 against
     * 1.65 in 2019: docs/engine.md). */
    double *rte = malloc(AU_HOURS * sizeof *rte), *dem = calloc(AU_HOURS, sizeof *dem);
    ck_assert(rte && dem);
    if (!read_rte_standard(rte)) {
        free(rte);
        free(dem);
        return;
    }
    au_scenario *s = load("../scenarios/amiens-baseline.xml");
    au_diags d;
    au_diags_init(&d);
    au_wsample *typical = NULL;
    au_profiles *ptyp = NULL;
    au_demand_shapes *shapes = NULL;
    double heat_ref = 0, ws_rte, ws_dem, pk_rte, pk_dem, pk_sum = 0, pk_lo = 1e9, pk_hi = 0;
    ck_assert_int_eq(au_wsample_load(s, 0, &typical, &d), AU_OK);
    ck_assert_int_eq(au_heating_reference(s, typical, &heat_ref, &d), AU_OK);
    ck_assert_int_eq(au_profiles_build(s, typical, NULL, &ptyp, &d), AU_OK);
    ck_assert_int_eq(au_demand_shapes_build(s, &shapes, &d), AU_OK);
    au_engine_ws *ws = au_engine_ws_alloc(s);
    ck_assert_ptr_nonnull(ws);
    au_year_result r;
    ck_assert_int_eq(au_engine_year(s, ptyp, shapes, heat_ref, 2020, ws, &r, &d), AU_OK);
    electric_demand(ws, dem);

    double a[12][24], b[12][24];
    monthly_days(rte, a);
    monthly_days(dem, b);
    seasons_and_peak(rte, &ws_rte, &pk_rte);
    seasons_and_peak(dem, &ws_dem, &pk_dem);
    double all = corr(&a[0][0], &b[0][0], 12 * 24), by_month[12];
    printf("baseline 2020 against RTE 2019: mean days of the 12 months correlate %.3f; by "
           "month", all);
    for (int m = 0; m < 12; m++) {
        by_month[m] = corr(a[m], b[m], 24);
        printf(" %.3f", by_month[m]);
    }
    for (int k = 1; k <= WEATHER_YEARS; k++) {
        au_wsample *w = NULL;
        au_profiles *p = NULL;
        double ws_k, pk_k;
        ck_assert_int_eq(au_wsample_load(s, k, &w, &d), AU_OK);
        ck_assert_int_eq(au_profiles_build(s, w, ptyp, &p, &d), AU_OK);
        ck_assert_int_eq(au_engine_year(s, p, shapes, heat_ref, 2020, ws, &r, &d), AU_OK);
        memset(dem, 0, AU_HOURS * sizeof *dem);
        electric_demand(ws, dem);
        seasons_and_peak(dem, &ws_k, &pk_k);
        pk_sum += pk_k / WEATHER_YEARS;
        pk_lo = fmin(pk_lo, pk_k);
        pk_hi = fmax(pk_hi, pk_k);
        au_profiles_free(p);
        au_wsample_free(w);
    }
    printf("\n  winter/summer %.3f against %.3f (%+.1f %%); peak/mean of the typical year "
           "%.3f, of %d weather years %.3f (%.3f-%.3f) against %.3f (%+.1f %%)\n", ws_dem,
           ws_rte, 100 * (ws_dem / ws_rte - 1), pk_dem, WEATHER_YEARS, pk_sum, pk_lo, pk_hi,
           pk_rte, 100 * (pk_sum / pk_rte - 1));
    /* Issue 10 asks for >= 0.95 in every month.  July was 0.944 (August
     * 0.955) while the model had no cooling: RTE's summer afternoons hold
     * the air conditioning that Mines Paris's decomposition took out of the
     * specific-electricity tables.  With the baseline's space-cooling uses
     * (4.93 GWh, derived from that decomposition and the population, not
     * fitted to any load: amiens-baseline.xml) July is 0.980 and August
     * 0.988 against 2019, 0.979 and 0.985 at their lowest against RTE
     * 2013-2016 (docs/engine.md), so every month now takes the bound;
     * the lowest, April 0.953. */
    ck_assert(all >= 0.95);
    for (int m = 0; m < 12; m++)
        ck_assert_msg(by_month[m] >= 0.95, "month %d: %.3f", m + 1, by_month[m]);
    ck_assert(fabs(ws_dem / ws_rte - 1) <= 0.05);
    ck_assert(fabs(pk_sum / pk_rte - 1) <= 0.05);
    ck_assert(pk_lo <= pk_rte && pk_rte <= pk_hi);
    au_engine_ws_free(ws);
    au_demand_shapes_free(shapes);
    au_profiles_free(ptyp);
    au_wsample_free(typical);
    au_scenario_free(s);
    au_diags_clear(&d);
    free(rte);
    free(dem);
}
END_TEST

/* ---- the published results ---- */

static double rel(double a, double b)
{
    if (isnan(a) && isnan(b))
        return 0;
    return fabs(a - b) / fmax(1.0, fmax(fabs(a), fabs(b)));
}

START_TEST(test_published_results_are_those_the_program_gives)
{
    if (access(PUBLISHED "/summary.csv", R_OK) != 0) {
        printf("skipped: no published results in %s\n", PUBLISHED);
        return;
    }
    au_diags d;
    au_diags_init(&d);
    au_batch *b = NULL;
    ck_assert_int_eq(au_batch_load(au_test_path("../scenarios/amiens-default.xml"), &b, &d),
                     AU_OK);
    au_scenario **s = calloc(b->n, sizeof *s);
    au_pathway *fresh = calloc(b->n, sizeof *fresh);
    ck_assert_int_eq(au_batch_load_scenarios(b, s, &d), AU_OK);
    /* the samples they were published with */
    au_pathway first;
    char dir[4096], name[128];
    au_safe_name(name, sizeof name, s[0]->name);
    snprintf(dir, sizeof dir, "%s/%s", PUBLISHED, name);
    ck_assert_int_eq(au_pathway_read(s[0], dir, &first, &d), AU_OK);
    au_run_opts o = {.samples = first.n_samples};
    au_pathway_clear(&first);
    ck_assert_int_eq(au_run(s, b->n, &o, fresh, &d), AU_OK);
    for (size_t i = 0; i < b->n; i++) {
        au_pathway pub;
        au_safe_name(name, sizeof name, s[i]->name);
        snprintf(dir, sizeof dir, "%s/%s", PUBLISHED, name);
        ck_assert_msg(au_pathway_read(s[i], dir, &pub, &d) == AU_OK,
                      "%s: no published tables (refresh them: results/README.md)", s[i]->name);
        ck_assert_msg(pub.autonomy_year == fresh[i].autonomy_year,
                      "%s: autonomy year %d published, %d now", s[i]->name, pub.autonomy_year,
                      fresh[i].autonomy_year);
        ck_assert_int_eq(pub.autonomy_year_conf, fresh[i].autonomy_year_conf);
        for (int y = 0; y < pub.n_years; y++) {
            const au_year_result *a = &pub.res[y], *f = &fresh[i].res[y];
            const double pa[] = {a->final_energy_mwh, a->local_production_mwh, a->import_mwh,
                                 a->export_mwh, a->curtailment_mwh, a->annual_balance,
                                 a->hourly_autonomy, pub.p10[y], pub.p50[y], pub.p90[y],
                                 pub.probability[y]};
            const double pf[] = {f->final_energy_mwh, f->local_production_mwh, f->import_mwh,
                                 f->export_mwh, f->curtailment_mwh, f->annual_balance,
                                 f->hourly_autonomy, fresh[i].p10[y], fresh[i].p50[y],
                                 fresh[i].p90[y], fresh[i].probability[y]};
            for (size_t k = 0; k < sizeof pa / sizeof pa[0]; k++)
                ck_assert_msg(rel(pa[k], pf[k]) <= REL_TOL,
                              "%s %d: figure %zu moved from %.9g to %.9g (refresh the published "
                              "results on purpose: results/README.md)",
                              s[i]->name, s[i]->year_start + y, k, pa[k], pf[k]);
        }
        au_pathway_clear(&pub);
        au_pathway_clear(&fresh[i]);
        au_scenario_free(s[i]);
    }
    free(s);
    free(fresh);
    au_batch_free(b);
    au_diags_clear(&d);
}
END_TEST

static Suite *amiens_suite(void)
{
    Suite *s = suite_create("amiens");
    TCase *tc = tcase_create("sanity");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_baseline_first_year_matches_the_published_figures);
    tcase_add_test(tc, test_baseline_district_heating_is_60_to_64_percent_renewable);
    tcase_add_test(tc, test_pv_yields_and_wind_capacity_factors_are_in_the_amiens_ranges);
    tcase_add_test(tc, test_roadmap_reaches_the_annual_balance_close_to_2050);
    suite_add_tcase(s, tc);
    tc = tcase_create("validation");
    tcase_set_tags(tc, "validation");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_baseline_electricity_has_the_shape_of_the_french_load);
    suite_add_tcase(s, tc);
    tc = tcase_create("published");
    tcase_set_timeout(tc, 900);
    tcase_add_test(tc, test_published_results_are_those_the_program_gives);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(amiens_suite)
