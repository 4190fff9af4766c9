namespace Cross.UserMode.Signals;

/// <summary>
/// A process's signal state (handlers and process-directed pending signals) and the delivery
/// logic: default actions, and guest handlers entered on a guest signal frame built by the ABI.
/// </summary>
public sealed class SignalManager
{
    private readonly UserModeProcess _process;
    private readonly SignalAction[] _actions = new SignalAction[Signal.Count + 1];
    private readonly List<SignalInfo> _pending = new();
    private readonly object _sync = new();
    private int _pendingCount;

    internal SignalManager(UserModeProcess process) => _process = process;

    public SignalAction GetAction(int signal)
    {
        lock (_sync) return _actions[signal];
    }

    public void SetAction(int signal, SignalAction action)
    {
        lock (_sync)
        {
            _actions[signal] = action with { Mask = action.Mask.Except(SignalSet.Unblockable) };
            // Setting a signal to be ignored discards it if pending (POSIX).
            if (IsIgnored(signal)) Discard(signal);
        }
    }

    /// <summary>True when some signal may be waiting; cheap enough to check after every time slice.</summary>
    public bool AnyPending => Volatile.Read(ref _pendingCount) != 0;

    /// <summary>Signals pending for <paramref name="thread"/> (its own and the process's).</summary>
    public SignalSet PendingFor(GuestThread thread)
    {
        lock (_sync)
        {
            var set = SignalSet.Empty;
            foreach (var info in _pending) set = set.With(info.Signal);
            foreach (var info in thread.PendingSignals) set = set.With(info.Signal);
            return set;
        }
    }

    /// <summary>
    /// Sends a signal: to <paramref name="thread"/> when given (tgkill, faults), otherwise to the
    /// process, where any thread not blocking it may take it (the main thread is asked first, as
    /// Linux's complete_signal prefers it). Ignored signals are dropped at once; a standard signal
    /// already pending is not queued twice. Safe to call from any host thread.
    /// </summary>
    public void Send(SignalInfo info, GuestThread? thread = null)
    {
        lock (_sync)
        {
            var target = thread ?? ProcessSignalTarget(info.Signal);
            // Ignored signals are dropped when sent, unless blocked (the handler may change before they are unblocked).
            if (IsIgnored(info.Signal) && (target is null || !target.BlockedSignals.Contains(info.Signal))) return;
            var queue = thread?.PendingSignals ?? _pending;
            if (!Signal.IsRealTime(info.Signal) && queue.Exists(p => p.Signal == info.Signal)) return;
            queue.Add(info);
            _pendingCount++;
            // Stops the target's compiled code at its next block boundary, so the signal does not
            // wait for the time slice to end.
            if (target is not null) target.Context.ExitRequested = true;
            Monitor.PulseAll(_sync);
        }
        // Sleeping futex waiters re-check for a deliverable signal (outside our lock: the futex
        // table takes its lock first, then ours).
        _process.Futexes.Interrupt();
    }

    /// <summary>The live thread that should take a process-directed signal: the first (main first) not blocking it, else the first; null when none is left.</summary>
    private GuestThread? ProcessSignalTarget(int signal)
    {
        var threads = _process.Threads;
        foreach (var candidate in threads)
            if (!candidate.BlockedSignals.Contains(signal)) return candidate;
        return threads.Count > 0 ? threads[0] : null;
    }

    /// <summary>
    /// Raises a synchronous signal caused by the instruction at the current PC (a fault, an illegal
    /// instruction) and delivers it now. If the guest blocks or ignores it, the default action is
    /// restored first, as Linux's force_sig does, so the process dies rather than loop on the fault.
    /// </summary>
    public void Force(GuestThread thread, SignalInfo info)
    {
        lock (_sync)
        {
            var signal = info.Signal;
            var blocked = thread.BlockedSignals.Contains(signal);
            if (blocked || _actions[signal].IsIgnore)
            {
                _actions[signal] = _actions[signal] with { Handler = SignalAction.Default };
                if (blocked) thread.BlockedSignals = thread.BlockedSignals.Without(signal);
            }
        }
        Deliver(thread, info);
    }

    /// <summary>Delivers every pending signal <paramref name="thread"/> does not block (stacking handler frames).</summary>
    public void DeliverPending(GuestThread thread)
    {
        while (!_process.HasExited && AnyPending && TryTake(thread, thread.BlockedSignals, out var info))
            Deliver(thread, info);
        // A temporary mask (rt_sigsuspend) that no handler frame took over ends here.
        if (thread.SavedMask is { } saved)
        {
            thread.BlockedSignals = saved;
            thread.SavedMask = null;
        }
    }

    /// <summary>Takes the lowest-numbered pending signal not in <paramref name="blocked"/>.</summary>
    internal bool TryTake(GuestThread thread, SignalSet blocked, out SignalInfo info)
    {
        lock (_sync)
        {
            return TryTakeFrom(thread.PendingSignals, blocked, out info) || TryTakeFrom(_pending, blocked, out info);
        }
    }

    /// <summary>
    /// Waits until a signal outside <paramref name="blocked"/> is pending, or the timeout passes.
    /// Returns true when one is pending. With one guest thread, only host signals forwarded by the
    /// front end (Ctrl-C) and timers can end an untimed wait.
    /// </summary>
    internal bool WaitForSignal(GuestThread thread, SignalSet blocked, TimeSpan? timeout)
    {
        var deadline = timeout is { } t ? DateTime.UtcNow + t : DateTime.MaxValue;
        lock (_sync)
        {
            while (true)
            {
                if (HasDeliverable(thread, blocked)) return true;
                if (_process.HasExited) return false;
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero) return false;
                Monitor.Wait(_sync, remaining > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : remaining);
            }
        }
    }

    /// <summary>True when a signal <paramref name="thread"/> does not block is pending for it (its own or the process's).</summary>
    internal bool HasDeliverable(GuestThread thread)
    {
        lock (_sync) return HasDeliverable(thread, thread.BlockedSignals);
    }

    private bool HasDeliverable(GuestThread thread, SignalSet blocked) =>
        thread.PendingSignals.Exists(p => !blocked.Contains(p.Signal)) || _pending.Exists(p => !blocked.Contains(p.Signal));

    private bool TryTakeFrom(List<SignalInfo> queue, SignalSet blocked, out SignalInfo info)
    {
        var best = -1;
        for (var i = 0; i < queue.Count; i++)
        {
            if (blocked.Contains(queue[i].Signal)) continue;
            if (best < 0 || queue[i].Signal < queue[best].Signal) best = i;
        }
        if (best < 0)
        {
            info = default;
            return false;
        }
        info = queue[best];
        queue.RemoveAt(best);
        _pendingCount--;
        return true;
    }

    private void Discard(int signal)
    {
        _pendingCount -= _pending.RemoveAll(p => p.Signal == signal);
        foreach (var thread in _process.Threads)
            _pendingCount -= thread.PendingSignals.RemoveAll(p => p.Signal == signal);
    }

    private bool IsIgnored(int signal)
    {
        var action = _actions[signal];
        return action.IsIgnore || (action.IsDefault && Signal.DefaultActionOf(signal) == DefaultAction.Ignore);
    }

    private void Deliver(GuestThread thread, SignalInfo info)
    {
        var signal = info.Signal;
        SignalAction action;
        lock (_sync) action = _actions[signal];

        if (action.IsIgnore) return;
        if (action.IsDefault)
        {
            var defaultAction = Signal.DefaultActionOf(signal);
            if (defaultAction == DefaultAction.Ignore) return;
            if (defaultAction == DefaultAction.CoreDump)
                _process.Warn($"guest terminated by signal {signal} ({Signal.Name(signal)}) at pc 0x{thread.Context.Pc:x}");
            _process.Terminate(ProcessExit.Killed(signal));
            return;
        }

        if (!SetUpFrame(thread, info, action))
        {
            // Linux's force_sigsegv: a frame that cannot be written kills the process.
            _process.Warn($"cannot deliver signal {signal} ({Signal.Name(signal)}): the guest stack is not writable");
            _process.Terminate(ProcessExit.Killed(Signal.SIGSEGV));
            return;
        }

        var blocked = thread.BlockedSignals.Union(action.Mask);
        if ((action.Flags & SignalActionFlags.NoDefer) == 0) blocked = blocked.With(signal);
        thread.BlockedSignals = blocked.Except(SignalSet.Unblockable);
        if ((action.Flags & SignalActionFlags.ResetHand) != 0)
        {
            lock (_sync) _actions[signal] = default;
        }
    }

    private bool SetUpFrame(GuestThread thread, SignalInfo info, SignalAction action)
    {
        var abi = _process.Abi;
        var state = thread.Context.State;
        var sp = abi.GetStackPointer(state);
        var altStack = thread.AlternateStack;
        var onAltStack = altStack.Contains(sp);

        // Already on the alternate stack with no room left: Linux gives up (SIGSEGV).
        if (onAltStack && !altStack.Contains(sp - (ulong)abi.SignalFrameSize)) return false;

        // What uc_stack records: the alternate stack and whether we were on it (__save_altstack).
        var savedFlags = !altStack.IsEnabled ? SignalStack.Disable : onAltStack ? SignalStack.OnStack : 0;
        var saved = new SignalStack(altStack.Base, savedFlags | (altStack.Flags & SignalStack.AutoDisarm), altStack.Size);

        var top = sp;
        if ((action.Flags & SignalActionFlags.OnStack) != 0 && altStack.IsEnabled && !onAltStack)
        {
            top = altStack.Base + altStack.Size;
            if ((altStack.Flags & SignalStack.AutoDisarm) != 0) thread.AlternateStack = SignalStack.Disabled;
        }

        var frameAddress = abi.PlaceSignalFrame(top);
        var frame = new byte[abi.SignalFrameSize];
        abi.WriteSignalFrame(frame, state, info, thread.SavedMask ?? thread.BlockedSignals, saved);
        if (!_process.Memory.Space.TryWriteBytes(frameAddress, frame)) return false;
        thread.SavedMask = null;
        abi.EnterSignalHandler(state, info.Signal, frameAddress, action.Handler, _process.SigreturnAddress);
        return true;
    }

    /// <summary>rt_sigreturn: restores the registers, mask and alternate stack saved in the frame. False when the frame is unreadable.</summary>
    internal bool Return(GuestThread thread)
    {
        var abi = _process.Abi;
        var state = thread.Context.State;
        var frame = new byte[abi.SignalFrameSize];
        if (!_process.Memory.Space.TryReadBytes(abi.SignalFrameAddressOnReturn(state), frame)) return false;
        abi.RestoreSignalFrame(frame, state, out var mask, out var stack);
        thread.BlockedSignals = mask.Except(SignalSet.Unblockable);
        // restore_altstack: errors are ignored, as in Linux.
        SetAlternateStack(thread, new SignalStack(stack.Base, stack.Flags & ~SignalStack.OnStack, stack.Size));
        return true;
    }

    /// <summary>sigaltstack's set half; 0 or a negative errno.</summary>
    internal int SetAlternateStack(GuestThread thread, SignalStack requested)
    {
        var sp = _process.Abi.GetStackPointer(thread.Context.State);
        if (thread.AlternateStack.Contains(sp)) return -Syscalls.Errno.EPERM;
        var mode = requested.Flags & ~SignalStack.AutoDisarm;
        if (mode is not (0 or SignalStack.Disable or SignalStack.OnStack)) return -Syscalls.Errno.EINVAL;
        if (mode == SignalStack.Disable)
        {
            thread.AlternateStack = SignalStack.Disabled;
            return 0;
        }
        if (requested.Size < SignalStack.MinimumSize) return -Syscalls.Errno.ENOMEM;
        thread.AlternateStack = new SignalStack(requested.Base, requested.Flags & SignalStack.AutoDisarm, requested.Size);
        return 0;
    }

    /// <summary>Wakes threads waiting for signals (process exit).</summary>
    internal void WakeAll()
    {
        lock (_sync) Monitor.PulseAll(_sync);
    }
}
