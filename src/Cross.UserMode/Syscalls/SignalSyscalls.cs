using System.Buffers.Binary;
using Cross.UserMode.Native;
using Cross.UserMode.Signals;

namespace Cross.UserMode.Syscalls;

/// <summary>
/// rt_sigaction, rt_sigprocmask, rt_sigreturn, sigaltstack, kill and friends. The kernel's
/// struct sigaction for the generic ABI (no SA_RESTORER) is handler, flags, mask: three u64.
/// </summary>
internal static class SignalSyscalls
{
    private const int SigactionSize = 24;
    private const int SigBlock = 0, SigUnblock = 1, SigSetmask = 2;
    private const ulong SigsetSize = 8;

    public static void Register(SyscallTableBuilder table)
    {
        table.Add("rt_sigaction", "dppu", RtSigaction)
            .Add("rt_sigprocmask", "dppu", RtSigprocmask)
            .Add("rt_sigreturn", "", RtSigreturn)
            .Add("sigaltstack", "pp", Sigaltstack)
            .Add("kill", "dd", Kill)
            .Add("tkill", "dd", call => ThreadKill(call, call.Process.Pid, call.Int(0), call.Int(1)))
            .Add("tgkill", "ddd", call => ThreadKill(call, call.Int(0), call.Int(1), call.Int(2)))
            .Add("rt_sigpending", "pu", RtSigpending)
            .Add("rt_sigsuspend", "pu", RtSigsuspend)
            .Add("rt_sigtimedwait", "pppu", RtSigtimedwait)
            .Add("rt_sigqueueinfo", "ddp", call => QueueInfo(call, call.Int(0), call.Int(0), call.Int(1), call[2]))
            .Add("rt_tgsigqueueinfo", "dddp", call => QueueInfo(call, call.Int(0), call.Int(1), call.Int(2), call[3]));
    }

    private static long RtSigaction(SyscallCall call)
    {
        var signal = call.Int(0);
        if (call[3] != SigsetSize || !Signal.IsValid(signal)) return -Errno.EINVAL;
        var signals = call.Process.Signals;
        SignalAction? requested = null;
        if (call[1] != 0)
        {
            if (Signal.IsUncatchable(signal)) return -Errno.EINVAL;
            var bytes = new byte[SigactionSize];
            if (!call.TryReadIn(call[1], bytes)) return -Errno.EFAULT;
            requested = new SignalAction(
                BinaryPrimitives.ReadUInt64LittleEndian(bytes),
                BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8)),
                new SignalSet(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16))));
        }
        if (call[2] != 0)
        {
            var old = signals.GetAction(signal);
            var bytes = new byte[SigactionSize];
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, old.Handler);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), old.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), old.Mask.Bits);
            if (call.WriteOut(call[2], bytes) < 0) return -Errno.EFAULT;
        }
        if (requested is { } action) signals.SetAction(signal, action);
        return 0;
    }

    private static long RtSigprocmask(SyscallCall call)
    {
        if (call[3] != SigsetSize) return -Errno.EINVAL;
        var thread = call.Thread;
        var old = thread.BlockedSignals;
        SignalSet? set = null;
        if (call[1] != 0)
        {
            var bytes = new byte[8];
            if (!call.TryReadIn(call[1], bytes)) return -Errno.EFAULT;
            set = new SignalSet(BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        }
        if (set is { } change)
        {
            var how = call.Int(0);
            var updated = how switch
            {
                SigBlock => old.Union(change),
                SigUnblock => old.Except(change),
                SigSetmask => change,
                _ => (SignalSet?)null,
            };
            if (updated is null) return -Errno.EINVAL;
            thread.BlockedSignals = updated.Value.Except(SignalSet.Unblockable);
        }
        if (call[2] != 0)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, old.Bits);
            if (call.WriteOut(call[2], bytes) < 0) return -Errno.EFAULT;
        }
        return 0;
    }

    private static long RtSigreturn(SyscallCall call)
    {
        call.KeepRegisters = true;
        if (!call.Process.Signals.Return(call.Thread))
        {
            call.Process.Signals.Force(call.Thread, new SignalInfo(Signal.SIGSEGV, SignalCode.Kernel));
        }
        return 0;
    }

    private static long Sigaltstack(SyscallCall call)
    {
        var thread = call.Thread;
        var signals = call.Process.Signals;
        SignalStack? requested = null;
        if (call[0] != 0)
        {
            var bytes = new byte[SignalStack.ByteSize];
            if (!call.TryReadIn(call[0], bytes)) return -Errno.EFAULT;
            requested = SignalStack.ReadFrom(bytes);
        }
        var current = thread.AlternateStack;
        if (call[1] != 0)
        {
            var sp = call.Process.Abi.GetStackPointer(thread.Context.State);
            var flags = !current.IsEnabled ? SignalStack.Disable : current.Contains(sp) ? SignalStack.OnStack : 0;
            var bytes = new byte[SignalStack.ByteSize];
            new SignalStack(current.Base, flags | (current.Flags & SignalStack.AutoDisarm), current.IsEnabled ? current.Size : 0).WriteTo(bytes);
            if (call.WriteOut(call[1], bytes) < 0) return -Errno.EFAULT;
        }
        return requested is { } stack ? signals.SetAlternateStack(thread, stack) : 0;
    }

    /// <summary>
    /// kill: the guest's own process (its pid, 0 for its process group, -1 for everything it may
    /// signal) gets the signal; other pids are real host processes and get a real kill.
    /// </summary>
    private static long Kill(SyscallCall call)
    {
        var pid = call.Int(0);
        var signal = call.Int(1);
        if (signal < 0 || signal > Signal.Count) return -Errno.EINVAL;
        var process = call.Process;
        var self = pid == process.Pid || pid == 0 || pid == -1 || (pid < 0 && -pid == Libc.Getpgid(0));
        if (!self) return SyscallCall.HostResult(Libc.Kill(pid, signal));
        if (signal != 0) process.Signals.Send(new SignalInfo(signal, SignalCode.User, Pid: process.Pid, Uid: Libc.Getuid()));
        return 0;
    }

    private static long ThreadKill(SyscallCall call, int tgid, int tid, int signal)
    {
        if (signal < 0 || signal > Signal.Count || tid <= 0) return -Errno.EINVAL;
        var process = call.Process;
        if (tgid != process.Pid) return -Errno.ESRCH;
        var thread = process.Threads.FirstOrDefault(t => t.Tid == tid);
        if (thread is null) return -Errno.ESRCH;
        if (signal != 0) process.Signals.Send(new SignalInfo(signal, SignalCode.Tkill, Pid: process.Pid, Uid: Libc.Getuid()), thread);
        return 0;
    }

    private static long RtSigpending(SyscallCall call)
    {
        if (call[1] > SigsetSize) return -Errno.EINVAL;
        var pending = call.Process.Signals.PendingFor(call.Thread);
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, pending.Bits);
        return call.WriteOut(call[0], bytes.AsSpan(0, (int)call[1]));
    }

    /// <summary>Waits with a temporary mask; the handler that ends the wait runs with it and returns to the old mask.</summary>
    private static long RtSigsuspend(SyscallCall call)
    {
        if (call[1] != SigsetSize) return -Errno.EINVAL;
        var bytes = new byte[8];
        if (!call.TryReadIn(call[0], bytes)) return -Errno.EFAULT;
        var thread = call.Thread;
        var mask = new SignalSet(BinaryPrimitives.ReadUInt64LittleEndian(bytes)).Except(SignalSet.Unblockable);
        thread.SavedMask = thread.BlockedSignals;
        thread.BlockedSignals = mask;
        call.Process.Signals.WaitForSignal(thread, mask, null);
        return -Errno.EINTR;
    }

    private static long RtSigtimedwait(SyscallCall call)
    {
        if (call[3] != SigsetSize) return -Errno.EINVAL;
        var bytes = new byte[16];
        if (!call.TryReadIn(call[0], bytes.AsSpan(0, 8))) return -Errno.EFAULT;
        var wanted = new SignalSet(BinaryPrimitives.ReadUInt64LittleEndian(bytes)).Except(SignalSet.Unblockable);
        TimeSpan? timeout = null;
        if (call[2] != 0)
        {
            if (!call.TryReadIn(call[2], bytes)) return -Errno.EFAULT;
            var seconds = BinaryPrimitives.ReadInt64LittleEndian(bytes);
            var nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8));
            if (seconds < 0 || nanoseconds is < 0 or >= 1_000_000_000) return -Errno.EINVAL;
            timeout = TimeSyscalls.ToTimeSpan(seconds, nanoseconds);
        }
        var signals = call.Process.Signals;
        var others = new SignalSet(~wanted.Bits);
        if (!signals.TryTake(call.Thread, others, out var info))
        {
            // Signals outside the set that the thread does not block interrupt the wait.
            signals.WaitForSignal(call.Thread, new SignalSet(~wanted.Bits & call.Thread.BlockedSignals.Bits), timeout);
            if (!signals.TryTake(call.Thread, others, out info))
                return signals.PendingFor(call.Thread).Except(call.Thread.BlockedSignals).IsEmpty ? -Errno.EAGAIN : -Errno.EINTR;
        }
        if (call[1] != 0)
        {
            var siginfo = new byte[SignalInfo.Size];
            info.WriteTo(siginfo);
            if (call.WriteOut(call[1], siginfo) < 0) return -Errno.EFAULT;
        }
        return info.Signal;
    }

    /// <summary>rt_sigqueueinfo / rt_tgsigqueueinfo to the guest itself, carrying the caller's si_code and si_value.</summary>
    private static long QueueInfo(SyscallCall call, int tgid, int tid, int signal, ulong infoAddress)
    {
        if (!Signal.IsValid(signal)) return -Errno.EINVAL;
        var process = call.Process;
        if (tgid != process.Pid) return -Errno.ESRCH;
        var thread = process.Threads.FirstOrDefault(t => t.Tid == tid);
        if (thread is null) return -Errno.ESRCH;
        var bytes = new byte[SignalInfo.Size];
        if (!call.TryReadIn(infoAddress, bytes)) return -Errno.EFAULT;
        var code = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        // Only the kernel may send si_code >= 0 (other than SI_USER from itself), as on Linux.
        if (code >= 0 || code == SignalCode.Tkill) return -Errno.EPERM;
        process.Signals.Send(new SignalInfo(signal, code, Pid: BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16)),
            Uid: BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)), Value: BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(24))), thread);
        return 0;
    }
}
