/*
 * fpref.c - reference oracle for the SoftFloat tests: runs single IEEE 754 operations on the host x86-64 SSE/AVX
 * hardware under a chosen rounding mode and reports the result bits and the raised exception flags.
 *
 * Build: gcc -O0 -mfma -msse4.1 -frounding-math -fsignaling-nans -ffp-contract=off -o fpref fpref.c -lm
 *
 * Input (stdin), one operation per line:   OP MODE A [B [C]]
 *   OP    operation name (see dispatch below)
 *   MODE  decimal: bits 0-1 rounding (0 nearest-even, 1 toward zero, 2 down, 3 up), bit 2 sets MXCSR.DAZ
 *   A,B,C operands as hexadecimal bit patterns (integers for the int->float conversions)
 * Output (stdout), one line per input line:  RESULT FLAGS
 *   RESULT hexadecimal result bit pattern (0/1 for comparisons); FLAGS hexadecimal in RISC-V fflags order:
 *   1 inexact, 2 underflow, 4 overflow, 8 divide-by-zero, 16 invalid.
 * The special line "cpu 0 0" prints the host capabilities as "BITS 0": 1 AVX-512F (needed by the unsigned conversion
 * ops ending in "x"), 2 FMA (else fma uses glibc's fma, whose NaN results differ), 4 AVX (else comparisons use
 * (U)COMISS/(U)COMISD).
 *
 * Every operation is a single SSE/AVX instruction in inline assembly, so the operand order (which matters for NaN
 * propagation) is exactly the instruction's: for "add A B" the instruction is ADDSD A, B (A is the first source).
 */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xmmintrin.h>

typedef uint32_t u32;
typedef uint64_t u64;

static float f32(u64 v) { u32 b = (u32)v; float f; memcpy(&f, &b, 4); return f; }
static double f64(u64 v) { double d; memcpy(&d, &v, 8); return d; }
static u64 bits32(float f) { u32 b; memcpy(&b, &f, 4); return b; }
static u64 bits64(double d) { u64 b; memcpy(&b, &d, 8); return b; }

static void begin(int mode)
{
    static const int rounding[4] = { FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD };
    fesetround(rounding[mode & 3]);
    feclearexcept(FE_ALL_EXCEPT);
    unsigned csr = _mm_getcsr() & ~0x3Fu; /* also clear the denormal-operand flag */
    if (mode & 4) csr |= 0x40u; else csr &= ~0x40u;
    _mm_setcsr(csr);
}

static int end(void)
{
    int raised = fetestexcept(FE_ALL_EXCEPT);
    _mm_setcsr(_mm_getcsr() & ~0x40u);
    fesetround(FE_TONEAREST);
    int flags = 0;
    if (raised & FE_INEXACT) flags |= 1;
    if (raised & FE_UNDERFLOW) flags |= 2;
    if (raised & FE_OVERFLOW) flags |= 4;
    if (raised & FE_DIVBYZERO) flags |= 8;
    if (raised & FE_INVALID) flags |= 16;
    return flags;
}

#define BIN_SS(name, insn) \
    static float name(float a, float b) { __asm__ volatile(insn " %1, %0" : "+x"(a) : "x"(b)); return a; }
#define BIN_SD(name, insn) \
    static double name(double a, double b) { __asm__ volatile(insn " %1, %0" : "+x"(a) : "x"(b)); return a; }
BIN_SS(addss, "addss") BIN_SS(subss, "subss") BIN_SS(mulss, "mulss") BIN_SS(divss, "divss")
BIN_SS(minss, "minss") BIN_SS(maxss, "maxss")
BIN_SD(addsd, "addsd") BIN_SD(subsd, "subsd") BIN_SD(mulsd, "mulsd") BIN_SD(divsd, "divsd")
BIN_SD(minsd, "minsd") BIN_SD(maxsd, "maxsd")

static float sqrtss(float a) { float r; __asm__ volatile("sqrtss %1, %0" : "=x"(r) : "x"(a)); return r; }
static double sqrtsd(double a) { double r; __asm__ volatile("sqrtsd %1, %0" : "=x"(r) : "x"(a)); return r; }

static int have_fma, have_avx;

/* Without FMA hardware fall back to glibc's correctly rounded fma/fmaf (called through pointers so that gcc cannot
 * expand them inline). The NaN results of the fallback may differ from the instruction's. */
static double (*volatile libm_fma)(double, double, double) = fma;
static float (*volatile libm_fmaf)(float, float, float) = fmaf;

/* a*b + c: VFMADD231 dst(=c) += src2(=a) * src3(=b). */
static float fmass(float a, float b, float c)
{
    if (!have_fma) return libm_fmaf(a, b, c);
    __asm__ volatile("vfmadd231ss %2, %1, %0" : "+x"(c) : "x"(a), "x"(b));
    return c;
}
static double fmasd(double a, double b, double c)
{
    if (!have_fma) return libm_fma(a, b, c);
    __asm__ volatile("vfmadd231sd %2, %1, %0" : "+x"(c) : "x"(a), "x"(b));
    return c;
}

/*
 * VCMPSS/VCMPSD predicates: 0 EQ_OQ, 1 LT_OS, 2 LE_OS, 3 UNORD_Q, 0x11 LT_OQ, 0x12 LE_OQ, 0x13 UNORD_S.
 * Without AVX: quiet predicates use UCOMIS* and signalling ones COMIS* (ZF, PF, CF as for the compare).
 */
#define UCOMI(name, type, insn) \
    static unsigned name(type a, type b) { unsigned char zf, pf, cf; \
        __asm__ volatile(insn " %4, %3\n\tsetz %0\n\tsetp %1\n\tsetc %2" : "=r"(zf), "=r"(pf), "=r"(cf) : "x"(a), "x"(b)); \
        return (unsigned)zf | ((unsigned)pf << 1) | ((unsigned)cf << 2); }
UCOMI(ucomiss, float, "ucomiss") UCOMI(comiss, float, "comiss") UCOMI(ucomisd, double, "ucomisd") UCOMI(comisd, double, "comisd")

static int legacy_cmp(unsigned f, int imm)
{
    int unordered = (f >> 1) & 1, eq = f & 1, lt = (f >> 2) & 1;
    switch (imm & 0xF) {
    case 0: return !unordered && eq;
    case 1: return !unordered && lt;
    case 2: return !unordered && (lt || eq);
    default: return unordered;
    }
}

#define CMP(name, type, insn, imm) \
    static int name(type a, type b) { \
        if (!have_avx) { int sig = (imm) == 1 || (imm) == 2 || (imm) == 0x13; \
            unsigned f = sizeof(type) == 4 ? (sig ? comiss(a, b) : ucomiss(a, b)) : (sig ? comisd(a, b) : ucomisd(a, b)); \
            return legacy_cmp(f, imm); } \
        type r; __asm__ volatile(insn " $" #imm ", %2, %1, %0" : "=x"(r) : "x"(a), "x"(b)); \
        u64 m = 0; memcpy(&m, &r, sizeof(type)); return m != 0; }
CMP(cmpeqss, float, "vcmpss", 0) CMP(cmpltss, float, "vcmpss", 1) CMP(cmpless, float, "vcmpss", 2)
CMP(cmpunordss, float, "vcmpss", 3) CMP(cmpltqss, float, "vcmpss", 0x11) CMP(cmpleqss, float, "vcmpss", 0x12)
CMP(cmpunordsss, float, "vcmpss", 0x13)
CMP(cmpeqsd, double, "vcmpsd", 0) CMP(cmpltsd, double, "vcmpsd", 1) CMP(cmplesd, double, "vcmpsd", 2)
CMP(cmpunordsd, double, "vcmpsd", 3) CMP(cmpltqsd, double, "vcmpsd", 0x11) CMP(cmpleqsd, double, "vcmpsd", 0x12)
CMP(cmpunordssd, double, "vcmpsd", 0x13)

static double cvtss2sd(float a) { double r; __asm__ volatile("cvtss2sd %1, %0" : "=x"(r) : "x"(a)); return r; }
static float cvtsd2ss(double a) { float r; __asm__ volatile("cvtsd2ss %1, %0" : "=x"(r) : "x"(a)); return r; }

static u64 cvtss2si32(float a) { int32_t r; __asm__ volatile("cvtss2si %1, %0" : "=r"(r) : "x"(a)); return (u32)r; }
static u64 cvtss2si64(float a) { int64_t r; __asm__ volatile("cvtss2si %1, %0" : "=r"(r) : "x"(a)); return (u64)r; }
static u64 cvtsd2si32(double a) { int32_t r; __asm__ volatile("cvtsd2si %1, %0" : "=r"(r) : "x"(a)); return (u32)r; }
static u64 cvtsd2si64(double a) { int64_t r; __asm__ volatile("cvtsd2si %1, %0" : "=r"(r) : "x"(a)); return (u64)r; }
static u64 cvtss2usi32(float a) { uint32_t r; __asm__ volatile("vcvtss2usi %1, %0" : "=r"(r) : "x"(a)); return r; }
static u64 cvtss2usi64(float a) { uint64_t r; __asm__ volatile("vcvtss2usi %1, %0" : "=r"(r) : "x"(a)); return r; }
static u64 cvtsd2usi32(double a) { uint32_t r; __asm__ volatile("vcvtsd2usi %1, %0" : "=r"(r) : "x"(a)); return r; }
static u64 cvtsd2usi64(double a) { uint64_t r; __asm__ volatile("vcvtsd2usi %1, %0" : "=r"(r) : "x"(a)); return r; }

static float cvtsi2ss32(int32_t v) { float r = 0; __asm__ volatile("cvtsi2ssl %1, %0" : "+x"(r) : "r"(v)); return r; }
static float cvtsi2ss64(int64_t v) { float r = 0; __asm__ volatile("cvtsi2ssq %1, %0" : "+x"(r) : "r"(v)); return r; }
static double cvtsi2sd32(int32_t v) { double r = 0; __asm__ volatile("cvtsi2sdl %1, %0" : "+x"(r) : "r"(v)); return r; }
static double cvtsi2sd64(int64_t v) { double r = 0; __asm__ volatile("cvtsi2sdq %1, %0" : "+x"(r) : "r"(v)); return r; }

/* ROUNDSS/ROUNDSD with imm 4 (MXCSR rounding, signal inexact) or 12 (MXCSR rounding, suppress inexact). */
static float roundss4(float a) { float r; __asm__ volatile("roundss $4, %1, %0" : "=x"(r) : "x"(a)); return r; }
static float roundss12(float a) { float r; __asm__ volatile("roundss $12, %1, %0" : "=x"(r) : "x"(a)); return r; }
static double roundsd4(double a) { double r; __asm__ volatile("roundsd $4, %1, %0" : "=x"(r) : "x"(a)); return r; }
static double roundsd12(double a) { double r; __asm__ volatile("roundsd $12, %1, %0" : "=x"(r) : "x"(a)); return r; }

/*
 * Saturating (RISC-V fcvt) conversion built on the hardware rounding: r = ROUNDSD(x) in the current mode (raises
 * inexact / invalid for sNaN); NaN -> max, out of range -> saturate with only invalid raised.
 */
static u64 saturate(double x, int is_signed, int bits, int *flags)
{
    double r = roundsd4(x);
    int f = end();
    u64 res;
    double lo = is_signed ? -ldexp(1.0, bits - 1) : 0.0;
    double hi = is_signed ? ldexp(1.0, bits - 1) : ldexp(1.0, bits); /* exclusive */
    u64 maxv = is_signed ? ((1ull << (bits - 1)) - 1) : (bits == 64 ? ~0ull : 0xFFFFFFFFull);
    u64 minv = is_signed ? ((0ull - (1ull << (bits - 1))) & (bits == 32 ? 0xFFFFFFFFull : ~0ull)) : 0;
    if (isnan(x)) { *flags = 16; return maxv; }
    if (r < lo) { *flags = 16; return minv; }
    if (r >= hi) { *flags = 16; return maxv; }
    if (is_signed) res = (u64)(int64_t)r; else res = (r >= 9223372036854775808.0) ? ((u64)(r - 9223372036854775808.0) | (1ull << 63)) : (u64)(int64_t)r;
    if (bits == 32) res &= 0xFFFFFFFFull;
    *flags = f;
    return res;
}


int main(void)
{
    __builtin_cpu_init();
    have_fma = __builtin_cpu_supports("fma");
    have_avx = __builtin_cpu_supports("avx");
    char line[512];
    char op[64];
    while (fgets(line, sizeof line, stdin)) {
        int mode = 0;
        unsigned long long a = 0, b = 0, c = 0;
        int n = sscanf(line, "%63s %d %llx %llx %llx", op, &mode, &a, &b, &c);
        if (n < 2) continue;
        u64 r = 0;
        int flags = -1;
        if (!strcmp(op, "cpu")) {
            printf("%x 0\n", (__builtin_cpu_supports("avx512f") ? 1 : 0) | (have_fma ? 2 : 0) | (have_avx ? 4 : 0));
            continue;
        }
        begin(mode);
#define OP(nm, expr) else if (!strcmp(op, nm)) { r = (expr); }
        if (0) {}
        OP("f32add", bits32(addss(f32(a), f32(b)))) OP("f32sub", bits32(subss(f32(a), f32(b))))
        OP("f32mul", bits32(mulss(f32(a), f32(b)))) OP("f32div", bits32(divss(f32(a), f32(b))))
        OP("f32sqrt", bits32(sqrtss(f32(a)))) OP("f32fma", bits32(fmass(f32(a), f32(b), f32(c))))
        OP("f32min", bits32(minss(f32(a), f32(b)))) OP("f32max", bits32(maxss(f32(a), f32(b))))
        OP("f64add", bits64(addsd(f64(a), f64(b)))) OP("f64sub", bits64(subsd(f64(a), f64(b))))
        OP("f64mul", bits64(mulsd(f64(a), f64(b)))) OP("f64div", bits64(divsd(f64(a), f64(b))))
        OP("f64sqrt", bits64(sqrtsd(f64(a)))) OP("f64fma", bits64(fmasd(f64(a), f64(b), f64(c))))
        OP("f64min", bits64(minsd(f64(a), f64(b)))) OP("f64max", bits64(maxsd(f64(a), f64(b))))
        OP("f32eq", cmpeqss(f32(a), f32(b))) OP("f32lt", cmpltss(f32(a), f32(b))) OP("f32le", cmpless(f32(a), f32(b)))
        OP("f32ltq", cmpltqss(f32(a), f32(b))) OP("f32leq", cmpleqss(f32(a), f32(b)))
        OP("f32unord", cmpunordss(f32(a), f32(b))) OP("f32unords", cmpunordsss(f32(a), f32(b)))
        OP("f64eq", cmpeqsd(f64(a), f64(b))) OP("f64lt", cmpltsd(f64(a), f64(b))) OP("f64le", cmplesd(f64(a), f64(b)))
        OP("f64ltq", cmpltqsd(f64(a), f64(b))) OP("f64leq", cmpleqsd(f64(a), f64(b)))
        OP("f64unord", cmpunordsd(f64(a), f64(b))) OP("f64unords", cmpunordssd(f64(a), f64(b)))
        OP("f32tof64", bits64(cvtss2sd(f32(a)))) OP("f64tof32", bits32(cvtsd2ss(f64(a))))
        OP("f32toi32", cvtss2si32(f32(a))) OP("f32toi64", cvtss2si64(f32(a)))
        OP("f64toi32", cvtsd2si32(f64(a))) OP("f64toi64", cvtsd2si64(f64(a)))
        OP("f32tou32x", cvtss2usi32(f32(a))) OP("f32tou64x", cvtss2usi64(f32(a)))
        OP("f64tou32x", cvtsd2usi32(f64(a))) OP("f64tou64x", cvtsd2usi64(f64(a)))
        OP("f32toi32s", saturate(f32(a), 1, 32, &flags)) OP("f32toi64s", saturate(f32(a), 1, 64, &flags))
        OP("f32tou32s", saturate(f32(a), 0, 32, &flags)) OP("f32tou64s", saturate(f32(a), 0, 64, &flags))
        OP("f64toi32s", saturate(f64(a), 1, 32, &flags)) OP("f64toi64s", saturate(f64(a), 1, 64, &flags))
        OP("f64tou32s", saturate(f64(a), 0, 32, &flags)) OP("f64tou64s", saturate(f64(a), 0, 64, &flags))
        OP("i32tof32", bits32(cvtsi2ss32((int32_t)(u32)a))) OP("i64tof32", bits32(cvtsi2ss64((int64_t)a)))
        OP("u32tof32", bits32((float)(u32)a)) OP("u64tof32", bits32((float)(u64)a))
        OP("i32tof64", bits64(cvtsi2sd32((int32_t)(u32)a))) OP("i64tof64", bits64(cvtsi2sd64((int64_t)a)))
        OP("u32tof64", bits64((double)(u32)a)) OP("u64tof64", bits64((double)(u64)a))
        OP("f32rint", bits32(roundss4(f32(a)))) OP("f32nearbyint", bits32(roundss12(f32(a))))
        OP("f64rint", bits64(roundsd4(f64(a)))) OP("f64nearbyint", bits64(roundsd12(f64(a))))
        else { end(); printf("? ?\n"); fprintf(stderr, "unknown op %s\n", op); continue; }
        if (flags < 0) flags = end();
        printf("%llx %x\n", (unsigned long long)r, flags);
    }
    return 0;
}
