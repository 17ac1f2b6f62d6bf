/* lever.h (private): levers applied to a scenario's XML (lever.c). */
#ifndef AUTONOMY_LEVER_H
#define AUTONOMY_LEVER_H

#include <stddef.h>
#include <libxml/tree.h>

#include "autonomy/scenario.h"

/* Applies lever op with value (scale: a factor; shift: whole years; set: a
 * quantity reached in `year`) to el, a yearly quantity, within the horizon
 * y0-y1.  0, or -1 with what is wrong in why. */
int au_lever_apply(xmlNodePtr el, au_lever_op op, int year, const char *value, int y0, int y1,
                   char *why, size_t wn);

#endif /* AUTONOMY_LEVER_H */
