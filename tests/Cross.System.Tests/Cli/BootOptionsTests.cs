using Cross.Cli;

namespace Cross.System.Tests.Cli;

public class BootOptionsTests
{
    [Theory]
    [InlineData("256", 256UL << 20)]
    [InlineData("256M", 256UL << 20)]
    [InlineData("1G", 1UL << 30)]
    [InlineData("size=512M", 512UL << 20)]
    public void MemorySizesReadLikeQemus(string text, ulong bytes) => Assert.Equal(bytes, BootOptions.ParseMemory(text));

    [Fact]
    public void QemuStyleOptionsParse()
    {
        var options = BootOptions.Parse(["-M", "virt", "-m", "64", "-smp", "2", "-bios", "none", "-kernel", "k.elf", "-initrd", "r.img",
            "-append", "console=ttyS0", "--jit=llvm", "--timeout", "2.5", "--icount", "-nographic"]);
        Assert.Equal("virt", options.Board);
        Assert.Equal(64UL << 20, options.RamSize);
        Assert.Equal(2, options.HartCount);
        Assert.Null(options.Bios);
        Assert.Equal("k.elf", options.Kernel);
        Assert.Equal("r.img", options.Initrd);
        Assert.Equal("console=ttyS0", options.Append);
        Assert.Equal("llvm", options.Jit);
        Assert.Equal(2.5, options.TimeoutSeconds);
        Assert.True(options.InstructionCount);
    }

    [Fact]
    public void DrivesBecomeVirtioBlockDevices()
    {
        var options = BootOptions.Parse(["-kernel", "k",
            "-drive", "file=a.img,format=raw,readonly=on",
            "-drive", "file=b,,c.img,format=raw,if=none,id=d1",
            "-device", "virtio-blk-device,drive=d1,serial=xyz"]);
        Assert.Equal(["virtio-blk-device,file=a.img,readonly=on", "virtio-blk-device,file=b,,c.img,serial=xyz"], options.Devices);
        var devices = options.MachineOptions.Devices;
        Assert.Equal("b,c.img", devices[1].Property("file"));
        Assert.Equal("xyz", devices[1].Property("serial"));
    }

    [Fact]
    public void MistakesAreUsageErrors()
    {
        Assert.Throws<UsageException>(() => BootOptions.Parse(["-kernel", "k", "-drive", "file=a.img,format=qcow2"]));
        Assert.Throws<UsageException>(() => BootOptions.Parse(["-kernel", "k", "-device", "virtio-blk-device,drive=nope"]));
        Assert.Throws<UsageException>(() => BootOptions.Parse(["-kernel", "k", "--jit", "fast"]));
        Assert.Throws<UsageException>(() => BootOptions.Parse(["-kernel", "k", "--timeout", "-1"]));
        Assert.Throws<UsageException>(() => BootOptions.Parse(["-kernel", "k", "-m", "lots"]));
        Assert.Throws<UsageException>(() => BootOptions.Parse(["-kernel"]));
        Assert.Throws<UsageException>(() => BootOptions.Parse(["-bios", "none"]));
    }
}
