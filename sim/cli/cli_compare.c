/* cli_compare.c: `autonomy compare`, the results of several policies side by
 * side.  It reads the summary.csv tables that `autonomy run` writes (one row
 * per scenario; results/README.md), finds their columns by name, and prints
 * one table with a row per scenario and a column per indicator: the autonomy
 * year by each definition, the indicators in 2030, 2040 and 2050, the last
 * year's energies, cost and CO2, each followed by its difference from a
 * reference scenario.  Markdown for a terminal or a report, CSV for a
 * spreadsheet, a standalone HTML page for a browser.  Every input is read and
 * checked before anything is written: a bad file gives
 * FILE:LINE: error: ... on standard error, exit status 2 and nothing on
 * standard output. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "autonomy/results.h"
#include "cli.h"
#include "textfile.h"

/* A summary has one row per scenario: far below this. */
#define MAX_SUMMARY_BYTES (64L * 1024 * 1024)

const char au_cli_compare_help[] =
    "Usage: autonomy compare DIR|summary.csv... [--reference NAME]\n"
    "                        [--format md|csv|html] [--sort year|cost|co2|jobs]\n"
    "                        [--columns LIST] [--balance-threshold X]\n"
    "                        [--hourly-threshold Y] [--out FILE]\n"
    "\n"
    "Puts the results of several policies side by side: one row per scenario,\n"
    "its criterion, then one column per indicator with, in brackets, its\n"
    "difference from a reference scenario.  Each input is a folder written by\n"
    "`autonomy run` (its summary.csv is read, and its scenarios' yearly.csv for\n"
    "the years by indicator) or a summary.csv file.  The columns shown (--columns\n"
    "for others; the CSV has them all):\n"
    "  autonomy year          the year from which the scenario's own criterion\n"
    "                         holds every year to the horizon (typical weather);\n"
    "                         compared only between scenarios of one criterion\n"
    "                         and threshold\n"
    "  in 90 % of weather years  the same in the scenario's share of weather\n"
    "                         samples (when a scenario has samples)\n"
    "  by annual balance >= 1, by hourly autonomy >= 0.9\n"
    "                         the year by each indicator alone (all energy), at\n"
    "                         one threshold for every scenario (--balance-threshold,\n"
    "                         --hourly-threshold): these compare like with like\n"
    "  imports, exports       in the last year of the horizon, GWh\n"
    "  net present cost, CO\u2082 over the pathway (when a scenario has costs and\n"
    "                         emission factors; docs/economics.md)\n"
    "Other columns: annual_balance_2030/2040/2050, hourly_autonomy_2030/2040/2050,\n"
    "final_energy_gwh, local_production_gwh, curtailment_gwh, cost_meur, co2_t,\n"
    "investment_total_meur, jobs_per_year, eur_per_t_co2_avoided (extra net\n"
    "present cost / CO\u2082 avoided), meur_per_year_gained (extra net present cost /\n"
    "years by which autonomy comes earlier, same criterion).\n"
    "Scenarios of one name from two inputs are told apart by their folder\n"
    "(amiens-default/amiens-roadmap).  Rows run from the earliest autonomy year\n"
    "(ties by name); scenarios that do not reach it come last, the highest\n"
    "last-year value of their criterion's indicator first.  --sort cost, co2 or\n"
    "jobs ranks them by net present cost or CO\u2082 (lowest first) or local jobs\n"
    "(most first) instead.\n"
    "\n"
    "Options:\n"
    "  --reference NAME   the scenario the differences are taken from, by its name\n"
    "                     or folder/name (default: the first of the first input)\n"
    "  --columns LIST     the indicators shown, by their CSV names separated by\n"
    "                     commas (e.g. autonomy_year,import_gwh,npc_meur), or all\n"
    "  --balance-threshold X, --hourly-threshold Y\n"
    "                     the thresholds of the years by indicator (default 1\n"
    "                     and 0.9)\n"
    "  --format F         md (default): a Markdown table, aligned for a terminal;\n"
    "                     csv: every column, with each scenario's criterion,\n"
    "                     threshold and summary, units in the names, d_* for the\n"
    "                     differences, empty for none;\n"
    "                     html: a standalone page for a browser\n"
    "  --sort KEY         year (default), cost, co2 or jobs: the order of the rows\n"
    "  --out FILE         write to FILE (complete or not at all) instead of the\n"
    "                     standard output\n"
    "  -h, --help         show this help\n"
    "\n"
    "Examples:\n"
    "  autonomy compare results\n"
    "  autonomy compare results/baseline results/roadmap --reference amiens-baseline\n"
    "  autonomy compare results --format html --out compare.html\n"
    "  autonomy compare results/amiens-default --reference amiens-baseline --sort cost\n"
    "\n"
    "A bad input prints FILE:LINE: error: ... and nothing else.\n"
    "Exit status: 0 success, 1 the output could not be written, 2 bad input or\n"
    "usage.\n";

/* ---- the indicators ---- */

/* An indicator shown: a column of summary.csv, whose label (its heading in
 * Markdown and HTML) and unit come from the tables' declaration of their
 * columns (au_summary_column, results.h). */
typedef struct indicator {
    const char *col;   /* its column in summary.csv and in the CSV output */
    int optional;      /* a summary may lack the column */
    const char *label; /* derived indicators (not in summary.csv): heading */
} indicator;

enum {
    I_YEAR, I_YEAR_CONF, I_YEAR_AB, I_YEAR_HA,
    I_AB2030, I_AB2040, I_AB2050, I_HA2030, I_HA2040, I_HA2050,
    I_FINAL, I_LOCAL, I_IMPORT, I_EXPORT, I_CURTAIL, I_COST, I_CO2,
    I_INVEST, I_NPC, I_CO2_TOTAL, I_JOBS,
    I_PER_T, I_PER_YEAR,        /* derived from the reference: no difference */
    N_IND
};
#define FIRST_DERIVED I_PER_T

static const indicator ind[N_IND] = {
    {"autonomy_year", 0, NULL},
    {"autonomy_year_at_confidence", 0, NULL},
    {"autonomy_year_annual_balance", 0, NULL},
    {"autonomy_year_hourly_autonomy", 0, NULL},
    {"annual_balance_2030", 0, NULL},
    {"annual_balance_2040", 0, NULL},
    {"annual_balance_2050", 0, NULL},
    {"hourly_autonomy_2030", 0, NULL},
    {"hourly_autonomy_2040", 0, NULL},
    {"hourly_autonomy_2050", 0, NULL},
    {"final_energy_gwh", 0, NULL},
    {"local_production_gwh", 0, NULL},
    {"import_gwh", 0, NULL},
    {"export_gwh", 1, NULL},
    {"curtailment_gwh", 0, NULL},
    {"cost_meur", 1, NULL},
    {"co2_t", 1, NULL},
    {"investment_total_meur", 1, NULL},
    {"npc_meur", 1, NULL},
    {"co2_total_t", 1, NULL},
    {"jobs_per_year", 1, NULL},
    {"eur_per_t_co2_avoided", 1, "\u20ac per t CO\u2082 avoided"},
    {"meur_per_year_gained", 1, "M\u20ac per year of autonomy gained"},
};

/* The heading of indicator k. */
static const char *ind_label(int k)
{
    if (ind[k].label != NULL)
        return ind[k].label;
    const char *label = ind[k].col;
    au_unit_kind unit;
    au_summary_column(ind[k].col, &label, &unit);
    return label;
}

/* The unit of indicator k. */
static au_unit_kind ind_unit(int k)
{
    const char *label;
    au_unit_kind unit = AU_UNIT_NUMBER;
    if (k == I_PER_T)
        return AU_UNIT_NUMBER;
    if (k == I_PER_YEAR)
        return AU_UNIT_MEUR;
    au_summary_column(ind[k].col, &label, &unit);
    return unit;
}

/* Decimals shown in Markdown and HTML. */
static int decimals(au_unit_kind u)
{
    switch (u) {
    case AU_UNIT_FRACTION:
        return 3;
    case AU_UNIT_GWH:
        return 1;
    case AU_UNIT_MEUR:
        return 2;
    case AU_UNIT_JOBS:
        return 1;
    default:
        return 0;
    }
}

/* The other columns read. */
enum { C_SCENARIO, C_CRITERION, C_SAMPLES, C_LAST_YEAR, C_AB, C_AB_EL, C_HA, C_HA_EL,
       C_THRESHOLD, C_CONFIDENCE, N_BASE };
static const char *const base_col[N_BASE] = {
    "scenario", "criterion", "samples", "last_year",
    "annual_balance", "annual_balance_el", "hourly_autonomy", "hourly_autonomy_el",
    "threshold", "confidence",
};
/* Base columns a summary may lack (older or hand-made ones). */
static int base_optional(int k)
{
    return k == C_THRESHOLD || k == C_CONFIDENCE;
}

/* A criterion and the last-year column of its indicator. */
static const struct {
    const char *name;
    int col;
    const char *words;
} criteria[] = {
    {"annual-balance/all-energy", C_AB, "annual balance"},
    {"annual-balance/electricity", C_AB_EL, "annual balance (electricity)"},
    {"hourly-autonomy/all-energy", C_HA, "hourly autonomy"},
    {"hourly-autonomy/electricity", C_HA_EL, "hourly autonomy (electricity)"},
};

/* ---- the table read ---- */

typedef struct scen_row {
    char *name;         /* owned */
    char *label;        /* as shown: the name, or input/name when two inputs
                           share it (owned) */
    const char *file;   /* the summary it came from (owned by the input list) */
    int input;          /* its input */
    long line;
    int samples, last_year;
    int crit;           /* its criterion (criteria[]) */
    double threshold;   /* its criterion's threshold, NAN when the summary lacks it */
    double confidence;  /* its share of weather samples, NAN when lacking */
    unsigned char known[N_IND]; /* 0: the value could not be worked out (the
                           years by indicator at the stated thresholds of a
                           summary without its yearly tables) */
    double v[N_IND];    /* NAN: none (not reached, outside the horizon, absent) */
    double crit_last;   /* the criterion's indicator in the last year */
    size_t order;       /* in the order read */
} scen_row;

typedef struct comparison {
    scen_row *rows;     /* sorted for output */
    size_t n, cap;
    const scen_row *ref;
    int shown[N_IND];   /* the indicators some scenario has: the CSV's columns */
    int view[N_IND], n_view; /* the Markdown and HTML columns, in order */
    int last_year;      /* shared by every scenario, or 0 */
    double ab_threshold, ha_threshold; /* the years by indicator are at these */
    char ab_label[64], ha_label[64], conf_label[64];
    char title[512];
} comparison;

/* One CSV record: its fields, unquoted, each NUL-terminated in text. */
typedef struct record {
    char *text;
    size_t cap;
    size_t *start;
    size_t n, n_cap;
    au_span *span;      /* n_cap spans, for au_csv_split */
    long line;          /* where the record starts */
} record;

typedef struct csv_reader {
    const char *p, *end;
    long line;
} csv_reader;

/* Room in r for n fields and len bytes of text: 0, or -1. */
static int rec_room(record *r, size_t n, size_t len)
{
    if (n > r->n_cap) {
        size_t cap = r->n_cap ? r->n_cap : 64;
        while (cap < n)
            cap *= 2;
        size_t *s = realloc(r->start, cap * sizeof *s);
        if (s != NULL)
            r->start = s;
        au_span *sp = realloc(r->span, cap * sizeof *sp);
        if (sp != NULL)
            r->span = sp;
        if (s == NULL || sp == NULL)
            return -1;
        r->n_cap = cap;
    }
    if (len > r->cap) {
        char *t = realloc(r->text, len);
        if (t == NULL)
            return -1;
        r->text = t;
        r->cap = len;
    }
    return 0;
}

static const char *field(const record *r, size_t i)
{
    return r->text + r->start[i];
}

/* Reads the next record (RFC 4180: fields may be quoted, hold commas, doubled
 * quotes and line breaks; au_csv_split).  Blank lines are skipped.  Returns
 * 1, 0 at the end, or with a message in msg and the line in r->line -1 (the
 * text is wrong) or -2 (out of memory). */
static int read_record(csv_reader *in, record *r, char *msg, size_t msz)
{
    const char *p = in->p, *end = in->end;
    while (p < end && (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n'))) {
        p += *p == '\r' ? 2 : 1;
        in->line++;
    }
    in->p = p;
    if (p >= end)
        return 0;
    r->n = 0;
    r->line = in->line;
    au_csv_record rec;
    const char *next = au_csv_split(p, end, r->span, r->n_cap, &rec);
    if (rec.err != AU_CSV_OK) {
        r->line = in->line + rec.err_line;
        au_csv_error_text(&rec, "file", msg, msz);
        return -1;
    }
    /* the text unquoted is no longer than the record, plus a NUL per field */
    if (rec_room(r, rec.n, (size_t)(next - p) + rec.n) != 0) {
        snprintf(msg, msz, "out of memory (expected a smaller file)");
        return -2;
    }
    au_csv_split(p, end, r->span, r->n_cap, &rec);
    size_t len = 0;
    for (size_t i = 0; i < rec.n; i++) {
        r->start[i] = len;
        len += au_csv_unquote(r->span[i], r->text + len, r->cap - len) + 1;
    }
    r->n = rec.n;
    in->p = next;
    in->line += rec.lines;
    return 1;
}

static void rec_free(record *r)
{
    free(r->text);
    free(r->start);
    free(r->span);
}

/* A number: empty is none (NAN); 0, or -1 when s is not a finite decimal. */
static int parse_num(const char *s, double *v)
{
    if (*s == '\0') {
        *v = NAN;
        return 0;
    }
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (end == s || *end != '\0' || !isfinite(x) || strpbrk(s, "xX") != NULL)
        return -1;
    *v = x;
    return 0;
}

/* A whole number in [lo, hi]: empty is none (NAN). */
static int parse_int(const char *s, long lo, long hi, double *v)
{
    if (*s == '\0') {
        *v = NAN;
        return 0;
    }
    char *end;
    errno = 0;
    long x = strtol(s, &end, 10);
    while (*end == ' ')
        end++;
    if (end == s || *end != '\0' || errno != 0 || x < lo || x > hi)
        return -1;
    *v = (double)x;
    return 0;
}

static int add_row(comparison *c, scen_row *row)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        scen_row *r = realloc(c->rows, cap * sizeof *r);
        if (r == NULL)
            return -1;
        c->rows = r;
        c->cap = cap;
    }
    c->rows[c->n++] = *row;
    return 0;
}

/* The header: where each column read is.  AU_OK, or AU_EINVAL with a
 * diagnostic naming the columns missing. */
static au_status find_columns(const char *file, const record *h, long base[N_BASE],
                              long at[N_IND], au_diags *d)
{
    const char *missing[N_BASE + N_IND];
    size_t n_missing = 0;
    /* scenario and autonomy_year first: they say what the file is */
    static const int order[N_BASE + N_IND] = {
        C_SCENARIO, N_BASE + I_YEAR, C_CRITERION, C_SAMPLES, C_LAST_YEAR,
        C_AB, C_AB_EL, C_HA, C_HA_EL,
        N_BASE + I_YEAR_CONF, N_BASE + I_YEAR_AB, N_BASE + I_YEAR_HA,
        N_BASE + I_AB2030, N_BASE + I_AB2040, N_BASE + I_AB2050,
        N_BASE + I_HA2030, N_BASE + I_HA2040, N_BASE + I_HA2050,
        N_BASE + I_FINAL, N_BASE + I_LOCAL, N_BASE + I_IMPORT, N_BASE + I_EXPORT,
        N_BASE + I_CURTAIL, C_THRESHOLD, C_CONFIDENCE,
        N_BASE + I_COST, N_BASE + I_CO2, N_BASE + I_INVEST, N_BASE + I_NPC,
        N_BASE + I_CO2_TOTAL, N_BASE + I_JOBS, N_BASE + I_PER_T, N_BASE + I_PER_YEAR,
    };
    for (int o = 0; o < N_BASE + N_IND; o++) {
        int k = order[o];
        const char *name = k < N_BASE ? base_col[k] : ind[k - N_BASE].col;
        long pos = -1;
        if (k >= N_BASE + FIRST_DERIVED) {
            at[k - N_BASE] = -1;
            continue;
        }
        for (size_t i = 0; i < h->n && pos < 0; i++)
            if (strcmp(field(h, i), name) == 0)
                pos = (long)i;
        if (k < N_BASE)
            base[k] = pos;
        else
            at[k - N_BASE] = pos;
        if (pos < 0 && (k < N_BASE ? !base_optional(k) : !ind[k - N_BASE].optional))
            missing[n_missing++] = name;
    }
    if (n_missing == 0)
        return AU_OK;
    char list[512];
    size_t len = 0;
    for (size_t i = 0; i < n_missing && i < 4; i++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s'%s'", i ? ", " : "",
                                missing[i]);
    if (n_missing > 4)
        snprintf(list + len, sizeof list - len, " and %zu more", n_missing - 4);
    au_diags_add(d, file, h->line,
                 "not a summary table: no column%s %s (expected the header of a summary.csv "
                 "written by 'autonomy run': scenario, criterion, ..., autonomy_year, ...; "
                 "results/README.md)", n_missing > 1 ? "s" : "", list);
    return AU_EINVAL;
}

/* The numbers of record r (the columns at base and at) into row.  0, or -1
 * with what is wrong in msg. */
static int parse_row(const record *r, const long base[N_BASE], const long at[N_IND],
                     scen_row *row, char *msg, size_t msz)
{
    const char *crit = field(r, (size_t)base[C_CRITERION]);
    int crit_col = -1;
    for (size_t k = 0; k < sizeof criteria / sizeof criteria[0]; k++)
        if (strcmp(crit, criteria[k].name) == 0)
            crit_col = criteria[k].col, row->crit = (int)k;
    if (crit_col < 0) {
        snprintf(msg, msz, "column 'criterion' holds '%.100s' (expected "
                 "annual-balance/all-energy, annual-balance/electricity, "
                 "hourly-autonomy/all-energy or hourly-autonomy/electricity)", crit);
        return -1;
    }
    double samples, last_year;
    const char *s = field(r, (size_t)base[C_SAMPLES]);
    if (parse_int(s, 0, 100000000, &samples) != 0 || isnan(samples)) {
        snprintf(msg, msz, "column 'samples' holds '%.100s' (expected a whole number of "
                 "weather samples, 0 or more)", s);
        return -1;
    }
    s = field(r, (size_t)base[C_LAST_YEAR]);
    if (parse_int(s, 1, 9999, &last_year) != 0 || isnan(last_year)) {
        snprintf(msg, msz, "column 'last_year' holds '%.100s' (expected a year such as 2050)",
                 s);
        return -1;
    }
    row->crit_last = NAN;
    for (int k = C_AB; k <= C_HA_EL; k++) {
        double v;
        s = field(r, (size_t)base[k]);
        if (parse_num(s, &v) != 0) {
            snprintf(msg, msz, "column '%s' holds '%.100s' (expected a number, or empty for "
                     "none)", base_col[k], s);
            return -1;
        }
        if (k == crit_col)
            row->crit_last = v;
    }
    for (int k = 0; k < N_IND; k++) {
        row->v[k] = NAN;
        if (at[k] < 0)
            continue;
        s = field(r, (size_t)at[k]);
        int year = ind_unit(k) == AU_UNIT_YEAR;
        if ((year ? parse_int(s, 1, 9999, &row->v[k]) : parse_num(s, &row->v[k])) != 0) {
            snprintf(msg, msz, "column '%s' holds '%.100s' (expected %s)", ind[k].col, s,
                     year ? "a year such as 2042, or empty when not reached"
                          : "a number, or empty for none");
            return -1;
        }
    }
    row->threshold = row->confidence = NAN;
    for (int k = C_THRESHOLD; k <= C_CONFIDENCE; k++) {
        double v;
        if (base[k] < 0)
            continue;
        s = field(r, (size_t)base[k]);
        if (parse_num(s, &v) != 0) {
            snprintf(msg, msz, "column '%s' holds '%.100s' (expected a number)", base_col[k], s);
            return -1;
        }
        *(k == C_THRESHOLD ? &row->threshold : &row->confidence) = v;
    }
    memset(row->known, 1, sizeof row->known);
    row->samples = (int)samples;
    row->last_year = (int)last_year;
    return 0;
}

/* The rows after the header (n_fields fields each) into c.  0, -1 with what
 * is wrong in msg and its line in r->line, or -2 (out of memory, in msg). */
static int read_rows(const char *file, int input, csv_reader *in, record *r,
                     const long base[N_BASE], const long at[N_IND], comparison *c, char *msg,
                     size_t msz)
{
    size_t n_fields = r->n, rows = 0;
    int st;
    while ((st = read_record(in, r, msg, msz)) > 0) {
        if (r->n != n_fields) {
            snprintf(msg, msz, "%zu field%s (expected %zu, as in the header)", r->n,
                     r->n == 1 ? "" : "s", n_fields);
            return -1;
        }
        scen_row row = {0};
        row.file = file;
        row.input = input;
        row.line = r->line;
        row.order = c->n;
        const char *name = field(r, (size_t)base[C_SCENARIO]);
        if (*name == '\0') {
            snprintf(msg, msz, "the scenario's name is empty (expected a name)");
            return -1;
        }
        if (parse_row(r, base, at, &row, msg, msz) != 0)
            return -1;
        row.name = strdup(name);
        if (row.name == NULL || add_row(c, &row) != 0) {
            free(row.name);
            snprintf(msg, msz, "out of memory (expected fewer scenarios)");
            return -2;
        }
        rows++;
    }
    if (st < 0)
        return st;
    if (rows == 0) {
        r->line = in->line;
        snprintf(msg, msz, "no scenario in the table (expected one row per scenario after "
                 "the header)");
        return -1;
    }
    return 0;
}

/* Reads one summary into c.  AU_OK; or, with a diagnostic of its first
 * problem, AU_EIO (it cannot be read), AU_EINVAL (it is not a summary
 * table) or AU_ENOMEM. */
static au_status read_summary(const char *file, int input, comparison *c, au_diags *d)
{
    char *buf = NULL, msg[512];
    size_t len = 0;
    au_file_error why;
    au_status status = au_read_file(file, MAX_SUMMARY_BYTES, &buf, &len, &why);
    if (status != AU_OK) {
        au_file_error_text(&why, "summary.csv written by 'autonomy run'", "a summary table",
                           msg, sizeof msg);
        au_diags_add(d, file, 0, "%s", msg);
        return status;
    }
    csv_reader in = {buf, buf + len, 1};
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        in.p += 3;
    record r = {0};
    long base[N_BASE], at[N_IND];
    int st = read_record(&in, &r, msg, sizeof msg);
    if (st == 0) {
        au_diags_add(d, file, 1, "the file is empty (expected a summary.csv written by "
                     "'autonomy run', with a header line)");
        status = AU_EINVAL;
    } else if (st > 0) {
        status = find_columns(file, &r, base, at, d);
        if (status == AU_OK)
            st = read_rows(file, input, &in, &r, base, at, c, msg, sizeof msg);
    }
    if (status == AU_OK && st < 0) {
        au_diags_add(d, file, r.line, "%s", msg);
        status = st == -2 ? AU_ENOMEM : AU_EINVAL;
    }
    rec_free(&r);
    free(buf);
    return status;
}

/* ---- order and formatting ---- */

static int by_autonomy(const void *va, const void *vb)
{
    const scen_row *a = va, *b = vb;
    int ra = !isnan(a->v[I_YEAR]), rb = !isnan(b->v[I_YEAR]);
    if (ra != rb)
        return rb - ra;
    if (ra && a->v[I_YEAR] != b->v[I_YEAR])
        return a->v[I_YEAR] < b->v[I_YEAR] ? -1 : 1;
    if (!ra) {
        int na = isnan(a->crit_last), nb = isnan(b->crit_last);
        if (na != nb)
            return na - nb;
        if (!na && a->crit_last != b->crit_last)
            return a->crit_last > b->crit_last ? -1 : 1;
    }
    int c = strcmp(a->label, b->label);
    if (c != 0)
        return c;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* --sort: the indicator rows are ranked by (ascending; jobs descending), or
 * -1 for the autonomy year; rows without it come last, ties by autonomy. */
static int sort_key = -1;

static int by_key(const void *va, const void *vb)
{
    const scen_row *a = va, *b = vb;
    if (sort_key >= 0) {
        double x = a->v[sort_key], y = b->v[sort_key];
        int na = isnan(x), nb = isnan(y);
        if (na != nb)
            return na - nb;
        if (!na && x != y)
            return (sort_key == I_JOBS ? x > y : x < y) ? -1 : 1;
    }
    return by_autonomy(va, vb);
}

/* v with dec decimals ("%+.*f" with sign), and "0.000" rather than "-0.000"
 * or "+0.000" for a value that rounds to zero. */
static void fixed(char *buf, size_t n, double v, int dec, int sign)
{
    snprintf(buf, n, sign ? "%+.*f" : "%.*f", dec, v);
    if (strpbrk(buf, "123456789") == NULL)
        snprintf(buf, n, "%.*f", dec, 0.0);
}

/* The text of a value, for Markdown and HTML. */
static void value_text(char *buf, size_t n, const scen_row *r, int k)
{
    double v = r->v[k];
    if (!r->known[k])
        snprintf(buf, n, "?");
    else if (ind_unit(k) == AU_UNIT_YEAR) {
        if (k == I_YEAR_CONF && r->samples == 0)
            snprintf(buf, n, "\u2014");
        else if (isnan(v))
            snprintf(buf, n, "not reached");
        else
            snprintf(buf, n, "%d", (int)v);
    } else if (isnan(v)) {
        snprintf(buf, n, "\u2014");
    } else {
        fixed(buf, n, v, decimals(ind_unit(k)), 0);
    }
}

/* Whether r and the reference are measured alike for indicator k: the
 * autonomy years only between scenarios of one criterion and threshold
 * (and, at confidence, one share of weather years). */
static int alike(const scen_row *r, const scen_row *ref, int k)
{
    if (k == I_YEAR || k == I_YEAR_CONF)
        if (r->crit != ref->crit || !(r->threshold == ref->threshold))
            return 0;
    if (k == I_YEAR_CONF && !(r->confidence == ref->confidence))
        return 0;
    return r->known[k] && ref->known[k];
}

/* The difference from the reference: 0 and *d set, or -1 for none. */
static int delta(const comparison *c, const scen_row *r, int k, double *d)
{
    if (k >= FIRST_DERIVED || r == c->ref || isnan(r->v[k]) || isnan(c->ref->v[k]) ||
        !alike(r, c->ref, k))
        return -1;
    if (k == I_YEAR_CONF && (r->samples == 0 || c->ref->samples == 0))
        return -1;
    *d = r->v[k] - c->ref->v[k];
    return 0;
}

/* A value and its difference from the reference in one cell: "2038 (-4
 * years)", "0.750 (+0.125)"; the value alone for the reference or without a
 * difference. */
static void cell_text(char *buf, size_t n, const comparison *c, const scen_row *r, int k)
{
    double d;
    value_text(buf, n, r, k);
    if (delta(c, r, k, &d) != 0)
        return;
    size_t len = strlen(buf);
    char db[48];
    if (ind_unit(k) != AU_UNIT_YEAR)
        fixed(db, sizeof db, d, decimals(ind_unit(k)), 1);
    else if (d == 0)
        snprintf(db, sizeof db, "same");
    else
        snprintf(db, sizeof db, "%+d year%s", (int)d, fabs(d) == 1 ? "" : "s");
    snprintf(buf + len, n - len, " (%s)", db);
}

/* The heading of indicator k in this comparison. */
static const char *heading(const comparison *c, int k)
{
    return k == I_YEAR_AB   ? c->ab_label
           : k == I_YEAR_HA ? c->ha_label
           : k == I_YEAR_CONF ? c->conf_label
                              : ind_label(k);
}

/* A scenario's criterion in words: "annual balance >= 1". */
static void criterion_text(char *buf, size_t n, const scen_row *r)
{
    if (isnan(r->threshold))
        snprintf(buf, n, "%s", criteria[r->crit].words);
    else
        snprintf(buf, n, "%s \u2265 %g", criteria[r->crit].words, r->threshold);
}

/* The line under the table: what the columns mean and their units. */
static void legend(char *buf, size_t n, const comparison *c)
{
    char when[64];
    if (c->last_year)
        snprintf(when, sizeof when, "in %d", c->last_year);
    else
        snprintf(when, sizeof when, "in the last year of each horizon");
    snprintf(buf, n,
             "Autonomy year: from which the scenario's own criterion holds every year to the "
             "horizon, typical weather%s; by annual balance \u2265 %g, by hourly autonomy "
             "\u2265 %g: the year by that indicator alone (all energy), at the same threshold "
             "for every scenario. Energies: GWh %s%s%s. %s"
             "In brackets: the difference from %s; an autonomy year's only between scenarios "
             "of the same criterion and threshold. \u2014: none; ?: not worked out (a summary "
             "without its scenarios' yearly tables).",
             c->shown[I_YEAR_CONF] ? " (in a share of weather years: the first year from which "
                                     "that share of the scenario's weather samples meets it)"
                                   : "",
             c->ab_threshold, c->ha_threshold, when,
             c->shown[I_COST] ? "; cost: M\u20ac" : "",
             c->shown[I_CO2] ? "; CO\u2082: t" : "",
             c->shown[I_NPC] || c->shown[I_CO2_TOTAL] || c->shown[I_JOBS]
                 ? "Over the pathway: investment and net present cost (discounted to the "
                   "start year) in M\u20ac, CO\u2082 in t, local jobs a year on average "
                   "(docs/economics.md); per t avoided: the extra net present cost over the CO\u2082 "
                   "avoided, for scenarios that emit less; per year gained: the extra net "
                   "present cost over the years by which autonomy comes earlier. "
                 : "",
             c->ref->label);
}

/* Characters on screen: UTF-8 code points. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* ---- the three formats ---- */

/* A name for one line of Markdown: '|' escaped, control characters as spaces.
 * The caller frees it. */
static char *md_name(const char *s)
{
    char *out = malloc(2 * strlen(s) + 1), *o = out;
    if (out == NULL)
        return NULL;
    for (; *s; s++) {
        if (*s == '|')
            *o++ = '\\';
        *o++ = (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s;
    }
    *o = '\0';
    return out;
}

static int write_md(FILE *f, const void *vctx)
{
    const comparison *c = vctx;
    /* the scenario, its criterion, then the indicators of the view, each
     * with its difference in brackets */
    size_t nc = 2 + (size_t)c->n_view, nr = c->n + 1;
    char **cell = calloc(nr * nc, sizeof *cell);
    size_t *w = calloc(nc, sizeof *w);
    int status = -1;
    if (cell == NULL || w == NULL)
        goto done;
    for (size_t j = 0; j < nc; j++) {
        const char *h = j == 0 ? "scenario" : j == 1 ? "criterion" : heading(c, c->view[j - 2]);
        if ((cell[j] = strdup(h)) == NULL)
            goto done;
    }
    for (size_t i = 1; i < nr; i++) {
        const scen_row *r = &c->rows[i - 1];
        for (size_t j = 0; j < nc; j++) {
            char b[96];
            if (j == 0) {
                cell[i * nc] = md_name(r->label);
            } else {
                if (j == 1)
                    criterion_text(b, sizeof b, r);
                else
                    cell_text(b, sizeof b, c, r, c->view[j - 2]);
                cell[i * nc + j] = strdup(b);
            }
            if (cell[i * nc + j] == NULL)
                goto done;
        }
    }
    for (size_t j = 0; j < nc; j++) {
        w[j] = 3;
        for (size_t i = 0; i < nr; i++)
            if (width(cell[i * nc + j]) > w[j])
                w[j] = width(cell[i * nc + j]);
    }
    fprintf(f, "%s\n\n", c->title);
    for (size_t i = 0; i < nr; i++) {
        for (size_t j = 0; j < nc; j++) {
            const char *s = cell[i * nc + j];
            size_t pad = w[j] - width(s);
            fputs("| ", f);
            if (j < 2)
                fprintf(f, "%s%*s", s, (int)pad, "");
            else
                fprintf(f, "%*s%s", (int)pad, "", s);
            fputc(' ', f);
        }
        fputs("|\n", f);
        if (i == 0) {
            for (size_t j = 0; j < nc; j++) {
                fputs(j < 2 ? "|:" : "|", f);
                for (size_t k = 0; k <= w[j]; k++)
                    fputc('-', f);
                if (j >= 2)
                    fputc(':', f);
            }
            fputs("|\n", f);
        }
    }
    char leg[2048];
    legend(leg, sizeof leg, c);
    fprintf(f, "\n%s\n", leg);
    status = 0;
done:
    for (size_t i = 0; cell != NULL && i < nr * nc; i++)
        free(cell[i]);
    free(cell);
    free(w);
    if (status != 0)
        errno = ENOMEM;
    return status;
}

static void csv_year(FILE *f, double v)
{
    if (!isnan(v))
        fprintf(f, "%d", (int)v);
}

/* Every value some scenario has, whatever the view: the scenario as shown,
 * its summary, its criterion, threshold and share of weather years, then
 * each indicator and its difference (d_*); the years by indicator follow
 * the threshold they are at. */
static int write_csv(FILE *f, const void *vctx)
{
    const comparison *c = vctx;
    char b[40];
    fputs("scenario,source,criterion,threshold,confidence", f);
    for (int k = 0; k < N_IND; k++) {
        if (!c->shown[k])
            continue;
        if (k == I_YEAR_AB)
            fputs(",balance_threshold", f);
        if (k == I_YEAR_HA)
            fputs(",hourly_threshold", f);
        if (k < FIRST_DERIVED)
            fprintf(f, ",%s,d_%s", ind[k].col, ind[k].col);
        else
            fprintf(f, ",%s", ind[k].col);
    }
    fputc('\n', f);
    for (size_t i = 0; i < c->n; i++) {
        const scen_row *r = &c->rows[i];
        au_csv_str(f, r->label);
        fputc(',', f);
        au_csv_str(f, r->file);
        fprintf(f, ",%s,%s", criteria[r->crit].name, au_csv_num(b, r->threshold));
        fprintf(f, ",%s", au_csv_num(b, r->confidence));
        for (int k = 0; k < N_IND; k++) {
            if (!c->shown[k])
                continue;
            if (k == I_YEAR_AB || k == I_YEAR_HA)
                fprintf(f, ",%s",
                        au_csv_num(b, k == I_YEAR_AB ? c->ab_threshold : c->ha_threshold));
            double v = (k == I_YEAR_CONF && r->samples == 0) || !r->known[k] ? NAN : r->v[k], d;
            int has_d = delta(c, r, k, &d) == 0;
            fputc(',', f);
            if (ind_unit(k) == AU_UNIT_YEAR)
                csv_year(f, v);
            else
                fputs(au_csv_num(b, v), f);
            if (k >= FIRST_DERIVED)
                continue;
            fputc(',', f);
            if (has_d && ind_unit(k) == AU_UNIT_YEAR)
                csv_year(f, d);
            else if (has_d)
                fputs(au_csv_num(b, d), f);
        }
        fputc('\n', f);
    }
    return 0;
}

static void html_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

static int write_html(FILE *f, const void *vctx)
{
    const comparison *c = vctx;
    char b[96], leg[2048];
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    html_text(f, c->title);
    fputs("</title>\n<style>\n"
          "body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }\n"
          ".wrap { overflow-x: auto; }\n"
          "table { border-collapse: collapse; font-variant-numeric: tabular-nums; }\n"
          "caption { text-align: left; font-weight: bold; padding: 0 0 0.5em; }\n"
          "th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: right; "
          "white-space: nowrap; }\n"
          "thead th { background: #f0f0f0; white-space: normal; min-width: 6em; }\n"
          "tbody th, td.criterion { text-align: left; }\n"
          "tr.reference { background: #eef4ff; }\n"
          "p { max-width: 60em; color: #444; }\n"
          "</style>\n</head>\n<body>\n<div class=\"wrap\">\n<table>\n<caption>",
          f);
    html_text(f, c->title);
    fputs("</caption>\n<thead>\n<tr><th scope=\"col\">scenario</th>"
          "<th scope=\"col\">criterion</th>", f);
    for (int j = 0; j < c->n_view; j++) {
        fputs("<th scope=\"col\">", f);
        html_text(f, heading(c, c->view[j]));
        fputs("</th>", f);
    }
    fputs("</tr>\n</thead>\n<tbody>\n", f);
    for (size_t i = 0; i < c->n; i++) {
        const scen_row *r = &c->rows[i];
        fputs(r == c->ref ? "<tr class=\"reference\"><th scope=\"row\">" :
                            "<tr><th scope=\"row\">", f);
        html_text(f, r->label);
        fputs("</th><td class=\"criterion\">", f);
        criterion_text(b, sizeof b, r);
        html_text(f, b);
        fputs("</td>", f);
        for (int j = 0; j < c->n_view; j++) {
            cell_text(b, sizeof b, c, r, c->view[j]);
            fputs("<td>", f);
            html_text(f, b);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    legend(leg, sizeof leg, c);
    fputs("</tbody>\n</table>\n</div>\n<p>", f);
    html_text(f, leg);
    fputs("</p>\n</body>\n</html>\n", f);
    return 0;
}

/* ---- the command ---- */

typedef struct compare_cmd {
    const char *reference, *out;            /* --reference, --out */
    const char *columns;                    /* --columns, or NULL */
    double ab_threshold, ha_threshold;      /* --balance-threshold, --hourly-threshold */
    int (*writer)(FILE *, const void *);    /* --format */
    int help;
    char **args;                            /* the inputs as given */
    int n_in;
    char **files;                           /* per input: its summary.csv */
    comparison cmp;
    au_diags d;
} compare_cmd;

static au_status oom(void)
{
    fputs("autonomy compare: out of memory\n", stderr);
    return AU_ENOMEM;
}

/* The options and the inputs; --help prints the help and sets k->help. */
static au_status parse_options(compare_cmd *k, int argc, char **argv)
{
    static const struct option opts[] = {
        {"reference", required_argument, NULL, 'r'},
        {"format", required_argument, NULL, 'f'},
        {"out", required_argument, NULL, 'o'},
        {"sort", required_argument, NULL, 's'},
        {"columns", required_argument, NULL, 'c'},
        {"balance-threshold", required_argument, NULL, 'b'},
        {"hourly-threshold", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    /* 0, not 1: glibc then forgets the "+" (stop at the first non-option)
     * of the caller's getopt, so options may follow the inputs. */
    optind = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            k->reference = optarg;
            break;
        case 'f':
            if (strcmp(optarg, "md") == 0)
                k->writer = write_md;
            else if (strcmp(optarg, "csv") == 0)
                k->writer = write_csv;
            else if (strcmp(optarg, "html") == 0)
                k->writer = write_html;
            else {
                fprintf(stderr, "autonomy compare: --format '%s' (expected md, csv or html)\n",
                        optarg);
                return AU_EUSAGE;
            }
            break;
        case 'o':
            k->out = optarg;
            if (au_cli_empty("compare", "--out", optarg, "a file's name"))
                return AU_EUSAGE;
            break;
        case 'c':
            k->columns = optarg;
            break;
        case 'b':
        case 't': {
            char *end;
            double v = strtod(optarg, &end);
            if (end == optarg || *end != '\0' || !(v > 0 && v <= 100)) {
                fprintf(stderr, "autonomy compare: --%s '%s' (expected a number above 0, e.g. "
                                "%s)\n", c == 'b' ? "balance-threshold" : "hourly-threshold",
                        optarg, c == 'b' ? "1" : "0.9");
                return AU_EUSAGE;
            }
            *(c == 'b' ? &k->ab_threshold : &k->ha_threshold) = v;
            break;
        }
        case 's':
            if (strcmp(optarg, "year") == 0)
                sort_key = -1;
            else if (strcmp(optarg, "cost") == 0)
                sort_key = I_NPC;
            else if (strcmp(optarg, "co2") == 0)
                sort_key = I_CO2_TOTAL;
            else if (strcmp(optarg, "jobs") == 0)
                sort_key = I_JOBS;
            else {
                fprintf(stderr, "autonomy compare: --sort '%s' (expected year, cost, co2 or "
                                "jobs)\n", optarg);
                return AU_EUSAGE;
            }
            break;
        case 'h':
            fputs(au_cli_compare_help, stdout);
            k->help = 1;
            return AU_OK;
        default:
            fputs("Try 'autonomy compare --help'.\n", stderr);
            return AU_EUSAGE;
        }
    }
    k->args = argv + optind;
    k->n_in = argc - optind;
    if (k->n_in <= 0) {
        fputs("autonomy compare: no input given (expected one or more results folders or "
              "summary.csv files; see 'autonomy compare --help')\n", stderr);
        return AU_EUSAGE;
    }
    return AU_OK;
}

/* When folder dir has no summary.csv but folders that have one (the
 * results folder of loose scenarios and batches, each in its own folder),
 * says so with the first three of their names in byte order, and returns 1. */
static int folder_of_folders(compare_cmd *k, const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return 0;
    char first[3][256], path[4400], names[1000] = "";
    int n = 0;
    struct stat sb;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.' || strlen(e->d_name) >= sizeof first[0] ||
            snprintf(path, sizeof path, "%s/%s/summary.csv", dir, e->d_name) >=
                (int)sizeof path ||
            stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        int at = n < 3 ? n : 3; /* insertion among the three smallest */
        while (at > 0 && strcmp(e->d_name, first[at - 1]) < 0) {
            if (at < 3)
                memcpy(first[at], first[at - 1], sizeof first[0]);
            at--;
        }
        if (at < 3)
            snprintf(first[at], sizeof first[0], "%s", e->d_name);
        n++;
    }
    closedir(d);
    for (int i = 0; i < n && i < 3; i++) {
        size_t l = strlen(names);
        snprintf(names + l, sizeof names - l, "%s%s/%s", i ? " " : "", dir, first[i]);
    }
    if (n > 0)
        au_diags_add(&k->d, dir, 0, "no summary.csv here, but %d results folder%s that have "
                     "one (expected one or several of them: autonomy compare %s%s)", n,
                     n > 1 ? "s" : "", names, n > 3 ? " ..." : "");
    return n > 0;
}

/* Input i: a folder (its summary.csv) or a summary.csv, read into k->cmp
 * unless it is a summary already read (seen[j] for each input j before it;
 * seen[i].st_ino stays 0 when it cannot be found). */
static au_status read_input(compare_cmd *k, int i, struct stat *seen)
{
    const char *arg = k->args[i];
    struct stat st;
    if (stat(arg, &st) != 0) {
        au_diags_add(&k->d, arg, 0, "cannot open it: %s (expected a results folder or a "
                     "summary.csv file)", strerror(errno));
        return AU_EIO;
    }
    size_t len = strlen(arg) + sizeof "/summary.csv";
    if ((k->files[i] = malloc(len)) == NULL)
        return oom();
    if (S_ISDIR(st.st_mode))
        snprintf(k->files[i], len, "%s%ssummary.csv", arg,
                 arg[strlen(arg) - 1] == '/' ? "" : "/");
    else
        snprintf(k->files[i], len, "%s", arg);
    if (stat(k->files[i], &seen[i]) != 0) {
        seen[i].st_ino = 0;
        if (S_ISDIR(st.st_mode) && folder_of_folders(k, arg))
            return AU_EIO;
    }
    for (int j = 0; j < i && seen[i].st_ino != 0; j++)
        if (seen[j].st_ino != 0 && seen[j].st_dev == seen[i].st_dev &&
            seen[j].st_ino == seen[i].st_ino) {
            au_diags_add(&k->d, k->files[i], 0, "the same summary as %s (expected each input "
                         "once)", k->files[j]);
            return AU_EINVAL;
        }
    return read_summary(k->files[i], i, &k->cmp, &k->d);
}

/* The label of input i for its scenarios' names: the folder as given,
 * without a trailing "/summary.csv" or "/"; its last part when short is
 * set. */
static char *input_label(const compare_cmd *k, int i, int short_)
{
    const char *a = k->args[i];
    size_t n = strlen(a);
    if (n >= 12 && strcmp(a + n - 12, "/summary.csv") == 0)
        n -= 12;
    else if (n == 11 && strcmp(a, "summary.csv") == 0)
        n = 0;
    while (n > 1 && a[n - 1] == '/')
        n--;
    size_t from = 0;
    if (short_)
        for (size_t j = 0; j < n; j++)
            if (a[j] == '/' && j + 1 < n)
                from = j + 1;
    char *out = malloc(n - from + 2);
    if (out != NULL)
        snprintf(out, n - from + 2, "%.*s", (int)(n - from), n == 0 ? "." : a + from);
    return out;
}

/* Labels: each scenario's name, or, when another input holds the same name,
 * its input's folder and its name ("amiens-default/amiens-roadmap"; the
 * folder as given when the folders' own names are the same too).  Two rows
 * of one input with one name, or two labels still the same, are refused. */
static au_status label_rows(compare_cmd *k)
{
    comparison *c = &k->cmp;
    for (size_t i = 0; i < c->n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(c->rows[j].name, c->rows[i].name) == 0 &&
                c->rows[j].input == c->rows[i].input) {
                au_diags_add(&k->d, c->rows[i].file, c->rows[i].line, "scenario '%s' is also "
                             "at line %ld (expected each scenario once in a summary)",
                             c->rows[i].name, c->rows[j].line);
                return AU_EINVAL;
            }
    unsigned char *same = calloc(c->n + 1, 1);
    if (same == NULL)
        return AU_ENOMEM;
    for (int pass = 0; pass < 3; pass++) {
        /* pass 0: names; 1: short folder/name where names repeat; 2: the
         * folder as given where those repeat too */
        int clash = 0;
        for (size_t i = 0; i < c->n; i++) {
            const scen_row *r = &c->rows[i];
            same[i] = 0;
            for (size_t j = 0; j < c->n; j++)
                same[i] |= j != i && strcmp(c->rows[j].label ? c->rows[j].label : c->rows[j].name,
                                            r->label ? r->label : r->name) == 0;
            clash |= same[i];
        }
        for (size_t i = 0; i < c->n; i++) {
            scen_row *r = &c->rows[i];
            if ((pass > 0 && !same[i]) || (pass == 0 && r->label != NULL))
                continue;
            char *in = pass == 0 ? NULL : input_label(k, r->input, pass == 1);
            size_t n = strlen(r->name) + (in ? strlen(in) + 2 : 1);
            char *label = malloc(n);
            if (label == NULL || (pass > 0 && in == NULL)) {
                free(in), free(label), free(same);
                return AU_ENOMEM;
            }
            snprintf(label, n, "%s%s%s", in ? in : "", in ? "/" : "", r->name);
            free(in);
            free(r->label);
            r->label = label;
        }
        if (pass > 0 && !clash)
            break;
    }
    free(same);
    for (size_t i = 0; i < c->n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(c->rows[j].label, c->rows[i].label) == 0) {
                au_diags_add(&k->d, c->rows[i].file, c->rows[i].line, "scenario '%s' is also "
                             "in %s:%ld, from a folder of the same name (expected each "
                             "scenario once across the inputs)", c->rows[i].name,
                             c->rows[j].file, c->rows[j].line);
                return AU_EINVAL;
            }
    return AU_OK;
}

/* The years by each indicator at the stated thresholds: from the
 * scenario's yearly.csv beside its summary (typical weather), else from the
 * summary's own columns when they were taken at those thresholds (the
 * scenario's own for its indicator, 1 for the other), else not known. */
static void years_at_thresholds(comparison *c)
{
    const double want[2] = {c->ab_threshold, c->ha_threshold};
    const int col[2] = {I_YEAR_AB, I_YEAR_HA};
    for (size_t i = 0; i < c->n; i++) {
        scen_row *r = &c->rows[i];
        char safe[256], path[4400];
        au_safe_name(safe, sizeof safe, r->name);
        const char *slash = strrchr(r->file, '/');
        int dir_n = slash ? (int)(slash - r->file) : 1;
        snprintf(path, sizeof path, "%.*s/%s/yearly.csv", dir_n, slash ? r->file : ".", safe);
        char *buf = NULL, msg[256];
        size_t len = 0;
        au_file_error why;
        int done = 0;
        if (au_read_file(path, MAX_SUMMARY_BYTES, &buf, &len, &why) == AU_OK) {
            csv_reader in = {buf, buf + len, 1};
            record rec = {0};
            long at[3] = {-1, -1, -1};
            static const char *const names[3] = {"year", "annual_balance", "hourly_autonomy"};
            if (read_record(&in, &rec, msg, sizeof msg) > 0) {
                for (size_t f = 0; f < rec.n; f++)
                    for (int q = 0; q < 3; q++)
                        if (strcmp(field(&rec, f), names[q]) == 0)
                            at[q] = (long)f;
            }
            double from[2] = {NAN, NAN};
            int ok = at[0] >= 0 && at[1] >= 0 && at[2] >= 0, rows = 0;
            while (ok && read_record(&in, &rec, msg, sizeof msg) > 0) {
                double y, v;
                if ((size_t)at[2] >= rec.n || parse_int(field(&rec, (size_t)at[0]), 1, 9999, &y) ||
                    isnan(y)) {
                    ok = 0;
                    break;
                }
                for (int q = 0; q < 2; q++) {
                    if (parse_num(field(&rec, (size_t)at[1 + q]), &v) != 0 || isnan(v)) {
                        ok = 0;
                        break;
                    }
                    /* the first year of the run that holds to the end */
                    if (v >= want[q]) {
                        if (isnan(from[q]))
                            from[q] = y;
                    } else {
                        from[q] = NAN;
                    }
                }
                rows++;
            }
            rec_free(&rec);
            if (ok && rows > 0) {
                for (int q = 0; q < 2; q++)
                    r->v[col[q]] = from[q], r->known[col[q]] = 1;
                done = 1;
            }
        }
        free(buf);
        if (done)
            continue;
        for (int q = 0; q < 2; q++) {
            int own = (q == 0) == (criteria[r->crit].col == C_AB || criteria[r->crit].col == C_AB_EL);
            double at_thr = own ? r->threshold : 1.0;
            r->known[col[q]] = at_thr == want[q];
        }
    }
}

/* The door: every input read and checked before anything is written, every
 * problem printed. */
static au_status read_inputs(compare_cmd *k)
{
    au_status first = AU_OK;
    k->files = calloc((size_t)k->n_in, sizeof *k->files);
    struct stat *seen = calloc((size_t)k->n_in, sizeof *seen);
    if (k->files == NULL || seen == NULL)
        first = oom();
    for (int i = 0; i < k->n_in && first != AU_ENOMEM; i++) {
        au_status st = read_input(k, i, seen);
        if (first == AU_OK || st == AU_ENOMEM)
            first = st;
    }
    free(seen);
    if (first == AU_OK)
        first = label_rows(k);
    au_diags_print(&k->d, stderr);
    return au_cli_input_status(first);
}

/* The reference: the scenario of that label, or of that name when one
 * scenario has it; the index of its row, or -1 with the problem told. */
static long find_reference(const comparison *c, const char *want)
{
    long found = -1;
    int named = 0;
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->rows[i].label, want) == 0)
            return (long)i;
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->rows[i].name, want) == 0)
            found = (long)i, named++;
    if (named == 1)
        return found;
    fprintf(stderr, "autonomy compare: --reference '%s' is %s (expected one of", want,
            named > 1 ? "the name of several scenarios" : "not a scenario of the inputs");
    for (size_t i = 0; i < c->n; i++)
        fprintf(stderr, "%s '%s'", i ? "," : "", c->rows[i].label);
    fputs(")\n", stderr);
    return -1;
}

/* The columns of Markdown and HTML: --columns (CSV column names, or
 * "all"), else the default view: the autonomy years, imports, exports and
 * what the pathway costs and emits, where some scenario has them. */
static au_status choose_view(comparison *c, const char *columns)
{
    static const int dflt[] = {I_YEAR, I_YEAR_CONF, I_YEAR_AB, I_YEAR_HA, I_IMPORT, I_EXPORT,
                               I_NPC, I_CO2_TOTAL};
    c->n_view = 0;
    if (columns == NULL) {
        for (size_t i = 0; i < sizeof dflt / sizeof dflt[0]; i++)
            if (c->shown[dflt[i]])
                c->view[c->n_view++] = dflt[i];
        return AU_OK;
    }
    if (strcmp(columns, "all") == 0) {
        for (int k = 0; k < N_IND; k++)
            if (c->shown[k])
                c->view[c->n_view++] = k;
        return AU_OK;
    }
    for (const char *p = columns; *p;) {
        size_t n = strcspn(p, ",");
        int k = 0;
        while (k < N_IND && (strlen(ind[k].col) != n || strncmp(ind[k].col, p, n) != 0))
            k++;
        if (k == N_IND || c->n_view == N_IND) {
            fprintf(stderr, "autonomy compare: --columns: '%.*s' is not a column (expected all, "
                            "or names among", (int)n, p);
            for (int j = 0; j < N_IND; j++)
                fprintf(stderr, "%s %s", j ? "," : "", ind[j].col);
            fputs(")\n", stderr);
            return AU_EUSAGE;
        }
        c->view[c->n_view++] = k;
        p += n + (p[n] == ',');
    }
    return AU_OK;
}

/* The reference (found before sorting moves the rows), the years at the
 * stated thresholds, the order, the columns shown and the title. */
static au_status arrange(compare_cmd *k)
{
    comparison *c = &k->cmp;
    long ref = 0;
    if (k->reference != NULL && (ref = find_reference(c, k->reference)) < 0)
        return AU_EUSAGE;
    c->ab_threshold = k->ab_threshold > 0 ? k->ab_threshold : 1.0;
    c->ha_threshold = k->ha_threshold > 0 ? k->ha_threshold : 0.9;
    snprintf(c->ab_label, sizeof c->ab_label, "by annual balance \u2265 %g", c->ab_threshold);
    snprintf(c->ha_label, sizeof c->ha_label, "by hourly autonomy \u2265 %g", c->ha_threshold);
    years_at_thresholds(c);
    /* "in 90 % of weather years" when every scenario with samples asks the
     * same share */
    double share = -1;
    for (size_t i = 0; i < c->n; i++)
        if (c->rows[i].samples > 0)
            share = share < 0 || share == c->rows[i].confidence ? c->rows[i].confidence : NAN;
    if (share >= 0 && !isnan(share))
        snprintf(c->conf_label, sizeof c->conf_label, "in %g %% of weather years", 100 * share);
    else
        snprintf(c->conf_label, sizeof c->conf_label, "in a share of weather years");
    size_t ref_order = c->rows[ref].order;
    qsort(c->rows, c->n, sizeof *c->rows, by_key);
    c->last_year = c->rows[0].last_year;
    for (size_t i = 0; i < c->n; i++) {
        const scen_row *r = &c->rows[i];
        if (r->order == ref_order)
            c->ref = r;
        if (r->last_year != c->last_year)
            c->last_year = 0;
        for (int j = 0; j < N_IND; j++)
            if (!isnan(r->v[j]))
                c->shown[j] = 1;
        if (r->samples > 0)
            c->shown[I_YEAR_CONF] = 1;
    }
    /* what each policy costs per tonne avoided and per year of autonomy
     * gained, against the reference (years of one criterion only) */
    const scen_row *rf = c->ref;
    for (size_t i = 0; i < c->n; i++) {
        scen_row *r = &c->rows[i];
        double extra = r->v[I_NPC] - rf->v[I_NPC];
        double avoided = rf->v[I_CO2_TOTAL] - r->v[I_CO2_TOTAL];
        double gained = alike(r, rf, I_YEAR) ? rf->v[I_YEAR] - r->v[I_YEAR] : NAN;
        r->v[I_PER_T] = r != rf && avoided > 0 ? extra * 1e6 / avoided : NAN;
        r->v[I_PER_YEAR] = r != rf && gained > 0 ? extra / gained : NAN;
        for (int j = FIRST_DERIVED; j < N_IND; j++)
            if (!isnan(r->v[j]))
                c->shown[j] = 1;
    }
    for (int j = 0; j < N_IND; j++)
        if (j != I_YEAR_CONF && j != I_COST && j != I_CO2 && j != I_EXPORT && j < I_INVEST)
            c->shown[j] = 1;
    au_status st = choose_view(c, k->columns);
    if (st != AU_OK)
        return st;
    snprintf(c->title, sizeof c->title, "Autonomy compared: %zu scenario%s, differences from %s",
             c->n, c->n == 1 ? "" : "s", c->ref->label);
    /* a title on one line */
    for (char *p = c->title; *p; p++)
        if ((unsigned char)*p < 0x20)
            *p = ' ';
    return AU_OK;
}

/* The table, to --out (complete or not at all) or to the standard output. */
static au_status write_output(const compare_cmd *k)
{
    if (k->out != NULL) {
        char why[256];
        if (au_write_atomic(k->out, k->writer, &k->cmp, why, sizeof why) != 0) {
            fprintf(stderr, "autonomy compare: cannot write %s: %s\n", k->out, why);
            return AU_EIO;
        }
        return AU_OK;
    }
    return k->writer(stdout, &k->cmp) != 0 ? oom() : AU_OK;
}

/* Each step prints its own problems; the exit status is that of the first
 * failure (au_exit_status). */
int au_cli_compare(int argc, char **argv)
{
    compare_cmd k = {.writer = write_md};
    au_diags_init(&k.d);
    au_status st = parse_options(&k, argc, argv);
    if (st != AU_OK || k.help)
        return au_exit_status(st);
    st = read_inputs(&k);
    if (st == AU_OK)
        st = arrange(&k);
    if (st == AU_OK)
        st = write_output(&k);
    for (size_t i = 0; i < k.cmp.n; i++) {
        free(k.cmp.rows[i].name);
        free(k.cmp.rows[i].label);
    }
    free(k.cmp.rows);
    for (int i = 0; k.files != NULL && i < k.n_in; i++)
        free(k.files[i]);
    free(k.files);
    au_diags_clear(&k.d);
    return au_exit_status(st);
}
