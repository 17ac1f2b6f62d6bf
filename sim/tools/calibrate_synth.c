/* calibrate_synth.c: derives the synthetic-weather constants from a real
 * hourly year and prints them as a C initialiser (synth.h).  The Amiens set
 * in synth_amiens.c was made by
 *   autonomy-calibrate-weather epw ../shared/data/weather/BEL_VLG_Uccle.064470_TMYx.2007-2021.epw
 * Not installed: a tool for maintainers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "autonomy/synth.h"

int main(int argc, char **argv)
{
    static const struct { const char *name; au_weather_format fmt; } fmts[] = {
        {"epw", AU_WFMT_EPW}, {"pvgis-epw", AU_WFMT_PVGIS_EPW},
        {"pvgis-csv", AU_WFMT_PVGIS_CSV}, {"csv", AU_WFMT_CSV}};
    if (argc != 3) {
        fprintf(stderr, "Usage: %s epw|pvgis-epw|pvgis-csv|csv FILE\n", argv[0]);
        return 2;
    }
    gsl_set_error_handler_off();
    int fmt = -1;
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
        if (strcmp(argv[1], fmts[i].name) == 0)
            fmt = (int)fmts[i].fmt;
    if (fmt < 0) {
        fprintf(stderr, "%s: unknown format '%s' (expected epw, pvgis-epw, pvgis-csv or csv)\n",
                argv[0], argv[1]);
        return 2;
    }
    au_weather *w = malloc(sizeof *w);
    au_sunpath *sun = malloc(sizeof *sun);
    au_synth_climate *c = malloc(sizeof *c);
    au_diags d;
    au_diags_init(&d);
    int rc = 2;
    if (w == NULL || sun == NULL || c == NULL) {
        fprintf(stderr, "%s: out of memory\n", argv[0]);
        goto out;
    }
    if (au_weather_read(argv[2], (au_weather_format)fmt, NAN, w, &d) != AU_OK) {
        au_diags_print(&d, stderr);
        goto out;
    }
    if (isnan(w->latitude_deg) || isnan(w->longitude_deg) ||
        au_sunpath_compute(w->latitude_deg, w->longitude_deg,
                           isnan(w->elevation_m) ? 0.0 : w->elevation_m, w->utc_offset_h,
                           w->irradiance_time_h, sun) != AU_OK) {
        fprintf(stderr, "%s: %s: the file does not give a usable place and time zone\n", argv[0],
                argv[2]);
        goto out;
    }
    if (au_synth_calibrate(w, sun, argv[2], c) != AU_OK) {
        fprintf(stderr, "%s: out of memory\n", argv[0]);
        goto out;
    }
    au_synth_print(c, stdout);
    rc = 0;
out:
    au_diags_clear(&d);
    free(w);
    free(sun);
    free(c);
    return rc;
}
