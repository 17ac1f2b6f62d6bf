/* trajectory.c: yearly quantities (trajectory.h, MODEL.md §7). */
#include "autonomy/trajectory.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_interp.h>

au_traj au_traj_constant(double value)
{
    au_traj t = {0};
    t.kind = AU_TRAJ_CONSTANT;
    t.value = value;
    return t;
}

au_status au_traj_milestones(au_traj *t, size_t n, const double *years, const double *values)
{
    memset(t, 0, sizeof *t);
    if (n == 0)
        return AU_EINVAL;
    for (size_t i = 1; i < n; i++)
        if (!(years[i] > years[i - 1]))
            return AU_EINVAL;
    double *y = malloc(n * sizeof *y);
    double *v = malloc(n * sizeof *v);
    if (y == NULL || v == NULL) {
        free(y);
        free(v);
        return AU_ENOMEM;
    }
    memcpy(y, years, n * sizeof *y);
    memcpy(v, values, n * sizeof *v);
    t->kind = AU_TRAJ_MILESTONES;
    t->n = n;
    t->years = y;
    t->values = v;
    return AU_OK;
}

au_traj au_traj_logistic(double from, double to, double midpoint, double steepness)
{
    au_traj t = {0};
    t.kind = AU_TRAJ_LOGISTIC;
    t.from = from;
    t.to = to;
    t.midpoint = midpoint;
    t.steepness = steepness;
    return t;
}

au_traj au_traj_growth(double from, double base_year, double rate)
{
    au_traj t = {0};
    t.kind = AU_TRAJ_GROWTH;
    t.from = from;
    t.base_year = base_year;
    t.rate = rate;
    return t;
}

double au_traj_eval(const au_traj *t, double year)
{
    switch (t->kind) {
    case AU_TRAJ_UNSET:
        return 0.0;
    case AU_TRAJ_CONSTANT:
        return t->value;
    case AU_TRAJ_MILESTONES: {
        if (year <= t->years[0])
            return t->values[0];
        if (year >= t->years[t->n - 1])
            return t->values[t->n - 1];
        /* years[i] <= year < years[i+1]: GSL's bisection, then a straight line */
        size_t i = gsl_interp_bsearch(t->years, year, 0, t->n - 1);
        double x0 = t->years[i], x1 = t->years[i + 1];
        double y0 = t->values[i], y1 = t->values[i + 1];
        if (year == x0)
            return y0;
        return y0 + (y1 - y0) * ((year - x0) / (x1 - x0));
    }
    case AU_TRAJ_LOGISTIC:
        return t->from + (t->to - t->from) / (1.0 + exp(-t->steepness * (year - t->midpoint)));
    case AU_TRAJ_GROWTH:
        return t->from * pow(1.0 + t->rate, year - t->base_year);
    }
    return 0.0;
}

void au_traj_free(au_traj *t)
{
    if (t == NULL)
        return;
    free(t->years);
    free(t->values);
    memset(t, 0, sizeof *t);
}
