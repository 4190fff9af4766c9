using Cross.Core.Engine;
using Cross.Elf;
using Cross.UserMode.Files;
using Cross.UserMode.Signals;
using Cross.UserMode.Syscalls;

namespace Cross.UserMode.Abi;

/// <summary>
/// Everything user mode needs to know about one guest architecture's Linux ABI: which registers
/// carry system calls, its syscall numbering, its struct layouts and its signal frame. The
/// system call handlers themselves are shared (aarch64 and riscv64 use the same generic table).
/// </summary>
public interface IGuestAbi
{
    /// <summary>The name users see: "riscv64".</summary>
    string Name { get; }

    ElfMachine Machine { get; }

    /// <summary>uname's machine field.</summary>
    string UnameMachine { get; }

    /// <summary>AT_HWCAP.</summary>
    ulong HardwareCapabilities { get; }

    /// <summary>AT_PLATFORM, or null when the kernel gives none.</summary>
    string? Platform { get; }

    IGuestFrontend CreateFrontend();

    /// <summary>Syscall number to name, for this architecture's table.</summary>
    IReadOnlyDictionary<int, string> SyscallNames { get; }

    /// <summary>Adds handlers only this architecture has (riscv_hwprobe…); shared ones are added by name elsewhere.</summary>
    void RegisterSyscalls(SyscallTableBuilder table);

    // ---- Struct layouts ----

    int StatSize { get; }

    void WriteStat(Span<byte> destination, in FileStatus status);

    // ---- Registers ----

    /// <summary>Sets the registers a new process starts with (Linux's start_thread and ELF_PLAT_INIT).</summary>
    void InitializeRegisters(GuestState state, ulong entry, ulong stackPointer);

    int GetSyscallNumber(GuestState state);

    ulong GetSyscallArgument(GuestState state, int index);

    void SetSyscallResult(GuestState state, long result);

    ulong GetStackPointer(GuestState state);

    /// <summary>
    /// Turns a copy of the parent's registers, taken while the parent is inside a clone system
    /// call (its PC already past the syscall instruction), into the new thread's first registers,
    /// as Linux's copy_thread does: the stack pointer becomes <paramref name="stackPointer"/>
    /// unless that is 0 (then it keeps the parent's value); the thread pointer (riscv64: tp, x4;
    /// aarch64: TPIDR_EL0) becomes <paramref name="threadPointer"/> when it is not null
    /// (CLONE_SETTLS); the syscall result register reads 0 (the child's return value); and any
    /// load-reserved / exclusive-monitor reservation is cleared. Nothing else changes.
    /// </summary>
    void InitializeCloneChild(GuestState state, ulong stackPointer, ulong? threadPointer);

    // ---- Signals ----

    /// <summary>Guest code that calls rt_sigreturn; mapped once, handlers return to it.</summary>
    ReadOnlySpan<byte> SigreturnTrampoline { get; }

    /// <summary>Bytes of the rt_sigframe.</summary>
    int SignalFrameSize { get; }

    /// <summary>Where the frame goes given the stack pointer to build it below (alignment rules).</summary>
    ulong PlaceSignalFrame(ulong stackPointer);

    /// <summary>Fills the rt_sigframe: siginfo, then the ucontext holding the interrupted registers.</summary>
    void WriteSignalFrame(Span<byte> frame, GuestState state, in SignalInfo info, SignalSet savedMask, in SignalStack stack);

    /// <summary>Points the CPU at the handler: signal number and frame pointers in argument registers, return to the trampoline.</summary>
    void EnterSignalHandler(GuestState state, int signal, ulong frameAddress, ulong handler, ulong returnAddress);

    /// <summary>Where rt_sigreturn finds the frame (the stack pointer the handler returned with).</summary>
    ulong SignalFrameAddressOnReturn(GuestState state);

    /// <summary>Restores the registers saved in a frame; returns the mask and alternate stack it recorded.</summary>
    void RestoreSignalFrame(ReadOnlySpan<byte> frame, GuestState state, out SignalSet mask, out SignalStack stack);
}
