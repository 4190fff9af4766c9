using Cross.Elf;
using Cross.UserMode.Memory;

namespace Cross.UserMode.Loading;

/// <summary>
/// Maps an ELF image's PT_LOAD segments into guest memory the way Linux's binfmt_elf does: each
/// segment's pages are mapped with its permissions, filled from the file (including the file bytes
/// that share the first and last page, as a real file mapping would show) and zero beyond
/// p_filesz (.bss). Static executables load at their link addresses; position-independent images
/// at a load bias the caller chooses. A dynamic loader is loaded with the same code, at a bias
/// <see cref="ChooseMappedBias"/> finds where mmap would place it.
/// </summary>
public static class ElfImageLoader
{
    /// <summary>Where a position-independent executable without an interpreter (static-pie) is loaded.</summary>
    public const ulong DefaultPieBase = 0x4000_0000;

    /// <summary>Checks that <paramref name="elf"/> is something this ABI can run; throws a one-line <see cref="UserModeException"/> otherwise.</summary>
    public static void Validate(ElfFile elf, string path, Abi.IGuestAbi abi)
    {
        if (elf.Machine != abi.Machine)
            throw new UserModeException($"unsupported machine type {ElfMachineNames.Describe(elf.Machine)} in {path}");
        if (!elf.Is64Bit)
            throw new UserModeException($"{path}: 32-bit (ELFCLASS32) executables are not supported");
        if (elf.Type is not (ElfType.Executable or ElfType.SharedObject))
            throw new UserModeException($"{path}: not an executable (ELF type {DescribeType(elf.Type)})");
        if (!elf.LoadSegments.Any())
            throw new UserModeException($"{path}: no loadable segments");
        foreach (var segment in elf.LoadSegments)
        {
            if (segment.FileSize > segment.MemorySize)
                throw new UserModeException($"{path}: malformed segment [{segment.Index}]: p_filesz 0x{segment.FileSize:x} is larger than p_memsz 0x{segment.MemorySize:x}");
        }
    }

    /// <summary>Maps the image at <paramref name="bias"/> (0 for ET_EXEC) and returns where it went.</summary>
    public static LoadedImage Load(GuestMemoryManager memory, ElfFile elf, string path, ulong bias)
    {
        var space = memory.Space;
        var file = elf.Bytes.Span;
        var name = Path.GetFullPath(path);
        ulong low = ulong.MaxValue, high = 0;

        foreach (var segment in elf.LoadSegments)
        {
            if (segment.MemorySize == 0) continue;
            var start = segment.VirtualAddress + bias;
            var end = start + segment.MemorySize;
            if (end < start || end > space.Size || start < GuestMemoryManager.MinimumAddress)
                throw new UserModeException($"{path}: segment [{segment.Index}] at 0x{start:x}-0x{end:x} does not fit in the guest address space");

            var pageStart = GuestMemoryManager.PageAlignDown(start);
            var pageEnd = GuestMemoryManager.PageAlignUp(end);
            var headroom = start - pageStart;
            var fileStart = segment.Offset >= headroom ? segment.Offset - headroom : segment.Offset;
            var copyTo = segment.Offset >= headroom ? pageStart : start;
            memory.Map(pageStart, pageEnd - pageStart, ProtectionOf(segment), name, fileOffset: fileStart);

            var fileEnd = segment.Offset + segment.FileSize;
            if (segment.FileSize > 0 && fileStart < (ulong)file.Length)
                space.Initialize(copyTo, file[(int)fileStart..(int)Math.Min(fileEnd, (ulong)file.Length)]);

            low = Math.Min(low, pageStart);
            high = Math.Max(high, end);
        }

        var phdr = elf.ProgramHeaderVirtualAddress is { } address ? address + bias : 0;
        return new LoadedImage
        {
            Entry = elf.Entry + bias,
            LoadBias = bias,
            ProgramHeaderAddress = phdr,
            ProgramHeaderEntrySize = elf.Header.ProgramHeaderEntrySize,
            ProgramHeaderCount = elf.Header.ProgramHeaderCount,
            LowAddress = low,
            HighAddress = high,
            Interpreter = elf.Interpreter,
        };
    }

    /// <summary>The load bias for an image: 0 for ET_EXEC, a fixed base (aligned to the segments' alignment) for ET_DYN.</summary>
    public static ulong ChooseBias(ElfFile elf)
    {
        if (elf.Type != ElfType.SharedObject) return 0;
        var alignment = elf.LoadSegments.Select(s => s.Alignment).Where(a => a > GuestMemoryManager.PageSize && (a & (a - 1)) == 0)
            .DefaultIfEmpty(GuestMemoryManager.PageSize).Max();
        var lowest = GuestMemoryManager.PageAlignDown(elf.LoadSegments.Min(s => s.VirtualAddress));
        return ((DefaultPieBase + alignment - 1) & ~(alignment - 1)) - lowest;
    }

    /// <summary>
    /// A load bias for a position-independent image (the dynamic loader) in free memory below
    /// the mmap top, aligned to its segments' alignment; null when there is no room.
    /// </summary>
    public static ulong? ChooseMappedBias(GuestMemoryManager memory, ElfFile elf)
    {
        var alignment = elf.LoadSegments.Select(s => s.Alignment).Where(a => a > GuestMemoryManager.PageSize && (a & (a - 1)) == 0)
            .DefaultIfEmpty(GuestMemoryManager.PageSize).Max();
        var lowest = GuestMemoryManager.PageAlignDown(elf.LoadSegments.Min(s => s.VirtualAddress));
        var highest = elf.LoadSegments.Max(s => s.VirtualAddress + s.MemorySize);
        if (highest < lowest || !GuestMemoryManager.TryPageAlignUp(highest - lowest, out var span)) return null;
        if (memory.FindFree(span + alignment) is not { } start) return null;
        var aligned = (start + alignment - 1) & ~(alignment - 1);
        return aligned - lowest;
    }

    private static MemoryProtection ProtectionOf(ElfProgramHeader segment) =>
        (segment.IsReadable ? MemoryProtection.Read : 0) | (segment.IsWritable ? MemoryProtection.Write : 0) |
        (segment.IsExecutable ? MemoryProtection.Execute : 0);

    private static string DescribeType(ElfType type) => type switch
    {
        ElfType.None => "ET_NONE",
        ElfType.Relocatable => "ET_REL, an object file",
        ElfType.Core => "ET_CORE, a core dump",
        _ => $"0x{(ushort)type:x}",
    };
}
