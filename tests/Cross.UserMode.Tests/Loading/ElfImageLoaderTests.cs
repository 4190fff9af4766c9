using Cross.Core.Memory;
using Cross.Elf;
using Cross.UserMode.Abi.RiscV64;
using Cross.UserMode.Loading;
using Cross.UserMode.Memory;
using Cross.UserMode.Tests.Support;

namespace Cross.UserMode.Tests.Loading;

public sealed class ElfImageLoaderTests : IDisposable
{
    private readonly GuestAddressSpace _space = new(1UL << 32);
    private readonly GuestMemoryManager _memory;

    public ElfImageLoaderTests() => _memory = new GuestMemoryManager(_space);

    public void Dispose()
    {
        _memory.Dispose();
        _space.Dispose();
    }

    [Fact]
    public void MapsSegmentsWithTheirPermissionsAndZeroesBss()
    {
        var code = new byte[] { 0x13, 0, 0, 0, 0x73, 0, 0, 0 };
        var data = Enumerable.Repeat((byte)0xAB, 0x30).ToArray();
        var elf = new MiniElf
        {
            Entry = 0x11000,
            Segments =
            {
                new MiniElf.Segment(0x11000, code, (ulong)code.Length, 5),
                new MiniElf.Segment(0x12010, data, 0x3000, 6),
            },
        };
        var file = ElfFile.Parse(elf.Build());
        var image = ElfImageLoader.Load(_memory, file, "test", 0);

        Assert.Equal(0x11000UL, image.Entry);
        Assert.Equal(0x12010UL + 0x3000, image.HighAddress);
        Assert.Equal(0x11000UL, image.LowAddress);
        Assert.Equal(MemoryProtection.ReadExecute, _space.ProtectionAt(0x11000));
        Assert.Equal(MemoryProtection.ReadWrite, _space.ProtectionAt(0x12000));
        Assert.Equal(MemoryProtection.ReadWrite, _space.ProtectionAt(0x15000 - 1));
        Assert.Equal(MemoryProtection.ReadWrite, _space.ProtectionAt(0x15010));
        Assert.Null(_space.ProtectionAt(0x16000));
        Assert.Equal(0x73UL, _space.Fetch(0x11004, 4));
        Assert.Equal(0xABUL, _space.Read(0x12010, 1));
        Assert.Equal(0xABUL, _space.Read(0x1203F, 1));
        Assert.Equal(0UL, _space.Read(0x12040, 8));
        Assert.Equal(0UL, _space.Read(0x14FF8, 8));
        Assert.Throws<GuestMemoryFaultException>(() => _space.Write(0x11000, 4, 0));
    }

    [Fact]
    public void PositionIndependentImagesGetALoadBias()
    {
        var elf = new MiniElf { Type = 3, Entry = 0x1000, Segments = { new MiniElf.Segment(0x1000, [0x13, 0, 0, 0], 4, 5) } };
        var file = ElfFile.Parse(elf.Build());
        var bias = ElfImageLoader.ChooseBias(file);
        Assert.NotEqual(0UL, bias);
        var image = ElfImageLoader.Load(_memory, file, "pie", bias);
        Assert.Equal(0x1000 + bias, image.Entry);
        Assert.Equal(0x13UL, _space.Fetch(image.Entry, 4));
    }

    [Theory]
    [InlineData(62, "unsupported machine type EM_X86_64 (62) in prog")]
    [InlineData(183, "unsupported machine type EM_AARCH64 (183) in prog")]
    [InlineData(9999, "unsupported machine type unknown (9999) in prog")]
    public void RejectsOtherMachines(int machine, string message)
    {
        var file = ElfFile.Parse(new MiniElf { Machine = (ushort)machine, Segments = { new MiniElf.Segment(0x10000, [0], 1, 5) } }.Build());
        var error = Assert.Throws<UserModeException>(() => ElfImageLoader.Validate(file, "prog", new RiscV64Abi()));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void RejectsObjectFilesAndImagesWithoutSegments()
    {
        var relocatable = ElfFile.Parse(new MiniElf { Type = 1, Segments = { new MiniElf.Segment(0x10000, [0], 1, 5) } }.Build());
        Assert.Contains("not an executable", Assert.Throws<UserModeException>(() => ElfImageLoader.Validate(relocatable, "x.o", new RiscV64Abi())).Message);
        var empty = ElfFile.Parse(new MiniElf().Build());
        Assert.Contains("no loadable segments", Assert.Throws<UserModeException>(() => ElfImageLoader.Validate(empty, "x", new RiscV64Abi())).Message);
    }

    [Fact]
    public void SegmentsOutsideTheAddressSpaceAreAUserError()
    {
        var file = ElfFile.Parse(new MiniElf { Segments = { new MiniElf.Segment(0xFFFF_FFFF_0000, [0], 1, 5) } }.Build());
        Assert.Contains("does not fit", Assert.Throws<UserModeException>(() => ElfImageLoader.Load(_memory, file, "x", 0)).Message);
    }
}
