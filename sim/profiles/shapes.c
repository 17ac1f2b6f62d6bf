/* shapes.c: built-in hourly shapes of demand (shapes.h).
 *
 * The typical year.  365 days of 24 hours of local standard time, hour 0 =
 * 1 January 00:00-01:00.  Its 1 January is a Monday (as in 2018 or 2029), so
 * day d of the year (0-based) is a Monday when d % 7 == 0.  Each day has a
 * day type: weekday (Monday to Friday), Saturday, or Sunday; the French public
 * holidays on fixed dates (1 January, 1 May, 8 May, 14 July, 15 August,
 * 1 November, 11 November, 25 December) count as Sundays, as the BDEW profiles
 * count holidays.  The movable holidays (Easter Monday, Ascension, Whit Monday)
 * are not marked: their dates change every year and a typical year has none.
 * With this calendar the year has 255 weekdays, 51 Saturdays (14 July is a
 * Saturday) and 59 Sundays and holidays.
 *
 * A shape is, hour by hour, day[type of the day][hour of the day] times
 * month[month of the day], divided by its sum over the year, so that the 8760
 * values add up to 1 (to rounding, about 1e-15).  The tables below give each
 * shape's 3 x 24 daily factors and 12 monthly factors with their sources.
 * Only ratios matter: a table's unit is its source's where it has one.
 * Where a BDEW 2025 profile gives a table for each month and day type (96
 * quarter-hours x 3 day types x 12 months, kWh for 1 GWh a year), the daily
 * factors are the hourly sums (four quarter-hours) averaged over the 12
 * months, and the monthly factor is the month's daily energy (5 weekdays,
 * 1 Saturday, 1 Sunday a week) over the year's, times, for the dynamic
 * profile H25, the mean of BDEW's dynamisation polynomial over the month's
 * days; the monthly factors are then scaled to a mean of 1 over the 365 days
 * (which changes nothing after normalisation).  This keeps each month's
 * energy and the year's average day; it drops the small changes of the daily
 * pattern from month to month (the winter evening peak comes a little
 * earlier).  The BDEW tables used are those shipped by oemof demandlib
 * (src/demandlib/bdew/bdew_data/g25.csv, l25.csv and
 * src/oemof/demand/bdew/bdew_data/h25.csv; dynamisation in
 * src/demandlib/bdew/_profiles25.py), as published by BDEW in 2025
 * ("Standardlastprofile Strom", www.bdew.de/energie/standardlastprofile-strom/). */
#include "autonomy/shapes.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ---- the calendar of the typical year ---- */

enum { DT_WEEKDAY, DT_SATURDAY, DT_SUNDAY, DT_N };

#define DAYS 365

static const int month_start[13] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};

/* French public holidays on fixed dates: month, day. */
static const int holidays[][2] = {{1, 1}, {5, 1}, {5, 8}, {7, 14}, {8, 15}, {11, 1}, {11, 11},
                                  {12, 25}};

static int day_type(int doy)
{
    for (size_t i = 0; i < sizeof holidays / sizeof holidays[0]; i++)
        if (doy == month_start[holidays[i][0] - 1] + holidays[i][1] - 1)
            return DT_SUNDAY;
    switch (doy % 7) {                      /* 1 January is a Monday */
    case 5: return DT_SATURDAY;
    case 6: return DT_SUNDAY;
    default: return DT_WEEKDAY;
    }
}

/* Clocks.  People live by legal time: from the last Sunday of March to the
 * last Sunday of October, French clocks are an hour ahead of standard time
 * (summer time, 01:00 UTC to 01:00 UTC, Directive 2000/84/EC).  The tables
 * below are in legal time, as their sources are (RTE and BDEW publish legal
 * time); the model's hours are standard time (MODEL.md §1).  So in summer
 * time hour i of the year takes the tables' hour i + 1: the day's habits
 * come an hour earlier in standard time.  In the typical year (1 January a
 * Monday) summer time runs from 25 March 02:00 to 28 October 02:00 standard
 * time (days 83 to 300). */
#define SUMMER_FROM (83 * 24 + 2)
#define SUMMER_TO (300 * 24 + 2)

/* The hour of the year, in legal time, of standard hour i (the last hour of
 * summer time on 31 December cannot happen; the year wraps anyway). */
int au_legal_hour(int i)
{
    return i >= SUMMER_FROM && i < SUMMER_TO ? i + 1 : i;
}

/* ---- the tables ---- */

static const double ones_day[24] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
static const double ones_month[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

/* Residential specific electricity: BDEW H25 (households, 2025; measured on
 * German households in 2018 and 2019; dynamic).  kWh per hour for 1 GWh a
 * year, before dynamisation.  Night minimum at 03:00, a morning peak at 07:00
 * on weekdays (late morning on weekends), the evening peak at 19:00 the
 * highest.  Monthly: the month's energy in H25 times the mean over the
 * month's days d (1..365) of BDEW's dynamisation factor
 * -3.92e-10 d^4 + 3.2e-7 d^3 - 7.02e-5 d^2 + 2.1e-3 d + 1.24
 * (about 1.24 in January, 0.77 in July: lighting and time spent indoors). */
static const double res_day[DT_N][24] = {
    {   /* weekday */
        80.515, 69.637, 65.690, 65.236, 68.477, 78.699, 99.286, 106.122,
        100.478, 98.068, 98.577, 107.659, 112.288, 110.039, 106.774, 109.227,
        120.397, 142.817, 163.712, 169.824, 161.745, 147.702, 129.700, 103.023,
    },
    {   /* Saturday */
        88.517, 75.438, 69.449, 67.441, 67.851, 70.276, 82.332, 105.166,
        127.444, 139.526, 147.322, 158.476, 156.806, 148.650, 144.001, 142.500,
        146.334, 159.424, 170.377, 168.192, 157.689, 145.904, 133.603, 112.314,
    },
    {   /* Sunday and holiday */
        92.103, 78.950, 72.173, 69.139, 68.265, 70.175, 79.012, 99.416,
        127.630, 149.585, 165.751, 183.817, 176.375, 159.080, 148.014, 142.836,
        145.501, 162.349, 175.761, 174.435, 163.069, 147.515, 128.523, 102.007,
    },
};
static const double res_month[12] = {1.1898, 1.1495, 1.0396, 0.9919, 0.9082, 0.8702,
                                     0.8756, 0.8659, 0.8901, 0.9835, 1.0743, 1.1701};

/* Tertiary: BDEW G25 (commerce and services in general, 2025; measured in
 * 2022 and 2023; static).  kWh per hour for 1 GWh a year.  Working hours
 * 08:00-17:00 on weekdays (peak 242 at 10:00 against 53 at night), a short
 * Saturday morning, Sundays near the night level all day.  Monthly: the
 * month's energy in G25 (more in winter: lighting, auxiliaries of heating). */
static const double ter_day[DT_N][24] = {
    {   /* weekday */
        55.128, 53.811, 53.349, 54.469, 58.736, 71.555, 101.488, 157.481,
        209.114, 230.050, 242.708, 241.582, 222.745, 207.890, 205.167, 195.843,
        178.832, 157.674, 124.743, 98.066, 83.230, 73.332, 64.624, 59.136,
    },
    {   /* Saturday */
        55.902, 54.444, 53.351, 53.769, 56.002, 63.194, 70.150, 78.470,
        95.268, 117.171, 128.856, 129.674, 121.156, 108.377, 98.477, 94.674,
        90.639, 90.129, 84.411, 79.171, 72.737, 67.300, 61.510, 57.652,
    },
    {   /* Sunday and holiday */
        54.442, 52.945, 52.116, 51.958, 52.666, 54.424, 57.476, 60.718,
        64.097, 67.541, 71.828, 74.239, 74.034, 72.426, 70.812, 71.264,
        73.285, 75.280, 74.303, 71.864, 68.264, 63.565, 58.451, 54.497,
    },
};
static const double ter_month[12] = {1.1026, 1.0908, 1.0599, 0.9922, 0.9391, 0.9406,
                                     0.8910, 0.9074, 0.9338, 0.9663, 1.0959, 1.0880};

/* French specific electricity, calibrated on the national load of 2019
 * (MODEL.md §4): RTE's hourly consumption (the series of
 * ../shared/data/load/france_load_2019_rte.csv) less its network losses,
 * water heaters and thermosensitive part, as decomposed by Mines Paris's
 * Energy-Alternatives-Planning project (Conso_NTS_2019.csv, commit
 * d6e04ca: a regression on the national temperature, heating below 15 °C,
 * cooling above 20 °C, the rest split among RTE's usage profiles), grouped
 * into buildings (its "Autres usages", "Climatisation et ventilation",
 * "Cuisson", "Eclairage") and industry ("Industrie hors metallurgie",
 * "Metallurgie", "Energie"), and cut into daily factors by day type,
 * monthly factors as the BDEW tables above, and, for each month, a
 * correction of its hours (the evening rise follows the sunset): printed by
 * `autonomy-calibrate-load Conso_NTS_2019.csv` (sim/tools/calibrate_load.c).
 * Hours of French legal time, as RTE publishes them (see au_shape_fill).
 *
 * Buildings (homes and services together: the national load does not tell
 * them apart): a night at 0.7 of the mean, the working day at 1.2-1.27 from
 * 09:00 to 15:00, a second rise at 19:00, Sundays at 0.89 of a weekday,
 * 4 % more in winter (lighting) and 7 % less in August. */
static const double bld_day[DT_N][24] = {
    {   /* weekday */
        0.8415, 0.7242, 0.7412, 0.7246, 0.6992, 0.7109, 0.8098, 1.0170,
        1.1384, 1.2188, 1.2695, 1.2705, 1.2480, 1.2744, 1.2535, 1.2100,
        1.1655, 1.1279, 1.1474, 1.2012, 1.1579, 1.0437, 0.8763, 0.9159,
    },
    {   /* Saturday */
        0.8475, 0.7164, 0.7309, 0.7226, 0.7007, 0.6834, 0.7019, 0.8275,
        0.9324, 1.0448, 1.1251, 1.1455, 1.1465, 1.1881, 1.1416, 1.0968,
        1.0529, 1.0186, 1.0443, 1.0990, 1.0791, 0.9919, 0.8384, 0.8847,
    },
    {   /* Sunday and holiday */
        0.8456, 0.7303, 0.7432, 0.7234, 0.6891, 0.6612, 0.6640, 0.7660,
        0.8495, 0.9584, 1.0587, 1.0899, 1.0924, 1.1312, 1.0738, 1.0239,
        0.9809, 0.9516, 0.9912, 1.0673, 1.0734, 0.9914, 0.8255, 0.8698,
    },
};
static const double bld_month[12] = {1.0376, 1.0418, 1.0091, 0.9986, 0.9986, 0.9681,
                                     0.9471, 0.9288, 0.9891, 1.0346, 1.0307, 1.0196};
static const double bld_hour_month[12][24] = {
    {0.9911, 0.9975, 1.0062, 1.0045, 1.0014, 1.0014, 1.0062, 0.9954,
     0.9806, 0.9707, 0.9734, 0.9754, 0.9763, 0.9807, 0.9811, 0.9842,
     0.9903, 1.0027, 1.0142, 1.0227, 1.0289, 1.0177, 0.9907, 1.0310},
    {0.9829, 0.9925, 1.0027, 1.0085, 1.0102, 1.0155, 1.0258, 1.0191,
     0.9993, 0.9953, 0.9842, 0.9798, 0.9823, 0.9896, 0.9907, 0.9926,
     1.0016, 0.9903, 0.9754, 1.0208, 1.0222, 1.0041, 0.9771, 0.9967},
    {1.0005, 1.0071, 1.0156, 1.0177, 1.0167, 1.0174, 1.0257, 1.0100,
     0.9947, 0.9908, 0.9878, 0.9877, 0.9895, 0.9951, 0.9957, 0.9960,
     1.0017, 0.9956, 0.9795, 0.9965, 1.0358, 1.0161, 0.9851, 0.9869},
    {0.9980, 0.9991, 0.9986, 1.0008, 0.9971, 0.9970, 1.0046, 0.9959,
     1.0019, 1.0125, 1.0159, 1.0140, 1.0091, 1.0062, 1.0071, 1.0056,
     1.0025, 0.9954, 0.9795, 0.9697, 0.9660, 0.9865, 0.9951, 0.9965},
    {1.0024, 0.9981, 0.9928, 0.9919, 0.9916, 0.9916, 0.9892, 1.0036,
     1.0194, 1.0238, 1.0223, 1.0224, 1.0216, 1.0181, 1.0226, 1.0212,
     1.0178, 1.0134, 1.0036, 0.9905, 0.9725, 0.9738, 0.9995, 0.9858},
    {1.0222, 1.0150, 1.0023, 0.9999, 1.0007, 0.9965, 0.9770, 0.9884,
     1.0086, 1.0190, 1.0226, 1.0189, 1.0189, 1.0173, 1.0186, 1.0198,
     1.0147, 1.0071, 0.9994, 0.9875, 0.9700, 0.9790, 1.0098, 1.0026},
    {1.0236, 1.0174, 1.0073, 1.0074, 1.0135, 1.0107, 0.9902, 0.9731,
     0.9834, 0.9933, 0.9985, 0.9928, 0.9962, 0.9966, 0.9947, 0.9967,
     0.9900, 0.9780, 0.9709, 0.9649, 0.9583, 0.9800, 1.0274, 1.0109},
    {1.0185, 1.0110, 1.0040, 1.0040, 1.0064, 1.0040, 0.9951, 0.9861,
     0.9946, 1.0056, 1.0099, 1.0104, 1.0092, 1.0071, 1.0032, 1.0035,
     0.9955, 0.9889, 0.9876, 0.9822, 0.9773, 1.0075, 1.0461, 1.0149},
    {0.9967, 0.9925, 0.9900, 0.9899, 0.9894, 0.9863, 0.9846, 1.0090,
     1.0060, 1.0096, 1.0092, 1.0117, 1.0079, 0.9983, 0.9976, 0.9966,
     0.9929, 0.9935, 0.9945, 0.9917, 1.0014, 1.0159, 1.0112, 0.9772},
    {0.9829, 0.9839, 0.9833, 0.9794, 0.9778, 0.9753, 0.9737, 0.9823,
     0.9897, 0.9840, 0.9910, 1.0010, 1.0051, 1.0002, 0.9977, 0.9939,
     0.9923, 0.9949, 1.0060, 1.0185, 1.0247, 1.0057, 0.9888, 0.9869},
    {0.9778, 0.9757, 0.9781, 0.9783, 0.9795, 0.9884, 1.0121, 1.0353,
     1.0290, 1.0151, 1.0043, 1.0007, 0.9990, 0.9980, 1.0011, 1.0016,
     1.0094, 1.0254, 1.0461, 1.0359, 1.0269, 1.0081, 0.9881, 1.0107},
    {1.0016, 1.0088, 1.0182, 1.0176, 1.0156, 1.0165, 1.0177, 1.0046,
     0.9941, 0.9817, 0.9809, 0.9847, 0.9843, 0.9925, 0.9897, 0.9884,
     0.9921, 1.0146, 1.0415, 1.0207, 1.0172, 1.0058, 0.9789, 0.9993},
};

/* Industry (and the energy sector): nearly flat, night and day, weekdays and
 * weekends (Sundays at 0.91 of a weekday): continuous processes; 3 % more
 * from May to October. */
static const double ind_day[DT_N][24] = {
    {   /* weekday */
        1.0938, 1.0236, 1.0284, 1.0298, 1.0137, 0.9828, 0.9363, 0.9382,
        0.9758, 1.0149, 1.0358, 1.0300, 1.0467, 1.0853, 1.0734, 1.0789,
        1.0720, 1.0237, 0.9659, 1.0116, 1.0831, 1.0777, 0.9921, 1.0903,
    },
    {   /* Saturday */
        1.0800, 1.0258, 1.0267, 1.0059, 0.9729, 0.9547, 0.9535, 0.9474,
        0.9397, 0.9582, 0.9784, 0.9545, 0.9366, 1.0010, 0.9880, 0.9872,
        0.9764, 0.9276, 0.8723, 0.9036, 0.9730, 0.9765, 0.8884, 0.9558,
    },
    {   /* Sunday and holiday */
        0.9749, 0.9129, 0.9252, 0.9224, 0.9018, 0.8912, 0.8892, 0.8807,
        0.8709, 0.8844, 0.8940, 0.8848, 0.8821, 0.9623, 0.9454, 0.9452,
        0.9358, 0.8891, 0.8308, 0.8566, 0.9300, 0.9483, 0.8845, 0.9926,
    },
};
static const double ind_month[12] = {0.9734, 0.9846, 0.9774, 0.9983, 1.0307, 1.0252,
                                     1.0117, 0.9854, 1.0210, 1.0330, 0.9961, 0.9629};
static const double ind_hour_month[12][24] = {
    {1.0252, 1.0266, 1.0157, 1.0079, 1.0011, 0.9876, 0.9635, 0.9637,
     0.9812, 0.9938, 0.9963, 0.9982, 1.0024, 1.0029, 0.9989, 0.9906,
     0.9861, 0.9657, 0.9410, 0.9518, 0.9769, 0.9945, 1.0338, 1.0925},
    {1.0051, 1.0102, 1.0045, 1.0057, 1.0051, 1.0020, 0.9933, 0.9985,
     1.0061, 1.0190, 1.0051, 0.9994, 1.0035, 1.0090, 1.0074, 0.9997,
     0.9991, 0.9598, 0.9150, 0.9580, 0.9752, 0.9820, 1.0119, 1.0461},
    {1.0105, 1.0144, 1.0143, 1.0137, 1.0114, 1.0084, 1.0084, 1.0008,
     1.0006, 1.0051, 0.9995, 0.9981, 1.0002, 1.0055, 1.0050, 1.0000,
     0.9998, 0.9774, 0.9440, 0.9598, 1.0064, 1.0006, 1.0023, 1.0117},
    {0.9981, 0.9995, 0.9989, 1.0014, 0.9980, 0.9975, 1.0037, 0.9946,
     1.0008, 1.0121, 1.0162, 1.0146, 1.0100, 1.0066, 1.0074, 1.0058,
     1.0028, 0.9959, 0.9803, 0.9712, 0.9680, 0.9883, 0.9969, 0.9965},
    {0.9982, 0.9963, 0.9993, 1.0009, 1.0010, 1.0012, 0.9997, 1.0038,
     1.0063, 1.0050, 1.0092, 1.0118, 1.0124, 1.0079, 1.0120, 1.0157,
     1.0177, 1.0302, 1.0408, 1.0301, 1.0045, 0.9911, 0.9834, 0.9611},
    {0.9965, 0.9936, 0.9971, 0.9989, 1.0025, 1.0086, 1.0118, 1.0135,
     1.0060, 0.9979, 1.0022, 0.9992, 0.9966, 0.9977, 1.0026, 1.0137,
     1.0185, 1.0387, 1.0612, 1.0480, 1.0138, 0.9984, 0.9739, 0.9526},
    {0.9882, 0.9876, 0.9967, 1.0026, 1.0120, 1.0234, 1.0341, 1.0063,
     0.9842, 0.9712, 0.9751, 0.9690, 0.9684, 0.9725, 0.9752, 0.9880,
     0.9917, 1.0117, 1.0382, 1.0289, 1.0037, 0.9988, 0.9834, 0.9514},
    {0.9915, 0.9879, 0.9968, 1.0014, 1.0061, 1.0135, 1.0269, 1.0076,
     0.9892, 0.9822, 0.9877, 0.9885, 0.9848, 0.9857, 0.9851, 0.9950,
     0.9965, 1.0170, 1.0463, 1.0403, 1.0194, 1.0254, 1.0068, 0.9615},
    {0.9774, 0.9762, 0.9834, 0.9861, 0.9880, 0.9938, 1.0114, 1.0328,
     1.0117, 1.0020, 0.9999, 1.0016, 0.9950, 0.9883, 0.9909, 0.9959,
     0.9977, 1.0143, 1.0317, 1.0264, 1.0262, 1.0264, 0.9900, 0.9484},
    {0.9833, 0.9842, 0.9838, 0.9798, 0.9776, 0.9766, 0.9788, 0.9894,
     0.9957, 0.9883, 0.9938, 1.0033, 1.0064, 1.0020, 0.9998, 0.9959,
     0.9945, 0.9973, 1.0074, 1.0197, 1.0253, 1.0060, 0.9899, 0.9876},
    {0.9996, 0.9951, 0.9880, 0.9852, 0.9845, 0.9840, 0.9869, 1.0119,
     1.0240, 1.0241, 1.0158, 1.0134, 1.0151, 1.0108, 1.0108, 1.0054,
     1.0074, 1.0071, 1.0111, 1.0040, 1.0058, 1.0005, 1.0113, 1.0412},
    {1.0259, 1.0283, 1.0209, 1.0161, 1.0121, 1.0030, 0.9813, 0.9786,
     0.9962, 1.0023, 1.0007, 1.0039, 1.0062, 1.0120, 1.0059, 0.9950,
     0.9892, 0.9829, 0.9775, 0.9593, 0.9731, 0.9868, 1.0167, 1.0518},
};

/* Agriculture: BDEW L25 (farms, 2025, built on the former L0; static).  kWh
 * per hour for 1 GWh a year.  Daytime work with the morning (08:00) and
 * evening (19:00) peaks of livestock farms (milking, cooling of milk, feeding,
 * ventilation), low at night.  Monthly: the month's energy in L25 (more in
 * winter: lighting of stables, heating of young animals). */
static const double agr_day[DT_N][24] = {
    {   /* weekday */
        65.585, 58.609, 56.071, 54.241, 53.572, 58.986, 80.288, 134.586,
        192.526, 182.204, 143.989, 145.275, 130.264, 106.370, 102.513, 102.288,
        105.806, 130.485, 185.156, 205.749, 161.752, 118.317, 97.224, 79.536,
    },
    {   /* Saturday */
        69.177, 64.268, 59.210, 55.549, 54.179, 56.343, 66.917, 115.545,
        179.715, 191.354, 162.079, 159.043, 139.365, 108.418, 92.201, 85.547,
        87.292, 112.458, 166.364, 192.749, 154.478, 111.706, 90.932, 73.668,
    },
    {   /* Sunday and holiday */
        62.683, 58.118, 55.556, 54.131, 53.746, 59.318, 85.483, 141.671,
        198.063, 189.100, 149.644, 151.027, 134.671, 110.260, 104.743, 100.700,
        103.190, 129.111, 182.154, 205.047, 163.231, 119.378, 97.465, 77.193,
    },
};
static const double agr_month[12] = {1.0835, 1.0835, 1.0539, 0.9948, 0.9516, 0.9085,
                                     0.9085, 0.9085, 0.9516, 0.9948, 1.0835, 1.0835};

/* Domestic hot water: When2Heat (Ruhnau, Hirth & Praktiknjo 2019, "Time
 * series of heat demand and heat pump efficiency for energy system
 * modeling", Scientific Data 6:189; repository oruhnau/when2heat).  Share of
 * the day's hot water in each hour: the BGW/BDEW hourly factors of its
 * highest temperature class, which When2Heat uses for water heating
 * (input/bgw_bdew/hourly_factors_SFH.csv and _MFH.csv, column 30), mixed
 * 70 % single-family and 30 % multi-family houses as When2Heat aggregates
 * them.  Draw-offs peak at 06:00-08:00 and 17:00-21:00.  When2Heat has no
 * weekday pattern for homes: the same day for every day type.  Monthly: its
 * daily water-heating function m_w max(T, 15 °C) + b_w + D (daily_demand.csv,
 * "normal" wind: SFH m_w -0.002209, b_w 0.1074468, D 0.0716431; MFH m_w
 * -0.002232, b_w 0.1199207, D 0.0873352; same 70/30 mix), a little higher
 * when it is colder (colder mains water), applied to the monthly mean air
 * temperatures of the built-in typical year (synth_amiens.c: 3.0 ... 4.9 °C)
 * instead of day by day; flat below 15 °C, as in When2Heat. */
static const double hot_water_day[24] = {
    0.01053, 0.01143, 0.01049, 0.01278, 0.02477, 0.05764, 0.07893, 0.07328,
    0.05786, 0.05621, 0.05165, 0.05179, 0.05045, 0.04224, 0.04138, 0.03714,
    0.04137, 0.04746, 0.04700, 0.04921, 0.05170, 0.04593, 0.03145, 0.01734,
};
static const double hot_water_month[12] = {1.0124, 1.0124, 1.0124, 1.0124, 1.0124, 0.9680,
                                           0.9645, 0.9601, 1.0094, 1.0124, 1.0124, 1.0124};

/* Electric vehicles charged on arrival home: the Electric Nation trial (UK,
 * 2017-2019, uncontrolled home charging), as diversified profiles by the
 * University of Melbourne (repository Team-Nando/EV-Demand-Profiles,
 * "Weekday/Weekend - Level 2 - Diversified (Average) of 1,200 EVs": 7.36 kW
 * chargers, near the 7.4 kW wallboxes usual in French homes).  Mean kW per
 * vehicle in each hour, the hourly means of the published 1-minute values.
 * Charging starts as cars come home from 16:00-17:00, peaks at 19:00-21:00 on
 * weekdays (broader and lower at weekends: 14.65 against 15.10 kWh a day per
 * vehicle) and tails off after midnight.  The weekend profile serves
 * Saturdays, Sundays and holidays.  Monthly: estimate, about 1 % more energy
 * per kilometre per kelvin below the annual mean temperature (cabin heating,
 * cold batteries; a round figure within the range of fleet studies), on the
 * typical year's monthly temperatures: +8 % in January, -8 % in August. */
static const double ev_weekday[24] = {
    0.7474, 0.4725, 0.2329, 0.1359, 0.0677, 0.0265, 0.0479, 0.1193,
    0.2512, 0.3874, 0.4184, 0.4346, 0.4731, 0.5069, 0.5807, 0.6210,
    0.7033, 0.9526, 1.2693, 1.4280, 1.4607, 1.4533, 1.2599, 1.0507,
};
static const double ev_weekend[24] = {
    0.6403, 0.4304, 0.2631, 0.1640, 0.1126, 0.0678, 0.0473, 0.0671,
    0.1390, 0.2567, 0.4238, 0.5843, 0.7443, 0.8502, 0.8785, 0.9367,
    1.0665, 1.0831, 1.0517, 1.1001, 1.0769, 0.9686, 0.8935, 0.8061,
};
static const double ev_month[12] = {1.0805, 1.0655, 1.0388, 1.0012, 0.9712, 0.9303,
                                    0.9279, 0.9249, 0.9588, 0.9976, 1.0452, 1.0622};

/* Electric water heaters on off-peak hours ("heures creuses"): most French
 * storage water heaters are switched on by the network's off-peak signal, at
 * night (22:00-06:00 or 23:00-07:00) and for some also around midday (RTE
 * and Enedis; the load the signal moves is about 8 GW).  The hourly profile
 * of the national fleet as derived from RTE data by Mines Paris's
 * Energy-Alternatives-Planning project (P. Dartois, 2022; file
 * Models/Belfort/Conso/Profil_ECS_RTE.csv of github.com/robingirard/
 * Energy-Alternatives-Planning, commit d6e04ca): MW of the national fleet
 * each hour in June and January, here as the share of the day's energy;
 * the ramp at 22:00, the peak at 23:00 (13.6 %) as tanks switch on, the
 * decay through the night as they fill, 8 % around 12:00-14:00.  The same
 * hours every day, a little more energy at weekends (Saturday 74.9,
 * Sunday 76.4, weekdays 71.4 GWh a day in January).  Monthly: the file's
 * temperature dependence, 2.51 % more energy per kelvin below 20 °C (its
 * June level; -1,323.5 MWh/K against 52,724 MWh a day), applied to the
 * typical year's monthly mean temperatures (synth_amiens.c): January 1.4258,
 * July 1.0427 before normalisation. */
static const double offpeak_weekday[24] = {
    0.1088, 0.0996, 0.0702, 0.0404, 0.0310, 0.0359, 0.0446, 0.0235,
    0.0173, 0.0140, 0.0109, 0.0204, 0.0479, 0.0358, 0.0203, 0.0148,
    0.0122, 0.0153, 0.0181, 0.0219, 0.0243, 0.0345, 0.1026, 0.1358,
};
static const double offpeak_saturday[24] = {
#define S(x) ((x) * 74.9 / 71.4)
    S(0.1088), S(0.0996), S(0.0702), S(0.0404), S(0.0310), S(0.0359), S(0.0446), S(0.0235),
    S(0.0173), S(0.0140), S(0.0109), S(0.0204), S(0.0479), S(0.0358), S(0.0203), S(0.0148),
    S(0.0122), S(0.0153), S(0.0181), S(0.0219), S(0.0243), S(0.0345), S(0.1026), S(0.1358),
#undef S
};
static const double offpeak_sunday[24] = {
#define S(x) ((x) * 76.4 / 71.4)
    S(0.1088), S(0.0996), S(0.0702), S(0.0404), S(0.0310), S(0.0359), S(0.0446), S(0.0235),
    S(0.0173), S(0.0140), S(0.0109), S(0.0204), S(0.0479), S(0.0358), S(0.0203), S(0.0148),
    S(0.0122), S(0.0153), S(0.0181), S(0.0219), S(0.0243), S(0.0345), S(0.1026), S(0.1358),
#undef S
};
/* 1 + 0.0251 (20 − T) for T = 3.04, 4.54, 7.21, 10.96, 13.97, 18.06, 18.30,
 * 18.60, 15.21, 11.33, 6.57, 4.87 °C */
static const double offpeak_month[12] = {1.4258, 1.3882, 1.3210, 1.2268, 1.1513, 1.0488,
                                         1.0427, 1.0352, 1.1202, 1.2177, 1.3371, 1.3798};

typedef struct {
    const char *name;
    const double *day[DT_N];    /* 24 factors per day type */
    const double *month;        /* 12 factors */
    const double (*hour_month)[24]; /* per month, a correction of each hour
                                   (NULL: none) */
} shape_def;

static const shape_def shapes[AU_SHAPE_COUNT] = {
    [AU_SHAPE_FLAT] = {"flat", {ones_day, ones_day, ones_day}, ones_month, NULL},
    [AU_SHAPE_RESIDENTIAL] = {"residential", {res_day[0], res_day[1], res_day[2]}, res_month,
                              NULL},
    [AU_SHAPE_TERTIARY] = {"tertiary", {ter_day[0], ter_day[1], ter_day[2]}, ter_month, NULL},
    [AU_SHAPE_INDUSTRY] = {"industry", {ind_day[0], ind_day[1], ind_day[2]}, ind_month,
                           ind_hour_month},
    [AU_SHAPE_AGRICULTURE] = {"agriculture", {agr_day[0], agr_day[1], agr_day[2]}, agr_month,
                              NULL},
    [AU_SHAPE_HOT_WATER] = {"hot-water", {hot_water_day, hot_water_day, hot_water_day},
                            hot_water_month, NULL},
    [AU_SHAPE_EV_EVENING] = {"ev-evening", {ev_weekday, ev_weekend, ev_weekend}, ev_month,
                             NULL},
    [AU_SHAPE_HOT_WATER_OFFPEAK] = {"hot-water-offpeak",
                                    {offpeak_weekday, offpeak_saturday, offpeak_sunday},
                                    offpeak_month, NULL},
    [AU_SHAPE_BUILDINGS] = {"buildings", {bld_day[0], bld_day[1], bld_day[2]}, bld_month,
                            bld_hour_month},
};

const char *au_shape_name(au_shape s)
{
    if ((unsigned)s >= (unsigned)AU_SHAPE_COUNT)
        return NULL;
    return shapes[s].name;
}

void au_shape_fill(au_shape s, double *out)
{
    assert(out != NULL);
    if ((unsigned)s >= (unsigned)AU_SHAPE_COUNT) {
        assert(0 && "au_shape_fill: not a shape");
        s = AU_SHAPE_FLAT;
    }
    const shape_def *sh = &shapes[s];
    double sum = 0.0, comp = 0.0;           /* Neumaier's compensated sum */
    for (int i = 0; i < AU_HOURS; i++) {
        int l = au_legal_hour(i);
        int d = l / 24, h = l % 24;
        int m = au_month_of_day(d);
        double v = sh->day[day_type(d)][h] * sh->month[m];
        if (sh->hour_month != NULL)
            v *= sh->hour_month[m][h];
        out[i] = v;
        double t = sum + v;
        comp += fabs(sum) >= fabs(v) ? (sum - t) + v : (v - t) + sum;
        sum = t;
    }
    sum += comp;
    for (int k = 0; k < AU_HOURS; k++)
        out[k] /= sum;
}
