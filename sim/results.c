/* results.c: the result tables (results.h, results/README.md). */
#include "autonomy/results.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int au_write_atomic(const char *path, int (*write)(FILE *f, const void *ctx), const void *ctx,
                    char *why, size_t why_len)
{
    char tmp[4200];
    if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path) >= (int)sizeof tmp) {
        snprintf(why, why_len, "the name is too long");
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(why, why_len, "%s", strerror(errno));
        return -1;
    }
    FILE *f = fdopen(fd, "w");
    if (f == NULL) {
        snprintf(why, why_len, "%s", strerror(errno));
        close(fd);
        unlink(tmp);
        return -1;
    }
    int bad = write(f, ctx) != 0;
    bad |= ferror(f) != 0;
    bad |= fflush(f) != 0;
    bad |= fsync(fileno(f)) != 0;
    int e = errno;
    bad |= fclose(f) != 0;
    if (!bad && rename(tmp, path) == 0) {
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
    return -1;
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
          "local_el_gwh,import_gwh,import_el_gwh,import_fuel_gwh,export_gwh,curtailment_gwh,"
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
                        r->export_mwh * g, r->curtailment_mwh * g, r->unserved_mwh * g,
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
    const au_engine_ws *ws = vctx;
    size_t n = au_engine_ncols(ws);
    fputs("hour", f);
    for (size_t c = 0; c < n; c++) {
        fputc(',', f);
        au_csv_str(f, au_engine_col(ws, c)->name);
    }
    fputc('\n', f);
    for (int h = 0; h < AU_HOURS; h++) {
        fprintf(f, "%d", h);
        for (size_t c = 0; c < n; c++) {
            fputc(',', f);
            num(f, au_engine_flow(ws, c)[h]);
        }
        fputc('\n', f);
    }
    return 0;
}
