// cross-test: args first
// fork + execve of /proc/self/exe with arguments; the exec'd program keeps the pid, inherited
// descriptors (without FD_CLOEXEC) and ignored signals; failed execs give the right errno.
// cross-test: static it execs itself with its own environment, so qemu's binfmt-started child never learns the sysroot (Cross passes --sysroot on; checked by hand)
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "second") == 0) {
        // The exec'd image: argv and environment as given, fd 5 inherited, SIGUSR1 still ignored.
        printf("second: argc %d, argv[2] %s, env %s\n", argc, argv[2], getenv("EXEC_TEST"));
        struct sigaction old;
        sigaction(SIGUSR1, NULL, &old);
        printf("second: SIGUSR1 ignored %d, pid matches %d\n", old.sa_handler == SIG_IGN, atoi(argv[3]) == getpid());
        fflush(stdout);
        write(5, "via fd 5\n", 9);
        printf("second: cloexec fd 6 closed %d\n", fcntl(6, F_GETFD) < 0 && errno == EBADF);
        return 42;
    }

    // Failures leave the process running, with the right errno.
    char *none[] = {"x", NULL};
    errno = 0;
    execve("/nonexistent/program", none, NULL);
    printf("missing: %s\n", strerror(errno));
    execve("/", none, NULL);
    printf("directory: %s\n", strerror(errno));
    execve("/etc/passwd", none, NULL);
    printf("not executable: %s\n", strerror(errno));
    execve((char *)8, none, NULL);
    printf("bad path: %s\n", strerror(errno));
    char *bad_argv[] = {"x", (char *)8, NULL};
    execve("/proc/self/exe", bad_argv, NULL);
    printf("bad argv: %s\n", strerror(errno));

    int fds[2];
    pipe(fds);
    dup2(fds[1], 5);
    int cloexec = open("/dev/null", O_RDONLY | O_CLOEXEC);
    dup2(cloexec, 6);
    fcntl(6, F_SETFD, FD_CLOEXEC);
    close(fds[1]);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        signal(SIGUSR1, SIG_IGN);
        char pid[32];
        snprintf(pid, sizeof pid, "%d", getpid());
        char *args[] = {"renamed", "second", "two", pid, NULL};
        char *env[] = {"EXEC_TEST=yes", NULL};
        execve("/proc/self/exe", args, env);
        perror("execve");
        _exit(127);
    }
    close(5);
    char buffer[64] = {0};
    ssize_t total = 0, n;
    while ((n = read(fds[0], buffer + total, sizeof buffer - 1 - total)) > 0) total += n;
    printf("parent read: %s", buffer);
    int status;
    waitpid(child, &status, 0);
    printf("exec'd child exited %d with %d\n", WIFEXITED(status), WEXITSTATUS(status));
    return 0;
}
