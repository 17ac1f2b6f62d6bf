/* check_pv.c: the PV chain (pv.h).  Expected values are worked out by hand
 * from the published equations (shown in the comments) or taken from pvlib's
 * test suite where marked. */
#include "test_util.h"

#include <math.h>

#include "autonomy/pv.h"

static au_pv default_pv(double tilt, double azimuth)
{
    au_pv p = {0};
    p.tilt_deg = tilt;
    p.azimuth_deg = azimuth;
    p.losses = 0.14;
    p.inverter_efficiency = 0.96;
    p.dc_ac_ratio = 1.2;
    p.gamma_per_k = -0.0037;
    p.albedo = 0.2;
    return p;
}

START_TEST(test_incidence_on_a_south_array_with_the_sun_due_south)
{
    /* tilt 30, sun at zenith 40 due south: aoi = 40 − 30 = 10° */
    double c = au_pv_cos_aoi(30, 180, 40, 180);
    ck_assert_double_eq_tol(acos(c) * 180 / M_PI, 10.0, 1e-9);
    /* horizontal surface: cos aoi = cos zenith */
    ck_assert_double_eq_tol(au_pv_cos_aoi(0, 180, 60, 97), 0.5, 1e-12);
    /* vertical south wall, sun due east on the horizon line of the wall: 90° */
    ck_assert_double_eq_tol(au_pv_cos_aoi(90, 180, 60, 90), 0.0, 1e-12);
}
END_TEST

START_TEST(test_hay_davies_components_worked_by_hand)
{
    /* tilt 30 south, sun zenith 40 south, DNI 600, DHI 150, DNI_extra 1360.
     * cos aoi = cos 10° = 0.9848078, cos z = 0.7660444, Rb = 1.2855752
     * GHI = 600·0.7660444 + 150 = 609.62667
     * A = 600/1360 = 0.4411765
     * sky = 150 (A·Rb + (1−A)(1 + cos 30°)/2) = 163.28325
     * ground = 609.62667 · 0.2 · (1 − cos 30°)/2 = 8.16745
     * beam = 600 · 0.9848078 = 590.88465 */
    au_sun_hour sun = {40.0, 180.0, 1360.0};
    double ghi = 600 * cos(40 * M_PI / 180) + 150;
    au_poa p = au_pv_poa(30, 180, 0.2, &sun, ghi, 600, 150);
    ck_assert_double_eq_tol(p.beam, 590.88465, 1e-4);
    ck_assert_double_eq_tol(p.sky_diffuse, 163.28325, 1e-4);
    ck_assert_double_eq_tol(p.ground, 8.16745, 1e-4);
    ck_assert_double_eq_tol(p.global, 762.33535, 1e-4);
    ck_assert_double_eq_tol(p.aoi_deg, 10.0, 1e-9);
}
END_TEST

START_TEST(test_horizontal_plane_receives_the_global_horizontal)
{
    /* on a horizontal plane the transposition must give back GHI */
    au_sun_hour sun = {55.0, 150.0, 1400.0};
    double dni = 420, dhi = 110, ghi = dni * cos(55 * M_PI / 180) + dhi;
    au_poa p = au_pv_poa(0, 180, 0.2, &sun, ghi, dni, dhi);
    ck_assert_double_eq_tol(p.global, ghi, 1e-9);
    ck_assert_double_eq_tol(p.ground, 0.0, 1e-12);
}
END_TEST

START_TEST(test_no_beam_when_the_sun_is_down_or_behind)
{
    au_sun_hour night = {95.0, 180.0, 1360.0};
    au_poa p = au_pv_poa(35, 180, 0.2, &night, 5, 0, 5);
    ck_assert_double_eq(p.beam, 0.0);
    ck_assert(p.sky_diffuse >= 0 && p.sky_diffuse <= 5);
    au_sun_hour behind = {60.0, 0.0, 1360.0}; /* sun in the north, array faces south */
    p = au_pv_poa(60, 180, 0.2, &behind, 300, 400, 100);
    ck_assert_double_eq(p.beam, 0.0);
}
END_TEST

START_TEST(test_incidence_angle_modifier_matches_pvlib_physical)
{
    /* pvlib tests/test_iam.py::test_physical, n = 1.526, L = 0.002, K = 4 */
    ck_assert_double_eq_tol(au_pv_iam(0.0), 1.0, 1e-12);
    ck_assert_double_eq_tol(au_pv_iam(22.5), 0.99926198, 1e-8);
    ck_assert_double_eq_tol(au_pv_iam(45.0), 0.98797788, 1e-8);
    ck_assert_double_eq_tol(au_pv_iam(67.5), 0.8893998, 1e-7);
    ck_assert_double_eq(au_pv_iam(90.0), 0.0);
    ck_assert_double_eq(au_pv_iam(120.0), 0.0);
}
END_TEST

START_TEST(test_cell_temperature_by_the_sandia_model)
{
    /* 900 W/m², 20 °C, 5 m/s, open rack glass/polymer:
     * 900·exp(−3.56 − 0.075·5) + 20 + 900/1000·3 = 17.59113 + 20 + 2.7 = 40.29113 */
    ck_assert_double_eq_tol(au_pv_cell_temp(900, 20, 5), 40.29113, 1e-5);
    /* at night the cell is at air temperature */
    ck_assert_double_eq(au_pv_cell_temp(0, -3.5, 2), -3.5);
}
END_TEST

START_TEST(test_ac_output_of_one_clear_hour_worked_by_hand)
{
    /* Sun at the zenith, horizontal array: G_eff = 800 + 100 = 900 W/m²
     * T_cell = 900·exp(−3.56 − 0.075·2) + 25 + 2.7 = 49.72977 °C
     * DC = 0.9 (1 − 0.0037 · 24.72977) · (1 − 0.14) = 0.7031789 kW/kWp
     * AC = 0.96 · 0.7031789 = 0.6750517 (below the 1/1.2 kW AC rating) */
    au_pv p = default_pv(0, 180);
    au_sun_hour sun = {0.0, 180.0, 1360.0};
    ck_assert_double_eq_tol(au_pv_ac_per_kwp(&p, &sun, 900, 800, 100, 25, 2), 0.6750517, 1e-7);
    /* DC/AC 1.5: clipped at 1/1.5 */
    p.dc_ac_ratio = 1.5;
    ck_assert_double_eq_tol(au_pv_ac_per_kwp(&p, &sun, 900, 800, 100, 25, 2), 1.0 / 1.5, 1e-15);
}
END_TEST

START_TEST(test_no_output_in_the_dark)
{
    au_pv p = default_pv(35, 180);
    au_sun_hour night = {120.0, 0.0, 1360.0};
    ck_assert_double_eq(au_pv_ac_per_kwp(&p, &night, 0, 0, 0, 5, 3), 0.0);
}
END_TEST

static Suite *pv_suite(void)
{
    Suite *s = suite_create("pv");
    TCase *tc = tcase_create("geometry");
    tcase_add_test(tc, test_incidence_on_a_south_array_with_the_sun_due_south);
    tcase_add_test(tc, test_hay_davies_components_worked_by_hand);
    tcase_add_test(tc, test_horizontal_plane_receives_the_global_horizontal);
    tcase_add_test(tc, test_no_beam_when_the_sun_is_down_or_behind);
    suite_add_tcase(s, tc);
    tc = tcase_create("module");
    tcase_add_test(tc, test_incidence_angle_modifier_matches_pvlib_physical);
    tcase_add_test(tc, test_cell_temperature_by_the_sandia_model);
    tcase_add_test(tc, test_ac_output_of_one_clear_hour_worked_by_hand);
    tcase_add_test(tc, test_no_output_in_the_dark);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(pv_suite)
