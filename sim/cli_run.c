/* cli_run.c: `autonomy run`: scenarios to pathways, result tables and the
 * autonomy-year table. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autonomy/autonomy.h"
#include "autonomy/results.h"
#include "autonomy/runner.h"
#include "cli.h"

#define MAX_HOURLY 32

const char au_cli_run_help[] =
    "Usage: autonomy run [--out DIR] [--samples N] [--threads N] [--hourly YEAR]...\n"
    "                    [--quiet] FILE...\n"
    "\n"
    "Simulates each scenario hour by hour (8760 hours) for every year of its\n"
    "horizon, finds the year its autonomy criterion is reached and kept, and\n"
    "writes the result tables:\n"
    "  DIR/summary.csv              one row per scenario: criterion, autonomy year\n"
    "                               (empty when not reached), gap in the last year,\n"
    "                               the year at the scenario's confidence, and the\n"
    "                               last year's indicators\n"
    "  DIR/<scenario>/yearly.csv    one row per year: energies in GWh, ratios;\n"
    "                               with samples, the probability of meeting the\n"
    "                               criterion and its 10th, 50th, 90th percentiles\n"
    "  DIR/<scenario>/hourly-YEAR.csv  with --hourly YEAR: every flow of every hour\n"
    "                               of the typical year, in MW (el_in_*, el_out_*,\n"
    "                               heat_in_*, heat_out_*; Σ in = Σ out each row),\n"
    "                               and states of charge soc_*_mwh\n"
    "and prints the autonomy-year table.\n"
    "\n"
    "Options:\n"
    "  --out DIR        where to write (default: results)\n"
    "  --samples N      stochastic weather years besides the typical year (default:\n"
    "                   each scenario's own; synthetic weather only)\n"
    "  --threads N      threads (default: OMP_NUM_THREADS, or all cores); results do\n"
    "                   not depend on it\n"
    "  --hourly YEAR    also write the hourly flows of YEAR (repeatable)\n"
    "  --quiet          print nothing but errors\n"
    "  -h, --help       show this help\n"
    "\n"
    "Examples:\n"
    "  autonomy run scenarios/amiens-baseline.xml scenarios/amiens-roadmap.xml\n"
    "  autonomy run --samples 10 --out results/roadmap scenarios/amiens-roadmap.xml\n"
    "  autonomy run --hourly 2050 --out /tmp/check scenarios/amiens-roadmap.xml\n"
    "\n"
    "Every scenario is checked before anything runs: a bad file stops the run with\n"
    "FILE:LINE: error: ... and exit status 2, and nothing is written.  Tables are\n"
    "written under temporary names and renamed when complete.\n"
    "Exit status: 0 success, 1 the run or the writing failed, 2 bad input or usage.\n";

static void print_table(const au_pathway *p, size_t n)
{
    printf("%-24s %-26s %-40s %s\n", "scenario", "criterion", "autonomy year", "last year");
    for (size_t i = 0; i < n; i++) {
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
        snprintf(last, sizeof last, "%d: balance %.3f, hourly autonomy %.3f", p[i].s->year_end,
                 r->annual_balance, r->hourly_autonomy);
        printf("%-24s %-26s %-40s %s\n", p[i].s->name, crit, year, last);
    }
}

int au_cli_run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},     {"samples", required_argument, NULL, 'n'},
        {"threads", required_argument, NULL, 't'}, {"hourly", required_argument, NULL, 'y'},
        {"quiet", no_argument, NULL, 'q'},         {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *out = "results";
    au_run_opts o = {-1, 0};
    int hourly[MAX_HOURLY], n_hourly = 0, quiet = 0, c, status = AU_EXIT_INPUT;
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
        case 'h':
            fputs(au_cli_run_help, stdout);
            return AU_EXIT_OK;
        default:
            fputs("Try 'autonomy run --help'.\n", stderr);
            return AU_EXIT_INPUT;
        }
    }
    int n = argc - optind;
    if (n <= 0) {
        fputs("autonomy run: no scenario given (expected one or more scenario files)\n"
              "Try 'autonomy run --help'.\n", stderr);
        return AU_EXIT_INPUT;
    }

    au_scenario **scen = calloc((size_t)n, sizeof *scen);
    au_pathway *paths = calloc((size_t)n, sizeof *paths);
    au_diags d;
    au_diags_init(&d);
    if (scen == NULL || paths == NULL) {
        fputs("autonomy run: out of memory\n", stderr);
        status = AU_EXIT_RUN;
        goto done;
    }
    /* the door: every file checked before anything runs */
    int bad = 0;
    for (int i = 0; i < n; i++)
        if (au_scenario_load(argv[optind + i], &scen[i], &d) != AU_OK)
            bad = 1;
    for (int i = 0; i < n && !bad; i++) {
        for (int k = 0; k < n_hourly; k++)
            if (hourly[k] < scen[i]->year_start || hourly[k] > scen[i]->year_end) {
                au_diags_add(&d, scen[i]->file, 0, "--hourly %d is outside the horizon %d-%d "
                             "of scenario '%s'", hourly[k], scen[i]->year_start,
                             scen[i]->year_end, scen[i]->name);
                bad = 1;
            }
        char a[128], b[128];
        au_safe_name(a, sizeof a, scen[i]->name);
        for (int j = 0; j < i; j++) {
            au_safe_name(b, sizeof b, scen[j]->name);
            if (strcmp(a, b) == 0) {
                au_diags_add(&d, scen[i]->file, 0, "scenario name '%s' is already used by %s "
                             "(expected one name per scenario: they name the result folders)",
                             scen[i]->name, scen[j]->file);
                bad = 1;
            }
        }
    }
    if (bad) {
        au_diags_print(&d, stderr);
        goto done;
    }
    status = AU_EXIT_RUN;
    au_status st = au_run(scen, (size_t)n, &o, paths, &d);
    if (st != AU_OK) {
        au_diags_print(&d, stderr);
        if (st == AU_EINVAL && d.n > 0 && strstr(d.items[0].msg, "does not close") == NULL &&
            strstr(d.items[0].msg, "finite") == NULL)
            status = AU_EXIT_INPUT;
        goto done;
    }

    /* writing: folders first, then each table atomically */
    char path[4300], why[256], name[128];
    if (au_mkdir_p(out) != 0) {
        fprintf(stderr, "autonomy run: cannot create %s: %s (expected a writable folder)\n",
                out, strerror(errno));
        goto done;
    }
    for (int i = 0; i < n; i++) {
        au_safe_name(name, sizeof name, scen[i]->name);
        snprintf(path, sizeof path, "%s/%s", out, name);
        if (au_mkdir_p(path) != 0) {
            fprintf(stderr, "autonomy run: cannot create %s: %s\n", path, strerror(errno));
            goto done;
        }
        snprintf(path, sizeof path, "%s/%s/yearly.csv", out, name);
        if (au_write_atomic(path, au_write_yearly, &paths[i], why, sizeof why) != 0) {
            fprintf(stderr, "autonomy run: cannot write %s: %s\n", path, why);
            goto done;
        }
        for (int k = 0; k < n_hourly; k++) {
            au_engine_ws *ws = NULL;
            au_year_result r;
            if (au_run_hourly(scen[i], hourly[k], &ws, &r, &d) != AU_OK) {
                au_diags_print(&d, stderr);
                goto done;
            }
            snprintf(path, sizeof path, "%s/%s/hourly-%d.csv", out, name, hourly[k]);
            int w = au_write_atomic(path, au_write_hourly, ws, why, sizeof why);
            au_engine_ws_free(ws);
            if (w != 0) {
                fprintf(stderr, "autonomy run: cannot write %s: %s\n", path, why);
                goto done;
            }
        }
    }
    au_summary_ctx sc = {paths, (size_t)n};
    snprintf(path, sizeof path, "%s/summary.csv", out);
    if (au_write_atomic(path, au_write_summary, &sc, why, sizeof why) != 0) {
        fprintf(stderr, "autonomy run: cannot write %s: %s\n", path, why);
        goto done;
    }
    if (!quiet) {
        print_table(paths, (size_t)n);
        printf("\nTables written to %s/ (summary.csv, <scenario>/yearly.csv).\n", out);
    }
    status = AU_EXIT_OK;
done:
    for (int i = 0; i < n && paths != NULL; i++)
        au_pathway_clear(&paths[i]);
    for (int i = 0; i < n && scen != NULL; i++)
        au_scenario_free(scen[i]);
    free(scen);
    free(paths);
    au_diags_clear(&d);
    return status;
}
