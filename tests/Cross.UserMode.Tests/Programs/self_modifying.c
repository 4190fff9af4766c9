// Self-modifying code, the way a JIT does it: generate riscv64 code into an executable mapping,
// call it, rewrite it in place, call it again; and patch an instruction of a function in the
// program's own text after mprotect. Every version is called many times, so an emulator that
// compiles hot code compiles it before it is rewritten; each rewrite is followed by
// __builtin___clear_cache (riscv_flush_icache) and fence.i, as the ISA requires.
// cross-test: arch riscv64
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef long (*function)(long, long);

enum { A0 = 10, A1 = 11, T0 = 5, RA = 1, ZERO = 0 };

static uint32_t i_type(int imm, int rs1, int funct3, int rd, int opcode) {
    return ((uint32_t)(imm & 0xFFF) << 20) | (uint32_t)rs1 << 15 | (uint32_t)funct3 << 12 | (uint32_t)rd << 7 | (uint32_t)opcode;
}
static uint32_t r_type(int funct7, int rs2, int rs1, int funct3, int rd, int opcode) {
    return (uint32_t)funct7 << 25 | (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | (uint32_t)funct3 << 12 | (uint32_t)rd << 7 | (uint32_t)opcode;
}
static uint32_t addi(int rd, int rs1, int imm) { return i_type(imm, rs1, 0, rd, 0x13); }
static uint32_t add(int rd, int rs1, int rs2) { return r_type(0, rs2, rs1, 0, rd, 0x33); }
static uint32_t mul(int rd, int rs1, int rs2) { return r_type(1, rs2, rs1, 0, rd, 0x33); }
static uint32_t xor_(int rd, int rs1, int rs2) { return r_type(0, rs2, rs1, 4, rd, 0x33); }
static uint32_t ret(void) { return i_type(0, RA, 0, ZERO, 0x67); }
// bne rs1, rs2, offset (a backward branch of -offset bytes when offset < 0)
static uint32_t bne(int rs1, int rs2, int offset) {
    uint32_t o = (uint32_t)offset;
    return ((o >> 12) & 1) << 31 | ((o >> 5) & 0x3F) << 25 | (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | 1u << 12
        | ((o >> 1) & 0xF) << 8 | ((o >> 11) & 1) << 7 | 0x63;
}

static void sync_code(void *start, size_t bytes) {
    __builtin___clear_cache((char *)start, (char *)start + bytes);
    __asm__ volatile("fence.i" ::: "memory");
}

// A function in the program's own text, in 4-byte instructions so it can be patched in place.
__asm__(".text\n.balign 4\n.globl patchable\npatchable:\n.option push\n.option norvc\n"
        "addi a0, a0, 1\nret\n.option pop\n");
long patchable(long x);

static long call_many(function f, long rounds, long seed) {
    long sum = 0;
    for (long i = 0; i < rounds; i++) sum = sum * 31 + f(i ^ seed, 7);
    return sum;
}

int main(void) {
    long page = sysconf(_SC_PAGESIZE);
    uint32_t *code = mmap(NULL, page, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) { perror("mmap"); return 1; }
    function f = (function)code;

    // 1. A straight-line function rewritten with a new constant each round.
    for (int version = 0; version < 12; version++) {
        code[0] = addi(A0, A0, version * 3 - 5);
        code[1] = xor_(A0, A0, A1);
        code[2] = ret();
        sync_code(code, 12);
        printf("straight %d: %ld\n", version, call_many(f, 2000, version));
    }

    // 2. A loop in generated code (a0 = a0 * k + a1, n times), its multiplier patched each round.
    for (int version = 0; version < 8; version++) {
        code[0] = addi(T0, ZERO, 100);              // t0 = 100
        code[1] = addi(T0 + 1, ZERO, 3 + version);  // t1 = k
        code[2] = mul(A0, A0, T0 + 1);              // loop: a0 *= k
        code[3] = add(A0, A0, A1);                  //       a0 += a1
        code[4] = addi(T0, T0, -1);                 //       t0 -= 1
        code[5] = bne(T0, ZERO, -12);               //       while t0 != 0
        code[6] = ret();
        sync_code(code, 28);
        printf("loop %d: %ld\n", version, call_many(f, 300, version));
    }

    // 3. Only the loop body's instruction changes, between calls of the same hot loop.
    for (int version = 0; version < 6; version++) {
        code[3] = version & 1 ? xor_(A0, A0, A1) : add(A0, A0, A1);
        sync_code(code + 3, 4);
        printf("body %d: %ld\n", version, call_many(f, 300, version + 100));
    }

    // 4. The program's own text: make the page writable, patch patchable's addi, call again.
    uintptr_t text = (uintptr_t)patchable & ~(uintptr_t)(page - 1);
    printf("patchable before: %ld\n", call_many((function)patchable, 1000, 1));
    if (mprotect((void *)text, 2 * page, PROT_READ | PROT_WRITE | PROT_EXEC) != 0) { perror("mprotect"); return 1; }
    for (int version = 0; version < 4; version++) {
        *(volatile uint32_t *)patchable = addi(A0, A0, 100 * (version + 1));
        sync_code((void *)patchable, 4);
        printf("patchable %d: %ld\n", version, call_many((function)patchable, 1000, version));
    }
    mprotect((void *)text, 2 * page, PROT_READ | PROT_EXEC);

    munmap(code, page);
    return 0;
}
