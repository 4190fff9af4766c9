// fork: parent and child write to a pipe; waitpid reports exit codes and a child killed by a
// signal; fds are shared (the file offset moves for both); SIGCHLD reaches the parent.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t chld_count;

static void on_chld(int sig) { (void)sig; chld_count++; }

int main(void) {
    int fds[2];
    if (pipe(fds) != 0) return 1;
    signal(SIGCHLD, on_chld);
    fflush(stdout);

    pid_t child = fork();
    if (child < 0) { perror("fork"); return 1; }
    if (child == 0) {
        close(fds[0]);
        char message[64];
        int n = snprintf(message, sizeof message, "child: ppid matches %d\n", getppid() > 0);
        write(fds[1], message, n);
        _exit(7);
    }
    close(fds[1]);
    char buffer[128];
    ssize_t n, total = 0;
    while ((n = read(fds[0], buffer + total, sizeof buffer - 1 - total)) > 0) total += n;
    buffer[total] = 0;
    printf("parent read: %s", buffer);
    int status;
    pid_t waited = waitpid(child, &status, 0);
    printf("waited right child: %d, exited %d, code %d\n", waited == child, WIFEXITED(status), WEXITSTATUS(status));

    // A child killed by a signal.
    child = fork();
    if (child == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    waitpid(child, &status, 0);
    printf("signaled %d, signal %d\n", WIFSIGNALED(status), WTERMSIG(status));

    // A child that faults.
    child = fork();
    if (child == 0) {
        *(volatile int *)8 = 1;
        _exit(0);
    }
    waitpid(child, &status, 0);
    printf("signaled %d, signal %d\n", WIFSIGNALED(status), WTERMSIG(status));

    // Memory is copied: the child's writes do not reach the parent.
    static int shared_value = 1;
    child = fork();
    if (child == 0) {
        shared_value = 99;
        _exit(shared_value == 99 ? 3 : 4);
    }
    waitpid(child, &status, 0);
    printf("child saw its write: %d, parent value %d\n", WEXITSTATUS(status), shared_value);

    // Several children, reaped with wait(-1) in any order.
    int sum = 0;
    for (int i = 1; i <= 3; i++)
        if (fork() == 0) _exit(i * 10);
    for (int i = 0; i < 3; i++) {
        if (wait(&status) < 0) { perror("wait"); return 1; }
        sum += WEXITSTATUS(status);
    }
    printf("sum of exit codes %d\n", sum);
    printf("no more children: %d\n", wait(&status) < 0);
    printf("WNOHANG with none: %d\n", waitpid(-1, &status, WNOHANG) < 0);

    // The child's stdout writes go to the same file, after the parent's flushed output.
    fflush(stdout);
    child = fork();
    if (child == 0) {
        printf("hello from the child\n");
        fflush(stdout);
        _exit(0);
    }
    waitpid(child, &status, 0);
    printf("got SIGCHLD: %d\n", chld_count > 0);
    return 0;
}
