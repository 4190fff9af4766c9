namespace Cross.Core.Tests.FloatingPoint;

/// <summary>
/// Edge-heavy random operands: special values, subnormals, boundary values, operands whose sums cancel or land on
/// rounding midpoints, and operand pairs whose products / quotients land near the subnormal and overflow boundaries.
/// </summary>
public sealed class OperandGenerator
{
    private readonly Random _rng;
    private ulong? _pendingFirst;

    public OperandGenerator(TestFormat format, int seed)
    {
        Format = format;
        _rng = new Random(seed);
    }

    public TestFormat Format { get; }

    public Random Random => _rng;

    public int Next(int max) => _rng.Next(max);

    public int Next(int min, int maxExclusive) => _rng.Next(min, maxExclusive);

    public bool Coin() => _rng.Next(2) == 0;

    public ulong Bits64() => (ulong)_rng.NextInt64() ^ ((ulong)_rng.Next(2) << 63);

    /// <summary>A random fraction field with a random structure (dense, trailing zeros, near all-ones, sparse).</summary>
    public ulong Frac()
    {
        TestFormat f = Format;
        ulong r = Bits64() & f.FracMask;
        switch (_rng.Next(6))
        {
            case 0:
            case 1:
                return r;
            case 2:
                {
                    // few significant bits: products / sums become exact or exact ties
                    int keep = _rng.Next(f.FracBits + 1);
                    return r & ~((1UL << (f.FracBits - keep)) - 1) & f.FracMask;
                }

            case 3:
                return (f.FracMask - (ulong)_rng.Next(4)) & f.FracMask;
            case 4:
                return (ulong)_rng.Next(4);
            default:
                {
                    ulong m = 0;
                    int n = _rng.Next(1, 4);
                    for (int i = 0; i < n; i++)
                    {
                        m |= 1UL << _rng.Next(f.FracBits);
                    }

                    return m;
                }
        }
    }

    /// <summary>Special and boundary values.</summary>
    public ulong Special()
    {
        TestFormat f = Format;
        bool s = Coin();
        ulong sign = s ? f.SignBit : 0;
        return _rng.Next(14) switch
        {
            0 => sign,
            1 => sign | f.Infinity,
            2 => sign | f.Infinity | f.QuietBit | (Bits64() & (f.QuietBit - 1)),
            3 => sign | f.Infinity | Math.Max(1UL, Bits64() & (f.QuietBit - 1)),
            4 => sign | f.Infinity | f.QuietBit,
            5 => sign | 1UL,
            6 => sign | f.FracMask,
            7 => sign | f.MinNormal,
            8 => sign | f.MaxFinite,
            9 => sign | (f.MaxFinite - (ulong)_rng.Next(4)),
            10 => sign | (ulong)((long)f.MinNormal + _rng.Next(-3, 4)),
            11 => f.Make(s, f.Bias, (ulong)_rng.Next(4)),
            12 => f.Make(s, f.Bias - 1, f.FracMask - (ulong)_rng.Next(4)),
            _ => sign | (uint)_rng.Next(1, 16),
        };
    }

    /// <summary>A NaN (quiet or signalling, random sign and payload).</summary>
    public ulong NaN()
    {
        TestFormat f = Format;
        ulong sign = Coin() ? f.SignBit : 0;
        return Coin()
            ? sign | f.Infinity | f.QuietBit | (Bits64() & (f.QuietBit - 1))
            : sign | f.Infinity | Math.Max(1UL, Bits64() & (f.QuietBit - 1));
    }

    /// <summary>A finite non-zero value from the whole range, biased towards interesting regions.</summary>
    public ulong Finite()
    {
        TestFormat f = Format;
        bool s = Coin();
        return _rng.Next(8) switch
        {
            0 => f.Make(s, 0, Math.Max(1UL, Frac())),
            1 => f.Make(s, _rng.Next(1, f.MaxExp), Frac()),
            2 => f.Make(s, _rng.Next(1, 2 * f.FracBits + 4), Frac()),
            3 => f.Make(s, _rng.Next(f.MaxExp - f.FracBits - 4, f.MaxExp), Frac()),
            _ => f.WithExp(s, _rng.Next(-30, 31), Frac()),
        };
    }

    /// <summary>Any value: specials, finite values and uniformly random bit patterns.</summary>
    public ulong Any()
    {
        int k = _rng.Next(20);
        if (k < 3)
        {
            return Special();
        }

        if (k < 5)
        {
            return Bits64() & Format.AllBits;
        }

        return Finite();
    }

    /// <summary>A value with the given unbiased exponent (clamped / made subnormal as needed).</summary>
    public ulong AtExp(int exp, bool? sign = null) => Format.WithExp(sign ?? Coin(), exp, Frac());

    /// <summary>x moved by a few units in the last place (staying within its sign).</summary>
    public ulong Nudge(ulong x)
    {
        ulong mag = x & ~Format.SignBit;
        long delta = _rng.Next(-3, 4);
        long moved = (long)mag + delta;
        if (moved < 0 || (ulong)moved > Format.MaxFinite)
        {
            return x;
        }

        return (x & Format.SignBit) | (ulong)moved;
    }

    /// <summary>Exponent of a finite non-zero value, or a random exponent otherwise.</summary>
    public int ExpOf(ulong x)
        => Format.IsFinite(x) && !Format.IsZero(x) ? Format.UnbiasedExp(x) : _rng.Next(-20, 21);

    /// <summary>Second operand for addition / subtraction.</summary>
    public ulong AddPartner(ulong a)
    {
        TestFormat f = Format;
        int ea = ExpOf(a);
        switch (_rng.Next(10))
        {
            case 0:
            case 1:
            case 2:
                return Any();
            case 3:
            case 4:
                return AtExp(ea + _rng.Next(-3, 4));
            case 5:
                return Nudge(a ^ (Coin() ? f.SignBit : 0));
            case 6:
            case 7:
                // near the rounding position of a: sums land on or near rounding midpoints
                return AtExp(ea - f.FracBits + _rng.Next(-3, 2));
            case 8:
                return f.WithExp(Coin(), ea - f.FracBits - 1, 0);
            default:
                return AtExp(ea - _rng.Next(f.FracBits, 3 * f.FracBits));
        }
    }

    /// <summary>Second operand for multiplication.</summary>
    public ulong MulPartner(ulong a)
    {
        TestFormat f = Format;
        int ea = ExpOf(a);
        switch (_rng.Next(12))
        {
            case 0:
            case 1:
            case 2:
                return Any();
            case 10:
                // product within a few ulps of the smallest normal (tininess before / after rounding differ here)
                return Quotient(MinNormalValue(), HalfwayTo(f.EMin));
            case 11:
                // product within a few ulps of the largest finite value
                return Quotient(MaxFiniteValue(), HalfwayTo(f.EMax));
            case 3:
            case 4:
            case 5:
                // product near / below the subnormal boundary
                return AtExp(f.EMin - ea + _rng.Next(-f.FracBits - 3, 4));
            case 6:
            case 7:
                // product near the overflow boundary
                return AtExp(f.EMax - ea + _rng.Next(-2, 3));
            default:
                return AtExp(_rng.Next(-3, 4));
        }
    }

    /// <summary>Divisor.</summary>
    public ulong DivPartner(ulong a)
    {
        TestFormat f = Format;
        int ea = ExpOf(a);
        switch (_rng.Next(12))
        {
            case 0:
            case 1:
            case 2:
                return Any();
            case 10:
                return Quotient(HalfwayTo(f.EMin), 1 / MinNormalValue());
            case 11:
                return Quotient(HalfwayTo(f.EMax), 1 / MaxFiniteValue());
            case 3:
            case 4:
            case 5:
                return AtExp(ea - f.EMin - _rng.Next(-f.FracBits - 3, 4));
            case 6:
            case 7:
                return AtExp(ea - f.EMax - _rng.Next(-2, 3));
            default:
                return f.WithExp(Coin(), _rng.Next(-3, 4), Coin() ? 0 : (ulong)_rng.Next(8) << (f.FracBits - 3));
        }
    }

    /// <summary>Square root operand.</summary>
    public ulong SqrtOperand()
    {
        TestFormat f = Format;
        switch (_rng.Next(10))
        {
            case 0:
            case 1:
                return Any();
            case 2:
            case 3:
                {
                    // exact square of a value with at most half the precision, possibly nudged
                    int half = f.Precision / 2;
                    ulong m = ((ulong)_rng.NextInt64() & ((1UL << half) - 1)) | (1UL << (half - 1));
                    int e = _rng.Next(f.EMin - f.FracBits, f.EMax) / 2;
                    System.Numerics.BigInteger sq = (System.Numerics.BigInteger)m * m;
                    (ulong bits, _) = ExactReference.Round(f, false, sq, 2 * e, false, new Cross.Core.FloatingPoint.FpEnv(
                        Cross.Core.FloatingPoint.RoundingMode.NearestEven, Cross.Core.FloatingPoint.NanPolicy.X86));
                    return Coin() ? bits : Nudge(bits);
                }

            default:
                return Finite() & ~f.SignBit;
        }
    }

    /// <summary>Addend for a fused multiply-add of a and b.</summary>
    public ulong FmaAddend(ulong a, ulong b)
    {
        TestFormat f = Format;
        int ep = ExpOf(a) + ExpOf(b);
        switch (_rng.Next(10))
        {
            case 0:
            case 1:
                return Any();
            case 2:
            case 3:
            case 4:
                {
                    // c close to -(a*b): massive cancellation
                    ulong p = ApproxProduct(a, b);
                    return Nudge(p ^ f.SignBit);
                }

            case 5:
                return AtExp(ep + _rng.Next(-3, 4));
            case 6:
                // tiny addend: moves a product near the smallest normal across the boundary
                return (Coin() ? f.SignBit : 0) | (uint)_rng.Next(4);
            case 7:
            case 8:
                return AtExp(ep - f.FracBits + _rng.Next(-3, 2));
            default:
                return AtExp(ep - _rng.Next(f.FracBits, 3 * f.FracBits));
        }
    }

    /// <summary>The value as a double (exact for both formats).</summary>
    public double ToDouble(ulong x)
        => Format.TotalBits == 32 ? BitConverter.UInt32BitsToSingle((uint)x) : BitConverter.UInt64BitsToDouble(x);

    /// <summary>A double rounded (to nearest) into the format.</summary>
    public ulong FromDouble(double d)
        => Format.TotalBits == 32 ? BitConverter.SingleToUInt32Bits((float)d) : BitConverter.DoubleToUInt64Bits(d);

    /// <summary>
    /// A random significand scaled to about 2^(exp/2), for pairs whose product or quotient lands near 2^exp.
    /// The first operand of the pair (a) is chosen by the caller; a is replaced by this value via <see cref="Pair"/>.
    /// </summary>
    private double HalfwayTo(int exp)
    {
        _pendingFirst = AtExp((exp / 2) + _rng.Next(-8, 9));
        return ToDouble(_pendingFirst.Value);
    }

    /// <summary>
    /// Draws an operand pair: a = <see cref="Any"/> and b = partner(a); partner strategies that need a specific
    /// first operand replace a.
    /// </summary>
    public (ulong A, ulong B) Pair(Func<OperandGenerator, ulong, ulong> partner)
    {
        _pendingFirst = null;
        ulong a = Any();
        ulong b = partner(this, a);
        if (_pendingFirst is { } replaced)
        {
            a = replaced;
            _pendingFirst = null;
        }

        return (a, b);
    }

    private double MinNormalValue() => ToDouble(Format.MinNormal);

    private double MaxFiniteValue() => ToDouble(Format.MaxFinite);

    /// <summary>Within a few ulps of x / y (random sign), or any value if that is not a finite non-zero number.</summary>
    private ulong Quotient(double x, ulong y) => Quotient(x, ToDouble(y));

    private ulong Quotient(double x, double y)
    {
        double q = x / y;
        if (!double.IsFinite(q) || q == 0)
        {
            return Any();
        }

        ulong bits = FromDouble(Math.Abs(q));
        return Format.IsFinite(bits) && !Format.IsZero(bits) ? Nudge(bits) ^ (Coin() ? Format.SignBit : 0) : Any();
    }

    private ulong ApproxProduct(ulong a, ulong b)
    {
        if (Format.TotalBits == 32)
        {
            float p = BitConverter.UInt32BitsToSingle((uint)a) * BitConverter.UInt32BitsToSingle((uint)b);
            return BitConverter.SingleToUInt32Bits(p);
        }

        double d = BitConverter.UInt64BitsToDouble(a) * BitConverter.UInt64BitsToDouble(b);
        return BitConverter.DoubleToUInt64Bits(d);
    }

    /// <summary>A value near an integer (or a half-integer tie), near integer-type limits, or anything.</summary>
    public ulong IntegerishOperand()
    {
        TestFormat f = Format;
        bool s = Coin();
        switch (_rng.Next(10))
        {
            case 0:
                return Any();
            case 1:
            case 2:
                {
                    // small values: +-0.x, +-1.x, ties such as 0.5, 1.5, 2.5
                    int e = _rng.Next(-3, 4);
                    ulong frac = (ulong)_rng.Next(8) << (f.FracBits - 3);
                    return Coin() ? f.WithExp(s, e, frac) : Nudge(f.WithExp(s, e, frac));
                }

            case 3:
            case 4:
                {
                    // limits of the integer types: 2^31, 2^32, 2^63, 2^64 and neighbours
                    int[] limits = [31, 32, 63, 64];
                    int e = limits[_rng.Next(limits.Length)] + _rng.Next(-1, 1);
                    ulong frac = Coin() ? 0 : f.FracMask - (ulong)_rng.Next(3);
                    return Nudge(f.WithExp(s, e, frac));
                }

            case 5:
                {
                    // just below limits with fractional parts that round across the limit
                    int[] limits = [31, 32, 63, 64];
                    int e = limits[_rng.Next(limits.Length)] - 1;
                    return f.WithExp(s, e, f.FracMask);
                }

            default:
                return AtExp(_rng.Next(-2, Math.Min(66, f.FracBits + 3)));
        }
    }

    /// <summary>A binary64 value aimed at binary32 conversion edge cases (ties, subnormal and overflow boundaries).</summary>
    public ulong NarrowingOperand()
    {
        TestFormat f = Format; // binary64
        bool s = Coin();
        ulong frac = Frac();
        switch (_rng.Next(8))
        {
            case 0:
                return Any();
            case 1:
                // exactly a binary32 tie (or just around it) at the 24-bit rounding position
                frac = (frac & ~((1UL << 29) - 1)) | (1UL << 28);
                return Coin() ? f.WithExp(s, _rng.Next(-30, 31), frac) : Nudge(f.WithExp(s, _rng.Next(-30, 31), frac));
            case 2:
                return f.WithExp(s, _rng.Next(-150, -124), Coin() ? frac : (frac & ~((1UL << 29) - 1)) | (1UL << 28));
            case 3:
                return f.WithExp(s, _rng.Next(126, 130), Coin() ? frac : f.FracMask - (ulong)_rng.Next(1 << 30));
            case 4:
                return Nudge(f.WithExp(s, -127, f.FracMask - (ulong)_rng.Next(1 << 30)));
            default:
                return f.WithExp(s, _rng.Next(-160, 140), frac);
        }
    }

    /// <summary>
    /// A random integer bit pattern of the given width (sign-extended to 64 bits when signed), biased towards
    /// values that round to ties or just past them.
    /// </summary>
    public ulong Integer(int bits, bool signed, int precision)
    {
        int length = _rng.Next(1, bits + 1);
        ulong v = Bits64();
        v = length == 64 ? v | (1UL << 63) : (v & ((1UL << length) - 1)) | (1UL << (length - 1));
        if (length > precision + 1)
        {
            ulong low = (1UL << (length - precision - 1)) - 1; // bits below the tie position
            switch (_rng.Next(4))
            {
                case 0:
                    v &= ~low;
                    break;
                case 1:
                    v = (v & ~low) | 1;
                    break;
                case 2:
                    v |= low;
                    break;
                default:
                    break;
            }
        }

        if (_rng.Next(10) == 0)
        {
            v = (ulong)_rng.Next(17);
        }

        if (signed)
        {
            if (_rng.Next(20) == 0)
            {
                v = 1UL << (bits - 1);
            }

            if (Coin())
            {
                v = 0 - v;
            }

            v = bits == 32 ? (ulong)(long)(int)(uint)v : v;
        }
        else if (bits == 32)
        {
            v &= uint.MaxValue;
        }

        return v;
    }

    /// <summary>Operand pairs for comparisons and min / max: equal values, signed zeros, neighbours, NaNs.</summary>
    public (ulong A, ulong B) ComparePair()
    {
        TestFormat f = Format;
        ulong a = Any();
        ulong b = _rng.Next(8) switch
        {
            0 => a,
            1 => a ^ f.SignBit,
            2 => Nudge(a),
            3 => (Coin() ? f.SignBit : 0) | (Coin() ? 0 : (uint)_rng.Next(2)),
            4 => NaN(),
            _ => Any(),
        };
        if (_rng.Next(8) == 0)
        {
            a = (Coin() ? f.SignBit : 0) | (uint)_rng.Next(2);
        }

        return Coin() ? (a, b) : (b, a);
    }
}
