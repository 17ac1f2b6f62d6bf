/* check_profiles.c: a scenario's weather and its per-unit profiles
 * (profiles.h), on real runs of the synthetic weather. */
#include "test_util.h"

#include <math.h>

#include "autonomy/profiles.h"
#include "autonomy/pv.h"
#include "autonomy/synth.h"

typedef struct run {
    au_scenario *s;
    au_weather *w;
    au_sunpath *sun;
    au_profiles *p;
} run;

static run load(const char *rel, int sample)
{
    run r = {0};
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_scenario_load(au_test_path(rel), &r.s, &d), AU_OK);
    r.w = malloc(sizeof *r.w);
    r.sun = malloc(sizeof *r.sun);
    ck_assert_int_eq(au_weather_for_scenario(r.s, sample, r.w, r.sun, &d), AU_OK);
    au_status st = au_profiles_build(r.s, r.w, r.sun, &r.p, &d);
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    ck_assert_int_eq(st, AU_OK);
    au_diags_clear(&d);
    return r;
}

static void unload(run *r)
{
    au_profiles_free(r->p);
    au_scenario_free(r->s);
    free(r->w);
    free(r->sun);
}

START_TEST(test_synthetic_weather_of_a_scenario_is_the_generator_at_its_territory)
{
    run r = load("data/minimal.xml", 3);
    au_sunpath *sun = malloc(sizeof *sun);
    au_weather *w = malloc(sizeof *w);
    ck_assert_int_eq(au_sunpath_compute(49.894, 2.302, 0, 1, 0.5, sun), AU_OK);
    ck_assert_int_eq(au_synth_generate(au_synth_amiens(), sun, r.s->weather.seed, 3, w), AU_OK);
    ck_assert_int_eq(memcmp(w->ghi_w_m2, r.w->ghi_w_m2, sizeof w->ghi_w_m2), 0);
    ck_assert_int_eq(memcmp(w->temp_c, r.w->temp_c, sizeof w->temp_c), 0);
    free(sun);
    free(w);
    unload(&r);
}
END_TEST

START_TEST(test_fleets_with_the_same_parameters_share_one_profile)
{
    run r = load("data/profiles.xml", 0);
    ck_assert_uint_eq(r.s->n_pv, 3);
    ck_assert_uint_eq(r.p->n_orient, 2);
    ck_assert_uint_eq(r.p->pv_orient[0], r.p->pv_orient[1]); /* roofs, roofs-2 */
    ck_assert_uint_ne(r.p->pv_orient[0], r.p->pv_orient[2]); /* facades */
    /* each row is the PV chain of pv.h, hour by hour */
    for (size_t i = 0; i < r.s->n_pv; i++) {
        const double *row = r.p->pv_kw_per_kwp + r.p->pv_orient[i] * AU_HOURS;
        for (int h = 4000; h < 4048; h++)
            ck_assert_double_eq(row[h], au_pv_ac_per_kwp(&r.s->pv[i], &r.sun->hour[h],
                                                         r.w->ghi_w_m2[h], r.w->dni_w_m2[h],
                                                         r.w->dhi_w_m2[h], r.w->temp_c[h],
                                                         r.w->wind10_m_s[h]));
    }
    unload(&r);
}
END_TEST

START_TEST(test_wind_fleet_reaches_its_capacity_factor)
{
    run r = load("data/profiles.xml", 0);
    double mean = 0;
    for (int h = 0; h < AU_HOURS; h++) {
        ck_assert(r.p->wind_per_mw[h] >= 0 && r.p->wind_per_mw[h] <= 0.9 + 1e-12);
        mean += r.p->wind_per_mw[h] / AU_HOURS;
    }
    /* the target is the capacity factor after losses: 25 % */
    ck_assert_double_eq_tol(mean, 0.25, 1e-6);
    ck_assert(r.p->wind_scale[0] > 1.0); /* sheltered 10 m wind scaled up */
    unload(&r);
}
END_TEST

START_TEST(test_heat_pump_cops_follow_their_sources)
{
    run r = load("data/profiles.xml", 0);
    /* mix shares: gas boiler, air heat pump, ground heat pump */
    ck_assert_int_eq(r.p->mix_share_cop[0], -1);
    ck_assert_int_ge(r.p->mix_share_cop[1], 0);
    ck_assert_int_ge(r.p->mix_share_cop[2], 0);
    const double *air = r.p->cop + r.p->mix_share_cop[1] * AU_HOURS;
    const double *ground = r.p->cop + r.p->mix_share_cop[2] * AU_HOURS;
    /* the air heat pump is worse in the coldest hour than in the mildest */
    int cold = 0, mild = 0;
    for (int h = 1; h < AU_HOURS; h++) {
        cold = r.w->temp_c[h] < r.w->temp_c[cold] ? h : cold;
        mild = r.w->temp_c[h] > r.w->temp_c[mild] ? h : mild;
    }
    ck_assert(air[cold] < air[mild]);
    /* the ground source is steady */
    ck_assert_double_eq(ground[cold], ground[mild]);
    /* the wastewater heat pumps: 0.5 × Carnot, 353.15 K / 61 K × 0.5 = 2.8947 */
    ck_assert_int_eq(r.p->dh_plant_cop[1], -1);
    const double *ww = r.p->cop + r.p->dh_plant_cop[0] * AU_HOURS;
    ck_assert_double_eq_tol(ww[0], 0.5 * 353.15 / 61.0, 1e-9);
    ck_assert_double_eq(ww[0], ww[5000]);
    unload(&r);
}
END_TEST

START_TEST(test_heating_weight_adds_up)
{
    run r = load("data/minimal.xml", 0);
    double sum = 0;
    for (int h = 0; h < AU_HOURS; h++) {
        ck_assert(r.p->heating_dh[h] >= 0);
        sum += r.p->heating_dh[h];
    }
    ck_assert_double_eq_tol(sum, r.p->heating_dh_sum, 1e-9 * sum);
    /* base 18 C on a year of mean 11.1 C: some 2,400-2,900 K·day */
    ck_assert(sum / 24 > 2400 && sum / 24 < 2900);
    unload(&r);
}
END_TEST

START_TEST(test_a_weather_file_has_no_stochastic_samples)
{
    char dir[32], path[300];
    au_test_mkdir(dir);
    /* a scenario naming a (never read) weather file */
    static char text[9000];
    snprintf(text, sizeof text,
             "<scenario name=\"f\" extends=\"%s\">\n"
             "  <weather source=\"epw\" file=\"%s\"/>\n</scenario>\n",
             au_test_path("data/minimal.xml"), au_test_path("data/minimal.xml"));
    au_test_write(dir, "f.xml", text, path, sizeof path);
    au_diags d;
    au_diags_init(&d);
    au_scenario *s = NULL;
    ck_assert_int_eq(au_scenario_load(path, &s, &d), AU_OK);
    au_weather *w = malloc(sizeof *w);
    au_sunpath *sun = malloc(sizeof *sun);
    ck_assert_int_eq(au_weather_for_scenario(s, 1, w, sun, &d), AU_EINVAL);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_ptr_nonnull(strstr(d.items[0].msg, "a weather file is one year"));
    au_diags_clear(&d);
    au_scenario_free(s);
    free(w);
    free(sun);
    au_test_rmdir(dir);
}
END_TEST

static Suite *profiles_suite(void)
{
    Suite *s = suite_create("profiles");
    TCase *tc = tcase_create("profiles");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_synthetic_weather_of_a_scenario_is_the_generator_at_its_territory);
    tcase_add_test(tc, test_fleets_with_the_same_parameters_share_one_profile);
    tcase_add_test(tc, test_wind_fleet_reaches_its_capacity_factor);
    tcase_add_test(tc, test_heat_pump_cops_follow_their_sources);
    tcase_add_test(tc, test_heating_weight_adds_up);
    tcase_add_test(tc, test_a_weather_file_has_no_stochastic_samples);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(profiles_suite)
