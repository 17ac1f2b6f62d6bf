/* xml_read.h (private): reading scenario XML safely, following `extends`
 * chains, and merging a variant onto the files it extends, remembering for
 * every element and attribute which file and line it came from. */
#ifndef AUTONOMY_XML_READ_H
#define AUTONOMY_XML_READ_H

#include <stddef.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "autonomy/error.h"

/* Where a node was written.  Every element's and attribute's `_private`
 * points to one of these (owned by the au_xml that parsed it). */
typedef struct au_src {
    const char *file;
    long line;
} au_src;

typedef struct au_src_block au_src_block;

typedef struct au_xml {
    xmlDocPtr doc;          /* the merged document: the chain's base, modified */
    xmlDocPtr *docs;        /* every parsed document, kept alive for provenance */
    size_t n_docs;
    char **files;           /* the files as named (relative paths resolved), owned */
    size_t n_files;
    au_src_block *srcs;     /* storage of au_src records */
} au_xml;

/* Largest file read, in bytes: scenario files are a few kilobytes. */
#define AU_XML_MAX_BYTES (4L * 1024 * 1024)

/* Deepest chain of `extends`. */
#define AU_XML_MAX_CHAIN 32

/* The most elements of a costly kind a scenario holds, once its chain is
 * merged (each file of the chain is held to them too, as it is read).
 * Each costs memory and time in every year simulated (measured on
 * tests/data/minimal.xml, one thread): a generation fleet (pv, wind, plant,
 * fixed, or a plant of the heat network) about 140 KB, a demand use (use or
 * mobility group) about 140 KB, a store (battery, hydrogen, heat-storage)
 * about 410 KB and 9 ms a run.  At the limits: 140 MB, 140 MB and 410 MB
 * for one scenario being simulated (one per thread).  Without them, 10,000
 * PV fleets took 2.1 GB and 89 s, 40,000 uses 2.8 GB and 3 min 26 s. */
#define AU_SCENARIO_MAX_FLEETS 1000
#define AU_SCENARIO_MAX_USES 1000
#define AU_SCENARIO_MAX_STORES 1000

/* Reads `path` and every file it extends, checks each is well-formed XML
 * without a DOCTYPE and that its root element is `root`, and merges the chain
 * into x->doc.  Problems go to d.  On error x is released and left empty. */
au_status au_xml_load(const char *path, const char *root, au_xml *x, au_diags *d);

/* Releases what au_xml_load made.  Accepts an empty (zeroed) au_xml. */
void au_xml_free(au_xml *x);

/* A new provenance record (file must outlive x), for nodes the program sets
 * itself, such as a batch's substituted values; NULL when out of memory. */
au_src *au_xml_src_new(au_xml *x, const char *file, long line);

/* Where an element or attribute came from; {NULL-safe "-", 0} when unknown. */
au_src au_xml_src(const void *node);

/* Most steps libxml2 may take to evaluate one XPath expression of a sweep,
 * a lever or seek (xmlXPathContext's opLimit).  A path such as
 * /scenario/generation/pv[@name='x']/capacity takes under 100 steps, a
 * `//` over the largest scenario (1,000 fleets, uses and stores) some tens
 * of thousands; each nested `//` scan multiplies the work by the size of
 * the document, and five of them ran for hours.  At 35-65 ns a step,
 * 1,000,000 steps are at most about 60 ms. */
#define AU_XPATH_MAX_STEPS 1000000UL

/* 0 when xpath is of the kind a sweep, a lever or seek takes (a path to a
 * value: see xml_read.c), else -1 with what is wrong and where in why. */
int au_xpath_check(const char *xpath, char *why, size_t n);

/* Reports at file:line that xpath is not of that kind (why). */
void au_xpath_refused(au_diags *d, const char *file, long line, const char *xpath,
                      const char *why);

/* Evaluates xpath in ctx (a context on the scenario document) within
 * AU_XPATH_MAX_STEPS, libxml2's own messages silenced: its result, or NULL
 * when xpath is not an expression or, with *too_costly set, it needs more
 * steps than that. */
xmlXPathObjectPtr au_xpath_eval(xmlXPathContextPtr ctx, const char *xpath, int *too_costly);

/* Reports at file:line that xpath needs more than AU_XPATH_MAX_STEPS. */
void au_xpath_too_costly(au_diags *d, const char *file, long line, const char *xpath);

/* The directory part of a file name, as a new string ("." for none). */
char *au_path_dir(const char *file);

/* `rel` resolved against the directory of `file` unless absolute; new string. */
char *au_path_resolve(const char *file, const char *rel);

#endif /* AUTONOMY_XML_READ_H */
