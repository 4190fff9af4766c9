using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;
using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.Asm;

namespace Cross.Frontends.RiscV.Tests.Extensions;

public sealed class RvITests
{
    private const long Min = long.MinValue;
    private const ulong Ones = ulong.MaxValue;

    public static TheoryData<string, AluCase> Cases => AluCase.OnAllBackends(
    [
        AluCase.Rr("add", Ones, 1, 0),
        AluCase.Rr("sub", 0, 1, Ones),
        AluCase.Rr("sll", 1, 65, 2),
        AluCase.Rr("slt", -1, 0, 1),
        AluCase.Rr("slt", 0, -1, 0),
        AluCase.Rr("sltu", -1, 0, 0),
        AluCase.Rr("sltu", 0, -1, 1),
        AluCase.Rr("xor", 0xF0, 0xFF, 0x0F),
        AluCase.Rr("or", 0xF0, 0x0F, 0xFF),
        AluCase.Rr("and", 0xF0, 0x3C, 0x30),
        AluCase.Rr("srl", 0x8000_0000_0000_0000, 63, 1),
        AluCase.Rr("srl", 0x8000_0000_0000_0000, 64, 0x8000_0000_0000_0000),
        AluCase.Rr("sra", 0x8000_0000_0000_0000, 63, Ones),
        AluCase.Rr("addw", 0x7FFF_FFFF, 1, 0xFFFF_FFFF_8000_0000),
        AluCase.Rr("addw", 0x1_0000_0000, 0x1_0000_0000, 0),
        AluCase.Rr("subw", 0, 1, Ones),
        AluCase.Rr("sllw", 1, 31, 0xFFFF_FFFF_8000_0000),
        AluCase.Rr("sllw", 1, 32, 1),
        AluCase.Rr("srlw", 0xFFFF_FFFF_8000_0000, 31, 1),
        AluCase.Rr("srlw", 0x8000_0000, 0, 0xFFFF_FFFF_8000_0000),
        AluCase.Rr("sraw", 0x8000_0000, 4, 0xFFFF_FFFF_F800_0000),
        AluCase.Ri("addi", 5, -6, -1),
        AluCase.Ri("slti", -5, -4, 1),
        AluCase.Ri("sltiu", 5, -1, 1),
        AluCase.Ri("xori", 0, -1, -1),
        AluCase.Ri("ori", 0x100, 0x7FF, 0x7FF),
        AluCase.Ri("andi", 0xFF, 0x80, 0x80),
        AluCase.Ri("slli", 1, 63, Min),
        AluCase.Ri("srli", Ones, 63, 1),
        AluCase.Ri("srai", 0x8000_0000_0000_0000, 1, 0xC000_0000_0000_0000),
        AluCase.Ri("addiw", 0x7FFF_FFFF, 1, 0xFFFF_FFFF_8000_0000),
        AluCase.Ri("addiw", 0xFFFF_FFFF_0000_0000, 0, 0),
        AluCase.Ri("slliw", 1, 31, 0xFFFF_FFFF_8000_0000),
        AluCase.Ri("srliw", 0x8000_0000, 31, 1),
        AluCase.Ri("sraiw", 0x8000_0000, 31, Ones),
    ]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Computes(string backend, AluCase test) => Assert.Equal(test.Expected, test.Run(backend));

    [Theory, AllBackends]
    public void X0IsHardWired(string backend)
    {
        var m = new RiscVMachine(backend).Load(Li(0, 5), R("add", 1, 0, 0), I("addi", 2, 0, -1)).RunToBreak();
        Assert.Equal(0UL, m.X(0));
        Assert.Equal(0UL, m.X(1));
        Assert.Equal(Ones, m.X(2));
    }

    [Theory, AllBackends]
    public void LoadIntoX0StillFaults(string backend)
    {
        var m = new RiscVMachine(backend).SetX(1, 0x100).Load(Li(5, 1), I("ld", 0, 1, 0));
        var stop = m.Run();
        Assert.Equal(StopKind.MemoryFault, stop.Kind);
        Assert.Equal(RiscVMachine.CodeBase + 4, stop.TrapPc);
        Assert.Equal(0x100UL, stop.Fault!.Address);
        Assert.Equal(1UL, m.X(5));
    }

    [Theory, AllBackends]
    public void LuiAndAuipc(string backend)
    {
        var m = new RiscVMachine(backend).Load(Op("lui", rd: 1, imm: unchecked((int)0x8000_0000)), Op("auipc", rd: 2, imm: 0x1000), Op("lui", rd: 3, imm: 0x7FFF_F000)).RunToBreak();
        Assert.Equal(0xFFFF_FFFF_8000_0000, m.X(1));
        Assert.Equal(RiscVMachine.CodeBase + 4 + 0x1000, m.X(2));
        Assert.Equal(0x7FFF_F000UL, m.X(3));
    }

    [Theory, AllBackends]
    public void LoadsExtend(string backend)
    {
        const ulong data = RiscVMachine.DataBase;
        var m = new RiscVMachine(backend).Poke(data, 8, 0x8182_8384_F5F6_F7F8).SetX(1, (long)data + 8).Load(
            I("lb", 10, 1, -8), I("lbu", 11, 1, -8), I("lh", 12, 1, -8), I("lhu", 13, 1, -8),
            I("lw", 14, 1, -8), I("lwu", 15, 1, -8), I("ld", 16, 1, -8), I("lw", 17, 1, -4), I("lh", 18, 1, -7)).RunToBreak();
        Assert.Equal(0xFFFF_FFFF_FFFF_FFF8, m.X(10));
        Assert.Equal(0xF8UL, m.X(11));
        Assert.Equal(0xFFFF_FFFF_FFFF_F7F8, m.X(12));
        Assert.Equal(0xF7F8UL, m.X(13));
        Assert.Equal(0xFFFF_FFFF_F5F6_F7F8, m.X(14));
        Assert.Equal(0xF5F6_F7F8UL, m.X(15));
        Assert.Equal(0x8182_8384_F5F6_F7F8, m.X(16));
        Assert.Equal(0xFFFF_FFFF_8182_8384, m.X(17));
        Assert.Equal(0xFFFF_FFFF_FFFF_F6F7, m.X(18)); // misaligned halfword
    }

    [Theory, AllBackends]
    public void StoresWriteTheirWidth(string backend)
    {
        const ulong data = RiscVMachine.DataBase;
        var m = new RiscVMachine(backend).SetX(1, (long)data).SetX(2, 0x1122_3344_5566_7788).Load(
            Store("sd", 2, 1, 0), Store("sb", 0, 1, 0), Store("sh", 0, 1, 2), Store("sw", 2, 1, 8), Store("sd", 2, 1, 2047)).RunToBreak();
        Assert.Equal(0x1122_3344_0000_7700UL, m.Read(data, 8));
        Assert.Equal(0x5566_7788UL, m.Read(data + 8, 8));
        Assert.Equal(0x1122_3344_5566_7788UL, m.Read(data + 2047, 8));
    }

    [Theory, AllBackends]
    public void BranchesLoop(string backend)
    {
        // x1 = 10; x2 = 0; do { x2 += x1; x1 -= 1 } while (x1 != 0)
        var m = new RiscVMachine(backend).Load(
            Li(1, 10), Li(2, 0),
            R("add", 2, 2, 1), I("addi", 1, 1, -1), Branch("bne", 1, 0, -8)).RunToBreak();
        Assert.Equal(55UL, m.X(2));
    }

    [Theory, AllBackends]
    public void BranchConditions(string backend)
    {
        // Each branch skips "addi x10, x10, 1" when taken; x10 counts branches not taken.
        (string Mnemonic, bool Taken)[] cases =
        [
            ("beq", false), ("bne", true), ("blt", true), ("bge", false), ("bltu", false), ("bgeu", true),
        ];
        var program = new List<uint> { Li(1, -1), Li(2, 1) };
        foreach (var (mnemonic, _) in cases)
        {
            program.Add(Branch(mnemonic, 1, 2, 8));
            program.Add(I("addi", 10, 10, 1));
        }
        var m = new RiscVMachine(backend).Load([.. program]).RunToBreak();
        Assert.Equal((ulong)cases.Count(c => !c.Taken), m.X(10));
    }

    [Theory, AllBackends]
    public void JalAndJalrLinkAndClearBitZero(string backend)
    {
        const ulong code = RiscVMachine.CodeBase;
        var m = new RiscVMachine(backend);
        m.Write(code,
            Op("jal", rd: 1, imm: 12),             // 0: -> 12, ra = 4
            Ebreak,                               // 4
            Ebreak,                               // 8
            Op("auipc", rd: 5, imm: 0),           // 12: x5 = code + 12
            Op("jalr", rd: 5, rs1: 5, imm: 13),   // 16: target code + 25, bit 0 cleared: code + 24
            Ebreak,                               // 20
            I("addi", 6, 0, 7),                   // 24
            Op("jalr", rd: 0, rs1: 1, imm: 0));   // 28: back to 4
        m.Context.Pc = code;
        m.RunToBreak();
        Assert.Equal(code + 4, m.Context.Pc);
        Assert.Equal(code + 4, m.X(1));
        Assert.Equal(code + 20, m.X(5)); // link of the jalr that used x5 as its base
        Assert.Equal(7UL, m.X(6));
    }

    [Theory, AllBackends]
    public void EcallTrapsAndResumesAfter(string backend)
    {
        var m = new RiscVMachine(backend).Load(Li(17, 93), Ecall);
        var stop = m.Run();
        Assert.Equal(StopKind.Trap, stop.Kind);
        Assert.Equal(TrapKind.SystemCall, stop.Trap);
        Assert.Equal(RiscVMachine.CodeBase + 4, stop.TrapPc);
        Assert.Equal(RiscVMachine.CodeBase + 8, m.Context.Pc);
        Assert.Equal(93UL, m.X(17));
    }

    [Theory, AllBackends]
    public void EbreakStopsAtItself(string backend)
    {
        var m = new RiscVMachine(backend).Load(Nop);
        var stop = m.Run();
        Assert.Equal(TrapKind.Breakpoint, stop.Trap);
        Assert.Equal(RiscVMachine.CodeBase + 4, stop.TrapPc);
        Assert.Equal(RiscVMachine.CodeBase + 4, m.Context.Pc);
    }

    [Theory, AllBackends]
    public void IllegalInstructionTrapsAtItself(string backend)
    {
        var m = new RiscVMachine(backend).Load(Li(5, 1), 0xFFFF_FFFF, Li(6, 1));
        var stop = m.Run();
        Assert.Equal(StopKind.Trap, stop.Kind);
        Assert.Equal(TrapKind.IllegalInstruction, stop.Trap);
        Assert.Equal(RiscVMachine.CodeBase + 4, stop.TrapPc);
        Assert.Equal(0xFFFF_FFFFUL, stop.Detail);
        Assert.Equal(RiscVMachine.CodeBase + 4, m.Context.Pc);
        Assert.Equal(1L, m.Context.InstructionsRetired);
        Assert.Equal(1UL, m.X(5));
        Assert.Equal(0UL, m.X(6));
    }

    [Theory, AllBackends]
    public void FenceRuns(string backend)
    {
        var m = new RiscVMachine(backend).Load(Op("fence"), Li(1, 3)).RunToBreak();
        Assert.Equal(3UL, m.X(1));
    }

    [Theory, AllBackends]
    public void StoreFaultIsPrecise(string backend)
    {
        var m = new RiscVMachine(backend).Load(Li(1, 1), Store("sd", 1, 0, 0x40), Li(2, 2));
        var stop = m.Run();
        Assert.Equal(StopKind.MemoryFault, stop.Kind);
        Assert.Equal(MemoryAccessType.Write, stop.Fault!.Access);
        Assert.Equal(RiscVMachine.CodeBase + 4, m.Context.Pc);
        Assert.Equal(1UL, m.X(1));
        Assert.Equal(0UL, m.X(2));
    }
}
