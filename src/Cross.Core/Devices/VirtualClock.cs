namespace Cross.Core.Devices;

/// <summary>
/// Guest time for one machine, in nanoseconds, with timers that fire when it passes their
/// deadline. The machine's runner advances it between time slices: by retired instructions
/// (deterministic, <c>--icount</c>) or by host time. Devices never read the host clock directly.
/// </summary>
public sealed class VirtualClock
{
    private readonly PriorityQueue<Timer, (ulong Deadline, long Sequence)> _timers = new();
    private long _sequence;

    public ulong Now { get; private set; }

    public sealed class Timer
    {
        internal Timer(Action callback) => Callback = callback;

        internal Action Callback { get; }

        public bool Cancelled { get; internal set; }

        public ulong Deadline { get; internal set; }

        public void Cancel() => Cancelled = true;
    }

    /// <summary>Runs <paramref name="callback"/> once guest time reaches <paramref name="deadline"/>.</summary>
    public Timer Schedule(ulong deadline, Action callback)
    {
        var timer = new Timer(callback) { Deadline = deadline };
        _timers.Enqueue(timer, (deadline, _sequence++));
        return timer;
    }

    /// <summary>Deadline of the earliest live timer, or null.</summary>
    public ulong? NextDeadline
    {
        get
        {
            while (_timers.TryPeek(out var timer, out _) && timer.Cancelled) _timers.Dequeue();
            return _timers.TryPeek(out var next, out _) ? next.Deadline : null;
        }
    }

    /// <summary>
    /// Moves time forward (never back) and fires every timer that became due, in deadline order.
    /// While a timer fires, <see cref="Now"/> is its deadline, so a periodic timer re-arms from
    /// the time it was due and not from the end of the advance.
    /// </summary>
    public void AdvanceTo(ulong target)
    {
        while (_timers.TryPeek(out var timer, out var key) && key.Deadline <= target)
        {
            _timers.Dequeue();
            if (timer.Cancelled) continue;
            if (key.Deadline > Now) Now = key.Deadline;
            timer.Callback();
        }
        if (target > Now) Now = target;
    }

    public void Advance(ulong nanoseconds) => AdvanceTo(Now + nanoseconds);
}
