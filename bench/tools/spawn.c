/*
 * spawn: tiny measurement launcher used by bench/run.py.
 *
 *   spawn STATSFILE CMD [ARGS...]
 *
 * Forks, execs CMD, waits for it with wait4() and writes one line to
 * STATSFILE:  "<wall_ns> <ru_maxrss_kib> <exit|signal> <code>"
 *
 * Why not just os.wait4 from Python: on Linux a child's ru_maxrss includes
 * the high-water RSS of the address space it had *before* exec, i.e. the
 * forking Python interpreter (~8-14 MiB). That floor would make a "10 MiB
 * startup RSS" target unmeasurable. Forking from this ~1 MiB program keeps
 * the floor at roughly the size of this program's few dirty pages.
 * Wall time is measured here (fork -> reaped), excluding Python's own
 * process-spawn overhead.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: spawn STATSFILE CMD [ARGS...]\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("spawn: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "spawn: exec %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            perror("spawn: wait4");
            return 2;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL +
                   (long long)(t1.tv_nsec - t0.tv_nsec);
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror("spawn: stats file");
        return 2;
    }
    if (WIFSIGNALED(status))
        fprintf(f, "%lld %ld signal %d\n", ns, ru.ru_maxrss, WTERMSIG(status));
    else
        fprintf(f, "%lld %ld exit %d\n", ns, ru.ru_maxrss, WEXITSTATUS(status));
    fclose(f);
    return 0;
}
