using Cross.Core.FloatingPoint;

namespace Cross.Core.Ir;

/// <summary>
/// Builds an <see cref="IrBlock"/>. Frontends call <see cref="BeginInstruction"/> once per guest
/// instruction, then the value methods, and end the block with one of the exit methods.
/// </summary>
public sealed class IrBuilder
{
    private int _guestIndex = -1;

    public IrBlock Block { get; }

    public IrBuilder(ulong guestPc) => Block = new IrBlock(guestPc);

    public bool IsTerminated => Block.Instructions.Count > 0 && Block.Terminator.IsTerminator;

    public int GuestIndex => _guestIndex;

    public void BeginInstruction(ulong pc, int length)
    {
        Block.GuestPcs.Add(pc);
        _guestIndex = Block.GuestPcs.Count - 1;
        Block.GuestEnd = Math.Max(Block.GuestEnd, pc + (ulong)length);
    }

    public Instruction Emit(Instruction instruction)
    {
        if (IsTerminated) throw new InvalidOperationException("block already has an exit");
        instruction.GuestIndex = Math.Max(_guestIndex, 0);
        Block.Instructions.Add(instruction);
        return instruction;
    }

    private Value Add(Instruction instruction)
    {
        Emit(instruction);
        return new Value(Block.Instructions.Count - 1);
    }

    public IrType TypeOf(Value value) => Block[value].Type;

    // Constants and guest state.
    public Value Const(IrType type, ulong value, ulong high = 0) =>
        Add(new Instruction(Opcode.Const, type) { Imm = (long)(value & type.Mask()), Imm2 = (long)high });
    public Value Const64(ulong value) => Const(IrType.I64, value);
    public Value Const64(long value) => Const(IrType.I64, (ulong)value);
    public Value Const32(uint value) => Const(IrType.I32, value);
    public Value True() => Const(IrType.I1, 1);
    public Value False() => Const(IrType.I1, 0);

    public Value GetReg(IrType type, int offset) => Add(new Instruction(Opcode.GetReg, type) { Aux = offset });
    public void SetReg(int offset, Value value) =>
        Emit(new Instruction(Opcode.SetReg, IrType.Void) { Aux = offset, A = value, Aux2 = (int)TypeOf(value) });

    // Integer arithmetic.
    private Value Binary(Opcode op, Value a, Value b) => Add(new Instruction(op, TypeOf(a)) { A = a, B = b });
    private Value Unary(Opcode op, Value a) => Add(new Instruction(op, TypeOf(a)) { A = a });

    public Value Add(Value a, Value b) => Binary(Opcode.Add, a, b);
    public Value Sub(Value a, Value b) => Binary(Opcode.Sub, a, b);
    public Value Mul(Value a, Value b) => Binary(Opcode.Mul, a, b);
    public Value MulHighS(Value a, Value b) => Binary(Opcode.MulHighS, a, b);
    public Value MulHighU(Value a, Value b) => Binary(Opcode.MulHighU, a, b);
    public Value MulHighSU(Value a, Value b) => Binary(Opcode.MulHighSU, a, b);
    public Value DivS(Value a, Value b) => Binary(Opcode.DivS, a, b);
    public Value DivU(Value a, Value b) => Binary(Opcode.DivU, a, b);
    public Value RemS(Value a, Value b) => Binary(Opcode.RemS, a, b);
    public Value RemU(Value a, Value b) => Binary(Opcode.RemU, a, b);
    public Value And(Value a, Value b) => Binary(Opcode.And, a, b);
    public Value Or(Value a, Value b) => Binary(Opcode.Or, a, b);
    public Value Xor(Value a, Value b) => Binary(Opcode.Xor, a, b);
    public Value Not(Value a) => Unary(Opcode.Not, a);
    public Value Neg(Value a) => Unary(Opcode.Neg, a);
    public Value Shl(Value a, Value amount) => Binary(Opcode.Shl, a, amount);
    public Value ShrU(Value a, Value amount) => Binary(Opcode.ShrU, a, amount);
    public Value ShrS(Value a, Value amount) => Binary(Opcode.ShrS, a, amount);
    public Value RotL(Value a, Value amount) => Binary(Opcode.RotL, a, amount);
    public Value RotR(Value a, Value amount) => Binary(Opcode.RotR, a, amount);
    public Value Clz(Value a) => Unary(Opcode.Clz, a);
    public Value Ctz(Value a) => Unary(Opcode.Ctz, a);
    public Value Popcount(Value a) => Unary(Opcode.Popcount, a);
    public Value ByteSwap(Value a) => Unary(Opcode.ByteSwap, a);

    public Value ZeroExtend(IrType type, Value a) =>
        TypeOf(a) == type ? a : Add(new Instruction(Opcode.ZeroExtend, type) { A = a });
    public Value SignExtend(IrType type, Value a) =>
        TypeOf(a) == type ? a : Add(new Instruction(Opcode.SignExtend, type) { A = a });
    public Value Truncate(IrType type, Value a) =>
        TypeOf(a) == type ? a : Add(new Instruction(Opcode.Truncate, type) { A = a });
    public Value Bitcast(IrType type, Value a) =>
        TypeOf(a) == type ? a : Add(new Instruction(Opcode.Bitcast, type) { A = a });

    public Value Cmp(Condition condition, Value a, Value b) =>
        Add(new Instruction(Opcode.Cmp, IrType.I1) { A = a, B = b, Aux = (int)condition });
    public Value Select(Value condition, Value ifTrue, Value ifFalse) =>
        Add(new Instruction(Opcode.Select, TypeOf(ifTrue)) { A = condition, B = ifTrue, C = ifFalse });

    public Value AddWithCarry(Value a, Value b, Value carryIn) =>
        Add(new Instruction(Opcode.AddWithCarry, TypeOf(a)) { A = a, B = b, C = carryIn });
    public Value CarryOut(Value a, Value b, Value? carryIn = null) =>
        Add(new Instruction(Opcode.CarryOut, IrType.I1) { A = a, B = b, C = carryIn ?? Value.None });
    public Value OverflowOut(Value a, Value b, Value? carryIn = null) =>
        Add(new Instruction(Opcode.OverflowOut, IrType.I1) { A = a, B = b, C = carryIn ?? Value.None });

    // Memory.
    public Value Load(IrType type, Value address, MemoryAccess access) =>
        Add(new Instruction(Opcode.Load, type) { A = address, Aux = (int)access });
    public void Store(Value address, Value value, MemoryAccess access) =>
        Emit(new Instruction(Opcode.Store, IrType.Void) { A = address, B = value, Aux = (int)access });
    public Value AtomicRmw(AtomicOp op, IrType type, Value address, Value operand, MemoryAccess access) =>
        Add(new Instruction(Opcode.AtomicRmw, type) { A = address, B = operand, Aux = (int)(access | MemoryAccess.Aligned), Aux2 = (int)op });
    public Value AtomicCmpXchg(IrType type, Value address, Value expected, Value desired, MemoryAccess access) =>
        Add(new Instruction(Opcode.AtomicCmpXchg, type) { A = address, B = expected, C = desired, Aux = (int)(access | MemoryAccess.Aligned) });
    public void Fence(FenceKind kind) => Emit(new Instruction(Opcode.Fence, IrType.Void) { Aux = (int)kind });

    // Floating point.
    private Value Fp(Opcode op, IrType type, Value a, Value b, Value c, Value rounding, int flagsOffset, FpMode mode, long imm = 0) =>
        Add(new Instruction(op, type) { A = a, B = b, C = c, D = rounding, Aux = flagsOffset, Aux2 = mode.Pack(), Imm = imm });

    public Value FAdd(Value a, Value b, Value rounding, int flagsOffset, FpMode mode) => Fp(Opcode.FAdd, TypeOf(a), a, b, Value.None, rounding, flagsOffset, mode);
    public Value FSub(Value a, Value b, Value rounding, int flagsOffset, FpMode mode) => Fp(Opcode.FSub, TypeOf(a), a, b, Value.None, rounding, flagsOffset, mode);
    public Value FMul(Value a, Value b, Value rounding, int flagsOffset, FpMode mode) => Fp(Opcode.FMul, TypeOf(a), a, b, Value.None, rounding, flagsOffset, mode);
    public Value FDiv(Value a, Value b, Value rounding, int flagsOffset, FpMode mode) => Fp(Opcode.FDiv, TypeOf(a), a, b, Value.None, rounding, flagsOffset, mode);
    public Value FSqrt(Value a, Value rounding, int flagsOffset, FpMode mode) => Fp(Opcode.FSqrt, TypeOf(a), a, Value.None, Value.None, rounding, flagsOffset, mode);
    public Value FMulAdd(Value a, Value b, Value c, Value rounding, int flagsOffset, FpMode mode) => Fp(Opcode.FMulAdd, TypeOf(a), a, b, c, rounding, flagsOffset, mode);
    public Value FMinMax(FpMinMaxKind kind, Value a, Value b, int flagsOffset, FpMode mode) =>
        Fp(Opcode.FMinMax, TypeOf(a), a, b, Value.None, Value.None, flagsOffset, mode, (long)kind);
    public Value FCmp(FpCompare compare, Value a, Value b, int flagsOffset) =>
        Fp(Opcode.FCmp, IrType.I1, a, b, Value.None, Value.None, flagsOffset, default, (long)compare);
    public Value FConvert(IrType target, Value a, Value rounding, int flagsOffset, FpMode mode) =>
        Fp(Opcode.FConvert, target, a, Value.None, Value.None, rounding, flagsOffset, mode);
    public Value FToInt(IrType target, bool signed, IntOverflow overflow, Value a, Value rounding, int flagsOffset, FpMode mode) =>
        Fp(Opcode.FToInt, target, a, Value.None, Value.None, rounding, flagsOffset, mode, (signed ? 1L : 0L) | ((long)(byte)overflow << 4));
    public Value IntToF(IrType target, bool signed, Value a, Value rounding, int flagsOffset, FpMode mode) =>
        Fp(Opcode.IntToF, target, a, Value.None, Value.None, rounding, flagsOffset, mode, signed ? 1 : 0);
    public Value FRound(Value a, Value rounding, bool signalInexact, int flagsOffset, FpMode mode) =>
        Fp(Opcode.FRound, TypeOf(a), a, Value.None, Value.None, rounding, flagsOffset, mode, signalInexact ? 1 : 0);

    // Vectors.
    public Value VExtract(IrType laneType, Value vector, int lane) =>
        Add(new Instruction(Opcode.VExtract, laneType) { A = vector, Imm = lane });
    public Value VInsert(Value vector, Value laneValue, int lane) =>
        Add(new Instruction(Opcode.VInsert, IrType.V128) { A = vector, B = laneValue, Imm = lane });

    private Value Lanes(Opcode op, int laneBits, Value a, Value? b = null, Value? c = null, long imm = 0, int aux = 0) =>
        Add(new Instruction(op, IrType.V128) { A = a, B = b ?? Value.None, C = c ?? Value.None, Imm = imm, Aux = aux, Aux2 = laneBits });

    /// <summary>A lane-wise operation of two vectors: VAdd, VSub, VMul, the saturating forms, min/max, VShlVarU/S.</summary>
    public Value VBinary(Opcode op, int laneBits, Value a, Value b) => Lanes(op, laneBits, a, b);
    /// <summary>A lane-wise operation of one vector: VNeg, VAbs, VPopcount, VClz.</summary>
    public Value VUnary(Opcode op, int laneBits, Value a) => Lanes(op, laneBits, a);

    public Value VAdd(int laneBits, Value a, Value b) => Lanes(Opcode.VAdd, laneBits, a, b);
    public Value VSub(int laneBits, Value a, Value b) => Lanes(Opcode.VSub, laneBits, a, b);
    public Value VMul(int laneBits, Value a, Value b) => Lanes(Opcode.VMul, laneBits, a, b);
    public Value VNeg(int laneBits, Value a) => Lanes(Opcode.VNeg, laneBits, a);
    public Value VAbs(int laneBits, Value a) => Lanes(Opcode.VAbs, laneBits, a);
    public Value VCmp(Condition condition, int laneBits, Value a, Value b) => Lanes(Opcode.VCmp, laneBits, a, b, aux: (int)condition);
    /// <summary>VShl, VShrU or VShrS by a constant 0..laneBits.</summary>
    public Value VShift(Opcode op, int laneBits, Value a, int amount) => Lanes(op, laneBits, a, imm: amount);
    public Value VDup(Value scalar) => Lanes(Opcode.VDup, TypeOf(scalar).Bits(), scalar);
    /// <summary>Result byte i = byte <paramref name="pattern"/>[i] (0..31) of A:B.</summary>
    public Value VShuffle(Value a, Value b, ReadOnlySpan<byte> pattern)
    {
        if (pattern.Length != 16) throw new ArgumentException("a shuffle pattern has 16 byte indices", nameof(pattern));
        var low = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(pattern);
        var high = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(pattern[8..]);
        return Add(new Instruction(Opcode.VShuffle, IrType.V128) { A = a, B = b, Imm = low, Imm2 = high });
    }
    public Value VTableLookup(Value table, Value indices, Value fallback) =>
        Add(new Instruction(Opcode.VTableLookup, IrType.V128) { A = table, B = indices, C = fallback });
    /// <summary>Extends the <paramref name="narrowBits"/>-bit lanes of the low (half 0) or high (half 1) half of A.</summary>
    public Value VWiden(bool signed, int narrowBits, Value a, int half) =>
        Lanes(signed ? Opcode.VWidenS : Opcode.VWidenU, narrowBits, a, imm: half);
    /// <summary>VNarrow or a saturating form, into <paramref name="narrowBits"/>-bit lanes.</summary>
    public Value VNarrow(Opcode op, int narrowBits, Value a) => Lanes(op, narrowBits, a);
    public Value VReduce(VectorReduction reduction, int laneBits, Value a) =>
        Add(new Instruction(Opcode.VReduce, VectorEval.LaneType(laneBits)) { A = a, Aux = (int)reduction, Aux2 = laneBits });

    // Helpers.
    public Value Call(IrHelper helper, params Value[] arguments) =>
        Add(new Instruction(Opcode.Call, helper.ReturnType) { Helper = helper, Args = arguments });

    // Exits.
    public void ExitDirect(ulong target) => Emit(new Instruction(Opcode.ExitDirect, IrType.Void) { Imm = (long)target });
    public void ExitCond(Value condition, ulong ifTrue, ulong ifFalse) =>
        Emit(new Instruction(Opcode.ExitCond, IrType.Void) { A = condition, Imm = (long)ifTrue, Imm2 = (long)ifFalse });
    public void ExitIndirect(Value target) => Emit(new Instruction(Opcode.ExitIndirect, IrType.Void) { A = target });
    public void ExitTrap(TrapKind kind, ulong trapPc, ulong resumePc, Value? detail = null) =>
        Emit(new Instruction(Opcode.ExitTrap, IrType.Void) { Aux = (int)kind, Imm = (long)trapPc, Imm2 = (long)resumePc, A = detail ?? Value.None });
}
