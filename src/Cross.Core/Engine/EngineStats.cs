using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cross.Core.Engine;

/// <summary>What an engine has done so far (for --jit-stats). Safe to read from any thread.</summary>
public sealed class EngineStats
{
    private long _blocksTranslated;
    private long _blocksCompiledNative;
    private long _regionsCompiled;
    private long _quickCompiles, _quickCompileTicks, _fullCompiles, _fullCompileTicks;
    private long _regionBlocks;
    private long _regionsDiscarded;
    private long _regionsSkipped;
    private long _compileFailures;
    private long _fallbacks;
    private long _compileTicks;
    private long _baselineTicks;
    private long _compiledTicks;
    private string? _lastFailure;

    /// <summary>Blocks translated from guest code (each compiled by the engine's backend, the first tier when tiering).</summary>
    public long BlocksTranslated => Interlocked.Read(ref _blocksTranslated);

    /// <summary>Translated blocks whose code is native (the backend is a JIT, not the first tier of a tiered one).</summary>
    public long BlocksCompiledNative => Interlocked.Read(ref _blocksCompiledNative);

    /// <summary>Regions the optimising tier compiled and the engine swapped in.</summary>
    public long RegionsCompiled => Interlocked.Read(ref _regionsCompiled);

    /// <summary>Blocks in all regions swapped in.</summary>
    public long RegionBlocks => Interlocked.Read(ref _regionBlocks);

    /// <summary>Regions compiled but thrown away because a member's guest code changed meanwhile.</summary>
    public long RegionsDiscarded => Interlocked.Read(ref _regionsDiscarded);

    /// <summary>Hot blocks not compiled as a region's entry because a compiled region already held them.</summary>
    public long RegionsSkipped => Interlocked.Read(ref _regionsSkipped);

    public long CompileFailures => Interlocked.Read(ref _compileFailures);

    /// <summary>Times optimised code left an instruction to the baseline code (<see cref="BlockExitKind.Fallback"/>).</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    /// <summary>The message of the last optimising-compile failure.</summary>
    public string? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>Wall-clock time in backends' Compile (translation-time compiles and region compiles).</summary>
    public TimeSpan CompileTime => Ticks(ref _compileTicks);

    /// <summary>Time running code that is not native (the interpreter); only measured with <see cref="EngineOptions.MeasureTime"/>.</summary>
    public TimeSpan InterpreterTime => Ticks(ref _baselineTicks);

    /// <summary>Time running native compiled code, chained blocks included; only measured with <see cref="EngineOptions.MeasureTime"/>.</summary>
    public TimeSpan CompiledCodeTime => Ticks(ref _compiledTicks);

    private static TimeSpan Ticks(ref long ticks) => TimeSpan.FromSeconds(Interlocked.Read(ref ticks) / (double)Stopwatch.Frequency);

    internal void Translated(bool native)
    {
        Interlocked.Increment(ref _blocksTranslated);
        if (native) Interlocked.Increment(ref _blocksCompiledNative);
    }

    internal void AddCompileTicks(long ticks) => Interlocked.Add(ref _compileTicks, ticks);

    /// <summary>A region compile of the tiers: its effort and time (part of <see cref="CompileTime"/>).</summary>
    internal void AddRegionCompile(CompileEffort effort, long ticks)
    {
        AddCompileTicks(ticks);
        if (effort == CompileEffort.Full)
        {
            Interlocked.Increment(ref _fullCompiles);
            Interlocked.Add(ref _fullCompileTicks, ticks);
        }
        else
        {
            Interlocked.Increment(ref _quickCompiles);
            Interlocked.Add(ref _quickCompileTicks, ticks);
        }
    }

    internal void AddRunTicks(bool native, long ticks)
    {
        if (native)
        {
            Interlocked.Add(ref _compiledTicks, ticks);
            Interlocked.Increment(ref _compiledRuns);
        }
        else
        {
            Interlocked.Add(ref _baselineTicks, ticks);
            Interlocked.Increment(ref _baselineRuns);
        }
    }

    private long _compiledRuns;
    private long _baselineRuns;

    internal void RegionSwappedIn(int blocks)
    {
        Interlocked.Increment(ref _regionsCompiled);
        Interlocked.Add(ref _regionBlocks, blocks);
    }

    internal void RegionDiscarded() => Interlocked.Increment(ref _regionsDiscarded);

    internal void RegionSkipped() => Interlocked.Increment(ref _regionsSkipped);

    internal void FellBack() => Interlocked.Increment(ref _fallbacks);

    internal void CompileFailed(Exception error)
    {
        Interlocked.Increment(ref _compileFailures);
        Volatile.Write(ref _lastFailure, $"{error.GetType().Name}: {error.Message}");
    }

    /// <summary>The --jit-stats report: one "name: value" line each.</summary>
    public string Format(BlockCache cache)
    {
        var text = new StringBuilder();
        void Line(string name, string value) => text.Append(CultureInfo.InvariantCulture, $"{name,-24}{value}\n");
        static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        Line("blocks translated:", $"{BlocksTranslated} ({BlocksCompiledNative} compiled to host code)");
        Line("regions compiled:", $"{RegionsCompiled} ({RegionBlocks} blocks; {RegionsDiscarded} discarded, {CompileFailures} failed; {RegionsSkipped} hot blocks already in regions)");
        Line("compile time:", $"{Ms(CompileTime)} (quick: {Interlocked.Read(ref _quickCompiles)} regions in {Ms(Ticks(ref _quickCompileTicks))}, full: {Interlocked.Read(ref _fullCompiles)} in {Ms(Ticks(ref _fullCompileTicks))})");
        Line("time in interpreter:", $"{Ms(InterpreterTime)} ({Interlocked.Read(ref _baselineRuns)} blocks run)");
        Line("time in compiled code:", $"{Ms(CompiledCodeTime)} ({Interlocked.Read(ref _compiledRuns)} entries from the engine)");
        Line("fallbacks to tier 1:", $"{Fallbacks}");
        Line("code invalidations:", $"{cache.Invalidations} blocks dropped, {cache.Demotions} regions demoted");
        if (LastFailure is { } failure) Line("last compile failure:", failure);
        return text.ToString();
    }
}
