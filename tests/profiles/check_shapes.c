/* check_shapes.c: built-in demand shapes and user hourly profiles
 * (shapes.h).
 *
 * The calendar is checked through the shapes themselves: two days of the
 * same month and the same day type have identical hours, so 1 January must
 * equal a Sunday of January, 2 January a Wednesday of January, and so on.
 * Expected values are worked out by hand from the calendar (1 January is a
 * Monday) or from the tables cited in shapes.c. */
#include "test_util.h"

#include <math.h>

#include "autonomy/shapes.h"
#include "autonomy/profile_read.h"

/* First day of each month in the 365-day year (0-based day of year). */
static const int month_start[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

/* Summer time in the typical year (1 January a Monday): from the last
 * Sunday of March, 25 March (day 83), to the last Sunday of October,
 * 28 October (day 300), 01:00 UTC, that is 02:00 standard time; clocks are
 * then an hour ahead (Directive 2000/84/EC). */
#define SUMMER_FROM (83 * 24 + 2)
#define SUMMER_TO (300 * 24 + 2)

/* The model's hour (standard time) at which legal time reads month m
 * (1..12), day d, hour h: the tables are in legal time, and in summer the
 * legal hour L is the standard hour L - 1. */
static int hour_of(int m, int d, int h)
{
    int l = (month_start[m - 1] + d - 1) * 24 + h;
    return l - 1 >= SUMMER_FROM && l - 1 < SUMMER_TO ? l - 1 : l;
}

static double *filled(au_shape s)
{
    double *v = malloc(AU_HOURS * sizeof *v);
    ck_assert_ptr_nonnull(v);
    au_shape_fill(s, v);
    return v;
}

/* 1 if the 24 hours of two days are identical. */
static int same_day(const double *v, int m1, int d1, int m2, int d2)
{
    for (int h = 0; h < 24; h++)
        if (v[hour_of(m1, d1, h)] != v[hour_of(m2, d2, h)])
            return 0;
    return 1;
}

static double day_sum(const double *v, int m, int d)
{
    double s = 0.0;
    for (int h = 0; h < 24; h++)
        s += v[hour_of(m, d, h)];
    return s;
}

/* Hour of the day (0..23) with the largest value of a day. */
static int peak_hour(const double *v, int m, int d)
{
    int best = 0;
    for (int h = 1; h < 24; h++)
        if (v[hour_of(m, d, h)] > v[hour_of(m, d, best)])
            best = h;
    return best;
}

/* ---- every shape ---- */

START_TEST(test_every_shape_sums_to_one_and_is_positive)
{
    for (int s = 0; s < AU_SHAPE_COUNT; s++) {
        double *v = filled((au_shape)s);
        double sum = 0.0;
        for (int k = 0; k < AU_HOURS; k++) {
            ck_assert_msg(isfinite(v[k]) && v[k] > 0.0, "%s hour %d is %g",
                          au_shape_name((au_shape)s), k, v[k]);
            sum += v[k];
        }
        ck_assert_msg(fabs(sum - 1.0) < 1e-12, "%s sums to 1%+.3g",
                      au_shape_name((au_shape)s), sum - 1.0);
        free(v);
    }
}
END_TEST

START_TEST(test_flat_is_one_8760th_in_every_hour)
{
    double *v = filled(AU_SHAPE_FLAT);
    for (int k = 0; k < AU_HOURS; k++)
        ck_assert_double_eq_tol(v[k], 1.0 / 8760.0, 1e-20);
    free(v);
}
END_TEST

START_TEST(test_names_are_those_of_scenario_files)
{
    static const char *const names[AU_SHAPE_COUNT] = {
        "flat", "residential", "tertiary", "industry", "agriculture", "hot-water",
        "ev-evening", "hot-water-offpeak", "buildings"};
    for (int s = 0; s < AU_SHAPE_COUNT; s++)
        ck_assert_str_eq(au_shape_name((au_shape)s), names[s]);
    ck_assert_ptr_null(au_shape_name(AU_SHAPE_COUNT));
}
END_TEST

/* ---- the calendar: 1 January is a Monday ---- */

START_TEST(test_first_january_is_a_holiday_like_a_sunday)
{
    double *v = filled(AU_SHAPE_TERTIARY);
    ck_assert(same_day(v, 1, 1, 1, 7));     /* Sunday 7 January */
    ck_assert(!same_day(v, 1, 1, 1, 8));    /* Monday 8 January */
    ck_assert(!same_day(v, 1, 1, 1, 6));    /* Saturday 6 January */
    free(v);
}
END_TEST

START_TEST(test_second_january_is_a_tuesday_weekday)
{
    double *v = filled(AU_SHAPE_TERTIARY);
    ck_assert(same_day(v, 1, 2, 1, 9));     /* Tuesday 9 January */
    ck_assert(same_day(v, 1, 2, 1, 5));     /* Friday 5 January: also a weekday */
    ck_assert(same_day(v, 1, 2, 1, 8));     /* Monday 8 January */
    ck_assert(!same_day(v, 1, 2, 1, 1));
    free(v);
}
END_TEST

START_TEST(test_sixth_january_is_a_saturday_and_seventh_a_sunday)
{
    double *v = filled(AU_SHAPE_TERTIARY);
    ck_assert(same_day(v, 1, 6, 1, 13));
    ck_assert(same_day(v, 1, 6, 1, 27));
    ck_assert(!same_day(v, 1, 6, 1, 5));
    ck_assert(!same_day(v, 1, 6, 1, 7));
    ck_assert(same_day(v, 1, 7, 1, 28));
    /* 31 December is day 364 = 52 weeks: a Monday, a weekday */
    ck_assert(same_day(v, 12, 31, 12, 3));
    free(v);
}
END_TEST

START_TEST(test_fixed_date_public_holidays_count_as_sundays)
{
    double *v = filled(AU_SHAPE_TERTIARY);
    /* each against a Sunday of its month, worked from 1 January = Monday */
    ck_assert(same_day(v, 5, 1, 5, 6));     /* Tuesday 1 May, Sunday 6 May */
    ck_assert(same_day(v, 5, 8, 5, 6));     /* Tuesday 8 May */
    ck_assert(same_day(v, 7, 14, 7, 15));   /* Saturday 14 July, Sunday 15 July */
    ck_assert(same_day(v, 8, 15, 8, 12));   /* Wednesday 15 August, Sunday 12 August */
    ck_assert(same_day(v, 11, 1, 11, 4));   /* Thursday 1 November, Sunday 4 November */
    ck_assert(same_day(v, 11, 11, 11, 4));  /* Sunday 11 November */
    ck_assert(same_day(v, 12, 25, 12, 23)); /* Tuesday 25 December, Sunday 23 December */
    /* the day after a holiday is an ordinary weekday */
    ck_assert(same_day(v, 5, 2, 5, 3));
    ck_assert(!same_day(v, 5, 2, 5, 1));
    /* 14 July, a holiday, is not a Saturday: 7 July is */
    ck_assert(!same_day(v, 7, 14, 7, 7));
    free(v);
}
END_TEST

/* ---- the shapes' patterns ---- */

START_TEST(test_tertiary_weekday_noon_is_above_its_sunday_noon)
{
    double *v = filled(AU_SHAPE_TERTIARY);
    /* G25: weekday 11:00-12:00 241.582, Sunday 74.239; same month: ratio 3.254 */
    double wed = v[hour_of(1, 10, 11)], sun = v[hour_of(1, 14, 11)];
    ck_assert_double_eq_tol(wed / sun, 241.582 / 74.239, 1e-12);
    ck_assert(v[hour_of(1, 10, 11)] > 3.0 * v[hour_of(1, 10, 3)]);
    free(v);
}
END_TEST

START_TEST(test_residential_evening_peak_is_the_highest_and_above_three_in_the_morning)
{
    double *v = filled(AU_SHAPE_RESIDENTIAL);
    int days[3][2] = {{1, 10}, {1, 13}, {1, 14}};   /* Wednesday, Saturday, Sunday */
    for (int i = 0; i < 3; i++) {
        int m = days[i][0], d = days[i][1];
        ck_assert(v[hour_of(m, d, 19)] > 2.0 * v[hour_of(m, d, 3)]);
    }
    /* weekday: the day's peak at 19:00 (169.824), above the morning peak at
     * 07:00 (106.122); on Sundays the late morning (11:00, 183.817) is higher */
    ck_assert_int_eq(peak_hour(v, 1, 10), 19);
    ck_assert(v[hour_of(1, 10, 19)] > 1.5 * v[hour_of(1, 10, 7)]);
    /* more in winter: January against July, both Wednesdays */
    ck_assert(day_sum(v, 1, 10) > 1.3 * day_sum(v, 7, 11));
    free(v);
}
END_TEST

START_TEST(test_ev_charging_is_highest_in_the_evening_and_less_at_weekends)
{
    double *v = filled(AU_SHAPE_EV_EVENING);
    int days[3][2] = {{3, 14}, {3, 17}, {3, 18}};   /* Wednesday, Saturday, Sunday */
    for (int i = 0; i < 3; i++) {
        int m = days[i][0], d = days[i][1];
        int p = peak_hour(v, m, d);
        ck_assert_msg(p >= 17 && p <= 22, "EV peak at %d:00 on %d/%d", p, d, m);
    }
    /* weekday: 19:00-20:00 (1.4280) is 30 times 05:00-06:00 (0.0265) */
    ck_assert(v[hour_of(3, 14, 19)] > 30.0 * v[hour_of(3, 14, 5)]);
    /* a weekday charges 15.10 kWh per vehicle, a weekend day 14.65 */
    ck_assert(day_sum(v, 3, 17) < day_sum(v, 3, 14));
    ck_assert(day_sum(v, 3, 18) < day_sum(v, 3, 14));
    free(v);
}
END_TEST

START_TEST(test_industry_runs_night_and_day_and_less_at_weekends)
{
    /* French industry and energy (RTE 2019 less heating and water heaters,
     * shapes.c): nearly flat, night and day; Sundays below weekdays. */
    double *v = filled(AU_SHAPE_INDUSTRY);
    ck_assert(v[hour_of(1, 10, 3)] > 0.85 * v[hour_of(1, 10, 13)]);   /* Wednesday */
    ck_assert(day_sum(v, 1, 14) < 0.95 * day_sum(v, 1, 10));          /* Sunday */
    ck_assert(day_sum(v, 1, 14) > 0.8 * day_sum(v, 1, 10));
    free(v);
}
END_TEST

START_TEST(test_buildings_work_by_day_rise_again_at_dusk_and_rest_on_sunday)
{
    double *v = filled(AU_SHAPE_BUILDINGS);
    /* Wednesday 10 January: the working day well above the night */
    ck_assert(v[hour_of(1, 10, 11)] > 1.5 * v[hour_of(1, 10, 4)]);
    /* the evening rise, lights on: 19:00 over 17:00 is (1.2012 x 1.0227) /
     * (1.1279 x 1.0027) = 1.086 in January, (1.2012 x 0.9875) / (1.1279 x
     * 1.0071) = 1.044 in June (Wednesday 13 June), the sun setting late */
    double jan = v[hour_of(1, 10, 19)] / v[hour_of(1, 10, 17)];
    double jun = v[hour_of(6, 13, 19)] / v[hour_of(6, 13, 17)];
    ck_assert_double_eq_tol(jan, 1.2012 * 1.0227 / (1.1279 * 1.0027), 1e-12);
    ck_assert_double_eq_tol(jun, 1.2012 * 0.9875 / (1.1279 * 1.0071), 1e-12);
    /* Sunday 14 January below the Wednesday */
    ck_assert(day_sum(v, 1, 14) < 0.95 * day_sum(v, 1, 10));
    free(v);
}
END_TEST

START_TEST(test_offpeak_water_heaters_switch_on_at_night)
{
    /* shapes.c: the national fleet's share of the day 13.58 % at 23:00,
     * 10.26 % at 22:00; 62.4 % of the day from 22:00 to 06:00 (the shares
     * as printed add up to 1.0001) */
    double *v = filled(AU_SHAPE_HOT_WATER_OFFPEAK);
    ck_assert_int_eq(peak_hour(v, 1, 10), 23);
    double night = 0;
    for (int h = 22; h < 24; h++)
        night += v[hour_of(1, 10, h)];
    for (int h = 0; h < 6; h++)
        night += v[hour_of(1, 11, h)];
    ck_assert_double_eq_tol(night / day_sum(v, 1, 10), (0.1026 + 0.1358 + 0.1088 + 0.0996 +
                            0.0702 + 0.0404 + 0.0310 + 0.0359) / 1.0001, 1e-12);
    /* 35 % more energy in January than in July: 1.4258 / 1.0427 */
    ck_assert_double_eq_tol(day_sum(v, 1, 10) / day_sum(v, 7, 11), 1.4258 / 1.0427, 1e-12);
    free(v);
}
END_TEST

START_TEST(test_clocks_move_the_habits_an_hour_in_summer)
{
    /* Tertiary (BDEW G25) peaks at 10:00 legal time; in July that is 09:00
     * standard time, the model's hour 9 */
    double *v = filled(AU_SHAPE_TERTIARY);
    int day = month_start[6] + 10;           /* 11 July, a Wednesday */
    int best = 0;
    for (int h = 1; h < 24; h++)
        if (v[24 * day + h] > v[24 * day + best])
            best = h;
    ck_assert_int_eq(best, 9);
    day = month_start[0] + 9;                /* 10 January, standard time */
    best = 0;
    for (int h = 1; h < 24; h++)
        if (v[24 * day + h] > v[24 * day + best])
            best = h;
    ck_assert_int_eq(best, 10);
    free(v);
}
END_TEST

START_TEST(test_hot_water_is_drawn_in_the_morning_and_the_evening)
{
    double *v = filled(AU_SHAPE_HOT_WATER);
    int m = 1, d = 10;
    ck_assert_int_eq(peak_hour(v, m, d), 6);
    ck_assert(v[hour_of(m, d, 20)] > 1.2 * v[hour_of(m, d, 14)]);   /* 0.05170, 0.04138 */
    ck_assert(v[hour_of(m, d, 6)] > 5.0 * v[hour_of(m, d, 2)]);
    /* the same day every day of a month; a little more in winter */
    ck_assert(same_day(v, 1, 10, 1, 13));
    ck_assert(same_day(v, 1, 10, 1, 14));
    ck_assert(day_sum(v, 1, 10) > day_sum(v, 8, 8));
    ck_assert(day_sum(v, 1, 10) < 1.1 * day_sum(v, 8, 8));
    free(v);
}
END_TEST

START_TEST(test_agriculture_works_by_day)
{
    double *v = filled(AU_SHAPE_AGRICULTURE);
    ck_assert(v[hour_of(4, 11, 8)] > 3.0 * v[hour_of(4, 11, 3)]);
    ck_assert(v[hour_of(4, 11, 19)] > 3.0 * v[hour_of(4, 11, 3)]);
    ck_assert(day_sum(v, 1, 10) > day_sum(v, 7, 11));
    free(v);
}
END_TEST

/* ---- a value worked out from the tables ---- */

/* |got - want| within rel of want */
#define ASSERT_REL(got, want, rel)                                                    \
    ck_assert_msg(fabs((got) - (want)) <= (rel) * fabs(want), "%s = %.17g, expected %.17g", \
                  #got, (double)(got), (double)(want))

/* Days of each type in each month of the typical year, counted by hand:
 * 1 January is a Monday; February has exactly 4 weeks; a month of 30 days
 * adds the first two weekdays of its first week, 31 days the first three;
 * holidays move a day to the Sunday column (14 July from the Saturday
 * column).  Totals 255, 51, 59. */
static const int ndays[12][3] = {
    {22, 4, 5}, {20, 4, 4}, {22, 5, 4}, {21, 4, 5}, {21, 4, 6}, {21, 5, 4},
    {22, 3, 6}, {22, 4, 5}, {20, 5, 5}, {23, 4, 4}, {21, 4, 5}, {20, 5, 6}};

START_TEST(test_day_counts_make_the_year)
{
    int tot[3] = {0, 0, 0};
    for (int m = 0; m < 12; m++) {
        int len = (m < 11 ? month_start[m + 1] : 365) - month_start[m];
        ck_assert_int_eq(ndays[m][0] + ndays[m][1] + ndays[m][2], len);
        for (int t = 0; t < 3; t++)
            tot[t] += ndays[m][t];
    }
    /* 365 days = 52 weeks + a Monday; 6 holidays on weekdays, 14 July on a
     * Saturday, 11 November on a Sunday */
    ck_assert_int_eq(tot[0], 261 - 6);
    ck_assert_int_eq(tot[1], 52 - 1);
    ck_assert_int_eq(tot[2], 52 + 7);
}
END_TEST

START_TEST(test_a_tertiary_hour_is_day_factor_times_month_over_the_year)
{
    /* BDEW G25 in shapes.c: hourly sums of the quarter-hours averaged over
     * the 12 months (kWh per hour for 1 GWh a year), and the monthly
     * factors. */
    static const double day[3][24] = {
        {55.128, 53.811, 53.349, 54.469, 58.736, 71.555, 101.488, 157.481,
         209.114, 230.050, 242.708, 241.582, 222.745, 207.890, 205.167, 195.843,
         178.832, 157.674, 124.743, 98.066, 83.230, 73.332, 64.624, 59.136},
        {55.902, 54.444, 53.351, 53.769, 56.002, 63.194, 70.150, 78.470,
         95.268, 117.171, 128.856, 129.674, 121.156, 108.377, 98.477, 94.674,
         90.639, 90.129, 84.411, 79.171, 72.737, 67.300, 61.510, 57.652},
        {54.442, 52.945, 52.116, 51.958, 52.666, 54.424, 57.476, 60.718,
         64.097, 67.541, 71.828, 74.239, 74.034, 72.426, 70.812, 71.264,
         73.285, 75.280, 74.303, 71.864, 68.264, 63.565, 58.451, 54.497}};
    static const double month[12] = {1.1026, 1.0908, 1.0599, 0.9922, 0.9391, 0.9406,
                                      0.8910, 0.9074, 0.9338, 0.9663, 1.0959, 1.0880};
    double e[3] = {0.0, 0.0, 0.0};
    for (int t = 0; t < 3; t++)
        for (int h = 0; h < 24; h++)
            e[t] += day[t][h];
    /* the daily energies, the sums of the rows as printed */
    ck_assert_double_eq_tol(e[0], 3200.753, 1e-9);
    ck_assert_double_eq_tol(e[1], 1982.484, 1e-9);
    ck_assert_double_eq_tol(e[2], 1542.495, 1e-9);
    double norm = 0.0;
    for (int m = 0; m < 12; m++)
        norm += month[m] * (ndays[m][0] * e[0] + ndays[m][1] * e[1] + ndays[m][2] * e[2]);
    /* summer time: legal 02:00 of Sunday 25 March does not happen, legal
     * 02:00 of Sunday 28 October happens twice */
    norm += -day[2][2] * month[2] + day[2][2] * month[9];

    double *v = filled(AU_SHAPE_TERTIARY);
    /* Wednesday 10 January, 10:00-11:00 */
    ASSERT_REL(v[hour_of(1, 10, 10)], 242.708 * 1.1026 / norm, 1e-13);
    /* Saturday 20 October, 11:00-12:00 */
    ASSERT_REL(v[hour_of(10, 20, 11)], 129.674 * 0.9663 / norm, 1e-13);
    /* 14 July (a holiday on a Saturday), 17:00-18:00: the Sunday table */
    ASSERT_REL(v[hour_of(7, 14, 17)], 75.280 * 0.8910 / norm, 1e-13);
    free(v);
}
END_TEST

START_TEST(test_a_hot_water_hour_is_its_share_times_month_over_the_year)
{
    /* When2Heat: 0.7 SFH + 0.3 MFH, column 30; 06:00-07:00 0.7*0.0939 +
     * 0.3*0.044 = 0.07893; the day sums to 0.7*1.0000 + 0.3*1.0001 = 1.00003.
     * Every day has the same shares, so the normaliser is 1.00003 times the
     * sum over the days of the monthly factors. */
    static const double month[12] = {1.0124, 1.0124, 1.0124, 1.0124, 1.0124, 0.9680,
                                      0.9645, 0.9601, 1.0094, 1.0124, 1.0124, 1.0124};
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    double norm = 0.0;
    for (int m = 0; m < 12; m++)
        norm += len[m] * month[m];
    norm *= 1.00003;
    /* summer time: 02:00 of 25 March skipped, 02:00 of 28 October twice
     * (0.7 * 0.01049 + 0.3 * share; the day's 02:00 share of shapes.c) */
    norm += -0.01049 * month[2] + 0.01049 * month[9];
    double *v = filled(AU_SHAPE_HOT_WATER);
    ASSERT_REL(v[hour_of(8, 15, 6)], 0.07893 * 0.9601 / norm, 1e-13);
    ASSERT_REL(v[hour_of(2, 3, 19)], 0.04921 * 1.0124 / norm, 1e-13);
    free(v);
}
END_TEST

/* ---- the user hourly profile ---- */

/* A value for hour k that needs all 17 digits to read back. */
static double value_of(int k)
{
    return 2.385 + k / 3.0 + (k % 24) * 1e-7;
}

/* Writes dir/name: `head` first (may be NULL), then data rows 0..n-1 (with
 * the hour when `hours`), line ends "\r\n" when `crlf`; row `bad` (-1: none)
 * is replaced by the text `bad_text`. */
static void write_profile(const char *dir, const char *name, const char *head, int n,
                          int hours, int crlf, int bad, const char *bad_text, char *path,
                          size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    const char *eol = crlf ? "\r\n" : "\n";
    if (head != NULL)
        fputs(head, f);
    for (int k = 0; k < n; k++) {
        if (k == bad)
            fprintf(f, "%s%s", bad_text, eol);
        else if (hours)
            fprintf(f, "%d,%.17g%s", k, value_of(k), eol);
        else
            fprintf(f, "%.17g%s", value_of(k), eol);
    }
    ck_assert_int_eq(fclose(f), 0);
}

/* Reads a file expected to fail: status st, the first diagnostic at `line`
 * containing `what`, and out untouched. */
static void expect_error(const char *path, au_status st, long line, const char *what)
{
    au_diags d;
    au_diags_init(&d);
    double *out = malloc(AU_HOURS * sizeof *out);
    ck_assert_ptr_nonnull(out);
    for (int k = 0; k < AU_HOURS; k++)
        out[k] = 42.0;
    au_status got = au_profile_csv_read(path, out, &d);
    ck_assert_msg(got == st, "%s: status %d, expected %d", path, got, st);
    ck_assert_msg(d.n >= 1, "%s: no diagnostic", path);
    ck_assert_str_eq(d.items[0].file, path);
    ck_assert_msg(d.items[0].line == line && strstr(d.items[0].msg, what) != NULL,
                  "%s: got line %ld '%s', expected line %ld with '%s'", path,
                  d.items[0].line, d.items[0].msg, line, what);
    for (int k = 0; k < AU_HOURS; k++)
        ck_assert_double_eq(out[k], 42.0);
    free(out);
    au_diags_clear(&d);
}

static void expect_values(const char *path)
{
    au_diags d;
    au_diags_init(&d);
    double *out = malloc(AU_HOURS * sizeof *out);
    ck_assert_ptr_nonnull(out);
    au_status st = au_profile_csv_read(path, out, &d);
    ck_assert_msg(st == AU_OK, "%s: status %d, %zu diagnostics, first '%s'", path, st, d.n,
                  d.n > 0 ? d.items[0].msg : "");
    ck_assert_int_eq((int)d.n, 0);
    for (int k = 0; k < AU_HOURS; k++)
        ck_assert_double_eq(out[k], value_of(k));
    free(out);
    au_diags_clear(&d);
}

START_TEST(test_a_one_column_file_reads_back_exactly)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    write_profile(dir, "one.csv", "# metered load, MW\nload_mw\n", AU_HOURS, 0, 0, -1, NULL,
                  path, sizeof path);
    expect_values(path);
    write_profile(dir, "bare.csv", NULL, AU_HOURS, 0, 0, -1, NULL, path, sizeof path);
    expect_values(path);
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_an_hour_value_file_with_crlf_reads_back_exactly)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    write_profile(dir, "two.csv", "\xEF\xBB\xBF# PV output\r\n\r\nhour , value_kw\r\n",
                  AU_HOURS, 1, 1, -1, NULL, path, sizeof path);
    expect_values(path);
    write_profile(dir, "two_lf.csv", NULL, AU_HOURS, 1, 0, -1, NULL, path, sizeof path);
    expect_values(path);
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_comments_blank_lines_and_spaces_between_rows_are_ignored)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    snprintf(path, sizeof path, "%s/mixed.csv", dir);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs("hour,value\n", f);
    for (int k = 0; k < AU_HOURS; k++) {
        if (k % 1000 == 0)
            fputs("\n   # a note\n", f);
        fprintf(f, " %d ,\t%.17g \n", k, value_of(k));
    }
    fputs("# the end", f);                  /* no final line end */
    ck_assert_int_eq(fclose(f), 0);
    expect_values(path);
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_a_non_numeric_value_is_reported_with_its_line)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    /* header on line 1: data row k is on line k + 2 */
    write_profile(dir, "a.csv", "load\n", AU_HOURS, 0, 0, 100, "12,5", path, sizeof path);
    expect_error(path, AU_EINVAL, 102, "row has 2 fields (expected 1");
    write_profile(dir, "b.csv", "load\n", AU_HOURS, 0, 0, 100, "twelve", path, sizeof path);
    expect_error(path, AU_EINVAL, 102, "value 'twelve' is not a number");
    write_profile(dir, "c.csv", "hour,load\n", AU_HOURS, 1, 1, 7, "7,1;5", path, sizeof path);
    expect_error(path, AU_EINVAL, 9, "value '1;5' is not a number");
    write_profile(dir, "d.csv", NULL, AU_HOURS, 0, 0, 3, "nan", path, sizeof path);
    expect_error(path, AU_EINVAL, 4, "value 'nan' is not a number");
    write_profile(dir, "e.csv", NULL, AU_HOURS, 0, 0, 3, "inf", path, sizeof path);
    expect_error(path, AU_EINVAL, 4, "value 'inf' is not a number");
    write_profile(dir, "f.csv", NULL, AU_HOURS, 0, 0, 3, "1e400", path, sizeof path);
    expect_error(path, AU_EINVAL, 4, "value '1e400' is too large");
    write_profile(dir, "g.csv", NULL, AU_HOURS, 1, 0, 3, "3,", path, sizeof path);
    expect_error(path, AU_EINVAL, 4, "value '' is not a number");
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_a_negative_value_is_reported_with_its_line)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    write_profile(dir, "neg.csv", "hour,load\n", AU_HOURS, 1, 0, 8759, "8759,-2.385", path,
                  sizeof path);
    expect_error(path, AU_EINVAL, 8761, "value -2.385 is negative");
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_a_wrong_field_count_is_reported_with_its_line)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    write_profile(dir, "three.csv", "h,v\n", AU_HOURS, 1, 0, 0, "0,1,2", path, sizeof path);
    expect_error(path, AU_EINVAL, 2, "row has 3 fields (expected 1, the value, or 2");
    write_profile(dir, "one.csv", "h,v\n", AU_HOURS, 1, 0, 50, "2.5", path, sizeof path);
    expect_error(path, AU_EINVAL, 52, "row has 1 field (expected 2, as in the first data row "
                 "at line 2)");
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_hours_out_of_order_are_reported_with_their_line)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    write_profile(dir, "skip.csv", NULL, AU_HOURS, 1, 0, 6, "7,1.5", path, sizeof path);
    expect_error(path, AU_EINVAL, 7, "hour 7 is out of order (expected 6");
    write_profile(dir, "frac.csv", NULL, AU_HOURS, 1, 0, 6, "6.5,1.5", path, sizeof path);
    expect_error(path, AU_EINVAL, 7, "hour '6.5' is not a whole number");
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_too_few_or_too_many_rows_are_reported)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    write_profile(dir, "short.csv", "load\n", AU_HOURS - 1, 0, 0, -1, NULL, path, sizeof path);
    expect_error(path, AU_EINVAL, 8760, "the file ends after 8759 data rows (expected 8760");
    write_profile(dir, "long.csv", "load\n", AU_HOURS + 1, 0, 0, -1, NULL, path, sizeof path);
    expect_error(path, AU_EINVAL, 8762, "8761 data rows, 1 too many");
    write_profile(dir, "empty.csv", "load\n", 0, 0, 0, -1, NULL, path, sizeof path);
    expect_error(path, AU_EINVAL, 1, "the file ends after 0 data rows");
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_a_leap_year_is_refused_with_advice_to_drop_29_february)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    write_profile(dir, "leap.csv", "hour,load\n", AU_HOURS + 24, 1, 0, -1, NULL, path,
                  sizeof path);
    expect_error(path, AU_EINVAL, 8762, "drop 29 February, the 24 data rows 1417 to 1440");
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_a_profile_of_zeros_is_refused)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    snprintf(path, sizeof path, "%s/zero.csv", dir);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    for (int k = 0; k < AU_HOURS; k++)
        fputs(k % 2 ? "0\n" : "-0.0\n", f);
    ck_assert_int_eq(fclose(f), 0);
    expect_error(path, AU_EINVAL, 0,
                 "the profile is zero in every hour (expected some demand)");
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_an_unreadable_file_is_reported_at_line_zero)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    snprintf(path, sizeof path, "%s/missing.csv", dir);
    expect_error(path, AU_EIO, 0, "cannot open the file");
    expect_error(dir, AU_EIO, 0, "it is a directory");
    /* a file over 16 MiB (sparse) */
    snprintf(path, sizeof path, "%s/huge.csv", dir);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fclose(f), 0);
    ck_assert_int_eq(truncate(path, 16L * 1024 * 1024 + 1), 0);
    expect_error(path, AU_EIO, 0, "the file is 16777217 bytes long");
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_a_nul_byte_is_reported_with_its_line)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    snprintf(path, sizeof path, "%s/nul.csv", dir);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs("load\n1\n2\n", f);
    fputc('\0', f);
    fputs("3\n", f);
    ck_assert_int_eq(fclose(f), 0);
    expect_error(path, AU_EINVAL, 4, "NUL byte");
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_reading_stops_after_twenty_errors)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    snprintf(path, sizeof path, "%s/bad.csv", dir);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    for (int k = 0; k < AU_HOURS; k++)
        fputs("-1\n", f);
    ck_assert_int_eq(fclose(f), 0);
    au_diags d;
    au_diags_init(&d);
    double *out = malloc(AU_HOURS * sizeof *out);
    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(au_profile_csv_read(path, out, &d), AU_EINVAL);
    ck_assert_int_eq((int)d.n, 21);
    ck_assert_int_eq((int)d.items[19].line, 20);
    ck_assert_ptr_nonnull(strstr(d.items[20].msg, "stopped after 20 errors"));
    /* without a list the same answer */
    ck_assert_int_eq(au_profile_csv_read(path, out, NULL), AU_EINVAL);
    ck_assert_int_eq(au_profile_csv_read(NULL, out, NULL), AU_EINVAL);
    free(out);
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

static Suite *shapes_suite(void)
{
    Suite *s = suite_create("shapes");
    TCase *tc = tcase_create("shapes");
    tcase_add_test(tc, test_every_shape_sums_to_one_and_is_positive);
    tcase_add_test(tc, test_flat_is_one_8760th_in_every_hour);
    tcase_add_test(tc, test_names_are_those_of_scenario_files);
    suite_add_tcase(s, tc);

    tc = tcase_create("calendar");
    tcase_add_test(tc, test_first_january_is_a_holiday_like_a_sunday);
    tcase_add_test(tc, test_second_january_is_a_tuesday_weekday);
    tcase_add_test(tc, test_sixth_january_is_a_saturday_and_seventh_a_sunday);
    tcase_add_test(tc, test_fixed_date_public_holidays_count_as_sundays);
    tcase_add_test(tc, test_day_counts_make_the_year);
    suite_add_tcase(s, tc);

    tc = tcase_create("patterns");
    tcase_add_test(tc, test_tertiary_weekday_noon_is_above_its_sunday_noon);
    tcase_add_test(tc, test_residential_evening_peak_is_the_highest_and_above_three_in_the_morning);
    tcase_add_test(tc, test_ev_charging_is_highest_in_the_evening_and_less_at_weekends);
    tcase_add_test(tc, test_industry_runs_night_and_day_and_less_at_weekends);
    tcase_add_test(tc, test_buildings_work_by_day_rise_again_at_dusk_and_rest_on_sunday);
    tcase_add_test(tc, test_offpeak_water_heaters_switch_on_at_night);
    tcase_add_test(tc, test_clocks_move_the_habits_an_hour_in_summer);
    tcase_add_test(tc, test_hot_water_is_drawn_in_the_morning_and_the_evening);
    tcase_add_test(tc, test_agriculture_works_by_day);
    suite_add_tcase(s, tc);

    tc = tcase_create("hand_computed");
    tcase_add_test(tc, test_a_tertiary_hour_is_day_factor_times_month_over_the_year);
    tcase_add_test(tc, test_a_hot_water_hour_is_its_share_times_month_over_the_year);
    suite_add_tcase(s, tc);

    tc = tcase_create("user_csv");
    tcase_add_test(tc, test_a_one_column_file_reads_back_exactly);
    tcase_add_test(tc, test_an_hour_value_file_with_crlf_reads_back_exactly);
    tcase_add_test(tc, test_comments_blank_lines_and_spaces_between_rows_are_ignored);
    tcase_add_test(tc, test_a_non_numeric_value_is_reported_with_its_line);
    tcase_add_test(tc, test_a_negative_value_is_reported_with_its_line);
    tcase_add_test(tc, test_a_wrong_field_count_is_reported_with_its_line);
    tcase_add_test(tc, test_hours_out_of_order_are_reported_with_their_line);
    tcase_add_test(tc, test_too_few_or_too_many_rows_are_reported);
    tcase_add_test(tc, test_a_leap_year_is_refused_with_advice_to_drop_29_february);
    tcase_add_test(tc, test_a_profile_of_zeros_is_refused);
    tcase_add_test(tc, test_an_unreadable_file_is_reported_at_line_zero);
    tcase_add_test(tc, test_a_nul_byte_is_reported_with_its_line);
    tcase_add_test(tc, test_reading_stops_after_twenty_errors);
    suite_add_tcase(s, tc);

    return s;
}

AU_CHECK_MAIN(shapes_suite)
