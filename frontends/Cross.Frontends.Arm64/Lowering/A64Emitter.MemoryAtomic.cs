using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

// Exclusives, load-acquire/store-release and the LSE atomics. All of them require natural
// alignment (a pair: the alignment of both registers together).
//
// The exclusive monitor lives in guest state (Arm64State.Exclusive*): a load-exclusive records the
// address and the value it read (zero-extended; a 64-bit pair keeps both halves); a
// store-exclusive to the same address compare-exchanges memory against that value. Another host
// thread's store in between makes the compare-exchange fail, so the pair is atomic across threads
// (a store of the same value in between goes unnoticed). Sizes that differ between the load and
// the store are CONSTRAINED UNPREDICTABLE; we do what qemu-aarch64 does: the exchange compares the
// store's width of the recorded value, and the status is success only when the whole recorded
// value equals what memory held.
public sealed partial class A64Emitter
{
    private static MemoryAccess Ordering(bool acquire, bool release) =>
        (acquire ? MemoryAccess.Acquire : 0) | (release ? MemoryAccess.Release : 0);

    /// <summary>LDXR/LDAXR (B/H/W/X) and LDXP/LDAXP (W/X): load and arm the monitor.</summary>
    internal void LoadExclusive(A64Instruction i, bool pair)
    {
        var elementBytes = 1 << (int)i.Field(31, 30);
        var totalBytes = pair ? 2 * elementBytes : elementBytes;
        var address = XOrSp(i.Rn);
        var access = AccessOf(totalBytes) | MemoryAccess.Aligned | Ordering(acquire: i.Bit(15), release: false);
        Value low, first;
        Value? high = null, second = null;
        if (totalBytes == 16)
        {
            var both = B.Load(IrType.I128, address, access);
            low = first = B.Truncate(IrType.I64, both);
            high = second = B.Truncate(IrType.I64, B.ShrU(both, B.Const(IrType.I128, 64)));
        }
        else
        {
            low = first = B.Load(IrType.I64, address, access);
            if (pair)
            {
                first = B.And(low, B.Const64(0xFFFF_FFFFUL));
                second = B.ShrU(low, B.Const64(32));
            }
        }

        B.SetReg(Arm64State.ExclusiveAddress, address);
        B.SetReg(Arm64State.ExclusiveValue, low);
        if (high is { } highValue) B.SetReg(Arm64State.ExclusiveValueHigh, highValue);
        B.SetReg(Arm64State.ExclusiveValid, B.Const(IrType.I8, 1));
        // Rt == Rt2 (CONSTRAINED UNPREDICTABLE) keeps the second value, as qemu-aarch64 does.
        SetX(i.Rt, first);
        if (second is { } secondValue) SetX(i.Rt2, secondValue);
    }

    /// <summary>
    /// STXR/STLXR (B/H/W/X) and STXP/STLXP (W/X): store if the monitor is armed for this address
    /// and memory still holds what the load-exclusive saw; Ws = 0 on success, 1 on
    /// failure. The monitor is cleared either way. Without an armed monitor the compare-exchange
    /// still runs but writes back what it found, so memory is unchanged (and alignment still faults).
    /// </summary>
    internal void StoreExclusive(A64Instruction i, bool pair)
    {
        var elementBytes = 1 << (int)i.Field(31, 30);
        var totalBytes = pair ? 2 * elementBytes : elementBytes;
        var address = XOrSp(i.Rn);
        var ordering = Ordering(acquire: false, release: i.Bit(15));
        var armed = B.And(
            B.Cmp(Condition.Ne, B.GetReg(IrType.I8, Arm64State.ExclusiveValid), B.Const(IrType.I8, 0)),
            B.Cmp(Condition.Eq, B.GetReg(IrType.I64, Arm64State.ExclusiveAddress), address));
        var seenLow = B.GetReg(IrType.I64, Arm64State.ExclusiveValue);

        Value success;
        if (totalBytes == 16)
        {
            var seenHigh = B.GetReg(IrType.I64, Arm64State.ExclusiveValueHigh);
            (_, _, success) = CompareExchange16(address, seenLow, seenHigh, X(i.Rt), X(i.Rt2), armed, ordering);
        }
        else
        {
            var source = pair
                ? B.Or(B.And(X(i.Rt), B.Const64(0xFFFF_FFFFUL)), B.Shl(X(i.Rt2), B.Const64(32)))
                : X(i.Rt);
            var type = IrTypeExtensions.IntegerOfSize(totalBytes);
            var expected = Narrow(seenLow, totalBytes);
            var desired = B.Select(armed, Narrow(source, totalBytes), expected);
            var old = B.AtomicCmpXchg(type, address, expected, desired, AccessOf(totalBytes) | MemoryAccess.Aligned | ordering);
            success = B.And(armed, B.Cmp(Condition.Eq, totalBytes == 8 ? old : B.ZeroExtend(IrType.I64, old), seenLow));
        }

        B.SetReg(Arm64State.ExclusiveValid, B.Const(IrType.I8, 0));
        SetX(i.Rs, B.Select(success, B.Const64(0), B.Const64(1)));
    }

    /// <summary>LDAR/LDLAR/LDAPR (B/H/W/X): an aligned load with acquire ordering.</summary>
    internal void LoadAcquire(A64Instruction i)
    {
        var bytes = 1 << (int)i.Field(31, 30);
        SetX(i.Rt, LoadInteger(1, bytes, XOrSp(i.Rn), MemoryAccess.Aligned | MemoryAccess.Acquire));
    }

    /// <summary>
    /// STLR/STLLR (B/H/W/X): an aligned store with release ordering. The full fence after it keeps a
    /// later LDAR from passing it (Arm's release/acquire is sequentially consistent, and a host
    /// release store alone may be reordered with a later load).
    /// </summary>
    internal void StoreRelease(A64Instruction i)
    {
        var bytes = 1 << (int)i.Field(31, 30);
        B.Store(XOrSp(i.Rn), Narrow(X(i.Rt), bytes), AccessOf(bytes) | MemoryAccess.Aligned | MemoryAccess.Release);
        B.Fence(FenceKind.Full);
    }

    /// <summary>CAS/CASA/CASL/CASAL (B/H/W/X): Rs receives the old value, which was replaced by Rt if it equalled Rs.</summary>
    internal void CompareAndSwap(A64Instruction i)
    {
        var bytes = 1 << (int)i.Field(31, 30);
        var type = IrTypeExtensions.IntegerOfSize(bytes);
        var access = AccessOf(bytes) | MemoryAccess.Aligned | Ordering(acquire: i.Bit(22), release: i.Bit(15));
        var old = B.AtomicCmpXchg(type, XOrSp(i.Rn), Narrow(X(i.Rs), bytes), Narrow(X(i.Rt), bytes), access);
        SetX(i.Rs, Widen(old));
    }

    /// <summary>
    /// CASP/CASPA/CASPL/CASPAL (W/X pairs): compares the pair Rs:Rs+1 with memory and stores
    /// Rt:Rt+1 if equal; Rs:Rs+1 receive the old pair (the first register at the lower address).
    /// </summary>
    internal void CompareAndSwapPair(A64Instruction i)
    {
        var is64 = i.Bit(30);
        var rs = i.Rs;
        var rt = i.Rt;
        var address = XOrSp(i.Rn);
        var ordering = Ordering(acquire: i.Bit(22), release: i.Bit(15));
        if (is64)
        {
            var (oldLow, oldHigh, _) = CompareExchange16(address, X(rs), X(rs + 1), X(rt), X(rt + 1), B.True(), ordering);
            SetX(rs, oldLow);
            SetX(rs + 1, oldHigh);
            return;
        }
        Value Join(int r) => B.Or(B.ZeroExtend(IrType.I64, W(r)), B.Shl(X(r + 1), B.Const64(32)));
        var old = B.AtomicCmpXchg(IrType.I64, address, Join(rs), Join(rt), MemoryAccess.Size8 | MemoryAccess.Aligned | ordering);
        SetX(rs, B.And(old, B.Const64(0xFFFF_FFFFUL)));
        SetX(rs + 1, B.ShrU(old, B.Const64(32)));
    }

    /// <summary>
    /// LDADD, LDCLR, LDEOR, LDSET, LDSMAX, LDSMIN, LDUMAX, LDUMIN (B/H/W/X, with A/L orderings):
    /// Rt receives the old value (zero-extended); ST&lt;op&gt; is the Rt = XZR form.
    /// </summary>
    internal void AtomicMemoryOperation(A64Instruction i)
    {
        var bytes = 1 << (int)i.Field(31, 30);
        var operand = Narrow(X(i.Rs), bytes);
        var opc = i.Field(14, 12);
        // LDCLR clears the bits set in Rs: an AND with the complement.
        if (opc == 1) operand = B.Not(operand);
        var op = opc switch
        {
            0 => AtomicOp.Add,
            1 => AtomicOp.And,
            2 => AtomicOp.Xor,
            3 => AtomicOp.Or,
            4 => AtomicOp.MaxS,
            5 => AtomicOp.MinS,
            6 => AtomicOp.MaxU,
            _ => AtomicOp.MinU,
        };
        AtomicReadModifyWrite(i, op, operand, bytes);
    }

    /// <summary>SWP/SWPA/SWPL/SWPAL (B/H/W/X): Rt receives the old value, memory the value of Rs.</summary>
    internal void Swap(A64Instruction i)
    {
        var bytes = 1 << (int)i.Field(31, 30);
        AtomicReadModifyWrite(i, AtomicOp.Exchange, Narrow(X(i.Rs), bytes), bytes);
    }

    private void AtomicReadModifyWrite(A64Instruction i, AtomicOp op, Value operand, int bytes)
    {
        var access = AccessOf(bytes) | MemoryAccess.Aligned | Ordering(acquire: i.Bit(23), release: i.Bit(22));
        var old = B.AtomicRmw(op, IrTypeExtensions.IntegerOfSize(bytes), XOrSp(i.Rn), operand, access);
        SetX(i.Rt, Widen(old));
    }

    /// <summary>
    /// A 16-byte compare-exchange (when <paramref name="enabled"/>) built from the IR's 8-byte
    /// ones, which is what the backends offer: swap the low half, then the high half, and put the
    /// low half back if the high half did not match. Each half is atomic; the pair is not a single
    /// atomic access, so another thread can observe the low half swapped alone for a moment.
    /// A 16-byte aligned load first makes a misaligned pair fault before anything is written.
    /// Returns the old halves and whether the swap happened.
    /// </summary>
    private (Value OldLow, Value OldHigh, Value Swapped) CompareExchange16(
        Value address, Value expectedLow, Value expectedHigh, Value desiredLow, Value desiredHigh, Value enabled, MemoryAccess ordering)
    {
        B.Load(IrType.I128, address, MemoryAccess.Size16 | MemoryAccess.Aligned);
        var access = MemoryAccess.Size8 | ordering;
        var highAddress = B.Add(address, B.Const64(8));

        var oldLow = B.AtomicCmpXchg(IrType.I64, address, expectedLow, B.Select(enabled, desiredLow, expectedLow), access);
        var lowMatched = B.And(enabled, B.Cmp(Condition.Eq, oldLow, expectedLow));
        var oldHigh = B.AtomicCmpXchg(IrType.I64, highAddress, expectedHigh, B.Select(lowMatched, desiredHigh, expectedHigh), access);
        var swapped = B.And(lowMatched, B.Cmp(Condition.Eq, oldHigh, expectedHigh));

        // Undo the low half when only it was swapped; otherwise a compare-exchange that changes nothing.
        var undo = B.And(lowMatched, B.Not(swapped));
        B.AtomicCmpXchg(IrType.I64, address, B.Select(undo, desiredLow, oldLow), B.Select(undo, expectedLow, oldLow), access);
        return (oldLow, oldHigh, swapped);
    }
}
