using Cross.Elf.Tests.Support;

namespace Cross.Elf.Tests;

/// <summary>Truncated and corrupted gcc output must end in success or <see cref="ElfFormatException"/>.</summary>
[Collection(CompiledBinariesCollection.Name)]
public sealed class CompiledBinaryFuzzTests(CompiledBinaries binaries)
{
    private string PathOf(string kind) => kind switch
    {
        "tiny" => binaries.X86Tiny,
        "object" => binaries.X86Object,
        "static" => binaries.X86Static,
        "pie" => binaries.X86Pie,
        _ => binaries.RiscVStatic,
    };

    [ToolTheory(HostTools.Gcc)]
    [InlineData("tiny")]
    [InlineData("object")]
    [InlineData("static")]
    [InlineData("pie")]
    public void TruncationsAreRejectedCleanly(string kind)
    {
        Fuzzer.Truncations(File.ReadAllBytes(PathOf(kind)), kind);
    }

    [ToolFact(HostTools.RiscVGcc)]
    public void RiscVTruncationsAreRejectedCleanly()
    {
        Fuzzer.Truncations(File.ReadAllBytes(binaries.RiscVStatic), "riscv64 static");
    }

    [ToolTheory(HostTools.Gcc)]
    [InlineData("tiny", 1, 2000)]
    [InlineData("tiny", 2, 2000)]
    [InlineData("tiny", 3, 2000)]
    [InlineData("object", 1, 2000)]
    [InlineData("object", 2, 2000)]
    [InlineData("pie", 1, 500)]
    [InlineData("static", 1, 150)]
    public void RandomCorruptionIsRejectedCleanly(string kind, int seed, int iterations)
    {
        var (parsed, rejected) = Fuzzer.Corruptions(File.ReadAllBytes(PathOf(kind)), kind, seed, iterations);

        Assert.True(parsed > 0 && rejected > 0, $"{kind} seed {seed}: parsed {parsed}, rejected {rejected}");
    }

    [ToolFact(HostTools.RiscVGcc)]
    public void RiscVRandomCorruptionIsRejectedCleanly()
    {
        var (parsed, rejected) = Fuzzer.Corruptions(File.ReadAllBytes(binaries.RiscVStatic), "riscv64 static", seed: 1, iterations: 150);

        Assert.True(parsed > 0 && rejected > 0, $"seed 1: parsed {parsed}, rejected {rejected}");
    }

    [ToolTheory(HostTools.Gcc)]
    [InlineData("tiny")]
    [InlineData("object")]
    public void EveryHeaderAndTableByteSetToBoundaryValues(string kind)
    {
        var valid = File.ReadAllBytes(PathOf(kind));
        var file = ElfFile.Parse(valid);
        var h = file.Header;
        var regions = new List<(int, int)>
        {
            (0, h.ClassHeaderSize),
            ((int)h.ProgramHeaderOffset, h.ProgramHeaderEntrySize * h.ProgramHeaderCount),
            ((int)h.SectionHeaderOffset, h.SectionHeaderEntrySize * file.Sections.Count),
        };

        Fuzzer.EveryByte(valid, kind, regions);
    }
}
