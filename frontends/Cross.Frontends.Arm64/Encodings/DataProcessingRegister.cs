using Cross.Frontends.Arm64.Decoding;
using static Cross.Frontends.Arm64.Encodings.Define;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>
/// Data processing with registers: logical and add/sub (shifted and extended register),
/// add/sub with carry, conditional compare and select, 1-, 2- and 3-source operations, CRC32.
/// </summary>
public static class DataProcessingRegister
{
    public static IReadOnlyList<A64Encoding> Encodings { get; } =
    [
        // sf opc[30:29] 01010 shift[23:22] N Rm imm6 Rn Rd
        Row("logical (shifted register)", 0x0A000000, 0x1F000000, (e, i) => e.LogicalShiftedRegister(i), ValidShiftAmount),
        // sf op S 01011 shift[23:22] 0 Rm imm6 Rn Rd
        Row("add/sub (shifted register)", 0x0B000000, 0x1F200000, (e, i) => e.AddSubShiftedRegister(i), ValidArithmeticShift),
        // sf op S 01011 opt[23:22] 1 Rm option imm3 Rn Rd
        Row("add/sub (extended register)", 0x0B200000, 0x1F200000, (e, i) => e.AddSubExtendedRegister(i), ValidExtend),
        // sf op S 11010000 Rm 000000 Rn Rd
        Row("adc/sbc", 0x1A000000, 0x1FE0FC00, (e, i) => e.AddSubWithCarry(i)),
        // sf op 1 11010010 Rm|imm5 cond [11]=0 register / 1 immediate, o2 [10]=0, Rn, o3 [4]=0, nzcv
        Row("ccmp/ccmn (register)", 0x3A400000, 0x3FE00C10, (e, i) => e.ConditionalCompare(i, immediate: false)),
        Row("ccmp/ccmn (immediate)", 0x3A400800, 0x3FE00C10, (e, i) => e.ConditionalCompare(i, immediate: true)),
        // sf op 0 11010100 Rm cond 0 o2 Rn Rd (op2<1> = 1 is unallocated)
        Row("csel/csinc/csinv/csneg", 0x1A800000, 0x3FE00800, (e, i) => e.ConditionalSelect(i)),
        // sf 1 0 11010110 00000 opcode Rn Rd
        Row("data processing (1 source)", 0x5AC00000, 0x7FFF0000, (e, i) => e.DataProcessingOneSource(i), ValidOneSource),
        // sf 0 0 11010110 Rm opcode Rn Rd: divides and variable shifts.
        Row("data processing (2 source)", 0x1AC00000, 0x7FE00000, (e, i) => e.DataProcessingTwoSource(i), ValidTwoSource),
        // sf 0 0 11010110 Rm 010 C sz Rn Rd: sz 3 (the X form) only with sf = 1, the others only with sf = 0.
        Row(A64Feature.Crc32, "crc32", 0x1AC04000, 0x7FE0E000, (e, i) => e.Crc32(i), ValidCrc32),
        // sf 00 11011 op31 Rm o0 Ra Rn Rd
        Row("data processing (3 source)", 0x1B000000, 0x7F000000, (e, i) => e.DataProcessingThreeSource(i), ValidThreeSource),
    ];

    private static bool Is64(uint bits) => (bits >> 31) != 0;

    /// <summary>32-bit forms cannot shift by 32 or more (imm6 bit 5 set).</summary>
    private static bool ValidShiftAmount(uint bits) => Is64(bits) || Field(bits, 15, 15) == 0;

    /// <summary>Add/sub has no ROR shift.</summary>
    private static bool ValidArithmeticShift(uint bits) => Field(bits, 23, 22) != 3 && ValidShiftAmount(bits);

    /// <summary>opt must be 0 and the left shift at most 4.</summary>
    private static bool ValidExtend(uint bits) => Field(bits, 23, 22) == 0 && Field(bits, 12, 10) <= 4;

    /// <summary>RBIT, REV16, REV32/REV, REV (64-bit only), CLZ, CLS.</summary>
    private static bool ValidOneSource(uint bits)
    {
        var opcode = Field(bits, 15, 10);
        return opcode <= 5 && (opcode != 3 || Is64(bits));
    }

    /// <summary>UDIV, SDIV, LSLV, LSRV, ASRV, RORV (CRC32 has a row of its own).</summary>
    private static bool ValidTwoSource(uint bits) => Field(bits, 15, 10) is 2 or 3 or 8 or 9 or 10 or 11;

    private static bool ValidCrc32(uint bits) => (Field(bits, 11, 10) == 3) == Is64(bits);

    private static bool ValidThreeSource(uint bits)
    {
        var op31 = Field(bits, 23, 21);
        var subtract = Field(bits, 15, 15) != 0;
        return op31 switch
        {
            0 => true,                                  // MADD/MSUB
            1 or 5 => Is64(bits),                       // SMADDL/SMSUBL, UMADDL/UMSUBL
            // SMULH/UMULH: Ra is should-be-one; other values are CONSTRAINED UNPREDICTABLE and,
            // as in QEMU and binutils, ignored.
            2 or 6 => Is64(bits) && !subtract,
            _ => false,
        };
    }
}
