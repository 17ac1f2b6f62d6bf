/* schema.h (private): validation of a merged scenario document against the
 * schema scenarios/autonomy.xsd, which is compiled into the library. */
#ifndef AUTONOMY_SCHEMA_H
#define AUTONOMY_SCHEMA_H

#include <stddef.h>
#include <libxml/tree.h>

#include "autonomy/error.h"

/* The schema's text (generated at build time from scenarios/autonomy.xsd). */
extern const unsigned char au_schema_xsd[];
extern const size_t au_schema_xsd_len;

/* Validates doc; each violation becomes a diagnostic naming the file and line
 * where the offending element or attribute was written (see xml_read.h).
 * Returns AU_OK or AU_ESCHEMA (AU_ENOMEM if the schema cannot be built). */
au_status au_schema_validate(xmlDocPtr doc, au_diags *d);

/* Frees the compiled schema, at the end of the process (after it, nothing
 * may be validated). */
void au_schema_cleanup(void);

#endif /* AUTONOMY_SCHEMA_H */
