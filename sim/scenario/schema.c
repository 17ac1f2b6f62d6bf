/* schema.c: validation against the compiled-in XSD, with libxml2's messages
 * rephrased as "what is wrong (what was expected)" where their shape is known. */
#include "schema.h"

#include <stdio.h>
#include <string.h>

#include <libxml/xmlschemas.h>

#include "xml_read.h"

typedef struct vctx {
    au_diags *d;
    int errors;
} vctx;

/* Copies s[0..n) to out (at most out_len bytes), NUL-terminated. */
static void cut(char *out, size_t out_len, const char *s, size_t n)
{
    if (n >= out_len)
        n = out_len - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

/* Turns libxml2's "( a, b, c )" list into "a, b, c". */
static void list_of(char *out, size_t out_len, const char *s)
{
    const char *open = strchr(s, '(');
    const char *close = open ? strrchr(open, ')') : NULL;
    if (open == NULL || close == NULL) {
        cut(out, out_len, s, strlen(s));
        return;
    }
    open++;
    while (*open == ' ')
        open++;
    while (close > open && close[-1] == ' ')
        close--;
    cut(out, out_len, open, (size_t)(close - open));
}

static void rephrase(const char *msg, const char *parent, char *out, size_t out_len)
{
    char el[128] = "", attr[128] = "", rest[512] = "", list[400] = "";
    const char *p;

    /* "Element 'x': ..." or "Element 'x', attribute 'y': ..." */
    if (sscanf(msg, "Element '%127[^']', attribute '%127[^']': %511[^\n]", el, attr, rest) == 3) {
        if (strstr(rest, "is not allowed") != NULL) {
            snprintf(out, out_len, "<%s> has an unknown attribute '%s' (see scenarios/README.md)",
                     el, attr);
            return;
        }
        if ((p = strstr(rest, "is not an element of the set")) != NULL) {
            char val[128] = "";
            const char *open = strchr(p, '{'), *close = strrchr(p, '}');
            const char *v = strstr(rest, "The value '");
            if (open && close && close > open)
                cut(list, sizeof list, open + 1, (size_t)(close - open - 1));
            if (v != NULL)
                sscanf(v, "The value '%127[^']'", val);
            snprintf(out, out_len, "<%s %s=\"%s\">: '%s' is not allowed here (expected one of %s)",
                     el, attr, val, val, list);
            return;
        }
        if ((p = strstr(rest, "is not a valid value of the atomic type '")) != NULL) {
            char type[64] = "";
            sscanf(p, "is not a valid value of the atomic type '%63[^']'", type);
            snprintf(out, out_len, "<%s> attribute '%s': %.*sis not valid (expected a %s)", el,
                     attr, (int)(p - rest), rest, type);
            return;
        }
        snprintf(out, out_len, "<%s> attribute '%s': %s", el, attr, rest);
        return;
    }
    if (sscanf(msg, "Element '%127[^']': %511[^\n]", el, rest) == 2) {
        if (strncmp(rest, "This element is not expected.", 29) == 0) {
            if ((p = strstr(rest, "Expected is")) != NULL) {
                list_of(list, sizeof list, p);
                snprintf(out, out_len, "element <%s> is not allowed in <%s> here (expected %s)",
                         el, parent, list);
            } else {
                snprintf(out, out_len,
                         "element <%s> is not allowed in <%s>: unknown there, or given twice "
                         "(expected only the elements scenarios/README.md lists for <%s>, each "
                         "once)", el, parent, parent);
            }
            return;
        }
        if (strncmp(rest, "Missing child element(s).", 25) == 0) {
            p = strstr(rest, "Expected is");
            list_of(list, sizeof list, p ? p : rest);
            snprintf(out, out_len, "<%s> lacks a required element (expected <%s>)", el, list);
            return;
        }
        if (sscanf(rest, "The attribute '%127[^']' is required but missing.", attr) == 1) {
            snprintf(out, out_len, "<%s> lacks the required attribute '%s' (expected %s=\"...\")",
                     el, attr, attr);
            return;
        }
        if (strstr(rest, "No match found for key-sequence") != NULL) {
            snprintf(out, out_len,
                     "<%s> names something that does not exist (expected the name of a <mix> "
                     "under <heat-supply>): %s", el, rest);
            return;
        }
        if (strstr(rest, "Duplicate key-sequence") != NULL) {
            snprintf(out, out_len, "<%s>: the same name is used twice (expected unique names): %s",
                     el, rest);
            return;
        }
        snprintf(out, out_len, "<%s>: %s", el, rest);
        return;
    }
    cut(out, out_len, msg, strlen(msg));
}

static void on_error(void *ctx, xmlErrorPtr err)
{
    vctx *v = ctx;
    char msg[1024], text[1024];
    if (err == NULL || err->level < XML_ERR_ERROR)
        return;
    au_src src = au_xml_src(err->node);
    /* a problem with an attribute is the attribute's line: where a variant
     * set it, not where its base wrote the element */
    char attr[128];
    if (err->node != NULL && err->message != NULL &&
        ((const xmlNode *)err->node)->type == XML_ELEMENT_NODE &&
        sscanf(err->message, "Element '%*[^']', attribute '%127[^']'", attr) == 1) {
        xmlAttrPtr a = xmlHasProp((xmlNodePtr)err->node, (const xmlChar *)attr);
        if (a != NULL && au_xml_src(a).line > 0)
            src = au_xml_src(a);
    }
    if (src.line == 0 && err->file != NULL) {
        src.file = err->file;
        src.line = err->line;
    }
    cut(msg, sizeof msg, err->message ? err->message : "schema violation",
        strlen(err->message ? err->message : "schema violation"));
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    const xmlNode *en = err->node;
    const char *parent = "?";
    if (en != NULL && en->parent != NULL && en->parent->type == XML_ELEMENT_NODE)
        parent = (const char *)en->parent->name;
    rephrase(msg, parent, text, sizeof text);
    au_diags_add(v->d, src.file, src.line, "%s", text);
    v->errors++;
}

static void on_schema_error(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

au_status au_schema_validate(xmlDocPtr doc, au_diags *d)
{
    au_status st = AU_OK;
    vctx v = {d, 0};
    xmlSchemaParserCtxtPtr pc =
        xmlSchemaNewMemParserCtxt((const char *)au_schema_xsd, (int)au_schema_xsd_len);
    if (pc == NULL)
        return AU_ENOMEM;
    xmlSchemaSetParserStructuredErrors(pc, on_schema_error, NULL);
    xmlSchemaPtr schema = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    if (schema == NULL) {
        au_diags_add(d, "autonomy.xsd", 0, "internal error: the built-in schema does not compile");
        return AU_ENOMEM;
    }
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    if (vc == NULL) {
        xmlSchemaFree(schema);
        return AU_ENOMEM;
    }
    xmlSchemaSetValidStructuredErrors(vc, on_error, &v);
    int rc = xmlSchemaValidateDoc(vc, doc);
    if (rc != 0) {
        st = AU_ESCHEMA;
        if (v.errors == 0)
            au_diags_add(d, doc->URL ? (const char *)doc->URL : "-", 0,
                         "the scenario does not follow the schema");
    }
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    return st;
}
