using System.Numerics;

namespace Cross.Frontends.Arm64.Lowering;

/// <summary>
/// The Arm ARM's DecodeBitMasks: the "wmask" and "tmask" of logical immediates and bitfield moves,
/// from the N, imms and immr fields.
/// </summary>
public static class BitMasks
{
    /// <summary>
    /// Decodes the masks for a <paramref name="dataSize"/>-bit operation. Returns false for
    /// unallocated field values (no element size, or an all-ones logical immediate).
    /// </summary>
    public static bool TryDecode(bool n, uint imms, uint immr, bool logicalImmediate, int dataSize, out ulong wmask, out ulong tmask)
    {
        wmask = tmask = 0;
        var combined = (n ? 1u << 6 : 0) | (~imms & 0x3F);
        if (combined == 0) return false;
        var length = 31 - BitOperations.LeadingZeroCount(combined);
        if (length < 1) return false;
        var elementSize = 1 << length;
        if (elementSize > dataSize) return false;
        var levels = (uint)elementSize - 1;
        if (logicalImmediate && (imms & levels) == levels) return false;
        var s = (int)(imms & levels);
        var r = (int)(immr & levels);
        var d = (s - r) & (int)levels;
        var welem = Ones(s + 1);
        var telem = Ones(d + 1);
        wmask = Replicate(RotateRight(welem, r, elementSize), elementSize, dataSize);
        tmask = Replicate(telem, elementSize, dataSize);
        return true;
    }

    /// <summary>The logical-immediate value, or null when the fields are unallocated.</summary>
    public static ulong? LogicalImmediate(bool n, uint imms, uint immr, int dataSize) =>
        TryDecode(n, imms, immr, logicalImmediate: true, dataSize, out var wmask, out _) ? wmask : null;

    private static ulong Ones(int count) => count >= 64 ? ulong.MaxValue : (1UL << count) - 1;

    private static ulong RotateRight(ulong value, int amount, int size)
    {
        if (amount == 0) return value;
        var mask = Ones(size);
        return ((value >> amount) | (value << (size - amount))) & mask;
    }

    private static ulong Replicate(ulong element, int elementSize, int dataSize)
    {
        var result = 0UL;
        for (var position = 0; position < dataSize; position += elementSize) result |= element << position;
        return result;
    }
}
