/* fuzz_weather_pvgis_epw.c: the weather reader for AU_WFMT_PVGIS_EPW files, into local
 * time of UTC+1 (so that rotation is exercised too). */
#include "fuzz_common.h"

#include "autonomy/weather.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static au_weather w;
    char path[128];
    fuzz_write("in.dat", data, size, path, sizeof path);
    au_diags d;
    au_diags_init(&d);
    au_weather_read(path, AU_WFMT_PVGIS_EPW, 1.0, &w, &d);
    au_diags_clear(&d);
    return 0;
}
