/* check_rules.c: the dispatch rules of MODEL.md §5, checked on every hour of
 * real runs by a checker written apart from the engine.
 *
 * The checker reads only what a user can read: the scenario (capacities and
 * storage parameters from its trajectories) and the flow table of each year
 * (the columns of the hourly CSV, found by name).  It rebuilds each store's
 * state at the start of every hour from the previous hour's state and
 * MODEL.md's self-discharge rule, and asserts, hour by hour:
 *   electricity
 *   - no import while a battery or a fuel cell could give more;
 *   - no battery charging, electrolysis or power to heat while importing;
 *   - no export or curtailment while a battery or an electrolyser could
 *     take more;
 *   - curtailment only at the export limit; unserved energy only at the
 *     import limit; no store charges and discharges in the same hour;
 *   district heat
 *   - no heat dumped while a heat pump, a boiler or power to heat runs;
 *   - no heat dumped while a heat store could take more;
 *   stores
 *   - every state of charge within [min, max] of its capacity, and equal to
 *     the previous state, less self-discharge, plus what went in times the
 *     charge efficiency, less what came out over the discharge efficiency.
 * On every shipped scenario, every year, the typical weather and one
 * stochastic year; and on stress variants (tests/data/rules/): a tiny import
 * limit, a tiny export limit, a large slow leaky battery, power to heat with
 * a leaky seasonal heat store and CHP plants whose heat goes to the network. */
#include "test_util.h"

#include <ctype.h>
#include <math.h>

#include "autonomy/engine.h"
#include "autonomy/runner.h"

static const char *const files[] = {
    "../scenarios/amiens-baseline.xml",       "../scenarios/amiens-roadmap.xml",
    "../scenarios/amiens-solar.xml",          "../scenarios/amiens-wind.xml",
    "../scenarios/amiens-sodium-storage.xml", "../scenarios/amiens-heat.xml",
    "../scenarios/amiens-sobriety.xml",       "../scenarios/amiens-autonomy-2050.xml",
    "data/engine/storage-rich.xml",           "data/rules/tiny-import.xml",
    "data/rules/tiny-export.xml",             "data/rules/slow-battery.xml",
    "data/rules/power-to-heat.xml",
};
#define N_FILES (sizeof files / sizeof files[0])

/* How often each rule had something to check, over a whole file: a rule
 * that never applied would prove nothing, so the stress variants must
 * exercise them. */
typedef struct counts {
    long import_hours, export_hours, curtail_hours, unserved_hours, dump_hours;
    long battery_hours, p2h_hours, chp_hp_hours;
} counts;

/* The column name the flow table gives to prefix + name (lower-case
 * letters and digits, any other run of characters one '_'). */
static void col_name(char *out, size_t n, const char *prefix, const char *name,
                     const char *suffix)
{
    size_t j = (size_t)snprintf(out, n, "%s", prefix);
    for (size_t i = 0; name[i] != '\0' && j + 1 < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (isalnum(c))
            out[j++] = (char)tolower(c);
        else if (j > 0 && out[j - 1] != '_')
            out[j++] = '_';
    }
    while (j > 0 && out[j - 1] == '_')
        j--;
    snprintf(out + j, n - j, "%s", suffix);
}

static const double *find(const au_engine_ws *ws, const char *name)
{
    for (size_t c = 0; c < au_engine_ncols(ws); c++)
        if (strcmp(au_engine_col(ws, c)->name, name) == 0)
            return au_engine_flow(ws, c);
    return NULL;
}

static const double *need(const au_engine_ws *ws, const char *prefix, const char *name,
                          const char *suffix)
{
    char buf[160];
    col_name(buf, sizeof buf, prefix, name, suffix);
    const double *v = find(ws, buf);
    ck_assert_msg(v != NULL, "no column %s", buf);
    return v;
}

static const double zeros[AU_HOURS];

static const double *maybe(const au_engine_ws *ws, const char *name)
{
    const double *v = find(ws, name);
    return v != NULL ? v : zeros;
}

/* ck_assert_msg marks every passing check through a pipe to the parent
 * process: too slow for millions of checks.  This one reports only a
 * failure. */
#define EXPECT(cond, ...)                 \
    do {                                  \
        if (!(cond))                      \
            ck_abort_msg(__VA_ARGS__);    \
    } while (0)

#define TOL 1e-7    /* MW or MWh: far above rounding, far below any real flow */

/* A store seen from outside: its capacities in the year, its parameters,
 * and its columns (charge in, discharge out, state). */
typedef struct store {
    const char *what;
    double e, p_in, p_out, eta_in, eta_out, leak, lo, hi, init;
    const double *in, *out, *soc;
} store;

/* The state at the start of hour h, after self-discharge (MODEL.md §5:
 * never below the minimum). */
static double start_of_hour(const store *st, int h)
{
    double s = h == 0 ? st->init : st->soc[h - 1];
    double loss = s * st->leak, above = s - st->lo;
    return s - (loss < above ? loss : (above > 0 ? above : 0));
}

static double could_take(const store *st, int h)
{
    double room = (st->hi - start_of_hour(st, h)) / st->eta_in;
    return fmin(st->p_in, room > 0 ? room : 0);
}

static double could_give(const store *st, int h)
{
    double avail = (start_of_hour(st, h) - st->lo) * st->eta_out;
    return fmin(st->p_out, avail > 0 ? avail : 0);
}

static void check_store(const store *st, const char *ctx, int h)
{
    double s0 = start_of_hour(st, h);
    double want = s0 + st->in[h] * st->eta_in - st->out[h] / st->eta_out;
    EXPECT(st->soc[h] >= st->lo - TOL && st->soc[h] <= st->hi + TOL,
                  "%s hour %d: %s holds %.9g MWh, outside [%g, %g]", ctx, h, st->what,
                  st->soc[h], st->lo, st->hi);
    EXPECT(fabs(st->soc[h] - want) <= TOL * (1 + st->e * 1e-3),
                  "%s hour %d: %s holds %.12g MWh, expected %.12g from its flows", ctx, h,
                  st->what, st->soc[h], want);
    EXPECT(st->in[h] <= TOL || st->out[h] <= TOL,
                  "%s hour %d: %s charges %g and discharges %g at once", ctx, h, st->what,
                  st->in[h], st->out[h]);
}

static double ev(const au_traj *t, int y)
{
    return t->kind == AU_TRAJ_UNSET ? INFINITY : au_traj_eval(t, y);
}

static void check_year(const au_scenario *s, const au_engine_ws *ws, int y, int sample,
                       counts *n)
{
    char ctx[160];
    snprintf(ctx, sizeof ctx, "%s %d sample %d", s->name, y, sample);
    const au_district_heating *dh = &s->district_heating;
    size_t nb = s->n_batteries, nh = s->n_hydrogen, nk = dh->n_storages;
    store *bat = calloc(nb + 1, sizeof *bat), *h2 = calloc(nh + 1, sizeof *h2);
    store *hs = calloc(nk + 1, sizeof *hs);
    ck_assert(bat && h2 && hs);
    for (size_t b = 0; b < nb; b++) {
        const au_battery *x = &s->batteries[b];
        double e = ev(&x->energy_mwh, y), p = ev(&x->power_mw, y);
        bat[b] = (store){"battery", e, p, p, x->p.eta_charge, x->p.eta_discharge,
                         x->p.self_discharge_per_h, x->p.soc_min * e, x->p.soc_max * e,
                         x->p.soc_initial * e, need(ws, "el_out_battery_", x->name, ""),
                         need(ws, "el_in_battery_", x->name, ""),
                         need(ws, "soc_battery_", x->name, "_mwh")};
    }
    for (size_t k = 0; k < nh; k++) {
        const au_hydrogen *x = &s->hydrogen[k];
        double e = ev(&x->tank_mwh, y);
        h2[k] = (store){"hydrogen tank", e, ev(&x->electrolyser_mw, y), ev(&x->fuel_cell_mw, y),
                        x->electrolyser_efficiency, x->fuel_cell_efficiency, 0, 0, e,
                        x->soc_initial * e, need(ws, "el_out_electrolyser_", x->name, ""),
                        need(ws, "el_in_fuel_cell_", x->name, ""),
                        need(ws, "soc_hydrogen_", x->name, "_mwh")};
    }
    for (size_t k = 0; k < nk; k++) {
        const au_heat_storage *x = &dh->storages[k];
        double e = ev(&x->energy_mwh, y), p = ev(&x->power_mw, y);
        hs[k] = (store){"heat store", e, p, p, x->p.eta_charge, x->p.eta_discharge,
                        x->p.self_discharge_per_h, x->p.soc_min * e, x->p.soc_max * e,
                        x->p.soc_initial * e, need(ws, "heat_out_storage_", x->name, ""),
                        need(ws, "heat_in_storage_", x->name, ""),
                        need(ws, "soc_heat_", x->name, "_mwh")};
    }
    const double *imp = need(ws, "el_in_import", "", ""), *uns = need(ws, "el_in_unserved", "", "");
    const double *exp_ = need(ws, "el_out_export", "", ""),
                 *cur = need(ws, "el_out_curtailment", "", "");
    const double *p2h = maybe(ws, "el_out_power_to_heat"), *dump = maybe(ws, "heat_out_dump");
    double imp_lim = ev(&s->import_limit_mw, y), exp_lim = ev(&s->export_limit_mw, y);
    /* network plants that must not run while heat is dumped, and the CHP heat */
    const double *hot[64];
    size_t n_hot = 0, n_hp = 0;
    for (size_t i = 0; i < dh->n_plants; i++) {
        au_dh_type t = dh->plants[i].type;
        if (t == AU_DH_HEAT_PUMP || t == AU_DH_GAS_BOILER || t == AU_DH_BIOMASS_BOILER ||
            t == AU_DH_ELECTRIC_BOILER) {
            ck_assert(n_hot < 64);
            hot[n_hot++] = need(ws, "heat_in_", dh->plants[i].name, "");
            n_hp += t == AU_DH_HEAT_PUMP;
        }
    }
    double chp_total[AU_HOURS] = {0};
    for (size_t i = 0; dh->present && i < s->n_plants; i++)
        if (s->plants[i].heat_efficiency > 0) {
            const double *q = need(ws, "heat_in_chp_", s->plants[i].name, "");
            for (int h = 0; h < AU_HOURS; h++)
                chp_total[h] += q[h];
        }

    for (int h = 0; h < AU_HOURS; h++) {
        for (size_t b = 0; b < nb; b++)
            check_store(&bat[b], ctx, h);
        for (size_t k = 0; k < nh; k++)
            check_store(&h2[k], ctx, h);
        for (size_t k = 0; k < nk; k++)
            check_store(&hs[k], ctx, h);
        if (imp[h] > TOL) {
            n->import_hours++;
            for (size_t b = 0; b < nb; b++) {
                EXPECT(bat[b].out[h] >= could_give(&bat[b], h) - TOL,
                              "%s hour %d: import %g MW while battery %zu gives %g of %g", ctx,
                              h, imp[h], b, bat[b].out[h], could_give(&bat[b], h));
                EXPECT(bat[b].in[h] <= TOL, "%s hour %d: battery charges while importing",
                              ctx, h);
            }
            for (size_t k = 0; k < nh; k++) {
                EXPECT(h2[k].out[h] >= could_give(&h2[k], h) - TOL,
                              "%s hour %d: import while the fuel cell could give more", ctx, h);
                EXPECT(h2[k].in[h] <= TOL, "%s hour %d: electrolysis while importing",
                              ctx, h);
            }
            EXPECT(p2h[h] <= TOL, "%s hour %d: power to heat while importing", ctx, h);
        }
        if (exp_[h] > TOL || cur[h] > TOL) {
            n->export_hours += exp_[h] > TOL;
            for (size_t b = 0; b < nb; b++)
                EXPECT(bat[b].in[h] >= could_take(&bat[b], h) - TOL,
                              "%s hour %d: export %g and curtailment %g MW while battery %zu "
                              "takes %g of %g", ctx, h, exp_[h], cur[h], b, bat[b].in[h],
                              could_take(&bat[b], h));
            for (size_t k = 0; k < nh; k++)
                EXPECT(h2[k].in[h] >= could_take(&h2[k], h) - TOL,
                              "%s hour %d: export while the electrolyser could take more", ctx,
                              h);
        }
        if (cur[h] > TOL) {
            n->curtail_hours++;
            EXPECT(fabs(exp_[h] - exp_lim) <= TOL,
                          "%s hour %d: curtailment %g MW below the export limit (export %g, "
                          "limit %g)", ctx, h, cur[h], exp_[h], exp_lim);
        }
        if (uns[h] > TOL) {
            n->unserved_hours++;
            EXPECT(fabs(imp[h] - imp_lim) <= TOL,
                          "%s hour %d: unserved %g MW below the import limit (import %g, "
                          "limit %g)", ctx, h, uns[h], imp[h], imp_lim);
        }
        if (dump[h] > TOL) {
            n->dump_hours++;
            for (size_t i = 0; i < n_hot; i++)
                EXPECT(hot[i][h] <= TOL,
                              "%s hour %d: %g MW of heat dumped while a heat pump, boiler or "
                              "power to heat gives %g MW", ctx, h, dump[h], hot[i][h]);
            for (size_t k = 0; k < nk; k++)
                EXPECT(hs[k].in[h] >= could_take(&hs[k], h) - TOL,
                              "%s hour %d: heat dumped while the heat store could take more",
                              ctx, h);
        }
        for (size_t b = 0; b < nb; b++)
            n->battery_hours += bat[b].in[h] > TOL || bat[b].out[h] > TOL;
        n->p2h_hours += p2h[h] > TOL;
        n->chp_hp_hours += chp_total[h] > TOL && n_hp > 0;
    }
    free(bat);
    free(h2);
    free(hs);
}

START_TEST(test_every_hour_follows_the_dispatch_rules)
{
    au_diags d;
    au_diags_init(&d);
    au_scenario *s = NULL;
    ck_assert_int_eq(au_scenario_load(au_test_path(files[_i]), &s, &d), AU_OK);
    au_demand_shapes *ds = NULL;
    ck_assert_int_eq(au_demand_shapes_build(s, &ds, &d), AU_OK);
    au_engine_ws *ws = au_engine_ws_alloc(s);
    ck_assert_ptr_nonnull(ws);
    counts n = {0};
    au_wsample *typical = NULL;
    au_profiles *p0 = NULL;
    ck_assert_int_eq(au_wsample_load(s, 0, &typical, &d), AU_OK);
    for (int k = 0; k <= 1; k++) {
        au_wsample *wsm = typical;
        au_profiles *p = NULL;
        if (k > 0)
            ck_assert_int_eq(au_wsample_load(s, k, &wsm, &d), AU_OK);
        ck_assert_int_eq(au_profiles_build(s, wsm, p0, &p, &d), AU_OK);
        for (int y = s->year_start; y <= s->year_end; y++) {
            au_year_result r;
            au_status st = au_engine_year(s, p, ds, typical->heating_dh_sum, y, ws, &r, &d);
            if (st != AU_OK)
                au_diags_print(&d, stderr);
            ck_assert_int_eq(st, AU_OK);
            check_year(s, ws, y, k, &n);
        }
        if (k == 0)
            p0 = p;
        else
            au_profiles_free(p);
        if (wsm != typical)
            au_wsample_free(wsm);
    }
    au_profiles_free(p0);
    printf("%s: rules held on 2 x %d years; hours with import %ld, export %ld, curtailment "
           "%ld, unserved %ld, heat dumped %ld, battery at work %ld, power to heat %ld, CHP "
           "heat beside heat pumps %ld\n", s->name, s->year_end - s->year_start + 1,
           n.import_hours, n.export_hours, n.curtail_hours, n.unserved_hours, n.dump_hours,
           n.battery_hours, n.p2h_hours, n.chp_hp_hours);
    /* the stress variants exist to exercise the rules */
    if (strcmp(s->name, "rules-tiny-import") == 0)
        ck_assert(n.unserved_hours > 0);
    if (strcmp(s->name, "rules-tiny-export") == 0)
        ck_assert(n.curtail_hours > 0);
    if (strcmp(s->name, "rules-slow-battery") == 0)
        ck_assert(n.battery_hours > 0);
    if (strcmp(s->name, "rules-power-to-heat") == 0)
        ck_assert(n.p2h_hours > 0 && n.dump_hours > 0 && n.chp_hp_hours > 0);
    au_wsample_free(typical);
    au_engine_ws_free(ws);
    au_demand_shapes_free(ds);
    au_scenario_free(s);
    au_diags_clear(&d);
}
END_TEST

static Suite *rules_suite(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("real_runs");
    tcase_set_timeout(tc, 600);
    tcase_add_loop_test(tc, test_every_hour_follows_the_dispatch_rules, 0, (int)N_FILES);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(rules_suite)
