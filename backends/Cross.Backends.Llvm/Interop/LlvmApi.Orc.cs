using System.Runtime.InteropServices;

namespace Cross.Backends.Llvm.Interop;

// ORC LLJIT, error handling, target machines and the new pass manager (llvm-c/LLJIT.h, Orc.h,
// Error.h, TargetMachine.h, Transforms/PassBuilder.h). See the SAFETY note on the class.
internal static unsafe partial class LlvmApi
{
    // Errors.
    [LibraryImport(Library)] public static partial nint LLVMGetErrorMessage(LLVMErrorRef error);
    [LibraryImport(Library)] public static partial void LLVMDisposeErrorMessage(nint message);

    // Targets.
    [LibraryImport(Library)] public static partial void LLVMInitializeX86TargetInfo();
    [LibraryImport(Library)] public static partial void LLVMInitializeX86Target();
    [LibraryImport(Library)] public static partial void LLVMInitializeX86TargetMC();
    [LibraryImport(Library)] public static partial void LLVMInitializeX86AsmPrinter();
    [LibraryImport(Library)] public static partial void LLVMInitializeAArch64TargetInfo();
    [LibraryImport(Library)] public static partial void LLVMInitializeAArch64Target();
    [LibraryImport(Library)] public static partial void LLVMInitializeAArch64TargetMC();
    [LibraryImport(Library)] public static partial void LLVMInitializeAArch64AsmPrinter();

    [LibraryImport(Library)] public static partial nint LLVMGetDefaultTargetTriple();
    [LibraryImport(Library)] public static partial nint LLVMGetHostCPUName();
    [LibraryImport(Library)] public static partial nint LLVMGetHostCPUFeatures();
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LLVMGetTargetFromTriple(string triple, LLVMTargetRef* target, nint* errorMessage);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial LLVMTargetMachineRef LLVMCreateTargetMachine(LLVMTargetRef target, string triple, string cpu, string features,
        LLVMCodeGenOptLevel level, LLVMRelocMode reloc, LLVMCodeModel codeModel);
    [LibraryImport(Library)] public static partial void LLVMDisposeTargetMachine(LLVMTargetMachineRef machine);

    // The new pass manager.
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial LLVMErrorRef LLVMRunPasses(LLVMModuleRef module, string passes, LLVMTargetMachineRef machine, LLVMPassBuilderOptionsRef options);
    [LibraryImport(Library)] public static partial LLVMPassBuilderOptionsRef LLVMCreatePassBuilderOptions();
    [LibraryImport(Library)] public static partial void LLVMDisposePassBuilderOptions(LLVMPassBuilderOptionsRef options);

    // ORC.
    [LibraryImport(Library)] public static partial LLVMOrcThreadSafeContextRef LLVMOrcCreateNewThreadSafeContext();
    [LibraryImport(Library)] public static partial LLVMContextRef LLVMOrcThreadSafeContextGetContext(LLVMOrcThreadSafeContextRef context);
    [LibraryImport(Library)] public static partial void LLVMOrcDisposeThreadSafeContext(LLVMOrcThreadSafeContextRef context);
    [LibraryImport(Library)] public static partial LLVMOrcThreadSafeModuleRef LLVMOrcCreateNewThreadSafeModule(LLVMModuleRef module, LLVMOrcThreadSafeContextRef context);
    [LibraryImport(Library)] public static partial LLVMOrcJITTargetMachineBuilderRef LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine(LLVMTargetMachineRef machine);
    [LibraryImport(Library)] public static partial LLVMOrcLLJITBuilderRef LLVMOrcCreateLLJITBuilder();
    [LibraryImport(Library)] public static partial void LLVMOrcLLJITBuilderSetJITTargetMachineBuilder(LLVMOrcLLJITBuilderRef builder, LLVMOrcJITTargetMachineBuilderRef machineBuilder);
    [LibraryImport(Library)] public static partial LLVMErrorRef LLVMOrcCreateLLJIT(LLVMOrcLLJITRef* result, LLVMOrcLLJITBuilderRef builder);
    [LibraryImport(Library)] public static partial LLVMErrorRef LLVMOrcDisposeLLJIT(LLVMOrcLLJITRef jit);
    [LibraryImport(Library)] public static partial LLVMOrcJITDylibRef LLVMOrcLLJITGetMainJITDylib(LLVMOrcLLJITRef jit);
    [LibraryImport(Library)] public static partial nint LLVMOrcLLJITGetDataLayoutStr(LLVMOrcLLJITRef jit);
    [LibraryImport(Library)] public static partial nint LLVMOrcLLJITGetTripleString(LLVMOrcLLJITRef jit);
    [LibraryImport(Library)] public static partial LLVMErrorRef LLVMOrcLLJITAddLLVMIRModule(LLVMOrcLLJITRef jit, LLVMOrcJITDylibRef dylib, LLVMOrcThreadSafeModuleRef module);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial LLVMErrorRef LLVMOrcLLJITLookup(LLVMOrcLLJITRef jit, ulong* result, string name);

    public static LLVMOrcLLJITRef CreateLLJIT(LLVMOrcLLJITBuilderRef builder)
    {
        LLVMOrcLLJITRef jit;
        // SAFETY: jit is a local that LLVM writes the new handle into; the builder is consumed.
        Check(LLVMOrcCreateLLJIT(&jit, builder), "creating the LLJIT");
        return jit;
    }

    public static ulong Lookup(LLVMOrcLLJITRef jit, string name)
    {
        ulong address;
        // SAFETY: address is a local that LLVM writes the symbol's address into.
        Check(LLVMOrcLLJITLookup(jit, &address, name), $"looking up {name}");
        return address;
    }

    public static LLVMTargetRef GetTargetFromTriple(string triple)
    {
        LLVMTargetRef target;
        nint error;
        // SAFETY: both outputs are locals; the error message is copied and freed at once.
        if (LLVMGetTargetFromTriple(triple, &target, &error) != 0)
            throw new LlvmException($"no LLVM target for {triple}: {TakeMessage(error)}");
        return target;
    }

    public static Version GetVersion()
    {
        uint major, minor, patch;
        // SAFETY: three locals that LLVM fills in.
        LLVMGetVersion(&major, &minor, &patch);
        return new Version((int)major, (int)minor, (int)patch);
    }

    /// <summary>Runs LLVM's verifier; returns its report, or null when the module is well formed.</summary>
    public static string? VerifyModule(LLVMModuleRef module)
    {
        nint message;
        // SAFETY: message is a local that LLVM sets to a string it allocated (freed by TakeMessage).
        var failed = LLVMVerifyModule(module, LLVMVerifierFailureAction.LLVMReturnStatusAction, &message) != 0;
        var text = TakeMessage(message);
        return failed ? text : null;
    }

    /// <summary>Throws <see cref="LlvmException"/> with LLVM's message when <paramref name="error"/> is set (consuming it).</summary>
    public static void Check(LLVMErrorRef error, string what)
    {
        if (error.IsNull) return;
        var message = LLVMGetErrorMessage(error);
        var text = Marshal.PtrToStringUTF8(message) ?? "";
        LLVMDisposeErrorMessage(message);
        throw new LlvmException($"{what}: {text}");
    }
}

/// <summary>An LLVM operation failed; the message is LLVM's own.</summary>
public sealed class LlvmException(string message) : Exception(message);
