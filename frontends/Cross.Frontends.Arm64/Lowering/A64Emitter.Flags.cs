using Cross.Core.Ir;

namespace Cross.Frontends.Arm64.Lowering;

// NZCV as four independent i1 values kept in their own state slots (see Arm64State): a flag
// nobody reads before it is overwritten costs nothing once the backends drop dead stores.
public sealed partial class A64Emitter
{
    public Value FlagN() => B.Truncate(IrType.I1, B.GetReg(IrType.I64, Arm64State.N));
    public Value FlagZ() => B.Truncate(IrType.I1, B.GetReg(IrType.I64, Arm64State.Z));
    public Value FlagC() => B.Truncate(IrType.I1, B.GetReg(IrType.I64, Arm64State.C));
    public Value FlagV() => B.Truncate(IrType.I1, B.GetReg(IrType.I64, Arm64State.V));

    /// <summary>Sets NZCV from four i1 values.</summary>
    public void SetFlags(Value n, Value z, Value c, Value v)
    {
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

    /// <summary>The A64 condition code <paramref name="cond"/> (EQ, NE, CS… AL, NV) as an i1.</summary>
    public Value ConditionHolds(uint cond)
    {
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
}
