using Cross.Backends.Interpreter;
using Cross.Backends.Llvm.Tests.DirectMemory;
using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Backends.Llvm.Tests;

/// <summary>
/// Regions: several blocks compiled as one function, entered at the first. Exits between members
/// are branches (a loop runs inside one Execute, within its budget); memory accesses off the
/// fast path leave through a fallback exit at their instruction; quick code reports when hot.
/// </summary>
public sealed class RegionTests : IClassFixture<LlvmBackendFixture>, IDisposable
{
    private const int PcOffset = 248;
    private const ulong Loop = 0x1000, Body = 0x1010, Done = 0x1020;
    private const ulong Data = 0x800;

    private readonly LlvmBackend _backend;
    private readonly TestDirectMemory _memory = new(4);

    public RegionTests(LlvmBackendFixture fixture) => _backend = fixture.Backend;

    public void Dispose()
    {
        Assert.True(_memory.GuardsIntact, "a guest access wrote outside the direct window");
        _memory.Dispose();
    }

    /// <summary>
    /// Loop: r0 += 1; mem[Data + 8 * (r0 &amp; 7)] = r0. Body: r1 += load(address r2); back to
    /// Loop while r0 &lt; limit, else Done (a system call).
    /// </summary>
    private static IrBlock[] Program(ulong limit)
    {
        var loop = new IrBuilder(Loop);
        loop.BeginInstruction(Loop, 4);
        var r0 = loop.Add(loop.GetReg(IrType.I64, 0), loop.Const64(1));
        loop.SetReg(0, r0);
        loop.BeginInstruction(Loop + 4, 4);
        var slot = loop.Add(loop.Const64(Data), loop.Shl(loop.And(r0, loop.Const64(7)), loop.Const64(3)));
        loop.Store(slot, r0, MemoryAccess.Size8);
        loop.ExitDirect(Body);

        var body = new IrBuilder(Body);
        body.BeginInstruction(Body, 4);
        var value = body.Load(IrType.I64, body.GetReg(IrType.I64, 16), MemoryAccess.Size8);
        body.SetReg(8, body.Add(body.GetReg(IrType.I64, 8), value));
        body.BeginInstruction(Body + 4, 4);
        body.ExitCond(body.Cmp(Condition.LtU, body.GetReg(IrType.I64, 0), body.Const64(limit)), Loop, Done);

        var done = new IrBuilder(Done);
        done.BeginInstruction(Done, 4);
        done.ExitTrap(TrapKind.SystemCall, Done, Done + 4);
        return [loop.Block, body.Block, done.Block];
    }

    private GuestContext NewContext(ulong r2 = Data)
    {
        var context = new GuestContext(new GuestState(256), _memory, PcOffset) { Pc = Loop };
        context.State.Write64(16, r2);
        return context;
    }

    [Fact]
    public void ALoopRunsInsideOneExecuteAndMatchesTheInterpreter()
    {
        var program = Program(500);
        var expected = NewContext();
        var interpreter = program.ToDictionary(b => b.GuestPc, new InterpreterBackend().Compile);
        BlockExit step;
        do
        {
            step = interpreter[expected.Pc].Execute(expected);
            expected.InstructionsRetired += step.InstructionsRetired;
            expected.Pc = step.NextPc;
        } while (step.Kind == BlockExitKind.Jump);
        var interpreterMemory = _memory.Bytes.ToArray();
        _memory.Bytes.Clear();

        var actual = NewContext();
        var slowBefore = _memory.SlowReads + _memory.SlowWrites;
        var exit = _backend.Compile(new CodeRegion(program), CompileEffort.Full).Execute(actual, 1_000_000);
        Assert.Equal(BlockExitKind.Trap, exit.Kind);
        Assert.Equal(Done + 4, exit.NextPc);
        Assert.Equal(expected.InstructionsRetired, exit.InstructionsRetired);
        Assert.Equal(500 * 4 + 1, exit.InstructionsRetired);
        Assert.Equal(expected.State.Bytes[..PcOffset], actual.State.Bytes[..PcOffset]);
        Assert.Equal(interpreterMemory, _memory.Bytes.ToArray());
        Assert.Equal(slowBefore, _memory.SlowReads + _memory.SlowWrites);
    }

    [Fact]
    public void TheBudgetStopsTheLoopAtItsBackwardEdge()
    {
        var context = NewContext();
        var exit = _backend.Compile(new CodeRegion(Program(500)), CompileEffort.Quick).Execute(context, 41);
        // Loop (2) and Body (2) alternate. Only the backward edge Body -> Loop checks the budget:
        // after 42 instructions the forward edge into Body still runs, and the run stops at Loop.
        Assert.Equal(BlockExit.Jump(Loop, 44), exit);
        Assert.Equal(11UL, context.State.Read64(0));
    }

    [Fact]
    public void AnAccessOffTheFastPathFallsBackAtItsInstruction()
    {
        // Data's page holds translated code: Loop's store must leave it to the first tier.
        _memory.SetPermissions(0, DirectPagePermissions.Read | DirectPagePermissions.Write | DirectPagePermissions.TranslatedCode);
        var context = NewContext();
        var exit = _backend.Compile(new CodeRegion(Program(500)), CompileEffort.Quick).Execute(context, 1000);
        Assert.Equal(BlockExit.Fallback(Loop + 4, 1), exit);
        Assert.Equal(1UL, context.State.Read64(0));
        Assert.Equal(0UL, _memory.Read(Data + 8, 8));
        Assert.Equal(0, _memory.SlowWrites);
    }

    [Fact]
    public void AFaultingLoadFallsBackWithEverythingBeforeItDone()
    {
        var context = NewContext(r2: 2 << 12);
        _memory.SetPermissions(2, DirectPagePermissions.None);
        var exit = _backend.Compile(new CodeRegion(Program(500)), CompileEffort.Full).Execute(context, 1000);
        Assert.Equal(BlockExit.Fallback(Body, 2), exit);
        Assert.Equal(1UL, _memory.Read(Data + 8, 8));
    }

    [Fact]
    public void BlockCodeNeverFallsBack()
    {
        _memory.SetPermissions(0, DirectPagePermissions.Read | DirectPagePermissions.Write | DirectPagePermissions.TranslatedCode);
        var context = NewContext();
        var exit = _backend.Compile(Program(500)[0]).Execute(context, 1000);
        Assert.Equal(BlockExit.Jump(Body, 2), exit);
        Assert.Equal(1, _memory.SlowWrites);
        Assert.Equal(1UL, _memory.Read(Data + 8, 8));
    }

    [Fact]
    public void QuickCodeReportsOnceWhenHot()
    {
        var region = new CodeRegion(Program(500)) { ReportHotAfter = 10 };
        var code = _backend.Compile(region, CompileEffort.Quick);
        var context = NewContext();
        // The entry counts once, then every back edge from Body to Loop.
        var exit = code.Execute(context, 1_000_000);
        Assert.Equal(new BlockExit(BlockExitKind.Hot, Loop, 9 * 4, Detail: Loop), exit);
        context.Pc = exit.NextPc;
        Assert.Equal(BlockExitKind.Trap, code.Execute(context, 1_000_000).Kind);
        Assert.Equal(500UL, context.State.Read64(0));
    }

    /// <summary>r1 = load(r2 + 0); r3 = r1 + 1; r4 = load(r2 + 8); store(r2 + 16, r4): one group off base r2.</summary>
    private static IrBlock GroupedAccesses()
    {
        var b = new IrBuilder(Loop);
        b.BeginInstruction(Loop, 4);
        var r2 = b.GetReg(IrType.I64, 16);
        b.SetReg(8, b.Load(IrType.I64, r2, MemoryAccess.Size8));
        b.BeginInstruction(Loop + 4, 4);
        b.SetReg(24, b.Add(b.GetReg(IrType.I64, 8), b.Const64(1)));
        b.BeginInstruction(Loop + 8, 4);
        var r4 = b.Load(IrType.I64, b.Add(r2, b.Const64(8)), MemoryAccess.Size8);
        b.SetReg(32, r4);
        b.BeginInstruction(Loop + 12, 4);
        b.Store(b.Add(r2, b.Const64(16)), r4, MemoryAccess.Size8);
        b.ExitDirect(Done);
        return b.Block;
    }

    [Fact]
    public void AccessesOffOneBaseAreCheckedTogether()
    {
        _memory.Write(Data, 8, 41);
        _memory.Write(Data + 8, 8, 7);
        var context = NewContext();
        var exit = _backend.Compile(new CodeRegion(GroupedAccesses()), CompileEffort.Quick).Execute(context, 0);
        Assert.Equal(BlockExit.Jump(Done, 4), exit);
        Assert.Equal((41UL, 42UL, 7UL), (context.State.Read64(8), context.State.Read64(24), context.State.Read64(32)));
        Assert.Equal(7UL, _memory.Read(Data + 16, 8));
    }

    [Fact]
    public void AGroupFallsBackAtItsFirstAccessWhenAnyWouldFail()
    {
        // The group spans the last 8 bytes of page 0 and the first 16 of page 1, which is read-only:
        // the store would fail, so the block falls back before its first load.
        _memory.SetPermissions(1, DirectPagePermissions.Read);
        var context = NewContext(r2: 0x1000 - 8);
        var exit = _backend.Compile(new CodeRegion(GroupedAccesses()), CompileEffort.Full).Execute(context, 0);
        Assert.Equal(BlockExit.Fallback(Loop, 0), exit);
        Assert.Equal(0UL, context.State.Read64(8));
    }
}
