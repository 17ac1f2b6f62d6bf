/* check_textfile.c: the CSV splitter the readers share (textfile.h):
 * quoted fields with commas, doubled quotes and line breaks, LF and CRLF
 * line ends, the errors and where they are, and fields beyond those stored. */
#include "test_util.h"

#include "textfile.h"

/* Field i of a split, unquoted. */
static const char *text(const au_span *f, size_t i)
{
    static char buf[256];
    au_csv_unquote(f[i], buf, sizeof buf);
    return buf;
}

START_TEST(quoted_fields)
{
    const char *s = "a,\"b, c\",\"say \"\"hi\"\"\",,\"two\nlines\"\r\nnext";
    const char *end = s + strlen(s);
    au_span f[8];
    au_csv_record rec;
    const char *next = au_csv_split(s, end, f, 8, &rec);
    ck_assert_int_eq(rec.err, AU_CSV_OK);
    ck_assert_uint_eq(rec.n, 5);
    ck_assert_str_eq(text(f, 0), "a");
    ck_assert_str_eq(text(f, 1), "b, c");
    ck_assert_str_eq(text(f, 2), "say \"hi\"");
    ck_assert_str_eq(text(f, 3), "");
    ck_assert_str_eq(text(f, 4), "two\nlines");
    ck_assert_int_eq(rec.lines, 2);
    ck_assert_str_eq(next, "next");
    next = au_csv_split(next, end, f, 8, &rec);
    ck_assert_ptr_eq(next, end);
    ck_assert_uint_eq(rec.n, 1);
    ck_assert_int_eq(rec.lines, 0);
    ck_assert_str_eq(text(f, 0), "next");
}
END_TEST

START_TEST(more_fields_than_stored)
{
    au_span f[2], line = {"1,2,3,4", 7};
    au_csv_record rec;
    ck_assert_uint_eq(au_csv_split_line(line, f, 2, &rec), 4);
    ck_assert_str_eq(text(f, 1), "2");
    ck_assert_uint_eq(au_csv_split_line(line, NULL, 0, &rec), 4);
}
END_TEST

START_TEST(errors)
{
    static const struct {
        const char *s;
        au_csv_error err;
        size_t field;
        long line;
    } cases[] = {
        {"a,\"b\nc", AU_CSV_UNCLOSED, 2, 0},
        {"\"x\ny\"z,1", AU_CSV_AFTER_QUOTE, 1, 1},
        {"a,b\"c", AU_CSV_BARE_QUOTE, 2, 0},
        {"\"a\nb\",c\0d", AU_CSV_NUL, 2, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = strlen(cases[i].s) + (cases[i].err == AU_CSV_NUL ? 2 : 0);
        au_csv_record rec;
        au_csv_split(cases[i].s, cases[i].s + len, NULL, 0, &rec);
        ck_assert_int_eq(rec.err, cases[i].err);
        ck_assert_uint_eq(rec.err_field, cases[i].field);
        ck_assert_int_eq(rec.err_line, cases[i].line);
    }
    char msg[256];
    au_csv_record rec;
    au_span line = {"\"open", 5};
    au_csv_split_line(line, NULL, 0, &rec);
    au_csv_error_text(&rec, "line", msg, sizeof msg);
    ck_assert_str_eq(msg, "a quoted field is not closed (expected a '\"' before the end of "
                          "the line)");
}
END_TEST

START_TEST(unquote_cut_short)
{
    char buf[4];
    au_span f = {"ab\"\"cd", 6};
    ck_assert_uint_eq(au_csv_unquote(f, buf, sizeof buf), 5);
    ck_assert_str_eq(buf, "ab\"");
}
END_TEST

static Suite *textfile_suite(void)
{
    Suite *s = suite_create("textfile");
    TCase *tc = tcase_create("csv");
    tcase_add_test(tc, quoted_fields);
    tcase_add_test(tc, more_fields_than_stored);
    tcase_add_test(tc, errors);
    tcase_add_test(tc, unquote_cut_short);
    suite_add_tcase(s, tc);
    return s;
}

AU_CHECK_MAIN(textfile_suite)
