namespace Cross.Core.FloatingPoint;

// Minimum / maximum flavours. All of them order -0 below +0 except the x86 ones, which follow MINSS/MAXSS exactly.
public static partial class SoftFloat
{
    /// <summary>
    /// IEEE 754-2019 minimumNumber as RISC-V FMIN: one NaN gives the other operand; two NaNs give the default NaN
    /// under <see cref="NanPolicy.Canonical"/> / <see cref="NanPolicy.DefaultNan"/> and the propagated (quieted)
    /// operand NaN under <see cref="NanPolicy.Propagate"/> / <see cref="NanPolicy.X86"/>; any signalling NaN raises
    /// Invalid.
    /// </summary>
    public static uint F32MinNumber(uint a, uint b, in FpEnv env, ref FpExceptions flags)
        => (uint)MinMaxNumber<Binary32Format>(a, b, false, env, ref flags);

    /// <summary>IEEE 754-2019 maximumNumber as RISC-V FMAX.</summary>
    public static uint F32MaxNumber(uint a, uint b, in FpEnv env, ref FpExceptions flags)
        => (uint)MinMaxNumber<Binary32Format>(a, b, true, env, ref flags);

    /// <summary>ARM FMIN: any NaN operand gives a NaN per policy.</summary>
    public static uint F32Min(uint a, uint b, in FpEnv env, ref FpExceptions flags)
        => (uint)MinMax<Binary32Format>(a, b, false, env, ref flags);

    /// <summary>ARM FMAX: any NaN operand gives a NaN per policy.</summary>
    public static uint F32Max(uint a, uint b, in FpEnv env, ref FpExceptions flags)
        => (uint)MinMax<Binary32Format>(a, b, true, env, ref flags);

    /// <summary>ARM FMINNM (IEEE 754-2008 minNum): a single quiet NaN gives the other operand.</summary>
    public static uint F32MinNum(uint a, uint b, in FpEnv env, ref FpExceptions flags)
        => (uint)MinMaxNum<Binary32Format>(a, b, false, env, ref flags);

    /// <summary>ARM FMAXNM (IEEE 754-2008 maxNum): a single quiet NaN gives the other operand.</summary>
    public static uint F32MaxNum(uint a, uint b, in FpEnv env, ref FpExceptions flags)
        => (uint)MinMaxNum<Binary32Format>(a, b, true, env, ref flags);

    /// <summary>x86 MINSS: a &lt; b ? a : b (so a NaN or two zeros give b unchanged); any NaN raises Invalid.</summary>
    public static uint F32MinX86(uint a, uint b, in FpEnv env, ref FpExceptions flags)
        => (uint)MinMaxX86<Binary32Format>(a, b, false, env, ref flags);

    /// <summary>x86 MAXSS: a &gt; b ? a : b (so a NaN or two zeros give b unchanged); any NaN raises Invalid.</summary>
    public static uint F32MaxX86(uint a, uint b, in FpEnv env, ref FpExceptions flags)
        => (uint)MinMaxX86<Binary32Format>(a, b, true, env, ref flags);

    /// <summary>binary64 minimumNumber (RISC-V FMIN.D).</summary>
    public static ulong F64MinNumber(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        => MinMaxNumber<Binary64Format>(a, b, false, env, ref flags);

    /// <summary>binary64 maximumNumber (RISC-V FMAX.D).</summary>
    public static ulong F64MaxNumber(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        => MinMaxNumber<Binary64Format>(a, b, true, env, ref flags);

    /// <summary>binary64 ARM FMIN.</summary>
    public static ulong F64Min(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        => MinMax<Binary64Format>(a, b, false, env, ref flags);

    /// <summary>binary64 ARM FMAX.</summary>
    public static ulong F64Max(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        => MinMax<Binary64Format>(a, b, true, env, ref flags);

    /// <summary>binary64 ARM FMINNM.</summary>
    public static ulong F64MinNum(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        => MinMaxNum<Binary64Format>(a, b, false, env, ref flags);

    /// <summary>binary64 ARM FMAXNM.</summary>
    public static ulong F64MaxNum(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        => MinMaxNum<Binary64Format>(a, b, true, env, ref flags);

    /// <summary>x86 MINSD.</summary>
    public static ulong F64MinX86(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        => MinMaxX86<Binary64Format>(a, b, false, env, ref flags);

    /// <summary>x86 MAXSD.</summary>
    public static ulong F64MaxX86(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        => MinMaxX86<Binary64Format>(a, b, true, env, ref flags);

    /// <summary>Min or max of two non-NaN values with -0 &lt; +0.</summary>
    private static ulong OrderedMinMax<F>(ulong a, ulong b, bool max)
        where F : struct, IFloatFormat
        => (OrderKey<F>(a) < OrderKey<F>(b)) ^ max ? a : b;

    private static ulong MinMaxNumber<F>(ulong a, ulong b, bool max, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        a = FlushInput<F>(a, env, ref flags);
        b = FlushInput<F>(b, env, ref flags);
        bool nanA = IsNaN<F>(a);
        bool nanB = IsNaN<F>(b);
        if (nanA || nanB)
        {
            if (nanA && nanB)
            {
                return PropagateNaN<F>(a, b, env, ref flags);
            }

            if (IsSignalingNaN<F>(a) || IsSignalingNaN<F>(b))
            {
                flags |= FpExceptions.Invalid;
            }

            return nanA ? b : a;
        }

        return OrderedMinMax<F>(a, b, max);
    }

    private static ulong MinMax<F>(ulong a, ulong b, bool max, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        a = FlushInput<F>(a, env, ref flags);
        b = FlushInput<F>(b, env, ref flags);
        if (IsNaN<F>(a) || IsNaN<F>(b))
        {
            return PropagateNaN<F>(a, b, env, ref flags);
        }

        return OrderedMinMax<F>(a, b, max);
    }

    private static ulong MinMaxNum<F>(ulong a, ulong b, bool max, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        a = FlushInput<F>(a, env, ref flags);
        b = FlushInput<F>(b, env, ref flags);

        // ARM FPMinNum/FPMaxNum: a single quiet NaN is replaced by the infinity that loses the comparison, then
        // FPMin/FPMax runs (so a signalling NaN in the other operand still wins).
        ulong losingInfinity = max ? F.SignBit | F.Infinity : F.Infinity;
        bool quietA = IsQuietNaN<F>(a);
        bool quietB = IsQuietNaN<F>(b);
        if (quietA && !quietB)
        {
            a = losingInfinity;
        }
        else if (quietB && !quietA)
        {
            b = losingInfinity;
        }

        return MinMax<F>(a, b, max, env, ref flags);
    }

    private static ulong MinMaxX86<F>(ulong a, ulong b, bool max, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        a = FlushInput<F>(a, env, ref flags);
        b = FlushInput<F>(b, env, ref flags);
        if (IsNaN<F>(a) || IsNaN<F>(b))
        {
            flags |= FpExceptions.Invalid;
            return b;
        }

        return (max ? OrderedLess<F>(b, a) : OrderedLess<F>(a, b)) ? a : b;
    }
}
