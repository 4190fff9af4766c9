using Cross.Machines.Boards;
using Cross.Machines.DeviceTypes;

namespace Cross.Machines.Tests.Boards;

public class BoardFileTests
{
    [Fact]
    public void ExtendsABuiltInBoardWithDevicesFromJson()
    {
        var board = BoardFile.Parse("""
            {
              // a virt board with a second UART and without the RTC
              "name": "virt-plus",
              "base": "virt-riscv64",
              "ram": { "size": "256M" },
              "harts": 2,
              "remove": [ "rtc@101000" ],
              "devices": [
                { "type": "pl011", "name": "uart1", "address": "0x10100000", "irq": 12 },
                { "type": "virtio-rng-device", "properties": { "seed": 3 } },
              ]
            }
            """);
        Assert.Equal("virt-plus", board.Name);
        Assert.Equal(256ul << 20, board.RamSize);
        Assert.Equal(2, board.HartCount);
        Assert.Null(board.Device("rtc@101000"));
        Assert.Equal(0x1010_0000ul, board.Device("uart1")!.Address);
        Assert.Equal("3", board.Device("virtio_mmio@10008000")!.Property("seed"));

        using var machine = Machine.Create(board);
        Assert.Equal(0x11ul, machine.Bus.Read(0x1010_0FE0, 4));
        Assert.Null(machine.Bus.Find(0x10_1000));
        Assert.NotNull(machine.DeviceTree().Find("/soc/pl011@10100000"));
    }

    [Fact]
    public void LoadsAStandaloneBoardFromAFileByPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cross-board-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, """
                {
                  "name": "tiny",
                  "ram": { "base": "0x80000000", "size": "16M" },
                  "devices": [
                    { "type": "plic", "address": "0xc000000", "size": "0x600000" },
                    { "type": "clint", "address": "0x2000000" },
                    { "type": "ns16550a", "address": "0x10000000", "size": "0x100", "irqs": [1] }
                  ]
                }
                """);
            using var machine = Machine.Create(path);
            Assert.Equal("tiny", machine.Board.Name);
            Assert.Equal(16ul << 20, machine.Ram.Size);
            Assert.NotNull(machine.Console);
            Assert.Equal("/soc/serial@10000000", machine.DeviceTree().Find("/chosen")!.Property("stdout-path")!.AsString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("""{ "name": "x", "colour": 1 }""", "unknown key 'colour'")]
    [InlineData("""{ "name": "x", "base": "pdp11" }""", "unknown base board")]
    [InlineData("""{ "name": "x", "devices": [ { "type": "pl011", "irq": 1 } ] }""", "needs an address")]
    [InlineData("""{ "name": "x", "ram": { "size": "lots" } }""", "is not a number")]
    [InlineData("""{ "name": "x", "base": "virt", "remove": ["nothing"] }""", "no device nothing")]
    public void BadBoardFilesSayWhatIsWrong(string json, string message)
    {
        var error = Assert.Throws<BoardException>(() => BoardFile.Parse(json));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void UnknownBoardNameListsTheBuiltInOnes()
    {
        var error = Assert.Throws<BoardException>(() => Machine.Create("nosuch"));
        Assert.Contains("virt-riscv64", error.Message);
    }
}
