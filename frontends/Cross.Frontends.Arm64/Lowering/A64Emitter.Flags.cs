using Cross.Core.Ir;

namespace Cross.Frontends.Arm64.Lowering;

// NZCV as four independent i1 values kept in their own state slots (see Arm64State): a flag
// nobody reads before it is overwritten costs nothing once the backends drop dead stores.
// A condition read in the same block as the CMP/SUBS or TST/ANDS that set the flags compares
// that instruction's operands directly (b.lt after cmp is one signed compare, not N != V
// rebuilt from the overflow formula); the flags are still written for later readers.
public sealed partial class A64Emitter
{
    /// <summary>
    /// What set NZCV last in this block, when it was a comparison a - b (SUBS, CMP) or a logical S
    /// form (then <see cref="Left"/> is the result); null after any other flag write.
    /// </summary>
    /// <remarks>
    /// After CCMP, <see cref="Guard"/> is its condition: the comparison set the flags when the
    /// guard holds, the immediate <see cref="Otherwise"/> (NZCV in bits 3..0) when it does not.
    /// </remarks>
    private readonly record struct FlagSource(Value Left, Value Right, bool Logical)
    {
        public Value? Guard { get; init; }
        public uint Otherwise { get; init; }
    }

    private FlagSource? _flagSource;

    public Value FlagN() => B.Truncate(IrType.I1, B.GetReg(IrType.I64, Arm64State.N));
    public Value FlagZ() => B.Truncate(IrType.I1, B.GetReg(IrType.I64, Arm64State.Z));
    public Value FlagC() => B.Truncate(IrType.I1, B.GetReg(IrType.I64, Arm64State.C));
    public Value FlagV() => B.Truncate(IrType.I1, B.GetReg(IrType.I64, Arm64State.V));

    /// <summary>Sets NZCV from four i1 values.</summary>
    public void SetFlags(Value n, Value z, Value c, Value v)
    {
        _flagSource = null;
        B.SetReg(Arm64State.N, B.ZeroExtend(IrType.I64, n));
        B.SetReg(Arm64State.Z, B.ZeroExtend(IrType.I64, z));
        B.SetReg(Arm64State.C, B.ZeroExtend(IrType.I64, c));
        B.SetReg(Arm64State.V, B.ZeroExtend(IrType.I64, v));
    }

    /// <summary>Sets NZCV from a 4-bit immediate nzcv (CCMP's fallback, MSR NZCV).</summary>
    public void SetFlags(uint nzcv) =>
        SetFlags(B.Const(IrType.I1, (nzcv >> 3) & 1), B.Const(IrType.I1, (nzcv >> 2) & 1),
                 B.Const(IrType.I1, (nzcv >> 1) & 1), B.Const(IrType.I1, nzcv & 1));

    /// <summary>N and Z from a result, C and V cleared (the logical S forms).</summary>
    public void SetLogicalFlags(Value result)
    {
        var zero = B.Const(B.TypeOf(result), 0);
        SetFlags(B.Cmp(Condition.LtS, result, zero), B.Cmp(Condition.Eq, result, zero), B.False(), B.False());
        _flagSource = new FlagSource(result, zero, Logical: true);
    }

    /// <summary>
    /// a + b + carryIn with NZCV set as AddWithCarry in the Arm ARM (subtraction passes ~b and carry 1).
    /// Returns the sum at the operand width.
    /// </summary>
    public Value AddWithFlags(Value a, Value b, Value carryIn, bool setFlags)
    {
        var sum = B.AddWithCarry(a, b, carryIn);
        if (setFlags)
        {
            var zero = B.Const(B.TypeOf(sum), 0);
            SetFlags(B.Cmp(Condition.LtS, sum, zero), B.Cmp(Condition.Eq, sum, zero),
                     B.CarryOut(a, b, carryIn), B.OverflowOut(a, b, carryIn));
        }
        return sum;
    }

    /// <summary>
    /// a - b (a + ~b + 1) with NZCV set as SUBS sets them when <paramref name="setFlags"/>;
    /// <paramref name="notB"/> is ~b, passed so constant operands stay constants.
    /// </summary>
    public Value SubtractWithFlags(Value a, Value b, Value notB, bool setFlags)
    {
        if (!setFlags) return B.AddWithCarry(a, notB, B.True());
        var difference = B.Sub(a, b);
        var (n, z, c, v) = SubtractionFlags(a, b, difference);
        SetFlags(n, z, c, v);
        _flagSource = new FlagSource(a, b, Logical: false);
        return difference;
    }

    /// <summary>
    /// NZCV of <paramref name="difference"/> = a - b, each from one comparison: C is "no borrow"
    /// (a >= b unsigned), V is set when a and b differ in sign and the difference's sign is not a's.
    /// </summary>
    internal (Value N, Value Z, Value C, Value V) SubtractionFlags(Value a, Value b, Value difference)
    {
        var zero = B.Const(B.TypeOf(a), 0);
        var overflow = B.And(B.Xor(a, b), B.Xor(a, difference));
        return (B.Cmp(Condition.LtS, difference, zero), B.Cmp(Condition.Eq, a, b),
                B.Cmp(Condition.GeU, a, b), B.Cmp(Condition.LtS, overflow, zero));
    }

    /// <summary>The A64 condition code <paramref name="cond"/> (EQ, NE, CS… AL, NV) as an i1.</summary>
    public Value ConditionHolds(uint cond)
    {
        if (_flagSource is { } source && FromSource(source, cond) is { } direct) return direct;
        Value result = (cond >> 1) switch
        {
            0 => FlagZ(),                                                   // EQ
            1 => FlagC(),                                                   // CS
            2 => FlagN(),                                                   // MI
            3 => FlagV(),                                                   // VS
            4 => B.And(FlagC(), B.Not(FlagZ())),                            // HI
            5 => B.Cmp(Condition.Eq, FlagN(), FlagV()),                     // GE
            6 => B.And(B.Cmp(Condition.Eq, FlagN(), FlagV()), B.Not(FlagZ())), // GT
            _ => B.True(),                                                  // AL (and NV)
        };
        // The odd conditions negate the even ones, except 1111 (NV) which is also "always".
        return (cond & 1) != 0 && cond != 15 ? B.Not(result) : result;
    }

    /// <summary>Whether condition <paramref name="cond"/> holds for the constant flags <paramref name="nzcv"/> (N in bit 3).</summary>
    internal static bool Holds(uint nzcv, uint cond)
    {
        bool n = (nzcv & 8) != 0, z = (nzcv & 4) != 0, c = (nzcv & 2) != 0, v = (nzcv & 1) != 0;
        var result = (cond >> 1) switch
        {
            0 => z,
            1 => c,
            2 => n,
            3 => v,
            4 => c && !z,
            5 => n == v,
            6 => n == v && !z,
            _ => true,
        };
        return (cond & 1) != 0 && cond != 15 ? !result : result;
    }

    /// <summary>
    /// The condition computed from the operands of the comparison or logical result that set the
    /// flags; null for MI, PL, VS and VC after a comparison (read from the flags instead).
    /// </summary>
    private Value? FromSource(FlagSource source, uint cond)
    {
        if (cond >= 14) return B.True();
        if (source.Guard is { } guard)
        {
            if (FromSource(source with { Guard = null }, cond) is not { } compared) return null;
            return B.Select(guard, compared, B.Const(IrType.I1, Holds(source.Otherwise, cond) ? 1UL : 0));
        }
        var negate = (cond & 1) != 0;
        Value Compare(Condition holds, Condition otherwise) =>
            B.Cmp(negate ? otherwise : holds, source.Left, source.Right);
        if (source.Logical)
        {
            // C and V are 0: CS and HI never hold, VS never; GE is N == 0 and GT is N == 0 and Z == 0.
            return (cond >> 1) switch
            {
                0 => Compare(Condition.Eq, Condition.Ne),
                1 or 3 or 4 => negate ? B.True() : B.False(),
                2 => Compare(Condition.LtS, Condition.GeS),
                5 => Compare(Condition.GeS, Condition.LtS),
                _ => Compare(Condition.GtS, Condition.LeS),
            };
        }
        return (cond >> 1) switch
        {
            0 => Compare(Condition.Eq, Condition.Ne),
            1 => Compare(Condition.GeU, Condition.LtU),    // CS: no borrow
            4 => Compare(Condition.GtU, Condition.LeU),    // HI
            5 => Compare(Condition.GeS, Condition.LtS),    // GE: N == V
            6 => Compare(Condition.GtS, Condition.LeS),    // GT
            _ => null,                                     // MI/PL read N of the difference, VS/VC the overflow
        };
    }
}
