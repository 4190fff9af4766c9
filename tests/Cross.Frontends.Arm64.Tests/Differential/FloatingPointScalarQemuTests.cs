using System.Buffers.Binary;
using Cross.Frontends.Arm64.Tests.TestSupport;
using Cross.Testing;

namespace Cross.Frontends.Arm64.Tests.Differential;

/// <summary>
/// Runs a static aarch64 program that applies the scalar FP instructions to tables of interesting
/// values (signed zeros, denormals, infinities, quiet and signalling NaNs, halfway cases, integer
/// limits) under several FPCR settings (each rounding mode, FZ, DN, AHP) and prints each result with
/// its FPSR; the output of <c>cross run</c> must be byte-identical to qemu-aarch64's.
/// </summary>
public class FloatingPointScalarQemuTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Theory]
    [AllBackends]
    public void ScalarFpResultsAndFlagsMatchQemu(string backend)
    {
        var missing = HostTools.Missing(HostTools.Aarch64Gcc, HostTools.QemuAarch64);
        if (missing is not null) throw new InvalidOperationException(missing);
        var binary = GuestCompiler.Compile(HostTools.Aarch64Gcc, HarnessSource, ".S", "-nostdlib", "-static");

        var reference = ProcessRunner.Run(HostTools.QemuAarch64, [binary], Timeout);
        Assert.Equal(0, reference.ExitCode);
        var cross = CrossCli.Run(["run", "--jit", backend, binary], Timeout);
        Assert.True(cross.ExitCode == 0, $"cross run exited with {cross.ExitCode}: {cross.StandardError}");

        var expected = reference.StandardOutput;
        var actual = cross.StandardOutput;
        Assert.True(expected.Length > 100_000, "the harness printed too little");
        for (var offset = 0; offset + 16 <= Math.Min(expected.Length, actual.Length); offset += 16)
        {
            var expectedRecord = Record(expected, offset);
            var actualRecord = Record(actual, offset);
            Assert.True(expectedRecord == actualRecord,
                $"record {offset / 16}: qemu gives result 0x{expectedRecord.Result:x16} FPSR 0x{expectedRecord.Fpsr:x}, " +
                $"cross gives 0x{actualRecord.Result:x16} FPSR 0x{actualRecord.Fpsr:x}");
        }
        Assert.Equal(expected.Length, actual.Length);
    }

    private static (ulong Result, ulong Fpsr) Record(byte[] output, int offset) =>
        (BinaryPrimitives.ReadUInt64LittleEndian(output.AsSpan(offset)), BinaryPrimitives.ReadUInt64LittleEndian(output.AsSpan(offset + 8)));

    // Only instructions every helper branch has: ADD/SUB immediate, MOVZ, ADRP, LDR/STR with an
    // unsigned offset, branches, MRS/MSR, SVC, and the FP instructions under test.
    private const string HarnessSource = """
        // Runs scalar FP instructions over tables of interesting values under several FPCR settings (each rounding mode, FZ, DN, AHP)
        // and writes every result with its FPSR (16 bytes per record) to stdout.
            .macro LOADADDR reg, sym
            adrp \reg, \sym
            add \reg, \reg, :lo12:\sym
            .endm

            .macro RECORD
            str x12, [x22]
            mrs x13, fpsr
            str x13, [x22, #8]
            add x22, x22, #16
            add x26, x26, #16
            .endm

            .macro BIN op, f, g, table, esize, count
            LOADADDR x20, \table
            mov x16, #\count
        1:  LOADADDR x21, \table
            mov x15, #\count
        2:  ldr \g\()10, [x20]
            fmov \f\()0, \g\()10
            ldr \g\()11, [x21]
            fmov \f\()1, \g\()11
            msr fpsr, xzr
            \op \f\()2, \f\()0, \f\()1
            fmov \g\()12, \f\()2
            RECORD
            add x21, x21, #\esize
            subs x15, x15, #1
            b.ne 2b
            add x20, x20, #\esize
            subs x16, x16, #1
            b.ne 1b
            .endm

            .macro CMP op, f, g, table, esize, count
            LOADADDR x20, \table
            mov x16, #\count
        1:  LOADADDR x21, \table
            mov x15, #\count
        2:  ldr \g\()10, [x20]
            fmov \f\()0, \g\()10
            ldr \g\()11, [x21]
            fmov \f\()1, \g\()11
            msr fpsr, xzr
            \op \f\()0, \f\()1
            mrs x12, nzcv
            RECORD
            add x21, x21, #\esize
            subs x15, x15, #1
            b.ne 2b
            add x20, x20, #\esize
            subs x16, x16, #1
            b.ne 1b
            .endm

            // FCCMP/FCCMPE/FCSEL on every pair; NZCV going in comes from the loop's own SUBS.
            .macro COND op, f, g, table, esize, count, cond, select=0
            LOADADDR x20, \table
            mov x16, #\count
        1:  LOADADDR x21, \table
            mov x15, #\count
        2:  ldr \g\()10, [x20]
            fmov \f\()0, \g\()10
            ldr \g\()11, [x21]
            fmov \f\()1, \g\()11
            msr fpsr, xzr
            .if \select
            \op \f\()2, \f\()0, \f\()1, \cond
            fmov \g\()12, \f\()2
            .else
            \op \f\()0, \f\()1, #0b0110, \cond
            mrs x12, nzcv
            .endif
            RECORD
            add x21, x21, #\esize
            subs x15, x15, #1
            b.ne 2b
            add x20, x20, #\esize
            subs x16, x16, #1
            b.ne 1b
            .endm

            // FMA over the first \count values of the table for all three operands.
            .macro TERN op, f, g, table, esize, count
            LOADADDR x20, \table
            mov x16, #\count
        1:  LOADADDR x21, \table
            mov x15, #\count
        2:  LOADADDR x23, \table
            mov x14, #\count
        3:  ldr \g\()10, [x20]
            fmov \f\()0, \g\()10
            ldr \g\()11, [x21]
            fmov \f\()1, \g\()11
            ldr \g\()11, [x23]
            fmov \f\()3, \g\()11
            msr fpsr, xzr
            \op \f\()2, \f\()0, \f\()1, \f\()3
            fmov \g\()12, \f\()2
            RECORD
            add x23, x23, #\esize
            subs x14, x14, #1
            b.ne 3b
            add x21, x21, #\esize
            subs x15, x15, #1
            b.ne 2b
            add x20, x20, #\esize
            subs x16, x16, #1
            b.ne 1b
            .endm

            // One-operand FP to FP: \dst is the destination type, read back as \rf/\rg.
            .macro UN op, dst, rf, rg, src, sg, table, esize, count
            LOADADDR x20, \table
            mov x16, #\count
        1:  ldr \sg\()10, [x20]
            fmov \src\()0, \sg\()10
            msr fpsr, xzr
            \op \dst\()2, \src\()0
            fmov \rg\()12, \rf\()2
            RECORD
            add x20, x20, #\esize
            subs x16, x16, #1
            b.ne 1b
            .endm

            // Half source: loaded through the S view (FMOV to H would need FEAT_FP16).
            .macro UNH op, dst, rf, rg, table, count
            LOADADDR x20, \table
            mov x16, #\count
        1:  ldr w10, [x20]
            fmov s0, w10
            msr fpsr, xzr
            \op \dst\()2, h0
            fmov \rg\()12, \rf\()2
            RECORD
            add x20, x20, #4
            subs x16, x16, #1
            b.ne 1b
            .endm

            .macro TOINT op, dg, src, sg, table, esize, count, fbits=0
            LOADADDR x20, \table
            mov x16, #\count
        1:  ldr \sg\()10, [x20]
            fmov \src\()0, \sg\()10
            msr fpsr, xzr
            .if \fbits
            \op \dg\()12, \src\()0, #\fbits
            .else
            \op \dg\()12, \src\()0
            .endif
            RECORD
            add x20, x20, #\esize
            subs x16, x16, #1
            b.ne 1b
            .endm

            .macro FROMINT op, dst, rg, sg, table, esize, count, fbits=0
            LOADADDR x20, \table
            mov x16, #\count
        1:  ldr \sg\()10, [x20]
            msr fpsr, xzr
            .if \fbits
            \op \dst\()2, \sg\()10, #\fbits
            .else
            \op \dst\()2, \sg\()10
            .endif
            fmov \rg\()12, \dst\()2
            RECORD
            add x20, x20, #\esize
            subs x16, x16, #1
            b.ne 1b
            .endm

            .text
            .global _start
        _start:
            LOADADDR x22, output
            mov x26, #0
            LOADADDR x24, fpcr_values
            mov x25, #FPCR_COUNT
        next_mode:
            ldr x9, [x24]
            msr fpcr, x9

            .irp op, fadd, fsub, fmul, fdiv, fmax, fmin, fmaxnm, fminnm, fnmul
            BIN \op, s, w, singles, 4, 20
            BIN \op, d, x, doubles, 8, 20
            .endr
            .irp op, fcmp, fcmpe
            CMP \op, s, w, singles, 4, 20
            CMP \op, d, x, doubles, 8, 20
            .endr
            COND fccmp, s, w, singles, 4, 20, hi
            COND fccmpe, d, x, doubles, 8, 20, ne
            COND fcsel, s, w, singles, 4, 20, ls, 1
            COND fcsel, d, x, doubles, 8, 20, ne, 1
            .irp op, fmadd, fmsub, fnmadd, fnmsub
            TERN \op, s, w, singles, 4, 12
            TERN \op, d, x, doubles, 8, 12
            .endr
            .irp op, fsqrt, frintn, frintp, frintm, frintz, frinta, frintx, frinti, fabs, fneg
            UN \op, s, s, w, s, w, singles, 4, 20
            UN \op, d, d, x, d, x, doubles, 8, 20
            .endr
            UN fcvt, d, d, x, s, w, singles, 4, 20
            UN fcvt, s, s, w, d, x, doubles, 8, 20
            UN fcvt, h, s, w, s, w, singles, 4, 20
            UN fcvt, h, s, w, d, x, doubles, 8, 20
            UNH fcvt, s, s, w, halves, 14
            UNH fcvt, d, d, x, halves, 14
            .irp op, fcvtns, fcvtnu, fcvtas, fcvtau, fcvtps, fcvtpu, fcvtms, fcvtmu, fcvtzs, fcvtzu
            TOINT \op, w, s, w, singles, 4, 20
            TOINT \op, x, s, w, singles, 4, 20
            TOINT \op, w, d, x, doubles, 8, 20
            TOINT \op, x, d, x, doubles, 8, 20
            .endr
            .irp op, fcvtzs, fcvtzu
            TOINT \op, w, s, w, singles, 4, 20, 7
            TOINT \op, x, d, x, doubles, 8, 20, 64
            TOINT \op, w, d, x, doubles, 8, 20, 32
            .endr
            .irp op, scvtf, ucvtf
            FROMINT \op, s, w, w, singles, 4, 20
            FROMINT \op, s, w, x, doubles, 8, 20
            FROMINT \op, d, x, w, singles, 4, 20
            FROMINT \op, d, x, x, doubles, 8, 20
            FROMINT \op, s, w, x, doubles, 8, 20, 40
            FROMINT \op, d, x, w, singles, 4, 20, 3
            .endr

            add x24, x24, #8
            subs x25, x25, #1
            b.eq done
            b next_mode
        done:
            mov x0, #1
            LOADADDR x1, output
            add x2, x26, #0
            mov x8, #64
            svc #0
            mov x0, #0
            mov x8, #93
            svc #0

            .data
            .balign 8
            .equ FPCR_COUNT, 9
        fpcr_values:
            // RN, RP, RM, RZ, FZ, DN, FZ+DN+RP, AHP, AHP+RZ
            .quad 0, 0x400000, 0x800000, 0xc00000, 0x1000000, 0x2000000, 0x3400000, 0x4000000, 0x4c00000
        doubles:
            .quad 0x0000000000000000, 0x8000000000000000, 0x0000000000000001, 0x800fffffffffffff
            .quad 0x0010000000000000, 0x3ff0000000000000, 0xbff8000000000000, 0x4004000000000000
            .quad 0x3fd5555555555555, 0x7ff8000000000123, 0x7ff0000000000789, 0x7ff0000000000000
            .quad 0x43e0000000000000, 0xc1e0000000100000, 0x7e37e43c8800759c, 0x7fefffffffffffff
            .quad 0xfff0000000000000, 0xfff8000000000456, 0xfff4000000000001, 0x41efffffffe00000
        singles:
            .word 0x00000000, 0x80000000, 0x00000001, 0x807fffff
            .word 0x00800000, 0x3f800000, 0xbfc00000, 0x40200000
            .word 0x3eaaaaab, 0x7fc00123, 0x7f800789, 0x7f800000
            .word 0x5f000000, 0xcf000000, 0x7149f2ca, 0x7f7fffff
            .word 0xff800000, 0xffc00456, 0xff900001, 0x4f800000
        halves:
            .word 0x0000, 0x8000, 0x0001, 0x83ff, 0x0400, 0x3c00, 0xbe00
            .word 0x7bff, 0x7c00, 0xfc00, 0x7e01, 0xfd00, 0x3555, 0x7c01

            .bss
            .balign 16
        output:
            .skip 4 << 20
        """;
}
