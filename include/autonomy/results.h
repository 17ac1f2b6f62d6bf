/* results.h: result tables (results/README.md).
 *
 * CSV per RFC 4180 with a header line; units in column names; numbers in
 * the C locale with the fewest digits that read back to the same double.
 * Every file is written under a temporary name in its folder and renamed
 * when complete, so an interrupted run leaves no half-written table. */
#ifndef AUTONOMY_RESULTS_H
#define AUTONOMY_RESULTS_H

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
 * message in why (why_len bytes) and nothing left behind. */
int au_write_atomic(const char *path, int (*write)(FILE *f, const void *ctx), const void *ctx,
                    char *why, size_t why_len);

/* The tables. */
int au_write_summary(FILE *f, const void *pathways_and_count);
int au_write_yearly(FILE *f, const void *pathway);
int au_write_hourly(FILE *f, const void *engine_ws);

typedef struct au_summary_ctx {
    const au_pathway *p;
    size_t n;
} au_summary_ctx;

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_RESULTS_H */
