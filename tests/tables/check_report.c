/* check_report.c: the HTML report (report.h).
 *
 * Real runs of minimal.xml, the Amiens roadmap (two weather samples) and
 * data/report/sunny.xml — minimal.xml with its PV doubled by 2040, which
 * reaches its criterion in 2029, under a name HTML must escape ("sunny <&>
 * town") — are reported, and the page is read back: one file, every chart an
 * inline SVG, every scenario named and escaped, the autonomy year marked,
 * valid UTF-8, and no temporary file left behind.  Without gnuplot, or with
 * a gnuplot that fails, the call returns AU_ETOOL with one diagnostic and
 * writes nothing.  Tests that need gnuplot
 * skip, with a note, when /usr/bin/gnuplot is absent.
 *
 * With AU_REPORT_KEEP=DIR in the environment the full report is also
 * written to DIR/report.html (for tests/report_chromium.sh). */
#include "test_util.h"

#include <dirent.h>
#include <math.h>
#include <sys/stat.h>

#include "autonomy/report.h"
#include "autonomy/runner.h"

#define N_SCEN 3
static const char *const files[N_SCEN] = {"data/minimal.xml", "../scenarios/amiens-roadmap.xml",
                                          "data/report/sunny.xml"};
static au_scenario *scen[N_SCEN];
static au_pathway path[N_SCEN];

/* Run once, before the tests fork (an unchecked fixture). */
static void run_setup(void)
{
    au_diags d;
    au_diags_init(&d);
    for (int i = 0; i < N_SCEN; i++) {
        au_status st = au_scenario_load(au_test_path(files[i]), &scen[i], &d);
        if (st != AU_OK)
            au_diags_print(&d, stderr);
        ck_assert_int_eq(st, AU_OK);
    }
    static const unsigned char keep_last[N_SCEN] = {1, 1, 1}; /* the dispatch weeks */
    au_run_opts o = {.samples = 2, .threads = 0, .keep_last = keep_last};
    au_status st = au_run(scen, N_SCEN, &o, path, &d);
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    ck_assert_int_eq(st, AU_OK);
    au_diags_clear(&d);
}

static void run_teardown(void)
{
    for (int i = 0; i < N_SCEN; i++) {
        au_pathway_clear(&path[i]);
        au_scenario_free(scen[i]);
    }
}

static int have_gnuplot(void)
{
    if (access("/usr/bin/gnuplot", X_OK) == 0)
        return 1;
    printf("check_report: skipped, gnuplot absent (apt-get install gnuplot-nox)\n");
    return 0;
}

static char *read_all(const char *p)
{
    FILE *f = fopen(p, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", p);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    ck_assert_int_gt(n, 0);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

static int count(const char *s, const char *what)
{
    int k = 0;
    for (const char *p = strstr(s, what); p != NULL; p = strstr(p + 1, what))
        k++;
    return k;
}

/* The offset of the first byte that breaks UTF-8 (RFC 3629), or -1. */
static long bad_utf8(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    for (long i = 0; u[i];) {
        int len = u[i] < 0x80 ? 1 : (u[i] & 0xE0) == 0xC0 ? 2 : (u[i] & 0xF0) == 0xE0 ? 3
                                  : (u[i] & 0xF8) == 0xF0 ? 4 : 0;
        if (len == 0 || (len == 2 && u[i] < 0xC2) || (len == 4 && u[i] > 0xF4))
            return i;
        unsigned cp = len == 1 ? u[i] : u[i] & (0x7Fu >> len);
        for (int k = 1; k < len; k++) {
            if ((u[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (u[i + k] & 0x3Fu);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return -1;
}

static int entries(const char *dir)
{
    DIR *dd = opendir(dir);
    ck_assert_ptr_nonnull(dd);
    int k = 0;
    for (struct dirent *e; (e = readdir(dd)) != NULL;)
        k += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(dd);
    return k;
}

/* The text of figure chart (1-based) in html, cut out in place. */
static char *figure_of(char *html, int chart)
{
    char id[32];
    snprintf(id, sizeof id, "<figure id=\"chart-%d\">", chart);
    char *s = strstr(html, id);
    ck_assert_ptr_nonnull(s);
    char *e = strstr(s, "</figure>");
    ck_assert_ptr_nonnull(e);
    *e = '\0';
    return s;
}

/* The headline's sentence of q: its year by the city's definition (the
 * annual balance at or above 1 from that year to the end), worked out here
 * from its yearly results, and its share met locally hour by hour in its
 * last year. */
static void check_sentence(const char *html, const au_pathway *q)
{
    int city = 0;
    for (int y = q->n_years - 1; y >= 0 && q->res[y].annual_balance >= 1.0; y--)
        city = q->s->year_start + y;
    char want[256];
    if (city)
        snprintf(want, sizeof want, "autonomous by the city's definition in <strong>%d</strong>; "
                 "hour by hour, %.0f&nbsp;%% of the energy used in %d is met locally", city,
                 100 * q->res[q->n_years - 1].hourly_autonomy, q->s->year_end);
    else
        snprintf(want, sizeof want, "<strong>not autonomous</strong> by the city's definition "
                 "by %d (local production is %.0f&nbsp;%% of consumption in %d); hour by hour, "
                 "%.0f&nbsp;%% of the energy used in %d is met locally", q->s->year_end,
                 100 * q->res[q->n_years - 1].annual_balance, q->s->year_end,
                 100 * q->res[q->n_years - 1].hourly_autonomy, q->s->year_end);
    ck_assert_msg(strstr(html, want) != NULL, "no sentence '%s'", want);
}

/* The import duration curve's caption: the hours with imports and their
 * peak, counted here from the import column of the flow table. */
static void check_imports(const char *html, const au_pathway *q)
{
    const au_flow_table *ft = au_pathway_flows(q, q->s->year_end);
    ck_assert_ptr_nonnull(ft);
    int hours = 0;
    double peak = 0;
    for (size_t c = 0; c < ft->ncols; c++)
        if (strcmp(ft->cols[c].name, "el_in_import") == 0)
            for (int h = 0; h < AU_HOURS; h++) {
                hours += ft->flow[c * AU_HOURS + h] > 0;
                peak = fmax(peak, ft->flow[c * AU_HOURS + h]);
            }
    ck_assert_int_gt(hours, 0);
    char want[128];
    snprintf(want, sizeof want, "imports in %d of the 8760 hours, at most %.4g MW", hours, peak);
    ck_assert_msg(strstr(html, want) != NULL, "no caption '%s'", want);
    ck_assert_ptr_nonnull(strstr(html, "Electricity imports, hours sorted from the largest"));
}

START_TEST(test_report_embeds_every_chart_and_names_every_scenario)
{
    if (!have_gnuplot())
        return;
    char dir[32], tmp[32], file[64];
    au_test_mkdir(dir);
    au_test_mkdir(tmp);
    setenv("TMPDIR", tmp, 1); /* gnuplot's temporary folder goes here */
    au_diags d;
    au_diags_init(&d);
    au_status st = au_report_write(dir, path, N_SCEN, "amiens-roadmap", &d);
    unsetenv("TMPDIR");
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    ck_assert_int_eq(st, AU_OK);
    ck_assert_uint_eq(d.n, 0);
    snprintf(file, sizeof file, "%s/report.html", dir);
    char *html = read_all(file);

    /* one standalone page: the charts inline, nothing else beside it */
    ck_assert_msg(strncmp(html, "<!DOCTYPE html>", 15) == 0, "starts with a doctype");
    /* nine charts (the roadmap has no store: no storage chart), and the two
     * of costs and jobs: the roadmap has costs */
    ck_assert_int_eq(count(html, "<svg"), 11);
    ck_assert_int_eq(count(html, "</svg>"), 11);
    ck_assert_ptr_nonnull(strstr(html, "No battery, hydrogen tank or heat store"));
    ck_assert_ptr_nonnull(strstr(html, "<h2>Costs and local jobs</h2>"));
    ck_assert_ptr_nonnull(strstr(html, "50-100 jobs a year"));
    ck_assert_int_eq(count(html, "<?xml"), 0);
    ck_assert_ptr_nonnull(strstr(html, "<title>Energy autonomy report: "));
    ck_assert_int_eq(entries(dir), 1);
    ck_assert_msg(entries(tmp) == 0, "gnuplot's temporary folder was removed");

    /* every scenario named; the awkward name escaped everywhere */
    ck_assert_ptr_nonnull(strstr(html, "minimal"));
    ck_assert_ptr_nonnull(strstr(html, "amiens-roadmap"));
    ck_assert_ptr_nonnull(strstr(html, "sunny &lt;&amp;&gt; town"));
    ck_assert_ptr_null(strstr(html, "sunny <&"));
    ck_assert_ptr_nonnull(strstr(html, "Plus de soleil — Été"));
    for (const char *p = html; (p = strchr(p, '<')) != NULL; p++)
        ck_assert_msg(p[1] == '/' || p[1] == '!' || (p[1] >= 'a' && p[1] <= 'z'),
                      "an unescaped '<' at byte %ld: %.40s", (long)(p - html), p);
    for (const char *p = html; (p = strchr(p, '&')) != NULL; p++) {
        size_t k = 1;
        while (p[k] == '#' || (p[k] >= 'a' && p[k] <= 'z') || (p[k] >= '0' && p[k] <= '9'))
            k++;
        ck_assert_msg(k > 1 && p[k] == ';', "an unescaped '&' at byte %ld: %.40s",
                      (long)(p - html), p);
    }
    long bad = bad_utf8(html);
    ck_assert_msg(bad < 0, "invalid UTF-8 at byte %ld", bad);

    /* the sunny town reaches its criterion in 2029: its 2,385 MWh need
     * 2385 / 1064.5 = 2.2405 MWp at the 1,064.5 kWh/kWp of its typical year
     * (`autonomy weather --seed 0 --pv 35,180`), and its PV grows by
     * 0.085 MWp a year from 1.5 MWp in 2020: 2028.7, so 2029.  Marked on
     * the chart (a point and the year) and in the table */
    ck_assert_int_eq(path[2].autonomy_year, 2029);
    ck_assert_ptr_nonnull(strstr(html, "sunny &lt;&amp;&gt; town: autonomy in 2029"));
    ck_assert_ptr_nonnull(strstr(html, "<strong>2029</strong>"));
    ck_assert_ptr_nonnull(strstr(html, "minimal: not reached by 2050"));
    /* the headline: a sentence per policy, its year by the city's
     * definition worked out here from its yearly annual balances */
    for (int i = 0; i < N_SCEN; i++)
        check_sentence(html, &path[i]);
    ck_assert_ptr_nonnull(strstr(html, "<strong>sunny &lt;&amp;&gt; town</strong>: autonomous "
                                       "by the city's definition in <strong>2029</strong>"));
    /* the policy comparison: a row (a tick label) per scenario */
    char *years = strdup(html);
    ck_assert_ptr_nonnull(years);
    char *fig = figure_of(years, 1);
    ck_assert_ptr_nonnull(strstr(fig, "When each policy becomes autonomous"));
    ck_assert_ptr_nonnull(strstr(fig, "<text>minimal</text>"));
    ck_assert_ptr_nonnull(strstr(fig, "<text>amiens-roadmap</text>"));
    ck_assert_ptr_nonnull(strstr(fig, "<text>sunny &lt;&amp;&gt; town</text>"));
    ck_assert_ptr_nonnull(strstr(fig, ">not reached<"));
    free(years);
    /* the roadmap's samples: a band on the chart of its criterion's
     * indicator (the annual balance), one legend entry for every band */
    ck_assert_int_eq(count(html, "shaded: 8 weather years in 10 (of 2 samples) lie in the "
                                 "band</text>"), 1);
    /* the roadmap's last year month by month, and its imports hour by hour:
     * the hours with imports counted here from its flow table */
    ck_assert_ptr_nonnull(strstr(html, "Electricity month by month, amiens-roadmap, 2050"));
    ck_assert_ptr_nonnull(strstr(html, ">Dec</tspan></text>"));
    check_imports(html, &path[1]);
    /* the dispatch weeks of the roadmap's last year */
    ck_assert_ptr_nonnull(strstr(html, "week of 15 January 2050, amiens-roadmap"));
    ck_assert_ptr_nonnull(strstr(html, "week of 15 July 2050, amiens-roadmap"));
    ck_assert_ptr_nonnull(strstr(html, ">demand</text>"));
    /* each chart's ids are its own */
    ck_assert_int_eq(count(html, "id='gpPt0'"), 0);
    ck_assert_int_eq(count(html, "id='c1-gpPt0'"), 1);
    free(html);
    au_diags_clear(&d);
    au_test_rmdir(dir);
    au_test_rmdir(tmp);
}
END_TEST

START_TEST(test_report_of_one_scenario_shows_its_mix_by_default)
{
    if (!have_gnuplot())
        return;
    char dir[32], file[64];
    au_test_mkdir(dir);
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_report_write(dir, &path[2], 1, NULL, &d), AU_OK);
    snprintf(file, sizeof file, "%s/report.html", dir);
    char *html = read_all(file);
    /* a scenario without costs: no costs and jobs charts; with a battery:
     * the storage chart, its capacity of 2050 in the legend */
    ck_assert_int_eq(count(html, "<svg"), 10);
    ck_assert_ptr_null(strstr(html, "Costs and local jobs"));
    ck_assert_ptr_nonnull(strstr(html, "Final energy by carrier, sunny &lt;&amp;&gt; town"));
    ck_assert_ptr_null(strstr(html, "amiens-roadmap"));
    ck_assert_ptr_nonnull(strstr(html, "shaded: 8 weather years in 10 (of 2 samples)"));
    ck_assert_ptr_nonnull(strstr(html, "Energy stored over the year, sunny &lt;&amp;&gt; town"));
    ck_assert_ptr_nonnull(strstr(html, "battery community (2 MWh): daily mean"));
    ck_assert_ptr_null(strstr(html, "No battery, hydrogen tank or heat store"));
    free(html);
    const char *keep = getenv("AU_REPORT_KEEP");
    if (keep != NULL && keep[0] != '\0') { /* the full report, for report_chromium.sh */
        ck_assert_int_eq(au_report_write(keep, path, N_SCEN, "amiens-roadmap", &d), AU_OK);
        printf("check_report: report kept in %s/report.html\n", keep);
    }
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST


/* The dispatch weeks group columns by their family, not by their names: a
 * PV column named like wind is drawn as PV, a demand column named like an
 * export as demand; and a pathway that kept no flows of its last year is
 * refused. */
START_TEST(test_the_weeks_series_come_from_the_families)
{
    if (!have_gnuplot())
        return;
    static au_flow_col cols[3] = {
        {AU_FLOW_EL_IN, AU_FAM_PV, "el_in_wind_decoy"},
        {AU_FLOW_EL_IN, AU_FAM_IMPORT, "el_in_import"},
        {AU_FLOW_EL_OUT, AU_FAM_USE_EL, "el_out_export"},
    };
    static double flow[3 * AU_HOURS];
    for (int h = 0; h < AU_HOURS; h++) {
        flow[h] = 4.0 + (h % 24 > 8 && h % 24 < 16);
        flow[AU_HOURS + h] = 1.0;
        flow[2 * AU_HOURS + h] = flow[h] + 1.0;
    }
    au_pathway q = path[0]; /* a view: its own flows replaced */
    au_flow_table ft = {q.s->year_end, 3, cols, flow};
    q.flows = &ft;
    q.n_flows = 1;
    char dir[32], file[64];
    au_test_mkdir(dir);
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_report_write(dir, &q, 1, NULL, &d), AU_OK);
    snprintf(file, sizeof file, "%s/report.html", dir);
    char *html = read_all(file);
    char *week = figure_of(html, 7); /* the winter week */
    ck_assert_ptr_nonnull(strstr(week, ">PV<"));
    ck_assert_ptr_nonnull(strstr(week, ">imports<"));
    ck_assert_ptr_null(strstr(week, ">wind<"));
    ck_assert_ptr_nonnull(strstr(week, ">demand<"));
    free(html);
    /* without the flows of its last year, the report is refused */
    ft.year = q.s->year_end - 1;
    ck_assert_int_eq(au_report_write(dir, &q, 1, NULL, &d), AU_EINVAL);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_ptr_nonnull(strstr(d.items[0].msg, "kept no flows"));
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_without_gnuplot_the_call_fails_and_writes_nothing)
{
    char dir[32], file[64];
    au_test_mkdir(dir);
    char *old_path = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
    setenv("PATH", "/nonexistent", 1);
    au_diags d;
    au_diags_init(&d);
    au_status st = au_report_write(dir, path, N_SCEN, NULL, &d);
    if (old_path != NULL) /* for CK_FORK=no */
        setenv("PATH", old_path, 1);
    free(old_path);
    ck_assert_int_eq(st, AU_ETOOL);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.items[0].file, "gnuplot");
    ck_assert_int_eq(d.items[0].line, 0);
    ck_assert_str_eq(d.items[0].msg, "gnuplot could not be run (expected gnuplot installed: "
                                     "apt-get install gnuplot-nox)");
    snprintf(file, sizeof file, "%s/report.html", dir);
    ck_assert_int_ne(access(file, F_OK), 0);
    ck_assert_int_eq(entries(dir), 0);
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_a_failing_gnuplot_is_a_tool_failure)
{
    /* a "gnuplot" that reads nothing and exits with status 3 */
    char dir[32], bin[32], script[128];
    au_test_mkdir(dir);
    au_test_mkdir(bin);
    au_test_write(bin, "gnuplot", "#!/bin/sh\necho 'no terminal svg' >&2\nexit 3\n", script,
                  sizeof script);
    ck_assert_int_eq(chmod(script, 0755), 0);
    char *old_path = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
    char new_path[256];
    snprintf(new_path, sizeof new_path, "%s:/bin:/usr/bin", bin);
    setenv("PATH", new_path, 1);
    au_diags d;
    au_diags_init(&d);
    au_status st = au_report_write(dir, path, N_SCEN, NULL, &d);
    if (old_path != NULL) /* for CK_FORK=no */
        setenv("PATH", old_path, 1);
    free(old_path);
    ck_assert_int_eq(st, AU_ETOOL);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.items[0].file, "gnuplot");
    ck_assert_ptr_nonnull(strstr(d.items[0].msg, "stopped with status 3, saying 'no terminal svg'"));
    ck_assert_int_eq(entries(dir), 0);
    au_diags_clear(&d);
    au_test_rmdir(dir);
    au_test_rmdir(bin);
}
END_TEST

START_TEST(test_an_unknown_mix_scenario_is_refused)
{
    char dir[32];
    au_test_mkdir(dir);
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_report_write(dir, path, N_SCEN, "amiens-2099", &d), AU_EINVAL);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_ptr_nonnull(strstr(d.items[0].msg, "no scenario 'amiens-2099' in this run"));
    ck_assert_int_eq(entries(dir), 0);
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_an_unwritable_folder_gives_eio_and_a_diagnostic)
{
    if (!have_gnuplot())
        return;
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_report_write("/proc/autonomy-no-report", &path[0], 1, NULL, &d), AU_EIO);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.items[0].file, "/proc/autonomy-no-report");
    ck_assert_ptr_nonnull(strstr(d.items[0].msg, "cannot create the folder"));
    au_diags_clear(&d);
}
END_TEST

static Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("real_runs");
    tcase_set_timeout(tc, 300);
    tcase_add_unchecked_fixture(tc, run_setup, run_teardown);
    tcase_add_test(tc, test_report_embeds_every_chart_and_names_every_scenario);
    tcase_add_test(tc, test_report_of_one_scenario_shows_its_mix_by_default);
    tcase_add_test(tc, test_the_weeks_series_come_from_the_families);
    tcase_add_test(tc, test_without_gnuplot_the_call_fails_and_writes_nothing);
    tcase_add_test(tc, test_a_failing_gnuplot_is_a_tool_failure);
    tcase_add_test(tc, test_an_unknown_mix_scenario_is_refused);
    tcase_add_test(tc, test_an_unwritable_folder_gives_eio_and_a_diagnostic);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(report_suite)
