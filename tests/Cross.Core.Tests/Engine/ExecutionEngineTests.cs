using Cross.Backends.Interpreter;
using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Core.Tests.Engine;

public class ExecutionEngineTests
{
    private readonly ToyFrontend _frontend = new();
    private readonly FlatMemory _memory = new(0x1000, 0x4000);
    private readonly ExecutionEngine _engine;
    private readonly GuestContext _context;

    public ExecutionEngineTests()
    {
        _engine = new ExecutionEngine(_frontend, new InterpreterBackend());
        _engine.Watch(_memory);
        _context = _engine.CreateContext(_memory);
        _context.Pc = 0x1000;
    }

    private void Program(ulong address, params uint[] words)
    {
        for (var i = 0; i < words.Length; i++) _memory.Write(address + (ulong)i * 4, 4, words[i]);
    }

    private ulong R0 => _context.State.Read64(0);

    [Fact]
    public void RunsUntilATrapAndResumesAfterIt()
    {
        Program(0x1000,
            ToyFrontend.Encode(ToyFrontend.AddImmediate, 5),
            ToyFrontend.Encode(ToyFrontend.AddImmediate, 7),
            ToyFrontend.Encode(ToyFrontend.SystemCall),
            ToyFrontend.Encode(ToyFrontend.AddImmediate, 1),
            ToyFrontend.Encode(ToyFrontend.SystemCall));

        var stop = _engine.Run(_context, 1000);
        Assert.Equal(StopKind.Trap, stop.Kind);
        Assert.Equal(TrapKind.SystemCall, stop.Trap);
        Assert.Equal(0x1008UL, stop.TrapPc);
        Assert.Equal(0x100CUL, _context.Pc);
        Assert.Equal(12UL, R0);
        Assert.Equal(3, _context.InstructionsRetired);

        _engine.Run(_context, 1000);
        Assert.Equal(13UL, R0);
        Assert.Equal(5, _context.InstructionsRetired);
    }

    [Fact]
    public void LoopsStopAtTheBudgetAndBlocksAreCached()
    {
        // r0 += 1; jump back: an endless loop of two-instruction blocks.
        Program(0x1000, ToyFrontend.Encode(ToyFrontend.AddImmediate, 1), ToyFrontend.Encode(ToyFrontend.Jump, 0x1000));
        var stop = _engine.Run(_context, 100);
        Assert.Equal(StopKind.BudgetExhausted, stop.Kind);
        Assert.Equal(100, _context.InstructionsRetired);
        Assert.Equal(50UL, R0);
        Assert.Equal(1, _frontend.Translations);
    }

    [Fact]
    public void MemoryFaultReportsThePreciseInstructionAndKeepsEarlierWrites()
    {
        Program(0x1000,
            ToyFrontend.Encode(ToyFrontend.AddImmediate, 9),
            ToyFrontend.Encode(ToyFrontend.LoadR0, 0x10),   // below memory: faults
            ToyFrontend.Encode(ToyFrontend.AddImmediate, 1));
        var stop = _engine.Run(_context, 1000);
        Assert.Equal(StopKind.MemoryFault, stop.Kind);
        Assert.Equal(0x1004UL, stop.TrapPc);
        Assert.Equal(0x1004UL, _context.Pc);
        Assert.Equal(0x10UL, stop.Fault!.Address);
        Assert.Equal(MemoryAccessType.Read, stop.Fault.Access);
        Assert.Equal(9UL, R0);
        Assert.Equal(1, _context.InstructionsRetired);
    }

    [Fact]
    public void FetchFaultStopsAtTheUnmappedPc()
    {
        Program(0x1000, ToyFrontend.Encode(ToyFrontend.Jump, 0x9000));
        var stop = _engine.Run(_context, 1000);
        Assert.Equal(StopKind.MemoryFault, stop.Kind);
        Assert.Equal(MemoryAccessType.Execute, stop.Fault!.Access);
        Assert.Equal(0x9000UL, _context.Pc);
    }

    [Fact]
    public void IllegalInstructionTrapsAtItsOwnPc()
    {
        Program(0x1000, ToyFrontend.Encode(ToyFrontend.AddImmediate, 1), 0xEE);
        var stop = _engine.Run(_context, 1000);
        Assert.Equal(TrapKind.IllegalInstruction, stop.Trap);
        Assert.Equal(0x1004UL, stop.TrapPc);
        Assert.Equal(0x1004UL, _context.Pc);
        Assert.Equal(0xEEUL, stop.Detail);
        Assert.Equal(1, _context.InstructionsRetired);
    }

    [Fact]
    public void WritingTranslatedCodeInvalidatesIt()
    {
        // First pass: the block at 0x1100 adds 1. The program then patches that instruction's
        // immediate byte to 0x20 and runs the block again, which must now add 0x20.
        Program(0x1100, ToyFrontend.Encode(ToyFrontend.AddImmediate, 1), ToyFrontend.Encode(ToyFrontend.SystemCall));
        Program(0x1000, ToyFrontend.Encode(ToyFrontend.Jump, 0x1100));
        _engine.Run(_context, 1000);
        Assert.Equal(1UL, R0);

        Program(0x1010,
            ToyFrontend.Encode(ToyFrontend.AddImmediate, 0x1F),       // r0 = 0x20
            ToyFrontend.Encode(ToyFrontend.StoreByteR0, 0x1101),      // patch the immediate
            ToyFrontend.Encode(ToyFrontend.Jump, 0x1100));
        _context.Pc = 0x1010;
        _engine.Run(_context, 1000);
        Assert.Equal(0x40UL, R0);
        Assert.True(_engine.Cache.Invalidations >= 1);
    }

    [Fact]
    public void ConditionalExitsFollowTheCondition()
    {
        Program(0x1000,
            ToyFrontend.Encode(ToyFrontend.BranchIfZero, 0x1100),
            ToyFrontend.Encode(ToyFrontend.SystemCall));
        Program(0x1100, ToyFrontend.Encode(ToyFrontend.AddImmediate, 3), ToyFrontend.Encode(ToyFrontend.Jump, 0x1000));
        _engine.Run(_context, 1000);
        Assert.Equal(3UL, R0);
        Assert.Equal(0x1008UL, _context.Pc);
    }
}
