using Cross.Core.Ir;

namespace Cross.Core.Engine;

/// <summary>
/// Forms the region to optimise from a hot block: breadth-first over direct exits (both ways of
/// a conditional one), taking every successor already translated in the same mode, up to the
/// size limits. Blocks only ever reached indirectly (returns, switches) start regions of their own.
/// </summary>
internal static class RegionBuilder
{
    public static CodeRegion Build(BlockCache cache, CachedBlock head, TieringOptions options)
    {
        var blocks = new List<IrBlock> { head.Source };
        var seen = new HashSet<ulong> { head.Pc };
        var instructions = head.Source.GuestInstructionCount;
        for (var i = 0; i < blocks.Count; i++)
        {
            foreach (var target in DirectTargets(blocks[i]))
            {
                if (blocks.Count >= options.MaxRegionBlocks) return new CodeRegion(blocks);
                if (!seen.Add(target)) continue;
                if (!cache.TryGetEntry(target, head.Mode, out var entry) || entry.Removed) continue;
                var size = entry.Source.GuestInstructionCount;
                if (instructions + size > options.MaxRegionInstructions) continue;
                blocks.Add(entry.Source);
                instructions += size;
            }
        }
        return new CodeRegion(blocks);
    }

    private static ulong[] DirectTargets(IrBlock block)
    {
        var exit = block.Terminator;
        return exit.Op switch
        {
            Opcode.ExitDirect => [(ulong)exit.Imm],
            Opcode.ExitCond => [(ulong)exit.Imm, (ulong)exit.Imm2],
            _ => [],
        };
    }
}
