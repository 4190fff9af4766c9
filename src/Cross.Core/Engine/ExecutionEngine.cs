using Cross.Core.Ir;
using Cross.Core.Ir.Passes;
using Cross.Core.Memory;

namespace Cross.Core.Engine;

public sealed record EngineOptions
{
    /// <summary>Longest block, in guest instructions.</summary>
    public int MaxBlockInstructions { get; init; } = 64;

    public PassPipeline Pipeline { get; init; } = PassPipeline.Default();

    /// <summary>Called with each block after the passes, for --dump-ir.</summary>
    public Action<IrBlock>? OnTranslated { get; init; }
}

/// <summary>
/// Runs guest code: looks blocks up in the cache (translating and compiling on a miss),
/// executes them, and returns to the caller at traps, faults and the end of a time slice.
/// </summary>
public sealed class ExecutionEngine
{
    private readonly IGuestFrontend _frontend;
    private readonly IBackend _backend;
    private readonly EngineOptions _options;

    public BlockCache Cache { get; } = new();

    // A direct-mapped cache in front of the block cache: most lookups hit the last block seen at
    // that PC. Entries are dropped whenever the block cache's generation changes.
    private const int RecentSize = 4096;
    private readonly (ulong Pc, ulong Mode, ICompiledBlock? Block)[] _recent = new (ulong, ulong, ICompiledBlock?)[RecentSize];
    private int _recentGeneration;

    public long BlocksTranslated { get; private set; }

    public IGuestFrontend Frontend => _frontend;

    public IBackend Backend => _backend;

    public ExecutionEngine(IGuestFrontend frontend, IBackend backend, EngineOptions? options = null)
    {
        _frontend = frontend;
        _backend = backend;
        _options = options ?? new EngineOptions();
    }

    /// <summary>Makes this engine drop translations when <paramref name="memory"/> reports a write to code.</summary>
    public void Watch(IGuestMemory memory) => memory.CodeModified += Cache.Invalidate;

    public GuestContext CreateContext(IGuestMemory memory) =>
        new(new GuestState(_frontend.StateSize), memory, _frontend.PcOffset);

    /// <summary>
    /// Runs until a trap or fault, until <see cref="GuestContext.ExitRequested"/> is seen at a block
    /// boundary, or until about <paramref name="budget"/> instructions have retired.
    /// </summary>
    public StopReason Run(GuestContext context, long budget)
    {
        var end = context.InstructionsRetired + budget;
        while (context.InstructionsRetired < end)
        {
            if (context.ExitRequested) return new StopReason(StopKind.ExitRequested);
            var pc = context.Pc;
            ICompiledBlock block;
            try
            {
                block = Lookup(context, pc);
            }
            catch (GuestMemoryFaultException fault)
            {
                return new StopReason(StopKind.MemoryFault, TrapPc: pc, Fault: fault);
            }

            var exit = block.Execute(context);
            context.InstructionsRetired += exit.InstructionsRetired;
            context.Pc = exit.NextPc;
            switch (exit.Kind)
            {
                case BlockExitKind.Jump:
                    continue;
                case BlockExitKind.Trap:
                    return new StopReason(StopKind.Trap, exit.Trap, exit.TrapPc, exit.Detail);
                case BlockExitKind.MemoryFault:
                    return new StopReason(StopKind.MemoryFault, TrapPc: exit.NextPc, Fault: exit.Fault);
            }
        }
        return new StopReason(StopKind.BudgetExhausted);
    }

    private ICompiledBlock Lookup(GuestContext context, ulong pc)
    {
        var mode = _frontend.ModeKey(context);
        if (_recentGeneration != Cache.Generation)
        {
            Array.Clear(_recent);
            _recentGeneration = Cache.Generation;
        }
        ref var recent = ref _recent[(int)((pc >> 1) & (RecentSize - 1))];
        if (recent.Block is not null && recent.Pc == pc && recent.Mode == mode) return recent.Block;
        if (Cache.TryGet(pc, mode, out var block))
        {
            recent = (pc, mode, block);
            return block;
        }

        var ir = _frontend.Translate(pc, context, _options.MaxBlockInstructions);
        _options.Pipeline.Run(ir);
        _options.OnTranslated?.Invoke(ir);
        block = _backend.Compile(ir);
        context.Memory.TrackCode(ir.GuestPc, Math.Max(ir.GuestEnd, ir.GuestPc + 1));
        Cache.Add(pc, mode, block);
        BlocksTranslated++;
        _recent[(int)((pc >> 1) & (RecentSize - 1))] = (pc, mode, block);
        return block;
    }
}
