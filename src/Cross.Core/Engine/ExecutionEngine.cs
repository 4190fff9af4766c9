using System.Diagnostics;
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

    /// <summary>
    /// Every block translates with the same mode key whatever the guest does (user mode: no
    /// privilege levels, no MMU). Compiled code may then follow indirect exits through the
    /// context's jump cache without returning to the engine; otherwise every indirect exit comes
    /// back here, where the frontend computes the next block's key.
    /// </summary>
    public bool SingleModeKey { get; init; }

    /// <summary>Measure time spent in interpreted and in compiled code (<see cref="EngineStats"/>); two clock reads per dispatch.</summary>
    public bool MeasureTime { get; init; }
}

/// <summary>
/// Runs guest code: looks blocks up in the cache (translating and compiling on a miss),
/// executes them, and returns to the caller at traps, faults and the end of a time slice.
/// </summary>
/// <remarks>
/// <para>Dispatch, per block: the context's recent-block cache, then the <see cref="BlockCache"/>,
/// then translation. Compiled code that chains to its successors (direct exits linked by the
/// backend, indirect exits through the context's jump cache) comes back only at traps, faults,
/// unlinked exits, the end of the budget, or when <see cref="GuestContext.DispatchFlags"/> asks.</para>
/// <para>With a <see cref="TieredBackend"/>, blocks start on its first tier; the dispatcher counts
/// their runs and hands hot ones to the <see cref="TierUpCompiler"/>, which swaps optimised region
/// code into the cache entry.</para>
/// <para>Writes to translated code (<see cref="Watch"/>) drop or demote the cache entries that
/// cover them, empty every context's jump cache, and flag every context so that code already
/// running returns here at its next block boundary.</para>
/// </remarks>
public sealed class ExecutionEngine
{
    /// <summary>Most instructions one Execute may retire by chaining (BlockExit counts in an int).</summary>
    private const long MaxChainBudget = 1 << 30;

    private readonly IGuestFrontend _frontend;
    private readonly IBackend _backend;
    private readonly EngineOptions _options;
    private readonly TierUpCompiler? _tierUp;
    private readonly int _threshold;
    private readonly List<WeakReference<DispatchCache>> _dispatchCaches = new();

    public BlockCache Cache { get; } = new();

    public EngineStats Stats { get; } = new();


    public long BlocksTranslated => Stats.BlocksTranslated;

    public IGuestFrontend Frontend => _frontend;

    public IBackend Backend => _backend;

    public ExecutionEngine(IGuestFrontend frontend, IBackend backend, EngineOptions? options = null)
    {
        _frontend = frontend;
        _backend = backend;
        _options = options ?? new EngineOptions();
        if (backend is TieredBackend tiered)
        {
            _tierUp = new TierUpCompiler(Cache, tiered, Stats, ClearJumpCaches);
            _threshold = tiered.Options.Threshold;
        }
    }

    /// <summary>Makes this engine drop translations when <paramref name="memory"/> reports a write to code.</summary>
    public void Watch(IGuestMemory memory) => memory.CodeModified += OnCodeModified;

    public GuestContext CreateContext(IGuestMemory memory)
    {
        var context = new GuestContext(new GuestState(_frontend.StateSize), memory, _frontend.PcOffset);
        DispatchFor(context);
        return context;
    }

    /// <summary>Waits for the background compiler to finish what hot code asked for so far (tests, benchmarks).</summary>
    public void WaitForCompilation() => _tierUp?.WaitIdle();

    /// <summary>
    /// Runs until a trap or fault, until <see cref="GuestContext.ExitRequested"/> is seen at a block
    /// boundary, or until about <paramref name="budget"/> instructions have retired.
    /// </summary>
    public StopReason Run(GuestContext context, long budget)
    {
        var dispatch = DispatchFor(context);
        var end = context.InstructionsRetired + budget;
        var measure = _options.MeasureTime;
        var fallback = false;
        while (context.InstructionsRetired < end)
        {
            var flags = context.DispatchFlags;
            if (flags != 0)
            {
                if ((flags & GuestContext.ExitRequestedFlag) != 0) return new StopReason(StopKind.ExitRequested);
                context.ClearDispatchFlag(GuestContext.CodeInvalidatedFlag);
            }

            var pc = context.Pc;
            var index = JumpCacheLayout.IndexOf(pc);
            CachedBlock entry;
            try
            {
                entry = Lookup(context, dispatch, pc, index);
            }
            catch (GuestMemoryFaultException fault)
            {
                return new StopReason(StopKind.MemoryFault, TrapPc: pc, Fault: fault);
            }

            ICompiledBlock code;
            nint native;
            if (fallback)
            {
                // Optimised code left this instruction to the baseline code: run one block of that.
                fallback = false;
                code = entry.Baseline;
                native = code.NativeEntry;
            }
            else
            {
                var active = entry.Active;
                if (active.NativeEntry != 0)
                {
                    if (dispatch.HasJumps) dispatch.SetJump(index, pc, active.NativeEntry);
                }
                // Blocks waiting for the compiler go on counting, so the hottest is compiled first.
                else if (_tierUp is not null && !active.Optimized && ++entry.Executions == _threshold)
                {
                    _tierUp.Request(entry);
                    active = entry.Active;
                }
                code = active.Code;
                native = active.NativeEntry;
            }

            var chainBudget = Math.Min(end - context.InstructionsRetired, MaxChainBudget);
            BlockExit exit;
            if (measure)
            {
                var start = Stopwatch.GetTimestamp();
                exit = code.Execute(context, chainBudget);
                Stats.AddRunTicks(native != 0, Stopwatch.GetTimestamp() - start);
            }
            else
            {
                exit = code.Execute(context, chainBudget);
            }
            context.InstructionsRetired += exit.InstructionsRetired;
            context.Pc = exit.NextPc;
            switch (exit.Kind)
            {
                case BlockExitKind.Jump:
                    continue;
                case BlockExitKind.Fallback:
                    fallback = true;
                    Stats.FellBack();
                    continue;
                case BlockExitKind.Hot:
                    if (_tierUp is not null && Cache.TryGetEntry(exit.Detail, entry.Mode, out var hot)) _tierUp.RequestFull(hot);
                    continue;
                case BlockExitKind.Trap:
                    return new StopReason(StopKind.Trap, exit.Trap, exit.TrapPc, exit.Detail);
                case BlockExitKind.MemoryFault:
                    return new StopReason(StopKind.MemoryFault, TrapPc: exit.NextPc, Fault: exit.Fault);
            }
        }
        return new StopReason(StopKind.BudgetExhausted);
    }

    private CachedBlock Lookup(GuestContext context, DispatchCache dispatch, ulong pc, int index)
    {
        var mode = _frontend.ModeKey(context);
        var recent = dispatch.Recent[index];
        if (recent is not null && recent.Pc == pc && recent.Mode == mode && !recent.Removed) return recent;
        if (!Cache.TryGetEntry(pc, mode, out var entry) || entry.Removed) entry = Translate(context, pc, mode);
        dispatch.Recent[index] = entry;
        return entry;
    }

    private CachedBlock Translate(GuestContext context, ulong pc, ulong mode)
    {
        // Guest threads may write code while this one translates it: the first page is marked as
        // code before its bytes are read, so such a write reports itself, and Add refuses to
        // cache a translation that a write reported during.
        var requestsBefore = Cache.InvalidationRequests;
        context.Memory.TrackCode(pc, pc + 1);
        var ir = _frontend.Translate(pc, context, _options.MaxBlockInstructions);
        _options.Pipeline.Run(ir);
        _options.OnTranslated?.Invoke(ir);
        var start = Stopwatch.GetTimestamp();
        var code = _backend.Compile(ir);
        Stats.AddCompileTicks(Stopwatch.GetTimestamp() - start);
        context.Memory.TrackCode(ir.GuestPc, Math.Max(ir.GuestEnd, ir.GuestPc + 1));
        Stats.Translated(code.NativeEntry != 0);
        return Cache.Add(pc, mode, code, requestsBefore);
    }

    private DispatchCache DispatchFor(GuestContext context)
    {
        var dispatch = context.Dispatch;
        if (dispatch is not null && ReferenceEquals(dispatch.Owner, this)) return dispatch;
        dispatch = new DispatchCache(this, context, nativeJumps: _options.SingleModeKey);
        context.Dispatch = dispatch;
        lock (_dispatchCaches)
        {
            _dispatchCaches.RemoveAll(reference => !reference.TryGetTarget(out _));
            _dispatchCaches.Add(new WeakReference<DispatchCache>(dispatch));
        }
        return dispatch;
    }

    /// <summary>
    /// Drops every context's jump cache entries (from any thread): the next indirect jump to each
    /// target goes through the dispatcher, which stores the target's current code.
    /// </summary>
    private void ClearJumpCaches()
    {
        lock (_dispatchCaches)
        {
            foreach (var reference in _dispatchCaches)
                if (reference.TryGetTarget(out var dispatch)) dispatch.ClearJumps();
        }
    }

    private void OnCodeModified(ulong start, ulong end)
    {
        var generation = Cache.Generation;
        Cache.Invalidate(start, end);
        if (Cache.Generation == generation) return;
        // Code that was running may be stale: no jump to it from now on, and whatever runs returns here.
        lock (_dispatchCaches)
        {
            foreach (var reference in _dispatchCaches)
            {
                if (!reference.TryGetTarget(out var dispatch)) continue;
                dispatch.ClearJumps();
                dispatch.Context.SetDispatchFlag(GuestContext.CodeInvalidatedFlag);
            }
        }
    }
}
