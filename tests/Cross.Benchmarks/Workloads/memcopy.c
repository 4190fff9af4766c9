// Memory: memcpy/memmove/memset over many sizes and alignments.
#include "common.h"
#include <string.h>

int main(int argc, char **argv) {
    int rounds = scale_from(argc, argv, 10);
    enum { SIZE = 1 << 20 };
    unsigned char *a = malloc(SIZE + 64), *b = malloc(SIZE + 64);
    for (int i = 0; i < SIZE; i++) a[i] = (unsigned char)i;
    uint64_t sum = 0;
    for (int r = 0; r < rounds; r++) {
        for (int size = 1; size <= SIZE; size = size * 2 + 1) {
            memcpy(b + (r & 7), a + (size & 15), size);
            memmove(b + 1, b, size / 2);
            sum += b[size / 3] + b[size - 1];
        }
        memset(a + r, r, SIZE / 4);
        for (int i = 0; i < 16; i++) { memcpy(b, a, SIZE); sum += b[(i * 4099) % SIZE]; }
    }
    printf("memcopy %llu\n", (unsigned long long)sum);
    return 0;
}
