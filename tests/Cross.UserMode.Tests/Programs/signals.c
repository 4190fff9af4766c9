// Signals with handlers: raise() to self, SA_SIGINFO details, masking with sigprocmask
// (a blocked signal stays pending until unblocked), a SIGSEGV handler that escapes with
// siglongjmp, and SIGILL from an illegal instruction.
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t usr1_count, usr2_seen;
static sigjmp_buf escape;
static void *fault_address;

static void on_usr1(int signo) { usr1_count += signo == SIGUSR1; }

static void on_usr2(int signo, siginfo_t *info, void *context) {
    (void)context;
    usr2_seen = signo == SIGUSR2 && info->si_signo == SIGUSR2 && info->si_pid == getpid();
}

static void on_segv(int signo, siginfo_t *info, void *context) {
    (void)signo; (void)context;
    fault_address = info->si_addr;
    siglongjmp(escape, 1);
}

static void on_ill(int signo) { siglongjmp(escape, signo); }

int main(void) {
    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);
    raise(SIGUSR1);
    printf("usr1 handled %d times\n", (int)usr1_count);

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_usr2;
    action.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &action, NULL);
    kill(getpid(), SIGUSR2);
    printf("usr2 with siginfo %d\n", (int)usr2_seen);

    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    raise(SIGUSR1);
    sigset_t pending;
    sigpending(&pending);
    printf("blocked: count %d pending %d\n", (int)usr1_count, sigismember(&pending, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("unblocked: count %d\n", (int)usr1_count);

    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_segv;
    action.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &action, NULL);
    if (sigsetjmp(escape, 1) == 0) {
        volatile int *bad = (int *)0x10;
        *bad = 1;
        printf("not reached\n");
    } else {
        printf("segv caught at %p\n", fault_address);
    }

    signal(SIGILL, on_ill);
    int code = sigsetjmp(escape, 1);
    if (code == 0) {
        __asm__ volatile(".word 0");
        printf("not reached\n");
    } else {
        printf("sigill caught: %d\n", code == SIGILL);
    }

    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    printf("ignored signal ok\n");
    fflush(stdout);
    signal(SIGTERM, SIG_DFL);
    raise(SIGTERM);
    printf("not reached after SIGTERM\n");
    return 0;
}
