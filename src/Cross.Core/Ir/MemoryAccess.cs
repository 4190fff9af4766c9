namespace Cross.Core.Ir;

/// <summary>Packed memory-operation attributes carried in <see cref="Instruction.Aux"/>.</summary>
[Flags]
public enum MemoryAccess
{
    Size1 = 0,
    Size2 = 1,
    Size4 = 2,
    Size8 = 3,
    Size16 = 4,
    SizeMask = 7,
    /// <summary>Sign-extend a narrower load to the result type.</summary>
    Signed = 8,
    /// <summary>Fault unless naturally aligned (atomics, LR/SC).</summary>
    Aligned = 16,
    Acquire = 32,
    Release = 64,
}

public static class MemoryAccessExtensions
{
    public static int SizeInBytes(this MemoryAccess access) => 1 << (int)(access & MemoryAccess.SizeMask);

    public static MemoryAccess ForSize(int bytes) => bytes switch
    {
        1 => MemoryAccess.Size1,
        2 => MemoryAccess.Size2,
        4 => MemoryAccess.Size4,
        8 => MemoryAccess.Size8,
        16 => MemoryAccess.Size16,
        _ => throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "no memory access of that size"),
    };
}
