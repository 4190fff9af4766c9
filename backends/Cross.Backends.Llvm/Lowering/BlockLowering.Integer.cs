using Cross.Backends.Llvm.Interop;
using Cross.Core.Ir;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Lowering;

// Integer, flag and lane operations, with IrEval's exact semantics: shift amounts modulo the
// width, division by zero and MIN/-1 defined, counts defined at zero. Where the interpreter's
// 64-bit value slots give an i128 operation a particular meaning (AddWithCarry, CarryOut,
// OverflowOut, VExtract of a 128-bit lane), the lowering reproduces that meaning.
internal sealed partial class BlockLowering
{
    internal static bool NeedsWideHelper(Instruction instruction) =>
        instruction.Type == IrType.I128 && instruction.Op is Opcode.DivS or Opcode.DivU or Opcode.RemS or Opcode.RemU
            or Opcode.MulHighS or Opcode.MulHighU or Opcode.MulHighSU;

    private LLVMValueRef Binary(Instruction instruction)
    {
        var bits = BitsOf(instruction.Type);
        var a = Value(instruction.A);
        var b = Value(instruction.B);
        if (NeedsWideHelper(instruction)) return WideHelper(instruction, a, b);
        switch (instruction.Op)
        {
            case Opcode.Add: return Add(a, b);
            case Opcode.Sub: return Sub(a, b);
            case Opcode.Mul: return LLVMBuildMul(_builder, a, b, NoName);
            case Opcode.And: return And(a, b);
            case Opcode.Or: return Or(a, b);
            case Opcode.Xor: return Xor(a, b);
            case Opcode.Shl: return LLVMBuildShl(_builder, a, ShiftAmount(b, bits), NoName);
            case Opcode.ShrU: return LShr(a, ShiftAmount(b, bits));
            case Opcode.ShrS: return LLVMBuildAShr(_builder, a, ShiftAmount(b, bits), NoName);
            case Opcode.RotL or Opcode.RotR:
                if (bits == 1) return a;
                var name = instruction.Op == Opcode.RotL ? "fshl" : "fshr";
                var type = _types.Integer(bits);
                return Intrinsic($"llvm.{name}.i{bits}", type, [type, type, type], [a, a, b]);
            case Opcode.MulHighS or Opcode.MulHighU or Opcode.MulHighSU:
                return MulHigh(instruction.Op, a, b, bits);
            default:
                return Divide(instruction.Op, a, b, bits);
        }
    }

    private LLVMValueRef ShiftAmount(LLVMValueRef amount, int bits) => And(amount, Const(bits, (ulong)(bits - 1)));

    /// <summary>The high half of the double-width product, computed exactly in i64 or i128.</summary>
    private LLVMValueRef MulHigh(Opcode op, LLVMValueRef a, LLVMValueRef b, int bits)
    {
        var wide = bits <= 32 ? 64 : 128;
        var extendedA = Resize(a, bits, wide, signed: op != Opcode.MulHighU);
        var extendedB = Resize(b, bits, wide, signed: op == Opcode.MulHighS);
        var product = LLVMBuildMul(_builder, extendedA, extendedB, NoName);
        return Resize(LShr(product, Const(wide, (ulong)bits)), wide, bits, signed: false);
    }

    /// <summary>x/0 = 0, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0, with LLVM never seeing a trapping divisor.</summary>
    private LLVMValueRef Divide(Opcode op, LLVMValueRef a, LLVMValueRef b, int bits)
    {
        if (bits == 1)
        {
            // The only divisors are 0 and 1 (which is -1): x/1 = x, x%1 = 0.
            return op is Opcode.DivS or Opcode.DivU ? And(a, b) : And(a, LLVMBuildNot(_builder, b, NoName));
        }
        var zero = Const(bits, 0);
        var one = Const(bits, 1);
        var isZero = Compare(LLVMIntPredicate.LLVMIntEQ, b, zero);
        if (op is Opcode.DivU or Opcode.RemU)
        {
            var divisor = Select(isZero, one, b);
            return op == Opcode.DivU
                ? Select(isZero, zero, LLVMBuildUDiv(_builder, a, divisor, NoName))
                : Select(isZero, a, LLVMBuildURem(_builder, a, divisor, NoName));
        }
        var isMinusOne = Compare(LLVMIntPredicate.LLVMIntEQ, b, Const(bits, ulong.MaxValue >> (64 - bits)));
        var safeDivisor = Select(Or(isZero, isMinusOne), one, b);
        if (op == Opcode.DivS)
        {
            var quotient = Select(isMinusOne, LLVMBuildNeg(_builder, a, NoName), LLVMBuildSDiv(_builder, a, safeDivisor, NoName));
            return Select(isZero, zero, quotient);
        }
        var remainder = Select(isMinusOne, zero, LLVMBuildSRem(_builder, a, safeDivisor, NoName));
        return Select(isZero, a, remainder);
    }

    /// <summary>i128 division and high multiply go to managed code rather than compiler-rt libcalls.</summary>
    private LLVMValueRef WideHelper(Instruction instruction, LLVMValueRef a, LLVMValueRef b)
    {
        var slotA = LLVMBuildGEP2(_builder, _types.I128, _region.WideSlots, Const64(0));
        var slotB = LLVMBuildGEP2(_builder, _types.I128, _region.WideSlots, Const64(1));
        var slotResult = LLVMBuildGEP2(_builder, _types.I128, _region.WideSlots, Const64(2));
        LLVMSetAlignment(LLVMBuildStore(_builder, a, slotA), 16);
        LLVMSetAlignment(LLVMBuildStore(_builder, b, slotB), 16);
        CallNative(RuntimeCallbacks.Wide, _callbacks.Wide, [_runtime, Const32((int)instruction.Op), slotA, slotB, slotResult], pure: true);
        CheckStatus(instruction);
        var result = LLVMBuildLoad2(_builder, _types.I128, slotResult, NoName);
        LLVMSetAlignment(result, 16);
        return result;
    }

    private LLVMValueRef Unary(Instruction instruction)
    {
        var bits = BitsOf(instruction.Type);
        var a = Value(instruction.A);
        var type = _types.Integer(bits);
        switch (instruction.Op)
        {
            case Opcode.Not: return LLVMBuildNot(_builder, a, NoName);
            case Opcode.Neg: return LLVMBuildNeg(_builder, a, NoName);
            case Opcode.Clz or Opcode.Ctz:
                if (bits == 1) return Xor(a, Const(1, 1));
                var name = instruction.Op == Opcode.Clz ? "ctlz" : "cttz";
                // is_zero_poison = false: a zero input counts the full width, as IrEval does.
                return Intrinsic($"llvm.{name}.i{bits}", type, [type, _types.I1], [a, Const(1, 0)]);
            case Opcode.Popcount:
                return bits == 1 ? a : Intrinsic($"llvm.ctpop.i{bits}", type, [type], [a]);
            default:
                return bits <= 8 ? a : Intrinsic($"llvm.bswap.i{bits}", type, [type], [a]);
        }
    }

    private LLVMValueRef Intrinsic(string name, LLVMTypeRef returnType, ReadOnlySpan<LLVMTypeRef> parameterTypes, ReadOnlySpan<LLVMValueRef> arguments)
    {
        var functionType = LLVMFunctionType(returnType, parameterTypes);
        var function = LLVMGetNamedFunction(_module, name);
        if (function.IsNull) function = LLVMAddFunction(_module, name, functionType);
        return LLVMBuildCall2(_builder, functionType, function, arguments);
    }

    private LLVMValueRef Convert(Instruction instruction)
    {
        var from = BitsOf(TypeOf(instruction.A));
        var to = BitsOf(instruction.Type);
        // Bitcast is free: floats already travel as their bit patterns.
        return Resize(Value(instruction.A), from, to, signed: instruction.Op == Opcode.SignExtend);
    }

    private LLVMValueRef Compare(Instruction instruction) =>
        Compare(Predicate(instruction.Condition), Value(instruction.A), Value(instruction.B));

    private LLVMValueRef CarryIn(Instruction instruction, int bits) =>
        instruction.C.IsNone ? Const(bits, 0) : Resize(Value(instruction.C), 1, bits, signed: false);

    private LLVMValueRef AddWithCarry(Instruction instruction)
    {
        var bits = BitsOf(instruction.Type);
        if (bits == 128)
        {
            // The interpreter adds the low 64-bit slots only.
            var sum = Add(Add(Low64(instruction.A), Low64(instruction.B)), CarryIn(instruction, 64));
            return Resize(sum, 64, 128, signed: false);
        }
        return Add(Add(Value(instruction.A), Value(instruction.B)), CarryIn(instruction, bits));
    }

    private LLVMValueRef CarryOut(Instruction instruction)
    {
        var bits = BitsOf(TypeOf(instruction.A));
        if (bits == 128)
        {
            // IrEval.CarryOut on a 128-bit type sees the low slots and shifts by 128 mod 64 = 0.
            var low = Add(Add(Low64(instruction.A), Low64(instruction.B)), CarryIn(instruction, 64));
            return Compare(LLVMIntPredicate.LLVMIntNE, low, Const64(0));
        }
        // At the operand width, without a double-width sum: a + b carries when the sum wraps
        // below a; a + b + 1 carries when a >= ~b (for b = ~x, the subtraction a - x: a >= x,
        // one compare), and a variable carry-in picks between the two.
        var a = Value(instruction.A);
        var b = Value(instruction.B);
        var withoutCarry = Compare(LLVMIntPredicate.LLVMIntULT, Add(a, b), a);
        if (ConstantCarryIn(instruction) is { } constant)
            return constant ? Compare(LLVMIntPredicate.LLVMIntUGE, a, LLVMBuildNot(_builder, b, NoName)) : withoutCarry;
        var withCarry = Compare(LLVMIntPredicate.LLVMIntUGE, a, LLVMBuildNot(_builder, b, NoName));
        return LLVMBuildSelect(_builder, Value(instruction.C), withCarry, withoutCarry, NoName);
    }

    /// <summary>The carry-in of an add-with-carry family instruction when it is absent (false) or a constant; else null.</summary>
    private bool? ConstantCarryIn(Instruction instruction)
    {
        if (instruction.C.IsNone) return false;
        var definition = _code[instruction.C.Id];
        return definition.Op == Opcode.Const ? (definition.Imm & 1) != 0 : null;
    }

    private LLVMValueRef OverflowOut(Instruction instruction)
    {
        var bits = BitsOf(TypeOf(instruction.A));
        LLVMValueRef a, b;
        if (bits == 128)
        {
            // IrEval.OverflowOut on a 128-bit type tests bit 63 of the low slots.
            (a, b, bits) = (Low64(instruction.A), Low64(instruction.B), 64);
        }
        else (a, b) = (Value(instruction.A), Value(instruction.B));
        var result = Add(Add(a, b), CarryIn(instruction, bits));
        var overflow = And(LLVMBuildNot(_builder, Xor(a, b), NoName), Xor(a, result));
        return Compare(LLVMIntPredicate.LLVMIntSLT, overflow, Const(bits, 0));
    }

    private LLVMValueRef VectorExtract(Instruction instruction)
    {
        var laneBits = instruction.Type.Bits();
        var shifted = LShr(Value(instruction.A), Const(128, (ulong)(instruction.Imm * laneBits)));
        // A 128-bit lane comes out of the interpreter's low slot only.
        if (instruction.Type.IsWide()) return Resize(Resize(shifted, 128, 64, false), 64, 128, false);
        return Resize(shifted, 128, BitsOf(instruction.Type), signed: false);
    }

    private LLVMValueRef VectorInsert(Instruction instruction)
    {
        var laneType = TypeOf(instruction.B);
        var laneBits = laneType.Bits();
        var shift = (int)(instruction.Imm * laneBits);
        var laneMask = (laneBits == 128 ? UInt128.MaxValue : (UInt128)laneType.Mask()) << shift;
        var lane = LLVMBuildShl(_builder, Resize(Value(instruction.B), BitsOf(laneType), 128, false), Const(128, (ulong)shift), NoName);
        var kept = And(Value(instruction.A), Const128(~laneMask));
        return Or(kept, And(lane, Const128(laneMask)));
    }

    private LLVMValueRef Const128(UInt128 value) =>
        LLVMConstIntOfArbitraryPrecision(_types.I128, [(ulong)value, (ulong)(value >> 64)]);
}
