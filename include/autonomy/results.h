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
 * message in why (why_len bytes) and nothing left behind.  While it writes,
 * au_tmp_current holds the temporary file's name and au_tmp_current_set is
 * 1, so that a signal handler can remove it (unlink is async-signal-safe):
 * a run stopped by a signal then leaves only complete files. */
extern char au_tmp_current[4400];
extern volatile sig_atomic_t au_tmp_current_set;

int au_write_atomic(const char *path, int (*write)(FILE *f, const void *ctx), const void *ctx,
                    char *why, size_t why_len);

/* SHA-256 of a file's bytes, as 64 hex digits (nettle).  0, or -1 when the
 * file cannot be read. */
int au_sha256_file(const char *path, char hex[65]);

/* SHA-256 of a string. */
void au_sha256_str(const char *s, char hex[65]);

/* The tables. */
int au_write_summary(FILE *f, const void *pathways_and_count);
int au_write_yearly(FILE *f, const void *pathway);
int au_write_hourly(FILE *f, const void *flow_table); /* an au_flow_table */

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
