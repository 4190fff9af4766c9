using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;
using Cross.Frontends.RiscV.Csr;
using Cross.Frontends.RiscV.Decoding;
using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.Asm;

namespace Cross.Frontends.RiscV.Tests;

/// <summary>Block building: where blocks end, fetch faults, illegal instructions, and that any word translates to valid IR.</summary>
public sealed class RiscVFrontendTests
{
    private const ulong Code = RiscVMachine.CodeBase;
    private static readonly RiscVFrontend Frontend = new();

    private static IrBlock Translate(int maxInstructions, params uint[] instructions)
    {
        var memory = new TestMemory(RiscVMachine.MemoryBase, RiscVMachine.MemorySize);
        var address = Code;
        foreach (var instruction in instructions)
        {
            var length = RiscVDecoder.InstructionLength(instruction);
            memory.Write(address, length, instruction);
            address += (ulong)length;
        }
        var block = Frontend.Translate(Code, memory, maxInstructions);
        IrVerifier.Verify(block);
        return block;
    }

    [Fact]
    public void DescribesTheGuest()
    {
        Assert.Equal("riscv64", Frontend.Architecture);
        Assert.Equal(RiscVState.Size, Frontend.StateSize);
        Assert.Equal(RiscVState.Pc, Frontend.PcOffset);
        Assert.Equal(0UL, Frontend.ModeKey(new GuestState(RiscVState.Size)));
    }

    [Fact]
    public void BlockEndsAtABranch()
    {
        var block = Translate(64, Li(1, 1), Op("c.li", rd: 8, imm: 1), Branch("beq", 1, 2, 64), Li(3, 3));
        Assert.Equal([Code, Code + 4, Code + 6], block.GuestPcs);
        Assert.Equal(Opcode.ExitCond, block.Terminator.Op);
        Assert.Equal(Code + 6 + 64, (ulong)block.Terminator.Imm);
        Assert.Equal(Code + 10, (ulong)block.Terminator.Imm2);
        Assert.Equal(Code + 10, block.GuestEnd);
    }

    [Fact]
    public void BlockEndsAtTheLengthLimit()
    {
        var block = Translate(4, Nop, Nop, Nop, Nop, Nop, Nop);
        Assert.Equal(4, block.GuestInstructionCount);
        Assert.Equal(Opcode.ExitDirect, block.Terminator.Op);
        Assert.Equal(Code + 16, (ulong)block.Terminator.Imm);
    }

    [Fact]
    public void BlockEndsAfterFenceI()
    {
        var block = Translate(64, Nop, Op("fence.i"), Nop);
        Assert.Equal(2, block.GuestInstructionCount);
        Assert.Equal(Opcode.ExitDirect, block.Terminator.Op);
        Assert.Equal(Code + 8, (ulong)block.Terminator.Imm);
    }

    [Theory]
    [InlineData("csrrw", CsrFile.Frm, 1, true)]
    [InlineData("csrrwi", CsrFile.Fcsr, 0, true)]
    [InlineData("csrrs", CsrFile.Frm, 0, false)]   // read only
    [InlineData("csrrw", CsrFile.Fflags, 1, false)] // does not change rounding
    [InlineData("csrrs", CsrFile.Cycle, 0, false)]
    public void CsrWritesToRoundingStateEndTheBlock(string mnemonic, int csr, int source, bool ends)
    {
        var word = mnemonic.EndsWith('i') ? Op(mnemonic, rd: 5, csr: csr, imm: source) : Op(mnemonic, rd: 5, csr: csr, rs1: source);
        var block = Translate(64, word, Nop, Ebreak);
        Assert.Equal(ends ? 1 : 3, block.GuestInstructionCount);
    }

    [Fact]
    public void IllegalInstructionEndsTheBlockWithATrap()
    {
        var block = Translate(64, Nop, 0xFFFF_FFFF, Nop);
        Assert.Equal(2, block.GuestInstructionCount);
        var exit = block.Terminator;
        Assert.Equal(Opcode.ExitTrap, exit.Op);
        Assert.Equal(TrapKind.IllegalInstruction, (TrapKind)exit.Aux);
        Assert.Equal(Code + 4, (ulong)exit.Imm);
        Assert.Equal(Code + 4, (ulong)exit.Imm2);
    }

    [Fact]
    public void FetchFaultOnTheFirstInstructionPropagates()
    {
        var memory = new TestMemory(RiscVMachine.MemoryBase, 16);
        var fault = Assert.Throws<GuestMemoryFaultException>(() => Frontend.Translate(0x100, memory, 64));
        Assert.Equal(0x100UL, fault.Address);
        Assert.Equal(MemoryAccessType.Execute, fault.Access);
    }

    [Fact]
    public void SecondHalfOfTheFirstInstructionFaults()
    {
        var memory = new TestMemory(RiscVMachine.MemoryBase, 16);
        memory.Write(RiscVMachine.MemoryBase + 14, 2, Nop & 0xFFFF);
        var fault = Assert.Throws<GuestMemoryFaultException>(() => Frontend.Translate(RiscVMachine.MemoryBase + 14, memory, 64));
        Assert.Equal(RiscVMachine.MemoryBase + 16, fault.Address);
    }

    [Theory, AllBackends]
    public void FetchFaultLaterInTheBlockEndsItBefore(string backend)
    {
        var m = new RiscVMachine(backend);
        var end = RiscVMachine.MemoryBase + RiscVMachine.MemorySize;
        m.Write(end - 10, Li(5, 5), Li(6, 6));
        m.Poke(end - 2, 2, Nop & 0xFFFF); // the first half of a 32-bit instruction cut by the end of memory
        m.Context.Pc = end - 10;
        var stop = m.Run();
        Assert.Equal(StopKind.MemoryFault, stop.Kind);
        Assert.Equal(end - 2, stop.TrapPc);
        Assert.Equal(end, stop.Fault!.Address);
        Assert.Equal(MemoryAccessType.Execute, stop.Fault.Access);
        Assert.Equal(end - 2, m.Context.Pc);
        Assert.Equal(5UL, m.X(5));
        Assert.Equal(6UL, m.X(6));
        Assert.Equal(2, m.Context.InstructionsRetired);
    }

    [Theory, AllBackends]
    public void CompressedInstructionsRunUpToTheEndOfMemory(string backend)
    {
        var m = new RiscVMachine(backend);
        var end = RiscVMachine.MemoryBase + RiscVMachine.MemorySize;
        m.Write(end - 6, Li(5, 5), 0x9002); // addi at end-6, c.ebreak at end-2
        m.Context.Pc = end - 6;
        var stop = m.Run();
        Assert.Equal(TrapKind.Breakpoint, stop.Trap);
        Assert.Equal(end - 2, stop.TrapPc);
        Assert.Equal(5UL, m.X(5));
    }

    [Theory, AllBackends]
    public void JumpToUnmappedCodeFaultsAtTheTarget(string backend)
    {
        var m = new RiscVMachine(backend).SetX(1, 0x100).Load(Op("jalr", rd: 1, rs1: 1));
        var stop = m.Run();
        Assert.Equal(StopKind.MemoryFault, stop.Kind);
        Assert.Equal(0x100UL, stop.TrapPc);
        Assert.Equal(Code + 4, m.X(1));
    }

    [Fact]
    public void EveryHalfwordTranslatesToValidIr()
    {
        var memory = new TestMemory(RiscVMachine.MemoryBase, 16);
        for (uint word = 0; word <= 0xFFFF; word++)
        {
            if ((word & 3) == 3) continue;
            memory.Write(RiscVMachine.MemoryBase, 2, word);
            var block = Frontend.Translate(RiscVMachine.MemoryBase, memory, 1);
            Assert.Empty(IrVerifier.Check(block));
        }
    }

    [Fact]
    public void RandomWordsTranslateToValidIr()
    {
        var memory = new TestMemory(RiscVMachine.MemoryBase, 16);
        var random = new Random(1234);
        for (var n = 0; n < 50_000; n++)
        {
            var word = (uint)random.NextInt64() | 3;
            memory.Write(RiscVMachine.MemoryBase, 4, word);
            var block = Frontend.Translate(RiscVMachine.MemoryBase, memory, 1);
            Assert.Empty(IrVerifier.Check(block));
        }
    }

    [Fact]
    public void EveryEncodingTranslatesToValidIr()
    {
        var memory = new TestMemory(RiscVMachine.MemoryBase, 16);
        var random = new Random(99);
        foreach (var encoding in RiscVEncodings.All)
            for (var n = 0; n < 50; n++)
            {
                var bits = encoding.Match;
                foreach (var field in encoding.Fields) bits = field.Insert(bits, (uint)random.Next(1 << field.Width));
                if (!encoding.Accepts(bits)) continue;
                memory.Write(RiscVMachine.MemoryBase, 4, bits);
                var block = Frontend.Translate(RiscVMachine.MemoryBase, memory, 2);
                Assert.Empty(IrVerifier.Check(block));
                Assert.Equal(RiscVMachine.MemoryBase, block.GuestPcs[0]);
            }
    }

    [Fact]
    public void Disassembles()
    {
        Assert.Equal("add x1, x2, x3", Frontend.Disassemble(R("add", 1, 2, 3)));
        Assert.Equal("illegal 0x0", Frontend.Disassemble(0));
    }
}
