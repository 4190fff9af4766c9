namespace Cross.Machines.Boot;

/// <summary>
/// What to boot, as QEMU's -bios, -kernel, -initrd and -append say it. <see cref="Bios"/> null
/// means -bios none: the reset vector jumps straight to the kernel, in M-mode.
/// </summary>
public sealed record BootImages
{
    /// <summary>M-mode firmware (OpenSBI, M-mode U-Boot), loaded at the start of RAM; null for none.</summary>
    public string? Bios { get; init; }

    /// <summary>The next stage: an ELF, a Linux Image or a flat binary.</summary>
    public string? Kernel { get; init; }

    public string? Initrd { get; init; }

    /// <summary>The kernel command line (/chosen/bootargs).</summary>
    public string? BootArgs { get; init; }
}
