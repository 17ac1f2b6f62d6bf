/* check_bad_input.c: every kind of bad scenario input gets one clear
 * diagnostic, naming the right file and line, and a failing status; nothing
 * crashes.  The files are in tests/bad/; each row below says what it holds
 * and what must be reported. */
#include "test_util.h"

#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "autonomy/scenario.h"

typedef struct bad_case {
    const char *file;       /* below tests/ */
    const char *diag_file;  /* the file the diagnostic must name, below tests/ */
    long line;
    const char *says;       /* a distinctive part of the message */
} bad_case;

static const bad_case cases[] = {
    {"bad/not-xml.xml", "bad/not-xml.xml", 1, "not well-formed XML: Start tag expected"},
    {"bad/empty.xml", "bad/empty.xml", 1, "the file is empty (expected an XML document"},
    {"bad/schema-violation.xml", "bad/schema-violation.xml", 9,
     "'military' is not allowed here (expected one of 'residential'"},
    {"bad/unknown-element.xml", "bad/unknown-element.xml", 18,
     "element <nuclear> is not allowed in <pv>"},
    {"bad/missing-required.xml", "bad/missing-required.xml", 16,
     "<pv> lacks a required element (expected <capacity>)"},
    {"bad/empty-value.xml", "bad/empty-value.xml", 17,
     "<capacity> has no value (expected a power"},
    {"bad/wrong-unit.xml", "bad/wrong-unit.xml", 17,
     "capacity '12 kg': 'kg' is not a unit of a power (expected W, kW, MW"},
    {"bad/missing-unit.xml", "bad/missing-unit.xml", 17,
     "capacity '12' has no unit (expected a power in W, kW, MW"},
    {"bad/negative-capacity.xml", "bad/negative-capacity.xml", 17,
     "capacity '-5 MW' is negative (expected 0 or more)"},
    {"bad/efficiency-above-one.xml", "bad/efficiency-above-one.xml", 19,
     "electric-efficiency '120 %' is above 1 (expected more than 0 and at most 1)"},
    {"bad/milestones-out-of-order.xml", "bad/milestones-out-of-order.xml", 13,
     "milestone year 2030 does not come after 2040 (expected years in increasing order)"},
    {"bad/milestone-outside-horizon.xml", "bad/milestone-outside-horizon.xml", 13,
     "milestone year 2060 is outside the horizon 2020-2050"},
    {"bad/shares-not-summing.xml", "bad/shares-not-summing.xml", 19,
     "the shares of mix 'homes' add up to 0.8 in 2020 (expected 1"},
    {"bad/missing-weather-file.xml", "bad/missing-weather-file.xml", 8,
     "weather file 'no-such-weather.epw' does not exist or cannot be read"},
    {"bad/cycle-a.xml", "bad/cycle-b.xml", 3, "a cycle (expected a chain that ends"},
    {"bad/variant-wrong-unit.xml", "bad/variant-wrong-unit.xml", 6,
     "capacity '3 kg': 'kg' is not a unit of a power"},
    {"bad/no-such-file.xml", "bad/no-such-file.xml", 0,
     "cannot open the file: No such file or directory"},
    {"bad", "bad", 0, "cannot read the file: it is a directory"},
    {"bad/unknown-technology.xml", "bad/unknown-technology.xml", 21,
     "name 'nuclear' is not known (expected one of pv, wind, battery"},
    {"bad/heat-without-network.xml", "bad/heat-without-network.xml", 19,
     "fixed heat source 'sewer heat', but the scenario has no <district-heating>"},
    {"bad/reference-degree-days-unit.xml", "bad/reference-degree-days-unit.xml", 8,
     "reference-degree-days '2600 C': 'C' is not a unit of heating degree-days (expected "
     "K.day"},
};

static void expect_one_diag(const char *path, const char *diag_path, long line, const char *says)
{
    au_diags d;
    au_scenario *s = (au_scenario *)&d; /* must be set to NULL on failure */
    au_diags_init(&d);
    au_status st = au_scenario_load(path, &s, &d);
    if (d.n != 1)
        au_diags_print(&d, stderr);
    ck_assert_int_ne(st, AU_OK);
    ck_assert_ptr_null(s);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.items[0].file, diag_path);
    ck_assert_int_eq(d.items[0].line, line);
    ck_assert_msg(strstr(d.items[0].msg, says) != NULL, "message '%s' lacks '%s'",
                  d.items[0].msg, says);
    au_diags_clear(&d);
}

START_TEST(test_each_bad_input_gets_one_diagnostic_at_its_line)
{
    const bad_case *c = &cases[_i];
    char path[4096], diag_path[4096];
    snprintf(path, sizeof path, "%s", au_test_path(c->file));
    snprintf(diag_path, sizeof diag_path, "%s", au_test_path(c->diag_file));
    expect_one_diag(path, diag_path, c->line, c->says);
}
END_TEST

/* Root reads any file, so the permission case drops to "nobody" in a child. */
START_TEST(test_unreadable_file_is_reported_not_crashed_on)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    ck_assert_int_eq(chmod(dir, 0755), 0);
    au_test_write(dir, "locked.xml", "<scenario name=\"locked\"/>\n", path, sizeof path);
    ck_assert_int_eq(chmod(path, 0), 0);

    /* Root reads any file, so the check runs as "nobody" in a child. */
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (geteuid() == 0) {
            struct passwd *pw = getpwnam("nobody");
            if (pw == NULL || setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0)
                _exit(3);
        }
        au_diags d;
        au_scenario *s = NULL;
        au_diags_init(&d);
        au_status st = au_scenario_load(path, &s, &d);
        int ok = st == AU_EIO && s == NULL && d.n == 1 && d.items[0].line == 0 &&
                 strstr(d.items[0].msg, "cannot open the file: Permission denied") != NULL;
        au_diags_clear(&d);
        _exit(ok ? 0 : 1);
    }
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    au_test_rmdir(dir);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

START_TEST(test_a_file_extending_itself_is_a_cycle)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    au_test_write(dir, "self.xml",
                  "<?xml version=\"1.0\"?>\n<scenario name=\"self\"\n extends=\"self.xml\"/>\n",
                  path, sizeof path);
    expect_one_diag(path, path, 3, "a cycle"); /* the line of extends= */
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_extending_a_file_that_is_not_a_scenario_does_not_echo_it)
{
    char dir[32], path[256], secret[256];
    au_test_mkdir(dir);
    au_test_write(dir, "secret.txt", "root:x:0:0:TOP-SECRET-LINE\n", secret, sizeof secret);
    au_test_write(dir, "v.xml", "<scenario name=\"v\" extends=\"secret.txt\"/>\n", path,
                  sizeof path);
    au_diags d;
    au_scenario *s = NULL;
    au_diags_init(&d);
    ck_assert_int_ne(au_scenario_load(path, &s, &d), AU_OK);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.items[0].file, path);
    ck_assert_int_eq(d.items[0].line, 1);
    ck_assert_ptr_nonnull(strstr(d.items[0].msg, "not a scenario file"));
    ck_assert_ptr_null(strstr(d.items[0].msg, "SECRET"));
    au_diags_clear(&d);
    au_test_rmdir(dir);
}
END_TEST

START_TEST(test_a_doctype_is_refused)
{
    char dir[32], path[256];
    au_test_mkdir(dir);
    au_test_write(dir, "dtd.xml",
                  "<?xml version=\"1.0\"?>\n<!DOCTYPE scenario [\n <!ENTITY a \"aaaa\">\n]>\n"
                  "<scenario name=\"&a;\"/>\n", path, sizeof path);
    expect_one_diag(path, path, 2, "a DOCTYPE declaration is not allowed");
    au_test_rmdir(dir);
}
END_TEST

static Suite *bad_input_suite(void)
{
    Suite *s = suite_create("bad_input");
    TCase *tc = tcase_create("files");
    tcase_add_loop_test(tc, test_each_bad_input_gets_one_diagnostic_at_its_line, 0,
                        (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, test_unreadable_file_is_reported_not_crashed_on);
    tcase_add_test(tc, test_a_file_extending_itself_is_a_cycle);
    tcase_add_test(tc, test_extending_a_file_that_is_not_a_scenario_does_not_echo_it);
    tcase_add_test(tc, test_a_doctype_is_refused);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(bad_input_suite)
