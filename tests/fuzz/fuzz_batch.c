/* fuzz_batch.c: batch files with XPath sweeps.  The input is a batch file;
 * a valid scenario, s.xml, sits beside it for the batch to name. */
#include "fuzz_common.h"

#include "autonomy/batch.h"

static const char scen[] = FUZZ_SCENARIO_S;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128], spath[128];
    fuzz_write("s.xml", (const uint8_t *)scen, sizeof scen - 1, spath, sizeof spath);
    fuzz_write("in.xml", data, size, path, sizeof path);
    au_diags d;
    au_batch *b = NULL;
    au_diags_init(&d);
    if (au_batch_load(path, &b, &d) == AU_OK && b->n <= 64) {
        au_scenario *v[64] = {0};
        if (au_batch_load_scenarios(b, v, &d) == AU_OK)
            for (size_t i = 0; i < b->n; i++)
                au_scenario_free(v[i]);
    }
    au_batch_free(b);
    au_diags_clear(&d);
    return 0;
}
