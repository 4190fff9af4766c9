using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Backends.Llvm.Tests.DirectMemory;

/// <summary>
/// The inline direct-memory path: accesses the permission bytes allow go straight to host
/// memory (the slow-path counters stay at zero); everything else takes the slow path, which
/// faults precisely or reports code modification. Nothing outside the window is ever touched.
/// </summary>
public sealed class DirectMemoryTests : IClassFixture<LlvmBackendFixture>, IDisposable
{
    private const DirectPagePermissions ReadWrite = DirectPagePermissions.Read | DirectPagePermissions.Write;

    private readonly LlvmBackend _backend;
    private readonly TestDirectMemory _memory = new(6);
    private readonly GuestContext _context;

    /// <summary>
    /// Pages: 0 and 1 read-write, 2 read-only, 3 unmapped, 4 and 5 read-write. A permission byte
    /// speaks for its page and the next, so the pages tested for the fast path (0, 4) are each
    /// followed by one like them.
    /// </summary>
    public DirectMemoryTests(LlvmBackendFixture fixture)
    {
        _backend = fixture.Backend;
        _memory.SetPermissions(2, DirectPagePermissions.Read);
        _memory.SetPermissions(3, DirectPagePermissions.None);
        _context = new GuestContext(new GuestState(256), _memory, 248);
    }

    public void Dispose()
    {
        Assert.True(_memory.GuardsIntact, "a guest access wrote outside the direct window");
        _memory.Dispose();
    }

    private static IrBuilder Builder()
    {
        var builder = new IrBuilder(0x8000);
        builder.BeginInstruction(0x8000, 4);
        return builder;
    }

    private BlockExit Run(IrBuilder builder, LlvmBackend? backend = null) => (backend ?? _backend).Compile(builder.Block).Execute(_context);

    [Fact]
    public void InBoundsAccessesStayOnTheFastPath()
    {
        var b = Builder();
        b.Store(b.Const64(0x100), b.Const64(0x1122_3344_5566_7788), MemoryAccess.Size8);
        b.SetReg(0, b.Load(IrType.I64, b.Const64(0x104), MemoryAccess.Size4 | MemoryAccess.Signed));
        b.Store(b.Const64(0x4FF0), b.Const(IrType.V128, 0x0102_0304_0506_0708, 0x1112_1314_1516_1718), MemoryAccess.Size16);
        b.SetReg(16, b.Load(IrType.V128, b.Const64(0x4FF0), MemoryAccess.Size16));
        b.ExitDirect(0x8004);
        Assert.Equal(BlockExit.Jump(0x8004, 1), Run(b));
        Assert.Equal(0x1122_3344UL, _context.State.Read64(0));
        Assert.Equal(new UInt128(0x1112_1314_1516_1718, 0x0102_0304_0506_0708), _context.State.Read128(16));
        Assert.Equal(0x88, _memory.Bytes[0x100]);
        Assert.Equal((0, 0), (_memory.SlowReads, _memory.SlowWrites));
    }

    [Fact]
    public void TheLastPageOfTheWindowStaysOnTheFastPath()
    {
        // Page 5 pairs with no page, so its pair byte grants nothing; spans inside it use its own byte.
        var b = Builder();
        b.Store(b.Const64(0x5FF0), b.Const(IrType.V128, 0x0102_0304_0506_0708, 0x1112_1314_1516_1718), MemoryAccess.Size16);
        b.SetReg(16, b.Load(IrType.V128, b.Const64(0x5FF0), MemoryAccess.Size16));
        b.ExitDirect(0x8004);
        Assert.Equal(BlockExit.Jump(0x8004, 1), Run(b));
        Assert.Equal(new UInt128(0x1112_1314_1516_1718, 0x0102_0304_0506_0708), _context.State.Read128(16));
        Assert.Equal((0, 0), (_memory.SlowReads, _memory.SlowWrites));
    }

    [Fact]
    public void UnmappedPageFaultsThroughTheSlowPathAtTheRightInstruction()
    {
        var b = Builder();
        b.SetReg(0, b.Const64(1));
        b.BeginInstruction(0x8004, 4);
        b.SetReg(8, b.Load(IrType.I64, b.Const64(0x3008), MemoryAccess.Size8));
        b.SetReg(0, b.Const64(2));
        b.ExitDirect(0);
        var exit = Run(b);
        Assert.Equal(BlockExitKind.MemoryFault, exit.Kind);
        Assert.Equal(0x8004UL, exit.NextPc);
        Assert.Equal(1, exit.InstructionsRetired);
        Assert.Equal((0x3008UL, MemoryAccessType.Read, MemoryFaultReason.Unmapped), (exit.Fault!.Address, exit.Fault.Access, exit.Fault.Reason));
        Assert.Equal(1UL, _context.State.Read64(0));
        Assert.Equal(1, _memory.SlowReads);
    }

    [Fact]
    public void WriteToReadOnlyPageFaultsButReadsStayFast()
    {
        // Page 3 is unmapped, so page 2's pair byte refuses; the read stays fast on page 2's own byte.
        _memory.Bytes[0x2010] = 0x5A;
        var b = Builder();
        b.SetReg(0, b.Load(IrType.I8, b.Const64(0x2010), MemoryAccess.Size1));
        b.BeginInstruction(0x8004, 4);
        b.Store(b.Const64(0x2010), b.Const(IrType.I8, 0xFF), MemoryAccess.Size1);
        b.ExitDirect(0);
        var exit = Run(b);
        Assert.Equal(0x5AUL, _context.State.Read(0, 1));
        Assert.Equal(MemoryFaultReason.Permission, exit.Fault!.Reason);
        Assert.Equal(0x8004UL, exit.NextPc);
        Assert.Equal(0x5A, _memory.Bytes[0x2010]);
        Assert.Equal((0, 1), (_memory.SlowReads, _memory.SlowWrites));
    }

    [Fact]
    public void PageCrossingAccessesCheckBothPages()
    {
        for (var i = 0; i < 16; i++) _memory.Bytes[0x1FF8 + i] = (byte)(i + 1);
        var b = Builder();
        // Read-write page 1 into read-only page 2: readable on both, so it stays fast.
        b.SetReg(0, b.Load(IrType.I64, b.Const64(0x1FFC), MemoryAccess.Size8));
        b.SetReg(16, b.Load(IrType.I128, b.Const64(0x1FF8), MemoryAccess.Size16));
        b.ExitDirect(0);
        Run(b);
        Assert.Equal(0x0C0B_0A09_0807_0605UL, _context.State.Read64(0));
        Assert.Equal(0, _memory.SlowReads);

        // Writing across into the read-only page must not write even the writable half.
        var store = Builder();
        store.Store(store.Const64(0x1FFC), store.Const64(0), MemoryAccess.Size8);
        store.ExitDirect(0);
        Assert.Equal(MemoryFaultReason.Permission, Run(store).Fault!.Reason);
        Assert.Equal(5, _memory.Bytes[0x1FFC]);

        // Read-only page 2 into unmapped page 3.
        var unmapped = Builder();
        unmapped.SetReg(0, unmapped.Load(IrType.I32, unmapped.Const64(0x2FFE), MemoryAccess.Size4));
        unmapped.ExitDirect(0);
        Assert.Equal(MemoryFaultReason.Unmapped, Run(unmapped).Fault!.Reason);
        Assert.Equal((1, 1), (_memory.SlowReads, _memory.SlowWrites));
    }

    [Fact]
    public void WritesToTranslatedCodeTakeTheSlowPathAndReportTheChange()
    {
        var modified = new List<(ulong, ulong)>();
        _memory.CodeModified += (start, end) => modified.Add((start, end));
        _memory.TrackCode(0x4000, 0x4010);
        var b = Builder();
        b.Store(b.Const64(0x4100), b.Const32(0xDEAD_BEEF), MemoryAccess.Size4);
        b.Store(b.Const64(0x4104), b.Const32(0x1234_5678), MemoryAccess.Size4);
        b.ExitDirect(0);
        var compiled = _backend.Compile(b.Block);
        compiled.Execute(_context);
        // The first write hit tracked code (slow path, notification); tracking then ended, so the second went direct.
        Assert.Equal(new[] { (0x4000UL, 0x5000UL) }, modified);
        Assert.Equal(1, _memory.SlowWrites);
        Assert.Equal(0xDEAD_BEEFUL, _memory.Read(0x4100, 4));
        Assert.Equal(0x1234_5678UL, _memory.Read(0x4104, 4));

        _memory.TrackCode(0x4000, 0x4001);
        compiled.Execute(_context);
        Assert.Equal(2, modified.Count);
        Assert.Equal(2, _memory.SlowWrites);
    }

    [Theory]
    [InlineData(0x5FFCUL)]
    [InlineData(0x6000UL)]
    [InlineData(0xFFFF_FFFF_FFFF_FFFCUL)]
    [InlineData(0x8000_0000_0000_0000UL)]
    public void AddressesOutsideTheWindowFaultWithoutTouchingHostMemory(ulong address)
    {
        var b = Builder();
        b.Store(b.Const64(address), b.Const64(ulong.MaxValue), MemoryAccess.Size8);
        b.ExitDirect(0);
        var exit = Run(b);
        Assert.Equal((BlockExitKind.MemoryFault, MemoryFaultReason.Unmapped), (exit.Kind, exit.Fault!.Reason));

        var load = Builder();
        load.SetReg(0, load.Load(IrType.I128, load.Add(load.GetReg(IrType.I64, 8), load.Const64(address)), MemoryAccess.Size16));
        load.ExitDirect(0);
        Assert.Equal(BlockExitKind.MemoryFault, Run(load).Kind);
        Assert.True(_memory.GuardsIntact);
    }

    [Fact]
    public void AlignedAtomicsRunOnHostMemoryAndOthersTakeTheSlowPath()
    {
        _memory.Write(0x200, 8, 40);
        _memory.Write(0x301, 4, 7);
        _memory.ResetCounters();
        var b = Builder();
        b.SetReg(0, b.AtomicRmw(AtomicOp.Add, IrType.I64, b.Const64(0x200), b.Const64(2), MemoryAccess.Size8));
        b.SetReg(8, b.AtomicCmpXchg(IrType.I64, b.Const64(0x200), b.Const64(42), b.Const64(99), MemoryAccess.Size8));
        // Misaligned, and allowed to be (no Aligned flag): the memory emulates it.
        b.Emit(new Instruction(Opcode.AtomicRmw, IrType.I32) { A = b.Const64(0x301), B = b.Const32(5), Aux = (int)MemoryAccess.Size4, Aux2 = (int)AtomicOp.Xor });
        b.BeginInstruction(0x8004, 4);
        // Read-only page: the slow path faults.
        b.AtomicRmw(AtomicOp.Or, IrType.I64, b.Const64(0x2000), b.Const64(1), MemoryAccess.Size8);
        b.ExitDirect(0);
        var exit = Run(b);
        Assert.Equal(40UL, _context.State.Read64(0));
        Assert.Equal(42UL, _context.State.Read64(8));
        Assert.Equal(99UL, BitConverter.ToUInt64(_memory.Bytes.Slice(0x200, 8)));
        Assert.Equal(2UL, BitConverter.ToUInt32(_memory.Bytes.Slice(0x301, 4)));
        Assert.Equal((MemoryFaultReason.Permission, 0x8004UL), (exit.Fault!.Reason, exit.NextPc));
        Assert.Equal(2, _memory.SlowAtomics);
    }

    [Fact]
    public void PermissionChangesApplyToAlreadyCompiledCode()
    {
        var b = Builder();
        b.SetReg(0, b.Load(IrType.I64, b.Const64(0x4008), MemoryAccess.Size8));
        b.ExitDirect(0);
        var compiled = _backend.Compile(b.Block);
        Assert.Equal(BlockExitKind.Jump, compiled.Execute(_context).Kind);
        _memory.SetPermissions(4, DirectPagePermissions.None);
        Assert.Equal(BlockExitKind.MemoryFault, compiled.Execute(_context).Kind);
        _memory.SetPermissions(4, ReadWrite);
        Assert.Equal(BlockExitKind.Jump, compiled.Execute(_context).Kind);
        Assert.Equal(1, _memory.SlowReads);
    }

    [Fact]
    public void WithoutTheDirectPathEveryAccessIsASlowCall()
    {
        using var backend = LlvmBackendFixture.CreateBackend(new LlvmBackendOptions { DirectMemory = false, OptimizationLevel = LlvmOptimizationLevel.O0 });
        var b = Builder();
        b.Store(b.Const64(0x100), b.Const64(7), MemoryAccess.Size8);
        b.SetReg(0, b.Load(IrType.I64, b.Const64(0x100), MemoryAccess.Size8));
        b.ExitDirect(0);
        Run(b, backend);
        Assert.Equal(7UL, _context.State.Read64(0));
        Assert.Equal((1, 1), (_memory.SlowReads, _memory.SlowWrites));
    }
}
