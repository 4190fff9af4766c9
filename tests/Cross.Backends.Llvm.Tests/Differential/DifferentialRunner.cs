using System.Text;
using Cross.Backends.Interpreter;
using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;
using Xunit.Sdk;

namespace Cross.Backends.Llvm.Tests.Differential;

/// <summary>One side of a differential run: a memory the block runs against and a view of its bytes.</summary>
public interface IDifferentialMemory : IDisposable
{
    IGuestMemory Memory { get; }
    Span<byte> Bytes { get; }
    /// <summary>Anything besides the bytes that both sides must agree on (page permission bytes…).</summary>
    byte[] Extra { get; }
}

/// <summary>
/// Runs random blocks on the interpreter and on the LLVM backend from identical initial state
/// and memory, and fails with the seed, the block and the first difference.
/// </summary>
public sealed class DifferentialRunner(LlvmBackend llvm, MemoryWindow window, Func<IDifferentialMemory> createMemory)
{
    /// <summary>
    /// Compile each block as a one-block region with this effort instead (optimising-tier code).
    /// Such code may leave an instruction to the first tier (a fallback exit); those blocks are not
    /// compared, and <see cref="Run"/> returns how many there were.
    /// </summary>
    public CompileEffort? RegionEffort { get; init; }

    /// <summary>Set CROSS_LLVM_SEED to replay a failing run.</summary>
    public static int Seed(int defaultSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable("CROSS_LLVM_SEED"), out var seed) ? seed : defaultSeed;

    private readonly InterpreterBackend _interpreter = new();

    /// <summary>Runs <paramref name="blocks"/> random blocks; returns how many left through a fallback exit (not compared).</summary>
    public int Run(int seed, int blocks, int maxInstructions = 40)
    {
        var helpers = RandomBlockGenerator.Helpers(window);
        var fallbacks = 0;
        for (var index = 0; index < blocks; index++)
            if (!RunOne(seed, index, helpers, maxInstructions)) fallbacks++;
        return fallbacks;
    }

    private bool RunOne(int seed, int index, IReadOnlyList<IrHelper> helpers, int maxInstructions)
    {
        var blockSeed = unchecked(seed * 1_000_003 + index);
        var random = new Random(blockSeed);
        var block = new RandomBlockGenerator(random, window, helpers).Generate(maxInstructions);

        var initialState = new byte[RandomBlockGenerator.StateSize];
        random.NextBytes(initialState);
        // The engine enters every block with the PC register at the block's start (helpers may read it).
        BitConverter.TryWriteBytes(initialState.AsSpan(RandomBlockGenerator.PcOffset), block.GuestPc);
        using var expectedMemory = createMemory();
        using var actualMemory = createMemory();
        random.NextBytes(expectedMemory.Bytes);
        expectedMemory.Bytes.CopyTo(actualMemory.Bytes);

        var expectedContext = Context(initialState, expectedMemory.Memory);
        var actualContext = Context(initialState, actualMemory.Memory);

        var expected = Execute(_interpreter, block, expectedContext);
        ICompiledBlock compiled;
        try
        {
            compiled = RegionEffort is { } effort ? llvm.Compile(new CodeRegion(block), effort) : llvm.Compile(block);
        }
        catch (Exception error)
        {
            throw Failure(seed, index, block, $"the LLVM backend could not compile the block: {error}");
        }
        var actual = Execute(compiled, actualContext);
        if (actual.Exit is { Kind: BlockExitKind.Fallback } fallback)
        {
            if (RegionEffort is null) throw Failure(seed, index, block, "block code left through a fallback exit");
            if (fallback.InstructionsRetired > block.GuestInstructionCount) throw Failure(seed, index, block, "a fallback exit retired too much");
            return false;
        }

        if (Describe(expected) != Describe(actual))
            throw Failure(seed, index, block, $"exits differ\n  interpreter: {Describe(expected)}\n  llvm:        {Describe(actual)}");
        if (FirstDifference(expectedContext.State.Bytes, actualContext.State.Bytes) is { } stateAt)
            throw Failure(seed, index, block, $"guest state differs at byte {stateAt}: interpreter 0x{expectedContext.State.Bytes[stateAt]:x2}, llvm 0x{actualContext.State.Bytes[stateAt]:x2}");
        if (FirstDifference(expectedMemory.Bytes, actualMemory.Bytes) is { } memoryAt)
            throw Failure(seed, index, block, $"memory differs at offset 0x{memoryAt:x}: interpreter 0x{expectedMemory.Bytes[memoryAt]:x2}, llvm 0x{actualMemory.Bytes[memoryAt]:x2}");
        if (FirstDifference(expectedMemory.Extra, actualMemory.Extra) is { } extraAt)
            throw Failure(seed, index, block, $"memory metadata differs at {extraAt}");
        return true;
    }

    private static GuestContext Context(byte[] initialState, IGuestMemory memory)
    {
        var state = new GuestState(RandomBlockGenerator.StateSize);
        initialState.CopyTo(state.Bytes, 0);
        return new GuestContext(state, memory, RandomBlockGenerator.PcOffset);
    }

    private static (BlockExit? Exit, Exception? Error) Execute(IBackend backend, IrBlock block, GuestContext context)
    {
        try
        {
            return Execute(backend.Compile(block), context);
        }
        catch (Exception error)
        {
            return (null, error);
        }
    }

    private static (BlockExit? Exit, Exception? Error) Execute(ICompiledBlock block, GuestContext context)
    {
        try
        {
            return (block.Execute(context), null);
        }
        catch (Exception error)
        {
            return (null, error);
        }
    }

    private static string Describe((BlockExit? Exit, Exception? Error) result)
    {
        if (result.Error is { } error) return $"threw {error.GetType().Name}";
        var exit = result.Exit!.Value;
        var text = $"{exit.Kind} next=0x{exit.NextPc:x} retired={exit.InstructionsRetired}";
        if (exit.Kind == BlockExitKind.Trap) text += $" trap={exit.Trap} trapPc=0x{exit.TrapPc:x} detail=0x{exit.Detail:x}";
        else text += $" [trap={exit.Trap} trapPc=0x{exit.TrapPc:x} detail=0x{exit.Detail:x}]";
        if (exit.Fault is { } fault) text += $" fault={fault.Access}@0x{fault.Address:x}/{fault.Reason}";
        return text;
    }

    private static int? FirstDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var common = a.CommonPrefixLength(b);
        return common == a.Length && a.Length == b.Length ? null : common;
    }

    private static XunitException Failure(int seed, int index, IrBlock block, string what)
    {
        var message = new StringBuilder()
            .AppendLine($"seed {seed}, block {index} (replay with CROSS_LLVM_SEED={seed}): {what}")
            .Append(IrPrinter.Print(block));
        return new XunitException(message.ToString());
    }
}
