// A fatal signal raised on a thread that is not the main one (abort: SIGABRT through tgkill)
// kills the whole process, while the main thread sleeps in pthread_join.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *doomed(void *argument) {
    (void)argument;
    printf("worker aborting\n");
    fflush(stdout);
    abort();
}

int main(void) {
    pthread_t thread;
    pthread_create(&thread, NULL, doomed, NULL);
    pthread_join(thread, NULL);
    printf("not reached\n");
    return 0;
}
