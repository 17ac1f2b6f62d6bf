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

/* The name of the scenario a file describes (its chain merged). */
static char *scenario_name(const char *file, au_diags *d)
{
    au_xml x;
    if (au_xml_load(file, "scenario", &x, d) != AU_OK)
        return NULL;
    xmlChar *name = xmlGetProp(xmlDocGetRootElement(x.doc), (const xmlChar *)"name");
    char *s = strdup(name ? (const char *)name : "scenario");
    xmlFree(name);
    au_xml_free(&x);
    return s;
}

static int add_variant(au_batch *b, const char *name, const char *file, long line,
                       const sweep *sw, size_t nsw, const size_t *idx)
{
    au_variant *v = realloc(b->v, (b->n + 1) * sizeof *v);
    if (v == NULL)
        return -1;
    b->v = v;
    au_variant *x = &v[b->n];
    memset(x, 0, sizeof *x);
    size_t len = strlen(name) + 1;
    for (size_t i = 0; i < nsw; i++)
        len += strlen(sw[i].name) + strlen(sw[i].values[idx[i]]) + 2;
    x->name = malloc(len);
    x->file = strdup(file);
    x->ov = calloc(nsw + 1, sizeof *x->ov);
    if (!x->name || !x->file || !x->ov) {
        free(x->name);
        free(x->file);
        free(x->ov);
        return -1;
    }
    strcpy(x->name, name);
    for (size_t i = 0; i < nsw; i++) {
        char val[256];
        compact(val, sizeof val, sw[i].values[idx[i]]);
        strcat(x->name, "+");
        strcat(x->name, sw[i].name);
        strcat(x->name, "=");
        strcat(x->name, val);
        x->ov[i] = (au_override){sw[i].xpath, sw[i].values[idx[i]], b->file,
                                 sw[i].lines[idx[i]], sw[i].op, sw[i].year};
    }
    x->n_ov = nsw;
    x->line = line;
    b->n++;
    return 0;
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
    size_t n_common = 0;
    int bad = 0;
    xmlNodePtr root = xmlDocGetRootElement(x.doc);
    xmlChar *bname = xmlGetProp(root, (const xmlChar *)"name");
    if (b == NULL || (b->file = strdup(path)) == NULL ||
        (b->name = strdup(bname ? (const char *)bname : "batch")) == NULL ||
        read_sweeps(b, root, &common, &n_common) != 0)
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
        char *sname = scenario_name(file, d);
        if (sname == NULL) {
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
        xmlChar *base = xmlGetProp(c, (const xmlChar *)"include-base");
        int include_base = base != NULL && (xmlStrcmp(base, (const xmlChar *)"true") == 0 ||
                                            xmlStrcmp(base, (const xmlChar *)"1") == 0);
        xmlFree(base);
        if (!oom && (nsw == 0 || include_base))
            oom = add_variant(b, sname, file, line, NULL, 0, NULL) != 0;
        if (!oom && nsw > 0) {
            size_t idx[64] = {0};
            if (nsw > 64) {
                au_diags_add(d, path, line, "more than 64 sweeps (expected fewer)");
                bad = 1;
            } else {
                for (;;) {
                    if (add_variant(b, sname, file, line, sw, nsw, idx) != 0) {
                        oom = 1;
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
    for (size_t i = 0; i < b->n && !bad; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(b->v[i].name, b->v[j].name) == 0) {
                au_diags_add(d, path, b->v[i].line, "variant name '%s' appears twice (expected "
                             "unique names: give the scenarios different names or sweeps "
                             "different values)", b->v[i].name);
                bad = 1;
                break;
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
