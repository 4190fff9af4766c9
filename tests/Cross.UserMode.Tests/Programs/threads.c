// pthreads: workers sharing a mutex-protected counter, __atomic and C11 atomics, an LR/SC
// spinlock, thread-local variables, a condition-variable queue, a barrier, a timed wait that
// times out, pthread_join results, a signal sent to one thread, per-thread names, and a robust
// mutex whose owner died. Every printed value is deterministic.
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define WORKERS 4
#define ROUNDS 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long locked_counter;
static long builtin_counter;
static atomic_long c11_counter;
static int spin;
static long spin_counter;
static __thread int tls_id = -1;
static __thread long tls_sum;

static void spin_lock(void) {
    int expected = 0;
    while (!__atomic_compare_exchange_n(&spin, &expected, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) expected = 0;
}

static void spin_unlock(void) { __atomic_store_n(&spin, 0, __ATOMIC_RELEASE); }

static void *counting(void *argument) {
    int id = (int)(long)argument;
    tls_id = id;
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        locked_counter++;
        pthread_mutex_unlock(&lock);
        __atomic_fetch_add(&builtin_counter, 2, __ATOMIC_SEQ_CST);
        atomic_fetch_add(&c11_counter, 3);
        spin_lock();
        spin_counter++;
        spin_unlock();
        tls_sum += id;
    }
    // Thread-local values survived all that unshared.
    return (void *)(long)(tls_id == id && tls_sum == (long)id * ROUNDS ? 100 + id : -1);
}

// A bounded queue with two condition variables.
#define QUEUE 8
static int queue[QUEUE], head, count;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;
static long consumed_sum[2];

static void *producer(void *argument) {
    (void)argument;
    for (int value = 1; value <= 1000; value++) {
        pthread_mutex_lock(&lock);
        while (count == QUEUE) pthread_cond_wait(&not_full, &lock);
        queue[(head + count++) % QUEUE] = value;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&lock);
    }
    for (int stop = 0; stop < 2; stop++) {
        pthread_mutex_lock(&lock);
        while (count == QUEUE) pthread_cond_wait(&not_full, &lock);
        queue[(head + count++) % QUEUE] = 0;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static void *consumer(void *argument) {
    long *sum = argument;
    for (;;) {
        pthread_mutex_lock(&lock);
        while (count == 0) pthread_cond_wait(&not_empty, &lock);
        int value = queue[head];
        head = (head + 1) % QUEUE;
        count--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&lock);
        if (value == 0) return NULL;
        *sum += value;
    }
}

static pthread_barrier_t barrier;
static int phase_marks[3][WORKERS];
static int phase_errors;

static void *phases(void *argument) {
    int id = (int)(long)argument;
    for (int phase = 0; phase < 3; phase++) {
        phase_marks[phase][id] = 1;
        pthread_barrier_wait(&barrier);
        // Everyone finished this phase before anyone goes on.
        for (int other = 0; other < WORKERS; other++)
            if (!phase_marks[phase][other]) __atomic_fetch_add(&phase_errors, 1, __ATOMIC_SEQ_CST);
        pthread_barrier_wait(&barrier);
    }
    return NULL;
}

static volatile pid_t handled_by;
static pid_t target_tid;
static atomic_int target_ready, target_done;

static void on_usr1(int signo) { (void)signo; handled_by = (pid_t)syscall(SYS_gettid); }

static void *signal_target(void *argument) {
    (void)argument;
    target_tid = (pid_t)syscall(SYS_gettid);
    atomic_store(&target_ready, 1);
    while (!atomic_load(&target_done)) sched_yield();
    return NULL;
}

static char worker_name[16];
static void *named(void *argument) {
    (void)argument;
    prctl(PR_SET_NAME, "worker-thread");
    prctl(PR_GET_NAME, worker_name);
    return NULL;
}

static pthread_mutex_t robust;
static void *die_holding_lock(void *argument) {
    (void)argument;
    pthread_mutex_lock(&robust);
    return NULL;  // ends without unlocking
}

int main(void) {
    pthread_t threads[WORKERS];
    tls_id = 99;
    for (long i = 0; i < WORKERS; i++) pthread_create(&threads[i], NULL, counting, (void *)i);
    for (int i = 0; i < WORKERS; i++) {
        void *result;
        pthread_join(threads[i], &result);
        printf("worker %d returned %ld\n", i, (long)result);
    }
    printf("mutex counter %ld, __atomic counter %ld, C11 counter %ld, spinlock counter %ld\n", locked_counter, builtin_counter,
        atomic_load(&c11_counter), spin_counter);
    printf("main tls_id %d, tls_sum %ld\n", tls_id, tls_sum);

    pthread_t producer_thread, consumer_threads[2];
    pthread_create(&producer_thread, NULL, producer, NULL);
    for (int i = 0; i < 2; i++) pthread_create(&consumer_threads[i], NULL, consumer, &consumed_sum[i]);
    pthread_join(producer_thread, NULL);
    for (int i = 0; i < 2; i++) pthread_join(consumer_threads[i], NULL);
    printf("consumed %ld in total\n", consumed_sum[0] + consumed_sum[1]);

    pthread_barrier_init(&barrier, NULL, WORKERS);
    for (long i = 0; i < WORKERS; i++) pthread_create(&threads[i], NULL, phases, (void *)i);
    for (int i = 0; i < WORKERS; i++) pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&barrier);
    printf("barrier phases done, %d errors\n", phase_errors);

    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 20 * 1000 * 1000;
    if (deadline.tv_nsec >= 1000000000) { deadline.tv_sec++; deadline.tv_nsec -= 1000000000; }
    pthread_mutex_lock(&lock);
    int timed = pthread_cond_timedwait(&not_empty, &lock, &deadline);
    pthread_mutex_unlock(&lock);
    printf("timed wait: %s\n", timed == ETIMEDOUT ? "ETIMEDOUT" : strerror(timed));

    signal(SIGUSR1, on_usr1);
    pthread_t target;
    pthread_create(&target, NULL, signal_target, NULL);
    while (!atomic_load(&target_ready)) sched_yield();
    pthread_kill(target, SIGUSR1);
    while (handled_by == 0) sched_yield();
    atomic_store(&target_done, 1);
    pthread_join(target, NULL);
    printf("SIGUSR1 handled by the target thread: %s; tid differs from pid: %s\n", handled_by == target_tid ? "yes" : "no",
        target_tid != getpid() ? "yes" : "no");

    char main_before[16] = {0}, main_after[16] = {0};
    prctl(PR_GET_NAME, main_before);
    pthread_t naming;
    pthread_create(&naming, NULL, named, NULL);
    pthread_join(naming, NULL);
    prctl(PR_GET_NAME, main_after);
    printf("worker named itself %s; main's name unchanged: %s\n", worker_name, strcmp(main_before, main_after) == 0 ? "yes" : "no");

    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    pthread_mutexattr_setrobust(&attributes, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&robust, &attributes);
    pthread_t doomed;
    pthread_create(&doomed, NULL, die_holding_lock, NULL);
    pthread_join(doomed, NULL);
    int robust_result = pthread_mutex_lock(&robust);
    printf("robust lock after owner died: %s\n", robust_result == EOWNERDEAD ? "EOWNERDEAD" : strerror(robust_result));
    if (robust_result == EOWNERDEAD) pthread_mutex_consistent(&robust);
    pthread_mutex_unlock(&robust);
    printf("robust lock again: %d\n", pthread_mutex_lock(&robust));
    return 0;
}
