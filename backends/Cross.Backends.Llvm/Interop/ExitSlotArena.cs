using System.Runtime.InteropServices;

namespace Cross.Backends.Llvm.Interop;

/// <summary>
/// Native memory for exit slots: one pointer-sized word per direct exit of a compiled block,
/// holding the entry point of the block it chains to (0 when unlinked). Generated code reads a
/// slot at its exit; the backend links and unlinks by writing it. The slots live as long as the
/// backend's JIT code, because chained code can reach a block whose managed object is gone.
/// </summary>
internal sealed unsafe class ExitSlotArena : IDisposable
{
    private const int SlotsPerChunk = 1024;

    private readonly List<nint> _chunks = new();
    private int _used = SlotsPerChunk;

    /// <summary>A fresh unlinked slot. Callers serialise allocation (the compile lock).</summary>
    public nint Allocate()
    {
        if (_used == SlotsPerChunk)
        {
            // SAFETY: a zeroed chunk of pointer-sized slots, freed in Dispose.
            _chunks.Add((nint)NativeMemory.AllocZeroed(SlotsPerChunk, (nuint)sizeof(nint)));
            _used = 0;
        }
        return _chunks[^1] + _used++ * sizeof(nint);
    }

    /// <summary>Points a slot at a block's entry (or 0 to unlink); atomic for code reading it on other threads.</summary>
    public static void Write(nint slot, nint entry)
    {
        // SAFETY: slot came from Allocate of a live arena (the backend, which owns the arena,
        // checks it is not disposed) and is pointer-aligned.
        Volatile.Write(ref *(nint*)slot, entry);
    }

    public void Dispose()
    {
        // SAFETY: every chunk came from NativeMemory.AllocZeroed and is freed once.
        foreach (var chunk in _chunks) NativeMemory.Free((void*)chunk);
        _chunks.Clear();
        _used = SlotsPerChunk;
    }
}
