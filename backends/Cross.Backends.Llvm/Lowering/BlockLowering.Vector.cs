using Cross.Backends.Llvm.Interop;
using Cross.Core.Ir;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Lowering;

// The v128 lane operations, with VectorEval's exact semantics. A v128 travels as an i128 (as the
// interpreter keeps it in two slots); each operation bitcasts it to the LLVM vector of its lane
// width (<16 x i8> … <2 x i64>), so LLVM selects the host's SIMD instructions, and bitcasts the
// result back. Where LLVM leaves a case undefined (shifts by the lane width or more, ctlz of 0),
// the lowering spells out the IR's meaning.
internal sealed partial class BlockLowering
{
    private LLVMValueRef LowerVector(Instruction instruction)
    {
        var op = instruction.Op;
        var laneBits = instruction.Aux2;
        switch (op)
        {
            case Opcode.VDup: return AsI128(Splat(laneBits, Value(instruction.A)));
            case Opcode.VShuffle: return AsI128(Shuffle(instruction));
            case Opcode.VTableLookup: return AsI128(TableLookup(instruction));
            case Opcode.VWidenU or Opcode.VWidenS: return AsI128(Widen(instruction));
            case Opcode.VNarrow or Opcode.VNarrowSatS or Opcode.VNarrowSatU or Opcode.VNarrowSatSU: return AsI128(Narrow(instruction));
            case Opcode.VReduce: return Reduce(instruction);
        }

        var a = AsVector(instruction.A, laneBits);
        var b = instruction.B.IsNone ? default : AsVector(instruction.B, laneBits);
        var result = op switch
        {
            Opcode.VAdd => Add(a, b),
            Opcode.VSub => Sub(a, b),
            Opcode.VMul => LLVMBuildMul(_builder, a, b, NoName),
            Opcode.VNeg => LLVMBuildNeg(_builder, a, NoName),
            // is_int_min_poison = false: abs(MIN) = MIN.
            Opcode.VAbs => LaneIntrinsic("abs", laneBits, [a, Const(1, 0)], extraParameter: _types.I1),
            Opcode.VAddSatS => LaneIntrinsic("sadd.sat", laneBits, [a, b]),
            Opcode.VAddSatU => LaneIntrinsic("uadd.sat", laneBits, [a, b]),
            Opcode.VSubSatS => LaneIntrinsic("ssub.sat", laneBits, [a, b]),
            Opcode.VSubSatU => LaneIntrinsic("usub.sat", laneBits, [a, b]),
            Opcode.VMinS => LaneIntrinsic("smin", laneBits, [a, b]),
            Opcode.VMinU => LaneIntrinsic("umin", laneBits, [a, b]),
            Opcode.VMaxS => LaneIntrinsic("smax", laneBits, [a, b]),
            Opcode.VMaxU => LaneIntrinsic("umax", laneBits, [a, b]),
            Opcode.VCmp => LLVMBuildSExt(_builder, Compare(Predicate(instruction.Condition), a, b), _types.Vector(laneBits), NoName),
            Opcode.VShl or Opcode.VShrU or Opcode.VShrS => ShiftImmediate(op, laneBits, a, (int)instruction.Imm),
            Opcode.VShlVarU or Opcode.VShlVarS => ShiftBySignedAmount(laneBits, a, b, op == Opcode.VShlVarS),
            Opcode.VPopcount => LaneIntrinsic("ctpop", laneBits, [a]),
            // is_zero_poison = false: a zero lane counts the full lane width.
            Opcode.VClz => LaneIntrinsic("ctlz", laneBits, [a, Const(1, 0)], extraParameter: _types.I1),
            _ => throw new NotSupportedException($"the LLVM backend cannot lower {op}"),
        };
        return AsI128(result);
    }

    private LLVMValueRef AsVector(Value value, int laneBits) => AsVector(Value(value), laneBits);

    private LLVMValueRef AsVector(LLVMValueRef value, int laneBits) => LLVMBuildBitCast(_builder, value, _types.Vector(laneBits), NoName);

    private LLVMValueRef AsI128(LLVMValueRef vector) => LLVMBuildBitCast(_builder, vector, _types.I128, NoName);

    /// <summary>A constant vector with every lane <paramref name="value"/>.</summary>
    private LLVMValueRef SplatConst(int laneBits, ulong value, int lanes = 0)
    {
        var elements = new LLVMValueRef[lanes == 0 ? 128 / laneBits : lanes];
        Array.Fill(elements, Const(laneBits, value & VectorEval.LaneMask(laneBits)));
        return LLVMConstVector(elements);
    }

    private LLVMValueRef Splat(int laneBits, LLVMValueRef scalar)
    {
        var lanes = 128 / laneBits;
        var single = LLVMBuildInsertElement(_builder, LLVMConstNull(_types.Vector(laneBits)), scalar, Const32(0), NoName);
        return LLVMBuildShuffleVector(_builder, single, single, LLVMConstNull(_types.Vector(32, lanes)), NoName);
    }

    /// <summary>A shufflevector mask: a constant vector of i32 element indices.</summary>
    private LLVMValueRef ShuffleMask(ReadOnlySpan<int> indices)
    {
        var elements = new LLVMValueRef[indices.Length];
        for (var i = 0; i < indices.Length; i++) elements[i] = Const32(indices[i]);
        return LLVMConstVector(elements);
    }

    /// <summary>Calls <c>llvm.name.vNiW</c> on vectors of the lane width (plus one trailing scalar flag, when given).</summary>
    private LLVMValueRef LaneIntrinsic(string name, int laneBits, ReadOnlySpan<LLVMValueRef> arguments, LLVMTypeRef extraParameter = default)
    {
        var vector = _types.Vector(laneBits);
        var parameters = new LLVMTypeRef[arguments.Length];
        for (var i = 0; i < parameters.Length; i++) parameters[i] = vector;
        if (!extraParameter.IsNull) parameters[^1] = extraParameter;
        return Intrinsic($"llvm.{name}.v{128 / laneBits}i{laneBits}", vector, parameters, arguments);
    }

    private static LLVMIntPredicate Predicate(Condition condition) => condition switch
    {
        Condition.Eq => LLVMIntPredicate.LLVMIntEQ,
        Condition.Ne => LLVMIntPredicate.LLVMIntNE,
        Condition.LtS => LLVMIntPredicate.LLVMIntSLT,
        Condition.LeS => LLVMIntPredicate.LLVMIntSLE,
        Condition.GtS => LLVMIntPredicate.LLVMIntSGT,
        Condition.GeS => LLVMIntPredicate.LLVMIntSGE,
        Condition.LtU => LLVMIntPredicate.LLVMIntULT,
        Condition.LeU => LLVMIntPredicate.LLVMIntULE,
        Condition.GtU => LLVMIntPredicate.LLVMIntUGT,
        Condition.GeU => LLVMIntPredicate.LLVMIntUGE,
        _ => throw new NotSupportedException($"unknown condition {condition}"),
    };

    /// <summary>LLVM shifts by the lane width or more are poison; the IR defines them (0 or sign fill).</summary>
    private LLVMValueRef ShiftImmediate(Opcode op, int laneBits, LLVMValueRef a, int amount)
    {
        if (op == Opcode.VShrS) return LLVMBuildAShr(_builder, a, SplatConst(laneBits, (ulong)Math.Min(amount, laneBits - 1)), NoName);
        if (amount >= laneBits) return LLVMConstNull(_types.Vector(laneBits));
        var splat = SplatConst(laneBits, (ulong)amount);
        return op == Opcode.VShl ? LLVMBuildShl(_builder, a, splat, NoName) : LShr(a, splat);
    }

    /// <summary>
    /// USHL/SSHL: the signed low byte of each lane of <paramref name="b"/> shifts left when
    /// non-negative, right otherwise; every out-of-range amount is selected away from the poison.
    /// </summary>
    private LLVMValueRef ShiftBySignedAmount(int laneBits, LLVMValueRef a, LLVMValueRef b, bool arithmetic)
    {
        var vector = _types.Vector(laneBits);
        var amount = b;
        if (laneBits > 8)
        {
            var lowBytes = LLVMBuildTrunc(_builder, b, _types.Vector(8, 128 / laneBits), NoName);
            amount = LLVMBuildSExt(_builder, lowBytes, vector, NoName);
        }
        var zero = LLVMConstNull(vector);
        var width = SplatConst(laneBits, (ulong)laneBits);
        var limit = SplatConst(laneBits, (ulong)(laneBits - 1));
        var negative = Compare(LLVMIntPredicate.LLVMIntSLT, amount, zero);

        // Left by amount in 0..w-1; an amount of w or more (or a negative one, unsigned huge) gives 0.
        var leftInRange = Compare(LLVMIntPredicate.LLVMIntULT, amount, width);
        var left = Select(leftInRange, LLVMBuildShl(_builder, a, And(amount, limit), NoName), zero);

        // Right by -amount (for w = 8, -(-128) wraps to 128, still >= w unsigned).
        var right = LLVMBuildNeg(_builder, amount, NoName);
        var rightInRange = Compare(LLVMIntPredicate.LLVMIntULT, right, width);
        LLVMValueRef shiftedRight;
        if (arithmetic)
            shiftedRight = LLVMBuildAShr(_builder, a, Select(rightInRange, right, limit), NoName);
        else
            shiftedRight = Select(rightInRange, LShr(a, And(right, limit)), zero);
        return Select(negative, shiftedRight, left);
    }

    private LLVMValueRef Shuffle(Instruction instruction)
    {
        Span<int> indices = stackalloc int[16];
        for (var i = 0; i < 16; i++)
            indices[i] = (int)((ulong)(i < 8 ? instruction.Imm : instruction.Imm2) >> (8 * (i % 8)) & 0xFF);
        return LLVMBuildShuffleVector(_builder, AsVector(instruction.A, 8), AsVector(instruction.B, 8), ShuffleMask(indices), NoName);
    }

    /// <summary>Each byte looked up on its own (index masked to stay in the table), then out-of-range indices take the fallback.</summary>
    private LLVMValueRef TableLookup(Instruction instruction)
    {
        var table = AsVector(instruction.A, 8);
        var indices = AsVector(instruction.B, 8);
        var masked = And(indices, SplatConst(8, 15));
        var looked = LLVMConstNull(_types.Vector(8));
        for (var i = 0; i < 16; i++)
        {
            var index = LLVMBuildExtractElement(_builder, masked, Const32(i), NoName);
            var entry = LLVMBuildExtractElement(_builder, table, index, NoName);
            looked = LLVMBuildInsertElement(_builder, looked, entry, Const32(i), NoName);
        }
        var inRange = Compare(LLVMIntPredicate.LLVMIntULT, indices, SplatConst(8, 16));
        return Select(inRange, looked, AsVector(instruction.C, 8));
    }

    private LLVMValueRef Widen(Instruction instruction)
    {
        var narrowBits = instruction.Aux2;
        var lanes = 64 / narrowBits;
        var first = (int)instruction.Imm * lanes;
        Span<int> indices = stackalloc int[lanes];
        for (var i = 0; i < lanes; i++) indices[i] = first + i;
        var source = AsVector(instruction.A, narrowBits);
        var half = LLVMBuildShuffleVector(_builder, source, source, ShuffleMask(indices), NoName);
        var wide = _types.Vector(narrowBits * 2);
        return instruction.Op == Opcode.VWidenS
            ? LLVMBuildSExt(_builder, half, wide, NoName)
            : LLVMBuildZExt(_builder, half, wide, NoName);
    }

    private LLVMValueRef Narrow(Instruction instruction)
    {
        var narrowBits = instruction.Aux2;
        var wideBits = narrowBits * 2;
        var lanes = 64 / narrowBits;
        var value = AsVector(instruction.A, wideBits);
        var unsignedMax = SplatConst(wideBits, VectorEval.LaneMask(narrowBits));
        switch (instruction.Op)
        {
            case Opcode.VNarrowSatS:
                var signedMin = SplatConst(wideBits, ~0UL << (narrowBits - 1));
                var signedMax = SplatConst(wideBits, (1UL << (narrowBits - 1)) - 1);
                value = LaneIntrinsic("smin", wideBits, [LaneIntrinsic("smax", wideBits, [value, signedMin]), signedMax]);
                break;
            case Opcode.VNarrowSatU:
                value = LaneIntrinsic("umin", wideBits, [value, unsignedMax]);
                break;
            case Opcode.VNarrowSatSU:
                value = LaneIntrinsic("smin", wideBits, [LaneIntrinsic("smax", wideBits, [value, LLVMConstNull(_types.Vector(wideBits))]), unsignedMax]);
                break;
        }
        var truncated = LLVMBuildTrunc(_builder, value, _types.Vector(narrowBits, lanes), NoName);
        // Lanes 0..n-1 from the truncated half, n..2n-1 from zeros.
        Span<int> indices = stackalloc int[lanes * 2];
        for (var i = 0; i < indices.Length; i++) indices[i] = i;
        return LLVMBuildShuffleVector(_builder, truncated, LLVMConstNull(_types.Vector(narrowBits, lanes)), ShuffleMask(indices), NoName);
    }

    private LLVMValueRef Reduce(Instruction instruction)
    {
        var laneBits = instruction.Aux2;
        var name = (VectorReduction)instruction.Aux switch
        {
            VectorReduction.Add => "add",
            VectorReduction.MaxS => "smax",
            VectorReduction.MaxU => "umax",
            VectorReduction.MinS => "smin",
            VectorReduction.MinU => "umin",
            var other => throw new NotSupportedException($"unknown reduction {other}"),
        };
        var vector = _types.Vector(laneBits);
        return Intrinsic($"llvm.vector.reduce.{name}.v{128 / laneBits}i{laneBits}", _types.Integer(laneBits), [vector], [AsVector(instruction.A, laneBits)]);
    }
}
