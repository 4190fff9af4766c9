using Cross.Backends.Interpreter;
using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Backends.Llvm.Tests;

/// <summary>
/// Block chaining: direct exits get linked to the block that ran after them and then tail-call
/// it within one Execute, up to the instruction budget passed to it; writes to a block's code cut
/// the links into it. Results must be those of the interpreter run block by block.
/// </summary>
public sealed class ChainingTests : IDisposable
{
    private const int PcOffset = 56;
    private const ulong Loop = 0x1000, Body = 0x1010, Done = 0x1020;

    private readonly FlatMemory _memory = new(0x1000, 0x1000);
    private readonly LlvmBackend _backend = LlvmBackendFixture.CreateBackend(
        new LlvmBackendOptions { OptimizationLevel = LlvmOptimizationLevel.O1 });

    public void Dispose() => _backend.Dispose();

    /// <summary>
    /// Loop: r0 += 1, r3 += the PC a helper sees. Body: r1 += r0, load [0x1800 or, when r0 == faultAt, 0x10];
    /// back to Loop while r0 &lt; limit. Done: a system call.
    /// </summary>
    private static IrBlock[] Program(ulong limit, ulong faultAt = ulong.MaxValue)
    {
        var seePc = new IrHelper("pc", IrType.I64, [], (context, _) => context.Pc);
        var loop = new IrBuilder(Loop);
        loop.BeginInstruction(Loop, 4);
        loop.SetReg(0, loop.Add(loop.GetReg(IrType.I64, 0), loop.Const64(1)));
        loop.BeginInstruction(Loop + 4, 4);
        loop.SetReg(24, loop.Add(loop.GetReg(IrType.I64, 24), loop.Call(seePc)));
        loop.ExitDirect(Body);

        var body = new IrBuilder(Body);
        body.BeginInstruction(Body, 4);
        var r0 = body.GetReg(IrType.I64, 0);
        body.SetReg(8, body.Add(body.GetReg(IrType.I64, 8), r0));
        body.BeginInstruction(Body + 4, 4);
        var address = body.Select(body.Cmp(Condition.Eq, r0, body.Const64(faultAt)), body.Const64(0x10), body.Const64(0x1800));
        body.SetReg(16, body.Add(body.GetReg(IrType.I64, 16), body.Load(IrType.I64, address, MemoryAccess.Size8)));
        body.BeginInstruction(Body + 8, 4);
        body.ExitCond(body.Cmp(Condition.LtU, r0, body.Const64(limit)), Loop, Done);

        var done = new IrBuilder(Done);
        done.BeginInstruction(Done, 4);
        done.ExitTrap(TrapKind.SystemCall, Done, Done + 4);
        return [loop.Block, body.Block, done.Block];
    }

    private sealed record Outcome(StopKind Stop, ulong Pc, long Retired, int Executions, byte[] State);

    /// <summary>A minimal engine: look the block up by PC, run it with a budget, follow its exit, stop at a trap or fault.</summary>
    private static Outcome Dispatch(IBackend backend, IrBlock[] program, IGuestMemory memory, int maxExecutions = 10_000)
    {
        var blocks = program.ToDictionary(block => block.GuestPc, backend.Compile);
        var context = new GuestContext(new GuestState(64), memory, PcOffset) { Pc = Loop };
        var executions = 0;
        while (executions++ < maxExecutions)
        {
            var exit = blocks[context.Pc].Execute(context, 1000);
            context.InstructionsRetired += exit.InstructionsRetired;
            context.Pc = exit.NextPc;
            if (exit.Kind != BlockExitKind.Jump)
                return new Outcome(exit.Kind == BlockExitKind.Trap ? StopKind.Trap : StopKind.MemoryFault, context.Pc, context.InstructionsRetired, executions, context.State.Bytes);
        }
        throw new InvalidOperationException("the program did not stop");
    }

    [Fact]
    public void ChainedLoopsMatchTheInterpreterInFarFewerExecutions()
    {
        _memory.Write(0x1800, 8, 3);
        var expected = Dispatch(new InterpreterBackend(), Program(300), _memory);
        var actual = Dispatch(_backend, Program(300), _memory);
        Assert.Equal((StopKind.Trap, Done + 4, 300 * 5L + 1), (expected.Stop, expected.Pc, expected.Retired));
        Assert.Equal((expected.Stop, expected.Pc, expected.Retired), (actual.Stop, actual.Pc, actual.Retired));
        Assert.Equal(expected.State[..PcOffset], actual.State[..PcOffset]);
        Assert.Equal(300 * Loop, BitConverter.ToUInt64(actual.State, 24));
        Assert.Equal(2 * 300 + 1, expected.Executions);
        Assert.InRange(actual.Executions, 4, 8);
    }

    [Fact]
    public void AFaultInsideAChainReportsItsOwnInstruction()
    {
        _memory.Write(0x1800, 8, 1);
        var expected = Dispatch(new InterpreterBackend(), Program(300, faultAt: 123), _memory);
        var actual = Dispatch(_backend, Program(300, faultAt: 123), _memory);
        Assert.Equal((StopKind.MemoryFault, Body + 4), (expected.Stop, expected.Pc));
        Assert.Equal((expected.Stop, expected.Pc, expected.Retired), (actual.Stop, actual.Pc, actual.Retired));
        Assert.Equal(expected.State[..PcOffset], actual.State[..PcOffset]);
    }

    [Fact]
    public void OneExecuteStopsChainingWhenTheBudgetIsSpent()
    {
        using var backend = LlvmBackendFixture.CreateBackend(new LlvmBackendOptions { OptimizationLevel = LlvmOptimizationLevel.O0 });
        var blocks = Program(1_000_000).Select(backend.Compile).ToArray();
        var context = new GuestContext(new GuestState(64), _memory, PcOffset);
        // Loop then Body links Loop's exit; Body then Loop links Body's, and this run chains.
        blocks[0].Execute(context);
        blocks[1].Execute(context);
        var exit = blocks[0].Execute(context, 20);
        Assert.Equal(BlockExit.Jump(Loop, 20), exit);
        Assert.Equal(5UL, context.State.Read64(0));
    }

    [Fact]
    public void WritingAChainedBlocksCodeCutsTheLinksIntoIt()
    {
        var blocks = Program(1_000_000).Select(_backend.Compile).ToArray();
        var context = new GuestContext(new GuestState(64), _memory, PcOffset);
        blocks[0].Execute(context);
        blocks[1].Execute(context);
        blocks[0].Execute(context);
        Assert.True(blocks[1].Execute(context, 1000).InstructionsRetired > 100);

        _memory.TrackCode(Body, Body + 12);
        _memory.Write(Body + 4, 4, 0);
        // Loop no longer chains into Body, so one Execute of Loop runs Loop alone.
        Assert.Equal(BlockExit.Jump(Body, 2), blocks[0].Execute(context, 1000));
    }

    [Fact]
    public void ADispatchFlagStopsTheChainAtTheNextBlock()
    {
        var blocks = Program(1_000_000).Select(_backend.Compile).ToArray();
        var context = new GuestContext(new GuestState(64), _memory, PcOffset);
        blocks[0].Execute(context);
        blocks[1].Execute(context);
        blocks[0].Execute(context);
        context.ExitRequested = true;
        Assert.Equal(BlockExit.Jump(Body, 2), blocks[0].Execute(context, 1000));
        context.ExitRequested = false;
        Assert.Equal(1000, blocks[0].Execute(context, 1000).InstructionsRetired);
    }
}
