using Cross.Core.Ir;

namespace Cross.Core.Engine;

/// <summary>
/// Blocks compiled together as one unit, entered at the first. A member's direct exit to another
/// member becomes a jump inside the compiled code; every other exit leaves it. All members share
/// the entry's mode key. The engine builds regions from hot blocks and their translated direct
/// successors (see <see cref="TieredBackend"/>).
/// </summary>
public sealed class CodeRegion
{
    public CodeRegion(IReadOnlyList<IrBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count == 0) throw new ArgumentException("a region has at least its entry block", nameof(blocks));
        Blocks = blocks;
    }

    public CodeRegion(IrBlock block) : this([block])
    {
    }

    /// <summary>
    /// When above 0, code compiled from this region counts its entries and loop back edges and,
    /// once the count reaches this, exits once with <see cref="BlockExitKind.Hot"/> (how the
    /// engine learns which quickly compiled regions to compile again with full effort).
    /// </summary>
    public long ReportHotAfter { get; init; }

    /// <summary>The members, entry first; no two start at the same guest PC.</summary>
    public IReadOnlyList<IrBlock> Blocks { get; }

    public IrBlock Entry => Blocks[0];

    /// <summary>Guest instructions in all members.</summary>
    public int GuestInstructionCount => Blocks.Sum(block => block.GuestInstructionCount);

    /// <summary>Whether any member's guest bytes overlap [start, end).</summary>
    public bool Overlaps(ulong start, ulong end)
    {
        foreach (var block in Blocks)
            if (Covers(block, start, end)) return true;
        return false;
    }

    /// <summary>Whether <paramref name="block"/>'s guest bytes (at least one) overlap [start, end).</summary>
    public static bool Covers(IrBlock block, ulong start, ulong end) =>
        block.GuestPc < end && Math.Max(block.GuestEnd, block.GuestPc + 1) > start;
}
