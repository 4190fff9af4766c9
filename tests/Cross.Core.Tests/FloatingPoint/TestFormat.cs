using System.Numerics;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>Test-side description of a binary interchange format (independent of the library's internals).</summary>
public sealed class TestFormat
{
    public static readonly TestFormat F32 = new(23, 8, "f32");
    public static readonly TestFormat F64 = new(52, 11, "f64");

    private TestFormat(int fracBits, int expBits, string name)
    {
        FracBits = fracBits;
        ExpBits = expBits;
        Name = name;
    }

    public int FracBits { get; }

    public int ExpBits { get; }

    public string Name { get; }

    public int Precision => FracBits + 1;

    public int Bias => (1 << (ExpBits - 1)) - 1;

    public int MaxExp => (1 << ExpBits) - 1;

    /// <summary>Unbiased exponent of the smallest normal.</summary>
    public int EMin => 1 - Bias;

    /// <summary>Unbiased exponent of the largest finite value.</summary>
    public int EMax => Bias;

    public int TotalBits => 1 + ExpBits + FracBits;

    public ulong SignBit => 1UL << (TotalBits - 1);

    public ulong FracMask => (1UL << FracBits) - 1;

    public ulong ExpMask => (ulong)MaxExp << FracBits;

    public ulong QuietBit => 1UL << (FracBits - 1);

    public ulong Infinity => ExpMask;

    public ulong MaxFinite => ExpMask - 1;

    public ulong MinNormal => 1UL << FracBits;

    public ulong DefaultNaN => Infinity | QuietBit;

    public ulong X86DefaultNaN => SignBit | Infinity | QuietBit;

    public ulong AllBits => TotalBits == 64 ? ulong.MaxValue : (1UL << TotalBits) - 1;

    public string Hex(ulong x) => TotalBits == 64 ? x.ToString("X16") : x.ToString("X8");

    public ulong Make(bool sign, int biasedExp, ulong frac)
        => (sign ? SignBit : 0) | ((ulong)biasedExp << FracBits) | (frac & FracMask);

    public bool Sign(ulong x) => (x & SignBit) != 0;

    public int BiasedExp(ulong x) => (int)((x & ExpMask) >> FracBits);

    public ulong Frac(ulong x) => x & FracMask;

    public bool IsNaN(ulong x) => (x & ~SignBit) > Infinity;

    public bool IsSignalingNaN(ulong x) => IsNaN(x) && (x & QuietBit) == 0;

    public bool IsQuietNaN(ulong x) => IsNaN(x) && (x & QuietBit) != 0;

    public bool IsInf(ulong x) => (x & ~SignBit) == Infinity;

    public bool IsZero(ulong x) => (x & ~SignBit) == 0;

    public bool IsSubnormal(ulong x) => BiasedExp(x) == 0 && Frac(x) != 0;

    public bool IsFinite(ulong x) => BiasedExp(x) != MaxExp;

    /// <summary>Unbiased exponent of the most significant bit of a finite non-zero value.</summary>
    public int UnbiasedExp(ulong x)
    {
        int biased = BiasedExp(x);
        if (biased != 0)
        {
            return biased - Bias;
        }

        return (63 - BitOperations.LeadingZeroCount(Frac(x))) - FracBits + EMin;
    }

    /// <summary>
    /// The value (-1)^sign * 1.frac * 2^exp, made subnormal (truncated) below the normal range and clamped to the
    /// largest finite value above it.
    /// </summary>
    public ulong WithExp(bool sign, int exp, ulong frac)
    {
        int biased = exp + Bias;
        if (biased >= MaxExp)
        {
            return Make(sign, MaxExp - 1, frac);
        }

        if (biased >= 1)
        {
            return Make(sign, biased, frac);
        }

        int shift = 1 - biased;
        ulong m = shift >= 64 ? 0 : ((frac & FracMask) | MinNormal) >> shift;
        return Make(sign, 0, m == 0 ? 1 : m);
    }

    /// <summary>Exact value of a finite number as (sign, magnitude, exponent): |x| = magnitude * 2^exponent.</summary>
    public (bool Sign, BigInteger Magnitude, int Exponent) Decompose(ulong x)
    {
        int biased = BiasedExp(x);
        ulong frac = Frac(x);
        if (biased == 0)
        {
            return (Sign(x), frac, EMin - FracBits);
        }

        return (Sign(x), frac | MinNormal, biased - Bias - FracBits);
    }
}
