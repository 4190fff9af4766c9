using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;
using Cross.Elf;
using Cross.UserMode.Abi;
using Cross.UserMode.Files;
using Cross.UserMode.Loading;
using Cross.UserMode.Memory;
using Cross.UserMode.Processes;
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

    /// <summary>Host stack of each guest thread's host thread (reserved, committed as used; deep enough for the engine).</summary>
    private const int GuestThreadStackSize = 16 << 20;

    /// <summary>How long the end of the process waits for other guest threads' host threads to stop.</summary>
    private static readonly TimeSpan ThreadJoinGrace = TimeSpan.FromSeconds(2);

    private readonly List<GuestThread> _threads = new();
    private readonly List<Thread> _hostThreads = new();
    private readonly ManualResetEventSlim _exitedSignal = new();
    private Exception? _failure;
    private bool _threadsOutlived;
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
        Children = new ChildProcesses(this);
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

    /// <summary>The child processes fork made (host processes), for wait4 and SIGCHLD.</summary>
    public ChildProcesses Children { get; }

    /// <summary>Held while host descriptors are handed to a new host process (fork's spawn, execve), so two never interleave.</summary>
    internal object SpawnLock { get; } = new();

    /// <summary>ITIMER_REAL (alarm).</summary>
    public AlarmTimer AlarmTimer { get; }

    /// <summary>The guest executable's absolute host path (what /proc/self/exe resolves to).</summary>
    public string ExecutablePath { get; }

    /// <summary>The guest's process id (the host process's own id).</summary>
    public int Pid { get; } = Environment.ProcessId;

    public LoadedImage Image { get; private set; } = null!;

    public InitialStack InitialStack { get; private set; } = null!;

    /// <summary>Where signal handlers return to: the rt_sigreturn trampoline.</summary>
    public ulong SigreturnAddress { get; private set; }

    /// <summary>The thread the process started with (its tid is the pid); it may have exited while others run.</summary>
    public GuestThread MainThread { get; private set; } = null!;

    /// <summary>The guest threads that have not exited.</summary>
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
            files = options.Inherited?.Files ?? new GuestFileTable(
                HostFd(options.StandardInput, 0), HostFd(options.StandardOutput, 1), HostFd(options.StandardError, 2), options.WorkingDirectory);
            var process = new UserModeProcess(options, abi, Path.GetFullPath(path), memory, files);
            process.Start(elf, interpreter);
            if (options.Inherited is { } inherited) process.TakeOver(inherited);
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
    /// Continues a guest process forked by another emulator, from the state it wrote to the
    /// inherited descriptor <paramref name="stateFd"/> (see <see cref="ForkImage"/>). The child's
    /// fork returns 0; its pid is this host process's.
    /// </summary>
    public static UserModeProcess ResumeFork(UserModeOptions options, int stateFd)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var file = TransferFile.Open(stateFd);
        try
        {
            return ForkImage.Read(options, file);
        }
        catch (IOException e)
        {
            throw new UserModeException($"cannot take over the forked process: {e.Message}", e);
        }
    }

    /// <summary>
    /// Loads the program a guest execve named in the state at <paramref name="stateFd"/> (see
    /// <see cref="ExecImage"/>), with what the exec'ing process kept: descriptors, ignored
    /// signals, the signal mask and its children.
    /// </summary>
    public static UserModeProcess ContinueExec(UserModeOptions options, int stateFd)
    {
        ArgumentNullException.ThrowIfNull(options);
        UserModeOptions execOptions;
        using (var file = TransferFile.Open(stateFd))
        {
            try
            {
                execOptions = ExecImage.Read(options, file);
            }
            catch (IOException e)
            {
                throw new UserModeException($"cannot take over the exec'd process: {e.Message}", e);
            }
        }
        try
        {
            return Load(execOptions);
        }
        catch
        {
            execOptions.Inherited?.Files.Dispose();
            throw;
        }
    }

    /// <summary>A process rebuilt from a fork: memory and files are restored by the caller; one thread, whose registers the caller sets.</summary>
    internal static UserModeProcess CreateForked(UserModeOptions options, IGuestAbi abi, string executablePath, GuestMemoryManager memory,
        GuestFileTable files, ulong sigreturnAddress)
    {
        var process = new UserModeProcess(options, abi, executablePath, memory, files) { SigreturnAddress = sigreturnAddress };
        var context = process.Engine.CreateContext(memory.Space);
        process.MainThread = new GuestThread(process, process.Pid, context);
        lock (process._threads) process._threads.Add(process.MainThread);
        return process;
    }

    /// <summary>execve's Linux rules: ignored signals stay ignored, the mask stays, the children stay ours.</summary>
    private void TakeOver(ExecInheritance inherited)
    {
        for (var signal = 1; signal <= Signal.Count; signal++)
            if (inherited.Ignored.Contains(signal) && !Signal.IsUncatchable(signal))
                Signals.SetAction(signal, new SignalAction(SignalAction.Ignore, 0, SignalSet.Empty));
        MainThread.BlockedSignals = inherited.Blocked.Except(SignalSet.Unblockable);
        foreach (var (pid, exitSignal) in inherited.Children) Children.Add(pid, exitSignal);
    }

    /// <summary>
    /// Runs the guest until it exits or is killed, and returns how it ended. The main guest thread
    /// runs on the calling host thread; every thread the guest creates with clone runs on a host
    /// thread of its own. An unexpected host exception on any of them ends the process and is
    /// thrown here as a <see cref="UserModeInternalException"/> naming the guest PC.
    /// </summary>
    public ProcessExit Run()
    {
        RunThread(MainThread);
        // The main thread may end alone (pthread_exit): the process lives while any thread does.
        _exitedSignal.Wait();
        JoinGuestThreads();
        if (Volatile.Read(ref _failure) is { } failure) ExceptionDispatchInfo.Throw(failure);
        return ExitStatus!.Value;
    }

    /// <summary>
    /// Starts a guest thread for clone(CLONE_VM | CLONE_THREAD …): its registers are a copy of
    /// <paramref name="parent"/>'s, prepared by <paramref name="prepare"/> (called once the child
    /// has its thread id, before it runs, on the parent's host thread). The child gets the
    /// parent's signal mask and name and no alternate signal stack, as on Linux. Returns null when no host
    /// thread can be created (EAGAIN).
    /// </summary>
    internal GuestThread? StartThread(GuestThread parent, Action<GuestThread> prepare)
    {
        var context = Engine.CreateContext(Memory.Space);
        parent.Context.State.Bytes.CopyTo(context.State.Bytes, 0);
        var tid = 0;
        GuestThread? child = null;
        // Not disposed: each is set on one thread while the other may still be returning from its
        // wait, and without a wait handle (never asked for) they hold nothing unmanaged.
        var identified = new ManualResetEventSlim();
        var released = new ManualResetEventSlim();
        var host = new Thread(() =>
        {
            // The host thread's own id is unique on the machine, as a Linux tid is (qemu-user does the same).
            tid = Native.Libc.Gettid();
            identified.Set();
            released.Wait();
            if (child is not null) RunThread(child);
        }, GuestThreadStackSize) { IsBackground = true, Name = "cross guest thread" };
        try
        {
            host.Start();
        }
        catch (OutOfMemoryException)
        {
            return null;
        }
        identified.Wait();
        child = new GuestThread(this, tid, context) { BlockedSignals = parent.BlockedSignals, Name = parent.Name };
        prepare(child);
        lock (_threads)
        {
            _threads.Add(child);
            _hostThreads.Add(host);
        }
        released.Set();
        return child;
    }
    /// <summary>Sends a signal to the guest from outside (the front end forwarding Ctrl-C); safe from any thread.</summary>
    public void SendSignal(int signal)
    {
        if (!Signal.IsValid(signal)) throw new ArgumentOutOfRangeException(nameof(signal));
        Signals.Send(new SignalInfo(signal, SignalCode.Kernel));
    }

    /// <summary>Ends the process (exit_group, a fatal signal, from any thread): every guest thread stops. The first status wins.</summary>
    public void Terminate(ProcessExit status)
    {
        lock (_exitSync)
        {
            if (_exit is not null) return;
            _exit = status;
            _exited = true;
        }
        // Compiled code chaining on other threads returns to their run loops at the next block boundary.
        foreach (var thread in Threads) thread.Context.ExitRequested = true;
        Signals.WakeAll();
        Futexes.WakeAll();
        _exitedSignal.Set();
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
        var name = Path.GetFileName(ExecutablePath);
        MainThread = new GuestThread(this, Pid, context) { Name = System.Text.Encoding.UTF8.GetBytes(name.Length > 15 ? name[..15] : name) };
        lock (_threads) _threads.Add(MainThread);
    }

    /// <summary>One guest thread's loop: run guest code, service what stopped it, deliver signals; until the thread or the process ends.</summary>
    private void RunThread(GuestThread thread)
    {
        try
        {
            while (!HasExited && !thread.HasExited)
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
                if (!HasExited && !thread.HasExited && Signals.AnyPending) Signals.DeliverPending(thread);
            }
            if (!HasExited) EndThread(thread);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var failure = e is UserModeException ? e : new UserModeInternalException(e, thread.Context.Pc);
            Interlocked.CompareExchange(ref _failure, failure, null);
            Terminate(ProcessExit.Killed(Signal.SIGKILL));
        }
    }

    /// <summary>
    /// What Linux does when one thread exits (exit, not exit_group): release its robust futexes,
    /// then clear and wake its CLONE_CHILD_CLEARTID word (pthread_join waits on it); the process
    /// ends with the last thread, with the main thread's exit status.
    /// </summary>
    private void EndThread(GuestThread thread)
    {
        RobustFutexList.Release(this, thread);
        if (thread.ClearChildTid is var tidAddress and not 0)
        {
            try
            {
                Memory.Space.AtomicRmw(AtomicOp.Exchange, tidAddress, 4, 0);
                Futexes.Wake(tidAddress, 1);
            }
            catch (GuestMemoryFaultException)
            {
                // Linux ignores an unwritable clear-tid address too.
            }
        }
        bool last;
        lock (_threads)
        {
            _threads.Remove(thread);
            last = _threads.Count == 0;
        }
        if (last) Terminate(ProcessExit.Exited(MainThread.ExitCode));
    }

    /// <summary>
    /// Waits for the host threads of other guest threads to stop. One blocked in a host call that
    /// nothing interrupts (a read from a terminal) may go on forever: then the guest memory is
    /// left mapped at disposal, since that call may still write into it when it returns.
    /// </summary>
    private void JoinGuestThreads()
    {
        Thread[] hosts;
        lock (_threads) hosts = _hostThreads.ToArray();
        var deadline = DateTime.UtcNow + ThreadJoinGrace;
        foreach (var host in hosts)
        {
            if (host == Thread.CurrentThread) continue;
            var left = deadline - DateTime.UtcNow;
            if (!host.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero)) _threadsOutlived = true;
        }
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
        JoinGuestThreads();
        AlarmTimer.Dispose();
        if (_threadsOutlived) return;
        Memory.Dispose();
        Files.Dispose();
        Memory.Space.Dispose();
        _exitedSignal.Dispose();
    }
}
