/* check_scenario.c: loading scenarios (scenario.h): values converted to
 * internal units, defaults, variants that extend a base, and the shipped
 * scenarios. */
#include "test_util.h"

#include <math.h>

#include "autonomy/scenario.h"

static au_scenario *load_ok(const char *rel)
{
    au_diags d;
    au_scenario *s = NULL;
    au_diags_init(&d);
    au_status st = au_scenario_load(au_test_path(rel), &s, &d);
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    ck_assert_msg(st == AU_OK, "%s should load, got status %d", rel, st);
    ck_assert_uint_eq(d.n, 0);
    au_diags_clear(&d);
    ck_assert_ptr_nonnull(s);
    return s;
}

START_TEST(test_minimal_scenario_is_read_in_internal_units)
{
    au_scenario *s = load_ok("data/minimal.xml");
    ck_assert_str_eq(s->name, "minimal");
    ck_assert_str_eq(s->territory.name, "Testville");
    ck_assert_double_eq(s->territory.latitude_deg, 49.894);
    ck_assert_double_eq(s->territory.longitude_deg, 2.302);
    ck_assert_double_eq(s->territory.utc_offset_h, 1.0);
    ck_assert_double_eq(au_traj_eval(&s->territory.population, 2030), 1000.0);
    ck_assert_int_eq(s->year_start, 2020);
    ck_assert_int_eq(s->year_end, 2050);
    ck_assert_uint_eq(s->n_uses, 1);
    ck_assert_int_eq(s->uses[0].sector, AU_SECTOR_RESIDENTIAL);
    ck_assert_int_eq(s->uses[0].type, AU_USE_ELECTRICITY);
    ck_assert_int_eq(s->uses[0].mix, -1);
    /* 2.385 GWh = 2385 MWh, exactly */
    ck_assert_double_eq(au_traj_eval(&s->uses[0].annual_mwh, 2035), 2385.0);
    ck_assert_uint_eq(s->n_pv, 1);
    ck_assert_double_eq(s->pv[0].tilt_deg, 35.0);
    ck_assert_double_eq(s->pv[0].azimuth_deg, 180.0);
    ck_assert_double_eq(au_traj_eval(&s->pv[0].capacity_mw, 2020), 1.5);
    ck_assert_int_eq(s->criterion.indicator, AU_IND_ANNUAL_BALANCE);
    ck_assert_int_eq(s->criterion.scope, AU_SCOPE_ALL_ENERGY);
    ck_assert_double_eq(s->criterion.threshold, 1.0);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_defaults_are_those_of_the_model)
{
    au_scenario *s = load_ok("data/minimal.xml");
    /* MODEL.md §3: losses 14 %, inverter 96 %, DC/AC 1.2, γ −0.37 %/K, albedo 0.2 */
    ck_assert_double_eq(s->pv[0].losses, 0.14);
    ck_assert_double_eq(s->pv[0].inverter_efficiency, 0.96);
    ck_assert_double_eq(s->pv[0].dc_ac_ratio, 1.2);
    ck_assert_double_eq(s->pv[0].gamma_per_k, -0.0037);
    ck_assert_double_eq(s->pv[0].albedo, 0.2);
    /* MODEL.md §8: confidence 0.9; §2: synthetic weather by default */
    ck_assert_double_eq(s->criterion.confidence, 0.9);
    ck_assert_int_eq(s->weather.source, AU_WEATHER_SYNTHETIC);
    ck_assert_ptr_null(s->weather.file);
    ck_assert_int_eq(s->import_limit_mw.kind, AU_TRAJ_UNSET);
    ck_assert_int_eq(s->district_heating.present, 0);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_variant_overrides_and_adds_to_its_base)
{
    au_scenario *s = load_ok("data/variant.xml");
    ck_assert_str_eq(s->name, "variant");
    ck_assert_str_eq(s->title, "More sun, a battery");
    /* kept from the base */
    ck_assert_str_eq(s->territory.name, "Testville");
    ck_assert_double_eq(au_traj_eval(&s->territory.population, 2040), 1000.0);
    /* overridden: growth −1.5 %/yr from 2385 MWh; 2022: 2385·0.985² = 2385·0.970225 = 2313.986625 */
    ck_assert_uint_eq(s->n_uses, 1);
    ck_assert_int_eq(s->uses[0].annual_mwh.kind, AU_TRAJ_GROWTH);
    ck_assert_double_eq_tol(au_traj_eval(&s->uses[0].annual_mwh, 2022), 2313.986625, 1e-9);
    /* the base fleet: tilt overridden, azimuth kept, capacity now milestones */
    ck_assert_uint_eq(s->n_pv, 2);
    ck_assert_str_eq(s->pv[0].name, "roofs");
    ck_assert_double_eq(s->pv[0].tilt_deg, 30.0);
    ck_assert_double_eq(s->pv[0].azimuth_deg, 180.0);
    ck_assert_double_eq_tol(au_traj_eval(&s->pv[0].capacity_mw, 2025), 2.75, 1e-12);
    /* an added fleet and an added section */
    ck_assert_str_eq(s->pv[1].name, "field");
    ck_assert_double_eq_tol(au_traj_eval(&s->pv[1].capacity_mw, 2035), 5.0, 1e-12);
    ck_assert_uint_eq(s->n_batteries, 1);
    ck_assert_int_eq(s->batteries[0].chemistry, AU_CHEM_SODIUM_ION);
    ck_assert_double_eq(au_traj_eval(&s->batteries[0].energy_mwh, 2030), 2.0);
    ck_assert_double_eq(au_traj_eval(&s->batteries[0].power_mw, 2030), 1.0);
    au_scenario_free(s);
}
END_TEST

START_TEST(test_shipped_baseline_loads_with_its_mixes_and_network)
{
    au_scenario *s = load_ok("../scenarios/amiens-baseline.xml");
    ck_assert_str_eq(s->name, "amiens-baseline");
    ck_assert_uint_eq(s->n_heat_mixes, 3);      /* buildings, hot water, industry */
    ck_assert(s->district_heating.present);
    ck_assert_uint_eq(s->n_mobility, 1);
    /* every heat use names an existing mix, every fuel use a fuel */
    for (size_t i = 0; i < s->n_uses; i++) {
        const au_use *u = &s->uses[i];
        if (u->type == AU_USE_SPACE_HEATING || u->type == AU_USE_HOT_WATER ||
            u->type == AU_USE_PROCESS_HEAT)
            ck_assert(u->mix >= 0 && (size_t)u->mix < s->n_heat_mixes);
        if (u->type == AU_USE_FUEL)
            ck_assert_int_ne(u->carrier, AU_CARRIER_ELECTRICITY);
    }
    /* the buildings mix: explicit shares and one remainder, in [0, 1] every year */
    const au_heat_mix *m = &s->heat_mixes[0];
    for (int y = s->year_start; y <= s->year_end; y++) {
        double sum = 0;
        int rem = 0;
        for (size_t j = 0; j < m->n_shares; j++) {
            rem += m->shares[j].remainder;
            if (!m->shares[j].remainder)
                sum += au_traj_eval(&m->shares[j].share, y);
        }
        ck_assert_int_eq(rem, 1);
        ck_assert(sum >= 0 && sum <= 1);
    }
    au_scenario_free(s);
}
END_TEST

START_TEST(test_shipped_roadmap_cuts_demand_as_the_roadmap_says)
{
    au_scenario *base = load_ok("../scenarios/amiens-baseline.xml");
    au_scenario *road = load_ok("../scenarios/amiens-roadmap.xml");
    ck_assert_uint_eq(road->n_uses, base->n_uses);
    /* −3.17 %/yr for 30 years: 0.9683^30 = 0.3804, the roadmap's −62 % */
    for (size_t i = 0; i < road->n_uses; i++) {
        if (road->uses[i].annual_mwh.kind != AU_TRAJ_GROWTH ||
            road->uses[i].annual_mwh.rate != -0.0317)
            continue;
        double r = au_traj_eval(&road->uses[i].annual_mwh, 2050) /
                   au_traj_eval(&road->uses[i].annual_mwh, 2020);
        ck_assert_double_eq_tol(r, 0.3804, 5e-4);
    }
    ck_assert_uint_eq(road->n_wind, 1);
    /* Hauts-de-France 2015-2023, mean 24.3 % (amiens-baseline.xml) */
    ck_assert_double_eq(road->wind[0].target_capacity_factor, 0.24);
    ck_assert_double_eq(road->wind[0].spread_m, 80e3);
    au_scenario_free(base);
    au_scenario_free(road);
}
END_TEST

START_TEST(test_storage_presets_are_those_of_docs_storage_presets)
{
    /* docs/storage-presets.md: one-way efficiencies 0.9193 (LFP) and 0.90
     * (sodium-ion); 3 % and 5 % lost a month of 730 h, compounded:
     * 1 - 0.97^(1/730) = 4.172407e-5 and 1 - 0.95^(1/730) = 7.026232e-5 an
     * hour (worked with a calculator); SOC within 5-100 %, starting at 50 %. */
    au_storage_params l = au_chemistry_preset(AU_CHEM_LFP);
    au_storage_params n = au_chemistry_preset(AU_CHEM_SODIUM_ION);
    ck_assert_double_eq_tol(l.eta_charge * l.eta_discharge, 0.84511, 1e-5);
    ck_assert_double_eq_tol(n.eta_charge * n.eta_discharge, 0.81, 1e-12);
    ck_assert_double_eq_tol(l.self_discharge_per_h, 4.172407e-5, 1e-11);
    ck_assert_double_eq_tol(n.self_discharge_per_h, 7.026232e-5, 1e-11);
    ck_assert_double_eq_tol(l.soc_min, 0.05, 1e-15);
    ck_assert_double_eq_tol(n.soc_max, 1.0, 1e-15);
    ck_assert_double_eq_tol(n.soc_initial, 0.5, 1e-15);
}
END_TEST

/* The whole of a text file, NUL-terminated (malloc'd). */
static char *slurp_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *out = malloc(n + 1);
    ck_assert_ptr_nonnull(out);
    memcpy(out, buf, n + 1);
    return out;
}

START_TEST(test_the_parameter_table_agrees_with_the_schema_and_the_docs)
{
    /* issue 11: each numeric attribute is declared once, in the loader's
     * table; the schema must declare it, scenarios/README.md name it, and a
     * numeric default lie in its own range */
    char *xsd = slurp_text(au_test_path("../scenarios/autonomy.xsd"));
    char *doc = slurp_text(au_test_path("../scenarios/README.md"));
    const au_param *p;
    size_t n = au_scenario_params(&p);
    ck_assert_uint_ge(n, 40);
    for (size_t i = 0; i < n; i++) {
        char attr[96];
        snprintf(attr, sizeof attr, "name=\"%s\"", p[i].attribute);
        ck_assert_msg(strstr(xsd, attr) != NULL, "%s %s: not in autonomy.xsd", p[i].element,
                      p[i].attribute);
        ck_assert_msg(strstr(doc, p[i].attribute) != NULL, "%s %s: not in scenarios/README.md",
                      p[i].element, p[i].attribute);
        ck_assert_msg(p[i].lo <= p[i].hi, "%s %s: empty range", p[i].element, p[i].attribute);
        if (p[i].required || p[i].def_text != NULL) {
            ck_assert_msg(isnan(p[i].def), "%s %s: a default besides required or words",
                          p[i].element, p[i].attribute);
            continue;
        }
        double v = p[i].def;
        int ok = v >= p[i].lo && v <= p[i].hi && !(p[i].lo_open && v == p[i].lo) &&
                 !(p[i].hi_open && v == p[i].hi);
        ck_assert_msg(ok, "%s %s: default %g outside its range", p[i].element, p[i].attribute,
                      v);
    }
    free(xsd);
    free(doc);
}
END_TEST

START_TEST(test_defaults_of_the_table_are_what_a_scenario_gets)
{
    /* the minimal scenario's PV array states none of its optional
     * attributes: it holds the table's defaults */
    au_scenario *s = load_ok("data/minimal.xml");
    const au_param *p;
    size_t n = au_scenario_params(&p), seen = 0;
    ck_assert_uint_ge(s->n_pv, 1);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(p[i].element, "generation/pv") != 0 || p[i].required)
            continue;
        double got = strcmp(p[i].attribute, "losses") == 0                ? s->pv[0].losses
                     : strcmp(p[i].attribute, "inverter-efficiency") == 0 ? s->pv[0].inverter_efficiency
                     : strcmp(p[i].attribute, "dc-ac-ratio") == 0         ? s->pv[0].dc_ac_ratio
                     : strcmp(p[i].attribute, "temperature-coefficient") == 0 ? s->pv[0].gamma_per_k
                     : strcmp(p[i].attribute, "albedo") == 0              ? s->pv[0].albedo
                                                                          : NAN;
        ck_assert_msg(got == p[i].def, "pv %s: %g, table %g", p[i].attribute, got, p[i].def);
        seen++;
    }
    ck_assert_uint_eq(seen, 5);
    au_scenario_free(s);
}
END_TEST

static Suite *scenario_suite(void)
{
    Suite *s = suite_create("scenario");
    TCase *tc = tcase_create("loading");
    tcase_add_test(tc, test_minimal_scenario_is_read_in_internal_units);
    tcase_add_test(tc, test_the_parameter_table_agrees_with_the_schema_and_the_docs);
    tcase_add_test(tc, test_defaults_of_the_table_are_what_a_scenario_gets);
    tcase_add_test(tc, test_defaults_are_those_of_the_model);
    tcase_add_test(tc, test_storage_presets_are_those_of_docs_storage_presets);
    tcase_add_test(tc, test_variant_overrides_and_adds_to_its_base);
    suite_add_tcase(s, tc);
    tc = tcase_create("shipped");
    tcase_add_test(tc, test_shipped_baseline_loads_with_its_mixes_and_network);
    tcase_add_test(tc, test_shipped_roadmap_cuts_demand_as_the_roadmap_says);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(scenario_suite)
