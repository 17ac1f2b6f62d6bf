/* runner.h: the pathway of each scenario, every year of its horizon and
 * every weather sample, in parallel (MODEL.md §1, §8).
 *
 * au_run() loads every weather sample and builds every profile first (in one
 * thread), then runs all tasks (scenario × sample × year) in one OpenMP
 * parallel loop with dynamic scheduling, each thread with its own engine
 * workspace; results land in slots fixed by the task's index, so they do not
 * depend on the number of threads.  Then it finds the autonomy year. */
#ifndef AUTONOMY_RUNNER_H
#define AUTONOMY_RUNNER_H

#include <stddef.h>

#include "autonomy/engine.h"
#include "autonomy/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct au_run_opts {
    int samples;            /* stochastic samples besides the typical year;
                               -1: each scenario's own */
    int threads;            /* 0: OpenMP's default */
    int progress;           /* 1: show tasks done, rate and time left on stderr */
} au_run_opts;

typedef struct au_pathway {
    const au_scenario *s;
    int n_years;            /* year_end − year_start + 1 */
    int n_samples;          /* stochastic samples (the typical year besides) */
    au_year_result *res;    /* (1 + n_samples) × n_years: sample-major */
    double *value;          /* the criterion's indicator, typical year, per year */
    int autonomy_year;      /* reached and kept; 0: not reached */
    double gap_last;        /* threshold − indicator in the last year (≤ 0 when met) */
    double *probability;    /* per year: share of stochastic samples meeting it */
    double *p10, *p50, *p90;/* per year: percentiles of the indicator over samples */
    int autonomy_year_conf; /* first year from which probability ≥ confidence; 0: none */
    int year_by_indicator[2];/* autonomy year by the annual balance and by the
                               hourly autonomy (all energy), each against the
                               scenario's threshold when it is the scenario's
                               indicator, 1 otherwise; 0: not reached */
} au_pathway;

/* Runs n scenarios; out[i] receives the pathway of scen[i] (free each with
 * au_pathway_clear).  Returns AU_OK, or the first error with diagnostics. */
au_status au_run(au_scenario *const *scen, size_t n, const au_run_opts *o, au_pathway *out,
                 au_diags *d);

void au_pathway_clear(au_pathway *p);

/* The result of a sample and a year. */
const au_year_result *au_pathway_result(const au_pathway *p, int sample, int year);

/* Runs one year of the typical weather of s again and leaves its flow table
 * in *ws (allocated here; free with au_engine_ws_free): for hourly files. */
au_status au_run_hourly(const au_scenario *s, int year, au_engine_ws **ws, au_year_result *r,
                        au_diags *d);

/* The first year from which ok[y] holds in every year to the end (reached
 * and kept); 0 if none.  years[0] is the first year. */
int au_autonomy_year(const int *ok, int n_years, int first_year);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_RUNNER_H */
