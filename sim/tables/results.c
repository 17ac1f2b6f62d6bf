/* results.c: the result tables (results.h, results/README.md). */
#include "autonomy/results.h"

#include <errno.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

const char *au_csv_num(char buf[40], double v)
{
    if (isnan(v)) {
        buf[0] = '\0';
        return buf;
    }
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, 40, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return buf;
}

void au_csv_str(FILE *f, const char *s)
{
    if (s == NULL)
        s = "";
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void au_safe_name(char *dst, size_t n, const char *name)
{
    size_t j = 0;
    for (size_t i = 0; name != NULL && name[i] != '\0' && j + 1 < n; i++) {
        char c = name[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
            dst[j++] = c;
        else if (c >= 'A' && c <= 'Z')
            dst[j++] = (char)(c - 'A' + 'a');
        else if (j > 0 && dst[j - 1] != '_' && dst[j - 1] != '-')
            dst[j++] = '_';
    }
    while (j > 0 && (dst[j - 1] == '_' || dst[j - 1] == '-'))
        j--;
    size_t k = 0;
    while (k < j && (dst[k] == '_' || dst[k] == '-'))
        k++;
    memmove(dst, dst + k, j - k);
    j -= k;
    if (j == 0)
        snprintf(dst, n, "scenario");
    else
        dst[j] = '\0';
}

int au_mkdir_p(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

char au_tmp_current[4400];
volatile sig_atomic_t au_tmp_current_set;

int au_write_atomic(const char *path, int (*write)(FILE *f, const void *ctx), const void *ctx,
                    char *why, size_t why_len)
{
    char tmp[4200];
    if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path) >= (int)sizeof tmp) {
        snprintf(why, why_len, "the name is too long");
        return -1;
    }
    au_tmp_current_set = 0;
    int fd = mkstemp(tmp);
    if (fd >= 0) {
        memcpy(au_tmp_current, tmp, strlen(tmp) + 1);
        au_tmp_current_set = 1;
    }
    if (fd < 0) {
        snprintf(why, why_len, "%s", strerror(errno));
        return -1;
    }
    FILE *f = fdopen(fd, "w");
    if (f == NULL) {
        snprintf(why, why_len, "%s", strerror(errno));
        close(fd);
        unlink(tmp);
        au_tmp_current_set = 0;
        return -1;
    }
    int bad = write(f, ctx) != 0;
    bad |= ferror(f) != 0;
    bad |= fflush(f) != 0;
    bad |= fsync(fileno(f)) != 0;
    int e = errno;
    bad |= fclose(f) != 0;
    if (!bad && rename(tmp, path) == 0) {
        au_tmp_current_set = 0;
        /* readable like any other file the user makes (mkstemp gives 0600) */
        mode_t mask = umask(0);
        umask(mask);
        chmod(path, 0666 & ~mask);
        return 0;
    }
    if (e == 0)
        e = errno;
    snprintf(why, why_len, "%s", strerror(e ? e : EIO));
    unlink(tmp);
    au_tmp_current_set = 0;
    return -1;
}

static void hex_of(const uint8_t *d, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[64] = '\0';
}

int au_sha256_file(const char *path, char hex[65])
{
    struct sha256_ctx ctx;
    uint8_t buf[65536], digest[SHA256_DIGEST_SIZE];
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    sha256_init(&ctx);
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sha256_update(&ctx, n, buf);
    int bad = ferror(f);
    fclose(f);
    if (bad)
        return -1;
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    hex_of(digest, hex);
    return 0;
}

void au_sha256_str(const char *s, char hex[65])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, strlen(s), (const uint8_t *)s);
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    hex_of(digest, hex);
}

static void num(FILE *f, double v)
{
    char b[40];
    fputs(au_csv_num(b, v), f);
}

static const char *indicator_name(const au_criterion *c)
{
    if (c->indicator == AU_IND_ANNUAL_BALANCE)
        return c->scope == AU_SCOPE_ELECTRICITY ? "annual-balance/electricity"
                                                : "annual-balance/all-energy";
    return c->scope == AU_SCOPE_ELECTRICITY ? "hourly-autonomy/electricity"
                                            : "hourly-autonomy/all-energy";
}

static void year_cols(FILE *f)
{
    fputs("final_energy_gwh,final_el_gwh,final_heat_gwh,final_fuel_gwh,local_production_gwh,"
          "local_el_gwh,import_gwh,import_el_gwh,import_fuel_gwh,export_gwh,export_el_gwh,"
          "export_fuel_gwh,curtailment_gwh,"
          "unserved_gwh,unserved_heat_gwh,heat_dumped_gwh,peak_import_mw,hours_with_import,"
          "battery_throughput_gwh,battery_cycles,electrolysis_gwh,annual_balance,"
          "annual_balance_el,hourly_autonomy,hourly_autonomy_el,self_consumption,co2_t,"
          "cost_meur,cost_eur_per_mwh",
          f);
}

static void year_vals(FILE *f, const au_year_result *r)
{
    const double g = 1e-3;
    const double v[] = {r->final_energy_mwh * g, r->final_el_mwh * g, r->final_heat_mwh * g,
                        r->final_fuel_mwh * g, r->local_production_mwh * g, r->local_el_mwh * g,
                        r->import_mwh * g, r->import_el_mwh * g, r->import_fuel_mwh * g,
                        r->export_mwh * g, r->export_el_mwh * g, r->export_fuel_mwh * g,
                        r->curtailment_mwh * g, r->unserved_mwh * g,
                        r->unserved_heat_mwh * g, r->heat_dumped_mwh * g, r->peak_import_mw,
                        (double)r->hours_with_import, r->battery_throughput_mwh * g,
                        r->battery_cycles, r->electrolysis_mwh * g, r->annual_balance,
                        r->annual_balance_el, r->hourly_autonomy, r->hourly_autonomy_el,
                        r->self_consumption, r->co2_t, r->cost_eur * 1e-6,
                        r->cost_eur_per_mwh};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        if (i)
            fputc(',', f);
        num(f, v[i]);
    }
}

int au_write_summary(FILE *f, const void *vctx)
{
    const au_summary_ctx *c = vctx;
    fputs("scenario,criterion,threshold,autonomy_year,gap_last_year,samples,confidence,"
          "probability_last_year,autonomy_year_at_confidence,autonomy_year_annual_balance,"
          "autonomy_year_hourly_autonomy,annual_balance_2030,annual_balance_2040,"
          "annual_balance_2050,hourly_autonomy_2030,hourly_autonomy_2040,hourly_autonomy_2050,"
          "last_year,",
          f);
    year_cols(f);
    fputc('\n', f);
    for (size_t i = 0; i < c->n; i++) {
        const au_pathway *p = &c->p[i];
        const au_criterion *cr = &p->s->criterion;
        au_csv_str(f, p->s->name);
        fprintf(f, ",%s,", indicator_name(cr));
        num(f, cr->threshold);
        fputc(',', f);
        if (p->autonomy_year)
            fprintf(f, "%d", p->autonomy_year);
        fputc(',', f);
        num(f, p->gap_last);
        fprintf(f, ",%d,", p->n_samples);
        num(f, cr->confidence);
        fputc(',', f);
        num(f, p->n_samples > 0 ? p->probability[p->n_years - 1] : NAN);
        fputc(',', f);
        if (p->autonomy_year_conf)
            fprintf(f, "%d", p->autonomy_year_conf);
        for (int k = 0; k < 2; k++) {
            fputc(',', f);
            if (p->year_by_indicator[k])
                fprintf(f, "%d", p->year_by_indicator[k]);
        }
        static const int years[3] = {2030, 2040, 2050};
        for (int k = 0; k < 6; k++) {
            int y = years[k % 3];
            fputc(',', f);
            if (y >= p->s->year_start && y <= p->s->year_end) {
                const au_year_result *r = au_pathway_result(p, 0, y);
                num(f, k < 3 ? r->annual_balance : r->hourly_autonomy);
            }
        }
        fprintf(f, ",%d,", p->s->year_end);
        year_vals(f, au_pathway_result(p, 0, p->s->year_end));
        fputc('\n', f);
    }
    return 0;
}

int au_write_yearly(FILE *f, const void *vctx)
{
    const au_pathway *p = vctx;
    fputs("year,", f);
    year_cols(f);
    if (p->n_samples > 0)
        fputs(",probability,p10,p50,p90", f);
    fputc('\n', f);
    for (int i = 0; i < p->n_years; i++) {
        fprintf(f, "%d,", p->s->year_start + i);
        year_vals(f, &p->res[i]);
        if (p->n_samples > 0) {
            const double v[] = {p->probability[i], p->p10[i], p->p50[i], p->p90[i]};
            for (int k = 0; k < 4; k++) {
                fputc(',', f);
                num(f, v[k]);
            }
        }
        fputc('\n', f);
    }
    return 0;
}

int au_write_hourly(FILE *f, const void *vctx)
{
    const au_flow_table *t = vctx;
    fputs("hour", f);
    for (size_t c = 0; c < t->ncols; c++) {
        fputc(',', f);
        au_csv_str(f, t->cols[c].name);
    }
    fputc('\n', f);
    for (int h = 0; h < AU_HOURS; h++) {
        fprintf(f, "%d", h);
        for (size_t c = 0; c < t->ncols; c++) {
            fputc(',', f);
            num(f, t->flow[c * AU_HOURS + h]);
        }
        fputc('\n', f);
    }
    return 0;
}

/* ---- reading tables back ---- */

/* Splits one CSV line (RFC 4180 quotes) into at most max fields, in place;
 * returns the number of fields. */
static size_t csv_fields(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *p = line;
    line[strcspn(line, "\r\n")] = '\0';
    for (;;) {
        char *start = p, *w = p;
        if (*p == '"') {
            start = w = ++p;
            while (*p != '\0') {
                if (*p == '"' && p[1] == '"') {
                    *w++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *w++ = *p++;
                }
            }
            if (n < max)
                f[n] = start;
            n++;
            char *comma = strchr(p, ',');
            *w = '\0';
            if (comma == NULL)
                return n;
            p = comma + 1;
            continue;
        }
        char *comma = strchr(p, ',');
        if (comma != NULL)
            *comma = '\0';
        if (n < max)
            f[n] = start;
        n++;
        if (comma == NULL)
            return n;
        p = comma + 1;
    }
}

static int col_index(char **names, size_t n, const char *want)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], want) == 0)
            return (int)i;
    return -1;
}

static double field(char **v, size_t n, int i)
{
    if (i < 0 || (size_t)i >= n || v[i][0] == '\0')
        return NAN;
    return strtod(v[i], NULL);
}

#define MAX_COLS 128

au_status au_pathway_read(const au_scenario *s, const char *dir, au_pathway *p, au_diags *d)
{
    char path[4400], hdr[8192], line[65536];
    char *names[MAX_COLS], *vals[MAX_COLS];
    memset(p, 0, sizeof *p);
    p->s = s;
    p->n_years = s->year_end - s->year_start + 1;
    p->res = calloc((size_t)p->n_years, sizeof *p->res);
    p->value = calloc((size_t)p->n_years, sizeof *p->value);
    p->probability = calloc((size_t)p->n_years, sizeof *p->probability);
    p->p10 = calloc((size_t)p->n_years, sizeof *p->p10);
    p->p50 = calloc((size_t)p->n_years, sizeof *p->p50);
    p->p90 = calloc((size_t)p->n_years, sizeof *p->p90);
    if (!p->res || !p->value || !p->probability || !p->p10 || !p->p50 || !p->p90) {
        au_pathway_clear(p);
        return AU_ENOMEM;
    }
    /* summary-row.csv */
    snprintf(path, sizeof path, "%s/summary-row.csv", dir);
    FILE *f = fopen(path, "r");
    if (f == NULL || fgets(hdr, sizeof hdr, f) == NULL || fgets(line, sizeof line, f) == NULL) {
        if (f)
            fclose(f);
        au_diags_add(d, path, 0, "cannot read the table (expected the summary row of a run)");
        au_pathway_clear(p);
        return AU_EIO;
    }
    fclose(f);
    size_t nh = csv_fields(hdr, names, MAX_COLS), nv = csv_fields(line, vals, MAX_COLS);
    if (nh > MAX_COLS)
        nh = MAX_COLS;
    if (nv > MAX_COLS)
        nv = MAX_COLS;
    double v;
    v = field(vals, nv, col_index(names, nh, "autonomy_year"));
    p->autonomy_year = isnan(v) ? 0 : (int)v;
    v = field(vals, nv, col_index(names, nh, "autonomy_year_at_confidence"));
    p->autonomy_year_conf = isnan(v) ? 0 : (int)v;
    v = field(vals, nv, col_index(names, nh, "autonomy_year_annual_balance"));
    p->year_by_indicator[0] = isnan(v) ? 0 : (int)v;
    v = field(vals, nv, col_index(names, nh, "autonomy_year_hourly_autonomy"));
    p->year_by_indicator[1] = isnan(v) ? 0 : (int)v;
    p->gap_last = field(vals, nv, col_index(names, nh, "gap_last_year"));
    v = field(vals, nv, col_index(names, nh, "samples"));
    p->n_samples = isnan(v) ? 0 : (int)v;

    /* yearly.csv */
    snprintf(path, sizeof path, "%s/yearly.csv", dir);
    f = fopen(path, "r");
    if (f == NULL || fgets(hdr, sizeof hdr, f) == NULL) {
        if (f)
            fclose(f);
        au_diags_add(d, path, 0, "cannot read the table (expected the yearly table of a run)");
        au_pathway_clear(p);
        return AU_EIO;
    }
    nh = csv_fields(hdr, names, MAX_COLS);
    if (nh > MAX_COLS)
        nh = MAX_COLS;
    int c_year = col_index(names, nh, "year");
    int rows = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        nv = csv_fields(line, vals, MAX_COLS);
        int y = (int)field(vals, nv, c_year);
        if (y < s->year_start || y > s->year_end)
            continue;
        int i = y - s->year_start;
        au_year_result *r = &p->res[i];
        const double g = 1e3;
        r->year = y;
#define GET(fieldname, col, scale) r->fieldname = field(vals, nv, col_index(names, nh, col)) * (scale)
        GET(final_energy_mwh, "final_energy_gwh", g);
        GET(final_el_mwh, "final_el_gwh", g);
        GET(final_heat_mwh, "final_heat_gwh", g);
        GET(final_fuel_mwh, "final_fuel_gwh", g);
        GET(local_production_mwh, "local_production_gwh", g);
        GET(local_el_mwh, "local_el_gwh", g);
        GET(import_mwh, "import_gwh", g);
        GET(import_el_mwh, "import_el_gwh", g);
        GET(import_fuel_mwh, "import_fuel_gwh", g);
        GET(export_mwh, "export_gwh", g);
        GET(export_el_mwh, "export_el_gwh", g);
        GET(export_fuel_mwh, "export_fuel_gwh", g);
        GET(curtailment_mwh, "curtailment_gwh", g);
        GET(unserved_mwh, "unserved_gwh", g);
        GET(unserved_heat_mwh, "unserved_heat_gwh", g);
        GET(heat_dumped_mwh, "heat_dumped_gwh", g);
        GET(peak_import_mw, "peak_import_mw", 1);
        GET(battery_throughput_mwh, "battery_throughput_gwh", g);
        GET(battery_cycles, "battery_cycles", 1);
        GET(electrolysis_mwh, "electrolysis_gwh", g);
        GET(annual_balance, "annual_balance", 1);
        GET(annual_balance_el, "annual_balance_el", 1);
        GET(hourly_autonomy, "hourly_autonomy", 1);
        GET(hourly_autonomy_el, "hourly_autonomy_el", 1);
        GET(self_consumption, "self_consumption", 1);
        GET(co2_t, "co2_t", 1);
        GET(cost_eur, "cost_meur", 1e6);
        GET(cost_eur_per_mwh, "cost_eur_per_mwh", 1);
#undef GET
        double hw = field(vals, nv, col_index(names, nh, "hours_with_import"));
        r->hours_with_import = isnan(hw) ? 0 : (int)hw;
        p->value[i] = au_criterion_value(&s->criterion, r);
        p->probability[i] = field(vals, nv, col_index(names, nh, "probability"));
        p->p10[i] = field(vals, nv, col_index(names, nh, "p10"));
        p->p50[i] = field(vals, nv, col_index(names, nh, "p50"));
        p->p90[i] = field(vals, nv, col_index(names, nh, "p90"));
        rows++;
    }
    fclose(f);
    if (rows != p->n_years) {
        au_diags_add(d, path, 0, "the table has %d years (expected %d)", rows, p->n_years);
        au_pathway_clear(p);
        return AU_EIO;
    }
    return AU_OK;
}
