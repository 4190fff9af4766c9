using System.Numerics;
using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>
/// A slow, independent reference model built on <see cref="BigInteger"/>: exact values are computed with unbounded
/// precision and rounded once. Handles finite operands (including zeros) only; NaN and infinity inputs are covered by
/// the hardware oracle and the hand-written tests. Used for roundTiesToAway, tininess-before-rounding and
/// flush-to-zero, which the x86 host cannot model.
/// </summary>
public static class ExactReference
{
    /// <summary>
    /// Rounds (-1)^sign * (magnitude + epsilon) * 2^exponent to the format, where epsilon is in (0, 1) if
    /// <paramref name="sticky"/> is set and 0 otherwise. magnitude must be positive.
    /// </summary>
    public static (ulong Bits, FpExceptions Flags) Round(TestFormat f, bool sign, BigInteger magnitude, int exponent, bool sticky, FpEnv env)
    {
        if (magnitude.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(magnitude));
        }

        ulong signBit = sign ? f.SignBit : 0;
        int msb = exponent + (int)magnitude.GetBitLength() - 1;

        // Rounded with an unbounded exponent range.
        (BigInteger unbounded, bool inexactUnbounded) = RoundAt(magnitude, exponent, sticky, msb - f.FracBits, sign, env.Rounding);
        int roundedMsb = unbounded.GetBitLength() > f.Precision ? msb + 1 : msb;
        bool tiny = env.TininessBeforeRounding ? msb < f.EMin : roundedMsb < f.EMin;

        if (roundedMsb > f.EMax)
        {
            bool toInfinity = env.Rounding switch
            {
                RoundingMode.TowardZero => false,
                RoundingMode.Down => sign,
                RoundingMode.Up => !sign,
                _ => true,
            };
            return (signBit | (toInfinity ? f.Infinity : f.MaxFinite), FpExceptions.Overflow | FpExceptions.Inexact);
        }

        if (tiny && env.FlushToZero)
        {
            return (signBit, FpExceptions.Underflow);
        }

        if (msb >= f.EMin)
        {
            BigInteger n = unbounded;
            if (roundedMsb != msb)
            {
                n >>= 1;
            }

            ulong bits = signBit | ((ulong)(roundedMsb + f.Bias) << f.FracBits) | ((ulong)n & f.FracMask);
            return (bits, inexactUnbounded ? FpExceptions.Inexact : FpExceptions.None);
        }

        // Subnormal range: quantum 2^(emin - fracBits). A result of 2^fracBits is the smallest normal.
        (BigInteger sub, bool inexact) = RoundAt(magnitude, exponent, sticky, f.EMin - f.FracBits, sign, env.Rounding);
        FpExceptions flags = FpExceptions.None;
        if (inexact)
        {
            flags = tiny ? FpExceptions.Inexact | FpExceptions.Underflow : FpExceptions.Inexact;
        }

        return (signBit | (ulong)sub, flags);
    }

    /// <summary>Rounds (magnitude + sticky epsilon) * 2^exponent to an integer multiple of 2^quantum.</summary>
    public static (BigInteger Value, bool Inexact) RoundAt(BigInteger magnitude, int exponent, bool sticky, int quantum, bool sign, RoundingMode mode)
    {
        BigInteger n;
        int cmpHalf;
        bool nonZero;
        if (exponent >= quantum)
        {
            if (sticky && exponent >= quantum - 2)
            {
                throw new InvalidOperationException("sticky bit too close to the rounding position");
            }

            n = magnitude << (exponent - quantum);
            nonZero = false;
            cmpHalf = -1;
        }
        else
        {
            int shift = quantum - exponent;
            n = magnitude >> shift;
            BigInteger rem = magnitude - (n << shift);
            BigInteger half = BigInteger.One << (shift - 1);
            if (sticky && shift < 3)
            {
                throw new InvalidOperationException("sticky bit too close to the rounding position");
            }

            nonZero = !rem.IsZero || sticky;
            cmpHalf = rem.CompareTo(half);
            if (cmpHalf == 0 && sticky)
            {
                cmpHalf = 1;
            }
        }

        bool increment = mode switch
        {
            RoundingMode.NearestEven => cmpHalf > 0 || (cmpHalf == 0 && !n.IsEven),
            RoundingMode.NearestMaxMagnitude => cmpHalf >= 0,
            RoundingMode.TowardZero => false,
            RoundingMode.Down => sign && nonZero,
            RoundingMode.Up => !sign && nonZero,
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
        return (increment ? n + 1 : n, nonZero);
    }

    /// <summary>Input flushing as specified by the environment.</summary>
    public static ulong Flush(TestFormat f, ulong x, FpEnv env, ref FpExceptions flags)
    {
        if ((env.FlushToZero || env.DenormalsAreZero) && f.IsSubnormal(x))
        {
            if (!env.DenormalsAreZero)
            {
                flags |= FpExceptions.InputDenormal;
            }

            return x & f.SignBit;
        }

        return x;
    }

    private static ulong ExactZero(TestFormat f, FpEnv env) => env.Rounding == RoundingMode.Down ? f.SignBit : 0;

    private static BigInteger Signed(TestFormat f, ulong x, out int exponent)
    {
        (bool sign, BigInteger mag, int exp) = f.Decompose(x);
        exponent = exp;
        return sign ? -mag : mag;
    }

    private static (ulong, FpExceptions) RoundSigned(TestFormat f, BigInteger value, int exponent, FpEnv env, FpExceptions flags)
    {
        (ulong bits, FpExceptions more) = Round(f, value.Sign < 0, BigInteger.Abs(value), exponent, false, env);
        return (bits, flags | more);
    }

    public static (ulong Bits, FpExceptions Flags) Add(TestFormat f, ulong a, ulong b, FpEnv env)
    {
        FpExceptions flags = FpExceptions.None;
        a = Flush(f, a, env, ref flags);
        b = Flush(f, b, env, ref flags);
        if (f.IsZero(a) && f.IsZero(b))
        {
            return (f.Sign(a) == f.Sign(b) ? a : ExactZero(f, env), flags);
        }

        BigInteger va = Signed(f, a, out int ea);
        BigInteger vb = Signed(f, b, out int eb);
        int e = Math.Min(ea, eb);
        BigInteger sum = (va << (ea - e)) + (vb << (eb - e));
        if (sum.IsZero)
        {
            return (ExactZero(f, env), flags);
        }

        return RoundSigned(f, sum, e, env, flags);
    }

    public static (ulong Bits, FpExceptions Flags) Mul(TestFormat f, ulong a, ulong b, FpEnv env)
    {
        FpExceptions flags = FpExceptions.None;
        a = Flush(f, a, env, ref flags);
        b = Flush(f, b, env, ref flags);
        bool sign = f.Sign(a) != f.Sign(b);
        if (f.IsZero(a) || f.IsZero(b))
        {
            return (sign ? f.SignBit : 0, flags);
        }

        (_, BigInteger ma, int ea) = f.Decompose(a);
        (_, BigInteger mb, int eb) = f.Decompose(b);
        (ulong bits, FpExceptions more) = Round(f, sign, ma * mb, ea + eb, false, env);
        return (bits, flags | more);
    }

    public static (ulong Bits, FpExceptions Flags) Div(TestFormat f, ulong a, ulong b, FpEnv env)
    {
        FpExceptions flags = FpExceptions.None;
        a = Flush(f, a, env, ref flags);
        b = Flush(f, b, env, ref flags);
        bool sign = f.Sign(a) != f.Sign(b);
        if (f.IsZero(b))
        {
            return f.IsZero(a)
                ? (f.DefaultNaN, flags | FpExceptions.Invalid)
                : ((sign ? f.SignBit : 0) | f.Infinity, flags | FpExceptions.DivideByZero);
        }

        if (f.IsZero(a))
        {
            return (sign ? f.SignBit : 0, flags);
        }

        (_, BigInteger ma, int ea) = f.Decompose(a);
        (_, BigInteger mb, int eb) = f.Decompose(b);
        int k = (2 * f.Precision) + 8 + (int)mb.GetBitLength();
        BigInteger q = BigInteger.DivRem(ma << k, mb, out BigInteger r);
        (ulong bits, FpExceptions more) = Round(f, sign, q, ea - eb - k, !r.IsZero, env);
        return (bits, flags | more);
    }

    public static (ulong Bits, FpExceptions Flags) Sqrt(TestFormat f, ulong a, FpEnv env)
    {
        FpExceptions flags = FpExceptions.None;
        a = Flush(f, a, env, ref flags);
        if (f.IsZero(a))
        {
            return (a, flags);
        }

        if (f.Sign(a))
        {
            return (f.DefaultNaN, flags | FpExceptions.Invalid);
        }

        (_, BigInteger m, int e) = f.Decompose(a);
        int k = (2 * f.Precision) + 8;
        if (((e - k) & 1) != 0)
        {
            k++;
        }

        BigInteger n = m << k;
        BigInteger root = ISqrt(n);
        (ulong bits, FpExceptions more) = Round(f, false, root, (e - k) / 2, root * root != n, env);
        return (bits, flags | more);
    }

    public static (ulong Bits, FpExceptions Flags) MulAdd(TestFormat f, ulong a, ulong b, ulong c, FpEnv env)
    {
        FpExceptions flags = FpExceptions.None;
        a = Flush(f, a, env, ref flags);
        b = Flush(f, b, env, ref flags);
        c = Flush(f, c, env, ref flags);
        bool signP = f.Sign(a) != f.Sign(b);
        if (f.IsZero(a) || f.IsZero(b))
        {
            if (f.IsZero(c))
            {
                return (signP == f.Sign(c) ? c : ExactZero(f, env), flags);
            }

            return (c, flags);
        }

        (_, BigInteger ma, int ea) = f.Decompose(a);
        (_, BigInteger mb, int eb) = f.Decompose(b);
        BigInteger p = ma * mb;
        if (signP)
        {
            p = -p;
        }

        int ep = ea + eb;
        BigInteger vc = Signed(f, c, out int ec);
        int e = Math.Min(ep, ec);
        BigInteger sum = (p << (ep - e)) + (vc << (ec - e));
        if (sum.IsZero)
        {
            return (ExactZero(f, env), flags);
        }

        return RoundSigned(f, sum, e, env, flags);
    }

    public static (ulong Bits, FpExceptions Flags) Convert(TestFormat from, TestFormat to, ulong a, FpEnv env)
    {
        FpExceptions flags = FpExceptions.None;
        a = Flush(from, a, env, ref flags);
        if (from.IsZero(a))
        {
            return (from.Sign(a) ? to.SignBit : 0, flags);
        }

        (bool sign, BigInteger m, int e) = from.Decompose(a);
        (ulong bits, FpExceptions more) = Round(to, sign, m, e, false, env);
        return (bits, flags | more);
    }

    public static (ulong Bits, FpExceptions Flags) FromInteger(TestFormat f, BigInteger value, FpEnv env)
    {
        if (value.IsZero)
        {
            return (0, FpExceptions.None);
        }

        return Round(f, value.Sign < 0, BigInteger.Abs(value), 0, false, env);
    }

    /// <summary>Rounds a finite value to an integer: (value, inexact).</summary>
    public static (BigInteger Value, bool Inexact) ToInteger(TestFormat f, ulong a, RoundingMode mode)
    {
        if (f.IsZero(a))
        {
            return (BigInteger.Zero, false);
        }

        (bool sign, BigInteger m, int e) = f.Decompose(a);
        (BigInteger n, bool inexact) = RoundAt(m, e, false, 0, sign, mode);
        return (sign ? -n : n, inexact);
    }

    public static BigInteger ISqrt(BigInteger n)
    {
        if (n.IsZero)
        {
            return n;
        }

        BigInteger x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            BigInteger y = (x + (n / x)) >> 1;
            if (y >= x)
            {
                return x;
            }

            x = y;
        }
    }
}
