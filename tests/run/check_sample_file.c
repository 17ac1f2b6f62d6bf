/* check_sample_file.c: the samples' indicators in a temporary file and
 * their order statistics read back (sample_file.h).  Every rank of every
 * column of blocks written here (random values from GSL's generator, with
 * ties, negatives, zeros of both signs and infinities; a block written in
 * several pieces, beside another block) is the value qsort puts at that
 * rank; the count of values at or above a threshold is counted by hand;
 * and the file is anonymous: nothing is left in its folder. */
#include "test_util.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "sample_file.h"

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    if (x < y)
        return -1;
    if (x > y)
        return 1;
    return signbit(y) - signbit(x); /* −0 before +0 */
}

/* The number of entries of dir but . and .. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* ns samples of ny values: at least ns·ny values. */
static void fill(gsl_rng *r, double *v, size_t n)
{
    static const double odd[] = {0.0, -0.0, INFINITY, -INFINITY, 1.0, 1.0, -2.5};
    for (size_t i = 0; i < n; i++) {
        double u = gsl_rng_uniform(r);
        if (u < 0.2)
            v[i] = odd[gsl_rng_uniform_int(r, sizeof odd / sizeof *odd)];
        else if (u < 0.4)
            v[i] = (double)gsl_rng_uniform_int(r, 5) / 4; /* ties */
        else
            v[i] = (gsl_rng_uniform(r) - 0.3) * pow(10, (double)gsl_rng_uniform_int(r, 12) - 6);
    }
}

START_TEST(test_every_rank_is_the_sorted_value)
{
    char dir[32];
    au_test_mkdir(dir);
    setenv("TMPDIR", dir, 1);
    char used[4096];
    int fd = au_sample_file_open(used, sizeof used);
    ck_assert_int_ge(fd, 0);
    ck_assert_str_eq(used, dir);
    ck_assert_int_eq(entries(dir), 0); /* anonymous */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2050);
    const size_t sizes[][2] = {{1, 1}, {2, 3}, {37, 4}, {1000, 31}};
    size_t at = 5; /* values before the first block: another's */
    for (size_t c = 0; c < sizeof sizes / sizeof *sizes; c++) {
        size_t ns = sizes[c][0], ny = sizes[c][1], nq = ns;
        double *v = malloc(ns * ny * sizeof *v), *col = malloc(ns * sizeof *col);
        double *out = malloc(ny * nq * sizeof *out);
        size_t *rank = malloc(ny * nq * sizeof *rank), *met = malloc(ny * sizeof *met);
        uint64_t *work = malloc(ny * nq * 258 * sizeof *work);
        fill(r, v, ns * ny);
        /* written in pieces of up to 7 samples, as the rounds of a run */
        for (size_t s = 0; s < ns; s += 7) {
            size_t k = ns - s < 7 ? ns - s : 7;
            ck_assert_int_eq(au_sample_file_write(fd, v + s * ny, k * ny, at + s * ny), 0);
        }
        for (size_t j = 0; j < ny; j++)
            for (size_t q = 0; q < nq; q++)
                rank[j * nq + q] = (q * 7919 + j) % ns; /* every rank, shuffled */
        ck_assert_int_eq(au_sample_file_ranks(fd, at, ns, ny, nq, rank, 0.25, out, met, work), 0);
        for (size_t j = 0; j < ny; j++) {
            size_t n_met = 0;
            for (size_t s = 0; s < ns; s++) {
                col[s] = v[s * ny + j];
                n_met += col[s] >= 0.25;
            }
            qsort(col, ns, sizeof *col, cmp);
            ck_assert_uint_eq(met[j], n_met);
            for (size_t q = 0; q < nq; q++) {
                double want = col[rank[j * nq + q]], got = out[j * nq + q];
                ck_assert_msg(memcmp(&want, &got, sizeof want) == 0,
                              "%zu samples, column %zu, rank %zu: %a, expected %a", ns, j,
                              rank[j * nq + q], got, want);
            }
        }
        at += ns * ny;
        free(v), free(col), free(out), free(rank), free(met), free(work);
    }
    gsl_rng_free(r);
    close(fd);
    ck_assert_int_eq(entries(dir), 0);
    unsetenv("TMPDIR");
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_a_missing_folder_is_an_error)
{
    setenv("TMPDIR", "/nonexistent/autonomy-test", 1);
    char used[4096];
    errno = 0;
    ck_assert_int_eq(au_sample_file_open(used, sizeof used), -1);
    ck_assert_int_eq(errno, ENOENT);
    ck_assert_str_eq(used, "/nonexistent/autonomy-test");
    unsetenv("TMPDIR");
}
END_TEST

static Suite *sample_file_suite(void)
{
    Suite *su = suite_create("sample_file");
    TCase *tc = tcase_create("ranks");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_every_rank_is_the_sorted_value);
    tcase_add_test(tc, test_a_missing_folder_is_an_error);
    suite_add_tcase(su, tc);
    return su;
}

AU_CHECK_MAIN(sample_file_suite)
