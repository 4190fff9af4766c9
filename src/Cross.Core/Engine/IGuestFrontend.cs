using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Core.Engine;

/// <summary>One guest ISA: its state layout and its translation of guest code into IR.</summary>
public interface IGuestFrontend
{
    string Architecture { get; }

    /// <summary>Bytes of <see cref="GuestState"/> this ISA needs.</summary>
    int StateSize { get; }

    int PcOffset { get; }

    /// <summary>
    /// Translates the block at <paramref name="pc"/>. A fetch fault on the first instruction
    /// propagates as <see cref="GuestMemoryFaultException"/>; a later one ends the block early.
    /// </summary>
    IrBlock Translate(ulong pc, IGuestMemory memory, int maxInstructions);

    /// <summary>State bits that change how code translates (privilege, FP modes); part of the block-cache key.</summary>
    ulong ModeKey(GuestState state);
}
