namespace Cross.Elf;

/// <summary>One program header (segment) of an ELF file.</summary>
public sealed class ElfProgramHeader
{
    public const int Elf32EntrySize = 32;
    public const int Elf64EntrySize = 56;

    /// <summary>Position in the program header table.</summary>
    public int Index { get; internal init; }
    public ElfSegmentType Type { get; internal init; }
    public ElfSegmentFlags Flags { get; internal init; }
    public ulong Offset { get; internal init; }
    public ulong VirtualAddress { get; internal init; }
    public ulong PhysicalAddress { get; internal init; }
    public ulong FileSize { get; internal init; }
    public ulong MemorySize { get; internal init; }
    public ulong Alignment { get; internal init; }

    /// <summary>
    /// The segment's <see cref="FileSize"/> bytes from the file (validated at parse time);
    /// empty for PT_NULL. Bytes between FileSize and MemorySize are zero-fill and not included.
    /// </summary>
    public ReadOnlyMemory<byte> Data { get; internal init; }

    public bool IsReadable => (Flags & ElfSegmentFlags.Read) != 0;
    public bool IsWritable => (Flags & ElfSegmentFlags.Write) != 0;
    public bool IsExecutable => (Flags & ElfSegmentFlags.Execute) != 0;

    public override string ToString() =>
        $"[{Index}] {Parsing.ElfNames.Segment(Type)} {FlagsText} offset 0x{Offset:x} vaddr 0x{VirtualAddress:x} filesz 0x{FileSize:x} memsz 0x{MemorySize:x} align 0x{Alignment:x}";

    private string FlagsText => $"{(IsReadable ? 'R' : '-')}{(IsWritable ? 'W' : '-')}{(IsExecutable ? 'X' : '-')}";
}
