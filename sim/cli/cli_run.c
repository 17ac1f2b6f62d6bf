/* cli_run.c: `autonomy run`: scenarios and batches to pathways, result
 * tables, a manifest, and the autonomy-year table (results/README.md).
 *
 * Every input is read and checked before anything runs.  Each batch
 * writes to DIR/<batch>, each loose scenario file, a batch of one, to
 * DIR/<scenario>.  Every table is written into a stage (stage.h) and the
 * stage published at the end, each such folder exchanged whole, so that a
 * reader never sees half of one: a run that fails or is stopped leaves the
 * previous results as they were; --resume skips the scenarios whose tables
 * exist with the same inputs.  What is written comes from the pathways in memory: the
 * runner keeps the flow tables of the --hourly years and of the year the
 * report draws, and nothing written is read back, except the tables of
 * resumed scenarios, which were written by an earlier run. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>

#include "autonomy/autonomy.h"
#include "autonomy/batch.h"
#include "autonomy/report.h"
#include "autonomy/results.h"
#include "autonomy/runner.h"
#include "autonomy/stage.h"
#include "cli.h"
#include "textfile.h"
#include "cli_mpi.h"

#define MAX_HOURLY 32

const char au_cli_run_help[] =
    "Usage: autonomy run [--out DIR] [--samples N] [--threads N] [--hourly YEAR]...\n"
    "                    [--report-scenario NAME] [--shard K/N] [--resume] [--quiet]\n"
    "                    FILE...\n"
    "\n"
    "Simulates each scenario hour by hour (8760 hours) for every year of its\n"
    "horizon, finds the year its autonomy criterion is reached and kept, and\n"
    "writes the result tables.  FILE is a scenario or a batch (a list of\n"
    "scenarios and sweeps, see scenarios/README.md).  Each batch writes to\n"
    "DIR/<batch>, each scenario file given alone to DIR/<scenario> (a batch of\n"
    "one), with:\n"
    "  summary.csv                  one row per scenario: the autonomy year by its\n"
    "                               criterion and by each indicator, the year at\n"
    "                               the scenario's confidence, 2030/2040/2050\n"
    "                               indicators, the last year's energies; with\n"
    "                               costs, the pathway's investment, net present\n"
    "                               cost, CO2 and local jobs (docs/economics.md)\n"
    "  manifest.csv                 version, date, samples, threads, seeds and the\n"
    "                               SHA-256 of every input file\n"
    "  report.html                  a page for a council (needs gnuplot): a sentence\n"
    "                               per policy, when each becomes autonomous, the\n"
    "                               trajectories, with costs spending and jobs; for\n"
    "                               one policy its energy mix, its last year month\n"
    "                               by month, two weeks hour by hour, its stores and\n"
    "                               its imports hour by hour (results/README.md)\n"
    "  <scenario>/yearly.csv        one row per year: energies in GWh, ratios, costs\n"
    "                               in M€, CO2 in t, local jobs; with\n"
    "                               samples, the probability of meeting the\n"
    "                               criterion and its 10th, 50th, 90th percentiles\n"
    "  <scenario>/hourly-YEAR.csv   with --hourly YEAR: every flow of every hour of\n"
    "                               the typical year, in MW (Σ in = Σ out each row)\n"
    "and prints the autonomy-year table.\n"
    "\n"
    "Options:\n"
    "  --out DIR        where to write (default: results)\n"
    "  --samples N      stochastic weather years besides the typical year (default:\n"
    "                   each scenario's own; synthetic weather only)\n"
    "  --threads N      threads (default: OMP_NUM_THREADS, or all cores); results do\n"
    "                   not depend on it\n"
    "  --hourly YEAR    also write the hourly flows of YEAR (repeatable)\n"
    "  --report-scenario NAME\n"
    "                   the policy whose year the report shows in detail (default:\n"
    "                   the first of each folder; a folder without NAME keeps its first)\n"
    "  --shard K/N      run only the K-th of N parts of the scenarios (balanced by\n"
    "                   their cost; the same parts in every shard) and write their\n"
    "                   tables and DIR/shard-K-of-N.csv; `autonomy merge` then joins\n"
    "                   the shards into what one run writes (docs/distributed.md)\n"
    "  --resume         skip scenarios whose tables exist with the same inputs (the\n"
    "                   files give the same tables as a run from scratch)\n"
    "  --quiet          print nothing but errors (no table, no progress)\n"
    "  -h, --help       show this help\n"
    "\n"
    "Examples:\n"
    "  autonomy run scenarios/amiens-baseline.xml scenarios/amiens-roadmap.xml\n"
    "  autonomy run --samples 10 scenarios/amiens-default.xml\n"
    "  autonomy run --hourly 2050 --out /tmp/check scenarios/amiens-roadmap.xml\n"
    "\n"
    "Every input is checked before anything runs: a bad file stops the run with\n"
    "FILE:LINE: error: ... and exit status 2, and nothing is written.  The tables\n"
    "are written into a hidden folder in DIR and each folder put in place whole at\n"
    "the end: a reader never sees half of one, and a run that fails or is stopped\n"
    "leaves the previous results as they were.  Progress\n"
    "is shown on standard error when it is a terminal.\n"
    "Exit status: 0 success, 1 the run or the writing failed, 2 bad input or usage.\n";

/* ---- the table being written, removed if a signal stops the run ---- */

static int write_table(const char *path, int (*fn)(FILE *, const void *), const void *ctx)
{
    char why[256];
    int r = au_write_atomic(path, fn, ctx, why, sizeof why);
    if (r != 0)
        fprintf(stderr, "autonomy run: cannot write %s: %s (expected a writable folder)\n",
                path, why);
    return r;
}

/* Removes what a run killed before it could clean up (kill -9) left in
 * dir: its stages and temporary files, by their names only the program
 * makes (au_is_own_tmp), never a user's "thesis.tmp.backup"; of a stage,
 * only the program's own files (au_remove_own_tree). */
static void remove_stale(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char path[4400];
        struct stat sb;
        if (!au_is_own_tmp(e->d_name) ||
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path ||
            lstat(path, &sb) != 0)
            continue;
        if (S_ISDIR(sb.st_mode))
            au_remove_own_tree(path);
        else
            unlink(path);
    }
    closedir(d);
}

/* ---- groups: each batch, and each loose scenario (a batch of one) ---- */

typedef struct group {
    char *dir;              /* where its tables go */
    char *wdir;             /* where they are written: its folder in the stage */
    const char *batch;      /* batch file, or NULL */
    size_t first, n;        /* its scenarios in the flat list */
    size_t report;          /* the scenario its report shows in detail */
} group;

/* The printed table's cells for scenario p: criterion, autonomy year in
 * the typical weather, the year at its confidence over the weather samples
 * ("" without samples), last year. */
static void table_cells(const au_pathway *p, char *crit, size_t nc, char *year, size_t ny,
                        char *conf, size_t nf, char *last, size_t nl)
{
    const au_criterion *c = &p->s->criterion;
    snprintf(crit, nc, "%s%s >= %g",
             c->indicator == AU_IND_ANNUAL_BALANCE ? "annual balance" : "hourly autonomy",
             c->scope == AU_SCOPE_ELECTRICITY ? " (el.)" : "", c->threshold);
    if (p->autonomy_year)
        snprintf(year, ny, "%d", p->autonomy_year);
    else
        snprintf(year, ny, "not reached (gap %.3f)", p->gap_last);
    if (p->n_samples == 0)
        snprintf(conf, nf, "-");
    else if (p->autonomy_year_conf)
        snprintf(conf, nf, "%d", p->autonomy_year_conf);
    else
        snprintf(conf, nf, "not by %d", p->s->year_end);
    const au_year_result *r = au_pathway_result(p, 0, p->s->year_end);
    snprintf(last, nl, "%d: balance %.3f, hourly autonomy %.3f", p->s->year_end,
             r->annual_balance, r->hourly_autonomy);
}

static int widest(int w, const char *s)
{
    int n = (int)strlen(s);
    return n > w ? n : w;
}

/* The autonomy years, a row per scenario run, columns as wide as their
 * longest cell: typical weather, then in a share of the weather years (the
 * criterion's confidence, when the run has samples). */
static int print_table(const au_pathway *p, const group *g, size_t n_groups)
{
    char crit[64], year[64], conf[32], last[96], conf_head[48] = "in a share of weather years";
    int w_name = 8, w_crit = 9, w_year = 13, w_conf = 0;
    double share = -1;
    for (size_t gi = 0; gi < n_groups; gi++)
        for (size_t i = g[gi].first; i < g[gi].first + g[gi].n; i++) {
            if (p[i].s == NULL)
                continue; /* resumed: its tables were kept */
            table_cells(&p[i], crit, sizeof crit, year, sizeof year, conf, sizeof conf, last,
                        sizeof last);
            w_name = widest(w_name, p[i].s->name);
            w_crit = widest(w_crit, crit);
            w_year = widest(w_year, year);
            w_conf = widest(w_conf, conf);
            double c = p[i].s->criterion.confidence;
            share = share < 0 || share == c ? c : NAN;
        }
    if (!isnan(share) && share >= 0)
        snprintf(conf_head, sizeof conf_head, "in %g %% of weather years", 100 * share);
    w_conf = widest(w_conf, conf_head);
    printf("%-*s  %-*s  %-*s  %-*s  %s\n", w_name, "scenario", w_crit, "criterion", w_year,
           "autonomy year", w_conf, conf_head, "last year");
    for (size_t gi = 0; gi < n_groups; gi++)
        for (size_t i = g[gi].first; i < g[gi].first + g[gi].n; i++) {
            if (p[i].s == NULL)
                continue;
            table_cells(&p[i], crit, sizeof crit, year, sizeof year, conf, sizeof conf, last,
                        sizeof last);
            printf("%-*s  %-*s  %-*s  %-*s  %s\n", w_name, p[i].s->name, w_crit, crit, w_year,
                   year, w_conf, conf, last);
        }
    return 0;
}

/* ---- per-scenario files ---- */

typedef struct one_row {
    const au_pathway *p;
} one_row;

static int write_row(FILE *f, const void *ctx)
{
    au_summary_ctx sc = {((const one_row *)ctx)->p, 1};
    return au_write_summary(f, &sc);
}

/* The key of a scenario's inputs: version, samples, name, overrides and
 * the SHA-256 of every file it read. */
typedef struct inputs_ctx {
    const au_scenario *s;
    const au_variant *v;
    int samples;
    char key[65];
    char (*hash)[65];
    /* the tables written beside it, with their SHA-256 (--resume trusts a
     * folder only when every table is there with these bytes) */
    size_t n_tables;
    char table[2 + MAX_HOURLY][64];
    char table_sum[2 + MAX_HOURLY][65];
} inputs_ctx;

/* Notes table name, of SHA-256 sum, among those inputs.csv lists. */
static void note_table(inputs_ctx *c, const char *name, const char *sum)
{
    if (c->n_tables == 2 + MAX_HOURLY)
        return;
    snprintf(c->table[c->n_tables], sizeof c->table[0], "%s", name);
    snprintf(c->table_sum[c->n_tables], sizeof c->table_sum[0], "%s", sum);
    c->n_tables++;
}

static int inputs_compute(inputs_ctx *c)
{
    size_t cap = 4096, len = 0;
    char *text = malloc(cap);
    if (text == NULL || (c->hash = calloc(c->s->n_inputs + 1, sizeof *c->hash)) == NULL) {
        free(text);
        return -1;
    }
#define APPEND(...)                                                                 \
    do {                                                                            \
        int w_ = snprintf(text + len, cap - len, __VA_ARGS__);                      \
        while (w_ >= 0 && (size_t)w_ >= cap - len) {                                \
            char *t_ = realloc(text, cap * 2);                                      \
            if (t_ == NULL) {                                                       \
                free(text);                                                         \
                return -1;                                                          \
            }                                                                       \
            text = t_;                                                              \
            cap *= 2;                                                               \
            w_ = snprintf(text + len, cap - len, __VA_ARGS__);                      \
        }                                                                           \
        len += (size_t)w_;                                                          \
    } while (0)
    APPEND("autonomy %s\nscenario %s\nsamples %d\n", AU_VERSION, c->s->name, c->samples);
    for (size_t i = 0; c->v != NULL && i < c->v->n_ov; i++)
        APPEND("override %s = %s\n", c->v->ov[i].xpath, c->v->ov[i].value);
    for (size_t i = 0; i < c->s->n_inputs; i++) {
        if (au_sha256_file(c->s->inputs[i], c->hash[i]) != 0)
            snprintf(c->hash[i], 65, "unreadable");
        APPEND("%s\n", c->hash[i]);
    }
#undef APPEND
    au_sha256_str(text, c->key);
    free(text);
    return 0;
}

static int write_inputs(FILE *f, const void *vctx)
{
    const inputs_ctx *c = vctx;
    fputs("kind,name,sha256\n", f);
    for (size_t i = 0; i < c->s->n_inputs; i++) {
        fputs("file,", f);
        au_csv_str(f, c->s->inputs[i]);
        fprintf(f, ",%s\n", c->hash[i]);
    }
    for (size_t k = 0; k < c->n_tables; k++)
        fprintf(f, "table,%s,%s\n", c->table[k], c->table_sum[k]);
    fprintf(f, "key,inputs,%s\n", c->key);
    return 0;
}

/* 1 when dir/<scenario> holds tables made from the same inputs: its
 * inputs.csv has the key, and every table it needs (yearly, summary row,
 * the --hourly years) is listed there with the SHA-256 it has now, so that
 * a table cut short or edited since is run again. */
static int up_to_date(const char *sdir, const inputs_ctx *c, const int *hourly, int n_hourly)
{
    char path[4400], line[512], want[128], name[64], sum[65], now[65];
    snprintf(path, sizeof path, "%s/inputs.csv", sdir);
    FILE *f = au_fopen_regular(path, NULL);
    int same = 0, ok = 1;
    size_t verified = 0;
    if (f == NULL)
        return 0;
    snprintf(want, sizeof want, "key,inputs,%s\n", c->key);
    char need[2 + MAX_HOURLY][32];
    size_t n_need = 2;
    snprintf(need[0], sizeof need[0], "yearly.csv");
    snprintf(need[1], sizeof need[1], "summary-row.csv");
    for (int k = 0; k < n_hourly && k < MAX_HOURLY; k++)
        snprintf(need[n_need++], sizeof need[0], "hourly-%d.csv", hourly[k]);
    while (fgets(line, sizeof line, f) != NULL) {
        if (strcmp(line, want) == 0)
            same = 1;
        if (sscanf(line, "table,%63[^,],%64[0-9a-f]", name, sum) != 2)
            continue;
        snprintf(path, sizeof path, "%s/%s", sdir, name);
        if (au_sha256_file(path, now) != 0 || strcmp(now, sum) != 0)
            ok = 0;
        for (size_t k = 0; k < n_need; k++)
            if (strcmp(need[k], name) == 0) {
                need[k][0] = '\0'; /* once */
                verified++;
            }
    }
    fclose(f);
    return same && ok && verified == n_need;
}

/* ---- the group's summary and manifest ---- */

typedef struct group_ctx {
    const group *g;
    const au_pathway *paths;    /* per scenario of the group (s NULL: resumed) */
    char *const *sdirs;     /* per scenario of the group: its folder */
    au_scenario *const *scen;
    const inputs_ctx *in;
    const au_run_opts *o;
    int threads;
} group_ctx;

/* The summary row of pathway p, formatted in memory, to f: with its header
 * line when header. */
static int summary_row(FILE *f, const au_pathway *p, int header)
{
    char *buf = NULL;
    size_t len = 0;
    au_summary_ctx sc = {p, 1};
    FILE *m = open_memstream(&buf, &len);
    if (m == NULL)
        return -1;
    int bad = au_write_summary(m, &sc) != 0;
    bad |= fclose(m) != 0;
    if (!bad) {
        const char *nl = header ? NULL : strchr(buf, '\n');
        fputs(nl != NULL ? nl + 1 : buf, f);
    }
    free(buf);
    return bad ? -1 : 0;
}

/* summary.csv: the header and each scenario's row, formatted from its
 * pathway, or, for a resumed scenario, read from its folder (its
 * summary-row.csv is the same row), so that resumed and fresh scenarios give
 * the same file */
static int write_group_summary(FILE *f, const void *vctx)
{
    const group_ctx *c = vctx;
    char line[65536];
    for (size_t i = 0; i < c->g->n; i++) {
        if (c->paths[i].s != NULL) {
            if (summary_row(f, &c->paths[i], i == 0) != 0)
                return -1;
            continue;
        }
        char path[4400];
        snprintf(path, sizeof path, "%s/summary-row.csv", c->sdirs[i]);
        FILE *r = au_fopen_regular(path, NULL);
        if (r == NULL)
            return -1;
        int lineno = 0;
        while (fgets(line, sizeof line, r) != NULL) {
            if (lineno++ == 0 && i > 0)
                continue; /* the header once */
            fputs(line, f);
        }
        fclose(r);
    }
    return 0;
}

static int write_manifest(FILE *f, const void *vctx)
{
    const group_ctx *c = vctx;
    char date[64];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    fputs("kind,name,value\n", f);
    fprintf(f, "program,autonomy,%s\n", AU_VERSION);
    fprintf(f, "run,date_utc,%s\n", date);
    fprintf(f, "run,threads,%d\n", c->threads);
    if (c->g->batch != NULL) {
        char hex[65];
        fputs("batch,", f);
        au_csv_str(f, c->g->batch);
        fprintf(f, ",%s\n", au_sha256_file(c->g->batch, hex) == 0 ? hex : "unreadable");
    }
    for (size_t i = 0; i < c->g->n; i++) {
        const au_scenario *s = c->scen[i];
        int samples = c->o->samples >= 0 ? c->o->samples : s->weather.samples;
        fputs("scenario,", f);
        au_csv_str(f, s->name);
        if (s->weather.source == AU_WEATHER_YEARS && s->weather.n_year_files > 0)
            fprintf(f, ",samples: the %zu recorded years of its weather files, one a file in "
                       "their order, the first the typical one; inputs %s\n",
                    s->weather.n_year_files, c->in[i].key);
        else if (s->weather.source == AU_WEATHER_YEARS)
            fprintf(f, ",samples: every recorded year of its weather file, the first the "
                       "typical one; inputs %s\n", c->in[i].key);
        else
            fprintf(f, ",seed %lu; samples %d; inputs %s\n", s->weather.seed, samples,
                    c->in[i].key);
        /* the weather of each year: as it is, or morphed by the trend */
        fputs("climate,", f);
        au_csv_str(f, s->name);
        if (!s->climate.present)
            fputs(",none: every year has the weather as it is\n", f);
        else
            fprintf(f, ",%s: each year's weather morphed by its change (docs/weather.md); "
                       "warming %.3g K in %d and %.3g K in %d\n",
                    s->climate.preset ? s->climate.preset : "given in the scenario",
                    au_traj_eval(&s->climate.warming_k, s->year_start), s->year_start,
                    au_traj_eval(&s->climate.warming_k, s->year_end), s->year_end);
        for (size_t k = 0; k < s->n_inputs; k++) {
            fputs("input,", f);
            au_csv_str(f, s->inputs[k]);
            fprintf(f, ",%s\n", c->in[i].hash[k]);
        }
        /* what was done to read an input: a load curve's steps into hours */
        for (size_t k = 0; k < s->n_input_notes; k++) {
            fputs("input-note,", f);
            au_csv_str(f, s->name);
            fputc(',', f);
            au_csv_str(f, s->input_notes[k]);
            fputc('\n', f);
        }
    }
    return 0;
}

/* ---- the command, step by step ---- */

typedef struct run_cmd {
    const char *out;            /* --out DIR */
    au_run_opts o;              /* --samples, --threads; progress */
    int hourly[MAX_HOURLY];     /* --hourly YEAR... */
    int n_hourly, quiet, resume, help;
    const char *report_scen;    /* --report-scenario NAME, or NULL */
    int shard_k, shard_n;       /* --shard K/N (N 0: the whole run) */
    const au_merge *merge;      /* joining shards (au_cli_run_merge), or NULL */
    int *owner;                 /* per scenario, with shards: its shard, 0 .. N − 1 */
    int ranked;                 /* rank 0 of an MPI job: the tables came from ranks */
    int lock_fd;                /* DIR/.autonomy.lock, held until the process ends */
    int made_out;               /* DIR did not exist before the lock made it */
    char stage[4096];           /* DIR/.run.autonomy-tmp-XXXXXX: written, then published */
    char **files;               /* the FILE arguments */
    int n_files;
    au_diags d;
    au_batch **batches;         /* per file: its batch, or NULL */
    group *groups;              /* one per batch and per loose scenario file, in
                                 * the order of the inputs */
    size_t n_groups;
    au_scenario **scen;         /* every scenario, group after group */
    const au_variant **var;     /* per scenario: its variant in a batch, or NULL */
    size_t n, cap;
    inputs_ctx *in;             /* per scenario: the key of its inputs */
    char **sdirs;               /* per scenario: its folder */
    char **wdirs;               /* per scenario: its folder in the stage */
    unsigned char *staged;      /* per scenario: 1 when its tables are in the stage
                                 * already (from a shard, or from a rank) */
    au_pathway *paths;          /* per scenario: its results (s NULL: resumed) */
    au_pathway *back;           /* per resumed scenario: its tables read back */
} run_cmd;

static au_status oom(void)
{
    fputs("autonomy run: out of memory\n", stderr);
    return AU_ENOMEM;
}

/* --samples, --threads or --hourly (option c) with the value optarg. */
static au_status number_option(run_cmd *r, int c)
{
    char *end;
    errno = 0;
    long v = strtol(optarg, &end, 10);
    if (end == optarg || *end != '\0' || errno != 0 || v < 0 || (c == 'n' && v > 100000) ||
        (c == 't' && v > 4096) || (c == 'y' && (v < 1900 || v > 2200))) {
        fprintf(stderr, "autonomy run: --%s '%s' (expected %s)\n",
                c == 'n' ? "samples" : c == 't' ? "threads" : "hourly", optarg,
                c == 'n'   ? "a number of samples, 0 to 100000"
                : c == 't' ? "a number of threads, 1 to 4096 (0: the default)"
                           : "a year of the horizon, such as 2050");
        return AU_EUSAGE;
    }
    if (c == 'n')
        r->o.samples = (int)v;
    else if (c == 't')
        r->o.threads = (int)v;
    else if (r->n_hourly == MAX_HOURLY) {
        fprintf(stderr, "autonomy run: too many --hourly (expected at most %d)\n", MAX_HOURLY);
        return AU_EUSAGE;
    } else
        r->hourly[r->n_hourly++] = (int)v;
    return AU_OK;
}

/* --shard K/N: 1 ≤ K ≤ N ≤ 100000. */
static au_status shard_option(run_cmd *r)
{
    int k, n, used = 0;
    if (sscanf(optarg, "%d/%d%n", &k, &n, &used) != 2 || optarg[used] != '\0' || n < 1 ||
        n > 100000 || k < 1 || k > n) {
        fprintf(stderr, "autonomy run: --shard '%s' (expected K/N, the K-th of N parts, "
                        "1 <= K <= N <= 100000, such as 2/8)\n", optarg);
        return AU_EUSAGE;
    }
    r->shard_k = k;
    r->shard_n = n;
    return AU_OK;
}

/* The options and the files; --help prints the help and sets r->help. */
static au_status parse_options(run_cmd *r, int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},     {"samples", required_argument, NULL, 'n'},
        {"threads", required_argument, NULL, 't'}, {"hourly", required_argument, NULL, 'y'},
        {"quiet", no_argument, NULL, 'q'},         {"resume", no_argument, NULL, 'r'},
        {"report-scenario", required_argument, NULL, 'R'},
        {"shard", required_argument, NULL, 'S'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0},
    };
    int c;
    au_status st = AU_OK;
    optind = 1;
    while (st == AU_OK && (c = getopt_long(argc, argv, "+qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            r->out = optarg;
            if (au_cli_empty("run", "--out", optarg, "a folder's name"))
                return AU_EUSAGE;
            break;
        case 'n':
        case 't':
        case 'y': st = number_option(r, c); break;
        case 'q': r->quiet = 1; break;
        case 'r': r->resume = 1; break;
        case 'R': r->report_scen = optarg; break;
        case 'S': st = shard_option(r); break;
        case 'h':
            fputs(au_cli_run_help, stdout);
            r->help = 1;
            return AU_OK;
        default:
            fputs("Try 'autonomy run --help'.\n", stderr);
            return AU_EUSAGE;
        }
    }
    if (st != AU_OK)
        return st;
    r->files = argv + optind;
    r->n_files = argc - optind;
    if (r->n_files <= 0) {
        fputs("autonomy run: no scenario given (expected one or more scenario or batch "
              "files)\nTry 'autonomy run --help'.\n", stderr);
        return AU_EUSAGE;
    }
    return AU_OK;
}

/* Room for want more scenarios; -1 when out of memory. */
static int grow(run_cmd *r, size_t want)
{
    if (r->n + want <= r->cap)
        return 0;
    r->cap = 2 * (r->n + want);
    au_scenario **s2 = realloc(r->scen, r->cap * sizeof *s2);
    if (s2 == NULL)
        return -1;
    r->scen = s2;
    const au_variant **v2 = realloc(r->var, r->cap * sizeof *v2);
    if (v2 == NULL)
        return -1;
    r->var = v2;
    return 0;
}

/* A loose scenario file: a group of its own, a batch of one. */
static au_status add_loose(run_cmd *r, const char *file)
{
    group *g = &r->groups[r->n_groups++];
    g->first = r->n;
    g->n = 1;
    r->scen[r->n] = NULL;
    r->var[r->n] = NULL;
    au_status st = au_scenario_load(file, &r->scen[r->n], &r->d);
    r->n++;
    return st;
}

/* The scenarios of batch b: a group of their own. */
static au_status add_batch(run_cmd *r, const au_batch *b)
{
    group *g = &r->groups[r->n_groups++];
    g->batch = b->file;
    g->first = r->n;
    g->n = b->n;
    for (size_t i = 0; i < b->n; i++) {
        r->scen[r->n + i] = NULL;
        r->var[r->n + i] = &b->v[i];
    }
    au_status st = au_batch_load_scenarios(b, r->scen + r->n, &r->d);
    r->n += b->n;
    return st;
}

/* Reads every file, each scenario and each batch with its scenarios; every
 * problem goes to r->d.  Returns the first failure. */
static au_status load_inputs(run_cmd *r)
{
    au_status first = AU_OK;
    r->batches = calloc((size_t)r->n_files, sizeof *r->batches);
    r->groups = calloc((size_t)r->n_files + 1, sizeof *r->groups);
    if (r->batches == NULL || r->groups == NULL)
        return oom();
    for (int a = 0; a < r->n_files; a++) {
        const char *file = r->files[a];
        size_t want = 1;
        au_status st = AU_OK;
        if (au_file_is_batch(file)) {
            st = au_batch_load(file, &r->batches[a], &r->d);
            if (st == AU_OK)
                want = r->batches[a]->n;
        }
        if (st == AU_OK && grow(r, want) != 0)
            return oom();
        if (st == AU_OK)
            st = r->batches[a] == NULL ? add_loose(r, file) : add_batch(r, r->batches[a]);
        if (first == AU_OK)
            first = st;
    }
    return au_cli_input_status(first);
}

/* The folders: DIR/<batch> for a batch, DIR/<scenario> for a loose
 * scenario file (a batch of one), one name per folder. */
static au_status name_folders(run_cmd *r)
{
    char name[128], path[4400];
    au_status st = AU_OK;
    for (size_t g = 0; g < r->n_groups; g++) {
        group *gr = &r->groups[g];
        const char *shown = r->scen[gr->first]->name, *file = r->scen[gr->first]->file;
        for (int a = 0; a < r->n_files; a++)
            if (gr->batch != NULL && r->batches[a] != NULL && r->batches[a]->file == gr->batch)
                shown = r->batches[a]->name, file = gr->batch;
        au_safe_name(name, sizeof name, shown);
        snprintf(path, sizeof path, "%s/%s", r->out, name);
        gr->dir = strdup(path);
        if (gr->dir == NULL)
            return oom();
        for (size_t h = 0; h < g; h++)
            if (strcmp(r->groups[h].dir, path) == 0) {
                const group *o = &r->groups[h];
                au_diags_add(&r->d, file, 0, "%s name '%s' is already used by %s (expected "
                             "one name per batch and per scenario file given alone: they name "
                             "the result folders, here %s)", gr->batch ? "batch" : "scenario",
                             shown, o->batch ? o->batch : r->scen[o->first]->file, path);
                st = AU_EINVAL;
            }
    }
    return st;
}

/* The scenarios of one group: --hourly inside each horizon, one name per
 * scenario. */
static au_status check_group(run_cmd *r, const group *gr)
{
    au_status st = AU_OK;
    au_scenario **scen = r->scen;
    for (size_t i = gr->first; i < gr->first + gr->n; i++) {
        for (int k = 0; k < r->n_hourly; k++)
            if (r->hourly[k] < scen[i]->year_start || r->hourly[k] > scen[i]->year_end) {
                au_diags_add(&r->d, scen[i]->file, 0, "--hourly %d is outside the horizon "
                             "%d-%d of scenario '%s'", r->hourly[k], scen[i]->year_start,
                             scen[i]->year_end, scen[i]->name);
                st = AU_EINVAL;
            }
        char a[128], b[128];
        au_safe_name(a, sizeof a, scen[i]->name);
        for (size_t j = gr->first; j < i; j++) {
            au_safe_name(b, sizeof b, scen[j]->name);
            if (strcmp(a, b) == 0) {
                au_diags_add(&r->d, scen[i]->file, 0, "scenario name '%s' is already used by "
                             "%s (expected one name per scenario: they name the result "
                             "folders)", scen[i]->name, scen[j]->file);
                st = AU_EINVAL;
            }
        }
    }
    return st;
}

static au_status plan_shards(run_cmd *r);
static int mine(const run_cmd *r, size_t i);

/* The samples a process may run (docs/robustness.md, "Limits"): memory
 * does not grow with them (a round of a few samples per thread at a time;
 * each sample's yearly indicators, 8 bytes a year, go to an anonymous
 * temporary file in TMPDIR for the percentiles; measured with
 * tests/data/minimal.xml: 18.0 MB of peak memory at 100, 1,000 and 4,000
 * samples), but that file does: 4,000,000 samples of 31 years keep about
 * 1 GB in it until the run ends, and take about a day (22 ms a sample for
 * minimal.xml on one core). */
#define MAX_SAMPLES_HELD 4000000.0

/* Whether the samples of the scenarios this process runs fit that bound;
 * says so when not (usage: fewer samples, or shards). */
static au_status check_samples(const run_cmd *r)
{
    double held = 0, bytes = 0;
    size_t m = 0;
    for (size_t i = 0; i < r->n; i++)
        if (mine(r, i)) {
            double k = r->o.samples >= 0 ? r->o.samples : r->scen[i]->weather.samples;
            held += k;
            bytes += 8.0 * k * (r->scen[i]->year_end - r->scen[i]->year_start + 1);
            m++;
        }
    if (held <= MAX_SAMPLES_HELD)
        return AU_OK;
    fprintf(stderr, "autonomy run: %.0f samples over %zu scenarios would keep about %.1f GB "
                    "of yearly indicators in a temporary file until the run ends (expected at "
                    "most %.0f samples in all in one process: fewer --samples, or split the run "
                    "with --shard K/N)\n",
            held, m, bytes / 1e9, MAX_SAMPLES_HELD);
    return AU_EUSAGE;
}

/* Whether folder dir can be written to, or made: made, then the folders
 * made here removed again, so that nothing is left (errno set when not). */
static int can_write(const char *dir)
{
    char path[4400], top[4400];
    struct stat sb;
    if (stat(dir, &sb) == 0) {
        if (!S_ISDIR(sb.st_mode)) {
            errno = ENOTDIR;
            return 0;
        }
        return access(dir, W_OK | X_OK) == 0;
    }
    /* top: the nearest folder of the path that exists */
    snprintf(top, sizeof top, "%s", dir);
    while (stat(top, &sb) != 0) {
        char *slash = strrchr(top, '/');
        while (slash != NULL && slash > top && slash[1] == '\0') {
            *slash = '\0';
            slash = strrchr(top, '/');
        }
        if (slash == NULL) {
            snprintf(top, sizeof top, ".");
            break;
        }
        if (slash == top) {
            top[1] = '\0';
            break;
        }
        *slash = '\0';
    }
    if (au_mkdir_p(dir) != 0)
        return 0;
    int ok = access(dir, W_OK | X_OK) == 0;
    snprintf(path, sizeof path, "%s", dir);
    size_t keep = strcmp(top, ".") == 0 ? 0 : strlen(top);
    while (strlen(path) > keep && rmdir(path) == 0) {
        char *slash = strrchr(path, '/');
        if (slash == NULL)
            break;
        *slash = '\0';
    }
    return ok;
}

/* Each group's report scenario: --report-scenario where the group has it,
 * else its first; a name no group has is refused. */
static au_status report_scenarios(run_cmd *r)
{
    int found = 0;
    for (size_t g = 0; g < r->n_groups; g++) {
        group *gr = &r->groups[g];
        gr->report = gr->first;
        for (size_t i = gr->first; r->report_scen != NULL && i < gr->first + gr->n; i++)
            if (strcmp(r->scen[i]->name, r->report_scen) == 0) {
                gr->report = i;
                found = 1;
            }
    }
    if (r->report_scen == NULL || found)
        return AU_OK;
    fprintf(stderr, "autonomy run: --report-scenario '%s' is not among the scenarios run "
                    "(expected one of:", r->report_scen);
    for (size_t i = 0; i < r->n; i++)
        fprintf(stderr, "%s %s", i ? "," : "", r->scen[i]->name);
    fputs(")\n", stderr);
    return AU_EUSAGE;
}

/* The door: every input read and checked before anything runs, every
 * problem printed. */
static au_status read_inputs(run_cmd *r)
{
    au_status st = load_inputs(r);
    if (st == AU_OK)
        st = name_folders(r);
    for (size_t g = 0; g < r->n_groups && st == AU_OK; g++)
        st = check_group(r, &r->groups[g]);
    if (st != AU_OK)
        au_diags_print(&r->d, stderr);
    else
        st = report_scenarios(r);
    if (st == AU_OK && r->shard_n > 0)
        st = plan_shards(r);
    if (st == AU_OK)
        st = check_samples(r);
    /* the folder written to, known before anything runs (a merge makes it
     * only once its shards are known to be complete) */
    if (st == AU_OK && r->merge == NULL && !can_write(r->out)) {
        fprintf(stderr, "autonomy run: cannot write to %s: %s (expected a folder that can be "
                        "created and written to); nothing was run\n", r->out, strerror(errno));
        st = AU_EIO;
    }
    return st;
}

/* ---- shards: the parts of a run (--shard K/N) and their joining ---- */

/* What scenario s costs to run, in units of one end-use hour: its tasks
 * (the typical year and each sample, every year) times the columns each
 * hour balances (its members, and about eight of the network: import,
 * export, curtailment, unserved, ...).  An estimate, for balancing. */
static double scenario_cost(const au_scenario *s, int samples)
{
    const au_district_heating *dh = &s->district_heating;
    size_t members = s->n_pv + s->n_wind + s->n_fixed + s->n_plants + s->n_batteries +
                     s->n_hydrogen + s->n_uses + s->n_mobility + dh->n_plants + dh->n_storages;
    return (1.0 + samples) * (s->year_end - s->year_start + 1) * (8.0 + (double)members);
}

typedef struct costed {
    double cost;
    size_t i;
} costed;

static int by_cost(const void *a, const void *b)
{
    const costed *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost < y->cost ? 1 : -1;
    return (x->i > y->i) - (x->i < y->i);
}

/* Each scenario's shard: the scenarios from the costliest down (ties: in
 * their order), each to the shard with the least cost so far (ties: the
 * lowest), the longest-processing-time rule (within 4/3 of the best
 * balance, Graham 1969).  It depends only on the inputs and N, so every
 * shard and the merge work out the same parts. */
static au_status plan_shards(run_cmd *r)
{
    r->owner = calloc(r->n + 1, sizeof *r->owner);
    costed *c = calloc(r->n + 1, sizeof *c);
    double *load = calloc((size_t)r->shard_n, sizeof *load);
    if (r->owner == NULL || c == NULL || load == NULL) {
        free(c);
        free(load);
        return oom();
    }
    for (size_t i = 0; i < r->n; i++) {
        int samples = r->o.samples >= 0 ? r->o.samples : r->scen[i]->weather.samples;
        c[i] = (costed){scenario_cost(r->scen[i], samples), i};
    }
    qsort(c, r->n, sizeof *c, by_cost);
    for (size_t k = 0; k < r->n; k++) {
        int best = 0;
        for (int j = 1; j < r->shard_n; j++)
            if (load[j] < load[best])
                best = j;
        load[best] += c[k].cost;
        r->owner[c[k].i] = best;
    }
    free(c);
    free(load);
    return AU_OK;
}

/* Whether scenario i is run and written by this process: every scenario,
 * or with --shard K/N those of part K. */
static int mine(const run_cmd *r, size_t i)
{
    return r->shard_n == 0 || r->merge != NULL || r->owner[i] == r->shard_k - 1;
}

/* The bytes of the file ctx names, to f (au_write_atomic). */
static int copy_bytes(FILE *f, const void *ctx)
{
    FILE *in = au_fopen_regular(ctx, NULL);
    if (in == NULL)
        return -1;
    char buf[65536];
    size_t got;
    int bad = 0;
    while (!bad && (got = fread(buf, 1, sizeof buf, in)) > 0)
        bad = fwrite(buf, 1, got, f) != got;
    bad |= ferror(in) != 0;
    fclose(in);
    return bad ? -1 : 0;
}

/* The tables of a scenario folder src (the program's own, not its
 * temporary files) into dst, in a stage: each linked (the same file, no
 * copy), or, across file systems, copied atomically; inputs.csv last (it
 * marks the folder complete). */
static au_status copy_folder(const char *src, const char *dst)
{
    char from[9200], to[9200], why[256];
    if (au_mkdir_p(dst) != 0) {
        fprintf(stderr, "autonomy: cannot create %s: %s (expected a writable folder)\n",
                dst, strerror(errno));
        return AU_EIO;
    }
    DIR *d = opendir(src);
    if (d == NULL)
        return AU_EINVAL; /* said by the caller: the shard wrote no tables there */
    au_status st = AU_OK;
    for (int pass = 0; pass < 2 && st == AU_OK; pass++) {
        rewinddir(d);
        struct dirent *e;
        while (st == AU_OK && (e = readdir(d)) != NULL) {
            if (!au_is_own_table(e->d_name) || au_is_own_tmp(e->d_name) ||
                (strcmp(e->d_name, "inputs.csv") == 0) != (pass == 1))
                continue;
            snprintf(from, sizeof from, "%s/%s", src, e->d_name);
            snprintf(to, sizeof to, "%s/%s", dst, e->d_name);
            struct stat sb;
            if (lstat(from, &sb) != 0 || !S_ISREG(sb.st_mode))
                continue;
            if (link(from, to) == 0)
                continue;
            if (au_write_atomic(to, copy_bytes, from, why, sizeof why) != 0) {
                fprintf(stderr, "autonomy: cannot copy %s to %s: %s\n", from, to, why);
                st = AU_EIO;
            }
        }
    }
    closedir(d);
    return st;
}

/* The folder where scenario i's shard wrote its tables (src: 8800 bytes). */
static void shard_src(const run_cmd *r, size_t i, char *src)
{
    snprintf(src, 8800, "%s%s", r->merge->dirs[r->owner[i]], r->sdirs[i] + strlen(r->out));
}

/* Whether scenario i's shard wrote complete tables from the same inputs;
 * says so when not. */
static au_status shard_complete(const run_cmd *r, size_t i)
{
    char src[8800];
    shard_src(r, i, src);
    if (up_to_date(src, &r->in[i], r->hourly, r->n_hourly))
        return AU_OK;
    fprintf(stderr, "autonomy merge: %s: no complete tables of scenario '%s' from these "
                    "inputs (expected the tables of shard %d of %d: run it again with "
                    "--shard %d/%d)\n", src, r->scen[i]->name, r->owner[i] + 1, r->shard_n,
            r->owner[i] + 1, r->shard_n);
    return AU_EINVAL;
}

static au_status lock_folder(run_cmd *r);
static au_status open_stage(run_cmd *r);

/* Every scenario's tables, from the folder of the shard that wrote them
 * into the stage, once every shard's are known to be complete: a merge
 * that fails writes nothing. */
static au_status from_shards(run_cmd *r)
{
    au_status st = AU_OK;
    for (size_t i = 0; i < r->n; i++) {
        au_status si = shard_complete(r, i);
        st = st == AU_OK ? si : st;
    }
    if (st == AU_OK)
        st = lock_folder(r);
    if (st == AU_OK)
        st = open_stage(r);
    for (size_t i = 0; i < r->n && st == AU_OK; i++) {
        char src[8800];
        shard_src(r, i, src);
        st = copy_folder(src, r->wdirs[i]);
        r->staged[i] = 1;
    }
    return st;
}

/* Each scenario's folder and inputs key; the scenarios to run (all, or with
 * --resume those whose tables are not up to date) go to to_run, their
 * places in r->scen to run_idx. */
static au_status plan_runs(run_cmd *r, au_scenario **to_run, size_t *run_idx, size_t *n_run)
{
    *n_run = 0;
    for (size_t g = 0; g < r->n_groups; g++)
        for (size_t i = r->groups[g].first; i < r->groups[g].first + r->groups[g].n; i++) {
            char name[128], path[4400];
            au_safe_name(name, sizeof name, r->scen[i]->name);
            snprintf(path, sizeof path, "%s/%s", r->groups[g].dir, name);
            r->sdirs[i] = strdup(path);
            r->in[i].s = r->scen[i];
            r->in[i].v = r->var[i];
            r->in[i].samples = r->o.samples >= 0 ? r->o.samples : r->scen[i]->weather.samples;
            if (r->sdirs[i] == NULL || inputs_compute(&r->in[i]) != 0)
                return oom();
            if (!mine(r, i))
                continue; /* another shard's */
            if (r->merge != NULL)
                continue; /* from its shard, below */
            if (r->resume && up_to_date(r->sdirs[i], &r->in[i], r->hourly, r->n_hourly))
                continue;
            run_idx[*n_run] = i;
            to_run[(*n_run)++] = r->scen[i];
        }
    return r->merge != NULL ? from_shards(r) : open_stage(r);
}

/* 1 when scenario i is its group's report scenario. */
static int group_first(const run_cmd *r, size_t i)
{
    for (size_t g = 0; g < r->n_groups; g++)
        if (r->groups[g].n > 0 && r->groups[g].report == i)
            return 1;
    return 0;
}

/* Holds DIR/.autonomy.lock (a POSIX record lock, fcntl(2): let go when the
 * process ends, even killed), for writing by a run or a merge, for reading
 * by the shards of a run, which write one folder together: a second run on
 * the same folder stops at once, naming the process that holds it
 * (F_GETLK).  The file stays empty, so that folders compare equal. */
static au_status lock_folder(run_cmd *r)
{
    char path[4400];
    if (r->lock_fd > 0)
        return AU_OK;
    snprintf(path, sizeof path, "%s/.autonomy.lock", r->out);
    struct stat sb;
    r->made_out = stat(r->out, &sb) != 0;
    int fd = au_mkdir_p(r->out) == 0
                 ? open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666)
                 : -1;
    if (fd < 0) {
        fprintf(stderr, "autonomy run: cannot lock %s: %s (expected a writable folder)\n", path,
                strerror(errno));
        return AU_EIO;
    }
    int shared = r->shard_n > 0 && r->merge == NULL;
    struct flock fl = {.l_type = shared ? F_RDLCK : F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(fd, F_SETLK, &fl) != 0) {
        struct flock who = {.l_type = shared ? F_RDLCK : F_WRLCK, .l_whence = SEEK_SET};
        long pid = fcntl(fd, F_GETLK, &who) == 0 && who.l_type != F_UNLCK ? (long)who.l_pid : 0;
        char id[48] = "";
        if (pid > 0)
            snprintf(id, sizeof id, " (process %ld)", pid);
        fprintf(stderr, "autonomy run: another autonomy%s is writing to %s (expected one run "
                        "at a time in a folder, the shards of one run aside: wait for it, or "
                        "give another --out); nothing was run\n", id, r->out);
        close(fd);
        return AU_EIO;
    }
    r->lock_fd = fd;
    return AU_OK;
}

/* Whether path is there and is not a folder (a file, a symbolic link):
 * then said, and the run stops before it runs anything. */
static int not_a_folder(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0 || S_ISDIR(sb.st_mode))
        return 0;
    fprintf(stderr, "autonomy run: %s is %s (expected a results folder, or nothing: move it "
                    "away or give another --out); nothing was run\n", path,
            S_ISLNK(sb.st_mode) ? "a symbolic link" : "not a folder");
    return 1;
}

/* The stage (stage.h) this run writes into, made once the folder is
 * locked: a folder per group (g0, g1, ...), each scenario's folder in its
 * group's.  A run that holds the folder alone first removes what runs
 * killed before they could clean up left (shards share the folder, so they
 * leave that to the merge).  The folders the run publishes into must be
 * folders, or nothing (checked now, before anything runs). */
static au_status open_stage(run_cmd *r)
{
    int shard = r->shard_n > 0 && r->merge == NULL;
    char tag[64], path[4400];
    int bad = 0;
    for (size_t g = 0; g < r->n_groups; g++)
        if (r->groups[g].n > 0)
            bad |= not_a_folder(r->groups[g].dir);
    for (size_t i = 0; i < r->n; i++)
        if (mine(r, i))
            bad |= not_a_folder(r->sdirs[i]);
    if (bad)
        return AU_EIO;
    if (!shard)
        remove_stale(r->out);
    snprintf(tag, sizeof tag, shard ? "shard-%d-of-%d" : "run", r->shard_k, r->shard_n);
    if (au_stage_make(r->out, tag, r->stage) != 0) {
        fprintf(stderr, "autonomy run: cannot make a folder in %s: %s (expected a writable "
                        "folder)\n", r->out, strerror(errno));
        return AU_EIO;
    }
    for (size_t g = 0; g < r->n_groups; g++) {
        group *gr = &r->groups[g];
        snprintf(path, sizeof path, "%s/g%zu", r->stage, g);
        gr->wdir = strdup(path);
        if (gr->wdir == NULL)
            return oom();
        if (mkdir(gr->wdir, 0777) != 0) {
            fprintf(stderr, "autonomy run: cannot create %s: %s (expected a writable "
                            "folder)\n", gr->wdir, strerror(errno));
            return AU_EIO;
        }
        for (size_t i = gr->first; i < gr->first + gr->n; i++) {
            snprintf(path, sizeof path, "%s%s", gr->wdir, r->sdirs[i] + strlen(gr->dir));
            r->wdirs[i] = strdup(path);
            if (r->wdirs[i] == NULL)
                return oom();
        }
    }
    return AU_OK;
}

/* Publishes the stage (stage.h): each group's folder (a batch's, a loose
 * scenario's) exchanged whole, so that a reader never sees half of one run
 * and half of another; a shard publishes its scenarios' folders only (the
 * merge writes the rest).  A signal that comes meanwhile waits until it is
 * done. */
static au_status publish(run_cmd *r)
{
    char why[256];
    int shard = r->shard_n > 0 && r->merge == NULL;
    au_status st = AU_OK;
    au_stage_publish_begin();
    for (size_t g = 0; g < r->n_groups && st == AU_OK; g++) {
        group *gr = &r->groups[g];
        if (gr->n == 0)
            continue;
        if (!shard) {
            if (au_stage_swap(gr->wdir, gr->dir, why, sizeof why) != 0) {
                fprintf(stderr, "autonomy run: cannot put %s in place of %s: %s\n", gr->wdir,
                        gr->dir, why);
                st = AU_EIO;
            }
            continue;
        }
        if (au_mkdir_p(gr->dir) != 0) {
            fprintf(stderr, "autonomy run: cannot create %s: %s\n", gr->dir, strerror(errno));
            st = AU_EIO;
        }
        for (size_t i = gr->first; i < gr->first + gr->n && st == AU_OK; i++)
            if (mine(r, i) && au_stage_swap(r->wdirs[i], r->sdirs[i], why, sizeof why) != 0) {
                fprintf(stderr, "autonomy run: cannot put %s in place of %s: %s\n",
                        r->wdirs[i], r->sdirs[i], why);
                st = AU_EIO;
            }
    }
    au_stage_publish_end();
    return st;
}

/* After a failure: the stage is removed, and a results folder this run
 * made and wrote nothing into but its lock too (it leaves no partial
 * output). */
static void unmake_out(run_cmd *r)
{
    char path[4400];
    au_stage_discard();
    if (r->lock_fd <= 0 || !r->made_out)
        return;
    snprintf(path, sizeof path, "%s/.autonomy.lock", r->out);
    DIR *d = opendir(r->out);
    int others = 0;
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL)
        others += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
                  strcmp(e->d_name, ".autonomy.lock") != 0;
    if (d != NULL)
        closedir(d);
    if (d == NULL || others)
        return;
    unlink(path);
    rmdir(r->out);
}

/* The run's per-scenario arrays, and the scenarios to run (plan_runs):
 * *to_run and *run_idx allocated here (free them, even on failure). */
static au_status plan(run_cmd *r, au_scenario ***to_run, size_t **run_idx, size_t *n_run)
{
    r->in = calloc(r->n + 1, sizeof *r->in);
    r->sdirs = calloc(r->n + 1, sizeof *r->sdirs);
    r->wdirs = calloc(r->n + 1, sizeof *r->wdirs);
    r->staged = calloc(r->n + 1, 1);
    r->paths = calloc(r->n + 1, sizeof *r->paths);
    *to_run = calloc(r->n + 1, sizeof **to_run);
    *run_idx = calloc(r->n + 1, sizeof **run_idx);
    *n_run = 0;
    if (r->in == NULL || r->sdirs == NULL || r->wdirs == NULL || r->staged == NULL ||
        r->paths == NULL ||
        *to_run == NULL ||
        *run_idx == NULL)
        return oom();
    au_status st = r->merge == NULL ? lock_folder(r) : AU_OK; /* a merge: once its shards are known */
    return st != AU_OK ? st : plan_runs(r, *to_run, *run_idx, n_run);
}

/* Runs the scenarios planned; their pathways go to r->paths. */
static au_status run_scenarios(run_cmd *r)
{
    au_scenario **to_run;
    size_t *run_idx, n_run;
    au_pathway *ran = NULL;
    au_status st = plan(r, &to_run, &run_idx, &n_run);
    unsigned char *keep_last = calloc(n_run + 1, 1);
    if (st == AU_OK && keep_last == NULL)
        st = oom();
    if (st == AU_OK) {
        r->o.progress = !r->quiet && isatty(STDERR_FILENO);
        /* the flow tables written: the --hourly years, and the last year of
         * each report's scenario (its group's first) */
        r->o.keep_years = r->hourly;
        r->o.n_keep = r->n_hourly;
        for (size_t k = 0; k < n_run; k++)
            keep_last[k] = (unsigned char)group_first(r, run_idx[k]);
        r->o.keep_last = keep_last;
        ran = calloc(n_run + 1, sizeof *ran);
        st = ran == NULL ? oom() : n_run == 0 ? AU_OK : au_run(to_run, n_run, &r->o, ran, &r->d);
        if (st != AU_OK && ran != NULL)
            au_diags_print(&r->d, stderr);
    }
    for (size_t k = 0; st == AU_OK && k < n_run; k++)
        r->paths[run_idx[k]] = ran[k];
    free(ran);
    free(to_run);
    free(run_idx);
    free(keep_last);
    r->o.keep_last = NULL;
    return st;
}

/* The resumed scenarios' pathways, read back from the tables an earlier run
 * wrote, for the reports; a report's scenario (its group's first) runs its
 * last year again for the flows its dispatch weeks draw. */
static au_status read_resumed(run_cmd *r)
{
    au_status st = AU_OK;
    r->back = calloc(r->n + 1, sizeof *r->back);
    if (r->back == NULL)
        return oom();
    for (size_t i = 0; i < r->n && st == AU_OK; i++) {
        if (r->paths[i].s != NULL || !mine(r, i))
            continue;
        /* a merge's and a rank's tables are in the stage; --resume's in the folder */
        st = au_pathway_read(r->scen[i], r->staged[i] ? r->wdirs[i] : r->sdirs[i],
                             &r->back[i], &r->d);
        if (st == AU_OK && group_first(r, i))
            st = au_run_keep(r->scen[i], r->scen[i]->year_end, &r->back[i], &r->d);
    }
    if (st != AU_OK)
        au_diags_print(&r->d, stderr);
    return st;
}

/* <scenario>/hourly-YEAR.csv of scenario i, from the flow table its run
 * kept. */
static au_status write_hourly(run_cmd *r, size_t i, int year)
{
    char path[4400];
    const au_flow_table *ft = au_pathway_flows(&r->paths[i], year);
    if (ft == NULL) {
        fprintf(stderr, "autonomy run: scenario '%s' kept no flows of %d (a bug)\n",
                r->scen[i]->name, year);
        return AU_EINTERNAL;
    }
    snprintf(path, sizeof path, "%s/hourly-%d.csv", r->wdirs[i], year);
    au_hourly_out o = {ft, r->scen[i]->territory.utc_offset_h};
    return write_table(path, au_write_hourly, &o) != 0 ? AU_EIO : AU_OK;
}

/* The SHA-256 of the table just written at path, noted as name. */
static int note_written(inputs_ctx *c, const char *path, const char *name)
{
    char sum[65];
    if (au_sha256_file(path, sum) != 0) {
        fprintf(stderr, "autonomy run: cannot read back %s (expected the table just written)\n",
                path);
        return -1;
    }
    note_table(c, name, sum);
    return 0;
}

/* The folder of scenario i in the stage, with its tables: written, or, when
 * it was resumed, those of its folder. */
static au_status write_scenario(run_cmd *r, size_t i)
{
    char path[4400];
    if (r->paths[i].s == NULL) /* resumed, from a shard or from a rank */
        return r->staged[i] ? AU_OK : copy_folder(r->sdirs[i], r->wdirs[i]);
    if (mkdir(r->wdirs[i], 0777) != 0) {
        fprintf(stderr, "autonomy run: cannot create %s: %s\n", r->wdirs[i], strerror(errno));
        return AU_EIO;
    }
    r->in[i].n_tables = 0;
    snprintf(path, sizeof path, "%s/yearly.csv", r->wdirs[i]);
    if (write_table(path, au_write_yearly, &r->paths[i]) != 0 ||
        note_written(&r->in[i], path, "yearly.csv") != 0)
        return AU_EIO;
    one_row row = {&r->paths[i]};
    snprintf(path, sizeof path, "%s/summary-row.csv", r->wdirs[i]);
    if (write_table(path, write_row, &row) != 0 ||
        note_written(&r->in[i], path, "summary-row.csv") != 0)
        return AU_EIO;
    for (int k = 0; k < r->n_hourly; k++) {
        char name[64];
        snprintf(name, sizeof name, "hourly-%d.csv", r->hourly[k]);
        snprintf(path, sizeof path, "%s/%s", r->wdirs[i], name);
        au_status st = write_hourly(r, i, r->hourly[k]);
        if (st == AU_OK && note_written(&r->in[i], path, name) != 0)
            st = AU_EIO;
        if (st != AU_OK)
            return st;
    }
    /* last: the inputs, which mark the folder complete for --resume */
    snprintf(path, sizeof path, "%s/inputs.csv", r->wdirs[i]);
    return write_table(path, write_inputs, &r->in[i]) != 0 ? AU_EIO : AU_OK;
}

/* report.html of a group, from its pathways: those run now, and those of
 * resumed scenarios read back from their tables.  Without a working gnuplot
 * (AU_ETOOL) the run says so, unless --quiet, and goes on: the tables are
 * the results. */
static au_status write_report(run_cmd *r, const group *gr)
{
    au_pathway *rp = calloc(gr->n + 1, sizeof *rp); /* views, not owned */
    if (rp == NULL)
        return oom();
    for (size_t i = 0; i < gr->n; i++) {
        size_t k = gr->first + i;
        rp[i] = r->paths[k].s != NULL ? r->paths[k] : r->back[k];
    }
    au_diags rd;
    au_diags_init(&rd);
    au_status st = au_report_write(gr->wdir, rp, gr->n, r->scen[gr->report]->name, &rd);
    free(rp);
    if (st == AU_ETOOL) {
        if (!r->quiet)
            fprintf(stderr, "autonomy run: no report.html in %s: gnuplot could not be run "
                            "(apt-get install gnuplot-nox); the tables are written\n", gr->dir);
        st = AU_OK;
    } else if (st != AU_OK) {
        au_diags_print(&rd, stderr);
    }
    au_diags_clear(&rd);
    return st;
}

/* A group's folder in the stage: its scenarios' tables, summary.csv,
 * manifest.csv and report.html. */
static au_status write_group(run_cmd *r, const group *gr)
{
    char path[4400];
    if (gr->n == 0)
        return AU_OK;
    for (size_t i = gr->first; i < gr->first + gr->n; i++) {
        au_status st = mine(r, i) ? write_scenario(r, i) : AU_OK;
        if (st != AU_OK)
            return st;
    }
    if (r->shard_n > 0 && r->merge == NULL)
        return AU_OK; /* a shard: the merge writes the rest */
    group_ctx gc = {gr, r->paths + gr->first, r->wdirs + gr->first, r->scen + gr->first,
                    r->in + gr->first, &r->o, r->o.threads};
    snprintf(path, sizeof path, "%s/summary.csv", gr->wdir);
    if (write_table(path, write_group_summary, &gc) != 0)
        return AU_EIO;
    snprintf(path, sizeof path, "%s/manifest.csv", gr->wdir);
    if (write_table(path, write_manifest, &gc) != 0)
        return AU_EIO;
    return write_report(r, gr);
}

/* The autonomy-year table and where the tables are. */
static void print_results(const run_cmd *r)
{
    print_table(r->merge != NULL || r->ranked ? r->back : r->paths, r->groups, r->n_groups);
    printf("\nTables written to");
    for (size_t g = 0; g < r->n_groups; g++)
        if (r->groups[g].n > 0)
            printf(" %s/", r->groups[g].dir);
    printf(" (summary.csv, manifest.csv, report.html, <scenario>/yearly.csv).\n");
}

static void free_run(run_cmd *r)
{
    for (size_t i = 0; i < r->n; i++) {
        if (r->paths != NULL)
            au_pathway_clear(&r->paths[i]);
        if (r->back != NULL)
            au_pathway_clear(&r->back[i]);
        if (r->in != NULL)
            free(r->in[i].hash);
        if (r->sdirs != NULL)
            free(r->sdirs[i]);
        if (r->wdirs != NULL)
            free(r->wdirs[i]);
        if (r->scen != NULL)
            au_scenario_free(r->scen[i]);
    }
    for (size_t g = 0; r->groups != NULL && g < r->n_groups; g++) {
        free(r->groups[g].dir);
        free(r->groups[g].wdir);
    }
    for (int a = 0; r->batches != NULL && a < r->n_files; a++)
        au_batch_free(r->batches[a]);
    free(r->paths);
    free(r->back);
    free(r->in);
    free(r->sdirs);
    free(r->wdirs);
    free(r->staged);
    free(r->scen);
    free(r->var);
    free(r->groups);
    free(r->batches);
    free(r->owner);
    au_stage_discard(); /* after a failure, this run's tables; else the old ones */
    if (r->lock_fd > 0)
        close(r->lock_fd); /* lets the folder go */
    au_diags_clear(&r->d);
}

/* DIR/shard-K-of-N.csv: what the merge needs to join this shard with the
 * others and to check that they are parts of one run: the version, the
 * options, every FILE argument as given, with its absolute path and its
 * SHA-256, and the
 * folder and inputs key of each scenario written (docs/distributed.md). */
static int write_shard_manifest(FILE *f, const void *vctx)
{
    const run_cmd *r = vctx;
    char hex[65], abs_path[PATH_MAX];
    fputs("kind,name,value\n", f);
    fprintf(f, "program,autonomy,%s\nshard,index,%d\nshard,count,%d\n", AU_VERSION,
            r->shard_k, r->shard_n);
    fprintf(f, "option,samples,%d\noption,threads,%d\n", r->o.samples, r->o.threads);
    for (int k = 0; k < r->n_hourly; k++)
        fprintf(f, "option,hourly,%d\n", r->hourly[k]);
    if (r->report_scen != NULL) {
        fputs("option,report-scenario,", f);
        au_csv_str(f, r->report_scen);
        fputc('\n', f);
    }
    for (int a = 0; a < r->n_files; a++) { /* as given, and where that was */
        fputs("file,", f);
        au_csv_str(f, r->files[a]);
        fprintf(f, ",%s\npath,", au_sha256_file(r->files[a], hex) == 0 ? hex : "unreadable");
        au_csv_str(f, r->files[a]);
        fputc(',', f);
        au_csv_str(f, realpath(r->files[a], abs_path) != NULL ? abs_path : r->files[a]);
        fputc('\n', f);
    }
    for (size_t i = 0; i < r->n; i++) {
        if (!mine(r, i))
            continue;
        fputs("scenario,", f);
        au_csv_str(f, r->sdirs[i] + strlen(r->out) + (r->sdirs[i][strlen(r->out)] == '/'));
        fprintf(f, ",%s\n", r->in[i].key);
    }
    return 0;
}

/* A shard's manifest, and what it wrote. */
static au_status finish_shard(run_cmd *r)
{
    char path[4400];
    if (au_mkdir_p(r->out) != 0) {
        fprintf(stderr, "autonomy run: cannot create %s: %s (expected a writable folder)\n",
                r->out, strerror(errno));
        return AU_EIO;
    }
    snprintf(path, sizeof path, "%s/shard-%d-of-%d.csv", r->out, r->shard_k, r->shard_n);
    if (write_table(path, write_shard_manifest, r) != 0)
        return AU_EIO;
    if (!r->quiet) {
        size_t m = 0;
        for (size_t i = 0; i < r->n; i++)
            m += mine(r, i);
        printf("Shard %d of %d: %zu of the %zu scenarios, tables written under %s/ and "
               "%s.\nWhen every shard has run: autonomy merge %s\n",
               r->shard_k, r->shard_n, m, r->n, r->out, path, r->out);
    }
    return AU_OK;
}

/* ---- a run over the ranks of an MPI job (cli_mpi.h) ---- */

/* The bytes fn(f, ctx) writes, added to res as file name. */
static int add_file(au_mpi_result *res, const char *name, int (*fn)(FILE *, const void *),
                    const void *ctx)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (m == NULL)
        return -1;
    int bad = fn(m, ctx) != 0;
    bad |= fclose(m) != 0;
    if (!bad)
        bad = au_mpi_result_add(res, name, buf, len) != 0;
    free(buf);
    return bad ? -1 : 0;
}

/* What the other ranks work from: the run, and the tasks' scenarios. */
typedef struct rank_ctx {
    run_cmd *r;
    const size_t *task;     /* task k runs scenario task[k] */
    size_t n_task;
} rank_ctx;

/* The tables of scenario i's folder, from its pathway p, as bytes in res;
 * -1 when out of memory. */
static int task_files(run_cmd *r, size_t i, const au_pathway *p, au_mpi_result *res)
{
    one_row row = {p};
    r->in[i].n_tables = 0;
    int bad = add_file(res, "yearly.csv", au_write_yearly, p) != 0 ||
              add_file(res, "summary-row.csv", write_row, &row) != 0;
    for (int y = 0; y < r->n_hourly && !bad; y++) {
        char name[64];
        au_hourly_out h = {au_pathway_flows(p, r->hourly[y]), r->scen[i]->territory.utc_offset_h};
        snprintf(name, sizeof name, "hourly-%d.csv", r->hourly[y]);
        bad = h.flows == NULL || add_file(res, name, au_write_hourly, &h) != 0;
    }
    for (size_t k = 0; k < res->n_files && !bad; k++) { /* as write_scenario notes them */
        char sum[65];
        au_sha256_mem(res->files[k].data, res->files[k].len, sum);
        note_table(&r->in[i], res->files[k].name, sum);
    }
    /* last: the inputs, which mark the folder complete */
    return bad || add_file(res, "inputs.csv", write_inputs, &r->in[i]) != 0 ? -1 : 0;
}

/* A failed task's error: the diagnostics, or the status. */
static char *task_error(const au_diags *d, const au_scenario *s, au_status st)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (m == NULL)
        return NULL;
    if (d->n > 0)
        au_diags_print(d, m);
    else
        fprintf(m, "autonomy run: scenario '%s' could not be run or written (%s)\n", s->name,
                au_strerror(st != AU_OK ? st : AU_ENOMEM));
    fclose(m);
    return text;
}

/* A rank's tasks first .. first + count − 1: their scenarios run together
 * (sharing their weather samples; the rank's threads inside), each
 * scenario folder's tables as bytes; or the error, said with the first. */
static void rank_task(size_t first, size_t count, void *ctx, au_mpi_result *res)
{
    const rank_ctx *rc = ctx;
    run_cmd *r = rc->r;
    au_scenario **scen = calloc(count + 1, sizeof *scen);
    au_pathway *p = calloc(count + 1, sizeof *p);
    au_diags d;
    au_diags_init(&d);
    au_status st = r->in == NULL || scen == NULL || p == NULL || first > rc->n_task ||
                           count > rc->n_task - first
                       ? AU_ENOMEM
                       : AU_OK;
    for (size_t k = 0; st == AU_OK && k < count; k++) {
        size_t i = rc->task[first + k];
        scen[k] = r->scen[i];
        r->in[i] = (inputs_ctx){.s = r->scen[i], .v = r->var[i]};
        r->in[i].samples = r->o.samples >= 0 ? r->o.samples : r->scen[i]->weather.samples;
        if (inputs_compute(&r->in[i]) != 0)
            st = AU_ENOMEM;
    }
    if (st == AU_OK) {
        au_run_opts o = r->o;
        o.keep_years = r->hourly;
        o.n_keep = r->n_hourly;
        o.keep_last = NULL;
        o.progress = 0;
        st = au_run(scen, count, &o, p, &d);
    }
    for (size_t k = 0; st == AU_OK && k < count; k++)
        if (task_files(r, rc->task[first + k], &p[k], &res[k]) != 0)
            st = AU_ENOMEM;
    for (size_t k = 0; k < count; k++) {
        if (st != AU_OK) {
            au_mpi_result_clear(&res[k]);
            res[k].failed = 1;
            if (k == 0)
                res[k].error = task_error(&d, first < rc->n_task ? r->scen[rc->task[first]]
                                                                 : r->scen[0], st);
        }
        au_pathway_clear(&p[k]);
        if (r->in != NULL && first + k < rc->n_task) {
            free(r->in[rc->task[first + k]].hash);
            r->in[rc->task[first + k]].hash = NULL;
        }
    }
    free(scen);
    free(p);
    au_diags_clear(&d);
}

/* The bytes of a file received (au_write_atomic). */
static int write_bytes(FILE *f, const void *ctx)
{
    const au_mpi_file *m = ctx;
    return fwrite(m->data, 1, m->len, f) == m->len ? 0 : -1;
}

/* Rank 0: the files of a task written into scenario i's folder, each
 * atomically, in the order they came (inputs.csv last). */
static au_status write_task_files(run_cmd *r, size_t i, const au_mpi_result *res)
{
    if (mkdir(r->wdirs[i], 0777) != 0) {
        fprintf(stderr, "autonomy run: cannot create %s: %s\n", r->wdirs[i], strerror(errno));
        return AU_EIO;
    }
    for (size_t k = 0; k < res->n_files; k++) {
        char path[4600];
        snprintf(path, sizeof path, "%s/%s", r->wdirs[i], res->files[k].name);
        if (write_table(path, write_bytes, &res->files[k]) != 0)
            return AU_EIO;
    }
    return AU_OK;
}

/* Rank 0: the scenarios to run, the costliest first, handed out to the
 * other ranks; their tables written once every one has succeeded. */
static au_status coordinate(run_cmd *r)
{
    au_scenario **to_run;
    size_t *task, n_run;
    au_mpi_result *res = NULL;
    au_status st = plan(r, &to_run, &task, &n_run);
    costed *c = st == AU_OK ? calloc(n_run + 1, sizeof *c) : NULL;
    if (st == AU_OK && c == NULL)
        st = oom();
    for (size_t k = 0; st == AU_OK && k < n_run; k++)
        c[k] = (costed){scenario_cost(r->scen[task[k]], r->in[task[k]].samples), task[k]};
    if (st == AU_OK) {
        qsort(c, n_run, sizeof *c, by_cost);
        for (size_t k = 0; k < n_run; k++)
            task[k] = c[k].i;
    } else {
        n_run = 0; /* the other ranks are told there is nothing to run */
    }
    au_status shared = au_mpi_share_tasks(&task, &n_run);
    st = st == AU_OK ? shared : st;
    res = calloc(n_run + 1, sizeof *res);
    if (st == AU_OK && res == NULL)
        st = oom();
    au_status ran = au_mpi_coordinate(res != NULL ? n_run : 0, res);
    if (st == AU_OK && ran != AU_OK) {
        st = ran;
        for (size_t k = 0; k < n_run; k++)
            if (res[k].failed && res[k].error != NULL)
                fprintf(stderr, "autonomy run: rank %d, running '%s'%s:\n%s", res[k].rank,
                        r->scen[task[k]]->name,
                        k + 1 < n_run && res[k + 1].failed && res[k + 1].error == NULL
                            ? " and the scenarios handed out with it"
                            : "",
                        res[k].error);
        fputs("autonomy run: nothing written (every rank stopped)\n", stderr);
    }
    for (size_t k = 0; st == AU_OK && k < n_run; k++) {
        st = write_task_files(r, task[k], &res[k]);
        r->staged[task[k]] = 1;
    }
    for (size_t k = 0; res != NULL && k < n_run; k++)
        au_mpi_result_clear(&res[k]);
    free(res);
    free(c);
    free(task);
    free(to_run);
    r->ranked = 1;
    return st;
}

/* The other ranks: scenarios from rank 0 until it has none. */
static au_status serve(run_cmd *r)
{
    size_t *task = NULL, n_task = 0;
    r->in = calloc(r->n + 1, sizeof *r->in);
    au_status st = au_mpi_share_tasks(&task, &n_task);
    if (st == AU_OK && r->in == NULL)
        st = AU_ENOMEM;
    /* asks even when short of memory, so that rank 0 is not left waiting:
     * a task then fails with its error */
    rank_ctx rc = {r, task, task != NULL ? n_task : 0};
    au_status served = au_mpi_serve(rank_task, &rc);
    free(task);
    return st != AU_OK ? st : served;
}

/* A run over R ranks: every rank reads the inputs (the door); if one cannot,
 * the rank says why and every rank stops (exit 1; rank 0's own bad input
 * gives 2, as in one process).  Then rank 0 coordinates and writes, the
 * others run scenarios; every rank exits with rank 0's status. */
static int run_ranks(run_cmd *r, au_status st, int err_fd)
{
    int who;
    au_status all = au_mpi_agree(st, &who);
    int rank = au_mpi_rank();
    if (all != AU_OK && who > 0) {
        if (rank == who && err_fd >= 0) {
            FILE *e = fdopen(dup(err_fd), "w");
            if (e != NULL) {
                fprintf(e, "autonomy run: rank %d could not read the inputs that rank 0 "
                           "read:\n", rank);
                au_diags_print(&r->d, e);
                fclose(e);
            }
        }
        if (rank == 0)
            fprintf(stderr, "autonomy run: rank %d could not read the inputs (its error "
                            "above); nothing run, nothing written\n", who);
        all = AU_EINTERNAL;
    }
    if (all == AU_OK)
        all = rank == 0 ? coordinate(r) : serve(r);
    if (rank == 0 && all == AU_OK)
        all = read_resumed(r);
    for (size_t g = 0; rank == 0 && g < r->n_groups && all == AU_OK; g++)
        all = write_group(r, &r->groups[g]);
    if (rank == 0 && all == AU_OK)
        all = publish(r);
    if (rank == 0 && all == AU_OK && !r->quiet)
        print_results(r);
    int status = au_mpi_exit_status(au_exit_status(all));
    if (status != AU_EXIT_OK)
        unmake_out(r);
    free_run(r);
    return status;
}

/* Reads, runs, writes; each step prints its own problems.  The exit
 * status is that of the first failure (au_exit_status).  In an MPI job of
 * several ranks, run_ranks (err_fd: the standard error of a rank other than
 * 0, which is otherwise silent). */
static int run_all(run_cmd *r, int err_fd)
{
    au_status st = read_inputs(r);
    if (au_mpi_size() > 1 && r->merge == NULL)
        return run_ranks(r, st, err_fd);
    if (st == AU_OK)
        st = run_scenarios(r);
    if (st == AU_OK)
        st = read_resumed(r);
    for (size_t g = 0; g < r->n_groups && st == AU_OK; g++)
        st = write_group(r, &r->groups[g]);
    if (st == AU_OK)
        st = publish(r);
    if (st == AU_OK && r->shard_n > 0 && r->merge == NULL)
        st = finish_shard(r);
    else if (st == AU_OK && !r->quiet)
        print_results(r);
    if (st != AU_OK)
        unmake_out(r);
    free_run(r);
    return au_exit_status(st);
}

int au_cli_run(int argc, char **argv)
{
    run_cmd r = {.out = "results", .o = {.samples = -1}};
    au_diags_init(&r.d);
    /* in an MPI job, only rank 0 speaks (a rank's own failure aside) */
    int err_fd = au_mpi_quiet_others();
    au_status st = parse_options(&r, argc, argv);
    int status = st != AU_OK || r.help ? au_exit_status(st) : -1;
    if (au_mpi_size() > 1)
        status = au_mpi_exit_status(status); /* rank 0's, to every rank */
    if (status < 0)
        status = run_all(&r, err_fd);
    if (err_fd >= 0)
        close(err_fd);
    return status;
}

int au_cli_run_merge(const au_merge *m)
{
    run_cmd r = {.out = m->out, .o = {.samples = m->samples, .threads = m->threads}};
    au_diags_init(&r.d);
    r.quiet = m->quiet;
    r.resume = 1;
    r.merge = m;
    r.shard_n = m->n;
    r.report_scen = m->report_scen;
    r.files = m->files;
    r.n_files = m->n_files;
    r.n_hourly = m->n_hourly < MAX_HOURLY ? m->n_hourly : MAX_HOURLY;
    for (int k = 0; k < r.n_hourly; k++)
        r.hourly[k] = m->hourly[k];
    return run_all(&r, -1);
}
