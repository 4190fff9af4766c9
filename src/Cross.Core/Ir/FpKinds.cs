using Cross.Core.FloatingPoint;

namespace Cross.Core.Ir;

public enum FpCompare : byte
{
    Equal,              // quiet
    LessThan,           // signalling
    LessOrEqual,        // signalling
    LessThanQuiet,
    LessOrEqualQuiet,
    Unordered,          // quiet
    UnorderedSignaling,
}

public enum FpMinMaxKind : byte
{
    MinNumber, MaxNumber,   // IEEE 754-2019 minimumNumber/maximumNumber (RISC-V)
    Min, Max,               // NaN-propagating (ARM FMIN/FMAX)
    MinNum, MaxNum,         // IEEE 754-2008 minNum/maxNum (ARM FMINNM/FMAXNM)
    MinX86, MaxX86,         // SSE MINSS/MAXSS: second operand on NaN or equal
}

/// <summary>FToInt attributes in <see cref="Instruction.Imm"/>.</summary>
[Flags]
public enum FpToIntKind : long
{
    Unsigned = 0,
    Signed = 1,
    /// <summary>Overflow policy, shifted left by 4 (see <see cref="IntOverflow"/>).</summary>
    OverflowShift = 4,
}

/// <summary>Static floating-point environment of an FP operation, packed in <see cref="Instruction.Aux2"/>.</summary>
public readonly record struct FpMode(NanPolicy Nan, bool FlushToZero = false, bool DenormalsAreZero = false, bool TininessBeforeRounding = false)
{
    public int Pack() => (int)Nan | (FlushToZero ? 0x10 : 0) | (DenormalsAreZero ? 0x20 : 0) | (TininessBeforeRounding ? 0x40 : 0);

    public static FpMode Unpack(int packed) =>
        new((NanPolicy)(packed & 0xF), (packed & 0x10) != 0, (packed & 0x20) != 0, (packed & 0x40) != 0);

    public FpEnv ToEnv(RoundingMode rounding) => new(rounding, Nan, FlushToZero, DenormalsAreZero, TininessBeforeRounding);
}
