using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

/// <summary>How a load/store forms its address from the base register (Xn or SP).</summary>
public enum A64Addressing
{
    /// <summary>Base plus an offset; no writeback (unsigned scaled, unscaled, unprivileged, pair offset).</summary>
    UnsignedOffset,
    /// <summary>Base plus a signed unscaled 9-bit offset; no writeback.</summary>
    Unscaled,
    /// <summary>Access at the base, then the base += offset.</summary>
    PostIndex,
    /// <summary>The base += offset, then access at the new base.</summary>
    PreIndex,
    /// <summary>Base plus an extended and optionally scaled index register.</summary>
    RegisterOffset,
}

// Single-register and pair loads and stores, literal loads. Base register 31 is SP.
//
// A faulting access must leave the registers as they were, so every handler does all its memory
// accesses before it writes any register, and the base writeback comes last. That order is also
// qemu-aarch64's answer to the CONSTRAINED UNPREDICTABLE overlaps: a load whose Rt is the
// written-back base ends with the writeback value, an integer LDP with Rt == Rt2 keeps the first
// value (the second register is written first) but an FP/SIMD one keeps the second, and a
// store whose Rt is the written-back base stores the register's old value.
public sealed partial class A64Emitter
{
    /// <summary>The access flags of a plain <paramref name="bytes"/>-byte access.</summary>
    internal static MemoryAccess AccessOf(int bytes, bool signed = false) =>
        MemoryAccessExtensions.ForSize(bytes) | (signed ? MemoryAccess.Signed : 0);

    /// <summary>LDR/STR/LDRB/LDRSH/LDUR/LDTR… and the FP/SIMD B/H/S/D/Q forms, in every addressing mode.</summary>
    internal void LoadStoreSingle(A64Instruction i, A64Addressing mode)
    {
        var isVector = i.Bit(26);
        var opc = i.Field(23, 22);
        // FP/SIMD size 0 with opc 2/3 is the 16-byte Q register.
        var sizeLog2 = isVector && opc >= 2 ? 4 : (int)i.Field(31, 30);
        var bytes = 1 << sizeLog2;
        Value address;
        Value? writeback = null;
        switch (mode)
        {
            case A64Addressing.UnsignedOffset:
                address = OffsetFrom(XOrSp(i.Rn), (long)i.Field(21, 10) << sizeLog2);
                break;
            case A64Addressing.RegisterOffset:
                address = B.Add(XOrSp(i.Rn), ExtendedIndex(i.Rm, i.Field(15, 13), i.Bit(12) ? sizeLog2 : 0));
                break;
            default:
                (address, writeback) = Indexed(i.Rn, i.SignedField(20, 12), mode);
                break;
        }

        if (isVector)
        {
            var isLoad = (opc & 1) != 0;
            if (isLoad) SetVectorScalar(i.Rt, LoadVectorScalar(address, bytes));
            else B.Store(address, VectorScalar(i.Rt, bytes), AccessOf(bytes));
        }
        else if (opc == 0) B.Store(address, Narrow(X(i.Rt), bytes), AccessOf(bytes));
        else SetX(i.Rt, LoadInteger(opc, bytes, address));

        if (writeback is { } newBase) SetXOrSp(i.Rn, newBase);
    }

    /// <summary>LDR (literal): W, X, LDRSW, and the FP/SIMD S/D/Q forms, PC-relative.</summary>
    internal void LoadLiteral(A64Instruction i)
    {
        var address = B.Const64(Pc + (ulong)(i.SignedField(23, 5) << 2));
        var opc = i.Field(31, 30);
        if (i.Bit(26))
        {
            SetVectorScalar(i.Rt, LoadVectorScalar(address, 4 << (int)opc));
            return;
        }
        var value = opc switch
        {
            0 => LoadInteger(1, 4, address),
            1 => LoadInteger(1, 8, address),
            _ => LoadInteger(2, 4, address),
        };
        SetX(i.Rt, value);
    }

    /// <summary>LDP/STP/LDPSW/LDNP/STNP, integer and FP/SIMD (S/D/Q), with a scaled signed 7-bit offset.</summary>
    internal void LoadStorePair(A64Instruction i, A64Addressing mode)
    {
        var isVector = i.Bit(26);
        var opc = i.Field(31, 30);
        var isLoad = i.Bit(22);
        // Integer opc: 0 W, 1 LDPSW, 2 X. FP/SIMD opc: 0 S, 1 D, 2 Q.
        var bytes = isVector ? 4 << (int)opc : opc == 2 ? 8 : 4;
        var (address, writeback) = Indexed(i.Rn, i.SignedField(21, 15) * bytes, mode);
        var secondAddress = B.Add(address, B.Const64(bytes));

        if (isVector && isLoad)
        {
            var first = LoadVectorScalar(address, bytes);
            var second = LoadVectorScalar(secondAddress, bytes);
            SetVectorScalar(i.Rt, first);
            SetVectorScalar(i.Rt2, second);
        }
        else if (isVector)
        {
            var first = VectorScalar(i.Rt, bytes);
            var second = VectorScalar(i.Rt2, bytes);
            B.Store(address, first, AccessOf(bytes));
            B.Store(secondAddress, second, AccessOf(bytes));
        }
        else if (isLoad)
        {
            var extension = opc == 1 ? 2u : 1u;
            var first = LoadInteger(extension, bytes, address);
            var second = LoadInteger(extension, bytes, secondAddress);
            SetX(i.Rt2, second);
            SetX(i.Rt, first);
        }
        else
        {
            var first = Narrow(X(i.Rt), bytes);
            var second = Narrow(X(i.Rt2), bytes);
            B.Store(address, first, AccessOf(bytes));
            B.Store(secondAddress, second, AccessOf(bytes));
        }

        if (writeback is { } newBase) SetXOrSp(i.Rn, newBase);
    }

    /// <summary>The access address and, for the indexed modes, the new base of an immediate-offset form.</summary>
    private (Value Address, Value? Writeback) Indexed(int rn, long offset, A64Addressing mode)
    {
        var baseAddress = XOrSp(rn);
        var offsetAddress = OffsetFrom(baseAddress, offset);
        return mode switch
        {
            A64Addressing.PostIndex => (baseAddress, offsetAddress),
            A64Addressing.PreIndex => (offsetAddress, offsetAddress),
            _ => (offsetAddress, null),
        };
    }

    private Value OffsetFrom(Value baseAddress, long offset) => offset == 0 ? baseAddress : B.Add(baseAddress, B.Const64(offset));

    /// <summary>
    /// The register-offset index: Wm zero- or sign-extended (UXTW 010, SXTW 110) or Xm (LSL/UXTX
    /// 011, SXTX 111), shifted left by <paramref name="shift"/>. Register 31 is XZR here.
    /// </summary>
    private Value ExtendedIndex(int rm, uint option, int shift)
    {
        var index = option switch
        {
            2 => B.ZeroExtend(IrType.I64, W(rm)),
            6 => B.SignExtend(IrType.I64, W(rm)),
            _ => X(rm),
        };
        return shift == 0 ? index : B.Shl(index, B.Const64(shift));
    }

    /// <summary>
    /// An integer load as Xt receives it: opc 1 zero-extends, 2 sign-extends to 64 bits, 3
    /// sign-extends to 32 bits (and the W write zeroes the upper half).
    /// </summary>
    private Value LoadInteger(uint opc, int bytes, Value address, MemoryAccess flags = 0) => opc switch
    {
        1 => B.Load(IrType.I64, address, AccessOf(bytes) | flags),
        2 => B.Load(IrType.I64, address, AccessOf(bytes, signed: true) | flags),
        _ => B.ZeroExtend(IrType.I64, B.Load(IrType.I32, address, AccessOf(bytes, signed: true) | flags)),
    };

    /// <summary>The low <paramref name="bytes"/> of an i64 as the integer type of that size.</summary>
    private Value Narrow(Value value, int bytes) => bytes == 8 ? value : B.Truncate(IrTypeExtensions.IntegerOfSize(bytes), value);

    /// <summary>An i8…i64 value zero-extended to i64.</summary>
    private Value Widen(Value value) => B.TypeOf(value) == IrType.I64 ? value : B.ZeroExtend(IrType.I64, value);

    /// <summary>A B/H/S/D (as i64, zero-extended) or Q (as v128) register's worth of memory.</summary>
    private Value LoadVectorScalar(Value address, int bytes) =>
        bytes == 16 ? B.Load(IrType.V128, address, MemoryAccess.Size16) : B.Load(IrType.I64, address, AccessOf(bytes));

    /// <summary>
    /// Writes a value from <see cref="LoadVectorScalar"/> to V<paramref name="v"/>: a scalar
    /// FP/SIMD load zeroes the register's bytes above the loaded ones.
    /// </summary>
    private void SetVectorScalar(int v, Value value)
    {
        B.SetReg(Arm64State.Vector(v), value);
        if (B.TypeOf(value) != IrType.V128) B.SetReg(Arm64State.Vector(v) + 8, B.Const64(0));
    }

    /// <summary>The low <paramref name="bytes"/> of V<paramref name="v"/> (v128 for a Q register).</summary>
    private Value VectorScalar(int v, int bytes) =>
        B.GetReg(bytes == 16 ? IrType.V128 : IrTypeExtensions.IntegerOfSize(bytes), Arm64State.Vector(v));
}
