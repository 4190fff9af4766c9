namespace Cross.Elf.Tests.Support;

/// <summary>
/// Compiles the test programs once per run into a temporary directory. Binaries whose compiler
/// is missing are null; tests needing them are marked with <see cref="ToolFactAttribute"/>.
/// </summary>
public sealed class CompiledBinaries : IDisposable
{
    /// <summary>A small program with a global, a static local, a TLS variable and libc calls.</summary>
    public const string HelloSource = """
        #include <stdio.h>

        int cross_elf_global = 42;
        static int cross_elf_counter;
        __thread int cross_elf_tls = 3;

        int cross_elf_function(int x)
        {
            return x * 3 + cross_elf_global + cross_elf_tls;
        }

        int main(int argc, char **argv)
        {
            (void)argv;
            cross_elf_counter++;
            printf("%d\n", cross_elf_function(argc));
            return cross_elf_counter;
        }
        """;

    /// <summary>A libc-free program: a ~13 KB static executable that keeps fuzzing fast.</summary>
    public const string TinySource = """
        int tiny_global = 7;
        static int tiny_local;

        int tiny_add(int x)
        {
            return x + tiny_global + tiny_local++;
        }

        void _start(void)
        {
            for (;;)
                tiny_add(1);
        }
        """;

    private readonly string _directory;

    public CompiledBinaries()
    {
        _directory = Path.Combine(Path.GetTempPath(), "cross-elf-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var hello = Write("hello.c", HelloSource);
        var tiny = Write("tiny.c", TinySource);

        var jobs = new List<Action>();
        if (HostTools.Find(HostTools.Gcc) is not null)
        {
            X86StaticPath = Path.Combine(_directory, "hello-x86_64-static");
            X86PiePath = Path.Combine(_directory, "hello-x86_64-pie");
            X86ObjectPath = Path.Combine(_directory, "hello-x86_64.o");
            X86TinyPath = Path.Combine(_directory, "tiny-x86_64");
            jobs.Add(() => HostTools.Run(HostTools.Gcc, "-static", "-O1", "-Wl,--build-id", "-o", X86StaticPath, hello));
            jobs.Add(() => HostTools.Run(HostTools.Gcc, "-O1", "-fPIE", "-pie", "-Wl,--build-id", "-o", X86PiePath, hello));
            jobs.Add(() => HostTools.Run(HostTools.Gcc, "-c", "-O1", "-o", X86ObjectPath, hello));
            jobs.Add(() => HostTools.Run(HostTools.Gcc, "-static", "-nostdlib", "-O1", "-Wl,--build-id", "-o", X86TinyPath, tiny));
        }

        if (HostTools.Find(HostTools.RiscVGcc) is not null)
        {
            RiscVStaticPath = Path.Combine(_directory, "hello-riscv64-static");
            jobs.Add(() => HostTools.Run(HostTools.RiscVGcc, "-static", "-O1", "-o", RiscVStaticPath, hello));
        }

        // Static links take a few hundred milliseconds each; run them side by side.
        Parallel.Invoke(jobs.ToArray());
    }

    public string? X86StaticPath { get; }
    public string? X86PiePath { get; }
    public string? X86ObjectPath { get; }
    public string? X86TinyPath { get; }
    public string? RiscVStaticPath { get; }

    public string X86Static => X86StaticPath ?? throw new InvalidOperationException("gcc is not installed");
    public string X86Pie => X86PiePath ?? throw new InvalidOperationException("gcc is not installed");
    public string X86Object => X86ObjectPath ?? throw new InvalidOperationException("gcc is not installed");
    public string X86Tiny => X86TinyPath ?? throw new InvalidOperationException("gcc is not installed");
    public string RiscVStatic => RiscVStaticPath ?? throw new InvalidOperationException($"{HostTools.RiscVGcc} is not installed");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files are harmless; never fail the run over cleanup.
        }
    }

    private string Write(string name, string contents)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, contents + "\n");
        return path;
    }
}
