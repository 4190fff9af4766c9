// Shared by the benchmark workloads: the scale factor from argv and a checksum printer, so every
// run can be checked for identical output across emulators.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline int scale_from(int argc, char **argv, int fallback) {
    return argc > 1 ? atoi(argv[1]) : fallback;
}

static inline uint64_t mix64(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}
