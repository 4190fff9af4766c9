using Cross.Core.Engine;
using Cross.Core.FloatingPoint;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Backends.Tests;

/// <summary>
/// What every backend must do with a block of IR, whatever it compiles to. One source file,
/// compiled into each backend's test project (linked from the LLVM tests), where a subclass
/// names the backend.
/// </summary>
public abstract class BackendContractTests
{
    private readonly FlatMemory _memory = new(0x1000, 0x1000);
    private readonly GuestContext _context;

    protected BackendContractTests() => _context = new GuestContext(new GuestState(256), _memory, 248);

    protected abstract IBackend Backend { get; }

    private BlockExit Run(IrBuilder builder)
    {
        IrVerifier.Verify(builder.Block);
        return Backend.Compile(builder.Block).Execute(_context);
    }

    private static IrBuilder Builder()
    {
        var builder = new IrBuilder(0x1000);
        builder.BeginInstruction(0x1000, 4);
        return builder;
    }

    [Fact]
    public void NarrowResultsStayZeroExtendedInTheirSlots()
    {
        var b = Builder();
        var x = b.Const32(0xFFFF_FFFF);
        var sum = b.Add(x, b.Const32(2));               // wraps to 1
        b.SetReg(0, b.ZeroExtend(IrType.I64, sum));
        b.SetReg(8, b.SignExtend(IrType.I64, x));
        b.SetReg(16, b.SignExtend(IrType.I64, b.Truncate(IrType.I8, b.Const64(0x180))));
        b.ExitDirect(0x2000);
        var exit = Run(b);
        Assert.Equal(BlockExit.Jump(0x2000, 1), exit);
        Assert.Equal(1UL, _context.State.Read64(0));
        Assert.Equal(ulong.MaxValue, _context.State.Read64(8));
        Assert.Equal(0xFFFF_FFFF_FFFF_FF80UL, _context.State.Read64(16));
    }

    [Fact]
    public void WideIntegersAndVectors()
    {
        var b = Builder();
        var big = b.Const(IrType.I128, ulong.MaxValue, 1);           // 2^65 - 1
        var product = b.Mul(big, b.ZeroExtend(IrType.I128, b.Const64(4)));
        b.SetReg(0, b.Truncate(IrType.I64, product));
        b.SetReg(8, b.Truncate(IrType.I64, b.ShrU(product, b.Const(IrType.I128, 64))));
        var vector = b.VInsert(b.Const(IrType.V128, 0), b.Const32(0xABCD), 3);
        b.SetReg(16, vector);
        b.SetReg(32, b.ZeroExtend(IrType.I64, b.VExtract(IrType.I16, vector, 6)));
        b.ExitDirect(0);
        Run(b);
        Assert.Equal(0xFFFF_FFFF_FFFF_FFFCUL, _context.State.Read64(0));
        Assert.Equal(7UL, _context.State.Read64(8));
        Assert.Equal((UInt128)0xABCD << 96, _context.State.Read128(16));
        Assert.Equal(0xABCDUL, _context.State.Read64(32));
    }

    [Fact]
    public void LoadsExtendAndStoresTruncate()
    {
        _memory.Write(0x1800, 8, 0x8070_6050_4030_20F0);
        var b = Builder();
        var address = b.Const64(0x1800);
        b.SetReg(0, b.Load(IrType.I64, address, MemoryAccess.Size1 | MemoryAccess.Signed));
        b.SetReg(8, b.Load(IrType.I64, address, MemoryAccess.Size1));
        b.SetReg(16, b.Load(IrType.I64, b.Const64(0x1804), MemoryAccess.Size4 | MemoryAccess.Signed));
        b.Store(b.Const64(0x1900), b.Const64(0x1122_3344_5566_7788), MemoryAccess.Size2);
        b.ExitDirect(0);
        Run(b);
        Assert.Equal(0xFFFF_FFFF_FFFF_FFF0UL, _context.State.Read64(0));
        Assert.Equal(0xF0UL, _context.State.Read64(8));
        Assert.Equal(0xFFFF_FFFF_8070_6050UL, _context.State.Read64(16));
        Assert.Equal(0x7788UL, _memory.Read(0x1900, 8));
    }

    [Fact]
    public void FaultingStoreReportsItsGuestInstruction()
    {
        var b = Builder();
        b.SetReg(0, b.Const64(1));
        b.BeginInstruction(0x1004, 4);
        b.Store(b.Const64(0x10), b.Const64(5), MemoryAccess.Size8);
        b.SetReg(0, b.Const64(2));
        b.ExitDirect(0);
        var exit = Run(b);
        Assert.Equal(BlockExitKind.MemoryFault, exit.Kind);
        Assert.Equal(0x1004UL, exit.NextPc);
        Assert.Equal(1, exit.InstructionsRetired);
        Assert.Equal(MemoryAccessType.Write, exit.Fault!.Access);
        Assert.Equal(1UL, _context.State.Read64(0));
    }

    [Fact]
    public void MisalignedAtomicFaults()
    {
        var b = Builder();
        b.AtomicRmw(AtomicOp.Add, IrType.I64, b.Const64(0x1804), b.Const64(1), MemoryAccess.Size8);
        b.ExitDirect(0);
        var exit = Run(b);
        Assert.Equal(MemoryFaultReason.Misaligned, exit.Fault!.Reason);
    }

    [Fact]
    public void AtomicsReturnTheOldValue()
    {
        _memory.Write(0x1800, 4, 0xFFFF_FFF0);
        var b = Builder();
        var address = b.Const64(0x1800);
        b.SetReg(0, b.AtomicRmw(AtomicOp.MaxS, IrType.I64, address, b.Const64(3), MemoryAccess.Size4 | MemoryAccess.Signed));
        b.SetReg(8, b.AtomicCmpXchg(IrType.I64, address, b.Const64(3), b.Const64(9), MemoryAccess.Size4));
        b.SetReg(16, b.AtomicCmpXchg(IrType.I64, address, b.Const64(3), b.Const64(11), MemoryAccess.Size4));
        b.ExitDirect(0);
        Run(b);
        Assert.Equal(0xFFFF_FFFF_FFFF_FFF0UL, _context.State.Read64(0));
        Assert.Equal(3UL, _context.State.Read64(8));
        Assert.Equal(9UL, _context.State.Read64(16));
        Assert.Equal(9UL, _memory.Read(0x1800, 4));
    }

    [Fact]
    public void FloatingPointRoundsByItsOperandAndAccruesFlags()
    {
        var b = Builder();
        var one = b.Bitcast(IrType.F64, b.Const64(BitConverter.DoubleToUInt64Bits(1.0)));
        var three = b.Bitcast(IrType.F64, b.Const64(BitConverter.DoubleToUInt64Bits(3.0)));
        var mode = new FpMode(NanPolicy.Canonical);
        var up = b.FDiv(one, three, b.Const(IrType.I8, (ulong)RoundingMode.Up), 200, mode);
        var down = b.FDiv(one, three, b.Const(IrType.I8, (ulong)RoundingMode.Down), 200, mode);
        b.SetReg(0, b.Bitcast(IrType.I64, up));
        b.SetReg(8, b.Bitcast(IrType.I64, down));
        var zero = b.Bitcast(IrType.F64, b.Const64(0));
        b.SetReg(16, b.Bitcast(IrType.I64, b.FDiv(zero, zero, b.Const(IrType.I8, 0), 201, mode)));
        b.SetReg(24, b.ZeroExtend(IrType.I64, b.FToInt(IrType.I32, true, IntOverflow.Saturate, b.Bitcast(IrType.F64, b.Const64(BitConverter.DoubleToUInt64Bits(-1e20))), b.Const(IrType.I8, 1), 202, mode)));
        b.ExitDirect(0);
        Run(b);
        var upBits = _context.State.Read64(0);
        var downBits = _context.State.Read64(8);
        Assert.Equal(downBits + 1, upBits);
        Assert.Equal(BitConverter.DoubleToUInt64Bits(1.0 / 3.0), downBits);
        Assert.Equal(SoftFloat.CanonicalNaN64, _context.State.Read64(16));
        Assert.Equal(0x8000_0000UL, _context.State.Read64(24));
        Assert.Equal((byte)FpExceptions.Inexact, _context.State.Bytes[200]);
        Assert.Equal((byte)FpExceptions.Invalid, _context.State.Bytes[201]);
        Assert.Equal((byte)FpExceptions.Invalid, _context.State.Bytes[202]);
    }

    [Fact]
    public void InvalidDynamicRoundingModeIsAGuestTrap()
    {
        var b = Builder();
        var one = b.Bitcast(IrType.F32, b.Const32(0x3F80_0000));
        b.FAdd(one, one, b.Const(IrType.I8, 6), -1, default);
        b.ExitDirect(0);
        var exit = Run(b);
        Assert.Equal(BlockExitKind.Trap, exit.Kind);
        Assert.Equal(TrapKind.IllegalInstruction, exit.Trap);
        Assert.Equal(0x1000UL, exit.TrapPc);
    }

    [Fact]
    public void HelpersReceiveArgumentsAndMayTrap()
    {
        var seen = new List<ulong>();
        var record = new IrHelper("record", IrType.I64, [IrType.I64, IrType.I64], (_, args) => { seen.AddRange(args.ToArray()); return args[0] + args[1]; });
        var refuse = new IrHelper("refuse", IrType.Void, [], (_, _) => throw new GuestTrapException(TrapKind.IllegalInstruction, 0x73));
        var b = Builder();
        b.SetReg(0, b.Call(record, b.Const64(2), b.Const64(40)));
        b.BeginInstruction(0x1004, 4);
        b.Call(refuse);
        b.ExitDirect(0);
        var exit = Run(b);
        Assert.Equal(new ulong[] { 2, 40 }, seen);
        Assert.Equal(42UL, _context.State.Read64(0));
        Assert.Equal(BlockExitKind.Trap, exit.Kind);
        Assert.Equal(0x1004UL, exit.TrapPc);
        Assert.Equal(0x73UL, exit.Detail);
        Assert.Equal(1, exit.InstructionsRetired);
    }

    [Fact]
    public void TrapExitsCountCompletedInstructions()
    {
        var b = Builder();
        b.ExitTrap(TrapKind.SystemCall, 0x1000, 0x1004);
        var exit = Run(b);
        Assert.Equal(new BlockExit(BlockExitKind.Trap, 0x1004, 1, TrapKind.SystemCall, 0x1000, 0), exit);

        var b2 = Builder();
        b2.ExitTrap(TrapKind.Breakpoint, 0x1000, 0x1000);
        Assert.Equal(0, Run(b2).InstructionsRetired);
    }
}
