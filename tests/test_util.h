/* test_util.h: what every Check suite of the project shares.
 *
 * Each check_<module>.c defines <module>_suite() and ends with
 * AU_CHECK_MAIN(<module>_suite).  Test data live beside this file
 * (AU_TEST_DIR); the shared reference data, when present, in AU_SHARED_DATA
 * (tests that need it skip when it is absent). */
#ifndef AUTONOMY_TEST_UTIL_H
#define AUTONOMY_TEST_UTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

#endif /* AUTONOMY_TEST_UTIL_H */
