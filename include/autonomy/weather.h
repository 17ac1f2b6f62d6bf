/* weather.h: one year of hourly weather (MODEL.md §2).
 *
 * A year is 8760 hours of local standard time (no daylight saving): hour 0 is
 * 1 January 00:00-01:00, hour h covers [h, h+1), and the 29th of February is
 * never present.  Each value is the mean over its hour.
 *
 * Readers (weather.c) convert a file to this form:
 *   AU_WFMT_EPW        EnergyPlus weather; hour-ending stamps 1..24 in the
 *                      file's time zone (LOCATION field 9)
 *   AU_WFMT_PVGIS_EPW  PVGIS's EPW export: same layout, but its rows are in
 *                      UTC whatever its LOCATION line says
 *   AU_WFMT_PVGIS_CSV  PVGIS TMY CSV: header lines, month/year table, column
 *                      line "time(UTC),T2m,RH,G(h),Gb(n),Gd(h),IR(h),WS10m,...",
 *                      8760 rows "YYYYMMDD:HHMM" in UTC (start of hour), legend
 *   AU_WFMT_CSV        plain hourly CSV with named columns (see weather.c)
 * Rows are placed by month, day and hour (typical years mix years), then the
 * whole year is rotated to the requested UTC offset (the last hours of 31
 * December wrap to the first of 1 January, the typical-year convention).
 * Where a file does not declare the instant its irradiance belongs to (EPW,
 * a plain CSV without "# irradiance_time_h:") and gives all three
 * components at a known place, the instant is taken where the components
 * agree (DNI cos z + DHI = GHI; solar.h) when that fits markedly better
 * than the format's convention: the Brussels-Uccle TMYx, for one, closes at
 * its hour-ending stamps, not at the middle of its hours.
 *
 * Every hour's irradiance is held to physical limits at the door (weather.c,
 * check_components): the diffuse and the beam on the horizontal within the
 * global, beam and diffuse making up the global (components are not zeros
 * standing for unknown values), and BSRN's physically possible limits for
 * the sun of the hour, where the file says where it is; a file that breaks
 * them is refused, never used.  A file that gives GHI alone gets DNI and DHI
 * from the Erbs split (has_beam below).
 *
 * Errors name the file and line: "FILE:LINE: error: what (expected)". */
#ifndef AUTONOMY_WEATHER_H
#define AUTONOMY_WEATHER_H

#include "autonomy/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AU_HOURS 8760

typedef enum {
    AU_WFMT_EPW, AU_WFMT_PVGIS_EPW, AU_WFMT_PVGIS_CSV, AU_WFMT_CSV
} au_weather_format;

/* How irradiance_time_h was set. */
typedef enum {
    AU_IRR_TIME_CONVENTION,         /* the format's convention (0.5: hour means) */
    AU_IRR_TIME_DECLARED,           /* the file says (PVGIS offset, CSV key) */
    AU_IRR_TIME_COMPONENTS          /* found where GHI, DNI and DHI agree: the
                                       file's beam and diffuse were split at
                                       another instant than its format says */
} au_irradiance_time_basis;

typedef struct au_weather {
    double ghi_w_m2[AU_HOURS];      /* global horizontal irradiance */
    double dni_w_m2[AU_HOURS];      /* direct normal irradiance */
    double dhi_w_m2[AU_HOURS];      /* diffuse horizontal irradiance */
    double temp_c[AU_HOURS];        /* dry-bulb air temperature */
    double wind10_m_s[AU_HOURS];    /* wind speed at 10 m */
    double latitude_deg;            /* from the file, NAN if it does not say */
    double longitude_deg;           /* east positive; NAN if unknown */
    double elevation_m;             /* NAN if unknown */
    double utc_offset_h;            /* time zone of the arrays' hours */
    double irradiance_time_h;       /* where in its hour an irradiance value
                                       belongs, hours after the hour's start:
                                       0.5 for hour means (EPW); PVGIS files
                                       declare an "Irradiance Time Offset" */
    au_irradiance_time_basis irradiance_time_basis;
    int has_beam;                   /* 0: only GHI was given; DNI/DHI are NAN
                                       as read, then split from GHI by Erbs
                                       once the sun is placed
                                       (au_weather_split_missing) */
} au_weather;

/* Reads a weather file into *w (caller-allocated; about 350 kB, so not on a
 * small stack).  utc_offset_h is the local standard time wanted for the
 * arrays, a whole number of hours from -12 to +14; NAN means the file's own
 * zone: the LOCATION time zone of an EPW, UTC for PVGIS files, and for a
 * plain CSV the zone its "# utc_offset_h:" line declares, UTC without one.
 * The file is read whole (at most 64 MiB).  Returns AU_OK, or AU_EIO (the
 * file cannot be read, or is too large) / AU_EINVAL (bad content or
 * arguments) / AU_ENOMEM, with diagnostics appended to d (which may be NULL
 * to discard them); *w is then unspecified.  Thread-safe for distinct w. */
au_status au_weather_read(const char *path, au_weather_format fmt, double utc_offset_h,
                          au_weather *w, au_diags *d);

/* The format of a one-year weather file from its name (.epw, .csv in either
 * case) and first lines (a PVGIS header): 0 and *fmt, or -1 for another
 * name. */
int au_weather_guess_format(const char *path, au_weather_format *fmt);

/* The month (0 = January .. 11) of day `day` (0 = 1 January) of the
 * model's 365-day year; days past 364 count as December. */
int au_month_of_day(long day);

/* The sun over hour `hour` of a 365-day year (day hour / 24, the hour
 * starting at hour % 24 o'clock local standard time utc_offset_h) at
 * (latitude_deg, longitude_deg east): the lowest and the highest cosine of
 * its zenith within the hour (0 while it is below the horizon) and the
 * extraterrestrial normal irradiance E0 of the day (W/m²).  By Spencer's
 * (1971) declination, equation of time and Earth-Sun distance, without
 * refraction: within about 0.1°, ample for the physical limits the readers
 * check the irradiance of each hour against (weather.c), which must hold
 * wherever in its hour a file puts its values.  Defined in solar.c, beside
 * the sun's other approximations. */
void au_weather_hour_sun(double latitude_deg, double longitude_deg, double utc_offset_h,
                         long hour, double *cos_zenith_min, double *cos_zenith_max,
                         double *e0_w_m2);

/* Several recorded years from one plain CSV (the columns of AU_WFMT_CSV
 * and a `time` column: each hour's start in ISO 8601 with its zone, e.g.
 * 2019-01-01T00:00+01:00 or 2019-01-01T00:00Z), whole consecutive years,
 * every hour in order, one zone: 29 February is dropped (MODEL.md §1), each
 * year then holds 8760 hours, converted to utc_offset_h (NAN: the file's
 * zone) as the one-year readers do.  *years (n of them, malloc'd) and
 * *year_numbers (the calendar years) are the caller's to free.  Problems
 * (a year missing, a year of fewer hours, a row in another zone, a value out
 * of range) go to d as FILE:LINE; returns AU_OK, AU_EIO, AU_EINVAL or
 * AU_ENOMEM. */
au_status au_weather_read_years(const char *path, double utc_offset_h, au_weather **years,
                                int **year_numbers, size_t *n_years, au_diags *d);

/* A year's climate change, month by month (0 = January), as Belcher,
 * Hacker & Powell (2005, Building Services Engineering Research and
 * Technology 26(1), 49-61) morph a weather year: temperature shifted and
 * stretched, irradiance and wind scaled. */
typedef struct au_morph {
    double dt_k[12];        /* shift of the month's mean temperature, K */
    double stretch[12];     /* alpha: spread about the month's mean, 0: none */
    double irradiance[12];  /* relative change of GHI, DNI and DHI */
    double wind[12];        /* relative change of the wind speed */
} au_morph;

/* Morphs w in place, hour h of month m:
 *     T'  = T + dt_k[m] + stretch[m] (T - <T>_m)     (<T>_m the month's mean)
 *     G'  = (1 + irradiance[m]) G   for GHI, DNI, DHI (their ratios kept)
 *     u'  = max(0, 1 + wind[m]) u */
void au_weather_morph(au_weather *w, const au_morph *m);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_WEATHER_H */
