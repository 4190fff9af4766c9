using Cross.Elf.Tests.Support;

namespace Cross.Elf.Tests;

/// <summary>
/// Arbitrary damage to hand-built ELF32/ELF64 images must end in success or
/// <see cref="ElfFormatException"/>, never another exception type.
/// </summary>
public sealed class ElfFuzzTests
{
    public static TheoryData<ElfClass> Classes => [ElfClass.Elf32, ElfClass.Elf64];

    [Theory]
    [MemberData(nameof(Classes))]
    public void EveryTruncationIsRejectedCleanly(ElfClass elfClass)
    {
        var valid = SampleImages.Executable(elfClass).Bytes;

        for (var length = 0; length < valid.Length; length++)
        {
            // Cutting anything off this image loses section headers or data, so each must fail.
            Assert.NotNull(ParseOutcome.ParseOrReject(valid.AsMemory(0, length), $"{elfClass} truncated to {length} bytes"));
        }
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void EveryTruncationOfAMinimalImageIsRejectedCleanly(ElfClass elfClass)
    {
        var valid = SampleImages.Minimal(elfClass).Bytes;

        for (var length = 0; length < valid.Length; length++)
        {
            ParseOutcome.ParseOrReject(valid.AsMemory(0, length), $"minimal {elfClass} truncated to {length} bytes");
        }
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void EveryHeaderAndTableByteSetToBoundaryValues(ElfClass elfClass)
    {
        var valid = SampleImages.Executable(elfClass).Bytes;

        Fuzzer.EveryByte(valid, elfClass.ToString(), Fuzzer.Regions(valid));
    }

    [Theory]
    [InlineData(ElfClass.Elf32, 1)]
    [InlineData(ElfClass.Elf32, 2)]
    [InlineData(ElfClass.Elf32, 3)]
    [InlineData(ElfClass.Elf64, 1)]
    [InlineData(ElfClass.Elf64, 2)]
    [InlineData(ElfClass.Elf64, 3)]
    public void RandomCorruptionIsRejectedCleanly(ElfClass elfClass, int seed)
    {
        var valid = SampleImages.Executable(elfClass).Bytes;

        var (parsed, rejected) = Fuzzer.Corruptions(valid, elfClass.ToString(), seed, iterations: 1500);

        // Both outcomes must occur, or the campaign is not probing the validation boundary.
        Assert.True(parsed > 0 && rejected > 0, $"seed {seed}: parsed {parsed}, rejected {rejected}");
    }

    public static TheoryData<string, int, ulong> AbsurdHeaderValues => new()
    {
        { "e_phnum", 2, 0xffff },
        { "e_phnum", 2, 0x8000 },
        { "e_phentsize", 2, 0xffff },
        { "e_phentsize", 2, 1 },
        { "e_phoff", 8, ulong.MaxValue },
        { "e_phoff", 8, ulong.MaxValue - 55 },
        { "e_phoff", 8, 0x7fff_ffff },
        { "e_shnum", 2, 0xffff },
        { "e_shnum", 2, 0xff00 },
        { "e_shentsize", 2, 0xffff },
        { "e_shentsize", 2, 1 },
        { "e_shoff", 8, ulong.MaxValue },
        { "e_shoff", 8, ulong.MaxValue - 63 },
        { "e_shoff", 8, 0xffff_ffff },
        { "e_shstrndx", 2, 0xfffe },
        { "e_shstrndx", 2, 0xff00 },
    };

    [Theory]
    [MemberData(nameof(AbsurdHeaderValues))]
    public void AbsurdHeaderValuesAreRejected(string field, int width, ulong value)
    {
        foreach (var elfClass in new[] { ElfClass.Elf32, ElfClass.Elf64 })
        {
            var is64 = elfClass == ElfClass.Elf64;
            var valid = SampleImages.Executable(elfClass).Bytes;
            var offset = field switch
            {
                "e_phnum" => ElfLayout.EPhNum(is64),
                "e_phentsize" => ElfLayout.EPhEntSize(is64),
                "e_phoff" => ElfLayout.EPhOff(is64),
                "e_shnum" => ElfLayout.EShNum(is64),
                "e_shentsize" => ElfLayout.EShEntSize(is64),
                "e_shoff" => ElfLayout.EShOff(is64),
                _ => ElfLayout.EShStrNdx(is64),
            };
            var bytes = width == 2 ? valid.With16(offset, (ushort)value) : valid.WithWord(offset, value, is64);

            var message = ParseOutcome.ParseOrReject(bytes, $"{elfClass} {field} = 0x{value:x}");

            Assert.NotNull(message);
        }
    }

    public static TheoryData<string, ulong> AbsurdTableValues => new()
    {
        { "p_offset", ulong.MaxValue },
        { "p_filesz", ulong.MaxValue },
        { "p_filesz", 0x7fff_ffff },
        { "sh_offset", ulong.MaxValue },
        { "sh_size", ulong.MaxValue },
        { "sh_size", 0xffff_fff0 },
        { "sh_name", 0xffff_ffff },
        { "sh_link", 0xffff_ffff },
        { "sh_entsize", 1 },
    };

    [Theory]
    [MemberData(nameof(AbsurdTableValues))]
    public void AbsurdTableValuesAreRejected(string field, ulong value)
    {
        foreach (var elfClass in new[] { ElfClass.Elf32, ElfClass.Elf64 })
        {
            var image = SampleImages.Executable(elfClass);
            var is64 = image.Is64;

            // Apply to every entry in turn, so each segment and section type gets its turn.
            var entries = field.StartsWith("p_", StringComparison.Ordinal)
                ? Enumerable.Range(0, image.ProgramHeaderCount).Select(image.ProgramHeaderEntry)
                : Enumerable.Range(1, image.SectionCount - 1).Select(i => image.SectionHeaderEntry(i));
            foreach (var entry in entries)
            {
                var bytes = field switch
                {
                    "p_offset" => image.Bytes.WithWord(entry + ElfLayout.POffset(is64), value, is64),
                    "p_filesz" => image.Bytes.WithWord(entry + ElfLayout.PFileSz(is64), value, is64),
                    "sh_offset" => image.Bytes.WithWord(entry + ElfLayout.ShOffset(is64), value, is64),
                    "sh_size" => image.Bytes.WithWord(entry + ElfLayout.ShSize(is64), value, is64),
                    "sh_name" => image.Bytes.With32(entry + ElfLayout.ShName, (uint)value),
                    "sh_link" => image.Bytes.With32(entry + ElfLayout.ShLink(is64), (uint)value),
                    _ => image.Bytes.WithWord(entry + ElfLayout.ShEntSize(is64), value, is64),
                };

                ParseOutcome.ParseOrReject(bytes, $"{elfClass} {field} = 0x{value:x} at entry 0x{entry:x}");
            }
        }
    }
}
