using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Frontends.RiscV.Lowering;
using Cross.Frontends.RiscV.Privileged;
using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.Asm;

namespace Cross.Frontends.RiscV.Tests.SystemMode;

/// <summary>How the system-mode frontend builds blocks: page-bounded, per privilege level and FS state.</summary>
public sealed class SystemTranslationTests
{
    private static readonly RiscVFrontend Frontend = RiscVFrontend.CreateSystem();

    private static IrBlock Translate(ulong pc, TranslationMode mode, params uint[] instructions)
    {
        var memory = new TestMemory(RiscVMachine.MemoryBase, RiscVMachine.MemorySize);
        var address = pc;
        foreach (var instruction in instructions)
        {
            var length = Frontends.RiscV.Decoding.RiscVDecoder.InstructionLength(instruction);
            memory.Write(address, length, instruction);
            address += (ulong)length;
        }
        var block = Frontend.Translate(pc, memory, 64, mode);
        IrVerifier.Verify(block);
        return block;
    }

    private static readonly TranslationMode Machine = TranslationMode.System(PrivilegeLevel.Machine, FloatingPointState.Dirty);

    /// <summary>The target of an exit to a known address: direct, or indirect through a constant.</summary>
    private static (bool Direct, ulong Target) KnownTarget(IrBlock block)
    {
        var exit = block.Terminator;
        if (exit.Op == Opcode.ExitDirect) return (true, (ulong)exit.Imm);
        Assert.Equal(Opcode.ExitIndirect, exit.Op);
        var target = block[exit.A];
        Assert.Equal(Opcode.Const, target.Op);
        return (false, (ulong)target.Imm);
    }

    [Fact]
    public void BlocksEndAtThePageBoundary()
    {
        var block = Translate(0x10FF8, Machine, Nop, Nop, Nop, Nop);
        Assert.Equal(2, block.GuestInstructionCount);
        Assert.Equal((false, 0x11000UL), KnownTarget(block)); // another page: looked up afresh
    }

    [Fact]
    public void AnInstructionStraddlingPagesIsABlockOfItsOwn()
    {
        var before = Translate(0x10FFC, Machine, 0x0001, Nop); // c.nop, then a 32-bit nop over the boundary
        Assert.Equal(1, before.GuestInstructionCount);
        Assert.Equal((false, 0x10FFEUL), KnownTarget(before)); // its key depends on the next page

        var straddling = Translate(0x10FFE, Machine, Nop, Nop);
        Assert.Equal(1, straddling.GuestInstructionCount);
        Assert.Equal((false, 0x11002UL), KnownTarget(straddling));
    }

    [Fact]
    public void UserProcessBlocksMayCrossPages()
    {
        var block = Translate(0x10FF8, TranslationMode.UserProcess, Nop, Nop, Nop, Nop, Ebreak);
        Assert.Equal(5, block.GuestInstructionCount);
    }

    [Fact]
    public void EcallDoesNotRetireInSystemMode()
    {
        var block = Translate(0x10000, Machine, Ecall);
        Assert.Equal(Opcode.ExitTrap, block.Terminator.Op);
        Assert.Equal(0x10000L, block.Terminator.Imm2); // resumes (is reported) at itself
        var user = Translate(0x10000, TranslationMode.UserProcess, Ecall);
        Assert.Equal(0x10004L, user.Terminator.Imm2);
    }

    [Fact]
    public void FpInstructionsMarkFsDirtyOncePerBlock()
    {
        var fadd = Op("fadd.d", rd: 1, rs1: 2, rs2: 3);
        var clean = Translate(0x10000, TranslationMode.System(PrivilegeLevel.Supervisor, FloatingPointState.Clean), fadd, fadd, Ebreak);
        Assert.Single(clean.Instructions, i => i.Op == Opcode.Call && i.Helper == SystemHelpers.MarkFloatingPointDirty);
        var dirty = Translate(0x10000, TranslationMode.System(PrivilegeLevel.Supervisor, FloatingPointState.Dirty), fadd, Ebreak);
        Assert.DoesNotContain(dirty.Instructions, i => i.Op == Opcode.Call && i.Helper == SystemHelpers.MarkFloatingPointDirty);
        var off = Translate(0x10000, TranslationMode.System(PrivilegeLevel.Supervisor, FloatingPointState.Off), fadd, Ebreak);
        Assert.Equal(TrapKind.IllegalInstruction, (TrapKind)off.Terminator.Aux);
    }

    [Fact]
    public void JumpsStayDirectOnlyWithinThePage()
    {
        Assert.Equal((true, 0x10800UL), KnownTarget(Translate(0x10000, Machine, Op("jal", imm: 0x800))));
        Assert.Equal((false, 0x11000UL), KnownTarget(Translate(0x10000, Machine, Op("jal", imm: 0x1000))));
        var near = Translate(0x10000, Machine, Branch("beq", 1, 2, 0x100));
        Assert.Equal(Opcode.ExitCond, near.Terminator.Op);
        var far = Translate(0x10000, Machine, Branch("beq", 1, 2, -0x100));
        Assert.Equal(Opcode.ExitIndirect, far.Terminator.Op);
        Assert.Equal(Opcode.ExitCond, Translate(0x10000, TranslationMode.UserProcess, Branch("beq", 1, 2, -0x100)).Terminator.Op);
    }

    [Fact]
    public void CsrWritesThatChangeModesEndTheBlock()
    {
        var write = Op("csrrw", rd: 0, rs1: 5, csr: Csr.CsrFile.Mstatus);
        var block = Translate(0x10000, Machine, write, Nop, Ebreak);
        Assert.Equal(1, block.GuestInstructionCount);
        Assert.Equal((false, 0x10004UL), KnownTarget(block)); // back to the engine: new key, interrupts
        var scratch = Translate(0x10000, Machine, Op("csrrw", rd: 0, rs1: 5, csr: Csr.CsrFile.Mscratch), Nop, Ebreak);
        Assert.Equal(3, scratch.GuestInstructionCount);
    }

    [Fact]
    public void TheSystemFrontendNeedsItsHart()
    {
        var context = new GuestContext(new GuestState(RiscVState.Size), new TestMemory(0x10000, 0x1000), RiscVState.Pc);
        Assert.Throws<InvalidOperationException>(() => ((IGuestFrontend)Frontend).ModeKey(context));
        Assert.Equal(0UL, ((IGuestFrontend)new RiscVFrontend()).ModeKey(context));
    }
}
