using Cross.Core.Engine;
using Cross.Core.FloatingPoint;
using Cross.Core.Ir;

namespace Cross.Backends.Llvm.Tests.Differential;

/// <summary>
/// Where generated blocks find guest memory: addresses [Base, Base+Size) exist, and
/// [SafeBase, SafeBase+SafeSize) (at least 32 bytes) can be read and written.
/// </summary>
public sealed record MemoryWindow(ulong Base, ulong Size, ulong SafeBase, ulong SafeSize)
{
    public MemoryWindow(ulong @base, ulong size) : this(@base, size, @base, size) { }
}

/// <summary>
/// Builds random, verifier-valid IR blocks that use every opcode and type: integer operations
/// on edge values, i128 and v128, loads, stores and atomics (in range, out of range,
/// misaligned), soft-float with every rounding mode (and invalid ones), helper calls that may
/// trap or fault, and every kind of exit. Deterministic for a given <see cref="Random"/>.
/// </summary>
public sealed class RandomBlockGenerator
{
    public const int StateSize = 512;
    /// <summary>Registers live in [0, RegisterBytes); generated code writes nowhere else except flags.</summary>
    public const int RegisterBytes = 256;
    public const int FlagsOffset = 256;
    public const int PcOffset = 504;

    private static readonly IrType[] Integers = [IrType.I1, IrType.I8, IrType.I16, IrType.I32, IrType.I64, IrType.I128];
    private static readonly IrType[] AllTypes = [IrType.I1, IrType.I8, IrType.I16, IrType.I32, IrType.I64, IrType.I128, IrType.F32, IrType.F64, IrType.V128];
    private static readonly IrType[] NarrowTypes = [IrType.I1, IrType.I8, IrType.I16, IrType.I32, IrType.I64, IrType.F32, IrType.F64];
    private static readonly Opcode[] BinaryOps =
    [
        Opcode.Add, Opcode.Sub, Opcode.Mul, Opcode.MulHighS, Opcode.MulHighU, Opcode.MulHighSU,
        Opcode.DivS, Opcode.DivU, Opcode.RemS, Opcode.RemU, Opcode.And, Opcode.Or, Opcode.Xor,
        Opcode.Shl, Opcode.ShrU, Opcode.ShrS, Opcode.RotL, Opcode.RotR,
    ];
    private static readonly Opcode[] UnaryOps = [Opcode.Not, Opcode.Neg, Opcode.Clz, Opcode.Ctz, Opcode.Popcount, Opcode.ByteSwap];

    private static readonly uint[] F32Edges =
    [
        0x0000_0000, 0x8000_0000, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0000, 0x7FA0_0000, 0x7F80_0001,
        0x0000_0001, 0x8000_0001, 0x007F_FFFF, 0x0080_0000, 0x7F7F_FFFF, 0xFF7F_FFFF, 0x3F80_0000, 0xBF80_0000,
        0x3EAA_AAAB, 0x3F00_0000, 0x3FC0_0000, 0x4020_0000, 0x4F00_0000, 0xCF00_0000, 0x5F00_0000, 0xDF00_0000,
        0x4F80_0000, 0x5F80_0000, 0x4B00_0001, 0x3F7F_FFFF, 0x0040_0000,
    ];
    private static readonly ulong[] F64Edges =
    [
        0x0000_0000_0000_0000, 0x8000_0000_0000_0000, 0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000,
        0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000, 0x7FF4_0000_0000_0000, 0x7FF0_0000_0000_0001,
        0x0000_0000_0000_0001, 0x8000_0000_0000_0001, 0x000F_FFFF_FFFF_FFFF, 0x0010_0000_0000_0000,
        0x7FEF_FFFF_FFFF_FFFF, 0x3FF0_0000_0000_0000, 0xBFF0_0000_0000_0000, 0x3FD5_5555_5555_5555,
        0x3FE0_0000_0000_0000, 0x3FF8_0000_0000_0000, 0x4004_0000_0000_0000, 0x41E0_0000_0000_0000,
        0xC1E0_0000_0000_0000, 0x43E0_0000_0000_0000, 0xC3E0_0000_0000_0000, 0x41F0_0000_0000_0000,
        0x43F0_0000_0000_0000, 0x4330_0000_0000_0001, 0x3FEF_FFFF_FFFF_FFFF, 0x36A0_0000_0000_0000,
        0x47EF_FFFF_E000_0000, 0x47EF_FFFF_F000_0000,
    ];

    private readonly Random _random;
    private readonly MemoryWindow _window;
    private readonly IReadOnlyList<IrHelper> _helpers;
    private readonly Dictionary<IrType, List<Value>> _pool = new();
    private IrBuilder _builder = null!;
    private ulong _pc;
    /// <summary>A clean block only makes accesses that succeed, so it runs to its exit.</summary>
    private bool _clean;

    public RandomBlockGenerator(Random random, MemoryWindow window, IReadOnlyList<IrHelper> helpers)
    {
        _random = random;
        _window = window;
        _helpers = helpers;
    }

    public IrBlock Generate(int maxInstructions = 40)
    {
        _pool.Clear();
        _pc = 0x4000_0000UL + (ulong)_random.Next(0, 0x1000) * 4;
        _builder = new IrBuilder(_pc);
        _clean = Chance(40);
        NextGuestInstruction();
        var count = _random.Next(1, maxInstructions + 1);
        for (var i = 0; i < count; i++)
        {
            if (_random.Next(4) == 0) NextGuestInstruction();
            EmitRandom();
        }
        EmitExit();
        IrVerifier.Verify(_builder.Block);
        return _builder.Block;
    }

    private void NextGuestInstruction()
    {
        _builder.BeginInstruction(_pc, 4);
        _pc += 4;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(int percent) => _random.Next(100) < percent;

    private Value Define(Value value)
    {
        var type = _builder.TypeOf(value);
        if (type == IrType.Void) return value;
        if (!_pool.TryGetValue(type, out var list)) _pool[type] = list = new();
        list.Add(value);
        return value;
    }

    /// <summary>An existing value of this type, a fresh edge constant, or a register read.</summary>
    private Value Any(IrType type)
    {
        if (_pool.TryGetValue(type, out var list) && list.Count > 0 && Chance(65)) return Pick(list);
        return Chance(55) ? Define(Constant(type)) : Define(_builder.GetReg(type, RegisterOffset(type)));
    }

    private int RegisterOffset(IrType type)
    {
        var bytes = Math.Max(type.Bytes(), 1);
        var offset = _random.Next(0, RegisterBytes - bytes + 1);
        return Chance(70) ? offset & ~(bytes - 1) : offset;
    }

    private Value Constant(IrType type)
    {
        switch (type)
        {
            case IrType.F32:
                return _builder.Bitcast(IrType.F32, _builder.Const32(Chance(75) ? Pick(F32Edges) : (uint)_random.NextInt64()));
            case IrType.F64:
                return _builder.Bitcast(IrType.F64, _builder.Const64(Chance(75) ? Pick(F64Edges) : (ulong)_random.NextInt64()));
            case IrType.I128 or IrType.V128:
                return _builder.Const(type, EdgeInteger(64), EdgeInteger(64));
            default:
                return _builder.Const(type, EdgeInteger(type.Bits()));
        }
    }

    private ulong EdgeInteger(int bits)
    {
        var mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        var min = 1UL << (bits - 1);
        ulong value = _random.Next(14) switch
        {
            0 => 0,
            1 => 1,
            2 => mask,
            3 => min,
            4 => min - 1,
            5 => min + 1,
            6 => mask - 1,
            7 => (ulong)_random.Next(0, 70),
            8 => 0x80,
            9 => 0xFF,
            10 => 0x8000_0000,
            11 => 0xFFFF_FFFF,
            _ => (ulong)_random.NextInt64() ^ ((ulong)_random.NextInt64() << 32),
        };
        return value & mask;
    }

    private void EmitRandom()
    {
        switch (_random.Next(100))
        {
            case < 18: IntegerBinary(); break;
            case < 23: IntegerUnary(); break;
            case < 30: Conversion(); break;
            case < 35: Compare(); break;
            case < 39: Select(); break;
            case < 44: Carry(); break;
            case < 58: Memory(); break;
            case < 76: FloatingPoint(); break;
            case < 81: Vector(); break;
            case < 91: SetRegister(); break;
            case < 97: Call(); break;
            case < 99: _builder.Fence((FenceKind)_random.Next(4)); break;
            default: _builder.Emit(new Instruction(Opcode.Nop, IrType.Void)); break;
        }
    }

    private void IntegerBinary()
    {
        var type = Pick(Integers);
        var op = Pick(BinaryOps);
        // IrEval defines no high multiply on i128 (the interpreter throws).
        if (type == IrType.I128 && op is Opcode.MulHighS or Opcode.MulHighU or Opcode.MulHighSU) op = Opcode.Mul;
        var a = Any(type);
        var b = op is Opcode.Shl or Opcode.ShrU or Opcode.ShrS or Opcode.RotL or Opcode.RotR && Chance(50)
            ? Define(_builder.Const(type, (ulong)_random.Next(0, type.Bits() * 2 + 2)))
            : Any(type);
        Define(Emit(new Instruction(op, type) { A = a, B = b }));
    }

    private void Compare()
    {
        var type = Pick(Integers);
        Define(_builder.Cmp((Condition)_random.Next(10), Any(type), Any(type)));
    }

    private void IntegerUnary()
    {
        var type = Pick(Integers);
        Define(Emit(new Instruction(Pick(UnaryOps), type) { A = Any(type) }));
    }

    private Value Emit(Instruction instruction)
    {
        _builder.Emit(instruction);
        return new Value(_builder.Block.Instructions.Count - 1);
    }

    private void Conversion()
    {
        switch (_random.Next(4))
        {
            case 0 or 1:
            {
                var from = _random.Next(Integers.Length - 1);
                var to = _random.Next(from + 1, Integers.Length);
                var value = Any(Integers[from]);
                Define(_random.Next(2) == 0 ? _builder.ZeroExtend(Integers[to], value) : _builder.SignExtend(Integers[to], value));
                break;
            }
            case 2:
            {
                var to = _random.Next(Integers.Length - 1);
                var from = _random.Next(to + 1, Integers.Length);
                Define(_builder.Truncate(Integers[to], Any(Integers[from])));
                break;
            }
            default:
            {
                var (from, to) = Pick(new[] { (IrType.I32, IrType.F32), (IrType.F32, IrType.I32), (IrType.I64, IrType.F64), (IrType.F64, IrType.I64), (IrType.I128, IrType.V128), (IrType.V128, IrType.I128) });
                Define(_builder.Bitcast(to, Any(from)));
                break;
            }
        }
    }

    private void Select()
    {
        var type = Pick(AllTypes);
        Define(_builder.Select(Any(IrType.I1), Any(type), Any(type)));
    }

    private void Carry()
    {
        switch (_random.Next(3))
        {
            case 0:
            {
                // Not on i128/v128: the interpreter leaves the high slot of that result unwritten.
                var type = Pick(NarrowTypes);
                Define(_builder.AddWithCarry(Any(type), Any(type), Any(IrType.I1)));
                break;
            }
            default:
            {
                var type = Pick(Integers);
                Value? carry = Chance(50) ? Any(IrType.I1) : null;
                var a = Any(type);
                var b = Any(type);
                Define(_random.Next(2) == 0 ? _builder.CarryOut(a, b, carry) : _builder.OverflowOut(a, b, carry));
                break;
            }
        }
    }

    // ---- Memory ---------------------------------------------------------------------------

    private Value Address(int size)
    {
        var roll = _clean ? 0 : _random.Next(100);
        switch (roll)
        {
            case < 80:
            {
                var offset = (ulong)_random.NextInt64(0, (long)_window.SafeSize - 16);
                if (Chance(50)) offset &= ~(ulong)(size - 1);
                return Define(_builder.Const64(_window.SafeBase + offset));
            }
            case < 85:
            {
                // Computed from guest state, masked into the safe window.
                var masked = _builder.And(Any(IrType.I64), _builder.Const64(Math.Min(_window.SafeSize, 0x1000) - 32));
                return Define(_builder.Add(_builder.Const64(_window.SafeBase), masked));
            }
            case < 90:
            {
                // Anywhere in the window, or straddling one of its page boundaries.
                var offset = (ulong)_random.NextInt64(0, (long)_window.Size - 16);
                if (Chance(50)) offset = ((offset >> 12) << 12) + 0x1000 - (ulong)_random.Next(1, 16);
                return Define(_builder.Const64(_window.Base + Math.Min(offset, _window.Size - 1)));
            }
            case < 93: return Define(_builder.Const64(_window.Base - (ulong)_random.Next(1, 9)));
            case < 96: return Define(_builder.Const64(_window.Base + _window.Size - (ulong)_random.Next(0, size + 8)));
            case < 98: return Define(_builder.Const64(Chance(50) ? ulong.MaxValue - (ulong)_random.Next(0, 16) : 0));
            default: return Any(IrType.I64);
        }
    }

    private MemoryAccess Flags(MemoryAccess size)
    {
        var access = size;
        if (Chance(40)) access |= MemoryAccess.Signed;
        if (Chance(20)) access |= MemoryAccess.Aligned;
        if (Chance(10)) access |= MemoryAccess.Acquire;
        if (Chance(10)) access |= MemoryAccess.Release;
        return access;
    }

    private static MemoryAccess SizeFlag(int bytes) => MemoryAccessExtensions.ForSize(bytes);

    private int SizeUpTo(int bytes)
    {
        var sizes = new[] { 1, 2, 4, 8, 16 }.Where(s => s <= bytes).ToArray();
        return Pick(sizes);
    }

    private void Memory()
    {
        switch (_random.Next(10))
        {
            case < 4:
            {
                var type = Pick(AllTypes);
                // A narrower load into i128/v128 leaves the interpreter's high slot unwritten.
                var size = type.IsWide() ? 16 : SizeUpTo(type.Bytes());
                Define(_builder.Load(type, Address(size), Flags(SizeFlag(size))));
                break;
            }
            case < 7:
            {
                var type = Pick(AllTypes);
                var size = SizeUpTo(type.Bytes());
                _builder.Store(Address(size), Any(type), Flags(SizeFlag(size)));
                break;
            }
            case < 9:
            {
                var type = Pick(new[] { IrType.I1, IrType.I8, IrType.I16, IrType.I32, IrType.I64, IrType.I64 });
                var size = Pick(new[] { 1, 2, 4, 8 });
                var access = Flags(SizeFlag(size)) | MemoryAccess.Aligned;
                if (Chance(25)) access &= ~MemoryAccess.Aligned;
                Define(Emit(new Instruction(Opcode.AtomicRmw, type) { A = Address(size), B = Any(type), Aux = (int)access, Aux2 = _random.Next(9) }));
                break;
            }
            default:
            {
                var type = Pick(new[] { IrType.I8, IrType.I16, IrType.I32, IrType.I64, IrType.I64 });
                var size = Pick(new[] { 1, 2, 4, 8 });
                var access = Flags(SizeFlag(size)) | MemoryAccess.Aligned;
                if (Chance(25)) access &= ~MemoryAccess.Aligned;
                var address = Address(size);
                var expected = Any(type);
                Define(Emit(new Instruction(Opcode.AtomicCmpXchg, type) { A = address, B = expected, C = Chance(50) ? expected : Any(type), Aux = (int)access }));
                break;
            }
        }
    }

    // ---- Floating point -------------------------------------------------------------------

    private Value Rounding()
    {
        return _random.Next(100) switch
        {
            < 85 => Define(_builder.Const(IrType.I8, (ulong)_random.Next(0, 5))),
            < 91 => Define(_builder.And(_builder.GetReg(IrType.I8, RegisterOffset(IrType.I8)), _builder.Const(IrType.I8, 3))),
            < 95 => Define(_builder.And(_builder.GetReg(IrType.I8, RegisterOffset(IrType.I8)), _builder.Const(IrType.I8, 7))),
            < 98 => Define(_builder.Const(IrType.I8, (ulong)_random.Next(5, 256))),
            _ => Any(IrType.I8),
        };
    }

    private int FlagsTarget() => Chance(80) ? FlagsOffset + _random.Next(0, 8) : -1;

    private FpMode Mode() => new((NanPolicy)_random.Next(4), Chance(20), Chance(20), Chance(30));

    private void FloatingPoint()
    {
        var type = Chance(50) ? IrType.F32 : IrType.F64;
        var other = type == IrType.F32 ? IrType.F64 : IrType.F32;
        switch (_random.Next(12))
        {
            case 0: Define(_builder.FAdd(Any(type), Any(type), Rounding(), FlagsTarget(), Mode())); break;
            case 1: Define(_builder.FSub(Any(type), Any(type), Rounding(), FlagsTarget(), Mode())); break;
            case 2: Define(_builder.FMul(Any(type), Any(type), Rounding(), FlagsTarget(), Mode())); break;
            case 3: Define(_builder.FDiv(Any(type), Any(type), Rounding(), FlagsTarget(), Mode())); break;
            case 4: Define(_builder.FSqrt(Any(type), Rounding(), FlagsTarget(), Mode())); break;
            case 5: Define(_builder.FMulAdd(Any(type), Any(type), Any(type), Rounding(), FlagsTarget(), Mode())); break;
            case 6: Define(_builder.FMinMax((FpMinMaxKind)_random.Next(8), Any(type), Any(type), FlagsTarget(), Mode())); break;
            case 7: Define(_builder.FCmp((FpCompare)_random.Next(7), Any(type), Any(type), FlagsTarget())); break;
            case 8: Define(_builder.FConvert(other, Any(type), Rounding(), FlagsTarget(), Mode())); break;
            case 9:
                Define(_builder.FToInt(Chance(50) ? IrType.I32 : IrType.I64, Chance(50), (IntOverflow)_random.Next(3), Any(type), Rounding(), FlagsTarget(), Mode()));
                break;
            case 10:
                Define(_builder.IntToF(type, Chance(50), Any(Chance(50) ? IrType.I32 : IrType.I64), Rounding(), FlagsTarget(), Mode()));
                break;
            default: Define(_builder.FRound(Any(type), Rounding(), Chance(50), FlagsTarget(), Mode())); break;
        }
    }

    // ---- Vectors, registers, helpers --------------------------------------------------------

    private static readonly Opcode[] VectorBinaryOps =
    [
        Opcode.VAdd, Opcode.VSub, Opcode.VMul, Opcode.VAddSatS, Opcode.VAddSatU, Opcode.VSubSatS, Opcode.VSubSatU,
        Opcode.VMinS, Opcode.VMinU, Opcode.VMaxS, Opcode.VMaxU, Opcode.VShlVarU, Opcode.VShlVarS,
    ];
    private static readonly Opcode[] VectorUnaryOps = [Opcode.VNeg, Opcode.VAbs, Opcode.VPopcount, Opcode.VClz];
    private static readonly Opcode[] VectorNarrowOps = [Opcode.VNarrow, Opcode.VNarrowSatS, Opcode.VNarrowSatU, Opcode.VNarrowSatSU];

    private void Vector()
    {
        if (Chance(60)) LaneOperation();
        else LaneAccess();
    }

    /// <summary>One of the lane-wise v128 operations at a random lane width.</summary>
    private void LaneOperation()
    {
        var laneBits = 8 << _random.Next(4);
        var narrowBits = 8 << _random.Next(3);
        Value V() => Any(IrType.V128);
        var result = _random.Next(12) switch
        {
            < 3 => _builder.VBinary(Pick(VectorBinaryOps), laneBits, V(), V()),
            3 => _builder.VUnary(Pick(VectorUnaryOps), laneBits, V()),
            4 => _builder.VCmp((Condition)_random.Next(10), laneBits, V(), V()),
            5 => _builder.VShift(Pick(new[] { Opcode.VShl, Opcode.VShrU, Opcode.VShrS }), laneBits, V(), _random.Next(laneBits + 1)),
            6 => _builder.VDup(Any(VectorEval.LaneType(laneBits))),
            7 => _builder.VShuffle(V(), V(), Enumerable.Range(0, 16).Select(_ => (byte)_random.Next(32)).ToArray()),
            8 => _builder.VTableLookup(V(), V(), V()),
            9 => _builder.VWiden(Chance(50), narrowBits, V(), _random.Next(2)),
            10 => _builder.VNarrow(Pick(VectorNarrowOps), narrowBits, V()),
            _ => _builder.VReduce((VectorReduction)_random.Next(5), laneBits, V()),
        };
        Define(result);
    }

    private void LaneAccess()
    {
        var laneType = Pick(AllTypes);
        var lanes = 128 / laneType.Bits();
        var lane = _random.Next(lanes);
        if (Chance(50)) Define(_builder.VInsert(Any(IrType.V128), Any(laneType), lane));
        else if (!laneType.IsWide()) Define(_builder.VExtract(laneType, Any(IrType.V128), lane));
    }

    private void SetRegister()
    {
        var type = Pick(AllTypes);
        _builder.SetReg(RegisterOffset(type), Any(type));
    }

    private void Call()
    {
        var helper = Pick(_helpers);
        var arguments = helper.ParameterTypes.Select(Any).ToArray();
        Define(_builder.Call(helper, arguments));
    }

    private void EmitExit()
    {
        switch (_random.Next(10))
        {
            case < 3: _builder.ExitDirect((ulong)_random.NextInt64()); break;
            case < 6: _builder.ExitCond(Any(IrType.I1), (ulong)_random.NextInt64(), (ulong)_random.NextInt64()); break;
            case < 8: _builder.ExitIndirect(Any(IrType.I64)); break;
            default:
            {
                var pc = _builder.Block.GuestPcs[^1];
                Value? detail = Chance(50) ? Any(Pick(AllTypes)) : null;
                _builder.ExitTrap((TrapKind)_random.Next(4), pc, Chance(50) ? pc : pc + 4, detail);
                break;
            }
        }
    }

    /// <summary>
    /// Helpers for generated blocks: they read and write guest state and memory through the
    /// context (so compiled code must keep state in memory around calls), and some trap or fault.
    /// </summary>
    public static IReadOnlyList<IrHelper> Helpers(MemoryWindow window) =>
    [
        new IrHelper("mix", IrType.I64, [IrType.I64, IrType.I64], (_, args) =>
        {
            if ((args[0] ^ args[1]) % 41 == 5) throw new GuestTrapException(TrapKind.IllegalInstruction, args[0]);
            return (args[0] * 0x9E37_79B9_7F4A_7C15UL) ^ (args[1] >> 3);
        }),
        new IrHelper("state", IrType.I32, [IrType.I32], (context, args) =>
        {
            var read = context.State.Read64((int)(args[0] & 0xF8));
            context.State.Write64((int)((args[0] >> 8) & 0xF8), args[0] * 3);
            return read;
        }),
        new IrHelper("sink", IrType.Void, [IrType.I8, IrType.I1, IrType.I128, IrType.F64], (context, args) =>
        {
            context.State.Write64(240, args[0] + 3 * args[1] + 5 * args[2] + 7 * args[3]);
            if (args[1] == 1 && (args[0] & 15) == 0) throw new GuestTrapException(TrapKind.Breakpoint, args[2]);
            return 0;
        }),
        new IrHelper("flag", IrType.I1, [IrType.F32], (_, args) => args[0] & 0xFFFF),
        new IrHelper("peek", IrType.I64, [IrType.I64], (context, args) =>
            context.Memory.Read(window.Base + (args[0] % (window.Size + 64)), 8)),
        new IrHelper("pure", IrType.I16, [], (_, _) => 0xBEEF, isPure: true),
    ];
}
