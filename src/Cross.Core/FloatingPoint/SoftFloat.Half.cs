namespace Cross.Core.FloatingPoint;

// Conversions between binary16 and the wider formats (ARM FCVT to and from H, x86 F16C). The
// environment applies to both sides: callers whose architecture flushes only the wider format
// (ARM FZ without FZ16) flush that input themselves and pass FlushToZero = false.
public static partial class SoftFloat
{
    /// <summary>binary16 to binary32 (exact for non-NaN values); a NaN keeps sign and payload (quieted) under Propagate and X86.</summary>
    public static uint F16ToF32(ushort a, in FpEnv env, ref FpExceptions flags)
        => (uint)ConvertFloat<Binary16Format, Binary32Format>(a, env, ref flags);

    /// <summary>binary16 to binary64 (exact for non-NaN values).</summary>
    public static ulong F16ToF64(ushort a, in FpEnv env, ref FpExceptions flags)
        => ConvertFloat<Binary16Format, Binary64Format>(a, env, ref flags);

    /// <summary>binary32 to binary16 with rounding; a NaN keeps its sign and the top payload bits (quieted) under Propagate and X86.</summary>
    public static ushort F32ToF16(uint a, in FpEnv env, ref FpExceptions flags)
        => (ushort)ConvertFloat<Binary32Format, Binary16Format>(a, env, ref flags);

    /// <summary>binary64 to binary16 with rounding.</summary>
    public static ushort F64ToF16(ulong a, in FpEnv env, ref FpExceptions flags)
        => (ushort)ConvertFloat<Binary64Format, Binary16Format>(a, env, ref flags);
}

// ARM's alternative half precision (FPCR.AHP = 1): conversions to it turn a NaN into a zero and
// an infinity or overflow into the largest magnitude, each raising Invalid (and not Overflow or
// Inexact); conversions from it are exact.
public static partial class SoftFloat
{
    /// <summary>Alternative half to binary32 (always exact).</summary>
    public static uint AltF16ToF32(ushort a, in FpEnv env, ref FpExceptions flags)
        => (uint)ConvertFloat<AlternativeHalfFormat, Binary32Format>(a, env, ref flags);

    /// <summary>Alternative half to binary64 (always exact).</summary>
    public static ulong AltF16ToF64(ushort a, in FpEnv env, ref FpExceptions flags)
        => ConvertFloat<AlternativeHalfFormat, Binary64Format>(a, env, ref flags);

    /// <summary>binary32 to alternative half.</summary>
    public static ushort F32ToAltF16(uint a, in FpEnv env, ref FpExceptions flags)
        => ToAlternativeHalf<Binary32Format>(a, env, ref flags);

    /// <summary>binary64 to alternative half.</summary>
    public static ushort F64ToAltF16(ulong a, in FpEnv env, ref FpExceptions flags)
        => ToAlternativeHalf<Binary64Format>(a, env, ref flags);

    private static ushort ToAlternativeHalf<TFrom>(ulong a, in FpEnv env, ref FpExceptions flags)
        where TFrom : struct, IFloatFormat
    {
        a = FlushInput<TFrom>(a, env, ref flags);
        ulong sign = SignOf<TFrom>(a) ? AlternativeHalfFormat.SignBit : 0UL;
        if (IsNaN<TFrom>(a))
        {
            flags |= FpExceptions.Invalid;
            return (ushort)sign;
        }

        if (IsInf<TFrom>(a))
        {
            flags |= FpExceptions.Invalid;
            return (ushort)(sign | AlternativeHalfFormat.MaxFinite);
        }

        FpExceptions raised = FpExceptions.None;
        ulong result = ConvertFloat<TFrom, AlternativeHalfFormat>(a, env, ref raised);
        if ((raised & FpExceptions.Overflow) != 0)
        {
            flags |= FpExceptions.Invalid;
            return (ushort)(sign | AlternativeHalfFormat.MaxFinite);
        }

        flags |= raised;
        return (ushort)result;
    }
}
