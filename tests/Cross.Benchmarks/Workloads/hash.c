// Integer: FNV-1a and a table-driven CRC32 over a buffer, many times.
#include "common.h"

int main(int argc, char **argv) {
    int rounds = scale_from(argc, argv, 40);
    enum { SIZE = 1 << 16 };
    static unsigned char data[SIZE];
    static uint32_t table[256];
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    for (int i = 0; i < SIZE; i++) data[i] = (unsigned char)(mix64(i) >> 7);
    uint64_t fnv = 1469598103934665603ull;
    uint32_t crc = 0xFFFFFFFFu;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < SIZE; i++) {
            fnv = (fnv ^ data[i]) * 1099511628211ull;
            crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }
        data[r % SIZE] ^= (unsigned char)fnv;
    }
    printf("hash %016llx %08x\n", (unsigned long long)fnv, crc ^ 0xFFFFFFFFu);
    return 0;
}
