/* cli_bench.c: `autonomy bench`: how fast the model runs on this machine
 * (issue 12, docs/performance.md).
 *
 * One hour-step is one hour of one task (scenario, weather sample, year)
 * with every balance computed and checked.  The bench measures, in this
 * order: the engine alone on an electricity-only scenario and on the Amiens
 * roadmap (weather and profiles prepared first, not timed; au_engine_year
 * over every year of the horizon, repeated for at least --seconds); the
 * time to build one weather sample with its profiles; a fixed batch through
 * au_run at 1 and N threads; and checks that the batch's results are the
 * same at every thread count and equal to the tables `autonomy run` writes
 * (it runs the batch again through au_cli_run, the command's own path).
 * Nothing here runs in parallel but au_run. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "autonomy/autonomy.h"
#include "autonomy/batch.h"
#include "autonomy/engine.h"
#include "autonomy/profiles.h"
#include "autonomy/results.h"
#include "autonomy/runner.h"
#include "cli.h"

const char au_cli_bench_help[] =
    "Usage: autonomy bench [--quick] [--threads N] [--seconds S] [--dir DIR]\n"
    "                      [--dump-series FILE]\n"
    "\n"
    "Measures how fast the model runs on this machine and prints a table, then\n"
    "the same figures as KEY=VALUE lines (bench.*) for scripts.  One hour-step is\n"
    "one hour of one task (a scenario, a weather sample, a year) with every\n"
    "balance computed and checked.  It measures:\n"
    "  engine       hour-steps per second on one core for an electricity-only\n"
    "               scenario (scenarios/bench-electricity.xml: PV, wind, one\n"
    "               battery, grid limits) and for the multi-carrier Amiens roadmap\n"
    "               (scenarios/amiens-roadmap.xml): weather and profiles prepared\n"
    "               first, then every year of the horizon run again and again for\n"
    "               at least S seconds\n"
    "  sample       the time to build one stochastic weather sample and its\n"
    "               profiles for the roadmap (median over several samples)\n"
    "  batch        a fixed batch (bench/batch.xml: the roadmap swept 8 x 8 = 64\n"
    "               variants, 31 years, 8 samples besides the typical year) run as\n"
    "               `autonomy run` runs it, at 1 thread and at N: wall time,\n"
    "               hour-steps per second, speed-up, and the process's peak memory\n"
    "               so far (getrusage: it only grows)\n"
    "  check        that the batch's results are identical at 1 and N threads and\n"
    "               equal to the tables `autonomy run` writes for the same inputs\n"
    "               (the batch is run once more through that command, into a\n"
    "               temporary folder that is then removed)\n"
    "The full bench takes a few minutes; run it on a quiet machine.  It is not a\n"
    "test: figures depend on the machine and what else runs on it.\n"
    "\n"
    "Options:\n"
    "  --quick            a small configuration (bench/batch-quick.xml: 4 variants,\n"
    "                     2 samples; 0.2 s per engine figure) that runs in seconds\n"
    "  --threads N        the thread count compared with 1 (default 2)\n"
    "  --seconds S        the least time each engine figure runs (default 1)\n"
    "  --dir DIR          the source tree holding scenarios/ and bench/ (default .)\n"
    "  --dump-series FILE write the electricity-only scenario's 2050 hourly series\n"
    "                     (demand, PV, wind in MW), its battery and grid limits and\n"
    "                     the engine's totals to FILE, for bench/python_dispatch.py\n"
    "  -h, --help         show this help\n"
    "\n"
    "Examples:\n"
    "  autonomy bench\n"
    "  autonomy bench --quick --threads 4\n"
    "  autonomy bench --dump-series /tmp/series.csv &&\n"
    "      python3 bench/python_dispatch.py /tmp/series.csv\n"
    "\n"
    "Exit status: 0 the figures were printed and the checks passed, 1 a run failed\n"
    "or a check found a difference, 2 bad usage or an input that cannot be read.\n";

typedef struct bench_cmd {
    int quick, threads, help;
    double seconds;
    const char *dir, *dump;
    int batch_samples, sample_count;
} bench_cmd;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static long peak_kib(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

static au_status parse_options(bench_cmd *b, int argc, char **argv)
{
    static const struct option opts[] = {
        {"quick", no_argument, NULL, 'q'},           {"threads", required_argument, NULL, 't'},
        {"seconds", required_argument, NULL, 's'},   {"dir", required_argument, NULL, 'd'},
        {"dump-series", required_argument, NULL, 'D'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    char *end;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        switch (c) {
        case 'q':
            b->quick = 1;
            break;
        case 't':
            b->threads = (int)strtol(optarg, &end, 10);
            if (*end != '\0' || b->threads < 1 || b->threads > 1024) {
                fprintf(stderr, "autonomy bench: --threads %s (expected 1 to 1024)\n", optarg);
                return AU_EUSAGE;
            }
            break;
        case 's':
            b->seconds = strtod(optarg, &end);
            if (*end != '\0' || !(b->seconds > 0 && b->seconds <= 600)) {
                fprintf(stderr, "autonomy bench: --seconds %s (expected more than 0, at most "
                                "600)\n", optarg);
                return AU_EUSAGE;
            }
            break;
        case 'd':
            b->dir = optarg;
            break;
        case 'D':
            b->dump = optarg;
            break;
        case 'h':
            fputs(au_cli_bench_help, stdout);
            b->help = 1;
            return AU_OK;
        default:
            fputs("Try 'autonomy bench --help'.\n", stderr);
            return AU_EUSAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "autonomy bench: unexpected argument '%s' (expected options only)\n"
                        "Try 'autonomy bench --help'.\n", argv[optind]);
        return AU_EUSAGE;
    }
    return AU_OK;
}

/* ---- inputs ---- */

static au_status load_scenario(const bench_cmd *b, const char *rel, au_scenario **s)
{
    char path[4400];
    au_diags d;
    au_diags_init(&d);
    snprintf(path, sizeof path, "%s/%s", b->dir, rel);
    au_status st = au_scenario_load(path, s, &d);
    if (st != AU_OK) {
        au_diags_print(&d, stderr);
        fprintf(stderr, "autonomy bench: cannot load %s (expected the source tree: --dir)\n",
                path);
    }
    au_diags_clear(&d);
    return au_cli_input_status(st);
}

/* What a scenario's tasks of the typical year read, and a workspace. */
typedef struct prepared {
    au_wsample *wsm;
    au_profiles *prof;
    au_demand_shapes *ds;
    double heat_ref;
    au_engine_ws *ws;
} prepared;

static void prepared_free(prepared *p)
{
    au_engine_ws_free(p->ws);
    au_demand_shapes_free(p->ds);
    au_profiles_free(p->prof);
    au_wsample_free(p->wsm);
    memset(p, 0, sizeof *p);
}

/* The typical year's weather, profiles, demand shapes and heating reference
 * of s, as au_run prepares them. */
static au_status prepare(const au_scenario *s, prepared *p, au_diags *d)
{
    memset(p, 0, sizeof *p);
    au_status st = au_wsample_load(s, 0, &p->wsm, d);
    if (st == AU_OK)
        st = au_heating_reference(s, p->wsm, &p->heat_ref, d);
    if (st == AU_OK)
        st = au_profiles_build(s, p->wsm, NULL, &p->prof, d);
    if (st == AU_OK)
        st = au_demand_shapes_build(s, &p->ds, d);
    if (st == AU_OK && (p->ws = au_engine_ws_alloc(s)) == NULL)
        st = AU_ENOMEM;
    if (st != AU_OK)
        prepared_free(p);
    return st;
}

/* ---- (a) the engine alone ---- */

typedef struct engine_fig {
    double rate;        /* hour-steps per second, one thread */
    double seconds;     /* time measured */
    long passes;        /* horizons run */
} engine_fig;

/* Every year of s's horizon run again and again for at least `seconds`,
 * after one untimed pass. */
static au_status engine_rate(const au_scenario *s, double seconds, engine_fig *f, au_diags *d)
{
    prepared p = {0};
    au_year_result r;
    au_status st = prepare(s, &p, d);
    if (st == AU_OK)
        au_engine_ws_write_table(p.ws, 0);  /* as au_run runs the years not asked for */
    for (int y = s->year_start; st == AU_OK && y <= s->year_end; y++)
        st = au_engine_year(s, p.prof, p.ds, p.heat_ref, y, p.ws, &r, d);
    double t0 = now_s(), t = t0;
    f->passes = 0;
    while (st == AU_OK && t - t0 < seconds) {
        for (int y = s->year_start; st == AU_OK && y <= s->year_end; y++)
            st = au_engine_year(s, p.prof, p.ds, p.heat_ref, y, p.ws, &r, d);
        f->passes++;
        t = now_s();
    }
    f->seconds = t - t0;
    double steps = (double)f->passes * (s->year_end - s->year_start + 1) * AU_HOURS;
    f->rate = f->seconds > 0 ? steps / f->seconds : 0;
    prepared_free(&p);
    return st;
}

/* ---- (b) one weather sample and its profiles ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median time of au_wsample_load_at + au_profiles_build over
 * stochastic samples 1..n of s, as au_run builds them: the place's sun
 * computed once beforehand (not timed), profiles against the typical
 * year's. */
static au_status sample_time(const au_scenario *s, int n, double *median, au_diags *d)
{
    prepared p = {0};
    au_sunpath *sun = NULL;
    double *t = calloc((size_t)n, sizeof *t);
    au_status st = t == NULL ? AU_ENOMEM : prepare(s, &p, d);
    if (st == AU_OK)
        st = au_territory_sun(s, &sun, d);
    for (int k = 1; st == AU_OK && k <= n; k++) {
        au_wsample *wsm = NULL;
        au_profiles *prof = NULL;
        double t0 = now_s();
        st = au_wsample_load_at(s, sun, k, &wsm, d);
        if (st == AU_OK)
            st = au_profiles_build(s, wsm, p.prof, &prof, d);
        t[k - 1] = now_s() - t0;
        au_profiles_free(prof);
        au_wsample_free(wsm);
    }
    if (st == AU_OK) {
        qsort(t, (size_t)n, sizeof *t, cmp_double);
        *median = n % 2 ? t[n / 2] : 0.5 * (t[n / 2 - 1] + t[n / 2]);
    }
    prepared_free(&p);
    free(sun);
    free(t);
    return st;
}

/* ---- (c) the fixed batch ---- */

typedef struct batch_set {
    char path[4400];
    au_batch *b;
    au_scenario **scen;         /* b->n scenarios */
    double hour_steps;          /* per run of the whole batch */
} batch_set;

static au_status batch_load(const bench_cmd *bc, batch_set *bs)
{
    au_diags d;
    au_diags_init(&d);
    snprintf(bs->path, sizeof bs->path, "%s/%s", bc->dir,
             bc->quick ? "bench/batch-quick.xml" : "bench/batch.xml");
    au_status st = au_batch_load(bs->path, &bs->b, &d);
    if (st == AU_OK && (bs->scen = calloc(bs->b->n + 1, sizeof *bs->scen)) == NULL)
        st = AU_ENOMEM;
    if (st == AU_OK)
        st = au_batch_load_scenarios(bs->b, bs->scen, &d);
    if (st != AU_OK) {
        au_diags_print(&d, stderr);
        fprintf(stderr, "autonomy bench: cannot load %s (expected the source tree: --dir)\n",
                bs->path);
    }
    for (size_t i = 0; st == AU_OK && i < bs->b->n; i++) {
        const au_scenario *s = bs->scen[i];
        bs->hour_steps += (double)(bc->batch_samples + 1) * (s->year_end - s->year_start + 1) *
                          AU_HOURS;
    }
    au_diags_clear(&d);
    return au_cli_input_status(st);
}

static void batch_free(batch_set *bs)
{
    for (size_t i = 0; bs->b != NULL && bs->scen != NULL && i < bs->b->n; i++)
        au_scenario_free(bs->scen[i]);
    free(bs->scen);
    au_batch_free(bs->b);
}

typedef struct batch_fig {
    int threads;
    double wall;                /* seconds */
    long peak_kib;              /* the process's peak after the run */
    au_pathway *paths;          /* b->n pathways */
} batch_fig;

/* The batch through au_run, as `autonomy run` calls it, at f->threads. */
static au_status batch_run(const bench_cmd *bc, const batch_set *bs, batch_fig *f)
{
    au_diags d;
    au_diags_init(&d);
    au_run_opts o = {.samples = bc->batch_samples, .threads = f->threads, .keep_samples = 1};
    f->paths = calloc(bs->b->n + 1, sizeof *f->paths);
    au_status st = f->paths == NULL ? AU_ENOMEM : AU_OK;
    double t0 = now_s();
    if (st == AU_OK)
        st = au_run(bs->scen, bs->b->n, &o, f->paths, &d);
    f->wall = now_s() - t0;
    f->peak_kib = peak_kib();
    if (st != AU_OK)
        au_diags_print(&d, stderr);
    au_diags_clear(&d);
    return st;
}

static void batch_fig_free(const batch_set *bs, batch_fig *f)
{
    for (size_t i = 0; f->paths != NULL && bs->b != NULL && i < bs->b->n; i++)
        au_pathway_clear(&f->paths[i]);
    free(f->paths);
    f->paths = NULL;
}

/* ---- (d) the checks ---- */

/* The text fn writes for ctx, in a buffer to free; NULL on failure. */
static char *table_text(int (*fn)(FILE *, const void *), const void *ctx)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (m == NULL)
        return NULL;
    int bad = fn(m, ctx) != 0;
    bad |= fclose(m) != 0;
    if (bad) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* 1 when a and b print the same table with fn. */
static int same_table(int (*fn)(FILE *, const void *), const void *a, const void *b)
{
    char *ta = table_text(fn, a), *tb = table_text(fn, b);
    int same = ta != NULL && tb != NULL && strcmp(ta, tb) == 0;
    free(ta);
    free(tb);
    return same;
}

/* 1 when pathways a and b hold the same results: every sample's yearly
 * table (figures printed exactly: they read back to the same doubles), the
 * summary row and the autonomy years. */
static int same_pathway(const au_pathway *a, const au_pathway *b)
{
    if (a->n_samples != b->n_samples || a->n_years != b->n_years ||
        a->autonomy_year != b->autonomy_year || a->autonomy_year_conf != b->autonomy_year_conf)
        return 0;
    au_summary_ctx sa = {a, 1}, sb = {b, 1};
    if (!same_table(au_write_yearly, a, b) || !same_table(au_write_summary, &sa, &sb))
        return 0;
    for (int k = 1; k <= a->n_samples; k++) {
        au_pathway va = *a, vb = *b; /* views of sample k */
        va.res = a->res + (size_t)k * a->n_years;
        vb.res = b->res + (size_t)k * b->n_years;
        va.n_samples = vb.n_samples = 0;
        if (!same_table(au_write_yearly, &va, &vb))
            return 0;
    }
    return 1;
}

/* The number of scenarios whose results differ between x and y. */
static size_t count_differences(const batch_set *bs, const batch_fig *x, const batch_fig *y)
{
    size_t n = 0;
    for (size_t i = 0; i < bs->b->n; i++)
        if (!same_pathway(&x->paths[i], &y->paths[i])) {
            fprintf(stderr, "autonomy bench: '%s' differs between %d and %d threads\n",
                    bs->scen[i]->name, x->threads, y->threads);
            n++;
        }
    return n;
}

/* 1 when file path holds exactly text. */
static int file_is(const char *path, const char *text)
{
    FILE *f = fopen(path, "r");
    if (f == NULL || text == NULL) {
        if (f != NULL)
            fclose(f);
        return 0;
    }
    size_t len = strlen(text), got = 0;
    char *buf = malloc(len + 2);
    if (buf != NULL)
        got = fread(buf, 1, len + 1, f);
    fclose(f);
    int same = buf != NULL && got == len && memcmp(buf, text, len) == 0;
    free(buf);
    return same;
}

/* The tables `autonomy run` wrote in dir for the batch against those of
 * the pathways x: the number of scenarios that differ. */
static size_t count_run_differences(const batch_set *bs, const batch_fig *x, const char *dir)
{
    char bname[128], sname[128], path[4400];
    size_t n = 0;
    au_safe_name(bname, sizeof bname, bs->b->name);
    for (size_t i = 0; i < bs->b->n; i++) {
        const au_pathway *p = &x->paths[i];
        au_summary_ctx sc = {p, 1};
        char *yearly = table_text(au_write_yearly, p), *row = table_text(au_write_summary, &sc);
        au_safe_name(sname, sizeof sname, bs->scen[i]->name);
        snprintf(path, sizeof path, "%s/%s/%s/yearly.csv", dir, bname, sname);
        int same = file_is(path, yearly);
        snprintf(path, sizeof path, "%s/%s/%s/summary-row.csv", dir, bname, sname);
        same = same && file_is(path, row);
        if (!same) {
            fprintf(stderr, "autonomy bench: '%s' differs from `autonomy run`'s tables in %s\n",
                    bs->scen[i]->name, dir);
            n++;
        }
        free(yearly);
        free(row);
    }
    return n;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* The batch run again by `autonomy run` (au_cli_run: its own code path,
 * options and loading) into a temporary folder, compared with x's pathways,
 * then removed.  Returns the number of scenarios that differ, or -1 when
 * the run failed. */
static long check_against_run(const bench_cmd *bc, const batch_set *bs, const batch_fig *x)
{
    char dir[] = "/tmp/autonomy-bench-XXXXXX", samples[16], threads[16];
    if (mkdtemp(dir) == NULL) {
        fprintf(stderr, "autonomy bench: cannot create a folder in /tmp: %s\n", strerror(errno));
        return -1;
    }
    snprintf(samples, sizeof samples, "%d", bc->batch_samples);
    snprintf(threads, sizeof threads, "%d", bc->threads);
    char *argv[] = {"run", "--quiet", "--samples", samples, "--threads", threads,
                    "--out", dir, (char *)bs->path, NULL};
    int rc = au_cli_run((int)(sizeof argv / sizeof *argv) - 1, argv);
    long n = rc == AU_EXIT_OK ? (long)count_run_differences(bs, x, dir) : -1;
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return n;
}

/* ---- the hourly series for bench/python_dispatch.py ---- */

/* Column family f summed, hour h. */
static double family_sum(const au_engine_ws *ws, au_flow_family f, int h)
{
    double v = 0;
    for (size_t c = 0; c < au_engine_ncols(ws); c++)
        if (au_engine_col(ws, c)->family == f)
            v += au_engine_flow(ws, c)[h];
    return v;
}

static int write_series(FILE *f, const au_scenario *s, const au_engine_ws *ws,
                        const au_year_result *r)
{
    const au_battery *b = &s->batteries[0];
    int y = r->year;
    double e = au_traj_eval(&b->energy_mwh, y);
    fprintf(f, "# autonomy bench --dump-series: scenario %s, typical year %d\n", s->name, y);
    fprintf(f, "# battery_mwh=%.17g\n# battery_mw=%.17g\n", e, au_traj_eval(&b->power_mw, y));
    fprintf(f, "# eta_charge=%.17g\n# eta_discharge=%.17g\n# self_discharge_per_h=%.17g\n",
            b->p.eta_charge, b->p.eta_discharge, b->p.self_discharge_per_h);
    fprintf(f, "# soc_min_mwh=%.17g\n# soc_max_mwh=%.17g\n# soc_initial_mwh=%.17g\n",
            b->p.soc_min * e, b->p.soc_max * e, b->p.soc_initial * e);
    fprintf(f, "# import_limit_mw=%.17g\n# export_limit_mw=%.17g\n",
            au_traj_eval(&s->import_limit_mw, y), au_traj_eval(&s->export_limit_mw, y));
    fprintf(f, "# engine_import_mwh=%.17g\n# engine_export_mwh=%.17g\n", r->import_el_mwh,
            r->export_el_mwh);
    fprintf(f, "# engine_curtailment_mwh=%.17g\n# engine_unserved_mwh=%.17g\n",
            r->curtailment_mwh, r->unserved_mwh);
    fprintf(f, "# engine_battery_discharge_mwh=%.17g\n", r->battery_throughput_mwh);
    fputs("hour,demand_mw,pv_mw,wind_mw\n", f);
    for (int h = 0; h < AU_HOURS; h++)
        fprintf(f, "%d,%.17g,%.17g,%.17g\n", h, family_sum(ws, AU_FAM_USE_EL, h),
                family_sum(ws, AU_FAM_PV, h), family_sum(ws, AU_FAM_WIND, h));
    return ferror(f) ? -1 : 0;
}

/* The last year of the electricity-only scenario s, typical weather, to
 * file. */
static au_status dump_series(const au_scenario *s, const char *file)
{
    au_diags d;
    au_diags_init(&d);
    au_engine_ws *ws = NULL;
    au_year_result r;
    au_status st = AU_EINVAL;
    if (s->n_batteries != 1 || s->n_plants != 0 || s->n_fixed != 0 || s->n_hydrogen != 0 ||
        s->district_heating.present)
        fprintf(stderr, "autonomy bench: %s is not electricity-only with one battery\n",
                s->file);
    else
        st = au_run_hourly(s, s->year_end, &ws, &r, &d);
    if (st == AU_OK) {
        FILE *f = fopen(file, "w");
        int bad = f == NULL || write_series(f, s, ws, &r) != 0;
        if (f != NULL)
            bad |= fclose(f) != 0;
        if (bad) {
            fprintf(stderr, "autonomy bench: cannot write %s: %s\n", file, strerror(errno));
            st = AU_EIO;
        }
    } else {
        au_diags_print(&d, stderr);
    }
    au_engine_ws_free(ws);
    au_diags_clear(&d);
    return st;
}

/* ---- the command ---- */

typedef struct figures {
    engine_fig el, full;
    double sample_s;            /* median build of one sample with profiles */
    int full_years;             /* the roadmap's horizon */
    batch_fig one, many;
    long diff_threads, diff_run;
} figures;

static void print_table(const bench_cmd *bc, const batch_set *bs, const figures *g)
{
    double sample_31 = g->sample_s + g->full_years * AU_HOURS / g->full.rate;
    printf("autonomy bench%s (%s): one hour-step = one hour of one task, every balance "
           "checked\n\n", bc->quick ? " --quick" : "", AU_VERSION);
    printf("%-52s %14s\n", "engine, weather and profiles prepared, 1 thread", "hour-steps/s");
    printf("  %-50s %14.4g\n", "electricity only (bench-electricity)", g->el.rate);
    printf("  %-50s %14.4g\n", "multi-carrier Amiens roadmap", g->full.rate);
    printf("%-52s %11.2f ms\n", "one weather sample with its profiles (median)",
           1e3 * g->sample_s);
    printf("%-52s %14.4g\n", "one more sample of the roadmap, its weather and years",
           g->full_years * AU_HOURS / sample_31);
    printf("\nbatch %s: %zu variants x %d years x (1 + %d samples), %.4g hour-steps\n",
           bs->b->name, bs->b->n, bs->scen[0]->year_end - bs->scen[0]->year_start + 1,
           bc->batch_samples, bs->hour_steps);
    printf("  %-8s %10s %14s %10s %16s\n", "threads", "wall (s)", "hour-steps/s", "speed-up",
           "peak RSS (MiB)");
    const batch_fig *r[] = {&g->one, &g->many};
    for (int k = 0; k < 2; k++)
        printf("  %-8d %10.3f %14.4g %10.2f %16.1f\n", r[k]->threads, r[k]->wall,
               bs->hour_steps / r[k]->wall, g->one.wall / r[k]->wall, (double)r[k]->peak_kib / 1024.0);
    printf("  (peak RSS: the process's peak so far, getrusage; it never goes down)\n");
    printf("check: 1 and %d threads %s; `autonomy run`'s tables %s\n\n", bc->threads,
           g->diff_threads == 0 ? "identical" : "DIFFER",
           g->diff_run == 0 ? "identical" : "DIFFER");
}

static void print_keys(const bench_cmd *bc, const batch_set *bs, const figures *g)
{
    double sample_31 = g->sample_s + g->full_years * AU_HOURS / g->full.rate;
    printf("bench.quick=%d\n", bc->quick);
    printf("bench.engine.electricity.hour_steps_per_s=%.6g\n", g->el.rate);
    printf("bench.engine.roadmap.hour_steps_per_s=%.6g\n", g->full.rate);
    printf("bench.sample.build_ms=%.4f\n", 1e3 * g->sample_s);
    printf("bench.sample_with_years.roadmap.hour_steps_per_s=%.6g\n",
           g->full_years * AU_HOURS / sample_31);
    printf("bench.batch.variants=%zu\nbench.batch.samples=%d\nbench.batch.hour_steps=%.0f\n",
           bs->b->n, bc->batch_samples, bs->hour_steps);
    const batch_fig *r[] = {&g->one, &g->many};
    for (int k = 0; k < 2; k++) {
        printf("bench.batch.threads_%d.wall_s=%.4f\n", r[k]->threads, r[k]->wall);
        printf("bench.batch.threads_%d.hour_steps_per_s=%.6g\n", r[k]->threads,
               bs->hour_steps / r[k]->wall);
        printf("bench.batch.threads_%d.peak_rss_kib=%ld\n", r[k]->threads, r[k]->peak_kib);
    }
    printf("bench.batch.speedup=%.3f\n", g->one.wall / g->many.wall);
    printf("bench.check.threads_identical=%d\n", g->diff_threads == 0);
    printf("bench.check.run_identical=%d\n", g->diff_run == 0);
}

/* (a) and (b): the engine on both scenarios, one weather sample. */
static au_status measure_engine(const bench_cmd *bc, figures *g)
{
    au_scenario *el = NULL, *full = NULL;
    au_diags d;
    au_diags_init(&d);
    au_status st = load_scenario(bc, "scenarios/bench-electricity.xml", &el);
    if (st == AU_OK)
        st = load_scenario(bc, "scenarios/amiens-roadmap.xml", &full);
    if (st == AU_OK && bc->dump != NULL)
        st = dump_series(el, bc->dump);
    if (st == AU_OK)
        st = engine_rate(el, bc->seconds, &g->el, &d);
    if (st == AU_OK)
        st = engine_rate(full, bc->seconds, &g->full, &d);
    if (st == AU_OK)
        st = sample_time(full, bc->sample_count, &g->sample_s, &d);
    if (full != NULL)
        g->full_years = full->year_end - full->year_start + 1;
    if (d.n > 0)
        au_diags_print(&d, stderr);
    au_diags_clear(&d);
    au_scenario_free(el);
    au_scenario_free(full);
    return st;
}

/* (c) and (d): the batch at 1 and N threads, compared with each other and
 * with `autonomy run`. */
static au_status measure_batch(const bench_cmd *bc, const batch_set *bs, figures *g)
{
    g->one.threads = 1;
    g->many.threads = bc->threads;
    au_status st = batch_run(bc, bs, &g->one);
    if (st == AU_OK)
        st = batch_run(bc, bs, &g->many);
    if (st != AU_OK)
        return st;
    g->diff_threads = (long)count_differences(bs, &g->one, &g->many);
    g->diff_run = check_against_run(bc, bs, &g->one);
    return g->diff_run < 0 ? AU_EINTERNAL : AU_OK;
}

int au_cli_bench(int argc, char **argv)
{
    bench_cmd bc = {.threads = 2, .seconds = 1.0, .dir = "."};
    au_status st = parse_options(&bc, argc, argv);
    if (st != AU_OK || bc.help)
        return au_exit_status(st);
    if (bc.quick && bc.seconds == 1.0)
        bc.seconds = 0.2;
    bc.batch_samples = bc.quick ? 2 : 8;
    bc.sample_count = bc.quick ? 3 : 9;
    figures g = {0};
    batch_set bs = {0};
    st = batch_load(&bc, &bs);
    if (st == AU_OK)
        st = measure_engine(&bc, &g);
    if (st == AU_OK)
        st = measure_batch(&bc, &bs, &g);
    if (st == AU_OK) {
        print_table(&bc, &bs, &g);
        print_keys(&bc, &bs, &g);
        if (g.diff_threads != 0 || g.diff_run != 0)
            st = AU_EINTERNAL;
    }
    batch_fig_free(&bs, &g.one);
    batch_fig_free(&bs, &g.many);
    batch_free(&bs);
    return au_exit_status(st);
}
