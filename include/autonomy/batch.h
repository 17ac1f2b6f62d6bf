/* batch.h: batches of scenarios and sweeps (results/README.md).
 *
 * A batch file (root <batch>, validated by scenarios/autonomy.xsd) lists
 * scenario files; each may carry sweeps, and the batch may carry sweeps
 * that apply to every scenario.  A sweep names one value inside a scenario
 * with an XPath expression (libxml2's XPath) and lists the values to try.
 * Each scenario gives the Cartesian product of its sweeps (and, with
 * include-base="true", itself unswept).  Every variant gets a readable,
 * stable name: the scenario's name, then "+sweep=value" for each sweep in
 * order, values without spaces: "amiens-roadmap+pv=600MWp+battery=200MWh".
 * The batch is checked whole before anything runs. */
#ifndef AUTONOMY_BATCH_H
#define AUTONOMY_BATCH_H

#include <stddef.h>

#include "autonomy/error.h"
#include "autonomy/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The most variants a batch may make (its scenarios, each the product of
 * its sweeps' values), counted before any is made.  Every variant is
 * loaded and checked before anything runs: about 40 KB and 4 ms each for
 * amiens-autonomy-2050.xml (and 70 KB more for each profile file it reads),
 * so 400 MB and 40 s at the limit.  Past it, runs are better split in
 * batches (or shards, run --shard). */
#define AU_BATCH_MAX_VARIANTS 10000

/* The most sweeps of one scenario, the batch's included. */
#define AU_BATCH_MAX_SWEEPS 64

typedef struct au_variant {
    char *name;                 /* readable, stable, unique in the batch */
    char *file;                 /* the scenario file, resolved against the batch */
    size_t n_ov;
    au_override *ov;            /* the substitutions (strings owned by the batch) */
    long line;                  /* the <scenario> element in the batch file */
} au_variant;

typedef struct au_batch {
    char *name;
    char *file;
    size_t n;
    au_variant *v;
    char **strings;             /* what the overrides point to (owned) */
    size_t n_strings;
} au_batch;

/* 1 when path's root element is <batch>, 0 otherwise (a scenario, or a file
 * that the scenario reader will reject with its own message). */
int au_file_is_batch(const char *path);

/* Reads and checks a batch: the schema, the scenario files exist, variant
 * names are unique.  The variants' scenarios are not loaded here (see
 * au_batch_load_scenarios). */
au_status au_batch_load(const char *path, au_batch **out, au_diags *d);

/* Loads every variant of b as a scenario (substitutions applied, validated);
 * out receives b->n scenarios.  Every problem is reported; on error none
 * is returned. */
au_status au_batch_load_scenarios(const au_batch *b, au_scenario **out, au_diags *d);

void au_batch_free(au_batch *b);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_BATCH_H */
