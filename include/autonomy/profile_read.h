/* profile_read.h: reading a user's hourly profile file (profile_read.c).
 *
 * Scenarios name hourly series in profile-file attributes: the shape of a
 * demand, or a measured generation per unit of capacity.  The scenario
 * loader reads them with this function, so that every input is checked when
 * the scenario is loaded. */
#ifndef AUTONOMY_PROFILE_READ_H
#define AUTONOMY_PROFILE_READ_H

#include "autonomy/error.h"
#include "autonomy/units.h"
#include "autonomy/weather.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads a user hourly profile: a CSV file of 8760 data rows (see profile_read.c
 * for the format) and stores its values in out[AU_HOURS] (non-negative, not
 * normalised, not all zero).  out is written only on success.  Problems go
 * to d (NULL to discard them) as "FILE:LINE: ...", line 0 for the whole
 * file; returns AU_OK, AU_EIO (the file cannot be read or is over 16 MiB),
 * AU_EINVAL (bad content) or AU_ENOMEM.  Thread-safe for distinct out. */
au_status au_profile_csv_read(const char *path, double *out, au_diags *d);

/* The same, where a load curve (ISO 8601 times with their steps: an Enedis
 * "courbe de charge", a CSV with a time column) is also read: its rows are
 * summed into the hours of standard time utc_offset_h (a time without
 * offset is in that time), and note (note_n bytes) receives what was done
 * ("" for a file of 8760 rows). */
au_status au_profile_csv_read_at(const char *path, double utc_offset_h, double *out, char *note,
                                 size_t note_n, au_diags *d);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_PROFILE_READ_H */
