using System.Buffers.Binary;
using System.Text;

namespace Cross.Elf.Tests.Support;

/// <summary>
/// Builds small, well-formed little-endian ELF32/ELF64 images, so the parser's ELF32 paths and
/// edge cases are covered without a cross compiler. Section 0 (null) and .shstrtab (last) are
/// added automatically.
/// </summary>
public sealed class ElfImageBuilder(ElfClass elfClass)
{
    private readonly List<SectionSpec> _sections = [];
    private readonly List<SegmentSpec> _segments = [];

    public bool Is64 => elfClass == ElfClass.Elf64;
    public ElfType Type { get; set; } = ElfType.Executable;
    public ElfMachine Machine { get; set; } = ElfMachine.RiscV;
    public ElfOsAbi OsAbi { get; set; } = ElfOsAbi.SystemV;
    public byte AbiVersion { get; set; }
    public ulong Entry { get; set; } = 0x10078;
    public uint Flags { get; set; }
    /// <summary>When false, e_shoff/e_shnum/e_shstrndx are 0 and no section header table is written.</summary>
    public bool WriteSectionHeaders { get; set; } = true;

    public ElfImageBuilder AddSection(SectionSpec section)
    {
        _sections.Add(section);
        return this;
    }

    public ElfImageBuilder AddSegment(SegmentSpec segment)
    {
        _segments.Add(segment);
        return this;
    }

    /// <summary>Adds .symtab+.strtab (or .dynsym+.dynstr); entry 0 (null) is prepended.</summary>
    public ElfImageBuilder AddSymbolTable(IReadOnlyList<SymbolSpec> symbols, bool dynamic = false)
    {
        var tableName = dynamic ? ".dynsym" : ".symtab";
        var stringsName = dynamic ? ".dynstr" : ".strtab";
        var strings = new StringTableBuilder();
        var entrySize = ElfLayout.SymbolSize(Is64);
        var data = new byte[(symbols.Count + 1) * entrySize];
        for (var i = 0; i < symbols.Count; i++)
        {
            var s = symbols[i];
            var e = data.AsSpan((i + 1) * entrySize, entrySize);
            var nameOffset = strings.Add(s.Name);
            var info = (byte)(((int)s.Binding << 4) | ((int)s.Type & 0xf));
            var other = (byte)s.Visibility;

            // Resolved now: sections added so far keep their indices (0 is null, user sections follow).
            var shndx = s.Section is null ? s.SectionIndex : (ushort)(_sections.FindIndex(x => x.Name == s.Section) + 1);
            BinaryPrimitives.WriteUInt32LittleEndian(e, nameOffset);
            if (Is64)
            {
                e[4] = info;
                e[5] = other;
                BinaryPrimitives.WriteUInt16LittleEndian(e[6..], shndx);
                BinaryPrimitives.WriteUInt64LittleEndian(e[8..], s.Value);
                BinaryPrimitives.WriteUInt64LittleEndian(e[16..], s.Size);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(e[4..], (uint)s.Value);
                BinaryPrimitives.WriteUInt32LittleEndian(e[8..], (uint)s.Size);
                e[12] = info;
                e[13] = other;
                BinaryPrimitives.WriteUInt16LittleEndian(e[14..], shndx);
            }
        }

        var firstGlobal = 1 + symbols.TakeWhile(s => s.Binding == ElfSymbolBinding.Local).Count();
        AddSection(new SectionSpec(tableName, dynamic ? ElfSectionType.DynSym : ElfSectionType.SymTab, data,
            Flags: dynamic ? ElfSectionFlags.Alloc : ElfSectionFlags.None, Alignment: 8, EntrySize: (ulong)entrySize,
            Link: stringsName, Info: (uint)firstGlobal));
        AddSection(new SectionSpec(stringsName, ElfSectionType.StrTab, strings.ToArray()));
        return this;
    }

    public ElfImage Build()
    {
        var headerSize = ElfLayout.HeaderSize(Is64);
        var phEntry = ElfLayout.ProgramHeaderSize(Is64);
        var shEntry = ElfLayout.SectionHeaderSize(Is64);

        var names = new StringTableBuilder();
        var all = new List<SectionSpec> { new("", ElfSectionType.Null, []) };
        all.AddRange(_sections);
        var nameOffsets = all.Select(s => names.Add(s.Name)).ToList();
        nameOffsets.Add(names.Add(".shstrtab"));
        all.Add(new SectionSpec(".shstrtab", ElfSectionType.StrTab, names.ToArray()));

        // Layout: header, program headers, segment blobs, section data, section header table.
        var position = headerSize + phEntry * _segments.Count;
        var blobOffsets = new int[_segments.Count];
        for (var i = 0; i < _segments.Count; i++)
        {
            if (_segments[i].Source == SegmentSource.Data)
            {
                position = Align(position, 8);
                blobOffsets[i] = position;
                position += _segments[i].Data?.Length ?? 0;
            }
        }

        var sectionOffsets = new int[all.Count];
        for (var i = 1; i < all.Count; i++)
        {
            position = Align(position, (int)Math.Max(1, all[i].Alignment));
            sectionOffsets[i] = position;
            if (all[i].Type != ElfSectionType.NoBits)
            {
                position += all[i].Data.Length;
            }
        }

        var sectionHeaderOffset = WriteSectionHeaders ? Align(position, 8) : 0;
        var length = WriteSectionHeaders ? sectionHeaderOffset + shEntry * all.Count : position;
        var bytes = new byte[length];
        var span = bytes.AsSpan();

        WriteHeader(span, sectionHeaderOffset, all.Count);

        for (var i = 0; i < _segments.Count; i++)
        {
            var s = _segments[i];
            var (offset, size) = s.Source switch
            {
                SegmentSource.Data => (blobOffsets[i], s.Data?.Length ?? 0),
                SegmentSource.Section => (sectionOffsets[all.FindIndex(x => x.Name == s.Section)], all.First(x => x.Name == s.Section).Data.Length),
                SegmentSource.ProgramHeaders => (headerSize, phEntry * _segments.Count),
                _ => (0, length),
            };
            s.Data?.CopyTo(span[blobOffsets[i]..]);
            WriteProgramHeader(span.Slice(headerSize + i * phEntry, phEntry), s, (ulong)offset, (ulong)size);
        }

        for (var i = 1; i < all.Count; i++)
        {
            if (all[i].Type != ElfSectionType.NoBits)
            {
                all[i].Data.CopyTo(span[sectionOffsets[i]..]);
            }
        }

        if (WriteSectionHeaders)
        {
            for (var i = 0; i < all.Count; i++)
            {
                var s = all[i];
                var link = s.Link is null ? 0u : (uint)all.FindIndex(x => x.Name == s.Link);

                // NOBITS sections take their size from Data's length but occupy no file bytes.
                WriteSectionHeader(span.Slice(sectionHeaderOffset + i * shEntry, shEntry), s, nameOffsets[i],
                    i == 0 ? 0UL : (ulong)sectionOffsets[i], (ulong)s.Data.Length, link);
            }
        }

        return new ElfImage
        {
            Bytes = bytes,
            Is64 = Is64,
            ProgramHeaderOffset = _segments.Count == 0 ? 0 : headerSize,
            ProgramHeaderCount = _segments.Count,
            SectionHeaderOffset = sectionHeaderOffset,
            SectionCount = WriteSectionHeaders ? all.Count : 0,
            SectionIndices = all.Select((s, i) => (s.Name, i)).Skip(1).ToDictionary(x => x.Name, x => x.i),
            SectionOffsets = all.Select((s, i) => (s.Name, sectionOffsets[i])).Skip(1).ToDictionary(x => x.Name, x => x.Item2),
        };
    }

    private void WriteHeader(Span<byte> span, int sectionHeaderOffset, int sectionCount)
    {
        span[0] = 0x7f;
        span[1] = (byte)'E';
        span[2] = (byte)'L';
        span[3] = (byte)'F';
        span[4] = (byte)elfClass;
        span[5] = (byte)ElfDataEncoding.LittleEndian;
        span[6] = 1;
        span[7] = (byte)OsAbi;
        span[8] = AbiVersion;
        BinaryPrimitives.WriteUInt16LittleEndian(span[ElfLayout.EType..], (ushort)Type);
        BinaryPrimitives.WriteUInt16LittleEndian(span[ElfLayout.EMachine..], (ushort)Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(span[ElfLayout.EVersion..], 1);
        WriteWord(span[ElfLayout.EEntry..], Entry);
        WriteWord(span[ElfLayout.EPhOff(Is64)..], _segments.Count == 0 ? 0UL : (ulong)ElfLayout.HeaderSize(Is64));
        WriteWord(span[ElfLayout.EShOff(Is64)..], (ulong)sectionHeaderOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(span[ElfLayout.EFlags(Is64)..], Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(span[ElfLayout.EEhSize(Is64)..], (ushort)ElfLayout.HeaderSize(Is64));
        BinaryPrimitives.WriteUInt16LittleEndian(span[ElfLayout.EPhEntSize(Is64)..], (ushort)ElfLayout.ProgramHeaderSize(Is64));
        BinaryPrimitives.WriteUInt16LittleEndian(span[ElfLayout.EPhNum(Is64)..], (ushort)_segments.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(span[ElfLayout.EShEntSize(Is64)..], (ushort)ElfLayout.SectionHeaderSize(Is64));
        BinaryPrimitives.WriteUInt16LittleEndian(span[ElfLayout.EShNum(Is64)..], (ushort)(WriteSectionHeaders ? sectionCount : 0));
        BinaryPrimitives.WriteUInt16LittleEndian(span[ElfLayout.EShStrNdx(Is64)..], (ushort)(WriteSectionHeaders ? sectionCount - 1 : 0));
    }

    private void WriteProgramHeader(Span<byte> e, SegmentSpec s, ulong offset, ulong fileSize)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(e[ElfLayout.PType..], (uint)s.Type);
        BinaryPrimitives.WriteUInt32LittleEndian(e[ElfLayout.PFlags(Is64)..], (uint)s.Flags);
        WriteWord(e[ElfLayout.POffset(Is64)..], offset);
        WriteWord(e[ElfLayout.PVAddr(Is64)..], s.VirtualAddress);
        WriteWord(e[(ElfLayout.PVAddr(Is64) + (Is64 ? 8 : 4))..], s.PhysicalAddress ?? s.VirtualAddress);
        WriteWord(e[ElfLayout.PFileSz(Is64)..], fileSize);
        WriteWord(e[ElfLayout.PMemSz(Is64)..], fileSize + s.ExtraMemory);
        WriteWord(e[ElfLayout.PAlign(Is64)..], s.Alignment);
    }

    private void WriteSectionHeader(Span<byte> e, SectionSpec s, uint nameOffset, ulong offset, ulong size, uint link)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(e[ElfLayout.ShName..], nameOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(e[ElfLayout.ShType..], (uint)s.Type);
        WriteWord(e[8..], (ulong)s.Flags);
        WriteWord(e[(Is64 ? 16 : 12)..], s.Address);
        WriteWord(e[ElfLayout.ShOffset(Is64)..], offset);
        WriteWord(e[ElfLayout.ShSize(Is64)..], size);
        BinaryPrimitives.WriteUInt32LittleEndian(e[ElfLayout.ShLink(Is64)..], link);
        BinaryPrimitives.WriteUInt32LittleEndian(e[ElfLayout.ShInfo(Is64)..], s.Info);
        WriteWord(e[ElfLayout.ShAddrAlign(Is64)..], s.Alignment);
        WriteWord(e[ElfLayout.ShEntSize(Is64)..], s.EntrySize);
    }

    private void WriteWord(Span<byte> span, ulong value)
    {
        if (Is64)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, checked((uint)value));
        }
    }

    private static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

    /// <summary>Accumulates NUL-terminated strings, reusing identical ones.</summary>
    private sealed class StringTableBuilder
    {
        private readonly List<byte> _bytes = [0];
        private readonly Dictionary<string, uint> _offsets = new() { [""] = 0 };

        public uint Add(string value)
        {
            if (!_offsets.TryGetValue(value, out var offset))
            {
                offset = (uint)_bytes.Count;
                _bytes.AddRange(Encoding.UTF8.GetBytes(value));
                _bytes.Add(0);
                _offsets[value] = offset;
            }

            return offset;
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
