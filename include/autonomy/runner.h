/* runner.h: the pathway of each scenario, every year of its horizon and
 * every weather sample, in parallel (MODEL.md §1, §8).
 *
 * au_run() prepares each scenario's typical year (sample 0) with its
 * profiles in one thread, the sun computed once per place; then, in one
 * OpenMP parallel region with dynamic scheduling, it loads the other weather
 * samples with their profiles (each sample once, for every scenario reading
 * it) and, once all are ready, runs all tasks (scenario × sample × year),
 * each thread with its own engine workspace; samples, profiles and results
 * land in slots fixed by their index, so they do not depend on the number of
 * threads.  Samples run in rounds of a few per thread, each round's weather
 * freed and its indicators written to an anonymous temporary file before the
 * next, so that memory does not grow with the samples; the percentiles and
 * probabilities are read back from that file exactly, in constant memory.
 * The typical-year tasks of the years
 * asked for (au_run_opts) copy their flow tables into the pathway, which the
 * hourly files and the report are then written from.  Then it finds the
 * autonomy year. */
#ifndef AUTONOMY_RUNNER_H
#define AUTONOMY_RUNNER_H

#include <stddef.h>

#include "autonomy/economics.h"
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
    const int *keep_years;  /* n_keep years whose typical-year flow tables each
                               pathway keeps (au_pathway.flows); years outside
                               a scenario's horizon are skipped */
    int n_keep;
    const unsigned char *keep_last; /* per scenario, or NULL: nonzero keeps also
                               the table of its last year (the report's
                               dispatch weeks) */
    int keep_samples;       /* 1: keep every stochastic sample's results
                               (au_pathway.res), which grows with the
                               samples; 0: only the criterion's indicator of
                               each, in a temporary file (the statistics
                               below are read back from it), which is all
                               the tables need, so that memory does not grow
                               with the samples */
} au_run_opts;

typedef struct au_pathway {
    const au_scenario *s;
    int n_years;            /* year_end − year_start + 1 */
    int n_samples;          /* stochastic samples (the typical year besides) */
    au_year_result *res;    /* n_years (the typical year), or with
                               au_run_opts.keep_samples (1 + n_samples) ×
                               n_years, sample-major */
    int kept_samples;       /* res holds the samples */
    double *value;          /* the criterion's indicator, typical year, per year */
    int autonomy_year;      /* reached and kept; 0: not reached */
    double gap_last;        /* threshold − indicator in the last year (≤ 0 when met) */
    double *probability;    /* per year: share of stochastic samples meeting it */
    double *p10, *p50, *p90;/* per year: percentiles of the indicator over
                               samples (gsl_stats_quantile_from_sorted_data's
                               definition) */
    double *at_confidence;  /* per year: the indicator that a share
                               `confidence` of the samples meets or passes
                               (the ⌈confidence · n_samples⌉-th largest) */
    int autonomy_year_conf; /* first year from which probability ≥ confidence; 0: none */
    au_econ_summary econ;   /* costs, CO2 and jobs over the pathway (the
                               typical year's), economics.h */
    int year_by_indicator[2];/* autonomy year by the annual balance and by the
                               hourly autonomy (all energy), each against the
                               scenario's threshold when it is the scenario's
                               indicator, 1 otherwise; 0: not reached */
    size_t n_flows;
    au_flow_table *flows;   /* the typical-year flow tables kept (au_run_opts,
                               au_run_keep), owned by the pathway; only
                               these years' tables are held in memory */
} au_pathway;

/* Runs n scenarios; out[i] receives the pathway of scen[i] (free each with
 * au_pathway_clear).  Returns AU_OK, or the first error with diagnostics. */
au_status au_run(au_scenario *const *scen, size_t n, const au_run_opts *o, au_pathway *out,
                 au_diags *d);

void au_pathway_clear(au_pathway *p);

/* The result of a sample and a year; NULL for a stochastic sample whose
 * results were not kept (au_run_opts.keep_samples). */
const au_year_result *au_pathway_result(const au_pathway *p, int sample, int year);

/* The flow table of year kept in p, or NULL when it was not kept. */
const au_flow_table *au_pathway_flows(const au_pathway *p, int year);

/* Runs the typical year `year` of s alone and keeps its flow table in p:
 * for a pathway read back from its tables (au_pathway_read), whose flows
 * were not kept, when the report draws it.  Returns AU_OK, or the failure
 * with diagnostics. */
au_status au_run_keep(const au_scenario *s, int year, au_pathway *p, au_diags *d);

/* Runs one year of the typical weather of s and leaves its flow table in
 * *ws (allocated here; free with au_engine_ws_free): a convenience for
 * tests; runs keep their tables in their pathways instead. */
au_status au_run_hourly(const au_scenario *s, int year, au_engine_ws **ws, au_year_result *r,
                        au_diags *d);

/* The first year from which ok[y] holds in every year to the end (reached
 * and kept); 0 if none.  years[0] is the first year. */
int au_autonomy_year(const int *ok, int n_years, int first_year);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_RUNNER_H */
