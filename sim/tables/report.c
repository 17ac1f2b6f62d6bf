/* report.c: the HTML report of a run (report.h, results/README.md).
 *
 * One gnuplot process draws every chart.  Its script, data inline in
 * "$name << EOD" blocks, goes to its standard input through popen(); each
 * chart is an SVG file in a private temporary folder (mkdtemp) that is read
 * back, given ids of its own (several SVGs share one page) and embedded in
 * the page; the folder is then removed.  The page is written, atomically,
 * only once every chart exists.  Numbers go to gnuplot in the C locale
 * (uselocale for this thread; setlocale is never called).
 *
 * The dispatch weeks group the electricity columns of the flow table by
 * their family's report group (the family table of engine.h), never by
 * their names:
 *   supply, stacked from the bottom:
 *     PV                    PV (every fleet)
 *     wind                  wind (every fleet)
 *     fixed                 other fixed sources
 *     plants                local plants
 *     storage discharge     batteries and fuel cells
 *     import                imports
 *     unserved              unserved
 *     other supply          (no family today)
 *   demand, a line: the families of group demand, that is the end uses,
 *     vehicles and the network's heat pumps; not storage charging
 *     (batteries, electrolysers), power to heat, export or curtailment.
 *   A dashed line adds storage charging and power to heat to the demand:
 *   what the stack rises above it is exported or curtailed. */
#include "autonomy/report.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_sort_double.h>

#include "autonomy/results.h"
#include "autonomy/trajectory.h"
#include "autonomy/version.h"

#define GNUPLOT_MISSING \
    "gnuplot could not be run (expected gnuplot installed: apt-get install gnuplot-nox)"

/* ------------------------------------------------------------ text buffer */

typedef struct sbuf {
    char *p;
    size_t n, cap;
    int oom;
} sbuf;

static void sb_mem(sbuf *b, const char *s, size_t len)
{
    if (b->oom)
        return;
    if (b->n + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + len + 1)
            cap *= 2;
        char *q = realloc(b->p, cap);
        if (q == NULL) {
            b->oom = 1;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, len);
    b->n += len;
    b->p[b->n] = '\0';
}

static void sb_puts(sbuf *b, const char *s)
{
    sb_mem(b, s, strlen(s));
}

static void sb_printf(sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int len = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (len < 0) {
        b->oom = 1;
    } else if ((size_t)len < sizeof small) {
        sb_mem(b, small, (size_t)len);
    } else {
        char *big = malloc((size_t)len + 1);
        if (big == NULL) {
            b->oom = 1;
        } else {
            vsnprintf(big, (size_t)len + 1, fmt, aq);
            sb_mem(b, big, (size_t)len);
            free(big);
        }
    }
    va_end(aq);
}

/* A gnuplot string: single-quoted ('' for a quote), control characters as
 * spaces; UTF-8 passes through. */
static void gp_str(sbuf *b, const char *s)
{
    sb_puts(b, "'");
    for (; s != NULL && *s; s++) {
        if (*s == '\'')
            sb_puts(b, "''");
        else if ((unsigned char)*s < 0x20 || *s == 0x7f)
            sb_puts(b, " ");
        else
            sb_mem(b, s, 1);
    }
    sb_puts(b, "'");
}

static void gp_num(sbuf *b, double v)
{
    if (isfinite(v))
        sb_printf(b, " %.10g", v);
    else
        sb_puts(b, " NaN");
}

/* A string for sh: single-quoted, a quote as '\''. */
static void sh_str(sbuf *b, const char *s)
{
    sb_puts(b, "'");
    for (; *s; s++) {
        if (*s == '\'')
            sb_puts(b, "'\\''");
        else
            sb_mem(b, s, 1);
    }
    sb_puts(b, "'");
}

static void html_esc(FILE *f, const char *s)
{
    for (; s != NULL && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default:
            if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
                fputc(' ', f);
            else
                fputc(*s, f);
        }
    }
}

/* ----------------------------------------------------------------- charts */

enum { CH_YEARS, CH_BALANCE, CH_HOURLY, CH_MIX, CH_FLOWS, CH_MONTHS, CH_WINTER, CH_SUMMER,
       CH_STORES, CH_IMPORTS, CH_COST, CH_JOBS, CH_COUNT };

static const char *const chart_title[CH_COUNT] = {
    "When each policy becomes autonomous", "Local production over consumption, by year",
    "Energy met locally hour by hour, by year", "Final energy by carrier",
    "Local production, imports and exports", "Electricity month by month",
    "Electricity dispatch, winter week", "Electricity dispatch, summer week",
    "Energy stored over the year", "Electricity imports, hours sorted",
    "Cumulative spending by policy", "Local jobs by policy"};

#define TERMINAL "set terminal svg size %d,%d dynamic enhanced font \"sans,11\" " \
                 "background rgb 'white'\n"

/* Distinct colours: Tableau's ten and two more, then hues a golden angle
 * apart (137.5°), so that no two policies of a page share one. */
static const char *const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                      "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
                                      "#bcbd22", "#7f7f7f", "#393b79", "#637939"};
#define N_PALETTE (sizeof palette / sizeof palette[0])

typedef struct colour {
    char hex[8];
} colour;

static colour colour_of(size_t k)
{
    colour c;
    if (k < N_PALETTE) {
        snprintf(c.hex, sizeof c.hex, "%s", palette[k]);
        return c;
    }
    double h = fmod((double)(k - N_PALETTE) * 137.508 + 15.0, 360.0) / 60.0;
    double s = 0.7, l = (k - N_PALETTE) % 2 ? 0.38 : 0.5;
    double ch = (1 - fabs(2 * l - 1)) * s, x = ch * (1 - fabs(fmod(h, 2) - 1)), m = l - ch / 2;
    int seg = (int)h;
    double r = 0, g = 0, b = 0;
    switch (seg % 6) {
    case 0: r = ch, g = x; break;
    case 1: r = x, g = ch; break;
    case 2: g = ch, b = x; break;
    case 3: g = x, b = ch; break;
    case 4: r = x, b = ch; break;
    default: r = ch, b = x; break;
    }
    snprintf(c.hex, sizeof c.hex, "#%02x%02x%02x", (int)lround(255 * (r + m)),
             (int)lround(255 * (g + m)), (int)lround(255 * (b + m)));
    return c;
}

/* A variant of a sweep ("base+sweep=value"), whose base is on the page:
 * drawn thin, in its base's colour, under one legend entry.  Returns the
 * base's index, or -1 for a policy of its own. */
static long variant_of(const au_pathway *p, size_t n, size_t i)
{
    const char *name = p[i].s->name, *plus = strchr(name, '+');
    if (plus == NULL)
        return -1;
    for (size_t j = 0; j < n; j++)
        if (j != i && strlen(p[j].s->name) == (size_t)(plus - name) &&
            strncmp(p[j].s->name, name, (size_t)(plus - name)) == 0)
            return (long)j;
    return -1;
}

/* The colour of scenario i: its own, counted among the policies, or its
 * base's. */
static colour series_colour(const au_pathway *p, size_t n, size_t i)
{
    long b = variant_of(p, n, i);
    size_t own = b >= 0 ? (size_t)b : i, k = 0;
    for (size_t j = 0; j < own; j++)
        k += variant_of(p, n, j) < 0;
    return colour_of(k);
}

static void chart_begin(sbuf *g, const char *tmpdir, int chart, int w, int h)
{
    char name[32];
    snprintf(name, sizeof name, "/chart%d.svg", chart);
    sb_printf(g, "reset\n" TERMINAL, w, h);
    sb_puts(g, "set output ");
    sbuf path = {0};
    sb_puts(&path, tmpdir);
    sb_puts(&path, name);
    if (path.oom)
        g->oom = 1;
    else
        gp_str(g, path.p);
    free(path.p);
    sb_puts(g, "\nset border 3 lw 1\nset tics nomirror out\n"
               "set grid ytics lt 1 lc rgb '#e0e0e0' lw 1\n"
               "set key noenhanced\n");
}

/* The series of indicator k (0: annual balance, 1: hourly autonomy) for a
 * pathway: its criterion's own indicator (and scope, threshold, autonomy
 * year, percentiles) when that is k; else the all-energy indicator against
 * 1 and the autonomy year by that indicator. */
static int own_indicator(const au_pathway *q, int k)
{
    return q->s->criterion.indicator == (au_indicator)k;
}

static double series_value(const au_pathway *q, int k, int i)
{
    if (own_indicator(q, k))
        return q->value[i];
    const au_year_result *r = &q->res[i];
    return k == 0 ? r->annual_balance : r->hourly_autonomy;
}

static double series_threshold(const au_pathway *q, int k)
{
    return own_indicator(q, k) ? q->s->criterion.threshold : 1.0;
}

/* The extent of an indicator chart: years and values (in %). */
typedef struct extent {
    int y0, y1;
    double lo, hi;
} extent;

static void extend(extent *x, double v)
{
    x->lo = fmin(x->lo, v);
    x->hi = fmax(x->hi, v);
}

/* The data block $ind<k>_<i> of pathway i: year, value, p10, p90 (in %). */
static void indicator_data(sbuf *g, const au_pathway *q, size_t i, int k, extent *x)
{
    int band = own_indicator(q, k) && q->n_samples > 0;
    double thr = series_threshold(q, k);
    if (q->s->year_start < x->y0)
        x->y0 = q->s->year_start;
    if (q->s->year_end > x->y1)
        x->y1 = q->s->year_end;
    extend(x, 100 * thr);
    sb_printf(g, "$ind%d_%zu << EOD\n", k, i);
    for (int y = 0; y < q->n_years; y++) {
        double v = 100 * series_value(q, k, y);
        double a = band ? 100 * q->p10[y] : NAN, b = band ? 100 * q->p90[y] : NAN;
        sb_printf(g, "%d", q->s->year_start + y);
        gp_num(g, v);
        gp_num(g, a);
        gp_num(g, b);
        sb_puts(g, "\n");
        if (isfinite(v))
            extend(x, v);
        if (band && isfinite(a) && isfinite(b)) {
            x->lo = fmin(x->lo, a);
            x->hi = fmax(x->hi, b);
        }
    }
    sb_puts(g, "EOD\n");
}

/* Title, axes and key of indicator chart k. */
static void indicator_axes(sbuf *g, int k, const extent *x)
{
    double span = x->hi - x->lo > 0 ? x->hi - x->lo : 1;
    sb_puts(g, "set title ");
    gp_str(g, k == 0 ? "Local production over consumption, year by year (typical weather)"
                     : "Energy met locally, hour by hour (typical weather)");
    sb_puts(g, " noenhanced font 'sans,13'\nset xlabel 'year' noenhanced\nset ylabel ");
    gp_str(g, k == 0 ? "local production / consumption (%)"
                     : "consumption met without imports (%)");
    sb_printf(g, " noenhanced\nset xrange [%g:%g]\nset xtics 5\nset mxtics 5\n", x->y0 - 0.5,
              x->y1 + 0.5);
    sb_printf(g, "set yrange [%.10g:%.10g]\n", x->lo < 0 ? x->lo - 0.05 * span : 0.0,
              x->hi + 0.12 * span);
    sb_puts(g, "set key outside below center horizontal maxcols 2 Left reverse samplen 3 "
               "spacing 1.2\n");
}

/* The height in pixels a legend below a chart of width w takes, from the
 * titles of its plot command (gp_str's quoted strings after "title "):
 * gnuplot sets up to two columns when the longest title fits twice in the
 * width, one otherwise, one entry a line (font 11 with spacing 1.2: about
 * 16 px a line, 6.6 px a character).  The charts add it to the height of
 * their plot area, which then keeps its size however many series. */
static int legend_height(const char *plot, int w)
{
    size_t entries = 0, longest = 0;
    for (const char *s = plot; s != NULL && (s = strstr(s, "title '")) != NULL;) {
        size_t len = 0;
        for (s += 7; *s && !(s[0] == '\'' && s[1] != '\''); s++) {
            if (s[0] == '\'' && s[1] == '\'')
                s++;
            len += ((unsigned char)*s & 0xC0) != 0x80;
        }
        entries++;
        longest = len > longest ? len : longest;
        if (*s)
            s++;
    }
    if (entries == 0)
        return 0;
    double column = 6.6 * (double)longest + 70;
    size_t cols = 2 * column <= w - 80 ? 2 : 1;
    return (int)((entries + cols - 1) / cols) * 16 + 24;
}

/* Appends the plot command plot to g and frees it. */
static void put_plot(sbuf *g, sbuf *plot)
{
    if (plot->oom)
        g->oom = 1;
    else if (plot->p != NULL)
        sb_puts(g, plot->p);
    free(plot->p);
    plot->p = NULL;
    plot->n = plot->cap = 0;
}

/* The autonomy years: a point and the year above it. */
static void autonomy_labels(sbuf *g, const au_pathway *p, size_t n, int k)
{
    /* a large point at each policy's autonomy year; the year itself is in
     * the legend (text beside the points would overlap with many
     * policies) */
    for (size_t i = 0; i < n; i++) {
        const au_pathway *q = &p[i];
        int year = own_indicator(q, k) ? q->autonomy_year : q->year_by_indicator[k];
        if (year == 0 || variant_of(p, n, i) >= 0)
            continue;
        colour col = series_colour(p, n, i);
        sb_printf(g, "set label %zu '' at %d,%.10g point pt 7 ps 1.6 lc rgb '%s' front\n",
                  i + 1, year, 100 * series_value(q, k, year - q->s->year_start), col.hex);
    }
}

/* The plot's series: the bands under everything, then each pathway's line;
 * *first is cleared once a series is drawn. */
static size_t indicator_series(sbuf *g, const au_pathway *p, size_t n, int k, int *first)
{
    size_t entries = 0;
    int bands = 0, samples = 0;
    for (size_t i = 0; i < n; i++) { /* bands under everything */
        const au_pathway *q = &p[i];
        if (!(own_indicator(q, k) && q->n_samples > 0) || variant_of(p, n, i) >= 0)
            continue;
        sb_printf(g, "%s$ind%d_%zu using 1:3:4 with filledcurves fs transparent solid 0.18 "
                     "noborder lc rgb '%s' notitle",
                  *first ? "" : ", \\\n  ", k, i, series_colour(p, n, i).hex);
        *first = 0;
        bands++;
        samples = samples == 0 || samples == q->n_samples ? q->n_samples : -1;
    }
    if (bands > 0) { /* one entry for every band */
        sbuf t = {0};
        if (samples > 0)
            sb_printf(&t, "shaded: 8 weather years in 10 (of %d samples) lie in the band",
                      samples);
        else
            sb_puts(&t, "shaded: 8 weather years in 10 lie in the band");
        sb_puts(g, ", \\\n  keyentry with filledcurves fs solid 0.25 noborder "
                   "lc rgb '#999999' title ");
        gp_str(g, t.oom ? "" : t.p);
        free(t.p);
        entries++;
    }
    for (size_t i = 0; i < n; i++) {
        const au_pathway *q = &p[i];
        colour col = series_colour(p, n, i);
        long base = variant_of(p, n, i);
        if (base >= 0) {
            /* a sweep's variants: thin, in the base's colour, one entry */
            size_t nv = 0, first_v = i;
            for (size_t j = 0; j < n; j++)
                if (variant_of(p, n, j) == base) {
                    if (nv == 0)
                        first_v = j;
                    nv++;
                }
            sb_printf(g, "%s$ind%d_%zu using 1:2 with lines lw 0.8 lc rgb '%s' ",
                      *first ? "" : ", \\\n  ", k, i, col.hex);
            if (first_v == i) {
                sbuf t = {0};
                sb_printf(&t, "%zu variants of %s (thin lines)", nv, p[base].s->name);
                sb_puts(g, "title ");
                gp_str(g, t.oom ? "" : t.p);
                free(t.p);
                entries++;
            } else {
                sb_puts(g, "notitle");
            }
            *first = 0;
            continue;
        }
        int own = own_indicator(q, k);
        int year = own ? q->autonomy_year : q->year_by_indicator[k];
        int el = own && q->s->criterion.scope == AU_SCOPE_ELECTRICITY;
        sbuf t = {0};
        sb_printf(&t, "%s%s: ", q->s->name, el ? " (electricity only)" : "");
        if (year)
            sb_printf(&t, "autonomy in %d", year);
        else
            sb_printf(&t, "not reached by %d", q->s->year_end);
        sb_printf(g, "%s$ind%d_%zu using 1:2 with linespoints lw 2 pt 7 ps 0.45 lc rgb '%s' "
                     "title ",
                  *first ? "" : ", \\\n  ", k, i, col.hex);
        gp_str(g, t.oom ? "" : t.p);
        free(t.p);
        *first = 0;
        entries++;
    }
    return entries;
}

/* Thresholds: one dashed line per value, in the colour of its scenario when
 * it is the only one with that threshold, else grey. */
static size_t threshold_lines(sbuf *g, const au_pathway *p, size_t n, int k)
{
    size_t entries = 0;
    for (size_t i = 0; i < n; i++) {
        double thr = series_threshold(&p[i], k);
        size_t j = 0, same = 0;
        while (j < i && series_threshold(&p[j], k) != thr)
            j++;
        if (j < i)
            continue; /* drawn with an earlier scenario */
        sbuf t = {0};
        for (j = i; j < n; j++)
            same += series_threshold(&p[j], k) == thr;
        if (same == 1)
            sb_printf(&t, "threshold %.4g %% (%s)", 100 * thr, p[i].s->name);
        else
            sb_printf(&t, "threshold %.4g %% (%zu scenarios)", 100 * thr, same);
        sb_printf(g, ", \\\n  %.10g with lines dt 2 lw 1.5 lc rgb '%s' title ", 100 * thr,
                  same == 1 ? series_colour(p, n, i).hex : "#555555");
        gp_str(g, t.oom ? "" : t.p);
        free(t.p);
        entries++;
    }
    return entries;
}

/* Indicator chart k (0: annual balance, 1: hourly autonomy) of every
 * pathway. */
static void indicator_chart(sbuf *g, const char *tmpdir, const au_pathway *p, size_t n, int k)
{
    extent x = {p[0].s->year_start, p[0].s->year_end, 0, 0};
    for (size_t i = 0; i < n; i++)
        indicator_data(g, &p[i], i, k, &x);
    /* the plot keeps its height whatever the legend below it takes */
    sbuf plot = {0};
    int first = 1;
    size_t entries = indicator_series(&plot, p, n, k, &first);
    entries += threshold_lines(&plot, p, n, k);
    (void)entries;
    chart_begin(g, tmpdir, k == 0 ? CH_BALANCE : CH_HOURLY, 1000,
                400 + legend_height(plot.p, 1000));
    indicator_axes(g, k, &x);
    autonomy_labels(g, p, n, k);
    sb_puts(g, "plot ");
    put_plot(g, &plot);
    sb_puts(g, "\nunset label\n");
}

/* Whether any pathway has costs (then the page has the economics charts). */
static int any_costs(const au_pathway *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i].s->has_costs)
            return 1;
    return 0;
}

/* The economics of every pathway with costs: cumulative spending
 * (investment, O&M and energy bought, less exports; not discounted) and
 * local jobs per year against the 2014 jobs pact's 50-100 a year. */
static void econ_charts(sbuf *g, const char *tmpdir, const au_pathway *p, size_t n)
{
    int y0 = p[0].s->year_start, y1 = p[0].s->year_end;
    for (size_t i = 0; i < n; i++) {
        const au_pathway *q = &p[i];
        y0 = q->s->year_start < y0 ? q->s->year_start : y0;
        y1 = q->s->year_end > y1 ? q->s->year_end : y1;
        if (!q->s->has_costs)
            continue;
        double cum = 0;
        sb_printf(g, "$econ_%zu << EOD\n", i);
        for (int y = 0; y < q->n_years; y++) {
            const au_year_result *r = &q->res[y];
            cum += r->invest_eur + r->om_eur + r->energy_cost_eur - r->export_revenue_eur;
            sb_printf(g, "%d", q->s->year_start + y);
            gp_num(g, 1e-6 * cum);
            gp_num(g, r->jobs);
            sb_puts(g, "\n");
        }
        sb_puts(g, "EOD\n");
    }
    for (int c = CH_COST; c <= CH_JOBS; c++) {
        sbuf plot = {0};
        int first = 1;
        if (c == CH_JOBS) {
            sb_puts(&plot, "'+' using 1:(50):(100) with filledcurves fs transparent solid 0.15 "
                           "noborder lc rgb '#555555' title ");
            gp_str(&plot, "the 2014 jobs pact's promise: 50-100 jobs a year");
            first = 0;
        }
        for (size_t i = 0; i < n; i++) {
            if (!p[i].s->has_costs)
                continue;
            long base = variant_of(p, n, i);
            sb_printf(&plot, "%s$econ_%zu using 1:%d with %s lc rgb '%s' ",
                      first ? "" : ", \\\n  ", i, c == CH_COST ? 2 : 3,
                      base >= 0 ? "lines lw 0.8" : "linespoints lw 2 pt 7 ps 0.45",
                      series_colour(p, n, i).hex);
            first = 0;
            if (base < 0) {
                sb_puts(&plot, "title ");
                gp_str(&plot, p[i].s->name);
                continue;
            }
            /* a sweep's variants: one entry, on the first */
            size_t nv = 0, j = 0;
            while (j < i && !(variant_of(p, n, j) == base && p[j].s->has_costs))
                j++;
            for (size_t v = 0; v < n; v++)
                nv += variant_of(p, n, v) == base && p[v].s->has_costs;
            if (j < i) {
                sb_puts(&plot, "notitle");
                continue;
            }
            sbuf t = {0};
            sb_printf(&t, "%zu variants of %s (thin lines)", nv, p[base].s->name);
            sb_puts(&plot, "title ");
            gp_str(&plot, t.oom ? "" : t.p);
            free(t.p);
        }
        chart_begin(g, tmpdir, c, 1000, 400 + legend_height(plot.p, 1000));
        sb_puts(g, "set title ");
        gp_str(g, c == CH_COST ? "Cumulative spending: investment, O&M and energy bought, "
                                 "less exports (EUR 2020, not discounted)"
                               : "Local jobs: direct, full-time equivalent, each year");
        sb_puts(g, " noenhanced font 'sans,13'\nset xlabel 'year' noenhanced\nset ylabel ");
        gp_str(g, c == CH_COST ? "spending since the start year (M€)" : "jobs (full-time equivalent)");
        sb_printf(g, " noenhanced\nset xrange [%g:%g]\nset xtics 5\nset mxtics 5\n",
                  y0 - 0.5, y1 + 0.5);
        sb_puts(g, "set yrange [0:*]\nset key outside below center horizontal maxcols 2 Left "
                   "reverse samplen 3 spacing 1.2\nplot ");
        put_plot(g, &plot);
        sb_puts(g, "\n");
    }
}

static void mix_charts(sbuf *g, const char *tmpdir, const au_pathway *q)
{
    const double gwh = 1e-3;
    sb_puts(g, "$mix << EOD\n");
    for (int y = 0; y < q->n_years; y++) {
        const au_year_result *r = &q->res[y];
        sb_printf(g, "%d", q->s->year_start + y);
        gp_num(g, r->final_el_mwh * gwh);
        gp_num(g, r->final_heat_mwh * gwh);
        gp_num(g, r->final_fuel_mwh * gwh);
        gp_num(g, r->local_production_mwh * gwh);
        gp_num(g, r->import_mwh * gwh);
        gp_num(g, r->export_mwh * gwh);
        gp_num(g, r->final_energy_mwh * gwh);
        sb_puts(g, "\n");
    }
    sb_puts(g, "EOD\n");
    const char *axes = "set xlabel 'year' noenhanced\nset ylabel 'energy (GWh per year)' noenhanced\n"
                       "set xtics 5\nset mxtics 5\nset yrange [0:*]\n";
    chart_begin(g, tmpdir, CH_MIX, 1000, 480);
    sbuf t = {0};
    sb_printf(&t, "Final energy by carrier, %s (typical weather)", q->s->name);
    sb_puts(g, "set title ");
    gp_str(g, t.oom ? "" : t.p);
    sb_puts(g, " noenhanced font 'sans,13'\n");
    sb_puts(g, axes);
    sb_printf(g, "set xrange [%g:%g]\n", q->s->year_start - 0.6, q->s->year_end + 0.6);
    sb_puts(g, "set boxwidth 0.8\nset style fill solid 0.9 border rgb 'white'\n"
               "set key outside right top vertical Left reverse samplen 2 spacing 1.3\n"
               "plot $mix using 1:($2+$3+$4) with boxes lc rgb '#a6761d' "
               "title 'fuels burnt by end users', \\\n"
               "  $mix using 1:($2+$3) with boxes lc rgb '#e7298a' "
               "title 'district heat delivered', \\\n"
               "  $mix using 1:2 with boxes lc rgb '#1f78b4' title 'electricity'\n");
    chart_begin(g, tmpdir, CH_FLOWS, 1000, 480);
    t.n = 0;
    sb_printf(&t, "Local production, imports and exports, %s (typical weather)", q->s->name);
    sb_puts(g, "set title ");
    gp_str(g, t.oom ? "" : t.p);
    free(t.p);
    sb_puts(g, " noenhanced font 'sans,13'\n");
    sb_puts(g, axes);
    sb_printf(g, "set xrange [%g:%g]\n", q->s->year_start - 0.5, q->s->year_end + 0.5);
    sb_puts(g, "set key outside right top vertical Left reverse samplen 3 spacing 1.3\n"
               "plot $mix using 1:8 with lines dt 2 lw 1.5 lc rgb '#555555' "
               "title 'final energy consumed', \\\n"
               "  $mix using 1:5 with linespoints lw 2 pt 7 ps 0.45 lc rgb '#2ca02c' "
               "title 'local production', \\\n"
               "  $mix using 1:6 with linespoints lw 2 pt 5 ps 0.45 lc rgb '#d62728' "
               "title 'imports', \\\n"
               "  $mix using 1:7 with linespoints lw 2 pt 9 ps 0.55 lc rgb '#1f77b4' "
               "title 'exports'\n");
}

/* Supply groups of the dispatch weeks (see the top of the file). */
enum { G_PV, G_WIND, G_FIXED, G_PLANT, G_STORAGE, G_IMPORT, G_UNSERVED, G_OTHER, G_COUNT };

static const struct {
    const char *label;
    const char *colour;
} supply[G_COUNT] = {
    {"PV", "#f4c20d"},
    {"wind", "#6baed6"},
    {"other fixed sources", "#80cdc1"},
    {"local plants", "#8c510a"},
    {"storage discharge", "#33a02c"},
    {"imports", "#969696"},
    {"unserved", "#e31a1c"},
    {"other supply", "#bc80bd"},
};

/* A column's part in the dispatch weeks, from its family's report group
 * (engine.h): its supply group (0 .. G_COUNT − 1), or -1 (demand), -2
 * (flexible: storage charging and power to heat), -3 (outlet: export and
 * curtailment), -4 (not drawn: heat and states of charge). */
static int column_role(const au_flow_col *fc)
{
    switch (au_flow_family_get(fc->family)->group) {
    case AU_GROUP_PV: return G_PV;
    case AU_GROUP_WIND: return G_WIND;
    case AU_GROUP_FIXED: return G_FIXED;
    case AU_GROUP_PLANTS: return G_PLANT;
    case AU_GROUP_DISCHARGE: return G_STORAGE;
    case AU_GROUP_IMPORT: return G_IMPORT;
    case AU_GROUP_UNSERVED: return G_UNSERVED;
    case AU_GROUP_OTHER_SUPPLY: return G_OTHER;
    case AU_GROUP_DEMAND: return -1;
    case AU_GROUP_CHARGING:
    case AU_GROUP_POWER_TO_HEAT: return -2;
    case AU_GROUP_EXPORT:
    case AU_GROUP_CURTAILMENT: return -3;
    default: return -4;
    }
}

static void week_chart(sbuf *g, const char *tmpdir, const au_pathway *q,
                       const au_flow_table *ft, int summer)
{
    const int day0 = summer ? 195 : 14; /* 15 July, 15 January (0-based day of year) */
    const int h0 = 24 * day0, h1 = h0 + 24 * 7;
    const int chart = summer ? CH_SUMMER : CH_WINTER;
    double peak[G_COUNT] = {0}, top = 0, flex_peak = 0;
    sb_printf(g, "$week%d << EOD\n", summer);
    for (int h = h0; h < h1; h++) {
        double grp[G_COUNT] = {0}, demand = 0, flexible = 0;
        for (size_t c = 0; c < ft->ncols; c++) {
            double v = ft->flow[c * AU_HOURS + h];
            int role = column_role(&ft->cols[c]);
            if (role >= 0)
                grp[role] += v;
            else if (role == -1)
                demand += v;
            else if (role == -2)
                flexible += v;
        }
        sb_printf(g, "%.6f", 15 + (h - h0) / 24.0);
        double cum = 0;
        for (int k = 0; k < G_COUNT; k++) {
            cum += grp[k];
            peak[k] = fmax(peak[k], grp[k]);
            gp_num(g, cum);
        }
        top = fmax(top, fmax(cum, demand + flexible));
        flex_peak = fmax(flex_peak, flexible);
        gp_num(g, demand);
        gp_num(g, demand + flexible);
        sb_puts(g, "\n");
    }
    sb_puts(g, "EOD\n");
    chart_begin(g, tmpdir, chart, 1000, 480);
    sbuf t = {0};
    sb_printf(&t, "Electricity supply and demand, week of 15 %s %d, %s (typical weather)",
              summer ? "July" : "January", q->s->year_end, q->s->name);
    sb_puts(g, "set title ");
    gp_str(g, t.oom ? "" : t.p);
    free(t.p);
    sb_printf(g, " noenhanced font 'sans,13'\n"
                 "set xlabel 'day of %s (ticks at midnight, local standard time)' noenhanced\n"
                 "set ylabel 'power (MW)' noenhanced\n"
                 "set xrange [15:22]\nset xtics 1\nset mxtics 4\nset yrange [0:%.10g]\n"
                 "set grid xtics ytics lt 1 lc rgb '#e0e0e0' lw 1\n"
                 "set style fill solid 0.85 noborder\n"
                 "set key outside right top vertical Left reverse samplen 2 spacing 1.3\n",
              summer ? "July" : "January", top > 0 ? top * 1.08 : 1.0);
    sb_puts(g, "plot ");
    for (int k = 0; k < G_COUNT; k++) {
        if (!(peak[k] > 0))
            continue;
        if (k == 0)
            sb_printf(g, "$week%d using 1:(0):2", summer);
        else
            sb_printf(g, "$week%d using 1:%d:%d", summer, k + 1, k + 2);
        sb_printf(g, " with filledcurves lc rgb '%s' title '%s', \\\n  ", supply[k].colour,
                  supply[k].label);
    }
    sb_printf(g, "$week%d using 1:%d with lines lw 2.5 lc rgb 'black' title 'demand'", summer,
              G_COUNT + 2);
    if (flex_peak > 0) /* the dashed line only when it differs from the demand */
        sb_printf(g, ", \\\n  $week%d using 1:%d with lines dt 2 lw 1.5 lc rgb '#444444' "
                     "title 'demand + storage charging + power to heat'",
                  summer, G_COUNT + 3);
    sb_puts(g, "\n");
}

/* ------------------------------------------- the report scenario's year */

/* The hours of the months of a 365-day year (MODEL.md §1: no 29 February). */
static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
static const char *const month_name[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* The sums of hour h of ft by role: supply groups, demand, flexible use
 * and outlets (column_role). */
typedef struct hour_sums {
    double grp[G_COUNT], demand, flexible, outlet, exported;
} hour_sums;

static void hour_sum(const au_flow_table *ft, int h, hour_sums *s)
{
    memset(s, 0, sizeof *s);
    for (size_t c = 0; c < ft->ncols; c++) {
        double v = ft->flow[c * AU_HOURS + h];
        int role = column_role(&ft->cols[c]);
        if (role >= 0)
            s->grp[role] += v;
        else if (role == -1)
            s->demand += v;
        else if (role == -2)
            s->flexible += v;
        else if (role == -3) {
            s->outlet += v;
            if (au_flow_family_get(ft->cols[c].family)->group == AU_GROUP_EXPORT)
                s->exported += v;
        }
    }
}

/* The title of a chart of the report scenario's last year: "WHAT, NAME,
 * YEAR (typical weather)". */
static void year_title(sbuf *g, const char *what, const au_pathway *q)
{
    sbuf t = {0};
    sb_printf(&t, "%s, %s, %d (typical weather)", what, q->s->name, q->s->year_end);
    sb_puts(g, "set title ");
    gp_str(g, t.oom ? "" : t.p);
    free(t.p);
    sb_puts(g, " noenhanced font 'sans,13'\n");
}

/* Electricity month by month: local production stacked by source, the
 * demand (and the demand with storage charging and power to heat),
 * imports and exports, in GWh. */
static void month_chart(sbuf *g, const char *tmpdir, const au_pathway *q,
                        const au_flow_table *ft)
{
    static const int local[] = {G_PV, G_WIND, G_FIXED, G_PLANT};
    double m[12][8] = {{0}}; /* PV, wind, fixed, plants, demand, +flexible, imports, exports */
    for (int mo = 0, h = 0; mo < 12; mo++)
        for (int end = h + 24 * month_days[mo]; h < end; h++) {
            hour_sums s;
            hour_sum(ft, h, &s);
            for (int k = 0; k < 4; k++)
                m[mo][k] += s.grp[local[k]] * 1e-3;
            m[mo][4] += s.demand * 1e-3;
            m[mo][5] += (s.demand + s.flexible) * 1e-3;
            m[mo][6] += s.grp[G_IMPORT] * 1e-3;
            m[mo][7] += s.exported * 1e-3;
        }
    double any[8] = {0};
    sb_puts(g, "$months << EOD\n");
    for (int mo = 0; mo < 12; mo++) {
        double cum = 0;
        sb_printf(g, "%d", mo + 1);
        for (int k = 0; k < 4; k++) {
            cum += m[mo][k];
            gp_num(g, cum);
        }
        for (int k = 4; k < 8; k++)
            gp_num(g, m[mo][k]);
        for (int k = 0; k < 8; k++)
            any[k] = fmax(any[k], m[mo][k]);
        sb_puts(g, "\n");
    }
    sb_puts(g, "EOD\n");
    sbuf plot = {0};
    for (int k = 3; k >= 0; k--) /* the tallest box first, the others over it */
        if (any[k] > 0)
            sb_printf(&plot, "$months using 1:%d with boxes lc rgb '%s' notitle, \\\n  ",
                      k + 2, supply[local[k]].colour);
    for (int k = 0; k < 4; k++) /* their legend in the order of the stack */
        if (any[k] > 0)
            sb_printf(&plot, "keyentry with boxes lc rgb '%s' title '%s produced', \\\n  ",
                      supply[local[k]].colour, supply[local[k]].label);
    sb_puts(&plot, "$months using 1:6 with linespoints lw 2.5 pt 7 ps 0.6 lc rgb 'black' "
                   "title 'consumed by end uses, vehicles and heat pumps'");
    if (any[5] > any[4])
        sb_puts(&plot, ", \\\n  $months using 1:7 with lines dt 2 lw 1.5 lc rgb '#444444' "
                       "title 'the same with storage charging and power to heat'");
    sb_puts(&plot, ", \\\n  $months using 1:8 with linespoints lw 2 pt 5 ps 0.6 "
                   "lc rgb '#d62728' title 'imported', \\\n  $months using 1:9 with "
                   "linespoints lw 2 pt 9 ps 0.7 lc rgb '#1f77b4' title 'exported'\n");
    chart_begin(g, tmpdir, CH_MONTHS, 1000, 420 + legend_height(plot.p, 1000));
    year_title(g, "Electricity month by month", q);
    sb_puts(g, "set xlabel 'month' noenhanced\n"
               "set ylabel 'electricity (GWh per month)' noenhanced\nset xtics (");
    for (int mo = 0; mo < 12; mo++)
        sb_printf(g, "%s'%s' %d", mo ? ", " : "", month_name[mo], mo + 1);
    sb_puts(g, ")\nset xrange [0.4:12.6]\nset yrange [0:*]\nset boxwidth 0.6\n"
               "set style fill solid 0.85 noborder\n"
               "set key outside below center horizontal maxcols 2 Left reverse samplen 3 "
               "spacing 1.2\nplot ");
    put_plot(g, &plot);
}

/* The energy capacity in year y of the member of the state column c (its
 * family's members have a column each, in order), or 0. */
static double store_capacity(const au_scenario *s, const au_flow_table *ft, size_t c)
{
    size_t k = 0;
    for (size_t j = 0; j < c; j++)
        k += ft->cols[j].family == ft->cols[c].family;
    switch (ft->cols[c].family) {
    case AU_FAM_SOC_BATTERY:
        return k < s->n_batteries ? au_traj_eval(&s->batteries[k].energy_mwh, ft->year) : 0;
    case AU_FAM_SOC_HYDROGEN:
        return k < s->n_hydrogen ? au_traj_eval(&s->hydrogen[k].tank_mwh, ft->year) : 0;
    case AU_FAM_SOC_HEAT:
        return k < s->district_heating.n_storages
                   ? au_traj_eval(&s->district_heating.storages[k].energy_mwh, ft->year)
                   : 0;
    default: return 0;
    }
}

/* The name of the store of state column c, as its scenario gives it. */
static const char *store_name(const au_scenario *s, const au_flow_table *ft, size_t c)
{
    size_t k = 0;
    for (size_t j = 0; j < c; j++)
        k += ft->cols[j].family == ft->cols[c].family;
    switch (ft->cols[c].family) {
    case AU_FAM_SOC_BATTERY: return k < s->n_batteries ? s->batteries[k].name : "";
    case AU_FAM_SOC_HYDROGEN: return k < s->n_hydrogen ? s->hydrogen[k].name : "";
    default:
        return k < s->district_heating.n_storages ? s->district_heating.storages[k].name : "";
    }
}

/* The stores' levels over the year, day by day: the range from the day's
 * lowest to its highest level and the day's mean, in % of the store's
 * capacity.  Returns 0 (nothing drawn) when the year has no store. */
static int store_chart(sbuf *g, const char *tmpdir, const au_pathway *q,
                       const au_flow_table *ft)
{
    size_t n_store = 0;
    for (size_t c = 0; c < ft->ncols; c++) {
        double cap = store_capacity(q->s, ft, c);
        if (!(cap > 0))
            continue;
        sb_printf(g, "$store%zu << EOD\n", c);
        for (int d = 0; d < AU_HOURS / 24; d++) {
            double lo = INFINITY, hi = -INFINITY, sum = 0;
            for (int h = 24 * d; h < 24 * d + 24; h++) {
                double v = 100 * ft->flow[c * AU_HOURS + h] / cap;
                lo = fmin(lo, v);
                hi = fmax(hi, v);
                sum += v;
            }
            sb_printf(g, "%d", d + 1);
            gp_num(g, lo);
            gp_num(g, hi);
            gp_num(g, sum / 24);
            sb_puts(g, "\n");
        }
        sb_puts(g, "EOD\n");
        n_store++;
    }
    if (n_store == 0)
        return 0;
    sbuf plot = {0}, t = {0};
    size_t k = 0;
    for (size_t c = 0; c < ft->ncols; c++) {
        double cap = store_capacity(q->s, ft, c);
        if (!(cap > 0))
            continue;
        const au_flow_family f = ft->cols[c].family;
        colour col = colour_of(k);
        t.n = 0;
        sb_printf(&t, "%s %s (%.4g MWh): daily mean, and band from lowest to highest",
                  f == AU_FAM_SOC_BATTERY ? "battery" : f == AU_FAM_SOC_HYDROGEN
                                                            ? "hydrogen tank"
                                                            : "heat store",
                  store_name(q->s, ft, c), cap);
        sb_printf(&plot, "%s$store%zu using 1:2:3 with filledcurves fs transparent solid 0.25 "
                         "noborder lc rgb '%s' notitle, \\\n  $store%zu using 1:4 with lines "
                         "lw 1.5 lc rgb '%s' title ",
                  k ? ", \\\n  " : "", c, col.hex, c, col.hex);
        gp_str(&plot, t.oom ? "" : t.p);
        k++;
    }
    sb_puts(&plot, "\n");
    chart_begin(g, tmpdir, CH_STORES, 1000, 420 + legend_height(plot.p, 1000));
    free(t.p);
    year_title(g, "Energy stored over the year", q);
    sb_puts(g, "set xlabel 'month' noenhanced\n"
               "set ylabel 'level (% of the store''s capacity)' noenhanced\nset xtics (");
    for (int mo = 0, day = 1; mo < 12; day += month_days[mo++])
        sb_printf(g, "%s'%s' %d", mo ? ", " : "", month_name[mo], day);
    sb_puts(g, ")\nset xrange [1:365]\nset yrange [0:105]\n"
               "set key outside below center horizontal maxcols 2 Left reverse samplen 3 "
               "spacing 1.2\nplot ");
    put_plot(g, &plot);
    return 1;
}

/* x sorted from the largest down (gsl_sort sorts up). */
static void sort_down(double *x, size_t n)
{
    gsl_sort(x, 1, n);
    for (size_t i = 0, j = n - 1; i < j; i++, j--) {
        double t = x[i];
        x[i] = x[j];
        x[j] = t;
    }
}

/* The import (and export) duration curves: the hours of the year sorted
 * from the largest power down.  *hours and *peak receive the hours with
 * imports and their peak, for the caption. */
static au_status duration_chart(sbuf *g, const char *tmpdir, const au_pathway *q,
                                const au_flow_table *ft, int *hours, double *peak)
{
    double *imp = malloc(2 * AU_HOURS * sizeof *imp), *exp_ = imp + AU_HOURS;
    if (imp == NULL)
        return AU_ENOMEM;
    *hours = 0;
    for (int h = 0; h < AU_HOURS; h++) {
        hour_sums s;
        hour_sum(ft, h, &s);
        imp[h] = s.grp[G_IMPORT];
        exp_[h] = s.exported;
        *hours += imp[h] > 0;
    }
    sort_down(imp, AU_HOURS);
    sort_down(exp_, AU_HOURS);
    *peak = imp[0];
    sb_puts(g, "$duration << EOD\n");
    for (int h = 0; h < AU_HOURS; h += h < 24 || h >= AU_HOURS - 24 ? 1 : 6) {
        sb_printf(g, "%d", h + 1);
        gp_num(g, imp[h]);
        gp_num(g, exp_[h]);
        sb_puts(g, "\n");
    }
    sb_puts(g, "EOD\n");
    int exports = exp_[0] > 0;
    free(imp);
    chart_begin(g, tmpdir, CH_IMPORTS, 1000, 480);
    year_title(g, "Electricity imports, hours sorted from the largest", q);
    sb_printf(g, "set xlabel 'hours of the year, sorted from the "
                 "largest (h)' noenhanced\nset ylabel 'power (MW)' noenhanced\n"
                 "set xrange [0:%d]\nset xtics 1000\nset yrange [0:*]\n"
                 "set key outside below center horizontal maxcols 2 Left reverse samplen 3 "
                 "spacing 1.2\nplot $duration using 1:2 with lines lw 2.5 lc rgb '#d62728' "
                 "title 'imports'",
              AU_HOURS);
    if (exports)
        sb_puts(g, ", \\\n  $duration using 1:3 with lines dt 2 lw 1.5 lc rgb '#1f77b4' "
                   "title 'exports'");
    sb_puts(g, "\n");
    return AU_OK;
}

/* ----------------------------------------------------- policy comparison */

/* The autonomy year by the city's definition: local production at least
 * equal to final consumption over the year (annual balance of all energy
 * ≥ 100 %) in that year and every year after it; 0 when not reached. */
static int city_year(const au_pathway *q)
{
    int year = 0;
    for (int y = q->n_years - 1; y >= 0 && q->res[y].annual_balance >= 1.0; y--)
        year = q->s->year_start + y;
    return year;
}

/* Whether a scenario's own criterion is the city's definition. */
static int criterion_is_city(const au_criterion *c)
{
    return c->indicator == AU_IND_ANNUAL_BALANCE && c->scope == AU_SCOPE_ALL_ENERGY &&
           c->threshold == 1.0;
}

/* The policy comparison: one row per scenario, the year by the city's
 * definition, the year by its own criterion where that differs, and the
 * range to the year reached in the criterion's share of weather years. */
static void years_chart(sbuf *g, const char *tmpdir, const au_pathway *p, size_t n)
{
    int y0 = p[0].s->year_start, y1 = p[0].s->year_end;
    size_t longest = 10;
    for (size_t i = 0; i < n; i++) {
        y0 = p[i].s->year_start < y0 ? p[i].s->year_start : y0;
        y1 = p[i].s->year_end > y1 ? p[i].s->year_end : y1;
        longest = strlen(p[i].s->name) > longest ? strlen(p[i].s->name) : longest;
    }
    const int never = y1 + 3; /* the column of "not reached" */
    int any_own = 0, any_conf = 0;
    /* row, city's year, own year, year at confidence, colour, not reached */
    sb_puts(g, "$years << EOD\n");
    for (size_t i = 0; i < n; i++) {
        const au_pathway *q = &p[i];
        int city = city_year(q), own = criterion_is_city(&q->s->criterion) ? 0 : 1;
        int own_year = q->autonomy_year;
        unsigned long rgb = strtoul(series_colour(p, n, i).hex + 1, NULL, 16);
        sb_printf(g, "%zu", n - 1 - i);
        gp_num(g, city ? (double)city : NAN);
        gp_num(g, own && own_year ? (double)own_year : NAN);
        double conf = NAN;
        if (q->n_samples > 0) {
            conf = q->autonomy_year_conf ? q->autonomy_year_conf : never;
            any_conf = 1;
        }
        gp_num(g, conf);
        gp_num(g, q->autonomy_year ? q->autonomy_year : never);
        sb_printf(g, " %lu", rgb);
        gp_num(g, city ? NAN : (double)never);
        gp_num(g, own && !own_year ? (double)never : NAN);
        sb_puts(g, "\n");
        any_own |= own;
    }
    sb_puts(g, "EOD\n");
    sbuf plot = {0};
    if (any_conf)
        sb_puts(&plot, "$years using 5:1:($4-$5):(0):6 with vectors nohead lw 5 "
                       "lc rgb variable notitle, \\\n  keyentry with lines lw 5 "
                       "lc rgb '#777777' title 'from its criterion''s year to the year reached "
                       "in its share of weather years', \\\n  ");
    sb_puts(&plot, "$years using 2:1:6 with points pt 7 ps 1.8 lc rgb variable notitle, \\\n"
                   "  $years using 7:1:6 with points pt 6 ps 1.8 lc rgb variable notitle, \\\n"
                   "  keyentry with points pt 7 ps 1.8 lc rgb '#777777' title "
                   "'by the city''s definition: local production at least equal to "
                   "consumption over the year', \\\n  keyentry with points pt 6 ps 1.8 "
                   "lc rgb '#777777' title 'not reached by the city''s definition'");
    if (any_own)
        sb_puts(&plot, ", \\\n  $years using 3:1:6 with points pt 13 ps 1.8 lc rgb variable "
                       "notitle, \\\n  $years using 8:1:6 with points pt 12 ps 1.8 lc rgb "
                       "variable notitle, \\\n  keyentry with points pt 13 ps 1.8 "
                       "lc rgb '#777777' title 'by its own criterion, where it differs "
                       "(hollow: not reached)'");
    chart_begin(g, tmpdir, CH_YEARS, 1000, 130 + 22 * (int)n + legend_height(plot.p, 1000));
    sb_puts(g, "set title 'When each policy becomes autonomous (typical weather)' noenhanced "
               "font 'sans,13'\nset xlabel 'year' noenhanced\n"
               "set ylabel 'policy' noenhanced\nset grid xtics ytics lt 1 lc rgb '#e0e0e0'\n");
    sb_printf(g, "set xrange [%g:%g]\nset xtics %d, 5, %d\nset xtics add ('not reached' %d)\n"
                 "set mxtics 5\nset yrange [-0.7:%g]\nset lmargin %zu\nset ytics (",
              y0 - 0.5, never + 1.5, y0 - y0 % 5 + (y0 % 5 ? 5 : 0), y1, never, (double)n - 0.3,
              (longest > 48 ? 48 : longest) + 4);
    for (size_t i = 0; i < n; i++) {
        sb_puts(g, i ? ", " : "");
        gp_str(g, p[i].s->name);
        sb_printf(g, " %zu", n - 1 - i);
    }
    sb_puts(g, ") noenhanced\nset key outside below center horizontal maxcols 2 Left reverse "
               "samplen 2 spacing 1.2\nplot ");
    put_plot(g, &plot);
    sb_puts(g, "\n");
}

/* ------------------------------------------------------------ gnuplot run */

static const char *tmp_base(void)
{
    const char *t = getenv("TMPDIR");
    return t != NULL && t[0] == '/' ? t : "/tmp";
}

/* Runs gnuplot on script; 0 when it exited 0, else its wait status, or -1
 * when it could not be started. */
static int run_gnuplot(const char *tmpdir, const sbuf *script)
{
    sbuf cmd = {0};
    sb_puts(&cmd, "gnuplot -d >/dev/null 2>");
    sbuf err = {0};
    sb_puts(&err, tmpdir);
    sb_puts(&err, "/gnuplot.err");
    if (!err.oom)
        sh_str(&cmd, err.p);
    free(err.p);
    if (cmd.oom || err.oom) {
        free(cmd.p);
        return -1;
    }
    /* a gnuplot that is missing or stops early must not kill us with
     * SIGPIPE: block it in this thread and take back one we raised */
    sigset_t pipe_set, old;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    int masked = pthread_sigmask(SIG_BLOCK, &pipe_set, &old) == 0;
    int status = -1;
    FILE *f = popen(cmd.p, "w");
    if (f != NULL) {
        int bad = fwrite(script->p, 1, script->n, f) != script->n;
        bad |= fputs("\nexit\n", f) == EOF;
        bad |= fflush(f) != 0;
        int st = pclose(f);
        status = st == -1 ? -1 : (bad && st == 0) ? 1 << 8 : st;
    }
    if (masked) {
        sigset_t pending;
        if (!sigismember(&old, SIGPIPE) && sigpending(&pending) == 0 &&
            sigismember(&pending, SIGPIPE)) {
            struct timespec zero = {0, 0};
            sigtimedwait(&pipe_set, NULL, &zero);
        }
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    }
    free(cmd.p);
    return status;
}

/* The whole of path, NUL-terminated, or NULL. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    sbuf b = {0};
    char chunk[8192];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        sb_mem(&b, chunk, k);
    int bad = ferror(f) || b.oom || b.n == 0;
    fclose(f);
    if (bad) {
        free(b.p);
        return NULL;
    }
    *len = b.n;
    return b.p;
}

/* gnuplot's last message line (its error comes after the echo of the
 * command), for the diagnostic; "" when none. */
static void last_message(const char *tmpdir, char *out, size_t n)
{
    out[0] = '\0';
    char path[4200];
    snprintf(path, sizeof path, "%s/gnuplot.err", tmpdir);
    size_t len;
    char *txt = slurp(path, &len);
    if (txt == NULL)
        return;
    char *pick = NULL;
    for (char *line = txt; line != NULL;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        while (*line == ' ' || *line == '\t')
            line++;
        if (*line)
            pick = line;
        line = nl ? nl + 1 : NULL;
    }
    snprintf(out, n, "%s", pick ? pick : "");
    free(txt);
}

/* The SVG of a chart as it goes into the page: from <svg on, its <title>
 * the chart's, and every id prefixed with "cN-" so that the SVGs of one
 * page do not share ids.  NULL when out of memory or not an SVG. */
static char *svg_embed(const char *raw, int chart)
{
    const char *s = strstr(raw, "<svg");
    if (s == NULL || strstr(s, "</svg>") == NULL)
        return NULL;
    char pre[16];
    snprintf(pre, sizeof pre, "c%d-", chart + 1);
    static const char *const refs[] = {"id='", "id=\"", "href='#", "href=\"#", "url(#"};
    sbuf b = {0};
    int in_tag = 0, titled = 0;
    while (*s) {
        if (!titled && strncmp(s, "<title>Gnuplot</title>", 22) == 0) {
            sb_printf(&b, "<title>%s</title>", chart_title[chart]);
            s += 22;
            titled = 1;
            continue;
        }
        if (*s == '<') {
            in_tag = 1;
        } else if (*s == '>' && !in_tag) { /* gnuplot leaves '>' in text */
            sb_puts(&b, "&gt;");
            s++;
            continue;
        } else if (*s == '>') {
            in_tag = 0;
        }
        size_t r = 0;
        while (in_tag && r < sizeof refs / sizeof refs[0] &&
               strncmp(s, refs[r], strlen(refs[r])) != 0)
            r++;
        if (in_tag && r < sizeof refs / sizeof refs[0]) {
            sb_puts(&b, refs[r]);
            sb_puts(&b, pre);
            s += strlen(refs[r]);
            continue;
        }
        sb_mem(&b, s, 1);
        s++;
    }
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

/* ------------------------------------------------------------------- page */

typedef struct page {
    const au_pathway *p;
    size_t n, mix;
    int econ;               /* some pathway has costs: the economics charts */
    int stores;             /* the report scenario has stores in its last year */
    int import_hours;       /* its hours with imports in its last year */
    double import_peak;     /* and their peak, MW */
    char *svg[CH_COUNT];    /* NULL: not drawn */
} page;

/* Whether chart c is on the page. */
static int drawn(const page *pg, int c)
{
    if (c == CH_COST || c == CH_JOBS)
        return pg->econ;
    return c != CH_STORES || pg->stores;
}

static void criterion_text(FILE *f, const au_criterion *c)
{
    fprintf(f, "%s%s ≥ %.4g&nbsp;%%",
            c->indicator == AU_IND_ANNUAL_BALANCE ? "annual balance" : "hourly autonomy",
            c->scope == AU_SCOPE_ELECTRICITY ? " (electricity)" : "", 100 * c->threshold);
}

static void figure(FILE *f, const page *pg, int chart, const char *caption)
{
    if (pg->svg[chart] == NULL)
        return;
    fprintf(f, "<figure id=\"chart-%d\">\n%s\n<figcaption>%s</figcaption>\n</figure>\n",
            chart + 1, pg->svg[chart], caption);
}

/* The head of the page and its opening note. */
static void page_head(FILE *f, const page *pg)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"autonomy " AU_VERSION "\">\n"
          "<title>Energy autonomy report: ",
          f);
    for (size_t i = 0; i < pg->n; i++) {
        if (i)
            fputs(", ", f);
        html_esc(f, pg->p[i].s->name);
    }
    fputs("</title>\n<style>\n"
          "body{font-family:sans-serif;color:#222;line-height:1.45;max-width:1100px;"
          "margin:1.5em auto;padding:0 1em}\n"
          "h1{font-size:1.6em;margin-bottom:.2em}h3{font-size:1.1em}h2{font-size:1.25em;margin-top:2em;"
          "border-bottom:1px solid #ccc}\n"
          "figure{margin:1em 0 2em}svg{display:block;width:100%;height:auto}\n"
          "figcaption,.note{color:#444;font-size:.95em;max-width:60em}\n"
          "table{border-collapse:collapse;font-size:.95em}th,td{border:1px solid #ccc;"
          "padding:.3em .6em;text-align:left;vertical-align:top}td.n{text-align:right}\n"
          "</style>\n</head>\n<body>\n<h1>Energy autonomy report</h1>\n",
          f);
    fprintf(f, "<p class=\"note\">%zu scenario%s, simulated hour by hour over %s horizon "
               "by autonomy " AU_VERSION ". A scenario is autonomous from the first year "
               "from which its criterion holds every year to the end of its horizon "
               "(typical weather).</p>\n",
            pg->n, pg->n > 1 ? "s" : "", pg->n > 1 ? "their" : "its");
}

/* One sentence per policy: its year by the city's definition, the share of
 * its energy met locally hour by hour in its last year, its year by its own
 * criterion where that differs and in its share of weather years; one
 * sentence for the variants of each sweep. */
static void policy_sentence(FILE *f, const au_pathway *q)
{
    const au_criterion *c = &q->s->criterion;
    const au_year_result *last = &q->res[q->n_years - 1];
    int city = city_year(q);
    fputs("<li><strong>", f);
    html_esc(f, q->s->name);
    fputs("</strong>: ", f);
    if (city)
        fprintf(f, "autonomous by the city's definition in <strong>%d</strong>", city);
    else
        fprintf(f, "<strong>not autonomous</strong> by the city's definition by %d (local "
                   "production is %.0f&nbsp;%% of consumption in %d)",
                q->s->year_end, 100 * last->annual_balance, q->s->year_end);
    fprintf(f, "; hour by hour, %.0f&nbsp;%% of the energy used in %d is met locally",
            100 * last->hourly_autonomy, q->s->year_end);
    if (!criterion_is_city(c)) {
        fputs("; by its own criterion (", f);
        criterion_text(f, c);
        if (q->autonomy_year)
            fprintf(f, ") in %d", q->autonomy_year);
        else
            fprintf(f, ") not by %d", q->s->year_end);
    }
    if (q->n_samples > 0) {
        fprintf(f, "; in at least %.3g&nbsp;%% of weather years (%d samples): ",
                100 * c->confidence, q->n_samples);
        if (q->autonomy_year_conf)
            fprintf(f, "from %d", q->autonomy_year_conf);
        else
            fprintf(f, "not by %d", q->s->year_end);
    }
    fputs(".</li>\n", f);
}

static void variants_sentence(FILE *f, const page *pg, size_t base)
{
    size_t nv = 0, never = 0;
    int lo = 0, hi = 0;
    for (size_t j = 0; j < pg->n; j++) {
        if (variant_of(pg->p, pg->n, j) != (long)base)
            continue;
        int y = city_year(&pg->p[j]);
        nv++;
        if (y == 0) {
            never++;
            continue;
        }
        lo = lo == 0 || y < lo ? y : lo;
        hi = y > hi ? y : hi;
    }
    if (nv == 0)
        return;
    fprintf(f, "<li>%zu variant%s of <strong>", nv, nv > 1 ? "s" : "");
    html_esc(f, pg->p[base].s->name);
    fputs("</strong> (a sweep): ", f);
    if (never < nv && lo == hi)
        fprintf(f, "autonomous by the city's definition in %d", lo);
    else if (never < nv)
        fprintf(f, "autonomous by the city's definition between %d and %d", lo, hi);
    if (never > 0)
        fprintf(f, "%s%zu not by %d", never < nv ? "; " : "", never,
                pg->p[base].s->year_end);
    fputs(".</li>\n", f);
}

static void headline(FILE *f, const page *pg)
{
    fputs("<h2>In short</h2>\n<p class=\"note\">The city's definition of autonomy: local "
          "production at least equal to consumption over the year, that year and every year "
          "after it (annual balance ≥ 100&nbsp;%, all energy, typical weather). Hour by hour "
          "is stricter: the energy met locally in each hour, imports counting against "
          "it.</p>\n<ul class=\"headline\">\n",
          f);
    for (size_t i = 0; i < pg->n; i++) {
        if (variant_of(pg->p, pg->n, i) >= 0)
            continue;
        policy_sentence(f, &pg->p[i]);
        variants_sentence(f, pg, i);
    }
    fputs("</ul>\n", f);
}

/* The table of autonomy years, one row per scenario. */
static void autonomy_table(FILE *f, const page *pg)
{
    fputs("<table>\n<tr><th>scenario</th><th>criterion</th><th>autonomy year</th>"
          "<th>at confidence (weather samples)</th><th>indicator in the last year</th></tr>\n",
          f);
    for (size_t i = 0; i < pg->n; i++) {
        const au_pathway *q = &pg->p[i];
        const au_criterion *c = &q->s->criterion;
        fputs("<tr><td>", f);
        html_esc(f, q->s->name);
        if (q->s->title != NULL) {
            fputs("<br><small>", f);
            html_esc(f, q->s->title);
            fputs("</small>", f);
        }
        fputs("</td><td>", f);
        criterion_text(f, c);
        fputs("</td><td>", f);
        if (q->autonomy_year)
            fprintf(f, "<strong>%d</strong>", q->autonomy_year);
        else
            fprintf(f, "not reached by %d (gap %.3g points)", q->s->year_end, 100 * q->gap_last);
        fputs("</td><td>", f);
        if (q->n_samples == 0)
            fputs("no samples", f);
        else if (q->autonomy_year_conf)
            fprintf(f, "%d (confidence %.3g %%, %d samples)", q->autonomy_year_conf,
                    100 * c->confidence, q->n_samples);
        else
            fprintf(f, "not reached (confidence %.3g %%, %d samples)", 100 * c->confidence,
                    q->n_samples);
        fprintf(f, "</td><td class=\"n\">%.1f&nbsp;%% in %d</td></tr>\n",
                100 * q->value[q->n_years - 1], q->s->year_end);
    }
    fputs("</table>\n", f);

}

/* The policy comparison and the two indicator charts. */
static void indicator_sections(FILE *f, const page *pg)
{
    fputs("<h2>When each policy becomes autonomous</h2>\n", f);
    figure(f, pg, CH_YEARS,
           "One row per policy, in the order of the run; the variants of a sweep in their "
           "policy's colour. The filled circle is the year from which local production is at "
           "least equal to consumption over the year, every year to the end of the horizon "
           "(the city's definition, typical weather); a hollow circle in the last column: not "
           "reached. A diamond marks the year by the policy's own criterion where that is "
           "another (hourly, electricity only, or another threshold; hollow: not reached). "
           "With weather samples, the bar runs from the year by its criterion to the year "
           "from which the criterion holds in the stated share of weather years (a bar to the "
           "last column: not in that share by the end).");
    autonomy_table(f, pg);
    fputs("<h2>Local production over consumption, year by year</h2>\n", f);
    figure(f, pg, CH_BALANCE,
           "Local production of the year divided by its final energy consumption, all "
           "energy, with the typical weather: the annual balance. The dashed lines are the "
           "thresholds, in the colour of their policy (grey when several share one); a large "
           "point marks a policy's autonomy year by this measure. A policy whose criterion "
           "is this measure is drawn against its own threshold (and its own scope: "
           "electricity only when so noted); the others against 100&nbsp;%. Where there are "
           "weather samples, 8 weather years in 10 lie in the shaded band (from the 10th to "
           "the 90th percentile). The variants of a sweep are thin lines in their policy's "
           "colour.");
    fputs("<h2>Energy met locally, hour by hour</h2>\n", f);
    figure(f, pg, CH_HOURLY,
           "The share of final energy met without imports, hour by hour: a surplus hour "
           "counts only if storage carries it over to a later hour, so this share is always "
           "below the one above. Lines, points and bands as above.");
}

/* The report scenario's energy mix, months, weeks, stores and imports. */
static void scenario_sections(FILE *f, const page *pg)
{
    const au_pathway *m = &pg->p[pg->mix];
    fputs("<h2>A closer look at ", f);
    html_esc(f, m->s->name);
    fputs("</h2>\n<p class=\"note\">The charts below are those of one policy (chosen with "
          "<code>autonomy run --report-scenario NAME</code>; by default the first of the "
          "run).</p>\n",
          f);
    figure(f, pg, CH_MIX,
           "Final energy consumed each year, by carrier: electricity used by end uses "
           "(including heat pumps and electric vehicles), heat delivered by the district "
           "network, and fuels burnt by end users (gas, oil, wood, biogas, hydrogen), in GWh.");
    figure(f, pg, CH_FLOWS,
           "Local production (electricity net of curtailment, network heat, local fuels), "
           "imports (in final-energy terms) and exports, against final energy consumption, in "
           "GWh per year. The annual balance is local production over consumption.");
    fprintf(f, "<h3>Electricity in %d</h3>\n", m->s->year_end);
    figure(f, pg, CH_MONTHS,
           "Electricity of the last year of the horizon, month by month, with the typical "
           "weather: the boxes are the local production of each source (stacked), the solid "
           "line what end uses, vehicles and the network's heat pumps consume, the dashed "
           "line (where there is storage or power to heat) the same with storage charging and "
           "power to heat; what is not produced locally when it is needed is imported, what "
           "is produced and neither used nor stored is exported.");
    static const char week_note[] =
        "Electricity supply stacked by source, hour by hour, with the typical weather of the "
        "last year of the horizon: PV fleets together, wind fleets together, other fixed "
        "sources, local plants, storage discharge (batteries and fuel cells), imports, and "
        "demand left unserved. The solid line is the demand: end uses, vehicles and the "
        "district network's heat pumps. The dashed line, drawn when there is any, adds battery "
        "charging, electrolysers and power to heat; supply above it is exported or "
        "curtailed.";
    figure(f, pg, CH_WINTER, week_note);
    figure(f, pg, CH_SUMMER,
           "The same for the week of 15 July: supply above the demand lines is the midday "
           "solar surplus, stored where there is storage, otherwise exported or curtailed.");
    if (pg->stores)
        figure(f, pg, CH_STORES,
               "How full each store is over the year, in % of its energy capacity that year: "
               "the line is the day's mean level, the band runs from the day's lowest to its "
               "highest level (a battery cycling every day gives a tall band). Batteries and "
               "hydrogen tanks serve the electricity balance, heat stores the district "
               "network.");
    else
        fputs("<p class=\"note\">No battery, hydrogen tank or heat store in this policy's "
              "last year: no storage chart.</p>\n",
              f);
    fprintf(f, "<figure id=\"chart-%d\">\n%s\n<figcaption>The electricity imported in each "
               "hour of the year, the hours sorted from the largest import down (a duration "
               "curve): imports in %d of the %d hours, at most %.4g MW. Where the curve "
               "falls to zero no import is needed; its height at the left is the grid "
               "connection still needed. The dashed line sorts the exports the same "
               "way.</figcaption>\n</figure>\n",
            CH_IMPORTS + 1, pg->svg[CH_IMPORTS], pg->import_hours, AU_HOURS, pg->import_peak);
}

/* What each policy spends and employs. */
static void econ_sections(FILE *f, const page *pg)
{
    if (!pg->econ)
        return;
    fputs("<h2>Costs and local jobs</h2>\n", f);
    figure(f, pg, CH_COST,
           "What each policy spends, added up year after year from the start: investment in "
           "the year capacity is built or replaced, fixed and variable operation and "
           "maintenance, the energy bought (imports and local fuels), less the exports sold; "
           "euros of 2020, not discounted (the summary's net present cost discounts them). "
           "The factors and their sources: docs/economics.md. Building retrofits and "
           "vehicles are not counted.");
    figure(f, pg, CH_JOBS,
           "Direct local jobs each year, full-time equivalent: building and installing the "
           "capacity of the year, making it where it is made in the Métropole, operating "
           "what is in service and supplying local wood (employment factors of Rutovitz et "
           "al.; docs/economics.md). The grey band is the 2014 jobs pact's promise of 50-100 "
           "jobs a year; the pact counted jobs created in its cluster, so the two are "
           "comparable in size, not in definition.");
}

static int write_page(FILE *f, const void *vctx)
{
    const page *pg = vctx;
    page_head(f, pg);
    headline(f, pg);
    indicator_sections(f, pg);
    econ_sections(f, pg);
    scenario_sections(f, pg);
    fputs("</body>\n</html>\n", f);
    return 0;
}

/* ------------------------------------------------------------------ entry */

static void remove_tmp(const char *tmpdir)
{
    char path[4200];
    for (int c = 0; c < CH_COUNT; c++) {
        snprintf(path, sizeof path, "%s/chart%d.svg", tmpdir, c);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/gnuplot.err", tmpdir);
    unlink(path);
    rmdir(tmpdir);
}

/* The index of the scenario named mix_scenario in p (the first when NULL);
 * AU_EINVAL with a diagnostic when there is none. */
static au_status find_mix(const char *path, const au_pathway *p, size_t n,
                          const char *mix_scenario, size_t *mix, au_diags *d)
{
    *mix = 0;
    if (mix_scenario == NULL)
        return AU_OK;
    while (*mix < n && strcmp(p[*mix].s->name, mix_scenario) != 0)
        (*mix)++;
    if (*mix < n)
        return AU_OK;
    au_diags_add(d, path, 0, "no scenario '%s' in this run (expected the name of a "
                 "scenario run, or none for the first)", mix_scenario);
    return AU_EINVAL;
}

/* What a gnuplot that did not exit 0 (status) says, as one diagnostic. */
static void gnuplot_failed(const char *tmpdir, int status, au_diags *d)
{
    char msg[300];
    last_message(tmpdir, msg, sizeof msg);
    if (status == -1 || (WIFEXITED(status) && WEXITSTATUS(status) >= 126))
        au_diags_add(d, "gnuplot", 0, GNUPLOT_MISSING);
    else if (WIFEXITED(status))
        au_diags_add(d, "gnuplot", 0, "gnuplot could not be run: it stopped with status "
                     "%d, saying '%s' (expected gnuplot installed: apt-get install "
                     "gnuplot-nox)", WEXITSTATUS(status), msg);
    else
        au_diags_add(d, "gnuplot", 0, "gnuplot could not be run: it was killed by signal "
                     "%d (expected gnuplot installed: apt-get install gnuplot-nox)",
                     WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* Every chart drawn by one gnuplot into tmpdir and embedded in pg->svg. */
static au_status draw_charts(const char *tmpdir, page *pg, const au_flow_table *ft, au_diags *d)
{
    const au_pathway *m = &pg->p[pg->mix];
    sbuf g = {0};
    sb_puts(&g, "set encoding utf8\nset datafile missing NaN\n");
    years_chart(&g, tmpdir, pg->p, pg->n);
    indicator_chart(&g, tmpdir, pg->p, pg->n, 0);
    indicator_chart(&g, tmpdir, pg->p, pg->n, 1);
    mix_charts(&g, tmpdir, m);
    month_chart(&g, tmpdir, m, ft);
    week_chart(&g, tmpdir, m, ft, 0);
    week_chart(&g, tmpdir, m, ft, 1);
    pg->stores = store_chart(&g, tmpdir, m, ft);
    au_status st = duration_chart(&g, tmpdir, m, ft, &pg->import_hours, &pg->import_peak);
    if (pg->econ)
        econ_charts(&g, tmpdir, pg->p, pg->n);
    if (g.oom)
        st = AU_ENOMEM;
    int status = st != AU_OK ? 0 : run_gnuplot(tmpdir, &g);
    free(g.p);
    if (st != AU_OK)
        return st;
    if (status != 0) {
        gnuplot_failed(tmpdir, status, d);
        return AU_ETOOL;
    }
    for (int c = 0; c < CH_COUNT; c++) {
        if (!drawn(pg, c))
            continue;
        char svg_path[4300];
        size_t len;
        snprintf(svg_path, sizeof svg_path, "%s/chart%d.svg", tmpdir, c);
        char *raw = slurp(svg_path, &len);
        pg->svg[c] = raw != NULL ? svg_embed(raw, c) : NULL;
        free(raw);
        if (pg->svg[c] == NULL) {
            au_diags_add(d, "gnuplot", 0, "gnuplot could not be run: it left no chart %d "
                         "(expected gnuplot installed: apt-get install gnuplot-nox)", c + 1);
            return AU_ETOOL;
        }
    }
    return AU_OK;
}

/* The page written atomically to path, in dir. */
static au_status write_report_file(const char *dir, const char *path, const page *pg,
                                   au_diags *d)
{
    char why[256];
    if (au_mkdir_p(dir) != 0) {
        au_diags_add(d, dir, 0, "cannot create the folder: %s (expected a writable folder)",
                     strerror(errno));
        return AU_EIO;
    }
    if (au_write_atomic(path, write_page, pg, why, sizeof why) != 0) {
        au_diags_add(d, path, 0, "cannot write the report: %s (expected a writable folder)",
                     why);
        return AU_EIO;
    }
    return AU_OK;
}

/* The charts in a private temporary folder, then the page. */
static au_status report_in_tmp(const char *dir, const char *path, page *pg,
                               const au_flow_table *ft, au_diags *d)
{
    char tmpdir[4096];
    if (snprintf(tmpdir, sizeof tmpdir, "%s/autonomy-report-XXXXXX", tmp_base()) >=
            (int)sizeof tmpdir ||
        mkdtemp(tmpdir) == NULL) {
        au_diags_add(d, tmpdir, 0, "cannot create a temporary folder: %s (expected a "
                     "writable TMPDIR or /tmp)", strerror(errno));
        return AU_EIO;
    }
    /* what the folder may hold, removed if a signal ends the process */
    char names[CH_COUNT + 1][32];
    const char *list[CH_COUNT + 1];
    for (int c = 0; c < CH_COUNT; c++) {
        snprintf(names[c], sizeof names[c], "chart%d.svg", c);
        list[c] = names[c];
    }
    list[CH_COUNT] = "gnuplot.err";
    au_cleanup_folder(tmpdir, list, CH_COUNT + 1);
    au_status st = draw_charts(tmpdir, pg, ft, d);
    if (st == AU_OK)
        st = write_report_file(dir, path, pg, d);
    remove_tmp(tmpdir);
    au_cleanup_folder_done();
    return st;
}

au_status au_report_write(const char *dir, const au_pathway *p, size_t n,
                          const char *mix_scenario, au_diags *d)
{
    char path[4200];
    if (snprintf(path, sizeof path, "%s/report.html", dir) >= (int)sizeof path) {
        au_diags_add(d, dir, 0, "the folder name is too long (expected at most %zu bytes)",
                     sizeof path - 13);
        return AU_EIO;
    }
    if (n == 0) {
        au_diags_add(d, path, 0, "no scenario to report (expected at least one pathway)");
        return AU_EINVAL;
    }
    page pg = {p, n, 0, any_costs(p, n), 0, 0, 0, {NULL}};
    au_status st = find_mix(path, p, n, mix_scenario, &pg.mix, d);
    if (st != AU_OK)
        return st;
    const au_pathway *m = &p[pg.mix];
    const au_flow_table *ft = au_pathway_flows(m, m->s->year_end);
    if (ft == NULL) {
        au_diags_add(d, path, 0, "scenario '%s' kept no flows of %d (expected a pathway "
                     "that keeps its last year's flow table: au_run_opts.keep_last)",
                     m->s->name, m->s->year_end);
        return AU_EINVAL;
    }
    locale_t c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (c_locale == (locale_t)0)
        return AU_ENOMEM;
    locale_t old_locale = uselocale(c_locale);
    st = report_in_tmp(dir, path, &pg, ft, d);
    for (int c = 0; c < CH_COUNT; c++)
        free(pg.svg[c]);
    uselocale(old_locale);
    freelocale(c_locale);
    return st;
}
