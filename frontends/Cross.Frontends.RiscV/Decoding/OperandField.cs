namespace Cross.Frontends.RiscV.Decoding;

/// <summary>What a run of instruction bits means.</summary>
public enum OperandKind : byte
{
    Rd,
    Rs1,
    Rs2,
    Rs3,
    /// <summary>A compressed field that is both the destination and the first source (c.addi), or just the destination (c.li, c.mv, c.lwsp).</summary>
    RdRs1,
    RoundingMode,
    /// <summary>Part of the immediate (see <see cref="RiscVEncoding.Immediate"/> for how the parts combine).</summary>
    Immediate,
    /// <summary>Part of a shift amount (or Zbs bit index): 6 bits in RV64, 5 in the W forms.</summary>
    Shamt,
    Csr,
    Acquire,
    Release,
    /// <summary>fence fm/pred/succ bits [31:20].</summary>
    FenceOrdering,
}

public enum RegisterFile : byte
{
    None,
    Integer,
    Float,
}

/// <summary>
/// One contiguous run of free (non-opcode) bits of an encoding. A random-instruction generator
/// fills every field of <see cref="RiscVEncoding.Fields"/> with any value, then keeps the word if
/// <see cref="RiscVEncoding.Accepts"/> holds. Three-bit register fields (compressed formats) name
/// registers 8-15.
/// </summary>
public readonly record struct OperandField(OperandKind Kind, int Low, int Width, RegisterFile File = RegisterFile.None)
{
    public uint BitMask => (uint)(((1UL << Width) - 1) << Low);

    public bool IsRegister => File != RegisterFile.None;

    /// <summary>Register number of field value 0: 8 for the 3-bit compressed register fields.</summary>
    public int RegisterBase => IsRegister && Width == 3 ? 8 : 0;

    public uint Extract(uint bits) => (bits & BitMask) >> Low;

    public uint Insert(uint bits, uint value) => (bits & ~BitMask) | ((value << Low) & BitMask);

    public override string ToString() =>
        Width == 1 ? $"{Kind}[{Low}]" : $"{Kind}[{Low + Width - 1}:{Low}]";
}
