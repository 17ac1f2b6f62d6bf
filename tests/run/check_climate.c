/* check_climate.c: a climate trend over a pathway.  Heating of a constant
 * demand falls by the ratio of degree-hours of the warmed weather, computed
 * here independently (the heat model's own degree-hours on the typical
 * year's temperatures plus the year's warming, without the morphing); the
 * TRACC preset's values; identical results on 1 and 2 threads. */
#include "test_util.h"

#include <math.h>

#include "autonomy/heat.h"
#include "autonomy/profiles.h"
#include "autonomy/runner.h"

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

/* Degree-hours of the typical year's temperatures + dk. */
static double hdh_warmer(const au_scenario *s, double dk)
{
    au_wsample *ws = NULL;
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_wsample_load(s, 0, &ws, &d), AU_OK);
    static double t[AU_HOURS], out[AU_HOURS];
    for (int h = 0; h < AU_HOURS; h++)
        t[h] = ws->weather.temp_c[h] + dk;
    au_heating_params hp = au_heating_defaults();
    double v = au_heating_degree_hours(&hp, t, AU_HOURS, out);
    au_wsample_free(ws);
    au_diags_clear(&d);
    return v;
}

START_TEST(test_heating_falls_by_the_ratio_of_degree_hours)
{
    /* warming 0 K in 2020 to 2 K in 2050: 1 K in 2035 */
    au_scenario *s = load("data/climate/heating.xml");
    au_pathway p;
    au_diags d;
    au_diags_init(&d);
    au_run_opts o = {.samples = 0};
    ck_assert_int_eq(au_run(&s, 1, &o, &p, &d), AU_OK);
    double h0 = hdh_warmer(s, 0), h1 = hdh_warmer(s, 1), h2 = hdh_warmer(s, 2);
    ck_assert_double_gt(h0, h2); /* and by a real margin: */
    ck_assert_double_lt(h2 / h0, 0.9);
    double g2020 = p.res[0].final_fuel_mwh, g2035 = p.res[15].final_fuel_mwh,
           g2050 = p.res[30].final_fuel_mwh;
    ck_assert_double_eq_tol(g2020, 10000.0, 1e-6);
    ck_assert_double_eq_tol(g2035 / g2020, h1 / h0, 1e-12);
    ck_assert_double_eq_tol(g2050 / g2020, h2 / h0, 1e-12);
    au_pathway_clear(&p);
    au_scenario_free(s);
    au_diags_clear(&d);
}
END_TEST

START_TEST(test_tracc_preset_and_threads)
{
    /* the preset: +0.686 K in 2030 and +1.386 K in 2050 against the
     * weather's 2014 (France +2.0 and +2.7 °C against 1850-1900, 1.314 then) */
    char dir[32], path[96];
    au_test_mkdir(dir);
    /* minimal.xml with the preset alone (a <warming> beside it would
     * replace the preset's) */
    char xml[4400];
    snprintf(xml, sizeof xml,
             "<scenario name=\"tracc\" extends=\"%s\"><climate preset=\"tracc\"/></scenario>\n",
             au_test_path("data/minimal.xml"));
    au_test_write(dir, "tracc.xml", xml, path, sizeof path);
    au_scenario *s = load("data/minimal.xml");
    au_scenario_free(s);
    au_scenario *t = NULL;
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_scenario_load(path, &t, &d), AU_OK);
    ck_assert(t->climate.present);
    ck_assert_double_eq_tol(au_traj_eval(&t->climate.warming_k, 2030), 0.686, 1e-12);
    ck_assert_double_eq_tol(au_traj_eval(&t->climate.warming_k, 2050), 1.386, 1e-12);
    ck_assert_double_eq_tol(au_traj_eval(&t->climate.warming_k, 2014), 0.0, 1e-12);
    /* the same results on 1 and 2 threads, samples included */
    au_pathway a, b;
    au_run_opts o1 = {.samples = 2, .threads = 1, .keep_samples = 1};
    au_run_opts o2 = {.samples = 2, .threads = 2, .keep_samples = 1};
    ck_assert_int_eq(au_run(&t, 1, &o1, &a, &d), AU_OK);
    ck_assert_int_eq(au_run(&t, 1, &o2, &b, &d), AU_OK);
    for (int i = 0; i < 3 * a.n_years; i++)
        ck_assert(memcmp(&a.res[i], &b.res[i], sizeof a.res[i]) == 0);
    au_pathway_clear(&a);
    au_pathway_clear(&b);
    au_scenario_free(t);
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

static Suite *climate_suite(void)
{
    Suite *su = suite_create("climate");
    TCase *tc = tcase_create("pathways");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_heating_falls_by_the_ratio_of_degree_hours);
    tcase_add_test(tc, test_tracc_preset_and_threads);
    suite_add_tcase(su, tc);
    return su;
}

AU_CHECK_MAIN(climate_suite)
