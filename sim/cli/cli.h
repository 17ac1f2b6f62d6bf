/* cli.h (private): what the command-line files share. */
#ifndef AUTONOMY_CLI_H
#define AUTONOMY_CLI_H

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

/* `autonomy weather` (cli_weather.c). */
extern const char au_cli_weather_help[];
int au_cli_weather(int argc, char **argv);

/* `autonomy run` (cli_run.c). */
extern const char au_cli_run_help[];
int au_cli_run(int argc, char **argv);

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
