/* cli_seek.c: `autonomy seek`, what it takes to be autonomous by a given
 * year.  One lever: the smallest value that reaches the target, by GSL's
 * Brent root finder on a continuous indicator of the target (an integer
 * bisection for a shift in years).  Several levers, with costs: the
 * least-cost combination on a grid refined around its best point, and the
 * Pareto front of net present cost against the autonomy year.
 *
 * The target is met when the criterion holds in every year from the target
 * year to the horizon's end (the autonomy year is the target year or
 * earlier).  Its margin
 *     g(x) = min over years y ≥ Y of (stat_y(x) − threshold)
 * is ≥ 0 exactly then; stat_y is the criterion's indicator in the typical
 * weather, or, at a confidence c over N weather samples, the k-th largest
 * of the samples' indicators, k = ⌈c N⌉: at least k samples meet the
 * threshold, a share ≥ c, exactly when it does.  g is continuous in a
 * capacity and grows with it, which is what a bracketing root finder needs.
 *
 * Every value tried is a scenario file's worth of substitutions (levers and
 * the criterion's attributes), so the scenario written at the end is loaded
 * and run again, and must give the same margin to the last bit. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sort.h>

#include "autonomy/results.h"
#include "autonomy/runner.h"
#include "autonomy/scenario.h"
#include "cli.h"
#include "cli_mpi.h"

#define MAX_LEVERS 4
#define MAX_GRID_POINTS 4096

const char au_cli_seek_help[] =
    "Usage: autonomy seek SCENARIO --by YEAR --lever KIND:XPATH --from A --to B\n"
    "                     [--lever ... --from ... --to ...] [options]\n"
    "\n"
    "Finds what it takes for SCENARIO to be autonomous by YEAR: the criterion\n"
    "holds every year from YEAR to the horizon's end (the autonomy year is YEAR or\n"
    "earlier), in the typical weather or, with --confidence, in that share of\n"
    "--samples weather years.\n"
    "\n"
    "A lever varies one yearly quantity of the scenario as a whole (XPATH selects\n"
    "it, as in a batch's sweeps):\n"
    "  scale:XPATH        every value of its trajectory times the lever (a factor)\n"
    "  shift:XPATH        the same values that many years earlier (whole years)\n"
    "  set:YEAR:XPATH     its value in YEAR is the lever (a quantity with its unit,\n"
    "                     e.g. --from 500MW --to 3000MW), the shape kept\n"
    "--from and --to, after each --lever, bound it.\n"
    "\n"
    "One lever: the smallest value in [A, B] that meets the target, by Brent's\n"
    "method (GSL) on the target's margin, to --tol (default: (B - A) / 1000); a\n"
    "shift by integer bisection.  Several levers (the scenario needs <costs>): the\n"
    "cheapest combination by net present cost on a grid of --grid values per lever\n"
    "(default 5), refined --rounds times (default 2) around the best point; and the\n"
    "Pareto front of net present cost against the autonomy year.  A grid can miss\n"
    "a narrow optimum between its points; its step after the last round is printed.\n"
    "\n"
    "The target, by default the scenario's own criterion:\n"
    "  --by YEAR              the year autonomy must be reached by (required)\n"
    "  --criterion annual-balance|hourly-autonomy\n"
    "  --scope all-energy|electricity\n"
    "  --threshold T          e.g. 1 or 0.9\n"
    "  --confidence C         share of weather samples (needs --samples, unless the\n"
    "                         scenario runs on recorded years: then over those)\n"
    "  --samples N            stochastic weather years besides the typical one\n"
    "Other options:\n"
    "  --tol X                one lever: the answer's precision, in its unit\n"
    "  --grid G, --rounds R   several levers: values per lever, refinements\n"
    "  --out DIR              where to write (default: results/seek)\n"
    "  --threads N            threads (results do not depend on it)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Writes, in DIR: NAME.xml, the scenario found (it extends SCENARIO; `autonomy\n"
    "run` on it gives the same results), result.csv (the lever values, the\n"
    "autonomy year reached, the indicator in YEAR, the net present cost), trace.csv\n"
    "(every evaluation and its time) and, with several levers, pareto.csv.\n"
    "\n"
    "Examples (Amiens):\n"
    "  # the wind it takes to reach the annual balance by 2040\n"
    "  autonomy seek scenarios/amiens-roadmap.xml --by 2040 \\\n"
    "    --lever \"set:2040:/scenario/generation/wind[@name='Somme wind share']/capacity\" \\\n"
    "    --from 300MW --to 3000MW\n"
    "  # the storage it takes to reach hourly autonomy 0.9 by 2050, at 90 %\n"
    "  autonomy seek scenarios/amiens-autonomy-2050.xml --by 2050 --samples 10 \\\n"
    "    --confidence 0.9 \\\n"
    "    --lever \"scale:/scenario/storage/battery[@name='Tiamat Boves']/energy\" \\\n"
    "    --from 0.5 --to 4\n"
    "  # the cheapest wind + PV mix for the annual balance by 2045\n"
    "  autonomy seek scenarios/amiens-roadmap.xml --by 2045 \\\n"
    "    --lever \"scale:/scenario/generation/wind[@name='Somme wind share']/capacity\" \\\n"
    "    --from 0.5 --to 3 \\\n"
    "    --lever \"scale:/scenario/generation/pv[@name='rooftops']/capacity\" \\\n"
    "    --from 0.5 --to 3\n"
    "\n"
    "Exit status: 0 found; 2 bad input or usage, or a target that the bounds cannot\n"
    "reach (the best value reached is printed); 1 the run or the writing failed.\n";

typedef struct lever {
    au_lever_op op;
    int year;               /* set: the year */
    const char *xpath;
    double lo, hi;          /* bounds, in the lever's unit */
    int have_lo, have_hi;
    char unit[32];          /* set: the unit of the bounds ("MW") */
} lever;

/* One evaluation. */
typedef struct point {
    double x[MAX_LEVERS];
    double g;               /* the target's margin */
    double ind;             /* the statistic in the target year */
    int year;               /* the autonomy year reached (0: none) */
    int samples;            /* the weather samples it ran (recorded years: each) */
    double npc;             /* net present cost, EUR (NAN without costs) */
    double secs;            /* the run's wall time */
} point;

typedef struct seek {
    const char *file, *out;
    int by, samples, threads, grid, rounds;
    double tol;
    const char *criterion, *scope, *threshold, *confidence;
    double conf;            /* the confidence used, with samples */
    lever lv[MAX_LEVERS];
    int n_lev;
    point *trace;
    size_t n_trace, cap_trace;
    au_status failed;       /* a failure inside the root finder */
    au_diags d;
    int y0, y1;             /* the horizon */
} seek;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The text of lever l's value x (owned by buf). */
static const char *lever_text(const lever *l, double x, char *buf, size_t n)
{
    char num[40];
    if (l->op == AU_LEVER_SHIFT)
        snprintf(buf, n, "%d", (int)lround(x));
    else {
        au_csv_num(num, x);
        snprintf(buf, n, "%s%s%s", num, l->unit[0] ? " " : "", l->unit);
    }
    return buf;
}

/* The substitutions of point x: the levers, then the criterion's options.
 * vals holds the lever texts (MAX_LEVERS × 64). */
static size_t overrides(const seek *k, const double *x, au_override *ov, char vals[][64])
{
    size_t n = 0;
    for (int i = 0; i < k->n_lev; i++) {
        const lever *l = &k->lv[i];
        ov[n++] = (au_override){l->xpath, lever_text(l, x[i], vals[i], 64), "--lever", 0,
                                l->op, l->year};
    }
    if (k->criterion)
        ov[n++] = (au_override){"/scenario/autonomy/@indicator", k->criterion, "--criterion", 0,
                                AU_LEVER_VALUE, 0};
    if (k->scope)
        ov[n++] = (au_override){"/scenario/autonomy/@scope", k->scope, "--scope", 0,
                                AU_LEVER_VALUE, 0};
    if (k->threshold)
        ov[n++] = (au_override){"/scenario/autonomy/@threshold", k->threshold, "--threshold", 0,
                                AU_LEVER_VALUE, 0};
    if (k->confidence)
        ov[n++] = (au_override){"/scenario/autonomy/@confidence", k->confidence, "--confidence",
                                0, AU_LEVER_VALUE, 0};
    return n;
}

/* The margin of a pathway, its statistic in the target year and its
 * autonomy year. */
static void margin(const seek *k, const au_pathway *p, point *pt)
{
    const au_criterion *c = &p->s->criterion;
    int n = p->n_years, ns = p->n_samples;
    pt->g = INFINITY;
    for (int i = k->by - p->s->year_start; i < n; i++) {
        /* at confidence: the ⌈confidence · ns⌉-th largest over the samples */
        double st = ns > 0 && k->confidence != NULL ? p->at_confidence[i] : p->value[i];
        if (i == k->by - p->s->year_start)
            pt->ind = st;
        if (st - c->threshold < pt->g)
            pt->g = st - c->threshold;
    }
    pt->year = ns > 0 && k->confidence != NULL ? p->autonomy_year_conf : p->autonomy_year;
    pt->samples = ns;
    pt->npc = p->econ.npc_eur;
}

static int add_trace(seek *k, const point *pt)
{
    if (k->n_trace == k->cap_trace) {
        size_t cap = k->cap_trace ? 2 * k->cap_trace : 64;
        point *t = realloc(k->trace, cap * sizeof *t);
        if (t == NULL)
            return -1;
        k->trace = t, k->cap_trace = cap;
    }
    k->trace[k->n_trace++] = *pt;
    return 0;
}

/* Runs the n points xs (MAX_LEVERS values apart) in one run, in parallel
 * (the names of their scenarios are seek-<name0 + i>); their results go to
 * pts. */
static au_status run_points(seek *k, const double *xs, size_t n, size_t name0, point *pts)
{
    au_scenario **s = calloc(n + 1, sizeof *s);
    au_pathway *p = calloc(n + 1, sizeof *p);
    au_status st = s && p ? AU_OK : AU_ENOMEM;
    double t0 = now_s();
    for (size_t i = 0; i < n && st == AU_OK; i++) {
        au_override ov[MAX_LEVERS + 4];
        char vals[MAX_LEVERS][64], name[64];
        size_t no = overrides(k, xs + i * MAX_LEVERS, ov, vals);
        snprintf(name, sizeof name, "seek-%zu", name0 + i);
        st = au_scenario_load_variant(k->file, ov, no, name, &s[i], &k->d);
    }
    if (st == AU_OK && n > 0) {
        au_run_opts o = {.samples = k->samples, .threads = k->threads};
        st = au_run(s, n, &o, p, &k->d);
    }
    double secs = now_s() - t0;
    for (size_t i = 0; i < n && st == AU_OK; i++) {
        memcpy(pts[i].x, xs + i * MAX_LEVERS, sizeof pts[i].x);
        margin(k, &p[i], &pts[i]);
        pts[i].secs = secs / (double)n;
    }
    for (size_t i = 0; i < n; i++) {
        if (st == AU_OK || p[i].res != NULL)
            au_pathway_clear(&p[i]);
        au_scenario_free(s ? s[i] : NULL);
    }
    free(s);
    free(p);
    return st;
}

/* The points of an evaluation shared by the ranks of an MPI job: rank r
 * runs the points i with i mod R = r; rank 0 gathers them.  Every rank
 * calls it with the same head (n and the first name) and xs. */
static au_status rank_points(seek *k, const double *xs, size_t n, size_t name0, point *pts)
{
    size_t ranks = (size_t)au_mpi_size(), r = (size_t)au_mpi_rank();
    size_t per = (n + ranks - 1) / ranks, m = 0;
    double *mx = calloc(per * MAX_LEVERS + 1, sizeof *mx);
    point *mine = calloc(per + 1, sizeof *mine), *all = NULL;
    au_status st = mx != NULL && mine != NULL ? AU_OK : AU_ENOMEM;
    for (size_t i = r; st == AU_OK && i < n; i += ranks, m++)
        memcpy(mx + m * MAX_LEVERS, xs + i * MAX_LEVERS, MAX_LEVERS * sizeof *mx);
    /* each point named as one process names it */
    for (size_t j = 0; st == AU_OK && j < m; j++) {
        st = run_points(k, mx + j * MAX_LEVERS, 1, name0 + r + j * ranks, &mine[j]);
    }
    int who;
    st = au_mpi_agree(st, &who);
    if (st != AU_OK && who > 0 && r == (size_t)who)
        au_diags_print(&k->d, stderr);
    if (r == 0)
        all = calloc(per * ranks + 1, sizeof *all);
    int ok = r != 0 || all != NULL, all_ok = ok;
    all_ok = au_mpi_agree(ok ? AU_OK : AU_ENOMEM, &who) == AU_OK;
    if (all_ok && st == AU_OK)
        au_mpi_gather(mine, per * sizeof *mine, all);
    if (r == 0 && all_ok && st == AU_OK)
        for (size_t i = 0; i < n; i++)
            pts[i] = all[(i % ranks) * per + i / ranks];
    free(all);
    free(mine);
    free(mx);
    return st != AU_OK ? st : all_ok ? AU_OK : AU_ENOMEM;
}

/* Evaluates the n points xs (n_lev values each, MAX_LEVERS apart); their
 * results go to pts and the trace.  In an MPI job rank 0 shares them with
 * the other ranks (serve_points). */
static au_status evaluate(seek *k, const double *xs, size_t n, point *pts)
{
    au_status st;
    if (au_mpi_size() > 1) {
        uint64_t head[2] = {n, k->n_trace + 1};
        au_mpi_bcast(head, sizeof head);
        au_mpi_bcast((void *)xs, n * MAX_LEVERS * sizeof *xs);
        st = rank_points(k, xs, n, k->n_trace + 1, pts);
    } else {
        st = run_points(k, xs, n, k->n_trace + 1, pts);
    }
    for (size_t i = 0; i < n && st == AU_OK; i++)
        if (add_trace(k, &pts[i]) != 0)
            st = AU_ENOMEM;
    return st;
}

/* The ranks other than 0 of an MPI job: the points rank 0 shares, until it
 * shares none. */
static au_status serve_points(seek *k)
{
    au_status st = AU_OK;
    for (;;) {
        uint64_t head[2];
        au_mpi_bcast(head, sizeof head);
        if (head[0] == 0)
            return st;
        size_t n = (size_t)head[0];
        double *xs = calloc(n * MAX_LEVERS + 1, sizeof *xs);
        if (xs == NULL)
            au_mpi_abort("autonomy seek: out of memory on a rank; the job stops\n");
        au_mpi_bcast(xs, n * MAX_LEVERS * sizeof *xs);
        au_status sp = rank_points(k, xs, n, (size_t)head[1], NULL);
        st = st == AU_OK ? sp : st;
        free(xs);
    }
}

/* Rank 0: no more points (the other ranks leave serve_points). */
static void end_points(void)
{
    if (au_mpi_size() > 1 && au_mpi_rank() == 0) {
        uint64_t head[2] = {0, 0};
        au_mpi_bcast(head, sizeof head);
    }
}

static au_status eval1(seek *k, double x, point *pt)
{
    double xs[MAX_LEVERS] = {x};
    return evaluate(k, xs, 1, pt);
}

/* The last evaluation at x, or NULL. */
static const point *traced(const seek *k, const double *x)
{
    for (size_t i = k->n_trace; i-- > 0;)
        if (memcmp(k->trace[i].x, x, k->n_lev * sizeof *x) == 0)
            return &k->trace[i];
    return NULL;
}

static double g_of(double x, void *vk)
{
    seek *k = vk;
    point pt;
    if (k->failed != AU_OK)
        return NAN;
    double xs[MAX_LEVERS] = {x};
    const point *t = traced(k, xs);
    if (t != NULL)
        return t->g; /* the bounds, evaluated before */
    k->failed = eval1(k, x, &pt);
    return k->failed == AU_OK ? pt.g : NAN;
}

static void print_point(const seek *k, const char *what, const point *pt)
{
    printf("%s:", what);
    for (int i = 0; i < k->n_lev; i++) {
        char b[64];
        printf(" %s %s", au_lever_name(k->lv[i].op), lever_text(&k->lv[i], pt->x[i], b, sizeof b));
    }
    printf("; autonomy year %s", pt->year ? "" : "not reached");
    if (pt->year)
        printf("%d", pt->year);
    printf(", margin %.4g in %d onwards", pt->g, k->by);
    if (isfinite(pt->npc))
        printf(", net present cost %.1f M€", 1e-6 * pt->npc);
    printf("\n");
}

/* One lever: the smallest value meeting the target; *found is set. */
static au_status seek_one(seek *k, point *best)
{
    lever *l = &k->lv[0];
    point a, b;
    au_status st = eval1(k, l->lo, &a);
    if (st == AU_OK)
        st = eval1(k, l->hi, &b);
    if (st != AU_OK)
        return st;
    if (a.g >= 0) {
        *best = a;
        printf("The target is met at the lower bound already.\n");
        return AU_OK;
    }
    if (b.g < 0) {
        print_point(k, "Unreachable within the bounds; the best, at the upper bound", &b);
        fprintf(stderr, "autonomy seek: the target (autonomy by %d) is not reached within "
                        "[--from, --to]: at the upper bound the criterion still misses by %.4g "
                        "(expected a wider range, or a later --by)\n", k->by, -b.g);
        return AU_EINVAL;
    }
    double lo = l->lo, hi = l->hi;
    if (l->op == AU_LEVER_SHIFT) {
        lo = round(lo), hi = round(hi);
        while (hi - lo > 1) {
            double mid = floor(0.5 * (lo + hi));
            point m;
            if ((st = eval1(k, mid, &m)) != AU_OK)
                return st;
            if (m.g >= 0)
                hi = mid;
            else
                lo = mid;
        }
    } else {
        gsl_function f = {g_of, k};
        gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
        if (s == NULL)
            return AU_ENOMEM;
        gsl_root_fsolver_set(s, &f, lo, hi);
        for (int it = 0; it < 200; it++) {
            int r = gsl_root_fsolver_iterate(s);
            if (k->failed != AU_OK || r != GSL_SUCCESS)
                break;
            lo = gsl_root_fsolver_x_lower(s), hi = gsl_root_fsolver_x_upper(s);
            if (gsl_root_test_interval(lo, hi, k->tol, 0) == GSL_SUCCESS)
                break;
        }
        gsl_root_fsolver_free(s);
        if (k->failed != AU_OK)
            return k->failed;
    }
    /* the answer is the bracket's upper end, which meets the target */
    double x[MAX_LEVERS] = {hi};
    const point *t = traced(k, x);
    point h;
    if (t == NULL || t->g < 0) {
        if ((st = eval1(k, hi, &h)) != AU_OK)
            return st;
        t = &h;
    }
    *best = *t;
    printf("Bracket at the end: [%.10g, %.10g] (width %.3g, tolerance %.3g)\n", lo, hi,
           hi - lo, l->op == AU_LEVER_SHIFT ? 1.0 : k->tol);
    return AU_OK;
}

/* Several levers: the cheapest point of a grid refined around its best. */
static au_status seek_many(seek *k, point *best)
{
    double lo[MAX_LEVERS], hi[MAX_LEVERS], last_step[MAX_LEVERS] = {0};
    int g = k->grid;
    for (int i = 0; i < k->n_lev; i++)
        lo[i] = k->lv[i].lo, hi[i] = k->lv[i].hi;
    size_t n = 1;
    for (int i = 0; i < k->n_lev; i++)
        n *= (size_t)g;
    if (n > MAX_GRID_POINTS) {
        fprintf(stderr, "autonomy seek: --grid %d with %d levers is %zu runs a round (expected "
                        "at most %d)\n", g, k->n_lev, n, MAX_GRID_POINTS);
        return AU_EUSAGE;
    }
    double *xs = calloc(n * MAX_LEVERS, sizeof *xs);
    point *pts = calloc(n, sizeof *pts);
    if (xs == NULL || pts == NULL) {
        free(xs), free(pts);
        return AU_ENOMEM;
    }
    int have = 0;
    au_status st = AU_OK;
    for (int r = 0; r <= k->rounds && st == AU_OK; r++) {
        for (size_t j = 0; j < n; j++) {
            size_t q = j;
            for (int i = 0; i < k->n_lev; i++) {
                double v = lo[i] + (hi[i] - lo[i]) * (double)(q % g) / (g - 1);
                xs[j * MAX_LEVERS + i] = k->lv[i].op == AU_LEVER_SHIFT ? round(v) : v;
                q /= g;
            }
        }
        if ((st = evaluate(k, xs, n, pts)) != AU_OK)
            break;
        for (size_t j = 0; j < n; j++)
            if (pts[j].g >= 0 && isfinite(pts[j].npc) && (!have || pts[j].npc < best->npc))
                *best = pts[j], have = 1;
        if (!have)
            break;
        for (int i = 0; i < k->n_lev; i++) {
            double step = (hi[i] - lo[i]) / (g - 1);
            last_step[i] = step;
            lo[i] = fmax(k->lv[i].lo, best->x[i] - step);
            hi[i] = fmin(k->lv[i].hi, best->x[i] + step);
        }
    }
    free(xs), free(pts);
    if (st != AU_OK)
        return st;
    if (!have) {
        const point *b = &k->trace[0];
        for (size_t i = 1; i < k->n_trace; i++)
            if (k->trace[i].g > b->g)
                b = &k->trace[i];
        print_point(k, "Unreachable within the bounds; the best point of the grid", b);
        fprintf(stderr, "autonomy seek: no point of the grid reaches autonomy by %d (expected "
                        "wider bounds, or a later --by)\n", k->by);
        return AU_EINVAL;
    }
    printf("Grid step of the last round (%d refinement%s):", k->rounds,
           k->rounds == 1 ? "" : "s");
    for (int i = 0; i < k->n_lev; i++)
        printf(" %.4g", last_step[i]);
    printf("\n");
    return AU_OK;
}

/* ---- output ---- */

typedef struct out_ctx {
    const seek *k;
    const point *best;
} out_ctx;

static void csv_x(FILE *f, const seek *k, const point *p)
{
    char b[40];
    for (int i = 0; i < k->n_lev; i++) {
        au_csv_num(b, k->lv[i].op == AU_LEVER_SHIFT ? round(p->x[i]) : p->x[i]);
        fprintf(f, ",%s", b);
    }
}

static void csv_head(FILE *f, const seek *k)
{
    for (int i = 0; i < k->n_lev; i++)
        fprintf(f, ",lever_%d", i + 1);
}

static int write_result(FILE *f, const void *v)
{
    const out_ctx *c = v;
    const seek *k = c->k;
    char b[40];
    fputs("scenario,by,samples", f);
    csv_head(f, k);
    fputs(",autonomy_year,indicator_by,margin,npc_meur,evaluations,seconds", f);
    for (int i = 0; i < k->n_lev; i++)
        fprintf(f, ",lever_%d_is", i + 1);
    fputc('\n', f);
    au_csv_str(f, k->file);
    fprintf(f, ",%d,%d", k->by, c->best->samples);
    csv_x(f, k, c->best);
    if (c->best->year)
        fprintf(f, ",%d", c->best->year);
    else
        fputs(",", f);
    fprintf(f, ",%s", au_csv_num(b, c->best->ind));
    fprintf(f, ",%s", au_csv_num(b, c->best->g));
    fprintf(f, ",%s", au_csv_num(b, 1e-6 * c->best->npc));
    double secs = 0;
    for (size_t i = 0; i < k->n_trace; i++)
        secs += k->trace[i].secs;
    fprintf(f, ",%zu,%.3f", k->n_trace, secs);
    /* what each lever column is: its kind, its XPath and its unit */
    for (int i = 0; i < k->n_lev; i++) {
        const lever *l = &k->lv[i];
        size_t n = strlen(au_lever_name(l->op)) + strlen(l->xpath) + strlen(l->unit) + 8;
        char *what = malloc(n);
        if (what == NULL)
            return -1;
        snprintf(what, n, "%s %s%s%s", au_lever_name(l->op), l->xpath, l->unit[0] ? " in " : "",
                 l->unit);
        fputc(',', f);
        au_csv_str(f, what);
        free(what);
    }
    fputc('\n', f);
    return 0;
}

static int write_points(FILE *f, const seek *k, const point *p, size_t n)
{
    char b[40];
    fputs("evaluation", f);
    csv_head(f, k);
    fputs(",margin,indicator_by,autonomy_year,npc_meur,seconds\n", f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%zu", i + 1);
        csv_x(f, k, &p[i]);
        fprintf(f, ",%s", au_csv_num(b, p[i].g));
        fprintf(f, ",%s,", au_csv_num(b, p[i].ind));
        if (p[i].year)
            fprintf(f, "%d", p[i].year);
        fprintf(f, ",%s,%.4f\n", au_csv_num(b, 1e-6 * p[i].npc), p[i].secs);
    }
    return 0;
}

static int write_trace(FILE *f, const void *v)
{
    const seek *k = ((const out_ctx *)v)->k;
    return write_points(f, k, k->trace, k->n_trace);
}

/* Pareto: the points no other point beats on both cost and year (a year not
 * reached counts as after every year). */
static int write_pareto(FILE *f, const void *v)
{
    const seek *k = ((const out_ctx *)v)->k;
    point *front = malloc((k->n_trace + 1) * sizeof *front);
    if (front == NULL)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < k->n_trace; i++) {
        const point *p = &k->trace[i];
        int yi = p->year ? p->year : 99999, dominated = 0;
        for (size_t j = 0; j < k->n_trace && !dominated; j++) {
            const point *q = &k->trace[j];
            int yj = q->year ? q->year : 99999;
            dominated = (q->npc <= p->npc && yj <= yi) && (q->npc < p->npc || yj < yi);
        }
        int dup = 0;
        for (size_t j = 0; j < n && !dup; j++)
            dup = front[j].npc == p->npc && front[j].year == p->year;
        if (!dominated && !dup && isfinite(p->npc))
            front[n++] = *p;
    }
    /* by year */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0; j--) {
            int a = front[j - 1].year ? front[j - 1].year : 99999;
            int b = front[j].year ? front[j].year : 99999;
            if (a <= b)
                break;
            point t = front[j - 1];
            front[j - 1] = front[j], front[j] = t;
        }
    int r = write_points(f, k, front, n);
    free(front);
    return r;
}

static au_status write_file(const char *dir, const char *name,
                            int (*fn)(FILE *, const void *), const out_ctx *c)
{
    char path[4200], why[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (au_write_atomic(path, fn, c, why, sizeof why) != 0) {
        fprintf(stderr, "autonomy seek: cannot write %s: %s\n", path, why);
        return AU_EIO;
    }
    return AU_OK;
}

/* The scenario found, written and run again: the same margin, bit for bit. */
static au_status write_scenario(seek *k, const point *best, char *path, size_t n)
{
    au_override ov[MAX_LEVERS + 4];
    char vals[MAX_LEVERS][64], name[256], safe[200];
    size_t no = overrides(k, best->x, ov, vals);
    au_scenario *s0 = NULL;
    au_status st = au_scenario_load_variant(k->file, ov, no, NULL, &s0, &k->d);
    if (st != AU_OK)
        return st;
    snprintf(name, sizeof name, "%s+seek-%d", s0->name, k->by);
    au_scenario_free(s0);
    au_safe_name(safe, sizeof safe, name);
    snprintf(path, n, "%s/%s.xml", k->out, safe);
    if ((st = au_scenario_write_variant(k->file, ov, no, name, path, &k->d)) != AU_OK)
        return st;
    au_scenario *s = NULL;
    if ((st = au_scenario_load(path, &s, &k->d)) != AU_OK)
        return st;
    au_pathway p;
    au_run_opts o = {.samples = k->samples, .threads = k->threads};
    st = au_run(&s, 1, &o, &p, &k->d);
    if (st == AU_OK) {
        point again;
        margin(k, &p, &again);
        if (again.g != best->g || again.year != best->year) {
            au_diags_add(&k->d, path, 0, "the scenario written gives a margin of %.17g, not "
                         "%.17g (expected the same results: please report this)", again.g,
                         best->g);
            st = AU_EINTERNAL;
        }
        au_pathway_clear(&p);
    }
    au_scenario_free(s);
    return st;
}

/* ---- options ---- */

static int parse_double(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return end != s && *end == '\0' && errno == 0 && isfinite(*v) ? 0 : -1;
}

/* A bound: a number, or for a set lever a number with the unit. */
static int parse_bound(lever *l, const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    if (end == s || errno != 0 || !isfinite(*v))
        return -1;
    while (*end == ' ')
        end++;
    if (l->op != AU_LEVER_SET)
        return *end == '\0' ? 0 : -1;
    if (*end == '\0' || strlen(end) >= sizeof l->unit)
        return -1;
    if (l->unit[0] && strcmp(l->unit, end) != 0)
        return -2;
    snprintf(l->unit, sizeof l->unit, "%s", end);
    return 0;
}

static au_status parse_lever(seek *k, const char *arg)
{
    if (k->n_lev == MAX_LEVERS) {
        fprintf(stderr, "autonomy seek: more than %d levers (expected at most %d)\n",
                MAX_LEVERS, MAX_LEVERS);
        return AU_EUSAGE;
    }
    lever *l = &k->lv[k->n_lev];
    memset(l, 0, sizeof *l);
    if (strncmp(arg, "scale:", 6) == 0)
        l->op = AU_LEVER_SCALE, l->xpath = arg + 6;
    else if (strncmp(arg, "shift:", 6) == 0)
        l->op = AU_LEVER_SHIFT, l->xpath = arg + 6;
    else if (strncmp(arg, "set:", 4) == 0) {
        char *end;
        long y = strtol(arg + 4, &end, 10);
        if (end == arg + 4 || *end != ':' || y < 1000 || y > 9999) {
            fprintf(stderr, "autonomy seek: --lever '%s' (expected set:YEAR:XPATH, e.g. "
                            "set:2040:/scenario/generation/wind[@name='x']/capacity)\n", arg);
            return AU_EUSAGE;
        }
        l->op = AU_LEVER_SET, l->year = (int)y, l->xpath = end + 1;
    } else {
        fprintf(stderr, "autonomy seek: --lever '%s' (expected scale:XPATH, shift:XPATH or "
                        "set:YEAR:XPATH)\n", arg);
        return AU_EUSAGE;
    }
    if (*l->xpath == '\0') {
        fprintf(stderr, "autonomy seek: --lever '%s' names no XPath\n", arg);
        return AU_EUSAGE;
    }
    k->n_lev++;
    return AU_OK;
}

static au_status parse_options(seek *k, int argc, char **argv, int *help)
{
    static const struct option opts[] = {
        {"by", required_argument, NULL, 'b'},        {"lever", required_argument, NULL, 'l'},
        {"from", required_argument, NULL, 'f'},      {"to", required_argument, NULL, 't'},
        {"criterion", required_argument, NULL, 'c'}, {"scope", required_argument, NULL, 's'},
        {"threshold", required_argument, NULL, 'T'}, {"confidence", required_argument, NULL, 'C'},
        {"samples", required_argument, NULL, 'n'},   {"tol", required_argument, NULL, 'e'},
        {"grid", required_argument, NULL, 'g'},      {"rounds", required_argument, NULL, 'r'},
        {"out", required_argument, NULL, 'o'},       {"threads", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},            {NULL, 0, NULL, 0},
    };
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        double v;
        lever *l = k->n_lev ? &k->lv[k->n_lev - 1] : NULL;
        switch (c) {
        case 'b':
            if (parse_double(optarg, &v) != 0 || v != floor(v) || v < 1000 || v > 9999) {
                fprintf(stderr, "autonomy seek: --by '%s' (expected a year such as 2040)\n",
                        optarg);
                return AU_EUSAGE;
            }
            k->by = (int)v;
            break;
        case 'l': {
            au_status st = parse_lever(k, optarg);
            if (st != AU_OK)
                return st;
            break;
        }
        case 'f':
        case 't': {
            if (l == NULL) {
                fprintf(stderr, "autonomy seek: --%s before any --lever (expected --lever "
                                "KIND:XPATH --from A --to B)\n", c == 'f' ? "from" : "to");
                return AU_EUSAGE;
            }
            int r = parse_bound(l, optarg, c == 'f' ? &l->lo : &l->hi);
            if (r != 0) {
                fprintf(stderr, "autonomy seek: --%s '%s' (expected %s)\n",
                        c == 'f' ? "from" : "to", optarg,
                        r == -2 ? "the same unit as the other bound"
                        : l->op == AU_LEVER_SET ? "a quantity with its unit, e.g. 1500MW"
                        : l->op == AU_LEVER_SHIFT ? "whole years, e.g. 5"
                                                  : "a factor, e.g. 1.5");
                return AU_EUSAGE;
            }
            *(c == 'f' ? &l->have_lo : &l->have_hi) = 1;
            break;
        }
        case 'c':
            k->criterion = optarg;
            break;
        case 's':
            k->scope = optarg;
            break;
        case 'T':
            k->threshold = optarg;
            break;
        case 'C':
            k->confidence = optarg;
            break;
        case 'n':
            if (parse_double(optarg, &v) != 0 || v != floor(v) || v < 0 || v > 100000) {
                fprintf(stderr, "autonomy seek: --samples '%s' (expected 0 to 100000)\n", optarg);
                return AU_EUSAGE;
            }
            k->samples = (int)v;
            break;
        case 'e':
            if (parse_double(optarg, &k->tol) != 0 || !(k->tol > 0)) {
                fprintf(stderr, "autonomy seek: --tol '%s' (expected a positive number)\n",
                        optarg);
                return AU_EUSAGE;
            }
            break;
        case 'g':
            if (parse_double(optarg, &v) != 0 || v != floor(v) || v < 2 || v > 64) {
                fprintf(stderr, "autonomy seek: --grid '%s' (expected 2 to 64)\n", optarg);
                return AU_EUSAGE;
            }
            k->grid = (int)v;
            break;
        case 'r':
            if (parse_double(optarg, &v) != 0 || v != floor(v) || v < 0 || v > 20) {
                fprintf(stderr, "autonomy seek: --rounds '%s' (expected 0 to 20)\n", optarg);
                return AU_EUSAGE;
            }
            k->rounds = (int)v;
            break;
        case 'o':
            k->out = optarg;
            if (au_cli_empty("seek", "--out", optarg, "a folder's name"))
                return AU_EUSAGE;
            break;
        case 'j':
            if (parse_double(optarg, &v) != 0 || v != floor(v) || v < 1 || v > 1024) {
                fprintf(stderr, "autonomy seek: --threads '%s' (expected 1 to 1024)\n", optarg);
                return AU_EUSAGE;
            }
            k->threads = (int)v;
            break;
        case 'h':
            fputs(au_cli_seek_help, stdout);
            *help = 1;
            return AU_OK;
        default:
            fputs("Try 'autonomy seek --help'.\n", stderr);
            return AU_EUSAGE;
        }
    }
    if (argc - optind != 1) {
        fprintf(stderr, "autonomy seek: %s (expected one scenario file; see 'autonomy seek "
                        "--help')\n", argc - optind < 1 ? "no scenario given" : "several files given");
        return AU_EUSAGE;
    }
    k->file = argv[optind];
    if (k->by == 0 || k->n_lev == 0) {
        fprintf(stderr, "autonomy seek: %s (expected --by YEAR and at least one --lever "
                        "KIND:XPATH --from A --to B)\n", k->by == 0 ? "no --by" : "no --lever");
        return AU_EUSAGE;
    }
    for (int i = 0; i < k->n_lev; i++) {
        lever *l = &k->lv[i];
        if (!l->have_lo || !l->have_hi || !(l->lo < l->hi)) {
            fprintf(stderr, "autonomy seek: lever %d (%s) has %s (expected --from A --to B "
                            "with A < B after it)\n", i + 1, l->xpath,
                    !l->have_lo || !l->have_hi ? "no bounds" : "bounds that are not in order");
            return AU_EUSAGE;
        }
        if (l->op == AU_LEVER_SCALE && l->lo < 0) {
            fprintf(stderr, "autonomy seek: lever %d: --from %g is a negative factor (expected "
                            "0 or more)\n", i + 1, l->lo);
            return AU_EUSAGE;
        }
    }
    if (k->tol == 0)
        k->tol = (k->lv[0].hi - k->lv[0].lo) / 1000;
    return AU_OK;
}

int au_cli_seek(int argc, char **argv)
{
    seek k = {.out = "results/seek", .grid = 5, .rounds = 2};
    au_diags_init(&k.d);
    int help = 0;
    /* in an MPI job, only rank 0 speaks (a rank's own failure aside) */
    int err_fd = au_mpi_quiet_others();
    au_status st = parse_options(&k, argc, argv, &help);
    if (st != AU_OK || help) {
        if (err_fd >= 0)
            close(err_fd);
        return au_exit_status(st);
    }
    gsl_set_error_handler_off();

    /* the scenario, its levers and the target checked once at their bounds */
    au_scenario *s = NULL;
    point best = {0};
    st = au_scenario_load(k.file, &s, &k.d);
    if (st == AU_OK) {
        k.y0 = s->year_start, k.y1 = s->year_end;
        if (k.by < k.y0 || k.by > k.y1) {
            fprintf(stderr, "autonomy seek: --by %d is outside the horizon %d-%d of %s\n", k.by,
                    k.y0, k.y1, k.file);
            st = AU_EUSAGE;
        } else if (k.confidence != NULL && k.samples == 0 &&
                   s->weather.source != AU_WEATHER_YEARS) {
            fprintf(stderr, "autonomy seek: --confidence without --samples (expected --samples "
                            "N, N of 1 or more, to take a share of weather years, or a scenario "
                            "on recorded years)\n");
            st = AU_EUSAGE;
        } else if (k.n_lev > 1 && !s->has_costs) {
            fprintf(stderr, "autonomy seek: several levers need costs to choose between them, "
                            "and %s has no <costs> (expected a scenario with costs, or one "
                            "lever)\n", k.file);
            st = AU_EUSAGE;
        }
    }
    int recorded = s != NULL && s->weather.source == AU_WEATHER_YEARS;
    au_scenario_free(s);
    if (au_mpi_size() > 1) { /* every rank read the scenario: the door */
        int who;
        au_status all = au_mpi_agree(st, &who);
        if (all != AU_OK && who > 0) {
            if (au_mpi_rank() == who && err_fd >= 0) {
                FILE *e = fdopen(dup(err_fd), "w");
                if (e != NULL) {
                    fprintf(e, "autonomy seek: rank %d could not read what rank 0 read:\n", who);
                    au_diags_print(&k.d, e);
                    fclose(e);
                }
            }
            if (au_mpi_rank() == 0)
                fprintf(stderr, "autonomy seek: rank %d could not read the scenario (its error "
                                "above); nothing run\n", who);
            all = AU_EINTERNAL;
        }
        if (au_mpi_rank() != 0) { /* the other ranks evaluate rank 0's points */
            if (all == AU_OK)
                serve_points(&k);
            au_diags_clear(&k.d);
            free(k.trace);
            if (err_fd >= 0)
                close(err_fd);
            return au_mpi_exit_status(0);
        }
        if (st == AU_OK && all != AU_OK)
            st = all;
    }
    if (st == AU_OK) {
        double t0 = now_s();
        if (recorded)
            printf("Seeking autonomy by %d for %s (%s, every recorded weather year)\n", k.by,
                   k.file, k.confidence ? "at confidence" : "typical weather");
        else
            printf("Seeking autonomy by %d for %s (%s, %d weather sample%s)\n", k.by, k.file,
                   k.confidence ? "at confidence" : "typical weather", k.samples,
                   k.samples == 1 ? "" : "s");
        st = k.n_lev == 1 ? seek_one(&k, &best) : seek_many(&k, &best);
        end_points();
        if (st == AU_OK) {
            print_point(&k, "Found", &best);
            printf("%zu evaluations in %.2f s\n", k.n_trace, now_s() - t0);
        }
    }
    char path[4300] = "";
    if (st == AU_OK && au_mkdir_p(k.out) != 0) {
        fprintf(stderr, "autonomy seek: cannot create %s: %s\n", k.out, strerror(errno));
        st = AU_EIO;
    }
    if (st == AU_OK)
        st = write_scenario(&k, &best, path, sizeof path);
    out_ctx c = {&k, &best};
    if (st == AU_OK)
        st = write_file(k.out, "result.csv", write_result, &c);
    if (st == AU_OK)
        st = write_file(k.out, "trace.csv", write_trace, &c);
    if (st == AU_OK && k.n_lev > 1)
        st = write_file(k.out, "pareto.csv", write_pareto, &c);
    if (st == AU_OK) {
        char smp[32] = "";
        if (k.samples)
            snprintf(smp, sizeof smp, " --samples %d", k.samples);
        printf("Scenario written to %s ('autonomy run%s %s' gives the same results)\n", path,
               smp, path);
    }
    au_diags_print(&k.d, stderr);
    au_diags_clear(&k.d);
    free(k.trace);
    int status = au_exit_status(st == AU_EIO ? AU_EIO : au_cli_input_status(st));
    return au_mpi_size() > 1 ? au_mpi_exit_status(status) : status;
}
