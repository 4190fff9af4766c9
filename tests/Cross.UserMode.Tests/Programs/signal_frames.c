// The signal frame in detail: a SIGILL handler that steps over the faulting instruction by
// editing uc_mcontext (so rt_sigreturn must restore the pc from the frame), FP registers and
// fcsr preserved across a handler that changes them, SA_ONSTACK with sigaltstack, SA_RESETHAND,
// SA_NODEFER and the mask inside a handler.
// cross-test: arch riscv64
#define _GNU_SOURCE
#include <fenv.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static char alt[16384];
static volatile int on_alt, depth, max_depth, usr2_blocked_inside;
static volatile double handler_result;

static void skip_illegal(int signo, siginfo_t *info, void *context) {
    ucontext_t *uc = context;
    printf("SIGILL at pc == si_addr %d\n", (void *)uc->uc_mcontext.__gregs[REG_PC] == info->si_addr);
    uc->uc_mcontext.__gregs[REG_PC] += 4;
    (void)signo;
}

static void clobber_fp(int signo) {
    volatile double x = 3.0;
    fesetround(FE_UPWARD);
    handler_result = x / 7.0;
    (void)signo;
}

static void where(int signo) {
    char local;
    on_alt = &local >= alt && &local < alt + sizeof alt;
    (void)signo;
}

static void nested(int signo) {
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    usr2_blocked_inside = sigismember(&now, SIGUSR2);
    if (++depth > max_depth) max_depth = depth;
    if (depth < 3) raise(signo);
    depth--;
}

int main(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = skip_illegal;
    action.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &action, NULL);
    __asm__ volatile(".word 0");
    printf("continued after the illegal instruction\n");

    signal(SIGUSR1, clobber_fp);
    volatile double a = 1.0, b = 3.0;
    fesetround(FE_TONEAREST);
    double before = a / b;
    raise(SIGUSR1);
    double after = a / b;
    printf("fp preserved %d, rounding still nearest %d, handler ran %d\n", before == after, fegetround() == FE_TONEAREST, handler_result > 0.4);

    stack_t ss = { .ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    memset(&action, 0, sizeof action);
    action.sa_handler = where;
    action.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &action, NULL);
    raise(SIGUSR1);
    printf("handler ran on the alternate stack %d\n", on_alt);
    action.sa_flags = 0;
    sigaction(SIGUSR1, &action, NULL);
    raise(SIGUSR1);
    printf("without SA_ONSTACK on the alternate stack %d\n", on_alt);

    memset(&action, 0, sizeof action);
    action.sa_handler = nested;
    action.sa_flags = SA_NODEFER;
    sigemptyset(&action.sa_mask);
    sigaddset(&action.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &action, NULL);
    raise(SIGUSR1);
    printf("SA_NODEFER nesting depth %d, sa_mask applied %d\n", max_depth, usr2_blocked_inside);

    action.sa_flags = SA_RESETHAND;
    max_depth = depth = 0;
    sigaction(SIGUSR1, &action, NULL);
    raise(SIGUSR1);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    printf("without SA_NODEFER depth %d, SA_RESETHAND reset %d\n", max_depth, now.sa_handler == SIG_DFL);
    fflush(stdout);
    raise(SIGUSR1);
    printf("not reached\n");
    return 0;
}
