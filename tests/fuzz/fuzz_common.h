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
