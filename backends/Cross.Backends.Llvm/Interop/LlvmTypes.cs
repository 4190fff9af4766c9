using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

// Handles and enums cross the native boundary as plain integers.
[assembly: DisableRuntimeMarshalling]

namespace Cross.Backends.Llvm.Interop;

// Opaque LLVM-C handles, one struct per C typedef so the compiler keeps them apart.
internal readonly record struct LLVMContextRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMModuleRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMTypeRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMValueRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMBasicBlockRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMBuilderRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMErrorRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMTargetRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMTargetMachineRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMPassBuilderOptionsRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMOrcLLJITRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMOrcLLJITBuilderRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMOrcJITDylibRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMOrcJITTargetMachineBuilderRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMOrcThreadSafeContextRef(nint Handle) { public bool IsNull => Handle == 0; }
internal readonly record struct LLVMOrcThreadSafeModuleRef(nint Handle) { public bool IsNull => Handle == 0; }

internal enum LLVMIntPredicate
{
    LLVMIntEQ = 32,
    LLVMIntNE,
    LLVMIntUGT,
    LLVMIntUGE,
    LLVMIntULT,
    LLVMIntULE,
    LLVMIntSGT,
    LLVMIntSGE,
    LLVMIntSLT,
    LLVMIntSLE,
}

/// <summary>LLVMRealPredicate: floating-point comparisons (O = ordered: false when either is NaN).</summary>
internal enum LLVMRealPredicate
{
    LLVMRealPredicateFalse = 0,
    LLVMRealOEQ,
    LLVMRealOGT,
    LLVMRealOGE,
    LLVMRealOLT,
    LLVMRealOLE,
    LLVMRealONE,
    LLVMRealORD,
    LLVMRealUNO,
}

internal enum LLVMAtomicOrdering
{
    LLVMAtomicOrderingNotAtomic = 0,
    LLVMAtomicOrderingUnordered = 1,
    LLVMAtomicOrderingMonotonic = 2,
    LLVMAtomicOrderingAcquire = 4,
    LLVMAtomicOrderingRelease = 5,
    LLVMAtomicOrderingAcquireRelease = 6,
    LLVMAtomicOrderingSequentiallyConsistent = 7,
}

internal enum LLVMAtomicRMWBinOp
{
    LLVMAtomicRMWBinOpXchg,
    LLVMAtomicRMWBinOpAdd,
    LLVMAtomicRMWBinOpSub,
    LLVMAtomicRMWBinOpAnd,
    LLVMAtomicRMWBinOpNand,
    LLVMAtomicRMWBinOpOr,
    LLVMAtomicRMWBinOpXor,
    LLVMAtomicRMWBinOpMax,
    LLVMAtomicRMWBinOpMin,
    LLVMAtomicRMWBinOpUMax,
    LLVMAtomicRMWBinOpUMin,
}

internal enum LLVMCodeGenOptLevel
{
    LLVMCodeGenLevelNone,
    LLVMCodeGenLevelLess,
    LLVMCodeGenLevelDefault,
    LLVMCodeGenLevelAggressive,
}

internal enum LLVMRelocMode
{
    LLVMRelocDefault,
    LLVMRelocStatic,
    LLVMRelocPIC,
}

internal enum LLVMCodeModel
{
    LLVMCodeModelDefault,
    LLVMCodeModelJITDefault,
    LLVMCodeModelTiny,
    LLVMCodeModelSmall,
    LLVMCodeModelKernel,
    LLVMCodeModelMedium,
    LLVMCodeModelLarge,
}

internal enum LLVMTailCallKind
{
    LLVMTailCallKindNone,
    LLVMTailCallKindTail,
    LLVMTailCallKindMustTail,
    LLVMTailCallKindNoTail,
}

internal enum LLVMVerifierFailureAction
{
    LLVMAbortProcessAction,
    LLVMPrintMessageAction,
    LLVMReturnStatusAction,
}
