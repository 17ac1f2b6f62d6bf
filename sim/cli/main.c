/* main.c: the `autonomy` command line.  Subcommands parse their own options
 * with getopt_long; every problem in an input file is printed as
 * "FILE:LINE: error: what is wrong (what was expected)".
 * Exit status: 0 success, 1 the run or the writing failed, 2 bad input or
 * usage; every command gets it from the status of its first failure
 * (au_exit_status, error.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "autonomy/autonomy.h"
#include "autonomy/batch.h"
#include "autonomy/results.h"
#include "cli.h"
#include "cli_mpi.h"

static const char usage_text[] =
    "Usage: autonomy COMMAND [OPTIONS] FILE...\n"
    "\n"
    "autonomy tells a city in which year it becomes energy-autonomous, and what\n"
    "each policy changes about that.  A scenario (an XML file) describes the\n"
    "territory, its demand, its local generation and storage; autonomy simulates\n"
    "it hour by hour for every year of the horizon and names the year the\n"
    "autonomy criterion is reached and kept.\n"
    "\n"
    "Commands:\n"
    "  validate FILE...   check scenario files against the schema and the model's\n"
    "                     rules; print every problem as FILE:LINE: error: ...\n"
    "  run FILE...        simulate scenarios hour by hour to 2050, name the\n"
    "                     autonomy year, write result tables\n"
    "  merge DIR...       join the shards of a run (run --shard K/N) into the\n"
    "                     tables one run writes\n"
    "  compare DIR...     compare the results of several policies side by side\n"
    "  seek FILE          what it takes to be autonomous by a year: the smallest\n"
    "                     lever (a capacity, a date) or the cheapest mix of levers\n"
    "  weather            inspect a weather source: monthly tables, hourly CSV\n"
    "  bench              measure the engine, a weather sample and a batch on this\n"
    "                     machine, and check the results do not depend on threads\n"
    "  help [COMMAND]     show this help, or a command's; `help parameters` lists\n"
    "                     every numeric attribute with its range and default\n"
    "\n"
    "Options:\n"
    "  -h, --help         show this help and exit\n"
    "  -V, --version      show the version and exit\n"
    "\n"
    "Examples:\n"
    "  autonomy validate scenarios/*.xml\n"
    "      check every shipped scenario; exit status 0 when all are valid\n"
    "  autonomy run scenarios/amiens-default.xml\n"
    "      the default batch (the Amiens policies and a sweep): the autonomy-year\n"
    "      table, and tables and a report in results/amiens-default/\n"
    "  autonomy run scenarios/amiens-baseline.xml scenarios/amiens-roadmap.xml\n"
    "      the autonomy year of each, and results/summary.csv\n"
    "  autonomy validate my-policy.xml\n"
    "      check a policy file and the baseline it extends\n"
    "  autonomy weather --pv 35,180 --csv amiens.csv\n"
    "      the built-in Amiens weather, month by month, and its 8760 hours\n"
    "  autonomy compare results/amiens-default --reference amiens-roadmap\n"
    "      the policies side by side, differences from the roadmap\n"
    "  autonomy seek scenarios/amiens-roadmap.xml --by 2040 \\\n"
    "      --lever \"set:2040:/scenario/generation/wind[@name='Somme wind share']/capacity\" \\\n"
    "      --from 300MW --to 3000MW\n"
    "      the wind the roadmap needs in 2040 to be autonomous by 2040\n"
    "  autonomy bench --quick\n"
    "      hour-steps per second of the engine and of a small batch\n"
    "  autonomy help validate\n"
    "\n"
    "Exit status: 0 success, 1 the run failed, 2 bad input or bad usage.\n"
    "Scenario format: scenarios/README.md.  Model: docs/model.md.\n";

static const char validate_text[] =
    "Usage: autonomy validate [-q] FILE...\n"
    "\n"
    "Checks each scenario file, with the files it extends, or each batch file,\n"
    "with every variant of its scenarios, against the schema\n"
    "(scenarios/autonomy.xsd) and the model's rules: units fit their quantities\n"
    "(\"12 MW\" for a capacity), capacities are not negative, efficiencies are at\n"
    "most 1, milestone years are in order and inside the horizon, the shares of\n"
    "every mix add up to 1 each year, named files exist, and no file extends\n"
    "itself through a chain.  Nothing is written to disk.\n"
    "\n"
    "Each problem is printed on standard error as\n"
    "  FILE:LINE: error: what is wrong (what was expected)\n"
    "where LINE 0 means the file as a whole.  A valid file gets one summary\n"
    "line on standard output.\n"
    "\n"
    "Options:\n"
    "  -q, --quiet   print nothing for valid files\n"
    "  -h, --help    show this help\n"
    "\n"
    "Examples:\n"
    "  autonomy validate scenarios/*.xml\n"
    "  autonomy validate -q roadmap.xml && echo valid\n"
    "\n"
    "Exit status: 0 every file is valid, 2 at least one is not, 1 the check itself\n"
    "failed (out of memory).\n";

static void print_scenario_summary(const au_scenario *s)
{
    size_t fleets = s->n_pv + s->n_wind + s->n_plants + s->n_fixed;
    size_t stores = s->n_batteries + s->n_hydrogen + s->district_heating.n_storages;
    printf("%s: valid: scenario '%s', %d-%d, %zu demand use%s, %zu mobility group%s, "
           "%zu heat mix%s, %zu generation fleet%s, %zu store%s\n",
           s->file, s->name ? s->name : "", s->year_start, s->year_end, s->n_uses,
           s->n_uses == 1 ? "" : "s", s->n_mobility, s->n_mobility == 1 ? "" : "s",
           s->n_heat_mixes, s->n_heat_mixes == 1 ? "" : "es", fleets, fleets == 1 ? "" : "s",
           stores, stores == 1 ? "" : "s");
    for (size_t i = 0; i < s->n_input_notes; i++)
        printf("%s: note: %s\n", s->file, s->input_notes[i]);
}

/* Checks one scenario or batch file, printing its problems, or unless quiet
 * its summary line. */
static au_status validate_file(const char *file, int quiet)
{
    au_diags d;
    au_diags_init(&d);
    au_status st;
    int batch = au_file_is_batch(file);
    if (batch) {
        au_batch *b = NULL;
        au_scenario **v = NULL;
        st = au_batch_load(file, &b, &d);
        if (st == AU_OK && (v = calloc(b->n + 1, sizeof *v)) == NULL)
            st = AU_ENOMEM;
        if (st == AU_OK)
            st = au_batch_load_scenarios(b, v, &d);
        if (st == AU_OK && !quiet)
            printf("%s: valid: batch '%s', %zu scenarios\n", file, b->name, b->n);
        for (size_t k = 0; b != NULL && v != NULL && k < b->n; k++)
            au_scenario_free(v[k]);
        free(v);
        au_batch_free(b);
    } else {
        au_scenario *s = NULL;
        st = au_scenario_load(file, &s, &d);
        if (st == AU_OK && !quiet)
            print_scenario_summary(s);
        au_scenario_free(s);
    }
    if (st != AU_OK) {
        au_diags_print(&d, stderr);
        if (d.n == 0)
            fprintf(stderr, "%s:0: error: the %s could not be loaded\n", file,
                    batch ? "batch" : "scenario");
    }
    au_diags_clear(&d);
    return au_cli_input_status(st);
}

static int cmd_validate(int argc, char **argv)
{
    static const struct option opts[] = {
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+qh", opts, NULL)) != -1) {
        switch (c) {
        case 'q':
            quiet = 1;
            break;
        case 'h':
            fputs(validate_text, stdout);
            return AU_EXIT_OK;
        default:
            fputs("Try 'autonomy validate --help'.\n", stderr);
            return au_exit_status(AU_EUSAGE);
        }
    }
    if (optind >= argc) {
        fputs("autonomy validate: no file given (expected one or more scenario files)\n"
              "Try 'autonomy validate --help'.\n",
              stderr);
        return au_exit_status(AU_EUSAGE);
    }
    /* every file is checked; the status is the first failure's */
    au_status first = AU_OK;
    for (int i = optind; i < argc; i++) {
        au_status st = validate_file(argv[i], quiet);
        if (first == AU_OK)
            first = st;
    }
    return au_exit_status(first);
}

/* `autonomy help parameters`: the loader's table of numeric attributes. */
static int help_parameters(void)
{
    const au_param *p;
    size_t n = au_scenario_params(&p);
    const char *element = "";
    fputs("Numeric attributes of scenario elements: each is a quantity written with one of\n"
          "its units (autonomy validate says which when one is wrong); its range and\n"
          "default are given here in the unit the model holds it in.\n", stdout);
    for (size_t i = 0; i < n; i++) {
        char range[160], def[160];
        au_param_describe(&p[i], range, sizeof range, def, sizeof def);
        if (strcmp(p[i].element, element) != 0) {
            element = p[i].element;
            printf("\n<%s>\n", element);
        }
        const char *unit = au_dim_internal_unit(p[i].dim);
        printf("  %-24s %s; %s%s%s%s\n      default: %s\n", p[i].attribute,
               au_dim_name(p[i].dim), range, unit[0] ? " (" : "", unit, unit[0] ? ")" : "",
               def);
    }
    return AU_EXIT_OK;
}

static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stdout);
        return AU_EXIT_OK;
    }
    if (strcmp(argv[1], "validate") == 0)
        fputs(validate_text, stdout);
    else if (strcmp(argv[1], "run") == 0)
        fputs(au_cli_run_help, stdout);
    else if (strcmp(argv[1], "compare") == 0)
        fputs(au_cli_compare_help, stdout);
    else if (strcmp(argv[1], "merge") == 0)
        fputs(au_cli_merge_help, stdout);
    else if (strcmp(argv[1], "weather") == 0)
        fputs(au_cli_weather_help, stdout);
    else if (strcmp(argv[1], "bench") == 0)
        fputs(au_cli_bench_help, stdout);
    else if (strcmp(argv[1], "seek") == 0)
        fputs(au_cli_seek_help, stdout);
    else if (strcmp(argv[1], "parameters") == 0)
        return help_parameters();
    else {
        fprintf(stderr, "autonomy help: unknown command '%s' (expected validate, run, merge, "
                        "compare, seek, weather, bench or parameters)\n", argv[1]);
        return au_exit_status(AU_EUSAGE);
    }
    return AU_EXIT_OK;
}

static int dispatch(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int c;
    /* "+": stop at the first non-option, the subcommand. */
    while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(usage_text, stdout);
            return AU_EXIT_OK;
        case 'V':
            printf("autonomy %s\n", AU_VERSION);
            return AU_EXIT_OK;
        default:
            fputs("Try 'autonomy --help'.\n", stderr);
            return au_exit_status(AU_EUSAGE);
        }
    }
    if (optind >= argc) {
        fputs(usage_text, stderr);
        return au_exit_status(AU_EUSAGE);
    }
    const char *cmd = argv[optind];
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    if (strcmp(cmd, "validate") == 0)
        return cmd_validate(sub_argc, sub_argv);
    if (strcmp(cmd, "run") == 0)
        return au_cli_run(sub_argc, sub_argv);
    if (strcmp(cmd, "compare") == 0)
        return au_cli_compare(sub_argc, sub_argv);
    if (strcmp(cmd, "merge") == 0)
        return au_cli_merge(sub_argc, sub_argv);
    if (strcmp(cmd, "weather") == 0)
        return au_cli_weather(sub_argc, sub_argv);
    if (strcmp(cmd, "bench") == 0)
        return au_cli_bench(sub_argc, sub_argv);
    if (strcmp(cmd, "seek") == 0)
        return au_cli_seek(sub_argc, sub_argv);
    if (strcmp(cmd, "help") == 0)
        return cmd_help(sub_argc, sub_argv);
    fprintf(stderr, "autonomy: unknown command '%s' (expected validate, run, merge, compare, "
                    "seek, weather, bench or help)\nTry 'autonomy --help'.\n", cmd);
    return au_exit_status(AU_EUSAGE);
}

int main(int argc, char **argv)
{
    au_mpi_init(&argc, &argv);
    au_cleanup_on_signals(); /* a file or folder being written is removed */
    gsl_set_error_handler_off();
    au_scenario_library_init();
    int status = dispatch(argc, argv);
    au_scenario_library_cleanup();
    if (fflush(stdout) != 0 && status == AU_EXIT_OK)
        status = AU_EXIT_RUN;
    au_mpi_finalize();
    return status;
}
