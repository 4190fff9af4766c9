namespace Cross.Core.FloatingPoint;

// Fused multiply-add.
//
// NaN handling of a*b + c by policy:
//  * Canonical (RISC-V): any NaN operand gives the canonical NaN; Invalid for a signalling NaN and for inf*0 even
//    when c is a quiet NaN.
//  * Propagate (ARM FPMulAdd with FPCR.DN=0): operand priority is ARM's (addend c, then a, then b); signalling NaNs
//    first. inf*0 with a quiet NaN addend gives the default NaN and raises Invalid.
//  * DefaultNan (ARM FPCR.DN=1): default NaN; Invalid as for Propagate.
//  * X86 (VFMADD*): first NaN in the order a, b, c, quieted; Invalid only for a signalling NaN (inf*0 + qNaN does
//    not raise Invalid). For the 132/213/231 forms pass the factors in the order the instruction multiplies them
//    (the measured hardware priority is first factor, second factor, addend).
public static partial class SoftFloat
{
    /// <summary>binary32 fused a * b + c with a single rounding.</summary>
    public static uint F32MulAdd(uint a, uint b, uint c, in FpEnv env, ref FpExceptions flags)
        => env.Rounding == RoundingMode.NearestEven && TryMulAdd32(a, b, c, ref flags, out uint r)
            ? r
            : (uint)MulAdd<Binary32Format>(a, b, c, env, ref flags);

    /// <summary>binary64 fused a * b + c with a single rounding.</summary>
    public static ulong F64MulAdd(ulong a, ulong b, ulong c, in FpEnv env, ref FpExceptions flags)
        => env.Rounding == RoundingMode.NearestEven && TryMulAdd64(a, b, c, ref flags, out ulong r)
            ? r
            : MulAdd<Binary64Format>(a, b, c, env, ref flags);

    private static ulong MulAdd<F>(ulong a, ulong b, ulong c, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        a = FlushInput<F>(a, env, ref flags);
        b = FlushInput<F>(b, env, ref flags);
        c = FlushInput<F>(c, env, ref flags);
        bool infTimesZero = (IsInf<F>(a) && IsZero<F>(b)) || (IsZero<F>(a) && IsInf<F>(b));
        if (IsNaN<F>(a) || IsNaN<F>(b) || IsNaN<F>(c))
        {
            if (infTimesZero && env.Nan != NanPolicy.X86 && IsQuietNaN<F>(c))
            {
                // Here c is the only NaN. RISC-V and ARM raise Invalid for inf*0 even with a quiet NaN addend and
                // return the canonical/default NaN (ARM returns the default NaN even with FPCR.DN=0).
                flags |= FpExceptions.Invalid;
                return F.DefaultNaN;
            }

            return env.Nan == NanPolicy.Propagate
                ? PropagateNaN<F>(c, a, b, env, ref flags)
                : PropagateNaN<F>(a, b, c, env, ref flags);
        }

        if (infTimesZero)
        {
            return InvalidNaN<F>(env, ref flags);
        }

        bool signP = SignOf<F>(a) != SignOf<F>(b);
        bool signC = SignOf<F>(c);
        if (IsInf<F>(a) || IsInf<F>(b))
        {
            return IsInf<F>(c) && signC != signP ? InvalidNaN<F>(env, ref flags) : (signP ? F.SignBit : 0UL) | F.Infinity;
        }

        if (IsInf<F>(c))
        {
            return c;
        }

        if (IsZero<F>(a) || IsZero<F>(b))
        {
            if (IsZero<F>(c))
            {
                return signP == signC ? c : ExactZeroSum<F>(env.Rounding);
            }

            return c;
        }

        ulong sigA = Unpack<F>(a, out int expA);
        ulong sigB = Unpack<F>(b, out int expB);
        if (IsZero<F>(c))
        {
            return MulFinite<F>(signP, sigA, expA, sigB, expB, env, ref flags);
        }

        ulong sigC = Unpack<F>(c, out int expC);

        // Exact product in [2^124, 2^126), normalised to have its top bit at 125: value = p * 2^(expP - 125).
        UInt128 p = (UInt128)sigA * sigB;
        int expP = expA + expB + 1;
        if ((p >> 125) == UInt128.Zero)
        {
            p <<= 1;
            expP--;
        }

        // Addend with its top bit at 125: value = q * 2^(expC - 125).
        UInt128 q = (UInt128)sigC << 63;
        bool signR = signP;
        bool signQ = signC;
        int expR = expP;
        int expQ = expC;
        if (expR < expQ || (expR == expQ && p < q))
        {
            (p, q) = (q, p);
            (expR, expQ) = (expQ, expR);
            (signR, signQ) = (signQ, signR);
        }

        q = ShiftRightJam(q, expR - expQ);
        UInt128 sum;
        if (signR == signQ)
        {
            sum = p + q;
        }
        else
        {
            sum = p - q;
            if (sum == UInt128.Zero)
            {
                return ExactZeroSum<F>(env.Rounding);
            }
        }

        return RoundPack128<F>(signR, expR, sum, env, ref flags);
    }
}
