using Cross.Devices.Power;
using Cross.Devices.Tests.Support;

namespace Cross.Devices.Tests.Power;

public class SifiveTestTests
{
    private readonly SifiveTest _test = new();
    private readonly List<ShutdownRequest> _requests = new();

    public SifiveTestTests() => _test.ShutdownRequested += _requests.Add;

    [Theory]
    [InlineData(0x5555u, ShutdownKind.Pass, 0)]
    [InlineData(0x0003_3333u, ShutdownKind.Fail, 3)]
    [InlineData(0x00FF_3333u, ShutdownKind.Fail, 255)]
    [InlineData(0x7777u, ShutdownKind.Reset, 0)]
    public void FinisherValuesBecomeShutdownRequests(uint value, ShutdownKind kind, int code)
    {
        _test.W32(0, value);
        Assert.Equal([new ShutdownRequest(kind, code)], _requests);
    }

    [Fact]
    public void OtherValuesOffsetsAndNarrowWritesAreIgnored()
    {
        _test.W32(0, 0x1234);
        _test.W32(4, 0x5555);
        _test.Write(0, 2, 0x5555);
        Assert.Empty(_requests);
        Assert.Equal(0u, _test.R32(0));
    }
}
