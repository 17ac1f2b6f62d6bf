/* calibrate_load.c: derives the built-in shapes of French specific
 * electricity from the non-thermosensitive national load of 2019 and prints
 * them as the tables of shapes.c.  The tables there were made by
 *   autonomy-calibrate-load Conso_NTS_2019.csv
 * where Conso_NTS_2019.csv is Models/Belfort/Conso/Conso_NTS_2019.csv of
 * github.com/robingirard/Energy-Alternatives-Planning (Mines Paris, commit
 * d6e04ca): RTE's 2019 hourly national consumption (the series of
 * ../shared/data/load/france_load_2019_rte.csv) less network losses, water
 * heaters and its thermosensitive part (a regression on the national
 * temperature, heating below 15 °C, cooling above 20 °C), split among
 * RTE's usage profiles.  Its hours are French legal time (summer time from
 * 31 March to 27 October), as RTE publishes them.
 *
 * Two groups of its columns: industry ("Industrie hors metallurgie",
 * "Metallurgie", "Energie") and buildings ("Autres usages", "Climatisation
 * et ventilation", "Cuisson", "Eclairage").  For each, as shapes.c builds its
 * shapes: the monthly factor is the month's mean hourly load over the
 * year's; the daily factors of a day type (weekday, Saturday, Sunday or
 * public holiday) and an hour are the mean, over the days of that type, of
 * the hour's load over its month's factor; and what remains, hour by hour in
 * each month, is a correction of the month's hours (the evening rise comes
 * with the sunset, earlier in December than in March).  2019 began on a
 * Tuesday; its
 * public holidays: 1 January, 22 April, 1 and 8 May, 30 May, 10 June,
 * 14 July, 15 August, 1 and 11 November, 25 December.
 * Not installed: a tool for maintainers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAYS 365
#define HOURS (24 * DAYS)

static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/* Day of the year (0-based) of 2019's public holidays. */
static const int holidays[] = {0, 111, 120, 127, 149, 160, 194, 226, 304, 314, 358};

static int day_type(int doy)
{
    for (size_t i = 0; i < sizeof holidays / sizeof holidays[0]; i++)
        if (doy == holidays[i])
            return 2;
    int wd = (doy + 1) % 7;             /* 0 Monday: 1 January 2019 was a Tuesday */
    return wd == 6 ? 2 : wd == 5 ? 1 : 0;
}

static int month_of(int doy)
{
    int m = 0;
    while (doy >= month_days[m]) {
        doy -= month_days[m];
        m++;
    }
    return m;
}

static void print_tables(const char *name, const double *v)
{
    double month[12] = {0}, year = 0, day[3][24] = {{0}};
    int count[12] = {0}, ndays[3] = {0};
    for (int h = 0; h < HOURS; h++) {
        month[month_of(h / 24)] += v[h];
        count[month_of(h / 24)]++;
        year += v[h] / HOURS;
    }
    for (int m = 0; m < 12; m++)
        month[m] = month[m] / count[m] / year;
    for (int d = 0; d < DAYS; d++) {
        int t = day_type(d);
        ndays[t]++;
        for (int k = 0; k < 24; k++)
            day[t][k] += v[24 * d + k] / year / month[month_of(d)];
    }
    /* what the day type and the month leave: the hour's correction in each
     * month (the evening comes with the sunset) */
    double corr[12][24] = {{0}};
    for (int d = 0; d < DAYS; d++) {
        int t = day_type(d), m = month_of(d);
        for (int k = 0; k < 24; k++)
            corr[m][k] += v[24 * d + k] / year / month[m] / (day[t][k] / ndays[t]) /
                          month_days[m];
    }
    static const char *const types[3] = {"weekday", "Saturday", "Sunday and holiday"};
    printf("/* %s */\nstatic const double %s_day[DT_N][24] = {\n", name, name);
    for (int t = 0; t < 3; t++) {
        printf("    {   /* %s */\n", types[t]);
        for (int k = 0; k < 24; k++)
            printf("%s%.4f,%s", k % 8 == 0 ? "        " : " ", day[t][k] / ndays[t],
                   k % 8 == 7 ? "\n" : "");
        printf("    },\n");
    }
    printf("};\nstatic const double %s_month[12] = {", name);
    for (int m = 0; m < 12; m++)
        printf("%s%.4f", m ? ", " : "", month[m]);
    printf("};\nstatic const double %s_hour_month[12][24] = {\n", name);
    for (int m = 0; m < 12; m++) {
        printf("    {");
        for (int k = 0; k < 24; k++)
            printf("%s%.4f%s", k == 0 ? "" : k % 8 == 0 ? "\n     " : " ", corr[m][k],
                   k < 23 ? "," : "");
        printf("},\n");
    }
    printf("};\n");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "Usage: %s Conso_NTS_2019.csv\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    static const char *const industry[] = {"Industrie hors metallurgie", "Metallurgie",
                                           "Energie"};
    static const char *const buildings[] = {"Autres usages", "Climatisation et ventilation",
                                            "Cuisson", "Eclairage"};
    char line[4096];
    int group[16], ncol = 0, rc = 2;
    double *ind = calloc(HOURS, sizeof *ind), *bld = calloc(HOURS, sizeof *bld);
    if (ind == NULL || bld == NULL || fgets(line, sizeof line, f) == NULL)
        goto out;
    for (char *tok = strtok(line, ";\r\n"); tok != NULL && ncol < 16; tok = strtok(NULL, ";\r\n")) {
        group[ncol] = -1;
        for (size_t i = 0; i < 3; i++)
            if (strcmp(tok, industry[i]) == 0)
                group[ncol] = 0;
        for (size_t i = 0; i < 4; i++)
            if (strcmp(tok, buildings[i]) == 0)
                group[ncol] = 1;
        ncol++;
    }
    int h = 0;
    while (h < HOURS && fgets(line, sizeof line, f) != NULL) {
        int c = 0;
        for (char *tok = strtok(line, ";\r\n"); tok != NULL && c < ncol;
             tok = strtok(NULL, ";\r\n"), c++) {
            if (group[c] == 0)
                ind[h] += strtod(tok, NULL);
            else if (group[c] == 1)
                bld[h] += strtod(tok, NULL);
        }
        h++;
    }
    if (h != HOURS) {
        fprintf(stderr, "%s: %d rows (expected %d)\n", argv[1], h, HOURS);
        goto out;
    }
    print_tables("buildings", bld);
    print_tables("industry", ind);
    rc = 0;
out:
    fclose(f);
    free(ind);
    free(bld);
    return rc;
}
