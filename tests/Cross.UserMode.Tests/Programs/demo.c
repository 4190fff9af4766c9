// The bundled demo: a riscv64 Linux program that computes something small in integer and
// floating point, and reports where it runs.
// cross-test: args hello world
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

static unsigned long fibonacci(int n) {
    unsigned long a = 0, b = 1;
    while (n-- > 0) { unsigned long t = a + b; a = b; b = t; }
    return a;
}

int main(int argc, char **argv) {
    struct utsname name;
    uname(&name);
    printf("Hello from a %s guest!\n", name.machine);
    for (int i = 1; i < argc; i++) printf("  argv[%d] = %s\n", i, argv[i]);
    printf("  fib(90) = %lu\n", fibonacci(90));
    double x = 1.0;
    for (int i = 0; i < 5; i++) x = x - (x * x - 2.0) / (2.0 * x);
    printf("  sqrt(2) by Newton = %.15f\n", x);
    return 0;
}
