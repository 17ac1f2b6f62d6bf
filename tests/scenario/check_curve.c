/* check_curve.c: load curves as hourly profiles (profile_curve.c).  The
 * files are written here as a distribution operator writes them: an Enedis
 * "courbe de charge" (';', its preamble, "Horodate;Valeur", stamps at the
 * end of each step with the offset of Paris's civil time, +01:00 in winter,
 * +02:00 in summer, values in W) and a plain CSV with a time column.  Each
 * hour of standard time (UTC+1) has a known value, 1000 + its hour of the
 * 365-day year, so every hour read can be checked: the steps summed into
 * hours, daylight saving undone, 29 February dropped, a year starting in
 * March folded, short gaps filled (a straight line: exact on these linear
 * values), and the files that must be refused refused at their line. */
#include "test_util.h"

#include <math.h>

#include "autonomy/calendar.h"
#include "autonomy/profile_read.h"
#include "autonomy/scenario.h"
#include "autonomy/weather.h"

static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/* Minutes since the epoch (UTC) of the last Sunday of month m of y, 01:00
 * UTC: when Paris's summer time starts (March) and ends (October). */
static long switch_utc(long y, long m)
{
    long d = au_days_from_civil(y, m, 31);
    d -= (d + 4) % 7; /* 1970-01-01 was a Thursday */
    return (d * 24 + 1) * 60;
}

/* The value of the standard-time minute t (UTC+1): 1000 + its hour of the
 * 365-day year, 99999 on 29 February. */
static double value_at(long t)
{
    long y, m, d;
    au_civil_from_days(t / 1440, &y, &m, &d);
    if (m == 2 && d == 29)
        return 99999;
    long k = d - 1;
    for (long i = 0; i < m - 1; i++)
        k += mdays[i];
    return 1000.0 + (double)(k * 24 + (t % 1440) / 60);
}

typedef struct {
    long y0, m0, d0;   /* first day (standard time) */
    long hours;        /* hours written */
    long step;         /* minutes; step2 from hour switch_at */
    long step2, switch_at;
    int energy;        /* values in Wh per step instead of W */
    long gap_from, gap_n; /* hours of empty values */
    long dup_at;       /* a row written twice (row number), -1 none */
    int reverse;       /* rows in reverse order */
} curve;

/* Writes c to dir/name as an Enedis load curve; path receives it. */
static void write_enedis(const char *dir, const char *name, const curve *c, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", dir, name);
    long t0 = au_days_from_civil(c->y0, c->m0, c->d0) * 1440, t1 = t0 + c->hours * 60;
    size_t cap = (size_t)(c->hours * 60 + 60), nr = 0;
    char (*rows)[96] = malloc(cap * sizeof *rows);
    ck_assert_ptr_nonnull(rows);
    long row = 0;
    for (long t = t0; t < t1; row++) {
        long step = (t - t0) / 60 >= c->switch_at ? c->step2 : c->step;
        long end = t + step, utc = end - 60, off = 60;
        for (long yy = c->y0 - 1; yy <= c->y0 + 2; yy++)
            if (utc - 1 >= switch_utc(yy, 3) && utc - 1 < switch_utc(yy, 10))
                off = 120;
        long civil = utc + off, yy, mm, dd, hh = (civil % 1440) / 60, mi = civil % 60;
        au_civil_from_days(civil / 1440, &yy, &mm, &dd);
        double v = value_at(t) * (c->energy ? (double)step / 60.0 : 1.0);
        long hour = (t - t0) / 60;
        int empty = hour >= c->gap_from && hour < c->gap_from + c->gap_n;
        for (int rep = 0; rep < 1 + (row == c->dup_at); rep++) {
            if (empty)
                snprintf(rows[nr++], 96, "%04d-%02d-%02dT%02d:%02d:00+%02d:00;", (int)yy, (int)mm,
                         (int)dd, (int)hh, (int)mi, (int)(off / 60));
            else
                snprintf(rows[nr++], 96, "%04d-%02d-%02dT%02d:%02d:00+%02d:00;%.17g", (int)yy,
                         (int)mm, (int)dd, (int)hh, (int)mi, (int)(off / 60), v);
        }
        t = end;
    }
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "Identifiant PRM;Type de donnees;Date de debut;Date de fin;Grandeur physique;"
               "Grandeur metier;Etape metier;Unite;Pas en minutes\n"
               "00000000000000;Courbe de charge;01/01/2022;01/01/2023;Energie active;"
               "Consommation;Comptage Brut;%s;%ld\n\nHorodate;Valeur\n",
            c->energy ? "Wh" : "W", c->step);
    for (size_t i = 0; i < nr; i++)
        fprintf(f, "%s\n", rows[c->reverse ? nr - 1 - i : i]);
    ck_assert_int_eq(fclose(f), 0);
    free(rows);
}

static curve year_2022(long step)
{
    return (curve){2022, 1, 1, 8760, step, step, 1L << 30, 0, -1, 0, -1, 0};
}

/* Reads path in UTC+1 and checks every hour against value_at. */
static void read_exactly(const char *path, const char *note_has)
{
    double *v = malloc(AU_HOURS * sizeof *v);
    char note[1024];
    au_diags d;
    au_diags_init(&d);
    au_status st = au_profile_csv_read_at(path, 1.0, v, note, sizeof note, &d);
    ck_assert_msg(st == AU_OK, "%s: %s", path, d.n ? d.items[0].msg : "?");
    for (long k = 0; k < AU_HOURS; k++)
        ck_assert_msg(fabs(v[k] - (1000.0 + (double)k)) < 1e-9, "%s: hour %ld is %.17g, expected "
                      "%ld", path, k, v[k], 1000 + k);
    ck_assert_msg(strstr(note, note_has) != NULL, "%s", note);
    free(v);
    au_diags_clear(&d);
}

START_TEST(test_enedis_curves_become_the_hours_of_standard_time)
{
    char dir[32], path[128];
    au_test_mkdir(dir);
    curve c = year_2022(30);
    write_enedis(dir, "half-hours.csv", &c, path, sizeof path);
    read_exactly(path, "17520 rows of 30-minute steps (mean power, stamps at the end");
    /* 10-minute steps, then 30-minute ones from the 4000th hour, rows in
     * reverse order */
    c = year_2022(10);
    c.step2 = 30, c.switch_at = 4000, c.reverse = 1;
    write_enedis(dir, "mixed.csv", &c, path, sizeof path);
    read_exactly(path, "10-minute steps and others");
    /* energy per step (Wh), hourly steps */
    c = year_2022(60);
    c.energy = 1;
    write_enedis(dir, "energy.csv", &c, path, sizeof path);
    read_exactly(path, "energy per step");
    /* a leap year: 29 February dropped */
    c = year_2022(60);
    c.y0 = 2024, c.hours = 8784;
    write_enedis(dir, "leap.csv", &c, path, sizeof path);
    read_exactly(path, "29 February dropped");
    /* the last 12 months of a meter, from 15 March: folded */
    c = year_2022(30);
    c.m0 = 3, c.d0 = 15;
    write_enedis(dir, "rolling.csv", &c, path, sizeof path);
    read_exactly(path, "folded from its first month");
    /* 3 hours without values: filled by a straight line (exact here) */
    c = year_2022(30);
    c.gap_from = 5000, c.gap_n = 3;
    write_enedis(dir, "gap.csv", &c, path, sizeof path);
    read_exactly(path, "3 missing hours in 1 gap filled");
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_a_plain_curve_with_a_time_column)
{
    char dir[32], path[128];
    au_test_mkdir(dir);
    snprintf(path, sizeof path, "%s/plain.csv", dir);
    /* start stamps in the territory's standard time, kW, 15-minute steps */
    long t0 = au_days_from_civil(2023, 1, 1) * 1440;
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("time,load (kW)\n", f);
    for (long t = t0; t < t0 + 8760 * 60; t += 15) {
        long y, m, d;
        au_civil_from_days(t / 1440, &y, &m, &d);
        fprintf(f, "%04ld-%02ld-%02ld %02ld:%02ld,%.17g\n", y, m, d, (t % 1440) / 60, t % 60,
                value_at(t));
    }
    ck_assert_int_eq(fclose(f), 0);
    read_exactly(path, "stamps at the start of each step, in standard time");
    au_test_rmdir(dir);
}
END_TEST

/* The file's first problem: its line and a part of its message. */
static void refused(const char *path, long line, const char *msg)
{
    double *v = malloc(AU_HOURS * sizeof *v);
    char note[256];
    au_diags d;
    au_diags_init(&d);
    ck_assert_int_eq(au_profile_csv_read_at(path, 1.0, v, note, sizeof note, &d), AU_EINVAL);
    ck_assert_uint_ge(d.n, 1);
    ck_assert_int_eq(d.items[0].line, line);
    ck_assert_msg(strstr(d.items[0].msg, msg) != NULL, "%s", d.items[0].msg);
    free(v);
    au_diags_clear(&d);
}

START_TEST(test_curves_that_cannot_be_a_year_are_refused_at_their_line)
{
    char dir[32], path[128];
    au_test_mkdir(dir);
    /* rows start at line 5 (preamble, its values, a blank, the columns) */
    curve c = year_2022(30);
    c.gap_from = 100, c.gap_n = 4;
    write_enedis(dir, "long-gap.csv", &c, path, sizeof path);
    /* the last row before the gap: hour 99's second half-hour, row 199 */
    refused(path, 5 + 199, "no data for more than 3 hours");
    c = year_2022(30);
    c.dup_at = 10;
    write_enedis(dir, "twice.csv", &c, path, sizeof path);
    refused(path, 5 + 11, "is given twice, first at line 15");
    c = year_2022(60);
    c.hours = 8760 + 48;
    write_enedis(dir, "too-long.csv", &c, path, sizeof path);
    refused(path, 5 + 8760, "falls on the same hour of the year as 2022-01-01 00:00");
    c = year_2022(60);
    c.hours = 4380;
    write_enedis(dir, "half.csv", &c, path, sizeof path);
    refused(path, 0, "the data give 4380 of the 8760 hours of the year");
    char text[256];
    snprintf(text, sizeof text, "time;value\n2022-01-01T00:00+01:00;5\n2022-01-01T00:45+01:00;5\n"
                                "2022-01-01T01:30+01:00;x\n");
    au_test_write(dir, "bad.csv", text, path, sizeof path);
    refused(path, 4, "value 'x' is not a number");
    snprintf(text, sizeof text, "time;value\n2022-01-01T00:00+01:00;5\n2022-01-01T00:45+01:00;5\n"
                                "2022-01-01T01:30+01:00;5\n");
    au_test_write(dir, "steps.csv", text, path, sizeof path);
    refused(path, 2, "expected steps of 1 to 60 minutes that divide the hour");
    snprintf(text, sizeof text, "2022-01-01T00:00+01:00;5\n");
    au_test_write(dir, "no-head.csv", text, path, sizeof path);
    refused(path, 1, "no column line above it");
    au_test_rmdir(dir);
}
END_TEST

/* A variant puts a load curve in place of a built-in profile (and back):
 * the base's other attribute is dropped, the note kept for the manifest. */
START_TEST(test_a_variant_replaces_a_profile_by_a_load_curve)
{
    char dir[32], path[128], xml[4400], scen[128];
    au_test_mkdir(dir);
    curve c = year_2022(30);
    write_enedis(dir, "curve.csv", &c, path, sizeof path);
    snprintf(xml, sizeof xml,
             "<scenario name=\"own-load\" extends=\"%s\">\n  <demand><sector name=\"residential\">"
             "<use name=\"appliances and lighting\" profile-file=\"curve.csv\"/></sector>"
             "</demand>\n</scenario>\n", au_test_path("../scenarios/amiens-roadmap.xml"));
    au_test_write(dir, "own.xml", xml, scen, sizeof scen);
    au_diags d;
    au_diags_init(&d);
    au_scenario *s = NULL;
    ck_assert_msg(au_scenario_load(scen, &s, &d) == AU_OK, "%s", d.n ? d.items[0].msg : "");
    const au_use *u = NULL;
    for (size_t i = 0; i < s->n_uses; i++)
        if (strcmp(s->uses[i].name, "appliances and lighting") == 0)
            u = &s->uses[i];
    ck_assert_ptr_nonnull(u);
    ck_assert_ptr_null(u->profile);
    ck_assert_ptr_nonnull(u->profile_data);
    ck_assert_double_eq_tol(u->profile_data[4321], 1000.0 + 4321, 1e-9);
    ck_assert_uint_eq(s->n_input_notes, 1);
    ck_assert_ptr_nonnull(strstr(s->input_notes[0], "17520 rows of 30-minute steps"));
    au_scenario_free(s);
    /* and back: a variant of the variant returns to a built-in profile */
    snprintf(xml, sizeof xml,
             "<scenario name=\"back\" extends=\"own.xml\">\n  <demand><sector name=\"residential\">"
             "<use name=\"appliances and lighting\" profile=\"flat\"/></sector></demand>\n"
             "</scenario>\n");
    au_test_write(dir, "back.xml", xml, scen, sizeof scen);
    ck_assert_msg(au_scenario_load(scen, &s, &d) == AU_OK, "%s", d.n ? d.items[0].msg : "");
    for (size_t i = 0; i < s->n_uses; i++)
        if (strcmp(s->uses[i].name, "appliances and lighting") == 0)
            ck_assert_ptr_null(s->uses[i].profile_data);
    ck_assert_uint_eq(s->n_input_notes, 0);
    au_scenario_free(s);
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

/* The calendar the readers and these files share, on dates counted by
 * hand (1970 to 2000: 30 years of which 7 leap, 10,957 days, then 31 + 29
 * to 1 March; to 2024: 19,723 days, then 31 + 28), and day by day from 1900
 * to 2100 there and back. */
START_TEST(test_calendar_days)
{
    ck_assert_int_eq(au_days_from_civil(1970, 1, 1), 0);
    ck_assert_int_eq(au_days_from_civil(1969, 12, 31), -1);
    ck_assert_int_eq(au_days_from_civil(2000, 3, 1), 11017);
    ck_assert_int_eq(au_days_from_civil(2024, 2, 29), 19782);
    long prev = au_days_from_civil(1900, 1, 1) - 1;
    for (long y = 1900; y <= 2100; y++)
        for (long m = 1; m <= 12; m++) {
            int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            for (long d = 1; d <= mdays[m - 1] + (m == 2 && leap); d++) {
                long z = au_days_from_civil(y, m, d), yy, mm, dd;
                ck_assert_int_eq(z, prev + 1);
                au_civil_from_days(z, &yy, &mm, &dd);
                ck_assert(yy == y && mm == m && dd == d);
                prev = z;
            }
        }
}
END_TEST

static Suite *curve_suite(void)
{
    Suite *su = suite_create("curve");
    TCase *tc = tcase_create("files");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_calendar_days);
    tcase_add_test(tc, test_enedis_curves_become_the_hours_of_standard_time);
    tcase_add_test(tc, test_a_plain_curve_with_a_time_column);
    tcase_add_test(tc, test_curves_that_cannot_be_a_year_are_refused_at_their_line);
    tcase_add_test(tc, test_a_variant_replaces_a_profile_by_a_load_curve);
    suite_add_tcase(su, tc);
    return su;
}

AU_CHECK_MAIN(curve_suite)
