using Cross.Elf;
using Cross.Testing;

namespace Cross.Frontends.RiscV.Tests.TestSupport;

/// <summary>
/// Bare-metal test programs assembled by GNU as (through the cross gcc driver, so the C
/// preprocessor and macros work) and linked at <see cref="SystemMachine.RamBase"/>. The body
/// starts at <c>_start</c>, the entry point; it may switch sections and define data. The prelude
/// gives every program these macros:
/// <list type="bullet">
/// <item><c>FINISH</c>: writes a0 to the test finisher, which stops the hart.</item>
/// <item><c>RECORD_TRAP</c>: s0 = mcause, s1 = mtval, s2 = mepc, s3 = mstatus.</item>
/// <item><c>SRECORD_TRAP</c>: s0 = scause, s1 = stval, s2 = sepc, s3 = sstatus.</item>
/// <item><c>SET_MTVEC label</c>, <c>SET_STVEC label</c>.</item>
/// <item><c>ENTER_S label</c>, <c>ENTER_U label</c>: mret to the label in S- or U-mode (from M-mode).</item>
/// <item><c>SENTER_U label</c>: sret to the label in U-mode (from S-mode).</item>
/// </list>
/// CSRs newer than binutils 2.40 have numeric names: CSR_STIMECMP, CSR_MENVCFG, CSR_SENVCFG.
/// </summary>
public static class SystemProgram
{
    public const string Prelude = """
        #define CSR_STIMECMP 0x14d
        #define CSR_MENVCFG 0x30a
        #define CSR_SENVCFG 0x10a
        #define CSR_MCONFIGPTR 0xf15
        #define FINISHER 0x100000
        .macro FINISH
            li t6, FINISHER
            sd a0, 0(t6)
        1:  j 1b
        .endm
        .macro RECORD_TRAP
            csrr s0, mcause
            csrr s1, mtval
            csrr s2, mepc
            csrr s3, mstatus
        .endm
        .macro SRECORD_TRAP
            csrr s0, scause
            csrr s1, stval
            csrr s2, sepc
            csrr s3, sstatus
        .endm
        .macro SET_MTVEC label
            la t6, \label
            csrw mtvec, t6
        .endm
        .macro SET_STVEC label
            la t6, \label
            csrw stvec, t6
        .endm
        .macro ENTER_MODE mode, label
            li t6, 0x1800
            csrc mstatus, t6
            li t6, (\mode << 11)
            csrs mstatus, t6
            la t6, \label
            csrw mepc, t6
            mret
        .endm
        .macro ENTER_S label
            ENTER_MODE 1, \label
        .endm
        .macro ENTER_U label
            ENTER_MODE 0, \label
        .endm
        .macro SENTER_U label
            li t6, 0x100
            csrc sstatus, t6
            la t6, \label
            csrw sepc, t6
            sret
        .endm
        .text
        .globl _start
        _start:

        """;

    private static readonly Dictionary<string, ElfFile> Cache = new();

    /// <summary>Assembles and links <paramref name="body"/> (cached per text, in memory and on disk).</summary>
    public static ElfFile Assemble(string body)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(body, out var cached)) return cached;
        }
        var missing = HostTools.Missing(HostTools.RiscV64Gcc);
        Assert.True(missing is null, missing);
        var path = GuestCompiler.Compile(HostTools.RiscV64Gcc, Prelude + body + "\n", ".S",
            "-nostdlib", "-static", "-fno-pic", "-no-pie", "-march=rv64gc", "-mabi=lp64d", $"-Wl,-Ttext=0x{SystemMachine.RamBase:x}",
            "-Wl,-N", "-Wl,--no-relax", "-Wl,--build-id=none", "-Wl,-e,_start");
        var elf = ElfFile.Load(path);
        lock (Cache) Cache[body] = elf;
        return elf;
    }
}
