/* sample_file.h (private): the stochastic samples' yearly indicators, kept
 * in a temporary file instead of memory, and their order statistics read
 * back exactly in constant memory (sample_file.c), so that a run's memory
 * does not grow with its samples (docs/robustness.md, "Limits").
 *
 * The file is anonymous: made with O_TMPFILE, or made and unlinked at once
 * where the file system cannot, in $TMPDIR (else /tmp), so that nothing is
 * left behind however the process ends. */
#ifndef AUTONOMY_SAMPLE_FILE_H
#define AUTONOMY_SAMPLE_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Opens an anonymous temporary file for reading and writing; its folder in
 * dir (dir_len bytes).  The descriptor, or -1 with errno. */
int au_sample_file_open(char *dir, size_t dir_len);

/* Writes the n values v at value offset at (bytes: 8 × at).  0, or -1 with
 * errno. */
int au_sample_file_write(int fd, const double *v, size_t n, size_t at);

/* Order statistics of a block of the file: ns samples of ny values each,
 * sample-major, from value offset at (value j of sample s at at + s·ny + j).
 * For each j < ny and q < nq, out[j·nq + q] receives the value of rank
 * rank[j·nq + q] (0: the smallest, < ns) among the ns values of j, exactly
 * the one a sort would put there (values compared as doubles; −0 before +0,
 * NaN after +∞).  at_least[j] receives how many of j's values are ≥
 * threshold.  Eight passes over the block, one byte of the key each, in
 * ny·nq·258 words (work, which the caller allocates) and a 64 KB buffer.
 * 0, or -1 with errno. */
int au_sample_file_ranks(int fd, size_t at, size_t ns, size_t ny, size_t nq, const size_t *rank,
                         double threshold, double *out, size_t *at_least, uint64_t *work);

#endif /* AUTONOMY_SAMPLE_FILE_H */
