using Cross.Backends.Interpreter;
using Cross.Backends.Llvm;
using Cross.Core.Engine;

namespace Cross.Cli;

/// <summary>How guest code should run: the --jit options of a command.</summary>
public sealed record JitSettings
{
    /// <summary>"interp" or "llvm".</summary>
    public string Jit { get; init; } = "llvm";

    /// <summary>
    /// Dispatches of a block in the interpreter before LLVM compiles a region from it; 0 compiles
    /// every block with LLVM before it first runs (no interpreter tier). Null: the default.
    /// </summary>
    public int? Threshold { get; init; }

    /// <summary>LLVM's optimisation level; null: O2 for tiered regions, O1 for every-block compiles.</summary>
    public LlvmOptimizationLevel? Optimization { get; init; }

    /// <summary>A directory to write each compiled region's optimised LLVM IR to (region-PC.ll), or null.</summary>
    public string? LlvmDumpDirectory { get; init; }
}

/// <summary>
/// The backend a run uses: the interpreter, or LLVM tiered over the interpreter (hot code compiled
/// at O2 on a background thread), falling back to the interpreter with a one-line reason when
/// the LLVM library cannot be loaded.
/// </summary>
internal sealed class BackendChoice : IDisposable
{
    public IBackend Backend { get; }

    private BackendChoice(IBackend backend) => Backend = backend;

    public static BackendChoice Create(string jit, TextWriter diagnostics) => Create(new JitSettings { Jit = jit }, diagnostics);

    public static BackendChoice Create(JitSettings settings, TextWriter diagnostics)
    {
        if (settings.Jit == "interp") return new BackendChoice(new InterpreterBackend());
        var everyBlock = settings.Threshold == 0;
        var level = settings.Optimization ?? (everyBlock ? LlvmOptimizationLevel.O1 : LlvmOptimizationLevel.O2);
        var llvmOptions = new LlvmBackendOptions { OptimizationLevel = level };
        if (settings.LlvmDumpDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
            llvmOptions = llvmOptions with
            {
                OnLlvmIr = (entry, text) => File.WriteAllText(Path.Combine(directory, $"region-{entry.GuestPc:x}.ll"), text),
            };
        }
        if (!LlvmBackend.TryCreate(llvmOptions, out var llvm, out var reason))
        {
            diagnostics.WriteLine($"cross: LLVM backend unavailable ({reason}); using the interpreter");
            return new BackendChoice(new InterpreterBackend());
        }
        if (everyBlock) return new BackendChoice(llvm);
        var tiering = new TieringOptions();
        if (settings.Threshold is { } threshold) tiering = tiering with { Threshold = threshold };
        return new BackendChoice(new TieredBackend(new InterpreterBackend(), llvm, tiering));
    }

    public void Dispose() => (Backend as IDisposable)?.Dispose();
}
