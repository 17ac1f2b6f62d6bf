/* profile_curve.h: timestamped load curves (an Enedis "courbe de charge",
 * a plain CSV with a time column) read as the 8760 hours of a profile
 * (profile_curve.c says what is read and what is done with it). */
#ifndef AUTONOMY_PROFILE_CURVE_H
#define AUTONOMY_PROFILE_CURVE_H

#include <stddef.h>

#include "autonomy/error.h"
#include "autonomy/weather.h"
#include "textfile.h"

/* Whether the file in buf (len bytes) has ISO 8601 times in its first
 * lines: a load curve rather than 8760 bare rows. */
int au_curve_detect(const char *buf, size_t len);

/* Reads the load curve in buf into v[AU_HOURS] (the standard time of
 * utc_offset_h) and says in note (note_n bytes) what was done: the rows,
 * their step, unit and stamps, the hours filled.  Problems go to r. */
au_status au_curve_parse(au_reader *r, const char *buf, size_t len, double utc_offset_h,
                         double *v, char *note, size_t note_n);

#endif /* AUTONOMY_PROFILE_CURVE_H */
