// malloc/free churn: many sizes, interleaved frees, realloc growth, and a checksum of contents
// so that any memory corruption changes the output.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 88172645463325252ull;
static uint64_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

int main(void) {
    enum { SLOTS = 256, ROUNDS = 6000 };
    unsigned char *blocks[SLOTS] = {0};
    size_t sizes[SLOTS] = {0};
    uint64_t checksum = 0;
    for (int round = 0; round < ROUNDS; round++) {
        int slot = next() % SLOTS;
        if (blocks[slot]) {
            for (size_t i = 0; i < sizes[slot]; i++)
                if (blocks[slot][i] != (unsigned char)(slot + i)) {
                    printf("corruption in slot %d at %zu\n", slot, i);
                    return 1;
                }
            checksum += sizes[slot];
            if (next() % 4 == 0 && sizes[slot] < 100000) {
                size_t grown = sizes[slot] * 2 + 1;
                unsigned char *p = realloc(blocks[slot], grown);
                if (!p) return 2;
                for (size_t i = sizes[slot]; i < grown; i++) p[i] = (unsigned char)(slot + i);
                blocks[slot] = p;
                sizes[slot] = grown;
                continue;
            }
            free(blocks[slot]);
            blocks[slot] = NULL;
        } else {
            size_t size = (next() % 29 == 0) ? 65536 + next() % 100000 : 1 + next() % 1500;
            unsigned char *p = malloc(size);
            if (!p) return 3;
            for (size_t i = 0; i < size; i++) p[i] = (unsigned char)(slot + i);
            blocks[slot] = p;
            sizes[slot] = size;
        }
    }
    size_t live = 0;
    for (int i = 0; i < SLOTS; i++) {
        live += blocks[i] != NULL;
        free(blocks[i]);
    }
    void *aligned = NULL;
    if (posix_memalign(&aligned, 4096, 10000) != 0 || ((uintptr_t)aligned & 4095)) return 4;
    free(aligned);
    char *zeroed = calloc(1000, 1000);
    for (int i = 0; i < 1000000; i += 4096) if (zeroed[i]) return 5;
    free(zeroed);
    printf("checksum %llu live %zu\n", (unsigned long long)checksum, live);
    return 0;
}
