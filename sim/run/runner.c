/* runner.c: pathways of scenarios in parallel (runner.h).  The only OpenMP
 * parallel region of the program is here. */
#include "autonomy/runner.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#ifdef _OPENMP
#include <omp.h>
#endif

int au_autonomy_year(const int *ok, int n_years, int first_year)
{
    int from = 0;
    for (int i = n_years - 1; i >= 0 && ok[i]; i--)
        from = first_year + i;
    return from;
}

void au_pathway_clear(au_pathway *p)
{
    if (p == NULL)
        return;
    free(p->res);
    free(p->value);
    free(p->probability);
    free(p->p10);
    free(p->p50);
    free(p->p90);
    memset(p, 0, sizeof *p);
}

const au_year_result *au_pathway_result(const au_pathway *p, int sample, int year)
{
    return &p->res[(size_t)sample * p->n_years + (year - p->s->year_start)];
}

/* What every task of a scenario's sample reads. */
typedef struct prepared {
    au_wsample *ws;
    au_profiles *prof;
} prepared;

typedef struct task {
    int scen, sample, year;
} task;

static int meets(const au_criterion *c, double v)
{
    return v >= c->threshold;
}

static au_status finish(au_pathway *p)
{
    const au_criterion *c = &p->s->criterion;
    int n = p->n_years, ns = p->n_samples;
    int *ok = malloc((size_t)n * sizeof *ok);
    double *vals = malloc(((size_t)ns + 1) * sizeof *vals);
    p->value = calloc((size_t)n, sizeof *p->value);
    p->probability = calloc((size_t)n, sizeof(double));
    p->p10 = calloc((size_t)n, sizeof(double));
    p->p50 = calloc((size_t)n, sizeof(double));
    p->p90 = calloc((size_t)n, sizeof(double));
    if (!ok || !vals || !p->value || !p->probability || !p->p10 || !p->p50 || !p->p90) {
        free(ok);
        free(vals);
        return AU_ENOMEM;
    }
    for (int i = 0; i < n; i++) {
        p->value[i] = au_criterion_value(c, &p->res[i]);
        ok[i] = meets(c, p->value[i]);
    }
    p->autonomy_year = au_autonomy_year(ok, n, p->s->year_start);
    for (int k = 0; k < 2; k++) {
        au_criterion other = {(au_indicator)k, AU_SCOPE_ALL_ENERGY, 1.0, c->confidence};
        if (c->indicator == (au_indicator)k)
            other.threshold = c->threshold;
        for (int i = 0; i < n; i++)
            ok[i] = meets(&other, au_criterion_value(&other, &p->res[i]));
        p->year_by_indicator[k] = au_autonomy_year(ok, n, p->s->year_start);
    }
    p->gap_last = c->threshold - p->value[n - 1];
    for (int i = 0; i < n; i++) {
        if (ns == 0) {
            p->probability[i] = p->p10[i] = p->p50[i] = p->p90[i] = NAN;
            continue;
        }
        int met = 0;
        for (int k = 1; k <= ns; k++) {
            vals[k - 1] = au_criterion_value(c, &p->res[(size_t)k * n + i]);
            met += meets(c, vals[k - 1]);
        }
        p->probability[i] = (double)met / ns;
        gsl_sort(vals, 1, (size_t)ns);
        p->p10[i] = gsl_stats_quantile_from_sorted_data(vals, 1, (size_t)ns, 0.1);
        p->p50[i] = gsl_stats_quantile_from_sorted_data(vals, 1, (size_t)ns, 0.5);
        p->p90[i] = gsl_stats_quantile_from_sorted_data(vals, 1, (size_t)ns, 0.9);
        ok[i] = p->probability[i] >= c->confidence;
    }
    p->autonomy_year_conf = ns > 0 ? au_autonomy_year(ok, n, p->s->year_start) : 0;
    free(ok);
    free(vals);
    return AU_OK;
}

au_status au_run(au_scenario *const *scen, size_t n, const au_run_opts *o, au_pathway *out,
                 au_diags *d)
{
    au_status st = AU_OK;
    size_t n_tasks = 0;
    prepared **prep = calloc(n + 1, sizeof *prep);
    au_demand_shapes **shapes = calloc(n + 1, sizeof *shapes);
    double *heat_ref = calloc(n + 1, sizeof *heat_ref);
    task *tasks = NULL;
    if (prep == NULL || shapes == NULL || heat_ref == NULL) {
        st = AU_ENOMEM;
        goto done;
    }
    memset(out, 0, n * sizeof *out);

    /* ---- one thread: weather, profiles, shapes, result slots */
    for (size_t i = 0; i < n && st == AU_OK; i++) {
        const au_scenario *s = scen[i];
        int ns = o->samples >= 0 ? o->samples : s->weather.samples;
        if (ns > 0 && s->weather.source != AU_WEATHER_SYNTHETIC) {
            au_diags_add(d, s->file, 0, "scenario '%s' reads its weather from a file, which is "
                         "one year (expected no stochastic samples, or the synthetic weather)",
                         s->name);
            st = AU_EINVAL;
            break;
        }
        out[i].s = s;
        out[i].n_years = s->year_end - s->year_start + 1;
        out[i].n_samples = ns;
        out[i].res = calloc((size_t)(ns + 1) * out[i].n_years, sizeof *out[i].res);
        prep[i] = calloc((size_t)ns + 1, sizeof **prep);
        if (out[i].res == NULL || prep[i] == NULL) {
            st = AU_ENOMEM;
            break;
        }
        if ((st = au_demand_shapes_build(s, &shapes[i], d)) != AU_OK)
            break;
        for (int k = 0; k <= ns && st == AU_OK; k++) {
            /* a sample already loaded for a scenario with the same weather
             * and territory is shared, with its cache of profiles */
            for (size_t j = 0; j < i && prep[i][k].ws == NULL; j++) {
                const au_scenario *t = scen[j];
                if (k <= out[j].n_samples && t->weather.source == s->weather.source &&
                    t->weather.seed == s->weather.seed &&
                    ((t->weather.file == NULL && s->weather.file == NULL) ||
                     (t->weather.file && s->weather.file &&
                      strcmp(t->weather.file, s->weather.file) == 0)) &&
                    (t->weather.utc_offset_h == s->weather.utc_offset_h ||
                     (isnan(t->weather.utc_offset_h) && isnan(s->weather.utc_offset_h))) &&
                    t->territory.latitude_deg == s->territory.latitude_deg &&
                    t->territory.longitude_deg == s->territory.longitude_deg &&
                    t->territory.elevation_m == s->territory.elevation_m &&
                    t->territory.utc_offset_h == s->territory.utc_offset_h)
                    prep[i][k].ws = prep[j][k].ws;
            }
            if (prep[i][k].ws == NULL && (st = au_wsample_load(s, k, &prep[i][k].ws, d)) != AU_OK)
                break;
            st = au_profiles_build(s, prep[i][k].ws, k > 0 ? prep[i][0].prof : NULL,
                                   &prep[i][k].prof, d);
        }
        if (st == AU_OK)
            st = au_heating_reference(s, prep[i][0].ws, &heat_ref[i], d);
        n_tasks += (size_t)(ns + 1) * out[i].n_years;
    }
    if (st != AU_OK)
        goto done;

    tasks = malloc(n_tasks * sizeof *tasks);
    if (tasks == NULL) {
        st = AU_ENOMEM;
        goto done;
    }
    size_t t = 0;
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k <= out[i].n_samples; k++)
            for (int y = scen[i]->year_start; y <= scen[i]->year_end; y++)
                tasks[t++] = (task){(int)i, k, y};

    /* ---- all tasks, in parallel */
    int failed = 0, nthreads = 1;
    size_t done = 0;
    struct timespec t0, last;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    last = t0;
#ifdef _OPENMP
    nthreads = o->threads > 0 ? o->threads : omp_get_max_threads();
#endif
#pragma omp parallel num_threads(nthreads)
    {
        au_engine_ws *ws = NULL;
        int ws_scen = -1;
#pragma omp for schedule(dynamic, 1)
        for (size_t ti = 0; ti < n_tasks; ti++) {
            int fail;
#pragma omp atomic read
            fail = failed;
            if (fail)
                continue;
            const task *tk = &tasks[ti];
            const au_scenario *s = scen[tk->scen];
            if (ws_scen != tk->scen) {
                au_engine_ws_free(ws);
                ws = au_engine_ws_alloc(s);
                ws_scen = tk->scen;
            }
            au_diags local;
            au_diags_init(&local);
            au_year_result *r =
                &out[tk->scen].res[(size_t)tk->sample * out[tk->scen].n_years +
                                   (tk->year - s->year_start)];
            au_status ts = ws == NULL ? AU_ENOMEM
                                      : au_engine_year(s, prep[tk->scen][tk->sample].prof,
                                                       shapes[tk->scen],
                                                       heat_ref[tk->scen],
                                                       tk->year, ws, r, &local);
            if (ts != AU_OK) {
#pragma omp critical(au_run_diags)
                {
                    if (!failed) {
                        for (size_t q = 0; q < local.n; q++)
                            au_diags_add(d, local.items[q].file, local.items[q].line, "%s",
                                         local.items[q].msg);
                        if (local.n == 0)
                            au_diags_add(d, s->file, 0, "out of memory");
                        failed = (int)ts;
                    }
                }
            }
            au_diags_clear(&local);
            size_t now_done;
#pragma omp atomic capture
            now_done = ++done;
#ifdef _OPENMP
            int master = omp_get_thread_num() == 0;
#else
            int master = 1;
#endif
            if (o->progress && master) {
                struct timespec tn;
                clock_gettime(CLOCK_MONOTONIC, &tn);
                double since = (double)(tn.tv_sec - last.tv_sec) +
                               1e-9 * (double)(tn.tv_nsec - last.tv_nsec);
                if (since >= 0.5 || now_done == n_tasks) {
                    double el = (double)(tn.tv_sec - t0.tv_sec) +
                                1e-9 * (double)(tn.tv_nsec - t0.tv_nsec);
                    double rate = el > 0 ? (double)now_done / el : 0.0;
                    fprintf(stderr, "\r%zu of %zu hourly years (%.0f %%), %.0f a second, %.0f s left  ",
                            now_done, n_tasks, 100.0 * (double)now_done / (double)n_tasks, rate,
                            rate > 0 ? (double)(n_tasks - now_done) / rate : 0.0);
                    last = tn;
                }
            }
        }
        au_engine_ws_free(ws);
    }
    if (o->progress) {
        struct timespec tn;
        clock_gettime(CLOCK_MONOTONIC, &tn);
        double el = (double)(tn.tv_sec - t0.tv_sec) + 1e-9 * (double)(tn.tv_nsec - t0.tv_nsec);
        fprintf(stderr, "\r%zu of %zu hourly years in %.1f s%30s\n", done, n_tasks, el, "");
    }
    if (failed) {
        st = (au_status)failed;
        goto done;
    }
    for (size_t i = 0; i < n && st == AU_OK; i++)
        st = finish(&out[i]);

done:
    for (size_t i = 0; i < n; i++) {
        if (prep != NULL && prep[i] != NULL) {
            for (int k = 0; k <= out[i].n_samples; k++) {
                au_profiles_free(prep[i][k].prof);
                /* free a sample once: by the first scenario that loaded it */
                int owner = 1;
                for (size_t j = 0; j < i && owner; j++)
                    if (prep[j] != NULL && k <= out[j].n_samples && prep[j][k].ws == prep[i][k].ws)
                        owner = 0;
                if (owner)
                    au_wsample_free(prep[i][k].ws);
            }
        }
        if (shapes != NULL)
            au_demand_shapes_free(shapes[i]);
    }
    for (size_t i = 0; prep != NULL && i < n; i++)
        free(prep[i]);
    free(prep);
    free(shapes);
    free(heat_ref);
    free(tasks);
    if (st != AU_OK)
        for (size_t i = 0; i < n; i++)
            au_pathway_clear(&out[i]);
    return st;
}

au_status au_run_hourly(const au_scenario *s, int year, au_engine_ws **wsp, au_year_result *r,
                        au_diags *d)
{
    au_wsample *wsm = NULL;
    au_profiles *prof = NULL;
    au_demand_shapes *ds = NULL;
    *wsp = NULL;
    double heat_ref = 0;
    au_status st = au_wsample_load(s, 0, &wsm, d);
    if (st == AU_OK)
        st = au_heating_reference(s, wsm, &heat_ref, d);
    if (st == AU_OK)
        st = au_profiles_build(s, wsm, NULL, &prof, d);
    if (st == AU_OK)
        st = au_demand_shapes_build(s, &ds, d);
    if (st == AU_OK && (*wsp = au_engine_ws_alloc(s)) == NULL)
        st = AU_ENOMEM;
    if (st == AU_OK)
        st = au_engine_year(s, prof, ds, heat_ref, year, *wsp, r, d);
    if (st != AU_OK) {
        au_engine_ws_free(*wsp);
        *wsp = NULL;
    }
    au_demand_shapes_free(ds);
    au_profiles_free(prof);
    au_wsample_free(wsm);
    return st;
}
