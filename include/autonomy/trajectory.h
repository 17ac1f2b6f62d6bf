/* trajectory.h: yearly quantities (MODEL.md §7).
 *
 * Any yearly quantity of a scenario (a capacity, an annual demand, a share of
 * a mix, a price) follows one of four forms:
 *   constant     v(y) = value
 *   milestones   (year, value) pairs, linear between them, flat outside
 *   logistic     v(y) = from + (to − from) / (1 + exp(−k (y − midpoint)))
 *   growth       v(y) = from · (1 + rate)^(y − base_year)
 * Values are in the internal unit of the quantity's dimension (units.h).
 * Evaluation is a pure function: thread-safe, no allocation. */
#ifndef AUTONOMY_TRAJECTORY_H
#define AUTONOMY_TRAJECTORY_H

#include <stddef.h>
#include "autonomy/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    AU_TRAJ_UNSET = 0,  /* absent from the scenario */
    AU_TRAJ_CONSTANT,
    AU_TRAJ_MILESTONES,
    AU_TRAJ_LOGISTIC,
    AU_TRAJ_GROWTH
} au_traj_kind;

typedef struct au_traj {
    au_traj_kind kind;
    double value;           /* constant */
    size_t n;               /* milestones: count (>= 1) */
    double *years;          /* milestones: strictly increasing (owned) */
    double *values;         /* milestones: values (owned) */
    double from, to;        /* logistic: start and final values; growth: from */
    double midpoint;        /* logistic: year of the half-way point */
    double steepness;       /* logistic: k, per year (> 0 rises toward `to`) */
    double base_year;       /* growth: the year in which v = from */
    double rate;            /* growth: per year, > -1 */
} au_traj;

/* Constructors.  au_traj_milestones copies the arrays; it returns AU_EINVAL
 * when n == 0 or the years are not strictly increasing, AU_ENOMEM when out
 * of memory; *t is then left UNSET. */
au_traj au_traj_constant(double value);
au_status au_traj_milestones(au_traj *t, size_t n, const double *years,
                             const double *values);
au_traj au_traj_logistic(double from, double to, double midpoint, double steepness);
au_traj au_traj_growth(double from, double base_year, double rate);

/* The value in a year (any real year; milestones are held flat outside their
 * range).  An UNSET trajectory evaluates to 0. */
double au_traj_eval(const au_traj *t, double year);

/* Releases the arrays and sets *t to UNSET.  Accepts NULL. */
void au_traj_free(au_traj *t);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_TRAJECTORY_H */
