/* fuzz_profile.c: user hourly profile CSV (a metered load curve). */
#include "fuzz_common.h"

#include "autonomy/shapes.h"
#include "autonomy/profile_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static double out[AU_HOURS];
    char path[128];
    fuzz_write("in.csv", data, size, path, sizeof path);
    au_diags d;
    au_diags_init(&d);
    au_profile_csv_read(path, out, &d);
    au_diags_clear(&d);
    return 0;
}
