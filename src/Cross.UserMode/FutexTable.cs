using Cross.Core.Ir;
using Cross.Core.Memory;
using Cross.UserMode.Syscalls;

namespace Cross.UserMode;

/// <summary>
/// In-process futexes: wait queues keyed by guest address (private and shared futexes alike, as
/// one process owns all the memory). A wait reads the futex word and enqueues under the table's
/// lock, and every waker and requeue takes the same lock, so no wake-up is lost between the check
/// and the sleep. Waits end early (EINTR) when a signal the thread does not block is pending, or
/// when the process exits; <see cref="Interrupt"/> wakes sleepers to re-check that.
/// </summary>
public sealed class FutexTable
{
    public const uint MatchAny = 0xFFFF_FFFF;

    /// <summary>Longest single sleep: a safety net only, since every event that ends a wait pulses the lock.</summary>
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);

    private readonly UserModeProcess _process;
    private readonly Dictionary<ulong, List<Waiter>> _queues = new();
    private readonly object _sync = new();

    internal FutexTable(UserModeProcess process) => _process = process;

    /// <summary>Threads sleeping on some futex now (for tests that wait for a waiter to park).</summary>
    public int WaiterCount
    {
        get
        {
            lock (_sync) return _queues.Values.Sum(queue => queue.Count);
        }
    }

    /// <summary>
    /// FUTEX_WAIT(_BITSET): sleeps while *address == expected, until woken, the deadline, or a
    /// signal. Returns 0 when woken, or -EAGAIN, -ETIMEDOUT, -EINTR, -EINVAL, -EFAULT.
    /// </summary>
    public long Wait(GuestThread thread, ulong address, uint expected, DateTime? deadlineUtc, uint bitset)
    {
        if ((address & 3) != 0 || bitset == 0) return -Errno.EINVAL;
        var waiter = new Waiter(address, bitset);
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

            Enqueue(waiter);
            while (!waiter.Woken)
            {
                var interrupted = _process.HasExited || thread.HasExited || _process.Signals.HasDeliverable(thread);
                var remaining = deadlineUtc is { } deadline ? deadline - DateTime.UtcNow : MaxSleep;
                if (interrupted || remaining <= TimeSpan.Zero)
                {
                    Dequeue(waiter);
                    return interrupted ? -Errno.EINTR : -Errno.ETIMEDOUT;
                }
                Monitor.Wait(_sync, remaining > MaxSleep ? MaxSleep : remaining);
            }
            return 0;
        }
    }

    /// <summary>FUTEX_WAKE(_BITSET): wakes up to <paramref name="count"/> waiters whose bitset meets <paramref name="bitset"/>; returns how many.</summary>
    public int Wake(ulong address, int count, uint bitset = MatchAny)
    {
        if ((address & 3) != 0 || bitset == 0) return -Errno.EINVAL;
        lock (_sync)
        {
            var woken = WakeLocked(address, count, bitset);
            if (woken > 0) Monitor.PulseAll(_sync);
            return woken;
        }
    }

    /// <summary>
    /// FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: when <paramref name="expected"/> is given, first checks
    /// (under the lock, so atomically with respect to waiters) that *address still holds it
    /// (-EAGAIN otherwise); then wakes up to <paramref name="wakeCount"/> waiters and moves up to
    /// <paramref name="requeueCount"/> more to <paramref name="target"/>. Returns woken + moved
    /// (CMP_REQUEUE) or woken (REQUEUE), as Linux does.
    /// </summary>
    public long Requeue(ulong address, int wakeCount, ulong target, int requeueCount, uint? expected)
    {
        if ((address & 3) != 0 || (target & 3) != 0 || wakeCount < 0 || requeueCount < 0) return -Errno.EINVAL;
        lock (_sync)
        {
            if (expected is { } value)
            {
                try
                {
                    if ((uint)_process.Memory.Space.Read(address, 4) != value) return -Errno.EAGAIN;
                }
                catch (GuestMemoryFaultException)
                {
                    return -Errno.EFAULT;
                }
            }
            var woken = WakeLocked(address, wakeCount, MatchAny);
            var moved = 0;
            if (address != target && _queues.TryGetValue(address, out var queue))
            {
                moved = Math.Min(requeueCount, queue.Count);
                var movers = queue.GetRange(0, moved);
                queue.RemoveRange(0, moved);
                if (queue.Count == 0) _queues.Remove(address);
                foreach (var waiter in movers)
                {
                    waiter.Address = target;
                    Enqueue(waiter);
                }
            }
            if (woken > 0) Monitor.PulseAll(_sync);
            return expected is null ? woken : woken + moved;
        }
    }

    /// <summary>
    /// FUTEX_WAKE_OP: under the lock, atomically applies <paramref name="operation"/> to the word
    /// at <paramref name="address2"/>, wakes up to <paramref name="count"/> waiters on
    /// <paramref name="address"/>, and, when the old value passes <paramref name="comparison"/>, up
    /// to <paramref name="count2"/> on <paramref name="address2"/>. Returns how many woke.
    /// </summary>
    public long WakeOp(ulong address, int count, ulong address2, int count2, uint encoded)
    {
        var operation = (int)(encoded >> 28) & 7;
        var comparison = (int)(encoded >> 24) & 15;
        var argument = (int)((encoded >> 12) & 0xfff) << 20 >> 20;
        var compareWith = (int)(encoded & 0xfff) << 20 >> 20;
        if ((encoded & 0x8000_0000) != 0) argument = 1 << (argument & 31);
        if ((address & 3) != 0 || (address2 & 3) != 0) return -Errno.EINVAL;
        if (operation > 4 || comparison > 5) return -Errno.ENOSYS;
        var atomic = operation switch
        {
            0 => AtomicOp.Exchange,
            1 => AtomicOp.Add,
            2 => AtomicOp.Or,
            3 => AtomicOp.And,
            _ => AtomicOp.Xor,
        };
        var operand = operation == 3 ? ~argument : argument;
        lock (_sync)
        {
            int old;
            try
            {
                old = (int)_process.Memory.Space.AtomicRmw(atomic, address2, 4, (uint)operand);
            }
            catch (GuestMemoryFaultException)
            {
                return -Errno.EFAULT;
            }
            var woken = WakeLocked(address, count, MatchAny);
            var passes = comparison switch
            {
                0 => old == compareWith,
                1 => old != compareWith,
                2 => old < compareWith,
                3 => old <= compareWith,
                4 => old > compareWith,
                _ => old >= compareWith,
            };
            if (passes) woken += WakeLocked(address2, count2, MatchAny);
            if (woken > 0) Monitor.PulseAll(_sync);
            return woken;
        }
    }

    /// <summary>Wakes every sleeper to re-check why it might stop waiting (a signal was sent, the process or a thread ended).</summary>
    internal void Interrupt()
    {
        lock (_sync) Monitor.PulseAll(_sync);
    }

    /// <summary>Wakes every waiter so they can see the process has ended.</summary>
    internal void WakeAll() => Interrupt();

    private int WakeLocked(ulong address, int count, uint bitset)
    {
        if (count <= 0 || !_queues.TryGetValue(address, out var queue)) return 0;
        var woken = 0;
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
        return woken;
    }

    private void Enqueue(Waiter waiter)
    {
        if (!_queues.TryGetValue(waiter.Address, out var queue)) _queues[waiter.Address] = queue = new List<Waiter>();
        queue.Add(waiter);
    }

    /// <summary>Takes a waiter off the queue it is on now (a requeue may have moved it).</summary>
    private void Dequeue(Waiter waiter)
    {
        if (!_queues.TryGetValue(waiter.Address, out var queue)) return;
        queue.Remove(waiter);
        if (queue.Count == 0) _queues.Remove(waiter.Address);
    }

    /// <summary>One sleeping thread: the futex it waits on (changed by requeue) and its bitset. Guarded by the table's lock.</summary>
    private sealed class Waiter(ulong address, uint bitset)
    {
        public ulong Address { get; set; } = address;
        public uint Bitset { get; } = bitset;
        public bool Woken { get; set; }
    }
}
