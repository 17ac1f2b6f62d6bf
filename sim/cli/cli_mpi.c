/* cli_mpi.c: a run spread over the ranks of an MPI job (cli_mpi.h).
 *
 * Two messages: a rank asks for tasks with the results of its last ones
 * (TAG_ASK: a packed buffer, below), rank 0 answers with the next range of
 * tasks, or none (TAG_TASK: two uint64, first and count; count 0: none).
 * The ranges are guided (Polychronopoulos and Kuck, IEEE Trans. Comput.
 * 36, 1987): each holds the tasks left over twice the ranks, at least one,
 * so that a rank's first ranges are long (the scenarios of a range share
 * their weather samples, made once) and its last ones short (the ranks
 * finish together).  Results are packed as uint64 fields:
 *   kind (0: the first ask, 1: results), first task, count, then per task:
 *   failed, number of files, per file its name's length, the name, its
 *   length, its bytes, then, when failed, the error's length and the error
 *   (0: none).
 * Rank 0 waits for asks with MPI_Iprobe and a 1 ms sleep, not in a
 * blocking receive, which Open MPI would spin in, taking a core from the
 * ranks that compute beside it. */
#include "cli_mpi.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void au_mpi_result_clear(au_mpi_result *r)
{
    for (size_t k = 0; k < r->n_files; k++) {
        free(r->files[k].name);
        free(r->files[k].data);
    }
    free(r->files);
    free(r->error);
    memset(r, 0, sizeof *r);
}

int au_mpi_result_add(au_mpi_result *r, const char *name, const char *data, size_t len)
{
    au_mpi_file *f = realloc(r->files, (r->n_files + 1) * sizeof *f);
    if (f == NULL)
        return -1;
    r->files = f;
    au_mpi_file *n = &r->files[r->n_files];
    n->name = strdup(name);
    n->data = malloc(len + 1);
    n->len = len;
    if (n->name == NULL || n->data == NULL) {
        free(n->name);
        free(n->data);
        return -1;
    }
    if (len > 0)
        memcpy(n->data, data, len);
    r->n_files++;
    return 0;
}

#ifdef AU_WITH_MPI

#include <limits.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include <mpi.h>

enum { TAG_ASK = 1, TAG_TASK = 2 };

/* MPI is started only under a launcher (mpirun, srun, mpiexec), which
 * says so in the environment: a process started alone is a job of one
 * rank without it (Open MPI's singleton start takes 0.4 s). */
static int started;

void au_mpi_init(int *argc, char ***argv)
{
    static const char *const launched[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK",
                                           "PMI_SIZE", "MPI_LOCALNRANKS"};
    for (size_t k = 0; k < sizeof launched / sizeof launched[0] && !started; k++)
        started = getenv(launched[k]) != NULL;
    if (started) {
        int provided;
        MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    }
}

void au_mpi_finalize(void)
{
    if (started)
        MPI_Finalize();
}

int au_mpi_rank(void)
{
    int r = 0;
    if (started)
        MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
}

int au_mpi_size(void)
{
    int s = 1;
    if (started)
        MPI_Comm_size(MPI_COMM_WORLD, &s);
    return s;
}

au_status au_mpi_agree(au_status st, int *who)
{
    int size = au_mpi_size(), mine = st != AU_OK ? au_mpi_rank() : size, first;
    MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (first == size) {
        *who = -1;
        return AU_OK;
    }
    int code = (int)st;
    MPI_Bcast(&code, 1, MPI_INT, first, MPI_COMM_WORLD);
    *who = first;
    return (au_status)code;
}

int au_mpi_exit_status(int status)
{
    MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return status;
}

int au_mpi_quiet_others(void)
{
    if (au_mpi_size() < 2 || au_mpi_rank() == 0)
        return -1;
    int fd = dup(STDERR_FILENO);
    if (freopen("/dev/null", "w", stderr) == NULL || freopen("/dev/null", "w", stdout) == NULL)
        return fd;
    return fd;
}

void au_mpi_abort(const char *msg)
{
    fputs(msg, stderr);
    MPI_Abort(MPI_COMM_WORLD, 1);
    exit(1);
}

void au_mpi_bcast(void *buf, size_t len)
{
    if (au_mpi_size() > 1)
        MPI_Bcast(buf, (int)len, MPI_BYTE, 0, MPI_COMM_WORLD);
}

void au_mpi_gather(const void *mine, size_t len, void *all)
{
    MPI_Gather(mine, (int)len, MPI_BYTE, all, (int)len, MPI_BYTE, 0, MPI_COMM_WORLD);
}

au_status au_mpi_share_tasks(size_t **task, size_t *n)
{
    uint64_t count = *n;
    MPI_Bcast(&count, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    uint64_t *t = malloc((count + 1) * sizeof *t);
    int ok = t != NULL, all_ok;
    MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (!all_ok) {
        free(t);
        return AU_ENOMEM;
    }
    if (au_mpi_rank() == 0)
        for (uint64_t k = 0; k < count; k++)
            t[k] = (*task)[k];
    MPI_Bcast(t, (int)count, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    if (au_mpi_rank() != 0) {
        *task = malloc((count + 1) * sizeof **task);
        if (*task == NULL) {
            free(t);
            return AU_ENOMEM;
        }
        for (uint64_t k = 0; k < count; k++)
            (*task)[k] = (size_t)t[k];
        *n = (size_t)count;
    }
    free(t);
    return AU_OK;
}

/* ---- packing ---- */

typedef struct pack {
    char *p;
    size_t n, cap;
    int oom;
} pack;

static void put(pack *b, const void *x, size_t len)
{
    if (b->oom)
        return;
    if (b->n + len > b->cap) {
        size_t cap = 2 * (b->n + len) + 64;
        char *p = realloc(b->p, cap);
        if (p == NULL) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, x, len);
    b->n += len;
}

static void put_u64(pack *b, uint64_t v)
{
    put(b, &v, sizeof v);
}

static void pack_result(pack *b, const au_mpi_result *r)
{
    put_u64(b, (uint64_t)r->failed);
    put_u64(b, r->n_files);
    for (size_t k = 0; k < r->n_files; k++) {
        size_t len = strlen(r->files[k].name);
        put_u64(b, len);
        put(b, r->files[k].name, len);
        put_u64(b, r->files[k].len);
        put(b, r->files[k].data, r->files[k].len);
    }
    if (r->failed) {
        const char *e = r->error != NULL ? r->error : "";
        put_u64(b, strlen(e));
        put(b, e, strlen(e));
    }
}

typedef struct unpack {
    const char *p;
    size_t n, at;
    int bad;
} unpack;

static uint64_t get_u64(unpack *u)
{
    uint64_t v = 0;
    if (u->bad || u->n - u->at < sizeof v) {
        u->bad = 1;
        return 0;
    }
    memcpy(&v, u->p + u->at, sizeof v);
    u->at += sizeof v;
    return v;
}

/* A copy of the next len bytes, NUL-terminated. */
static char *get_bytes(unpack *u, uint64_t len)
{
    if (u->bad || u->n - u->at < len) {
        u->bad = 1;
        return NULL;
    }
    char *s = malloc((size_t)len + 1);
    if (s == NULL) {
        u->bad = 1;
        return NULL;
    }
    memcpy(s, u->p + u->at, (size_t)len);
    s[len] = '\0';
    u->at += (size_t)len;
    return s;
}

/* A result from u. */
static void unpack_result(unpack *u, au_mpi_result *r)
{
    r->failed = (int)get_u64(u);
    uint64_t nf = get_u64(u);
    for (uint64_t k = 0; k < nf && !u->bad; k++) {
        char *name = get_bytes(u, get_u64(u));
        uint64_t len = get_u64(u);
        char *data = get_bytes(u, len);
        if (!u->bad && au_mpi_result_add(r, name, data, (size_t)len) != 0)
            u->bad = 1;
        free(name);
        free(data);
    }
    if (r->failed && !u->bad) {
        r->error = get_bytes(u, get_u64(u));
        if (r->error != NULL && r->error[0] == '\0') {
            free(r->error);
            r->error = NULL;
        }
    }
}

/* The results of an ask, into out (n tasks); 0, or -1 when malformed. */
static int unpack_ask(const char *p, size_t len, au_mpi_result *out, size_t n, int rank,
                      int *failed)
{
    unpack u = {p, len, 0, 0};
    uint64_t kind = get_u64(&u), first = get_u64(&u), count = get_u64(&u);
    if (kind == 0 || u.bad)
        return u.bad ? -1 : 0;
    if (first > n || count > n - first)
        return -1;
    for (uint64_t k = first; k < first + count && !u.bad; k++) {
        unpack_result(&u, &out[k]);
        out[k].rank = rank;
        *failed |= out[k].failed;
    }
    return u.bad ? -1 : 0;
}

/* ---- rank 0 ---- */

au_status au_mpi_coordinate(size_t n, au_mpi_result *out)
{
    int workers = au_mpi_size() - 1, left = workers;
    size_t next = 0;
    int stop = 0, broken = 0;
    struct timespec nap = {0, 1000000};
    while (left > 0) {
        int ready = 0;
        MPI_Status ms;
        MPI_Iprobe(MPI_ANY_SOURCE, TAG_ASK, MPI_COMM_WORLD, &ready, &ms);
        if (!ready) {
            nanosleep(&nap, NULL);
            continue;
        }
        int len;
        MPI_Get_count(&ms, MPI_BYTE, &len);
        char *buf = malloc((size_t)len + 1);
        MPI_Recv(buf, len, MPI_BYTE, ms.MPI_SOURCE, TAG_ASK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (buf == NULL || unpack_ask(buf, (size_t)len, out, n, ms.MPI_SOURCE, &stop) != 0)
            broken = stop = 1;
        free(buf);
        uint64_t give[2] = {next, 0};
        if (!stop && next < n) {
            size_t guided = (n - next + 2 * (size_t)workers - 1) / (2 * (size_t)workers);
            give[1] = guided > 0 ? guided : 1;
            next += (size_t)give[1];
        }
        MPI_Send(give, 2, MPI_UINT64_T, ms.MPI_SOURCE, TAG_TASK, MPI_COMM_WORLD);
        if (give[1] == 0)
            left--;
    }
    if (broken)
        return AU_ENOMEM;
    return stop ? AU_EINTERNAL : AU_OK;
}

/* ---- the other ranks ---- */

au_status au_mpi_serve(void (*work)(size_t first, size_t count, void *ctx, au_mpi_result *res),
                       void *ctx)
{
    au_mpi_result *res = NULL;
    uint64_t kind = 0, first = 0, count = 0;
    au_status st = AU_OK;
    for (;;) {
        pack b = {0};
        put_u64(&b, kind);
        put_u64(&b, first);
        put_u64(&b, count);
        for (uint64_t k = 0; k < count; k++)
            pack_result(&b, &res[k]);
        if (b.oom || b.n > INT_MAX) {
            /* too large or no memory: say so as the tasks' failure */
            free(b.p);
            b = (pack){0};
            put_u64(&b, kind);
            put_u64(&b, first);
            put_u64(&b, count);
            au_mpi_result e = {.failed = 1};
            e.error = strdup("autonomy run: the tables of a scenario do not fit in one MPI "
                             "message (2 GiB) or in memory (expected fewer --hourly years)\n");
            for (uint64_t k = 0; k < count; k++)
                pack_result(&b, &e);
            au_mpi_result_clear(&e);
            st = AU_ENOMEM;
        }
        for (uint64_t k = 0; k < count; k++)
            au_mpi_result_clear(&res[k]);
        free(res);
        res = NULL;
        MPI_Send(b.p, (int)b.n, MPI_BYTE, 0, TAG_ASK, MPI_COMM_WORLD);
        free(b.p);
        uint64_t give[2];
        MPI_Recv(give, 2, MPI_UINT64_T, 0, TAG_TASK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (give[1] == 0)
            return st;
        kind = 1;
        first = give[0];
        count = give[1];
        res = calloc((size_t)count, sizeof *res);
        if (res == NULL) { /* nothing to say it with: the others stop this job */
            MPI_Abort(MPI_COMM_WORLD, 1);
            return AU_ENOMEM;
        }
        work((size_t)first, (size_t)count, ctx, res);
    }
}

#else /* a job of one rank */

void au_mpi_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
}

void au_mpi_finalize(void)
{
}

int au_mpi_rank(void)
{
    return 0;
}

int au_mpi_size(void)
{
    return 1;
}

au_status au_mpi_agree(au_status st, int *who)
{
    *who = st != AU_OK ? 0 : -1;
    return st;
}

int au_mpi_exit_status(int status)
{
    return status;
}

int au_mpi_quiet_others(void)
{
    return -1;
}

void au_mpi_abort(const char *msg)
{
    fputs(msg, stderr);
    exit(1);
}

void au_mpi_bcast(void *buf, size_t len)
{
    (void)buf;
    (void)len;
}

void au_mpi_gather(const void *mine, size_t len, void *all)
{
    if (all != mine && len > 0)
        memcpy(all, mine, len);
}

au_status au_mpi_share_tasks(size_t **task, size_t *n)
{
    (void)task;
    (void)n;
    return AU_OK;
}

au_status au_mpi_coordinate(size_t n, au_mpi_result *out)
{
    (void)n;
    (void)out;
    return AU_EINTERNAL; /* never called: a job of one rank runs the tasks itself */
}

au_status au_mpi_serve(void (*work)(size_t first, size_t count, void *ctx, au_mpi_result *res),
                       void *ctx)
{
    (void)work;
    (void)ctx;
    return AU_OK;
}

#endif
