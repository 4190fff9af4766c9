using System.Security.Cryptography;
using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;
using Cross.Elf;
using Cross.UserMode.Abi;
using Cross.UserMode.Files;
using Cross.UserMode.Loading;
using Cross.UserMode.Memory;
using Cross.UserMode.Signals;
using Cross.UserMode.Syscalls;

namespace Cross.UserMode;

/// <summary>
/// A guest Linux process run in user mode, like qemu-user: its address space, files, signal
/// state and threads, and the loop that runs guest code and services what stops it (system
/// calls, faults, illegal instructions, the end of a time slice).
/// </summary>
/// <example>
/// <code>
/// using var process = UserModeProcess.Load(new UserModeOptions { ProgramPath = "hello", Backend = new InterpreterBackend() });
/// var exit = process.Run();   // exit.StatusCode is what a shell would report
/// </code>
/// </example>
public sealed class UserModeProcess : IDisposable
{
    /// <summary>Gap left unmapped between the stack and the top of the mmap area.</summary>
    private const ulong StackGap = 16UL << 20;

    private readonly List<GuestThread> _threads = new();
    private readonly SyscallDispatcher _syscalls;
    private readonly TextWriter _diagnostics;
    private readonly object _exitSync = new();
    private readonly HashSet<string> _warnings = new();
    private ProcessExit? _exit;
    private volatile bool _exited;

    private UserModeProcess(UserModeOptions options, IGuestAbi abi, string executablePath, GuestMemoryManager memory, GuestFileTable files)
    {
        Options = options;
        Abi = abi;
        ExecutablePath = executablePath;
        Memory = memory;
        Files = files;
        _diagnostics = options.Diagnostics ?? Console.Error;
        Signals = new SignalManager(this);
        Futexes = new FutexTable(this);
        Limits = new ResourceLimits(options.StackSize);
        AlarmTimer = new AlarmTimer(this);
        ThreadName = System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(executablePath) is { Length: > 15 } name ? name[..15] : Path.GetFileName(executablePath));
        // A user process has no privilege levels or MMU: every block translates with one mode key,
        // so compiled code may follow indirect branches through the jump cache on its own.
        Engine = new ExecutionEngine(abi.CreateFrontend(), options.Backend, (options.Engine ?? new EngineOptions()) with { SingleModeKey = true });
        Engine.Watch(memory.Space);
        var table = new SyscallTableBuilder();
        GenericSyscalls.Register(table);
        abi.RegisterSyscalls(table);
        _syscalls = new SyscallDispatcher(this, table.Build(abi.SyscallNames), options.Strace);
    }

    public UserModeOptions Options { get; }

    /// <summary>The system call table and dispatcher (tests drive handlers through it directly).</summary>
    internal SyscallDispatcher Syscalls => _syscalls;

    public IGuestAbi Abi { get; }

    public ExecutionEngine Engine { get; }

    public GuestMemoryManager Memory { get; }

    public GuestFileTable Files { get; }

    public SignalManager Signals { get; }

    public FutexTable Futexes { get; }

    public ResourceLimits Limits { get; }

    /// <summary>ITIMER_REAL (alarm).</summary>
    public AlarmTimer AlarmTimer { get; }

    /// <summary>The name prctl(PR_SET_NAME) sets and PR_GET_NAME reads (at most 15 bytes).</summary>
    public byte[] ThreadName { get; set; }

    /// <summary>The guest executable's absolute host path (what /proc/self/exe resolves to).</summary>
    public string ExecutablePath { get; }

    /// <summary>The guest's process id (the host process's own id).</summary>
    public int Pid { get; } = Environment.ProcessId;

    public LoadedImage Image { get; private set; } = null!;

    public InitialStack InitialStack { get; private set; } = null!;

    /// <summary>Where signal handlers return to: the rt_sigreturn trampoline.</summary>
    public ulong SigreturnAddress { get; private set; }

    public GuestThread MainThread => _threads[0];

    public IReadOnlyList<GuestThread> Threads
    {
        get { lock (_threads) return _threads.ToArray(); }
    }

    public bool HasExited => _exited;

    /// <summary>How the guest ended; null while it runs.</summary>
    public ProcessExit? ExitStatus
    {
        get { lock (_exitSync) return _exit; }
    }

    /// <summary>
    /// Loads a static guest executable: checks the ELF file, maps it, builds the initial stack and
    /// the main thread. Problems the user must fix throw <see cref="UserModeException"/>, whose
    /// message is one printable line.
    /// </summary>
    public static UserModeProcess Load(UserModeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.ProgramPath;
        var elf = ReadExecutable(path);
        var abi = GuestAbis.ForMachine(elf.Machine)
            ?? throw new UserModeException($"unsupported machine type {ElfMachineNames.Describe(elf.Machine)} in {path}");
        ElfImageLoader.Validate(elf, path, abi);
        (ElfFile Elf, string Path)? interpreter = elf.Interpreter is { } interpreterPath ? ReadInterpreter(interpreterPath, options, path, abi) : null;

        GuestAddressSpace space;
        try
        {
            space = new GuestAddressSpace(options.AddressSpaceSize);
        }
        catch (InsufficientMemoryException e)
        {
            throw new UserModeException(e.Message, e);
        }
        var memory = new GuestMemoryManager(space);
        GuestFileTable? files = null;
        try
        {
            files = new GuestFileTable(
                HostFd(options.StandardInput, 0), HostFd(options.StandardOutput, 1), HostFd(options.StandardError, 2), options.WorkingDirectory);
            var process = new UserModeProcess(options, abi, Path.GetFullPath(path), memory, files);
            process.Start(elf, interpreter);
            return process;
        }
        catch
        {
            files?.Dispose();
            memory.Dispose();
            space.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the guest until it exits or is killed, and returns how it ended. An unexpected host
    /// exception becomes a <see cref="UserModeInternalException"/> naming the guest PC.
    /// </summary>
    public ProcessExit Run()
    {
        var thread = MainThread;
        try
        {
            while (!HasExited)
            {
                var stop = Engine.Run(thread.Context, Options.SliceBudget);
                switch (stop.Kind)
                {
                    case StopKind.Trap:
                        HandleTrap(thread, stop);
                        break;
                    case StopKind.MemoryFault:
                        HandleFault(thread, stop);
                        break;
                    case StopKind.ExitRequested:
                        // A signal was sent (SignalManager.Send): cleared before the check below, so a
                        // signal sent after the check sets it again and ends the next slice early.
                        thread.Context.ExitRequested = false;
                        break;
                }
                if (!HasExited && Signals.AnyPending) Signals.DeliverPending(thread);
            }
        }
        catch (Exception e) when (e is not UserModeException and not OutOfMemoryException)
        {
            throw new UserModeInternalException(e, thread.Context.Pc);
        }
        return ExitStatus!.Value;
    }

    /// <summary>Sends a signal to the guest from outside (the front end forwarding Ctrl-C); safe from any thread.</summary>
    public void SendSignal(int signal)
    {
        if (!Signal.IsValid(signal)) throw new ArgumentOutOfRangeException(nameof(signal));
        Signals.Send(new SignalInfo(signal, SignalCode.Kernel));
    }

    /// <summary>Ends the process (exit_group, a fatal signal). The first status wins.</summary>
    public void Terminate(ProcessExit status)
    {
        lock (_exitSync)
        {
            if (_exit is not null) return;
            _exit = status;
            _exited = true;
        }
        Signals.WakeAll();
        Futexes.WakeAll();
    }

    /// <summary>Prints one "cross: …" line on the diagnostics writer.</summary>
    public void Warn(string message)
    {
        lock (_diagnostics) _diagnostics.WriteLine($"cross: {message}");
    }

    /// <summary>Like <see cref="Warn"/>, but only the first time for each <paramref name="key"/>.</summary>
    public void WarnOnce(string key, string message)
    {
        lock (_warnings)
        {
            if (!_warnings.Add(key)) return;
        }
        Warn(message);
    }

    /// <summary>
    /// Reads the dynamic loader an executable names in PT_INTERP: from the sysroot when it has
    /// the file (as qemu's -L does), otherwise from the host path.
    /// </summary>
    private static (ElfFile Elf, string Path) ReadInterpreter(string interpreter, UserModeOptions options, string programPath, IGuestAbi abi)
    {
        var hostPath = (options.Sysroot is null ? null : GuestPaths.SysrootPath(options.Sysroot, interpreter)) ?? interpreter;
        if (!File.Exists(hostPath))
        {
            throw new UserModeException(options.Sysroot is null
                ? $"{programPath}: dynamic loader {interpreter} not found; give the guest's root with --sysroot DIR (e.g. /usr/aarch64-linux-gnu)"
                : $"{programPath}: dynamic loader {interpreter} not found in {options.Sysroot} or on the host");
        }
        var elf = ReadExecutable(hostPath);
        ElfImageLoader.Validate(elf, hostPath, abi);
        if (elf.Type != ElfType.SharedObject)
            throw new UserModeException($"{hostPath}: the dynamic loader must be position-independent (ET_DYN)");
        if (elf.Interpreter is not null)
            throw new UserModeException($"{hostPath}: the dynamic loader itself asks for a loader");
        return (elf, hostPath);
    }

    private void Start(ElfFile elf, (ElfFile Elf, string Path)? interpreter)
    {
        var space = Memory.Space;
        Image = ElfImageLoader.Load(Memory, elf, Options.ProgramPath, ElfImageLoader.ChooseBias(elf));
        Memory.InitializeBrk(Image.HighAddress);

        // The top page holds the sigreturn trampoline; one guard page; then the stack.
        var page = GuestMemoryManager.PageSize;
        SigreturnAddress = space.Size - page;
        Memory.Map(SigreturnAddress, page, MemoryProtection.ReadExecute, "[vdso]");
        space.Initialize(SigreturnAddress, Abi.SigreturnTrampoline);

        var stackTop = SigreturnAddress - page;
        var stackSize = GuestMemoryManager.PageAlignUp(Math.Max(Options.StackSize, 64 * page));
        Memory.Map(stackTop - stackSize, stackSize, MemoryProtection.ReadWrite, "[stack]");
        Memory.MmapTop = stackTop - stackSize - StackGap;

        // The dynamic loader goes where mmap would put it, as Linux does; it starts first.
        LoadedImage? loader = null;
        if (interpreter is { } dynamicLoader)
        {
            var bias = ElfImageLoader.ChooseMappedBias(Memory, dynamicLoader.Elf)
                ?? throw new UserModeException($"{dynamicLoader.Path}: no room in the guest address space");
            loader = ElfImageLoader.Load(Memory, dynamicLoader.Elf, dynamicLoader.Path, bias);
        }

        var argv = new List<string> { Options.Argv0 ?? Options.ProgramPath };
        argv.AddRange(Options.Arguments);
        var envp = Options.Environment ?? HostEnvironment();
        var random = new byte[16];
        if (Options.AuxRandom is { } fixedRandom) fixedRandom.Span[..16].CopyTo(random);
        else RandomNumberGenerator.Fill(random);

        var ids = HostIds.Current;
        var auxv = new List<InitialStackBuilder.AuxEntry>
        {
            new(AuxVector.AtHwcap, Abi.HardwareCapabilities),
            new(AuxVector.AtPagesz, page),
            new(AuxVector.AtClktck, 100),
            new(AuxVector.AtPhdr, Image.ProgramHeaderAddress),
            new(AuxVector.AtPhent, (ulong)Image.ProgramHeaderEntrySize),
            new(AuxVector.AtPhnum, (ulong)Image.ProgramHeaderCount),
            new(AuxVector.AtBase, loader?.LoadBias ?? 0),
            new(AuxVector.AtFlags, 0),
            new(AuxVector.AtEntry, Image.Entry),
            new(AuxVector.AtUid, ids.Uid),
            new(AuxVector.AtEuid, ids.Euid),
            new(AuxVector.AtGid, ids.Gid),
            new(AuxVector.AtEgid, ids.Egid),
            new(AuxVector.AtSecure, 0),
            new(AuxVector.AtRandom, 0),
            new(AuxVector.AtExecfn, 0),
        };
        if (Abi.Platform is not null) auxv.Add(new(AuxVector.AtPlatform, 0));
        InitialStack = InitialStackBuilder.Build(space, stackTop, argv, envp, Options.ProgramPath, Abi.Platform, random, auxv);

        var context = Engine.CreateContext(space);
        Abi.InitializeRegisters(context.State, loader?.Entry ?? Image.Entry, InitialStack.StackPointer);
        lock (_threads) _threads.Add(new GuestThread(this, Pid, context));
    }

    private void HandleTrap(GuestThread thread, StopReason stop)
    {
        switch (stop.Trap)
        {
            case TrapKind.SystemCall:
                _syscalls.Dispatch(thread);
                break;
            case TrapKind.IllegalInstruction:
                Signals.Force(thread, new SignalInfo(Signal.SIGILL, SignalCode.IllIllOpc, Address: stop.TrapPc));
                break;
            case TrapKind.Breakpoint:
                Signals.Force(thread, new SignalInfo(Signal.SIGTRAP, SignalCode.TrapBrkpt, Address: stop.TrapPc));
                break;
            case TrapKind.Halt:
                break;
        }
    }

    private void HandleFault(GuestThread thread, StopReason stop)
    {
        var info = stop.Fault switch
        {
            null => new SignalInfo(Signal.SIGSEGV, SignalCode.SegvMapErr, Address: stop.TrapPc),
            { Reason: MemoryFaultReason.Misaligned } f => new SignalInfo(Signal.SIGBUS, SignalCode.BusAdrAln, Address: f.Address),
            { Reason: MemoryFaultReason.Permission } f => new SignalInfo(Signal.SIGSEGV, SignalCode.SegvAccErr, Address: f.Address),
            var f => new SignalInfo(Signal.SIGSEGV, SignalCode.SegvMapErr, Address: f.Address),
        };
        Signals.Force(thread, info);
    }

    private static ElfFile ReadExecutable(string path)
    {
        try
        {
            if (Directory.Exists(path)) throw new UserModeException($"{path}: Is a directory");
            return ElfFile.Load(path);
        }
        catch (ElfFormatException e)
        {
            throw new UserModeException($"{path}: {e.Message}", e);
        }
        catch (FileNotFoundException e)
        {
            throw new UserModeException($"{path}: No such file or directory", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UserModeException($"{path}: No such file or directory", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserModeException($"{path}: Permission denied", e);
        }
        catch (IOException e)
        {
            throw new UserModeException($"{path}: {e.Message}", e);
        }
    }

    private static int HostFd(Microsoft.Win32.SafeHandles.SafeFileHandle? handle, int standard) =>
        handle is null ? standard : (int)handle.DangerousGetHandle();

    private static List<string> HostEnvironment()
    {
        var variables = Environment.GetEnvironmentVariables();
        var list = new List<string>(variables.Count);
        foreach (System.Collections.DictionaryEntry entry in variables) list.Add($"{entry.Key}={entry.Value}");
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    public void Dispose()
    {
        Terminate(ProcessExit.Killed(Signal.SIGKILL));
        AlarmTimer.Dispose();
        Memory.Dispose();
        Files.Dispose();
        Memory.Space.Dispose();
    }
}
