using System.Globalization;
using System.Text.RegularExpressions;

namespace Cross.Elf.Tests.Support;

/// <summary>
/// The parts of <c>readelf -W -h -l -S -s -n</c> output the tests compare against: an
/// independent reading of the same file.
/// </summary>
public sealed partial class ReadElfReport
{
    public Dictionary<string, string> Header { get; } = [];
    public List<ReadElfSegment> Segments { get; } = [];
    public string? Interpreter { get; private set; }
    public List<ReadElfSection> Sections { get; } = [];
    public Dictionary<string, List<ReadElfSymbol>> SymbolTables { get; } = [];
    public List<ReadElfNote> Notes { get; } = [];

    public static ReadElfReport For(string path) =>
        Parse(HostTools.Run(HostTools.ReadElf, "-W", "-h", "-l", "-S", "-s", "-n", path));

    public ulong HeaderNumber(string field)
    {
        var text = Header[field].Split(' ', ',')[0];
        return text.StartsWith("0x", StringComparison.Ordinal) ? Hex(text) : ulong.Parse(text, CultureInfo.InvariantCulture);
    }

    public static ReadElfReport Parse(string output)
    {
        var report = new ReadElfReport();
        var mode = "";
        string? symbolTable = null;
        string? noteContainer = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("ELF Header:", StringComparison.Ordinal))
            {
                mode = "header";
                continue;
            }

            if (line.StartsWith("Program Headers:", StringComparison.Ordinal))
            {
                mode = "segments";
                continue;
            }

            if (line.StartsWith("Section Headers:", StringComparison.Ordinal))
            {
                mode = "sections";
                continue;
            }

            if (line.StartsWith(" Section to Segment mapping:", StringComparison.Ordinal) || line.StartsWith("Key to Flags:", StringComparison.Ordinal))
            {
                mode = "";
                continue;
            }

            if (SymbolTableTitle().Match(line) is { Success: true } table)
            {
                mode = "symbols";
                symbolTable = table.Groups[1].Value;
                report.SymbolTables[symbolTable] = [];
                continue;
            }

            if (NotesTitle().Match(line) is { Success: true } notes)
            {
                mode = "notes";
                noteContainer = notes.Groups[1].Success ? notes.Groups[1].Value : "";
                continue;
            }

            switch (mode)
            {
                case "header" when HeaderLine().Match(line) is { Success: true } m:
                    report.Header[m.Groups[1].Value.Trim()] = m.Groups[2].Value.Trim();
                    break;
                case "segments" when InterpreterLine().Match(line) is { Success: true } m:
                    report.Interpreter = m.Groups[1].Value;
                    break;
                case "segments" when SegmentLine().Match(line) is { Success: true } m:
                    report.Segments.Add(new ReadElfSegment(m.Groups[1].Value, Hex(m.Groups[2].Value), Hex(m.Groups[3].Value),
                        Hex(m.Groups[4].Value), Hex(m.Groups[5].Value), Hex(m.Groups[6].Value), m.Groups[7].Value.Trim(),
                        Hex(m.Groups[8].Value)));
                    break;
                case "sections" when SectionLine().Match(line) is { Success: true } m:
                    report.Sections.Add(new ReadElfSection(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                        m.Groups[2].Value, m.Groups[3].Value, Hex(m.Groups[4].Value), Hex(m.Groups[5].Value), Hex(m.Groups[6].Value),
                        Hex(m.Groups[7].Value), m.Groups[8].Value, uint.Parse(m.Groups[9].Value, CultureInfo.InvariantCulture),
                        uint.Parse(m.Groups[10].Value, CultureInfo.InvariantCulture), ulong.Parse(m.Groups[11].Value, CultureInfo.InvariantCulture)));
                    break;
                case "symbols" when SymbolLine().Match(line) is { Success: true } m:
                    var size = m.Groups[3].Value;
                    report.SymbolTables[symbolTable!].Add(new ReadElfSymbol(
                        int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Hex(m.Groups[2].Value),
                        size.StartsWith("0x", StringComparison.Ordinal) ? Hex(size) : ulong.Parse(size, CultureInfo.InvariantCulture),
                        m.Groups[4].Value, m.Groups[5].Value, m.Groups[6].Value, m.Groups[7].Value, StripVersion(m.Groups[8].Value)));
                    break;
                case "notes" when NoteLine().Match(line) is { Success: true } m:
                    var buildId = BuildIdText().Match(m.Groups[3].Value);
                    report.Notes.Add(new ReadElfNote(noteContainer!, m.Groups[1].Value, Hex(m.Groups[2].Value), m.Groups[3].Value.Trim(),
                        buildId.Success ? buildId.Groups[1].Value : null));
                    break;
            }
        }

        return report;
    }

    private static ulong Hex(string text) =>
        ulong.Parse(text.StartsWith("0x", StringComparison.Ordinal) ? text[2..] : text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string StripVersion(string name)
    {
        var at = name.IndexOf('@', StringComparison.Ordinal);
        return (at >= 0 ? name[..at] : name).Trim();
    }

    [GeneratedRegex(@"^  ([^:]+):\s+(.*)$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^\s+\[Requesting program interpreter: (.*)\]\s*$")]
    private static partial Regex InterpreterLine();

    [GeneratedRegex(@"^  (\S+)\s+0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) (.{3}) 0x([0-9a-f]+)\s*$")]
    private static partial Regex SegmentLine();

    [GeneratedRegex(@"^\s*\[\s*(\d+)\]\s+(.*?)\s*(\S+)\s+([0-9a-f]{8,16})\s+([0-9a-f]{6,})\s+([0-9a-f]{6,})\s+([0-9a-f]{2,})\s+([A-Za-z]*)\s+(\d+)\s+(\d+)\s+(\d+)\s*$")]
    private static partial Regex SectionLine();

    [GeneratedRegex(@"^Symbol table '([^']+)' contains \d+ entr")]
    private static partial Regex SymbolTableTitle();

    [GeneratedRegex(@"^\s*(\d+): ([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s?(.*)$")]
    private static partial Regex SymbolLine();

    [GeneratedRegex(@"^Displaying notes found (?:in: (\S+)|at file offset)")]
    private static partial Regex NotesTitle();

    [GeneratedRegex(@"^  (\S+)\s+0x([0-9a-f]+)\t(.*)$")]
    private static partial Regex NoteLine();

    [GeneratedRegex(@"Build ID: ([0-9a-f]+)")]
    private static partial Regex BuildIdText();
}
