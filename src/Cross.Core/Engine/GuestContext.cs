using System.Runtime.InteropServices;
using Cross.Core.Memory;

namespace Cross.Core.Engine;

/// <summary>Everything generated code and helpers of one guest CPU thread can reach.</summary>
public sealed class GuestContext
{
    /// <summary><see cref="DispatchFlags"/> bit: <see cref="ExitRequested"/>.</summary>
    public const long ExitRequestedFlag = 1;

    /// <summary><see cref="DispatchFlags"/> bit: translated code was invalidated; the engine clears it at its next dispatch.</summary>
    public const long CodeInvalidatedFlag = 2;

    // One pinned word that compiled code polls while it chains blocks without the engine.
    private readonly long[] _dispatchFlags = GC.AllocateArray<long>(1, pinned: true);

    public GuestState State { get; }
    public IGuestMemory Memory { get; }

    /// <summary>Where the guest PC lives in <see cref="State"/>.</summary>
    public int PcOffset { get; }

    /// <summary>Guest instructions retired by this CPU (the instruction-count clock).</summary>
    public long InstructionsRetired { get; set; }

    /// <summary>Per-ISA extras (reservation set, system-mode CPU object…), owned by the frontend.</summary>
    public object? FrontendData { get; set; }

    public GuestContext(GuestState state, IGuestMemory memory, int pcOffset)
    {
        State = state;
        Memory = memory;
        PcOffset = pcOffset;
        DispatchFlagsAddress = Marshal.UnsafeAddrOfPinnedArrayElement(_dispatchFlags, 0);
    }

    /// <summary>
    /// Set from any thread (an interrupt line, a helper that enabled interrupts, a runner that wants
    /// the CPU back) to make <see cref="ExecutionEngine.Run"/> return with
    /// <see cref="StopKind.ExitRequested"/> before it starts the next block. The engine never clears
    /// it: whoever handles the stop does, before looking at why it was requested.
    /// </summary>
    public bool ExitRequested
    {
        get => (Volatile.Read(ref _dispatchFlags[0]) & ExitRequestedFlag) != 0;
        set
        {
            if (value) Interlocked.Or(ref _dispatchFlags[0], ExitRequestedFlag);
            else Interlocked.And(ref _dispatchFlags[0], ~ExitRequestedFlag);
        }
    }

    /// <summary>
    /// Non-zero when code running on this context must return to the engine at its next block
    /// boundary instead of going on into other compiled code: <see cref="ExitRequestedFlag"/>,
    /// <see cref="CodeInvalidatedFlag"/>.
    /// </summary>
    public long DispatchFlags => Volatile.Read(ref _dispatchFlags[0]);

    /// <summary>
    /// Host address of the <see cref="DispatchFlags"/> word (8 bytes, pinned for the context's
    /// lifetime), which compiled code reads with a volatile load before it chains to the next block.
    /// </summary>
    public nint DispatchFlagsAddress { get; }

    internal void SetDispatchFlag(long flag) => Interlocked.Or(ref _dispatchFlags[0], flag);

    internal void ClearDispatchFlag(long flag) => Interlocked.And(ref _dispatchFlags[0], ~flag);

    /// <summary>The engine's per-context lookup caches (see <see cref="JumpCacheLayout"/>).</summary>
    internal DispatchCache? Dispatch { get; set; }

    /// <summary>
    /// Host address of this context's jump cache (<see cref="JumpCacheLayout"/>), which compiled
    /// code may probe at an indirect exit; 0 when the engine does not let compiled code follow
    /// indirect exits on its own.
    /// </summary>
    public nint JumpCacheAddress => Dispatch?.JumpCacheAddress ?? 0;

    public ulong Pc
    {
        get => State.Read64(PcOffset);
        set => State.Write64(PcOffset, value);
    }
}
