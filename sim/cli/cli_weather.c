/* cli_weather.c: `autonomy weather`, for planners to inspect a weather
 * source: monthly tables of temperature, irradiation, PV yield per kWp,
 * wind capacity factor and heating degree-days, and optionally the 8760
 * hours as CSV. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "autonomy/autonomy.h"
#include "autonomy/heat.h"
#include "autonomy/profiles.h"
#include "autonomy/pv.h"
#include "autonomy/results.h"
#include "autonomy/solar.h"
#include "autonomy/synth.h"
#include "autonomy/wind.h"
#include "cli.h"

#define MAX_PV 16

/* The built-in place: Amiens (AMIENS.md: 49.894 N, 2.302 E, about 30 m,
 * local standard time UTC+1), and the default seed of its synthetic weather
 * (any number would do; 2014 is the year the city set its goal). */
#define AMIENS_LAT 49.894
#define AMIENS_LON 2.302
#define AMIENS_ELEV_M 30.0
#define AMIENS_UTC 1.0
#define DEFAULT_SEED 2014UL

const char au_cli_weather_help[] =
    "Usage: autonomy weather [--scenario FILE | --file WEATHER [--format F]\n"
    "                        [--utc-offset H]] [--sample N] [--seed S] [--year Y]\n"
    "                        [--pv TILT,AZIMUTH]... [--csv OUT]\n"
    "\n"
    "Shows what a weather source holds, month by month: mean temperature, global\n"
    "horizontal irradiation, the yield of PV arrays, the capacity factor of a\n"
    "generic wind turbine, and heating degree-days.  With --csv, also writes the\n"
    "8760 hours of the year (local standard time, hour 0 = 1 January 00:00-01:00).\n"
    "\n"
    "Source (one of; default: the built-in synthetic weather of Amiens):\n"
    "  --scenario FILE     the weather of a scenario, at its territory\n"
    "  --file WEATHER      a weather file, at the place it names\n"
    "  --format F          epw, pvgis-epw, pvgis-csv or csv (default: from the\n"
    "                      file: .epw is epw, or pvgis-epw when it declares an\n"
    "                      Irradiance Time Offset; .csv is pvgis-csv when it\n"
    "                      starts with PVGIS's Latitude line, csv otherwise)\n"
    "  --utc-offset H      the time zone wanted, in hours (default: the file's own\n"
    "                      for EPW and plain CSV, the zone of its longitude,\n"
    "                      round(lon / 15), for PVGIS's UTC rows, the territory's\n"
    "                      with --scenario)\n"
    "  --sample N          synthetic weather: 0 the typical year (default),\n"
    "                      1, 2, ... stochastic years\n"
    "  --seed S            synthetic weather: the seed (default: the scenario's,\n"
    "                      or 2014)\n"
    "  --year Y            with --scenario: the weather of year Y under the\n"
    "                      scenario's climate trend (<climate>; docs/weather.md),\n"
    "                      as its pathway runs it\n"
    "\n"
    "Output:\n"
    "  --pv TILT,AZIMUTH   a PV array (degrees; azimuth clockwise from north, 180 =\n"
    "                      south), with docs/model.md's default losses; repeatable\n"
    "                      (default: one array at 35,180)\n"
    "  --csv OUT           write the hours to OUT: time (ISO 8601 with the zone),\n"
    "                      hour, month, day, hour_of_day, ghi_w_m2, dni_w_m2,\n"
    "                      dhi_w_m2, temp_c, wind10_m_s, sun_zenith_deg,\n"
    "                      sun_azimuth_deg, one column pv_t<TILT>_a<AZIMUTH>_w_per_kwp\n"
    "                      (AC watts per kW DC) per array, then the place and\n"
    "                      irradiance instant; the column line first, no comments,\n"
    "                      so that a spreadsheet reads it and --file OUT reads it\n"
    "                      back exactly\n"
    "\n"
    "The wind column is a generic turbine (hub 100 m, 1/7 power law, cut-in 3,\n"
    "rated 12, cut-out 25 m/s, no losses) on the 10 m wind as it is: station wind\n"
    "is sheltered, which is why scenarios may calibrate their fleets to a target\n"
    "capacity factor.  Degree-days: base 15 C on the temperature smoothed by\n"
    "building inertia (see docs/physics.md).\n"
    "\n"
    "Examples:\n"
    "  autonomy weather\n"
    "  autonomy weather --sample 3 --pv 35,180 --pv 90,90 --csv year3.csv\n"
    "  autonomy weather --file uccle.epw --pv 30,180\n"
    "  autonomy weather --scenario scenarios/amiens-baseline.xml\n"
    "  autonomy weather --scenario my-warming.xml --year 2050\n"
    "\n"
    "Exit status: 0 success, 1 the CSV could not be written, 2 bad input or usage.\n";

typedef struct pv_arg {
    double tilt, azimuth;
} pv_arg;

static int parse_pv(const char *s, pv_arg *pv)
{
    char *end;
    errno = 0;
    pv->tilt = strtod(s, &end);
    if (end == s || *end != ',')
        return -1;
    const char *b = end + 1;
    pv->azimuth = strtod(b, &end);
    if (end == b || *end != '\0' || errno != 0)
        return -1;
    if (!(pv->tilt >= 0 && pv->tilt <= 90) || !(pv->azimuth >= 0 && pv->azimuth <= 360))
        return -1;
    return 0;
}

static const char *num(char buf[40], double v)
{
    return au_csv_num(buf, v);
}

static void put_num(FILE *f, double v)
{
    char buf[40];
    fputs(au_csv_num(buf, v), f);
}

static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
static const char *const mnames[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

typedef struct view {
    au_weather *w;
    au_sunpath *sun;
    double *pv;         /* n_pv × AU_HOURS, kW per kWp */
    double wind_cf[AU_HOURS];
    double dh[AU_HOURS];
    size_t n_pv;
    pv_arg pvs[MAX_PV];
    char source[512];
} view;

static void print_tables(const view *v)
{
    double t[13] = {0}, g[13] = {0}, wd[13] = {0}, cf[13] = {0}, hdd[13] = {0};
    double pv[MAX_PV][13] = {{0}};
    int hours[13] = {0};
    for (int h = 0, d = 0, m = 0; h < AU_HOURS; h++) {
        if (h > 0 && h % 24 == 0 && ++d == mdays[m]) {
            d = 0;
            m++;
        }
        for (int k = 0; k < 2; k++) {
            int i = k ? 12 : m;
            t[i] += v->w->temp_c[h];
            g[i] += v->w->ghi_w_m2[h] / 1000.0;
            wd[i] += v->w->wind10_m_s[h];
            cf[i] += v->wind_cf[h];
            hdd[i] += v->dh[h] / 24.0;
            for (size_t p = 0; p < v->n_pv; p++)
                pv[p][i] += v->pv[p * AU_HOURS + h];
            hours[i]++;
        }
    }
    printf("%s\n", v->source);
    printf("Place: %.3f N, %.3f E; local standard time UTC%+g\n", v->sun->latitude_deg,
           v->sun->longitude_deg, v->sun->utc_offset_h);
    static const char *const basis[] = {
        [AU_IRR_TIME_CONVENTION] = "the format's convention",
        [AU_IRR_TIME_DECLARED] = "as the file declares",
        [AU_IRR_TIME_COMPONENTS] = "where its GHI, DNI and DHI agree; the format says 0.5"};
    printf("Irradiance of each hour placed %.2f h after its start (%s)\n\n",
           v->w->irradiance_time_h, basis[v->w->irradiance_time_basis]);
    printf("month  temp_c  ghi_kwh_m2  wind10_m_s  wind_cf  hdd_k_day");
    for (size_t p = 0; p < v->n_pv; p++) {
        char col[64];
        snprintf(col, sizeof col, "pv_%g_%g_kwh_per_kwp", v->pvs[p].tilt, v->pvs[p].azimuth);
        printf("  %s", col);
    }
    printf("\n");
    for (int i = 0; i < 13; i++) {
        printf("%-5s  %6.2f  %10.1f  %10.2f  %7.3f  %9.1f", i < 12 ? mnames[i] : "year",
               t[i] / hours[i], g[i], wd[i] / hours[i], cf[i] / hours[i], hdd[i]);
        for (size_t p = 0; p < v->n_pv; p++) {
            char col[64];
            int width = snprintf(col, sizeof col, "pv_%g_%g_kwh_per_kwp", v->pvs[p].tilt,
                                 v->pvs[p].azimuth);
            printf("  %*.1f", width, pv[p][i]);
        }
        printf("\n");
    }
}

/* The hourly table: its column line first, no comments (what it came from
 * goes to standard error); each hour's start in ISO 8601 with the zone of
 * its standard time, in the model's reference year; the place and the
 * irradiance instant as columns, the same on every row, so that the file
 * reads back as it was and a spreadsheet or csv module reads it as is. */
static int csv_rows(FILE *f, const void *ctx)
{
    const view *v = ctx;
    const au_weather *w = v->w;
    int elev = isfinite(w->elevation_m);
    fputs("time,hour,month,day,hour_of_day,ghi_w_m2,dni_w_m2,dhi_w_m2,temp_c,wind10_m_s,"
          "sun_zenith_deg,sun_azimuth_deg",
          f);
    for (size_t p = 0; p < v->n_pv; p++)
        fprintf(f, ",pv_t%g_a%g_w_per_kwp", v->pvs[p].tilt, v->pvs[p].azimuth);
    fprintf(f, ",latitude_deg,longitude_deg%s,irradiance_time_h\n", elev ? ",elevation_m" : "");
    char lat[40], lon[40], el[40], tirr[40], zone[16];
    num(lat, v->sun->latitude_deg), num(lon, v->sun->longitude_deg);
    num(el, w->elevation_m), num(tirr, w->irradiance_time_h);
    int zm = (int)lround(w->utc_offset_h * 60);
    snprintf(zone, sizeof zone, "%c%02d:%02d", zm < 0 ? '-' : '+', abs(zm) / 60, abs(zm) % 60);
    for (int h = 0, d = 0, m = 0; h < AU_HOURS; h++) {
        if (h > 0 && h % 24 == 0 && ++d == mdays[m]) {
            d = 0;
            m++;
        }
        fprintf(f, "%d-%02d-%02dT%02d:00%s,%d,%d,%d,%d,", AU_SUN_REFERENCE_YEAR, m + 1, d + 1,
                h % 24, zone, h, m + 1, d + 1, h % 24);
        const double vals[] = {w->ghi_w_m2[h], w->dni_w_m2[h], w->dhi_w_m2[h], w->temp_c[h],
                               w->wind10_m_s[h], v->sun->hour[h].zenith_deg,
                               v->sun->hour[h].azimuth_deg};
        for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
            if (i)
                fputc(',', f);
            put_num(f, isnan(vals[i]) ? 0.0 : vals[i]);
        }
        for (size_t p = 0; p < v->n_pv; p++) {
            fputc(',', f);
            put_num(f, 1000.0 * v->pv[p * AU_HOURS + h]);
        }
        fprintf(f, ",%s,%s%s%s,%s\n", lat, lon, elev ? "," : "", elev ? el : "", tirr);
    }
    return 0;
}

static au_status write_csv(const view *v, const char *out)
{
    char why[256];
    if (au_write_atomic(out, csv_rows, v, why, sizeof why) != 0) {
        fprintf(stderr, "autonomy weather: cannot write %s: %s (expected a writable folder; "
                        "nothing was written)\n", out, why);
        return AU_EIO;
    }
    fprintf(stderr, "autonomy weather: wrote %s (%d hours of %s)\n", out, AU_HOURS, v->source);
    return AU_OK;
}

/* ---- the command, step by step ---- */

typedef struct weather_cmd {
    const char *scenario, *file, *format, *csv;     /* the options */
    double utc;                                     /* --utc-offset, or NAN */
    long sample;
    long year;                                      /* --year, or 0 */
    unsigned long seed;
    int seed_given, help;
    view *v;
    au_scenario *s;                                 /* --scenario, once loaded */
    au_diags d;
} weather_cmd;

static au_status oom(void)
{
    fputs("autonomy weather: out of memory\n", stderr);
    return AU_ENOMEM;
}

/* --utc-offset, --sample, --seed or --pv (option c) with the value optarg. */
static au_status value_option(weather_cmd *k, int c)
{
    char *end;
    errno = 0;
    if (c == 'u') {
        k->utc = strtod(optarg, &end);
        if (end == optarg || *end != '\0' || !(fabs(k->utc) <= 14) || k->utc != floor(k->utc)) {
            fprintf(stderr, "autonomy weather: --utc-offset '%s' (expected a whole number of "
                            "hours from -12 to 14)\n", optarg);
            return AU_EUSAGE;
        }
    } else if (c == 'n') {
        k->sample = strtol(optarg, &end, 10);
        if (end == optarg || *end != '\0' || errno != 0 || k->sample < 0 ||
            k->sample > 1000000) {
            fprintf(stderr, "autonomy weather: --sample '%s' (expected 0, 1, 2, ...)\n", optarg);
            return AU_EUSAGE;
        }
    } else if (c == 'y') {
        k->year = strtol(optarg, &end, 10);
        if (end == optarg || *end != '\0' || errno != 0 || k->year < 1000 || k->year > 9999) {
            fprintf(stderr, "autonomy weather: --year '%s' (expected a year such as 2050)\n",
                    optarg);
            return AU_EUSAGE;
        }
    } else if (c == 'S') {
        k->seed = strtoul(optarg, &end, 10);
        if (end == optarg || *end != '\0' || errno != 0 || optarg[0] == '-') {
            fprintf(stderr, "autonomy weather: --seed '%s' (expected a whole number)\n", optarg);
            return AU_EUSAGE;
        }
        k->seed_given = 1;
    } else if (k->v->n_pv == MAX_PV) {
        fprintf(stderr, "autonomy weather: too many --pv (expected at most %d)\n", MAX_PV);
        return AU_EUSAGE;
    } else if (parse_pv(optarg, &k->v->pvs[k->v->n_pv]) != 0) {
        fprintf(stderr, "autonomy weather: --pv '%s' (expected TILT,AZIMUTH in degrees, "
                        "tilt 0-90 and azimuth 0-360, such as 35,180)\n", optarg);
        return AU_EUSAGE;
    } else {
        k->v->n_pv++;
    }
    return AU_OK;
}

/* The options, and that they go together; --help prints the help and sets
 * k->help. */
static au_status parse_options(weather_cmd *k, int argc, char **argv)
{
    static const struct option opts[] = {
        {"scenario", required_argument, NULL, 's'}, {"file", required_argument, NULL, 'f'},
        {"format", required_argument, NULL, 'F'},   {"utc-offset", required_argument, NULL, 'u'},
        {"sample", required_argument, NULL, 'n'},   {"seed", required_argument, NULL, 'S'},
        {"pv", required_argument, NULL, 'p'},       {"csv", required_argument, NULL, 'c'},
        {"year", required_argument, NULL, 'y'},
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0},
    };
    int c;
    au_status st = AU_OK;
    optind = 1;
    while (st == AU_OK && (c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        switch (c) {
        case 's': k->scenario = optarg; break;
        case 'f': k->file = optarg; break;
        case 'F': k->format = optarg; break;
        case 'c':
            k->csv = optarg;
            if (au_cli_empty("weather", "--csv", optarg, "a file's name"))
                return AU_EUSAGE;
            break;
        case 'u':
        case 'n':
        case 'S':
        case 'y':
        case 'p': st = value_option(k, c); break;
        case 'h':
            fputs(au_cli_weather_help, stdout);
            k->help = 1;
            return AU_OK;
        default:
            fputs("Try 'autonomy weather --help'.\n", stderr);
            return AU_EUSAGE;
        }
    }
    if (st != AU_OK)
        return st;
    if (optind < argc) {
        fprintf(stderr, "autonomy weather: unexpected argument '%s' (expected options only)\n"
                        "Try 'autonomy weather --help'.\n", argv[optind]);
        return AU_EUSAGE;
    }
    if (k->scenario != NULL && (k->file != NULL || k->format != NULL || !isnan(k->utc))) {
        fputs("autonomy weather: --scenario takes its weather from the scenario (expected "
              "either --scenario or --file, --format, --utc-offset)\n", stderr);
        return AU_EUSAGE;
    }
    if (k->year != 0 && k->scenario == NULL) {
        fputs("autonomy weather: --year goes with --scenario (expected a scenario whose "
              "<climate> says how each year's weather changes)\n", stderr);
        return AU_EUSAGE;
    }
    if (k->format != NULL && k->file == NULL) {
        fputs("autonomy weather: --format goes with --file\n", stderr);
        return AU_EUSAGE;
    }
    return AU_OK;
}

/* The weather of --scenario: its file, or its synthetic sample. */
static au_status load_scenario(weather_cmd *k)
{
    view *v = k->v;
    au_status st = au_scenario_load(k->scenario, &k->s, &k->d);
    if (st != AU_OK)
        return au_cli_input_status(st);
    if (k->seed_given)
        k->s->weather.seed = k->seed;
    au_wsample *ws = NULL;
    if ((st = au_wsample_load(k->s, (int)k->sample, &ws, &k->d)) != AU_OK)
        return au_cli_input_status(st);
    if (k->year != 0 && (k->year < k->s->year_start || k->year > k->s->year_end)) {
        fprintf(stderr, "autonomy weather: --year %ld is outside the horizon %d-%d of %s\n",
                k->year, k->s->year_start, k->s->year_end, k->scenario);
        au_wsample_free(ws);
        return AU_EUSAGE;
    }
    if (k->year != 0 && k->s->climate.present) {
        au_wsample *m = NULL;
        st = au_wsample_morph(ws, k->s, (int)k->year, &m, &k->d);
        au_wsample_free(ws);
        if (st != AU_OK)
            return st;
        ws = m;
    }
    *v->w = ws->weather;
    *v->sun = ws->sun;
    au_wsample_free(ws);
    if (k->s->weather.file != NULL)
        snprintf(v->source, sizeof v->source, "Weather of scenario '%s': file %s", k->s->name,
                 k->s->weather.file);
    else
        snprintf(v->source, sizeof v->source,
                 "Weather of scenario '%s': synthetic, %s, sample %ld%s, seed %lu", k->s->name,
                 au_synth_amiens()->name, k->sample, k->sample == 0 ? " (typical year)" : "",
                 k->s->weather.seed);
    if (k->year != 0) {
        size_t len = strlen(v->source);
        if (k->s->climate.present)
            snprintf(v->source + len, sizeof v->source - len, "; in %ld under its climate "
                     "trend (%s)", k->year, k->s->climate.preset ? k->s->climate.preset
                                                                 : "given in the file");
        else
            snprintf(v->source + len, sizeof v->source - len, "; in %ld: no climate trend, "
                     "every year's weather is this one", k->year);
    }
    return AU_OK;
}

/* The weather of --file, in --format or the format its name tells. */
static au_status load_file(weather_cmd *k)
{
    static const struct { const char *name; au_weather_format fmt; } fmts[] = {
        {"epw", AU_WFMT_EPW}, {"pvgis-epw", AU_WFMT_PVGIS_EPW},
        {"pvgis-csv", AU_WFMT_PVGIS_CSV}, {"csv", AU_WFMT_CSV}};
    const char *file = k->file;
    view *v = k->v;
    size_t i = 0;
    if (k->format != NULL) {
        while (i < 4 && strcmp(k->format, fmts[i].name) != 0)
            i++;
        if (i == 4) {
            fprintf(stderr, "autonomy weather: --format '%s' (expected epw, pvgis-epw, "
                            "pvgis-csv or csv)\n", k->format);
            return AU_EUSAGE;
        }
    } else {
        au_weather_format fmt;
        if (au_weather_guess_format(file, &fmt) != 0) {
            au_diags_add(&k->d, file, 0, "cannot tell the format from the name (expected a "
                         ".epw or .csv file, or --format)");
            return AU_EINVAL;
        }
        while (fmts[i].fmt != fmt)
            i++;
    }
    if (k->sample != 0) {
        fputs("autonomy weather: --sample goes with the synthetic weather (a file is one "
              "year)\n", stderr);
        return AU_EUSAGE;
    }
    au_status st = au_weather_read(file, fmts[i].fmt, k->utc, v->w, &k->d);
    if (st != AU_OK)
        return au_cli_input_status(st);
    /* PVGIS writes UTC: without --utc-offset, the zone of the file's
     * longitude (the nautical zone, round(lon / 15)) rather than UTC */
    char zone_note[160] = "";
    if (isnan(k->utc) && !isnan(v->w->longitude_deg) &&
        (fmts[i].fmt == AU_WFMT_PVGIS_CSV || fmts[i].fmt == AU_WFMT_PVGIS_EPW)) {
        double zone = round(v->w->longitude_deg / 15.0);
        st = au_weather_read(file, fmts[i].fmt, zone, v->w, &k->d);
        if (st != AU_OK)
            return au_cli_input_status(st);
        snprintf(zone_note, sizeof zone_note, "; hours converted from UTC to UTC%+g, the zone of "
                 "its longitude %.3f (--utc-offset for another, e.g. 1 for France)", zone,
                 v->w->longitude_deg);
    }
    if (isnan(v->w->latitude_deg) || isnan(v->w->longitude_deg)) {
        au_diags_add(&k->d, file, 0, "the file does not say where it is (expected "
                     "'# latitude_deg:' and '# longitude_deg:' lines, or use --scenario)");
        return AU_EINVAL;
    }
    if (au_sunpath_compute(v->w->latitude_deg, v->w->longitude_deg,
                           isnan(v->w->elevation_m) ? 0.0 : v->w->elevation_m,
                           v->w->utc_offset_h, v->w->irradiance_time_h, v->sun) != AU_OK) {
        au_diags_add(&k->d, file, 0, "the place or time zone of the file is out of range");
        return AU_EINVAL;
    }
    au_weather_split_missing(v->w, v->sun);
    snprintf(v->source, sizeof v->source, "Weather file %s (%s)", file, fmts[i].name);
    if (zone_note[0] != '\0') {
        size_t n = strlen(v->source);
        snprintf(v->source + n, sizeof v->source - n, "%s", zone_note);
    }
    return AU_OK;
}

/* The built-in synthetic weather of Amiens, sample --sample. */
static au_status load_synthetic(weather_cmd *k)
{
    view *v = k->v;
    if (au_sunpath_compute(AMIENS_LAT, AMIENS_LON, AMIENS_ELEV_M, AMIENS_UTC, 0.5, v->sun) !=
            AU_OK ||
        au_synth_generate(au_synth_amiens(), v->sun, k->seed, (int)k->sample, v->w) != AU_OK)
        return oom();
    snprintf(v->source, sizeof v->source, "Synthetic weather: %s, sample %ld%s, seed %lu",
             au_synth_amiens()->name, k->sample, k->sample == 0 ? " (typical year)" : "",
             k->seed);
    return AU_OK;
}

/* Each hour's PV per kWp of every array, wind capacity factor and heating
 * degree-hours. */
static au_status compute_columns(weather_cmd *k)
{
    view *v = k->v;
    for (size_t p = 0; p < v->n_pv; p++) {
        au_pv arr = {.tilt_deg = v->pvs[p].tilt, .azimuth_deg = v->pvs[p].azimuth,
                     .losses = 0.14, .inverter_efficiency = 0.96, .dc_ac_ratio = 1.2,
                     .gamma_per_k = -0.0037, .albedo = 0.2};
        for (int h = 0; h < AU_HOURS; h++)
            v->pv[p * AU_HOURS + h] = au_pv_ac_per_kwp(
                &arr, &v->sun->hour[h], v->w->ghi_w_m2[h], v->w->dni_w_m2[h],
                v->w->dhi_w_m2[h], v->w->temp_c[h], v->w->wind10_m_s[h]);
    }
    au_wind turbine = {.name = "generic", .hub_height_m = 100, .shear_exponent = 1.0 / 7.0,
                       .roughness_m = NAN, .losses = 0, .target_capacity_factor = NAN,
                       .cut_in_m_s = 3, .rated_m_s = 12, .cut_out_m_s = 25};
    au_status st = au_wind_profile(&turbine, v->w->wind10_m_s, AU_HOURS, v->wind_cf, NULL, "-",
                                   &k->d);
    if (st != AU_OK)
        return st;
    au_heating_params hp = au_heating_defaults();
    au_heating_degree_hours(&hp, v->w->temp_c, AU_HOURS, v->dh);
    return AU_OK;
}

/* The weather, its columns, the tables and the CSV. */
static au_status inspect(weather_cmd *k)
{
    view *v = k->v;
    if (v->n_pv == 0) {
        v->pvs[0] = (pv_arg){35.0, 180.0};
        v->n_pv = 1;
    }
    v->w = malloc(sizeof *v->w);
    v->sun = malloc(sizeof *v->sun);
    v->pv = malloc(v->n_pv * AU_HOURS * sizeof(double));
    if (v->w == NULL || v->sun == NULL || v->pv == NULL)
        return oom();
    au_status st = k->scenario != NULL ? load_scenario(k)
                   : k->file != NULL   ? load_file(k)
                                       : load_synthetic(k);
    if (st == AU_OK)
        st = compute_columns(k);
    if (st != AU_OK) {
        au_diags_print(&k->d, stderr);
        return st;
    }
    print_tables(v);
    return k->csv != NULL ? write_csv(v, k->csv) : AU_OK;
}

/* Each step prints its own problems; the exit status is that of the first
 * failure (au_exit_status). */
int au_cli_weather(int argc, char **argv)
{
    weather_cmd k = {.utc = NAN, .seed = DEFAULT_SEED};
    au_diags_init(&k.d);
    if ((k.v = calloc(1, sizeof *k.v)) == NULL)
        return au_exit_status(oom());
    au_status st = parse_options(&k, argc, argv);
    if (st == AU_OK && !k.help)
        st = inspect(&k);
    au_diags_clear(&k.d);
    au_scenario_free(k.s);
    free(k.v->w);
    free(k.v->sun);
    free(k.v->pv);
    free(k.v);
    return au_exit_status(st);
}
