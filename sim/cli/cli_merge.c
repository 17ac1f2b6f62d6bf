/* cli_merge.c: `autonomy merge`: the shards of a run joined into what one
 * run writes (docs/distributed.md).
 *
 * Each shard (`autonomy run --shard K/N`) wrote its scenarios' tables and
 * DIR/shard-K-of-N.csv: the version, the options, every FILE argument with
 * its SHA-256 and the scenarios it wrote.  Here the manifests of the folders
 * given are read and checked against each other (one version, one N, the
 * same options and files, every shard once) and against the files as they
 * are now; then cli_run.c (au_cli_run_merge) loads the inputs again, works
 * out the same parts, takes each scenario's tables from its shard's folder
 * and writes the summary, the manifest and the report as one run would. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "autonomy/results.h"
#include "autonomy/version.h"
#include "cli.h"
#include "textfile.h"
#include "cli_mpi.h"

const char au_cli_merge_help[] =
    "Usage: autonomy merge [--out DIR] [--quiet] SHARD_DIR...\n"
    "\n"
    "Joins the shards of a run into the tables, manifest and report that the\n"
    "run would have written in one process, byte for byte (the manifest's date\n"
    "aside).  Each SHARD_DIR is the --out folder of one or more shards\n"
    "(`autonomy run --shard K/N --out SHARD_DIR FILE...`), holding their\n"
    "shard-K-of-N.csv; the shards may share a folder or each have its own.\n"
    "\n"
    "Before anything is written the shards are checked: one version of the\n"
    "program, one N, every shard from 1 to N exactly once, the same options\n"
    "and FILE arguments, and files that have not changed since (SHA-256);\n"
    "each scenario's tables must be complete in its shard's folder.\n"
    "\n"
    "Options:\n"
    "  --out DIR        where to write (default: the first SHARD_DIR); the\n"
    "                   scenarios' tables are copied there from the other folders\n"
    "  --quiet          print nothing but errors\n"
    "  -h, --help       show this help\n"
    "\n"
    "Examples:\n"
    "  autonomy run --shard 1/2 --out results/s scenarios/amiens-default.xml\n"
    "  autonomy run --shard 2/2 --out results/s scenarios/amiens-default.xml\n"
    "  autonomy merge results/s\n"
    "\n"
    "Exit status: 0 success, 1 the writing failed, 2 shards that do not make\n"
    "one run (missing, repeated, from other inputs or versions) or bad usage.\n";

#define MAX_HOURLY 32

/* One shard's manifest. */
typedef struct shard {
    char *path;             /* DIR/shard-K-of-N.csv */
    char *dir;
    int k, n;
    char *version;
    char *options;          /* its option lines, in order, as one text (not
                               --threads: a shard's threads change nothing) */
    int threads;
    char **files;           /* FILE arguments, as given */
    char **abs;             /* and where they were (absolute) */
    char **hashes;
    int n_files;
} shard;

/* The fields of one CSV line (RFC 4180, no newline inside a field), at most
 * max; returns their number, or -1 for a malformed line. */
static int csv_fields(char *line, char **field, int max)
{
    int n = 0;
    char *s = line, *w = line;
    line[strcspn(line, "\r\n")] = '\0';
    for (;;) {
        if (n == max)
            return -1;
        field[n++] = w;
        if (*s == '"') {
            s++;
            for (;;) {
                if (*s == '\0')
                    return -1;
                if (*s == '"' && s[1] == '"') {
                    *w++ = '"';
                    s += 2;
                } else if (*s == '"') {
                    s++;
                    break;
                } else {
                    *w++ = *s++;
                }
            }
        } else {
            while (*s != ',' && *s != '\0')
                *w++ = *s++;
        }
        if (*s == '\0') {
            *w = '\0';
            return n;
        }
        if (*s != ',')
            return -1;
        *w++ = '\0';
        s++;
    }
}

static void shard_free(shard *h)
{
    free(h->path);
    free(h->dir);
    free(h->version);
    free(h->options);
    for (int i = 0; i < h->n_files; i++) {
        free(h->files[i]);
        free(h->hashes[i]);
        free(h->abs[i]);
    }
    free(h->files);
    free(h->abs);
    free(h->hashes);
}

static int append(char **text, const char *a, const char *b)
{
    size_t len = *text != NULL ? strlen(*text) : 0;
    char *t = realloc(*text, len + strlen(a) + strlen(b) + 3);
    if (t == NULL)
        return -1;
    sprintf(t + len, "%s=%s\n", a, b);
    *text = t;
    return 0;
}

/* Reads h->path; 0, or -1 having said why. */
static int shard_read(shard *h)
{
    au_file_error why = {0};
    FILE *f = au_fopen_regular(h->path, &why);
    if (f == NULL) {
        char msg[256];
        au_file_error_text(&why, "shard manifest", "a shard manifest", msg, sizeof msg);
        fprintf(stderr, "autonomy merge: %s: %s\n", h->path, msg);
        return -1;
    }
    char line[16384], *fld[4];
    int lineno = 0, bad = 0;
    h->k = h->n = 0;
    while (!bad && fgets(line, sizeof line, f) != NULL) {
        lineno++;
        int nf = csv_fields(line, fld, 4);
        if (lineno == 1) {
            bad = nf != 3 || strcmp(fld[0], "kind") != 0;
            continue;
        }
        if (nf != 3) {
            bad = 1;
        } else if (strcmp(fld[0], "program") == 0) {
            free(h->version);
            bad = (h->version = strdup(fld[2])) == NULL;
        } else if (strcmp(fld[0], "shard") == 0 && strcmp(fld[1], "index") == 0) {
            h->k = atoi(fld[2]);
        } else if (strcmp(fld[0], "shard") == 0 && strcmp(fld[1], "count") == 0) {
            h->n = atoi(fld[2]);
        } else if (strcmp(fld[0], "option") == 0 && strcmp(fld[1], "threads") == 0) {
            h->threads = atoi(fld[2]);
        } else if (strcmp(fld[0], "option") == 0) {
            bad = append(&h->options, fld[1], fld[2]) != 0;
        } else if (strcmp(fld[0], "file") == 0) {
            size_t m = (size_t)h->n_files + 1;
            char **fs = realloc(h->files, m * sizeof *fs);
            if (fs != NULL)
                h->files = fs;
            char **hs = fs != NULL ? realloc(h->hashes, m * sizeof *hs) : NULL;
            if (hs != NULL)
                h->hashes = hs;
            char **as = hs != NULL ? realloc(h->abs, m * sizeof *as) : NULL;
            if (as != NULL)
                h->abs = as;
            bad = as == NULL;
            if (!bad) {
                h->files[h->n_files] = strdup(fld[1]);
                h->hashes[h->n_files] = strdup(fld[2]);
                h->abs[h->n_files] = NULL;
                h->n_files++;
                bad = h->files[h->n_files - 1] == NULL || h->hashes[h->n_files - 1] == NULL;
            }
        } else if (strcmp(fld[0], "path") == 0) {
            bad = h->n_files == 0 || strcmp(fld[1], h->files[h->n_files - 1]) != 0 ||
                  (h->abs[h->n_files - 1] = strdup(fld[2])) == NULL;
        }
    }
    fclose(f);
    for (int i = 0; !bad && i < h->n_files; i++)
        bad = h->abs[i] == NULL;
    if (bad || h->version == NULL || h->k < 1 || h->n < 1 || h->k > h->n || h->n_files == 0) {
        fprintf(stderr, "autonomy merge: %s:%d: not a shard manifest (expected the "
                        "shard-K-of-N.csv that `autonomy run --shard K/N` writes)\n",
                h->path, bad ? lineno : 1);
        return -1;
    }
    return 0;
}

/* The manifests in dir, appended to *hs (*n of them). */
static int shards_in(const char *dir, shard **hs, int *n)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "autonomy merge: %s: cannot open: %s (expected a folder that "
                        "`autonomy run --shard K/N --out` wrote)\n", dir, strerror(errno));
        return -1;
    }
    struct dirent *e;
    int found = 0, bad = 0;
    while (!bad && (e = readdir(d)) != NULL) {
        int k, m, used = 0;
        if (sscanf(e->d_name, "shard-%d-of-%d.csv%n", &k, &m, &used) != 2 ||
            e->d_name[used] != '\0')
            continue;
        shard *t = realloc(*hs, (size_t)(*n + 1) * sizeof *t);
        if (t == NULL) {
            bad = 1;
            break;
        }
        *hs = t;
        shard *h = &(*hs)[(*n)++];
        memset(h, 0, sizeof *h);
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        h->path = malloc(len);
        h->dir = strdup(dir);
        if (h->path == NULL || h->dir == NULL) {
            bad = 1;
            break;
        }
        snprintf(h->path, len, "%s/%s", dir, e->d_name);
        bad = shard_read(h) != 0;
        found++;
    }
    closedir(d);
    if (!bad && found == 0)
        fprintf(stderr, "autonomy merge: %s: no shard-K-of-N.csv (expected the --out folder "
                        "of `autonomy run --shard K/N`)\n", dir);
    return bad || found == 0 ? -1 : 0;
}

/* The shards make one run: one version, one N, the same options and files
 * as the first, files unchanged since, every shard once.  by_k receives
 * each shard's index in hs (by K − 1). */
static int shards_agree(shard *hs, int n, int *by_k)
{
    shard *a = &hs[0];
    int bad = 0;
    for (int i = 0; i < a->n; i++)
        by_k[i] = -1;
    for (int i = 0; i < n; i++) {
        const shard *h = &hs[i];
        const char *what = strcmp(h->version, a->version) != 0 ? "another version of autonomy"
                           : h->n != a->n                      ? "another number of shards"
                           : strcmp(h->options ? h->options : "",
                                    a->options ? a->options : "") != 0
                               ? "other options"
                               : NULL;
        int same_files = h->n_files == a->n_files;
        for (int f = 0; same_files && f < h->n_files; f++)
            same_files = strcmp(h->abs[f], a->abs[f]) == 0 &&
                         strcmp(h->hashes[f], a->hashes[f]) == 0;
        if (what == NULL && !same_files)
            what = "other input files (names or SHA-256)";
        if (what != NULL) {
            fprintf(stderr, "autonomy merge: %s: made by %s than %s (expected the shards of "
                            "one run: the same version, N, options and files)\n",
                    h->path, what, a->path);
            bad = 1;
            continue;
        }
        if (by_k[h->k - 1] >= 0) {
            fprintf(stderr, "autonomy merge: shard %d of %d is given twice: %s and %s "
                            "(expected each shard once)\n",
                    h->k, h->n, hs[by_k[h->k - 1]].path, h->path);
            bad = 1;
        }
        by_k[h->k - 1] = i;
    }
    for (int k = 0; !bad && k < a->n; k++)
        if (by_k[k] < 0) {
            fprintf(stderr, "autonomy merge: shard %d of %d is missing (expected "
                            "shard-%d-of-%d.csv in one of the folders given: run `autonomy "
                            "run --shard %d/%d`)\n", k + 1, a->n, k + 1, a->n, k + 1, a->n);
            bad = 1;
        }
    for (int f = 0; !bad && f < a->n_files; f++) {
        char hex[65], here[PATH_MAX];
        /* the name the shards were given, where it still names the file */
        if (realpath(a->files[f], here) == NULL || strcmp(here, a->abs[f]) != 0) {
            free(a->files[f]);
            if ((a->files[f] = strdup(a->abs[f])) == NULL)
                return -1;
        }
        if (au_sha256_file(a->files[f], hex) != 0 || strcmp(hex, a->hashes[f]) != 0) {
            fprintf(stderr, "autonomy merge: %s has changed since the shards ran (SHA-256 %s, "
                            "%s in %s; expected the files the shards read)\n",
                    a->files[f], au_sha256_file(a->files[f], hex) == 0 ? hex : "unreadable",
                    a->hashes[f], a->path);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

/* The shards' options, as au_cli_run_merge takes them. */
static int merge_options(const shard *a, au_merge *m, int *hourly)
{
    m->samples = -1;
    m->threads = a->threads;
    m->n_hourly = 0;
    m->report_scen = NULL;
    for (const char *s = a->options; s != NULL && *s;) {
        const char *eq = strchr(s, '='), *nl = strchr(s, '\n');
        if (eq == NULL || nl == NULL)
            return -1;
        size_t klen = (size_t)(eq - s);
        if (klen == 7 && strncmp(s, "samples", 7) == 0)
            m->samples = atoi(eq + 1);
        else if (klen == 6 && strncmp(s, "hourly", 6) == 0 && m->n_hourly < MAX_HOURLY)
            hourly[m->n_hourly++] = atoi(eq + 1);
        else if (klen == 15 && strncmp(s, "report-scenario", 15) == 0)
            m->report_scen = strndup(eq + 1, (size_t)(nl - eq - 1));
        s = nl + 1;
    }
    m->hourly = hourly;
    return 0;
}

int au_cli_merge(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    if (au_mpi_size() > 1 && au_mpi_rank() != 0)
        return AU_EXIT_OK; /* under mpirun, rank 0 merges alone */
    const char *out = NULL;
    int quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            out = optarg;
            if (au_cli_empty("merge", "--out", optarg, "a folder's name"))
                return AU_EXIT_INPUT;
            break;
        case 'q': quiet = 1; break;
        case 'h': fputs(au_cli_merge_help, stdout); return AU_EXIT_OK;
        default: fputs("Try 'autonomy merge --help'.\n", stderr); return AU_EXIT_INPUT;
        }
    }
    if (optind >= argc) {
        fputs("autonomy merge: no shard folder given (expected the --out folders of "
              "`autonomy run --shard K/N`)\nTry 'autonomy merge --help'.\n", stderr);
        return AU_EXIT_INPUT;
    }
    shard *hs = NULL;
    int n = 0, bad = 0;
    for (int a = optind; a < argc && !bad; a++)
        bad = shards_in(argv[a], &hs, &n) != 0;
    int *by_k = !bad ? calloc((size_t)hs[0].n, sizeof *by_k) : NULL;
    if (!bad && by_k == NULL) {
        fputs("autonomy merge: out of memory\n", stderr);
        bad = 1;
    }
    if (!bad)
        bad = shards_agree(hs, n, by_k) != 0;
    int status = AU_EXIT_INPUT;
    if (!bad) {
        const shard *a = &hs[0];
        const char **dirs = calloc((size_t)a->n, sizeof *dirs);
        int hourly[MAX_HOURLY];
        au_merge m = {.n = a->n, .dirs = dirs, .out = out != NULL ? out : argv[optind],
                      .quiet = quiet, .files = a->files, .n_files = a->n_files};
        if (dirs != NULL && merge_options(a, &m, hourly) == 0) {
            for (int k = 0; k < a->n; k++)
                dirs[k] = hs[by_k[k]].dir;
            status = au_cli_run_merge(&m);
        }
        /* the shards' manifests in the folder written: joined, they are no
         * longer part of it (manifest.csv says what made it) */
        char here[PATH_MAX], there[PATH_MAX];
        for (int i = 0; status == AU_EXIT_OK && i < n; i++)
            if (realpath(hs[i].dir, here) != NULL && realpath(m.out, there) != NULL &&
                strcmp(here, there) == 0)
                unlink(hs[i].path);
        free((char *)m.report_scen);
        free(dirs);
    }
    for (int i = 0; i < n; i++)
        shard_free(&hs[i]);
    free(hs);
    free(by_k);
    return status;
}
