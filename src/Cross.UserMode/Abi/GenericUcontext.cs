using System.Buffers.Binary;
using Cross.UserMode.Signals;

namespace Cross.UserMode.Abi;

/// <summary>
/// The start of the generic <c>struct ucontext</c> (riscv64 and aarch64): uc_flags u64, uc_link
/// ptr, uc_stack (stack_t, 24 bytes), uc_sigmask (8 bytes), then padding to the kernel's
/// 1024-bit sigset (120 bytes). The architecture's mcontext follows, 16-byte aligned, at 176.
/// </summary>
public static class GenericUcontext
{
    public const int StackOffset = 16;
    public const int SigmaskOffset = 40;
    public const int MachineContextOffset = 176;

    public static void WriteHeader(Span<byte> ucontext, SignalSet mask, in SignalStack stack)
    {
        ucontext[..MachineContextOffset].Clear();
        stack.WriteTo(ucontext[StackOffset..]);
        BinaryPrimitives.WriteUInt64LittleEndian(ucontext[SigmaskOffset..], mask.Bits);
    }

    public static void ReadHeader(ReadOnlySpan<byte> ucontext, out SignalSet mask, out SignalStack stack)
    {
        stack = SignalStack.ReadFrom(ucontext[StackOffset..]);
        mask = new SignalSet(BinaryPrimitives.ReadUInt64LittleEndian(ucontext[SigmaskOffset..]));
    }
}
