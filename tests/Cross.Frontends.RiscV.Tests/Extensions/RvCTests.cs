using Cross.Core.Ir;
using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.Asm;

namespace Cross.Frontends.RiscV.Tests.Extensions;

/// <summary>Compressed instructions, run mixed with 32-bit ones at 2-byte alignment.</summary>
public sealed class RvCTests
{
    private const ulong Data = RiscVMachine.DataBase;
    private const ulong Code = RiscVMachine.CodeBase;
    private const int Sp = 2;
    private const uint CEbreak = 0x9002;

    [Theory, AllBackends]
    public void IntegerComputation(string backend)
    {
        var m = new RiscVMachine(backend).Load(
            Op("c.li", rd: 8, imm: -5),                 // x8 = -5
            Op("c.addi", rd: 8, imm: 31),               // x8 = 26
            Op("c.lui", rd: 9, imm: -0x20000),          // x9 = 0xFFFF_FFFF_FFFE_0000
            Op("c.mv", rd: 10, rs2: 8),                 // x10 = 26
            Op("c.add", rd: 10, rs2: 8),                // x10 = 52
            Op("c.slli", rd: 10, imm: 60),              // x10 = 52 << 60 = 0x4000...
            Op("c.srli", rd: 10, imm: 62),              // x10 = 1
            Op("c.mv", rd: 11, rs2: 9),
            Op("c.srai", rd: 11, imm: 17),              // x11 = -1
            Op("c.andi", rd: 11, imm: -2),              // x11 = -2
            Op("c.mv", rd: 12, rs2: 8),
            Op("c.sub", rd: 12, rs2: 11),               // x12 = 28
            Op("c.mv", rd: 13, rs2: 12),
            Op("c.xor", rd: 13, rs2: 8),                // 28 ^ 26 = 6
            Op("c.mv", rd: 14, rs2: 12),
            Op("c.or", rd: 14, rs2: 8),                 // 28 | 26 = 30
            Op("c.and", rd: 12, rs2: 8),                // 28 & 26 = 24
            Op("c.li", rd: 15, imm: 1),
            Op("c.slli", rd: 15, imm: 31),              // 0x8000_0000
            Op("c.addiw", rd: 15, imm: 0),              // sext.w: 0xFFFF_FFFF_8000_0000
            Op("c.mv", rd: 9, rs2: 15),
            Op("c.addw", rd: 9, rs2: 15),               // 0x1_0000_0000 truncated: 0
            Op("c.li", rd: 8, imm: 0),
            Op("c.subw", rd: 8, rs2: 15)).RunToBreak(); // -(0x8000_0000) as word: 0xFFFF_FFFF_8000_0000
        Assert.Equal(1UL, m.X(10));
        Assert.Equal(unchecked((ulong)-2L), m.X(11));
        Assert.Equal(24UL, m.X(12));
        Assert.Equal(6UL, m.X(13));
        Assert.Equal(30UL, m.X(14));
        Assert.Equal(0xFFFF_FFFF_8000_0000, m.X(15));
        Assert.Equal(0UL, m.X(9));
        Assert.Equal(0xFFFF_FFFF_8000_0000, m.X(8));
    }

    [Theory, AllBackends]
    public void StackPointerForms(string backend)
    {
        var m = new RiscVMachine(backend).SetX(Sp, (long)Data + 0x200).SetX(10, 0x1122_3344_5566_7788).SetF64(11, 2.5).Load(
            Op("c.addi16sp", imm: -512),                 // sp = Data
            Op("c.addi4spn", rd: 8, imm: 1020),          // x8 = sp + 1020
            Op("c.sdsp", rs2: 10, imm: 504),
            Op("c.swsp", rs2: 10, imm: 252),
            Op("c.fsdsp", rs2: 11, imm: 8),
            Op("c.ldsp", rd: 12, imm: 504),
            Op("c.lwsp", rd: 13, imm: 252),
            Op("c.fldsp", rd: 14, imm: 8)).RunToBreak();
        Assert.Equal(Data, m.X(Sp));
        Assert.Equal(Data + 1020, m.X(8));
        Assert.Equal(0x1122_3344_5566_7788UL, m.Read(Data + 504, 8));
        Assert.Equal(0x5566_7788UL, m.Read(Data + 252, 4));
        Assert.Equal(0x1122_3344_5566_7788UL, m.X(12));
        Assert.Equal(0x5566_7788UL, m.X(13));
        Assert.Equal(2.5, m.F64(14));
    }

    [Theory, AllBackends]
    public void RegisterBasedLoadsAndStores(string backend)
    {
        var m = new RiscVMachine(backend).SetX(8, (long)Data).SetX(9, unchecked((long)0x8877_6655_8433_2211)).SetF64(10, -1.25).Load(
            Op("c.sd", rs1: 8, rs2: 9, imm: 248),
            Op("c.sw", rs1: 8, rs2: 9, imm: 124),
            Op("c.fsd", rs1: 8, rs2: 10, imm: 16),
            Op("c.ld", rd: 11, rs1: 8, imm: 248),
            Op("c.lw", rd: 12, rs1: 8, imm: 124),
            Op("c.fld", rd: 13, rs1: 8, imm: 16)).RunToBreak();
        Assert.Equal(0x8877_6655_8433_2211UL, m.X(11));
        Assert.Equal(0xFFFF_FFFF_8433_2211UL, m.X(12)); // c.lw sign-extends
        Assert.Equal(-1.25, m.F64(13));
    }

    [Theory, AllBackends]
    public void JumpsAndBranches(string backend)
    {
        var m = new RiscVMachine(backend);
        var end = m.Write(Code,
            Op("c.li", rd: 8, imm: 0),         // 0
            Op("c.beqz", rs1: 8, imm: 6),      // 2: taken -> 8
            Op("c.li", rd: 9, imm: 1),         // 4 (skipped)
            CEbreak,                           // 6
            Op("c.bnez", rs1: 8, imm: -2),     // 8: not taken
            Op("c.j", imm: 6),                 // 10: -> 16
            CEbreak,                           // 12
            CEbreak,                           // 14
            Op("auipc", rd: 10, imm: 0),       // 16: 32-bit at 2-byte alignment boundary; x10 = Code + 16
            Op("c.addi", rd: 10, imm: 12),     // 20: x10 = Code + 28
            Op("c.jalr", rs1: 10),             // 22: -> 28, ra = 24
            CEbreak,                           // 24
            CEbreak,                           // 26
            Op("c.jr", rs1: 1));               // 28: -> 24
        Assert.Equal(Code + 30, end);
        m.Context.Pc = Code;
        var stop = m.Run();
        Assert.Equal(TrapKind.Breakpoint, stop.Trap);
        Assert.Equal(Code + 24, stop.TrapPc);
        Assert.Equal(Code + 24, m.X(1));
        Assert.Equal(0UL, m.X(9));
    }

    [Theory, AllBackends]
    public void HintsExecuteAsTheirExpansion(string backend)
    {
        var m = new RiscVMachine(backend).SetX(5, 7).Load(
            0x0001,                             // c.nop
            Op("c.addi", rd: 0, imm: 5),        // HINT: writes x0
            Op("c.li", rd: 0, imm: 3),          // HINT
            Op("c.lui", rd: 0, imm: 0x1000),    // HINT
            Op("c.mv", rd: 0, rs2: 5),          // HINT
            Op("c.slli", rd: 5, imm: 0)).RunToBreak(); // HINT: shift by 0
        Assert.Equal(0UL, m.X(0));
        Assert.Equal(7UL, m.X(5));
    }

    [Theory, AllBackends]
    public void CompressedIllegalReportsSixteenBits(string backend)
    {
        var m = new RiscVMachine(backend).Load(Op("c.li", rd: 8, imm: 1), 0x0000);
        var stop = m.Run();
        Assert.Equal(TrapKind.IllegalInstruction, stop.Trap);
        Assert.Equal(Code + 2, stop.TrapPc);
        Assert.Equal(0UL, stop.Detail);
        Assert.Equal(1UL, m.X(8));
    }
}
