/* fuzz_results.c: the result tables read back, by `autonomy run --resume`
 * (au_pathway_read: a scenario's summary-row.csv and yearly.csv) and by
 * `autonomy compare` (a folder's summary.csv, and the yearly.csv of each of
 * its scenarios).  The input is up to three tables separated by a form feed
 * (\f, never in a table the program writes):
 *     summary-row.csv \f yearly.csv \f summary.csv
 * written as R/s/summary-row.csv, R/s/yearly.csv and R/summary.csv (a part
 * left out is a file absent).  The scenario s (horizon 2020-2050, as the
 * shipped ones) reads its folder back; the pathway read is then written out
 * again, as a resumed run does (summary.csv and yearly.csv, to /dev/null);
 * then `autonomy compare R` runs, in a format and order chosen by the
 * input's length, its output and messages to /dev/null.  The seeds
 * (tests/fuzz/run.sh) are the tables of real runs, the first scenario of
 * each summary renamed s so that compare finds its yearly.csv. */
#include "fuzz_common.h"

#include <sys/stat.h>

#include "autonomy/results.h"
#include "autonomy/runner.h"
#include "cli.h"

static const char scen[] = FUZZ_SCENARIO_S;

static au_scenario *scenario;
static char rdir[128], sdir[160];
static FILE *devnull;

/* The scenario and the folders, once per process. */
static void setup(void)
{
    char path[128];
    au_diags d;
    fuzz_write("s.xml", (const uint8_t *)scen, sizeof scen - 1, path, sizeof path);
    au_diags_init(&d);
    if (au_scenario_load(path, &scenario, &d) != AU_OK)
        abort();
    au_diags_clear(&d);
    snprintf(rdir, sizeof rdir, "%s/r", fuzz_folder());
    snprintf(sdir, sizeof sdir, "%s/s", rdir);
    if ((mkdir(rdir, 0700) != 0 || mkdir(sdir, 0700) != 0) ||
        (devnull = fopen("/dev/null", "w")) == NULL)
        abort();
}

/* Part k of the input (its tables separated by \f) written to path, or
 * path removed when the input has fewer parts. */
static void put_part(const uint8_t *data, size_t size, int k, const char *path)
{
    size_t from = 0;
    for (int i = 0; i < k; i++) {
        const uint8_t *ff = from < size ? memchr(data + from, '\f', size - from) : NULL;
        if (ff == NULL) {
            unlink(path);
            return;
        }
        from = (size_t)(ff - data) + 1;
    }
    const uint8_t *ff = from < size ? memchr(data + from, '\f', size - from) : NULL;
    size_t to = ff != NULL ? (size_t)(ff - data) : size;
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        abort();
    if (to > from && fwrite(data + from, 1, to - from, f) != to - from)
        abort();
    if (fclose(f) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[256];
    if (scenario == NULL)
        setup();
    snprintf(path, sizeof path, "%s/summary-row.csv", sdir);
    put_part(data, size, 0, path);
    snprintf(path, sizeof path, "%s/yearly.csv", sdir);
    put_part(data, size, 1, path);
    snprintf(path, sizeof path, "%s/summary.csv", rdir);
    put_part(data, size, 2, path);

    /* run --resume: the pathway read back, then written out again */
    au_diags d;
    au_pathway p;
    au_diags_init(&d);
    if (au_pathway_read(scenario, sdir, &p, &d) == AU_OK) {
        au_summary_ctx c = {&p, 1};
        au_write_summary(devnull, &c);
        au_write_yearly(devnull, &p);
        au_pathway_clear(&p);
    }
    au_diags_clear(&d);

    /* compare, its output and messages discarded (the sanitizers write to
     * the descriptor, not through stderr) */
    static const char *const formats[] = {"md", "csv", "html"};
    static const char *const sorts[] = {"year", "cost", "co2", "jobs"};
    char *argv[] = {"compare", rdir, "--format", (char *)formats[size % 3], "--sort",
                    (char *)sorts[size / 3 % 4], NULL};
    FILE *out = stdout, *err = stderr;
    stdout = stderr = devnull;
    au_cli_compare(6, argv);
    stdout = out;
    stderr = err;
    fflush(devnull);
    return 0;
}
