/* lever.c: levers, a scenario's yearly quantity varied as a whole (a
 * trajectory scaled, shifted in time, or set in a target year with its shape
 * kept), applied to the XML of a scenario before it is validated, so that a
 * lever's result is a scenario file like any other; and the variant file
 * that reproduces a set of substitutions (au_scenario_write_variant).
 *
 * A yearly quantity is written in one of four forms (scenarios/README.md):
 * a constant ("400 MWp"), milestones (<at year="...">), a logistic
 * (from, to, midpoint, steepness) or a growth (from, base-year, rate).
 *   scale k      every quantity of the form × k (a constant, the milestones'
 *                values, a logistic's from and to, a growth's from): the
 *                trajectory × k in every year;
 *   shift n      the same values n years earlier: milestones' years, a
 *                logistic's midpoint, a growth's base year − n; milestones
 *                moved before the horizon's start are replaced by the
 *                trajectory's value at the start (and after its end by its
 *                value at the end), so the file stays valid;
 *   set V in Y   scale k = V / value(Y): the trajectory goes through V in
 *                year Y with its shape kept. */
#include "autonomy/scenario.h"
#include "autonomy/trajectory.h"
#include "autonomy/units.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "lever.h"

const char *au_lever_name(au_lever_op op)
{
    switch (op) {
    case AU_LEVER_SCALE: return "scale";
    case AU_LEVER_SHIFT: return "shift";
    case AU_LEVER_SET: return "set";
    default: return "value";
    }
}

/* The shortest of %.15g, %.16g, %.17g that reads back to v. */
static void shortest(char buf[40], double v)
{
    for (int p = 15; p <= 17; p++) {
        snprintf(buf, 40, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* A quantity's text split as number and the rest ("400 MWp": 400, " MWp").
 * 0, or -1 when it does not start with a number. */
static int split(const char *text, double *v, const char **unit)
{
    char *end;
    errno = 0;
    *v = strtod(text, &end);
    if (end == text || errno == ERANGE || !isfinite(*v))
        return -1;
    *unit = end;
    return 0;
}

/* text × k with its unit kept, as a new string; NULL on failure. */
static xmlChar *scaled(const xmlChar *text, double k)
{
    double v;
    const char *unit;
    const char *t = (const char *)text;
    while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
        t++;
    if (split(t, &v, &unit) != 0)
        return NULL;
    char num[40], out[256];
    shortest(num, v * k);
    if (snprintf(out, sizeof out, "%s%s", num, unit) >= (int)sizeof out)
        return NULL;
    /* trailing blanks of the original go */
    size_t n = strlen(out);
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\n' || out[n - 1] == '\t' ||
                     out[n - 1] == '\r'))
        out[--n] = '\0';
    return xmlStrdup((const xmlChar *)out);
}

static int is_el(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

/* The form's element (at, logistic, growth), or NULL for a constant. */
static xmlNodePtr form_of(xmlNodePtr el)
{
    for (xmlNodePtr c = el->children; c != NULL; c = c->next)
        if (is_el(c, "at") || is_el(c, "logistic") || is_el(c, "growth"))
            return c;
    return NULL;
}

/* The constant's text node of el, or NULL. */
static xmlNodePtr text_of(xmlNodePtr el)
{
    for (xmlNodePtr c = el->children; c != NULL; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            !xmlIsBlankNode(c))
            return c;
    return NULL;
}

static int set_scaled_prop(xmlNodePtr el, const char *name, double k)
{
    xmlChar *t = xmlGetProp(el, (const xmlChar *)name);
    xmlChar *s = t ? scaled(t, k) : NULL;
    xmlFree(t);
    if (s == NULL)
        return -1;
    xmlAttrPtr a = xmlSetProp(el, (const xmlChar *)name, s);
    xmlFree(s);
    return a ? 0 : -1;
}

static int scale_el(xmlNodePtr el, double k, char *why, size_t wn)
{
    xmlNodePtr f = form_of(el);
    if (f == NULL) {
        xmlNodePtr t = text_of(el);
        xmlChar *s = t ? scaled(t->content, k) : NULL;
        if (s == NULL) {
            snprintf(why, wn, "<%s> holds no quantity to scale (expected a yearly value: a "
                     "constant, <at>, <logistic> or <growth>)", (const char *)el->name);
            return -1;
        }
        xmlNodeSetContent(t, s);
        xmlFree(s);
        return 0;
    }
    if (is_el(f, "logistic"))
        return set_scaled_prop(f, "from", k) | set_scaled_prop(f, "to", k);
    if (is_el(f, "growth"))
        return set_scaled_prop(f, "from", k);
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (!is_el(c, "at"))
            continue;
        xmlChar *t = xmlNodeGetContent(c);
        xmlChar *s = t ? scaled(t, k) : NULL;
        xmlFree(t);
        if (s == NULL) {
            snprintf(why, wn, "a milestone of <%s> holds no quantity", (const char *)el->name);
            return -1;
        }
        xmlChar *esc = xmlEncodeSpecialChars(c->doc, s);
        xmlNodeSetContent(c, esc);
        xmlFree(esc);
        xmlFree(s);
    }
    return 0;
}

/* The numbers of a yearly element as a trajectory (in the unit of its text,
 * converted with dim when dim >= 0, else as written). 0, or -1. */
static int traj_of(xmlNodePtr el, int dim, au_traj *t)
{
    xmlNodePtr f = form_of(el);
    memset(t, 0, sizeof *t);
#define NUM(text, out)                                                                        \
    (dim >= 0 ? au_quantity_parse((const char *)(text), (au_dim)dim, (out), NULL, 0) != AU_OK \
              : sscanf((const char *)(text), "%lf", (out)) != 1)
    if (f == NULL) {
        xmlNodePtr tx = text_of(el);
        double v;
        if (tx == NULL || NUM(tx->content, &v))
            return -1;
        *t = au_traj_constant(v);
        return 0;
    }
    if (is_el(f, "logistic") || is_el(f, "growth")) {
        int lg = is_el(f, "logistic");
        xmlChar *a = xmlGetProp(f, (const xmlChar *)"from");
        xmlChar *b = xmlGetProp(f, (const xmlChar *)(lg ? "to" : "rate"));
        xmlChar *m = xmlGetProp(f, (const xmlChar *)(lg ? "midpoint" : "base-year"));
        xmlChar *k = lg ? xmlGetProp(f, (const xmlChar *)"steepness") : NULL;
        double from = 0, to = 0, mid = 0, st = 0;
        int bad = a == NULL || b == NULL || m == NULL || (lg && k == NULL) || NUM(a, &from) ||
                  sscanf((const char *)m, "%lf", &mid) != 1 ||
                  (lg ? NUM(b, &to) ||
                            au_quantity_parse((const char *)k, AU_DIM_ANNUAL_RATE, &st, NULL, 0)
                                != AU_OK
                      : au_quantity_parse((const char *)b, AU_DIM_ANNUAL_RATE, &to, NULL, 0) !=
                            AU_OK);
        xmlFree(a), xmlFree(b), xmlFree(m), xmlFree(k);
        if (bad)
            return -1;
        *t = lg ? au_traj_logistic(from, to, mid, st) : au_traj_growth(from, mid, to);
        return 0;
    }
    size_t n = 0;
    for (xmlNodePtr c = el->children; c != NULL; c = c->next)
        n += is_el(c, "at");
    double *ys = malloc(n * sizeof *ys), *vs = malloc(n * sizeof *vs);
    size_t i = 0;
    int bad = ys == NULL || vs == NULL;
    for (xmlNodePtr c = el->children; c != NULL && !bad; c = c->next) {
        if (!is_el(c, "at"))
            continue;
        xmlChar *y = xmlGetProp(c, (const xmlChar *)"year"), *v = xmlNodeGetContent(c);
        bad = y == NULL || v == NULL || sscanf((const char *)y, "%lf", &ys[i]) != 1 ||
              NUM(v, &vs[i]);
        xmlFree(y), xmlFree(v);
        i++;
    }
#undef NUM
    if (!bad)
        bad = au_traj_milestones(t, n, ys, vs) != AU_OK;
    free(ys), free(vs);
    return bad ? -1 : 0;
}

/* A milestone <at year="y">text</at> after `after` (or first) in el. */
static xmlNodePtr add_at(xmlNodePtr el, xmlNodePtr before, int y, const char *text)
{
    xmlNodePtr at = xmlNewDocNode(el->doc, el->ns, (const xmlChar *)"at", NULL);
    if (at == NULL)
        return NULL;
    char yb[16];
    snprintf(yb, sizeof yb, "%d", y);
    xmlSetProp(at, (const xmlChar *)"year", (const xmlChar *)yb);
    xmlNodeAddContent(at, (const xmlChar *)text);
    return before ? xmlAddPrevSibling(before, at) : xmlAddChild(el, at);
}

static int shift_el(xmlNodePtr el, int n, int y0, int y1, char *why, size_t wn)
{
    xmlNodePtr f = form_of(el);
    if (f == NULL)
        return 0; /* a constant is the same every year */
    if (is_el(f, "logistic") || is_el(f, "growth")) {
        const char *a = is_el(f, "logistic") ? "midpoint" : "base-year";
        xmlChar *t = xmlGetProp(f, (const xmlChar *)a);
        long y = t ? strtol((const char *)t, NULL, 10) : 0;
        xmlFree(t);
        char b[24];
        snprintf(b, sizeof b, "%ld", y - n);
        return xmlSetProp(f, (const xmlChar *)a, (const xmlChar *)b) ? 0 : -1;
    }
    /* milestones: one unit for all (the new ones at the horizon's ends are
     * written in it), the values before moving */
    const char *u0 = NULL;
    int mixed = 0;
    xmlChar *texts[2] = {NULL, NULL};
    for (xmlNodePtr c = el->children; c != NULL && !mixed; c = c->next) {
        if (!is_el(c, "at"))
            continue;
        double v;
        const char *u;
        xmlFree(texts[1]);
        texts[1] = xmlNodeGetContent(c);
        if (texts[1] == NULL || split((const char *)texts[1], &v, &u) != 0)
            break;
        if (u0 == NULL) {
            texts[0] = xmlStrdup(texts[1]);
            split((const char *)texts[0], &v, &u0);
        } else if (strcmp(u, u0) != 0) {
            mixed = 1;
        }
    }
    xmlFree(texts[0]), xmlFree(texts[1]);
    if (mixed) {
        snprintf(why, wn, "the milestones of <%s> mix units (expected one unit, so that the "
                 "values moved into the horizon can be written in it)", (const char *)el->name);
        return -1;
    }
    au_traj before;
    if (traj_of(el, -1, &before) != 0) {
        snprintf(why, wn, "the milestones of <%s> are not numbers", (const char *)el->name);
        return -1;
    }
    xmlChar *first = NULL;
    for (xmlNodePtr c = el->children; c != NULL && first == NULL; c = c->next)
        if (is_el(c, "at"))
            first = xmlNodeGetContent(c);
    double v0;
    const char *unit = "";
    if (first == NULL || split((const char *)first, &v0, &unit) != 0) {
        xmlFree(first);
        au_traj_free(&before);
        return -1;
    }
    /* move, then drop what falls outside the horizon, keeping its values at
     * the ends */
    int lost_lo = 0, lost_hi = 0;
    xmlNodePtr c = el->children;
    while (c != NULL) {
        xmlNodePtr next = c->next;
        if (is_el(c, "at")) {
            xmlChar *t = xmlGetProp(c, (const xmlChar *)"year");
            long y = (t ? strtol((const char *)t, NULL, 10) : 0) - n;
            xmlFree(t);
            if (y < y0 || y > y1) {
                lost_lo |= y < y0;
                lost_hi |= y > y1;
                xmlUnlinkNode(c);
                xmlFreeNode(c);
            } else {
                char b[24];
                snprintf(b, sizeof b, "%ld", y);
                xmlSetProp(c, (const xmlChar *)"year", (const xmlChar *)b);
            }
        }
        c = next;
    }
    char num[40], text[256];
    xmlNodePtr firstat = NULL;
    for (xmlNodePtr k = el->children; k != NULL && firstat == NULL; k = k->next)
        if (is_el(k, "at"))
            firstat = k;
    /* the shifted trajectory at y0 is the old one at y0 + n */
    long first_year = 0, last_year = 0;
    for (xmlNodePtr k = el->children; k != NULL; k = k->next)
        if (is_el(k, "at")) {
            xmlChar *t = xmlGetProp(k, (const xmlChar *)"year");
            long y = t ? strtol((const char *)t, NULL, 10) : 0;
            xmlFree(t);
            first_year = first_year ? first_year : y;
            last_year = y;
        }
    if (lost_lo && first_year != y0) {
        shortest(num, au_traj_eval(&before, y0 + n));
        snprintf(text, sizeof text, "%s%s", num, unit);
        add_at(el, firstat, y0, text);
    }
    if (lost_hi && last_year != y1) {
        shortest(num, au_traj_eval(&before, y1 + n));
        snprintf(text, sizeof text, "%s%s", num, unit);
        add_at(el, NULL, y1, text);
    }
    xmlFree(first);
    au_traj_free(&before);
    return 0;
}

int au_lever_apply(xmlNodePtr el, au_lever_op op, int year, const char *value, int y0, int y1,
                   char *why, size_t wn)
{
    if (el == NULL || el->type != XML_ELEMENT_NODE) {
        snprintf(why, wn, "a %s lever needs an element holding a yearly value (expected an "
                 "XPath such as /scenario/generation/wind[@name='x']/capacity)",
                 au_lever_name(op));
        return -1;
    }
    if (op == AU_LEVER_SHIFT) {
        char *end;
        long n = strtol(value, &end, 10);
        while (*end == ' ')
            end++;
        if (end == value || (*end != '\0' && strcmp(end, "yr") != 0) || n < -200 || n > 200) {
            snprintf(why, wn, "shift '%s' is not a whole number of years (expected, e.g., 5 or "
                     "5 yr: the trajectory 5 years earlier)", value);
            return -1;
        }
        return shift_el(el, (int)n, y0, y1, why, wn);
    }
    double k;
    if (op == AU_LEVER_SCALE) {
        char *end;
        k = strtod(value, &end);
        while (*end == ' ')
            end++;
        if (end == value || *end != '\0' || !isfinite(k) || k < 0) {
            snprintf(why, wn, "scale '%s' is not a factor (expected a number of 0 or more, "
                     "e.g. 1.5)", value);
            return -1;
        }
    } else {
        /* set: value in year, in the dimension in which both read */
        int dim = -1;
        double v = 0;
        au_traj t;
        for (int d = 0; d < AU_DIM_COUNT && dim < 0; d++)
            if (d != AU_DIM_TEMPERATURE && /* a level with an offset: not a ratio */
                au_quantity_parse(value, (au_dim)d, &v, NULL, 0) == AU_OK &&
                traj_of(el, d, &t) == 0)
                dim = d;
        if (dim < 0) {
            snprintf(why, wn, "set '%s' is not a quantity of <%s>'s kind (expected a value "
                     "with a unit its values accept, e.g. 1500 MW)", value,
                     (const char *)el->name);
            return -1;
        }
        double now = au_traj_eval(&t, year);
        au_traj_free(&t);
        if (!(now > 0)) {
            snprintf(why, wn, "<%s> is %g in %d: a trajectory at 0 cannot be scaled to %s "
                     "(expected a lever on a quantity that is not 0 in the target year)",
                     (const char *)el->name, now, year, value);
            return -1;
        }
        k = v / now;
    }
    if (scale_el(el, k, why, wn) != 0) {
        if (*why == '\0')
            snprintf(why, wn, "<%s> could not be scaled", (const char *)el->name);
        return -1;
    }
    return 0;
}
