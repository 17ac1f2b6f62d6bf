/* cli.h (private): what the command-line files share. */
#ifndef AUTONOMY_CLI_H
#define AUTONOMY_CLI_H

#include <stdio.h>

#include "autonomy/error.h"

/* Exit statuses: AU_EXIT_OK, AU_EXIT_RUN, AU_EXIT_INPUT and au_exit_status()
 * (error.h) give every command's.  The commands read every input before
 * anything runs; there, a file that cannot be read (AU_EIO) is bad input,
 * as a file that is wrong is, and exits with 2: this gives the status to
 * hand to au_exit_status() for a failure while reading the inputs.  Out of
 * memory and internal checks keep their own status. */
static inline au_status au_cli_input_status(au_status st)
{
    return st == AU_EIO ? AU_EINVAL : st;
}

/* Whether the value of option opt of command cmd is empty, said as bad
 * usage ("autonomy run: --out '' (expected a folder's name)"). */
static inline int au_cli_empty(const char *cmd, const char *opt, const char *value,
                               const char *what)
{
    if (value[0] != '\0')
        return 0;
    fprintf(stderr, "autonomy %s: %s '' (expected %s)\n", cmd, opt, what);
    return 1;
}

/* `autonomy weather` (cli_weather.c). */
extern const char au_cli_weather_help[];
int au_cli_weather(int argc, char **argv);

/* `autonomy run` (cli_run.c). */
extern const char au_cli_run_help[];
int au_cli_run(int argc, char **argv);

/* `autonomy merge` (cli_merge.c): the shards of a run (run --shard K/N),
 * read from their manifests and checked, joined by cli_run.c into what one
 * run would have written. */
extern const char au_cli_merge_help[];
int au_cli_merge(int argc, char **argv);

typedef struct au_merge {
    int n;                      /* shards */
    const char *const *dirs;    /* per shard 0 .. n − 1: the folder it wrote */
    const char *out;            /* where the joined tables go */
    int samples, threads, quiet;/* the shards' run options (samples −1: each
                                   scenario's own) */
    const int *hourly;
    int n_hourly;
    const char *report_scen;    /* --report-scenario, or NULL */
    char **files;               /* the shards' FILE arguments */
    int n_files;
} au_merge;

/* Writes into m->out what `autonomy run` with the shards' options would
 * have written, from the tables of the shards (copied from their folders
 * when m->out is another); every scenario must have complete tables in its
 * shard's folder.  Returns the exit status. */
int au_cli_run_merge(const au_merge *m);

/* `autonomy compare` (cli_compare.c). */
extern const char au_cli_compare_help[];
int au_cli_compare(int argc, char **argv);

/* `autonomy seek` (cli_seek.c). */
extern const char au_cli_seek_help[];
int au_cli_seek(int argc, char **argv);

/* `autonomy bench` (cli_bench.c). */
extern const char au_cli_bench_help[];
int au_cli_bench(int argc, char **argv);

#endif /* AUTONOMY_CLI_H */
