// abort(): SIGABRT, status 134, even with a handler that returns (glibc resets it and raises again).
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static void on_abort(int signo) { printf("handler saw %d\n", signo); fflush(stdout); }

int main(void) {
    signal(SIGABRT, on_abort);
    printf("aborting\n");
    fflush(stdout);
    abort();
}
