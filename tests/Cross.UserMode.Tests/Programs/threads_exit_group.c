// exit() on the main thread ends every thread: one spins, one sleeps on a condition variable
// that is never signalled, one sleeps in nanosleep; the status is main's.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static atomic_int started;

static void *spinner(void *argument) {
    (void)argument;
    atomic_fetch_add(&started, 1);
    volatile unsigned long n = 0;
    for (;;) n++;
}

static void *waiter(void *argument) {
    (void)argument;
    pthread_mutex_lock(&lock);
    atomic_fetch_add(&started, 1);
    for (;;) pthread_cond_wait(&never, &lock);
}

static void *sleeper(void *argument) {
    (void)argument;
    atomic_fetch_add(&started, 1);
    struct timespec hour = {3600, 0};
    for (;;) nanosleep(&hour, NULL);
}

int main(void) {
    pthread_t threads[3];
    pthread_create(&threads[0], NULL, spinner, NULL);
    pthread_create(&threads[1], NULL, waiter, NULL);
    pthread_create(&threads[2], NULL, sleeper, NULL);
    while (atomic_load(&started) < 3) sched_yield();
    printf("three threads running; exiting with 5\n");
    exit(5);
}
