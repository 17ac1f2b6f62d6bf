/* sample_file.c: the samples' indicators in an anonymous temporary file,
 * and their order statistics by radix selection (sample_file.h).
 *
 * A double's bits, the sign bit flipped for a positive number and every bit
 * for a negative one, order as unsigned integers the way the numbers do.
 * The value of rank r among n is then found a byte at a time from the top:
 * a pass over the values counts, among those whose higher bytes match what
 * is known of the answer, how many have each value of the next byte; the
 * byte is the one whose running count passes r.  Eight passes give the whole
 * key, exact, with 256 counters per statistic whatever n is. */
#define _GNU_SOURCE
#include "sample_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int au_sample_file_open(char *dir, size_t dir_len)
{
    const char *t = getenv("TMPDIR");
    snprintf(dir, dir_len, "%s", t != NULL && t[0] != '\0' ? t : "/tmp");
    int fd = -1;
#ifdef O_TMPFILE
    fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
        return fd;
#endif
    /* a file system without O_TMPFILE: made, then unlinked at once */
    char path[4200];
    if (snprintf(path, sizeof path, "%s/autonomy-samples-XXXXXX", dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0)
        unlink(path);
    return fd;
}

/* Writes (write: 1) or reads len bytes at off, whole: 0, or -1 with errno
 * (a read past the end: EIO, never expected; a write of nothing: ENOSPC). */
static int whole(int fd, char *p, size_t len, off_t off, int write)
{
    while (len > 0) {
        ssize_t n = write ? pwrite(fd, p, len, off) : pread(fd, p, len, off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = write ? ENOSPC : EIO;
            return -1;
        }
        p += n, len -= (size_t)n, off += n;
    }
    return 0;
}

int au_sample_file_write(int fd, const double *v, size_t n, size_t at)
{
    return whole(fd, (char *)(uintptr_t)v, n * sizeof *v, (off_t)(at * sizeof *v), 1);
}

/* Reads n values at value offset at into buf. */
static int read_values(int fd, double *buf, size_t n, size_t at)
{
    return whole(fd, (char *)buf, n * sizeof *buf, (off_t)(at * sizeof *buf), 0);
}

#define TOP ((uint64_t)1 << 63)

static uint64_t key_of(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return (u & TOP) ? ~u : u | TOP;
}

static double value_of(uint64_t k)
{
    uint64_t u = (k & TOP) ? k & ~TOP : ~k;
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

#define CHUNK 8192 /* values read at once: 64 KB */

int au_sample_file_ranks(int fd, size_t at, size_t ns, size_t ny, size_t nq, const size_t *rank,
                         double threshold, double *out, size_t *at_least, uint64_t *work)
{
    size_t m = ny * nq, total = ns * ny;
    uint64_t *cnt = work, *pre = work + 256 * m, *rem = pre + m;
    double *buf = malloc(CHUNK * sizeof *buf);
    if (buf == NULL)
        return -1;
    for (size_t i = 0; i < m; i++)
        pre[i] = 0, rem[i] = rank[i];
    for (size_t j = 0; j < ny; j++)
        at_least[j] = 0;
    for (int pass = 0; pass < 8; pass++) {
        int shift = 56 - 8 * pass;
        memset(cnt, 0, 256 * m * sizeof *cnt);
        size_t j = 0; /* the year of the value read */
        for (size_t done = 0; done < total;) {
            size_t n = total - done < CHUNK ? total - done : CHUNK;
            if (read_values(fd, buf, n, at + done) != 0) {
                int e = errno;
                free(buf);
                errno = e;
                return -1;
            }
            for (size_t v = 0; v < n; v++) {
                uint64_t key = key_of(buf[v]);
                if (pass == 0)
                    at_least[j] += buf[v] >= threshold;
                for (size_t q = j * nq; q < (j + 1) * nq; q++)
                    if (pass == 0 || (key >> (shift + 8)) == (pre[q] >> (shift + 8)))
                        cnt[q * 256 + ((key >> shift) & 255)]++;
                if (++j == ny)
                    j = 0;
            }
            done += n;
        }
        for (size_t q = 0; q < m; q++) {
            const uint64_t *c = cnt + q * 256;
            unsigned b = 0;
            while (b < 255 && rem[q] >= c[b])
                rem[q] -= c[b++];
            pre[q] |= (uint64_t)b << shift;
        }
    }
    for (size_t q = 0; q < m; q++)
        out[q] = value_of(pre[q]);
    free(buf);
    return 0;
}
