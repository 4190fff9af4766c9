using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Backends.Llvm.Tests;

/// <summary>Creation, options, contexts, threads, disposal and exceptions that are not guest traps.</summary>
public class LlvmBackendLifecycleTests : IClassFixture<LlvmBackendFixture>
{
    private readonly LlvmBackend _backend;

    public LlvmBackendLifecycleTests(LlvmBackendFixture fixture) => _backend = fixture.Backend;

    private static IrBlock CountingBlock(ulong pc, ulong increment)
    {
        var b = new IrBuilder(pc);
        b.BeginInstruction(pc, 4);
        b.SetReg(0, b.Add(b.GetReg(IrType.I64, 0), b.Const64(increment)));
        b.ExitDirect(pc + 4);
        return b.Block;
    }

    private static GuestContext NewContext(int stateSize = 64) => new(new GuestState(stateSize), new FlatMemory(0x1000, 0x1000), 56);

    [Fact]
    public void TryCreateReportsLlvm19()
    {
        Assert.True(LlvmBackend.IsAvailable(out var reason), reason);
        Assert.True(LlvmBackend.TryCreate(out var backend, out reason), reason);
        using (backend)
        {
            Assert.Equal("llvm", backend.Name);
            Assert.Equal(19, backend.LlvmVersion.Major);
        }
    }

    [Theory]
    [InlineData(LlvmOptimizationLevel.O0)]
    [InlineData(LlvmOptimizationLevel.O1)]
    [InlineData(LlvmOptimizationLevel.O2)]
    public void EveryOptimizationLevelCompilesAndCounts(LlvmOptimizationLevel level)
    {
        using var backend = LlvmBackendFixture.CreateBackend(new LlvmBackendOptions { OptimizationLevel = level });
        var context = NewContext();
        var block = backend.Compile(CountingBlock(0x1000, 5));
        Assert.Equal(BlockExit.Jump(0x1004, 1), block.Execute(context));
        Assert.Equal(5UL, context.State.Read64(0));
        Assert.Equal(1, backend.BlocksCompiled);
        Assert.True(backend.CompileTime > TimeSpan.Zero);
    }

    [Fact]
    public void OneBlockRunsAgainstManyContexts()
    {
        var block = _backend.Compile(CountingBlock(0x1000, 3));
        var contexts = Enumerable.Range(0, 4).Select(_ => NewContext()).ToArray();
        for (var round = 0; round < 3; round++)
            foreach (var context in contexts) block.Execute(context);
        Assert.All(contexts, context => Assert.Equal(9UL, context.State.Read64(0)));
    }

    [Fact]
    public void CompilingAndRunningFromManyThreadsIsSafe()
    {
        var results = new ulong[8];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, thread =>
        {
            var context = NewContext();
            for (var i = 0; i < 10; i++)
                _backend.Compile(CountingBlock(0x10_0000 + (ulong)(thread * 64 + i) * 4, (ulong)thread + 1)).Execute(context);
            results[thread] = context.State.Read64(0);
        });
        Assert.Equal(Enumerable.Range(0, 8).Select(t => (ulong)(t + 1) * 10), results);
    }

    [Fact]
    public void HelperExceptionsThatAreNotGuestTrapsReachTheCaller()
    {
        var failing = new IrHelper("failing", IrType.I64, [IrType.I64], (_, args) => throw new InvalidDataException($"helper saw {args[0]}"));
        var b = new IrBuilder(0x1000);
        b.BeginInstruction(0x1000, 4);
        b.SetReg(0, b.Const64(11));
        b.SetReg(8, b.Call(failing, b.Const64(42)));
        b.ExitDirect(0);
        var context = NewContext();
        var error = Assert.Throws<InvalidDataException>(() => _backend.Compile(b.Block).Execute(context));
        Assert.Equal("helper saw 42", error.Message);
        Assert.Equal(11UL, context.State.Read64(0));
        // The frame is reusable afterwards.
        Assert.Equal(BlockExitKind.Jump, _backend.Compile(CountingBlock(0x2000, 1)).Execute(context).Kind);
    }

    [Fact]
    public void HelpersSeeAndChangeGuestStateBetweenGeneratedInstructions()
    {
        var swap = new IrHelper("swap", IrType.Void, [], (context, _) =>
        {
            var value = context.State.Read64(0);
            context.State.Write64(0, context.State.Read64(8));
            context.State.Write64(8, value);
            return 0;
        });
        var b = new IrBuilder(0x1000);
        b.BeginInstruction(0x1000, 4);
        b.SetReg(0, b.Const64(1));
        b.SetReg(8, b.Const64(2));
        b.Call(swap);
        b.SetReg(16, b.Sub(b.GetReg(IrType.I64, 0), b.GetReg(IrType.I64, 8)));
        b.ExitDirect(0);
        var context = NewContext();
        _backend.Compile(b.Block).Execute(context);
        Assert.Equal((2UL, 1UL, 1UL), (context.State.Read64(0), context.State.Read64(8), context.State.Read64(16)));
    }

    [Fact]
    public void AContextWithTooLittleStateIsRefused()
    {
        var b = new IrBuilder(0x1000);
        b.BeginInstruction(0x1000, 4);
        b.SetReg(120, b.Const64(1));
        b.ExitDirect(0);
        var block = _backend.Compile(b.Block);
        Assert.Throws<InvalidOperationException>(() => block.Execute(NewContext(64)));
    }

    [Fact]
    public void InvalidIrIsRejectedBeforeLowering()
    {
        var block = new IrBlock(0x1000);
        block.Instructions.Add(new Instruction(Opcode.Add, IrType.I64) { A = new Value(3), B = new Value(4) });
        Assert.Throws<IrVerificationException>(() => _backend.Compile(block));
    }

    [Fact]
    public void DisposedBackendsRefuseToRunOrCompile()
    {
        var backend = LlvmBackendFixture.CreateBackend(new LlvmBackendOptions { OptimizationLevel = LlvmOptimizationLevel.O0 });
        var block = backend.Compile(CountingBlock(0x1000, 1));
        backend.Dispose();
        backend.Dispose();
        Assert.Throws<ObjectDisposedException>(() => block.Execute(NewContext()));
        Assert.Throws<ObjectDisposedException>(() => backend.Compile(CountingBlock(0x2000, 1)));
    }

    [Fact]
    public void WideDivisionAndHighMultiplyUseTheirManagedHelpers()
    {
        var b = new IrBuilder(0x1000);
        b.BeginInstruction(0x1000, 4);
        var minimum = b.Const(IrType.I128, 0, 1UL << 63);
        var minusOne = b.Const(IrType.I128, ulong.MaxValue, ulong.MaxValue);
        b.SetReg(0, b.DivS(minimum, minusOne));
        b.SetReg(16, b.RemU(b.Const(IrType.I128, 7, 1), b.Const(IrType.I128, 0)));
        b.SetReg(32, b.DivU(b.Const(IrType.I128, 0, 10), b.Const(IrType.I128, 3)));
        b.SetReg(48, b.MulHighU(minusOne, minusOne));
        b.SetReg(64, b.MulHighS(minusOne, minusOne));
        b.SetReg(80, b.MulHighSU(minusOne, b.Const(IrType.I128, 2)));
        b.ExitDirect(0);
        var context = NewContext(128);
        _backend.Compile(b.Block).Execute(context);
        Assert.Equal(new UInt128(1UL << 63, 0), context.State.Read128(0));
        Assert.Equal(new UInt128(1, 7), context.State.Read128(16));
        Assert.Equal(((UInt128)10 << 64) / 3, context.State.Read128(32));
        Assert.Equal(UInt128.MaxValue - 1, context.State.Read128(48));
        Assert.Equal(UInt128.Zero, context.State.Read128(64));
        Assert.Equal(UInt128.MaxValue, context.State.Read128(80));
    }
}
