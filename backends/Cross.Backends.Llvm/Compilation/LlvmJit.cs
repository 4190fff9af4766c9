using System.Runtime.InteropServices;
using Cross.Backends.Llvm.Interop;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Compilation;

/// <summary>
/// One ORC LLJIT for the host, plus the target machine and options the pass pipeline needs.
/// Not thread-safe: the backend serialises every use under its compile lock.
/// </summary>
internal sealed class LlvmJit : IDisposable
{
    private readonly LLVMOrcLLJITRef _jit;
    private readonly LLVMOrcJITDylibRef _dylib;
    private readonly LLVMTargetMachineRef _passMachine;
    private readonly LLVMPassBuilderOptionsRef _passOptions;
    private readonly string? _pipeline;
    private bool _disposed;

    /// <summary>LLJIT's data layout and triple strings (owned by the LLJIT).</summary>
    public nint DataLayout { get; }
    public nint Triple { get; }

    public LlvmJit(LlvmOptimizationLevel level, string? pipeline)
    {
        InitializeHostTarget();
        var triple = TakeMessage(LLVMGetDefaultTargetTriple());
        var target = GetTargetFromTriple(triple);
        var cpu = TakeMessage(LLVMGetHostCPUName());
        var features = TakeMessage(LLVMGetHostCPUFeatures());
        // Instruction selection and register allocation dominate compile time below O2, so both
        // O0 and O1 use the fast ones (FastISel, the fast register allocator).
        var codeGen = level == LlvmOptimizationLevel.O2 ? LLVMCodeGenOptLevel.LLVMCodeGenLevelDefault : LLVMCodeGenOptLevel.LLVMCodeGenLevelNone;
        LLVMTargetMachineRef Machine() => LLVMCreateTargetMachine(target, triple, cpu, features, codeGen,
            LLVMRelocMode.LLVMRelocDefault, LLVMCodeModel.LLVMCodeModelJITDefault);

        // The JIT target machine builder takes ownership of its template machine, and the LLJIT
        // takes ownership of the builder.
        var builder = LLVMOrcCreateLLJITBuilder();
        LLVMOrcLLJITBuilderSetJITTargetMachineBuilder(builder, LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine(Machine()));
        _jit = CreateLLJIT(builder);
        _dylib = LLVMOrcLLJITGetMainJITDylib(_jit);
        DataLayout = LLVMOrcLLJITGetDataLayoutStr(_jit);
        Triple = LLVMOrcLLJITGetTripleString(_jit);
        _passMachine = Machine();
        _passOptions = LLVMCreatePassBuilderOptions();
        _pipeline = pipeline ?? level switch
        {
            LlvmOptimizationLevel.O0 => null,
            LlvmOptimizationLevel.O1 => "function(early-cse<memssa>,instcombine<no-verify-fixpoint>,simplifycfg)",
            // Not default<O2>: its vectorisers and loop transforms cost about a third of the
            // compile time of a hot region and gained nothing on the benchmark workloads; this
            // keeps what guest code needs (guest registers promoted, redundant loads and checks
            // merged, invariant checks hoisted out of loops, dead flag stores gone).
            _ => "function(sroa,early-cse<memssa>,instcombine<no-verify-fixpoint>,simplifycfg,gvn,"
                 + "instcombine<no-verify-fixpoint>,loop-mssa(licm),dse,simplifycfg)",
        };
    }

    /// <summary>
    /// LLVM's target registry is process-wide and registration is not thread-safe, so the host
    /// target is registered once per process, whichever backend comes first.
    /// </summary>
    private static readonly Lazy<bool> HostTargetRegistered = new(RegisterHostTarget, LazyThreadSafetyMode.ExecutionAndPublication);

    private static void InitializeHostTarget() => _ = HostTargetRegistered.Value;

    private static bool RegisterHostTarget()
    {
        // LLVM_InitializeNativeTarget is a static inline in the headers; call what it would.
        switch (RuntimeInformation.ProcessArchitecture)
        {
            case Architecture.X64:
                LLVMInitializeX86TargetInfo();
                LLVMInitializeX86Target();
                LLVMInitializeX86TargetMC();
                LLVMInitializeX86AsmPrinter();
                break;
            case Architecture.Arm64:
                LLVMInitializeAArch64TargetInfo();
                LLVMInitializeAArch64Target();
                LLVMInitializeAArch64TargetMC();
                LLVMInitializeAArch64AsmPrinter();
                break;
            default:
                throw new LlvmException($"no LLVM code generator is set up for {RuntimeInformation.ProcessArchitecture} hosts");
        }
        return true;
    }

    /// <summary>Runs the configured pass pipeline over a module (nothing at O0).</summary>
    public void Optimize(LLVMModuleRef module)
    {
        if (_pipeline is null) return;
        Check(LLVMRunPasses(module, _pipeline, _passMachine, _passOptions), "running LLVM passes");
    }

    /// <summary>Hands a module (and its context) to the JIT, compiles it, and returns the address of <paramref name="symbol"/>.</summary>
    public nint Add(LLVMModuleRef module, LLVMOrcThreadSafeContextRef context, string symbol)
    {
        var threadSafeModule = LLVMOrcCreateNewThreadSafeModule(module, context);
        Check(LLVMOrcLLJITAddLLVMIRModule(_jit, _dylib, threadSafeModule), "adding a module to the JIT");
        return (nint)Lookup(_jit, symbol);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        LLVMDisposePassBuilderOptions(_passOptions);
        LLVMDisposeTargetMachine(_passMachine);
        Check(LLVMOrcDisposeLLJIT(_jit), "disposing the LLJIT");
    }
}
