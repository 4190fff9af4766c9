using static Cross.Elf.Parsing.ElfBytes;

namespace Cross.Elf.Parsing;

/// <summary>Parses the program header table and validates every segment's file range.</summary>
internal static class ElfProgramHeaderReader
{
    public static ElfProgramHeader[] Read(ReadOnlyMemory<byte> file, ElfHeader header)
    {
        // PN_XNUM (0xffff, count stored in section 0) is not honoured, as in Linux execve:
        // it only occurs in core dumps with huge numbers of mappings.
        int count = header.ProgramHeaderCount;
        if (count == 0)
        {
            return [];
        }

        var is64 = header.Is64Bit;
        var minimum = is64 ? ElfProgramHeader.Elf64EntrySize : ElfProgramHeader.Elf32EntrySize;
        int entrySize = header.ProgramHeaderEntrySize;
        if (entrySize < minimum)
        {
            throw new ElfFormatException(
                $"ELF program header entry size {entrySize} is too small for {ElfNames.Class(is64)} (need at least {minimum})");
        }

        var offset = header.ProgramHeaderOffset;
        ElfBounds.CheckTable("ELF program header table", offset, (ulong)entrySize, (ulong)count, file.Length);

        var span = file.Span;
        var result = new ElfProgramHeader[count];
        for (var i = 0; i < count; i++)
        {
            // Cannot overflow: the whole table was just checked to lie inside the file.
            var entry = span.Slice((int)offset + i * entrySize, entrySize);
            result[i] = is64 ? Read64(file, entry, i) : Read32(file, entry, i);
        }

        return result;
    }

    private static ElfProgramHeader Read64(ReadOnlyMemory<byte> file, ReadOnlySpan<byte> e, int index) =>
        Create(file, index, U32(e, 0), U32(e, 4), U64(e, 8), U64(e, 16), U64(e, 24), U64(e, 32), U64(e, 40), U64(e, 48), is64: true);

    private static ElfProgramHeader Read32(ReadOnlyMemory<byte> file, ReadOnlySpan<byte> e, int index) =>
        Create(file, index, U32(e, 0), U32(e, 24), U32(e, 4), U32(e, 8), U32(e, 12), U32(e, 16), U32(e, 20), U32(e, 28), is64: false);

    private static ElfProgramHeader Create(
        ReadOnlyMemory<byte> file, int index, uint type, uint flags, ulong offset, ulong vaddr, ulong paddr,
        ulong fileSize, ulong memorySize, ulong align, bool is64)
    {
        var segmentType = (ElfSegmentType)type;
        var what = $"ELF program header [{index}] ({ElfNames.Segment(segmentType)})";
        var data = ReadOnlyMemory<byte>.Empty;

        // PT_NULL entries are unused slots whose other fields carry no meaning.
        if (segmentType != ElfSegmentType.Null)
        {
            ElfBounds.CheckRange(what, offset, fileSize, file.Length);
            data = file.Slice((int)offset, (int)fileSize);
        }

        if (segmentType == ElfSegmentType.Load)
        {
            // The loader maps FileSize bytes and zero-fills up to MemorySize; the reverse is nonsense
            // (Linux rejects it too).
            if (fileSize > memorySize)
            {
                throw new ElfFormatException(
                    $"{what} file size 0x{fileSize:x} is larger than its memory size 0x{memorySize:x}");
            }

            var addressLimit = is64 ? (UInt128)ulong.MaxValue + 1 : (UInt128)uint.MaxValue + 1;
            if ((UInt128)vaddr + memorySize > addressLimit)
            {
                throw new ElfFormatException(
                    $"{what} memory range (vaddr 0x{vaddr:x}, size 0x{memorySize:x}) overflows the {(is64 ? 64 : 32)}-bit address space");
            }
        }

        return new ElfProgramHeader
        {
            Index = index,
            Type = segmentType,
            Flags = (ElfSegmentFlags)flags,
            Offset = offset,
            VirtualAddress = vaddr,
            PhysicalAddress = paddr,
            FileSize = fileSize,
            MemorySize = memorySize,
            Alignment = align,
            Data = data,
        };
    }
}
