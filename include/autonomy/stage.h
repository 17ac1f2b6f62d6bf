/* stage.h: a results folder as a transaction (docs/robustness.md).
 *
 * A run writes every table into a stage, a hidden folder of its own inside
 * the results folder (DIR/.run.autonomy-tmp-XXXXXX), and publishes it at
 * the end: a batch's folder is exchanged whole with its new version in one
 * system call (renameat2 with RENAME_EXCHANGE; where the file system
 * cannot, two renames, between which the folder is missing but never half
 * old), a loose scenario's folder likewise, then the loose tables
 * (summary.csv, manifest.csv, report.html) each by a rename.  A run that
 * fails or is stopped before it publishes removes its stage and leaves the
 * previous results exactly as they were; a signal that comes while it
 * publishes waits until it has published.
 *
 * What a published folder held that the new run does not write, and that
 * is not one of the program's own tables (a user's notes, the folder of a
 * scenario no longer in the batch), is carried into the new folder; the
 * program's own tables of the old run (an hourly table of a year not asked
 * again, a report that could not be drawn again) go with the old folder. */
#ifndef AUTONOMY_STAGE_H
#define AUTONOMY_STAGE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Whether name (no folder) is one the program writes into a results
 * folder: summary.csv, manifest.csv, report.html, yearly.csv,
 * summary-row.csv, inputs.csv, hourly-<YEAR>.csv, or one of its own
 * temporary files (au_is_own_tmp). */
int au_is_own_table(const char *name);

/* Removes path, a folder, with the files in it and in its folders (at most
 * 16 levels down) that are the program's own (au_is_own_table), and each
 * folder left empty; anything else stays where it is.  System calls only
 * (open, getdents64, unlinkat, close): a signal handler may call it.
 * 0 when path is gone, -1 otherwise. */
int au_remove_own_tree(const char *path);

/* Makes a stage, dir/<tag>.autonomy-tmp-XXXXXX (dir exists), its path in
 * stage (4096 bytes), and registers it for removal by the signal handler
 * (au_cleanup_on_signals).  0, or -1 with errno. */
int au_stage_make(const char *dir, const char *tag, char *stage);

/* Puts the folder staged in place of the folder dest, whole: what dest held
 * that staged does not, and that is not the program's own, is carried into
 * staged first (recursively, into the folders both hold); then the two are
 * exchanged, so that the old folder is at staged's path (removed with the
 * stage).  A dest that does not exist is made by a rename.  0, or -1 with
 * why (why_len bytes) and dest as it was. */
int au_stage_swap(const char *staged, const char *dest, char *why, size_t why_len);

/* Publishes a file of the stage: staged renamed over dest.  0 or -1. */
int au_stage_put(const char *staged, const char *dest, char *why, size_t why_len);

/* Holds the signals that end the process while a run publishes (the
 * handler notes them and returns), then, at au_stage_publish_end, lets a
 * signal that came end the process as it would have. */
void au_stage_publish_begin(void);
void au_stage_publish_end(void);

/* Removes the registered stage (au_remove_own_tree) and forgets it; says
 * so on standard error when files not the program's keep it. */
void au_stage_discard(void);

/* For the signal handler (au_cleanup_on_signals): 1 when the signal must
 * wait for the publication to end (it is noted); otherwise removes the
 * stage and returns 0. */
int au_stage_on_signal(int sig);

#ifdef __cplusplus
}
#endif

#endif
