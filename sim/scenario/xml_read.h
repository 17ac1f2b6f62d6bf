/* xml_read.h (private): reading scenario XML safely, following `extends`
 * chains, and merging a variant onto the files it extends, remembering for
 * every element and attribute which file and line it came from. */
#ifndef AUTONOMY_XML_READ_H
#define AUTONOMY_XML_READ_H

#include <stddef.h>
#include <libxml/tree.h>

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

/* The directory part of a file name, as a new string ("." for none). */
char *au_path_dir(const char *file);

/* `rel` resolved against the directory of `file` unless absolute; new string. */
char *au_path_resolve(const char *file, const char *rel);

#endif /* AUTONOMY_XML_READ_H */
