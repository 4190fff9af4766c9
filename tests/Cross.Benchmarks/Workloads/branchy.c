// Branchy code: Collatz lengths and a small state machine over pseudo-random input.
#include "common.h"

int main(int argc, char **argv) {
    long limit = 30000L * scale_from(argc, argv, 10);
    long longest = 0, best = 0;
    for (long start = 1; start < limit; start++) {
        uint64_t x = start;
        long length = 0;
        while (x != 1) { x = x & 1 ? 3 * x + 1 : x >> 1; length++; }
        if (length > longest) { longest = length; best = start; }
    }
    int state = 0, tokens = 0;
    for (long i = 0; i < limit * 4; i++) {
        int c = (int)(mix64(i) % 5);
        switch (state) {
        case 0: state = c == 0 ? 1 : c == 1 ? 2 : 0; break;
        case 1: if (c < 2) { state = 3; tokens++; } else state = 0; break;
        case 2: state = c == 4 ? 0 : 3; break;
        default: state = c & 1; tokens += c == 3; break;
        }
    }
    printf("branchy %ld %ld %d\n", best, longest, tokens);
    return 0;
}
