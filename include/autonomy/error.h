/* error.h: status codes and the list of diagnostics a reader collects.
 *
 * Every function of the library that can fail returns an au_status.  Problems
 * in a user's file are not printed where they are found: they are appended to
 * an au_diags list, each with the file and line it concerns, and the caller
 * (the command line) decides where to print them.  A diagnostic message reads
 * "what is wrong (what was expected)".  Line 0 means the whole file.  What a
 * caller does about a failure (the exit status, whether to go on) depends on
 * the status code alone, never on a message's text. */
#ifndef AUTONOMY_ERROR_H
#define AUTONOMY_ERROR_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One list of status codes and messages (SUNDIALS' X-macro pattern). */
#define AU_STATUS_LIST(X)                                              \
    X(AU_OK,       0, "success")                                       \
    X(AU_ENOMEM,   1, "out of memory")                                 \
    X(AU_EIO,      2, "a file could not be read or written")           \
    X(AU_EPARSE,   3, "a file is not well-formed XML")                 \
    X(AU_ESCHEMA,  4, "a file does not follow the scenario schema")    \
    X(AU_EUNIT,    5, "a value has a missing or wrong unit")           \
    X(AU_EINVAL,   6, "a value is out of range or inconsistent")       \
    X(AU_ECYCLE,   7, "scenario files extend each other in a cycle")   \
    X(AU_EUSAGE,   8, "the command line is wrong")                     \
    X(AU_EINTERNAL, 9, "an internal check failed (a bug: please report it)") \
    X(AU_ETOOL,    10, "an external program is missing or failed")

typedef enum {
#define AU_STATUS_ENUM(name, code, msg) name = code,
    AU_STATUS_LIST(AU_STATUS_ENUM)
#undef AU_STATUS_ENUM
} au_status;

/* The message of a status code; never NULL. */
const char *au_strerror(au_status status);

/* Exit statuses of the program: success, the run or the writing failed, bad
 * input or usage. */
enum { AU_EXIT_OK = 0, AU_EXIT_RUN = 1, AU_EXIT_INPUT = 2 };

/* The exit status for a status code, the one table every command uses:
 *   AU_OK                                             AU_EXIT_OK (0)
 *   AU_EPARSE, AU_ESCHEMA, AU_EUNIT, AU_EINVAL,
 *   AU_ECYCLE, AU_EUSAGE (bad input or usage)         AU_EXIT_INPUT (2)
 *   AU_EIO, AU_ENOMEM, AU_EINTERNAL, AU_ETOOL, and
 *   any unknown code (the run or the writing failed)  AU_EXIT_RUN (1)
 * AU_EIO is a file that cannot be read or written; a command that fails to
 * read one of its inputs before anything runs calls that bad input itself
 * (cli.h, au_cli_input_status). */
int au_exit_status(au_status status);

/* One problem found in an input file. */
typedef struct au_diag {
    char *file;     /* the file as the user named it (owned) */
    long line;      /* 1-based line, 0 for the whole file */
    char *msg;      /* "what is wrong (what was expected)" (owned) */
} au_diag;

/* A growing list of diagnostics.  Initialise with au_diags_init() (or
 * zero it), release with au_diags_clear().  Not thread-safe: one list per
 * thread. */
typedef struct au_diags {
    au_diag *items;
    size_t n;
    size_t cap;
    int oom;        /* set when a diagnostic could not be stored */
} au_diags;

void au_diags_init(au_diags *d);
void au_diags_clear(au_diags *d);

/* Appends a diagnostic; the message is formatted printf-style.  A NULL file
 * is stored as "-".  Never fails visibly: on out-of-memory it sets d->oom. */
void au_diags_add(au_diags *d, const char *file, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Writes each diagnostic as "FILE:LINE: error: MESSAGE\n". */
void au_diags_print(const au_diags *d, FILE *out);

#ifdef __cplusplus
}
#endif

#endif /* AUTONOMY_ERROR_H */
