/* test_util.h: what every Check suite of the project shares.
 *
 * Each check_<module>.c defines <module>_suite() and ends with
 * AU_CHECK_MAIN(<module>_suite).  Test data live beside this file
 * (AU_TEST_DIR); the shared reference data, when present, in AU_SHARED_DATA
 * (tests that need it skip when it is absent). */
#ifndef AUTONOMY_TEST_UTIL_H
#define AUTONOMY_TEST_UTIL_H

#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef AU_TEST_DIR
#error "AU_TEST_DIR must be defined by the build"
#endif

#define AU_CHECK_MAIN(suite_fn)                                      \
    int main(void)                                                   \
    {                                                                \
        SRunner *sr = srunner_create(suite_fn());                    \
        srunner_run_all(sr, CK_NORMAL);                              \
        int failed = srunner_ntests_failed(sr);                      \
        srunner_free(sr);                                            \
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;            \
    }

/* A path below the tests directory, in a static buffer. */
static inline const char *au_test_path(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", AU_TEST_DIR, rel);
    return buf;
}

/* A fresh directory under /tmp, for files a test writes; dir must hold 32
 * bytes.  au_test_rmdir() removes it with everything in it. */
static inline void au_test_mkdir(char *dir)
{
    strcpy(dir, "/tmp/autonomy-test-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Writes text to dir/name; the path goes to path (n bytes). */
static inline void au_test_write(const char *dir, const char *name, const char *text,
                                 char *path, size_t n)
{
    snprintf(path, n, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_ge(fputs(text, f), 0);
    ck_assert_int_eq(fclose(f), 0);
}

static inline int au_test_rm_one(const char *path, const struct stat *st, int flag,
                                 struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static inline void au_test_rmdir(const char *dir)
{
    nftw(dir, au_test_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif /* AUTONOMY_TEST_UTIL_H */
