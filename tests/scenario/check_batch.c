/* check_batch.c: batches (batch.h): the product of sweeps, the variants'
 * names, substitutions applied before validation. */
#include "test_util.h"

#include <math.h>

#include "autonomy/batch.h"

START_TEST(test_default_batch_is_the_product_of_its_sweeps)
{
    au_diags d;
    au_batch *b = NULL;
    au_diags_init(&d);
    ck_assert_int_eq(au_batch_load(au_test_path("../scenarios/amiens-default.xml"), &b, &d), AU_OK);
    ck_assert_str_eq(b->name, "amiens-default");
    /* the baseline, the roadmap itself (include-base) and its 3 × 3 variants,
     * the last sweep varying fastest, then the other policies */
    ck_assert_uint_ge(b->n, 11);
    ck_assert_str_eq(b->v[0].name, "amiens-baseline");
    ck_assert_str_eq(b->v[1].name, "amiens-roadmap");
    ck_assert_str_eq(b->v[2].name, "amiens-roadmap+rooftop_pv=300MWp+wind_2050=300MW");
    ck_assert_str_eq(b->v[3].name, "amiens-roadmap+rooftop_pv=300MWp+wind_2050=600MW");
    ck_assert_str_eq(b->v[5].name, "amiens-roadmap+rooftop_pv=600MWp+wind_2050=300MW");
    ck_assert_str_eq(b->v[10].name, "amiens-roadmap+rooftop_pv=900MWp+wind_2050=900MW");
    ck_assert_uint_eq(b->v[10].n_ov, 2);

    au_scenario **s = calloc(b->n, sizeof *s);
    ck_assert_int_eq(au_batch_load_scenarios(b, s, &d), AU_OK);
    /* the substitutions: rooftops end at 900 MWp, wind reaches 900 MW in 2050 */
    const au_scenario *x = s[10];
    ck_assert_str_eq(x->name, "amiens-roadmap+rooftop_pv=900MWp+wind_2050=900MW");
    size_t roof = 0;
    while (roof < x->n_pv && strcmp(x->pv[roof].name, "rooftops") != 0)
        roof++;
    ck_assert_uint_lt(roof, x->n_pv);
    ck_assert_int_eq(x->pv[roof].capacity_mw.kind, AU_TRAJ_LOGISTIC);
    ck_assert_double_eq(x->pv[roof].capacity_mw.to, 900.0);
    ck_assert_double_eq(au_traj_eval(&x->wind[0].capacity_mw, 2050), 900.0);
    /* the unswept roadmap keeps its own value (600 MW in 2050) */
    ck_assert_double_eq(au_traj_eval(&s[1]->wind[0].capacity_mw, 2050), 600.0);
    /* every variant read the same files */
    ck_assert_uint_eq(s[10]->n_inputs, s[1]->n_inputs);
    for (size_t i = 0; i < b->n; i++)
        au_scenario_free(s[i]);
    free(s);
    au_batch_free(b);
    au_diags_clear(&d);
}
END_TEST

START_TEST(test_an_element_substitution_replaces_a_trajectory_by_a_constant)
{
    au_diags d;
    au_scenario *s = NULL;
    au_diags_init(&d);
    au_override ov = {"/scenario/generation/pv[@name='rooftops']/capacity", "123 MWp", "batch.xml",
                      7, AU_LEVER_VALUE, 0};
    ck_assert_int_eq(au_scenario_load_variant(au_test_path("../scenarios/amiens-roadmap.xml"),
                                              &ov, 1, "r", &s, &d),
                     AU_OK);
    ck_assert_str_eq(s->name, "r");
    for (size_t i = 0; i < s->n_pv; i++)
        if (strcmp(s->pv[i].name, "rooftops") == 0) {
            ck_assert_int_eq(s->pv[i].capacity_mw.kind, AU_TRAJ_CONSTANT);
            ck_assert_double_eq(au_traj_eval(&s->pv[i].capacity_mw, 2040), 123.0);
        }
    au_scenario_free(s);
    /* a bad value is reported at the batch's line */
    ov.value = "123 kg";
    ck_assert_int_ne(au_scenario_load_variant(au_test_path("../scenarios/amiens-roadmap.xml"),
                                              &ov, 1, NULL, &s, &d),
                     AU_OK);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.items[0].file, "batch.xml");
    ck_assert_int_eq(d.items[0].line, 7);
    au_diags_clear(&d);
}
END_TEST

static Suite *batch_suite(void)
{
    Suite *s = suite_create("batch");
    TCase *tc = tcase_create("batches");
    tcase_add_test(tc, test_default_batch_is_the_product_of_its_sweeps);
    tcase_add_test(tc, test_an_element_substitution_replaces_a_trajectory_by_a_constant);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(batch_suite)
