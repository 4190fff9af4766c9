using Cross.Core.Ir;
using Cross.Frontends.RiscV.Decoding;

namespace Cross.Frontends.RiscV.Lowering;

// A extension: LR/SC through the reservation in guest state, AMOs as IR atomics.
public sealed partial class RiscVEmitter
{
    private static MemoryAccess Ordering(DecodedInstruction i) =>
        (i.Acquire ? MemoryAccess.Acquire : 0) | (i.Release ? MemoryAccess.Release : 0);

    private static MemoryAccess SizeOf(IrType width) => width == IrType.I32 ? MemoryAccess.Size4 : MemoryAccess.Size8;

    /// <summary>lr.w/lr.d: load (sign-extended) and reserve the address and the loaded value.</summary>
    internal void LoadReserved(IrType width, DecodedInstruction i)
    {
        var address = X(i.Rs1);
        var value = B.Load(IrType.I64, address, SizeOf(width) | MemoryAccess.Signed | MemoryAccess.Aligned | Ordering(i));
        B.SetReg(RiscVState.ReservationAddress, address);
        B.SetReg(RiscVState.ReservationValue, value);
        B.SetReg(RiscVState.ReservationValid, B.Const(IrType.I8, 1));
        SetX(i.Rd, value);
    }

    /// <summary>
    /// sc.w/sc.d: succeeds (rd = 0) iff the address is the reserved one and memory still holds the
    /// reserved value, swapped atomically. Without a matching reservation the compare-exchange
    /// writes back the expected value, which leaves memory unchanged. Always clears the reservation.
    /// </summary>
    internal void StoreConditional(IrType width, DecodedInstruction i)
    {
        var address = X(i.Rs1);
        var source = B.Truncate(width, X(i.Rs2));
        var valid = B.Cmp(Condition.Ne, B.GetReg(IrType.I8, RiscVState.ReservationValid), B.Const(IrType.I8, 0));
        var reserved = B.Select(valid, B.Cmp(Condition.Eq, B.GetReg(IrType.I64, RiscVState.ReservationAddress), address), B.False());
        var reservedValue = B.GetReg(IrType.I64, RiscVState.ReservationValue);
        var expected = B.Truncate(width, reservedValue);
        var desired = B.Select(reserved, source, expected);
        var old = B.AtomicCmpXchg(width, address, expected, desired, SizeOf(width) | Ordering(i));
        // Like QEMU: the store happens when the stored-width bits match, but success also needs the
        // sign-extended old value to equal the whole reserved value (an lr.d followed by sc.w).
        var matched = B.Cmp(Condition.Eq, B.SignExtend(IrType.I64, old), reservedValue);
        var success = B.Select(reserved, matched, B.False());
        ClearReservation();
        SetX(i.Rd, B.Select(success, B.Const64(0), B.Const64(1)));
    }

    internal void ClearReservation()
    {
        B.SetReg(RiscVState.ReservationValid, B.Const(IrType.I8, 0));
        B.SetReg(RiscVState.ReservationAddress, B.Const64(-1));
    }

    /// <summary>amo*.w/d: rd = the old value (sign-extended), memory = old op rs2.</summary>
    internal void Amo(AtomicOp op, IrType width, DecodedInstruction i)
    {
        var address = X(i.Rs1);
        var operand = B.Truncate(width, X(i.Rs2));
        var old = B.AtomicRmw(op, width, address, operand, SizeOf(width) | Ordering(i));
        SetX(i.Rd, B.SignExtend(IrType.I64, old));
    }
}
