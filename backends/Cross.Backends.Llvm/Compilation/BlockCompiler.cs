using Cross.Backends.Llvm.Interop;
using Cross.Backends.Llvm.Lowering;
using Cross.Backends.Llvm.Runtime;
using Cross.Core.Ir;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Compilation;

/// <summary>Host code for one block: its entry point and the guest-state bytes it needs.</summary>
internal readonly record struct CompiledCode(nint Entry, int StateExtent, IReadOnlyList<nint> ExitSlots);

/// <summary>
/// What happens to a block, in order:
/// 1. check the IR (the verifier's rules are what the lowering relies on);
/// 2. lower it to one LLVM function in a fresh module and context;
/// 3. verify the module (optional);
/// 4. run the pass pipeline of the chosen level;
/// 5. hand the module to LLJIT, which compiles it, and look the function up.
/// Callers serialise calls (the backend's compile lock).
/// </summary>
internal sealed class BlockCompiler(LlvmJit jit, HelperTable helpers, ExitSlotArena exitSlots, LlvmBackendOptions options)
{
    private long _counter;

    public CompiledCode Compile(IrBlock block)
    {
        var errors = IrVerifier.Check(block);
        if (errors.Count > 0)
            throw new IrVerificationException($"invalid IR block at 0x{block.GuestPc:x}: {string.Join("; ", errors)}");

        var name = $"cross_block_{++_counter}_{block.GuestPc:x}";
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
                var slots = AllocateExitSlots(block);
                var stateExtent = Lower(block, name, context, module, slots);
                if (options.VerifyModules && VerifyModule(module) is { } report)
                    throw new LlvmException($"lowering of block 0x{block.GuestPc:x} produced invalid LLVM IR: {report}");
                jit.Optimize(module);
                options.OnLlvmIr?.Invoke(block, TakeMessage(LLVMPrintModuleToString(module)));
                handedOver = true;
                return new CompiledCode(jit.Add(module, threadSafeContext, name), stateExtent, slots ?? []);
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

    /// <summary>One exit slot per direct target (two for ExitCond) when chaining is on.</summary>
    private nint[]? AllocateExitSlots(IrBlock block)
    {
        if (options.MaxChainedInstructions <= 0) return null;
        var count = block.Terminator.Op switch
        {
            Opcode.ExitDirect => 1,
            Opcode.ExitCond => 2,
            _ => 0,
        };
        var slots = new nint[count];
        for (var i = 0; i < count; i++) slots[i] = exitSlots.Allocate();
        return slots;
    }

    private int Lower(IrBlock block, string name, LLVMContextRef context, LLVMModuleRef module, nint[]? slots)
    {
        var builder = LLVMCreateBuilderInContext(context);
        try
        {
            var lowering = new BlockLowering(block, name, context, module, builder, new LoweringTypes(context), helpers, options.DirectMemory, slots);
            lowering.Lower();
            return lowering.StateExtent;
        }
        finally
        {
            LLVMDisposeBuilder(builder);
        }
    }
}
