// setjmp/longjmp across nested calls, preserving callee-saved and volatile locals.
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static int depth_reached;

static double deep(int depth, double acc) {
    if (depth == 0) {
        depth_reached = 1;
        longjmp(env, (int)acc);
    }
    return deep(depth - 1, acc * 1.5 + depth);
}

int main(void) {
    volatile int counter = 0;
    volatile double kept = 2.5;
    int result = setjmp(env);
    counter++;
    if (result == 0) {
        kept = 7.25;
        deep(20, 1.0);
        printf("not reached\n");
    }
    printf("returned %d after %d passes, kept %.2f, depth %d\n", result, counter, kept, depth_reached);

    jmp_buf again;
    volatile int rounds = 0;
    if (setjmp(again) < 5) {
        rounds++;
        if (rounds < 5) longjmp(again, rounds);
    }
    printf("rounds %d\n", rounds);
    if (setjmp(again) == 0) longjmp(again, 0);
    printf("longjmp(0) returns 1\n");
    return 42;
}
