namespace Cross.Elf;

/// <summary>p_flags permission bits. Other bits are preserved.</summary>
[Flags]
public enum ElfSegmentFlags : uint
{
    None = 0,
    Execute = 1,
    Write = 2,
    Read = 4,
}
