// alarm() and pause(): SIGALRM interrupts the wait; nanosleep is interrupted too and reports
// the time left; sigsuspend waits with a temporary mask.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;
static void on_alarm(int signo) { alarms += signo == SIGALRM; }

int main(void) {
    signal(SIGALRM, on_alarm);
    alarm(1);
    pause();
    printf("pause returned after %d alarm(s)\n", (int)alarms);

    alarm(1);
    struct timespec want = { 30, 0 }, left = { 0, 0 };
    int result = nanosleep(&want, &left);
    printf("nanosleep interrupted %d EINTR %d time left plausible %d\n", result == -1, errno == EINTR, left.tv_sec >= 20 && left.tv_sec < 30);

    sigset_t block, old, wait_mask;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, &old);
    alarm(1);
    sigemptyset(&wait_mask);
    sigsuspend(&wait_mask);
    sigset_t after;
    sigprocmask(SIG_BLOCK, NULL, &after);
    printf("sigsuspend returned, alarms %d, mask restored %d\n", (int)alarms, sigismember(&after, SIGALRM));
    printf("alarm(0) left %u\n", alarm(0));
    return 0;
}
