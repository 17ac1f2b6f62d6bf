/* check_results.c: the result tables' columns (results.h).
 *
 * The columns of yearly.csv and summary.csv are declared once (the yearly and
 * the summary fields); these tests hold the writers and the reader to that
 * declaration: the headers written are the fields' names in order, every
 * field written reads back (au_pathway_read) to the value written (to a
 * rounding: a GWh read back is multiplied by 1e3, which a second writing
 * may show in the 16th or 17th digit), and every column `autonomy compare`
 * shows has a label and a unit. */
#include "test_util.h"

#include <math.h>

#include "autonomy/results.h"
#include "autonomy/runner.h"

static au_scenario *scen;
static au_pathway path;

/* Run once, before the tests fork (an unchecked fixture). */
static void run_setup(void)
{
    au_diags d;
    au_diags_init(&d);
    au_status st = au_scenario_load(au_test_path("data/minimal.xml"), &scen, &d);
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    ck_assert_int_eq(st, AU_OK);
    au_run_opts o = {.samples = 2, .threads = 1};
    st = au_run(&scen, 1, &o, &path, &d);
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    ck_assert_int_eq(st, AU_OK);
    au_diags_clear(&d);
}

static void run_teardown(void)
{
    au_pathway_clear(&path);
    au_scenario_free(scen);
}

/* Writes the pathway's yearly.csv and summary-row.csv into dir. */
static void write_tables(const char *dir, const au_pathway *p)
{
    char file[128], why[256];
    au_summary_ctx c = {p, 1};
    snprintf(file, sizeof file, "%s/yearly.csv", dir);
    ck_assert_int_eq(au_write_atomic(file, au_write_yearly, p, why, sizeof why), 0);
    snprintf(file, sizeof file, "%s/summary-row.csv", dir);
    ck_assert_int_eq(au_write_atomic(file, au_write_summary, &c, why, sizeof why), 0);
}

/* The whole of dir/name, malloc'd. */
static char *slurp(const char *dir, const char *name)
{
    char file[128];
    snprintf(file, sizeof file, "%s/%s", dir, name);
    FILE *f = fopen(file, "rb");
    ck_assert_ptr_nonnull(f);
    char *buf = calloc(1, 1 << 20);
    ck_assert_ptr_nonnull(buf);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    ck_assert_uint_lt(n, (1 << 20) - 1);
    fclose(f);
    return buf;
}

/* The first line of dir/name. */
static char *header(const char *dir, const char *name)
{
    char *buf = slurp(dir, name);
    buf[strcspn(buf, "\n")] = '\0';
    return buf;
}

START_TEST(headers_are_the_fields)
{
    char dir[32], want[8192] = "";
    au_test_mkdir(dir);
    write_tables(dir, &path);
    size_t n_sf, n_yf;
    const au_summary_field *sf = au_summary_fields(&n_sf);
    const au_yearly_field *yf = au_yearly_fields(&n_yf);
    ck_assert_uint_gt(n_sf, 0);
    ck_assert_uint_gt(n_yf, 0);
    for (size_t k = 0; k < n_sf; k++)
        snprintf(want + strlen(want), sizeof want - strlen(want), "%s,", sf[k].name);
    for (size_t k = 0; k < n_yf; k++)
        snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s", k ? "," : "",
                 yf[k].name);
    char *got = header(dir, "summary-row.csv");
    ck_assert_str_eq(got, want);
    free(got);
    strcpy(want, "year");
    for (size_t k = 0; k < n_yf; k++)
        snprintf(want + strlen(want), sizeof want - strlen(want), ",%s", yf[k].name);
    strcat(want, ",probability,p10,p50,p90");
    got = header(dir, "yearly.csv");
    ck_assert_str_eq(got, want);
    free(got);
    au_test_rmdir(dir);
}
END_TEST

/* a and b the same number (NAN for NAN), within a rounding of the scale. */
static int same(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return fabs(a - b) <= 1e-15 * fabs(a);
}

START_TEST(every_field_reads_back)
{
    char dir[32];
    au_test_mkdir(dir);
    write_tables(dir, &path);
    au_pathway back;
    au_diags d;
    au_diags_init(&d);
    au_status st = au_pathway_read(scen, dir, &back, &d);
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    ck_assert_int_eq(st, AU_OK);
    size_t n_yf, n_sf;
    const au_yearly_field *yf = au_yearly_fields(&n_yf);
    const au_summary_field *sf = au_summary_fields(&n_sf);
    for (int i = 0; i < path.n_years; i++) {
        ck_assert_int_eq(back.res[i].year, path.res[i].year);
        for (size_t k = 0; k < n_yf; k++) {
            double a = au_yearly_get(&yf[k], &path.res[i]);
            double b = au_yearly_get(&yf[k], &back.res[i]);
            ck_assert_msg(same(a, b), "%s in %d: %.17g written, %.17g read", yf[k].name,
                          path.res[i].year, a, b);
        }
        ck_assert(same(back.probability[i], path.probability[i]));
        ck_assert(same(back.p10[i], path.p10[i]));
        ck_assert(same(back.p50[i], path.p50[i]));
        ck_assert(same(back.p90[i], path.p90[i]));
    }
    for (size_t k = 0; k < n_sf; k++) {
        if (sf[k].unit == AU_UNIT_TEXT) {
            ck_assert_str_eq(sf[k].text(&back), sf[k].text(&path));
            continue;
        }
        double a = sf[k].get(&path), b = sf[k].get(&back);
        ck_assert_msg(same(a, b), "%s: %.17g written, %.17g read", sf[k].name, a, b);
    }
    au_pathway_clear(&back);
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

/* A yearly.csv with a year twice and the next one missing (as many rows
 * as years) is not read as complete: the missing year would read as 0. */
START_TEST(a_year_twice_is_refused)
{
    char dir[32], file[64], line[65536], first[65536] = "";
    au_test_mkdir(dir);
    write_tables(dir, &path);
    snprintf(file, sizeof file, "%s/yearly.csv", dir);
    FILE *f = fopen(file, "r");
    ck_assert_ptr_nonnull(f);
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    for (int k = 0; fgets(line, sizeof line, f) != NULL; k++) {
        if (k == 1)
            strcpy(first, line); /* 2020 */
        fputs(k == 2 ? first : line, m); /* 2020 again in place of 2021 */
    }
    fclose(f);
    fclose(m);
    ck_assert(strncmp(first, "2020,", 5) == 0);
    f = fopen(file, "w");
    fputs(text, f);
    fclose(f);
    free(text);
    au_pathway back;
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_pathway_read(scen, dir, &back, &d), AU_EIO);
    ck_assert_int_eq((int)d.n, 1);
    ck_assert_msg(strstr(d.items[0].msg, "year 2020 appears twice") != NULL, "%s",
                  d.items[0].msg);
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

START_TEST(compare_columns_have_labels)
{
    static const char *const shown[] = {
        "autonomy_year", "autonomy_year_at_confidence", "autonomy_year_annual_balance",
        "autonomy_year_hourly_autonomy", "annual_balance_2030", "hourly_autonomy_2050",
        "final_energy_gwh", "local_production_gwh", "import_gwh", "curtailment_gwh",
        "cost_meur", "co2_t"};
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
        const char *label = NULL;
        au_unit_kind unit;
        ck_assert_int_eq(au_summary_column(shown[i], &label, &unit), 0);
        ck_assert_ptr_nonnull(label);
    }
    const char *label;
    au_unit_kind unit;
    ck_assert_int_eq(au_summary_column("no_such_column", &label, &unit), -1);
    /* every name once across the two tables */
    size_t n_yf, n_sf;
    const au_yearly_field *yf = au_yearly_fields(&n_yf);
    const au_summary_field *sf = au_summary_fields(&n_sf);
    for (size_t i = 0; i < n_yf + n_sf; i++)
        for (size_t j = 0; j < i; j++) {
            const char *a = i < n_sf ? sf[i].name : yf[i - n_sf].name;
            const char *b = j < n_sf ? sf[j].name : yf[j - n_sf].name;
            ck_assert_str_ne(a, b);
        }
}
END_TEST

static Suite *results_suite(void)
{
    Suite *s = suite_create("results");
    TCase *tc = tcase_create("columns");
    tcase_add_unchecked_fixture(tc, run_setup, run_teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, headers_are_the_fields);
    tcase_add_test(tc, every_field_reads_back);
    tcase_add_test(tc, a_year_twice_is_refused);
    tcase_add_test(tc, compare_columns_have_labels);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(results_suite)
