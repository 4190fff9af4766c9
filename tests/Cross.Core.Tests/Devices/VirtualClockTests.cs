using Cross.Core.Devices;

namespace Cross.Core.Tests.Devices;

public class VirtualClockTests
{
    [Fact]
    public void TimersFireInDeadlineOrderWhenTimePasses()
    {
        var clock = new VirtualClock();
        var fired = new List<string>();
        clock.Schedule(300, () => fired.Add("c"));
        clock.Schedule(100, () => fired.Add("a"));
        var cancelled = clock.Schedule(150, () => fired.Add("x"));
        clock.Schedule(200, () => fired.Add("b"));
        cancelled.Cancel();

        clock.AdvanceTo(99);
        Assert.Empty(fired);
        Assert.Equal(100UL, clock.NextDeadline);
        clock.AdvanceTo(250);
        Assert.Equal(["a", "b"], fired);
        clock.AdvanceTo(10);   // time never goes back
        Assert.Equal(250UL, clock.Now);
        clock.Advance(50);
        Assert.Equal(["a", "b", "c"], fired);
        Assert.Null(clock.NextDeadline);
    }

    [Fact]
    public void TimerScheduledFromACallbackFiresInTheSameAdvanceWhenDue()
    {
        var clock = new VirtualClock();
        var count = 0;
        void Tick()
        {
            count++;
            if (count < 5) clock.Schedule(clock.Now + 10, Tick);
        }
        clock.Schedule(10, Tick);
        clock.AdvanceTo(1000);
        Assert.Equal(5, count);
    }

    [Fact]
    public void InterruptLineReportsOnlyChanges()
    {
        var changes = new List<bool>();
        var line = new InterruptLine(changes.Add);
        line.Set(true);
        line.Set(true);
        line.Set(false);
        Assert.Equal([true, false], changes);
    }
}
