/* check_profiles.c: weather samples and their shared per-unit profiles
 * (profiles.h), on real runs of the synthetic weather. */
#include "test_util.h"

#include <math.h>

#include "autonomy/profiles.h"
#include "autonomy/pv.h"
#include "autonomy/synth.h"
#include "autonomy/wind.h"

static au_scenario *scenario(const char *rel)
{
    au_diags d;
    au_scenario *s = NULL;
    au_diags_init(&d);
    ck_assert_int_eq(au_scenario_load(au_test_path(rel), &s, &d), AU_OK);
    au_diags_clear(&d);
    return s;
}

static au_wsample *sample_of(const au_scenario *s, int k)
{
    au_diags d;
    au_wsample *ws = NULL;
    au_diags_init(&d);
    ck_assert_int_eq(au_wsample_load(s, k, &ws, &d), AU_OK);
    au_diags_clear(&d);
    return ws;
}

static au_profiles *profiles_of(const au_scenario *s, au_wsample *ws)
{
    au_diags d;
    au_profiles *p = NULL;
    au_diags_init(&d);
    au_status st = au_profiles_build(s, ws, NULL, &p, &d);
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    ck_assert_int_eq(st, AU_OK);
    au_diags_clear(&d);
    return p;
}

START_TEST(test_synthetic_weather_of_a_scenario_is_the_generator_at_its_territory)
{
    au_scenario *s = scenario("data/minimal.xml");
    au_wsample *ws = sample_of(s, 3);
    au_sunpath *sun = malloc(sizeof *sun);
    au_weather *w = malloc(sizeof *w);
    ck_assert_int_eq(au_sunpath_compute(49.894, 2.302, 0, 1, 0.5, sun), AU_OK);
    ck_assert_int_eq(au_synth_generate(au_synth_amiens(), sun, s->weather.seed, 3, w), AU_OK);
    ck_assert_int_eq(memcmp(w, &ws->weather, sizeof *w), 0);
    free(sun);
    free(w);
    au_wsample_free(ws);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_fleets_and_scenarios_with_the_same_parameters_share_one_profile)
{
    au_scenario *a = scenario("data/profiles.xml"), *b = scenario("data/minimal.xml");
    au_wsample *ws = sample_of(a, 0);
    au_profiles *pa = profiles_of(a, ws);
    ck_assert_uint_eq(a->n_pv, 3);
    ck_assert_ptr_eq(pa->pv[0], pa->pv[1]); /* roofs and roofs-2 */
    ck_assert_ptr_ne(pa->pv[0], pa->pv[2]); /* facades */
    size_t n = au_wsample_n_profiles(ws);
    /* another scenario on the same sample: its roofs are a's roofs, nothing new */
    au_profiles *pb = profiles_of(b, ws);
    ck_assert_ptr_eq(pb->pv[0], pa->pv[0]);
    ck_assert_uint_eq(au_wsample_n_profiles(ws), n);
    /* each row is the PV chain of pv.h, hour by hour */
    for (size_t i = 0; i < a->n_pv; i++)
        for (int h = 4000; h < 4048; h++)
            ck_assert_double_eq(pa->pv[i][h],
                                au_pv_ac_per_kwp(&a->pv[i], &ws->sun.hour[h],
                                                 ws->weather.ghi_w_m2[h], ws->weather.dni_w_m2[h],
                                                 ws->weather.dhi_w_m2[h], ws->weather.temp_c[h],
                                                 ws->weather.wind10_m_s[h]));
    au_profiles_free(pa);
    au_profiles_free(pb);
    au_wsample_free(ws);
    au_scenario_free(a);
    au_scenario_free(b);
}
END_TEST

START_TEST(test_wind_fleet_reaches_its_capacity_factor)
{
    au_scenario *s = scenario("data/profiles.xml");
    au_wsample *ws = sample_of(s, 0);
    au_profiles *p = profiles_of(s, ws);
    double mean = 0;
    for (int h = 0; h < AU_HOURS; h++) {
        ck_assert(p->wind[0][h] >= 0 && p->wind[0][h] <= 0.9 + 1e-12);
        mean += p->wind[0][h] / AU_HOURS;
    }
    /* the target is the capacity factor after losses: 25 % */
    ck_assert_double_eq_tol(mean, 0.25, 1e-6);
    ck_assert(p->wind_fleet[0].scale > 1.0); /* sheltered 10 m wind scaled up */
    au_profiles_free(p);
    au_wsample_free(ws);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_stochastic_years_keep_the_wind_scale_of_the_typical_year)
{
    /* MODEL.md §3: the scale is found on the typical year; a stochastic year
     * applies it, so its capacity factor is its weather's.  By hand for one
     * site: output = (1 - losses) · curve(scale · hub speed). */
    au_scenario *s = scenario("data/profiles.xml");
    au_wsample *w0 = sample_of(s, 0);
    au_profiles *p0 = profiles_of(s, w0);
    double lo = 1, hi = 0;
    for (int k = 1; k <= 8; k++) {
        au_wsample *wk = sample_of(s, k);
        au_diags d;
        au_profiles *pk = NULL;
        au_diags_init(&d);
        ck_assert_int_eq(au_profiles_build(s, wk, p0, &pk, &d), AU_OK);
        ck_assert_double_eq(pk->wind_fleet[0].scale, p0->wind_fleet[0].scale);
        double mean = 0;
        for (int h = 0; h < AU_HOURS; h++) {
            double want = 0.9 * au_wind_curve(&s->wind[0],
                                              p0->wind_fleet[0].scale *
                                                  au_wind_hub_speed(&s->wind[0],
                                                                    wk->weather.wind10_m_s[h]));
            ck_assert_double_eq_tol(pk->wind[0][h], want, 1e-12);
            mean += pk->wind[0][h] / AU_HOURS;
        }
        lo = fmin(lo, mean);
        hi = fmax(hi, mean);
        au_profiles_free(pk);
        au_wsample_free(wk);
        au_diags_clear(&d);
    }
    /* windy and calm years: the capacity factors spread around the target */
    printf("8 stochastic years keep the typical year's scale: capacity factors %.3f to %.3f "
           "(typical year 0.250)\n", lo, hi);
    ck_assert(lo < 0.245 && hi > 0.255);
    au_profiles_free(p0);
    au_wsample_free(w0);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_cooling_is_the_samples_degree_hours_over_the_typical_years)
{
    /* heat.h: space cooling per unit of annual quantity is the sample's
     * weighted cooling degree-hours over the typical year's, whichever
     * sample: the typical year's row sums to 1, a stochastic year's to its
     * own sum over the typical year's, with or without the typical year's
     * profiles at hand.  The baseline's quantity (its COOLING comment)
     * quotes the typical year's 2,113.7 K·h (seed 2014). */
    au_scenario *s = scenario("../scenarios/amiens-baseline.xml");
    au_wsample *w0 = sample_of(s, 0);
    au_profiles *p0 = profiles_of(s, w0);
    ck_assert_ptr_nonnull(p0->cooling);
    printf("baseline's typical year: %.1f weighted K·h above 20 °C\n", w0->cooling_dh_sum);
    ck_assert_double_eq_tol(w0->cooling_dh_sum, 2113.7, 0.05);
    ck_assert_double_eq(p0->cooling_ref, w0->cooling_dh_sum);
    double sum = 0;
    for (int h = 0; h < AU_HOURS; h++)
        sum += p0->cooling[h];
    ck_assert_double_eq_tol(sum, 1.0, 1e-12);
    for (int k = 1; k <= 2; k++) {
        au_wsample *wk = sample_of(s, k);
        au_diags d;
        au_profiles *pk = NULL, *alone = profiles_of(s, wk);
        au_diags_init(&d);
        ck_assert_int_eq(au_profiles_build(s, wk, p0, &pk, &d), AU_OK);
        ck_assert_double_eq(pk->cooling_ref, w0->cooling_dh_sum);
        ck_assert_double_eq(alone->cooling_ref, w0->cooling_dh_sum);
        double want = wk->cooling_dh_sum / w0->cooling_dh_sum, got = 0;
        for (int h = 0; h < AU_HOURS; h++) {
            got += pk->cooling[h];
            ck_assert_double_eq(pk->cooling[h], alone->cooling[h]);
        }
        ck_assert(want != 1.0);
        ck_assert_double_eq_tol(got, want, 1e-12);
        au_profiles_free(alone);
        au_profiles_free(pk);
        au_wsample_free(wk);
        au_diags_clear(&d);
    }
    au_profiles_free(p0);
    au_wsample_free(w0);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_heat_pump_cops_follow_their_sources)
{
    au_scenario *s = scenario("data/profiles.xml");
    au_wsample *ws = sample_of(s, 0);
    au_profiles *p = profiles_of(s, ws);
    /* mix shares: gas boiler, air heat pump, ground heat pump */
    ck_assert_ptr_null(p->mix_share_cop[0]);
    const double *air = p->mix_share_cop[1], *ground = p->mix_share_cop[2];
    ck_assert_ptr_nonnull(air);
    ck_assert_ptr_nonnull(ground);
    int cold = 0, mild = 0;
    for (int h = 1; h < AU_HOURS; h++) {
        cold = ws->weather.temp_c[h] < ws->weather.temp_c[cold] ? h : cold;
        mild = ws->weather.temp_c[h] > ws->weather.temp_c[mild] ? h : mild;
    }
    /* the air heat pump is worse in the coldest hour than in the mildest,
     * the ground source steady */
    ck_assert(air[cold] < air[mild]);
    ck_assert_double_eq(ground[cold], ground[mild]);
    /* the wastewater heat pumps: 0.5 × Carnot = 0.5 × 353.15 K / 61 K = 2.8947 */
    ck_assert_ptr_null(p->dh_plant_cop[1]);
    ck_assert_double_eq_tol(p->dh_plant_cop[0][0], 0.5 * 353.15 / 61.0, 1e-9);
    ck_assert_double_eq(p->dh_plant_cop[0][0], p->dh_plant_cop[0][5000]);
    au_profiles_free(p);
    au_wsample_free(ws);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_heating_weight_adds_up)
{
    au_scenario *s = scenario("data/minimal.xml");
    au_wsample *ws = sample_of(s, 0);
    double sum = 0;
    for (int h = 0; h < AU_HOURS; h++) {
        ck_assert(ws->heating_dh[h] >= 0);
        sum += ws->heating_dh[h];
    }
    ck_assert_double_eq_tol(sum, ws->heating_dh_sum, 1e-9 * sum);
    /* base 15 C on a year of mean 11.1 C, as Uccle's 15/15 degree-days
     * (check_heat): some 1,700-2,000 K·day */
    ck_assert(sum / 24 > 1700 && sum / 24 < 2000);
    au_wsample_free(ws);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_a_weather_file_has_no_stochastic_samples)
{
    char dir[32], path[300];
    static char text[9000];
    au_test_mkdir(dir);
    /* a scenario naming a (never read) weather file */
    snprintf(text, sizeof text,
             "<scenario name=\"f\" extends=\"%s\">\n"
             "  <weather source=\"epw\" file=\"%s\"/>\n</scenario>\n",
             au_test_path("data/minimal.xml"), au_test_path("data/minimal.xml"));
    au_test_write(dir, "f.xml", text, path, sizeof path);
    au_diags d;
    au_diags_init(&d);
    au_scenario *s = NULL;
    au_wsample *ws = NULL;
    ck_assert_int_eq(au_scenario_load(path, &s, &d), AU_OK);
    ck_assert_int_eq(au_wsample_load(s, 1, &ws, &d), AU_EINVAL);
    ck_assert_ptr_null(ws);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_ptr_nonnull(strstr(d.items[0].msg, "a weather file is one year"));
    au_diags_clear(&d);
    au_scenario_free(s);
    au_test_rmdir(dir);
}
END_TEST

static Suite *profiles_suite(void)
{
    Suite *s = suite_create("profiles");
    TCase *tc = tcase_create("profiles");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_synthetic_weather_of_a_scenario_is_the_generator_at_its_territory);
    tcase_add_test(tc, test_fleets_and_scenarios_with_the_same_parameters_share_one_profile);
    tcase_add_test(tc, test_wind_fleet_reaches_its_capacity_factor);
    tcase_add_test(tc, test_cooling_is_the_samples_degree_hours_over_the_typical_years);
    tcase_add_test(tc, test_stochastic_years_keep_the_wind_scale_of_the_typical_year);
    tcase_add_test(tc, test_heat_pump_cops_follow_their_sources);
    tcase_add_test(tc, test_heating_weight_adds_up);
    tcase_add_test(tc, test_a_weather_file_has_no_stochastic_samples);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(profiles_suite)
