namespace Cross.UserMode.Signals;

/// <summary>ITIMER_REAL: sends SIGALRM to the process when it expires, then every interval if one is set.</summary>
public sealed class AlarmTimer : IDisposable
{
    private readonly UserModeProcess _process;
    private readonly object _sync = new();
    private Timer? _timer;
    private DateTime _due;
    private TimeSpan _interval;
    private int _generation;

    internal AlarmTimer(UserModeProcess process) => _process = process;

    /// <summary>The interval and the time left until the next expiry (zero when disarmed).</summary>
    public (TimeSpan Interval, TimeSpan Remaining) Get()
    {
        lock (_sync)
        {
            if (_timer is null) return (TimeSpan.Zero, TimeSpan.Zero);
            var remaining = _due - DateTime.UtcNow;
            // An armed timer never reports zero left (Linux rounds up to one tick).
            return (_interval, remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(10));
        }
    }

    /// <summary>Arms (or with a zero value disarms) the timer; returns the previous setting.</summary>
    public (TimeSpan Interval, TimeSpan Remaining) Set(TimeSpan value, TimeSpan interval)
    {
        lock (_sync)
        {
            var previous = Get();
            _timer?.Dispose();
            _timer = null;
            _interval = interval;
            var generation = ++_generation;
            if (value > TimeSpan.Zero)
            {
                _due = DateTime.UtcNow + value;
                _timer = new Timer(_ => Expire(generation), null, value, interval > TimeSpan.Zero ? interval : Timeout.InfiniteTimeSpan);
            }
            return previous;
        }
    }

    private void Expire(int generation)
    {
        lock (_sync)
        {
            // A callback of a timer that has since been re-armed or disarmed.
            if (generation != _generation) return;
            if (_interval > TimeSpan.Zero)
            {
                _due = DateTime.UtcNow + _interval;
            }
            else
            {
                _timer?.Dispose();
                _timer = null;
            }
        }
        if (!_process.HasExited) _process.Signals.Send(new SignalInfo(Signal.SIGALRM, SignalCode.Kernel));
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }
}
