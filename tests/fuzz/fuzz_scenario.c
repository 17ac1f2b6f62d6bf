/* fuzz_scenario.c: scenario XML, with extension, units and trajectories.
 * The input is a scenario file; a valid base scenario, base.xml, sits beside
 * it so that extends="base.xml" exercises merging. */
#include "fuzz_common.h"

#include "autonomy/scenario.h"

static const char base[] =
    "<?xml version=\"1.0\"?>\n<scenario name=\"base\">\n"
    "  <territory name=\"T\" latitude=\"49.9 deg\" longitude=\"2.3 deg\" utc-offset=\"1 h\">\n"
    "    <population>1000</population>\n  </territory>\n"
    "  <demand><sector name=\"residential\"><use name=\"a\" type=\"electricity\">"
    "<annual>2 GWh</annual></use></sector></demand>\n"
    "  <generation><pv name=\"p\" tilt=\"30 deg\" azimuth=\"180 deg\"><capacity>1 MW"
    "</capacity></pv></generation>\n"
    "  <autonomy indicator=\"annual-balance\" threshold=\"1\"/>\n</scenario>\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128], bpath[128];
    fuzz_write("base.xml", (const uint8_t *)base, sizeof base - 1, bpath, sizeof bpath);
    fuzz_write("in.xml", data, size, path, sizeof path);
    au_diags d;
    au_scenario *s = NULL;
    au_diags_init(&d);
    if (au_scenario_load(path, &s, &d) == AU_OK && s == NULL)
        abort();
    au_scenario_free(s);
    au_diags_clear(&d);
    return 0;
}
