using System.Buffers.Binary;
using Cross.Core.Memory;
using Cross.UserMode.Native;

namespace Cross.UserMode.Syscalls;

/// <summary>
/// Clocks, sleeps and interval timers. struct timespec and timeval are two 64-bit words for
/// every 64-bit guest and host, so clock reads go straight into guest memory. Sleeps wait on
/// the guest's signal state, so a signal (a forwarded Ctrl-C, SIGALRM from alarm) interrupts
/// them with EINTR as on Linux.
/// </summary>
internal static class TimeSyscalls
{
    private const int ClockRealtime = 0, ClockMonotonic = 1;
    private const int TimerAbstime = 1;
    private const int ItimerReal = 0;

    public static void Register(SyscallTableBuilder table)
    {
        table.Add("clock_gettime", "dp", ClockGettime)
            .Add("clock_getres", "dp", ClockGetres)
            .Add("gettimeofday", "pp", Gettimeofday)
            .Add("nanosleep", "pp", call => Sleep(call, ClockMonotonic, 0, call[0], call[1]))
            .Add("clock_nanosleep", "dxpp", call => Sleep(call, call.Int(0), call.Int(1), call[2], call[3]))
            .Add("times", "p", Times)
            .Add("setitimer", "dpp", Setitimer)
            .Add("getitimer", "dp", Getitimer);
    }

    public static TimeSpan ToTimeSpan(long seconds, long nanoseconds) =>
        seconds >= TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerSecond - 1
            ? TimeSpan.MaxValue
            : TimeSpan.FromTicks(seconds * TimeSpan.TicksPerSecond + nanoseconds / 100);

    /// <summary>The UTC moment at which <paramref name="clock"/> (realtime or monotonic) reads the given time.</summary>
    public static DateTime AbsoluteToUtc(int clock, long seconds, long nanoseconds)
    {
        var target = ToTimeSpan(seconds, nanoseconds);
        var now = Now(clock);
        var delta = target - now;
        return delta <= TimeSpan.Zero ? DateTime.UtcNow : delta >= DateTime.MaxValue - DateTime.UtcNow ? DateTime.MaxValue : DateTime.UtcNow + delta;
    }

    /// <summary>A host clock's current reading.</summary>
    public static TimeSpan Now(int clock)
    {
        var timespec = new long[2];
        return Libc.ClockGettime(clock, timespec) < 0 ? TimeSpan.Zero : ToTimeSpan(timespec[0], timespec[1]);
    }

    private static long ClockGettime(SyscallCall call)
    {
        if (!call.TryBuffer(call[1], 16, MemoryAccessType.Write, out var timespec)) return -Errno.EFAULT;
        return SyscallCall.HostResult(Libc.ClockGettime(call.Int(0), timespec));
    }

    private static long ClockGetres(SyscallCall call)
    {
        nint result = 0;
        if (call[1] != 0 && !call.TryBuffer(call[1], 16, MemoryAccessType.Write, out result)) return -Errno.EFAULT;
        return SyscallCall.HostResult(Libc.ClockGetres(call.Int(0), result));
    }

    private static long Gettimeofday(SyscallCall call)
    {
        if (call[0] != 0)
        {
            var timespec = new long[2];
            if (Libc.ClockGettime(ClockRealtime, timespec) < 0) return -Libc.Errno;
            var timeval = new byte[16];
            BinaryPrimitives.WriteInt64LittleEndian(timeval, timespec[0]);
            BinaryPrimitives.WriteInt64LittleEndian(timeval.AsSpan(8), timespec[1] / 1000);
            if (call.WriteOut(call[0], timeval) < 0) return -Errno.EFAULT;
        }
        // struct timezone: minutes west and DST type, both zero (UTC) as on most systems.
        return call[1] != 0 ? call.WriteOut(call[1], new byte[8]) : 0;
    }

    /// <summary>nanosleep and clock_nanosleep: waits for the time or for a deliverable signal (EINTR, remaining time written back).</summary>
    private static long Sleep(SyscallCall call, int clock, int flags, ulong request, ulong remaining)
    {
        var buffer = new byte[16];
        if (!call.TryReadIn(request, buffer)) return -Errno.EFAULT;
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(buffer);
        var nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(8));
        if (seconds < 0 || nanoseconds is < 0 or >= 1_000_000_000) return -Errno.EINVAL;
        if (clock is not (ClockRealtime or ClockMonotonic or 7 /* BOOTTIME */ or 4 /* MONOTONIC_RAW */)) return -Errno.EINVAL;

        var deadline = (flags & TimerAbstime) != 0
            ? AbsoluteToUtc(clock == ClockRealtime ? ClockRealtime : ClockMonotonic, seconds, nanoseconds)
            : DateTime.UtcNow + ToTimeSpan(seconds, nanoseconds);
        var thread = call.Thread;
        var left = deadline == DateTime.MaxValue ? (TimeSpan?)null : deadline - DateTime.UtcNow;
        if (left is { } l && l <= TimeSpan.Zero) return 0;
        if (!call.Process.Signals.WaitForSignal(thread, thread.BlockedSignals, left)) return call.Process.HasExited ? -Errno.EINTR : 0;

        if (remaining != 0 && (flags & TimerAbstime) == 0)
        {
            var rest = deadline - DateTime.UtcNow;
            if (rest < TimeSpan.Zero) rest = TimeSpan.Zero;
            BinaryPrimitives.WriteInt64LittleEndian(buffer, (long)rest.TotalSeconds);
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(8), rest.Ticks % TimeSpan.TicksPerSecond * 100);
            call.WriteOut(remaining, buffer);
        }
        return -Errno.EINTR;
    }

    private static long Times(SyscallCall call)
    {
        nint buffer = 0;
        if (call[0] != 0 && !call.TryBuffer(call[0], 32, MemoryAccessType.Write, out buffer)) return -Errno.EFAULT;
        return SyscallCall.HostResult(Libc.Times(buffer));
    }

    /// <summary>ITIMER_REAL (what alarm() uses) sends SIGALRM; the virtual and profiling timers are not emulated.</summary>
    private static long Setitimer(SyscallCall call)
    {
        if (call.Int(0) != ItimerReal) return call.Int(0) is 1 or 2 ? -Errno.ENOSYS : -Errno.EINVAL;
        var value = new byte[32];
        if (call[1] != 0 && !call.TryReadIn(call[1], value)) return -Errno.EFAULT;
        var interval = ReadTimeval(value, 0);
        var first = ReadTimeval(value, 16);
        if (interval is null || first is null) return -Errno.EINVAL;
        var (oldInterval, oldValue) = call.Process.AlarmTimer.Set(first.Value, interval.Value);
        if (call[2] != 0) return call.WriteOut(call[2], Itimerval(oldInterval, oldValue));
        return 0;
    }

    private static long Getitimer(SyscallCall call)
    {
        if (call.Int(0) != ItimerReal) return call.Int(0) is 1 or 2 ? call.WriteOut(call[1], new byte[32]) : -Errno.EINVAL;
        var (interval, value) = call.Process.AlarmTimer.Get();
        return call.WriteOut(call[1], Itimerval(interval, value));
    }

    private static TimeSpan? ReadTimeval(byte[] bytes, int offset)
    {
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset));
        var microseconds = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset + 8));
        if (seconds < 0 || microseconds is < 0 or >= 1_000_000) return null;
        return ToTimeSpan(seconds, microseconds * 1000);
    }

    private static byte[] Itimerval(TimeSpan interval, TimeSpan value)
    {
        var bytes = new byte[32];
        void Put(int offset, TimeSpan time)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(offset), time.Ticks / TimeSpan.TicksPerSecond);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(offset + 8), time.Ticks % TimeSpan.TicksPerSecond / 10);
        }
        Put(0, interval);
        Put(16, value);
        return bytes;
    }
}
