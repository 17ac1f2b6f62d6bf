/* check_units.c: quantities with units (units.h).  Expected values are the
 * definitions of the units: exact decimal shifts must be exact. */
#include "test_util.h"

#include <math.h>

#include "autonomy/units.h"

static double parse_ok(const char *text, au_dim dim)
{
    double v = -12345.678;
    char why[256] = "";
    au_status st = au_quantity_parse(text, dim, &v, why, sizeof why);
    ck_assert_msg(st == AU_OK, "'%s' should parse, got %d: %s", text, st, why);
    return v;
}

START_TEST(test_decimal_prefixes_convert_exactly)
{
    ck_assert_double_eq(parse_ok("2.385 GWh", AU_DIM_ENERGY), 2385.0);
    ck_assert_double_eq(parse_ok("1.2 TWh", AU_DIM_ENERGY), 1200000.0);
    ck_assert_double_eq(parse_ok("5.5 TWh", AU_DIM_ENERGY), 5500000.0);
    ck_assert_double_eq(parse_ok("850 kWh", AU_DIM_ENERGY), 0.85);
    ck_assert_double_eq(parse_ok("12 MW", AU_DIM_POWER), 12.0);
    ck_assert_double_eq(parse_ok("10.8 MWc", AU_DIM_POWER), 10.8);
    ck_assert_double_eq(parse_ok("250 kWp", AU_DIM_POWER), 0.25);
    ck_assert_double_eq(parse_ok("4.7 GW", AU_DIM_POWER), 4700.0);
    ck_assert_double_eq(parse_ok("3 W", AU_DIM_POWER), 3e-6);
    ck_assert_double_eq(parse_ok("1.5e3 kW", AU_DIM_POWER), 1.5);
    ck_assert_double_eq(parse_ok("1500 Mkm", AU_DIM_DISTANCE), 1.5e9);
    ck_assert_double_eq(parse_ok("18 kWh/100km", AU_DIM_SPECIFIC_USE), 0.18);
    ck_assert_double_eq(parse_ok("100 m", AU_DIM_LENGTH), 100.0);
    ck_assert_double_eq(parse_ok("2.5 km", AU_DIM_LENGTH), 2500.0);
}
END_TEST

START_TEST(test_percentages_and_rates)
{
    ck_assert_double_eq(parse_ok("96 %", AU_DIM_FRACTION), 0.96);
    ck_assert_double_eq(parse_ok("96%", AU_DIM_FRACTION), 0.96);
    ck_assert_double_eq(parse_ok("0.96", AU_DIM_FRACTION), 0.96);
    ck_assert_double_eq(parse_ok("-1.5 %/yr", AU_DIM_ANNUAL_RATE), -0.015);
    ck_assert_double_eq(parse_ok("0.3 /yr", AU_DIM_ANNUAL_RATE), 0.3);
    ck_assert_double_eq(parse_ok("-0.37 %/K", AU_DIM_TEMP_COEFF), -0.0037);
    ck_assert_double_eq(parse_ok("0.5 %/h", AU_DIM_HOURLY_RATE), 0.005);
    /* 2.4 %/day = 0.024 / 24 h = 0.001 per hour */
    ck_assert_double_eq_tol(parse_ok("2.4 %/day", AU_DIM_HOURLY_RATE), 0.001, 1e-18);
}
END_TEST

START_TEST(test_non_decimal_units)
{
    /* 1 toe = 11.63 MWh (IEA); 1 MWh = 3600 MJ; 1 km/h = 1/3.6 m/s; 0 C = 273.15 K */
    ck_assert_double_eq_tol(parse_ok("2 ktoe", AU_DIM_ENERGY), 23260.0, 1e-9);
    ck_assert_double_eq_tol(parse_ok("7200 MJ", AU_DIM_ENERGY), 2.0, 1e-15);
    ck_assert_double_eq_tol(parse_ok("36 km/h", AU_DIM_SPEED), 10.0, 1e-14);
    ck_assert_double_eq_tol(parse_ok("293.15 K", AU_DIM_TEMPERATURE), 20.0, 1e-12);
    ck_assert_double_eq(parse_ok("-3.5 C", AU_DIM_TEMPERATURE), -3.5);
    ck_assert_double_eq(parse_ok("45 \xC2\xB0" "C", AU_DIM_TEMPERATURE), 45.0);
    ck_assert_double_eq(parse_ok("35 deg", AU_DIM_ANGLE), 35.0);
    /* degree-days: 62,400 K·h = 2,600 K·day */
    ck_assert_double_eq(parse_ok("2600 K.day", AU_DIM_DEGREE_DAYS), 2600.0);
    ck_assert_double_eq(parse_ok("2600 K\xC2\xB7" "day", AU_DIM_DEGREE_DAYS), 2600.0);
    ck_assert_double_eq_tol(parse_ok("62400 K.h", AU_DIM_DEGREE_DAYS), 2600.0, 1e-12);
    ck_assert_double_eq(parse_ok("1 h", AU_DIM_HOURS), 1.0);
    ck_assert_double_eq(parse_ok("25 yr", AU_DIM_YEARS), 25.0);
}
END_TEST

START_TEST(test_money_units)
{
    ck_assert_double_eq(parse_ok("0.74 EUR/W", AU_DIM_COST_POWER), 740000.0);
    ck_assert_double_eq(parse_ok("0.74 \xE2\x82\xAC/W", AU_DIM_COST_POWER), 740000.0);
    ck_assert_double_eq(parse_ok("361 EUR/kW", AU_DIM_COST_POWER), 361000.0);
    ck_assert_double_eq(parse_ok("1.2 MEUR/MW", AU_DIM_COST_POWER), 1200000.0);
    ck_assert_double_eq(parse_ok("310 EUR/kWh", AU_DIM_COST_ENERGY), 310000.0);
    ck_assert_double_eq(parse_ok("85 EUR/MWh", AU_DIM_COST_ENERGY), 85.0);
    ck_assert_double_eq(parse_ok("12.5 kEUR/MWh", AU_DIM_COST_ENERGY), 12500.0);
    ck_assert_double_eq(parse_ok("20 EUR/kW/yr", AU_DIM_COST_POWER_YR), 20000.0);
    ck_assert_double_eq(parse_ok("56 gCO2/kWh", AU_DIM_EMISSION), 56.0);
    ck_assert_double_eq(parse_ok("0.227 tCO2/MWh", AU_DIM_EMISSION), 227.0);
}
END_TEST

static au_status parse_bad(const char *text, au_dim dim, char *why, size_t n)
{
    double v = 42.0;
    au_status st = au_quantity_parse(text, dim, &v, why, n);
    ck_assert_double_eq(v, 42.0); /* untouched on error */
    return st;
}

START_TEST(test_wrong_unit_is_rejected_with_the_expected_units)
{
    char why[256];
    ck_assert_int_eq(parse_bad("12 kg", AU_DIM_POWER, why, sizeof why), AU_EUNIT);
    ck_assert_ptr_nonnull(strstr(why, "'kg'"));
    ck_assert_ptr_nonnull(strstr(why, "MW"));
    ck_assert_int_eq(parse_bad("12 MWh", AU_DIM_POWER, why, sizeof why), AU_EUNIT);
    ck_assert_int_eq(parse_bad("12 MW", AU_DIM_ENERGY, why, sizeof why), AU_EUNIT);
    ck_assert_int_eq(parse_bad("12 mw", AU_DIM_POWER, why, sizeof why), AU_EUNIT);
    ck_assert_int_eq(parse_bad("3 %", AU_DIM_NUMBER, why, sizeof why), AU_EUNIT);
}
END_TEST

START_TEST(test_missing_unit_is_rejected)
{
    char why[256];
    ck_assert_int_eq(parse_bad("12", AU_DIM_POWER, why, sizeof why), AU_EUNIT);
    ck_assert_ptr_nonnull(strstr(why, "no unit"));
    ck_assert_int_eq(parse_bad("-1.5", AU_DIM_ANNUAL_RATE, why, sizeof why), AU_EUNIT);
}
END_TEST

START_TEST(test_text_that_is_not_a_number_is_rejected)
{
    char why[256];
    const char *bad[] = {"", "MW", "twelve MW", "1.2.3 MW", "nan", "inf MW", "NaN %",
                         "12 M W", "1e400 MW", "-1e400 MW", "--3 MW", ". MW"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        au_status st = parse_bad(bad[i], AU_DIM_POWER, why, sizeof why);
        ck_assert_msg(st == AU_EINVAL || st == AU_EUNIT, "'%s' gave %d", bad[i], st);
    }
}
END_TEST

START_TEST(test_spaces_around_and_between_are_accepted)
{
    ck_assert_double_eq(parse_ok("  12MW  ", AU_DIM_POWER), 12.0);
    ck_assert_double_eq(parse_ok("\n 12 \t MW\n", AU_DIM_POWER), 12.0);
    ck_assert_double_eq(parse_ok("+7 MW", AU_DIM_POWER), 7.0);
    ck_assert_double_eq(parse_ok(".5 MW", AU_DIM_POWER), 0.5);
}
END_TEST

static Suite *units_suite(void)
{
    Suite *s = suite_create("units");
    TCase *tc = tcase_create("conversions");
    tcase_add_test(tc, test_decimal_prefixes_convert_exactly);
    tcase_add_test(tc, test_percentages_and_rates);
    tcase_add_test(tc, test_non_decimal_units);
    tcase_add_test(tc, test_money_units);
    tcase_add_test(tc, test_spaces_around_and_between_are_accepted);
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_add_test(tc, test_wrong_unit_is_rejected_with_the_expected_units);
    tcase_add_test(tc, test_missing_unit_is_rejected);
    tcase_add_test(tc, test_text_that_is_not_a_number_is_rejected);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(units_suite)
