using Cross.Core.Devices;
using Cross.Devices.Tests.Support;
using Cross.Devices.Timers;
using static Cross.Devices.Timers.Clint;

namespace Cross.Devices.Tests.Timers;

public class ClintTests
{
    private readonly VirtualClock _clock = new();
    private readonly InterruptLine[] _msip = [new(), new()];
    private readonly InterruptLine[] _mtip = [new(), new()];
    private readonly Clint _clint;

    public ClintTests() => _clint = new Clint(_clock, _msip, _mtip);

    [Fact]
    public void MtimeCountsAtTenMegahertzOfGuestTime()
    {
        Assert.Equal(0ul, _clint.Read(MtimeOffset, 8));
        _clock.Advance(1_000); // 1 us
        Assert.Equal(10ul, _clint.Read(MtimeOffset, 8));
        _clock.Advance(1_000_000_000);
        Assert.Equal(10_000_010ul, _clint.MTime);
        Assert.Equal(10_000_010u, _clint.R32(MtimeOffset));
        Assert.Equal(0u, _clint.R32(MtimeOffset + 4));
    }

    [Fact]
    public void TimerInterruptRisesWhenGuestTimePassesMtimecmp()
    {
        Assert.False(_mtip[0].Asserted);
        _clint.Write(MtimecmpBase, 8, 500); // 50 us
        Assert.False(_mtip[0].Asserted);
        Assert.Equal(50_000ul, _clock.NextDeadline);

        _clock.AdvanceTo(49_999);
        Assert.False(_mtip[0].Asserted);
        _clock.AdvanceTo(50_000);
        Assert.True(_mtip[0].Asserted);
        Assert.False(_mtip[1].Asserted);

        // Moving mtimecmp into the future clears the interrupt, as a timer handler does.
        _clint.Write(MtimecmpBase, 8, 1_000);
        Assert.False(_mtip[0].Asserted);
        _clock.Advance(60_000);
        Assert.True(_mtip[0].Asserted);
    }

    [Fact]
    public void ThirtyTwoBitHalvesProgramMtimecmp()
    {
        _clint.W32(MtimecmpBase + 8 + 4, 0);   // hart 1, high half
        _clint.W32(MtimecmpBase + 8, 20);      // low half
        Assert.Equal(20ul, _clint.MTimeCmp(1));
        Assert.Equal(20u, _clint.R32(MtimecmpBase + 8));
        _clock.Advance(2_000);
        Assert.True(_mtip[1].Asserted);
        Assert.False(_mtip[0].Asserted);
    }

    [Fact]
    public void MaximumMtimecmpNeverFires()
    {
        _clint.Write(MtimecmpBase, 8, ulong.MaxValue);
        Assert.Null(_clock.NextDeadline);
        _clock.Advance(ulong.MaxValue / 2);
        Assert.False(_mtip[0].Asserted);
    }

    [Fact]
    public void WritingMtimeMovesTheTimebaseAndRearmsTimers()
    {
        _clint.Write(MtimecmpBase, 8, 1_000);
        _clint.Write(MtimeOffset, 8, 2_000);
        Assert.True(_mtip[0].Asserted);
        Assert.Equal(2_000ul, _clint.MTime);
        _clint.Write(MtimeOffset, 8, 0);
        Assert.False(_mtip[0].Asserted);
        _clock.Advance(100_000);
        Assert.True(_mtip[0].Asserted);
    }

    [Fact]
    public void MsipRaisesTheSoftwareInterruptOfItsHart()
    {
        _clint.W32(MsipBase + 4, 1);
        Assert.True(_msip[1].Asserted);
        Assert.False(_msip[0].Asserted);
        Assert.Equal(1u, _clint.R32(MsipBase + 4));
        _clint.W32(MsipBase + 4, 0xFFFF_FFFE);
        Assert.False(_msip[1].Asserted);
    }
}
