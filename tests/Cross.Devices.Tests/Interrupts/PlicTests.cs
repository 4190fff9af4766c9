using Cross.Core.Devices;
using Cross.Devices.Interrupts;
using Cross.Devices.Tests.Support;
using static Cross.Devices.Interrupts.Plic;

namespace Cross.Devices.Tests.Interrupts;

public class PlicTests
{
    private readonly InterruptLine[] _contexts = [new(), new(), new(), new()];
    private readonly Plic _plic;

    public PlicTests() => _plic = new Plic(96, _contexts);

    private static ulong Priority(int id) => PriorityBase + 4 * (ulong)id;

    private static ulong Enable(int context, int id) => EnableBase + EnableStride * (ulong)context + 4 * (ulong)(id / 32);

    private static ulong Threshold(int context) => ContextBase + ContextStride * (ulong)context;

    private static ulong Claim(int context) => Threshold(context) + ClaimOffset;

    private void EnableSource(int context, int id) =>
        _plic.W32(Enable(context, id), _plic.R32(Enable(context, id)) | 1u << (id % 32));

    [Fact]
    public void PendingSourceNeedsEnableAndPriorityAboveThreshold()
    {
        _plic.Source(10).Set(true);
        Assert.Equal(1u << 10, _plic.R32(PendingBase));
        Assert.False(_contexts[0].Asserted); // priority 0 never interrupts

        _plic.W32(Priority(10), 1);
        Assert.False(_contexts[0].Asserted); // not enabled
        EnableSource(0, 10);
        Assert.True(_contexts[0].Asserted);
        Assert.False(_contexts[1].Asserted);

        _plic.W32(Threshold(0), 1);
        Assert.False(_contexts[0].Asserted); // priority must exceed the threshold
        _plic.W32(Priority(10), 2);
        Assert.True(_contexts[0].Asserted);
    }

    [Fact]
    public void ClaimReturnsHighestPriorityThenLowestId()
    {
        foreach (var (id, priority) in new[] { (3, 2), (5, 7), (7, 7), (40, 1) })
        {
            _plic.W32(Priority(id), (uint)priority);
            EnableSource(1, id);
            _plic.Source(id).Set(true);
        }
        Assert.Equal(5u, _plic.R32(Claim(1)));
        Assert.Equal(7u, _plic.R32(Claim(1)));
        Assert.Equal(3u, _plic.R32(Claim(1)));
        Assert.True(_contexts[1].Asserted);
        Assert.Equal(40u, _plic.R32(Claim(1)));
        Assert.False(_contexts[1].Asserted);
        Assert.Equal(0u, _plic.R32(Claim(1))); // nothing left
    }

    [Fact]
    public void ClaimedSourceStaysQuietUntilCompletedThenRefiresIfStillHigh()
    {
        _plic.W32(Priority(10), 1);
        EnableSource(0, 10);
        _plic.Source(10).Set(true);
        Assert.Equal(10u, _plic.R32(Claim(0)));
        Assert.False(_contexts[0].Asserted);
        Assert.Equal(0u, _plic.R32(PendingBase));

        _plic.W32(Claim(0), 10);
        Assert.True(_contexts[0].Asserted); // the device still holds its line high
        Assert.Equal(10u, _plic.R32(Claim(0)));
        _plic.Source(10).Set(false);
        _plic.W32(Claim(0), 10);
        Assert.False(_contexts[0].Asserted);
    }

    [Fact]
    public void LevelDroppingBeforeClaimWithdrawsTheRequest()
    {
        _plic.W32(Priority(2), 1);
        EnableSource(0, 2);
        _plic.Source(2).Set(true);
        _plic.Source(2).Set(false);
        Assert.False(_contexts[0].Asserted);
        Assert.Equal(0u, _plic.R32(Claim(0)));
    }

    [Fact]
    public void CompletionForASourceNotEnabledInThatContextIsIgnored()
    {
        _plic.W32(Priority(4), 1);
        EnableSource(0, 4);
        _plic.Source(4).Set(true);
        Assert.Equal(4u, _plic.R32(Claim(0)));
        _plic.W32(Claim(2), 4); // context 2 never enabled source 4
        Assert.False(_contexts[0].Asserted);
        _plic.W32(Claim(0), 4);
        Assert.True(_contexts[0].Asserted);
    }

    [Fact]
    public void RegistersMaskToImplementedBits()
    {
        _plic.W32(Priority(1), 0xFFFF_FFFF);
        Assert.Equal(7u, _plic.R32(Priority(1)));
        _plic.W32(Threshold(3), 0xFF);
        Assert.Equal(7u, _plic.R32(Threshold(3)));
        _plic.W32(Enable(0, 0), 0xFFFF_FFFF);
        Assert.Equal(0xFFFF_FFFEu, _plic.R32(Enable(0, 0))); // source 0 does not exist
        _plic.W32(Enable(0, 96), 0xFFFF_FFFF);
        Assert.Equal(1u, _plic.R32(Enable(0, 96))); // only source 96 exists in the last word
        Assert.Equal(0u, _plic.R32(Priority(0)));
    }

    [Fact]
    public void PendingIsReadOnlyAndNarrowAccessesAreIgnored()
    {
        _plic.W32(PendingBase, 0xFFFF_FFFF);
        Assert.Equal(0u, _plic.R32(PendingBase));
        _plic.Write(Priority(5), 1, 3);
        Assert.Equal(0u, _plic.R32(Priority(5)));
        _plic.W32(Priority(5), 3);
        Assert.Equal(0ul, _plic.Read(Priority(5), 2));
    }

    [Fact]
    public void ContextsAreIndependent()
    {
        _plic.W32(Priority(8), 3);
        EnableSource(0, 8);
        EnableSource(3, 8);
        _plic.W32(Threshold(3), 5);
        _plic.Source(8).Set(true);
        Assert.True(_contexts[0].Asserted);
        Assert.False(_contexts[3].Asserted);
        Assert.Throws<ArgumentOutOfRangeException>(() => _plic.Source(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _plic.Source(97));
    }
}
