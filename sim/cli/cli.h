/* cli.h (private): what the command-line files share. */
#ifndef AUTONOMY_CLI_H
#define AUTONOMY_CLI_H

/* Exit statuses of the program. */
enum { AU_EXIT_OK = 0, AU_EXIT_RUN = 1, AU_EXIT_INPUT = 2 };

/* `autonomy weather` (cli_weather.c). */
extern const char au_cli_weather_help[];
int au_cli_weather(int argc, char **argv);

/* `autonomy run` (cli_run.c). */
extern const char au_cli_run_help[];
int au_cli_run(int argc, char **argv);

/* `autonomy compare` (cli_compare.c). */
extern const char au_cli_compare_help[];
int au_cli_compare(int argc, char **argv);

#endif /* AUTONOMY_CLI_H */
