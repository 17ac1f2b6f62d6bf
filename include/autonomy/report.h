/* report.h: the HTML report of a run, with its charts (results/README.md).
 *
 * au_report_write() writes DIR/report.html: the annual-balance and
 * hourly-autonomy trajectories of every scenario against its threshold with
 * the autonomy year marked, the yearly energy mix of one scenario, and the
 * hourly dispatch of a typical winter week and summer week of that
 * scenario.  The charts are drawn by gnuplot (SVG, embedded in the page).
 * Files are written atomically (results.h).  Everything comes from the
 * pathways as given: the dispatch weeks from the flow table the runner kept
 * of that scenario's last year; the report runs nothing. */
#ifndef AUTONOMY_REPORT_H
#define AUTONOMY_REPORT_H

#include <stddef.h>

#include "autonomy/error.h"
#include "autonomy/runner.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes dir/report.html for the pathways p[0..n).  mix_scenario names the
 * scenario whose energy mix and dispatch weeks are shown (NULL: the first);
 * its pathway must hold the flow table of its last year (au_run_opts
 * keep_last, or au_run_keep), else AU_EINVAL with a diagnostic.
 * Returns AU_OK; AU_ETOOL with one diagnostic (file "gnuplot") when gnuplot
 * is missing, fails or draws no chart; AU_EIO with a diagnostic when a file
 * or folder cannot be written; the report is then absent, never
 * half-written. */
au_status au_report_write(const char *dir, const au_pathway *p, size_t n,
                          const char *mix_scenario, au_diags *d);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_REPORT_H */
