/* xml_read.c: safe reading of scenario XML and merging of `extends` chains.
 *
 * Files are read whole into memory (at most AU_XML_MAX_BYTES) and parsed by
 * libxml2 with no network access, no DTD loading and no entity substitution;
 * a document with a DOCTYPE is refused, which shuts out entity expansion and
 * external entities altogether.  Every element gets an au_src record (file,
 * line) in its `_private` field, every attribute the record of its element,
 * so that errors found after merging still name the file and line where the
 * offending text was written. */
#include "xml_read.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include "textfile.h"

#define SRC_BLOCK 256

struct au_src_block {
    au_src items[SRC_BLOCK];
    size_t n;
    au_src_block *next;
};

static au_src *src_new(au_xml *x, const char *file, long line)
{
    if (x->srcs == NULL || x->srcs->n == SRC_BLOCK) {
        au_src_block *b = calloc(1, sizeof *b);
        if (b == NULL)
            return NULL;
        b->next = x->srcs;
        x->srcs = b;
    }
    au_src *s = &x->srcs->items[x->srcs->n++];
    s->file = file;
    s->line = line;
    return s;
}

au_src *au_xml_src_new(au_xml *x, const char *file, long line)
{
    return src_new(x, file, line);
}

au_src au_xml_src(const void *node)
{
    au_src none = {"-", 0};
    const xmlNode *n = node;
    if (n == NULL)
        return none;
    if ((n->type == XML_ELEMENT_NODE || n->type == XML_ATTRIBUTE_NODE) && n->_private != NULL)
        return *(const au_src *)n->_private;
    if (n->type == XML_ATTRIBUTE_NODE && n->parent != NULL)
        return au_xml_src(n->parent);
    if (n->type == XML_TEXT_NODE && n->parent != NULL)
        return au_xml_src(n->parent);
    return none;
}

char *au_path_dir(const char *file)
{
    const char *slash = strrchr(file, '/');
    if (slash == NULL)
        return strdup(".");
    if (slash == file)
        return strdup("/");
    size_t n = (size_t)(slash - file);
    char *d = malloc(n + 1);
    if (d != NULL) {
        memcpy(d, file, n);
        d[n] = '\0';
    }
    return d;
}

char *au_path_resolve(const char *file, const char *rel)
{
    if (rel[0] == '/' || strrchr(file, '/') == NULL)
        return strdup(rel);
    char *dir = au_path_dir(file);
    if (dir == NULL)
        return NULL;
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    if (p != NULL)
        snprintf(p, n, "%s/%s", dir, rel);
    free(dir);
    return p;
}

/* ---- libxml2 error capture ---- */

typedef struct first_error {
    int set;
    long line;
    char msg[512];
} first_error;

static void capture_error(void *ctx, xmlErrorPtr err)
{
    first_error *fe = ctx;
    if (fe->set || err == NULL || err->level < XML_ERR_ERROR)
        return;
    fe->set = 1;
    fe->line = err->line;
    snprintf(fe->msg, sizeof fe->msg, "%s", err->message ? err->message : "unknown error");
    size_t n = strlen(fe->msg);
    while (n > 0 && (fe->msg[n - 1] == '\n' || fe->msg[n - 1] == ' '))
        fe->msg[--n] = '\0';
}

/* ---- reading one file ---- */

/* Where a file was named from: the extending file and its line, or nothing
 * for the file the user named. */
typedef struct origin {
    const char *file;
    long line;
} origin;

static void problem(au_diags *d, const char *file, const origin *from, long line,
                    const char *what)
{
    if (from->file != NULL)
        au_diags_add(d, from->file, from->line, "extends '%s': %s", file, what);
    else
        au_diags_add(d, file, line, "%s", what);
}

/* Reads a whole file; returns AU_OK with a NUL-terminated malloc'd buffer. */
static au_status slurp(const char *file, const origin *from, char **buf, size_t *len,
                       au_diags *d)
{
    char what[600];
    au_file_error why;
    au_status st = au_read_file(file, AU_XML_MAX_BYTES, buf, len, &why);
    switch (why.what) {
    case AU_FILE_OK:
        return st;
    case AU_FILE_IS_DIRECTORY:
        problem(d, file, from, 0,
                "cannot read the file: it is a directory (expected a scenario file)");
        break;
    case AU_FILE_NOT_REGULAR:
        problem(d, file, from, 0,
                "cannot read the file: not a regular file (expected a scenario file)");
        break;
    case AU_FILE_NO_MEMORY:
        problem(d, file, from, 0, "out of memory reading the file");
        break;
    default:
        au_file_error_text(&why, "scenario file", "a scenario file", what, sizeof what);
        problem(d, file, from, 0, what);
        break;
    }
    return st;
}

static long line_of(const char *buf, size_t len, const char *needle)
{
    const char *p = buf, *end = buf + len;
    size_t nl = strlen(needle);
    long line = 1;
    for (; p + nl <= end; p++) {
        if (*p == '\n')
            line++;
        else if (memcmp(p, needle, nl) == 0)
            return line;
    }
    return 1;
}

static int blank(const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n' && buf[i] != '\r')
            return 0;
    return 1;
}

/* Gives every element and attribute of a subtree its au_src record. */
static int tag_tree(au_xml *x, xmlNodePtr n, const char *file)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        au_src *s = src_new(x, file, xmlGetLineNo(n));
        if (s == NULL)
            return -1;
        n->_private = s;
        for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
            a->_private = s;
        if (tag_tree(x, n->children, file) != 0)
            return -1;
    }
    return 0;
}

/* ---- exact lines ----
 *
 * libxml2 dates an element by the line where its start tag ends, which for a
 * tag written over several lines is not where the reader looks.  This scanner
 * walks the raw text of a well-formed document, start tag by start tag, in
 * document order, and gives each element the line of its '<' and each
 * attribute the line of its name.  If the text cannot be matched to the tree
 * (an encoding other than UTF-8, say), libxml2's lines are kept. */

typedef struct el_list {
    xmlNodePtr *v;
    size_t n, cap;
} el_list;

static int collect(el_list *l, xmlNodePtr n)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (l->n == l->cap) {
            size_t cap = l->cap ? 2 * l->cap : 64;
            xmlNodePtr *v = realloc(l->v, cap * sizeof *v);
            if (v == NULL)
                return -1;
            l->v = v;
            l->cap = cap;
        }
        l->v[l->n++] = n;
        if (collect(l, n->children) != 0)
            return -1;
    }
    return 0;
}

/* Skips to just past `end`, counting newlines; returns NULL if not found. */
static const char *skip_past(const char *p, const char *stop, const char *end, long *line)
{
    size_t n = strlen(end);
    for (; p + n <= stop; p++) {
        if (memcmp(p, end, n) == 0)
            return p + n;
        if (*p == '\n')
            (*line)++;
    }
    return NULL;
}

static int is_name_char(char c)
{
    return c != '\0' && c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '=' &&
           c != '>' && c != '/';
}

static int exact_lines(au_xml *x, xmlNodePtr root, const char *buf, size_t len,
                       const char *file)
{
    el_list l = {0};
    const char *p = buf, *stop = buf + len;
    long line = 1;
    size_t k = 0;
    int rc = -1;

    if (collect(&l, root) != 0)
        goto out;
    while (p != NULL && p < stop) {
        if (*p == '\n') {
            line++;
            p++;
            continue;
        }
        if (*p != '<') {
            p++;
            continue;
        }
        if (stop - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            p = skip_past(p + 4, stop, "-->", &line);
        } else if (stop - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
            p = skip_past(p + 9, stop, "]]>", &line);
        } else if (stop - p >= 2 && memcmp(p, "<?", 2) == 0) {
            p = skip_past(p + 2, stop, "?>", &line);
        } else if (stop - p >= 2 && (p[1] == '!' || p[1] == '/')) {
            p = skip_past(p + 2, stop, ">", &line);
        } else {
            if (k >= l.n)
                goto out;
            xmlNodePtr el = l.v[k++];
            au_src *es = el->_private;
            if (es == NULL)
                goto out;
            es->line = line;
            p++;
            while (p < stop && is_name_char(*p))
                p++;
            for (;;) {
                while (p < stop && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
                    if (*p++ == '\n')
                        line++;
                if (p >= stop)
                    goto out;
                if (*p == '>' || *p == '/')
                    break;
                const char *name = p;
                while (p < stop && is_name_char(*p))
                    p++;
                size_t name_len = (size_t)(p - name);
                long name_line = line;
                while (p < stop && *p != '"' && *p != '\'')
                    if (*p++ == '\n')
                        line++;
                if (p >= stop)
                    goto out;
                char q = *p++;
                while (p < stop && *p != q)
                    if (*p++ == '\n')
                        line++;
                if (p >= stop)
                    goto out;
                p++;
                for (xmlAttrPtr a = el->properties; a != NULL; a = a->next) {
                    if (a->ns == NULL && xmlStrlen(a->name) == (int)name_len &&
                        memcmp(a->name, name, name_len) == 0) {
                        au_src *as = src_new(x, file, name_line);
                        if (as == NULL)
                            goto out;
                        a->_private = as;
                    }
                }
            }
        }
    }
    rc = k == l.n ? 0 : -1;
out:
    free(l.v);
    return rc;
}

static au_status parse_one(au_xml *x, const char *file, const origin *from, const char *root,
                           xmlDocPtr *out, au_diags *d)
{
    char *buf = NULL;
    size_t len = 0;
    char what[700];
    au_status st = slurp(file, from, &buf, &len, d);
    if (st != AU_OK)
        return st;
    /* UTF-16 or any NUL byte: refused before the parser sees it (libxml2
     * would read UTF-16, but scenario files are UTF-8 text, and a NUL byte
     * means the file is not text at all) */
    if (len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
                     ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF))) {
        free(buf);
        problem(d, file, from, 1,
                "the file is encoded in UTF-16 (expected a scenario file in UTF-8)");
        return AU_EPARSE;
    }
    const char *nul = memchr(buf, '\0', len);
    if (nul != NULL) {
        long line = 1;
        for (const char *p = buf; p < nul; p++)
            line += *p == '\n';
        free(buf);
        problem(d, file, from, line,
                "the file contains a NUL byte (expected a text file in UTF-8)");
        return AU_EPARSE;
    }
    if (blank(buf, len)) {
        free(buf);
        snprintf(what, sizeof what,
                 "the file is empty (expected an XML document whose root element is <%s>)", root);
        problem(d, file, from, 1, what);
        return AU_EPARSE;
    }
    if (len > INT_MAX) {
        free(buf);
        return AU_EIO;
    }

    first_error fe = {0};
    xmlSetStructuredErrorFunc(&fe, capture_error);
    xmlDocPtr doc = xmlReadMemory(buf, (int)len, file, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NODICT | XML_PARSE_BIG_LINES |
                                      XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlSetStructuredErrorFunc(NULL, NULL);

    if (doc == NULL || fe.set) {
        if (from->file != NULL) {
            /* Never quote another file's content: it may not be ours to show. */
            problem(d, file, from, 0,
                    "not a scenario file (expected a scenario file; this one is not well-formed XML)");
        } else {
            snprintf(what, sizeof what, "not well-formed XML: %s (expected a well-formed XML scenario)",
                     fe.set ? fe.msg : "the parser gave up");
            au_diags_add(d, file, fe.set && fe.line > 0 ? fe.line : 1, "%s", what);
        }
        xmlFreeDoc(doc);
        free(buf);
        return AU_EPARSE;
    }
    if (doc->intSubset != NULL || doc->extSubset != NULL) {
        long line = line_of(buf, len, "<!DOCTYPE");
        free(buf);
        xmlFreeDoc(doc);
        problem(d, file, from, line,
                "a DOCTYPE declaration is not allowed (expected a scenario without DTD or entities)");
        return AU_EPARSE;
    }
    xmlNodePtr r = xmlDocGetRootElement(doc);
    if (r == NULL || xmlStrcmp(r->name, (const xmlChar *)root) != 0) {
        snprintf(what, sizeof what, "the root element is <%.100s> (expected <%s>)",
                 r ? (const char *)r->name : "", root);
        problem(d, file, from, r ? xmlGetLineNo(r) : 1,
                from->file != NULL ? "not a scenario file (expected a root element <scenario>)"
                                   : what);
        xmlFreeDoc(doc);
        free(buf);
        return AU_ESCHEMA;
    }
    if (tag_tree(x, r, file) != 0) {
        xmlFreeDoc(doc);
        free(buf);
        au_diags_add(d, file, 0, "out of memory");
        return AU_ENOMEM;
    }
    if (exact_lines(x, r, buf, len, file) != 0)
        tag_tree(x, r, file); /* could not match the text: libxml2's lines */
    free(buf);
    *out = doc;
    return AU_OK;
}

/* ---- merging a variant onto its base ---- */

/* Elements whose content is a value: replaced whole, never merged. */
static int is_value_tag(const xmlChar *name)
{
    static const char *tags[] = {"at", "logistic", "growth", "point"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (xmlStrcmp(name, (const xmlChar *)tags[i]) == 0)
            return 1;
    return 0;
}

static int is_value_element(xmlNodePtr el)
{
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && is_value_tag(c->name))
            return 1;
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            !xmlIsBlankNode(c))
            return 1;
    }
    return 0;
}

/* The attribute that names an element among its siblings. */
static const xmlChar *key_of(xmlNodePtr el)
{
    static const char *keys[] = {"name", "tech", "type", "carrier", "season"};
    /* Singletons are matched by their tag alone, whatever their name. */
    if (xmlStrcmp(el->name, (const xmlChar *)"territory") == 0 ||
        xmlStrcmp(el->name, (const xmlChar *)"district-heating") == 0)
        return NULL;
    /* a weather's recorded years are told apart by their file: a variant's
     * are added to its base's */
    if (xmlStrcmp(el->name, (const xmlChar *)"year") == 0)
        return (const xmlChar *)"file";
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        xmlAttrPtr a = xmlHasProp(el, (const xmlChar *)keys[i]);
        if (a != NULL)
            return (const xmlChar *)keys[i];
    }
    return NULL;
}

static xmlNodePtr find_match(xmlNodePtr base, xmlNodePtr v)
{
    const xmlChar *key = key_of(v);
    xmlChar *want = key ? xmlGetProp(v, key) : NULL;
    xmlNodePtr found = NULL;
    for (xmlNodePtr c = base->children; c != NULL && found == NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || xmlStrcmp(c->name, v->name) != 0)
            continue;
        if (key == NULL) {
            found = c;
        } else {
            xmlChar *have = xmlGetProp(c, key);
            if (have != NULL && xmlStrcmp(have, want) == 0)
                found = c;
            xmlFree(have);
        }
    }
    xmlFree(want);
    return found;
}

/* Attributes that stand for one another: a variant that sets one drops
 * its base's other (a built-in profile replaced by a file, or back). */
static const char *const exclusive[][2] = {{"profile", "profile-file"}};

static void drop_replaced(xmlNodePtr base, xmlNodePtr v)
{
    for (size_t i = 0; i < sizeof exclusive / sizeof exclusive[0]; i++)
        for (int k = 0; k < 2; k++) {
            const xmlChar *mine = (const xmlChar *)exclusive[i][k];
            const xmlChar *other = (const xmlChar *)exclusive[i][1 - k];
            if (xmlHasProp(v, mine) != NULL && xmlHasProp(v, other) == NULL)
                xmlUnsetProp(base, other);
        }
}

/* A variant's element is matched among its base's children by scanning
 * them (find_match); for a variant that brings many children that is
 * quadratic (20,000 cost entries merged in 10 s), so then the base's
 * children are indexed by (tag, key attribute, its value), the first of
 * each kept, as the scan finds it.  A hit is checked against the element's
 * attribute as it is now (a merge may have changed it), the scan deciding
 * when it no longer holds; an element merged or added is indexed again. */
#define INDEX_FROM 32 /* a variant's children from which the index pays */

static const char *const match_keys[] = {"name", "tech", "type", "carrier", "season", "file"};

static void index_child(xmlHashTablePtr t, xmlNodePtr ch)
{
    xmlHashAddEntry3(t, ch->name, (const xmlChar *)"", (const xmlChar *)"", ch);
    for (size_t i = 0; i < sizeof match_keys / sizeof match_keys[0]; i++) {
        xmlChar *val = xmlGetProp(ch, (const xmlChar *)match_keys[i]);
        if (val != NULL)
            xmlHashAddEntry3(t, ch->name, (const xmlChar *)match_keys[i], val, ch);
        xmlFree(val);
    }
}

static xmlNodePtr find_indexed(xmlHashTablePtr t, xmlNodePtr base, xmlNodePtr v)
{
    const xmlChar *key = key_of(v);
    if (key == NULL)
        return xmlHashLookup3(t, v->name, (const xmlChar *)"", (const xmlChar *)"");
    xmlChar *want = xmlGetProp(v, key);
    xmlNodePtr m = want ? xmlHashLookup3(t, v->name, key, want) : NULL;
    if (m != NULL) {
        xmlChar *have = xmlGetProp(m, key);
        if (have == NULL || xmlStrcmp(have, want) != 0)
            m = find_match(base, v);
        xmlFree(have);
    }
    xmlFree(want);
    return m;
}

static int merge(xmlNodePtr base, xmlNodePtr v, int is_root)
{
    if (!is_root)
        drop_replaced(base, v);
    for (xmlAttrPtr a = v->properties; a != NULL; a = a->next) {
        if (is_root && xmlStrcmp(a->name, (const xmlChar *)"extends") == 0)
            continue;
        xmlChar *val = xmlNodeGetContent((xmlNodePtr)a);
        xmlAttrPtr na = xmlSetProp(base, a->name, val ? val : (const xmlChar *)"");
        xmlFree(val);
        if (na == NULL)
            return -1;
        na->_private = a->_private;
    }
    if (!is_root && is_value_element(v)) {
        xmlNodePtr c = base->children;
        while (c != NULL) {
            xmlNodePtr next = c->next;
            xmlUnlinkNode(c);
            xmlFreeNode(c);
            c = next;
        }
        c = v->children;
        while (c != NULL) {
            xmlNodePtr next = c->next;
            xmlUnlinkNode(c);
            if (xmlAddChild(base, c) == NULL)
                return -1;
            c = next;
        }
        base->_private = v->_private;
        return 0;
    }
    size_t n = 0;
    for (xmlNodePtr c = v->children; c != NULL && n < INDEX_FROM; c = c->next)
        n += c->type == XML_ELEMENT_NODE;
    xmlHashTablePtr t = n < INDEX_FROM ? NULL : xmlHashCreate(0);
    if (n >= INDEX_FROM && t == NULL)
        return -1;
    for (xmlNodePtr c = base->children; t != NULL && c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            index_child(t, c);
    int rc = 0;
    xmlNodePtr c = v->children;
    while (c != NULL && rc == 0) {
        xmlNodePtr next = c->next;
        if (c->type == XML_ELEMENT_NODE) {
            xmlNodePtr m = t ? find_indexed(t, base, c) : find_match(base, c);
            if (m != NULL) {
                rc = merge(m, c, 0);
            } else {
                xmlUnlinkNode(c);
                if ((m = xmlAddChild(base, c)) == NULL)
                    rc = -1;
            }
            if (t != NULL && m != NULL)
                index_child(t, m);
        }
        c = next;
    }
    xmlHashFree(t, NULL);
    return rc;
}

/* ---- limits of a scenario's lists (xml_read.h) ----
 *
 * Counted in every file of a chain as it is read, before any work on it,
 * and in the merged scenario.  The element past the limit is blamed, where
 * it was written. */

typedef struct list_kind {
    const char *parent, *tag; /* an element <tag> in a <parent> */
    int group;                /* which limit: 0 fleets, 1 uses, 2 stores */
} list_kind;

static const list_kind list_kinds[] = {
    {"generation", "pv", 0},       {"generation", "wind", 0},
    {"generation", "plant", 0},    {"generation", "fixed", 0},
    {"district-heating", "plant", 0},
    {"sector", "use", 1},          {"sector", "mobility", 1},
    {"storage", "battery", 2},     {"storage", "hydrogen", 2},
    {"district-heating", "heat-storage", 2},
};

static const struct {
    size_t max;
    const char *what, *cost;
} list_groups[] = {
    {AU_SCENARIO_MAX_FLEETS, "generation fleets (pv, wind, plant, fixed and the heat network's "
                             "plants)", "140 KB"},
    {AU_SCENARIO_MAX_USES, "demand uses (use and mobility)", "140 KB"},
    {AU_SCENARIO_MAX_STORES, "stores (battery, hydrogen, heat-storage)", "410 KB"},
};

#define N_GROUPS (sizeof list_groups / sizeof list_groups[0])

/* Counts the listed elements of el's subtree (depth levels at most: the
 * lists sit two or three levels below the root), keeping the first past
 * each limit. */
static void count_lists(xmlNodePtr el, int depth, size_t n[N_GROUPS], xmlNodePtr past[N_GROUPS])
{
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        for (size_t k = 0; k < sizeof list_kinds / sizeof list_kinds[0]; k++) {
            int g = list_kinds[k].group;
            if (xmlStrcmp(c->name, (const xmlChar *)list_kinds[k].tag) == 0 &&
                xmlStrcmp(el->name, (const xmlChar *)list_kinds[k].parent) == 0 &&
                ++n[g] == list_groups[g].max + 1)
                past[g] = c;
        }
        if (depth > 1)
            count_lists(c, depth - 1, n, past);
    }
}

/* 0, or -1 when a list of root is longer than its limit (reported). */
static int check_lists(xmlNodePtr root, au_diags *d)
{
    size_t n[N_GROUPS] = {0};
    xmlNodePtr past[N_GROUPS] = {NULL};
    int bad = 0;
    count_lists(root, 3, n, past);
    for (size_t g = 0; g < N_GROUPS; g++) {
        if (past[g] == NULL)
            continue;
        au_src s = au_xml_src(past[g]);
        au_diags_add(d, s.file, s.line, "too many %s: this <%s> is number %zu (expected at "
                     "most %zu in a scenario, each about %s of memory while it runs: group "
                     "fleets, uses or stores of the same kind into one)",
                     list_groups[g].what, (const char *)past[g]->name, list_groups[g].max + 1,
                     list_groups[g].max, list_groups[g].cost);
        bad = 1;
    }
    return bad ? -1 : 0;
}

/* ---- the XPath a sweep, a lever or seek takes (xml_read.h) ----
 *
 * libxml2's op limit bounds the steps of an evaluation, not the text it
 * copies and compares: a predicate comparing string values ([. = /],
 * contains(string(/), ...)) or concat() of them copies the scenario's text
 * at every node (concat of 90 string(/) over a 4 MB file: 33 s, 700 MB).
 * So an expression is first checked to be a path of the kind that selects
 * a value: steps of element names or *, / and //, @attribute, text(), . and
 * .., and predicates that test a position ([2], [last()]), the presence of a
 * child ([at]) or an attribute against a constant ([@name='x'],
 * [at/@year='2050']), with and, or, not() and parentheses.  Inside a
 * predicate a path goes down from the node tested (no /, //, . or ..), and
 * no function but last(), position(), true(), false() and not() is called. */

typedef struct xp {
    const char *s, *p;      /* the expression, where the reading is */
    const char *why;        /* what was found where it should not be */
    const char *at;         /* where */
} xp;

enum { XP_CONST, XP_ATTR, XP_ELEMENT }; /* what a value in a predicate is */

static int xp_fail(xp *x, const char *why)
{
    if (x->why == NULL) {
        x->why = why;
        x->at = x->p;
    }
    return -1;
}

static void xp_ws(xp *x)
{
    while (*x->p == ' ' || *x->p == '\t' || *x->p == '\n' || *x->p == '\r')
        x->p++;
}

static int xp_name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int xp_name_char(char c)
{
    return xp_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* Consumes tok (after blanks) when it is next; a word only when whole. */
static int xp_at(xp *x, const char *tok)
{
    xp_ws(x);
    size_t n = strlen(tok);
    if (strncmp(x->p, tok, n) != 0 || (xp_name_start(tok[0]) && xp_name_char(x->p[n])))
        return 0;
    x->p += n;
    return 1;
}

/* A name, or a node test text() or node(); *fn set for a function call. */
static int xp_name(xp *x, int *fn)
{
    xp_ws(x);
    const char *q = x->p;
    if (!xp_name_start(*q))
        return 0;
    while (xp_name_char(*q))
        q++;
    const char *r = q;
    while (*r == ' ' || *r == '\t')
        r++;
    *fn = *r == '(';
    if (r[0] == ':' && r[1] == ':')
        return xp_fail(x, "an axis (::)"), 0;
    x->p = q;
    return 1;
}

static int xp_or(xp *x);

static int xp_predicates(xp *x)
{
    while (xp_at(x, "[")) {
        if (xp_or(x) != 0)
            return -1;
        if (!xp_at(x, "]"))
            return xp_fail(x, "text where ']' closes the predicate");
    }
    return 0;
}

/* A step of a path: in a predicate (inner) only down from the node tested. */
static int xp_step(xp *x, int inner, int *kind)
{
    int fn = 0;
    xp_ws(x);
    const char *start = x->p;
    *kind = XP_ELEMENT;
    if (!inner && (xp_at(x, "..") || xp_at(x, ".")))
        return 0;
    if (*x->p == '.')
        return xp_fail(x, "'.' or '..' inside a predicate");
    if (xp_at(x, "@")) {
        *kind = XP_ATTR;
        if (xp_at(x, "*"))
            return 0;
        if (!xp_name(x, &fn) || fn)
            return xp_fail(x, "text where an attribute's name should be");
        return 0;
    }
    if (!xp_at(x, "*")) {
        if (!xp_name(x, &fn))
            return xp_fail(x, "text where a step should be");
        if (fn) {
            size_t n = (size_t)(x->p - start);
            if (!((n == 4 && strncmp(start, "text", 4) == 0) ||
                  (n == 4 && strncmp(start, "node", 4) == 0))) {
                x->p = start;
                return xp_fail(x, "a function call");
            }
            if (!xp_at(x, "(") || !xp_at(x, ")"))
                return xp_fail(x, "text where ')' should be");
        }
    }
    return xp_predicates(x);
}

/* A value in a predicate: a constant, or a path down from the node tested
 * (*kind: XP_ATTR when it ends with an attribute). */
static int xp_value(xp *x, int *kind)
{
    xp_ws(x);
    const char *start = x->p;
    if (*x->p == '\'' || *x->p == '"') {
        const char *end = strchr(x->p + 1, *x->p);
        if (end == NULL)
            return xp_fail(x, "a string that does not end");
        x->p = end + 1;
        *kind = XP_CONST;
        return 0;
    }
    if (*x->p >= '0' && *x->p <= '9') {
        while ((*x->p >= '0' && *x->p <= '9') || *x->p == '.')
            x->p++;
        *kind = XP_CONST;
        return 0;
    }
    if (*x->p == '/')
        return xp_fail(x, "a path from the root inside a predicate");
    int fn = 0;
    if (xp_name_start(*x->p) && xp_name(x, &fn) && fn) {
        size_t n = (size_t)(x->p - start);
        static const char *const ok[] = {"last", "position", "true", "false"};
        int known = 0;
        for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
            known |= n == strlen(ok[i]) && strncmp(start, ok[i], n) == 0;
        if (!known) {
            x->p = start;
            return xp_fail(x, "a function call");
        }
        if (!xp_at(x, "(") || !xp_at(x, ")"))
            return xp_fail(x, "text where ')' should be");
        *kind = XP_CONST;
        return 0;
    }
    x->p = start;
    for (;;) {
        if (xp_step(x, 1, kind) != 0)
            return -1;
        if (xp_at(x, "//"))
            return xp_fail(x, "'//' inside a predicate");
        if (*kind == XP_ATTR || !xp_at(x, "/"))
            return 0;
    }
}

static int xp_unary(xp *x)
{
    if (xp_at(x, "not")) {
        if (!xp_at(x, "("))
            return xp_fail(x, "text where '(' should be");
        if (xp_or(x) != 0)
            return -1;
        return xp_at(x, ")") ? 0 : xp_fail(x, "text where ')' should be");
    }
    if (xp_at(x, "(")) {
        if (xp_or(x) != 0)
            return -1;
        return xp_at(x, ")") ? 0 : xp_fail(x, "text where ')' should be");
    }
    int a, b;
    if (xp_value(x, &a) != 0)
        return -1;
    static const char *const ops[] = {"!=", "<=", ">=", "=", "<", ">"};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (xp_at(x, ops[i])) {
            const char *op = x->p;
            if (xp_value(x, &b) != 0)
                return -1;
            /* one side a constant, the other a constant or an attribute:
             * an element's text, or two node sets, compared node by node
             * copy and compare text without bound */
            if (!((a == XP_CONST && b != XP_ELEMENT) || (b == XP_CONST && a != XP_ELEMENT))) {
                x->p = op;
                return xp_fail(x, "a comparison of an element's text or of two paths");
            }
            return 0;
        }
    return 0;
}

static int xp_and(xp *x)
{
    do
        if (xp_unary(x) != 0)
            return -1;
    while (xp_at(x, "and"));
    return 0;
}

static int xp_or(xp *x)
{
    do
        if (xp_and(x) != 0)
            return -1;
    while (xp_at(x, "or"));
    return 0;
}

int au_xpath_check(const char *xpath, char *why, size_t n)
{
    xp x = {xpath, xpath, NULL, NULL};
    int kind;
    xp_ws(&x);
    if (!xp_at(&x, "//"))
        xp_at(&x, "/");
    xp_ws(&x);
    if (*x.p != '\0' || x.p == x.s) {
        do
            if (xp_step(&x, 0, &kind) != 0)
                break;
        while (xp_at(&x, "//") || xp_at(&x, "/"));
    }
    xp_ws(&x);
    if (x.why == NULL && *x.p != '\0')
        xp_fail(&x, *x.p == '|' ? "'|'" : "text after the path");
    if (x.why == NULL)
        return 0;
    snprintf(why, n, "%s at character %d", x.why, (int)(x.at - x.s) + 1);
    return -1;
}

void au_xpath_refused(au_diags *d, const char *file, long line, const char *xpath,
                      const char *why)
{
    au_diags_add(d, file, line, "xpath '%.200s' is not an XPath expression a sweep takes: %s "
                 "(expected a path such as /scenario/generation/pv[@name='x']/capacity: "
                 "element names or *, / and //, @attribute, and predicates testing a "
                 "position, a child, or an attribute against a value)", xpath, why);
}

/* ---- XPath within a budget (xml_read.h) ---- */

static void xpath_error(void *ctx, xmlErrorPtr err)
{
    int *code = ctx;
    if (err != NULL && err->domain == XML_FROM_XPATH)
        *code = err->code;
}

xmlXPathObjectPtr au_xpath_eval(xmlXPathContextPtr ctx, const char *xpath, int *too_costly)
{
    int code = 0;
    ctx->opLimit = AU_XPATH_MAX_STEPS;
    ctx->opCount = 0;
    xmlSetStructuredErrorFunc(&code, xpath_error); /* reported by the caller, in our words */
    xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
    xmlSetStructuredErrorFunc(NULL, NULL);
    *too_costly = code == XML_XPATH_EXPRESSION_OK + XPATH_OP_LIMIT_EXCEEDED ||
                  ctx->opCount >= ctx->opLimit;
    if (*too_costly) {
        xmlXPathFreeObject(r);
        r = NULL;
    }
    return r;
}

void au_xpath_too_costly(au_diags *d, const char *file, long line, const char *xpath)
{
    au_diags_add(d, file, line, "xpath '%.200s' takes more than %lu steps to evaluate (expected "
                 "a path such as /scenario/generation/pv[@name='x']/capacity: each nested // "
                 "scan multiplies the work by the size of the scenario)", xpath,
                 AU_XPATH_MAX_STEPS);
}

/* ---- the chain ---- */

static int push(void ***arr, size_t *n, void *item)
{
    void **a = realloc(*arr, (*n + 1) * sizeof *a);
    if (a == NULL)
        return -1;
    a[(*n)++] = item;
    *arr = a;
    return 0;
}

void au_xml_free(au_xml *x)
{
    if (x == NULL)
        return;
    for (size_t i = 0; i < x->n_docs; i++)
        xmlFreeDoc(x->docs[i]);
    free(x->docs);
    for (size_t i = 0; i < x->n_files; i++)
        free(x->files[i]);
    free(x->files);
    while (x->srcs != NULL) {
        au_src_block *next = x->srcs->next;
        free(x->srcs);
        x->srcs = next;
    }
    memset(x, 0, sizeof *x);
}

au_status au_xml_load(const char *path, const char *root, au_xml *x, au_diags *d)
{
    au_status st = AU_OK;
    char **real = NULL;     /* canonical paths of the chain, for cycles */
    size_t n_real = 0;
    origin from = {NULL, 0};
    char *file = strdup(path);

    memset(x, 0, sizeof *x);
    while (file != NULL) {
        xmlDocPtr doc = NULL;
        char *rp = realpath(file, NULL);
        if (rp != NULL) {
            for (size_t i = 0; i < n_real; i++) {
                if (strcmp(real[i], rp) == 0) {
                    au_diags_add(d, from.file, from.line,
                                 "extends '%s': this file is already in the chain of extensions, "
                                 "a cycle (expected a chain that ends at a file without extends)",
                                 file);
                    free(rp);
                    free(file);
                    st = AU_ECYCLE;
                    goto done;
                }
            }
            if (push((void ***)&real, &n_real, rp) != 0) {
                free(rp);
                free(file);
                st = AU_ENOMEM;
                goto done;
            }
        }
        if (push((void ***)&x->files, &x->n_files, file) != 0) {
            free(file);
            st = AU_ENOMEM;
            goto done;
        }
        st = parse_one(x, file, &from, root, &doc, d);
        if (st != AU_OK)
            goto done;
        if (push((void ***)&x->docs, &x->n_docs, doc) != 0) {
            xmlFreeDoc(doc);
            st = AU_ENOMEM;
            goto done;
        }
        xmlNodePtr r = xmlDocGetRootElement(doc);
        if (strcmp(root, "scenario") == 0 && check_lists(r, d) != 0) {
            st = AU_EINVAL;
            goto done;
        }
        xmlChar *ext = xmlGetProp(r, (const xmlChar *)"extends");
        file = NULL;
        if (ext != NULL) {
            if (x->n_docs >= AU_XML_MAX_CHAIN) {
                au_diags_add(d, x->files[x->n_files - 1], xmlGetLineNo(r),
                             "too many levels of extends (expected at most %d)", AU_XML_MAX_CHAIN);
                xmlFree(ext);
                st = AU_ECYCLE;
                goto done;
            }
            from.file = x->files[x->n_files - 1];
            from.line = au_xml_src(xmlHasProp(r, (const xmlChar *)"extends")).line;
            file = au_path_resolve(from.file, (const char *)ext);
            xmlFree(ext);
            if (file == NULL) {
                st = AU_ENOMEM;
                goto done;
            }
        }
    }

    /* Merge from the base-most file outwards. */
    x->doc = x->docs[x->n_docs - 1];
    for (size_t i = x->n_docs - 1; i-- > 0;) {
        if (merge(xmlDocGetRootElement(x->doc), xmlDocGetRootElement(x->docs[i]), 1) != 0) {
            au_diags_add(d, x->files[i], 0, "out of memory while merging");
            st = AU_ENOMEM;
            goto done;
        }
    }
    xmlUnsetProp(xmlDocGetRootElement(x->doc), (const xmlChar *)"extends");
    if (x->n_docs > 1 && strcmp(root, "scenario") == 0 &&
        check_lists(xmlDocGetRootElement(x->doc), d) != 0)
        st = AU_EINVAL;

done:
    for (size_t i = 0; i < n_real; i++)
        free(real[i]);
    free(real);
    if (st != AU_OK)
        au_xml_free(x);
    return st;
}
