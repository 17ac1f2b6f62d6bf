/* check_trajectory.c: yearly quantities (trajectory.h).  Expected values are
 * worked out by hand in the comments. */
#include "test_util.h"

#include <math.h>

#include "autonomy/trajectory.h"

START_TEST(test_constant_is_the_same_every_year)
{
    au_traj t = au_traj_constant(2.385);
    ck_assert_double_eq(au_traj_eval(&t, 2020), 2.385);
    ck_assert_double_eq(au_traj_eval(&t, 2050), 2.385);
    ck_assert_double_eq(au_traj_eval(&t, 1999), 2.385);
}
END_TEST

START_TEST(test_milestones_interpolate_linearly_and_hold_flat_outside)
{
    au_traj t;
    const double y[] = {2020, 2030, 2050};
    const double v[] = {12.0, 150.0, 300.0};
    ck_assert_int_eq(au_traj_milestones(&t, 3, y, v), AU_OK);
    ck_assert_double_eq(au_traj_eval(&t, 2010), 12.0);   /* flat before */
    ck_assert_double_eq(au_traj_eval(&t, 2020), 12.0);
    /* 2025: half way from 12 to 150 = 81 */
    ck_assert_double_eq_tol(au_traj_eval(&t, 2025), 81.0, 1e-12);
    ck_assert_double_eq(au_traj_eval(&t, 2030), 150.0);
    /* 2044: 150 + (300-150)·14/20 = 255 */
    ck_assert_double_eq_tol(au_traj_eval(&t, 2044), 255.0, 1e-12);
    ck_assert_double_eq(au_traj_eval(&t, 2050), 300.0);
    ck_assert_double_eq(au_traj_eval(&t, 2060), 300.0);  /* flat after */
    au_traj_free(&t);
    ck_assert_int_eq(t.kind, AU_TRAJ_UNSET);
}
END_TEST

START_TEST(test_single_milestone_is_constant)
{
    au_traj t;
    const double y[] = {2030}, v[] = {4.2};
    ck_assert_int_eq(au_traj_milestones(&t, 1, y, v), AU_OK);
    ck_assert_double_eq(au_traj_eval(&t, 2020), 4.2);
    ck_assert_double_eq(au_traj_eval(&t, 2040), 4.2);
    au_traj_free(&t);
}
END_TEST

START_TEST(test_milestones_must_increase)
{
    au_traj t;
    const double y[] = {2020, 2040, 2030}, v[] = {1, 2, 3};
    const double same[] = {2020, 2020};
    ck_assert_int_eq(au_traj_milestones(&t, 3, y, v), AU_EINVAL);
    ck_assert_int_eq(t.kind, AU_TRAJ_UNSET);
    ck_assert_int_eq(au_traj_milestones(&t, 2, same, v), AU_EINVAL);
    ck_assert_int_eq(au_traj_milestones(&t, 0, y, v), AU_EINVAL);
}
END_TEST

START_TEST(test_logistic_passes_half_way_at_its_midpoint)
{
    /* from 10 to 310, midpoint 2035, k = 0.3/yr:
     * 2035: 10 + 300/2 = 160
     * 2045: 10 + 300/(1+e^-3) = 10 + 300/1.0497870684 = 295.7722380...
     * 2025: 10 + 300/(1+e^3)  = 10 + 300/21.0855369232 = 24.2277620... */
    au_traj t = au_traj_logistic(10.0, 310.0, 2035.0, 0.3);
    ck_assert_double_eq_tol(au_traj_eval(&t, 2035), 160.0, 1e-12);
    ck_assert_double_eq_tol(au_traj_eval(&t, 2045), 295.77223805, 1e-7);
    ck_assert_double_eq_tol(au_traj_eval(&t, 2025), 24.22776195, 1e-7);
    /* symmetric: v(mid+d) + v(mid-d) = from + to */
    ck_assert_double_eq_tol(au_traj_eval(&t, 2045) + au_traj_eval(&t, 2025), 320.0, 1e-9);
}
END_TEST

START_TEST(test_logistic_can_decline)
{
    /* from 0.45 down to 0.05: at the midpoint 0.25 */
    au_traj t = au_traj_logistic(0.45, 0.05, 2030.0, 0.5);
    ck_assert_double_eq_tol(au_traj_eval(&t, 2030), 0.25, 1e-15);
    ck_assert(au_traj_eval(&t, 2020) > au_traj_eval(&t, 2040));
}
END_TEST

START_TEST(test_growth_compounds_from_its_base_year)
{
    /* 5500 GWh at -1.5 %/yr from 2020:
     * 2021: 5500·0.985 = 5417.5
     * 2022: 5500·0.985² = 5336.2375
     * 2050: 5500·0.985^30 = 3495.0195... (0.985^30 = 0.635458...) */
    au_traj t = au_traj_growth(5500.0, 2020.0, -0.015);
    ck_assert_double_eq(au_traj_eval(&t, 2020), 5500.0);
    ck_assert_double_eq_tol(au_traj_eval(&t, 2021), 5417.5, 1e-9);
    ck_assert_double_eq_tol(au_traj_eval(&t, 2022), 5336.2375, 1e-9);
    ck_assert_double_eq_tol(au_traj_eval(&t, 2050), 5500.0 * pow(0.985, 30), 1e-9);
    ck_assert_double_eq_tol(au_traj_eval(&t, 2050), 3495.0195, 1e-3);
    /* before the base year it runs backwards: 2019 = 5500/0.985 */
    ck_assert_double_eq_tol(au_traj_eval(&t, 2019), 5583.7563452, 1e-6);
}
END_TEST

START_TEST(test_unset_evaluates_to_zero)
{
    au_traj t = {0};
    ck_assert_double_eq(au_traj_eval(&t, 2030), 0.0);
    au_traj_free(&t);
    au_traj_free(NULL);
}
END_TEST

static Suite *trajectory_suite(void)
{
    Suite *s = suite_create("trajectory");
    TCase *tc = tcase_create("forms");
    tcase_add_test(tc, test_constant_is_the_same_every_year);
    tcase_add_test(tc, test_milestones_interpolate_linearly_and_hold_flat_outside);
    tcase_add_test(tc, test_single_milestone_is_constant);
    tcase_add_test(tc, test_milestones_must_increase);
    tcase_add_test(tc, test_logistic_passes_half_way_at_its_midpoint);
    tcase_add_test(tc, test_logistic_can_decline);
    tcase_add_test(tc, test_growth_compounds_from_its_base_year);
    tcase_add_test(tc, test_unset_evaluates_to_zero);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(trajectory_suite)
