using System.Runtime.InteropServices;

namespace Cross.Core.Engine;

/// <summary>
/// The layout of a context's jump cache: a direct-mapped table from guest PC to the host entry
/// point of compiled code, which compiled code probes at an indirect exit (a return, a switch)
/// to go straight on to the next block. Each of the <see cref="Entries"/> entries is
/// <see cref="EntryBytes"/> bytes: the guest PC (8 bytes), then the entry point (8 bytes, 0 when
/// empty). Only the engine writes it; it clears it whenever translated code is invalidated.
/// </summary>
public static class JumpCacheLayout
{
    public const int Entries = 4096;
    public const int EntryBytes = 16;

    /// <summary>Guest PCs are at least 2-byte aligned on every ISA we run but x86; the index drops bit 0.</summary>
    public const int PcShift = 1;

    public static int IndexOf(ulong pc) => (int)((pc >> PcShift) & (Entries - 1));
}

/// <summary>
/// An engine's lookup caches for one context: the last block run at each jump-cache index (the
/// dispatcher's first look), and the native jump cache compiled code probes. Only the context's
/// own thread fills them; <see cref="ClearJumps"/> may run on any thread.
/// </summary>
internal sealed class DispatchCache
{
    private readonly long[]? _jumps;

    public DispatchCache(ExecutionEngine owner, GuestContext context, bool nativeJumps)
    {
        Owner = owner;
        Context = context;
        if (!nativeJumps) return;
        _jumps = GC.AllocateArray<long>(JumpCacheLayout.Entries * 2, pinned: true);
        JumpCacheAddress = Marshal.UnsafeAddrOfPinnedArrayElement(_jumps, 0);
    }

    public ExecutionEngine Owner { get; }

    public GuestContext Context { get; }

    public CachedBlock?[] Recent { get; } = new CachedBlock?[JumpCacheLayout.Entries];

    public nint JumpCacheAddress { get; }

    public bool HasJumps => _jumps is not null;

    /// <summary>Lets compiled code jump from an indirect exit to <paramref name="entry"/> when the target is <paramref name="pc"/>.</summary>
    public void SetJump(int index, ulong pc, nint entry)
    {
        var jumps = _jumps!;
        ref var target = ref jumps[index * 2];
        ref var code = ref jumps[index * 2 + 1];
        if (target == (long)pc && code == entry) return;
        // Empty the entry before changing its PC, so a reader never pairs this PC with another entry point.
        Volatile.Write(ref code, 0);
        Volatile.Write(ref target, (long)pc);
        Volatile.Write(ref code, entry);
    }

    public void ClearJumps()
    {
        if (_jumps is null) return;
        for (var i = 1; i < _jumps.Length; i += 2) Volatile.Write(ref _jumps[i], 0);
    }
}
