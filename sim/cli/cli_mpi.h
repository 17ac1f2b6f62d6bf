/* cli_mpi.h (private): a run spread over the ranks of an MPI job
 * (docs/distributed.md).  Built with -DAUTONOMY_MPI=ON; without it every
 * function here is that of a job of one rank, so that the commands need no
 * #ifdef.
 *
 * Rank 0 hands out the scenarios to run, in guided ranges (long first,
 * short last), to the other ranks as they ask (the costliest first, so
 * that fast and slow ranks finish together), receives each scenario's
 * tables as bytes, and writes them, and
 * what a single run writes beside them, only once every scenario has
 * succeeded.  The other ranks run a scenario (OpenMP threads inside each
 * rank) and send its tables back.  A rank whose scenario fails sends its
 * error instead; rank 0 hands out nothing more, prints it, writes nothing
 * and every rank exits with 1.  Only the main thread calls MPI
 * (MPI_THREAD_FUNNELED). */
#ifndef AUTONOMY_CLI_MPI_H
#define AUTONOMY_CLI_MPI_H

#include <stddef.h>

#include "autonomy/error.h"

/* MPI_Init_thread (a job of one rank without the MPI build). */
void au_mpi_init(int *argc, char ***argv);
void au_mpi_finalize(void);
int au_mpi_rank(void);
int au_mpi_size(void);

/* The worst of every rank's status (the one of the lowest rank among the
 * failed, so that all ranks agree); st on a job of one rank.  *who receives
 * that rank (-1 when every rank is AU_OK). */
au_status au_mpi_agree(au_status st, int *who);

/* Rank 0's exit status, given to every rank. */
int au_mpi_exit_status(int status);

/* On a rank other than 0 of a job of several: standard output and error
 * go to /dev/null, and the descriptor of the standard error is returned
 * for the rank's own failures; -1 elsewhere (and on failure). */
int au_mpi_quiet_others(void);

/* Stops the whole job with msg on the standard error (MPI_Abort; exit(1)
 * on a job of one): for a rank that cannot go on with the others. */
void au_mpi_abort(const char *msg);

/* len bytes of buf from rank 0 to every rank (nothing on a job of one). */
void au_mpi_bcast(void *buf, size_t len);

/* Each rank's len bytes of mine, to all on rank 0, rank after rank (R × len
 * bytes; all is read only on rank 0). */
void au_mpi_gather(const void *mine, size_t len, void *all);

/* A file of a scenario's folder, as bytes. */
typedef struct au_mpi_file {
    char *name;
    char *data;
    size_t len;
} au_mpi_file;

/* What a task gave: its files, or its error. */
typedef struct au_mpi_result {
    au_mpi_file *files;
    size_t n_files;
    int failed;                 /* the task failed: error says why */
    char *error;
    int rank;                   /* the rank that ran it */
} au_mpi_result;

void au_mpi_result_clear(au_mpi_result *r);

/* Appends a file to r (the bytes are copied); -1 when out of memory. */
int au_mpi_result_add(au_mpi_result *r, const char *name, const char *data, size_t len);

/* The tasks, as rank 0 orders them, given to every rank: rank 0 passes
 * *n and task; the others receive them (task allocated here, freed by the
 * caller).  AU_OK or AU_ENOMEM. */
au_status au_mpi_share_tasks(size_t **task, size_t *n);

/* Rank 0: hands out tasks 0 .. n − 1 in that order, in ranges, to the
 * other ranks and collects their results in out (n of them).  Returns
 * AU_OK, or AU_EINTERNAL when a task failed (out[k].failed, with its error
 * where it has one: the others were not all run). */
au_status au_mpi_coordinate(size_t n, au_mpi_result *out);

/* The other ranks: asks rank 0 for tasks until it has none, runs each
 * range with work(first, count, ctx, res) (res: count results) and sends
 * the results.  AU_OK, or a failure of MPI itself. */
au_status au_mpi_serve(void (*work)(size_t first, size_t count, void *ctx, au_mpi_result *res),
                       void *ctx);

#endif /* AUTONOMY_CLI_MPI_H */
