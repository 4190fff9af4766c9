using Cross.Elf.Parsing;

namespace Cross.Elf;

/// <summary>
/// A parsed little-endian ELF32 or ELF64 file. The header, program headers and PT_INTERP are
/// parsed and validated eagerly; sections, symbols and notes on first access (a loader that
/// only needs segments then does not fail on damaged section headers). Every access path
/// reports malformed input as <see cref="ElfFormatException"/>.
/// </summary>
/// <remarks>
/// The file bytes are referenced, not copied: do not modify them while the instance is in use.
/// Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class ElfFile
{
    private readonly Lazy<ElfSection[]> _sections;
    private readonly Lazy<ElfSymbol[]> _symbols;
    private readonly Lazy<ElfSymbol[]> _dynamicSymbols;
    private readonly Lazy<Dictionary<string, ElfSymbol>> _symbolsByName;
    private readonly Lazy<ElfNote[]> _notes;

    private ElfFile(ReadOnlyMemory<byte> bytes)
    {
        Bytes = bytes;
        Header = ElfHeaderReader.Read(bytes.Span);
        ProgramHeaders = ElfProgramHeaderReader.Read(bytes, Header);
        Interpreter = ReadInterpreter(ProgramHeaders);
        ProgramHeaderVirtualAddress = FindProgramHeaderAddress(Header, ProgramHeaders);

        _sections = new Lazy<ElfSection[]>(() => ElfSectionReader.Read(Bytes, Header));
        _symbols = new Lazy<ElfSymbol[]>(() => ReadSymbolTable(ElfSectionType.SymTab));
        _dynamicSymbols = new Lazy<ElfSymbol[]>(() => ReadSymbolTable(ElfSectionType.DynSym));
        _symbolsByName = new Lazy<Dictionary<string, ElfSymbol>>(IndexSymbols);
        _notes = new Lazy<ElfNote[]>(ReadAllNotes);
    }

    /// <summary>Reads and parses a file. I/O errors propagate unchanged; format errors are <see cref="ElfFormatException"/>.</summary>
    public static ElfFile Load(string path) => new(File.ReadAllBytes(path));

    public static ElfFile Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new ElfFile(bytes);
    }

    public static ElfFile Parse(ReadOnlyMemory<byte> bytes) => new(bytes);

    /// <summary>True when the data starts with the ELF magic (\x7fELF); says nothing about validity.</summary>
    public static bool HasElfMagic(ReadOnlySpan<byte> bytes) => ElfHeaderReader.HasMagic(bytes);

    /// <summary>The whole file.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    public ElfHeader Header { get; }

    public ElfClass Class => Header.Class;
    public bool Is64Bit => Header.Is64Bit;
    public ElfDataEncoding DataEncoding => Header.DataEncoding;
    public ElfOsAbi OsAbi => Header.OsAbi;
    public ElfType Type => Header.Type;
    public ElfMachine Machine => Header.Machine;
    public ulong Entry => Header.Entry;
    /// <summary>e_flags; for RISC-V cast to <see cref="ElfRiscVFlags"/>.</summary>
    public uint Flags => Header.Flags;

    /// <summary>The program header table in file order; every non-PT_NULL entry's file range is valid.</summary>
    public IReadOnlyList<ElfProgramHeader> ProgramHeaders { get; }

    /// <summary>The PT_LOAD entries in file order.</summary>
    public IEnumerable<ElfProgramHeader> LoadSegments => ProgramHeaders.Where(p => p.Type == ElfSegmentType.Load);

    /// <summary>The path requested by the first PT_INTERP segment, or null for static executables.</summary>
    public string? Interpreter { get; }

    /// <summary>
    /// Where the program header table sits in memory (AT_PHDR, before any load bias): PT_PHDR's
    /// address if present, else computed from the PT_LOAD that maps e_phoff; null when not mapped.
    /// </summary>
    public ulong? ProgramHeaderVirtualAddress { get; }

    /// <summary>All section headers, index 0 included. Empty when the file has no section header table.</summary>
    public IReadOnlyList<ElfSection> Sections => _sections.Value;

    /// <summary>Entries of .symtab (the first SHT_SYMTAB section); empty when stripped.</summary>
    public IReadOnlyList<ElfSymbol> Symbols => _symbols.Value;

    /// <summary>Entries of .dynsym (the first SHT_DYNSYM section); empty for static executables.</summary>
    public IReadOnlyList<ElfSymbol> DynamicSymbols => _dynamicSymbols.Value;

    /// <summary>
    /// Notes from all PT_NOTE segments, then from SHT_NOTE sections not already covered by a
    /// segment (the same note usually appears in both, and is reported once).
    /// </summary>
    public IReadOnlyList<ElfNote> Notes => _notes.Value;

    /// <summary>The first section with this exact name, or null.</summary>
    public ElfSection? FindSection(string name) => Sections.FirstOrDefault(s => s.Name == name);

    /// <summary>
    /// Looks a symbol up by name in .symtab, then .dynsym. When several share the name, a defined
    /// global or weak symbol wins over a defined local one, which wins over an undefined one;
    /// ties go to the earlier entry.
    /// </summary>
    public ElfSymbol? FindSymbol(string name) => _symbolsByName.Value.GetValueOrDefault(name);

    public bool TryFindSymbol(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ElfSymbol? symbol)
    {
        symbol = FindSymbol(name);
        return symbol is not null;
    }

    /// <summary>The notes in one segment (normally a PT_NOTE one).</summary>
    public IReadOnlyList<ElfNote> GetNotes(ElfProgramHeader segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var notes = new List<ElfNote>();
        ElfNoteReader.Read(segment.Data, segment.Offset, segment.Alignment,
            $"program header [{segment.Index}] ({ElfNames.Segment(segment.Type)})", notes);
        return notes;
    }

    /// <summary>The notes in one section (normally an SHT_NOTE one).</summary>
    public IReadOnlyList<ElfNote> GetNotes(ElfSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var notes = new List<ElfNote>();
        ElfNoteReader.Read(section.Data, section.Offset, section.Alignment, $"section [{section.Index}] {ElfNames.Quote(section.Name)}", notes);
        return notes;
    }

    private static string? ReadInterpreter(IReadOnlyList<ElfProgramHeader> programHeaders)
    {
        // Linux uses the first PT_INTERP and ignores any others.
        var interp = programHeaders.FirstOrDefault(p => p.Type == ElfSegmentType.Interp);
        if (interp is null)
        {
            return null;
        }

        var bytes = interp.Data.Span;
        if (bytes.IsEmpty || bytes[^1] != 0)
        {
            throw new ElfFormatException(
                $"ELF interpreter path (PT_INTERP, program header [{interp.Index}], {bytes.Length} bytes) is not NUL-terminated");
        }

        var path = System.Text.Encoding.UTF8.GetString(bytes[..bytes.IndexOf((byte)0)]);
        if (path.Length == 0)
        {
            throw new ElfFormatException($"ELF interpreter path (PT_INTERP, program header [{interp.Index}]) is empty");
        }

        return path;
    }

    private static ulong? FindProgramHeaderAddress(ElfHeader header, IReadOnlyList<ElfProgramHeader> programHeaders)
    {
        if (programHeaders.Count == 0)
        {
            return null;
        }

        var phdr = programHeaders.FirstOrDefault(p => p.Type == ElfSegmentType.Phdr);
        if (phdr is not null)
        {
            return phdr.VirtualAddress;
        }

        // Table and segment ranges were validated against the file size, so these sums cannot wrap.
        var start = header.ProgramHeaderOffset;
        var end = start + (ulong)header.ProgramHeaderEntrySize * header.ProgramHeaderCount;
        foreach (var load in programHeaders)
        {
            if (load.Type == ElfSegmentType.Load && start >= load.Offset && end <= load.Offset + load.FileSize)
            {
                return load.VirtualAddress + (start - load.Offset);
            }
        }

        return null;
    }

    private ElfSymbol[] ReadSymbolTable(ElfSectionType type)
    {
        var table = Sections.FirstOrDefault(s => s.Type == type);
        return table is null ? [] : ElfSymbolReader.Read(Sections, table, Is64Bit);
    }

    private Dictionary<string, ElfSymbol> IndexSymbols()
    {
        var byName = new Dictionary<string, ElfSymbol>(StringComparer.Ordinal);
        foreach (var symbol in Symbols.Concat(DynamicSymbols))
        {
            if (symbol.Name.Length == 0)
            {
                continue;
            }

            if (!byName.TryGetValue(symbol.Name, out var existing) || Rank(symbol) > Rank(existing))
            {
                byName[symbol.Name] = symbol;
            }
        }

        return byName;

        static int Rank(ElfSymbol s) =>
            (s.IsDefined ? 2 : 0) + (s.Binding is ElfSymbolBinding.Global or ElfSymbolBinding.Weak or ElfSymbolBinding.GnuUnique ? 1 : 0);
    }

    private ElfNote[] ReadAllNotes()
    {
        var notes = new List<ElfNote>();
        foreach (var segment in ProgramHeaders.Where(p => p.Type == ElfSegmentType.Note))
        {
            notes.AddRange(GetNotes(segment));
        }

        var seen = notes.Select(n => n.Offset).ToHashSet();
        foreach (var section in Sections.Where(s => s.Type == ElfSectionType.Note))
        {
            notes.AddRange(GetNotes(section).Where(n => seen.Add(n.Offset)));
        }

        return [.. notes];
    }
}
