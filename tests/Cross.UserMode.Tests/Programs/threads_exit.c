// The main thread leaves with pthread_exit while another thread goes on; that thread ends the
// process with exit(), whose status (exit_group from a thread that is not the main one) is the
// process's.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_t main_thread;

static void *last_one(void *argument) {
    (void)argument;
    // Joining the main thread returns once it has really exited.
    pthread_join(main_thread, NULL);
    printf("main thread gone, worker still running\n");
    fflush(stdout);
    exit(7);
}

int main(void) {
    main_thread = pthread_self();
    pthread_t worker;
    pthread_create(&worker, NULL, last_one, NULL);
    printf("main thread exits first\n");
    fflush(stdout);
    pthread_exit(NULL);
}
