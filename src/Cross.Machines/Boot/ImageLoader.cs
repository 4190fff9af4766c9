using Cross.Core.Memory;
using Cross.Elf;

namespace Cross.Machines.Boot;

/// <summary>
/// Copies boot images into guest RAM: ELF executables by their segments' physical addresses
/// (p_paddr, as QEMU's load_elf does, with BSS zeroed), anything else as a flat binary at an
/// address the caller picks once it has seen whether the file is a Linux Image.
/// </summary>
public static class ImageLoader
{
    /// <summary>
    /// Loads <paramref name="path"/>: an ELF at its own addresses, otherwise a flat binary at
    /// <paramref name="flatAddress"/>(header), where header is the Linux Image header if there is one.
    /// </summary>
    public static LoadedImage Load(PhysicalBus bus, string path, Func<RiscVImageHeader?, ulong> flatAddress)
    {
        var bytes = Read(path);
        if (ElfFile.HasElfMagic(bytes)) return LoadElf(bus, path, bytes);
        var header = RiscVImageHeader.TryParse(bytes);
        var address = flatAddress(header);
        var occupied = Math.Max((ulong)bytes.Length, header?.ImageSize ?? 0);
        CheckRam(bus, path, address, occupied);
        bus.LoadImage(address, bytes);
        return new LoadedImage(path, header is null ? ImageFormat.Raw : ImageFormat.LinuxImage, address, address + occupied, address);
    }

    /// <summary>Loads a file as a flat binary (an initrd) at <paramref name="address"/>.</summary>
    public static LoadedImage LoadFlat(PhysicalBus bus, string path, ulong address)
    {
        var bytes = Read(path);
        CheckRam(bus, path, address, (ulong)bytes.Length);
        bus.LoadImage(address, bytes);
        return new LoadedImage(path, ImageFormat.Raw, address, address + (ulong)bytes.Length, address);
    }

    public static LoadedImage LoadElf(PhysicalBus bus, string path, byte[] bytes)
    {
        ElfFile elf;
        try
        {
            elf = ElfFile.Parse(bytes);
        }
        catch (ElfFormatException error)
        {
            throw new BootException($"{path}: {error.Message}");
        }
        if (elf.Machine != ElfMachine.RiscV || !elf.Is64Bit)
            throw new BootException($"{path}: a {(elf.Is64Bit ? 64 : 32)}-bit {elf.Machine} ELF, not a riscv64 one");
        if (elf.Type != ElfType.Executable)
            throw new BootException($"{path}: ELF type {elf.Type}; a boot image must be a statically linked executable");
        var segments = elf.LoadSegments.Where(s => s.MemorySize > 0).ToList();
        if (segments.Count == 0) throw new BootException($"{path}: the ELF has nothing to load");
        foreach (var segment in segments)
        {
            CheckRam(bus, path, segment.PhysicalAddress, segment.MemorySize);
            bus.LoadImage(segment.PhysicalAddress, segment.Data.Span[..(int)Math.Min(segment.FileSize, (ulong)segment.Data.Length)]);
            if (segment.MemorySize > segment.FileSize)
                bus.LoadImage(segment.PhysicalAddress + segment.FileSize, new byte[segment.MemorySize - segment.FileSize]);
        }
        var start = segments.Min(s => s.PhysicalAddress);
        var end = segments.Max(s => s.PhysicalAddress + s.MemorySize);
        return new LoadedImage(path, ImageFormat.Elf, start, end, elf.Entry, elf);
    }

    private static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new BootException($"cannot read {path}: {error.Message}");
        }
    }

    /// <summary>Fails unless [address, address + size) lies inside one RAM region.</summary>
    private static void CheckRam(PhysicalBus bus, string path, ulong address, ulong size)
    {
        if (size == 0) return;
        var ram = bus.Regions.OfType<PhysicalBus.RamRegion>().FirstOrDefault(r => address >= r.Base && address - r.Base < r.Size);
        if (ram is null || size > ram.End - address)
        {
            var where = string.Join(", ", bus.Regions.OfType<PhysicalBus.RamRegion>().Select(r => $"0x{r.Base:x}-0x{r.End:x}"));
            throw new BootException($"{path}: 0x{address:x}-0x{address + size:x} is not inside RAM ({where}); try a larger -m");
        }
    }
}
