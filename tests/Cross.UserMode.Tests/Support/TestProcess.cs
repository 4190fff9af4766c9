using System.Runtime.InteropServices;
using Cross.Backends.Interpreter;
using Cross.Frontends.RiscV;
using Cross.UserMode.Memory;

namespace Cross.UserMode.Tests.Support;

/// <summary>
/// A user-mode process around a tiny hand-assembled guest, with its output in a temporary file,
/// for driving system call handlers directly (registers in, result out) without a compiler.
/// </summary>
public sealed class TestProcess : IDisposable
{
    public const ulong Scratch = 0x20_0000;
    public const ulong ScratchSize = 0x10000;

    private readonly string _directory;
    private readonly SafeHandle _stdout;

    private TestProcess(MiniElf elf, Func<UserModeOptions, UserModeOptions>? configure)
    {
        _directory = System.IO.Directory.CreateTempSubdirectory("cross-proc-").FullName;
        ProgramPath = Path.Combine(_directory, "guest");
        File.WriteAllBytes(ProgramPath, elf.Build());
        StdoutPath = Path.Combine(_directory, "stdout");
        var stdout = File.OpenHandle(StdoutPath, FileMode.Create, FileAccess.ReadWrite);
        _stdout = stdout;
        var options = new UserModeOptions
        {
            ProgramPath = ProgramPath,
            Backend = new InterpreterBackend(),
            Diagnostics = Diagnostics,
            StandardOutput = stdout,
            WorkingDirectory = _directory,
            Environment = ["A=1"],
        };
        Process = UserModeProcess.Load(configure is null ? options : configure(options));
        Process.Memory.Map(Scratch, ScratchSize, MemoryProtection.ReadWrite, "[scratch]");
    }

    public static TestProcess Create(uint[]? code = null, Func<UserModeOptions, UserModeOptions>? configure = null) =>
        new(MiniElf.WithCode(code ?? Rv.Exit(0)), configure);

    public UserModeProcess Process { get; }

    public StringWriter Diagnostics { get; } = new();

    public string ProgramPath { get; }

    public string StdoutPath { get; }

    public string Directory => _directory;

    public GuestAddressSpace Memory => Process.Memory.Space;

    /// <summary>Makes system call <paramref name="number"/> as an ecall would, and returns a0.</summary>
    public long Call(int number, params ulong[] arguments)
    {
        var state = Process.MainThread.Context.State;
        state.Write64(RiscVState.X(17), (ulong)number);
        for (var i = 0; i < 6; i++) state.Write64(RiscVState.X(10 + i), i < arguments.Length ? arguments[i] : 0);
        Process.Syscalls.Dispatch(Process.MainThread);
        return (long)state.Read64(RiscVState.X(10));
    }

    /// <summary>Writes a NUL-terminated string into scratch memory at <paramref name="offset"/> and returns its address.</summary>
    public ulong String(string text, ulong offset = 0)
    {
        var address = Scratch + offset;
        Memory.WriteBytes(address, System.Text.Encoding.UTF8.GetBytes(text + "\0"));
        return address;
    }

    public string StandardOutput()
    {
        using var stream = new FileStream(StdoutPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public void Dispose()
    {
        Process.Dispose();
        _stdout.Dispose();
        System.IO.Directory.Delete(_directory, recursive: true);
    }
}
