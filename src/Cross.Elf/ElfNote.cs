namespace Cross.Elf;

/// <summary>One note from a PT_NOTE segment or an SHT_NOTE section.</summary>
public sealed class ElfNote
{
    /// <summary>Owner name without its NUL terminator, e.g. "GNU".</summary>
    public string Name { get; internal init; } = "";
    /// <summary>Note type; its meaning depends on <see cref="Name"/> (see <see cref="ElfNoteTypes"/>).</summary>
    public uint Type { get; internal init; }
    public ReadOnlyMemory<byte> Descriptor { get; internal init; }
    /// <summary>File offset of the note header; identifies a note seen through both a segment and a section.</summary>
    public ulong Offset { get; internal init; }

    public override string ToString() => $"{Name} type {Type} ({Descriptor.Length} bytes) at 0x{Offset:x}";
}
