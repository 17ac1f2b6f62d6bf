/* check_years.c: recorded weather years as samples.  A multi-year plain CSV
 * written here (2019, 2020 with its 29 February, 2021; each hour's
 * temperature says its year and hour, so every value can be checked) gives
 * one weather per year, leap day dropped, converted to the territory's
 * zone; bad files (a year missing, a year of 8,700 hours, a row in another
 * zone) are refused at their line; a scenario on the file runs its three
 * years as its samples, each one giving what the same year read alone
 * gives.  A year that gives only GHI gets its beam and diffuse from Erbs
 * (MODEL.md §2), so its tilted-plane irradiance is that of the same hours
 * with their components, not the ground reflection alone. */
#include "test_util.h"

#include <math.h>

#include "autonomy/profiles.h"
#include "autonomy/pv.h"
#include "autonomy/runner.h"
#include "autonomy/solar.h"
#include "autonomy/synth.h"
#include "autonomy/weather.h"

#define LAT_LON "# latitude_deg: 49.894\n# longitude_deg: 2.302\n"

static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/* The temperature of hour k (of the year without its leap day) of year y. */
static double temp_of(int y, int k)
{
    return (y - 2019) * 10.0 + 0.001 * k - 4.0;
}

/* Writes the years y0..y1 to dir/name in zone "+01:00" (rows skipped: from
 * drop_from for drop_n rows of the whole file; zone_row: a row written in
 * +02:00, -1 for none). */
static void write_years(const char *dir, const char *name, int y0, int y1, long drop_from,
                        long drop_n, long zone_row, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(LAT_LON "time,ghi_w_m2,temp_c,wind10_m_s\n", f);
    long row = 0;
    for (int y = y0; y <= y1; y++) {
        int leap = y % 4 == 0;
        int k = 0;
        for (int m = 0; m < 12; m++)
            for (int d = 1; d <= mdays[m] + (m == 1 && leap); d++)
                for (int h = 0; h < 24; h++, row++) {
                    int feb29 = m == 1 && d == 29;
                    double t = feb29 ? 99.0 : temp_of(y, k);
                    double g = h >= 10 && h <= 14 ? 300.0 : 0.0;
                    if (!(row >= drop_from && row < drop_from + drop_n))
                        fprintf(f, "%04d-%02d-%02dT%02d:00%s,%g,%.3f,3\n", y, m + 1, d, h,
                                row == zone_row ? "+02:00" : "+01:00", g, t);
                    if (!feb29)
                        k++;
                }
    }
    ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_three_years_read_by_hand)
{
    char dir[32], path[128];
    au_test_mkdir(dir);
    write_years(dir, "years.csv", 2019, 2021, -1, 0, -1, path, sizeof path);
    au_weather *w;
    int *yn;
    size_t n;
    au_diags d;
    au_diags_init(&d);
    /* in the file's own zone */
    ck_assert_int_eq(au_weather_read_years(path, NAN, &w, &yn, &n, &d), AU_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(yn[0], 2019);
    ck_assert_int_eq(yn[2], 2021);
    for (int i = 0; i < 3; i++) {
        ck_assert_double_eq(w[i].utc_offset_h, 1.0);
        ck_assert_int_eq(w[i].has_beam, 0);
        for (int k = 0; k < AU_HOURS; k += 97)
            ck_assert_double_eq_tol(w[i].temp_c[k], temp_of(2019 + i, k), 1e-9);
        /* 2020's 29 February (99 °C) is gone: 1 March 00:00 is hour 1416 */
        ck_assert_double_eq_tol(w[i].temp_c[1416], temp_of(2019 + i, 1416), 1e-9);
        ck_assert_double_eq_tol(w[i].ghi_w_m2[12], 300.0, 0.0 + 1e-12);
        ck_assert_double_eq_tol(w[i].wind10_m_s[5000], 3.0, 1e-12);
    }
    free(w), free(yn);
    /* converted to UTC: every year's hours one earlier, the first wrapping
     * to the end as the one-year readers do */
    ck_assert_int_eq(au_weather_read_years(path, 0.0, &w, &yn, &n, &d), AU_OK);
    ck_assert_double_eq_tol(w[1].temp_c[100], temp_of(2020, 101), 1e-9);
    ck_assert_double_eq_tol(w[1].temp_c[AU_HOURS - 1], temp_of(2020, 0), 1e-9);
    free(w), free(yn);
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

/* The file's first problem: its line and a part of its message. */
static void refused(const char *dir, const char *name, int y0, int y1, long drop_from,
                    long drop_n, long zone_row, long line, const char *msg)
{
    char path[128];
    write_years(dir, name, y0, y1, drop_from, drop_n, zone_row, path, sizeof path);
    au_weather *w;
    int *yn;
    size_t n;
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_weather_read_years(path, NAN, &w, &yn, &n, &d), AU_EINVAL);
    ck_assert_uint_ge(d.n, 1);
    ck_assert_str_eq(d.items[0].file, path);
    ck_assert_int_eq(d.items[0].line, line);
    ck_assert_msg(strstr(d.items[0].msg, msg) != NULL, "%s", d.items[0].msg);
    au_diags_clear(&d);
}

START_TEST(test_bad_files_are_refused_at_their_line)
{
    char dir[32];
    au_test_mkdir(dir);
    /* rows are lines 4 and on (two comments and the column line before):
     * row r is line r + 4 */
    /* 2020 (8784 rows from row 8760) missing: 2021's first row follows 2019's last */
    refused(dir, "gap.csv", 2019, 2021, 8760, 8784, -1, 8760 + 4, "year 2020 is missing");
    /* 2021 cut 60 hours short of its end: 8,700 hours */
    refused(dir, "short.csv", 2019, 2021, 8760 + 8784 + 8700, 60, -1, 8760 + 8784 + 8700 + 3,
            "year 2021 ends after 8700 hours");
    /* a row of 2019 in UTC+2 */
    refused(dir, "zones.csv", 2019, 2020, -1, 0, 5000, 5000 + 4,
            "is in UTC+2, the rows before in UTC+1");
    /* 10 hours missing inside 2019 */
    refused(dir, "hole.csv", 2019, 2019, 3000, 10, -1, 3000 + 4, "10 hours are missing");
    au_test_rmdir(dir);
}
END_TEST

/* w as a one-year plain CSV in UTC+1, rows by hour. */
static void write_one_year(const char *dir, const char *name, const au_weather *w, char *path,
                           size_t n)
{
    snprintf(path, n, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(LAT_LON "# utc_offset_h: 1\nhour,ghi_w_m2,temp_c,wind10_m_s\n", f);
    for (int k = 0; k < AU_HOURS; k++)
        fprintf(f, "%d,%.17g,%.17g,%.17g\n", k, w->ghi_w_m2[k], w->temp_c[k], w->wind10_m_s[k]);
    ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_a_scenario_runs_its_recorded_years_as_samples)
{
    char dir[32], path[128], scen[128], one[128], xml[8400];
    au_test_mkdir(dir);
    write_years(dir, "years.csv", 2019, 2021, -1, 0, -1, path, sizeof path);
    /* minimal.xml on the three years */
    snprintf(xml, sizeof xml,
             "<scenario name=\"years\" extends=\"%s\">\n"
             "  <weather source=\"years\" file=\"%s\"/>\n</scenario>\n",
             au_test_path("data/minimal.xml"), path);
    au_test_write(dir, "years.xml", xml, scen, sizeof scen);
    au_scenario *s = NULL;
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_scenario_load(scen, &s, &d), AU_OK);
    au_pathway p;
    au_run_opts o = {.samples = 0, .keep_samples = 1}; /* the years whatever is asked */
    ck_assert_int_eq(au_run(&s, 1, &o, &p, &d), AU_OK);
    ck_assert_int_eq(p.n_samples, 3);
    /* each sample is its year read alone: 2020 (sample 2) through a
     * one-year file of its own */
    char csv[128];
    au_weather *w;
    int *yn;
    size_t n;
    ck_assert_int_eq(au_weather_read_years(path, 1.0, &w, &yn, &n, &d), AU_OK);
    write_one_year(dir, "y2020.csv", &w[1], csv, sizeof csv);
    free(w), free(yn);
    snprintf(xml, sizeof xml,
             "<scenario name=\"y2020\" extends=\"%s\">\n"
             "  <weather source=\"csv\" file=\"%s\"/>\n</scenario>\n",
             au_test_path("data/minimal.xml"), csv);
    au_test_write(dir, "y2020.xml", xml, one, sizeof one);
    au_scenario *t = NULL;
    ck_assert_int_eq(au_scenario_load(one, &t, &d), AU_OK);
    au_pathway q;
    ck_assert_int_eq(au_run(&t, 1, &o, &q, &d), AU_OK);
    for (int i = 0; i < p.n_years; i++) {
        const au_year_result *a = au_pathway_result(&p, 2, s->year_start + i);
        const au_year_result *b = au_pathway_result(&q, 0, s->year_start + i);
        ck_assert_double_eq(a->local_production_mwh, b->local_production_mwh);
        ck_assert_double_eq(a->import_mwh, b->import_mwh);
    }
    /* the same years as one file each, listed in another order (2021,
     * 2019): sample k is the k-th file */
    char l2019[128], l2021[128];
    ck_assert_int_eq(au_weather_read_years(path, 1.0, &w, &yn, &n, &d), AU_OK);
    write_one_year(dir, "y2019.csv", &w[0], l2019, sizeof l2019);
    write_one_year(dir, "y2021.csv", &w[2], l2021, sizeof l2021);
    free(w), free(yn);
    snprintf(xml, sizeof xml,
             "<scenario name=\"list\" extends=\"%s\">\n"
             "  <weather source=\"years\"><year file=\"y2021.csv\"/><year file=\"y2019.csv\"/>"
             "</weather>\n</scenario>\n", au_test_path("data/minimal.xml"));
    au_test_write(dir, "list.xml", xml, one, sizeof one);
    au_scenario *u = NULL;
    ck_assert_int_eq(au_scenario_load(one, &u, &d), AU_OK);
    ck_assert_uint_eq(u->weather.n_year_files, 2);
    au_pathway r;
    ck_assert_int_eq(au_run(&u, 1, &o, &r, &d), AU_OK);
    ck_assert_int_eq(r.n_samples, 2);
    for (int i = 0; i < p.n_years; i++) {
        int y = s->year_start + i;
        ck_assert_double_eq(au_pathway_result(&r, 1, y)->import_mwh,
                            au_pathway_result(&p, 3, y)->import_mwh);
        ck_assert_double_eq(au_pathway_result(&r, 2, y)->import_mwh,
                            au_pathway_result(&p, 1, y)->import_mwh);
        ck_assert_double_eq(au_pathway_result(&r, 0, y)->local_production_mwh,
                            au_pathway_result(&p, 3, y)->local_production_mwh);
    }
    au_pathway_clear(&r);
    au_scenario_free(u);
    /* a list goes with source="years" and no file; each file .epw or .csv */
    static const char *const bad[][2] = {
        {"<weather source=\"csv\" file=\"y2019.csv\"><year file=\"y2021.csv\"/></weather>",
         "expected them only with source=\"years\""},
        {"<weather source=\"years\"><year file=\"list.xml\"/></weather>",
         "is neither .epw nor .csv"},
    };
    for (size_t b = 0; b < 2; b++) {
        snprintf(xml, sizeof xml, "<scenario name=\"bad\" extends=\"%s\">\n  %s\n</scenario>\n",
                 au_test_path("data/minimal.xml"), bad[b][0]);
        au_test_write(dir, "bad.xml", xml, one, sizeof one);
        au_diags_clear(&d);
        au_diags_init(&d);
        ck_assert_int_eq(au_scenario_load(one, &u, &d), AU_EINVAL);
        ck_assert_uint_ge(d.n, 1);
        ck_assert_str_eq(d.items[0].file, one);
        ck_assert_int_eq(d.items[0].line, 2);
        ck_assert_msg(strstr(d.items[0].msg, bad[b][1]) != NULL, "%s", d.items[0].msg);
    }
    au_pathway_clear(&p);
    au_pathway_clear(&q);
    au_scenario_free(s);
    au_scenario_free(t);
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

/* Writes the synthetic typical year of Amiens (sun at mid-hour, UTC+1) as a
 * one-year plain CSV, with or without its beam and diffuse; returns the
 * scenario (minimal.xml on that file) loaded. */
static au_scenario *synthetic_year_as_csv(const char *dir, const au_weather *w, int components,
                                          au_diags *d)
{
    char csv[64], scen[32], xml[4400];
    snprintf(csv, sizeof csv, "%s/syn%d.csv", dir, components);
    FILE *f = fopen(csv, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, LAT_LON "# utc_offset_h: 1\n# irradiance_time_h: 0.5\nhour,ghi_w_m2,%stemp_c,"
               "wind10_m_s\n", components ? "dni_w_m2,dhi_w_m2," : "");
    for (int k = 0; k < AU_HOURS; k++) {
        fprintf(f, "%d,%.17g,", k, w->ghi_w_m2[k]);
        if (components)
            fprintf(f, "%.17g,%.17g,", w->dni_w_m2[k], w->dhi_w_m2[k]);
        fprintf(f, "%.17g,%.17g\n", w->temp_c[k], w->wind10_m_s[k]);
    }
    ck_assert_int_eq(fclose(f), 0);
    snprintf(xml, sizeof xml,
             "<scenario name=\"syn\" extends=\"%s\">\n"
             "  <weather source=\"csv\" file=\"%s\"/>\n</scenario>\n",
             au_test_path("data/minimal.xml"), csv);
    snprintf(scen, sizeof scen, "syn%d.xml", components);
    char path[128];
    au_test_write(dir, scen, xml, path, sizeof path);
    au_scenario *s = NULL;
    ck_assert_int_eq(au_scenario_load(path, &s, d), AU_OK);
    return s;
}

/* The year's irradiance on a 35° south-facing plane (kWh/m²). */
static double poa_kwh_m2(const au_wsample *ws)
{
    double sum = 0;
    for (int h = 0; h < AU_HOURS; h++)
        sum += au_pv_poa(35.0, 180.0, 0.2, &ws->sun.hour[h], ws->weather.ghi_w_m2[h],
                         ws->weather.dni_w_m2[h], ws->weather.dhi_w_m2[h]).global;
    return sum / 1000.0;
}

START_TEST(test_a_year_of_global_irradiance_only_gets_its_components)
{
    char dir[32];
    au_test_mkdir(dir);
    au_sunpath sun;
    au_weather *w = malloc(sizeof *w);
    ck_assert_ptr_nonnull(w);
    ck_assert_int_eq(au_sunpath_compute(49.894, 2.302, 0.0, 1.0, 0.5, &sun), AU_OK);
    ck_assert_int_eq(au_synth_generate(au_synth_amiens(), &sun, 2014, 0, w), AU_OK);
    au_diags d;
    au_diags_init(&d);
    au_scenario *with = synthetic_year_as_csv(dir, w, 1, &d);
    au_scenario *ghi_only = synthetic_year_as_csv(dir, w, 0, &d);
    au_wsample *a = NULL, *b = NULL;
    ck_assert_int_eq(au_wsample_load(with, 0, &a, &d), AU_OK);
    ck_assert_int_eq(au_wsample_load(ghi_only, 0, &b, &d), AU_OK);
    ck_assert_int_eq(b->weather.has_beam, 0);
    /* every hour: components that close on the global, diffuse within it */
    for (int h = 0; h < AU_HOURS; h++) {
        const au_weather *x = &b->weather;
        double cz = cos(b->sun.hour[h].zenith_deg * M_PI / 180.0);
        ck_assert(x->dni_w_m2[h] >= 0 && x->dhi_w_m2[h] >= 0);
        ck_assert(x->dhi_w_m2[h] <= x->ghi_w_m2[h] + 1e-9);
        if (cz > 0)
            ck_assert_double_eq_tol(x->dni_w_m2[h] * cz + x->dhi_w_m2[h], x->ghi_w_m2[h], 1e-6);
        else
            ck_assert_double_eq(x->dni_w_m2[h], 0.0);
    }
    /* On a tilted plane the two splits of the same hours (the generator's
     * own, fitted on Uccle; Erbs's) differ as decompositions do, by a few
     * per cent (Erbs reads 5.0 % less than the Brussels-Uccle TMYx's own
     * components on this plane, docs/weather.md; 6.6 % less here): within
     * 10 %.  Without the split the plane saw the ground's reflection alone,
     * about 2 % of it. */
    double pa = poa_kwh_m2(a), pb = poa_kwh_m2(b);
    ck_assert_msg(pb > 0.90 * pa && pb < 1.10 * pa, "POA %g kWh/m2 from GHI only, %g with its "
                  "components", pb, pa);
    au_wsample_free(a);
    au_wsample_free(b);
    au_scenario_free(with);
    au_scenario_free(ghi_only);
    au_diags_clear(&d);
    free(w);
    au_test_rmdir(dir);
}
END_TEST

/* A PVGIS hourly series ("hourly radiation" tool, CSV, horizontal plane,
 * components) of the years y0..y1 as PVGIS writes it: rows in UTC at minute
 * 10.  Hour k of year y: T2m = temp_of(y, k), Gb(i) 100 and Gd(i) 50 W/m²
 * with the sun 30° high from 10:00 to 14:00 UTC, the beam 20 with the sun
 * 2° high at 09:00, night otherwise.  slope: the plane's; bad_row: a row
 * written at minute 55 (-1 for none). */
static void write_series(const char *dir, const char *name, int y0, int y1, const char *slope,
                         long bad_row, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "Latitude (decimal degrees):\t49.894\nLongitude (decimal degrees):\t2.302\n"
               "Elevation (m):\t36.0\nRadiation database:\tPVGIS-SARAH3\n\n\n"
               "Slope: %s \nAzimuth: 0 deg. \ntime,Gb(i),Gd(i),Gr(i),H_sun,T2m,WS10m,Int\n", slope);
    long row = 0;
    for (int y = y0; y <= y1; y++) {
        int k = 0, leap = y % 4 == 0;
        for (int m = 0; m < 12; m++)
            for (int d = 1; d <= mdays[m] + (m == 1 && leap); d++)
                for (int h = 0; h < 24; h++, row++) {
                    int feb29 = m == 1 && d == 29;
                    double gb = h >= 10 && h <= 14 ? 100.0 : h == 9 ? 20.0 : 0.0;
                    double gd = gb > 0 ? 50.0 : 0.0, hs = h == 9 ? 2.0 : gb > 0 ? 30.0 : 0.0;
                    fprintf(f, "%04d%02d%02d:%02d%s,%g,%g,0.0,%g,%.3f,4.5,0.0\n", y, m + 1, d, h,
                            row == bad_row ? "55" : "10", gb, gd, hs,
                            feb29 ? 0.0 : temp_of(y, k));
                    if (!feb29)
                        k++;
                }
    }
    fputs("\nGb(i): Beam (direct) irradiance on the inclined plane (plane of the array) (W/m2)\n"
          "PVGIS (c) European Union, 2001-2024\n", f);
    ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_a_pvgis_hourly_series_gives_one_sample_per_year)
{
    char dir[32], path[128];
    au_test_mkdir(dir);
    write_series(dir, "Timeseries.csv", 2019, 2020, "0 deg.", -1, path, sizeof path);
    au_weather *w;
    int *yn;
    size_t n;
    au_diags d;
    au_diags_init(&d);
    /* as written: UTC */
    ck_assert_int_eq(au_weather_read_years(path, NAN, &w, &yn, &n, &d), AU_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(yn[0], 2019);
    ck_assert_int_eq(yn[1], 2020);
    for (int i = 0; i < 2; i++) {
        ck_assert_double_eq(w[i].utc_offset_h, 0.0);
        ck_assert_double_eq_tol(w[i].irradiance_time_h, 10.0 / 60.0, 1e-12);
        ck_assert_int_eq(w[i].irradiance_time_basis, AU_IRR_TIME_DECLARED);
        ck_assert_int_eq(w[i].has_beam, 1);
        ck_assert_double_eq_tol(w[i].latitude_deg, 49.894, 1e-12);
        ck_assert_double_eq_tol(w[i].elevation_m, 36.0, 1e-12);
        for (int k = 0; k < AU_HOURS; k += 101)
            ck_assert_double_eq_tol(w[i].temp_c[k], temp_of(2019 + i, k), 1e-9);
        /* 12:00 UTC: GHI = 100 + 50, DHI 50, DNI = 100 / sin 30° = 200 */
        ck_assert_double_eq_tol(w[i].ghi_w_m2[12], 150.0, 1e-9);
        ck_assert_double_eq_tol(w[i].dhi_w_m2[12], 50.0, 1e-9);
        ck_assert_double_eq_tol(w[i].dni_w_m2[12], 200.0, 1e-9);
        /* 09:00, the sun 2° high: the beam counts as diffuse */
        ck_assert_double_eq_tol(w[i].ghi_w_m2[9], 70.0, 1e-9);
        ck_assert_double_eq_tol(w[i].dhi_w_m2[9], 70.0, 1e-9);
        ck_assert_double_eq(w[i].dni_w_m2[9], 0.0);
        ck_assert_double_eq_tol(w[i].wind10_m_s[4000], 4.5, 1e-12);
    }
    /* 2020's 29 February gone: 1 March 00:00 is hour 1416 */
    ck_assert_double_eq_tol(w[1].temp_c[1416], temp_of(2020, 1416), 1e-9);
    free(w), free(yn);
    /* in UTC+1: 13:00 local is 12:00 UTC */
    ck_assert_int_eq(au_weather_read_years(path, 1.0, &w, &yn, &n, &d), AU_OK);
    ck_assert_double_eq_tol(w[0].dni_w_m2[13], 200.0, 1e-9);
    ck_assert_double_eq_tol(w[0].temp_c[101], temp_of(2019, 100), 1e-9);
    free(w), free(yn);
    ck_assert_uint_eq(d.n, 0);

    /* refused at their line: rows start at line 10 (row r is line r + 10) */
    static const struct {
        const char *name, *slope;
        long bad_row, line;
        const char *msg;
    } bad[] = {
        {"tilted.csv", "35 deg. (optimum)", -1, 7, "expected the horizontal plane"},
        {"minutes.csv", "0 deg.", 30, 40, "at minute 55 of its hour, the rows before at minute 10"},
    };
    for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
        write_series(dir, bad[b].name, 2019, 2019, bad[b].slope, bad[b].bad_row, path,
                     sizeof path);
        ck_assert_int_eq(au_weather_read_years(path, NAN, &w, &yn, &n, &d), AU_EINVAL);
        ck_assert_uint_ge(d.n, 1);
        ck_assert_int_eq(d.items[0].line, bad[b].line);
        ck_assert_msg(strstr(d.items[0].msg, bad[b].msg) != NULL, "%s", d.items[0].msg);
        au_diags_clear(&d);
        au_diags_init(&d);
    }
    /* a beam that the sun's height cannot give: 200 W/m2 at 5° is 2,295 W/m2 normal */
    char text[512];
    snprintf(text, sizeof text,
             "Latitude (decimal degrees):\t49.894\nLongitude (decimal degrees):\t2.302\n"
             "Slope: 0 deg.\ntime,Gb(i),Gd(i),Gr(i),H_sun,T2m,WS10m,Int\n"
             "20190101:0010,0,0,0,0,1,1,0\n20190101:0110,200,10,0,5,1,1,0\n");
    au_test_write(dir, "beam.csv", text, path, sizeof path);
    ck_assert_int_eq(au_weather_read_years(path, NAN, &w, &yn, &n, &d), AU_EINVAL);
    ck_assert_int_eq(d.items[0].line, 6);
    ck_assert_msg(strstr(d.items[0].msg, "contradict") != NULL, "%s", d.items[0].msg);
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

/* The roadmap of Amiens on recorded years: files holding its own synthetic
 * typical year and samples 1 and 2 (every digit, components, mid-hour
 * irradiance), listed as three recorded years, give exactly the results of
 * those years run by the generator: the recorded-years path adds nothing and
 * loses nothing.  (The typical year comes first because it fixes the wind
 * fleets' calibration, as the first recorded year does.) */
START_TEST(test_the_roadmap_on_files_of_its_synthetic_years_gives_their_results)
{
    char dir[32], path[128], file[64], xml[4400];
    au_test_mkdir(dir);
    au_diags d;
    au_diags_init(&d);
    au_scenario *syn = NULL, *rec = NULL;
    ck_assert_int_eq(au_scenario_load(au_test_path("../scenarios/amiens-roadmap.xml"), &syn, &d),
                     AU_OK);
    const au_territory *t = &syn->territory;
    au_sunpath sun;
    ck_assert_int_eq(au_sunpath_compute(t->latitude_deg, t->longitude_deg, t->elevation_m,
                                        t->utc_offset_h, 0.5, &sun), AU_OK);
    au_weather *w = malloc(sizeof *w);
    ck_assert_ptr_nonnull(w);
    for (int k = 0; k <= 2; k++) {
        ck_assert_int_eq(au_synth_generate(au_synth_amiens(), &sun, syn->weather.seed, k, w),
                         AU_OK);
        snprintf(file, sizeof file, "%s/sample%d.csv", dir, k);
        FILE *f = fopen(file, "w");
        ck_assert_ptr_nonnull(f);
        fprintf(f, "# utc_offset_h: %.17g\n# irradiance_time_h: 0.5\n"
                   "hour,ghi_w_m2,dni_w_m2,dhi_w_m2,temp_c,wind10_m_s\n", t->utc_offset_h);
        for (int h = 0; h < AU_HOURS; h++)
            fprintf(f, "%d,%.17g,%.17g,%.17g,%.17g,%.17g\n", h, w->ghi_w_m2[h], w->dni_w_m2[h],
                    w->dhi_w_m2[h], w->temp_c[h], w->wind10_m_s[h]);
        ck_assert_int_eq(fclose(f), 0);
    }
    free(w);
    snprintf(xml, sizeof xml,
             "<scenario name=\"roadmap-recorded\" extends=\"%s\">\n"
             "  <weather source=\"years\">\n    <year file=\"sample0.csv\"/>\n"
             "    <year file=\"sample1.csv\"/>\n    <year file=\"sample2.csv\"/>\n  </weather>\n"
             "</scenario>\n", au_test_path("../scenarios/amiens-roadmap.xml"));
    au_test_write(dir, "recorded.xml", xml, path, sizeof path);
    ck_assert_int_eq(au_scenario_load(path, &rec, &d), AU_OK);
    au_pathway a, b;
    au_run_opts o = {.samples = 2, .keep_samples = 1};
    ck_assert_int_eq(au_run(&syn, 1, &o, &a, &d), AU_OK);
    o.samples = 0;
    ck_assert_int_eq(au_run(&rec, 1, &o, &b, &d), AU_OK);
    ck_assert_int_eq(b.n_samples, 3);
    /* recorded sample k + 1 is the generator's sample k; the typical year,
     * recorded sample 0, is the first file */
    static const int pairs[4][2] = {{0, 0}, {0, 1}, {1, 2}, {2, 3}};
    for (int i = 0; i < 4; i++)
        for (int y = syn->year_start; y <= syn->year_end; y++) {
            const au_year_result *x = au_pathway_result(&a, pairs[i][0], y);
            const au_year_result *z = au_pathway_result(&b, pairs[i][1], y);
            ck_assert_double_eq(x->local_production_mwh, z->local_production_mwh);
            ck_assert_double_eq(x->import_mwh, z->import_mwh);
            ck_assert_double_eq(x->export_mwh, z->export_mwh);
        }
    au_pathway_clear(&a);
    au_pathway_clear(&b);
    au_scenario_free(syn);
    au_scenario_free(rec);
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

static Suite *years_suite(void)
{
    Suite *su = suite_create("years");
    TCase *tc = tcase_create("files");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_three_years_read_by_hand);
    tcase_add_test(tc, test_bad_files_are_refused_at_their_line);
    tcase_add_test(tc, test_a_scenario_runs_its_recorded_years_as_samples);
    tcase_add_test(tc, test_a_year_of_global_irradiance_only_gets_its_components);
    tcase_add_test(tc, test_a_pvgis_hourly_series_gives_one_sample_per_year);
    tcase_add_test(tc, test_the_roadmap_on_files_of_its_synthetic_years_gives_their_results);
    suite_add_tcase(su, tc);
    return su;
}

AU_CHECK_MAIN(years_suite)
