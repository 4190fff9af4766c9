namespace Cross.Elf.Tests.Support;

/// <summary>Truncation and corruption campaigns over a valid ELF image.</summary>
public static class Fuzzer
{
    /// <summary>
    /// Regions worth corrupting: the file header, both header tables, and the symbol, string and
    /// note data that lazy parsing reads.
    /// </summary>
    public static IReadOnlyList<(int Start, int Length)> Regions(byte[] valid)
    {
        var file = ElfFile.Parse(valid);
        var h = file.Header;
        var regions = new List<(int, int)> { (0, h.ClassHeaderSize) };
        if (h.ProgramHeaderCount > 0)
        {
            regions.Add(((int)h.ProgramHeaderOffset, h.ProgramHeaderEntrySize * h.ProgramHeaderCount));
        }

        if (file.Sections.Count > 0)
        {
            var table = ((int)h.SectionHeaderOffset, h.SectionHeaderEntrySize * file.Sections.Count);
            regions.Add(table);
            regions.Add(table); // twice: section headers feed most of the lazy paths
        }

        foreach (var s in file.Sections.Where(s => s.Type is ElfSectionType.SymTab or ElfSectionType.DynSym or ElfSectionType.StrTab or ElfSectionType.Note))
        {
            // Cap large tables so the chosen bytes stay spread over all regions.
            regions.Add(((int)s.Offset, (int)Math.Min(s.Size, 4096)));
        }

        return regions;
    }

    /// <summary>Every length 0..256, every structure boundary +-1, and random lengths; all below the file size.</summary>
    public static IEnumerable<int> TruncationLengths(byte[] valid, int seed, int randomCount)
    {
        var file = ElfFile.Parse(valid);
        var h = file.Header;
        var boundaries = new List<ulong>
        {
            h.ProgramHeaderOffset + (ulong)(h.ProgramHeaderEntrySize * h.ProgramHeaderCount),
            h.SectionHeaderOffset,
            h.SectionHeaderOffset + (ulong)(h.SectionHeaderEntrySize * file.Sections.Count),
        };
        boundaries.AddRange(file.ProgramHeaders.Select(p => p.Offset + p.FileSize));
        boundaries.AddRange(file.Sections.Where(s => s.HasFileData).SelectMany(s => new[] { s.Offset, s.Offset + s.Size }));

        var random = new Random(seed);
        return Enumerable.Range(0, 257)
            .Concat(boundaries.SelectMany(b => new[] { (long)b - 1, (long)b, (long)b + 1 }).Where(b => b >= 0 && b < valid.Length).Select(b => (int)b))
            .Concat(Enumerable.Range(0, randomCount).Select(_ => random.Next(valid.Length)))
            .Where(n => n < valid.Length)
            .Distinct()
            .Order();
    }

    public static void Truncations(byte[] valid, string label, int seed = 1, int randomCount = 200)
    {
        var rejected = 0;
        foreach (var length in TruncationLengths(valid, seed, randomCount))
        {
            if (ParseOutcome.ParseOrReject(valid.AsMemory(0, length), $"{label} truncated to {length} bytes (seed {seed})") is not null)
            {
                rejected++;
            }
        }

        Assert.True(rejected > 257, $"{label}: only {rejected} truncations were rejected");
    }

    /// <summary>Runs corrupted copies through the parser; returns (parsed, rejected) counts.</summary>
    public static (int Parsed, int Rejected) Corruptions(byte[] valid, string label, int seed, int iterations)
    {
        var regions = Regions(valid);
        var mutator = new Mutator(seed);
        var parsed = 0;
        var rejected = 0;
        for (var i = 0; i < iterations; i++)
        {
            var (bytes, changes) = mutator.Mutate(valid, regions);
            var message = ParseOutcome.ParseOrReject(bytes, $"{label}: seed {seed}, iteration {i}, changes {changes}");
            if (message is null)
            {
                parsed++;
            }
            else
            {
                rejected++;
            }
        }

        return (parsed, rejected);
    }

    /// <summary>Sets each byte of the given regions, one at a time, to each of a few boundary values.</summary>
    public static void EveryByte(byte[] valid, string label, IEnumerable<(int Start, int Length)> regions)
    {
        byte[] values = [0x00, 0x01, 0x7f, 0x80, 0xff];
        foreach (var offset in regions.SelectMany(r => Enumerable.Range(r.Start, r.Length)).Distinct())
        {
            foreach (var value in values)
            {
                if (valid[offset] == value)
                {
                    continue;
                }

                var bytes = (byte[])valid.Clone();
                bytes[offset] = value;
                ParseOutcome.ParseOrReject(bytes, $"{label}: byte 0x{offset:x} set to 0x{value:x2}");
            }
        }
    }
}
