namespace Cross.Machines.Boot;

/// <summary>
/// Places boot images in a RISC-V machine the way QEMU 7.2's virt and spike boards do
/// (hw/riscv/boot.c), so firmware built for QEMU finds everything where it expects:
/// <list type="bullet">
/// <item>-bios at the start of RAM (an ELF at its own addresses);</item>
/// <item>-kernel at the first 2 MiB boundary after the firmware (the start of RAM without one),
/// or at its own addresses if it is an ELF; a Linux Image is never placed below RAM +
/// text_offset and reserves image_size bytes;</item>
/// <item>-initrd at kernel + min(RAM / 2, 128 MiB);</item>
/// <item>the FDT (with /chosen filled in) at the last 2 MiB boundary that leaves room for it
/// below the end of RAM or 3 GiB, whichever is lower;</item>
/// <item>the reset ROM at 0x1000 (see <see cref="ResetVector"/>), which enters the firmware, or
/// the kernel in M-mode when there is no firmware; fw_dynamic_info names the kernel as the next
/// stage, in S-mode.</item>
/// </list>
/// On boards with Spike's HTIF, the device is bound to the tohost/fromhost symbols of the ELF.
/// </summary>
public static class RiscVBootLoader
{
    public const ulong RomBase = 0x1000, RomSize = 0xF000;
    public const ulong KernelAlignment = 2UL << 20, FdtAlignment = 2UL << 20;
    private const ulong MaxInitrdOffset = 128UL << 20, FdtCeiling = 3UL << 30;

    public static BootLayout Load(Machine machine, BootImages images)
    {
        var bus = machine.Bus;
        var ramBase = machine.Board.RamBase;
        var ramEnd = ramBase + machine.Board.RamSize;
        if (images.Bios is null && images.Kernel is null)
            throw new BootException("nothing to boot: give -kernel FILE, or -bios FILE");
        if (images.Kernel is null && (images.Initrd is not null || images.BootArgs is not null))
            throw new BootException("-initrd and -append need -kernel");

        var firmware = images.Bios is { } bios ? ImageLoader.Load(bus, bios, _ => ramBase) : null;
        var firmwareEnd = firmware?.End ?? ramBase;
        var kernel = images.Kernel is { } kernelPath
            ? ImageLoader.Load(bus, kernelPath, header =>
            {
                var address = images.Bios is null ? ramBase : AlignUp(firmwareEnd, KernelAlignment);
                return header is null ? address : Math.Max(address, ramBase + header.TextOffset);
            })
            : null;

        var initrd = images.Initrd is { } initrdPath
            ? ImageLoader.LoadFlat(bus, initrdPath, kernel!.Entry + Math.Min(machine.Board.RamSize / 2, MaxInitrdOffset))
            : null;

        var fdt = machine.DeviceTreeBlob(new ChosenOptions
        {
            BootArgs = images.BootArgs,
            InitrdStart = initrd?.Start,
            InitrdEnd = initrd?.End,
        });
        var fdtTop = ramBase < FdtCeiling ? Math.Min(ramEnd, FdtCeiling) : ramEnd;
        if ((ulong)fdt.Length > fdtTop - ramBase) throw new BootException($"the device tree ({fdt.Length} bytes) does not fit in RAM");
        var fdtAddress = AlignDown(fdtTop - (ulong)fdt.Length, FdtAlignment);
        if (fdtAddress < ramBase) fdtAddress = ramBase;
        CheckOverlaps(firmware, kernel, initrd, new LoadedImage("device tree", ImageFormat.Raw, fdtAddress, fdtAddress + (ulong)fdt.Length, fdtAddress));
        bus.LoadImage(fdtAddress, fdt);

        var start = firmware?.Entry ?? kernel!.Entry;
        var info = new FwDynamicInfo(kernel?.Entry ?? 0);
        bus.AddMmio("mrom", RomBase, RomSize, new Rom(ResetVector.Build(start, fdtAddress, info)));

        var layout = new BootLayout(RomBase, start, firmware, kernel, initrd, fdtAddress, fdt, RomBase + ResetVector.InfoOffset, info);
        return BindHtif(machine, layout);
    }

    private static BootLayout BindHtif(Machine machine, BootLayout layout)
    {
        if (machine.Htif is not { } htif) return layout;
        foreach (var image in new[] { layout.Kernel, layout.Firmware })
        {
            if (image?.Symbol("tohost") is not { } tohost) continue;
            var fromhost = image.Symbol("fromhost");
            htif.Bind(tohost, fromhost);
            return layout with { Htif = (tohost, fromhost) };
        }
        return layout;
    }

    private static void CheckOverlaps(params LoadedImage?[] images)
    {
        var placed = images.OfType<LoadedImage>().Where(i => i.Size > 0).ToList();
        for (var i = 0; i < placed.Count; i++)
            for (var j = i + 1; j < placed.Count; j++)
                if (placed[i].Start < placed[j].End && placed[j].Start < placed[i].End)
                    throw new BootException($"{Name(placed[i])} [0x{placed[i].Start:x}, 0x{placed[i].End:x}) overlaps {Name(placed[j])} [0x{placed[j].Start:x}, 0x{placed[j].End:x}); try a larger -m");
    }

    private static string Name(LoadedImage image) => Path.GetFileName(image.Path) is { Length: > 0 } name ? name : image.Path;

    public static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);

    public static ulong AlignDown(ulong value, ulong alignment) => value & ~(alignment - 1);
}
