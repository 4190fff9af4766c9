using Cross.Machines.Boot;
using Cross.Machines.Dtb;
using Cross.Machines.Tests.Support;

namespace Cross.Machines.Tests.Boot;

/// <summary>Where images land, checked against what QEMU 7.2's virt board does with the same files.</summary>
public sealed class RiscVBootLoaderTests : IDisposable
{
    private const ulong Ram = 0x8000_0000;
    private readonly List<string> _files = new();

    private string File(byte[] bytes)
    {
        var path = BareMetal.TempFile(bytes);
        _files.Add(path);
        return path;
    }

    public void Dispose()
    {
        foreach (var file in _files) System.IO.File.Delete(file);
    }

    [Fact]
    public void FirmwareAtRamKernelAtTheNext2MiBAndTheFdtNearTheEndOfRam()
    {
        using var machine = Machine.Create("virt-riscv64");
        var firmware = new byte[0x1_C280];
        firmware[0] = 0x11;
        var kernel = new byte[0x9_E000];
        kernel[0] = 0x22;
        var layout = RiscVBootLoader.Load(machine, new BootImages { Bios = File(firmware), Kernel = File(kernel) });

        Assert.Equal(Ram, layout.Firmware!.Start);
        Assert.Equal(Ram + 0x1_C280, layout.Firmware.End);
        Assert.Equal(0x8020_0000UL, layout.Kernel!.Start); // fw_jump's FW_JUMP_ADDR
        Assert.Equal(0x11UL, machine.Bus.Read(Ram, 1));
        Assert.Equal(0x22UL, machine.Bus.Read(0x8020_0000, 1));
        Assert.Equal(0x87E0_0000UL, layout.FdtAddress);      // what QEMU passes for -m 128M
        Assert.Equal(0xD00DFEEDUL, Swap(machine.Bus.Read(layout.FdtAddress, 4)));

        // The ROM enters the firmware; fw_dynamic_info names the kernel, in S-mode.
        Assert.Equal(0x1000UL, layout.ResetVector);
        Assert.Equal(Ram, layout.FirstStage);
        Assert.Equal(0x1028UL, layout.InfoAddress);
        Assert.Equal(Ram, machine.Bus.Read(0x1018, 8));
        Assert.Equal(0x87E0_0000UL, machine.Bus.Read(0x1020, 8));
        Assert.Equal(0x4942534FUL, machine.Bus.Read(0x1028, 8));
        Assert.Equal(0x8020_0000UL, machine.Bus.Read(0x1038, 8));
        Assert.Equal((ulong)NextStageMode.Supervisor, machine.Bus.Read(0x1040, 8));
    }

    [Fact]
    public void WithoutFirmwareTheRomJumpsToTheKernelAtTheStartOfRam()
    {
        using var machine = Machine.Create("virt-riscv64");
        var layout = RiscVBootLoader.Load(machine, new BootImages { Kernel = File(new byte[64]) });
        Assert.Null(layout.Firmware);
        Assert.Equal(Ram, layout.Kernel!.Start);
        Assert.Equal(Ram, layout.FirstStage);
        Assert.Equal(Ram, machine.Bus.Read(0x1018, 8));
    }

    [Fact]
    public void ElfImagesLoadAtTheirPhysicalAddressesWithBssZeroed()
    {
        using var machine = Machine.Create("virt-riscv64");
        machine.Bus.Write(0x8010_0000, 8, 0xFFFF_FFFF_FFFF_FFFF); // where the BSS will be
        var elf = BareMetal.Elf("""
                li a0, 42
            1:  j 1b
                .bss
                .align 20
            zeroed:
                .space 4096
            """, textAddress: 0x8000_1000);
        var layout = RiscVBootLoader.Load(machine, new BootImages { Kernel = elf });
        Assert.Equal(ImageFormat.Elf, layout.Kernel!.Format);
        Assert.Equal(0x8000_1000UL, layout.Kernel.Entry);
        Assert.Equal(0x02A0_0513UL, machine.Bus.Read(0x8000_1000, 4)); // li a0, 42
        Assert.Equal(0UL, machine.Bus.Read(0x8010_0000, 8));
        Assert.Equal(0x8000_1000UL, machine.Bus.Read(0x1018, 8));
    }

    [Fact]
    public void ALinuxImageHonoursTextOffsetAndReservesImageSize()
    {
        using var machine = Machine.Create("virt-riscv64");
        var image = RiscVImageHeaderTests.Image(textOffset: 0x20_0000, imageSize: 0x180_0000);
        var layout = RiscVBootLoader.Load(machine, new BootImages { Kernel = File(image) });
        Assert.Equal(ImageFormat.LinuxImage, layout.Kernel!.Format);
        Assert.Equal(0x8020_0000UL, layout.Kernel.Start); // RAM + text_offset even without firmware
        Assert.Equal(0x81A0_0000UL, layout.Kernel.End);   // image_size, not the file's 4 KiB
        Assert.Equal(0x8020_0000UL, layout.FirstStage);
    }

    [Theory]
    [InlineData(128, 0x8020_0000 + (64UL << 20), 0x87E0_0000)]
    [InlineData(512, 0x8020_0000 + (128UL << 20), 0x9FE0_0000)]
    public void InitrdAndBootArgsGoWhereQemuPutsThemAndIntoChosen(int megabytes, ulong initrdStart, ulong fdt)
    {
        using var machine = Machine.Create("virt-riscv64", new MachineOptions { RamSize = (ulong)megabytes << 20 });
        var initrd = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        var layout = RiscVBootLoader.Load(machine, new BootImages
        {
            Bios = File(new byte[0x1000]),
            Kernel = File(new byte[0x1000]),
            Initrd = File(initrd),
            BootArgs = "console=ttyS0 earlycon",
        });
        Assert.Equal(initrdStart, layout.Initrd!.Start);
        Assert.Equal(initrdStart + 5000, layout.Initrd.End);
        Assert.Equal(4999UL % 256, machine.Bus.Read(initrdStart + 4999, 1));
        Assert.Equal(fdt, layout.FdtAddress);

        var chosen = FdtReader.Read(layout.Fdt).Root.Find("/chosen")!;
        Assert.Equal("console=ttyS0 earlycon", chosen.Property("bootargs")!.AsString());
        Assert.Equal(initrdStart, chosen.Property("linux,initrd-start")!.AsNumber());
        Assert.Equal(initrdStart + 5000, chosen.Property("linux,initrd-end")!.AsNumber());
        Assert.Equal(layout.Fdt, Enumerable.Range(0, layout.Fdt.Length).Select(i => (byte)machine.Bus.Read(fdt + (ulong)i, 1)).ToArray());
    }

    [Fact]
    public void ElfSymbolsTohostAndFromhostBindSpikesHtif()
    {
        using var machine = Machine.Create("spike-riscv64");
        var elf = BareMetal.Elf("""
            1:  j 1b
                .data
                .align 6
                .globl tohost
            tohost: .dword 0
                .align 6
                .globl fromhost
            fromhost: .dword 0
            """);
        var symbols = Cross.Elf.ElfFile.Load(elf);
        var layout = RiscVBootLoader.Load(machine, new BootImages { Kernel = elf });
        Assert.True(machine.Htif!.IsBound);
        Assert.Equal(symbols.FindSymbol("tohost")!.Value, layout.Htif!.Value.ToHost);
        Assert.Equal(symbols.FindSymbol("fromhost")!.Value, layout.Htif.Value.FromHost);
    }

    [Fact]
    public void ImpossibleBootsSayWhy()
    {
        using var machine = Machine.Create("virt-riscv64", new MachineOptions { RamSize = 8UL << 20 });
        Assert.Contains("nothing to boot", Assert.Throws<BootException>(() => RiscVBootLoader.Load(machine, new BootImages())).Message);
        Assert.Contains("need -kernel", Assert.Throws<BootException>(() =>
            RiscVBootLoader.Load(machine, new BootImages { Bios = File(new byte[16]), Initrd = File(new byte[16]) })).Message);
        Assert.Contains("cannot read", Assert.Throws<BootException>(() =>
            RiscVBootLoader.Load(machine, new BootImages { Kernel = "/nonexistent/kernel" })).Message);
        Assert.Contains("larger -m", Assert.Throws<BootException>(() =>
            RiscVBootLoader.Load(machine, new BootImages { Kernel = File(new byte[9 << 20]) })).Message);
        // An initrd that runs into the device tree at the end of this small RAM.
        Assert.Contains("overlaps", Assert.Throws<BootException>(() =>
            RiscVBootLoader.Load(machine, new BootImages { Kernel = File(new byte[16]), Initrd = File(new byte[3 << 20]) })).Message);
    }

    private static ulong Swap(ulong value) => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)value);
}
