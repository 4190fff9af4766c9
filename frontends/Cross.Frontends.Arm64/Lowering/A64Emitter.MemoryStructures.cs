using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

// Advanced SIMD structure loads and stores (LD1-LD4, ST1-ST4, LD1R-LD4R, single lanes). Register
// lists wrap from V31 to V0. Vector registers are written as two 8-byte halves, so the 64-bit
// arrangements (Q = 0) zero the upper half; as everywhere, all loads happen before any register
// is written, and the post-index writeback comes last.
public sealed partial class A64Emitter
{
    /// <summary>
    /// LD1/ST1 (1-4 registers) and LD2-4/ST2-4 (interleaved structures), optionally post-indexed
    /// by the bytes transferred (Rm = 31) or by Xm.
    /// </summary>
    internal void LoadStoreMultipleStructures(A64Instruction i, bool postIndex)
    {
        var full = i.Bit(30);
        var isLoad = i.Bit(22);
        var (registers, structureElements) = i.Field(15, 12) switch
        {
            0b0000 => (4, 4), // LD4/ST4
            0b0010 => (4, 1), // LD1/ST1, four registers
            0b0100 => (3, 3), // LD3/ST3
            0b0110 => (3, 1), // LD1/ST1, three registers
            0b0111 => (1, 1), // LD1/ST1, one register
            0b1000 => (2, 2), // LD2/ST2
            _ => (2, 1),      // 0b1010: LD1/ST1, two registers
        };
        var elementBytes = 1 << (int)i.Field(11, 10);
        var registerBytes = full ? 16 : 8;
        var baseAddress = XOrSp(i.Rn);
        int RegisterAt(int index) => (i.Rt + index) % 32;

        if (structureElements == 1)
        {
            // Not interleaved: each register is the next registerBytes of memory, moved in 8-byte halves.
            var halves = registerBytes / 8;
            if (isLoad)
            {
                var loaded = new Value[registers * halves];
                for (var chunk = 0; chunk < loaded.Length; chunk++)
                    loaded[chunk] = B.Load(IrType.I64, OffsetFrom(baseAddress, chunk * 8), MemoryAccess.Size8);
                for (var r = 0; r < registers; r++)
                    SetVectorHalves(RegisterAt(r), loaded[r * halves], full ? loaded[r * halves + 1] : B.Const64(0));
            }
            else
            {
                for (var chunk = 0; chunk < registers * halves; chunk++)
                {
                    var half = B.GetReg(IrType.I64, Arm64State.Vector(RegisterAt(chunk / halves)) + chunk % halves * 8);
                    B.Store(OffsetFrom(baseAddress, chunk * 8), half, MemoryAccess.Size8);
                }
            }
        }
        else
        {
            // Interleaved: element e of structure member s is at (e * members + s) * elementBytes.
            var elements = registerBytes / elementBytes;
            var elementType = IrTypeExtensions.IntegerOfSize(elementBytes);
            long OffsetOf(int element, int member) => (long)(element * structureElements + member) * elementBytes;
            if (isLoad)
            {
                var loaded = new Value[structureElements, elements];
                for (var e = 0; e < elements; e++)
                    for (var s = 0; s < structureElements; s++)
                        loaded[s, e] = B.Load(IrType.I64, OffsetFrom(baseAddress, OffsetOf(e, s)), AccessOf(elementBytes));
                for (var s = 0; s < structureElements; s++)
                {
                    var low = B.Const64(0);
                    var high = B.Const64(0);
                    for (var e = 0; e < elements; e++)
                    {
                        var bitOffset = e * elementBytes * 8;
                        var placed = bitOffset % 64 == 0 ? loaded[s, e] : B.Shl(loaded[s, e], B.Const64(bitOffset % 64));
                        if (bitOffset < 64) low = B.Or(low, placed);
                        else high = B.Or(high, placed);
                    }
                    SetVectorHalves(RegisterAt(s), low, high);
                }
            }
            else
            {
                for (var e = 0; e < elements; e++)
                    for (var s = 0; s < structureElements; s++)
                    {
                        var element = B.GetReg(elementType, Arm64State.Vector(RegisterAt(s)) + e * elementBytes);
                        B.Store(OffsetFrom(baseAddress, OffsetOf(e, s)), element, AccessOf(elementBytes));
                    }
            }
        }

        if (postIndex) PostIndexStructure(i, registers * registerBytes);
    }

    /// <summary>
    /// LD1-LD4/ST1-ST4 to or from one lane (other lanes keep their values), and LD1R-LD4R, which
    /// replicate one structure's elements to every lane of the arrangement.
    /// </summary>
    internal void LoadStoreSingleStructure(A64Instruction i, bool postIndex)
    {
        var full = i.Bit(30);
        var isLoad = i.Bit(22);
        var opcode = i.Field(15, 13);
        var s = i.Field(12, 12);
        var size = i.Field(11, 10);
        var q = full ? 1u : 0u;
        var members = (int)((opcode & 1) << 1 | i.Field(21, 21)) + 1;
        var baseAddress = XOrSp(i.Rn);
        int RegisterAt(int index) => (i.Rt + index) % 32;

        if (opcode >> 1 == 3)
        {
            // LDnR: the element size is the size field.
            var bytes = 1 << (int)size;
            var replicated = new Value[members];
            for (var m = 0; m < members; m++)
            {
                var element = B.Load(IrType.I64, OffsetFrom(baseAddress, m * bytes), AccessOf(bytes));
                replicated[m] = bytes == 8 ? element : B.Mul(element, B.Const64(ReplicationMultiplier(bytes)));
            }
            for (var m = 0; m < members; m++)
                SetVectorHalves(RegisterAt(m), replicated[m], full ? replicated[m] : B.Const64(0));
            if (postIndex) PostIndexStructure(i, members * bytes);
            return;
        }

        // The lane index is Q:S:size with the bits the element size uses for itself dropped.
        var (elementBytes, lane) = (opcode >> 1) switch
        {
            0 => (1, (int)(q << 3 | s << 2 | size)),
            1 => (2, (int)(q << 2 | s << 1 | size >> 1)),
            _ when size == 0 => (4, (int)(q << 1 | s)),
            _ => (8, (int)q),
        };
        var elementType = IrTypeExtensions.IntegerOfSize(elementBytes);
        int LaneOffset(int member) => Arm64State.Vector(RegisterAt(member)) + lane * elementBytes;
        if (isLoad)
        {
            var loaded = new Value[members];
            for (var m = 0; m < members; m++)
                loaded[m] = B.Load(elementType, OffsetFrom(baseAddress, m * elementBytes), AccessOf(elementBytes));
            for (var m = 0; m < members; m++) B.SetReg(LaneOffset(m), loaded[m]);
        }
        else
        {
            for (var m = 0; m < members; m++)
                B.Store(OffsetFrom(baseAddress, m * elementBytes), B.GetReg(elementType, LaneOffset(m)), AccessOf(elementBytes));
        }
        if (postIndex) PostIndexStructure(i, members * elementBytes);
    }

    /// <summary>Multiplying a zero-extended element by this copies it into every lane of 64 bits.</summary>
    private static ulong ReplicationMultiplier(int elementBytes) => elementBytes switch
    {
        1 => 0x0101_0101_0101_0101UL,
        2 => 0x0001_0001_0001_0001UL,
        _ => 0x0000_0001_0000_0001UL,
    };

    private void SetVectorHalves(int v, Value low, Value high)
    {
        B.SetReg(Arm64State.Vector(v), low);
        B.SetReg(Arm64State.Vector(v) + 8, high);
    }

    /// <summary>Post-index writeback: Rm = 31 adds the bytes transferred, any other Rm adds Xm.</summary>
    private void PostIndexStructure(A64Instruction i, int transferredBytes)
    {
        var increment = i.Rm == 31 ? B.Const64(transferredBytes) : X(i.Rm);
        SetXOrSp(i.Rn, B.Add(XOrSp(i.Rn), increment));
    }
}
