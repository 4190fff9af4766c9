// Integer: a switch-dispatched stack-machine interpreter loop (the shape of every scripting VM).
#include "common.h"

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, LT, JZ, JMP, HALT, MOD, DUP };

int main(int argc, char **argv) {
    int64_t limit = 150000L * scale_from(argc, argv, 10);
    // i = 0; acc = 0; while (i < limit) { acc = (acc * 31 + i) % 1000003; i = i + 1; }
    int64_t program[] = {
        PUSH, 0, STORE, 0, PUSH, 0, STORE, 1,
        /* 8 */ LOAD, 0, PUSH, limit, LT, JZ, 37,
        LOAD, 1, PUSH, 31, MUL, LOAD, 0, ADD, PUSH, 1000003, MOD, STORE, 1,
        LOAD, 0, PUSH, 1, ADD, STORE, 0, JMP, 8,
        /* 37 */ HALT,
    };
    int64_t stack[64], vars[4] = {0};
    int sp = 0;
    long pc = 0, executed = 0;
    for (;;) {
        executed++;
        switch (program[pc]) {
        case PUSH: stack[sp++] = program[pc + 1]; pc += 2; break;
        case LOAD: stack[sp++] = vars[program[pc + 1]]; pc += 2; break;
        case STORE: vars[program[pc + 1]] = stack[--sp]; pc += 2; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; pc++; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; pc++; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; pc++; break;
        case MOD: sp--; stack[sp - 1] %= stack[sp]; pc++; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; pc++; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; pc++; break;
        case JZ: pc = stack[--sp] ? pc + 2 : program[pc + 1]; break;
        case JMP: pc = program[pc + 1]; break;
        case HALT: printf("bytecode %lld after %ld ops\n", (long long)vars[1], executed); return 0;
        }
    }
}
