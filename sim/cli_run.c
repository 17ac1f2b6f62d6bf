/* cli_run.c: `autonomy run`: scenarios and batches to pathways, result
 * tables, a manifest, and the autonomy-year table (results/README.md).
 *
 * Every input is read and checked before anything runs.  Loose scenario
 * files write to DIR, each batch to DIR/<batch>.  Every table is written
 * under a temporary name and renamed; on Ctrl-C or a termination signal the
 * table being written is removed, so a run that is stopped leaves only
 * complete files; --resume then skips the scenarios whose tables exist with
 * the same inputs. */
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

#include "autonomy/autonomy.h"
#include "autonomy/batch.h"
#include "autonomy/report.h"
#include "autonomy/results.h"
#include "autonomy/runner.h"
#include "cli.h"

#define MAX_HOURLY 32

const char au_cli_run_help[] =
    "Usage: autonomy run [--out DIR] [--samples N] [--threads N] [--hourly YEAR]...\n"
    "                    [--resume] [--quiet] FILE...\n"
    "\n"
    "Simulates each scenario hour by hour (8760 hours) for every year of its\n"
    "horizon, finds the year its autonomy criterion is reached and kept, and\n"
    "writes the result tables.  FILE is a scenario or a batch (a list of\n"
    "scenarios and sweeps, see scenarios/README.md).  Loose scenarios write to\n"
    "DIR, each batch to DIR/<batch>:\n"
    "  summary.csv                  one row per scenario: the autonomy year by its\n"
    "                               criterion and by each indicator, the year at\n"
    "                               the scenario's confidence, 2030/2040/2050\n"
    "                               indicators, the last year's energies and costs\n"
    "  manifest.csv                 version, date, samples, threads, seeds and the\n"
    "                               SHA-256 of every input file\n"
    "  report.html                  charts of the trajectories, the energy mix and\n"
    "                               two weeks of hourly dispatch (needs gnuplot)\n"
    "  <scenario>/yearly.csv        one row per year: energies in GWh, ratios; with\n"
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
    "FILE:LINE: error: ... and exit status 2, and nothing is written.  Progress is\n"
    "shown on standard error when it is a terminal.\n"
    "Exit status: 0 success, 1 the run or the writing failed, 2 bad input or usage.\n";

/* ---- the table being written, removed if a signal stops the run ---- */

static void on_signal(int sig)
{
    if (au_tmp_current_set)
        unlink(au_tmp_current); /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

static int write_table(const char *path, int (*fn)(FILE *, const void *), const void *ctx)
{
    char why[256];
    int r = au_write_atomic(path, fn, ctx, why, sizeof why);
    if (r != 0)
        fprintf(stderr, "autonomy run: cannot write %s: %s (expected a writable folder)\n",
                path, why);
    return r;
}

/* Removes the temporary files a killed run may have left in dir. */
static void remove_stale_temporaries(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *t = strstr(e->d_name, ".tmp.");
        if (t != NULL && strlen(t) == 11) {
            char path[4400];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    }
    closedir(d);
}

/* ---- groups: loose scenarios, and each batch ---- */

typedef struct group {
    char *dir;              /* where its tables go */
    const char *batch;      /* batch file, or NULL */
    size_t first, n;        /* its scenarios in the flat list */
} group;

static int print_table(const au_pathway *p, const group *g, size_t n_groups)
{
    printf("%-40s %-26s %-40s %s\n", "scenario", "criterion", "autonomy year", "last year");
    for (size_t gi = 0; gi < n_groups; gi++) {
        for (size_t i = g[gi].first; i < g[gi].first + g[gi].n; i++) {
            if (p[i].s == NULL)
                continue; /* resumed: its tables were kept */
            const au_criterion *c = &p[i].s->criterion;
            char crit[64], year[64], last[96];
            snprintf(crit, sizeof crit, "%s%s >= %g",
                     c->indicator == AU_IND_ANNUAL_BALANCE ? "annual balance" : "hourly autonomy",
                     c->scope == AU_SCOPE_ELECTRICITY ? " (el.)" : "", c->threshold);
            if (p[i].autonomy_year)
                snprintf(year, sizeof year, "%d", p[i].autonomy_year);
            else
                snprintf(year, sizeof year, "not reached (gap %.3f)", p[i].gap_last);
            if (p[i].n_samples > 0) {
                size_t len = strlen(year);
                if (p[i].autonomy_year_conf)
                    snprintf(year + len, sizeof year - len, "; p>=%g: %d", c->confidence,
                             p[i].autonomy_year_conf);
                else
                    snprintf(year + len, sizeof year - len, "; p>=%g: no", c->confidence);
            }
            const au_year_result *r = au_pathway_result(&p[i], 0, p[i].s->year_end);
            snprintf(last, sizeof last, "%d: balance %.3f, hourly autonomy %.3f",
                     p[i].s->year_end, r->annual_balance, r->hourly_autonomy);
            printf("%-40s %-26s %-40s %s\n", p[i].s->name, crit, year, last);
        }
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
} inputs_ctx;

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
    fprintf(f, "key,inputs,%s\n", c->key);
    return 0;
}

/* 1 when dir/<scenario> holds tables made from the same inputs. */
static int up_to_date(const char *sdir, const inputs_ctx *c, const int *hourly, int n_hourly)
{
    char path[4400], line[512], want[128];
    snprintf(path, sizeof path, "%s/inputs.csv", sdir);
    FILE *f = fopen(path, "r");
    int same = 0;
    if (f == NULL)
        return 0;
    snprintf(want, sizeof want, "key,inputs,%s\n", c->key);
    while (fgets(line, sizeof line, f) != NULL)
        if (strcmp(line, want) == 0)
            same = 1;
    fclose(f);
    const char *need[] = {"yearly.csv", "summary-row.csv"};
    for (int k = 0; k < 2 && same; k++) {
        snprintf(path, sizeof path, "%s/%s", sdir, need[k]);
        same = access(path, R_OK) == 0;
    }
    for (int k = 0; k < n_hourly && same; k++) {
        snprintf(path, sizeof path, "%s/hourly-%d.csv", sdir, hourly[k]);
        same = access(path, R_OK) == 0;
    }
    return same;
}

/* ---- the group's summary and manifest ---- */

typedef struct group_ctx {
    const group *g;
    char *const *sdirs;     /* per scenario of the group: its folder */
    au_scenario *const *scen;
    const inputs_ctx *in;
    const au_run_opts *o;
    int threads;
} group_ctx;

/* summary.csv: the header and each scenario's row, read from its folder, so
 * that resumed and fresh scenarios give the same file */
static int write_group_summary(FILE *f, const void *vctx)
{
    const group_ctx *c = vctx;
    char line[65536];
    for (size_t i = 0; i < c->g->n; i++) {
        char path[4400];
        snprintf(path, sizeof path, "%s/summary-row.csv", c->sdirs[i]);
        FILE *r = fopen(path, "r");
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
        fprintf(f, ",seed %lu; samples %d; inputs %s\n", s->weather.seed, samples,
                c->in[i].key);
        for (size_t k = 0; k < s->n_inputs; k++) {
            fputs("input,", f);
            au_csv_str(f, s->inputs[k]);
            fprintf(f, ",%s\n", c->in[i].hash[k]);
        }
    }
    return 0;
}

int au_cli_run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},     {"samples", required_argument, NULL, 'n'},
        {"threads", required_argument, NULL, 't'}, {"hourly", required_argument, NULL, 'y'},
        {"quiet", no_argument, NULL, 'q'},         {"resume", no_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0},
    };
    const char *out = "results";
    au_run_opts o = {-1, 0, 0};
    int hourly[MAX_HOURLY], n_hourly = 0, quiet = 0, resume = 0, c, status = AU_EXIT_INPUT;
    char *end;
    long v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            out = optarg;
            break;
        case 'n':
        case 't':
        case 'y':
            errno = 0;
            v = strtol(optarg, &end, 10);
            if (end == optarg || *end != '\0' || errno != 0 || v < 0 ||
                (c == 'n' && v > 100000) || (c == 't' && v > 4096) ||
                (c == 'y' && (v < 1900 || v > 2200))) {
                fprintf(stderr, "autonomy run: --%s '%s' (expected %s)\n",
                        c == 'n' ? "samples" : c == 't' ? "threads" : "hourly", optarg,
                        c == 'n'   ? "a number of samples, 0 to 100000"
                        : c == 't' ? "a number of threads, 1 to 4096 (0: the default)"
                                   : "a year of the horizon, such as 2050");
                return AU_EXIT_INPUT;
            }
            if (c == 'n')
                o.samples = (int)v;
            else if (c == 't')
                o.threads = (int)v;
            else if (n_hourly == MAX_HOURLY) {
                fprintf(stderr, "autonomy run: too many --hourly (expected at most %d)\n",
                        MAX_HOURLY);
                return AU_EXIT_INPUT;
            } else
                hourly[n_hourly++] = (int)v;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'r':
            resume = 1;
            break;
        case 'h':
            fputs(au_cli_run_help, stdout);
            return AU_EXIT_OK;
        default:
            fputs("Try 'autonomy run --help'.\n", stderr);
            return AU_EXIT_INPUT;
        }
    }
    int n_files = argc - optind;
    if (n_files <= 0) {
        fputs("autonomy run: no scenario given (expected one or more scenario or batch "
              "files)\nTry 'autonomy run --help'.\n", stderr);
        return AU_EXIT_INPUT;
    }

    au_diags d;
    au_diags_init(&d);
    au_batch **batches = calloc((size_t)n_files, sizeof *batches);
    group *groups = calloc((size_t)n_files + 1, sizeof *groups);
    au_scenario **scen = NULL;
    const au_variant **var = NULL;
    au_pathway *paths = NULL;
    inputs_ctx *in = NULL;
    char **sdirs = NULL;
    size_t n = 0, n_groups = 0, cap = 0;
    int bad = 0;
    if (batches == NULL || groups == NULL)
        goto oom;

    /* ---- the door: every input read and checked */
    groups[n_groups++] = (group){NULL, NULL, 0, 0}; /* loose scenarios */
    for (int a = 0; a < n_files; a++) {
        const char *file = argv[optind + a];
        size_t want = 1;
        if (au_file_is_batch(file)) {
            if (au_batch_load(file, &batches[a], &d) != AU_OK) {
                bad = 1;
                continue;
            }
            want = batches[a]->n;
        }
        if (n + want > cap) {
            cap = 2 * (n + want);
            au_scenario **s2 = realloc(scen, cap * sizeof *s2);
            if (s2 == NULL)
                goto oom;
            scen = s2;
            const au_variant **v2 = realloc(var, cap * sizeof *v2);
            if (v2 == NULL)
                goto oom;
            var = v2;
        }
        if (batches[a] == NULL) {
            /* loose scenarios are listed first, in group 0 */
            memmove(scen + groups[0].n + 1, scen + groups[0].n,
                    (n - groups[0].n) * sizeof *scen);
            memmove(var + groups[0].n + 1, var + groups[0].n, (n - groups[0].n) * sizeof *var);
            for (size_t g = 1; g < n_groups; g++)
                groups[g].first++;
            scen[groups[0].n] = NULL;
            var[groups[0].n] = NULL;
            if (au_scenario_load(file, &scen[groups[0].n], &d) != AU_OK)
                bad = 1;
            groups[0].n++;
            n++;
        } else {
            au_batch *b = batches[a];
            group *g = &groups[n_groups++];
            g->batch = b->file;
            g->first = n;
            g->n = b->n;
            for (size_t i = 0; i < b->n; i++) {
                scen[n + i] = NULL;
                var[n + i] = &b->v[i];
            }
            if (au_batch_load_scenarios(b, scen + n, &d) != AU_OK)
                bad = 1;
            n += b->n;
        }
    }
    if (!bad) {
        /* folders: DIR for loose scenarios, DIR/<batch> for a batch */
        char name[128], path[4400];
        for (size_t g = 0; g < n_groups; g++) {
            if (g == 0)
                groups[g].dir = strdup(out);
            else {
                const au_batch *b = NULL;
                for (int a = 0; a < n_files; a++)
                    if (batches[a] != NULL && batches[a]->file == groups[g].batch)
                        b = batches[a];
                au_safe_name(name, sizeof name, b->name);
                snprintf(path, sizeof path, "%s/%s", out, name);
                groups[g].dir = strdup(path);
                for (size_t h = 1; h < g; h++)
                    if (strcmp(groups[h].dir, path) == 0) {
                        au_diags_add(&d, groups[g].batch, 0, "batch name '%s' is already used "
                                     "by %s (expected one name per batch: they name the result "
                                     "folders)", b->name, groups[h].batch);
                        bad = 1;
                    }
            }
            if (groups[g].dir == NULL)
                goto oom;
        }
        for (size_t g = 0; g < n_groups && !bad; g++) {
            const group *gr = &groups[g];
            for (size_t i = gr->first; i < gr->first + gr->n; i++) {
                for (int k = 0; k < n_hourly; k++)
                    if (hourly[k] < scen[i]->year_start || hourly[k] > scen[i]->year_end) {
                        au_diags_add(&d, scen[i]->file, 0, "--hourly %d is outside the horizon "
                                     "%d-%d of scenario '%s'", hourly[k], scen[i]->year_start,
                                     scen[i]->year_end, scen[i]->name);
                        bad = 1;
                    }
                char a[128], b[128];
                au_safe_name(a, sizeof a, scen[i]->name);
                for (size_t j = gr->first; j < i; j++) {
                    au_safe_name(b, sizeof b, scen[j]->name);
                    if (strcmp(a, b) == 0) {
                        au_diags_add(&d, scen[i]->file, 0, "scenario name '%s' is already used "
                                     "by %s (expected one name per scenario: they name the "
                                     "result folders)", scen[i]->name, scen[j]->file);
                        bad = 1;
                    }
                }
            }
        }
    }
    if (bad) {
        au_diags_print(&d, stderr);
        goto done;
    }

    /* ---- which scenarios to run */
    status = AU_EXIT_RUN;
    in = calloc(n + 1, sizeof *in);
    sdirs = calloc(n + 1, sizeof *sdirs);
    paths = calloc(n + 1, sizeof *paths);
    if (in == NULL || sdirs == NULL || paths == NULL)
        goto oom;
    au_scenario **to_run = calloc(n + 1, sizeof *to_run);
    size_t *run_idx = calloc(n + 1, sizeof *run_idx);
    size_t n_run = 0;
    if (to_run == NULL || run_idx == NULL) {
        free(to_run);
        free(run_idx);
        goto oom;
    }
    for (size_t g = 0; g < n_groups; g++)
        for (size_t i = groups[g].first; i < groups[g].first + groups[g].n; i++) {
            char name[128], path[4400];
            au_safe_name(name, sizeof name, scen[i]->name);
            snprintf(path, sizeof path, "%s/%s", groups[g].dir, name);
            sdirs[i] = strdup(path);
            in[i].s = scen[i];
            in[i].v = var[i];
            in[i].samples = o.samples >= 0 ? o.samples : scen[i]->weather.samples;
            if (sdirs[i] == NULL || inputs_compute(&in[i]) != 0) {
                free(to_run);
                free(run_idx);
                goto oom;
            }
            if (resume && up_to_date(sdirs[i], &in[i], hourly, n_hourly))
                continue;
            run_idx[n_run] = i;
            to_run[n_run++] = scen[i];
        }

    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    au_pathway *ran = calloc(n_run + 1, sizeof *ran);
    o.progress = !quiet && isatty(STDERR_FILENO);
    au_status st = ran == NULL ? AU_ENOMEM : au_run(to_run, n_run, &o, ran, &d);
    free(to_run);
    if (st != AU_OK) {
        au_diags_print(&d, stderr);
        if (st == AU_EINVAL && d.n > 0 && strstr(d.items[0].msg, "does not close") == NULL &&
            strstr(d.items[0].msg, "finite") == NULL)
            status = AU_EXIT_INPUT;
        free(ran);
        free(run_idx);
        goto done;
    }
    for (size_t k = 0; k < n_run; k++)
        paths[run_idx[k]] = ran[k];
    free(ran);
    free(run_idx);

    /* ---- writing */
    for (size_t g = 0; g < n_groups; g++) {
        const group *gr = &groups[g];
        if (gr->n == 0)
            continue;
        if (au_mkdir_p(gr->dir) != 0) {
            fprintf(stderr, "autonomy run: cannot create %s: %s (expected a writable folder)\n",
                    gr->dir, strerror(errno));
            goto done;
        }
        if (resume)
            remove_stale_temporaries(gr->dir);
        for (size_t i = gr->first; i < gr->first + gr->n; i++) {
            char path[4400];
            if (au_mkdir_p(sdirs[i]) != 0) {
                fprintf(stderr, "autonomy run: cannot create %s: %s\n", sdirs[i],
                        strerror(errno));
                goto done;
            }
            if (resume)
                remove_stale_temporaries(sdirs[i]);
            if (paths[i].s == NULL)
                continue; /* resumed: its tables are there */
            snprintf(path, sizeof path, "%s/yearly.csv", sdirs[i]);
            if (write_table(path, au_write_yearly, &paths[i]) != 0)
                goto done;
            one_row row = {&paths[i]};
            snprintf(path, sizeof path, "%s/summary-row.csv", sdirs[i]);
            if (write_table(path, write_row, &row) != 0)
                goto done;
            for (int k = 0; k < n_hourly; k++) {
                au_engine_ws *ws = NULL;
                au_year_result r;
                if (au_run_hourly(scen[i], hourly[k], &ws, &r, &d) != AU_OK) {
                    au_diags_print(&d, stderr);
                    goto done;
                }
                snprintf(path, sizeof path, "%s/hourly-%d.csv", sdirs[i], hourly[k]);
                int w = write_table(path, au_write_hourly, ws);
                au_engine_ws_free(ws);
                if (w != 0)
                    goto done;
            }
            /* last: the inputs, which mark the folder complete for --resume */
            snprintf(path, sizeof path, "%s/inputs.csv", sdirs[i]);
            if (write_table(path, write_inputs, &in[i]) != 0)
                goto done;
        }
        group_ctx gc = {gr, sdirs + gr->first, scen + gr->first, in + gr->first, &o,
                        o.threads};
        char path[4400];
        snprintf(path, sizeof path, "%s/summary.csv", gr->dir);
        if (write_table(path, write_group_summary, &gc) != 0)
            goto done;
        snprintf(path, sizeof path, "%s/manifest.csv", gr->dir);
        if (write_table(path, write_manifest, &gc) != 0)
            goto done;
        /* the report, from the tables as written (fresh and resumed alike) */
        au_pathway *rp = calloc(gr->n + 1, sizeof *rp);
        au_status rs = rp == NULL ? AU_ENOMEM : AU_OK;
        for (size_t i = 0; i < gr->n && rs == AU_OK; i++)
            rs = au_pathway_read(scen[gr->first + i], sdirs[gr->first + i], &rp[i], &d);
        au_diags rd;
        au_diags_init(&rd);
        if (rs == AU_OK)
            rs = au_report_write(gr->dir, rp, gr->n, NULL, &rd);
        for (size_t i = 0; rp != NULL && i < gr->n; i++)
            au_pathway_clear(&rp[i]);
        free(rp);
        if (rs != AU_OK) {
            if (rs == AU_ETOOL) {
                if (!quiet)
                    fprintf(stderr, "autonomy run: no report.html in %s: gnuplot could not be "
                                    "run (apt-get install gnuplot-nox); the tables are written\n",
                            gr->dir);
            } else {
                au_diags_print(&rd, stderr);
                au_diags_print(&d, stderr);
                au_diags_clear(&rd);
                goto done;
            }
        }
        au_diags_clear(&rd);
    }
    if (!quiet) {
        print_table(paths, groups, n_groups);
        printf("\nTables written to");
        for (size_t g = 0; g < n_groups; g++)
            if (groups[g].n > 0)
                printf(" %s/", groups[g].dir);
        printf(" (summary.csv, manifest.csv, report.html, <scenario>/yearly.csv).\n");
    }
    status = AU_EXIT_OK;
    goto done;
oom:
    fputs("autonomy run: out of memory\n", stderr);
    status = AU_EXIT_RUN;
done:
    for (size_t i = 0; i < n; i++) {
        if (paths != NULL)
            au_pathway_clear(&paths[i]);
        if (in != NULL)
            free(in[i].hash);
        if (sdirs != NULL)
            free(sdirs[i]);
        if (scen != NULL)
            au_scenario_free(scen[i]);
    }
    for (size_t g = 0; groups != NULL && g < n_groups; g++)
        free(groups[g].dir);
    for (int a = 0; batches != NULL && a < n_files; a++)
        au_batch_free(batches[a]);
    free(paths);
    free(in);
    free(sdirs);
    free(scen);
    free(var);
    free(groups);
    free(batches);
    au_diags_clear(&d);
    return status;
}
