using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

// Advanced SIMD moves and permutes: DUP, INS, UMOV/SMOV, the modified immediates (MOVI, MVNI,
// ORR, BIC, FMOV), EXT, ZIP/UZP/TRN, REV, TBL/TBX.
public sealed partial class A64Emitter
{
    private static bool Q(A64Instruction i) => i.Bit(30);

    /// <summary>Lane size and index of the copy group's imm5: the lowest set bit gives the size.</summary>
    private static (int LaneBits, int Index) CopyLane(A64Instruction i)
    {
        var imm5 = i.Field(20, 16);
        var size = System.Numerics.BitOperations.TrailingZeroCount(imm5);
        return (8 << size, (int)(imm5 >> (size + 1)));
    }

    internal void DupElement(A64Instruction i)
    {
        var (laneBits, index) = CopyLane(i);
        SetVec(i.Rd, DuplicateLane(Vec(i.Rn), laneBits, index), Q(i));
    }

    internal void DupGeneral(A64Instruction i)
    {
        var (laneBits, _) = CopyLane(i);
        SetVec(i.Rd, B.VDup(B.Truncate(LaneType(laneBits), X(i.Rn))), Q(i));
    }

    /// <summary>DUP (element, scalar), the MOV Bd/Hd/Sd/Dd, Vn.T[i] alias: one lane into the low bits, the rest zero.</summary>
    internal void DupScalar(A64Instruction i)
    {
        var (laneBits, index) = CopyLane(i);
        var n = Vec(i.Rn);
        SetVec(i.Rd, Shuffle(laneBits, n, n, [index]));
    }

    internal void MoveToGeneral(A64Instruction i, bool signed)
    {
        var (laneBits, index) = CopyLane(i);
        var lane = Lane(Vec(i.Rn), laneBits, index);
        var is64 = Q(i);
        var value = signed ? B.SignExtend(WidthType(is64), lane) : B.ZeroExtend(WidthType(is64), lane);
        SetReg(is64, i.Rd, value);
    }

    internal void InsertGeneral(A64Instruction i)
    {
        var (laneBits, index) = CopyLane(i);
        SetVec(i.Rd, WithLane(Vec(i.Rd), B.Truncate(LaneType(laneBits), X(i.Rn)), index));
    }

    internal void InsertElement(A64Instruction i)
    {
        var (laneBits, index) = CopyLane(i);
        var sourceIndex = (int)(i.Field(14, 11) >> System.Numerics.BitOperations.TrailingZeroCount(i.Field(20, 16)));
        SetVec(i.Rd, WithLane(Vec(i.Rd), Lane(Vec(i.Rn), laneBits, sourceIndex), index));
    }

    /// <summary>MOVI, MVNI, ORR, BIC and FMOV (vector, immediate), selected by op and cmode.</summary>
    internal void ModifiedImmediate(A64Instruction i)
    {
        var q = Q(i);
        var op = i.Bit(29);
        var cmode = i.Field(15, 12);
        var imm8 = i.Field(18, 16) << 5 | i.Field(9, 5);
        var immediate = ExpandSimdImmediate(op, cmode, imm8);
        var constant = B.Const(IrType.V128, immediate, q ? immediate : 0);
        var isShiftedOrBic = cmode < 12 && (cmode & 1) == 1;
        if (!isShiftedOrBic)
        {
            // MVNI inverts the shifted immediates (cmode 0xx0, 10x0, 110x with op=1).
            var inverted = op && cmode < 14;
            SetVec(i.Rd, inverted ? B.Const(IrType.V128, ~immediate, q ? ~immediate : 0) : constant);
            return;
        }
        SetVec(i.Rd, Bitwise(q, Vec(i.Rd), constant, op ? (d, m) => B.And(d, B.Not(m)) : B.Or));
    }

    /// <summary>AdvSIMDExpandImm: the 64-bit pattern (replicated to 128 bits for Q=1) of op:cmode:imm8.</summary>
    internal static ulong ExpandSimdImmediate(bool op, uint cmode, uint imm8)
    {
        static ulong Twice32(ulong value) => value << 32 | value;
        static ulong Four16(ulong value) => value << 48 | value << 32 | value << 16 | value;
        return (cmode >> 1) switch
        {
            0 => Twice32(imm8),
            1 => Twice32(imm8 << 8),
            2 => Twice32(imm8 << 16),
            3 => Twice32(imm8 << 24),
            4 => Four16(imm8),
            5 => Four16(imm8 << 8),
            6 => (cmode & 1) == 0 ? Twice32(imm8 << 8 | 0xFF) : Twice32(imm8 << 16 | 0xFFFF),
            _ when cmode == 14 && !op => imm8 * 0x0101_0101_0101_0101UL,
            _ when cmode == 14 => ByteMask(imm8),
            _ when !op => Twice32(ExpandFloat32(imm8)),
            _ => ExpandFloat64(imm8),
        };
    }

    /// <summary>Each bit of imm8 becomes a byte of ones or zeros (MOVI Dd / Vd.2D).</summary>
    private static ulong ByteMask(uint imm8)
    {
        var result = 0UL;
        for (var bit = 0; bit < 8; bit++)
            if (((imm8 >> bit) & 1) != 0) result |= 0xFFUL << (bit * 8);
        return result;
    }

    /// <summary>VFPExpandImm for single precision: a:NOT(b):bbbbb:cdefgh then zeros.</summary>
    internal static ulong ExpandFloat32(uint imm8)
    {
        var sign = (ulong)(imm8 >> 7) & 1;
        var b = (imm8 >> 6) & 1;
        var exponent = (ulong)((b ^ 1) << 7 | (b == 1 ? 0x3Eu : 0) << 1 | (imm8 >> 4) & 3);
        var fraction = (ulong)(imm8 & 0xF) << 19;
        return sign << 31 | exponent << 23 | fraction;
    }

    /// <summary>VFPExpandImm for double precision: a:NOT(b):bbbbbbbb:cdefgh then zeros.</summary>
    internal static ulong ExpandFloat64(uint imm8)
    {
        var sign = (ulong)(imm8 >> 7) & 1;
        var b = (imm8 >> 6) & 1;
        var exponent = (ulong)((b ^ 1) << 10 | (b == 1 ? 0xFFu : 0) << 2 | (imm8 >> 4) & 3);
        var fraction = (ulong)(imm8 & 0xF) << 48;
        return sign << 63 | exponent << 52 | fraction;
    }

    /// <summary>EXT: bytes imm4.. of Vm:Vn (the low bytes come from Vn).</summary>
    internal void ExtractVector(A64Instruction i)
    {
        var q = Q(i);
        var start = (int)i.Field(14, 11);
        var bytes = q ? 16 : 8;
        var indices = new int[bytes];
        for (var index = 0; index < bytes; index++)
        {
            var from = start + index;
            // For the 64-bit form the second source's bytes start at 8, not 16.
            indices[index] = from < bytes ? from : from - bytes + 16;
        }
        SetVec(i.Rd, Shuffle(8, Vec(i.Rn), Vec(i.Rm), indices), q);
    }

    /// <summary>ZIP1/2, UZP1/2, TRN1/2 (opcode [14:12]: 1 UZP1, 2 TRN1, 3 ZIP1, 5 UZP2, 6 TRN2, 7 ZIP2).</summary>
    internal void Permute(A64Instruction i)
    {
        var q = Q(i);
        var laneBits = 8 << (int)i.Field(23, 22);
        var count = LaneCount(q, laneBits);
        var second = i.Bit(14) ? 1 : 0;
        var kind = i.Field(13, 12);
        var perVector = 128 / laneBits;
        // Index into the concatenation; lanes of Vm are numbered from perVector.
        int FromA(int lane) => lane;
        int FromB(int lane) => perVector + lane;
        var indices = new int[count];
        for (var index = 0; index < count; index++)
        {
            var pair = index / 2;
            indices[index] = kind switch
            {
                1 => index < count / 2 ? FromA(2 * index + second) : FromB(2 * (index - count / 2) + second),
                2 => index % 2 == 0 ? FromA(2 * pair + second) : FromB(2 * pair + second),
                _ => index % 2 == 0 ? FromA(second * count / 2 + pair) : FromB(second * count / 2 + pair),
            };
        }
        SetVec(i.Rd, Shuffle(laneBits, Vec(i.Rn), Vec(i.Rm), indices), q);
    }

    /// <summary>REV16/REV32/REV64: reverses the lanes within each container of <paramref name="containerBits"/>.</summary>
    internal void ReverseInContainers(A64Instruction i, int containerBits)
    {
        var q = Q(i);
        var laneBits = 8 << (int)i.Field(23, 22);
        var count = LaneCount(q, laneBits);
        var perContainer = containerBits / laneBits;
        var indices = new int[count];
        for (var index = 0; index < count; index++)
            indices[index] = index - index % perContainer + (perContainer - 1 - index % perContainer);
        SetVec(i.Rd, Shuffle(laneBits, Vec(i.Rn), Vec(i.Rn), indices), q);
    }

    /// <summary>
    /// TBL/TBX: each index byte of Vm selects a byte of the 1-4 consecutive table registers from
    /// Vn (wrapping at v31); an index past the table gives zero (TBL) or keeps the destination byte (TBX).
    /// </summary>
    internal void TableLookup(A64Instruction i, bool extension)
    {
        var registers = (int)i.Field(14, 13) + 1;
        var indices = Vec(i.Rm);
        // One lookup per table register, last first: an index missing the earlier registers falls
        // through to the lookup in the later ones with 16 less per register. Wrapped differences
        // land at 16 or more, so they miss too.
        var result = extension ? Vec(i.Rd) : ZeroVector();
        for (var table = registers - 1; table >= 0; table--)
        {
            var shifted = table == 0 ? indices : B.VSub(8, indices, SplatConst(8, (ulong)(16 * table)));
            result = B.VTableLookup(Vec((i.Rn + table) % 32), shifted, result);
        }
        SetVec(i.Rd, result, Q(i));
    }
}
