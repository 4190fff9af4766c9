using System.Diagnostics;
using Cross.Devices.Timers;
using Cross.Frontends.RiscV.Privileged;
using Cross.Frontends.RiscV.SystemMode;

namespace Cross.Machines.Running;

/// <summary>
/// Runs a RISC-V machine: one <see cref="RiscVSystemCpu"/> per hart, wired to the board's
/// interrupt pins and reading mtime from its CLINT, stepped round robin on the calling thread in
/// time slices. Between slices it polls the devices (console input, HTIF) and moves guest time
/// (<see cref="ClockMode"/>); when every hart waits for an interrupt it skips or sleeps to the
/// next timer deadline. The run ends when the guest asks a power device to stop the machine,
/// when the timeout passes, or when the caller cancels.
/// </summary>
public sealed class SystemRunner
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(15);
    private static readonly TimeSpan IdleCheckInterval = TimeSpan.FromMilliseconds(100);

    private readonly Machine _machine;
    private readonly SystemRunOptions _options;
    private readonly RiscVSystemCpu[] _harts;
    private readonly ManualResetEventSlim _wake = new(false);

    public SystemRunner(Machine machine, SystemRunOptions options)
    {
        if (machine.Board.Architecture != "riscv64") throw new ArgumentException($"{machine.Board.Name}: only riscv64 boards can run");
        _machine = machine;
        _options = options;
        var clint = machine.Clint;
        Func<ulong> mtime = clint is null ? () => machine.Clock.Now / Clint.NanosecondsPerTick : () => clint.MTime;
        _harts = machine.Harts.Select(pins =>
        {
            var cpu = new RiscVSystemCpu(machine.Bus, options.Backend,
                new RiscVHartOptions { HartId = (ulong)pins.HartId, TimeSource = mtime }, options.Engine);
            pins.Msip.Attach(cpu.MachineSoftwareInterrupt);
            pins.Mtip.Attach(cpu.MachineTimerInterrupt);
            pins.Meip.Attach(cpu.MachineExternalInterrupt);
            pins.Seip.Attach(cpu.SupervisorExternalInterrupt);
            return cpu;
        }).ToArray();
        // End the slice as soon as the guest powers off, rather than at the end of the budget.
        machine.ShutdownRequested += _ =>
        {
            foreach (var hart in _harts) hart.RequestStop();
        };
    }

    public IReadOnlyList<RiscVSystemCpu> Harts => _harts;

    /// <summary>The console whose output is flushed between slices, if any.</summary>
    public ConsoleBridge? Console { get; set; }

    /// <summary>Instructions retired by all harts so far.</summary>
    public long InstructionsRetired => _harts.Sum(h => h.InstructionsRetired);

    /// <summary>Resets every hart to <paramref name="pc"/> in M-mode with a0 = its hart id (QEMU's reset ROM reads mhartid itself).</summary>
    public void Reset(ulong pc)
    {
        foreach (var hart in _harts) hart.Reset(pc, a0: hart.HartId);
    }

    /// <summary>Wakes an idle machine: call it (from any thread) when host input arrived for a device.</summary>
    public void Wake() => _wake.Set();

    public RunOutcome Run(CancellationToken cancel = default)
    {
        var started = Stopwatch.GetTimestamp();
        var lastFlush = started;
        var time = TimeDriver.Create(_machine.Clock, _options);
        var startInstructions = InstructionsRetired;
        using var wakeOnCancel = cancel.Register(Wake);
        RunOutcome Finish(RunEnd end)
        {
            Console?.Flush();
            return new RunOutcome(end, _machine.PendingShutdown, InstructionsRetired - startInstructions, _machine.Clock.Now,
                Stopwatch.GetElapsedTime(started));
        }

        while (true)
        {
            if (_machine.PendingShutdown is not null) return Finish(RunEnd.Shutdown);
            if (cancel.IsCancellationRequested) return Finish(RunEnd.Cancelled);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (_options.Timeout is { } limit && elapsed >= limit) return Finish(RunEnd.Timeout);

            _machine.Poll();
            var budget = time.BeginRound(_options.SliceInstructions, NextDeadline());
            long used = 0;
            var anyRunning = false;
            foreach (var hart in _harts)
            {
                var slice = hart.Step(budget);
                used = Math.Max(used, slice.BudgetUsed);
                anyRunning |= slice.Stop != RiscVStepStop.WaitingForInterrupt;
                if (_machine.PendingShutdown is not null) break;
            }
            time.EndRound(used);

            if (!anyRunning && _machine.PendingShutdown is null)
            {
                // Every hart waits for an interrupt: skip or sleep to the next deadline, waking
                // for console input and often enough to notice the timeout or a cancellation.
                Console?.Flush();
                var wait = IdleCheckInterval;
                if (_options.Timeout is { } timeout)
                    wait = TimeSpan.FromTicks(Math.Clamp((timeout - Stopwatch.GetElapsedTime(started)).Ticks, 0, wait.Ticks));
                time.Idle(NextDeadline(), _wake, wait);
            }
            if (Stopwatch.GetElapsedTime(lastFlush) >= FlushInterval)
            {
                Console?.Flush();
                lastFlush = Stopwatch.GetTimestamp();
            }
        }
    }

    /// <summary>The earliest guest time (ns) at which a device timer or a hart's Sstc comparator fires.</summary>
    private ulong? NextDeadline()
    {
        var clock = _machine.Clock;
        var next = clock.NextDeadline;
        foreach (var hart in _harts)
        {
            if (hart.SupervisorTimerDeadline is not { } tick) continue;
            var now = hart.TimeSource();
            var ticks = tick <= now ? 0 : tick - now;
            if (ticks > (ulong.MaxValue - clock.Now) / Clint.NanosecondsPerTick) continue; // never, in practice
            var at = clock.Now + ticks * Clint.NanosecondsPerTick;
            if (next is null || at < next) next = at;
        }
        return next;
    }
}
