/* results.c: the result tables (results.h, results/README.md).
 *
 * The columns of yearly.csv and summary.csv are declared once, in the
 * tables yearly_fields and summary_fields below (name, unit, scale, label,
 * where the value is): the writers, the reader (au_pathway_read, for
 * --resume and the report) and `autonomy compare` all walk them. */
#include "autonomy/results.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "autonomy/stage.h"
#include "textfile.h"

const char *au_csv_num(char buf[40], double v)
{
    if (isnan(v)) {
        buf[0] = '\0';
        return buf;
    }
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, 40, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return buf;
}

void au_csv_str(FILE *f, const char *s)
{
    if (s == NULL)
        s = "";
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void au_safe_name(char *dst, size_t n, const char *name)
{
    size_t j = 0;
    for (size_t i = 0; name != NULL && name[i] != '\0' && j + 1 < n; i++) {
        char c = name[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
            dst[j++] = c;
        else if (c >= 'A' && c <= 'Z')
            dst[j++] = (char)(c - 'A' + 'a');
        else if (j > 0 && dst[j - 1] != '_' && dst[j - 1] != '-')
            dst[j++] = '_';
    }
    while (j > 0 && (dst[j - 1] == '_' || dst[j - 1] == '-'))
        j--;
    size_t k = 0;
    while (k < j && (dst[k] == '_' || dst[k] == '-'))
        k++;
    memmove(dst, dst + k, j - k);
    j -= k;
    if (j == 0)
        snprintf(dst, n, "scenario");
    else
        dst[j] = '\0';
}

int au_mkdir_p(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

char au_tmp_current[4400];
volatile sig_atomic_t au_tmp_current_set;

int au_is_own_tmp(const char *name)
{
    const char *m = strstr(name, AU_TMP_MARK);
    if (m == NULL)
        return 0;
    const char *x = m + strlen(AU_TMP_MARK);
    if (strlen(x) != 6)
        return 0;
    for (; *x; x++)
        if (!isalnum((unsigned char)*x))
            return 0;
    return 1;
}

/* The folder to remove on a signal, its files' paths made beforehand (the
 * handler only calls unlink and rmdir, which are async-signal-safe). */
#define CLEANUP_FILES 16
static char cleanup_dir[4200];
static char cleanup_path[CLEANUP_FILES][4300];
static size_t cleanup_n;
static volatile sig_atomic_t cleanup_set;

void au_cleanup_folder(const char *dir, const char *const *files, size_t n)
{
    cleanup_set = 0;
    n = n < CLEANUP_FILES ? n : CLEANUP_FILES;
    snprintf(cleanup_dir, sizeof cleanup_dir, "%s", dir);
    for (size_t k = 0; k < n; k++)
        snprintf(cleanup_path[k], sizeof cleanup_path[k], "%s/%s", dir, files[k]);
    cleanup_n = n;
    cleanup_set = 1;
}

void au_cleanup_folder_done(void)
{
    cleanup_set = 0;
}

static const int ending_signals[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM};

/* The thread that writes the files (the one that installed the handler):
 * the handler runs there only, so that it never removes a folder while
 * that thread is still writing into it. */
static pthread_t main_thread;

static void on_ending_signal(int sig)
{
    if (!pthread_equal(pthread_self(), main_thread)) {
        pthread_kill(main_thread, sig); /* async-signal-safe; handled there */
        return;
    }
    if (au_stage_on_signal(sig))
        return; /* a run publishing its results: the signal comes after */
    if (au_tmp_current_set)
        unlink(au_tmp_current);
    if (cleanup_set) {
        for (size_t k = 0; k < cleanup_n; k++)
            unlink(cleanup_path[k]);
        rmdir(cleanup_dir);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void au_cleanup_on_signals(void)
{
    static int installed;
    if (installed)
        return;
    installed = 1;
    main_thread = pthread_self();
    for (size_t k = 0; k < sizeof ending_signals / sizeof ending_signals[0]; k++) {
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_ending_signal;
        sigemptyset(&sa.sa_mask);
        for (size_t j = 0; j < sizeof ending_signals / sizeof ending_signals[0]; j++)
            sigaddset(&sa.sa_mask, ending_signals[j]); /* one cleanup at a time */
        /* a signal the caller ignores (nohup) stays ignored */
        if (sigaction(ending_signals[k], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(ending_signals[k], &sa, NULL);
    }
}

/* A path that is not a regular file of its own is written through, never
 * replaced: a device or a named pipe (directly or through a symbolic
 * link), or a link to a regular file (truncated, then written).  Opened
 * with O_NONBLOCK: a pipe that nobody reads is refused (ENXIO), not waited
 * on.  Returns 0 when written, -1 with why, or 1 for a new path or a
 * regular file, which the caller replaces atomically. */
static int write_through(const char *path, int (*write)(FILE *f, const void *ctx),
                         const void *ctx, char *why, size_t why_len)
{
    struct stat l, t;
    if (lstat(path, &l) != 0 || S_ISREG(l.st_mode))
        return 1;
    if (stat(path, &t) != 0) {
        snprintf(why, why_len, "it is a symbolic link to nothing");
        return -1;
    }
    if (!S_ISCHR(t.st_mode) && !S_ISFIFO(t.st_mode) && !S_ISREG(t.st_mode)) {
        snprintf(why, why_len, "it is %s",
                 S_ISDIR(t.st_mode) ? "a directory" : "neither a file, a device nor a pipe");
        return -1;
    }
    int fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
                            (S_ISREG(t.st_mode) ? O_TRUNC : 0));
    if (fd < 0) {
        snprintf(why, why_len, "%s",
                 errno == ENXIO ? "it is a named pipe that nobody reads" : strerror(errno));
        return -1;
    }
    int fl = fcntl(fd, F_GETFL);
    FILE *f = fl >= 0 && fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == 0 ? fdopen(fd, "w") : NULL;
    if (f == NULL) {
        snprintf(why, why_len, "%s", strerror(errno));
        close(fd);
        return -1;
    }
    int bad = write(f, ctx) != 0;
    bad |= ferror(f) != 0;
    bad |= fflush(f) != 0;
    int e = errno;
    bad |= fclose(f) != 0;
    if (bad)
        snprintf(why, why_len, "%s", strerror(e ? e : EIO));
    return bad ? -1 : 0;
}

int au_write_atomic(const char *path, int (*write)(FILE *f, const void *ctx), const void *ctx,
                    char *why, size_t why_len)
{
    int through = write_through(path, write, ctx, why, why_len);
    if (through <= 0)
        return through;
    char tmp[4200];
    if (snprintf(tmp, sizeof tmp, "%s" AU_TMP_MARK "XXXXXX", path) >= (int)sizeof tmp) {
        snprintf(why, why_len, "the name is too long");
        return -1;
    }
    au_tmp_current_set = 0;
    int fd = mkstemp(tmp);
    if (fd >= 0) {
        memcpy(au_tmp_current, tmp, strlen(tmp) + 1);
        au_tmp_current_set = 1;
    }
    if (fd < 0) {
        snprintf(why, why_len, "%s", strerror(errno));
        return -1;
    }
    FILE *f = fdopen(fd, "w");
    if (f == NULL) {
        snprintf(why, why_len, "%s", strerror(errno));
        close(fd);
        unlink(tmp);
        au_tmp_current_set = 0;
        return -1;
    }
    int bad = write(f, ctx) != 0;
    bad |= ferror(f) != 0;
    bad |= fflush(f) != 0;
    bad |= fsync(fileno(f)) != 0;
    int e = errno;
    bad |= fclose(f) != 0;
    if (!bad && rename(tmp, path) == 0) {
        au_tmp_current_set = 0;
        /* readable like any other file the user makes (mkstemp gives 0600) */
        mode_t mask = umask(0);
        umask(mask);
        chmod(path, 0666 & ~mask);
        return 0;
    }
    if (e == 0)
        e = errno;
    snprintf(why, why_len, "%s", strerror(e ? e : EIO));
    unlink(tmp);
    au_tmp_current_set = 0;
    return -1;
}

static void hex_of(const uint8_t *d, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[64] = '\0';
}

int au_sha256_file(const char *path, char hex[65])
{
    struct sha256_ctx ctx;
    uint8_t buf[65536], digest[SHA256_DIGEST_SIZE];
    FILE *f = au_fopen_regular(path, NULL); /* a FIFO is not waited on */
    if (f == NULL)
        return -1;
    sha256_init(&ctx);
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sha256_update(&ctx, n, buf);
    int bad = ferror(f);
    fclose(f);
    if (bad)
        return -1;
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    hex_of(digest, hex);
    return 0;
}

void au_sha256_mem(const void *p, size_t n, char hex[65])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, n, (const uint8_t *)p);
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    hex_of(digest, hex);
}

void au_sha256_str(const char *s, char hex[65])
{
    au_sha256_mem(s, strlen(s), hex);
}

static void num(FILE *f, double v)
{
    char b[40];
    fputs(au_csv_num(b, v), f);
}

/* ---- the columns ---- */

#define GWH(field, col, label) \
    {col, AU_UNIT_GWH, 1e-3, label, offsetof(au_year_result, field), 0}
#define PLAIN(field, col, unit, label) \
    {col, unit, 1, label, offsetof(au_year_result, field), 0}

#define MEUR(field, col, label) \
    {col, AU_UNIT_MEUR, 1e-6, label, offsetof(au_year_result, field), 0}

static const au_yearly_field yearly_fields[] = {
    GWH(final_energy_mwh, "final_energy_gwh", "final energy"),
    GWH(final_el_mwh, "final_el_gwh", "final electricity"),
    GWH(final_heat_mwh, "final_heat_gwh", "final heat"),
    GWH(final_fuel_mwh, "final_fuel_gwh", "final fuels"),
    GWH(local_production_mwh, "local_production_gwh", "local production"),
    GWH(local_el_mwh, "local_el_gwh", "local electricity"),
    GWH(import_mwh, "import_gwh", "imports"),
    GWH(import_el_mwh, "import_el_gwh", "electricity imports"),
    GWH(import_fuel_mwh, "import_fuel_gwh", "fuel imports"),
    GWH(export_mwh, "export_gwh", "exports"),
    GWH(export_el_mwh, "export_el_gwh", "electricity exports"),
    GWH(export_fuel_mwh, "export_fuel_gwh", "fuel exports"),
    GWH(curtailment_mwh, "curtailment_gwh", "curtailment"),
    GWH(unserved_mwh, "unserved_gwh", "unserved electricity"),
    GWH(unserved_heat_mwh, "unserved_heat_gwh", "unserved heat"),
    GWH(heat_dumped_mwh, "heat_dumped_gwh", "heat dumped"),
    PLAIN(peak_import_mw, "peak_import_mw", AU_UNIT_MW, "peak import"),
    {"hours_with_import", AU_UNIT_HOURS, 1, "hours with imports",
     offsetof(au_year_result, hours_with_import), 1},
    GWH(battery_throughput_mwh, "battery_throughput_gwh", "battery throughput"),
    PLAIN(battery_cycles, "battery_cycles", AU_UNIT_NUMBER, "battery cycles"),
    GWH(electrolysis_mwh, "electrolysis_gwh", "electrolysis"),
    PLAIN(annual_balance, "annual_balance", AU_UNIT_FRACTION, "annual balance"),
    PLAIN(annual_balance_el, "annual_balance_el", AU_UNIT_FRACTION,
          "annual balance (electricity)"),
    PLAIN(hourly_autonomy, "hourly_autonomy", AU_UNIT_FRACTION, "hourly autonomy"),
    PLAIN(hourly_autonomy_el, "hourly_autonomy_el", AU_UNIT_FRACTION,
          "hourly autonomy (electricity)"),
    PLAIN(self_consumption, "self_consumption", AU_UNIT_FRACTION, "self-consumption"),
    PLAIN(co2_t, "co2_t", AU_UNIT_T, "CO\u2082"),
    MEUR(invest_eur, "investment_meur", "investment"),
    MEUR(capital_eur, "capital_meur", "annualised capital"),
    MEUR(om_eur, "om_meur", "O&M"),
    MEUR(import_cost_eur, "import_cost_meur", "imports bought"),
    MEUR(energy_cost_eur, "energy_cost_meur", "energy bought (imports, local fuels)"),
    MEUR(export_revenue_eur, "export_revenue_meur", "export revenue"),
    MEUR(cost_eur, "cost_meur", "cost"),
    PLAIN(cost_eur_per_mwh, "cost_eur_per_mwh", AU_UNIT_EUR_PER_MWH, "cost per MWh"),
    PLAIN(jobs_manufacturing, "jobs_manufacturing", AU_UNIT_JOBS, "manufacturing jobs"),
    PLAIN(jobs_construction, "jobs_construction", AU_UNIT_JOBS, "construction jobs"),
    PLAIN(jobs_operation, "jobs_operation", AU_UNIT_JOBS, "operation jobs"),
    PLAIN(jobs_fuel, "jobs_fuel", AU_UNIT_JOBS, "local fuel jobs"),
    PLAIN(jobs, "jobs", AU_UNIT_JOBS, "local jobs"),
    PLAIN(jobs_pv, "jobs_pv", AU_UNIT_JOBS, "jobs in PV"),
    PLAIN(jobs_wind, "jobs_wind", AU_UNIT_JOBS, "jobs in wind"),
    PLAIN(jobs_storage, "jobs_storage", AU_UNIT_JOBS, "jobs in storage"),
    PLAIN(jobs_heat, "jobs_heat", AU_UNIT_JOBS, "jobs in network heat"),
    PLAIN(jobs_plants, "jobs_plants", AU_UNIT_JOBS, "jobs in plants"),
};

#undef GWH
#undef PLAIN
#undef MEUR

const au_yearly_field *au_yearly_fields(size_t *n)
{
    *n = sizeof yearly_fields / sizeof yearly_fields[0];
    return yearly_fields;
}

double au_yearly_get(const au_yearly_field *f, const au_year_result *r)
{
    const char *at = (const char *)r + f->offset;
    if (f->is_int)
        return (double)*(const int *)at * f->scale;
    return *(const double *)at * f->scale;
}

void au_yearly_set(const au_yearly_field *f, au_year_result *r, double v)
{
    char *at = (char *)r + f->offset;
    /* 1 / scale is exact for the scales used (1, 1e-3, 1e-6): the values
     * read back are those the tables were written from, to the last digit
     * they hold */
    if (f->is_int) { /* a table edited by hand may hold anything: no int overflow */
        double x = v * (1.0 / f->scale);
        *(int *)at = isfinite(x) && fabs(x) < 2e9 ? (int)x : 0;
    } else
        *(double *)at = v * (1.0 / f->scale);
}

static const char *indicator_name(const au_criterion *c)
{
    if (c->indicator == AU_IND_ANNUAL_BALANCE)
        return c->scope == AU_SCOPE_ELECTRICITY ? "annual-balance/electricity"
                                                : "annual-balance/all-energy";
    return c->scope == AU_SCOPE_ELECTRICITY ? "hourly-autonomy/electricity"
                                            : "hourly-autonomy/all-energy";
}

/* The summary fields' getters and setters: years are NAN (written empty)
 * when not reached, 0 in the pathway. */
static double year_or_nan(int y)
{
    return y ? (double)y : NAN;
}

static int year_of(double v)
{
    return isfinite(v) && v > 0 && v < 100000 ? (int)v : 0; /* an edited table: no overflow */
}

static const char *get_scenario(const au_pathway *p)
{
    return p->s->name;
}

static const char *get_criterion(const au_pathway *p)
{
    return indicator_name(&p->s->criterion);
}

static double get_threshold(const au_pathway *p)
{
    return p->s->criterion.threshold;
}

static double get_autonomy_year(const au_pathway *p)
{
    return year_or_nan(p->autonomy_year);
}

static void set_autonomy_year(au_pathway *p, double v)
{
    p->autonomy_year = year_of(v);
}

static double get_gap_last(const au_pathway *p)
{
    return p->gap_last;
}

static void set_gap_last(au_pathway *p, double v)
{
    p->gap_last = v;
}

static double get_samples(const au_pathway *p)
{
    return p->n_samples;
}

static void set_samples(au_pathway *p, double v)
{
    p->n_samples = year_of(v);
}

static double get_confidence(const au_pathway *p)
{
    return p->s->criterion.confidence;
}

static double get_probability_last(const au_pathway *p)
{
    return p->n_samples > 0 ? p->probability[p->n_years - 1] : NAN;
}

static double get_year_conf(const au_pathway *p)
{
    return year_or_nan(p->autonomy_year_conf);
}

static void set_year_conf(au_pathway *p, double v)
{
    p->autonomy_year_conf = year_of(v);
}

static double get_year_ab(const au_pathway *p)
{
    return year_or_nan(p->year_by_indicator[0]);
}

static void set_year_ab(au_pathway *p, double v)
{
    p->year_by_indicator[0] = year_of(v);
}

static double get_year_ha(const au_pathway *p)
{
    return year_or_nan(p->year_by_indicator[1]);
}

static void set_year_ha(au_pathway *p, double v)
{
    p->year_by_indicator[1] = year_of(v);
}

/* An indicator in year y of the typical weather; NAN outside the horizon. */
static double in_year(const au_pathway *p, int y, int hourly)
{
    if (y < p->s->year_start || y > p->s->year_end)
        return NAN;
    const au_year_result *r = au_pathway_result(p, 0, y);
    return hourly ? r->hourly_autonomy : r->annual_balance;
}

#define IN_YEAR(fn, y, hourly) \
    static double fn(const au_pathway *p) \
    { \
        return in_year(p, y, hourly); \
    }
IN_YEAR(get_ab2030, 2030, 0)
IN_YEAR(get_ab2040, 2040, 0)
IN_YEAR(get_ab2050, 2050, 0)
IN_YEAR(get_ha2030, 2030, 1)
IN_YEAR(get_ha2040, 2040, 1)
IN_YEAR(get_ha2050, 2050, 1)
#undef IN_YEAR

/* The pathway's economics (economics.h), in the tables' units. */
#define ECON(get, set, field, scale) \
    static double get(const au_pathway *p) \
    { \
        return p->econ.field * (scale); \
    } \
    static void set(au_pathway *p, double v) \
    { \
        p->econ.field = v * (1.0 / (scale)); \
    }
ECON(get_invest, set_invest, invest_eur, 1e-6)
ECON(get_npc, set_npc, npc_eur, 1e-6)
ECON(get_lcoe, set_lcoe, lcoe_local_eur_per_mwh, 1)
ECON(get_co2_total, set_co2_total, co2_t, 1)
ECON(get_job_years, set_job_years, job_years, 1)
ECON(get_jobs_per_year, set_jobs_per_year, jobs_per_year, 1)
#undef ECON

static double get_last_year(const au_pathway *p)
{
    return p->s->year_end;
}

#define TEXT(name, label, fn) {name, AU_UNIT_TEXT, label, fn, NULL, NULL}
#define NUM(name, unit, label, get, set) {name, unit, label, NULL, get, set}

static const au_summary_field summary_fields[] = {
    TEXT("scenario", "scenario", get_scenario),
    TEXT("criterion", "criterion", get_criterion),
    NUM("threshold", AU_UNIT_FRACTION, "threshold", get_threshold, NULL),
    NUM("autonomy_year", AU_UNIT_YEAR, "autonomy year", get_autonomy_year, set_autonomy_year),
    NUM("gap_last_year", AU_UNIT_FRACTION, "gap in the last year", get_gap_last, set_gap_last),
    NUM("samples", AU_UNIT_NUMBER, "samples", get_samples, set_samples),
    NUM("confidence", AU_UNIT_FRACTION, "confidence", get_confidence, NULL),
    NUM("probability_last_year", AU_UNIT_FRACTION, "probability in the last year",
        get_probability_last, NULL),
    NUM("autonomy_year_at_confidence", AU_UNIT_YEAR, "at confidence", get_year_conf,
        set_year_conf),
    NUM("autonomy_year_annual_balance", AU_UNIT_YEAR, "by annual balance", get_year_ab,
        set_year_ab),
    NUM("autonomy_year_hourly_autonomy", AU_UNIT_YEAR, "by hourly autonomy", get_year_ha,
        set_year_ha),
    NUM("annual_balance_2030", AU_UNIT_FRACTION, "balance 2030", get_ab2030, NULL),
    NUM("annual_balance_2040", AU_UNIT_FRACTION, "balance 2040", get_ab2040, NULL),
    NUM("annual_balance_2050", AU_UNIT_FRACTION, "balance 2050", get_ab2050, NULL),
    NUM("hourly_autonomy_2030", AU_UNIT_FRACTION, "hourly 2030", get_ha2030, NULL),
    NUM("hourly_autonomy_2040", AU_UNIT_FRACTION, "hourly 2040", get_ha2040, NULL),
    NUM("hourly_autonomy_2050", AU_UNIT_FRACTION, "hourly 2050", get_ha2050, NULL),
    NUM("investment_total_meur", AU_UNIT_MEUR, "investment, all years", get_invest, set_invest),
    NUM("npc_meur", AU_UNIT_MEUR, "net present cost", get_npc, set_npc),
    NUM("lcoe_local_eur_per_mwh", AU_UNIT_EUR_PER_MWH, "levelised cost of local energy",
        get_lcoe, set_lcoe),
    NUM("co2_total_t", AU_UNIT_T, "CO\u2082, all years", get_co2_total, set_co2_total),
    NUM("job_years", AU_UNIT_JOB_YEARS, "local job-years", get_job_years, set_job_years),
    NUM("jobs_per_year", AU_UNIT_JOBS, "local jobs per year", get_jobs_per_year,
        set_jobs_per_year),
    NUM("last_year", AU_UNIT_YEAR, "last year", get_last_year, NULL),
};

#undef TEXT
#undef NUM

const au_summary_field *au_summary_fields(size_t *n)
{
    *n = sizeof summary_fields / sizeof summary_fields[0];
    return summary_fields;
}

int au_summary_column(const char *name, const char **label, au_unit_kind *unit)
{
    size_t n;
    const au_summary_field *sf = au_summary_fields(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(sf[i].name, name) == 0) {
            *label = sf[i].label;
            *unit = sf[i].unit;
            return 0;
        }
    const au_yearly_field *yf = au_yearly_fields(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(yf[i].name, name) == 0) {
            *label = yf[i].label;
            *unit = yf[i].unit;
            return 0;
        }
    return -1;
}

/* ---- the tables ---- */

static void year_cols(FILE *f)
{
    size_t n;
    const au_yearly_field *yf = au_yearly_fields(&n);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', f);
        au_csv_str(f, yf[i].name);
    }
}

static void year_vals(FILE *f, const au_year_result *r)
{
    size_t n;
    const au_yearly_field *yf = au_yearly_fields(&n);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', f);
        num(f, au_yearly_get(&yf[i], r));
    }
}

int au_write_summary(FILE *f, const void *vctx)
{
    const au_summary_ctx *c = vctx;
    size_t n;
    const au_summary_field *sf = au_summary_fields(&n);
    for (size_t k = 0; k < n; k++) {
        au_csv_str(f, sf[k].name);
        fputc(',', f);
    }
    year_cols(f);
    fputc('\n', f);
    for (size_t i = 0; i < c->n; i++) {
        const au_pathway *p = &c->p[i];
        for (size_t k = 0; k < n; k++) {
            if (sf[k].unit == AU_UNIT_TEXT)
                au_csv_str(f, sf[k].text(p));
            else
                num(f, sf[k].get(p));
            fputc(',', f);
        }
        year_vals(f, au_pathway_result(p, 0, p->s->year_end));
        fputc('\n', f);
    }
    return 0;
}

int au_write_yearly(FILE *f, const void *vctx)
{
    const au_pathway *p = vctx;
    fputs("year,", f);
    year_cols(f);
    if (p->n_samples > 0)
        fputs(",probability,p10,p50,p90", f);
    fputc('\n', f);
    for (int i = 0; i < p->n_years; i++) {
        fprintf(f, "%d,", p->s->year_start + i);
        year_vals(f, &p->res[i]);
        if (p->n_samples > 0) {
            const double v[] = {p->probability[i], p->p10[i], p->p50[i], p->p90[i]};
            for (int k = 0; k < 4; k++) {
                fputc(',', f);
                num(f, v[k]);
            }
        }
        fputc('\n', f);
    }
    return 0;
}

int au_write_hourly(FILE *f, const void *vctx)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const au_hourly_out *o = vctx;
    const au_flow_table *t = o->flows;
    int zm = (int)lround(o->utc_offset_h * 60);
    char zone[16];
    snprintf(zone, sizeof zone, "%c%02d:%02d", zm < 0 ? '-' : '+', abs(zm) / 60, abs(zm) % 60);
    fputs("time,hour", f);
    for (size_t c = 0; c < t->ncols; c++) {
        fputc(',', f);
        au_csv_str(f, t->cols[c].name);
    }
    fputc('\n', f);
    for (int h = 0, d = 0, m = 0; h < AU_HOURS; h++) {
        if (h > 0 && h % 24 == 0 && ++d == mdays[m])
            d = 0, m++;
        /* the hour's start in the year's calendar (29 February has no hour) */
        fprintf(f, "%04d-%02d-%02dT%02d:00%s,%d", t->year, m + 1, d + 1, h % 24, zone, h);
        for (size_t c = 0; c < t->ncols; c++) {
            fputc(',', f);
            num(f, t->flow[c * AU_HOURS + h]);
        }
        fputc('\n', f);
    }
    return 0;
}

/* ---- reading tables back ---- */

/* Most columns looked at in a table; more are counted, not stored. */
#define MAX_COLS 128

/* Largest table read back: a yearly table is a few kB. */
#define MAX_TABLE_BYTES (16L * 1024 * 1024)

/* A table read whole (RFC 4180, au_csv_split): the header's fields, then
 * one record at a time. */
typedef struct table {
    char *buf;
    const char *p, *end;    /* the next record */
    au_span head[MAX_COLS], val[MAX_COLS];
    size_t nh, nv;
} table;

/* Reads path and splits its header: 0, or -1 when it cannot be read, has no
 * header or a header that is not CSV. */
static int table_open(const char *path, table *t)
{
    size_t len;
    t->nh = t->nv = 0;
    if (au_read_file(path, MAX_TABLE_BYTES, &t->buf, &len, NULL) != AU_OK)
        return -1;
    t->p = t->buf;
    t->end = t->buf + len;
    au_csv_record rec;
    if (len == 0)
        return -1;
    t->p = au_csv_split(t->p, t->end, t->head, MAX_COLS, &rec);
    t->nh = rec.n < MAX_COLS ? rec.n : MAX_COLS;
    return rec.err == AU_CSV_OK ? 0 : -1;
}

/* The next record into t->val: 1, or 0 at the end (or at text that is not
 * CSV). */
static int table_next(table *t)
{
    if (t->p >= t->end)
        return 0;
    au_csv_record rec;
    t->p = au_csv_split(t->p, t->end, t->val, MAX_COLS, &rec);
    t->nv = rec.n < MAX_COLS ? rec.n : MAX_COLS;
    return rec.err == AU_CSV_OK;
}

static int col_index(const table *t, const char *want)
{
    char name[128];
    for (size_t i = 0; i < t->nh; i++) {
        if (au_csv_unquote(t->head[i], name, sizeof name) < sizeof name &&
            strcmp(name, want) == 0)
            return (int)i;
    }
    return -1;
}

/* The number in column i of the current record; NAN when empty or absent. */
static double field(const table *t, int i)
{
    char v[64];
    if (i < 0 || (size_t)i >= t->nv || t->val[i].n == 0)
        return NAN;
    au_csv_unquote(t->val[i], v, sizeof v);
    return strtod(v, NULL);
}

static au_status pathway_alloc(const au_scenario *s, au_pathway *p)
{
    memset(p, 0, sizeof *p);
    p->s = s;
    p->n_years = s->year_end - s->year_start + 1;
    p->res = calloc((size_t)p->n_years, sizeof *p->res);
    p->value = calloc((size_t)p->n_years, sizeof *p->value);
    p->probability = calloc((size_t)p->n_years, sizeof *p->probability);
    p->p10 = calloc((size_t)p->n_years, sizeof *p->p10);
    p->p50 = calloc((size_t)p->n_years, sizeof *p->p50);
    p->p90 = calloc((size_t)p->n_years, sizeof *p->p90);
    if (!p->res || !p->value || !p->probability || !p->p10 || !p->p50 || !p->p90) {
        au_pathway_clear(p);
        return AU_ENOMEM;
    }
    return AU_OK;
}

/* summary-row.csv: what the summary fields read back. */
static au_status read_summary_row(const char *dir, au_pathway *p, au_diags *d)
{
    char path[4400];
    table t = {0};
    snprintf(path, sizeof path, "%s/summary-row.csv", dir);
    if (table_open(path, &t) != 0 || !table_next(&t)) {
        free(t.buf);
        au_diags_add(d, path, 0, "cannot read the table (expected the summary row of a run)");
        return AU_EIO;
    }
    size_t n_sf;
    const au_summary_field *sf = au_summary_fields(&n_sf);
    for (size_t k = 0; k < n_sf; k++)
        if (sf[k].set != NULL)
            sf[k].set(p, field(&t, col_index(&t, sf[k].name)));
    free(t.buf);
    return AU_OK;
}

/* yearly.csv: the typical year's results, the probability and percentiles. */
static au_status read_yearly(const char *dir, au_pathway *p, au_diags *d)
{
    char path[4400];
    table t = {0};
    const au_scenario *s = p->s;
    snprintf(path, sizeof path, "%s/yearly.csv", dir);
    if (table_open(path, &t) != 0) {
        free(t.buf);
        au_diags_add(d, path, 0, "cannot read the table (expected the yearly table of a run)");
        return AU_EIO;
    }
    int c_year = col_index(&t, "year");
    int c_pr[4] = {col_index(&t, "probability"), col_index(&t, "p10"), col_index(&t, "p50"),
                   col_index(&t, "p90")};
    size_t n_yf;
    const au_yearly_field *yf = au_yearly_fields(&n_yf);
    int rows = 0;
    while (table_next(&t)) {
        double yv = field(&t, c_year);
        if (isnan(yv) || yv < s->year_start || yv > s->year_end)
            continue;
        int y = (int)yv, i = y - s->year_start;
        au_year_result *r = &p->res[i];
        if (r->year == y) { /* a row twice stands for a year missing */
            free(t.buf);
            au_diags_add(d, path, 0, "year %d appears twice (expected each year of %d-%d once)",
                         y, s->year_start, s->year_end);
            return AU_EIO;
        }
        r->year = y;
        for (size_t k = 0; k < n_yf; k++)
            au_yearly_set(&yf[k], r, field(&t, col_index(&t, yf[k].name)));
        p->value[i] = au_criterion_value(&s->criterion, r);
        p->probability[i] = field(&t, c_pr[0]);
        p->p10[i] = field(&t, c_pr[1]);
        p->p50[i] = field(&t, c_pr[2]);
        p->p90[i] = field(&t, c_pr[3]);
        rows++;
    }
    free(t.buf);
    if (rows != p->n_years) {
        au_diags_add(d, path, 0, "the table has %d years (expected %d)", rows, p->n_years);
        return AU_EIO;
    }
    return AU_OK;
}

au_status au_pathway_read(const au_scenario *s, const char *dir, au_pathway *p, au_diags *d)
{
    au_status st = pathway_alloc(s, p);
    if (st == AU_OK)
        st = read_summary_row(dir, p, d);
    if (st == AU_OK)
        st = read_yearly(dir, p, d);
    if (st != AU_OK)
        au_pathway_clear(p);
    return st;
}
