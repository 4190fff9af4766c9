using Cross.Core.Memory;
using Cross.UserMode.Syscalls;

namespace Cross.UserMode;

/// <summary>
/// In-process futexes: wait queues keyed by guest address. A wait checks the futex word and
/// enqueues under the table's lock, and wakers take the same lock, so no wake-up is lost between
/// the check and the sleep. Waits end early (EINTR) when a signal the thread does not block
/// arrives, or when the process exits.
/// </summary>
public sealed class FutexTable
{
    public const uint MatchAny = 0xFFFF_FFFF;

    private readonly UserModeProcess _process;
    private readonly Dictionary<ulong, List<Waiter>> _queues = new();
    private readonly object _sync = new();

    internal FutexTable(UserModeProcess process) => _process = process;

    /// <summary>FUTEX_WAIT(_BITSET): sleeps while *address == expected. Returns 0 when woken, or -EAGAIN, -ETIMEDOUT, -EINTR, -EINVAL, -EFAULT.</summary>
    public long Wait(GuestThread thread, ulong address, uint expected, DateTime? deadlineUtc, uint bitset)
    {
        if ((address & 3) != 0 || bitset == 0) return -Errno.EINVAL;
        var waiter = new Waiter(bitset);
        lock (_sync)
        {
            uint value;
            try
            {
                value = (uint)_process.Memory.Space.Read(address, 4);
            }
            catch (GuestMemoryFaultException)
            {
                return -Errno.EFAULT;
            }
            if (value != expected) return -Errno.EAGAIN;

            if (!_queues.TryGetValue(address, out var queue)) _queues[address] = queue = new List<Waiter>();
            queue.Add(waiter);
            while (!waiter.Woken)
            {
                var interrupted = _process.HasExited || _process.Signals.PendingFor(thread).Except(thread.BlockedSignals) is { IsEmpty: false };
                var remaining = deadlineUtc is { } deadline ? deadline - DateTime.UtcNow : TimeSpan.FromMilliseconds(100);
                if (interrupted || remaining <= TimeSpan.Zero)
                {
                    Remove(address, waiter);
                    return interrupted ? -Errno.EINTR : -Errno.ETIMEDOUT;
                }
                Monitor.Wait(_sync, remaining > TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : remaining);
            }
            return 0;
        }
    }

    /// <summary>FUTEX_WAKE(_BITSET): wakes up to <paramref name="count"/> waiters; returns how many.</summary>
    public int Wake(ulong address, int count, uint bitset = MatchAny)
    {
        lock (_sync)
        {
            var woken = 0;
            if (_queues.TryGetValue(address, out var queue))
            {
                for (var i = 0; i < queue.Count && woken < count;)
                {
                    if ((queue[i].Bitset & bitset) == 0)
                    {
                        i++;
                        continue;
                    }
                    queue[i].Woken = true;
                    queue.RemoveAt(i);
                    woken++;
                }
                if (queue.Count == 0) _queues.Remove(address);
            }
            if (woken > 0) Monitor.PulseAll(_sync);
            return woken;
        }
    }

    /// <summary>FUTEX_REQUEUE: wakes up to <paramref name="wakeCount"/>, moves up to <paramref name="requeueCount"/> more to <paramref name="target"/>.</summary>
    public int Requeue(ulong address, int wakeCount, ulong target, int requeueCount)
    {
        lock (_sync)
        {
            var woken = Wake(address, wakeCount);
            if (!_queues.TryGetValue(address, out var queue)) return woken;
            var moved = queue.Take(requeueCount).ToList();
            queue.RemoveRange(0, moved.Count);
            if (queue.Count == 0) _queues.Remove(address);
            if (moved.Count > 0)
            {
                if (!_queues.TryGetValue(target, out var targetQueue)) _queues[target] = targetQueue = new List<Waiter>();
                targetQueue.AddRange(moved);
            }
            return woken + moved.Count;
        }
    }

    /// <summary>Wakes every waiter so they can see the process has ended.</summary>
    internal void WakeAll()
    {
        lock (_sync) Monitor.PulseAll(_sync);
    }

    private void Remove(ulong address, Waiter waiter)
    {
        if (!_queues.TryGetValue(address, out var queue)) return;
        queue.Remove(waiter);
        if (queue.Count == 0) _queues.Remove(address);
    }

    private sealed class Waiter(uint bitset)
    {
        public uint Bitset { get; } = bitset;
        public bool Woken { get; set; }
    }
}
