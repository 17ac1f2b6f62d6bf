/* check_diag.c: status codes, their exit statuses and the list of
 * diagnostics (error.h), and how the commands read a failure while reading
 * their inputs (cli.h). */
#include "test_util.h"

#include "autonomy/error.h"
#include "cli.h"

START_TEST(test_exit_status_of_every_status)
{
    /* the table of error.h, written out: a new status must be placed in it */
    static const struct {
        au_status st;
        int exit;
    } table[] = {
        {AU_OK, 0},       {AU_ENOMEM, 1}, {AU_EIO, 1},    {AU_EPARSE, 2},
        {AU_ESCHEMA, 2},  {AU_EUNIT, 2},  {AU_EINVAL, 2}, {AU_ECYCLE, 2},
        {AU_EUSAGE, 2},   {AU_EINTERNAL, 1}, {AU_ETOOL, 1},
    };
    size_t n = sizeof table / sizeof table[0];
    int seen = 0;
#define AU_COUNT(name, code, msg) seen++;
    AU_STATUS_LIST(AU_COUNT)
#undef AU_COUNT
    ck_assert_int_eq((int)n, seen);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(au_exit_status(table[i].st) == table[i].exit, "%s: exit %d, expected %d",
                      au_strerror(table[i].st), au_exit_status(table[i].st), table[i].exit);
    ck_assert_int_eq(AU_EXIT_OK, 0);
    ck_assert_int_eq(AU_EXIT_RUN, 1);
    ck_assert_int_eq(AU_EXIT_INPUT, 2);
}
END_TEST

START_TEST(test_unknown_status_is_a_failed_run)
{
    ck_assert_int_eq(au_exit_status((au_status)99), AU_EXIT_RUN);
    ck_assert_str_eq(au_strerror((au_status)99), "unknown status");
}
END_TEST

START_TEST(test_unreadable_input_is_bad_input)
{
    /* before anything runs, a file that cannot be read is bad input; out of
     * memory and internal checks stay failures of the run */
    ck_assert_int_eq(au_exit_status(au_cli_input_status(AU_EIO)), AU_EXIT_INPUT);
    ck_assert_int_eq(au_exit_status(au_cli_input_status(AU_ESCHEMA)), AU_EXIT_INPUT);
    ck_assert_int_eq(au_exit_status(au_cli_input_status(AU_ENOMEM)), AU_EXIT_RUN);
    ck_assert_int_eq(au_exit_status(au_cli_input_status(AU_EINTERNAL)), AU_EXIT_RUN);
    ck_assert_int_eq(au_exit_status(au_cli_input_status(AU_OK)), AU_EXIT_OK);
}
END_TEST

START_TEST(test_diags_print_file_line_message_once)
{
    au_diags d;
    au_diags_init(&d);
    au_diags_add(&d, "a.csv", 3, "bad %s (expected %d)", "x", 1);
    au_diags_add(&d, "a.csv", 3, "bad %s (expected %d)", "x", 1); /* the same: once */
    au_diags_add(&d, NULL, -4, "no file");
    ck_assert_uint_eq(d.n, 2);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    au_diags_print(&d, f);
    fclose(f);
    ck_assert_str_eq(text, "a.csv:3: error: bad x (expected 1)\n-:0: error: no file\n");
    free(text);
    au_diags_clear(&d);
    ck_assert_uint_eq(d.n, 0);
}
END_TEST

static Suite *diag_suite(void)
{
    Suite *s = suite_create("diag");
    TCase *tc = tcase_create("statuses");
    tcase_add_test(tc, test_exit_status_of_every_status);
    tcase_add_test(tc, test_unknown_status_is_a_failed_run);
    tcase_add_test(tc, test_unreadable_input_is_bad_input);
    tcase_add_test(tc, test_diags_print_file_line_message_once);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(diag_suite)
