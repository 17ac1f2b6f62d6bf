/* error.c: status messages, the exit status of each status, and the list of
 * diagnostics (error.h). */
#include "autonomy/error.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *au_strerror(au_status status)
{
    switch (status) {
#define AU_STATUS_CASE(name, code, msg) case name: return msg;
        AU_STATUS_LIST(AU_STATUS_CASE)
#undef AU_STATUS_CASE
    }
    return "unknown status";
}

int au_exit_status(au_status status)
{
    switch (status) {
    case AU_OK:
        return AU_EXIT_OK;
    case AU_EPARSE:
    case AU_ESCHEMA:
    case AU_EUNIT:
    case AU_EINVAL:
    case AU_ECYCLE:
    case AU_EUSAGE:
        return AU_EXIT_INPUT;
    case AU_ENOMEM:
    case AU_EIO:
    case AU_EINTERNAL:
    case AU_ETOOL:
        break;
    }
    return AU_EXIT_RUN;
}

void au_diags_init(au_diags *d)
{
    d->items = NULL;
    d->n = d->cap = 0;
    d->oom = 0;
}

void au_diags_clear(au_diags *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].file);
        free(d->items[i].msg);
    }
    free(d->items);
    au_diags_init(d);
}

void au_diags_add(au_diags *d, const char *file, long line, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);

    /* the same problem found twice (by two variants of a batch, say) is
     * reported once */
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].line == (line < 0 ? 0 : line) &&
            strcmp(d->items[i].file, file ? file : "-") == 0 && strcmp(d->items[i].msg, buf) == 0)
            return;
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 8;
        au_diag *items = realloc(d->items, cap * sizeof *items);
        if (items == NULL) {
            d->oom = 1;
            return;
        }
        d->items = items;
        d->cap = cap;
    }
    au_diag *it = &d->items[d->n];
    it->file = strdup(file ? file : "-");
    it->msg = strdup(buf);
    it->line = line < 0 ? 0 : line;
    if (it->file == NULL || it->msg == NULL) {
        free(it->file);
        free(it->msg);
        d->oom = 1;
        return;
    }
    d->n++;
}

void au_diags_print(const au_diags *d, FILE *out)
{
    for (size_t i = 0; i < d->n; i++)
        fprintf(out, "%s:%ld: error: %s\n", d->items[i].file, d->items[i].line,
                d->items[i].msg);
    if (d->oom)
        fprintf(out, "autonomy: error: out of memory while recording errors\n");
}
