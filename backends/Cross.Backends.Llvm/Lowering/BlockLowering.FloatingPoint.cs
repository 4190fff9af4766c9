using Cross.Backends.Llvm.Interop;
using Cross.Backends.Llvm.Runtime;
using Cross.Core.FloatingPoint;
using Cross.Core.Ir;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Lowering;

// Floating point goes through the shared soft-float (FloatingPointOps): LLVM has no exact
// equivalent of the guests' NaN rules, dynamic rounding and flag accrual. The invalid
// rounding-mode trap is checked inline, before the call, as the interpreter checks it first.
//
// In front of the call sits a host-FPU fast path (QEMU's "hardfloat" idea) for add, subtract,
// multiply, divide, square root, fused multiply-add and comparisons: when the rounding mode is
// round-to-nearest-even, the mode does not flush denormals, every input is a normal number or a
// zero, the inexact flag is already set (or the operation accrues no flags), and the host result
// is finite and not tiny, the host's IEEE result is bit for bit the soft-float's, and the only
// flag the soft-float could raise (inexact) is already raised. Anything else takes the call.
internal sealed partial class BlockLowering
{
    private LLVMValueRef FloatingPoint(Instruction instruction)
    {
        LLVMValueRef rounding;
        if (instruction.D.IsNone) rounding = Const32((int)RoundingMode.NearestEven);
        else
        {
            var mode = Resize(Value(instruction.D), BitsOf(TypeOf(instruction.D)), 8, signed: false);
            var invalid = Compare(LLVMIntPredicate.LLVMIntUGT, mode, Const(8, (ulong)RoundingMode.NearestMaxMagnitude));
            TrapIf(instruction, invalid, TrapKind.IllegalInstruction, detail: 0);
            rounding = Resize(mode, 8, 32, signed: false);
        }

        if (HostFloatingPoint(instruction, rounding) is not { } host) return SoftFloat(instruction, rounding);
        var fast = CurrentBlock;
        var slow = NewBlock();
        var join = NewBlock();
        LLVMBuildCondBr(_builder, Likely(host.Usable), join, slow);
        PositionAt(slow);
        var soft = SoftFloat(instruction, rounding);
        var slowEnd = CurrentBlock;
        LLVMBuildBr(_builder, join);
        PositionAt(join);
        var phi = LLVMBuildPhi(_builder, _types.Integer(BitsOf(instruction.Type)), NoName);
        LLVMAddIncoming(phi, host.Result, fast);
        LLVMAddIncoming(phi, soft, slowEnd);
        return phi;
    }

    private LLVMValueRef SoftFloat(Instruction instruction, LLVMValueRef rounding)
    {
        var operandType = TypeOf(instruction.A);
        var descriptor = Const64(FloatingPointOps.Describe(instruction, operandType));
        var a = Low64(instruction.A);
        var b = instruction.B.IsNone ? Const64(0) : Low64(instruction.B);
        var c = instruction.C.IsNone ? Const64(0) : Low64(instruction.C);
        // The callback leaves the raised flags in a stack slot rather than writing guest state,
        // so LLVM can see that it never touches guest registers.
        var flags = _region.FloatingPointFlags;
        var result = CallNative(RuntimeCallbacks.FloatingPoint, _callbacks.FloatingPoint, [_runtime, descriptor, a, b, c, rounding, flags], pure: true);
        CheckStatus(instruction);
        if (instruction.Aux >= 0)
        {
            TouchState(instruction.Aux, 1);
            var raised = LLVMBuildLoad2(_builder, _types.I8, flags, NoName);
            var accrued = LLVMBuildLoad2(_builder, _types.I8, StateAddress(instruction.Aux), NoName);
            LLVMBuildStore(_builder, Or(accrued, raised), StateAddress(instruction.Aux));
        }
        return Resize(result, 64, BitsOf(instruction.Type), signed: false);
    }

    /// <summary>
    /// The host FPU's result of <paramref name="instruction"/> (as the IR value's bits) and when
    /// it may be used instead of the soft-float's; null when the operation has no fast path.
    /// </summary>
    private (LLVMValueRef Result, LLVMValueRef Usable)? HostFloatingPoint(Instruction instruction, LLVMValueRef rounding)
    {
        var type = TypeOf(instruction.A);
        if (type is not (IrType.F32 or IrType.F64)) return null;
        var mode = FpMode.Unpack(instruction.Aux2);
        if (mode.FlushToZero || mode.DenormalsAreZero) return null;
        if (instruction.Op == Opcode.FMulAdd && !System.Runtime.Intrinsics.X86.Fma.IsSupported) return null;
        if (instruction.Op is not (Opcode.FAdd or Opcode.FSub or Opcode.FMul or Opcode.FDiv or Opcode.FSqrt or Opcode.FMulAdd or Opcode.FCmp)) return null;

        var single = type == IrType.F32;
        var hostType = single ? _types.F32 : _types.F64;
        var bits = single ? 32 : 64;
        LLVMValueRef Host(Value value) => LLVMBuildBitCast(_builder, Value(value), hostType, NoName);
        var a = Host(instruction.A);
        var b = instruction.B.IsNone ? default : Host(instruction.B);
        var c = instruction.C.IsNone ? default : Host(instruction.C);

        if (instruction.Op == Opcode.FCmp)
        {
            // Ordered operands raise nothing in any comparison; NaNs take the soft-float.
            var ordered = LLVMBuildFCmp(_builder, LLVMRealPredicate.LLVMRealORD, a, b, NoName);
            var result = (FpCompare)instruction.Imm switch
            {
                FpCompare.Equal => LLVMBuildFCmp(_builder, LLVMRealPredicate.LLVMRealOEQ, a, b, NoName),
                FpCompare.LessThan or FpCompare.LessThanQuiet => LLVMBuildFCmp(_builder, LLVMRealPredicate.LLVMRealOLT, a, b, NoName),
                FpCompare.LessOrEqual or FpCompare.LessOrEqualQuiet => LLVMBuildFCmp(_builder, LLVMRealPredicate.LLVMRealOLE, a, b, NoName),
                _ => Const(1, 0),
            };
            return (Resize(result, 1, BitsOf(instruction.Type), signed: false), ordered);
        }

        var usable = And(NormalOrZero(a, hostType, single), RoundsToNearestEven(instruction, rounding));
        if (!b.IsNull) usable = And(usable, NormalOrZero(b, hostType, single));
        if (!c.IsNull) usable = And(usable, NormalOrZero(c, hostType, single));
        if (instruction.Aux >= 0)
        {
            TouchState(instruction.Aux, 1);
            var accrued = LLVMBuildLoad2(_builder, _types.I8, StateAddress(instruction.Aux), NoName);
            usable = And(usable, Compare(LLVMIntPredicate.LLVMIntNE, And(accrued, Const(8, (ulong)FpExceptions.Inexact)), Const(8, 0)));
        }

        var zero = LLVMConstReal(hostType, 0);
        var suffix = single ? "f32" : "f64";
        LLVMValueRef value;
        // When an exact zero result is certain not to be an underflow.
        LLVMValueRef zeroIsExact;
        switch (instruction.Op)
        {
            case Opcode.FAdd:
                value = LLVMBuildFAdd(_builder, a, b, NoName);
                zeroIsExact = Const(1, 1);
                break;
            case Opcode.FSub:
                value = LLVMBuildFSub(_builder, a, b, NoName);
                zeroIsExact = Const(1, 1);
                break;
            case Opcode.FMul:
                value = LLVMBuildFMul(_builder, a, b, NoName);
                zeroIsExact = Or(FloatEquals(a, zero), FloatEquals(b, zero));
                break;
            case Opcode.FDiv:
                // A zero divisor raises divide-by-zero (or invalid): the soft-float's.
                usable = And(usable, LLVMBuildFCmp(_builder, LLVMRealPredicate.LLVMRealONE, b, zero, NoName));
                value = LLVMBuildFDiv(_builder, a, b, NoName);
                zeroIsExact = FloatEquals(a, zero);
                break;
            case Opcode.FSqrt:
                // Negative inputs are invalid; -0 is not negative here (sqrt(-0) = -0).
                usable = And(usable, LLVMBuildFCmp(_builder, LLVMRealPredicate.LLVMRealOGE, a, zero, NoName));
                value = Intrinsic($"llvm.sqrt.{suffix}", hostType, [hostType], [a]);
                zeroIsExact = Const(1, 1);
                break;
            default:
                value = Intrinsic($"llvm.fma.{suffix}", hostType, [hostType, hostType, hostType], [a, b, c]);
                // A nonzero product plus C may cancel to a tiny exact sum that rounds to zero.
                zeroIsExact = Or(FloatEquals(a, zero), FloatEquals(b, zero));
                break;
        }
        // The result must be finite and not tiny (no overflow, no underflow), or an exact zero.
        var magnitude = Intrinsic($"llvm.fabs.{suffix}", hostType, [hostType], [value]);
        var normal = And(
            LLVMBuildFCmp(_builder, LLVMRealPredicate.LLVMRealOGT, magnitude, LLVMConstReal(hostType, MinNormal(single)), NoName),
            LLVMBuildFCmp(_builder, LLVMRealPredicate.LLVMRealOLE, magnitude, LLVMConstReal(hostType, MaxFinite(single)), NoName));
        usable = And(usable, Or(normal, And(FloatEquals(value, zero), zeroIsExact)));
        return (LLVMBuildBitCast(_builder, value, _types.Integer(bits), NoName), usable);
    }

    private LLVMValueRef FloatEquals(LLVMValueRef a, LLVMValueRef b) => LLVMBuildFCmp(_builder, LLVMRealPredicate.LLVMRealOEQ, a, b, NoName);

    /// <summary>Normal (not denormal, infinite or NaN) or a zero of either sign.</summary>
    private LLVMValueRef NormalOrZero(LLVMValueRef value, LLVMTypeRef type, bool single)
    {
        var suffix = single ? "f32" : "f64";
        var magnitude = Intrinsic($"llvm.fabs.{suffix}", type, [type], [value]);
        var normal = And(
            LLVMBuildFCmp(_builder, LLVMRealPredicate.LLVMRealOGE, magnitude, LLVMConstReal(type, MinNormal(single)), NoName),
            LLVMBuildFCmp(_builder, LLVMRealPredicate.LLVMRealOLE, magnitude, LLVMConstReal(type, MaxFinite(single)), NoName));
        return Or(normal, FloatEquals(value, LLVMConstReal(type, 0)));
    }

    /// <summary>The smallest positive normal number (FLT_MIN, DBL_MIN); exact as a double.</summary>
    private static double MinNormal(bool single) => single ? BitConverter.Int32BitsToSingle(0x0080_0000) : BitConverter.Int64BitsToDouble(0x0010_0000_0000_0000);

    private static double MaxFinite(bool single) => single ? float.MaxValue : double.MaxValue;

    private LLVMValueRef RoundsToNearestEven(Instruction instruction, LLVMValueRef rounding) =>
        instruction.D.IsNone ? Const(1, 1) : Compare(LLVMIntPredicate.LLVMIntEQ, rounding, Const32((int)RoundingMode.NearestEven));
}
