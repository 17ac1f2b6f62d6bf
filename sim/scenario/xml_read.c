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

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

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
    xmlNodePtr c = v->children;
    while (c != NULL) {
        xmlNodePtr next = c->next;
        if (c->type == XML_ELEMENT_NODE) {
            xmlNodePtr m = find_match(base, c);
            if (m != NULL) {
                if (merge(m, c, 0) != 0)
                    return -1;
            } else {
                xmlUnlinkNode(c);
                if (xmlAddChild(base, c) == NULL)
                    return -1;
            }
        }
        c = next;
    }
    return 0;
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

done:
    for (size_t i = 0; i < n_real; i++)
        free(real[i]);
    free(real);
    if (st != AU_OK)
        au_xml_free(x);
    return st;
}
