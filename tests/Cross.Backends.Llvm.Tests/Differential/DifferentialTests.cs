using Cross.Backends.Llvm.Tests.DirectMemory;
using Cross.Core.Engine;
using Cross.Core.Memory;

namespace Cross.Backends.Llvm.Tests.Differential;

/// <summary>
/// Thousands of random blocks, each run on the interpreter and on LLVM from identical state:
/// exits, guest state and memory must agree exactly. The seed is in every failure message;
/// set CROSS_LLVM_SEED to replay it.
/// </summary>
public class DifferentialTests
{
    private sealed class FlatSide(MemoryWindow window) : IDifferentialMemory
    {
        private readonly FlatMemory _memory = new(window.Base, (int)window.Size);
        public IGuestMemory Memory => _memory;
        public Span<byte> Bytes => _memory.Bytes;
        public byte[] Extra => [];
        public void Dispose() { }
    }

    /// <summary>Eight pages: unmapped, read-only, read-write, translated code, executable, read-write, read-only, read-write.</summary>
    private sealed class DirectSide : IDifferentialMemory
    {
        private readonly TestDirectMemory _memory = new(8);

        public DirectSide()
        {
            _memory.SetPermissions(0, DirectPagePermissions.None);
            _memory.SetPermissions(1, DirectPagePermissions.Read);
            _memory.SetPermissions(3, DirectPagePermissions.Read | DirectPagePermissions.Write | DirectPagePermissions.TranslatedCode);
            _memory.SetPermissions(4, DirectPagePermissions.Read | DirectPagePermissions.Write | DirectPagePermissions.Execute);
            _memory.SetPermissions(6, DirectPagePermissions.Read);
        }

        public IGuestMemory Memory => _memory;
        public Span<byte> Bytes => _memory.Bytes;
        public byte[] Extra => _memory.GuardsIntact ? _memory.PagePermissionBytes.ToArray() : throw new InvalidOperationException("a guard zone was overwritten");
        public void Dispose() => _memory.Dispose();
    }

    [Theory]
    [InlineData(LlvmOptimizationLevel.O2, 1, 1500)]
    [InlineData(LlvmOptimizationLevel.O0, 2, 1500)]
    public void RandomBlocksOnFlatMemoryMatchTheInterpreter(LlvmOptimizationLevel level, int seed, int blocks)
    {
        using var backend = LlvmBackendFixture.CreateBackend(new LlvmBackendOptions { OptimizationLevel = level });
        var window = new MemoryWindow(0x10000, 0x2000);
        new DifferentialRunner(backend, window, () => new FlatSide(window)).Run(DifferentialRunner.Seed(seed), blocks);
    }

    [Theory]
    [InlineData(LlvmOptimizationLevel.O2, 3, 1500)]
    [InlineData(LlvmOptimizationLevel.O1, 4, 1000)]
    public void RandomBlocksOnDirectMemoryMatchTheInterpreter(LlvmOptimizationLevel level, int seed, int blocks)
    {
        // Chaining on (the default): direct exits carry their slot code (blocks here never link: each runs once).
        using var backend = LlvmBackendFixture.CreateBackend(new LlvmBackendOptions { OptimizationLevel = level });
        // Pages 2..5 are writable (3 holds translated code, so its first write takes the slow path).
        var window = new MemoryWindow(0, 8 << 12, 2 << 12, 4 << 12);
        new DifferentialRunner(backend, window, () => new DirectSide()).Run(DifferentialRunner.Seed(seed), blocks);
    }

    /// <summary>Eight read-write pages, none holding code: region code stays on its fast path except across pages.</summary>
    private sealed class WritableSide : IDifferentialMemory
    {
        private readonly TestDirectMemory _memory = new(8);

        public WritableSide()
        {
            for (var page = 0; page < 8; page++) _memory.SetPermissions(page, DirectPagePermissions.Read | DirectPagePermissions.Write);
        }

        public IGuestMemory Memory => _memory;
        public Span<byte> Bytes => _memory.Bytes;
        public byte[] Extra => _memory.GuardsIntact ? _memory.PagePermissionBytes.ToArray() : throw new InvalidOperationException("a guard zone was overwritten");
        public void Dispose() => _memory.Dispose();
    }

    [Theory]
    [InlineData(CompileEffort.Quick, 5, 1000)]
    [InlineData(CompileEffort.Full, 6, 1000)]
    public void RandomRegionsOnDirectMemoryMatchTheInterpreter(CompileEffort effort, int seed, int blocks)
    {
        using var backend = LlvmBackendFixture.CreateBackend(new LlvmBackendOptions());
        var window = new MemoryWindow(0, 8 << 12, 0, 8 << 12);
        var fallbacks = new DifferentialRunner(backend, window, () => new WritableSide()) { RegionEffort = effort }.Run(DifferentialRunner.Seed(seed), blocks);
        // Only accesses outside the window, across pages, or misaligned atomics leave region code here
        // (the generator aims about a third of its blocks at those).
        Assert.InRange(fallbacks, 0, blocks / 2);
    }
}
