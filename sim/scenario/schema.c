/* schema.c: validation against the compiled-in XSD, with libxml2's messages
 * rephrased as "what is wrong (what was expected)" where their shape is known. */
#include "schema.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The last occurrence of needle in s, or NULL. */
static const char *last_of(const char *s, const char *needle)
{
    const char *found = NULL;
    for (const char *p = strstr(s, needle); p != NULL; p = strstr(p + 1, needle))
        found = p;
    return found;
}

/* A schema type in words. */
static const char *type_words(const char *type)
{
    static const char *const words[][2] = {
        {"xs:integer", "a whole number"}, {"xs:decimal", "a number"},
        {"xs:boolean", "true or false"},  {"year", "a year, 1900 to 2200"},
        {"name", "a name of 1 to 200 characters"},
        {"quantity", "a number and its unit, 1 to 200 characters"},
        {"path", "a file name of 1 to 4096 characters"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(type, words[i][0]) == 0)
            return words[i][1];
    return NULL;
}

/* libxml2's facet messages ("[facet 'maxLength'] The value '...' has a length
 * of '250'; this exceeds the allowed maximum length of '200'.") as "what is
 * wrong (what was expected)"; who is "<el>" or "<el> attribute 'a'".  The
 * value is quoted short: it may be a page long.  0 when rest is not one. */
static int facet(const char *who, const char *rest, char *out, size_t out_len)
{
    char name[32] = "", val[48] = "", lim[128] = "";
    const char *p = strstr(rest, "[facet '");
    if (p == NULL || sscanf(p, "[facet '%31[^']']", name) != 1 ||
        strcmp(name, "enumeration") == 0) /* said with its list, below */
        return 0;
    /* the value: from "The value '" to the text that follows it (the last
     * such text: the value may hold anything) */
    static const char *const tails[] = {
        "' has a length of '", "' is not an element of the set", "' is not accepted by the ",
        "' is less than the ", "' is greater than the ", "' must be greater than '",
        "' must be less than '", "' has more digits", "' has more fractional digits",
        "' is not facet-valid",
    };
    const char *v = strstr(p, "The value '"), *end = NULL;
    for (size_t i = 0; v != NULL && i < sizeof tails / sizeof tails[0] && end == NULL; i++)
        end = last_of(v, tails[i]);
    if (v != NULL && end != NULL) {
        v += strlen("The value '");
        size_t n = (size_t)(end - v);
        if (n > 40) {
            /* cut on a character, not inside one */
            size_t k = 40;
            while (k > 0 && ((unsigned char)v[k] & 0xC0) == 0x80)
                k--;
            snprintf(val, sizeof val, "%.*s...", (int)k, v);
        } else {
            snprintf(val, sizeof val, "%.*s", (int)n, v);
        }
    }
    /* the limit: the last quoted number or text of the message */
    const char *q = strrchr(rest, '\'');
    const char *q0 = NULL;
    if (q != NULL)
        for (const char *t = q - 1; t >= rest && q0 == NULL; t--)
            if (*t == '\'')
                q0 = t;
    if (q0 != NULL)
        cut(lim, sizeof lim, q0 + 1, (size_t)(q - q0 - 1));
    /* an element's content is not quoted: "The value has a length of '300'" */
    size_t len = 0;
    const char *has = last_of(p, "has a length of '");
    if (has != NULL)
        sscanf(has, "has a length of '%zu'", &len);
    char what[400];
    if (val[0] != '\0')
        snprintf(what, sizeof what, "%s '%s'", who, val);
    else
        snprintf(what, sizeof what, "%s", who);
    if (strcmp(name, "maxLength") == 0)
        snprintf(out, out_len, "%s is %zu characters long (expected at most %s)", what, len, lim);
    else if (strcmp(name, "minLength") == 0 && len == 0)
        snprintf(out, out_len, "%s is empty (expected at least %s character%s)", who, lim,
                 strcmp(lim, "1") == 0 ? "" : "s");
    else if (strcmp(name, "minLength") == 0)
        snprintf(out, out_len, "%s is %zu characters long (expected at least %s)", what, len,
                 lim);
    else if (strcmp(name, "length") == 0)
        snprintf(out, out_len, "%s is %zu characters long (expected exactly %s)", what, len, lim);
    else if (strcmp(name, "minInclusive") == 0)
        snprintf(out, out_len, "%s is too small (expected at least %s)", what, lim);
    else if (strcmp(name, "maxInclusive") == 0)
        snprintf(out, out_len, "%s is too large (expected at most %s)", what, lim);
    else if (strcmp(name, "minExclusive") == 0)
        snprintf(out, out_len, "%s is too small (expected more than %s)", what, lim);
    else if (strcmp(name, "maxExclusive") == 0)
        snprintf(out, out_len, "%s is too large (expected less than %s)", what, lim);
    else if (strcmp(name, "pattern") == 0)
        snprintf(out, out_len, "%s is not written as the schema asks (expected text "
                 "matching %s)", what, lim);
    else if (strcmp(name, "totalDigits") == 0)
        snprintf(out, out_len, "%s has too many digits (expected at most %s)", what, lim);
    else if (strcmp(name, "fractionDigits") == 0)
        snprintf(out, out_len, "%s has too many digits after the point (expected at "
                 "most %s)", what, lim);
    else
        snprintf(out, out_len, "%s is not allowed by the schema's %s (expected a value "
                 "scenarios/README.md describes)", what, name);
    return 1;
}

/* "'v' is not a valid value of the atomic type 'T'." as what is wrong and
 * what was expected; 0 when rest is not that. */
static int atomic(const char *who, const char *rest, char *out, size_t out_len)
{
    char type[64] = "";
    const char *p = last_of(rest, "is not a valid value of the atomic type '");
    if (p == NULL)
        return 0;
    sscanf(p, "is not a valid value of the atomic type '%63[^']'", type);
    const char *words = type_words(type);
    int n = (int)(p - rest);
    if (n > 48)
        snprintf(out, out_len, "%s: '%.40s...' is not valid (expected %s%s)", who, rest + 1,
                 words ? words : "a value of type ", words ? "" : type);
    else
        snprintf(out, out_len, "%s: %.*sis not valid (expected %s%s)", who, n, rest,
                 words ? words : "a value of type ", words ? "" : type);
    return 1;
}

static void rephrase(const char *msg, const char *parent, char *out, size_t out_len)
{
    char el[128] = "", attr[128] = "", rest[512] = "", list[400] = "", who[300];
    const char *p;

    /* "Element 'x': ..." or "Element 'x', attribute 'y': ..." */
    if (sscanf(msg, "Element '%127[^']', attribute '%127[^']': %511[^\n]", el, attr, rest) == 3) {
        /* the rest again, whole: a value may be longer than rest holds */
        const char *full = strstr(msg, "': ");
        full = full ? full + 3 : rest;
        snprintf(who, sizeof who, "<%s> attribute '%s'", el, attr);
        if (facet(who, full, out, out_len) || atomic(who, full, out, out_len))
            return;
        if (strstr(rest, "is not allowed") != NULL) {
            snprintf(out, out_len, "<%s> has an unknown attribute '%s' (expected only the "
                     "attributes scenarios/README.md lists for <%s>)", el, attr, el);
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
        snprintf(out, out_len, "<%s> attribute '%s': %s (expected a value scenarios/README.md "
                 "describes for it)", el, attr, rest);
        return;
    }
    if (sscanf(msg, "Element '%127[^']': %511[^\n]", el, rest) == 2) {
        const char *full = strstr(msg, "': ");
        full = full ? full + 3 : rest;
        snprintf(who, sizeof who, "<%s>", el);
        if (facet(who, full, out, out_len) || atomic(who, full, out, out_len))
            return;
        if (strstr(rest, "Character content other than whitespace is not allowed") != NULL) {
            snprintf(out, out_len, "<%s> holds text (expected only elements inside <%s>)", el,
                     el);
            return;
        }
        if (strstr(rest, "content is not allowed") != NULL ||
            strstr(rest, "Element content is not allowed") != NULL) {
            snprintf(out, out_len, "<%s> holds elements (expected only a value)", el);
            return;
        }
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
        snprintf(out, out_len, "<%s>: %s (expected <%s> as scenarios/README.md describes it)",
                 el, rest, el);
        return;
    }
    snprintf(out, out_len, "%.400s (expected a file the schema, scenarios/autonomy.xsd, "
             "accepts)", msg);
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
    /* the whole message: a value quoted in it may be longer than msg */
    char *whole = strdup(err->message ? err->message : "schema violation");
    if (whole == NULL) {
        cut(msg, sizeof msg, "schema violation", strlen("schema violation"));
    } else {
        size_t n = strlen(whole);
        while (n > 0 && (whole[n - 1] == '\n' || whole[n - 1] == ' '))
            whole[--n] = '\0';
    }
    const xmlNode *en = err->node;
    const char *parent = "?";
    if (en != NULL && en->parent != NULL && en->parent->type == XML_ELEMENT_NODE)
        parent = (const char *)en->parent->name;
    rephrase(whole ? whole : msg, parent, text, sizeof text);
    free(whole);
    au_diags_add(v->d, src.file, src.line, "%s", text);
    v->errors++;
}

static void on_schema_error(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

/* The built-in schema, compiled once per process: compiling it took most of
 * the time of checking a variant (a batch of 10,000 variants checks 10,000
 * documents).  A compiled schema is only read while validating, each
 * validation with its own context, so threads may share it. */
static xmlSchemaPtr compiled;
static pthread_once_t compile_once = PTHREAD_ONCE_INIT;

static void compile(void)
{
    xmlSchemaParserCtxtPtr pc =
        xmlSchemaNewMemParserCtxt((const char *)au_schema_xsd, (int)au_schema_xsd_len);
    if (pc == NULL)
        return;
    xmlSchemaSetParserStructuredErrors(pc, on_schema_error, NULL);
    compiled = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
}

void au_schema_cleanup(void)
{
    xmlSchemaFree(compiled);
    compiled = NULL;
}

au_status au_schema_validate(xmlDocPtr doc, au_diags *d)
{
    au_status st = AU_OK;
    vctx v = {d, 0};
    pthread_once(&compile_once, compile);
    if (compiled == NULL) {
        au_diags_add(d, "autonomy.xsd", 0, "internal error: the built-in schema does not compile "
                     "(expected a schema libxml2 compiles: out of memory?)");
        return AU_ENOMEM;
    }
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(compiled);
    if (vc == NULL)
        return AU_ENOMEM;
    xmlSchemaSetValidStructuredErrors(vc, on_error, &v);
    int rc = xmlSchemaValidateDoc(vc, doc);
    if (rc != 0) {
        st = AU_ESCHEMA;
        if (v.errors == 0)
            au_diags_add(d, doc->URL ? (const char *)doc->URL : "-", 0,
                         "the scenario does not follow the schema (expected a scenario "
                         "scenarios/README.md describes)");
    }
    xmlSchemaFreeValidCtxt(vc);
    return st;
}
