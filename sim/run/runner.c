/* runner.c: pathways of scenarios in parallel (runner.h).  The only OpenMP
 * parallel region of the program is here. */
#include "autonomy/runner.h"
#include "autonomy/economics.h"
#include "sample_file.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
    free(p->at_confidence);
    free(p->value);
    free(p->probability);
    free(p->p10);
    free(p->p50);
    free(p->p90);
    for (size_t k = 0; k < p->n_flows; k++) {
        free((void *)p->flows[k].cols);
        free((void *)p->flows[k].flow);
    }
    free(p->flows);
    memset(p, 0, sizeof *p);
}

const au_year_result *au_pathway_result(const au_pathway *p, int sample, int year)
{
    if (sample > 0 && !p->kept_samples)
        return NULL;
    return &p->res[(size_t)sample * p->n_years + (year - p->s->year_start)];
}

const au_flow_table *au_pathway_flows(const au_pathway *p, int year)
{
    for (size_t k = 0; k < p->n_flows; k++)
        if (p->flows[k].year == year && p->flows[k].cols != NULL)
            return &p->flows[k];
    return NULL;
}

/* Whether p keeps the flow table of that year (of the typical weather). */
static int flows_asked(const au_pathway *p, int year)
{
    for (size_t k = 0; k < p->n_flows; k++)
        if (p->flows[k].year == year)
            return 1;
    return 0;
}

/* A slot for the flow table of year in p, unless it has one or year is
 * outside the horizon (zero when out of memory). */
static int flows_slot(au_pathway *p, int year)
{
    if (year < p->s->year_start || year > p->s->year_end)
        return 1;
    if (flows_asked(p, year))
        return 1;
    au_flow_table *f = realloc(p->flows, (p->n_flows + 1) * sizeof *f);
    if (f == NULL)
        return 0;
    p->flows = f;
    p->flows[p->n_flows++] = (au_flow_table){.year = year};
    return 1;
}

/* Copies the flow table of ws into p's slot for its year, if p has one. */
static au_status keep_flows(au_pathway *p, const au_engine_ws *ws)
{
    au_flow_table t = au_engine_table(ws);
    for (size_t k = 0; k < p->n_flows; k++) {
        if (p->flows[k].year != t.year)
            continue;
        au_flow_col *cols = malloc(t.ncols * sizeof *cols + 1);
        double *flow = malloc(t.ncols * AU_HOURS * sizeof *flow + 1);
        if (cols == NULL || flow == NULL) {
            free(cols);
            free(flow);
            return AU_ENOMEM;
        }
        memcpy(cols, t.cols, t.ncols * sizeof *cols);
        memcpy(flow, t.flow, t.ncols * AU_HOURS * sizeof *flow);
        /* not .year: other tasks read it while this one writes its slot */
        p->flows[k].ncols = t.ncols;
        p->flows[k].cols = cols;
        p->flows[k].flow = flow;
    }
    return AU_OK;
}

/* What every task of a scenario's sample reads. */
typedef struct prepared {
    au_wsample *ws;
    au_profiles *prof;
} prepared;

typedef struct task {
    int scen, sample, year;
    int table;                      /* writes its flow table (kept by the pathway) */
} task;

static int meets(const au_criterion *c, double v)
{
    return v >= c->threshold;
}

/* The order statistics a pathway's tables need, per year, over the samples
 * (au_sample_file_ranks): the two ranks around each of the 10th, 50th and
 * 90th percentiles' positions, and the value a share `confidence` of the
 * samples meets (au_pathway.at_confidence). */
#define N_RANKS 7
static const double PERCENTILE[3] = {0.1, 0.5, 0.9};

/* The rank of position f (0 to 1) among ns sorted values, as
 * gsl_stats_quantile_from_sorted_data takes it. */
static size_t rank_below(double f, size_t ns)
{
    return (size_t)(f * (double)(ns - 1));
}

/* gsl_stats_quantile_from_sorted_data's value at f, from the values of its
 * two ranks (lo: rank_below, hi: the next), the same arithmetic. */
static double quantile_of(double f, size_t ns, double lo, double hi)
{
    const double index = f * (double)(ns - 1);
    const size_t lhs = (size_t)index;
    const double delta = index - (double)lhs;
    return lhs == ns - 1 ? lo : (1 - delta) * lo + delta * hi;
}

/* The ranks (N_RANKS per year) of a pathway of ns samples, n years. */
static void ranks_of(const au_criterion *c, size_t ns, int n, size_t *rank)
{
    size_t kk = (size_t)ceil(c->confidence * (double)ns - 1e-9);
    kk = kk < 1 ? 1 : kk > ns ? ns : kk;
    for (int i = 0; i < n; i++) {
        size_t *r = rank + (size_t)i * N_RANKS;
        for (int q = 0; q < 3; q++) {
            r[2 * q] = rank_below(PERCENTILE[q], ns);
            r[2 * q + 1] = r[2 * q] + 1 < ns ? r[2 * q] + 1 : r[2 * q];
        }
        r[6] = ns - kk; /* the kk-th largest */
    }
}

/* The probabilities, percentiles and value at confidence of pathway p, from
 * its samples' indicators in the sample file fd (its block at value offset
 * at), in constant memory (work: N_RANKS × 258 words a year). */
static au_status sample_stats(au_pathway *p, int fd, size_t at, uint64_t *work, au_diags *d)
{
    const au_criterion *c = &p->s->criterion;
    int n = p->n_years;
    size_t ns = (size_t)p->n_samples;
    if (ns == 0) {
        for (int i = 0; i < n; i++)
            p->probability[i] = p->p10[i] = p->p50[i] = p->p90[i] = p->at_confidence[i] = NAN;
        return AU_OK;
    }
    size_t *rank = malloc((size_t)n * N_RANKS * sizeof *rank);
    double *val = malloc((size_t)n * N_RANKS * sizeof *val);
    size_t *met = malloc((size_t)n * sizeof *met);
    au_status st = rank != NULL && val != NULL && met != NULL ? AU_OK : AU_ENOMEM;
    if (st == AU_OK) {
        ranks_of(c, ns, n, rank);
        if (au_sample_file_ranks(fd, at, ns, (size_t)n, N_RANKS, rank, c->threshold, val, met,
                                 work) != 0) {
            au_diags_add(d, p->s->file, 0, "cannot read back the samples' indicators from "
                         "their temporary file: %s", strerror(errno));
            st = AU_EIO;
        }
    }
    for (int i = 0; i < n && st == AU_OK; i++) {
        const double *v = val + (size_t)i * N_RANKS;
        p->probability[i] = (double)met[i] / (double)ns;
        double *pct[3] = {&p->p10[i], &p->p50[i], &p->p90[i]};
        for (int q = 0; q < 3; q++)
            *pct[q] = quantile_of(PERCENTILE[q], ns, v[2 * q], v[2 * q + 1]);
        p->at_confidence[i] = v[6];
    }
    free(rank);
    free(val);
    free(met);
    return st;
}

static au_status finish(au_pathway *p, int fd, size_t at, uint64_t *work, au_diags *d)
{
    const au_criterion *c = &p->s->criterion;
    int n = p->n_years, ns = p->n_samples;
    int *ok = malloc((size_t)n * sizeof *ok);
    p->value = calloc((size_t)n, sizeof *p->value);
    p->probability = calloc((size_t)n, sizeof(double));
    p->p10 = calloc((size_t)n, sizeof(double));
    p->p50 = calloc((size_t)n, sizeof(double));
    p->p90 = calloc((size_t)n, sizeof(double));
    p->at_confidence = calloc((size_t)n, sizeof(double));
    if (!ok || !p->value || !p->probability || !p->p10 || !p->p50 || !p->p90 ||
        !p->at_confidence) {
        free(ok);
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
    au_status st = sample_stats(p, fd, at, work, d);
    for (int i = 0; i < n; i++)
        ok[i] = p->probability[i] >= c->confidence;
    p->autonomy_year_conf = ns > 0 ? au_autonomy_year(ok, n, p->s->year_start) : 0;
    free(ok);
    /* costs, CO2 and jobs over the pathway: the typical year's, and each
     * kept sample's (the same capacities, its own energy bought and sold) */
    au_econ_summary other;
    if (st == AU_OK)
        st = au_economics(p->s, p->res, n, &p->econ);
    for (int k = 1; st == AU_OK && p->kept_samples && k <= ns; k++)
        st = au_economics(p->s, p->res + (size_t)k * n, n, &other);
    return st;
}

/* A weather sample (1 and up) to load in the parallel region, by the first
 * scenario that reads it, with every such scenario's profiles on it. */
typedef struct load {
    int scen, sample;
} load;

/* What au_run prepares and its tasks read.  Samples run in rounds
 * (rounds_plan): round 0 holds the typical year and samples 1 .. round,
 * round r samples r·round + 1 .. (r + 1)·round; a round's loads and tasks
 * are listed when it starts (round_begin), its samples loaded, its tasks
 * run, and at its end (round_end) its samples' indicators written to the
 * sample file and its samples freed, so that memory does not grow with the
 * samples. */
typedef struct batch {
    au_scenario *const *scen;
    size_t n;
    au_pathway *out;
    prepared **prep;                /* per scenario: slot 0 its typical year,
                                       slots 1 .. round the round's samples
                                       (slot_of) */
    au_demand_shapes **shapes;      /* per scenario */
    double *heat_ref;               /* per scenario: reference degree-hours */
    const au_sunpath **sun;         /* per scenario: its territory's sun, that
                                       of the typical year of the first
                                       scenario at the same place (synthetic
                                       weather); NULL for a weather file */
    size_t *group;                  /* per scenario: the first scenario with
                                       the same weather (same_weather) */
    int round, n_rounds;
    load *loads;                    /* the round's samples to load, in a fixed
                                       order (round_begin) */
    size_t n_loads;
    size_t loads_before;            /* loads of the rounds before */
    size_t load_failed;             /* ordinal over the run of the first load
                                       that failed (SIZE_MAX: none) */
    au_diags load_d;                /* its diagnostics */
    task *tasks;                    /* the round's tasks, in a fixed order */
    size_t n_tasks;
    size_t all_tasks;               /* over the run (progress) */
    double *value;                  /* the round's samples' indicators: per
                                       scenario from value_at, round ×
                                       n_years, sample-major */
    size_t *value_at;
    size_t *file_at;                /* per scenario: its block in the sample
                                       file (value offset), n_samples ×
                                       n_years, sample-major */
    int fd;                         /* the sample file; -1: no samples */
    char fd_dir[4096];              /* its folder */
    au_diags end_d;                 /* a round's end that failed */
} batch;

/* The round of sample k. */
static int round_of(const batch *b, int k)
{
    return k == 0 ? 0 : (k - 1) / b->round;
}

/* The slot of sample k in a scenario's prepared samples. */
static int slot_of(const batch *b, int k)
{
    return k == 0 ? 0 : (k - 1) % b->round + 1;
}

/* The samples of round r (1 and up): k0 .. k1 - 1. */
static void round_samples(const batch *b, int r, int *k0, int *k1)
{
    *k0 = r * b->round + 1;
    *k1 = (r + 1) * b->round + 1;
}

/* Whether scenarios t and s read the same weather at the same place. */
static int same_weather(const au_scenario *t, const au_scenario *s)
{
    return t->weather.source == s->weather.source && t->weather.seed == s->weather.seed &&
           ((t->weather.file == NULL && s->weather.file == NULL) ||
            (t->weather.file && s->weather.file &&
             strcmp(t->weather.file, s->weather.file) == 0)) &&
           (t->weather.utc_offset_h == s->weather.utc_offset_h ||
            (isnan(t->weather.utc_offset_h) && isnan(s->weather.utc_offset_h))) &&
           au_same_place(t, s);
}

/* The scenario that loads sample k of scenario i's weather: the first with
 * the same weather and that many samples. */
static size_t sample_owner(const batch *b, size_t i, int k)
{
    for (size_t j = b->group[i]; j < i; j++)
        if (b->group[j] == b->group[i] && k <= b->out[j].n_samples)
            return j;
    return i;
}

/* Sample k of scenario i: its weather (loaded here when i is the sample's
 * owner, else the owner's, with its cache of profiles) and the scenario's
 * profiles on it.  Sample 0 of scenario i is prepared before its others. */
static au_status load_one(batch *b, size_t i, int k, au_diags *d)
{
    const au_scenario *s = b->scen[i];
    prepared *pk = &b->prep[i][slot_of(b, k)];
    size_t o = sample_owner(b, i, k);
    if (o != i)
        pk->ws = b->prep[o][slot_of(b, k)].ws;
    else {
        au_status st = au_wsample_load_at(s, b->sun[i], k, &pk->ws, d);
        if (st != AU_OK)
            return st;
    }
    return au_profiles_build(s, pk->ws, k > 0 ? b->prep[i][0].prof : NULL, &pk->prof, d);
}

/* Scenario i's weather group, and its typical year (sample 0) with its
 * profiles.  The sun of the synthetic weather is computed once per place,
 * with the typical year of the first scenario there, and then read from it. */
static au_status share_weather(batch *b, size_t i, au_diags *d)
{
    const au_scenario *s = b->scen[i];
    b->group[i] = i;
    for (size_t j = 0; j < i && b->group[i] == i; j++)
        if (same_weather(b->scen[j], s))
            b->group[i] = j;
    if (s->weather.source != AU_WEATHER_SYNTHETIC)
        return load_one(b, i, 0, d);
    for (size_t j = 0; j < i && b->sun[i] == NULL; j++)
        if (b->sun[j] != NULL && au_same_place(b->scen[j], s))
            b->sun[i] = b->sun[j];
    au_status st = load_one(b, i, 0, d);
    if (st == AU_OK && b->sun[i] == NULL)
        b->sun[i] = &b->prep[i][0].ws->sun;
    return st;
}

static int same_text(const char *a, const char *b)
{
    return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Whether scenarios s and t have the same demand shapes (au_demand_shapes
 * reads of each use its type, sector, profile names and profile data): the
 * variants of a batch share one set instead of a copy each. */
static int same_shapes(const au_scenario *s, const au_scenario *t)
{
    if (s->n_uses != t->n_uses)
        return 0;
    for (size_t i = 0; i < s->n_uses; i++) {
        const au_use *a = &s->uses[i], *b = &t->uses[i];
        if (a->type != b->type || a->sector != b->sector || !same_text(a->profile, b->profile) ||
            !same_text(a->electric_profile, b->electric_profile) ||
            (a->profile_data == NULL) != (b->profile_data == NULL) ||
            (a->profile_data != NULL &&
             memcmp(a->profile_data, b->profile_data, AU_HOURS * sizeof(double)) != 0))
            return 0;
    }
    return 1;
}

/* Scenario i's demand shapes: an earlier scenario's when they are the same
 * (shapes_owner), else its own. */
static au_status shapes_for(batch *b, size_t i, au_diags *d)
{
    for (size_t j = 0; j < i; j++)
        if (b->shapes[j] != NULL && same_shapes(b->scen[j], b->scen[i])) {
            b->shapes[i] = b->shapes[j];
            return AU_OK;
        }
    return au_demand_shapes_build(b->scen[i], &b->shapes[i], d);
}

/* Scenario i's result slots, demand shapes, sun, typical year (sample 0)
 * with its profiles, and heating reference.  Its other samples are loaded
 * in the parallel region (load_samples). */
static au_status prepare_scenario(batch *b, size_t i, const au_run_opts *o, au_diags *d)
{
    const au_scenario *s = b->scen[i];
    au_pathway *out = &b->out[i];
    int ns = o->samples >= 0 ? o->samples : s->weather.samples;
    if (s->weather.source == AU_WEATHER_YEARS && s->weather.n_year_files > 0) {
        ns = (int)s->weather.n_year_files; /* one file a year, each a sample */
    } else if (s->weather.source == AU_WEATHER_YEARS) {
        /* recorded years: every one is a sample, whatever was asked */
        au_weather *years;
        int *numbers;
        size_t n;
        double utc = isnan(s->weather.utc_offset_h) ? s->territory.utc_offset_h
                                                    : s->weather.utc_offset_h;
        au_status st = au_weather_read_years(s->weather.file, utc, &years, &numbers, &n, d);
        if (st != AU_OK)
            return st;
        free(years);
        free(numbers);
        ns = (int)n;
    } else if (ns > 0 && s->weather.source != AU_WEATHER_SYNTHETIC) {
        au_diags_add(d, s->file, 0, "scenario '%s' reads its weather from a file, which is "
                     "one year (expected no stochastic samples, or the synthetic weather)",
                     s->name);
        return AU_EINVAL;
    }
    out->s = s;
    out->n_years = s->year_end - s->year_start + 1;
    out->n_samples = ns;
    out->kept_samples = o->keep_samples != 0;
    out->res = calloc((size_t)(out->kept_samples ? ns + 1 : 1) * out->n_years, sizeof *out->res);
    b->prep[i] = calloc((size_t)b->round + 1, sizeof **b->prep);
    if (out->res == NULL || b->prep[i] == NULL)
        return AU_ENOMEM;
    for (int k = 0; k < o->n_keep; k++)
        if (!flows_slot(out, o->keep_years[k]))
            return AU_ENOMEM;
    if (o->keep_last != NULL && o->keep_last[i] && !flows_slot(out, s->year_end))
        return AU_ENOMEM;
    au_status st = shapes_for(b, i, d);
    if (st == AU_OK)
        st = share_weather(b, i, d);
    if (st == AU_OK)
        st = au_heating_reference(s, b->prep[i][0].ws, &b->heat_ref[i], d);
    return st;
}


/* Samples per thread in a round: enough to keep every thread busy while the
 * round's samples load (dynamic scheduling evens out their times), few
 * enough that a round holds a few MB per thread. */
#define SAMPLES_PER_THREAD 4

/* The threads au_run uses. */
static int run_threads(const au_run_opts *o)
{
#ifdef _OPENMP
    return o->threads > 0 ? o->threads : omp_get_max_threads();
#else
    (void)o;
    return 1;
#endif
}

/* The rounds (as many as the largest number of samples needs), the round's
 * lists of loads and tasks and its indicators, each sized for the largest
 * round, and the sample file when there are samples (its folder named in d
 * when it cannot be made). */
static au_status rounds_plan(batch *b, au_diags *d)
{
    int max_k = 0;
    size_t years = 0, file = 0;
    for (size_t i = 0; i < b->n; i++) {
        const au_pathway *p = &b->out[i];
        max_k = p->n_samples > max_k ? p->n_samples : max_k;
        years += (size_t)p->n_years;
        b->value_at[i] = (size_t)b->round * (years - (size_t)p->n_years);
        b->file_at[i] = file;
        file += (size_t)p->n_samples * (size_t)p->n_years;
        b->all_tasks += (size_t)(p->n_samples + 1) * (size_t)p->n_years;
    }
    b->n_rounds = max_k > 0 ? round_of(b, max_k) + 1 : 1;
    b->loads = malloc(((size_t)b->round * b->n + 1) * sizeof *b->loads);
    b->tasks = malloc(((size_t)b->round + 1) * years * sizeof *b->tasks);
    b->value = malloc(((size_t)b->round * years + 1) * sizeof *b->value);
    if (b->loads == NULL || b->tasks == NULL || b->value == NULL)
        return AU_ENOMEM;
    if (max_k == 0)
        return AU_OK;
    b->fd = au_sample_file_open(b->fd_dir, sizeof b->fd_dir);
    if (b->fd < 0) {
        au_diags_add(d, b->fd_dir, 0, "cannot make a temporary file in this folder for the "
                     "samples' indicators: %s (expected TMPDIR, or /tmp without it, to name a "
                     "folder this user may write)", strerror(errno));
        return AU_EIO;
    }
    return AU_OK;
}

/* Lists round r's loads (each sample 1 and up once, by its owner, by sample
 * then scenario) and tasks (scenario × sample × year), in a fixed order. */
static void round_begin(batch *b, int r)
{
    int k0, k1;
    round_samples(b, r, &k0, &k1);
    b->loads_before += b->n_loads;
    b->n_loads = b->n_tasks = 0;
    for (int k = k0; k < k1; k++)
        for (size_t i = 0; i < b->n; i++)
            if (k <= b->out[i].n_samples && sample_owner(b, i, k) == i)
                b->loads[b->n_loads++] = (load){(int)i, k};
    for (size_t i = 0; i < b->n; i++)
        for (int k = r == 0 ? 0 : k0; k < k1 && k <= b->out[i].n_samples; k++)
            for (int y = b->scen[i]->year_start; y <= b->scen[i]->year_end; y++)
                b->tasks[b->n_tasks++] =
                    (task){(int)i, k, y, k == 0 && flows_asked(&b->out[i], y)};
}

/* At the end of round r: its samples' indicators written to the sample file
 * (a failure noted in *failed and b->end_d), and its samples freed but the
 * typical year (their profiles, then each sample once). */
static void round_end(batch *b, int r, int *failed)
{
    int k0, k1;
    round_samples(b, r, &k0, &k1);
    for (size_t i = 0; i < b->n && !*failed; i++) {
        const au_pathway *p = &b->out[i];
        if (p->n_samples < k0)
            continue;
        size_t c = (size_t)((p->n_samples < k1 - 1 ? p->n_samples : k1 - 1) - k0 + 1);
        size_t ny = (size_t)p->n_years;
        if (au_sample_file_write(b->fd, b->value + b->value_at[i], c * ny,
                                 b->file_at[i] + (size_t)(k0 - 1) * ny) != 0) {
            au_diags_add(&b->end_d, b->fd_dir, 0, "cannot write the samples' indicators to "
                         "a temporary file in this folder: %s (expected room in TMPDIR, or "
                         "/tmp without it: 8 bytes a sample and year)", strerror(errno));
            *failed = (int)AU_EIO;
        }
    }
    for (size_t i = 0; i < b->n; i++)
        for (int k = k0; k < k1 && k <= b->out[i].n_samples; k++) {
            au_profiles_free(b->prep[i][slot_of(b, k)].prof);
            b->prep[i][slot_of(b, k)].prof = NULL;
        }
    for (size_t i = 0; i < b->n; i++)
        for (int k = k0; k < k1 && k <= b->out[i].n_samples; k++)
            if (sample_owner(b, i, k) == i)
                au_wsample_free(b->prep[i][slot_of(b, k)].ws);
    for (size_t i = 0; i < b->n; i++)
        for (int k = k0; k < k1 && k <= b->out[i].n_samples; k++)
            b->prep[i][slot_of(b, k)].ws = NULL;
}

/* Load li of the round: the sample, then the profiles on it of every
 * scenario that reads it, in scenario order (the cache is filled in the
 * same order whatever the threads).
 * A failure is kept with its diagnostics when it is the first in load
 * order, so the report does not depend on threads; *failed is then set. */
static void load_samples(batch *b, size_t li, int *failed)
{
    const load *l = &b->loads[li];
    size_t i = (size_t)l->scen;
    au_diags local;
    au_diags_init(&local);
    au_status st = load_one(b, i, l->sample, &local);
    for (size_t j = i + 1; j < b->n && st == AU_OK; j++)
        if (b->group[j] == b->group[i] && l->sample <= b->out[j].n_samples)
            st = load_one(b, j, l->sample, &local);
    if (st != AU_OK) {
#pragma omp critical(au_run_diags)
        {
            if (b->loads_before + li < b->load_failed) {
                b->load_failed = b->loads_before + li;
                au_diags_clear(&b->load_d);
                b->load_d = local;
                au_diags_init(&local);
            }
#pragma omp atomic write
            *failed = (int)st;
        }
    }
    au_diags_clear(&local);
}

/* With a climate trend, the profiles of year on base morphed to that year
 * (*mws and *mprof, which the caller frees; typical: the scenario's profiles
 * on its typical year, whose wind calibration they keep); without one,
 * *mprof is NULL and base's profiles apply. */
static au_status year_profiles(const au_scenario *s, const au_wsample *base,
                               const au_profiles *typical, int year, au_wsample **mws,
                               au_profiles **mprof, au_diags *d)
{
    *mws = NULL, *mprof = NULL;
    if (!s->climate.present)
        return AU_OK;
    au_status st = au_wsample_morph(base, s, year, mws, d);
    if (st == AU_OK)
        st = au_profiles_build(s, *mws, typical, mprof, d);
    return st;
}


/* Runs task ti of the round in *ws, a workspace of scenario *ws_scen (made
 * anew when the scenario changes).  The first task to fail sets *failed to
 * its status and copies its diagnostics to d. */
static void run_task(const batch *b, size_t ti, au_engine_ws **ws, int *ws_scen, int *failed,
                     au_diags *d)
{
    const task *tk = &b->tasks[ti];
    const au_scenario *s = b->scen[tk->scen];
    if (*ws_scen != tk->scen) {
        au_engine_ws_free(*ws);
        *ws = au_engine_ws_alloc(s);
        *ws_scen = tk->scen;
    }
    au_diags local;
    au_diags_init(&local);
    au_pathway *p = &b->out[tk->scen];
    size_t i = (size_t)(tk->year - s->year_start);
    au_year_result mine, *r = tk->sample == 0 || p->kept_samples
                                  ? &p->res[(size_t)tk->sample * p->n_years + i]
                                  : &mine;
    if (*ws != NULL)
        au_engine_ws_write_table(*ws, tk->table);
    au_wsample *mws = NULL;
    au_profiles *mprof = NULL;
    const prepared *pr = &b->prep[tk->scen][slot_of(b, tk->sample)];
    au_status ts = *ws == NULL ? AU_ENOMEM
                               : year_profiles(s, pr->ws, b->prep[tk->scen][0].prof, tk->year,
                                               &mws, &mprof, &local);
    if (ts == AU_OK)
        ts = au_engine_year(s, mprof != NULL ? mprof : pr->prof, b->shapes[tk->scen],
                            b->heat_ref[tk->scen], tk->year, *ws, r, &local);
    au_profiles_free(mprof);
    au_wsample_free(mws);
    if (ts == AU_OK && tk->sample > 0)
        b->value[b->value_at[tk->scen] + (size_t)(slot_of(b, tk->sample) - 1) * p->n_years + i] =
            au_criterion_value(&s->criterion, r);
    if (ts == AU_OK && tk->table)
        ts = keep_flows(p, *ws); /* only this task writes its year's slot */
    if (ts != AU_OK) {
#pragma omp critical(au_run_diags)
        {
            if (!*failed) {
                for (size_t q = 0; q < local.n; q++)
                    au_diags_add(d, local.items[q].file, local.items[q].line, "%s",
                                 local.items[q].msg);
                if (local.n == 0)
                    au_diags_add(d, s->file, 0, "out of memory");
#pragma omp atomic write
                *failed = (int)ts;
            }
        }
    }
    au_diags_clear(&local);
}

/* Tasks done, rate and time left, on stderr. */
typedef struct progress {
    size_t done, n_tasks;
    struct timespec t0, last;
} progress;

static double seconds(const struct timespec *from, const struct timespec *to)
{
    return (double)(to->tv_sec - from->tv_sec) + 1e-9 * (double)(to->tv_nsec - from->tv_nsec);
}

/* At most twice a second, and at the last task. */
static void progress_show(progress *pr, size_t now_done)
{
    struct timespec tn;
    clock_gettime(CLOCK_MONOTONIC, &tn);
    if (seconds(&pr->last, &tn) < 0.5 && now_done != pr->n_tasks)
        return;
    double el = seconds(&pr->t0, &tn);
    double rate = el > 0 ? (double)now_done / el : 0.0;
    fprintf(stderr, "\r%zu of %zu hourly years (%.0f %%), %.0f a second, %.0f s left  ",
            now_done, pr->n_tasks, 100.0 * (double)now_done / (double)pr->n_tasks, rate,
            rate > 0 ? (double)(pr->n_tasks - now_done) / rate : 0.0);
    pr->last = tn;
}

static void progress_end(const progress *pr)
{
    struct timespec tn;
    clock_gettime(CLOCK_MONOTONIC, &tn);
    fprintf(stderr, "\r%zu of %zu hourly years in %.1f s%30s\n", pr->done, pr->n_tasks,
            seconds(&pr->t0, &tn), "");
}


/* The round's loads, then its tasks, shared out among the threads of the
 * region (orphaned worksharing: every thread calls it). */
static void run_round(batch *b, const au_run_opts *o, au_engine_ws **ws, int *ws_scen,
                      int *failed, progress *pr, au_diags *d)
{
#pragma omp for schedule(dynamic, 1)
    for (size_t li = 0; li < b->n_loads; li++)
        load_samples(b, li, failed);
#pragma omp for schedule(dynamic, 1)
    for (size_t ti = 0; ti < b->n_tasks; ti++) {
        int fail;
#pragma omp atomic read
        fail = *failed;
        if (fail)
            continue;
        run_task(b, ti, ws, ws_scen, failed, d);
        size_t now_done;
#pragma omp atomic capture
        now_done = ++pr->done;
#ifdef _OPENMP
        int master = omp_get_thread_num() == 0;
#else
        int master = 1;
#endif
        if (o->progress && master)
            progress_show(pr, now_done);
    }
}

/* Round by round (batch), in one OpenMP region: the round listed
 * (round_begin), its samples loaded, then its tasks run, two loops with
 * dynamic scheduling, the second after every sample of the round is ready,
 * then the round ended (round_end); each thread with its own workspace;
 * each sample, profile and result lands in its slot.  After a failure no
 * further round starts.  Returns the first failure's status. */
static au_status run_tasks(batch *b, const au_run_opts *o, au_diags *d)
{
    int failed = 0;
    progress pr = {.n_tasks = b->all_tasks};
    clock_gettime(CLOCK_MONOTONIC, &pr.t0);
    pr.last = pr.t0;
#pragma omp parallel num_threads(run_threads(o))
    {
        au_engine_ws *ws = NULL;
        int ws_scen = -1;
        for (int r = 0; r < b->n_rounds; r++) {
            int stop;
#pragma omp atomic read
            stop = failed;  /* the same for every thread: set before the last barrier */
            if (stop)
                break;
#pragma omp single
            round_begin(b, r);
            run_round(b, o, &ws, &ws_scen, &failed, &pr, d);
#pragma omp single
            round_end(b, r, &failed);
        }
        au_engine_ws_free(ws);
    }
    if (o->progress)
        progress_end(&pr);
    if (b->load_failed != SIZE_MAX)
        for (size_t q = 0; q < b->load_d.n; q++)
            au_diags_add(d, b->load_d.items[q].file, b->load_d.items[q].line, "%s",
                         b->load_d.items[q].msg);
    for (size_t q = 0; q < b->end_d.n; q++)
        au_diags_add(d, b->end_d.items[q].file, b->end_d.items[q].line, "%s",
                     b->end_d.items[q].msg);
    return (au_status)failed;
}

/* Frees what au_run prepared (a sample shared by scenarios once). */
static void batch_free(batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->prep != NULL && b->prep[i] != NULL) {
            for (int k = 0; k <= b->round; k++) {
                au_profiles_free(b->prep[i][k].prof);
                /* free a sample once: by the first scenario that holds it */
                int owner = 1;
                for (size_t j = 0; j < i && owner; j++)
                    if (b->prep[j] != NULL && b->prep[j][k].ws == b->prep[i][k].ws)
                        owner = 0;
                if (owner)
                    au_wsample_free(b->prep[i][k].ws);
            }
        }
        int own = b->shapes != NULL;    /* shapes shared by scenarios: freed once */
        for (size_t j = 0; j < i && own; j++)
            own = b->shapes[j] != b->shapes[i];
        if (own)
            au_demand_shapes_free(b->shapes[i]);
    }
    for (size_t i = 0; b->prep != NULL && i < b->n; i++)
        free(b->prep[i]);
    free(b->prep);
    free(b->shapes);
    free(b->heat_ref);
    free((void *)b->sun);
    free(b->group);
    free(b->loads);
    au_diags_clear(&b->load_d);
    au_diags_clear(&b->end_d);
    free(b->tasks);
    free(b->value);
    free(b->value_at);
    free(b->file_at);
    if (b->fd >= 0)
        close(b->fd);
}

/* Each pathway's autonomy years, statistics over samples and economics. */
static au_status finish_all(batch *b, au_diags *d)
{
    int max_n = 0;
    for (size_t i = 0; i < b->n; i++)
        max_n = b->out[i].n_years > max_n ? b->out[i].n_years : max_n;
    uint64_t *work = malloc((size_t)max_n * N_RANKS * 258 * sizeof *work);
    au_status st = work != NULL ? AU_OK : AU_ENOMEM;
    for (size_t i = 0; i < b->n && st == AU_OK; i++)
        st = finish(&b->out[i], b->fd, b->file_at[i], work, d);
    free(work);
    return st;
}

au_status au_run(au_scenario *const *scen, size_t n, const au_run_opts *o, au_pathway *out,
                 au_diags *d)
{
    au_status st = AU_OK;
    batch b = {.scen = scen, .n = n, .out = out, .fd = -1, .load_failed = SIZE_MAX};
    memset(out, 0, n * sizeof *out);
    b.round = SAMPLES_PER_THREAD * run_threads(o);
    b.prep = calloc(n + 1, sizeof *b.prep);
    b.shapes = calloc(n + 1, sizeof *b.shapes);
    b.heat_ref = calloc(n + 1, sizeof *b.heat_ref);
    b.sun = calloc(n + 1, sizeof *b.sun);
    b.group = calloc(n + 1, sizeof *b.group);
    b.value_at = calloc(n + 1, sizeof *b.value_at);
    b.file_at = calloc(n + 1, sizeof *b.file_at);
    au_diags_init(&b.load_d);
    au_diags_init(&b.end_d);
    if (!b.prep || !b.shapes || !b.heat_ref || !b.sun || !b.group || !b.value_at || !b.file_at)
        st = AU_ENOMEM;
    /* one thread: result slots, shapes, suns, typical years */
    for (size_t i = 0; i < n && st == AU_OK; i++)
        st = prepare_scenario(&b, i, o, d);
    if (st == AU_OK)
        st = rounds_plan(&b, d);
    if (st == AU_OK)
        st = run_tasks(&b, o, d);
    if (st == AU_OK)
        st = finish_all(&b, d);
    batch_free(&b);
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
    au_wsample *mws = NULL;
    au_profiles *mprof = NULL;
    if (st == AU_OK)
        st = year_profiles(s, wsm, prof, year, &mws, &mprof, d);
    if (st == AU_OK)
        st = au_engine_year(s, mprof != NULL ? mprof : prof, ds, heat_ref, year, *wsp, r, d);
    au_profiles_free(mprof);
    au_wsample_free(mws);
    if (st != AU_OK) {
        au_engine_ws_free(*wsp);
        *wsp = NULL;
    }
    au_demand_shapes_free(ds);
    au_profiles_free(prof);
    au_wsample_free(wsm);
    return st;
}

au_status au_run_keep(const au_scenario *s, int year, au_pathway *p, au_diags *d)
{
    au_engine_ws *ws = NULL;
    au_year_result r;
    if (p->s == NULL)
        p->s = s;
    if (!flows_slot(p, year))
        return AU_ENOMEM;
    au_status st = au_run_hourly(s, year, &ws, &r, d);
    if (st == AU_OK && (st = keep_flows(p, ws)) != AU_OK)
        au_diags_add(d, s->file, 0, "out of memory keeping the flows of %d", year);
    au_engine_ws_free(ws);
    return st;
}
