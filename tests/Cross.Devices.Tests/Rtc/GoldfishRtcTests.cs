using Cross.Core.Devices;
using Cross.Devices.Rtc;
using Cross.Devices.Tests.Support;
using static Cross.Devices.Rtc.GoldfishRtc;

namespace Cross.Devices.Tests.Rtc;

public class GoldfishRtcTests
{
    private const ulong Start = 1_700_000_000UL * 1_000_000_000; // November 2023
    private readonly VirtualClock _clock = new();
    private readonly InterruptLine _irq = new();
    private readonly GoldfishRtc _rtc;

    public GoldfishRtcTests() => _rtc = new GoldfishRtc(_irq, _clock, Start);

    private ulong ReadTime() => _rtc.R32(TimeLow) | (ulong)_rtc.R32(TimeHigh) << 32;

    [Fact]
    public void TimeIsStartPlusGuestTimeAndReadingLowLatchesHigh()
    {
        Assert.Equal(Start, ReadTime());
        _clock.Advance(1_500);
        Assert.Equal(Start + 1_500, ReadTime());

        var low = _rtc.R32(TimeLow);
        _clock.Advance(10UL << 32); // the high word moves on, but the latch keeps the pair consistent
        const ulong sampled = Start + 1_500;
        Assert.Equal(unchecked((uint)(sampled >> 32)), _rtc.R32(TimeHigh));
        Assert.Equal(unchecked((uint)sampled), low);
    }

    [Fact]
    public void SettingTheTimeAsLinuxDoesSticks()
    {
        const ulong target = 0x0000_1234_5678_9ABC;
        _rtc.W32(TimeHigh, (uint)(target >> 32));
        _rtc.W32(TimeLow, unchecked((uint)target));
        Assert.Equal(target, ReadTime());
        _clock.Advance(7);
        Assert.Equal(target + 7, ReadTime());
    }

    [Fact]
    public void AlarmRaisesTheInterruptWhenEnabledUntilCleared()
    {
        var alarm = Start + 1_000_000;
        _rtc.W32(IrqEnabled, 1);
        _rtc.W32(AlarmHigh, (uint)(alarm >> 32));
        _rtc.W32(AlarmLow, (uint)alarm);
        Assert.Equal(1u, _rtc.R32(AlarmStatus));
        _clock.Advance(999_999);
        Assert.False(_irq.Asserted);
        _clock.Advance(1);
        Assert.True(_irq.Asserted);
        Assert.Equal(0u, _rtc.R32(AlarmStatus));
        _rtc.W32(ClearInterrupt, 1);
        Assert.False(_irq.Asserted);
    }

    [Fact]
    public void AlarmInThePastFiresAtOnceAndClearAlarmCancels()
    {
        _rtc.W32(IrqEnabled, 1);
        _rtc.W32(AlarmHigh, 0);
        _rtc.W32(AlarmLow, 5);
        Assert.True(_irq.Asserted);
        _rtc.W32(ClearInterrupt, 1);

        var alarm = Start + 100;
        _rtc.W32(AlarmHigh, (uint)(alarm >> 32));
        _rtc.W32(AlarmLow, (uint)alarm);
        _rtc.W32(ClearAlarm, 1);
        _clock.Advance(1_000);
        Assert.False(_irq.Asserted);
    }

    [Fact]
    public void DisabledInterruptStaysLowButLatchesPending()
    {
        _rtc.W32(AlarmHigh, 0);
        _rtc.W32(AlarmLow, 1);
        Assert.False(_irq.Asserted);
        _rtc.W32(IrqEnabled, 1);
        Assert.True(_irq.Asserted);
    }
}
