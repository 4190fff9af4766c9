using System.Diagnostics;
using Cross.Core.Devices;

namespace Cross.Machines.Running;

/// <summary>Moves guest time for a <see cref="SystemRunner"/>: before and after each round of slices, and while every hart idles.</summary>
internal abstract class TimeDriver(VirtualClock clock)
{
    protected VirtualClock Clock => clock;

    public static TimeDriver Create(VirtualClock clock, SystemRunOptions options) => options.Clock switch
    {
        ClockMode.InstructionCount => new InstructionCountTime(clock, Math.Max(1, options.NanosecondsPerInstruction)),
        _ => new HostTime(clock),
    };

    /// <summary>Brings time up to date before a round; returns how many instructions each hart may run in it.</summary>
    public abstract long BeginRound(long slice, ulong? nextDeadline);

    /// <summary>After a round in which the busiest hart used <paramref name="instructions"/>.</summary>
    public abstract void EndRound(long instructions);

    /// <summary>
    /// Every hart waits for an interrupt: moves time to <paramref name="nextDeadline"/> or waits
    /// for <paramref name="wake"/> (console input), at most <paramref name="limit"/> of host time.
    /// </summary>
    public abstract void Idle(ulong? nextDeadline, ManualResetEventSlim wake, TimeSpan limit);

    /// <summary>--icount: a retired instruction is a fixed amount of guest time; idle time is skipped.</summary>
    private sealed class InstructionCountTime(VirtualClock clock, ulong nanosecondsPerInstruction) : TimeDriver(clock)
    {
        public override long BeginRound(long slice, ulong? nextDeadline)
        {
            if (nextDeadline is not { } deadline) return slice;
            // Stop the slice at the instruction where the next timer is due, so it fires exactly there.
            var until = deadline <= Clock.Now ? 1 : (deadline - Clock.Now + nanosecondsPerInstruction - 1) / nanosecondsPerInstruction;
            return (long)Math.Min((ulong)slice, Math.Max(1, until));
        }

        public override void EndRound(long instructions)
        {
            if (instructions > 0) Clock.Advance((ulong)instructions * nanosecondsPerInstruction);
        }

        public override void Idle(ulong? nextDeadline, ManualResetEventSlim wake, TimeSpan limit)
        {
            if (wake.IsSet)
            {
                wake.Reset();
                return;
            }
            if (nextDeadline is { } deadline)
            {
                Clock.AdvanceTo(deadline);
                return;
            }
            // Nothing will ever happen by itself: only console input can wake the machine.
            wake.Wait(limit);
            wake.Reset();
        }
    }

    /// <summary>Guest time is host time since the run started; idle harts sleep until the next deadline.</summary>
    private sealed class HostTime(VirtualClock clock) : TimeDriver(clock)
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private readonly ulong _origin = clock.Now;

        private ulong HostNow => _origin + (ulong)Stopwatch.GetElapsedTime(_start).Ticks * 100;

        public override long BeginRound(long slice, ulong? nextDeadline)
        {
            Clock.AdvanceTo(HostNow);
            return slice;
        }

        public override void EndRound(long instructions) => Clock.AdvanceTo(HostNow);

        public override void Idle(ulong? nextDeadline, ManualResetEventSlim wake, TimeSpan limit)
        {
            var wait = limit;
            if (nextDeadline is { } deadline)
            {
                var now = HostNow;
                if (deadline <= now)
                {
                    Clock.AdvanceTo(now);
                    return;
                }
                wait = TimeSpan.FromTicks((long)Math.Min((deadline - now + 99) / 100, (ulong)limit.Ticks));
            }
            wake.Wait(wait);
            wake.Reset();
            Clock.AdvanceTo(HostNow);
        }
    }
}
