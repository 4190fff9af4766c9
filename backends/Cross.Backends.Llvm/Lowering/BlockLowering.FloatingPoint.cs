using Cross.Backends.Llvm.Interop;
using Cross.Backends.Llvm.Runtime;
using Cross.Core.FloatingPoint;
using Cross.Core.Ir;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Lowering;

// Floating point goes through the shared soft-float (FloatingPointOps): LLVM has no exact
// equivalent of the guests' NaN rules, dynamic rounding and flag accrual. The invalid
// rounding-mode trap is checked inline, before the call, as the interpreter checks it first.
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

        var operandType = TypeOf(instruction.A);
        var descriptor = Const64(FloatingPointOps.Describe(instruction, operandType));
        var a = Low64(instruction.A);
        var b = instruction.B.IsNone ? Const64(0) : Low64(instruction.B);
        var c = instruction.C.IsNone ? Const64(0) : Low64(instruction.C);
        // The callback leaves the raised flags in a stack slot rather than writing guest state,
        // so LLVM can see that it never touches guest registers.
        var flags = _region.FloatingPointFlags;
        var result = CallNative(RuntimeCallbacks.FloatingPoint, _callbacks.FloatingPoint, [_runtime, descriptor, a, b, c, rounding, flags]);
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
}
