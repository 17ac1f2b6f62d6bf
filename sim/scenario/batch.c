/* batch.c: batches of scenarios and sweeps (batch.h). */
#include "autonomy/batch.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "schema.h"
#include "textfile.h"
#include "xml_read.h"

/* The longest name a scenario may have: the schema's type "name". */
#define AU_NAME_MAX 200

static void quiet(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

int au_file_is_batch(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    int is = 0;
    if (au_read_file(path, AU_XML_MAX_BYTES, &buf, &len, NULL) != AU_OK || len > INT_MAX)
        return 0;
    xmlSetStructuredErrorFunc(NULL, quiet);
    xmlDocPtr doc = xmlReadMemory(buf, (int)len, path, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (doc != NULL && doc->intSubset == NULL) {
        xmlNodePtr r = xmlDocGetRootElement(doc);
        is = r != NULL && xmlStrcmp(r->name, (const xmlChar *)"batch") == 0;
    }
    xmlFreeDoc(doc);
    free(buf);
    return is;
}

static char *keep(au_batch *b, const char *s)
{
    char **v = realloc(b->strings, (b->n_strings + 1) * sizeof *v);
    if (v == NULL)
        return NULL;
    b->strings = v;
    if ((v[b->n_strings] = strdup(s ? s : "")) == NULL)
        return NULL;
    return v[b->n_strings++];
}

void au_batch_free(au_batch *b)
{
    if (b == NULL)
        return;
    for (size_t i = 0; i < b->n; i++) {
        free(b->v[i].name);
        free(b->v[i].file);
        free(b->v[i].ov);
    }
    free(b->v);
    for (size_t i = 0; i < b->n_strings; i++)
        free(b->strings[i]);
    free(b->strings);
    free(b->name);
    free(b->file);
    free(b);
}

typedef struct sweep {
    const char *name, *xpath;
    au_lever_op op;             /* lever="scale|shift|set"; default: values */
    int year;                   /* lever="set": year="..." */
    size_t n;
    const char **values;
    long *lines;
} sweep;

static int is_el(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

/* Reads the <sweep> children of el into sw (appending); returns -1 on OOM. */
static int read_sweeps(au_batch *b, xmlNodePtr el, sweep **sw, size_t *n)
{
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (!is_el(c, "sweep"))
            continue;
        sweep *v = realloc(*sw, (*n + 1) * sizeof *v);
        if (v == NULL)
            return -1;
        *sw = v;
        sweep *s = &v[(*n)++];
        memset(s, 0, sizeof *s);
        xmlChar *name = xmlGetProp(c, (const xmlChar *)"name");
        xmlChar *xpath = xmlGetProp(c, (const xmlChar *)"xpath");
        s->name = keep(b, (const char *)name);
        s->xpath = keep(b, (const char *)xpath);
        xmlFree(name);
        xmlFree(xpath);
        xmlChar *lever = xmlGetProp(c, (const xmlChar *)"lever");
        xmlChar *year = xmlGetProp(c, (const xmlChar *)"year");
        /* the schema has checked the words and the year */
        s->op = lever == NULL                                         ? AU_LEVER_VALUE
                : xmlStrcmp(lever, (const xmlChar *)"scale") == 0 ? AU_LEVER_SCALE
                : xmlStrcmp(lever, (const xmlChar *)"shift") == 0 ? AU_LEVER_SHIFT
                                                                  : AU_LEVER_SET;
        s->year = year ? atoi((const char *)year) : 0;
        xmlFree(lever);
        xmlFree(year);
        for (xmlNodePtr e = c->children; e != NULL; e = e->next)
            s->n += is_el(e, "value");
        s->values = calloc(s->n + 1, sizeof *s->values);
        s->lines = calloc(s->n + 1, sizeof *s->lines);
        if (!s->name || !s->xpath || !s->values || !s->lines)
            return -1;
        size_t k = 0;
        for (xmlNodePtr e = c->children; e != NULL; e = e->next) {
            if (!is_el(e, "value"))
                continue;
            xmlChar *t = xmlNodeGetContent(e);
            /* trimmed */
            const char *p = t ? (const char *)t : "";
            while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
                p++;
            size_t len = strlen(p);
            while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\n' ||
                               p[len - 1] == '\r'))
                len--;
            char *copy = strndup(p, len);
            xmlFree(t);
            s->values[k] = copy ? keep(b, copy) : NULL;
            free(copy);
            if (s->values[k] == NULL)
                return -1;
            s->lines[k++] = au_xml_src(e).line;
        }
    }
    return 0;
}

static void free_sweeps(sweep *sw, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(sw[i].values);
        free(sw[i].lines);
    }
    free(sw);
}

/* "600 MWp" → "600MWp" */
static void compact(char *dst, size_t n, const char *v)
{
    size_t j = 0;
    for (size_t i = 0; v[i] != '\0' && j + 1 < n; i++)
        if (v[i] != ' ' && v[i] != '\t')
            dst[j++] = v[i];
    dst[j] = '\0';
}

/* The name of the scenario a file describes (its chain merged); NULL when
 * the file cannot be read.  Each of the nsw sweeps' XPath is checked to be
 * a path to a value and tried on it once, here, within libxml2's budget of
 * steps: one that is not, or too costly, is refused at its sweep (*bad set)
 * before thousands of variants each spend the whole budget on it. */
static char *scenario_name(const char *file, const char *batch, const sweep *sw, size_t nsw,
                           int *bad, au_diags *d)
{
    au_xml x;
    if (au_xml_load(file, "scenario", &x, d) != AU_OK)
        return NULL;
    xmlXPathContextPtr ctx = nsw > 0 ? xmlXPathNewContext(x.doc) : NULL;
    for (size_t i = 0; i < nsw && ctx != NULL; i++) {
        int costly = 0;
        char why[160];
        /* at its first value's line, where each variant would report it */
        if (au_xpath_check(sw[i].xpath, why, sizeof why) != 0) {
            au_xpath_refused(d, batch, sw[i].lines[0], sw[i].xpath, why);
            *bad = 1;
            continue;
        }
        xmlXPathFreeObject(au_xpath_eval(ctx, sw[i].xpath, &costly));
        if (costly) {
            au_xpath_too_costly(d, batch, sw[i].lines[0], sw[i].xpath);
            *bad = 1;
        }
    }
    xmlXPathFreeContext(ctx);
    xmlChar *name = xmlGetProp(xmlDocGetRootElement(x.doc), (const xmlChar *)"name");
    char *s = strdup(name ? (const char *)name : "scenario");
    xmlFree(name);
    au_xml_free(&x);
    return s;
}

/* The number of sweeps and the number of variants of a <scenario> element
 * c, with the batch's n_common sweeps, counted before any is made; the
 * count saturates at AU_BATCH_MAX_VARIANTS + 1, *exact is the product as a
 * double (for the message). */
static size_t count_variants(xmlNodePtr c, const sweep *common, size_t n_common, size_t *nsw,
                             double *exact)
{
    const size_t cap = (size_t)AU_BATCH_MAX_VARIANTS + 1;
    size_t n = 1;
    double x = 1;
    *nsw = n_common;
    for (size_t i = 0; i < n_common; i++) {
        x *= (double)common[i].n;
        n = n > cap / (common[i].n ? common[i].n : 1) ? cap : n * common[i].n;
    }
    for (xmlNodePtr e = c->children; e != NULL; e = e->next) {
        if (!is_el(e, "sweep"))
            continue;
        size_t k = 0;
        for (xmlNodePtr v = e->children; v != NULL; v = v->next)
            k += is_el(v, "value");
        ++*nsw;
        x *= (double)k;
        n = n > cap / (k ? k : 1) ? cap : n * k;
    }
    xmlChar *base = xmlGetProp(c, (const xmlChar *)"include-base");
    int with_base = base != NULL && (xmlStrcmp(base, (const xmlChar *)"true") == 0 ||
                                     xmlStrcmp(base, (const xmlChar *)"1") == 0);
    xmlFree(base);
    if (*nsw == 0) {
        *exact = 1;
        return 1;
    }
    *exact = x + with_base;
    return n + (size_t)with_base > cap ? cap : n + (size_t)with_base;
}

/* The number of characters of UTF-8 text s (what the schema's maxLength
 * counts), not its bytes. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s != '\0'; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Adds a variant in b->v (room for it made beforehand: the batch's count).
 * 0, -1 when out of memory, or 1 when its name would be longer than a
 * scenario name may be (*chars: its length, its start in preview; nothing
 * added). */
static int add_variant(au_batch *b, const char *name, const char *file, long line,
                       const sweep *sw, size_t nsw, const size_t *idx, size_t *chars,
                       char preview[64])
{
    au_variant *x = &b->v[b->n];
    memset(x, 0, sizeof *x);
    size_t len = strlen(name) + 1;
    for (size_t i = 0; i < nsw; i++)
        len += strlen(sw[i].name) + strlen(sw[i].values[idx[i]]) + 2;
    x->name = malloc(len);
    if (x->name == NULL)
        return -1;
    strcpy(x->name, name);
    for (size_t i = 0; i < nsw; i++) {
        char val[256];
        compact(val, sizeof val, sw[i].values[idx[i]]);
        strcat(x->name, "+");
        strcat(x->name, sw[i].name);
        strcat(x->name, "=");
        strcat(x->name, val);
    }
    if ((*chars = utf8_chars(x->name)) > AU_NAME_MAX) {
        /* its start, cut on a character rather than inside one */
        size_t k = 60;
        while (k > 0 && ((unsigned char)x->name[k] & 0xC0) == 0x80)
            k--;
        snprintf(preview, 64, "%.*s", (int)k, x->name);
        free(x->name);
        x->name = NULL;
        return 1;
    }
    x->file = strdup(file);
    x->ov = calloc(nsw + 1, sizeof *x->ov);
    if (!x->file || !x->ov) {
        free(x->name);
        free(x->file);
        free(x->ov);
        return -1;
    }
    for (size_t i = 0; i < nsw; i++) {
        x->ov[i] = (au_override){sw[i].xpath, sw[i].values[idx[i]], b->file,
                                 sw[i].lines[idx[i]], sw[i].op, sw[i].year};
    }
    x->n_ov = nsw;
    x->line = line;
    b->n++;
    return 0;
}

/* Orders variants by name, then by place in the batch. */
static int by_name(const void *pa, const void *pb)
{
    const au_variant *a = *(const au_variant *const *)pa, *b = *(const au_variant *const *)pb;
    int c = strcmp(a->name, b->name);
    return c != 0 ? c : (a > b) - (a < b);
}

/* The first variant (in batch order) whose name an earlier one has, or
 * NULL; sorted, not compared pair by pair (100,000 variants took 2 min 52 s
 * that way); *oom set when out of memory. */
static const au_variant *first_duplicate(const au_batch *b, int *oom)
{
    const au_variant *dup = NULL;
    *oom = 0;
    if (b->n < 2)
        return NULL;
    const au_variant **v = malloc(b->n * sizeof *v);
    if (v == NULL) {
        *oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < b->n; i++)
        v[i] = &b->v[i];
    qsort(v, b->n, sizeof *v, by_name);
    /* in a run of equal names the second is the first duplicate of it */
    for (size_t i = 1; i < b->n; i++)
        if (strcmp(v[i]->name, v[i - 1]->name) == 0 &&
            (i < 2 || strcmp(v[i - 1]->name, v[i - 2]->name) != 0) && (dup == NULL || v[i] < dup))
            dup = v[i];
    free(v);
    return dup;
}

au_status au_batch_load(const char *path, au_batch **out, au_diags *d)
{
    au_xml x;
    *out = NULL;
    au_status st = au_xml_load(path, "batch", &x, d);
    if (st != AU_OK)
        return st;
    if ((st = au_schema_validate(x.doc, d)) != AU_OK) {
        au_xml_free(&x);
        return st;
    }
    au_batch *b = calloc(1, sizeof *b);
    sweep *common = NULL;
    size_t n_common = 0, total = 0;
    int bad = 0;
    xmlNodePtr root = xmlDocGetRootElement(x.doc);
    xmlChar *bname = xmlGetProp(root, (const xmlChar *)"name");
    if (b == NULL || (b->file = strdup(path)) == NULL ||
        (b->name = strdup(bname ? (const char *)bname : "batch")) == NULL ||
        read_sweeps(b, root, &common, &n_common) != 0)
        goto oom;
    /* the variants counted before any is made or any scenario read: a
     * batch of 3 sweeps of 1,000 values (10^9 variants) grew to 4 GB before
     * running out of memory */
    for (xmlNodePtr c = root->children; c != NULL && !bad; c = c->next) {
        if (!is_el(c, "scenario"))
            continue;
        size_t nsw;
        double exact;
        size_t k = count_variants(c, common, n_common, &nsw, &exact);
        if (nsw > AU_BATCH_MAX_SWEEPS) {
            au_diags_add(d, path, au_xml_src(c).line, "%zu sweeps (expected at most %d for a "
                         "scenario, the batch's included)", nsw, AU_BATCH_MAX_SWEEPS);
            bad = 1;
        } else if (k > AU_BATCH_MAX_VARIANTS - total) {
            char before[80] = "";
            if (total > 0)
                snprintf(before, sizeof before, ", after the %zu of the scenarios above", total);
            au_diags_add(d, path, au_xml_src(c).line, "this scenario makes %.*g variant%s%s "
                         "(expected at most %d variants in a batch, each loaded before "
                         "anything runs: fewer values, or several batches)",
                         exact < 1e15 ? 15 : 3, exact, exact == 1 ? "" : "s", before,
                         AU_BATCH_MAX_VARIANTS);
            bad = 1;
        } else {
            total += k;
        }
    }
    if (bad) {
        xmlFree(bname);
        free_sweeps(common, n_common);
        au_xml_free(&x);
        au_batch_free(b);
        return AU_EINVAL;
    }
    if (total > 0 && (b->v = calloc(total, sizeof *b->v)) == NULL)
        goto oom;
    for (xmlNodePtr c = root->children; c != NULL; c = c->next) {
        if (!is_el(c, "scenario"))
            continue;
        long line = au_xml_src(c).line;
        xmlChar *f = xmlGetProp(c, (const xmlChar *)"file");
        char *file = au_path_resolve(path, (const char *)f);
        xmlFree(f);
        struct stat sb;
        if (file == NULL)
            goto oom;
        if (stat(file, &sb) != 0 || !S_ISREG(sb.st_mode) || access(file, R_OK) != 0) {
            au_diags_add(d, path, line, "scenario file '%s' %s (expected a scenario file, named "
                         "relative to this batch)", file,
                         stat(file, &sb) == 0 && !S_ISREG(sb.st_mode)
                             ? "is not a regular file"
                             : "does not exist or cannot be read");
            free(file);
            bad = 1;
            continue;
        }
        sweep *sw = NULL;
        size_t nsw = 0;
        int oom = 0;
        /* the batch's sweeps, then the scenario's own */
        if (n_common > 0) {
            sw = malloc(n_common * sizeof *sw);
            oom = sw == NULL;
            if (!oom) {
                memcpy(sw, common, n_common * sizeof *sw);
                nsw = n_common;
            }
        }
        size_t first_own = nsw;
        if (!oom && read_sweeps(b, c, &sw, &nsw) != 0)
            oom = 1;
        char *sname = oom ? NULL : scenario_name(file, path, sw, nsw, &bad, d);
        if (sname == NULL)
            bad |= !oom;
        xmlChar *base = xmlGetProp(c, (const xmlChar *)"include-base");
        int include_base = base != NULL && (xmlStrcmp(base, (const xmlChar *)"true") == 0 ||
                                            xmlStrcmp(base, (const xmlChar *)"1") == 0);
        xmlFree(base);
        size_t len = 0;
        char preview[64];
        if (sname != NULL && !oom && (nsw == 0 || include_base))
            oom = add_variant(b, sname, file, line, NULL, 0, NULL, &len, preview) < 0;
        if (sname != NULL && !oom && nsw > 0) {
            size_t idx[AU_BATCH_MAX_SWEEPS] = {0};
            for (;;) {
                int rc = add_variant(b, sname, file, line, sw, nsw, idx, &len, preview);
                if (rc < 0) {
                    oom = 1;
                    break;
                }
                if (rc > 0) {
                    /* the variant's own line: the schema would blame the
                     * scenario file's name, in libxml2's words */
                    au_diags_add(d, path, line, "variant name '%.60s...' would be %zu "
                                 "characters long (expected at most %d: the scenario's name "
                                 "and +sweep=value for each sweep; shorter sweep names or "
                                 "values)", preview, len, AU_NAME_MAX);
                    bad = 1;
                    break;
                }
                size_t k = nsw;
                while (k-- > 0) {
                    if (++idx[k] < sw[k].n)
                        break;
                    idx[k] = 0;
                }
                if (k == (size_t)-1)
                    break;
            }
        }
        /* the scenario's own sweeps are freed; the batch's are shared */
        for (size_t i = first_own; i < nsw; i++) {
            free(sw[i].values);
            free(sw[i].lines);
        }
        free(sw);
        free(sname);
        free(file);
        if (oom)
            goto oom;
    }
    /* unique names */
    if (!bad) {
        int oom = 0;
        const au_variant *dup = first_duplicate(b, &oom);
        if (oom)
            goto oom;
        if (dup != NULL) {
            au_diags_add(d, path, dup->line, "variant name '%s' appears twice (expected "
                         "unique names: give the scenarios different names or sweeps "
                         "different values)", dup->name);
            bad = 1;
        }
    }
    xmlFree(bname);
    free_sweeps(common, n_common);
    au_xml_free(&x);
    if (bad) {
        au_batch_free(b);
        return AU_EINVAL;
    }
    *out = b;
    return AU_OK;
oom:
    xmlFree(bname);
    free_sweeps(common, n_common);
    au_xml_free(&x);
    au_batch_free(b);
    au_diags_add(d, path, 0, "out of memory reading the batch");
    return AU_ENOMEM;
}

au_status au_batch_load_scenarios(const au_batch *b, au_scenario **out, au_diags *d)
{
    au_status first = AU_OK;
    for (size_t i = 0; i < b->n; i++) {
        const au_variant *v = &b->v[i];
        au_status st = au_scenario_load_variant(v->file, v->ov, v->n_ov, v->name, &out[i], d);
        if (st != AU_OK && first == AU_OK)
            first = st;
    }
    if (first != AU_OK)
        for (size_t i = 0; i < b->n; i++) {
            au_scenario_free(out[i]);
            out[i] = NULL;
        }
    return first;
}
