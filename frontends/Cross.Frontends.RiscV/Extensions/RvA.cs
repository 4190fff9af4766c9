using Cross.Core.Ir;
using Cross.Frontends.RiscV.Decoding;
using static Cross.Frontends.RiscV.Decoding.EncodingFlags;

namespace Cross.Frontends.RiscV.Extensions;

/// <summary>A: LR/SC and AMOs, word and doubleword. aq/rl become memory-access ordering flags.</summary>
public static class RvA
{
    private const uint Mask = 0xF800707F;
    private const uint LrMask = 0xF9F0707F;
    private const uint Word = 0x2000, Double = 0x3000;

    private static RiscVEncoding E(string mnemonic, uint match, uint mask, InstructionHandler handler, EncodingFlags flags) =>
        Define.Encoding(RiscVExtension.A, mnemonic, match, mask, OperandFormat.Amo, handler, IsAtomic | flags);

    private static RiscVEncoding Amo(string name, uint funct5, AtomicOp op, bool isDouble) =>
        E($"{name}.{(isDouble ? 'd' : 'w')}", funct5 << 27 | (isDouble ? Double : Word) | 0x2F, Mask,
            (e, i) => e.Amo(op, isDouble ? IrType.I64 : IrType.I32, i), IsLoad | IsStore);

    private static IEnumerable<RiscVEncoding> Width(bool isDouble)
    {
        var type = isDouble ? IrType.I64 : IrType.I32;
        var width = isDouble ? Double : Word;
        var suffix = isDouble ? "d" : "w";
        yield return E($"lr.{suffix}", 0x1000002F | width, LrMask, (e, i) => e.LoadReserved(type, i), IsLoad);
        yield return E($"sc.{suffix}", 0x1800002F | width, Mask, (e, i) => e.StoreConditional(type, i), IsStore);
        yield return Amo("amoswap", 0b00001, AtomicOp.Exchange, isDouble);
        yield return Amo("amoadd", 0b00000, AtomicOp.Add, isDouble);
        yield return Amo("amoxor", 0b00100, AtomicOp.Xor, isDouble);
        yield return Amo("amoand", 0b01100, AtomicOp.And, isDouble);
        yield return Amo("amoor", 0b01000, AtomicOp.Or, isDouble);
        yield return Amo("amomin", 0b10000, AtomicOp.MinS, isDouble);
        yield return Amo("amomax", 0b10100, AtomicOp.MaxS, isDouble);
        yield return Amo("amominu", 0b11000, AtomicOp.MinU, isDouble);
        yield return Amo("amomaxu", 0b11100, AtomicOp.MaxU, isDouble);
    }

    public static IReadOnlyList<RiscVEncoding> Encodings { get; } = [.. Width(isDouble: false), .. Width(isDouble: true)];
}
