using Cross.Backends.Llvm.Interop;
using Cross.Core.Ir;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Lowering;

/// <summary>
/// The LLVM types of one context. IR values are plain integers in LLVM: f32/f64 are their bit
/// patterns (i32/i64, all arithmetic goes through soft-float), and i128/v128 are i128
/// (v128 operations bitcast to LLVM vectors, see <see cref="Vector(int)"/>).
/// </summary>
internal sealed class LoweringTypes
{
    public LLVMTypeRef I1 { get; }
    public LLVMTypeRef I8 { get; }
    public LLVMTypeRef I16 { get; }
    public LLVMTypeRef I32 { get; }
    public LLVMTypeRef I64 { get; }
    public LLVMTypeRef I128 { get; }
    public LLVMTypeRef Pointer { get; }
    /// <summary>Host floating point, for the fast paths that use the host FPU (see BlockLowering.FloatingPoint).</summary>
    public LLVMTypeRef F32 { get; }
    public LLVMTypeRef F64 { get; }
    public LLVMTypeRef Void { get; }

    /// <summary><c>i32 block(ptr state, ptr runtime)</c>: every compiled block has this type.</summary>
    public LLVMTypeRef Block { get; }

    public LoweringTypes(LLVMContextRef context)
    {
        I1 = LLVMInt1TypeInContext(context);
        I8 = LLVMInt8TypeInContext(context);
        I16 = LLVMInt16TypeInContext(context);
        I32 = LLVMInt32TypeInContext(context);
        I64 = LLVMInt64TypeInContext(context);
        I128 = LLVMInt128TypeInContext(context);
        Pointer = LLVMPointerTypeInContext(context, 0);
        F32 = LLVMFloatTypeInContext(context);
        F64 = LLVMDoubleTypeInContext(context);
        Void = LLVMVoidTypeInContext(context);
        Block = LLVMFunctionType(I32, [Pointer, Pointer]);
    }

    /// <summary>Width in bits of the LLVM integer that holds an IR value of this type.</summary>
    public static int BitsOf(IrType type) => type switch
    {
        IrType.I1 => 1,
        IrType.I8 => 8,
        IrType.I16 => 16,
        IrType.I32 or IrType.F32 => 32,
        IrType.I64 or IrType.F64 => 64,
        IrType.I128 or IrType.V128 => 128,
        _ => throw new NotSupportedException($"no LLVM representation for {type.Name()}"),
    };

    public LLVMTypeRef Integer(int bits) => bits switch
    {
        1 => I1,
        8 => I8,
        16 => I16,
        32 => I32,
        64 => I64,
        128 => I128,
        _ => throw new ArgumentOutOfRangeException(nameof(bits), bits, "no such integer type in the LLVM backend"),
    };

    public LLVMTypeRef Of(IrType type) => Integer(BitsOf(type));

    /// <summary>
    /// The LLVM vector a v128 is viewed as for lane-wise work (<c>&lt;16 x i8&gt;</c> … <c>&lt;2 x i64&gt;</c>);
    /// v128 values themselves stay i128, bitcast to this and back around each operation.
    /// </summary>
    public LLVMTypeRef Vector(int laneBits) => Vector(laneBits, 128 / laneBits);

    public LLVMTypeRef Vector(int laneBits, int lanes) => LLVMVectorType(Integer(laneBits), (uint)lanes);
}
