namespace Cross.Elf.Parsing;

/// <summary>
/// Range checks for file-relative regions. Arithmetic is done in <see cref="UInt128"/> so that
/// hostile offsets and sizes (up to 2^64 each, counts times entry sizes) can never wrap.
/// </summary>
internal static class ElfBounds
{
    public static void CheckRange(string what, ulong offset, ulong size, int fileSize)
    {
        var end = (UInt128)offset + size;
        if (end > ulong.MaxValue)
        {
            throw new ElfFormatException(
                $"{what} (offset 0x{offset:x}, size 0x{size:x}) overflows the 64-bit offset range");
        }

        if (end > (ulong)fileSize)
        {
            throw new ElfFormatException(
                $"{what} (offset 0x{offset:x}, size 0x{size:x}) extends past end of file (size {fileSize})");
        }
    }

    public static void CheckTable(string what, ulong offset, ulong entrySize, ulong count, int fileSize)
    {
        var end = (UInt128)offset + (UInt128)entrySize * count;
        if (end > ulong.MaxValue)
        {
            throw new ElfFormatException(
                $"{what} (offset 0x{offset:x}, {entrySize} x {count} entries) overflows the 64-bit offset range");
        }

        if (end > (ulong)fileSize)
        {
            throw new ElfFormatException(
                $"{what} (offset 0x{offset:x}, {entrySize} x {count} entries) extends past end of file (size {fileSize})");
        }
    }
}
