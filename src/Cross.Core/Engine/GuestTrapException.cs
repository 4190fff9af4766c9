namespace Cross.Core.Engine;

/// <summary>
/// Thrown by a helper to raise a precise guest exception at the current guest instruction,
/// e.g. an illegal CSR access. <see cref="Cause"/> and <see cref="Detail"/> are ISA-defined.
/// </summary>
public sealed class GuestTrapException(Ir.TrapKind kind, ulong detail = 0)
    : Exception($"guest trap {kind} (0x{detail:x})")
{
    public Ir.TrapKind Kind { get; } = kind;
    public ulong Detail { get; } = detail;
}
