/* scenario_load.c: the door of the model.  Reads a scenario (and the files it
 * extends), validates it against the schema, converts every value to internal
 * units, checks ranges and consistency, and builds an au_scenario.
 *
 * Order: well-formedness and extension chain (xml_read.c), then the schema
 * (schema.c), then the checks here.  Checks continue after a problem so that
 * one run reports as many problems as it can; nothing is built from a document
 * that failed the schema. */
#include "autonomy/scenario.h"
#include "autonomy/profile_read.h"
#include "autonomy/units.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include "lever.h"
#include "schema.h"
#include "xml_read.h"

/* Tolerance on the sum of the shares of a mix: shares are written with a few
 * digits ("33.3 %"), so a sum within 1e-6 of 1 is taken as 1. */
#define SHARE_SUM_TOL 1e-6

typedef struct range {
    double lo, hi;
    int lo_open, hi_open;
} range;

static const range R_ANY = {-INFINITY, INFINITY, 0, 0};
static const range R_NONNEG = {0, INFINITY, 0, 0};
static const range R_FRACTION = {0, 1, 0, 0};

typedef struct loader {
    au_diags *d;
    int errors;
    int y0, y1;             /* the horizon */
    const char *file;       /* the file the user named */
    const au_xml *x;        /* its chain of files, for blame() */
} loader;

/* ---- the numeric attributes (au_param), declared once ----
 *
 * Every numeric attribute of an element, in the order the loader reads it:
 * where it is written, its quantity, its range (internal units), and its
 * default.  load_params() reads an element's attributes from this table;
 * au_scenario_params() hands it to `autonomy help parameters` and the
 * tests.  A default is a number, or a value set before (a preset: `keep`),
 * or, with NAN, "none": the code then decides (the text says how). */
/* One X-macro entry per numeric attribute:
 *   X(element, attribute, dim, lo, hi, lo_open, hi_open, required, default,
 *     default in words, keep, struct, field)
 * with keep = 1 when an absent attribute keeps the value set before (a
 * preset).  The shorthands below fill the columns a kind of entry leaves. */
#define OPT(X, el, at, dim, lo, hi, lo_o, hi_o, def, type, field)                              \
    X(el, at, dim, lo, hi, lo_o, hi_o, 0, def, NULL, 0, type, field)
#define OPT_TEXT(X, el, at, dim, lo, hi, lo_o, hi_o, text, type, field)                        \
    X(el, at, dim, lo, hi, lo_o, hi_o, 0, NAN, text, 0, type, field)
#define REQ(X, el, at, dim, lo, hi, lo_o, hi_o, type, field)                                   \
    X(el, at, dim, lo, hi, lo_o, hi_o, 1, NAN, NULL, 0, type, field)
#define KEEP(X, el, at, dim, lo, hi, lo_o, hi_o, text, type, field)                            \
    X(el, at, dim, lo, hi, lo_o, hi_o, 0, NAN, text, 1, type, field)
/* the six parameters of a battery, on top of its chemistry's preset */
#define STORE_PARAMS(X, el, text)                                                               \
    KEEP(X, el, "charge-efficiency", AU_DIM_FRACTION, 0, 1, 1, 0, text, au_storage_params,      \
         eta_charge)                                                                            \
    KEEP(X, el, "discharge-efficiency", AU_DIM_FRACTION, 0, 1, 1, 0, text, au_storage_params,   \
         eta_discharge)                                                                         \
    KEEP(X, el, "self-discharge", AU_DIM_HOURLY_RATE, 0, 1, 0, 1, text, au_storage_params,      \
         self_discharge_per_h)                                                                  \
    KEEP(X, el, "min-soc", AU_DIM_FRACTION, 0, 1, 0, 0, text, au_storage_params, soc_min)      \
    KEEP(X, el, "max-soc", AU_DIM_FRACTION, 0, 1, 0, 0, text, au_storage_params, soc_max)      \
    KEEP(X, el, "initial-soc", AU_DIM_FRACTION, 0, 1, 0, 0, text, au_storage_params,           \
         soc_initial)

#define PARAMS(X)                                                                                  \
    OPT(X, "territory", "latitude", AU_DIM_ANGLE, -90, 90, 0, 0, 0, au_territory, latitude_deg)    \
    OPT(X, "territory", "longitude", AU_DIM_ANGLE, -180, 180, 0, 0, 0, au_territory,               \
        longitude_deg)                                                                             \
    OPT(X, "territory", "elevation", AU_DIM_LENGTH, -INFINITY, INFINITY, 0, 0, 0, au_territory,    \
        elevation_m)                                                                               \
    OPT(X, "territory", "utc-offset", AU_DIM_HOURS, -12, 14, 0, 0, 0, au_territory, utc_offset_h)  \
    OPT_TEXT(X, "weather", "utc-offset", AU_DIM_HOURS, -12, 14, 0, 0,                              \
             "the file's own zone (EPW), UTC (PVGIS, CSV), the territory's (synthetic)",           \
             au_weather_spec, utc_offset_h)                                                        \
    OPT(X, "heat-supply/mix/share", "efficiency", AU_DIM_FRACTION, 0, 1, 1, 0, 1.0, au_mix_share,  \
        efficiency)                                                                                \
    /* MODEL.md §4: low-temperature emitters of a heat pump's building */                          \
    OPT(X, "heat-supply/mix/share", "supply-temperature", AU_DIM_TEMPERATURE, 20, 120, 0, 0, 45.0, \
        au_mix_share, supply_temp_c)                                                               \
    /* the climate the annual space heating is given for (MODEL.md §4): at                         \
     * most 20,000 K·day, a little above the coldest inhabited places */                           \
    OPT_TEXT(X, "demand", "reference-degree-days", AU_DIM_DEGREE_DAYS, 0, 20000, 1, 0,             \
             "the synthetic typical year's at the territory", au_scenario,                         \
             reference_degree_days)                                                                \
    OPT(X, "district-heating", "losses", AU_DIM_FRACTION, 0, 1, 0, 1, 0.0, au_district_heating,    \
        losses)                                                                                    \
    OPT(X, "district-heating/plant", "efficiency", AU_DIM_FRACTION, 0, 1, 1, 0, 1.0, au_dh_plant,  \
        efficiency)                                                                                \
    OPT_TEXT(X, "district-heating/plant", "source-temperature", AU_DIM_TEMPERATURE, -30, 200, 0, 0,\
             "heat pumps: the outdoor air", au_dh_plant, source_temp_c)                            \
    OPT(X, "district-heating/plant", "supply-temperature", AU_DIM_TEMPERATURE, -30, 200, 0, 0,     \
        80.0,                                                                                      \
        au_dh_plant, supply_temp_c)                                                                \
    /* estimate: a pressurised hot-water tank loses little in a day and                            \
     * almost nothing on the way in and out (0.99, 0.99, 0.05 %/h, 0-1,                            \
     * half full); to be sourced with the engine (issue 4) */                                      \
    OPT(X, "district-heating/heat-storage", "charge-efficiency", AU_DIM_FRACTION, 0, 1, 1, 0,      \
        0.99, au_storage_params, eta_charge)                                                       \
    OPT(X, "district-heating/heat-storage", "discharge-efficiency", AU_DIM_FRACTION, 0, 1, 1, 0,   \
        0.99, au_storage_params, eta_discharge)                                                    \
    OPT(X, "district-heating/heat-storage", "self-discharge", AU_DIM_HOURLY_RATE, 0, 1, 0, 1,      \
        0.0005, au_storage_params, self_discharge_per_h)                                           \
    OPT(X, "district-heating/heat-storage", "min-soc", AU_DIM_FRACTION, 0, 1, 0, 0, 0.0,           \
        au_storage_params, soc_min)                                                                \
    OPT(X, "district-heating/heat-storage", "max-soc", AU_DIM_FRACTION, 0, 1, 0, 0, 1.0,           \
        au_storage_params, soc_max)                                                                \
    OPT(X, "district-heating/heat-storage", "initial-soc", AU_DIM_FRACTION, 0, 1, 0, 0, 0.5,       \
        au_storage_params, soc_initial)                                                            \
    REQ(X, "generation/pv", "tilt", AU_DIM_ANGLE, 0, 90, 0, 0, au_pv, tilt_deg)                    \
    REQ(X, "generation/pv", "azimuth", AU_DIM_ANGLE, 0, 360, 0, 0, au_pv, azimuth_deg)             \
    /* MODEL.md §3 (PVWatts' defaults) */                                                          \
    OPT(X, "generation/pv", "losses", AU_DIM_FRACTION, 0, 1, 0, 1, 0.14, au_pv, losses)            \
    OPT(X, "generation/pv", "inverter-efficiency", AU_DIM_FRACTION, 0, 1, 1, 0, 0.96, au_pv,       \
        inverter_efficiency)                                                                       \
    OPT(X, "generation/pv", "dc-ac-ratio", AU_DIM_NUMBER, 0.5, 3, 0, 0, 1.2, au_pv, dc_ac_ratio)   \
    OPT(X, "generation/pv", "temperature-coefficient", AU_DIM_TEMP_COEFF, -0.02, 0.0, 0, 0,        \
        -0.0037,                                                                                   \
        au_pv, gamma_per_k)                                                                        \
    OPT(X, "generation/pv", "albedo", AU_DIM_FRACTION, 0, 1, 0, 0, 0.2, au_pv, albedo)             \
    REQ(X, "generation/wind", "hub-height", AU_DIM_LENGTH, 0, 300, 1, 0, au_wind, hub_height_m)    \
    OPT_TEXT(X, "generation/wind", "shear-exponent", AU_DIM_NUMBER, 0, 1, 0, 0,                    \
             "1/7 (Hellmann), unless roughness is given", au_wind, shear_exponent)                 \
    OPT_TEXT(X, "generation/wind", "roughness", AU_DIM_LENGTH, 0, 5, 1, 0,                         \
             "none (the shear exponent applies)", au_wind, roughness_m)                            \
    OPT(X, "generation/wind", "losses", AU_DIM_FRACTION, 0, 1, 0, 1, 0.0, au_wind, losses)         \
    OPT_TEXT(X, "generation/wind", "capacity-factor", AU_DIM_FRACTION, 0, 1, 1, 1,                 \
             "none (the weather's wind as it is)", au_wind, target_capacity_factor)                \
    /* at most 2,000 km: Western Europe */                                                         \
    OPT(X, "generation/wind", "spread", AU_DIM_LENGTH, 0, 2.0e6, 0, 0, 0.0, au_wind, spread_m)     \
    /* a generic curve, typical of onshore turbines of 2-4 MW */                                   \
    OPT(X, "generation/wind/power-curve", "cut-in", AU_DIM_SPEED, 0, 60, 0, 0, 3.0, au_wind,       \
        cut_in_m_s)                                                                                \
    OPT(X, "generation/wind/power-curve", "rated", AU_DIM_SPEED, 0, 60, 0, 0, 12.0, au_wind,       \
        rated_m_s)                                                                                 \
    OPT(X, "generation/wind/power-curve", "cut-out", AU_DIM_SPEED, 0, 60, 0, 0, 25.0, au_wind,     \
        cut_out_m_s)                                                                               \
    REQ(X, "generation/plant", "electric-efficiency", AU_DIM_FRACTION, 0, 1, 1, 0, au_plant,       \
        electric_efficiency)                                                                       \
    OPT(X, "generation/plant", "heat-efficiency", AU_DIM_FRACTION, 0, 1, 0, 0, 0.0, au_plant,      \
        heat_efficiency)                                                                           \
    STORE_PARAMS(X, "storage/battery", "the chemistry's preset (docs/physics.md)")                 \
    /* estimate, to be sourced with the engine (issue 4): alkaline                                 \
     * electrolysis about 65 % (LHV), fuel cell about 50 % */                                      \
    OPT(X, "storage/hydrogen", "electrolyser-efficiency", AU_DIM_FRACTION, 0, 1, 1, 0, 0.65,       \
        au_hydrogen, electrolyser_efficiency)                                                      \
    OPT(X, "storage/hydrogen", "fuel-cell-efficiency", AU_DIM_FRACTION, 0, 1, 1, 0, 0.50,          \
        au_hydrogen, fuel_cell_efficiency)                                                         \
    OPT(X, "storage/hydrogen", "initial-soc", AU_DIM_FRACTION, 0, 1, 0, 0, 0.5, au_hydrogen,       \
        soc_initial)                                                                               \
    /* a real rate: above -100 % (money kept loses all its value), below 100 % */                \
    OPT(X, "costs", "discount-rate", AU_DIM_FRACTION, -1, 1, 1, 1, 0.0, au_scenario,             \
        discount_rate)                                                                             \
    REQ(X, "costs/technology", "lifetime", AU_DIM_YEARS, 1, 200, 0, 0, au_tech_cost, lifetime_yr)  \
    REQ(X, "demand/*/mobility/drivetrain", "consumption", AU_DIM_SPECIFIC_USE, 0, 10, 1, 0,        \
        au_drivetrain, kwh_per_km)                                                                 \
    REQ(X, "autonomy", "threshold", AU_DIM_FRACTION, 0, 10, 1, 0, au_criterion, threshold)         \
    OPT(X, "autonomy", "confidence", AU_DIM_FRACTION, 0, 1, 1, 0, 0.9, au_criterion, confidence)   \
    /* end of PARAMS */

#define PARAM_PUBLIC(el, at, dim, lo, hi, lo_o, hi_o, req, def, text, keep, type, field)        \
    {el, at, dim, lo, hi, lo_o, hi_o, req, def, text},
#define PARAM_OFFSET(el, at, dim, lo, hi, lo_o, hi_o, req, def, text, keep, type, field)        \
    offsetof(type, field),
#define PARAM_KEEP(el, at, dim, lo, hi, lo_o, hi_o, req, def, text, keep, type, field) keep,
static const au_param param_list[] = {PARAMS(PARAM_PUBLIC)};
static const size_t param_offset[] = {PARAMS(PARAM_OFFSET)};
static const int param_keep[] = {PARAMS(PARAM_KEEP)};
#define N_PARAMS (sizeof param_list / sizeof param_list[0])

size_t au_scenario_params(const au_param **out)
{
    *out = param_list;
    return N_PARAMS;
}

static void err(loader *L, const void *node, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void err(loader *L, const void *node, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    au_src s = au_xml_src(node);
    au_diags_add(L->d, s.line > 0 ? s.file : L->file, s.line, "%s", buf);
    L->errors++;
}

/* How derived the file that wrote node is: 0 for a value a batch
 * substituted, 1 for the file the user named, 2 for the file it extends,
 * ...; SIZE_MAX when unknown. */
static size_t chain_rank(const loader *L, const void *node)
{
    au_src s = au_xml_src(node);
    if (s.line <= 0 || s.file == NULL || L->x == NULL)
        return SIZE_MAX;
    for (size_t i = 0; i < L->x->n_files; i++)
        if (s.file == L->x->files[i] || strcmp(s.file, L->x->files[i]) == 0)
            return i + 1;
    return 0;
}

/* Keeps node when its file is more derived than *best's, or as derived and
 * written further down (the edit rather than the element it sits in). */
static void blame_keep(const loader *L, const void *node, const void **best, size_t *rank)
{
    size_t r = chain_rank(L, node);
    if (r < *rank || (r == *rank && r != SIZE_MAX &&
                      au_xml_src(node).line > au_xml_src(*best).line))
        *best = node, *rank = r;
}

static void blame_walk(const loader *L, xmlNodePtr el, const void **best, size_t *rank)
{
    for (xmlAttrPtr a = el->properties; a != NULL; a = a->next)
        blame_keep(L, a, best, rank);
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        blame_keep(L, c, best, rank);
        blame_walk(L, c, best, rank);
    }
}

/* The node a problem of el as a whole (shares that do not add up) is
 * blamed on: el, or what the most derived file of the chain wrote in it (a
 * variant's edited share), so that the message names the line that caused
 * it. */
static const void *blame(const loader *L, xmlNodePtr el)
{
    const void *best = el;
    size_t rank = chain_rank(L, el);
    blame_walk(L, el, &best, &rank);
    /* el's own lines win a tie: a file that wrote the whole element */
    return chain_rank(L, el) == rank ? (const void *)el : best;
}

/* ---- small DOM helpers ---- */

static int is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

static xmlNodePtr next_el(xmlNodePtr n)
{
    while (n != NULL && n->type != XML_ELEMENT_NODE)
        n = n->next;
    return n;
}

#define FOR_CHILDREN(c, el) \
    for (xmlNodePtr c = next_el((el)->children); c != NULL; c = next_el(c->next))

static xmlNodePtr child(xmlNodePtr el, const char *name)
{
    if (el == NULL)
        return NULL;
    FOR_CHILDREN(c, el)
        if (is(c, name))
            return c;
    return NULL;
}

static size_t count(xmlNodePtr el, const char *name)
{
    size_t n = 0;
    if (el == NULL)
        return 0;
    FOR_CHILDREN(c, el)
        n += is(c, name);
    return n;
}

/* An attribute's value, or NULL; the pointer lives as long as the document. */
static const char *prop(xmlNodePtr el, const char *name)
{
    xmlAttrPtr a = xmlHasProp(el, (const xmlChar *)name);
    if (a == NULL)
        return NULL;
    if (a->children == NULL)
        return "";
    return (const char *)a->children->content;
}

static xmlAttrPtr prop_node(xmlNodePtr el, const char *name)
{
    return xmlHasProp(el, (const xmlChar *)name);
}

static char *dup_prop(xmlNodePtr el, const char *name)
{
    const char *v = prop(el, name);
    return v ? strdup(v) : NULL;
}

/* The element's own text (not its children's), trimmed, as a new string. */
static char *own_text(xmlNodePtr el)
{
    size_t len = 0;
    for (xmlNodePtr c = el->children; c != NULL; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            len += strlen((const char *)c->content);
    char *s = malloc(len + 1), *p = s;
    if (s == NULL)
        return NULL;
    for (xmlNodePtr c = el->children; c != NULL; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            size_t n = strlen((const char *)c->content);
            memcpy(p, c->content, n);
            p += n;
        }
    *p = '\0';
    char *b = s;
    while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r')
        b++;
    size_t n = strlen(b);
    while (n > 0 && (b[n - 1] == ' ' || b[n - 1] == '\t' || b[n - 1] == '\n' || b[n - 1] == '\r'))
        n--;
    memmove(s, b, n);
    s[n] = '\0';
    return s;
}

/* ---- values ---- */

static void describe(const range *r, char *out, size_t len)
{
    char lo[64] = "", hi[64] = "";
    if (isfinite(r->lo))
        snprintf(lo, sizeof lo, "%s %g", r->lo_open ? "more than" : "at least", r->lo);
    if (isfinite(r->hi))
        snprintf(hi, sizeof hi, "%s %g", r->hi_open ? "less than" : "at most", r->hi);
    if (lo[0] && hi[0])
        snprintf(out, len, "%s and %s", lo, hi);
    else if (r->lo == 0 && !r->lo_open && !hi[0])
        snprintf(out, len, "0 or more");
    else
        snprintf(out, len, "%s%s", lo, hi);
}

void au_param_describe(const au_param *p, char *range_text, size_t range_len, char *def,
                       size_t def_len)
{
    const range r = {p->lo, p->hi, p->lo_open, p->hi_open};
    const char *unit = au_dim_internal_unit(p->dim);
    describe(&r, range_text, range_len);
    if (range_text[0] == '\0')
        snprintf(range_text, range_len, "any value");
    if (p->required)
        snprintf(def, def_len, "required");
    else if (p->def_text != NULL)
        snprintf(def, def_len, "%s", p->def_text);
    else
        snprintf(def, def_len, "%g%s%s", p->def, unit[0] ? " " : "", unit);
}

static int in_range(loader *L, const void *node, const char *what, const char *text, double v,
                    const range *r)
{
    char expected[160];
    const char *problem = NULL;
    if (v < r->lo || (r->lo_open && v == r->lo))
        problem = (r->lo == 0 && !r->lo_open) ? "is negative"
                  : (r->lo == 0)              ? "is not positive"
                                              : "is too small";
    else if (v > r->hi || (r->hi_open && v == r->hi))
        problem = (r->hi == 1) ? (r->hi_open ? "is not below 1" : "is above 1") : "is too large";
    if (problem == NULL)
        return 1;
    describe(r, expected, sizeof expected);
    err(L, node, "%s '%s' %s (expected %s)", what, text, problem, expected);
    return 0;
}

/* No quantity of a territory's energy system is larger than 1e12 in its
 * internal unit (MWh: a million TWh, several times the world's yearly
 * energy; MW, EUR/MW, km, ...), nor nearer 0 than 1e-12 unless it is 0.
 * Inside these bounds a product or quotient of a few quantities can neither
 * overflow a double nor fall below its normal range, so a result that is not
 * finite is a bug, not an input: a boiler efficiency of 1e-310 passed the
 * range check (more than 0) and made the heat infinite, a growth of
 * 1e10 %/yr made demand 1e243 MWh. */
#define QUANTITY_MAX 1e12
#define QUANTITY_MIN 1e-12

/* NULL when v is 0 or of a magnitude the model computes with; else what is
 * wrong, and in expected what was (in the internal unit of dim). */
static const char *magnitude_problem(double v, au_dim dim, const range *r, char *expected,
                                     size_t n)
{
    const char *unit = au_dim_internal_unit(dim);
    const char *sp = unit[0] ? " " : "";
    if (v == 0 || (fabs(v) >= QUANTITY_MIN && fabs(v) <= QUANTITY_MAX))
        return NULL;
    if (fabs(v) > QUANTITY_MAX) {
        snprintf(expected, n, "at most %g%s%s in magnitude, more than any territory's",
                 QUANTITY_MAX, sp, unit);
        return "is too large for the model";
    }
    int zero_ok = r->lo <= 0 && r->hi >= 0 && !(r->lo == 0 && r->lo_open) &&
                  !(r->hi == 0 && r->hi_open);
    snprintf(expected, n, "%sa magnitude of at least %g%s%s", zero_ok ? "0 or " : "",
             QUANTITY_MIN, sp, unit);
    return "is too near 0 for the model";
}

static int in_magnitude(loader *L, const void *node, const char *what, const char *text,
                        double v, au_dim dim, const range *r)
{
    char expected[160];
    const char *problem = magnitude_problem(v, dim, r, expected, sizeof expected);
    if (problem == NULL)
        return 1;
    err(L, node, "%s '%s' %s (expected %s)", what, text, problem, expected);
    return 0;
}

/* Parses text as a quantity of dimension dim within r; reports at node. */
static int value(loader *L, const void *node, const char *what, const char *text, au_dim dim,
                 const range *r, double *out)
{
    char why[512];
    double v;
    if (au_quantity_parse(text, dim, &v, why, sizeof why) != AU_OK) {
        err(L, node, "%s %s", what, why);
        return 0;
    }
    if (!in_range(L, node, what, text, v, r) || !in_magnitude(L, node, what, text, v, dim, r))
        return 0;
    *out = v;
    return 1;
}

/* An optional attribute with a unit; *out = def when absent. */
static int q_attr(loader *L, xmlNodePtr el, const char *name, au_dim dim, const range *r,
                  double def, double *out)
{
    const char *t = prop(el, name);
    if (t == NULL) {
        *out = def;
        return 1;
    }
    return value(L, prop_node(el, name), name, t, dim, r, out);
}

/* Reads the numeric attributes of `element` (the table's path) from el into
 * the struct at obj, in the table's order; with el NULL (an optional element
 * left out), sets the defaults. */
static void load_params(loader *L, xmlNodePtr el, const char *element, void *obj)
{
    for (size_t i = 0; i < N_PARAMS; i++) {
        const au_param *p = &param_list[i];
        if (strcmp(p->element, element) != 0)
            continue;
        double *out = (double *)((char *)obj + param_offset[i]);
        const range r = {p->lo, p->hi, p->lo_open, p->hi_open};
        if (el == NULL) {
            if (!p->required && !param_keep[i])
                *out = p->def;
        } else if (p->required) {
            value(L, prop_node(el, p->attribute), p->attribute, prop(el, p->attribute), p->dim,
                  &r, out);
        } else {
            q_attr(L, el, p->attribute, p->dim, &r, param_keep[i] ? *out : p->def, out);
        }
    }
}

static int year_attr(loader *L, xmlNodePtr el, const char *name, int *out)
{
    const char *t = prop(el, name);
    char *end;
    if (t == NULL) {
        err(L, el, "<%s> lacks the attribute '%s' (expected a year)", (const char *)el->name, name);
        return 0;
    }
    long y = strtol(t, &end, 10);
    if (end == t || *end != '\0' || y < 1900 || y > 2200) {
        err(L, prop_node(el, name), "%s '%s' is not a year (expected a year such as 2030)", name, t);
        return 0;
    }
    *out = (int)y;
    return 1;
}

/* A yearly quantity written in element el (MODEL.md §7).  With remainder
 * non-NULL, the word "remainder" is accepted and sets *remainder. */
static int yearly_el(loader *L, xmlNodePtr el, const char *what, au_dim dim, const range *r,
                     au_traj *out, int *remainder)
{
    int ok = 1;
    char *text = own_text(el);
    xmlNodePtr first = next_el(el->children);
    memset(out, 0, sizeof *out);
    if (remainder)
        *remainder = 0;
    if (text == NULL) {
        err(L, el, "out of memory");
        return 0;
    }
    if (text[0] != '\0' && first != NULL) {
        err(L, el, "<%s> has both a value and a trajectory (expected one of them)", what);
        ok = 0;
    } else if (text[0] != '\0') {
        double v;
        if (remainder != NULL && strcmp(text, "remainder") == 0) {
            *remainder = 1;
        } else if (value(L, el, what, text, dim, r, &v)) {
            *out = au_traj_constant(v);
        } else {
            ok = 0;
        }
    } else if (first == NULL) {
        err(L, el, "<%s> has no value (expected %s in %s, or a trajectory: <at>, <logistic> "
                   "or <growth>)", what, au_dim_name(dim), au_dim_units(dim));
        ok = 0;
    } else if (is(first, "at")) {
        size_t n = count(el, "at"), i = 0;
        double *years = calloc(n, sizeof *years), *vals = calloc(n, sizeof *vals);
        if (years == NULL || vals == NULL) {
            err(L, el, "out of memory");
            ok = 0;
        }
        FOR_CHILDREN(c, el) {
            int y;
            if (!ok || !is(c, "at"))
                continue;
            char *t = own_text(c);
            if (!year_attr(L, c, "year", &y)) {
                ok = 0;
            } else if (i > 0 && y <= years[i - 1]) {
                err(L, c, "milestone year %d does not come after %d (expected years in "
                          "increasing order)", y, (int)years[i - 1]);
                ok = 0;
            } else if (y < L->y0 || y > L->y1) {
                err(L, c, "milestone year %d is outside the horizon %d-%d (expected a year "
                          "from %d to %d)", y, L->y0, L->y1, L->y0, L->y1);
                ok = 0;
            } else if (t == NULL || !value(L, c, what, t, dim, r, &vals[i])) {
                ok = 0;
            } else {
                years[i++] = y;
            }
            free(t);
        }
        if (ok && au_traj_milestones(out, n, years, vals) != AU_OK) {
            err(L, el, "out of memory");
            ok = 0;
        }
        free(years);
        free(vals);
    } else if (is(first, "logistic")) {
        double from = 0, to = 0, k = 0;
        int mid = 0;
        ok = value(L, prop_node(first, "from"), what, prop(first, "from"), dim, r, &from) &
             value(L, prop_node(first, "to"), what, prop(first, "to"), dim, r, &to) &
             year_attr(L, first, "midpoint", &mid) &
             value(L, prop_node(first, "steepness"), "steepness", prop(first, "steepness"),
                   AU_DIM_ANNUAL_RATE, &R_ANY, &k);
        if (ok && k == 0) {
            err(L, first, "steepness is 0 (expected a rate such as 0.3 /yr)");
            ok = 0;
        }
        if (ok)
            *out = au_traj_logistic(from, to, mid, k);
    } else if (is(first, "growth")) {
        double from = 0, rate = 0;
        int base = 0;
        static const range rate_range = {-1, INFINITY, 1, 0};
        ok = value(L, prop_node(first, "from"), what, prop(first, "from"), dim, r, &from) &
             year_attr(L, first, "base-year", &base) &
             value(L, prop_node(first, "rate"), "rate", prop(first, "rate"), AU_DIM_ANNUAL_RATE,
                   &rate_range, &rate);
        if (ok) {
            /* from and rate are each in range, but compounded over the
             * years between the base year and the horizon they may not be */
            *out = au_traj_growth(from, base, rate);
            for (int y = L->y0; y <= L->y1 && ok; y++) {
                double v = au_traj_eval(out, y);
                char expected[160] = "";
                const char *problem = NULL;
                if (!isfinite(v)) {
                    problem = "is not finite";
                    snprintf(expected, sizeof expected, "a finite quantity");
                } else if (v < r->lo || (r->lo_open && v == r->lo) || v > r->hi ||
                           (r->hi_open && v == r->hi)) {
                    problem = "is out of range";
                    describe(r, expected, sizeof expected);
                } else {
                    problem = magnitude_problem(v, dim, r, expected, sizeof expected);
                }
                if (problem != NULL) {
                    const char *unit = au_dim_internal_unit(dim);
                    err(L, first, "<%s>: the growth from '%s' at '%s' makes %g%s%s in %d, which "
                        "%s (expected %s, in every year of the horizon %d-%d: a smaller rate, "
                        "or a base year nearer the horizon)", what, prop(first, "from"),
                        prop(first, "rate"), v, unit[0] ? " " : "", unit, y, problem, expected,
                        L->y0, L->y1);
                    ok = 0;
                }
            }
        }
    } else {
        err(L, first, "<%s> is not a trajectory form (expected <at>, <logistic> or <growth>)",
            (const char *)first->name);
        ok = 0;
    }
    free(text);
    if (!ok)
        au_traj_free(out);
    return ok;
}

/* The yearly quantity in child `name` of el; UNSET and fine when absent and
 * not required. */
static int yearly(loader *L, xmlNodePtr el, const char *name, au_dim dim, const range *r,
                  au_traj *out, int required)
{
    xmlNodePtr c = child(el, name);
    memset(out, 0, sizeof *out);
    if (c == NULL) {
        if (required)
            err(L, el, "<%s> lacks <%s> (expected %s)", (const char *)el->name, name,
                au_dim_name(dim));
        return !required;
    }
    return yearly_el(L, c, name, dim, r, out, NULL);
}

/* A word from a fixed list; returns its index, or -1 after reporting. */
static int word(loader *L, xmlNodePtr el, const char *name, const char *const *words, size_t n,
                int def)
{
    const char *t = prop(el, name);
    if (t == NULL)
        return def;
    for (size_t i = 0; i < n; i++)
        if (strcmp(t, words[i]) == 0)
            return (int)i;
    char list[512] = "";
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", words[i]);
    }
    err(L, prop_node(el, name), "%s '%s' is not known (expected one of %s)", name, t, list);
    return -1;
}

/* A file named by attribute `name` of el, resolved against the file that
 * wrote the attribute; checked to be a readable regular file. */
static char *file_attr(loader *L, xmlNodePtr el, const char *name, const char *what)
{
    const char *t = prop(el, name);
    struct stat st;
    if (t == NULL)
        return NULL;
    xmlAttrPtr a = prop_node(el, name);
    char *path = au_path_resolve(au_xml_src(a).file, t);
    if (path == NULL) {
        err(L, a, "out of memory");
        return NULL;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) { /* never opened: a pipe would wait */
        err(L, a, "%s file '%s' is not a regular file (expected a readable %s file, named "
                  "relative to this scenario file)", what, t, what);
        free(path);
        return NULL;
    }
    if (stat(path, &st) != 0 || access(path, R_OK) != 0) {
        err(L, a, "%s file '%s' does not exist or cannot be read (expected a readable %s file, "
                  "named relative to this scenario file)", what, t, what);
        free(path);
        return NULL;
    }
    return path;
}

/* ---- sections ---- */

static const char *const sector_words[] = {"residential", "tertiary", "industry", "transport",
                                           "agriculture"};
static const char *const carrier_words[] = {"electricity", "heat", "gas", "oil",
                                            "biomass", "biogas", "hydrogen"};
static const char *const heat_words[] = {"gas-boiler", "oil-boiler", "wood-boiler",
                                         "direct-electric", "heat-pump", "district-heating"};

const char *au_sector_name(au_sector s)
{
    return (unsigned)s < AU_SECTOR_COUNT ? sector_words[s] : "?";
}

const char *au_carrier_name(au_carrier c)
{
    return (unsigned)c < AU_CARRIER_COUNT ? carrier_words[c] : "?";
}

const char *au_heat_tech_name(au_heat_tech t)
{
    return (unsigned)t < AU_HEAT_COUNT ? heat_words[t] : "?";
}

static const char *const tech_words[AU_TECH_COUNT] = {
    "pv", "wind", "battery", "electrolyser", "fuel-cell", "hydrogen-tank",
    "heat-storage", "heat-pump", "electric-boiler", "boiler", "plant", "geothermal"};

const char *au_tech_name(au_tech t)
{
    return (unsigned)t < AU_TECH_COUNT ? tech_words[t] : "?";
}

#define NWORDS(a) (sizeof(a) / sizeof((a)[0]))

static void load_territory(loader *L, xmlNodePtr el, au_scenario *s)
{
    au_territory *t = &s->territory;
    t->name = dup_prop(el, "name");
    load_params(L, el, "territory", t);
    yearly(L, el, "population", AU_DIM_NUMBER, &R_NONNEG, &t->population, 1);
}

static void load_weather(loader *L, xmlNodePtr el, au_scenario *s)
{
    static const char *const src[] = {"synthetic", "epw", "pvgis-epw", "pvgis-csv", "csv",
                                       "years"};
    au_weather_spec *w = &s->weather;
    w->source = AU_WEATHER_SYNTHETIC;
    w->utc_offset_h = NAN;
    if (el == NULL)
        return;
    int k = word(L, el, "source", src, NWORDS(src), 0);
    if (k >= 0)
        w->source = (au_weather_source)k;
    const char *seed = prop(el, "seed"), *samples = prop(el, "samples");
    if (seed != NULL)
        w->seed = strtoul(seed, NULL, 10);
    if (samples != NULL) {
        long n = strtol(samples, NULL, 10);
        if (n < 0 || n > 100000)
            err(L, prop_node(el, "samples"), "samples '%s' is out of range (expected 0 to 100000)",
                samples);
        else
            w->samples = (int)n;
    }
    load_params(L, el, "weather", w);
    size_t n_years = count(el, "year");
    if (n_years > 0 && (w->source != AU_WEATHER_YEARS || prop(el, "file") != NULL)) {
        err(L, el, "weather has <year> files with %s (expected them only with "
                   "source=\"years\" and no file=\"...\": a series in one file, or one file a "
                   "year)", w->source != AU_WEATHER_YEARS ? "another source" : "a file");
        return;
    }
    if (n_years > 0) {
        w->year_files = calloc(n_years, sizeof *w->year_files);
        if (w->year_files == NULL) {
            err(L, el, "out of memory");
            return;
        }
        FOR_CHILDREN(c, el) {
            if (!is(c, "year"))
                continue;
            char *path = file_attr(L, c, "file", "weather");
            if (path == NULL)
                continue;
            w->year_files[w->n_year_files++] = path;
            size_t n = strlen(path);
            const char *ext = n >= 4 ? path + n - 4 : "";
            if (strcasecmp(ext, ".epw") != 0 && strcasecmp(ext, ".csv") != 0)
                err(L, prop_node(c, "file"), "weather file '%s' is neither .epw nor .csv "
                                            "(expected an EPW, a PVGIS TMY or a plain hourly CSV "
                                            "of one year)", prop(c, "file"));
        }
        return;
    }
    if (w->source != AU_WEATHER_SYNTHETIC) {
        if (prop(el, "file") == NULL)
            err(L, el, "weather source '%s' needs a file (expected file=\"...\")", src[w->source]);
        else
            w->file = file_attr(L, el, "file", "weather");
    }
}

/* Checks that shares (some of which may be "remainder") sum to 1 every year. */
static void check_shares(loader *L, xmlNodePtr el, const char *what, const char *name,
                         size_t n, const au_traj *const *shares, const int *remainder)
{
    int n_rem = 0;
    for (size_t i = 0; i < n; i++)
        n_rem += remainder[i];
    if (n_rem > 1) {
        err(L, el, "%s '%s' has %d shares written 'remainder' (expected at most one)", what, name,
            n_rem);
        return;
    }
    for (int y = L->y0; y <= L->y1; y++) {
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            if (!remainder[i])
                sum += au_traj_eval(shares[i], y);
        if (n_rem == 1 && sum > 1 + SHARE_SUM_TOL) {
            err(L, blame(L, el), "the shares of %s '%s' add up to %.6g in %d, leaving nothing for the "
                       "remainder (expected at most 1)", what, name, sum, y);
            return;
        }
        if (n_rem == 0 && fabs(sum - 1) > SHARE_SUM_TOL) {
            err(L, blame(L, el), "the shares of %s '%s' add up to %.6g in %d (expected 1; or write one "
                       "share as 'remainder')", what, name, sum, y);
            return;
        }
    }
}

static void load_mixes(loader *L, xmlNodePtr el, au_scenario *s)
{
    static const char *const hp_src[] = {"air", "ground", "water"};
    size_t n = count(el, "mix");
    if (n == 0)
        return;
    s->heat_mixes = calloc(n, sizeof *s->heat_mixes);
    if (s->heat_mixes == NULL) {
        err(L, el, "out of memory");
        return;
    }
    FOR_CHILDREN(m, el) {
        if (!is(m, "mix"))
            continue;
        au_heat_mix *hm = &s->heat_mixes[s->n_heat_mixes++];
        hm->name = dup_prop(m, "name");
        hm->line = au_xml_src(m).line;
        size_t k = count(m, "share");
        hm->shares = calloc(k ? k : 1, sizeof *hm->shares);
        const au_traj **tr = calloc(k ? k : 1, sizeof *tr);
        int *rem = calloc(k ? k : 1, sizeof *rem);
        int ok = hm->shares && tr && rem;
        FOR_CHILDREN(c, m) {
            if (!ok || !is(c, "share"))
                continue;
            au_mix_share *sh = &hm->shares[hm->n_shares];
            int t = word(L, c, "tech", heat_words, NWORDS(heat_words), -1);
            sh->tech = t < 0 ? AU_HEAT_GAS_BOILER : (au_heat_tech)t;
            sh->line = au_xml_src(c).line;
            ok &= yearly_el(L, c, "share", AU_DIM_FRACTION, &R_FRACTION, &sh->share, &sh->remainder);
            int hs = word(L, c, "source", hp_src, NWORDS(hp_src), 0);
            sh->hp_source = hs < 0 ? AU_HP_SOURCE_AIR : (au_hp_source)hs;
            load_params(L, c, "heat-supply/mix/share", sh);
            tr[hm->n_shares] = &sh->share;
            rem[hm->n_shares] = sh->remainder;
            hm->n_shares++;
        }
        if (ok)
            check_shares(L, m, "mix", hm->name ? hm->name : "?", hm->n_shares, tr, rem);
        else if (!(hm->shares && tr && rem))
            err(L, m, "out of memory");
        free(tr);
        free(rem);
    }
}

static int mix_index(const au_scenario *s, const char *name)
{
    for (size_t i = 0; i < s->n_heat_mixes; i++)
        if (s->heat_mixes[i].name && strcmp(s->heat_mixes[i].name, name) == 0)
            return (int)i;
    return -1;
}

static void load_mobility(loader *L, xmlNodePtr el, au_sector sector, au_mobility *mo)
{
    static const char *const drives[] = {"combustion", "electric", "hydrogen"};
    static const char *const charging[] = {"evening", "smart"};
    mo->name = dup_prop(el, "name");
    mo->sector = sector;
    mo->line = au_xml_src(el).line;
    yearly(L, el, "distance", AU_DIM_DISTANCE, &R_NONNEG, &mo->distance_km, 1);
    size_t n = count(el, "drivetrain");
    mo->drivetrains = calloc(n ? n : 1, sizeof *mo->drivetrains);
    const au_traj **tr = calloc(n ? n : 1, sizeof *tr);
    int *rem = calloc(n ? n : 1, sizeof *rem);
    int ok = mo->drivetrains && tr && rem;
    if (!ok)
        err(L, el, "out of memory");
    FOR_CHILDREN(c, el) {
        if (!ok || !is(c, "drivetrain"))
            continue;
        au_drivetrain *dt = &mo->drivetrains[mo->n_drivetrains];
        int t = word(L, c, "type", drives, NWORDS(drives), 0);
        dt->type = t < 0 ? AU_DRIVE_COMBUSTION : (au_drive)t;
        dt->line = au_xml_src(c).line;
        load_params(L, c, "demand/*/mobility/drivetrain", dt);
        int ch = word(L, c, "charging", charging, NWORDS(charging), 0);
        dt->charging = ch < 0 ? AU_CHARGE_EVENING : (au_charging)ch;
        dt->fuel = dt->type == AU_DRIVE_ELECTRIC   ? AU_CARRIER_ELECTRICITY
                   : dt->type == AU_DRIVE_HYDROGEN ? AU_CARRIER_HYDROGEN
                                                   : AU_CARRIER_OIL;
        if (prop(c, "fuel") != NULL) {
            int f = word(L, c, "fuel", carrier_words, NWORDS(carrier_words), -1);
            if (f >= 0)
                dt->fuel = (au_carrier)f;
        }
        xmlNodePtr sh = child(c, "share");
        if (sh != NULL)
            ok &= yearly_el(L, sh, "share", AU_DIM_FRACTION, &R_FRACTION, &dt->share,
                            &dt->remainder);
        tr[mo->n_drivetrains] = &dt->share;
        rem[mo->n_drivetrains] = dt->remainder;
        mo->n_drivetrains++;
    }
    if (ok)
        check_shares(L, el, "drivetrains of", mo->name ? mo->name : "?", mo->n_drivetrains, tr,
                     rem);
    free(tr);
    free(rem);
}

static void load_demand(loader *L, xmlNodePtr el, au_scenario *s)
{
    static const char *const types[] = {"electricity", "space-heating", "hot-water",
                                        "process-heat", "fuel", "space-cooling"};
    size_t n_use = 0, n_mob = 0;
    load_params(L, el, "demand", s);
    FOR_CHILDREN(sec, el) {
        n_use += count(sec, "use");
        n_mob += count(sec, "mobility");
    }
    s->uses = calloc(n_use ? n_use : 1, sizeof *s->uses);
    s->mobility = calloc(n_mob ? n_mob : 1, sizeof *s->mobility);
    if (s->uses == NULL || s->mobility == NULL) {
        err(L, el, "out of memory");
        return;
    }
    FOR_CHILDREN(sec, el) {
        if (!is(sec, "sector"))
            continue;
        int sector = word(L, sec, "name", sector_words, NWORDS(sector_words), 0);
        if (sector < 0)
            continue;
        FOR_CHILDREN(c, sec) {
            if (is(c, "mobility")) {
                load_mobility(L, c, (au_sector)sector, &s->mobility[s->n_mobility++]);
                continue;
            }
            if (!is(c, "use"))
                continue;
            au_use *u = &s->uses[s->n_uses++];
            u->name = dup_prop(c, "name");
            u->sector = (au_sector)sector;
            u->line = au_xml_src(c).line;
            u->mix = -1;
            u->carrier = AU_CARRIER_ELECTRICITY;
            int t = word(L, c, "type", types, NWORDS(types), 0);
            u->type = t < 0 ? AU_USE_ELECTRICITY : (au_use_type)t;
            yearly(L, c, "annual", AU_DIM_ENERGY, &R_NONNEG, &u->annual_mwh, 1);
            u->profile = dup_prop(c, "profile");
            u->electric_profile = dup_prop(c, "electric-profile");
            if (u->electric_profile != NULL && u->type != AU_USE_HOT_WATER)
                err(L, prop_node(c, "electric-profile"), "use '%s' of type %s cannot have an "
                    "electric-profile (expected it only on hot-water uses)", u->name,
                    types[u->type]);
            if (prop(c, "profile") != NULL && prop(c, "profile-file") != NULL)
                err(L, prop_node(c, "profile-file"), "use '%s' gives both profile and "
                    "profile-file (expected one of them)", u->name);
            if (prop(c, "profile-file") != NULL)
                u->profile_file = file_attr(L, c, "profile-file", "profile");
            const char *mix = prop(c, "mix"), *carrier = prop(c, "carrier");
            int heat = u->type == AU_USE_SPACE_HEATING || u->type == AU_USE_HOT_WATER ||
                       u->type == AU_USE_PROCESS_HEAT;
            if (heat && mix == NULL)
                err(L, c, "heat use '%s' has no mix (expected mix=\"...\" naming a <mix> of "
                          "<heat-supply>)", u->name);
            else if (heat && (u->mix = mix_index(s, mix)) < 0)
                err(L, prop_node(c, "mix"), "mix '%s' is not defined (expected the name of a "
                                            "<mix> of <heat-supply>)", mix);
            else if (!heat && mix != NULL)
                err(L, prop_node(c, "mix"), "use '%s' of type %s cannot have a mix (expected "
                                            "a mix only on heat uses)", u->name, types[u->type]);
            if (u->type == AU_USE_FUEL) {
                if (carrier == NULL) {
                    err(L, c, "fuel use '%s' has no carrier (expected carrier=\"gas\", \"oil\", "
                              "\"biomass\", \"biogas\" or \"hydrogen\")", u->name);
                } else {
                    int k = word(L, c, "carrier", carrier_words, NWORDS(carrier_words), -1);
                    if (k >= 0)
                        u->carrier = (au_carrier)k;
                }
            } else if (carrier != NULL) {
                err(L, prop_node(c, "carrier"), "use '%s' of type %s cannot have a carrier "
                                                "(expected a carrier only on fuel uses)",
                    u->name, types[u->type]);
            }
        }
    }
}

static void load_storage_params(loader *L, xmlNodePtr el, const char *element,
                                au_storage_params *p)
{
    load_params(L, el, element, p);
    if (p->soc_min >= p->soc_max)
        err(L, el, "min-soc %g is not below max-soc %g (expected min-soc < max-soc)", p->soc_min,
            p->soc_max);
    else if (p->soc_initial < p->soc_min || p->soc_initial > p->soc_max)
        err(L, el, "initial-soc %g is outside min-soc..max-soc %g-%g (expected a value between "
                   "them)", p->soc_initial, p->soc_min, p->soc_max);
}

static void load_district_heating(loader *L, xmlNodePtr el, au_scenario *s)
{
    static const char *const types[] = {"heat-pump", "biomass-boiler", "gas-boiler",
                                        "electric-boiler", "geothermal", "recovered"};
    au_district_heating *dh = &s->district_heating;
    dh->present = 1;
    dh->name = dup_prop(el, "name");
    dh->line = au_xml_src(el).line;
    load_params(L, el, "district-heating", dh);
    size_t np = count(el, "plant"), ns = count(el, "heat-storage");
    dh->plants = calloc(np ? np : 1, sizeof *dh->plants);
    dh->storages = calloc(ns ? ns : 1, sizeof *dh->storages);
    if (dh->plants == NULL || dh->storages == NULL) {
        err(L, el, "out of memory");
        return;
    }
    FOR_CHILDREN(c, el) {
        if (is(c, "plant")) {
            au_dh_plant *p = &dh->plants[dh->n_plants++];
            p->name = dup_prop(c, "name");
            p->line = au_xml_src(c).line;
            int t = word(L, c, "type", types, NWORDS(types), 0);
            p->type = t < 0 ? AU_DH_GAS_BOILER : (au_dh_type)t;
            load_params(L, c, "district-heating/plant", p);
            yearly(L, c, "capacity", AU_DIM_POWER, &R_NONNEG, &p->capacity_mw, 1);
            yearly(L, c, "fuel-budget", AU_DIM_ENERGY, &R_NONNEG, &p->fuel_budget_mwh, 0);
        } else if (is(c, "heat-storage")) {
            au_heat_storage *h = &dh->storages[dh->n_storages++];
            h->name = dup_prop(c, "name");
            h->line = au_xml_src(c).line;
            load_storage_params(L, c, "district-heating/heat-storage", &h->p);
            yearly(L, c, "energy", AU_DIM_ENERGY, &R_NONNEG, &h->energy_mwh, 1);
            yearly(L, c, "power", AU_DIM_POWER, &R_NONNEG, &h->power_mw, 1);
        }
    }
}

static void load_wind(loader *L, xmlNodePtr c, au_wind *w)
{
    static const range speed = {0, 60, 0, 0};
    w->name = dup_prop(c, "name");
    w->line = au_xml_src(c).line;
    load_params(L, c, "generation/wind", w);
    if (isnan(w->shear_exponent) && isnan(w->roughness_m))
        w->shear_exponent = 1.0 / 7.0;  /* the classic 1/7 power law (Hellmann) */
    else if (!isnan(w->shear_exponent) && !isnan(w->roughness_m))
        err(L, c, "wind '%s' gives both shear-exponent and roughness (expected one of them)",
            w->name);
    if (prop(c, "profile-file") != NULL) {
        w->profile_file = file_attr(L, c, "profile-file", "profile");
        if (!isnan(w->target_capacity_factor))
            err(L, prop_node(c, "capacity-factor"), "wind '%s' gives a measured profile and a "
                "capacity factor to calibrate to (expected one of them)", w->name);
        else if (w->spread_m > 0)
            err(L, prop_node(c, "spread"), "wind '%s' gives a measured profile and a spread "
                "(expected one of them: a measured fleet is already spread)", w->name);
    }
    yearly(L, c, "capacity", AU_DIM_POWER, &R_NONNEG, &w->capacity_mw, 1);
    xmlNodePtr pc = child(c, "power-curve");
    load_params(L, pc, "generation/wind/power-curve", w);  /* the defaults without it */
    if (pc == NULL)
        return;
    if (!(w->cut_in_m_s < w->rated_m_s && w->rated_m_s < w->cut_out_m_s))
        err(L, pc, "power curve speeds %g, %g, %g m/s are not in order (expected cut-in < rated "
                   "< cut-out)", w->cut_in_m_s, w->rated_m_s, w->cut_out_m_s);
    size_t n = count(pc, "point");
    if (n == 0)
        return;
    if (n < 2) {
        err(L, pc, "the power curve has one point (expected at least two)");
        return;
    }
    w->curve_speed_m_s = calloc(n, sizeof(double));
    w->curve_power = calloc(n, sizeof(double));
    if (w->curve_speed_m_s == NULL || w->curve_power == NULL) {
        err(L, pc, "out of memory");
        return;
    }
    FOR_CHILDREN(p, pc) {
        if (!is(p, "point"))
            continue;
        size_t i = w->n_points;
        if (!value(L, prop_node(p, "speed"), "speed", prop(p, "speed"), AU_DIM_SPEED, &speed,
                   &w->curve_speed_m_s[i]) ||
            !value(L, prop_node(p, "power"), "power", prop(p, "power"), AU_DIM_FRACTION,
                   &R_FRACTION, &w->curve_power[i]))
            continue;
        if (i > 0 && w->curve_speed_m_s[i] <= w->curve_speed_m_s[i - 1]) {
            err(L, p, "power curve speed %g m/s does not come after %g m/s (expected increasing "
                      "speeds)", w->curve_speed_m_s[i], w->curve_speed_m_s[i - 1]);
            continue;
        }
        w->n_points++;
    }
}

static void load_generation(loader *L, xmlNodePtr el, au_scenario *s)
{
    static const char *const outputs[] = {"electricity", "heat"};
    size_t npv = count(el, "pv"), nw = count(el, "wind"), np = count(el, "plant"),
           nf = count(el, "fixed");
    s->pv = calloc(npv ? npv : 1, sizeof *s->pv);
    s->wind = calloc(nw ? nw : 1, sizeof *s->wind);
    s->plants = calloc(np ? np : 1, sizeof *s->plants);
    s->fixed = calloc(nf ? nf : 1, sizeof *s->fixed);
    if (!s->pv || !s->wind || !s->plants || !s->fixed) {
        err(L, el, "out of memory");
        return;
    }
    FOR_CHILDREN(c, el) {
        if (is(c, "pv")) {
            au_pv *p = &s->pv[s->n_pv++];
            p->name = dup_prop(c, "name");
            p->line = au_xml_src(c).line;
            load_params(L, c, "generation/pv", p);
            if (prop(c, "profile-file") != NULL)
                p->profile_file = file_attr(L, c, "profile-file", "profile");
            yearly(L, c, "capacity", AU_DIM_POWER, &R_NONNEG, &p->capacity_mw, 1);
        } else if (is(c, "wind")) {
            load_wind(L, c, &s->wind[s->n_wind++]);
        } else if (is(c, "plant")) {
            au_plant *p = &s->plants[s->n_plants++];
            p->name = dup_prop(c, "name");
            p->line = au_xml_src(c).line;
            int f = word(L, c, "fuel", carrier_words, NWORDS(carrier_words), AU_CARRIER_GAS);
            p->fuel = f < 0 ? AU_CARRIER_GAS : (au_carrier)f;
            load_params(L, c, "generation/plant", p);
            if (p->electric_efficiency + p->heat_efficiency > 1.0 + 1e-12)
                err(L, c, "plant '%s': electric and heat efficiencies add up to %g (expected at "
                          "most 1)", p->name, p->electric_efficiency + p->heat_efficiency);
            yearly(L, c, "capacity", AU_DIM_POWER, &R_NONNEG, &p->capacity_mw, 1);
            yearly(L, c, "fuel-budget", AU_DIM_ENERGY, &R_NONNEG, &p->fuel_budget_mwh, 0);
        } else if (is(c, "fixed")) {
            au_fixed *f = &s->fixed[s->n_fixed++];
            f->name = dup_prop(c, "name");
            f->line = au_xml_src(c).line;
            int o = word(L, c, "output", outputs, NWORDS(outputs), 0);
            f->output = o == 1 ? AU_CARRIER_HEAT : AU_CARRIER_ELECTRICITY;
            yearly(L, c, "capacity", AU_DIM_POWER, &R_NONNEG, &f->capacity_mw, 1);
            if (prop(c, "profile-file") != NULL)
                f->profile_file = file_attr(L, c, "profile-file", "profile");
        }
    }
}

static void load_storage(loader *L, xmlNodePtr el, au_scenario *s)
{
    static const char *const chems[] = {"lfp", "sodium-ion", "custom"};
    size_t nb = count(el, "battery"), nh = count(el, "hydrogen");
    s->batteries = calloc(nb ? nb : 1, sizeof *s->batteries);
    s->hydrogen = calloc(nh ? nh : 1, sizeof *s->hydrogen);
    if (!s->batteries || !s->hydrogen) {
        err(L, el, "out of memory");
        return;
    }
    FOR_CHILDREN(c, el) {
        if (is(c, "battery")) {
            au_battery *b = &s->batteries[s->n_batteries++];
            b->name = dup_prop(c, "name");
            b->line = au_xml_src(c).line;
            int k = word(L, c, "chemistry", chems, NWORDS(chems), 0);
            b->chemistry = k < 0 ? AU_CHEM_LFP : (au_chemistry)k;
            b->p = au_chemistry_preset(b->chemistry);
            load_storage_params(L, c, "storage/battery", &b->p);
            yearly(L, c, "energy", AU_DIM_ENERGY, &R_NONNEG, &b->energy_mwh, 1);
            yearly(L, c, "power", AU_DIM_POWER, &R_NONNEG, &b->power_mw, 1);
        } else if (is(c, "hydrogen")) {
            au_hydrogen *h = &s->hydrogen[s->n_hydrogen++];
            h->name = dup_prop(c, "name");
            h->line = au_xml_src(c).line;
            load_params(L, c, "storage/hydrogen", h);
            yearly(L, c, "electrolyser", AU_DIM_POWER, &R_NONNEG, &h->electrolyser_mw, 1);
            yearly(L, c, "tank", AU_DIM_ENERGY, &R_NONNEG, &h->tank_mwh, 1);
            yearly(L, c, "fuel-cell", AU_DIM_POWER, &R_NONNEG, &h->fuel_cell_mw, 1);
        }
    }
}

static void load_fuels(loader *L, xmlNodePtr el, au_scenario *s)
{
    size_t n = count(el, "local");
    s->local_fuels = calloc(n ? n : 1, sizeof *s->local_fuels);
    if (s->local_fuels == NULL) {
        err(L, el, "out of memory");
        return;
    }
    FOR_CHILDREN(c, el) {
        if (!is(c, "local"))
            continue;
        au_local_fuel *f = &s->local_fuels[s->n_local_fuels++];
        f->name = dup_prop(c, "name");
        f->line = au_xml_src(c).line;
        int k = word(L, c, "carrier", carrier_words, NWORDS(carrier_words), AU_CARRIER_BIOMASS);
        f->carrier = k < 0 ? AU_CARRIER_BIOMASS : (au_carrier)k;
        yearly(L, c, "annual", AU_DIM_ENERGY, &R_NONNEG, &f->annual_mwh, 1);
    }
}

/* The first value text of a yearly element, to tell which unit family it uses. */
static const char *first_value_text(xmlNodePtr el, char **owned)
{
    *owned = NULL;
    xmlNodePtr f = next_el(el->children);
    if (f == NULL)
        return *owned = own_text(el);
    if (is(f, "at"))
        return *owned = own_text(f);
    return prop(f, "from");
}

/* A factor given per power or per energy capacity, told apart by its unit
 * (the first value's): child `name` of el; UNSET when absent. */
static void cap_factor(loader *L, xmlNodePtr el, const char *name, au_dim per_power,
                       au_dim per_energy, au_cap_factor *out)
{
    xmlNodePtr cx = child(el, name);
    memset(out, 0, sizeof *out);
    if (cx == NULL)
        return;
    char *owned;
    const char *txt = first_value_text(cx, &owned);
    double tmp;
    out->per_energy = txt != NULL &&
                      au_quantity_parse(txt, per_power, &tmp, NULL, 0) == AU_EUNIT &&
                      au_quantity_parse(txt, per_energy, &tmp, NULL, 0) == AU_OK;
    free(owned);
    yearly_el(L, cx, name, out->per_energy ? per_energy : per_power, &R_NONNEG, &out->v, NULL);
}

/* Whether an asset of kind k has a power (m = 0) or energy (m = 1)
 * capacity. */
static int kind_has(au_tech k, int m)
{
    if (m)
        return k == AU_TECH_BATTERY || k == AU_TECH_HYDROGEN_TANK || k == AU_TECH_HEAT_STORAGE;
    return k != AU_TECH_HYDROGEN_TANK;
}

static void check_measure(loader *L, xmlNodePtr c, const char *what, const au_cap_factor *f,
                          au_tech k)
{
    if (f->v.kind == AU_TRAJ_UNSET || kind_has(k, f->per_energy))
        return;
    xmlNodePtr at = child(c, what) ? child(c, what) : child(child(c, "jobs"), what);
    err(L, at, "%s of a %s is given per %s, but a %s has no %s capacity (expected a value "
        "per %s)", what, au_tech_name(k), f->per_energy ? "MWh" : "MW", au_tech_name(k),
        f->per_energy ? "energy" : "power", f->per_energy ? "MW" : "MWh");
}

static void load_tech_cost(loader *L, xmlNodePtr c, au_scenario *s, au_tech_cost *t)
{
    static const char *const chems[] = {"lfp", "sodium-ion", "custom"};
    t->tech = dup_prop(c, "name");
    t->line = au_xml_src(c).line;
    t->chemistry = -1;
    int k = prop(c, "kind") != NULL ? word(L, c, "kind", tech_words, AU_TECH_COUNT, -1)
                                    : word(L, c, "name", tech_words, AU_TECH_COUNT, -1);
    t->kind = k < 0 ? AU_TECH_PV : (au_tech)k;
    load_params(L, c, "costs/technology", t);
    if (t->lifetime_yr != floor(t->lifetime_yr))
        err(L, prop_node(c, "lifetime"), "lifetime '%s' is not a whole number of years "
            "(expected 1 to 200 yr: vintages are replaced in the year they end)",
            prop(c, "lifetime"));
    if (prop(c, "chemistry") != NULL) {
        if (k >= 0 && t->kind != AU_TECH_BATTERY)
            err(L, prop_node(c, "chemistry"), "a chemistry for a %s (expected it on a battery "
                "entry only)", au_tech_name(t->kind));
        t->chemistry = word(L, c, "chemistry", chems, NWORDS(chems), -1);
    }
    if (prop(c, "asset") != NULL) {
        t->asset = dup_prop(c, "asset");
        size_t na = au_assets(s, NULL), found = 0;
        au_asset *as = malloc((na ? na : 1) * sizeof *as);
        if (as == NULL) {
            err(L, c, "out of memory");
            return;
        }
        au_assets(s, as);
        for (size_t i = 0; i < na && k >= 0; i++)
            found += as[i].kind == t->kind && strcmp(as[i].name, t->asset) == 0;
        free(as);
        if (k >= 0 && !found)
            err(L, prop_node(c, "asset"), "asset '%s' is not a %s of the scenario (expected the "
                "name of one)", t->asset, au_tech_name(t->kind));
    }
    cap_factor(L, c, "capex", AU_DIM_COST_POWER, AU_DIM_COST_ENERGY, &t->capex);
    cap_factor(L, c, "fixed-om", AU_DIM_COST_POWER_YR, AU_DIM_COST_ENERGY_YR, &t->fixed_om);
    yearly(L, c, "variable-om", AU_DIM_COST_ENERGY, &R_NONNEG, &t->variable_om_eur_per_mwh, 0);
    xmlNodePtr j = child(c, "jobs");
    if (j != NULL) {
        cap_factor(L, j, "manufacturing", AU_DIM_JOBYR_POWER, AU_DIM_JOBYR_ENERGY,
                   &t->jobs_manufacturing);
        cap_factor(L, j, "construction", AU_DIM_JOBYR_POWER, AU_DIM_JOBYR_ENERGY,
                   &t->jobs_construction);
        cap_factor(L, j, "operation", AU_DIM_JOBS_POWER, AU_DIM_JOBS_ENERGY,
                   &t->jobs_operation);
        yearly(L, j, "local-manufacturing", AU_DIM_FRACTION, &R_FRACTION,
               &t->local_manufacturing, 0);
    }
    if (k >= 0) {
        check_measure(L, c, "capex", &t->capex, t->kind);
        check_measure(L, c, "fixed-om", &t->fixed_om, t->kind);
        check_measure(L, c, "manufacturing", &t->jobs_manufacturing, t->kind);
        check_measure(L, c, "construction", &t->jobs_construction, t->kind);
        check_measure(L, c, "operation", &t->jobs_operation, t->kind);
    }
}

static void load_costs(loader *L, xmlNodePtr el, au_scenario *s)
{
    s->has_costs = 1;
    load_params(L, el, "costs", s);
    size_t nt = count(el, "technology"), np = count(el, "import-price") + count(el, "export-price"),
           nf = count(el, "local-fuel");
    s->tech_costs = calloc(nt ? nt : 1, sizeof *s->tech_costs);
    s->prices = calloc(np ? np : 1, sizeof *s->prices);
    s->fuel_costs = calloc(nf ? nf : 1, sizeof *s->fuel_costs);
    if (!s->tech_costs || !s->prices || !s->fuel_costs) {
        err(L, el, "out of memory");
        return;
    }
    FOR_CHILDREN(c, el) {
        if (is(c, "technology")) {
            load_tech_cost(L, c, s, &s->tech_costs[s->n_tech_costs++]);
        } else if (is(c, "import-price") || is(c, "export-price")) {
            au_price *p = &s->prices[s->n_prices++];
            p->is_export = is(c, "export-price");
            p->line = au_xml_src(c).line;
            int k = word(L, c, "carrier", carrier_words, NWORDS(carrier_words), 0);
            p->carrier = k < 0 ? AU_CARRIER_ELECTRICITY : (au_carrier)k;
            yearly_el(L, c, p->is_export ? "export-price" : "import-price", AU_DIM_COST_ENERGY,
                      &R_ANY, &p->eur_per_mwh, NULL);
        } else if (is(c, "local-fuel")) {
            au_fuel_cost *f = &s->fuel_costs[s->n_fuel_costs++];
            f->line = au_xml_src(c).line;
            int k = word(L, c, "carrier", carrier_words, NWORDS(carrier_words), 0);
            f->carrier = k < 0 ? AU_CARRIER_ELECTRICITY : (au_carrier)k;
            if (k >= 0 && (f->carrier == AU_CARRIER_ELECTRICITY || f->carrier == AU_CARRIER_HEAT))
                err(L, prop_node(c, "carrier"), "local-fuel carrier '%s' is not a fuel (expected "
                    "gas, oil, biomass, biogas or hydrogen)", prop(c, "carrier"));
            yearly(L, c, "cost", AU_DIM_COST_ENERGY, &R_NONNEG, &f->eur_per_mwh, 0);
            yearly(L, c, "jobs", AU_DIM_JOBYR_ENERGY, &R_NONNEG, &f->job_years_per_mwh, 0);
        }
    }
}

static void load_emissions(loader *L, xmlNodePtr el, au_scenario *s)
{
    size_t n = count(el, "factor");
    s->emissions = calloc(n ? n : 1, sizeof *s->emissions);
    if (s->emissions == NULL) {
        err(L, el, "out of memory");
        return;
    }
    FOR_CHILDREN(c, el) {
        if (!is(c, "factor"))
            continue;
        au_emission *e = &s->emissions[s->n_emissions++];
        e->line = au_xml_src(c).line;
        int k = word(L, c, "carrier", carrier_words, NWORDS(carrier_words), 0);
        e->carrier = k < 0 ? AU_CARRIER_ELECTRICITY : (au_carrier)k;
        yearly_el(L, c, "factor", AU_DIM_EMISSION, &R_NONNEG, &e->kg_per_mwh, NULL);
    }
}

/* The French reference warming trajectory for adaptation (TRACC, arrêté of
 * January 2026; ministère de la Transition écologique, "Réchauffement : la
 * trajectoire de référence"): metropolitan France +2 °C in 2030, +2.7 °C in
 * 2050, +4 °C in 2100 against 1850-1900, and +1.7 °C reached in 2023.  The
 * weather here (synthetic, calibrated on the Uccle TMYx 2007-2021) stands
 * for the climate of about 2014, the middle of its years; estimate: France's
 * warming then, 1.31 °C, extends the 2023-2030 pace (0.3 °C in 7 years) back
 * 9 years.  So the change against the weather: 0 in 2014, +0.39 K in 2023,
 * +0.69 K in 2030, +1.39 K in 2050, +2.69 K in 2100, linear between. */
static const double tracc_year[] = {2014, 2023, 2030, 2050, 2100};
static const double tracc_k[] = {0.0, 1.7 - 1.314, 2.0 - 1.314, 2.7 - 1.314, 4.0 - 1.314};

static void load_climate(loader *L, xmlNodePtr el, au_scenario *s)
{
    static const char *const presets[] = {"none", "tracc"};
    static const char *const seasons[] = {"winter", "spring", "summer", "autumn"};
    static const range R_CHANGE = {-10, 10, 0, 0};
    static const range R_REL = {-1, 1, 1, 0};
    au_climate *c = &s->climate;
    c->line = au_xml_src(el).line;
    int k = word(L, el, "preset", presets, NWORDS(presets), 0);
    if (k == 1) {
        c->present = 1;
        c->preset = strdup("tracc");
        if (c->preset == NULL ||
            au_traj_milestones(&c->warming_k, NWORDS(tracc_year), tracc_year, tracc_k) != AU_OK)
            err(L, el, "out of memory");
    }
    FOR_CHILDREN(ch, el) {
        if (is(ch, "warming")) {
            au_traj *t = &c->warming_k;
            if (prop(ch, "season") != NULL) {
                int q = word(L, ch, "season", seasons, NWORDS(seasons), -1);
                if (q < 0)
                    continue;
                t = &c->season_k[q];
            }
            au_traj_free(t);
            yearly_el(L, ch, "warming", AU_DIM_TEMP_CHANGE, &R_CHANGE, t, NULL);
            c->present = 1;
        }
    }
    if (child(el, "stretch"))
        c->present |= yearly(L, el, "stretch", AU_DIM_NUMBER, &R_CHANGE, &c->stretch, 0);
    if (child(el, "irradiance"))
        c->present |= yearly(L, el, "irradiance", AU_DIM_FRACTION, &R_REL, &c->irradiance, 0);
    if (child(el, "wind"))
        c->present |= yearly(L, el, "wind", AU_DIM_FRACTION, &R_REL, &c->wind, 0);
}

static void load_criterion(loader *L, xmlNodePtr el, au_scenario *s)
{
    static const char *const ind[] = {"annual-balance", "hourly-autonomy"};
    static const char *const scope[] = {"all-energy", "electricity"};
    au_criterion *c = &s->criterion;
    int k = word(L, el, "indicator", ind, NWORDS(ind), 0);
    c->indicator = k < 0 ? AU_IND_ANNUAL_BALANCE : (au_indicator)k;
    k = word(L, el, "scope", scope, NWORDS(scope), 0);
    c->scope = k < 0 ? AU_SCOPE_ALL_ENERGY : (au_scope)k;
    load_params(L, el, "autonomy", c);
    if (c->indicator == AU_IND_HOURLY_AUTONOMY && c->threshold > 1)
        err(L, prop_node(el, "threshold"), "threshold %g for hourly autonomy is above 1 "
                                           "(expected at most 1: hourly autonomy cannot exceed 1)",
            c->threshold);
}

static void build(loader *L, xmlDocPtr doc, au_scenario *s)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr n;
    s->name = dup_prop(root, "name");
    if ((n = child(root, "title")) != NULL)
        s->title = own_text(n);
    if ((n = child(root, "description")) != NULL)
        s->description = own_text(n);

    /* The horizon first: milestone years are checked against it. */
    s->year_start = 2020;
    s->reference_degree_days = NAN;
    s->year_end = 2050;
    if ((n = child(root, "horizon")) != NULL) {
        int a = s->year_start, b = s->year_end;
        if (year_attr(L, n, "start", &a) && year_attr(L, n, "end", &b)) {
            if (a > b)
                err(L, blame(L, n), "the horizon starts in %d, after its end %d (expected start <= end)",
                    a, b);
            else {
                s->year_start = a;
                s->year_end = b;
            }
        }
    }
    L->y0 = s->year_start;
    L->y1 = s->year_end;

    load_territory(L, child(root, "territory"), s);
    load_weather(L, child(root, "weather"), s);
    if ((n = child(root, "heat-supply")) != NULL)
        load_mixes(L, n, s);
    load_demand(L, child(root, "demand"), s);
    if ((n = child(root, "district-heating")) != NULL)
        load_district_heating(L, n, s);
    if ((n = child(root, "generation")) != NULL)
        load_generation(L, n, s);
    if ((n = child(root, "storage")) != NULL)
        load_storage(L, n, s);
    if ((n = child(root, "fuels")) != NULL)
        load_fuels(L, n, s);
    if ((n = child(root, "grid")) != NULL) {
        yearly(L, n, "import-limit", AU_DIM_POWER, &R_NONNEG, &s->import_limit_mw, 0);
        yearly(L, n, "export-limit", AU_DIM_POWER, &R_NONNEG, &s->export_limit_mw, 0);
    }
    if ((n = child(root, "climate")) != NULL)
        load_climate(L, n, s);
    if ((n = child(root, "costs")) != NULL)
        load_costs(L, n, s);
    if ((n = child(root, "emissions")) != NULL)
        load_emissions(L, n, s);
    load_criterion(L, child(root, "autonomy"), s);

    /* heat needs a network to go to */
    if (!s->district_heating.present) {
        xmlNodePtr hs = child(root, "heat-supply"), gen = child(root, "generation");
        if (hs != NULL)
            FOR_CHILDREN(m, hs)
                FOR_CHILDREN(c, m)
                    if (is(c, "share") && prop(c, "tech") != NULL &&
                        strcmp(prop(c, "tech"), "district-heating") == 0)
                        err(L, c, "a district-heating share, but the scenario has no "
                                  "<district-heating> (expected a network to supply it)");
        if (gen != NULL)
            FOR_CHILDREN(c, gen) {
                if (is(c, "fixed") && prop(c, "output") != NULL &&
                    strcmp(prop(c, "output"), "heat") == 0)
                    err(L, c, "fixed heat source '%s', but the scenario has no "
                              "<district-heating> (expected a network to take its heat)",
                        prop(c, "name"));
                if (is(c, "plant") && prop(c, "heat-efficiency") != NULL) {
                    double he = 0;
                    au_quantity_parse(prop(c, "heat-efficiency"), AU_DIM_FRACTION, &he, NULL, 0);
                    if (he > 0)
                        err(L, prop_node(c, "heat-efficiency"), "plant '%s' gives heat, but the "
                            "scenario has no <district-heating> (expected a network to take it, "
                            "or no heat-efficiency)", prop(c, "name"));
                }
            }
    }
}

/* Substitutes one value (see au_override). */
/* The horizon of a merged scenario document (default 2020-2050). */
static void doc_horizon(xmlDocPtr doc, int *y0, int *y1)
{
    *y0 = 2020, *y1 = 2050;
    xmlNodePtr h = child(xmlDocGetRootElement(doc), "horizon");
    if (h != NULL) {
        if (prop(h, "start") != NULL)
            *y0 = atoi(prop(h, "start"));
        if (prop(h, "end") != NULL)
            *y1 = atoi(prop(h, "end"));
    }
}

static int apply_override_at(au_xml *x, const au_override *o, au_diags *d, xmlNodePtr *changed)
{
    int ok = 0;
    if (changed != NULL)
        *changed = NULL;
    char not_a_path[160];
    if (au_xpath_check(o->xpath, not_a_path, sizeof not_a_path) != 0) {
        au_xpath_refused(d, o->file, o->line, o->xpath, not_a_path);
        return 0;
    }
    xmlXPathContextPtr ctx = xmlXPathNewContext(x->doc);
    if (ctx == NULL) {
        au_diags_add(d, o->file, o->line, "out of memory");
        return 0;
    }
    /* within a budget of steps: nested // scans would run for hours */
    int costly = 0;
    xmlXPathObjectPtr r = au_xpath_eval(ctx, o->xpath, &costly);
    if (costly) {
        au_xpath_too_costly(d, o->file, o->line, o->xpath);
        goto out;
    }
    if (r == NULL || r->type != XPATH_NODESET) {
        au_diags_add(d, o->file, o->line, "xpath '%.200s' is not an XPath expression that "
                     "selects nodes (expected a path such as /scenario/generation/pv[@name='x']/"
                     "capacity)", o->xpath);
        goto out;
    }
    int n = r->nodesetval ? r->nodesetval->nodeNr : 0;
    const char *at = strrchr(o->xpath, '/');
    if (n == 0 && o->op == AU_LEVER_VALUE && at != NULL && at[1] == '@' &&
        strspn(at + 2, "abcdefghijklmnopqrstuvwxyz-") == strlen(at + 2) && at[2] != '\0') {
        /* an attribute the file leaves to its default: made on its element,
         * when the path to it selects exactly one */
        char *parent = strndup(o->xpath, (size_t)(at - o->xpath));
        xmlXPathObjectPtr pr = parent ? au_xpath_eval(ctx, parent, &costly) : NULL;
        free(parent);
        if (pr != NULL && pr->type == XPATH_NODESET && pr->nodesetval != NULL &&
            pr->nodesetval->nodeNr == 1 &&
            pr->nodesetval->nodeTab[0]->type == XML_ELEMENT_NODE) {
            xmlAttrPtr made = xmlSetProp(pr->nodesetval->nodeTab[0], (const xmlChar *)(at + 2),
                                         (const xmlChar *)o->value);
            if (made != NULL) {
                xmlXPathFreeObject(r);
                r = au_xpath_eval(ctx, o->xpath, &costly);
                n = r && r->nodesetval ? r->nodesetval->nodeNr : 0;
            }
        }
        xmlXPathFreeObject(pr);
    }
    if (n != 1) {
        au_diags_add(d, o->file, o->line, "xpath '%.200s' matches %d nodes of %s (expected "
                     "exactly one element or attribute)", o->xpath, n, x->files[0]);
        goto out;
    }
    xmlNodePtr node = r->nodesetval->nodeTab[0];
    au_src *src = au_xml_src_new(x, o->file, o->line);
    if (src == NULL) {
        au_diags_add(d, o->file, o->line, "out of memory");
        goto out;
    }
    if (changed != NULL)
        *changed = node;
    if (o->op != AU_LEVER_VALUE) {
        char why[512] = "";
        int y0, y1;
        doc_horizon(x->doc, &y0, &y1);
        if (au_lever_apply(node, o->op, o->year, o->value, y0, y1, why, sizeof why) != 0) {
            au_diags_add(d, o->file, o->line, "xpath '%.200s': %s", o->xpath, why);
            goto out;
        }
        node->_private = src;
        for (xmlNodePtr c = node->children; c != NULL; c = c->next)
            if (c->type == XML_ELEMENT_NODE) {
                c->_private = src;
                for (xmlAttrPtr a = c->properties; a != NULL; a = a->next)
                    a->_private = src;
            }
    } else if (node->type == XML_ATTRIBUTE_NODE) {
        xmlNodePtr el = node->parent;
        xmlAttrPtr a = xmlSetProp(el, node->name, (const xmlChar *)o->value);
        if (a == NULL)
            goto out;
        a->_private = src;
        el->_private = src; /* the schema reports attribute values on their element */
    } else if (node->type == XML_ELEMENT_NODE) {
        xmlChar *esc = xmlEncodeSpecialChars(x->doc, (const xmlChar *)o->value);
        xmlNodeSetContent(node, esc); /* replaces the children: a constant */
        xmlFree(esc);
        node->_private = src;
    } else if (node->type == XML_TEXT_NODE && node->parent != NULL) {
        xmlNodeSetContent(node, (const xmlChar *)o->value);
        node->parent->_private = src;
    } else {
        au_diags_add(d, o->file, o->line, "xpath '%.200s' selects a node that holds no value "
                     "(expected an element or an attribute)", o->xpath);
        goto out;
    }
    ok = 1;
out:
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    return ok;
}

static int add_input(au_scenario *s, const char *file)
{
    if (file == NULL)
        return 1;
    for (size_t i = 0; i < s->n_inputs; i++)
        if (strcmp(s->inputs[i], file) == 0)
            return 1;
    char **v = realloc(s->inputs, (s->n_inputs + 1) * sizeof *v);
    if (v == NULL)
        return 0;
    s->inputs = v;
    if ((v[s->n_inputs] = strdup(file)) == NULL)
        return 0;
    s->n_inputs++;
    return 1;
}

/* ---- profile files ---- */

/* Reads a profile file that a scenario names, at load time, so that
 * `validate` finds what `run` would: its AU_HOURS values (malloc'd), or NULL
 * with the reader's diagnostics.  max_per_unit > 0: a generation profile,
 * output per unit of capacity, which may not exceed it; 0: a demand shape
 * (the reader has refused one that is zero in every hour). */
static double *read_profile(loader *L, au_scenario *s, const char *path, double max_per_unit)
{
    double *v = malloc(AU_HOURS * sizeof *v);
    if (v == NULL) {
        au_diags_add(L->d, path, 0, "out of memory");
        L->errors++;
        return NULL;
    }
    size_t before = L->d->n;
    char note[1024];
    if (au_profile_csv_read_at(path, s->territory.utc_offset_h, v, note, sizeof note, L->d) !=
        AU_OK) {
        if (L->d->n == before)
            au_diags_add(L->d, path, 0, "the profile could not be read");
        L->errors++;
        free(v);
        return NULL;
    }
    double peak = 0;
    for (int h = 0; h < AU_HOURS; h++)
        peak = v[h] > peak ? v[h] : peak;
    if (max_per_unit > 0 && peak > max_per_unit) {
        au_diags_add(L->d, path, 0, "the profile reaches %g (expected output per unit of "
                     "capacity, at most %g: divide a measured series by the capacity it was "
                     "measured at)", peak, max_per_unit);
        L->errors++;
        free(v);
        return NULL;
    }
    if (note[0] != '\0') {
        size_t n = strlen(path) + strlen(note) + 3;
        char *t = malloc(n), **a = realloc(s->input_notes, (s->n_input_notes + 1) * sizeof *a);
        if (a != NULL)
            s->input_notes = a;
        if (t == NULL || a == NULL) {
            free(t);
            au_diags_add(L->d, path, 0, "out of memory");
            L->errors++;
            free(v);
            return NULL;
        }
        snprintf(t, n, "%s: %s", path, note);
        s->input_notes[s->n_input_notes++] = t;
    }
    return v;
}

/* PV series may exceed their DC rating a little (cold, bright hours: up to
 * 1.5 kW per kWp); wind and fixed plants' may not exceed theirs (1e-9 for
 * the rounding of a series divided by its capacity). */
#define PV_MAX_PER_UNIT 1.5
#define PLANT_MAX_PER_UNIT (1.0 + 1e-9)

static void read_profiles(loader *L, au_scenario *s)
{
    for (size_t i = 0; i < s->n_uses; i++)
        if (s->uses[i].profile_file != NULL)
            s->uses[i].profile_data = read_profile(L, s, s->uses[i].profile_file, 0);
    for (size_t i = 0; i < s->n_pv; i++)
        if (s->pv[i].profile_file != NULL)
            s->pv[i].profile_data = read_profile(L, s, s->pv[i].profile_file, PV_MAX_PER_UNIT);
    for (size_t i = 0; i < s->n_wind; i++)
        if (s->wind[i].profile_file != NULL)
            s->wind[i].profile_data =
                read_profile(L, s, s->wind[i].profile_file, PLANT_MAX_PER_UNIT);
    for (size_t i = 0; i < s->n_fixed; i++)
        if (s->fixed[i].profile_file != NULL)
            s->fixed[i].profile_data =
                read_profile(L, s, s->fixed[i].profile_file, PLANT_MAX_PER_UNIT);
}

/* ---- the door ---- */

static int apply_override(au_xml *x, const au_override *o, au_diags *d)
{
    return apply_override_at(x, o, d, NULL);
}

/* ---- the variant file of a set of substitutions ---- */

/* An element whose content is a yearly value (text, <at>, <logistic>,
 * <growth>): extends replaces it whole. */
static int holds_value(xmlNodePtr el)
{
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (is(c, "at") || is(c, "logistic") || is(c, "growth"))
            return 1;
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            !xmlIsBlankNode(c))
            return 1;
    }
    return 0;
}

/* The attribute that names an element among its siblings for extends
 * (xml_read.c's rule), or NULL. */
static const char *key_attr(xmlNodePtr el)
{
    static const char *keys[] = {"name", "tech", "type", "carrier", "season"};
    if (is(el, "territory") || is(el, "district-heating"))
        return NULL;
    for (size_t i = 0; i < NWORDS(keys); i++)
        if (prop(el, keys[i]) != NULL)
            return keys[i];
    return NULL;
}

/* The element of the new document (under root) that mirrors el of the
 * merged one: the same tags and keys from the root down, made as needed. */
static xmlNodePtr mirror(xmlNodePtr root, xmlNodePtr el)
{
    if (el->parent == NULL || el->parent->type != XML_ELEMENT_NODE)
        return root;
    xmlNodePtr up = mirror(root, el->parent);
    if (up == NULL)
        return NULL;
    const char *key = key_attr(el);
    FOR_CHILDREN(c, up) {
        if (c->type != XML_ELEMENT_NODE || xmlStrcmp(c->name, el->name) != 0)
            continue;
        if (key == NULL || (prop(c, key) != NULL && strcmp(prop(c, key), prop(el, key)) == 0))
            return c;
    }
    xmlNodePtr m = xmlNewChild(up, NULL, el->name, NULL);
    if (m != NULL && key != NULL)
        xmlSetProp(m, (const xmlChar *)key, (const xmlChar *)prop(el, key));
    return m;
}

/* to_file relative to the folder from_dir (both made absolute). */
static char *relative_to(const char *from_dir, const char *to_file)
{
    char *a = realpath(from_dir, NULL), *b = realpath(to_file, NULL), *out = NULL;
    if (a == NULL || b == NULL) {
        free(a), free(b);
        return b == NULL ? NULL : strdup(to_file);
    }
    size_t i = 0, common = 0;
    while (a[i] && a[i] == b[i]) {
        if (a[i] == '/')
            common = i;
        i++;
    }
    if (a[i] == '\0' && b[i] == '/')
        common = i;
    size_t ups = 0;
    for (const char *p = a + common; *p; p++)
        ups += *p == '/' && p[1] != '\0';
    if (a[common] == '/' && a[common + 1] == '\0')
        ups = 0;
    size_t len = 3 * ups + strlen(b + common) + 2;
    out = malloc(len);
    if (out != NULL) {
        out[0] = '\0';
        for (size_t k = 0; k < ups; k++)
            strcat(out, "../");
        strcat(out, b + common + 1);
    }
    free(a), free(b);
    return out;
}

au_status au_scenario_write_variant(const char *base, const au_override *ov, size_t n_ov,
                                    const char *name, const char *out_path, au_diags *diags)
{
    au_xml x;
    au_status st = au_xml_load(base, "scenario", &x, diags);
    if (st != AU_OK)
        return st;
    xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr root = doc ? xmlNewDocNode(doc, NULL, (const xmlChar *)"scenario", NULL) : NULL;
    char *dir = au_path_dir(out_path), *rel = dir ? relative_to(dir, base) : NULL;
    int bad = root == NULL || rel == NULL;
    if (!bad) {
        xmlDocSetRootElement(doc, root);
        xmlSetProp(root, (const xmlChar *)"name", (const xmlChar *)name);
        xmlSetProp(root, (const xmlChar *)"extends", (const xmlChar *)rel);
    }
    for (size_t i = 0; i < n_ov && !bad; i++) {
        xmlNodePtr node;
        if (!apply_override_at(&x, &ov[i], diags, &node)) {
            bad = 1;
            break;
        }
        xmlNodePtr el = node->type == XML_ATTRIBUTE_NODE ? node->parent : node;
        xmlNodePtr v = el;
        while (v != NULL && v->type == XML_ELEMENT_NODE && !holds_value(v))
            v = v->parent;
        if (v != NULL && v->type == XML_ELEMENT_NODE) {
            /* a yearly value: copied whole, as extends replaces it */
            xmlNodePtr m = mirror(root, v);
            if (m == NULL) {
                bad = 1;
                break;
            }
            xmlNodeSetContent(m, NULL);
            xmlNodePtr copy = xmlDocCopyNodeList(doc, v->children);
            if (copy != NULL)
                xmlAddChildList(m, copy);
        } else {
            xmlNodePtr m = mirror(root, el);
            xmlChar *val = xmlNodeGetContent(node);
            bad = m == NULL || val == NULL || xmlSetProp(m, node->name, val) == NULL;
            xmlFree(val);
        }
    }
    char tmp[4200];
    if (!bad && snprintf(tmp, sizeof tmp, "%s.tmp", out_path) >= (int)sizeof tmp)
        bad = 1;
    if (!bad) {
        xmlNodePtr note = xmlNewDocComment(doc, (const xmlChar *)" Written by autonomy: the "
                                           "values found; `autonomy run` on this file gives "
                                           "the same results. ");
        if (note != NULL)
            xmlAddPrevSibling(root, note);
        if (xmlSaveFormatFileEnc(tmp, doc, "UTF-8", 1) < 0 || rename(tmp, out_path) != 0) {
            remove(tmp);
            au_diags_add(diags, out_path, 0, "cannot write the scenario file: %s (expected a "
                         "writable folder)", strerror(errno));
            st = AU_EIO;
        }
    } else if (st == AU_OK) {
        st = diags->n > 0 ? AU_EINVAL : AU_ENOMEM;
        if (diags->n == 0)
            au_diags_add(diags, out_path, 0, "out of memory");
    }
    if (bad && st == AU_OK)
        st = AU_EINVAL;
    free(dir), free(rel);
    xmlFreeDoc(doc);
    au_xml_free(&x);
    return st;
}

au_status au_scenario_load_variant(const char *path, const au_override *ov, size_t n_ov,
                                   const char *name, au_scenario **out, au_diags *diags)
{
    au_xml x;
    loader L = {diags, 0, 2020, 2050, path, NULL};
    *out = NULL;

    au_status st = au_xml_load(path, "scenario", &x, diags);
    if (st != AU_OK)
        return st;
    L.x = &x;
    int bad = 0;
    for (size_t i = 0; i < n_ov; i++)
        bad |= !apply_override(&x, &ov[i], diags);
    if (name != NULL) {
        xmlAttrPtr a = xmlSetProp(xmlDocGetRootElement(x.doc), (const xmlChar *)"name",
                                  (const xmlChar *)name);
        if (a == NULL)
            bad = 1;
    }
    if (bad) {
        au_xml_free(&x);
        return AU_EINVAL;
    }
    st = au_schema_validate(x.doc, diags);
    if (st != AU_OK) {
        au_xml_free(&x);
        return st;
    }
    au_scenario *s = calloc(1, sizeof *s);
    if (s == NULL || (s->file = strdup(path)) == NULL) {
        free(s);
        au_xml_free(&x);
        au_diags_add(diags, path, 0, "out of memory");
        return AU_ENOMEM;
    }
    build(&L, x.doc, s);
    read_profiles(&L, s);
    int ok = 1;
    for (size_t i = 0; i < x.n_files; i++)
        ok &= add_input(s, x.files[i]);
    au_xml_free(&x);
    ok &= add_input(s, s->weather.file);
    for (size_t i = 0; i < s->weather.n_year_files; i++)
        ok &= add_input(s, s->weather.year_files[i]);
    for (size_t i = 0; i < s->n_uses; i++)
        ok &= add_input(s, s->uses[i].profile_file);
    for (size_t i = 0; i < s->n_pv; i++)
        ok &= add_input(s, s->pv[i].profile_file);
    for (size_t i = 0; i < s->n_wind; i++)
        ok &= add_input(s, s->wind[i].profile_file);
    for (size_t i = 0; i < s->n_fixed; i++)
        ok &= add_input(s, s->fixed[i].profile_file);
    if (!ok)
        au_diags_add(diags, path, 0, "out of memory");
    if (L.errors > 0 || diags->oom || !ok) {
        au_scenario_free(s);
        return AU_EINVAL;
    }
    *out = s;
    return AU_OK;
}

au_status au_scenario_load(const char *path, au_scenario **out, au_diags *diags)
{
    return au_scenario_load_variant(path, NULL, 0, NULL, out, diags);
}

void au_scenario_library_init(void)
{
    xmlInitParser();
}

void au_scenario_library_cleanup(void)
{
    au_schema_cleanup();
    xmlCleanupParser();
}
