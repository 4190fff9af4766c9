using Cross.Core.Memory;
using Cross.Devices.Power;

namespace Cross.Devices.Tests.Power;

public class HtifTests
{
    private const ulong Tohost = 0x8000_1000, Fromhost = 0x8000_1040, Magic = 0x8000_2000;
    private readonly PhysicalBus _bus = new();
    private readonly Htif _htif;
    private readonly List<ShutdownRequest> _requests = new();
    private readonly List<byte> _output = new();

    public HtifTests()
    {
        _bus.AddRam("ram", 0x8000_0000, 0x10000);
        _htif = new Htif(_bus);
        _htif.ShutdownRequested += _requests.Add;
        _htif.Transmitted += _output.Add;
        _htif.Bind(Tohost, Fromhost);
    }

    [Theory]
    [InlineData(1ul, ShutdownKind.Pass, 0)]
    [InlineData((5ul << 1) | 1, ShutdownKind.Fail, 5)]
    public void RiscvTestsExitConvention(ulong tohost, ShutdownKind kind, int code)
    {
        _htif.Poll();
        Assert.Empty(_requests);
        _bus.Write(Tohost, 8, tohost);
        _htif.Poll();
        Assert.Equal([new ShutdownRequest(kind, code)], _requests);
        Assert.Equal(0ul, _bus.Read(Tohost, 8));
    }

    [Fact]
    public void ConsolePutcharAndProxiedWrite()
    {
        _bus.Write(Tohost, 8, 1UL << 56 | 1UL << 48 | 'h');
        _htif.Poll();
        _bus.LoadImage(0x8000_3000, "ello"u8);
        _bus.Write(Magic, 8, 64);
        _bus.Write(Magic + 8, 8, 1);
        _bus.Write(Magic + 16, 8, 0x8000_3000);
        _bus.Write(Magic + 24, 8, 4);
        _bus.Write(Tohost, 8, Magic);
        _htif.Poll();
        Assert.Equal("hello"u8.ToArray(), _output);
        Assert.Equal(4ul, _bus.Read(Magic, 8));
        Assert.Equal(1ul, _bus.Read(Fromhost, 8));
    }

    [Fact]
    public void ConsoleReadIsAnsweredWhenInputArrives()
    {
        _bus.Write(Tohost, 8, 1UL << 56);
        _htif.Poll();
        Assert.Equal(0ul, _bus.Read(Fromhost, 8));
        _htif.Input.Write((byte)'k');
        _htif.Poll();
        Assert.Equal(1UL << 56 | 0x100 | 'k', _bus.Read(Fromhost, 8));
    }

    [Fact]
    public void UnboundOrOutsideRamDoesNothing()
    {
        var htif = new Htif(_bus);
        htif.Poll();
        htif.Bind(0x1000, null);
        htif.Poll();
        Assert.True(htif.IsBound);
    }
}
