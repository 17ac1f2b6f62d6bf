/* fuzz_weather_years.c: the reader of recorded years (au_weather_read_years),
 * into local time of UTC+1 (so that each year's rotation is exercised too). */
#include "fuzz_common.h"

#include <stdlib.h>

#include "autonomy/weather.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
    fuzz_write("in.dat", data, size, path, sizeof path);
    au_diags d;
    au_diags_init(&d);
    au_weather *w = NULL;
    int *years = NULL;
    size_t n = 0;
    if (au_weather_read_years(path, 1.0, &w, &years, &n, &d) == AU_OK) {
        free(w);
        free(years);
    }
    au_diags_clear(&d);
    return 0;
}
