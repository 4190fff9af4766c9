using Cross.Core.Ir;

namespace Cross.Core.Memory;

/// <summary>The new memory value of an atomic read-modify-write, for memories that emulate atomics.</summary>
public static class AtomicOps
{
    public static ulong Apply(AtomicOp op, int size, ulong old, ulong operand)
    {
        var type = IrTypeExtensions.IntegerOfSize(size);
        var mask = type.Mask();
        old &= mask;
        operand &= mask;
        var signedOld = IrEval.SignExtend(old, type);
        var signedOperand = IrEval.SignExtend(operand, type);
        return op switch
        {
            AtomicOp.Exchange => operand,
            AtomicOp.Add => (old + operand) & mask,
            AtomicOp.And => old & operand,
            AtomicOp.Or => old | operand,
            AtomicOp.Xor => old ^ operand,
            AtomicOp.MinS => signedOld <= signedOperand ? old : operand,
            AtomicOp.MaxS => signedOld >= signedOperand ? old : operand,
            AtomicOp.MinU => Math.Min(old, operand),
            AtomicOp.MaxU => Math.Max(old, operand),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }
}
