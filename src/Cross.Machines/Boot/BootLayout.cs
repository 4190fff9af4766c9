namespace Cross.Machines.Boot;

/// <summary>
/// Where <see cref="RiscVBootLoader"/> put everything: every hart starts at
/// <see cref="ResetVector"/> (the ROM), which jumps to <see cref="FirstStage"/> with a1 =
/// <see cref="FdtAddress"/> and a2 = <see cref="InfoAddress"/>.
/// </summary>
public sealed record BootLayout(
    ulong ResetVector,
    ulong FirstStage,
    LoadedImage? Firmware,
    LoadedImage? Kernel,
    LoadedImage? Initrd,
    ulong FdtAddress,
    byte[] Fdt,
    ulong InfoAddress,
    FwDynamicInfo Info)
{
    /// <summary>The HTIF mailbox (tohost, fromhost) found in the images' symbols and bound, if any.</summary>
    public (ulong ToHost, ulong? FromHost)? Htif { get; init; }

    public IEnumerable<string> Describe()
    {
        if (Firmware is { } firmware) yield return $"firmware: {firmware}";
        if (Kernel is { } kernel) yield return $"kernel:   {kernel}";
        if (Initrd is { } initrd) yield return $"initrd:   {initrd}";
        yield return $"fdt:      0x{FdtAddress:x} ({Fdt.Length} bytes)";
        yield return $"reset:    0x{ResetVector:x} -> 0x{FirstStage:x}, fw_dynamic_info at 0x{InfoAddress:x} (next 0x{Info.NextAddress:x}, {Info.NextMode})";
        if (Htif is { } htif) yield return $"htif:     tohost 0x{htif.ToHost:x}" + (htif.FromHost is { } from ? $", fromhost 0x{from:x}" : "");
    }
}
