/* stage.c: a results folder as a transaction (stage.h).
 *
 * Written with system calls the signal handler may use where it removes a
 * stage (au_remove_own_tree: open, getdents64, unlinkat, close), and with
 * renameat2's RENAME_EXCHANGE, Linux's one call that puts a folder in place
 * of another with no moment where either is missing or half made. */
#define _GNU_SOURCE
#include "autonomy/stage.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "autonomy/results.h"

/* deep enough for DIR/stage/group/scenario and a user's folders in them */
#define MAX_DEPTH 16

int au_is_own_table(const char *name)
{
    static const char *const own[] = {"summary.csv", "manifest.csv",    "report.html",
                                      "yearly.csv",  "summary-row.csv", "inputs.csv"};
    for (size_t k = 0; k < sizeof own / sizeof own[0]; k++)
        if (strcmp(name, own[k]) == 0)
            return 1;
    if (strncmp(name, "hourly-", 7) == 0) {
        const char *p = name + 7;
        while (*p >= '0' && *p <= '9')
            p++;
        if (p > name + 7 && p - name <= 11 && strcmp(p, ".csv") == 0)
            return 1;
    }
    return au_is_own_tmp(name);
}

/* Removes the program's own files in the folder dfd and, depth first, its
 * folders left empty; passes again until one removes nothing (a listing
 * read while entries go may miss some).  Returns the entries kept. */
static int remove_in(int dfd, int depth)
{
    char buf[2048] __attribute__((aligned(8)));
    for (;;) {
        int removed = 0, kept = 0;
        ssize_t n;
        if (lseek(dfd, 0, SEEK_SET) != 0)
            return 1;
        while ((n = getdents64(dfd, buf, sizeof buf)) > 0) {
            for (ssize_t off = 0; off < n;) {
                const struct dirent64 *e = (const struct dirent64 *)(void *)(buf + off);
                off += e->d_reclen;
                const char *nm = e->d_name;
                if (nm[0] == '.' && (nm[1] == '\0' || (nm[1] == '.' && nm[2] == '\0')))
                    continue;
                int is_dir = e->d_type == DT_DIR;
                if (e->d_type == DT_UNKNOWN) {
                    struct stat sb;
                    is_dir = fstatat(dfd, nm, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
                             S_ISDIR(sb.st_mode);
                }
                if (is_dir && depth < MAX_DEPTH) {
                    int sub = openat(dfd, nm, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                    if (sub >= 0) {
                        remove_in(sub, depth + 1);
                        close(sub);
                    }
                    if (unlinkat(dfd, nm, AT_REMOVEDIR) == 0)
                        removed++;
                    else
                        kept++;
                } else if (!is_dir && au_is_own_table(nm) && unlinkat(dfd, nm, 0) == 0) {
                    removed++;
                } else {
                    kept++;
                }
            }
        }
        if (removed == 0 || n < 0)
            return kept;
    }
}

int au_remove_own_tree(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;
    remove_in(fd, 1);
    close(fd);
    return rmdir(path) == 0 ? 0 : -1;
}

/* The stage of this process (one run at a time), for the signal handler;
 * and whether it is being published (a signal then waits). */
static char stage_path[4096];
static volatile sig_atomic_t stage_set;
static volatile sig_atomic_t publishing;
static volatile sig_atomic_t pending_signal;

int au_stage_make(const char *dir, const char *tag, char *stage)
{
    if (snprintf(stage, 4096, "%s/.%s" AU_TMP_MARK "XXXXXX", dir, tag) >= 4096) {
        errno = ENAMETOOLONG;
        return -1;
    }
    stage_set = 0;
    if (mkdtemp(stage) == NULL)
        return -1;
    /* readable like any folder the user makes (mkdtemp gives 0700) */
    mode_t mask = umask(0);
    umask(mask);
    chmod(stage, 0777 & ~mask);
    memcpy(stage_path, stage, strlen(stage) + 1);
    stage_set = 1;
    return 0;
}

void au_stage_discard(void)
{
    if (!stage_set)
        return;
    /* registered until it is gone: a signal meanwhile (on this thread)
     * removes the rest before it ends the process */
    int kept = au_remove_own_tree(stage_path) != 0 && errno != ENOENT;
    stage_set = 0;
    if (kept)
        fprintf(stderr, "autonomy: kept %s: it holds files that are not the program's "
                        "(a results folder's own files carried there; move them out)\n",
                stage_path);
}

/* Called by the signal handler (results.c): 1 when the signal must wait
 * for the publication to end; otherwise removes the stage, 0. */
int au_stage_on_signal(int sig)
{
    if (publishing) {
        pending_signal = sig;
        return 1;
    }
    if (stage_set) {
        stage_set = 0;
        au_remove_own_tree(stage_path);
    }
    return 0;
}

void au_stage_publish_begin(void)
{
    pending_signal = 0;
    publishing = 1;
}

void au_stage_publish_end(void)
{
    publishing = 0;
    if (pending_signal != 0)
        raise(pending_signal); /* the handler removes the stage and ends the process */
}

/* Moves into to what from holds that to does not and that is not the
 * program's own, recursively into the folders both hold; what cannot be
 * moved stays in from (never removed: au_remove_own_tree keeps it). */
static void carry(const char *from, const char *to, int depth)
{
    DIR *d = opendir(from);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *nm = e->d_name;
        char a[4096], b[4096];
        if (strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0 || au_is_own_table(nm) ||
            snprintf(a, sizeof a, "%s/%s", from, nm) >= (int)sizeof a ||
            snprintf(b, sizeof b, "%s/%s", to, nm) >= (int)sizeof b)
            continue;
        struct stat sa, sb;
        if (lstat(b, &sb) != 0) {
            if (errno == ENOENT)
                rename(a, b);
        } else if (depth < MAX_DEPTH && lstat(a, &sa) == 0 && S_ISDIR(sa.st_mode) &&
                   S_ISDIR(sb.st_mode)) {
            carry(a, b, depth + 1);
        }
    }
    closedir(d);
}

int au_stage_swap(const char *staged, const char *dest, char *why, size_t why_len)
{
    struct stat sb;
    if (lstat(dest, &sb) != 0) {
        if (errno == ENOENT && rename(staged, dest) == 0)
            return 0;
        snprintf(why, why_len, "%s", strerror(errno));
        return -1;
    }
    if (!S_ISDIR(sb.st_mode)) {
        snprintf(why, why_len, "it is %s, not a folder",
                 S_ISLNK(sb.st_mode) ? "a symbolic link" : "a file");
        return -1;
    }
    if (renameat2(AT_FDCWD, staged, AT_FDCWD, dest, RENAME_EXCHANGE) != 0) {
        if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
            snprintf(why, why_len, "%s", strerror(errno));
            return -1;
        }
        /* a file system without the exchange: the old folder moved aside
         * into the stage, then the new one in (between the two, dest is
         * missing, never half old) */
        char old[4096];
        if (snprintf(old, sizeof old, "%s.old", staged) >= (int)sizeof old ||
            rename(dest, old) != 0) {
            snprintf(why, why_len, "%s", strerror(errno));
            return -1;
        }
        if (rename(staged, dest) != 0) {
            int e = errno;
            rename(old, dest);
            snprintf(why, why_len, "%s", strerror(e));
            return -1;
        }
        carry(old, dest, 1);
        return 0;
    }
    carry(staged, dest, 1); /* staged now holds the old folder */
    return 0;
}

int au_stage_put(const char *staged, const char *dest, char *why, size_t why_len)
{
    struct stat sb;
    if (lstat(dest, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        snprintf(why, why_len, "it is not a regular file");
        return -1;
    }
    if (rename(staged, dest) != 0) {
        snprintf(why, why_len, "%s", strerror(errno));
        return -1;
    }
    return 0;
}
