using Cross.Backends.Interpreter;
using Cross.Backends.Llvm;
using Cross.Core.Engine;

namespace Cross.Cli;

/// <summary>
/// The backend a run uses: the one asked for with --jit, falling back to the interpreter with a
/// one-line reason when the LLVM library cannot be loaded.
/// </summary>
internal sealed class BackendChoice : IDisposable
{
    public IBackend Backend { get; }

    private BackendChoice(IBackend backend) => Backend = backend;

    public static BackendChoice Create(string jit, TextWriter diagnostics)
    {
        if (jit == "interp") return new BackendChoice(new InterpreterBackend());
        var options = new LlvmBackendOptions { OptimizationLevel = LlvmOptimizationLevel.O1 };
        if (LlvmBackend.TryCreate(options, out var llvm, out var reason)) return new BackendChoice(llvm!);
        diagnostics.WriteLine($"cross: LLVM backend unavailable ({reason}); using the interpreter");
        return new BackendChoice(new InterpreterBackend());
    }

    public void Dispose() => (Backend as IDisposable)?.Dispose();
}
