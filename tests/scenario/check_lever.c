/* check_lever.c: levers (scale, shift, set) on the roadmap's trajectories,
 * with values worked out by hand from its file, and the variant file that
 * reproduces a set of substitutions (au_scenario_write_variant). */
#include "test_util.h"

#include <math.h>

#include "autonomy/scenario.h"
#include "autonomy/trajectory.h"

#define ROADMAP "../scenarios/amiens-roadmap.xml"
#define WIND "/scenario/generation/wind[@name='Somme wind share']/capacity"
#define ROOF "/scenario/generation/pv[@name='rooftops']/capacity"
#define GROUND "/scenario/generation/pv[@name='ground-mounted']/capacity"

static au_scenario *with(const au_override *ov, size_t n)
{
    au_diags d;
    au_scenario *s = NULL;
    au_diags_init(&d);
    au_status st = au_scenario_load_variant(au_test_path(ROADMAP), ov, n, "v", &s, &d);
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    ck_assert_int_eq(st, AU_OK);
    au_diags_clear(&d);
    return s;
}

static const au_traj *pv(const au_scenario *s, const char *name)
{
    for (size_t i = 0; i < s->n_pv; i++)
        if (strcmp(s->pv[i].name, name) == 0)
            return &s->pv[i].capacity_mw;
    ck_abort_msg("no PV %s", name);
    return NULL;
}

START_TEST(test_scale_multiplies_every_year)
{
    /* the roadmap's wind: 0 MW in 2025 to 600 MW in 2050; × 2: 720 MW in
     * 2040 (2 × 600 × 15/25) */
    au_override ov = {WIND, "2", "t", 1, AU_LEVER_SCALE, 0};
    au_scenario *s = with(&ov, 1);
    ck_assert_double_eq_tol(au_traj_eval(&s->wind[0].capacity_mw, 2040), 720.0, 1e-9);
    ck_assert_double_eq_tol(au_traj_eval(&s->wind[0].capacity_mw, 2050), 1200.0, 1e-9);
    au_scenario_free(s);
    /* rooftops: a logistic 7.5 -> 400 MWp; × 0.5 halves it every year */
    au_override r = {ROOF, "0.5", "t", 1, AU_LEVER_SCALE, 0};
    au_scenario *a = with(NULL, 0), *b = with(&r, 1);
    for (int y = 2020; y <= 2050; y += 5)
        ck_assert_double_eq_tol(au_traj_eval(pv(b, "rooftops"), y),
                                0.5 * au_traj_eval(pv(a, "rooftops"), y), 1e-9);
    au_scenario_free(a);
    au_scenario_free(b);
}
END_TEST

START_TEST(test_set_goes_through_the_value_with_the_shape_kept)
{
    /* wind 360 MW in 2040; set to 1500 MW there: × 1500/360, 2500 MW in
     * 2050, still 0 in 2025 */
    au_override ov = {WIND, "1.5 GW", "t", 1, AU_LEVER_SET, 2040};
    au_scenario *s = with(&ov, 1);
    ck_assert_double_eq_tol(au_traj_eval(&s->wind[0].capacity_mw, 2040), 1500.0, 1e-9);
    ck_assert_double_eq_tol(au_traj_eval(&s->wind[0].capacity_mw, 2050), 2500.0, 1e-9);
    ck_assert_double_eq_tol(au_traj_eval(&s->wind[0].capacity_mw, 2025), 0.0, 1e-12);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_shift_brings_the_same_values_earlier)
{
    /* ground plants 0 MWp in 2025 to 200 in 2050, 10 years earlier: 2015
     * falls before the horizon and becomes 2020 at the old 2030's 40 MWp;
     * 200 MWp in 2040; in 2030 the old 2040's 120 */
    au_override ov = {GROUND, "10", "t", 1, AU_LEVER_SHIFT, 0};
    au_scenario *s = with(&ov, 1);
    const au_traj *t = pv(s, "ground-mounted");
    ck_assert_double_eq_tol(au_traj_eval(t, 2020), 40.0, 1e-9);
    ck_assert_double_eq_tol(au_traj_eval(t, 2030), 120.0, 1e-9);
    ck_assert_double_eq_tol(au_traj_eval(t, 2040), 200.0, 1e-9);
    ck_assert_double_eq_tol(au_traj_eval(t, 2050), 200.0, 1e-9);
    au_scenario_free(s);
    /* the rooftops' logistic (midpoint 2036) 5 years earlier: new(y) = old(y + 5) */
    au_override r = {ROOF, "5", "t", 1, AU_LEVER_SHIFT, 0};
    au_scenario *a = with(NULL, 0), *b = with(&r, 1);
    for (int y = 2020; y <= 2045; y += 5)
        ck_assert_double_eq_tol(au_traj_eval(pv(b, "rooftops"), y),
                                au_traj_eval(pv(a, "rooftops"), y + 5), 1e-9);
    au_scenario_free(a);
    au_scenario_free(b);
}
END_TEST

START_TEST(test_bad_levers_are_errors_at_their_line)
{
    au_diags d;
    au_scenario *s = NULL;
    au_diags_init(&d);
    au_override bad[] = {
        {WIND, "-2", "levers.xml", 3, AU_LEVER_SCALE, 0},
        {WIND, "2.5", "levers.xml", 4, AU_LEVER_SHIFT, 0},
        {WIND, "12 kg", "levers.xml", 5, AU_LEVER_SET, 2040},
        {WIND, "100 MW", "levers.xml", 6, AU_LEVER_SET, 2020},
    };
    const char *want[] = {"is not a factor", "is not a whole number of years",
                          "is not a quantity of <capacity>'s kind", "is 0 in 2020"};
    for (size_t i = 0; i < 4; i++) {
        ck_assert_int_eq(au_scenario_load_variant(au_test_path(ROADMAP), &bad[i], 1, "v", &s, &d),
                         AU_EINVAL);
        ck_assert_ptr_null(s);
        ck_assert_uint_ge(d.n, 1);
        ck_assert_str_eq(d.items[d.n - 1].file, "levers.xml");
        ck_assert_int_eq(d.items[d.n - 1].line, bad[i].line);
        ck_assert_msg(strstr(d.items[d.n - 1].msg, want[i]) != NULL, "%s", d.items[d.n - 1].msg);
    }
    /* milestones in two units cannot be shifted: the value moved into the
     * horizon would have no unit to be written in */
    au_override mixed[] = {
        {WIND "/at[@year='2050']", "0.6 GW", "levers.xml", 7, AU_LEVER_VALUE, 0},
        {WIND, "10", "levers.xml", 8, AU_LEVER_SHIFT, 0},
    };
    ck_assert_int_eq(au_scenario_load_variant(au_test_path(ROADMAP), mixed, 2, "v", &s, &d),
                     AU_EINVAL);
    ck_assert_int_eq(d.items[d.n - 1].line, 8);
    ck_assert_ptr_nonnull(strstr(d.items[d.n - 1].msg, "mix units"));
    au_diags_clear(&d);
}
END_TEST

START_TEST(test_the_written_variant_gives_the_same_scenario)
{
    /* a lever, a sweep-like value inside a logistic, and an attribute */
    au_override ov[] = {
        {WIND, "1.5 GW", "t", 1, AU_LEVER_SET, 2040},
        {ROOF "/logistic/@to", "650 MWp", "t", 2, AU_LEVER_VALUE, 0},
        {"/scenario/autonomy/@threshold", "0.95", "t", 3, AU_LEVER_VALUE, 0},
    };
    char dir[32], path[96];
    au_test_mkdir(dir);
    snprintf(path, sizeof path, "%s/found.xml", dir);
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_scenario_write_variant(au_test_path(ROADMAP), ov, 3, "found", path, &d),
                     AU_OK);
    au_scenario *w = NULL, *v = with(ov, 3);
    ck_assert_int_eq(au_scenario_load(path, &w, &d), AU_OK);
    ck_assert_str_eq(w->name, "found");
    ck_assert_double_eq(w->criterion.threshold, 0.95);
    for (int y = 2020; y <= 2050; y++) {
        ck_assert(au_traj_eval(&w->wind[0].capacity_mw, y) ==
                  au_traj_eval(&v->wind[0].capacity_mw, y));
        ck_assert(au_traj_eval(pv(w, "rooftops"), y) == au_traj_eval(pv(v, "rooftops"), y));
    }
    /* the substituted end of the logistic: above the roadmap's 400 MWp */
    ck_assert_double_gt(au_traj_eval(pv(w, "rooftops"), 2050), 600.0);
    au_scenario_free(w);
    au_scenario_free(v);
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

static Suite *lever_suite(void)
{
    Suite *su = suite_create("lever");
    TCase *tc = tcase_create("roadmap");
    tcase_add_test(tc, test_scale_multiplies_every_year);
    tcase_add_test(tc, test_set_goes_through_the_value_with_the_shape_kept);
    tcase_add_test(tc, test_shift_brings_the_same_values_earlier);
    tcase_add_test(tc, test_bad_levers_are_errors_at_their_line);
    tcase_add_test(tc, test_the_written_variant_gives_the_same_scenario);
    suite_add_tcase(su, tc);
    return su;
}

AU_CHECK_MAIN(lever_suite)
