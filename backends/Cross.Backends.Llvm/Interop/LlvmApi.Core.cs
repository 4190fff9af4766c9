using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cross.Backends.Llvm.Interop;

/// <summary>
/// The LLVM-C functions the backend uses, bound by <c>LibraryImport</c> to Debian's libLLVM-19 and
/// named exactly as in the C headers (<c>llvm-c/Core.h</c> and friends).
/// </summary>
/// <remarks>
/// SAFETY (whole class): every import takes opaque handles that LLVM itself handed out, or
/// pointers to memory that the caller pins for the duration of the call (<c>fixed</c> below or
/// the source-generated string marshalling). None of these functions keep a pointer to caller
/// memory after they return.
/// </remarks>
internal static unsafe partial class LlvmApi
{
    internal const string Library = "LLVM-19";

    static LlvmApi() => LlvmLibrary.InstallResolver();

    /// <summary>A NUL-terminated empty name for values and blocks; LLVM never takes a null name.</summary>
    public static nint NoName
    {
        get
        {
            // SAFETY: a UTF-8 literal lives in the assembly's read-only data, which never moves.
            return (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference("\0"u8));
        }
    }

    [LibraryImport(Library)] public static partial void LLVMGetVersion(uint* major, uint* minor, uint* patch);
    [LibraryImport(Library)] public static partial void LLVMDisposeMessage(nint message);

    // Modules.
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial LLVMModuleRef LLVMModuleCreateWithNameInContext(string moduleId, LLVMContextRef context);
    [LibraryImport(Library)] public static partial void LLVMDisposeModule(LLVMModuleRef module);
    [LibraryImport(Library)] public static partial void LLVMSetDataLayout(LLVMModuleRef module, nint dataLayout);
    [LibraryImport(Library)] public static partial void LLVMSetTarget(LLVMModuleRef module, nint triple);
    [LibraryImport(Library)] public static partial nint LLVMPrintModuleToString(LLVMModuleRef module);
    [LibraryImport(Library)] public static partial int LLVMVerifyModule(LLVMModuleRef module, LLVMVerifierFailureAction action, nint* outMessage);

    // Types.
    [LibraryImport(Library)] public static partial LLVMTypeRef LLVMInt1TypeInContext(LLVMContextRef context);
    [LibraryImport(Library)] public static partial LLVMTypeRef LLVMInt8TypeInContext(LLVMContextRef context);
    [LibraryImport(Library)] public static partial LLVMTypeRef LLVMInt16TypeInContext(LLVMContextRef context);
    [LibraryImport(Library)] public static partial LLVMTypeRef LLVMInt32TypeInContext(LLVMContextRef context);
    [LibraryImport(Library)] public static partial LLVMTypeRef LLVMInt64TypeInContext(LLVMContextRef context);
    [LibraryImport(Library)] public static partial LLVMTypeRef LLVMInt128TypeInContext(LLVMContextRef context);
    [LibraryImport(Library)] public static partial LLVMTypeRef LLVMFloatTypeInContext(LLVMContextRef context);
    [LibraryImport(Library)] public static partial LLVMTypeRef LLVMDoubleTypeInContext(LLVMContextRef context);
    [LibraryImport(Library)] public static partial LLVMTypeRef LLVMVoidTypeInContext(LLVMContextRef context);
    [LibraryImport(Library)] public static partial LLVMTypeRef LLVMPointerTypeInContext(LLVMContextRef context, uint addressSpace);
    [LibraryImport(Library)] public static partial LLVMTypeRef LLVMFunctionType(LLVMTypeRef returnType, LLVMTypeRef* paramTypes, uint paramCount, int isVarArg);
    [LibraryImport(Library)] public static partial LLVMTypeRef LLVMArrayType2(LLVMTypeRef elementType, ulong count);
    [LibraryImport(Library)] public static partial LLVMTypeRef LLVMVectorType(LLVMTypeRef elementType, uint count);

    public static LLVMTypeRef LLVMFunctionType(LLVMTypeRef returnType, ReadOnlySpan<LLVMTypeRef> paramTypes)
    {
        // SAFETY: the span is pinned for the call; LLVM copies the parameter list.
        fixed (LLVMTypeRef* pointer = paramTypes) return LLVMFunctionType(returnType, pointer, (uint)paramTypes.Length, 0);
    }

    // Functions, attributes and blocks.
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial LLVMValueRef LLVMAddFunction(LLVMModuleRef module, string name, LLVMTypeRef functionType);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial LLVMValueRef LLVMGetNamedFunction(LLVMModuleRef module, string name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMGetParam(LLVMValueRef function, uint index);
    [LibraryImport(Library)] public static partial LLVMBasicBlockRef LLVMAppendBasicBlockInContext(LLVMContextRef context, LLVMValueRef function, nint name);
    [LibraryImport(Library)] public static partial uint LLVMGetEnumAttributeKindForName(byte* name, nuint length);
    [LibraryImport(Library)] public static partial nint LLVMCreateEnumAttribute(LLVMContextRef context, uint kind, ulong value);
    [LibraryImport(Library)] public static partial void LLVMAddAttributeAtIndex(LLVMValueRef function, uint index, nint attribute);
    [LibraryImport(Library)] public static partial void LLVMAddCallSiteAttribute(LLVMValueRef call, uint index, nint attribute);

    public static uint LLVMGetEnumAttributeKindForName(ReadOnlySpan<byte> name)
    {
        // SAFETY: the span is pinned for the call and its length is passed; LLVM only reads it.
        fixed (byte* pointer = name) return LLVMGetEnumAttributeKindForName(pointer, (nuint)name.Length);
    }

    // Constants.
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMConstInt(LLVMTypeRef type, ulong value, int signExtend);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMConstIntOfArbitraryPrecision(LLVMTypeRef type, uint numWords, ulong* words);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMConstNull(LLVMTypeRef type);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMConstVector(LLVMValueRef* scalarConstants, uint count);

    public static LLVMValueRef LLVMConstVector(ReadOnlySpan<LLVMValueRef> scalarConstants)
    {
        // SAFETY: the span is pinned for the call; LLVM copies the elements into the constant.
        fixed (LLVMValueRef* pointer = scalarConstants) return LLVMConstVector(pointer, (uint)scalarConstants.Length);
    }

    public static LLVMValueRef LLVMConstIntOfArbitraryPrecision(LLVMTypeRef type, ReadOnlySpan<ulong> words)
    {
        // SAFETY: the span is pinned for the call; LLVM copies the words into its APInt.
        fixed (ulong* pointer = words) return LLVMConstIntOfArbitraryPrecision(type, (uint)words.Length, pointer);
    }

    // Builders.
    [LibraryImport(Library)] public static partial LLVMBuilderRef LLVMCreateBuilderInContext(LLVMContextRef context);
    [LibraryImport(Library)] public static partial void LLVMDisposeBuilder(LLVMBuilderRef builder);
    [LibraryImport(Library)] public static partial void LLVMPositionBuilderAtEnd(LLVMBuilderRef builder, LLVMBasicBlockRef block);
    [LibraryImport(Library)] public static partial LLVMBasicBlockRef LLVMGetInsertBlock(LLVMBuilderRef builder);

    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildRet(LLVMBuilderRef builder, LLVMValueRef value);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildBr(LLVMBuilderRef builder, LLVMBasicBlockRef destination);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildCondBr(LLVMBuilderRef builder, LLVMValueRef condition, LLVMBasicBlockRef then, LLVMBasicBlockRef otherwise);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildSwitch(LLVMBuilderRef builder, LLVMValueRef value, LLVMBasicBlockRef otherwise, uint caseCount);
    [LibraryImport(Library)] public static partial void LLVMAddCase(LLVMValueRef @switch, LLVMValueRef onValue, LLVMBasicBlockRef destination);

    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildAdd(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildSub(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildMul(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildUDiv(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildSDiv(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildURem(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildSRem(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildShl(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildLShr(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildAShr(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildAnd(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildOr(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildXor(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildNeg(LLVMBuilderRef builder, LLVMValueRef value, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildNot(LLVMBuilderRef builder, LLVMValueRef value, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildICmp(LLVMBuilderRef builder, LLVMIntPredicate predicate, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildSelect(LLVMBuilderRef builder, LLVMValueRef condition, LLVMValueRef then, LLVMValueRef otherwise, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildZExt(LLVMBuilderRef builder, LLVMValueRef value, LLVMTypeRef type, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildSExt(LLVMBuilderRef builder, LLVMValueRef value, LLVMTypeRef type, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildBitCast(LLVMBuilderRef builder, LLVMValueRef value, LLVMTypeRef type, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildFAdd(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildFSub(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildFMul(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildFDiv(LLVMBuilderRef builder, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildFCmp(LLVMBuilderRef builder, LLVMRealPredicate predicate, LLVMValueRef lhs, LLVMValueRef rhs, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMConstReal(LLVMTypeRef type, double value);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildTrunc(LLVMBuilderRef builder, LLVMValueRef value, LLVMTypeRef type, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildExtractElement(LLVMBuilderRef builder, LLVMValueRef vector, LLVMValueRef index, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildInsertElement(LLVMBuilderRef builder, LLVMValueRef vector, LLVMValueRef element, LLVMValueRef index, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildShuffleVector(LLVMBuilderRef builder, LLVMValueRef first, LLVMValueRef second, LLVMValueRef mask, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildIntToPtr(LLVMBuilderRef builder, LLVMValueRef value, LLVMTypeRef type, nint name);

    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildAlloca(LLVMBuilderRef builder, LLVMTypeRef type, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildLoad2(LLVMBuilderRef builder, LLVMTypeRef type, LLVMValueRef pointer, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildStore(LLVMBuilderRef builder, LLVMValueRef value, LLVMValueRef pointer);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildGEP2(LLVMBuilderRef builder, LLVMTypeRef type, LLVMValueRef pointer, LLVMValueRef* indices, uint count, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildFence(LLVMBuilderRef builder, LLVMAtomicOrdering ordering, int singleThread, nint name);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildAtomicRMW(LLVMBuilderRef builder, LLVMAtomicRMWBinOp op, LLVMValueRef pointer, LLVMValueRef value, LLVMAtomicOrdering ordering, int singleThread);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildAtomicCmpXchg(LLVMBuilderRef builder, LLVMValueRef pointer, LLVMValueRef expected, LLVMValueRef desired, LLVMAtomicOrdering successOrdering, LLVMAtomicOrdering failureOrdering, int singleThread);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildExtractValue(LLVMBuilderRef builder, LLVMValueRef aggregate, uint index, nint name);
    [LibraryImport(Library)] public static partial void LLVMSetAlignment(LLVMValueRef instruction, uint bytes);
    [LibraryImport(Library)] public static partial void LLVMSetOrdering(LLVMValueRef instruction, LLVMAtomicOrdering ordering);
    [LibraryImport(Library)] public static partial void LLVMSetVolatile(LLVMValueRef memoryAccess, int isVolatile);
    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildIsNotNull(LLVMBuilderRef builder, LLVMValueRef value, nint name);

    public static LLVMValueRef LLVMBuildGEP2(LLVMBuilderRef builder, LLVMTypeRef type, LLVMValueRef pointer, LLVMValueRef index)
    {
        // SAFETY: the single index lives on this stack frame for the duration of the call.
        return LLVMBuildGEP2(builder, type, pointer, &index, 1, NoName);
    }

    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildPhi(LLVMBuilderRef builder, LLVMTypeRef type, nint name);
    [LibraryImport(Library)] public static partial void LLVMAddIncoming(LLVMValueRef phi, LLVMValueRef* values, LLVMBasicBlockRef* blocks, uint count);

    public static void LLVMAddIncoming(LLVMValueRef phi, LLVMValueRef value, LLVMBasicBlockRef block)
    {
        // SAFETY: both arrays of one element live on this stack frame for the duration of the call.
        LLVMAddIncoming(phi, &value, &block, 1);
    }

    [LibraryImport(Library)] public static partial LLVMValueRef LLVMBuildCall2(LLVMBuilderRef builder, LLVMTypeRef functionType, LLVMValueRef function, LLVMValueRef* args, uint count, nint name);
    [LibraryImport(Library)] public static partial void LLVMSetTailCallKind(LLVMValueRef call, LLVMTailCallKind kind);

    public static LLVMValueRef LLVMBuildCall2(LLVMBuilderRef builder, LLVMTypeRef functionType, LLVMValueRef function, ReadOnlySpan<LLVMValueRef> args)
    {
        // SAFETY: the argument span is pinned for the call; LLVM copies the operands.
        fixed (LLVMValueRef* pointer = args) return LLVMBuildCall2(builder, functionType, function, pointer, (uint)args.Length, NoName);
    }

    /// <summary>Copies and frees a message that LLVM allocated (LLVMDisposeMessage).</summary>
    public static string TakeMessage(nint message)
    {
        if (message == 0) return "";
        var text = Marshal.PtrToStringUTF8(message) ?? "";
        LLVMDisposeMessage(message);
        return text;
    }
}
