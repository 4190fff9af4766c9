using System.Buffers.Binary;
using Cross.Core.Engine;
using Cross.Frontends.RiscV;
using Cross.UserMode.Abi.RiscV64;
using Cross.UserMode.Signals;

namespace Cross.UserMode.Tests.Abi;

public class RiscV64AbiTests
{
    private readonly RiscV64Abi _abi = new();

    private static GuestState StateWithPattern()
    {
        var state = new GuestState(RiscVState.Size);
        for (var i = 1; i < 32; i++) state.Write64(RiscVState.X(i), 0x1000UL * (ulong)i + 7);
        for (var i = 0; i < 32; i++) state.Write64(RiscVState.F(i), 0xF0F0_0000_0000_0000UL | (uint)i);
        state.Write64(RiscVState.Pc, 0x10ABC);
        state.Write(RiscVState.Fcsr, 4, 0xE5);
        return state;
    }

    [Fact]
    public void HardwareCapabilitiesHaveTheImafdcLetters()
    {
        Assert.Equal((1UL << 8) | (1UL << 12) | (1UL << 0) | (1UL << 5) | (1UL << 3) | (1UL << 2), _abi.HardwareCapabilities);
        Assert.Equal(0x112DUL, _abi.HardwareCapabilities);
    }

    [Fact]
    public void SignalFrameHasTheKernelLayout()
    {
        Assert.Equal(128 + 960, _abi.SignalFrameSize);
        var state = StateWithPattern();
        var frame = new byte[_abi.SignalFrameSize];
        var info = new SignalInfo(Signal.SIGSEGV, SignalCode.SegvMapErr, Address: 0xDEAD);
        _abi.WriteSignalFrame(frame, state, info, new SignalSet(0x5), new SignalStack(0x9000, SignalStack.Disable, 0));
        ulong U64(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(frame.AsSpan(offset));

        Assert.Equal(11, BinaryPrimitives.ReadInt32LittleEndian(frame));
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(8)));
        Assert.Equal(0xDEADUL, U64(16));
        const int uc = 128;
        Assert.Equal(0UL, U64(uc));                       // uc_flags
        Assert.Equal(0x9000UL, U64(uc + 16));             // uc_stack.ss_sp
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(uc + 24)));
        Assert.Equal(0x5UL, U64(uc + 40));                // uc_sigmask
        Assert.Equal(0x10ABCUL, U64(uc + 176));           // sc_regs.pc
        Assert.Equal(0x1007UL, U64(uc + 176 + 8));        // ra
        Assert.Equal(0x1F007UL, U64(uc + 176 + 31 * 8));  // t6
        Assert.Equal(0xF0F0_0000_0000_0000UL, U64(uc + 176 + 256));
        Assert.Equal(0xF0F0_0000_0000_001FUL, U64(uc + 176 + 256 + 31 * 8));
        Assert.Equal(0xE5u, BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(uc + 176 + 512)));
    }

    [Fact]
    public void HandlerEntryAndSigreturnRoundTrip()
    {
        var state = StateWithPattern();
        var saved = new GuestState(RiscVState.Size);
        saved.CopyFrom(state);
        var frame = new byte[_abi.SignalFrameSize];
        _abi.WriteSignalFrame(frame, state, new SignalInfo(Signal.SIGUSR1, SignalCode.User), new SignalSet(0x200), SignalStack.Disabled);

        var frameAddress = _abi.PlaceSignalFrame(0x7FFF_F123);
        Assert.Equal(0UL, frameAddress % 16);
        Assert.True(frameAddress + (ulong)_abi.SignalFrameSize <= 0x7FFF_F123);
        _abi.EnterSignalHandler(state, Signal.SIGUSR1, frameAddress, 0x20000, 0xFFF000);
        Assert.Equal(10UL, state.Read64(RiscVState.X(RiscVState.A0)));
        Assert.Equal(frameAddress, state.Read64(RiscVState.X(RiscVState.A1)));
        Assert.Equal(frameAddress + 128, state.Read64(RiscVState.X(RiscVState.A2)));
        Assert.Equal(frameAddress, state.Read64(RiscVState.X(RiscVState.Sp)));
        Assert.Equal(0xFFF000UL, state.Read64(RiscVState.X(RiscVState.Ra)));
        Assert.Equal(0x20000UL, state.Read64(RiscVState.Pc));

        // A handler that edits the saved pc in its ucontext changes where sigreturn resumes.
        BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(128 + 176), 0x10AC0);
        _abi.RestoreSignalFrame(frame, state, out var mask, out _);
        Assert.Equal(0x200UL, mask.Bits);
        Assert.Equal(0x10AC0UL, state.Read64(RiscVState.Pc));
        for (var i = 1; i < 32; i++) Assert.Equal(saved.Read64(RiscVState.X(i)), state.Read64(RiscVState.X(i)));
        for (var i = 0; i < 32; i++) Assert.Equal(saved.Read64(RiscVState.F(i)), state.Read64(RiscVState.F(i)));
        Assert.Equal(0xE5UL, state.Read(RiscVState.Fcsr, 4));
    }

    [Fact]
    public void TrampolineIsLiA7RtSigreturnThenEcall()
    {
        var code = _abi.SigreturnTrampoline.ToArray();
        Assert.Equal(0x08B00893u, BinaryPrimitives.ReadUInt32LittleEndian(code));
        Assert.Equal(0x00000073u, BinaryPrimitives.ReadUInt32LittleEndian(code.AsSpan(4)));
        Assert.Equal("rt_sigreturn", _abi.SyscallNames[139]);
    }

    [Fact]
    public void SyscallRegistersAreA7AndA0ToA5()
    {
        var state = new GuestState(RiscVState.Size);
        state.Write64(RiscVState.X(17), 64);
        for (var i = 0; i < 6; i++) state.Write64(RiscVState.X(10 + i), (ulong)(100 + i));
        Assert.Equal(64, _abi.GetSyscallNumber(state));
        for (var i = 0; i < 6; i++) Assert.Equal((ulong)(100 + i), _abi.GetSyscallArgument(state, i));
        _abi.SetSyscallResult(state, -2);
        Assert.Equal(unchecked((ulong)-2L), state.Read64(RiscVState.X(10)));
    }
}
