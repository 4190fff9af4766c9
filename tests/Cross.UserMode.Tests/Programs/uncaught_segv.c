// A NULL-pointer write with no handler: the process dies of SIGSEGV (status 139), after its
// buffered output was flushed by hand.
#include <stdio.h>

int main(void) {
    printf("about to fault\n");
    fflush(stdout);
    *(volatile int *)0 = 42;
    printf("not reached\n");
    return 0;
}
