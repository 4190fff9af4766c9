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

    /// <summary>
    /// The block-cache key for the block at <see cref="GuestContext.Pc"/>. The engine calls this
    /// overload; system-mode frontends override it when translations depend on per-CPU state kept
    /// outside <see cref="GuestState"/> (the privilege level in <see cref="GuestContext.FrontendData"/>,
    /// the physical page the MMU maps the PC to). It may throw <see cref="GuestMemoryFaultException"/>
    /// for a fetch fault at the PC. Defaults to <see cref="ModeKey(GuestState)"/>.
    /// </summary>
    ulong ModeKey(GuestContext context) => ModeKey(context.State);

    /// <summary>
    /// Translates the block at <paramref name="pc"/> for <paramref name="context"/> (the engine
    /// calls this overload, right after <see cref="ModeKey(GuestContext)"/>). Defaults to
    /// <see cref="Translate(ulong, IGuestMemory, int)"/> on the context's memory.
    /// </summary>
    IrBlock Translate(ulong pc, GuestContext context, int maxInstructions) => Translate(pc, context.Memory, maxInstructions);
}
