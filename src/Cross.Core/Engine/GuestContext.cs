using Cross.Core.Memory;

namespace Cross.Core.Engine;

/// <summary>Everything generated code and helpers of one guest CPU thread can reach.</summary>
public sealed class GuestContext
{
    public GuestState State { get; }
    public IGuestMemory Memory { get; }

    /// <summary>Where the guest PC lives in <see cref="State"/>.</summary>
    public int PcOffset { get; }

    /// <summary>Guest instructions retired by this CPU (the instruction-count clock).</summary>
    public long InstructionsRetired { get; set; }

    /// <summary>Per-ISA extras (reservation set, system-mode CPU object…), owned by the frontend.</summary>
    public object? FrontendData { get; set; }

    private volatile bool _exitRequested;

    /// <summary>
    /// Set from any thread (an interrupt line, a helper that enabled interrupts, a runner that wants
    /// the CPU back) to make <see cref="ExecutionEngine.Run"/> return with
    /// <see cref="StopKind.ExitRequested"/> before it starts the next block. The engine never clears
    /// it: whoever handles the stop does, before looking at why it was requested.
    /// </summary>
    public bool ExitRequested
    {
        get => _exitRequested;
        set => _exitRequested = value;
    }

    public GuestContext(GuestState state, IGuestMemory memory, int pcOffset)
    {
        State = state;
        Memory = memory;
        PcOffset = pcOffset;
    }

    public ulong Pc
    {
        get => State.Read64(PcOffset);
        set => State.Write64(PcOffset, value);
    }
}
