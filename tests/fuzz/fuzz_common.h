/* fuzz_common.h: what the libFuzzer targets share.  Each target writes the
 * fuzzer's bytes to a file in a private temporary folder (the readers take
 * file names, as the program does) and runs the reader on it; any crash,
 * hang, leak or sanitizer report is a finding.  The readers' diagnostics
 * are discarded. */
#ifndef AUTONOMY_FUZZ_COMMON_H
#define AUTONOMY_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "autonomy/scenario.h"

/* A valid scenario named s (horizon 2020-2050, a use, a PV fleet), for the
 * targets that need one beside their input. */
#define FUZZ_SCENARIO_S                                                                    \
    "<?xml version=\"1.0\"?>\n<scenario name=\"s\">\n"                                      \
    "  <territory name=\"T\" latitude=\"49.9 deg\" longitude=\"2.3 deg\" utc-offset=\"1 h\">\n" \
    "    <population>1000</population>\n  </territory>\n"                                   \
    "  <demand><sector name=\"residential\"><use name=\"a\" type=\"electricity\">"          \
    "<annual>2 GWh</annual></use></sector></demand>\n"                                      \
    "  <generation><pv name=\"p\" tilt=\"30 deg\" azimuth=\"180 deg\"><capacity>1 MW"        \
    "</capacity></pv></generation>\n"                                                       \
    "  <autonomy indicator=\"annual-balance\" threshold=\"1\"/>\n</scenario>\n"

static char fuzz_dir[64];

/* The folder, made once per process; extra files for the target (a base
 * scenario to extend) are written there too. */
static const char *fuzz_folder(void)
{
    if (fuzz_dir[0] == '\0') {
        strcpy(fuzz_dir, "/tmp/autonomy-fuzz-XXXXXX");
        if (mkdtemp(fuzz_dir) == NULL)
            abort();
        gsl_set_error_handler_off();
        au_scenario_library_init();
    }
    return fuzz_dir;
}

static void fuzz_write(const char *name, const uint8_t *data, size_t size, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", fuzz_folder(), name);
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        abort();
    if (size > 0 && fwrite(data, 1, size, f) != size)
        abort();
    if (fclose(f) != 0)
        abort();
}

#endif /* AUTONOMY_FUZZ_COMMON_H */
