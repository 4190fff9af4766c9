// Cross-modifying code: the main thread rewrites a small function in an RWX page again and
// again, and a worker thread runs it after each rewrite (synchronised through atomics, with
// fence.i on the worker), so a translation made on one thread must be dropped when another
// thread writes the code.
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#define ROUNDS 150

static uint32_t *code;
static atomic_int published, finished;
static long results[ROUNDS];

static void *runner(void *argument) {
    (void)argument;
    int (*function)(void) = (int (*)(void))(uintptr_t)code;
    for (int round = 1; round <= ROUNDS; round++) {
        while (atomic_load_explicit(&published, memory_order_acquire) != round) sched_yield();
        __asm__ volatile("fence.i" ::: "memory");
        // Call it a few times, so hot code gets compiled before the next rewrite.
        long sum = 0;
        for (int i = 0; i < 60; i++) sum += function();
        results[round - 1] = sum;
        atomic_store_explicit(&finished, round, memory_order_release);
    }
    return NULL;
}

int main(void) {
    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) return 1;
    pthread_t thread;
    pthread_create(&thread, NULL, runner, NULL);
    for (int round = 1; round <= ROUNDS; round++) {
        code[0] = 0x00000513u | ((uint32_t)(round * 7 % 2000) << 20);   // addi a0, zero, round*7 % 2000
        code[1] = 0x00008067u;                                            // ret
        __builtin___clear_cache((char *)code, (char *)(code + 2));
        atomic_store_explicit(&published, round, memory_order_release);
        while (atomic_load_explicit(&finished, memory_order_acquire) != round) sched_yield();
    }
    pthread_join(thread, NULL);
    long total = 0, wrong = 0;
    for (int round = 1; round <= ROUNDS; round++) {
        total += results[round - 1];
        if (results[round - 1] != 60L * (round * 7 % 2000)) wrong++;
    }
    printf("total %ld, wrong rounds %ld\n", total, wrong);
    return 0;
}
