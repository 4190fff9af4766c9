// A sweep of the smaller system calls glibc programs make: clocks and sleeps, poll/select on a
// pipe, resource limits, CPU affinity, ids, sysinfo, getrandom, unknown syscalls (ENOSYS) and
// a futex wait that times out.
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    struct timespec a, b, res;
    clock_gettime(CLOCK_MONOTONIC, &a);
    struct timespec nap = { 0, 20 * 1000 * 1000 };
    clock_nanosleep(CLOCK_MONOTONIC, 0, &nap, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    long elapsed = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
    printf("slept at least 20ms %d, clock_getres ok %d\n", elapsed >= 20, clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    printf("gettimeofday close to time() %d\n", tv.tv_sec - time(NULL) <= 1 && time(NULL) - tv.tv_sec <= 1);

    int pipes[2];
    pipe(pipes);
    struct pollfd p = { pipes[0], POLLIN, 0 };
    printf("poll empty pipe %d\n", poll(&p, 1, 10));
    write(pipes[1], "x", 1);
    printf("poll ready pipe %d revents POLLIN %d\n", poll(&p, 1, 1000), (p.revents & POLLIN) != 0);
    fd_set set;
    FD_ZERO(&set);
    FD_SET(pipes[0], &set);
    struct timeval zero = { 0, 0 };
    printf("select ready %d isset %d\n", select(pipes[0] + 1, &set, NULL, NULL, &zero), FD_ISSET(pipes[0], &set));
    struct pollfd bad = { 999, POLLIN, 0 };
    printf("poll bad fd %d POLLNVAL %d\n", poll(&bad, 1, 0), bad.revents == POLLNVAL);

    struct rlimit limit;
    getrlimit(RLIMIT_STACK, &limit);
    printf("stack limit at least 8MiB %d\n", limit.rlim_cur >= 8u << 20 || limit.rlim_cur == RLIM_INFINITY);
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = 100;
    printf("setrlimit NOFILE %d\n", setrlimit(RLIMIT_NOFILE, &limit));
    printf("nprocs positive %d\n", sysconf(_SC_NPROCESSORS_ONLN) > 0);
    cpu_set_t cpus;
    printf("affinity %d count positive %d\n", sched_getaffinity(0, sizeof cpus, &cpus), CPU_COUNT(&cpus) > 0);
    printf("ids consistent %d\n", getuid() == geteuid() && getgid() == getegid() && getpid() == gettid() && getppid() > 0);
    struct sysinfo info;
    printf("sysinfo %d uptime positive %d\n", sysinfo(&info), info.uptime > 0);
    struct tms t;
    printf("times positive %d\n", times(&t) != (clock_t)-1);
    unsigned char random[32];
    printf("getrandom %zd\n", getrandom(random, sizeof random, 0));
    errno = 0;
    printf("unknown syscall %ld errno ENOSYS %d\n", syscall(400), errno == ENOSYS);
    int word = 5;
    struct timespec brief = { 0, 1000000 };
    long r = syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 5, &brief, NULL, 0);
    printf("futex wait timed out %d\n", r == -1 && errno == ETIMEDOUT);
    printf("futex wrong value %d\n", syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 6, &brief, NULL, 0) == -1 && errno == EAGAIN);
    printf("sched_yield %d umask %o\n", sched_yield(), (umask(022), umask(022)));
    return 0;
}
