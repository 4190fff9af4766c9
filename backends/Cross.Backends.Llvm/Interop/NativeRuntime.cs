using System.Runtime.InteropServices;

namespace Cross.Backends.Llvm.Interop;

/// <summary>
/// The block of native memory that generated code receives as its second argument: how the
/// run left (status, next PC, trap fields, the instruction budget it counted down), what it
/// runs against (the direct-memory window, the context's jump cache and dispatch flags, where
/// the PC lives in the state), and a handle back to the managed
/// <see cref="Runtime.ExecutionFrame"/> for helper calls. Generated code addresses its fields
/// by the offsets in <see cref="Runtime.RuntimeLayout"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RuntimeBlock
{
    public long Status;
    public ulong NextPc;
    /// <summary>Instructions the run may still retire; every block subtracts its own, so it may end below zero.</summary>
    public long Budget;
    public long TrapKind;
    public ulong TrapPc;
    public ulong Detail;
    public nint Frame;
    public nint MemoryBase;
    public ulong MemorySize;
    public nint PagePermissions;
    /// <summary>Each page's own permission byte (<see cref="Core.Memory.IDirectGuestMemory.PageOwnPermissions"/>), for accesses the pair byte refuses.</summary>
    public nint PageOwnPermissions;
    public ulong Scratch0;
    public ulong Scratch1;
    public long PcOffset;
    public nint LastExit;
    /// <summary>The context's jump cache (<see cref="Core.Engine.JumpCacheLayout"/>), or 0.</summary>
    public nint JumpCache;
    /// <summary>Address of the context's <see cref="Core.Engine.GuestContext.DispatchFlags"/> word.</summary>
    public nint DispatchFlags;
    /// <summary>Always 0: the permission table of a run without direct memory (a window of size 0) points here.</summary>
    public long NoPermissions;
}

/// <summary>
/// Owns one <see cref="RuntimeBlock"/> in native memory and a weak GC handle to the managed
/// frame it belongs to, and runs generated code against it.
/// </summary>
internal sealed unsafe class NativeRuntime : IDisposable
{
    private RuntimeBlock* _block;
    private GCHandle _frame;

    public NativeRuntime(object frame)
    {
        // SAFETY: a fresh zeroed allocation of exactly one RuntimeBlock, freed once in Dispose or the finalizer.
        _block = (RuntimeBlock*)NativeMemory.AllocZeroed((nuint)sizeof(RuntimeBlock));
        // Weak: the frame owns this object, so a strong handle would keep both alive forever.
        _frame = GCHandle.Alloc(frame, GCHandleType.Weak);
        _block->Frame = GCHandle.ToIntPtr(_frame);
    }

    ~NativeRuntime() => Free();

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_block == null) return;
        // SAFETY: _block came from NativeMemory.AllocZeroed and is nulled so it is freed once.
        NativeMemory.Free(_block);
        _block = null;
        if (_frame.IsAllocated) _frame.Free();
    }

    private RuntimeBlock* Block
    {
        get
        {
            ObjectDisposedException.ThrowIf(_block == null, this);
            return _block;
        }
    }

    public nint Address => (nint)Block;

    public static int Size => sizeof(RuntimeBlock);

    public long Status { get => Block->Status; set => Block->Status = value; }
    public ulong NextPc => Block->NextPc;
    public long Budget => Block->Budget;
    public long TrapKind { get => Block->TrapKind; set => Block->TrapKind = value; }
    public ulong TrapPc => Block->TrapPc;
    public ulong Detail { get => Block->Detail; set => Block->Detail = value; }
    public ulong Scratch0 { get => Block->Scratch0; set => Block->Scratch0 = value; }
    public ulong Scratch1 { get => Block->Scratch1; set => Block->Scratch1 = value; }

    /// <summary>The exit slot of the direct exit the last run left through, or 0.</summary>
    public nint LastExit => Block->LastExit;

    /// <summary>Clears the exit fields and publishes what the run works against.</summary>
    public void Prepare(nint memoryBase, ulong memorySize, nint pagePermissions, nint pageOwnPermissions, long budget, int pcOffset, nint jumpCache, nint dispatchFlags)
    {
        var block = Block;
        block->Status = 0;
        block->NextPc = 0;
        block->Budget = budget;
        block->TrapKind = 0;
        block->TrapPc = 0;
        block->Detail = 0;
        block->MemoryBase = memoryBase;
        // Generated code may read the permission byte of page 0 before it knows the window is empty.
        block->MemorySize = pagePermissions == 0 ? 0 : memorySize;
        block->PagePermissions = pagePermissions == 0 ? (nint)(&block->NoPermissions) : pagePermissions;
        block->PageOwnPermissions = pagePermissions == 0 || pageOwnPermissions == 0 ? (nint)(&block->NoPermissions) : pageOwnPermissions;
        block->PcOffset = pcOffset;
        block->LastExit = 0;
        block->JumpCache = jumpCache;
        block->DispatchFlags = dispatchFlags;
    }

    /// <summary>Runs a compiled block: <c>int block(byte* state, RuntimeBlock* runtime)</c>.</summary>
    public int Run(nint entry, byte[] state)
    {
        var block = Block;
        // SAFETY: entry is the address LLJIT returned for a function of exactly this signature,
        // compiled by the backend that still owns it (the caller checked it is not disposed);
        // the state array is pinned for the call (GuestState allocates it pinned anyway) and is
        // at least as large as every offset the block uses (checked by the caller); block is
        // this object's live native allocation.
        fixed (byte* pinned = state)
            return ((delegate* unmanaged<byte*, RuntimeBlock*, int>)entry)(pinned, block);
    }

    /// <summary>The managed frame whose runtime block generated code passed to a callback.</summary>
    public static object? FrameOf(RuntimeBlock* block)
    {
        // SAFETY: callbacks receive the pointer generated code got from Run, which is live
        // for the whole run; its Frame field is a GC handle owned by that NativeRuntime.
        var handle = block->Frame;
        return handle == 0 ? null : GCHandle.FromIntPtr(handle).Target;
    }
}
