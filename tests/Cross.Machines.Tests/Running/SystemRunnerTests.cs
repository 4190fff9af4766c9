using Cross.Devices.Power;
using Cross.Machines.Boot;
using Cross.Machines.Running;
using Cross.Machines.Tests.Support;

namespace Cross.Machines.Tests.Running;

/// <summary>
/// The runner with real harts on each backend: the reset ROM hand-over, guest time under
/// --icount and host time, idling in WFI, console input, timeouts and exit codes.
/// </summary>
public class SystemRunnerTests
{
    private const ulong Results = 0x8010_0000;

    /// <summary>Powers off through the sifive_test finisher.</summary>
    private const string Pass = """
            li t0, 0x100000
            li t1, 0x5555
            sw t1, 0(t0)
        9:  j 9b
        """;

    /// <summary>t0 = mtime; clobbers t6.</summary>
    private const string ReadMtime = """
            li t6, 0x200bff8
            ld t0, 0(t6)
        """;

    private static BootedMachine Boot(string backend, string program, ClockMode clock = ClockMode.InstructionCount,
        MachineOptions? options = null, TimeSpan? timeout = null) =>
        new(backend, new BootImages { Kernel = BareMetal.Elf(program) }, options, clock: clock, timeout: timeout);

    public static TheoryData<string> Backends => TestBackends.All;

    [Theory, MemberData(nameof(Backends))]
    public void TheResetRomPassesHartIdDeviceTreeAndFwDynamicInfo(string backend)
    {
        using var m = Boot(backend, $"""
                li t0, {Results}
                sd a0, 0(t0)
                sd a1, 8(t0)
                sd a2, 16(t0)
                csrr t1, mstatus
                sd t1, 24(t0)
            {Pass}
            """);
        m.RunToPass();
        Assert.Equal(0UL, m.Read(Results));
        Assert.Equal(m.Layout.FdtAddress, m.Read(Results + 8));
        Assert.Equal(0x1028UL, m.Read(Results + 16));
        Assert.Equal(0x4942534FUL, m.Read(m.Read(Results + 16))); // a2 points at fw_dynamic_info's magic
    }

    [Theory, MemberData(nameof(Backends))]
    public void InstructionCountTimeRepeatsExactly(string backend)
    {
        var program = $"""
                li t1, 10000
            1:  addi t1, t1, -1
                bnez t1, 1b
                csrr t2, time
            {ReadMtime}
                li t3, {Results}
                sd t2, 0(t3)
                sd t0, 8(t3)
            {Pass}
            """;
        ulong[] Once()
        {
            using var m = Boot(backend, program);
            var outcome = m.RunToPass();
            Assert.InRange(outcome.Instructions, 20_000, 20_100);
            return [m.Read(Results), m.Read(Results + 8), outcome.GuestNanoseconds];
        }
        var first = Once();
        Assert.Equal(first, Once());
        // 1 ns per instruction, 100 per 10 MHz tick: about 200 ticks once 20,000 instructions ran.
        Assert.InRange(first[0], 100UL, 201UL);
        Assert.True(first[1] >= first[0]);
    }

    [Theory, MemberData(nameof(Backends))]
    public void UnderIcountWfiSkipsStraightToTheTimerDeadline(string backend)
    {
        using var m = Boot(backend, $"""
            {ReadMtime}
                mv s0, t0
                li t1, 100000000        # 10 s of guest time
                add t1, t0, t1
                li t2, 0x2004000
                sd t1, 0(t2)            # mtimecmp[0]
                li t1, 1 << 7
                csrs mie, t1            # MTIE; mstatus.MIE stays off, so WFI just wakes
                wfi
            {ReadMtime}
                li t3, {Results}
                sd s0, 0(t3)
                sd t0, 8(t3)
            {Pass}
            """);
        var outcome = m.RunToPass();
        Assert.True(m.Read(Results + 8) - m.Read(Results) >= 100_000_000);
        Assert.True(outcome.GuestNanoseconds >= 10_000_000_000);
        Assert.True(outcome.HostTime < TimeSpan.FromSeconds(5), $"idle time was not skipped: {outcome}");
        Assert.True(outcome.Instructions < 100, $"the hart spun instead of waiting: {outcome}");
    }

    [Theory, MemberData(nameof(Backends))]
    public void OnHostTimeWfiSleepsUntilTheTimer(string backend)
    {
        using var m = Boot(backend, $"""
            {ReadMtime}
                mv s0, t0
                li t1, 3000000          # 0.3 s
                add t1, t0, t1
                li t2, 0x2004000
                sd t1, 0(t2)
                li t1, 1 << 7
                csrs mie, t1
                wfi
            {ReadMtime}
                li t3, {Results}
                sd s0, 0(t3)
                sd t0, 8(t3)
            {Pass}
            """, ClockMode.Host);
        var outcome = m.RunToPass();
        Assert.True(m.Read(Results + 8) - m.Read(Results) >= 3_000_000);
        Assert.True(outcome.HostTime >= TimeSpan.FromSeconds(0.29), $"{outcome}");
        Assert.True(outcome.Instructions < 100, $"the hart spun instead of sleeping: {outcome}");
    }

    [Theory, MemberData(nameof(Backends))]
    public void ConsoleInputWakesAMachineAsleepInWfi(string backend)
    {
        using var m = Boot(backend, $"""
                li t0, 0xc000000 + 4 * 10
                li t1, 1
                sw t1, 0(t0)            # PLIC priority of the UART (source 10)
                li t0, 0xc002000
                li t1, 1 << 10
                sw t1, 0(t0)            # enable it for hart 0, M-mode
                li t0, 0x10000000
                li t1, 1
                sb t1, 1(t0)            # UART IER: received data
                li t1, 1 << 11
                csrs mie, t1            # MEIE
                wfi
                li t0, 0x10000000
                lbu t1, 0(t0)           # the byte
                addi t1, t1, 1
                sb t1, 0(t0)            # echo it, plus one
            {Pass}
            """, ClockMode.Host);
        RunOutcome? outcome = null;
        var runner = new Thread(() => outcome = m.Run());
        runner.Start();
        Thread.Sleep(300);
        Assert.True(runner.IsAlive, $"the machine did not wait for input: {outcome}");
        m.Machine.Console!.Input.Write("A");
        m.Runner.Wake();
        Assert.True(runner.Join(TimeSpan.FromSeconds(30)), "the input did not wake the machine");
        Assert.Equal(RunEnd.Shutdown, outcome!.End);
        Assert.Equal("B", m.Output);
        Assert.True(outcome.Instructions < 100, $"the hart spun instead of sleeping: {outcome}");
    }

    [Theory, MemberData(nameof(Backends))]
    public void TheTimeoutStopsARunawayGuest(string backend)
    {
        using var m = Boot(backend, "1: j 1b", ClockMode.Host, timeout: TimeSpan.FromSeconds(0.3));
        var outcome = m.Run();
        Assert.Equal(RunEnd.Timeout, outcome.End);
        Assert.Null(outcome.GuestExitCode);
        Assert.True(outcome.HostTime >= TimeSpan.FromSeconds(0.3));
        Assert.True(outcome.Instructions > 1000);
    }

    [Theory, MemberData(nameof(Backends))]
    public void AFailingGuestReturnsItsCode(string backend)
    {
        using var m = Boot(backend, """
                li t0, 0x100000
                li t1, (7 << 16) | 0x3333
                sw t1, 0(t0)
            1:  j 1b
            """);
        var outcome = m.Run();
        Assert.Equal(RunEnd.Shutdown, outcome.End);
        Assert.Equal(new ShutdownRequest(ShutdownKind.Fail, 7), outcome.Shutdown);
        Assert.Equal(7, outcome.GuestExitCode);
    }

    [Theory, MemberData(nameof(Backends))]
    public void EveryHartStartsInTheRomWithItsOwnHartId(string backend)
    {
        using var m = Boot(backend, $"""
                li t0, {Results}
                slli t1, a0, 4
                add t0, t0, t1
                addi t2, a0, 1
                sd t2, 0(t0)            # slot[hart] = hart id + 1
                sd a1, 8(t0)            # and the device tree it was given
                bnez a0, 2f
                li t0, {Results}
                li t3, 4
            1:  ld t2, 0(t0)            # hart 0 waits for all four
                beqz t2, 1b
                addi t0, t0, 16
                addi t3, t3, -1
                bnez t3, 1b
            {Pass}
            2:  wfi
                j 2b
            """, options: new MachineOptions { HartCount = 4 });
        m.RunToPass();
        Assert.Equal(4, m.Runner.Harts.Count);
        for (var hart = 0UL; hart < 4; hart++)
        {
            Assert.Equal(hart + 1, m.Read(Results + 16 * hart));
            Assert.Equal(m.Layout.FdtAddress, m.Read(Results + 16 * hart + 8));
        }
    }
}
