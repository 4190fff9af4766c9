using System.Buffers.Binary;
using Cross.Core.Engine;
using Cross.Elf;
using Cross.Frontends.RiscV;
using Cross.UserMode.Files;
using Cross.UserMode.Signals;
using Cross.UserMode.Syscalls;

namespace Cross.UserMode.Abi.RiscV64;

/// <summary>
/// Linux riscv64 (LP64D): ecall with the number in a7 and arguments in a0-a5, the result in a0;
/// the generic syscall table and struct stat; the rt_sigframe of arch/riscv/kernel/signal.c.
/// </summary>
public sealed class RiscV64Abi : IGuestAbi
{
    /// <summary>
    /// rt_sigframe: siginfo (128 bytes), then struct ucontext (960 bytes) whose mcontext at 176 is
    /// struct sigcontext: gregs[32] = pc, x1..x31; then the FP union, whose D view is f[32] u64
    /// and fcsr u32 (the union is 528 bytes, sized by the Q view).
    /// </summary>
    public const int UcontextOffset = SignalInfo.Size;
    public const int UcontextSize = 960;
    public const int FrameSize = UcontextOffset + UcontextSize;
    public const int GregsOffset = UcontextOffset + GenericUcontext.MachineContextOffset;
    public const int FpOffset = GregsOffset + 32 * 8;
    public const int FcsrOffset = FpOffset + 32 * 8;

    private const int NrRtSigreturn = 139;

    // li a7, 139 ; ecall  (the kernel's vDSO __vdso_rt_sigreturn)
    private static readonly byte[] Trampoline = [0x93, 0x08, 0xb0, 0x08, 0x73, 0x00, 0x00, 0x00];

    private static readonly IReadOnlyDictionary<int, string> Names = new Dictionary<int, string>(GenericSyscallNumbers.Names)
    {
        [258] = "riscv_hwprobe",
        [259] = "riscv_flush_icache",
    };

    public string Name => "riscv64";

    public ElfMachine Machine => ElfMachine.RiscV;

    public string UnameMachine => "riscv64";

    /// <summary>The single-letter ISA bits of AT_HWCAP for RV64IMAFDC: 1 &lt;&lt; (letter - 'A').</summary>
    public ulong HardwareCapabilities { get; } = IsaBits("IMAFDC");

    public string? Platform => null;

    public IGuestFrontend CreateFrontend() => new RiscVFrontend();

    public IReadOnlyDictionary<int, string> SyscallNames => Names;

    public void RegisterSyscalls(SyscallTableBuilder table)
    {
        // glibc probes riscv_hwprobe when it has it and falls back quietly.
        table.AddFixed("riscv_hwprobe", "pupux", -Errno.ENOSYS);
        // Writes to translated code are tracked page by page, so there is nothing to flush.
        table.AddFixed("riscv_flush_icache", "ppx", 0);
    }

    public int StatSize => GenericStat.Size;

    public void WriteStat(Span<byte> destination, in FileStatus status) => GenericStat.Write(destination, status);

    public void InitializeRegisters(GuestState state, ulong entry, ulong stackPointer)
    {
        Array.Clear(state.Bytes);
        state.Write64(RiscVState.Pc, entry);
        state.Write64(RiscVState.X(RiscVState.Sp), stackPointer);
        // ELF_PLAT_INIT: a0 = 0 (no rtld_fini for a static program).
        state.Write64(RiscVState.ReservationAddress, ulong.MaxValue);
    }

    public int GetSyscallNumber(GuestState state) => (int)state.Read64(RiscVState.X(RiscVState.A7));

    public ulong GetSyscallArgument(GuestState state, int index) => state.Read64(RiscVState.X(RiscVState.A0 + index));

    public void SetSyscallResult(GuestState state, long result) => state.Write64(RiscVState.X(RiscVState.A0), (ulong)result);

    public ulong GetStackPointer(GuestState state) => state.Read64(RiscVState.X(RiscVState.Sp));

    public void InitializeCloneChild(GuestState state, ulong stackPointer, ulong? threadPointer)
    {
        if (stackPointer != 0) state.Write64(RiscVState.X(RiscVState.Sp), stackPointer);
        if (threadPointer is { } tp) state.Write64(RiscVState.X(RiscVState.Tp), tp);
        SetSyscallResult(state, 0);
        state.Write(RiscVState.ReservationValid, 1, 0);
        state.Write64(RiscVState.ReservationAddress, ulong.MaxValue);
    }

    public ReadOnlySpan<byte> SigreturnTrampoline => Trampoline;

    public int SignalFrameSize => FrameSize;

    public ulong PlaceSignalFrame(ulong stackPointer) => (stackPointer - FrameSize) & ~0xFUL;

    public void WriteSignalFrame(Span<byte> frame, GuestState state, in SignalInfo info, SignalSet savedMask, in SignalStack stack)
    {
        frame[..FrameSize].Clear();
        info.WriteTo(frame);
        GenericUcontext.WriteHeader(frame[UcontextOffset..], savedMask, stack);
        BinaryPrimitives.WriteUInt64LittleEndian(frame[GregsOffset..], state.Read64(RiscVState.Pc));
        for (var i = 1; i < 32; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(frame[(GregsOffset + i * 8)..], state.Read64(RiscVState.X(i)));
        for (var i = 0; i < 32; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(frame[(FpOffset + i * 8)..], state.Read64(RiscVState.F(i)));
        BinaryPrimitives.WriteUInt32LittleEndian(frame[FcsrOffset..], (uint)state.Read(RiscVState.Fcsr, 4));
    }

    public void EnterSignalHandler(GuestState state, int signal, ulong frameAddress, ulong handler, ulong returnAddress)
    {
        state.Write64(RiscVState.X(RiscVState.A0), (ulong)signal);
        state.Write64(RiscVState.X(RiscVState.A1), frameAddress);
        state.Write64(RiscVState.X(RiscVState.A2), frameAddress + UcontextOffset);
        state.Write64(RiscVState.X(RiscVState.Sp), frameAddress);
        state.Write64(RiscVState.X(RiscVState.Ra), returnAddress);
        state.Write64(RiscVState.Pc, handler);
        // Taking a trap clears any LR reservation.
        state.Write64(RiscVState.ReservationAddress, ulong.MaxValue);
    }

    public ulong SignalFrameAddressOnReturn(GuestState state) => GetStackPointer(state);

    public void RestoreSignalFrame(ReadOnlySpan<byte> frame, GuestState state, out SignalSet mask, out SignalStack stack)
    {
        GenericUcontext.ReadHeader(frame[UcontextOffset..], out mask, out stack);
        state.Write64(RiscVState.Pc, BinaryPrimitives.ReadUInt64LittleEndian(frame[GregsOffset..]));
        for (var i = 1; i < 32; i++)
            state.Write64(RiscVState.X(i), BinaryPrimitives.ReadUInt64LittleEndian(frame[(GregsOffset + i * 8)..]));
        for (var i = 0; i < 32; i++)
            state.Write64(RiscVState.F(i), BinaryPrimitives.ReadUInt64LittleEndian(frame[(FpOffset + i * 8)..]));
        // fcsr holds only fflags (bits 0-4) and frm (bits 5-7).
        state.Write(RiscVState.Fcsr, 4, BinaryPrimitives.ReadUInt32LittleEndian(frame[FcsrOffset..]) & 0xFF);
        state.Write64(RiscVState.ReservationAddress, ulong.MaxValue);
    }

    private static ulong IsaBits(string letters) => letters.Aggregate(0UL, (bits, letter) => bits | 1UL << (letter - 'A'));
}
