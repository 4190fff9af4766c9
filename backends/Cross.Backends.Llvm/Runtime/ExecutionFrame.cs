using System.Runtime.ExceptionServices;
using Cross.Backends.Llvm.Interop;
using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Backends.Llvm.Runtime;

/// <summary>
/// Per guest context (one per backend and <see cref="GuestContext"/>): the native runtime block
/// compiled code runs against, and the failures callbacks recorded during a run. A context runs
/// on one thread at a time, and so does its frame.
/// </summary>
internal sealed class ExecutionFrame
{
    private readonly HelperTable _helpers;
    private GuestMemoryFaultException? _fault;
    private ExceptionDispatchInfo? _exception;
    private nint _pendingSlot;
    private ulong _pendingTarget;

    public GuestContext Context { get; }

    public NativeRuntime Runtime { get; }

    public ExecutionFrame(GuestContext context, HelperTable helpers)
    {
        Context = context;
        _helpers = helpers;
        Runtime = new NativeRuntime(this);
    }

    /// <summary>
    /// The exit slot to link to the block about to run at <paramref name="pc"/>: the direct exit
    /// the previous run left through, if it led there. Returns 0 otherwise.
    /// </summary>
    public nint TakePendingLink(ulong pc)
    {
        var slot = _pendingTarget == pc ? _pendingSlot : 0;
        _pendingSlot = 0;
        return slot;
    }

    /// <summary>
    /// Runs one compiled entry point, which may chain on while <paramref name="budget"/> lasts,
    /// and turns its status into a <see cref="BlockExit"/>.
    /// </summary>
    public BlockExit Run(nint entry, long budget)
    {
        var context = Context;
        var direct = context.Memory as IDirectGuestMemory;
        Runtime.Prepare(direct?.HostBase ?? 0, direct?.Size ?? 0, direct?.PagePermissions ?? 0, direct?.PageOwnPermissions ?? 0, budget, context.PcOffset,
            context.JumpCacheAddress, context.DispatchFlagsAddress);
        _fault = null;
        _exception = null;
        var status = (ExitStatus)Runtime.Run(entry, context.State.Bytes);
        var next = Runtime.NextPc;
        var retired = (int)(budget - Runtime.Budget);
        _pendingSlot = status == ExitStatus.Jump ? Runtime.LastExit : 0;
        _pendingTarget = next;
        switch (status)
        {
            case ExitStatus.Jump:
                return BlockExit.Jump(next, retired);
            case ExitStatus.Trap:
                return new BlockExit(BlockExitKind.Trap, next, retired, (TrapKind)Runtime.TrapKind, Runtime.TrapPc, Runtime.Detail);
            case ExitStatus.MemoryFault:
                return new BlockExit(BlockExitKind.MemoryFault, next, retired, Fault: _fault);
            case ExitStatus.Fallback:
                return BlockExit.Fallback(next, retired);
            case ExitStatus.Hot:
                return new BlockExit(BlockExitKind.Hot, next, retired, Detail: Runtime.Detail);
            default:
                var exception = _exception;
                _exception = null;
                exception?.Throw();
                throw new InvalidOperationException($"LLVM block stopped with status {(int)status} and no recorded exception");
        }
    }

    public ulong CallHelper(int index, ReadOnlySpan<ulong> arguments) => _helpers[index].Invoke(Context, arguments);

    public void FailMisaligned(ulong address, int access) =>
        Fail(new GuestMemoryFaultException(address, (MemoryAccessType)access, MemoryFaultReason.Misaligned));

    /// <summary>Records why a callback failed, for generated code to return the matching exit.</summary>
    public void Fail(Exception error)
    {
        switch (error)
        {
            case GuestTrapException trap:
                Runtime.TrapKind = (long)trap.Kind;
                Runtime.Detail = trap.Detail;
                Runtime.Status = (long)ExitStatus.Trap;
                break;
            case GuestMemoryFaultException fault:
                _fault = fault;
                Runtime.Status = (long)ExitStatus.MemoryFault;
                break;
            default:
                _exception = ExceptionDispatchInfo.Capture(error);
                Runtime.Status = (long)ExitStatus.ManagedException;
                break;
        }
    }
}
