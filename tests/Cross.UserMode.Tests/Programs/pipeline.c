// A popen-like pipeline built by hand: producer | consumer, both forked; the parent closes its
// pipe ends so the consumer sees end of file; then a vfork + exec of a program that fails.
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int p[2];
    pipe(p);
    fflush(stdout);
    pid_t producer = fork();
    if (producer == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        for (int i = 1; i <= 5; i++) printf("line %d\n", i);
        return 0;
    }
    pid_t consumer = fork();
    if (consumer == 0) {
        dup2(p[0], 0);
        close(p[0]);
        close(p[1]);
        char line[64];
        int count = 0;
        while (fgets(line, sizeof line, stdin)) {
            for (char *c = line; *c; c++) *c = toupper((unsigned char)*c);
            fputs(line, stdout);
            count++;
        }
        printf("consumer saw %d lines\n", count);
        return count;
    }
    close(p[0]);
    close(p[1]);
    int status;
    waitpid(producer, &status, 0);
    printf("producer: %d\n", WEXITSTATUS(status));
    waitpid(consumer, &status, 0);
    printf("consumer: %d\n", WEXITSTATUS(status));

    fflush(stdout);
    pid_t child = vfork();
    if (child == 0) {
        char *args[] = {"nothing", NULL};
        execve("/nonexistent", args, NULL);
        _exit(126);
    }
    waitpid(child, &status, 0);
    printf("vfork child: %d\n", WEXITSTATUS(status));
    return 0;
}
