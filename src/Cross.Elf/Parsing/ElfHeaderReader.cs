using static Cross.Elf.Parsing.ElfBytes;

namespace Cross.Elf.Parsing;

/// <summary>Parses and validates e_ident and the rest of the file header.</summary>
internal static class ElfHeaderReader
{
    private static ReadOnlySpan<byte> Magic => [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    public static bool HasMagic(ReadOnlySpan<byte> data) => data.Length >= 4 && data[..4].SequenceEqual(Magic);

    public static ElfHeader Read(ReadOnlySpan<byte> data)
    {
        // Check the magic over whatever is present first, so a short non-ELF file is reported
        // as "not an ELF file" rather than as a truncated one.
        var present = Math.Min(data.Length, Magic.Length);
        if (!data[..present].SequenceEqual(Magic[..present]))
        {
            throw new ElfFormatException(
                $"not an ELF file: bad magic {Convert.ToHexString(data[..present]).ToLowerInvariant()} (expected 7f454c46)");
        }

        if (data.Length < ElfHeader.IdentSize)
        {
            throw new ElfFormatException(
                $"ELF identification truncated: file is {data.Length} bytes, e_ident needs {ElfHeader.IdentSize}");
        }

        var elfClass = data[4];
        if (elfClass is not (1 or 2))
        {
            throw new ElfFormatException($"invalid ELF class {elfClass} (expected 1 for ELF32 or 2 for ELF64)");
        }

        var encoding = data[5];
        if (encoding == (byte)ElfDataEncoding.BigEndian)
        {
            throw new ElfFormatException("big-endian ELF is not supported");
        }

        if (encoding != (byte)ElfDataEncoding.LittleEndian)
        {
            throw new ElfFormatException($"invalid ELF data encoding {encoding} (expected 1 for little-endian)");
        }

        var identVersion = data[6];
        if (identVersion != 1)
        {
            throw new ElfFormatException($"unsupported ELF identification version {identVersion} (expected 1)");
        }

        var is64 = elfClass == (byte)ElfClass.Elf64;
        var headerSize = is64 ? ElfHeader.Elf64HeaderSize : ElfHeader.Elf32HeaderSize;
        if (data.Length < headerSize)
        {
            throw new ElfFormatException(
                $"ELF header truncated: file is {data.Length} bytes, {ElfNames.Class(is64)} header needs {headerSize}");
        }

        var version = U32(data, 20);
        if (version != 1)
        {
            throw new ElfFormatException($"unsupported ELF version {version} (expected 1)");
        }

        // After e_entry, e_phoff and e_shoff the two layouts differ only by the word size.
        var word = is64 ? 8 : 4;
        var tail = 24 + 3 * word;
        return new ElfHeader
        {
            Class = (ElfClass)elfClass,
            DataEncoding = (ElfDataEncoding)encoding,
            IdentVersion = identVersion,
            OsAbi = (ElfOsAbi)data[7],
            AbiVersion = data[8],
            Type = (ElfType)U16(data, 16),
            Machine = (ElfMachine)U16(data, 18),
            Version = version,
            Entry = Word(data, 24, is64),
            ProgramHeaderOffset = Word(data, 24 + word, is64),
            SectionHeaderOffset = Word(data, 24 + 2 * word, is64),
            Flags = U32(data, tail),
            HeaderSize = U16(data, tail + 4),
            ProgramHeaderEntrySize = U16(data, tail + 6),
            ProgramHeaderCount = U16(data, tail + 8),
            SectionHeaderEntrySize = U16(data, tail + 10),
            SectionHeaderCount = U16(data, tail + 12),
            SectionNameTableIndex = U16(data, tail + 14),
        };
    }
}
