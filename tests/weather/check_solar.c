/* check_solar.c: the sun over a year, clear-sky and extraterrestrial
 * irradiance, and the Erbs decomposition (solar.h).  Expected values worked
 * out by hand from the published formulas in the comments. */
#include "test_util.h"

#include <math.h>

#include "autonomy/solar.h"
#include "autonomy/sun.h"
#include "autonomy/weather.h"

START_TEST(test_erbs_diffuse_fraction_in_its_three_ranges)
{
    /* kt = 0.1: 1 − 0.09·0.1 = 0.991 */
    ck_assert_double_eq_tol(au_erbs_diffuse_fraction(0.1), 0.991, 1e-12);
    /* kt = 0.5: 0.9511 − 0.0802 + 4.388·0.25 − 16.638·0.125 + 12.336·0.0625 = 0.65915 */
    ck_assert_double_eq_tol(au_erbs_diffuse_fraction(0.5), 0.65915, 1e-12);
    /* kt = 0.9: 0.165 */
    ck_assert_double_eq(au_erbs_diffuse_fraction(0.9), 0.165);
    /* nearly continuous at the joints (the published fit is, to 3 digits) */
    ck_assert_double_eq_tol(au_erbs_diffuse_fraction(0.22), au_erbs_diffuse_fraction(0.2200001),
                            2e-3);
    ck_assert_double_eq_tol(au_erbs_diffuse_fraction(0.80), au_erbs_diffuse_fraction(0.8000001),
                            2e-3);
}
END_TEST

START_TEST(test_erbs_split_conserves_global_irradiance)
{
    au_sun_hour sun = {50.0, 170.0, 1361.0};
    double dni, dhi;
    au_erbs_split(&sun, 500.0, &dni, &dhi);
    ck_assert(dni >= 0 && dhi >= 0);
    /* GHI = DNI cos z + DHI */
    ck_assert_double_eq_tol(dni * cos(50.0 * M_PI / 180) + dhi, 500.0, 1e-9);
    /* sun on the horizon: all diffuse */
    au_sun_hour low = {88.0, 120.0, 1361.0};
    au_erbs_split(&low, 12.0, &dni, &dhi);
    ck_assert_double_eq(dni, 0.0);
    ck_assert_double_eq(dhi, 12.0);
}
END_TEST

START_TEST(test_haurwitz_clear_sky)
{
    /* z = 0: 1098 exp(−0.059) = 1035.0924; z = 60°: 549 exp(−0.118) = 487.8943 */
    ck_assert_double_eq_tol(au_clear_sky_ghi(0.0), 1035.0924, 1e-3);
    ck_assert_double_eq_tol(au_clear_sky_ghi(60.0), 487.8943, 1e-3);
    ck_assert_double_eq(au_clear_sky_ghi(95.0), 0.0);
}
END_TEST

START_TEST(test_sunpath_of_amiens_agrees_with_the_spa_hour_by_hour)
{
    au_sunpath *p = malloc(sizeof *p);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(au_sunpath_compute(49.894, 2.302, 30, 1, 0.5, p), AU_OK);
    /* hour 4116 = 21 June (day 171, 0-based) 12:00-13:00; the middle is 12:30 */
    au_spa_in in = {.year = AU_SUN_REFERENCE_YEAR, .month = 6, .day = 21, .hour = 12,
                    .minute = 30, .second = 0, .timezone_h = 1,
                    .delta_t_s = au_delta_t_estimate(AU_SUN_REFERENCE_YEAR + 0.5),
                    .latitude_deg = 49.894, .longitude_deg = 2.302, .elevation_m = 30,
                    .pressure_mbar = 1013.25 * pow(1 - 2.25577e-5 * 30, 5.25588),
                    .temperature_c = 12, .atmos_refract_deg = 0.5667};
    au_spa_out o;
    ck_assert_int_eq(au_spa(&in, &o), AU_OK);
    ck_assert_double_eq(p->hour[171 * 24 + 12].zenith_deg, o.zenith_deg);
    /* near the solstice noon, zenith ≈ latitude − 23.44° = 26.45° (+ a little,
     * 12:30 being 20 minutes before solar noon at 2.3° E in UTC+1) */
    ck_assert(o.zenith_deg > 26.4 && o.zenith_deg < 27.5);
    /* midnight: the sun is down; DNI_extra within the Earth's orbit range */
    ck_assert(p->hour[171 * 24].zenith_deg > 90);
    for (int h = 0; h < AU_HOURS; h++)
        ck_assert(p->hour[h].dni_extra_w_m2 > 1310 && p->hour[h].dni_extra_w_m2 < 1410);
    /* Extraterrestrial irradiation over a year at 49.9 N.  Daily H0 =
     * (24/π) Gsc (1 + 0.033 cos(360 n/365)) (cos φ cos δ sin ωs + ωs sin φ sin δ)
     * (Duffie & Beckman eq. 1.10.3) gives about 11.6 kWh/m² at the June
     * solstice, 6.7 at the equinoxes and 2.1 at the December solstice, some
     * 6.8 kWh/m² a day or 2.5 MWh/m² a year. */
    double h0 = 0;
    for (int h = 0; h < AU_HOURS; h++)
        h0 += au_extra_horizontal(&p->hour[h]);
    ck_assert_msg(h0 / 1000 > 2450 && h0 / 1000 < 2550, "H0 = %g kWh/m2", h0 / 1000);
    free(p);
}
END_TEST

START_TEST(test_sunpath_rejects_impossible_places)
{
    au_sunpath *p = malloc(sizeof *p);
    ck_assert_int_eq(au_sunpath_compute(91, 0, 0, 0, 0.5, p), AU_EINVAL);
    ck_assert_int_eq(au_sunpath_compute(45, 0, 0, 15, 0.5, p), AU_EINVAL);
    ck_assert_int_eq(au_sunpath_compute(45, 0, 0, 0, 1.5, p), AU_EINVAL);
    ck_assert_int_eq(au_sunpath_compute(NAN, 0, 0, 0, 0.5, p), AU_EINVAL);
    free(p);
}
END_TEST

START_TEST(test_the_sun_of_an_hour_brackets_the_spa)
{
    /* au_weather_hour_sun (Spencer's series, no refraction) against the SPA
     * at five instants of every hour (0, 15, ..., 60 minutes), at places
     * north and south, with the polar night and day, and in a zone far from
     * the place's own: the SPA's sun stays within the hour's lowest and
     * highest, and reaches them.  Tolerance 0.015 in cos z: refraction lifts
     * the SPA's sun by up to 0.57° near the horizon (cos z 0.0099), Spencer's
     * declination and equation of time are within 0.04° and half a minute
     * (0.002), and between two samples 15 minutes apart the true extreme
     * exceeds theirs by at most 1 - cos 1.875° = 0.0005. */
    static const struct {
        double lat, lon, utc;
    } at[] = {{49.894, 2.302, 1}, {-33.87, 151.21, 10}, {69.65, 18.96, 1}, {0.0, -78.5, -5},
              {45.0, 8.0, -7}};
    enum { N = 5 };
    au_sunpath *p = malloc(N * sizeof *p);
    ck_assert_ptr_nonnull(p);
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        for (int j = 0; j < N; j++)
            ck_assert_int_eq(au_sunpath_compute(at[i].lat, at[i].lon, 0, at[i].utc,
                                                (double)j / (N - 1), &p[j]), AU_OK);
        double worst = 0, worst_e0 = 0;
        for (long h = 0; h < AU_HOURS; h++) {
            double cmin, cmax, e0, lo = 1, hi = 0;
            au_weather_hour_sun(at[i].lat, at[i].lon, at[i].utc, h, &cmin, &cmax, &e0);
            ck_assert(cmin >= 0 && cmin <= cmax && cmax <= 1);
            for (int j = 0; j < N; j++) {
                double c = fmax(0.0, cos(p[j].hour[h].zenith_deg * M_PI / 180.0));
                lo = fmin(lo, c);
                hi = fmax(hi, c);
            }
            worst = fmax(worst, fmax(fabs(lo - cmin), fabs(hi - cmax)));
            ck_assert_msg(fabs(lo - cmin) <= 0.015 && fabs(hi - cmax) <= 0.015,
                          "place %zu hour %ld: SPA %g..%g, Spencer %g..%g", i, h, lo, hi, cmin,
                          cmax);
            /* E0: Spencer's distance factor against the SPA's Earth-Sun
             * distance, within 0.2 % (2.7 W/m2) */
            double e = p[N / 2].hour[h].dni_extra_w_m2;
            worst_e0 = fmax(worst_e0, fabs(e0 - e) / e);
            ck_assert_double_eq_tol(e0, e, 2e-3 * e);
        }
        printf("sun of an hour, place %zu: largest difference from the SPA %.4f in cos z, "
               "%.2f %% in E0\n", i, worst, 100 * worst_e0);
    }
    free(p);
}
END_TEST

static Suite *solar_suite(void)
{
    Suite *s = suite_create("solar");
    TCase *tc = tcase_create("radiation");
    tcase_add_test(tc, test_erbs_diffuse_fraction_in_its_three_ranges);
    tcase_add_test(tc, test_erbs_split_conserves_global_irradiance);
    tcase_add_test(tc, test_haurwitz_clear_sky);
    tcase_add_test(tc, test_sunpath_of_amiens_agrees_with_the_spa_hour_by_hour);
    tcase_add_test(tc, test_sunpath_rejects_impossible_places);
    tcase_add_test(tc, test_the_sun_of_an_hour_brackets_the_spa);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(solar_suite)
