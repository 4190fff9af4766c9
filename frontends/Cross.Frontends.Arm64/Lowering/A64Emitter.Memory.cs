using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

// Loads and stores. Base register 31 is SP.
public sealed partial class A64Emitter
{
    /// <summary>The integer type a load of <paramref name="bytes"/> produces before extension.</summary>
    internal static MemoryAccess AccessOf(int bytes, bool signed = false) =>
        MemoryAccessExtensions.ForSize(bytes) | (signed ? MemoryAccess.Signed : 0);

    /// <summary>LDR/STR/LDRB/LDRSH… with a scaled unsigned 12-bit offset.</summary>
    internal void LoadStoreUnsignedOffset(A64Instruction i)
    {
        var sizeLog2 = (int)i.Field(31, 30);
        var offset = (ulong)i.Field(21, 10) << sizeLog2;
        var address = B.Add(XOrSp(i.Rn), B.Const64(offset));
        LoadStoreInteger(i.Field(23, 22), sizeLog2, i.Rt, address);
    }

    /// <summary>
    /// The integer load/store selected by opc: 0 store, 1 zero-extending load, 2 sign-extending
    /// load to 64 bits, 3 sign-extending load to 32 bits.
    /// </summary>
    internal void LoadStoreInteger(uint opc, int sizeLog2, int rt, Value address)
    {
        var bytes = 1 << sizeLog2;
        switch (opc)
        {
            case 0:
                var value = X(rt);
                B.Store(address, bytes == 8 ? value : B.Truncate(IrTypeExtensions.IntegerOfSize(bytes), value), AccessOf(bytes));
                break;
            case 1:
                SetX(rt, B.Load(IrType.I64, address, AccessOf(bytes)));
                break;
            case 2:
                SetX(rt, B.Load(IrType.I64, address, AccessOf(bytes, signed: true)));
                break;
            default:
                SetX(rt, B.ZeroExtend(IrType.I64, B.Load(IrType.I32, address, AccessOf(bytes, signed: true))));
                break;
        }
    }
}
