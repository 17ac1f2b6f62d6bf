/* calendar.h: days and dates of the proleptic Gregorian calendar, for the
 * readers of timestamped files (calendar.c). */
#ifndef AUTONOMY_CALENDAR_H
#define AUTONOMY_CALENDAR_H

#ifdef __cplusplus
extern "C" {
#endif

/* Days from 1970-01-01 to y-m-d (m 1..12, d 1..31; negative before). */
long au_days_from_civil(long y, long m, long d);

/* The date of day z after 1970-01-01. */
void au_civil_from_days(long z, long *y, long *m, long *d);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_CALENDAR_H */
