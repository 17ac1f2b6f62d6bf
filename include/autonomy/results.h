/* results.h: result tables (results/README.md).
 *
 * CSV per RFC 4180 with a header line; units in column names; numbers in
 * the C locale with the fewest digits that read back to the same double.
 * Every file is written under a temporary name in its folder and renamed
 * when complete, so an interrupted run leaves no half-written table. */
#ifndef AUTONOMY_RESULTS_H
#define AUTONOMY_RESULTS_H

#include <signal.h>
#include <stdio.h>

#include "autonomy/engine.h"
#include "autonomy/error.h"
#include "autonomy/runner.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The shortest of %.15g, %.16g, %.17g that reads back to v; "" for NAN. */
const char *au_csv_num(char buf[40], double v);

/* Writes a string field, quoted when it holds a comma, a quote or a newline. */
void au_csv_str(FILE *f, const char *s);

/* A name safe to use as a folder: lower-case letters, digits, '-' and '_'
 * ("../../x" becomes "x"); "scenario" when nothing is left.  dst holds n. */
void au_safe_name(char *dst, size_t n, const char *name);

/* Creates dir and its parents (mode 0777 & ~umask).  0 or -1 (errno set). */
int au_mkdir_p(const char *dir);

/* Writes path atomically with write(f, ctx); returns 0, or -1 with a
 * message in why (why_len bytes) and nothing left behind.  A path that is
 * not a regular file of its own is written through, never replaced: a
 * device or a named pipe (directly or through a symbolic link: --csv
 * /dev/stdout), or a link to a regular file; a pipe that nobody reads, a
 * directory or a dangling link is refused.  While it writes,
 * au_tmp_current holds the temporary file's name and au_tmp_current_set is
 * 1, so that a signal handler can remove it (unlink is async-signal-safe):
 * a run stopped by a signal then leaves only complete files. */
extern char au_tmp_current[4400];
extern volatile sig_atomic_t au_tmp_current_set;

int au_write_atomic(const char *path, int (*write)(FILE *f, const void *ctx), const void *ctx,
                    char *why, size_t why_len);

/* The temporary files au_write_atomic makes are named <file>AU_TMP_MARK
 * and six letters or digits (mkstemp): a name only the program makes, so
 * that it removes only its own. */
#define AU_TMP_MARK ".autonomy-tmp-"

/* Whether name (a file name, no folder) is one of those. */
int au_is_own_tmp(const char *name);

/* Installs, once, a handler for the signals that end a process
 * (SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM) that
 * removes the file au_write_atomic is writing and the temporary folder
 * registered below, then ends the process by the same signal. */
void au_cleanup_on_signals(void);

/* Registers folder dir and the n files it may hold (at most 16), to be
 * removed by the handler; au_cleanup_folder_done forgets them. */
void au_cleanup_folder(const char *dir, const char *const *files, size_t n);
void au_cleanup_folder_done(void);

/* SHA-256 of a file's bytes, as 64 hex digits (nettle).  0, or -1 when the
 * file cannot be read. */
int au_sha256_file(const char *path, char hex[65]);

/* SHA-256 of a string, and of n bytes. */
void au_sha256_str(const char *s, char hex[65]);
void au_sha256_mem(const void *p, size_t n, char hex[65]);

/* ---- the columns of the tables, declared once ----
 *
 * yearly.csv is "year", the yearly fields below, then (with samples)
 * probability, p10, p50, p90; summary.csv (and summary-row.csv) is the
 * summary fields below, then the yearly fields of the last year.  The
 * writers, au_pathway_read and `autonomy compare` all walk these tables, so
 * a column is named, scaled and labelled in one place (results/README.md
 * describes them). */

/* The unit of a column, as the tables state it. */
typedef enum au_unit_kind {
    AU_UNIT_TEXT,           /* a name */
    AU_UNIT_YEAR,           /* a calendar year; empty: none */
    AU_UNIT_FRACTION,       /* a ratio, 1 = 100 % */
    AU_UNIT_NUMBER,         /* a count or a plain number */
    AU_UNIT_GWH,
    AU_UNIT_MW,
    AU_UNIT_HOURS,
    AU_UNIT_T,              /* tonnes of CO2 */
    AU_UNIT_MEUR,
    AU_UNIT_EUR_PER_MWH,
    AU_UNIT_JOBS,           /* full-time jobs in a year */
    AU_UNIT_JOB_YEARS       /* full-time jobs × years */
} au_unit_kind;

/* A column of yearly.csv (after "year"), one number of an au_year_result. */
typedef struct au_yearly_field {
    const char *name;       /* CSV header */
    au_unit_kind unit;      /* in the table */
    double scale;           /* internal unit -> table unit (MWh -> GWh: 1e-3) */
    const char *label;      /* for people: compare's Markdown and HTML, the report */
    size_t offset;          /* of the value in au_year_result */
    int is_int;             /* an int there (else a double) */
} au_yearly_field;

/* The yearly fields in the order of the columns; *n receives their count. */
const au_yearly_field *au_yearly_fields(size_t *n);

/* The value of field f in r, in the table's unit. */
double au_yearly_get(const au_yearly_field *f, const au_year_result *r);

/* Sets field f of r from v in the table's unit (an int field: 0 for NAN). */
void au_yearly_set(const au_yearly_field *f, au_year_result *r, double v);

/* A column of summary.csv before the last year's yearly fields. */
typedef struct au_summary_field {
    const char *name;       /* CSV header */
    au_unit_kind unit;
    const char *label;      /* for people */
    const char *(*text)(const au_pathway *p);   /* AU_UNIT_TEXT: the field */
    double (*get)(const au_pathway *p);         /* the others: NAN writes "" */
    void (*set)(au_pathway *p, double v);       /* what au_pathway_read reads
                                                   back (NAN: none), or NULL */
} au_summary_field;

/* The summary fields in the order of the columns; *n receives their count. */
const au_summary_field *au_summary_fields(size_t *n);

/* The label and unit of the column of summary.csv called name (a summary or
 * a yearly field): 0, or -1 when there is none. */
int au_summary_column(const char *name, const char **label, au_unit_kind *unit);

/* The tables. */
int au_write_summary(FILE *f, const void *pathways_and_count);
int au_write_yearly(FILE *f, const void *pathway);
/* An hourly table: the flows of a year and the standard time of its
 * territory, for its time column. */
typedef struct au_hourly_out {
    const au_flow_table *flows;
    double utc_offset_h;
} au_hourly_out;
int au_write_hourly(FILE *f, const void *hourly); /* an au_hourly_out */

/* Reads back a scenario's tables from its folder (yearly.csv and
 * summary-row.csv) into *p: the typical year's results, the percentiles and
 * probability by year, the autonomy years.  Samples' own results are not
 * kept in the tables, so p->res holds the typical year only.  Free with
 * au_pathway_clear.  Returns AU_OK; AU_EIO with a diagnostic when a table
 * cannot be read or does not hold every year of the horizon (the tables are
 * the program's own output, so that is a failed read, not bad input);
 * AU_ENOMEM. */
au_status au_pathway_read(const au_scenario *s, const char *dir, au_pathway *p, au_diags *d);

typedef struct au_summary_ctx {
    const au_pathway *p;
    size_t n;
} au_summary_ctx;

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_RESULTS_H */
