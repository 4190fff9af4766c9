using Cross.Backends.Llvm.Interop;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Lowering;

/// <summary>The LLVM signatures of the <see cref="RuntimeCallbacks"/> entry points, in one context.</summary>
internal sealed class CallbackTypes(LoweringTypes t)
{
    public LLVMTypeRef Load { get; } = LLVMFunctionType(t.I64, [t.Pointer, t.I64, t.I32]);
    public LLVMTypeRef Load128 { get; } = LLVMFunctionType(t.Void, [t.Pointer, t.I64]);
    public LLVMTypeRef Store { get; } = LLVMFunctionType(t.Void, [t.Pointer, t.I64, t.I32, t.I64]);
    public LLVMTypeRef Store128 { get; } = LLVMFunctionType(t.Void, [t.Pointer, t.I64, t.I64, t.I64]);
    public LLVMTypeRef AtomicRmw { get; } = LLVMFunctionType(t.I64, [t.Pointer, t.I64, t.I32, t.I32, t.I64]);
    public LLVMTypeRef CompareExchange { get; } = LLVMFunctionType(t.I64, [t.Pointer, t.I64, t.I32, t.I64, t.I64]);
    public LLVMTypeRef Misaligned { get; } = LLVMFunctionType(t.Void, [t.Pointer, t.I64, t.I32]);
    public LLVMTypeRef CallHelper { get; } = LLVMFunctionType(t.I64, [t.Pointer, t.I32, t.Pointer, t.I32, t.Pointer]);
    public LLVMTypeRef FloatingPoint { get; } = LLVMFunctionType(t.I64, [t.Pointer, t.I64, t.I64, t.I64, t.I64, t.I32, t.Pointer]);
    public LLVMTypeRef Wide { get; } = LLVMFunctionType(t.Void, [t.Pointer, t.I32, t.Pointer, t.Pointer, t.Pointer]);
}
