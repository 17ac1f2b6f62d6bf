/* shapes.h: built-in hourly shapes of demand, and user hourly profiles
 * (MODEL.md §4).
 *
 * A shape is 8760 non-negative hourly weights of the typical year (local
 * standard time, hour 0 = 1 January 00:00-01:00) that sum to 1: an annual
 * quantity times the shape gives hourly MW.  Shapes carry the daily cycle,
 * the week (the typical year's 1 January is a Monday; see shapes.c) and the
 * season of each kind of use.  Space heating is not a shape: it follows the
 * weather (heat.h). */
#ifndef AUTONOMY_SHAPES_H
#define AUTONOMY_SHAPES_H

#include "autonomy/error.h"
#include "autonomy/weather.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    AU_SHAPE_FLAT,          /* constant */
    AU_SHAPE_RESIDENTIAL,   /* homes (German BDEW H25) */
    AU_SHAPE_TERTIARY,      /* offices, shops, public buildings (BDEW G25) */
    AU_SHAPE_INDUSTRY,      /* French industrial electricity and process heat */
    AU_SHAPE_AGRICULTURE,
    AU_SHAPE_HOT_WATER,     /* domestic hot water */
    AU_SHAPE_EV_EVENING,    /* electric vehicles charged on arrival home */
    AU_SHAPE_HOT_WATER_OFFPEAK, /* electric water heaters on off-peak hours */
    AU_SHAPE_BUILDINGS,     /* specific electricity of French buildings */
    AU_SHAPE_COUNT
} au_shape;

/* The name of a shape as scenario files write it: "flat", "residential",
 * "tertiary", "industry", "agriculture", "hot-water", "ev-evening",
 * "hot-water-offpeak", "buildings"; NULL for a value that is not a shape. */
const char *au_shape_name(au_shape s);

/* Fills out[AU_HOURS] with shape s: non-negative, summing to 1 (to about
 * 1e-15).  Pure and thread-safe; s must be a shape (AU_SHAPE_FLAT to
 * AU_SHAPE_BUILDINGS). */
void au_shape_fill(au_shape s, double *out);

/* The hour of the year in French legal time of standard hour i (0 ..
 * AU_HOURS − 1) of the typical year: i + 1 in summer time (25 March 02:00 to
 * 28 October 02:00 standard time), i otherwise (shapes.c). */
int au_legal_hour(int i);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_SHAPES_H */
