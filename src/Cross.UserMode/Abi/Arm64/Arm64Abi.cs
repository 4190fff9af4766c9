using System.Buffers.Binary;
using Cross.Core.Engine;
using Cross.Elf;
using Cross.Frontends.Arm64;
using Cross.Frontends.Arm64.Decoding;
using Cross.UserMode.Files;
using Cross.UserMode.Signals;
using Cross.UserMode.Syscalls;

namespace Cross.UserMode.Abi.Arm64;

/// <summary>
/// Linux aarch64: svc #0 with the number in x8 and arguments in x0-x5, the result in x0; the
/// generic syscall table and struct stat; the rt_sigframe of arch/arm64/kernel/signal.c with an
/// fpsimd_context record, and a frame record {x29, x30} just above it.
/// </summary>
public sealed class Arm64Abi : IGuestAbi
{
    /// <summary>
    /// rt_sigframe: siginfo (128 bytes), then struct ucontext whose mcontext at 176 is struct
    /// sigcontext: fault_address, regs[31], sp, pc, pstate, then the 4096-byte __reserved area
    /// (16-byte aligned, at 288) holding context records.
    /// </summary>
    public const int UcontextOffset = SignalInfo.Size;
    public const int SigcontextOffset = UcontextOffset + GenericUcontext.MachineContextOffset;
    public const int RegsOffset = SigcontextOffset + 8;
    public const int SpOffset = RegsOffset + 31 * 8;
    public const int PcOffset = SpOffset + 8;
    public const int PstateOffset = PcOffset + 8;
    public const int ReservedOffset = SigcontextOffset + 288;
    public const int ReservedSize = 4096;

    /// <summary>sizeof(struct rt_sigframe): 128 + sizeof(struct ucontext) (4560).</summary>
    public const int SigframeSize = ReservedOffset + ReservedSize;

    /// <summary>The frame record {fp, lr} the kernel places right above the rt_sigframe.</summary>
    public const int FrameRecordOffset = SigframeSize;
    public const int FrameSize = FrameRecordOffset + 16;

    /// <summary>struct fpsimd_context: head {magic, size}, fpsr, fpcr, then vregs[32] at 16.</summary>
    public const uint FpsimdMagic = 0x4650_8001;
    public const int FpsimdSize = 528;
    public const int FpsrOffset = ReservedOffset + 8;
    public const int FpcrOffset = ReservedOffset + 12;
    public const int VregsOffset = ReservedOffset + 16;

    // HWCAP bits (arch/arm64/include/uapi/asm/hwcap.h).
    private const ulong HwcapFp = 1 << 0, HwcapAsimd = 1 << 1, HwcapCrc32 = 1 << 7, HwcapAtomics = 1 << 8, HwcapLrcpc = 1 << 15;


    // mov x8, #139 ; svc #0  (the kernel's vDSO __kernel_rt_sigreturn)
    private static readonly byte[] Trampoline = [0x68, 0x11, 0x80, 0xd2, 0x01, 0x00, 0x00, 0xd4];

    private readonly A64Decoder _decoder;

    public Arm64Abi(A64Decoder? decoder = null)
    {
        _decoder = decoder ?? A64Decoder.UserMode;
        HardwareCapabilities = CapabilitiesOf(_decoder);
    }

    public string Name => "aarch64";

    public ElfMachine Machine => ElfMachine.AArch64;

    public string UnameMachine => "aarch64";

    /// <summary>Exactly the features the decoder table implements, so glibc selects only code we run.</summary>
    public ulong HardwareCapabilities { get; }

    public string? Platform => "aarch64";

    public IGuestFrontend CreateFrontend() => new Arm64Frontend(_decoder);

    public IReadOnlyDictionary<int, string> SyscallNames => GenericSyscallNumbers.Names;

    public void RegisterSyscalls(SyscallTableBuilder table)
    {
    }

    public int StatSize => GenericStat.Size;

    public void WriteStat(Span<byte> destination, in FileStatus status) => GenericStat.Write(destination, status);

    public void InitializeRegisters(GuestState state, ulong entry, ulong stackPointer)
    {
        // start_thread: every register zero (x0 = 0: no rtld_fini for a static program), FPCR zero.
        Array.Clear(state.Bytes);
        state.Write64(Arm64State.Pc, entry);
        state.Write64(Arm64State.Sp, stackPointer);
    }

    public int GetSyscallNumber(GuestState state) => (int)state.Read64(Arm64State.X(Arm64State.SyscallNumber));

    public ulong GetSyscallArgument(GuestState state, int index) => state.Read64(Arm64State.X(index));

    public void SetSyscallResult(GuestState state, long result) => state.Write64(Arm64State.X(0), (ulong)result);

    public ulong GetStackPointer(GuestState state) => state.Read64(Arm64State.Sp);

    public void InitializeCloneChild(GuestState state, ulong stackPointer, ulong? threadPointer)
    {
        if (stackPointer != 0) state.Write64(Arm64State.Sp, stackPointer);
        if (threadPointer is { } tls) state.Write64(Arm64State.Tpidr, tls);
        SetSyscallResult(state, 0);
        state.Write(Arm64State.ExclusiveValid, 1, 0);
    }

    public ReadOnlySpan<byte> SigreturnTrampoline => Trampoline;

    public int SignalFrameSize => FrameSize;

    /// <summary>The frame record goes 16-byte aligned below the stack pointer, the rt_sigframe right below it.</summary>
    public ulong PlaceSignalFrame(ulong stackPointer) => ((stackPointer - 16) & ~0xFUL) - SigframeSize;

    public void WriteSignalFrame(Span<byte> frame, GuestState state, in SignalInfo info, SignalSet savedMask, in SignalStack stack)
    {
        frame[..FrameSize].Clear();
        info.WriteTo(frame);
        GenericUcontext.WriteHeader(frame[UcontextOffset..], savedMask, stack);
        for (var i = 0; i < 31; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(frame[(RegsOffset + i * 8)..], state.Read64(Arm64State.X(i)));
        BinaryPrimitives.WriteUInt64LittleEndian(frame[SpOffset..], state.Read64(Arm64State.Sp));
        BinaryPrimitives.WriteUInt64LittleEndian(frame[PcOffset..], state.Read64(Arm64State.Pc));
        BinaryPrimitives.WriteUInt64LittleEndian(frame[PstateOffset..], ReadNzcv(state));

        BinaryPrimitives.WriteUInt32LittleEndian(frame[ReservedOffset..], FpsimdMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[(ReservedOffset + 4)..], FpsimdSize);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[FpsrOffset..], ReadFpsr(state));
        BinaryPrimitives.WriteUInt32LittleEndian(frame[FpcrOffset..], (uint)state.Read(Arm64State.Fpcr, 4));
        state.Bytes.AsSpan(Arm64State.Vector(0), 32 * 16).CopyTo(frame[VregsOffset..]);
        // The terminating null record after fpsimd_context is already zero.

        BinaryPrimitives.WriteUInt64LittleEndian(frame[FrameRecordOffset..], state.Read64(Arm64State.X(Arm64State.Fp)));
        BinaryPrimitives.WriteUInt64LittleEndian(frame[(FrameRecordOffset + 8)..], state.Read64(Arm64State.X(Arm64State.Lr)));
    }

    public void EnterSignalHandler(GuestState state, int signal, ulong frameAddress, ulong handler, ulong returnAddress)
    {
        state.Write64(Arm64State.X(0), (ulong)signal);
        state.Write64(Arm64State.X(1), frameAddress);
        state.Write64(Arm64State.X(2), frameAddress + UcontextOffset);
        state.Write64(Arm64State.Sp, frameAddress);
        state.Write64(Arm64State.X(Arm64State.Fp), frameAddress + FrameRecordOffset);
        state.Write64(Arm64State.X(Arm64State.Lr), returnAddress);
        state.Write64(Arm64State.Pc, handler);
        // Taking an exception clears the exclusive monitor.
        state.Write(Arm64State.ExclusiveValid, 1, 0);
    }

    public ulong SignalFrameAddressOnReturn(GuestState state) => GetStackPointer(state);

    public void RestoreSignalFrame(ReadOnlySpan<byte> frame, GuestState state, out SignalSet mask, out SignalStack stack)
    {
        GenericUcontext.ReadHeader(frame[UcontextOffset..], out mask, out stack);
        for (var i = 0; i < 31; i++)
            state.Write64(Arm64State.X(i), BinaryPrimitives.ReadUInt64LittleEndian(frame[(RegsOffset + i * 8)..]));
        state.Write64(Arm64State.Sp, BinaryPrimitives.ReadUInt64LittleEndian(frame[SpOffset..]));
        state.Write64(Arm64State.Pc, BinaryPrimitives.ReadUInt64LittleEndian(frame[PcOffset..]));
        WriteNzcv(state, BinaryPrimitives.ReadUInt64LittleEndian(frame[PstateOffset..]));
        if (BinaryPrimitives.ReadUInt32LittleEndian(frame[ReservedOffset..]) == FpsimdMagic)
        {
            WriteFpsr(state, BinaryPrimitives.ReadUInt32LittleEndian(frame[FpsrOffset..]));
            state.Write(Arm64State.Fpcr, 4, BinaryPrimitives.ReadUInt32LittleEndian(frame[FpcrOffset..]) & 0x07C8_0000);
            frame.Slice(VregsOffset, 32 * 16).CopyTo(state.Bytes.AsSpan(Arm64State.Vector(0)));
        }
        state.Write(Arm64State.ExclusiveValid, 1, 0);
    }

    /// <summary>PSTATE's NZCV bits [31:28] from the four flag slots.</summary>
    public static ulong ReadNzcv(GuestState state) =>
        (state.Read64(Arm64State.N) & 1) << 31 | (state.Read64(Arm64State.Z) & 1) << 30
        | (state.Read64(Arm64State.C) & 1) << 29 | (state.Read64(Arm64State.V) & 1) << 28;

    public static void WriteNzcv(GuestState state, ulong pstate)
    {
        state.Write64(Arm64State.N, (pstate >> 31) & 1);
        state.Write64(Arm64State.Z, (pstate >> 30) & 1);
        state.Write64(Arm64State.C, (pstate >> 29) & 1);
        state.Write64(Arm64State.V, (pstate >> 28) & 1);
    }

    /// <summary>FPSR from the flag byte (FpExceptions layout) and QC.</summary>
    public static uint ReadFpsr(GuestState state)
    {
        var flags = (uint)state.Read(Arm64State.FpsrFlags, 1);
        uint Bit(int from, int to) => ((flags >> from) & 1) << to;
        var fpsr = Bit(4, 0) | Bit(3, 1) | Bit(2, 2) | Bit(1, 3) | Bit(0, 4) | Bit(5, 7);
        return fpsr | ((uint)state.Read(Arm64State.FpsrSaturation, 1) & 1) << 27;
    }

    public static void WriteFpsr(GuestState state, uint fpsr)
    {
        uint Bit(int from, int to) => ((fpsr >> from) & 1) << to;
        state.Write(Arm64State.FpsrFlags, 1, Bit(0, 4) | Bit(1, 3) | Bit(2, 2) | Bit(3, 1) | Bit(4, 0) | Bit(7, 5));
        state.Write(Arm64State.FpsrSaturation, 1, (fpsr >> 27) & 1);
    }

    private static ulong CapabilitiesOf(A64Decoder decoder)
    {
        var features = decoder.Encodings.Select(e => e.Feature).ToHashSet();
        var bits = 0UL;
        if (features.Contains(A64Feature.FloatingPoint)) bits |= HwcapFp;
        if (features.Contains(A64Feature.AdvancedSimd)) bits |= HwcapAsimd;
        if (features.Contains(A64Feature.Crc32)) bits |= HwcapCrc32;
        if (features.Contains(A64Feature.Atomics)) bits |= HwcapAtomics;
        if (features.Contains(A64Feature.Rcpc)) bits |= HwcapLrcpc;
        return bits;
    }
}
