namespace Cross.UserMode;

/// <summary>
/// An unexpected host exception while running the guest (a bug in Cross, not in the guest). The
/// message is one line naming the exception and the guest PC, for the front end to print.
/// </summary>
public sealed class UserModeInternalException(Exception inner, ulong guestPc)
    : Exception($"internal error: {inner.GetType().Name}: {inner.Message} (guest pc 0x{guestPc:x})", inner)
{
    public ulong GuestPc { get; } = guestPc;
}
