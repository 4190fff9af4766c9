namespace Cross.Frontends.Arm64.Decoding;

/// <summary>
/// One 32-bit A64 instruction word with named accessors for the operand fields the encodings
/// share. Handlers read their own fields; these cover the common positions.
/// </summary>
public readonly record struct A64Instruction(uint Bits, A64Encoding Encoding)
{
    /// <summary>Bits [hi:lo] as an unsigned number.</summary>
    public uint Field(int hi, int lo) => (Bits >> lo) & (uint)((1UL << (hi - lo + 1)) - 1);

    /// <summary>Bits [hi:lo] sign-extended from bit hi.</summary>
    public long SignedField(int hi, int lo)
    {
        var width = hi - lo + 1;
        return (long)((ulong)Field(hi, lo) << (64 - width)) >> (64 - width);
    }

    public bool Bit(int index) => ((Bits >> index) & 1) != 0;

    public int Rd => (int)(Bits & 31);
    public int Rt => (int)(Bits & 31);
    public int Rn => (int)((Bits >> 5) & 31);
    public int Rm => (int)((Bits >> 16) & 31);
    public int Ra => (int)((Bits >> 10) & 31);
    public int Rt2 => (int)((Bits >> 10) & 31);
    public int Rs => (int)((Bits >> 16) & 31);

    /// <summary>sf: true for the 64-bit form.</summary>
    public bool Is64 => Bit(31);

    public override string ToString() => $"{Encoding?.Mnemonic ?? "undecoded"} 0x{Bits:x8}";
}
