using Cross.Core.Engine;
using Cross.UserMode.Memory;
using Microsoft.Win32.SafeHandles;

namespace Cross.UserMode;

/// <summary>What to run and how: the guest program, its arguments and environment, and the engine.</summary>
public sealed record UserModeOptions
{
    /// <summary>The guest executable (a host path).</summary>
    public required string ProgramPath { get; init; }

    /// <summary>argv[1..]; argv[0] is <see cref="Argv0"/>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>argv[0]; the program path as given when null (as qemu-user does).</summary>
    public string? Argv0 { get; init; }

    /// <summary>The guest environment as NAME=VALUE strings; the host's environment when null.</summary>
    public IReadOnlyList<string>? Environment { get; init; }

    /// <summary>The guest's initial working directory; the host's when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Host files the guest sees as descriptors 0, 1 and 2 (borrowed, not closed); the host's own when null.</summary>
    public SafeFileHandle? StandardInput { get; init; }

    public SafeFileHandle? StandardOutput { get; init; }

    public SafeFileHandle? StandardError { get; init; }

    /// <summary>The backend that runs translated blocks (the interpreter, the LLVM JIT).</summary>
    public required IBackend Backend { get; init; }

    /// <summary>Engine settings (block size, passes, the --dump-ir hook).</summary>
    public EngineOptions? Engine { get; init; }

    /// <summary>Where warnings go ("cross: unsupported syscall…"); standard error when null.</summary>
    public TextWriter? Diagnostics { get; init; }

    /// <summary>When set, every system call is logged here with its arguments and result (--strace).</summary>
    public TextWriter? Strace { get; init; }

    /// <summary>
    /// Guest instructions per time slice. A signal sent to the process ends the slice at once
    /// (<see cref="GuestContext.ExitRequested"/>), so slices can be long: a slice that ends inside
    /// a compiled loop resumes on the first tier until it reaches compiled code again.
    /// </summary>
    public long SliceBudget { get; init; } = 50_000_000;

    /// <summary>Bytes of guest address space (reserved, not committed, on the host).</summary>
    public ulong AddressSpaceSize { get; init; } = GuestAddressSpace.DefaultSize;

    /// <summary>Bytes reserved for the main thread's stack (RLIMIT_STACK).</summary>
    public ulong StackSize { get; init; } = 8UL << 20;

    /// <summary>The guest's root for dynamic loaders and libraries (qemu's -L): absolute paths that exist under it are opened there.</summary>
    public string? Sysroot { get; init; }

    /// <summary>
    /// How to start the emulator for a guest fork or execve: the command and its <c>cross run</c>
    /// options up to the program (engine, sysroot, strace…); hidden options naming the state to
    /// take over are added to it. Null: fork and execve answer ENOSYS.
    /// </summary>
    public IReadOnlyList<string>? HostCommand { get; init; }

    /// <summary>What the process that exec'd this program left to it (descriptors, signals, children); null for a fresh start.</summary>
    internal Processes.ExecInheritance? Inherited { get; init; }

    /// <summary>The 16 AT_RANDOM bytes; fresh random bytes when null (set for reproducible runs).</summary>
    public ReadOnlyMemory<byte>? AuxRandom { get; init; }
}
