using Cross.Core.Ir;

namespace Cross.Core.Engine;

/// <summary>Turns IR blocks into something that runs: the interpreter, the LLVM JIT.</summary>
public interface IBackend
{
    string Name { get; }

    ICompiledBlock Compile(IrBlock block);

    /// <summary>
    /// Compiles several blocks as one unit entered at <see cref="CodeRegion.Entry"/>, so that
    /// exits from one member to another (a loop's back edge) stay inside the compiled code, with
    /// <paramref name="effort"/> trading compile time for code quality. Backends that compile one
    /// block at a time compile the entry alone. Unlike code from <see cref="Compile(IrBlock)"/>,
    /// region code may leave through <see cref="BlockExitKind.Fallback"/>, leaving an instruction
    /// to the block's baseline code.
    /// </summary>
    ICompiledBlock Compile(CodeRegion region, CompileEffort effort) => Compile(region.Entry);
}

/// <summary>How hard a backend works on a region.</summary>
public enum CompileEffort
{
    /// <summary>Compile fast (to leave the first tier soon), with fair code.</summary>
    Quick,
    /// <summary>Best code, however long it takes (for code that stays hot).</summary>
    Full,
}

public interface ICompiledBlock
{
    /// <summary>The block this code is entered at (a region's entry).</summary>
    IrBlock Source { get; }

    /// <summary>
    /// Runs the code from its entry. A backend that chains compiled code may go on into the blocks
    /// its exits lead to, without returning, while fewer than <paramref name="budget"/> guest
    /// instructions have retired in this call and <see cref="GuestContext.DispatchFlags"/> is
    /// zero; with a budget of 0 it runs one block, or, in a compiled region, one pass along the
    /// region's forward edges (only edges that can close a loop check the budget). The exit
    /// counts every instruction retired.
    /// </summary>
    BlockExit Execute(GuestContext context, long budget);

    /// <summary>
    /// The host entry point of this code, when it is native code that other compiled code of the
    /// same backend may jump to (the engine stores it in the context's jump cache); 0 otherwise.
    /// </summary>
    nint NativeEntry => 0;

    /// <summary>
    /// Called when better code for the same entry has been swapped in: compiled code that
    /// jumps here directly may be pointed at <paramref name="replacement"/> instead. This code
    /// stays valid (it may still be running).
    /// </summary>
    void Superseded(ICompiledBlock replacement) { }
}

public static class CompiledBlockExtensions
{
    /// <summary>Runs one block (a budget of 0: no chaining).</summary>
    public static BlockExit Execute(this ICompiledBlock block, GuestContext context) => block.Execute(context, 0);
}
