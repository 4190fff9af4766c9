using Cross.Backends.Llvm.Interop;
using Cross.Backends.Llvm.Lowering;
using Cross.Backends.Llvm.Runtime;
using Cross.Core.Engine;
using Cross.Core.Ir;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Compilation;

/// <summary>Host code for one region: its entry point, the guest-state bytes it needs, its exit slots.</summary>
internal readonly record struct CompiledCode(nint Entry, int StateExtent, IReadOnlyList<nint> ExitSlots);

/// <summary>
/// What happens to a region, in order:
/// 1. check each member's IR (the verifier's rules are what the lowering relies on);
/// 2. lower the region to one LLVM function in a fresh module and context;
/// 3. verify the module (optional);
/// 4. run the pass pipeline of the chosen level;
/// 5. hand the module to LLJIT, which compiles it, and look the function up.
/// Callers serialise calls (the backend's compile lock).
/// </summary>
internal sealed class BlockCompiler(HelperTable helpers, ExitSlotArena exitSlots, LlvmBackendOptions options)
{
    private long _counter;

    /// <summary>
    /// Compiles a region into <paramref name="jit"/> (whose level sets the passes and the code
    /// generator); with <paramref name="fallbackExits"/>, its slow memory paths leave through fallback exits.
    /// </summary>
    public CompiledCode Compile(LlvmJit jit, CodeRegion region, bool fallbackExits)
    {
        foreach (var block in region.Blocks)
        {
            var errors = IrVerifier.Check(block);
            if (errors.Count > 0)
                throw new IrVerificationException($"invalid IR block at 0x{block.GuestPc:x}: {string.Join("; ", errors)}");
        }

        var name = $"cross_region_{++_counter}_{region.Entry.GuestPc:x}";
        var threadSafeContext = LLVMOrcCreateNewThreadSafeContext();
        try
        {
            var context = LLVMOrcThreadSafeContextGetContext(threadSafeContext);
            var module = LLVMModuleCreateWithNameInContext(name, context);
            var handedOver = false;
            try
            {
                LLVMSetDataLayout(module, jit.DataLayout);
                LLVMSetTarget(module, jit.Triple);
                var (stateExtent, slots) = Lower(region, name, context, module, fallbackExits);
                if (options.VerifyModules && VerifyModule(module) is { } report)
                    throw new LlvmException($"lowering of the region at 0x{region.Entry.GuestPc:x} produced invalid LLVM IR: {report}");
                jit.Optimize(module);
                options.OnLlvmIr?.Invoke(region.Entry, TakeMessage(LLVMPrintModuleToString(module)));
                handedOver = true;
                return new CompiledCode(jit.Add(module, threadSafeContext, name), stateExtent, slots);
            }
            finally
            {
                if (!handedOver) LLVMDisposeModule(module);
            }
        }
        finally
        {
            // Modules handed to the JIT keep their own reference to the context.
            LLVMOrcDisposeThreadSafeContext(threadSafeContext);
        }
    }

    private (int StateExtent, IReadOnlyList<nint> Slots) Lower(CodeRegion region, string name, LLVMContextRef context, LLVMModuleRef module, bool fallbackExits)
    {
        var builder = LLVMCreateBuilderInContext(context);
        try
        {
            var lowering = new RegionLowering(region, name, context, module, builder, new LoweringTypes(context), helpers,
                options.DirectMemory, fallbackExits, options.Chaining ? exitSlots.Allocate : null);
            lowering.Lower();
            return (lowering.StateExtent, lowering.ExitSlots.ToArray());
        }
        finally
        {
            LLVMDisposeBuilder(builder);
        }
    }
}
