using System.Buffers.Binary;
using Cross.UserMode.Native;
using Cross.UserMode.Signals;
using Cross.UserMode.Syscalls;

namespace Cross.UserMode.Processes;

/// <summary>
/// The guest's child processes, which are host processes (emulators started by fork). Waits go
/// to the host's wait4/waitid, but only ever for these pids: the emulator may share its host
/// process with other children (a test host running qemu) that are not the guest's to reap. A
/// watcher thread per child notices its exit without reaping it, to wake waiters and to send the
/// guest the exit signal clone asked for (SIGCHLD), with the child's pid and status.
/// </summary>
public sealed class ChildProcesses
{
    private const int PPid = 1, WNoHang = 1, WExited = 4, WNoWait = 0x01000000;
    private const int CldExited = 1, CldKilled = 2, CldDumped = 3;

    /// <summary>How often a blocked wait looks for a signal that should interrupt it.</summary>
    private static readonly TimeSpan SignalCheckInterval = TimeSpan.FromMilliseconds(20);

    private readonly UserModeProcess _process;
    private readonly Dictionary<int, int> _exitSignals = new();
    private readonly object _sync = new();
    private long _exits;

    internal ChildProcesses(UserModeProcess process) => _process = process;

    /// <summary>The pids of children not yet reaped.</summary>
    public IReadOnlyList<int> Pids
    {
        get { lock (_sync) return _exitSignals.Keys.Order().ToArray(); }
    }

    /// <summary>Each child not yet reaped with the signal its exit sends, for an execve to hand on.</summary>
    internal IReadOnlyList<(int Pid, int ExitSignal)> Snapshot()
    {
        lock (_sync) return _exitSignals.Select(p => (p.Key, p.Value)).ToArray();
    }

    /// <summary>Adopts a child (a fork, or one inherited across execve); <paramref name="exitSignal"/> 0 sends nothing.</summary>
    public void Add(int pid, int exitSignal)
    {
        lock (_sync) _exitSignals[pid] = exitSignal;
        var watcher = new Thread(() => Watch(pid), 256 << 10) { IsBackground = true, Name = $"cross child {pid}" };
        watcher.Start();
    }

    private void Watch(int pid)
    {
        var info = new byte[SignalInfo.Size];
        int result;
        do result = Libc.Waitid(PPid, pid, info, WExited | WNoWait);
        while (result < 0 && Libc.Errno == Errno.EINTR);
        int exitSignal;
        lock (_sync)
        {
            _exits++;
            Monitor.PulseAll(_sync);
            if (!_exitSignals.TryGetValue(pid, out exitSignal)) return;
        }
        if (result < 0) return;   // already reaped by a guest wait
        var code = BinaryPrimitives.ReadInt32LittleEndian(info.AsSpan(8));
        var status = BinaryPrimitives.ReadInt32LittleEndian(info.AsSpan(24));
        var uid = BinaryPrimitives.ReadUInt32LittleEndian(info.AsSpan(20));
        // A guest that ignores SIGCHLD (or asks SA_NOCLDWAIT) has its children reaped for it, as Linux does.
        var action = _process.Signals.GetAction(Signal.SIGCHLD);
        if (action.IsIgnore || (action.Flags & SignalActionFlags.NoChildWait) != 0)
        {
            Libc.Wait4(pid, out _, WNoHang, null);
            lock (_sync)
            {
                _exitSignals.Remove(pid);
                Monitor.PulseAll(_sync);
            }
        }
        if (exitSignal != 0 && code is CldExited or CldKilled or CldDumped)
            _process.Signals.Send(new SignalInfo(exitSignal, code, Pid: pid, Uid: uid, Value: (uint)status));
    }

    /// <summary>
    /// wait4: reaps a child matching <paramref name="pid"/> (&gt;0 that child, -1 any, 0 our process
    /// group, &lt;-1 that group). Returns its pid, 0 (WNOHANG, nothing yet), -ECHILD, or -EINTR when a
    /// signal the thread does not block arrives first.
    /// </summary>
    public int Wait4(GuestThread thread, int pid, int options, out int status, byte[]? usage)
    {
        status = 0;
        while (true)
        {
            long exitsBefore;
            lock (_sync) exitsBefore = _exits;
            var candidates = Candidates(pid);
            if (candidates.Count == 0) return -Errno.ECHILD;
            foreach (var child in candidates)
            {
                var result = Libc.Wait4(child, out status, options | WNoHang, usage);
                if (result > 0)
                {
                    Forget(child);
                    return result;
                }
                if (result < 0)
                {
                    var errno = Libc.Errno;
                    if (errno == Errno.ECHILD) Forget(child);
                    else if (errno != Errno.EINTR) return -errno;
                }
            }
            if ((options & WNoHang) != 0) return 0;
            if (!Sleep(thread, exitsBefore)) return -Errno.ERestartSys;
        }
    }

    /// <summary>
    /// waitid(P_ALL / P_PID / P_PGID): fills the 128-byte <paramref name="info"/> for the child found
    /// (all zero when WNOHANG finds none). Returns 0, -ECHILD, -EINVAL or -ERESTARTSYS.
    /// </summary>
    public int Waitid(GuestThread thread, int idType, int id, int options, byte[] info)
    {
        const int PAll = 0, PPgid = 2;
        int pid = idType switch
        {
            PAll => -1,
            PPid when id > 0 => id,
            PPgid when id >= 0 => id == 0 ? 0 : -id,
            _ => int.MinValue,
        };
        if (pid == int.MinValue) return -Errno.EINVAL;
        while (true)
        {
            long exitsBefore;
            lock (_sync) exitsBefore = _exits;
            var candidates = Candidates(pid);
            if (candidates.Count == 0) return -Errno.ECHILD;
            foreach (var child in candidates)
            {
                Array.Clear(info);
                var result = Libc.Waitid(PPid, child, info, options | WNoHang);
                if (result == 0 && BinaryPrimitives.ReadInt32LittleEndian(info.AsSpan(16)) != 0)
                {
                    if ((options & WNoWait) == 0 && (options & WExited) != 0 && BinaryPrimitives.ReadInt32LittleEndian(info.AsSpan(8)) is CldExited or CldKilled or CldDumped)
                        Forget(child);
                    return 0;
                }
                if (result < 0)
                {
                    var errno = Libc.Errno;
                    if (errno == Errno.ECHILD) Forget(child);
                    else if (errno != Errno.EINTR) return -errno;
                }
            }
            Array.Clear(info);
            if ((options & WNoHang) != 0) return 0;
            if (!Sleep(thread, exitsBefore)) return -Errno.ERestartSys;
        }
    }

    /// <summary>Waits for a child to change state; false when a signal (or the end of the process) interrupts.</summary>
    private bool Sleep(GuestThread thread, long exitsBefore)
    {
        lock (_sync)
        {
            while (_exits == exitsBefore)
            {
                if (_process.HasExited || thread.HasExited || _process.Signals.HasDeliverable(thread)) return false;
                Monitor.Wait(_sync, SignalCheckInterval);
            }
        }
        // A child changed state: look for it before any signal (its SIGCHLD must not make the wait fail).
        return true;
    }

    private List<int> Candidates(int pid)
    {
        int[] all;
        lock (_sync) all = _exitSignals.Keys.ToArray();
        if (pid > 0) return all.Contains(pid) ? [pid] : [];
        if (pid == -1) return [.. all];
        var group = pid == 0 ? Libc.Getpgid(0) : -pid;
        return all.Where(child => Libc.Getpgid(child) == group).ToList();
    }

    private void Forget(int pid)
    {
        lock (_sync) _exitSignals.Remove(pid);
    }
}
