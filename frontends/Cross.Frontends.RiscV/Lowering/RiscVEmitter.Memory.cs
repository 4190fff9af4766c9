using Cross.Core.Ir;

namespace Cross.Frontends.RiscV.Lowering;

// Loads and stores, integer and floating point. Loads into x0 still run, for their faults.
public sealed partial class RiscVEmitter
{
    /// <summary>rs1 + offset.</summary>
    internal Value Address(int rs1, long offset) => offset == 0 ? X(rs1) : B.Add(X(rs1), B.Const64(offset));

    /// <summary>rd = memory[rs1 + offset], extended as <paramref name="access"/> says.</summary>
    internal void Load(int rd, int rs1, long offset, MemoryAccess access) =>
        SetX(rd, B.Load(IrType.I64, Address(rs1, offset), access));

    /// <summary>memory[rs1 + offset] = the low bytes of rs2.</summary>
    internal void Store(int rs1, int rs2, long offset, MemoryAccess access)
    {
        var address = Address(rs1, offset);
        B.Store(address, X(rs2), access);
    }

    /// <summary>flw/fld: a narrower value is NaN-boxed.</summary>
    internal void LoadFp(IrType type, int rd, int rs1, long offset)
    {
        var bits = B.Load(IntOf(type), Address(rs1, offset), type == IrType.F32 ? MemoryAccess.Size4 : MemoryAccess.Size8);
        SetFBits(type, rd, bits);
    }

    /// <summary>fsw/fsd: stores the low bits of the register, boxed or not.</summary>
    internal void StoreFp(IrType type, int rs1, int rs2, long offset)
    {
        var address = Address(rs1, offset);
        var bits = type == IrType.F32 ? B.Truncate(IrType.I32, FRaw(rs2)) : FRaw(rs2);
        B.Store(address, bits, type == IrType.F32 ? MemoryAccess.Size4 : MemoryAccess.Size8);
    }
}
